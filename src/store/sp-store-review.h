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
 *  - the plan becomes 'reviewed', so read-only.
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

G_END_DECLS
