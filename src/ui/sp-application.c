/* sp-application.c: the application. It opens the school's database once and hands the
 * store to each window as a construct-only property (no globals). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-application.h"
#include "sp-dates.h"
#include "sp-store-backup.h"
#include "sp-store-review.h"
#include "sp-store.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  gchar          *database;
  SpStore        *store;
  gboolean        daily_backup_started;
  gboolean        restoring;
  gboolean        notified;
  gboolean        quitting;            /* Quit waits for an answer about unsaved typing */
  guint           quit_id;             /* Quit goes on when idle, after a window closed */
  GdkFrameClock  *first_frame_clock;   /* while waiting for a new window's first frame */
  guint           first_frame_timeout;
  GThread        *preload;             /* opening the database while GTK starts, until joined */
};

/* What the preload thread hands to the first window. */
typedef struct
{
  gchar      *database;   /* in: the database's path */
  SpStore    *store;      /* out: the store, or NULL and error set */
  GListModel *pupils;     /* out: the pupil list, or NULL (the window reads it itself) */
  GError     *error;
} SpPreload;

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpApplication *
sp_application_new (const gchar *database)
{
  /* With a database named on the command line, this copy stands alone rather than handing
   * over to a copy already running on another database. */
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", database ? G_APPLICATION_NON_UNIQUE : G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/supportplans/SupportPlans",
                       "database", database,
                       NULL);
}

/* ---- messages ------------------------------------------------------------------------- */

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_toast_overlay (child);
      if (found)
        return found;
    }
  return NULL;
}

/* Tells the user @message in the window's toast overlay, or in a dialog when there is none. */
static void
tell (SpApplication *self,
      const gchar   *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToastOverlay *overlay = window ? find_toast_overlay (GTK_WIDGET (window)) : NULL;

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (overlay, toast);
      return;
    }

  {
    GtkWidget *dialog = adw_message_dialog_new (window, NULL, message);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* ---- the daily backup ------------------------------------------------------------------ */

/* Runs in a thread of its own with a database connection of its own, so the window does not
 * wait for it. */
static void
daily_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const gchar *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *dir = sp_store_backups_dir_for (path);

  if (store == NULL || !sp_store_backup_daily (store, dir, today, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
daily_backup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree gchar *message =
        g_strdup_printf (_("Today’s backup could not be made: %s"), error->message);
      tell (SP_APPLICATION (source), message);
    }
  g_application_release (G_APPLICATION (source));
}

/* ---- the check of the file, off the first frame's path ------------------------------------ */

static void
quick_check_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (task_data,
                                            SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_CHECKED,
                                            &error);

  if (store == NULL || !sp_store_quick_check (store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
quick_check_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SpApplication *self = SP_APPLICATION (source);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;

  /* A damaged file: every window stops and says so; nothing more is written to it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SP_IS_WINDOW (l->data))
      sp_window_show_problem (SP_WINDOW (l->data), error->message);
}

/* The window opens at once; SQLite's quick_check of the whole file runs meanwhile on a
 * connection of its own, so a large school does not wait a tenth of a second for its list. */
static void
start_quick_check (SpApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  task = g_task_new (self, NULL, quick_check_done, NULL);
  g_task_set_source_tag (task, start_quick_check);
  g_task_set_task_data (task, g_strdup (sp_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, quick_check_thread);
}

static void
start_daily_backup (SpApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->daily_backup_started)
    return;
  self->daily_backup_started = TRUE;
  /* Closing the window while the copy is written does not cut it short. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, daily_backup_done, NULL);
  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, g_strdup (sp_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

/* ---- start-up ------------------------------------------------------------------------- */

/* GTK's and libadwaita's start-up keep the main thread busy for most of the time to the first
 * frame (about 85 of 150 ms on the bench machine); the database is opened and the pupil
 * list read (8 ms) meanwhile, in this thread. The store is handed over whole when the thread
 * is joined: the main thread never touches it before, and SQLite connections may move
 * between threads when used by one at a time. Besides its own objects the thread uses SQLite
 * and gettext (messages): the locale is set before any thread starts and GTK does not set it
 * again (main.c), and the path is found on the main thread (the environment). */
static gpointer
preload_thread (gpointer data)
{
  SpPreload *preload = data;

  preload->store = sp_store_open (preload->database, SP_STORE_OPEN_CHECK_LATER,
                                  &preload->error);
  if (preload->store != NULL)
    preload->pupils = sp_store_list_pupils (preload->store, NULL);
  return preload;
}

/* Waits for the preload thread; its results are the caller's (free with g_free). */
static SpPreload *
join_preload (SpApplication *self)
{
  SpPreload *preload;

  if (self->preload == NULL)
    return NULL;
  preload = g_thread_join (g_steal_pointer (&self->preload));
  g_free (preload->database);
  return preload;
}

static void
free_preload (SpPreload *preload)
{
  g_clear_object (&preload->store);
  g_clear_object (&preload->pupils);
  g_clear_error (&preload->error);
  g_free (preload);
}

/* libadwaita's start-up adds its icons to the icon theme, which throws away the theme GTK had
 * just read in a thread (gtk_application_startup), so the first icon drawn read it again on the
 * main thread (16 ms of gtk_window_present). This reads it again at once, in a thread, while
 * the window is built; a lookup on the main thread waits for it under the theme's own lock,
 * as GTK's own loading thread does. */
static void
icon_theme_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (GTK_ICON_THEME (source_object), "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

static void
sp_application_startup (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  g_autofree gchar *path = NULL;
  GdkDisplay *display;

  /* The path is found here, on the main thread: it reads the environment, which GTK's
   * start-up may change meanwhile. Without one (no folder for it), the window says why. */
  path = self->database ? g_strdup (self->database) : sp_store_default_path (NULL);
  if (path != NULL)
    {
      SpPreload *preload = g_new0 (SpPreload, 1);

      preload->database = g_steal_pointer (&path);
      self->preload = g_thread_new ("sp-preload", preload_thread, preload);
    }

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  display = gdk_display_get_default ();
  if (display != NULL)
    {
      g_autoptr(GTask) task = g_task_new (gtk_icon_theme_get_for_display (display), NULL,
                                          NULL, NULL);

      g_task_run_in_thread (task, icon_theme_thread);
    }
}

/* ---- benchmarks ------------------------------------------------------------------------ */

/* With SUPPORT_PLANS_BENCH_FIRST_FRAME=1 (bench/run), prints the monotonic clock when the
 * window's first frame has been painted, and quits. */
static void
on_first_frame (GdkFrameClock *clock,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, user_data);
  printf ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (app);
}

static void
watch_first_frame (SpApplication *self,
                   GtkWindow     *window)
{
  GdkSurface *surface;

  if (g_strcmp0 (g_getenv ("SUPPORT_PLANS_BENCH_FIRST_FRAME"), "1") != 0)
    return;
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface != NULL)
    g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                      G_CALLBACK (on_first_frame), self);
}

/* ---- opening --------------------------------------------------------------------------- */

static void notify_overdue (SpApplication *self);

static void
stop_waiting_for_first_frame (SpApplication *self);

/* What a start does besides showing the window: the check of the file and today's backup (each
 * a thread with a connection of its own) and the notification of overdue reviews (a query and
 * a few D-Bus calls). None of it changes the first frame, and on two cores the threads would
 * compete with it, so it waits for that frame (or two seconds, if none comes). */
static void
start_background_work (SpApplication *self)
{
  stop_waiting_for_first_frame (self);
  start_quick_check (self);
  start_daily_backup (self);
  if (!self->notified)
    {
      self->notified = TRUE;
      notify_overdue (self);
    }
}

static void
on_window_painted (SpApplication *self,
                   GdkFrameClock *clock)
{
  start_background_work (self);
}

static gboolean
first_frame_timed_out (gpointer user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);

  self->first_frame_timeout = 0;
  start_background_work (self);
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_first_frame (SpApplication *self)
{
  g_clear_handle_id (&self->first_frame_timeout, g_source_remove);
  if (self->first_frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->first_frame_clock, on_window_painted, self);
  g_clear_object (&self->first_frame_clock);
}

static void
start_after_first_frame (SpApplication *self,
                         GtkWindow     *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  stop_waiting_for_first_frame (self);
  if (surface == NULL)
    {
      start_background_work (self);
      return;
    }
  self->first_frame_clock = g_object_ref (gdk_surface_get_frame_clock (surface));
  g_signal_connect_swapped (self->first_frame_clock, "after-paint",
                            G_CALLBACK (on_window_painted), self);
  self->first_frame_timeout = g_timeout_add_seconds (2, first_frame_timed_out, self);
}

static GtkWindow *
open_window (SpApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pupils = NULL;
  SpPreload *preload = join_preload (self);
  GtkWindow *window;

  if (preload != NULL && self->store == NULL)
    {
      self->store = g_steal_pointer (&preload->store);
      pupils = g_steal_pointer (&preload->pupils);
      error = g_steal_pointer (&preload->error);
    }
  g_clear_pointer (&preload, free_preload);

  if (self->store == NULL && error == NULL)
    {
      g_autofree gchar *path = self->database ? g_strdup (self->database)
                                              : sp_store_default_path (&error);

      if (path != NULL)
        self->store = sp_store_open (path, SP_STORE_OPEN_CHECK_LATER, &error);
    }

  window = g_object_new (SP_TYPE_WINDOW,
                         "application", self,
                         "store", self->store,
                         "pupils", pupils,
                         "problem", error ? error->message : NULL,
                         NULL);
  gtk_window_present (window);
  watch_first_frame (self, window);
  start_after_first_frame (self, window);
  return window;
}

/* Whether the desktop shows notifications at all: without a notification service (a bare X
 * session, a test under Xvfb) GIO would only warn on the console. The window's overdue count
 * says the same thing in any case. */
static gboolean
notifications_available (SpApplication *self)
{
  static const gchar *const services[] = { "org.gtk.Notifications",
                                           "org.freedesktop.Notifications",
                                           "org.freedesktop.portal.Desktop" };
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  for (guint i = 0; bus != NULL && i < G_N_ELEMENTS (services); i++)
    {
      g_autoptr(GVariant) reply =
        g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "NameHasOwner",
                                     g_variant_new ("(s)", services[i]), G_VARIANT_TYPE ("(b)"),
                                     G_DBUS_CALL_FLAGS_NONE, 500, NULL, NULL);
      gboolean owned = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return TRUE;
    }
  return FALSE;
}

/* At start-up, one notification says how many reviews are overdue; opening it shows them. */
static void
notify_overdue (SpApplication *self)
{
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree gchar *title = NULL;
  gint overdue;

  if (self->store == NULL)
    return;
  overdue = sp_store_count_overdue_reviews (self->store, today, NULL);
  if (overdue <= 0 || !notifications_available (self))
    return;

  title = g_strdup_printf (ngettext ("%d review is overdue", "%d reviews are overdue", overdue),
                           overdue);
  notification = g_notification_new (title);
  g_notification_set_body (notification,
                           _("Plans are reviewed on the date agreed with the family. Open "
                             "Reviews Due to see whose they are."));
  g_notification_set_default_action (notification, "app.show-reviews-due");
  g_application_send_notification (G_APPLICATION (self), "reviews-overdue", notification);
}

static void
on_show_reviews_due (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (user_data));
      window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
    }
  if (window != NULL)
    {
      gtk_window_present (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.reviews-due", NULL);
    }
}

static void
sp_application_activate (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->restoring)
    return;

  open_window (self);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);
  SpPreload *preload;

  stop_waiting_for_first_frame (self);
  g_clear_handle_id (&self->quit_id, g_source_remove);
  preload = join_preload (self);
  g_clear_pointer (&preload, free_preload);
  g_clear_object (&self->store);
  g_clear_pointer (&self->database, g_free);
  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpApplication *self = SP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpApplication *self = SP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void sp_application_window_added   (GtkApplication *app,
                                           GtkWindow      *window);
static void sp_application_window_removed (GtkApplication *app,
                                           GtkWindow      *window);

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;
  object_class->get_property = sp_application_get_property;
  object_class->set_property = sp_application_set_property;
  app_class->startup = sp_application_startup;
  app_class->activate = sp_application_activate;
  GTK_APPLICATION_CLASS (klass)->window_added = sp_application_window_added;
  GTK_APPLICATION_CLASS (klass)->window_removed = sp_application_window_removed;

  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Quitting throws away no typing that could not be saved (a full disk): each window holding
 * some asks first, as closing it would, one at a time, the active window first. An answer
 * that closes the window (Close Anyway, or Try Again that saved it) lets Quit go on to the
 * next (sp_application_window_removed); Keep Open stops it (on_window_kept_open). Once no
 * window holds any, every window is closed and the application quits. */
static void
quit_step (SpApplication *self)
{
  g_autolist(GtkWindow) windows = NULL;

  if (!self->quitting)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  windows = g_list_reverse (windows);
  for (GList *l = windows; l != NULL; l = l->next)
    if (SP_IS_WINDOW (l->data) && !sp_window_confirm_close (SP_WINDOW (l->data)))
      return;
  self->quitting = FALSE;
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
quit_step_idle (gpointer user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);

  self->quit_id = 0;
  quit_step (self);
  return G_SOURCE_REMOVE;
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);

  self->quitting = TRUE;
  quit_step (self);
}

static void
on_window_kept_open (SpApplication *self,
                     SpWindow      *window)
{
  self->quitting = FALSE;
  g_clear_handle_id (&self->quit_id, g_source_remove);
}

static void
sp_application_window_added (GtkApplication *app,
                             GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (sp_application_parent_class)->window_added (app, window);
  if (SP_IS_WINDOW (window))
    g_signal_connect_object (window, "keep-open", G_CALLBACK (on_window_kept_open), app,
                             G_CONNECT_SWAPPED);
}

/* A window closed while Quit waits (its question answered): the next, once it has gone. */
static void
sp_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  SpApplication *self = SP_APPLICATION (app);

  GTK_APPLICATION_CLASS (sp_application_parent_class)->window_removed (app, window);
  if (self->quitting && self->quit_id == 0)
    self->quit_id = g_idle_add (quit_step_idle, self);
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const gchar *developers[] = { "The Support Plans developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Support Plans"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Support Plans developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Write, review and share SEN Support plans for the pupils "
                                       "in your school. Everything stays on this computer "
                                       "unless you export it."),
                         "website", "https://github.com/supportplans/support-plans",
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* ---- back up now ---------------------------------------------------------------------- */

typedef struct
{
  gchar *database;
  gchar *target;
  gchar *kept;
  gchar *log;      /* a restore's: the -wal beside the backup whose changes it included */
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_free (job->database);
  g_free (job->target);
  g_free (job->kept);
  g_free (job->log);
  g_free (job);
}

static void
backup_now_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (job->database, SP_STORE_OPEN_NO_CREATE, &error);

  if (store == NULL || !sp_store_backup_to (store, job->target, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_now_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree gchar *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (_("Backed up and checked: %s"), job->target);
  tell (SP_APPLICATION (source), message);
}

static void
start_backup (SpApplication *self,
              const gchar   *target)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  if (self->store == NULL)
    return;
  job = g_new0 (BackupJob, 1);
  job->database = g_strdup (sp_store_get_path (self->store));
  job->target = g_strdup (target);
  task = g_task_new (self, NULL, backup_now_done, NULL);
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, backup_now_thread);
}

static void
on_backup_file_chosen (GtkNativeDialog *chooser,
                       gint             response,
                       gpointer         user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree gchar *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    start_backup (self, path);
}

/* app.backup-to('PATH'): the same without the file chooser. */
static void
on_backup_to (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  start_backup (SP_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_backup_now (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (today);
  g_autofree gchar *name = g_strdup_printf ("support-plans-%s.db", iso);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    {
      tell (self, _("There is no database open to back up."));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Back Up the School"), window,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- restore --------------------------------------------------------------------------- */

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!sp_store_restore_from_full (job->database, job->target, &job->kept, &job->log, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The restore is done (or refused): open the database again in a new window. */
static void
restore_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SpApplication *self = SP_APPLICATION (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree gchar *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup (error->message);
  else if (job->log != NULL)
    /* Said as the command line says it: the -wal's changes were part of what came back. */
    message = g_strdup_printf (_("The backup has been restored, including the latest changes "
                                 "from the second file beside it, %s. The school as it was "
                                 "before is kept in %s."),
                               job->log, job->kept ? job->kept : job->database);
  else
    message = g_strdup_printf (_("The backup has been restored. The school as it was before "
                                 "is kept in %s."), job->kept ? job->kept : job->database);

  self->restoring = FALSE;
  g_free (self->database);
  self->database = g_strdup (job->database);
  open_window (self);
  tell (self, message);
  g_application_release (G_APPLICATION (self));
}

static void
start_restore (SpApplication *self,
               const gchar   *backup_file)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  /* Restoring replaces the school with the backup; typing that could not be saved yet (a
   * full disk) would go with it, unasked. The teacher saves it first, or it stays. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SP_IS_WINDOW (l->data) && !sp_window_save_everything (SP_WINDOW (l->data)))
      {
        tell (self, _("Nothing was restored: some of your typing is not saved yet, and "
                      "restoring now would lose it. Use Try Again in the yellow bar, then "
                      "restore again."));
        return;
      }

  job = g_new0 (BackupJob, 1);
  job->database = g_strdup (sp_store_get_path (self->store));
  job->target = g_strdup (backup_file);

  /* Close every window (each saves what is being typed first) and the store, restore, then
   * open a new window on the restored school. The hold keeps the app running meanwhile. */
  g_application_hold (G_APPLICATION (self));
  self->restoring = TRUE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (self)))
    {
      gtk_window_close (GTK_WINDOW (l->data));
      if (gtk_application_get_windows (GTK_APPLICATION (self)) == l)
        gtk_window_destroy (GTK_WINDOW (l->data));
    }
  g_clear_object (&self->store);

  task = g_task_new (self, NULL, restore_done, NULL);
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, restore_thread);
}

typedef struct
{
  SpApplication *app;
  gchar         *file;
} PendingRestore;

static void
pending_restore_free (gpointer data)
{
  PendingRestore *pending = data;

  g_object_unref (pending->app);
  g_free (pending->file);
  g_free (pending);
}

static gboolean
restore_when_idle (gpointer data)
{
  PendingRestore *pending = data;

  if (pending->app->store != NULL && !pending->app->restoring)
    start_restore (pending->app, pending->file);
  return G_SOURCE_REMOVE;
}

/* The windows are closed once the dialog has finished closing: it is transient for one. */
static void
on_restore_confirmed (AdwMessageDialog *dialog,
                      const gchar      *response,
                      gpointer          user_data)
{
  PendingRestore *pending;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  pending = g_new0 (PendingRestore, 1);
  pending->app = g_object_ref (SP_APPLICATION (user_data));
  pending->file = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup-file"));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_when_idle, pending, pending_restore_free);
}

/* Asks before restoring @path; a file that is not a good backup is refused before anything
 * is closed. */
static void
confirm_restore (SpApplication *self,
                 const gchar   *path)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree gchar *name = NULL;
  GtkWidget *dialog;

  if (self->store == NULL || self->restoring)
    return;
  if (!sp_store_backup_check (path, &error))
    {
      tell (self, error->message);
      return;
    }

  name = g_path_get_basename (path);
  dialog = adw_message_dialog_new (window, _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Everything in Support Plans will be replaced by the "
                                    "backup “%s”. Changes made since that backup will no "
                                    "longer show. The school as it is now is kept in the "
                                    "backups folder first, so nothing is lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-file", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_confirmed), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_file_chosen (GtkNativeDialog *chooser,
                        gint             response,
                        gpointer         user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree gchar *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    confirm_restore (self, path);
}

/* app.restore-file('PATH'): the same without the file chooser (tests, scripts over D-Bus). */
static void
on_restore_file (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  confirm_restore (SP_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_restore (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SpApplication *self = SP_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree gchar *dir = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->restoring)
    {
      tell (self, _("There is no database open to restore into."));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Choose a Backup to Restore"), window,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Support Plans backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  dir = sp_store_backups_dir_for (sp_store_get_path (self->store));
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "about", .activate = on_about },
  { .name = "backup-now", .activate = on_backup_now },
  { .name = "restore", .activate = on_restore },
  { .name = "backup-to", .activate = on_backup_to, .parameter_type = "s" },
  { .name = "restore-file", .activate = on_restore_file, .parameter_type = "s" },
  { .name = "show-reviews-due", .activate = on_show_reviews_due },
};

static void
sp_application_init (SpApplication *self)
{
  static const gchar *quit_accels[] = { "<Control>q", NULL };
  static const gchar *close_accels[] = { "<Control>w", NULL };
  static const gchar *search_accels[] = { "<Control>f", NULL };
  static const gchar *new_plan_accels[] = { "<Control>n", NULL };
  static const gchar *print_accels[] = { "<Control>p", NULL };
  static const gchar *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-plan", new_plan_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.print('parent')",
                                         print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.preferences",
                                         preferences_accels);
}
