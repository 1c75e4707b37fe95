/* sp-cli-export-xml.c: `support-plans export-xml (--pupil UPN | --all) --output FILE`.
 *
 * Writes the agency exchange format (sp-agency-xml.c): validated against the schema before it
 * is written, atomically, readable by the user alone. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-agency-xml.h"
#include "sp-cli-private.h"
#include "sp-upn.h"

gint
sp_cli_verb_export_xml (const gchar  *database,
                        gint          argc,
                        gchar       **argv)
{
  g_autofree gchar *upn_text = NULL;
  g_autofree gchar *output = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "pupil", 0, 0, G_OPTION_ARG_STRING, &upn_text, N_("The pupil’s UPN"), "UPN" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every pupil"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!sp_cli_parse_options ("export-xml", entries, &argc, &argv))
    return 2;
  if ((upn_text == NULL) == !all || output == NULL)
    {
      sp_cli_say_error (_("Say which pupils and where: support-plans export-xml "
                          "(--pupil UPN | --all) --output FILE."));
      return 2;
    }

  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  if (all)
    ids = sp_store_list_pupil_ids (store, &error);
  else
    {
      g_autofree gchar *upn = sp_upn_normalise (upn_text);
      gint64 id = sp_store_find_pupil_by_upn (store, upn, &error);

      if (id > 0)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (ids, id);
        }
    }
  if (ids == NULL || !sp_agency_xml_export (store, ids, output, &error))
    {
      sp_cli_say_error (error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u pupil’s record to %s.\n",
                        "Wrote %u pupils’ records to %s.\n", ids->len), ids->len, output);
  return 0;
}
