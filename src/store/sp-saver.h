#pragma once

#include "sp-store-edit.h"

G_BEGIN_DECLS

/* Called on the main context when a queued write is done: @error is NULL on success, and
 * @new_revision the row's revision after it. Not called if @owner has gone meanwhile. */
typedef void (*SpSaverDone) (GObject      *owner,
                             gint64        new_revision,
                             gint64        cost_pence,
                             const GError *error,
                             gpointer      user_data);

#define SP_TYPE_SAVER (sp_saver_get_type ())

G_DECLARE_FINAL_TYPE (SpSaver, sp_saver, SP, SAVER, GObject)

SpSaver  *sp_saver_new             (SpStore               *store,
                                    GError               **error);
void      sp_saver_save_text       (SpSaver               *self,
                                    SpField                field,
                                    gint64                 id,
                                    gint64                 revision,
                                    const gchar           *text,
                                    GObject               *owner,
                                    SpSaverDone            done,
                                    gpointer               user_data);
void      sp_saver_save_provision  (SpSaver               *self,
                                    gint64                 id,
                                    gint64                 revision,
                                    const SpProvisionSpec *spec,
                                    GObject               *owner,
                                    SpSaverDone            done,
                                    gpointer               user_data);
void      sp_saver_flush           (SpSaver               *self);
void      sp_saver_deliver         (SpSaver               *self);
void      sp_saver_settle          (SpSaver               *self);
guint     sp_saver_get_pending     (SpSaver               *self);

void         sp_saver_report_unsaved (SpSaver             *self,
                                      gconstpointer        holder,
                                      const gchar         *problem);
const gchar *sp_saver_get_problem    (SpSaver             *self);
void         sp_saver_retry          (SpSaver             *self);

G_END_DECLS
