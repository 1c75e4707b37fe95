/* sp-pupil-page.c: one pupil: their plans, details, ranked needs, profile and parents' or
 * carers' contacts. Every field is edited in place and saved as it is typed. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-autosave.h"
#include "sp-measure-chart.h"
#include "sp-store-review.h"
#include "sp-dates.h"
#include "sp-need.h"
#include "sp-pupil-page.h"
#include "sp-store-edit.h"
#include "sp-upn.h"

struct _SpPupilPage
{
  AdwBin         parent_instance;

  SpStore       *store;
  SpSaver       *saver;
  SpAutosave    *autosave;
  gint64         pupil_id;
  guint          cards_id;      /* the history's cards, made after the page is drawn */
  GStrv          needs;
  gboolean       filling;

  GtkLabel      *name_label;
  GtkLabel      *summary_label;
  GtkListBox    *plans_list;
  AdwEntryRow   *forename_row;
  AdwEntryRow   *surname_row;
  AdwEntryRow   *upn_row;
  AdwEntryRow   *dob_row;
  AdwComboRow   *year_row;
  AdwEntryRow   *class_row;
  AdwComboRow   *status_row;
  GtkListBox    *needs_list;
  GtkDropDown   *add_need_dropdown;
  AdwEntryRow   *strengths_row;
  AdwEntryRow   *likes_row;
  AdwEntryRow   *dislikes_row;
  AdwEntryRow   *anxieties_row;
  AdwEntryRow   *helps_row;
  GtkListBox    *contacts_list;
  GtkLabel      *meetings_label;
  GtkListBox    *meetings_list;
  GtkBox        *history_box;
};

G_DEFINE_FINAL_TYPE (SpPupilPage, sp_pupil_page, ADW_TYPE_BIN)

enum { PLAN_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const gchar *const years[] = { "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                      "10", "11" };
static const gchar *const statuses[] = { "K", "E", "N" };
static const struct { const gchar *key; const gchar *label; } methods[] = {
  { "phone", N_("Phone") }, { "email", N_("Email") }, { "text", N_("Text message") },
  { "letter", N_("Letter") }, { "in_person", N_("In person") },
};

static void rebuild_needs (SpPupilPage *self);
static void rebuild_contacts (SpPupilPage *self, gboolean open_last);
static void rebuild_history (SpPupilPage *self, gboolean now);

static void
toast (SpPupilPage *self,
       const gchar *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
on_plan_row_activated (AdwActionRow *row,
                       SpPupilPage  *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "plan-id");

  g_signal_emit (self, signals[PLAN_ACTIVATED], 0, id);
}

static GtkWidget *
create_plan_row (gpointer item,
                 gpointer user_data)
{
  SpPupilPage *self = SP_PUPIL_PAGE (user_data);
  SpPlan *plan = SP_PLAN (item);
  gint64 id = sp_plan_get_id (plan);
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
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "plan-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_plan_row_activated), self);
  return row;
}

/* ---- needs ------------------------------------------------------------------------------- */

static void
save_needs (SpPupilPage         *self,
            const gchar * const *codes)
{
  g_autoptr(GError) error = NULL;

  if (!sp_store_set_pupil_needs (self->store, self->pupil_id, codes, &error))
    toast (self, error->message);
  rebuild_needs (self);
}

static void
on_need_button (GtkButton   *button,
                SpPupilPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  gint delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  guint n = g_strv_length (self->needs);

  if (delta == 0)
    {
      for (guint i = 0; i < n; i++)
        if (i != index)
          g_strv_builder_add (builder, self->needs[i]);
      codes = g_strv_builder_end (builder);
    }
  else
    {
      guint other = (guint) ((gint) index + delta);
      gchar *tmp;

      if (other >= n)
        return;
      codes = g_strdupv (self->needs);
      tmp = codes[index];
      codes[index] = codes[other];
      codes[other] = tmp;
    }
  save_needs (self, (const gchar * const *) codes);
}

static GtkWidget *
need_button (SpPupilPage *self,
             const gchar *icon,
             const gchar *tooltip,
             guint        index,
             gint         delta,
             gboolean     sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_need_button), self);
  return button;
}

static void
rebuild_needs (SpPupilPage *self)
{
  GtkWidget *child;
  guint n;

  g_clear_pointer (&self->needs, g_strfreev);
  self->needs = sp_store_get_pupil_needs (self->store, self->pupil_id, NULL);
  if (self->needs == NULL)
    self->needs = g_new0 (gchar *, 1);
  n = g_strv_length (self->needs);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->needs_list))) != NULL)
    gtk_list_box_remove (self->needs_list, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree gchar *title = g_strdup_printf ("%u. %s", i + 1, sp_need_name (self->needs[i]));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sp_area_name (sp_need_area (self->needs[i])));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 need_button (self, "go-up-symbolic", _("Move Up"), i, -1, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 need_button (self, "go-down-symbolic", _("Move Down"), i, 1,
                                              i + 1 < n));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 need_button (self, "user-trash-symbolic", _("Remove Need"), i, 0,
                                              TRUE));
      gtk_list_box_append (self->needs_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->needs_list), n > 0);
}

static void
add_need_action (GtkWidget   *widget,
                 const gchar *action_name,
                 GVariant    *parameter)
{
  SpPupilPage *self = SP_PUPIL_PAGE (widget);
  guint n_types, chosen = gtk_drop_down_get_selected (self->add_need_dropdown);
  const SpNeedType *types = sp_need_types (&n_types);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  if (chosen >= n_types)
    return;
  if (g_strv_contains ((const gchar * const *) self->needs, types[chosen].code))
    {
      toast (self, _("That need is already on the list."));
      return;
    }
  g_strv_builder_addv (builder, (const gchar **) self->needs);
  g_strv_builder_add (builder, types[chosen].code);
  codes = g_strv_builder_end (builder);
  save_needs (self, (const gchar * const *) codes);
}

/* ---- contacts ---------------------------------------------------------------------------- */

static void
on_remove_contact (GtkButton   *button,
                   SpPupilPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "contact-id");
  g_autoptr(GError) error = NULL;

  sp_autosave_flush (self->autosave);
  if (!sp_store_delete_row (self->store, "contacts", id, &error))
    toast (self, error->message);
  rebuild_contacts (self, FALSE);
}

/* What a choice shows: the value kept after a save that failed (a full disk), if there is
 * one, else @saved, the database's. */
static const gchar *
shown_value (SpPupilPage *self,
             SpField      field,
             gint64       id,
             const gchar *saved)
{
  const gchar *kept = sp_autosave_get_kept (self->autosave, field, id);

  return kept != NULL ? kept : saved;
}

static void
on_method_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    SpPupilPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dropdown), "contact-id");
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i < G_N_ELEMENTS (methods))
    sp_autosave_save_now (self->autosave, SP_FIELD_CONTACT_PREFERRED_METHOD, id, methods[i].key);
}

static GtkWidget *
contact_entry (SpPupilPage *self,
               GtkWidget   *expander,
               const gchar *title,
               const gchar *text,
               SpField      field,
               gint64       id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (row), field, id);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return row;
}

/* A contact's fields, made the first time its row is expanded: most pupils are opened to be
 * looked at, and the four entry rows and the drop-down of each contact were nearly half of
 * what opening a pupil cost (callgrind, 100 pupils of the 2,000-pupil benchmark school). */
static void
fill_contact (SpPupilPage *self,
              GtkWidget   *expander)
{
  SpContactRecord *c = g_object_get_data (G_OBJECT (expander), "contact");
  GtkWidget *method_row, *dropdown;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (c == NULL || g_object_get_data (G_OBJECT (expander), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));

  contact_entry (self, expander, _("Name"), c->name, SP_FIELD_CONTACT_NAME, c->id);
  contact_entry (self, expander, _("Relationship to the pupil"), c->relationship,
                 SP_FIELD_CONTACT_RELATIONSHIP, c->id);
  contact_entry (self, expander, _("Phone"), c->phone, SP_FIELD_CONTACT_PHONE, c->id);
  contact_entry (self, expander, _("Email"), c->email, SP_FIELD_CONTACT_EMAIL, c->id);

  method_row = adw_action_row_new ();
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    gtk_string_list_append (labels, _(methods[m].label));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    if (g_strcmp0 (methods[m].key, shown_value (self, SP_FIELD_CONTACT_PREFERRED_METHOD, c->id,
                                                c->preferred_method)) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), m);
  g_object_set_data_full (G_OBJECT (dropdown), "contact-id",
                          g_memdup2 (&c->id, sizeof c->id), g_free);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_method_selected), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Best way to contact them"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (method_row),
                                 _("Best way to contact them"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (method_row), dropdown);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), method_row);
}

static void
on_contact_expanded (GtkWidget   *expander,
                     GParamSpec  *pspec,
                     SpPupilPage *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    fill_contact (self, expander);
}

/* The contacts, each a row with their name, relationship and phone, opened to edit them.
 * @open_last opens the last one (a contact just added, to be filled in). */
static void
rebuild_contacts (SpPupilPage *self,
                  gboolean     open_last)
{
  g_autoptr(GPtrArray) contacts = sp_store_list_contacts (self->store, self->pupil_id, NULL);
  GtkWidget *child, *expander = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contacts_list))) != NULL)
    gtk_list_box_remove (self->contacts_list, child);

  while (contacts != NULL && contacts->len > 0)
    {
      SpContactRecord *c = g_ptr_array_steal_index (contacts, 0);
      GtkWidget *remove;
      g_autofree gchar *subtitle = NULL;

      expander = adw_expander_row_new ();
      subtitle = *c->phone ? g_strdup_printf ("%s · %s", c->relationship, c->phone)
                           : g_strdup (c->relationship);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), c->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      /* The row keeps its contact, to fill in its fields when it is first opened. */
      g_object_set_data_full (G_OBJECT (expander), "contact", c, sp_contact_record_free);
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_contact_expanded), self);

      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_tooltip_text (remove, _("Remove Contact"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Contact"), -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "contact-id",
                              g_memdup2 (&c->id, sizeof c->id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_contact), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);

      gtk_list_box_append (self->contacts_list, expander);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_list), expander != NULL);
  if (open_last && expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
}

static void
add_contact_action (GtkWidget   *widget,
                    const gchar *action_name,
                    GVariant    *parameter)
{
  SpPupilPage *self = SP_PUPIL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  sp_autosave_flush (self->autosave);
  if (sp_store_add_contact (self->store, self->pupil_id, _("Parent or carer"), "", "", "",
                            "phone", &error) == 0)
    toast (self, error->message);
  rebuild_contacts (self, TRUE);
}

/* ---- history and meetings ---------------------------------------------------------------- */

static const gchar *
outcome_label (const gchar *outcome)
{
  if (g_strcmp0 (outcome, "achieved") == 0)
    return _("Achieved");
  if (g_strcmp0 (outcome, "partly") == 0)
    return _("Partly achieved");
  if (g_strcmp0 (outcome, "not_achieved") == 0)
    return _("Not yet achieved");
  return _("Not reviewed yet");
}

static const gchar *
method_label (const gchar *method)
{
  if (g_strcmp0 (method, "phone") == 0)
    return _("by phone");
  if (g_strcmp0 (method, "video") == 0)
    return _("by video call");
  return _("in person");
}

static void
on_open_plan_clicked (GtkButton   *button,
                      SpPupilPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "plan-id");
  g_signal_emit (self, signals[PLAN_ACTIVATED], 0, id);
}

static GtkWidget *
small_label (const gchar *text,
             const gchar *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
cycle_card (SpPupilPage        *self,
            const SpPlanRecord *plan,
            guint               number)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_with_label (_("Open Plan"));
  g_autofree gchar *start = sp_date_format_long (plan->start_date);
  g_autofree gchar *end = sp_date_format_long (plan->review_date);
  g_autofree gchar *title = g_strdup_printf (_("Cycle %u: %s to %s · %s"), number, start, end,
                                             sp_plan_status_name (plan->status));
  SpReviewRecord *review = plan->reviews->len
                           ? g_ptr_array_index (plan->reviews, plan->reviews->len - 1) : NULL;
  GtkWidget *title_label = small_label (title, "heading");

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "target-card");
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (open), "plan-id", g_memdup2 (&plan->id, sizeof plan->id),
                          g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_plan_clicked), self);
  gtk_box_append (GTK_BOX (header), open);
  gtk_box_append (GTK_BOX (card), header);

  for (guint t = 0; t < plan->targets->len; t++)
    {
      SpTargetRecord *target = g_ptr_array_index (plan->targets, t);
      const gchar *outcome = NULL;
      g_autofree gchar *line = NULL;

      for (guint o = 0; review && o < review->outcomes->len; o++)
        {
          SpOutcomeRecord *rec = g_ptr_array_index (review->outcomes, o);
          if (rec->target_id == target->id)
            outcome = rec->outcome;
        }
      line = g_strdup_printf ("%u. %s — %s", t + 1,
                              *target->description ? target->description : _("(no words yet)"),
                              outcome_label (outcome));
      gtk_box_append (GTK_BOX (card), small_label (line, NULL));
    }

  if (plan->annotations->len > 0)
    {
      g_autofree gchar *notes = g_strdup_printf (ngettext ("%u note during the plan",
                                                           "%u notes during the plan",
                                                           plan->annotations->len),
                                                 plan->annotations->len);
      gtk_box_append (GTK_BOX (card), small_label (notes, "dim-label"));
    }
  if (review && *review->completed_at)
    {
      g_autofree gchar *date = sp_date_format_long (review->review_date);
      g_autofree gchar *line = g_strdup_printf (_("Reviewed on %s: %s"), date,
                                                sp_decision_label (sp_decision_from_key (review->decision)));
      gtk_box_append (GTK_BOX (card), small_label (line, "dim-label"));
      if (sp_measure_chart_has_data (review))
        gtk_box_append (GTK_BOX (card), sp_measure_chart_new (review));
    }
  return card;
}

typedef struct
{
  SpPupilPage   *page;
  SpPupilRecord *record;
} Cards;

static void
cards_free (gpointer data)
{
  Cards *cards = data;

  sp_pupil_record_free (cards->record);
  g_free (cards);
}

static gboolean
make_cards (gpointer data)
{
  Cards *cards = data;
  SpPupilPage *self = cards->page;
  SpPupilRecord *record = cards->record;

  self->cards_id = 0;
  for (guint i = 0; i < record->plans->len; i++)
    gtk_box_append (self->history_box, cycle_card (self, g_ptr_array_index (record->plans, i),
                                                   i + 1));
  if (record->plans->len == 0)
    gtk_box_append (self->history_box, small_label (_("No plans yet."), "dim-label"));
  return G_SOURCE_REMOVE;
}

/* The history: a card for each plan (made when idle after the page is first drawn, unless
 * @now: they are far down the page, and they were a quarter of what opening a pupil cost),
 * the meetings with parents, and how many there have been this school year. */
static void
rebuild_history (SpPupilPage *self,
                 gboolean     now)
{
  g_autoptr(SpPupilRecord) record = sp_store_load_record (self->store, self->pupil_id, NULL);
  g_autoptr(GDate) today = sp_date_today ();
  GtkWidget *child;
  gint held;

  g_clear_handle_id (&self->cards_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_box))) != NULL)
    gtk_box_remove (self->history_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->meetings_list))) != NULL)
    gtk_list_box_remove (self->meetings_list, child);
  if (record == NULL)
    return;

  held = sp_store_count_meetings_in_year (self->store, self->pupil_id, today, NULL);
  {
    guint expected = sp_meetings_expected_by (today);
    g_autofree gchar *text = NULL;

    held = MAX (held, 0);
    if ((guint) held < expected)
      text = g_strdup_printf (ngettext ("%d of the %d meetings a year with parents or carers so "
                                        "far this school year: fewer than expected by now "
                                        "(about one a term).",
                                        "%d of the %d meetings a year with parents or carers so "
                                        "far this school year: fewer than expected by now "
                                        "(about one a term).", held),
                              held, SP_MEETINGS_PER_YEAR);
    else
      text = g_strdup_printf (ngettext ("%d of the %d meetings a year with parents or carers so "
                                        "far this school year.",
                                        "%d of the %d meetings a year with parents or carers so "
                                        "far this school year.", held),
                              held, SP_MEETINGS_PER_YEAR);
    gtk_label_set_text (self->meetings_label, text);
    if ((guint) held < expected)
      gtk_widget_add_css_class (GTK_WIDGET (self->meetings_label), "warning");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->meetings_label), "warning");
  }

  for (guint i = record->meetings->len; i > 0; i--)
    {
      SpMeetingRecord *m = g_ptr_array_index (record->meetings, i - 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree gchar *date = sp_date_format_long (m->meeting_date);
      g_autofree gchar *title = g_strdup_printf ("%s, %s%s", date, method_label (m->method),
                                                 m->review_id ? _(" (review)") : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), m->attendees);
      gtk_list_box_append (self->meetings_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->meetings_list), record->meetings->len > 0);

  {
    Cards *cards = g_new0 (Cards, 1);

    cards->page = self;
    cards->record = g_steal_pointer (&record);
    if (now)
      {
        make_cards (cards);
        cards_free (cards);
      }
    else
      self->cards_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, make_cards, cards, cards_free);
  }
}

typedef struct
{
  GtkEditable *date;
  GtkDropDown *method;
  GtkEditable *attendees;
} MeetingForm;

static void
on_meeting_response (AdwMessageDialog *dialog,
                     const gchar      *response,
                     SpPupilPage      *self)
{
  static const gchar *const keys[] = { "in_person", "phone", "video" };
  MeetingForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autofree gchar *date = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "record"))
    return;
  date = sp_date_from_user (gtk_editable_get_text (form->date));
  if (date == NULL || *date == '\0')
    {
      toast (self, _("Write the date of the meeting as day/month/year, for example 14/03/2026."));
      return;
    }
  if (sp_store_record_meeting (self->store, self->pupil_id, date,
                               keys[MIN (gtk_drop_down_get_selected (form->method), 2)],
                               gtk_editable_get_text (form->attendees), "", 0, &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  rebuild_history (self, TRUE);
}

static void
record_meeting_action (GtkWidget   *widget,
                       const gchar *action_name,
                       GVariant    *parameter)
{
  SpPupilPage *self = SP_PUPIL_PAGE (widget);
  const gchar *methods_shown[] = { _("In person"), _("By phone"), _("By video call"), NULL };
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (today);
  g_autofree gchar *user = sp_date_to_user (iso);
  MeetingForm *form = g_new0 (MeetingForm, 1);
  GtkWidget *dialog, *box, *date, *method, *attendees;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  date = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (date), user);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date of the meeting"), -1);
  method = gtk_drop_down_new_from_strings (methods_shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (method), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How the meeting was held"), -1);
  attendees = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (attendees), _("Who took part"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (attendees), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Who took part"), -1);
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), method);
  gtk_box_append (GTK_BOX (box), attendees);
  form->date = GTK_EDITABLE (date);
  form->method = GTK_DROP_DOWN (method);
  form->attendees = GTK_EDITABLE (attendees);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Record a Meeting with Parents"),
                                   _("Date (day/month/year), how it was held, and who took part."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  g_object_set_data_full (G_OBJECT (dialog), "form", form, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_meeting_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- details ----------------------------------------------------------------------------- */

static void
on_year_selected (SpPupilPage *self)
{
  guint i = adw_combo_row_get_selected (self->year_row);

  if (!self->filling && i < G_N_ELEMENTS (years))
    sp_autosave_save_now (self->autosave, SP_FIELD_PUPIL_YEAR_GROUP, self->pupil_id, years[i]);
}

static void
on_status_selected (SpPupilPage *self)
{
  guint i = adw_combo_row_get_selected (self->status_row);

  if (!self->filling && i < G_N_ELEMENTS (statuses))
    sp_autosave_save_now (self->autosave, SP_FIELD_PUPIL_SEN_STATUS, self->pupil_id,
                          statuses[i]);
}

/* The UPN row says at once when the check letter is wrong; the store refuses to save it. */
static void
on_upn_changed (SpPupilPage *self)
{
  g_autofree gchar *upn = sp_upn_normalise (gtk_editable_get_text (GTK_EDITABLE (self->upn_row)));
  g_autoptr(GError) error = NULL;

  if (*upn == '\0' || sp_upn_validate (upn, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->upn_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->upn_row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->upn_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->upn_row), error->message);
    }
}

/* A value refused for good (a date that is not one, a name left empty): said once. A save
 * that failed for a reason that can pass is kept and retried, and the window says so. */
static void
on_failed (SpPupilPage *self,
           const gchar *message)
{
  toast (self, message);
}

static void
fill_entry (SpPupilPage *self,
            AdwEntryRow *row,
            const gchar *text,
            SpField      field)
{
  sp_autosave_show_text (GTK_EDITABLE (row), text);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (row), field, self->pupil_id);
}

void
sp_pupil_page_show (SpPupilPage *self,
                    SpStore     *store,
                    SpSaver     *saver,
                    gint64       pupil_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupil) pupil = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree gchar *name = NULL;
  g_autofree gchar *summary = NULL;
  g_autofree gchar *dob = NULL;

  g_return_if_fail (SP_IS_PUPIL_PAGE (self));

  if (self->autosave != NULL)
    sp_autosave_forget (self->autosave);

  pupil = sp_store_get_pupil (store, pupil_id, &error);
  if (pupil == NULL)
    {
      gtk_label_set_text (self->name_label, error->message);
      return;
    }

  g_set_object (&self->store, store);
  if (self->saver != saver || self->autosave == NULL)
    {
      g_set_object (&self->saver, saver);
      g_clear_object (&self->autosave);
      self->autosave = sp_autosave_new (store, saver);
      g_signal_connect_swapped (self->autosave, "failed", G_CALLBACK (on_failed), self);
    }
  self->pupil_id = pupil_id;
  self->filling = TRUE;

  name = sp_pupil_dup_display_name (pupil);
  summary = sp_pupil_dup_summary (pupil);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->summary_label, summary);

  fill_entry (self, self->forename_row, sp_pupil_get_text (pupil, "forename"),
              SP_FIELD_PUPIL_FORENAME);
  fill_entry (self, self->surname_row, sp_pupil_get_text (pupil, "surname"),
              SP_FIELD_PUPIL_SURNAME);
  fill_entry (self, self->upn_row, sp_pupil_get_text (pupil, "upn"), SP_FIELD_PUPIL_UPN);
  on_upn_changed (self);
  dob = sp_date_to_user (sp_pupil_get_text (pupil, "date-of-birth"));
  sp_autosave_show_text (GTK_EDITABLE (self->dob_row), dob);
  sp_autosave_watch_date (self->autosave, GTK_EDITABLE (self->dob_row),
                          SP_FIELD_PUPIL_DATE_OF_BIRTH, pupil_id);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    if (g_strcmp0 (years[i], shown_value (self, SP_FIELD_PUPIL_YEAR_GROUP, pupil_id,
                                          sp_pupil_get_text (pupil, "year-group"))) == 0)
      adw_combo_row_set_selected (self->year_row, i);
  fill_entry (self, self->class_row, sp_pupil_get_text (pupil, "class-name"),
              SP_FIELD_PUPIL_CLASS_NAME);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], shown_value (self, SP_FIELD_PUPIL_SEN_STATUS, pupil_id,
                                             sp_pupil_get_text (pupil, "sen-status"))) == 0)
      adw_combo_row_set_selected (self->status_row, i);

  fill_entry (self, self->strengths_row, sp_pupil_get_text (pupil, "strengths"),
              SP_FIELD_PUPIL_STRENGTHS);
  fill_entry (self, self->likes_row, sp_pupil_get_text (pupil, "likes"), SP_FIELD_PUPIL_LIKES);
  fill_entry (self, self->dislikes_row, sp_pupil_get_text (pupil, "dislikes"),
              SP_FIELD_PUPIL_DISLIKES);
  fill_entry (self, self->anxieties_row, sp_pupil_get_text (pupil, "anxieties"),
              SP_FIELD_PUPIL_ANXIETIES);
  fill_entry (self, self->helps_row, sp_pupil_get_text (pupil, "what-helps"),
              SP_FIELD_PUPIL_WHAT_HELPS);

  rebuild_needs (self);
  rebuild_contacts (self, FALSE);
  rebuild_history (self, FALSE);

  plans = sp_store_list_plans (store, pupil_id, NULL);
  gtk_list_box_bind_model (self->plans_list, plans, create_plan_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->plans_list),
                          plans && g_list_model_get_n_items (plans) > 0);
  self->filling = FALSE;
}

void
sp_pupil_page_flush (SpPupilPage *self)
{
  if (self->autosave)
    sp_autosave_flush (self->autosave);
}

gint64
sp_pupil_page_get_pupil (SpPupilPage *self)
{
  return self->pupil_id;
}

/* ---- the type ---------------------------------------------------------------------------- */

static void
sp_pupil_page_dispose (GObject *object)
{
  SpPupilPage *self = SP_PUPIL_PAGE (object);

  g_clear_handle_id (&self->cards_id, g_source_remove);
  if (self->autosave)
    {
      /* The flush hears how the last saves went: not something to show on a page that is
       * going away. */
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      sp_autosave_flush (self->autosave);
    }
  g_clear_object (&self->autosave);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);
  g_clear_pointer (&self->needs, g_strfreev);
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
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SpPupilPage, name)
  CHILD (name_label);
  CHILD (summary_label);
  CHILD (plans_list);
  CHILD (forename_row);
  CHILD (surname_row);
  CHILD (upn_row);
  CHILD (dob_row);
  CHILD (year_row);
  CHILD (class_row);
  CHILD (status_row);
  CHILD (needs_list);
  CHILD (add_need_dropdown);
  CHILD (strengths_row);
  CHILD (likes_row);
  CHILD (dislikes_row);
  CHILD (anxieties_row);
  CHILD (helps_row);
  CHILD (contacts_list);
  CHILD (meetings_label);
  CHILD (meetings_list);
  CHILD (history_box);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "pupil.add-need", NULL, add_need_action);
  gtk_widget_class_install_action (widget_class, "pupil.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "pupil.record-meeting", NULL,
                                   record_meeting_action);
}

static void
sp_pupil_page_init (SpPupilPage *self)
{
  g_autoptr(GtkStringList) needs = gtk_string_list_new (NULL);
  const SpNeedType *types;
  guint n_types;

  gtk_widget_init_template (GTK_WIDGET (self));

  types = sp_need_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree gchar *label = g_strdup_printf ("%s (%s)", _(types[i].name),
                                                 sp_area_name (types[i].area));
      gtk_string_list_append (needs, label);
    }
  gtk_drop_down_set_model (self->add_need_dropdown, G_LIST_MODEL (needs));

  g_signal_connect_swapped (self->year_row, "notify::selected", G_CALLBACK (on_year_selected),
                            self);
  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (on_status_selected), self);
  g_signal_connect_swapped (self->upn_row, "changed", G_CALLBACK (on_upn_changed), self);
}
