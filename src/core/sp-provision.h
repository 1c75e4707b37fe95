#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a provision row needs for its cost: the rest (what, who, dates) is text. */
typedef struct
{
  const gchar *description;    /* what: "Precision teaching of high-frequency words" */
  const gchar *role;           /* who delivers it: a key of the school's role rates ("ta") */
  const gchar *area;           /* area key, may be NULL */
  guint        group_size;     /* pupils in the group, >= 1 */
  guint        sessions_per_week;
  guint        minutes;        /* per session */
  guint        weeks;
  const gchar *start_date;     /* YYYY-MM-DD or NULL */
} SpProvisionSpec;

gint64    sp_provision_cost_pence    (gint64        hourly_rate_pence,
                                      guint         minutes,
                                      guint         sessions_per_week,
                                      guint         weeks,
                                      guint         group_size);
gboolean  sp_provision_spec_check    (const SpProvisionSpec  *spec,
                                      GError                **error);
gchar    *sp_format_pence            (gint64        pence);

G_END_DECLS
