/* sp-review-rules.c: the review cycle's rules that need no database (see sp-review-rules.h). */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-review-rules.h"

/* ---- the school year and parent meetings ----------------------------------------------- */

GDate *
sp_school_year_start (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_date_new_dmy (1, G_DATE_SEPTEMBER, (GDateYear) sp_academic_year_for_date (date));
}

GDate *
sp_school_year_end (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_date_new_dmy (31, G_DATE_AUGUST, (GDateYear) (sp_academic_year_for_date (date) + 1));
}

SpTerm
sp_term_for_date (const GDate *date)
{
  GDateMonth month = g_date_get_month (date);

  if (month >= G_DATE_SEPTEMBER)
    return SP_TERM_AUTUMN;
  if (month <= G_DATE_MARCH)
    return SP_TERM_SPRING;
  return SP_TERM_SUMMER;
}

/* How many parent meetings should have happened by @date this school year (see the header:
 * one for each term that has ended before @date). */
guint
sp_meetings_expected_by (const GDate *date)
{
  GDateMonth month;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  month = g_date_get_month (date);
  if (month >= G_DATE_SEPTEMBER)
    return 0;           /* autumn term: the first is due by 31 December */
  if (month <= G_DATE_MARCH)
    return 1;           /* spring term: the second is due by 31 March */
  if (month <= G_DATE_JULY)
    return 2;           /* summer term: the third is due by 31 July */
  return 3;             /* August */
}

/* Counts the dates (YYYY-MM-DD; others are skipped) that fall in the school year containing
 * @date, before or after @date. */
guint
sp_count_dates_in_school_year (const gchar * const *iso_dates,
                               const GDate         *date)
{
  guint year, n = 0;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  year = sp_academic_year_for_date (date);
  for (guint i = 0; iso_dates != NULL && iso_dates[i] != NULL; i++)
    {
      g_autoptr(GDate) d = sp_date_parse_iso (iso_dates[i]);

      if (d != NULL && sp_academic_year_for_date (d) == year)
        n++;
    }
  return n;
}

static gboolean
meeting_method_valid (const gchar *method)
{
  return g_strcmp0 (method, "in_person") == 0 || g_strcmp0 (method, "phone") == 0
         || g_strcmp0 (method, "video") == 0;
}

gboolean
sp_meeting_check (const gchar  *meeting_date,
                  const gchar  *method,
                  const GDate  *today,
                  GError      **error)
{
  g_autoptr(GDate) d = sp_date_parse_iso (meeting_date);

  g_return_val_if_fail (today != NULL, FALSE);

  if (d == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Give the date of the meeting as year-month-day, for example "
                             "2026-11-23."));
      return FALSE;
    }
  if (g_date_compare (d, today) > 0)
    {
      g_autofree gchar *when = sp_date_format_long (meeting_date);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The meeting is dated %s, which has not come yet. Record a meeting once "
                     "it has been held."), when);
      return FALSE;
    }
  if (!meeting_method_valid (method))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Say how the parents took part: in person, by phone or by "
                             "video."));
      return FALSE;
    }
  return TRUE;
}

/* ---- decisions ------------------------------------------------------------------------- */

static const gchar *const decision_keys[] = {
  "new_plan", "continue", "cease", "top_up", "ehc_request", "specialist",
};

SpDecision
sp_decision_from_key (const gchar *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (decision_keys); i++)
    if (g_str_equal (key, decision_keys[i]))
      return (SpDecision) i;
  return SP_DECISION_INVALID;
}

const gchar *
sp_decision_key (SpDecision decision)
{
  if ((gint) decision < 0 || (guint) decision >= G_N_ELEMENTS (decision_keys))
    return NULL;
  return decision_keys[decision];
}

const gchar *
sp_decision_label (SpDecision decision)
{
  switch (decision)
    {
    case SP_DECISION_NEW_PLAN:
      return _("Carry on with a new plan");
    case SP_DECISION_CONTINUE:
      return _("Carry on unchanged");
    case SP_DECISION_CEASE:
      return _("No longer needs SEN support");
    case SP_DECISION_TOP_UP:
      return _("Apply for high-needs top-up funding");
    case SP_DECISION_EHC_REQUEST:
      return _("Request an EHC needs assessment");
    case SP_DECISION_SPECIALIST:
      return _("Involve specialists");
    case SP_DECISION_INVALID:
    default:
      return "";
    }
}

/* Every decision but "cease" keeps the pupil on SEN support, so a next plan follows. */
gboolean
sp_decision_continues (SpDecision decision)
{
  return decision != SP_DECISION_CEASE && decision != SP_DECISION_INVALID;
}

/* ---- checking a review ----------------------------------------------------------------- */

gboolean
sp_outcome_key_valid (const gchar *outcome)
{
  return g_strcmp0 (outcome, "achieved") == 0 || g_strcmp0 (outcome, "partly") == 0
         || g_strcmp0 (outcome, "not_achieved") == 0;
}

/* Parses a before or after measure: a plain decimal number ("84", "-2", "7.5"), with spaces
 * around it allowed. Empty or NULL is no measure (@present FALSE, and TRUE is returned).
 * Anything else ("about ten", "7,5", "1e3", "nan") is refused with a sentence. */
gboolean
sp_measure_parse (const gchar  *text,
                  gboolean     *present,
                  gdouble      *value,
                  GError      **error)
{
  g_autofree gchar *copy = g_strstrip (g_strdup (text ? text : ""));
  const gchar *p = copy;
  gchar *end = NULL;
  guint digits = 0;
  gdouble v;

  *present = FALSE;
  *value = 0;
  if (*copy == '\0')
    return TRUE;

  /* g_ascii_strtod alone would take hexadecimal, exponents, "inf" and "nan", and stop
   * quietly at the first letter; a measure is a plain number, nothing more. */
  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits++;

  if (digits > 0 && *p == '\0')
    {
      errno = 0;
      v = g_ascii_strtod (copy, &end);
      if (end != NULL && *end == '\0' && errno == 0 && isfinite (v))
        {
          *present = TRUE;
          *value = v;
          return TRUE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a number. Write the measure as a number, for example 84 or 7.5, "
                 "and put its unit (such as “months”) in the unit box."), copy);
  return FALSE;
}

/* Checks what the review page collected before anything is written. @plan_start is the start
 * date of the plan being reviewed; @today is the date the review is being recorded. */
gboolean
sp_review_input_check (const SpReviewInput  *input,
                       const gchar          *plan_start,
                       const GDate          *today,
                       GError              **error)
{
  g_autoptr(GDate) date = NULL;
  g_autoptr(GDate) start = NULL;
  const gchar *method = input->parent_meeting_method;

  g_return_val_if_fail (input != NULL && today != NULL, FALSE);

  date = sp_date_parse_iso (input->review_date);
  if (date == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Give the date the review was held, as year-month-day, for "
                             "example 2026-11-23."));
      return FALSE;
    }

  start = sp_date_parse_iso (plan_start);
  if (start != NULL && g_date_compare (date, start) < 0)
    {
      g_autofree gchar *when = sp_date_format_long (plan_start);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The review cannot be dated before its plan started on %s. Check the "
                     "date of the review."), when);
      return FALSE;
    }

  if (g_date_compare (date, today) > 0)
    {
      g_autofree gchar *when = sp_date_format_long (input->review_date);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The review is dated %s, which has not come yet. Record a review on the "
                     "day it is held, or after."), when);
      return FALSE;
    }

  if (sp_decision_from_key (input->decision) == SP_DECISION_INVALID)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Choose what the review decided: a new plan, carry on unchanged, "
                             "no longer needs SEN support, top-up funding, an EHC needs "
                             "assessment, or involving specialists."));
      return FALSE;
    }

  if (method != NULL && !meeting_method_valid (method))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Say how the parents took part: in person, by phone or by "
                             "video."));
      return FALSE;
    }

  for (guint i = 0; i < input->n_outcomes; i++)
    {
      const SpOutcomeInput *o = &input->outcomes[i];
      gboolean has_before, has_after;
      gdouble before, after;

      if (!sp_outcome_key_valid (o->outcome))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Target %u needs an outcome: achieved, partly achieved or not yet "
                         "achieved."), i + 1);
          return FALSE;
        }
      if (!sp_measure_parse (o->measure_before, &has_before, &before, error)
          || !sp_measure_parse (o->measure_after, &has_after, &after, error))
        {
          g_prefix_error (error, _("Target %u: "), i + 1);
          return FALSE;
        }
      if ((has_before || has_after) && (o->measure_unit == NULL || *o->measure_unit == '\0'))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Target %u: say what the measure counts (its unit, such as "
                         "“reading age in months” or “words a minute”)."), i + 1);
          return FALSE;
        }
      if (o->carry_forward && g_str_equal (o->outcome, "achieved"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Target %u was achieved, so it is not carried into the next plan. "
                         "Set a new target there instead."), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* The sentence a teacher is shown when a review asks for an EHC needs assessment with no
 * completed review behind it: it is allowed, but a local authority usually wants the
 * evidence of several cycles. NULL when there is nothing to say. */
gchar *
sp_review_ehc_warning (SpDecision decision,
                       guint      earlier_reviews)
{
  if (decision != SP_DECISION_EHC_REQUEST || earlier_reviews > 0)
    return NULL;

  return g_strdup (_("This is the first review recorded for this pupil. The request can go "
                     "ahead, but a local authority usually asks for evidence of at least two "
                     "or three cycles of assess, plan, do and review: the plans, what was "
                     "provided and what it cost, and the outcome of each review, with the "
                     "parents’ and the pupil’s views and any specialist advice."));
}

GDate *
sp_review_propose_next_date (const GDate *previous_start,
                             const GDate *previous_review,
                             const GDate *new_start)
{
  gint days = 12 * 7;
  GDate *next;

  g_return_val_if_fail (new_start != NULL && g_date_valid (new_start), NULL);

  if (previous_start != NULL && previous_review != NULL)
    {
      gint last = g_date_days_between (previous_start, previous_review);

      if (last >= 4 * 7 && last <= 26 * 7)
        days = last;
    }

  next = g_date_copy (new_start);
  g_date_add_days (next, (guint) days);
  return next;
}

/* ---- the reviews-due list -------------------------------------------------------------- */

SpDueGroup
sp_due_group (const GDate *review_date,
              const GDate *today)
{
  g_autoptr(GDate) sunday = NULL;
  g_autoptr(GDate) month_end = NULL;

  if (g_date_compare (review_date, today) < 0)
    return SP_DUE_OVERDUE;

  sunday = g_date_copy (today);
  g_date_add_days (sunday, 7 - (guint) g_date_get_weekday (today));  /* Monday 1 … Sunday 7 */
  if (g_date_compare (review_date, sunday) <= 0)
    return SP_DUE_THIS_WEEK;

  month_end = g_date_new_dmy (g_date_get_days_in_month (g_date_get_month (today),
                                                        g_date_get_year (today)),
                              g_date_get_month (today), g_date_get_year (today));
  if (g_date_compare (review_date, month_end) <= 0)
    return SP_DUE_THIS_MONTH;
  return SP_DUE_LATER;
}

const gchar *
sp_due_group_label (SpDueGroup group)
{
  switch (group)
    {
    case SP_DUE_OVERDUE:
      return _("Overdue");
    case SP_DUE_THIS_WEEK:
      return _("This week");
    case SP_DUE_THIS_MONTH:
      return _("This month");
    case SP_DUE_LATER:
    default:
      return _("Later");
    }
}

/* Days since the review was due; 0 when it is due today or later. */
guint
sp_days_overdue (const GDate *review_date,
                 const GDate *today)
{
  gint days = g_date_days_between (review_date, today);

  return days > 0 ? (guint) days : 0;
}
