/* sp-store-review.c: reviews, the next plan, reopening, the reviews-due list and the parent
 * meetings of the school year (see sp-store-review.h). */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sp-dates.h"
#include "sp-provision.h"
#include "sp-store-private.h"
#include "sp-store-review.h"
#include "sp-text.h"

#define TEXT(col) g_strdup (sp_store_column_text (stmt, (col)))

void
sp_review_due_free (gpointer data)
{
  SpReviewDue *row = data;

  if (row == NULL)
    return;
  g_free (row->review_date);
  g_free (row->upn);
  g_free (row->forename);
  g_free (row->surname);
  g_free (row->class_name);
  g_free (row);
}

void
sp_meeting_shortfall_free (gpointer data)
{
  SpMeetingShortfall *row = data;

  if (row == NULL)
    return;
  g_free (row->upn);
  g_free (row->forename);
  g_free (row->surname);
  g_free (row->class_name);
  g_free (row->sen_status);
  g_free (row);
}

/* A rule of sp-review-rules.c refused the input: the same sentence, in the store's domain. */
static void
propagate_invalid (GError  **error,
                   GError   *local)
{
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID, local->message);
  g_error_free (local);
}

/* Steps a statement expected to give one integer; -1 with @error on failure. */
static gint64
step_int (SpStore       *self,
          sqlite3_stmt  *stmt,
          const gchar   *what,
          GError       **error)
{
  gint rc = sqlite3_step (stmt);
  gint64 value = -1;

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    sp_store_set_sqlite_error (self, rc, what, error);
  sqlite3_reset (stmt);
  return value;
}

/* ---- reviews due ----------------------------------------------------------------------- */

GPtrArray *
sp_store_list_reviews_due (SpStore      *self,
                           const GDate  *today,
                           const gchar  *class_filter,
                           GError      **error)
{
  static const gchar sql[] =
    "SELECT l.id, p.id, l.review_date, coalesce(p.upn, ''), p.forename, p.surname,"
    "       p.class_name"
    "  FROM plans l JOIN pupils p ON p.id = l.pupil_id"
    " WHERE l.status = 'active' AND (?1 IS NULL OR p.class_name = ?1 COLLATE NOCASE)"
    " ORDER BY l.review_date, p.surname COLLATE NOCASE, p.forename COLLATE NOCASE, l.id";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (sp_review_due_free);
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;
  sp_store_bind_text_or_null (stmt, 1, class_filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpReviewDue *row = g_new0 (SpReviewDue, 1);
      g_autoptr(GDate) date = NULL;

      row->plan_id = sqlite3_column_int64 (stmt, 0);
      row->pupil_id = sqlite3_column_int64 (stmt, 1);
      row->review_date = TEXT (2);
      row->upn = TEXT (3);
      row->forename = TEXT (4);
      row->surname = TEXT (5);
      row->class_name = TEXT (6);
      /* The schema's CHECK keeps review_date a real date. */
      date = sp_date_parse_iso (row->review_date);
      if (date != NULL)
        {
          row->days_overdue = sp_days_overdue (date, today);
          row->group = sp_due_group (date, today);
        }
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the reviews due"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint
sp_store_count_overdue_reviews (SpStore      *self,
                                const GDate  *today,
                                GError      **error)
{
  static const gchar sql[] =
    "SELECT count(*) FROM plans WHERE status = 'active' AND review_date < ?";
  g_autofree gchar *iso = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  iso = sp_date_to_iso (today);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return -1;
  sp_store_bind_text (stmt, 1, iso);
  return (gint) step_int (self, stmt, _("count the overdue reviews"), error);
}

/* ---- parent meetings ------------------------------------------------------------------- */

gint64
sp_store_record_meeting (SpStore      *self,
                         gint64        pupil_id,
                         const gchar  *meeting_date,
                         const gchar  *method,
                         const gchar  *attendees,
                         const gchar  *notes,
                         gint64        review_id,
                         GError      **error)
{
  static const gchar sql[] =
    "INSERT INTO parent_meetings (pupil_id, review_id, meeting_date, method, attendees, notes)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  g_autoptr(GDate) today = sp_date_today ();
  GError *local = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_STORE (self), 0);

  if (!sp_meeting_check (meeting_date, method, today, &local))
    {
      propagate_invalid (error, local);
      return 0;
    }

  if (!sp_store_begin (self, error))
    return 0;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sp_store_bind_id_or_null (stmt, 2, review_id);
      sp_store_bind_text (stmt, 3, meeting_date);
      sp_store_bind_text (stmt, 4, method);
      sp_store_bind_text (stmt, 5, attendees);
      sp_store_bind_text (stmt, 6, notes);
      id = sp_store_step_insert (self, stmt, _("record the meeting"), error);
    }
  if (!sp_store_finish (self, id > 0, error))
    return 0;
  sp_store_emit_changed (self, "parent_meetings", id);
  return id;
}

gint
sp_store_count_meetings_in_year (SpStore      *self,
                                 gint64        pupil_id,
                                 const GDate  *today,
                                 GError      **error)
{
  static const gchar sql[] =
    "SELECT count(*) FROM parent_meetings"
    " WHERE pupil_id = ? AND meeting_date BETWEEN ? AND ?";
  g_autoptr(GDate) start = NULL;
  g_autofree gchar *from = NULL;
  g_autofree gchar *to = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  start = sp_school_year_start (today);
  from = sp_date_to_iso (start);
  to = sp_date_to_iso (today);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sp_store_bind_text (stmt, 2, from);
  sp_store_bind_text (stmt, 3, to);
  return (gint) step_int (self, stmt, _("count the parent meetings"), error);
}

GPtrArray *
sp_store_list_pupils_short_of_meetings (SpStore      *self,
                                        const GDate  *today,
                                        GError      **error)
{
  static const gchar sql[] =
    "SELECT id, upn, forename, surname, class_name, sen_status, n FROM"
    " (SELECT p.id, coalesce(p.upn, '') AS upn, p.forename, p.surname, p.class_name,"
    "         p.sen_status,"
    "         (SELECT count(*) FROM parent_meetings m"
    "           WHERE m.pupil_id = p.id AND m.meeting_date BETWEEN ?1 AND ?2) AS n"
    "    FROM pupils p WHERE p.sen_status IN ('K', 'E'))"
    " WHERE n < ?3"
    " ORDER BY class_name COLLATE NOCASE, surname COLLATE NOCASE, forename COLLATE NOCASE, id";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (sp_meeting_shortfall_free);
  g_autoptr(GDate) start = NULL;
  g_autofree gchar *from = NULL;
  g_autofree gchar *to = NULL;
  guint expected;
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  expected = sp_meetings_expected_by (today);
  if (expected == 0)
    return g_steal_pointer (&rows);

  start = sp_school_year_start (today);
  from = sp_date_to_iso (start);
  to = sp_date_to_iso (today);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, from);
  sp_store_bind_text (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, (gint) expected);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpMeetingShortfall *row = g_new0 (SpMeetingShortfall, 1);

      row->pupil_id = sqlite3_column_int64 (stmt, 0);
      row->upn = TEXT (1);
      row->forename = TEXT (2);
      row->surname = TEXT (3);
      row->class_name = TEXT (4);
      row->sen_status = TEXT (5);
      row->meetings = (guint) sqlite3_column_int (stmt, 6);
      row->expected = expected;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the parent meetings"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint
sp_store_count_completed_reviews (SpStore      *self,
                                  gint64        pupil_id,
                                  gint64        except_plan_id,
                                  GError      **error)
{
  static const gchar sql[] =
    "SELECT count(*) FROM reviews r JOIN plans l ON l.id = r.plan_id"
    " WHERE l.pupil_id = ? AND l.id <> ?"
    "   AND r.completed_at IS NOT NULL AND r.reopened_at IS NULL";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), -1);

  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, except_plan_id);
  return (gint) step_int (self, stmt, _("count the reviews"), error);
}

/* ---- completing a review --------------------------------------------------------------- */

typedef struct
{
  gint64  pupil_id;
  gchar  *start_date;
  gchar  *review_date;
  gchar  *status;
  gchar  *areas;
  gint64  written_by;
  gchar  *parent_contribution;
} PlanRow;

static void
plan_row_clear (PlanRow *p)
{
  g_clear_pointer (&p->start_date, g_free);
  g_clear_pointer (&p->review_date, g_free);
  g_clear_pointer (&p->status, g_free);
  g_clear_pointer (&p->areas, g_free);
  g_clear_pointer (&p->parent_contribution, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanRow, plan_row_clear)

static gboolean
read_plan (SpStore  *self,
           gint64    plan_id,
           PlanRow  *plan,
           GError  **error)
{
  static const gchar sql[] =
    "SELECT pupil_id, start_date, review_date, status, areas, coalesce(written_by, 0),"
    "       parent_contribution"
    "  FROM plans WHERE id = ?";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      plan->pupil_id = sqlite3_column_int64 (stmt, 0);
      plan->start_date = TEXT (1);
      plan->review_date = TEXT (2);
      plan->status = TEXT (3);
      plan->areas = TEXT (4);
      plan->written_by = sqlite3_column_int64 (stmt, 5);
      plan->parent_contribution = TEXT (6);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                         _("This plan is no longer in the database."));
  else
    sp_store_set_sqlite_error (self, rc, _("read the plan"), error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* The plan's target ids, by position. */
static GArray *
read_target_ids (SpStore  *self,
                 gint64    plan_id,
                 GError  **error)
{
  static const gchar sql[] =
    "SELECT id FROM targets WHERE plan_id = ? ORDER BY position, id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the targets"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Everything that can be checked before writing; fills @plan. */
static gboolean
check_review (SpStore              *self,
              gint64                plan_id,
              const SpReviewInput  *input,
              PlanRow              *plan,
              gchar               **warning,
              GError              **error)
{
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GArray) targets = NULL;
  GError *local = NULL;
  gint earlier;

  if (warning != NULL)
    *warning = NULL;

  if (!read_plan (self, plan_id, plan, error))
    return FALSE;
  if (g_str_equal (plan->status, "reviewed"))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_REVIEWED,
                           _("This plan has already been reviewed. To change the review, "
                             "reopen it first."));
      return FALSE;
    }
  if (!g_str_equal (plan->status, "active"))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Only an agreed, active plan can be reviewed. Make this plan "
                             "active first."));
      return FALSE;
    }

  if (!sp_review_input_check (input, plan->start_date, today, &local))
    {
      propagate_invalid (error, local);
      return FALSE;
    }

  /* One outcome for each target of this plan, and none for any other target. */
  if ((targets = read_target_ids (self, plan_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < input->n_outcomes; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < targets->len && !found; j++)
        found = g_array_index (targets, gint64, j) == input->outcomes[i].target_id;
      for (guint k = 0; k < i && found; k++)
        if (input->outcomes[k].target_id == input->outcomes[i].target_id)
          {
            g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                         _("Target %u has been given two outcomes. Give each target one."),
                         i + 1);
            return FALSE;
          }
      if (!found)
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                               _("An outcome names a target that is not on this plan. Close "
                                 "the review and open it again from the plan."));
          return FALSE;
        }
    }
  if (input->n_outcomes < targets->len)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   ngettext ("The plan has %u target: give it an outcome before completing the "
                             "review.",
                             "The plan has %u targets: give each an outcome before completing "
                             "the review.", targets->len), targets->len);
      return FALSE;
    }

  earlier = sp_store_count_completed_reviews (self, plan->pupil_id, plan_id, error);
  if (earlier < 0)
    return FALSE;
  if (warning != NULL)
    *warning = sp_review_ehc_warning (sp_decision_from_key (input->decision), (guint) earlier);
  return TRUE;
}

gboolean
sp_store_check_review (SpStore              *self,
                       gint64                plan_id,
                       const SpReviewInput  *input,
                       gchar               **warning,
                       GError              **error)
{
  g_auto(PlanRow) plan = { 0 };

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  return check_review (self, plan_id, input, &plan, warning, error);
}

static gint64
insert_review (SpStore              *self,
               gint64                plan_id,
               const SpReviewInput  *input,
               GError              **error)
{
  static const gchar sql[] =
    "INSERT INTO reviews (plan_id, review_date, attendees, parent_views, pupil_views,"
    "                     next_steps, decision, completed_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sp_store_bind_text (stmt, 2, input->review_date);
  sp_store_bind_text (stmt, 3, input->attendees);
  sp_store_bind_text (stmt, 4, input->parent_views);
  sp_store_bind_text (stmt, 5, input->pupil_views);
  sp_store_bind_text (stmt, 6, input->next_steps);
  sp_store_bind_text (stmt, 7, input->decision);
  return sp_store_step_insert (self, stmt, _("record the review"), error);
}

static gboolean
insert_outcome (SpStore               *self,
                gint64                 review_id,
                const SpOutcomeInput  *o,
                GError               **error)
{
  static const gchar sql[] =
    "INSERT INTO review_outcomes (review_id, target_id, outcome, evidence, measure_before,"
    "                             measure_after, measure_unit)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gboolean has_before = FALSE, has_after = FALSE;
  gdouble before = 0, after = 0;

  if (stmt == NULL)
    return FALSE;
  /* Already checked by sp_review_input_check(). */
  if (!sp_measure_parse (o->measure_before, &has_before, &before, NULL)
      || !sp_measure_parse (o->measure_after, &has_after, &after, NULL))
    g_return_val_if_reached (FALSE);

  sqlite3_bind_int64 (stmt, 1, review_id);
  sqlite3_bind_int64 (stmt, 2, o->target_id);
  sp_store_bind_text (stmt, 3, o->outcome);
  sp_store_bind_text (stmt, 4, o->evidence);
  if (has_before)
    sqlite3_bind_double (stmt, 5, before);
  else
    sqlite3_bind_null (stmt, 5);
  if (has_after)
    sqlite3_bind_double (stmt, 6, after);
  else
    sqlite3_bind_null (stmt, 6);
  sp_store_bind_text (stmt, 7, (has_before || has_after) ? o->measure_unit : "");
  return sp_store_step_done (self, stmt, _("record the outcome"), error);
}

static gboolean
insert_review_meeting (SpStore              *self,
                       gint64                pupil_id,
                       gint64                review_id,
                       const SpReviewInput  *input,
                       GError              **error)
{
  static const gchar sql[] =
    "INSERT INTO parent_meetings (pupil_id, review_id, meeting_date, method, attendees, notes)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, review_id);
  sp_store_bind_text (stmt, 3, input->review_date);
  sp_store_bind_text (stmt, 4, input->parent_meeting_method);
  sp_store_bind_text (stmt, 5, input->attendees);
  sp_store_bind_text (stmt, 6, _("Review of the plan"));
  return sp_store_step_done (self, stmt, _("record the meeting"), error);
}

/* The plan that already follows @plan_id (made when its review was completed before being
 * reopened), or 0; -1 on failure. */
static gint64
find_next_plan (SpStore  *self,
                gint64    plan_id,
                GError  **error)
{
  static const gchar sql[] =
    "SELECT coalesce((SELECT id FROM plans WHERE previous_plan_id = ? ORDER BY id LIMIT 1), 0)";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return step_int (self, stmt, _("read the plans"), error);
}

static gint64
insert_next_plan (SpStore              *self,
                  gint64                plan_id,
                  const PlanRow        *plan,
                  const SpReviewInput  *input,
                  GError              **error)
{
  static const gchar sql[] =
    "INSERT INTO plans (pupil_id, previous_plan_id, start_date, review_date, status, areas,"
    "                   written_by, parent_contribution)"
    " VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)";
  g_autoptr(GDate) old_start = sp_date_parse_iso (plan->start_date);
  g_autoptr(GDate) old_review = sp_date_parse_iso (plan->review_date);
  g_autoptr(GDate) new_start = sp_date_parse_iso (input->review_date);
  g_autoptr(GDate) new_review = NULL;
  g_autofree gchar *new_review_iso = NULL;
  sqlite3_stmt *stmt;

  new_review = sp_review_propose_next_date (old_start, old_review, new_start);
  new_review_iso = sp_date_to_iso (new_review);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan->pupil_id);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  sp_store_bind_text (stmt, 3, input->review_date);
  sp_store_bind_text (stmt, 4, new_review_iso);
  sp_store_bind_text (stmt, 5, plan->areas);
  sp_store_bind_id_or_null (stmt, 6, plan->written_by);
  sp_store_bind_text (stmt, 7, plan->parent_contribution);
  return sp_store_step_insert (self, stmt, _("make the next plan"), error);
}

static gboolean
carry_target (SpStore  *self,
              gint64    new_plan_id,
              gint64    old_target_id,
              GError  **error)
{
  static const gchar target_sql[] =
    "INSERT INTO targets (plan_id, position, area, description, baseline, success_criteria,"
    "                     carried_from)"
    " SELECT ?1, (SELECT coalesce(max(position), 0) + 1 FROM targets WHERE plan_id = ?1),"
    "        area, description, baseline, success_criteria, id"
    "   FROM targets WHERE id = ?2";
  static const gchar strategies_sql[] =
    "INSERT INTO strategies (target_id, position, description)"
    " SELECT ?1, position, description FROM strategies WHERE target_id = ?2"
    "  ORDER BY position, id";
  sqlite3_stmt *stmt;
  gint64 new_target_id;

  if ((stmt = sp_store_statement (self, target_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, new_plan_id);
  sqlite3_bind_int64 (stmt, 2, old_target_id);
  new_target_id = sp_store_step_insert (self, stmt, _("carry the target forward"), error);
  if (new_target_id <= 0)
    return FALSE;

  if ((stmt = sp_store_statement (self, strategies_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, new_target_id);
  sqlite3_bind_int64 (stmt, 2, old_target_id);
  return sp_store_step_done (self, stmt, _("carry the strategies forward"), error);
}

typedef struct
{
  gchar  *description;
  gchar  *area;
  gchar  *role;
  gint64  staff_id;
  guint   group_size;
  guint   sessions_per_week;
  guint   minutes;
  guint   weeks;
} ProvisionRow;

static void
provision_row_free (gpointer data)
{
  ProvisionRow *p = data;

  g_free (p->description);
  g_free (p->area);
  g_free (p->role);
  g_free (p);
}

/* Copies every provision row, costed again at today's rates. */
static gboolean
copy_provision (SpStore      *self,
                gint64        old_plan_id,
                gint64        new_plan_id,
                const gchar  *start_date,
                GError      **error)
{
  static const gchar read_sql[] =
    "SELECT description, area, role, coalesce(staff_id, 0), group_size, sessions_per_week,"
    "       minutes, weeks"
    "  FROM provision WHERE plan_id = ? ORDER BY position, id";
  static const gchar insert_sql[] =
    "INSERT INTO provision (plan_id, position, description, area, role, staff_id, group_size,"
    "                       sessions_per_week, minutes, weeks, start_date, cost_pence)"
    " VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM provision WHERE plan_id = ?1),"
    "         ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (provision_row_free);
  sqlite3_stmt *stmt;
  gint rc;

  if ((stmt = sp_store_statement (self, read_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, old_plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ProvisionRow *p = g_new0 (ProvisionRow, 1);

      p->description = TEXT (0);
      p->area = TEXT (1);
      p->role = TEXT (2);
      p->staff_id = sqlite3_column_int64 (stmt, 3);
      p->group_size = (guint) sqlite3_column_int (stmt, 4);
      p->sessions_per_week = (guint) sqlite3_column_int (stmt, 5);
      p->minutes = (guint) sqlite3_column_int (stmt, 6);
      p->weeks = (guint) sqlite3_column_int (stmt, 7);
      g_ptr_array_add (rows, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the provision"), error);
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      ProvisionRow *p = g_ptr_array_index (rows, i);
      gint64 rate = sp_store_get_role_rate (self, p->role, error);

      if (rate < 0 || (stmt = sp_store_statement (self, insert_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, new_plan_id);
      sp_store_bind_text (stmt, 2, p->description);
      sp_store_bind_text (stmt, 3, p->area);
      sp_store_bind_text (stmt, 4, p->role);
      sp_store_bind_id_or_null (stmt, 5, p->staff_id);
      sqlite3_bind_int (stmt, 6, (gint) p->group_size);
      sqlite3_bind_int (stmt, 7, (gint) p->sessions_per_week);
      sqlite3_bind_int (stmt, 8, (gint) p->minutes);
      sqlite3_bind_int (stmt, 9, (gint) p->weeks);
      sp_store_bind_text_or_null (stmt, 10, start_date);
      sqlite3_bind_int64 (stmt, 11,
                          sp_provision_cost_pence (rate, p->minutes, p->sessions_per_week,
                                                   p->weeks, p->group_size));
      if (!sp_store_step_done (self, stmt, _("copy the provision"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_plan_status (SpStore      *self,
                 gint64        plan_id,
                 const gchar  *status,
                 GError      **error)
{
  static const gchar sql[] =
    "UPDATE plans SET status = ?, revision = revision + 1,"
    "       updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " WHERE id = ?";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, status);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  return sp_store_step_done (self, stmt, _("save the plan"), error);
}

static gboolean
delete_draft (SpStore      *self,
              gint64        plan_id,
              GError      **error)
{
  /* Its outcomes go with it (ON DELETE CASCADE). */
  sqlite3_stmt *stmt = sp_store_statement (self, "DELETE FROM review_drafts WHERE plan_id = ?",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return sp_store_step_done (self, stmt, _("remove the draft of the review"), error);
}

/* All the writes of a completed review; the caller holds the transaction. */
static gint64
complete_review (SpStore              *self,
                 gint64                plan_id,
                 const PlanRow        *plan,
                 const SpReviewInput  *input,
                 gint64               *next_plan_id,
                 GError              **error)
{
  gint64 review_id;

  *next_plan_id = 0;
  if ((review_id = insert_review (self, plan_id, input, error)) <= 0)
    return 0;
  for (guint i = 0; i < input->n_outcomes; i++)
    if (!insert_outcome (self, review_id, &input->outcomes[i], error))
      return 0;
  if (input->parent_meeting_method != NULL
      && !insert_review_meeting (self, plan->pupil_id, review_id, input, error))
    return 0;

  if (sp_decision_continues (sp_decision_from_key (input->decision)))
    {
      gint64 existing = find_next_plan (self, plan_id, error);

      if (existing < 0)
        return 0;
      if (existing > 0)
        *next_plan_id = existing;
      else
        {
          gint64 new_id = insert_next_plan (self, plan_id, plan, input, error);

          if (new_id <= 0)
            return 0;
          for (guint i = 0; i < input->n_outcomes; i++)
            if (input->outcomes[i].carry_forward
                && !carry_target (self, new_id, input->outcomes[i].target_id, error))
              return 0;
          if (!copy_provision (self, plan_id, new_id, input->review_date, error))
            return 0;
          *next_plan_id = new_id;
        }
    }

  /* The review is recorded: what was typed on the way is no longer a draft. */
  if (!delete_draft (self, plan_id, error))
    return 0;
  /* Last, so the triggers that guard a reviewed plan do not stop the copying above. */
  if (!set_plan_status (self, plan_id, "reviewed", error))
    return 0;
  return review_id;
}

gint64
sp_store_complete_review (SpStore              *self,
                          gint64                plan_id,
                          const SpReviewInput  *input,
                          gint64               *new_plan_id,
                          GError              **error)
{
  g_auto(PlanRow) plan = { 0 };
  gint64 review_id, next_plan_id = 0;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (input != NULL, 0);

  if (new_plan_id != NULL)
    *new_plan_id = 0;

  if (!sp_store_begin (self, error))
    return 0;
  /* Checked inside the transaction, so nobody can change the plan in between. */
  review_id = check_review (self, plan_id, input, &plan, NULL, error)
              ? complete_review (self, plan_id, &plan, input, &next_plan_id, error)
              : 0;
  if (!sp_store_finish (self, review_id > 0, error))
    return 0;

  if (new_plan_id != NULL)
    *new_plan_id = next_plan_id;
  sp_store_emit_changed (self, "reviews", review_id);
  sp_store_emit_changed (self, "plans", plan_id);
  if (next_plan_id > 0)
    sp_store_emit_changed (self, "plans", next_plan_id);
  if (input->parent_meeting_method != NULL)
    sp_store_emit_changed (self, "parent_meetings", 0);
  return review_id;
}

/* ---- reopening ------------------------------------------------------------------------- */

static gboolean
reopen_review (SpStore      *self,
               gint64        review_id,
               const gchar  *reason,
               gint64       *plan_id,
               GError      **error)
{
  static const gchar read_sql[] =
    "SELECT r.plan_id, r.completed_at IS NOT NULL, r.reopened_at IS NOT NULL, l.status,"
    "       (SELECT max(id) FROM reviews WHERE plan_id = r.plan_id)"
    "  FROM reviews r JOIN plans l ON l.id = r.plan_id WHERE r.id = ?";
  static const gchar update_sql[] =
    "UPDATE reviews SET reopened_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    "       reopen_reason = ?, revision = revision + 1"
    " WHERE id = ?";
  sqlite3_stmt *stmt = sp_store_statement (self, read_sql, error);
  gboolean completed, reopened, latest;
  g_autofree gchar *status = NULL;
  gint rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, review_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                             _("This review is no longer in the database."));
      else
        sp_store_set_sqlite_error (self, rc, _("read the review"), error);
      return FALSE;
    }
  *plan_id = sqlite3_column_int64 (stmt, 0);
  completed = sqlite3_column_int (stmt, 1) != 0;
  reopened = sqlite3_column_int (stmt, 2) != 0;
  status = TEXT (3);
  latest = sqlite3_column_int64 (stmt, 4) == review_id;
  sqlite3_reset (stmt);

  if (!completed)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("This review has not been completed, so there is nothing to "
                             "reopen."));
      return FALSE;
    }
  if (reopened || !latest || !g_str_equal (status, "reviewed"))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("This review has already been reopened. Only the latest review "
                             "of a reviewed plan can be reopened."));
      return FALSE;
    }

  if ((stmt = sp_store_statement (self, update_sql, error)) == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, reason);
  sqlite3_bind_int64 (stmt, 2, review_id);
  return sp_store_step_done (self, stmt, _("reopen the review"), error)
         && set_plan_status (self, *plan_id, "active", error);
}

gboolean
sp_store_reopen_review (SpStore      *self,
                        gint64        review_id,
                        const gchar  *reason,
                        GError      **error)
{
  g_autofree gchar *why = g_strstrip (g_strdup (reason ? reason : ""));
  gint64 plan_id = 0;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (*why == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Say why the review is being reopened: the reason is kept with "
                             "the record."));
      return FALSE;
    }

  if (!sp_store_begin (self, error))
    return FALSE;
  ok = reopen_review (self, review_id, why, &plan_id, error);
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "reviews", review_id);
  sp_store_emit_changed (self, "plans", plan_id);
  return TRUE;
}

/* ---- the review in progress ------------------------------------------------------------ */

static void outcome_draft_free (gpointer data);

SpReviewDraft *
sp_review_draft_new (gint64 plan_id)
{
  SpReviewDraft *draft = g_new0 (SpReviewDraft, 1);

  draft->plan_id = plan_id;
  draft->outcomes = g_ptr_array_new_with_free_func (outcome_draft_free);
  return draft;
}

static void
outcome_draft_free (gpointer data)
{
  SpOutcomeDraft *o = data;

  g_free (o->outcome);
  g_free (o->evidence);
  g_free (o->measure_before);
  g_free (o->measure_after);
  g_free (o->measure_unit);
  g_free (o);
}

SpOutcomeDraft *
sp_review_draft_add_outcome (SpReviewDraft *draft,
                             gint64         target_id)
{
  SpOutcomeDraft *o = g_new0 (SpOutcomeDraft, 1);

  o->target_id = target_id;
  o->carry_forward = -1;
  g_ptr_array_add (draft->outcomes, o);
  return o;
}

void
sp_review_draft_free (SpReviewDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->review_date);
  g_free (draft->attendees);
  g_free (draft->parents_method);
  g_free (draft->parent_views);
  g_free (draft->pupil_views);
  g_free (draft->decision);
  g_free (draft->next_steps);
  g_clear_pointer (&draft->outcomes, g_ptr_array_unref);
  g_free (draft);
}

/* The column's text, or NULL when it is NULL (never touched). */
static gchar *
text_or_null (sqlite3_stmt *stmt,
              gint          column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup (sp_store_column_text (stmt, column));
}

gboolean
sp_store_begin_review_draft (SpStore  *self,
                             gint64    plan_id,
                             GError  **error)
{
  /* INSERT ... SELECT with an upsert clause needs its WHERE (SQLite's parsing rule). */
  static const gchar draft_sql[] =
    "INSERT INTO review_drafts (plan_id) SELECT id FROM plans WHERE id = ?1 AND status = 'active'"
    " ON CONFLICT (plan_id) DO NOTHING";
  static const gchar outcomes_sql[] =
    "INSERT INTO review_draft_outcomes (target_id, plan_id)"
    " SELECT t.id, t.plan_id FROM targets t JOIN review_drafts d ON d.plan_id = t.plan_id"
    "  WHERE t.plan_id = ?1"
    " ON CONFLICT (target_id) DO NOTHING";
  static const gchar count_sql[] = "SELECT count(*) FROM review_drafts WHERE plan_id = ?1";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, draft_sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      ok = sp_store_step_done (self, stmt, _("start the review"), error);
    }
  if (ok && (stmt = sp_store_statement (self, outcomes_sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      ok = sp_store_step_done (self, stmt, _("start the review"), error);
    }
  else
    ok = FALSE;
  if (ok && (stmt = sp_store_statement (self, count_sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (step_int (self, stmt, _("start the review"), error) != 1)
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                                 _("Only a plan that is agreed and in use can be reviewed."));
          ok = FALSE;
        }
    }
  else
    ok = FALSE;
  return sp_store_finish (self, ok, error);
}

gboolean
sp_store_load_review_draft (SpStore         *self,
                            gint64           plan_id,
                            SpReviewDraft  **draft,
                            GError         **error)
{
  static const gchar draft_sql[] =
    "SELECT review_date, attendees, parents_method, parent_views, pupil_views, decision,"
    "       next_steps, revision"
    "  FROM review_drafts WHERE plan_id = ?1";
  /* Only the targets the plan has now, in the plan's order: a draft outcome of a target moved
   * to another plan is not this review's. */
  static const gchar outcomes_sql[] =
    "SELECT o.target_id, o.outcome, o.evidence, o.measure_before, o.measure_after,"
    "       o.measure_unit, o.carry_forward, o.revision"
    "  FROM review_draft_outcomes o JOIN targets t ON t.id = o.target_id"
    " WHERE o.plan_id = ?1 AND t.plan_id = ?1"
    " ORDER BY t.position, t.id";
  g_autoptr(SpReviewDraft) d = NULL;
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  *draft = NULL;
  if ((stmt = sp_store_statement (self, draft_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      d = sp_review_draft_new (plan_id);
      d->review_date = text_or_null (stmt, 0);
      d->attendees = text_or_null (stmt, 1);
      d->parents_method = text_or_null (stmt, 2);
      d->parent_views = text_or_null (stmt, 3);
      d->pupil_views = text_or_null (stmt, 4);
      d->decision = text_or_null (stmt, 5);
      d->next_steps = text_or_null (stmt, 6);
      d->revision = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      sp_store_set_sqlite_error (self, rc, _("read the draft of the review"), error);
      return FALSE;
    }

  if ((stmt = sp_store_statement (self, outcomes_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpOutcomeDraft *o = sp_review_draft_add_outcome (d, sqlite3_column_int64 (stmt, 0));

      o->outcome = text_or_null (stmt, 1);
      o->evidence = text_or_null (stmt, 2);
      o->measure_before = text_or_null (stmt, 3);
      o->measure_after = text_or_null (stmt, 4);
      o->measure_unit = text_or_null (stmt, 5);
      o->carry_forward = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                           ? -1 : sqlite3_column_int (stmt, 6) != 0;
      o->revision = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the draft of the review"), error);
      return FALSE;
    }
  *draft = g_steal_pointer (&d);
  return TRUE;
}
