/* sp-layout.c: an SpDoc laid out on A4 pages with Pango, and drawn on any cairo_t.
 *
 * Laying out measures every piece of text once, at 72 dpi (a point is a Cairo unit on a PDF
 * surface; see PITFALLS: Pango's default of 96 dpi makes text 96/72 too big), and records each
 * page as a list of drawing operations. Text is broken only between lines: a paragraph or a
 * table row too tall for the rest of a page carries on at the top of the next, a table's header
 * row is drawn again there, and a heading is never left alone at the foot of a page. Drawing a
 * page replays its operations, so a PDF file and a printed page are the same by construction. */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sp-export-file.h"
#include "sp-layout.h"

#define MM            (72.0 / 25.4)
#define MARGIN_X      (20 * MM)
#define BODY_TOP      (27 * MM)
#define BODY_BOTTOM   (self->page_height - 22 * MM)   /* A4 portrait or landscape */
#define BODY_WIDTH    (self->page_width - 2 * MARGIN_X)
#define BODY_HEIGHT   (BODY_BOTTOM - BODY_TOP)

#define FONT_FAMILY   "Noto Sans, Cantarell, DejaVu Sans, sans-serif"

#define COLOR_TEXT    0x1b1d21
#define COLOR_ACCENT  0x1c4f82
#define COLOR_MUTED   0x55595f
#define COLOR_RULE    0xa9b4c2
#define COLOR_HEAD_BG 0xe6eef7
#define COLOR_BOX     0x6f7c8e

typedef enum
{
  OP_TEXT,
  OP_RECT,
  OP_LINE,
} OpKind;

typedef struct
{
  OpKind       kind;
  PangoLayout *layout;       /* text: the lines first_line .. first_line + n_lines - 1 */
  guint        first_line;
  guint        n_lines;
  gdouble      x, y, w, h;   /* text: top left; rect: box; line: from (x, y) to (w, h) */
  guint32      color;        /* text and stroke */
  gdouble      stroke;       /* 0: no stroke */
  gboolean     filled;
  guint32      fill;
} Op;

typedef struct
{
  guint    level;
  gchar   *text;
  guint    page;
  gdouble  y;
} Mark;

/* A measured piece of text: the layout and where each line starts and ends. */
typedef struct
{
  PangoLayout *layout;
  guint        n_lines;
  gdouble     *top;
  gdouble     *bottom;
} Text;

typedef enum
{
  STYLE_BODY,
  STYLE_BOLD,
  STYLE_LEAD,
  STYLE_MUTED,
  STYLE_LABEL,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_H1,
  STYLE_H2,
  STYLE_CELL,
  STYLE_CELL_HEAD,
  STYLE_KEY,
  STYLE_PAGE,
  N_STYLES
} Style;

struct _SpLayout
{
  PangoContext         *context;
  PangoFontDescription *fonts[N_STYLES];
  guint32               colors[N_STYLES];
  gdouble               size;
  gchar                *title;
  gchar                *author;
  gchar                *subject;
  gchar                *header_left;
  gchar                *header_right;
  gchar                *footer_left;
  GPtrArray            *pages;        /* GArray of Op */
  GArray               *marks;        /* Mark */
  gdouble               y;            /* where the next piece goes on the last page */
  gdouble               page_width;   /* A4, portrait or landscape (SpDoc.landscape) */
  gdouble               page_height;
};

/* Laying out a table: its columns and header row, drawn again on each new page. */
typedef struct
{
  guint     n;
  gdouble   x[16];
  gdouble   w[16];
  gdouble   pad;
  gboolean  borders;
  Text    **header;                   /* NULL for key-value lists */
} Grid;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static void
mark_clear (gpointer data)
{
  Mark *m = data;

  g_free (m->text);
}

static void
text_free (Text *t)
{
  if (t == NULL)
    return;
  g_object_unref (t->layout);
  g_free (t->top);
  g_free (t->bottom);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Text, text_free)

static void
set_source (cairo_t *cr,
            guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoFontDescription *
font (gdouble     size,
      PangoWeight weight)
{
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (gint) (size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (desc, weight);
  return desc;
}

static gboolean
is_emoji (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF);
}

/* Asks for each emoji's text presentation (U+FE0E after it) unless the writer chose one: a
 * colour emoji font's glyphs reach a PDF as small bitmaps with no text behind them (blurred
 * on paper, lost to copy and paste and to screen readers); a text font (DejaVu Sans has most
 * emoji) draws them as outlines that are real text. */
static gchar *
text_presentation (const gchar *string)
{
  GString *s = NULL;

  for (const gchar *p = string; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (s == NULL && is_emoji (c))
        s = g_string_new_len (string, p - string);
      if (s == NULL)
        continue;
      g_string_append_unichar (s, c);
      if (is_emoji (c) && next != 0xFE0E && next != 0xFE0F && next != 0x200D
          && !(next >= 0x1F3FB && next <= 0x1F3FF))
        g_string_append_unichar (s, 0xFE0E);
    }
  return s ? g_string_free (s, FALSE) : NULL;
}

static Text *
make_text (SpLayout     *self,
           const gchar  *string,
           Style         style,
           gdouble       width,
           PangoAlignment align)
{
  Text *t = g_new0 (Text, 1);
  g_autofree gchar *emoji = NULL;
  PangoLayoutIter *iter;
  guint i = 0;

  t->layout = pango_layout_new (self->context);
  pango_layout_set_auto_dir (t->layout, FALSE);
  pango_layout_set_font_description (t->layout, self->fonts[style]);
  pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (t->layout, (gint) (width * PANGO_SCALE));
  pango_layout_set_alignment (t->layout, align);
  if (style != STYLE_TITLE && style != STYLE_PAGE)
    pango_layout_set_line_spacing (t->layout, 1.2);
  emoji = text_presentation (string);
  pango_layout_set_text (t->layout, emoji ? emoji : string, -1);

  t->n_lines = (guint) pango_layout_get_line_count (t->layout);
  t->top = g_new (gdouble, MAX (t->n_lines, 1));
  t->bottom = g_new (gdouble, MAX (t->n_lines, 1));
  iter = pango_layout_get_iter (t->layout);
  do
    {
      gint y0, y1;

      if (i >= t->n_lines)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      t->top[i] = (gdouble) y0 / PANGO_SCALE;
      t->bottom[i] = (gdouble) y1 / PANGO_SCALE;
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  t->n_lines = i;
  return t;
}

/* Height of lines @from .. @from + @count - 1. */
static gdouble
text_height (const Text *t,
             guint       from,
             guint       count)
{
  if (count == 0 || from >= t->n_lines)
    return 0;
  count = MIN (count, t->n_lines - from);
  return t->bottom[from + count - 1] - t->top[from];
}

/* How many lines from @from fit in @height. */
static guint
lines_fitting (const Text *t,
               guint       from,
               gdouble     height)
{
  guint n = 0;

  while (from + n < t->n_lines && t->bottom[from + n] - t->top[from] <= height + 0.01)
    n++;
  return n;
}

static GArray *
current_page (SpLayout *self)
{
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static void
new_page (SpLayout *self)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (ops, op_clear);
  g_ptr_array_add (self->pages, ops);
  self->y = BODY_TOP;
}

static gboolean
at_page_top (SpLayout *self)
{
  return self->y <= BODY_TOP + 0.01;
}

static void
add_space (SpLayout *self,
           gdouble   space)
{
  if (!at_page_top (self))
    self->y = MIN (self->y + space, BODY_BOTTOM);
}

static void
emit_text (SpLayout   *self,
           const Text *t,
           guint       first,
           guint       count,
           gdouble     x,
           gdouble     y,
           guint32     color)
{
  Op op = { OP_TEXT, g_object_ref (t->layout), first, count, x, y, 0, 0, color, 0, FALSE, 0 };

  g_array_append_val (current_page (self), op);
}

static void
emit_rect (SpLayout *self,
           gdouble   x,
           gdouble   y,
           gdouble   w,
           gdouble   h,
           gboolean  filled,
           guint32   fill,
           gdouble   stroke,
           guint32   color)
{
  Op op = { OP_RECT, NULL, 0, 0, x, y, w, h, color, stroke, filled, fill };

  g_array_append_val (current_page (self), op);
}

static void
emit_line (SpLayout *self,
           gdouble   x0,
           gdouble   y0,
           gdouble   x1,
           gdouble   y1,
           gdouble   stroke,
           guint32   color)
{
  Op op = { OP_LINE, NULL, 0, 0, x0, y0, x1, y1, color, stroke, FALSE, 0 };

  g_array_append_val (current_page (self), op);
}

/* A paragraph at @x, @width wide, broken between lines over pages; @bullet is drawn beside its
 * first line. Keeps at least two lines together at the foot of a page. */
static void
place_text (SpLayout   *self,
            const Text *t,
            guint32     color,
            gdouble     x,
            const Text *bullet)
{
  guint from = 0;

  while (from < t->n_lines)
    {
      gdouble avail = BODY_BOTTOM - self->y;
      guint fit = lines_fitting (t, from, avail);
      guint left = t->n_lines - from;

      if (fit < left && !at_page_top (self) && (fit < 2 || left - fit < 2) && left > 1)
        fit = left - fit < 2 && fit >= 3 ? fit - 1 : 0;
      if (fit == 0 && at_page_top (self))
        fit = 1;              /* a line taller than a page: draw it anyway */
      if (fit == 0)
        {
          new_page (self);
          continue;
        }
      if (from == 0 && bullet != NULL)
        emit_text (self, bullet, 0, 1, x - self->size * 1.1, self->y, color);
      emit_text (self, t, from, fit, x, self->y, color);
      self->y += text_height (t, from, fit);
      from += fit;
      if (from < t->n_lines)
        new_page (self);
    }
}

static gdouble
header_height (SpLayout   *self,
               const Grid *grid)
{
  gdouble h = 0;

  if (grid->header == NULL)
    return 0;
  for (guint c = 0; c < grid->n; c++)
    h = MAX (h, text_height (grid->header[c], 0, grid->header[c]->n_lines));
  return h + 2 * grid->pad;
}

/* Draws one slice of a row: for each cell, lines from[c] .. from[c] + count[c] - 1. */
static void
emit_row (SpLayout    *self,
          const Grid  *grid,
          Text       **cells,
          const guint *from,
          const guint *count,
          gdouble      height,
          gboolean     is_header,
          guint32      key_color)
{
  for (guint c = 0; c < grid->n; c++)
    {
      if (grid->borders)
        emit_rect (self, grid->x[c], self->y, grid->w[c], height, is_header, COLOR_HEAD_BG,
                   0.6, COLOR_RULE);
      if (count[c] > 0)
        emit_text (self, cells[c], from[c], count[c], grid->x[c] + grid->pad,
                   self->y + grid->pad,
                   is_header ? COLOR_ACCENT : (c == 0 && key_color ? key_color : COLOR_TEXT));
    }
  self->y += height;
}

static void
place_header (SpLayout   *self,
              const Grid *grid)
{
  guint from[16] = { 0 }, count[16];

  if (grid->header == NULL)
    return;
  for (guint c = 0; c < grid->n; c++)
    count[c] = grid->header[c]->n_lines;
  emit_row (self, grid, grid->header, from, count, header_height (self, grid), TRUE, 0);
}

static void
grid_new_page (SpLayout   *self,
               const Grid *grid)
{
  new_page (self);
  place_header (self, grid);
}

/* One row of a table or key-value list. A row that fits goes whole; a short row that does
 * not fit goes to the next page; a long one is split between lines of its cells, so a very
 * long cell never leaves most of a page empty. */
static void
place_row (SpLayout   *self,
           const Grid *grid,
           Text      **cells,
           guint32     key_color)
{
  guint from[16] = { 0 };
  gdouble row_top = BODY_TOP + header_height (self, grid);

  for (;;)
    {
      gdouble need = 0, avail = BODY_BOTTOM - self->y;
      gboolean fresh = self->y <= row_top + 0.01;
      guint count[16];
      gboolean any = FALSE, more = FALSE;

      for (guint c = 0; c < grid->n; c++)
        need = MAX (need, text_height (cells[c], from[c], cells[c]->n_lines - from[c]));
      need += 2 * grid->pad;

      if (need <= avail)
        {
          for (guint c = 0; c < grid->n; c++)
            count[c] = cells[c]->n_lines - from[c];
          emit_row (self, grid, cells, from, count, need, FALSE, key_color);
          return;
        }
      if (!fresh && (need <= BODY_HEIGHT * 0.3 || avail < self->size * 5))
        {
          grid_new_page (self, grid);
          continue;
        }

      for (guint c = 0; c < grid->n; c++)
        {
          count[c] = lines_fitting (cells[c], from[c], avail - 2 * grid->pad);
          any |= count[c] > 0;
        }
      if (!any && !fresh)
        {
          grid_new_page (self, grid);
          continue;
        }
      if (!any)
        for (guint c = 0; c < grid->n; c++)
          count[c] = MIN (1, cells[c]->n_lines - from[c]);

      emit_row (self, grid, cells, from, count, avail, FALSE, key_color);
      for (guint c = 0; c < grid->n; c++)
        {
          from[c] += count[c];
          more |= from[c] < cells[c]->n_lines;
        }
      if (!more)
        return;
      grid_new_page (self, grid);
    }
}

static void
place_table (SpLayout         *self,
             const SpDocBlock *block)
{
  guint n = MIN (block->n_columns, 16);
  guint n_rows = block->cells->len / block->n_columns;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  Grid grid = { .n = n, .pad = self->size * 0.4, .borders = TRUE };
  gdouble x = MARGIN_X;

  for (guint c = 0; c < n; c++)
    {
      grid.x[c] = x;
      grid.w[c] = BODY_WIDTH * block->widths[c];
      x += grid.w[c];
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n; c++)
      g_ptr_array_add (texts, make_text (self, g_ptr_array_index (block->cells,
                                                                  r * block->n_columns + c),
                                         r == 0 ? STYLE_CELL_HEAD : STYLE_CELL,
                                         grid.w[c] - 2 * grid.pad, PANGO_ALIGN_LEFT));
  grid.header = (Text **) texts->pdata;

  /* The header stays with the first row, or its first lines when it is long. */
  if (n_rows > 1)
    {
      gdouble first = 0;

      for (guint c = 0; c < n; c++)
        first = MAX (first, text_height (grid.header[n + c], 0, grid.header[n + c]->n_lines));
      first = MIN (first, self->size * 6) + 2 * grid.pad;
      if (!at_page_top (self) && self->y + header_height (self, &grid) + first > BODY_BOTTOM)
        new_page (self);
    }
  place_header (self, &grid);
  for (guint r = 1; r < n_rows; r++)
    place_row (self, &grid, (Text **) texts->pdata + r * n, 0);
}

static void
place_key_values (SpLayout         *self,
                  const SpDocBlock *block)
{
  Grid grid = { .n = 2, .pad = self->size * 0.15, .borders = FALSE };
  gdouble key_w = self->size > 12 ? 0.36 : 0.3;

  grid.x[0] = MARGIN_X;
  grid.w[0] = BODY_WIDTH * key_w;
  grid.x[1] = MARGIN_X + grid.w[0];
  grid.w[1] = BODY_WIDTH - grid.w[0];

  for (guint i = 0; i + 1 < block->cells->len; i += 2)
    {
      Text *cells[2];

      cells[0] = make_text (self, g_ptr_array_index (block->cells, i), STYLE_KEY,
                            grid.w[0] - 2 * grid.pad - 6, PANGO_ALIGN_LEFT);
      cells[1] = make_text (self, g_ptr_array_index (block->cells, i + 1), STYLE_BODY,
                            grid.w[1] - 2 * grid.pad, PANGO_ALIGN_LEFT);
      place_row (self, &grid, cells, COLOR_MUTED);
      text_free (cells[0]);
      text_free (cells[1]);
    }
}

static void
place_boxes (SpLayout         *self,
             const SpDocBlock *block)
{
  gdouble gap = 12, x = MARGIN_X;
  gdouble total = BODY_WIDTH - gap * (block->n_columns - 1);

  if (self->y + block->height > BODY_BOTTOM)
    new_page (self);
  for (guint c = 0; c < block->n_columns; c++)
    {
      gdouble w = total * block->widths[c];
      const gchar *label = g_ptr_array_index (block->cells, c);

      emit_rect (self, x, self->y, w, block->height, FALSE, 0, 0.8, COLOR_BOX);
      if (*label)
        {
          g_autoptr(Text) t = make_text (self, label, STYLE_MUTED, w - 12, PANGO_ALIGN_LEFT);
          emit_text (self, t, 0, t->n_lines, x + 6, self->y + 4, COLOR_MUTED);
        }
      x += w + gap;
    }
  self->y += block->height;
}

/* Roughly how much of the blocks after a heading or label must follow it on the same page:
 * the next block's first lines, and after a heading, what follows that heading too. */
static gdouble
keep_with_next (SpLayout         *self,
                const SpDocBlock *next)
{
  if (next == NULL)
    return 0;
  switch (next->kind)
    {
    case SP_DOC_BOXES:
      return next->height + self->size;
    case SP_DOC_TABLE:
      return self->size * 7;
    case SP_DOC_HEADING:
      return self->size * 9;
    case SP_DOC_PARAGRAPH:
      return next->style == SP_DOC_TEXT_LABEL ? self->size * 5.5 : self->size * 3.5;
    default:
      return self->size * 3.5;
    }
}

static void
place_heading (SpLayout         *self,
               const SpDocBlock *block,
               const SpDocBlock *next)
{
  Style style = block->level == 1 ? STYLE_H1 : STYLE_H2;
  g_autoptr(Text) t = make_text (self, block->text, style, BODY_WIDTH, PANGO_ALIGN_LEFT);
  gdouble h = text_height (t, 0, t->n_lines);
  Mark mark;

  add_space (self, block->level == 1 ? self->size * 1.3 : self->size * 0.9);
  if (self->y + h + keep_with_next (self, next) > BODY_BOTTOM)
    new_page (self);

  mark.level = block->level;
  mark.text = g_strdup (block->text);
  mark.page = self->pages->len - 1;
  mark.y = self->y;
  if (block->outline)
    g_array_append_val (self->marks, mark);
  else
    g_free (mark.text);

  place_text (self, t, self->colors[style], MARGIN_X, NULL);
  if (block->level == 1)
    {
      emit_line (self, MARGIN_X, self->y + 2, MARGIN_X + BODY_WIDTH, self->y + 2, 0.8,
                 COLOR_RULE);
      self->y += 4;
    }
  self->y += self->size * 0.35;
}

static void
place_title (SpLayout         *self,
             const SpDocBlock *block)
{
  g_autoptr(Text) title = make_text (self, block->text, STYLE_TITLE, BODY_WIDTH,
                                     PANGO_ALIGN_LEFT);

  place_text (self, title, self->colors[STYLE_TITLE], MARGIN_X, NULL);
  if (*block->subtitle)
    {
      g_autoptr(Text) sub = make_text (self, block->subtitle, STYLE_SUBTITLE, BODY_WIDTH,
                                       PANGO_ALIGN_LEFT);
      self->y += 2;
      place_text (self, sub, self->colors[STYLE_SUBTITLE], MARGIN_X, NULL);
    }
  self->y += self->size * 0.5;
  emit_line (self, MARGIN_X, self->y, MARGIN_X + BODY_WIDTH, self->y, 2.0, COLOR_ACCENT);
  self->y += self->size * 0.8;
}

static void
place_paragraph (SpLayout         *self,
                 const SpDocBlock *block,
                 const SpDocBlock *next)
{
  Style style;
  gdouble x = MARGIN_X, width = BODY_WIDTH;
  g_autoptr(Text) bullet = NULL;
  g_autoptr(Text) t = NULL;

  switch (block->style)
    {
    case SP_DOC_TEXT_LEAD:
      style = STYLE_LEAD;
      break;
    case SP_DOC_TEXT_MUTED:
      style = STYLE_MUTED;
      break;
    case SP_DOC_TEXT_LABEL:
      style = STYLE_LABEL;
      add_space (self, self->size * 0.3);
      break;
    case SP_DOC_TEXT_BULLET:
      style = STYLE_BODY;
      x += self->size * 1.4;
      width -= self->size * 1.4;
      bullet = make_text (self, "•", STYLE_BODY, self->size, PANGO_ALIGN_LEFT);
      break;
    case SP_DOC_TEXT_NORMAL:
    default:
      style = STYLE_BODY;
      break;
    }

  t = make_text (self, block->text, style, width, PANGO_ALIGN_LEFT);
  /* A label stays with the first lines of what it labels. */
  if (block->style == SP_DOC_TEXT_LABEL
      && self->y + text_height (t, 0, t->n_lines) + keep_with_next (self, next) > BODY_BOTTOM)
    new_page (self);
  place_text (self, t, self->colors[style], x, bullet);

  if (block->style == SP_DOC_TEXT_LABEL)
    self->y += self->size * 0.1;
  else if (block->style == SP_DOC_TEXT_BULLET && next != NULL && next->kind == SP_DOC_PARAGRAPH
           && next->style == SP_DOC_TEXT_BULLET)
    self->y += self->size * 0.2;
  else
    self->y += self->size * 0.55;
}

static void place_block (SpLayout    *self,
                         const SpDoc *doc,
                         guint        i);

/* The height blocks @first .. @first + @n - 1 take, found by laying them out on a scratch
 * page that is then thrown away; G_MAXDOUBLE when they do not fit on one page. */
static gdouble
measure_group (SpLayout    *self,
               const SpDoc *doc,
               guint        first,
               guint        n)
{
  guint pages = self->pages->len, marks = self->marks->len;
  gdouble y = self->y, height;

  new_page (self);
  for (guint i = first; i < first + n && i < doc->blocks->len; i++)
    place_block (self, doc, i);
  height = self->pages->len == pages + 1 ? self->y - BODY_TOP : G_MAXDOUBLE;
  g_ptr_array_set_size (self->pages, pages);
  g_array_set_size (self->marks, marks);
  self->y = y;
  return height;
}

/* The block after @i that draws something (not a keep-together mark). */
static const SpDocBlock *
next_block (const SpDoc *doc,
            guint        i)
{
  for (i++; i < doc->blocks->len; i++)
    {
      const SpDocBlock *b = g_ptr_array_index (doc->blocks, i);
      if (b->kind != SP_DOC_KEEP_TOGETHER)
        return b;
    }
  return NULL;
}

static void
place_block (SpLayout    *self,
             const SpDoc *doc,
             guint        i)
{
  const SpDocBlock *block = g_ptr_array_index (doc->blocks, i);
  const SpDocBlock *next = next_block (doc, i);

  switch (block->kind)
    {
    case SP_DOC_TITLE:
      place_title (self, block);
      break;
    case SP_DOC_HEADING:
      place_heading (self, block, next);
      break;
    case SP_DOC_PARAGRAPH:
      place_paragraph (self, block, next);
      break;
    case SP_DOC_KEY_VALUES:
      place_key_values (self, block);
      self->y += self->size * 0.5;
      break;
    case SP_DOC_TABLE:
      add_space (self, self->size * 0.2);
      place_table (self, block);
      self->y += self->size * 0.8;
      break;
    case SP_DOC_BOXES:
      add_space (self, self->size * 0.3);
      place_boxes (self, block);
      self->y += self->size * 0.8;
      break;
    case SP_DOC_PAGE_BREAK:
      if (!at_page_top (self))
        new_page (self);
      break;
    case SP_DOC_KEEP_TOGETHER:
      if (!at_page_top (self) && block->n_columns > 0)
        {
          /* What the group's first block adds above itself off the top of a page. */
          gdouble height = measure_group (self, doc, i + 1, block->n_columns) + self->size * 1.5;

          if (height <= BODY_HEIGHT && self->y + height > BODY_BOTTOM)
            new_page (self);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
lay_out (SpLayout    *self,
         const SpDoc *doc)
{
  new_page (self);
  for (guint i = 0; i < doc->blocks->len; i++)
    place_block (self, doc, i);
}

SpLayout *
sp_layout_new (const SpDoc *doc)
{
  SpLayout *self = g_new0 (SpLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  gdouble s = doc->font_size;

  /* A context of its own at 72 dpi, unhinted, so measures are the same on a PDF surface and a
   * printer's, and the same from any thread (each thread has its own default font map). */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  /* The document reads in the direction of its language, whatever the direction of a name
   * that starts a sentence (a paragraph's own direction would set "محمد’s plan" right to
   * left). Translators of right-to-left languages translate this as "default:RTL". */
  pango_context_set_base_dir (self->context,
                              g_str_equal (_("default:LTR"), "default:RTL")
                              ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);

  self->size = s;
  self->page_width = doc->landscape ? SP_LAYOUT_PAGE_HEIGHT : SP_LAYOUT_PAGE_WIDTH;
  self->page_height = doc->landscape ? SP_LAYOUT_PAGE_WIDTH : SP_LAYOUT_PAGE_HEIGHT;
  self->fonts[STYLE_BODY] = font (s, PANGO_WEIGHT_NORMAL);
  self->fonts[STYLE_BOLD] = font (s, PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_LEAD] = font (s * 1.08, PANGO_WEIGHT_SEMIBOLD);
  self->fonts[STYLE_MUTED] = font (s * 0.88, PANGO_WEIGHT_NORMAL);
  self->fonts[STYLE_LABEL] = font (s * 0.92, PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_TITLE] = font (s * 1.9, PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_SUBTITLE] = font (s * 1.08, PANGO_WEIGHT_NORMAL);
  self->fonts[STYLE_H1] = font (s * 1.38, PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_H2] = font (s * 1.12, PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_CELL] = font (MAX (s * 0.9, 9.5), PANGO_WEIGHT_NORMAL);
  self->fonts[STYLE_CELL_HEAD] = font (MAX (s * 0.9, 9.5), PANGO_WEIGHT_BOLD);
  self->fonts[STYLE_KEY] = font (s * 0.92, PANGO_WEIGHT_SEMIBOLD);
  self->fonts[STYLE_PAGE] = font (8.5, PANGO_WEIGHT_NORMAL);
  for (guint i = 0; i < N_STYLES; i++)
    self->colors[i] = COLOR_TEXT;
  self->colors[STYLE_MUTED] = COLOR_MUTED;
  self->colors[STYLE_LABEL] = COLOR_ACCENT;
  self->colors[STYLE_TITLE] = COLOR_ACCENT;
  self->colors[STYLE_SUBTITLE] = COLOR_MUTED;
  self->colors[STYLE_H1] = COLOR_ACCENT;
  self->colors[STYLE_KEY] = COLOR_MUTED;
  self->colors[STYLE_PAGE] = COLOR_MUTED;

  self->title = g_strdup (doc->title ? doc->title : "");
  self->author = g_strdup (doc->author ? doc->author : "");
  self->subject = g_strdup (doc->subject ? doc->subject : "");
  self->header_left = g_strdup (doc->header_left ? doc->header_left : "");
  self->header_right = g_strdup (doc->header_right ? doc->header_right : "");
  self->footer_left = g_strdup (doc->footer_left ? doc->footer_left : "");
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);

  lay_out (self, doc);
  return self;
}

void
sp_layout_free (SpLayout *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_ptr_array_unref (self->pages);
  g_array_unref (self->marks);
  g_free (self->title);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->header_left);
  g_free (self->header_right);
  g_free (self->footer_left);
  g_object_unref (self->context);
  g_free (self);
}

/* The page's size in points: A4 portrait, or landscape when the document asked for it. */
void
sp_layout_get_page_size (SpLayout *self,
                         gdouble  *width,
                         gdouble  *height)
{
  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

guint
sp_layout_get_n_pages (SpLayout *self)
{
  return self->pages->len;
}

static void
draw_text (cairo_t  *cr,
           const Op *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  gdouble offset = 0;
  guint i = 0;

  set_source (cr, op->color);
  do
    {
      if (i >= op->first_line + op->n_lines)
        break;
      if (i >= op->first_line)
        {
          PangoRectangle logical;
          gint y0, y1;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          if (i == op->first_line)
            offset = (gdouble) y0 / PANGO_SCALE;
          cairo_move_to (cr, op->x + (gdouble) logical.x / PANGO_SCALE,
                         op->y - offset + (gdouble) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_page_text (SpLayout     *self,
                cairo_t      *cr,
                const gchar  *text,
                gdouble       y,
                PangoAlignment align,
                gboolean      bold)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return;
  layout = pango_layout_new (self->context);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_font_description (layout, self->fonts[bold ? STYLE_LABEL : STYLE_PAGE]);
  if (bold)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_copy (self->fonts[STYLE_PAGE]);
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (layout, desc);
    }
  pango_layout_set_width (layout, (gint) (BODY_WIDTH * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  set_source (cr, bold ? COLOR_ACCENT : COLOR_MUTED);
  cairo_move_to (cr, MARGIN_X, y);
  pango_cairo_show_layout (cr, layout);
}

/* Draws page @page (from 0) with its top-left corner at the origin of @cr, in points. */
void
sp_layout_draw_page (SpLayout *self,
                     cairo_t  *cr,
                     guint     page)
{
  GArray *ops;
  g_autofree gchar *page_text = NULL;

  g_return_if_fail (page < self->pages->len);
  ops = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          draw_text (cr, op);
          break;
        case OP_RECT:
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          if (op->filled)
            {
              set_source (cr, op->fill);
              cairo_fill_preserve (cr);
            }
          if (op->stroke > 0)
            {
              set_source (cr, op->color);
              cairo_set_line_width (cr, op->stroke);
              cairo_stroke (cr);
            }
          cairo_new_path (cr);
          break;
        case OP_LINE:
          set_source (cr, op->color);
          cairo_set_line_width (cr, op->stroke);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Header: the pupil's name and "Confidential"; footer: the date printed and the page. */
  draw_page_text (self, cr, self->header_left, 12 * MM, PANGO_ALIGN_LEFT, FALSE);
  draw_page_text (self, cr, self->header_right, 12 * MM, PANGO_ALIGN_RIGHT, TRUE);
  set_source (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, 17.5 * MM);
  cairo_line_to (cr, MARGIN_X + BODY_WIDTH, 17.5 * MM);
  cairo_move_to (cr, MARGIN_X, self->page_height - 16 * MM);
  cairo_line_to (cr, MARGIN_X + BODY_WIDTH, self->page_height - 16 * MM);
  cairo_stroke (cr);
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  draw_page_text (self, cr, self->footer_left, self->page_height - 14.5 * MM,
                  PANGO_ALIGN_LEFT, FALSE);
  draw_page_text (self, cr, page_text, self->page_height - 14.5 * MM, PANGO_ALIGN_RIGHT,
                  FALSE);
  cairo_restore (cr);
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The whole document as a PDF in memory, with its metadata and a bookmark for each heading
 * marked as one. */
GBytes *
sp_layout_render_pdf (SpLayout  *self,
                      GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (64 * 1024);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gint parent = CAIRO_PDF_OUTLINE_ROOT;

  surface = cairo_pdf_surface_create_for_stream (write_to_bytes, bytes, self->page_width,
                                                 self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Support Plans " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      sp_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *m = &g_array_index (self->marks, Mark, i);
      g_autofree gchar *link = g_strdup_printf ("page=%u pos=[%d %d]", m->page + 1,
                                                (gint) MARGIN_X, (gint) m->y);
      gint id = cairo_pdf_surface_add_outline (surface,
                                               m->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                               m->text, link,
                                               m->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      if (m->level == 1)
        parent = id;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_FAILED,
                   _("The PDF could not be made (%s)."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Lays @doc out and writes it to @path atomically (a temporary file, then a rename) and
 * readable by the user alone. */
gboolean
sp_doc_save_pdf (const SpDoc  *doc,
                 const gchar  *path,
                 GError      **error)
{
  g_autoptr(SpLayout) layout = sp_layout_new (doc);
  g_autoptr(GBytes) pdf = sp_layout_render_pdf (layout, error);
  gsize len;
  const gchar *data;

  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &len);
  return sp_export_save_file (path, data, len, error);
}
