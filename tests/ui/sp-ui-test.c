#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "sp-dates.h"
#include "sp-store-backup.h"
#include "sp-ui-test.h"
#include "sp-pupil-row.h"

static gboolean
timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so; fails the test after @seconds. */
void
sp_ui_test_iterate_until_within (gboolean (*done) (gpointer),
                                 gpointer   data,
                                 guint      seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

/* The same, within 10 seconds. */
void
sp_ui_test_iterate_until (gboolean (*done) (gpointer),
                          gpointer   data)
{
  sp_ui_test_iterate_until_within (done, data, 10);
}

static gboolean
idle_done (gpointer data)
{
  return !g_main_context_pending (NULL);
}

/* Runs the main loop until nothing is pending; fails the test after @seconds. */
void
sp_ui_test_settle_within (guint seconds)
{
  sp_ui_test_iterate_until_within (idle_done, NULL, seconds);
}

void
sp_ui_test_settle (void)
{
  sp_ui_test_settle_within (10);
}

/* For sp_ui_test_iterate_until: whether the file at @path (a gchar *) exists yet. */
gboolean
sp_ui_test_file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Lets time pass with the loop running: for delays a teacher would wait out (autosave). */
void
sp_ui_test_wait_ms (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, timed_out, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
sp_ui_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

void
sp_ui_test_present (GtkWindow *window)
{
  gtk_window_present (window);
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_ui_test_settle ();
}

/* A mapped label (or inscription, or pupil row) showing exactly @text below @root. */
GtkWidget *
sp_ui_test_find_label (GtkWidget   *root,
                       const gchar *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  if (GTK_IS_INSCRIPTION (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;
  if (SP_IS_PUPIL_ROW (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (sp_pupil_row_get_name (SP_PUPIL_ROW (root)), text) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sp_ui_test_find_label (c, text);
      if (found)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget   *root;
  const gchar *text;
} LabelQuery;

static gboolean
label_shown (gpointer data)
{
  LabelQuery *q = data;
  return sp_ui_test_find_label (q->root, q->text) != NULL;
}

/* Lists lay out their rows on the next frame, not at once: wait for the label. */
void
sp_ui_test_wait_for_label (gpointer     root,
                           const gchar *text)
{
  LabelQuery q = { GTK_WIDGET (root), text };
  sp_ui_test_iterate_until (label_shown, &q);
}

/* Where the application writes today's backup of @database when it starts. */
gchar *
sp_ui_test_daily_backup (const gchar *database)
{
  g_autofree gchar *backups = sp_store_backups_dir_for (database);
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *today_iso = sp_date_to_iso (today);
  g_autofree gchar *name = g_strdup_printf ("support-plans-%s.db", today_iso);

  return g_build_filename (backups, name, NULL);
}

/* A mapped button below @root whose label is @label (with its underline, e.g. "_Undo"). */
GtkWidget *
sp_ui_test_find_button (GtkWidget   *root,
                        const gchar *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sp_ui_test_find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

/* The message dialogs showing now, over any window (free the array, not the dialogs). */
GPtrArray *
sp_ui_test_message_dialogs (void)
{
  GPtrArray *found = g_ptr_array_new ();
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      g_ptr_array_add (found, l->data);
  g_list_free (toplevels);
  return found;
}

/* The application's main window on screen, or NULL. */
SpWindow *
sp_ui_test_find_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (SP_IS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

/* For sp_ui_test_iterate_until: whether @app (a GtkApplication) shows its main window. */
gboolean
sp_ui_test_has_window (gpointer app)
{
  return sp_ui_test_find_window (app) != NULL;
}

GtkWidget *
sp_ui_test_child (GtkWidget   *widget,
                  GType        type,
                  const gchar *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

GPtrArray *
sp_ui_test_children_of_type (GtkWidget *parent,
                             GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (parent); c; c = gtk_widget_get_next_sibling (c))
    if (g_type_is_a (G_OBJECT_TYPE (c), type))
      g_ptr_array_add (found, c);
  return found;
}

gint64
sp_ui_test_db_int (const gchar *path,
                   const gchar *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gchar *
sp_ui_test_db_text (const gchar *path,
                    const gchar *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gchar *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

void
sp_ui_test_remove_tree (const gchar *dir)
{
  g_autofree gchar *quoted = g_shell_quote (dir);
  g_autofree gchar *cmd = g_strdup_printf ("rm -rf %s", quoted);

  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", dir);
}

/* Whether @widget shows its name in words: a label of its own, or a label inside it. */
static gboolean
shows_words (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_words (c))
      return TRUE;
  return FALSE;
}

/* The buttons below @root that a screen reader could not name: shown, but with neither words
 * on them nor an accessible label. Adds a line for each to @unnamed. */
void
sp_ui_test_collect_unnamed_buttons (GtkWidget *root,
                                    GString   *unnamed)
{
  if (!gtk_widget_get_visible (root))
    return;
  /* A spin button's own + and − are part of it, read as the spin button and its value. */
  if (GTK_IS_SPIN_BUTTON (root))
    return;
  if (GTK_IS_BUTTON (root) && !shows_words (root)
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL)
      && !(GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root))
           && gtk_test_accessible_has_property (GTK_ACCESSIBLE (gtk_widget_get_parent (root)),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL)))
    {
      const gchar *tip = gtk_widget_get_tooltip_text (root);
      GtkWidget *parent = gtk_widget_get_parent (root);

      if (tip == NULL && parent != NULL)
        tip = gtk_widget_get_tooltip_text (parent);
      g_string_append_printf (unnamed, "%s (tooltip: %s, in %s)\n", G_OBJECT_TYPE_NAME (root),
                              tip ? tip : "none",
                              parent ? G_OBJECT_TYPE_NAME (parent) : "nothing");
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    sp_ui_test_collect_unnamed_buttons (c, unnamed);
}
