/* Drives the school page and the preferences window under Xvfb on a real demo database: the
 * register shows every pupil with SEN support or an EHC plan and its filters narrow it to what
 * the database holds for a class, a status and a need; the page refills when the store
 * changes; the provision map and what works show the store's figures; the preferences window
 * saves the threshold and a rate. Nothing here depends on keyboard focus (UI tests may share
 * a display). */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "sp-demo.h"
#include "sp-dates.h"
#include "sp-preferences-window.h"
#include "sp-provision.h"
#include "sp-pupil.h"
#include "sp-school-page.h"
#include "sp-store-senco.h"

#define TODAY "2026-11-23"

static gchar *tmpdir;
static gchar *db_path;

static GtkWidget *
page_child (GtkWidget   *page,
            const gchar *name)
{
  return sp_ui_test_child (page, SP_TYPE_SCHOOL_PAGE, name);
}

/* Chooses the item of @dropdown whose text is @text. */
static void
choose (GtkWidget   *dropdown,
        const gchar *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          sp_ui_test_settle ();
          return;
        }
    }
  g_error ("no item \"%s\" in the drop-down", text);
}

static guint
list_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* The texts of the register's cells on screen below @root, in order (the cells are the page's
 * own widget, SpRegisterCell, with a "text" property). */
static void
collect_cells (GtkWidget *root,
               GPtrArray *texts)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "SpRegisterCell") && gtk_widget_get_mapped (root))
    {
      gchar *text = NULL;

      g_object_get (root, "text", &text, NULL);
      g_ptr_array_add (texts, text ? text : g_strdup (""));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_cells (c, texts);
}

static gboolean
has_text (GPtrArray   *texts,
          const gchar *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* The cell on screen below @root showing @text, if any. */
static GtkWidget *
find_cell (GtkWidget   *root,
           const gchar *text)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "SpRegisterCell") && gtk_widget_get_mapped (root))
    {
      g_autofree gchar *shown = NULL;

      g_object_get (root, "text", &shown, NULL);
      if (g_strcmp0 (shown, text) == 0)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_cell (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row texts of the provision map and what works (the page's own widget, SpRowText, with a
 * "text" property) below @root, in order, with their texts. */
static void
collect_row_texts (GtkWidget *root,
                   GPtrArray *widgets)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "SpRowText"))
    g_ptr_array_add (widgets, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_row_texts (c, widgets);
}

static gchar *
row_text (GtkWidget *widget)
{
  gchar *text = NULL;

  g_object_get (widget, "text", &text, NULL);
  return text;
}

/* The rows (GtkListBoxRow) of @list, in order. */
static GPtrArray *
rows_of (GtkWidget *list)
{
  return sp_ui_test_children_of_type (list, GTK_TYPE_LIST_BOX_ROW);
}

/* Below @root, every GtkListBoxRow with the CSS class "header" (an intervention's header). */
static void
collect_headers (GtkWidget *root,
                 GPtrArray *headers)
{
  if (GTK_IS_LIST_BOX_ROW (root) && gtk_widget_has_css_class (root, "header"))
    g_ptr_array_add (headers, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_headers (c, headers);
}

typedef struct
{
  GtkWidget *list;
  guint      rows;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *w = data;

  return list_rows (w->list) == w->rows;
}

/* Runs the loop until @list has @rows rows (the map and what works make the rows below the
 * window a step a frame after the first). */
static void
wait_for_rows (GtkWidget *list,
               guint      rows)
{
  RowsWait wait = { list, rows };

  sp_ui_test_iterate_until (rows_are, &wait);
}

typedef struct
{
  GtkWidget *box;
  guint      headers;
} HeadersWait;

static gboolean
headers_are (gpointer data)
{
  HeadersWait *w = data;
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();

  collect_headers (w->box, headers);
  return headers->len == w->headers;
}

static void
on_pupil_activated (SpSchoolPage *page,
                    gint64        pupil_id,
                    gint64       *out)
{
  *out = pupil_id;
}

typedef struct
{
  GtkWidget   *root;
  const gchar *text;
} CellWait;

static gboolean
cell_shown (gpointer data)
{
  CellWait *w = data;

  return find_cell (w->root, w->text) != NULL;
}

typedef struct
{
  SpSchoolPage *page;
  guint         count;
} CountWait;

/* Rows the register's view has (all of them once it has finished growing). */
static guint
view_rows (GtkWidget *page)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (page_child (page, "register_view"))));

  return g_list_model_get_n_items (model);
}

static gboolean
view_has_all (gpointer data)
{
  CountWait *w = data;

  return view_rows (GTK_WIDGET (w->page)) == w->count;
}

static gboolean
count_is (gpointer data)
{
  CountWait *w = data;

  return sp_school_page_get_register_count (w->page) == w->count;
}

static void
test_register (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, &error);
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *page = sp_school_page_new ();
  SpSchoolPage *school = SP_SCHOOL_PAGE (page);
  gint64 all, owls, ehc, semh;
  const gchar *summary;

  g_assert_no_error (error);
  gtk_window_set_default_size (window, 1200, 760);
  adw_window_set_content (ADW_WINDOW (window), page);
  sp_ui_test_present (window);
  sp_school_page_show (school, store);

  all = sp_ui_test_db_int (db_path, "SELECT count(*) FROM pupils WHERE sen_status IN ('K', 'E')");
  g_assert_cmpint (all, >, 60);
  /* The register counts every pupil at once; its view shows the first rows in the first frame
   * and has them all a few frames later. */
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) all);
  g_assert_cmpuint (view_rows (page), <, (guint) all);
  {
    CountWait wait = { school, (guint) all };

    sp_ui_test_iterate_until (view_has_all, &wait);
  }
  sp_ui_test_settle ();
  {
    g_autofree gchar *expected = g_strdup_printf ("%" G_GINT64_FORMAT " pupils on the register",
                                                  all);
    summary = gtk_label_get_text (GTK_LABEL (page_child (page, "register_summary")));
    g_assert_true (g_str_has_prefix (summary, expected));
  }

  /* The first pupil by name is on screen, each column shown in words. */
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
    g_autofree gchar *first = sp_ui_test_db_text (db_path,
                                                  "SELECT surname || ', ' || forename"
                                                  "  FROM pupils WHERE sen_status IN ('K', 'E')"
                                                  " ORDER BY surname COLLATE NOCASE,"
                                                  "          forename COLLATE NOCASE, id LIMIT 1");
    g_autofree gchar *year = sp_ui_test_db_text (db_path,
                                                 "SELECT year_group FROM pupils"
                                                 " WHERE sen_status IN ('K', 'E')"
                                                 " ORDER BY surname COLLATE NOCASE,"
                                                 "          forename COLLATE NOCASE, id LIMIT 1");
    g_autofree gchar *year_text = g_strcmp0 (year, "R") == 0 ? g_strdup ("Reception")
                                  : g_strdup_printf ("Year %s", year);

    collect_cells (page_child (page, "register_view"), texts);
    g_assert_cmpuint (texts->len, >=, 11);
    g_assert_cmpuint (texts->len % 11, ==, 0);
    g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, first);
    g_assert_cmpstr (g_ptr_array_index (texts, 2), ==, year_text);
    g_assert_true (has_text (texts, "SEN support") || has_text (texts, "EHC plan"));
  }
  /* The last pupil, made after the first frame, is there at the end of the list. */
  {
    g_autofree gchar *last = sp_ui_test_db_text (db_path,
                                                 "SELECT surname || ', ' || forename"
                                                 "  FROM pupils WHERE sen_status IN ('K', 'E')"
                                                 " ORDER BY surname COLLATE NOCASE DESC,"
                                                 "          forename COLLATE NOCASE DESC, id DESC"
                                                 " LIMIT 1");
    GtkWidget *view = page_child (page, "register_view");
    GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
    CellWait wait = { view, last };

    g_assert_null (find_cell (view, last));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    sp_ui_test_iterate_until (cell_shown, &wait);
    /* A cell is read by a screen reader as its text. */
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_cell (view, last)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, last);
    gtk_adjustment_set_value (adj, 0);
    sp_ui_test_settle ();
  }

  /* One class. */
  owls = sp_ui_test_db_int (db_path, "SELECT count(*) FROM pupils"
                                     " WHERE sen_status IN ('K', 'E') AND class_name = 'Owls'");
  g_assert_cmpint (owls, >, 0);
  g_assert_cmpint (owls, <, all);
  choose (page_child (page, "class_filter"), "Owls");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) owls);
  {
    g_autofree gchar *expected = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                                  " pupils shown", owls, all);
    summary = gtk_label_get_text (GTK_LABEL (page_child (page, "register_summary")));
    g_assert_true (g_str_has_prefix (summary, expected));
  }
  choose (page_child (page, "class_filter"), "All Classes");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) all);

  /* One status, then one need with it. */
  ehc = sp_ui_test_db_int (db_path, "SELECT count(*) FROM pupils WHERE sen_status = 'E'");
  choose (page_child (page, "status_filter"), "EHC plan");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) ehc);
  choose (page_child (page, "status_filter"), "All Statuses");
  semh = sp_ui_test_db_int (db_path,
                            "SELECT count(*) FROM pupils p JOIN pupil_needs n"
                            "    ON n.pupil_id = p.id AND n.rank = 1"
                            " WHERE p.sen_status IN ('K', 'E') AND n.need_code = 'SEMH'");
  g_assert_cmpint (semh, >, 0);
  choose (page_child (page, "need_filter"), "Social, emotional and mental health (SEMH)");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) semh);
  choose (page_child (page, "area_filter"), "Social, emotional and mental health");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) semh);
  choose (page_child (page, "area_filter"), "Cognition and learning");
  g_assert_cmpuint (sp_school_page_get_register_count (school), ==, 0);
  choose (page_child (page, "area_filter"), "All Areas");
  choose (page_child (page, "need_filter"), "All Needs");

  /* A pupil added elsewhere appears: the page follows the store. */
  {
    g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Nia", "surname", "New",
                                             "year-group", "2", "class-name", "Robins",
                                             "sen-status", "K", NULL);
    CountWait wait = { school, (guint) all + 1 };

    g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), >, 0);
    g_assert_no_error (error);
    sp_ui_test_iterate_until (count_is, &wait);
  }

  /* Out of sight, a change waits until the page is shown again. */
  {
    g_autoptr(SpPupil) pupil = g_object_new (SP_TYPE_PUPIL, "forename", "Otto", "surname", "Later",
                                             "year-group", "2", "class-name", "Robins",
                                             "sen-status", "E", NULL);
    CountWait wait = { school, (guint) all + 2 };

    gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
    sp_ui_test_settle ();
    g_assert_cmpint (sp_store_add_pupil (store, pupil, &error), >, 0);
    g_assert_no_error (error);
    sp_ui_test_wait_ms (600);
    g_assert_cmpuint (sp_school_page_get_register_count (school), ==, (guint) all + 1);
    sp_ui_test_present (window);
    sp_ui_test_iterate_until (count_is, &wait);
  }

  gtk_window_destroy (window);
  sp_ui_test_settle ();
}

static void
test_map_and_works (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(GDate) today = sp_date_parse_iso (TODAY);
  g_autoptr(SpProvisionMap) map = NULL;
  g_autoptr(SpWhatWorks) works = NULL;
  g_autofree gchar *total = NULL;
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *page = sp_school_page_new ();
  const gchar *summary;

  g_assert_no_error (error);
  adw_window_set_content (ADW_WINDOW (window), page);
  sp_ui_test_present (window);
  sp_school_page_show (SP_SCHOOL_PAGE (page), store);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (page, "stack")),
                                         "provision");
  sp_ui_test_settle ();

  map = sp_store_load_provision_map (store, today, &error);
  g_assert_no_error (error);
  total = sp_format_pence (map->total_pence);
  summary = gtk_label_get_text (GTK_LABEL (page_child (page, "map_summary")));
  g_assert_nonnull (strstr (summary, total));
  g_assert_nonnull (strstr (summary, "£6,000.00"));
  /* One group per area of need, each with a row per intervention. */
  g_assert_nonnull (gtk_widget_get_first_child (page_child (page, "areas_box")));

  works = sp_store_load_what_works (store, &error);
  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (page, "stack")), "works");
  sp_ui_test_settle ();
  wait_for_rows (page_child (page, "works_list"), works->interventions->len);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (page, "works_cohort")), 1);
  sp_ui_test_settle ();
  wait_for_rows (page_child (page, "works_list"), works->by_need->len);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (page, "works_cohort")), 2);
  sp_ui_test_settle ();
  wait_for_rows (page_child (page, "works_list"), works->by_year->len);
  g_assert_true (gtk_widget_get_visible (page_child (page, "stuck_group"))
                 == (works->stuck->len > 0));
  /* Each pupil needing attention has a row with their name that opens them. */
  wait_for_rows (page_child (page, "stuck_list"), works->stuck->len);
  sp_ui_test_settle ();
  g_assert_cmpuint (list_rows (page_child (page, "works_list")), ==, works->by_year->len);
  if (works->stuck->len > 0)
    {
      const SpStuckPupil *s = g_ptr_array_index (works->stuck, 0);
      g_autoptr(GPtrArray) rows = rows_of (page_child (page, "stuck_list"));
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      g_autofree gchar *title = NULL;
      gint64 opened = 0;

      collect_row_texts (g_ptr_array_index (rows, 0), texts);
      title = row_text (g_ptr_array_index (texts, 0));
      g_assert_cmpstr (title, ==, s->name);
      /* Drawn by the page's own widget, read by a screen reader as a label would be. */
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (texts, 0)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, s->name);
      g_signal_connect (page, "pupil-activated", G_CALLBACK (on_pupil_activated), &opened);
      gtk_widget_activate (g_ptr_array_index (rows, 0));
      g_assert_cmpint (opened, ==, s->pupil_id);
    }

  gtk_window_destroy (window);
  sp_ui_test_settle ();
}

/* The provision map shows every pupil over and near the threshold with their whole name,
 * subtitle and cost, however narrow the window (the text wraps, nothing is cut short); each
 * row opens its pupil; an intervention opens on its pupils. */
static void
test_map_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(GDate) today = sp_date_parse_iso (TODAY);
  g_autoptr(SpProvisionMap) map = NULL;
  g_autoptr(GPtrArray) over_rows = NULL, near_rows = NULL, headers = g_ptr_array_new ();
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *page = sp_school_page_new ();
  guint over = 0, near = 0, seen_over = 0, seen_near = 0;
  gint64 opened = 0;

  g_assert_no_error (error);
  map = sp_store_load_provision_map (store, today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);

      switch (sp_cost_band (p->cost_pence, map->threshold_pence))
        {
        case SP_COST_OVER:
          over++;
          break;
        case SP_COST_NEAR:
          near++;
          break;
        default:
          break;
        }
    }
  g_assert_cmpuint (over, >, 0);

  gtk_window_set_default_size (window, 1000, 700);
  adw_window_set_content (ADW_WINDOW (window), page);
  g_signal_connect (page, "pupil-activated", G_CALLBACK (on_pupil_activated), &opened);
  sp_ui_test_present (window);
  sp_school_page_show (SP_SCHOOL_PAGE (page), store);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (page, "stack")),
                                         "provision");
  /* The tab fills as it is shown, but makes only the rows that fill the window at once: the
   * rest come a step a frame after. */
  collect_headers (page_child (page, "areas_box"), headers);
  g_assert_cmpuint (list_rows (page_child (page, "over_list"))
                    + list_rows (page_child (page, "near_list")) + headers->len,
                    <, over + near + map->interventions->len);
  g_assert_cmpuint (list_rows (page_child (page, "over_list")), >, 0);
  wait_for_rows (page_child (page, "over_list"), over);
  wait_for_rows (page_child (page, "near_list"), near);
  {
    HeadersWait wait = { page_child (page, "areas_box"), map->interventions->len };

    sp_ui_test_iterate_until (headers_are, &wait);
  }
  sp_ui_test_settle ();

  over_rows = rows_of (page_child (page, "over_list"));
  near_rows = rows_of (page_child (page, "near_list"));
  g_assert_cmpuint (over_rows->len, ==, over);
  g_assert_cmpuint (near_rows->len, ==, near);
  g_assert_true (gtk_widget_get_visible (page_child (page, "near_group")) == (near > 0));

  /* Each pupil's row, in the map's order (most expensive first): their name, what sets them
   * over or below the threshold and by how much, and their cost. */
  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);
      SpCostBand band = sp_cost_band (p->cost_pence, map->threshold_pence);
      g_autofree gchar *name = g_strdup_printf ("%s %s", p->forename, p->surname);
      g_autofree gchar *cost = sp_format_pence (p->cost_pence);
      g_autofree gchar *diff = sp_format_pence (band == SP_COST_OVER
                                                ? p->cost_pence - map->threshold_pence
                                                : map->threshold_pence - p->cost_pence);
      g_autofree gchar *by = g_strdup_printf ("%s %s", diff,
                                              band == SP_COST_OVER ? "over" : "below");
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      g_autofree gchar *title = NULL, *subtitle = NULL;
      GtkWidget *row;

      if (band == SP_COST_WITHIN)
        continue;
      row = band == SP_COST_OVER ? g_ptr_array_index (over_rows, seen_over++)
                                 : g_ptr_array_index (near_rows, seen_near++);
      collect_row_texts (row, texts);
      g_assert_cmpuint (texts->len, ==, 2);
      title = row_text (g_ptr_array_index (texts, 0));
      subtitle = row_text (g_ptr_array_index (texts, 1));
      g_assert_cmpstr (title, ==, name);
      g_assert_true (g_str_has_prefix (subtitle, p->class_name));
      g_assert_true (g_str_has_suffix (subtitle, by));
      g_assert_nonnull (sp_ui_test_find_label (row, cost));
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
    }

  /* A row opens its pupil, as a click or Enter on it does. */
  {
    GtkWidget *last = g_ptr_array_index (over_rows, over_rows->len - 1);
    const SpMapPupil *p = NULL;

    for (guint i = 0; i < map->pupils->len; i++)
      {
        const SpMapPupil *q = g_ptr_array_index (map->pupils, i);

        if (sp_cost_band (q->cost_pence, map->threshold_pence) == SP_COST_OVER)
          p = q;
      }
    gtk_widget_activate (last);
    g_assert_cmpint (opened, ==, p->pupil_id);
  }

  /* Narrow, the first row's subtitle wraps onto more lines: its whole text is still shown. */
  {
    GtkWidget *first = g_ptr_array_index (over_rows, 0);
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();
    GtkWidget *subtitle;
    gint wide_height, one_line, natural;

    collect_row_texts (first, texts);
    subtitle = g_ptr_array_index (texts, 1);
    wide_height = gtk_widget_get_height (subtitle);
    gtk_widget_measure (subtitle, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);
    gtk_widget_measure (subtitle, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    g_assert_cmpint (wide_height, ==, one_line);
    g_assert_cmpint (gtk_widget_get_width (subtitle), >=, natural);

    gtk_window_set_default_size (window, 360, 700);
    sp_ui_test_settle ();
    sp_ui_test_wait_ms (100);
    sp_ui_test_settle ();
    g_assert_cmpint (gtk_widget_get_width (subtitle), <, natural);
    g_assert_cmpint (gtk_widget_get_height (subtitle), >, one_line * 3 / 2);

    /* Every text has the height Pango gives it at its width: none cut, none overlapping. */
    g_ptr_array_set_size (texts, 0);
    collect_row_texts (page_child (page, "over_list"), texts);
    for (guint i = 0; i < texts->len; i++)
      {
        GtkWidget *text = g_ptr_array_index (texts, i);
        gint needed;

        gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (text),
                            &needed, NULL, NULL, NULL);
        g_assert_cmpint (gtk_widget_get_height (text), ==, needed);
      }
  }

  /* An intervention opens on its pupils. */
  g_ptr_array_set_size (headers, 0);
  collect_headers (page_child (page, "areas_box"), headers);
  g_assert_cmpuint (headers->len, ==, map->interventions->len);
  {
    const SpIntervention *v = g_ptr_array_index (map->interventions, 0);
    const SpMapPupil *p = g_ptr_array_index (v->pupils, 0);
    g_autofree gchar *name = g_strdup_printf ("%s %s (%s)", p->forename, p->surname,
                                              p->class_name);
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();
    g_autofree gchar *title = NULL;
    GtkWidget *header = g_ptr_array_index (headers, 0);
    GtkWidget *expander = gtk_widget_get_ancestor (gtk_widget_get_parent (header),
                                                   GTK_TYPE_LIST_BOX_ROW);

    collect_row_texts (header, texts);
    title = row_text (g_ptr_array_index (texts, 0));
    g_assert_cmpstr (title, ==, v->description);
    g_assert_false (gtk_widget_get_state_flags (expander) & GTK_STATE_FLAG_CHECKED);
    gtk_widget_activate (header);
    sp_ui_test_settle ();
    g_assert_true (gtk_widget_get_state_flags (expander) & GTK_STATE_FLAG_CHECKED);
    {
      GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_last_child (
        gtk_widget_get_first_child (expander)));
      GtkWidget *nested = gtk_revealer_get_child (revealer);
      g_autoptr(GPtrArray) rows = rows_of (nested);
      GtkWidget *label;

      g_assert_true (gtk_revealer_get_reveal_child (revealer));
      g_assert_cmpuint (rows->len, ==, 1);
      label = gtk_list_box_row_get_child (g_ptr_array_index (rows, 0));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), name));
      {
        g_auto(GStrv) lines = g_strsplit (gtk_label_get_text (GTK_LABEL (label)), "\n", -1);

        g_assert_cmpuint (g_strv_length (lines), ==, v->pupils->len);
      }
      gtk_widget_activate (header);
      sp_ui_test_settle ();
      g_assert_false (gtk_revealer_get_reveal_child (revealer));
      g_assert_false (gtk_widget_get_state_flags (expander) & GTK_STATE_FLAG_CHECKED);
    }
  }

  gtk_window_destroy (window);
  sp_ui_test_settle ();
}

static void
test_preferences (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, &error);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *prefs;
  GtkWidget *threshold;

  g_assert_no_error (error);
  sp_ui_test_present (parent);
  prefs = sp_preferences_window_new (parent, store);
  sp_ui_test_present (prefs);
  threshold = sp_ui_test_child (GTK_WIDGET (prefs), SP_TYPE_PREFERENCES_WINDOW,
                                "threshold_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (threshold)), ==, 6000.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 6250.5);
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (db_path, "SELECT notional_threshold_pence FROM school"),
                   ==, 625050);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 6000);
  sp_ui_test_settle ();
  g_assert_cmpint (sp_ui_test_db_int (db_path, "SELECT notional_threshold_pence FROM school"),
                   ==, 600000);

  /* The rates' spin buttons, in the schema's order: the teaching assistant's is the fourth. */
  {
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();
    GtkWidget *w = GTK_WIDGET (prefs);

    /* Walk the whole window for spin buttons other than the threshold's. */
    {
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      g_ptr_array_add (stack, w);
      while (stack->len > 0)
        {
          GtkWidget *top = g_ptr_array_steal_index (stack, stack->len - 1);
          g_autoptr(GPtrArray) kids = g_ptr_array_new ();

          if (GTK_IS_SPIN_BUTTON (top) && top != threshold)
            g_ptr_array_add (spins, top);
          for (GtkWidget *c = gtk_widget_get_first_child (top); c;
               c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (kids, c);
          for (guint i = kids->len; i > 0; i--)
            g_ptr_array_add (stack, g_ptr_array_index (kids, i - 1));
        }
    }
    g_assert_cmpuint (spins->len, ==, 6);
    g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 3)), ==, 19.0);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 3), 20.5);
    sp_ui_test_settle ();
    g_assert_cmpint (sp_ui_test_db_int (db_path, "SELECT hourly_rate_pence FROM role_rates"
                                                 " WHERE role = 'ta'"), ==, 2050);
    g_assert_cmpint (sp_ui_test_db_int (db_path, "SELECT revision FROM role_rates"
                                                 " WHERE role = 'ta'"), ==, 2);
  }

  gtk_window_destroy (prefs);
  gtk_window_destroy (parent);
  sp_ui_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  g_setenv ("SUPPORT_PLANS_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = g_dir_make_tmp ("sp-school-ui-XXXXXX", NULL);
  db_path = g_build_filename (tmpdir, "school.db", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (db_path, SP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GDate) today = sp_date_parse_iso (TODAY);

    g_assert_no_error (error);
    /* More pupils than the register's view shows in its first frame. */
    g_assert_true (sp_demo_fill (store, 120, today, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/ui/school/register", test_register);
  g_test_add_func ("/ui/school/map-and-works", test_map_and_works);
  g_test_add_func ("/ui/school/map-rows", test_map_rows);
  g_test_add_func ("/ui/school/preferences", test_preferences);

  status = g_test_run ();

  sp_ui_test_remove_tree (tmpdir);
  g_free (db_path);
  g_free (tmpdir);
  return status;
}
