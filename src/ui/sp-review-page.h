#pragma once

#include <adwaita.h>

#include "sp-saver.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_REVIEW_PAGE (sp_review_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReviewPage, sp_review_page, SP, REVIEW_PAGE, AdwBin)

/* Emits "completed" (gint64 review id, gint64 next plan id or 0) once the review is saved. */
gboolean  sp_review_page_start        (SpReviewPage  *self,
                                       SpStore       *store,
                                       SpSaver       *saver,
                                       gint64         plan_id,
                                       GError       **error);
void      sp_review_page_flush        (SpReviewPage  *self);
gint64    sp_review_page_get_plan_id  (SpReviewPage  *self);
void      sp_review_page_set_outcome  (SpReviewPage  *self,
                                       guint          index,
                                       const gchar   *outcome,
                                       const gchar   *evidence,
                                       const gchar   *before,
                                       const gchar   *after,
                                       const gchar   *unit);
const gchar *sp_review_page_get_problem (SpReviewPage *self);

G_END_DECLS
