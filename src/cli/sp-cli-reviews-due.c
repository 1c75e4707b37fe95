/* sp-cli-reviews-due.c: `support-plans reviews-due`, the reviews-due list for scripts.
 *
 * No header; one line per active plan, ordered by review date, tab-separated:
 * review date (YYYY-MM-DD), UPN, pupil (forename surname), class, days overdue (0 when not
 * yet due). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli-private.h"
#include "sp-dates.h"
#include "sp-store-review.h"

/* A tab or newline inside a field would break the columns a script reads. */
static gchar *
field (const gchar *text)
{
  gchar *copy = g_strdup (text);

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

gint
sp_cli_verb_reviews_due (const gchar  *database,
                         gint          argc,
                         gchar       **argv)
{
  g_autofree gchar *today_text = NULL;
  g_autofree gchar *class_name = NULL;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Count days overdue from this date instead of today"), "YYYY-MM-DD" },
    { "class", 0, 0, G_OPTION_ARG_STRING, &class_name, N_("Only the pupils of this class"),
      "NAME" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!sp_cli_parse_options ("reviews-due", entries, &argc, &argv))
    return 2;
  today = today_text ? sp_date_parse_iso (today_text) : sp_date_today ();
  if (today == NULL)
    {
      sp_cli_say_error (_("--today needs a real date written as YYYY-MM-DD."));
      return 2;
    }

  if ((store = sp_cli_open_store (database, SP_STORE_OPEN_NO_CREATE)) == NULL)
    return 1;
  rows = sp_store_list_reviews_due (store, today, class_name, &error);
  if (rows == NULL)
    {
      sp_cli_say_error (error->message);
      return 1;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SpReviewDue *row = g_ptr_array_index (rows, i);
      g_autofree gchar *upn = field (row->upn);
      g_autofree gchar *forename = field (row->forename);
      g_autofree gchar *surname = field (row->surname);
      g_autofree gchar *class_field = field (row->class_name);

      g_string_append_printf (out, "%s\t%s\t%s %s\t%s\t%u\n", row->review_date, upn, forename,
                              surname, class_field, row->days_overdue);
    }
  /* Written as it is, UTF-8, whatever the locale: this is for scripts. */
  fputs (out->str, stdout);
  return 0;
}
