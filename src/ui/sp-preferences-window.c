/* sp-preferences-window.c: the notional SEN threshold and the hourly rates per role (see
 * sp-preferences-window.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-preferences-window.h"
#include "sp-store-senco.h"

struct _SpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SpStore              *store;
  gint64                threshold_revision;
  gboolean              loading;
  GHashTable           *rates;          /* role -> SpRoleRate, as last read or saved */
  GHashTable           *spins;          /* role -> GtkSpinButton (owned by its row) */

  GtkSpinButton        *threshold_spin;
  AdwPreferencesGroup  *rates_group;
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gint64
pence_of (GtkSpinButton *spin)
{
  gdouble pounds = gtk_spin_button_get_value (spin);

  /* To the nearest penny, without libm. */
  return (gint64) (pounds * 100 + (pounds >= 0 ? 0.5 : -0.5));
}

static void
say (SpPreferencesWindow *self,
     const gchar         *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void load (SpPreferencesWindow *self);

static void
on_threshold_changed (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 revision;

  if (self->loading || self->store == NULL)
    return;
  if (!sp_store_set_threshold (self->store, self->threshold_revision,
                               pence_of (self->threshold_spin), &revision, &error))
    {
      say (self, error->message);
      load (self);
      return;
    }
  self->threshold_revision = revision;
}

static void
on_rate_changed (GtkSpinButton       *spin,
                 SpPreferencesWindow *self)
{
  const gchar *role = g_object_get_data (G_OBJECT (spin), "role");
  SpRoleRate *rate = role ? g_hash_table_lookup (self->rates, role) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision;

  if (self->loading || self->store == NULL || rate == NULL)
    return;
  if (!sp_store_set_role_rate (self->store, rate->role, rate->revision, pence_of (spin),
                               &revision, &error))
    {
      say (self, error->message);
      load (self);
      return;
    }
  rate->revision = revision;
  rate->hourly_rate_pence = pence_of (spin);
}

static GtkWidget *
add_rate_row (SpPreferencesWindow *self,
              const SpRoleRate    *rate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000, 0.5);
  g_autofree gchar *name = g_strdup_printf (_("Hourly rate for %s in pounds"), rate->label);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (spin), "role", g_strdup (rate->role), g_free);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_rate_changed), self);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rate->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("£ an hour, with on-costs"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->rates_group, row);
  g_hash_table_insert (self->spins, g_strdup (rate->role), spin);
  return spin;
}

/* Reads the settings again: at opening, and after a change was refused. */
static void
load (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  gint64 threshold;

  self->loading = TRUE;
  threshold = sp_store_get_threshold (self->store, &self->threshold_revision, &error);
  if (threshold >= 0)
    gtk_spin_button_set_value (self->threshold_spin, threshold / 100.0);
  else
    say (self, error->message);
  g_clear_error (&error);

  rates = sp_store_list_role_rate_rows (self->store, &error);
  if (rates == NULL)
    say (self, error->message);
  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      SpRoleRate *rate = g_ptr_array_index (rates, i);
      GtkWidget *spin = g_hash_table_lookup (self->spins, rate->role);

      if (spin == NULL)
        spin = add_rate_row (self, rate);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), rate->hourly_rate_pence / 100.0);
      g_hash_table_replace (self->rates, g_strdup (rate->role), g_steal_pointer (&rates->pdata[i]));
    }
  self->loading = FALSE;
}

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_finalize (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->rates, g_hash_table_unref);
  g_clear_pointer (&self->spins, g_hash_table_unref);
  G_OBJECT_CLASS (sp_preferences_window_parent_class)->finalize (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_preferences_window_dispose;
  object_class->finalize = sp_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/"
                                               "sp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, rates_group);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);
}

static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  self->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sp_role_rate_free);
  self->spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A window of its own, transient for @parent, showing the settings of @store. Present it
 * with gtk_window_present(). */
GtkWindow *
sp_preferences_window_new (GtkWindow *parent,
                           SpStore   *store)
{
  SpPreferencesWindow *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  load (self);
  return GTK_WINDOW (self);
}
