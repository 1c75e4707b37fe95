/* Unit tests for the rules in src/core: UPN check letters, need codes, dates, costs. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-plan.h"
#include "sp-provision.h"
#include "sp-pupil.h"
#include "sp-match-list.h"
#include "sp-slot-model.h"
#include "sp-upn.h"

static void
test_upn_valid (void)
{
  /* The examples in DOMAIN.md, worked by hand there. */
  g_assert_true (sp_upn_validate ("B801200005001", NULL));
  g_assert_true (sp_upn_validate ("R674123101121", NULL));
  g_assert_cmpint (sp_upn_check_letter ("?801200005001"), ==, 'B');
  g_assert_cmpint (sp_upn_check_letter ("?674123101121"), ==, 'R');
}

static void
test_upn_temporary (void)
{
  g_autofree gchar *upn = g_strdup ("?80120000500A");
  GError *error = NULL;

  /* A trailing letter counts as its index in the alphabet without I, O, S (A = 0). The sum
   * for 801200005 00 is 80, plus A = 0 × 13: 80 mod 23 = 11, which is M. */
  upn[0] = sp_upn_check_letter (upn);
  g_assert_cmpint (upn[0], ==, 'M');
  g_assert_true (sp_upn_validate (upn, &error));
  g_assert_no_error (error);

  /* I, O and S are never used. */
  g_assert_false (sp_upn_validate ("M80120000500I", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS);
  g_clear_error (&error);
}

static void
test_upn_invalid (void)
{
  GError *error = NULL;

  g_assert_false (sp_upn_validate ("A801200005001", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHECK_LETTER);
  g_assert_nonnull (strstr (error->message, "A801200005001"));
  g_assert_nonnull (strstr (error->message, "check letter"));
  g_clear_error (&error);

  /* One digit changed: the check letter no longer fits. */
  g_assert_false (sp_upn_validate ("B801200005002", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHECK_LETTER);
  g_clear_error (&error);

  g_assert_false (sp_upn_validate ("B80120000500", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_LENGTH);
  g_clear_error (&error);

  g_assert_false (sp_upn_validate ("B8012000050011", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_LENGTH);
  g_clear_error (&error);

  g_assert_false (sp_upn_validate ("", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (sp_upn_validate ("b801200005001", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS);
  g_clear_error (&error);

  g_assert_false (sp_upn_validate ("B8012X0005001", &error));
  g_assert_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS);
  g_clear_error (&error);

  /* Not UTF-8 at all. */
  g_assert_false (sp_upn_validate ("B80120000\xff\xfe\x01", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static void
test_upn_make_and_normalise (void)
{
  for (guint serial = 0; serial < 1000; serial += 37)
    {
      g_autofree gchar *upn = sp_upn_make (999, 2001, 19, serial);
      g_assert_true (sp_upn_validate (upn, NULL));
    }

  {
    g_autofree gchar *n = sp_upn_normalise (" b801 2000-05001 ");
    g_assert_cmpstr (n, ==, "B801200005001");
  }
}

static void
test_needs (void)
{
  guint n;
  const SpNeedType *types = sp_need_types (&n);

  g_assert_cmpuint (n, ==, 13);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (types[i].name);

  g_assert_cmpint (sp_need_area ("SLCN"), ==, SP_AREA_COMMUNICATION);
  g_assert_cmpint (sp_need_area ("ASD"), ==, SP_AREA_COMMUNICATION);
  g_assert_cmpint (sp_need_area ("SPLD"), ==, SP_AREA_COGNITION);
  g_assert_cmpint (sp_need_area ("PMLD"), ==, SP_AREA_COGNITION);
  g_assert_cmpint (sp_need_area ("semh"), ==, SP_AREA_SEMH);
  g_assert_cmpint (sp_need_area ("MSI"), ==, SP_AREA_SENSORY);
  g_assert_cmpint (sp_need_area ("NSA"), ==, SP_AREA_NONE);
  g_assert_null (sp_need_type_lookup ("XYZ"));
  g_assert_cmpstr (sp_area_key (SP_AREA_SEMH), ==, "semh");
  g_assert_cmpint (sp_area_from_key ("sensory"), ==, SP_AREA_SENSORY);
  g_assert_true (sp_sen_status_valid ("K"));
  g_assert_false (sp_sen_status_valid ("S"));
}

static void
test_dates (void)
{
  g_autoptr(GDate) leap = sp_date_parse_iso ("2024-02-29");
  g_autoptr(GDate) aug = sp_date_parse_iso ("2026-08-31");
  g_autoptr(GDate) sep = sp_date_parse_iso ("2026-09-01");
  g_autofree gchar *round_trip = NULL;

  g_assert_nonnull (leap);
  round_trip = sp_date_to_iso (leap);
  g_assert_cmpstr (round_trip, ==, "2024-02-29");
  g_assert_null (sp_date_parse_iso ("2025-02-29"));
  g_assert_null (sp_date_parse_iso ("2025-13-01"));
  g_assert_null (sp_date_parse_iso ("14/03/2025"));
  g_assert_null (sp_date_parse_iso ("2025-3-14"));
  g_assert_null (sp_date_parse_iso (NULL));

  g_assert_cmpuint (sp_academic_year_for_date (aug), ==, 2025);
  g_assert_cmpuint (sp_academic_year_for_date (sep), ==, 2026);

  {
    g_autoptr(GDate) dob = sp_date_parse_iso ("2019-05-01");
    g_autoptr(GDate) baby = sp_date_parse_iso ("2026-01-01");
    g_autoptr(GDate) old = sp_date_parse_iso ("1950-01-01");
    GError *error = NULL;

    g_assert_true (sp_date_of_birth_plausible (dob, sep, NULL));
    g_assert_false (sp_date_of_birth_plausible (baby, sep, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (sp_date_of_birth_plausible (old, sep, NULL));
  }
}

static void
test_cost (void)
{
  SpProvisionSpec spec = { "Reading group", "ta", NULL, 4, 3, 30, 10, NULL };
  GError *error = NULL;

  /* £19.00 an hour, 30 minutes, 3 a week, 10 weeks, 4 pupils: 1900 × 30/60 × 3 × 10 / 4
   * = 7125 pence exactly. */
  g_assert_cmpint (sp_provision_cost_pence (1900, 30, 3, 10, 4), ==, 7125);
  /* 1900 × 20/60 × 1 × 1 / 3 = 211.11 → 211 */
  g_assert_cmpint (sp_provision_cost_pence (1900, 20, 1, 1, 3), ==, 211);
  /* 1000 × 1/60 × 1 × 1 / 1 = 16.67 → 17 (half up) */
  g_assert_cmpint (sp_provision_cost_pence (1000, 1, 1, 1, 1), ==, 17);
  /* 30 × 1/60 = 0.5 → 1: exactly half rounds up */
  g_assert_cmpint (sp_provision_cost_pence (30, 1, 1, 1, 1), ==, 1);
  g_assert_cmpint (sp_provision_cost_pence (1900, 30, 3, 10, 0), ==, 0);

  g_assert_true (sp_provision_spec_check (&spec, &error));
  spec.minutes = 6000;
  g_assert_false (sp_provision_spec_check (&spec, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  spec.minutes = 30;
  spec.group_size = 0;
  g_assert_false (sp_provision_spec_check (&spec, NULL));

  {
    g_autofree gchar *a = sp_format_pence (123456);
    g_autofree gchar *b = sp_format_pence (5);
    g_autofree gchar *c = sp_format_pence (600000);
    g_assert_cmpstr (a, ==, "£1,234.56");
    g_assert_cmpstr (b, ==, "£0.05");
    g_assert_cmpstr (c, ==, "£6,000.00");
  }
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_pupil_object (void)
{
  g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL,
                                           "forename", "Zoë", "surname", "Kowalski",
                                           "upn", "B801200005001", "class-name", "3 Herons",
                                           "year-group", "3", "primary-need", "SPLD",
                                           NULL);
  g_autofree gchar *name = sp_pupil_dup_display_name (pupil);
  g_autofree gchar *summary = sp_pupil_dup_summary (pupil);
  guint notified = 0;

  g_assert_cmpstr (name, ==, "Zoë Kowalski");
  g_assert_nonnull (strstr (summary, "Year 3"));
  g_assert_nonnull (strstr (summary, "Specific learning difficulty"));

  g_assert_true (sp_pupil_matches (pupil, ""));
  g_assert_true (sp_pupil_matches (pupil, "zoë"));
  g_assert_true (sp_pupil_matches (pupil, "KOWAL 3 her"));
  g_assert_true (sp_pupil_matches (pupil, "b8012"));
  g_assert_true (sp_pupil_matches (pupil, "learning"));
  g_assert_false (sp_pupil_matches (pupil, "autism"));
  g_assert_false (sp_pupil_matches (pupil, "zoe kowalski smith"));

  /* Notify only on a real change, and the derived name follows its parts. */
  g_signal_connect (pupil, "notify::display-name", G_CALLBACK (notify_count), &notified);
  g_object_set (pupil, "forename", "Zoë", NULL);
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (pupil, "forename", "Zofia", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (sp_pupil_matches (pupil, "zofia"));
  g_assert_false (sp_pupil_matches (pupil, "zoë"));
  /* The names and summary the list keeps follow a change too. */
  g_assert_cmpstr (sp_pupil_peek_display_name (pupil), ==, "Zofia Kowalski");
  g_object_set (pupil, "year-group", "R", NULL);
  g_assert_nonnull (strstr (sp_pupil_peek_summary (pupil), "Reception"));

  /* A search split once: case folded, blank words dropped, the same answers. */
  {
    g_auto(GStrv) words = sp_pupil_query_words ("  ZOFIA\tkowal  ");
    g_auto(GStrv) none = sp_pupil_query_words (" \t ");

    g_assert_cmpuint (g_strv_length (words), ==, 2);
    g_assert_cmpstr (words[0], ==, "zofia");
    g_assert_cmpstr (words[1], ==, "kowal");
    g_assert_true (sp_pupil_matches_words (pupil, (const gchar * const *) words));
    g_assert_cmpuint (g_strv_length (none), ==, 0);
    g_assert_true (sp_pupil_matches_words (pupil, (const gchar * const *) none));
    g_strfreev (words);
    words = sp_pupil_query_words ("zofia smith");
    g_assert_false (sp_pupil_matches_words (pupil, (const gchar * const *) words));
  }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

static SpPupil *
listed (gint64       id,
        const gchar *forename,
        const gchar *surname,
        const gchar *need)
{
  return sp_pupil_new_for_list (id, "", forename, surname, "3", "Owls", "K", need, "");
}

static guint
match_ids (SpMatchList *list,
           gint64      *ids)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (G_LIST_MODEL (list), i);
      ids[i] = sp_pupil_get_id (p);
      g_assert_true (sp_match_list_peek (list, i) == p);
    }
  return n;
}

/* What a search finds, in the list's order, as the query narrows, widens and changes, and
 * through the list being read again; and when it says it changed. */
static void
test_match_list (void)
{
  g_autoptr(GListStore) school = g_list_store_new (SP_TYPE_PUPIL);
  g_autoptr(SpMatchList) list = sp_match_list_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 ids[8];
  SpPupil *pupils[] = { listed (1, "Amara", "Okafor", "SLCN"), listed (2, "Ben", "Okoro", "ASD"),
                        listed (3, "Cara", "Smith", "ASD"), listed (4, "Dan", "Okafor", "SEMH") };

  for (guint i = 0; i < G_N_ELEMENTS (pupils); i++)
    {
      g_list_store_append (school, pupils[i]);
      g_object_unref (pupils[i]);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SP_TYPE_PUPIL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  sp_match_list_set_pupils (list, G_LIST_MODEL (school));
  g_assert_cmpuint (sp_match_list_get_n_all (list), ==, 4);
  g_assert_cmpuint (match_ids (list, ids), ==, 4);
  g_assert_cmpint (ids[0], ==, 1);
  g_assert_cmpint (ids[3], ==, 4);

  /* Narrowing letter by letter, then a second word. */
  sp_match_list_set_query (list, "ok");
  g_assert_cmpuint (match_ids (list, ids), ==, 3);
  sp_match_list_set_query (list, "oka");
  g_assert_cmpuint (match_ids (list, ids), ==, 2);
  g_assert_cmpint (ids[0], ==, 1);
  g_assert_cmpint (ids[1], ==, 4);
  sp_match_list_set_query (list, "oka");          /* the same query: nothing changes */
  sp_match_list_set_query (list, "oka semh");
  g_assert_cmpuint (match_ids (list, ids), ==, 1);
  g_assert_cmpint (ids[0], ==, 4);
  /* Widening (a letter deleted) finds again those the longer query had hidden. */
  sp_match_list_set_query (list, "ok");
  g_assert_cmpuint (match_ids (list, ids), ==, 3);
  /* A different query, in capitals; and nobody. */
  sp_match_list_set_query (list, "ASD");
  g_assert_cmpuint (match_ids (list, ids), ==, 2);
  g_assert_cmpint (ids[0], ==, 2);
  g_assert_cmpint (ids[1], ==, 3);
  sp_match_list_set_query (list, "nobody");
  g_assert_cmpuint (match_ids (list, ids), ==, 0);
  g_assert_null (sp_match_list_peek (list, 0));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  /* The list read again keeps the query. */
  sp_match_list_set_query (list, "okafor");
  g_list_store_remove (school, 0);
  sp_match_list_set_pupils (list, G_LIST_MODEL (school));
  g_assert_cmpstr (sp_match_list_get_query (list), ==, "okafor");
  g_assert_cmpuint (match_ids (list, ids), ==, 1);
  g_assert_cmpint (ids[0], ==, 4);

  /* Signals: every change of what is found, none for a query that finds the same pupils,
   * always one for the list read again. */
  {
    const guint expected[] = { 0, 0, 4,   0, 4, 3,   0, 3, 2,   0, 2, 1,   0, 1, 3,
                               0, 3, 2,   0, 2, 0,   0, 0, 2,   0, 2, 1 };
    g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpuint (g_array_index (changes, guint, i), ==, expected[i]);
  }
  sp_match_list_set_query (list, "okafo");        /* wider, yet the same one pupil */
  g_assert_cmpuint (changes->len, ==, 27);
}

/* The numbered places behind the pupil list: only the end changes, and place N stays the
 * same object however often the count goes down and up again. */
static void
test_slot_model (void)
{
  g_autoptr(SpSlotModel) slots = sp_slot_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GObject) fifth = NULL;
  g_autoptr(GObject) again = NULL;

  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 0));

  sp_slot_model_set_n_items (slots, 2000);
  fifth = g_list_model_get_item (G_LIST_MODEL (slots), 4);
  g_assert_nonnull (fifth);
  sp_slot_model_set_n_items (slots, 3);
  sp_slot_model_set_n_items (slots, 3);       /* no change, no signal */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 3));
  sp_slot_model_set_n_items (slots, 10);
  again = g_list_model_get_item (G_LIST_MODEL (slots), 4);
  g_assert_true (again == fifth);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 10);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == G_TYPE_OBJECT);

  g_assert_cmpuint (changes->len, ==, 9);
  {
    const guint expected[9] = { 0, 0, 2000,  3, 1997, 0,  3, 0, 7 };
    for (guint i = 0; i < 9; i++)
      g_assert_cmpuint (g_array_index (changes, guint, i), ==, expected[i]);
  }
}

static void
test_plan_object (void)
{
  g_autoptr(SpPlan) plan = g_object_new (SP_TYPE_PLAN,
                                         "start-date", "2026-01-05",
                                         "review-date", "2026-03-30",
                                         "target-count", 3,
                                         NULL);
  g_autofree gchar *title = sp_plan_dup_title (plan);

  g_assert_nonnull (strstr (title, "2026"));
  g_assert_nonnull (strstr (title, "January"));
  g_assert_nonnull (strstr (title, "March"));
  g_assert_cmpuint (sp_plan_get_target_count (plan), ==, 3);
  g_assert_cmpstr (sp_plan_get_text (plan, "status"), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/upn/valid", test_upn_valid);
  g_test_add_func ("/core/upn/temporary", test_upn_temporary);
  g_test_add_func ("/core/upn/invalid", test_upn_invalid);
  g_test_add_func ("/core/upn/make-and-normalise", test_upn_make_and_normalise);
  g_test_add_func ("/core/needs", test_needs);
  g_test_add_func ("/core/dates", test_dates);
  g_test_add_func ("/core/cost", test_cost);
  g_test_add_func ("/core/pupil-object", test_pupil_object);
  g_test_add_func ("/core/plan-object", test_plan_object);
  g_test_add_func ("/core/slot-model", test_slot_model);
  g_test_add_func ("/core/match-list", test_match_list);

  return g_test_run ();
}
