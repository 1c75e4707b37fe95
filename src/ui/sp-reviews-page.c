/* sp-reviews-page.c: every active plan by review date, grouped overdue / this week / this
 * month / later, with a class filter; and the pupils whose parents have had fewer meetings
 * this school year than expected by now. A row opens the plan (or the pupil). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-reviews-page.h"
#include "sp-store-review.h"

#define N_GROUPS 4

struct _SpReviewsPage
{
  AdwBin        parent_instance;

  SpStore      *store;
  guint         counts[N_GROUPS];
  gboolean      filling;

  GtkDropDown  *class_dropdown;
  GtkLabel     *summary_label;
  GtkBox       *groups_box;
  GtkWidget    *meetings_group;
  GtkListBox   *meetings_list;
};

G_DEFINE_FINAL_TYPE (SpReviewsPage, sp_reviews_page, ADW_TYPE_BIN)

enum { PLAN_ACTIVATED, PUPIL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void fill (SpReviewsPage *self);

static void
on_row_activated (AdwActionRow  *row,
                  SpReviewsPage *self)
{
  gint64 *plan = g_object_get_data (G_OBJECT (row), "plan-id");
  gint64 *pupil = g_object_get_data (G_OBJECT (row), "pupil-id");

  if (plan)
    g_signal_emit (self, signals[PLAN_ACTIVATED], 0, *plan);
  else if (pupil)
    g_signal_emit (self, signals[PUPIL_ACTIVATED], 0, *pupil);
}

static GtkWidget *
row_for (SpReviewsPage *self,
         const gchar   *title,
         const gchar   *subtitle,
         const gchar   *key,
         gint64         id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), key, g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
  return row;
}

static const gchar *
selected_class (SpReviewsPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->class_dropdown);

  if (item == NULL || gtk_drop_down_get_selected (self->class_dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static void
on_class_selected (SpReviewsPage *self)
{
  if (!self->filling)
    fill (self);
}

/* The classes that have an active plan, for the filter. */
static void
fill_classes (SpReviewsPage *self,
              GPtrArray     *all)
{
  g_autoptr(GtkStringList) classes = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const gchar *current = selected_class (self);
  g_autofree gchar *keep = g_strdup (current);
  guint selected = 0;

  for (guint i = 0; i < all->len; i++)
    {
      SpReviewDue *due = g_ptr_array_index (all, i);
      if (*due->class_name && g_hash_table_add (seen, due->class_name))
        g_ptr_array_add (names, due->class_name);
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  gtk_string_list_append (classes, _("All classes"));
  for (guint i = 0; i < names->len; i++)
    {
      const gchar *name = *(const gchar **) &names->pdata[i];
      gtk_string_list_append (classes, name);
      if (g_strcmp0 (name, keep) == 0)
        selected = i + 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (classes));
  gtk_drop_down_set_selected (self->class_dropdown, selected);
  self->filling = FALSE;
}

static void
fill (SpReviewsPage *self)
{
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) short_of = NULL;
  GtkWidget *groups[N_GROUPS] = { NULL };
  GtkWidget *child;
  g_autofree gchar *summary = NULL;

  rows = sp_store_list_reviews_due (self->store, today, selected_class (self), NULL);
  if (rows == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  memset (self->counts, 0, sizeof self->counts);

  for (guint i = 0; i < rows->len; i++)
    {
      SpReviewDue *due = g_ptr_array_index (rows, i);
      g_autofree gchar *name = g_strdup_printf ("%s %s", due->forename, due->surname);
      g_autofree gchar *date = sp_date_format_long (due->review_date);
      g_autofree gchar *subtitle = NULL;
      guint g = MIN ((guint) due->group, N_GROUPS - 1);

      if (due->days_overdue > 0)
        subtitle = g_strdup_printf (ngettext ("%s · due %s, %u day overdue",
                                              "%s · due %s, %u days overdue", due->days_overdue),
                                    due->class_name, date, due->days_overdue);
      else
        subtitle = g_strdup_printf (_("%s · due %s"), due->class_name, date);

      if (groups[g] == NULL)
        {
          GtkWidget *list = gtk_list_box_new ();

          groups[g] = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (groups[g]),
                                           sp_due_group_label ((SpDueGroup) g));
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          sp_due_group_label ((SpDueGroup) g), -1);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[g]), list);
          g_object_set_data (G_OBJECT (groups[g]), "list", list);
        }
      gtk_list_box_append (g_object_get_data (G_OBJECT (groups[g]), "list"),
                           row_for (self, name, subtitle, "plan-id", due->plan_id));
      self->counts[g]++;
    }
  for (guint g = 0; g < N_GROUPS; g++)
    if (groups[g] != NULL)
      gtk_box_append (self->groups_box, groups[g]);

  summary = g_strdup_printf (ngettext ("%u plan in use; %u review overdue.",
                                       "%u plans in use; %u reviews overdue.", rows->len),
                             rows->len, self->counts[SP_DUE_OVERDUE]);
  gtk_label_set_text (self->summary_label, summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->meetings_list))) != NULL)
    gtk_list_box_remove (self->meetings_list, child);
  short_of = sp_store_list_pupils_short_of_meetings (self->store, today, NULL);
  for (guint i = 0; short_of && i < short_of->len; i++)
    {
      SpMeetingShortfall *s = g_ptr_array_index (short_of, i);
      g_autofree gchar *name = g_strdup_printf ("%s %s", s->forename, s->surname);
      g_autofree gchar *subtitle = NULL;

      if (selected_class (self) && g_ascii_strcasecmp (selected_class (self), s->class_name) != 0)
        continue;
      subtitle = g_strdup_printf (_("%s · %u of %u meetings expected by now"), s->class_name,
                                  s->meetings, s->expected);
      gtk_list_box_append (self->meetings_list,
                           row_for (self, name, subtitle, "pupil-id", s->pupil_id));
    }
  gtk_widget_set_visible (self->meetings_group,
                          gtk_widget_get_first_child (GTK_WIDGET (self->meetings_list)) != NULL);
}

void
sp_reviews_page_show (SpReviewsPage *self,
                      SpStore       *store)
{
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (SP_IS_REVIEWS_PAGE (self));
  g_set_object (&self->store, store);
  /* The classes are listed once per showing; choosing one only refills the rows (setting the
   * drop-down's model from its own notify handler would notify again, and again). */
  all = sp_store_list_reviews_due (store, today, NULL, NULL);
  if (all != NULL)
    fill_classes (self, all);
  fill (self);
}

guint
sp_reviews_page_get_count (SpReviewsPage *self,
                           gint           group)
{
  g_return_val_if_fail (group >= 0 && group < N_GROUPS, 0);
  return self->counts[group];
}

static void
sp_reviews_page_dispose (GObject *object)
{
  SpReviewsPage *self = SP_REVIEWS_PAGE (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_REVIEWS_PAGE);
  G_OBJECT_CLASS (sp_reviews_page_parent_class)->dispose (object);
}

static void
sp_reviews_page_class_init (SpReviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_reviews_page_dispose;

  signals[PLAN_ACTIVATED] = g_signal_new ("plan-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_INT64);
  signals[PUPIL_ACTIVATED] = g_signal_new ("pupil-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-reviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpReviewsPage, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpReviewsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpReviewsPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, SpReviewsPage, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, SpReviewsPage, meetings_list);
}

static void
sp_reviews_page_init (SpReviewsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->class_dropdown, "notify::selected",
                            G_CALLBACK (on_class_selected), self);
}
