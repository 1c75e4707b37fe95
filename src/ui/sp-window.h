#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

GListModel  *sp_window_get_visible_pupils  (SpWindow     *self);
void         sp_window_set_search_text     (SpWindow     *self,
                                            const gchar  *text);
const gchar *sp_window_get_visible_page    (SpWindow     *self);
void         sp_window_show_problem        (SpWindow     *self,
                                            const gchar  *message);
const gchar *sp_window_get_content_page    (SpWindow     *self);
void         sp_window_open_plan           (SpWindow     *self,
                                            gint64        plan_id);
GtkWidget   *sp_window_get_pupil_page      (SpWindow     *self);
GtkWidget   *sp_window_get_plan_page       (SpWindow     *self);
GtkWidget   *sp_window_get_review_page     (SpWindow     *self);
GtkWidget   *sp_window_get_reviews_page    (SpWindow     *self);
GtkWidget   *sp_window_get_school_page     (SpWindow     *self);
const gchar *sp_window_get_overdue_label   (SpWindow     *self);
gboolean     sp_window_confirm_close       (SpWindow     *self);
gboolean     sp_window_save_everything     (SpWindow     *self);

G_END_DECLS
