#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PUPIL_DIALOG (sp_pupil_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpPupilDialog, sp_pupil_dialog, SP, PUPIL_DIALOG, AdwWindow)

/* Emits "pupil-added" (gint64 id) when the pupil is in the database, then closes. */
SpPupilDialog *sp_pupil_dialog_new          (GtkWindow     *parent,
                                             SpStore       *store);
const gchar   *sp_pupil_dialog_get_problem  (SpPupilDialog *self);

G_END_DECLS
