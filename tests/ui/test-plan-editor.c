/* Drives the plan editor in the real window under Xvfb, on a real database, and checks what
 * the database holds afterwards. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sp-bank-dialog.h"
#include "sp-plan-page.h"
#include "sp-provision-row.h"
#include "sp-pupil-dialog.h"
#include "sp-store-edit.h"
#include "sp-target-editor.h"
#include "sp-window.h"

static gchar *tmpdir;

static void
set_buffer (GtkTextBuffer *buffer,
            const gchar   *text)
{
  gtk_text_buffer_set_text (buffer, text, -1);
}

/* The children of @parent of @type that show: the page keeps spare editors and rows hidden. */
static GPtrArray *
shown_of_type (GtkWidget *parent,
               GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (parent); c; c = gtk_widget_get_next_sibling (c))
    if (g_type_is_a (G_OBJECT_TYPE (c), type) && gtk_widget_get_visible (c))
      g_ptr_array_add (found, c);
  return found;
}

static guint
n_shown (GtkWidget *parent)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (parent); c; c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_get_visible (c);
  return n;
}

static SpWindow *
open_window (SpStore *store)
{
  SpWindow *window = g_object_new (SP_TYPE_WINDOW, "store", store, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_ui_test_settle ();
  return window;
}

/* The dialog: a wrong check letter is refused with the reason; the right one is added. */
static gint64
add_pupil_through_dialog (SpWindow    *window,
                          const gchar *path)
{
  GtkWidget *dialog = NULL;
  GList *toplevels;
  const gchar *problem;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-pupil", NULL));
  sp_ui_test_settle ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (SP_IS_PUPIL_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "forename_row")),
                         "Zoë");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "surname_row")),
                         "عائشة Kowalski");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "upn_row")),
                         "A801200005001");
  sp_ui_test_settle ();
  problem = sp_pupil_dialog_get_problem (SP_PUPIL_DIALOG (dialog));
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "check letter"));
  /* Add is refused while the UPN is wrong. */
  gtk_widget_activate_action (dialog, "dialog.add", NULL);
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM pupils"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "upn_row")),
                         "b801 2000 05001");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "dob_row")),
                         "30/02/2018");
  sp_ui_test_settle ();
  g_assert_nonnull (sp_pupil_dialog_get_problem (SP_PUPIL_DIALOG (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (dialog, SP_TYPE_PUPIL_DIALOG, "dob_row")),
                         "14/03/2018");
  sp_ui_test_settle ();
  g_assert_null (sp_pupil_dialog_get_problem (SP_PUPIL_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.add", NULL));
  sp_ui_test_settle ();

  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM pupils WHERE upn = 'B801200005001'"
                                 " AND date_of_birth = '2018-03-14' AND forename = 'Zoë'"), ==, 1);
  return sp_ui_test_db_int (path, "SELECT id FROM pupils");
}

static void
test_write_a_plan (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  SpWindow *window = open_window (store);
  GtkWidget *page;
  GtkWidget *targets_box, *provision_list;
  g_autoptr(GPtrArray) editors = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const gchar *const texts[] = {
    "Read the first 100 high-frequency words accurately.",
    "Spell CVC words correctly in independent writing.",
    "Use a word bank to find spellings without adult help.",
    "Retell a short story in order using first, next, then, last.",
  };
  gint64 pupil_id;

  g_assert_no_error (error);
  pupil_id = add_pupil_through_dialog (window, path);
  g_assert_cmpint (pupil_id, >, 0);
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");

  /* Ctrl+N: a new draft plan for this pupil, with a review date already proposed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "plan");
  page = sp_window_get_plan_page (window);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE status = 'draft'"
                                 " AND review_date > start_date"), ==, 1);
  /* No targets yet: a calm notice, not an error. */
  g_assert_nonnull (strstr (sp_plan_page_get_notice (SP_PLAN_PAGE (page)), "0 targets"));

  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (page, "plan.add-target", NULL));
      sp_ui_test_settle ();
    }
  targets_box = sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "targets_box");
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 4);
  g_assert_null (sp_plan_page_get_notice (SP_PLAN_PAGE (page)));

  /* A fifth is refused with the reason, and the database still holds four. */
  g_assert_true (gtk_widget_activate_action (page, "plan.add-target", NULL));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets"), ==, 4);

  /* Type each target, its baseline and success criteria; add a strategy to each. */
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *editor = g_ptr_array_index (editors, i);
      set_buffer (sp_target_editor_get_buffer (SP_TARGET_EDITOR (editor)), texts[i]);
      gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR,
                                                  "baseline_entry")), "Baseline for this one");
      gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR,
                                                  "success_entry")), "8 times out of 10");
    }
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets WHERE success_criteria ="
                                 " '8 times out of 10' AND baseline <> ''"), ==, 4);
  {
    g_autofree gchar *third = sp_ui_test_db_text (path, "SELECT description FROM targets ORDER BY position"
                                             " LIMIT 1 OFFSET 2");
    g_assert_cmpstr (third, ==, texts[2]);
  }

  /* A strategy under the first target. */
  g_signal_emit_by_name (sp_ui_test_child (g_ptr_array_index (editors, 0), SP_TYPE_TARGET_EDITOR,
                                "add_strategy_button"), "clicked");
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM strategies"), ==, 1);
  g_clear_pointer (&editors, g_ptr_array_unref);
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  {
    GtkWidget *list = sp_ui_test_child (g_ptr_array_index (editors, 0), SP_TYPE_TARGET_EDITOR,
                             "strategies_list");
    GtkWidget *row = gtk_widget_get_first_child (list);
    GtkWidget *entry = gtk_widget_get_first_child (gtk_widget_get_first_child (row));

    g_assert_true (GTK_IS_ENTRY (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Precision teaching, 10 minutes daily with Mr Lewis");
  }
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  {
    g_autofree gchar *strategy = sp_ui_test_db_text (path, "SELECT description FROM strategies");
    g_assert_cmpstr (strategy, ==, "Precision teaching, 10 minutes daily with Mr Lewis");
  }

  /* Vague wording is marked, precise wording is not. */
  set_buffer (sp_target_editor_get_buffer (SP_TARGET_EDITOR (g_ptr_array_index (editors, 1))),
              "Will have regular access to a laptop as appropriate.");
  g_assert_true (sp_target_editor_is_vague (SP_TARGET_EDITOR (g_ptr_array_index (editors, 1))));
  g_assert_false (sp_target_editor_is_vague (SP_TARGET_EDITOR (g_ptr_array_index (editors, 0))));
  set_buffer (sp_target_editor_get_buffer (SP_TARGET_EDITOR (g_ptr_array_index (editors, 1))),
              texts[1]);
  g_assert_false (sp_target_editor_is_vague (SP_TARGET_EDITOR (g_ptr_array_index (editors, 1))));

  /* Two lines of provision; costs to the penny from the default rates (TA £19.00 an hour,
   * specialist £60.00). */
  g_assert_true (gtk_widget_activate_action (page, "plan.add-provision", NULL));
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (page, "plan.add-provision", NULL));
  sp_ui_test_settle ();
  provision_list = sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "provision_list");
  rows = shown_of_type (provision_list, SP_TYPE_PROVISION_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 0), SP_TYPE_PROVISION_ROW,
                                              "what_entry")), "Toe by Toe reading programme");
  /* TA, group of 3, 3 a week, 25 minutes, 11 weeks: 1900 × 25/60 × 3 × 11 / 3 = 8708.33 */
  sp_provision_row_set_values (g_ptr_array_index (rows, 0), 3, 3, 25, 11);
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 1), SP_TYPE_PROVISION_ROW,
                                              "what_entry")), "Speech therapist visit");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sp_ui_test_child (g_ptr_array_index (rows, 1),
                                                    SP_TYPE_PROVISION_ROW, "role_dropdown")), 4);
  /* Specialist, 1 pupil, once a week, 45 minutes, 6 weeks: 6000 × 45/60 × 6 = 27000 */
  sp_provision_row_set_values (g_ptr_array_index (rows, 1), 1, 1, 45, 6);
  sp_ui_test_wait_ms (700);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT cost_pence FROM provision ORDER BY position LIMIT 1"),
                   ==, 8708);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT sum(cost_pence) FROM provision"), ==, 8708 + 27000);
  g_assert_nonnull (strstr (sp_plan_page_get_total (SP_PLAN_PAGE (page)), "£357.08"));
  /* Printing straight after typing in a line of provision: flushing the page saves it. */
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 0),
                                                         SP_TYPE_PROVISION_ROW, "what_entry")),
                         "Toe by Toe, daily");
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();
  {
    g_autofree gchar *what = sp_ui_test_db_text (path, "SELECT description FROM provision"
                                                       " ORDER BY position LIMIT 1");
    g_assert_cmpstr (what, ==, "Toe by Toe, daily");
  }

  /* Review date typed the English way; a date before the start is refused and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "review_row")),
                         "01/01/2001");
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE review_date = '2001-01-01'"),
                   ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "review_row")),
                         "20/07/2039");
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE review_date = '2039-07-20'"),
                   ==, 1);

  /* Agree it: four targets, so it becomes active. */
  g_assert_true (gtk_widget_activate_action (page, "plan.agree", NULL));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE status = 'active'"), ==, 1);

  /* A note during the plan. */
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "note_entry")),
                         "Worked well in the small group 👍");
  g_assert_true (gtk_widget_activate_action (page, "plan.add-note", NULL));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM annotations"), ==, 1);

  /* Type, then close the window at once: the words are in the database. */
  set_buffer (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE,
                                                             "parent_view"))),
              "Read together for ten minutes every evening and sign the reading reco");
  gtk_window_close (GTK_WINDOW (window));
  sp_ui_test_settle ();
  {
    g_autofree gchar *saved = sp_ui_test_db_text (path, "SELECT parent_contribution FROM plans");
    g_assert_cmpstr (saved, ==,
                     "Read together for ten minutes every evening and sign the reading reco");
  }
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets"), ==, 4);
}

static void
test_remove_and_undo (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "undo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Kwame", "surname", "Mensah",
                                           "year-group", "2", "sen-status", "K", NULL);
  gint64 pupil_id = sp_store_add_pupil (store, pupil, &error);
  gint64 plan_id = sp_store_new_plan (store, pupil_id, "2026-09-07", "2026-12-04", &error);
  SpWindow *window = open_window (store);
  GtkWidget *page, *targets_box;
  g_autoptr(GPtrArray) editors = NULL;

  for (guint i = 0; i < 3; i++)
    sp_store_add_target (store, plan_id, "", i == 1 ? "The one to remove" : "Another", "", "",
                         &error);
  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  page = sp_window_get_plan_page (window);
  targets_box = sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "targets_box");
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 3);

  /* Moved down with the keyboard on its button: the keyboard goes with the target, so that
   * pressing again moves the same target, not the one now shown in that editor. */
  {
    GtkWidget *down = sp_ui_test_child (g_ptr_array_index (editors, 0), SP_TYPE_TARGET_EDITOR,
                                        "down_button");
    gint64 first = sp_target_editor_get_id (g_ptr_array_index (editors, 0));
    GtkWidget *focus;

    g_assert_true (gtk_widget_grab_focus (down));
    g_signal_emit_by_name (down, "clicked");
    sp_ui_test_settle ();
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == sp_ui_test_child (g_ptr_array_index (editors, 1),
                                              SP_TYPE_TARGET_EDITOR, "down_button"));
    g_assert_cmpint (sp_target_editor_get_id (g_ptr_array_index (editors, 1)), ==, first);
    /* ... and back up, by its Move Up button. */
    g_signal_emit_by_name (sp_ui_test_child (g_ptr_array_index (editors, 1), SP_TYPE_TARGET_EDITOR,
                                             "up_button"), "clicked");
    sp_ui_test_settle ();
    g_assert_cmpint (sp_target_editor_get_id (g_ptr_array_index (editors, 0)), ==, first);
  }

  /* Removed with the keyboard on Remove: the keyboard goes to Add Target, not to the Remove
   * button of the next target. */
  g_assert_true (gtk_widget_grab_focus (sp_ui_test_child (g_ptr_array_index (editors, 1),
                                                          SP_TYPE_TARGET_EDITOR, "remove_button")));
  g_signal_emit_by_name (sp_ui_test_child (g_ptr_array_index (editors, 1), SP_TYPE_TARGET_EDITOR,
                                "remove_button"), "clicked");
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets"), ==, 2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window))
                 == sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "add_target_button"));

  /* The toast's Undo puts it back in its place. */
  g_assert_true (sp_plan_page_undo_last (SP_PLAN_PAGE (page)));
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets"), ==, 3);
  {
    g_autofree gchar *middle = sp_ui_test_db_text (path, "SELECT description FROM targets"
                                              " ORDER BY position LIMIT 1 OFFSET 1");
    g_assert_cmpstr (middle, ==, "The one to remove");
  }
  g_clear_pointer (&editors, g_ptr_array_unref);
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 3);

  /* Provision too: removed, then back with its numbers and cost. */
  {
    SpProvisionSpec spec = { "Toe by Toe", "ta", "cognition", 1, 3, 20, 12, NULL };
    g_autoptr(GPtrArray) rows = NULL;

    sp_store_add_provision (store, plan_id, &spec, &error);
    sp_window_open_plan (window, plan_id);
    sp_ui_test_settle ();
    rows = shown_of_type (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "provision_list"),
                             SP_TYPE_PROVISION_ROW);
    g_assert_cmpuint (rows->len, ==, 1);
    g_signal_emit_by_name (sp_ui_test_child (g_ptr_array_index (rows, 0), SP_TYPE_PROVISION_ROW,
                                  "remove_button"), "clicked");
    sp_ui_test_settle ();
    g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM provision"), ==, 0);
    g_assert_true (sp_plan_page_undo_last (SP_PLAN_PAGE (page)));
    sp_ui_test_settle ();
    g_assert_cmpint (sp_ui_test_db_int (path, "SELECT cost_pence FROM provision WHERE minutes = 20"
                                   " AND sessions_per_week = 3 AND weeks = 12"), ==, 22800);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Everything plan 2 holds that the page shows, with the revisions, as one string. */
#define B_AS_STORED \
  "SELECT (SELECT group_concat(id || '|' || area || '|' || description || '|' || baseline || '|'" \
  "                            || success_criteria || '|' || revision, ';')" \
  "          FROM targets WHERE plan_id = 2) || ' / '" \
  "    || (SELECT group_concat(id || '|' || description || '|' || role || '|' || group_size" \
  "                            || '|' || sessions_per_week || '|' || minutes || '|' || weeks" \
  "                            || '|' || cost_pence || '|' || revision, ';')" \
  "          FROM provision WHERE plan_id = 2) || ' / '" \
  "    || (SELECT start_date || '|' || review_date || '|' || parent_contribution || '|'" \
  "               || pupil_likes || '|' || revision FROM plans WHERE id = 2)"

/* The page keeps its editors and rows from one plan to the next. What is typed in plan A and
 * still waiting for its delay when plan B is opened goes to A, none of it to B; B then shows
 * its own words (with nothing of A's to undo), and what is typed next goes to B. */
static void
test_reuse_across_plans (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "reuse.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) ama = g_object_new (SP_TYPE_PUPIL, "forename", "Ama", "surname", "Owusu",
                                         "year-group", "3", "sen-status", "K", NULL);
  g_autoptr(SpPupil) ben = g_object_new (SP_TYPE_PUPIL, "forename", "Ben", "surname", "Carter",
                                         "year-group", "5", "sen-status", "K", NULL);
  SpProvisionSpec reading = { "Toe by Toe", "ta", "cognition", 1, 3, 20, 12, NULL };
  SpProvisionSpec speech = { "Speech therapist visit", "specialist", "communication", 1, 1, 45,
                             6, NULL };
  SpProvisionSpec lego = { "Lego therapy group", "ta", "semh", 4, 1, 30, 10, NULL };
  gint64 plan_a, plan_b, a_first, b_first;
  SpWindow *window;
  GtkWidget *page, *targets_box, *provision_list, *editor, *strategy;
  GtkTextBuffer *buffer;
  g_autoptr(GPtrArray) editors = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 b_cost;
  g_autofree gchar *b_before = NULL;
  g_autofree gchar *b_after = NULL;

  g_assert_no_error (error);
  plan_a = sp_store_new_plan (store, sp_store_add_pupil (store, ama, &error), "2026-09-07",
                              "2026-12-04", &error);
  a_first = sp_store_add_target (store, plan_a, "cognition", "A: read 100 words", "A base",
                                 "A success", &error);
  sp_store_add_strategy (store, a_first, "A: precision teaching", &error);
  sp_store_add_strategy (store, a_first, "A: word games", &error);
  sp_store_add_target (store, plan_a, "cognition", "A: spell CVC words", "", "", &error);
  sp_store_add_target (store, plan_a, "semh", "A: ask for help", "", "", &error);
  sp_store_add_provision (store, plan_a, &reading, &error);
  plan_b = sp_store_new_plan (store, sp_store_add_pupil (store, ben, &error), "2026-09-14",
                              "2026-12-11", &error);
  b_first = sp_store_add_target (store, plan_b, "", "B: take turns in a game", "B base", "",
                                 &error);
  sp_store_add_target (store, plan_b, "", "B: say how he feels", "", "", &error);
  sp_store_add_provision (store, plan_b, &speech, &error);
  sp_store_add_provision (store, plan_b, &lego, &error);
  g_assert_no_error (error);
  b_cost = sp_ui_test_db_int (path, "SELECT sum(cost_pence) FROM provision WHERE plan_id = 2");
  g_assert_cmpint (plan_b, ==, 2);
  b_before = sp_ui_test_db_text (path, B_AS_STORED);

  window = open_window (store);
  sp_window_open_plan (window, plan_a);
  sp_ui_test_settle ();
  page = sp_window_get_plan_page (window);
  targets_box = sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "targets_box");
  provision_list = sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "provision_list");
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 3);
  editor = g_ptr_array_index (editors, 0);

  /* Type in A everywhere a target or provision can be typed in, and open B at once. */
  buffer = sp_target_editor_get_buffer (SP_TARGET_EDITOR (editor));
  set_buffer (buffer, "A: read 120");
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, " words", -1);   /* as typed: it can be undone */
  }
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "likes_row")),
                         "A: likes Lego");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (editors, 1),
                                                         SP_TYPE_TARGET_EDITOR, "baseline_entry")),
                         "A: spells 4 of 20");
  strategy = gtk_widget_get_first_child (gtk_widget_get_first_child (
    gtk_widget_get_first_child (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR,
                                                  "strategies_list"))));
  g_assert_true (GTK_IS_ENTRY (strategy));
  gtk_editable_set_text (GTK_EDITABLE (strategy), "A: precision teaching daily");
  rows = shown_of_type (provision_list, SP_TYPE_PROVISION_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 0),
                                                         SP_TYPE_PROVISION_ROW, "what_entry")),
                         "A: Toe by Toe, daily");
  sp_provision_row_set_values (g_ptr_array_index (rows, 0), 2, 5, 15, 10);
  sp_window_open_plan (window, plan_b);
  sp_ui_test_settle ();
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();

  /* A has everything typed in it. */
  {
    g_autofree gchar *a1 = sp_ui_test_db_text (path, "SELECT description FROM targets WHERE plan_id = 1"
                                                     " ORDER BY position LIMIT 1");
    g_autofree gchar *a2 = sp_ui_test_db_text (path, "SELECT baseline FROM targets WHERE plan_id = 1"
                                                     " ORDER BY position LIMIT 1 OFFSET 1");
    g_autofree gchar *as = sp_ui_test_db_text (path, "SELECT description FROM strategies"
                                                     " ORDER BY id LIMIT 1");
    g_autofree gchar *ap = sp_ui_test_db_text (path, "SELECT description FROM provision"
                                                     " WHERE plan_id = 1");
    g_assert_cmpstr (a1, ==, "A: read 120 words");
    g_assert_cmpstr (a2, ==, "A: spells 4 of 20");
    g_assert_cmpstr (as, ==, "A: precision teaching daily");
    g_assert_cmpstr (ap, ==, "A: Toe by Toe, daily");
  }
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM provision WHERE plan_id = 1"
                                            " AND group_size = 2 AND sessions_per_week = 5"
                                            " AND minutes = 15 AND weeks = 10"), ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE id = 1"
                                            " AND pupil_likes = 'A: likes Lego'"), ==, 1);
  /* B is exactly as it was: no text, area, strategy, number or cost of A's, and not even
   * saved again unchanged (its revisions are the same). */
  b_after = sp_ui_test_db_text (path, B_AS_STORED);
  g_assert_cmpstr (b_after, ==, b_before);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM strategies s JOIN targets t"
                                            " ON t.id = s.target_id WHERE t.plan_id = 2"), ==, 0);

  /* The page shows B: its two targets in the editors kept from A, its own words and costs. */
  g_assert_cmpint (sp_plan_page_get_plan_id (SP_PLAN_PAGE (page)), ==, plan_b);
  g_clear_pointer (&editors, g_ptr_array_unref);
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 2);
  g_assert_true (g_ptr_array_index (editors, 0) == editor);
  g_assert_cmpint (sp_target_editor_get_id (SP_TARGET_EDITOR (editor)), ==, b_first);
  buffer = sp_target_editor_get_buffer (SP_TARGET_EDITOR (editor));
  {
    GtkTextIter start, end;
    g_autofree gchar *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "B: take turns in a game");
  }
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR,
                                                                          "baseline_entry"))),
                   ==, "B base");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sp_ui_test_child (editor,
                                                                                 SP_TYPE_TARGET_EDITOR,
                                                                                 "area_dropdown"))),
                    ==, 0);
  g_assert_cmpuint (n_shown (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "strategies_list")),
                    ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = shown_of_type (provision_list, SP_TYPE_PROVISION_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 0),
                                                                          SP_TYPE_PROVISION_ROW,
                                                                          "what_entry"))),
                   ==, "Speech therapist visit");
  /* The answer to A's save came after B was shown: it did not change B's cost. */
  g_assert_cmpint (sp_provision_row_get_cost (g_ptr_array_index (rows, 0)) +
                   sp_provision_row_get_cost (g_ptr_array_index (rows, 1)), ==, b_cost);

  /* Undo in B's fields has nothing of A's to bring back (GTK 4.8 records a field's set text
   * as an edit, so without care Undo would put A's words in B, and the autosave save them). */
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (
        sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "baseline_entry")))), "text.undo", NULL);
      gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (
        sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "likes_row")))), "text.undo", NULL);
      gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (
        sp_ui_test_child (g_ptr_array_index (rows, 0), SP_TYPE_PROVISION_ROW, "what_entry")))),
        "text.undo", NULL);
    }
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR,
                                                                          "baseline_entry"))),
                   ==, "B base");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE,
                                                                          "likes_row"))), ==, "");
  g_clear_pointer (&b_after, g_free);
  b_after = sp_ui_test_db_text (path, B_AS_STORED);
  g_assert_cmpstr (b_after, ==, b_before);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE id = 2"
                                            " AND pupil_likes = ''"), ==, 1);

  /* What is typed now in the same editor and row goes to B. */
  set_buffer (buffer, "B: take turns in a game of four");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (g_ptr_array_index (rows, 0),
                                                         SP_TYPE_PROVISION_ROW, "what_entry")),
                         "B: speech therapist, fortnightly");
  sp_ui_test_wait_ms (600);
  sp_plan_page_flush (SP_PLAN_PAGE (page));
  sp_ui_test_settle ();
  {
    g_autofree gchar *b1 = sp_ui_test_db_text (path, "SELECT description FROM targets WHERE plan_id = 2"
                                                     " ORDER BY position LIMIT 1");
    g_autofree gchar *a1 = sp_ui_test_db_text (path, "SELECT description FROM targets WHERE plan_id = 1"
                                                     " ORDER BY position LIMIT 1");
    g_autofree gchar *bp = sp_ui_test_db_text (path, "SELECT description FROM provision WHERE plan_id = 2"
                                                     " ORDER BY position LIMIT 1");
    g_assert_cmpstr (b1, ==, "B: take turns in a game of four");
    g_assert_cmpstr (a1, ==, "A: read 120 words");
    g_assert_cmpstr (bp, ==, "B: speech therapist, fortnightly");
  }
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM provision WHERE plan_id = 1"
                                            " AND description = 'A: Toe by Toe, daily'"), ==, 1);

  /* And back to A: three editors again, A's strategies under its first target. */
  sp_window_open_plan (window, plan_a);
  sp_ui_test_settle ();
  g_clear_pointer (&editors, g_ptr_array_unref);
  editors = shown_of_type (targets_box, SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sp_ui_test_child (editor,
                                                                                 SP_TYPE_TARGET_EDITOR,
                                                                                 "area_dropdown"))),
                    ==, 2);
  g_assert_cmpuint (n_shown (sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "strategies_list")),
                    ==, 2);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets WHERE plan_id = 1"
                                            " AND area = 'cognition'"), ==, 2);
  /* The editor kept hidden while B showed saved nothing, and shows A's third target again. */
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets WHERE plan_id = 1"
                                            " AND description = 'A: ask for help'"
                                            " AND area = 'semh' AND revision = 1"), ==, 1);
  {
    GtkTextBuffer *third = sp_target_editor_get_buffer (g_ptr_array_index (editors, 2));
    GtkTextIter start, end;
    g_autofree gchar *shown = NULL;

    gtk_text_buffer_get_bounds (third, &start, &end);
    shown = gtk_text_buffer_get_text (third, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "A: ask for help");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* From the bank into the plan, and a teacher's own target saved to the bank. */
static void
test_bank (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "bank.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Leo", "surname", "Davies",
                                           "year-group", "1", "sen-status", "K", NULL);
  gint64 pupil_id = sp_store_add_pupil (store, pupil, &error);
  gint64 plan_id = sp_store_new_plan (store, pupil_id, "2026-09-07", "2026-12-04", &error);
  SpWindow *window = open_window (store);
  GtkWidget *page, *dialog = NULL;
  g_autoptr(GPtrArray) editors = NULL;
  GList *toplevels;
  const SpBankEntry *entry;
  g_autofree gchar *chosen = NULL;
  g_autofree gchar *stored = NULL;

  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  page = sp_window_get_plan_page (window);
  g_assert_true (gtk_widget_activate_action (page, "plan.add-from-bank", NULL));
  sp_ui_test_settle ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (SP_IS_BANK_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);

  sp_bank_dialog_set_search_text (SP_BANK_DIALOG (dialog), "spell");
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (sp_bank_dialog_get_visible (SP_BANK_DIALOG (dialog))),
                    >, 0);
  entry = sp_bank_dialog_get_entry (SP_BANK_DIALOG (dialog), 0);
  chosen = g_strdup (entry->target);
  g_assert_true (gtk_widget_activate_action (dialog, "bank.use", NULL));
  sp_ui_test_settle ();

  /* It is now the plan's target, with the bank's strategies under it. */
  stored = sp_ui_test_db_text (path, "SELECT description FROM targets");
  g_assert_cmpstr (stored, ==, chosen);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM strategies"), >=, 2);

  /* Save the plan's target to the bank for next time. */
  editors = shown_of_type (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "targets_box"),
                              SP_TYPE_TARGET_EDITOR);
  g_assert_cmpuint (editors->len, ==, 1);
  g_signal_emit_by_name (sp_ui_test_child (g_ptr_array_index (editors, 0), SP_TYPE_TARGET_EDITOR,
                                "bank_button"), "clicked");
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM bank_entries"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("SUPPORT_PLANS_TODAY", "2026-11-23", TRUE);
  tmpdir = g_dir_make_tmp ("sp-plan-ui-XXXXXX", NULL);

  g_test_add_func ("/ui/plan-editor/write-a-plan", test_write_a_plan);
  g_test_add_func ("/ui/plan-editor/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/ui/plan-editor/bank", test_bank);
  g_test_add_func ("/ui/plan-editor/reuse-across-plans", test_reuse_across_plans);

  status = g_test_run ();

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  g_free (tmpdir);
  return status;
}
