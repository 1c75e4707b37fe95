#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rules of the review cycle (assess, plan, do, review) that need no database: the school
 * year and the parent meetings expected in it, checking what a teacher typed on the review
 * page, the next review date, and the grouping of the reviews-due list. GLib only.
 *
 * Every function that refuses something sets a GError in G_IO_ERROR with
 * G_IO_ERROR_INVALID_DATA whose message is one sentence a teacher can act on. */

/* ---- the school year and parent meetings -------------------------------------------------
 *
 * The school year runs from 1 September to 31 August (sp_academic_year_for_date() in
 * sp-dates.h). The Code of Practice asks that parents meet the school at least three times a
 * year, about once a term. The terms, for counting, end on fixed days:
 *
 *   autumn term  1 September – 31 December
 *   spring term  1 January   – 31 March    (Easter moves between 22 March and 25 April;
 *                                            31 March is a fixed stand-in for its holiday)
 *   summer term  1 April     – 31 July     (August is the summer holiday, so the third
 *                                            meeting is due before it)
 *
 * A meeting is "expected by now" once the day it was due by has passed: on a date, the number
 * expected is the number of term ends that fall strictly before it in the same school year.
 * So 0 from 1 September to 31 December, 1 from 1 January to 31 March, 2 from 1 April to
 * 31 July, 3 from 1 August to 31 August, and 0 again from 1 September. */

#define SP_MEETINGS_PER_YEAR 3

typedef enum
{
  SP_TERM_AUTUMN,
  SP_TERM_SPRING,
  SP_TERM_SUMMER,
} SpTerm;

GDate        *sp_school_year_start         (const GDate  *date);
GDate        *sp_school_year_end           (const GDate  *date);
SpTerm        sp_term_for_date             (const GDate  *date);
guint         sp_meetings_expected_by      (const GDate  *date);
guint         sp_count_dates_in_school_year (const gchar * const *iso_dates,
                                             const GDate         *date);
/* A parent meeting to record: a real date not after @today, and how it was held
 * ("in_person", "phone" or "video"). */
gboolean      sp_meeting_check             (const gchar  *meeting_date,
                                            const gchar  *method,
                                            const GDate  *today,
                                            GError      **error);

/* ---- checking a review ----------------------------------------------------------------- */

/* What a review decides; the keys are those of the database (reviews.decision). */
typedef enum
{
  SP_DECISION_NEW_PLAN,       /* carry on with a new plan */
  SP_DECISION_CONTINUE,       /* carry on unchanged (a new plan, same provision) */
  SP_DECISION_CEASE,          /* no longer needs SEN support: no next plan */
  SP_DECISION_TOP_UP,         /* apply to the local authority for high-needs top-up funding */
  SP_DECISION_EHC_REQUEST,    /* request an EHC needs assessment */
  SP_DECISION_SPECIALIST,     /* involve specialists */
  SP_DECISION_INVALID = -1,
} SpDecision;

SpDecision    sp_decision_from_key         (const gchar  *key);
const gchar  *sp_decision_key              (SpDecision    decision);
const gchar  *sp_decision_label            (SpDecision    decision);   /* translated */
gboolean      sp_decision_continues        (SpDecision    decision);

/* One target's judgement at the review. The measures are the text the teacher typed (NULL or
 * "" for none): a number such as "84" or "7.5" with its unit in @measure_unit ("reading age in
 * months", "words a minute"). */
typedef struct
{
  gint64       target_id;
  const gchar *outcome;          /* "achieved", "partly" or "not_achieved" */
  const gchar *evidence;
  const gchar *measure_before;
  const gchar *measure_after;
  const gchar *measure_unit;
  gboolean     carry_forward;    /* copy this target into the next plan (not for "achieved") */
} SpOutcomeInput;

/* Everything the review page collects. Strings are borrowed; NULL means "". */
typedef struct
{
  const gchar          *review_date;     /* YYYY-MM-DD, the day the review was held */
  const gchar          *attendees;
  const gchar          *parent_views;
  const gchar          *pupil_views;
  const gchar          *next_steps;
  const gchar          *decision;        /* a key of SpDecision: "new_plan", "continue", ... */
  const SpOutcomeInput *outcomes;        /* one per target of the plan */
  guint                 n_outcomes;
  /* When set ("in_person", "phone" or "video"), the parents took part: a parent meeting on
   * the review date is recorded with the review, linked to it, and counts towards the three a
   * year. NULL: the parents were not there. */
  const gchar          *parent_meeting_method;
} SpReviewInput;

gboolean      sp_outcome_key_valid         (const gchar  *outcome);
gboolean      sp_measure_parse             (const gchar  *text,
                                            gboolean     *present,
                                            gdouble      *value,
                                            GError      **error);
gboolean      sp_review_input_check        (const SpReviewInput  *input,
                                            const gchar          *plan_start,
                                            const GDate          *today,
                                            GError              **error);
gchar        *sp_review_ehc_warning        (SpDecision    decision,
                                            guint         earlier_reviews);

/* The next plan's review date: the same length as the cycle just reviewed (its start to its
 * agreed review date) when that was between 4 and 26 weeks, else 12 weeks; counted from
 * @new_start. */
GDate        *sp_review_propose_next_date  (const GDate  *previous_start,
                                            const GDate  *previous_review,
                                            const GDate  *new_start);

/* ---- the reviews-due list -----------------------------------------------------------------
 *
 * Relative to today: OVERDUE before today; THIS_WEEK from today to the Sunday of today's week
 * (weeks start on Monday, as school timetables do), so a review due today is here;
 * THIS_MONTH after that up to the last day of today's calendar month; LATER after both. */

typedef enum
{
  SP_DUE_OVERDUE,
  SP_DUE_THIS_WEEK,
  SP_DUE_THIS_MONTH,
  SP_DUE_LATER,
} SpDueGroup;

SpDueGroup    sp_due_group                 (const GDate  *review_date,
                                            const GDate  *today);
const gchar  *sp_due_group_label           (SpDueGroup    group);      /* translated */
guint         sp_days_overdue              (const GDate  *review_date,
                                            const GDate  *today);

G_END_DECLS
