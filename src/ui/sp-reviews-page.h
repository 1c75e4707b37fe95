#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_REVIEWS_PAGE (sp_reviews_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReviewsPage, sp_reviews_page, SP, REVIEWS_PAGE, AdwBin)

/* Signals: "plan-activated" (gint64 plan id), "pupil-activated" (gint64 pupil id). */
void   sp_reviews_page_show       (SpReviewsPage *self,
                                   SpStore       *store);
guint  sp_reviews_page_get_count  (SpReviewsPage *self,
                                   gint           group);

G_END_DECLS
