#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  SP_TEXT_PAINT_ELLIPSIZE = 1 << 0,   /* one line, cut short with an ellipsis at its width */
  SP_TEXT_PAINT_WRAP      = 1 << 1,   /* wrapped at words, else characters, at its width */
} SpTextPaintFlags;

/* A text and the PangoLayout that shows it, made when first asked for on the PangoContext
 * it is drawn with. Part of a widget: sp_text_paint_clear() when the widget is finalized. */
typedef struct
{
  gchar            *text;
  PangoLayout      *layout;
  PangoAttrList    *attrs;     /* its font's size and weight (a reference), or NULL */
  SpTextPaintFlags  flags;
} SpTextPaint;

/* A context's font, measured once (sp_text_paint_metrics). */
typedef struct
{
  gint char_width;    /* an average character, in Pango units */
  gint char_px;       /* the wider of an average character and an average digit, rounded up */
  gint line_px;       /* a line: ascent and descent, rounded up */
  gint baseline_px;   /* the ascent, rounded up */
} SpTextMetrics;

void                 sp_text_paint_init           (SpTextPaint           *paint,
                                                   SpTextPaintFlags       flags,
                                                   PangoAttrList         *attrs);
void                 sp_text_paint_clear          (SpTextPaint           *paint);
gboolean             sp_text_paint_set_text       (SpTextPaint           *paint,
                                                   const gchar           *text);
const gchar         *sp_text_paint_get_text       (const SpTextPaint     *paint);
PangoLayout         *sp_text_paint_get_layout     (SpTextPaint           *paint,
                                                   PangoContext          *context);
void                 sp_text_paint_draw           (GtkWidget             *widget,
                                                   GtkSnapshot           *snapshot,
                                                   PangoLayout           *layout,
                                                   const graphene_rect_t *area,
                                                   gboolean               end,
                                                   gdouble                opacity);
PangoContext        *sp_text_paint_window_context (GtkWidget             *widget);
gpointer             sp_text_paint_context_data   (PangoContext          *context,
                                                   GQuark                 key,
                                                   gsize                  size,
                                                   gboolean              *changed);
const SpTextMetrics *sp_text_paint_metrics        (PangoContext          *context);
gint                 sp_text_paint_line_height    (PangoContext          *context,
                                                   PangoAttrList         *attrs);

G_END_DECLS
