/* bare-adw-window.c: the floor under the app's start-up. An AdwApplication (non-unique, as the
 * app started with --database is) whose window is an AdwApplicationWindow of the main window's
 * size with one label: libadwaita's own start-up (its style sheet, the application's D-Bus
 * registration) and nothing of ours. Prints the monotonic clock when its first frame has been
 * painted, then quits, as bench/bare-window does; bench/run compares both with the app. */
#include <adwaita.h>
#include <stdio.h>

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  printf ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (app));
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Bare libadwaita window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Hello"));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                    "after-paint", G_CALLBACK (on_after_paint), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.supportplans.BareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
