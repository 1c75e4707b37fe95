#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* The text fields a teacher edits in place. Each names one column of one table; the store
 * holds one fixed UPDATE statement per field, so no SQL is ever built from what is typed. */
typedef enum
{
  SP_FIELD_PUPIL_FORENAME,
  SP_FIELD_PUPIL_SURNAME,
  SP_FIELD_PUPIL_UPN,
  SP_FIELD_PUPIL_DATE_OF_BIRTH,
  SP_FIELD_PUPIL_YEAR_GROUP,
  SP_FIELD_PUPIL_CLASS_NAME,
  SP_FIELD_PUPIL_SEN_STATUS,
  SP_FIELD_PUPIL_STRENGTHS,
  SP_FIELD_PUPIL_LIKES,
  SP_FIELD_PUPIL_DISLIKES,
  SP_FIELD_PUPIL_ANXIETIES,
  SP_FIELD_PUPIL_WHAT_HELPS,
  SP_FIELD_PLAN_START_DATE,
  SP_FIELD_PLAN_REVIEW_DATE,
  SP_FIELD_PLAN_STATUS,
  SP_FIELD_PLAN_AREAS,
  SP_FIELD_PLAN_PARENT_CONTRIBUTION,
  SP_FIELD_PLAN_PUPIL_LIKES,
  SP_FIELD_PLAN_PUPIL_FINDS_HARD,
  SP_FIELD_PLAN_PUPIL_HELPS,
  SP_FIELD_PLAN_PUPIL_WORRIES,
  SP_FIELD_PLAN_VIEWS_DATE,
  SP_FIELD_PLAN_VIEWS_HOW,
  SP_FIELD_TARGET_DESCRIPTION,
  SP_FIELD_TARGET_AREA,
  SP_FIELD_TARGET_BASELINE,
  SP_FIELD_TARGET_SUCCESS_CRITERIA,
  SP_FIELD_STRATEGY_DESCRIPTION,
  SP_FIELD_PROVISION_DESCRIPTION,
  SP_FIELD_PROVISION_START_DATE,
  SP_FIELD_CONTACT_NAME,
  SP_FIELD_CONTACT_RELATIONSHIP,
  SP_FIELD_CONTACT_PHONE,
  SP_FIELD_CONTACT_EMAIL,
  SP_FIELD_CONTACT_PREFERRED_METHOD,
  /* A review in progress (schema version 5, sp-store-review.h): these name a plan's id... */
  SP_FIELD_REVIEW_DRAFT_DATE,
  SP_FIELD_REVIEW_DRAFT_ATTENDEES,
  SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD,
  SP_FIELD_REVIEW_DRAFT_PARENT_VIEWS,
  SP_FIELD_REVIEW_DRAFT_PUPIL_VIEWS,
  SP_FIELD_REVIEW_DRAFT_DECISION,
  SP_FIELD_REVIEW_DRAFT_NEXT_STEPS,
  /* ...and these a target's id; the rows are made by sp_store_begin_review_draft(). */
  SP_FIELD_REVIEW_DRAFT_OUTCOME,
  SP_FIELD_REVIEW_DRAFT_EVIDENCE,
  SP_FIELD_REVIEW_DRAFT_MEASURE_BEFORE,
  SP_FIELD_REVIEW_DRAFT_MEASURE_AFTER,
  SP_FIELD_REVIEW_DRAFT_MEASURE_UNIT,
  SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD,
  SP_N_FIELDS
} SpField;

const gchar *sp_field_table            (SpField        field);
gboolean     sp_store_update_text      (SpStore       *self,
                                        SpField        field,
                                        gint64         id,
                                        gint64         revision,
                                        const gchar   *text,
                                        gint64        *new_revision,
                                        GError       **error);
gchar       *sp_store_read_text        (SpStore       *self,
                                        SpField        field,
                                        gint64         id,
                                        gint64        *revision,
                                        GError       **error);
gboolean     sp_store_update_provision (SpStore       *self,
                                        gint64         provision_id,
                                        gint64         revision,
                                        const SpProvisionSpec *spec,
                                        gint64        *new_revision,
                                        gint64        *cost_pence,
                                        GError       **error);
gint64       sp_store_new_plan         (SpStore       *self,
                                        gint64         pupil_id,
                                        const gchar   *start_date,
                                        const gchar   *review_date,
                                        GError       **error);
gboolean     sp_store_delete_row       (SpStore       *self,
                                        const gchar   *table,
                                        gint64         id,
                                        GError       **error);
gint64       sp_store_reinsert_target  (SpStore       *self,
                                        gint64         plan_id,
                                        const SpTargetRecord *target,
                                        GError       **error);
gint64       sp_store_reinsert_provision (SpStore     *self,
                                        gint64         plan_id,
                                        const SpProvisionRecord *provision,
                                        GError       **error);
gboolean     sp_store_move_target      (SpStore       *self,
                                        gint64         target_id,
                                        gint           delta,
                                        GError       **error);
gboolean     sp_store_set_pupil_needs  (SpStore       *self,
                                        gint64         pupil_id,
                                        const gchar * const *codes,
                                        GError       **error);
GHashTable  *sp_store_list_role_rates  (SpStore       *self,
                                        GError       **error);
GPtrArray   *sp_store_list_contacts    (SpStore       *self,
                                        gint64         pupil_id,
                                        GError       **error);
gint64       sp_store_plan_total_pence (SpStore       *self,
                                        gint64         plan_id,
                                        GError       **error);

G_END_DECLS
