#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_TYPE_PLAN (sp_plan_get_type ())

G_DECLARE_FINAL_TYPE (SpPlan, sp_plan, SP, PLAN, GObject)

SpPlan       *sp_plan_new               (void);
gint64        sp_plan_get_id            (SpPlan       *self);
void          sp_plan_set_id            (SpPlan       *self,
                                         gint64        id);
guint         sp_plan_get_target_count  (SpPlan       *self);
void          sp_plan_set_target_count  (SpPlan       *self,
                                         guint         count);
const gchar  *sp_plan_get_text          (SpPlan       *self,
                                         const gchar  *property);
gchar        *sp_plan_dup_title         (SpPlan       *self);

G_END_DECLS
