/* sp-pupil-row.c: one row of the pupil list, a name over a dimmer summary line, both cut
 * short with an ellipsis.
 *
 * One widget that lays out and draws its two lines itself, where a GtkBox of two
 * GtkInscriptions would be three widgets (three CSS nodes to style, three to measure and
 * allocate). The list makes a row for each of the first 30 places again whenever a search
 * that had narrowed it is cleared, and that making was most of what such a keystroke cost:
 * measured with callgrind on 2,000 pupils (README, Speed). The rows lay out their text with
 * the list's PangoContext, one for all of them, rather than one each (GTK makes a widget's
 * context when first asked, 100,000 instructions). The name is in the list's font family at
 * libadwaita's "heading" size and weight (bold 11 pt), the summary at its "caption" size
 * (9 pt) and "dim-label" opacity; points follow the screen's resolution and text scaling. */
#include "config.h"

#include <pango/pangocairo.h>

#include "sp-pupil-row.h"

#define MARGIN          6     /* around the two lines, as the inscriptions' box had */
#define LINE_GAP        2
#define NAME_POINTS     11    /* libadwaita's .heading */
#define SUMMARY_POINTS  9     /* libadwaita's .caption */
#define SUMMARY_OPACITY 0.55
#define NAT_CHARS       28

struct _SpPupilRow
{
  GtkWidget    parent_instance;

  PangoLayout *name;
  PangoLayout *summary;
  guint        context_serial;   /* of their PangoContext when the layouts were made */
};

G_DEFINE_FINAL_TYPE (SpPupilRow, sp_pupil_row, GTK_TYPE_WIDGET)

/* Every row has the same size, which depends only on the font (and the screen's resolution
 * and font options): measured once for all rows, not once a row, as measuring asks Pango
 * for font metrics and lays out a line (callgrind: 700,000 instructions a row). Used on the
 * main thread only, as all widgets are. */
typedef struct
{
  PangoFontDescription *font;
  gdouble               resolution;
  gulong                options_hash;
  gint                  height;
  gint                  natural_width;
  gint                  name_height;
} RowSizes;

static RowSizes sizes;

/* The list's context when the row is in one (its own before that). */
static PangoContext *
row_context (SpPupilRow *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_GRID_VIEW);

  return gtk_widget_get_pango_context (list ? list : GTK_WIDGET (self));
}

static PangoLayout *
new_layout (PangoContext   *context,
            PangoAttribute *first,
            PangoAttribute *second)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_attr_list_insert (attrs, first);
  if (second != NULL)
    pango_attr_list_insert (attrs, second);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* The layouts follow the font: made again for another context, told when it has changed. */
static void
ensure_layouts (SpPupilRow *self)
{
  PangoContext *context = row_context (self);
  guint serial = pango_context_get_serial (context);

  if (self->name == NULL || pango_layout_get_context (self->name) != context)
    {
      g_autofree gchar *name = self->name ? g_strdup (pango_layout_get_text (self->name)) : NULL;
      g_autofree gchar *summary = self->summary ? g_strdup (pango_layout_get_text (self->summary))
                                                : NULL;

      g_clear_object (&self->name);
      g_clear_object (&self->summary);
      self->name = new_layout (context, pango_attr_size_new (NAME_POINTS * PANGO_SCALE),
                               pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      self->summary = new_layout (context, pango_attr_size_new (SUMMARY_POINTS * PANGO_SCALE),
                                  pango_attr_weight_new (PANGO_WEIGHT_NORMAL));
      if (name != NULL)
        pango_layout_set_text (self->name, name, -1);
      if (summary != NULL)
        pango_layout_set_text (self->summary, summary, -1);
    }
  else if (serial != self->context_serial)
    {
      pango_layout_context_changed (self->name);
      pango_layout_context_changed (self->summary);
    }
  self->context_serial = serial;
}

static gint
line_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}

static const RowSizes *
get_sizes (SpPupilRow *self)
{
  PangoContext *context = row_context (self);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  gdouble resolution = pango_cairo_context_get_resolution (context);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  gulong options_hash = options ? cairo_font_options_hash (options) : 0;

  ensure_layouts (self);
  if (sizes.font == NULL || !pango_font_description_equal (sizes.font, font)
      || sizes.resolution != resolution || sizes.options_hash != options_hash)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      g_autoptr(PangoLayout) name = pango_layout_new (context);
      g_autoptr(PangoLayout) summary = pango_layout_new (context);

      /* The height of a line does not depend on its text: an empty layout has the height
       * of a line in its font. */
      pango_layout_set_attributes (name, pango_layout_get_attributes (self->name));
      pango_layout_set_attributes (summary, pango_layout_get_attributes (self->summary));
      g_clear_pointer (&sizes.font, pango_font_description_free);
      sizes.font = pango_font_description_copy (font);
      sizes.resolution = resolution;
      sizes.options_hash = options_hash;
      sizes.name_height = line_height (name);
      sizes.height = 2 * MARGIN + LINE_GAP + sizes.name_height + line_height (summary);
      sizes.natural_width = 2 * MARGIN + PANGO_PIXELS_CEIL (
        pango_font_metrics_get_approximate_char_width (metrics) * NAT_CHARS);
      pango_font_metrics_unref (metrics);
    }
  return &sizes;
}

static void
sp_pupil_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      gint            for_size,
                      gint           *minimum,
                      gint           *natural,
                      gint           *minimum_baseline,
                      gint           *natural_baseline)
{
  const RowSizes *row = get_sizes (SP_PUPIL_ROW (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN;
      *natural = row->natural_width;
    }
  else
    *minimum = *natural = row->height;
}

static void
sp_pupil_row_size_allocate (GtkWidget *widget,
                            gint       width,
                            gint       height,
                            gint       baseline)
{
  SpPupilRow *self = SP_PUPIL_ROW (widget);
  gint text_width = MAX (width - 2 * MARGIN, 0) * PANGO_SCALE;

  ensure_layouts (self);
  pango_layout_set_width (self->name, text_width);
  pango_layout_set_width (self->summary, text_width);
}

static void
sp_pupil_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SpPupilRow *self = SP_PUPIL_ROW (widget);
  /* At the start of the line, as a label's text is: the right in a right-to-left language. */
  PangoAlignment align = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                         ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  GdkRGBA color, dim;
  gint y = MARGIN;

  ensure_layouts (self);
  pango_layout_set_alignment (self->name, align);
  pango_layout_set_alignment (self->summary, align);
  /* gtk_widget_get_color() is GTK 4.10; in 4.8 the style context is how a widget reads it. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= SUMMARY_OPACITY;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, y));
  gtk_snapshot_append_layout (snapshot, self->name, &color);
  gtk_snapshot_restore (snapshot);
  y += get_sizes (self)->name_height + LINE_GAP;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, y));
  gtk_snapshot_append_layout (snapshot, self->summary, &dim);
  gtk_snapshot_restore (snapshot);
}

static void
sp_pupil_row_finalize (GObject *object)
{
  SpPupilRow *self = SP_PUPIL_ROW (object);

  g_clear_object (&self->name);
  g_clear_object (&self->summary);
  G_OBJECT_CLASS (sp_pupil_row_parent_class)->finalize (object);
}

static void
sp_pupil_row_class_init (SpPupilRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_pupil_row_finalize;
  widget_class->measure = sp_pupil_row_measure;
  widget_class->size_allocate = sp_pupil_row_size_allocate;
  widget_class->snapshot = sp_pupil_row_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pupilrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sp_pupil_row_init (SpPupilRow *self)
{
}

GtkWidget *
sp_pupil_row_new (void)
{
  return g_object_new (SP_TYPE_PUPIL_ROW, NULL);
}

/* Shows @name over @summary; the accessible name and description say the same. */
void
sp_pupil_row_set_texts (SpPupilRow  *self,
                        const gchar *name,
                        const gchar *summary)
{
  g_return_if_fail (SP_IS_PUPIL_ROW (self));

  ensure_layouts (self);
  name = name ? name : "";
  summary = summary ? summary : "";
  if (g_str_equal (name, pango_layout_get_text (self->name))
      && g_str_equal (summary, pango_layout_get_text (self->summary)))
    return;
  pango_layout_set_text (self->name, name, -1);
  pango_layout_set_text (self->summary, summary, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  /* The list's item around the row is what the keyboard moves to, and GTK 4.8 does not name
   * it from what it holds: it is named too, so a screen reader says who each pupil is. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const gchar *
sp_pupil_row_get_name (SpPupilRow *self)
{
  g_return_val_if_fail (SP_IS_PUPIL_ROW (self), NULL);
  return self->name ? pango_layout_get_text (self->name) : "";
}

const gchar *
sp_pupil_row_get_summary (SpPupilRow *self)
{
  g_return_val_if_fail (SP_IS_PUPIL_ROW (self), NULL);
  return self->summary ? pango_layout_get_text (self->summary) : "";
}
