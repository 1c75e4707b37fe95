#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema as numbered migrations: migrations[0] takes an empty file to version 1, and so on.
 * Each runs in one transaction with PRAGMA user_version set at its end. */
extern const gchar * const sp_store_migrations[];
extern const guint sp_store_n_migrations;

/* 'SPLN': marks the file as ours, so a foreign SQLite file is never taken for a school. */
#define SP_STORE_APPLICATION_ID 0x53504c4e

G_END_DECLS
