/* Drives the import preview dialog under Xvfb on a real temporary database: a CTF is read in
 * the background and previewed (new and rejected, with the reason shown), nothing is written
 * until Import, Import writes it in one go; a hostile file shows its plain refusal and cannot
 * be imported; Cancel writes nothing. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-import-dialog.h"
#include "sp-ui-test.h"

static gchar *tmpdir;

static SpStore *
new_store (const gchar *name)
{
  g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  SpStore *store;

  g_unlink (path);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return store;
}

static guint
count_pupils (SpStore *store)
{
  SpStoreCounts counts;

  g_assert_true (sp_store_count (store, &counts, NULL));
  return counts.pupils;
}

static gboolean
not_loading (gpointer dialog)
{
  return g_strcmp0 (sp_import_dialog_get_state (dialog), "loading") != 0;
}

/* A mapped label below @widget whose text contains @text. */
static GtkWidget *
find_text (GtkWidget   *widget,
           const gchar *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static SpImportDialog *
open_dialog (SpStore     *store,
             const gchar *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SpImportDialog *dialog = sp_import_dialog_new (NULL, store, file);

  gtk_window_present (GTK_WINDOW (dialog));
  sp_ui_test_iterate_until (not_loading, dialog);
  sp_ui_test_settle ();
  /* Every button can be named by a screen reader. */
  {
    g_autoptr(GString) unnamed = g_string_new (NULL);

    sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (dialog), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  return dialog;
}

static void
test_preview_and_import (void)
{
  g_autoptr(SpStore) store = new_store ("import.db");
  g_autofree gchar *path = g_build_filename (SP_TEST_DATA, "ctf-23.xml", NULL);
  SpImportDialog *dialog = open_dialog (store, path);
  SpImportPreview *preview;

  g_assert_cmpstr (sp_import_dialog_get_state (dialog), ==, "preview");
  preview = sp_import_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_rejected, ==, 1);
  g_assert_nonnull (find_text (GTK_WIDGET (dialog), "3 new, 0 changed, 0 unchanged, 1 rejected"));
  g_assert_nonnull (find_text (GTK_WIDGET (dialog), "Oliver Bennett"));
  g_assert_nonnull (find_text (GTK_WIDGET (dialog), "UPN A12345678901B has a wrong check letter"));
  g_assert_cmpuint (count_pupils (store), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_import_dialog_get_state (dialog), ==, "done");
  g_assert_cmpstr (sp_import_dialog_get_message (dialog), ==, "3 pupils were imported.");
  g_assert_cmpuint (count_pupils (store), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_hostile_and_cancel (void)
{
  g_autoptr(SpStore) store = new_store ("hostile.db");
  g_autofree gchar *bomb = g_build_filename (tmpdir, "bomb.xml", NULL);
  g_autofree gchar *path = g_build_filename (SP_TEST_DATA, "ctf-legacy.xml", NULL);
  SpImportDialog *dialog;

  g_assert_true (g_file_set_contents (bomb, "<!DOCTYPE CTfile [<!ENTITY a \"b\">]><CTfile/>", -1,
                                      NULL));
  dialog = open_dialog (store, bomb);
  g_assert_cmpstr (sp_import_dialog_get_state (dialog), ==, "error");
  g_assert_nonnull (strstr (sp_import_dialog_get_message (dialog), "DOCTYPE"));
  g_assert_nonnull (find_text (GTK_WIDGET (dialog), "DOCTYPE"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL)
                  && g_strcmp0 (sp_import_dialog_get_state (dialog), "done") == 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (bomb);

  /* Previewed, then cancelled: nothing written. */
  dialog = open_dialog (store, path);
  g_assert_cmpstr (sp_import_dialog_get_state (dialog), ==, "preview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sp_ui_test_settle ();
  g_assert_cmpuint (count_pupils (store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = g_dir_make_tmp ("sp-import-ui-XXXXXX", NULL);

  g_test_add_func ("/ui/import/preview-and-import", test_preview_and_import);
  g_test_add_func ("/ui/import/hostile-and-cancel", test_hostile_and_cancel);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const gchar *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree gchar *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return status;
}
