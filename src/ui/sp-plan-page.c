/* sp-plan-page.c: the plan editor. One page per plan: dates and status, the targets with
 * their strategies, the provision and its cost, what the family will do, the pupil's views
 * and the notes made during the plan. There is no Save button: every change is saved as it is
 * typed (SpAutosave), and structural changes (a target added, moved or removed) are written at
 * once, after which the page rebuilds from the database.
 *
 * The page's widgets outlive the plan they show: opening another plan, or rebuilding after a
 * change, gives the target editors, provision rows and note rows already made the new plan's
 * parts (making only the ones missing, dropping the ones left over), because building them
 * again from their templates was most of the time a teacher waited for a plan to open. Ones
 * left over are hidden, not destroyed, for the next plan that has more. So that nothing typed
 * goes to the wrong plan, what is waiting to be saved is saved first, and
 * the autosave forgets every watch before the widgets are filled again (see build()). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-bank-dialog.h"
#include "sp-dates.h"
#include "sp-need.h"
#include "sp-plan-page.h"
#include "sp-provision-row.h"
#include "sp-store-edit.h"
#include "sp-store-review.h"
#include "sp-target-editor.h"
#include "sp-text.h"

struct _SpPlanPage
{
  AdwBin          parent_instance;

  SpStore        *store;
  SpSaver        *saver;
  SpAutosave     *autosave;
  SpPlanRecord   *plan;
  GStrv           phrases;
  gchar          *notice;
  gchar          *agree_problem;  /* why Agree Plan did not agree the plan shown, or NULL */
  gchar          *total;
  gboolean        editable;
  AdwToast       *undo_toast;     /* weak: the last "removed" toast, while it shows */

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *notice_label;
  AdwEntryRow    *start_row;
  AdwEntryRow    *review_row;
  AdwActionRow   *status_row;
  GtkWidget      *activate_button;
  GtkWidget      *review_button;
  GtkWidget      *reopen_button;
  GtkWidget      *suggest_row;
  GtkWidget      *end_of_term_button;
  GtkWidget      *twelve_weeks_button;
  GtkWidget      *bank_button;
  GtkWidget      *add_target_button;
  GtkBox         *targets_box;
  GtkListBox     *provision_list;
  GtkLabel       *total_label;
  GtkTextView    *parent_view;
  AdwEntryRow    *likes_row;
  AdwEntryRow    *hard_row;
  AdwEntryRow    *helps_row;
  AdwEntryRow    *worries_row;
  AdwEntryRow    *views_date_row;
  AdwEntryRow    *views_how_row;
  GtkListBox     *notes_list;
  GtkEntry       *note_entry;
  GtkWidget      *views_group;
  GtkWidget      *family_group;
  GtkWidget      *notes_group;
};

G_DEFINE_FINAL_TYPE (SpPlanPage, sp_plan_page, ADW_TYPE_BIN)

enum { REVIEW, N_SIGNALS };
static guint signals[N_SIGNALS];

static void rebuild (SpPlanPage *self);
static void on_target_save_to_bank (SpPlanPage *self, SpTargetEditor *editor);

static void
toast (SpPlanPage  *self,
       const gchar *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static const gchar * const *
phrases (SpPlanPage *self)
{
  if (self->phrases == NULL)
    {
      g_autoptr(GBytes) bytes =
        g_resources_lookup_data ("/io/github/supportplans/SupportPlans/vague-phrases.txt", 0,
                                 NULL);
      self->phrases = sp_wording_phrases_parse (bytes ? g_bytes_get_data (bytes, NULL) : "");
    }
  return (const gchar * const *) self->phrases;
}

/* ---- totals and notices ------------------------------------------------------------------ */

static void
update_total (SpPlanPage *self)
{
  gint64 total = 0;
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->provision_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (SP_IS_PROVISION_ROW (row) && gtk_widget_get_visible (row))
      {
        total += sp_provision_row_get_cost (SP_PROVISION_ROW (row));
        n++;
      }

  g_free (self->total);
  {
    g_autofree gchar *money = sp_format_pence (total);
    self->total = n ? g_strdup_printf (_("Total for this plan: %s"), money)
                    : g_strdup (_("No provision yet"));
  }
  gtk_label_set_text (self->total_label, self->total);
  gtk_widget_set_visible (GTK_WIDGET (self->provision_list), n > 0);
}

static void
update_notice (SpPlanPage *self)
{
  guint n = self->plan ? self->plan->targets->len : 0;

  g_clear_pointer (&self->notice, g_free);
  if (!self->editable)
    self->notice = g_strdup (_("This plan has been reviewed, so it is kept as it was. Start a "
                               "new plan to make changes."));
  else if (self->agree_problem != NULL && g_strcmp0 (self->plan->status, "draft") == 0)
    self->notice = g_strdup (self->agree_problem);
  else if (n < 3)
    self->notice = g_strdup_printf (ngettext ("This plan has %u target. A plan is complete with "
                                              "three or four, set with the pupil.",
                                              "This plan has %u targets. A plan is complete with "
                                              "three or four, set with the pupil.", n), n);
  else if (*self->plan->review_date == '\0')
    self->notice = g_strdup (_("A plan is not agreed without a review date."));
  else if (g_strcmp0 (self->plan->status, "active") == 0)
    {
      g_autoptr(GDate) today = sp_date_today ();
      g_autoptr(GDate) due = sp_date_parse_iso (self->plan->review_date);
      gint late = due ? g_date_days_between (due, today) : 0;

      if (late > 0)
        {
          g_autofree gchar *date = sp_date_format_long (self->plan->review_date);
          self->notice = g_strdup_printf (ngettext ("The review was due on %s, %d day ago. "
                                                    "Review Plan records it.",
                                                    "The review was due on %s, %d days ago. "
                                                    "Review Plan records it.", late),
                                          date, late);
        }
    }

  gtk_label_set_text (self->notice_label, self->notice ? self->notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), self->notice != NULL);
}

/* ---- targets ----------------------------------------------------------------------------- */

static SpTargetRecord *
find_target (SpPlanPage *self,
             gint64      id)
{
  for (guint i = 0; i < self->plan->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (self->plan->targets, i);
      if (t->id == id)
        return t;
    }
  return NULL;
}

typedef struct
{
  SpPlanPage     *self;
  gint64          plan_id;
  SpTargetRecord *target;      /* owned copy, to put back */
} UndoTarget;

static void
undo_target_free (gpointer data)
{
  UndoTarget *u = data;
  sp_target_record_free (u->target);
  g_object_unref (u->self);
  g_free (u);
}

static void
on_undo_target (AdwToast *toast_,
                gpointer  data)
{
  UndoTarget *u = data;
  g_autoptr(GError) error = NULL;

  if (sp_store_reinsert_target (u->self->store, u->plan_id, u->target, &error) == 0)
    toast (u->self, error->message);
  else if (sp_plan_page_get_plan_id (u->self) == u->plan_id)
    rebuild (u->self);
}

static SpTargetRecord *
copy_target (const SpTargetRecord *t)
{
  SpTargetRecord *c = sp_target_record_new ();

  c->position = t->position;
  c->area = g_strdup (t->area);
  c->baseline = g_strdup (t->baseline);
  c->success_criteria = g_strdup (t->success_criteria);
  for (guint i = 0; i < t->strategies->len; i++)
    {
      SpStrategyRecord *s = g_new0 (SpStrategyRecord, 1);
      s->description = g_strdup (((SpStrategyRecord *) g_ptr_array_index (t->strategies, i))->description);
      g_ptr_array_add (c->strategies, s);
    }
  return c;
}

/* The editors are kept from one target to the next: after a target is moved or removed,
 * the button the keyboard was on may belong to another target, where pressing it again would
 * move or remove that one. The keyboard goes with the target moved (to the same button), or,
 * the target gone, to Add Target. */
static void
refocus_after (SpPlanPage     *self,
               SpTargetEditor *editor,
               gint64          moved_id,
               const gchar    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (editor)))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_box));
       moved_id != 0 && child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SP_IS_TARGET_EDITOR (child) && gtk_widget_get_visible (child)
        && sp_target_editor_get_id (SP_TARGET_EDITOR (child)) == moved_id)
      {
        GObject *b = gtk_widget_get_template_child (child, SP_TYPE_TARGET_EDITOR, button);

        if (b != NULL && gtk_widget_get_sensitive (GTK_WIDGET (b))
            && gtk_widget_grab_focus (GTK_WIDGET (b)))
          return;
        gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
        return;
      }
  gtk_widget_grab_focus (self->add_target_button);
}

static void
on_target_remove (SpPlanPage     *self,
                  SpTargetEditor *editor)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_target_editor_get_id (editor);   /* before the editor is given another */
  SpTargetRecord *target;
  UndoTarget *undo;
  AdwToast *t;

  sp_autosave_flush (self->autosave);
  /* Reread, so the copy kept for Undo has what was typed last. */
  rebuild (self);
  target = find_target (self, id);
  if (target == NULL)
    return;

  undo = g_new0 (UndoTarget, 1);
  undo->self = g_object_ref (self);
  undo->plan_id = self->plan->id;
  undo->target = copy_target (target);
  undo->target->description = g_strdup (target->description);

  if (!sp_store_delete_row (self->store, "targets", target->id, &error))
    {
      undo_target_free (undo);
      toast (self, error->message);
      return;
    }

  t = adw_toast_new (_("Target removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_target), undo,
                         (GClosureNotify) (void (*) (void)) undo_target_free, 0);
  g_set_weak_pointer (&self->undo_toast, t);
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    if (overlay)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
    else
      g_object_unref (g_object_ref_sink (t));
  }
  rebuild (self);
  refocus_after (self, editor, 0, NULL);
}

static void
on_target_move (SpPlanPage     *self,
                gint            delta,
                SpTargetEditor *editor)
{
  g_autoptr(GError) error = NULL;

  gint64 id = sp_target_editor_get_id (editor);   /* before the editor is given another */

  sp_autosave_flush (self->autosave);
  if (!sp_store_move_target (self->store, id, delta, &error))
    toast (self, error->message);
  rebuild (self);
  refocus_after (self, editor, id, delta < 0 ? "up_button" : "down_button");
}

static void
on_target_structure (SpPlanPage     *self,
                     SpTargetEditor *editor)
{
  rebuild (self);
}

/* ---- building ---------------------------------------------------------------------------- */

/* Removes @child and every child of @box after it: the ones the plan shown has no use for. */
static void
remove_from (GtkWidget *box,
             GtkWidget *child)
{
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      child = next;
    }
}

/* Hides @child and every child after it: the ones the plan shown has no use for, kept for the
 * next plan that has more (they watch nothing, so they save nothing). */
static void
hide_from (GtkWidget *child)
{
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);
}

/* Saves at once what is waiting in the provision rows (they save through their own delay). */
static void
flush_provision (SpPlanPage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->provision_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (SP_IS_PROVISION_ROW (row))
      sp_provision_row_flush (SP_PROVISION_ROW (row));
}

typedef struct
{
  SpPlanPage        *self;
  gint64             plan_id;
  SpProvisionRecord *provision;   /* owned copy, to put back */
} UndoProvision;

static void
undo_provision_free (gpointer data)
{
  UndoProvision *u = data;
  sp_provision_record_free (u->provision);
  g_object_unref (u->self);
  g_free (u);
}

static void
on_undo_provision (AdwToast *toast_,
                   gpointer  data)
{
  UndoProvision *u = data;
  g_autoptr(GError) error = NULL;

  if (sp_store_reinsert_provision (u->self->store, u->plan_id, u->provision, &error) == 0)
    toast (u->self, error->message);
  else if (sp_plan_page_get_plan_id (u->self) == u->plan_id)
    rebuild (u->self);
}

/* A removed line of provision comes back with the toast's Undo (at the end of the list). */
static void
on_provision_remove (SpPlanPage     *self,
                     SpProvisionRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_provision_row_get_id (row);
  SpProvisionRecord *found = NULL;
  UndoProvision *undo;
  AdwToast *t;

  sp_autosave_flush (self->autosave);
  rebuild (self);
  for (guint i = 0; i < self->plan->provision->len; i++)
    if (((SpProvisionRecord *) g_ptr_array_index (self->plan->provision, i))->id == id)
      found = g_ptr_array_index (self->plan->provision, i);
  if (found == NULL)
    return;

  undo = g_new0 (UndoProvision, 1);
  undo->self = g_object_ref (self);
  undo->plan_id = self->plan->id;
  undo->provision = g_new0 (SpProvisionRecord, 1);
  *undo->provision = *found;
  undo->provision->description = g_strdup (found->description);
  undo->provision->area = g_strdup (found->area);
  undo->provision->role = g_strdup (found->role);
  undo->provision->role_label = g_strdup (found->role_label);
  undo->provision->staff_name = g_strdup (found->staff_name);
  undo->provision->start_date = g_strdup (found->start_date);
  undo->provision->end_date = g_strdup (found->end_date);

  if (!sp_store_delete_row (self->store, "provision", id, &error))
    {
      undo_provision_free (undo);
      toast (self, error->message);
      return;
    }
  t = adw_toast_new (_("Provision removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_provision), undo,
                         (GClosureNotify) (void (*) (void)) undo_provision_free, 0);
  g_set_weak_pointer (&self->undo_toast, t);
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    if (overlay)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
    else
      g_object_unref (g_object_ref_sink (t));
  }
  rebuild (self);
}

static void
set_note_row (GtkWidget                *row,
              const SpAnnotationRecord *note)
{
  g_autofree gchar *date = sp_date_format_long (note->note_date);
  g_autofree gchar *title = NULL;

  if (*note->author && note->target_position > 0)
    title = g_strdup_printf (_("%s · %s · target %u"), date, note->author, note->target_position);
  else if (*note->author)
    title = g_strdup_printf ("%s · %s", date, note->author);
  else
    title = g_strdup (date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
}

static GtkWidget *
note_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
set_entry_row (SpPlanPage  *self,
               AdwEntryRow *row,
               const gchar *text,
               SpField      field,
               gboolean     is_date)
{
  if (is_date)
    {
      g_autofree gchar *user = sp_date_to_user (text);
      sp_autosave_show_text (GTK_EDITABLE (row), user);
      sp_autosave_watch_date (self->autosave, GTK_EDITABLE (row), field, self->plan->id);
    }
  else
    {
      sp_autosave_show_text (GTK_EDITABLE (row), text);
      sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (row), field, self->plan->id);
    }
  gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
}

static void
build (SpPlanPage *self)
{
  SpPlanRecord *plan = self->plan;
  g_autofree gchar *start = sp_date_format_long (plan->start_date);
  g_autofree gchar *title = g_strdup_printf (_("Plan from %s"), start);
  g_autofree gchar *subtitle = NULL;
  g_autoptr(GString) areas = g_string_new (NULL);
  GtkWidget *child;

  self->editable = g_strcmp0 (plan->status, "draft") == 0
                   || g_strcmp0 (plan->status, "active") == 0;

  for (guint i = 0; i < plan->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      const gchar *name = *t->area ? sp_area_name (sp_area_from_key (t->area)) : NULL;
      if (name && strstr (areas->str, name) == NULL)
        g_string_append_printf (areas, "%s%s", areas->len ? ", " : "", name);
    }
  if (*plan->written_by)
    subtitle = g_strdup_printf (_("%s · written by %s%s%s"), sp_plan_status_name (plan->status),
                                plan->written_by, areas->len ? " · " : "", areas->str);
  else
    subtitle = g_strdup_printf ("%s%s%s", sp_plan_status_name (plan->status),
                                areas->len ? " · " : "", areas->str);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  adw_action_row_set_subtitle (self->status_row, sp_plan_status_name (plan->status));
  gtk_widget_set_visible (self->activate_button, g_strcmp0 (plan->status, "draft") == 0);
  gtk_widget_set_visible (self->review_button, g_strcmp0 (plan->status, "active") == 0);
  gtk_widget_set_visible (self->reopen_button, g_strcmp0 (plan->status, "reviewed") == 0
                                               && plan->reviews->len > 0);

  sp_autosave_set_revision (self->autosave, "plans", plan->id, plan->revision);
  set_entry_row (self, self->start_row, plan->start_date, SP_FIELD_PLAN_START_DATE, TRUE);
  set_entry_row (self, self->review_row, plan->review_date, SP_FIELD_PLAN_REVIEW_DATE, TRUE);
  gtk_widget_set_visible (self->suggest_row, self->editable);

  /* The editors already made show this plan's targets; more are made only when it has more. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_box));
  for (guint i = 0; i < plan->targets->len; i++)
    {
      if (child == NULL)
        {
          child = sp_target_editor_new (self->store, self->autosave, phrases (self));
          g_signal_connect_swapped (child, "remove", G_CALLBACK (on_target_remove), self);
          g_signal_connect_swapped (child, "move", G_CALLBACK (on_target_move), self);
          g_signal_connect_swapped (child, "changed-structure",
                                    G_CALLBACK (on_target_structure), self);
          g_signal_connect_swapped (child, "save-to-bank", G_CALLBACK (on_target_save_to_bank),
                                    self);
          gtk_box_append (self->targets_box, child);
        }
      sp_target_editor_set_target (SP_TARGET_EDITOR (child), g_ptr_array_index (plan->targets, i),
                                   i + 1, plan->targets->len, self->editable);
      gtk_widget_set_visible (child, TRUE);
      child = gtk_widget_get_next_sibling (child);
    }
  hide_from (child);
  gtk_widget_set_visible (self->add_target_button, self->editable);
  gtk_widget_set_visible (self->bank_button, self->editable);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->provision_list));
  for (guint i = 0; i < plan->provision->len; i++)
    {
      if (child == NULL)
        {
          child = sp_provision_row_new (self->autosave, phrases (self));
          g_signal_connect_swapped (child, "remove", G_CALLBACK (on_provision_remove), self);
          g_signal_connect_swapped (child, "cost-changed", G_CALLBACK (update_total), self);
          gtk_list_box_append (self->provision_list, child);
        }
      sp_provision_row_set_provision (SP_PROVISION_ROW (child),
                                      g_ptr_array_index (plan->provision, i), self->editable);
      gtk_widget_set_visible (child, TRUE);
      child = gtk_widget_get_next_sibling (child);
    }
  hide_from (child);
  update_total (self);

  sp_autosave_show_buffer_text (gtk_text_view_get_buffer (self->parent_view),
                            plan->parent_contribution);
  gtk_text_view_set_editable (self->parent_view, self->editable);
  sp_autosave_watch_buffer (self->autosave, gtk_text_view_get_buffer (self->parent_view),
                            SP_FIELD_PLAN_PARENT_CONTRIBUTION, plan->id);
  set_entry_row (self, self->likes_row, plan->pupil_likes, SP_FIELD_PLAN_PUPIL_LIKES, FALSE);
  set_entry_row (self, self->hard_row, plan->pupil_finds_hard, SP_FIELD_PLAN_PUPIL_FINDS_HARD,
                 FALSE);
  set_entry_row (self, self->helps_row, plan->pupil_helps, SP_FIELD_PLAN_PUPIL_HELPS, FALSE);
  set_entry_row (self, self->worries_row, plan->pupil_worries, SP_FIELD_PLAN_PUPIL_WORRIES,
                 FALSE);
  set_entry_row (self, self->views_date_row, plan->views_date, SP_FIELD_PLAN_VIEWS_DATE, TRUE);
  set_entry_row (self, self->views_how_row, plan->views_how, SP_FIELD_PLAN_VIEWS_HOW, FALSE);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_list));
  for (guint i = 0; i < plan->annotations->len; i++)
    {
      if (child == NULL)
        {
          gtk_list_box_append (self->notes_list, note_row_new ());
          child = gtk_widget_get_last_child (GTK_WIDGET (self->notes_list));
        }
      set_note_row (child, g_ptr_array_index (plan->annotations, i));
      gtk_widget_set_visible (child, TRUE);
      child = gtk_widget_get_next_sibling (child);
    }
  hide_from (child);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), plan->annotations->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-target", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-provision", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-from-bank", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.agree",
                                 g_strcmp0 (plan->status, "draft") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.review",
                                 g_strcmp0 (plan->status, "active") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.reopen",
                                 g_strcmp0 (plan->status, "reviewed") == 0
                                 && plan->reviews->len > 0);
  update_notice (self);
}

/* Saves what is waiting, rereads the plan and builds the page again, keeping the scroll
 * position. */
static void
rebuild (SpPlanPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self))));
  gdouble scroll = gtk_adjustment_get_value (adj);
  SpPlanRecord *plan;
  gint64 id = self->plan ? self->plan->id : 0;

  flush_provision (self);
  sp_autosave_forget (self->autosave);
  plan = sp_store_load_plan (self->store, id, &error);
  if (plan == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->plan, sp_plan_record_free);
  self->plan = plan;
  build (self);
  gtk_adjustment_set_value (adj, scroll);
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
add_target_action (GtkWidget   *widget,
                   const gchar *action_name,
                   GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);
  g_autoptr(GError) error = NULL;

  sp_autosave_flush (self->autosave);
  if (sp_store_add_target (self->store, self->plan->id, "", "", "", "", &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  rebuild (self);
  /* Straight into the new target's text (the last editor shown; spare ones are hidden). */
  {
    GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->targets_box));

    while (last != NULL && !gtk_widget_get_visible (last))
      last = gtk_widget_get_prev_sibling (last);
    if (last)
      gtk_widget_child_focus (last, GTK_DIR_TAB_FORWARD);
  }
}

/* A target chosen from the bank goes in as a new target, with its strategies; the baseline
 * is the bank's hint of what to record, for the teacher to replace with what they see. */
static void
on_bank_chosen (const SpBankEntry *entry,
                gpointer           user_data)
{
  g_autoptr(SpPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean ok;

  if (entry == NULL || self->plan == NULL || self->store == NULL)
    return;

  sp_autosave_flush (self->autosave);
  if (!sp_store_begin (self->store, &error))
    {
      toast (self, error->message);
      return;
    }
  id = sp_store_add_target (self->store, self->plan->id, sp_area_key (entry->area),
                            entry->target, "", entry->success, &error);
  ok = id > 0;
  for (guint i = 0; ok && entry->strategies[i]; i++)
    ok = sp_store_add_strategy (self->store, id, entry->strategies[i], &error) > 0;
  if (!ok)
    {
      sp_store_rollback (self->store);
      toast (self, error->message);
      return;
    }
  if (!sp_store_commit (self->store, &error))
    {
      toast (self, error->message);
      return;
    }
  rebuild (self);
}

static void
add_from_bank_action (GtkWidget   *widget,
                      const gchar *action_name,
                      GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);
  SpArea hint = SP_AREA_NONE;

  /* Offer the area most of the plan's targets are in. */
  for (guint i = 0; i < self->plan->targets->len && hint == SP_AREA_NONE; i++)
    hint = sp_area_from_key (((SpTargetRecord *) g_ptr_array_index (self->plan->targets, i))->area);
  sp_bank_dialog_choose (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, hint,
                         on_bank_chosen, g_object_ref (self));
}

static void
on_target_save_to_bank (SpPlanPage     *self,
                        SpTargetEditor *editor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strategies = NULL;
  gint64 id = sp_target_editor_get_id (editor);   /* before the editor is given another */
  SpTargetRecord *target;

  sp_autosave_flush (self->autosave);
  rebuild (self);
  target = find_target (self, id);
  if (target == NULL)
    return;
  if (*target->description == '\0')
    {
      toast (self, _("Write the target first, then save it to the bank."));
      return;
    }
  for (guint i = 0; i < target->strategies->len; i++)
    {
      SpStrategyRecord *st = g_ptr_array_index (target->strategies, i);
      if (*st->description)
        g_strv_builder_add (builder, st->description);
    }
  strategies = g_strv_builder_end (builder);
  if (!sp_bank_save_target (self->store, sp_area_from_key (target->area), target->description,
                            target->baseline, target->success_criteria,
                            (const gchar * const *) strategies, &error))
    toast (self, error->message);
  else
    toast (self, _("Saved to the bank: it is there for the next plan, under “Yours”."));
}

static void
add_provision_action (GtkWidget   *widget,
                      const gchar *action_name,
                      GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  SpProvisionSpec spec = {
    .description = _("New provision: say what it is"), .role = "ta", .group_size = 1,
    .sessions_per_week = 3, .minutes = 20, .weeks = 12, .start_date = self->plan->start_date,
  };

  sp_autosave_flush (self->autosave);
  if (sp_store_add_provision (self->store, self->plan->id, &spec, &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  rebuild (self);
}

static void
add_note (SpPlanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *date = sp_date_to_iso (today);
  g_autofree gchar *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_autofree gchar *clean = NULL;

  if (*text == '\0')
    return;
  if ((clean = sp_text_clean (text, &error)) == NULL
      || sp_store_add_annotation (self->store, self->plan->id, 0, date, 0, clean, &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  sp_autosave_flush (self->autosave);
  rebuild (self);
}

static void
add_note_action (GtkWidget   *widget,
                 const gchar *action_name,
                 GVariant    *parameter)
{
  add_note (SP_PLAN_PAGE (widget));
}

static void
on_note_activate (SpPlanPage *self)
{
  add_note (self);
}

static void
on_agreed (GObject      *owner,
           gint64        new_revision,
           gint64        cost,
           const GError *error,
           gpointer      user_data)
{
  SpPlanPage *self = SP_PLAN_PAGE (owner);

  g_clear_pointer (&self->agree_problem, g_free);
  if (error != NULL)
    /* The store's sentence ends with a full stop. */
    self->agree_problem = g_strdup_printf (_("The plan could not be agreed: %s It is still a "
                                             "draft; choose Agree Plan again once that is put "
                                             "right."), error->message);
}

/* Agreeing is a one-off action, not typing: it waits for its save, and if that fails the
 * plan stays a draft, on screen as in the database, and the page says why. It is not kept
 * to be tried again behind the teacher's back. */
static void
agree_action (GtkWidget   *widget,
              const gchar *action_name,
              GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);

  if (self->plan->targets->len < 3)
    {
      toast (self, _("Add at least three targets before the plan is agreed."));
      return;
    }
  flush_provision (self);
  sp_autosave_flush (self->autosave);
  g_clear_pointer (&self->agree_problem, g_free);
  sp_autosave_save_once (self->autosave, SP_FIELD_PLAN_STATUS, self->plan->id, "active",
                         G_OBJECT (self), on_agreed, NULL);
  sp_autosave_flush (self->autosave);
  rebuild (self);
}

static void
review_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);

  sp_autosave_flush (self->autosave);
  g_signal_emit (self, signals[REVIEW], 0, self->plan->id);
}

static void
on_reopen_response (AdwMessageDialog *dialog,
                    const gchar      *response,
                    SpPlanPage       *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  SpReviewRecord *latest;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reopen") || self->plan == NULL || self->plan->reviews->len == 0)
    return;
  latest = g_ptr_array_index (self->plan->reviews, self->plan->reviews->len - 1);
  if (!sp_store_reopen_review (self->store, latest->id, gtk_editable_get_text (entry), &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("The review is open again. The reason is kept with the record."));
  rebuild (self);
}

/* Reopening a completed review is deliberate: it asks why, and the answer is kept. */
static void
reopen_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpPlanPage *self = SP_PLAN_PAGE (widget);
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Reopen the Review?"),
                                   _("The plan can then be changed and reviewed again. Say why, "
                                     "for the record: for example, an outcome was entered for "
                                     "the wrong target."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for reopening"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for reopening"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reopen_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_review_date (SpPlanPage *self,
                 GDate      *date)
{
  g_autofree gchar *iso = sp_date_to_iso (date);
  g_autofree gchar *user = sp_date_to_user (iso);

  /* Typed into the field, so it is saved (and checked) like any other change. */
  gtk_editable_set_text (GTK_EDITABLE (self->review_row), user);
}

static GDate *
start_date (SpPlanPage *self)
{
  g_autofree gchar *iso = sp_date_from_user (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  return iso ? sp_date_parse_iso (iso) : NULL;
}

static void
on_end_of_term_clicked (SpPlanPage *self)
{
  g_autoptr(GDate) start = start_date (self);
  g_autoptr(GDate) end = start ? sp_date_end_of_term (start) : NULL;

  if (end)
    set_review_date (self, end);
}

static void
on_twelve_weeks_clicked (SpPlanPage *self)
{
  g_autoptr(GDate) start = start_date (self);

  if (start)
    {
      g_date_add_days (start, 84);
      set_review_date (self, start);
    }
}

/* A value refused for good (a date that is not one, a name left empty): said once. A save
 * that failed for a reason that can pass is kept and retried, and the window says so. */
static void
on_failed (SpPlanPage  *self,
           const gchar *message)
{
  toast (self, message);
}

static void
rebuild_after_choice (gpointer page)
{
  rebuild (SP_PLAN_PAGE (page));
}

/* Someone else changed the same text first: show both, and let the teacher choose. */
static void
on_stale (SpPlanPage  *self,
          gint         field,
          gint64       id,
          const gchar *theirs,
          const gchar *mine)
{
  sp_autosave_ask_changed_elsewhere (self->autosave, GTK_WIDGET (self),
                                     _("This was changed somewhere else while you were "
                                       "typing."),
                                     (SpField) field, id, theirs, mine, rebuild_after_choice);
}

/* ---- the type ---------------------------------------------------------------------------- */

static void
sp_plan_page_dispose (GObject *object)
{
  SpPlanPage *self = SP_PLAN_PAGE (object);

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
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->plan, sp_plan_record_free);
  g_clear_pointer (&self->phrases, g_strfreev);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->agree_problem, g_free);
  g_clear_pointer (&self->total, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_PLAN_PAGE);
  G_OBJECT_CLASS (sp_plan_page_parent_class)->dispose (object);
}

static void
sp_plan_page_class_init (SpPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_plan_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-plan-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SpPlanPage, name)
  CHILD (title_label);
  CHILD (subtitle_label);
  CHILD (notice_label);
  CHILD (start_row);
  CHILD (review_row);
  CHILD (status_row);
  CHILD (activate_button);
  CHILD (review_button);
  CHILD (reopen_button);
  CHILD (suggest_row);
  CHILD (end_of_term_button);
  CHILD (twelve_weeks_button);
  CHILD (bank_button);
  CHILD (add_target_button);
  CHILD (targets_box);
  CHILD (provision_list);
  CHILD (total_label);
  CHILD (parent_view);
  CHILD (likes_row);
  CHILD (hard_row);
  CHILD (helps_row);
  CHILD (worries_row);
  CHILD (views_date_row);
  CHILD (views_how_row);
  CHILD (notes_list);
  CHILD (note_entry);
  CHILD (views_group);
  CHILD (family_group);
  CHILD (notes_group);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_end_of_term_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_twelve_weeks_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate);

  gtk_widget_class_install_action (widget_class, "plan.add-target", NULL, add_target_action);
  gtk_widget_class_install_action (widget_class, "plan.add-provision", NULL,
                                   add_provision_action);
  gtk_widget_class_install_action (widget_class, "plan.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "plan.agree", NULL, agree_action);
  gtk_widget_class_install_action (widget_class, "plan.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "plan.add-from-bank", NULL,
                                   add_from_bank_action);
  gtk_widget_class_install_action (widget_class, "plan.reopen", NULL, reopen_action);

  /**
   * SpPlanPage::review:
   * @plan_id: the plan to review
   *
   * The teacher asked to review the plan.
   */
  signals[REVIEW] = g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SP_TYPE_TARGET_EDITOR);
  g_type_ensure (SP_TYPE_PROVISION_ROW);
}

static void
sp_plan_page_init (SpPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
sp_plan_page_show (SpPlanPage *self,
                   SpStore    *store,
                   SpSaver    *saver,
                   gint64      plan_id)
{
  g_autoptr(GError) error = NULL;
  SpPlanRecord *plan;

  g_return_if_fail (SP_IS_PLAN_PAGE (self));

  if (self->autosave)
    {
      flush_provision (self);
      sp_autosave_flush (self->autosave);
    }
  plan = sp_store_load_plan (store, plan_id, &error);
  if (plan == NULL)
    {
      toast (self, error->message);
      return;
    }

  if (self->autosave != NULL && (store != self->store || saver != self->saver))
    {
      /* Another database: the widgets made for the last one save through its autosave. */
      sp_autosave_forget (self->autosave);
      remove_from (GTK_WIDGET (self->targets_box),
                   gtk_widget_get_first_child (GTK_WIDGET (self->targets_box)));
      remove_from (GTK_WIDGET (self->provision_list),
                   gtk_widget_get_first_child (GTK_WIDGET (self->provision_list)));
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      g_clear_object (&self->autosave);
    }
  /* Why Agree Plan failed is said for the plan it failed on. */
  if (self->plan == NULL || self->plan->id != plan_id || store != self->store)
    g_clear_pointer (&self->agree_problem, g_free);
  g_set_object (&self->store, store);
  g_set_object (&self->saver, saver);
  if (self->autosave == NULL)
    {
      self->autosave = sp_autosave_new (store, saver);
      g_signal_connect_swapped (self->autosave, "failed", G_CALLBACK (on_failed), self);
      g_signal_connect_swapped (self->autosave, "stale", G_CALLBACK (on_stale), self);
    }
  else
    sp_autosave_forget (self->autosave);

  g_clear_pointer (&self->plan, sp_plan_record_free);
  self->plan = plan;
  build (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)))), 0);
}

void
sp_plan_page_flush (SpPlanPage *self)
{
  g_return_if_fail (SP_IS_PLAN_PAGE (self));
  /* The provision rows wait a moment before saving, as the autosave does: what was typed
   * there goes too (before printing, say). */
  flush_provision (self);
  if (self->autosave)
    sp_autosave_flush (self->autosave);
}

gint64
sp_plan_page_get_plan_id (SpPlanPage *self)
{
  return self->plan ? self->plan->id : 0;
}

gint64
sp_plan_page_get_pupil_id (SpPlanPage *self)
{
  return self->plan ? self->plan->pupil_id : 0;
}

const gchar *
sp_plan_page_get_notice (SpPlanPage *self)
{
  return self->notice;
}

const gchar *
sp_plan_page_get_total (SpPlanPage *self)
{
  return self->total;
}

/* What the Undo button of the last "removed" toast does; FALSE when no such toast shows. */
gboolean
sp_plan_page_undo_last (SpPlanPage *self)
{
  g_return_val_if_fail (SP_IS_PLAN_PAGE (self), FALSE);

  if (self->undo_toast == NULL)
    return FALSE;
  g_signal_emit_by_name (self->undo_toast, "button-clicked");
  adw_toast_dismiss (self->undo_toast);
  return TRUE;
}
