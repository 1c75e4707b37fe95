/* sp-cli-backup.c: `backup --output FILE` and `restore FILE`. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-cli-private.h"
#include "sp-store-backup.h"

gint
sp_cli_verb_backup (const gchar  *database,
                    gint          argc,
                    gchar       **argv)
{
  g_autofree gchar *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the backup to this file"),
      "FILE" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf a, b;

  if (!sp_cli_parse_options ("backup", entries, &argc, &argv))
    return 2;
  if (output == NULL || *output == '\0')
    {
      sp_cli_say_error (_("backup needs --output FILE: where to write the backup."));
      return 2;
    }
  /* Relative to the folder the command runs in; messages name the whole path. */
  {
    gchar *absolute = g_canonicalize_filename (output, NULL);
    g_free (output);
    output = absolute;
  }
  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (g_stat (sp_store_get_path (store), &a) == 0 && g_stat (output, &b) == 0
      && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    {
      sp_cli_say_error (_("The backup cannot be written over the database itself. Choose "
                          "another file."));
      return 2;
    }
  if (!sp_store_backup_to (store, output, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (_("Backed up %s to %s (checked).\n"), sp_store_get_path (store), output);
  return 0;
}

gint
sp_cli_verb_restore (const gchar  *database,
                     gint          argc,
                     gchar       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autofree gchar *path = NULL;
  g_autofree gchar *backup = NULL;
  g_autofree gchar *kept = NULL;
  g_autofree gchar *log = NULL;
  GOptionEntry entries[] = { { NULL } };

  g_set_prgname ("support-plans restore");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sp_cli_say_error (error->message);
      return 2;
    }
  if (argc != 2)
    {
      sp_cli_say_error (_("restore needs one backup FILE. Try “support-plans restore --help”."));
      return 2;
    }

  /* Both paths relative to the folder the command runs in. */
  if (database != NULL)
    path = g_canonicalize_filename (database, NULL);
  else if ((path = sp_store_default_path (&error)) == NULL)
    {
      sp_cli_say_error (error->message);
      return 1;
    }

  backup = g_canonicalize_filename (argv[1], NULL);
  if (!sp_store_restore_from_full (path, backup, &kept, &log, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  if (log != NULL)
    g_print (_("Restored %s from %s, including the latest changes from the second file beside "
               "it, %s.\n"), path, backup, log);
  else
    g_print (_("Restored %s from %s.\n"), path, backup);
  if (kept != NULL)
    g_print (_("The database as it was before is kept in %s.\n"), kept);
  return 0;
}
