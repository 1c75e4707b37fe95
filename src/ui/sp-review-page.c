/* sp-review-page.c: reviewing a plan. Prefilled with the plan's targets: for each, the
 * outcome, the evidence and optional before and after measures; then who took part, the
 * views, and the decision. Completing it is one transaction (sp_store_complete_review): the
 * plan becomes read-only and, when support continues, the next plan is made as a draft with
 * the targets not yet achieved carried forward.
 *
 * Until then the form is a draft, saved as it is typed (sp-store-review.h, schema version 5):
 * the texts through the same SpAutosave as the plan page (debounced, written on the saver's
 * thread, kept and tried again when a save fails), the choices (outcome, carry forward, the
 * parents' part, the decision) at once through sp_autosave_save_now(). Starting the page for a
 * plan fills it from its draft, if it has one, without saving anything or making undo history
 * (sp_autosave_show_text() and the `filling` flag). Completing the review deletes the draft in
 * the same transaction. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-autosave.h"
#include "sp-dates.h"
#include "sp-review-page.h"
#include "sp-store-edit.h"
#include "sp-store-review.h"

static const gchar *const outcome_keys[] = { "achieved", "partly", "not_achieved" };
static const gchar *const meeting_methods[] = { "in_person", "phone", "video", NULL };
/* The same four choices as the draft keeps them. */
static const gchar *const draft_methods[] = { "in_person", "phone", "video", "none" };
static const SpDecision decisions[] = {
  SP_DECISION_NEW_PLAN, SP_DECISION_CONTINUE, SP_DECISION_SPECIALIST, SP_DECISION_TOP_UP,
  SP_DECISION_EHC_REQUEST, SP_DECISION_CEASE,
};

typedef struct
{
  gint64       target_id;
  GtkDropDown *outcome;
  GtkEntry    *evidence;
  GtkEntry    *before;
  GtkEntry    *after;
  GtkEntry    *unit;
  GtkSwitch   *carry;
} OutcomeWidgets;

struct _SpReviewPage
{
  AdwBin        parent_instance;

  SpStore      *store;
  SpSaver      *saver;
  SpAutosave   *autosave;
  gboolean      filling;       /* the form is being filled from the database: no saving */
  SpPlanRecord *plan;
  GArray       *outcomes;      /* OutcomeWidgets */
  gchar        *problem;

  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  AdwEntryRow  *date_row;
  AdwEntryRow  *attendees_row;
  AdwComboRow  *parents_row;
  GtkBox       *outcomes_box;
  AdwEntryRow  *parent_views_row;
  AdwEntryRow  *pupil_views_row;
  AdwComboRow  *decision_row;
  AdwEntryRow  *next_steps_row;
  GtkLabel     *warning_label;
};

G_DEFINE_FINAL_TYPE (SpReviewPage, sp_review_page, ADW_TYPE_BIN)

enum { COMPLETED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_problem (SpReviewPage *self,
             const gchar  *problem)
{
  GtkWidget *overlay;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (problem == NULL)
    return;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (problem));
}

static void
on_outcome_selected (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     GtkSwitch   *carry)
{
  /* Targets not achieved are carried forward unless the teacher says otherwise. */
  gboolean achieved = gtk_drop_down_get_selected (dropdown) == 0;

  gtk_switch_set_active (carry, !achieved);
  gtk_widget_set_sensitive (GTK_WIDGET (carry), !achieved);
}

static void
toast (SpReviewPage *self,
       const gchar  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* A choice made (not typed): saved to the draft at once, unless the form is being filled. */
static void
save_choice (SpReviewPage *self,
             SpField       field,
             gint64        id,
             const gchar  *value)
{
  if (self->filling || self->autosave == NULL || self->plan == NULL)
    return;
  sp_autosave_save_now (self->autosave, field, id, value);
}

static OutcomeWidgets *
find_outcome (SpReviewPage *self,
              GtkWidget    *widget)
{
  for (guint i = 0; i < self->outcomes->len; i++)
    {
      OutcomeWidgets *w = &g_array_index (self->outcomes, OutcomeWidgets, i);

      if (GTK_WIDGET (w->outcome) == widget || GTK_WIDGET (w->carry) == widget)
        return w;
    }
  return NULL;
}

static void
on_outcome_changed (SpReviewPage *self,
                    GParamSpec   *pspec,
                    GtkDropDown  *dropdown)
{
  OutcomeWidgets *w = find_outcome (self, GTK_WIDGET (dropdown));

  if (w != NULL)
    save_choice (self, SP_FIELD_REVIEW_DRAFT_OUTCOME, w->target_id,
                 outcome_keys[MIN (gtk_drop_down_get_selected (dropdown), 2)]);
}

static void
on_carry_changed (SpReviewPage *self,
                  GParamSpec   *pspec,
                  GtkSwitch    *carry)
{
  OutcomeWidgets *w = find_outcome (self, GTK_WIDGET (carry));

  if (w != NULL)
    save_choice (self, SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD, w->target_id,
                 gtk_switch_get_active (carry) ? "1" : "0");
}

static void
on_parents_selected (SpReviewPage *self)
{
  guint i = adw_combo_row_get_selected (self->parents_row);

  if (self->plan != NULL && i < G_N_ELEMENTS (draft_methods))
    save_choice (self, SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD, self->plan->id, draft_methods[i]);
}

static GtkWidget *
labelled (const gchar *label,
          GtkWidget   *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkWidget *
outcome_card (SpReviewPage         *self,
              const SpTargetRecord *target,
              guint                 number)
{
  OutcomeWidgets w = { .target_id = target->id };
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title, *text, *measures, *carry_box, *carry_label;
  g_autofree gchar *heading = g_strdup_printf (_("Target %u"), number);
  const gchar *labels[] = { _("Achieved"), _("Partly achieved"), _("Not yet achieved"), NULL };

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "target-card");

  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (card), title);

  text = gtk_label_new (*target->description ? target->description : _("(no words yet)"));
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (card), text);
  if (*target->success_criteria)
    {
      g_autofree gchar *success = g_strdup_printf (_("How we said we would know: %s"),
                                                   target->success_criteria);
      GtkWidget *s = gtk_label_new (success);
      gtk_label_set_xalign (GTK_LABEL (s), 0);
      gtk_label_set_wrap (GTK_LABEL (s), TRUE);
      gtk_widget_add_css_class (s, "dim-label");
      gtk_box_append (GTK_BOX (card), s);
    }

  w.outcome = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  gtk_drop_down_set_selected (w.outcome, 2);
  gtk_box_append (GTK_BOX (card), labelled (_("_Outcome"), GTK_WIDGET (w.outcome)));

  w.evidence = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w.evidence, _("What shows it: work, observation, a test"));
  gtk_box_append (GTK_BOX (card), labelled (_("_Evidence"), GTK_WIDGET (w.evidence)));

  measures = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  w.before = GTK_ENTRY (gtk_entry_new ());
  w.after = GTK_ENTRY (gtk_entry_new ());
  w.unit = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w.before, _("e.g. 46"));
  gtk_entry_set_placeholder_text (w.after, _("e.g. 78"));
  gtk_entry_set_placeholder_text (w.unit, _("e.g. words read correctly"));
  gtk_widget_set_hexpand (GTK_WIDGET (w.unit), TRUE);
  gtk_box_append (GTK_BOX (measures), labelled (_("_Before"), GTK_WIDGET (w.before)));
  gtk_box_append (GTK_BOX (measures), labelled (_("_After"), GTK_WIDGET (w.after)));
  {
    GtkWidget *unit = labelled (_("_Unit"), GTK_WIDGET (w.unit));
    gtk_widget_set_hexpand (unit, TRUE);
    gtk_box_append (GTK_BOX (measures), unit);
  }
  gtk_box_append (GTK_BOX (card), measures);

  carry_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  carry_label = gtk_label_new (_("Carry forward into the next plan"));
  w.carry = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (w.carry, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (w.carry), GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (w.carry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  carry_label, NULL, -1);
  gtk_box_append (GTK_BOX (carry_box), carry_label);
  gtk_box_append (GTK_BOX (carry_box), GTK_WIDGET (w.carry));
  gtk_box_append (GTK_BOX (card), carry_box);
  g_signal_connect (w.outcome, "notify::selected", G_CALLBACK (on_outcome_selected), w.carry);
  g_signal_connect_object (w.outcome, "notify::selected", G_CALLBACK (on_outcome_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (w.carry, "notify::active", G_CALLBACK (on_carry_changed), self,
                           G_CONNECT_SWAPPED);

  g_array_append_val (self->outcomes, w);
  return card;
}

static void
on_decision_selected (SpReviewPage *self)
{
  guint i = adw_combo_row_get_selected (self->decision_row);
  g_autofree gchar *warning = NULL;

  if (self->store && self->plan && i < G_N_ELEMENTS (decisions))
    {
      gint earlier = sp_store_count_completed_reviews (self->store, self->plan->pupil_id,
                                                       self->plan->id, NULL);
      warning = sp_review_ehc_warning (decisions[i], earlier < 0 ? 0 : (guint) earlier);
    }
  gtk_label_set_text (self->warning_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
  if (self->plan != NULL && i < G_N_ELEMENTS (decisions))
    save_choice (self, SP_FIELD_REVIEW_DRAFT_DECISION, self->plan->id,
                 sp_decision_key (decisions[i]));
}

static void
complete_action (GtkWidget   *widget,
                 const gchar *action_name,
                 GVariant    *parameter)
{
  SpReviewPage *self = SP_REVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree gchar *date = sp_date_from_user (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  g_autofree SpOutcomeInput *outcomes = g_new0 (SpOutcomeInput, self->outcomes->len + 1);
  guint parents = adw_combo_row_get_selected (self->parents_row);
  guint decision = adw_combo_row_get_selected (self->decision_row);
  SpReviewInput input = { 0 };
  gint64 review_id, next_plan = 0;

  if (self->plan == NULL || self->autosave == NULL)
    return;
  /* The draft is on disk before the review is recorded, so no save of it comes after. */
  sp_autosave_flush (self->autosave);

  if (date == NULL || *date == '\0')
    {
      set_problem (self, _("Write the date of the review as day/month/year, for example "
                           "14/03/2026."));
      return;
    }

  for (guint i = 0; i < self->outcomes->len; i++)
    {
      OutcomeWidgets *w = &g_array_index (self->outcomes, OutcomeWidgets, i);
      guint o = gtk_drop_down_get_selected (w->outcome);

      outcomes[i].target_id = w->target_id;
      outcomes[i].outcome = outcome_keys[MIN (o, 2)];
      outcomes[i].evidence = gtk_editable_get_text (GTK_EDITABLE (w->evidence));
      outcomes[i].measure_before = gtk_editable_get_text (GTK_EDITABLE (w->before));
      outcomes[i].measure_after = gtk_editable_get_text (GTK_EDITABLE (w->after));
      outcomes[i].measure_unit = gtk_editable_get_text (GTK_EDITABLE (w->unit));
      outcomes[i].carry_forward = o != 0 && gtk_switch_get_active (w->carry);
    }

  input.review_date = date;
  input.attendees = gtk_editable_get_text (GTK_EDITABLE (self->attendees_row));
  input.parent_views = gtk_editable_get_text (GTK_EDITABLE (self->parent_views_row));
  input.pupil_views = gtk_editable_get_text (GTK_EDITABLE (self->pupil_views_row));
  input.next_steps = gtk_editable_get_text (GTK_EDITABLE (self->next_steps_row));
  input.decision = sp_decision_key (decisions[MIN (decision, G_N_ELEMENTS (decisions) - 1)]);
  input.outcomes = outcomes;
  input.n_outcomes = self->outcomes->len;
  input.parent_meeting_method = meeting_methods[MIN (parents, 3)];

  if (!sp_store_check_review (self->store, self->plan->id, &input, NULL, &error))
    {
      set_problem (self, error->message);
      return;
    }
  review_id = sp_store_complete_review (self->store, self->plan->id, &input, &next_plan, &error);
  if (review_id == 0)
    {
      set_problem (self, error->message);
      return;
    }
  set_problem (self, NULL);
  /* The draft went with the completion: nothing on this page is saved any more. */
  sp_autosave_forget (self->autosave);
  g_signal_emit (self, signals[COMPLETED], 0, review_id, next_plan);
}

static void
clear_outcomes (SpReviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outcomes_box))) != NULL)
    gtk_box_remove (self->outcomes_box, child);
  g_array_set_size (self->outcomes, 0);
}

static void
on_failed (SpReviewPage *self,
           const gchar  *message)
{
  toast (self, message);
}

/* After Changed Elsewhere: the page shows the draft as it is now. */
static void
refill_after_choice (gpointer page)
{
  SpReviewPage *self = SP_REVIEW_PAGE (page);
  g_autoptr(GError) error = NULL;

  if (self->plan != NULL)
    sp_review_page_start (self, self->store, self->saver, self->plan->id, &error);
}

/* A save came back stale: the draft changed in another window or copy of the app since this
 * page last saved. All the answers of a draft share one revision, so it may have been
 * another answer: then this one is as this page filled or last saved it (note_bases), and is
 * sent again, changing nothing else. If this very answer was changed there, or this page
 * cannot tell, the teacher chooses, as on the plan page. */
static void
on_stale (SpReviewPage *self,
          gint          field,
          gint64        id,
          const gchar  *theirs,
          const gchar  *mine)
{
  const gchar *saved = sp_autosave_get_saved (self->autosave, (SpField) field, id);

  if (saved != NULL && g_strcmp0 (theirs != NULL ? theirs : "", saved) == 0)
    {
      sp_autosave_save_now (self->autosave, (SpField) field, id, mine);
      return;
    }
  if (g_strcmp0 (theirs, mine) == 0)
    return;
  sp_autosave_ask_changed_elsewhere (self->autosave, GTK_WIDGET (self),
                                     _("This answer was changed in another window while you "
                                       "were typing."),
                                     (SpField) field, id, theirs, mine, refill_after_choice);
}

static const SpOutcomeDraft *
draft_outcome (const SpReviewDraft *draft,
               gint64               target_id)
{
  for (guint i = 0; draft != NULL && i < draft->outcomes->len; i++)
    {
      const SpOutcomeDraft *o = g_ptr_array_index (draft->outcomes, i);

      if (o->target_id == target_id)
        return o;
    }
  return NULL;
}

/* The value kept for @field of @id after a save that failed, else @saved. */
static const gchar *
kept_or (SpReviewPage *self,
         SpField       field,
         gint64        id,
         const gchar  *saved)
{
  const gchar *kept = sp_autosave_get_kept (self->autosave, field, id);

  return kept != NULL ? kept : saved;
}

/* Fills the form from @draft (NULL: as a new review) and from what is kept unsaved, then
 * watches it. */
static void
fill (SpReviewPage        *self,
      const SpReviewDraft *draft,
      const gchar         *today_user)
{
  gint64 plan_id = self->plan->id;
  g_autofree gchar *date = NULL;
  const gchar *method, *decision_key;
  guint parents = 0, decision = 0;

  self->filling = TRUE;
  date = draft && draft->review_date ? sp_date_to_user (draft->review_date)
                                     : g_strdup (today_user);
  sp_autosave_show_text (GTK_EDITABLE (self->date_row), date);
#define SHOW(row, member) \
  sp_autosave_show_text (GTK_EDITABLE (self->row), draft && draft->member ? draft->member : "")
  SHOW (attendees_row, attendees);
  SHOW (parent_views_row, parent_views);
  SHOW (pupil_views_row, pupil_views);
  SHOW (next_steps_row, next_steps);
#undef SHOW
  /* A choice that could not be saved yet (a full disk) is kept and shows, not the draft's
   * older one: completing the review records what the page shows. */
  method = kept_or (self, SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD, plan_id,
                    draft ? draft->parents_method : NULL);
  decision_key = kept_or (self, SP_FIELD_REVIEW_DRAFT_DECISION, plan_id,
                          draft ? draft->decision : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (draft_methods); i++)
    if (g_strcmp0 (method, draft_methods[i]) == 0)
      parents = i;
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (g_strcmp0 (decision_key, sp_decision_key (decisions[i])) == 0)
      decision = i;
  adw_combo_row_set_selected (self->parents_row, parents);
  adw_combo_row_set_selected (self->decision_row, decision);

  clear_outcomes (self);
  for (guint i = 0; i < self->plan->targets->len; i++)
    {
      const SpTargetRecord *t = g_ptr_array_index (self->plan->targets, i);
      const SpOutcomeDraft *o = draft_outcome (draft, t->id);
      const gchar *outcome = kept_or (self, SP_FIELD_REVIEW_DRAFT_OUTCOME, t->id,
                                      o ? o->outcome : NULL);
      const gchar *carry = sp_autosave_get_kept (self->autosave,
                                                 SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD, t->id);
      OutcomeWidgets *w;

      gtk_box_append (self->outcomes_box, outcome_card (self, t, i + 1));
      w = &g_array_index (self->outcomes, OutcomeWidgets, self->outcomes->len - 1);
      for (guint k = 0; k < G_N_ELEMENTS (outcome_keys); k++)
        if (g_strcmp0 (outcome, outcome_keys[k]) == 0)
          gtk_drop_down_set_selected (w->outcome, k);
      /* After the outcome, which sets it for what the outcome usually means. */
      if (carry != NULL)
        gtk_switch_set_active (w->carry, g_strcmp0 (carry, "1") == 0);
      else if (o != NULL && o->carry_forward >= 0)
        gtk_switch_set_active (w->carry, o->carry_forward != 0);
      if (o == NULL)
        continue;
      sp_autosave_show_text (GTK_EDITABLE (w->evidence), o->evidence ? o->evidence : "");
      sp_autosave_show_text (GTK_EDITABLE (w->before), o->measure_before ? o->measure_before : "");
      sp_autosave_show_text (GTK_EDITABLE (w->after), o->measure_after ? o->measure_after : "");
      sp_autosave_show_text (GTK_EDITABLE (w->unit), o->measure_unit ? o->measure_unit : "");
      sp_autosave_set_revision (self->autosave, "review_draft_outcomes", t->id, o->revision);
    }
  on_decision_selected (self);
  self->filling = FALSE;

  /* Watched once filled, so filling saves nothing. */
  if (draft != NULL)
    sp_autosave_set_revision (self->autosave, "review_drafts", plan_id, draft->revision);
  sp_autosave_watch_date (self->autosave, GTK_EDITABLE (self->date_row),
                          SP_FIELD_REVIEW_DRAFT_DATE, plan_id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->attendees_row),
                              SP_FIELD_REVIEW_DRAFT_ATTENDEES, plan_id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->parent_views_row),
                              SP_FIELD_REVIEW_DRAFT_PARENT_VIEWS, plan_id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->pupil_views_row),
                              SP_FIELD_REVIEW_DRAFT_PUPIL_VIEWS, plan_id);
  sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (self->next_steps_row),
                              SP_FIELD_REVIEW_DRAFT_NEXT_STEPS, plan_id);
  for (guint i = 0; i < self->outcomes->len; i++)
    {
      OutcomeWidgets *w = &g_array_index (self->outcomes, OutcomeWidgets, i);

      sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (w->evidence),
                                  SP_FIELD_REVIEW_DRAFT_EVIDENCE, w->target_id);
      sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (w->before),
                                  SP_FIELD_REVIEW_DRAFT_MEASURE_BEFORE, w->target_id);
      sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (w->after),
                                  SP_FIELD_REVIEW_DRAFT_MEASURE_AFTER, w->target_id);
      sp_autosave_watch_editable (self->autosave, GTK_EDITABLE (w->unit),
                                  SP_FIELD_REVIEW_DRAFT_MEASURE_UNIT, w->target_id);
    }
}

/* Fills the page for a review of @plan_id, which must be active: from the review's draft when
 * one was saved, else as a new review. What is typed is saved through @saver. */
/* What the draft holds now, answer by answer, as the store reads it: on_stale tells another
 * window's change to this very answer (asked about) from one to another answer (sent again). */
static void
note_bases (SpReviewPage *self)
{
  static const SpField plan_fields[] = {
    SP_FIELD_REVIEW_DRAFT_DATE, SP_FIELD_REVIEW_DRAFT_ATTENDEES,
    SP_FIELD_REVIEW_DRAFT_PARENTS_METHOD, SP_FIELD_REVIEW_DRAFT_PARENT_VIEWS,
    SP_FIELD_REVIEW_DRAFT_PUPIL_VIEWS, SP_FIELD_REVIEW_DRAFT_DECISION,
    SP_FIELD_REVIEW_DRAFT_NEXT_STEPS,
  };
  static const SpField target_fields[] = {
    SP_FIELD_REVIEW_DRAFT_OUTCOME, SP_FIELD_REVIEW_DRAFT_EVIDENCE,
    SP_FIELD_REVIEW_DRAFT_MEASURE_BEFORE, SP_FIELD_REVIEW_DRAFT_MEASURE_AFTER,
    SP_FIELD_REVIEW_DRAFT_MEASURE_UNIT, SP_FIELD_REVIEW_DRAFT_CARRY_FORWARD,
  };

  for (guint i = 0; i < G_N_ELEMENTS (plan_fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree gchar *text = sp_store_read_text (self->store, plan_fields[i], self->plan->id,
                                                   NULL, &error);
      if (error == NULL)
        sp_autosave_note_base (self->autosave, plan_fields[i], self->plan->id, text);
    }
  for (guint k = 0; k < self->outcomes->len; k++)
    {
      gint64 target = g_array_index (self->outcomes, OutcomeWidgets, k).target_id;

      for (guint i = 0; i < G_N_ELEMENTS (target_fields); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree gchar *text = sp_store_read_text (self->store, target_fields[i], target,
                                                       NULL, &error);
          if (error == NULL)
            sp_autosave_note_base (self->autosave, target_fields[i], target, text);
        }
    }
}

gboolean
sp_review_page_start (SpReviewPage  *self,
                      SpStore       *store,
                      SpSaver       *saver,
                      gint64         plan_id,
                      GError       **error)
{
  g_autoptr(SpReviewDraft) draft = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *today_iso = sp_date_to_iso (today);
  g_autofree gchar *today_user = sp_date_to_user (today_iso);
  g_autofree gchar *start = NULL;
  g_autofree gchar *title = NULL;
  g_autofree gchar *subtitle = NULL;
  SpPlanRecord *plan;

  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (SP_IS_SAVER (saver), FALSE);

  /* What was typed in the review shown before is on disk before this one is read. */
  if (self->autosave != NULL)
    sp_autosave_flush (self->autosave);
  if ((plan = sp_store_load_plan (store, plan_id, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (plan->status, "active") != 0)
    {
      sp_plan_record_free (plan);
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Only a plan that is agreed and in use can be reviewed."));
      return FALSE;
    }

  if (!sp_store_begin_review_draft (store, plan_id, error)
      || !sp_store_load_review_draft (store, plan_id, &draft, error))
    {
      sp_plan_record_free (plan);
      return FALSE;
    }

  if (self->autosave != NULL && (store != self->store || saver != self->saver))
    {
      /* Another database: what the widgets were watched for saves through its autosave. */
      sp_autosave_forget (self->autosave);
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      g_clear_object (&self->autosave);
    }
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
  g_clear_pointer (&self->problem, g_free);

  start = sp_date_format_long (plan->start_date);
  title = g_strdup_printf (_("Review of the Plan from %s"), start);
  {
    g_autofree gchar *due = sp_date_format_long (plan->review_date);
    subtitle = g_strdup_printf (_("Review due %s"), due);
  }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  fill (self, draft, today_user);
  note_bases (self);
  return TRUE;
}

/* Whatever was typed and waits for its moment is saved now (before leaving or closing). */
void
sp_review_page_flush (SpReviewPage *self)
{
  g_return_if_fail (SP_IS_REVIEW_PAGE (self));
  if (self->autosave != NULL)
    sp_autosave_flush (self->autosave);
}

gint64
sp_review_page_get_plan_id (SpReviewPage *self)
{
  return self->plan ? self->plan->id : 0;
}

const gchar *
sp_review_page_get_problem (SpReviewPage *self)
{
  return self->problem;
}

/* For tests and scripted use: fill one target's outcome as a teacher would (so it is saved to
 * the draft as typing is). */
void
sp_review_page_set_outcome (SpReviewPage *self,
                            guint         index,
                            const gchar  *outcome,
                            const gchar  *evidence,
                            const gchar  *before,
                            const gchar  *after,
                            const gchar  *unit)
{
  OutcomeWidgets *w;

  g_return_if_fail (index < self->outcomes->len);
  w = &g_array_index (self->outcomes, OutcomeWidgets, index);
  for (guint i = 0; i < G_N_ELEMENTS (outcome_keys); i++)
    if (g_strcmp0 (outcome_keys[i], outcome) == 0)
      gtk_drop_down_set_selected (w->outcome, i);
  gtk_editable_set_text (GTK_EDITABLE (w->evidence), evidence ? evidence : "");
  gtk_editable_set_text (GTK_EDITABLE (w->before), before ? before : "");
  gtk_editable_set_text (GTK_EDITABLE (w->after), after ? after : "");
  gtk_editable_set_text (GTK_EDITABLE (w->unit), unit ? unit : "");
}

static void
sp_review_page_dispose (GObject *object)
{
  SpReviewPage *self = SP_REVIEW_PAGE (object);

  if (self->autosave != NULL)
    {
      /* The flush hears how the last saves went: not something to show on a page that is
       * going away. */
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      sp_autosave_flush (self->autosave);
    }
  g_clear_object (&self->autosave);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, sp_plan_record_free);
  g_clear_pointer (&self->outcomes, g_array_unref);
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (sp_review_page_parent_class)->dispose (object);
}

static void
sp_review_page_class_init (SpReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_review_page_dispose;

  signals[COMPLETED] = g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64,
                                     G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-review-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SpReviewPage, name)
  CHILD (title_label);
  CHILD (subtitle_label);
  CHILD (date_row);
  CHILD (attendees_row);
  CHILD (parents_row);
  CHILD (outcomes_box);
  CHILD (parent_views_row);
  CHILD (pupil_views_row);
  CHILD (decision_row);
  CHILD (next_steps_row);
  CHILD (warning_label);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "review.complete", NULL, complete_action);
}

static void
sp_review_page_init (SpReviewPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->outcomes = g_array_new (FALSE, TRUE, sizeof (OutcomeWidgets));

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    gtk_string_list_append (labels, sp_decision_label (decisions[i]));
  adw_combo_row_set_model (self->decision_row, G_LIST_MODEL (labels));
  g_signal_connect_swapped (self->decision_row, "notify::selected",
                            G_CALLBACK (on_decision_selected), self);
  g_signal_connect_swapped (self->parents_row, "notify::selected",
                            G_CALLBACK (on_parents_selected), self);
}
