#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_REGISTER_CELL (sp_register_cell_get_type ())

G_DECLARE_FINAL_TYPE (SpRegisterCell, sp_register_cell, SP, REGISTER_CELL, GtkWidget)

GtkWidget *sp_register_cell_new      (guint           chars,
                                      gboolean        end);
void       sp_register_cell_set_text (SpRegisterCell *self,
                                      const gchar    *text);

G_END_DECLS
