#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writing an exported file (PDF, CSV, XML) where the user chose: whole or not at all, readable
 * by the user alone, with errors in words that name that file. */

gboolean  sp_export_save_file  (const gchar  *path,
                                const gchar  *data,
                                gsize         length,
                                GError      **error);

G_END_DECLS
