/* sp-cli-export.c: `support-plans export`, the printed copies as PDF files.
 *
 *   export --pupil UPN --kind parent|review|agency --output FILE.pdf
 *   export --all --kind parent --output DIR
 *
 * --all writes one file per pupil on two threads, each with its own SpStore (a store is not
 * shared between threads) and its own Pango font map. Files are written atomically and
 * readable by the user alone (sp_doc_save_pdf). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-documents.h"

#define N_WORKERS 2

typedef struct
{
  const gchar    *db_path;
  const gchar    *folder;
  SpDocumentKind  kind;
  const GDate    *today;
  GArray         *ids;
  GHashTable     *name_counts;   /* name_key () -> how many pupils have that name */
  gint            next;          /* atomic: the next index of ids to do */
  gint            written;       /* atomic */
  gint            skipped;       /* atomic */
  gint            done;          /* atomic: written or left out */
  gint            failed;        /* atomic: TRUE once a worker has failed */
  gboolean        progress;
  GMutex          lock;
  GError         *error;         /* the first failure, under lock */
} Batch;

/* Two pupils of the same name get their UPN in the file name too, so neither file replaces
 * the other. */
static gchar *
name_key (const gchar *surname,
          const gchar *forename)
{
  g_autofree gchar *both = g_strdup_printf ("%s\x1f%s", surname ? surname : "",
                                            forename ? forename : "");
  return g_utf8_casefold (both, -1);
}

static void
batch_fail (Batch  *batch,
            GError *error)
{
  g_mutex_lock (&batch->lock);
  if (batch->error == NULL)
    batch->error = error;
  else
    g_error_free (error);
  g_atomic_int_set (&batch->failed, TRUE);
  g_mutex_unlock (&batch->lock);
}

/* Writes one pupil's file; FALSE with @error on a failure that stops the batch. A pupil with
 * nothing of this kind to print is counted and left out. */
static gboolean
export_one (Batch                *batch,
            SpStore              *store,
            const SpSchoolRecord *school,
            gint64                pupil_id,
            GError              **error)
{
  g_autoptr(SpPupilRecord) pupil = sp_store_load_record (store, pupil_id, error);
  g_autoptr(SpDoc) doc = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree gchar *key = NULL;
  g_autofree gchar *name = NULL;
  g_autofree gchar *path = NULL;

  if (pupil == NULL)
    return FALSE;
  doc = sp_document_build (batch->kind, pupil, school, batch->today, &local);
  if (doc == NULL)
    {
      if (g_error_matches (local, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN)
          || g_error_matches (local, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_REVIEW))
        {
          g_atomic_int_inc (&batch->skipped);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  key = name_key (pupil->surname, pupil->forename);
  name = sp_document_file_name (pupil, batch->kind, batch->today,
                                GPOINTER_TO_UINT (g_hash_table_lookup (batch->name_counts,
                                                                       key)) > 1);
  path = g_build_filename (batch->folder, name, NULL);
  if (!sp_doc_save_pdf (doc, path, error))
    return FALSE;
  g_atomic_int_inc (&batch->written);
  return TRUE;
}

static gpointer
batch_worker (gpointer data)
{
  Batch *batch = data;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSchoolRecord) school = NULL;
  GError *error = NULL;

  store = sp_store_open (batch->db_path, SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL || (school = sp_store_load_school (store, &error)) == NULL)
    {
      batch_fail (batch, error);
      return NULL;
    }

  while (!g_atomic_int_get (&batch->failed))
    {
      gint i = g_atomic_int_add (&batch->next, 1);
      gint done;

      if (i >= (gint) batch->ids->len)
        break;
      if (!export_one (batch, store, school, g_array_index (batch->ids, gint64, i), &error))
        {
          batch_fail (batch, error);
          break;
        }
      done = g_atomic_int_add (&batch->done, 1) + 1;
      if (batch->progress)
        {
          g_autofree gchar *line = g_strdup_printf (_("%d of %u pupils…"), done,
                                                    batch->ids->len);
          g_mutex_lock (&batch->lock);
          g_printerr ("\r%s", line);
          g_mutex_unlock (&batch->lock);
        }
    }
  return NULL;
}

static gint
export_all (SpStore         *store,
            SpDocumentKind   kind,
            const gchar     *folder,
            const GDate     *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sp_store_list_pupil_ids (store, &error);
  g_autoptr(GListModel) pupils = NULL;
  g_autoptr(GHashTable) name_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  GThread *threads[N_WORKERS];
  Batch batch = { 0 };

  if (ids == NULL || (pupils = sp_store_list_pupils (store, &error)) == NULL)
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  for (guint i = 0; i < g_list_model_get_n_items (pupils); i++)
    {
      g_autoptr(SpPupil) pupil = g_list_model_get_item (pupils, i);
      gchar *key = name_key (sp_pupil_get_text (pupil, "surname"),
                             sp_pupil_get_text (pupil, "forename"));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (name_counts, key));

      g_hash_table_replace (name_counts, key, GUINT_TO_POINTER (n + 1));
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_autofree gchar *message =
        g_strdup_printf (_("The folder %s could not be made: %s."), folder, g_strerror (errno));
      sp_cli_say_error (message);
      return 1;
    }

  batch.db_path = sp_store_get_path (store);
  batch.folder = folder;
  batch.kind = kind;
  batch.today = today;
  batch.ids = ids;
  batch.name_counts = name_counts;
  batch.progress = sp_cli_stderr_is_terminal ();
  g_mutex_init (&batch.lock);

  for (guint i = 0; i < N_WORKERS; i++)
    threads[i] = g_thread_new ("export", batch_worker, &batch);
  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&batch.lock);
  if (batch.progress)
    g_printerr ("\n");

  if (batch.error != NULL)
    {
      sp_cli_say_error (batch.error->message);
      g_error_free (batch.error);
      return 1;
    }
  g_print (ngettext ("%d file written to %s.\n", "%d files written to %s.\n", batch.written),
           batch.written, folder);
  if (batch.skipped > 0)
    g_print (ngettext ("%d pupil has nothing to print of this kind and was left out.\n",
                       "%d pupils have nothing to print of this kind and were left out.\n",
                       batch.skipped), batch.skipped);
  return 0;
}

gint
sp_cli_verb_export (const gchar  *database,
                    gint          argc,
                    gchar       **argv)
{
  g_autofree gchar *upn = NULL;
  g_autofree gchar *kind_text = NULL;
  g_autofree gchar *output = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "pupil", 0, 0, G_OPTION_ARG_STRING, &upn, N_("The pupil, by UPN"), "UPN" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every pupil, one file each"), NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("Which copy: parent (default), review or agency"), "KIND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF file to write (with --all, the folder)"), "PATH" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(SpDoc) doc = NULL;
  SpDocumentKind kind = SP_DOCUMENT_PARENT;
  gint64 pupil_id;

  if (!sp_cli_parse_options ("export", entries, &argc, &argv))
    return 2;
  if (kind_text != NULL && !sp_document_kind_from_string (kind_text, &kind))
    {
      sp_cli_say_error (_("--kind is parent, review or agency."));
      return 2;
    }
  if ((upn == NULL) == !all)
    {
      sp_cli_say_error (_("Say which pupil with --pupil UPN, or --all for every pupil."));
      return 2;
    }
  if (output == NULL || *output == '\0')
    {
      sp_cli_say_error (all ? _("Say which folder to write to with --output DIR.")
                            : _("Say which file to write with --output FILE.pdf."));
      return 2;
    }

  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (all)
    return export_all (store, kind, output, today);

  if ((pupil_id = sp_store_find_pupil_by_upn (store, upn, &error)) == 0
      || (doc = sp_document_load (store, pupil_id, kind, today, NULL, &error)) == NULL
      || !sp_doc_save_pdf (doc, output, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (_("Written to %s.\n"), output);
  return 0;
}
