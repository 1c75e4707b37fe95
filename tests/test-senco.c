/* The SENCO's view: the SEN register, the provision map and its costs against the notional
 * SEN threshold, what works, the evidence pack, and the rates and threshold settings.
 *
 * A small school built by hand (every figure below is worked out in the comments) and a demo
 * school checked against SQL of this test's own. PDFs are read back with pdftotext and
 * pdfinfo; the CSV is parsed back; the verbs are run as a user would run them. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-pupil.h"
#include "sp-plan.h"
#include "sp-senco-documents.h"
#include "sp-store-edit.h"
#include "sp-store-review.h"
#include "sp-store-senco.h"
#include "sp-upn.h"

#define TODAY "2026-11-23"

static gchar *tmpdir;
static gchar *fixture_path;
static gchar *demo_path;

/* ---- helpers --------------------------------------------------------------------------- */

static gchar *
run_tool (const gchar * const *argv)
{
  g_autoptr(GError) error = NULL;
  gchar *out = NULL;
  g_autofree gchar *err = NULL;
  gint status;

  g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* The PDF's text in drawing order, every run of white space one space. */
static gchar *
pdf_text (const gchar *path)
{
  g_autofree gchar *raw = run_tool ((const gchar *[]) { "pdftotext", "-raw", "-enc", "UTF-8",
                                                        path, "-", NULL });
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, raw, -1, 0, " ", 0, NULL);
}

static gint
run_binary (const gchar *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree gchar *out = NULL, *err = NULL;
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
  env = g_environ_setenv (env, "XDG_DATA_HOME", tmpdir, TRUE);

  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != 0)
    g_test_message ("%s", err);
  return WEXITSTATUS (status);
}

static GDate *
today (void)
{
  return sp_date_parse_iso (TODAY);
}

static gint64
add_pupil (SpStore     *store,
           guint        serial,
           const gchar *forename,
           const gchar *surname,
           const gchar *year,
           const gchar *class_name,
           const gchar *status,
           const gchar *need)
{
  g_autofree gchar *upn = sp_upn_make (999, 2001, 20, serial);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                           "upn", upn,
                                           "forename", forename,
                                           "surname", surname,
                                           "year-group", year,
                                           "class-name", class_name,
                                           "sen-status", status,
                                           NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_pupil (store, pupil, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  if (need != NULL)
    {
      g_assert_true (sp_store_add_pupil_need (store, id, need, 1, &error));
      g_assert_no_error (error);
    }
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
                                         "start-date", start,
                                         "review-date", review,
                                         "status", status,
                                         "areas", "cognition",
                                         NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_plan (store, pupil_id, plan, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_provision (SpStore     *store,
               gint64       plan_id,
               const gchar *description,
               const gchar *role,
               guint        group_size,
               guint        sessions,
               guint        minutes,
               guint        weeks,
               const gchar *start)
{
  SpProvisionSpec spec = { description, role, NULL, group_size, sessions, minutes, weeks, start };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_store_add_provision (store, plan_id, &spec, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
add_target (SpStore     *store,
            gint64       plan_id,
            const gchar *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_target (store, plan_id, "cognition", text, "Baseline", "Success",
                                   &error);

  g_assert_no_error (error);
  return id;
}

static gint64
review (SpStore              *store,
        gint64                plan_id,
        const gchar          *date,
        const gchar          *decision,
        const SpOutcomeInput *outcomes,
        guint                 n)
{
  SpReviewInput input = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 next = 0, id;

  input.review_date = date;
  input.attendees = "Class teacher, SENCO, parent";
  input.parent_views = "Parents are pleased with the reading at home.";
  input.pupil_views = "I like the games.";
  input.next_steps = "Keep going.";
  input.decision = decision;
  input.outcomes = outcomes;
  input.n_outcomes = n;
  input.parent_meeting_method = "in_person";
  id = sp_store_complete_review (store, plan_id, &input, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return next;
}

/* The small school. Today is 23 November 2026, so the school year is 1 September 2026 to
 * 31 August 2027.
 *
 *  Ada Over (K, SLCN, Owls): active plan from 7 September 2026
 *      Speech and language therapy, specialist £60/h, 1:1, 5 x 60 min, 21 weeks = £6,300.00
 *      Talk group, TA £19/h, group of 4, 3 x 30 min, 10 weeks                   =    £71.25
 *      yearly cost £6,371.25: over the £6,000 threshold by £371.25
 *  Ben Near (E, SPLD, Kites): active plan from 14 September 2026
 *      Precision teaching, HLTA £23/h, 1:1, 5 x 60 min, 48 weeks                = £5,520.00
 *      (92% of the threshold: near); and a draft plan from 20 November 2026 with Talk group
 *      (£71.25), which does not count
 *  Cal Past (K, SEMH, Kites): a plan from 1 October 2025 with Talk group (last school year:
 *      does not count), and one from 1 September 2026 with Talk group from 1 September 2026
 *      (£71.25) and Handwriting catch-up, TA £19/h, 1:1, 1 x 60 min, 4 weeks from 18 August
 *      2026 (£76.00, of which 14 of 28 days fall in this year: £38.00); £109.25 this year
 *  Dee None (N): not on the register
 *  Eve (K, no need recorded, no plan), surname with a comma and quotes, forename "=Eve"
 *  Will (K, SPLD, year 4) and Wendy (K, SPLD, year 4): one plan each in 2025, reviewed once;
 *  Xavier (K, SEMH, year 6): two plans, both reviewed, mostly not achieved at both.
 *
 * Provision this year: £6,371.25 + £5,520.00 + £109.25 = £12,000.50. */
static void
build_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (fixture_path, SP_STORE_OPEN_DEFAULT, &error);
  gint64 ada, ben, cal, will, wendy, xavier, plan, next;

  g_assert_no_error (error);
  g_assert_true (sp_store_set_school (store, "Fixture Primary", "999", "2001", "Ms SENCO",
                                      &error));

  ada = add_pupil (store, 1, "Ada", "Over", "3", "Owls", "K", "SLCN");
  plan = add_plan (store, ada, "2026-09-07", "2026-12-07", "active");
  add_provision (store, plan, "Speech and language therapy", "specialist", 1, 5, 60, 21, NULL);
  add_provision (store, plan, "Talk group", "ta", 4, 3, 30, 10, NULL);

  ben = add_pupil (store, 2, "Ben", "Near", "5", "Kites", "E", "SPLD");
  plan = add_plan (store, ben, "2026-09-14", "2026-12-14", "active");
  add_provision (store, plan, "Precision teaching", "hlta", 1, 5, 60, 48, NULL);
  plan = add_plan (store, ben, "2026-11-20", "2027-02-20", "draft");
  add_provision (store, plan, "Talk group", "ta", 4, 3, 30, 10, NULL);

  cal = add_pupil (store, 3, "Cal", "Past", "5", "Kites", "K", "SEMH");
  plan = add_plan (store, cal, "2025-10-01", "2026-01-05", "active");
  add_provision (store, plan, "Talk group", "ta", 4, 3, 30, 10, NULL);
  plan = add_plan (store, cal, "2026-09-01", "2026-12-01", "active");
  /* Written a little differently: still the same intervention. */
  add_provision (store, plan, "  talk group ", "ta", 4, 3, 30, 10, "2026-09-01");
  /* From 18 August for 4 weeks: 14 of its 28 days fall in this school year. */
  add_provision (store, plan, "Handwriting catch-up", "ta", 1, 1, 60, 4, "2026-08-18");

  add_pupil (store, 4, "Dee", "None", "2", "Robins", "N", NULL);
  add_pupil (store, 5, "=Eve", "Smith, \"Jr\"", "R", "Ducklings", "K", NULL);

  /* What works.
   *   Reading Recovery (TA): Will T1 achieved 10 -> 20 words, T2 partly 4 -> 6 words,
   *     T3 not achieved; Wendy T1 achieved 30 -> 50 words, T2 achieved.
   *     5 targets, 3 achieved (60%), 1 partly, 1 not; 2 pupils; means 14.67 -> 25.33 words.
   *   Talk group (TA): Wendy's 2 (both achieved, 30 -> 50 words); Xavier's first plan
   *     (2 not achieved, T1 3 -> 3 words) and second (1 not achieved, 1 partly).
   *     6 targets, 2 achieved, 1 partly, 3 not; 2 pupils; means 16.5 -> 26.5 words.
   *   SPLD: 5 targets, 3 achieved; SEMH: 4 targets, 0 achieved, 1 partly, 3 not.
   *   Year 4: 5 targets, 3 achieved; year 6: 4 targets, 0 achieved.
   *   Needing attention: Xavier (2 of 2, then 1 of 2 not achieved). */
  will = add_pupil (store, 6, "Will", "Reader", "4", "Hawks", "K", "SPLD");
  plan = add_plan (store, will, "2025-09-08", "2025-12-08", "active");
  add_provision (store, plan, "Reading Recovery", "ta", 1, 4, 30, 12, NULL);
  {
    SpOutcomeInput o[] = {
      { add_target (store, plan, "Read 20 words"), "achieved", "Checked", "10", "20", "words",
        FALSE },
      { add_target (store, plan, "Spell 6 words"), "partly", "Checked", "4", "6", "words",
        TRUE },
      { add_target (store, plan, "Use a word bank"), "not_achieved", "Checked", NULL, NULL,
        NULL, TRUE },
    };
    g_assert_cmpint (review (store, plan, "2025-12-08", "cease", o, 3), ==, 0);
  }

  wendy = add_pupil (store, 7, "Wendy", "Reader", "4", "Hawks", "K", "SPLD");
  plan = add_plan (store, wendy, "2025-09-08", "2025-12-08", "active");
  add_provision (store, plan, "Reading Recovery", "ta", 1, 4, 30, 12, NULL);
  add_provision (store, plan, "Talk group", "ta", 4, 3, 30, 10, NULL);
  {
    SpOutcomeInput o[] = {
      { add_target (store, plan, "Read 50 words"), "achieved", "Checked", "30", "50", "words",
        FALSE },
      { add_target (store, plan, "Retell a story"), "achieved", "Checked", NULL, NULL, NULL,
        FALSE },
    };
    review (store, plan, "2025-12-08", "cease", o, 2);
  }

  xavier = add_pupil (store, 8, "Xavier", "Stuck", "6", "Eagles", "K", "SEMH");
  plan = add_plan (store, xavier, "2025-09-08", "2025-12-08", "active");
  add_provision (store, plan, "Talk group", "ta", 4, 3, 30, 10, NULL);
  {
    SpOutcomeInput o[] = {
      { add_target (store, plan, "Use a calm-down card"), "not_achieved", "Checked", "3", "3",
        "words", TRUE },
      { add_target (store, plan, "Take turns in a game"), "not_achieved", "Checked", NULL, NULL,
        NULL, TRUE },
    };
    next = review (store, plan, "2025-12-08", "new_plan", o, 2);
  }
  g_assert_cmpint (next, >, 0);
  {
    g_autoptr(SpPlanRecord) record = sp_store_load_plan (store, next, &error);
    g_autofree gchar *status = NULL;
    gint64 revision = 0;
    SpOutcomeInput o[2] = { 0 };

    g_assert_no_error (error);
    g_assert_cmpuint (record->targets->len, ==, 2);
    status = sp_store_read_text (store, SP_FIELD_PLAN_STATUS, next, &revision, &error);
    g_assert_no_error (error);
    g_assert_true (sp_store_update_text (store, SP_FIELD_PLAN_STATUS, next, revision, "active",
                                         NULL, &error));
    g_assert_no_error (error);
    for (guint t = 0; t < 2; t++)
      {
        o[t].target_id = ((SpTargetRecord *) g_ptr_array_index (record->targets, t))->id;
        o[t].outcome = t == 0 ? "not_achieved" : "partly";
        o[t].evidence = "Checked";
      }
    review (store, next, "2026-03-09", "specialist", o, 2);
  }
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = today ();
  g_autoptr(SpStore) demo = NULL;

  tmpdir = g_dir_make_tmp ("test-senco-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_path = g_build_filename (tmpdir, "fixture.db", NULL);
  demo_path = g_build_filename (tmpdir, "demo.db", NULL);
  build_fixture ();
  demo = sp_store_open (demo_path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sp_demo_fill (demo, 90, day, &error));
  g_assert_no_error (error);
}

static SpStore *
open_store (const gchar *path)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static SpRegisterRow *
find_row (GPtrArray   *rows,
          const gchar *forename)
{
  for (guint i = 0; i < rows->len; i++)
    {
      SpRegisterRow *r = g_ptr_array_index (rows, i);

      if (g_str_equal (r->forename, forename))
        return r;
    }
  return NULL;
}

/* ---- the register ---------------------------------------------------------------------- */

static void
test_register_fixture (void)
{
  g_autoptr(SpStore) store = open_store (fixture_path);
  g_autoptr(GDate) day = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_store_list_register (store, day, &error);
  g_autoptr(GHashTable) by_need = NULL, by_area = NULL;
  SpRegisterRow *r;

  g_assert_no_error (error);
  /* Everyone but Dee (status N). */
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_null (find_row (rows, "Dee"));

  r = find_row (rows, "Ada");
  g_assert_cmpstr (r->primary_need, ==, "SLCN");
  g_assert_cmpstr (r->area, ==, "communication");
  g_assert_cmpstr (r->plan_status, ==, "active");
  g_assert_cmpstr (r->next_review, ==, "2026-12-07");
  g_assert_cmpint (r->cost_pence, ==, 637125);
  r = find_row (rows, "Ben");
  g_assert_cmpstr (r->sen_status, ==, "E");
  g_assert_cmpstr (r->plan_status, ==, "draft");   /* the newest plan */
  g_assert_cmpint (r->cost_pence, ==, 552000);
  g_assert_cmpint (find_row (rows, "Cal")->cost_pence, ==, 10925);
  r = find_row (rows, "=Eve");
  g_assert_cmpstr (r->primary_need, ==, "");
  g_assert_cmpstr (r->plan_status, ==, "");
  g_assert_cmpstr (r->next_review, ==, "");
  g_assert_cmpint (r->cost_pence, ==, 0);
  /* Xavier's second review (9 March 2026) was last school year: none this year. */
  r = find_row (rows, "Xavier");
  g_assert_cmpuint (r->reviews, ==, 0);
  g_assert_cmpuint (r->meetings, ==, 0);

  by_need = sp_register_count_by_need (rows);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "SPLD")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "SEMH")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "SLCN")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "")), ==, 1);
  by_area = sp_register_count_by_area (rows);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_area, "cognition")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_area, "semh")), ==, 2);
}

static void
test_register_demo (void)
{
  g_autoptr(SpStore) store = open_store (demo_path);
  g_autoptr(GDate) day = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_store_list_register (store, day, &error);
  g_autoptr(GHashTable) by_need = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint groups = 0, reviews = 0, meetings = 0;

  g_assert_no_error (error);
  by_need = sp_register_count_by_need (rows);
  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* The register's count of pupils, by primary need, against the database. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT n.need_code, count(*) FROM pupils p"
                     "  JOIN pupil_needs n ON n.pupil_id = p.id"
                     " WHERE p.sen_status IN ('K', 'E')"
                     "   AND n.rank = (SELECT min(rank) FROM pupil_needs WHERE pupil_id = p.id)"
                     " GROUP BY n.need_code", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const gchar *code = (const gchar *) sqlite3_column_text (stmt, 0);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, code)), ==,
                        (guint) sqlite3_column_int (stmt, 1));
      groups++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (groups, ==, g_hash_table_size (by_need));
  g_assert_cmpuint (groups, >, 5);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT count(*) FROM pupils WHERE sen_status IN ('K', 'E')",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpuint (rows->len, ==, (guint) sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);

  /* Reviews and meetings this school year, in total. */
  for (guint i = 0; i < rows->len; i++)
    {
      reviews += ((SpRegisterRow *) g_ptr_array_index (rows, i))->reviews;
      meetings += ((SpRegisterRow *) g_ptr_array_index (rows, i))->meetings;
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT (SELECT count(*) FROM reviews WHERE completed_at IS NOT NULL"
                     "          AND review_date BETWEEN '2026-09-01' AND '" TODAY "'),"
                     "       (SELECT count(*) FROM parent_meetings"
                     "         WHERE meeting_date BETWEEN '2026-09-01' AND '" TODAY "')",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpuint (reviews, ==, (guint) sqlite3_column_int (stmt, 0));
  g_assert_cmpuint (meetings, ==, (guint) sqlite3_column_int (stmt, 1));
  g_assert_cmpuint (reviews, >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A careful RFC 4180 reader: rows of fields, quotes doubled inside quoted fields. */
static GPtrArray *
parse_csv (const gchar *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;
  const gchar *p = text;

  while (*p)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        {
          g_assert_cmpuint (field->len, ==, 0);   /* quotes only around a whole field */
          quoted = TRUE;
        }
      else if (*p == ',')
        g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE)),
          field = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');   /* a bare line feed would break a row */
          g_string_append_c (field, *p);
        }
      p++;
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);   /* the last row ends with CRLF */
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_register_csv (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "register.csv", NULL);
  g_autofree gchar *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gboolean eve = FALSE;

  g_assert_cmpint (run_binary ("--database", fixture_path, "register", "--format", "csv",
                               "--output", path, "--today", TODAY, NULL), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  rows = parse_csv (text + 3);
  g_assert_cmpuint (rows->len, ==, 1 + 7);
  {
    GPtrArray *header = g_ptr_array_index (rows, 0);

    g_assert_cmpuint (header->len, ==, 15);
    g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "Surname");
    g_assert_cmpstr (g_ptr_array_index (header, 2), ==, "UPN");
  }
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->len, ==, 15);
      g_assert_cmpstr (g_ptr_array_index (row, 1), !=, "Dee");
      if (g_str_equal (g_ptr_array_index (row, 1), "Ada"))
        {
          g_assert_cmpstr (g_ptr_array_index (row, 7), ==, "SLCN");
          g_assert_cmpstr (g_ptr_array_index (row, 14), ==, "6371.25");
        }
      if (g_str_equal (g_ptr_array_index (row, 0), "Smith, \"Jr\""))
        {
          /* The comma and the quotes survive; the formula does not run. */
          g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "'=Eve");
          eve = TRUE;
        }
    }
  g_assert_true (eve);
}

static void
test_register_pdf (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "register.pdf", NULL);
  g_autofree gchar *text = NULL, *info = NULL;

  g_assert_cmpint (run_binary ("--database", fixture_path, "register", "--format", "pdf",
                               "--output", path, "--today", TODAY, NULL), ==, 0);
  info = run_tool ((const gchar *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "841.89 x 595.276"));
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "SEN register"));
  g_assert_nonnull (strstr (text, "Pupils on the register 7"));
  g_assert_nonnull (strstr (text, "Over, Ada"));
  g_assert_null (strstr (text, "None, Dee"));
  g_assert_nonnull (strstr (text, "Specific learning difficulty (SPLD) 3"));
  /* A filtered register says what it was narrowed to, and counts only its own pupils. */
  {
    g_autoptr(SpStore) store = open_store (fixture_path);
    g_autoptr(GDate) day = today ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = sp_store_list_register (store, day, &error);
    g_autoptr(GPtrArray) kites = g_ptr_array_new ();
    g_autofree gchar *kites_path = g_build_filename (tmpdir, "kites.pdf", NULL);
    g_autofree gchar *kites_text = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      if (g_str_equal (((SpRegisterRow *) g_ptr_array_index (rows, i))->class_name, "Kites"))
        g_ptr_array_add (kites, g_ptr_array_index (rows, i));
    g_assert_cmpuint (kites->len, ==, 2);
    g_assert_true (sp_senco_save_register (store, kites, day, FALSE, "Kites", kites_path,
                                           &error));
    g_assert_no_error (error);
    kites_text = pdf_text (kites_path);
    g_assert_nonnull (strstr (kites_text, "Only the pupils shown: Kites"));
    g_assert_nonnull (strstr (kites_text, "Pupils on the register 2"));
    g_assert_nonnull (strstr (kites_text, "Near, Ben"));
    g_assert_null (strstr (kites_text, "Over, Ada"));
  }
  /* Asked wrongly: an unknown format. */
  g_assert_cmpint (run_binary ("--database", fixture_path, "register", "--format", "xls",
                               "--output", path, NULL), ==, 2);
}

/* ---- the provision map ----------------------------------------------------------------- */

static SpIntervention *
find_intervention (SpProvisionMap *map,
                   const gchar    *description)
{
  for (guint i = 0; i < map->interventions->len; i++)
    {
      SpIntervention *v = g_ptr_array_index (map->interventions, i);

      if (g_ascii_strcasecmp (v->description, description) == 0)
        return v;
    }
  return NULL;
}

static void
test_map_fixture (void)
{
  g_autoptr(SpStore) store = open_store (fixture_path);
  g_autoptr(GDate) day = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, day, &error);
  SpIntervention *v;
  SpMapPupil *p;

  g_assert_no_error (error);
  g_assert_cmpint (map->threshold_pence, ==, 600000);
  g_assert_cmpstr (map->year_start, ==, "2026-09-01");
  g_assert_cmpstr (map->year_end, ==, "2027-08-31");
  g_assert_cmpint (map->total_pence, ==, 1200050);
  g_assert_cmpuint (map->interventions->len, ==, 4);

  v = find_intervention (map, "Talk group");
  g_assert_nonnull (v);
  g_assert_cmpint (v->cost_pence, ==, 14250);            /* Ada's and Cal's, not Ben's draft */
  g_assert_cmpuint (v->pupils->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (v->staff_hours, 0.75, 1e-9);
  g_assert_cmpstr (v->role_label, ==, "Teaching assistant");
  v = find_intervention (map, "Precision teaching");
  g_assert_cmpint (v->cost_pence, ==, 552000);
  g_assert_cmpfloat_with_epsilon (v->staff_hours, 5.0, 1e-9);
  v = find_intervention (map, "Speech and language therapy");
  g_assert_cmpint (v->cost_pence, ==, 630000);
  g_assert_cmpstr (v->area, ==, "communication");       /* from Ada's primary need */
  v = find_intervention (map, "Handwriting catch-up");
  g_assert_cmpint (v->cost_pence, ==, 3800);            /* half its days are this year's */
  g_assert_cmpfloat_with_epsilon (v->staff_hours, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (map->total_staff_hours, 11.75, 1e-9);

  g_assert_cmpuint (map->pupils->len, ==, 3);
  p = g_ptr_array_index (map->pupils, 0);
  g_assert_cmpstr (p->forename, ==, "Ada");
  g_assert_cmpint (p->cost_pence, ==, 637125);
  g_assert_cmpint (sp_cost_band (p->cost_pence, map->threshold_pence), ==, SP_COST_OVER);
  p = g_ptr_array_index (map->pupils, 1);
  g_assert_cmpstr (p->forename, ==, "Ben");
  g_assert_cmpint (sp_cost_band (p->cost_pence, map->threshold_pence), ==, SP_COST_NEAR);
  p = g_ptr_array_index (map->pupils, 2);
  g_assert_cmpint (sp_cost_band (p->cost_pence, map->threshold_pence), ==, SP_COST_WITHIN);

  /* The bands at their edges, to the penny. */
  g_assert_cmpint (sp_cost_band (600000, 600000), ==, SP_COST_NEAR);
  g_assert_cmpint (sp_cost_band (600001, 600000), ==, SP_COST_OVER);
  g_assert_cmpint (sp_cost_band (540000, 600000), ==, SP_COST_NEAR);
  g_assert_cmpint (sp_cost_band (539999, 600000), ==, SP_COST_WITHIN);
}

static void
test_map_demo (void)
{
  g_autoptr(SpStore) store = open_store (demo_path);
  g_autoptr(GDate) day = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, day, &error);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 by_interventions = 0, by_pupils = 0, by_register = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < map->interventions->len; i++)
    by_interventions += ((SpIntervention *) g_ptr_array_index (map->interventions, i))->cost_pence;
  for (guint i = 0; i < map->pupils->len; i++)
    by_pupils += ((SpMapPupil *) g_ptr_array_index (map->pupils, i))->cost_pence;
  g_assert_cmpint (by_interventions, ==, map->total_pence);
  g_assert_cmpint (by_pupils, ==, map->total_pence);

  rows = sp_store_list_register (store, day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    by_register += ((SpRegisterRow *) g_ptr_array_index (rows, i))->cost_pence;
  g_assert_cmpint (by_register, ==, map->total_pence);   /* every demo pupil is K or E */

  /* The yearly cost worked out here, in C, from the rows: each row's cost in proportion to
   * its days inside 1 September 2026 to 31 August 2027, to the nearest penny. */
  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT coalesce(v.start_date, l.start_date), v.weeks, v.cost_pence,"
                     "       l.pupil_id"
                     "  FROM provision v JOIN plans l ON l.id = v.plan_id"
                     " WHERE l.status IN ('active', 'reviewed', 'archived')",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  {
    g_autoptr(GDate) first = g_date_new_dmy (1, G_DATE_SEPTEMBER, 2026);
    g_autoptr(GDate) after = g_date_new_dmy (1, G_DATE_SEPTEMBER, 2027);
    g_autoptr(GHashTable) pupils = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
    gint64 expected = 0;
    guint straddling = 0;

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(GDate) start = sp_date_parse_iso ((const gchar *) sqlite3_column_text (stmt, 0));
        g_autoptr(GDate) end = g_date_copy (start);
        gint64 days = sqlite3_column_int (stmt, 1) * 7, cost = sqlite3_column_int64 (stmt, 2);
        gint64 inside, share;

        g_date_add_days (end, (guint) days);
        inside = MAX (0, g_date_days_between (g_date_compare (start, first) > 0 ? start : first,
                                              g_date_compare (end, after) < 0 ? end : after));
        if (inside == 0)
          continue;
        straddling += inside < days;
        share = (2 * cost * inside + days) / (2 * days);
        expected += share;
        if (share > 0)
          {
            gint64 *id = g_new (gint64, 1);

            *id = sqlite3_column_int64 (stmt, 3);
            g_hash_table_add (pupils, id);
          }
      }
    g_assert_cmpint (expected, ==, map->total_pence);
    g_assert_cmpuint (g_hash_table_size (pupils), ==, map->pupils->len);
    g_assert_cmpuint (straddling, >, 0);   /* the demo has rows across 1 September */
    g_assert_cmpint (map->total_pence, >, 0);
  }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_map_pdf (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "map.pdf", NULL);
  g_autofree gchar *text = NULL, *info = NULL;
  const gchar *over, *near, *interventions, *ada, *ben;
  GStatBuf st;

  g_assert_cmpint (run_binary ("--database", fixture_path, "provision-map", "--output", path,
                               "--today", TODAY, NULL), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  info = run_tool ((const gchar *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "841.89 x 595.276"));   /* A4 landscape */
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Cost this school year £12,000.50"));
  over = strstr (text, "candidates for high-needs top-up funding");
  near = strstr (text, "Near the threshold");
  interventions = strstr (text, "Interventions by area of need");
  g_assert_nonnull (over);
  g_assert_nonnull (near);
  g_assert_nonnull (interventions);
  g_assert_true (over < near && near < interventions);
  ada = strstr (over, "Ada Over");
  ben = strstr (near, "Ben Near");
  g_assert_true (ada != NULL && ada < near);
  g_assert_true (ben != NULL && ben < interventions);
  g_assert_nonnull (strstr (ada, "£6,371.25 £371.25"));
  g_assert_nonnull (strstr (ben, "£5,520.00 £480.00"));
  g_assert_nonnull (strstr (interventions, "Talk group"));
  g_assert_nonnull (strstr (interventions, "£142.50"));
  g_assert_cmpint (run_binary ("--database", fixture_path, "provision-map", NULL), ==, 2);
}

/* ---- what works ------------------------------------------------------------------------ */

static SpEffect *
find_effect (GPtrArray   *effects,
             const gchar *key)
{
  for (guint i = 0; i < effects->len; i++)
    {
      SpEffect *e = g_ptr_array_index (effects, i);

      if (g_str_equal (e->key, key))
        return e;
    }
  return NULL;
}

static void
test_what_works_fixture (void)
{
  g_autoptr(SpStore) store = open_store (fixture_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWhatWorks) works = sp_store_load_what_works (store, &error);
  SpEffect *e;
  SpStuckPupil *s;

  g_assert_no_error (error);
  g_assert_cmpuint (works->interventions->len, ==, 2);

  e = find_effect (works->interventions, "reading recovery|ta");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->label, ==, "Reading Recovery (Teaching assistant)");
  g_assert_cmpuint (e->pupils, ==, 2);
  g_assert_cmpuint (e->outcomes, ==, 5);
  g_assert_cmpuint (e->achieved, ==, 3);
  g_assert_cmpuint (e->partly, ==, 1);
  g_assert_cmpuint (e->not_achieved, ==, 1);
  g_assert_cmpfloat_with_epsilon (sp_effect_share_achieved (e), 0.6, 1e-9);
  g_assert_cmpuint (e->measured, ==, 3);
  g_assert_cmpfloat_with_epsilon (e->mean_before, 44.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->mean_after, 76.0 / 3, 1e-9);
  g_assert_cmpstr (e->unit, ==, "words");
  g_assert_cmpuint (e->measures->len, ==, 3);

  e = find_effect (works->interventions, "talk group|ta");
  g_assert_nonnull (e);
  g_assert_cmpuint (e->pupils, ==, 2);
  g_assert_cmpuint (e->outcomes, ==, 6);
  g_assert_cmpuint (e->achieved, ==, 2);
  g_assert_cmpuint (e->partly, ==, 1);
  g_assert_cmpuint (e->not_achieved, ==, 3);
  g_assert_cmpuint (e->measured, ==, 2);
  g_assert_cmpfloat_with_epsilon (e->mean_before, 16.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->mean_after, 26.5, 1e-9);
  /* Most outcomes first. */
  g_assert_true (g_ptr_array_index (works->interventions, 0) == e);

  e = find_effect (works->by_need, "SPLD");
  g_assert_cmpuint (e->outcomes, ==, 5);
  g_assert_cmpuint (e->achieved, ==, 3);
  g_assert_cmpuint (e->pupils, ==, 2);
  e = find_effect (works->by_need, "SEMH");
  g_assert_cmpuint (e->outcomes, ==, 4);
  g_assert_cmpuint (e->achieved, ==, 0);
  g_assert_cmpuint (e->partly, ==, 1);
  g_assert_cmpuint (e->not_achieved, ==, 3);
  g_assert_cmpuint (works->by_need->len, ==, 2);
  e = find_effect (works->by_year, "4");
  g_assert_cmpuint (e->outcomes, ==, 5);
  g_assert_cmpstr (e->label, ==, "Year 4");
  e = find_effect (works->by_year, "6");
  g_assert_cmpuint (e->outcomes, ==, 4);
  g_assert_cmpuint (e->achieved, ==, 0);

  g_assert_cmpuint (works->stuck->len, ==, 1);
  s = g_ptr_array_index (works->stuck, 0);
  g_assert_cmpstr (s->name, ==, "Xavier Stuck");
  g_assert_cmpstr (s->first_review, ==, "2025-12-08");
  g_assert_cmpstr (s->last_review, ==, "2026-03-09");
  g_assert_cmpuint (s->not_achieved_first, ==, 2);
  g_assert_cmpuint (s->not_achieved_last, ==, 1);
  g_assert_cmpuint (s->targets_last, ==, 2);
}

static void
test_what_works_pdf (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "works.pdf", NULL);
  g_autofree gchar *text = NULL;

  g_assert_cmpint (run_binary ("--database", fixture_path, "what-works", "--output", path,
                               "--today", TODAY, NULL), ==, 0);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Reading Recovery (Teaching assistant) 2 5 3 (60%) 1 1"));
  g_assert_nonnull (strstr (text, "14.67 → 25.33 words"));
  g_assert_nonnull (strstr (text, "Xavier Stuck"));
}

/* ---- the evidence pack ----------------------------------------------------------------- */

/* Every plan and review of @pupil_id appear in the pack's cycles section in date order. */
static void
check_cycles_in_order (SpStore     *store,
                       gint64       pupil_id,
                       const gchar *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupilRecord) record = sp_store_load_record (store, pupil_id, &error);
  const gchar *at = strstr (text, "The cycles of support, in order");
  g_autofree gchar *previous = g_strdup ("");

  g_assert_no_error (error);
  g_assert_nonnull (at);
  for (guint i = 0; i < record->plans->len; i++)
    {
      const SpPlanRecord *plan = g_ptr_array_index (record->plans, i);
      g_autofree gchar *start = sp_date_format_long (plan->start_date);
      g_autofree gchar *heading = g_strdup_printf ("Cycle %u: plan from %s", i + 1, start);

      g_assert_cmpstr (plan->start_date, >=, previous);
      g_free (previous);
      previous = g_strdup (plan->start_date);
      at = strstr (at, heading);
      if (at == NULL)
        g_error ("\"%s\" is missing or out of order", heading);
      for (guint r = 0; r < plan->reviews->len; r++)
        {
          const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);
          g_autofree gchar *date = sp_date_format_long (rev->review_date);
          g_autofree gchar *rh = g_strdup_printf ("Review of cycle %u on %s", i + 1, date);

          at = strstr (at, rh);
          if (at == NULL)
            g_error ("\"%s\" is missing or out of order", rh);
        }
    }
}

static void
test_evidence_pack_demo (void)
{
  g_autoptr(SpStore) store = open_store (demo_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sp_store_list_pupil_ids (store, &error);
  gint64 most = 0, fewest = 0;
  guint most_plans = 0, fewest_plans = G_MAXUINT;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SpPupilRecord) r = sp_store_load_record (store, id, &error);

      g_assert_no_error (error);
      if (r->plans->len > most_plans)
        most_plans = r->plans->len, most = id;
      if (r->plans->len < fewest_plans && r->plans->len > 0)
        fewest_plans = r->plans->len, fewest = id;
    }
  g_assert_cmpuint (most_plans, >=, 4);

  for (guint k = 0; k < 2; k++)
    {
      gint64 id = k == 0 ? most : fewest;
      g_autoptr(SpPupilRecord) r = sp_store_load_record (store, id, &error);
      g_autofree gchar *path = g_strdup_printf ("%s/evidence-%u.pdf", tmpdir, k);
      g_autofree gchar *text = NULL;
      gint completed = sp_store_count_completed_reviews (store, id, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (run_binary ("--database", demo_path, "evidence-pack", "--pupil", r->upn,
                                   "--output", path, "--today", TODAY, NULL), ==, 0);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "Summary"));
      check_cycles_in_order (store, id, text);
      /* The notes made during each cycle (the demo writes one a plan). */
      g_assert_nonnull (strstr (text, "Notes during the cycle"));
      g_assert_nonnull (strstr (text, "needed fewer prompts than before"));
      /* Fewer than three completed cycles is said plainly, and only then. */
      if (completed < 3)
        g_assert_nonnull (strstr (text, "usually asks for evidence of at least two or three "
                                        "cycles"));
      else
        g_assert_null (strstr (text, "usually asks for evidence"));
    }
}

static void
test_evidence_pack_fixture (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "xavier.pdf", NULL);
  g_autofree gchar *upn = sp_upn_make (999, 2001, 20, 8);
  g_autofree gchar *text = NULL;
  g_autoptr(SpStore) store = open_store (fixture_path);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_find_pupil_by_upn (store, upn, &error);
  const gchar *summary_end;

  g_assert_no_error (error);
  g_assert_cmpint (run_binary ("--database", fixture_path, "evidence-pack", "--pupil", upn,
                               "--output", path, "--today", TODAY, NULL), ==, 0);
  text = pdf_text (path);
  summary_end = strstr (text, "The pupil");
  g_assert_nonnull (summary_end);
  g_assert_nonnull (strstr (text, "Cycles of SEN support 3 plans, 2 of them reviewed"));
  g_assert_nonnull (strstr (text, "shows 2 completed cycles"));
  g_assert_nonnull (strstr (text, "usually asks for evidence of at least two or three cycles"));
  g_assert_nonnull (strstr (text, "At the first review (8 December 2025), 0 of 2 targets were "
                                  "achieved; at the latest (9 March 2026), 0 of 2."));
  g_assert_nonnull (strstr (text, "6 months, from 8 September 2025 to the latest review on "
                                  "9 March 2026"));
  /* The specialist decision is agency involvement; the views are there. */
  g_assert_nonnull (strstr (text, "Review of 9 March 2026: Involve specialists."));
  g_assert_nonnull (strstr (text, "Parents are pleased with the reading at home."));
  check_cycles_in_order (store, id, text);

  /* A pupil with no plan has nothing to send; an unknown UPN is a sentence, not a crash. */
  {
    g_autofree gchar *eve = sp_upn_make (999, 2001, 20, 5);
    g_autofree gchar *nowhere = g_build_filename (tmpdir, "eve.pdf", NULL);

    g_assert_cmpint (run_binary ("--database", fixture_path, "evidence-pack", "--pupil", eve,
                                 "--output", nowhere, NULL), ==, 1);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    g_assert_cmpint (run_binary ("--database", fixture_path, "evidence-pack", "--pupil",
                                 "A999200199999", "--output", nowhere, NULL), ==, 1);
  }
}

/* ---- settings -------------------------------------------------------------------------- */

static void
test_settings (void)
{
  g_autofree gchar *path = g_build_filename (tmpdir, "settings.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(SpPupil) pupil = NULL;
  g_autoptr(GDate) day = today ();
  SpRoleRate *ta = NULL;
  gint64 revision = 0, new_revision = 0, threshold, pupil_id, plan_id;
  gint64 before;

  g_assert_no_error (error);
  rates = sp_store_list_role_rate_rows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rates->len, ==, 6);
  g_assert_cmpstr (((SpRoleRate *) g_ptr_array_index (rates, 0))->role, ==, "teacher");
  for (guint i = 0; i < rates->len; i++)
    if (g_str_equal (((SpRoleRate *) g_ptr_array_index (rates, i))->role, "ta"))
      ta = g_ptr_array_index (rates, i);
  g_assert_nonnull (ta);
  g_assert_cmpint (ta->hourly_rate_pence, ==, 1900);

  /* Provision stored at the old rate keeps its cost. */
  pupil_id = add_pupil (store, 9, "Fay", "Rate", "2", "Robins", "K", "MLD");
  plan_id = add_plan (store, pupil_id, "2026-09-07", "2026-12-07", "active");
  add_provision (store, plan_id, "Talk group", "ta", 4, 3, 30, 10, NULL);
  before = sp_store_pupil_year_cost (store, pupil_id, day, &error);
  g_assert_cmpint (before, ==, 7125);

  g_assert_true (sp_store_set_role_rate (store, "ta", ta->revision, 2000, &new_revision,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_revision, ==, ta->revision + 1);
  g_assert_cmpint (sp_store_get_role_rate (store, "ta", NULL), ==, 2000);
  g_assert_cmpint (sp_store_pupil_year_cost (store, pupil_id, day, NULL), ==, before);
  /* New provision is costed at the new rate: 20 x 1.5 x 10 / 4 = £75.00. */
  add_provision (store, plan_id, "Talk group", "ta", 4, 3, 30, 10, NULL);
  g_assert_cmpint (sp_store_pupil_year_cost (store, pupil_id, day, NULL), ==, before + 7500);

  /* A change based on an old revision is refused and changes nothing. */
  g_assert_false (sp_store_set_role_rate (store, "ta", ta->revision, 2500, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_get_role_rate (store, "ta", NULL), ==, 2000);
  g_assert_false (sp_store_set_role_rate (store, "ta", new_revision, 100001, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  threshold = sp_store_get_threshold (store, &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (threshold, ==, 600000);
  g_assert_true (sp_store_set_threshold (store, revision, 650000, &new_revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_threshold (store, NULL, NULL), ==, 650000);
  g_assert_false (sp_store_set_threshold (store, revision, 700000, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (sp_store_set_threshold (store, new_revision, -1, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, day, &error);

    g_assert_no_error (error);
    g_assert_cmpint (map->threshold_pence, ==, 650000);
  }
  (void) pupil;
}

static void
teardown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autofree gchar *path = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);

      g_remove (path);
      g_object_unref (info);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (fixture_path);
  g_free (demo_path);
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  g_setenv ("SUPPORT_PLANS_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  setup ();

  g_test_add_func ("/senco/register/fixture", test_register_fixture);
  g_test_add_func ("/senco/register/demo", test_register_demo);
  g_test_add_func ("/senco/register/csv", test_register_csv);
  g_test_add_func ("/senco/register/pdf", test_register_pdf);
  g_test_add_func ("/senco/provision-map/fixture", test_map_fixture);
  g_test_add_func ("/senco/provision-map/demo", test_map_demo);
  g_test_add_func ("/senco/provision-map/pdf", test_map_pdf);
  g_test_add_func ("/senco/what-works/fixture", test_what_works_fixture);
  g_test_add_func ("/senco/what-works/pdf", test_what_works_pdf);
  g_test_add_func ("/senco/evidence-pack/demo", test_evidence_pack_demo);
  g_test_add_func ("/senco/evidence-pack/fixture", test_evidence_pack_fixture);
  g_test_add_func ("/senco/settings", test_settings);

  status = g_test_run ();
  teardown ();
  return status;
}
