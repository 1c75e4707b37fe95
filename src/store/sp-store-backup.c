/* sp-store-backup.c: backups and restore with SQLite's online backup API.
 *
 * A backup is written to a temporary file in the folder it is meant for, copied with
 * sqlite3_backup_* (a consistent snapshot even while the window is saving), checked with
 * integrity_check, synced to disk and only then renamed to its name: a backup file that exists
 * is a whole, checked one. Restoring checks the chosen file first (a real SQLite file, ours, not
 * from a newer version, whole), keeps the database it replaces as a backup, and copies the
 * backup into the live database with the same API, in one transaction, so a crash or power cut
 * during a restore leaves the old database as it was. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sp-dates.h"
#include "sp-store-backup.h"
#include "sp-store-private.h"
#include "sp-store-schema.h"

#define DAILY_PREFIX "support-plans-"
#define DAILY_SUFFIX ".db"
#define KEEP_DAILY   14
#define KEEP_MONTHS  12
#define MAX_GAP_DAYS 40

/* The folder for @database_path's backups: "backups" beside the database, so the default
 * database's backups are in $XDG_DATA_HOME/support-plans/backups/. */
gchar *
sp_store_backups_dir_for (const gchar *database_path)
{
  g_autofree gchar *folder = g_path_get_dirname (database_path);

  return g_build_filename (folder, "backups", NULL);
}

static gboolean
make_private_dir (const gchar  *dir,
                  GError      **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_FOLDER,
                   _("Could not create the backup folder “%s”: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* An SQLite failure while writing @path, in words. @step_errno is errno as the failing step
 * left it: SQLite reports a write that failed with EFBIG or EDQUOT as SQLITE_IOERR_WRITE with
 * no system error code of its own. */
static void
set_write_error (sqlite3      *db,
                 gint          rc,
                 int           step_errno,
                 const gchar  *path,
                 GError      **error)
{
  int sys = db && sqlite3_system_errno (db) ? sqlite3_system_errno (db) : step_errno;

  if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL,
                 _("Could not write the backup “%s” because the disk is full. Free some space "
                   "and try again."), path);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                 _("Could not write the backup “%s” because the database is busy saving. Try "
                   "again in a moment."), path);
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                 _("Could not write the backup “%s”. Check that the folder exists and that you "
                   "may write there."), path);
}

static gboolean
integrity_ok (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const gchar *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
sync_path (const gchar *path,
           gboolean     directory)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Copies the database open on @source to @path: temporary file, backup API, integrity_check,
 * fsync, rename. The file is 0600 and has no journal beside it. */
static gboolean
copy_database (sqlite3      *source,
               const gchar  *path,
               GError      **error)
{
  g_autofree gchar *dir = g_path_get_dirname (path);
  g_autofree gchar *base = g_path_get_basename (path);
  g_autofree gchar *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gint rc;
  int fd, step_errno = 0;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SP_STORE_ERROR,
                   saved == ENOSPC ? SP_STORE_ERROR_DISK_FULL : SP_STORE_ERROR_NO_FOLDER,
                   _("Could not write the backup “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, 1);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* Busy or locked steps are retried: the source may be saving at this moment. */
          for (guint tries = 0; tries < 100; tries++)
            {
              rc = sqlite3_backup_step (backup, -1);
              step_errno = errno;
              if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              sqlite3_sleep (50);
            }
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
        }
    }
  /* One self-contained file: no -wal to lose when the backup is copied somewhere. */
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
      step_errno = errno;
    }

  if (rc != SQLITE_OK)
    set_write_error (dest, rc, step_errno, path, error);
  else if (!integrity_ok (dest))
    {
      rc = SQLITE_CORRUPT;
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The backup “%s” did not pass its check, so it was not kept. Run “Check” "
                     "on the database, or ask for help."), path);
    }
  sqlite3_close_v2 (dest);

  if (rc == SQLITE_OK && !sync_path (tmp, FALSE))
    {
      int saved = errno;
      rc = SQLITE_IOERR;
      g_set_error (error, SP_STORE_ERROR,
                   saved == ENOSPC || saved == EDQUOT ? SP_STORE_ERROR_DISK_FULL
                                                      : SP_STORE_ERROR_UNREADABLE,
                   _("Could not write the backup “%s”: %s."), path, g_strerror (saved));
    }
  if (rc == SQLITE_OK && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      rc = SQLITE_IOERR;
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                   _("Could not write the backup “%s”: %s."), path, g_strerror (saved));
    }
  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      return FALSE;
    }
  sync_path (dir, TRUE);
  return TRUE;
}

/* Paths are made absolute where they come in (relative to the current folder, as typed on a
 * command line): SQLite is given URIs, which only an absolute path makes, and messages then
 * name the file the user meant wherever it is read. */
gboolean
sp_store_backup_to (SpStore      *self,
                    const gchar  *path,
                    GError      **error)
{
  g_autofree gchar *absolute = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  absolute = g_canonicalize_filename (path, NULL);

  /* Inside an open transaction the copy would hold words not yet saved. */
  if (!sqlite3_get_autocommit (sp_store_get_db (self)))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                           _("Could not back up while a change is being saved. Try again in a "
                             "moment."));
      return FALSE;
    }
  return copy_database (sp_store_get_db (self), absolute, error);
}

/* The date in a daily backup's name, or NULL for any other file. */
static GDate *
daily_date (const gchar *name)
{
  g_autofree gchar *iso = NULL;
  gsize len = strlen (name);

  if (!g_str_has_prefix (name, DAILY_PREFIX) || !g_str_has_suffix (name, DAILY_SUFFIX)
      || len != strlen (DAILY_PREFIX) + 10 + strlen (DAILY_SUFFIX))
    return NULL;
  iso = g_strndup (name + strlen (DAILY_PREFIX), 10);
  return sp_date_parse_iso (iso);
}

/* Only a regular file is a backup: not a folder, not a link (lstat, so a link is never
 * followed), not a device. */
static gboolean
is_regular_file (const gchar *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* A temporary file left by a backup that was cut short (the program was killed, the computer
 * switched off): removed once it is an hour old, so one being written now is left alone. */
static void
remove_stale_temporary (const gchar *backups_dir,
                        const gchar *name)
{
  g_autofree gchar *path = g_build_filename (backups_dir, name, NULL);
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode)
      && (gint64) st.st_mtime < g_get_real_time () / G_USEC_PER_SEC - 3600)
    g_unlink (path);
}

static gint
compare_dates_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return g_date_compare (*(GDate * const *) b, *(GDate * const *) a);
}

static gboolean
same_month (const GDate *a,
            const GDate *b)
{
  return g_date_get_month (a) == g_date_get_month (b)
         && g_date_get_year (a) == g_date_get_year (b);
}

/* Thins the daily backups in @backups_dir. The rule holds whatever the computer's clock says,
 * because a clock that is wrong for a while (a flat battery, a machine set to another year)
 * must never cost the school its backups:
 *
 * - Only regular files named support-plans-YYYY-MM-DD.db are daily backups. Folders, links
 *   and anything else are left alone and not counted; so are files not named like a daily
 *   backup (a copy kept before a restore, anything the user put there).
 * - A backup dated after today was made while the clock was ahead (or today's clock is
 *   behind). It holds real work, so it is kept and not counted among the others; once today
 *   reaches its date it is thinned like any other.
 * - Of the backups dated today or before, the 14 newest are kept, and the earliest backup of
 *   each of the 12 most recent months that have one. Months with no backup (the computer was
 *   off) do not use up one of the twelve, and no cutoff is worked out from today's date.
 * - When today is more than 40 days after the newest earlier backup, nothing is removed:
 *   either the computer was off for weeks (the next day thins as usual) or the clock has
 *   jumped ahead, and the backups already there must not be measured against it.
 *
 * So a wrong clock can add backups but never make the existing ones look older than they are;
 * the backup just made is never removed. */
gboolean
sp_store_backup_prune (const gchar  *backups_dir,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_direct_hash, g_direct_equal);
  const gchar *name;
  guint months = 0;
  gboolean ok = TRUE;

  dir = g_dir_open (backups_dir, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDate *date = daily_date (name);
      g_autofree gchar *path = NULL;

      if (date == NULL)
        {
          if (g_str_has_prefix (name, "." DAILY_PREFIX))
            remove_stale_temporary (backups_dir, name);
          continue;
        }
      path = g_build_filename (backups_dir, name, NULL);
      if (g_date_compare (date, today) > 0 || !is_regular_file (path))
        g_date_free (date);
      else
        g_ptr_array_add (dates, date);
    }
  g_ptr_array_sort (dates, compare_dates_newest_first);

  for (guint i = 0; i < dates->len; i++)
    {
      GDate *date = g_ptr_array_index (dates, i);

      if (g_date_compare (date, today) < 0)
        {
          if (g_date_days_between (date, today) > MAX_GAP_DAYS)
            return TRUE;
          break;
        }
    }

  for (guint i = 0; i < dates->len; i++)
    {
      GDate *date = g_ptr_array_index (dates, i);
      GDate *newer = i > 0 ? g_ptr_array_index (dates, i - 1) : NULL;
      GDate *older = i + 1 < dates->len ? g_ptr_array_index (dates, i + 1) : NULL;

      if (newer == NULL || !same_month (newer, date))
        months++;
      if (i < KEEP_DAILY
          || ((older == NULL || !same_month (older, date)) && months <= KEEP_MONTHS))
        g_hash_table_add (keep, date);
    }

  for (guint i = 0; i < dates->len; i++)
    {
      GDate *date = g_ptr_array_index (dates, i);
      g_autofree gchar *iso = NULL;
      g_autofree gchar *file = NULL;
      g_autofree gchar *path = NULL;

      if (g_hash_table_contains (keep, date))
        continue;
      iso = sp_date_to_iso (date);
      file = g_strconcat (DAILY_PREFIX, iso, DAILY_SUFFIX, NULL);
      path = g_build_filename (backups_dir, file, NULL);
      if (g_unlink (path) != 0 && errno != ENOENT && ok)
        {
          int saved = errno;
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                       _("Could not remove the old backup “%s”: %s."), path, g_strerror (saved));
          ok = FALSE;
        }
    }
  return ok;
}

/* The first start of each day makes that day's backup; later starts that day do nothing.
 * Returns TRUE when the day's backup is there, made and checked: old backups that could not
 * be removed afterwards are a warning in the log, not a failed backup. */
gboolean
sp_store_backup_daily (SpStore      *self,
                       const gchar  *backups_dir,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(GError) prune_error = NULL;
  g_autofree gchar *iso = NULL;
  g_autofree gchar *file = NULL;
  g_autofree gchar *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (backups_dir != NULL && today != NULL, FALSE);

  if (!make_private_dir (backups_dir, error))
    return FALSE;
  iso = sp_date_to_iso (today);
  file = g_strconcat (DAILY_PREFIX, iso, DAILY_SUFFIX, NULL);
  path = g_build_filename (backups_dir, file, NULL);
  if (g_lstat (path, &st) != 0)
    {
      if (!sp_store_backup_to (self, path, error))
        return FALSE;
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is in the way: it is a folder or a link, not a backup. Move it "
                     "somewhere else and the backup will be made at the next start."), path);
      return FALSE;
    }
  if (!sp_store_backup_prune (backups_dir, today, &prune_error))
    g_warning ("Today’s backup was made, but old backups in %s could not be removed: %s",
               backups_dir, prune_error->message);
  return TRUE;
}

/* ---- checking and restoring -------------------------------------------------------------- */

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le32 (const guchar *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

#define WAL_MAGIC        0x377f0682
#define WAL_VERSION      3007000
#define WAL_HEADER       32
#define WAL_FRAME_HEADER 24

/* SQLite's checksum of a write-ahead log (wal.c, walChecksumBytes): over 32-bit words, read
 * big-endian when the log's magic number ends in 1, little-endian when it ends in 0. */
static void
wal_checksum (gboolean      big_endian,
              const guchar *data,
              gsize         length,
              guint32      *s1,
              guint32      *s2)
{
  for (gsize i = 0; i + 8 <= length; i += 8)
    {
      *s1 += (big_endian ? be32 (data + i) : le32 (data + i)) + *s2;
      *s2 += (big_endian ? be32 (data + i + 4) : le32 (data + i + 4)) + *s1;
    }
}

static gboolean
read_at (int     fd,
         guchar *buffer,
         gsize   length,
         goffset offset)
{
  gsize done = 0;

  while (done < length)
    {
      gssize got = pread (fd, buffer + done, length - done, (off_t) offset + (off_t) done);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return FALSE;
      done += (gsize) got;
    }
  return TRUE;
}

/* Whether the write-ahead log @wal would change the database @backup_file (@page_size bytes a
 * page, @pages pages) when SQLite read the two together. It reads the log as SQLite recovers
 * one (wal.c, walIndexRecover): a header with a valid checksum, then frames while each carries
 * the header's salts and a checksum that continues the chain, up to the last frame that ends
 * a transaction; a page's latest such frame is what SQLite would read for it. The log changes
 * the file when one of those pages differs from the file's page, or the last transaction gives
 * the database another length. A log SQLite would ignore (junk, or a header that does not
 * check) changes nothing; anything this cannot read or does not expect counts as a change, the
 * side on which open_backup is careful. */
static gboolean
log_changes_file (const gchar *backup_file,
                  const gchar *wal,
                  guint32      page_size,
                  guint32      pages)
{
  g_autoptr(GHashTable) latest = g_hash_table_new (NULL, NULL);
  g_autofree guchar *frame = NULL;
  g_autofree guchar *page = NULL;
  guchar header[WAL_HEADER];
  guint32 s1 = 0, s2 = 0, wal_page_size, magic, committed_pages = 0;
  goffset offset, frame_size;
  gboolean big_endian, committed = FALSE, changes = FALSE;
  GHashTableIter iter;
  gpointer key, value;
  struct stat st;
  int wal_fd, db_fd;

  wal_fd = g_open (wal, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (wal_fd < 0)
    return TRUE;
  if (fstat (wal_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (wal_fd);
      return TRUE;
    }
  if (!read_at (wal_fd, header, sizeof header, 0))
    {
      close (wal_fd);
      return FALSE;
    }
  magic = be32 (header);
  big_endian = (magic & 1) != 0;
  wal_page_size = be32 (header + 8);
  wal_checksum (big_endian, header, 24, &s1, &s2);
  if ((magic & ~1u) != WAL_MAGIC || be32 (header + 4) != WAL_VERSION
      || wal_page_size < 512 || wal_page_size > 65536
      || (wal_page_size & (wal_page_size - 1)) != 0
      || s1 != be32 (header + 24) || s2 != be32 (header + 28))
    {
      close (wal_fd);
      return FALSE;
    }
  if (wal_page_size != page_size)
    {
      close (wal_fd);
      return TRUE;
    }

  frame_size = WAL_FRAME_HEADER + (goffset) page_size;
  frame = g_malloc (frame_size);
  {
    g_autoptr(GHashTable) pending = g_hash_table_new (NULL, NULL);

    for (offset = WAL_HEADER; offset + frame_size <= st.st_size; offset += frame_size)
      {
        guint32 pgno;

        if (!read_at (wal_fd, frame, frame_size, offset))
          break;
        pgno = be32 (frame);
        if (pgno == 0 || memcmp (frame + 8, header + 16, 8) != 0)
          break;
        wal_checksum (big_endian, frame, 8, &s1, &s2);
        wal_checksum (big_endian, frame + WAL_FRAME_HEADER, page_size, &s1, &s2);
        if (s1 != be32 (frame + 16) || s2 != be32 (frame + 20))
          break;
        g_hash_table_insert (pending, GUINT_TO_POINTER (pgno),
                             GSIZE_TO_POINTER ((offset - WAL_HEADER) / frame_size));
        if (be32 (frame + 4) != 0)
          {
            /* The end of a transaction: its frames, and those before, count. */
            g_hash_table_iter_init (&iter, pending);
            while (g_hash_table_iter_next (&iter, &key, &value))
              g_hash_table_insert (latest, key, value);
            g_hash_table_remove_all (pending);
            committed_pages = be32 (frame + 4);
            committed = TRUE;
          }
      }
  }
  if (!committed)
    {
      close (wal_fd);
      return FALSE;
    }
  if (committed_pages != pages)
    {
      close (wal_fd);
      return TRUE;
    }

  db_fd = g_open (backup_file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (db_fd < 0)
    {
      close (wal_fd);
      return TRUE;
    }
  page = g_malloc (page_size);
  g_hash_table_iter_init (&iter, latest);
  while (!changes && g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 pgno = GPOINTER_TO_UINT (key);
      goffset at = WAL_HEADER + (goffset) GPOINTER_TO_SIZE (value) * frame_size;

      changes = pgno > pages
                || !read_at (wal_fd, frame, frame_size, at)
                || !read_at (db_fd, page, page_size, (goffset) (pgno - 1) * page_size)
                || memcmp (frame + WAL_FRAME_HEADER, page, page_size) != 0;
    }
  close (db_fd);
  close (wal_fd);
  return changes;
}

/* Opens @path (absolute) read-only through a URI with @params. */
static sqlite3 *
open_read_only (const gchar *path,
                const gchar *params)
{
  g_autofree gchar *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree gchar *full = NULL;
  sqlite3 *db = NULL;

  if (uri == NULL)
    return NULL;
  full = g_strconcat (uri, params, NULL);
  if (sqlite3_open_v2 (full, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW,
                       NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

/* Opens @path read-only and without touching it or anything beside it. */
static sqlite3 *
open_untouched (const gchar *path)
{
  return open_read_only (path, "?immutable=1");
}

#define PRIVATE_COPY "backup.db"

/* Copies the regular file @from to the new file @to (0600). A link or anything but a regular
 * file at @from is refused (O_NOFOLLOW, fstat), and a FIFO cannot make it wait (O_NONBLOCK).
 * On failure returns FALSE with errno set. */
static gboolean
copy_regular_file (const gchar *from,
                   const gchar *to)
{
  guchar buffer[65536];
  struct stat st;
  int in, out, saved = 0;

  in = g_open (from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (in < 0)
    return FALSE;
  if (fstat (in, &st) != 0)
    saved = errno;
  else if (!S_ISREG (st.st_mode))
    saved = EINVAL;
  if (saved != 0)
    {
      close (in);
      errno = saved;
      return FALSE;
    }
  out = g_open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0)
    {
      saved = errno;
      close (in);
      errno = saved;
      return FALSE;
    }
  for (;;)
    {
      gssize got = read (in, buffer, sizeof buffer);
      gssize done = 0;

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          saved = got < 0 ? errno : 0;
          break;
        }
      while (done < got)
        {
          gssize put = write (out, buffer + done, (gsize) (got - done));

          if (put < 0 && errno == EINTR)
            continue;
          if (put <= 0)
            {
              saved = put < 0 ? errno : EIO;
              break;
            }
          done += put;
        }
      if (saved != 0)
        break;
    }
  close (in);
  if (close (out) != 0 && saved == 0)
    saved = errno;
  errno = saved;
  return saved == 0;
}

/* Removes a private copy made by open_with_log and its folder. */
static void
remove_private_copy (gchar **private_dir)
{
  static const gchar *const names[] = {
    PRIVATE_COPY, PRIVATE_COPY "-wal", PRIVATE_COPY "-shm", PRIVATE_COPY "-journal",
  };

  if (*private_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree gchar *path = g_build_filename (*private_dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (*private_dir);
  g_clear_pointer (private_dir, g_free);
}

/* Closes a backup opened by open_backup and removes its private copy, if it has one. */
static void
close_backup (sqlite3  *db,
              gchar   **private_dir)
{
  sqlite3_close_v2 (db);
  remove_private_copy (private_dir);
}

/* A backup copied from a database in use can have its latest changes in a write-ahead log
 * beside it (@wal, FILE-wal) that were not yet written into the file. Opened immutable, as
 * open_untouched does, SQLite ignores the log: a restore would lose those changes and say it
 * worked. Refusing would be safe but would leave a teacher with a backup they cannot restore
 * without copying files by hand. So the file and its log are copied into a private folder
 * (0700, under the temporary folder) and the copy is opened read-only, not immutable, so
 * SQLite reads the log in. Nothing is lost, and nothing beside the user's file is created,
 * locked or changed (opening it in place would make a -shm file there, perhaps on a USB stick
 * or a shared folder). A hostile log can do no more than a hostile file: SQLite uses only the
 * log's frames whose checksums hold, a -shm beside the file is never copied (it is rebuilt
 * from the log), and the result still goes through every check in open_backup. The folder is
 * removed by close_backup. Returns NULL with @error set only when the copy could not be
 * made; a copy SQLite cannot open gives NULL without an error. */
static sqlite3 *
open_with_log (const gchar  *backup_file,
               const gchar  *wal,
               gchar       **private_dir,
               GError      **error)
{
  g_autofree gchar *copy = NULL;
  g_autofree gchar *copy_wal = NULL;
  int saved = 0;

  *private_dir = g_dir_make_tmp ("support-plans-restore-XXXXXX", NULL);
  if (*private_dir == NULL)
    saved = errno != 0 ? errno : EIO;
  else
    {
      copy = g_build_filename (*private_dir, PRIVATE_COPY, NULL);
      copy_wal = g_strconcat (copy, "-wal", NULL);
      if (!copy_regular_file (backup_file, copy) || !copy_regular_file (wal, copy_wal))
        saved = errno != 0 ? errno : EIO;
    }
  if (saved != 0)
    {
      remove_private_copy (private_dir);
      if (saved == ENOSPC || saved == EDQUOT || saved == EFBIG)
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL,
                     _("The backup “%s” has its latest changes in a second file beside it "
                       "(“%s”), and there is not enough space on the disk to read the two "
                       "together, so nothing was restored. Your database has not been "
                       "changed. Free some space and try again."), backup_file, wal);
      else
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                     _("The backup “%s” has its latest changes in a second file beside it "
                       "(“%s”), and the two could not be read together, so nothing was "
                       "restored. Your database has not been changed."), backup_file, wal);
      return NULL;
    }
  return open_read_only (copy, "?mode=ro");
}

/* A backup that could not be opened or read (@saved: errno), in words. */
static void
set_unreadable_error (const gchar  *backup_file,
                      int           saved,
                      GError      **error)
{
  if (saved == EACCES || saved == EPERM)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                 _("The backup “%s” cannot be read: you do not have permission to open it. "
                   "Nothing was restored, and your database has not been changed."),
                 backup_file);
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                 _("The backup “%s” cannot be read (%s). Nothing was restored, and your "
                   "database has not been changed."), backup_file, g_strerror (saved));
}

static gboolean
query_int (sqlite3     *db,
           const gchar *sql,
           gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Whether @path is a symbolic link; if so, @error says so, and which file it points to.
 * @log_of is the backup when @path is its -wal, else NULL. */
static gboolean
is_link (const gchar  *path,
         const gchar  *log_of,
         GError      **error)
{
  GStatBuf st;
  g_autofree gchar *target = NULL;

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return FALSE;
  target = realpath (path, NULL);
  if (log_of != NULL)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                 _("Beside the backup “%s”, “%s” is a link to %s, not a file of its own, so "
                   "nothing was restored. Move the link away to restore the backup on its "
                   "own. Your database has not been changed."), log_of, path,
                 target != NULL ? target : _("a file that cannot be found"));
  else if (target != NULL)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                 _("“%s” is a link to another file (“%s”), not the backup itself, so "
                   "nothing was restored. Choose that file itself to restore it. Your "
                   "database has not been changed."), path, target);
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                 _("“%s” is a link to a file that cannot be found, not the backup itself, "
                   "so nothing was restored. Choose the backup file itself. Your database "
                   "has not been changed."), path);
  return TRUE;
}

/* Checks that @backup_file (absolute) is a whole Support Plans database this version can
 * open. Opens it read-only and returns the connection, or NULL with a sentence in @error.
 * When the backup has a write-ahead log beside it that changes it, the connection is to a
 * private copy in *@private_dir (else NULL; close it with close_backup) and *@used_log is
 * TRUE. */
static sqlite3 *
open_backup (const gchar  *backup_file,
             gchar       **private_dir,
             gboolean     *used_log,
             GError      **error)
{
  g_autofree gchar *wal = g_strconcat (backup_file, "-wal", NULL);
  GStatBuf wal_st;
  static const gchar magic[16] = "SQLite format 3";
  guchar header[100];
  sqlite3 *db;
  GStatBuf st;
  gssize got;
  gint64 app_id = 0, version = 0;
  guint32 page_size, pages;
  int fd;

  *private_dir = NULL;
  *used_log = FALSE;
  /* A symbolic link is refused, saying which file it points to, rather than followed. Every
   * check below then holds for the very file that is read, and there is no doubt which -wal
   * goes with it (the one beside the link, which SQLite would not read, or the one beside the
   * file it points to). Choosing the file itself is one step for the teacher. */
  if (is_link (backup_file, NULL, error))
    return NULL;
  if (g_stat (backup_file, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                     _("There is no backup file at “%s”, so nothing was restored. Your "
                       "database has not been changed."), backup_file);
      else
        set_unreadable_error (backup_file, saved, error);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is a folder, not a backup file, so nothing was restored. Your "
                     "database has not been changed."), backup_file);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is not a backup file, so nothing was restored. Your database has "
                     "not been changed."), backup_file);
      return NULL;
    }
  fd = g_open (backup_file, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_unreadable_error (backup_file, errno, error);
      return NULL;
    }
  got = read (fd, header, sizeof header);
  if (got < 0)
    {
      int saved = errno;
      close (fd);
      set_unreadable_error (backup_file, saved, error);
      return NULL;
    }
  close (fd);
  if (got == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is empty, so it is not a backup and nothing was restored. Your "
                     "database has not been changed."), backup_file);
      return NULL;
    }
  /* It begins like an SQLite file ("SQLite format 3", its final zero byte perhaps cut off)
   * but ends before the 100 bytes of the header: a copy cut short. */
  if (got < (gssize) sizeof header && got >= (gssize) sizeof magic - 1
      && memcmp (header, magic, MIN ((gsize) got, sizeof magic)) == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is incomplete (it was cut short while being copied), so "
                     "nothing was restored. Your database has not been changed."), backup_file);
      return NULL;
    }
  if (got != (gssize) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Support Plans backup, so nothing was restored. Your "
                     "database has not been changed."), backup_file);
      return NULL;
    }

  /* The header says how long the file should be (when its change counters agree). */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  pages = be32 (header + 28);
  if (be32 (header + 24) == be32 (header + 92) && pages > 0
      && (guint64) st.st_size < (guint64) page_size * pages)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is incomplete (it was cut short while being copied), so "
                     "nothing was restored. Your database has not been changed."), backup_file);
      return NULL;
    }

  /* A -wal that is a link would not be read (O_NOFOLLOW, in log_changes_file), and the
   * changes in it would be left out without a word: refused as a backup that is a link is. */
  if (is_link (wal, backup_file, error))
    return NULL;

  /* SQLite cannot tell whether a -wal belongs to the file beside it: a -wal left from an older
   * copy would put its old pages over a newer file, and the restore would roll the school back
   * and say it worked. So the log is read first (log_changes_file). One that changes nothing
   * is left aside. One that changes the file is used only when it is not older than the file:
   * copied with the file, it was last written at or after the file (the file is only written
   * from the log), while a log older than the file it would change may not be its own, and
   * guessing could lose work either way, so the teacher is told and nothing is restored. */
  if (g_lstat (wal, &wal_st) == 0 && S_ISREG (wal_st.st_mode) && wal_st.st_size > 0
      && log_changes_file (backup_file, wal, page_size, pages))
    {
      g_autoptr(GError) copy_error = NULL;

      if (wal_st.st_mtim.tv_sec < st.st_mtim.tv_sec
          || (wal_st.st_mtim.tv_sec == st.st_mtim.tv_sec
              && wal_st.st_mtim.tv_nsec < st.st_mtim.tv_nsec))
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                       _("The backup “%s” has a second file beside it (“%s”) that is older "
                         "than the backup itself, so the two may not belong together and "
                         "nothing was restored. Copy both files again at the same moment, or "
                         "move “%s” somewhere else to restore the backup on its own. Your "
                         "database has not been changed."), backup_file, wal, wal);
          return NULL;
        }
      db = open_with_log (backup_file, wal, private_dir, &copy_error);
      *used_log = db != NULL;
      if (copy_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&copy_error));
          return NULL;
        }
    }
  else
    db = open_untouched (backup_file);
  if (db == NULL || !query_int (db, "PRAGMA application_id", &app_id)
      || !query_int (db, "PRAGMA user_version", &version))
    {
      close_backup (db, private_dir);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Support Plans backup, so nothing was restored. Your "
                     "database has not been changed."), backup_file);
      return NULL;
    }
  if (app_id != SP_STORE_APPLICATION_ID || version < 1)
    {
      close_backup (db, private_dir);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not a Support Plans backup, so "
                     "nothing was restored. Your database has not been changed."), backup_file);
      return NULL;
    }
  if (version > SP_STORE_SCHEMA_VERSION)
    {
      close_backup (db, private_dir);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” was made by a newer version of Support Plans. Update "
                     "Support Plans to restore it. Your database has not been changed."),
                   backup_file);
      return NULL;
    }
  if (!integrity_ok (db))
    {
      close_backup (db, private_dir);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged, so nothing was restored. Your database has "
                     "not been changed; try an older backup."), backup_file);
      return NULL;
    }
  return db;
}

gboolean
sp_store_backup_check (const gchar  *backup_file,
                       GError      **error)
{
  g_autofree gchar *absolute = g_canonicalize_filename (backup_file, NULL);
  g_autofree gchar *private_dir = NULL;
  gboolean used_log;
  sqlite3 *db = open_backup (absolute, &private_dir, &used_log, error);

  if (db == NULL)
    return FALSE;
  close_backup (db, &private_dir);
  return TRUE;
}

/* Keeps the database about to be replaced in the backup folder. A database too damaged to be
 * read through SQLite is kept as the bytes it is. */
static gchar *
keep_replaced (const gchar  *database_path,
               GError      **error)
{
  g_autofree gchar *dir = sp_store_backups_dir_for (database_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree gchar *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree gchar *file = g_strdup_printf ("before-restore-%s.db", stamp);
  g_autofree gchar *kept = NULL;
  g_autoptr(GError) copy_error = NULL;
  sqlite3 *live = NULL;
  gboolean copied = FALSE;

  if (!make_private_dir (dir, error))
    return NULL;
  kept = g_build_filename (dir, file, NULL);

  if (sqlite3_open_v2 (database_path, &live, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                       NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (live, 5000);
      copied = copy_database (live, kept, &copy_error);
    }
  sqlite3_close_v2 (live);

  if (g_error_matches (copy_error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL,
                           _("Nothing was restored: the disk is too full to keep the current "
                             "database as a backup first. Your database has not been changed; "
                             "free some space and try again."));
      return NULL;
    }

  if (!copied)
    {
      g_autofree gchar *contents = NULL;
      gsize length;

      if (!g_file_get_contents (database_path, &contents, &length, error)
          || !g_file_set_contents_full (kept, contents, (gssize) length,
                                        G_FILE_SET_CONTENTS_CONSISTENT
                                        | G_FILE_SET_CONTENTS_DURABLE, 0600, error))
        {
          g_prefix_error (error, "%s ", _("Nothing was restored: the current database could "
                                          "not be kept as a backup first."));
          return NULL;
        }
    }
  return g_steal_pointer (&kept);
}

gboolean
sp_store_restore_from (const gchar  *database_arg,
                       const gchar  *backup_arg,
                       gchar       **kept_path,
                       GError      **error)
{
  return sp_store_restore_from_full (database_arg, backup_arg, kept_path, NULL, error);
}

/* Replaces the database at @database_path with the contents of @backup_file, after checking
 * the backup and keeping the current database as a backup (its path in @kept_path). When the
 * changes in a write-ahead log beside the backup were restored too, @log_path is that log's
 * path (else NULL). On any failure the current database is left as it was. */
gboolean
sp_store_restore_from_full (const gchar  *database_arg,
                            const gchar  *backup_arg,
                            gchar       **kept_path,
                            gchar       **log_path,
                            GError      **error)
{
  g_autofree gchar *database_path = NULL;
  g_autofree gchar *backup_file = NULL;
  g_autofree gchar *kept = NULL;
  g_autofree gchar *private_dir = NULL;
  sqlite3 *source, *live = NULL;
  sqlite3_backup *backup;
  gboolean used_log;
  gint rc;
  int step_errno = 0;

  g_return_val_if_fail (database_arg != NULL && backup_arg != NULL, FALSE);
  database_path = g_canonicalize_filename (database_arg, NULL);
  backup_file = g_canonicalize_filename (backup_arg, NULL);

  {
    GStatBuf a, b;

    if (g_stat (database_path, &a) == 0 && g_stat (backup_file, &b) == 0
        && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
      {
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                             _("That file is the database itself, not a backup of it. Choose "
                               "a backup file."));
        return FALSE;
      }
  }

  source = open_backup (backup_file, &private_dir, &used_log, error);
  if (source == NULL)
    return FALSE;

  if (g_file_test (database_path, G_FILE_TEST_EXISTS)
      && (kept = keep_replaced (database_path, error)) == NULL)
    {
      close_backup (source, &private_dir);
      return FALSE;
    }

  if (kept == NULL)
    {
      int fd = g_open (database_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        close (fd);
    }

  /* Copied into the live file through SQLite in one transaction: other connections (a window
   * still open on it) see the restored school, and a crash leaves the old one whole. */
  rc = sqlite3_open_v2 (database_path, &live,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (live, 1);
      sqlite3_busy_timeout (live, 5000);
      backup = sqlite3_backup_init (live, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (live);
      else
        {
          for (guint tries = 0; tries < 100; tries++)
            {
              rc = sqlite3_backup_step (backup, -1);
              step_errno = errno;
              if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              sqlite3_sleep (50);
            }
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (live);
        }
    }
  if (rc == SQLITE_OK && !integrity_ok (live))
    rc = SQLITE_CORRUPT;

  if (rc != SQLITE_OK)
    {
      int sys = live && sqlite3_system_errno (live) ? sqlite3_system_errno (live) : step_errno;

      if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL,
                     _("Could not restore the backup because the disk is full. Your database "
                       "has not been changed; free some space and try again."));
      else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                     _("Could not restore the backup because Support Plans is saving to the "
                       "database. Close the window and try again."));
      else
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                     _("Could not restore the backup into “%s”. The database as it was is kept "
                       "in “%s”."), database_path, kept ? kept : database_path);
      sqlite3_close_v2 (live);
      close_backup (source, &private_dir);
      return FALSE;
    }

  sqlite3_close_v2 (live);
  close_backup (source, &private_dir);
  if (kept_path)
    *kept_path = g_steal_pointer (&kept);
  if (log_path)
    *log_path = used_log ? g_strconcat (backup_file, "-wal", NULL) : NULL;
  return TRUE;
}
