/* sp-doc.c: the printable document model (see sp-doc.h). Empty values are dropped here, once,
 * so no builder can print a label with nothing after it or a "(null)". */
#include "config.h"

#include <string.h>

#include "sp-doc.h"

static void
block_free (gpointer data)
{
  SpDocBlock *b = data;

  g_free (b->text);
  g_free (b->subtitle);
  g_free (b->widths);
  g_clear_pointer (&b->cells, g_ptr_array_unref);
  g_free (b);
}

SpDoc *
sp_doc_new (gdouble font_size)
{
  SpDoc *doc = g_new0 (SpDoc, 1);

  doc->font_size = font_size > 0 ? font_size : 11;
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  return doc;
}

void
sp_doc_free (SpDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->author);
  g_free (doc->subject);
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->footer_left);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

/* TRUE for NULL, "" and text of spaces only. */
gboolean
sp_doc_text_is_empty (const gchar *text)
{
  if (text == NULL)
    return TRUE;
  for (const gchar *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Trims the ends; NULL becomes "". */
static gchar *
clean (const gchar *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static SpDocBlock *
add_block (SpDoc          *doc,
           SpDocBlockKind  kind)
{
  SpDocBlock *b = g_new0 (SpDocBlock, 1);

  b->kind = kind;
  g_ptr_array_add (doc->blocks, b);
  return b;
}

void
sp_doc_set_metadata (SpDoc        *doc,
                     const gchar  *title,
                     const gchar  *author,
                     const gchar  *subject)
{
  g_free (doc->title);
  g_free (doc->author);
  g_free (doc->subject);
  doc->title = clean (title);
  doc->author = clean (author);
  doc->subject = clean (subject);
}

void
sp_doc_set_page_text (SpDoc        *doc,
                      const gchar  *header_left,
                      const gchar  *header_right,
                      const gchar  *footer_left)
{
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->footer_left);
  doc->header_left = clean (header_left);
  doc->header_right = clean (header_right);
  doc->footer_left = clean (footer_left);
}

void
sp_doc_add_title (SpDoc        *doc,
                  const gchar  *title,
                  const gchar  *subtitle)
{
  SpDocBlock *b = add_block (doc, SP_DOC_TITLE);

  b->text = clean (title);
  b->subtitle = clean (subtitle);
}

void
sp_doc_add_heading (SpDoc        *doc,
                    guint         level,
                    gboolean      outline,
                    const gchar  *text)
{
  SpDocBlock *b;

  if (sp_doc_text_is_empty (text))
    return;
  b = add_block (doc, SP_DOC_HEADING);
  b->level = CLAMP (level, 1, 2);
  b->outline = outline;
  b->text = clean (text);
}

void
sp_doc_add_paragraph (SpDoc           *doc,
                      SpDocTextStyle   style,
                      const gchar     *text)
{
  SpDocBlock *b;

  if (sp_doc_text_is_empty (text))
    return;
  b = add_block (doc, SP_DOC_PARAGRAPH);
  b->style = style;
  b->text = clean (text);
}

/* A small bold label over a paragraph; neither is added when @text is empty. */
gboolean
sp_doc_add_labelled (SpDoc        *doc,
                     const gchar  *label,
                     const gchar  *text)
{
  if (sp_doc_text_is_empty (text))
    return FALSE;
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, label);
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, text);
  return TRUE;
}

/* One "key: value" line, joined to the list just before it; dropped when @value is empty. */
void
sp_doc_add_key_value (SpDoc        *doc,
                      const gchar  *key,
                      const gchar  *value)
{
  SpDocBlock *b = NULL;

  if (sp_doc_text_is_empty (value))
    return;
  if (doc->blocks->len > 0)
    {
      SpDocBlock *last = g_ptr_array_index (doc->blocks, doc->blocks->len - 1);
      if (last->kind == SP_DOC_KEY_VALUES)
        b = last;
    }
  if (b == NULL)
    {
      b = add_block (doc, SP_DOC_KEY_VALUES);
      b->n_columns = 2;
      b->cells = g_ptr_array_new_with_free_func (g_free);
    }
  g_ptr_array_add (b->cells, clean (key));
  g_ptr_array_add (b->cells, clean (value));
}

static gdouble *
copy_widths (guint          n,
             const gdouble *widths)
{
  gdouble *w = g_new (gdouble, n);
  gdouble total = 0;

  for (guint i = 0; i < n; i++)
    total += (w[i] = widths ? MAX (widths[i], 0.01) : 1.0);
  for (guint i = 0; i < n; i++)
    w[i] /= total;
  return w;
}

/* A table of @n_columns with @header (n_columns cells); @widths are relative shares of the
 * width, or NULL for equal columns. */
SpDocBlock *
sp_doc_add_table (SpDoc                *doc,
                  guint                 n_columns,
                  const gdouble        *widths,
                  const gchar * const  *header)
{
  SpDocBlock *b;

  g_return_val_if_fail (n_columns > 0 && header != NULL, NULL);
  b = add_block (doc, SP_DOC_TABLE);
  b->n_columns = n_columns;
  b->widths = copy_widths (n_columns, widths);
  b->cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (b->cells, clean (header[i]));
  return b;
}

void
sp_doc_table_add_row (SpDocBlock           *table,
                      const gchar * const  *cells)
{
  g_return_if_fail (table != NULL && table->kind == SP_DOC_TABLE);
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (table->cells, clean (cells[i]));
}

/* Rows after the header. */
guint
sp_doc_table_n_rows (SpDocBlock *table)
{
  return table->cells->len / table->n_columns - 1;
}

void
sp_doc_add_boxes (SpDoc                *doc,
                  gdouble               height,
                  guint                 n_boxes,
                  const gdouble        *widths,
                  const gchar * const  *labels)
{
  SpDocBlock *b;

  g_return_if_fail (n_boxes > 0);
  b = add_block (doc, SP_DOC_BOXES);
  b->n_columns = n_boxes;
  b->widths = copy_widths (n_boxes, widths);
  b->height = height;
  b->cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_boxes; i++)
    g_ptr_array_add (b->cells, clean (labels[i]));
}

void
sp_doc_add_page_break (SpDoc *doc)
{
  add_block (doc, SP_DOC_PAGE_BREAK);
}

/* The blocks added between sp_doc_keep_begin() and sp_doc_keep_end() start on a new page
 * rather than break, when together they fit on one page: a target with its strategies, the
 * comments box with the signature line. */
guint
sp_doc_keep_begin (SpDoc *doc)
{
  add_block (doc, SP_DOC_KEEP_TOGETHER);
  return doc->blocks->len - 1;
}

void
sp_doc_keep_end (SpDoc *doc,
                 guint  begin)
{
  SpDocBlock *keep;

  g_return_if_fail (begin < doc->blocks->len);
  keep = g_ptr_array_index (doc->blocks, begin);
  g_return_if_fail (keep->kind == SP_DOC_KEEP_TOGETHER);
  keep->n_columns = doc->blocks->len - begin - 1;
}
