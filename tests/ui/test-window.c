/* Drives the real main window under Xvfb on a real temporary database. */
#include "config.h"

#include "sp-ui-test.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "sp-demo.h"
#include "sp-store.h"
#include "sp-pupil-page.h"
#include "sp-pupil-row.h"
#include "sp-reviews-page.h"
#include "sp-school-page.h"
#include "sp-store-review.h"
#include "sp-window.h"

static gchar *tmpdir;

static SpStore *
new_store (const gchar *name,
           guint        n_pupils)
{
  g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (23, 11, 2026);
  SpStore *store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  if (n_pupils > 0)
    {
      g_assert_true (sp_demo_fill (store, n_pupils, today, &error));
      g_assert_no_error (error);
    }
  return store;
}

static SpWindow *
open_window (SpStore *store)
{
  SpWindow *window = g_object_new (SP_TYPE_WINDOW, "store", store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_ui_test_settle ();
  return window;
}

static void
test_list_and_search (void)
{
  g_autoptr(SpStore) store = new_store ("school.db", 36);
  g_autoptr(GListModel) all = sp_store_list_pupils (store, NULL);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  g_autoptr(SpPupil) first = g_list_model_get_item (all, 0);
  g_autoptr(SpPupil) some = g_list_model_get_item (all, 17);
  g_autofree gchar *first_name = sp_pupil_dup_display_name (first);
  guint narrowed;

  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "school");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 36);
  /* The first pupil's row is on screen. */
  sp_ui_test_wait_for_label (window, first_name);

  /* Search narrows by surname ... */
  sp_window_set_search_text (window, sp_pupil_get_text (some, "surname"));
  sp_ui_test_settle ();
  narrowed = g_list_model_get_n_items (shown);
  g_assert_cmpuint (narrowed, >=, 1);
  g_assert_cmpuint (narrowed, <, 36);
  for (guint i = 0; i < narrowed; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (shown, i);
      g_assert_cmpstr (sp_pupil_get_text (p, "surname"), ==, sp_pupil_get_text (some, "surname"));
    }

  /* ... by UPN to exactly one pupil, whose row then shows ... */
  sp_window_set_search_text (window, sp_pupil_get_text (some, "upn"));
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autofree gchar *name = sp_pupil_dup_display_name (some);
    sp_ui_test_wait_for_label (window, name);
  }

  /* ... by need, and to nobody. */
  sp_window_set_search_text (window, "autism");
  sp_ui_test_settle ();
  narrowed = g_list_model_get_n_items (shown);
  g_assert_cmpuint (narrowed, >, 0);
  for (guint i = 0; i < narrowed; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (shown, i);
      g_assert_cmpstr (sp_pupil_get_text (p, "primary-need"), ==, "ASD");
    }
  sp_window_set_search_text (window, "nobody-has-this-name");
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  /* Nobody found is said in words. */
  sp_ui_test_wait_for_label (window, "No Pupils Found");

  sp_window_set_search_text (window, "");
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 36);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pupil rows on screen, top to bottom: each row's name, and the row widgets themselves. */
static GPtrArray *
shown_rows (SpWindow   *window,
            GPtrArray **widgets)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               SP_TYPE_WINDOW, "pupil_list"));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  graphene_rect_t view;

  *widgets = g_ptr_array_new ();
  sp_ui_test_wait_ms (100);   /* a frame or two: new rows are placed when the list is laid out */
  g_assert_true (gtk_widget_compute_bounds (list, list, &view));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      graphene_rect_t bounds;

      if (!SP_IS_PUPIL_ROW (child) || !gtk_widget_get_child_visible (row)
          || !gtk_widget_compute_bounds (row, list, &bounds)
          || !graphene_rect_intersection (&bounds, &view, NULL))
        continue;
      g_ptr_array_add (names, g_strdup (sp_pupil_row_get_name (SP_PUPIL_ROW (child))));
      g_ptr_array_add (*widgets, row);
    }
  return names;
}

/* What the rows say is what the search found, in order: rows are given new pupils as the
 * search changes (not built again), the chosen pupil stays chosen through a search that hides
 * them, and a row opened after a search opens the pupil it shows. */
static void
test_rows_follow_search (void)
{
  g_autoptr(SpStore) store = new_store ("rows.db", 60);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "pupil_list");
  GtkSelectionModel *selection = gtk_grid_view_get_model (GTK_GRID_VIEW (list));
  g_autoptr(SpPupil) chosen = g_list_model_get_item (shown, 1);
  g_autoptr(SpPupil) other = NULL;
  g_autoptr(GPtrArray) before_widgets = NULL;
  g_autoptr(GPtrArray) before = shown_rows (window, &before_widgets);

  /* Every row on screen shows the pupil at its place, and the window is not full of rows. */
  g_assert_cmpuint (before->len, >, 3);
  /* The item the keyboard moves to is named after its pupil, for screen readers. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (before_widgets, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       g_ptr_array_index (before, 0));
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (shown, i);
      g_autofree gchar *name = sp_pupil_dup_display_name (p);
      g_assert_cmpstr (g_ptr_array_index (before, i), ==, name);
    }

  /* Choose the second pupil, then search for somebody else: the rows show the matches. */
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 1));
  sp_ui_test_settle ();
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (shown) && other == NULL; i++)
    {
      g_autoptr(SpPupil) p = g_list_model_get_item (shown, i);
      if (g_strcmp0 (sp_pupil_get_text (p, "surname"), sp_pupil_get_text (chosen, "surname")))
        other = g_object_ref (p);
    }
  g_assert_nonnull (other);
  sp_window_set_search_text (window, sp_pupil_get_text (other, "upn"));
  sp_ui_test_settle ();
  {
    g_autoptr(GPtrArray) widgets = NULL;
    g_autoptr(GPtrArray) names = shown_rows (window, &widgets);
    g_autofree gchar *name = sp_pupil_dup_display_name (other);

    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
    g_assert_cmpuint (names->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (names, 0), ==, name);
    /* The first row is the same widget, now showing the other pupil. */
    g_assert_true (g_ptr_array_index (widgets, 0) == g_ptr_array_index (before_widgets, 0));
    /* The chosen pupil is hidden by the search: no row is selected, their page stays. */
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==,
                      GTK_INVALID_LIST_POSITION);
    g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  }

  /* Cleared, the list is whole again, the same rows in the same order, the chosen one
   * selected again. */
  sp_window_set_search_text (window, "");
  sp_ui_test_settle ();
  {
    g_autoptr(GPtrArray) widgets = NULL;
    g_autoptr(GPtrArray) names = shown_rows (window, &widgets);

    g_assert_cmpuint (names->len, ==, before->len);
    for (guint i = 0; i < names->len; i++)
      g_assert_cmpstr (g_ptr_array_index (names, i), ==, g_ptr_array_index (before, i));
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 1);
  }

  /* A row opened after a search opens the pupil it shows. */
  sp_window_set_search_text (window, sp_pupil_get_text (other, "surname"));
  sp_ui_test_settle ();
  {
    g_autoptr(SpPupil) first_match = g_list_model_get_item (shown, 0);
    g_autofree gchar *name = sp_pupil_dup_display_name (first_match);
    GtkWidget *page = sp_window_get_pupil_page (window);
    GtkWidget *upn_row = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "upn_row");

    g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
    sp_ui_test_settle ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (upn_row)), ==,
                     sp_pupil_get_text (first_match, "upn"));
    g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (
                       sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "content_title"))),
                     ==, name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
focus_inside (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const gchar *
shown_upn (SpWindow *window)
{
  return gtk_editable_get_text (GTK_EDITABLE (sp_ui_test_child (sp_window_get_pupil_page (window),
                                                                SP_TYPE_PUPIL_PAGE, "upn_row")));
}

/* Side by side, selecting a row (a click, the arrow keys) shows its pupil and leaves the
 * keyboard in the list; Enter opens the pupil and moves the keyboard into the page. Folded,
 * selecting only moves through the list and one click opens the page in its place. Nothing
 * is selected, let alone opened, by the pointer passing over the list. */
static void
test_choosing_pupils (void)
{
  g_autoptr(SpStore) store = new_store ("choose.db", 12);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "pupil_list");
  AdwLeaflet *leaflet = ADW_LEAFLET (sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW,
                                                       "leaflet"));
  g_autoptr(SpPupil) second = g_list_model_get_item (shown, 2);
  g_autoptr(SpPupil) third = g_list_model_get_item (shown, 3);

  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_grid_view_get_single_click_activate (GTK_GRID_VIEW (list)));
  g_assert_true (gtk_widget_grab_focus (list));
  sp_ui_test_settle ();
  g_assert_true (focus_inside (list));

  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", 2, FALSE, FALSE));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (second, "upn"));
  g_assert_true (focus_inside (list));
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", 3, FALSE, FALSE));
  sp_ui_test_settle ();
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (third, "upn"));
  g_assert_true (focus_inside (list));

  /* Enter (or a double click): the keyboard goes to the pupil's side of the window. */
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 3));
  sp_ui_test_settle ();
  g_assert_false (focus_inside (list));
  g_assert_true (gtk_widget_is_ancestor (sp_window_get_pupil_page (window),
                                         adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (focus_inside (sp_window_get_pupil_page (window)));

  /* Typing in the list starts a search: the keyboard goes to the search box. */
  g_assert_true (gtk_widget_grab_focus (list));
  g_signal_emit_by_name (sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "search_entry"),
                         "search-started");
  g_assert_true (focus_inside (sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW,
                                                 "search_entry")));

  /* A narrow window: the list alone, and one click opens a pupil in its place. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  sp_ui_test_iterate_until ((gboolean (*) (gpointer)) adw_leaflet_get_folded, leaflet);
  g_assert_true (gtk_grid_view_get_single_click_activate (GTK_GRID_VIEW (list)));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", 2, FALSE, FALSE));
  sp_ui_test_settle ();
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (third, "upn"));   /* unchanged */
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 2));
  sp_ui_test_settle ();
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (second, "upn"));
  g_assert_true (gtk_widget_is_ancestor (sp_window_get_pupil_page (window),
                                         adw_leaflet_get_visible_child (leaflet)));

  /* The window's size is a setting (memory-backed here): the next test gets a wide one. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pupil page's fields are the same widgets from one pupil to the next: Undo in one
 * must not bring back the last pupil's words (and the autosave write them to this pupil). */
static void
test_undo_after_another_pupil (void)
{
  g_autoptr(SpStore) store = new_store ("undo.db", 6);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "pupil_list");
  g_autoptr(SpPupil) first = g_list_model_get_item (shown, 0);
  g_autoptr(SpPupil) second = g_list_model_get_item (shown, 5);
  g_autoptr(SpPupil) after = NULL;
  GtkWidget *page, *surname, *text;

  g_assert_cmpstr (sp_pupil_get_text (first, "surname"), !=, sp_pupil_get_text (second, "surname"));
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 5));
  sp_ui_test_settle ();
  page = sp_window_get_pupil_page (window);
  surname = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "surname_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (surname)), ==,
                   sp_pupil_get_text (second, "surname"));

  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (surname)));
  g_assert_true (GTK_IS_TEXT (text));
  gtk_widget_activate_action (text, "text.undo", NULL);
  sp_ui_test_wait_ms (800);   /* past the autosave's delay */
  sp_pupil_page_flush (SP_PUPIL_PAGE (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (surname)), ==,
                   sp_pupil_get_text (second, "surname"));
  after = sp_store_get_pupil (store, sp_pupil_get_id (second), NULL);
  g_assert_cmpstr (sp_pupil_get_text (after, "surname"), ==, sp_pupil_get_text (second, "surname"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Enter in the search box opens the first pupil found; Escape empties the box. */
static void
test_search_keys (void)
{
  g_autoptr(SpStore) store = new_store ("keys.db", 20);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  GtkWidget *entry = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "search_entry");
  g_autoptr(SpPupil) last = g_list_model_get_item (shown, 19);
  g_autoptr(SpPupil) first_found = NULL;

  /* Typed, then Enter at once (before the search box's own delay). */
  gtk_editable_set_text (GTK_EDITABLE (entry), sp_pupil_get_text (last, "surname"));
  g_signal_emit_by_name (entry, "activate");
  sp_ui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 20);
  first_found = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (first_found, "upn"));

  g_signal_emit_by_name (entry, "stop-search");
  sp_ui_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 20);
  /* The pupil stays open. */
  g_assert_cmpstr (shown_upn (window), ==, sp_pupil_get_text (first_found, "upn"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @model (or a section of it) has an item for @action. */
static gboolean
menu_has_action (GMenuModel  *model,
                 const gchar *action)
{
  for (gint i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree gchar *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The menus are made when first opened, and then hold their items. */
static void
test_menus (void)
{
  g_autoptr(SpStore) store = new_store ("menus.db", 4);
  SpWindow *window = open_window (store);
  GtkMenuButton *main_menu = GTK_MENU_BUTTON (sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW,
                                                                "sidebar_menu_button"));
  GtkMenuButton *print_menu = GTK_MENU_BUTTON (sp_ui_test_child (GTK_WIDGET (window),
                                                                 SP_TYPE_WINDOW, "print_button"));

  g_assert_null (gtk_menu_button_get_popover (main_menu));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (main_menu)));
  gtk_menu_button_popup (main_menu);
  sp_ui_test_settle ();
  g_assert_nonnull (gtk_menu_button_get_popover (main_menu));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (main_menu), "win.school"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (main_menu), "win.import"));
  gtk_menu_button_popdown (main_menu);

  gtk_menu_button_popup (print_menu);
  sp_ui_test_settle ();
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (print_menu), "win.save-pdf"));
  gtk_menu_button_popdown (print_menu);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new plan is for the pupil on screen, whatever was chosen in the list before. */
static void
test_new_plan_for_pupil_on_screen (void)
{
  g_autoptr(SpStore) store = new_store ("newplan.db", 6);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "pupil_list");
  g_autoptr(SpPupil) chosen = g_list_model_get_item (shown, 0);
  g_autoptr(SpPupil) other = g_list_model_get_item (shown, 4);
  g_autoptr(GListModel) other_plans = sp_store_list_plans (store, sp_pupil_get_id (other), NULL);
  g_autoptr(SpPlan) plan = g_list_model_get_item (other_plans,
                                                   g_list_model_get_n_items (other_plans) - 1);
  g_autoptr(GListModel) chosen_plans = sp_store_list_plans (store, sp_pupil_get_id (chosen), NULL);
  guint chosen_before = g_list_model_get_n_items (chosen_plans);
  guint other_before = g_list_model_get_n_items (other_plans);

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  sp_ui_test_settle ();
  /* The other pupil's plan, opened as from Reviews Due, and its review begun; then Ctrl+N. */
  sp_window_open_plan (window, sp_plan_get_id (plan));
  sp_ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (sp_window_get_plan_page (window), "plan.review",
                                             NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "review");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  sp_ui_test_settle ();
  {
    g_autoptr(GListModel) mine = sp_store_list_plans (store, sp_pupil_get_id (chosen), NULL);
    g_autoptr(GListModel) theirs = sp_store_list_plans (store, sp_pupil_get_id (other), NULL);

    g_assert_cmpuint (g_list_model_get_n_items (mine), ==, chosen_before);
    g_assert_cmpuint (g_list_model_get_n_items (theirs), ==, other_before + 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every button on the main window and its pages (pupil, plan, review, Reviews Due, the
 * SENCO's) has a name a screen reader can say: words on it or an accessible label (a tooltip
 * alone is not a name in GTK 4.8). */
static void
test_buttons_named (void)
{
  g_autoptr(SpStore) store = new_store ("named.db", 6);
  SpWindow *window = open_window (store);
  GtkWidget *list = sp_ui_test_child (GTK_WIDGET (window), SP_TYPE_WINDOW, "pupil_list");
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(SpPlan) plan = NULL;

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  sp_ui_test_settle ();
  sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
  plans = sp_store_list_plans (store, sp_pupil_page_get_pupil (SP_PUPIL_PAGE (
                                 sp_window_get_pupil_page (window))), NULL);
  plan = g_list_model_get_item (plans, g_list_model_get_n_items (plans) - 1);
  sp_window_open_plan (window, sp_plan_get_id (plan));
  sp_ui_test_settle ();
  sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
  /* The review of that plan, Reviews Due and the SENCO's page. */
  if (gtk_widget_activate_action (sp_window_get_plan_page (window), "plan.review", NULL))
    {
      sp_ui_test_settle ();
      sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reviews-due", NULL));
  sp_ui_test_settle ();
  sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.school", NULL));
  sp_ui_test_settle ();
  sp_ui_test_collect_unnamed_buttons (GTK_WIDGET (window), unnamed);
  if (unnamed->len > 0)
    g_printerr ("Buttons without a name:\n%s", unnamed->str);
  g_assert_cmpuint (unnamed->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_pupil (void)
{
  g_autoptr(SpStore) store = new_store ("open.db", 12);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  g_autoptr(SpPupil) pupil = g_list_model_get_item (shown, 3);
  g_autofree gchar *name = sp_pupil_dup_display_name (pupil);
  GtkWidget *list;

  /* Activate the fourth row as a click or Enter would. */
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SP_TYPE_WINDOW,
                                                    "pupil_list"));
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 3));
  sp_ui_test_settle ();

  /* The page's heading and the UPN row show this pupil. */
  sp_ui_test_wait_for_label (window, name);
  {
    GtkWidget *page = sp_window_get_pupil_page (window);
    GtkWidget *upn_row = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_PUPIL_PAGE,
                                                                     "upn_row"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (upn_row)), ==,
                     sp_pupil_get_text (pupil, "upn"));
    g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
no_saves_pending (gpointer data)
{
  return !g_main_context_pending (NULL);
}

/* The first entry row below @widget, or NULL. */
static GtkWidget *
find_entry_row (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_entry_row (c);
      if (found)
        return found;
    }
  return NULL;
}

/* Editing a pupil in place: saved as typed, the page stays, needs ranked, a contact added. */
static void
test_edit_pupil (void)
{
  g_autoptr(SpStore) store = new_store ("edit.db", 6);
  SpWindow *window = open_window (store);
  GListModel *shown = sp_window_get_visible_pupils (window);
  g_autoptr(SpPupil) pupil = g_list_model_get_item (shown, 2);
  gint64 id = sp_pupil_get_id (pupil);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               SP_TYPE_WINDOW, "pupil_list"));
  GtkWidget *page = sp_window_get_pupil_page (window);
  GtkWidget *surname_row = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_PUPIL_PAGE,
                                                                      "surname_row"));
  GtkWidget *upn_row = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_PUPIL_PAGE,
                                                                  "upn_row"));
  GtkWidget *dropdown = GTK_WIDGET (gtk_widget_get_template_child (page, SP_TYPE_PUPIL_PAGE,
                                                                   "add_need_dropdown"));
  g_autoptr(SpPupil) after = NULL;
  g_auto(GStrv) needs = NULL;

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 2));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");

  gtk_editable_set_text (GTK_EDITABLE (surname_row), "Ó Súilleabháin");
  /* A UPN with a wrong check letter is marked at once and never saved. */
  gtk_editable_set_text (GTK_EDITABLE (upn_row), "A801200005001");
  g_assert_true (gtk_widget_has_css_class (upn_row, "error"));
  sp_ui_test_wait_ms (800);
  sp_pupil_page_flush (SP_PUPIL_PAGE (page));
  sp_ui_test_iterate_until (no_saves_pending, NULL);

  after = sp_store_get_pupil (store, id, NULL);
  g_assert_cmpstr (sp_pupil_get_text (after, "surname"), ==, "Ó Súilleabháin");
  g_assert_cmpstr (sp_pupil_get_text (after, "upn"), ==, sp_pupil_get_text (pupil, "upn"));
  /* The list followed, and the teacher is still on the pupil's page. */
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "pupil");

  /* Add a need: it goes last; then ranked first with its Move Up button. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 6);   /* SEMH */
  g_assert_true (gtk_widget_activate_action (page, "pupil.add-need", NULL));
  sp_ui_test_settle ();
  needs = sp_store_get_pupil_needs (store, id, NULL);
  g_assert_cmpstr (needs[g_strv_length (needs) - 1], ==, "SEMH");

  /* The pupil's contact shows their name, its fields are made when it is opened; a contact
   * added opens at once, ready to be filled in, and what is typed there is saved. */
  {
    GtkWidget *contacts = sp_ui_test_child (page, SP_TYPE_PUPIL_PAGE, "contacts_list");
    GtkWidget *first = gtk_widget_get_first_child (contacts);
    GtkWidget *added, *name;

    g_assert_true (ADW_IS_EXPANDER_ROW (first));
    g_assert_null (find_entry_row (first));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (first), TRUE);
    g_assert_nonnull (find_entry_row (first));

    g_assert_true (gtk_widget_activate_action (page, "pupil.add-contact", NULL));
    sp_ui_test_settle ();
    added = gtk_widget_get_last_child (contacts);
    g_assert_true (added != gtk_widget_get_first_child (contacts));
    g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (added)));
    name = find_entry_row (added);
    g_assert_nonnull (name);
    gtk_editable_set_text (GTK_EDITABLE (name), "Grace Mensah");
    sp_ui_test_wait_ms (800);
    sp_pupil_page_flush (SP_PUPIL_PAGE (page));
  }
  {
    g_autoptr(SpPupilRecord) record = sp_store_load_record (store, id, NULL);
    SpContactRecord *added = g_ptr_array_index (record->contacts, 1);

    g_assert_cmpuint (record->contacts->len, ==, 2);
    g_assert_cmpstr (added->name, ==, "Grace Mensah");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The overdue count is in the sidebar; the Reviews Due page groups every active plan. */
static void
test_reviews_due (void)
{
  g_autoptr(SpStore) store = new_store ("due.db", 36);
  SpWindow *window = open_window (store);
  g_autoptr(GDate) today = g_date_new_dmy (23, 11, 2026);
  gint overdue = sp_store_count_overdue_reviews (store, today, NULL);
  g_autofree gchar *expected = g_strdup_printf ("%d", overdue);
  GtkWidget *page;
  guint total = 0;

  g_assert_cmpint (overdue, >, 0);
  g_assert_cmpstr (sp_window_get_overdue_label (window), ==, expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reviews-due", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "reviews");
  page = sp_window_get_reviews_page (window);
  for (gint g = 0; g < 4; g++)
    total += sp_reviews_page_get_count (SP_REVIEWS_PAGE (page), g);
  g_assert_cmpuint (total, ==, 36);
  g_assert_cmpuint (sp_reviews_page_get_count (SP_REVIEWS_PAGE (page), SP_DUE_OVERDUE), ==,
                    (guint) overdue);
  sp_ui_test_wait_for_label (window, "Overdue");

  /* Filtered by one class: only that class's plans. */
  {
    GtkDropDown *classes = GTK_DROP_DOWN (gtk_widget_get_template_child (page, SP_TYPE_REVIEWS_PAGE,
                                                                         "class_dropdown"));
    g_autoptr(GPtrArray) owls = sp_store_list_reviews_due (store, today, "Owls", NULL);
    guint owls_index = G_MAXUINT;
    GListModel *model = gtk_drop_down_get_model (classes);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
        if (g_str_equal (gtk_string_object_get_string (item), "Owls"))
          owls_index = i;
      }
    g_assert_cmpuint (owls_index, !=, G_MAXUINT);
    gtk_drop_down_set_selected (classes, owls_index);
    sp_ui_test_settle ();
    total = 0;
    for (gint g = 0; g < 4; g++)
      total += sp_reviews_page_get_count (SP_REVIEWS_PAGE (page), g);
    g_assert_cmpuint (total, ==, owls->len);
    g_assert_cmpuint (total, <, 36);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The SENCO's view opens from the menu with every pupil on SEN support or an EHC plan. */
static void
test_school_view (void)
{
  g_autoptr(SpStore) store = new_store ("school-view.db", 12);
  SpWindow *window = open_window (store);
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.school", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_content_page (window), ==, "school");
  page = sp_window_get_school_page (window);
  /* The demo school has every pupil at K or E. */
  g_assert_cmpuint (sp_school_page_get_register_count (SP_SCHOOL_PAGE (page)), ==, 12);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_school_and_demo (void)
{
  g_autoptr(SpStore) store = new_store ("empty.db", 0);
  SpWindow *window = open_window (store);
  SpStoreCounts counts;

  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "empty");
  sp_ui_test_wait_for_label (window, "Welcome to Support Plans");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "school");
  g_assert_true (sp_store_count (store, &counts, NULL));
  g_assert_cmpuint (counts.pupils, ==, 36);
  g_assert_cmpuint (g_list_model_get_n_items (sp_window_get_visible_pupils (window)), ==, 36);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The check that runs after the window opens finds a damaged file: the window says so and
 * nothing that writes can be used. */
static void
test_problem_found_later (void)
{
  g_autoptr(SpStore) store = new_store ("later.db", 4);
  SpWindow *window = open_window (store);
  gint64 plans_before = sp_ui_test_db_int (sp_store_get_path (store), "SELECT count(*) FROM plans");

  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "school");
  sp_window_show_problem (window, "The database is damaged.");
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "problem");
  sp_ui_test_wait_for_label (window, "The database is damaged.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  sp_ui_test_settle ();
  {
    SpStoreCounts counts;
    g_assert_true (sp_store_count (store, &counts, NULL));
    g_assert_cmpuint (counts.pupils, ==, 4);
    g_assert_cmpint (counts.plans, ==, plans_before);
  }
  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "problem");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_problem (void)
{
  SpWindow *window = g_object_new (SP_TYPE_WINDOW,
                                   "problem", "The database is damaged.",
                                   NULL);

  gtk_window_present (GTK_WINDOW (window));
  sp_ui_test_iterate_until (sp_ui_test_is_mapped, window);
  sp_ui_test_settle ();
  g_assert_cmpstr (sp_window_get_visible_page (window), ==, "problem");
  sp_ui_test_wait_for_label (window, "The database is damaged.");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL)
                  && g_strcmp0 (sp_window_get_visible_page (window), "school") == 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  g_setenv ("SUPPORT_PLANS_TODAY", "2026-11-23", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = g_dir_make_tmp ("sp-ui-XXXXXX", NULL);

  g_test_add_func ("/ui/window/list-and-search", test_list_and_search);
  g_test_add_func ("/ui/window/rows-follow-search", test_rows_follow_search);
  g_test_add_func ("/ui/window/choosing-pupils", test_choosing_pupils);
  g_test_add_func ("/ui/window/search-keys", test_search_keys);
  g_test_add_func ("/ui/window/menus", test_menus);
  g_test_add_func ("/ui/window/new-plan-for-pupil-on-screen", test_new_plan_for_pupil_on_screen);
  g_test_add_func ("/ui/window/buttons-named", test_buttons_named);
  g_test_add_func ("/ui/window/open-pupil", test_open_pupil);
  g_test_add_func ("/ui/window/undo-after-another-pupil", test_undo_after_another_pupil);
  g_test_add_func ("/ui/window/edit-pupil", test_edit_pupil);
  g_test_add_func ("/ui/window/reviews-due", test_reviews_due);
  g_test_add_func ("/ui/window/school-view", test_school_view);
  g_test_add_func ("/ui/window/empty-school-and-demo", test_empty_school_and_demo);
  g_test_add_func ("/ui/window/problem", test_problem);
  g_test_add_func ("/ui/window/problem-found-later", test_problem_found_later);

  status = g_test_run ();

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  g_free (tmpdir);
  return status;
}
