#pragma once

/* For the files of src/store/ only: the statement cache and helpers that every query uses, so
 * a new group of queries can live in a file of its own (sp-store-record.c, ...). Nothing
 * outside src/store/ includes this header or sqlite3.h. */

#include <sqlite3.h>

#include "sp-store.h"

G_BEGIN_DECLS

sqlite3       *sp_store_get_db             (SpStore       *self);
sqlite3_stmt  *sp_store_statement          (SpStore       *self,
                                            const gchar   *sql,
                                            GError       **error);
void           sp_store_set_sqlite_error   (SpStore       *self,
                                            gint           rc,
                                            const gchar   *what,
                                            GError       **error);
void           sp_store_bind_text          (sqlite3_stmt  *stmt,
                                            gint           index,
                                            const gchar   *text);
void           sp_store_bind_text_or_null  (sqlite3_stmt  *stmt,
                                            gint           index,
                                            const gchar   *text);
void           sp_store_bind_id_or_null    (sqlite3_stmt  *stmt,
                                            gint           index,
                                            gint64         id);
const gchar   *sp_store_column_text        (sqlite3_stmt  *stmt,
                                            gint           column);
gboolean       sp_store_step_done          (SpStore       *self,
                                            sqlite3_stmt  *stmt,
                                            const gchar   *what,
                                            GError       **error);
gint64         sp_store_step_insert        (SpStore       *self,
                                            sqlite3_stmt  *stmt,
                                            const gchar   *what,
                                            GError       **error);
gboolean       sp_store_finish             (SpStore       *self,
                                            gboolean       ok,
                                            GError       **error);
void           sp_store_emit_changed       (SpStore       *self,
                                            const gchar   *table,
                                            gint64         id);
gboolean       sp_store_refuse             (GError        *local,
                                            GError       **error);

G_END_DECLS
