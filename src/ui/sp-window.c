/* sp-window.c: the main window: the searchable pupil list beside the chosen pupil. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-demo.h"
#include "sp-dates.h"
#include "sp-pupil-page.h"
#include "sp-pupil.h"
#include "sp-store.h"
#include "sp-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  SpStore              *store;
  gchar                *problem;
  GSettings            *settings;
  guint                 reload_id;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *problem_page;
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkListView          *pupil_list;
  GtkFilterListModel   *filter_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  SpPupilPage          *pupil_page;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_pupil (gpointer item,
              gpointer user_data)
{
  SpWindow *self = SP_WINDOW (user_data);

  return sp_pupil_matches (SP_PUPIL (item), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
update_titles (SpWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);
  guint total = all ? g_list_model_get_n_items (all) : 0;
  g_autofree gchar *subtitle = NULL;

  if (shown == total)
    subtitle = g_strdup_printf (ngettext ("%u pupil", "%u pupils", total), total);
  else
    subtitle = g_strdup_printf (ngettext ("%u of %u pupil", "%u of %u pupils", total), shown,
                                total);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
reload (SpWindow *self)
{
  g_autoptr(GListModel) pupils = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      adw_status_page_set_description (self->problem_page, self->problem);
      gtk_stack_set_visible_child_name (self->main_stack, "problem");
      return;
    }

  pupils = sp_store_list_pupils (self->store, &error);
  if (pupils == NULL)
    {
      adw_status_page_set_description (self->problem_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "problem");
      return;
    }

  gtk_filter_list_model_set_model (self->filter_model, pupils);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    g_list_model_get_n_items (pupils) ? "school" : "empty");
  update_titles (self);
}

static gboolean
reload_idle (gpointer user_data)
{
  SpWindow *self = SP_WINDOW (user_data);

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Many writes can come at once (a demo school, an import): reload the list once, when idle. */
static void
on_store_changed (SpWindow    *self,
                  const gchar *table,
                  gint64       id,
                  SpStore     *store)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle, self, NULL);
}

static void
on_search_changed (SpWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_titles (self);
}

static void
on_selection_changed (SpWindow *self)
{
  SpPupil *pupil = gtk_single_selection_get_selected_item (self->selection);

  if (pupil == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      adw_window_title_set_title (self->content_title, "");
      return;
    }

  {
    g_autofree gchar *name = sp_pupil_dup_display_name (pupil);
    adw_window_title_set_title (self->content_title, name);
  }
  sp_pupil_page_show (self->pupil_page, self->store, sp_pupil_get_id (pupil));
  gtk_stack_set_visible_child_name (self->content_stack, "pupil");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_pupil_activated (SpWindow    *self,
                    guint        position,
                    GtkListView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  on_selection_changed (self);
}

static void
search_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "school") != 0)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget   *widget,
             const gchar *action_name,
             GVariant    *parameter)
{
  adw_leaflet_navigate (SP_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
load_demo_action (GtkWidget   *widget,
                  const gchar *action_name,
                  GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = sp_date_today ();

  if (self->store == NULL)
    return;

  if (!sp_demo_fill (self->store, 36, today, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("A made-up school has been added. Every name in "
                                                "it is invented.")));
}

static void
sp_window_constructed (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  G_OBJECT_CLASS (sp_window_parent_class)->constructed (object);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", self->store != NULL);
  reload (self);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROBLEM:
      self->problem = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_window_constructed;
  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;
  object_class->get_property = sp_window_get_property;
  object_class->set_property = sp_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_PUPIL);
  g_type_ensure (SP_TYPE_PUPIL_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, pupil_list);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, filter_model);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, pupil_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_activated);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_pupil, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_object_unref (self->filter);   /* the filter model holds it */

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

/* For tests and benchmarks: what the list shows now. */
GListModel *
sp_window_get_visible_pupils (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

void
sp_window_set_search_text (SpWindow    *self,
                           const gchar *text)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* GtkSearchEntry delays search-changed; a caller setting the text wants the result now. */
  on_search_changed (self, self->search_entry);
}

const gchar *
sp_window_get_visible_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}
