/* sp-cli-register.c: `support-plans register --format csv|pdf --output FILE`, the SEN register
 * (every pupil with SEN support or an EHC plan) for a spreadsheet or for printing. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-senco-documents.h"

gint
sp_cli_verb_register (const gchar  *database,
                      gint          argc,
                      gchar       **argv)
{
  g_autofree gchar *format = NULL;
  g_autofree gchar *output = NULL;
  g_autofree gchar *today_text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or pdf (default: pdf)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Take the school year from this date instead of today"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;
  gboolean csv;

  if (!sp_cli_parse_options ("register", entries, &argc, &argv))
    return 2;
  if (output == NULL || (format != NULL && !g_str_equal (format, "csv")
                         && !g_str_equal (format, "pdf")))
    {
      sp_cli_say_error (_("Say how and where: support-plans register --format csv|pdf "
                          "--output FILE."));
      return 2;
    }
  csv = format != NULL && g_str_equal (format, "csv");
  today = today_text ? sp_date_parse_iso (today_text) : sp_date_today ();
  if (today == NULL)
    {
      sp_cli_say_error (_("--today needs a real date written as YYYY-MM-DD."));
      return 2;
    }

  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (!sp_senco_export_register (store, today, csv, output, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (_("Wrote the SEN register to %s.\n"), output);
  return 0;
}
