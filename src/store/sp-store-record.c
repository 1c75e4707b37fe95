/* sp-store-record.c: a pupil's whole record in one read, for the printed copies and the
 * agency exchange format. Read inside one transaction so the record is one consistent moment
 * even while the window is saving. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-store-private.h"

#define TEXT(col) g_strdup (sp_store_column_text (stmt, (col)))

/* Runs @stmt to the end, calling @row for each row; FALSE with @error on failure. */
static gboolean
each_row (SpStore       *self,
          sqlite3_stmt  *stmt,
          void         (*row) (sqlite3_stmt *stmt, gpointer data),
          gpointer       data,
          GError       **error)
{
  gint rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the pupil’s record"), error);
      return FALSE;
    }
  return TRUE;
}

gint64
sp_store_find_pupil_by_upn (SpStore      *self,
                            const gchar  *upn,
                            GError      **error)
{
  sqlite3_stmt *stmt = sp_store_statement (self, "SELECT id FROM pupils WHERE upn = ?", error);
  gint64 id = 0;
  gint rc;

  if (stmt == NULL)
    return 0;
  sp_store_bind_text (stmt, 1, upn);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                 _("No pupil in this database has the UPN %s."), upn);
  else
    sp_store_set_sqlite_error (self, rc, _("find the pupil"), error);
  sqlite3_reset (stmt);
  return id;
}

static void
add_id (sqlite3_stmt *stmt,
        gpointer      data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  g_array_append_val ((GArray *) data, id);
}

/* Every pupil's id, by surname then forename. */
GArray *
sp_store_list_pupil_ids (SpStore  *self,
                         GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt =
    sp_store_statement (self, "SELECT id FROM pupils"
                              " ORDER BY surname COLLATE NOCASE, forename COLLATE NOCASE, id",
                        error);

  if (stmt == NULL || !each_row (self, stmt, add_id, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static void
add_need (sqlite3_stmt *stmt,
          gpointer      data)
{
  g_strv_builder_add ((GStrvBuilder *) data, sp_store_column_text (stmt, 0));
}

static void
add_contact (sqlite3_stmt *stmt,
             gpointer      data)
{
  SpContactRecord *c = g_new0 (SpContactRecord, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = TEXT (1);
  c->relationship = TEXT (2);
  c->phone = TEXT (3);
  c->email = TEXT (4);
  c->address = TEXT (5);
  c->preferred_method = TEXT (6);
  c->parental_responsibility = sqlite3_column_int (stmt, 7) != 0;
  g_ptr_array_add (data, c);
}

static void
add_plan (sqlite3_stmt *stmt,
          gpointer      data)
{
  SpPlanRecord *p = sp_plan_record_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->start_date = TEXT (1);
  p->review_date = TEXT (2);
  p->status = TEXT (3);
  p->areas = TEXT (4);
  p->written_by = TEXT (5);
  p->parent_contribution = TEXT (6);
  p->pupil_likes = TEXT (7);
  p->pupil_finds_hard = TEXT (8);
  p->pupil_helps = TEXT (9);
  p->pupil_worries = TEXT (10);
  p->views_date = TEXT (11);
  p->views_how = TEXT (12);
  p->revision = sqlite3_column_int64 (stmt, 13);
  p->pupil_id = sqlite3_column_int64 (stmt, 14);
  p->previous_plan_id = sqlite3_column_int64 (stmt, 15);
  g_ptr_array_add (data, p);
}

static void
add_target (sqlite3_stmt *stmt,
            gpointer      data)
{
  SpTargetRecord *t = sp_target_record_new ();

  t->id = sqlite3_column_int64 (stmt, 0);
  t->position = (guint) sqlite3_column_int (stmt, 1);
  t->area = TEXT (2);
  t->description = TEXT (3);
  t->baseline = TEXT (4);
  t->success_criteria = TEXT (5);
  t->revision = sqlite3_column_int64 (stmt, 6);
  t->carried_from = sqlite3_column_int64 (stmt, 7);
  g_ptr_array_add (data, t);
}

static void
add_strategy (sqlite3_stmt *stmt,
              gpointer      data)
{
  SpStrategyRecord *s = g_new0 (SpStrategyRecord, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->description = TEXT (1);
  s->revision = sqlite3_column_int64 (stmt, 2);
  g_ptr_array_add (data, s);
}

static void
add_provision (sqlite3_stmt *stmt,
               gpointer      data)
{
  SpProvisionRecord *p = g_new0 (SpProvisionRecord, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->position = (guint) sqlite3_column_int (stmt, 1);
  p->description = TEXT (2);
  p->area = TEXT (3);
  p->role = TEXT (4);
  p->role_label = TEXT (5);
  p->staff_name = TEXT (6);
  p->group_size = (guint) sqlite3_column_int (stmt, 7);
  p->sessions_per_week = (guint) sqlite3_column_int (stmt, 8);
  p->minutes = (guint) sqlite3_column_int (stmt, 9);
  p->weeks = (guint) sqlite3_column_int (stmt, 10);
  p->start_date = TEXT (11);
  p->end_date = TEXT (12);
  p->cost_pence = sqlite3_column_int64 (stmt, 13);
  p->revision = sqlite3_column_int64 (stmt, 14);
  g_ptr_array_add (data, p);
}

static void
add_review (sqlite3_stmt *stmt,
            gpointer      data)
{
  SpReviewRecord *r = sp_review_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->review_date = TEXT (1);
  r->attendees = TEXT (2);
  r->parent_views = TEXT (3);
  r->pupil_views = TEXT (4);
  r->next_steps = TEXT (5);
  r->decision = TEXT (6);
  r->completed_at = TEXT (7);
  r->reopened_at = TEXT (8);
  r->reopen_reason = TEXT (9);
  g_ptr_array_add (data, r);
}

static void
add_outcome (sqlite3_stmt *stmt,
             gpointer      data)
{
  SpOutcomeRecord *o = g_new0 (SpOutcomeRecord, 1);

  o->id = sqlite3_column_int64 (stmt, 0);
  o->target_id = sqlite3_column_int64 (stmt, 1);
  o->target_position = (guint) sqlite3_column_int (stmt, 2);
  o->outcome = TEXT (3);
  o->evidence = TEXT (4);
  o->has_before = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  o->measure_before = sqlite3_column_double (stmt, 5);
  o->has_after = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  o->measure_after = sqlite3_column_double (stmt, 6);
  o->measure_unit = TEXT (7);
  g_ptr_array_add (data, o);
}

static void
add_annotation (sqlite3_stmt *stmt,
                gpointer      data)
{
  SpAnnotationRecord *a = g_new0 (SpAnnotationRecord, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->target_id = sqlite3_column_int64 (stmt, 1);
  a->target_position = (guint) sqlite3_column_int (stmt, 2);
  a->note_date = TEXT (3);
  a->author = TEXT (4);
  a->text = TEXT (5);
  g_ptr_array_add (data, a);
}

static void
add_meeting (sqlite3_stmt *stmt,
             gpointer      data)
{
  SpMeetingRecord *m = g_new0 (SpMeetingRecord, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->review_id = sqlite3_column_int64 (stmt, 1);
  m->meeting_date = TEXT (2);
  m->method = TEXT (3);
  m->attendees = TEXT (4);
  m->notes = TEXT (5);
  g_ptr_array_add (data, m);
}

/* Binds one id and reads every row into @add; for the many small child queries. */
static gboolean
read_children (SpStore      *self,
               const gchar  *sql,
               gint64        id,
               void        (*add) (sqlite3_stmt *, gpointer),
               gpointer      data,
               GError      **error)
{
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return each_row (self, stmt, add, data, error);
}

static gboolean
load_plan_parts (SpStore       *self,
                 SpPlanRecord  *plan,
                 GError       **error)
{
  static const gchar targets_sql[] =
    "SELECT id, position, area, description, baseline, success_criteria, revision,"
    "       coalesce(carried_from, 0)"
    "  FROM targets WHERE plan_id = ? ORDER BY position, id";
  static const gchar strategies_sql[] =
    "SELECT id, description, revision FROM strategies WHERE target_id = ? ORDER BY position, id";
  static const gchar provision_sql[] =
    "SELECT p.id, p.position, p.description, p.area, p.role, coalesce(r.label, p.role),"
    "       coalesce(s.name, ''), p.group_size, p.sessions_per_week, p.minutes, p.weeks,"
    "       coalesce(p.start_date, ''), coalesce(p.end_date, ''), p.cost_pence, p.revision"
    "  FROM provision p LEFT JOIN role_rates r ON r.role = p.role"
    "  LEFT JOIN staff s ON s.id = p.staff_id"
    " WHERE p.plan_id = ? ORDER BY p.position, p.id";
  static const gchar reviews_sql[] =
    "SELECT id, review_date, attendees, parent_views, pupil_views, next_steps,"
    "       coalesce(decision, ''), coalesce(completed_at, ''), coalesce(reopened_at, ''),"
    "       reopen_reason"
    "  FROM reviews WHERE plan_id = ? ORDER BY review_date, id";
  static const gchar outcomes_sql[] =
    "SELECT o.id, o.target_id, t.position, o.outcome, o.evidence, o.measure_before,"
    "       o.measure_after, o.measure_unit"
    "  FROM review_outcomes o JOIN targets t ON t.id = o.target_id"
    " WHERE o.review_id = ? ORDER BY t.position, o.id";
  static const gchar annotations_sql[] =
    "SELECT a.id, coalesce(a.target_id, 0), coalesce(t.position, 0), a.note_date,"
    "       coalesce(s.name, ''), a.text"
    "  FROM annotations a LEFT JOIN targets t ON t.id = a.target_id"
    "  LEFT JOIN staff s ON s.id = a.author_id"
    " WHERE a.plan_id = ? ORDER BY a.note_date, a.id";

  if (!read_children (self, targets_sql, plan->id, add_target, plan->targets, error)
      || !read_children (self, provision_sql, plan->id, add_provision, plan->provision, error)
      || !read_children (self, reviews_sql, plan->id, add_review, plan->reviews, error)
      || !read_children (self, annotations_sql, plan->id, add_annotation, plan->annotations,
                         error))
    return FALSE;

  for (guint i = 0; i < plan->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      if (!read_children (self, strategies_sql, t->id, add_strategy, t->strategies, error))
        return FALSE;
    }
  for (guint i = 0; i < plan->reviews->len; i++)
    {
      SpReviewRecord *r = g_ptr_array_index (plan->reviews, i);
      if (!read_children (self, outcomes_sql, r->id, add_outcome, r->outcomes, error))
        return FALSE;
    }
  return TRUE;
}

static SpPupilRecord *
load_record (SpStore  *self,
             gint64    pupil_id,
             GError  **error)
{
  static const gchar pupil_sql[] =
    "SELECT id, coalesce(upn, ''), forename, surname, coalesce(date_of_birth, ''), sex,"
    "       year_group, class_name, sen_status, looked_after, medical_condition,"
    "       health_care_plan, strengths, likes, dislikes, anxieties, what_helps"
    "  FROM pupils WHERE id = ?";
  static const gchar needs_sql[] =
    "SELECT need_code FROM pupil_needs WHERE pupil_id = ? ORDER BY rank, id";
  static const gchar contacts_sql[] =
    "SELECT id, name, relationship, phone, email, address, preferred_method,"
    "       parental_responsibility"
    "  FROM contacts WHERE pupil_id = ? ORDER BY position, id";
  static const gchar plans_sql[] =
    "SELECT l.id, l.start_date, l.review_date, l.status, l.areas, coalesce(s.name, ''),"
    "       l.parent_contribution, l.pupil_likes, l.pupil_finds_hard, l.pupil_helps,"
    "       l.pupil_worries, coalesce(l.views_date, ''), l.views_how, l.revision, l.pupil_id,"
    "       coalesce(l.previous_plan_id, 0)"
    "  FROM plans l LEFT JOIN staff s ON s.id = l.written_by"
    " WHERE l.pupil_id = ? ORDER BY l.start_date, l.id";
  static const gchar meetings_sql[] =
    "SELECT id, coalesce(review_id, 0), meeting_date, method, attendees, notes"
    "  FROM parent_meetings WHERE pupil_id = ? ORDER BY meeting_date, id";
  g_autoptr(SpPupilRecord) record = NULL;
  g_autoptr(GStrvBuilder) needs = g_strv_builder_new ();
  sqlite3_stmt *stmt = sp_store_statement (self, pupil_sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                             _("This pupil is no longer in the database."));
      else
        sp_store_set_sqlite_error (self, rc, _("read the pupil’s record"), error);
      return NULL;
    }

  record = sp_pupil_record_new ();
  record->id = sqlite3_column_int64 (stmt, 0);
  record->upn = TEXT (1);
  record->forename = TEXT (2);
  record->surname = TEXT (3);
  record->date_of_birth = TEXT (4);
  record->sex = TEXT (5);
  record->year_group = TEXT (6);
  record->class_name = TEXT (7);
  record->sen_status = TEXT (8);
  record->looked_after = sqlite3_column_int (stmt, 9) != 0;
  record->medical_condition = sqlite3_column_int (stmt, 10) != 0;
  record->health_care_plan = sqlite3_column_int (stmt, 11) != 0;
  record->strengths = TEXT (12);
  record->likes = TEXT (13);
  record->dislikes = TEXT (14);
  record->anxieties = TEXT (15);
  record->what_helps = TEXT (16);
  sqlite3_reset (stmt);

  if (!read_children (self, needs_sql, pupil_id, add_need, needs, error)
      || !read_children (self, contacts_sql, pupil_id, add_contact, record->contacts, error)
      || !read_children (self, plans_sql, pupil_id, add_plan, record->plans, error)
      || !read_children (self, meetings_sql, pupil_id, add_meeting, record->meetings, error))
    return NULL;
  record->needs = g_strv_builder_end (needs);

  for (guint i = 0; i < record->plans->len; i++)
    if (!load_plan_parts (self, g_ptr_array_index (record->plans, i), error))
      return NULL;

  return g_steal_pointer (&record);
}

/* The whole record of one pupil: profile, needs, contacts, every plan (oldest first) with its
 * targets, strategies, provision, reviews, outcomes and notes, and the parent meetings. */
SpPupilRecord *
sp_store_load_record (SpStore  *self,
                      gint64    pupil_id,
                      GError  **error)
{
  SpPupilRecord *record;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  /* A read transaction: one consistent snapshot across the many queries. */
  if (sqlite3_exec (sp_store_get_db (self), "SAVEPOINT sp_read", NULL, NULL, NULL) != SQLITE_OK)
    {
      sp_store_set_sqlite_error (self, sqlite3_errcode (sp_store_get_db (self)),
                                 _("read the pupil’s record"), error);
      return NULL;
    }
  record = load_record (self, pupil_id, error);
  sqlite3_exec (sp_store_get_db (self), "RELEASE sp_read", NULL, NULL, NULL);
  return record;
}

/* One plan with all its parts, for the plan page. */
SpPlanRecord *
sp_store_load_plan (SpStore  *self,
                    gint64    plan_id,
                    GError  **error)
{
  static const gchar sql[] =
    "SELECT l.id, l.start_date, l.review_date, l.status, l.areas, coalesce(s.name, ''),"
    "       l.parent_contribution, l.pupil_likes, l.pupil_finds_hard, l.pupil_helps,"
    "       l.pupil_worries, coalesce(l.views_date, ''), l.views_how, l.revision, l.pupil_id,"
    "       coalesce(l.previous_plan_id, 0)"
    "  FROM plans l LEFT JOIN staff s ON s.id = l.written_by WHERE l.id = ?";
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (sp_plan_record_free);
  SpPlanRecord *plan = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (sqlite3_exec (sp_store_get_db (self), "SAVEPOINT sp_read", NULL, NULL, NULL) != SQLITE_OK)
    {
      sp_store_set_sqlite_error (self, sqlite3_errcode (sp_store_get_db (self)),
                                 _("read the plan"), error);
      return NULL;
    }
  if (read_children (self, sql, plan_id, add_plan, plans, error))
    {
      if (plans->len == 0)
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                             _("This plan is no longer in the database."));
      else if (load_plan_parts (self, g_ptr_array_index (plans, 0), error))
        plan = g_ptr_array_steal_index (plans, 0);
    }
  sqlite3_exec (sp_store_get_db (self), "RELEASE sp_read", NULL, NULL, NULL);
  return plan;
}

SpSchoolRecord *
sp_store_load_school (SpStore  *self,
                      GError  **error)
{
  static const gchar sql[] =
    "SELECT name, la_number, establishment, address, phone, email, senco_name"
    "  FROM school WHERE id = 1";
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  SpSchoolRecord *school;
  gint rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sp_store_set_sqlite_error (self, rc, _("read the school’s details"), error);
      return NULL;
    }
  school = sp_school_record_new ();
  school->name = TEXT (0);
  school->la_number = TEXT (1);
  school->establishment = TEXT (2);
  school->address = TEXT (3);
  school->phone = TEXT (4);
  school->email = TEXT (5);
  school->senco_name = TEXT (6);
  sqlite3_reset (stmt);
  return school;
}
