/* The graduated approach end to end in the real window: plan → notes → review with mixed
 * outcomes → the next plan carries forward exactly the targets not achieved → the reviewed
 * plan cannot be changed → the pupil's history shows both cycles in order. And a review in
 * progress: typed, the window closed mid-word, opened again in a new window on the same file,
 * everything is there; completed, its draft is gone. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sp-autosave.h"
#include "sp-plan-page.h"
#include "sp-pupil-page.h"
#include "sp-review-page.h"
#include "sp-store-edit.h"
#include "sp-target-editor.h"
#include "sp-window.h"

static gchar *tmpdir;

/* Every label's text below @widget, in order, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static guint
count_type (GtkWidget *widget,
            GType      type)
{
  guint n = g_type_is_a (G_OBJECT_TYPE (widget), type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_type (c, type);
  return n;
}

static void
test_cycle (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "cycle.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Wiktoria",
                                           "surname", "Nowak", "year-group", "4",
                                           "sen-status", "K", "upn", "B801200005001", NULL);
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN, "start-date", "2026-09-07",
                                         "review-date", "2026-11-20", "status", "active", NULL);
  SpProvisionSpec spec = { "Precision teaching", "ta", "cognition", 1, 5, 10, 12, "2026-09-07" };
  static const gchar *const targets[] = { "Read 100 words", "Spell CVC words",
                                          "Use a word bank", "Retell a story in order" };
  gint64 pupil_id, plan_id, first_target = 0, next_plan;
  SpWindow *window;
  GtkWidget *plan_page, *review_page, *pupil_page;
  g_autoptr(GString) history = g_string_new (NULL);

  g_assert_no_error (error);
  pupil_id = sp_store_add_pupil (store, pupil, &error);
  plan_id = sp_store_add_plan (store, pupil_id, plan, 0, &error);
  for (guint i = 0; i < 4; i++)
    {
      gint64 t = sp_store_add_target (store, plan_id, "cognition", targets[i], "baseline",
                                      "success", &error);
      sp_store_add_strategy (store, t, "A strategy", &error);
      if (i == 0)
        first_target = t;
    }
  sp_store_add_provision (store, plan_id, &spec, &error);
  sp_store_add_annotation (store, plan_id, first_target, "2026-10-05", 0,
                           "Worked well in the small group", &error);
  g_assert_no_error (error);

  window = g_object_new (SP_TYPE_WINDOW, "store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_ui_test_settle ();

  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  plan_page = sp_window_get_plan_page (window);
  /* Three days past its review date: the page says so. */
  g_assert_nonnull (strstr (sp_plan_page_get_notice (SP_PLAN_PAGE (plan_page)), "3 days ago"));
  g_assert_true (gtk_widget_get_visible (sp_ui_test_child (plan_page, SP_TYPE_PLAN_PAGE, "review_button")));
  g_assert_true (gtk_widget_activate_action (plan_page, "plan.review", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "review");
  review_page = sp_window_get_review_page (window);

  /* Prefilled with the four targets. */
  g_assert_cmpuint (count_type (sp_ui_test_child (review_page, SP_TYPE_REVIEW_PAGE, "outcomes_box"),
                                GTK_TYPE_DROP_DOWN), ==, 4);

  sp_review_page_set_outcome (SP_REVIEW_PAGE (review_page), 0, "achieved",
                              "Read 92 of 100 on two checks", "46", "92", "words read");
  sp_review_page_set_outcome (SP_REVIEW_PAGE (review_page), 1, "partly",
                              "7 of 10 in dictation", NULL, NULL, NULL);
  sp_review_page_set_outcome (SP_REVIEW_PAGE (review_page), 2, "not_achieved",
                              "Still asks for most spellings", NULL, NULL, NULL);
  sp_review_page_set_outcome (SP_REVIEW_PAGE (review_page), 3, "not_achieved",
                              "Retells 2 events", "2", "about three", "events");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (review_page, SP_TYPE_REVIEW_PAGE,
                                              "attendees_row")), "Mother, class teacher, SENCO");

  /* A measure that is not a number: a sentence, and nothing recorded. */
  g_assert_true (gtk_widget_activate_action (review_page, "review.complete", NULL));
  sp_ui_test_settle ();
  g_assert_nonnull (sp_review_page_get_problem (SP_REVIEW_PAGE (review_page)));
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM reviews"), ==, 0);

  /* A review dated in the future: refused too. */
  sp_review_page_set_outcome (SP_REVIEW_PAGE (review_page), 3, "not_achieved",
                              "Retells 2 events", "2", "3", "events");
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (review_page, SP_TYPE_REVIEW_PAGE, "date_row")),
                         "01/01/2030");
  g_assert_true (gtk_widget_activate_action (review_page, "review.complete", NULL));
  sp_ui_test_settle ();
  g_assert_nonnull (sp_review_page_get_problem (SP_REVIEW_PAGE (review_page)));
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM reviews"), ==, 0);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans"), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (review_page, SP_TYPE_REVIEW_PAGE, "date_row")),
                         "20/11/2026");
  g_assert_true (gtk_widget_activate_action (review_page, "review.complete", NULL));
  sp_ui_test_settle ();
  g_assert_null (sp_review_page_get_problem (SP_REVIEW_PAGE (review_page)));

  /* Recorded: one review, four outcomes, the plan reviewed, a parent meeting counted. */
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM reviews WHERE completed_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM review_outcomes"), ==, 4);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT measure_after FROM review_outcomes"
                                 " WHERE outcome = 'achieved'"), ==, 92);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM plans WHERE status = 'reviewed'"), ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM parent_meetings WHERE review_id IS NOT NULL"),
                   ==, 1);

  /* The next plan, a draft, carries forward exactly the three targets not achieved. */
  next_plan = sp_ui_test_db_int (path, "SELECT id FROM plans WHERE status = 'draft'");
  g_assert_cmpint (next_plan, >, 0);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT previous_plan_id FROM plans WHERE status = 'draft'"),
                   ==, plan_id);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets t JOIN plans p ON p.id = t.plan_id"
                                 " WHERE p.status = 'draft'"), ==, 3);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets t JOIN plans p ON p.id = t.plan_id"
                                 " WHERE p.status = 'draft' AND t.description = 'Read 100 words'"),
                   ==, 0);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets t JOIN plans p ON p.id = t.plan_id"
                                 " WHERE p.status = 'draft' AND t.carried_from IS NOT NULL"), ==, 3);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM provision p JOIN plans l ON l.id = p.plan_id"
                                 " WHERE l.status = 'draft'"), ==, 1);
  /* The window moved on to the new draft plan. */
  g_assert_cmpint (sp_plan_page_get_plan_id (SP_PLAN_PAGE (plan_page)), ==, next_plan);

  /* The reviewed plan cannot be edited: not in the window, not through the store. */
  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  {
    GtkWidget *box = sp_ui_test_child (plan_page, SP_TYPE_PLAN_PAGE, "targets_box");
    GtkWidget *editor = gtk_widget_get_first_child (box);
    GtkWidget *view = sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "description_view");

    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
    g_assert_false (gtk_widget_get_visible (sp_ui_test_child (plan_page, SP_TYPE_PLAN_PAGE,
                                                   "review_button")));
    g_assert_true (gtk_widget_get_visible (sp_ui_test_child (plan_page, SP_TYPE_PLAN_PAGE,
                                                  "reopen_button")));
  }
  {
    gint64 rev = 0;
    g_free (sp_store_read_text (store, SP_FIELD_TARGET_DESCRIPTION, first_target, &rev, NULL));
    g_assert_false (sp_store_update_text (store, SP_FIELD_TARGET_DESCRIPTION, first_target, rev,
                                          "Changed afterwards", NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* The history shows both cycles, in order, with the outcome of every target and a chart. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  pupil_page = sp_window_get_pupil_page (window);
  collect_text (sp_ui_test_child (pupil_page, SP_TYPE_PUPIL_PAGE, "history_box"), history);
  {
    const gchar *c1 = strstr (history->str, "Cycle 1");
    const gchar *c2 = strstr (history->str, "Cycle 2");
    g_assert_nonnull (c1);
    g_assert_nonnull (c2);
    g_assert_true (c1 < c2);
    g_assert_nonnull (strstr (history->str, "Read 100 words — Achieved"));
    g_assert_nonnull (strstr (history->str, "Spell CVC words — Partly achieved"));
    g_assert_nonnull (strstr (history->str, "Retell a story in order — Not yet achieved"));
    g_assert_nonnull (strstr (c2, "Spell CVC words — Not reviewed yet"));
  }
  g_assert_cmpuint (count_type (sp_ui_test_child (pupil_page, SP_TYPE_PUPIL_PAGE, "history_box"),
                                GTK_TYPE_DRAWING_AREA), ==, 1);
  {
    GtkWidget *label = sp_ui_test_child (pupil_page, SP_TYPE_PUPIL_PAGE, "meetings_label");
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "1 of the 3 meetings"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
review_child (GtkWidget   *page,
              const gchar *name)
{
  return sp_ui_test_child (page, SP_TYPE_REVIEW_PAGE, name);
}

static const gchar *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    {
      g_ptr_array_add (found, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_type (c, type, found);
}

/* The widgets of @type in target card @index, in the order they are shown. */
static GPtrArray *
card_widgets (GtkWidget *page,
              guint      index,
              GType      type)
{
  GtkWidget *box = review_child (page, "outcomes_box");
  GtkWidget *card = gtk_widget_get_first_child (box);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < index && card != NULL; i++)
    card = gtk_widget_get_next_sibling (card);
  g_assert_nonnull (card);
  collect_type (card, type, found);
  g_assert_cmpuint (found->len, >, 0);
  return found;
}

/* A window on the file at @path, on the review of @plan_id. */
static SpWindow *
open_review (const gchar  *path,
             gint64        plan_id,
             GtkWidget   **review_page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  SpWindow *window;

  g_assert_no_error (error);
  window = g_object_new (SP_TYPE_WINDOW, "store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (sp_window_get_plan_page (window), "plan.review",
                                             NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "review");
  *review_page = sp_window_get_review_page (window);
  return window;
}

/* Closes @window as the teacher does (the close button), and waits until it is gone. */
static void
close_window (SpWindow *window)
{
  GtkWidget *gone = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &gone);
  gtk_window_close (GTK_WINDOW (window));
  for (guint i = 0; gone != NULL && i < 200; i++)
    sp_ui_test_wait_ms (10);
  g_assert_null (gone);
}

static void
test_draft (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "draft.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Tomasz",
                                           "surname", "Lewandowski", "year-group", "5",
                                           "sen-status", "K", NULL);
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN, "start-date", "2026-09-07",
                                         "review-date", "2026-11-20", "status", "active", NULL);
  gint64 pupil_id, plan_id, t[2];
  SpWindow *window;
  GtkWidget *page;

  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    pupil_id = sp_store_add_pupil (store, pupil, &error);
    plan_id = sp_store_add_plan (store, pupil_id, plan, 0, &error);
    t[0] = sp_store_add_target (store, plan_id, "cognition", "Read 100 words", "46", "100",
                                &error);
    t[1] = sp_store_add_target (store, plan_id, "semh", "Ask for help", "", "", &error);
    g_assert_no_error (error);
  }

  /* Typed into the review, then the window is closed at once, mid-word for the autosave. */
  window = open_review (path, plan_id, &page);
  sp_review_page_set_outcome (SP_REVIEW_PAGE (page), 0, "partly", "Read 70 of 100 twice",
                              "46", "70", "words read");
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "date_row")), "19/11/2026");
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "attendees_row")),
                         "Mother, class teacher, SENCO");
  adw_combo_row_set_selected (ADW_COMBO_ROW (review_child (page, "parents_row")), 1);
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "parent_views_row")),
                         "Reading at home every night now");
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "pupil_views_row")),
                         "I like the word races");
  adw_combo_row_set_selected (ADW_COMBO_ROW (review_child (page, "decision_row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "next_steps_row")),
                         "Ask the speech and language service");
  {
    g_autoptr(GPtrArray) switches = card_widgets (page, 1, GTK_TYPE_SWITCH);
    /* Not achieved (the default) is carried forward unless the teacher says not. */
    g_assert_true (gtk_switch_get_active (g_ptr_array_index (switches, 0)));
    gtk_switch_set_active (g_ptr_array_index (switches, 0), FALSE);
  }
  close_window (window);

  /* On disk as a draft, not as a review. */
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM reviews"), ==, 0);
  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "Mother, class teacher, SENCO");
  }

  /* A new window on the same file: the review comes back exactly as it was left. */
  window = open_review (path, plan_id, &page);
  g_assert_cmpstr (text_of (review_child (page, "date_row")), ==, "19/11/2026");
  g_assert_cmpstr (text_of (review_child (page, "attendees_row")), ==,
                   "Mother, class teacher, SENCO");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (review_child (page, "parents_row"))),
                    ==, 1);
  g_assert_cmpstr (text_of (review_child (page, "parent_views_row")), ==,
                   "Reading at home every night now");
  g_assert_cmpstr (text_of (review_child (page, "pupil_views_row")), ==, "I like the word races");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (review_child (page, "decision_row"))),
                    ==, 2);
  g_assert_cmpstr (text_of (review_child (page, "next_steps_row")), ==,
                   "Ask the speech and language service");
  {
    g_autoptr(GPtrArray) drops = card_widgets (page, 0, GTK_TYPE_DROP_DOWN);
    g_autoptr(GPtrArray) entries = card_widgets (page, 0, GTK_TYPE_ENTRY);
    g_autoptr(GPtrArray) switches = card_widgets (page, 1, GTK_TYPE_SWITCH);
    g_autoptr(GPtrArray) drops1 = card_widgets (page, 1, GTK_TYPE_DROP_DOWN);
    GtkWidget *evidence;

    g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (drops, 0)), ==, 1);
    g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (drops1, 0)), ==, 2);
    g_assert_false (gtk_switch_get_active (g_ptr_array_index (switches, 0)));
    /* The card's entries, in order: evidence, before, after, unit. */
    g_assert_cmpuint (entries->len, ==, 4);
    evidence = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (text_of (evidence), ==, "Read 70 of 100 twice");
    g_assert_cmpstr (text_of (g_ptr_array_index (entries, 1)), ==, "46");
    g_assert_cmpstr (text_of (g_ptr_array_index (entries, 2)), ==, "70");
    g_assert_cmpstr (text_of (g_ptr_array_index (entries, 3)), ==, "words read");
    /* Filling it made no undo history: Undo does not take the evidence away. */
    gtk_widget_activate_action (gtk_widget_get_first_child (evidence), "text.undo", NULL);
    g_assert_cmpstr (text_of (evidence), ==, "Read 70 of 100 twice");
  }
  /* Restoring saved nothing: the draft's revision is where the typing left it. */
  {
    gint64 revision = sp_ui_test_db_int (path, "SELECT revision FROM review_drafts");
    sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 100);
    sp_ui_test_settle ();
    g_assert_cmpint (sp_ui_test_db_int (path, "SELECT revision FROM review_drafts"), ==, revision);
  }

  if (g_getenv ("SP_REVIEW_DRAFT_SHOT") != NULL)
    {
      /* For looking at it: the restored review, drawn as the window shows it. */
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_autoptr(GdkTexture) texture = NULL;
      gint w = gtk_widget_get_width (GTK_WIDGET (window));
      gint h = gtk_widget_get_height (GTK_WIDGET (window));

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      gdk_texture_save_to_png (texture, g_getenv ("SP_REVIEW_DRAFT_SHOT"));
    }

  /* Going to the pupil and back keeps it too, with what was typed since. */
  gtk_editable_set_text (GTK_EDITABLE (review_child (page, "next_steps_row")),
                         "Ask the speech and language service to assess");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (sp_window_get_plan_page (window), "plan.review",
                                             NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (text_of (review_child (page, "next_steps_row")), ==,
                   "Ask the speech and language service to assess");
  g_assert_cmpstr (text_of (review_child (page, "attendees_row")), ==,
                   "Mother, class teacher, SENCO");

  /* Completed: recorded as before, and the draft is gone. */
  g_assert_true (gtk_widget_activate_action (page, "review.complete", NULL));
  sp_ui_test_settle ();
  g_assert_null (sp_review_page_get_problem (SP_REVIEW_PAGE (page)));
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM reviews"
                                            " WHERE completed_at IS NOT NULL"
                                            "   AND review_date = '2026-11-19'"
                                            "   AND decision = 'specialist'"), ==, 1);
  {
    g_autofree gchar *evidence = sp_ui_test_db_text (path, "SELECT evidence FROM review_outcomes"
                                                           " WHERE outcome = 'partly'");
    g_autofree gchar *views = sp_ui_test_db_text (path, "SELECT pupil_views FROM reviews");
    g_autofree gchar *steps = sp_ui_test_db_text (path, "SELECT next_steps FROM reviews");
    g_assert_cmpstr (evidence, ==, "Read 70 of 100 twice");
    g_assert_cmpstr (views, ==, "I like the word races");
    g_assert_cmpstr (steps, ==, "Ask the speech and language service to assess");
  }
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT measure_after FROM review_outcomes"
                                            " WHERE outcome = 'partly'"), ==, 70);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM parent_meetings"
                                            " WHERE method = 'phone'"), ==, 1);
  /* Carried forward: the target partly achieved, not the one the teacher switched off. */
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM targets t"
                                            " JOIN plans p ON p.id = t.plan_id"
                                            " WHERE p.status = 'draft'"), ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM review_drafts"), ==, 0);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM review_draft_outcomes"), ==, 0);
  close_window (window);
  g_assert_cmpint (sp_ui_test_db_int (path, "SELECT count(*) FROM review_drafts"), ==, 0);
  (void) t;
}

/* A school of one plan with one target, for the tests of two copies on one review. */
static gint64
one_plan (const gchar *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Ines",
                                           "surname", "Carvalho", "year-group", "4",
                                           "sen-status", "K", NULL);
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN, "start-date", "2026-09-07",
                                         "review-date", "2026-11-20", "status", "active", NULL);
  gint64 plan_id;

  g_assert_no_error (error);
  plan_id = sp_store_add_plan (store, sp_store_add_pupil (store, pupil, &error), plan, 0,
                               &error);
  sp_store_add_target (store, plan_id, "cognition", "Read 100 words", "46", "100", &error);
  g_assert_no_error (error);
  return plan_id;
}

/* Two copies of the app on the same review, each typing in a different answer: all the
 * answers of a draft share one revision, so the second copy's save comes back stale. Each
 * save writes only its own answer, so it is sent again and both answers are kept. */
static void
test_two_copies (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "two-copies.db", NULL);
  gint64 plan_id = one_plan (path);
  SpWindow *a, *b;
  GtkWidget *page_a, *page_b;

  a = open_review (path, plan_id, &page_a);
  b = open_review (path, plan_id, &page_b);

  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "attendees_row")),
                         "Father, class teacher");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "Father, class teacher");
  }

  /* B read the draft before A's save: its save of another answer is stale, and sent again. */
  gtk_editable_set_text (GTK_EDITABLE (review_child (page_b, "pupil_views_row")),
                         "I want to read comics");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  {
    g_autofree gchar *views = sp_ui_test_db_text (path, "SELECT pupil_views FROM review_drafts");
    g_assert_cmpstr (views, ==, "I want to read comics");
  }
  {
    /* Another answer changed there: nothing to ask. */
    g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();
    g_assert_cmpuint (dialogs->len, ==, 0);
  }

  /* The same for a choice, saved at once. */
  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "next_steps_row")),
                         "Try the comics library");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (review_child (page_b, "decision_row")), 1);
  sp_ui_test_settle ();
  close_window (b);
  close_window (a);

  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_autofree gchar *views = sp_ui_test_db_text (path, "SELECT pupil_views FROM review_drafts");
    g_autofree gchar *decision = sp_ui_test_db_text (path, "SELECT decision FROM review_drafts");
    g_autofree gchar *steps = sp_ui_test_db_text (path, "SELECT next_steps FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "Father, class teacher");
    g_assert_cmpstr (views, ==, "I want to read comics");
    g_assert_cmpstr (steps, ==, "Try the comics library");
    g_assert_cmpstr (decision, ==, "continue");
  }
}

/* Both copies change the same answer: the second is asked, with both versions, and nothing
 * is overwritten unseen; Keep Mine saves its words. */
static void
test_same_answer (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "same-answer.db", NULL);
  gint64 plan_id = one_plan (path);
  GtkWidget *page_a, *page_b;
  SpWindow *a = open_review (path, plan_id, &page_a);
  SpWindow *b = open_review (path, plan_id, &page_b);
  g_autoptr(GPtrArray) dialogs = NULL;

  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "attendees_row")), "A words");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  gtk_editable_set_text (GTK_EDITABLE (review_child (page_b, "attendees_row")), "B words");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "A words");
  }
  dialogs = sp_ui_test_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (g_ptr_array_index (dialogs, 0)), ==,
                   "Changed Elsewhere");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (g_ptr_array_index (dialogs, 0)),
                            "A words"));
  adw_message_dialog_response (g_ptr_array_index (dialogs, 0), "mine");
  sp_ui_test_settle ();
  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "B words");
  }
  close_window (b);
  close_window (a);
}

/* Two saves of one choice on their way when the first comes back stale: the newer choice is
 * what is kept, not the first sent again after it. */
static void
test_stale_keeps_newest (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "newest.db", NULL);
  gint64 plan_id = one_plan (path);
  GtkWidget *page_a, *page_b;
  SpWindow *a = open_review (path, plan_id, &page_a);
  SpWindow *b = open_review (path, plan_id, &page_b);
  AdwComboRow *decision = ADW_COMBO_ROW (review_child (page_b, "decision_row"));

  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "attendees_row")), "A words");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  adw_combo_row_set_selected (decision, 1);
  adw_combo_row_set_selected (decision, 2);
  sp_ui_test_settle ();
  close_window (b);
  close_window (a);
  {
    g_autofree gchar *saved = sp_ui_test_db_text (path, "SELECT decision FROM review_drafts");
    g_assert_cmpstr (saved, ==, "specialist");
  }
}

/* B shows an answer as it was when B opened the review; A then changes that answer (here,
 * clears it). B typing there is asked about, not written over A's change unseen. */
static void
test_answer_changed_after_opening (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "after-opening.db", NULL);
  gint64 plan_id = one_plan (path);
  GtkWidget *page_a, *page_b;
  SpWindow *a = open_review (path, plan_id, &page_a);
  SpWindow *b = NULL;
  g_autoptr(GPtrArray) dialogs = NULL;

  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "attendees_row")), "Mother, SENCO");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  b = open_review (path, plan_id, &page_b);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (review_child (page_b, "attendees_row"))),
                   ==, "Mother, SENCO");
  gtk_editable_set_text (GTK_EDITABLE (review_child (page_a, "attendees_row")), "");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  gtk_editable_set_text (GTK_EDITABLE (review_child (page_b, "attendees_row")),
                         "Mother, SENCO, class teacher");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  {
    g_autofree gchar *attendees = sp_ui_test_db_text (path, "SELECT attendees FROM review_drafts");
    g_assert_cmpstr (attendees, ==, "");
  }
  dialogs = sp_ui_test_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (g_ptr_array_index (dialogs, 0)), ==,
                   "Changed Elsewhere");
  adw_message_dialog_response (g_ptr_array_index (dialogs, 0), "theirs");
  sp_ui_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (review_child (page_b, "attendees_row"))),
                   ==, "");
  close_window (b);
  close_window (a);
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  g_setenv ("SUPPORT_PLANS_TODAY", "2026-11-23", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = g_dir_make_tmp ("sp-review-ui-XXXXXX", NULL);

  g_test_add_func ("/ui/review/cycle", test_cycle);
  g_test_add_func ("/ui/review/draft", test_draft);
  g_test_add_func ("/ui/review/two-copies", test_two_copies);
  g_test_add_func ("/ui/review/same-answer", test_same_answer);
  g_test_add_func ("/ui/review/stale-keeps-newest", test_stale_keeps_newest);
  g_test_add_func ("/ui/review/answer-changed-after-opening", test_answer_changed_after_opening);

  status = g_test_run ();

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  g_free (tmpdir);
  return status;
}
