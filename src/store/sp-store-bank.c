/* sp-store-bank.c: the targets a teacher saved to the bank for next time.
 *
 * The shipped bank is a file in the program (sp-bank.c); these rows are the school's own.
 * Strategies are kept one a line in one column (sp_bank_join_strategies()). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-store-bank.h"
#include "sp-store-private.h"
#include "sp-text.h"

/* Saves a copy of @entry (its key, id and user_written are ignored) and returns the new
 * row's id, or 0 with @error: an empty target, text too long, or the same target already
 * saved (SP_STORE_ERROR_DUPLICATE). */
gint64
sp_store_add_bank_entry (SpStore            *self,
                         const SpBankEntry  *entry,
                         GError            **error)
{
  static const gchar sql[] =
    "INSERT INTO bank_entries (area, need, target, baseline, success, strategies, years)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autofree gchar *target = NULL;
  g_autofree gchar *baseline = NULL;
  g_autofree gchar *success = NULL;
  g_autofree gchar *joined = NULL;
  g_autofree gchar *strategies = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (entry->area < SP_N_AREAS, 0);

  if ((target = sp_text_clean (entry->target, error)) == NULL
      || (baseline = sp_text_clean (entry->baseline, error)) == NULL
      || (success = sp_text_clean (entry->success, error)) == NULL)
    return 0;
  joined = sp_bank_join_strategies ((const gchar * const *) entry->strategies);
  if ((strategies = sp_text_clean (joined, error)) == NULL)
    return 0;

  g_strstrip (target);
  if (*target == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Write the target first: an empty target cannot be saved to the "
                             "bank."));
      return 0;
    }

  if (!sp_store_begin (self, error))
    return 0;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sp_store_bind_text (stmt, 1, sp_area_key (entry->area));
      sp_store_bind_text (stmt, 2, entry->need);
      sp_store_bind_text (stmt, 3, target);
      sp_store_bind_text (stmt, 4, g_strstrip (baseline));
      sp_store_bind_text (stmt, 5, g_strstrip (success));
      sp_store_bind_text (stmt, 6, strategies);
      sp_store_bind_text (stmt, 7, entry->years);
      id = sp_store_step_insert (self, stmt, _("save the target to your bank"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "bank_entries", id);
  return id;
}

/* The teacher's entries, newest first, as an array of SpBankEntry (it frees them), each with
 * user_written set and the key "own-ID". NULL with @error when the database cannot be read. */
GPtrArray *
sp_store_list_bank_entries (SpStore  *self,
                            GError  **error)
{
  static const gchar sql[] =
    "SELECT id, area, need, target, baseline, success, strategies, years"
    " FROM bank_entries ORDER BY id DESC";
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_bank_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpBankEntry *e = g_new0 (SpBankEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->key = g_strdup_printf ("own-%" G_GINT64_FORMAT, e->id);
      e->area = sp_area_from_key (sp_store_column_text (stmt, 1));
      e->need = g_strdup (sp_store_column_text (stmt, 2));
      e->target = g_strdup (sp_store_column_text (stmt, 3));
      e->baseline = g_strdup (sp_store_column_text (stmt, 4));
      e->success = g_strdup (sp_store_column_text (stmt, 5));
      e->strategies = sp_bank_split_strategies (sp_store_column_text (stmt, 6));
      e->years = g_strdup (sp_store_column_text (stmt, 7));
      e->user_written = TRUE;
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read your saved targets"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
sp_store_delete_bank_entry (SpStore  *self,
                            gint64    id,
                            GError  **error)
{
  static const gchar sql[] = "DELETE FROM bank_entries WHERE id = ?1";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = sp_store_step_done (self, stmt, _("remove the target from your bank"), error);
      if (ok && sqlite3_changes (sp_store_get_db (self)) == 0)
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                               _("This target is no longer in your bank."));
          ok = FALSE;
        }
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "bank_entries", id);
  return TRUE;
}
