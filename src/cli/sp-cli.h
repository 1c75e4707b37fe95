#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs a command-line verb without touching GTK. Returns the exit status, or -1 when the
 * arguments ask for the window (no verb); then *database is the path given, if any. */
gint  sp_cli_main  (gint     argc,
                    gchar  **argv,
                    gchar  **database);

G_END_DECLS
