/* sp-bench-ui.c: times what a teacher waits for in the main window, on a real database, by
 * driving the real SpWindow as tests/ui/test-window.c does. Prints one line per figure,
 * "name: value unit". Each timing is the main thread's work for the action (the handler and
 * everything it leaves pending) plus the next frame's update, layout and paint (measured
 * from the frame clock's before-paint to after-paint), so time spent waiting for the frame
 * deadline is not counted but drawing the result is.
 *
 *   sp-bench-ui DB
 *
 * SP_BENCH_UI_ONLY=search,open,save (any of them, comma-separated) runs only those parts:
 * "open" is open_pupil and open_plan. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sp-saver.h"
#include "sp-store.h"
#include "sp-window.h"

#define N_QUERIES 1000
#define N_OPENS   100
#define N_SAVES   200

static gint64 paint_start, paint_end;
static guint  n_painted;

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       data)
{
  paint_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  paint_end = g_get_monotonic_time ();
  n_painted++;
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until nothing is pending; returns the microseconds spent dispatching. */
static gint64
drain (void)
{
  gint64 t0 = g_get_monotonic_time ();

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return g_get_monotonic_time () - t0;
}

/* Waits (up to 100 ms) for the frame after the action; returns its paint time. A frame that
 * was painted while draining is already counted in the drain's time. */
static gint64
next_paint (guint painted_before)
{
  gboolean expired = FALSE;
  guint id;

  if (n_painted > painted_before)
    return 0;
  id = g_timeout_add (100, timed_out, &expired);

  while (n_painted == painted_before && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return n_painted > painted_before ? paint_end - paint_start : 0;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;
  return (x > y) - (x < y);
}

static gdouble
percentile (GArray  *ms,
            gdouble  p)
{
  guint i;

  g_array_sort (ms, compare_doubles);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, gdouble, MIN (i, ms->len - 1));
}

static void
report (const gchar *name,
        GArray      *ms)
{
  printf ("%s_p99_ms: %.2f ms\n", name, percentile (ms, 0.99));
  printf ("%s_median_ms: %.2f ms\n", name, percentile (ms, 0.5));
  fflush (stdout);
}

/* The queries a teacher types: each name letter by letter, then the box cleared. */
static GPtrArray *
typed_queries (GListModel *pupils)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (pupils);
  /* SP_BENCH_UI_QUERIES: fewer queries, for a run under callgrind. */
  const gchar *wanted_n = g_getenv ("SP_BENCH_UI_QUERIES");
  guint n_queries = wanted_n ? (guint) CLAMP (g_ascii_strtoull (wanted_n, NULL, 10), 1, N_QUERIES)
                             : N_QUERIES;

  for (guint k = 0; queries->len < n_queries; k++)
    {
      g_autoptr(SpPupil) pupil = g_list_model_get_item (pupils, (k * 37) % n);
      const gchar *word = k % 3 == 0 ? sp_pupil_get_text (pupil, "forename")
                        : k % 3 == 1 ? sp_pupil_get_text (pupil, "surname")
                                     : sp_pupil_get_text (pupil, "upn");
      glong len = g_utf8_strlen (word, -1);

      for (glong i = 1; i <= len && queries->len < n_queries; i++)
        g_ptr_array_add (queries, g_utf8_substring (word, 0, i));
      if (queries->len < n_queries)
        g_ptr_array_add (queries, g_strdup (""));
    }
  return queries;
}

static gboolean saved;

/* Whether SP_BENCH_UI_ONLY (unset: everything) asks for this part. */
static gboolean
wanted (const gchar *part)
{
  const gchar *only = g_getenv ("SP_BENCH_UI_ONLY");
  g_auto(GStrv) parts = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  parts = g_strsplit (only, ",", -1);
  return g_strv_contains ((const gchar * const *) parts, part);
}

static void
on_saved (GObject      *owner,
          gint64        new_revision,
          gint64        cost_pence,
          const GError *error,
          gpointer      user_data)
{
  if (error != NULL)
    g_error ("save failed: %s", error->message);
  *(gint64 *) user_data = new_revision;
  saved = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSaver) saver = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) match_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) pupil_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) plan_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (gint64));
  SpWindow *window;
  GtkWidget *list;
  GdkFrameClock *clock;
  gint64 target_id = 0, revision = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s DB\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();

  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  all = sp_store_list_pupils (store, &error);
  g_assert_no_error (error);

  window = g_object_new (SP_TYPE_WINDOW, "store", store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  while (n_painted < 3)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  printf ("pupils: %u pupils\n", g_list_model_get_n_items (all));

  /* Search: 1,000 typed queries. */
  queries = typed_queries (all);
  for (guint i = 0; wanted ("search") && i < queries->len; i++)
    {
      guint before = n_painted;
      gint64 t0 = g_get_monotonic_time ();
      gdouble ms;

      gint64 handler, drained, painted;
      struct timespec cpu0, cpu1;

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu0);
      sp_window_set_search_text (window, g_ptr_array_index (queries, i));
      handler = g_get_monotonic_time () - t0;
      drained = drain ();
      painted = next_paint (before);
      ms = (handler + drained + painted) / 1000.0;
      g_array_append_val (search_ms, ms);
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu1);
      if (g_getenv ("SP_BENCH_UI_VERBOSE") != NULL)
        fprintf (stderr, "search %.2f ms (handler %.2f, pending %.2f, paint %.2f; main thread's "
                 "CPU %.2f) %u shown \"%s\"\n",
                 ms, handler / 1000.0, drained / 1000.0, painted / 1000.0,
                 ((cpu1.tv_sec - cpu0.tv_sec) * 1e9 + (cpu1.tv_nsec - cpu0.tv_nsec)) / 1e6,
                 g_list_model_get_n_items (sp_window_get_visible_pupils (window)),
                 (const gchar *) g_ptr_array_index (queries, i));
    }
  sp_window_set_search_text (window, "");
  drain ();
  if (wanted ("search"))
    report ("search", search_ms);

  /* The matching alone, every pupil against each query, without the list: how much of the
   * search is ours and how much is the list view's. */
  for (guint i = 0; wanted ("search") && i < queries->len; i++)
    {
      const gchar *query = g_ptr_array_index (queries, i);
      guint n = g_list_model_get_n_items (all), hits = 0;
      gint64 t0 = g_get_monotonic_time ();
      gdouble ms;

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(SpPupil) pupil = g_list_model_get_item (all, k);
          hits += sp_pupil_matches (pupil, query);
        }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (match_ms, ms);
    }
  if (wanted ("search"))
    report ("search_match_only", match_ms);

  /* A pupil's page: rows activated as a click or Enter would. */
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SP_TYPE_WINDOW,
                                                    "pupil_list"));
  for (guint i = 0; (wanted ("open") || wanted ("save")) && i < N_OPENS; i++)
    {
      guint n = g_list_model_get_n_items (sp_window_get_visible_pupils (window));
      guint position = (i * 97) % n;
      guint before = n_painted;
      gint64 t0 = g_get_monotonic_time ();
      gint64 handler, drained, painted;
      gdouble ms;

      gtk_widget_activate_action (list, "list.activate-item", "u", position);
      handler = g_get_monotonic_time () - t0;
      drained = drain ();
      painted = next_paint (before);
      ms = (handler + drained + painted) / 1000.0;
      g_array_append_val (pupil_ms, ms);
      if (g_getenv ("SP_BENCH_UI_VERBOSE") != NULL)
        fprintf (stderr, "open pupil %.2f ms (handler %.2f, pending %.2f, paint %.2f) at %u\n",
                 ms, handler / 1000.0, drained / 1000.0, painted / 1000.0, position);

      {
        g_autoptr(SpPupil) pupil = g_list_model_get_item (sp_window_get_visible_pupils (window),
                                                          position);
        g_autoptr(GListModel) pupil_plans = sp_store_list_plans (store, sp_pupil_get_id (pupil),
                                                                 NULL);
        guint n_plans = pupil_plans ? g_list_model_get_n_items (pupil_plans) : 0;

        if (n_plans > 0)
          {
            g_autoptr(SpPlan) plan = g_list_model_get_item (pupil_plans, n_plans - 1);
            gint64 id = sp_plan_get_id (plan);
            g_array_append_val (plans, id);
          }
      }
    }
  if (wanted ("open"))
    report ("open_pupil", pupil_ms);

  /* A plan's page, as opened from the pupil's page. */
  for (guint i = 0; wanted ("open") && i < plans->len; i++)
    {
      guint before = n_painted;
      gint64 t0 = g_get_monotonic_time ();
      gdouble ms;

      sp_window_open_plan (window, g_array_index (plans, gint64, i));
      ms = (g_get_monotonic_time () - t0 + drain () + next_paint (before)) / 1000.0;
      g_array_append_val (plan_ms, ms);
    }
  if (wanted ("open"))
    report ("open_plan", plan_ms);
  if (!wanted ("save"))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      drain ();
      return 0;
    }

  /* Saving a target's text as typed: a target of an active plan. */
  for (guint i = plans->len; i-- > 0 && target_id == 0;)
    {
      g_autoptr(SpPlanRecord) record = sp_store_load_plan (store, g_array_index (plans, gint64, i),
                                                           NULL);

      if (record != NULL && g_strcmp0 (record->status, "active") == 0
          && record->targets->len > 0)
        {
          SpTargetRecord *target = g_ptr_array_index (record->targets, 0);
          target_id = target->id;
          revision = target->revision;
          sp_window_open_plan (window, record->id);
          drain ();
        }
    }
  if (target_id == 0)
    g_error ("no active plan with a target to save to");

  /* Through the off-thread saver the editor uses: the main thread's part is queueing the
   * write and handling its answer (and whatever that leaves to do), not the fsync. */
  saver = sp_saver_new (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree gchar *text = g_strdup_printf ("Read and spell 20 common words (%u)", i);
      gint64 busy, t0 = g_get_monotonic_time ();
      gdouble ms;

      saved = FALSE;
      sp_saver_save_text (saver, SP_FIELD_TARGET_DESCRIPTION, target_id, revision, text,
                          G_OBJECT (window), on_saved, &revision);
      busy = g_get_monotonic_time () - t0;
      while (!saved)
        {
          if (g_main_context_pending (NULL))
            {
              gint64 t1 = g_get_monotonic_time ();
              g_main_context_iteration (NULL, FALSE);
              busy += g_get_monotonic_time () - t1;
            }
          else
            g_usleep (50);
        }
      busy += drain ();
      ms = busy / 1000.0;
      g_array_append_val (save_ms, ms);
    }
  report ("save", save_ms);

  /* For comparison: the same write done on the main thread, fsync included. */
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree gchar *text = g_strdup_printf ("Read and spell 30 common words (%u)", i);
      gint64 t0 = g_get_monotonic_time ();
      gdouble ms;

      if (!sp_store_update_target_text (store, target_id, revision, text, &revision, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (sync_ms, ms);
    }
  report ("save_sync", sync_ms);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}
