/* sp-dates.c: ISO dates as the database stores them, and the English school year. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sp-dates.h"

/* Parses YYYY-MM-DD strictly (GDate's own parser accepts many loose forms and the locale's
 * order, which would let "03-04-2025" mean two different days). Returns NULL for an
 * impossible date such as 2025-02-30. */
GDate *
sp_date_parse_iso (const gchar *text)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;

  y = (guint) atoi (text);
  m = (guint) atoi (text + 5);
  d = (guint) atoi (text + 8);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;

  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gchar *
sp_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "14 March 2026", the way an English school writes a date; "" for NULL or a bad date. */
gchar *
sp_date_format_long (const gchar *iso)
{
  g_autoptr(GDate) date = sp_date_parse_iso (iso);
  gchar buf[64];

  if (date == NULL)
    return g_strdup ("");
  if (g_date_strftime (buf, sizeof buf, "%-d %B %Y", date) == 0)
    return g_strdup (iso);
  return g_strdup (buf);
}

/* Today, or the day named by SUPPORT_PLANS_TODAY (YYYY-MM-DD) so tests and demos can fix it. */
GDate *
sp_date_today (void)
{
  const gchar *fixed = g_getenv ("SUPPORT_PLANS_TODAY");
  GDate *date;

  if (fixed != NULL && (date = sp_date_parse_iso (fixed)) != NULL)
    return date;

  date = g_date_new ();
  g_date_set_time_t (date, time (NULL));
  return date;
}

/* The school year runs from 1 September: 2025-09-01 to 2026-08-31 is year 2025. */
guint
sp_academic_year_for_date (const GDate *date)
{
  guint year = g_date_get_year (date);

  return g_date_get_month (date) >= G_DATE_SEPTEMBER ? year : year - 1;
}

/* A pupil in an English primary or secondary school is between 2 and 25 years old
 * (nursery to the end of post-16 provision for a young person with SEN). */
gboolean
sp_date_of_birth_plausible (const GDate  *dob,
                            const GDate  *today,
                            GError      **error)
{
  gint days = g_date_days_between (dob, today);

  if (days < 2 * 365)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date of birth is less than two years ago: check the year."));
      return FALSE;
    }
  if (days > 26 * 366)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date of birth is more than 25 years ago: check the year."));
      return FALSE;
    }
  return TRUE;
}

/* The end of the school term a plan started in, or of the next term when that is less than
 * four weeks away. Terms end about 20 December, 31 March and 22 July; a school's own dates
 * differ by days, and the teacher can change the proposal. */
GDate *
sp_date_end_of_term (const GDate *start)
{
  static const struct { GDateMonth month; GDateDay day; } ends[] = {
    { G_DATE_MARCH, 31 }, { G_DATE_JULY, 22 }, { G_DATE_DECEMBER, 20 },
  };
  GDateYear year = g_date_get_year (start);

  for (guint attempt = 0; attempt < 6; attempt++)
    {
      GDate *end = g_date_new_dmy (ends[attempt % 3].day, ends[attempt % 3].month,
                                   year + attempt / 3);
      if (g_date_days_between (start, end) >= 28)
        return end;
      g_date_free (end);
    }
  g_return_val_if_reached (NULL);
}
