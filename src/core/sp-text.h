#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest text one field holds: far more than any plan needs (a page is about 3,000
 * characters), small enough that a mistaken paste cannot swamp a printed copy. */
#define SP_TEXT_MAX_CHARS 20000

gchar    *sp_text_clean            (const gchar   *text,
                                    GError       **error);
GPtrArray *sp_wording_check        (const gchar   *text,
                                    const gchar * const *phrases);
GStrv     sp_wording_phrases_parse (const gchar   *data);

G_END_DECLS
