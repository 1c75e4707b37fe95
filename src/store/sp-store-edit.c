/* sp-store-edit.c: the small, named writes the editor makes as a teacher types.
 *
 * Every editable row has a revision. An update names the revision it was based on; when no
 * row matched, someone else changed it first and the update fails with
 * SP_STORE_ERROR_STALE, changing nothing. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-store-edit.h"
#include "sp-store-private.h"
#include "sp-text.h"
#include "sp-upn.h"

typedef enum
{
  KIND_TEXT,         /* free text, cleaned */
  KIND_DATE,         /* YYYY-MM-DD, or empty for NULL where the column allows */
  KIND_UPN,
  KIND_CODE,         /* one of a fixed set, checked by the database */
  KIND_NAME,         /* text that may not be empty */
} FieldKind;

typedef struct
{
  const gchar *table;
  const gchar *update_sql;
  const gchar *select_sql;
  FieldKind    kind;
  const gchar *what;  /* "save the review date" */
} FieldInfo;

#define UPD(table, column) \
  "UPDATE " table " SET " column " = ?1, revision = revision + 1 WHERE id = ?2 AND revision = ?3"
#define SEL(table, column) \
  "SELECT coalesce(" column ", ''), revision FROM " table " WHERE id = ?1"
#define FIELD(table, column, kind, what) \
  { table, UPD (table, column), SEL (table, column), kind, what }
/* A review draft's rows are keyed by the plan or the target they belong to. */
#define DRAFT(column, kind, what) \
  { "review_drafts", \
    "UPDATE review_drafts SET " column " = ?1, revision = revision + 1," \
    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE plan_id = ?2 AND revision = ?3", \
    "SELECT coalesce(" column ", ''), revision FROM review_drafts WHERE plan_id = ?1", kind, what }
#define DRAFT_OUTCOME(column, kind, what) \
  { "review_draft_outcomes", \
    "UPDATE review_draft_outcomes SET " column " = ?1, revision = revision + 1" \
    " WHERE target_id = ?2 AND revision = ?3", \
    "SELECT coalesce(" column ", ''), revision FROM review_draft_outcomes WHERE target_id = ?1", \
    kind, what }

static const FieldInfo fields[SP_N_FIELDS] = {
  [SP_FIELD_PUPIL_FORENAME] = FIELD ("pupils", "forename", KIND_NAME, N_("save the first name")),
  [SP_FIELD_PUPIL_SURNAME] = FIELD ("pupils", "surname", KIND_NAME, N_("save the surname")),
  [SP_FIELD_PUPIL_UPN] = FIELD ("pupils", "upn", KIND_UPN, N_("save the UPN")),
  [SP_FIELD_PUPIL_DATE_OF_BIRTH] = FIELD ("pupils", "date_of_birth", KIND_DATE,
                                          N_("save the date of birth")),
  [SP_FIELD_PUPIL_YEAR_GROUP] = FIELD ("pupils", "year_group", KIND_CODE,
                                       N_("save the year group")),
  [SP_FIELD_PUPIL_CLASS_NAME] = FIELD ("pupils", "class_name", KIND_TEXT, N_("save the class")),
  [SP_FIELD_PUPIL_SEN_STATUS] = FIELD ("pupils", "sen_status", KIND_CODE,
                                       N_("save the SEN status")),
  [SP_FIELD_PUPIL_STRENGTHS] = FIELD ("pupils", "strengths", KIND_TEXT, N_("save the strengths")),
  [SP_FIELD_PUPIL_LIKES] = FIELD ("pupils", "likes", KIND_TEXT, N_("save the likes")),
  [SP_FIELD_PUPIL_DISLIKES] = FIELD ("pupils", "dislikes", KIND_TEXT, N_("save the dislikes")),
  [SP_FIELD_PUPIL_ANXIETIES] = FIELD ("pupils", "anxieties", KIND_TEXT, N_("save the worries")),
  [SP_FIELD_PUPIL_WHAT_HELPS] = FIELD ("pupils", "what_helps", KIND_TEXT,
                                       N_("save what helps")),
  [SP_FIELD_PLAN_START_DATE] = FIELD ("plans", "start_date", KIND_DATE,
                                      N_("save the start date")),
  [SP_FIELD_PLAN_REVIEW_DATE] = FIELD ("plans", "review_date", KIND_DATE,
                                       N_("save the review date")),
  [SP_FIELD_PLAN_STATUS] = FIELD ("plans", "status", KIND_CODE, N_("save the plan’s status")),
  [SP_FIELD_PLAN_AREAS] = FIELD ("plans", "areas", KIND_TEXT, N_("save the areas of need")),
  [SP_FIELD_PLAN_PARENT_CONTRIBUTION] = FIELD ("plans", "parent_contribution", KIND_TEXT,
                                               N_("save what the family will do")),
  [SP_FIELD_PLAN_PUPIL_LIKES] = FIELD ("plans", "pupil_likes", KIND_TEXT,
                                       N_("save the pupil’s views")),
  [SP_FIELD_PLAN_PUPIL_FINDS_HARD] = FIELD ("plans", "pupil_finds_hard", KIND_TEXT,
                                            N_("save the pupil’s views")),
  [SP_FIELD_PLAN_PUPIL_HELPS] = FIELD ("plans", "pupil_helps", KIND_TEXT,
                                       N_("save the pupil’s views")),
  [SP_FIELD_PLAN_PUPIL_WORRIES] = FIELD ("plans", "pupil_worries", KIND_TEXT,
                                         N_("save the pupil’s views")),
  [SP_FIELD_PLAN_VIEWS_DATE] = FIELD ("plans", "views_date", KIND_DATE,
                                      N_("save the date of the views")),
  [SP_FIELD_PLAN_VIEWS_HOW] = FIELD ("plans", "views_how", KIND_TEXT,
                                     N_("save how the views were gathered")),
  [SP_FIELD_TARGET_DESCRIPTION] = FIELD ("targets", "description", KIND_TEXT,
                                         N_("save the target")),
  [SP_FIELD_TARGET_AREA] = FIELD ("targets", "area", KIND_CODE, N_("save the area of need")),
  [SP_FIELD_TARGET_BASELINE] = FIELD ("targets", "baseline", KIND_TEXT,
                                      N_("save the baseline")),
  [SP_FIELD_TARGET_SUCCESS_CRITERIA] = FIELD ("targets", "success_criteria", KIND_TEXT,
                                              N_("save how success will be measured")),
  [SP_FIELD_STRATEGY_DESCRIPTION] = FIELD ("strategies", "description", KIND_TEXT,
                                           N_("save the strategy")),
  [SP_FIELD_PROVISION_DESCRIPTION] = FIELD ("provision", "description", KIND_TEXT,
                                            N_("save the provision")),
  [SP_FIELD_PROVISION_START_DATE] = FIELD ("provision", "start_date", KIND_DATE,
                                           N_("save the start date")),
  [SP_FIELD_CONTACT_NAME] = FIELD ("contacts", "name", KIND_NAME, N_("save the contact’s name")),
  [SP_FIELD_CONTACT_RELATIONSHIP] = FIELD ("contacts", "relationship", KIND_TEXT,
                                           N_("save the relationship")),
  [SP_FIELD_CONTACT_PHONE] = FIELD ("contacts", "phone", KIND_TEXT, N_("save the phone number")),
  [SP_FIELD_CONTACT_EMAIL] = FIELD ("contacts", "email", KIND_TEXT, N_("save the email")),
  [SP_FIELD_CONTACT_PREFERRED_METHOD] = FIELD ("contacts", "preferred_method", KIND_CODE,
                                               N_("save how to contact them")),
  [SP_FIELD_REVIEW_DRAFT_DATE] = DRAFT ("review_date", KIND_DATE, N_("save the review’s date")),
  [SP_FIELD_REVIEW_DRAFT_ATTENDEES] = DRAFT ("attendees", KIND_TEXT,
                                             N_("save who took part")),
  [SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD] = DRAFT ("parents_method", KIND_CODE,
                                                  N_("save how the parents took part")),
  [SP_FIELD_REVIEW_DRAFT_PARENT_VIEWS] = DRAFT ("parent_views", KIND_TEXT,
                                                N_("save the parents’ views")),
  [SP_FIELD_REVIEW_DRAFT_PUPIL_VIEWS] = DRAFT ("pupil_views", KIND_TEXT,
                                               N_("save the pupil’s views")),
  [SP_FIELD_REVIEW_DRAFT_DECISION] = DRAFT ("decision", KIND_CODE, N_("save the decision")),
  [SP_FIELD_REVIEW_DRAFT_NEXT_STEPS] = DRAFT ("next_steps", KIND_TEXT,
                                              N_("save the next steps")),
  [SP_FIELD_REVIEW_DRAFT_OUTCOME] = DRAFT_OUTCOME ("outcome", KIND_CODE, N_("save the outcome")),
  [SP_FIELD_REVIEW_DRAFT_EVIDENCE] = DRAFT_OUTCOME ("evidence", KIND_TEXT,
                                                    N_("save the evidence")),
  [SP_FIELD_REVIEW_DRAFT_MEASURE_BEFORE] = DRAFT_OUTCOME ("measure_before", KIND_TEXT,
                                                          N_("save the measure")),
  [SP_FIELD_REVIEW_DRAFT_MEASURE_AFTER] = DRAFT_OUTCOME ("measure_after", KIND_TEXT,
                                                         N_("save the measure")),
  [SP_FIELD_REVIEW_DRAFT_MEASURE_UNIT] = DRAFT_OUTCOME ("measure_unit", KIND_TEXT,
                                                        N_("save the unit")),
  [SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD] = DRAFT_OUTCOME ("carry_forward", KIND_CODE,
                                                         N_("save whether it is carried forward")),
};

const gchar *
sp_field_table (SpField field)
{
  g_return_val_if_fail (field < SP_N_FIELDS, NULL);
  return fields[field].table;
}

/* Checks and normalises a value before it reaches the database; the database's own CHECKs
 * stay as the last guard. */
static gchar *
prepare_value (SpField       field,
               const gchar  *text,
               GError      **error)
{
  const FieldInfo *info = &fields[field];
  GError *local = NULL;
  g_autofree gchar *clean = sp_text_clean (text, &local);

  if (clean == NULL)
    {
      sp_store_refuse (local, error);
      return NULL;
    }

  switch (info->kind)
    {
    case KIND_NAME:
      g_strstrip (clean);
      if (*clean == '\0')
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                               _("A name cannot be left empty."));
          return NULL;
        }
      break;
    case KIND_UPN:
      {
        g_autofree gchar *upn = sp_upn_normalise (clean);
        if (*upn != '\0' && !sp_upn_validate (upn, &local))
          {
            sp_store_refuse (local, error);
            return NULL;
          }
        return g_steal_pointer (&upn);
      }
    case KIND_DATE:
      g_strstrip (clean);
      if (*clean != '\0')
        {
          g_autoptr(GDate) date = sp_date_parse_iso (clean);
          if (date == NULL)
            {
              g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("“%s” is not a real date."), clean);
              return NULL;
            }
        }
      break;
    case KIND_CODE:
      g_strstrip (clean);
      break;
    case KIND_TEXT:
      break;
    }
  return g_steal_pointer (&clean);
}

gboolean
sp_store_update_text (SpStore      *self,
                      SpField       field,
                      gint64        id,
                      gint64        revision,
                      const gchar  *text,
                      gint64       *new_revision,
                      GError      **error)
{
  const FieldInfo *info;
  g_autofree gchar *value = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (field < SP_N_FIELDS, FALSE);

  info = &fields[field];
  if ((value = prepare_value (field, text, error)) == NULL)
    return FALSE;

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, info->update_sql, error)) != NULL)
    {
      /* Optional dates and the UPN are NULL when empty; everything else is text. */
      if (info->kind == KIND_DATE || info->kind == KIND_UPN)
        sp_store_bind_text_or_null (stmt, 1, value);
      else
        sp_store_bind_text (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int64 (stmt, 3, revision);
      ok = sp_store_step_done (self, stmt, _(info->what), error);
      if (ok && sqlite3_changes (sp_store_get_db (self)) == 0)
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE,
                               _("Someone else changed this while you were typing. Both "
                                 "versions are shown: keep one, or combine them."));
          ok = FALSE;
        }
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  if (new_revision)
    *new_revision = revision + 1;
  sp_store_emit_changed (self, info->table, id);
  return TRUE;
}

gchar *
sp_store_read_text (SpStore  *self,
                    SpField   field,
                    gint64    id,
                    gint64   *revision,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  gchar *text = NULL;
  gint rc;

  g_return_val_if_fail (field < SP_N_FIELDS, NULL);

  if ((stmt = sp_store_statement (self, fields[field].select_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      text = g_strdup (sp_store_column_text (stmt, 0));
      if (revision)
        *revision = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                         _("This has been removed by someone else."));
  else
    sp_store_set_sqlite_error (self, rc, _("read the database"), error);
  sqlite3_reset (stmt);
  return text;
}

/* Saves the numbers of a provision row and works its cost out again from the school's rate
 * for the role. */
gboolean
sp_store_update_provision (SpStore                *self,
                           gint64                  provision_id,
                           gint64                  revision,
                           const SpProvisionSpec  *spec,
                           gint64                 *new_revision,
                           gint64                 *cost_pence,
                           GError                **error)
{
  static const gchar sql[] =
    "UPDATE provision SET description = ?1, role = ?2, group_size = ?3, sessions_per_week = ?4,"
    "       minutes = ?5, weeks = ?6, cost_pence = ?7, revision = revision + 1"
    " WHERE id = ?8 AND revision = ?9";
  g_autofree gchar *description = NULL;
  sqlite3_stmt *stmt;
  gint64 rate, cost = 0;
  gboolean ok = FALSE;
  GError *local = NULL;

  if (!sp_provision_spec_check (spec, &local)
      || (description = sp_text_clean (spec->description, &local)) == NULL)
    return sp_store_refuse (local, error);

  if (!sp_store_begin (self, error))
    return FALSE;
  rate = sp_store_get_role_rate (self, spec->role, error);
  if (rate >= 0 && (stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      cost = sp_provision_cost_pence (rate, spec->minutes, spec->sessions_per_week, spec->weeks,
                                      spec->group_size);
      sp_store_bind_text (stmt, 1, description);
      sp_store_bind_text (stmt, 2, spec->role);
      sqlite3_bind_int (stmt, 3, (gint) spec->group_size);
      sqlite3_bind_int (stmt, 4, (gint) spec->sessions_per_week);
      sqlite3_bind_int (stmt, 5, (gint) spec->minutes);
      sqlite3_bind_int (stmt, 6, (gint) spec->weeks);
      sqlite3_bind_int64 (stmt, 7, cost);
      sqlite3_bind_int64 (stmt, 8, provision_id);
      sqlite3_bind_int64 (stmt, 9, revision);
      ok = sp_store_step_done (self, stmt, _("save the provision"), error);
      if (ok && sqlite3_changes (sp_store_get_db (self)) == 0)
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE,
                               _("Someone else changed this provision while you were typing. "
                                 "It has been reloaded."));
          ok = FALSE;
        }
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  if (new_revision)
    *new_revision = revision + 1;
  if (cost_pence)
    *cost_pence = cost;
  sp_store_emit_changed (self, "provision", provision_id);
  return TRUE;
}

/* A new draft plan: start and review dates are required, as a plan is not agreed without a
 * review date. */
gint64
sp_store_new_plan (SpStore      *self,
                   gint64        pupil_id,
                   const gchar  *start_date,
                   const gchar  *review_date,
                   GError      **error)
{
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN,
                                         "start-date", start_date,
                                         "review-date", review_date,
                                         "status", "draft",
                                         NULL);

  return sp_store_add_plan (self, pupil_id, plan, 0, error);
}

gboolean
sp_store_delete_row (SpStore      *self,
                     const gchar  *table,
                     gint64        id,
                     GError      **error)
{
  /* One fixed statement per table that may be deleted from. */
  static const struct { const gchar *table; const gchar *sql; } deletes[] = {
    { "targets", "DELETE FROM targets WHERE id = ?" },
    { "strategies", "DELETE FROM strategies WHERE id = ?" },
    { "provision", "DELETE FROM provision WHERE id = ?" },
    { "annotations", "DELETE FROM annotations WHERE id = ?" },
    { "contacts", "DELETE FROM contacts WHERE id = ?" },
    { "plans", "DELETE FROM plans WHERE id = ? AND status = 'draft'" },
  };
  const gchar *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    if (g_strcmp0 (deletes[i].table, table) == 0)
      sql = deletes[i].sql;
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = sp_store_step_done (self, stmt, _("remove it"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, table, id);
  return TRUE;
}

/* Puts back a target removed a moment ago (the Undo of the toast), with its strategies, in
 * its old place. */
gint64
sp_store_reinsert_target (SpStore               *self,
                          gint64                 plan_id,
                          const SpTargetRecord  *target,
                          GError               **error)
{
  static const gchar sql[] =
    "INSERT INTO targets (plan_id, position, area, description, baseline, success_criteria)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  if (!sp_store_begin (self, error))
    return 0;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int (stmt, 2, (gint) target->position);
      sp_store_bind_text (stmt, 3, target->area);
      sp_store_bind_text (stmt, 4, target->description);
      sp_store_bind_text (stmt, 5, target->baseline);
      sp_store_bind_text (stmt, 6, target->success_criteria);
      id = sp_store_step_insert (self, stmt, _("put the target back"), error);
    }
  ok = id > 0;
  for (guint i = 0; ok && i < target->strategies->len; i++)
    {
      SpStrategyRecord *s = g_ptr_array_index (target->strategies, i);
      ok = sp_store_add_strategy (self, id, s->description, error) > 0;
    }
  if (!sp_store_finish (self, ok, error))
    return 0;
  sp_store_emit_changed (self, "targets", id);
  return id;
}

gint64
sp_store_reinsert_provision (SpStore                  *self,
                             gint64                    plan_id,
                             const SpProvisionRecord  *p,
                             GError                  **error)
{
  SpProvisionSpec spec = {
    .description = p->description, .role = p->role, .area = p->area,
    .group_size = p->group_size, .sessions_per_week = p->sessions_per_week,
    .minutes = p->minutes, .weeks = p->weeks, .start_date = p->start_date,
  };

  return sp_store_add_provision (self, plan_id, &spec, error);
}

/* Swaps a target with the one above (delta -1) or below (+1). */
gboolean
sp_store_move_target (SpStore  *self,
                      gint64    target_id,
                      gint      delta,
                      GError  **error)
{
  static const gchar neighbour_sql[] =
    "SELECT n.id, n.position, t.position FROM targets t JOIN targets n ON n.plan_id = t.plan_id"
    " WHERE t.id = ?1 AND ((?2 < 0 AND n.position < t.position)"
    "                   OR (?2 > 0 AND n.position > t.position))"
    " ORDER BY CASE WHEN ?2 < 0 THEN -n.position ELSE n.position END LIMIT 1";
  static const gchar set_sql[] =
    "UPDATE targets SET position = ?, revision = revision + 1 WHERE id = ?";
  sqlite3_stmt *stmt;
  gint64 other = 0, other_pos = 0, my_pos = 0;
  gboolean ok = FALSE;
  gint rc;

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, neighbour_sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, target_id);
      sqlite3_bind_int (stmt, 2, delta);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          other = sqlite3_column_int64 (stmt, 0);
          other_pos = sqlite3_column_int64 (stmt, 1);
          my_pos = sqlite3_column_int64 (stmt, 2);
          ok = TRUE;
        }
      else if (rc == SQLITE_DONE)
        ok = TRUE;  /* already first or last: nothing to do */
      else
        sp_store_set_sqlite_error (self, rc, _("move the target"), error);
      sqlite3_reset (stmt);
    }
  if (ok && other > 0)
    {
      stmt = sp_store_statement (self, set_sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, other_pos);
          sqlite3_bind_int64 (stmt, 2, target_id);
          ok = sp_store_step_done (self, stmt, _("move the target"), error);
        }
      if (ok && (stmt = sp_store_statement (self, set_sql, error)) != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, my_pos);
          sqlite3_bind_int64 (stmt, 2, other);
          ok = sp_store_step_done (self, stmt, _("move the target"), error);
        }
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "targets", target_id);
  return TRUE;
}

/* Replaces the pupil's ranked needs with @codes, most important first. */
gboolean
sp_store_set_pupil_needs (SpStore             *self,
                          gint64               pupil_id,
                          const gchar * const *codes,
                          GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  for (guint i = 0; codes && codes[i]; i++)
    if (sp_need_type_lookup (codes[i]) == NULL)
      {
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                     _("“%s” is not a type of need the school census knows."), codes[i]);
        return FALSE;
      }

  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, "DELETE FROM pupil_needs WHERE pupil_id = ?",
                                  error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      ok = sp_store_step_done (self, stmt, _("save the needs"), error);
    }
  for (guint i = 0; ok && codes && codes[i]; i++)
    ok = sp_store_add_pupil_need (self, pupil_id, codes[i], i + 1, error);
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  sp_store_emit_changed (self, "pupils", pupil_id);
  return TRUE;
}

/* role → label, for the provision editor's list of who delivers it. Keys and values are
 * owned by the table. Ordered by the caller. */
GHashTable *
sp_store_list_role_rates (SpStore  *self,
                          GError  **error)
{
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = sp_store_statement (self, "SELECT role, label FROM role_rates", error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (rates, g_strdup (sp_store_column_text (stmt, 0)),
                         g_strdup (sp_store_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the hourly rates"), error);
      return NULL;
    }
  return g_steal_pointer (&rates);
}

gint64
sp_store_plan_total_pence (SpStore  *self,
                           gint64    plan_id,
                           GError  **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (self, "SELECT coalesce(sum(cost_pence), 0) FROM provision"
                              " WHERE plan_id = ?", error);
  gint64 total = -1;
  gint rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  else
    sp_store_set_sqlite_error (self, rc, _("add up the costs"), error);
  sqlite3_reset (stmt);
  return total;
}

/* The pupil's parents and carers, in the order entered (SpContactRecord). */
GPtrArray *
sp_store_list_contacts (SpStore  *self,
                        gint64    pupil_id,
                        GError  **error)
{
  static const gchar sql[] =
    "SELECT id, name, relationship, phone, email, address, preferred_method,"
    "       parental_responsibility"
    "  FROM contacts WHERE pupil_id = ? ORDER BY position, id";
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (sp_contact_record_free);
  sqlite3_stmt *stmt = sp_store_statement (self, sql, error);
  gint rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpContactRecord *c = g_new0 (SpContactRecord, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->name = g_strdup (sp_store_column_text (stmt, 1));
      c->relationship = g_strdup (sp_store_column_text (stmt, 2));
      c->phone = g_strdup (sp_store_column_text (stmt, 3));
      c->email = g_strdup (sp_store_column_text (stmt, 4));
      c->address = g_strdup (sp_store_column_text (stmt, 5));
      c->preferred_method = g_strdup (sp_store_column_text (stmt, 6));
      c->parental_responsibility = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (contacts, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the contacts"), error);
      return NULL;
    }
  return g_steal_pointer (&contacts);
}
