/* sp-import-dialog.c: the import preview.
 *
 * The file is read and parsed in a GTask thread (sp-xml-safe: every file is hostile); the
 * preview is then worked out against the database on the main thread, since the store belongs
 * to it, and shown in four groups: new pupils, pupils whose details would change (each change
 * as "before → after"), unchanged, and rejected (each with its reason). Import applies it in
 * one transaction; Cancel writes nothing. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-agency-xml.h"
#include "sp-import-dialog.h"

/* ---- one preview item, for a list box ---------------------------------------------------- */

#define SP_TYPE_IMPORT_ROW_ITEM (sp_import_row_item_get_type ())
G_DECLARE_FINAL_TYPE (SpImportRowItem, sp_import_row_item, SP, IMPORT_ROW_ITEM, GObject)

struct _SpImportRowItem
{
  GObject       parent_instance;
  SpImportItem *item;             /* owned by the dialog's preview */
};

G_DEFINE_FINAL_TYPE (SpImportRowItem, sp_import_row_item, G_TYPE_OBJECT)

static void
sp_import_row_item_class_init (SpImportRowItemClass *klass)
{
}

static void
sp_import_row_item_init (SpImportRowItem *self)
{
}

/* ---- the dialog ------------------------------------------------------------------------ */

struct _SpImportDialog
{
  AdwWindow        parent_instance;

  SpStore         *store;
  GFile           *file;
  GCancellable    *cancellable;
  SpImportPreview *preview;
  gchar           *message;

  GListStore      *lists[4];      /* SpImportRowItem, by SpImportKind */

  GtkStack        *stack;
  AdwStatusPage   *error_page;
  AdwStatusPage   *done_page;
  GtkLabel        *source_label;
  GtkLabel        *summary_label;
  AdwPreferencesGroup *groups[4];
  GtkListBox      *boxes[4];
};

G_DEFINE_FINAL_TYPE (SpImportDialog, sp_import_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  SpImportItem *item = SP_IMPORT_ROW_ITEM (object)->item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (item->upn);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *item->name != '\0' ? item->name : _("(no name)"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (item->reason != NULL)
    g_string_append_printf (subtitle, "\n%s", item->reason);
  for (guint i = 0; i < item->changes->len; i++)
    {
      SpImportChange *c = g_ptr_array_index (item->changes, i);
      /* TRANSLATORS: one change an import makes: field, value before, value after */
      g_string_append_printf (subtitle, _("\n%s: “%s” → “%s”"), c->field, c->before, c->after);
    }
  for (guint i = 0; i < item->notes->len; i++)
    g_string_append_printf (subtitle, "\n%s", (const gchar *) g_ptr_array_index (item->notes, i));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
show_preview (SpImportDialog *self)
{
  SpImportPreview *p = self->preview;
  g_autofree gchar *summary = NULL;
  guint importable = sp_import_preview_n_importable (p);

  for (guint k = 0; k < G_N_ELEMENTS (self->lists); k++)
    g_list_store_remove_all (self->lists[k]);
  for (guint i = 0; i < p->items->len; i++)
    {
      SpImportItem *item = g_ptr_array_index (p->items, i);
      g_autoptr(SpImportRowItem) row = g_object_new (SP_TYPE_IMPORT_ROW_ITEM, NULL);

      row->item = item;
      g_list_store_append (self->lists[item->kind], row);
    }
  for (guint k = 0; k < G_N_ELEMENTS (self->lists); k++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[k]),
                            g_list_model_get_n_items (G_LIST_MODEL (self->lists[k])) > 0);

  gtk_label_set_text (self->source_label, p->source);
  /* TRANSLATORS: the counts of an import preview */
  summary = g_strdup_printf (_("%u new, %u changed, %u unchanged, %u rejected"),
                             p->n_new, p->n_changed, p->n_unchanged, p->n_rejected);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", importable > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
show_error (SpImportDialog *self,
            const gchar    *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree gchar *path = g_file_get_path (task_data);
  GError *error = NULL;
  SpImportPreview *preview;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Only files on this computer can be imported."));
      return;
    }
  preview = sp_xml_import_read_file (path, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) sp_import_preview_free);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SpImportPreview *preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (preview == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->preview = preview;
  if (!sp_store_import_prepare (self->store, self->preview, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_preview (self);
}

static void
apply_action (GtkWidget   *widget,
              const gchar *action_name,
              GVariant    *parameter)
{
  SpImportDialog *self = SP_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree gchar *done = NULL;
  guint written = 0;

  if (self->preview == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "import.apply", FALSE);
  if (!sp_store_import_apply (self->store, self->preview, &written, &error))
    {
      show_error (self, error->message);
      return;
    }
  done = g_strdup_printf (ngettext ("%u pupil was imported.", "%u pupils were imported.",
                                    written), written);
  g_free (self->message);
  self->message = g_strdup (done);
  adw_status_page_set_description (self->done_page, done);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
sp_import_dialog_dispose (GObject *object)
{
  SpImportDialog *self = SP_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (sp_import_dialog_parent_class)->dispose (object);
}

static void
sp_import_dialog_finalize (GObject *object)
{
  SpImportDialog *self = SP_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, sp_import_preview_free);
  g_clear_pointer (&self->message, g_free);
  for (guint k = 0; k < G_N_ELEMENTS (self->lists); k++)
    g_clear_object (&self->lists[k]);
  G_OBJECT_CLASS (sp_import_dialog_parent_class)->finalize (object);
}

static void
sp_import_dialog_class_init (SpImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_import_dialog_dispose;
  object_class->finalize = sp_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/"
                                               "sp-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SpImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, SpImportDialog, source_label);
  gtk_widget_class_bind_template_child (widget_class, SpImportDialog, summary_label);
  gtk_widget_class_bind_template_child_full (widget_class, "new_group", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog, groups[SP_IMPORT_NEW]));
  gtk_widget_class_bind_template_child_full (widget_class, "changed_group", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              groups[SP_IMPORT_CHANGED]));
  gtk_widget_class_bind_template_child_full (widget_class, "unchanged_group", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              groups[SP_IMPORT_UNCHANGED]));
  gtk_widget_class_bind_template_child_full (widget_class, "rejected_group", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              groups[SP_IMPORT_REJECTED]));
  gtk_widget_class_bind_template_child_full (widget_class, "new_list", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog, boxes[SP_IMPORT_NEW]));
  gtk_widget_class_bind_template_child_full (widget_class, "changed_list", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              boxes[SP_IMPORT_CHANGED]));
  gtk_widget_class_bind_template_child_full (widget_class, "unchanged_list", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              boxes[SP_IMPORT_UNCHANGED]));
  gtk_widget_class_bind_template_child_full (widget_class, "rejected_list", FALSE,
                                             G_STRUCT_OFFSET (SpImportDialog,
                                                              boxes[SP_IMPORT_REJECTED]));
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_import_dialog_init (SpImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint k = 0; k < G_N_ELEMENTS (self->lists); k++)
    {
      self->lists[k] = g_list_store_new (SP_TYPE_IMPORT_ROW_ITEM);
      gtk_list_box_bind_model (self->boxes[k], G_LIST_MODEL (self->lists[k]), create_row, NULL,
                               NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);
}

SpImportDialog *
sp_import_dialog_new (GtkWindow *parent,
                      SpStore   *store,
                      GFile     *file)
{
  SpImportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (SP_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, read_done, g_object_ref (self));
  g_task_set_source_tag (task, sp_import_dialog_new);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
  return self;
}

void
sp_import_dialog_run (GtkWindow *parent,
                      SpStore   *store,
                      GFile     *file)
{
  SpImportDialog *self = sp_import_dialog_new (parent, store, file);

  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}

const gchar *
sp_import_dialog_get_state (SpImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

SpImportPreview *
sp_import_dialog_get_preview (SpImportDialog *self)
{
  return self->preview;
}

const gchar *
sp_import_dialog_get_message (SpImportDialog *self)
{
  return self->message;
}
