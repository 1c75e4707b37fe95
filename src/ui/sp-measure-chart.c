/* sp-measure-chart.c: the before and after measures of a review as a small bar chart drawn
 * with Cairo, one pair of bars per measured target, each pair on its own scale (the units
 * differ: words read, reading age in months). The numbers are written on the bars, so the
 * chart is readable without colour, and its accessible description says the same in words. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-measure-chart.h"

typedef struct
{
  guint   target;
  gdouble before;
  gdouble after;
  gchar  *unit;
} Pair;

static void
pair_clear (gpointer data)
{
  g_free (((Pair *) data)->unit);
}

gboolean
sp_measure_chart_has_data (const SpReviewRecord *review)
{
  for (guint i = 0; review && i < review->outcomes->len; i++)
    {
      SpOutcomeRecord *o = g_ptr_array_index (review->outcomes, i);
      if (o->has_before && o->has_after)
        return TRUE;
    }
  return FALSE;
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  GArray *pairs = data;
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1.0 }, muted;
  gdouble row_h = (gdouble) height / MAX (pairs->len, 1);
  gdouble label_w = 90, bar_max = width - label_w - 70;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  muted = fg;
  muted.alpha = 0.35;

  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);
      gdouble top = i * row_h + 4, bar_h = (row_h - 14) / 2;
      gdouble scale = MAX (MAX (p->before, p->after), 1e-9);
      gdouble values[2] = { p->before, p->after };
      g_autofree gchar *label = g_strdup_printf (_("Target %u"), p->target);
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, label);

      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, top + bar_h - 8);
      pango_cairo_show_layout (cr, layout);

      for (guint b = 0; b < 2; b++)
        {
          gdouble y = top + b * (bar_h + 2);
          gdouble w = MAX (2, bar_max * MAX (values[b], 0) / scale);
          g_autofree gchar *text = g_strdup_printf ("%s %g %s", b == 0 ? _("before") : _("after"),
                                                    values[b], p->unit);

          gdk_cairo_set_source_rgba (cr, b == 0 ? &muted : &accent);
          cairo_rectangle (cr, label_w, y, w, bar_h);
          cairo_fill (cr);
          pango_layout_set_text (layout, text, -1);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, label_w + 6, y + (bar_h - 16) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      g_object_unref (layout);
    }
}

GtkWidget *
sp_measure_chart_new (const SpReviewRecord *review)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GArray *pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_autoptr(GString) description = g_string_new (NULL);

  g_array_set_clear_func (pairs, pair_clear);
  for (guint i = 0; i < review->outcomes->len; i++)
    {
      SpOutcomeRecord *o = g_ptr_array_index (review->outcomes, i);
      Pair p;

      if (!o->has_before || !o->has_after)
        continue;
      p.target = o->target_position;
      p.before = o->measure_before;
      p.after = o->measure_after;
      p.unit = g_strdup (o->measure_unit);
      g_array_append_val (pairs, p);
      g_string_append_printf (description, _("Target %u: %g before, %g after (%s). "),
                              p.target, p.before, p.after, p.unit);
    }

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 18 + 52 * (gint) pairs->len);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, pairs,
                                  (GDestroyNotify) g_array_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Before and after measures"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_set_margin_top (area, 6);
  gtk_widget_set_margin_bottom (area, 6);
  return area;
}
