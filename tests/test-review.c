/* Reviews and the graduated approach, on real SQLite files: the whole cycle, the read-only
 * reviewed plan, reopening, parent meetings across the school year, the reviews-due list
 * (store and command line), bad input, and the migration from schema version 1. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "sp-dates.h"
#include "sp-record.h"
#include "sp-review-rules.h"
#include "sp-store-edit.h"
#include "sp-store-review.h"
#include "sp-store-schema.h"
#include "sp-store.h"
#include "sp-upn.h"

/* Reviews are checked against "today"; the store reads it from here (sp_date_today()). */
#define TODAY "2026-11-23"

typedef struct
{
  gchar   *dir;
  gchar   *path;
  SpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sp-review-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "school.db", NULL);
  if (data == NULL)
    {
      f->store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const gchar *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- helpers --------------------------------------------------------------------------- */

static GDate *
date (const gchar *iso)
{
  GDate *d = sp_date_parse_iso (iso);

  g_assert_nonnull (d);
  return d;
}

/* Runs @sql on a connection of the test's own, as another program editing the file would;
 * returns SQLite's result code and, in @message, its error text. */
static gint
raw_exec (const gchar  *path,
          const gchar  *sql,
          gchar       **message)
{
  sqlite3 *db = NULL;
  gchar *err = NULL;
  gint rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  rc = sqlite3_exec (db, sql, NULL, NULL, &err);
  if (message != NULL)
    *message = g_strdup (err ? err : "");
  sqlite3_free (err);
  sqlite3_close (db);
  return rc;
}

static gint64
raw_int (const gchar *path,
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

static gchar *
raw_text (const gchar *path,
          const gchar *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gchar *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
add_pupil (SpStore     *store,
           const gchar *forename,
           const gchar *surname,
           const gchar *class_name,
           const gchar *status,
           guint        serial)
{
  g_autofree gchar *upn = serial > 0 ? sp_upn_make (999, 2001, 19, serial) : g_strdup ("");
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                           "upn", upn, "forename", forename,
                                           "surname", surname, "year-group", "3",
                                           "class-name", class_name, "sen-status", status,
                                           NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_pupil (store, pupil, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_plan (SpStore     *store,
          gint64       pupil_id,
          const gchar *start,
          const gchar *review,
          const gchar *status)
{
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN,
                                         "start-date", start, "review-date", review,
                                         "status", status, "areas", "cognition",
                                         "parent-contribution",
                                         "Read together for ten minutes each evening.",
                                         NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_plan (store, pupil_id, plan, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_target (SpStore     *store,
            gint64       plan_id,
            const gchar *description,
            guint        n_strategies)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_target (store, plan_id, "cognition", description, "Baseline",
                                   "Success criteria", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < n_strategies; i++)
    {
      g_autofree gchar *text = g_strdup_printf ("Strategy %u for %s", i + 1, description);
      g_assert_cmpint (sp_store_add_strategy (store, id, text, &error), >, 0);
      g_assert_no_error (error);
    }
  return id;
}

static void
add_provision (SpStore *store,
               gint64   plan_id)
{
  SpProvisionSpec spec = {
    .description = "Precision teaching of high-frequency words",
    .role = "ta", .area = "cognition", .group_size = 2, .sessions_per_week = 3,
    .minutes = 20, .weeks = 10, .start_date = "2026-09-07",
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_store_add_provision (store, plan_id, &spec, &error), >, 0);
  g_assert_no_error (error);
}

/* A simple review of every target of @plan_id: all "partly", nothing carried. */
static gint64
review_all_partly (SpStore     *store,
                   gint64       plan_id,
                   const gchar *review_date,
                   const gchar *decision,
                   gint64      *new_plan_id,
                   GError     **error)
{
  SpOutcomeInput outcomes[4] = { { 0 } };
  SpReviewInput input = { 0 };
  g_autoptr(GError) local = NULL;
  SpPlanRecord *plan = sp_store_load_plan (store, plan_id, &local);
  gint64 id;

  g_assert_no_error (local);
  g_assert_cmpuint (plan->targets->len, <=, 4);
  for (guint i = 0; i < plan->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      outcomes[i].target_id = t->id;
      outcomes[i].outcome = "partly";
      outcomes[i].evidence = "Seen in class work.";
    }
  input.review_date = review_date;
  input.decision = decision;
  input.outcomes = outcomes;
  input.n_outcomes = plan->targets->len;
  id = sp_store_complete_review (store, plan_id, &input, new_plan_id, error);
  sp_plan_record_free (plan);
  return id;
}

/* ---- the rules (core) ------------------------------------------------------------------ */

static void
test_expected_by_now (void)
{
  static const struct { const gchar *day; guint expected; } cases[] = {
    { "2026-09-01", 0 }, { "2026-10-15", 0 }, { "2026-12-31", 0 },
    { "2027-01-01", 1 }, { "2027-03-31", 1 },
    { "2027-04-01", 2 }, { "2027-07-31", 2 },
    { "2027-08-01", 3 }, { "2027-08-31", 3 },
    { "2027-09-01", 0 },
    { "2028-02-29", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) d = date (cases[i].day);
      g_test_message ("%s", cases[i].day);
      g_assert_cmpuint (sp_meetings_expected_by (d), ==, cases[i].expected);
    }

  {
    g_autoptr(GDate) leap = date ("2028-02-29");
    g_autoptr(GDate) start = sp_school_year_start (leap);
    g_autoptr(GDate) end = sp_school_year_end (leap);
    g_autofree gchar *s = sp_date_to_iso (start);
    g_autofree gchar *e = sp_date_to_iso (end);

    g_assert_cmpstr (s, ==, "2027-09-01");
    g_assert_cmpstr (e, ==, "2028-08-31");
    g_assert_cmpint (sp_term_for_date (leap), ==, SP_TERM_SPRING);
  }
}

static void
test_dates_in_school_year (void)
{
  const gchar *meetings[] = { "2025-09-01", "2026-07-10", "2026-08-31", "2026-09-01",
                              "2026-10-15", "not a date", NULL };
  g_autoptr(GDate) last_day = date ("2026-08-31");
  g_autoptr(GDate) first_day = date ("2026-09-01");
  g_autoptr(GDate) before = date ("2025-08-31");

  g_assert_cmpuint (sp_count_dates_in_school_year (meetings, last_day), ==, 3);
  g_assert_cmpuint (sp_count_dates_in_school_year (meetings, first_day), ==, 2);
  g_assert_cmpuint (sp_count_dates_in_school_year (meetings, before), ==, 0);
}

static void
test_measures (void)
{
  static const struct {
    const gchar *text;
    gboolean     ok;
    gboolean     present;
    gdouble      value;
  } cases[] = {
    { "84", TRUE, TRUE, 84 }, { " 7.5 ", TRUE, TRUE, 7.5 }, { "-3", TRUE, TRUE, -3 },
    { "+2", TRUE, TRUE, 2 }, { ".5", TRUE, TRUE, 0.5 }, { "", TRUE, FALSE, 0 },
    { NULL, TRUE, FALSE, 0 }, { "   ", TRUE, FALSE, 0 },
    { "about ten", FALSE, FALSE, 0 }, { "10 words", FALSE, FALSE, 0 },
    { "7,5", FALSE, FALSE, 0 }, { "0x10", FALSE, FALSE, 0 }, { "1e3", FALSE, FALSE, 0 },
    { "nan", FALSE, FALSE, 0 }, { "inf", FALSE, FALSE, 0 }, { ".", FALSE, FALSE, 0 },
    { "-", FALSE, FALSE, 0 }, { "1.2.3", FALSE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean present = TRUE;
      gdouble value = -1;
      gboolean ok = sp_measure_parse (cases[i].text, &present, &value, &error);

      g_test_message ("“%s”", cases[i].text ? cases[i].text : "(null)");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (present, ==, cases[i].present);
          g_assert_cmpfloat (value, ==, cases[i].value);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_nonnull (strstr (error->message, "is not a number"));
        }
    }
}

static void
test_due_groups (void)
{
  /* 2026-11-23 is a Monday; its week ends on Sunday 29 November. */
  static const struct { const gchar *today, *due; SpDueGroup group; guint overdue; } cases[] = {
    { "2026-11-23", "2026-11-22", SP_DUE_OVERDUE, 1 },
    { "2026-11-23", "2026-11-23", SP_DUE_THIS_WEEK, 0 },
    { "2026-11-23", "2026-11-29", SP_DUE_THIS_WEEK, 0 },
    { "2026-11-23", "2026-11-30", SP_DUE_THIS_MONTH, 0 },
    { "2026-11-23", "2026-12-01", SP_DUE_LATER, 0 },
    { "2026-11-29", "2026-11-29", SP_DUE_THIS_WEEK, 0 },
    { "2026-11-29", "2026-11-30", SP_DUE_THIS_MONTH, 0 },
    { "2026-11-30", "2026-12-06", SP_DUE_THIS_WEEK, 0 },
    { "2026-11-30", "2026-12-07", SP_DUE_LATER, 0 },
    { "2028-03-01", "2028-02-29", SP_DUE_OVERDUE, 1 },
    { "2028-03-01", "2027-03-01", SP_DUE_OVERDUE, 366 },
    { "2028-02-28", "2028-02-29", SP_DUE_THIS_WEEK, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) today = date (cases[i].today);
      g_autoptr(GDate) due = date (cases[i].due);

      g_test_message ("%s due %s", cases[i].today, cases[i].due);
      g_assert_cmpint (sp_due_group (due, today), ==, cases[i].group);
      g_assert_cmpuint (sp_days_overdue (due, today), ==, cases[i].overdue);
    }
}

static void
test_next_date (void)
{
  g_autoptr(GDate) start = date ("2026-09-07");
  g_autoptr(GDate) review = date ("2026-11-16");
  g_autoptr(GDate) held = date ("2026-11-18");
  g_autoptr(GDate) too_long = date ("2027-07-01");
  g_autoptr(GDate) next = sp_review_propose_next_date (start, review, held);
  g_autoptr(GDate) fallback = sp_review_propose_next_date (start, too_long, held);
  g_autofree gchar *n = sp_date_to_iso (next);
  g_autofree gchar *f = sp_date_to_iso (fallback);

  g_assert_cmpstr (n, ==, "2027-01-27");      /* the same 10 weeks */
  g_assert_cmpstr (f, ==, "2027-02-10");      /* 12 weeks */
}

static void
test_ehc_warning (void)
{
  g_autofree gchar *first = sp_review_ehc_warning (SP_DECISION_EHC_REQUEST, 0);
  g_autofree gchar *later = sp_review_ehc_warning (SP_DECISION_EHC_REQUEST, 2);
  g_autofree gchar *other = sp_review_ehc_warning (SP_DECISION_NEW_PLAN, 0);

  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "local authority"));
  g_assert_nonnull (strstr (first, "two or three cycles"));
  g_assert_null (later);
  g_assert_null (other);
  g_assert_cmpint (sp_decision_from_key ("ehc_request"), ==, SP_DECISION_EHC_REQUEST);
  g_assert_cmpint (sp_decision_from_key ("maybe"), ==, SP_DECISION_INVALID);
  g_assert_false (sp_decision_continues (SP_DECISION_CEASE));
  g_assert_true (sp_decision_continues (SP_DECISION_TOP_UP));
}

/* ---- the cycle, end to end ------------------------------------------------------------- */

static void
test_cycle (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupilRecord) record = NULL;
  g_autofree gchar *message = NULL;
  g_autofree gchar *text = NULL;
  SpStore *store = f->store;
  gint64 pupil, plan, t[4], review, next = -1, again_next = -1, rev = 0;
  SpPlanRecord *old_rec, *new_rec;
  SpReviewRecord *review_rec;
  SpOutcomeRecord *o;
  gint64 old_cost, new_cost;

  pupil = add_pupil (store, "Amara", "Okafor", "3 Herons", "K", 1);
  plan = add_plan (store, pupil, "2026-09-07", "2026-11-16", "active");
  t[0] = add_target (store, plan, "Read 50 high-frequency words", 2);
  t[1] = add_target (store, plan, "Write three sentences with full stops", 1);
  t[2] = add_target (store, plan, "Count on in tens to 100", 2);
  t[3] = add_target (store, plan, "Ask for help when stuck", 3);
  add_provision (store, plan);

  /* Do: the plan is annotated as the term goes on. */
  g_assert_cmpint (sp_store_add_annotation (store, plan, t[0], "2026-10-05", 0,
                                            "Knows 32 words now.", &error), >, 0);
  g_assert_cmpint (sp_store_add_annotation (store, plan, 0, "2026-10-19", 0,
                                            "Moved to the morning group.", &error), >, 0);
  g_assert_no_error (error);

  /* The school's TA rate goes up before the review: the next plan is costed at the new rate. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE role_rates SET hourly_rate_pence = 2100"
                                      " WHERE role = 'ta'", NULL), ==, SQLITE_OK);

  {
    SpOutcomeInput outcomes[] = {
      { .target_id = t[0], .outcome = "achieved", .evidence = "Reads 52 words.",
        .measure_before = "32", .measure_after = "52", .measure_unit = "words read" },
      { .target_id = t[1], .outcome = "partly", .evidence = "Two of three sentences." },
      { .target_id = t[2], .outcome = "not_achieved", .evidence = "Counts to 60.",
        .measure_before = "40", .measure_after = " 60 ", .measure_unit = "counting to",
        .carry_forward = TRUE },
      { .target_id = t[3], .outcome = "not_achieved", .evidence = "Still waits.",
        .carry_forward = TRUE },
    };
    SpReviewInput input = {
      .review_date = "2026-11-18", .attendees = "Class teacher, SENCO, mother, Amara",
      .parent_views = "Happier about reading.", .pupil_views = "I like the word games.",
      .next_steps = "Keep the counting and asking targets.", .decision = "new_plan",
      .outcomes = outcomes, .n_outcomes = G_N_ELEMENTS (outcomes),
      .parent_meeting_method = "in_person",
    };
    g_autofree gchar *warning = NULL;

    g_assert_true (sp_store_check_review (store, plan, &input, &warning, &error));
    g_assert_no_error (error);
    g_assert_null (warning);
    review = sp_store_complete_review (store, plan, &input, &next, &error);
    g_assert_no_error (error);
    g_assert_cmpint (review, >, 0);
    g_assert_cmpint (next, >, 0);
    g_assert_cmpint (next, !=, plan);
  }

  /* The next plan: a draft, following this one, carrying exactly the two not-achieved
   * targets (with their strategies), the provision re-costed, the same 10-week cycle. */
  record = sp_store_load_record (store, pupil, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->plans->len, ==, 2);
  old_rec = g_ptr_array_index (record->plans, 0);
  new_rec = g_ptr_array_index (record->plans, 1);
  g_assert_cmpint (old_rec->id, ==, plan);
  g_assert_cmpstr (old_rec->status, ==, "reviewed");
  g_assert_cmpint (new_rec->id, ==, next);
  g_assert_cmpstr (new_rec->status, ==, "draft");
  g_assert_cmpint (new_rec->previous_plan_id, ==, plan);
  g_assert_cmpstr (new_rec->start_date, ==, "2026-11-18");
  g_assert_cmpstr (new_rec->review_date, ==, "2027-01-27");
  g_assert_cmpstr (new_rec->parent_contribution, ==, old_rec->parent_contribution);
  g_assert_cmpuint (new_rec->targets->len, ==, 2);
  {
    SpTargetRecord *a = g_ptr_array_index (new_rec->targets, 0);
    SpTargetRecord *b = g_ptr_array_index (new_rec->targets, 1);

    g_assert_cmpint (a->carried_from, ==, t[2]);
    g_assert_cmpstr (a->description, ==, "Count on in tens to 100");
    g_assert_cmpuint (a->position, ==, 1);
    g_assert_cmpuint (a->strategies->len, ==, 2);
    g_assert_cmpint (b->carried_from, ==, t[3]);
    g_assert_cmpuint (b->position, ==, 2);
    g_assert_cmpuint (b->strategies->len, ==, 3);
    g_assert_cmpstr (((SpStrategyRecord *) g_ptr_array_index (b->strategies, 2))->description,
                     ==, "Strategy 3 for Ask for help when stuck");
  }
  g_assert_cmpuint (new_rec->provision->len, ==, 1);
  old_cost = ((SpProvisionRecord *) g_ptr_array_index (old_rec->provision, 0))->cost_pence;
  new_cost = ((SpProvisionRecord *) g_ptr_array_index (new_rec->provision, 0))->cost_pence;
  g_assert_cmpint (new_cost, ==, sp_provision_cost_pence (2100, 20, 3, 10, 2));
  g_assert_cmpint (old_cost, ==, sp_provision_cost_pence (1900, 20, 3, 10, 2));
  g_assert_cmpint (new_cost, >, old_cost);
  g_assert_cmpstr (((SpProvisionRecord *) g_ptr_array_index (new_rec->provision, 0))->start_date,
                   ==, "2026-11-18");

  /* The history: the annotations and the review with an outcome per target and measures. */
  g_assert_cmpuint (old_rec->annotations->len, ==, 2);
  g_assert_cmpuint (old_rec->reviews->len, ==, 1);
  review_rec = g_ptr_array_index (old_rec->reviews, 0);
  g_assert_cmpint (review_rec->id, ==, review);
  g_assert_cmpstr (review_rec->decision, ==, "new_plan");
  g_assert_cmpstr (review_rec->completed_at, !=, "");
  g_assert_cmpstr (review_rec->reopened_at, ==, "");
  g_assert_cmpuint (review_rec->outcomes->len, ==, 4);
  o = g_ptr_array_index (review_rec->outcomes, 0);
  g_assert_cmpstr (o->outcome, ==, "achieved");
  g_assert_true (o->has_before && o->has_after);
  g_assert_cmpfloat (o->measure_before, ==, 32);
  g_assert_cmpfloat (o->measure_after, ==, 52);
  g_assert_cmpstr (o->measure_unit, ==, "words read");
  o = g_ptr_array_index (review_rec->outcomes, 1);
  g_assert_cmpstr (o->outcome, ==, "partly");
  g_assert_false (o->has_before || o->has_after);
  g_assert_cmpstr (o->measure_unit, ==, "");
  o = g_ptr_array_index (review_rec->outcomes, 2);
  g_assert_cmpstr (o->outcome, ==, "not_achieved");
  g_assert_cmpfloat (o->measure_after, ==, 60);
  /* The parents were there: a meeting linked to the review. */
  g_assert_cmpuint (record->meetings->len, ==, 1);
  g_assert_cmpint (((SpMeetingRecord *) g_ptr_array_index (record->meetings, 0))->review_id,
                   ==, review);

  /* The reviewed plan is read-only: the store refuses... */
  text = sp_store_get_target_text (store, t[2], &rev, &error);
  g_assert_no_error (error);
  g_assert_false (sp_store_update_target_text (store, t[2], rev, "Changed", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
  g_assert_nonnull (strstr (error->message, "reviewed"));
  g_clear_error (&error);
  g_assert_false (sp_store_update_text (store, SP_FIELD_TARGET_DESCRIPTION, t[2], rev,
                                        "Changed", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_add_target (store, plan, "", "A fifth idea", "", "", &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_add_strategy (store, t[0], "More", &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
  g_clear_error (&error);
  {
    SpProvisionSpec spec = { .description = "Extra", .role = "ta", .group_size = 1,
                             .sessions_per_week = 1, .minutes = 10, .weeks = 1 };
    g_assert_cmpint (sp_store_add_provision (store, plan, &spec, &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
    g_clear_error (&error);
  }
  /* ...and it cannot be set back to active except by reopening its review. */
  {
    g_autofree gchar *status = sp_store_read_text (store, SP_FIELD_PLAN_STATUS, plan, &rev,
                                                   &error);
    g_assert_no_error (error);
    g_assert_cmpstr (status, ==, "reviewed");
    g_assert_false (sp_store_update_text (store, SP_FIELD_PLAN_STATUS, plan, rev, "active",
                                          NULL, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
    g_clear_error (&error);
  }

  /* ...and so does the database itself, to another program's plain SQL. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE targets SET description = 'x' WHERE plan_id = "
                                      "(SELECT min(id) FROM plans)", &message), ==,
                   SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "SP_PLAN_REVIEWED"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM strategies", &message), ==,
                   SQLITE_CONSTRAINT);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (raw_exec (f->path, "UPDATE provision SET minutes = 30", &message), ==,
                   SQLITE_CONSTRAINT);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (raw_exec (f->path, "UPDATE plans SET parent_contribution = 'x'", &message),
                   ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (raw_exec (f->path, "UPDATE review_outcomes SET outcome = 'achieved'",
                             &message), ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets WHERE description = 'x'"),
                   ==, 0);
  /* The next plan, a draft, is free to change. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE provision SET minutes = 25 WHERE plan_id = "
                                      "(SELECT max(id) FROM plans)", NULL), ==, SQLITE_OK);

  /* A reviewed plan cannot be reviewed twice. */
  g_assert_cmpint (review_all_partly (store, plan, "2026-11-20", "continue", NULL, &error), ==,
                   0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED);
  g_clear_error (&error);

  /* Reopening is deliberate (a reason is required) and recorded. */
  g_assert_false (sp_store_reopen_review (store, review, "   ", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sp_store_reopen_review (store, review, "Target 2 was judged against the "
                                         "wrong criteria.", &error));
  g_assert_no_error (error);
  {
    g_autofree gchar *reason = raw_text (f->path, "SELECT reopen_reason FROM reviews");
    g_autofree gchar *when = raw_text (f->path, "SELECT reopened_at FROM reviews");
    g_autofree gchar *status = raw_text (f->path, "SELECT status FROM plans ORDER BY id LIMIT 1");

    g_assert_cmpstr (reason, ==, "Target 2 was judged against the wrong criteria.");
    g_assert_nonnull (when);
    g_assert_cmpstr (status, ==, "active");
  }
  g_assert_false (sp_store_reopen_review (store, review, "Again", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Now the plan takes edits again, from the store and from plain SQL. */
  g_clear_pointer (&text, g_free);
  text = sp_store_get_target_text (store, t[1], &rev, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_update_target_text (store, t[1], rev, "Write three sentences, each "
                                              "with a capital letter and a full stop", NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_exec (f->path, "UPDATE provision SET minutes = 30 WHERE plan_id = "
                                      "(SELECT min(id) FROM plans)", NULL), ==, SQLITE_OK);

  /* Completed again: a second review is recorded, the existing next plan is kept. */
  g_assert_cmpint (review_all_partly (store, plan, "2026-11-20", "new_plan", &again_next,
                                      &error), >, review);
  g_assert_no_error (error);
  g_assert_cmpint (again_next, ==, next);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plans"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM reviews"), ==, 2);
  g_assert_cmpint (sp_store_count_completed_reviews (store, pupil, 0, &error), ==, 1);
  g_assert_cmpint (raw_exec (f->path, "UPDATE targets SET description = 'x' WHERE plan_id = "
                                      "(SELECT min(id) FROM plans)", NULL), ==,
                   SQLITE_CONSTRAINT);

  /* Deleting the pupil still deletes everything, reviewed plans included. */
  g_assert_cmpint (raw_exec (f->path, "PRAGMA foreign_keys = ON; DELETE FROM pupils", &message),
                   ==, SQLITE_OK);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets"), ==, 0);
}

static void
test_cease (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 pupil = add_pupil (f->store, "Noah", "Wright", "2 Kestrels", "K", 2);
  gint64 plan = add_plan (f->store, pupil, "2026-09-07", "2026-11-30", "active");
  gint64 next = -1;

  add_target (f->store, plan, "Join in at carpet time", 1);
  g_assert_cmpint (review_all_partly (f->store, plan, "2026-11-20", "cease", &next, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plans"), ==, 1);
  /* The SEN status is left for the SENCO. */
  g_assert_cmpint (raw_int (f->path, "SELECT sen_status = 'K' FROM pupils"), ==, 1);
}

/* ---- bad input: a sentence, and nothing already recorded changes ------------------------ */

static gchar *
snapshot (const gchar *path)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          raw_int (path, "SELECT count(*) FROM reviews"),
                          raw_int (path, "SELECT count(*) FROM review_outcomes"),
                          raw_int (path, "SELECT count(*) FROM plans"),
                          raw_int (path, "SELECT count(*) FROM parent_meetings"),
                          raw_int (path, "SELECT count(*) FROM plans WHERE status = 'active'"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  SpStore *store = f->store;
  gint64 pupil = add_pupil (store, "Freya", "Clarke", "1 Owls", "K", 3);
  gint64 plan = add_plan (store, pupil, "2026-09-14", "2026-11-30", "active");
  gint64 draft = add_plan (store, pupil, "2026-11-30", "2027-02-22", "draft");
  gint64 t1 = add_target (store, plan, "Use a word mat when writing", 1);
  gint64 t2 = add_target (store, plan, "Sit with the group for ten minutes", 1);
  gint64 other = add_target (store, draft, "Something else", 0);
  g_autofree gchar *before = snapshot (f->path);
  SpOutcomeInput outcomes[2] = {
    { .target_id = t1, .outcome = "partly", .evidence = "Most days." },
    { .target_id = t2, .outcome = "not_achieved", .evidence = "Five minutes." },
  };
  SpReviewInput good = {
    .review_date = "2026-11-20", .decision = "new_plan", .outcomes = outcomes,
    .n_outcomes = 2, .parent_meeting_method = "phone",
  };
  static const struct { const gchar *what; const gchar *sentence; } cases[] = {
    { "before start", "before its plan started on 14 September 2026" },
    { "future", "has not come yet" },
    { "not a date", "Give the date the review was held" },
    { "measure", "“about ten” is not a number" },
    { "no unit", "say what the measure counts" },
    { "carry achieved", "was achieved, so it is not carried" },
    { "no decision", "Choose what the review decided" },
    { "bad outcome", "needs an outcome" },
    { "missing target", "give each an outcome" },
    { "foreign target", "not on this plan" },
    { "twice", "two outcomes" },
    { "meeting method", "Say how the parents took part" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree gchar *after = NULL;
      SpOutcomeInput o[2] = { outcomes[0], outcomes[1] };
      SpReviewInput in = good;
      gint64 next = -1;

      in.outcomes = o;
      switch (i)
        {
        case 0: in.review_date = "2026-09-13"; break;
        case 1: in.review_date = "2026-11-24"; break;       /* today is 2026-11-23 */
        case 2: in.review_date = "20/11/2026"; break;
        case 3: o[1].measure_before = "about ten"; o[1].measure_unit = "minutes"; break;
        case 4: o[0].measure_after = "12"; break;
        case 5: o[0].outcome = "achieved"; o[0].carry_forward = TRUE; break;
        case 6: in.decision = "wait and see"; break;
        case 7: o[0].outcome = "nearly"; break;
        case 8: in.n_outcomes = 1; break;
        case 9: o[1].target_id = other; break;
        case 10: o[1].target_id = t1; break;
        case 11: in.parent_meeting_method = "letter"; break;
        default: g_assert_not_reached ();
        }

      g_test_message ("%s", cases[i].what);
      g_assert_false (sp_store_check_review (store, plan, &in, NULL, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].sentence));
      g_clear_error (&error);
      g_assert_cmpint (sp_store_complete_review (store, plan, &in, &next, &error), ==, 0);
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].sentence));
      g_assert_cmpint (next, ==, 0);
      after = snapshot (f->path);
      g_assert_cmpstr (after, ==, before);
    }

  /* A draft plan is not reviewed. */
  {
    g_autoptr(GError) error = NULL;
    SpOutcomeInput d[1] = { { .target_id = other, .outcome = "partly" } };
    SpReviewInput in = { .review_date = "2026-11-20", .decision = "continue",
                         .outcomes = d, .n_outcomes = 1 };

    g_assert_cmpint (sp_store_complete_review (store, draft, &in, NULL, &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "active"));
  }

  /* The good input, once, is saved; the boundary days are allowed. */
  {
    g_autoptr(GError) error = NULL;
    SpReviewInput in = good;

    in.review_date = TODAY;
    g_assert_cmpint (sp_store_complete_review (store, plan, &in, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
test_ehc_request (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *warning = NULL;
  SpStore *store = f->store;
  gint64 pupil = add_pupil (store, "Tomasz", "Patel", "1 Owls", "K", 4);
  gint64 plan = add_plan (store, pupil, "2026-09-07", "2026-11-16", "active");
  gint64 t1 = add_target (store, plan, "Follow a two-step instruction", 1);
  SpOutcomeInput outcomes[] = { { .target_id = t1, .outcome = "not_achieved",
                                  .carry_forward = TRUE } };
  SpReviewInput in = { .review_date = "2026-11-16", .decision = "ehc_request",
                       .outcomes = outcomes, .n_outcomes = 1 };
  gint64 next = 0;

  /* No review behind it: allowed, with the sentence about what an LA asks for. */
  g_assert_true (sp_store_check_review (store, plan, &in, &warning, &error));
  g_assert_no_error (error);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "two or three cycles"));
  g_assert_cmpint (sp_store_complete_review (store, plan, &in, &next, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (next, >, 0);

  /* The next cycle has one review behind it: no warning. */
  g_assert_true (sp_store_update_text (store, SP_FIELD_PLAN_STATUS, next, 1, "active", NULL,
                                       &error));
  g_assert_no_error (error);
  {
    g_autoptr(SpPlanRecord) p = sp_store_load_plan (store, next, &error);
    SpOutcomeInput o2[] = { { .target_id = ((SpTargetRecord *) g_ptr_array_index (p->targets,
                                                                                  0))->id,
                              .outcome = "not_achieved" } };
    SpReviewInput in2 = { .review_date = "2026-11-23", .decision = "ehc_request",
                          .outcomes = o2, .n_outcomes = 1 };

    g_assert_no_error (error);
    g_clear_pointer (&warning, g_free);
    g_assert_true (sp_store_check_review (store, next, &in2, &warning, &error));
    g_assert_no_error (error);
    g_assert_null (warning);
  }
}

/* ---- parent meetings ------------------------------------------------------------------- */

static void
add_meeting (SpStore     *store,
             gint64       pupil,
             const gchar *day)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_store_add_meeting (store, pupil, day, "phone", "Mother", 0, &error), >, 0);
  g_assert_no_error (error);
}

static gint
meetings_on (SpStore     *store,
             gint64       pupil,
             const gchar *day)
{
  g_autoptr(GDate) d = date (day);
  g_autoptr(GError) error = NULL;
  gint n = sp_store_count_meetings_in_year (store, pupil, d, &error);

  g_assert_no_error (error);
  return n;
}

static gchar *
short_list (SpStore     *store,
            const gchar *day)
{
  g_autoptr(GDate) d = date (day);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_store_list_pupils_short_of_meetings (store, d, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      SpMeetingShortfall *r = g_ptr_array_index (rows, i);
      g_string_append_printf (out, "%s %s %u/%u;", r->forename, r->sen_status, r->meetings,
                              r->expected);
    }
  return g_string_free (out, FALSE);
}

static void
test_meetings (Fixture       *f,
               gconstpointer  data)
{
  SpStore *store = f->store;
  gint64 ada = add_pupil (store, "Ada", "Brown", "4 Falcons", "K", 5);
  gint64 ben = add_pupil (store, "Ben", "Singh", "4 Falcons", "K", 6);
  gint64 cal = add_pupil (store, "Cal", "Hughes", "4 Falcons", "N", 7);
  gint64 dee = add_pupil (store, "Dee", "Yilmaz", "3 Herons", "E", 8);
  g_autofree gchar *autumn = NULL;
  g_autofree gchar *spring = NULL;
  g_autofree gchar *summer = NULL;
  g_autofree gchar *august = NULL;

  (void) cal;
  add_meeting (store, ada, "2026-07-10");
  add_meeting (store, ada, "2026-08-31");
  add_meeting (store, ada, "2026-09-01");
  add_meeting (store, ada, "2026-10-15");
  add_meeting (store, ada, "2027-03-02");
  add_meeting (store, dee, "2027-01-20");

  /* Across the 1 September boundary. */
  g_assert_cmpint (meetings_on (store, ada, "2026-08-31"), ==, 2);
  g_assert_cmpint (meetings_on (store, ada, "2026-09-01"), ==, 1);
  g_assert_cmpint (meetings_on (store, ada, "2026-09-30"), ==, 1);
  g_assert_cmpint (meetings_on (store, ada, "2026-10-15"), ==, 2);
  g_assert_cmpint (meetings_on (store, ada, "2027-08-31"), ==, 3);
  g_assert_cmpint (meetings_on (store, ada, "2027-09-01"), ==, 0);
  g_assert_cmpint (meetings_on (store, ben, "2026-10-15"), ==, 0);

  /* Who is short, for the point in the year; pupils not on SEN support (N) never are. */
  autumn = short_list (store, "2026-12-31");
  spring = short_list (store, "2027-01-05");
  summer = short_list (store, "2027-04-01");
  august = short_list (store, "2027-08-01");
  g_assert_cmpstr (autumn, ==, "");
  g_assert_cmpstr (spring, ==, "Dee E 0/1;Ben K 0/1;");
  g_assert_cmpstr (summer, ==, "Dee E 1/2;Ben K 0/2;");
  g_assert_cmpstr (august, ==, "Dee E 1/3;Ben K 0/3;");

  /* Recording a meeting from the window: checked, with a sentence, and nothing written. */
  {
    g_autoptr(GError) error = NULL;
    gint64 id;

    g_assert_cmpint (sp_store_record_meeting (store, ben, "2026-11-24", "phone", "Father", "",
                                              0, &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "has not come yet"));
    g_clear_error (&error);
    g_assert_cmpint (sp_store_record_meeting (store, ben, "2026-11-20", "letter", "Father", "",
                                              0, &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "in person, by phone or by video"));
    g_clear_error (&error);
    g_assert_cmpint (sp_store_record_meeting (store, ben, "2026-02-30", "phone", "Father", "",
                                              0, &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (meetings_on (store, ben, TODAY), ==, 0);

    id = sp_store_record_meeting (store, ben, TODAY, "video", "Father, class teacher",
                                  "Talked about reading at home.", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    g_assert_cmpint (meetings_on (store, ben, TODAY), ==, 1);
    {
      g_autofree gchar *notes = raw_text (f->path, "SELECT notes FROM parent_meetings"
                                                   " WHERE method = 'video'");
      g_assert_cmpstr (notes, ==, "Talked about reading at home.");
    }
  }
}

/* ---- reviews due ----------------------------------------------------------------------- */

typedef struct
{
  gint64 plans[8];
} DueSchool;

/* A school with known dates: five active plans (one due on the leap day, one on 1 March
 * 2028), a reviewed one and a draft that must not be listed. */
static void
build_due_school (SpStore *store)
{
  gint64 a = add_pupil (store, "Amara", "Okafor", "R Robins", "K", 11);
  gint64 b = add_pupil (store, "Zoë", "Brown", "3 Herons", "K", 12);
  gint64 c = add_pupil (store, "Finley", "Yılmaz", "3 Herons", "E", 13);
  gint64 d = add_pupil (store, "Kwame", "Williams", "R Robins", "K", 0);   /* no UPN */
  gint64 e = add_pupil (store, "Ffion", "Robinson", "4 Falcons", "K", 14);

  add_plan (store, a, "2027-12-07", "2028-02-29", "active");
  add_plan (store, b, "2028-01-10", "2028-03-01", "active");
  add_plan (store, c, "2027-11-01", "2028-02-01", "active");
  add_plan (store, d, "2027-01-04", "2027-03-01", "active");
  add_plan (store, e, "2028-01-15", "2028-04-10", "active");
  add_plan (store, e, "2027-09-06", "2027-12-01", "reviewed");
  add_plan (store, a, "2028-02-29", "2028-05-23", "draft");
}

static void
test_reviews_due_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = date ("2028-03-01");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) herons = NULL;
  static const struct { const gchar *date, *surname; guint overdue; SpDueGroup group; } want[] = {
    { "2027-03-01", "Williams", 366, SP_DUE_OVERDUE },
    { "2028-02-01", "Yılmaz", 29, SP_DUE_OVERDUE },
    { "2028-02-29", "Okafor", 1, SP_DUE_OVERDUE },
    { "2028-03-01", "Brown", 0, SP_DUE_THIS_WEEK },
    { "2028-04-10", "Robinson", 0, SP_DUE_LATER },
  };

  build_due_school (f->store);
  rows = sp_store_list_reviews_due (f->store, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < rows->len; i++)
    {
      SpReviewDue *r = g_ptr_array_index (rows, i);
      g_assert_cmpstr (r->review_date, ==, want[i].date);
      g_assert_cmpstr (r->surname, ==, want[i].surname);
      g_assert_cmpuint (r->days_overdue, ==, want[i].overdue);
      g_assert_cmpint (r->group, ==, want[i].group);
      g_assert_cmpint (r->plan_id, >, 0);
      g_assert_cmpint (r->pupil_id, >, 0);
    }
  g_assert_cmpint (sp_store_count_overdue_reviews (f->store, today, &error), ==, 3);
  g_assert_no_error (error);

  herons = sp_store_list_reviews_due (f->store, today, "3 herons", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (herons->len, ==, 2);
}

/* Runs the real binary with no display; returns its exit status. */
static gint
run_cli (gchar       **out,
         gchar       **err,
         const gchar  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const gchar *binary = g_getenv ("SUPPORT_PLANS_BINARY");
  const gchar *arg;
  va_list ap;
  gint status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const gchar *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "SUPPORT_PLANS_DATABASE");

  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_reviews_due_cli (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *upn_a = sp_upn_make (999, 2001, 19, 11);
  g_autofree gchar *upn_b = sp_upn_make (999, 2001, 19, 12);
  g_autofree gchar *upn_c = sp_upn_make (999, 2001, 19, 13);
  g_autofree gchar *upn_e = sp_upn_make (999, 2001, 19, 14);
  g_autofree gchar *want_mar1 = NULL;
  g_autofree gchar *want_feb29 = NULL;
  g_autofree gchar *want_herons = NULL;
  g_autofree gchar *missing = g_build_filename (f->dir, "none.db", NULL);

  build_due_school (f->store);
  g_clear_object (&f->store);

  want_mar1 = g_strdup_printf ("2027-03-01\t\tKwame Williams\tR Robins\t366\n"
                               "2028-02-01\t%s\tFinley Yılmaz\t3 Herons\t29\n"
                               "2028-02-29\t%s\tAmara Okafor\tR Robins\t1\n"
                               "2028-03-01\t%s\tZoë Brown\t3 Herons\t0\n"
                               "2028-04-10\t%s\tFfion Robinson\t4 Falcons\t0\n",
                               upn_c, upn_a, upn_b, upn_e);
  g_assert_cmpint (run_cli (&out, &err, "--database", f->path, "reviews-due",
                            "--today", "2028-03-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, want_mar1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* On the leap day itself, that review is due today: 0 days overdue. */
  want_feb29 = g_strdup_printf ("2027-03-01\t\tKwame Williams\tR Robins\t365\n"
                                "2028-02-01\t%s\tFinley Yılmaz\t3 Herons\t28\n"
                                "2028-02-29\t%s\tAmara Okafor\tR Robins\t0\n"
                                "2028-03-01\t%s\tZoë Brown\t3 Herons\t0\n"
                                "2028-04-10\t%s\tFfion Robinson\t4 Falcons\t0\n",
                                upn_c, upn_a, upn_b, upn_e);
  g_assert_cmpint (run_cli (&out, &err, "--database", f->path, "reviews-due",
                            "--today", "2028-02-29", NULL), ==, 0);
  g_assert_cmpstr (out, ==, want_feb29);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  want_herons = g_strdup_printf ("2028-02-01\t%s\tFinley Yılmaz\t3 Herons\t29\n"
                                 "2028-03-01\t%s\tZoë Brown\t3 Herons\t0\n", upn_c, upn_b);
  g_assert_cmpint (run_cli (&out, &err, "--database", f->path, "reviews-due",
                            "--today", "2028-03-01", "--class", "3 Herons", NULL), ==, 0);
  g_assert_cmpstr (out, ==, want_herons);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Asked wrongly: 2027 has no 29 February. */
  g_assert_cmpint (run_cli (&out, &err, "--database", f->path, "reviews-due",
                            "--today", "2027-02-29", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "YYYY-MM-DD"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No database there: a sentence and status 1, and no file is made. */
  g_assert_cmpint (run_cli (&out, &err, "--database", missing, "reviews-due", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no database"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* ---- migration from schema version 1 --------------------------------------------------- */

static void
test_migration_v1 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree gchar *message = NULL;
  sqlite3 *db = NULL;
  gchar *err = NULL;

  /* A file as version 1 of the program left it: schema 1 and some records, one plan already
   * reviewed (version 1 did not guard it). */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sp_store_migrations[0], NULL, NULL, &err), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA application_id = 1397771342;"
    "PRAGMA user_version = 1;"
    "INSERT INTO pupils (id, forename, surname, year_group) VALUES (1, 'Amara', 'Okafor', '3');"
    "INSERT INTO plans (id, pupil_id, start_date, review_date, status)"
    "  VALUES (1, 1, '2026-04-20', '2026-07-13', 'reviewed'),"
    "         (2, 1, '2026-07-13', '2026-10-05', 'active');"
    "INSERT INTO targets (id, plan_id, position, description) VALUES"
    "  (1, 1, 1, 'Old target'), (2, 2, 1, 'Current target');"
    "INSERT INTO reviews (plan_id, review_date, decision, completed_at)"
    "  VALUES (1, '2026-07-13', 'new_plan', '2026-07-13T10:00:00Z');",
    NULL, NULL, &err), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_exec (f->path, "UPDATE targets SET description = 'v1 allows this'"
                                      " WHERE id = 1", NULL), ==, SQLITE_OK);

  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Every later migration runs too: version 2 is the one this test is about. */
  g_assert_cmpint (SP_STORE_SCHEMA_VERSION, >=, 2);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                                     " AND name LIKE '%reviewed%'"), >=, 10);
  /* The records are all there... */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plans"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets"), ==, 2);
  /* ...and now the reviewed plan is guarded, the active one is not. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE targets SET description = 'x' WHERE id = 1",
                             &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "SP_PLAN_REVIEWED"));
  g_assert_cmpint (raw_exec (f->path, "UPDATE targets SET description = 'y' WHERE id = 2", NULL),
                   ==, SQLITE_OK);

  /* Opening again changes nothing. */
  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  {
    g_autoptr(GDate) today = date ("2026-11-23");
    g_assert_cmpint (sp_store_count_overdue_reviews (store, today, &error), ==, 1);
    g_assert_no_error (error);
  }
}

/* ---- the review in progress (drafts, schema version 5) -------------------------------- */

/* Saves one field as the autosave's writer does: with the row's revision, moving it on. */
static void
save_field (SpStore     *store,
            SpField      field,
            gint64       id,
            const gchar *text)
{
  g_autoptr(GError) error = NULL;
  gint64 revision = 0;
  g_autofree gchar *old = sp_store_read_text (store, field, id, &revision, &error);

  g_assert_no_error (error);
  g_assert_nonnull (old);
  g_assert_true (sp_store_update_text (store, field, id, revision, text, NULL, &error));
  g_assert_no_error (error);
}

static SpReviewDraft *
load_draft (SpStore *store,
            gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  SpReviewDraft *draft = NULL;

  g_assert_true (sp_store_load_review_draft (store, plan_id, &draft, &error));
  g_assert_no_error (error);
  return draft;
}

static void
test_draft_save_reload (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReviewDraft) draft = NULL;
  SpOutcomeDraft *o;
  gint64 pupil, plan, t[3];

  pupil = add_pupil (f->store, "Amara", "Okafor", "3 Herons", "K", 1);
  plan = add_plan (f->store, pupil, "2026-09-07", "2026-11-16", "active");
  t[0] = add_target (f->store, plan, "Read 50 words", 1);
  t[1] = add_target (f->store, plan, "Write three sentences", 1);
  t[2] = add_target (f->store, plan, "Count in tens", 1);

  /* No draft until the review is started; starting twice changes nothing. */
  draft = load_draft (f->store, plan);
  g_assert_null (draft);
  g_assert_true (sp_store_begin_review_draft (f->store, plan, &error));
  g_assert_no_error (error);
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_ATTENDEES, plan, "Mother, class teacher");
  g_assert_true (sp_store_begin_review_draft (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_draft_outcomes"), ==, 3);

  /* Typed field by field, as the page's autosave sends it. */
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_DATE, plan, "2026-11-20");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD, plan, "phone");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_PARENT_VIEWS, plan, "Pleased with the reading");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_PUPIL_VIEWS, plan, "I like the word game 😀");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_DECISION, plan, "specialist");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_OUTCOME, t[0], "achieved");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_EVIDENCE, t[0], "Reads 52 words");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_MEASURE_BEFORE, t[0], "32");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_MEASURE_AFTER, t[0], "about 52");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_MEASURE_UNIT, t[0], "words");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_OUTCOME, t[1], "partly");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD, t[1], "0");
  /* A value the draft cannot hold is refused, and nothing changes. */
  {
    gint64 revision = 0;
    g_free (sp_store_read_text (f->store, SP_FIELD_REVIEW_DRAFT_OUTCOME, t[2], &revision, NULL));
    g_assert_false (sp_store_update_text (f->store, SP_FIELD_REVIEW_DRAFT_OUTCOME, t[2],
                                          revision, "brilliant", NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (sp_store_update_text (f->store, SP_FIELD_REVIEW_DRAFT_DATE, plan, 1,
                                          "2026-11-21", NULL, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
    g_clear_error (&error);
  }

  /* A fresh connection to the file reads back exactly what was typed. */
  g_clear_object (&f->store);
  f->store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  draft = load_draft (f->store, plan);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->review_date, ==, "2026-11-20");
  g_assert_cmpstr (draft->attendees, ==, "Mother, class teacher");
  g_assert_cmpstr (draft->parents_method, ==, "phone");
  g_assert_cmpstr (draft->parent_views, ==, "Pleased with the reading");
  g_assert_cmpstr (draft->pupil_views, ==, "I like the word game 😀");
  g_assert_cmpstr (draft->decision, ==, "specialist");
  g_assert_null (draft->next_steps);            /* never touched */
  g_assert_cmpuint (draft->outcomes->len, ==, 3);
  o = g_ptr_array_index (draft->outcomes, 0);
  g_assert_cmpint (o->target_id, ==, t[0]);
  g_assert_cmpstr (o->outcome, ==, "achieved");
  g_assert_cmpstr (o->evidence, ==, "Reads 52 words");
  g_assert_cmpstr (o->measure_before, ==, "32");
  g_assert_cmpstr (o->measure_after, ==, "about 52");
  g_assert_cmpstr (o->measure_unit, ==, "words");
  g_assert_cmpint (o->carry_forward, ==, -1);
  o = g_ptr_array_index (draft->outcomes, 1);
  g_assert_cmpstr (o->outcome, ==, "partly");
  g_assert_cmpint (o->carry_forward, ==, 0);
  o = g_ptr_array_index (draft->outcomes, 2);
  g_assert_cmpint (o->target_id, ==, t[2]);
  g_assert_null (o->outcome);
  g_assert_null (o->evidence);

  /* Working notes, not a review: nothing is counted or recorded as one. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM reviews"), ==, 0);
  g_assert_cmpint (sp_store_count_completed_reviews (f->store, pupil, 0, &error), ==, 0);

  /* Only an active plan's review can be started. */
  {
    gint64 draft_plan = add_plan (f->store, pupil, "2027-01-04", "2027-03-29", "draft");
    g_assert_false (sp_store_begin_review_draft (f->store, draft_plan, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_drafts"), ==, 1);
  }
}

static void
test_draft_complete (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReviewDraft) draft = NULL;
  gint64 pupil, plan, t, other_plan, next = 0;

  pupil = add_pupil (f->store, "Amara", "Okafor", "3 Herons", "K", 1);
  plan = add_plan (f->store, pupil, "2026-09-07", "2026-11-16", "active");
  t = add_target (f->store, plan, "Read 50 words", 1);
  other_plan = add_plan (f->store, add_pupil (f->store, "Ben", "Adams", "3 Herons", "K", 2),
                         "2026-09-07", "2026-11-16", "active");
  add_target (f->store, other_plan, "Count in tens", 1);
  g_assert_true (sp_store_begin_review_draft (f->store, plan, &error));
  g_assert_true (sp_store_begin_review_draft (f->store, other_plan, &error));
  g_assert_no_error (error);
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_EVIDENCE, t, "Reads 52 words");

  /* A review that cannot be completed leaves the draft as it was. */
  g_assert_cmpint (review_all_partly (f->store, plan, "2030-01-01", "new_plan", &next, &error),
                   ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  draft = load_draft (f->store, plan);
  g_assert_nonnull (draft);
  g_assert_cmpstr (((SpOutcomeDraft *) g_ptr_array_index (draft->outcomes, 0))->evidence, ==,
                   "Reads 52 words");

  /* Completed: recorded as before, and this plan's draft is gone with it; the other stays. */
  g_assert_cmpint (review_all_partly (f->store, plan, "2026-11-20", "new_plan", &next, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (next, >, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM reviews WHERE completed_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_outcomes"), ==, 1);
  g_clear_pointer (&draft, sp_review_draft_free);
  draft = load_draft (f->store, plan);
  g_assert_null (draft);
  {
    g_autofree gchar *sql = g_strdup_printf ("SELECT count(*) FROM review_drafts"
                                             " WHERE plan_id = %" G_GINT64_FORMAT, plan);
    g_assert_cmpint (raw_int (f->path, sql), ==, 0);
  }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_draft_outcomes"), ==, 1);
  draft = load_draft (f->store, other_plan);
  g_assert_nonnull (draft);
  /* The reviewed plan's draft rows are gone, so a late save of one fails as stale. */
  g_assert_false (sp_store_update_text (f->store, SP_FIELD_REVIEW_DRAFT_EVIDENCE, t, 2,
                                        "late", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
}

static void
test_draft_removed_target (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReviewDraft) draft = NULL;
  gint64 pupil, plan, t[2], elsewhere;

  pupil = add_pupil (f->store, "Amara", "Okafor", "3 Herons", "K", 1);
  plan = add_plan (f->store, pupil, "2026-09-07", "2026-11-16", "active");
  t[0] = add_target (f->store, plan, "Read 50 words", 1);
  t[1] = add_target (f->store, plan, "Write three sentences", 1);
  elsewhere = add_target (f->store, add_plan (f->store, pupil, "2027-01-04", "2027-03-29",
                                              "draft"), "Another plan's target", 0);
  g_assert_true (sp_store_begin_review_draft (f->store, plan, &error));
  g_assert_no_error (error);
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_EVIDENCE, t[0], "First");
  save_field (f->store, SP_FIELD_REVIEW_DRAFT_EVIDENCE, t[1], "Second");

  /* The target is removed from the plan: its draft outcome goes with it. */
  g_assert_true (sp_store_delete_row (f->store, "targets", t[1], &error));
  g_assert_no_error (error);
  draft = load_draft (f->store, plan);
  g_assert_cmpuint (draft->outcomes->len, ==, 1);
  g_assert_cmpint (((SpOutcomeDraft *) g_ptr_array_index (draft->outcomes, 0))->target_id, ==,
                   t[0]);

  /* A draft outcome whose target has moved to another plan (edited by another tool) is not
   * this review's. */
  {
    g_autofree gchar *sql = g_strdup_printf (
      "PRAGMA foreign_keys = ON; UPDATE targets SET plan_id = (SELECT plan_id FROM targets"
      " WHERE id = %" G_GINT64_FORMAT ") WHERE id = %" G_GINT64_FORMAT, elsewhere, t[0]);
    g_assert_cmpint (raw_exec (f->path, sql, NULL), ==, SQLITE_OK);
  }
  g_clear_pointer (&draft, sp_review_draft_free);
  draft = load_draft (f->store, plan);
  g_assert_nonnull (draft);
  g_assert_cmpuint (draft->outcomes->len, ==, 0);

  /* Deleting the plan deletes its draft. */
  {
    g_autofree gchar *sql = g_strdup_printf ("PRAGMA foreign_keys = ON;"
                                             " DELETE FROM plans WHERE id = %" G_GINT64_FORMAT,
                                             plan);
    g_assert_cmpint (raw_exec (f->path, sql, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_drafts"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_draft_outcomes"), ==, 0);
}

/* A file at schema version 4 (before drafts) opens at version 5 with every record kept. */
static void
test_migration_v4 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpReviewDraft) draft = NULL;
  sqlite3 *db = NULL;
  gchar *err = NULL;

  g_assert_cmpint (SP_STORE_SCHEMA_VERSION, ==, 5);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    NULL), ==, SQLITE_OK);
  for (guint v = 0; v < 4; v++)
    g_assert_cmpint (sqlite3_exec (db, sp_store_migrations[v], NULL, NULL, &err), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA application_id = 1397771342;"
    "PRAGMA user_version = 4;"
    "INSERT INTO pupils (id, forename, surname, year_group) VALUES (1, 'Amara', 'Okafor', '3');"
    "INSERT INTO plans (id, pupil_id, start_date, review_date, status)"
    "  VALUES (1, 1, '2026-04-20', '2026-07-13', 'active'),"
    "         (2, 1, '2026-07-13', '2026-10-05', 'draft');"
    "INSERT INTO targets (id, plan_id, position, description) VALUES"
    "  (1, 1, 1, 'Current target'), (2, 1, 2, 'Second target'), (3, 2, 1, 'Next');"
    "INSERT INTO annotations (plan_id, note_date, text) VALUES (1, '2026-05-01', 'A note');"
    "INSERT INTO bank_entries (area, target) VALUES ('cognition', 'My own target');",
    NULL, NULL, &err), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name = 'review_drafts'"), ==, 0);

  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, 5);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plans"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM annotations"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM bank_entries"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_drafts"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "PRAGMA foreign_key_check"), ==, -1);  /* no rows */

  /* The new tables work on the migrated file. */
  g_assert_true (sp_store_begin_review_draft (store, 1, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_load_review_draft (store, 1, &draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpuint (draft->outcomes->len, ==, 2);
  g_clear_object (&store);

  /* Opening again changes nothing. */
  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, 5);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM review_draft_outcomes"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("SUPPORT_PLANS_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/rules/expected-by-now", test_expected_by_now);
  g_test_add_func ("/review/rules/dates-in-school-year", test_dates_in_school_year);
  g_test_add_func ("/review/rules/measures", test_measures);
  g_test_add_func ("/review/rules/due-groups", test_due_groups);
  g_test_add_func ("/review/rules/next-date", test_next_date);
  g_test_add_func ("/review/rules/ehc-warning", test_ehc_warning);
  g_test_add ("/review/store/cycle", Fixture, NULL, fixture_set_up, test_cycle,
              fixture_tear_down);
  g_test_add ("/review/store/cease", Fixture, NULL, fixture_set_up, test_cease,
              fixture_tear_down);
  g_test_add ("/review/store/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);
  g_test_add ("/review/store/ehc-request", Fixture, NULL, fixture_set_up, test_ehc_request,
              fixture_tear_down);
  g_test_add ("/review/store/meetings", Fixture, NULL, fixture_set_up, test_meetings,
              fixture_tear_down);
  g_test_add ("/review/store/reviews-due", Fixture, NULL, fixture_set_up,
              test_reviews_due_store, fixture_tear_down);
  g_test_add ("/review/cli/reviews-due", Fixture, NULL, fixture_set_up, test_reviews_due_cli,
              fixture_tear_down);
  g_test_add ("/review/store/migration-v1", Fixture, "no store", fixture_set_up,
              test_migration_v1, fixture_tear_down);
  g_test_add ("/review/draft/save-reload", Fixture, NULL, fixture_set_up,
              test_draft_save_reload, fixture_tear_down);
  g_test_add ("/review/draft/complete-removes", Fixture, NULL, fixture_set_up,
              test_draft_complete, fixture_tear_down);
  g_test_add ("/review/draft/removed-target", Fixture, NULL, fixture_set_up,
              test_draft_removed_target, fixture_tear_down);
  g_test_add ("/review/draft/migration-v4", Fixture, "no store", fixture_set_up,
              test_migration_v4, fixture_tear_down);

  return g_test_run ();
}
