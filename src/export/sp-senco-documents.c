/* sp-senco-documents.c: the SEN register (CSV and PDF), the provision map, what works and the
 * evidence pack, as SpDocs and files (see sp-senco-documents.h). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-export-file.h"
#include "sp-need.h"
#include "sp-provision.h"
#include "sp-review-rules.h"
#include "sp-senco-documents.h"

static gboolean
empty (const gchar *text)
{
  return sp_doc_text_is_empty (text);
}

static GDate *
day_or_today (const GDate *today)
{
  return today != NULL ? g_date_copy (today) : sp_date_today ();
}

static gchar *
long_date (const gchar *iso)
{
  return sp_date_format_long (iso);
}

static gchar *
today_long (const GDate *today)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autofree gchar *iso = sp_date_to_iso (day);

  return sp_date_format_long (iso);
}

/* "2026–27": the school year containing @today. */
static gchar *
school_year_words (const GDate *today)
{
  g_autoptr(GDate) day = day_or_today (today);
  guint year = sp_academic_year_for_date (day);

  return g_strdup_printf ("%u–%02u", year, (year + 1) % 100);
}

static gchar *
year_words (const gchar *year_group)
{
  if (empty (year_group))
    return g_strdup ("");
  if (g_str_equal (year_group, "R"))
    return g_strdup (_("Reception"));
  if (g_ascii_isdigit (year_group[0]))
    return g_strdup_printf (_("Year %s"), year_group);
  return g_strdup (year_group);
}

static gchar *
need_words (const gchar *code)
{
  const gchar *name;

  if (empty (code))
    return g_strdup (_("Not recorded"));
  name = sp_need_name (code);
  return name != NULL ? g_strdup_printf ("%s (%s)", _(name), code) : g_strdup (code);
}

static const gchar *
area_words (const gchar *key)
{
  if (empty (key))
    return _("Area not recorded");
  return sp_area_name (sp_area_from_key (key));
}

static void
set_school_page_text (SpDoc                *doc,
                      const SpSchoolRecord *school,
                      const gchar          *what,
                      const GDate          *today)
{
  g_autofree gchar *date = today_long (today);
  g_autofree gchar *footer = g_strdup_printf (_("Printed %s"), date);
  g_autofree gchar *header = empty (school->name) ? g_strdup (what)
                             : g_strdup_printf ("%s · %s", school->name, what);

  sp_doc_set_page_text (doc, header, _("Confidential"), footer);
}

static gchar *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* ---- the register ---------------------------------------------------------------------- */

static void
csv_field (GString     *out,
           const gchar *text,
           gboolean     last)
{
  const gchar *t = text != NULL ? text : "";
  gboolean formula = strchr ("=+-@\t\r", t[0]) != NULL && t[0] != '\0';
  gboolean quote = formula || strpbrk (t, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const gchar *c = t; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  if (quote)
    g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

gchar *
sp_senco_register_csv (GPtrArray *rows)
{
  static const gchar *const header[] = {
    N_("Surname"), N_("Forename"), N_("UPN"), N_("Year group"), N_("Class"),
    N_("SEN status"), N_("Primary need"), N_("Need code"), N_("Area of need"),
    N_("All needs"), N_("Plan status"), N_("Next review"), N_("Reviews this school year"),
    N_("Parent meetings this school year"), N_("Provision cost this school year (£)"),
  };
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (out, _(header[i]), i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const SpRegisterRow *r = g_ptr_array_index (rows, i);
      const gchar *need = empty (r->primary_need) ? NULL : sp_need_name (r->primary_need);
      g_autofree gchar *reviews = count_text (r->reviews);
      g_autofree gchar *meetings = count_text (r->meetings);
      /* Pounds and pence without a currency sign or separators: a number to a spreadsheet. */
      g_autofree gchar *cost = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", r->cost_pence / 100,
                                                (gint) (r->cost_pence % 100));
      const gchar *fields[] = {
        r->surname, r->forename, r->upn, r->year_group, r->class_name,
        sp_sen_status_name (r->sen_status), need ? _(need) : "", r->primary_need,
        empty (r->area) ? "" : sp_area_name (sp_area_from_key (r->area)), r->needs,
        sp_plan_status_name (r->plan_status), r->next_review, reviews, meetings, cost,
      };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        csv_field (out, fields[f], f + 1 == G_N_ELEMENTS (fields));
    }
  return g_string_free (out, FALSE);
}

static gint
compare_count_keys (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const gchar * const *) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const gchar * const *) b));

  if (x != y)
    return x > y ? -1 : 1;
  return g_strcmp0 (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* A table of @counts (key -> count), most first, each key shown through @words. */
static void
add_count_table (SpDoc        *doc,
                 GHashTable   *counts,
                 const gchar  *what,
                 guint         total,
                 gboolean      need)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (counts, NULL);
  guint n = g_hash_table_size (counts);
  SpDocBlock *table;

  g_qsort_with_data (keys, (gint) n, sizeof (gpointer), compare_count_keys, counts);
  table = sp_doc_add_table (doc, 3, (const gdouble[]) { 5, 1.2, 1.2 },
                            (const gchar *[]) { what, _("Pupils"), _("Share") });
  for (guint i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[i]));
      g_autofree gchar *label = need ? need_words (keys[i]) : g_strdup (area_words (keys[i]));
      g_autofree gchar *number = count_text (count);
      g_autofree gchar *share = g_strdup_printf ("%.0f%%", total ? 100.0 * count / total : 0);

      sp_doc_table_add_row (table, (const gchar *[]) { label, number, share });
    }
}

SpDoc *
sp_senco_register_doc (GPtrArray            *rows,
                       const SpSchoolRecord *school,
                       const GDate          *today,
                       const gchar          *only)
{
  g_autoptr(SpDoc) doc = sp_doc_new (10);
  g_autoptr(GHashTable) by_need = sp_register_count_by_need (rows);
  g_autoptr(GHashTable) by_area = sp_register_count_by_area (rows);
  g_autofree gchar *year = school_year_words (today);
  g_autofree gchar *date = today_long (today);
  g_autofree gchar *subtitle = NULL;
  g_autofree gchar *total = NULL, *support = NULL, *ehc = NULL;
  guint n_k = 0, n_e = 0;
  SpDocBlock *table;

  doc->landscape = TRUE;
  sp_doc_set_metadata (doc, _("SEN register"), school->name,
                       _("Every pupil with SEN support or an EHC plan"));
  set_school_page_text (doc, school, _("SEN register"), today);
  subtitle = g_strdup_printf (_("%s · school year %s · as on %s"), school->name, year, date);
  sp_doc_add_title (doc, _("SEN register"), subtitle);
  if (!empty (only))
    {
      g_autofree gchar *line = g_strdup_printf (_("Only the pupils shown: %s"), only);

      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LEAD, line);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const SpRegisterRow *r = g_ptr_array_index (rows, i);

      if (g_strcmp0 (r->sen_status, "E") == 0)
        n_e++;
      else
        n_k++;
    }
  total = count_text (rows->len);
  support = count_text (n_k);
  ehc = count_text (n_e);
  sp_doc_add_key_value (doc, _("Pupils on the register"), total);
  sp_doc_add_key_value (doc, _("SEN support (K)"), support);
  sp_doc_add_key_value (doc, _("EHC plan (E)"), ehc);

  sp_doc_add_heading (doc, 2, FALSE, _("By area of need (primary need)"));
  add_count_table (doc, by_area, _("Area of need"), rows->len, FALSE);
  sp_doc_add_heading (doc, 2, FALSE, _("By type of need (primary need)"));
  add_count_table (doc, by_need, _("Type of need"), rows->len, TRUE);

  sp_doc_add_heading (doc, 1, TRUE, _("Pupils"));
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED,
                        _("Reviews are completed reviews, and meetings are meetings with "
                          "parents, from 1 September up to today."));
  table = sp_doc_add_table (doc, 11,
                            (const gdouble[]) { 3, 2.4, 1.1, 1.6, 1.4, 2.8, 2.3, 1.2, 1.8,
                                                1, 1.1 },
                            (const gchar *[]) { _("Pupil"), _("UPN"), _("Year"), _("Class"),
                                                _("Status"), _("Primary need"), _("Area"),
                                                _("Plan"), _("Next review"), _("Reviews"),
                                                _("Meetings") });
  for (guint i = 0; i < rows->len; i++)
    {
      const SpRegisterRow *r = g_ptr_array_index (rows, i);
      g_autofree gchar *name = g_strdup_printf ("%s, %s", r->surname, r->forename);
      g_autofree gchar *need = need_words (r->primary_need);
      g_autofree gchar *next = long_date (r->next_review);
      g_autofree gchar *reviews = count_text (r->reviews);
      g_autofree gchar *meetings = count_text (r->meetings);
      g_autofree gchar *yw = year_words (r->year_group);

      sp_doc_table_add_row (table, (const gchar *[]) {
                              name, r->upn, yw, r->class_name,
                              sp_sen_status_name (r->sen_status), need,
                              empty (r->area) ? "" : area_words (r->area),
                              empty (r->plan_status) ? _("No plan")
                                                     : sp_plan_status_name (r->plan_status),
                              empty (r->next_review) ? "—" : next, reviews, meetings });
    }
  if (rows->len == 0)
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("No pupil has SEN support or an EHC plan."));
  return g_steal_pointer (&doc);
}

/* ---- the provision map ----------------------------------------------------------------- */

static gchar *
how_often (const SpIntervention *v)
{
  g_autofree gchar *times = g_strdup_printf (g_dngettext (NULL, "%u session a week",
                                                          "%u sessions a week",
                                                          v->sessions_per_week),
                                             v->sessions_per_week);

  if (v->group_size > 1)
    return g_strdup_printf (_("%s of %u min, groups of %u"), times, v->minutes, v->group_size);
  return g_strdup_printf (_("%s of %u min, one to one"), times, v->minutes);
}

static gchar *
pupil_short (const SpMapPupil *p)
{
  if (empty (p->class_name))
    return g_strdup_printf ("%s %s", p->forename, p->surname);
  return g_strdup_printf ("%s %s (%s)", p->forename, p->surname, p->class_name);
}

static gchar *
hours_text (gdouble hours)
{
  return g_strdup_printf ("%.1f", hours);
}

static void
add_threshold_table (SpDoc                *doc,
                     const SpProvisionMap *map,
                     SpCostBand            band)
{
  SpDocBlock *table;
  guint n = 0;

  for (guint i = 0; i < map->pupils->len; i++)
    n += sp_cost_band (((SpMapPupil *) g_ptr_array_index (map->pupils, i))->cost_pence,
                       map->threshold_pence) == band;
  if (n == 0)
    {
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL,
                            band == SP_COST_OVER ? _("No pupil's provision costs more than the "
                                                     "threshold this year.")
                                                 : _("No pupil is within 10% of the threshold."));
      return;
    }
  table = sp_doc_add_table (doc, 7, (const gdouble[]) { 3.2, 2.4, 1.8, 1.6, 3.2, 1.8, 1.8 },
                            (const gchar *[]) { _("Pupil"), _("UPN"), _("Class"), _("Status"),
                                                _("Primary need"), _("Cost this year"),
                                                band == SP_COST_OVER ? _("Over by")
                                                                     : _("Below by") });
  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);
      g_autofree gchar *name = NULL, *need = NULL, *cost = NULL, *diff = NULL;

      if (sp_cost_band (p->cost_pence, map->threshold_pence) != band)
        continue;
      name = g_strdup_printf ("%s %s", p->forename, p->surname);
      need = need_words (p->primary_need);
      cost = sp_format_pence (p->cost_pence);
      diff = sp_format_pence (band == SP_COST_OVER ? p->cost_pence - map->threshold_pence
                                                   : map->threshold_pence - p->cost_pence);
      sp_doc_table_add_row (table, (const gchar *[]) { name, p->upn, p->class_name,
                                                       sp_sen_status_name (p->sen_status),
                                                       need, cost, diff });
    }
}

SpDoc *
sp_senco_provision_map_doc (const SpProvisionMap *map,
                            const SpSchoolRecord *school,
                            const GDate          *today)
{
  g_autoptr(SpDoc) doc = sp_doc_new (10);
  g_autofree gchar *year = school_year_words (today);
  g_autofree gchar *threshold = sp_format_pence (map->threshold_pence);
  g_autofree gchar *title = g_strdup_printf (_("Provision map %s"), year);
  g_autofree gchar *subtitle = NULL;
  g_autofree gchar *start = long_date (map->year_start);
  g_autofree gchar *end = long_date (map->year_end);
  g_autofree gchar *total = sp_format_pence (map->total_pence);
  g_autofree gchar *hours = hours_text (map->total_staff_hours);
  g_autofree gchar *n_interventions = count_text (map->interventions->len);
  g_autofree gchar *n_pupils = count_text (map->pupils->len);
  g_autofree gchar *n_over = NULL, *n_near = NULL, *over_heading = NULL;
  guint over = 0, near = 0;
  const gchar *area = NULL;
  SpDocBlock *table = NULL;
  gint64 area_cost = 0;
  gdouble area_hours = 0;

  doc->landscape = TRUE;
  sp_doc_set_metadata (doc, title, school->name,
                       _("Every intervention, its pupils, staff time and cost this school year"));
  set_school_page_text (doc, school, title, today);
  subtitle = g_strdup_printf (_("%s · provision delivered %s to %s · notional SEN threshold "
                                "%s a pupil"), school->name, start, end, threshold);
  sp_doc_add_title (doc, title, subtitle);

  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);
      SpCostBand band = sp_cost_band (p->cost_pence, map->threshold_pence);

      over += band == SP_COST_OVER;
      near += band == SP_COST_NEAR;
    }
  n_over = count_text (over);
  n_near = count_text (near);
  sp_doc_add_key_value (doc, _("Interventions"), n_interventions);
  sp_doc_add_key_value (doc, _("Pupils receiving provision"), n_pupils);
  sp_doc_add_key_value (doc, _("Staff hours a week"), hours);
  sp_doc_add_key_value (doc, _("Cost this school year"), total);
  sp_doc_add_key_value (doc, _("Pupils over the threshold"), n_over);
  sp_doc_add_key_value (doc, _("Pupils within 10% of it"), n_near);
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED,
                        _("A school meets the first part of a pupil's additional support, up to "
                          "the notional SEN threshold, from its own budget; above it the school "
                          "may ask the local authority for high-needs top-up funding. Costs are "
                          "staff time at the school's hourly rates, shared across a group, for the "
                          "weeks of provision that fall in this school year; staff hours a week "
                          "are those of each pupil's current sessions, shared across the group."));

  over_heading = g_strdup_printf (_("Over the %s threshold: candidates for high-needs top-up "
                                    "funding"), threshold);
  sp_doc_add_heading (doc, 1, TRUE, over_heading);
  add_threshold_table (doc, map, SP_COST_OVER);
  sp_doc_add_heading (doc, 2, FALSE, _("Near the threshold (within 10%)"));
  add_threshold_table (doc, map, SP_COST_NEAR);

  sp_doc_add_page_break (doc);
  sp_doc_add_heading (doc, 1, TRUE, _("Interventions by area of need"));
  for (guint i = 0; i <= map->interventions->len; i++)
    {
      const SpIntervention *v = i < map->interventions->len
                                ? g_ptr_array_index (map->interventions, i) : NULL;

      if (table != NULL && (v == NULL || g_strcmp0 (v->area, area) != 0))
        {
          g_autofree gchar *c = sp_format_pence (area_cost);
          g_autofree gchar *h = hours_text (area_hours);
          g_autofree gchar *line = g_strdup_printf (_("%s: %s staff hours a week, %s this year"),
                                                    area_words (area), h, c);

          sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, line);
          table = NULL;
        }
      if (v == NULL)
        break;
      if (table == NULL)
        {
          area = v->area;
          area_cost = 0;
          area_hours = 0;
          sp_doc_add_heading (doc, 2, TRUE, area_words (area));
          table = sp_doc_add_table (doc, 6, (const gdouble[]) { 3.4, 2.2, 2.6, 5.2, 1.3, 1.6 },
                                    (const gchar *[]) { _("Intervention"), _("Delivered by"),
                                                        _("How often"), _("Pupils"),
                                                        _("Staff hours a week"),
                                                        _("Cost this year") });
        }
      {
        g_autofree gchar *who = empty (v->staff) ? g_strdup (v->role_label)
                                : g_strdup_printf ("%s (%s)", v->role_label, v->staff);
        g_autofree gchar *often = how_often (v);
        g_autofree gchar *h = hours_text (v->staff_hours);
        g_autofree gchar *c = sp_format_pence (v->cost_pence);
        GString *pupils = g_string_new (NULL);
        g_autofree gchar *pupils_text = NULL;

        g_string_append_printf (pupils, g_dngettext (NULL, "%u pupil: ", "%u pupils: ",
                                                     v->pupils->len), v->pupils->len);
        for (guint p = 0; p < v->pupils->len; p++)
          {
            g_autofree gchar *one = pupil_short (g_ptr_array_index (v->pupils, p));

            if (p > 0)
              g_string_append (pupils, ", ");
            g_string_append (pupils, one);
          }
        pupils_text = g_string_free (pupils, FALSE);
        sp_doc_table_add_row (table, (const gchar *[]) { v->description, who, often,
                                                         pupils_text, h, c });
        area_cost += v->cost_pence;
        area_hours += v->staff_hours;
      }
    }
  if (map->interventions->len == 0)
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED,
                          _("No provision is delivered in this school year yet."));

  sp_doc_add_page_break (doc);
  sp_doc_add_heading (doc, 1, TRUE, _("Every pupil's yearly cost against the threshold"));
  table = sp_doc_add_table (doc, 6, (const gdouble[]) { 3.4, 2.4, 2, 3.4, 1.8, 3.2 },
                            (const gchar *[]) { _("Pupil"), _("UPN"), _("Class"),
                                                _("Primary need"), _("Cost this year"),
                                                _("Against the threshold") });
  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);
      g_autofree gchar *name = g_strdup_printf ("%s %s", p->forename, p->surname);
      g_autofree gchar *need = need_words (p->primary_need);
      g_autofree gchar *cost = sp_format_pence (p->cost_pence);
      g_autofree gchar *share = NULL;
      SpCostBand band = sp_cost_band (p->cost_pence, map->threshold_pence);
      gdouble percent = map->threshold_pence > 0
                        ? 100.0 * (gdouble) p->cost_pence / (gdouble) map->threshold_pence : 0;

      share = band == SP_COST_OVER ? g_strdup_printf (_("%.0f%% — over"), percent)
              : band == SP_COST_NEAR ? g_strdup_printf (_("%.0f%% — near"), percent)
              : g_strdup_printf ("%.0f%%", percent);
      sp_doc_table_add_row (table, (const gchar *[]) { name, p->upn, p->class_name, need, cost,
                                                       share });
    }
  return g_steal_pointer (&doc);
}

/* ---- what works ------------------------------------------------------------------------ */

static gchar *
measure_text (gdouble value)
{
  /* 84 or 7.5, never 84.000000 */
  g_autofree gchar *text = g_strdup_printf ("%.2f", value);
  gchar *end = text + strlen (text) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_steal_pointer (&text);
}

static gchar *
means_text (const SpEffect *e)
{
  g_autofree gchar *before = NULL, *after = NULL;

  if (e->measured == 0)
    return g_strdup ("—");
  before = measure_text (e->mean_before);
  after = measure_text (e->mean_after);
  if (empty (e->unit))
    return g_strdup_printf (_("%s → %s (mixed units, %u measured)"), before, after, e->measured);
  return g_strdup_printf (_("%s → %s %s (%u measured)"), before, after, e->unit, e->measured);
}

static void
add_effect_table (SpDoc      *doc,
                  GPtrArray  *effects,
                  const gchar *what)
{
  SpDocBlock *table = sp_doc_add_table (doc, 7,
                                        (const gdouble[]) { 4.6, 1, 1.2, 1.2, 1.2, 1.4, 3.4 },
                                        (const gchar *[]) { what, _("Pupils"), _("Targets"),
                                                            _("Achieved"), _("Partly"),
                                                            _("Not yet"),
                                                            _("Mean before → after") });

  for (guint i = 0; i < effects->len; i++)
    {
      const SpEffect *e = g_ptr_array_index (effects, i);
      g_autofree gchar *pupils = count_text (e->pupils);
      g_autofree gchar *targets = count_text (e->outcomes);
      g_autofree gchar *achieved = g_strdup_printf ("%u (%.0f%%)", e->achieved,
                                                    100 * sp_effect_share_achieved (e));
      g_autofree gchar *partly = count_text (e->partly);
      g_autofree gchar *not_achieved = count_text (e->not_achieved);
      g_autofree gchar *means = means_text (e);

      sp_doc_table_add_row (table, (const gchar *[]) { e->label, pupils, targets, achieved,
                                                       partly, not_achieved, means });
    }
  if (effects->len == 0)
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("No review has been completed yet."));
}

SpDoc *
sp_senco_what_works_doc (const SpWhatWorks    *works,
                         const SpSchoolRecord *school,
                         const GDate          *today)
{
  g_autoptr(SpDoc) doc = sp_doc_new (10);
  g_autofree gchar *date = today_long (today);
  g_autofree gchar *subtitle = g_strdup_printf (_("%s · every completed review to %s"),
                                                school->name, date);
  gboolean any_measure = FALSE;

  doc->landscape = TRUE;
  sp_doc_set_metadata (doc, _("What works"), school->name,
                       _("Provision against progress: outcomes at review, by intervention "
                         "and by cohort"));
  set_school_page_text (doc, school, _("What works"), today);
  sp_doc_add_title (doc, _("What works"), subtitle);
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED,
                        _("Each target judged at a completed review counts once for every "
                          "intervention its plan had. Achieved is the share of targets judged "
                          "achieved; partly achieved is not counted as achieved. Means are over "
                          "targets measured both before and after."));

  sp_doc_add_heading (doc, 1, TRUE, _("By intervention"));
  add_effect_table (doc, works->interventions, _("Intervention"));

  sp_doc_add_heading (doc, 1, TRUE, _("Pupils needing attention"));
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL,
                        _("At their last two reviews, half or more of these pupils' targets "
                          "were not achieved."));
  if (works->stuck->len > 0)
    {
      SpDocBlock *table = sp_doc_add_table (doc, 5, (const gdouble[]) { 3.4, 2.4, 2, 3.2, 3.2 },
                                            (const gchar *[]) { _("Pupil"), _("UPN"),
                                                                _("Class"),
                                                                _("Earlier review"),
                                                                _("Latest review") });
      for (guint i = 0; i < works->stuck->len; i++)
        {
          const SpStuckPupil *s = g_ptr_array_index (works->stuck, i);
          g_autofree gchar *d1 = long_date (s->first_review);
          g_autofree gchar *d2 = long_date (s->last_review);
          g_autofree gchar *first = g_strdup_printf (_("%s: %u of %u not achieved"), d1,
                                                     s->not_achieved_first, s->targets_first);
          g_autofree gchar *last = g_strdup_printf (_("%s: %u of %u not achieved"), d2,
                                                    s->not_achieved_last, s->targets_last);

          sp_doc_table_add_row (table, (const gchar *[]) { s->name, s->upn, s->class_name,
                                                           first, last });
        }
    }
  else
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("None."));

  sp_doc_add_heading (doc, 1, TRUE, _("By type of need (primary need)"));
  add_effect_table (doc, works->by_need, _("Type of need"));
  sp_doc_add_heading (doc, 1, TRUE, _("By year group"));
  add_effect_table (doc, works->by_year, _("Year group"));

  for (guint i = 0; i < works->interventions->len && !any_measure; i++)
    any_measure = ((SpEffect *) g_ptr_array_index (works->interventions, i))->measures->len > 0;
  if (any_measure)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 1, TRUE, _("Before and after, pupil by pupil"));
      table = sp_doc_add_table (doc, 6, (const gdouble[]) { 4, 3, 2.2, 1.2, 1.2, 2.4 },
                                (const gchar *[]) { _("Intervention"), _("Pupil"),
                                                    _("Review"), _("Before"), _("After"),
                                                    _("Unit") });
      for (guint i = 0; i < works->interventions->len; i++)
        {
          const SpEffect *e = g_ptr_array_index (works->interventions, i);

          for (guint m = 0; m < e->measures->len; m++)
            {
              const SpMeasureRow *r = g_ptr_array_index (e->measures, m);
              g_autofree gchar *d = long_date (r->review_date);
              g_autofree gchar *b = measure_text (r->before);
              g_autofree gchar *a = measure_text (r->after);

              sp_doc_table_add_row (table, (const gchar *[]) { m == 0 ? e->label : "", r->name,
                                                               d, b, a, r->unit });
            }
        }
    }
  return g_steal_pointer (&doc);
}

/* ---- the evidence pack ----------------------------------------------------------------- */

static gchar *
full_name (const SpPupilRecord *p)
{
  g_autofree gchar *name = g_strdup_printf ("%s %s", p->forename ? p->forename : "",
                                            p->surname ? p->surname : "");
  return g_strstrip (g_steal_pointer (&name));
}

static gboolean
review_completed (const SpReviewRecord *r)
{
  return !empty (r->completed_at) && empty (r->reopened_at);
}

static gint64
plan_cost (const SpPlanRecord *plan)
{
  gint64 total = 0;

  for (guint p = 0; p < plan->provision->len; p++)
    total += ((SpProvisionRecord *) g_ptr_array_index (plan->provision, p))->cost_pence;
  return total;
}

static const gchar *
outcome_words (const gchar *outcome)
{
  if (g_strcmp0 (outcome, "achieved") == 0)
    return _("Achieved");
  if (g_strcmp0 (outcome, "partly") == 0)
    return _("Partly achieved");
  if (g_strcmp0 (outcome, "not_achieved") == 0)
    return _("Not achieved");
  return _("Not judged");
}

static const SpTargetRecord *
find_target (const SpPlanRecord *plan,
             gint64              target_id)
{
  for (guint t = 0; t < plan->targets->len; t++)
    {
      const SpTargetRecord *target = g_ptr_array_index (plan->targets, t);

      if (target->id == target_id)
        return target;
    }
  return NULL;
}

/* "1 year 3 months", "5 months", "3 weeks": from @from to @to. */
static gchar *
span_words (const gchar *from,
            const gchar *to)
{
  g_autoptr(GDate) a = sp_date_parse_iso (from);
  g_autoptr(GDate) b = sp_date_parse_iso (to);
  gint days, months, years;

  if (a == NULL || b == NULL)
    return g_strdup ("");
  days = g_date_days_between (a, b);
  if (days < 0)
    days = 0;
  if (days < 61)
    return g_strdup_printf (g_dngettext (NULL, "%d week", "%d weeks", days / 7), days / 7);
  months = (gint) (days / 30.44 + 0.5);
  years = months / 12;
  months %= 12;
  if (years == 0)
    return g_strdup_printf (g_dngettext (NULL, "%d month", "%d months", months), months);
  if (months == 0)
    return g_strdup_printf (g_dngettext (NULL, "%d year", "%d years", years), years);
  {
    g_autofree gchar *y = g_strdup_printf (g_dngettext (NULL, "%d year", "%d years", years),
                                           years);
    g_autofree gchar *m = g_strdup_printf (g_dngettext (NULL, "%d month", "%d months", months),
                                           months);

    return g_strdup_printf ("%s %s", y, m);
  }
}

static void
add_outcomes_table (SpDoc                *doc,
                    const SpPlanRecord   *plan,
                    const SpReviewRecord *review)
{
  SpDocBlock *table = sp_doc_add_table (doc, 5, (const gdouble[]) { 4.6, 1.6, 1.1, 1.1, 4 },
                                        (const gchar *[]) { _("Target"), _("Outcome"),
                                                            _("Before"), _("After"),
                                                            _("Evidence") });

  for (guint o = 0; o < review->outcomes->len; o++)
    {
      const SpOutcomeRecord *out = g_ptr_array_index (review->outcomes, o);
      const SpTargetRecord *target = find_target (plan, out->target_id);
      g_autofree gchar *before = NULL, *after = NULL;

      if (out->has_before)
        {
          g_autofree gchar *v = measure_text (out->measure_before);
          before = g_strdup_printf ("%s %s", v, out->measure_unit);
        }
      if (out->has_after)
        {
          g_autofree gchar *v = measure_text (out->measure_after);
          after = g_strdup_printf ("%s %s", v, out->measure_unit);
        }
      sp_doc_table_add_row (table, (const gchar *[]) {
                              target ? target->description : "", outcome_words (out->outcome),
                              before ? before : "—", after ? after : "—", out->evidence });
    }
}

static void
add_cycle (SpDoc              *doc,
           const SpPlanRecord *plan,
           guint               n)
{
  g_autofree gchar *start = long_date (plan->start_date);
  g_autofree gchar *review = long_date (plan->review_date);
  g_autofree gchar *heading = g_strdup_printf (_("Cycle %u: plan from %s, review agreed for %s "
                                                 "(%s)"), n, start, review,
                                               sp_plan_status_name (plan->status));
  g_autofree gchar *cost = sp_format_pence (plan_cost (plan));

  sp_doc_add_heading (doc, 2, TRUE, heading);
  {
    g_auto(GStrv) keys = g_strsplit (plan->areas, ",", -1);
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autofree gchar *areas = NULL;

    for (guint a = 0; keys[a] != NULL; a++)
      if (!empty (g_strstrip (keys[a])))
        g_ptr_array_add (names, (gpointer) area_words (keys[a]));
    g_ptr_array_add (names, NULL);
    areas = g_strjoinv ("; ", (gchar **) names->pdata);
    sp_doc_add_key_value (doc, _("Areas of need"), areas);
  }
  sp_doc_add_key_value (doc, _("Written by"), plan->written_by);
  sp_doc_add_key_value (doc, _("Provision cost"), cost);

  if (plan->targets->len > 0)
    {
      SpDocBlock *table = sp_doc_add_table (doc, 4, (const gdouble[]) { 0.4, 4, 3, 3 },
                                            (const gchar *[]) { "", _("Target"),
                                                                _("Starting point"),
                                                                _("Success looks like") });
      for (guint t = 0; t < plan->targets->len; t++)
        {
          const SpTargetRecord *target = g_ptr_array_index (plan->targets, t);
          g_autofree gchar *pos = count_text (t + 1);

          sp_doc_table_add_row (table, (const gchar *[]) { pos, target->description,
                                                           target->baseline,
                                                           target->success_criteria });
        }
    }
  if (plan->provision->len > 0)
    {
      SpDocBlock *table = sp_doc_add_table (doc, 5, (const gdouble[]) { 4, 2.4, 2.8, 1, 1.5 },
                                            (const gchar *[]) { _("Provision"),
                                                                _("Delivered by"),
                                                                _("How often"), _("Weeks"),
                                                                _("Cost") });
      for (guint p = 0; p < plan->provision->len; p++)
        {
          const SpProvisionRecord *v = g_ptr_array_index (plan->provision, p);
          g_autofree gchar *who = empty (v->staff_name) ? g_strdup (v->role_label)
                                  : g_strdup_printf ("%s (%s)", v->role_label, v->staff_name);
          g_autofree gchar *often = v->group_size > 1
            ? g_strdup_printf (_("%u × %u min a week, group of %u"), v->sessions_per_week,
                               v->minutes, v->group_size)
            : g_strdup_printf (_("%u × %u min a week, one to one"), v->sessions_per_week,
                               v->minutes);
          g_autofree gchar *weeks = count_text (v->weeks);
          g_autofree gchar *c = sp_format_pence (v->cost_pence);

          sp_doc_table_add_row (table, (const gchar *[]) { v->description, who, often, weeks,
                                                           c });
        }
    }
  if (plan->annotations->len > 0)
    {
      /* The "do" of the cycle: what staff noted while the plan was in use. */
      SpDocBlock *table;

      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, _("Notes during the cycle"));
      table = sp_doc_add_table (doc, 3, (const gdouble[]) { 1.6, 2, 6.4 },
                                (const gchar *[]) { _("Date"), _("By"), _("Note") });
      for (guint a = 0; a < plan->annotations->len; a++)
        {
          const SpAnnotationRecord *note = g_ptr_array_index (plan->annotations, a);
          g_autofree gchar *d = long_date (note->note_date);
          g_autofree gchar *text = note->target_position > 0
            ? g_strdup_printf (_("Target %u: %s"), note->target_position, note->text)
            : g_strdup (note->text);

          sp_doc_table_add_row (table, (const gchar *[]) { d, note->author, text });
        }
    }
  sp_doc_add_labelled (doc, _("What the parents will do at home"), plan->parent_contribution);
  sp_doc_add_labelled (doc, _("The pupil likes"), plan->pupil_likes);
  sp_doc_add_labelled (doc, _("The pupil finds hard"), plan->pupil_finds_hard);
  sp_doc_add_labelled (doc, _("What helps the pupil"), plan->pupil_helps);
  sp_doc_add_labelled (doc, _("The pupil worries about"), plan->pupil_worries);

  for (guint r = 0; r < plan->reviews->len; r++)
    {
      const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);
      g_autofree gchar *date = long_date (rev->review_date);
      g_autofree gchar *rh = g_strdup_printf (_("Review of cycle %u on %s"), n, date);
      SpDecision decision = sp_decision_from_key (rev->decision);

      sp_doc_add_heading (doc, 2, TRUE, rh);
      if (!empty (rev->reopened_at))
        {
          g_autofree gchar *note = g_strdup_printf (_("This review was reopened to be put "
                                                      "right: %s"), rev->reopen_reason);
          sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, note);
        }
      else if (empty (rev->completed_at))
        sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("Not completed yet."));
      sp_doc_add_key_value (doc, _("Who was there"), rev->attendees);
      sp_doc_add_key_value (doc, _("Decision"),
                            decision == SP_DECISION_INVALID ? "" : sp_decision_label (decision));
      if (rev->outcomes->len > 0)
        add_outcomes_table (doc, plan, rev);
      sp_doc_add_labelled (doc, _("The parents' views"), rev->parent_views);
      sp_doc_add_labelled (doc, _("The pupil's views"), rev->pupil_views);
      sp_doc_add_labelled (doc, _("Next steps"), rev->next_steps);
    }
}

SpDoc *
sp_senco_evidence_pack_doc (const SpPupilRecord  *pupil,
                            const SpSchoolRecord *school,
                            gint64                year_cost_pence,
                            gint64                threshold_pence,
                            const GDate          *today,
                            GError              **error)
{
  g_autoptr(SpDoc) doc = NULL;
  g_autofree gchar *name = full_name (pupil);
  g_autofree gchar *title = NULL, *subtitle = NULL, *date = today_long (today);
  g_autofree gchar *header = NULL, *footer = NULL;
  const SpReviewRecord *first_review = NULL, *last_review = NULL;
  const SpPlanRecord *first_plan = NULL, *last_plan = NULL;
  const gchar *first_date, *last_date = NULL;
  guint completed = 0, agency = 0;
  gint64 total = 0;

  if (pupil->plans->len == 0)
    {
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN,
                   _("%s has no support plan yet, so there is no evidence to send."), name);
      return NULL;
    }

  doc = sp_doc_new (10.5);
  title = g_strdup_printf (_("Evidence of SEN support: %s"), name);
  sp_doc_set_metadata (doc, title, school->name,
                       _("Evidence for a request for high-needs top-up funding or an EHC "
                         "needs assessment"));
  header = g_strdup_printf (_("%s · UPN %s"), name, empty (pupil->upn) ? "—" : pupil->upn);
  footer = g_strdup_printf (_("Printed %s"), date);
  sp_doc_set_page_text (doc, header, _("Confidential"), footer);
  subtitle = g_strdup_printf (_("%s · for a request to the local authority for high-needs "
                                "top-up funding or an EHC needs assessment"), school->name);
  sp_doc_add_title (doc, title, subtitle);

  first_plan = g_ptr_array_index (pupil->plans, 0);
  last_plan = g_ptr_array_index (pupil->plans, pupil->plans->len - 1);
  for (guint i = 0; i < pupil->plans->len; i++)
    {
      const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

      total += plan_cost (plan);
      for (guint r = 0; r < plan->reviews->len; r++)
        {
          const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);

          if (!review_completed (rev))
            continue;
          completed++;
          if (first_review == NULL)
            first_review = rev;
          last_review = rev;
          if (sp_decision_from_key (rev->decision) == SP_DECISION_SPECIALIST
              || sp_decision_from_key (rev->decision) == SP_DECISION_TOP_UP
              || sp_decision_from_key (rev->decision) == SP_DECISION_EHC_REQUEST)
            agency++;
        }
      for (guint p = 0; p < plan->provision->len; p++)
        agency += g_strcmp0 (((SpProvisionRecord *) g_ptr_array_index (plan->provision, p))->role,
                             "specialist") == 0;
    }
  first_date = first_plan->start_date;
  last_date = last_review != NULL ? last_review->review_date : NULL;

  /* ---- the summary page ---- */
  sp_doc_add_heading (doc, 1, TRUE, _("Summary"));
  {
    g_autofree gchar *dob = long_date (pupil->date_of_birth);
    g_autofree gchar *yw = year_words (pupil->year_group);
    g_autofree gchar *cls = empty (pupil->class_name) ? g_strdup (yw)
                            : g_strdup_printf ("%s, %s", pupil->class_name, yw);
    g_autofree gchar *need = need_words (pupil->needs && pupil->needs[0] ? pupil->needs[0] : "");
    g_autofree gchar *cycles = g_strdup_printf (
      g_dngettext (NULL, "%u plan, %u of them reviewed", "%u plans, %u of them reviewed",
                   pupil->plans->len), pupil->plans->len, completed);
    g_autofree gchar *from = long_date (first_date);
    g_autofree gchar *to = last_date ? long_date (last_date) : NULL;
    g_autofree gchar *span = NULL;
    g_autofree gchar *year_cost = sp_format_pence (year_cost_pence);
    g_autofree gchar *threshold = sp_format_pence (threshold_pence);
    g_autofree gchar *against = NULL;
    g_autofree gchar *total_text = sp_format_pence (total);

    if (to != NULL)
      {
        g_autofree gchar *length = span_words (first_date, last_date);
        span = g_strdup_printf (_("%s, from %s to the latest review on %s"), length, from, to);
      }
    else
      span = g_strdup_printf (_("from %s; no review completed yet"), from);
    if (year_cost_pence > threshold_pence)
      {
        g_autofree gchar *by = sp_format_pence (year_cost_pence - threshold_pence);
        against = g_strdup_printf (_("%s this school year: %s over the notional SEN threshold "
                                     "of %s"), year_cost, by, threshold);
      }
    else
      {
        g_autofree gchar *by = sp_format_pence (threshold_pence - year_cost_pence);
        against = g_strdup_printf (_("%s this school year: %s below the notional SEN threshold "
                                     "of %s"), year_cost, by, threshold);
      }

    sp_doc_add_key_value (doc, _("Pupil"), name);
    sp_doc_add_key_value (doc, _("UPN"), pupil->upn);
    sp_doc_add_key_value (doc, _("Date of birth"), dob);
    sp_doc_add_key_value (doc, _("Class"), cls);
    sp_doc_add_key_value (doc, _("SEN status"), sp_sen_status_name (pupil->sen_status));
    sp_doc_add_key_value (doc, _("Primary need"), need);
    sp_doc_add_key_value (doc, _("Cycles of SEN support"), cycles);
    sp_doc_add_key_value (doc, _("Over"), span);
    sp_doc_add_key_value (doc, _("Provision"), against);
    sp_doc_add_key_value (doc, _("Provision over all cycles"), total_text);
  }

  if (completed < 3)
    {
      g_autofree gchar *warning = g_strdup_printf (
        g_dngettext (NULL,
                     "This record shows %u completed cycle of assess, plan, do, review. A local "
                     "authority usually asks for evidence of at least two or three cycles, with "
                     "the provision made and its effect, before it agrees top-up funding or an "
                     "EHC needs assessment.",
                     "This record shows %u completed cycles of assess, plan, do, review. A local "
                     "authority usually asks for evidence of at least two or three cycles, with "
                     "the provision made and its effect, before it agrees top-up funding or an "
                     "EHC needs assessment.", completed), completed);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LEAD, warning);
    }
  else
    {
      g_autofree gchar *line = g_strdup_printf (_("This record shows %u completed cycles of "
                                                  "assess, plan, do, review."), completed);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LEAD, line);
    }

  sp_doc_add_heading (doc, 2, FALSE, _("What changed"));
  if (first_review != NULL)
    {
      guint a1 = 0, a2 = 0;
      g_autofree gchar *d1 = long_date (first_review->review_date);
      g_autofree gchar *d2 = long_date (last_review->review_date);
      g_autofree gchar *line = NULL;

      for (guint o = 0; o < first_review->outcomes->len; o++)
        a1 += g_strcmp0 (((SpOutcomeRecord *) g_ptr_array_index (first_review->outcomes, o))
                         ->outcome, "achieved") == 0;
      for (guint o = 0; o < last_review->outcomes->len; o++)
        a2 += g_strcmp0 (((SpOutcomeRecord *) g_ptr_array_index (last_review->outcomes, o))
                         ->outcome, "achieved") == 0;
      if (first_review == last_review)
        line = g_strdup_printf (_("At the one review so far (%s), %u of %u targets were "
                                  "achieved."), d1, a1, first_review->outcomes->len);
      else
        line = g_strdup_printf (_("At the first review (%s), %u of %u targets were achieved; at "
                                  "the latest (%s), %u of %u."), d1, a1,
                                first_review->outcomes->len, d2, a2,
                                last_review->outcomes->len);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, line);
    }
  else
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL,
                          _("No review has been completed yet, so no progress is recorded."));

  /* Every measure, in date order: the before and after the authority will look for. */
  {
    SpDocBlock *table = NULL;

    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

        for (guint r = 0; r < plan->reviews->len; r++)
          {
            const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);

            if (!review_completed (rev))
              continue;
            for (guint o = 0; o < rev->outcomes->len; o++)
              {
                const SpOutcomeRecord *out = g_ptr_array_index (rev->outcomes, o);
                const SpTargetRecord *target = find_target (plan, out->target_id);
                g_autofree gchar *d = NULL, *b = NULL, *a = NULL, *change = NULL;

                if (!out->has_before || !out->has_after)
                  continue;
                if (table == NULL)
                  table = sp_doc_add_table (doc, 6,
                                            (const gdouble[]) { 2, 5, 1.2, 1.2, 1.2, 2.4 },
                                            (const gchar *[]) { _("Review"), _("Target"),
                                                                _("Before"), _("After"),
                                                                _("Change"), _("Measured in") });
                d = long_date (rev->review_date);
                b = measure_text (out->measure_before);
                a = measure_text (out->measure_after);
                {
                  g_autofree gchar *diff = measure_text (ABS (out->measure_after
                                                              - out->measure_before));
                  change = g_strdup_printf ("%s%s",
                                            out->measure_after >= out->measure_before ? "+"
                                                                                      : "−",
                                            diff);
                }
                sp_doc_table_add_row (table, (const gchar *[]) {
                                        d, target ? target->description : "", b, a, change,
                                        out->measure_unit });
              }
          }
      }
    if (table == NULL)
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED,
                            _("No before-and-after measures were recorded at the reviews."));
  }

  {
    SpDocBlock *table = NULL;

    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

        for (guint r = 0; r < plan->reviews->len; r++)
          {
            const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);
            SpDecision decision = sp_decision_from_key (rev->decision);
            g_autofree gchar *d = NULL;

            if (!review_completed (rev) || decision == SP_DECISION_INVALID)
              continue;
            if (table == NULL)
              {
                sp_doc_add_heading (doc, 2, FALSE, _("Decisions at each review"));
                table = sp_doc_add_table (doc, 2, (const gdouble[]) { 1, 3 },
                                          (const gchar *[]) { _("Review"), _("Decision") });
              }
            d = long_date (rev->review_date);
            sp_doc_table_add_row (table, (const gchar *[]) { d, sp_decision_label (decision) });
          }
      }
  }

  /* ---- the pupil ---- */
  sp_doc_add_page_break (doc);
  sp_doc_add_heading (doc, 1, TRUE, _("The pupil"));
  if (pupil->needs != NULL && pupil->needs[0] != NULL)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Needs, most important first"));
      table = sp_doc_add_table (doc, 3, (const gdouble[]) { 0.6, 4, 3 },
                                (const gchar *[]) { _("Rank"), _("Need"), _("Area") });
      for (guint i = 0; pupil->needs[i]; i++)
        {
          g_autofree gchar *rank = count_text (i + 1);
          g_autofree gchar *need = need_words (pupil->needs[i]);

          sp_doc_table_add_row (table, (const gchar *[]) {
                                  rank, need, sp_area_name (sp_need_area (pupil->needs[i])) });
        }
    }
  else
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("No type of need is recorded."));
  sp_doc_add_heading (doc, 2, FALSE, _("Profile"));
  sp_doc_add_key_value (doc, _("Strengths"), pupil->strengths);
  sp_doc_add_key_value (doc, _("Likes"), pupil->likes);
  sp_doc_add_key_value (doc, _("Dislikes"), pupil->dislikes);
  sp_doc_add_key_value (doc, _("Anxieties"), pupil->anxieties);
  sp_doc_add_key_value (doc, _("What helps"), pupil->what_helps);
  sp_doc_add_key_value (doc, _("Looked-after child"), pupil->looked_after ? _("Yes") : _("No"));
  sp_doc_add_key_value (doc, _("Medical condition"),
                        pupil->medical_condition ? _("Yes") : _("No"));

  /* ---- the cycles ---- */
  sp_doc_add_page_break (doc);
  sp_doc_add_heading (doc, 1, TRUE, _("The cycles of support, in order"));
  for (guint i = 0; i < pupil->plans->len; i++)
    add_cycle (doc, g_ptr_array_index (pupil->plans, i), i + 1);

  /* ---- provision and its cost across the cycles ---- */
  sp_doc_add_heading (doc, 1, TRUE, _("Provision and its cost across the cycles"));
  {
    SpDocBlock *table = sp_doc_add_table (doc, 4, (const gdouble[]) { 0.8, 3.6, 5, 1.6 },
                                          (const gchar *[]) { _("Cycle"), _("Dates"),
                                                              _("Provision"), _("Cost") });
    g_autofree gchar *total_text = sp_format_pence (total);
    g_autofree gchar *total_line = g_strdup_printf (_("Total over all cycles: %s"), total_text);

    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);
        g_autofree gchar *n = count_text (i + 1);
        g_autofree gchar *s = long_date (plan->start_date);
        g_autofree gchar *e = long_date (plan->review_date);
        g_autofree gchar *dates = g_strdup_printf (_("%s to %s"), s, e);
        g_autofree gchar *cost = sp_format_pence (plan_cost (plan));
        GString *what = g_string_new (NULL);
        g_autofree gchar *what_text = NULL;

        for (guint p = 0; p < plan->provision->len; p++)
          {
            const SpProvisionRecord *v = g_ptr_array_index (plan->provision, p);

            if (p > 0)
              g_string_append (what, "; ");
            g_string_append (what, v->description);
          }
        what_text = g_string_free (what, FALSE);
        sp_doc_table_add_row (table, (const gchar *[]) { n, dates, what_text, cost });
      }
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, total_line);
  }

  /* ---- agencies ---- */
  sp_doc_add_heading (doc, 1, TRUE, _("Involvement of specialists and agencies"));
  if (agency == 0)
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL,
                          _("No review has yet decided to involve specialists or the local "
                            "authority, and no provision is delivered by a specialist."));
  for (guint i = 0; i < pupil->plans->len; i++)
    {
      const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

      for (guint r = 0; r < plan->reviews->len; r++)
        {
          const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);
          SpDecision decision = sp_decision_from_key (rev->decision);
          g_autofree gchar *d = NULL, *line = NULL;

          if (!review_completed (rev)
              || (decision != SP_DECISION_SPECIALIST && decision != SP_DECISION_TOP_UP
                  && decision != SP_DECISION_EHC_REQUEST))
            continue;
          d = long_date (rev->review_date);
          line = g_strdup_printf (_("Review of %s: %s."), d, sp_decision_label (decision));
          sp_doc_add_paragraph (doc, SP_DOC_TEXT_BULLET, line);
          sp_doc_add_labelled (doc, _("Next steps"), rev->next_steps);
        }
      for (guint p = 0; p < plan->provision->len; p++)
        {
          const SpProvisionRecord *v = g_ptr_array_index (plan->provision, p);
          g_autofree gchar *s = NULL, *line = NULL;

          if (g_strcmp0 (v->role, "specialist") != 0)
            continue;
          s = long_date (plan->start_date);
          line = g_strdup_printf (_("From %s: %s, delivered by %s%s%s."), s, v->description,
                                  v->role_label, empty (v->staff_name) ? "" : ", ",
                                  v->staff_name);
          sp_doc_add_paragraph (doc, SP_DOC_TEXT_BULLET, line);
        }
    }

  /* ---- views ---- */
  sp_doc_add_heading (doc, 1, TRUE, _("The views of the parents and the pupil"));
  {
    SpDocBlock *table = NULL;

    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

        for (guint r = 0; r < plan->reviews->len; r++)
          {
            const SpReviewRecord *rev = g_ptr_array_index (plan->reviews, r);
            g_autofree gchar *d = NULL;

            if (empty (rev->parent_views) && empty (rev->pupil_views))
              continue;
            if (table == NULL)
              table = sp_doc_add_table (doc, 3, (const gdouble[]) { 1.6, 4, 4 },
                                        (const gchar *[]) { _("Review"), _("Parents' views"),
                                                            _("Pupil's views") });
            d = long_date (rev->review_date);
            sp_doc_table_add_row (table, (const gchar *[]) { d, rev->parent_views,
                                                             rev->pupil_views });
          }
      }
    if (table == NULL)
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("No views are recorded at a review yet."));
    sp_doc_add_labelled (doc, _("What the parents will do at home (current plan)"),
                         last_plan->parent_contribution);
  }
  if (pupil->meetings->len > 0)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Meetings with parents and carers"));
      table = sp_doc_add_table (doc, 3, (const gdouble[]) { 1.6, 3, 4 },
                                (const gchar *[]) { _("Date"), _("Who was there"), _("Notes") });
      for (guint i = 0; i < pupil->meetings->len; i++)
        {
          const SpMeetingRecord *m = g_ptr_array_index (pupil->meetings, i);
          g_autofree gchar *d = long_date (m->meeting_date);

          sp_doc_table_add_row (table, (const gchar *[]) { d, m->attendees, m->notes });
        }
    }
  return g_steal_pointer (&doc);
}

/* ---- from the store to a file ---------------------------------------------------------- */

static gboolean
save_doc (SpDoc        *doc,
          const gchar  *path,
          GError      **error)
{
  return doc != NULL && sp_doc_save_pdf (doc, path, error);
}

gboolean
sp_senco_export_register (SpStore      *store,
                          const GDate  *today,
                          gboolean      csv,
                          const gchar  *path,
                          GError      **error)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autoptr(GPtrArray) rows = sp_store_list_register (store, day, error);

  if (rows == NULL)
    return FALSE;
  return sp_senco_save_register (store, rows, day, csv, NULL, path, error);
}

gboolean
sp_senco_save_register (SpStore      *store,
                        GPtrArray    *rows,
                        const GDate  *today,
                        gboolean      csv,
                        const gchar  *only,
                        const gchar  *path,
                        GError      **error)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autoptr(SpSchoolRecord) school = NULL;
  g_autoptr(SpDoc) doc = NULL;

  if (csv)
    {
      g_autofree gchar *text = sp_senco_register_csv (rows);
      return sp_export_save_file (path, text, strlen (text), error);
    }
  if ((school = sp_store_load_school (store, error)) == NULL)
    return FALSE;
  doc = sp_senco_register_doc (rows, school, day, only);
  return save_doc (doc, path, error);
}

gboolean
sp_senco_export_provision_map (SpStore      *store,
                               const GDate  *today,
                               const gchar  *path,
                               GError      **error)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, day, error);
  g_autoptr(SpSchoolRecord) school = NULL;
  g_autoptr(SpDoc) doc = NULL;

  if (map == NULL || (school = sp_store_load_school (store, error)) == NULL)
    return FALSE;
  doc = sp_senco_provision_map_doc (map, school, day);
  return save_doc (doc, path, error);
}

gboolean
sp_senco_export_what_works (SpStore      *store,
                            const GDate  *today,
                            const gchar  *path,
                            GError      **error)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autoptr(SpWhatWorks) works = sp_store_load_what_works (store, error);
  g_autoptr(SpSchoolRecord) school = NULL;
  g_autoptr(SpDoc) doc = NULL;

  if (works == NULL || (school = sp_store_load_school (store, error)) == NULL)
    return FALSE;
  doc = sp_senco_what_works_doc (works, school, day);
  return save_doc (doc, path, error);
}

SpDoc *
sp_senco_load_evidence_pack (SpStore      *store,
                             gint64        pupil_id,
                             const GDate  *today,
                             GError      **error)
{
  g_autoptr(GDate) day = day_or_today (today);
  g_autoptr(SpPupilRecord) pupil = NULL;
  g_autoptr(SpSchoolRecord) school = NULL;
  gint64 cost, threshold;

  if ((pupil = sp_store_load_record (store, pupil_id, error)) == NULL
      || (school = sp_store_load_school (store, error)) == NULL
      || (cost = sp_store_pupil_year_cost (store, pupil_id, day, error)) < 0
      || (threshold = sp_store_get_threshold (store, NULL, error)) < 0)
    return NULL;
  return sp_senco_evidence_pack_doc (pupil, school, cost, threshold, day, error);
}

gboolean
sp_senco_export_evidence_pack (SpStore      *store,
                               gint64        pupil_id,
                               const GDate  *today,
                               const gchar  *path,
                               GError      **error)
{
  g_autoptr(SpDoc) doc = sp_senco_load_evidence_pack (store, pupil_id, today, error);

  return save_doc (doc, path, error);
}
