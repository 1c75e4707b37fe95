/* sp-register-cell.c: a cell of the SEN register (the school page).
 *
 * One line of text, cut short with an ellipsis when the column is narrower, drawn by the cell
 * itself rather than a GtkLabel or GtkInscription (sp-text-paint.c says why): the register's
 * list view keeps 200 rows of 11 cells alive (GTK 4.8 makes that many whatever the height).
 * A cell is sized from its column's width in characters and the window's font metrics,
 * worked out once per font, and lays its text out on the window's Pango context only when it
 * is drawn. */
#include "config.h"

#include "sp-register-cell.h"
#include "sp-text-paint.h"

struct _SpRegisterCell
{
  GtkWidget    parent_instance;
  SpTextPaint  text;           /* laid out on the window's Pango context when first drawn */
  guint        chars;          /* natural width, in characters */
  gboolean     end;            /* aligned to the end of the line (figures) */
};

enum { CELL_PROP_0, CELL_PROP_TEXT, CELL_N_PROPS };
static GParamSpec *cell_properties[CELL_N_PROPS];

G_DEFINE_FINAL_TYPE (SpRegisterCell, sp_register_cell, GTK_TYPE_WIDGET)

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
  const SpTextMetrics *m = sp_text_paint_metrics (sp_text_paint_window_context (widget));

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
  gint width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (*sp_text_paint_get_text (&self->text) == '\0' || gtk_widget_get_root (widget) == NULL)
    return;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sp_text_paint_draw (widget, snapshot,
                      sp_text_paint_get_layout (&self->text, sp_text_paint_window_context (widget)),
                      &GRAPHENE_RECT_INIT (0, 0, width, height), self->end, 1.0);
  gtk_snapshot_pop (snapshot);
}

void
sp_register_cell_set_text (SpRegisterCell *self,
                           const gchar    *text)
{
  if (!sp_text_paint_set_text (&self->text, text))
    return;
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
      g_value_set_string (value, SP_REGISTER_CELL (object)->text.text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_register_cell_finalize (GObject *object)
{
  SpRegisterCell *self = SP_REGISTER_CELL (object);

  sp_text_paint_clear (&self->text);
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
  sp_text_paint_init (&self->text, SP_TEXT_PAINT_ELLIPSIZE, NULL);
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
