#pragma once

/* The Department for Education's Common Transfer File (CTF): what a school's management
 * system exports pupils in. Read with sp-xml-safe, into an import preview. */

#include <libxml/tree.h>

#include "sp-store-import.h"

G_BEGIN_DECLS

SpImportPreview *sp_ctf_read       (const gchar  *data,
                                    gsize         length,
                                    GError      **error);
SpImportPreview *sp_ctf_read_doc   (xmlDoc       *doc,
                                    GError      **error);
SpPupilRecord   *sp_ctf_read_pupil (xmlNode      *pupil,
                                    gchar       **reason);
const gchar     *sp_ctf_map_status (const gchar  *code);

G_END_DECLS
