/* Backups and restore on real SQLite files: a backup is a checked copy, a restore brings it
 * back and keeps what it replaced, old daily backups are thinned out by fixed rules, and a bad
 * backup file is refused without touching the database. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "sp-dates.h"
#include "sp-plan.h"
#include "sp-pupil.h"
#include "sp-store-backup.h"
#include "sp-store.h"
#include "sp-upn.h"

typedef struct
{
  gchar *dir;
  gchar *path;
  gint64 plan_id;
} Fixture;

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

/* A small school of @n pupils, each with an active plan and a target, written through the
 * store's API. Returns the last plan's id. */
static gint64
fill_school (SpStore *store,
             guint    n)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = 0;

  g_assert_true (sp_store_set_school (store, "Backup Test Primary", "999", "2001", "Ms Senco",
                                      &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree gchar *upn = sp_upn_make (999, 2001, 19, i);
      g_autofree gchar *surname = g_strdup_printf ("Pupil%03u", i);
      g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                               "upn", upn,
                                               "forename", "Sam",
                                               "surname", surname,
                                               "date-of-birth", "2018-10-01",
                                               "year-group", "3",
                                               "class-name", "3 Oak",
                                               "sen-status", "K",
                                               NULL);
      g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN,
                                             "start-date", "2026-09-07",
                                             "review-date", "2026-12-11",
                                             "status", "active",
                                             NULL);
      gint64 pupil_id = sp_store_add_pupil (store, pupil, &error);

      g_assert_no_error (error);
      plan_id = sp_store_add_plan (store, pupil_id, plan, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sp_store_add_target (store, plan_id, "cognition", "Read 20 words",
                                            "Reads 5 words", "Reads 20 words in a week",
                                            &error), >, 0);
      g_assert_no_error (error);
    }
  return plan_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sp-backup-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "school.db", NULL);
  store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->plan_id = fill_school (store, 12);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
count_annotations (const gchar *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);
  SpStoreCounts counts;

  g_assert_no_error (error);
  g_assert_true (sp_store_count (store, &counts, &error));
  g_assert_no_error (error);
  return counts.annotations;
}

static gchar *
checksum_file (const gchar *path)
{
  g_autofree gchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_files (const gchar *dir,
             const gchar *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_backup_to (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(SpStore) copy = NULL;
  g_autofree gchar *out = g_build_filename (f->dir, "copy.db", NULL);
  SpStoreCounts a, b;
  GStatBuf st;

  g_assert_no_error (error);
  /* A change still in the write-ahead log is in the copy too. */
  g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0,
                                            "Read all 20 words today", &error), >, 0);
  g_assert_true (sp_store_backup_to (store, out, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* No temporary file left beside it. */
  g_assert_cmpuint (count_files (f->dir, ".copy.db."), ==, 0);
  g_assert_true (sp_store_backup_check (out, &error));
  g_assert_no_error (error);

  copy = sp_store_open (out, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_check (store, &a, &error));
  g_assert_true (sp_store_check (copy, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (b.pupils, ==, 12);
  g_assert_cmpuint (b.pupils, ==, a.pupils);
  g_assert_cmpuint (b.plans, ==, a.plans);
  g_assert_cmpuint (b.targets, ==, a.targets);
  g_assert_cmpuint (b.annotations, ==, 1);

  /* Into a folder that is not there: a sentence, no file. */
  {
    g_autofree gchar *bad = g_build_filename (f->dir, "no-such-folder", "copy.db", NULL);
    g_assert_false (sp_store_backup_to (store, bad, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *backup = g_build_filename (f->dir, "monday.db", NULL);
  g_autofree gchar *backups_dir = sp_store_backups_dir_for (f->path);
  g_autofree gchar *kept = NULL;
  GStatBuf st;

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    g_assert_true (sp_store_backup_to (store, backup, &error));
    g_assert_no_error (error);
    /* Written after the backup: gone after the restore, kept in the replaced copy. */
    g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0,
                                              "Written after the backup", &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_annotations (f->path), ==, 1);

  g_assert_true (sp_store_restore_from (f->path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 0);

  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, backups_dir));
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (backups_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (sp_store_backup_check (kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (kept), ==, 1);

  /* The restored database is whole and opens as usual. */
  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    SpStoreCounts counts;

    g_assert_no_error (error);
    g_assert_true (sp_store_check (store, &counts, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.pupils, ==, 12);
  }

  g_assert_cmpuint (count_files (backups_dir, "before-restore-"), ==, 1);
}

/* A window still open on the database sees the restored school at once. */
static void
test_restore_while_open (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *backup = g_build_filename (f->dir, "before.db", NULL);
  g_autofree gchar *kept = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  SpStoreCounts counts;

  g_assert_no_error (error);
  g_assert_true (sp_store_backup_to (store, backup, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0, "Later",
                                              &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (sp_store_restore_from (f->path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_check (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.annotations, ==, 0);
  g_assert_cmpuint (counts.pupils, ==, 12);
  g_assert_cmpuint (count_annotations (kept), ==, 5);

  /* And it goes on saving. */
  g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-24", 0, "After",
                                            &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sp_store_check (store, &counts, &error));
  g_assert_cmpuint (counts.annotations, ==, 1);
}

static void
copy_file (const gchar *from,
           const gchar *to)
{
  g_autofree gchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

static goffset
file_size (const gchar *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A backup copied while the school was open, with the last changes still in its write-ahead
 * log beside it (FILE-wal, not yet written into FILE): the restore brings those changes back
 * too, and leaves the two files as they were, with nothing new beside them. */
static void
test_restore_wal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *live = g_build_filename (f->dir, "other.db", NULL);
  g_autofree gchar *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree gchar *copies = g_build_filename (f->dir, "usb", NULL);
  g_autofree gchar *copy = g_build_filename (copies, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree gchar *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree gchar *before = NULL;
  g_autofree gchar *before_wal = NULL;
  g_autofree gchar *kept = NULL;

  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);
  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_autoptr(SpStore) other = NULL;

    g_assert_true (sp_store_backup_to (store, live, &error));
    g_assert_no_error (error);
    other = sp_store_open (live, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpint (sp_store_add_annotation (other, f->plan_id, 0, "2026-11-23", 0,
                                                "In the log only", &error), >, 0);
    g_assert_no_error (error);

    /* Copied by hand while it is open: the five notes are in the -wal only. */
    copy_file (live, copy);
    copy_file (live_wal, copy_wal);
  }
  g_assert_cmpint (file_size (copy_wal), >, 0);
  before = checksum_file (copy);
  before_wal = checksum_file (copy_wal);

  g_assert_true (sp_store_backup_check (copy, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_restore_from (f->path, copy, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 5);

  {
    g_autofree gchar *after = checksum_file (copy);
    g_autofree gchar *after_wal = checksum_file (copy_wal);

    g_assert_cmpstr (before, ==, after);
    g_assert_cmpstr (before_wal, ==, after_wal);
    g_assert_false (g_file_test (copy_shm, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (copies, ""), ==, 2);
  }

  /* A -wal of junk beside a good backup is no log at all: the backup is restored as it is. */
  g_assert_true (g_file_set_contents (copy_wal, "not a write-ahead log, just some text", -1,
                                      NULL));
  g_assert_true (sp_store_restore_from (f->path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 0);
}

static gchar *
daily_path (const gchar *dir,
            const gchar *iso)
{
  g_autofree gchar *file = g_strdup_printf ("support-plans-%s.db", iso);
  return g_build_filename (dir, file, NULL);
}

/* Every day from @from to @to (ISO dates, inclusive) the clock says that day: the day's
 * backup is made and the folder thinned with it as today. Whatever the clock says, the
 * backup just made is never the one removed. */
static void
run_days (const gchar *dir,
          const gchar *from,
          const gchar *to)
{
  g_autoptr(GDate) day = sp_date_parse_iso (from);
  g_autoptr(GDate) last = sp_date_parse_iso (to);

  for (; g_date_compare (day, last) <= 0; g_date_add_days (day, 1))
    {
      g_autoptr(GError) error = NULL;
      g_autofree gchar *iso = sp_date_to_iso (day);
      g_autofree gchar *path = daily_path (dir, iso);

      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
      g_assert_true (sp_store_backup_prune (dir, day, &error));
      g_assert_no_error (error);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("the backup of %s was removed as soon as it was made", iso);
    }
}

/* Adds to @isos the first day of @n months from @first (YYYY-MM-01). */
static void
expect_months (GPtrArray   *isos,
               const gchar *first,
               guint        n)
{
  for (guint m = 0; m < n; m++)
    {
      g_autoptr(GDate) date = sp_date_parse_iso (first);
      g_date_add_months (date, m);
      g_ptr_array_add (isos, sp_date_to_iso (date));
    }
}

/* Adds to @isos every day from @from to @to. */
static void
expect_days (GPtrArray   *isos,
             const gchar *from,
             const gchar *to)
{
  g_autoptr(GDate) day = sp_date_parse_iso (from);
  g_autoptr(GDate) last = sp_date_parse_iso (to);

  for (; g_date_compare (day, last) <= 0; g_date_add_days (day, 1))
    g_ptr_array_add (isos, sp_date_to_iso (day));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* The dates of the daily backups in @dir, oldest first, one string ("2026-11-23 2026-11-24"). */
static gchar *
dailies_in (const gchar *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) isos = g_ptr_array_new_with_free_func (g_free);
  const gchar *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "support-plans-") && strlen (name) == strlen ("support-plans-")
        + 10 + 3)
      g_ptr_array_add (isos, g_strndup (name + strlen ("support-plans-"), 10));
  g_ptr_array_sort (isos, compare_strings);
  g_ptr_array_add (isos, NULL);
  return g_strjoinv (" ", (gchar **) isos->pdata);
}

static void
assert_dailies (const gchar *dir,
                GPtrArray   *expected)
{
  g_autofree gchar *found = dailies_in (dir);
  g_autofree gchar *wanted = NULL;

  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_add (expected, NULL);
  wanted = g_strjoinv (" ", (gchar **) expected->pdata);
  g_ptr_array_remove_index (expected, expected->len - 1);
  g_assert_cmpstr (found, ==, wanted);
}

/* Fifteen months of daily starts, across a new year, with fixed dates: after each day's
 * backup the folder is thinned. What is left is the last 14 days and the first backup of
 * each of the last 12 months. */
static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autofree gchar *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree gchar *other = g_build_filename (dir, "my-own-copy.db", NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *stale = g_build_filename (dir, ".support-plans-2026-01-01.db.AB12CD", NULL);
  g_autofree gchar *fresh = g_build_filename (dir, ".support-plans-2026-11-23.db.EF34GH", NULL);
  struct utimbuf two_hours_ago;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (other, "not ours to remove", -1, NULL));
  /* Temporary files of backups cut short: an old one is removed, one being written is not. */
  g_assert_true (g_file_set_contents (stale, "half a copy", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half a copy", -1, NULL));
  two_hours_ago.actime = two_hours_ago.modtime = g_get_real_time () / G_USEC_PER_SEC - 7200;
  g_assert_cmpint (g_utime (stale, &two_hours_ago), ==, 0);

  run_days (dir, "2025-09-01", "2026-11-23");

  /* 2025-12-01 to 2026-11-01: one a month; 2026-11-10 to 2026-11-23: every day. */
  expect_months (expected, "2025-12-01", 12);
  expect_days (expected, "2026-11-10", "2026-11-23");
  assert_dailies (dir, expected);
  g_assert_cmpuint (count_files (dir, ""), ==, 12 + 14 + 2);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
}

/* One start with the clock years ahead (2030-06-01) removes nothing: not the monthly
 * backups, not the daily ones. When the clock is put right, the file dated 2030 is kept (it
 * holds that day's work) and does not count among the 14 daily backups. */
static void
test_retention_clock_far_ahead (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree gchar *before = NULL;
  g_autofree gchar *future = daily_path (dir, "2030-06-01");
  g_autoptr(GDate) wrong = g_date_new_dmy (1, G_DATE_JUNE, 2030);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run_days (dir, "2025-10-01", "2026-11-23");
  before = dailies_in (dir);

  g_assert_true (g_file_set_contents (future, "x", 1, NULL));
  g_assert_true (sp_store_backup_prune (dir, wrong, &error));
  g_assert_no_error (error);
  {
    g_autofree gchar *after = dailies_in (dir);
    g_autofree gchar *wanted = g_strconcat (before, " 2030-06-01", NULL);
    g_assert_cmpstr (after, ==, wanted);
  }

  run_days (dir, "2026-11-24", "2026-12-31");
  expect_months (expected, "2026-01-01", 12);
  expect_days (expected, "2026-12-18", "2026-12-31");
  g_ptr_array_add (expected, g_strdup ("2030-06-01"));
  assert_dailies (dir, expected);
}

/* The clock a year ahead for 20 days, then put right. While it is wrong, its days thin each
 * other like real ones (14 daily and the first of the month are left). Once it is right, the
 * backups dated a year ahead are all kept and do not push out the real ones: each real day's
 * backup survives, and six weeks later the folder holds what it would have held with a right
 * clock, plus them. */
static void
test_retention_clock_year_ahead (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree gchar *dir = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run_days (dir, "2025-10-01", "2026-10-31");
  run_days (dir, "2027-11-01", "2027-11-20");
  run_days (dir, "2026-11-21", "2026-12-31");

  expect_months (expected, "2026-01-01", 10);
  g_ptr_array_add (expected, g_strdup ("2026-11-21"));
  g_ptr_array_add (expected, g_strdup ("2026-12-01"));
  expect_days (expected, "2026-12-18", "2026-12-31");
  g_ptr_array_add (expected, g_strdup ("2027-11-01"));
  expect_days (expected, "2027-11-07", "2027-11-20");
  assert_dailies (dir, expected);
}

/* The first start of a day makes a checked backup in a private folder; the second does not
 * make another. */
static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *dir = sp_store_backups_dir_for (f->path);
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(GDate) today = g_date_new_dmy (23, G_DATE_NOVEMBER, 2026);
  g_autofree gchar *file = g_build_filename (dir, "support-plans-2026-11-23.db", NULL);
  g_autofree gchar *before = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (sp_store_backup_daily (store, dir, today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (sp_store_backup_check (file, &error));
  g_assert_no_error (error);

  before = checksum_file (file);
  g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0, "Later",
                                            &error), >, 0);
  g_assert_true (sp_store_backup_daily (store, dir, today, &error));
  g_assert_no_error (error);
  {
    g_autofree gchar *after = checksum_file (file);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_cmpuint (count_files (dir, "support-plans-"), ==, 1);

  g_date_add_days (today, 1);
  g_assert_true (sp_store_backup_daily (store, dir, today, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir, "support-plans-"), ==, 2);
  g_assert_cmpuint (count_annotations (file), ==, 0);
}

/* Only regular files are backups. A folder, or a link, named like a daily backup is not
 * counted, not removed, and does not make the day's backup look failed. */
static void
test_daily_not_regular (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree gchar *dir = sp_store_backups_dir_for (f->path);
  g_autofree gchar *folder = daily_path (dir, "2026-10-09");
  g_autofree gchar *inside = g_build_filename (folder, "notes.txt", NULL);
  g_autofree gchar *link = daily_path (dir, "2026-10-10");
  g_autofree gchar *dangling = daily_path (dir, "2026-10-11");
  g_autofree gchar *precious = g_build_filename (f->dir, "precious.db", NULL);
  g_autofree gchar *october = daily_path (dir, "2026-10-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(GDate) day = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "a teacher's notes", -1, NULL));
  g_assert_true (g_file_set_contents (precious, "not a backup", -1, NULL));
  g_assert_cmpint (symlink (precious, link), ==, 0);
  g_assert_cmpint (symlink ("/nowhere/at/all.db", dangling), ==, 0);
  /* October's monthly backup, so that the three are not the first of their month. */
  g_assert_true (g_file_set_contents (october, "x", 1, NULL));

  for (guint i = 0; i < 30; i++, g_date_add_days (day, 1))
    {
      g_autofree gchar *iso = sp_date_to_iso (day);
      g_autofree gchar *made = daily_path (dir, iso);

      g_assert_true (sp_store_backup_daily (store, dir, day, &error));
      g_assert_no_error (error);
      g_assert_true (sp_store_backup_check (made, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));
  /* 14 daily backups and the first of October and of November, besides the three that are
   * not backups. */
  g_assert_cmpuint (count_files (dir, "support-plans-"), ==, 14 + 2 + 3);

  /* A folder with today's name: the day's backup cannot be made, and says why. */
  {
    g_autofree gchar *blocking = daily_path (dir, "2026-12-01");

    g_assert_cmpint (g_mkdir (blocking, 0700), ==, 0);
    g_assert_false (sp_store_backup_daily (store, dir, day, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "not a backup"));
    g_assert_true (g_file_test (blocking, G_FILE_TEST_IS_DIR));
  }
}

static gboolean saw_prune_warning;

/* Logging is structured, so g_test_expect_message cannot see a warning: this writer, set in
 * a child process, notes the expected one and passes anything else on. */
static GLogWriterOutput
note_prune_warning (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && (log_level & G_LOG_LEVEL_WARNING)
        && strstr (fields[i].value, "old backups") != NULL)
      {
        saw_prune_warning = TRUE;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Tests that need another user run part of themselves in a subprocess of the test program
 * (g_test_trap_subprocess: a program of its own, so valgrind and the sanitizers see it end
 * normally), which is told the fixture's folder through this variable. As root, who may do
 * anything, that part runs as "nobody". */
#define SUBPROCESS_DIR "SP_TEST_BACKUP_DIR"

static void
become_nobody_if_root (void)
{
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
}

static void
run_in_subprocess (Fixture *f)
{
  g_setenv (SUBPROCESS_DIR, f->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv (SUBPROCESS_DIR);
  g_test_trap_assert_passed ();
}

/* Old backups that cannot be removed (here: another user's files in a shared folder, or a
 * folder that cannot be listed) do not make the day's backup look failed: it was made and
 * checked. The trouble is logged as a warning instead. */
static void
test_daily_prune_fails (void)
{
  Fixture f = { 0 };
  g_autofree gchar *dir = NULL;
  g_autofree gchar *made = NULL;
  g_autoptr(GDate) old = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);

  if (g_test_subprocess ())
    {
      g_autofree gchar *path = g_build_filename (g_getenv (SUBPROCESS_DIR), "school.db", NULL);
      g_autofree gchar *backups = sp_store_backups_dir_for (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) store = NULL;
      g_autoptr(GDate) today = g_date_new_dmy (23, G_DATE_NOVEMBER, 2026);

      become_nobody_if_root ();
      store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);
      g_assert_no_error (error);
      g_log_set_writer_func (note_prune_warning, NULL, NULL);
      g_assert_true (sp_store_backup_daily (store, backups, today, &error));
      g_assert_no_error (error);
      g_assert_true (saw_prune_warning);
      return;
    }

  fixture_set_up (&f, NULL);
  dir = sp_store_backups_dir_for (f.path);
  made = daily_path (dir, "2026-11-23");
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < 22; i++, g_date_add_days (old, 1))
    {
      g_autofree gchar *iso = sp_date_to_iso (old);
      g_autofree gchar *path = daily_path (dir, iso);
      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }
  if (geteuid () == 0)
    {
      /* A shared folder with the sticky bit: files of others cannot be removed. The backup
       * is made by "nobody", who owns the database. */
      g_autofree gchar *wal = g_strconcat (f.path, "-wal", NULL);
      g_autofree gchar *shm = g_strconcat (f.path, "-shm", NULL);

      g_assert_cmpint (g_chmod (f.dir, 0777), ==, 0);
      g_assert_cmpint (g_chmod (dir, 01777), ==, 0);
      g_assert_cmpint (chown (f.path, 65534, 65534), ==, 0);
      if (g_file_test (wal, G_FILE_TEST_EXISTS))
        g_assert_cmpint (chown (wal, 65534, 65534), ==, 0);
      if (g_file_test (shm, G_FILE_TEST_EXISTS))
        g_assert_cmpint (chown (shm, 65534, 65534), ==, 0);
    }
  else
    /* A folder that can be written to but not listed. */
    g_assert_cmpint (g_chmod (dir, 0300), ==, 0);

  run_in_subprocess (&f);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_true (sp_store_backup_check (made, NULL));
  g_assert_cmpuint (count_files (dir, "support-plans-"), ==, 23);
  fixture_tear_down (&f, NULL);
}

/* Runs one statement on a file with a connection of the test's own. */
static void
raw_exec (const gchar *path,
          const gchar *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_refused (Fixture     *f,
                const gchar *bad,
                gint         code,
                const gchar *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *backups_dir = sp_store_backups_dir_for (f->path);
  g_autofree gchar *before = checksum_file (f->path);
  g_autofree gchar *after = NULL;
  g_autofree gchar *kept = NULL;

  g_assert_false (sp_store_restore_from (f->path, bad, &kept, &error));
  g_assert_error (error, SP_STORE_ERROR, code);
  g_test_message ("%s: %s", bad, error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_nonnull (strstr (error->message, "has not been changed"));
  g_assert_null (kept);
  after = checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (backups_dir, "before-restore-"), ==, 0);
}

static void
test_bad_backups (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *good = g_build_filename (f->dir, "good.db", NULL);
  g_autofree gchar *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree gchar *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree gchar *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree gchar *truncated = g_build_filename (f->dir, "truncated.db", NULL);
  g_autofree gchar *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree gchar *contents = NULL;
  g_autofree gchar *sql = NULL;
  gsize length;

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    g_assert_true (sp_store_backup_to (store, good, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);

  g_assert_true (g_file_set_contents (text, "Dear parents, the school trip is on Friday.\n", -1,
                                      NULL));
  assert_refused (f, text, SP_STORE_ERROR_NOT_DATABASE, "not a Support Plans backup");

  raw_exec (foreign, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('Abba');");
  assert_refused (f, foreign, SP_STORE_ERROR_FOREIGN, "another program");

  g_assert_true (g_file_set_contents (newer, contents, (gssize) length, NULL));
  sql = g_strdup_printf ("PRAGMA user_version = %d", SP_STORE_SCHEMA_VERSION + 1);
  raw_exec (newer, sql);
  assert_refused (f, newer, SP_STORE_ERROR_TOO_NEW, "newer version");

  g_assert_true (g_file_set_contents (truncated, contents, (gssize) (length / 2), NULL));
  assert_refused (f, truncated, SP_STORE_ERROR_CORRUPT, "incomplete");

  /* Cut short inside its first hundred bytes: the header is there, the rest is not. */
  g_assert_true (g_file_set_contents (truncated, contents, 50, NULL));
  assert_refused (f, truncated, SP_STORE_ERROR_CORRUPT, "incomplete");
  g_assert_true (g_file_set_contents (truncated, "SQLite format 3", -1, NULL));
  assert_refused (f, truncated, SP_STORE_ERROR_CORRUPT, "incomplete");
  g_assert_true (g_file_set_contents (truncated, "", 0, NULL));
  assert_refused (f, truncated, SP_STORE_ERROR_NOT_DATABASE, "is empty");

  /* A folder, even one named like a backup. */
  {
    g_autofree gchar *folder = g_build_filename (f->dir, "folder.db", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    assert_refused (f, folder, SP_STORE_ERROR_INVALID, "is a folder, not a backup file");
  }

  /* Whole length, but a page in the middle overwritten. */
  memset (contents + 2 * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (damaged, contents, (gssize) length, NULL));
  assert_refused (f, damaged, SP_STORE_ERROR_CORRUPT, "damaged");

  {
    g_autofree gchar *missing = g_build_filename (f->dir, "no-such.db", NULL);
    g_autofree gchar *before = checksum_file (f->path);
    g_autofree gchar *after = NULL;

    assert_refused (f, missing, SP_STORE_ERROR_NOT_FOUND, "There is no backup file");
    g_assert_false (sp_store_restore_from (f->path, f->path, NULL, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
    g_clear_error (&error);
    after = checksum_file (f->path);
    g_assert_cmpstr (before, ==, after);
  }

  /* The good one is still accepted. */
  g_assert_true (sp_store_restore_from (f->path, good, NULL, &error));
  g_assert_no_error (error);
}

/* A backup and its write-ahead log copied while the school is open: @copy and @copy_wal hold
 * five notes in the log only. The live copy (other.db in the fixture's folder) stays open in
 * *@other for the caller to go on with. */
static void
copy_open_pair (Fixture      *f,
                const gchar  *copy,
                const gchar  *copy_wal,
                SpStore     **other)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *live = g_build_filename (f->dir, "other.db", NULL);
  g_autofree gchar *live_wal = g_strconcat (live, "-wal", NULL);

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);

    g_assert_true (sp_store_backup_to (store, live, &error));
    g_assert_no_error (error);
  }
  *other = sp_store_open (live, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (sp_store_add_annotation (*other, f->plan_id, 0, "2026-11-23", 0,
                                              "Monday, in the log only", &error), >, 0);
  g_assert_no_error (error);
  copy_file (live, copy);
  copy_file (live_wal, copy_wal);
  g_assert_cmpint (file_size (copy_wal), >, 0);
}

/* Sets @path's modification time to an hour before @than's. */
static void
make_older (const gchar *path,
            const gchar *than)
{
  GStatBuf st;
  struct utimbuf times;

  g_assert_cmpint (g_stat (than, &st), ==, 0);
  times.actime = st.st_mtime - 3600;
  times.modtime = st.st_mtime - 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* On Monday a backup and its -wal were copied while the school was open; later only the file
 * was copied again, newer, over the first, and Monday's -wal was left beside it. Read
 * together, Monday's log would put its old pages over the newer file (the reviewer's
 * roll-back). The restore is refused in words, and neither the database nor the two files are
 * touched; with the -wal moved away, the newer file restores on its own. */
static void
test_restore_wal_stale (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *live = g_build_filename (f->dir, "other.db", NULL);
  g_autofree gchar *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree gchar *copies = g_build_filename (f->dir, "usb", NULL);
  g_autofree gchar *copy = g_build_filename (copies, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree gchar *moved = g_build_filename (f->dir, "moved-away.db-wal", NULL);
  g_autofree gchar *before = NULL;
  g_autofree gchar *before_wal = NULL;

  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);
  {
    g_autoptr(SpStore) other = NULL;

    copy_open_pair (f, copy, copy_wal, &other);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (sp_store_add_annotation (other, f->plan_id, 0, "2026-11-30", 0,
                                                "Later", &error), >, 0);
    g_assert_true (sp_store_set_school (other, "Later Primary", "999", "2001", "Ms Senco",
                                        &error));
    g_assert_no_error (error);
  }
  /* Closed: everything is in the file and its log is gone. */
  g_assert_false (g_file_test (live_wal, G_FILE_TEST_EXISTS));
  copy_file (live, copy);
  make_older (copy_wal, copy);
  before = checksum_file (copy);
  before_wal = checksum_file (copy_wal);

  g_assert_false (sp_store_backup_check (copy, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_refused (f, copy, SP_STORE_ERROR_INVALID, "nothing was restored");
  {
    g_autofree gchar *after = checksum_file (copy);
    g_autofree gchar *after_wal = checksum_file (copy_wal);

    g_assert_cmpstr (before, ==, after);
    g_assert_cmpstr (before_wal, ==, after_wal);
    g_assert_cmpuint (count_files (copies, ""), ==, 2);
  }
  g_assert_false (sp_store_restore_from (f->path, copy, NULL, &error));
  g_assert_nonnull (strstr (error->message, copy_wal));
  g_assert_nonnull (strstr (error->message, "older than the backup"));
  g_clear_error (&error);

  /* As the message says: with Monday's -wal moved away, the newer file is restored alone. */
  g_assert_cmpint (g_rename (copy_wal, moved), ==, 0);
  g_assert_true (sp_store_restore_from (f->path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 8);
  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_autofree gchar *name = sp_store_get_school_name (store);

    g_assert_no_error (error);
    g_assert_cmpstr (name, ==, "Later Primary");
  }
}

/* A pair copied while the school was open just after SQLite had written its log into the file
 * (a checkpoint): the -wal may then be older than the file, but it holds nothing the file does
 * not, so the backup is not refused and is restored whole. */
static void
test_restore_wal_checkpointed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *live = g_build_filename (f->dir, "other.db", NULL);
  g_autofree gchar *copies = g_build_filename (f->dir, "usb", NULL);
  g_autofree gchar *copy = g_build_filename (copies, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);

  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);
  {
    g_autoptr(SpStore) other = NULL;

    copy_open_pair (f, copy, copy_wal, &other);
    raw_exec (live, "PRAGMA wal_checkpoint(PASSIVE)");
    copy_file (live, copy);
  }
  make_older (copy_wal, copy);
  g_assert_true (sp_store_restore_from (f->path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 5);
}

/* A backup chosen through a symbolic link is refused in words that say it is a link and name
 * the file it points to, so the teacher can choose that file itself. */
static void
test_restore_link (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *good = g_build_filename (f->dir, "good.db", NULL);
  g_autofree gchar *link = g_build_filename (f->dir, "latest.db", NULL);
  g_autofree gchar *dangling = g_build_filename (f->dir, "dangling.db", NULL);

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_true (sp_store_backup_to (store, good, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (symlink ("good.db", link), ==, 0);
  g_assert_cmpint (symlink ("no-such.db", dangling), ==, 0);

  assert_refused (f, link, SP_STORE_ERROR_INVALID, "is a link");
  g_assert_false (sp_store_backup_check (link, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, good));
  g_assert_null (strstr (error->message, "not a Support Plans backup"));
  g_clear_error (&error);

  assert_refused (f, dangling, SP_STORE_ERROR_INVALID, "is a link");

  /* The file itself is still accepted. */
  g_assert_true (sp_store_restore_from (f->path, good, NULL, &error));
  g_assert_no_error (error);
}

/* A -wal beside the backup that is a symbolic link is not read (a link is never followed), so
 * the changes in it would be left out without a word: the restore is refused instead, in the
 * words used for a backup that is a link, and the database is not changed. */
static void
test_restore_wal_link (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *live = g_build_filename (f->dir, "other.db", NULL);
  g_autofree gchar *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree gchar *copies = g_build_filename (f->dir, "usb", NULL);
  g_autofree gchar *copy = g_build_filename (copies, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree gchar *real_wal = g_build_filename (f->dir, "the-log", NULL);

  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);
  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_autoptr(SpStore) other = NULL;

    g_assert_true (sp_store_backup_to (store, live, &error));
    g_assert_no_error (error);
    other = sp_store_open (live, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpint (sp_store_add_annotation (other, f->plan_id, 0, "2026-11-23", 0,
                                                "In the log only", &error), >, 0);
    g_assert_no_error (error);
    copy_file (live, copy);
    copy_file (live_wal, real_wal);
  }
  g_assert_cmpint (symlink (real_wal, copy_wal), ==, 0);

  assert_refused (f, copy, SP_STORE_ERROR_INVALID, "is a link");
  g_assert_cmpuint (count_annotations (f->path), ==, 0);
  g_assert_false (sp_store_backup_check (copy, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, copy_wal));
  g_assert_nonnull (strstr (error->message, real_wal));
  g_assert_nonnull (strstr (error->message, "nothing was restored"));
  g_clear_error (&error);

  /* A link to nothing is refused too. */
  g_assert_cmpint (g_remove (copy_wal), ==, 0);
  g_assert_cmpint (symlink ("no-such-log", copy_wal), ==, 0);
  assert_refused (f, copy, SP_STORE_ERROR_INVALID, "is a link to a file that cannot be found");

  /* The log itself beside the backup: restored with its changes. */
  g_assert_cmpint (g_remove (copy_wal), ==, 0);
  copy_file (real_wal, copy_wal);
  g_assert_true (sp_store_restore_from (f->path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f->path), ==, 5);
}

/* A backup the user may not read is refused in words, with the database untouched. */
static void
test_unreadable_backup (void)
{
  Fixture f = { 0 };
  g_autofree gchar *locked = NULL;
  g_autofree gchar *before = NULL;
  g_autofree gchar *after = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      const gchar *dir = g_getenv (SUBPROCESS_DIR);
      g_autofree gchar *path = g_build_filename (dir, "school.db", NULL);
      g_autofree gchar *backup = g_build_filename (dir, "locked.db", NULL);

      become_nobody_if_root ();
      g_assert_false (sp_store_restore_from (path, backup, NULL, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "cannot be read"));
      g_assert_nonnull (strstr (error->message, "permission"));
      g_assert_nonnull (strstr (error->message, "has not been changed"));
      g_assert_null (strstr (error->message, "Permission denied"));
      return;
    }

  fixture_set_up (&f, NULL);
  locked = g_build_filename (f.dir, "locked.db", NULL);
  {
    g_autoptr(SpStore) store = sp_store_open (f.path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_true (sp_store_backup_to (store, locked, &error));
    g_assert_no_error (error);
  }
  before = checksum_file (f.path);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  g_assert_cmpint (g_chmod (f.dir, 0711), ==, 0);

  run_in_subprocess (&f);

  g_assert_cmpint (g_chmod (f.dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (locked, 0600), ==, 0);
  after = checksum_file (f.path);
  g_assert_cmpstr (before, ==, after);
  fixture_tear_down (&f, NULL);
}

/* The same through the command line: backup --output FILE, restore FILE. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const gchar *binary = g_getenv ("SUPPORT_PLANS_BINARY");
  g_autofree gchar *out = g_build_filename (f->dir, "cli-copy.db", NULL);
  g_autofree gchar *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  gchar *std_out = NULL, *std_err = NULL;
  gint status;

  if (binary == NULL)
    {
      g_test_skip ("SUPPORT_PLANS_BINARY is not set");
      return;
    }

  {
    const gchar *argv[] = { binary, "--database", f->path, "backup", "--output", out, NULL };
    g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &std_out, &std_err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (std_out, "checked"));
    g_clear_pointer (&std_out, g_free);
    g_clear_pointer (&std_err, g_free);
  }
  g_assert_true (sp_store_backup_check (out, &error));
  g_assert_no_error (error);

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0, "Later",
                                              &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_true (g_file_set_contents (junk, "SQLite format 3", -1, NULL));
  {
    const gchar *argv[] = { binary, "--database", f->path, "restore", junk, NULL };
    g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &std_out, &std_err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (std_err, "has not been changed"));
    g_clear_pointer (&std_out, g_free);
    g_clear_pointer (&std_err, g_free);
  }
  g_assert_cmpuint (count_annotations (f->path), ==, 1);

  {
    const gchar *argv[] = { binary, "--database", f->path, "restore", out, NULL };
    g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &std_out, &std_err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (std_out, "kept in"));
    g_clear_pointer (&std_out, g_free);
    g_clear_pointer (&std_err, g_free);
  }
  g_assert_cmpuint (count_annotations (f->path), ==, 0);
}

/* Runs the binary in @cwd with @args; returns the exit status. */
static gint
run_binary_in (const gchar  *cwd,
               gchar       **out,
               gchar       **err,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const gchar *arg;
  va_list ap;
  gint status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SUPPORT_PLANS_BINARY"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const gchar *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (cwd, (gchar **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Paths relative to the folder the command runs in, as a teacher types them: backup
 * --output, restore and the check of a backup all accept them. */
static void
test_cli_relative (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree gchar *copy = g_build_filename (f->dir, "copies", "monday.db", NULL);
  g_autofree gchar *copies = g_path_get_dirname (copy);
  g_autofree gchar *here = g_get_current_dir ();
  g_autofree gchar *backed_up = NULL;
  g_autoptr(GError) error = NULL;
  gchar *out = NULL, *err = NULL;

  if (g_getenv ("SUPPORT_PLANS_BINARY") == NULL)
    {
      g_test_skip ("SUPPORT_PLANS_BINARY is not set");
      return;
    }
  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);

  g_assert_cmpint (run_binary_in (f->dir, &out, &err, "--database", "school.db", "backup",
                                  "--output", "copies/monday.db", NULL), ==, 0);
  g_test_message ("%s%s", out, err);
  backed_up = g_steal_pointer (&out);
  g_clear_pointer (&err, g_free);
  g_assert_true (sp_store_backup_check (copy, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_chdir (copies), ==, 0);
  g_assert_true (sp_store_backup_check ("monday.db", &error));
  g_assert_cmpint (g_chdir (here), ==, 0);
  g_assert_no_error (error);

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_cmpint (sp_store_add_annotation (store, f->plan_id, 0, "2026-11-23", 0, "Later",
                                              &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_binary_in (copies, &out, &err, "--database", "../school.db", "restore",
                                  "monday.db", NULL), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "kept in"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_annotations (f->path), ==, 0);

  /* Messages name the whole path of a file given as a relative one. */
  g_assert_nonnull (strstr (backed_up, copy));
}

/* A restore through the command line that read a -wal beside the backup says so, naming it. */
static void
test_cli_wal (Fixture       *f,
              gconstpointer  data)
{
  g_autofree gchar *copies = g_build_filename (f->dir, "usb", NULL);
  g_autofree gchar *copy = g_build_filename (copies, "copy.db", NULL);
  g_autofree gchar *copy_wal = g_strconcat (copy, "-wal", NULL);
  gchar *out = NULL, *err = NULL;

  if (g_getenv ("SUPPORT_PLANS_BINARY") == NULL)
    {
      g_test_skip ("SUPPORT_PLANS_BINARY is not set");
      return;
    }
  g_assert_cmpint (g_mkdir (copies, 0700), ==, 0);
  {
    g_autoptr(SpStore) other = NULL;

    copy_open_pair (f, copy, copy_wal, &other);
  }
  g_assert_cmpint (run_binary_in (f->dir, &out, &err, "--database", f->path, "restore", copy,
                                  NULL), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Restored"));
  g_assert_nonnull (strstr (out, copy_wal));
  g_assert_nonnull (strstr (out, "changes"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_annotations (f->path), ==, 5);

  /* A backup with no -wal beside it says nothing of one. */
  g_assert_cmpint (g_remove (copy_wal), ==, 0);
  g_assert_cmpint (run_binary_in (f->dir, &out, &err, "--database", f->path, "restore", copy,
                                  NULL), ==, 0);
  g_assert_null (strstr (out, "-wal"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_annotations (f->path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/to-file", test_backup_to);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-while-open", test_restore_while_open);
  ADD ("/backup/restore-wal", test_restore_wal);
  ADD ("/backup/restore-wal/stale", test_restore_wal_stale);
  ADD ("/backup/restore-wal/checkpointed", test_restore_wal_checkpointed);
  ADD ("/backup/restore-link", test_restore_link);
  ADD ("/backup/restore-wal/link", test_restore_wal_link);
  ADD ("/backup/retention", test_retention);
  ADD ("/backup/retention/clock-far-ahead", test_retention_clock_far_ahead);
  ADD ("/backup/retention/clock-year-ahead", test_retention_clock_year_ahead);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/daily/not-regular", test_daily_not_regular);
  ADD ("/backup/bad-backups", test_bad_backups);
  ADD ("/backup/cli", test_cli);
  ADD ("/backup/cli-relative", test_cli_relative);
  ADD ("/backup/cli-wal", test_cli_wal);
#undef ADD
  g_test_add_func ("/backup/unreadable", test_unreadable_backup);
  g_test_add_func ("/backup/daily/prune-fails", test_daily_prune_fails);

  return g_test_run ();
}
