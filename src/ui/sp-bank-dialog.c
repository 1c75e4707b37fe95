/* sp-bank-dialog.c: choosing a target from the bank.
 *
 * The bank is the shipped file (target-bank.ini in the GResource) and the targets this school
 * saved for next time (the store's bank_entries), the school's own first. The teacher searches
 * by words and narrows by area of need; Enter or "Use This Target" gives the chosen entry to
 * the caller. The caller is told exactly once, with NULL when the dialog is cancelled. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-bank-dialog.h"
#include "sp-store-bank.h"

#define BANK_RESOURCE "/io/github/supportplans/SupportPlans/target-bank.ini"

/* ---- one entry as a list item ---------------------------------------------------------- */

#define SP_TYPE_BANK_ITEM (sp_bank_item_get_type ())
G_DECLARE_FINAL_TYPE (SpBankItem, sp_bank_item, SP, BANK_ITEM, GObject)

struct _SpBankItem
{
  GObject      parent_instance;
  SpBankEntry *entry;
};

G_DEFINE_FINAL_TYPE (SpBankItem, sp_bank_item, G_TYPE_OBJECT)

static void
sp_bank_item_finalize (GObject *object)
{
  g_clear_pointer (&SP_BANK_ITEM (object)->entry, sp_bank_entry_free);
  G_OBJECT_CLASS (sp_bank_item_parent_class)->finalize (object);
}

static void
sp_bank_item_class_init (SpBankItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_bank_item_finalize;
}

static void
sp_bank_item_init (SpBankItem *self)
{
}

/* Takes @entry. */
static SpBankItem *
sp_bank_item_new (SpBankEntry *entry)
{
  SpBankItem *item = g_object_new (SP_TYPE_BANK_ITEM, NULL);

  item->entry = entry;
  return item;
}

/* ---- the dialog ------------------------------------------------------------------------ */

struct _SpBankDialog
{
  AdwWindow           parent_instance;

  SpStore            *store;
  SpBankChosen        callback;
  gpointer            user_data;
  gboolean            answered;
  gchar              *problem;

  GListStore         *entries;       /* SpBankItem: the school's own, then the shipped ones */
  GtkCustomFilter    *filter;
  GtkFilterListModel *visible;
  GtkSingleSelection *selection;
  gchar              *query;
  SpArea              area;

  AdwToastOverlay    *toast_overlay;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *area_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkButton          *use_button;
  GtkButton          *remove_button;
};

G_DEFINE_FINAL_TYPE (SpBankDialog, sp_bank_dialog, ADW_TYPE_WINDOW)

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  SpBankDialog *self = user_data;

  return sp_bank_entry_matches (SP_BANK_ITEM (item)->entry, self->query, self->area);
}

static SpBankItem *
selected_item (SpBankDialog *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item ? SP_BANK_ITEM (item) : NULL;
}

static void
update_state (SpBankDialog *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->visible));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  SpBankItem *item = selected_item (self);
  g_autofree gchar *count = NULL;

  if (self->problem != NULL)
    count = g_strdup (self->problem);
  else if (shown == all)
    count = g_strdup_printf (ngettext ("%u target", "%u targets", all), all);
  else
    count = g_strdup_printf (ngettext ("Showing %u of %u target", "Showing %u of %u targets",
                                       all), shown, all);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.use", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.remove",
                                 item != NULL && item->entry->user_written);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button),
                          item != NULL && item->entry->user_written);
}

static void
refilter (SpBankDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
search_changed (SpBankDialog *self)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
area_changed (SpBankDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->area_dropdown);

  self->area = selected < SP_N_AREAS ? (SpArea) selected : SP_AREA_NONE;
  refilter (self);
}

/* Tells the caller (once) and closes. */
static void
answer (SpBankDialog      *self,
        const SpBankEntry *entry)
{
  if (self->answered)
    return;
  self->answered = TRUE;
  if (self->callback)
    self->callback (entry, self->user_data);
}

static void
choose (SpBankDialog *self,
        SpBankItem   *item)
{
  if (item == NULL)
    return;
  g_object_ref (item);
  answer (self, item->entry);
  g_object_unref (item);
  gtk_window_close (GTK_WINDOW (self));
}

static void
use_action (GtkWidget   *widget,
            const gchar *action_name,
            GVariant    *parameter)
{
  SpBankDialog *self = SP_BANK_DIALOG (widget);

  choose (self, selected_item (self));
}

static void
search_activated (SpBankDialog *self)
{
  choose (self, selected_item (self));
}

static void
list_activated (SpBankDialog *self,
                guint         position)
{
  g_autoptr(SpBankItem) item = g_list_model_get_item (G_LIST_MODEL (self->visible), position);

  choose (self, item);
}

typedef struct
{
  SpBankDialog *self;
  SpBankEntry  *entry;
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_object_unref (removed->self);
  sp_bank_entry_free (removed->entry);
  g_free (removed);
}

/* Undo puts the entry back as a new row, at the top with the school's own. */
static void
undo_remove (AdwToast *toast,
             Removed  *removed)
{
  SpBankDialog *self = removed->self;
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_add_bank_entry (self->store, removed->entry, &error);

  if (id == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  {
    SpBankEntry *back = sp_bank_entry_copy (removed->entry);
    g_autoptr(SpBankItem) item = NULL;

    back->id = id;
    g_free (back->key);
    back->key = g_strdup_printf ("own-%" G_GINT64_FORMAT, id);
    item = sp_bank_item_new (back);
    g_list_store_insert (self->entries, 0, item);
  }
  update_state (self);
}

static void
remove_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpBankDialog *self = SP_BANK_DIALOG (widget);
  SpBankItem *item = selected_item (self);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  Removed *removed;
  guint position;

  if (item == NULL || !item->entry->user_written || self->store == NULL)
    return;
  if (!sp_store_delete_bank_entry (self->store, item->entry->id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  removed = g_new0 (Removed, 1);
  removed->self = g_object_ref (self);
  removed->entry = sp_bank_entry_copy (item->entry);
  if (g_list_store_find (self->entries, item, &position))
    g_list_store_remove (self->entries, position);

  toast = adw_toast_new (_("Removed from your saved targets"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove), removed,
                         removed_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  update_state (self);
}

static gboolean
close_request (GtkWindow *window)
{
  answer (SP_BANK_DIALOG (window), NULL);
  return FALSE;
}

/* Down from the search box goes to the list, as in GNOME's other search lists. */
static gboolean
search_key_pressed (SpBankDialog    *self,
                    guint            keyval,
                    guint            keycode,
                    GdkModifierType  state)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

/* ---- rows ------------------------------------------------------------------------------ */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *target = gtk_label_new (NULL);
  GtkWidget *yours = gtk_label_new (_("Yours"));
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *strategies = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_label_set_wrap (GTK_LABEL (target), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (target), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (target), 0);
  gtk_widget_set_hexpand (target, TRUE);
  gtk_widget_add_css_class (target, "heading");

  gtk_widget_set_valign (yours, GTK_ALIGN_START);
  gtk_widget_add_css_class (yours, "caption-heading");
  gtk_widget_add_css_class (yours, "accent");
  gtk_widget_set_tooltip_text (yours, _("A target you saved for next time"));

  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (strategies), 0);
  gtk_label_set_wrap (GTK_LABEL (strategies), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (strategies), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (strategies, "dim-label");

  gtk_box_append (GTK_BOX (top), target);
  gtk_box_append (GTK_BOX (top), yours);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), strategies);
  gtk_list_item_set_child (list_item, box);

  g_object_set_data (G_OBJECT (list_item), "target", target);
  g_object_set_data (G_OBJECT (list_item), "yours", yours);
  g_object_set_data (G_OBJECT (list_item), "meta", meta);
  g_object_set_data (G_OBJECT (list_item), "strategies", strategies);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  const SpBankEntry *e = SP_BANK_ITEM (gtk_list_item_get_item (list_item))->entry;
  g_autoptr(GString) meta = g_string_new (sp_area_name (e->area));
  g_autoptr(GString) strategies = g_string_new (NULL);
  const gchar *need_name = sp_need_name (e->need);

  if (need_name != NULL)
    g_string_append_printf (meta, " · %s", need_name);
  if (*e->years != '\0')
    {
      g_string_append (meta, " · ");
      /* TRANSLATORS: the year groups a target suits, e.g. "Years R-2" */
      g_string_append_printf (meta, _("Years %s"), e->years);
    }
  for (guint i = 0; e->strategies[i]; i++)
    g_string_append_printf (strategies, "%s• %s", i > 0 ? "\n" : "", e->strategies[i]);

  gtk_label_set_text (g_object_get_data (G_OBJECT (list_item), "target"), e->target);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (list_item), "yours"), e->user_written);
  gtk_label_set_text (g_object_get_data (G_OBJECT (list_item), "meta"), meta->str);
  gtk_label_set_text (g_object_get_data (G_OBJECT (list_item), "strategies"), strategies->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (list_item), "strategies"),
                          strategies->len > 0);
}

/* ---- loading --------------------------------------------------------------------------- */

static void
set_problem (SpBankDialog *self,
             const gchar  *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
}

static void
load_entries (SpBankDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) shipped = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL)
    {
      own = sp_store_list_bank_entries (self->store, &error);
      if (own == NULL)
        {
          set_problem (self, error->message);
          g_clear_error (&error);
        }
    }

  bytes = g_resources_lookup_data (BANK_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    shipped = sp_bank_parse (bytes, &error);
  if (shipped == NULL)
    set_problem (self, error->message);

  for (guint i = 0; own && i < own->len; i++)
    g_ptr_array_add (items, sp_bank_item_new (g_steal_pointer (&own->pdata[i])));
  for (guint i = 0; shipped && i < shipped->len; i++)
    g_ptr_array_add (items, sp_bank_item_new (g_steal_pointer (&shipped->pdata[i])));

  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);
}

/* ---- the type -------------------------------------------------------------------------- */

static void
sp_bank_dialog_dispose (GObject *object)
{
  SpBankDialog *self = SP_BANK_DIALOG (object);

  /* A dialog destroyed without closing still answers. */
  answer (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_BANK_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->visible);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_bank_dialog_parent_class)->dispose (object);
}

static void
sp_bank_dialog_finalize (GObject *object)
{
  SpBankDialog *self = SP_BANK_DIALOG (object);

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (sp_bank_dialog_parent_class)->finalize (object);
}

static void
sp_bank_dialog_class_init (SpBankDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_bank_dialog_dispose;
  object_class->finalize = sp_bank_dialog_finalize;
  window_class->close_request = close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-bank-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, use_button);
  gtk_widget_class_bind_template_child (widget_class, SpBankDialog, remove_button);

  gtk_widget_class_install_action (widget_class, "bank.use", NULL, use_action);
  gtk_widget_class_install_action (widget_class, "bank.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_bank_dialog_init (SpBankDialog *self)
{
  g_autoptr(GtkStringList) areas = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (areas, _("All areas"));
  for (SpArea a = SP_AREA_COMMUNICATION; a < SP_N_AREAS; a++)
    gtk_string_list_append (areas, sp_area_name (a));
  gtk_drop_down_set_model (self->area_dropdown, G_LIST_MODEL (areas));

  /* The filter model owns the store and the filter; the selection holds a reference to it. */
  self->entries = g_list_store_new (SP_TYPE_BANK_ITEM);
  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->visible = gtk_filter_list_model_new (G_LIST_MODEL (self->entries),
                                             GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->visible)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activated), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed),
                            self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->area_dropdown, "notify::selected", G_CALLBACK (area_changed),
                            self);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_state),
                            self);
  g_signal_connect_swapped (self->visible, "items-changed", G_CALLBACK (update_state), self);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->use_button));
}

/* Opens the bank over @parent, showing @area_hint's targets first (SP_AREA_NONE for all).
 * @callback is called once, when the dialog closes (see SpBankChosen). @store may be NULL:
 * then only the shipped targets are shown. Returns the dialog, owned by GTK. */
SpBankDialog *
sp_bank_dialog_choose (GtkWindow    *parent,
                       SpStore      *store,
                       SpArea        area_hint,
                       SpBankChosen  callback,
                       gpointer      user_data)
{
  SpBankDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_BANK_DIALOG, "transient-for", parent, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  self->callback = callback;
  self->user_data = user_data;
  load_entries (self);
  sp_bank_dialog_set_area (self, area_hint);
  update_state (self);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

/* The editor's "Save to Bank": keeps the target, its baseline, success criteria and
 * strategies for next time. FALSE with @error (a sentence for the teacher) when it cannot,
 * for example when the same target is already saved. */
gboolean
sp_bank_save_target (SpStore             *store,
                     SpArea               area,
                     const gchar         *target,
                     const gchar         *baseline,
                     const gchar         *success,
                     const gchar * const *strategies,
                     GError             **error)
{
  g_autoptr(SpBankEntry) entry = sp_bank_entry_new ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (area < SP_N_AREAS, FALSE);

  entry->area = area;
  g_free (entry->target);
  entry->target = g_strdup (target ? target : "");
  g_free (entry->baseline);
  entry->baseline = g_strdup (baseline ? baseline : "");
  g_free (entry->success);
  entry->success = g_strdup (success ? success : "");
  if (strategies != NULL)
    {
      g_strfreev (entry->strategies);
      entry->strategies = g_strdupv ((gchar **) strategies);
    }
  return sp_store_add_bank_entry (store, entry, error) > 0;
}

GListModel *
sp_bank_dialog_get_visible (SpBankDialog *self)
{
  g_return_val_if_fail (SP_IS_BANK_DIALOG (self), NULL);
  return G_LIST_MODEL (self->visible);
}

const SpBankEntry *
sp_bank_dialog_get_entry (SpBankDialog *self,
                          guint         position)
{
  g_autoptr(SpBankItem) item = NULL;

  g_return_val_if_fail (SP_IS_BANK_DIALOG (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->visible), position);
  /* The store keeps the item alive. */
  return item ? item->entry : NULL;
}

/* Sets the search box's text and filters at once (typing filters after a short pause). */
void
sp_bank_dialog_set_search_text (SpBankDialog *self,
                                const gchar  *text)
{
  g_return_if_fail (SP_IS_BANK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed (self);
}

void
sp_bank_dialog_set_area (SpBankDialog *self,
                         SpArea        area)
{
  g_return_if_fail (SP_IS_BANK_DIALOG (self));

  gtk_drop_down_set_selected (self->area_dropdown, area < SP_N_AREAS ? (guint) area : 0);
  area_changed (self);
}

const gchar *
sp_bank_dialog_get_problem (SpBankDialog *self)
{
  g_return_val_if_fail (SP_IS_BANK_DIALOG (self), NULL);
  return self->problem;
}
