/* Printing draws the same pages as the PDF export: GtkPrintOperation, run to a PDF file with
 * ACTION_EXPORT (no printer needed), gives the same page count and the same text on each
 * page as sp_doc_save_pdf. */
#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-documents.h"
#include "sp-layout.h"
#include "sp-print.h"
#include "sp-store.h"

static gchar *tmpdir;

static gchar *
run_tool (const gchar * const *argv)
{
  g_autoptr(GError) error = NULL;
  gchar *out = NULL;
  gint status;

  g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gchar *
page_text (const gchar *path,
           guint        page)
{
  g_autofree gchar *n = g_strdup_printf ("%u", page);

  return run_tool ((const gchar *[]) { "pdftotext", "-raw", "-enc", "UTF-8", "-f", n, "-l", n,
                                       path, "-", NULL });
}

static gchar *
info (const gchar *path,
      const gchar *field)
{
  g_autofree gchar *out = run_tool ((const gchar *[]) { "pdfinfo", path, NULL });
  const gchar *at = strstr (out, field);

  g_assert_nonnull (at);
  at += strlen (field);
  while (*at == ' ' || *at == ':')
    at++;
  return g_strndup (at, strcspn (at, "\n"));
}

static void
test_print_matches_pdf (void)
{
  g_autofree gchar *db = g_build_filename (tmpdir, "print.db", NULL);
  g_autofree gchar *pdf = g_build_filename (tmpdir, "export.pdf", NULL);
  g_autofree gchar *printed = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autoptr(GDate) today = sp_date_parse_iso ("2026-11-23");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GArray) ids = NULL;
  const gchar *kinds[] = { "parent", "agency" };

  g_assert_no_error (error);
  g_assert_true (sp_demo_fill (store, 8, today, &error));
  ids = sp_store_list_pupil_ids (store, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      SpDocumentKind kind;
      g_autoptr(SpDoc) doc = NULL;
      g_autoptr(SpLayout) layout = NULL;
      g_autoptr(GtkPrintOperation) op = NULL;
      g_autofree gchar *pages = NULL;
      g_autofree gchar *printed_pages = NULL;
      g_autofree gchar *size = NULL;
      GtkPrintOperationResult result;

      g_assert_true (sp_document_kind_from_string (kinds[k], &kind));
      doc = sp_document_load (store, g_array_index (ids, gint64, 0), kind, today, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (sp_doc_save_pdf (doc, pdf, &error));
      g_assert_no_error (error);
      layout = sp_layout_new (doc);

      op = sp_print_operation_new (doc);
      gtk_print_operation_set_export_filename (op, printed);
      result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

      pages = info (pdf, "Pages");
      printed_pages = info (printed, "Pages");
      g_assert_cmpstr (printed_pages, ==, pages);
      g_assert_cmpint (atoi (pages), ==, (gint) sp_layout_get_n_pages (layout));
      size = info (printed, "Page size");
      g_assert_nonnull (strstr (size, "(A4)"));
      for (guint p = 1; p <= sp_layout_get_n_pages (layout); p++)
        {
          g_autofree gchar *a = page_text (pdf, p);
          g_autofree gchar *b = page_text (printed, p);

          g_assert_cmpuint (strlen (a), >, 100);
          g_assert_cmpstr (a, ==, b);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  gint result;

  gtk_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sp-test-print-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/print/matches-pdf", test_print_matches_pdf);
  result = g_test_run ();

  g_free (run_tool ((const gchar *[]) { "rm", "-rf", tmpdir, NULL }));
  g_free (tmpdir);
  return result;
}
