/* sp-provision-row.c: one piece of provision: what, who, how often, how long, and its cost,
 * worked out by the store from the school's hourly rate for the role as the teacher types.
 *
 * A row is made once and then shown whichever provision the open plan has
 * (sp_provision_row_set_provision): the plan page keeps its rows from one plan to the next.
 * A change still waiting for its delay is saved to the provision it was typed for before the
 * row is given another, and the answer to a save made for an earlier provision is not shown
 * on the row's new one. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-provision-row.h"
#include "sp-store-edit.h"
#include "sp-target-editor.h"

/* The roles in the order a teacher thinks of them; labels as the school's rates name them. */
static const struct { const gchar *key; const gchar *label; } roles[] = {
  { "ta", N_("Teaching assistant") },
  { "hlta", N_("Higher level teaching assistant") },
  { "teacher", N_("Class teacher") },
  { "senco", N_("SENCO") },
  { "specialist", N_("Specialist teacher or therapist") },
  { "other", N_("Other adult") },
};

struct _SpProvisionRow
{
  GtkListBoxRow        parent_instance;

  SpAutosave          *autosave;
  gint64               id;
  gint64               cost;
  guint                generation;    /* counts the provisions shown, for answers to saves */
  guint                timeout_id;
  const gchar * const *phrases;

  GtkEntry            *what_entry;
  GtkDropDown         *role_dropdown;
  GtkButton           *remove_button;
  GtkSpinButton       *group_spin;
  GtkSpinButton       *sessions_spin;
  GtkSpinButton       *minutes_spin;
  GtkSpinButton       *weeks_spin;
  GtkLabel            *cost_label;
  GtkLabel            *wording_hint;
};

G_DEFINE_FINAL_TYPE (SpProvisionRow, sp_provision_row, GTK_TYPE_LIST_BOX_ROW)

enum { REMOVE, COST_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Like sp_autosave_show_text(): the number, with nothing to undo back to. */
static void
show_value (GtkSpinButton *spin,
            guint          value)
{
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  gtk_spin_button_set_value (spin, value);   /* sets the text only if it differs */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), TRUE);
}

static void
show_cost (SpProvisionRow *self)
{
  g_autofree gchar *money = sp_format_pence (self->cost);
  gtk_label_set_text (self->cost_label, money);
}

static void
on_saved (GObject      *owner,
          gint64        new_revision,
          gint64        cost,
          const GError *error,
          gpointer      user_data)
{
  SpProvisionRow *self = SP_PROVISION_ROW (owner);

  /* The row has been given another provision since: the answer is not this one's. */
  if (GPOINTER_TO_UINT (user_data) != self->generation)
    return;
  if (error != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      /* A failure kept for a retry is the window's to tell (SpSaveBanner), once. */
      if (sp_autosave_error_is_kept (error))
        return;
      if (overlay)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      return;
    }
  self->cost = cost;
  show_cost (self);
  g_signal_emit (self, signals[COST_CHANGED], 0, cost);
}

static void
save (SpProvisionRow *self)
{
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  SpProvisionSpec spec = {
    .description = gtk_editable_get_text (GTK_EDITABLE (self->what_entry)),
    .role = roles[role < G_N_ELEMENTS (roles) ? role : 0].key,
    .group_size = (guint) gtk_spin_button_get_value_as_int (self->group_spin),
    .sessions_per_week = (guint) gtk_spin_button_get_value_as_int (self->sessions_spin),
    .minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin),
    .weeks = (guint) gtk_spin_button_get_value_as_int (self->weeks_spin),
  };

  sp_wording_hint_update (self->wording_hint, spec.description, self->phrases);
  if (*spec.description == '\0')
    return;  /* saved once it says what it is */
  sp_autosave_save_provision (self->autosave, self->id, &spec, G_OBJECT (self), on_saved,
                              GUINT_TO_POINTER (self->generation));
}

static gboolean
on_timeout (gpointer data)
{
  SpProvisionRow *self = data;

  self->timeout_id = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (SpProvisionRow *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (SP_AUTOSAVE_DELAY_MS, on_timeout, self);
}

static void
on_remove_clicked (SpProvisionRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
sp_provision_row_dispose (GObject *object)
{
  SpProvisionRow *self = SP_PROVISION_ROW (object);

  /* A change still waiting for its delay is saved, not dropped. */
  if (self->autosave != NULL)
    sp_provision_row_flush (self);
  g_clear_object (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_PROVISION_ROW);
  G_OBJECT_CLASS (sp_provision_row_parent_class)->dispose (object);
}

static void
sp_provision_row_class_init (SpProvisionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_provision_row_dispose;

  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COST_CHANGED] = g_signal_new ("cost-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-provision-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, what_entry);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, group_spin);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, sessions_spin);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, SpProvisionRow, wording_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
sp_provision_row_init (SpProvisionRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (labels, _(roles[i].label));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (labels));
}

/* An empty row, to be given a provision with sp_provision_row_set_provision(). */
GtkWidget *
sp_provision_row_new (SpAutosave          *autosave,
                      const gchar * const *vague_phrases)
{
  SpProvisionRow *self = g_object_new (SP_TYPE_PROVISION_ROW, NULL);

  self->autosave = g_object_ref (autosave);
  self->phrases = vague_phrases;

  g_signal_connect_swapped (self->what_entry, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->role_dropdown, "notify::selected", G_CALLBACK (on_changed),
                            self);
  g_signal_connect_swapped (self->group_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->sessions_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->weeks_spin, "value-changed", G_CALLBACK (on_changed), self);
  return GTK_WIDGET (self);
}

/* Saves at once a change still waiting for its delay. */
void
sp_provision_row_flush (SpProvisionRow *self)
{
  g_return_if_fail (SP_IS_PROVISION_ROW (self));

  if (self->timeout_id != 0)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      save (self);
    }
}

/* Shows @p in the row, replacing whatever it showed; filling the fields saves nothing. */
void
sp_provision_row_set_provision (SpProvisionRow          *self,
                                const SpProvisionRecord *p,
                                gboolean                 editable)
{
  const SpProvisionSpec *kept;
  guint role = 0;

  g_return_if_fail (SP_IS_PROVISION_ROW (self));

  /* What was typed for the provision shown until now is saved to that one. */
  sp_provision_row_flush (self);
  self->generation++;
  self->id = p->id;
  self->cost = p->cost_pence;

  g_signal_handlers_block_by_func (self->what_entry, on_changed, self);
  g_signal_handlers_block_by_func (self->role_dropdown, on_changed, self);
  g_signal_handlers_block_by_func (self->group_spin, on_changed, self);
  g_signal_handlers_block_by_func (self->sessions_spin, on_changed, self);
  g_signal_handlers_block_by_func (self->minutes_spin, on_changed, self);
  g_signal_handlers_block_by_func (self->weeks_spin, on_changed, self);

  /* Changed but not saved yet (a full disk): the row shows what was kept, not the database's
   * older values. */
  kept = sp_autosave_get_kept_provision (self->autosave, p->id);
  sp_autosave_show_text (GTK_EDITABLE (self->what_entry),
                         kept != NULL ? kept->description : p->description);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].key, kept != NULL ? kept->role : p->role) == 0)
      role = i;
  gtk_drop_down_set_selected (self->role_dropdown, role);
  show_value (self->group_spin, kept != NULL ? kept->group_size : p->group_size);
  show_value (self->sessions_spin, kept != NULL ? kept->sessions_per_week : p->sessions_per_week);
  show_value (self->minutes_spin, kept != NULL ? kept->minutes : p->minutes);
  show_value (self->weeks_spin, kept != NULL ? kept->weeks : p->weeks);

  g_signal_handlers_unblock_by_func (self->weeks_spin, on_changed, self);
  g_signal_handlers_unblock_by_func (self->minutes_spin, on_changed, self);
  g_signal_handlers_unblock_by_func (self->sessions_spin, on_changed, self);
  g_signal_handlers_unblock_by_func (self->group_spin, on_changed, self);
  g_signal_handlers_unblock_by_func (self->role_dropdown, on_changed, self);
  g_signal_handlers_unblock_by_func (self->what_entry, on_changed, self);

  show_cost (self);
  sp_wording_hint_update (self->wording_hint, kept != NULL ? kept->description : p->description,
                          self->phrases);
  sp_autosave_set_revision (self->autosave, "provision", p->id, p->revision);

  gtk_widget_set_sensitive (GTK_WIDGET (self), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), editable);
}

gint64
sp_provision_row_get_id (SpProvisionRow *self)
{
  return self->id;
}

gint64
sp_provision_row_get_cost (SpProvisionRow *self)
{
  return self->cost;
}

/* For tests and keyboard users alike: set the numbers as if typed. */
void
sp_provision_row_set_values (SpProvisionRow *self,
                             guint           group_size,
                             guint           sessions,
                             guint           minutes,
                             guint           weeks)
{
  gtk_spin_button_set_value (self->group_spin, group_size);
  gtk_spin_button_set_value (self->sessions_spin, sessions);
  gtk_spin_button_set_value (self->minutes_spin, minutes);
  gtk_spin_button_set_value (self->weeks_spin, weeks);
}
