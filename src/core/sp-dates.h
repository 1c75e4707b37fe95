#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDate    *sp_date_parse_iso             (const gchar  *text);
gchar    *sp_date_to_iso                (const GDate  *date);
gchar    *sp_date_format_long           (const gchar  *iso);
GDate    *sp_date_today                 (void);
guint     sp_academic_year_for_date     (const GDate  *date);
GDate    *sp_date_end_of_term           (const GDate  *start);
gboolean  sp_date_of_birth_plausible    (const GDate  *dob,
                                         const GDate  *today,
                                         GError      **error);

G_END_DECLS
