#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors of the exports: writing their files (here), and making their documents. */
#define SP_EXPORT_ERROR (sp_export_error_quark ())

typedef enum
{
  SP_EXPORT_ERROR_FAILED,
  SP_EXPORT_ERROR_NO_PLAN,
  SP_EXPORT_ERROR_NO_REVIEW,
  SP_EXPORT_ERROR_BAD_KIND,
  SP_EXPORT_ERROR_WRITE,
  SP_EXPORT_ERROR_DISK_FULL,    /* not enough space (or a file too large) to save it */
} SpExportError;

GQuark    sp_export_error_quark  (void);

/* Writing an exported file (PDF, CSV, XML) where the user chose: whole or not at all, readable
 * by the user alone, with errors in words that name that file. */

gboolean  sp_export_save_file  (const gchar  *path,
                                const gchar  *data,
                                gsize         length,
                                GError      **error);

G_END_DECLS
