/* sp-cli.c: the command-line verbs of support-plans. They never initialise GTK, so they work
 * in scripts, over ssh and in CI with no display. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sp-cli.h"
#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-store.h"

typedef struct
{
  const gchar *name;
  SpVerbFunc   func;
  const gchar *usage;
  const gchar *summary;
} SpVerb;

void
sp_cli_say_error (const gchar *message)
{
  g_printerr ("support-plans: %s\n", message);
}

SpStore *
sp_cli_open_store (const gchar      *database,
                   SpStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *path = NULL;
  SpStore *store;

  if (database != NULL)
    path = g_strdup (database);
  else if ((path = sp_store_default_path (&error)) == NULL)
    {
      sp_cli_say_error (error->message);
      return NULL;
    }

  store = sp_store_open (path, flags, &error);
  if (store == NULL)
    sp_cli_say_error (error->message);
  return store;
}

/* Parses a verb's own options; prints the reason and returns FALSE on a bad one. */
gboolean
sp_cli_parse_options (const gchar   *verb,
                      GOptionEntry  *entries,
                      gint          *argc,
                      gchar       ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree gchar *prog = g_strdup_printf ("support-plans %s", verb);

  g_set_prgname (prog);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sp_cli_say_error (error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree gchar *message =
        g_strdup_printf (_("“%s” does not take “%s”. Try “support-plans %s --help”."), verb,
                         (*argv)[1], verb);
      sp_cli_say_error (message);
      return FALSE;
    }
  return TRUE;
}

/* Removes the database at @path and the files SQLite keeps beside it: only ever a database
 * this command created itself and could not fill. */
static void
remove_new_database (const gchar *path)
{
  static const gchar *const beside[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree gchar *file = g_strconcat (path, beside[i], NULL);
      g_unlink (file);
    }
}

gint
sp_cli_verb_demo (const gchar  *database,
                  gint          argc,
                  gchar       **argv)
{
  gint pupils = 36;
  g_autofree gchar *today_text = NULL;
  GOptionEntry entries[] = {
    { "pupils", 0, 0, G_OPTION_ARG_INT, &pupils, N_("How many pupils (default 36)"), "N" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Date the demo is written for"),
      "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;
  g_autofree gchar *path = NULL;
  gboolean existed;
  GStatBuf st;
  SpStoreCounts counts;

  if (!sp_cli_parse_options ("demo", entries, &argc, &argv))
    return 2;
  if (pupils < 1 || pupils > 100000)
    {
      sp_cli_say_error (_("The number of pupils must be between 1 and 100,000."));
      return 2;
    }
  today = today_text ? sp_date_parse_iso (today_text) : sp_date_today ();
  if (today == NULL)
    {
      sp_cli_say_error (_("--today needs a real date written as YYYY-MM-DD."));
      return 2;
    }

  if (database != NULL)
    path = g_strdup (database);
  else if ((path = sp_store_default_path (&error)) == NULL)
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  /* A new database that could not be filled (a full disk) is removed again, so no empty
   * school is left behind; one that was there before is never removed. */
  existed = g_lstat (path, &st) == 0;
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !sp_demo_fill (store, (guint) pupils, today, &error)
      || !sp_store_count (store, &counts, &error))
    {
      g_clear_object (&store);
      if (!existed)
        remove_new_database (path);
      if (!existed && g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_DISK_FULL))
        {
          g_autofree gchar *message =
            g_strdup_printf (_("There is not enough space on the disk to make the demo school "
                               "in “%s”, so no database was left there. Free some space and "
                               "try again."), path);
          sp_cli_say_error (message);
        }
      else
        sp_cli_say_error (error->message);
      return 1;
    }

  g_print (_("Demo school written to %s: %u pupils, %u plans, %u targets, %u reviews.\n"),
           sp_store_get_path (store), counts.pupils, counts.plans, counts.targets,
           counts.reviews);
  return 0;
}

gint
sp_cli_verb_check (const gchar  *database,
                   gint          argc,
                   gchar       **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpStoreCounts counts;

  if (!sp_cli_parse_options ("check", entries, &argc, &argv))
    return 2;
  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (!sp_store_check (store, &counts, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }

  g_print (_("%s: healthy (schema version %d)\n"), sp_store_get_path (store),
           sp_store_get_schema_version (store));
  g_print ("pupils: %u\nplans: %u\ntargets: %u\nstrategies: %u\nprovision: %u\n"
           "reviews: %u\nannotations: %u\nparent meetings: %u\n",
           counts.pupils, counts.plans, counts.targets, counts.strategies, counts.provision,
           counts.reviews, counts.annotations, counts.parent_meetings);
  return 0;
}

static const SpVerb verbs[] = {
  { "demo", sp_cli_verb_demo, "demo [--pupils N]",
    N_("Fill a new database with a made-up school") },
  { "check", sp_cli_verb_check, "check",
    N_("Check the database and count its records") },
  { "reviews-due", sp_cli_verb_reviews_due, "reviews-due [--today D]",
    N_("List active plans by review date (--class C for one class)") },
  { "export", sp_cli_verb_export, "export --pupil UPN -o F.pdf",
    N_("Write printable copies (PDF): plan for parents, review record, agency copy") },
  { "backup", sp_cli_verb_backup, "backup --output FILE",
    N_("Write a checked copy of the database to FILE") },
  { "restore", sp_cli_verb_restore, "restore FILE",
    N_("Replace the database with a backup (the old one is kept)") },
  { "import", sp_cli_verb_import, "import FILE [--dry-run]",
    N_("Import pupils from a Common Transfer File or a Support Plans record file") },
  { "export-xml", sp_cli_verb_export_xml, "export-xml --pupil UPN -o F",
    N_("Write whole records as XML for an agency (--all for every pupil)") },
  { "register", sp_cli_verb_register, "register --format csv|pdf -o F",
    N_("Write the SEN register: every pupil with SEN support or an EHC plan") },
  { "provision-map", sp_cli_verb_provision_map, "provision-map -o F.pdf",
    N_("Write the provision map: interventions, staff time, costs against the threshold") },
  { "what-works", sp_cli_verb_what_works, "what-works -o F.pdf",
    N_("Write what works: outcomes at review by intervention and by cohort") },
  { "evidence-pack", sp_cli_verb_evidence_pack, "evidence-pack --pupil UPN -o F.pdf",
    N_("Write one pupil's evidence for top-up funding or an EHC needs assessment") },
};

/* Progress lines are for a person watching, not for a script's log. */
gboolean
sp_cli_stderr_is_terminal (void)
{
  return isatty (2);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: support-plans [--database PATH] [COMMAND [OPTIONS]]"));
  fprintf (out, "%s\n\n", _("Without a command, opens the Support Plans window."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (strlen (verbs[i].usage) < 28)
      fprintf (out, "  %-28s %s\n", verbs[i].usage, _(verbs[i].summary));
    else
      fprintf (out, "  %s\n  %-28s %s\n", verbs[i].usage, "", _(verbs[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-28s %s\n", "--database PATH",
           _("Use this database file (or set SUPPORT_PLANS_DATABASE)"));
  fprintf (out, "  %-28s %s\n", "--version", _("Print the version"));
  fprintf (out, "  %-28s %s\n", "--help", _("Print this help"));
}

gint
sp_cli_main (gint     argc,
             gchar  **argv,
             gchar  **database)
{
  const gchar *db = g_getenv ("SUPPORT_PLANS_DATABASE");
  gint i = 1;

  if (db != NULL && *db == '\0')
    db = NULL;

  /* Global options come before the verb. */
  for (; i < argc; i++)
    {
      const gchar *arg = argv[i];

      if (g_str_equal (arg, "--version"))
        {
          g_print ("support-plans %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return 0;
        }
      else if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc)
            {
              sp_cli_say_error (_("--database needs the path of a database file."));
              return 2;
            }
          db = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--database="))
        db = arg + strlen ("--database=");
      else if (arg[0] == '-')
        {
          g_autofree gchar *message =
            g_strdup_printf (_("“%s” is not an option. Try “support-plans --help”."), arg);
          sp_cli_say_error (message);
          return 2;
        }
      else
        break;
    }

  if (i >= argc)
    {
      *database = g_strdup (db);
      return -1;
    }

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    if (g_str_equal (argv[i], verbs[v].name))
      return verbs[v].func (db, argc - i, argv + i);

  {
    g_autofree gchar *message =
      g_strdup_printf (_("“%s” is not a command. Try “support-plans --help”."), argv[i]);
    sp_cli_say_error (message);
  }
  return 2;
}
