/* sp-autosave.c: saves what a teacher types, as they type.
 *
 * Each watched field is saved SP_AUTOSAVE_DELAY_MS after the last keystroke, through the
 * SpSaver's writer thread, so typing never waits for the disk. Revisions are kept per row:
 * every save of a row expects the revision the saves before it will have made, so a run of
 * saves from this page never trips over itself, while a change made elsewhere (another window,
 * another copy of the app) is caught as stale and shown, never overwritten silently.
 *
 * When a save fails for a reason that can pass (a full disk, another copy of the app holding
 * the file, a file that could not be written), what was sent is kept: the field goes on
 * showing it, it is sent again with the next save, at every flush (before printing, before
 * closing) and when the teacher asks (SpSaver::retry, the window's Try Again), and the saver
 * is told (sp_saver_report_unsaved()) until it is saved, so that the window can say so and
 * ask before closing. A page that shows the same field again shows the kept text, not the
 * older one in the database: a watched field by itself, a choice (a drop-down, a switch, a
 * provision row) through sp_autosave_get_kept() and sp_autosave_get_kept_provision().
 *
 * Saves of one row queued after one that failed were counted on it: they come back stale.
 * That is not someone else's change, so no "Changed elsewhere" question: they are kept with
 * the failure (or, after a refused value, sent again at once with the right revision).
 *
 * Signals:
 *   failed (message): a save was refused and will not be tried again (a bad date, a
 *     name left empty); failures kept for a retry go to the saver instead.
 *   stale (field, id, theirs, mine): someone else changed it first.
 *   saved (field, id): a save reached the database.
 *
 * A one-off action that is not typing (Agree Plan) saves through sp_autosave_save_once(): it
 * is counted in the row's revisions like any save, but a failure is never kept for a retry:
 * its owner hears why, and the page goes on showing what the database holds. */
#include "config.h"

#include <adwaita.h>
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

/* Why a row's revision count last started again from the database's. */
typedef enum
{
  RESTART_NONE,
  RESTART_KEPT,       /* a failure kept for a retry */
  RESTART_REFUSED,    /* a value refused */
  RESTART_STALE,      /* a change made elsewhere */
} Restart;

typedef struct
{
  gint64   next;       /* the revision the next save of the row is based on */
  guint    epoch;      /* counts the restarts: a save counted before one is stale */
  Restart  restart;
} RowRevision;

typedef enum { SENT_TEXT, SENT_PROVISION } SentKind;

/* One save sent to the saver; kept in @failed when it failed for a reason that can pass. */
typedef struct
{
  SentKind         kind;
  SpField          field;      /* SP_FIELD_PROVISION_DESCRIPTION for a provision */
  gint64           id;
  guint            epoch;
  guint            serial;     /* counts the sends of its field and row (SpAutosave.sends) */
  gboolean         resent;
  gboolean         once;       /* sp_autosave_save_once(): never kept, the owner hears */
  gchar           *text;       /* the text sent; a provision's description */
  gchar           *role;
  SpProvisionSpec  spec;       /* a provision's, pointing at @text and @role */
  GWeakRef         owner;      /* a provision's row, which hears how it went */
  SpSaverDone      done;
  gpointer         user_data;
} Sent;

struct _SpAutosave
{
  GObject     parent_instance;

  SpStore    *store;
  SpSaver    *saver;
  GHashTable *revisions;     /* "table:id" → RowRevision */
  GPtrArray  *watches;       /* Watch * */
  GHashTable *failed;        /* failed_key () → Sent *: failed, kept for a retry */
  GHashTable *sends;         /* failed_key () → how many times that field was sent */
  GHashTable *saved;         /* failed_key () → the text last saved there (texts only) */
  GError     *kept_error;    /* why the newest of them failed */
};

G_DEFINE_FINAL_TYPE (SpAutosave, sp_autosave, G_TYPE_OBJECT)

enum { SAVED, FAILED, STALE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void retry_failed (SpAutosave *self, const gchar *except);

static gchar *
row_key (const gchar *table,
         gint64       id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);
}

static gchar *
failed_key (SentKind kind,
            SpField  field,
            gint64   id)
{
  return kind == SENT_PROVISION ? g_strdup_printf ("provision:%" G_GINT64_FORMAT, id)
                                : g_strdup_printf ("%d:%" G_GINT64_FORMAT, field, id);
}

static void
sent_free (gpointer data)
{
  Sent *s = data;

  g_free (s->text);
  g_free (s->role);
  g_weak_ref_clear (&s->owner);
  g_free (s);
}

static Sent *
sent_new (SentKind     kind,
          SpField      field,
          gint64       id,
          const gchar *text)
{
  Sent *s = g_new0 (Sent, 1);

  s->kind = kind;
  s->field = field;
  s->id = id;
  s->text = g_strdup (text);
  g_weak_ref_init (&s->owner, NULL);
  return s;
}

static Sent *
sent_new_provision (gint64                 id,
                    const SpProvisionSpec *spec,
                    GObject               *owner,
                    SpSaverDone            done,
                    gpointer               user_data)
{
  Sent *s = sent_new (SENT_PROVISION, SP_FIELD_PROVISION_DESCRIPTION, id, spec->description);

  /* As the saver keeps it: the area and start date are not part of this save. */
  s->spec = *spec;
  s->role = g_strdup (spec->role);
  s->spec.description = s->text;
  s->spec.role = s->role;
  s->spec.area = NULL;
  s->spec.start_date = NULL;
  g_weak_ref_set (&s->owner, owner);
  s->done = done;
  s->user_data = user_data;
  return s;
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

  if (self->saver != NULL)
    sp_saver_report_unsaved (self->saver, self, NULL);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->revisions, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->sends, g_hash_table_unref);
  g_clear_pointer (&self->saved, g_hash_table_unref);
  g_clear_error (&self->kept_error);
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
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sent_free);
  self->sends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
on_retry (SpAutosave *self)
{
  retry_failed (self, NULL);
}

SpAutosave *
sp_autosave_new (SpStore *store,
                 SpSaver *saver)
{
  SpAutosave *self = g_object_new (SP_TYPE_AUTOSAVE, NULL);

  self->store = g_object_ref (store);
  self->saver = g_object_ref (saver);
  g_signal_connect_object (saver, "retry", G_CALLBACK (on_retry), self, G_CONNECT_SWAPPED);
  return self;
}

/* Whether a save that failed with @error is kept and tried again, rather than refused for
 * good. Refused: a value the store will not take (a bad date or UPN, a text too long: the
 * store says SP_STORE_ERROR_INVALID for every check of a value), a fifth target, a row
 * removed or a change made elsewhere, a reviewed plan; and errors of other domains, which
 * only value checks give. Kept: every other failure of the store. */
gboolean
sp_autosave_error_is_kept (const GError *error)
{
  if (error == NULL || error->domain != SP_STORE_ERROR)
    return FALSE;
  /* What the store refused for good is said once; anything else it could not do (a full
   * disk, a busy or read-only file, an input/output or unexpected SQLite error) is kept and
   * tried again, and closing asks first: when in doubt, nothing typed is dropped. */
  switch ((SpStoreError) error->code)
    {
    case SP_STORE_ERROR_INVALID:
    case SP_STORE_ERROR_TOO_MANY_TARGETS:
    case SP_STORE_ERROR_DUPLICATE:
    case SP_STORE_ERROR_STALE:
    case SP_STORE_ERROR_NO_SUCH_ROW:
    case SP_STORE_ERROR_REVIEWED:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Notes that @field of row @id holds @text in the database as the page shows it now (read
 * when it was filled): what sp_autosave_get_saved() answers until a save changes it. */
void
sp_autosave_note_base (SpAutosave  *self,
                       SpField      field,
                       gint64       id,
                       const gchar *text)
{
  g_return_if_fail (SP_IS_AUTOSAVE (self));
  g_hash_table_replace (self->saved, failed_key (SENT_TEXT, field, id),
                        g_strdup (text != NULL ? text : ""));
}

/* The text this autosave last saved to @field of row @id, or noted there (note_base), or
 * NULL when neither: what the database held of it, as far as this window knows. Forgotten
 * with sp_autosave_forget(). */
const gchar *
sp_autosave_get_saved (SpAutosave *self,
                       SpField     field,
                       gint64      id)
{
  g_autofree gchar *key = failed_key (SENT_TEXT, field, id);

  g_return_val_if_fail (SP_IS_AUTOSAVE (self), NULL);
  return g_hash_table_lookup (self->saved, key);
}

/* What was sent for @field of row @id and kept after a failure that can pass, or NULL: the
 * value the teacher chose or typed last, which a page shows rather than the database's older
 * one (a choice, a date: what add_watch() does for watched text). */
const gchar *
sp_autosave_get_kept (SpAutosave *self,
                      SpField     field,
                      gint64      id)
{
  g_autofree gchar *key = failed_key (SENT_TEXT, field, id);
  Sent *kept;

  g_return_val_if_fail (SP_IS_AUTOSAVE (self), NULL);

  kept = g_hash_table_lookup (self->failed, key);
  return kept != NULL ? kept->text : NULL;
}

/* The same for a provision row's numbers and words (its area and start date are not part of
 * that save, so NULL in it). */
const SpProvisionSpec *
sp_autosave_get_kept_provision (SpAutosave *self,
                                gint64      id)
{
  g_autofree gchar *key = failed_key (SENT_PROVISION, SP_FIELD_PROVISION_DESCRIPTION, id);
  Sent *kept;

  g_return_val_if_fail (SP_IS_AUTOSAVE (self), NULL);

  kept = g_hash_table_lookup (self->failed, key);
  return kept != NULL ? &kept->spec : NULL;
}

static RowRevision *
lookup_row (SpAutosave *self,
            SpField     field,
            gint64      id)
{
  g_autofree gchar *key = row_key (sp_field_table (field), id);
  return g_hash_table_lookup (self->revisions, key);
}

void
sp_autosave_set_revision (SpAutosave  *self,
                          const gchar *table,
                          gint64       id,
                          gint64       revision)
{
  g_autofree gchar *key = row_key (table, id);
  RowRevision *row = g_hash_table_lookup (self->revisions, key);

  if (row == NULL)
    {
      row = g_new0 (RowRevision, 1);
      g_hash_table_insert (self->revisions, g_steal_pointer (&key), row);
    }
  row->next = revision;
}

/* The revision the next save of this row is based on; counts the save in. */
static gint64
take_revision (SpAutosave *self,
               SpField     field,
               gint64      id,
               guint      *epoch)
{
  RowRevision *row = lookup_row (self, field, id);

  if (row == NULL)
    {
      /* A row the page did not announce: its revision is the database's now. */
      gint64 current = 0;
      g_free (sp_store_read_text (self->store, field, id, &current, NULL));
      sp_autosave_set_revision (self, sp_field_table (field), id, current);
      row = lookup_row (self, field, id);
    }
  *epoch = row->epoch;
  return row->next++;
}

static void on_sent_saved (GObject *owner, gint64 new_revision, gint64 cost,
                           const GError *error, gpointer user_data);

/* Sends @s (taken) to the saver, based on the row's revision now. */
static void
send (SpAutosave *self,
      Sent       *s)
{
  gint64 revision = take_revision (self, s->field, s->id, &s->epoch);
  gchar *key = failed_key (s->kind, s->field, s->id);

  s->serial = GPOINTER_TO_UINT (g_hash_table_lookup (self->sends, key)) + 1;
  g_hash_table_replace (self->sends, key, GUINT_TO_POINTER (s->serial));

  if (s->kind == SENT_TEXT)
    sp_saver_save_text (self->saver, s->field, s->id, revision, s->text, G_OBJECT (self),
                        on_sent_saved, s);
  else
    sp_saver_save_provision (self->saver, s->id, revision, &s->spec, G_OBJECT (self),
                             on_sent_saved, s);
}

static void
report (SpAutosave *self)
{
  sp_saver_report_unsaved (self->saver, self,
                           g_hash_table_size (self->failed) > 0 && self->kept_error != NULL
                             ? self->kept_error->message : NULL);
}

static void
tell_owner (Sent         *s,
            gint64        new_revision,
            gint64        cost,
            const GError *error)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&s->owner);

  if (owner != NULL && s->done != NULL)
    s->done (owner, new_revision, cost, error, s->user_data);
}

/* Keeps @s (taken) for a retry, as what its field holds now, failed because of @error. */
static void
keep (SpAutosave   *self,
      Sent         *s,
      const GError *error)
{
  if (error != self->kept_error)
    {
      g_clear_error (&self->kept_error);
      self->kept_error = g_error_copy (error);
    }
  g_hash_table_replace (self->failed, failed_key (s->kind, s->field, s->id), s);
  if (s->kind == SENT_PROVISION)
    tell_owner (s, 0, 0, self->kept_error);
  report (self);
}

/* Drops what was kept for @s's field, if anything: @s was sent after it. */
static void
forget_kept (SpAutosave *self,
             Sent       *s)
{
  g_autofree gchar *key = failed_key (s->kind, s->field, s->id);

  if (g_hash_table_remove (self->failed, key))
    report (self);
}

/* The row's count starts again from the database's revision: every save of it counted
 * before now will come back stale. */
static void
restart_row (SpAutosave *self,
             SpField     field,
             gint64      id,
             gint64      revision,
             Restart     restart)
{
  RowRevision *row;

  sp_autosave_set_revision (self, sp_field_table (field), id, revision);
  row = lookup_row (self, field, id);
  row->epoch++;
  row->restart = restart;
}

static void
on_failure (SpAutosave   *self,
            Sent         *s,
            const GError *error)
{
  RowRevision *row = lookup_row (self, s->field, s->id);
  gboolean counted_on_failure = row != NULL && row->epoch != s->epoch;
  gboolean stale = g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_STALE);
  g_autofree gchar *theirs = NULL;
  g_autofree gchar *key = failed_key (s->kind, s->field, s->id);
  gint64 actual = 0;

  if (s->once)
    {
      /* Not kept: the owner says why, and the row is counted again from the database's
       * revision, as after a refused value (a save counted on this one is sent again). */
      theirs = sp_store_read_text (self->store, s->field, s->id, &actual, NULL);
      if (theirs != NULL && !counted_on_failure)
        restart_row (self, s->field, s->id, actual, stale ? RESTART_STALE : RESTART_REFUSED);
      tell_owner (s, 0, 0, error);
      sent_free (s);
      return;
    }

  /* The same field was sent again since, with what the teacher chose or typed after: that
   * save decides, and this older value is neither sent again nor shown in a question. */
  if (stale && s->serial != GPOINTER_TO_UINT (g_hash_table_lookup (self->sends, key)))
    {
      sent_free (s);
      return;
    }

  /* Stale only because an earlier save of this row failed: not someone else's change. */
  if (stale && counted_on_failure && row->restart == RESTART_KEPT && self->kept_error != NULL)
    {
      keep (self, s, self->kept_error);
      return;
    }
  if (stale && counted_on_failure && row->restart == RESTART_REFUSED && !s->resent)
    {
      s->resent = TRUE;
      send (self, s);
      return;
    }

  theirs = sp_store_read_text (self->store, s->field, s->id, &actual, NULL);
  if (theirs != NULL && !counted_on_failure)
    restart_row (self, s->field, s->id, actual,
                 stale ? RESTART_STALE
                       : sp_autosave_error_is_kept (error) ? RESTART_KEPT : RESTART_REFUSED);

  if (!(stale && theirs != NULL) && sp_autosave_error_is_kept (error))
    {
      keep (self, s, error);
      return;
    }
  /* Refused for good, or a question for the teacher: a text kept from before for the same
   * field is older than this one, and is not tried again. */
  forget_kept (self, s);
  if (s->kind == SENT_PROVISION)
    tell_owner (s, 0, 0, error);
  else if (stale && theirs != NULL)
    g_signal_emit (self, signals[STALE], 0, (gint) s->field, s->id, theirs, s->text);
  else
    g_signal_emit (self, signals[FAILED], 0, error->message);
  sent_free (s);
}

static void
on_sent_saved (GObject      *owner,
               gint64        new_revision,
               gint64        cost,
               const GError *error,
               gpointer      user_data)
{
  SpAutosave *self = SP_AUTOSAVE (owner);
  Sent *s = user_data;

  if (error != NULL)
    {
      on_failure (self, s, error);
      return;
    }

  /* Results come in the order the saves were sent: one kept from before is older. */
  forget_kept (self, s);
  if (s->kind == SENT_PROVISION || s->once)
    tell_owner (s, new_revision, cost, NULL);
  if (s->kind == SENT_TEXT)
    {
      g_hash_table_replace (self->saved, failed_key (s->kind, s->field, s->id),
                            g_strdup (s->text));
      g_signal_emit (self, signals[SAVED], 0, (gint) s->field, s->id);
    }
  sent_free (s);
}

void
sp_autosave_save_now (SpAutosave  *self,
                      SpField      field,
                      gint64       id,
                      const gchar *text)
{
  g_autofree gchar *key = failed_key (SENT_TEXT, field, id);

  send (self, sent_new (SENT_TEXT, field, id, text));
  retry_failed (self, key);
}

/* Saves @text to @field of row @id once, as a one-off action rather than typing: @done hears
 * how it went (on the main context; sp_autosave_flush() waits for it), and a failure, even
 * one that can pass, is not kept or tried again. Nothing kept before is retried here. */
void
sp_autosave_save_once (SpAutosave  *self,
                       SpField      field,
                       gint64       id,
                       const gchar *text,
                       GObject     *owner,
                       SpSaverDone  done,
                       gpointer     user_data)
{
  Sent *s;

  g_return_if_fail (SP_IS_AUTOSAVE (self));

  s = sent_new (SENT_TEXT, field, id, text);
  s->once = TRUE;
  g_weak_ref_set (&s->owner, owner);
  s->done = done;
  s->user_data = user_data;
  send (self, s);
}

void
sp_autosave_save_provision (SpAutosave            *self,
                            gint64                 id,
                            const SpProvisionSpec *spec,
                            GObject               *owner,
                            SpSaverDone            done,
                            gpointer               user_data)
{
  g_autofree gchar *key = failed_key (SENT_PROVISION, SP_FIELD_PROVISION_DESCRIPTION, id);

  send (self, sent_new_provision (id, spec, owner, done, user_data));
  retry_failed (self, key);
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
      send (w->self, sent_new (SENT_TEXT, w->field, w->id, iso));
      return;
    }
  send (w->self, sent_new (SENT_TEXT, w->field, w->id, text));
}

/* The watch showing this field now, if any. */
static Watch *
find_watch (SpAutosave *self,
            SpField     field,
            gint64      id)
{
  for (guint i = self->watches->len; i > 0; i--)
    {
      Watch *w = g_ptr_array_index (self->watches, i - 1);

      if (w->field == field && w->id == id && w->source != NULL)
        return w;
    }
  return NULL;
}

/* Sends again every save kept after a failure (but the one for @except, just sent): what
 * its field shows now if it is shown, else what was kept. They stay kept until one of them
 * comes back saved. */
static void
retry_failed (SpAutosave  *self,
              const gchar *except)
{
  g_autoptr(GPtrArray) again = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->failed) == 0)
    return;

  again = g_ptr_array_new_with_free_func (sent_free);
  g_hash_table_iter_init (&iter, self->failed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Sent *kept = value;
      Watch *w;

      if (g_strcmp0 (key, except) == 0)
        continue;
      if (kept->kind == SENT_TEXT && (w = find_watch (self, kept->field, kept->id)) != NULL)
        {
          g_clear_handle_id (&w->timeout_id, g_source_remove);
          save_watch (w);
        }
      else if (kept->kind == SENT_TEXT)
        g_ptr_array_add (again, sent_new (SENT_TEXT, kept->field, kept->id, kept->text));
      else
        {
          g_autoptr(GObject) owner = g_weak_ref_get (&kept->owner);
          g_ptr_array_add (again, sent_new_provision (kept->id, &kept->spec, owner, kept->done,
                                                      kept->user_data));
        }
    }
  while (again->len > 0)
    send (self, g_ptr_array_steal_index (again, 0));
}

static gboolean
on_timeout (gpointer data)
{
  Watch *w = data;
  g_autofree gchar *key = failed_key (SENT_TEXT, w->field, w->id);

  w->timeout_id = 0;
  if (w->source != NULL)
    {
      save_watch (w);
      /* Typing again is a good moment to try again what failed before. */
      retry_failed (w->self, key);
    }
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
  g_autofree gchar *key = failed_key (SENT_TEXT, field, id);
  Sent *kept = g_hash_table_lookup (self->failed, key);

  /* Typed, not saved yet: the field shows it rather than the database's older text. */
  if (kept != NULL && GTK_IS_TEXT_BUFFER (source))
    sp_autosave_show_buffer_text (GTK_TEXT_BUFFER (source), kept->text);
  else if (kept != NULL && is_date)
    {
      g_autofree gchar *user = sp_date_to_user (kept->text);
      sp_autosave_show_text (GTK_EDITABLE (source), user);
    }
  else if (kept != NULL)
    sp_autosave_show_text (GTK_EDITABLE (source), kept->text);

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

/* Saves every field still waiting for its delay, tries again what failed before, and waits
 * until all is on disk and every answer is in: afterwards sp_saver_get_problem() says whether
 * anything could not be saved. */
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
  retry_failed (self, NULL);
  sp_saver_settle (self->saver);
}

/* Flushes, then drops every watch: the page is about to show something else. What could not
 * be saved stays kept (and shows again if its field does). */
void
sp_autosave_forget (SpAutosave *self)
{
  sp_autosave_flush (self);
  g_ptr_array_set_size (self->watches, 0);
  g_hash_table_remove_all (self->revisions);
  g_hash_table_remove_all (self->saved);
}

/* ---- a change made elsewhere -------------------------------------------------------------- */

typedef struct
{
  SpAutosave       *autosave;
  GWeakRef          page;
  SpAutosaveChosen  chosen;
  SpField           field;
  gint64            id;
  gchar            *mine;
} Choice;

static void
choice_free (gpointer data,
             GClosure *closure)
{
  Choice *c = data;

  g_object_unref (c->autosave);
  g_weak_ref_clear (&c->page);
  g_free (c->mine);
  g_free (c);
}

static void
on_choice (AdwMessageDialog *dialog,
           const gchar      *response,
           Choice           *c)
{
  g_autoptr(GtkWidget) page = g_weak_ref_get (&c->page);

  if (page == NULL)
    return;
  if (g_str_equal (response, "mine"))
    {
      sp_autosave_save_now (c->autosave, c->field, c->id, c->mine);
      sp_autosave_flush (c->autosave);
    }
  if (c->chosen != NULL)
    c->chosen (page);
}

/* Someone else changed @field of row @id first (the "stale" signal): shows both versions
 * over @page's window, under @heading, and lets the teacher choose; nothing is overwritten
 * unseen. Keep Mine (the default) saves @mine at once; closing the question keeps theirs, as
 * Keep Theirs does; then @chosen, if not NULL, is called on @page, whichever was kept, to
 * show what the row holds now. */
void
sp_autosave_ask_changed_elsewhere (SpAutosave       *self,
                                   GtkWidget        *page,
                                   const gchar      *heading,
                                   SpField           field,
                                   gint64            id,
                                   const gchar      *theirs,
                                   const gchar      *mine,
                                   SpAutosaveChosen  chosen)
{
  g_autofree gchar *body = g_strdup_printf (_("%s\n\nSaved there:\n%s\n\nYours:\n%s"), heading,
                                            theirs, mine);
  Choice *c = g_new0 (Choice, 1);
  AdwMessageDialog *dialog;

  g_return_if_fail (SP_IS_AUTOSAVE (self));

  c->autosave = g_object_ref (self);
  g_weak_ref_init (&c->page, page);
  c->chosen = chosen;
  c->field = field;
  c->id = id;
  c->mine = g_strdup (mine);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (page)),
                                                       _("Changed Elsewhere"), body));
  adw_message_dialog_add_responses (dialog, "theirs", _("Keep _Theirs"),
                                    "mine", _("Keep _Mine"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "mine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "mine");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choice), c, choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
