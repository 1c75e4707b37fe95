#pragma once

/* Helpers shared by the window tests: running the main loop until something is true (with a
 * time limit, so a test fails rather than hangs), finding widgets, and reading the database
 * with a connection of the test's own. */

#include <adwaita.h>

#include "sp-window.h"

G_BEGIN_DECLS

void        sp_ui_test_iterate_until      (gboolean   (*done) (gpointer),
                                           gpointer     data);
void        sp_ui_test_iterate_until_within (gboolean (*done) (gpointer),
                                           gpointer     data,
                                           guint        seconds);
void        sp_ui_test_settle             (void);
void        sp_ui_test_settle_within      (guint        seconds);
gboolean    sp_ui_test_file_exists        (gpointer     path);
gchar      *sp_ui_test_daily_backup       (const gchar *database);
void        sp_ui_test_wait_ms            (guint        ms);
gboolean    sp_ui_test_is_mapped          (gpointer     widget);
void        sp_ui_test_present            (GtkWindow   *window);
GtkWidget  *sp_ui_test_find_label         (GtkWidget   *root,
                                           const gchar *text);
void        sp_ui_test_wait_for_label     (gpointer     root,
                                           const gchar *text);
GtkWidget  *sp_ui_test_find_button        (GtkWidget   *root,
                                           const gchar *label);
GPtrArray  *sp_ui_test_message_dialogs    (void);
SpWindow   *sp_ui_test_find_window        (GtkApplication *app);
gboolean    sp_ui_test_has_window         (gpointer     app);
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
