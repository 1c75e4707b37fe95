#pragma once

#include <adwaita.h>

#include "sp-autosave.h"

G_BEGIN_DECLS

#define SP_TYPE_PROVISION_ROW (sp_provision_row_get_type ())

G_DECLARE_FINAL_TYPE (SpProvisionRow, sp_provision_row, SP, PROVISION_ROW, GtkListBoxRow)

/* Signals: "remove"; "cost-changed" (gint64 new cost in pence). */
GtkWidget  *sp_provision_row_new       (SpAutosave              *autosave,
                                        const gchar * const     *vague_phrases);
void        sp_provision_row_set_provision (SpProvisionRow      *self,
                                        const SpProvisionRecord *p,
                                        gboolean                 editable);
void        sp_provision_row_flush     (SpProvisionRow          *self);
gint64      sp_provision_row_get_id    (SpProvisionRow          *self);
gint64      sp_provision_row_get_cost  (SpProvisionRow          *self);
void        sp_provision_row_set_values (SpProvisionRow         *self,
                                        guint                    group_size,
                                        guint                    sessions,
                                        guint                    minutes,
                                        guint                    weeks);

G_END_DECLS
