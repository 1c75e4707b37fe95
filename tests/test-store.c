/* Tests of the store on real SQLite files in a temporary folder. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "sp-demo.h"
#include "sp-store.h"
#include "sp-upn.h"

typedef struct
{
  gchar *dir;
  gchar *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("sp-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "school.db", NULL);
}

static void
remove_tree (const gchar *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Reads one integer with a connection of the test's own, not the store's. */
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
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gchar *
file_checksum (const gchar *path)
{
  g_autofree gchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
add_pupil (SpStore     *store,
           const gchar *forename,
           guint        serial,
           GError     **error)
{
  g_autofree gchar *upn = sp_upn_make (999, 2001, 19, serial);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                           "upn", upn, "forename", forename,
                                           "surname", "Okafor", "year-group", "3",
                                           "class-name", "3 Herons", "sen-status", "K",
                                           "date-of-birth", "2018-04-11",
                                           NULL);
  return sp_store_add_pupil (store, pupil, error);
}

static gint64
add_plan (SpStore *store,
          gint64   pupil_id)
{
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN,
                                         "start-date", "2026-09-08",
                                         "review-date", "2026-12-01",
                                         "status", "active",
                                         NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_plan (store, pupil_id, plan, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&store);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, 0x53504c4e);
  {
    g_autofree gchar *mode = raw_text (f->path, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "wal");
  }
  /* Every table the issue names is there. */
  {
    static const gchar *const tables[] = { "school", "staff", "pupils", "pupil_needs",
                                           "contacts", "plans", "targets", "strategies",
                                           "provision", "reviews", "review_outcomes",
                                           "annotations", "parent_meetings" };
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                         SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema"
                                                 " WHERE type = 'table' AND name = ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_finalize (stmt);
        sqlite3_close (db);
      }
  }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM need_types"), ==, 13);
}

static void
test_migrate_from_empty_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  /* A zero-byte file is an empty SQLite database: it is taken and set up. */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);

  /* Opening again does not migrate twice. */
  g_clear_object (&store);
  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM need_types"), ==, 13);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) read = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_auto(GStrv) needs = NULL;
  SpProvisionSpec spec = { "Precision teaching", "ta", "cognition", 1, 5, 10, 12, "2026-09-08" };
  SpStoreCounts counts;
  gint64 pupil, staff, plan, target, review;

  g_assert_no_error (error);
  g_assert_true (sp_store_set_school (store, "Ysgol Gymraeg Aberdâr", "999", "2001",
                                      "Mrs Carter", &error));
  staff = sp_store_add_staff (store, "Mrs Beata Zielińska", "teacher", &error);
  g_assert_no_error (error);
  pupil = add_pupil (store, "Siân", 1, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_add_pupil_need (store, pupil, "SPLD", 1, &error));
  g_assert_true (sp_store_add_pupil_need (store, pupil, "slcn", 2, &error));
  g_assert_cmpint (sp_store_add_contact (store, pupil, "Ms Joanne Walker", "Mother",
                                         "01632 960 123", "jo@example.invalid", "email",
                                         &error), >, 0);
  plan = add_plan (store, pupil);
  target = sp_store_add_target (store, plan, "cognition",
                                "Read the first 100 high-frequency words 🙂", "46 of 100",
                                "85 of 100 on two checks", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_add_strategy (store, target, "Precision teaching daily", &error),
                   >, 0);
  g_assert_cmpint (sp_store_add_provision (store, plan, &spec, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_add_annotation (store, plan, target, "2026-10-01", staff,
                                            "Worked well in small group", &error), >, 0);
  review = sp_store_add_review (store, plan, "2026-12-01", "Teacher, parent",
                                "Pleased", "I like the games", "New plan", "new_plan", &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_add_review_outcome (store, review, target, "partly", "72 of 100",
                                              &error));
  g_assert_cmpint (sp_store_add_meeting (store, pupil, "2026-12-01", "in_person",
                                         "Mother, teacher", review, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (sp_store_count (store, &counts, &error));
  g_assert_cmpuint (counts.pupils, ==, 1);
  g_assert_cmpuint (counts.plans, ==, 1);
  g_assert_cmpuint (counts.targets, ==, 1);
  g_assert_cmpuint (counts.strategies, ==, 1);
  g_assert_cmpuint (counts.provision, ==, 1);
  g_assert_cmpuint (counts.reviews, ==, 1);
  g_assert_cmpuint (counts.annotations, ==, 1);
  g_assert_cmpuint (counts.parent_meetings, ==, 1);

  /* Read back through the store, after reopening the file. */
  g_clear_object (&store);
  store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  read = sp_store_get_pupil (store, pupil, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_pupil_get_text (read, "forename"), ==, "Siân");
  g_assert_cmpstr (sp_pupil_get_text (read, "date-of-birth"), ==, "2018-04-11");
  g_assert_cmpstr (sp_pupil_get_text (read, "primary-need"), ==, "SPLD");
  g_assert_cmpstr (sp_pupil_get_text (read, "next-review"), ==, "2026-12-01");
  needs = sp_store_get_pupil_needs (store, pupil, &error);
  g_assert_cmpuint (g_strv_length (needs), ==, 2);
  g_assert_cmpstr (needs[1], ==, "SLCN");
  plans = sp_store_list_plans (store, pupil, &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  {
    g_autoptr(SpPlan) p = g_list_model_get_item (plans, 0);
    g_assert_cmpuint (sp_plan_get_target_count (p), ==, 1);
    g_assert_cmpstr (sp_plan_get_text (p, "status"), ==, "active");
  }
  {
    g_autofree gchar *text = sp_store_get_target_text (store, target, NULL, &error);
    g_assert_cmpstr (text, ==, "Read the first 100 high-frequency words 🙂");
  }
  {
    g_autoptr(SpPupilRecord) record = sp_store_load_record (store, pupil, &error);
    SpPlanRecord *p;
    SpTargetRecord *t;
    SpReviewRecord *r;

    g_assert_no_error (error);
    g_assert_cmpstr (record->forename, ==, "Siân");
    g_assert_cmpuint (g_strv_length (record->needs), ==, 2);
    g_assert_cmpuint (record->contacts->len, ==, 1);
    g_assert_cmpuint (record->plans->len, ==, 1);
    g_assert_cmpuint (record->meetings->len, ==, 1);
    p = g_ptr_array_index (record->plans, 0);
    g_assert_cmpuint (p->targets->len, ==, 1);
    g_assert_cmpuint (p->provision->len, ==, 1);
    g_assert_cmpuint (p->annotations->len, ==, 1);
    g_assert_cmpuint (p->reviews->len, ==, 1);
    t = g_ptr_array_index (p->targets, 0);
    g_assert_cmpuint (t->strategies->len, ==, 1);
    g_assert_cmpstr (t->baseline, ==, "46 of 100");
    r = g_ptr_array_index (p->reviews, 0);
    g_assert_cmpuint (r->outcomes->len, ==, 1);
    g_assert_cmpstr (((SpOutcomeRecord *) g_ptr_array_index (r->outcomes, 0))->outcome, ==,
                     "partly");
    g_assert_cmpint (((SpProvisionRecord *) g_ptr_array_index (p->provision, 0))->cost_pence,
                     ==, 19000);
    g_assert_cmpstr (((SpProvisionRecord *) g_ptr_array_index (p->provision, 0))->role_label,
                     ==, "Teaching assistant");
    g_assert_cmpint (sp_store_find_pupil_by_upn (store, record->upn, &error), ==, pupil);
    g_assert_cmpint (sp_store_find_pupil_by_upn (store, "B801200005001", &error), ==, 0);
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW);
    g_clear_error (&error);
  }
  g_clear_object (&store);

  /* And with SQL of the test's own, field by field. */
  {
    g_autofree gchar *school = raw_text (f->path, "SELECT name FROM school");
    g_autofree gchar *who = raw_text (f->path, "SELECT name FROM staff");
    g_autofree gchar *contact = raw_text (f->path, "SELECT preferred_method FROM contacts");
    g_autofree gchar *strategy = raw_text (f->path, "SELECT description FROM strategies");
    g_autofree gchar *note = raw_text (f->path, "SELECT text FROM annotations");
    g_autofree gchar *outcome = raw_text (f->path, "SELECT outcome FROM review_outcomes");
    g_autofree gchar *method = raw_text (f->path, "SELECT method FROM parent_meetings");
    g_autofree gchar *decision = raw_text (f->path, "SELECT decision FROM reviews");

    g_assert_cmpstr (school, ==, "Ysgol Gymraeg Aberdâr");
    g_assert_cmpstr (who, ==, "Mrs Beata Zielińska");
    g_assert_cmpstr (contact, ==, "email");
    g_assert_cmpstr (strategy, ==, "Precision teaching daily");
    g_assert_cmpstr (note, ==, "Worked well in small group");
    g_assert_cmpstr (outcome, ==, "partly");
    g_assert_cmpstr (method, ==, "in_person");
    g_assert_cmpstr (decision, ==, "new_plan");
  }
  /* £19.00 × 10/60 × 5 × 12 / 1 = £190.00 */
  g_assert_cmpint (raw_int (f->path, "SELECT cost_pence FROM provision"), ==, 19000);
  g_assert_cmpint (raw_int (f->path, "SELECT position FROM targets"), ==, 1);
}

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  SpStoreCounts counts;
  gint64 id;

  /* A target on a plan that is not there. */
  id = sp_store_add_target (store, 4242, "", "Orphan", "", "", &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_null (strstr (error->message, "FOREIGN"));
  g_clear_error (&error);

  /* A need the census does not know. */
  id = add_pupil (store, "Leo", 2, &error);
  g_assert_false (sp_store_add_pupil_need (store, id, "XYZ", 1, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sp_store_check (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.targets, ==, 0);
  g_assert_cmpuint (counts.pupils, ==, 1);
}

static void
test_fifth_target_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  gint64 pupil = add_pupil (store, "Amara", 3, &error);
  gint64 plan = add_plan (store, pupil);
  sqlite3 *db = NULL;
  gint rc;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree gchar *text = g_strdup_printf ("Target %u", i + 1);
      g_assert_cmpint (sp_store_add_target (store, plan, "", text, "", "", &error), >, 0);
      g_assert_no_error (error);
    }

  g_assert_cmpint (sp_store_add_target (store, plan, "", "Target 5", "", "", &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_MANY_TARGETS);
  /* A sentence, not SQLite's words. */
  g_assert_null (strstr (error->message, "SP_TOO_MANY"));
  g_assert_nonnull (strstr (error->message, "four targets"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets"), ==, 4);

  /* No code path can break the rule: not even SQL from another program. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "INSERT INTO targets (plan_id, position, description)"
                         " VALUES (1, 5, 'Sneaked in')", NULL, NULL, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM targets"), ==, 4);
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  SpStoreCounts counts;
  gint64 pupil, plan;
  gboolean ok = TRUE;

  /* One operation of several steps: the fifth target fails, and the whole of it goes. */
  g_assert_true (sp_store_begin (store, &error));
  pupil = add_pupil (store, "Yusuf", 4, &error);
  plan = add_plan (store, pupil);
  for (guint i = 0; i < 5 && ok; i++)
    ok = sp_store_add_target (store, plan, "", "A target", "", "", &error) > 0;
  g_assert_false (ok);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_MANY_TARGETS);
  g_clear_error (&error);
  sp_store_rollback (store);

  g_assert_true (sp_store_count (store, &counts, &error));
  g_assert_cmpuint (counts.pupils, ==, 0);
  g_assert_cmpuint (counts.plans, ==, 0);
  g_assert_cmpuint (counts.targets, ==, 0);

  /* Inside an open transaction a failed step undoes only itself. */
  g_assert_true (sp_store_begin (store, &error));
  pupil = add_pupil (store, "Freya", 5, &error);
  g_assert_cmpint (add_pupil (store, "Freya again", 5, &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (sp_store_commit (store, &error));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils"), ==, 1);
}

static void
test_upn_rules (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                           "upn", "A12345678901B", "forename", "Ffion",
                                           "surname", "Evans", "year-group", "2",
                                           "sen-status", "K", NULL);

  g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), ==, 0);
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHECK_LETTER);
  g_assert_nonnull (strstr (error->message, "A12345678901B"));
  g_clear_error (&error);

  g_object_set (pupil, "upn", "B801200005001", "date-of-birth", "2019-02-30", NULL);
  g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (pupil, "date-of-birth", "2019-02-28", NULL);
  g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils"), ==, 1);
}

static void
test_stale_write (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) a = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpStore) b = NULL;
  gint64 pupil = add_pupil (a, "Kwame", 6, &error);
  gint64 plan = add_plan (a, pupil);
  gint64 target = sp_store_add_target (a, plan, "", "First words", "", "", &error);
  gint64 rev_a, rev_b, new_rev;
  g_autofree gchar *text_b = NULL;
  g_autofree gchar *final = NULL;

  b = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  g_free (sp_store_get_target_text (a, target, &rev_a, &error));
  text_b = sp_store_get_target_text (b, target, &rev_b, &error);
  g_assert_cmpint (rev_a, ==, rev_b);

  g_assert_true (sp_store_update_target_text (a, target, rev_a, "A's words", &new_rev, &error));
  g_assert_cmpint (new_rev, ==, rev_a + 1);
  g_assert_false (sp_store_update_target_text (b, target, rev_b, "B's words", NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
  g_clear_error (&error);

  final = sp_store_get_target_text (b, target, NULL, &error);
  g_assert_cmpstr (final, ==, "A's words");
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree gchar *missing = g_build_filename (f->dir, "no-such-folder", "school.db", NULL);
  g_autofree gchar *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree gchar *foreign = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree gchar *before = NULL;
  g_autofree gchar *after = NULL;
  sqlite3 *db = NULL;

  /* A folder that does not exist: nothing is created. */
  g_assert_null (sp_store_open (missing, SP_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_FOLDER);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* NO_CREATE and no file. */
  g_assert_null (sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* Not SQLite at all. */
  g_assert_true (g_file_set_contents (text, "Dear parents, the trip is on Friday.\n", -1, NULL));
  before = file_checksum (text);
  g_assert_null (sp_store_open (text, SP_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  after = file_checksum (text);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Another program's SQLite file. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT);"
                                     "INSERT INTO recipes VALUES ('Welsh cakes')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (foreign);
  g_assert_null (sp_store_open (foreign, SP_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FOREIGN);
  g_clear_error (&error);
  /* A second connection skips only the slow quick_check: a foreign file is still refused. */
  g_assert_null (sp_store_open (foreign, SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_CHECKED,
                                &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FOREIGN);
  g_clear_error (&error);
  after = file_checksum (foreign);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree gchar *wal = g_strconcat (foreign, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_corrupt_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GDate) today = g_date_new_dmy (23, 11, 2026);
  g_autofree gchar *contents = NULL;
  g_autofree gchar *before = NULL;
  g_autofree gchar *after = NULL;
  gsize length;

  g_assert_true (sp_demo_fill (store, 30, today, &error));
  g_clear_object (&store);

  /* Scribble over the middle of the file, leaving the header intact. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  memset (contents + 4096, 0xA5, length - 8192);
  g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
  before = file_checksum (f->path);

  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_true (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT)
                 || g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE));
  g_clear_error (&error);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* The window's connection leaves the check for later: the check, when it runs, finds it. */
  store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_CHECK_LATER, &error);
  if (store != NULL)
    {
      g_assert_false (sp_store_quick_check (store, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
    }
  else
    g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&store);
  g_clear_pointer (&after, g_free);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autofree gchar *before = NULL;
  g_autofree gchar *after = NULL;

  g_assert_no_error (error);
  add_pupil (store, "Isla", 7, &error);
  g_clear_object (&store);
  before = file_checksum (f->path);

  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  g_assert_null (sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_chmod (f->path, 0600);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 99);
}

static void
test_network_fs (void)
{
  g_assert_true (sp_store_fs_is_network (0x6969));        /* NFS */
  g_assert_true (sp_store_fs_is_network (0xFF534D42));    /* CIFS */
  g_assert_true (sp_store_fs_is_network (0xFE534D42));    /* SMB2 */
  g_assert_true (sp_store_fs_is_network (0x65735546));    /* FUSE */
  g_assert_false (sp_store_fs_is_network (0xEF53));       /* ext4 */
  g_assert_false (sp_store_fs_is_network (0x01021994));   /* tmpfs */
  g_assert_false (sp_store_fs_is_network (0x9123683E));   /* btrfs */
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GDate) today = g_date_new_dmy (23, 11, 2026);
  g_autoptr(GListModel) pupils = NULL;
  SpStoreCounts counts;

  g_assert_true (sp_demo_fill (store, 36, today, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_check (store, &counts, &error));
  g_assert_cmpuint (counts.pupils, ==, 36);
  g_assert_cmpuint (counts.plans, >=, 36);
  g_assert_cmpuint (counts.reviews, >, 0);
  g_assert_cmpuint (counts.parent_meetings, >, 0);

  /* Every pupil has a valid UPN and exactly one active plan with 3 or 4 targets. */
  pupils = sp_store_list_pupils (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (pupils), ==, 36);
  for (guint i = 0; i < 36; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (pupils, i);
      g_assert_true (sp_upn_validate (sp_pupil_get_text (p, "upn"), NULL));
      g_assert_cmpstr (sp_pupil_get_text (p, "next-review"), !=, "");
    }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plans WHERE status = 'active'"), ==,
                   36);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM (SELECT plan_id, count(*) AS n"
                                     " FROM targets GROUP BY plan_id HAVING n < 3 OR n > 4)"),
                   ==, 0);
  /* All four broad areas and Reception to Year 6. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(DISTINCT t.area) FROM pupil_needs n"
                                     " JOIN need_types t ON t.code = n.need_code"),
                   ==, 4);
  g_assert_cmpint (raw_int (f->path, "SELECT count(DISTINCT year_group) FROM pupils"), ==, 7);

  /* The demo goes only into an empty database. */
  g_assert_false (sp_demo_fill (store, 5, today, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils"), ==, 36);
}

/* The pupil list, read at every start: names in order whatever their case, the first-ranked
 * need, and the earliest review of an active plan (not a draft's, not a reviewed plan's); and
 * the indexes that let it be read without sorting. */
static void
test_pupil_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GListModel) pupils = NULL;
  static const gchar *const expected[] = { "Davies", "de Souza", "Evans" };
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO pupils (id, forename, surname, year_group) VALUES"
    "  (1, 'Ana', 'Evans', '3'), (2, 'Ben', 'de Souza', '4'), (3, 'Cara', 'Davies', '5');"
    "INSERT INTO pupil_needs (pupil_id, need_code, rank) VALUES"
    "  (2, 'ASD', 2), (2, 'SLCN', 1);"
    "INSERT INTO plans (pupil_id, start_date, review_date, status) VALUES"
    "  (2, '2026-09-01', '2026-10-01', 'reviewed'),"
    "  (2, '2026-10-02', '2027-01-15', 'active'),"
    "  (2, '2026-11-20', '2026-12-01', 'draft');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  pupils = sp_store_list_pupils (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pupils), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (pupils, i);
      g_assert_cmpstr (sp_pupil_get_text (p, "surname"), ==, expected[i]);
      if (i == 1)
        {
          g_assert_cmpint (sp_pupil_get_id (p), ==, 2);
          g_assert_cmpstr (sp_pupil_get_text (p, "primary-need"), ==, "SLCN");
          g_assert_cmpstr (sp_pupil_get_text (p, "next-review"), ==, "2027-01-15");
        }
      else
        {
          g_assert_cmpstr (sp_pupil_get_text (p, "primary-need"), ==, "");
          g_assert_cmpstr (sp_pupil_get_text (p, "next-review"), ==, "");
          g_assert_cmpstr (sp_pupil_get_text (p, "class-name"), ==, "");
        }
    }

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                     " AND name IN ('pupils_by_name_nocase',"
                                     " 'pupil_needs_by_rank', 'plans_by_pupil_status')"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create", test_create);
  ADD ("/store/migrate-from-empty-file", test_migrate_from_empty_file);
  ADD ("/store/round-trip", test_round_trip);
  ADD ("/store/foreign-keys", test_foreign_keys);
  ADD ("/store/fifth-target-refused", test_fifth_target_refused);
  ADD ("/store/rollback", test_rollback);
  ADD ("/store/upn-rules", test_upn_rules);
  ADD ("/store/stale-write", test_stale_write);
  ADD ("/store/bad-files", test_bad_files);
  ADD ("/store/corrupt-file", test_corrupt_file);
  ADD ("/store/read-only-file", test_read_only_file);
  ADD ("/store/newer-version", test_newer_version);
  ADD ("/store/demo", test_demo);
  ADD ("/store/pupil-list", test_pupil_list);
#undef ADD
  g_test_add_func ("/store/network-fs", test_network_fs);

  return g_test_run ();
}
