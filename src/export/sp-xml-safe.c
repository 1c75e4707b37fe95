/* sp-xml-safe.c: the only way XML from outside is parsed.
 *
 * Every file is hostile until read. So: the file is read here, with a size cap checked before
 * any of it is read (a gzip-compressed "XML" file is never un-zipped: libxml2 only sees the
 * bytes); empty and binary files are refused; any DOCTYPE or entity declaration is refused
 * before parsing (and again by the parser's own callbacks, in case the bytes hid it in an
 * encoding); the document is parsed from memory with XML_PARSE_NONET and never with
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_HUGE or XInclude; external entities go to a
 * loader that refuses everything; libxml2's own depth limit (256 without XML_PARSE_HUGE)
 * stops deeply nested files. Every failure is one plain sentence. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sp-xml-safe.h"

G_DEFINE_QUARK (sp-xml-error-quark, sp_xml_error)

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  /* Nothing outside the file itself is ever read: no DTD, no entity, no schema import. */
  if (ctxt != NULL)
    {
      ctxt->wellFormed = 0;
      ctxt->valid = 0;
    }
  return NULL;
}

void
sp_xml_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_entity_loader);
      g_once_init_leave (&done, 1);
    }
}

static gchar *
format_size (gsize size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_DEFAULT);
}

static gboolean
set_too_big (gsize     size,
             GError  **error)
{
  g_autofree gchar *has = format_size (size);
  g_autofree gchar *max = format_size (SP_XML_MAX_BYTES);

  g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_TOO_BIG,
               _("This file is %s, more than the %s a transfer file can be, so it was not read."),
               has, max);
  return FALSE;
}

/* Reads @path into memory, refusing anything that is not an ordinary file or is bigger than
 * SP_XML_MAX_BYTES before reading any of it. */
GBytes *
sp_xml_read_file (const gchar  *path,
                  GError      **error)
{
  g_autofree gchar *display = g_filename_display_basename (path);
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize size, got = 0;
  gint fd;

  /* O_NONBLOCK: a named pipe must not hang the program before fstat() can refuse it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      gint saved = errno;
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE,
                   saved == ENOENT ? _("The file “%s” does not exist.")
                   : saved == EACCES ? _("You do not have permission to read the file “%s”.")
                   : _("The file “%s” could not be opened."),
                   display);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE,
                   _("“%s” is not an ordinary file, so it was not read."), display);
      close (fd);
      return NULL;
    }
  if ((guint64) st.st_size > SP_XML_MAX_BYTES)
    {
      close (fd);
      set_too_big ((gsize) st.st_size, error);
      return NULL;
    }
  size = (gsize) st.st_size;
  if (size == 0)
    {
      close (fd);
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_EMPTY,
                   _("The file “%s” is empty."), display);
      return NULL;
    }

  /* One byte more than fstat() said, to notice a file that grows while it is read. */
  data = g_malloc (size + 1);
  while (got < size + 1)
    {
      gssize n = read (fd, data + got, size + 1 - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE,
                       _("The file “%s” could not be read."), display);
          return NULL;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  if (got > size)
    {
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_UNREADABLE,
                   _("The file “%s” changed while it was being read; try again."), display);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), got);
}

static gboolean
has_prefix (const guint8 *p,
            gsize         len,
            const gchar  *prefix,
            gsize         prefix_len)
{
  return len >= prefix_len && memcmp (p, prefix, prefix_len) == 0;
}

/* Checks on the raw bytes, before libxml2 sees them. */
static gboolean
check_bytes (const guint8  *p,
             gsize          len,
             GError       **error)
{
  gsize i = 0;

  if (len > SP_XML_MAX_BYTES)
    return set_too_big (len, error);

  if (has_prefix (p, len, "\xff\xfe", 2) || has_prefix (p, len, "\xfe\xff", 2))
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_ENCODING,
                           _("This file is saved as UTF-16; save it again as UTF-8 and try "
                             "again."));
      return FALSE;
    }
  if (has_prefix (p, len, "\xef\xbb\xbf", 3))
    i = 3;
  while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
    i++;
  if (i == len)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_EMPTY, _("This file is empty."));
      return FALSE;
    }

  if (has_prefix (p, len, "\x1f\x8b", 2) || has_prefix (p, len, "PK\x03\x04", 4)
      || has_prefix (p, len, "%PDF", 4) || memchr (p, '\0', len) != NULL)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_BINARY,
                           _("This is not an XML file: it looks like a binary file, such as a "
                             "spreadsheet, an archive or a program."));
      return FALSE;
    }
  if (p[i] != '<')
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_MALFORMED,
                           _("This is not an XML file: it does not start with a tag."));
      return FALSE;
    }

  /* A DOCTYPE is how entity bombs, external entities and external DTDs get in. No file we
   * read ever needs one, so none is parsed at all. */
  if (memmem (p, len, "<!DOCTYPE", 9) != NULL || memmem (p, len, "<!ENTITY", 8) != NULL)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_DOCTYPE,
                           _("This file was refused because it contains a document type "
                             "declaration (DOCTYPE), which can hide harmful content; real "
                             "transfer files never have one."));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gboolean saw_dtd;
} Guard;

static void
on_internal_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = data;

  ((Guard *) ctxt->_private)->saw_dtd = TRUE;
  xmlStopParser (ctxt);
}

static void
on_entity_decl (void          *data,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = data;

  ((Guard *) ctxt->_private)->saw_dtd = TRUE;
  xmlStopParser (ctxt);
}

static void
set_parse_error (const xmlError  *e,
                 GError         **error)
{
  gint line = e != NULL ? e->line : 0;
  gint code = e != NULL ? e->code : XML_ERR_INTERNAL_ERROR;

  switch (code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_EMPTY, _("This file is empty."));
      return;

    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_I18N_CONV_FAILED:
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_ENCODING,
                   _("This file has characters that are not valid in its text encoding "
                     "(line %d), so it was not read."), line);
      return;

    case XML_ERR_DOCUMENT_END:
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_LT_IN_ATTRIBUTE:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_COMMENT_NOT_FINISHED:
    case XML_ERR_PI_NOT_FINISHED:
    case XML_ERR_CDATA_NOT_FINISHED:
    case XML_ERR_XMLDECL_NOT_FINISHED:
      if (e != NULL && e->message != NULL && strstr (e->message, "Premature end") == NULL
          && code != XML_ERR_DOCUMENT_END && code != XML_ERR_TAG_NOT_FINISHED)
        break;
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_TRUNCATED,
                           _("This file ends too early: it was cut off before the end. Export "
                             "or copy it again."));
      return;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_EXT_ENTITY_STANDALONE:
    case XML_ERR_ENTITYREF_NO_NAME:
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_DOCTYPE,
                   _("This file uses entities that it may not define (line %d), so it was not "
                     "read."), line);
      return;

    default:
      if (e != NULL && e->message != NULL && strstr (e->message, "Excessive depth") != NULL)
        {
          g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_TOO_DEEP,
                       _("This file nests its elements more than %d levels deep, far more than "
                         "any real transfer file, so it was not read."), 256);
          return;
        }
      break;
    }
  g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_MALFORMED,
               _("This file is not well-formed XML (the first problem is on line %d), so it "
                 "was not read."), line);
}

/* Parses @length bytes of @data, which came from outside. */
xmlDoc *
sp_xml_parse (const gchar  *data,
              gsize         length,
              GError      **error)
{
  const gint options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                       | XML_PARSE_NOCDATA;
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;
  Guard guard = { FALSE };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  sp_xml_init ();
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_EMPTY, _("This file is empty."));
      return NULL;
    }
  if (!check_bytes ((const guint8 *) data, length, error))
    return NULL;
  if (length > G_MAXINT)
    {
      set_too_big (length, error);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_MALFORMED,
                           _("There was not enough memory to read this file."));
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, options);
  if (guard.saw_dtd)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_DOCTYPE,
                           _("This file was refused because it contains a document type "
                             "declaration (DOCTYPE), which can hide harmful content; real "
                             "transfer files never have one."));
    }
  else if (doc == NULL || !ctxt->wellFormed)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      set_parse_error (&ctxt->lastError, error);
    }
  else if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_DOCTYPE,
                           _("This file was refused because it contains a document type "
                             "declaration (DOCTYPE), which can hide harmful content; real "
                             "transfer files never have one."));
    }
  else if (xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_EMPTY, _("This file is empty."));
    }
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);
  return doc;
}

xmlDoc *
sp_xml_parse_file (const gchar  *path,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = sp_xml_read_file (path, error);
  gsize length;
  const gchar *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return sp_xml_parse (data, length, error);
}

/* TRUE when @doc's root is <@name> in namespace @ns (NULL: no namespace); otherwise says,
 * in @kind's words, what the file starts with instead. */
gboolean
sp_xml_expect_root (xmlDoc       *doc,
                    const gchar  *name,
                    const gchar  *ns,
                    const gchar  *kind,
                    GError      **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  const gchar *root_ns;
  g_autofree gchar *shown = NULL;

  if (root != NULL && g_strcmp0 ((const gchar *) root->name, name) == 0)
    {
      root_ns = root->ns != NULL ? (const gchar *) root->ns->href : NULL;
      if (g_strcmp0 (root_ns, ns) == 0)
        return TRUE;
    }
  shown = root != NULL ? sp_xml_shorten ((const gchar *) root->name) : g_strdup ("");
  if (root != NULL && g_strcmp0 ((const gchar *) root->name, name) == 0)
    g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_WRONG_KIND,
                 _("This file is not %s: its <%s> is from another format."), kind, shown);
  else
    g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_WRONG_KIND,
                 _("This file is not %s: it starts with <%s>, not <%s>."), kind, shown, name);
  return FALSE;
}

/* @text made safe to show in a message: valid UTF-8, at most 40 characters. */
gchar *
sp_xml_shorten (const gchar *text)
{
  g_autofree gchar *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree gchar *start = NULL;

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, 40);
  return g_strconcat (start, "…", NULL);
}

gboolean
sp_xml_is (xmlNode     *node,
           const gchar *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && strcmp ((const gchar *) node->name, name) == 0;
}

/* The first child element called @name, whatever its namespace. */
xmlNode *
sp_xml_child (xmlNode     *parent,
              const gchar *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (sp_xml_is (n, name))
      return n;
  return NULL;
}

/* The text of @node, stripped of surrounding white space; "" when @node is NULL. */
gchar *
sp_xml_text (xmlNode *node)
{
  xmlChar *content;
  gchar *text;

  if (node == NULL)
    return g_strdup ("");
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup (content != NULL ? (const gchar *) content : ""));
  xmlFree (content);
  return text;
}

gchar *
sp_xml_child_text (xmlNode     *parent,
                   const gchar *name)
{
  return sp_xml_text (sp_xml_child (parent, name));
}
