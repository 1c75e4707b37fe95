/* sp-saver.c: the writer that keeps the disk away from the keyboard.
 *
 * The editor's saves are queued here and run on one thread with a database connection of its
 * own, so a keystroke never waits for fsync. Writes run in the order they were queued, each in
 * its own transaction; the result comes back on the main context. Readers on the main thread
 * see each write once it is committed (WAL). sp_saver_flush() waits until the queue is empty:
 * the window calls it before it closes, so closing mid-word loses nothing.
 *
 * Results wait in a queue of their own until the main context hands them over, or until
 * sp_saver_deliver() (or sp_saver_settle()) does it at once: after a flush the window can know,
 * before it closes, whether every write went through.
 *
 * A write can fail (a full disk, another copy holding the file). Whoever has the text of a
 * failed write (an SpAutosave) keeps it and says so with sp_saver_report_unsaved(); the
 * "problem" property is then the reason, in the store's words, until every holder has nothing
 * left unsaved. sp_saver_retry() asks the holders to send their failed writes again. That
 * part is the main context's only. */
#include "config.h"

#include "sp-saver.h"
#include "sp-store-private.h"

typedef enum { OP_TEXT, OP_PROVISION, OP_QUIT } OpKind;

typedef struct
{
  OpKind           kind;
  SpField          field;
  gint64           id;
  gint64           revision;
  gchar           *text;
  SpProvisionSpec  spec;
  gchar           *role;
  GWeakRef         owner;
  SpSaverDone      done;
  gpointer         user_data;
  /* results */
  gint64           new_revision;
  gint64           cost;
  GError          *error;
} Op;

struct _SpSaver
{
  GObject       parent_instance;

  SpStore      *store;        /* the main thread's: changes are announced on it */
  SpStore      *writer;       /* used only by the thread */
  GThread      *thread;
  GAsyncQueue  *queue;
  GMutex        lock;
  GCond         idle;
  guint         pending;
  GQueue        finished;     /* Op *: written, result not handed over yet (under lock) */
  GSource      *deliver_source;   /* on its way to hand them over, or NULL (under lock) */
  GMainContext *context;

  /* the main context's */
  GHashTable   *unsaved;      /* holder → its problem: failed writes kept for a retry */
  gchar        *problem;
};

G_DEFINE_FINAL_TYPE (SpSaver, sp_saver, G_TYPE_OBJECT)

enum { PROP_0, PROP_PROBLEM, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { RETRY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
op_free (Op *op)
{
  g_free (op->text);
  g_free (op->role);
  g_weak_ref_clear (&op->owner);
  g_clear_error (&op->error);
  g_free (op);
}

static void
deliver_one (SpSaver *self,
             Op      *op)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&op->owner);

  if (op->error == NULL)
    sp_store_emit_changed (self->store,
                           op->kind == OP_TEXT ? sp_field_table (op->field) : "provision",
                           op->id);
  if (owner != NULL && op->done != NULL)
    op->done (owner, op->new_revision, op->cost, op->error, op->user_data);
}

static gboolean
deliver_idle (gpointer data)
{
  SpSaver *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->deliver_source, g_source_unref);
  g_mutex_unlock (&self->lock);
  sp_saver_deliver (self);
  return G_SOURCE_REMOVE;
}

static gpointer
writer_thread (gpointer data)
{
  SpSaver *self = data;

  for (;;)
    {
      Op *op = g_async_queue_pop (self->queue);

      if (op->kind == OP_QUIT)
        {
          op_free (op);
          break;
        }

      if (op->kind == OP_TEXT)
        sp_store_update_text (self->writer, op->field, op->id, op->revision, op->text,
                              &op->new_revision, &op->error);
      else
        sp_store_update_provision (self->writer, op->id, op->revision, &op->spec,
                                   &op->new_revision, &op->cost, &op->error);

      g_mutex_lock (&self->lock);
      g_queue_push_tail (&self->finished, op);
      if (self->deliver_source == NULL)
        {
          self->deliver_source = g_idle_source_new ();
          g_source_set_priority (self->deliver_source, G_PRIORITY_DEFAULT);
          g_source_set_callback (self->deliver_source, deliver_idle, self, NULL);
          g_source_set_static_name (self->deliver_source, "[sp-saver] deliver");
          g_source_attach (self->deliver_source, self->context);
        }
      if (--self->pending == 0)
        g_cond_broadcast (&self->idle);
      g_mutex_unlock (&self->lock);
    }
  return NULL;
}

static void
sp_saver_finalize (GObject *object)
{
  SpSaver *self = SP_SAVER (object);
  Op *quit = g_new0 (Op, 1);

  quit->kind = OP_QUIT;
  g_weak_ref_init (&quit->owner, NULL);
  g_async_queue_push (self->queue, quit);
  g_thread_join (self->thread);

  /* Results not handed over yet go unheard: whoever could hear them held a reference, and
   * has let go. */
  if (self->deliver_source != NULL)
    {
      g_source_destroy (self->deliver_source);
      g_clear_pointer (&self->deliver_source, g_source_unref);
    }
  g_queue_clear_full (&self->finished, (GDestroyNotify) op_free);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);
  g_clear_pointer (&self->problem, g_free);

  g_async_queue_unref (self->queue);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  G_OBJECT_CLASS (sp_saver_parent_class)->finalize (object);
}

static void
sp_saver_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SpSaver *self = SP_SAVER (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_saver_class_init (SpSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_saver_finalize;
  object_class->get_property = sp_saver_get_property;

  /**
   * SpSaver:problem:
   *
   * Why some writes failed and are kept for a retry, in the store's words (the newest
   * reason reported), or %NULL when nothing is waiting.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpSaver::retry:
   *
   * Every holder of failed writes is asked to send them again (sp_saver_retry()).
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_saver_init (SpSaver *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  g_queue_init (&self->finished);
  self->queue = g_async_queue_new ();
  self->unsaved = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

/* A writer for @store's file, with a connection of its own. */
SpSaver *
sp_saver_new (SpStore  *store,
              GError  **error)
{
  g_autoptr(SpStore) writer = sp_store_open (sp_store_get_path (store),
                                             SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_CHECKED,
                                             error);
  SpSaver *self;

  if (writer == NULL)
    return NULL;

  self = g_object_new (SP_TYPE_SAVER, NULL);
  self->store = g_object_ref (store);
  self->writer = g_steal_pointer (&writer);
  self->context = g_main_context_ref_thread_default ();
  self->thread = g_thread_new ("sp-saver", writer_thread, self);
  return self;
}

static void
push (SpSaver *self,
      Op      *op)
{
  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->queue, op);
}

void
sp_saver_save_text (SpSaver     *self,
                    SpField      field,
                    gint64       id,
                    gint64       revision,
                    const gchar *text,
                    GObject     *owner,
                    SpSaverDone  done,
                    gpointer     user_data)
{
  Op *op = g_new0 (Op, 1);

  g_return_if_fail (SP_IS_SAVER (self));

  op->kind = OP_TEXT;
  op->field = field;
  op->id = id;
  op->revision = revision;
  op->text = g_strdup (text);
  g_weak_ref_init (&op->owner, owner);
  op->done = done;
  op->user_data = user_data;
  push (self, op);
}

void
sp_saver_save_provision (SpSaver               *self,
                         gint64                 id,
                         gint64                 revision,
                         const SpProvisionSpec *spec,
                         GObject               *owner,
                         SpSaverDone            done,
                         gpointer               user_data)
{
  Op *op = g_new0 (Op, 1);

  g_return_if_fail (SP_IS_SAVER (self));

  op->kind = OP_PROVISION;
  op->id = id;
  op->revision = revision;
  op->spec = *spec;
  op->text = g_strdup (spec->description);
  op->role = g_strdup (spec->role);
  op->spec.description = op->text;
  op->spec.role = op->role;
  op->spec.area = NULL;
  op->spec.start_date = NULL;
  g_weak_ref_init (&op->owner, owner);
  op->done = done;
  op->user_data = user_data;
  push (self, op);
}

/* Waits until every queued write is committed. */
void
sp_saver_flush (SpSaver *self)
{
  g_return_if_fail (SP_IS_SAVER (self));

  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

guint
sp_saver_get_pending (SpSaver *self)
{
  guint pending;

  g_mutex_lock (&self->lock);
  pending = self->pending;
  g_mutex_unlock (&self->lock);
  return pending;
}

/* Hands every finished write's result to its owner now, in the order they were written.
 * Call it on the thread of the main context the saver was made on (the results are handed
 * over there anyway, a moment later, when it is not called). */
void
sp_saver_deliver (SpSaver *self)
{
  g_autoptr(SpSaver) hold = NULL;

  g_return_if_fail (SP_IS_SAVER (self));

  hold = g_object_ref (self);   /* an owner may drop the last other reference as it hears */
  for (;;)
    {
      Op *op;

      g_mutex_lock (&self->lock);
      op = g_queue_pop_head (&self->finished);
      g_mutex_unlock (&self->lock);
      if (op == NULL)
        break;
      deliver_one (self, op);
      op_free (op);
    }
}

/* Waits until every queued write is done and its owner has heard how it went, including the
 * writes owners queue again as they hear (a failed write retried): afterwards nothing is
 * pending, and sp_saver_get_problem() says whether anything could not be saved. */
void
sp_saver_settle (SpSaver *self)
{
  g_return_if_fail (SP_IS_SAVER (self));

  do
    {
      sp_saver_flush (self);
      sp_saver_deliver (self);
    }
  while (sp_saver_get_pending (self) > 0);
}

static void
update_problem (SpSaver     *self,
                const gchar *newest)
{
  GHashTableIter iter;
  gpointer value = NULL;

  /* The newest reason shows; when its holder has saved, any other holder's. */
  if (newest == NULL)
    {
      g_hash_table_iter_init (&iter, self->unsaved);
      if (g_hash_table_iter_next (&iter, NULL, &value))
        newest = value;
    }
  if (g_strcmp0 (newest, self->problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (newest);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* @holder (an SpAutosave) keeps writes that failed, for @problem (the store's sentence), to
 * send them again; @problem NULL when it has none left, and before it goes. */
void
sp_saver_report_unsaved (SpSaver       *self,
                         gconstpointer  holder,
                         const gchar   *problem)
{
  const gchar *had;

  g_return_if_fail (SP_IS_SAVER (self));
  g_return_if_fail (holder != NULL);

  had = g_hash_table_lookup (self->unsaved, holder);
  if (problem == NULL)
    {
      gboolean was_shown = had != NULL && g_strcmp0 (had, self->problem) == 0;

      if (g_hash_table_remove (self->unsaved, holder) && was_shown)
        update_problem (self, NULL);
      return;
    }
  if (g_strcmp0 (had, problem) != 0)
    g_hash_table_insert (self->unsaved, (gpointer) holder, g_strdup (problem));
  update_problem (self, problem);
}

/* Why some writes could not be saved and wait for a retry, or NULL when none do. */
const gchar *
sp_saver_get_problem (SpSaver *self)
{
  g_return_val_if_fail (SP_IS_SAVER (self), NULL);
  return self->problem;
}

/* Asks every holder of failed writes to send them again (Try Again). The results come as
 * any write's do; sp_saver_settle() waits for them. */
void
sp_saver_retry (SpSaver *self)
{
  g_return_if_fail (SP_IS_SAVER (self));
  g_signal_emit (self, signals[RETRY], 0);
}
