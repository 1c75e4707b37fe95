#pragma once

#include <glib.h>

#include "sp-doc.h"
#include "sp-layout.h"
#include "sp-record.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The three printed copies, built from a pupil's whole record (sp_store_load_record):
 *
 *   parent  the plan for parents: plain words, larger type, room for their comments
 *   review  the record of a review, for the parents and the file
 *   agency  the whole SEN Support history, for an outside professional
 *
 * @today is the date printed on each page; NULL means today. A pupil with no plan (or, for a
 * review record, no completed review) is a SP_EXPORT_ERROR with a sentence saying so. */

typedef enum
{
  SP_DOCUMENT_PARENT,
  SP_DOCUMENT_REVIEW,
  SP_DOCUMENT_AGENCY,
} SpDocumentKind;

gboolean     sp_document_kind_from_string  (const gchar           *text,
                                            SpDocumentKind        *kind);
const gchar *sp_document_kind_to_string    (SpDocumentKind         kind);
const gchar *sp_document_kind_file_words   (SpDocumentKind         kind);

SpDoc       *sp_document_build             (SpDocumentKind         kind,
                                            const SpPupilRecord   *pupil,
                                            const SpSchoolRecord  *school,
                                            const GDate           *today,
                                            GError               **error);
SpDoc       *sp_document_parent_plan       (const SpPupilRecord   *pupil,
                                            const SpSchoolRecord  *school,
                                            gint64                 plan_id,
                                            const GDate           *today,
                                            GError               **error);
SpDoc       *sp_document_review_record     (const SpPupilRecord   *pupil,
                                            const SpSchoolRecord  *school,
                                            gint64                 review_id,
                                            const GDate           *today,
                                            GError               **error);
SpDoc       *sp_document_agency_copy       (const SpPupilRecord   *pupil,
                                            const SpSchoolRecord  *school,
                                            const GDate           *today,
                                            GError               **error);

SpDoc       *sp_document_load              (SpStore               *store,
                                            gint64                 pupil_id,
                                            SpDocumentKind         kind,
                                            const GDate           *today,
                                            gchar                **file_name,
                                            GError               **error);
gchar       *sp_document_file_name         (const SpPupilRecord   *pupil,
                                            SpDocumentKind         kind,
                                            const GDate           *today,
                                            gboolean               with_upn);

G_END_DECLS
