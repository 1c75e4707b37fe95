#pragma once

/* One hardened way to read XML that comes from outside (a school's MIS, an agency, an email
 * attachment): every file is treated as hostile. See sp-xml-safe.c for what is refused. */

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define SP_XML_ERROR (sp_xml_error_quark ())

/* Each code is something a teacher can be told in a sentence: the GError's message. */
typedef enum
{
  SP_XML_ERROR_UNREADABLE,
  SP_XML_ERROR_TOO_BIG,
  SP_XML_ERROR_EMPTY,
  SP_XML_ERROR_BINARY,
  SP_XML_ERROR_DOCTYPE,
  SP_XML_ERROR_ENCODING,
  SP_XML_ERROR_TRUNCATED,
  SP_XML_ERROR_TOO_DEEP,
  SP_XML_ERROR_MALFORMED,
  SP_XML_ERROR_WRONG_KIND,
  SP_XML_ERROR_INVALID,
} SpXmlError;

/* The largest file read at all: a CTF of a whole secondary school is a few megabytes. */
#define SP_XML_MAX_BYTES ((gsize) 50 * 1024 * 1024)

GQuark       sp_xml_error_quark     (void);
void         sp_xml_init            (void);
GBytes      *sp_xml_read_file       (const gchar  *path,
                                     GError      **error);
xmlDoc      *sp_xml_parse           (const gchar  *data,
                                     gsize         length,
                                     GError      **error);
xmlDoc      *sp_xml_parse_file      (const gchar  *path,
                                     GError      **error);

/* Helpers for the readers */
gboolean     sp_xml_expect_root     (xmlDoc       *doc,
                                     const gchar  *name,
                                     const gchar  *ns,
                                     const gchar  *kind,
                                     GError      **error);
gchar       *sp_xml_shorten         (const gchar  *text);
gboolean     sp_xml_is              (xmlNode      *node,
                                     const gchar  *name);
xmlNode     *sp_xml_child           (xmlNode      *parent,
                                     const gchar  *name);
gchar       *sp_xml_text            (xmlNode      *node);
gchar       *sp_xml_child_text      (xmlNode      *parent,
                                     const gchar  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
