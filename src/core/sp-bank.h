#pragma once

#include <glib.h>

#include "sp-need.h"

G_BEGIN_DECLS

/* One target from the bank: the shipped file (data/target-bank.ini, in the GResource) or one a
 * teacher saved for next time (the bank_entries table). Plain data, like sp-record.h: text
 * fields are never NULL ("" when not given), strategies never NULL (may be empty). */
typedef struct
{
  gchar    *key;            /* "communication-01" for a shipped entry, "own-12" for a teacher's */
  gint64    id;             /* the database's id for a teacher's entry, 0 for a shipped one */
  SpArea    area;
  gchar    *need;           /* census code ("SLCN") or "" */
  gchar    *target;         /* what the pupil will be able to do */
  gchar    *baseline;       /* what to record now */
  gchar    *success;        /* how we will know */
  GStrv     strategies;     /* what adults will do */
  gchar    *years;          /* year groups it suits ("R-2", "3-6") or "" */
  gboolean  user_written;   /* TRUE for the teacher's own entries */
} SpBankEntry;

SpBankEntry *sp_bank_entry_new                (void);
SpBankEntry *sp_bank_entry_copy               (const SpBankEntry   *entry);
void         sp_bank_entry_free               (SpBankEntry         *entry);

GPtrArray   *sp_bank_parse                    (GBytes              *ini,
                                               GError             **error);
gboolean     sp_bank_entry_matches            (const SpBankEntry   *entry,
                                               const gchar         *query,
                                               SpArea               area);
gchar       *sp_bank_fold                     (const gchar         *text);
gchar       *sp_bank_join_strategies          (const gchar * const *strategies);
GStrv        sp_bank_split_strategies         (const gchar         *joined);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBankEntry, sp_bank_entry_free)

G_END_DECLS
