/* sp-window.c: the main window: the searchable pupil list beside the chosen pupil. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-demo.h"
#include "sp-dates.h"
#include "sp-import-dialog.h"
#include "sp-plan-page.h"
#include "sp-preferences-window.h"
#include "sp-print.h"
#include "sp-pupil-dialog.h"
#include "sp-pupil-page.h"
#include "sp-pupil-row.h"
#include "sp-review-page.h"
#include "sp-reviews-page.h"
#include "sp-school-page.h"
#include "sp-match-list.h"
#include "sp-slot-model.h"
#include "sp-store-review.h"
#include "sp-saver.h"
#include "sp-save-banner.h"
#include "sp-store-edit.h"
#include "sp-pupil.h"
#include "sp-store.h"
#include "sp-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  SpStore              *store;
  GListModel           *first_pupils;   /* read before the window was made, or NULL */
  SpSaver              *saver;
  gchar                *problem;
  GSettings            *settings;
  guint                 reload_id;
  gboolean              reloading;
  SpMatchList          *matches;        /* the pupils the search finds */
  GPtrArray            *bound_rows;     /* the GtkListItems showing a pupil now */
  gint64                selected_id;    /* the pupil chosen in the list, or 0 */

  /* the content pages, NULL until first shown (ensure_page) */
  SpPupilPage          *pupil_page;
  SpPlanPage           *plan_page;
  SpReviewPage         *review_page;
  SpReviewsPage        *reviews_page;
  SpSchoolPage         *school_page;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  SpSaveBanner         *save_banner;
  SpSaveBanner         *sidebar_save_banner;
  GtkStack             *main_stack;
  AdwStatusPage        *problem_page;
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkWidget            *sidebar;
  GtkGridView          *pupil_list;
  SpSlotModel          *slots;
  GtkSingleSelection   *selection;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  GtkWidget            *reviews_button;
  GtkWidget            *print_button;
  GtkMenuButton        *welcome_menu_button;
  GtkMenuButton        *sidebar_menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *print_menu;
  GtkFileChooserNative *chooser;
  AdwButtonContent     *reviews_button_content;
  GtkWidget            *back_button;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PUPILS,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  KEEP_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_titles (SpWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint total = sp_match_list_get_n_all (self->matches);
  g_autofree gchar *subtitle = NULL;

  if (shown == total)
    subtitle = g_strdup_printf (ngettext ("%u pupil", "%u pupils", total), total);
  else
    subtitle = g_strdup_printf (ngettext ("%u of %u pupil", "%u of %u pupils", total), shown,
                                total);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

/* The pupil shown at a position of the list, or NULL. */
static SpPupil *
pupil_at (SpWindow *self,
          guint     position)
{
  SpPupil *pupil = sp_match_list_peek (self->matches, position);

  return pupil ? g_object_ref (pupil) : NULL;
}

/* Marks the chosen pupil's row as selected, if the search shows it, without opening it again. */
static void
select_pupil_row (SpWindow *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  gboolean reloading = self->reloading;
  SpPupil *p;

  for (guint i = 0; self->selected_id != 0 && (p = sp_match_list_peek (self->matches, i)); i++)
    {
      if (sp_pupil_get_id (p) == self->selected_id)
        {
          position = i;
          break;
        }
    }
  self->reloading = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->reloading = reloading;
}

/* The count of overdue reviews, always in sight in the sidebar's header. */
static void
update_overdue (SpWindow *self)
{
  g_autoptr(GDate) today = sp_date_today ();
  gint overdue = self->store ? sp_store_count_overdue_reviews (self->store, today, NULL) : 0;
  g_autofree gchar *label = NULL;
  g_autofree gchar *tooltip = NULL;

  if (overdue > 0)
    {
      label = g_strdup_printf ("%d", overdue);
      tooltip = g_strdup_printf (ngettext ("Reviews Due: %d overdue",
                                           "Reviews Due: %d overdue", overdue), overdue);
      gtk_widget_add_css_class (self->reviews_button, "overdue");
    }
  else
    {
      label = g_strdup ("");
      tooltip = g_strdup (_("Reviews Due: none overdue"));
      gtk_widget_remove_css_class (self->reviews_button, "overdue");
    }
  adw_button_content_set_label (self->reviews_button_content, label);
  gtk_widget_set_tooltip_text (self->reviews_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reviews_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
reload (SpWindow *self)
{
  g_autoptr(GListModel) pupils = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      adw_status_page_set_description (self->problem_page, self->problem);
      gtk_stack_set_visible_child_name (self->main_stack, "problem");
      return;
    }

  pupils = self->first_pupils ? g_steal_pointer (&self->first_pupils)
                              : sp_store_list_pupils (self->store, &error);
  if (pupils == NULL)
    {
      adw_status_page_set_description (self->problem_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "problem");
      return;
    }

  /* The chosen pupil stays chosen (on_matches_changed selects their row again): a reload must
   * not take the teacher off their page. */
  sp_match_list_set_pupils (self->matches, pupils);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    g_list_model_get_n_items (pupils) ? "school" : "empty");
  update_titles (self);
  update_overdue (self);
}

static gboolean
reload_idle (gpointer user_data)
{
  SpWindow *self = SP_WINDOW (user_data);

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Many writes can come at once (a demo school, an import): reload the list once, when idle. */
static void
on_store_changed (SpWindow    *self,
                  const gchar *table,
                  gint64       id,
                  SpStore     *store)
{
  /* The list shows names, class, need and next review: other tables do not change it. */
  if (!g_str_equal (table, "pupils") && !g_str_equal (table, "pupil_needs")
      && !g_str_equal (table, "plans"))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle, self, NULL);
}

/* Finding is SpMatchList's: typing more of a query looks again only at the pupils found. */
static void
on_search_changed (SpWindow       *self,
                   GtkSearchEntry *entry)
{
  const gchar *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* GtkSearchEntry says "changed" again after its delay when the text was set directly (and
   * at once when it is emptied): the same words need no second look at 2,000 pupils. */
  if (g_strcmp0 (text, sp_match_list_get_query (self->matches)) == 0)
    return;
  sp_match_list_set_query (self->matches, text);
  update_titles (self);
  /* The best matches are at the top: show them, wherever the list was scrolled to. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pupil_list)),
                            0);
}

/* The list's rows: a name and a summary line.
 *
 * Searching must feel instant with 2,000 pupils, and what a keystroke costs is almost all row
 * widgets being made: GTK 4.8's list views keep a widget for every item near the visible ones
 * (200 in a GtkListView, 30 rows in a GtkGridView) and, when a filter changes which pupils
 * are shown, they throw away the rows of the pupils that went and build new ones for those
 * that came. So:
 *  - the list is a one-column GtkGridView (keyboard and selection as a list's; to screen
 *    readers a grid of one column, as GTK 4.8 gives its items the grid cell role whatever the
 *    view's role), which keeps 30 rows of widgets rather than 200;
 *  - its items are not the pupils but numbered places (SpSlotModel): row N shows the Nth
 *    matching pupil. A search changes which pupil each place shows, and only the number of
 *    places; rows already built are given their new pupil (below, in on_matches_changed)
 *    instead of being thrown away and built again.
 * Measured with bench/sp-bench-ui on 2,000 pupils: see README, Speed.
 *
 * Each row is one SpPupilRow (two lines drawn by one widget): see sp-pupil-row.c. */
static void
setup_pupil_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (item, sp_pupil_row_new ());
}

/* Shows in a row the pupil now at its place in the list. */
static void
show_row_pupil (SpWindow    *self,
                GtkListItem *item)
{
  SpPupil *pupil = sp_match_list_peek (self->matches, gtk_list_item_get_position (item));

  if (pupil == NULL)   /* a place about to go: the list is shorter now */
    return;
  sp_pupil_row_set_texts (SP_PUPIL_ROW (gtk_list_item_get_child (item)),
                          sp_pupil_peek_display_name (pupil), sp_pupil_peek_summary (pupil));
}

static void
bind_pupil_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                SpWindow                 *self)
{
  g_ptr_array_add (self->bound_rows, item);
  show_row_pupil (self, item);
}

static void
unbind_pupil_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  SpWindow                 *self)
{
  g_ptr_array_remove_fast (self->bound_rows, item);
}

/* The matching pupils changed (a search, or the list read again): the rows that exist show
 * their place's new pupil, the number of places follows the number of pupils, and the chosen
 * pupil's row is selected again if it is still shown. */
static void
on_matches_changed (SpWindow   *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *matches)
{
  guint n = g_list_model_get_n_items (matches);
  gboolean reloading = self->reloading;

  self->reloading = TRUE;
  for (guint i = 0; i < self->bound_rows->len; i++)
    show_row_pupil (self, g_ptr_array_index (self->bound_rows, i));
  sp_slot_model_set_n_items (self->slots, n);
  /* A search that finds nobody says so, rather than leaving an empty list. */
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "none");
  select_pupil_row (self);
  self->reloading = reloading;
}

/* ---- the content pages, made when first shown --------------------------------------- */

static void on_plan_activated      (SpWindow *self, gint64 plan_id, GtkWidget *page);
static void on_review_requested    (SpWindow *self, gint64 plan_id, SpPlanPage *page);
static void on_review_completed    (SpWindow *self, gint64 review_id, gint64 next_plan_id,
                                    SpReviewPage *page);
static void on_due_pupil_activated (SpWindow *self, gint64 pupil_id, GtkWidget *page);

/* Most starts show the list and nothing else: each page (and its template) is built the
 * first time it is shown, not at start-up. */
static gpointer
ensure_page (SpWindow    *self,
             gpointer    *page,
             GType        type,
             const gchar *name)
{
  if (*page == NULL)
    {
      *page = g_object_new (type, NULL);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (*page), name);
      if (type == SP_TYPE_PUPIL_PAGE)
        g_signal_connect_swapped (*page, "plan-activated", G_CALLBACK (on_plan_activated), self);
      else if (type == SP_TYPE_PLAN_PAGE)
        g_signal_connect_swapped (*page, "review", G_CALLBACK (on_review_requested), self);
      else if (type == SP_TYPE_SCHOOL_PAGE)
        g_signal_connect_swapped (*page, "pupil-activated", G_CALLBACK (on_due_pupil_activated),
                                  self);
      else if (type == SP_TYPE_REVIEWS_PAGE)
        {
          g_signal_connect_swapped (*page, "plan-activated", G_CALLBACK (on_plan_activated), self);
          g_signal_connect_swapped (*page, "pupil-activated",
                                    G_CALLBACK (on_due_pupil_activated), self);
        }
      else if (type == SP_TYPE_REVIEW_PAGE)
        g_signal_connect_swapped (*page, "completed", G_CALLBACK (on_review_completed), self);
    }
  return *page;
}

#define pupil_page(self)   ((SpPupilPage *) ensure_page (self, (gpointer *) &(self)->pupil_page, \
                                                         SP_TYPE_PUPIL_PAGE, "pupil"))
#define plan_page(self)    ((SpPlanPage *) ensure_page (self, (gpointer *) &(self)->plan_page, \
                                                        SP_TYPE_PLAN_PAGE, "plan"))
#define review_page(self)  ((SpReviewPage *) ensure_page (self, (gpointer *) &(self)->review_page, \
                                                          SP_TYPE_REVIEW_PAGE, "review"))
#define reviews_page(self) ((SpReviewsPage *) ensure_page (self, (gpointer *) &(self)->reviews_page, \
                                                           SP_TYPE_REVIEWS_PAGE, "reviews"))
#define school_page(self)  ((SpSchoolPage *) ensure_page (self, (gpointer *) &(self)->school_page, \
                                                          SP_TYPE_SCHOOL_PAGE, "school"))

/* Whatever the pages made so far still have to save, saved now. */
static void
flush_pages (SpWindow *self)
{
  if (self->plan_page != NULL)
    sp_plan_page_flush (self->plan_page);
  if (self->pupil_page != NULL)
    sp_pupil_page_flush (self->pupil_page);
  if (self->review_page != NULL)
    sp_review_page_flush (self->review_page);
}

static void
update_back_button (SpWindow *self)
{
  const gchar *page = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean has_pupil = g_strcmp0 (page, "pupil") == 0 || g_strcmp0 (page, "plan") == 0
                       || g_strcmp0 (page, "review") == 0;

  gtk_widget_set_visible (self->print_button, has_pupil);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_pupil);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-pdf", has_pupil);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.evidence-pack", has_pupil);
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) || g_strcmp0 (page, "plan") == 0
                          || g_strcmp0 (page, "review") == 0);
}

static void
show_pupil (SpWindow *self,
            gint64    pupil_id)
{
  g_autoptr(SpPupil) pupil = NULL;

  flush_pages (self);
  /* However the pupil was opened (their row, Reviews Due, a new pupil), they are the one
   * chosen: their row is selected and a new plan is theirs. */
  self->selected_id = pupil_id;
  select_pupil_row (self);
  pupil = sp_store_get_pupil (self->store, pupil_id, NULL);
  if (pupil != NULL)
    {
      g_autofree gchar *name = sp_pupil_dup_display_name (pupil);
      adw_window_title_set_title (self->content_title, name);
      adw_window_title_set_subtitle (self->content_title, "");
    }
  sp_pupil_page_show (pupil_page (self), self->store, self->saver, pupil_id);
  gtk_stack_set_visible_child_name (self->content_stack, "pupil");
  update_back_button (self);
}

static void
open_plan (SpWindow *self,
           gint64    plan_id)
{
  g_autoptr(SpPupil) pupil = NULL;

  if (self->saver == NULL)
    return;
  sp_plan_page_show (plan_page (self), self->store, self->saver, plan_id);
  if (sp_plan_page_get_plan_id (self->plan_page) != plan_id)
    return;
  pupil = sp_store_get_pupil (self->store, sp_plan_page_get_pupil_id (self->plan_page), NULL);
  if (pupil != NULL)
    {
      g_autofree gchar *name = sp_pupil_dup_display_name (pupil);
      adw_window_title_set_title (self->content_title, name);
      adw_window_title_set_subtitle (self->content_title, _("SEN Support plan"));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "plan");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_back_button (self);
}

static void
on_review_requested (SpWindow   *self,
                     gint64      plan_id,
                     SpPlanPage *page)
{
  g_autoptr(GError) error = NULL;

  if (self->saver == NULL)
    return;
  if (!sp_review_page_start (review_page (self), self->store, self->saver, plan_id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_window_title_set_subtitle (self->content_title, _("Review"));
  gtk_stack_set_visible_child_name (self->content_stack, "review");
  update_back_button (self);
}

/* After a review: the next plan (a draft) when support continues, else the reviewed plan. */
static void
on_review_completed (SpWindow     *self,
                     gint64        review_id,
                     gint64        next_plan_id,
                     SpReviewPage *page)
{
  gint64 reviewed = self->review_page ? sp_review_page_get_plan_id (self->review_page) : 0;

  AdwToast *toast = adw_toast_new (next_plan_id
                                   ? _("Review recorded. The next plan is ready as a draft, "
                                       "with the targets carried forward.")
                                   : _("Review recorded."));

  /* The parents' copy of the review is one click away. */
  adw_toast_set_button_label (toast, _("_Print Review Record"));
  adw_toast_set_action_name (toast, "win.print");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("review"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  open_plan (self, next_plan_id ? next_plan_id : reviewed);
}

/* The pupil whose page, plan or review is on screen. */
static gint64
current_pupil_id (SpWindow *self)
{
  const gchar *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "plan") == 0 || g_strcmp0 (page, "review") == 0)
    return sp_plan_page_get_pupil_id (plan_page (self));
  if (g_strcmp0 (page, "pupil") == 0)
    return sp_pupil_page_get_pupil (pupil_page (self));
  return 0;
}

/* Prints (or saves as PDF, @as_pdf) the copy @kind of the pupil on screen, from the database:
 * what has been saved. */
static void
print_saved (SpWindow    *self,
             gboolean     as_pdf,
             const gchar *kind)
{
  gint64 pupil_id = current_pupil_id (self);

  if (pupil_id == 0)
    return;
  if (as_pdf)
    sp_print_save_pdf (GTK_WINDOW (self), self->store, pupil_id, kind);
  else
    sp_print_document (GTK_WINDOW (self), self->store, pupil_id, kind);
}

static void
on_unsaved_print_response (AdwMessageDialog *dialog,
                           const gchar      *response,
                           SpWindow         *self)
{
  if (!g_str_equal (response, "retry"))
    return;
  sp_save_banner_retry (self->save_banner);
  if (sp_saver_get_problem (self->saver) == NULL)
    print_saved (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "as-pdf")),
                 g_object_get_data (G_OBJECT (dialog), "kind"));
}

/* A printed copy is made from what has been saved. When some typing could not be saved (a
 * full disk: the bar says so), the copy would leave it out and the family would get an older
 * plan than the one on screen: the teacher is told, and can try the save again first. */
static void
print_action (GtkWidget   *widget,
              const gchar *action_name,
              GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  gboolean as_pdf = g_str_equal (action_name, "win.save-pdf");
  const gchar *kind = g_variant_get_string (parameter, NULL);
  AdwMessageDialog *dialog;

  if (current_pupil_id (self) == 0)
    return;
  if (sp_window_save_everything (self))
    {
      print_saved (self, as_pdf, kind);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Some of Your Typing Is Not Saved"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", sp_saver_get_problem (self->saver),
                                  as_pdf ? _("A PDF made now would leave out what was not "
                                             "saved. Try again to save it first.")
                                         : _("A copy printed now would leave out what was not "
                                             "saved. Try again to save it first."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "retry", _("_Try Again"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "as-pdf", GINT_TO_POINTER (as_pdf));
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_print_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One PDF for a top-up funding or EHC needs-assessment request: every cycle, in order. */
static void
evidence_pack_action (GtkWidget   *widget,
                      const gchar *action_name,
                      GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  gint64 pupil_id = current_pupil_id (self);

  if (pupil_id == 0)
    return;
  flush_pages (self);
  sp_school_page_save_evidence_pack (GTK_WINDOW (self), self->store, pupil_id,
                                     self->toast_overlay);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  gint             response,
                  SpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      sp_import_dialog_run (GTK_WINDOW (self), self->store, file);
    }
  g_clear_object (&self->chooser);
}

/* Import pupils from the school's Common Transfer File, or records from an agency file. */
static void
import_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  if (self->store == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Pupils or Records"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Preview"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (xml, _("Common Transfer Files and records (XML)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_pattern (xml, "*.XML");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xml);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reviews_due_action (GtkWidget   *widget,
                    const gchar *action_name,
                    GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store == NULL)
    return;
  flush_pages (self);
  sp_reviews_page_show (reviews_page (self), self->store);
  adw_window_title_set_title (self->content_title, _("Reviews Due"));
  adw_window_title_set_subtitle (self->content_title, "");
  gtk_stack_set_visible_child_name (self->content_stack, "reviews");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_back_button (self);
}

/* The SENCO's view: register, provision map and what works. */
static void
school_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store == NULL)
    return;
  flush_pages (self);
  sp_school_page_show (school_page (self), self->store);
  adw_window_title_set_title (self->content_title, _("SEN Register and Provision Map"));
  adw_window_title_set_subtitle (self->content_title, "");
  gtk_stack_set_visible_child_name (self->content_stack, "school");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_back_button (self);
}

static void
preferences_action (GtkWidget   *widget,
                    const gchar *action_name,
                    GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (sp_preferences_window_new (GTK_WINDOW (self), self->store));
}

static void
on_due_pupil_activated (SpWindow      *self,
                        gint64         pupil_id,
                        GtkWidget     *page)
{
  show_pupil (self, pupil_id);
}

static void
on_plan_activated (SpWindow    *self,
                   gint64       plan_id,
                   GtkWidget   *page)
{
  open_plan (self, plan_id);
}

/* Choosing a pupil in the list.
 *
 * Side by side (a wide window), a click or the arrow keys select a row and its pupil shows
 * beside the list, the keyboard staying in the list so the next arrow shows the next pupil;
 * Enter or a double click opens the pupil and moves the keyboard into their page. Folded (a
 * narrow window, the list alone on screen), the list works as a menu: one click or Enter
 * opens the pupil's page in place of the list, and the arrow keys only move through it.
 * Before, selecting always opened the page and moved the keyboard into it, and the list's
 * single-click mode selected rows on hover, so moving the mouse over the list changed the
 * page. */
static void
on_selection_changed (SpWindow *self)
{
  g_autoptr(SpPupil) pupil = NULL;

  if (self->reloading || adw_leaflet_get_folded (self->leaflet))
    return;
  pupil = pupil_at (self, gtk_single_selection_get_selected (self->selection));
  self->selected_id = pupil ? sp_pupil_get_id (pupil) : 0;

  if (pupil == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      adw_window_title_set_title (self->content_title, "");
      return;
    }
  show_pupil (self, sp_pupil_get_id (pupil));
}

static void
on_pupil_activated (SpWindow    *self,
                    guint        position,
                    GtkGridView *view)
{
  g_autoptr(SpPupil) pupil = pupil_at (self, position);

  if (pupil == NULL)
    return;
  self->reloading = TRUE;   /* selecting is not opening again */
  gtk_single_selection_set_selected (self->selection, position);
  self->reloading = FALSE;
  /* Already on screen (a double click on the row just chosen): not read again. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "pupil") != 0
      || sp_pupil_page_get_pupil (pupil_page (self)) != sp_pupil_get_id (pupil))
    show_pupil (self, sp_pupil_get_id (pupil));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* The keyboard goes to the pupil's page itself (its name), not the first button of the
   * header beside it, where the leaflet would put it. */
  gtk_widget_child_focus (GTK_WIDGET (pupil_page (self)), GTK_DIR_TAB_FORWARD);
}

/* Enter in the search box opens the first pupil found (the list is brought up to date
 * first: GtkSearchEntry waits a moment after the last key before saying the text changed). */
static void
on_search_activate (SpWindow       *self,
                    GtkSearchEntry *entry)
{
  on_search_changed (self, entry);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) > 0)
    on_pupil_activated (self, 0, self->pupil_list);
}

/* Typing in the list starts a search: the keyboard moves to the search box (without
 * selecting what is typed), so that spaces and Backspace reach it too, and it stays there
 * when the search finds nobody and the list goes. */
static void
on_search_started (SpWindow       *self,
                   GtkSearchEntry *entry)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry)));

  if (GTK_IS_TEXT (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  else
    gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* Escape in the search box empties it: the whole school again. */
static void
on_search_stop (SpWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  on_search_changed (self, entry);
}

/* Typing that could not be saved is said on the side the teacher sees: under the content's
 * header, or, in a narrow window showing the pupil list alone, under the list's. One bar is
 * in view at a time, so a screen reader hears one alert. (libadwaita 1.2 has no AdwBanner;
 * under the header of the view shown is where 1.3 puts one.) */
static void
update_save_banners (SpWindow *self)
{
  gboolean list_alone = adw_leaflet_get_folded (self->leaflet)
                        && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;

  sp_save_banner_set_in_view (self->sidebar_save_banner, list_alone);
  sp_save_banner_set_in_view (self->save_banner, !list_alone);
}

/* Folded, one click opens a pupil (see on_selection_changed). */
static void
on_folded_changed (SpWindow *self)
{
  gtk_grid_view_set_single_click_activate (self->pupil_list,
                                           adw_leaflet_get_folded (self->leaflet));
  update_back_button (self);
  update_save_banners (self);
}

static void
search_action (GtkWidget   *widget,
               const gchar *action_name,
               GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "school") != 0)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget   *widget,
             const gchar *action_name,
             GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "review") == 0)
    {
      open_plan (self, sp_review_page_get_plan_id (review_page (self)));
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "plan") == 0)
    {
      show_pupil (self, sp_plan_page_get_pupil_id (plan_page (self)));
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+N: a new draft plan for the pupil on screen, starting today, with a review date
 * twelve weeks on (the teacher can choose the end of term instead). */
static void
new_plan_action (GtkWidget   *widget,
                 const gchar *action_name,
                 GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GDate) review = g_date_copy (today);
  g_autofree gchar *start_iso = sp_date_to_iso (today);
  g_autofree gchar *review_iso = NULL;
  gint64 pupil_id = current_pupil_id (self);
  gint64 plan_id;

  /* The pupil on screen: not the list's last choice (a plan opened from Reviews Due is
   * another pupil's), and nobody while a narrow window shows the list alone. */
  if (adw_leaflet_get_folded (self->leaflet)
      && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->sidebar))
    pupil_id = 0;
  if (self->store == NULL || pupil_id == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose a pupil first, then start their "
                                                    "new plan.")));
      return;
    }

  g_date_add_days (review, 84);
  review_iso = sp_date_to_iso (review);
  plan_id = sp_store_new_plan (self->store, pupil_id, start_iso, review_iso, &error);
  if (plan_id == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  open_plan (self, plan_id);
}

static void
on_pupil_added (SpWindow      *self,
                gint64         pupil_id,
                SpPupilDialog *dialog)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  sp_window_set_search_text (self, "");
  reload (self);
  show_pupil (self, pupil_id);
}

static void
add_pupil_action (GtkWidget   *widget,
                  const gchar *action_name,
                  GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  SpPupilDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = sp_pupil_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "pupil-added", G_CALLBACK (on_pupil_added), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closing mid-word loses nothing: what waits for its delay is saved, and the writer
 * finishes, before the window goes. Typing that could not be saved (a full disk) is tried
 * again; if it still fails, the teacher is asked (sp-save-banner.c) and FALSE returned: their
 * answer closes the window or keeps it open. TRUE when the window may close now. */
gboolean
sp_window_confirm_close (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), TRUE);

  if (sp_window_save_everything (self))
    return TRUE;
  sp_save_banner_ask_before_closing (self->save_banner);
  return FALSE;
}

/* Saves what is being typed now and waits for the writer: TRUE when everything typed in this
 * window is in the database, FALSE when some could not be saved (the bar says why). */
gboolean
sp_window_save_everything (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), TRUE);

  flush_pages (self);
  if (self->saver == NULL)
    return TRUE;
  sp_saver_settle (self->saver);
  return sp_saver_get_problem (self->saver) == NULL;
}

/* Asked before closing, the teacher kept the window open. */
static void
on_keep_open (SpWindow *self)
{
  g_signal_emit (self, signals[KEEP_OPEN], 0);
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  if (!sp_window_confirm_close (SP_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

static void
load_demo_action (GtkWidget   *widget,
                  const gchar *action_name,
                  GVariant    *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = sp_date_today ();

  if (self->store == NULL)
    return;

  if (!sp_demo_fill (self->store, 36, today, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("A made-up school has been added. Every name in "
                                                "it is invented.")));
}

static void
sp_window_constructed (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  G_OBJECT_CLASS (sp_window_parent_class)->constructed (object);

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
      self->saver = sp_saver_new (self->store, &error);
      if (self->saver == NULL)
        {
          g_clear_object (&self->store);
          self->problem = g_strdup (error->message);
        }
      else
        {
          sp_save_banner_set_saver (self->save_banner, self->saver);
          sp_save_banner_set_saver (self->sidebar_save_banner, self->saver);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-pupil", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-plan", self->store != NULL);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed),
                            self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child",
                            G_CALLBACK (update_save_banners), self);
  on_folded_changed (self);
  update_back_button (self);
  reload (self);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  /* the pages went with the stack */
  self->pupil_page = NULL;
  self->plan_page = NULL;
  self->review_page = NULL;
  self->reviews_page = NULL;
  self->school_page = NULL;
  if (self->matches != NULL)
    g_signal_handlers_disconnect_by_func (self->matches, on_matches_changed, self);
  g_clear_object (&self->matches);
  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);
  g_clear_object (&self->first_pupils);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PUPILS:
      self->first_pupils = g_value_dup_object (value);
      break;
    case PROP_PROBLEM:
      self->problem = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_window_constructed;
  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;
  object_class->get_property = sp_window_get_property;
  object_class->set_property = sp_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = sp_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The store's pupil list, already read (SpApplication reads it while GTK starts), for the
   * window's first showing of the list; NULL to read it. */
  properties[PROP_PUPILS] =
    g_param_spec_object ("pupils", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpWindow::keep-open:
   *
   * Asked before closing, because some typing could not be saved (sp_window_confirm_close()),
   * the teacher chose to keep the window open: a Quit waiting for the answer stops.
   */
  signals[KEEP_OPEN] = g_signal_new ("keep-open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_PUPIL);
  g_type_ensure (SP_TYPE_SLOT_MODEL);
  g_type_ensure (SP_TYPE_PUPIL_PAGE);
  g_type_ensure (SP_TYPE_PLAN_PAGE);
  g_type_ensure (SP_TYPE_REVIEW_PAGE);
  g_type_ensure (SP_TYPE_REVIEWS_PAGE);
  g_type_ensure (SP_TYPE_SCHOOL_PAGE);
  g_type_ensure (SP_TYPE_SAVE_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, save_banner);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_save_banner);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, pupil_list);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, slots);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, reviews_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, print_menu);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, reviews_button_content);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_started);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_open);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.reviews-due", NULL, reviews_due_action);
  gtk_widget_class_install_action (widget_class, "win.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "win.save-pdf", "s", print_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.school", NULL, school_action);
  gtk_widget_class_install_action (widget_class, "win.evidence-pack", NULL, evidence_pack_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.add-pupil", NULL, add_pupil_action);
}

static void
make_menu (GtkMenuButton *button,
           gpointer       menu)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The menus' popovers are made when first opened (they were 40% of making the window). */
  gtk_menu_button_set_create_popup_func (self->welcome_menu_button, make_menu,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, make_menu,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->print_button), make_menu,
                                         self->print_menu, NULL);
  /* Typing a name with the keyboard in the list searches for it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->pupil_list));
  self->bound_rows = g_ptr_array_new ();
  self->matches = sp_match_list_new ();
  g_signal_connect_swapped (self->matches, "items-changed", G_CALLBACK (on_matches_changed),
                            self);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
    g_signal_connect (factory, "setup", G_CALLBACK (setup_pupil_row), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_pupil_row), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_pupil_row), self);
    gtk_grid_view_set_factory (self->pupil_list, factory);
  }

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

/* For tests and benchmarks: what the list shows now. */
GListModel *
sp_window_get_visible_pupils (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->matches);
}

void
sp_window_set_search_text (SpWindow    *self,
                           const gchar *text)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* GtkSearchEntry delays search-changed; a caller setting the text wants the result now. */
  on_search_changed (self, self->search_entry);
}

/* The database turned out to be unusable (a damaged file found by the check that runs after
 * the window opened): say so, and stop everything that could write. */
void
sp_window_show_problem (SpWindow    *self,
                        const gchar *message)
{
  static const gchar *const actions[] = { "win.load-demo", "win.add-pupil", "win.new-plan",
                                          "win.reviews-due", "win.import", "win.school",
                                          "win.preferences", "win.print", "win.save-pdf",
                                          "win.evidence-pack" };

  g_return_if_fail (SP_IS_WINDOW (self));

  g_free (self->problem);
  self->problem = g_strdup (message);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
  adw_status_page_set_description (self->problem_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "problem");
}

/* For tests: open a plan as a click on its row would. */
void
sp_window_open_plan (SpWindow *self,
                     gint64    plan_id)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  open_plan (self, plan_id);
}

GtkWidget *
sp_window_get_school_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (school_page (self));
}

GtkWidget *
sp_window_get_reviews_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (reviews_page (self));
}

const gchar *
sp_window_get_overdue_label (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return adw_button_content_get_label (self->reviews_button_content);
}

GtkWidget *
sp_window_get_review_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (review_page (self));
}

GtkWidget *
sp_window_get_pupil_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (pupil_page (self));
}

GtkWidget *
sp_window_get_plan_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (plan_page (self));
}

const gchar *
sp_window_get_content_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

const gchar *
sp_window_get_visible_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}
