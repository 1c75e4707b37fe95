/* Nothing acknowledged is lost: the store's save paths are killed with SIGKILL at random
 * moments, and starved of disk space, and each time the database must pass integrity_check and
 * hold every write that was acknowledged before. The writes come from sp-write-driver, a small
 * program using the real store and the editor's off-thread saver. */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-plan.h"
#include "sp-pupil.h"
#include "sp-store.h"
#include "sp-upn.h"

#define N_KILLS 100

typedef struct
{
  gchar *dir;
  gchar *path;
  gint64 plan_id;
  gint64 target_id;
} School;

static void
school_set_up (School *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree gchar *upn = sp_upn_make (999, 2001, 19, 7);
  g_autoptr(SpPupil) pupil = NULL;
  g_autoptr(SpPlan) plan = NULL;
  gint64 pupil_id;

  s->dir = g_dir_make_tmp ("sp-reliability-XXXXXX", NULL);
  g_assert_nonnull (s->dir);
  s->path = g_build_filename (s->dir, "school.db", NULL);
  store = sp_store_open (s->path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  pupil = g_object_new (SP_TYPE_PUPIL, "upn", upn, "forename", "Ada", "surname", "Kill",
                        "date-of-birth", "2018-10-01", "year-group", "3", "class-name", "3 Oak",
                        "sen-status", "K", NULL);
  pupil_id = sp_store_add_pupil (store, pupil, &error);
  g_assert_no_error (error);
  plan = g_object_new (SP_TYPE_PLAN, "start-date", "2026-09-07", "review-date", "2026-12-11",
                       "status", "active", NULL);
  s->plan_id = sp_store_add_plan (store, pupil_id, plan, 0, &error);
  g_assert_no_error (error);
  s->target_id = sp_store_add_target (store, s->plan_id, "cognition", "write 0", "", "",
                                      &error);
  g_assert_no_error (error);
}

static void
school_tear_down (School *s)
{
  g_autoptr(GDir) d = g_dir_open (s->dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (s->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (s->dir);
  g_free (s->dir);
  g_free (s->path);
}

/* "write 123 xxx…" → 123 */
static gint64
write_number (const gchar *text)
{
  if (!g_str_has_prefix (text, "write "))
    return -1;
  return g_ascii_strtoll (text + 6, NULL, 10);
}

/* What the file holds, read with a connection of the test's own after the writer died: the
 * integrity check's answer, the numbers of the notes, and the number in the target's text. */
static gchar *
read_back (School     *s,
           GHashTable *notes,
           gint64     *target_number)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gchar *integrity = NULL;

  g_assert_cmpint (sqlite3_open_v2 (s->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  integrity = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT text FROM annotations WHERE plan_id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, s->plan_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 n = write_number ((const gchar *) sqlite3_column_text (stmt, 0));
      g_hash_table_add (notes, GINT_TO_POINTER ((gint) n));
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT description FROM targets WHERE id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, s->target_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *target_number = write_number ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return integrity;
}

static gchar *
read_all (gint fd)
{
  GString *out = g_string_new (NULL);
  gchar buf[4096];
  gssize got;

  while ((got = read (fd, buf, sizeof buf)) != 0)
    {
      if (got < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (got, >, 0);
      g_string_append_len (out, buf, got);
    }
  return g_string_free (out, FALSE);
}

static gchar **
driver_argv (School      *s,
             gint64       start,
             const gchar *mode,
             const gchar *limit)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "reliability", "sp-write-driver",
                                                NULL));
  g_ptr_array_add (argv, g_strdup (s->path));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, s->plan_id));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, s->target_id));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, start));
  g_ptr_array_add (argv, g_strdup (mode));
  if (limit)
    g_ptr_array_add (argv, g_strdup (limit));
  g_ptr_array_add (argv, NULL);
  return (gchar **) g_ptr_array_free (argv, FALSE);
}

static void
test_kill (void)
{
  School s = { 0 };
  g_autoptr(GHashTable) acked_notes = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 acked_target = 0;
  guint runs_with_acks = 0, total_acks = 0;

  school_set_up (&s);

  for (guint run = 0; run < N_KILLS; run++)
    {
      g_auto(GStrv) argv = driver_argv (&s, 1 + (gint64) run * 100000, "kill", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) notes = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_autofree gchar *out = NULL;
      g_autofree gchar *integrity = NULL;
      g_auto(GStrv) lines = NULL;
      GHashTableIter iter;
      gpointer key;
      gint64 target_now = -1;
      guint acks = 0;
      GPid pid;
      gint out_fd, status;

      g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                               NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Anywhere from while it is still opening the file to well into its writing. */
      g_usleep ((gulong) g_test_rand_int_range (2000, 150000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      out = read_all (out_fd);
      close (out_fd);
      /* It was killed, not stopped by a failure of its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      /* Only whole lines were acknowledged. */
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          gint64 n = g_ascii_strtoll (lines[i] + 2, NULL, 10);

          if (lines[i][0] == 'A')
            g_hash_table_add (acked_notes, GINT_TO_POINTER ((gint) n));
          else if (lines[i][0] == 'T')
            acked_target = MAX (acked_target, n);
          else
            g_error ("unexpected line from the driver: %s", lines[i]);
          acks++;
        }
      total_acks += acks;
      runs_with_acks += acks > 0;

      integrity = read_back (&s, notes, &target_now);
      g_assert_cmpstr (integrity, ==, "ok");
      g_hash_table_iter_init (&iter, acked_notes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (notes, key))
          g_error ("run %u: note %d was acknowledged but is not in the database", run,
                   GPOINTER_TO_INT (key));
      /* The target holds the last acknowledged text or one written after it. */
      g_assert_cmpint (target_now, >=, acked_target);
    }

  g_test_message ("%u kills; %u acknowledged writes, all present; %u runs were killed after "
                  "writing", N_KILLS, total_acks, runs_with_acks);
  /* The kills must have landed while writing, not only while starting. */
  g_assert_cmpuint (runs_with_acks, >=, N_KILLS / 2);
  g_assert_cmpuint (total_acks, >=, N_KILLS);

  school_tear_down (&s);
}

static const gchar *
find_line (gchar      **lines,
           const gchar *prefix)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i];
  return NULL;
}

static void
test_disk_full (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) notes = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(SpStore) store = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *limit = NULL;
  g_autofree gchar *integrity = NULL;
  g_autofree gchar *full_prefix = NULL;
  const gchar *line;
  SpStoreCounts counts;
  gint64 target_now = -1;
  guint acked = 0;
  GStatBuf st;
  gint status;

  school_set_up (&s);
  g_assert_cmpint (g_stat (s.path, &st), ==, 0);
  /* Room for the file as it is and a few dozen notes in the write-ahead log. */
  limit = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) MAX (st.st_size, 32768) + 200 * 1024);
  argv = driver_argv (&s, 1, "full", limit);

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("driver said:\n%s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  lines = g_strsplit (out, "\n", -1);

  /* The teacher is told in plain words, for a note and for typing in the editor. */
  full_prefix = g_strdup_printf ("FULL %d ", SP_STORE_ERROR_DISK_FULL);
  line = find_line (lines, "FULL ");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, full_prefix));
  g_assert_nonnull (strstr (line, "the disk is full"));
  g_assert_nonnull (strstr (line, "Everything saved before is safe"));
  line = find_line (lines, "TYPING-FULL ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "the disk is full"));
  g_assert_nonnull (find_line (lines, "CHECK ok"));
  g_assert_nonnull (find_line (lines, "AFTER ok"));

  /* Afterwards the file is whole and holds every acknowledged note, and the text typed once
   * there was room again. */
  integrity = read_back (&s, notes, &target_now);
  g_assert_cmpstr (integrity, ==, "ok");
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'A' && lines[i][1] == ' ')
      {
        gint64 n = g_ascii_strtoll (lines[i] + 2, NULL, 10);
        g_assert_true (g_hash_table_contains (notes, GINT_TO_POINTER ((gint) n)));
        acked++;
      }
  g_assert_cmpuint (acked, >=, 5);
  {
    const gchar *last_t = NULL;
    for (guint i = 0; lines[i] != NULL; i++)
      if (lines[i][0] == 'T' && lines[i][1] == ' ')
        last_t = lines[i];
    g_assert_nonnull (last_t);
    g_assert_cmpint (target_now, ==, g_ascii_strtoll (last_t + 2, NULL, 10));
  }

  store = sp_store_open (s.path, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_check (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.annotations, ==, acked);
  g_clear_object (&store);

  school_tear_down (&s);
}

/* In the child, before exec: files may grow to 64 KiB, and a write past that fails with
 * EFBIG instead of killing the process. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit;

  signal (SIGXFSZ, SIG_IGN);
  getrlimit (RLIMIT_FSIZE, &limit);
  limit.rlim_cur = 64 * 1024;
  setrlimit (RLIMIT_FSIZE, &limit);
}

static gint
run_cli (const gchar * const *args,
         gboolean             limited,
         gchar              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const gchar *binary = g_getenv ("SUPPORT_PLANS_BINARY");
  gint status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               limited ? limit_file_size : NULL, NULL, NULL, err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gchar *
checksum_file (const gchar *path)
{
  g_autofree gchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A backup or a restore that runs out of room says so, leaves no half-written file, and does
 * not touch the database; with room again the same backup works. */
static void
test_backup_disk_full (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *before = NULL;
  g_autofree gchar *after = NULL;
  g_autoptr(GDir) dir = NULL;
  const gchar *name;
  GStatBuf st;

  school_set_up (&s);
  {
    g_autoptr(SpStore) store = sp_store_open (s.path, SP_STORE_OPEN_NO_CREATE, &error);
    g_autofree gchar *note = g_strnfill (2000, 'n');

    g_assert_no_error (error);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpint (sp_store_add_annotation (store, s.plan_id, 0, "2026-11-23", 0, note,
                                                &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_stat (s.path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 64 * 1024);
  out = g_build_filename (s.dir, "usb.db", NULL);
  before = checksum_file (s.path);

  {
    const gchar *args[] = { "--database", s.path, "backup", "--output", out, NULL };

    g_assert_cmpint (run_cli (args, TRUE, &err), ==, 1);
    g_test_message ("backup: %s", err);
    g_assert_nonnull (strstr (err, "disk is full"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
  }

  /* Restoring a good backup with no room: refused, the database as it was. */
  {
    g_autofree gchar *good = g_build_filename (s.dir, "good.db", NULL);
    const gchar *make[] = { "--database", s.path, "backup", "--output", good, NULL };
    const gchar *args[] = { "--database", s.path, "restore", good, NULL };

    g_assert_cmpint (run_cli (make, FALSE, &err), ==, 0);
    g_clear_pointer (&err, g_free);
    before = (g_free (before), checksum_file (s.path));
    g_assert_cmpint (run_cli (args, TRUE, &err), ==, 1);
    g_test_message ("restore: %s", err);
    g_assert_nonnull (strstr (err, "Nothing was restored"));
    g_assert_nonnull (strstr (err, "disk is too full"));
    g_assert_nonnull (strstr (err, "has not been changed"));
    g_clear_pointer (&err, g_free);
    after = checksum_file (s.path);
    g_assert_cmpstr (before, ==, after);
    g_remove (good);
  }

  /* No temporary file left behind, in the folder or the backups folder. */
  dir = g_dir_open (s.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
  {
    g_autofree gchar *backups = g_build_filename (s.dir, "backups", NULL);
    g_autoptr(GDir) bdir = g_dir_open (backups, 0, NULL);

    while (bdir && (name = g_dir_read_name (bdir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }

  /* Space again: the backup is made. */
  {
    const gchar *args[] = { "--database", s.path, "backup", "--output", out, NULL };

    g_assert_cmpint (run_cli (args, FALSE, &err), ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", s.dir);
    g_assert_cmpint (system (cmd), ==, 0);
    g_free (s.dir);
    g_free (s.path);
  }
}

/* Exports that run out of room say so in words, naming the file the user asked for (never a
 * temporary one), leave the file that was there as it was, and leave nothing else behind. */
static void
test_export_disk_full (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sp-reliability-XXXXXX", NULL);
  g_autofree gchar *db = g_build_filename (dir, "school.db", NULL);
  g_autofree gchar *csv = g_build_filename (dir, "register.csv", NULL);
  g_autofree gchar *pdf = g_build_filename (dir, "register.pdf", NULL);
  g_autofree gchar *xml = g_build_filename (dir, "records.xml", NULL);
  g_autofree gchar *err = NULL;
  const gchar *outputs[] = { csv, pdf, xml };
  const gchar *csv_args[] = { "--database", db, "register", "--format", "csv", "-o", csv,
                              NULL };
  const gchar *pdf_args[] = { "--database", db, "register", "--format", "pdf", "-o", pdf,
                              NULL };
  const gchar *xml_args[] = { "--database", db, "export-xml", "--all", "-o", xml, NULL };
  const gchar * const *runs[] = { csv_args, pdf_args, xml_args };

  {
    /* Big enough that each of the three files is over the 64 KiB limit. */
    const gchar *args[] = { "--database", db, "demo", "--pupils", "600", "--today",
                            "2026-11-23", NULL };
    g_assert_cmpint (run_cli (args, FALSE, &err), ==, 0);
    g_clear_pointer (&err, g_free);
  }

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree gchar *words = g_strdup_printf ("There is not enough space on the disk to "
                                                 "save “%s”. Free some space and try again.",
                                                 outputs[i]);
      g_autofree gchar *contents = NULL;

      g_assert_true (g_file_set_contents (outputs[i], "the copy from last week", -1, NULL));
      g_assert_cmpint (run_cli (runs[i], TRUE, &err), ==, 1);
      g_test_message ("%s: %s", runs[i][2], err);
      g_assert_nonnull (strstr (err, words));
      g_assert_null (strstr (err, "write()"));
      g_clear_pointer (&err, g_free);
      g_assert_true (g_file_get_contents (outputs[i], &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the copy from last week");

      /* With room, the same export works. */
      g_assert_cmpint (run_cli (runs[i], FALSE, &err), ==, 0);
      g_clear_pointer (&err, g_free);
    }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const gchar *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (!g_str_has_prefix (name, "school.db"))
        g_assert_true (g_str_equal (name, "register.csv") || g_str_equal (name, "register.pdf")
                       || g_str_equal (name, "records.xml"));
  }
  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

/* A demo school written into a new database on a full disk: refused, and the new file (with
 * its -wal and -shm) is not left behind. An existing database is never removed. */
static void
test_demo_disk_full (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sp-reliability-XXXXXX", NULL);
  g_autofree gchar *db = g_build_filename (dir, "new.db", NULL);
  g_autofree gchar *err = NULL;
  const gchar *args[] = { "--database", db, "demo", "--pupils", "600", NULL };

  g_assert_cmpint (run_cli (args, TRUE, &err), ==, 1);
  g_test_message ("demo: %s", err);
  g_assert_nonnull (strstr (err, "There is not enough space on the disk to make the demo "
                                 "school"));
  g_assert_nonnull (strstr (err, "no database was left there"));
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const gchar *name = g_dir_read_name (d);

    if (name != NULL)
      g_error ("“%s” was left behind", name);
  }

  /* Into a database that is there already (empty, made by the app): it stays. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (args, TRUE, &err), ==, 1);
  g_test_message ("demo into an existing database: %s", err);
  g_assert_nonnull (strstr (err, "disk is full"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
  }

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability/kill", test_kill);
  g_test_add_func ("/reliability/disk-full", test_disk_full);
  g_test_add_func ("/reliability/backup-disk-full", test_backup_disk_full);
  g_test_add_func ("/reliability/export-disk-full", test_export_disk_full);
  g_test_add_func ("/reliability/demo-disk-full", test_demo_disk_full);

  return g_test_run ();
}
