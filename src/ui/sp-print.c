/* sp-print.c: the printed copies on paper (GtkPrintOperation, with GTK's own preview) and as
 * a PDF file where the user chooses. The pages come from SpLayout, the same as `support-plans
 * export` writes, so what is printed is what is saved. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-documents.h"
#include "sp-layout.h"
#include "sp-print.h"

static void
show_error (GtkWindow   *parent,
            const gchar *heading,
            const gchar *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static SpDoc *
load_document (GtkWindow    *parent,
               SpStore      *store,
               gint64        pupil_id,
               const gchar  *kind_text,
               gchar       **file_name)
{
  g_autoptr(GError) error = NULL;
  SpDocumentKind kind;
  SpDoc *doc;

  if (!sp_document_kind_from_string (kind_text, &kind))
    {
      g_critical ("sp-print: no document kind “%s”", kind_text);
      return NULL;
    }
  doc = sp_document_load (store, pupil_id, kind, NULL, file_name, &error);
  if (doc == NULL)
    show_error (parent, _("Nothing to print"), error->message);
  return doc;
}

static void
on_begin_print (GtkPrintOperation *op,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  gtk_print_operation_set_n_pages (op, (gint) sp_layout_get_n_pages (user_data));
}

/* Our pages are A4 in points; on other paper (US Letter) the page is scaled to fit. */
static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              gint               page_nr,
              gpointer           user_data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  gdouble w = gtk_print_context_get_width (context);
  gdouble h = gtk_print_context_get_height (context);
  gdouble scale = MIN (w / SP_LAYOUT_PAGE_WIDTH, h / SP_LAYOUT_PAGE_HEIGHT);

  cairo_save (cr);
  if (scale > 0 && (scale < 0.995 || scale > 1.005))
    {
      cairo_translate (cr, (w - SP_LAYOUT_PAGE_WIDTH * scale) / 2, 0);
      cairo_scale (cr, scale, scale);
    }
  sp_layout_draw_page (user_data, cr, (guint) page_nr);
  cairo_restore (cr);
}

static void
on_done (GtkPrintOperation       *op,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  GtkWindow *parent = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (op, &error);
      show_error (parent, _("Could not print"), error ? error->message : "");
    }
  g_object_unref (op);
}

GtkPrintOperation *
sp_print_operation_new (const SpDoc *doc)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  SpLayout *layout = sp_layout_new (doc);
  GtkPaperSize *a4;
  GtkPrintOperation *op;

  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);

  op = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (op, doc->title);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_object_set_data_full (G_OBJECT (op), "sp-layout", layout,
                          (GDestroyNotify) sp_layout_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print), layout);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page), layout);
  return op;
}

void
sp_print_document (GtkWindow    *parent,
                   SpStore      *store,
                   gint64        pupil_id,
                   const gchar  *kind)
{
  g_autoptr(SpDoc) doc = load_document (parent, store, pupil_id, kind, NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *op;

  if (doc == NULL)
    return;
  op = sp_print_operation_new (doc);
  gtk_print_operation_set_allow_async (op, TRUE);
  g_signal_connect (op, "done", G_CALLBACK (on_done), parent);

  /* "done" is emitted when the run ends (also when it ends at once): it tells of an error
   * and frees @op. */
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    g_warning ("Printing failed: %s", error->message);
}

typedef struct
{
  GtkWindow *parent;
  SpDoc     *doc;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->parent);
  sp_doc_free (data->doc);
  g_free (data);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  gint             response,
                  gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree gchar *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_error (data->parent, _("Could not save the PDF"),
                    _("Choose a folder on this computer."));
      else if (!sp_doc_save_pdf (data->doc, path, &error))
        show_error (data->parent, _("Could not save the PDF"), error->message);
    }
  save_data_free (data);
  g_object_unref (dialog);
}

void
sp_print_save_pdf (GtkWindow    *parent,
                   SpStore      *store,
                   gint64        pupil_id,
                   const gchar  *kind)
{
  g_autofree gchar *file_name = NULL;
  SpDoc *doc = load_document (parent, store, pupil_id, kind, &file_name);
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *chooser;
  const gchar *documents;
  SaveData *data;

  if (doc == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);

  data = g_new0 (SaveData, 1);
  data->parent = parent ? g_object_ref (parent) : NULL;
  data->doc = doc;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
