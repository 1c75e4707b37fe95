/* sp-saver.c: the writer that keeps the disk away from the keyboard.
 *
 * The editor's saves are queued here and run on one thread with a database connection of its
 * own, so a keystroke never waits for fsync. Writes run in the order they were queued, each in
 * its own transaction; the result comes back on the main context. Readers on the main thread
 * see each write once it is committed (WAL). sp_saver_flush() waits until the queue is empty:
 * the window calls it before it closes, so closing mid-word loses nothing. */
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
  SpSaver         *saver;
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
  GMainContext *context;
};

G_DEFINE_FINAL_TYPE (SpSaver, sp_saver, G_TYPE_OBJECT)

static void
op_free (Op *op)
{
  g_free (op->text);
  g_free (op->role);
  g_weak_ref_clear (&op->owner);
  g_clear_error (&op->error);
  g_free (op);
}

static gboolean
deliver (gpointer data)
{
  Op *op = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&op->owner);

  if (op->error == NULL)
    sp_store_emit_changed (op->saver->store,
                           op->kind == OP_TEXT ? sp_field_table (op->field) : "provision",
                           op->id);
  if (owner != NULL && op->done != NULL)
    op->done (owner, op->new_revision, op->cost, op->error, op->user_data);
  return G_SOURCE_REMOVE;
}

static void
deliver_done (gpointer data)
{
  Op *op = data;
  SpSaver *self = op->saver;

  op_free (op);
  g_object_unref (self);
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

      op->saver = g_object_ref (self);
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver, op, deliver_done);

      g_mutex_lock (&self->lock);
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

  g_async_queue_unref (self->queue);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  G_OBJECT_CLASS (sp_saver_parent_class)->finalize (object);
}

static void
sp_saver_class_init (SpSaverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_saver_finalize;
}

static void
sp_saver_init (SpSaver *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->queue = g_async_queue_new ();
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
