/* When the disk is full: the real window, on a real database, with a real full disk.
 *
 * The disk is made "full" in this process with a file-size limit (RLIMIT_FSIZE, SIGXFSZ
 * ignored), set once the database and the window exist: every write past 4 KiB of any file
 * then fails with EFBIG, as the saver's thread writes the write-ahead log, and SQLite and the
 * store report the disk as full. Lifting the limit is "freeing some space". What the database
 * holds is read back with a connection of the test's own. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "sp-application.h"
#include "sp-autosave.h"
#include "sp-plan-page.h"
#include "sp-provision-row.h"
#include "sp-pupil-page.h"
#include "sp-review-page.h"
#include "sp-save-banner.h"
#include "sp-store-backup.h"
#include "sp-store-edit.h"
#include "sp-target-editor.h"
#include "sp-window.h"

static gchar *tmpdir;
static rlim_t room;   /* the file-size limit the test started with */

/* SP_UI_TEST_PAUSE_AT=banner (or question) holds the test there for a minute, for a
 * screenshot (/work/shared/tools/shot). */
static void
pause_for_screenshot (const gchar *where)
{
  if (g_strcmp0 (g_getenv ("SP_UI_TEST_PAUSE_AT"), where) == 0)
    sp_ui_test_wait_ms (60000);
}

static void
disk_full (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
disk_has_room (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = room;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

typedef struct
{
  gchar    *path;
  SpStore  *store;
  gint64    pupil_id;
  gint64    plan_id;
  gint64    target_id;
  gint64    provision_id;
  SpWindow *window;      /* weak: NULL once the window is gone */
  GtkWidget *page;
} School;

static void
school_open (School      *s,
             const gchar *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Ama", "surname",
                                           "Owusu", "year-group", "3", "sen-status", "K",
                                           NULL);
  SpProvisionSpec reading = { "Toe by Toe", "ta", "cognition", 1, 3, 20, 12, NULL };
  SpWindow *window;

  s->path = g_build_filename (tmpdir, name, NULL);
  s->store = sp_store_open (s->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  s->pupil_id = sp_store_add_pupil (s->store, pupil, &error);
  s->plan_id = sp_store_new_plan (s->store, s->pupil_id, "2026-09-07", "2026-12-04", &error);
  s->target_id = sp_store_add_target (s->store, s->plan_id, "cognition", "Read 100 words", "",
                                      "", &error);
  s->provision_id = sp_store_add_provision (s->store, s->plan_id, &reading, &error);
  g_assert_no_error (error);

  window = g_object_new (SP_TYPE_WINDOW, "store", s->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_set_weak_pointer (&s->window, window);
  sp_ui_test_present (GTK_WINDOW (window));
  sp_window_open_plan (window, s->plan_id);
  sp_ui_test_settle ();
  s->page = sp_window_get_plan_page (window);
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "plan");
}

static void
school_close (School *s)
{
  if (s->window != NULL)
    gtk_window_destroy (GTK_WINDOW (s->window));
  sp_ui_test_settle ();
  g_clear_weak_pointer (&s->window);
  g_clear_object (&s->store);
  g_clear_pointer (&s->path, g_free);
}

static GtkEditable *
plan_entry (School      *s,
            const gchar *name)
{
  return GTK_EDITABLE (sp_ui_test_child (s->page, SP_TYPE_PLAN_PAGE, name));
}

static SpSaveBanner *
banner_of (School *s)
{
  return SP_SAVE_BANNER (sp_ui_test_child (GTK_WIDGET (s->window), SP_TYPE_WINDOW,
                                           "save_banner"));
}

static gboolean
banner_shown (gpointer data)
{
  return sp_save_banner_get_shown (banner_of (data));
}

static gboolean
window_gone (gpointer data)
{
  return ((School *) data)->window == NULL;
}

/* What the database file holds, through a connection of the test's own. */
static gchar *
saved_text (School  *s,
            SpField  field,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) fresh = sp_store_open (s->path, SP_STORE_OPEN_NO_CREATE, &error);
  gchar *text;

  g_assert_no_error (error);
  text = sp_store_read_text (fresh, field, id, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gchar *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
count_widgets_named (GtkWidget   *root,
                     const gchar *type_name)
{
  guint n = g_str_equal (G_OBJECT_TYPE_NAME (root), type_name);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_widgets_named (c, type_name);
  return n;
}

static AdwMessageDialog *
the_question (void)
{
  g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();

  g_assert_cmpuint (dialogs->len, ==, 1);
  return g_ptr_array_index (dialogs, 0);
}

/* How many shown labels below @root have @keyval as their mnemonic (Alt+key). */
static guint
count_mnemonics (GtkWidget *root,
                 guint      keyval)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (GTK_IS_LABEL (root) && gtk_label_get_mnemonic_keyval (GTK_LABEL (root)) == keyval)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_mnemonics (c, keyval);
  return n;
}

/* Presses @button as the keyboard does (Space or Enter): GTK shows it pressed for a moment
 * and then clicks it. */
static void
press (GtkWidget *button)
{
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (button)) == button);
  g_assert_true (gtk_widget_activate (button));
  sp_ui_test_wait_ms (300);
  sp_ui_test_settle ();
}

/* Answers the question as a keyboard user would. */
static void
answer (AdwMessageDialog *dialog,
        const gchar      *label)
{
  GtkWidget *button = sp_ui_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  press (button);
}

/* The failed typing is shown, kept, retried and saved; one message, which stays. */
static void
test_banner_and_try_again (void)
{
  School s = { 0 };
  GtkTextBuffer *family;
  SpSaveBanner *banner;
  GtkWidget *retry_button, *bar;
  g_autofree gchar *shown = NULL;
  g_autofree gchar *likes = NULL;
  g_autofree gchar *hard = NULL;
  g_autofree gchar *home = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint steps;

  school_open (&s, "banner.db");
  banner = banner_of (&s);
  g_assert_false (sp_save_banner_get_shown (banner));
  family = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                                      "parent_view")));

  disk_full ();
  /* Three fields of the plan's one row, typed within the autosave's delay. */
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Lego, and reading with Mr Lewis");
  gtk_editable_set_text (plan_entry (&s, "hard_row"), "Long writing tasks");
  gtk_text_buffer_set_text (family, "Read with her for ten minutes each evening", -1);
  sp_ui_test_iterate_until (banner_shown, &s);
  sp_ui_test_settle ();

  /* One message in plain words; the later saves of the row, counted on the first, are not
   * taken for someone else's change; no toasts. */
  g_test_message ("banner: %s / %s", sp_save_banner_get_title (banner),
                  sp_save_banner_get_message (banner));
  g_assert_nonnull (strstr (sp_save_banner_get_title (banner), "not saved yet"));
  g_assert_nonnull (strstr (sp_save_banner_get_message (banner), "the disk is full"));
  g_assert_nonnull (strstr (sp_save_banner_get_message (banner),
                            "Everything saved before is safe"));
  g_assert_cmpuint (count_widgets_named (GTK_WIDGET (s.window), "AdwToastWidget"), ==, 0);
  {
    g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();
    g_assert_cmpuint (dialogs->len, ==, 0);
  }
  pause_for_screenshot ("banner");

  /* It stays: longer than a toast would (5 s), and through more typing that fails. */
  sp_ui_test_wait_ms (5500);
  g_assert_true (sp_save_banner_get_shown (banner));
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Lego, drawing, and reading with Mr Lewis");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 300);
  sp_ui_test_settle ();
  g_assert_true (sp_save_banner_get_shown (banner));
  g_assert_cmpuint (count_widgets_named (GTK_WIDGET (s.window), "AdwToastWidget"), ==, 0);

  /* What was typed is still on screen. */
  g_assert_cmpstr (gtk_editable_get_text (plan_entry (&s, "likes_row")), ==,
                   "Lego, drawing, and reading with Mr Lewis");
  g_assert_cmpstr (gtk_editable_get_text (plan_entry (&s, "hard_row")), ==, "Long writing tasks");
  shown = buffer_text (family);
  g_assert_cmpstr (shown, ==, "Read with her for ten minutes each evening");

  /* To a screen reader an alert, named and described; its button reached with Tab. */
  bar = sp_ui_test_child (GTK_WIDGET (banner), SP_TYPE_SAVE_BANNER, "bar");
  retry_button = sp_ui_test_child (GTK_WIDGET (banner), SP_TYPE_SAVE_BANNER, "retry_button");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       sp_ui_test_child (GTK_WIDGET (banner),
                                                         SP_TYPE_SAVE_BANNER, "title_label"),
                                       NULL);
  sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (banner), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_true (sp_ui_test_is_mapped (retry_button));
  gtk_widget_grab_focus (GTK_WIDGET (plan_entry (&s, "likes_row")));
  for (steps = 0; steps < 400; steps++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (s.window));

      if (focus == retry_button)
        break;
      gtk_widget_child_focus (GTK_WIDGET (s.window), GTK_DIR_TAB_BACKWARD);
    }
  g_test_message ("Try Again reached with %u presses of Shift+Tab from the field", steps);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (s.window)) == retry_button);
  /* ... or with its Alt+letter, which nothing else on the page uses. */
  {
    GtkWidget *label = gtk_button_get_child (GTK_BUTTON (retry_button));
    guint keyval = gtk_label_get_mnemonic_keyval (GTK_LABEL (label));

    g_assert_cmpuint (keyval, !=, GDK_KEY_VoidSymbol);
    g_assert_cmpuint (count_mnemonics (GTK_WIDGET (s.window), keyval), ==, 1);
  }

  /* Closing asks first; Keep Open (Escape) keeps the window and the typing. */
  gtk_window_close (GTK_WINDOW (s.window));
  sp_ui_test_settle ();
  g_assert_nonnull (s.window);
  {
    AdwMessageDialog *question = the_question ();

    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==,
                     "Some of Your Typing Has Not Been Saved");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "the disk is full"));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question))
                   == GTK_WINDOW (s.window));
    pause_for_screenshot ("question");
    gtk_window_close (GTK_WINDOW (question));   /* Escape */
    sp_ui_test_settle ();
  }
  g_assert_nonnull (s.window);
  g_assert_true (sp_save_banner_get_shown (banner));

  /* Space is freed: nothing saved itself meanwhile, and Try Again saves it all. */
  disk_has_room ();
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (likes, ==, "");
  press (retry_button);
  g_assert_false (sp_save_banner_get_shown (banner));
  sp_ui_test_wait_for_label (s.window, "Saved. Everything you typed is safe now.");

  g_clear_pointer (&likes, g_free);
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  hard = saved_text (&s, SP_FIELD_PLAN_PUPIL_FINDS_HARD, s.plan_id);
  home = saved_text (&s, SP_FIELD_PLAN_PARENT_CONTRIBUTION, s.plan_id);
  g_assert_cmpstr (likes, ==, "Lego, drawing, and reading with Mr Lewis");
  g_assert_cmpstr (hard, ==, "Long writing tasks");
  g_assert_cmpstr (home, ==, "Read with her for ten minutes each evening");

  /* With everything saved, closing does not ask. */
  gtk_window_close (GTK_WINDOW (s.window));
  sp_ui_test_iterate_until (window_gone, &s);
  school_close (&s);
}

/* Closing straight after typing on a full disk: the question, Try Again while still full,
 * then Try Again once there is room, which saves and closes. A target and a line of
 * provision this time. */
static void
test_close_asks_then_saves (void)
{
  School s = { 0 };
  GtkWidget *editor, *row;
  GtkTextBuffer *target;
  g_autofree gchar *description = NULL;
  g_autofree gchar *provision = NULL;
  g_autofree gchar *shown = NULL;

  school_open (&s, "close.db");
  editor = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                         "targets_box"));
  row = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                      "provision_list"));
  g_assert_true (SP_IS_TARGET_EDITOR (editor));
  g_assert_true (SP_IS_PROVISION_ROW (row));
  target = sp_target_editor_get_buffer (SP_TARGET_EDITOR (editor));

  disk_full ();
  gtk_text_buffer_set_text (target, "Read the first 100 high-frequency words", -1);
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (row, SP_TYPE_PROVISION_ROW,
                                                         "what_entry")),
                         "Toe by Toe with Mrs Khan");
  gtk_window_close (GTK_WINDOW (s.window));   /* at once: the close saves what waits */
  sp_ui_test_settle ();
  g_assert_nonnull (s.window);
  g_assert_true (sp_save_banner_get_shown (banner_of (&s)));
  g_assert_cmpuint (count_widgets_named (GTK_WIDGET (s.window), "AdwToastWidget"), ==, 0);
  answer (the_question (), "_Try Again");

  /* Still full: still open, asked again, saying so. */
  g_assert_nonnull (s.window);
  g_assert_cmpstr (adw_message_dialog_get_heading (the_question ()), ==, "Still Not Saved");
  g_assert_nonnull (strstr (sp_save_banner_get_title (banner_of (&s)), "Still not saved"));
  shown = buffer_text (target);
  g_assert_cmpstr (shown, ==, "Read the first 100 high-frequency words");

  disk_has_room ();
  answer (the_question (), "_Try Again");
  sp_ui_test_iterate_until (window_gone, &s);

  description = saved_text (&s, SP_FIELD_TARGET_DESCRIPTION, s.target_id);
  provision = saved_text (&s, SP_FIELD_PROVISION_DESCRIPTION, s.provision_id);
  g_assert_cmpstr (description, ==, "Read the first 100 high-frequency words");
  g_assert_cmpstr (provision, ==, "Toe by Toe with Mrs Khan");
  school_close (&s);
}

/* The pupil page, opened from the list as a click would. */
static GtkWidget *
open_pupil_page (School *s)
{
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (s->window), SP_TYPE_WINDOW, "pupil_list");

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (s->window), ==, "pupil");
  return sp_window_get_pupil_page (s->window);
}

/* A value refused (a UPN that is not one, a text too long for a field) is not "kept, try
 * again": trying again cannot make it right. It is said once and the field shows it is
 * wrong; no yellow bar, and closing does not ask. */
static void
test_refused_not_kept (void)
{
  School s = { 0 };
  GtkWidget *page, *upn_row;
  g_autofree gchar *upn = NULL;
  g_autofree gchar *likes = NULL;
  GString *long_text = g_string_new (NULL);

  school_open (&s, "refused.db");

  page = open_pupil_page (&s);
  upn_row = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "upn_row");
  gtk_editable_set_text (GTK_EDITABLE (upn_row), "A12");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));
  g_assert_true (gtk_widget_has_css_class (upn_row, "error"));
  g_assert_nonnull (sp_ui_test_find_label (GTK_WIDGET (s.window),
                                           "A UPN has 13 characters, but “A12” has 3."));

  /* Far too long for a field (a paste of a whole document). */
  for (guint i = 0; i < 2100; i++)
    g_string_append (long_text, "Reads well ");
  sp_window_open_plan (s.window, s.plan_id);
  sp_ui_test_settle ();
  gtk_editable_set_text (plan_entry (&s, "likes_row"), long_text->str);
  g_string_free (long_text, TRUE);
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));

  /* Nothing waits to be saved, so closing closes without a question. */
  gtk_window_close (GTK_WINDOW (s.window));
  sp_ui_test_settle ();
  g_assert_null (s.window);

  upn = saved_text (&s, SP_FIELD_PUPIL_UPN, s.pupil_id);
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (upn, ==, "");
  g_assert_cmpstr (likes, ==, "");
  school_close (&s);
}

static GtkWidget *
review_child (GtkWidget   *page,
              const gchar *name)
{
  return sp_ui_test_child (page, SP_TYPE_REVIEW_PAGE, name);
}

/* The first widget of @type below @root, or NULL. */
static GtkWidget *
first_of_type (GtkWidget *root,
               GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = first_of_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
open_review (School *s)
{
  sp_window_open_plan (s->window, s->plan_id);
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (sp_window_get_plan_page (s->window), "plan.review",
                                             NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (s->window), ==, "review");
  return sp_window_get_review_page (s->window);
}

/* Choices made on the review page while the disk is full are kept, and the page shows them
 * when it is opened again, not the draft's older ones: completing the review records what
 * the page shows, which is what the teacher chose. */
static void
test_review_choices_kept (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *card, *outcome, *carry;
  gint64 revision = 0;

  school_open (&s, "review-kept.db");
  g_free (sp_store_read_text (s.store, SP_FIELD_PLAN_STATUS, s.plan_id, &revision, &error));
  g_assert_true (sp_store_update_text (s.store, SP_FIELD_PLAN_STATUS, s.plan_id, revision,
                                       "active", NULL, &error));
  g_assert_no_error (error);
  page = open_review (&s);

  disk_full ();
  card = gtk_widget_get_first_child (review_child (page, "outcomes_box"));
  outcome = first_of_type (card, GTK_TYPE_DROP_DOWN);
  carry = first_of_type (card, GTK_TYPE_SWITCH);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (outcome), 1);            /* partly */
  gtk_switch_set_active (GTK_SWITCH (carry), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (review_child (page, "parents_row")), 1);  /* phone */
  adw_combo_row_set_selected (ADW_COMBO_ROW (review_child (page, "decision_row")), 2); /* specialist */
  sp_ui_test_settle ();
  g_assert_true (sp_save_banner_get_shown (banner_of (&s)));

  /* Back to the plan, and Review again: the choices are the ones made. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s.window), "win.back", NULL));
  sp_ui_test_settle ();
  page = open_review (&s);
  g_assert_true (sp_save_banner_get_shown (banner_of (&s)));
  card = gtk_widget_get_first_child (review_child (page, "outcomes_box"));
  outcome = first_of_type (card, GTK_TYPE_DROP_DOWN);
  carry = first_of_type (card, GTK_TYPE_SWITCH);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (outcome)), ==, 1);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (carry)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (review_child (page, "parents_row"))),
                    ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (review_child (page,
                                                                             "decision_row"))),
                    ==, 2);

  /* With room, completing records the choices shown. */
  disk_has_room ();
  g_assert_true (gtk_widget_activate_action (page, "review.complete", NULL));
  sp_ui_test_settle ();
  g_assert_null (sp_review_page_get_problem (SP_REVIEW_PAGE (page)));
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));
  g_assert_cmpint (sp_ui_test_db_int (s.path, "SELECT count(*) FROM reviews"
                                              " WHERE decision = 'specialist'"), ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (s.path, "SELECT count(*) FROM review_outcomes"
                                              " WHERE outcome = 'partly'"), ==, 1);
  g_assert_cmpint (sp_ui_test_db_int (s.path, "SELECT count(*) FROM parent_meetings"
                                              " WHERE method = 'phone'"), ==, 1);
  /* Not carried forward, as switched off. */
  g_assert_cmpint (sp_ui_test_db_int (s.path, "SELECT count(*) FROM targets t"
                                              " JOIN plans p ON p.id = t.plan_id"
                                              " WHERE p.status = 'draft'"), ==, 0);
  school_close (&s);
}

/* The same for the choices on the other pages: a target's area, a provision row's numbers,
 * a pupil's year group and SEN status, changed on a full disk, show again as chosen when
 * their page is opened again, and are saved once there is room. */
static void
test_choices_kept (void)
{
  School s = { 0 };
  GtkWidget *editor, *row, *page, *area, *weeks, *year, *status;
  guint year_before, status_before;

  school_open (&s, "choices-kept.db");
  editor = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                         "targets_box"));
  row = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                      "provision_list"));
  area = sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "area_dropdown");
  weeks = sp_ui_test_child (row, SP_TYPE_PROVISION_ROW, "weeks_spin");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (area)), ==, 2);   /* cognition */

  disk_full ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (area), 1);                       /* communication */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weeks), 20);
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 200);
  sp_ui_test_settle ();
  g_assert_true (sp_save_banner_get_shown (banner_of (&s)));

  page = open_pupil_page (&s);
  year = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "year_row");
  status = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "status_row");
  year_before = adw_combo_row_get_selected (ADW_COMBO_ROW (year));
  status_before = adw_combo_row_get_selected (ADW_COMBO_ROW (status));
  adw_combo_row_set_selected (ADW_COMBO_ROW (year), year_before + 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), status_before == 0 ? 1 : 0);
  sp_ui_test_settle ();

  /* The plan again: the area and the weeks as chosen. */
  sp_window_open_plan (s.window, s.plan_id);
  sp_ui_test_settle ();
  editor = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                         "targets_box"));
  row = gtk_widget_get_first_child (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE,
                                                      "provision_list"));
  area = sp_ui_test_child (editor, SP_TYPE_TARGET_EDITOR, "area_dropdown");
  weeks = sp_ui_test_child (row, SP_TYPE_PROVISION_ROW, "weeks_spin");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (area)), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (weeks)), ==, 20);

  /* The pupil again: the year group and SEN status as chosen. */
  page = open_pupil_page (&s);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (year)), ==, year_before + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status)), ==,
                    status_before == 0 ? 1 : 0);

  /* Room again: Try Again saves them all. */
  disk_has_room ();
  press (sp_ui_test_child (GTK_WIDGET (banner_of (&s)), SP_TYPE_SAVE_BANNER, "retry_button"));
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));
  {
    g_autofree gchar *saved_area = saved_text (&s, SP_FIELD_TARGET_AREA, s.target_id);
    g_assert_cmpstr (saved_area, ==, "communication");
  }
  g_assert_cmpint (sp_ui_test_db_int (s.path, "SELECT weeks FROM provision"), ==, 20);
  school_close (&s);
}

/* A plan with the three targets Agree Plan asks for, shown again. */
static void
three_targets (School *s)
{
  g_autoptr(GError) error = NULL;

  sp_store_add_target (s->store, s->plan_id, "cognition", "Spell 20 words", "", "", &error);
  sp_store_add_target (s->store, s->plan_id, "semh", "Take turns in a game", "", "", &error);
  g_assert_no_error (error);
  sp_window_open_plan (s->window, s->plan_id);
  sp_ui_test_settle ();
}

static gchar *
saved_status (School *s)
{
  return sp_ui_test_db_text (s->path, "SELECT status FROM plans");
}

/* Agree Plan is a one-off action, not typing: on a full disk it is not kept to be tried
 * again while the page says Draft. The page says it could not be agreed and why; the plan
 * stays a draft, on screen and in the database; nothing waits to be saved. With room, Agree
 * Plan agrees it, and typing afterwards saves as before. */
static void
test_agree_full_disk (void)
{
  School s = { 0 };
  GtkWidget *status_row, *activate;
  const gchar *notice;
  g_autofree gchar *status = NULL;
  g_autofree gchar *likes = NULL;

  school_open (&s, "agree.db");
  three_targets (&s);
  status_row = sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE, "status_row");
  activate = sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE, "activate_button");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "Draft");

  disk_full ();
  press (activate);
  notice = sp_plan_page_get_notice (SP_PLAN_PAGE (s.page));
  g_test_message ("notice: %s", notice);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "The plan could not be agreed: "));
  g_assert_nonnull (strstr (notice, "the disk is full"));
  g_assert_nonnull (strstr (notice, "It is still a draft"));
  g_assert_nonnull (sp_ui_test_find_label (GTK_WIDGET (s.window), notice));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "Draft");
  g_assert_true (sp_ui_test_is_mapped (activate));
  /* Not kept as typing waiting to be saved. */
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));

  /* Room again: still a draft in the database (nothing saved itself), and Agree Plan works. */
  disk_has_room ();
  status = saved_status (&s);
  g_assert_cmpstr (status, ==, "draft");
  press (activate);
  g_clear_pointer (&status, g_free);
  status = saved_status (&s);
  g_assert_cmpstr (status, ==, "active");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "Active");
  notice = sp_plan_page_get_notice (SP_PLAN_PAGE (s.page));
  g_assert_true (notice == NULL || strstr (notice, "could not be agreed") == NULL);

  /* Typing afterwards saves, not taken for someone else's change. */
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Football");
  sp_ui_test_wait_ms (SP_AUTOSAVE_DELAY_MS + 300);
  sp_ui_test_settle ();
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (likes, ==, "Football");
  {
    g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();
    g_assert_cmpuint (dialogs->len, ==, 0);
  }
  school_close (&s);
}

/* Closing after Agree Plan failed on a full disk does not ask: nothing typed waits. */
static void
test_agree_full_disk_close (void)
{
  School s = { 0 };
  g_autofree gchar *status = NULL;

  school_open (&s, "agree-close.db");
  three_targets (&s);
  disk_full ();
  press (sp_ui_test_child (s.page, SP_TYPE_PLAN_PAGE, "activate_button"));
  g_assert_nonnull (sp_plan_page_get_notice (SP_PLAN_PAGE (s.page)));
  g_assert_nonnull (strstr (sp_plan_page_get_notice (SP_PLAN_PAGE (s.page)),
                            "could not be agreed"));
  gtk_window_close (GTK_WINDOW (s.window));
  sp_ui_test_settle ();
  g_assert_null (s.window);
  disk_has_room ();
  status = saved_status (&s);
  g_assert_cmpstr (status, ==, "draft");
  school_close (&s);
}

/* Close Anyway closes, and does what it says: the typing is not in the database. */
static void
test_close_anyway (void)
{
  School s = { 0 };
  g_autofree gchar *likes = NULL;

  school_open (&s, "anyway.db");
  disk_full ();
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Football");
  gtk_window_close (GTK_WINDOW (s.window));
  sp_ui_test_settle ();
  g_assert_nonnull (s.window);
  answer (the_question (), "_Close Anyway");
  sp_ui_test_iterate_until (window_gone, &s);
  disk_has_room ();

  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (likes, ==, "");
  school_close (&s);
}

/* The widgets below @root a screen reader is given as alerts: GTK 4.8 presents every widget
 * that is visible, with its parents, whether or not a folded leaflet shows its page. */
static guint
count_alerts (GtkWidget *root)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (gtk_test_accessible_has_role (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_ROLE_ALERT))
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_alerts (c);
  return n;
}

/* The save banners below @root on screen now and saying something. */
static void
collect_shown_banners (GtkWidget *root,
                       GPtrArray *found)
{
  if (SP_IS_SAVE_BANNER (root) && gtk_widget_get_mapped (root)
      && sp_save_banner_get_shown (SP_SAVE_BANNER (root)))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_shown_banners (c, found);
}

/* The one save banner on screen; fails if there are none, or more. */
static SpSaveBanner *
the_shown_banner (School *s)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_shown_banners (GTK_WIDGET (s->window), found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static gboolean
leaflet_unfolded (gpointer leaflet)
{
  return !adw_leaflet_get_folded (leaflet);
}

/* Tabs backwards from the focus until @target has it; returns the number of presses. */
static guint
shift_tab_to (GtkWindow *window,
              GtkWidget *target)
{
  guint steps;

  for (steps = 0; steps < 400; steps++)
    {
      if (gtk_root_get_focus (GTK_ROOT (window)) == target)
        break;
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD);
    }
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == target);
  return steps;
}

/* A narrow window shows the pupil list alone: the message is there too, once, with a Try
 * Again the keyboard reaches; wide again, one bar and one alert. */
static void
test_folded_list (void)
{
  School s = { 0 };
  AdwLeaflet *leaflet;
  GtkWidget *sidebar, *search, *retry_button;
  SpSaveBanner *shown;
  g_autofree gchar *likes = NULL;
  g_autofree gchar *hard = NULL;

  school_open (&s, "folded.db");
  leaflet = ADW_LEAFLET (sp_ui_test_child (GTK_WIDGET (s.window), SP_TYPE_WINDOW, "leaflet"));
  sidebar = sp_ui_test_child (GTK_WIDGET (s.window), SP_TYPE_WINDOW, "sidebar");
  search = sp_ui_test_child (GTK_WIDGET (s.window), SP_TYPE_WINDOW, "search_entry");

  disk_full ();
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Dinosaurs");
  sp_ui_test_iterate_until (banner_shown, &s);
  sp_ui_test_settle ();
  g_assert_cmpuint (count_alerts (GTK_WIDGET (s.window)), ==, 1);

  /* Narrow, and back to the list: the plan (and its bar) slide out of sight. */
  gtk_window_set_default_size (GTK_WINDOW (s.window), 360, 640);
  sp_ui_test_iterate_until ((gboolean (*) (gpointer)) adw_leaflet_get_folded, leaflet);
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  sp_ui_test_wait_ms (500);
  sp_ui_test_settle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  /* The list says it, in the same words, and a screen reader hears it once. */
  shown = the_shown_banner (&s);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (shown), sidebar));
  g_assert_nonnull (strstr (sp_save_banner_get_title (shown), "not saved yet"));
  g_assert_nonnull (strstr (sp_save_banner_get_message (shown), "the disk is full"));
  g_assert_cmpuint (count_alerts (GTK_WIDGET (s.window)), ==, 1);
  retry_button = sp_ui_test_child (GTK_WIDGET (shown), SP_TYPE_SAVE_BANNER, "retry_button");
  g_assert_true (sp_ui_test_is_mapped (retry_button));
  pause_for_screenshot ("folded");

  /* Its Try Again is one Shift+Tab away from the search box; still full, it says "Still",
   * and so does the content's bar. */
  gtk_widget_grab_focus (search);
  g_test_message ("Try Again reached with %u presses of Shift+Tab from the search box",
                  shift_tab_to (GTK_WINDOW (s.window), retry_button));
  press (retry_button);
  g_assert_true (the_shown_banner (&s) == shown);
  g_assert_nonnull (strstr (sp_save_banner_get_title (shown), "Still not saved"));
  g_assert_nonnull (strstr (sp_save_banner_get_title (banner_of (&s)), "Still not saved"));

  /* Space is freed: Try Again from the list saves it, the bar goes, one toast says so. */
  disk_has_room ();
  gtk_widget_grab_focus (search);
  shift_tab_to (GTK_WINDOW (s.window), retry_button);
  press (retry_button);
  g_assert_false (sp_save_banner_get_shown (shown));
  g_assert_false (sp_save_banner_get_shown (banner_of (&s)));
  sp_ui_test_wait_for_label (s.window, "Saved. Everything you typed is safe now.");
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (likes, ==, "Dinosaurs");

  /* Wide again, on a full disk: the content's bar says it, alone; one alert. */
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1100, 760);
  sp_ui_test_iterate_until (leaflet_unfolded, leaflet);
  sp_ui_test_settle ();
  disk_full ();
  gtk_editable_set_text (plan_entry (&s, "hard_row"), "Spelling");
  sp_ui_test_iterate_until (banner_shown, &s);
  sp_ui_test_settle ();
  g_assert_true (the_shown_banner (&s) == banner_of (&s));
  g_assert_cmpuint (count_alerts (GTK_WIDGET (s.window)), ==, 1);

  disk_has_room ();
  sp_save_banner_retry (banner_of (&s));
  hard = saved_text (&s, SP_FIELD_PLAN_PUPIL_FINDS_HARD, s.plan_id);
  g_assert_cmpstr (hard, ==, "Spelling");
  school_close (&s);
}

/* The "Save as PDF" chooser showing now (GtkFileChooserNative's own dialog, with no portal). */
static GtkWindow *
pdf_chooser (void)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* A printed copy is made from the database: with typing not saved it would be an older plan,
 * so the teacher is asked first, and Try Again saves and then goes on to the PDF. */
static void
test_print_asks (void)
{
  School s = { 0 };
  g_autofree gchar *likes = NULL;
  g_autoptr(GPtrArray) none = NULL;

  school_open (&s, "print.db");
  disk_full ();
  gtk_editable_set_text (plan_entry (&s, "likes_row"), "Swimming");
  gtk_widget_activate_action (GTK_WIDGET (s.window), "win.save-pdf", "s", "parent");
  sp_ui_test_settle ();
  g_assert_null (pdf_chooser ());
  g_assert_cmpstr (adw_message_dialog_get_heading (the_question ()), ==,
                   "Some of Your Typing Is Not Saved");

  /* Cancel: no PDF; still full, Try Again: still no PDF, and the bar stays. */
  answer (the_question (), "_Cancel");
  g_assert_null (pdf_chooser ());
  gtk_widget_activate_action (GTK_WIDGET (s.window), "win.save-pdf", "s", "parent");
  sp_ui_test_settle ();
  answer (the_question (), "_Try Again");
  g_assert_null (pdf_chooser ());
  g_assert_true (sp_save_banner_get_shown (banner_of (&s)));

  /* With room, Try Again saves, and the chooser for the PDF comes. */
  gtk_widget_activate_action (GTK_WIDGET (s.window), "win.save-pdf", "s", "parent");
  sp_ui_test_settle ();
  disk_has_room ();
  answer (the_question (), "_Try Again");
  likes = saved_text (&s, SP_FIELD_PLAN_PUPIL_LIKES, s.plan_id);
  g_assert_cmpstr (likes, ==, "Swimming");
  g_assert_nonnull (pdf_chooser ());
  gtk_window_destroy (pdf_chooser ());
  sp_ui_test_settle ();

  /* Everything saved: no question. */
  gtk_widget_activate_action (GTK_WIDGET (s.window), "win.save-pdf", "s", "parent");
  sp_ui_test_settle ();
  none = sp_ui_test_message_dialogs ();
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_nonnull (pdf_chooser ());
  gtk_window_destroy (pdf_chooser ());
  school_close (&s);
}

/* Quit (Ctrl+Q) asks as closing does, and quits nothing meanwhile; once the typing is saved
 * it asks nothing. Through the application, as the app runs. */
static void
test_quit_asks (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "quit.db", NULL);
  g_autofree gchar *daily = sp_ui_test_daily_backup (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpApplication) app = NULL;
  g_autofree gchar *likes = NULL;
  SpWindow *window;
  GtkWidget *page;
  gint64 plan_id;

  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Ben", "surname",
                                             "Carter", "year-group", "5", "sen-status", "K",
                                             NULL);

    g_assert_no_error (error);
    plan_id = sp_store_new_plan (store, sp_store_add_pupil (store, pupil, &error),
                                 "2026-09-14", "2026-12-11", &error);
    g_assert_no_error (error);
  }

  app = sp_application_new (path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  sp_ui_test_iterate_until (sp_ui_test_has_window, app);
  /* The day's backup is written at start-up: the disk fills after it. */
  sp_ui_test_iterate_until (sp_ui_test_file_exists, daily);
  sp_ui_test_settle ();
  window = sp_ui_test_find_window (GTK_APPLICATION (app));
  sp_window_open_plan (window, plan_id);
  sp_ui_test_settle ();
  page = sp_window_get_plan_page (window);

  disk_full ();
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (page, SP_TYPE_PLAN_PAGE, "likes_row")),
                         "Swimming");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sp_ui_test_settle ();
  g_assert_true (sp_ui_test_find_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpstr (adw_message_dialog_get_heading (the_question ()), ==,
                   "Some of Your Typing Has Not Been Saved");
  gtk_window_close (GTK_WINDOW (the_question ()));   /* Keep Open */
  sp_ui_test_settle ();

  /* With room again, Quit saves it and asks nothing. */
  disk_has_room ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sp_ui_test_settle ();
  {
    g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();
    g_assert_cmpuint (dialogs->len, ==, 0);
  }
  {
    g_autoptr(SpStore) fresh = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);

    g_assert_no_error (error);
    likes = sp_store_read_text (fresh, SP_FIELD_PLAN_PUPIL_LIKES, plan_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (likes, ==, "Swimming");
  }

  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL;)
    gtk_window_destroy (l->data);
  sp_ui_test_settle ();
}

/* ---- Quit with several windows ---------------------------------------------------------- */

/* The application running on a school of two pupils with a plan each, its own window showing
 * the first plan and a second window (as open_window makes one) showing the second. */
typedef struct
{
  gchar         *path;
  SpApplication *app;
  gint64         plan_id[2];
  SpWindow      *window[2];   /* weak */
} TwoWindows;

static void
two_windows_open (TwoWindows  *t,
                  const gchar *name)
{
  g_autofree gchar *daily = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) shared = NULL;
  SpWindow *second;

  t->path = g_build_filename (tmpdir, name, NULL);
  daily = sp_ui_test_daily_backup (t->path);
  {
    g_autoptr(SpStore) store = sp_store_open (t->path, SP_STORE_OPEN_DEFAULT, &error);
    const gchar *names[2] = { "Ben", "Chloe" };

    g_assert_no_error (error);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", names[i],
                                                 "surname", "Carter", "year-group", "5",
                                                 "sen-status", "K", NULL);

        t->plan_id[i] = sp_store_new_plan (store, sp_store_add_pupil (store, pupil, &error),
                                           "2026-09-14", "2026-12-11", &error);
        g_assert_no_error (error);
      }
  }

  t->app = sp_application_new (t->path);
  /* An application of the test before may still be registered under the app's name. */
  {
    static guint serial;
    g_autofree gchar *id = g_strdup_printf ("%s.Test%u", APP_ID, ++serial);

    g_application_set_application_id (G_APPLICATION (t->app), id);
  }
  g_assert_true (g_application_register (G_APPLICATION (t->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (t->app));
  sp_ui_test_iterate_until (sp_ui_test_has_window, t->app);
  /* The day's backup is written at start-up: the disk fills after it. */
  sp_ui_test_iterate_until (sp_ui_test_file_exists, daily);
  sp_ui_test_settle ();
  g_set_weak_pointer (&t->window[0], sp_ui_test_find_window (GTK_APPLICATION (t->app)));

  g_object_get (t->window[0], "store", &shared, NULL);
  second = g_object_new (SP_TYPE_WINDOW, "application", t->app, "store", shared, NULL);
  g_set_weak_pointer (&t->window[1], second);
  sp_ui_test_present (GTK_WINDOW (second));
  for (guint i = 0; i < 2; i++)
    sp_window_open_plan (t->window[i], t->plan_id[i]);
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (t->app))), ==,
                    2);
}

static void
two_windows_close (TwoWindows *t)
{
  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (t->app))) != NULL;)
    gtk_window_destroy (l->data);
  sp_ui_test_settle ();
  for (guint i = 0; i < 2; i++)
    g_clear_weak_pointer (&t->window[i]);
  g_clear_object (&t->app);
  g_clear_pointer (&t->path, g_free);
}

static void
type_likes (SpWindow    *window,
            const gchar *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sp_ui_test_child (sp_window_get_plan_page (window),
                                                         SP_TYPE_PLAN_PAGE, "likes_row")),
                         text);
}

static gchar *
saved_likes (TwoWindows *t,
             guint       i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) fresh = sp_store_open (t->path, SP_STORE_OPEN_NO_CREATE, &error);
  gchar *text;

  g_assert_no_error (error);
  text = sp_store_read_text (fresh, SP_FIELD_PLAN_PUPIL_LIKES, t->plan_id[i], NULL, &error);
  g_assert_no_error (error);
  return text;
}

static guint
n_windows (TwoWindows *t)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (t->app)));
}

/* Quit from the first window, with typing not saved in the second: the second is asked about;
 * Close Anyway closes it and Quit goes on, closing the first (which has nothing unsaved). */
static void
test_quit_two_windows_close_anyway (void)
{
  TwoWindows t = { 0 };
  g_autofree gchar *likes = NULL;
  AdwMessageDialog *question;

  two_windows_open (&t, "quit-anyway.db");
  disk_full ();
  type_likes (t.window[1], "Chess");
  gtk_widget_activate_action (GTK_WIDGET (t.window[0]), "app.quit", NULL);
  sp_ui_test_settle ();
  question = the_question ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question))
                 == GTK_WINDOW (t.window[1]));
  g_assert_cmpuint (n_windows (&t), ==, 2);

  answer (question, "_Close Anyway");
  sp_ui_test_settle ();
  g_assert_null (t.window[1]);
  g_assert_null (t.window[0]);
  g_assert_cmpuint (n_windows (&t), ==, 0);
  disk_has_room ();
  likes = saved_likes (&t, 1);
  g_assert_cmpstr (likes, ==, "");
  two_windows_close (&t);
}

/* The same, answered Try Again: still full, asked again and nothing closes; with room, the
 * typing is saved and both windows close. */
static void
test_quit_two_windows_try_again (void)
{
  TwoWindows t = { 0 };
  g_autofree gchar *likes = NULL;

  two_windows_open (&t, "quit-retry.db");
  disk_full ();
  type_likes (t.window[1], "Gymnastics");
  gtk_widget_activate_action (GTK_WIDGET (t.window[0]), "app.quit", NULL);
  sp_ui_test_settle ();
  answer (the_question (), "_Try Again");
  g_assert_cmpstr (adw_message_dialog_get_heading (the_question ()), ==, "Still Not Saved");
  g_assert_cmpuint (n_windows (&t), ==, 2);

  disk_has_room ();
  answer (the_question (), "_Try Again");
  sp_ui_test_settle ();
  g_assert_cmpuint (n_windows (&t), ==, 0);
  likes = saved_likes (&t, 1);
  g_assert_cmpstr (likes, ==, "Gymnastics");
  two_windows_close (&t);
}

/* Typing not saved in both windows: Quit asks about each in turn. Keep Open stops the quit
 * with everything as it was; Quit again, and Close Anyway twice, quits. */
static void
test_quit_asks_every_window (void)
{
  TwoWindows t = { 0 };
  AdwMessageDialog *question;
  GtkWindow *first_asked;

  two_windows_open (&t, "quit-both.db");
  disk_full ();
  type_likes (t.window[0], "Painting");
  type_likes (t.window[1], "Climbing");
  gtk_widget_activate_action (GTK_WIDGET (t.window[0]), "app.quit", NULL);
  sp_ui_test_settle ();
  gtk_window_close (GTK_WINDOW (the_question ()));   /* Keep Open */
  sp_ui_test_settle ();
  {
    g_autoptr(GPtrArray) dialogs = sp_ui_test_message_dialogs ();
    g_assert_cmpuint (dialogs->len, ==, 0);
  }
  g_assert_cmpuint (n_windows (&t), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (t.window[0]), "app.quit", NULL);
  sp_ui_test_settle ();
  question = the_question ();
  first_asked = gtk_window_get_transient_for (GTK_WINDOW (question));
  answer (question, "_Close Anyway");
  sp_ui_test_settle ();
  g_assert_cmpuint (n_windows (&t), ==, 1);
  question = the_question ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) != first_asked);
  g_assert_true (SP_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (question))));
  answer (question, "_Close Anyway");
  sp_ui_test_settle ();
  g_assert_cmpuint (n_windows (&t), ==, 0);
  disk_has_room ();
  two_windows_close (&t);
}

/* ---- Restore ------------------------------------------------------------------------------ */

/* The copy of the school kept before a restore, or NULL while there is none. */
static gchar *
kept_before_restore (const gchar *path)
{
  g_autofree gchar *dir = sp_store_backups_dir_for (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "before-restore-"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static gboolean
restored (gpointer data)
{
  TwoWindows *t = data;
  g_autofree gchar *kept = kept_before_restore (t->path);

  return kept != NULL && t->window[0] == NULL
         && sp_ui_test_find_window (GTK_APPLICATION (t->app)) != NULL;
}

/* Restoring replaces the school: typing not saved yet would go with it, unasked. The restore
 * waits until it is saved; once it is, the copy kept before the restore holds it. */
static void
test_restore_keeps_typing (void)
{
  TwoWindows t = { 0 };
  g_autofree gchar *daily = NULL;
  g_autofree gchar *kept = NULL;
  g_autofree gchar *likes = NULL;
  g_autoptr(GError) error = NULL;

  two_windows_open (&t, "restore.db");
  daily = sp_ui_test_daily_backup (t.path);
  disk_full ();
  type_likes (t.window[0], "Painting");
  g_action_group_activate_action (G_ACTION_GROUP (t.app), "restore-file",
                                  g_variant_new_string (daily));
  sp_ui_test_settle ();
  answer (the_question (), "_Restore");
  sp_ui_test_settle ();

  /* Nothing restored, nothing closed, the typing still on screen and the bar still up. */
  g_assert_nonnull (t.window[0]);
  g_assert_nonnull (t.window[1]);
  g_assert_null (kept_before_restore (t.path));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     sp_ui_test_child (sp_window_get_plan_page (t.window[0]), SP_TYPE_PLAN_PAGE,
                                       "likes_row"))), ==, "Painting");
  g_assert_true (sp_save_banner_get_shown (SP_SAVE_BANNER (
                   sp_ui_test_child (GTK_WIDGET (t.window[0]), SP_TYPE_WINDOW, "save_banner"))));

  /* With room, the restore goes ahead, and the school kept before it has the typing. */
  disk_has_room ();
  g_action_group_activate_action (G_ACTION_GROUP (t.app), "restore-file",
                                  g_variant_new_string (daily));
  sp_ui_test_settle ();
  answer (the_question (), "_Restore");
  sp_ui_test_iterate_until (restored, &t);
  kept = kept_before_restore (t.path);
  {
    g_autoptr(SpStore) store = sp_store_open (kept, SP_STORE_OPEN_NO_CREATE, &error);

    g_assert_no_error (error);
    likes = sp_store_read_text (store, SP_FIELD_PLAN_PUPIL_LIKES, t.plan_id[0], NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (likes, ==, "Painting");
  }
  two_windows_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  struct rlimit limit;
  gint status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* The application's style sheet, as AdwApplication would load it: the bar's colours. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/supportplans/SupportPlans/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_setenv ("SUPPORT_PLANS_TODAY", "2026-11-23", TRUE);
  tmpdir = g_dir_make_tmp ("sp-save-failure-XXXXXX", NULL);

  /* A write past the limit fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  room = limit.rlim_cur;

  g_test_add_func ("/ui/save-failure/banner-and-try-again", test_banner_and_try_again);
  g_test_add_func ("/ui/save-failure/close-asks-then-saves", test_close_asks_then_saves);
  g_test_add_func ("/ui/save-failure/close-anyway", test_close_anyway);
  g_test_add_func ("/ui/save-failure/folded-list", test_folded_list);
  g_test_add_func ("/ui/save-failure/quit-asks", test_quit_asks);
  g_test_add_func ("/ui/save-failure/quit-two-windows-close-anyway",
                   test_quit_two_windows_close_anyway);
  g_test_add_func ("/ui/save-failure/quit-two-windows-try-again",
                   test_quit_two_windows_try_again);
  g_test_add_func ("/ui/save-failure/quit-asks-every-window", test_quit_asks_every_window);
  g_test_add_func ("/ui/save-failure/print-asks", test_print_asks);
  g_test_add_func ("/ui/save-failure/restore-keeps-typing", test_restore_keeps_typing);
  g_test_add_func ("/ui/save-failure/refused-not-kept", test_refused_not_kept);
  g_test_add_func ("/ui/save-failure/review-choices-kept", test_review_choices_kept);
  g_test_add_func ("/ui/save-failure/choices-kept", test_choices_kept);
  g_test_add_func ("/ui/save-failure/agree-full-disk", test_agree_full_disk);
  g_test_add_func ("/ui/save-failure/agree-full-disk-close", test_agree_full_disk_close);

  status = g_test_run ();

  sp_ui_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
