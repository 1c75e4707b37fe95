/* sp-pupil-page.c: one pupil's profile and the list of their plans. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-pupil-page.h"

struct _SpPupilPage
{
  AdwBin         parent_instance;

  GtkLabel      *name_label;
  GtkLabel      *summary_label;
  AdwActionRow  *upn_row;
  AdwActionRow  *dob_row;
  AdwActionRow  *status_row;
  AdwActionRow  *needs_row;
  AdwActionRow  *strengths_row;
  AdwActionRow  *likes_row;
  AdwActionRow  *dislikes_row;
  AdwActionRow  *anxieties_row;
  AdwActionRow  *helps_row;
  GtkListBox    *plans_list;
};

G_DEFINE_FINAL_TYPE (SpPupilPage, sp_pupil_page, ADW_TYPE_BIN)

enum { PLAN_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_plan_row_activated (AdwActionRow *row,
                       SpPupilPage  *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "plan-id");

  g_signal_emit (self, signals[PLAN_ACTIVATED], 0, id);
}

static void
sp_pupil_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_PUPIL_PAGE);
  G_OBJECT_CLASS (sp_pupil_page_parent_class)->dispose (object);
}

static void
sp_pupil_page_class_init (SpPupilPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_pupil_page_dispose;

  /**
   * SpPupilPage::plan-activated:
   * @id: the plan's id
   *
   * The teacher chose one of the pupil's plans to open.
   */
  signals[PLAN_ACTIVATED] = g_signal_new ("plan-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-pupil-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, upn_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, dob_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, needs_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, strengths_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, likes_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, dislikes_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, anxieties_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, helps_row);
  gtk_widget_class_bind_template_child (widget_class, SpPupilPage, plans_list);
}

static void
sp_pupil_page_init (SpPupilPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row's text, or a dimmed "Not recorded yet" so an empty field is visibly empty. */
static void
set_row (AdwActionRow *row,
         const gchar  *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? _("Not recorded yet") : text);
}

static GtkWidget *
create_plan_row (gpointer item,
                 gpointer user_data)
{
  SpPupilPage *self = SP_PUPIL_PAGE (user_data);
  gint64 id = sp_plan_get_id (SP_PLAN (item));
  SpPlan *plan = SP_PLAN (item);
  g_autofree gchar *title = sp_plan_dup_title (plan);
  g_autofree gchar *subtitle = NULL;
  const gchar *written_by = sp_plan_get_text (plan, "written-by");
  guint n = sp_plan_get_target_count (plan);
  GtkWidget *row = adw_action_row_new ();

  if (*written_by)
    subtitle = g_strdup_printf (ngettext ("%s · %u target · written by %s",
                                          "%s · %u targets · written by %s", n),
                                sp_plan_status_name (sp_plan_get_text (plan, "status")), n,
                                written_by);
  else
    subtitle = g_strdup_printf (ngettext ("%s · %u target", "%s · %u targets", n),
                                sp_plan_status_name (sp_plan_get_text (plan, "status")), n);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "plan-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_plan_row_activated), self);
  return row;
}

void
sp_pupil_page_show (SpPupilPage *self,
                    SpStore     *store,
                    gint64       pupil_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_auto(GStrv) needs = NULL;
  g_autofree gchar *name = NULL;
  g_autofree gchar *summary = NULL;
  g_autofree gchar *dob = NULL;
  g_autoptr(GString) needs_text = g_string_new (NULL);

  g_return_if_fail (SP_IS_PUPIL_PAGE (self));

  pupil = sp_store_get_pupil (store, pupil_id, &error);
  if (pupil == NULL)
    {
      gtk_label_set_text (self->name_label, error->message);
      return;
    }

  name = sp_pupil_dup_display_name (pupil);
  summary = sp_pupil_dup_summary (pupil);
  dob = sp_date_format_long (sp_pupil_get_text (pupil, "date-of-birth"));
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->summary_label, summary);
  set_row (self->upn_row, sp_pupil_get_text (pupil, "upn"));
  set_row (self->dob_row, dob);
  set_row (self->status_row, sp_sen_status_name (sp_pupil_get_text (pupil, "sen-status")));

  needs = sp_store_get_pupil_needs (store, pupil_id, NULL);
  for (guint i = 0; needs && needs[i]; i++)
    g_string_append_printf (needs_text, "%s%u. %s (%s)", i ? "\n" : "", i + 1,
                            sp_need_name (needs[i]),
                            sp_area_name (sp_need_area (needs[i])));
  set_row (self->needs_row, needs_text->str);

  set_row (self->strengths_row, sp_pupil_get_text (pupil, "strengths"));
  set_row (self->likes_row, sp_pupil_get_text (pupil, "likes"));
  set_row (self->dislikes_row, sp_pupil_get_text (pupil, "dislikes"));
  set_row (self->anxieties_row, sp_pupil_get_text (pupil, "anxieties"));
  set_row (self->helps_row, sp_pupil_get_text (pupil, "what-helps"));

  plans = sp_store_list_plans (store, pupil_id, NULL);
  gtk_list_box_bind_model (self->plans_list, plans, create_plan_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->plans_list), plans && g_list_model_get_n_items (plans) > 0);
}
