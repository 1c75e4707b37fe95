/* sp-pupil-dialog.c: adding a pupil. The UPN is checked as it is typed, with the reason when
 * it is wrong; the date of birth must be a real date in a plausible range. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-autosave.h"
#include "sp-dates.h"
#include "sp-need.h"
#include "sp-pupil-dialog.h"
#include "sp-store-edit.h"
#include "sp-upn.h"

struct _SpPupilDialog
{
  AdwWindow    parent_instance;

  SpStore     *store;
  gchar       *problem;

  AdwEntryRow *forename_row;
  AdwEntryRow *surname_row;
  AdwEntryRow *upn_row;
  AdwEntryRow *dob_row;
  GtkLabel    *problem_label;
  AdwComboRow *year_row;
  AdwEntryRow *class_row;
  AdwComboRow *status_row;
  AdwComboRow *need_row;
};

G_DEFINE_FINAL_TYPE (SpPupilDialog, sp_pupil_dialog, ADW_TYPE_WINDOW)

enum { PUPIL_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const gchar *const years[] = { "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                      "10", "11" };
static const gchar *const statuses[] = { "K", "E", "N" };

static const gchar *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_problem (SpPupilDialog *self,
             const gchar   *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
mark (AdwEntryRow *row,
      gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checks the fields as they are typed; returns TRUE when the pupil can be added. */
static gboolean
validate (SpPupilDialog *self)
{
  g_autoptr(GError) upn_error = NULL;
  g_autoptr(GError) dob_error = NULL;
  g_autofree gchar *upn = sp_upn_normalise (text_of (self->upn_row));
  g_autofree gchar *dob = sp_date_from_user (text_of (self->dob_row));
  g_autofree gchar *forename = g_strstrip (g_strdup (text_of (self->forename_row)));
  g_autofree gchar *surname = g_strstrip (g_strdup (text_of (self->surname_row)));
  gboolean upn_ok = *upn == '\0' || sp_upn_validate (upn, &upn_error);
  gboolean dob_ok = dob != NULL;
  gboolean ok;

  if (dob_ok && *dob != '\0')
    {
      g_autoptr(GDate) date = sp_date_parse_iso (dob);
      g_autoptr(GDate) today = sp_date_today ();
      dob_ok = sp_date_of_birth_plausible (date, today, &dob_error);
    }

  mark (self->upn_row, !upn_ok);
  mark (self->dob_row, !dob_ok);

  if (!upn_ok)
    set_problem (self, upn_error->message);
  else if (!dob_ok)
    set_problem (self, dob_error ? dob_error->message
                                 : _("Write the date of birth as day/month/year, for example "
                                     "14/03/2018."));
  else
    set_problem (self, NULL);

  ok = upn_ok && dob_ok && *forename != '\0' && *surname != '\0';
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", ok);
  return ok;
}

static void
add_action (GtkWidget   *widget,
            const gchar *action_name,
            GVariant    *parameter)
{
  SpPupilDialog *self = SP_PUPIL_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = NULL;
  g_autofree gchar *upn = sp_upn_normalise (text_of (self->upn_row));
  g_autofree gchar *dob = sp_date_from_user (text_of (self->dob_row));
  guint year = adw_combo_row_get_selected (self->year_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  guint need = adw_combo_row_get_selected (self->need_row);
  g_autofree gchar *forename = g_strstrip (g_strdup (text_of (self->forename_row)));
  g_autofree gchar *surname = g_strstrip (g_strdup (text_of (self->surname_row)));
  g_autofree gchar *class_name = g_strstrip (g_strdup (text_of (self->class_row)));
  gint64 id;

  if (!validate (self))
    return;

  pupil = g_object_new (SP_TYPE_PUPIL,
                        "forename", forename,
                        "surname", surname,
                        "upn", upn,
                        "date-of-birth", dob,
                        "year-group", years[MIN (year, G_N_ELEMENTS (years) - 1)],
                        "class-name", class_name,
                        "sen-status", statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)],
                        NULL);

  if (!sp_store_begin (self->store, &error))
    {
      set_problem (self, error->message);
      return;
    }
  id = sp_store_add_pupil (self->store, pupil, &error);
  if (id > 0 && need > 0)
    {
      guint n_types;
      const SpNeedType *types = sp_need_types (&n_types);
      if (need - 1 < n_types && !sp_store_add_pupil_need (self->store, id, types[need - 1].code,
                                                          1, &error))
        id = 0;
    }
  if (id == 0)
    {
      sp_store_rollback (self->store);
      set_problem (self, error->message);
      return;
    }
  if (!sp_store_commit (self->store, &error))
    {
      set_problem (self, error->message);
      return;
    }

  g_signal_emit (self, signals[PUPIL_ADDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
sp_pupil_dialog_finalize (GObject *object)
{
  SpPupilDialog *self = SP_PUPIL_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (sp_pupil_dialog_parent_class)->finalize (object);
}

static void
sp_pupil_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_PUPIL_DIALOG);
  G_OBJECT_CLASS (sp_pupil_dialog_parent_class)->dispose (object);
}

static void
sp_pupil_dialog_class_init (SpPupilDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_pupil_dialog_dispose;
  object_class->finalize = sp_pupil_dialog_finalize;

  signals[PUPIL_ADDED] = g_signal_new ("pupil-added", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-pupil-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, forename_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, surname_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, upn_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, dob_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, class_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilDialog, need_row);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_pupil_dialog_init (SpPupilDialog *self)
{
  g_autoptr(GtkStringList) needs = gtk_string_list_new (NULL);
  const SpNeedType *types;
  guint n_types;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (needs, _("Not yet assessed"));
  types = sp_need_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    gtk_string_list_append (needs, _(types[i].name));
  adw_combo_row_set_model (self->need_row, G_LIST_MODEL (needs));
  adw_combo_row_set_selected (self->year_row, 2);

  g_signal_connect_swapped (self->forename_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->surname_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->upn_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->dob_row, "changed", G_CALLBACK (validate), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", FALSE);
}

SpPupilDialog *
sp_pupil_dialog_new (GtkWindow *parent,
                     SpStore   *store)
{
  SpPupilDialog *self = g_object_new (SP_TYPE_PUPIL_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return self;
}

const gchar *
sp_pupil_dialog_get_problem (SpPupilDialog *self)
{
  return self->problem;
}
