/* sp-store-import.c: the import preview and the one transaction that applies it.
 *
 * Matching is by UPN. A pupil not in the database is added whole. For a pupil already there,
 * only the details a school's management system owns (names, date of birth, sex, year group,
 * SEN status, needs) may change, and the preview lists each change; everything written in the
 * app (profile, plans, views, notes, contacts, meetings) is never removed or overwritten. An
 * agency file may add plans, contacts and meetings the database does not have yet; what is
 * already there is left out, and the preview says so. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-store-import.h"
#include "sp-store-private.h"
#include "sp-upn.h"

/* ---- the preview ----------------------------------------------------------------------- */

static void
change_free (gpointer data)
{
  SpImportChange *c = data;

  g_free (c->field);
  g_free (c->before);
  g_free (c->after);
  g_free (c);
}

static void
item_free (gpointer data)
{
  SpImportItem *item = data;

  g_free (item->upn);
  g_free (item->name);
  g_free (item->reason);
  g_clear_pointer (&item->record, sp_pupil_record_free);
  g_ptr_array_unref (item->changes);
  g_ptr_array_unref (item->notes);
  g_free (item);
}

static SpImportItem *
item_new (void)
{
  SpImportItem *item = g_new0 (SpImportItem, 1);

  item->changes = g_ptr_array_new_with_free_func (change_free);
  item->notes = g_ptr_array_new_with_free_func (g_free);
  return item;
}

SpImportPreview *
sp_import_preview_new (gboolean whole_records)
{
  SpImportPreview *preview = g_new0 (SpImportPreview, 1);

  preview->whole_records = whole_records;
  preview->items = g_ptr_array_new_with_free_func (item_free);
  preview->source = g_strdup ("");
  return preview;
}

void
sp_import_preview_free (SpImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->source);
  g_clear_pointer (&preview->school, sp_school_record_free);
  g_ptr_array_unref (preview->items);
  g_free (preview);
}

static gchar *
display_name (const gchar *forename,
              const gchar *surname)
{
  return g_strstrip (g_strdup_printf ("%s %s", forename ? forename : "",
                                      surname ? surname : ""));
}

/* Takes @record. It is matched and checked by sp_store_import_prepare(). */
void
sp_import_preview_add_record (SpImportPreview *preview,
                              SpPupilRecord   *record)
{
  SpImportItem *item = item_new ();

  item->kind = SP_IMPORT_NEW;
  item->upn = g_strdup (record->upn);
  item->name = display_name (record->forename, record->surname);
  item->record = record;
  g_ptr_array_add (preview->items, item);
  preview->n_new++;
}

void
sp_import_preview_reject (SpImportPreview *preview,
                          const gchar     *upn,
                          const gchar     *name,
                          const gchar     *reason)
{
  SpImportItem *item = item_new ();

  item->kind = SP_IMPORT_REJECTED;
  item->upn = g_strdup (upn ? upn : "");
  item->name = g_strdup (name ? name : "");
  item->reason = g_strdup (reason);
  g_ptr_array_add (preview->items, item);
  preview->n_rejected++;
}

guint
sp_import_preview_n_importable (SpImportPreview *preview)
{
  return preview->n_new + preview->n_changed;
}

/* ---- checking a record against what the database accepts ------------------------------- */

static gboolean
date_ok (const gchar *text,
         gboolean     optional)
{
  g_autoptr(GDate) date = NULL;

  if (text == NULL || *text == '\0')
    return optional;
  date = sp_date_parse_iso (text);
  return date != NULL;
}

static gboolean
one_of (const gchar         *value,
        const gchar * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static gboolean
role_known (SpStore     *self,
            const gchar *role)
{
  g_autoptr(GError) error = NULL;

  return sp_store_get_role_rate (self, role, &error) >= 0 && error == NULL;
}

/* The index in @p->targets of the target at @position, or -1. */
static gint
target_index (const SpPlanRecord *p,
              guint               position)
{
  for (guint i = 0; i < p->targets->len; i++)
    if (((SpTargetRecord *) g_ptr_array_index (p->targets, i))->position == position)
      return (gint) i;
  return -1;
}

/* Why the database would refuse @r, in a sentence; NULL when it would not. */
static gchar *
check_record (SpStore             *self,
              const SpPupilRecord *r,
              gboolean             whole)
{
  static const gchar *const years[] = {
    "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", NULL
  };
  static const gchar *const sexes[] = { "", "M", "F", NULL };
  static const gchar *const methods[] = { "phone", "email", "letter", "text", "in_person", NULL };
  static const gchar *const statuses[] = { "draft", "active", "reviewed", "archived", NULL };
  static const gchar *const areas[] = {
    "", "communication", "cognition", "semh", "sensory", "none", NULL
  };
  static const gchar *const decisions[] = {
    "", "new_plan", "continue", "cease", "top_up", "ehc_request", "specialist", NULL
  };
  static const gchar *const outcomes[] = { "achieved", "partly", "not_achieved", NULL };
  static const gchar *const meeting_methods[] = { "in_person", "phone", "video", NULL };
  g_autoptr(GError) upn_error = NULL;
  g_autoptr(GHashTable) review_ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!sp_upn_validate (r->upn, &upn_error))
    return g_strdup (upn_error->message);
  if (*r->forename == '\0' || *r->surname == '\0')
    return g_strdup (_("The pupil has no first name or no surname."));
  if (strlen (r->forename) > 200 || strlen (r->surname) > 200)
    return g_strdup (_("The pupil’s name is longer than 200 characters."));
  if (!date_ok (r->date_of_birth, TRUE))
    return g_strdup_printf (_("The date of birth “%s” is not a real date."), r->date_of_birth);
  if (!one_of (r->year_group, years))
    return g_strdup_printf (_("“%s” is not a year group."), r->year_group);
  if (!one_of (r->sex, sexes))
    return g_strdup_printf (_("“%s” is not a recorded sex (M or F)."), r->sex);
  if (!sp_sen_status_valid (r->sen_status))
    return g_strdup_printf (_("“%s” is not an SEN status (N, K or E)."), r->sen_status);
  for (guint i = 0; r->needs != NULL && r->needs[i] != NULL; i++)
    {
      if (sp_need_type_lookup (r->needs[i]) == NULL)
        return g_strdup_printf (_("“%s” is not a type of need."), r->needs[i]);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (r->needs[i], r->needs[j]) == 0)
          return g_strdup_printf (_("The need %s is listed twice."), r->needs[i]);
    }
  if (!whole)
    return NULL;

  for (guint i = 0; i < r->contacts->len; i++)
    {
      SpContactRecord *c = g_ptr_array_index (r->contacts, i);
      if (*c->name == '\0' || strlen (c->name) > 200)
        return g_strdup (_("A contact has no name."));
      if (!one_of (c->preferred_method, methods))
        return g_strdup_printf (_("“%s” is not a way to contact someone."), c->preferred_method);
    }
  for (guint i = 0; i < r->plans->len; i++)
    {
      SpPlanRecord *p = g_ptr_array_index (r->plans, i);
      if (!date_ok (p->start_date, FALSE) || !date_ok (p->review_date, FALSE)
          || strcmp (p->review_date, p->start_date) <= 0)
        return g_strdup_printf (_("The plan starting “%s” has no review date after its start."),
                                p->start_date);
      if (!one_of (p->status, statuses) || !date_ok (p->views_date, TRUE))
        return g_strdup_printf (_("The plan starting %s is not complete."), p->start_date);
      if (p->targets->len > 4)
        return g_strdup_printf (_("The plan starting %s has more than four targets."),
                                p->start_date);
      for (guint j = 0; j < p->targets->len; j++)
        {
          SpTargetRecord *t = g_ptr_array_index (p->targets, j);
          if (!one_of (t->area, areas))
            return g_strdup_printf (_("“%s” is not an area of need."), t->area);
          if (t->position < 1 || t->position > 4 || target_index (p, t->position) != (gint) j)
            return g_strdup_printf (_("The plan starting %s numbers its targets twice or out "
                                      "of order."), p->start_date);
        }
      for (guint j = 0; j < p->provision->len; j++)
        {
          SpProvisionRecord *v = g_ptr_array_index (p->provision, j);
          if (!role_known (self, v->role))
            return g_strdup_printf (_("The provision “%s” is delivered by “%s”, a role this "
                                      "school does not have."), v->description, v->role);
          if (v->group_size < 1 || v->group_size > 40 || v->sessions_per_week < 1
              || v->sessions_per_week > 25 || v->minutes < 1 || v->minutes > 390
              || v->weeks < 1 || v->weeks > 52 || v->cost_pence < 0
              || !date_ok (v->start_date, TRUE) || !date_ok (v->end_date, TRUE))
            return g_strdup_printf (_("The provision “%s” has a size, time or date out of "
                                      "range."), v->description);
        }
      for (guint j = 0; j < p->reviews->len; j++)
        {
          SpReviewRecord *v = g_ptr_array_index (p->reviews, j);
          if (!date_ok (v->review_date, FALSE) || !one_of (v->decision, decisions))
            return g_strdup_printf (_("A review of the plan starting %s has no date or an "
                                      "unknown decision."), p->start_date);
          g_hash_table_add (review_ids, &v->id);
          for (guint k = 0; k < v->outcomes->len; k++)
            {
              SpOutcomeRecord *o = g_ptr_array_index (v->outcomes, k);
              if (!one_of (o->outcome, outcomes) || target_index (p, o->target_position) < 0)
                return g_strdup_printf (_("An outcome of the review on %s is for a target the "
                                          "plan does not have."), v->review_date);
              for (guint m = 0; m < k; m++)
                if (((SpOutcomeRecord *) g_ptr_array_index (v->outcomes, m))->target_position
                    == o->target_position)
                  return g_strdup_printf (_("The review on %s judges a target twice."),
                                          v->review_date);
            }
        }
      for (guint j = 0; j < p->annotations->len; j++)
        {
          SpAnnotationRecord *a = g_ptr_array_index (p->annotations, j);
          if (!date_ok (a->note_date, FALSE) || *a->text == '\0'
              || (a->target_position != 0 && target_index (p, a->target_position) < 0))
            return g_strdup_printf (_("A note on the plan starting %s has no date, no text, or "
                                      "a target the plan does not have."), p->start_date);
        }
    }
  for (guint i = 0; i < r->meetings->len; i++)
    {
      SpMeetingRecord *m = g_ptr_array_index (r->meetings, i);
      if (!date_ok (m->meeting_date, FALSE) || !one_of (m->method, meeting_methods))
        return g_strdup (_("A meeting with parents has no date or an unknown way of meeting."));
      if (m->review_id != 0 && !g_hash_table_contains (review_ids, &m->review_id))
        return g_strdup (_("A meeting with parents is linked to a review the file does not "
                           "have."));
    }
  return NULL;
}

/* ---- matching -------------------------------------------------------------------------- */

static void
add_change (SpImportItem *item,
            const gchar  *field,
            const gchar  *before,
            const gchar  *after)
{
  SpImportChange *c = g_new0 (SpImportChange, 1);

  c->field = g_strdup (field);
  c->before = g_strdup (before);
  c->after = g_strdup (after);
  g_ptr_array_add (item->changes, c);
}

static gchar *
join_needs (GStrv needs)
{
  return needs != NULL ? g_strjoinv (", ", needs) : g_strdup ("");
}

/* Details owned by the school's management system: an empty value in the file leaves the
 * database's value alone. */
static void
compare_details (SpImportItem        *item,
                 const SpPupilRecord *old,
                 const SpPupilRecord *r)
{
  struct { const gchar *label; const gchar *before; const gchar *after; } fields[] = {
    { N_("Surname"), old->surname, r->surname },
    { N_("First name"), old->forename, r->forename },
    { N_("Date of birth"), old->date_of_birth, r->date_of_birth },
    { N_("Sex"), old->sex, r->sex },
    { N_("Year group"), old->year_group, r->year_group },
    { N_("SEN status"), old->sen_status, r->sen_status },
  };
  g_autofree gchar *old_needs = join_needs (old->needs);
  g_autofree gchar *new_needs = join_needs (r->needs);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i].after != '\0' && g_strcmp0 (fields[i].before, fields[i].after) != 0)
      add_change (item, _(fields[i].label), fields[i].before, fields[i].after);
  if (*new_needs != '\0' && strcmp (old_needs, new_needs) != 0)
    add_change (item, _("Needs"), old_needs, new_needs);
}

static gboolean
has_contact (const SpPupilRecord *old,
             const gchar         *name)
{
  for (guint i = 0; i < old->contacts->len; i++)
    if (g_utf8_collate (((SpContactRecord *) g_ptr_array_index (old->contacts, i))->name,
                        name) == 0)
      return TRUE;
  return FALSE;
}

static SpPlanRecord *
find_plan (const SpPupilRecord *old,
           const gchar         *start_date)
{
  for (guint i = 0; i < old->plans->len; i++)
    if (strcmp (((SpPlanRecord *) g_ptr_array_index (old->plans, i))->start_date,
                start_date) == 0)
      return g_ptr_array_index (old->plans, i);
  return NULL;
}

static gboolean
has_plan (const SpPupilRecord *old,
          const gchar         *start_date)
{
  return find_plan (old, start_date) != NULL;
}

static gboolean
has_meeting (const SpPupilRecord   *old,
             const SpMeetingRecord *m)
{
  for (guint i = 0; i < old->meetings->len; i++)
    {
      SpMeetingRecord *o = g_ptr_array_index (old->meetings, i);
      if (strcmp (o->meeting_date, m->meeting_date) == 0 && strcmp (o->method, m->method) == 0)
        return TRUE;
    }
  return FALSE;
}

/* For a pupil already in the database: which parts of the file's record are new. Returns how
 * many parts would be added; notes say what is added and what is left out. */
static guint
compare_parts (SpImportItem        *item,
               const SpPupilRecord *old,
               const SpPupilRecord *r)
{
  guint added = 0;

  for (guint i = 0; i < r->contacts->len; i++)
    {
      SpContactRecord *c = g_ptr_array_index (r->contacts, i);
      if (has_contact (old, c->name))
        g_ptr_array_add (item->notes,
                         g_strdup_printf (_("The contact %s is already recorded: not added "
                                            "again."), c->name));
      else
        {
          g_ptr_array_add (item->notes, g_strdup_printf (_("Adds the contact %s."), c->name));
          added++;
        }
    }
  for (guint i = 0; i < r->plans->len; i++)
    {
      SpPlanRecord *p = g_ptr_array_index (r->plans, i);
      if (has_plan (old, p->start_date))
        g_ptr_array_add (item->notes,
                         g_strdup_printf (_("The plan starting %s is already recorded: not "
                                            "added again."), p->start_date));
      else
        {
          g_ptr_array_add (item->notes,
                           g_strdup_printf (_("Adds the plan starting %s."), p->start_date));
          added++;
        }
    }
  for (guint i = 0; i < r->meetings->len; i++)
    {
      SpMeetingRecord *m = g_ptr_array_index (r->meetings, i);
      if (has_meeting (old, m))
        g_ptr_array_add (item->notes,
                         g_strdup_printf (_("The meeting with parents on %s is already "
                                            "recorded: not added again."), m->meeting_date));
      else
        {
          g_ptr_array_add (item->notes,
                           g_strdup_printf (_("Adds the meeting with parents on %s."),
                                            m->meeting_date));
          added++;
        }
    }
  return added;
}

static void
reject_item (SpImportItem *item,
             gchar        *reason)
{
  item->kind = SP_IMPORT_REJECTED;
  g_free (item->reason);
  item->reason = reason;
}

/* Matches every record of @preview to the database and says what would happen to it. May be
 * called again (sp_store_import_apply() does, inside its transaction). */
gboolean
sp_store_import_prepare (SpStore          *self,
                         SpImportPreview  *preview,
                         GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  preview->n_new = preview->n_changed = preview->n_unchanged = preview->n_rejected = 0;
  for (guint i = 0; i < preview->items->len; i++)
    {
      SpImportItem *item = g_ptr_array_index (preview->items, i);
      SpPupilRecord *r = item->record;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SpPupilRecord) old = NULL;
      gchar *reason;
      guint added = 0;

      if (r == NULL)
        {
          preview->n_rejected++;
          continue;
        }
      item->kind = SP_IMPORT_NEW;
      item->pupil_id = 0;
      g_clear_pointer (&item->reason, g_free);
      g_ptr_array_set_size (item->changes, 0);
      g_ptr_array_set_size (item->notes, 0);

      if ((reason = check_record (self, r, preview->whole_records)) != NULL)
        {
          reject_item (item, reason);
          preview->n_rejected++;
          continue;
        }
      if (g_hash_table_contains (seen, r->upn))
        {
          reject_item (item, g_strdup_printf (_("UPN %s appears more than once in this file; "
                                                "only the first is imported."), r->upn));
          preview->n_rejected++;
          continue;
        }
      g_hash_table_add (seen, r->upn);

      item->pupil_id = sp_store_find_pupil_by_upn (self, r->upn, &local_error);
      if (item->pupil_id == 0)
        {
          if (!g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          preview->n_new++;
          continue;
        }

      old = sp_store_load_record (self, item->pupil_id, error);
      if (old == NULL)
        return FALSE;
      compare_details (item, old, r);
      if (preview->whole_records)
        added = compare_parts (item, old, r);
      if (item->changes->len > 0 || added > 0)
        {
          item->kind = SP_IMPORT_CHANGED;
          preview->n_changed++;
        }
      else
        {
          item->kind = SP_IMPORT_UNCHANGED;
          preview->n_unchanged++;
        }
    }
  return TRUE;
}

/* ---- writing --------------------------------------------------------------------------- */

typedef struct
{
  SpStore    *store;
  GHashTable *staff;              /* name → gint64 id, for this import */
} Writer;

/* The file's ids of one pupil's plans, targets and reviews → the database's, so that a plan can
 * name the one before it, a target the one it carries forward, a meeting its review. */
typedef struct
{
  GHashTable *plans;
  GHashTable *targets;
  GHashTable *reviews;
} IdMaps;

static void
map_put (GHashTable *map,
         gint64      from,
         gint64      to)
{
  if (from != 0 && to > 0)
    g_hash_table_insert (map, g_memdup2 (&from, sizeof from), g_memdup2 (&to, sizeof to));
}

static gint64
map_get (GHashTable *map,
         gint64      from)
{
  gint64 *to = from != 0 ? g_hash_table_lookup (map, &from) : NULL;

  return to != NULL ? *to : 0;
}

static gint64
staff_id (Writer       *w,
          const gchar  *name,
          const gchar  *role,
          GError      **error)
{
  sqlite3_stmt *stmt;
  gpointer found;
  gint64 id = 0;

  if (name == NULL || *name == '\0')
    return -1;
  if (g_hash_table_lookup_extended (w->staff, name, NULL, &found))
    return GPOINTER_TO_SIZE (found);

  stmt = sp_store_statement (w->store, "SELECT id FROM staff WHERE name = ? ORDER BY id LIMIT 1",
                             error);
  if (stmt == NULL)
    return 0;
  sp_store_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    {
      stmt = sp_store_statement (w->store, "INSERT INTO staff (name, role) VALUES (?, ?)", error);
      if (stmt == NULL)
        return 0;
      sp_store_bind_text (stmt, 1, name);
      sp_store_bind_text (stmt, 2, role_known (w->store, role) ? role : "other");
      id = sp_store_step_insert (w->store, stmt, _("add a member of staff"), error);
      if (id == 0)
        return 0;
    }
  g_hash_table_insert (w->staff, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
insert_needs (Writer               *w,
              gint64                pupil_id,
              const SpPupilRecord  *r,
              GError              **error)
{
  for (guint i = 0; r->needs != NULL && r->needs[i] != NULL; i++)
    {
      sqlite3_stmt *stmt =
        sp_store_statement (w->store,
                            "INSERT INTO pupil_needs (pupil_id, need_code, rank) VALUES (?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      sp_store_bind_text (stmt, 2, r->needs[i]);
      sqlite3_bind_int (stmt, 3, (gint) i + 1);
      if (!sp_store_step_done (w->store, stmt, _("add the pupil’s needs"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_contact (Writer                 *w,
                gint64                  pupil_id,
                const SpContactRecord  *c,
                guint                   position,
                GError                **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (w->store,
                        "INSERT INTO contacts (pupil_id, name, relationship, phone, email, address,"
                        " preferred_method, parental_responsibility, position)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sp_store_bind_text (stmt, 2, c->name);
  sp_store_bind_text (stmt, 3, c->relationship);
  sp_store_bind_text (stmt, 4, c->phone);
  sp_store_bind_text (stmt, 5, c->email);
  sp_store_bind_text (stmt, 6, c->address);
  sp_store_bind_text (stmt, 7, c->preferred_method);
  sqlite3_bind_int (stmt, 8, c->parental_responsibility ? 1 : 0);
  sqlite3_bind_int (stmt, 9, (gint) position);
  return sp_store_step_done (w->store, stmt, _("add a contact"), error);
}

static gint64
insert_target (Writer                *w,
               gint64                 plan_id,
               const SpTargetRecord  *t,
               guint                  position,
               IdMaps                *maps,
               GError               **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (w->store,
                        "INSERT INTO targets (plan_id, position, area, description, baseline,"
                        " success_criteria, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int (stmt, 2, (gint) position);
  sp_store_bind_text (stmt, 3, t->area);
  sp_store_bind_text (stmt, 4, t->description);
  sp_store_bind_text (stmt, 5, t->baseline);
  sp_store_bind_text (stmt, 6, t->success_criteria);
  sp_store_bind_id_or_null (stmt, 7, map_get (maps->targets, t->carried_from));
  if ((id = sp_store_step_insert (w->store, stmt, _("add a target"), error)) == 0)
    return 0;
  map_put (maps->targets, t->id, id);

  for (guint i = 0; i < t->strategies->len; i++)
    {
      SpStrategyRecord *s = g_ptr_array_index (t->strategies, i);
      stmt = sp_store_statement (w->store,
                                 "INSERT INTO strategies (target_id, position, description)"
                                 " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (gint) i + 1);
      sp_store_bind_text (stmt, 3, s->description);
      if (!sp_store_step_done (w->store, stmt, _("add a strategy"), error))
        return 0;
    }
  return id;
}

static gboolean
insert_provision (Writer                   *w,
                  gint64                    plan_id,
                  const SpProvisionRecord  *v,
                  guint                     position,
                  GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 staff = staff_id (w, v->staff_name, v->role, &local_error);

  if (staff == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stmt = sp_store_statement (w->store,
                             "INSERT INTO provision (plan_id, position, description, area, role,"
                             " staff_id, group_size, sessions_per_week, minutes, weeks,"
                             " start_date, end_date, cost_pence)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int (stmt, 2, (gint) position);
  sp_store_bind_text (stmt, 3, v->description);
  sp_store_bind_text (stmt, 4, v->area);
  sp_store_bind_text (stmt, 5, v->role);
  sp_store_bind_id_or_null (stmt, 6, staff);
  sqlite3_bind_int (stmt, 7, (gint) v->group_size);
  sqlite3_bind_int (stmt, 8, (gint) v->sessions_per_week);
  sqlite3_bind_int (stmt, 9, (gint) v->minutes);
  sqlite3_bind_int (stmt, 10, (gint) v->weeks);
  sp_store_bind_text_or_null (stmt, 11, v->start_date);
  sp_store_bind_text_or_null (stmt, 12, v->end_date);
  sqlite3_bind_int64 (stmt, 13, v->cost_pence);
  return sp_store_step_done (w->store, stmt, _("add provision"), error);
}

static gint64
insert_review (Writer                *w,
               const SpPlanRecord    *plan,
               gint64                 plan_id,
               const SpReviewRecord  *v,
               GArray                *target_ids,
               GError               **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (w->store,
                        "INSERT INTO reviews (plan_id, review_date, attendees, parent_views,"
                        " pupil_views, next_steps, decision, completed_at, reopened_at,"
                        " reopen_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sp_store_bind_text (stmt, 2, v->review_date);
  sp_store_bind_text (stmt, 3, v->attendees);
  sp_store_bind_text (stmt, 4, v->parent_views);
  sp_store_bind_text (stmt, 5, v->pupil_views);
  sp_store_bind_text (stmt, 6, v->next_steps);
  sp_store_bind_text_or_null (stmt, 7, v->decision);
  sp_store_bind_text_or_null (stmt, 8, v->completed_at);
  sp_store_bind_text_or_null (stmt, 9, v->reopened_at);
  sp_store_bind_text (stmt, 10, v->reopen_reason != NULL ? v->reopen_reason : "");
  if ((id = sp_store_step_insert (w->store, stmt, _("add a review"), error)) == 0)
    return 0;

  for (guint i = 0; i < v->outcomes->len; i++)
    {
      SpOutcomeRecord *o = g_ptr_array_index (v->outcomes, i);
      stmt = sp_store_statement (w->store,
                                 "INSERT INTO review_outcomes (review_id, target_id, outcome,"
                                 " evidence, measure_before, measure_after, measure_unit)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (target_ids, gint64,
                                                   target_index (plan, o->target_position)));
      sp_store_bind_text (stmt, 3, o->outcome);
      sp_store_bind_text (stmt, 4, o->evidence);
      if (o->has_before)
        sqlite3_bind_double (stmt, 5, o->measure_before);
      else
        sqlite3_bind_null (stmt, 5);
      if (o->has_after)
        sqlite3_bind_double (stmt, 6, o->measure_after);
      else
        sqlite3_bind_null (stmt, 6);
      sp_store_bind_text (stmt, 7, o->measure_unit);
      if (!sp_store_step_done (w->store, stmt, _("add a review outcome"), error))
        return 0;
    }
  return id;
}

static gboolean
insert_annotation (Writer                    *w,
                   const SpPlanRecord        *plan,
                   gint64                     plan_id,
                   const SpAnnotationRecord  *a,
                   GArray                    *target_ids,
                   GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 author = staff_id (w, a->author, "teacher", &local_error);
  sqlite3_stmt *stmt;

  if (author == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stmt = sp_store_statement (w->store,
                             "INSERT INTO annotations (plan_id, target_id, note_date, author_id,"
                             " text) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sp_store_bind_id_or_null (stmt, 2, a->target_position > 0
                                     ? g_array_index (target_ids, gint64,
                                                      target_index (plan, a->target_position))
                                     : 0);
  sp_store_bind_text (stmt, 3, a->note_date);
  sp_store_bind_id_or_null (stmt, 4, author);
  sp_store_bind_text (stmt, 5, a->text);
  return sp_store_step_done (w->store, stmt, _("add a note"), error);
}

/* Adds @p and its parts, and records their new ids in @maps. */
static gboolean
insert_plan (Writer              *w,
             gint64               pupil_id,
             const SpPlanRecord  *p,
             IdMaps              *maps,
             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) target_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 author = staff_id (w, p->written_by, "teacher", &local_error);
  gboolean reviewed = g_strcmp0 (p->status, "reviewed") == 0;
  sqlite3_stmt *stmt;
  gint64 plan_id;

  if (author == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stmt = sp_store_statement (w->store,
                             "INSERT INTO plans (pupil_id, start_date, review_date, status, areas,"
                             " written_by, parent_contribution, pupil_likes, pupil_finds_hard,"
                             " pupil_helps, pupil_worries, views_date, views_how, previous_plan_id)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sp_store_bind_text (stmt, 2, p->start_date);
  sp_store_bind_text (stmt, 3, p->review_date);
  /* A reviewed plan is closed to new parts (schema v2's triggers): it is added as active and
   * marked reviewed once its parts are in. */
  sp_store_bind_text (stmt, 4, reviewed ? "active" : p->status);
  sp_store_bind_text (stmt, 5, p->areas);
  sp_store_bind_id_or_null (stmt, 6, author);
  sp_store_bind_text (stmt, 7, p->parent_contribution);
  sp_store_bind_text (stmt, 8, p->pupil_likes);
  sp_store_bind_text (stmt, 9, p->pupil_finds_hard);
  sp_store_bind_text (stmt, 10, p->pupil_helps);
  sp_store_bind_text (stmt, 11, p->pupil_worries);
  sp_store_bind_text_or_null (stmt, 12, p->views_date);
  sp_store_bind_text (stmt, 13, p->views_how);
  sp_store_bind_id_or_null (stmt, 14, map_get (maps->plans, p->previous_plan_id));
  if ((plan_id = sp_store_step_insert (w->store, stmt, _("add a plan"), error)) == 0)
    return FALSE;
  map_put (maps->plans, p->id, plan_id);

  for (guint i = 0; i < p->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (p->targets, i);
      gint64 id = insert_target (w, plan_id, t, t->position, maps, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (target_ids, id);
    }
  for (guint i = 0; i < p->provision->len; i++)
    {
      SpProvisionRecord *v = g_ptr_array_index (p->provision, i);
      if (!insert_provision (w, plan_id, v, v->position > 0 ? v->position : i + 1, error))
        return FALSE;
    }
  for (guint i = 0; i < p->reviews->len; i++)
    {
      SpReviewRecord *v = g_ptr_array_index (p->reviews, i);
      gint64 id = insert_review (w, p, plan_id, v, target_ids, error);
      if (id == 0)
        return FALSE;
      map_put (maps->reviews, v->id, id);
    }
  for (guint i = 0; i < p->annotations->len; i++)
    if (!insert_annotation (w, p, plan_id, g_ptr_array_index (p->annotations, i), target_ids,
                            error))
      return FALSE;
  if (reviewed)
    {
      stmt = sp_store_statement (w->store, "UPDATE plans SET status = 'reviewed' WHERE id = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (!sp_store_step_done (w->store, stmt, _("add a plan"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_meeting (Writer                 *w,
                gint64                  pupil_id,
                const SpMeetingRecord  *m,
                IdMaps                 *maps,
                GError                **error)
{
  gint64 review = map_get (maps->reviews, m->review_id);
  sqlite3_stmt *stmt =
    sp_store_statement (w->store,
                        "INSERT INTO parent_meetings (pupil_id, review_id, meeting_date, method,"
                        " attendees, notes) VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sp_store_bind_id_or_null (stmt, 2, review);
  sp_store_bind_text (stmt, 3, m->meeting_date);
  sp_store_bind_text (stmt, 4, m->method);
  sp_store_bind_text (stmt, 5, m->attendees);
  sp_store_bind_text (stmt, 6, m->notes);
  return sp_store_step_done (w->store, stmt, _("add a meeting with parents"), error);
}

static gint64
insert_pupil (Writer               *w,
              const SpPupilRecord  *r,
              GError              **error)
{
  sqlite3_stmt *stmt =
    sp_store_statement (w->store,
                        "INSERT INTO pupils (upn, forename, surname, date_of_birth, sex,"
                        " year_group, class_name, sen_status, looked_after, medical_condition,"
                        " health_care_plan, strengths, likes, dislikes, anxieties, what_helps)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sp_store_bind_text (stmt, 1, r->upn);
  sp_store_bind_text (stmt, 2, r->forename);
  sp_store_bind_text (stmt, 3, r->surname);
  sp_store_bind_text_or_null (stmt, 4, r->date_of_birth);
  sp_store_bind_text (stmt, 5, r->sex);
  sp_store_bind_text (stmt, 6, r->year_group);
  sp_store_bind_text (stmt, 7, r->class_name);
  sp_store_bind_text (stmt, 8, r->sen_status);
  sqlite3_bind_int (stmt, 9, r->looked_after ? 1 : 0);
  sqlite3_bind_int (stmt, 10, r->medical_condition ? 1 : 0);
  sqlite3_bind_int (stmt, 11, r->health_care_plan ? 1 : 0);
  sp_store_bind_text (stmt, 12, r->strengths);
  sp_store_bind_text (stmt, 13, r->likes);
  sp_store_bind_text (stmt, 14, r->dislikes);
  sp_store_bind_text (stmt, 15, r->anxieties);
  sp_store_bind_text (stmt, 16, r->what_helps);
  return sp_store_step_insert (w->store, stmt, _("add the pupil"), error);
}

static gboolean
update_details (Writer               *w,
                gint64                pupil_id,
                const SpImportItem   *item,
                GError              **error)
{
  const SpPupilRecord *r = item->record;
  gboolean needs_changed = FALSE;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < item->changes->len; i++)
    if (strcmp (((SpImportChange *) g_ptr_array_index (item->changes, i))->field,
                _("Needs")) == 0)
      needs_changed = TRUE;

  /* An empty value in the file keeps what the database has (coalesce(nullif())). */
  stmt = sp_store_statement (w->store,
                             "UPDATE pupils SET forename = ?, surname = ?,"
                             " date_of_birth = coalesce(?, date_of_birth),"
                             " sex = coalesce(nullif(?, ''), sex),"
                             " year_group = ?, sen_status = ?,"
                             " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
                             " revision = revision + 1"
                             " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, r->forename);
  sp_store_bind_text (stmt, 2, r->surname);
  sp_store_bind_text_or_null (stmt, 3, r->date_of_birth);
  sp_store_bind_text (stmt, 4, r->sex);
  sp_store_bind_text (stmt, 5, r->year_group);
  sp_store_bind_text (stmt, 6, r->sen_status);
  sqlite3_bind_int64 (stmt, 7, pupil_id);
  if (!sp_store_step_done (w->store, stmt, _("change the pupil’s details"), error))
    return FALSE;

  if (needs_changed)
    {
      stmt = sp_store_statement (w->store, "DELETE FROM pupil_needs WHERE pupil_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      if (!sp_store_step_done (w->store, stmt, _("change the pupil’s needs"), error)
          || !insert_needs (w, pupil_id, r, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes the parts of @r that @old (NULL for a new pupil) does not have. */
static gboolean
insert_parts (Writer               *w,
              gint64                pupil_id,
              const SpPupilRecord  *old,
              const SpPupilRecord  *r,
              GError              **error)
{
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(GHashTable) reviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  IdMaps maps = { plans, targets, reviews };
  guint position = old != NULL ? old->contacts->len : 0;

  for (guint i = 0; i < r->contacts->len; i++)
    {
      SpContactRecord *c = g_ptr_array_index (r->contacts, i);
      if ((old == NULL || !has_contact (old, c->name))
          && !insert_contact (w, pupil_id, c, position++, error))
        return FALSE;
    }
  for (guint i = 0; i < r->plans->len; i++)
    {
      SpPlanRecord *p = g_ptr_array_index (r->plans, i);
      SpPlanRecord *existing = old != NULL ? find_plan (old, p->start_date) : NULL;

      if (existing != NULL)
        {
          /* Already there: later plans and targets may still refer to it. */
          map_put (plans, p->id, existing->id);
          for (guint j = 0; j < p->targets->len; j++)
            {
              SpTargetRecord *t = g_ptr_array_index (p->targets, j);
              for (guint k = 0; k < existing->targets->len; k++)
                {
                  SpTargetRecord *e = g_ptr_array_index (existing->targets, k);
                  if (e->position == t->position)
                    map_put (targets, t->id, e->id);
                }
            }
        }
      else if (!insert_plan (w, pupil_id, p, &maps, error))
        return FALSE;
    }
  for (guint i = 0; i < r->meetings->len; i++)
    {
      SpMeetingRecord *m = g_ptr_array_index (r->meetings, i);
      if ((old == NULL || !has_meeting (old, m))
          && !insert_meeting (w, pupil_id, m, &maps, error))
        return FALSE;
    }
  return TRUE;
}

/* Fills in the school's details from the file when the database has none (a new database that
 * an agency's file is imported into). */
static gboolean
apply_school (Writer                *w,
              const SpSchoolRecord  *school,
              GError               **error)
{
  sqlite3_stmt *stmt;

  if (school == NULL || *school->name == '\0')
    return TRUE;
  stmt = sp_store_statement (w->store,
                             "UPDATE school SET name = ?, la_number = ?, establishment = ?,"
                             " address = ?, phone = ?, email = ?, senco_name = ?,"
                             " revision = revision + 1"
                             " WHERE id = 1 AND name = ''", error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, school->name);
  sp_store_bind_text (stmt, 2, school->la_number);
  sp_store_bind_text (stmt, 3, school->establishment);
  sp_store_bind_text (stmt, 4, school->address);
  sp_store_bind_text (stmt, 5, school->phone);
  sp_store_bind_text (stmt, 6, school->email);
  sp_store_bind_text (stmt, 7, school->senco_name);
  return sp_store_step_done (w->store, stmt, _("save the school’s details"), error);
}

static gboolean
apply_items (Writer           *w,
             SpImportPreview  *preview,
             guint            *n_written,
             GError          **error)
{
  for (guint i = 0; i < preview->items->len; i++)
    {
      SpImportItem *item = g_ptr_array_index (preview->items, i);
      g_autoptr(SpPupilRecord) old = NULL;
      gint64 id;

      if (item->kind == SP_IMPORT_NEW)
        {
          if ((id = insert_pupil (w, item->record, error)) == 0
              || !insert_needs (w, id, item->record, error)
              || (preview->whole_records && !insert_parts (w, id, NULL, item->record, error)))
            return FALSE;
          item->pupil_id = id;
          (*n_written)++;
        }
      else if (item->kind == SP_IMPORT_CHANGED)
        {
          if (item->changes->len > 0 && !update_details (w, item->pupil_id, item, error))
            return FALSE;
          if (preview->whole_records)
            {
              if ((old = sp_store_load_record (w->store, item->pupil_id, error)) == NULL
                  || !insert_parts (w, item->pupil_id, old, item->record, error))
                return FALSE;
            }
          (*n_written)++;
        }
    }
  return TRUE;
}

/* Writes what @preview says, in one transaction: all of it, or (on any failure) nothing. The
 * preview is worked out again inside the transaction, so it is what the database holds now.
 * @n_written: how many pupils were added or changed. */
gboolean
sp_store_import_apply (SpStore          *self,
                       SpImportPreview  *preview,
                       guint            *n_written,
                       GError          **error)
{
  g_autoptr(GHashTable) staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer w = { self, staff };
  guint written = 0;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;
  ok = sp_store_import_prepare (self, preview, error)
       && apply_items (&w, preview, &written, error)
       && (written == 0 || apply_school (&w, preview->school, error));
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = written;
  if (written > 0)
    sp_store_emit_changed (self, "pupils", 0);
  return TRUE;
}
