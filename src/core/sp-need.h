#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The four broad areas of need in the SEND Code of Practice, plus "none" for the census codes
 * OTH and NSA that belong to no area. The keys are what the database stores. */
typedef enum
{
  SP_AREA_NONE,
  SP_AREA_COMMUNICATION,
  SP_AREA_COGNITION,
  SP_AREA_SEMH,
  SP_AREA_SENSORY,
  SP_N_AREAS
} SpArea;

typedef struct
{
  const gchar *code;   /* DfE census code, e.g. "SLCN" */
  SpArea       area;
  const gchar *name;   /* untranslated; pass through _() */
} SpNeedType;

const SpNeedType  *sp_need_types          (guint        *n_types);
const SpNeedType  *sp_need_type_lookup    (const gchar  *code);
SpArea             sp_need_area           (const gchar  *code);
const gchar       *sp_need_name           (const gchar  *code);
const gchar       *sp_area_key            (SpArea        area);
SpArea             sp_area_from_key       (const gchar  *key);
const gchar       *sp_area_name           (SpArea        area);
gboolean           sp_sen_status_valid    (const gchar  *status);
const gchar       *sp_sen_status_name     (const gchar  *status);
const gchar       *sp_plan_status_name    (const gchar  *status);

G_END_DECLS
