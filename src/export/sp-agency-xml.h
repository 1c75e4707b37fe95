#pragma once

/* The agency exchange format: one or many pupils' whole SEN Support record as XML in our own
 * namespace, described by data/support-plans-agency.xsd (compiled into the program). */

#include <libxml/tree.h>

#include "sp-store-import.h"

G_BEGIN_DECLS

#define SP_AGENCY_NS "https://supportplans.github.io/ns/agency/1"

GBytes          *sp_agency_xml_write         (const SpSchoolRecord  *school,
                                              GPtrArray             *records,
                                              GError               **error);
gboolean         sp_agency_xml_export        (SpStore               *store,
                                              GArray                *pupil_ids,
                                              const gchar           *path,
                                              GError               **error);
gboolean         sp_agency_xml_validate      (xmlDoc                *doc,
                                              GError               **error);
SpImportPreview *sp_agency_xml_read_doc      (xmlDoc                *doc,
                                              GError               **error);
SpImportPreview *sp_agency_xml_read          (const gchar           *data,
                                              gsize                  length,
                                              GError               **error);

/* Either kind of file: a Common Transfer File or an agency exchange file, told apart by its
 * root element. */
SpImportPreview *sp_xml_import_read_file     (const gchar           *path,
                                              GError               **error);

G_END_DECLS
