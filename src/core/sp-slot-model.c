/* sp-slot-model.c: a list of numbered places, for a list view whose rows are given new
 * contents rather than new items (see the pupil list in sp-window.c).
 *
 * Its items are plain GObjects, one per place, made when first asked for and kept: place N
 * is always the same object, so a list view that is told only "places N to M went" or "came"
 * keeps the rows it built for the places before. Changing the count costs nothing per item,
 * where GtkStringList (the library's nearest fit) makes or frees an object for every place,
 * measured at a tenth of a search's time with 2,000 pupils. */
#include "config.h"

#include "sp-slot-model.h"

struct _SpSlotModel
{
  GObject    parent_instance;

  guint      n_items;
  GPtrArray *places;   /* GObject, made on demand; may be longer than n_items */
};

static GType
sp_slot_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
sp_slot_model_get_n_items (GListModel *model)
{
  return SP_SLOT_MODEL (model)->n_items;
}

static gpointer
sp_slot_model_get_item (GListModel *model,
                        guint       position)
{
  SpSlotModel *self = SP_SLOT_MODEL (model);

  if (position >= self->n_items)
    return NULL;
  if (position >= self->places->len)
    g_ptr_array_set_size (self->places, position + 1);
  if (g_ptr_array_index (self->places, position) == NULL)
    g_ptr_array_index (self->places, position) = g_object_new (G_TYPE_OBJECT, NULL);
  return g_object_ref (g_ptr_array_index (self->places, position));
}

static void
sp_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_slot_model_get_item_type;
  iface->get_n_items = sp_slot_model_get_n_items;
  iface->get_item = sp_slot_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SpSlotModel, sp_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sp_slot_model_list_model_init))

static void
sp_slot_model_finalize (GObject *object)
{
  SpSlotModel *self = SP_SLOT_MODEL (object);

  g_ptr_array_unref (self->places);
  G_OBJECT_CLASS (sp_slot_model_parent_class)->finalize (object);
}

static void
sp_slot_model_class_init (SpSlotModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_slot_model_finalize;
}

/* Places never asked for are NULL, which g_object_unref() refuses. */
static void
place_free (gpointer place)
{
  if (place != NULL)
    g_object_unref (place);
}

static void
sp_slot_model_init (SpSlotModel *self)
{
  self->places = g_ptr_array_new_with_free_func (place_free);
}

SpSlotModel *
sp_slot_model_new (void)
{
  return g_object_new (SP_TYPE_SLOT_MODEL, NULL);
}

/* Sets how many places there are; only the places added or taken away at the end change. */
void
sp_slot_model_set_n_items (SpSlotModel *self,
                           guint        n_items)
{
  guint before;

  g_return_if_fail (SP_IS_SLOT_MODEL (self));

  before = self->n_items;
  if (n_items == before)
    return;
  self->n_items = n_items;
  if (n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_items - before);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, before - n_items, 0);
}
