#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SP_TYPE_SLOT_MODEL (sp_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (SpSlotModel, sp_slot_model, SP, SLOT_MODEL, GObject)

SpSlotModel  *sp_slot_model_new           (void);
void          sp_slot_model_set_n_items   (SpSlotModel  *self,
                                           guint         n_items);

G_END_DECLS
