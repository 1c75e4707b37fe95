#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* The SENCO's view of the whole school, in three tabs: the SEN register (filtered by class,
 * year, status, area and type of need, with counts), the provision map (every intervention,
 * staff time and cost, and the pupils over or near the notional SEN threshold) and what works
 * (a chart and a table of outcomes at review, by intervention or cohort). Each tab exports
 * (CSV or PDF) through a file chooser. The page refills itself when the store changes.
 *
 * Signal: "pupil-activated" (gint64 pupil id) when a pupil's row is activated. */

#define SP_TYPE_SCHOOL_PAGE (sp_school_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSchoolPage, sp_school_page, SP, SCHOOL_PAGE, AdwBin)

GtkWidget  *sp_school_page_new                 (void);
void        sp_school_page_show                (SpSchoolPage *self,
                                                SpStore      *store);
/* Pupils the register shows now, after its filters. */
guint       sp_school_page_get_register_count  (SpSchoolPage *self);

/* For a pupil's page: asks where to save the pupil's evidence pack for the local authority
 * (a file chooser), saves it, and says so in @toasts (may be NULL). */
void        sp_school_page_save_evidence_pack  (GtkWindow       *parent,
                                                SpStore         *store,
                                                gint64           pupil_id,
                                                AdwToastOverlay *toasts);

G_END_DECLS
