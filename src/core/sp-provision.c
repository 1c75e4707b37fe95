/* sp-provision.c: what a piece of provision costs. */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "sp-provision.h"

/* rate × minutes ÷ 60 × sessions × weeks ÷ group size, in pence, rounded half up once.
 * Worked in integers so a figure is the same on every machine and in every export. */
gint64
sp_provision_cost_pence (gint64 hourly_rate_pence,
                         guint  minutes,
                         guint  sessions_per_week,
                         guint  weeks,
                         guint  group_size)
{
  guint64 numerator, denominator;

  if (hourly_rate_pence <= 0 || group_size == 0)
    return 0;

  numerator = (guint64) hourly_rate_pence * minutes * sessions_per_week * weeks;
  denominator = 60u * (guint64) group_size;
  return (gint64) ((2 * numerator + denominator) / (2 * denominator));
}

/* The limits are those of a school week: they stop a slip of the keyboard (600 minutes a
 * session, 0 pupils in a group) from reaching the costs. */
gboolean
sp_provision_spec_check (const SpProvisionSpec  *spec,
                         GError                **error)
{
  if (spec->description == NULL || *spec->description == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Say what the provision is."));
      return FALSE;
    }
  if (spec->group_size < 1 || spec->group_size > 40)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A group has between 1 and 40 pupils."));
      return FALSE;
    }
  if (spec->sessions_per_week < 1 || spec->sessions_per_week > 25)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Sessions a week must be between 1 and 25."));
      return FALSE;
    }
  if (spec->minutes < 1 || spec->minutes > 390)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A session lasts between 1 minute and a school day (390 minutes)."));
      return FALSE;
    }
  if (spec->weeks < 1 || spec->weeks > 52)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The number of weeks must be between 1 and 52."));
      return FALSE;
    }
  return TRUE;
}

/* "£1,234.56" */
gchar *
sp_format_pence (gint64 pence)
{
  GString *s = g_string_new (pence < 0 ? "-£" : "£");
  guint64 abs_pence = pence < 0 ? (guint64) -pence : (guint64) pence;
  g_autofree gchar *pounds = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_pence / 100);
  gsize len = strlen (pounds);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, pounds[i]);
    }
  g_string_append_printf (s, ".%02u", (guint) (abs_pence % 100));
  return g_string_free (s, FALSE);
}
