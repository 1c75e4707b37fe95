/* The editor's writes: field updates with revisions, the off-thread saver, cost, order,
 * undo, and the wording check. On real SQLite files. */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sp-saver.h"
#include "sp-store-edit.h"
#include "sp-text.h"

typedef struct
{
  gchar   *dir;
  gchar   *path;
  SpStore *store;
  gint64   pupil;
  gint64   plan;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Dafydd", "surname", "Price",
                                           "upn", "B801200005001", "year-group", "4",
                                           "sen-status", "K", NULL);

  f->dir = g_dir_make_tmp ("sp-edit-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "school.db", NULL);
  f->store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->pupil = sp_store_add_pupil (f->store, pupil, &error);
  g_assert_no_error (error);
  f->plan = sp_store_new_plan (f->store, f->pupil, "2026-09-07", "2026-12-04", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
revision_of (Fixture *f,
             SpField  field,
             gint64   id)
{
  gint64 revision = -1;
  g_free (sp_store_read_text (f->store, field, id, &revision, NULL));
  return revision;
}

static void
test_update_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rev = revision_of (f, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan), new_rev;
  g_autofree gchar *text = NULL;

  g_assert_true (sp_store_update_text (f->store, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan, rev,
                                       "Read together for ten minutes each evening.", &new_rev,
                                       &error));
  g_assert_no_error (error);
  text = sp_store_read_text (f->store, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan, NULL, &error);
  g_assert_cmpstr (text, ==, "Read together for ten minutes each evening.");

  /* The same row's other field must use the new revision: the old one is stale. */
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PLAN_PUPIL_LIKES, f->plan, rev,
                                        "Lego", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (sp_store_update_text (f->store, SP_FIELD_PLAN_PUPIL_LIKES, f->plan, new_rev,
                                       "Lego", NULL, &error));
}

static void
test_bad_values (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *huge = g_strnfill (100000, 'a');
  g_autofree gchar *text = NULL;
  gint64 rev = revision_of (f, SP_FIELD_PLAN_REVIEW_DATE, f->plan), new_rev;

  /* An impossible date, and a review before the start: refused with a sentence. */
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PLAN_REVIEW_DATE, f->plan, rev,
                                        "2026-02-30", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a real date"));
  g_clear_error (&error);
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PLAN_REVIEW_DATE, f->plan, rev,
                                        "2026-09-01", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "after the start"));
  g_clear_error (&error);
  text = sp_store_read_text (f->store, SP_FIELD_PLAN_REVIEW_DATE, f->plan, NULL, &error);
  g_assert_cmpstr (text, ==, "2026-12-04");

  /* 100,000 characters pasted: refused, nothing changed. */
  rev = revision_of (f, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan);
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan,
                                        rev, huge, NULL, &error));
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);

  /* Control characters are dropped; emoji and right-to-left text are kept as typed. */
  g_assert_true (sp_store_update_text (f->store, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan,
                                       rev, "Read\x01 with\x1b[31m عائشة 📚\nevery night",
                                       &new_rev, &error));
  g_clear_pointer (&text, g_free);
  text = sp_store_read_text (f->store, SP_FIELD_PLAN_PARENT_CONTRIBUTION, f->plan, NULL, &error);
  g_assert_cmpstr (text, ==, "Read with[31m عائشة 📚\nevery night");

  /* A UPN with a wrong check letter, a text too long for a field, and an empty name: each
   * refused as SP_STORE_ERROR_INVALID (so a caller knows sending it again cannot help),
   * with the check's own sentence. */
  rev = revision_of (f, SP_FIELD_PUPIL_UPN, f->pupil);
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PUPIL_UPN, f->pupil, rev,
                                        "A801200005001", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UPN"));
  g_clear_error (&error);
  {
    g_autofree gchar *huge = g_strnfill (SP_TEXT_MAX_CHARS + 1, 'a');
    gint64 plan_rev = revision_of (f, SP_FIELD_PLAN_PUPIL_LIKES, f->plan);

    g_assert_false (sp_store_update_text (f->store, SP_FIELD_PLAN_PUPIL_LIKES, f->plan,
                                          plan_rev, huge, NULL, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_PUPIL_FORENAME, f->pupil, rev, "  ",
                                        NULL, &error));
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = sp_store_read_text (f->store, SP_FIELD_PUPIL_FORENAME, f->pupil, NULL, &error);
  g_assert_cmpstr (text, ==, "Dafydd");
}

static void
test_provision_cost (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpProvisionSpec a = { "Toe by Toe reading programme", "ta", "cognition", 1, 3, 20, 12, NULL };
  SpProvisionSpec b = { "Speech and language therapist visit", "specialist", "communication",
                        1, 1, 45, 6, NULL };
  gint64 id_a = sp_store_add_provision (f->store, f->plan, &a, &error);
  gint64 id_b = sp_store_add_provision (f->store, f->plan, &b, &error);
  gint64 cost = 0, rev;

  g_assert_no_error (error);
  /* £19.00 × 20/60 × 3 × 12 = £228.00; £60.00 × 45/60 × 1 × 6 = £270.00 */
  g_assert_cmpint (sp_store_plan_total_pence (f->store, f->plan, &error), ==, 22800 + 27000);

  /* Group of 3: £228 / 3 = £76.00 */
  a.group_size = 3;
  rev = revision_of (f, SP_FIELD_PROVISION_DESCRIPTION, id_a);
  g_assert_true (sp_store_update_provision (f->store, id_a, rev, &a, NULL, &cost, &error));
  g_assert_cmpint (cost, ==, 7600);
  g_assert_cmpint (sp_store_plan_total_pence (f->store, f->plan, &error), ==, 7600 + 27000);

  /* Absurd numbers are refused and change nothing. */
  a.minutes = 1000;
  rev = revision_of (f, SP_FIELD_PROVISION_DESCRIPTION, id_a);
  g_assert_false (sp_store_update_provision (f->store, id_a, rev, &a, NULL, &cost, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_plan_total_pence (f->store, f->plan, &error), ==, 7600 + 27000);
  g_assert_cmpint (id_b, >, 0);
}

static void
test_order_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t[3];
  g_autoptr(SpPlanRecord) plan = NULL;
  g_autoptr(SpPlanRecord) again = NULL;
  SpTargetRecord *saved;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree gchar *text = g_strdup_printf ("Target %u", i + 1);
      t[i] = sp_store_add_target (f->store, f->plan, "", text, "", "", &error);
      g_assert_no_error (error);
    }
  sp_store_add_strategy (f->store, t[1], "Strategy of target 2", &error);

  g_assert_true (sp_store_move_target (f->store, t[2], -1, &error));
  plan = sp_store_load_plan (f->store, f->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SpTargetRecord *) plan->targets->pdata[0])->description, ==, "Target 1");
  g_assert_cmpstr (((SpTargetRecord *) plan->targets->pdata[1])->description, ==, "Target 3");
  g_assert_cmpstr (((SpTargetRecord *) plan->targets->pdata[2])->description, ==, "Target 2");
  /* Moving the first up does nothing. */
  g_assert_true (sp_store_move_target (f->store, t[0], -1, &error));

  /* Remove target 2 (with its strategy), then undo. */
  saved = plan->targets->pdata[2];
  g_assert_true (sp_store_delete_row (f->store, "targets", t[1], &error));
  g_assert_true (sp_store_reinsert_target (f->store, f->plan, saved, &error) > 0);
  again = sp_store_load_plan (f->store, f->plan, &error);
  g_assert_cmpuint (again->targets->len, ==, 3);
  g_assert_cmpstr (((SpTargetRecord *) again->targets->pdata[2])->description, ==, "Target 2");
  g_assert_cmpuint (((SpTargetRecord *) again->targets->pdata[2])->strategies->len, ==, 1);
}

static void
test_needs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gchar *first[] = { "ASD", "SLCN", NULL };
  const gchar *swapped[] = { "SLCN", "ASD", "SEMH", NULL };
  const gchar *bad[] = { "SLCN", "XX", NULL };
  g_auto(GStrv) needs = NULL;

  g_assert_true (sp_store_set_pupil_needs (f->store, f->pupil, first, &error));
  g_assert_true (sp_store_set_pupil_needs (f->store, f->pupil, swapped, &error));
  g_assert_false (sp_store_set_pupil_needs (f->store, f->pupil, bad, &error));
  g_clear_error (&error);
  needs = sp_store_get_pupil_needs (f->store, f->pupil, &error);
  g_assert_cmpuint (g_strv_length (needs), ==, 3);
  g_assert_cmpstr (needs[0], ==, "SLCN");
  g_assert_cmpstr (needs[2], ==, "SEMH");
}

typedef struct
{
  guint   done;
  guint   stale;
  gint64  last_revision;
} SaverResult;

static void
saved (GObject      *owner,
       gint64        new_revision,
       gint64        cost,
       const GError *error,
       gpointer      user_data)
{
  SaverResult *r = user_data;

  r->done++;
  if (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE))
    r->stale++;
  else
    g_assert_null (error);
  r->last_revision = new_revision;
}

static void
test_saver (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSaver) saver = sp_saver_new (f->store, &error);
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  gint64 target = sp_store_add_target (f->store, f->plan, "", "", "", "", &error);
  gint64 rev = revision_of (f, SP_FIELD_TARGET_DESCRIPTION, target);
  SaverResult result = { 0 };
  g_autofree gchar *text = NULL;
  GString *typed = g_string_new (NULL);

  g_assert_no_error (error);

  /* A teacher typing: one save per word, queued faster than the disk, each based on the
   * revision the editor expects after the ones before it. */
  for (guint i = 0; i < 50; i++)
    {
      g_string_append_printf (typed, "word%u ", i);
      sp_saver_save_text (saver, SP_FIELD_TARGET_DESCRIPTION, target, rev++, typed->str, owner,
                          saved, &result);
    }
  sp_saver_flush (saver);
  g_assert_cmpuint (sp_saver_get_pending (saver), ==, 0);

  /* Committed at flush, before any callback has run. */
  text = sp_store_read_text (f->store, SP_FIELD_TARGET_DESCRIPTION, target, NULL, &error);
  g_assert_cmpstr (text, ==, typed->str);

  while (result.done < 50)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.stale, ==, 0);
  g_assert_cmpint (result.last_revision, ==, rev);

  /* Another writer changes it: the next queued save is refused as stale, not lost silently. */
  g_assert_true (sp_store_update_target_text (f->store, target, rev, "Other window", NULL,
                                              &error));
  sp_saver_save_text (saver, SP_FIELD_TARGET_DESCRIPTION, target, rev, "Mine", owner, saved,
                      &result);
  sp_saver_flush (saver);
  while (result.done < 51)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.stale, ==, 1);
  g_clear_pointer (&text, g_free);
  text = sp_store_read_text (f->store, SP_FIELD_TARGET_DESCRIPTION, target, NULL, &error);
  g_assert_cmpstr (text, ==, "Other window");
  g_string_free (typed, TRUE);
}

static void
test_wording (void)
{
  g_auto(GStrv) phrases = sp_wording_phrases_parse ("# comment\nregular\naccess to\n"
                                                    "would benefit from\n\nsupport as needed\n");
  g_autoptr(GPtrArray) vague = NULL;
  g_autoptr(GPtrArray) precise = NULL;
  g_autoptr(GPtrArray) partial = NULL;

  g_assert_cmpuint (g_strv_length (phrases), ==, 4);
  vague = sp_wording_check ("Will have Regular access to a laptop, support as needed.",
                            (const gchar * const *) phrases);
  g_assert_cmpuint (vague->len, ==, 3);
  precise = sp_wording_check ("A TA will read with her for 10 minutes, 4 times a week, for 8 "
                              "weeks.", (const gchar * const *) phrases);
  g_assert_cmpuint (precise->len, ==, 0);
  partial = sp_wording_check ("Irregular verbs", (const gchar * const *) phrases);
  g_assert_cmpuint (partial->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/edit/update-text", test_update_text);
  ADD ("/edit/bad-values", test_bad_values);
  ADD ("/edit/provision-cost", test_provision_cost);
  ADD ("/edit/order-and-undo", test_order_and_undo);
  ADD ("/edit/needs", test_needs);
  ADD ("/edit/saver", test_saver);
#undef ADD
  g_test_add_func ("/edit/wording", test_wording);

  return g_test_run ();
}
