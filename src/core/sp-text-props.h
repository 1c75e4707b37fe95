#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Many model objects are mostly text fields. Rather than hand-write a property, a getter and a
 * setter per field, each type lists its text fields once (name, struct offset) and these helpers
 * install them as real GObject properties and handle get/set with notify on real change only. */
typedef struct
{
  const gchar *name;
  gsize        offset;
} SpTextProp;

void      sp_text_props_install  (GObjectClass      *klass,
                                  const SpTextProp  *props,
                                  guint              n_props,
                                  guint              first_id,
                                  GParamSpec       **pspecs);
gboolean  sp_text_props_get      (GObject           *object,
                                  const SpTextProp  *props,
                                  guint              n_props,
                                  guint              first_id,
                                  guint              prop_id,
                                  GValue            *value);
gboolean  sp_text_props_set      (GObject           *object,
                                  const SpTextProp  *props,
                                  guint              n_props,
                                  guint              first_id,
                                  guint              prop_id,
                                  const GValue      *value,
                                  GParamSpec       **pspecs);
const gchar *sp_text_props_lookup (GObject           *object,
                                  const SpTextProp  *props,
                                  guint              n_props,
                                  const gchar       *name);
void      sp_text_props_clear    (GObject           *object,
                                  const SpTextProp  *props,
                                  guint              n_props);

G_END_DECLS
