/* sp-store-senco.c: the SEN register, the provision map, what works, and the rates and
 * threshold behind the money (see sp-store-senco.h for what each figure means). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-review-rules.h"
#include "sp-store-private.h"
#include "sp-store-senco.h"

#define TEXT(col) g_strdup (sp_store_column_text (stmt, (col)))

/* The yearly cost of provision (sp-store-senco.h), in SQL over a provision row v of a plan l:
 * the row's days inside the school year (its start, or its plan's, for weeks x 7 days, against
 * the first day FIRST and the last day LAST of the year, both bound parameters), and its cost
 * in the year: cost_pence x those days / all its days, to the nearest penny (half up), in
 * exact integers (julianday differences of whole days are whole numbers). */
#define ROW_START "julianday(coalesce(v.start_date, l.start_date))"
#define ROW_DAYS_IN_YEAR(FIRST, LAST) \
  "max(0, min(" ROW_START " + v.weeks * 7, julianday(" LAST ") + 1)" \
  " - max(" ROW_START ", julianday(" FIRST ")))"
#define ROW_COST_IN_YEAR(FIRST, LAST) \
  "CAST((2 * v.cost_pence * " ROW_DAYS_IN_YEAR (FIRST, LAST) " + v.weeks * 7)" \
  " / (2 * v.weeks * 7) AS INTEGER)"
#define ROW_IN_YEAR(FIRST, LAST) \
  "(" ROW_START " <= julianday(" LAST ") AND " ROW_START " + v.weeks * 7 > julianday(" FIRST "))"

SpCostBand
sp_cost_band (gint64 cost_pence,
              gint64 threshold_pence)
{
  if (cost_pence > threshold_pence)
    return SP_COST_OVER;
  /* At least 90% of the threshold, in whole pence without rounding: 10 x cost >= 9 x it. */
  if (cost_pence > 0 && cost_pence * 10 >= threshold_pence * 9)
    return SP_COST_NEAR;
  return SP_COST_WITHIN;
}

/* The school year of @today as two ISO dates. */
static void
school_year_bounds (const GDate  *today,
                    gchar       **start,
                    gchar       **end,
                    gchar       **today_iso)
{
  g_autoptr(GDate) s = sp_school_year_start (today);
  g_autoptr(GDate) e = sp_school_year_end (today);

  *start = sp_date_to_iso (s);
  *end = sp_date_to_iso (e);
  if (today_iso != NULL)
    *today_iso = sp_date_to_iso (today);
}

/* ---- the register ---------------------------------------------------------------------- */

void
sp_register_row_free (gpointer data)
{
  SpRegisterRow *row = data;

  if (row == NULL)
    return;
  g_free (row->upn);
  g_free (row->forename);
  g_free (row->surname);
  g_free (row->year_group);
  g_free (row->class_name);
  g_free (row->sen_status);
  g_free (row->primary_need);
  g_free (row->needs);
  g_free (row->area);
  g_free (row->plan_status);
  g_free (row->next_review);
  g_free (row);
}

GPtrArray *
sp_store_list_register (SpStore      *self,
                        const GDate  *today,
                        GError      **error)
{
  /* ?1 first day of the school year, ?2 today, ?3 last day of the school year. */
  static const gchar sql[] =
    "SELECT p.id, coalesce(p.upn, ''), p.forename, p.surname, p.year_group, p.class_name,"
    "       p.sen_status,"
    "       coalesce((SELECT group_concat(need_code, ',') FROM"
    "                  (SELECT need_code FROM pupil_needs WHERE pupil_id = p.id"
    "                    ORDER BY rank, id)), ''),"
    "       coalesce((SELECT status FROM plans WHERE pupil_id = p.id"
    "                  ORDER BY start_date DESC, id DESC LIMIT 1), ''),"
    /* Through plans_by_pupil: an index on status would scan every active plan per pupil. */
    "       coalesce((SELECT min(CASE WHEN status = 'active' THEN review_date END) FROM plans"
    "                  WHERE pupil_id = p.id), ''),"
    "       (SELECT count(*) FROM reviews r JOIN plans l ON l.id = r.plan_id"
    "         WHERE l.pupil_id = p.id AND r.completed_at IS NOT NULL AND r.reopened_at IS NULL"
    "           AND r.review_date BETWEEN ?1 AND ?2),"
    "       (SELECT count(*) FROM parent_meetings m"
    "         WHERE m.pupil_id = p.id AND m.meeting_date BETWEEN ?1 AND ?2),"
    "       (SELECT coalesce(sum(" ROW_COST_IN_YEAR ("?1", "?3") "), 0)"
    "          FROM plans l JOIN provision v ON v.plan_id = l.id"
    "         WHERE l.pupil_id = p.id AND l.status <> 'draft' AND " ROW_IN_YEAR ("?1", "?3") ")"
    "  FROM pupils p"
    " WHERE p.sen_status IN ('K', 'E')"
    " ORDER BY p.surname COLLATE NOCASE, p.forename COLLATE NOCASE, p.id";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (sp_register_row_free);
  g_autofree gchar *start = NULL, *end = NULL, *day = NULL;
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  school_year_bounds (today, &start, &end, &day);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, start);
  sp_store_bind_text (stmt, 2, day);
  sp_store_bind_text (stmt, 3, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpRegisterRow *row = g_new0 (SpRegisterRow, 1);
      const gchar *comma;

      row->pupil_id = sqlite3_column_int64 (stmt, 0);
      row->upn = TEXT (1);
      row->forename = TEXT (2);
      row->surname = TEXT (3);
      row->year_group = TEXT (4);
      row->class_name = TEXT (5);
      row->sen_status = TEXT (6);
      row->needs = TEXT (7);
      comma = strchr (row->needs, ',');
      row->primary_need = comma ? g_strndup (row->needs, (gsize) (comma - row->needs))
                                : g_strdup (row->needs);
      row->area = g_strdup (*row->primary_need
                            ? sp_area_key (sp_need_area (row->primary_need)) : "");
      row->plan_status = TEXT (8);
      row->next_review = TEXT (9);
      row->reviews = (guint) sqlite3_column_int (stmt, 10);
      row->meetings = (guint) sqlite3_column_int (stmt, 11);
      row->cost_pence = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the SEN register"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GHashTable *
count_by (GPtrArray *rows,
          gsize      offset)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const gchar *key = G_STRUCT_MEMBER (gchar *, g_ptr_array_index (rows, i), offset);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

GHashTable *
sp_register_count_by_need (GPtrArray *rows)
{
  return count_by (rows, G_STRUCT_OFFSET (SpRegisterRow, primary_need));
}

GHashTable *
sp_register_count_by_area (GPtrArray *rows)
{
  return count_by (rows, G_STRUCT_OFFSET (SpRegisterRow, area));
}

/* ---- the provision map ----------------------------------------------------------------- */

static void
map_pupil_free (gpointer data)
{
  SpMapPupil *p = data;

  if (p == NULL)
    return;
  g_free (p->upn);
  g_free (p->forename);
  g_free (p->surname);
  g_free (p->class_name);
  g_free (p->year_group);
  g_free (p->sen_status);
  g_free (p->primary_need);
  g_free (p);
}

static void
intervention_free (gpointer data)
{
  SpIntervention *v = data;

  if (v == NULL)
    return;
  g_free (v->description);
  g_free (v->role);
  g_free (v->role_label);
  g_free (v->staff);
  g_free (v->area);
  g_ptr_array_unref (v->pupils);
  g_free (v);
}

void
sp_provision_map_free (SpProvisionMap *map)
{
  if (map == NULL)
    return;
  g_free (map->year_start);
  g_free (map->year_end);
  g_ptr_array_unref (map->interventions);
  g_ptr_array_unref (map->pupils);
  g_free (map);
}

static gint64
read_threshold (SpStore  *self,
                gint64   *revision,
                GError  **error)
{
  sqlite3_stmt *stmt = sp_store_statement (
    self, "SELECT notional_threshold_pence, revision FROM school WHERE id = 1", error);
  gint64 value = -1;
  gint rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      if (revision != NULL)
        *revision = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW,
                         _("The school's details are missing from the database."));
  else
    sp_store_set_sqlite_error (self, rc, _("read the notional SEN threshold"), error);
  sqlite3_reset (stmt);
  return value;
}

gint64
sp_store_get_threshold (SpStore  *self,
                        gint64   *revision,
                        GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), -1);
  return read_threshold (self, revision, error);
}

static SpMapPupil *
map_pupil_from (sqlite3_stmt *stmt,
                gint          first)
{
  SpMapPupil *p = g_new0 (SpMapPupil, 1);

  p->pupil_id = sqlite3_column_int64 (stmt, first);
  p->upn = TEXT (first + 1);
  p->forename = TEXT (first + 2);
  p->surname = TEXT (first + 3);
  p->class_name = TEXT (first + 4);
  p->year_group = TEXT (first + 5);
  p->sen_status = TEXT (first + 6);
  p->primary_need = TEXT (first + 7);
  return p;
}

/* Communication, cognition, SEMH, sensory, then "none" (OTH, NSA) and unknown last. */
static guint
area_rank (const gchar *key)
{
  static const gchar *const order[] = { "communication", "cognition", "semh", "sensory",
                                        "none" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (key, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static gint
compare_interventions (gconstpointer a,
                       gconstpointer b)
{
  const SpIntervention *x = *(SpIntervention * const *) a;
  const SpIntervention *y = *(SpIntervention * const *) b;
  guint rx = area_rank (x->area), ry = area_rank (y->area);
  g_autofree gchar *dx = NULL, *dy = NULL;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  dx = g_utf8_collate_key (x->description, -1);
  dy = g_utf8_collate_key (y->description, -1);
  return strcmp (dx, dy);
}

static gint
compare_pupils_by_name (gconstpointer a,
                        gconstpointer b)
{
  const SpMapPupil *x = *(SpMapPupil * const *) a;
  const SpMapPupil *y = *(SpMapPupil * const *) b;
  gint c = g_ascii_strcasecmp (x->surname, y->surname);

  if (c == 0)
    c = g_ascii_strcasecmp (x->forename, y->forename);
  if (c == 0)
    c = x->pupil_id < y->pupil_id ? -1 : x->pupil_id > y->pupil_id;
  return c;
}

static gint
compare_pupils_by_cost (gconstpointer a,
                        gconstpointer b)
{
  const SpMapPupil *x = *(SpMapPupil * const *) a;
  const SpMapPupil *y = *(SpMapPupil * const *) b;

  if (x->cost_pence != y->cost_pence)
    return x->cost_pence > y->cost_pence ? -1 : 1;
  return compare_pupils_by_name (a, b);
}

/* An intervention while it is being gathered. */
typedef struct
{
  SpIntervention *v;
  GHashTable     *pupils;   /* pupil id -> SpMapPupil (owned by v->pupils) */
  GHashTable     *hours;    /* pupil id -> gdouble *: the hours a week of their newest row */
  GPtrArray      *staff;    /* names, unique */
} Gather;

static void
gather_free (gpointer data)
{
  Gather *g = data;

  g_hash_table_unref (g->pupils);
  g_hash_table_unref (g->hours);
  g_ptr_array_unref (g->staff);
  g_free (g);
}

SpProvisionMap *
sp_store_load_provision_map (SpStore      *self,
                             const GDate  *today,
                             GError      **error)
{
  /* Oldest first, so the newest row of an intervention is the last one seen. */
  static const gchar sql[] =
    "SELECT v.description, v.role, coalesce(r.label, v.role), v.area, coalesce(s.name, ''),"
    "       v.group_size, v.sessions_per_week, v.minutes, " ROW_COST_IN_YEAR ("?1", "?2") ","
    "       p.id, coalesce(p.upn, ''), p.forename, p.surname, p.class_name, p.year_group,"
    "       p.sen_status,"
    "       coalesce((SELECT need_code FROM pupil_needs WHERE pupil_id = p.id"
    "                  ORDER BY rank, id LIMIT 1), '')"
    "  FROM provision v JOIN plans l ON l.id = v.plan_id JOIN pupils p ON p.id = l.pupil_id"
    "  LEFT JOIN role_rates r ON r.role = v.role LEFT JOIN staff s ON s.id = v.staff_id"
    " WHERE l.status <> 'draft' AND " ROW_IN_YEAR ("?1", "?2")
    " ORDER BY " ROW_START ", v.id";
  g_autoptr(SpProvisionMap) map = g_new0 (SpProvisionMap, 1);
  g_autoptr(GHashTable) gathers = NULL;   /* key -> Gather */
  g_autoptr(GHashTable) totals = NULL;    /* pupil id -> SpMapPupil (owned by map->pupils) */
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  map->interventions = g_ptr_array_new_with_free_func (intervention_free);
  map->pupils = g_ptr_array_new_with_free_func (map_pupil_free);
  school_year_bounds (today, &map->year_start, &map->year_end, NULL);
  if ((map->threshold_pence = read_threshold (self, NULL, error)) < 0)
    return NULL;

  gathers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, gather_free);
  totals = g_hash_table_new (g_int64_hash, g_int64_equal);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, map->year_start);
  sp_store_bind_text (stmt, 2, map->year_end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const gchar *description = sp_store_column_text (stmt, 0);
      const gchar *role = sp_store_column_text (stmt, 1);
      const gchar *area = sp_store_column_text (stmt, 3);
      const gchar *staff = sp_store_column_text (stmt, 4);
      guint group_size = (guint) MAX (sqlite3_column_int (stmt, 5), 1);
      guint sessions = (guint) sqlite3_column_int (stmt, 6);
      guint minutes = (guint) sqlite3_column_int (stmt, 7);
      gint64 cost = sqlite3_column_int64 (stmt, 8);
      gint64 pupil_id = sqlite3_column_int64 (stmt, 9);
      g_autofree gchar *trimmed = g_strstrip (g_strdup (description));
      g_autofree gchar *folded = g_utf8_casefold (trimmed, -1);
      g_autofree gchar *key = g_strconcat (folded, "\n", role, NULL);
      Gather *g = g_hash_table_lookup (gathers, key);
      SpMapPupil *pupil, *total;
      gdouble *hours;

      if (g == NULL)
        {
          g = g_new0 (Gather, 1);
          g->v = g_new0 (SpIntervention, 1);
          g->v->role = g_strdup (role);
          g->v->role_label = TEXT (2);
          g->v->area = g_strdup ("");
          g->v->pupils = g_ptr_array_new_with_free_func (map_pupil_free);
          g->pupils = g_hash_table_new (g_int64_hash, g_int64_equal);
          g->hours = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
          g->staff = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (gathers, g_steal_pointer (&key), g);
          g_ptr_array_add (order, g);
        }
      /* The newest row says what it is called now and how it runs. */
      g_free (g->v->description);
      g->v->description = g_steal_pointer (&trimmed);
      g->v->sessions_per_week = sessions;
      g->v->minutes = minutes;
      g->v->group_size = group_size;
      g->v->cost_pence += cost;
      if (*area != '\0')
        {
          g_free (g->v->area);
          g->v->area = g_strdup (area);
        }
      if (*staff != '\0'
          && !g_ptr_array_find_with_equal_func (g->staff, staff, g_str_equal, NULL))
        g_ptr_array_add (g->staff, g_strdup (staff));

      pupil = g_hash_table_lookup (g->pupils, &pupil_id);
      if (pupil == NULL)
        {
          pupil = map_pupil_from (stmt, 9);
          g_ptr_array_add (g->v->pupils, pupil);
          g_hash_table_insert (g->pupils, &pupil->pupil_id, pupil);
        }
      pupil->cost_pence += cost;
      hours = g_new (gdouble, 1);
      *hours = (gdouble) sessions * minutes / 60.0 / group_size;
      g_hash_table_replace (g->hours, &pupil->pupil_id, hours);

      total = g_hash_table_lookup (totals, &pupil_id);
      if (total == NULL)
        {
          total = map_pupil_from (stmt, 9);
          g_ptr_array_add (map->pupils, total);
          g_hash_table_insert (totals, &total->pupil_id, total);
        }
      total->cost_pence += cost;
      map->total_pence += cost;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the provision map"), error);
      return NULL;
    }

  for (guint i = 0; i < order->len; i++)
    {
      Gather *g = g_ptr_array_index (order, i);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, g->hours);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g->v->staff_hours += *(gdouble *) value;
      map->total_staff_hours += g->v->staff_hours;
      if (*g->v->area == '\0' && g->v->pupils->len > 0)
        {
          const SpMapPupil *first = g_ptr_array_index (g->v->pupils, 0);

          if (*first->primary_need != '\0')
            {
              g_free (g->v->area);
              g->v->area = g_strdup (sp_area_key (sp_need_area (first->primary_need)));
            }
        }
      g_ptr_array_add (g->staff, NULL);
      g->v->staff = g_strjoinv (", ", (gchar **) g->staff->pdata);
      g_ptr_array_sort (g->v->pupils, compare_pupils_by_name);
      /* The intervention moves to the map; the gather keeps only its lookups. */
      g_ptr_array_add (map->interventions, g->v);
    }
  g_ptr_array_sort (map->interventions, compare_interventions);
  g_ptr_array_sort (map->pupils, compare_pupils_by_cost);
  return g_steal_pointer (&map);
}

/* ---- what works ------------------------------------------------------------------------ */

static void
measure_row_free (gpointer data)
{
  SpMeasureRow *m = data;

  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->review_date);
  g_free (m->outcome);
  g_free (m->unit);
  g_free (m);
}

static void
effect_free (gpointer data)
{
  SpEffect *e = data;

  if (e == NULL)
    return;
  g_free (e->key);
  g_free (e->label);
  g_free (e->unit);
  g_ptr_array_unref (e->measures);
  g_free (e);
}

static void
stuck_free (gpointer data)
{
  SpStuckPupil *s = data;

  if (s == NULL)
    return;
  g_free (s->upn);
  g_free (s->name);
  g_free (s->class_name);
  g_free (s->first_review);
  g_free (s->last_review);
  g_free (s);
}

void
sp_what_works_free (SpWhatWorks *works)
{
  if (works == NULL)
    return;
  g_ptr_array_unref (works->interventions);
  g_ptr_array_unref (works->by_need);
  g_ptr_array_unref (works->by_year);
  g_ptr_array_unref (works->stuck);
  g_free (works);
}

gdouble
sp_effect_share_achieved (const SpEffect *effect)
{
  g_return_val_if_fail (effect != NULL, 0);
  return effect->outcomes > 0 ? (gdouble) effect->achieved / effect->outcomes : 0;
}

/* An effect while it is being counted. */
typedef struct
{
  SpEffect   *e;
  GHashTable *pupils;      /* pupil ids seen */
  gdouble     sum_before;
  gdouble     sum_after;
  gboolean    mixed_units;
} Tally;

static void
tally_free (gpointer data)
{
  Tally *t = data;

  g_hash_table_unref (t->pupils);
  effect_free (t->e);
  g_free (t);
}

static Tally *
tally_get (GHashTable  *tallies,
           const gchar *key,
           const gchar *label)
{
  Tally *t = g_hash_table_lookup (tallies, key);

  if (t == NULL)
    {
      t = g_new0 (Tally, 1);
      t->e = g_new0 (SpEffect, 1);
      t->e->key = g_strdup (key);
      t->e->label = g_strdup (label);
      t->e->unit = g_strdup ("");
      t->e->measures = g_ptr_array_new_with_free_func (measure_row_free);
      t->pupils = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (tallies, t->e->key, t);
    }
  return t;
}

/* One reviewed target's outcome, as read. */
typedef struct
{
  gint64       pupil_id;
  gint64       review_id;
  gint64       plan_id;
  const gchar *review_date;
  const gchar *outcome;
  gboolean     has_before;
  gboolean     has_after;
  gdouble      before;
  gdouble      after;
  const gchar *unit;
  const gchar *name;
} Outcome;

static void
tally_add (Tally         *t,
           const Outcome *o,
           gboolean       keep_measure)
{
  if (!g_hash_table_contains (t->pupils, &o->pupil_id))
    {
      gint64 *id = g_new (gint64, 1);

      *id = o->pupil_id;
      g_hash_table_add (t->pupils, id);
    }
  t->e->outcomes++;
  if (g_str_equal (o->outcome, "achieved"))
    t->e->achieved++;
  else if (g_str_equal (o->outcome, "partly"))
    t->e->partly++;
  else
    t->e->not_achieved++;
  if (o->has_before && o->has_after)
    {
      if (t->e->measured == 0)
        {
          g_free (t->e->unit);
          t->e->unit = g_strdup (o->unit);
        }
      else if (g_strcmp0 (t->e->unit, o->unit) != 0)
        t->mixed_units = TRUE;
      t->e->measured++;
      t->sum_before += o->before;
      t->sum_after += o->after;
      if (keep_measure)
        {
          SpMeasureRow *m = g_new0 (SpMeasureRow, 1);

          m->pupil_id = o->pupil_id;
          m->name = g_strdup (o->name);
          m->review_date = g_strdup (o->review_date);
          m->outcome = g_strdup (o->outcome);
          m->before = o->before;
          m->after = o->after;
          m->unit = g_strdup (o->unit);
          g_ptr_array_add (t->e->measures, m);
        }
    }
}

/* The tallies, finished, into @out in the order @compare gives (NULL: as they are). */
static void
tallies_finish (GHashTable    *tallies,
                GPtrArray     *out,
                GCompareFunc   compare)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Tally *t = value;

      t->e->pupils = g_hash_table_size (t->pupils);
      if (t->e->measured > 0)
        {
          t->e->mean_before = t->sum_before / t->e->measured;
          t->e->mean_after = t->sum_after / t->e->measured;
        }
      if (t->mixed_units)
        {
          g_free (t->e->unit);
          t->e->unit = g_strdup ("");
        }
      g_ptr_array_add (out, g_steal_pointer (&t->e));
    }
  if (compare != NULL)
    g_ptr_array_sort (out, compare);
}

static gint
compare_effects_by_outcomes (gconstpointer a,
                             gconstpointer b)
{
  const SpEffect *x = *(SpEffect * const *) a;
  const SpEffect *y = *(SpEffect * const *) b;

  if (x->outcomes != y->outcomes)
    return x->outcomes > y->outcomes ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static guint
need_rank (const gchar *code)
{
  guint n;
  const SpNeedType *types = sp_need_types (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (types[i].code, code) == 0)
      return i;
  return n;
}

static gint
compare_effects_by_need (gconstpointer a,
                         gconstpointer b)
{
  const SpEffect *x = *(SpEffect * const *) a;
  const SpEffect *y = *(SpEffect * const *) b;
  guint rx = need_rank (x->key), ry = need_rank (y->key);

  return rx < ry ? -1 : rx > ry;
}

static guint
year_rank (const gchar *year)
{
  static const gchar *const order[] = { "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7",
                                        "8", "9", "10", "11", "12", "13", "14" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (order[i], year) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static gint
compare_effects_by_year (gconstpointer a,
                         gconstpointer b)
{
  const SpEffect *x = *(SpEffect * const *) a;
  const SpEffect *y = *(SpEffect * const *) b;
  guint rx = year_rank (x->key), ry = year_rank (y->key);

  return rx < ry ? -1 : rx > ry;
}

static gint
compare_stuck (gconstpointer a,
               gconstpointer b)
{
  const SpStuckPupil *x = *(SpStuckPupil * const *) a;
  const SpStuckPupil *y = *(SpStuckPupil * const *) b;

  return g_utf8_collate (x->name, y->name);
}

/* A pupil's review while the stuck list is worked out. */
typedef struct
{
  gint64  review_id;
  gchar  *date;
  guint   targets;
  guint   not_achieved;
} ReviewCount;

SpWhatWorks *
sp_store_load_what_works (SpStore  *self,
                          GError  **error)
{
  /* Every outcome of a completed, not reopened, review; by pupil, then review date. */
  static const gchar outcomes_sql[] =
    "SELECT p.id, r.id, l.id, r.review_date, o.outcome, o.measure_before, o.measure_after,"
    "       o.measure_unit, p.forename || ' ' || p.surname, p.year_group, coalesce(p.upn, ''),"
    "       p.class_name, p.surname,"
    "       coalesce((SELECT need_code FROM pupil_needs WHERE pupil_id = p.id"
    "                  ORDER BY rank, id LIMIT 1), '')"
    "  FROM review_outcomes o JOIN reviews r ON r.id = o.review_id"
    "  JOIN plans l ON l.id = r.plan_id JOIN pupils p ON p.id = l.pupil_id"
    " WHERE r.completed_at IS NOT NULL AND r.reopened_at IS NULL"
    " ORDER BY p.id, r.review_date, r.id, o.id";
  /* The interventions of every plan that has a completed review. */
  static const gchar provision_sql[] =
    "SELECT DISTINCT v.plan_id, v.description, v.role, coalesce(r.label, v.role)"
    "  FROM provision v LEFT JOIN role_rates r ON r.role = v.role"
    " WHERE v.plan_id IN (SELECT plan_id FROM reviews"
    "                      WHERE completed_at IS NOT NULL AND reopened_at IS NULL)";
  g_autoptr(SpWhatWorks) works = g_new0 (SpWhatWorks, 1);
  g_autoptr(GHashTable) plan_provision = NULL;  /* plan id -> GPtrArray of keys (labels) */
  g_autoptr(GHashTable) by_intervention = NULL, by_need = NULL, by_year = NULL;
  g_autoptr(GHashTable) labels = NULL;          /* intervention key -> label */
  g_autoptr(GArray) pupil_reviews = g_array_new (FALSE, TRUE, sizeof (ReviewCount));
  gint64 current_pupil = 0;
  g_autofree gchar *cur_upn = NULL, *cur_name = NULL, *cur_class = NULL;
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  works->interventions = g_ptr_array_new_with_free_func (effect_free);
  works->by_need = g_ptr_array_new_with_free_func (effect_free);
  works->by_year = g_ptr_array_new_with_free_func (effect_free);
  works->stuck = g_ptr_array_new_with_free_func (stuck_free);
  plan_provision = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  by_intervention = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tally_free);
  by_need = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tally_free);
  by_year = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tally_free);

  if ((stmt = sp_store_statement (self, provision_sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (stmt, 0);
      g_autofree gchar *trimmed = g_strstrip (g_strdup (sp_store_column_text (stmt, 1)));
      g_autofree gchar *folded = g_utf8_casefold (trimmed, -1);
      gchar *key = g_strconcat (folded, "|", sp_store_column_text (stmt, 2), NULL);
      GPtrArray *keys = g_hash_table_lookup (plan_provision, &plan_id);

      if (keys == NULL)
        {
          gint64 *id = g_new (gint64, 1);

          *id = plan_id;
          keys = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (plan_provision, id, keys);
        }
      /* Two rows of one plan for the same intervention count its outcomes once. */
      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, g_strdup (key));
      if (!g_hash_table_contains (labels, key))
        g_hash_table_insert (labels, g_strdup (key),
                             g_strdup_printf ("%s (%s)", trimmed, sp_store_column_text (stmt, 3)));
      g_free (key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read what works"), error);
      return NULL;
    }

  if ((stmt = sp_store_statement (self, outcomes_sql, error)) == NULL)
    return NULL;
  for (;;)
    {
      Outcome o = { 0 };
      GPtrArray *keys;
      Tally *t;
      const gchar *year, *need;
      gboolean done;

      rc = sqlite3_step (stmt);
      done = rc != SQLITE_ROW;
      if (!done)
        o.pupil_id = sqlite3_column_int64 (stmt, 0);

      /* A pupil's reviews are all read: are the last two both mostly not achieved? */
      if (current_pupil != 0 && (done || o.pupil_id != current_pupil))
        {
          guint n = pupil_reviews->len;

          if (n >= 2)
            {
              ReviewCount *a = &g_array_index (pupil_reviews, ReviewCount, n - 2);
              ReviewCount *b = &g_array_index (pupil_reviews, ReviewCount, n - 1);

              if (a->not_achieved * 2 >= a->targets && a->not_achieved > 0
                  && b->not_achieved * 2 >= b->targets && b->not_achieved > 0)
                {
                  SpStuckPupil *s = g_new0 (SpStuckPupil, 1);

                  s->pupil_id = current_pupil;
                  s->upn = g_strdup (cur_upn);
                  s->name = g_strdup (cur_name);
                  s->class_name = g_strdup (cur_class);
                  s->first_review = g_strdup (a->date);
                  s->last_review = g_strdup (b->date);
                  s->not_achieved_first = a->not_achieved;
                  s->targets_first = a->targets;
                  s->not_achieved_last = b->not_achieved;
                  s->targets_last = b->targets;
                  g_ptr_array_add (works->stuck, s);
                }
            }
          for (guint i = 0; i < n; i++)
            g_free (g_array_index (pupil_reviews, ReviewCount, i).date);
          g_array_set_size (pupil_reviews, 0);
        }
      if (done)
        break;

      o.review_id = sqlite3_column_int64 (stmt, 1);
      o.plan_id = sqlite3_column_int64 (stmt, 2);
      o.review_date = sp_store_column_text (stmt, 3);
      o.outcome = sp_store_column_text (stmt, 4);
      o.has_before = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      o.before = sqlite3_column_double (stmt, 5);
      o.has_after = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      o.after = sqlite3_column_double (stmt, 6);
      o.unit = sp_store_column_text (stmt, 7);
      o.name = sp_store_column_text (stmt, 8);
      year = sp_store_column_text (stmt, 9);
      need = sp_store_column_text (stmt, 13);

      if (o.pupil_id != current_pupil)
        {
          current_pupil = o.pupil_id;
          g_free (cur_upn);
          g_free (cur_name);
          g_free (cur_class);
          cur_upn = g_strdup (sp_store_column_text (stmt, 10));
          cur_name = g_strdup (o.name);
          cur_class = g_strdup (sp_store_column_text (stmt, 11));
        }
      {
        ReviewCount *last = pupil_reviews->len > 0
          ? &g_array_index (pupil_reviews, ReviewCount, pupil_reviews->len - 1) : NULL;

        if (last == NULL || last->review_id != o.review_id)
          {
            ReviewCount fresh = { o.review_id, g_strdup (o.review_date), 0, 0 };

            g_array_append_val (pupil_reviews, fresh);
            last = &g_array_index (pupil_reviews, ReviewCount, pupil_reviews->len - 1);
          }
        last->targets++;
        if (g_str_equal (o.outcome, "not_achieved"))
          last->not_achieved++;
      }

      keys = g_hash_table_lookup (plan_provision, &o.plan_id);
      for (guint i = 0; keys != NULL && i < keys->len; i++)
        {
          const gchar *key = g_ptr_array_index (keys, i);

          tally_add (tally_get (by_intervention, key, g_hash_table_lookup (labels, key)), &o,
                     TRUE);
        }
      /* A cohort's label is made (and translated) once, when it is first met. */
      if ((t = g_hash_table_lookup (by_need, need)) == NULL)
        {
          g_autofree gchar *label = *need != '\0'
            ? g_strdup_printf ("%s (%s)", _(sp_need_name (need)), need)
            : g_strdup (_("No need type recorded"));

          t = tally_get (by_need, need, label);
        }
      tally_add (t, &o, FALSE);
      if ((t = g_hash_table_lookup (by_year, year)) == NULL)
        {
          g_autofree gchar *label = g_strcmp0 (year, "R") == 0
            ? g_strdup (_("Reception"))
            : g_strdup_printf (_("Year %s"), year);

          t = tally_get (by_year, year, label);
        }
      tally_add (t, &o, FALSE);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read what works"), error);
      return NULL;
    }

  tallies_finish (by_intervention, works->interventions, compare_effects_by_outcomes);
  tallies_finish (by_need, works->by_need, compare_effects_by_need);
  tallies_finish (by_year, works->by_year, compare_effects_by_year);
  g_ptr_array_sort (works->stuck, compare_stuck);
  return g_steal_pointer (&works);
}

/* ---- settings -------------------------------------------------------------------------- */

void
sp_role_rate_free (gpointer data)
{
  SpRoleRate *r = data;

  if (r == NULL)
    return;
  g_free (r->role);
  g_free (r->label);
  g_free (r);
}

GPtrArray *
sp_store_list_role_rate_rows (SpStore  *self,
                              GError  **error)
{
  static const gchar sql[] =
    "SELECT role, label, hourly_rate_pence, revision FROM role_rates ORDER BY rowid";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (sp_role_rate_free);
  sqlite3_stmt *stmt;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpRoleRate *r = g_new0 (SpRoleRate, 1);

      r->role = TEXT (0);
      r->label = TEXT (1);
      r->hourly_rate_pence = sqlite3_column_int64 (stmt, 2);
      r->revision = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (rows, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sqlite_error (self, rc, _("read the hourly rates"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Runs an UPDATE that names a revision, in its own transaction; STALE when no row matched. */
static gboolean
update_with_revision (SpStore      *self,
                      sqlite3_stmt *stmt,
                      const gchar  *what,
                      GError      **error)
{
  gboolean ok = sp_store_step_done (self, stmt, what, error);

  if (ok && sqlite3_changes (sp_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE,
                           _("Someone else changed this setting in the meantime. It has been "
                             "reloaded: check it and change it again."));
      ok = FALSE;
    }
  return ok;
}

gboolean
sp_store_set_role_rate (SpStore      *self,
                        const gchar  *role,
                        gint64        revision,
                        gint64        hourly_rate_pence,
                        gint64       *new_revision,
                        GError      **error)
{
  static const gchar sql[] =
    "UPDATE role_rates SET hourly_rate_pence = ?1, revision = revision + 1"
    " WHERE role = ?2 AND revision = ?3";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  if (hourly_rate_pence < 0 || hourly_rate_pence > 100000)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("An hourly rate must be between £0.00 and £1,000.00."));
      return FALSE;
    }
  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, hourly_rate_pence);
      sp_store_bind_text (stmt, 2, role);
      sqlite3_bind_int64 (stmt, 3, revision);
      ok = update_with_revision (self, stmt, _("save the hourly rate"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  if (new_revision != NULL)
    *new_revision = revision + 1;
  sp_store_emit_changed (self, "role_rates", 0);
  return TRUE;
}

gboolean
sp_store_set_threshold (SpStore  *self,
                        gint64    revision,
                        gint64    threshold_pence,
                        gint64   *new_revision,
                        GError  **error)
{
  static const gchar sql[] =
    "UPDATE school SET notional_threshold_pence = ?1, revision = revision + 1"
    " WHERE id = 1 AND revision = ?2";
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (threshold_pence < 0 || threshold_pence > G_GINT64_CONSTANT (100000000))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The notional SEN threshold must be between £0.00 and "
                             "£1,000,000.00."));
      return FALSE;
    }
  if (!sp_store_begin (self, error))
    return FALSE;
  if ((stmt = sp_store_statement (self, sql, error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, threshold_pence);
      sqlite3_bind_int64 (stmt, 2, revision);
      ok = update_with_revision (self, stmt, _("save the notional SEN threshold"), error);
    }
  if (!sp_store_finish (self, ok, error))
    return FALSE;
  if (new_revision != NULL)
    *new_revision = revision + 1;
  sp_store_emit_changed (self, "school", 1);
  return TRUE;
}

gint64
sp_store_pupil_year_cost (SpStore      *self,
                          gint64        pupil_id,
                          const GDate  *today,
                          GError      **error)
{
  static const gchar sql[] =
    "SELECT coalesce(sum(" ROW_COST_IN_YEAR ("?2", "?3") "), 0)"
    "  FROM plans l JOIN provision v ON v.plan_id = l.id"
    " WHERE l.pupil_id = ?1 AND l.status <> 'draft' AND " ROW_IN_YEAR ("?2", "?3");
  g_autofree gchar *start = NULL, *end = NULL;
  sqlite3_stmt *stmt;
  gint64 value = -1;
  gint rc;

  g_return_val_if_fail (SP_IS_STORE (self), -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  school_year_bounds (today, &start, &end, NULL);
  if ((stmt = sp_store_statement (self, sql, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sp_store_bind_text (stmt, 2, start);
  sp_store_bind_text (stmt, 3, end);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    sp_store_set_sqlite_error (self, rc, _("work out the yearly provision cost"), error);
  sqlite3_reset (stmt);
  return value;
}
