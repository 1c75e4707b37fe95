/* bare-window.c: the yardstick for start-up time and memory. A plain GtkWindow the size of the
 * main window, with one label; prints the monotonic clock (CLOCK_MONOTONIC, as
 * g_get_monotonic_time) when its first frame has been painted, then exits. bench/run compares
 * the app against it on the same renderer. */
#include <gtk/gtk.h>
#include <stdio.h>

static gboolean done;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  printf ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                    "after-paint", G_CALLBACK (on_after_paint), NULL);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
