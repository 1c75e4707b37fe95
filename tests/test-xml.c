/* XML in and out: the CTF reader, the agency exchange format (round trip into an empty
 * database, field by field), the import preview, and every hostile file refused with a plain
 * message and nothing written. Real files in a temporary folder, a real SQLite database. */
#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-agency-xml.h"
#include "sp-ctf.h"
#include "sp-demo.h"
#include "sp-store-import.h"
#include "sp-xml-safe.h"

static gchar *tmpdir;

static gchar *
data_path (const gchar *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static gchar *
tmp_path (const gchar *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static SpStore *
new_store (const gchar *name)
{
  g_autofree gchar *path = tmp_path (name);
  g_autoptr(GError) error = NULL;
  SpStore *store;

  g_unlink (path);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return store;
}

static SpStore *
demo_store (const gchar *name,
            guint        pupils)
{
  SpStore *store = new_store (name);
  g_autoptr(GDate) today = g_date_new_dmy (23, G_DATE_NOVEMBER, 2026);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_demo_fill (store, pupils, today, &error));
  g_assert_no_error (error);
  return store;
}

static guint
count_pupils (SpStore *store)
{
  SpStoreCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_count (store, &counts, &error));
  g_assert_no_error (error);
  return counts.pupils;
}

static SpImportItem *
find_item (SpImportPreview *preview,
           const gchar     *upn)
{
  for (guint i = 0; i < preview->items->len; i++)
    {
      SpImportItem *item = g_ptr_array_index (preview->items, i);
      if (g_strcmp0 (item->upn, upn) == 0)
        return item;
    }
  g_assert_not_reached ();
  return NULL;
}

static SpPupilRecord *
load_by_upn (SpStore     *store,
             const gchar *upn)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_find_pupil_by_upn (store, upn, &error);
  SpPupilRecord *r;

  g_assert_no_error (error);
  r = sp_store_load_record (store, id, &error);
  g_assert_no_error (error);
  return r;
}

/* Reads @name from tests/data, previews it against @store and returns the preview. */
static SpImportPreview *
preview_fixture (SpStore     *store,
                 const gchar *name)
{
  g_autofree gchar *path = data_path (name);
  g_autoptr(GError) error = NULL;
  SpImportPreview *preview = sp_xml_import_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_true (sp_store_import_prepare (store, preview, &error));
  g_assert_no_error (error);
  return preview;
}

static void
apply (SpStore         *store,
       SpImportPreview *preview,
       guint            expect_written)
{
  g_autoptr(GError) error = NULL;
  guint written = 0;

  g_assert_true (sp_store_import_apply (store, preview, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, expect_written);
}

/* ---- CTF ------------------------------------------------------------------------------- */

static void
test_ctf_23 (void)
{
  g_autoptr(SpStore) store = new_store ("ctf23.db");
  g_autoptr(SpImportPreview) preview = preview_fixture (store, "ctf-23.xml");
  g_autoptr(SpPupilRecord) oliver = NULL;
  g_autoptr(SpPupilRecord) aisha = NULL;
  g_autoptr(SpPupilRecord) tomasz = NULL;
  SpImportItem *bad;

  g_assert_cmpstr (preview->source, ==, "Common Transfer File from Oak Hill Primary School");
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_changed, ==, 0);
  g_assert_cmpuint (preview->n_rejected, ==, 1);
  bad = find_item (preview, "A12345678901B");
  g_assert_cmpint (bad->kind, ==, SP_IMPORT_REJECTED);
  g_assert_cmpstr (bad->name, ==, "Jo Bloggs");
  g_assert_nonnull (strstr (bad->reason, "UPN A12345678901B has a wrong check letter"));

  /* Nothing is written by a preview. */
  g_assert_cmpuint (count_pupils (store), ==, 0);
  apply (store, preview, 3);
  g_assert_cmpuint (count_pupils (store), ==, 3);

  oliver = load_by_upn (store, "E801200019001");
  g_assert_cmpstr (oliver->forename, ==, "Oliver");
  g_assert_cmpstr (oliver->surname, ==, "Bennett");
  g_assert_cmpstr (oliver->date_of_birth, ==, "2017-02-11");
  g_assert_cmpstr (oliver->sex, ==, "M");
  g_assert_cmpstr (oliver->year_group, ==, "4");
  g_assert_cmpstr (oliver->sen_status, ==, "K");
  /* Ranked: SPLD (rank 1) before SLCN (rank 2), whatever the file's order. */
  g_assert_cmpuint (g_strv_length (oliver->needs), ==, 2);
  g_assert_cmpstr (oliver->needs[0], ==, "SPLD");
  g_assert_cmpstr (oliver->needs[1], ==, "SLCN");

  /* The latest SEN entry is the status now: K in 2023, E in 2025. */
  aisha = load_by_upn (store, "U801200019002");
  g_assert_cmpstr (aisha->sen_status, ==, "E");
  g_assert_cmpstr (aisha->needs[0], ==, "ASD");
  g_assert_cmpstr (aisha->sex, ==, "F");

  tomasz = load_by_upn (store, "H801200019003");
  g_assert_cmpstr (tomasz->sen_status, ==, "N");
  g_assert_cmpuint (g_strv_length (tomasz->needs), ==, 0);
}

static void
test_ctf_legacy (void)
{
  g_autoptr(SpStore) store = new_store ("legacy.db");
  g_autoptr(SpImportPreview) preview = preview_fixture (store, "ctf-legacy.xml");
  g_autoptr(SpPupilRecord) daniel = NULL;
  g_autoptr(SpPupilRecord) grace = NULL;
  g_autoptr(SpPupilRecord) ravi = NULL;

  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_rejected, ==, 0);
  apply (store, preview, 3);

  daniel = load_by_upn (store, "X801200019004");
  g_assert_cmpstr (daniel->sex, ==, "M");          /* from <Gender> */
  g_assert_cmpstr (daniel->sen_status, ==, "K");   /* S, School Action */
  g_assert_cmpstr (daniel->year_group, ==, "2");

  grace = load_by_upn (store, "L801200019005");
  g_assert_cmpstr (grace->sex, ==, "F");
  g_assert_cmpstr (grace->sen_status, ==, "K");    /* A, School Action Plus, the later entry */
  g_assert_cmpstr (grace->year_group, ==, "2");    /* written "02" */
  g_assert_cmpstr (grace->needs[0], ==, "MLD");

  ravi = load_by_upn (store, "A801200019006");
  g_assert_cmpstr (ravi->sen_status, ==, "E");     /* P, a statement */
  g_assert_cmpstr (ravi->needs[0], ==, "HI");

  g_assert_cmpstr (sp_ctf_map_status ("S"), ==, "K");
  g_assert_cmpstr (sp_ctf_map_status ("A"), ==, "K");
  g_assert_cmpstr (sp_ctf_map_status ("P"), ==, "E");
  g_assert_null (sp_ctf_map_status ("Q"));
}

static void
test_ctf_encodings (void)
{
  g_autoptr(SpStore) store = new_store ("enc.db");
  g_autoptr(SpImportPreview) bom = preview_fixture (store, "ctf-bom-crlf.xml");
  g_autoptr(SpImportPreview) latin = preview_fixture (store, "ctf-latin1.xml");
  g_autoptr(SpPupilRecord) sian = NULL;
  g_autoptr(SpPupilRecord) zoe = NULL;
  g_autofree gchar *raw = NULL;
  gsize length;
  g_autofree gchar *path = data_path ("ctf-latin1.xml");

  /* The fixture really is Latin-1: "Zoë" is the single byte 0xEB. */
  g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
  g_assert_nonnull (memmem (raw, length, "Zo\xeb<", 4));

  apply (store, bom, 1);
  apply (store, latin, 1);
  sian = load_by_upn (store, "P801200019007");
  g_assert_cmpstr (sian->forename, ==, "Siân");
  g_assert_cmpstr (sian->surname, ==, "Ó Briain");
  g_assert_cmpstr (sian->needs[0], ==, "SEMH");
  zoe = load_by_upn (store, "D801200019008");
  g_assert_cmpstr (zoe->forename, ==, "Zoë");
  g_assert_cmpstr (zoe->surname, ==, "Brontë");
  g_assert_cmpstr (latin->source, ==, "Common Transfer File from Rosé Hill School");
}

static gchar *
ctf_for (const gchar *upn,
         const gchar *surname,
         const gchar *forename,
         const gchar *year)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n<CTfile><Header><Version>23.0</Version>"
                          "</Header><CTFpupilData><Pupil><UPN>%s</UPN><Surname>%s</Surname>"
                          "<Forename>%s</Forename><Sex>F</Sex><BasicDetails>"
                          "<NCyearActual>%s</NCyearActual></BasicDetails>"
                          "<SENhistory><SEN><StartDate>2026-01-05</StartDate>"
                          "<SENprovision>K</SENprovision></SEN></SENhistory>"
                          "</Pupil></CTFpupilData></CTfile>\n",
                          upn, surname, forename, year);
}

/* A pupil already in the app: the CTF's details change field by field; plans, profile and
 * notes stay exactly as they were. */
static void
test_ctf_changes_keep_plans (void)
{
  g_autoptr(SpStore) store = demo_store ("changes.db", 3);
  g_autoptr(GArray) ids = sp_store_list_pupil_ids (store, NULL);
  g_autoptr(SpPupilRecord) before = sp_store_load_record (store, g_array_index (ids, gint64, 0),
                                                          NULL);
  g_autoptr(SpPupilRecord) after = NULL;
  g_autoptr(SpImportPreview) preview = NULL;
  g_autoptr(SpImportPreview) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *ctf = NULL;
  const gchar *new_year;
  SpImportItem *item;
  gboolean saw_surname = FALSE;

  g_assert_nonnull (before);
  g_assert_cmpuint (before->plans->len, >, 0);
  new_year = g_strcmp0 (before->year_group, "5") == 0 ? "6" : "5";
  ctf = ctf_for (before->upn, "Hyphen-Newname", before->forename, new_year);

  preview = sp_ctf_read (ctf, strlen (ctf), &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_import_prepare (store, preview, &error));
  g_assert_cmpuint (preview->n_changed, ==, 1);
  g_assert_cmpuint (preview->n_new, ==, 0);
  item = find_item (preview, before->upn);
  g_assert_cmpint (item->kind, ==, SP_IMPORT_CHANGED);
  for (guint i = 0; i < item->changes->len; i++)
    {
      SpImportChange *c = g_ptr_array_index (item->changes, i);
      if (g_strcmp0 (c->field, "Surname") == 0)
        {
          g_assert_cmpstr (c->before, ==, before->surname);
          g_assert_cmpstr (c->after, ==, "Hyphen-Newname");
          saw_surname = TRUE;
        }
    }
  g_assert_true (saw_surname);
  apply (store, preview, 1);

  after = load_by_upn (store, before->upn);
  g_assert_cmpstr (after->surname, ==, "Hyphen-Newname");
  g_assert_cmpstr (after->year_group, ==, new_year);
  g_assert_cmpstr (after->strengths, ==, before->strengths);
  g_assert_cmpstr (after->class_name, ==, before->class_name);
  g_assert_cmpstr (after->date_of_birth, ==, before->date_of_birth);  /* not in the file */
  g_assert_cmpuint (after->plans->len, ==, before->plans->len);
  g_assert_cmpuint (after->contacts->len, ==, before->contacts->len);
  for (guint i = 0; i < before->plans->len; i++)
    {
      SpPlanRecord *a = g_ptr_array_index (before->plans, i);
      SpPlanRecord *b = g_ptr_array_index (after->plans, i);
      g_assert_cmpstr (a->parent_contribution, ==, b->parent_contribution);
      g_assert_cmpuint (a->targets->len, ==, b->targets->len);
      g_assert_cmpuint (a->annotations->len, ==, b->annotations->len);
    }

  /* The same file again: nothing left to change. */
  again = sp_ctf_read (ctf, strlen (ctf), &error);
  g_assert_true (sp_store_import_prepare (store, again, &error));
  g_assert_cmpuint (again->n_unchanged, ==, 1);
  g_assert_cmpuint (again->n_changed, ==, 0);
}

/* The same UPN twice in one file: the second is rejected, with the reason. */
static void
test_ctf_duplicate_upn (void)
{
  g_autoptr(SpStore) store = new_store ("dup.db");
  g_autofree gchar *one = ctf_for ("E801200019001", "Bennett", "Oliver", "4");
  g_autoptr(GString) two = g_string_new (one);
  g_autoptr(SpImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  const gchar *pupil = strstr (one, "<Pupil>");
  const gchar *end = strstr (one, "</Pupil>") + strlen ("</Pupil>");
  gsize at = (gsize) (strstr (two->str, "</CTFpupilData>") - two->str);

  g_string_insert_len (two, (gssize) at, pupil, end - pupil);
  preview = sp_ctf_read (two->str, two->len, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_import_prepare (store, preview, &error));
  g_assert_cmpuint (preview->n_new, ==, 1);
  g_assert_cmpuint (preview->n_rejected, ==, 1);
  g_assert_nonnull (strstr (((SpImportItem *) g_ptr_array_index (preview->items, 1))->reason,
                            "more than once"));
}

/* ---- the agency format: round trip ----------------------------------------------------- */

/* Where in @r the plan @id is (its index), or -1. */
static gint
plan_index_of (const SpPupilRecord *r,
               gint64               id)
{
  for (guint i = 0; id != 0 && i < r->plans->len; i++)
    if (((SpPlanRecord *) g_ptr_array_index (r->plans, i))->id == id)
      return (gint) i;
  return -1;
}

/* Where in @r the target @id is (plan index × 10 + position), or -1. */
static gint
target_place_of (const SpPupilRecord *r,
                 gint64               id)
{
  for (guint i = 0; id != 0 && i < r->plans->len; i++)
    {
      SpPlanRecord *p = g_ptr_array_index (r->plans, i);
      for (guint j = 0; j < p->targets->len; j++)
        {
          SpTargetRecord *t = g_ptr_array_index (p->targets, j);
          if (t->id == id)
            return (gint) (i * 10 + t->position);
        }
    }
  return -1;
}

static guint n_links;

static void
assert_same_record (const SpPupilRecord *a,
                    const SpPupilRecord *b)
{
#define SAME_STR(f) g_assert_cmpstr (a->f, ==, b->f)
#define SAME_INT(f) g_assert_cmpint (a->f, ==, b->f)
  SAME_STR (upn); SAME_STR (forename); SAME_STR (surname); SAME_STR (date_of_birth);
  SAME_STR (sex); SAME_STR (year_group); SAME_STR (class_name); SAME_STR (sen_status);
  SAME_INT (looked_after); SAME_INT (medical_condition); SAME_INT (health_care_plan);
  SAME_STR (strengths); SAME_STR (likes); SAME_STR (dislikes); SAME_STR (anxieties);
  SAME_STR (what_helps);
  g_assert_true (g_strv_equal ((const gchar * const *) a->needs,
                               (const gchar * const *) b->needs));

  g_assert_cmpuint (a->contacts->len, ==, b->contacts->len);
  for (guint i = 0; i < a->contacts->len; i++)
    {
      SpContactRecord *x = g_ptr_array_index (a->contacts, i);
      SpContactRecord *y = g_ptr_array_index (b->contacts, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->relationship, ==, y->relationship);
      g_assert_cmpstr (x->phone, ==, y->phone);
      g_assert_cmpstr (x->email, ==, y->email);
      g_assert_cmpstr (x->address, ==, y->address);
      g_assert_cmpstr (x->preferred_method, ==, y->preferred_method);
      g_assert_cmpint (x->parental_responsibility, ==, y->parental_responsibility);
    }

  g_assert_cmpuint (a->plans->len, ==, b->plans->len);
  for (guint i = 0; i < a->plans->len; i++)
    {
      SpPlanRecord *p = g_ptr_array_index (a->plans, i);
      SpPlanRecord *q = g_ptr_array_index (b->plans, i);

      g_assert_cmpstr (p->start_date, ==, q->start_date);
      g_assert_cmpstr (p->review_date, ==, q->review_date);
      g_assert_cmpstr (p->status, ==, q->status);
      g_assert_cmpstr (p->areas, ==, q->areas);
      g_assert_cmpstr (p->written_by, ==, q->written_by);
      g_assert_cmpstr (p->parent_contribution, ==, q->parent_contribution);
      g_assert_cmpstr (p->pupil_likes, ==, q->pupil_likes);
      g_assert_cmpstr (p->pupil_finds_hard, ==, q->pupil_finds_hard);
      g_assert_cmpstr (p->pupil_helps, ==, q->pupil_helps);
      g_assert_cmpstr (p->pupil_worries, ==, q->pupil_worries);
      g_assert_cmpstr (p->views_date, ==, q->views_date);
      g_assert_cmpstr (p->views_how, ==, q->views_how);
      g_assert_cmpint (plan_index_of (a, p->previous_plan_id), ==,
                       plan_index_of (b, q->previous_plan_id));
      n_links += p->previous_plan_id != 0;

      g_assert_cmpuint (p->targets->len, ==, q->targets->len);
      for (guint j = 0; j < p->targets->len; j++)
        {
          SpTargetRecord *s = g_ptr_array_index (p->targets, j);
          SpTargetRecord *t = g_ptr_array_index (q->targets, j);
          g_assert_cmpuint (s->position, ==, t->position);
          g_assert_cmpstr (s->area, ==, t->area);
          g_assert_cmpstr (s->description, ==, t->description);
          g_assert_cmpstr (s->baseline, ==, t->baseline);
          g_assert_cmpstr (s->success_criteria, ==, t->success_criteria);
          g_assert_cmpint (target_place_of (a, s->carried_from), ==,
                           target_place_of (b, t->carried_from));
          n_links += s->carried_from != 0;
          g_assert_cmpuint (s->strategies->len, ==, t->strategies->len);
          for (guint k = 0; k < s->strategies->len; k++)
            g_assert_cmpstr (((SpStrategyRecord *) g_ptr_array_index (s->strategies, k))->description,
                             ==,
                             ((SpStrategyRecord *) g_ptr_array_index (t->strategies, k))->description);
        }

      g_assert_cmpuint (p->provision->len, ==, q->provision->len);
      for (guint j = 0; j < p->provision->len; j++)
        {
          SpProvisionRecord *s = g_ptr_array_index (p->provision, j);
          SpProvisionRecord *t = g_ptr_array_index (q->provision, j);
          g_assert_cmpuint (s->position, ==, t->position);
          g_assert_cmpstr (s->description, ==, t->description);
          g_assert_cmpstr (s->area, ==, t->area);
          g_assert_cmpstr (s->role, ==, t->role);
          g_assert_cmpstr (s->role_label, ==, t->role_label);
          g_assert_cmpstr (s->staff_name, ==, t->staff_name);
          g_assert_cmpuint (s->group_size, ==, t->group_size);
          g_assert_cmpuint (s->sessions_per_week, ==, t->sessions_per_week);
          g_assert_cmpuint (s->minutes, ==, t->minutes);
          g_assert_cmpuint (s->weeks, ==, t->weeks);
          g_assert_cmpstr (s->start_date, ==, t->start_date);
          g_assert_cmpstr (s->end_date, ==, t->end_date);
          g_assert_cmpint (s->cost_pence, ==, t->cost_pence);
        }

      g_assert_cmpuint (p->reviews->len, ==, q->reviews->len);
      for (guint j = 0; j < p->reviews->len; j++)
        {
          SpReviewRecord *s = g_ptr_array_index (p->reviews, j);
          SpReviewRecord *t = g_ptr_array_index (q->reviews, j);
          g_assert_cmpstr (s->review_date, ==, t->review_date);
          g_assert_cmpstr (s->attendees, ==, t->attendees);
          g_assert_cmpstr (s->parent_views, ==, t->parent_views);
          g_assert_cmpstr (s->pupil_views, ==, t->pupil_views);
          g_assert_cmpstr (s->next_steps, ==, t->next_steps);
          g_assert_cmpstr (s->decision, ==, t->decision);
          g_assert_cmpstr (s->completed_at, ==, t->completed_at);
          g_assert_cmpstr (s->reopened_at, ==, t->reopened_at);
          g_assert_cmpstr (s->reopen_reason, ==, t->reopen_reason);
          g_assert_cmpuint (s->outcomes->len, ==, t->outcomes->len);
          for (guint k = 0; k < s->outcomes->len; k++)
            {
              SpOutcomeRecord *x = g_ptr_array_index (s->outcomes, k);
              SpOutcomeRecord *y = g_ptr_array_index (t->outcomes, k);
              g_assert_cmpuint (x->target_position, ==, y->target_position);
              g_assert_cmpstr (x->outcome, ==, y->outcome);
              g_assert_cmpstr (x->evidence, ==, y->evidence);
              g_assert_cmpint (x->has_before, ==, y->has_before);
              g_assert_cmpint (x->has_after, ==, y->has_after);
              if (x->has_before)
                g_assert_cmpfloat (x->measure_before, ==, y->measure_before);
              if (x->has_after)
                g_assert_cmpfloat (x->measure_after, ==, y->measure_after);
              g_assert_cmpstr (x->measure_unit, ==, y->measure_unit);
            }
        }

      g_assert_cmpuint (p->annotations->len, ==, q->annotations->len);
      for (guint j = 0; j < p->annotations->len; j++)
        {
          SpAnnotationRecord *s = g_ptr_array_index (p->annotations, j);
          SpAnnotationRecord *t = g_ptr_array_index (q->annotations, j);
          g_assert_cmpuint (s->target_position, ==, t->target_position);
          g_assert_cmpstr (s->note_date, ==, t->note_date);
          g_assert_cmpstr (s->author, ==, t->author);
          g_assert_cmpstr (s->text, ==, t->text);
        }
    }

  g_assert_cmpuint (a->meetings->len, ==, b->meetings->len);
  for (guint i = 0; i < a->meetings->len; i++)
    {
      SpMeetingRecord *x = g_ptr_array_index (a->meetings, i);
      SpMeetingRecord *y = g_ptr_array_index (b->meetings, i);
      g_assert_cmpstr (x->meeting_date, ==, y->meeting_date);
      g_assert_cmpstr (x->method, ==, y->method);
      g_assert_cmpstr (x->attendees, ==, y->attendees);
      g_assert_cmpstr (x->notes, ==, y->notes);
      g_assert_cmpint (x->review_id != 0, ==, y->review_id != 0);
    }
#undef SAME_STR
#undef SAME_INT
}

static GPtrArray *
load_all (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sp_store_list_pupil_ids (store, &error);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_pupil_record_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      SpPupilRecord *r = sp_store_load_record (store, g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
      g_ptr_array_add (records, r);
    }
  return records;
}

static void
test_agency_round_trip (void)
{
  g_autoptr(SpStore) source = demo_store ("source.db", 8);
  g_autoptr(SpStore) target = new_store ("target.db");
  g_autoptr(GPtrArray) before = load_all (source);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (source, NULL);
  g_autoptr(SpSchoolRecord) school_after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpImportPreview) preview = NULL;
  g_autoptr(SpImportPreview) again = NULL;
  g_autoptr(GError) error = NULL;
  SpPupilRecord *first = g_ptr_array_index (before, 0);
  SpStoreCounts counts_before, counts_after, counts_again;
  guint n_plans = 0, n_reviews = 0, n_outcomes = 0, n_notes = 0, n_meetings = 0;
  gboolean measure = FALSE;
  gboolean reopened = FALSE;
  gboolean carried = FALSE;

  /* Text that must survive exactly: markup characters, quotes, CR LF, tabs, non-Latin
   * scripts, an emoji, leading and trailing spaces. */
  g_free (first->strengths);
  first->strengths = g_strdup ("  <b>Bold</b> & \"quoted\" 'text'\r\nsecond line\ttab "
                               "اردو 中文 😀 ]]> ");
  g_free (first->what_helps);
  first->what_helps = g_strdup ("\n");
  /* A review reopened to be corrected (the demo has none). */
  for (guint i = 0; i < before->len; i++)
    {
      SpPupilRecord *r = g_ptr_array_index (before, i);
      for (guint j = 0; j < r->plans->len; j++)
        {
          SpPlanRecord *p = g_ptr_array_index (r->plans, j);
          if (p->reviews->len > 0 && !reopened)
            {
              SpReviewRecord *v = g_ptr_array_index (p->reviews, 0);
              g_free (v->reopened_at);
              v->reopened_at = g_strdup ("2026-11-20T09:30:00Z");
              g_free (v->reopen_reason);
              v->reopen_reason = g_strdup ("Mum’s views were missed out.");
              reopened = TRUE;
            }
        }
    }
  g_assert_true (reopened);
  /* A target carried forward from the plan before (the demo has none). */
  for (guint i = 0; i < before->len && !carried; i++)
    {
      SpPupilRecord *r = g_ptr_array_index (before, i);
      if (r->plans->len >= 2)
        {
          SpPlanRecord *p0 = g_ptr_array_index (r->plans, 0);
          SpPlanRecord *p1 = g_ptr_array_index (r->plans, 1);
          if (p0->targets->len > 0 && p1->targets->len > 0)
            {
              ((SpTargetRecord *) g_ptr_array_index (p1->targets, 0))->carried_from =
                ((SpTargetRecord *) g_ptr_array_index (p0->targets, 0))->id;
              carried = TRUE;
            }
        }
    }
  g_assert_true (carried);

  for (guint i = 0; i < before->len; i++)
    {
      SpPupilRecord *r = g_ptr_array_index (before, i);
      n_plans += r->plans->len;
      n_meetings += r->meetings->len;
      for (guint j = 0; j < r->plans->len; j++)
        {
          SpPlanRecord *p = g_ptr_array_index (r->plans, j);
          n_reviews += p->reviews->len;
          n_notes += p->annotations->len;
          for (guint k = 0; k < p->reviews->len; k++)
            {
              SpReviewRecord *v = g_ptr_array_index (p->reviews, k);
              n_outcomes += v->outcomes->len;
              for (guint m = 0; m < v->outcomes->len; m++)
                measure = measure
                          || ((SpOutcomeRecord *) g_ptr_array_index (v->outcomes, m))->has_before;
            }
        }
    }
  /* The demo must exercise every part, or the comparison proves little. */
  g_assert_cmpuint (n_plans, >, 0);
  g_assert_cmpuint (n_reviews, >, 0);
  g_assert_cmpuint (n_outcomes, >, 0);
  g_assert_cmpuint (n_notes, >, 0);
  g_assert_cmpuint (n_meetings, >, 0);

  bytes = sp_agency_xml_write (school, before, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  preview = sp_agency_xml_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_import_prepare (target, preview, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, before->len);
  g_assert_cmpuint (preview->n_rejected, ==, 0);
  apply (target, preview, before->len);

  after = load_all (target);
  g_assert_cmpuint (after->len, ==, before->len);
  n_links = 0;
  for (guint i = 0; i < before->len; i++)
    {
      SpPupilRecord *a = g_ptr_array_index (before, i);
      g_autoptr(SpPupilRecord) b = load_by_upn (target, a->upn);
      assert_same_record (a, b);
    }
  /* The demo links plans to the ones before them and carries targets forward. */
  g_assert_cmpuint (n_links, >, 0);
  school_after = sp_store_load_school (target, NULL);
  g_assert_cmpstr (school_after->name, ==, school->name);
  g_assert_cmpstr (school_after->senco_name, ==, school->senco_name);

  /* Importing the same file again adds nothing, and says why. */
  g_assert_true (sp_store_count (target, &counts_before, NULL));
  again = sp_agency_xml_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_true (sp_store_import_prepare (target, again, &error));
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_changed, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, before->len);
  g_assert_cmpuint (((SpImportItem *) g_ptr_array_index (again->items, 0))->notes->len, >, 0);
  g_assert_nonnull (strstr (g_ptr_array_index (((SpImportItem *) g_ptr_array_index (again->items,
                                                                                   0))->notes, 0),
                            "already recorded"));
  apply (target, again, 0);
  g_assert_true (sp_store_count (target, &counts_after, NULL));
  g_assert_cmpmem (&counts_before, sizeof counts_before, &counts_after, sizeof counts_after);

  /* A plan the database does not have yet is added to the pupil who exists. */
  {
    SpPupilRecord *r = g_ptr_array_index (before, 0);
    SpPlanRecord *p = g_ptr_array_index (r->plans, 0);
    g_autoptr(GBytes) more = NULL;
    g_autoptr(SpImportPreview) third = NULL;

    g_free (p->start_date);
    p->start_date = g_strdup ("2019-01-07");
    more = sp_agency_xml_write (NULL, before, &error);
    g_assert_no_error (error);
    third = sp_agency_xml_read (g_bytes_get_data (more, NULL), g_bytes_get_size (more), &error);
    g_assert_true (sp_store_import_prepare (target, third, &error));
    g_assert_cmpuint (third->n_changed, ==, 1);
    apply (target, third, 1);
    g_assert_true (sp_store_count (target, &counts_again, NULL));
    g_assert_cmpuint (counts_again.plans, ==, counts_after.plans + 1);
    g_assert_cmpuint (counts_again.pupils, ==, counts_after.pupils);
  }
}

/* An agency file is validated against the schema before anything is read from it. */
static void
test_agency_invalid (void)
{
  static const gchar bad[] =
    "<?xml version=\"1.0\"?>\n"
    "<supportPlans xmlns=\"https://supportplans.github.io/ns/agency/1\" version=\"1\">\n"
    "  <pupil><upn>E801200019001</upn><forename></forename></pupil>\n"
    "</supportPlans>\n";
  static const gchar other_ns[] =
    "<supportPlans xmlns=\"urn:someone-else\" version=\"1\"/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportPreview) preview = sp_agency_xml_read (bad, strlen (bad), &error);

  g_assert_null (preview);
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "<forename> on line 3"));
  g_clear_error (&error);

  preview = sp_agency_xml_read (other_ns, strlen (other_ns), &error);
  g_assert_null (preview);
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_WRONG_KIND);
}

/* ---- hostile files --------------------------------------------------------------------- */

typedef struct
{
  const gchar *name;
  gint         code;
  const gchar *says;        /* part of the message */
} Hostile;

static gchar *secret_path;
static const gchar secret[] = "TOP-SECRET-4f1c9a";

/* Writes @data to a file, imports it into an empty database, and checks the refusal. */
static void
assert_refused (const gchar *file_name,
                const gchar *data,
                gssize       length,
                gint         code,
                const gchar *says)
{
  g_autofree gchar *path = tmp_path (file_name);
  g_autofree gchar *db = g_strdup_printf ("%s.db", file_name);
  g_autoptr(SpStore) store = new_store (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportPreview) preview = NULL;

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  preview = sp_xml_import_read_file (path, &error);
  g_assert_null (preview);
  g_assert_nonnull (error);
  if (error->domain != SP_XML_ERROR || error->code != code)
    g_error ("%s: expected code %d, got %d: %s", file_name, code, error->code, error->message);
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("%s: message “%s” does not say “%s”", file_name, error->message, says);
  /* One plain sentence, nothing from inside the file that could be a secret. */
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strstr (error->message, secret));
  g_assert_null (strstr (error->message, "xmlParse"));
  g_assert_cmpuint (count_pupils (store), ==, 0);
  g_unlink (path);

  /* Nor anywhere in the database's files. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree gchar *file = g_strconcat (sp_store_get_path (store), i == 0 ? "" : "-wal", NULL);
      g_autofree gchar *bytes = NULL;
      gsize size = 0;

      if (g_file_get_contents (file, &bytes, &size, NULL))
        g_assert_null (memmem (bytes, size, secret, strlen (secret)));
    }
}

static const gchar pupil_xml[] =
  "<Pupil><UPN>E801200019001</UPN><Surname>Bennett</Surname><Forename>Oliver</Forename>"
  "<BasicDetails><NCyearActual>4</NCyearActual></BasicDetails></Pupil>";

static void
test_hostile_entities (void)
{
  g_autofree gchar *laughs = NULL;
  g_autoptr(GString) quadratic = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree gchar *xxe = NULL;
  g_autofree gchar *param = NULL;
  g_autofree gchar *external_dtd = NULL;
  g_autofree gchar *undeclared = NULL;

  laughs = g_strdup (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<CTfile><Header/><CTFpupilData><Pupil><UPN>E801200019001</UPN>"
    "<Surname>&lol9;</Surname><Forename>x</Forename></Pupil></CTFpupilData></CTfile>\n");
  assert_refused ("laughs.xml", laughs, -1, SP_XML_ERROR_DOCTYPE, "DOCTYPE");

  /* Quadratic blow-up: one 100 kB entity used 10,000 times (a gigabyte if expanded). */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (big, 'a');
  g_string_append_printf (quadratic, "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [<!ENTITY a \"%s\">]>\n"
                          "<CTfile><Header/><CTFpupilData><Pupil><Surname>", big->str);
  for (guint i = 0; i < 10000; i++)
    g_string_append (quadratic, "&a;");
  g_string_append (quadratic, "</Surname></Pupil></CTFpupilData></CTfile>\n");
  assert_refused ("quadratic.xml", quadratic->str, (gssize) quadratic->len,
                  SP_XML_ERROR_DOCTYPE, "DOCTYPE");

  /* An external entity naming a local file: its content must appear nowhere. */
  xxe = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE CTfile [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
                         "<CTfile><Header/><CTFpupilData><Pupil><UPN>E801200019001</UPN>"
                         "<Surname>&xxe;</Surname><Forename>Leak</Forename>"
                         "<BasicDetails><NCyearActual>4</NCyearActual></BasicDetails>"
                         "</Pupil></CTFpupilData></CTfile>\n", secret_path);
  assert_refused ("xxe.xml", xxe, -1, SP_XML_ERROR_DOCTYPE, "DOCTYPE");

  param = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE CTfile [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>\n"
                           "<CTfile><Header/><CTFpupilData>%s</CTFpupilData></CTfile>\n",
                           secret_path, pupil_xml);
  assert_refused ("param.xml", param, -1, SP_XML_ERROR_DOCTYPE, "DOCTYPE");

  external_dtd = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                  "<!DOCTYPE CTfile SYSTEM \"http://127.0.0.1:9/ctf.dtd\">\n"
                                  "<CTfile><Header/><CTFpupilData>%s</CTFpupilData></CTfile>\n",
                                  pupil_xml);
  assert_refused ("external-dtd.xml", external_dtd, -1, SP_XML_ERROR_DOCTYPE, "DOCTYPE");

  /* An entity reference with no DOCTYPE at all. */
  undeclared = g_strdup ("<?xml version=\"1.0\"?>\n<CTfile><Header/><CTFpupilData><Pupil>"
                         "<Surname>&xxe;</Surname></Pupil></CTFpupilData></CTfile>\n");
  assert_refused ("undeclared.xml", undeclared, -1, SP_XML_ERROR_DOCTYPE, "entities");
}

static void
test_hostile_malformed (void)
{
  g_autofree gchar *path = data_path ("ctf-23.xml");
  g_autofree gchar *good = NULL;
  g_autofree gchar *invalid_utf8 = NULL;
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?>\n<CTfile>");
  gsize length;

  g_assert_true (g_file_get_contents (path, &good, &length, NULL));

  invalid_utf8 = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                  "<CTfile><Header/><CTFpupilData><Pupil><UPN>E801200019001</UPN>"
                                  "<Surname>Ben\xc3\x28nett</Surname><Forename>O</Forename>"
                                  "</Pupil></CTFpupilData></CTfile>\n");
  assert_refused ("bad-utf8.xml", invalid_utf8, -1, SP_XML_ERROR_ENCODING, "encoding");

  assert_refused ("truncated.xml", good, (gssize) (length / 2), SP_XML_ERROR_TRUNCATED,
                  "ends too early");

  assert_refused ("html.xml", "<html><body>Hello</body></html>", -1, SP_XML_ERROR_WRONG_KIND,
                  "This file is not a Common Transfer File: it starts with <html>, not <CTfile>.");

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "</a>");
  g_string_append (deep, "</CTfile>\n");
  assert_refused ("deep.xml", deep->str, (gssize) deep->len, SP_XML_ERROR_TOO_DEEP, "256 levels");

  assert_refused ("empty.xml", "", 0, SP_XML_ERROR_EMPTY, "empty");
  assert_refused ("blank.xml", "  \r\n\t\n", -1, SP_XML_ERROR_EMPTY, "empty");
  assert_refused ("binary.xml", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20,
                  SP_XML_ERROR_BINARY, "binary");
  assert_refused ("gzip.xml", "\x1f\x8b\x08\0\0\0\0\0\0\x03", 10, SP_XML_ERROR_BINARY, "binary");
  assert_refused ("text.xml", "UPN,Surname,Forename\n", -1, SP_XML_ERROR_MALFORMED,
                  "does not start with a tag");
  assert_refused ("no-pupils.xml", "<CTfile><Header/></CTfile>", -1, SP_XML_ERROR_INVALID,
                  "no pupils");
  assert_refused ("utf16.xml", "\xff\xfe<\0C\0", 6, SP_XML_ERROR_ENCODING, "UTF-16");
}

/* A 200 MB file is refused by its size, before any of it is read. Sparse, so it costs no
 * disk; deleted at once. */
static void
test_hostile_huge (void)
{
  g_autofree gchar *path = tmp_path ("huge.xml");
  g_autoptr(SpStore) store = new_store ("huge.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportPreview) preview = NULL;
  static const gchar start[] = "<?xml version=\"1.0\"?>\n<CTfile><Header/><CTFpupilData>";
  gint fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, start, strlen (start)), ==, (gssize) strlen (start));
  g_assert_cmpint (ftruncate (fd, (off_t) 200 * 1024 * 1024), ==, 0);
  close (fd);

  preview = sp_xml_import_read_file (path, &error);
  g_unlink (path);
  g_assert_null (preview);
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "209.7"));
  g_assert_cmpuint (count_pupils (store), ==, 0);

  /* The same cap on a buffer handed in directly. */
  g_clear_error (&error);
  g_assert_null (sp_xml_parse ("<a/>", SP_XML_MAX_BYTES + 1, &error));
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_TOO_BIG);
}

static void
test_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *missing = tmp_path ("missing.xml");

  g_assert_null (sp_xml_import_read_file (tmpdir, &error));
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE);
  g_clear_error (&error);
  g_assert_null (sp_xml_import_read_file (missing, &error));
  g_assert_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

/* ---- the command line ------------------------------------------------------------------ */

typedef struct
{
  gchar *out;
  gchar *err;
  gint   status;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static void
run (Run *r,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const gchar *binary = g_getenv ("SUPPORT_PLANS_BINARY");
  const gchar *arg;
  va_list ap;
  gint wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (ap, r);
  while ((arg = va_arg (ap, const gchar *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "SUPPORT_PLANS_DATABASE");
  env = g_environ_setenv (env, "XDG_DATA_HOME", tmpdir, TRUE);

  run_clear (r);
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
test_cli (void)
{
  g_autofree gchar *src = tmp_path ("cli-src.db");
  g_autofree gchar *dst = tmp_path ("cli-dst.db");
  g_autofree gchar *xml = tmp_path ("cli-export.xml");
  g_autofree gchar *one = tmp_path ("cli-one.xml");
  g_autofree gchar *bomb = tmp_path ("cli-bomb.xml");
  g_autofree gchar *ctf = data_path ("ctf-23.xml");
  g_autoptr(SpStore) check = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(SpPupilRecord) first = NULL;
  Run r = { 0 };
  GStatBuf st;

  g_unlink (src);
  g_unlink (dst);
  run (&r, "--database", src, "demo", "--pupils", "4", NULL);
  g_assert_cmpint (r.status, ==, 0);

  run (&r, "--database", src, "export-xml", "--all", "--output", xml, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_stat (xml, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A dry run says what would happen and writes nothing. */
  run (&r, "--database", dst, "import", xml, "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "new: 4\n"));
  g_assert_nonnull (strstr (r.out, "rejected: 0\n"));
  g_assert_nonnull (strstr (r.out, "Dry run"));
  check = sp_store_open (dst, SP_STORE_OPEN_NO_CREATE, NULL);
  g_assert_cmpuint (count_pupils (check), ==, 0);
  g_clear_object (&check);

  run (&r, "--database", dst, "import", xml, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 4 pupils"));
  check = sp_store_open (dst, SP_STORE_OPEN_NO_CREATE, NULL);
  g_assert_cmpuint (count_pupils (check), ==, 4);

  /* One pupil by UPN. */
  ids = sp_store_list_pupil_ids (check, NULL);
  first = sp_store_load_record (check, g_array_index (ids, gint64, 0), NULL);
  run (&r, "--database", dst, "export-xml", "--pupil", first->upn, "-o", one, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Wrote 1 pupil"));
  g_clear_object (&check);

  /* The CTF: three new, one rejected with its reason. */
  run (&r, "--database", dst, "import", ctf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "new: 3\n"));
  g_assert_nonnull (strstr (r.out, "UPN A12345678901B has a wrong check letter"));

  /* A hostile file: refused, exit 1, nothing written. */
  g_assert_true (g_file_set_contents (bomb, "<!DOCTYPE CTfile [<!ENTITY a \"b\">]><CTfile/>", -1,
                                      NULL));
  run (&r, "--database", dst, "import", bomb, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "DOCTYPE"));
  check = sp_store_open (dst, SP_STORE_OPEN_NO_CREATE, NULL);
  g_assert_cmpuint (count_pupils (check), ==, 7);
  g_clear_object (&check);

  /* Asked wrongly. */
  run (&r, "--database", dst, "export-xml", "--all", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, "--database", dst, "import", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* Every pupil rejected: the command says so and fails. */
static void
test_cli_all_rejected (void)
{
  g_autofree gchar *db = tmp_path ("cli-rej.db");
  g_autofree gchar *path = tmp_path ("cli-rej.xml");
  g_autofree gchar *ctf = ctf_for ("A12345678901B", "Bloggs", "Jo", "4");
  Run r = { 0 };

  g_unlink (db);
  g_assert_true (g_file_set_contents (path, ctf, -1, NULL));
  run (&r, "--database", db, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "rejected: 1\n"));
  g_assert_nonnull (strstr (r.err, "No pupil in this file could be imported"));
  run_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  gint status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sp-test-xml-XXXXXX", &error);
  g_assert_no_error (error);
  secret_path = g_build_filename (tmpdir, "secret.txt", NULL);
  g_assert_true (g_file_set_contents (secret_path, secret, -1, NULL));

  g_test_add_func ("/xml/ctf/23", test_ctf_23);
  g_test_add_func ("/xml/ctf/legacy", test_ctf_legacy);
  g_test_add_func ("/xml/ctf/encodings", test_ctf_encodings);
  g_test_add_func ("/xml/ctf/changes-keep-plans", test_ctf_changes_keep_plans);
  g_test_add_func ("/xml/ctf/duplicate-upn", test_ctf_duplicate_upn);
  g_test_add_func ("/xml/agency/round-trip", test_agency_round_trip);
  g_test_add_func ("/xml/agency/invalid", test_agency_invalid);
  g_test_add_func ("/xml/hostile/entities", test_hostile_entities);
  g_test_add_func ("/xml/hostile/malformed", test_hostile_malformed);
  g_test_add_func ("/xml/hostile/huge", test_hostile_huge);
  g_test_add_func ("/xml/hostile/not-a-file", test_not_a_file);
  g_test_add_func ("/xml/cli/import-export", test_cli);
  g_test_add_func ("/xml/cli/all-rejected", test_cli_all_rejected);
  status = g_test_run ();

  /* Leave nothing behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const gchar *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (secret_path);
  g_free (tmpdir);
  return status;
}
