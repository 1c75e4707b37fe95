/* sp-upn.c: the Department for Education's Unique Pupil Number.
 *
 * A UPN is 13 characters: a check letter, the local authority number (3 digits), the
 * establishment number (4), the year of allocation (2) and a serial (3 digits, or 2 digits and a
 * letter for a temporary UPN). The check letter is computed from the other twelve characters:
 * each is weighted by its position (2..13), a trailing letter counts as its index in the
 * 23-letter alphabet below, and the sum modulo 23 is read back in that alphabet.
 * No library knows this rule, so it is written here.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-upn.h"

/* The alphabet used for check letters and temporary serials: no I, O or S. */
static const gchar upn_alphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

G_DEFINE_QUARK (sp-upn-error-quark, sp_upn_error)

static gint
alphabet_index (gchar c)
{
  const gchar *p = strchr (upn_alphabet, g_ascii_toupper (c));

  if (c == '\0' || p == NULL)
    return -1;
  return (gint) (p - upn_alphabet);
}

/* Returns the check letter the UPN should start with, or '\0' when the twelve characters after
 * the first are not digits (with an optional letter last). */
gchar
sp_upn_check_letter (const gchar *upn)
{
  guint sum = 0;

  g_return_val_if_fail (upn != NULL, '\0');

  if (strlen (upn) != 13)
    return '\0';

  for (guint pos = 2; pos <= 13; pos++)
    {
      gchar c = upn[pos - 1];
      gint value;

      if (g_ascii_isdigit (c))
        value = c - '0';
      else if (pos == 13 && (value = alphabet_index (c)) >= 0)
        ;
      else
        return '\0';
      sum += (guint) value * pos;
    }

  return upn_alphabet[sum % 23];
}

gboolean
sp_upn_validate (const gchar  *upn,
                 GError      **error)
{
  gsize len;
  gchar expected;

  if (upn == NULL || *upn == '\0')
    {
      g_set_error_literal (error, SP_UPN_ERROR, SP_UPN_ERROR_EMPTY, _("The UPN is empty."));
      return FALSE;
    }

  len = strlen (upn);
  if (!g_utf8_validate (upn, -1, NULL) || len != 13)
    {
      g_set_error (error, SP_UPN_ERROR, SP_UPN_ERROR_LENGTH,
                   _("A UPN has 13 characters, but “%s” has %ld."),
                   g_utf8_validate (upn, -1, NULL) ? upn : "?",
                   (glong) (g_utf8_validate (upn, -1, NULL) ? g_utf8_strlen (upn, -1) : (glong) len));
      return FALSE;
    }

  if (alphabet_index (upn[0]) < 0 || !g_ascii_isupper (upn[0]))
    {
      g_set_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS,
                   _("UPN %s must start with a capital letter (not I, O or S)."), upn);
      return FALSE;
    }

  for (guint i = 1; i < 12; i++)
    if (!g_ascii_isdigit (upn[i]))
      {
        g_set_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS,
                     _("UPN %s must have digits in places 2 to 12."), upn);
        return FALSE;
      }

  if (!g_ascii_isdigit (upn[12]) && (!g_ascii_isupper (upn[12]) || alphabet_index (upn[12]) < 0))
    {
      g_set_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHARACTERS,
                   _("UPN %s must end with a digit, or a capital letter for a temporary UPN."), upn);
      return FALSE;
    }

  expected = sp_upn_check_letter (upn);
  if (expected != upn[0])
    {
      g_set_error (error, SP_UPN_ERROR, SP_UPN_ERROR_CHECK_LETTER,
                   _("UPN %s has a wrong check letter: a character may have been mistyped."),
                   upn);
      return FALSE;
    }

  return TRUE;
}

/* Strips spaces and makes letters capitals, as a teacher may type "b801 2000 05001". */
gchar *
sp_upn_normalise (const gchar *text)
{
  GString *s = g_string_new (NULL);

  for (const gchar *p = text ? text : ""; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (s, g_ascii_toupper (*p));

  return g_string_free (s, FALSE);
}

/* Builds a valid permanent UPN; used by the demo school and the tests. */
gchar *
sp_upn_make (guint la_number,
             guint establishment,
             guint year,
             guint serial)
{
  gchar *upn = g_strdup_printf ("?%03u%04u%02u%03u",
                                la_number % 1000, establishment % 10000, year % 100,
                                serial % 1000);

  upn[0] = sp_upn_check_letter (upn);
  return upn;
}
