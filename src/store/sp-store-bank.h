#pragma once

#include "sp-bank.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The teacher's own entries in the bank of targets (table bank_entries, schema version 3). */
gint64      sp_store_add_bank_entry      (SpStore            *self,
                                          const SpBankEntry  *entry,
                                          GError            **error);
GPtrArray  *sp_store_list_bank_entries   (SpStore            *self,
                                          GError            **error);
gboolean    sp_store_delete_bank_entry   (SpStore            *self,
                                          gint64              id,
                                          GError            **error);

G_END_DECLS
