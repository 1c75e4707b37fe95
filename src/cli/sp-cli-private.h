#pragma once

/* Shared by the command-line verbs in src/cli/. Each verb lives in a file of its own
 * (sp-cli-<verb>.c) and is listed once in the table in sp-cli.c. */

#include <glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* A verb: @database is the --database path or NULL for the default; argv[0] is the verb.
 * Returns the exit status: 0 done, 1 could not be done (a sentence was printed), 2 asked
 * wrongly. */
typedef gint (*SpVerbFunc) (const gchar *database, gint argc, gchar **argv);

void      sp_cli_say_error           (const gchar      *message);
SpStore  *sp_cli_open_store          (const gchar      *database,
                                      SpStoreOpenFlags  flags);
gboolean  sp_cli_parse_options       (const gchar      *verb,
                                      GOptionEntry     *entries,
                                      gint             *argc,
                                      gchar          ***argv);
gboolean  sp_cli_stderr_is_terminal  (void);

/* The verbs */
gint      sp_cli_verb_demo           (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_check          (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_reviews_due    (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_export         (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_backup         (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_restore        (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_import         (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_export_xml     (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_register       (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_provision_map  (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_what_works     (const gchar *database, gint argc, gchar **argv);
gint      sp_cli_verb_evidence_pack  (const gchar *database, gint argc, gchar **argv);

G_END_DECLS
