#pragma once

#include <adwaita.h>

#include "sp-store-import.h"

G_BEGIN_DECLS

#define SP_TYPE_IMPORT_DIALOG (sp_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpImportDialog, sp_import_dialog, SP, IMPORT_DIALOG, AdwWindow)

/* Opens the import preview for @file (a Common Transfer File or a Support Plans record file)
 * over @parent: the file is read in a thread, the preview shown (new, changed field by field,
 * unchanged, rejected with reasons), and nothing is written until the teacher presses Import. */
void             sp_import_dialog_run         (GtkWindow       *parent,
                                               SpStore         *store,
                                               GFile           *file);
SpImportDialog  *sp_import_dialog_new         (GtkWindow       *parent,
                                               SpStore         *store,
                                               GFile           *file);

/* For tests: "loading", "error", "preview" or "done"; the preview once read; the message. */
const gchar     *sp_import_dialog_get_state   (SpImportDialog  *self);
SpImportPreview *sp_import_dialog_get_preview (SpImportDialog  *self);
const gchar     *sp_import_dialog_get_message (SpImportDialog  *self);

G_END_DECLS
