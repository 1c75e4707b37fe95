#pragma once

#include <adwaita.h>

#include "sp-bank.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_BANK_DIALOG (sp_bank_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpBankDialog, sp_bank_dialog, SP, BANK_DIALOG, AdwWindow)

/* Called once when the dialog closes: with the entry the teacher chose (valid only during the
 * call: copy what you keep, e.g. with sp_bank_entry_copy()), or with NULL when they cancelled. */
typedef void (*SpBankChosen) (const SpBankEntry *entry,
                              gpointer           user_data);

SpBankDialog *sp_bank_dialog_choose             (GtkWindow            *parent,
                                                 SpStore              *store,
                                                 SpArea                area_hint,
                                                 SpBankChosen          callback,
                                                 gpointer              user_data);
gboolean      sp_bank_save_target               (SpStore              *store,
                                                 SpArea                area,
                                                 const gchar          *target,
                                                 const gchar          *baseline,
                                                 const gchar          *success,
                                                 const gchar * const  *strategies,
                                                 GError              **error);

/* For tests and the editor: what the list shows now, and the search. */
GListModel   *sp_bank_dialog_get_visible        (SpBankDialog         *self);
const SpBankEntry *sp_bank_dialog_get_entry     (SpBankDialog         *self,
                                                 guint                 position);
void          sp_bank_dialog_set_search_text    (SpBankDialog         *self,
                                                 const gchar          *text);
void          sp_bank_dialog_set_area           (SpBankDialog         *self,
                                                 SpArea                area);
const gchar  *sp_bank_dialog_get_problem        (SpBankDialog         *self);

G_END_DECLS
