/* sp-text-paint.c: what the widgets that lay out and draw their own text share: the pupil
 * list's rows (SpPupilRow), and the school page's register cells (SpRegisterCell) and the
 * titles and subtitles of its provision map and what works (SpRowText).
 *
 * Why not GtkLabel: these widgets are in long lists, where a label's costs are paid for every
 * row. Measured with callgrind on the 2,000-pupil demo school (the commits that made each
 * widget give the figures and how):
 *  - a GtkLabel or GtkInscription makes a PangoContext of its own (60,000 to 100,000
 *    instructions), and an inscription asks it for font metrics each time it is measured (a
 *    sample text shaped, about 70,000 more). These widgets lay out on one context for many
 *    (the list's or the window's) and measure a font once for all of them (measuring in each
 *    pupil row was 700,000 instructions a row);
 *  - a box of two inscriptions is three widgets to make, style, measure and allocate, and the
 *    pupil list makes up to 30 rows again each time a narrowed search is cleared: one widget a
 *    row took 200 typed queries from 3,175 M to 2,807 M instructions;
 *  - GTK 4.8's column view keeps 200 rows of the register's 11 cells alive: three opens of
 *    the school page took 4.46 G instructions with labels, 4.44 G with inscriptions and 2.85 G
 *    with cells that draw their own text;
 *  - a wrapping GtkLabel shapes its text again at each width it is measured at, a dozen or more
 *    for a row in a boxed list: 90% of the provision map tab's 12.5 G instructions.
 * What a label does that they still need is here, done one way for all three: the layout kept
 * on the context it is drawn with, a font's metrics worked out once per context (and again
 * when its font, resolution or font options change), the text at the start of the line in the
 * widget's direction whichever way its own letters run (a GtkLabel's rule: the right in a
 * right-to-left window) and the colour CSS gives the widget. (Each names itself for screen
 * readers by its text, GtkAccessible's label, as a label is.) */
#include "config.h"

#include <stddef.h>

#include "sp-text-paint.h"

/* @flags says how the text is laid out; @attrs (may be NULL; a reference is taken) its size
 * and weight. */
void
sp_text_paint_init (SpTextPaint      *paint,
                    SpTextPaintFlags  flags,
                    PangoAttrList    *attrs)
{
  *paint = (SpTextPaint) { .flags = flags, .attrs = attrs ? pango_attr_list_ref (attrs) : NULL };
}

void
sp_text_paint_clear (SpTextPaint *paint)
{
  g_clear_pointer (&paint->text, g_free);
  g_clear_object (&paint->layout);
  g_clear_pointer (&paint->attrs, pango_attr_list_unref);
}

/* Returns whether @text is another text than the one there was. */
gboolean
sp_text_paint_set_text (SpTextPaint *paint,
                        const gchar *text)
{
  if (g_strcmp0 (paint->text, text) == 0)
    return FALSE;
  g_free (paint->text);
  paint->text = g_strdup (text);
  if (paint->layout != NULL)
    pango_layout_set_text (paint->layout, sp_text_paint_get_text (paint), -1);
  return TRUE;
}

const gchar *
sp_text_paint_get_text (const SpTextPaint *paint)
{
  return paint->text ? paint->text : "";
}

/* The text laid out on @context: made the first time and for another context. (Pango lays a
 * layout out again itself when its context's font or resolution change.) */
PangoLayout *
sp_text_paint_get_layout (SpTextPaint  *paint,
                          PangoContext *context)
{
  if (paint->layout != NULL && pango_layout_get_context (paint->layout) == context)
    return paint->layout;
  g_clear_object (&paint->layout);
  paint->layout = pango_layout_new (context);
  if (paint->flags & SP_TEXT_PAINT_ELLIPSIZE)
    {
      pango_layout_set_ellipsize (paint->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (paint->layout, TRUE);
    }
  if (paint->flags & SP_TEXT_PAINT_WRAP)
    pango_layout_set_wrap (paint->layout, PANGO_WRAP_WORD_CHAR);
  if (paint->attrs != NULL)
    pango_layout_set_attributes (paint->layout, paint->attrs);
  pango_layout_set_text (paint->layout, sp_text_paint_get_text (paint), -1);
  return paint->layout;
}

/* Draws @layout in @area of @widget (cut short at its width if it ellipsizes; centred in its
 * height if shorter, or at its top with a height of 0): at the start of the line in @widget's
 * direction (the left, or the right in a right-to-left window), or at its end when @end, as a
 * GtkLabel puts its text whichever way the text's own letters run; in the colour CSS gives
 * @widget, times @opacity. */
void
sp_text_paint_draw (GtkWidget             *widget,
                    GtkSnapshot           *snapshot,
                    PangoLayout           *layout,
                    const graphene_rect_t *area,
                    gboolean               end,
                    gdouble                opacity)
{
  gboolean right = end != (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
  gint width = area->size.width, height = area->size.height;
  PangoRectangle logical, pixels;
  GdkRGBA color;
  gfloat dx;
  gint dy;

  if (pango_layout_get_ellipsize (layout) != PANGO_ELLIPSIZE_NONE)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  /* The lines of wrapped text line up with each other as a label's do. Pango puts a paragraph
   * that runs against its context's direction (English in a right-to-left window, Arabic in
   * a left-to-right one) on the other side, so the text is then moved to its side: by
   * nothing when Pango already put it there. */
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_extents (layout, NULL, &logical);
  dx = (gfloat) ((right ? width * PANGO_SCALE - logical.width : 0) - logical.x) / PANGO_SCALE;
  pixels = logical;
  pango_extents_to_pixels (&pixels, NULL);   /* as pango_layout_get_pixel_extents() rounds */
  dy = MAX (0, (height - pixels.height) / 2);
  /* Deprecated in GTK 4.10 for gtk_widget_get_color(), which 4.8 does not have. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= opacity;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (area->origin.x + dx, area->origin.y + dy));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* The PangoContext of @widget's window (its own before it is in one): one for all the widgets
 * of the window in its font. */
PangoContext *
sp_text_paint_window_context (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return gtk_widget_get_pango_context (root ? GTK_WIDGET (root) : widget);
}

typedef struct
{
  guint       serial;   /* of the context when the data was last made; 0: never */
  max_align_t data[];
} ContextData;

/* @size bytes kept on @context under @key for all the widgets drawing with it, zeroed when
 * first asked for. *@changed is TRUE when they are new or the context has changed since (its
 * font, resolution, font options or direction): the caller then works them out again. */
gpointer
sp_text_paint_context_data (PangoContext *context,
                            GQuark        key,
                            gsize         size,
                            gboolean     *changed)
{
  ContextData *cached = g_object_get_qdata (G_OBJECT (context), key);
  guint serial = pango_context_get_serial (context);

  if (cached == NULL)
    {
      cached = g_malloc0 (sizeof (ContextData) + size);
      g_object_set_qdata_full (G_OBJECT (context), key, cached, g_free);
    }
  *changed = cached->serial != serial;
  cached->serial = serial;
  return cached->data;
}

/* The sizes of a character and a line in @context's font, worked out once per font: asking
 * Pango shapes a sample text (about 70,000 instructions). */
const SpTextMetrics *
sp_text_paint_metrics (PangoContext *context)
{
  static GQuark key;
  SpTextMetrics *m;
  gboolean changed;

  if (key == 0)
    key = g_quark_from_static_string ("sp-text-paint-metrics");
  m = sp_text_paint_context_data (context, key, sizeof (SpTextMetrics), &changed);
  if (changed)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      gint ascent = pango_font_metrics_get_ascent (metrics);
      gint descent = pango_font_metrics_get_descent (metrics);
      gint digit_width = pango_font_metrics_get_approximate_digit_width (metrics);

      m->char_width = pango_font_metrics_get_approximate_char_width (metrics);
      m->char_px = PANGO_PIXELS_CEIL (MAX (m->char_width, digit_width));
      m->line_px = PANGO_PIXELS_CEIL (ascent + descent);
      m->baseline_px = PANGO_PIXELS_CEIL (ascent);
      pango_font_metrics_unref (metrics);
    }
  return m;
}

/* The height in pixels of a line in @context's font at @attrs' size and weight: an empty
 * layout's, as a line's height does not depend on its text. */
gint
sp_text_paint_line_height (PangoContext  *context,
                           PangoAttrList *attrs)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoRectangle logical;

  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}
