#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_ROW_TEXT (sp_row_text_get_type ())

G_DECLARE_FINAL_TYPE (SpRowText, sp_row_text, SP, ROW_TEXT, GtkWidget)

GtkWidget *sp_row_text_new (const gchar *text,
                            const gchar *css_class);

G_END_DECLS
