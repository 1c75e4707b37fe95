#pragma once

#include <glib.h>

#include "sp-doc.h"
#include "sp-layout.h"
#include "sp-record.h"
#include "sp-store-senco.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The SENCO's documents (see sp-store-senco.h for what every figure means):
 *
 *   register        the SEN register as CSV (for a spreadsheet) or as a PDF (A4 landscape)
 *   provision map   every intervention, its pupils, staff time and yearly cost, grouped by
 *                   area of need, and each pupil's yearly cost against the notional SEN
 *                   threshold; A4 landscape, for the head and the governors
 *   what works      outcomes and measures per intervention and by cohort
 *   evidence pack   one pupil's cycles of SEN support, for a request to the local authority
 *                   for top-up funding or an EHC needs assessment
 *
 * @today is the day the school year is taken from and the date printed; NULL means today.
 * Every file is written atomically (a temporary file, then a rename) and readable by the
 * user alone (0600). */

/* The register as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
 * accents in names right), a header row, CRLF line ends, every field quoted when it holds a
 * comma, a quote or a line break (RFC 4180); a field that starts with =, +, -, @, a tab or a
 * carriage return is written with a ' before it, so no spreadsheet runs it as a formula. */
gchar    *sp_senco_register_csv           (GPtrArray             *rows);
/* @only: what the rows were narrowed to ("Owls · EHC plan"), printed under the title; NULL
 * when they are the whole register. */
SpDoc    *sp_senco_register_doc           (GPtrArray             *rows,
                                           const SpSchoolRecord  *school,
                                           const GDate           *today,
                                           const gchar           *only);
SpDoc    *sp_senco_provision_map_doc      (const SpProvisionMap  *map,
                                           const SpSchoolRecord  *school,
                                           const GDate           *today);
SpDoc    *sp_senco_what_works_doc         (const SpWhatWorks     *works,
                                           const SpSchoolRecord  *school,
                                           const GDate           *today);
/* Fails (SP_EXPORT_ERROR_NO_PLAN) when the pupil has no plan at all. */
SpDoc    *sp_senco_evidence_pack_doc      (const SpPupilRecord   *pupil,
                                           const SpSchoolRecord  *school,
                                           gint64                 year_cost_pence,
                                           gint64                 threshold_pence,
                                           const GDate           *today,
                                           GError               **error);

/* From the store to a file. */
gboolean  sp_senco_export_register        (SpStore               *store,
                                           const GDate           *today,
                                           gboolean               csv,
                                           const gchar           *path,
                                           GError               **error);
/* @rows (SpRegisterRow) as the window shows them, perhaps filtered (see @only above). */
gboolean  sp_senco_save_register          (SpStore               *store,
                                           GPtrArray             *rows,
                                           const GDate           *today,
                                           gboolean               csv,
                                           const gchar           *only,
                                           const gchar           *path,
                                           GError               **error);
gboolean  sp_senco_export_provision_map   (SpStore               *store,
                                           const GDate           *today,
                                           const gchar           *path,
                                           GError               **error);
gboolean  sp_senco_export_what_works      (SpStore               *store,
                                           const GDate           *today,
                                           const gchar           *path,
                                           GError               **error);
SpDoc    *sp_senco_load_evidence_pack     (SpStore               *store,
                                           gint64                 pupil_id,
                                           const GDate           *today,
                                           GError               **error);
gboolean  sp_senco_export_evidence_pack   (SpStore               *store,
                                           gint64                 pupil_id,
                                           const GDate           *today,
                                           const gchar           *path,
                                           GError               **error);

G_END_DECLS
