/* sp-cli-evidence-pack.c: `support-plans evidence-pack --pupil UPN --output FILE.pdf`, one
 * pupil's cycles of SEN support for a request to the local authority. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-senco-documents.h"
#include "sp-upn.h"

gint
sp_cli_verb_evidence_pack (const gchar  *database,
                           gint          argc,
                           gchar       **argv)
{
  g_autofree gchar *upn_text = NULL;
  g_autofree gchar *output = NULL;
  g_autofree gchar *today_text = NULL;
  GOptionEntry entries[] = {
    { "pupil", 0, 0, G_OPTION_ARG_STRING, &upn_text, N_("The pupil’s UPN"), "UPN" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Take the school year from this date instead of today"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;
  g_autofree gchar *upn = NULL;
  gint64 id;

  if (!sp_cli_parse_options ("evidence-pack", entries, &argc, &argv))
    return 2;
  if (upn_text == NULL || output == NULL)
    {
      sp_cli_say_error (_("Say whose and where: support-plans evidence-pack --pupil UPN "
                          "--output FILE.pdf."));
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
  upn = sp_upn_normalise (upn_text);
  id = sp_store_find_pupil_by_upn (store, upn, &error);
  if (id <= 0 || !sp_senco_export_evidence_pack (store, id, today, output, &error))
    {
      sp_cli_say_error (error != NULL ? error->message
                                      : _("No pupil has that UPN in this database."));
      return 1;
    }
  g_print (_("Wrote the evidence pack to %s.\n"), output);
  return 0;
}
