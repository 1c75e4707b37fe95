#pragma once

/* Importing pupils from a file (the school's Common Transfer File, or an agency exchange file):
 * a preview first, then, if the user accepts it, one transaction.
 *
 * A reader (src/export/sp-ctf.c, sp-agency-xml.c) fills a preview with the records it read and
 * the records it had to reject; sp_store_import_prepare() matches each record to the database
 * by UPN and says what would happen to it; sp_store_import_apply() does it. An import never
 * removes or overwrites what was written in the app: plans, views, notes, contacts and
 * meetings are only ever added, and only when they are not already there. */

#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_IMPORT_NEW,
  SP_IMPORT_CHANGED,
  SP_IMPORT_UNCHANGED,
  SP_IMPORT_REJECTED,
} SpImportKind;

typedef struct
{
  gchar *field;                   /* what changes, in words: "Surname" */
  gchar *before;
  gchar *after;
} SpImportChange;

typedef struct
{
  SpImportKind   kind;
  gchar         *upn;
  gchar         *name;            /* "Forename Surname", for the preview */
  gchar         *reason;          /* why it was rejected; NULL otherwise */
  SpPupilRecord *record;          /* what was read; NULL when rejected */
  gint64         pupil_id;        /* the pupil it matched, or 0 */
  GPtrArray     *changes;         /* SpImportChange: details that would change */
  GPtrArray     *notes;           /* gchar *: what is added, or left out as already there */
} SpImportItem;

typedef struct
{
  gchar     *source;              /* "Common Transfer File from Oak Hill Primary" */
  gboolean   whole_records;       /* plans, contacts, meetings are imported too (agency) */
  SpSchoolRecord *school;         /* the sending school's details, or NULL; written only into
                                     a database whose school has no name yet */
  GPtrArray *items;               /* SpImportItem, in the file's order */
  guint      n_new;
  guint      n_changed;
  guint      n_unchanged;
  guint      n_rejected;
} SpImportPreview;

SpImportPreview *sp_import_preview_new          (gboolean          whole_records);
void             sp_import_preview_free         (SpImportPreview  *preview);
void             sp_import_preview_add_record   (SpImportPreview  *preview,
                                                 SpPupilRecord    *record);
void             sp_import_preview_reject       (SpImportPreview  *preview,
                                                 const gchar      *upn,
                                                 const gchar      *name,
                                                 const gchar      *reason);
guint            sp_import_preview_n_importable (SpImportPreview  *preview);

gboolean         sp_store_import_prepare        (SpStore          *self,
                                                 SpImportPreview  *preview,
                                                 GError          **error);
gboolean         sp_store_import_apply          (SpStore          *self,
                                                 SpImportPreview  *preview,
                                                 guint            *n_written,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpImportPreview, sp_import_preview_free)

G_END_DECLS
