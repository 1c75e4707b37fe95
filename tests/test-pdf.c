/* The printed copies: real PDFs from a demo school, read back with poppler's pdftotext,
 * pdfinfo, pdffonts and pdftoppm. */
#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-documents.h"
#include "sp-layout.h"
#include "sp-store.h"
#include "sp-upn.h"

#define TODAY "2026-11-23"

static gchar *tmpdir;
static gchar *db_path;

/* LeakSanitizer's switches, present only in a sanitizer build: Cairo 1.16 loses one buffer
 * when it subsets a CFF (OpenType) font into a PDF, as it does for Noto Sans CJK (fixed in
 * later cairo). Its stack cannot be matched by a suppression (cairo has no frame pointers),
 * so the one save that embeds Chinese text is left out of leak checking. */
extern void __lsan_disable (void) __attribute__ ((weak));
extern void __lsan_enable (void) __attribute__ ((weak));

/* Runs @argv and returns its standard output; fails the test when it does not exit 0. */
static gchar *
run_tool (const gchar * const *argv)
{
  g_autoptr(GError) error = NULL;
  gchar *out = NULL;
  g_autofree gchar *err = NULL;
  gint status;

  g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* pdftotext in drawing order (-raw: a table cell is read whole, not line by line across the
 * row), with every run of white space made one space, so line breaks do not matter. */
static gchar *
pdf_text_mode (const gchar *path,
               gboolean     raw_order)
{
  g_autofree gchar *raw = run_tool ((const gchar *[]) { "pdftotext", "-enc", "UTF-8", path, "-",
                                                        raw_order ? "-raw" : NULL, NULL });
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, raw, -1, 0, " ", 0, NULL);
}

static gchar *
pdf_text (const gchar *path)
{
  return pdf_text_mode (path, TRUE);
}

static gchar *
squash (const gchar *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree gchar *s = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);

  return g_strstrip (g_steal_pointer (&s));
}

/* Asserts each of @needles is in @text after the one before it. */
static void
assert_in_order (const gchar *text,
                 GPtrArray   *needles)
{
  const gchar *at = text;

  for (guint i = 0; i < needles->len; i++)
    {
      g_autofree gchar *needle = squash (g_ptr_array_index (needles, i));
      const gchar *found = strstr (at, needle);

      if (found == NULL)
        g_error ("“%s” is missing or out of order in the PDF text, after: %.200s", needle, at);
      at = found + strlen (needle);
    }
}

/* The first page (from 1) whose text has @needle, or 0. */
static guint
page_of (const gchar *path,
         guint        n_pages,
         const gchar *needle)
{
  g_autofree gchar *want = squash (needle);

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree gchar *n = g_strdup_printf ("%u", p);
      g_autofree gchar *raw = run_tool ((const gchar *[]) { "pdftotext", "-raw", "-enc", "UTF-8",
                                                            "-f", n, "-l", n, path, "-",
                                                            NULL });
      g_autofree gchar *text = squash (raw);

      if (strstr (text, want) != NULL)
        return p;
    }
  return 0;
}

static gchar *
pdf_info (const gchar *path,
          const gchar *field)
{
  g_autofree gchar *out = run_tool ((const gchar *[]) { "pdfinfo", "-enc", "UTF-8", path,
                                                        NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree gchar *prefix = g_strdup_printf ("%s:", field);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static SpStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static GDate *
today (void)
{
  return sp_date_parse_iso (TODAY);
}

/* The first pupil with at least @n_plans plans. */
static SpPupilRecord *
pupil_with_plans (SpStore *store,
                  guint    n_plans)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sp_store_list_pupil_ids (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      SpPupilRecord *r = sp_store_load_record (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (r->plans->len >= n_plans)
        return r;
      sp_pupil_record_free (r);
    }
  g_assert_not_reached ();
  return NULL;
}

static gchar *
save (SpDoc       *doc,
      const gchar *name)
{
  g_autoptr(GError) error = NULL;
  gchar *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (sp_doc_save_pdf (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_parent_plan (void)
{
  g_autoptr(SpStore) store = open_store ();
  g_autoptr(SpPupilRecord) pupil = pupil_with_plans (store, 2);
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, NULL);
  g_autoptr(GDate) date = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDoc) doc = sp_document_parent_plan (pupil, school, 0, date, &error);
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, pupil->plans->len - 1);
  g_autofree gchar *path = NULL;
  g_autofree gchar *text = NULL;
  g_autofree gchar *title = NULL;
  g_autofree gchar *pages = NULL;
  g_autoptr(SpLayout) layout = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  path = save (doc, "parent.pdf");
  text = pdf_text (path);

  /* The latest plan's dates, then each target with its strategies, in order; the
   * contribution at home; the review date; the SENCO; nothing "(null)". */
  g_ptr_array_add (needles, sp_date_format_long (plan->start_date));
  g_ptr_array_add (needles, sp_date_format_long (plan->review_date));
  g_assert_cmpuint (plan->targets->len, >=, 3);
  for (guint i = 0; i < plan->targets->len; i++)
    {
      const SpTargetRecord *t = g_ptr_array_index (plan->targets, i);

      g_ptr_array_add (needles, g_strdup_printf ("Target %u", i + 1));
      g_ptr_array_add (needles, g_strdup (t->description));
      g_ptr_array_add (needles, g_strdup ("What we will do in school"));
      for (guint s = 0; s < t->strategies->len; s++)
        g_ptr_array_add (needles, g_strdup (((SpStrategyRecord *)
                                             g_ptr_array_index (t->strategies, s))->description));
    }
  g_ptr_array_add (needles, g_strdup ("How you can help at home"));
  g_ptr_array_add (needles, g_strdup (plan->parent_contribution));
  g_ptr_array_add (needles, g_strdup ("a teaching assistant"));
  g_ptr_array_add (needles, g_strdup (school->senco_name));
  g_ptr_array_add (needles, g_strdup ("Signed (parent or carer)"));
  assert_in_order (text, needles);
  g_assert_null (strstr (text, "(null)"));
  g_assert_null (strstr (text, "SLCN"));        /* no census codes for parents */
  g_assert_nonnull (strstr (text, "Confidential"));
  g_assert_nonnull (strstr (text, "Printed 23 November 2026"));
  g_assert_nonnull (strstr (text, "Page 1 of"));

  /* Metadata and page count. */
  layout = sp_layout_new (doc);
  title = pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, doc->title);
  g_assert_nonnull (strstr (title, pupil->forename));
  {
    g_autofree gchar *author = pdf_info (path, "Author");
    g_autofree gchar *subject = pdf_info (path, "Subject");
    g_assert_cmpstr (author, ==, school->name);
    g_assert_cmpstr (subject, ==, doc->subject);
  }
  pages = pdf_info (path, "Pages");
  g_assert_cmpint (atoi (pages), ==, (gint) sp_layout_get_n_pages (layout));
  g_assert_cmpint (atoi (pages), >=, 2);
  g_assert_cmpint (atoi (pages), <=, 5);
  {
    g_autofree gchar *last = g_strdup_printf ("Page %s of %s", pages, pages);
    g_assert_nonnull (strstr (text, last));
  }

  /* A target is not split from its strategies; the comments page is the last page. */
  for (guint i = 0; i < plan->targets->len; i++)
    {
      const SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      const SpStrategyRecord *last = g_ptr_array_index (t->strategies, t->strategies->len - 1);
      guint first_page = page_of (path, (guint) atoi (pages), t->description);

      g_assert_cmpuint (first_page, >, 0);
      g_assert_cmpuint (page_of (path, (guint) atoi (pages), last->description), ==, first_page);
    }
  g_assert_cmpuint (page_of (path, (guint) atoi (pages), "Your comments"), ==,
                    (guint) atoi (pages));
}

static void
assert_fonts_embedded (const gchar *path)
{
  g_autofree gchar *out = run_tool ((const gchar *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint n;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      cols = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (cols);
      g_assert_cmpuint (n, >=, 6);
      /* name type encoding emb sub uni id gen */
      if (g_strcmp0 (cols[n - 5], "yes") != 0)
        g_error ("font not embedded in %s: %s", path, lines[i]);
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

/* Page 1 drawn at 30 dpi has ink on it. */
static void
assert_page_one_not_blank (const gchar *path)
{
  g_autofree gchar *prefix = g_strconcat (path, "-page1", NULL);
  g_autofree gchar *png = g_strconcat (prefix, ".png", NULL);
  cairo_surface_t *image;
  guint dark = 0, total;
  gint w, h, stride;
  guchar *data;

  g_free (run_tool ((const gchar *[]) { "pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1",
                                        "-singlefile", path, prefix, NULL }));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_image_surface_get_format (image);
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  /* A4 at 30 dpi is about 248 × 351. */
  g_assert_cmpint (w, >, 240);
  g_assert_cmpint (h, >, 340);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);
        if ((px & 0xffffff) != 0xffffff)
          dark++;
      }
  total = (guint) (w * h);
  cairo_surface_destroy (image);
  g_assert_cmpuint (dark, >, total / 50);
  g_assert_cmpuint (dark, <, total / 2);
  g_unlink (png);
}

static void
test_all_kinds (void)
{
  g_autoptr(SpStore) store = open_store ();
  g_autoptr(SpPupilRecord) pupil = pupil_with_plans (store, 3);
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, NULL);
  g_autoptr(GDate) date = today ();
  const SpDocumentKind kinds[] = { SP_DOCUMENT_PARENT, SP_DOCUMENT_REVIEW,
                                   SP_DOCUMENT_AGENCY };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpDoc) doc = sp_document_build (kinds[k], pupil, school, date, &error);
      g_autofree gchar *name = g_strdup_printf ("kind-%u.pdf", k);
      g_autofree gchar *path = NULL;
      g_autofree gchar *text = NULL;
      GStatBuf st;

      g_assert_no_error (error);
      path = save (doc, name);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      assert_fonts_embedded (path);
      assert_page_one_not_blank (path);
      text = pdf_text (path);
      g_assert_null (strstr (text, "(null)"));
      g_assert_nonnull (strstr (text, pupil->surname));
    }
}

/* The review record: the latest completed review, each target's outcome and evidence. */
static void
test_review_record (void)
{
  g_autoptr(SpStore) store = open_store ();
  g_autoptr(SpPupilRecord) pupil = pupil_with_plans (store, 3);
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, NULL);
  g_autoptr(GDate) date = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDoc) doc = sp_document_review_record (pupil, school, 0, date, &error);
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  const SpPlanRecord *plan = NULL;
  const SpReviewRecord *review;
  g_autofree gchar *path = NULL;
  g_autofree gchar *text = NULL;

  g_assert_no_error (error);
  /* The demo's last plan is active; the one before it was reviewed. */
  plan = g_ptr_array_index (pupil->plans, pupil->plans->len - 2);
  g_assert_cmpuint (plan->reviews->len, ==, 1);
  review = g_ptr_array_index (plan->reviews, 0);
  path = save (doc, "review.pdf");
  text = pdf_text (path);

  g_ptr_array_add (needles, sp_date_format_long (review->review_date));
  g_ptr_array_add (needles, g_strdup (review->attendees));
  for (guint i = 0; i < review->outcomes->len; i++)
    {
      const SpOutcomeRecord *o = g_ptr_array_index (review->outcomes, i);
      const gchar *words = g_str_equal (o->outcome, "achieved") ? "Achieved"
                           : g_str_equal (o->outcome, "partly") ? "Partly achieved"
                           : "Not yet achieved";
      const SpTargetRecord *t = g_ptr_array_index (plan->targets, o->target_position - 1);

      g_ptr_array_add (needles, g_strdup (t->description));
      g_ptr_array_add (needles, g_strdup (words));
    }
  g_ptr_array_add (needles, g_strdup (review->parent_views));
  g_ptr_array_add (needles, g_strdup (review->pupil_views));
  g_ptr_array_add (needles, g_strdup ("What happens next"));
  g_ptr_array_add (needles, g_strdup (review->next_steps));
  g_ptr_array_add (needles, g_strdup ("Next review"));
  g_ptr_array_add (needles, sp_date_format_long (((SpPlanRecord *) g_ptr_array_index (
                                                    pupil->plans, pupil->plans->len - 1))
                                                   ->review_date));
  assert_in_order (text, needles);
}

/* Every plan, oldest first, with its provision costs. */
static void
test_agency_copy (void)
{
  g_autoptr(SpStore) store = open_store ();
  g_autoptr(SpPupilRecord) pupil = pupil_with_plans (store, 3);
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, NULL);
  g_autoptr(GDate) date = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDoc) doc = sp_document_agency_copy (pupil, school, date, &error);
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *path = NULL;
  g_autofree gchar *text = NULL;

  g_assert_no_error (error);
  path = save (doc, "agency.pdf");
  text = pdf_text (path);
  g_ptr_array_add (needles, g_strdup (pupil->upn));
  for (guint i = 0; i < pupil->plans->len; i++)
    {
      const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);
      const SpProvisionRecord *p = g_ptr_array_index (plan->provision, 0);
      g_autofree gchar *start = sp_date_format_long (plan->start_date);

      g_ptr_array_add (needles, g_strdup_printf ("Plan %u: %s", i + 1, start));
      g_ptr_array_add (needles, g_strdup (((SpTargetRecord *)
                                           g_ptr_array_index (plan->targets, 0))->description));
      g_ptr_array_add (needles, g_strdup (p->description));
      g_ptr_array_add (needles, sp_format_pence (p->cost_pence));
      if (plan->reviews->len > 0)
        {
          const SpReviewRecord *r = g_ptr_array_index (plan->reviews, 0);
          g_autofree gchar *when = sp_date_format_long (r->review_date);
          g_ptr_array_add (needles, g_strdup_printf ("Review on %s", when));
        }
    }
  g_ptr_array_add (needles, g_strdup ("Meetings with parents and carers"));
  assert_in_order (text, needles);

  /* A bookmark for each plan and each review (cairo writes ASCII titles as plain strings;
   * memmem, as a PDF has NUL bytes). */
  {
    g_autofree gchar *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
    g_assert_nonnull (memmem (bytes, len, "/Outlines", 9));
    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);
        g_autofree gchar *start = sp_date_format_long (plan->start_date);
        g_autofree gchar *mark = g_strdup_printf ("/Title (Plan %u: %s", i + 1, start);

        g_assert_nonnull (memmem (bytes, len, mark, strlen (mark)));
        for (guint r = 0; r < plan->reviews->len; r++)
          {
            const SpReviewRecord *review = g_ptr_array_index (plan->reviews, r);
            g_autofree gchar *when = sp_date_format_long (review->review_date);
            g_autofree gchar *review_mark = g_strdup_printf ("/Title (Review on %s)", when);

            g_assert_nonnull (memmem (bytes, len, review_mark, strlen (review_mark)));
          }
      }
  }
}

static SpPupilRecord *
made_up_pupil (const gchar *forename,
               const gchar *surname)
{
  SpPupilRecord *p = sp_pupil_record_new ();

  p->forename = g_strdup (forename);
  p->surname = g_strdup (surname);
  p->upn = g_strdup ("");
  p->class_name = g_strdup ("4 Herons");
  return p;
}

static SpPlanRecord *
made_up_plan (void)
{
  SpPlanRecord *plan = sp_plan_record_new ();

  plan->start_date = g_strdup ("2026-09-07");
  plan->review_date = g_strdup ("2026-12-04");
  plan->status = g_strdup ("active");
  plan->areas = g_strdup ("cognition");
  plan->written_by = g_strdup ("Ms Claire Dunn");
  plan->parent_contribution = g_strdup ("");
  plan->pupil_likes = g_strdup ("");
  plan->pupil_finds_hard = g_strdup ("");
  plan->pupil_helps = g_strdup ("");
  plan->pupil_worries = g_strdup ("");
  plan->views_date = g_strdup ("");
  plan->views_how = g_strdup ("");
  return plan;
}

/* Four targets of 2,000 characters flow over pages: every word is there, in order. */
static void
test_long_text (void)
{
  g_autoptr(SpPupilRecord) pupil = made_up_pupil ("Zoë", "Wiśniewska");
  g_autoptr(SpSchoolRecord) school = sp_school_record_new ();
  g_autoptr(GDate) date = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDoc) doc = NULL;
  g_autoptr(SpLayout) layout = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  SpPlanRecord *plan = made_up_plan ();
  g_autofree gchar *path = NULL;
  g_autofree gchar *text = NULL;

  school->name = g_strdup ("Test School");
  g_ptr_array_add (pupil->plans, plan);
  for (guint t = 0; t < 4; t++)
    {
      SpTargetRecord *target = sp_target_record_new ();
      GString *s = g_string_new (NULL);

      for (guint w = 0; s->len < 2000; w++)
        {
          g_autofree gchar *word = g_strdup_printf ("t%uw%03u", t + 1, w);
          g_string_append_printf (s, "%s%s", w ? " " : "", word);
          g_ptr_array_add (words, g_steal_pointer (&word));
        }
      target->position = t + 1;
      target->area = g_strdup ("cognition");
      target->description = g_string_free (s, FALSE);
      target->baseline = g_strdup ("");
      target->success_criteria = g_strdup ("");
      g_ptr_array_add (plan->targets, target);
    }

  doc = sp_document_parent_plan (pupil, school, 0, date, &error);
  g_assert_no_error (error);
  layout = sp_layout_new (doc);
  g_assert_cmpuint (sp_layout_get_n_pages (layout), >=, 3);
  path = save (doc, "long.pdf");
  text = pdf_text (path);
  assert_in_order (text, words);
  g_assert_null (strstr (text, "(null)"));
  /* Empty parts leave no heading behind. */
  g_assert_null (strstr (text, "How you can help at home"));
  g_assert_null (strstr (text, "told us"));

  /* The same for an agency copy, whose targets are in table cells that split over pages. */
  g_clear_pointer (&doc, sp_doc_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);
  doc = sp_document_agency_copy (pupil, school, date, &error);
  g_assert_no_error (error);
  path = save (doc, "long-agency.pdf");
  text = pdf_text (path);
  assert_in_order (text, words);
}

/* Right-to-left names, other scripts and emoji come through as text. */
static void
test_any_language (void)
{
  g_autoptr(SpPupilRecord) pupil = made_up_pupil ("محمد", "Yılmaz-Øster");
  g_autoptr(SpSchoolRecord) school = sp_school_record_new ();
  g_autoptr(GDate) date = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDoc) doc = NULL;
  SpPlanRecord *plan = made_up_plan ();
  SpTargetRecord *target = sp_target_record_new ();
  g_autofree gchar *path = NULL;
  g_autofree gchar *text = NULL;

  school->name = g_strdup ("Ysgol Gymraeg Llanfair");
  g_ptr_array_add (pupil->plans, plan);
  target->position = 1;
  target->area = g_strdup ("");
  target->description = g_strdup ("Read 20 words in Welsh: ŵ, ŷ, ll, dd. Zażółć gęślą jaźń.");
  target->baseline = g_strdup ("");
  target->success_criteria = g_strdup ("Reads them with a smile 😀 on two days.");
  g_ptr_array_add (plan->targets, target);
  g_free (plan->parent_contribution);
  plan->parent_contribution = g_strdup ("Read together in Urdu: کتاب پڑھیں. 学习中文。");

  doc = sp_document_parent_plan (pupil, school, 0, date, &error);
  g_assert_no_error (error);
  if (__lsan_disable != NULL)
    __lsan_disable ();
  path = save (doc, "languages.pdf");
  if (__lsan_enable != NULL)
    __lsan_enable ();
  assert_fonts_embedded (path);
  /* Reading order (not drawing order), which puts right-to-left runs in logical order. */
  text = pdf_text_mode (path, FALSE);
  g_assert_nonnull (strstr (text, "محمد"));
  g_assert_nonnull (strstr (text, "Yılmaz-Øster"));
  g_assert_nonnull (strstr (text, "Zażółć gęślą jaźń"));
  g_assert_nonnull (strstr (text, "ŵ, ŷ"));
  g_assert_nonnull (strstr (text, "😀"));
  g_assert_nonnull (strstr (text, "学习中文"));
  g_assert_nonnull (strstr (text, "two days"));
}

/* A pupil with no plan: a sentence saying so, and no file. */
static void
test_no_plan (void)
{
  g_autoptr(SpPupilRecord) pupil = made_up_pupil ("Ellie", "Brown");
  g_autoptr(SpSchoolRecord) school = sp_school_record_new ();
  g_autoptr(GDate) date = today ();
  const SpDocumentKind kinds[] = { SP_DOCUMENT_PARENT, SP_DOCUMENT_REVIEW,
                                   SP_DOCUMENT_AGENCY };

  school->name = g_strdup ("Test School");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpDoc) doc = sp_document_build (kinds[k], pupil, school, date, &error);

      g_assert_null (doc);
      g_assert_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN);
      g_assert_nonnull (strstr (error->message, "Ellie Brown has no support plan"));
    }

  /* A plan not yet reviewed has no review record. */
  g_ptr_array_add (pupil->plans, made_up_plan ());
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpDoc) doc = sp_document_review_record (pupil, school, 0, date, &error);
    g_assert_null (doc);
    g_assert_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_REVIEW);
  }
}

/* The export verb of the real binary. */
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
run_cli (Run *r,
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
  env = g_environ_setenv (env, "SUPPORT_PLANS_TODAY", TODAY, TRUE);

  run_clear (r);
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
test_cli_export (void)
{
  g_autoptr(SpStore) store = open_store ();
  g_autoptr(SpPupilRecord) pupil = pupil_with_plans (store, 2);
  g_autofree gchar *out = g_build_filename (tmpdir, "cli.pdf", NULL);
  g_autofree gchar *none = g_build_filename (tmpdir, "none.pdf", NULL);
  g_autofree gchar *dir = g_build_filename (tmpdir, "all", NULL);
  g_autofree gchar *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) lonely = NULL;
  g_autofree gchar *lonely_upn = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GArray) ids = NULL;
  const gchar *name;
  guint files = 0;
  Run r = { 0 };
  GStatBuf st;

  run_cli (&r, "--database", db_path, "export", "--pupil", pupil->upn, "--kind", "parent",
           "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  title = pdf_info (out, "Title");
  g_assert_nonnull (strstr (title, pupil->forename));

  /* An existing file is replaced (by a rename), still private. */
  g_chmod (out, 0644);
  run_cli (&r, "--database", db_path, "export", "--pupil", pupil->upn, "--kind", "agency",
           "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&title, g_free);
  title = pdf_info (out, "Title");
  g_assert_nonnull (strstr (title, "SEN Support record"));

  /* Asked wrongly: 2. An unknown pupil: 1, with a sentence. */
  run_cli (&r, "--database", db_path, "export", "--pupil", pupil->upn, "--kind", "letter",
           "--output", none, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--database", db_path, "export", "--kind", "parent", "--output", none, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--database", db_path, "export", "--pupil", "A999200114999", "--output", none,
           NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No pupil"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  /* A pupil with no plan: an error and no file. */
  lonely_upn = sp_upn_make (999, 2001, 14, 998);
  lonely = g_object_new (SP_TYPE_PUPIL, "upn", lonely_upn, "forename", "Nia",
                         "surname", "Price", "year-group", "4", "class-name", "4 Herons",
                         "sen-status", "K", NULL);
  {
    g_autoptr(GError) add_error = NULL;
    gint64 id = sp_store_add_pupil (store, lonely, &add_error);

    if (id <= 0)
      g_error ("could not add a pupil: %s", add_error->message);
  }
  run_cli (&r, "--database", db_path, "export", "--pupil", lonely_upn, "--output", none, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Nia Price has no support plan"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  /* Every pupil: one private file each, named by pupil, document and date; the pupil with no
   * plan is left out and said so. */
  run_cli (&r, "--database", db_path, "export", "--all", "--kind", "parent", "--output", dir,
           NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.err, "Written"));       /* no progress when not a terminal */
  g_assert_nonnull (strstr (r.out, "1 pupil has nothing to print"));
  ids = sp_store_list_pupil_ids (store, &error);
  g_assert_no_error (error);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree gchar *file = g_build_filename (dir, name, NULL);

      g_assert_true (g_str_has_suffix (name, " - plan for parents - " TODAY ".pdf"));
      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (st.st_size, >, 5000);
      files++;
    }
  g_assert_cmpuint (files, ==, ids->len - 1);
  {
    g_autofree gchar *expected = g_strdup_printf ("%s %s - plan for parents - " TODAY ".pdf",
                                                  pupil->surname, pupil->forename);
    g_autofree gchar *file = g_build_filename (dir, expected, NULL);
    g_autofree gchar *text = NULL;

    g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
    text = pdf_text (file);
    g_assert_nonnull (strstr (text, pupil->surname));
  }
  run_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  gint result;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("sp-test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmpdir, "demo.db", NULL);
  {
    g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GDate) date = today ();

    g_assert_no_error (error);
    g_assert_true (sp_demo_fill (store, 24, date, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/pdf/parent-plan", test_parent_plan);
  g_test_add_func ("/pdf/review-record", test_review_record);
  g_test_add_func ("/pdf/agency-copy", test_agency_copy);
  g_test_add_func ("/pdf/all-kinds", test_all_kinds);
  g_test_add_func ("/pdf/long-text", test_long_text);
  g_test_add_func ("/pdf/any-language", test_any_language);
  g_test_add_func ("/pdf/no-plan", test_no_plan);
  g_test_add_func ("/pdf/cli", test_cli_export);

  result = g_test_run ();

  g_free (run_tool ((const gchar *[]) { "rm", "-rf", tmpdir, NULL }));
  g_free (db_path);
  g_free (tmpdir);
  return result;
}
