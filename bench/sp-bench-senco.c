/* sp-bench-senco.c: times the SENCO's views on a real database. Prints "name: value ms"
 * lines, each the median of the runs:
 *
 *   register_open_ms        the SEN register's rows and counts (sp_store_list_register and
 *                           the counts by need and area)
 *   provision_map_open_ms   the provision map (sp_store_load_provision_map)
 *   what_works_ms           what works (sp_store_load_what_works)
 *   evidence_pack_ms        one evidence pack, for the pupil with the most plans: the record
 *                           read, the document built, laid out and rendered to PDF in memory
 *   provision_map_pdf_ms    the provision map read, built, laid out and rendered to PDF
 *   school_page_open_ms     with a display: a new school page made and opened on its register
 *                           tab (the register read and shown) and the next frame painted
 *   register_all_rows_ms    from the same start, until the register's view has every row
 *                           (it shows what fits in the first frame, the rest a step a frame
 *                           after) and that is painted
 *   map_tab_open_ms         then its provision map tab shown (the map read and shown) and
 *                           painted; the other tabs fill only when shown
 *   map_all_rows_ms         from the same start, until the map has a row for every pupil over
 *                           or near the threshold and every intervention (it makes what fills
 *                           the window in the first frame, the rest a step a frame after) and
 *                           that is painted
 *   works_tab_open_ms       then its what works tab shown (what works read and shown) and
 *                           painted
 *
 *   sp-bench-senco DB [RUNS]
 *
 * SP_BENCH_SENCO_ONLY=page runs only the school page's two figures (quicker, and what
 * `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=open_page_once` counts:
 * one page made, shown and painted per run; open_map_tab_once and open_works_tab_once count
 * the other two tabs alike). SP_BENCH_SENCO_SHOW=register|provision|works
 * opens the page on that tab and leaves it on screen until the program is ended, to look at
 * (/work/shared/tools/shot); SP_BENCH_SENCO_SIZE=WIDTHxHEIGHT sizes the window (1200x800). */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "sp-dates.h"
#include "sp-layout.h"
#include "sp-school-page.h"
#include "sp-senco-documents.h"
#include "sp-store-senco.h"

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static gdouble
median (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return ms->len % 2 ? g_array_index (ms, gdouble, ms->len / 2)
                     : (g_array_index (ms, gdouble, ms->len / 2 - 1)
                        + g_array_index (ms, gdouble, ms->len / 2)) / 2;
}

static void
report (const gchar *name,
        GArray      *ms)
{
  printf ("%s: %.1f ms\n", name, median (ms));
  fflush (stdout);
}

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static void
wait_for_paint (GtkWidget *page)
{
  painted = FALSE;
  gtk_widget_queue_draw (page);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

/* A new school page in @window, shown on @store's register tab and painted. Not inlined, so
 * callgrind can count it alone. */
G_GNUC_NO_INLINE static GtkWidget *
open_page_once (GtkWindow *window,
                SpStore   *store)
{
  GtkWidget *page = sp_school_page_new ();

  adw_window_set_content (ADW_WINDOW (window), page);
  sp_school_page_show (SP_SCHOOL_PAGE (page), store);
  wait_for_paint (page);
  return page;
}

/* Then the frames until the register's view has every row. */
static void
wait_for_all_rows (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (page,
                                                                        SP_TYPE_SCHOOL_PAGE,
                                                                        "register_view"));
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));

  while (g_list_model_get_n_items (shown)
         < sp_school_page_get_register_count (SP_SCHOOL_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (page);
}

/* Then its provision map tab shown and painted. */
G_GNUC_NO_INLINE static void
open_map_tab_once (GtkWidget *page)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                                "stack"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "provision");
  wait_for_paint (page);
}

static guint
count_rows (GtkWidget *widget,
            gboolean   headers)
{
  guint n = 0;

  if (GTK_IS_LIST_BOX_ROW (widget) && (!headers || gtk_widget_has_css_class (widget, "header")))
    return 1;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c, headers);
  return n;
}

/* Then the frames until the map has @pupils pupils' rows and @interventions interventions'. */
static void
wait_for_map_rows (GtkWidget *page,
                   guint      pupils,
                   guint      interventions)
{
  GtkWidget *over = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                               "over_list"));
  GtkWidget *near = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                               "near_list"));
  GtkWidget *areas = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                                "areas_box"));

  while (count_rows (over, FALSE) + count_rows (near, FALSE) < pupils
         || count_rows (areas, TRUE) < interventions)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (page);
}

/* Then its what works tab shown and painted. */
G_GNUC_NO_INLINE static void
open_works_tab_once (GtkWidget *page)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                                "stack"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "works");
  wait_for_paint (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GArray) ids = NULL;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 7;
  gint64 busiest = 0;
  guint most = 0;
  gboolean page_only = g_strcmp0 (g_getenv ("SP_BENCH_SENCO_ONLY"), "page") == 0;
  GArray *ms[10];
  guint map_pupils = 0, map_interventions = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: sp-bench-senco DB [RUNS]\n");
      return 2;
    }
  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  ids = page_only ? NULL : sp_store_list_pupil_ids (store, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(SpPupilRecord) r = sp_store_load_record (store, g_array_index (ids, gint64, i),
                                                         NULL);
      if (r != NULL && r->plans->len > most)
        {
          most = r->plans->len;
          busiest = r->id;
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (ms); k++)
    ms[k] = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint run = 0; !page_only && run < runs + 1; run++)   /* the first run warms the caches */
    {
      gint64 t0;
      gdouble t;

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(GPtrArray) rows = sp_store_list_register (store, today, NULL);
        g_autoptr(GHashTable) a = sp_register_count_by_area (rows);
        g_autoptr(GHashTable) n = sp_register_count_by_need (rows);
      }
      t = (g_get_monotonic_time () - t0) / 1000.0;
      if (run > 0)
        g_array_append_val (ms[0], t);

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, today, NULL);
      }
      t = (g_get_monotonic_time () - t0) / 1000.0;
      if (run > 0)
        g_array_append_val (ms[1], t);

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(SpWhatWorks) works = sp_store_load_what_works (store, NULL);
      }
      t = (g_get_monotonic_time () - t0) / 1000.0;
      if (run > 0)
        g_array_append_val (ms[2], t);

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(SpDoc) doc = sp_senco_load_evidence_pack (store, busiest, today, NULL);
        g_autoptr(SpLayout) layout = sp_layout_new (doc);
        g_autoptr(GBytes) pdf = sp_layout_render_pdf (layout, NULL);

        g_assert (pdf != NULL);
      }
      t = (g_get_monotonic_time () - t0) / 1000.0;
      if (run > 0)
        g_array_append_val (ms[3], t);

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, today, NULL);
        g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, NULL);
        g_autoptr(SpDoc) doc = sp_senco_provision_map_doc (map, school, today);
        g_autoptr(SpLayout) layout = sp_layout_new (doc);
        g_autoptr(GBytes) pdf = sp_layout_render_pdf (layout, NULL);

        g_assert (pdf != NULL);
      }
      t = (g_get_monotonic_time () - t0) / 1000.0;
      if (run > 0)
        g_array_append_val (ms[4], t);
    }
  if (!page_only)
    {
      report ("register_open_ms", ms[0]);
      report ("provision_map_open_ms", ms[1]);
      report ("what_works_ms", ms[2]);
      report ("evidence_pack_ms", ms[3]);
      printf ("evidence_pack_plans: %u plans\n", most);
      report ("provision_map_pdf_ms", ms[4]);
    }

  {
    g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (store, today, NULL);

    for (guint i = 0; map != NULL && i < map->pupils->len; i++)
      {
        const SpMapPupil *p = g_ptr_array_index (map->pupils, i);

        map_pupils += sp_cost_band (p->cost_pence, map->threshold_pence) != SP_COST_WITHIN;
      }
    map_interventions = map != NULL ? map->interventions->len : 0;
  }

  if (gtk_init_check ())
    {
      GtkWindow *window;

      adw_init ();
      window = GTK_WINDOW (adw_window_new ());
      gtk_window_set_default_size (window, 1200, 800);
      if (g_getenv ("SP_BENCH_SENCO_SIZE") != NULL)
        {
          gint w = 0, h = 0;

          if (sscanf (g_getenv ("SP_BENCH_SENCO_SIZE"), "%dx%d", &w, &h) == 2)
            gtk_window_set_default_size (window, w, h);
        }
      gtk_window_present (window);
      while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
        g_main_context_iteration (NULL, TRUE);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (on_after_paint), NULL);
      if (g_getenv ("SP_BENCH_SENCO_SHOW") != NULL)
        {
          GtkWidget *page = open_page_once (window, store);
          GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_SCHOOL_PAGE,
                                                                        "stack"));

          adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack),
                                                 g_getenv ("SP_BENCH_SENCO_SHOW"));
          while (TRUE)
            g_main_context_iteration (NULL, TRUE);
        }
      /* Each run opens a new page, as the window does the first time the school is shown. */
      for (guint run = 0; run < runs + 1; run++)
        {
          gint64 t0;
          GtkWidget *page;
          gdouble t;

          /* The last run's page goes first, and the empty window is painted: tearing the
           * old page down is not part of opening a new one. */
          adw_window_set_content (ADW_WINDOW (window), NULL);
          wait_for_paint (GTK_WIDGET (window));
          t0 = g_get_monotonic_time ();
          page = open_page_once (window, store);
          t = (g_get_monotonic_time () - t0) / 1000.0;

          if (run > 0)
            g_array_append_val (ms[5], t);
          wait_for_all_rows (page);
          t = (g_get_monotonic_time () - t0) / 1000.0;
          if (run > 0)
            g_array_append_val (ms[7], t);
          t0 = g_get_monotonic_time ();
          open_map_tab_once (page);
          t = (g_get_monotonic_time () - t0) / 1000.0;
          if (run > 0)
            g_array_append_val (ms[6], t);
          wait_for_map_rows (page, map_pupils, map_interventions);
          t = (g_get_monotonic_time () - t0) / 1000.0;
          if (run > 0)
            g_array_append_val (ms[9], t);
          t0 = g_get_monotonic_time ();
          open_works_tab_once (page);
          t = (g_get_monotonic_time () - t0) / 1000.0;
          if (run > 0)
            g_array_append_val (ms[8], t);
        }
      report ("school_page_open_ms", ms[5]);
      report ("register_all_rows_ms", ms[7]);
      report ("map_tab_open_ms", ms[6]);
      report ("map_all_rows_ms", ms[9]);
      report ("works_tab_open_ms", ms[8]);
      gtk_window_destroy (window);
    }
  for (guint k = 0; k < G_N_ELEMENTS (ms); k++)
    g_array_unref (ms[k]);
  return 0;
}
