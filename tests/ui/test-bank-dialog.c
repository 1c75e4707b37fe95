/* Drives the target bank dialog under Xvfb on a real temporary database: search narrows the
 * list, the area filter keeps one area, a row activated (as Enter or a double click would)
 * reaches the caller, cancelling answers NULL, and the school's own targets are shown and
 * can be removed. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-bank-dialog.h"
#include "sp-store-bank.h"

static gchar *tmpdir;

static GtkWidget *
dialog_child (SpBankDialog *dialog,
              const gchar  *name)
{
  return sp_ui_test_child (GTK_WIDGET (dialog), SP_TYPE_BANK_DIALOG, name);
}

static SpStore *
new_store (const gchar *name)
{
  g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* What the callback was given. */
typedef struct
{
  guint        calls;
  SpBankEntry *entry;    /* a copy, or NULL when cancelled */
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->entry, sp_bank_entry_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_free)

static void
chosen (const SpBankEntry *entry,
        gpointer           user_data)
{
  Answer *answer = user_data;

  answer->calls++;
  g_clear_pointer (&answer->entry, sp_bank_entry_free);
  answer->entry = entry ? sp_bank_entry_copy (entry) : NULL;
}

static gboolean
answered (gpointer data)
{
  return ((Answer *) data)->calls > 0;
}

static GtkWindow *
new_parent (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  gtk_window_present (parent);
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, parent);
  return parent;
}

static SpBankDialog *
open_dialog (GtkWindow *parent,
             SpStore   *store,
             SpArea     area,
             Answer    *answer)
{
  SpBankDialog *dialog = sp_bank_dialog_choose (parent, store, area, chosen, answer);

  g_assert_nonnull (dialog);
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, dialog);
  sp_ui_test_settle ();
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_null (sp_bank_dialog_get_problem (dialog));
  /* Every button can be named by a screen reader. */
  {
    g_autoptr(GString) unnamed = g_string_new (NULL);

    sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (dialog), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  return dialog;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountQuery;

typedef struct
{
  GtkWidget   *root;
  const gchar *label;
} ButtonQuery;

static gboolean
button_shown (gpointer data)
{
  ButtonQuery *q = data;
  return sp_ui_test_find_button (q->root, q->label) != NULL;
}

static gboolean
count_below (gpointer data)
{
  CountQuery *q = data;
  return g_list_model_get_n_items (q->model) < q->n;
}

static void
test_resources (void)
{
  g_autoptr(GBytes) bank = g_resources_lookup_data ("/io/github/supportplans/SupportPlans/"
                                                    "target-bank.ini", 0, NULL);
  g_autoptr(GBytes) phrases = g_resources_lookup_data ("/io/github/supportplans/SupportPlans/"
                                                       "vague-phrases.txt", 0, NULL);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_nonnull (bank);
  g_assert_nonnull (phrases);
  entries = sp_bank_parse (bank, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >=, 60);
  g_assert_nonnull (memmem (g_bytes_get_data (phrases, NULL), g_bytes_get_size (phrases),
                            "would benefit from", strlen ("would benefit from")));
}

/* Type a search, watch the list narrow, activate a row: the caller gets that entry. */
static void
test_search_and_choose (void)
{
  g_autoptr(SpStore) store = new_store ("choose.db");
  g_auto(Answer) answer = { 0 };
  GtkWindow *parent = new_parent ();
  SpBankDialog *dialog = open_dialog (parent, store, SP_AREA_NONE, &answer);
  GListModel *visible = sp_bank_dialog_get_visible (dialog);
  GtkWidget *search = dialog_child (dialog, "search_entry");
  guint all = g_list_model_get_n_items (visible), narrowed;
  g_autofree gchar *key = NULL;
  CountQuery q = { visible, all };

  g_assert_cmpuint (all, >=, 60);
  /* The search box holds the dialog's focus. Asked of the window, not of the X server: other
   * test programs may open windows on the same display at the same time. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
    g_assert_nonnull (focus);
    g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));
  }
  sp_ui_test_wait_for_label (dialog, sp_bank_dialog_get_entry (dialog, 0)->target);

  /* Typed text filters after the search box's short pause, as for a teacher. */
  gtk_editable_set_text (GTK_EDITABLE (search), "hearing aid");
  sp_ui_test_iterate_until (count_below, &q);
  sp_ui_test_settle ();
  narrowed = g_list_model_get_n_items (visible);
  g_assert_cmpuint (narrowed, >=, 1);
  g_assert_cmpuint (narrowed, <, 5);
  for (guint i = 0; i < narrowed; i++)
    {
      const SpBankEntry *e = sp_bank_dialog_get_entry (dialog, i);
      g_assert_cmpint (e->area, ==, SP_AREA_SENSORY);
      g_assert_true (sp_bank_entry_matches (e, "hearing aid", SP_AREA_NONE));
    }
  sp_ui_test_wait_for_label (dialog, sp_bank_dialog_get_entry (dialog, 0)->target);

  /* Nothing found shows the empty page; clearing brings everything back. */
  sp_bank_dialog_set_search_text (dialog, "xylophone");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (dialog_child (dialog, "stack"))), ==,
                   "empty");
  sp_ui_test_wait_for_label (dialog, "No Targets Found");
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "use_button")));
  sp_bank_dialog_set_search_text (dialog, "");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all);

  /* Choose the second match for "read" by activating its row. */
  sp_bank_dialog_set_search_text (dialog, "read");
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 2);
  key = g_strdup (sp_bank_dialog_get_entry (dialog, 1)->key);
  g_assert_true (gtk_widget_activate_action (dialog_child (dialog, "list_view"), "list.activate-item",
                                             "u", 1));
  sp_ui_test_iterate_until (answered, &answer);
  sp_ui_test_settle ();
  g_assert_cmpuint (answer.calls, ==, 1);
  g_assert_nonnull (answer.entry);
  g_assert_cmpstr (answer.entry->key, ==, key);
  g_assert_cmpuint (g_strv_length (answer.entry->strategies), >=, 2);
  /* The dialog closed itself. */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      g_assert_false (SP_IS_BANK_DIALOG (l->data));
  }
  gtk_window_destroy (parent);
}

/* The area filter keeps one area; the hint opens on it; Enter in the search box takes the
 * first (selected) match. */
static void
test_area_and_enter (void)
{
  g_autoptr(SpStore) store = new_store ("area.db");
  g_auto(Answer) answer = { 0 };
  GtkWindow *parent = new_parent ();
  SpBankDialog *dialog = open_dialog (parent, store, SP_AREA_SEMH, &answer);
  GListModel *visible = sp_bank_dialog_get_visible (dialog);
  GtkWidget *dropdown = dialog_child (dialog, "area_dropdown");
  guint n = g_list_model_get_n_items (visible);
  g_autofree gchar *first = NULL;

  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, SP_AREA_SEMH);
  g_assert_cmpuint (n, >=, 14);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (sp_bank_dialog_get_entry (dialog, i)->area, ==, SP_AREA_SEMH);

  /* Choosing another area in the drop-down, as a teacher would. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SP_AREA_COMMUNICATION);
  sp_ui_test_settle ();
  n = g_list_model_get_n_items (visible);
  g_assert_cmpuint (n, >=, 14);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (sp_bank_dialog_get_entry (dialog, i)->area, ==, SP_AREA_COMMUNICATION);
  /* "autism" within communication; then "anger" finds nothing there. */
  sp_bank_dialog_set_search_text (dialog, "autism");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, n);
  first = g_strdup (sp_bank_dialog_get_entry (dialog, 0)->key);

  g_signal_emit_by_name (dialog_child (dialog, "search_entry"), "activate");
  sp_ui_test_iterate_until (answered, &answer);
  g_assert_cmpuint (answer.calls, ==, 1);
  g_assert_nonnull (answer.entry);
  g_assert_cmpstr (answer.entry->key, ==, first);
  g_assert_cmpstr (answer.entry->need, ==, "ASD");
  gtk_window_destroy (parent);
}

/* Escape closes and answers NULL, once. */
static void
test_cancel (void)
{
  g_autoptr(SpStore) store = new_store ("cancel.db");
  g_auto(Answer) answer = { 0 };
  GtkWindow *parent = new_parent ();
  SpBankDialog *dialog = open_dialog (parent, store, SP_AREA_NONE, &answer);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sp_ui_test_iterate_until (answered, &answer);
  sp_ui_test_settle ();
  g_assert_cmpuint (answer.calls, ==, 1);
  g_assert_null (answer.entry);
  g_assert_null (dialog);
  gtk_window_destroy (parent);
}

/* A target saved from the editor is in the bank next time, marked "Yours", first; it can be
 * found, chosen, and removed (with Undo). */
static void
test_own_targets (void)
{
  g_autoptr(SpStore) store = new_store ("own.db");
  g_autoptr(GError) error = NULL;
  g_auto(Answer) answer = { 0 };
  const gchar *strategies[] = { "Teaching assistant reads the menu with the pupil each Monday",
                                "Picture menu at the hatch", NULL };
  const gchar *target = "Choose their own lunch from the picture menu";
  GtkWindow *parent;
  SpBankDialog *dialog;
  GListModel *visible;
  g_autoptr(GPtrArray) saved = NULL;
  guint all;

  g_assert_true (sp_bank_save_target (store, SP_AREA_SEMH, target, "Chooses on 0 of 5 days",
                                      "Chooses on 5 of 5 days for two weeks", strategies,
                                      &error));
  g_assert_no_error (error);
  /* Saving it again is refused with a sentence. */
  g_assert_false (sp_bank_save_target (store, SP_AREA_SEMH, target, "", "", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  parent = new_parent ();
  dialog = open_dialog (parent, store, SP_AREA_NONE, &answer);
  visible = sp_bank_dialog_get_visible (dialog);
  all = g_list_model_get_n_items (visible);
  g_assert_true (sp_bank_dialog_get_entry (dialog, 0)->user_written);
  g_assert_cmpstr (sp_bank_dialog_get_entry (dialog, 0)->target, ==, target);
  sp_ui_test_wait_for_label (dialog, target);
  sp_ui_test_wait_for_label (dialog, "Yours");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "remove_button")));

  sp_bank_dialog_set_search_text (dialog, "picture MENU");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  /* Remove it: gone from the list and the database ... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bank.remove", NULL));
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  saved = sp_store_list_bank_entries (store, NULL);
  g_assert_cmpuint (saved->len, ==, 0);
  g_clear_pointer (&saved, g_ptr_array_unref);
  sp_bank_dialog_set_search_text (dialog, "");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all - 1);
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "remove_button")));

  /* ... and a shipped entry cannot be removed. */
  g_assert_false (sp_bank_dialog_get_entry (dialog, 0)->user_written);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bank.remove", NULL);
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all - 1);

  /* The toast's Undo puts it back, in the database and at the top of the list. */
  {
    ButtonQuery q = { GTK_WIDGET (dialog), "_Undo" };
    sp_ui_test_iterate_until (button_shown, &q);
    g_signal_emit_by_name (sp_ui_test_find_button (GTK_WIDGET (dialog), "_Undo"), "clicked");
  }
  sp_ui_test_settle ();
  saved = sp_store_list_bank_entries (store, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (((SpBankEntry *) g_ptr_array_index (saved, 0))->target, ==, target);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all);
  g_assert_cmpstr (sp_bank_dialog_get_entry (dialog, 0)->target, ==, target);
  g_assert_true (sp_bank_dialog_get_entry (dialog, 0)->user_written);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sp_ui_test_iterate_until (answered, &answer);
  g_assert_null (answer.entry);
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = g_dir_make_tmp ("sp-bank-ui-XXXXXX", NULL);

  g_test_add_func ("/ui/bank/resources", test_resources);
  g_test_add_func ("/ui/bank/search-and-choose", test_search_and_choose);
  g_test_add_func ("/ui/bank/area-and-enter", test_area_and_enter);
  g_test_add_func ("/ui/bank/cancel", test_cancel);
  g_test_add_func ("/ui/bank/own-targets", test_own_targets);

  status = g_test_run ();

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  g_free (tmpdir);
  return status;
}
