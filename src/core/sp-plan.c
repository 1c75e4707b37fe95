/* sp-plan.c: one SEN Support plan (one assess-plan-do-review cycle), as the pupil page lists it. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dates.h"
#include "sp-need.h"
#include "sp-plan.h"
#include "sp-text-props.h"

struct _SpPlan
{
  GObject parent_instance;

  gint64  id;
  guint   target_count;
  gchar  *start_date;
  gchar  *review_date;
  gchar  *status;
  gchar  *areas;
  gchar  *written_by;
  gchar  *parent_contribution;
  gchar  *pupil_likes;
  gchar  *pupil_finds_hard;
  gchar  *pupil_helps;
  gchar  *pupil_worries;
};

G_DEFINE_FINAL_TYPE (SpPlan, sp_plan, G_TYPE_OBJECT)

#define TEXT(name, member) { name, G_STRUCT_OFFSET (SpPlan, member) }
static const SpTextProp text_props[] = {
  TEXT ("start-date", start_date),
  TEXT ("review-date", review_date),
  TEXT ("status", status),
  TEXT ("areas", areas),
  TEXT ("written-by", written_by),
  TEXT ("parent-contribution", parent_contribution),
  TEXT ("pupil-likes", pupil_likes),
  TEXT ("pupil-finds-hard", pupil_finds_hard),
  TEXT ("pupil-helps", pupil_helps),
  TEXT ("pupil-worries", pupil_worries),
};
#undef TEXT

enum {
  PROP_0,
  PROP_ID,
  PROP_TARGET_COUNT,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + G_N_ELEMENTS (text_props)
};

static GParamSpec *properties[N_PROPS];

static void
sp_plan_finalize (GObject *object)
{
  sp_text_props_clear (object, text_props, G_N_ELEMENTS (text_props));
  G_OBJECT_CLASS (sp_plan_parent_class)->finalize (object);
}

static void
sp_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SpPlan *self = SP_PLAN (object);

  if (sp_text_props_get (object, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TARGET_COUNT:
      g_value_set_uint (value, self->target_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_plan_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SpPlan *self = SP_PLAN (object);

  if (sp_text_props_set (object, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         prop_id, value, properties))
    return;

  switch (prop_id)
    {
    case PROP_ID:
      sp_plan_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TARGET_COUNT:
      sp_plan_set_target_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_plan_class_init (SpPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_plan_finalize;
  object_class->get_property = sp_plan_get_property;
  object_class->set_property = sp_plan_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_COUNT] =
    g_param_spec_uint ("target-count", NULL, NULL, 0, 4, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_FIRST_TEXT, properties);
  sp_text_props_install (object_class, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         properties);
}

static void
sp_plan_init (SpPlan *self)
{
}

SpPlan *
sp_plan_new (void)
{
  return g_object_new (SP_TYPE_PLAN, NULL);
}

gint64
sp_plan_get_id (SpPlan *self)
{
  g_return_val_if_fail (SP_IS_PLAN (self), 0);
  return self->id;
}

void
sp_plan_set_id (SpPlan *self,
                gint64  id)
{
  g_return_if_fail (SP_IS_PLAN (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

guint
sp_plan_get_target_count (SpPlan *self)
{
  g_return_val_if_fail (SP_IS_PLAN (self), 0);
  return self->target_count;
}

void
sp_plan_set_target_count (SpPlan *self,
                          guint   count)
{
  g_return_if_fail (SP_IS_PLAN (self));
  count = MIN (count, 4);
  if (self->target_count != count)
    {
      self->target_count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_COUNT]);
    }
}

const gchar *
sp_plan_get_text (SpPlan      *self,
                  const gchar *property)
{
  g_return_val_if_fail (SP_IS_PLAN (self), "");
  return sp_text_props_lookup (G_OBJECT (self), text_props, G_N_ELEMENTS (text_props),
                               property);
}

/* "Plan from 3 March 2026, review 26 May 2026" */
gchar *
sp_plan_dup_title (SpPlan *self)
{
  g_autofree gchar *start = sp_date_format_long (self->start_date);
  g_autofree gchar *review = sp_date_format_long (self->review_date);

  return g_strdup_printf (_("Plan from %s, review %s"), start, review);
}
