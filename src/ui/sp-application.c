/* sp-application.c: the application. It opens the school's database once and hands the
 * store to each window as a construct-only property (no globals). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-store.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  gchar          *database;
  SpStore        *store;
};

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

static void
sp_application_activate (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      g_autofree gchar *path = self->database ? g_strdup (self->database)
                                              : sp_store_default_path (&error);

      if (path != NULL)
        self->store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
    }

  window = g_object_new (SP_TYPE_WINDOW,
                         "application", app,
                         "store", self->store,
                         "problem", error ? error->message : NULL,
                         NULL);
  gtk_window_present (window);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

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

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;
  object_class->get_property = sp_application_get_property;
  object_class->set_property = sp_application_set_property;
  app_class->activate = sp_application_activate;

  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "about", .activate = on_about },
};

static void
sp_application_init (SpApplication *self)
{
  static const gchar *quit_accels[] = { "<Control>q", NULL };
  static const gchar *close_accels[] = { "<Control>w", NULL };
  static const gchar *search_accels[] = { "<Control>f", NULL };
  static const gchar *new_plan_accels[] = { "<Control>n", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-plan", new_plan_accels);
}
