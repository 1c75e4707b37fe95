#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sp-doc.h"
#include "sp-export-file.h"

G_BEGIN_DECLS

/* A4 portrait, in points (1/72 inch): the unit every drawing here is in. */
#define SP_LAYOUT_PAGE_WIDTH  595.276
#define SP_LAYOUT_PAGE_HEIGHT 841.890

/* An SpDoc laid out into pages with Pango at 72 dpi. The pages are kept as drawing operations
 * so any cairo_t can draw them: a PDF surface for a file, GtkPrintContext's for a printer.
 * One SpLayout is used from one thread at a time. */
typedef struct _SpLayout SpLayout;

SpLayout  *sp_layout_new            (const SpDoc  *doc);
void       sp_layout_free           (SpLayout     *layout);
guint      sp_layout_get_n_pages    (SpLayout     *layout);
void       sp_layout_get_page_size  (SpLayout     *layout,
                                     gdouble      *width,
                                     gdouble      *height);
void       sp_layout_draw_page      (SpLayout     *layout,
                                     cairo_t      *cr,
                                     guint         page);
GBytes    *sp_layout_render_pdf     (SpLayout     *layout,
                                     GError      **error);

gboolean   sp_doc_save_pdf          (const SpDoc  *doc,
                                     const gchar  *path,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLayout, sp_layout_free)

G_END_DECLS
