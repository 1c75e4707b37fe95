/* sp-register-cell.c: a cell of the SEN register (the school page).
 *
 * One line of text, cut short with an ellipsis when the column is narrower. GtkLabel and
 * GtkInscription each make a Pango context of their own (about 60,000 instructions) and an
 * inscription asks it for font metrics every time it is measured (a sample text shaped, about
 * 70,000 more); the register's list view keeps 200 rows of 11 cells alive (GTK 4.8 makes that
 * many whatever the height), so those were most of the page's first frame. A cell here is
 * sized from its column's width in characters and the window's font metrics, worked out once
 * per font, and lays its text out on the window's Pango context only when it is drawn. */
#include "config.h"

#include "sp-register-cell.h"

struct _SpRegisterCell
{
  GtkWidget    parent_instance;
  gchar       *text;
  guint        chars;          /* natural width, in characters */
  gboolean     end;            /* aligned to the end of the line (figures) */
  PangoLayout *layout;         /* on the window's Pango context, made when first drawn */
};

enum { CELL_PROP_0, CELL_PROP_TEXT, CELL_N_PROPS };
static GParamSpec *cell_properties[CELL_N_PROPS];

G_DEFINE_FINAL_TYPE (SpRegisterCell, sp_register_cell, GTK_TYPE_WIDGET)

typedef struct
{
  guint serial;                /* of the Pango context they were worked out for */
  gint  char_px;
  gint  line_px;
  gint  baseline_px;
} CellMetrics;

/* The widths of a character and a line in the font of @widget's window, kept on the window's
 * Pango context until its font, size or resolution change. */
static const CellMetrics *
cell_metrics (GtkWidget *widget)
{
  static GQuark quark;
  GtkRoot *root = gtk_widget_get_root (widget);
  PangoContext *context = gtk_widget_get_pango_context (root ? GTK_WIDGET (root) : widget);
  CellMetrics *m;

  if (quark == 0)
    quark = g_quark_from_static_string ("sp-register-cell-metrics");
  m = g_object_get_qdata (G_OBJECT (context), quark);
  if (m == NULL)
    {
      m = g_new0 (CellMetrics, 1);
      g_object_set_qdata_full (G_OBJECT (context), quark, m, g_free);
    }
  if (m->char_px == 0 || m->serial != pango_context_get_serial (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      gint ascent = pango_font_metrics_get_ascent (metrics);
      gint descent = pango_font_metrics_get_descent (metrics);

      m->char_px = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                           pango_font_metrics_get_approximate_digit_width (metrics)));
      m->line_px = PANGO_PIXELS_CEIL (ascent + descent);
      m->baseline_px = PANGO_PIXELS_CEIL (ascent);
      m->serial = pango_context_get_serial (context);
      pango_font_metrics_unref (metrics);
    }
  return m;
}

static void
sp_register_cell_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SpRegisterCell *self = SP_REGISTER_CELL (widget);
  const CellMetrics *m = cell_metrics (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 3 * m->char_px;       /* room for an ellipsis */
      *natural = MAX (3, self->chars) * m->char_px;
    }
  else
    {
      *minimum = *natural = m->line_px;
      *minimum_baseline = *natural_baseline = m->baseline_px;
    }
}

static void
sp_register_cell_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SpRegisterCell *self = SP_REGISTER_CELL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PangoContext *context;
  gint width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  PangoRectangle logical;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || root == NULL)
    return;
  context = gtk_widget_get_pango_context (GTK_WIDGET (root));
  if (self->layout != NULL && pango_layout_get_context (self->layout) != context)
    g_clear_object (&self->layout);
  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_text (self->layout, self->text, -1);
    }
  pango_layout_set_alignment (self->layout, self->end != rtl ? PANGO_ALIGN_RIGHT
                                                             : PANGO_ALIGN_LEFT);
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* only from GTK 4.10; gtk_widget_get_color is newer */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (0, (height - logical.height) / 2)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

void
sp_register_cell_set_text (SpRegisterCell *self,
                           const gchar    *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  /* Its size does not depend on its text: only a redraw. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), cell_properties[CELL_PROP_TEXT]);
}

static void
sp_register_cell_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case CELL_PROP_TEXT:
      g_value_set_string (value, SP_REGISTER_CELL (object)->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_register_cell_finalize (GObject *object)
{
  SpRegisterCell *self = SP_REGISTER_CELL (object);

  g_free (self->text);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (sp_register_cell_parent_class)->finalize (object);
}

static void
sp_register_cell_class_init (SpRegisterCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_register_cell_get_property;
  object_class->finalize = sp_register_cell_finalize;
  widget_class->measure = sp_register_cell_measure;
  widget_class->snapshot = sp_register_cell_snapshot;
  /* Read-only: the page sets it. For tests and tools that look at the register's rows. */
  cell_properties[CELL_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CELL_N_PROPS, cell_properties);
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sp_register_cell_init (SpRegisterCell *self)
{
}

/* A cell @chars characters wide at its natural width, its text at the end of the line when
 * @end (figures). */
GtkWidget *
sp_register_cell_new (guint    chars,
                      gboolean end)
{
  SpRegisterCell *self = g_object_new (SP_TYPE_REGISTER_CELL, NULL);

  self->chars = chars;
  self->end = end;
  return GTK_WIDGET (self);
}

/* The width of a character in the font of @widget's window, in pixels, as the cells are
 * sized (the rows of the provision map take their narrowest width from it too). */
gint
sp_register_cell_char_px (GtkWidget *widget)
{
  return cell_metrics (widget)->char_px;
}
