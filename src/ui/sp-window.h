#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

GListModel  *sp_window_get_visible_pupils  (SpWindow     *self);
void         sp_window_set_search_text     (SpWindow     *self,
                                            const gchar  *text);
const gchar *sp_window_get_visible_page    (SpWindow     *self);

G_END_DECLS
