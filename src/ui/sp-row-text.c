/* sp-row-text.c: the title or subtitle of a row of the provision map and what works.
 *
 * The title or subtitle of a row of the provision map and what works: all of its text, on as
 * many lines as the row's width needs (wrapped at words, as AdwActionRow's labels are). A
 * wrapping GtkLabel lays its text out again, shaping every glyph, each time it is measured at
 * another width, and a row in a boxed list inside a clamp inside a scrolled window is measured
 * at a dozen widths or more on its way to the width it gets: 222 rows over the threshold took
 * about 4 G instructions to open. This text is shaped once, on one line, when first measured.
 * At least that wide (nearly always) it is one line; narrower, the lines it needs are counted
 * from the widths of its characters on that line and where it may break, with no shaping. Only
 * the width it is given is laid out by Pango, wrapped (once per width): if Pango breaks it
 * into another number of lines than counted, that height is kept for that width and the row
 * is measured again. Its font and colour come from CSS as a label's do ("label.title",
 * "label.subtitle"), and its text is its accessible label (sp-text-paint.c). */
#include "config.h"

#include "sp-row-text.h"
#include "sp-text-paint.h"

/* The heights Pango gave the text wrapped to the last few widths it was given. */
#define ROW_TEXT_HEIGHTS 4

struct _SpRowText
{
  GtkWidget    parent_instance;
  SpTextPaint  line;           /* the text on one line, on the widget's Pango context */
  SpTextPaint  wrapped;        /* the text wrapped to a width, made when first needed */
  guint        serial;         /* of that context when the sizes below were worked out */
  gint         line_width;     /* of the text on one line, in pixels */
  gint         line_height;
  gint         line_units;     /* its height in Pango units: lines stack in these */
  gint        *advances;       /* each character's width on that line, in Pango units */
  const PangoLogAttr *attrs;   /* where it may break (the line's, n_chars + 1) */
  gint         n_chars;
  gint         widths[ROW_TEXT_HEIGHTS];    /* -1: none */
  gint         heights[ROW_TEXT_HEIGHTS];
  guint        next;           /* the entry to fill next */
};

enum { TEXT_PROP_0, TEXT_PROP_TEXT, TEXT_N_PROPS };
static GParamSpec *text_properties[TEXT_N_PROPS];

G_DEFINE_FINAL_TYPE (SpRowText, sp_row_text, GTK_TYPE_WIDGET)

static void
row_text_forget (SpRowText *self)
{
  for (guint i = 0; i < ROW_TEXT_HEIGHTS; i++)
    self->widths[i] = -1;
}

/* Works out the one-line size, and each character's width on that line, when first needed
 * and again when the widget's font changes. */
static void
row_text_ensure (SpRowText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const gchar *text = sp_text_paint_get_text (&self->line);
  PangoLayout *line;
  PangoLayoutIter *iter;
  gint n_attrs;

  if (self->line.layout != NULL && self->serial == pango_context_get_serial (context))
    return;
  line = sp_text_paint_get_layout (&self->line, context);
  pango_layout_get_pixel_size (line, &self->line_width, &self->line_height);
  pango_layout_get_size (line, NULL, &self->line_units);
  self->attrs = pango_layout_get_log_attrs_readonly (line, &n_attrs);
  self->n_chars = n_attrs - 1;
  g_free (self->advances);
  self->advances = g_new0 (gint, n_attrs);
  iter = pango_layout_get_iter (line);
  do
    {
      PangoRectangle logical;
      glong offset = g_utf8_pointer_to_offset (text, text + pango_layout_iter_get_index (iter));

      pango_layout_iter_get_cluster_extents (iter, NULL, &logical);
      if (offset >= 0 && offset < n_attrs)
        self->advances[offset] += logical.width;
    }
  while (pango_layout_iter_next_cluster (iter));
  pango_layout_iter_free (iter);
  row_text_forget (self);
  self->serial = pango_context_get_serial (context);
}

/* How many lines the text takes in @width pixels, narrower than its line: broken where Pango
 * may break it (words, else characters), white space at the end of a line not counted. */
static gint
row_text_count_lines (SpRowText *self,
                      gint       width)
{
  gint limit = width * PANGO_SCALE, used = 0, used_at_break = 0;
  gint start = 0, last_break = -1, lines = 1;

  for (gint i = 0; i < self->n_chars; i++)
    {
      gint w = self->advances[i];

      if (i > start && self->attrs[i].is_line_break)
        {
          last_break = i;
          used_at_break = used;
        }
      if (!self->attrs[i].is_white && used + w > limit && i > start)
        {
          if (last_break > start)
            {
              used -= used_at_break;
              start = last_break;
            }
          else
            {
              used = 0;
              start = i;
            }
          lines++;
          last_break = -1;
          if (used + w > limit && i > start)
            {
              /* A word longer than the line: broken between its characters. */
              used = 0;
              start = i;
              lines++;
            }
        }
      used += w;
    }
  return lines;
}

/* The text wrapped to @width pixels, narrower than its line. */
static PangoLayout *
row_text_wrap (SpRowText *self,
               gint       width)
{
  PangoLayout *wrapped = sp_text_paint_get_layout (&self->wrapped,
                                                   pango_layout_get_context (self->line.layout));

  pango_layout_set_width (wrapped, width * PANGO_SCALE);
  return wrapped;
}

/* The height of the text in @width pixels (-1: any): what Pango gave it at that width if it
 * was laid out there, else counted. */
static gint
row_text_height (SpRowText *self,
                 gint       width)
{
  row_text_ensure (self);
  if (width < 0 || width >= self->line_width)
    return self->line_height;
  for (guint i = 0; i < ROW_TEXT_HEIGHTS; i++)
    if (self->widths[i] == width)
      return self->heights[i];
  /* Rounded up as pango_layout_get_pixel_size rounds a layout's height. */
  return PANGO_PIXELS_CEIL (row_text_count_lines (self, width) * self->line_units);
}

static gboolean
row_text_resize (gpointer data)
{
  gtk_widget_queue_resize (GTK_WIDGET (data));
  return G_SOURCE_REMOVE;
}

/* Given @width, narrower than its line: lays the text out there, and if Pango's height is not
 * the one counted, keeps it and measures again. */
static void
sp_row_text_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  SpRowText *self = SP_ROW_TEXT (widget);
  gint counted, laid_out;

  row_text_ensure (self);
  if (width >= self->line_width)
    return;
  for (guint i = 0; i < ROW_TEXT_HEIGHTS; i++)
    if (self->widths[i] == width)
      return;
  counted = row_text_height (self, width);
  pango_layout_get_pixel_size (row_text_wrap (self, width), NULL, &laid_out);
  self->widths[self->next] = width;
  self->heights[self->next] = laid_out;
  self->next = (self->next + 1) % ROW_TEXT_HEIGHTS;
  /* (Not while the window is being laid out: that would be lost.) */
  if (laid_out != counted)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, row_text_resize, g_object_ref (self), g_object_unref);
}

static GtkSizeRequestMode
sp_row_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sp_row_text_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SpRowText *self = SP_ROW_TEXT (widget);

  row_text_ensure (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrower than its text, it wraps: at least a dozen characters a line. */
      *minimum = MIN (self->line_width,
                      12 * sp_text_paint_metrics (sp_text_paint_window_context (widget))->char_px);
      *natural = self->line_width;
    }
  else
    *minimum = *natural = row_text_height (self, for_size);
}

static void
sp_row_text_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SpRowText *self = SP_ROW_TEXT (widget);
  gint width = gtk_widget_get_width (widget);

  if (*sp_text_paint_get_text (&self->line) == '\0')
    return;
  row_text_ensure (self);
  sp_text_paint_draw (widget, snapshot,
                      width >= self->line_width ? self->line.layout : row_text_wrap (self, width),
                      &GRAPHENE_RECT_INIT (0, 0, width, 0), FALSE, 1.0);
}

static void
sp_row_text_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case TEXT_PROP_TEXT:
      g_value_set_string (value, SP_ROW_TEXT (object)->line.text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_row_text_finalize (GObject *object)
{
  SpRowText *self = SP_ROW_TEXT (object);

  sp_text_paint_clear (&self->line);
  sp_text_paint_clear (&self->wrapped);
  g_free (self->advances);
  G_OBJECT_CLASS (sp_row_text_parent_class)->finalize (object);
}

static void
sp_row_text_class_init (SpRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_row_text_get_property;
  object_class->finalize = sp_row_text_finalize;
  widget_class->get_request_mode = sp_row_text_get_request_mode;
  widget_class->measure = sp_row_text_measure;
  widget_class->size_allocate = sp_row_text_size_allocate;
  widget_class->snapshot = sp_row_text_snapshot;
  /* Read-only: set when made. For tests and tools that look at the rows. */
  text_properties[TEXT_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TEXT_N_PROPS, text_properties);
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sp_row_text_init (SpRowText *self)
{
  sp_text_paint_init (&self->line, 0, NULL);
  sp_text_paint_init (&self->wrapped, SP_TEXT_PAINT_WRAP, NULL);
  row_text_forget (self);
}

GtkWidget *
sp_row_text_new (const gchar *text,
                 const gchar *css_class)
{
  SpRowText *self = g_object_new (SP_TYPE_ROW_TEXT, NULL);

  sp_text_paint_set_text (&self->line, text);
  sp_text_paint_set_text (&self->wrapped, text);
  gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  return GTK_WIDGET (self);
}
