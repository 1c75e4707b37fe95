/* sp-pupil-row.c: one row of the pupil list, a name over a dimmer summary line, both cut
 * short with an ellipsis.
 *
 * One widget that lays out and draws its two lines itself (sp-text-paint.c says why), where a
 * GtkBox of two GtkInscriptions would be three widgets. The list makes a row for each of the
 * first 30 places again whenever a search that had narrowed it is cleared. The rows lay out
 * their text with the list's PangoContext, one for all of them, rather than one each. The name
 * is in the list's font family at libadwaita's "heading" size and weight (bold 11 pt), the
 * summary at its "caption" size (9 pt) and "dim-label" opacity; points follow the screen's
 * resolution and text scaling. */
#include "config.h"

#include "sp-pupil-row.h"
#include "sp-text-paint.h"

#define MARGIN          6     /* around the two lines, as the inscriptions' box had */
#define LINE_GAP        2
#define NAME_POINTS     11    /* libadwaita's .heading */
#define SUMMARY_POINTS  9     /* libadwaita's .caption */
#define SUMMARY_OPACITY 0.55
#define NAT_CHARS       28

struct _SpPupilRow
{
  GtkWidget   parent_instance;

  SpTextPaint name;
  SpTextPaint summary;
};

G_DEFINE_FINAL_TYPE (SpPupilRow, sp_pupil_row, GTK_TYPE_WIDGET)

/* The two lines' sizes and weights, the same in every row. */
static PangoAttrList *name_attrs, *summary_attrs;

/* Every row has the same size, which depends only on the font (and the screen's resolution
 * and font options): worked out once for all the rows of a list, on its context, not once a
 * row (700,000 instructions a row). */
typedef struct
{
  gint height;
  gint natural_width;
  gint name_height;
} RowSizes;

/* The list's context when the row is in one (its own before that). */
static PangoContext *
row_context (SpPupilRow *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_GRID_VIEW);

  return gtk_widget_get_pango_context (list ? list : GTK_WIDGET (self));
}

static const RowSizes *
get_sizes (SpPupilRow *self)
{
  static GQuark key;
  PangoContext *context = row_context (self);
  RowSizes *sizes;
  gboolean changed;

  if (key == 0)
    key = g_quark_from_static_string ("sp-pupil-row-sizes");
  sizes = sp_text_paint_context_data (context, key, sizeof (RowSizes), &changed);
  if (changed)
    {
      sizes->name_height = sp_text_paint_line_height (context, name_attrs);
      sizes->height = 2 * MARGIN + LINE_GAP + sizes->name_height
                      + sp_text_paint_line_height (context, summary_attrs);
      sizes->natural_width = 2 * MARGIN + PANGO_PIXELS_CEIL (
        sp_text_paint_metrics (context)->char_width * NAT_CHARS);
    }
  return sizes;
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
sp_pupil_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SpPupilRow *self = SP_PUPIL_ROW (widget);
  PangoContext *context = row_context (self);
  gint width = MAX (gtk_widget_get_width (widget) - 2 * MARGIN, 0);
  gint below = MARGIN + get_sizes (self)->name_height + LINE_GAP;

  sp_text_paint_draw (widget, snapshot, sp_text_paint_get_layout (&self->name, context),
                      &GRAPHENE_RECT_INIT (MARGIN, MARGIN, width, 0), FALSE, 1.0);
  sp_text_paint_draw (widget, snapshot, sp_text_paint_get_layout (&self->summary, context),
                      &GRAPHENE_RECT_INIT (MARGIN, below, width, 0), FALSE, SUMMARY_OPACITY);
}

static void
sp_pupil_row_finalize (GObject *object)
{
  SpPupilRow *self = SP_PUPIL_ROW (object);

  sp_text_paint_clear (&self->name);
  sp_text_paint_clear (&self->summary);
  G_OBJECT_CLASS (sp_pupil_row_parent_class)->finalize (object);
}

static PangoAttrList *
new_attrs (gint        points,
           PangoWeight weight)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new (points * PANGO_SCALE));
  pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  return attrs;
}

static void
sp_pupil_row_class_init (SpPupilRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_pupil_row_finalize;
  widget_class->measure = sp_pupil_row_measure;
  widget_class->snapshot = sp_pupil_row_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pupilrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  name_attrs = new_attrs (NAME_POINTS, PANGO_WEIGHT_BOLD);
  summary_attrs = new_attrs (SUMMARY_POINTS, PANGO_WEIGHT_NORMAL);
}

static void
sp_pupil_row_init (SpPupilRow *self)
{
  sp_text_paint_init (&self->name, SP_TEXT_PAINT_ELLIPSIZE, name_attrs);
  sp_text_paint_init (&self->summary, SP_TEXT_PAINT_ELLIPSIZE, summary_attrs);
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
  GtkWidget *item;

  g_return_if_fail (SP_IS_PUPIL_ROW (self));

  name = name ? name : "";
  summary = summary ? summary : "";
  if (g_str_equal (name, sp_pupil_row_get_name (self))
      && g_str_equal (summary, sp_pupil_row_get_summary (self)))
    return;
  sp_text_paint_set_text (&self->name, name);
  sp_text_paint_set_text (&self->summary, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  /* The list's item around the row is what the keyboard moves to, and GTK 4.8 does not name
   * it from what it holds: it is named too, so a screen reader says who each pupil is. */
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const gchar *
sp_pupil_row_get_name (SpPupilRow *self)
{
  g_return_val_if_fail (SP_IS_PUPIL_ROW (self), NULL);
  return sp_text_paint_get_text (&self->name);
}

const gchar *
sp_pupil_row_get_summary (SpPupilRow *self)
{
  g_return_val_if_fail (SP_IS_PUPIL_ROW (self), NULL);
  return sp_text_paint_get_text (&self->summary);
}
