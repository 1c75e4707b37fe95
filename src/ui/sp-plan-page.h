#pragma once

#include <adwaita.h>

#include "sp-autosave.h"

G_BEGIN_DECLS

#define SP_TYPE_PLAN_PAGE (sp_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanPage, sp_plan_page, SP, PLAN_PAGE, AdwBin)

void         sp_plan_page_show         (SpPlanPage  *self,
                                        SpStore     *store,
                                        SpSaver     *saver,
                                        gint64       plan_id);
void         sp_plan_page_flush        (SpPlanPage  *self);
gint64       sp_plan_page_get_plan_id  (SpPlanPage  *self);
gint64       sp_plan_page_get_pupil_id (SpPlanPage  *self);
const gchar *sp_plan_page_get_notice   (SpPlanPage  *self);
const gchar *sp_plan_page_get_total    (SpPlanPage  *self);
gboolean     sp_plan_page_undo_last    (SpPlanPage  *self);

G_END_DECLS
