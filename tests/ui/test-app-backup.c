/* The application's backups, driven as a user would: the daily backup made at start-up,
 * "Back Up Now" to a chosen file, and "Restore…" of a backup, confirmed in its dialog, after
 * which a new window shows the restored school. A bad backup is refused with the window left
 * as it was. (The file choosers are skipped through the app.backup-to and app.restore-file
 * actions they call.) */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-application.h"
#include "sp-pupil.h"
#include "sp-store-backup.h"
#include "sp-store.h"
#include "sp-upn.h"
#include "sp-ui-test.h"
#include "sp-window.h"

/* A restore closes the window and opens another on a copied school: waits are allowed 30 s. */
#define WAIT_S 30

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();

  return dialogs->len > 0 ? g_ptr_array_index (dialogs, 0) : NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

typedef struct
{
  GtkApplication *app;
  gpointer        old;    /* weak pointer to the window before the restore */
  guint           pupils;
} NewWindow;

static gboolean
new_window_shows (gpointer data)
{
  NewWindow *n = data;
  SpWindow *window = n->old == NULL ? sp_ui_test_find_window (n->app) : NULL;

  return window != NULL
         && g_list_model_get_n_items (sp_window_get_visible_pupils (window)) == n->pupils;
}

/* The text of the first label below @root that has @words in it, or NULL. */
static const gchar *
label_with (GtkWidget   *root,
            const gchar *words)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), words) != NULL)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      const gchar *found = label_with (c, words);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
restored_said (gpointer app)
{
  SpWindow *window = sp_ui_test_find_window (app);

  return window != NULL && label_with (GTK_WIDGET (window), "has been restored") != NULL;
}

static guint
count_prefix (const gchar *dir,
              const gchar *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* Pupils without plans: no review is overdue, so the app sends no notification (there is no
 * notification service under Xvfb). */
static void
add_pupil (SpStore     *store,
           guint        serial,
           const gchar *surname)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *upn = sp_upn_make (999, 2001, 19, serial);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "upn", upn, "forename", "Sam",
                                           "surname", surname, "date-of-birth", "2018-10-01",
                                           "year-group", "3", "class-name", "3 Oak",
                                           "sen-status", "K", NULL);

  g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_backup_and_restore (void)
{
  g_autofree gchar *tmpdir = g_dir_make_tmp ("sp-app-backup-XXXXXX", NULL);
  g_autofree gchar *db = g_build_filename (tmpdir, "school.db", NULL);
  g_autofree gchar *monday = g_build_filename (tmpdir, "monday.db", NULL);
  g_autofree gchar *junk = g_build_filename (tmpdir, "junk.db", NULL);
  g_autofree gchar *usb = g_build_filename (tmpdir, "usb.db", NULL);
  g_autofree gchar *backups = sp_store_backups_dir_for (db);
  g_autofree gchar *daily = sp_ui_test_daily_backup (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpApplication) app = NULL;
  NewWindow n = { 0 };
  SpWindow *window;

  /* A school of 6, backed up on "Monday"; one more pupil is added after. */
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, &error);
    static const gchar *names[] = { "Ahmed", "Brown", "Chen", "Davies", "Evans", "Fox" };

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      add_pupil (store, i + 1, names[i]);
    g_assert_true (sp_store_backup_to (store, monday, &error));
    g_assert_no_error (error);
    add_pupil (store, 4242, "Later");
  }
  g_assert_true (g_file_set_contents (junk, "SQLite format 3 but not really", -1, NULL));

  app = sp_application_new (db);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  sp_ui_test_iterate_until_within (sp_ui_test_has_window, app, WAIT_S);
  window = sp_ui_test_find_window (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_model_get_n_items (sp_window_get_visible_pupils (window)), ==, 7);

  /* The day's backup is made in the background, in a private folder, and checks out. */
  sp_ui_test_iterate_until_within (sp_ui_test_file_exists, daily, WAIT_S);
  sp_ui_test_settle_within (WAIT_S);
  g_assert_true (sp_store_backup_check (daily, &error));
  g_assert_no_error (error);

  /* Back Up Now, to a file the user chose. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "backup-to", g_variant_new_string (usb));
  sp_ui_test_iterate_until_within (sp_ui_test_file_exists, usb, WAIT_S);
  sp_ui_test_settle_within (WAIT_S);
  g_assert_true (sp_store_backup_check (usb, &error));
  g_assert_no_error (error);

  /* A file that is not a backup: refused before anything closes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-file",
                                  g_variant_new_string (junk));
  sp_ui_test_settle_within (WAIT_S);
  g_assert_null (find_dialog ());
  g_assert_true (sp_ui_test_find_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpuint (count_prefix (backups, "before-restore-"), ==, 0);

  /* Monday's backup, confirmed: a new window shows the six pupils of Monday. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-file",
                                  g_variant_new_string (monday));
  sp_ui_test_iterate_until_within (has_dialog, NULL, WAIT_S);
  n.app = GTK_APPLICATION (app);
  n.old = window;
  n.pupils = 6;
  g_object_add_weak_pointer (G_OBJECT (window), &n.old);
  adw_message_dialog_response (find_dialog (), "restore");
  sp_ui_test_iterate_until_within (new_window_shows, &n, WAIT_S);
  g_assert_cmpuint (count_prefix (backups, "before-restore-"), ==, 1);
  /* No -wal beside Monday's backup: the message says nothing of one. */
  sp_ui_test_iterate_until_within (restored_said, app, WAIT_S);
  {
    const gchar *said = label_with (GTK_WIDGET (sp_ui_test_find_window (GTK_APPLICATION (app))),
                                    "has been restored");

    g_test_message ("%s", said);
    g_assert_null (strstr (said, "-wal"));
    g_assert_null (strstr (said, "second file"));
  }

  /* The kept copy has the pupil added after Monday. */
  {
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    const gchar *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "before-restore-"))
        {
          g_autofree gchar *kept = g_build_filename (backups, name, NULL);
          g_autoptr(SpStore) store = sp_store_open (kept, SP_STORE_OPEN_NO_CREATE, &error);
          SpStoreCounts counts;

          g_assert_no_error (error);
          g_assert_true (sp_store_count (store, &counts, &error));
          g_assert_cmpuint (counts.pupils, ==, 7);
        }
  }

  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL;)
    gtk_window_destroy (l->data);
  sp_ui_test_settle_within (WAIT_S);

  sp_ui_test_remove_tree (tmpdir);
}

/* A backup copied while the school was open, its last changes still in FILE-wal beside it:
 * the restore brings them back, and the message says the -wal was used, as the command line
 * does. */
static void
test_restore_with_wal (void)
{
  g_autofree gchar *tmpdir = g_dir_make_tmp ("sp-app-backup-XXXXXX", NULL);
  g_autofree gchar *db = g_build_filename (tmpdir, "school.db", NULL);
  g_autofree gchar *live = g_build_filename (tmpdir, "live.db", NULL);
  g_autofree gchar *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree gchar *copy = g_build_filename (tmpdir, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpApplication) app = NULL;
  NewWindow n = { 0 };
  SpWindow *window;
  const gchar *said;

  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(SpStore) other = NULL;
    g_autofree gchar *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    add_pupil (store, 1, "Ahmed");
    g_assert_true (sp_store_backup_to (store, live, &error));
    g_assert_no_error (error);
    other = sp_store_open (live, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    add_pupil (other, 2, "Brown");
    add_pupil (other, 3, "Chen");
    /* Copied by hand while it is open: the two new pupils are in the -wal only. */
    g_assert_true (g_file_get_contents (live, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (live_wal, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    g_assert_true (g_file_set_contents (copy_wal, contents, (gssize) length, NULL));
  }

  /* As sp_application_new makes it, under a name of its own (see first_page_for). */
  app = g_object_new (SP_TYPE_APPLICATION, "application-id", APP_ID ".TestWal",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/supportplans/SupportPlans",
                      "database", db, NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  sp_ui_test_iterate_until_within (sp_ui_test_has_window, app, WAIT_S);
  window = sp_ui_test_find_window (GTK_APPLICATION (app));
  sp_ui_test_settle_within (WAIT_S);

  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-file",
                                  g_variant_new_string (copy));
  sp_ui_test_iterate_until_within (has_dialog, NULL, WAIT_S);
  n.app = GTK_APPLICATION (app);
  n.old = window;
  n.pupils = 3;
  g_object_add_weak_pointer (G_OBJECT (window), &n.old);
  adw_message_dialog_response (find_dialog (), "restore");
  sp_ui_test_iterate_until_within (new_window_shows, &n, WAIT_S);
  sp_ui_test_iterate_until_within (restored_said, app, WAIT_S);
  said = label_with (GTK_WIDGET (sp_ui_test_find_window (GTK_APPLICATION (app))),
                     "has been restored");
  g_test_message ("%s", said);
  g_assert_nonnull (strstr (said, copy_wal));
  g_assert_nonnull (strstr (said, "latest changes"));

  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL;)
    gtk_window_destroy (l->data);
  sp_ui_test_settle_within (WAIT_S);

  sp_ui_test_remove_tree (tmpdir);
}

/* Starts the application on @db as the desktop would and returns its first window's page. The
 * database is opened and the list read in a thread while GTK starts (SpApplication's
 * preload); whatever that thread met must reach the window. */
static gchar *
first_page_for (const gchar *db,
                guint       *n_pupils)
{
  static guint serial;
  g_autofree gchar *id = g_strdup_printf ("%s.Test%u", APP_ID, ++serial);
  g_autoptr(GError) error = NULL;
  /* As sp_application_new makes it, under a name of its own: the application before it in
   * this process keeps its name on the session bus. */
  g_autoptr(SpApplication) app = g_object_new (SP_TYPE_APPLICATION,
                                               "application-id", id,
                                               "flags", G_APPLICATION_NON_UNIQUE,
                                               "resource-base-path",
                                               "/io/github/supportplans/SupportPlans",
                                               "database", db,
                                               NULL);
  SpWindow *window;
  gchar *page;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  sp_ui_test_iterate_until_within (sp_ui_test_has_window, app, WAIT_S);
  window = sp_ui_test_find_window (GTK_APPLICATION (app));
  page = g_strdup (sp_window_get_visible_page (window));
  *n_pupils = g_list_model_get_n_items (sp_window_get_visible_pupils (window));
  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL;)
    gtk_window_destroy (l->data);
  sp_ui_test_settle_within (WAIT_S);
  return page;
}

static void
test_first_window (void)
{
  g_autofree gchar *tmpdir = g_dir_make_tmp ("sp-app-start-XXXXXX", NULL);
  g_autofree gchar *fresh = g_build_filename (tmpdir, "fresh.db", NULL);
  g_autofree gchar *junk = g_build_filename (tmpdir, "junk.db", NULL);
  g_autofree gchar *school = g_build_filename (tmpdir, "school.db", NULL);
  static const gchar junk_text[] = "SQLite format 3 but not really";
  g_autofree gchar *page = NULL;
  g_autofree gchar *after = NULL;
  gsize length = 0;
  guint n = G_MAXUINT;

  /* A first start: a new, empty database, and the page that offers a demo school. */
  page = first_page_for (fresh, &n);
  g_assert_cmpstr (page, ==, "empty");
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_clear_pointer (&page, g_free);

  /* A file that is not a database: the window says so, and the file is left as it was. */
  g_assert_true (g_file_set_contents (junk, junk_text, -1, NULL));
  page = first_page_for (junk, &n);
  g_assert_cmpstr (page, ==, "problem");
  g_assert_true (g_file_get_contents (junk, &after, &length, NULL));
  g_assert_cmpmem (after, length, junk_text, sizeof junk_text - 1);
  g_clear_pointer (&page, g_free);

  /* A school: the list read before the window was made is the one shown. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (school, SP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    add_pupil (store, 1, "Ahmed");
    add_pupil (store, 2, "Brown");
  }
  page = first_page_for (school, &n);
  g_assert_cmpstr (page, ==, "school");
  g_assert_cmpuint (n, ==, 2);

  sp_ui_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/app/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/ui/app/first-window", test_first_window);
  g_test_add_func ("/ui/app/restore-with-wal", test_restore_with_wal);

  return g_test_run ();
}
