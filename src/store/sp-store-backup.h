#pragma once

#include <glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* Backups with SQLite's online backup API: each is a consistent copy of the whole database,
 * written to a temporary file beside its final name, checked with integrity_check, and only
 * then renamed into place (so a backup that exists is a good one). */

gchar     *sp_store_backups_dir_for     (const gchar   *database_path);
gboolean   sp_store_backup_to           (SpStore       *self,
                                         const gchar   *path,
                                         GError       **error);
gboolean   sp_store_backup_daily        (SpStore       *self,
                                         const gchar   *backups_dir,
                                         const GDate   *today,
                                         GError       **error);
gboolean   sp_store_backup_prune        (const gchar   *backups_dir,
                                         const GDate   *today,
                                         GError       **error);
gboolean   sp_store_backup_check        (const gchar   *backup_file,
                                         GError       **error);
gboolean   sp_store_restore_from        (const gchar   *database_path,
                                         const gchar   *backup_file,
                                         gchar        **kept_path,
                                         GError       **error);
gboolean   sp_store_restore_from_full   (const gchar   *database_path,
                                         const gchar   *backup_file,
                                         gchar        **kept_path,
                                         gchar        **log_path,
                                         GError       **error);

G_END_DECLS
