#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pupil's whole SEN Support record, as plain data: what the printed copies (src/export PDF)
 * and the agency exchange format (src/export XML) are built from, and what an import writes.
 * Plain structs, not GObjects: a record is read once, used, and freed; nothing binds to it.
 * Text fields are never NULL (the empty string stands for "not recorded"); optional dates are
 * "" when absent; ids are the database's and 0 for a record not yet stored. */

typedef struct
{
  gint64  id;
  gchar  *name;
  gchar  *relationship;
  gchar  *phone;
  gchar  *email;
  gchar  *address;
  gchar  *preferred_method;       /* phone, email, letter, text, in_person */
  gboolean parental_responsibility;
} SpContactRecord;

typedef struct
{
  gint64  id;
  gchar  *description;
  gint64  revision;
} SpStrategyRecord;

typedef struct
{
  gint64     id;
  guint      position;            /* 1..4 */
  gchar     *area;                /* area key or "" */
  gchar     *description;         /* what the pupil will be able to do */
  gchar     *baseline;
  gchar     *success_criteria;
  GPtrArray *strategies;          /* SpStrategyRecord */
  gint64     revision;            /* for edits: see sp_store_update_text() */
  gint64     carried_from;        /* the previous plan's target it was carried forward from, or 0 */
} SpTargetRecord;

typedef struct
{
  gint64  id;
  guint   position;
  gchar  *description;
  gchar  *area;
  gchar  *role;                   /* key of role_rates */
  gchar  *role_label;             /* "Teaching assistant" */
  gchar  *staff_name;             /* "" when no named person */
  guint   group_size;
  guint   sessions_per_week;
  guint   minutes;
  guint   weeks;
  gchar  *start_date;
  gchar  *end_date;
  gint64  cost_pence;
  gint64  revision;
} SpProvisionRecord;

typedef struct
{
  gint64   id;
  gint64   target_id;
  guint    target_position;       /* which target of the plan, 1..4 */
  gchar   *outcome;               /* achieved, partly, not_achieved */
  gchar   *evidence;
  gboolean has_before;
  gdouble  measure_before;
  gboolean has_after;
  gdouble  measure_after;
  gchar   *measure_unit;
} SpOutcomeRecord;

typedef struct
{
  gint64     id;
  gchar     *review_date;
  gchar     *attendees;
  gchar     *parent_views;
  gchar     *pupil_views;
  gchar     *next_steps;
  gchar     *decision;            /* new_plan, continue, cease, top_up, ehc_request,
                                     specialist, or "" while not completed */
  gchar     *completed_at;
  GPtrArray *outcomes;            /* SpOutcomeRecord */
  gchar     *reopened_at;         /* "" unless the review was reopened (sp_store_reopen_review) */
  gchar     *reopen_reason;
} SpReviewRecord;

typedef struct
{
  gint64  id;
  gint64  target_id;              /* 0: a note on the whole plan */
  guint   target_position;        /* 0 or 1..4 */
  gchar  *note_date;
  gchar  *author;
  gchar  *text;
} SpAnnotationRecord;

typedef struct
{
  gint64     id;
  gchar     *start_date;
  gchar     *review_date;
  gchar     *status;              /* draft, active, reviewed, archived */
  gchar     *areas;               /* comma-separated area keys */
  gchar     *written_by;
  gchar     *parent_contribution;
  gchar     *pupil_likes;
  gchar     *pupil_finds_hard;
  gchar     *pupil_helps;
  gchar     *pupil_worries;
  gchar     *views_date;
  gchar     *views_how;
  GPtrArray *targets;             /* SpTargetRecord, by position */
  GPtrArray *provision;           /* SpProvisionRecord, by position */
  GPtrArray *reviews;             /* SpReviewRecord, by date */
  GPtrArray *annotations;         /* SpAnnotationRecord, by date */
  gint64     revision;
  gint64     pupil_id;
  gint64     previous_plan_id;    /* the plan this one followed, or 0 */
} SpPlanRecord;

typedef struct
{
  gint64  id;
  gint64  review_id;              /* 0 when not a review meeting */
  gchar  *meeting_date;
  gchar  *method;                 /* in_person, phone, video */
  gchar  *attendees;
  gchar  *notes;
} SpMeetingRecord;

typedef struct
{
  gint64     id;
  gchar     *upn;
  gchar     *forename;
  gchar     *surname;
  gchar     *date_of_birth;
  gchar     *sex;
  gchar     *year_group;
  gchar     *class_name;
  gchar     *sen_status;          /* N, K, E */
  gboolean   looked_after;
  gboolean   medical_condition;
  gboolean   health_care_plan;
  gchar     *strengths;
  gchar     *likes;
  gchar     *dislikes;
  gchar     *anxieties;
  gchar     *what_helps;
  GStrv      needs;               /* census codes, most important first */
  GPtrArray *contacts;            /* SpContactRecord */
  GPtrArray *plans;               /* SpPlanRecord, oldest first */
  GPtrArray *meetings;            /* SpMeetingRecord, by date */
} SpPupilRecord;

typedef struct
{
  gchar  *name;
  gchar  *la_number;
  gchar  *establishment;
  gchar  *address;
  gchar  *phone;
  gchar  *email;
  gchar  *senco_name;
} SpSchoolRecord;

SpPupilRecord  *sp_pupil_record_new     (void);
void            sp_pupil_record_free    (SpPupilRecord  *record);
SpPlanRecord   *sp_plan_record_new      (void);
SpTargetRecord *sp_target_record_new    (void);
SpReviewRecord *sp_review_record_new    (void);
SpSchoolRecord *sp_school_record_new    (void);
void            sp_school_record_free   (SpSchoolRecord *record);

/* The free functions of the parts, for the GPtrArrays above (they are set by the _new
 * functions, so freeing the pupil frees everything). */
void            sp_contact_record_free    (gpointer record);
void            sp_strategy_record_free   (gpointer record);
void            sp_target_record_free     (gpointer record);
void            sp_provision_record_free  (gpointer record);
void            sp_outcome_record_free    (gpointer record);
void            sp_review_record_free     (gpointer record);
void            sp_annotation_record_free (gpointer record);
void            sp_plan_record_free       (gpointer record);
void            sp_meeting_record_free    (gpointer record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPupilRecord, sp_pupil_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSchoolRecord, sp_school_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPlanRecord, sp_plan_record_free)

G_END_DECLS
