/* The widgets that draw their own text (SpPupilRow, SpRegisterCell, SpRowText, through
 * sp-text-paint.c) under Xvfb: where each draws its text, left to right and right to left
 * (at the start of the line as a GtkLabel's text is, whichever way its own letters run; a
 * register cell of figures at the end), and what a screen reader is told it says. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>

#include "sp-pupil-row.h"
#include "sp-register-cell.h"
#include "sp-row-text.h"

#define WIDTH 360
#define SLACK 3      /* pixels between a text's edge and where it was put: side bearings */
#define ARABIC "\u0623\u062d\u0645\u062f \u0623\u0645\u0627\u0631\u0629"   /* Ahmed Amara */
#define LONG  "Teaching assistant · 5 × 10 min a week, one to one · 208.3 staff hours " \
              "a week · 250 pupils"

/* A window @direction of text, WIDTH wide, holding @child across its width. */
static GtkWindow *
show_in_window (GtkWidget        *child,
                GtkTextDirection  direction)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_direction (GTK_WIDGET (window), direction);
  gtk_widget_set_direction (box, direction);
  gtk_widget_set_direction (child, direction);
  gtk_box_append (GTK_BOX (box), child);
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, WIDTH, 200);
  sp_ui_test_present (window);
  sp_ui_test_settle ();
  return window;
}

/* Where @widget draws its text, in its own coordinates: the bounds of what its snapshot
 * draws (these widgets draw nothing but their text; their CSS background is GTK's). */
static graphene_rect_t
drawn_text (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  return bounds;
}

/* The text of @widget is drawn from @start (its left edge, or its right edge when @right)
 * within SLACK pixels, and is narrower than the widget: it is put at one side, not both. */
static void
assert_drawn_at (GtkWidget *widget,
                 gboolean   right,
                 gint       start)
{
  graphene_rect_t text = drawn_text (widget);
  gint width = gtk_widget_get_width (widget);

  g_assert_cmpfloat (text.size.width, <, width - 4 * SLACK - 2 * start);
  if (right)
    g_assert_cmpfloat_with_epsilon (text.origin.x + text.size.width, width - start, SLACK);
  else
    g_assert_cmpfloat_with_epsilon (text.origin.x, start, SLACK);
}

/* A GtkLabel showing @text as a register cell does: cut short, at the start of the line (at
 * its end when @end). */
static GtkWidget *
reference_label (const gchar *text,
                 gboolean     end)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), end ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
check_register_cell (GtkTextDirection direction)
{
  const gchar *texts[] = { "Ahmed, Amara", ARABIC, "£1,427.27" };
  gboolean ends[] = { FALSE, FALSE, TRUE };
  GtkWidget *cells[G_N_ELEMENTS (texts)], *labels[G_N_ELEMENTS (texts)];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window;
  gboolean rtl = direction == GTK_TEXT_DIR_RTL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      cells[i] = sp_register_cell_new (20, ends[i]);
      labels[i] = reference_label (texts[i], ends[i]);
      gtk_widget_set_direction (cells[i], direction);
      gtk_widget_set_direction (labels[i], direction);
      gtk_box_append (GTK_BOX (box), cells[i]);
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  window = show_in_window (box, direction);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sp_register_cell_set_text (SP_REGISTER_CELL (cells[i]), texts[i]);
  sp_ui_test_settle ();

  /* Words at the start of the line, whichever way their letters run; figures at its end. */
  assert_drawn_at (cells[0], rtl, 0);
  assert_drawn_at (cells[1], rtl, 0);
  assert_drawn_at (cells[2], !rtl, 0);
  /* Where a GtkLabel puts the same text. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      graphene_rect_t cell = drawn_text (cells[i]), label = drawn_text (labels[i]);

      g_assert_cmpfloat_with_epsilon (cell.origin.x, label.origin.x, 1.5);
      g_assert_cmpfloat_with_epsilon (cell.size.width, label.size.width, 1.5);
    }
  /* A screen reader says what is shown. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cells[0]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Ahmed, Amara");
  gtk_window_destroy (window);
}

static void
test_register_cell_ltr (void)
{
  check_register_cell (GTK_TEXT_DIR_LTR);
}

static void
test_register_cell_rtl (void)
{
  check_register_cell (GTK_TEXT_DIR_RTL);
}

static void
check_row_text (GtkTextDirection direction)
{
  GtkWidget *title = sp_row_text_new ("Daily reading with an adult", "title");
  GtkWidget *subtitle = sp_row_text_new (LONG " · " LONG, "subtitle");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window;
  gboolean rtl = direction == GTK_TEXT_DIR_RTL;
  graphene_rect_t wrapped;
  gint one_line;

  gtk_widget_set_direction (title, direction);
  gtk_widget_set_direction (subtitle, direction);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  window = show_in_window (box, direction);

  /* On one line, at the start of it. */
  assert_drawn_at (title, rtl, 0);
  /* Wrapped onto lines of their own, ragged at the end: the longest line reaches the start
   * edge (the right in a right-to-left window) and none goes past the widget. */
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (subtitle), >, 2 * one_line);
  wrapped = drawn_text (subtitle);
  g_assert_cmpfloat (wrapped.origin.x, >=, -SLACK);
  g_assert_cmpfloat (wrapped.origin.x + wrapped.size.width, <=,
                     gtk_widget_get_width (subtitle) + SLACK);
  if (rtl)
    g_assert_cmpfloat_with_epsilon (wrapped.origin.x + wrapped.size.width,
                                    gtk_widget_get_width (subtitle), SLACK);
  else
    g_assert_cmpfloat_with_epsilon (wrapped.origin.x, 0, SLACK);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Daily reading with an adult");
  gtk_window_destroy (window);
}

static void
test_row_text_ltr (void)
{
  check_row_text (GTK_TEXT_DIR_LTR);
}

static void
test_row_text_rtl (void)
{
  check_row_text (GTK_TEXT_DIR_RTL);
}

static void
check_pupil_row (GtkTextDirection direction)
{
  GtkWidget *row = sp_pupil_row_new ();
  GtkWindow *window;

  gtk_widget_set_direction (row, direction);
  window = show_in_window (row, direction);
  sp_pupil_row_set_texts (SP_PUPIL_ROW (row), "Amara Ahmed", "Year 2 · Kestrels · SEN support");
  sp_ui_test_settle ();

  /* Both lines at the start, inside the row's margin of 6 pixels. */
  assert_drawn_at (row, direction == GTK_TEXT_DIR_RTL, 6);
  /* Read as the name, then the summary; so is the item around it (here the box). */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Amara Ahmed");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Year 2 · Kestrels · SEN support");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Amara Ahmed");
  gtk_window_destroy (window);
}

static void
test_pupil_row_ltr (void)
{
  check_pupil_row (GTK_TEXT_DIR_LTR);
}

static void
test_pupil_row_rtl (void)
{
  check_pupil_row (GTK_TEXT_DIR_RTL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/text-paint/register-cell/ltr", test_register_cell_ltr);
  g_test_add_func ("/ui/text-paint/register-cell/rtl", test_register_cell_rtl);
  g_test_add_func ("/ui/text-paint/row-text/ltr", test_row_text_ltr);
  g_test_add_func ("/ui/text-paint/row-text/rtl", test_row_text_rtl);
  g_test_add_func ("/ui/text-paint/pupil-row/ltr", test_pupil_row_ltr);
  g_test_add_func ("/ui/text-paint/pupil-row/rtl", test_pupil_row_rtl);
  return g_test_run ();
}
