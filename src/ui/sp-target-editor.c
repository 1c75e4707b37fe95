/* sp-target-editor.c: one target of a plan, with its baseline, success criteria and
 * strategies. Text is saved as it is typed (SpAutosave); adding or removing a strategy is a
 * direct write, after which the plan page rebuilds.
 *
 * An editor is made once and then shown the target of whichever plan is open
 * (sp_target_editor_set_target): the plan page keeps its editors from one plan to the next,
 * which is much cheaper than building them again. Everything that names a target (the id,
 * the autosave watches, the strategies' ids) is set again each time, and nothing is saved
 * while the fields are filled. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-need.h"
#include "sp-store-edit.h"
#include "sp-target-editor.h"
#include "sp-text.h"

struct _SpTargetEditor
{
  AdwBin               parent_instance;

  SpStore             *store;
  SpAutosave          *autosave;
  gint64               id;
  const gchar * const *phrases;
  gulong               description_handler;
  gulong               area_handler;

  GtkLabel            *title_label;
  GtkDropDown         *area_dropdown;
  GtkButton           *up_button;
  GtkButton           *down_button;
  GtkButton           *bank_button;
  GtkButton           *remove_button;
  GtkTextView         *description_view;
  GtkLabel            *wording_hint;
  GtkEntry            *baseline_entry;
  GtkEntry            *success_entry;
  GtkListBox          *strategies_list;
  GtkButton           *add_strategy_button;
};

G_DEFINE_FINAL_TYPE (SpTargetEditor, sp_target_editor, ADW_TYPE_BIN)

enum { REMOVE, MOVE, CHANGED_STRUCTURE, SAVE_TO_BANK, N_SIGNALS };
static guint signals[N_SIGNALS];

static const SpArea dropdown_areas[] = { SP_AREA_NONE, SP_AREA_COMMUNICATION, SP_AREA_COGNITION,
                                         SP_AREA_SEMH, SP_AREA_SENSORY };

/* Marks vague wording gently: the phrases found and what to say instead. */
void
sp_wording_hint_update (GtkLabel            *hint,
                        const gchar         *text,
                        const gchar * const *phrases)
{
  g_autoptr(GPtrArray) found = sp_wording_check (text, phrases);
  g_autoptr(GString) quoted = g_string_new (NULL);

  if (found->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (hint), FALSE);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (quoted, "%s“%s”", i == 0 ? "" : ", ",
                            (const gchar *) g_ptr_array_index (found, i));
  {
    g_autofree gchar *message =
      g_strdup_printf (ngettext ("%s can mean different things to different people. Say who "
                                 "will do what, how often and for how long.",
                                 "%s can mean different things to different people. Say who "
                                 "will do what, how often and for how long.", found->len),
                       quoted->str);
    gtk_label_set_text (hint, message);
  }
  gtk_widget_set_visible (GTK_WIDGET (hint), TRUE);
}

static void
on_description_changed (SpTargetEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  g_autofree gchar *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  sp_wording_hint_update (self->wording_hint, text, self->phrases);
}

static void
on_area_selected (SpTargetEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->area_dropdown);

  if (i < G_N_ELEMENTS (dropdown_areas))
    sp_autosave_save_now (self->autosave, SP_FIELD_TARGET_AREA, self->id,
                          i == 0 ? "" : sp_area_key (dropdown_areas[i]));
}

static void
on_up_clicked (SpTargetEditor *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_clicked (SpTargetEditor *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
on_remove_clicked (SpTargetEditor *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_bank_clicked (SpTargetEditor *self)
{
  g_signal_emit (self, signals[SAVE_TO_BANK], 0);
}

static void
on_add_strategy_clicked (SpTargetEditor *self)
{
  g_autoptr(GError) error = NULL;

  sp_autosave_flush (self->autosave);
  if (sp_store_add_strategy (self->store, self->id, "", &error) == 0)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      if (overlay)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[CHANGED_STRUCTURE], 0);
}

static void
on_remove_strategy_clicked (GtkButton *button,
                            gpointer   user_data)
{
  SpTargetEditor *self = SP_TARGET_EDITOR (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "strategy-id"));
  g_autoptr(GError) error = NULL;

  sp_autosave_flush (self->autosave);
  if (sp_store_delete_row (self->store, "strategies", id, &error))
    g_signal_emit (self, signals[CHANGED_STRUCTURE], 0);
}

static void
sp_target_editor_dispose (GObject *object)
{
  SpTargetEditor *self = SP_TARGET_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_TARGET_EDITOR);
  G_OBJECT_CLASS (sp_target_editor_parent_class)->dispose (object);
}

static void
sp_target_editor_class_init (SpTargetEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_target_editor_dispose;

  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[CHANGED_STRUCTURE] = g_signal_new ("changed-structure", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  signals[SAVE_TO_BANK] = g_signal_new ("save-to-bank", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-target-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, bank_button);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, wording_hint);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, baseline_entry);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, success_entry);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, strategies_list);
  gtk_widget_class_bind_template_child (widget_class, SpTargetEditor, add_strategy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_bank_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_strategy_clicked);
}

static void
sp_target_editor_init (SpTargetEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A strategy's row: its entry and its remove button, made once and given a strategy to show
 * (set_strategy_row) as often as needed. */
static GtkWidget *
strategy_row_new (SpTargetEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("Who will do what, and how often"));
  gtk_widget_set_tooltip_text (remove, _("Remove Strategy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Strategy"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_strategy_clicked), self);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
set_strategy_row (SpTargetEditor         *self,
                  GtkWidget              *row,
                  const SpStrategyRecord *strategy,
                  guint                   number,
                  gboolean                editable)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *remove = gtk_widget_get_last_child (box);
  g_autofree gchar *label = g_strdup_printf (_("Strategy %u"), number);

  sp_autosave_show_text (GTK_EDITABLE (entry), strategy->description);
  gtk_editable_set_editable (GTK_EDITABLE (entry), editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_visible (remove, editable);
  g_object_set_data (G_OBJECT (remove), "strategy-id", GSIZE_TO_POINTER ((gsize) strategy->id));

  sp_autosave_set_revision (self->autosave, "strategies", strategy->id, strategy->revision);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (entry),
                              SP_FIELD_STRATEGY_DESCRIPTION, strategy->id);
}

/* An empty editor, to be given a target with sp_target_editor_set_target(). */
GtkWidget *
sp_target_editor_new (SpStore              *store,
                      SpAutosave           *autosave,
                      const gchar * const  *vague_phrases)
{
  SpTargetEditor *self = g_object_new (SP_TYPE_TARGET_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->autosave = g_object_ref (autosave);
  self->phrases = vague_phrases;
  self->description_handler =
    g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                              G_CALLBACK (on_description_changed), self);
  self->area_handler = g_signal_connect_swapped (self->area_dropdown, "notify::selected",
                                                 G_CALLBACK (on_area_selected), self);
  return GTK_WIDGET (self);
}

/* Shows @target (number @number of @count) in the editor, replacing whatever it showed, and
 * watches its fields for the autosave. The page has made the autosave forget its watches
 * first (sp_autosave_forget), so what the fields held before was saved to its own target and
 * no change made here is saved. */
void
sp_target_editor_set_target (SpTargetEditor       *self,
                             const SpTargetRecord *target,
                             guint                 number,
                             guint                 count,
                             gboolean              editable)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autofree gchar *title = g_strdup_printf (_("Target %u"), number);
  /* An area chosen but not saved yet (a full disk) shows, not the database's older one. */
  const gchar *kept_area = sp_autosave_get_kept (self->autosave, SP_FIELD_TARGET_AREA,
                                                 target->id);
  const gchar *area_key = kept_area != NULL ? kept_area : target->area;
  SpArea area = sp_area_from_key (area_key);
  guint selected = 0;
  GtkWidget *row;
  guint i;

  g_return_if_fail (SP_IS_TARGET_EDITOR (self));

  self->id = target->id;

  g_signal_handler_block (buffer, self->description_handler);
  g_signal_handler_block (self->area_dropdown, self->area_handler);

  gtk_label_set_text (self->title_label, title);
  for (i = 0; i < G_N_ELEMENTS (dropdown_areas); i++)
    if (*area_key != '\0' && dropdown_areas[i] == area)
      selected = i;
  gtk_drop_down_set_selected (self->area_dropdown, selected);

  sp_autosave_show_buffer_text (buffer, target->description);
  sp_autosave_show_text (GTK_EDITABLE (self->baseline_entry), target->baseline);
  sp_autosave_show_text (GTK_EDITABLE (self->success_entry), target->success_criteria);
  sp_wording_hint_update (self->wording_hint, target->description, self->phrases);

  g_signal_handler_unblock (self->area_dropdown, self->area_handler);
  g_signal_handler_unblock (buffer, self->description_handler);

  /* The strategies: the rows already made are given the new ones. */
  row = gtk_widget_get_first_child (GTK_WIDGET (self->strategies_list));
  for (i = 0; i < target->strategies->len; i++)
    {
      if (row == NULL)
        {
          gtk_list_box_append (self->strategies_list, strategy_row_new (self));
          row = gtk_widget_get_last_child (GTK_WIDGET (self->strategies_list));
        }
      set_strategy_row (self, row, g_ptr_array_index (target->strategies, i), i + 1, editable);
      gtk_widget_set_visible (row, TRUE);
      row = gtk_widget_get_next_sibling (row);
    }
  /* Rows left over are hidden, for the next target that has more: they watch nothing. */
  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    gtk_widget_set_visible (row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->strategies_list), target->strategies->len > 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), editable && number > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), editable && number < count);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->add_strategy_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->area_dropdown), editable);
  gtk_text_view_set_editable (self->description_view, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->baseline_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->success_entry), editable);

  /* Watch only after filling, so showing a target saves nothing. */
  sp_autosave_set_revision (self->autosave, "targets", target->id, target->revision);
  sp_autosave_watch_buffer (self->autosave, buffer, SP_FIELD_TARGET_DESCRIPTION, target->id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->baseline_entry),
                              SP_FIELD_TARGET_BASELINE, target->id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->success_entry),
                              SP_FIELD_TARGET_SUCCESS_CRITERIA, target->id);
}

gint64
sp_target_editor_get_id (SpTargetEditor *self)
{
  return self->id;
}

GtkTextBuffer *
sp_target_editor_get_buffer (SpTargetEditor *self)
{
  return gtk_text_view_get_buffer (self->description_view);
}

gboolean
sp_target_editor_is_vague (SpTargetEditor *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->wording_hint));
}
