#pragma once

/* Reviews and the graduated approach (assess, plan, do, review, again): what the review page,
 * the reviews-due view, the parent-meeting counts and the pupil's history are built on.
 *
 * The rules that need no database (school year, meetings expected by a date, checking what
 * was typed, grouping by due date) are in src/core/sp-review-rules.h; this file adds the
 * reads and the writes.
 *
 * A plan's life: draft → active → (review completed) reviewed, read-only → (review reopened,
 * a recorded act) active again → reviewed again, and so on. While a plan is 'reviewed' the
 * database itself (schema version 2 triggers) refuses any change to its targets, strategies,
 * provision and text, and to the outcomes of its completed review; such a write fails with
 * SP_STORE_ERROR_REVIEWED and a sentence saying to change the next plan or reopen the review.
 *
 * The pupil's history (the timeline of cycles) needs no function of its own: use
 * sp_store_load_record(). Its plans come oldest first; each SpPlanRecord has its annotations,
 * its reviews (each with an SpOutcomeRecord per target, including the before and after
 * measures and their unit), previous_plan_id (the plan it followed) and, per target,
 * carried_from (the target of the previous plan it was carried forward from); each
 * SpReviewRecord has reopened_at and reopen_reason when it was reopened. Parent meetings are
 * in record->meetings, with review_id set for the meeting held at a review.
 *
 * Errors are SP_STORE_ERROR codes whose message is one sentence for the teacher: _INVALID
 * (what was typed must be put right), _REVIEWED (the plan is read-only), _NO_SUCH_ROW, and
 * the store's usual ones (_BUSY, _DISK_FULL, ...). Nothing is written when a call fails.
 *
 * After a write, SpStore::changed is emitted: ("reviews", review id) and ("plans", plan id)
 * for a completed or reopened review, ("plans", next plan id) for the next plan it made, and
 * ("parent_meetings", id or 0) for a meeting. */

#include "sp-review-rules.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* One row of the reviews-due list: an active plan and its pupil. */
typedef struct
{
  gint64      plan_id;
  gint64      pupil_id;
  gchar      *review_date;   /* YYYY-MM-DD */
  gchar      *upn;           /* "" when the pupil has none */
  gchar      *forename;
  gchar      *surname;
  gchar      *class_name;
  guint       days_overdue;  /* 0 when due today or later */
  SpDueGroup  group;         /* overdue, this week, this month, later (sp-review-rules.h) */
} SpReviewDue;

/* One pupil on SEN support (K) or with an EHC plan (E) who has had fewer parent meetings this
 * school year, up to the day asked about, than are expected by then. */
typedef struct
{
  gint64  pupil_id;
  gchar  *upn;
  gchar  *forename;
  gchar  *surname;
  gchar  *class_name;
  gchar  *sen_status;        /* K or E */
  guint   meetings;          /* held from 1 September up to and including the day */
  guint   expected;          /* sp_meetings_expected_by() the day */
} SpMeetingShortfall;

void        sp_review_due_free                     (gpointer               row);
void        sp_meeting_shortfall_free              (gpointer               row);

/* Every ACTIVE plan, ordered by review date (then surname, forename), with its pupil; only
 * the class named @class_filter (compared ignoring case) unless it is NULL or "". A
 * GPtrArray of SpReviewDue that frees its rows; NULL with @error on failure. */
GPtrArray  *sp_store_list_reviews_due              (SpStore               *self,
                                                    const GDate           *today,
                                                    const gchar           *class_filter,
                                                    GError               **error);
/* Active plans whose review date is before @today; -1 with @error on failure. */
gint        sp_store_count_overdue_reviews         (SpStore               *self,
                                                    const GDate           *today,
                                                    GError               **error);

/* Checks a review without writing anything, as sp_store_complete_review() will: the plan is
 * active, the date is not before the plan started nor after today (sp_date_today()), the
 * decision is known, every target of the plan has one outcome and no other target is named,
 * every measure is a number with a unit. FALSE with a sentence in @error when something must
 * be put right. TRUE when it can be saved; then *@warning (if not NULL) is a sentence to show
 * the teacher before they confirm (an EHC needs assessment asked for with no earlier
 * completed review), or NULL. */
gboolean    sp_store_check_review                  (SpStore               *self,
                                                    gint64                 plan_id,
                                                    const SpReviewInput   *input,
                                                    gchar                **warning,
                                                    GError               **error);

/* Completes the review of an active plan, in ONE transaction (all or nothing):
 *  - the review (completed now) and one outcome per target, with the measures;
 *  - when input->parent_meeting_method is set, a parent meeting on the review date, linked
 *    to the review;
 *  - when the decision continues support (every decision but "cease"), the next plan as a
 *    DRAFT: previous_plan_id = @plan_id; start date = the review date; review date proposed
 *    by sp_review_propose_next_date(); areas, writer and parent contribution copied; the
 *    targets marked carry_forward copied (with their strategies, carried_from set), in their
 *    order; all provision copied, starting on the new start date, with its cost worked out
 *    again from the school's current hourly rates. If a next plan already exists (the review
 *    was reopened and is being completed again) no second one is made and its id is given.
 *  - the plan becomes 'reviewed', so read-only;
 *  - the review's draft (sp_store_begin_review_draft()), if any, is deleted.
 * "cease" makes no next plan and leaves the pupil's SEN status for the SENCO to change.
 * Returns the new review's id (0 with @error on failure, and then nothing was written);
 * *@new_plan_id (may be NULL) is the next plan's id, or 0 when there is none. */
gint64      sp_store_complete_review               (SpStore               *self,
                                                    gint64                 plan_id,
                                                    const SpReviewInput   *input,
                                                    gint64                *new_plan_id,
                                                    GError               **error);

/* Reopens the latest completed review of a reviewed plan, to put a mistake right: records
 * when (reopened_at) and @reason (required: it is kept with the record), and sets the plan
 * back to 'active' so it can be edited and reviewed again. The outcomes already recorded and
 * any next plan are kept; completing the review again records a new review. */
gboolean    sp_store_reopen_review                 (SpStore               *self,
                                                    gint64                 review_id,
                                                    const gchar           *reason,
                                                    GError               **error);

/* Records a parent meeting held on @meeting_date ("in_person", "phone" or "video"), linked
 * to the review @review_id when it was one (0 when not). Refuses, with a sentence, a date that
 * is not real or not yet come (sp_date_today()) and an unknown method. Returns the meeting's
 * id, or 0 with @error. (sp_store_add_meeting() in sp-store.h writes without these checks.) */
gint64      sp_store_record_meeting                (SpStore               *self,
                                                    gint64                 pupil_id,
                                                    const gchar           *meeting_date,
                                                    const gchar           *method,
                                                    const gchar           *attendees,
                                                    const gchar           *notes,
                                                    gint64                 review_id,
                                                    GError               **error);

/* Parent meetings of the pupil from 1 September of the school year containing @today up to
 * and including @today; -1 with @error on failure. */
gint        sp_store_count_meetings_in_year        (SpStore               *self,
                                                    gint64                 pupil_id,
                                                    const GDate           *today,
                                                    GError               **error);
/* Pupils with status K or E who have had fewer meetings so far this school year than
 * sp_meetings_expected_by (@today), by class, surname and forename. Empty from 1 September to
 * 31 December, when none is yet expected. A GPtrArray of SpMeetingShortfall. */
GPtrArray  *sp_store_list_pupils_short_of_meetings (SpStore               *self,
                                                    const GDate           *today,
                                                    GError               **error);

/* Completed (and not reopened) reviews of the pupil's plans other than @except_plan_id (0 for
 * none): the cycles behind a request to the local authority. -1 with @error on failure. */
gint        sp_store_count_completed_reviews       (SpStore               *self,
                                                    gint64                 pupil_id,
                                                    gint64                 except_plan_id,
                                                    GError               **error);

/* ---- the review in progress (schema version 5) -------------------------------------------
 *
 * What the teacher has typed into a review not yet completed, saved as it is typed: one draft
 * per plan, with one outcome per target. Every text is NULL when it was never touched (the
 * page then shows what a new review shows) and "" when it was emptied. The draft is working
 * notes: it is not a review, is not counted, printed, exported or checked as one.
 *
 * Typing saves one field at a time through sp_store_update_text() with the
 * SP_FIELD_REVIEW_DRAFT_* fields (sp-store-edit.h), keyed by the plan's id (the meeting, the
 * views, the decision) or the target's id (its outcome), with revisions as every edited row
 * has: that is what SpAutosave and SpSaver do, off the main thread. Those rows must exist
 * first: sp_store_begin_review_draft() makes them. The draft goes when the review is completed
 * (in the same transaction as sp_store_complete_review()), when its plan is deleted, and an
 * outcome goes when its target is deleted (ON DELETE CASCADE). */

typedef struct
{
  gint64  target_id;
  gchar  *outcome;           /* "achieved", "partly", "not_achieved", or NULL */
  gchar  *evidence;
  gchar  *measure_before;    /* as typed: checked only when the review is completed */
  gchar  *measure_after;
  gchar  *measure_unit;
  gint    carry_forward;     /* 0, 1, or -1 when never set */
  gint64  revision;
} SpOutcomeDraft;

typedef struct
{
  gint64     plan_id;
  gchar     *review_date;     /* YYYY-MM-DD, or NULL */
  gchar     *attendees;
  gchar     *parents_method;  /* "in_person", "phone", "video", "none", or NULL */
  gchar     *parent_views;
  gchar     *pupil_views;
  gchar     *decision;        /* a key of SpDecision, or NULL */
  gchar     *next_steps;
  gint64     revision;
  GPtrArray *outcomes;        /* SpOutcomeDraft: only for targets the plan has now, in order */
} SpReviewDraft;

SpReviewDraft  *sp_review_draft_new            (gint64                 plan_id);
SpOutcomeDraft *sp_review_draft_add_outcome    (SpReviewDraft         *draft,
                                                gint64                 target_id);
void            sp_review_draft_free           (SpReviewDraft         *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReviewDraft, sp_review_draft_free)

/* Makes the draft of @plan_id's review and an outcome row for each of its targets, where they
 * are missing (nothing is changed when they are all there). The plan must be active. */
gboolean    sp_store_begin_review_draft            (SpStore               *self,
                                                    gint64                 plan_id,
                                                    GError               **error);
/* The draft of @plan_id's review: TRUE and *@draft NULL when there is none; FALSE with
 * @error when it could not be read. Outcomes of targets no longer on the plan are left out. */
gboolean    sp_store_load_review_draft             (SpStore               *self,
                                                    gint64                 plan_id,
                                                    SpReviewDraft        **draft,
                                                    GError               **error);

G_END_DECLS
