/* sp-cli-provision-map.c: `support-plans provision-map --output FILE.pdf`, every intervention
 * with its pupils, staff time and yearly cost, and each pupil's cost against the notional SEN
 * threshold (A4 landscape). `what-works --output FILE.pdf` is here too: it reads the same
 * provision against the outcomes at review. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-senco-documents.h"

static gint
school_pdf (const gchar  *verb,
            const gchar  *database,
            gint          argc,
            gchar       **argv,
            gboolean      (*export) (SpStore *, const GDate *, const gchar *, GError **),
            const gchar  *done)
{
  g_autofree gchar *output = NULL;
  g_autofree gchar *today_text = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Take the school year from this date instead of today"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;

  if (!sp_cli_parse_options (verb, entries, &argc, &argv))
    return 2;
  if (output == NULL)
    {
      g_autofree gchar *message = g_strdup_printf (_("Say where: support-plans %s --output "
                                                     "FILE.pdf."), verb);
      sp_cli_say_error (message);
      return 2;
    }
  today = today_text ? sp_date_parse_iso (today_text) : sp_date_today ();
  if (today == NULL)
    {
      sp_cli_say_error (_("--today needs a real date written as YYYY-MM-DD."));
      return 2;
    }
  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (!export (store, today, output, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (done, output);
  return 0;
}

gint
sp_cli_verb_provision_map (const gchar  *database,
                           gint          argc,
                           gchar       **argv)
{
  return school_pdf ("provision-map", database, argc, argv, sp_senco_export_provision_map,
                     _("Wrote the provision map to %s.\n"));
}

gint
sp_cli_verb_what_works (const gchar  *database,
                        gint          argc,
                        gchar       **argv)
{
  return school_pdf ("what-works", database, argc, argv, sp_senco_export_what_works,
                     _("Wrote what works to %s.\n"));
}
