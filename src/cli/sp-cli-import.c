/* sp-cli-import.c: `support-plans import FILE [--dry-run]`.
 *
 * Reads a Common Transfer File or a Support Plans record file (sp-xml-safe: every file is
 * hostile), prints the preview (counts, each change, each rejection with its reason) and, unless
 * --dry-run, applies it in one transaction. Exit status 1 when no pupil in the file could be
 * imported (the file was refused, or every pupil was rejected). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-agency-xml.h"
#include "sp-cli-private.h"
#include "sp-store-import.h"

static void
print_preview (SpImportPreview *preview)
{
  g_print ("%s\n", preview->source);
  g_print (_("new: %u\nchanged: %u\nunchanged: %u\nrejected: %u\n"), preview->n_new,
           preview->n_changed, preview->n_unchanged, preview->n_rejected);
  for (guint i = 0; i < preview->items->len; i++)
    {
      SpImportItem *item = g_ptr_array_index (preview->items, i);

      if (item->kind == SP_IMPORT_REJECTED)
        g_print (_("rejected: %s %s: %s\n"), item->upn, item->name, item->reason);
      else if (item->kind == SP_IMPORT_CHANGED)
        {
          for (guint j = 0; j < item->changes->len; j++)
            {
              SpImportChange *c = g_ptr_array_index (item->changes, j);
              g_print (_("changed: %s %s: %s “%s” → “%s”\n"), item->upn, item->name, c->field,
                       c->before, c->after);
            }
        }
      for (guint j = 0; j < item->notes->len; j++)
        g_print ("  %s %s: %s\n", item->upn, item->name,
                 (const gchar *) g_ptr_array_index (item->notes, j));
    }
}

gint
sp_cli_verb_import (const gchar  *database,
                    gint          argc,
                    gchar       **argv)
{
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be imported, and write nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(SpImportPreview) preview = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint written = 0;

  g_set_prgname ("support-plans import");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sp_cli_say_error (error->message);
      return 2;
    }
  if (argc != 2)
    {
      sp_cli_say_error (_("Name one file to import: support-plans import FILE [--dry-run]."));
      return 2;
    }

  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_DEFAULT)) == NULL)
    return 1;
  preview = sp_xml_import_read_file (argv[1], &error);
  if (preview == NULL || !sp_store_import_prepare (store, preview, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  print_preview (preview);

  if (preview->n_new + preview->n_changed + preview->n_unchanged == 0)
    {
      sp_cli_say_error (_("No pupil in this file could be imported."));
      return 1;
    }
  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was written."));
      return 0;
    }
  if (!sp_store_import_apply (store, preview, &written, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u pupil into %s.\n",
                        "Imported %u pupils into %s.\n", written),
           written, sp_store_get_path (store));
  return 0;
}
