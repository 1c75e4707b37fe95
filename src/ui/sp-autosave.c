/* sp-autosave.c: saves what a teacher types, as they type.
 *
 * Each watched field is saved SP_AUTOSAVE_DELAY_MS after the last keystroke, through the
 * SpSaver's writer thread, so typing never waits for the disk. Revisions are kept per row:
 * every save of a row expects the revision the saves before it will have made, so a run of
 * saves from this page never trips over itself, while a change made elsewhere (another window,
 * another copy of the app) is caught as stale and shown, never overwritten silently.
 *
 * Signals:
 *   failed (message): a save was refused (a bad date, a stale revision, a full disk).
 *   stale (field, id, theirs, mine): someone else changed it first.
 *   saved (field, id): a save reached the database. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-autosave.h"
#include "sp-dates.h"

typedef struct
{
  SpAutosave *self;          /* not owned */
  GObject    *source;        /* the editable or buffer, weak */
  SpField     field;
  gint64      id;
  gboolean    is_date;
  guint       timeout_id;
  gulong      handler_id;
} Watch;

struct _SpAutosave
{
  GObject     parent_instance;

  SpStore    *store;
  SpSaver    *saver;
  GHashTable *revisions;     /* "table:id" → gint64 * */
  GPtrArray  *watches;       /* Watch * */
};

G_DEFINE_FINAL_TYPE (SpAutosave, sp_autosave, G_TYPE_OBJECT)

enum { SAVED, FAILED, STALE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gchar *
row_key (const gchar *table,
         gint64       id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);
}

static void
watch_free (gpointer data)
{
  Watch *w = data;

  g_clear_handle_id (&w->timeout_id, g_source_remove);
  if (w->source != NULL)
    {
      g_clear_signal_handler (&w->handler_id, w->source);
      g_object_remove_weak_pointer (w->source, (gpointer *) &w->source);
    }
  g_free (w);
}

static void
sp_autosave_finalize (GObject *object)
{
  SpAutosave *self = SP_AUTOSAVE (object);

  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->revisions, g_hash_table_unref);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_autosave_parent_class)->finalize (object);
}

static void
sp_autosave_class_init (SpAutosaveClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_autosave_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[STALE] = g_signal_new ("stale", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_INT64,
                                 G_TYPE_STRING, G_TYPE_STRING);
}

static void
sp_autosave_init (SpAutosave *self)
{
  self->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->watches = g_ptr_array_new_with_free_func (watch_free);
}

SpAutosave *
sp_autosave_new (SpStore *store,
                 SpSaver *saver)
{
  SpAutosave *self = g_object_new (SP_TYPE_AUTOSAVE, NULL);

  self->store = g_object_ref (store);
  self->saver = g_object_ref (saver);
  return self;
}

void
sp_autosave_set_revision (SpAutosave  *self,
                          const gchar *table,
                          gint64       id,
                          gint64       revision)
{
  g_hash_table_insert (self->revisions, row_key (table, id), g_memdup2 (&revision, sizeof revision));
}

/* The revision the next save of this row is based on; counts the save in. */
static gint64
take_revision (SpAutosave *self,
               SpField     field,
               gint64      id)
{
  g_autofree gchar *key = row_key (sp_field_table (field), id);
  gint64 *rev = g_hash_table_lookup (self->revisions, key);

  if (rev == NULL)
    {
      /* A row the page did not announce: its revision is the database's now. */
      gint64 current = 0;
      g_free (sp_store_read_text (self->store, field, id, &current, NULL));
      sp_autosave_set_revision (self, sp_field_table (field), id, current);
      rev = g_hash_table_lookup (self->revisions, key);
    }
  return (*rev)++;
}

typedef struct
{
  SpField  field;
  gint64   id;
  gchar   *mine;
} Pending;

static void
on_saved (GObject      *owner,
          gint64        new_revision,
          gint64        cost,
          const GError *error,
          gpointer      user_data)
{
  SpAutosave *self = SP_AUTOSAVE (owner);
  Pending *p = user_data;

  if (error == NULL)
    g_signal_emit (self, signals[SAVED], 0, (gint) p->field, p->id);
  else
    {
      gint64 actual = 0;
      g_autofree gchar *theirs = sp_store_read_text (self->store, p->field, p->id, &actual,
                                                     NULL);

      /* The optimistic count went wrong with this save: start again from the database's. */
      if (theirs != NULL)
        sp_autosave_set_revision (self, sp_field_table (p->field), p->id, actual);

      if (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE) && theirs != NULL)
        g_signal_emit (self, signals[STALE], 0, (gint) p->field, p->id, theirs, p->mine);
      else
        g_signal_emit (self, signals[FAILED], 0, error->message);
    }
  g_free (p->mine);
  g_free (p);
}

void
sp_autosave_save_now (SpAutosave  *self,
                      SpField      field,
                      gint64       id,
                      const gchar *text)
{
  Pending *p = g_new0 (Pending, 1);

  p->field = field;
  p->id = id;
  p->mine = g_strdup (text);
  sp_saver_save_text (self->saver, field, id, take_revision (self, field, id),
                      text, G_OBJECT (self), on_saved, p);
}

void
sp_autosave_save_provision (SpAutosave            *self,
                            gint64                 id,
                            const SpProvisionSpec *spec,
                            GObject               *owner,
                            SpSaverDone            done,
                            gpointer               user_data)
{
  sp_saver_save_provision (self->saver, id,
                           take_revision (self, SP_FIELD_PROVISION_DESCRIPTION, id), spec, owner,
                           done, user_data);
}

static gchar *
watch_text (Watch *w)
{
  if (GTK_IS_TEXT_BUFFER (w->source))
    {
      GtkTextIter start, end;
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (w->source), &start, &end);
      return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (w->source), &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (w->source)));
}

/* Dates are typed the English way (14/03/2026) and stored as 2026-03-14. */
gchar *
sp_date_from_user (const gchar *text)
{
  g_autofree gchar *t = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDate) date = NULL;
  guint d, m, y;
  gchar extra;

  if (*t == '\0')
    return g_strdup ("");
  if ((date = sp_date_parse_iso (t)) != NULL)
    return sp_date_to_iso (date);
  if ((sscanf (t, "%u/%u/%u%c", &d, &m, &y, &extra) == 3
       || sscanf (t, "%u.%u.%u%c", &d, &m, &y, &extra) == 3)
      && y >= 1900 && y <= 2200 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_autoptr(GDate) dmy = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
      return sp_date_to_iso (dmy);
    }
  return NULL;
}

gchar *
sp_date_to_user (const gchar *iso)
{
  g_autoptr(GDate) date = sp_date_parse_iso (iso);

  if (date == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static void
save_watch (Watch *w)
{
  g_autofree gchar *text = watch_text (w);

  if (w->is_date)
    {
      g_autofree gchar *iso = sp_date_from_user (text);

      if (iso == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (w->source), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (w->source),
                                       _("Write the date as day/month/year, for example "
                                         "14/03/2026"));
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (w->source), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (w->source), NULL);
      sp_autosave_save_now (w->self, w->field, w->id, iso);
      return;
    }
  sp_autosave_save_now (w->self, w->field, w->id, text);
}

static gboolean
on_timeout (gpointer data)
{
  Watch *w = data;

  w->timeout_id = 0;
  if (w->source != NULL)
    save_watch (w);
  return G_SOURCE_REMOVE;
}

static void
on_changed (Watch *w)
{
  g_clear_handle_id (&w->timeout_id, g_source_remove);
  w->timeout_id = g_timeout_add (SP_AUTOSAVE_DELAY_MS, on_timeout, w);
}

static void
add_watch (SpAutosave *self,
           GObject    *source,
           const gchar *signal,
           SpField     field,
           gint64      id,
           gboolean    is_date)
{
  Watch *w = g_new0 (Watch, 1);

  w->self = self;
  w->source = source;
  w->field = field;
  w->id = id;
  w->is_date = is_date;
  g_object_add_weak_pointer (source, (gpointer *) &w->source);
  w->handler_id = g_signal_connect_swapped (source, signal, G_CALLBACK (on_changed), w);
  g_ptr_array_add (self->watches, w);
}

void
sp_autosave_watch_editable (SpAutosave  *self,
                            GtkEditable *editable,
                            SpField      field,
                            gint64       id)
{
  add_watch (self, G_OBJECT (editable), "changed", field, id, FALSE);
}

void
sp_autosave_watch_date (SpAutosave  *self,
                        GtkEditable *editable,
                        SpField      field,
                        gint64       id)
{
  add_watch (self, G_OBJECT (editable), "changed", field, id, TRUE);
}

void
sp_autosave_watch_buffer (SpAutosave    *self,
                          GtkTextBuffer *buffer,
                          SpField        field,
                          gint64         id)
{
  add_watch (self, G_OBJECT (buffer), "changed", field, id, FALSE);
}

/* Saves every field still waiting for its delay, and waits until all is on disk. */
void
sp_autosave_flush (SpAutosave *self)
{
  g_return_if_fail (SP_IS_AUTOSAVE (self));

  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *w = g_ptr_array_index (self->watches, i);

      if (w->timeout_id != 0)
        {
          g_clear_handle_id (&w->timeout_id, g_source_remove);
          if (w->source != NULL)
            save_watch (w);
        }
    }
  sp_saver_flush (self->saver);
}

/* Flushes, then drops every watch: the page is about to show something else. */
void
sp_autosave_forget (SpAutosave *self)
{
  sp_autosave_flush (self);
  g_ptr_array_set_size (self->watches, 0);
  g_hash_table_remove_all (self->revisions);
}

/* Shows @text in @editable as what it starts from: with nothing to undo back to (GTK 4.8's
 * gtk_editable_set_text() is an undoable delete and insert, so Undo in a field reused for
 * another plan or pupil would bring back the last one's words, and the autosave would save
 * them to this one), and with no work when it shows @text already. */
void
sp_autosave_show_text (GtkEditable *editable,
                       const gchar *text)
{
  gtk_editable_set_enable_undo (editable, FALSE);
  if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
    gtk_editable_set_text (editable, text);
  gtk_editable_set_enable_undo (editable, TRUE);
}

/* The same for a text view's buffer. Setting a text view's text lays it all out again, so
 * that is skipped when the text is the same. */
void
sp_autosave_show_buffer_text (GtkTextBuffer *buffer,
                              const gchar   *text)
{
  GtkTextIter start, end;
  g_autofree gchar *shown = NULL;

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
}
