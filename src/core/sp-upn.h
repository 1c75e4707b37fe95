#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_UPN_ERROR (sp_upn_error_quark ())

typedef enum
{
  SP_UPN_ERROR_EMPTY,
  SP_UPN_ERROR_LENGTH,
  SP_UPN_ERROR_CHARACTERS,
  SP_UPN_ERROR_CHECK_LETTER,
} SpUpnError;

GQuark    sp_upn_error_quark        (void);
gchar     sp_upn_check_letter       (const gchar  *upn);
gboolean  sp_upn_validate           (const gchar  *upn,
                                     GError      **error);
gchar    *sp_upn_normalise          (const gchar  *text);
gchar    *sp_upn_make               (guint         la_number,
                                     guint         establishment,
                                     guint         year,
                                     guint         serial);

G_END_DECLS
