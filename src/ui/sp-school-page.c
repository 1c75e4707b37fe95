/* sp-school-page.c: the SENCO's view: the SEN register, the provision map and what works
 * (see sp-school-page.h). The figures come from sp-store-senco.h; the exports from
 * sp-senco-documents.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-provision.h"
#include "sp-register-cell.h"
#include "sp-row-text.h"
#include "sp-school-page.h"
#include "sp-senco-documents.h"
#include "sp-store-senco.h"

/* ---- a register row as a list item ----------------------------------------------------- */

#define SP_TYPE_REGISTER_ITEM (sp_register_item_get_type ())
G_DECLARE_FINAL_TYPE (SpRegisterItem, sp_register_item, SP, REGISTER_ITEM, GObject)

struct _SpRegisterItem
{
  GObject        parent_instance;
  SpRegisterRow *row;
};

G_DEFINE_FINAL_TYPE (SpRegisterItem, sp_register_item, G_TYPE_OBJECT)

static void
sp_register_item_finalize (GObject *object)
{
  sp_register_row_free (SP_REGISTER_ITEM (object)->row);
  G_OBJECT_CLASS (sp_register_item_parent_class)->finalize (object);
}

static void
sp_register_item_class_init (SpRegisterItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_register_item_finalize;
}

static void
sp_register_item_init (SpRegisterItem *self)
{
}

/* ---- the page -------------------------------------------------------------------------- */

typedef enum
{
  COL_PUPIL,
  COL_CLASS,
  COL_YEAR,
  COL_STATUS,
  COL_NEED,
  COL_AREA,
  COL_PLAN,
  COL_NEXT_REVIEW,
  COL_REVIEWS,
  COL_MEETINGS,
  COL_COST,
  N_COLS
} Column;

typedef enum
{
  TAB_REGISTER,
  TAB_MAP,
  TAB_WORKS,
  N_TABS
} Tab;

typedef enum
{
  FILTER_CLASS,
  FILTER_YEAR,
  FILTER_STATUS,
  FILTER_AREA,
  FILTER_NEED,
  N_FILTERS
} Filter;

struct _SpSchoolPage
{
  AdwBin              parent_instance;

  SpStore            *store;
  gulong              changed_id;
  guint               refill_id;
  gboolean            filling;
  gboolean            stale[N_TABS];
  GListStore         *register_rows;       /* SpRegisterItem */
  GtkFilterListModel *register_filtered;
  GtkSliceListModel  *register_shown;      /* what the view shows: all of register_filtered,
                                              but for the frames just after a fill */
  guint               grow_id;             /* tick callback adding rows to register_shown */
  gboolean            grow_painted;        /* the first frame since the fill has come */
  GtkCustomFilter    *register_filter;
  GPtrArray          *filter_keys[N_FILTERS];   /* gchar *; index 0 is NULL, "all" */
  SpWhatWorks        *works;
  GtkFileChooserNative *chooser;

  AdwToastOverlay    *toasts;
  AdwViewStack       *stack;
  GtkDropDown        *class_filter;
  GtkDropDown        *year_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *area_filter;
  GtkDropDown        *need_filter;
  GtkLabel           *register_summary;
  GtkLabel           *register_counts;
  GtkColumnView      *register_view;
  GtkLabel           *map_title;
  GtkLabel           *map_summary;
  GtkWidget          *over_group;
  GtkListBox         *over_list;
  GtkWidget          *near_group;
  GtkListBox         *near_list;
  GtkBox             *areas_box;
  GtkDropDown        *works_cohort;
  GtkDrawingArea     *works_chart;
  GtkListBox         *works_list;
  GtkWidget          *stuck_group;
  GtkListBox         *stuck_list;

  GPtrArray          *pending;             /* PendingRow: rows of the provision map and what
                                              works still to make, in the page's order */
  guint               pending_id;          /* tick callback making them */
  gboolean            pending_painted;     /* the first frame since they were queued has come */
};

G_DEFINE_FINAL_TYPE (SpSchoolPage, sp_school_page, ADW_TYPE_BIN)

enum { PUPIL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void fill (SpSchoolPage *self);

static GtkDropDown *
filter_dropdown (SpSchoolPage *self,
                 Filter        filter)
{
  GtkDropDown *dropdowns[N_FILTERS] = { self->class_filter, self->year_filter,
                                        self->status_filter, self->area_filter,
                                        self->need_filter };
  return dropdowns[filter];
}

/* The key chosen in a filter, or NULL for all. */
static const gchar *
filter_key (SpSchoolPage *self,
            Filter        filter)
{
  guint selected = gtk_drop_down_get_selected (filter_dropdown (self, filter));
  GPtrArray *keys = self->filter_keys[filter];

  if (keys == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= keys->len)
    return NULL;
  return g_ptr_array_index (keys, selected);
}

static gboolean
register_match (gpointer item,
                gpointer user_data)
{
  SpSchoolPage *self = user_data;
  const SpRegisterRow *row = SP_REGISTER_ITEM (item)->row;
  const gchar *values[N_FILTERS] = { row->class_name, row->year_group, row->sen_status,
                                     row->area, row->primary_need };

  for (guint f = 0; f < N_FILTERS; f++)
    {
      const gchar *key = filter_key (self, (Filter) f);

      if (key != NULL && g_strcmp0 (key, values[f]) != 0)
        return FALSE;
    }
  return TRUE;
}

static gchar *
year_words (const gchar *year)
{
  if (g_strcmp0 (year, "R") == 0)
    return g_strdup (_("Reception"));
  if (year != NULL && g_ascii_isdigit (year[0]))
    return g_strdup_printf (_("Year %s"), year);
  return g_strdup (year ? year : "");
}

static gchar *
need_words (const gchar *code)
{
  const gchar *name;

  if (code == NULL || *code == '\0')
    return g_strdup (_("Not recorded"));
  name = sp_need_name (code);
  return name ? g_strdup_printf ("%s (%s)", _(name), code) : g_strdup (code);
}

static const gchar *
area_words (const gchar *key)
{
  if (key == NULL || *key == '\0')
    return _("Not recorded");
  return sp_area_name (sp_area_from_key (key));
}

/* The summary and the counts by area and need of what the filters show. */
static void
update_register_summary (SpSchoolPage *self)
{
  GListModel *model = G_LIST_MODEL (self->register_filtered);
  guint n = g_list_model_get_n_items (model);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->register_rows));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) by_area = NULL, by_need = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree gchar *summary = NULL;
  guint k = 0, e = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpRegisterItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (rows, item->row);
      if (g_strcmp0 (item->row->sen_status, "E") == 0)
        e++;
      else
        k++;
    }
  if (n == total)
    summary = g_strdup_printf (ngettext ("%u pupil on the register: %u with SEN support, %u "
                                         "with an EHC plan.",
                                         "%u pupils on the register: %u with SEN support, %u "
                                         "with an EHC plan.", n), n, k, e);
  else
    summary = g_strdup_printf (ngettext ("%u of %u pupils shown: %u with SEN support, %u with "
                                         "an EHC plan.",
                                         "%u of %u pupils shown: %u with SEN support, %u with "
                                         "an EHC plan.", n), n, total, k, e);
  gtk_label_set_text (self->register_summary, summary);

  by_area = sp_register_count_by_area (rows);
  by_need = sp_register_count_by_need (rows);
  for (guint a = SP_AREA_COMMUNICATION; a < SP_N_AREAS; a++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (by_area, sp_area_key ((SpArea) a)));

      if (count > 0)
        g_string_append_printf (counts, "%s%s: %u", counts->len ? " · " : "",
                                sp_area_name ((SpArea) a), count);
    }
  {
    guint n_types;
    const SpNeedType *types = sp_need_types (&n_types);

    g_string_append (counts, "\n");
    for (guint t = 0; t < n_types; t++)
      {
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (by_need, types[t].code));

        if (count > 0)
          g_string_append_printf (counts, "%s%s %u", counts->str[counts->len - 1] == '\n'
                                                     ? "" : " · ", types[t].code, count);
      }
    if (GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "")) > 0)
      g_string_append_printf (counts, _(" · no need recorded %u"),
                              GPOINTER_TO_UINT (g_hash_table_lookup (by_need, "")));
  }
  gtk_label_set_text (self->register_counts, counts->str);
}

static void
on_filter_changed (SpSchoolPage *self)
{
  if (self->filling || self->register_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->register_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_register_summary (self);
}

/* ---- register cells -------------------------------------------------------------------- */

/* A register column's natural width in characters: what its longest usual value takes. */
static const guint column_chars[N_COLS] = {
  [COL_PUPIL] = 19,
  [COL_CLASS] = 7,
  [COL_YEAR] = 8,
  [COL_STATUS] = 10,
  [COL_NEED] = 32,
  [COL_AREA] = 26,
  [COL_PLAN] = 5,
  [COL_NEXT_REVIEW] = 17,
  [COL_REVIEWS] = 5,
  [COL_MEETINGS] = 5,
  [COL_COST] = 10,
};

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);

  gtk_list_item_set_child (item, sp_register_cell_new (column_chars[col], col >= COL_REVIEWS));
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const SpRegisterRow *r = SP_REGISTER_ITEM (gtk_list_item_get_item (item))->row;
  SpRegisterCell *cell = SP_REGISTER_CELL (gtk_list_item_get_child (item));
  g_autofree gchar *text = NULL;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COL_PUPIL:
      text = g_strdup_printf ("%s, %s", r->surname, r->forename);
      break;
    case COL_CLASS:
      text = g_strdup (r->class_name);
      break;
    case COL_YEAR:
      text = year_words (r->year_group);
      break;
    case COL_STATUS:
      text = g_strdup (sp_sen_status_name (r->sen_status));
      break;
    case COL_NEED:
      text = need_words (r->primary_need);
      break;
    case COL_AREA:
      text = g_strdup (*r->area ? area_words (r->area) : "");
      break;
    case COL_PLAN:
      text = g_strdup (*r->plan_status ? sp_plan_status_name (r->plan_status) : _("No plan"));
      break;
    case COL_NEXT_REVIEW:
      text = *r->next_review ? sp_date_format_long (r->next_review) : g_strdup ("—");
      break;
    case COL_REVIEWS:
      text = g_strdup_printf ("%u", r->reviews);
      break;
    case COL_MEETINGS:
      text = g_strdup_printf ("%u", r->meetings);
      break;
    case COL_COST:
      text = sp_format_pence (r->cost_pence);
      break;
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  /* No tooltip: setting one costs about 0.1 ms a cell, and a long register binds thousands. */
  sp_register_cell_set_text (cell, text);
}

static void
on_register_activate (GtkColumnView *view,
                      guint          position,
                      SpSchoolPage  *self)
{
  g_autoptr(SpRegisterItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->register_shown), position);

  if (item != NULL)
    g_signal_emit (self, signals[PUPIL_ACTIVATED], 0, item->row->pupil_id);
}

static void
add_columns (SpSchoolPage *self)
{
  static const struct { const gchar *title; gboolean expand; } columns[N_COLS] = {
    { N_("Pupil"), TRUE },
    { N_("Class"), FALSE },
    { N_("Year"), FALSE },
    { N_("Status"), FALSE },
    { N_("Primary Need"), TRUE },
    { N_("Area"), TRUE },
    { N_("Plan"), FALSE },
    { N_("Next Review"), FALSE },
    { N_("Reviews"), FALSE },
    { N_("Meetings"), FALSE },
    { N_("Cost This Year"), FALSE },
  };

  for (guint c = 0; c < N_COLS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->register_view, column);
      g_object_unref (column);
    }
}

/* Fills a filter with "all" then @keys (shown through @words), keeping the choice. */
static void
set_filter_choices (SpSchoolPage  *self,
                    Filter         filter,
                    const gchar   *all,
                    GPtrArray     *keys,
                    GPtrArray     *labels)
{
  GtkDropDown *dropdown = filter_dropdown (self, filter);
  g_autofree gchar *keep = g_strdup (filter_key (self, filter));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->filter_keys[filter], g_ptr_array_unref);
  self->filter_keys[filter] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->filter_keys[filter], NULL);
  gtk_string_list_append (list, all);
  for (guint i = 0; i < keys->len; i++)
    {
      g_ptr_array_add (self->filter_keys[filter], g_strdup (g_ptr_array_index (keys, i)));
      gtk_string_list_append (list, g_ptr_array_index (labels, i));
      if (g_strcmp0 (keep, g_ptr_array_index (keys, i)) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static gint
compare_years (gconstpointer a,
               gconstpointer b)
{
  static const gchar order[] = "N1 N2 R 1 2 3 4 5 6 7 8 9 10 11 12 13 14";
  const gchar *x = *(const gchar * const *) a, *y = *(const gchar * const *) b;
  g_autofree gchar *kx = g_strdup_printf (" %s ", x), *ky = g_strdup_printf (" %s ", y);
  g_autofree gchar *padded = g_strdup_printf (" %s ", order);
  const gchar *px = strstr (padded, kx), *py = strstr (padded, ky);

  if (px == NULL || py == NULL)
    return g_strcmp0 (x, y);
  return px < py ? -1 : px > py;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* Filling the register: the view shows enough rows to fill the window in the first frame,
 * and the rest of them a step a frame after. GTK 4.8's list view makes a row for each of the
 * first 200 items whatever its height, and making them was most of the time to the page's first
 * frame; after 200 rows, more items make no more rows. */
#define GROW_STEP 48
#define GROW_DONE 200

static gboolean
grow_register (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SpSchoolPage *self = SP_SCHOOL_PAGE (widget);
  guint size = gtk_slice_list_model_get_size (self->register_shown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->register_filtered));

  if (!self->grow_painted)
    {
      /* This frame shows the first rows; the next ones add to them. */
      self->grow_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }
  size += GROW_STEP;
  if (size < GROW_DONE && size < n)
    {
      gtk_slice_list_model_set_size (self->register_shown, size);
      return G_SOURCE_CONTINUE;
    }
  gtk_slice_list_model_set_size (self->register_shown, G_MAXUINT);
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* Shows the first rows only, and the rest from the frame after next. */
static void
start_growing (SpSchoolPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  /* A row is more than 20 pixels high: this fills the window, with some to spare. */
  gtk_slice_list_model_set_size (self->register_shown,
                                 CLAMP ((guint) MAX (height, 0) / 20 + 8, GROW_STEP, GROW_DONE));
  self->grow_painted = FALSE;
  if (self->grow_id == 0)
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_register, NULL, NULL);
}

static void
fill_register (SpSchoolPage *self,
               GPtrArray    *rows)
{
  g_autoptr(GHashTable) classes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) years = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) needs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_types;
  const SpNeedType *types = sp_need_types (&n_types);

  for (guint i = 0; i < rows->len; i++)
    {
      SpRegisterRow *r = g_ptr_array_index (rows, i);

      if (*r->class_name)
        g_hash_table_add (classes, r->class_name);
      g_hash_table_add (years, r->year_group);
      g_hash_table_add (needs, r->primary_need);
    }

  self->filling = TRUE;
  {
    g_autofree gpointer *names = g_hash_table_get_keys_as_array (classes, NULL);

    g_ptr_array_set_size (keys, 0);
    g_ptr_array_set_size (labels, 0);
    qsort (names, g_hash_table_size (classes), sizeof (gpointer), compare_strings);
    for (guint i = 0; i < g_hash_table_size (classes); i++)
      {
        g_ptr_array_add (keys, names[i]);
        g_ptr_array_add (labels, g_strdup (names[i]));
      }
    set_filter_choices (self, FILTER_CLASS, _("All Classes"), keys, labels);
  }
  {
    g_autofree gpointer *names = g_hash_table_get_keys_as_array (years, NULL);

    g_ptr_array_set_size (keys, 0);
    g_ptr_array_set_size (labels, 0);
    qsort (names, g_hash_table_size (years), sizeof (gpointer), compare_years);
    for (guint i = 0; i < g_hash_table_size (years); i++)
      {
        g_ptr_array_add (keys, names[i]);
        g_ptr_array_add (labels, year_words (names[i]));
      }
    set_filter_choices (self, FILTER_YEAR, _("All Years"), keys, labels);
  }
  g_ptr_array_set_size (keys, 0);
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (keys, (gpointer) "K");
  g_ptr_array_add (labels, g_strdup (sp_sen_status_name ("K")));
  g_ptr_array_add (keys, (gpointer) "E");
  g_ptr_array_add (labels, g_strdup (sp_sen_status_name ("E")));
  set_filter_choices (self, FILTER_STATUS, _("All Statuses"), keys, labels);

  g_ptr_array_set_size (keys, 0);
  g_ptr_array_set_size (labels, 0);
  for (guint a = SP_AREA_COMMUNICATION; a < SP_N_AREAS; a++)
    {
      g_ptr_array_add (keys, (gpointer) sp_area_key ((SpArea) a));
      g_ptr_array_add (labels, g_strdup (sp_area_name ((SpArea) a)));
    }
  g_ptr_array_add (keys, (gpointer) sp_area_key (SP_AREA_NONE));
  g_ptr_array_add (labels, g_strdup (_("Other or no specialist assessment")));
  g_ptr_array_add (keys, (gpointer) "");
  g_ptr_array_add (labels, g_strdup (_("No need recorded")));
  set_filter_choices (self, FILTER_AREA, _("All Areas"), keys, labels);

  g_ptr_array_set_size (keys, 0);
  g_ptr_array_set_size (labels, 0);
  for (guint t = 0; t < n_types; t++)
    if (g_hash_table_contains (needs, types[t].code))
      {
        g_ptr_array_add (keys, (gpointer) types[t].code);
        g_ptr_array_add (labels, need_words (types[t].code));
      }
  if (g_hash_table_contains (needs, ""))
    {
      g_ptr_array_add (keys, (gpointer) "");
      g_ptr_array_add (labels, g_strdup (_("No need recorded")));
    }
  set_filter_choices (self, FILTER_NEED, _("All Needs"), keys, labels);

  for (guint i = 0; i < rows->len; i++)
    {
      SpRegisterItem *item = g_object_new (SP_TYPE_REGISTER_ITEM, NULL);

      item->row = g_ptr_array_index (rows, i);
      g_ptr_array_add (items, item);
    }
  /* The items own the rows now. */
  g_ptr_array_set_free_func (rows, NULL);
  start_growing (self);
  g_list_store_splice (self->register_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->register_rows)),
                       items->pdata, items->len);
  self->filling = FALSE;
  gtk_filter_changed (GTK_FILTER (self->register_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_register_summary (self);
}

/* ---- the provision map ----------------------------------------------------------------- */

static void
on_pupil_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        SpSchoolPage  *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "pupil-id");

  if (id != NULL)
    g_signal_emit (self, signals[PUPIL_ACTIVATED], 0, *id);
}

/* What a row shows, as AdwActionRow lays it out (the same CSS nodes: box.header > box.title >
 * label.title and label.subtitle, then the suffix and @icon), with all of its title and
 * subtitle shown however long, in SpRowText. Returns the header box; @arrow (may be NULL) is
 * set to the icon. */
static GtkWidget *
row_header (const gchar  *title,
            const gchar  *subtitle,
            const gchar  *suffix,
            const gchar  *icon,
            GtkWidget   **arrow)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (texts, "title");
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), sp_row_text_new (title, "title"));
  if (subtitle != NULL && *subtitle != '\0')
    gtk_box_append (GTK_BOX (texts), sp_row_text_new (subtitle, "subtitle"));
  gtk_box_append (GTK_BOX (header), texts);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), label);
    }
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), image);
      if (arrow != NULL)
        *arrow = image;
    }
  return header;
}

/* A row's accessible label is its title, its description the subtitle and the suffix. */
static void
describe_row (GtkWidget   *row,
              const gchar *title,
              const gchar *subtitle,
              const gchar *suffix)
{
  g_autofree gchar *description = NULL;

  if (subtitle != NULL && *subtitle != '\0' && suffix != NULL)
    description = g_strdup_printf ("%s · %s", subtitle, suffix);
  else
    description = g_strdup (subtitle != NULL && *subtitle != '\0' ? subtitle
                            : suffix != NULL ? suffix : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* A pupil's (or a figure's) row in a boxed list. A row with @pupil_id > 0 is activatable,
 * with an arrow, and opens that pupil (the lists' "row-activated"). */
static GtkWidget *
pupil_row (SpSchoolPage *self,
           const gchar  *title,
           const gchar  *subtitle,
           const gchar  *suffix,
           gint64        pupil_id)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                              row_header (title, subtitle, suffix,
                                          pupil_id > 0 ? "go-next-symbolic" : NULL, NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), pupil_id > 0);
  if (pupil_id > 0)
    g_object_set_data_full (G_OBJECT (row), "pupil-id", g_memdup2 (&pupil_id, sizeof pupil_id),
                            g_free);
  describe_row (row, title, subtitle, suffix);
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* An intervention's row opens, as an AdwExpanderRow does, on the pupils who have it. It is
 * laid out as one (the same CSS nodes: row.expander > box > list > row.header, then a revealer
 * with list.nested) with its title and subtitle in SpRowText; the pupils' list is made when
 * it is first opened, as a school's map can name thousands. */
static void
on_intervention_activated (GtkListBox    *list,
                           GtkListBoxRow *header,
                           GtkWidget     *row)
{
  GtkRevealer *revealer = g_object_get_data (G_OBJECT (row), "revealer");
  const gchar *text = g_object_get_data (G_OBJECT (row), "pupils");
  gboolean expanded = !gtk_revealer_get_reveal_child (revealer);

  if (expanded && text != NULL)
    {
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_append (GTK_LIST_BOX (gtk_revealer_get_child (revealer)), label);
      g_object_set_data (G_OBJECT (row), "pupils", NULL);
    }
  gtk_revealer_set_reveal_child (revealer, expanded);
  if (expanded)
    gtk_widget_set_state_flags (row, GTK_STATE_FLAG_CHECKED, FALSE);
  else
    gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_CHECKED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
}

/* Up and down arrows go on past the row's own lists, as in AdwExpanderRow. */
static gboolean
on_intervention_keynav_failed (GtkWidget        *list,
                               GtkDirectionType  direction)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (list));

  if (root == NULL || (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN))
    return FALSE;
  return gtk_widget_child_focus (root, direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                               : GTK_DIR_TAB_FORWARD);
}

static GtkWidget *
intervention_row (const gchar *title,
                  const gchar *subtitle,
                  const gchar *cost,
                  gchar       *pupils)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *header = gtk_list_box_row_new ();
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *nested = gtk_list_box_new ();
  GtkWidget *arrow = NULL;

  gtk_widget_add_css_class (row, "expander");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (header, "header");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (header),
                              row_header (title, subtitle, cost, "adw-expander-arrow-symbolic",
                                          &arrow));
  gtk_widget_add_css_class (arrow, "expander-row-arrow");
  describe_row (header, title, subtitle, cost);
  gtk_accessible_update_state (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE,
                               -1);
  gtk_list_box_append (GTK_LIST_BOX (list), header);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (nested), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (nested, "nested");
  gtk_revealer_set_child (GTK_REVEALER (revealer), nested);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), revealer);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "revealer", revealer);
  g_object_set_data_full (G_OBJECT (row), "pupils", pupils, g_free);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_intervention_activated), row, 0);
  g_signal_connect (list, "keynav-failed", G_CALLBACK (on_intervention_keynav_failed), NULL);
  g_signal_connect (nested, "keynav-failed", G_CALLBACK (on_intervention_keynav_failed), NULL);
  return row;
}

/* ---- rows made a step a frame ------------------------------------------------------------
 *
 * A tab of the provision map or what works makes the rows that fill the window before its
 * first frame, and the rest, in the page's order, a step a frame from the frame after: each
 * row costs a fraction of a millisecond, and a school has hundreds (222 over the threshold and
 * 50 interventions in the 2,000-pupil benchmark school). The figures above them (summary,
 * counts, chart) are all there in the first frame. */

#define PENDING_STEP 32

typedef struct
{
  Tab         tab;
  GtkListBox *list;            /* owned by the tab: entries go before it is emptied */
  gchar      *title;
  gchar      *subtitle;
  gchar      *suffix;
  gchar      *pupils;          /* an intervention's pupils, or NULL for a pupil's row */
  gint64      pupil_id;
} PendingRow;

static void
pending_row_free (gpointer data)
{
  PendingRow *p = data;

  g_free (p->title);
  g_free (p->subtitle);
  g_free (p->suffix);
  g_free (p->pupils);
  g_free (p);
}

static void
queue_row (SpSchoolPage *self,
           Tab           tab,
           GtkListBox   *list,
           const gchar  *title,
           const gchar  *subtitle,
           const gchar  *suffix,
           gint64        pupil_id,
           gchar        *pupils)
{
  PendingRow *p = g_new0 (PendingRow, 1);

  p->tab = tab;
  p->list = list;
  p->title = g_strdup (title);
  p->subtitle = g_strdup (subtitle);
  p->suffix = g_strdup (suffix);
  p->pupil_id = pupil_id;
  p->pupils = pupils;
  g_ptr_array_add (self->pending, p);
}

static void
make_row (SpSchoolPage *self,
          PendingRow   *p)
{
  GtkWidget *row;

  if (p->pupils != NULL)
    row = intervention_row (p->title, p->subtitle, p->suffix, g_steal_pointer (&p->pupils));
  else
    row = pupil_row (self, p->title, p->subtitle, p->suffix, p->pupil_id);
  gtk_list_box_append (p->list, row);
}

/* Forgets the rows still to make of @tab (of its list @list only, if not NULL). */
static void
drop_pending (SpSchoolPage *self,
              Tab           tab,
              GtkListBox   *list)
{
  for (guint i = self->pending->len; i > 0; i--)
    {
      PendingRow *p = g_ptr_array_index (self->pending, i - 1);

      if (p->tab == tab && (list == NULL || p->list == list))
        g_ptr_array_remove_index (self->pending, i - 1);
    }
}

/* Makes up to @n rows still to make, of @tab only if it is not N_TABS. */
static void
make_pending (SpSchoolPage *self,
              Tab           tab,
              guint         n)
{
  guint made = 0;

  for (guint i = 0; i < self->pending->len && made < n;)
    {
      PendingRow *p = g_ptr_array_index (self->pending, i);

      if (tab != N_TABS && p->tab != tab)
        {
          i++;
          continue;
        }
      make_row (self, p);
      g_ptr_array_remove_index (self->pending, i);
      made++;
    }
}

static gboolean
make_pending_step (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  SpSchoolPage *self = SP_SCHOOL_PAGE (widget);

  if (!self->pending_painted)
    {
      /* This frame shows the first rows; the next ones add to them. */
      self->pending_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }
  make_pending (self, N_TABS, PENDING_STEP);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->pending_id = 0;
  return G_SOURCE_REMOVE;
}

/* Makes the rows of @tab that fill the window now, and the rest from the frame after next. */
static void
start_pending (SpSchoolPage *self,
               Tab           tab)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  /* A row is at least 50 pixels high: this fills the window, with some to spare. */
  make_pending (self, tab, MAX (height, 800) / 50 + 4);
  self->pending_painted = FALSE;
  if (self->pending->len > 0 && self->pending_id == 0)
    self->pending_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), make_pending_step, NULL,
                                                     NULL);
}

static void
fill_map (SpSchoolPage   *self,
          SpProvisionMap *map)
{
  g_autofree gchar *threshold = sp_format_pence (map->threshold_pence);
  g_autofree gchar *total = sp_format_pence (map->total_pence);
  g_autofree gchar *start = sp_date_format_long (map->year_start);
  g_autofree gchar *end = sp_date_format_long (map->year_end);
  g_autofree gchar *summary = NULL;
  guint over = 0, near = 0;
  GtkWidget *group = NULL, *list = NULL;
  const gchar *area = NULL;

  drop_pending (self, TAB_MAP, NULL);
  clear_box (GTK_WIDGET (self->over_list));
  clear_box (GTK_WIDGET (self->near_list));
  clear_box (GTK_WIDGET (self->areas_box));

  for (guint i = 0; i < map->pupils->len; i++)
    {
      const SpMapPupil *p = g_ptr_array_index (map->pupils, i);
      SpCostBand band = sp_cost_band (p->cost_pence, map->threshold_pence);
      g_autofree gchar *name = NULL, *subtitle = NULL, *cost = NULL, *need = NULL, *diff = NULL;

      if (band == SP_COST_WITHIN)
        continue;
      name = g_strdup_printf ("%s %s", p->forename, p->surname);
      need = need_words (p->primary_need);
      diff = sp_format_pence (band == SP_COST_OVER ? p->cost_pence - map->threshold_pence
                                                   : map->threshold_pence - p->cost_pence);
      subtitle = g_strdup_printf (band == SP_COST_OVER ? _("%s · %s · %s · %s over")
                                                       : _("%s · %s · %s · %s below"),
                                  p->class_name, sp_sen_status_name (p->sen_status), need, diff);
      cost = sp_format_pence (p->cost_pence);
      queue_row (self, TAB_MAP, band == SP_COST_OVER ? self->over_list : self->near_list, name,
                 subtitle, cost, p->pupil_id, NULL);
      if (band == SP_COST_OVER)
        over++;
      else
        near++;
    }
  gtk_widget_set_visible (self->over_group, over > 0);
  gtk_widget_set_visible (self->near_group, near > 0);
  {
    g_autofree gchar *title = g_strdup_printf (_("Over the %s Threshold"), threshold);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->over_group), title);
  }

  summary = g_strdup_printf (_("Provision delivered %s to %s: %s in all, %.1f staff hours a week, "
                               "for %u pupils. The notional SEN threshold is %s a pupil: %u "
                               "over it, %u near it."),
                             start, end, total, map->total_staff_hours, map->pupils->len,
                             threshold, over, near);
  gtk_label_set_text (self->map_summary, summary);

  for (guint i = 0; i < map->interventions->len; i++)
    {
      const SpIntervention *v = g_ptr_array_index (map->interventions, i);
      g_autofree gchar *cost = sp_format_pence (v->cost_pence);
      g_autofree gchar *subtitle = NULL, *often = NULL, *who = NULL;
      GString *pupils = g_string_new (NULL);

      for (guint p = 0; p < v->pupils->len; p++)
        {
          const SpMapPupil *mp = g_ptr_array_index (v->pupils, p);
          g_autofree gchar *c = sp_format_pence (mp->cost_pence);

          g_string_append_printf (pupils, "%s%s %s (%s) %s", p ? "\n" : "", mp->forename,
                                  mp->surname, mp->class_name, c);
        }

      if (group == NULL || g_strcmp0 (area, v->area) != 0)
        {
          area = v->area;
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), area_words (area));
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          area_words (area), -1);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
          gtk_box_append (self->areas_box, group);
        }
      often = v->group_size > 1
        ? g_strdup_printf (_("%u × %u min a week, groups of %u"), v->sessions_per_week,
                           v->minutes, v->group_size)
        : g_strdup_printf (_("%u × %u min a week, one to one"), v->sessions_per_week,
                           v->minutes);
      who = *v->staff ? g_strdup_printf ("%s: %s", v->role_label, v->staff)
                      : g_strdup (v->role_label);
      subtitle = g_strdup_printf (ngettext ("%s · %s · %.1f staff hours a week · %u pupil",
                                            "%s · %s · %.1f staff hours a week · %u pupils",
                                            v->pupils->len),
                                  who, often, v->staff_hours, v->pupils->len);
      queue_row (self, TAB_MAP, GTK_LIST_BOX (list), v->description, subtitle, cost, 0,
                 g_string_free (pupils, FALSE));
    }
  start_pending (self, TAB_MAP);
}

/* ---- what works ------------------------------------------------------------------------ */

static GPtrArray *
current_effects (SpSchoolPage *self)
{
  if (self->works == NULL)
    return NULL;
  switch (gtk_drop_down_get_selected (self->works_cohort))
    {
    case 1:
      return self->works->by_need;
    case 2:
      return self->works->by_year;
    default:
      return self->works->interventions;
    }
}

#define CHART_ROW 30
#define CHART_TOP 28

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         gdouble  alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* One bar a row: achieved, partly and not achieved, stacked, out of all targets judged. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            gint            width,
            gint            height,
            gpointer        user_data)
{
  SpSchoolPage *self = user_data;
  GPtrArray *effects = current_effects (self);
  GtkWidget *widget = GTK_WIDGET (area);
  static const guint32 colours[3] = { 0x2ec27e, 0xf5c211, 0xe66100 };
  const gchar *legend[3] = { _("Achieved"), _("Partly"), _("Not achieved") };
  gdouble label_w = MIN (320, width * 0.4), bar_x = label_w + 12, bar_w;
  GdkRGBA fg;
  gdouble lx = bar_x;

  if (effects == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  bar_w = MAX (width - bar_x - 56, 20);

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, legend[k]);
      gint lw, lh;

      set_rgb (cr, colours[k], 1);
      cairo_rectangle (cr, lx, 6, 12, 12);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, lx + 16, 12 - lh / 2.0);
      pango_cairo_show_layout (cr, layout);
      lx += 16 + lw + 18;
    }

  for (guint i = 0; i < effects->len; i++)
    {
      const SpEffect *e = g_ptr_array_index (effects, i);
      gdouble y = CHART_TOP + i * CHART_ROW;
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, e->label);
      g_autofree gchar *percent = g_strdup_printf ("%.0f%%", 100 * sp_effect_share_achieved (e));
      g_autoptr(PangoLayout) share = gtk_widget_create_pango_layout (widget, percent);
      guint parts[3] = { e->achieved, e->partly, e->not_achieved };
      gdouble x = bar_x;
      gint lw, lh;

      pango_layout_set_width (name, (gint) (label_w * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (name, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (CHART_ROW - lh) / 2.0);
      pango_cairo_show_layout (cr, name);

      for (guint k = 0; k < 3 && e->outcomes > 0; k++)
        {
          gdouble w = bar_w * parts[k] / e->outcomes;

          set_rgb (cr, colours[k], 1);
          cairo_rectangle (cr, x, y + 6, w, CHART_ROW - 12);
          cairo_fill (cr);
          x += w;
        }
      pango_layout_get_pixel_size (share, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, bar_x + bar_w + 8, y + (CHART_ROW - lh) / 2.0);
      pango_cairo_show_layout (cr, share);
    }
}

static gchar *
measure_text (gdouble value)
{
  g_autofree gchar *text = g_strdup_printf ("%.1f", value);

  if (g_str_has_suffix (text, ".0"))
    text[strlen (text) - 2] = '\0';
  return g_steal_pointer (&text);
}

/* Queues the rows of the outcomes of the cohort chosen. */
static void
queue_works_list (SpSchoolPage *self)
{
  GPtrArray *effects = current_effects (self);

  drop_pending (self, TAB_WORKS, self->works_list);
  clear_box (GTK_WIDGET (self->works_list));
  if (effects == NULL)
    return;
  gtk_drawing_area_set_content_height (self->works_chart,
                                       CHART_TOP + MAX (effects->len, 1) * CHART_ROW);
  gtk_widget_queue_draw (GTK_WIDGET (self->works_chart));
  for (guint i = 0; i < effects->len; i++)
    {
      const SpEffect *e = g_ptr_array_index (effects, i);
      g_autofree gchar *subtitle = NULL, *means = NULL, *share = NULL;

      if (e->measured > 0)
        {
          g_autofree gchar *b = measure_text (e->mean_before);
          g_autofree gchar *a = measure_text (e->mean_after);

          means = g_strdup_printf (_(" · mean %s → %s %s"), b, a, e->unit);
        }
      subtitle = g_strdup_printf (ngettext ("%u pupil · %u targets: %u achieved, %u partly, %u "
                                            "not achieved%s",
                                            "%u pupils · %u targets: %u achieved, %u partly, %u "
                                            "not achieved%s", e->pupils),
                                  e->pupils, e->outcomes, e->achieved, e->partly,
                                  e->not_achieved, means ? means : "");
      share = g_strdup_printf (_("%.0f%% achieved"), 100 * sp_effect_share_achieved (e));
      queue_row (self, TAB_WORKS, self->works_list, e->label, subtitle, share, 0, NULL);
    }
  if (effects->len == 0)
    queue_row (self, TAB_WORKS, self->works_list, _("No review has been completed yet"),
               _("Outcomes appear here once reviews are recorded."), NULL, 0, NULL);
}

static void
on_cohort_changed (SpSchoolPage *self)
{
  queue_works_list (self);
  start_pending (self, TAB_WORKS);
}

static void
fill_works (SpSchoolPage *self)
{
  drop_pending (self, TAB_WORKS, NULL);
  queue_works_list (self);
  clear_box (GTK_WIDGET (self->stuck_list));
  for (guint i = 0; self->works && i < self->works->stuck->len; i++)
    {
      const SpStuckPupil *s = g_ptr_array_index (self->works->stuck, i);
      g_autofree gchar *d1 = sp_date_format_long (s->first_review);
      g_autofree gchar *d2 = sp_date_format_long (s->last_review);
      g_autofree gchar *subtitle =
        g_strdup_printf (_("%s · %s: %u of %u not achieved · %s: %u of %u not achieved"),
                         s->class_name, d1, s->not_achieved_first, s->targets_first, d2,
                         s->not_achieved_last, s->targets_last);

      queue_row (self, TAB_WORKS, self->stuck_list, s->name, subtitle, NULL, s->pupil_id, NULL);
    }
  gtk_widget_set_visible (self->stuck_group, self->works && self->works->stuck->len > 0);
  start_pending (self, TAB_WORKS);
}

/* ---- filling --------------------------------------------------------------------------- */

static void
toast (SpSchoolPage *self,
       const gchar  *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* Fills the tab shown now, if it is out of date; the others wait until they are shown. */
static void
fill (SpSchoolPage *self)
{
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GError) error = NULL;
  const gchar *tab = adw_view_stack_get_visible_child_name (self->stack);

  if (self->store == NULL)
    return;

  if (g_strcmp0 (tab, "provision") == 0 && self->stale[TAB_MAP])
    {
      g_autoptr(SpProvisionMap) map = sp_store_load_provision_map (self->store, today, &error);
      g_autofree gchar *title = NULL;

      if (map == NULL)
        {
          toast (self, error->message);
          return;
        }
      title = g_strdup_printf (_("Provision Map %u–%02u"), sp_academic_year_for_date (today),
                               (sp_academic_year_for_date (today) + 1) % 100);
      gtk_label_set_text (self->map_title, title);
      fill_map (self, map);
      self->stale[TAB_MAP] = FALSE;
    }
  else if (g_strcmp0 (tab, "works") == 0 && self->stale[TAB_WORKS])
    {
      g_clear_pointer (&self->works, sp_what_works_free);
      self->works = sp_store_load_what_works (self->store, &error);
      if (self->works == NULL)
        {
          toast (self, error->message);
          return;
        }
      fill_works (self);
      self->stale[TAB_WORKS] = FALSE;
    }
  else if (g_strcmp0 (tab, "register") == 0 && self->stale[TAB_REGISTER])
    {
      g_autoptr(GPtrArray) rows = sp_store_list_register (self->store, today, &error);

      if (rows == NULL)
        {
          toast (self, error->message);
          return;
        }
      fill_register (self, rows);
      self->stale[TAB_REGISTER] = FALSE;
    }
}

static void
mark_stale (SpSchoolPage *self)
{
  for (guint t = 0; t < N_TABS; t++)
    self->stale[t] = TRUE;
}

static void
on_tab_shown (SpSchoolPage *self)
{
  fill (self);
}

static gboolean
refill_idle (gpointer data)
{
  SpSchoolPage *self = data;

  self->refill_id = 0;
  mark_stale (self);
  fill (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (SpStore      *store,
                  const gchar  *table,
                  gint64        id,
                  SpSchoolPage *self)
{
  /* Out of sight, the page only notes that it is out of date (a teacher typing in a plan
   * must not pay for the register); in sight, many changes in a row (an import) make one
   * refill, a moment later. */
  mark_stale (self);
  if (self->refill_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refill_id = g_timeout_add (300, refill_idle, self);
}

static void
on_map (SpSchoolPage *self)
{
  fill (self);
}

/* ---- exports --------------------------------------------------------------------------- */

typedef enum
{
  EXPORT_REGISTER_CSV,
  EXPORT_REGISTER_PDF,
  EXPORT_MAP,
  EXPORT_WORKS,
} ExportKind;

static void
on_export_response (GtkNativeDialog *chooser,
                    gint             response,
                    SpSchoolPage    *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr(GFile) file = NULL;
  g_autofree gchar *path = NULL;
  g_autoptr(GDate) today = sp_date_today ();
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL || self->store == NULL)
    return;

  switch (kind)
    {
    case EXPORT_REGISTER_CSV:
    case EXPORT_REGISTER_PDF:
      {
        /* What the register shows: the filters apply to the file too. */
        GListModel *model = G_LIST_MODEL (self->register_filtered);
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GPtrArray) borrowed = g_ptr_array_new ();
        g_autoptr(GString) only = g_string_new (NULL);

        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            SpRegisterItem *item = g_list_model_get_item (model, i);

            g_ptr_array_add (rows, item);
            g_ptr_array_add (borrowed, item->row);
          }
        for (guint f = 0; f < N_FILTERS; f++)
          {
            GtkDropDown *dropdown = filter_dropdown (self, (Filter) f);
            GtkStringObject *chosen = gtk_drop_down_get_selected_item (dropdown);

            if (filter_key (self, (Filter) f) != NULL && chosen != NULL)
              g_string_append_printf (only, "%s%s", only->len ? " · " : "",
                                      gtk_string_object_get_string (chosen));
          }
        ok = sp_senco_save_register (self->store, borrowed, today, kind == EXPORT_REGISTER_CSV,
                                     only->len ? only->str : NULL, path, &error);
      }
      break;
    case EXPORT_MAP:
      ok = sp_senco_export_provision_map (self->store, today, path, &error);
      break;
    case EXPORT_WORKS:
      ok = sp_senco_export_what_works (self->store, today, path, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok)
    {
      g_autofree gchar *base = g_file_get_basename (file);
      g_autofree gchar *text = g_strdup_printf (_("Saved “%s”"), base);

      toast (self, text);
    }
  else
    toast (self, error->message);
}

static void
export (SpSchoolPage *self,
        ExportKind    kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (today);
  g_autofree gchar *name = NULL;
  const gchar *documents;
  gboolean csv = kind == EXPORT_REGISTER_CSV;
  static const gchar *const words[] = { N_("SEN register"), N_("SEN register"),
                                        N_("provision map"), N_("what works") };

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (csv ? _("Export the Register as CSV")
                                               : _("Export as PDF"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, csv ? _("CSV spreadsheets") : _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "application/pdf");
  gtk_file_filter_add_suffix (filter, csv ? "csv" : "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  name = g_strdup_printf ("%s %s.%s", _(words[kind]), iso, csv ? "csv" : "pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_register_csv (SpSchoolPage *self)
{
  export (self, EXPORT_REGISTER_CSV);
}

static void
on_register_pdf (SpSchoolPage *self)
{
  export (self, EXPORT_REGISTER_PDF);
}

static void
on_map_pdf (SpSchoolPage *self)
{
  export (self, EXPORT_MAP);
}

static void
on_works_pdf (SpSchoolPage *self)
{
  export (self, EXPORT_WORKS);
}

/* ---- the type -------------------------------------------------------------------------- */

static void
sp_school_page_dispose (GObject *object)
{
  SpSchoolPage *self = SP_SCHOOL_PAGE (object);

  g_clear_handle_id (&self->refill_id, g_source_remove);
  if (self->pending_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_id);
  self->pending_id = 0;
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  if (self->store != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SCHOOL_PAGE);
  G_OBJECT_CLASS (sp_school_page_parent_class)->dispose (object);
}

static void
sp_school_page_finalize (GObject *object)
{
  SpSchoolPage *self = SP_SCHOOL_PAGE (object);

  g_clear_object (&self->register_rows);
  g_clear_object (&self->register_filtered);
  g_clear_object (&self->register_shown);
  g_clear_pointer (&self->works, sp_what_works_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  for (guint f = 0; f < N_FILTERS; f++)
    g_clear_pointer (&self->filter_keys[f], g_ptr_array_unref);
  G_OBJECT_CLASS (sp_school_page_parent_class)->finalize (object);
}

static void
sp_school_page_class_init (SpSchoolPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_school_page_dispose;
  object_class->finalize = sp_school_page_finalize;

  signals[PUPIL_ACTIVATED] = g_signal_new ("pupil-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/"
                                               "sp-school-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, class_filter);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, year_filter);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, need_filter);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, register_summary);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, register_counts);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, register_view);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, map_title);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, map_summary);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, over_group);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, over_list);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, near_group);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, near_list);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, areas_box);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, works_cohort);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, works_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, works_list);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, stuck_group);
  gtk_widget_class_bind_template_child (widget_class, SpSchoolPage, stuck_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cohort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_register_csv);
  gtk_widget_class_bind_template_callback (widget_class, on_register_pdf);
  gtk_widget_class_bind_template_callback (widget_class, on_map_pdf);
  gtk_widget_class_bind_template_callback (widget_class, on_works_pdf);
}

static void
sp_school_page_init (SpSchoolPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_ptr_array_new_with_free_func (pending_row_free);
  self->toasts = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->register_rows = g_list_store_new (SP_TYPE_REGISTER_ITEM);
  self->register_filter = gtk_custom_filter_new (register_match, self, NULL);
  self->register_filtered = gtk_filter_list_model_new (
    G_LIST_MODEL (g_object_ref (self->register_rows)), GTK_FILTER (self->register_filter));
  self->register_shown = gtk_slice_list_model_new (
    G_LIST_MODEL (g_object_ref (self->register_filtered)), 0, G_MAXUINT);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->register_shown)));
  gtk_column_view_set_model (self->register_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect (self->register_view, "activate", G_CALLBACK (on_register_activate), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_tab_shown),
                            self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  add_columns (self);

  g_signal_connect (self->over_list, "row-activated", G_CALLBACK (on_pupil_row_activated), self);
  g_signal_connect (self->near_list, "row-activated", G_CALLBACK (on_pupil_row_activated), self);
  g_signal_connect (self->stuck_list, "row-activated", G_CALLBACK (on_pupil_row_activated),
                    self);
  gtk_drawing_area_set_draw_func (self->works_chart, draw_chart, self, NULL);
  gtk_widget_set_visible (self->over_group, FALSE);
  gtk_widget_set_visible (self->near_group, FALSE);
  gtk_widget_set_visible (self->stuck_group, FALSE);
}

GtkWidget *
sp_school_page_new (void)
{
  return g_object_new (SP_TYPE_SCHOOL_PAGE, NULL);
}

/* Shows the school of @store, and keeps it up to date while the page lives. */
void
sp_school_page_show (SpSchoolPage *self,
                     SpStore      *store)
{
  g_return_if_fail (SP_IS_SCHOOL_PAGE (self));
  g_return_if_fail (SP_IS_STORE (store));

  if (self->store != store)
    {
      if (self->store != NULL && self->changed_id != 0)
        g_clear_signal_handler (&self->changed_id, self->store);
      g_set_object (&self->store, store);
      self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
    }
  g_clear_handle_id (&self->refill_id, g_source_remove);
  mark_stale (self);
  fill (self);
}

guint
sp_school_page_get_register_count (SpSchoolPage *self)
{
  g_return_val_if_fail (SP_IS_SCHOOL_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->register_filtered));
}

/* ---- one pupil's evidence pack --------------------------------------------------------- */

typedef struct
{
  SpStore         *store;
  gint64           pupil_id;
  AdwToastOverlay *toasts;     /* weak: may go before the chooser answers */
} EvidenceSave;

static void
evidence_save_free (EvidenceSave *save)
{
  g_clear_object (&save->store);
  g_clear_weak_pointer (&save->toasts);
  g_free (save);
}

static void
on_evidence_response (GtkNativeDialog *chooser,
                      gint             response,
                      EvidenceSave    *save)
{
  g_autoptr(GFile) file = NULL;
  g_autofree gchar *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      if (sp_senco_export_evidence_pack (save->store, save->pupil_id, NULL, path, &error))
        {
          g_autofree gchar *base = g_file_get_basename (file);
          message = g_strdup_printf (_("Saved “%s”"), base);
        }
      else
        message = g_strdup (error->message);
      if (save->toasts != NULL)
        adw_toast_overlay_add_toast (save->toasts, adw_toast_new (message));
      else
        g_message ("%s", message);
    }
  evidence_save_free (save);
  g_object_unref (chooser);
}

/* Asks where to save @pupil_id's evidence pack (sp-senco-documents.h), then saves it and says
 * so, or why not, in @toasts (may be NULL). For the pupil page's menu. */
void
sp_school_page_save_evidence_pack (GtkWindow       *parent,
                                   SpStore         *store,
                                   gint64           pupil_id,
                                   AdwToastOverlay *toasts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPupilRecord) pupil = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDate) today = sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (today);
  g_autofree gchar *name = NULL;
  GtkFileChooserNative *chooser;
  EvidenceSave *save;
  const gchar *documents;

  g_return_if_fail (SP_IS_STORE (store));

  pupil = sp_store_load_record (store, pupil_id, &error);
  if (pupil == NULL || pupil->plans->len == 0)
    {
      const gchar *text = pupil == NULL ? error->message
                          : _("This pupil has no support plan yet, so there is no evidence to "
                              "send.");
      if (toasts != NULL)
        adw_toast_overlay_add_toast (toasts, adw_toast_new (text));
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Save the Evidence Pack"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  /* A file name never holds a slash, whatever a name holds. */
  name = g_strdelimit (g_strdup_printf (_("%s %s - evidence pack - %s.pdf"), pupil->surname,
                                        pupil->forename, iso), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  save = g_new0 (EvidenceSave, 1);
  save->store = g_object_ref (store);
  save->pupil_id = pupil_id;
  g_set_weak_pointer (&save->toasts, toasts);
  g_signal_connect (chooser, "response", G_CALLBACK (on_evidence_response), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
