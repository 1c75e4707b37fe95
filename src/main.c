/* main.c: one binary for the window and the command line. A verb is handled before GTK is
 * touched, so the command line works without a display. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sp-application.h"
#include "sp-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree gchar *database = NULL;
  g_autoptr(SpApplication) app = NULL;
  gint status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = sp_cli_main (argc, argv, &database);
  if (status >= 0)
    return status;

  /* The locale is set above; GTK's start-up must not set it again while SpApplication's
   * preload thread reads the database and makes its pupils (glibc: setlocale is not safe
   * alongside other threads' use of the locale). */
  gtk_disable_setlocale ();
  app = sp_application_new (database);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
