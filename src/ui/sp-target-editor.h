#pragma once

#include <adwaita.h>

#include "sp-autosave.h"

G_BEGIN_DECLS

#define SP_TYPE_TARGET_EDITOR (sp_target_editor_get_type ())

G_DECLARE_FINAL_TYPE (SpTargetEditor, sp_target_editor, SP, TARGET_EDITOR, AdwBin)

/* Signals: "remove", "move" (gint delta), "changed-structure" (strategies added or removed),
 * "save-to-bank". */
GtkWidget  *sp_target_editor_new        (SpStore               *store,
                                         SpAutosave            *autosave,
                                         const gchar * const   *vague_phrases);
void        sp_target_editor_set_target (SpTargetEditor        *self,
                                         const SpTargetRecord  *target,
                                         guint                  number,
                                         guint                  count,
                                         gboolean               editable);
gint64      sp_target_editor_get_id     (SpTargetEditor        *self);
GtkTextBuffer *sp_target_editor_get_buffer (SpTargetEditor     *self);
gboolean    sp_target_editor_is_vague   (SpTargetEditor        *self);
void        sp_wording_hint_update      (GtkLabel              *hint,
                                         const gchar           *text,
                                         const gchar * const   *phrases);

G_END_DECLS
