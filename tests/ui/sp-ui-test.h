#pragma once

/* Helpers shared by the window tests: running the main loop until something is true (with a
 * time limit, so a test fails rather than hangs), finding widgets, and reading the database
 * with a connection of the test's own. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        sp_ui_test_iterate_until      (gboolean   (*done) (gpointer),
                                           gpointer     data);
void        sp_ui_test_settle             (void);
void        sp_ui_test_wait_ms            (guint        ms);
gboolean    sp_ui_test_is_mapped          (gpointer     widget);
void        sp_ui_test_present            (GtkWindow   *window);
GtkWidget  *sp_ui_test_find_label         (GtkWidget   *root,
                                           const gchar *text);
void        sp_ui_test_wait_for_label     (gpointer     root,
                                           const gchar *text);
GtkWidget  *sp_ui_test_child              (GtkWidget   *widget,
                                           GType        type,
                                           const gchar *name);
GPtrArray  *sp_ui_test_children_of_type   (GtkWidget   *parent,
                                           GType        type);
gint64      sp_ui_test_db_int             (const gchar *path,
                                           const gchar *sql);
gchar      *sp_ui_test_db_text            (const gchar *path,
                                           const gchar *sql);
void        sp_ui_test_remove_tree        (const gchar *dir);

void        sp_ui_test_collect_unnamed_buttons (GtkWidget *root,
                                                GString   *unnamed);

G_END_DECLS
