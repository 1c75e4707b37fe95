/* sp-store.c: the school's database, one SQLite file.
 *
 * All SQL of the program lives in src/store/. Every statement is prepared once and bound; none
 * is built from text a user typed. Every write is one transaction (BEGIN IMMEDIATE), or a
 * savepoint inside the transaction a caller opened with sp_store_begin(), so a failed step
 * leaves nothing half-written. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-store-schema.h"
#include "sp-store.h"
#include "sp-store-edit.h"
#include "sp-store-private.h"
#include "sp-upn.h"

struct _SpStore
{
  GObject     parent_instance;

  sqlite3    *db;
  gchar      *path;
  GHashTable *statements;   /* const gchar *sql (static) → sqlite3_stmt * */
  guint       depth;        /* open transactions and savepoints */
};

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = SP_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;

  /**
   * SpStore::changed:
   * @table: the table that changed ("pupils", "plans", ...)
   * @id: the row's id, or 0 when many rows changed
   *
   * Emitted on the main context after a write is committed, so open views can refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sp_store_init (SpStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

/* Turns an SQLite failure into one sentence a teacher can act on. @what says what was being
 * done ("save the pupil"). */
void
sp_store_set_sqlite_error (SpStore      *self,
                           gint          rc,
                           const gchar  *what,
                           GError      **error)
{
  /* SQLite's unix VFS leaves a failed write's errno behind (sqlite3_system_errno() is 0 for
   * SQLITE_IOERR_WRITE): read it before anything else can change it. */
  int sys = errno;
  const gchar *message = self->db ? sqlite3_errmsg (self->db) : "";
  gint extended = self->db ? sqlite3_extended_errcode (self->db) : rc;

  if (self->db && sqlite3_system_errno (self->db) != 0)
    sys = sqlite3_system_errno (self->db);

  if (strstr (message, "SP_PLAN_REVIEWED") != NULL)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED,
                         _("This plan has been reviewed, so it is kept as it was when it was "
                           "reviewed. Change the next plan instead, or reopen the review."));
  else if (strstr (message, "SP_TOO_MANY_TARGETS") != NULL)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_MANY_TARGETS,
                         _("A plan has at most four targets, so that it stays focused. "
                           "Finish or remove a target before adding another."));
  else if (extended == SQLITE_CONSTRAINT_UNIQUE && strstr (message, "pupils.upn") != NULL)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_DUPLICATE,
                         _("Another pupil already has this UPN. Check the number, or open that "
                           "pupil instead."));
  else if (extended == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DUPLICATE,
                 _("Could not %s: it is already recorded."), what);
  else if (strstr (message, "review_date > start_date") != NULL)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                         _("The review date must come after the start of the plan."));
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                 _("Could not %s: a value is missing or out of range."), what);
  else if ((rc & 0xff) == SQLITE_FULL
           || ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG)))
    /* A write that ran out of room: SQLite says SQLITE_FULL only for ENOSPC on some paths,
     * and an I/O error for the others (a quota, a file-size limit). */
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL,
                 _("Could not %s because the disk is full. Everything saved before is safe; "
                   "free some space and carry on."), what);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                 _("Could not %s because another copy of Support Plans is saving. Try again in "
                   "a moment."), what);
  else if ((rc & 0xff) == SQLITE_READONLY)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_READ_ONLY,
                 _("Could not %s because the database file is read-only."), what);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                 _("Could not %s because the database file is damaged. Restore a backup."), what);
  else if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                 _("Could not %s because the file is not a Support Plans database."), what);
  else if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                 _("Could not %s because the database file could not be read or written."), what);
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                 _("Could not %s (%s)."), what, message);
}

/* Statements are cached by the address of their (static) SQL text. */
sqlite3_stmt *
sp_store_statement (SpStore      *self,
                    const gchar  *sql,
                    GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  gint rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_sqlite_error (self, rc, _("read the database"), error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
sp_store_bind_text (sqlite3_stmt *stmt,
                    gint          index,
                    const gchar  *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

/* NULL for NULL or the empty string: for optional dates and references. */
void
sp_store_bind_text_or_null (sqlite3_stmt *stmt,
                            gint          index,
                            const gchar  *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
sp_store_bind_id_or_null (sqlite3_stmt *stmt,
                          gint          index,
                          gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

const gchar *
sp_store_column_text (sqlite3_stmt *stmt,
                      gint          column)
{
  const gchar *text = (const gchar *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Runs a statement that returns no rows. */
gboolean
sp_store_step_done (SpStore       *self,
                    sqlite3_stmt  *stmt,
                    const gchar   *what,
                    GError       **error)
{
  gint rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (SpStore      *self,
      const gchar  *sql,
      const gchar  *what,
      GError      **error)
{
  gint rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sp_store_set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- transactions ---------------------------------------------------------------------- */

gboolean
sp_store_begin (SpStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sp_step",
             _("start saving"), error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
sp_store_commit (SpStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!exec (self, self->depth == 1 ? "COMMIT" : "RELEASE sp_step", _("save"), error))
    {
      sp_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
sp_store_rollback (SpStore *self)
{
  g_return_if_fail (SP_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO sp_step; RELEASE sp_step", NULL, NULL, NULL);
  self->depth--;
}

/* Ends a write begun with sp_store_begin(): commits when @ok, else rolls back. */
gboolean
sp_store_finish (SpStore   *self,
                 gboolean   ok,
                 GError   **error)
{
  if (!ok)
    {
      sp_store_rollback (self);
      return FALSE;
    }
  return sp_store_commit (self, error);
}

/* Passes on @local (taken), a value's check that failed (sp_text_clean(), sp_upn_validate(),
 * sp_provision_spec_check()), as SP_STORE_ERROR_INVALID with the same sentence: a caller
 * then knows from the code alone that the value was refused, and that sending it again
 * cannot help. Returns FALSE, for `return sp_store_refuse (...)`. */
gboolean
sp_store_refuse (GError  *local,
                 GError **error)
{
  g_return_val_if_fail (local != NULL, FALSE);

  if (local->domain != SP_STORE_ERROR)
    {
      local->domain = SP_STORE_ERROR;
      local->code = SP_STORE_ERROR_INVALID;
    }
  g_propagate_error (error, local);
  return FALSE;
}

void
sp_store_emit_changed (SpStore     *self,
                       const gchar *table,
                       gint64       id)
{
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

/* ---- opening --------------------------------------------------------------------------- */

/* File systems on which SQLite's locking cannot be trusted, from statfs(2)'s f_type. */
gboolean
sp_store_fs_is_network (gint64 f_type)
{
  switch ((guint32) f_type)
    {
    case 0x6969:      /* NFS */
    case 0x517B:      /* SMB */
    case 0xFF534D42:  /* CIFS */
    case 0xFE534D42:  /* SMB2 */
    case 0x65735546:  /* FUSE (sshfs, rclone, cloud drives) */
    case 0x5346414F:  /* AFS */
    case 0x00C36400:  /* Ceph */
    case 0x73757245:  /* Coda */
    case 0x564C:      /* NCP */
    case 0x01021997:  /* 9p (shares into virtual machines) */
      return TRUE;
    default:
      return FALSE;
    }
}

gchar *
sp_store_default_path (GError **error)
{
  g_autofree gchar *folder = g_build_filename (g_get_user_data_dir (), "support-plans", NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_FOLDER,
                   _("Could not create the folder “%s” for the database: %s."), folder,
                   g_strerror (saved));
      return NULL;
    }
  return g_build_filename (folder, "support-plans.db", NULL);
}

static gboolean
query_int (SpStore      *self,
           const gchar  *sql,
           gint64       *value,
           GError      **error)
{
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sp_store_set_sqlite_error (self, rc, _("read the database"), error);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
seed_need_types (SpStore  *self,
                 GError  **error)
{
  static const gchar sql[] = "INSERT INTO need_types (code, area, name) VALUES (?, ?, ?)";
  const SpNeedType *types;
  guint n_types;

  types = sp_need_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      sp_store_bind_text (stmt, 1, types[i].code);
      sp_store_bind_text (stmt, 2, sp_area_key (types[i].area));
      sp_store_bind_text (stmt, 3, types[i].name);
      if (!sp_store_step_done (self, stmt, _("set up the database"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (SpStore  *self,
         gint      from_version,
         GError  **error)
{
  for (guint v = (guint) from_version; v < sp_store_n_migrations; v++)
    {
      g_autofree gchar *set_version = NULL;
      gboolean ok;

      if (!sp_store_begin (self, error))
        return FALSE;

      /* user_version cannot be bound; the number is ours, never user text. */
      set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
      ok = exec (self, sp_store_migrations[v], _("set up the database"), error);
      if (ok && v == 0)
        ok = exec (self, "PRAGMA application_id = 1397771342", _("set up the database"), error)
             && seed_need_types (self, error);
      ok = ok && exec (self, set_version, _("set up the database"), error);
      if (!sp_store_finish (self, ok, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks what is on disk before SQLite touches it, so a file that is not ours is never
 * changed. Creates a new, empty, private file when there is none. */
static gboolean
prepare_file (const gchar       *path,
              SpStoreOpenFlags   flags,
              GError           **error)
{
  g_autofree gchar *folder = g_path_get_dirname (path);
  struct statfs fs;
  GStatBuf st;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Create it, or choose another place for "
                     "the database."), folder);
      return FALSE;
    }

  if (statfs (folder, &fs) == 0 && sp_store_fs_is_network ((gint64) fs.f_type))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NETWORK_FS,
                   _("The folder “%s” is on a network or shared drive. Support Plans keeps its "
                     "database on this computer’s own disk, because two computers saving to one "
                     "file over a network can damage it. Choose a folder on this computer."),
                   folder);
      return FALSE;
    }

  if (g_stat (path, &st) != 0)
    {
      int fd;

      if (flags & SP_STORE_OPEN_NO_CREATE)
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                       _("There is no database at “%s”."), path);
          return FALSE;
        }

      /* Created private before SQLite opens it; SQLite gives its -wal and -shm files the
       * same permissions. */
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                       _("Could not create the database “%s”: %s."), path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
      return TRUE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a file. Choose a Support Plans database file."), path);
      return FALSE;
    }

  {
    static const gchar magic[16] = "SQLite format 3";
    gchar header[16];
    gssize got;
    int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

    if (fd < 0)
      {
        int saved = errno;
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREADABLE,
                     _("The database “%s” cannot be read: %s. Check the file’s permissions."),
                     path, g_strerror (saved));
        return FALSE;
      }
    got = read (fd, header, sizeof header);
    close (fd);
    if (st.st_size > 0 && (got != (gssize) sizeof header || memcmp (header, magic, 16) != 0))
      {
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                     _("“%s” is not a Support Plans database. It has not been changed; choose "
                       "another file."), path);
        return FALSE;
      }
  }

  /* A file nobody may write is read-only by intent, even to root, who could. */
  if (g_access (path, W_OK) != 0 || (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only, so nothing could be saved. Ask for write "
                     "permission, or copy it somewhere you can write."), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_identity (SpStore  *self,
                gint64   *version,
                GError  **error)
{
  gint64 app_id, n_objects;

  if (!query_int (self, "PRAGMA application_id", &app_id, error)
      || !query_int (self, "PRAGMA user_version", version, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (app_id != SP_STORE_APPLICATION_ID && !(app_id == 0 && *version == 0 && n_objects == 0))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of Support Plans. It has not "
                     "been changed; choose another file."), self->path);
      return FALSE;
    }

  if (*version > (gint64) sp_store_n_migrations)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Support Plans. Update Support "
                     "Plans to open it."), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check (SpStore  *self,
             GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  gboolean ok = FALSE;

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 (sp_store_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Support Plans database. It has not been changed; choose "
                     "another file."), self->path);
      return FALSE;
    }
  if (!ok)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged. It has not been changed; restore a backup, "
                     "or ask for help before typing anything more."), self->path);
      return FALSE;
    }
  return TRUE;
}

SpStore *
sp_store_open (const gchar       *path,
               SpStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(SpStore) self = NULL;
  gint64 version = 0;
  gint rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!prepare_file (path, flags, error))
    return NULL;

  self = g_object_new (SP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_sqlite_error (self, rc, _("open the database"), error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Checked before anything writes to the file (WAL mode, migrations). */
  if (((flags & (SP_STORE_OPEN_CHECKED | SP_STORE_OPEN_CHECK_LATER)) == 0
       && !quick_check (self, error))
      || !check_identity (self, &version, error))
    return NULL;

  /* Never migrate (write to) a file that has not been checked. */
  if ((flags & SP_STORE_OPEN_CHECK_LATER) && version < (gint64) sp_store_n_migrations
      && !quick_check (self, error))
    return NULL;

  if (!exec (self, "PRAGMA journal_mode = WAL", _("open the database"), error)
      || !exec (self, "PRAGMA synchronous = FULL", _("open the database"), error)
      || !exec (self, "PRAGMA foreign_keys = ON", _("open the database"), error)
      || !exec (self, "PRAGMA trusted_schema = OFF", _("open the database"), error))
    return NULL;

  if (!migrate (self, (gint) version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* SQLite's quick_check of the whole file: for a connection opened with
 * SP_STORE_OPEN_CHECK_LATER or SP_STORE_OPEN_CHECKED. */
gboolean
sp_store_quick_check (SpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  return quick_check (self, error);
}

sqlite3 *
sp_store_get_db (SpStore *self)
{
  return self->db;
}

const gchar *
sp_store_get_path (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->path;
}

gint
sp_store_get_schema_version (SpStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    return -1;
  return (gint) version;
}

/* ---- checks and counts ----------------------------------------------------------------- */

gboolean
sp_store_count (SpStore        *self,
                SpStoreCounts  *counts,
                GError        **error)
{
  static const gchar sql[] =
    "SELECT (SELECT count(*) FROM pupils), (SELECT count(*) FROM plans),"
    "       (SELECT count(*) FROM targets), (SELECT count(*) FROM strategies),"
    "       (SELECT count(*) FROM provision), (SELECT count(*) FROM reviews),"
    "       (SELECT count(*) FROM annotations), (SELECT count(*) FROM parent_meetings)";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sp_store_set_sqlite_error (self, rc, _("count the records"), error);
      return FALSE;
    }
  counts->pupils = (guint) sqlite3_column_int (stmt, 0);
  counts->plans = (guint) sqlite3_column_int (stmt, 1);
  counts->targets = (guint) sqlite3_column_int (stmt, 2);
  counts->strategies = (guint) sqlite3_column_int (stmt, 3);
  counts->provision = (guint) sqlite3_column_int (stmt, 4);
  counts->reviews = (guint) sqlite3_column_int (stmt, 5);
  counts->annotations = (guint) sqlite3_column_int (stmt, 6);
  counts->parent_meetings = (guint) sqlite3_column_int (stmt, 7);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The full integrity check, the foreign keys, and the rules a trigger guards (so a file edited
 * by another tool is caught too). */
gboolean
sp_store_check (SpStore        *self,
                SpStoreCounts  *counts,
                GError        **error)
{
  sqlite3_stmt *stmt;
  gint rc;
  gint64 n;

  stmt = sp_store_statement (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || g_strcmp0 (sp_store_column_text (stmt, 0), "ok") != 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore a backup, or ask for help before "
                     "typing anything more."), self->path);
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = sp_store_statement (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The database “%s” has records that point to records that are not there. "
                     "Restore a backup."), self->path);
      return FALSE;
    }

  if (!query_int (self,
                  "SELECT count(*) FROM (SELECT plan_id FROM targets GROUP BY plan_id"
                  " HAVING count(*) > 4)", &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   ngettext ("The database has %u plan with more than four targets.",
                             "The database has %u plans with more than four targets.",
                             (gulong) n), (guint) n);
      return FALSE;
    }

  return counts == NULL || sp_store_count (self, counts, error);
}

/* ---- reads ----------------------------------------------------------------------------- */

/* Only what the list shows: the plans are read when a pupil is opened. The unary + keeps
 * SQLite from walking plans_by_review (status, review_date) once per pupil, which took 1.7 s
 * for 2,000 pupils; with it each pupil's plans come from plans_by_pupil (20 ms in all). */
GListModel *
sp_store_list_pupils (SpStore  *self,
                      GError  **error)
{
  static const gchar sql[] =
    "SELECT p.id, p.upn, p.forename, p.surname, p.year_group, p.class_name, p.sen_status,"
    "       (SELECT need_code FROM pupil_needs n WHERE n.pupil_id = p.id ORDER BY rank LIMIT 1),"
    "       (SELECT min(review_date) FROM plans l WHERE l.pupil_id = p.id AND l.status = 'active')"
    "  FROM pupils p ORDER BY p.surname COLLATE NOCASE, p.forename COLLATE NOCASE, p.id";
  g_autoptr(GListStore) list = g_list_store_new (SP_TYPE_PUPIL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpPupil *pupil = sp_pupil_new_for_list (sqlite3_column_int64 (stmt, 0),
                                              sp_store_column_text (stmt, 1),
                                              sp_store_column_text (stmt, 2),
                                              sp_store_column_text (stmt, 3),
                                              sp_store_column_text (stmt, 4),
                                              sp_store_column_text (stmt, 5),
                                              sp_store_column_text (stmt, 6),
                                              sp_store_column_text (stmt, 7),
                                              sp_store_column_text (stmt, 8));
      g_ptr_array_add (rows, pupil);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the pupils"), error);
      return NULL;
    }

  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

SpPupil *
sp_store_get_pupil (SpStore  *self,
                    gint64    pupil_id,
                    GError  **error)
{
  static const gchar sql[] =
    "SELECT p.id, p.upn, p.forename, p.surname, p.date_of_birth, p.sex, p.year_group,"
    "       p.class_name, p.sen_status, p.strengths, p.likes, p.dislikes, p.anxieties,"
    "       p.what_helps,"
    "       (SELECT need_code FROM pupil_needs n WHERE n.pupil_id = p.id ORDER BY rank LIMIT 1),"
    "       (SELECT min(review_date) FROM plans l WHERE l.pupil_id = p.id AND l.status = 'active')"
    "  FROM pupils p WHERE p.id = ?";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  SpPupil *pupil = NULL;
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    pupil = g_object_new (SP_TYPE_PUPIL,
                          "id", sqlite3_column_int64 (stmt, 0),
                          "upn", sp_store_column_text (stmt, 1),
                          "forename", sp_store_column_text (stmt, 2),
                          "surname", sp_store_column_text (stmt, 3),
                          "date-of-birth", sp_store_column_text (stmt, 4),
                          "sex", sp_store_column_text (stmt, 5),
                          "year-group", sp_store_column_text (stmt, 6),
                          "class-name", sp_store_column_text (stmt, 7),
                          "sen-status", sp_store_column_text (stmt, 8),
                          "strengths", sp_store_column_text (stmt, 9),
                          "likes", sp_store_column_text (stmt, 10),
                          "dislikes", sp_store_column_text (stmt, 11),
                          "anxieties", sp_store_column_text (stmt, 12),
                          "what-helps", sp_store_column_text (stmt, 13),
                          "primary-need", sp_store_column_text (stmt, 14),
                          "next-review", sp_store_column_text (stmt, 15),
                          NULL);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                         _("This pupil is no longer in the database."));
  else
    sp_store_set_sqlite_error (self, rc, _("read the pupil"), error);
  sqlite3_reset (stmt);
  return pupil;
}

GStrv
sp_store_get_pupil_needs (SpStore  *self,
                          gint64    pupil_id,
                          GError  **error)
{
  static const gchar sql[] =
    "SELECT need_code FROM pupil_needs WHERE pupil_id = ? ORDER BY rank, id";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, sp_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the pupil’s needs"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

GListModel *
sp_store_list_plans (SpStore  *self,
                     gint64    pupil_id,
                     GError  **error)
{
  static const gchar sql[] =
    "SELECT l.id, l.start_date, l.review_date, l.status, l.areas, coalesce(s.name, ''),"
    "       l.parent_contribution, l.pupil_likes, l.pupil_finds_hard, l.pupil_helps,"
    "       l.pupil_worries,"
    "       (SELECT count(*) FROM targets t WHERE t.plan_id = l.id)"
    "  FROM plans l LEFT JOIN staff s ON s.id = l.written_by"
    " WHERE l.pupil_id = ? ORDER BY l.start_date DESC, l.id DESC";
  g_autoptr(GListStore) list = g_list_store_new (SP_TYPE_PLAN);
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SpPlan) plan =
        g_object_new (SP_TYPE_PLAN,
                      "id", sqlite3_column_int64 (stmt, 0),
                      "start-date", sp_store_column_text (stmt, 1),
                      "review-date", sp_store_column_text (stmt, 2),
                      "status", sp_store_column_text (stmt, 3),
                      "areas", sp_store_column_text (stmt, 4),
                      "written-by", sp_store_column_text (stmt, 5),
                      "parent-contribution", sp_store_column_text (stmt, 6),
                      "pupil-likes", sp_store_column_text (stmt, 7),
                      "pupil-finds-hard", sp_store_column_text (stmt, 8),
                      "pupil-helps", sp_store_column_text (stmt, 9),
                      "pupil-worries", sp_store_column_text (stmt, 10),
                      "target-count", (guint) sqlite3_column_int (stmt, 11),
                      NULL);
      g_list_store_append (list, plan);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the plans"), error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

gchar *
sp_store_get_school_name (SpStore *self)
{
  sqlite3_stmt *stmt = sp_store_statement (self, "SELECT name FROM school WHERE id = 1", NULL);
  gchar *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (sp_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name ? name : g_strdup ("");
}

gint64
sp_store_get_role_rate (SpStore      *self,
                        const gchar  *role,
                        GError      **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (self, "SELECT hourly_rate_pence FROM role_rates WHERE role = ?", error);
  gint64 rate = -1;
  gint rc;

  if (stmt == NULL)
    return -1;
  sp_store_bind_text (stmt, 1, role);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rate = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                 _("There is no hourly rate for the role “%s”. Add it in the school’s settings."),
                 role);
  else
    sp_store_set_sqlite_error (self, rc, _("read the hourly rates"), error);
  sqlite3_reset (stmt);
  return rate;
}

/* ---- writes ---------------------------------------------------------------------------- */

/* Steps an INSERT and returns the new row's id, or 0 on failure. */
gint64
sp_store_step_insert (SpStore       *self,
                      sqlite3_stmt  *stmt,
                      const gchar   *what,
                      GError       **error)
{
  if (!sp_store_step_done (self, stmt, what, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* Runs one prepared-and-bound write as a transaction of its own (or a savepoint). */
#define WRITE_BEGIN(self, error) \
  if (!sp_store_begin ((self), (error))) \
    return 0

gboolean
sp_store_set_school (SpStore      *self,
                     const gchar  *name,
                     const gchar  *la_number,
                     const gchar  *establishment,
                     const gchar  *senco_name,
                     GError      **error)
{
  static const gchar sql[] =
    "UPDATE school SET name = ?, la_number = ?, establishment = ?, senco_name = ?,"
    "       revision = revision + 1 WHERE id = 1";
  sqlite3_stmt *stmt;
  gboolean ok;

  WRITE_BEGIN (self, error);
  stmt = sp_store_statement (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sp_store_bind_text (stmt, 1, name);
      sp_store_bind_text (stmt, 2, la_number);
      sp_store_bind_text (stmt, 3, establishment);
      sp_store_bind_text (stmt, 4, senco_name);
      ok = sp_store_step_done (self, stmt, _("save the school’s details"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "school", 1);
  return TRUE;
}

gint64
sp_store_add_staff (SpStore      *self,
                    const gchar  *name,
                    const gchar  *role,
                    GError      **error)
{
  static const gchar sql[] = "INSERT INTO staff (name, role) VALUES (?, ?)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sp_store_bind_text (stmt, 1, name);
      sp_store_bind_text (stmt, 2, role);
      id = sp_store_step_insert (self, stmt, _("add the member of staff"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "staff", id);
  return id;
}

gint64
sp_store_add_pupil (SpStore  *self,
                    SpPupil  *pupil,
                    GError  **error)
{
  static const gchar sql[] =
    "INSERT INTO pupils (upn, forename, surname, date_of_birth, sex, year_group, class_name,"
    "                    sen_status, strengths, likes, dislikes, anxieties, what_helps)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static const gchar *const fields[] = {
    "upn", "forename", "surname", "date-of-birth", "sex", "year-group", "class-name",
    "sen-status", "strengths", "likes", "dislikes", "anxieties", "what-helps",
  };
  const gchar *upn = sp_pupil_get_text (pupil, "upn");
  const gchar *dob = sp_pupil_get_text (pupil, "date-of-birth");
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_PUPIL (pupil), 0);

  if (*upn != '\0' && !sp_upn_validate (upn, error))
    return 0;
  if (*sp_pupil_get_text (pupil, "forename") == '\0'
      || *sp_pupil_get_text (pupil, "surname") == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("A pupil needs a first name and a surname."));
      return 0;
    }
  if (*dob != '\0')
    {
      g_autoptr(GDate) date = sp_date_parse_iso (dob);
      if (date == NULL)
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                       _("“%s” is not a real date. Write the date of birth as year-month-day, "
                         "for example 2017-03-14."), dob);
          return 0;
        }
    }
  if (!sp_sen_status_valid (sp_pupil_get_text (pupil, "sen-status")))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Choose the pupil’s SEN status: SEN support, EHC plan, or none."));
      return 0;
    }

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (i == 0 || i == 3)
          sp_store_bind_text_or_null (stmt, (gint) i + 1, sp_pupil_get_text (pupil, fields[i]));
        else
          sp_store_bind_text (stmt, (gint) i + 1, sp_pupil_get_text (pupil, fields[i]));
      id = sp_store_step_insert (self, stmt, _("add the pupil"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_pupil_set_id (pupil, id);
  sp_store_emit_changed (self, "pupils", id);
  return id;
}

gboolean
sp_store_add_pupil_need (SpStore      *self,
                         gint64        pupil_id,
                         const gchar  *need_code,
                         guint         rank,
                         GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO pupil_needs (pupil_id, need_code, rank) VALUES (?, ?, ?)";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (sp_need_type_lookup (need_code) == NULL)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is not a type of need the school census knows."), need_code);
      return FALSE;
    }

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sp_store_bind_text (stmt, 2, sp_need_type_lookup (need_code)->code);
      sqlite3_bind_int (stmt, 3, (gint) rank);
      ok = sp_store_step_done (self, stmt, _("add the need"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "pupil_needs", pupil_id);
  return TRUE;
}

gint64
sp_store_add_contact (SpStore      *self,
                      gint64        pupil_id,
                      const gchar  *name,
                      const gchar  *relationship,
                      const gchar  *phone,
                      const gchar  *email,
                      const gchar  *preferred_method,
                      GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO contacts (pupil_id, name, relationship, phone, email, preferred_method, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    "         (SELECT coalesce(max(position), 0) + 1 FROM contacts WHERE pupil_id = ?1))";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sp_store_bind_text (stmt, 2, name);
      sp_store_bind_text (stmt, 3, relationship);
      sp_store_bind_text (stmt, 4, phone);
      sp_store_bind_text (stmt, 5, email);
      sp_store_bind_text (stmt, 6, preferred_method ? preferred_method : "phone");
      id = sp_store_step_insert (self, stmt, _("add the contact"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "contacts", id);
  return id;
}

gint64
sp_store_add_plan (SpStore  *self,
                   gint64    pupil_id,
                   SpPlan   *plan,
                   gint64    written_by,
                   GError  **error)
{
  static const gchar sql[] =
    "INSERT INTO plans (pupil_id, start_date, review_date, status, areas, written_by,"
    "                   parent_contribution, pupil_likes, pupil_finds_hard, pupil_helps,"
    "                   pupil_worries, previous_plan_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    "         (SELECT id FROM plans WHERE pupil_id = ?1 AND start_date < ?2"
    "           ORDER BY start_date DESC LIMIT 1))";
  static const gchar *const fields[] = {
    "start-date", "review-date", "status", "areas", NULL, "parent-contribution", "pupil-likes",
    "pupil-finds-hard", "pupil-helps", "pupil-worries",
  };
  g_autoptr(GDate) start = sp_date_parse_iso (sp_plan_get_text (plan, "start-date"));
  g_autoptr(GDate) review = sp_date_parse_iso (sp_plan_get_text (plan, "review-date"));
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (start == NULL)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The plan needs a start date that is a real day."));
      return 0;
    }
  if (review == NULL)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("A plan is not agreed without a review date: choose one."));
      return 0;
    }
  if (g_date_compare (review, start) <= 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The review date must come after the start of the plan."));
      return 0;
    }

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (fields[i] != NULL)
          sp_store_bind_text (stmt, (gint) i + 2, sp_plan_get_text (plan, fields[i]));
      if (*sp_plan_get_text (plan, "status") == '\0')
        sp_store_bind_text (stmt, 4, "draft");
      sp_store_bind_id_or_null (stmt, 6, written_by);
      id = sp_store_step_insert (self, stmt, _("add the plan"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_plan_set_id (plan, id);
  sp_store_emit_changed (self, "plans", id);
  return id;
}

gint64
sp_store_add_target (SpStore      *self,
                     gint64        plan_id,
                     const gchar  *area,
                     const gchar  *description,
                     const gchar  *baseline,
                     const gchar  *success_criteria,
                     GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO targets (plan_id, position, area, description, baseline, success_criteria)"
    " VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM targets WHERE plan_id = ?1),"
    "         ?2, ?3, ?4, ?5)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sp_store_bind_text (stmt, 2, area);
      sp_store_bind_text (stmt, 3, description);
      sp_store_bind_text (stmt, 4, baseline);
      sp_store_bind_text (stmt, 5, success_criteria);
      id = sp_store_step_insert (self, stmt, _("add the target"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "targets", id);
  return id;
}

gint64
sp_store_add_strategy (SpStore      *self,
                       gint64        target_id,
                       const gchar  *description,
                       GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO strategies (target_id, position, description)"
    " VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM strategies WHERE target_id = ?1),"
    "         ?2)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, target_id);
      sp_store_bind_text (stmt, 2, description);
      id = sp_store_step_insert (self, stmt, _("add the strategy"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "strategies", id);
  return id;
}

/* The cost is worked out here from the school's rate for the role, and stored, so exports,
 * backups and every user see the same figure. */
gint64
sp_store_add_provision (SpStore                *self,
                        gint64                  plan_id,
                        const SpProvisionSpec  *spec,
                        GError                **error)
{
  static const gchar sql[] =
    "INSERT INTO provision (plan_id, position, description, area, role, group_size,"
    "                       sessions_per_week, minutes, weeks, start_date, cost_pence)"
    " VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM provision WHERE plan_id = ?1),"
    "         ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  sqlite3_stmt *stmt;
  gint64 rate, id = 0;

  if (!sp_provision_spec_check (spec, error))
    return 0;

  WRITE_BEGIN (self, error);
  rate = sp_store_get_role_rate (self, spec->role, error);
  if (rate >= 0 && (stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sp_store_bind_text (stmt, 2, spec->description);
      sp_store_bind_text (stmt, 3, spec->area);
      sp_store_bind_text (stmt, 4, spec->role);
      sqlite3_bind_int (stmt, 5, (gint) spec->group_size);
      sqlite3_bind_int (stmt, 6, (gint) spec->sessions_per_week);
      sqlite3_bind_int (stmt, 7, (gint) spec->minutes);
      sqlite3_bind_int (stmt, 8, (gint) spec->weeks);
      sp_store_bind_text_or_null (stmt, 9, spec->start_date);
      sqlite3_bind_int64 (stmt, 10,
                          sp_provision_cost_pence (rate, spec->minutes, spec->sessions_per_week,
                                                   spec->weeks, spec->group_size));
      id = sp_store_step_insert (self, stmt, _("add the provision"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "provision", id);
  return id;
}

gint64
sp_store_add_review (SpStore      *self,
                     gint64        plan_id,
                     const gchar  *review_date,
                     const gchar  *attendees,
                     const gchar  *parent_views,
                     const gchar  *pupil_views,
                     const gchar  *next_steps,
                     const gchar  *decision,
                     GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO reviews (plan_id, review_date, attendees, parent_views, pupil_views,"
    "                     next_steps, decision, completed_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN ?7 IS NULL THEN NULL"
    "                               ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sp_store_bind_text (stmt, 2, review_date);
      sp_store_bind_text (stmt, 3, attendees);
      sp_store_bind_text (stmt, 4, parent_views);
      sp_store_bind_text (stmt, 5, pupil_views);
      sp_store_bind_text (stmt, 6, next_steps);
      sp_store_bind_text_or_null (stmt, 7, decision);
      id = sp_store_step_insert (self, stmt, _("record the review"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "reviews", id);
  return id;
}

gboolean
sp_store_add_review_outcome (SpStore      *self,
                             gint64        review_id,
                             gint64        target_id,
                             const gchar  *outcome,
                             const gchar  *evidence,
                             GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO review_outcomes (review_id, target_id, outcome, evidence) VALUES (?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, review_id);
      sqlite3_bind_int64 (stmt, 2, target_id);
      sp_store_bind_text (stmt, 3, outcome);
      sp_store_bind_text (stmt, 4, evidence);
      ok = sp_store_step_done (self, stmt, _("record the outcome"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "review_outcomes", review_id);
  return TRUE;
}

gint64
sp_store_add_annotation (SpStore      *self,
                         gint64        plan_id,
                         gint64        target_id,
                         const gchar  *note_date,
                         gint64        author_id,
                         const gchar  *text,
                         GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO annotations (plan_id, target_id, note_date, author_id, text)"
    " VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sp_store_bind_id_or_null (stmt, 2, target_id);
      sp_store_bind_text (stmt, 3, note_date);
      sp_store_bind_id_or_null (stmt, 4, author_id);
      sp_store_bind_text (stmt, 5, text);
      id = sp_store_step_insert (self, stmt, _("add the note"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "annotations", id);
  return id;
}

gint64
sp_store_add_meeting (SpStore      *self,
                      gint64        pupil_id,
                      const gchar  *meeting_date,
                      const gchar  *method,
                      const gchar  *attendees,
                      gint64        review_id,
                      GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO parent_meetings (pupil_id, meeting_date, method, attendees, review_id)"
    " VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  WRITE_BEGIN (self, error);
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sp_store_bind_text (stmt, 2, meeting_date);
      sp_store_bind_text (stmt, 3, method);
      sp_store_bind_text (stmt, 4, attendees);
      sp_store_bind_id_or_null (stmt, 5, review_id);
      id = sp_store_step_insert (self, stmt, _("record the meeting"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "parent_meetings", id);
  return id;
}

gchar *
sp_store_get_target_text (SpStore  *self,
                          gint64    target_id,
                          gint64   *revision,
                          GError  **error)
{
  return sp_store_read_text (self, SP_FIELD_TARGET_DESCRIPTION, target_id, revision, error);
}

/* Saves a target's text only if nobody changed it since @revision was read; otherwise fails
 * with SP_STORE_ERROR_STALE and changes nothing, so neither writer silently loses the other's
 * words. */
gboolean
sp_store_update_target_text (SpStore      *self,
                             gint64        target_id,
                             gint64        revision,
                             const gchar  *description,
                             gint64       *new_revision,
                             GError      **error)
{
  return sp_store_update_text (self, SP_FIELD_TARGET_DESCRIPTION, target_id, revision,
                               description, new_revision, error);
}
