#include "config.h"

#include "sp-text-props.h"

static gchar **
field (GObject *object, const SpTextProp *prop)
{
  return G_STRUCT_MEMBER_P (object, prop->offset);
}

void
sp_text_props_install (GObjectClass      *klass,
                       const SpTextProp  *props,
                       guint              n_props,
                       guint              first_id,
                       GParamSpec       **pspecs)
{
  for (guint i = 0; i < n_props; i++)
    {
      pspecs[first_id + i] =
        g_param_spec_string (props[i].name, NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      g_object_class_install_property (klass, first_id + i, pspecs[first_id + i]);
    }
}

gboolean
sp_text_props_get (GObject           *object,
                   const SpTextProp  *props,
                   guint              n_props,
                   guint              first_id,
                   guint              prop_id,
                   GValue            *value)
{
  const gchar *text;

  if (prop_id < first_id || prop_id >= first_id + n_props)
    return FALSE;
  text = *field (object, &props[prop_id - first_id]);
  g_value_set_string (value, text ? text : "");
  return TRUE;
}

gboolean
sp_text_props_set (GObject           *object,
                   const SpTextProp  *props,
                   guint              n_props,
                   guint              first_id,
                   guint              prop_id,
                   const GValue      *value,
                   GParamSpec       **pspecs)
{
  gchar **slot;
  const gchar *text;

  if (prop_id < first_id || prop_id >= first_id + n_props)
    return FALSE;

  slot = field (object, &props[prop_id - first_id]);
  text = g_value_get_string (value);
  if (text == NULL)
    text = "";
  if (g_strcmp0 (*slot, text) != 0)
    {
      g_free (*slot);
      *slot = g_strdup (text);
      g_object_notify_by_pspec (object, pspecs[prop_id]);
    }
  return TRUE;
}

void
sp_text_props_clear (GObject           *object,
                     const SpTextProp  *props,
                     guint              n_props)
{
  for (guint i = 0; i < n_props; i++)
    g_clear_pointer (field (object, &props[i]), g_free);
}

/* The text of the field called @name, never NULL; a critical for a name the type lacks. */
const gchar *
sp_text_props_lookup (GObject           *object,
                      const SpTextProp  *props,
                      guint              n_props,
                      const gchar       *name)
{
  for (guint i = 0; i < n_props; i++)
    if (g_str_equal (props[i].name, name))
      {
        const gchar *text = *field (object, &props[i]);
        return text ? text : "";
      }

  g_critical ("%s has no text property “%s”", G_OBJECT_TYPE_NAME (object), name);
  return "";
}
