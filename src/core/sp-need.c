/* sp-need.c: need types as the school census records them, and the broad areas they belong to. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-need.h"

static const SpNeedType need_types[] = {
  { "SLCN", SP_AREA_COMMUNICATION, N_("Speech, language and communication needs") },
  { "ASD",  SP_AREA_COMMUNICATION, N_("Autism") },
  { "SPLD", SP_AREA_COGNITION,     N_("Specific learning difficulty") },
  { "MLD",  SP_AREA_COGNITION,     N_("Moderate learning difficulty") },
  { "SLD",  SP_AREA_COGNITION,     N_("Severe learning difficulty") },
  { "PMLD", SP_AREA_COGNITION,     N_("Profound and multiple learning difficulty") },
  { "SEMH", SP_AREA_SEMH,          N_("Social, emotional and mental health") },
  { "HI",   SP_AREA_SENSORY,       N_("Hearing impairment") },
  { "VI",   SP_AREA_SENSORY,       N_("Vision impairment") },
  { "MSI",  SP_AREA_SENSORY,       N_("Multi-sensory impairment") },
  { "PD",   SP_AREA_SENSORY,       N_("Physical disability") },
  { "OTH",  SP_AREA_NONE,          N_("Other difficulty or disability") },
  { "NSA",  SP_AREA_NONE,          N_("SEN support but no specialist assessment of type of need") },
};

static const struct
{
  const gchar *key;
  const gchar *name;
} areas[SP_N_AREAS] = {
  [SP_AREA_NONE]          = { "none",          N_("Other") },
  [SP_AREA_COMMUNICATION] = { "communication", N_("Communication and interaction") },
  [SP_AREA_COGNITION]     = { "cognition",     N_("Cognition and learning") },
  [SP_AREA_SEMH]          = { "semh",          N_("Social, emotional and mental health") },
  [SP_AREA_SENSORY]       = { "sensory",       N_("Sensory and/or physical") },
};

const SpNeedType *
sp_need_types (guint *n_types)
{
  if (n_types)
    *n_types = G_N_ELEMENTS (need_types);
  return need_types;
}

const SpNeedType *
sp_need_type_lookup (const gchar *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (need_types); i++)
    if (g_ascii_strcasecmp (need_types[i].code, code) == 0)
      return &need_types[i];
  return NULL;
}

SpArea
sp_need_area (const gchar *code)
{
  const SpNeedType *t = sp_need_type_lookup (code);

  return t ? t->area : SP_AREA_NONE;
}

const gchar *
sp_need_name (const gchar *code)
{
  const SpNeedType *t = sp_need_type_lookup (code);

  return t ? _(t->name) : NULL;
}

const gchar *
sp_area_key (SpArea area)
{
  g_return_val_if_fail (area < SP_N_AREAS, NULL);
  return areas[area].key;
}

SpArea
sp_area_from_key (const gchar *key)
{
  for (guint i = 0; i < SP_N_AREAS; i++)
    if (g_strcmp0 (areas[i].key, key) == 0)
      return (SpArea) i;
  return SP_AREA_NONE;
}

const gchar *
sp_area_name (SpArea area)
{
  g_return_val_if_fail (area < SP_N_AREAS, NULL);
  return _(areas[area].name);
}

gboolean
sp_sen_status_valid (const gchar *status)
{
  return g_strcmp0 (status, "N") == 0 || g_strcmp0 (status, "K") == 0
         || g_strcmp0 (status, "E") == 0;
}

const gchar *
sp_sen_status_name (const gchar *status)
{
  if (g_strcmp0 (status, "K") == 0)
    return _("SEN support");
  if (g_strcmp0 (status, "E") == 0)
    return _("EHC plan");
  if (g_strcmp0 (status, "N") == 0)
    return _("No special educational need");
  return "";
}

const gchar *
sp_plan_status_name (const gchar *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "active") == 0)
    return _("Active");
  if (g_strcmp0 (status, "reviewed") == 0)
    return _("Reviewed");
  if (g_strcmp0 (status, "archived") == 0)
    return _("Archived");
  return "";
}
