#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A printable document as plain data: what the three builders (sp-documents.c) make and the
 * layout engine (sp-layout.c) turns into pages. It knows nothing of pages, fonts or Cairo.
 * Text is plain UTF-8 (never markup); NULL text is taken as "". */

typedef enum
{
  SP_DOC_TITLE,          /* the document's title, with a subtitle line */
  SP_DOC_HEADING,        /* level 1 or 2; may be a bookmark */
  SP_DOC_PARAGRAPH,
  SP_DOC_KEY_VALUES,     /* label: value lines, two columns */
  SP_DOC_TABLE,          /* a header row, then rows; breaks between rows */
  SP_DOC_BOXES,          /* empty boxes to write in (comments, signature), side by side */
  SP_DOC_PAGE_BREAK,
  SP_DOC_KEEP_TOGETHER,  /* the next n_columns blocks go on one page when they fit on one */
} SpDocBlockKind;

typedef enum
{
  SP_DOC_TEXT_NORMAL,
  SP_DOC_TEXT_LEAD,      /* a little larger: what a target is */
  SP_DOC_TEXT_MUTED,     /* smaller and grey: notes, "nothing recorded" */
  SP_DOC_TEXT_BULLET,    /* one item of a list */
  SP_DOC_TEXT_LABEL,     /* bold, small: the label above a paragraph */
} SpDocTextStyle;

typedef struct
{
  SpDocBlockKind  kind;
  SpDocTextStyle  style;
  guint           level;        /* heading: 1 or 2 */
  gboolean        outline;      /* heading: a bookmark in the PDF */
  gchar          *text;         /* title, heading, paragraph */
  gchar          *subtitle;     /* title */
  guint           n_columns;    /* key-values: 2; table; boxes */
  gdouble        *widths;       /* table, boxes: share of the width of each column */
  GPtrArray      *cells;        /* key-values: key, value, ...; table: header cells, then each
                                   row's cells; boxes: the labels */
  gdouble         height;       /* boxes: height in points */
} SpDocBlock;

typedef struct
{
  gchar     *title;           /* PDF metadata */
  gchar     *author;
  gchar     *subject;
  gchar     *header_left;     /* top of every page: the pupil's name */
  gchar     *header_right;    /* "Confidential" */
  gchar     *footer_left;     /* "Printed 23 November 2026" */
  gdouble    font_size;       /* body text in points: 11 for staff, 13 for parents */
  gboolean   landscape;       /* A4 landscape (the provision map); FALSE: portrait */
  GPtrArray *blocks;          /* SpDocBlock */
} SpDoc;

SpDoc       *sp_doc_new              (gdouble              font_size);
void         sp_doc_free             (SpDoc               *doc);

void         sp_doc_set_metadata     (SpDoc               *doc,
                                      const gchar         *title,
                                      const gchar         *author,
                                      const gchar         *subject);
void         sp_doc_set_page_text    (SpDoc               *doc,
                                      const gchar         *header_left,
                                      const gchar         *header_right,
                                      const gchar         *footer_left);

void         sp_doc_add_title        (SpDoc               *doc,
                                      const gchar         *title,
                                      const gchar         *subtitle);
void         sp_doc_add_heading      (SpDoc               *doc,
                                      guint                level,
                                      gboolean             outline,
                                      const gchar         *text);
void         sp_doc_add_paragraph    (SpDoc               *doc,
                                      SpDocTextStyle       style,
                                      const gchar         *text);
gboolean     sp_doc_add_labelled     (SpDoc               *doc,
                                      const gchar         *label,
                                      const gchar         *text);
void         sp_doc_add_key_value    (SpDoc               *doc,
                                      const gchar         *key,
                                      const gchar         *value);
SpDocBlock  *sp_doc_add_table        (SpDoc               *doc,
                                      guint                n_columns,
                                      const gdouble       *widths,
                                      const gchar * const *header);
void         sp_doc_table_add_row    (SpDocBlock          *table,
                                      const gchar * const *cells);
guint        sp_doc_table_n_rows     (SpDocBlock          *table);
void         sp_doc_add_boxes        (SpDoc               *doc,
                                      gdouble              height,
                                      guint                n_boxes,
                                      const gdouble       *widths,
                                      const gchar * const *labels);
void         sp_doc_add_page_break   (SpDoc               *doc);
guint        sp_doc_keep_begin       (SpDoc               *doc);
void         sp_doc_keep_end         (SpDoc               *doc,
                                      guint                begin);

gboolean     sp_doc_text_is_empty    (const gchar         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDoc, sp_doc_free)

G_END_DECLS
