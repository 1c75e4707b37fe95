/* sp-text.c: what a typed field may hold, and the gentle check for vague wording. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sp-text.h"

/* Returns a copy of @text that is valid UTF-8 without control characters other than new
 * lines and tabs (a paste from a web page can carry NULs, escapes and form feeds), or NULL
 * with @error when it is too long to be a plan's field. */
gchar *
sp_text_clean (const gchar  *text,
               GError      **error)
{
  g_autofree gchar *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) > SP_TEXT_MAX_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This text is %ld characters long; a field holds at most %d. Shorten it, "
                     "or attach the longer document to the pupil’s file instead."),
                   (glong) g_utf8_strlen (valid, -1), SP_TEXT_MAX_CHARS);
      return NULL;
    }

  out = g_string_sized_new (strlen (valid));
  for (const gchar *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || !g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The phrase list is a data file (data/vague-phrases.txt): one phrase a line, '#' comments. */
GStrv
sp_wording_phrases_parse (const gchar *data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (data ? data : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree gchar *line = g_utf8_casefold (g_strstrip (lines[i]), -1);
      if (*line != '\0' && *line != '#')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'';
}

/* The vague phrases found in @text, each once, in the order of the list. A phrase matches
 * whole words only, ignoring case: "regular" is found in "regular practice" but not in
 * "irregular". Returns an array of the phrases (owned by @phrases). */
GPtrArray *
sp_wording_check (const gchar         *text,
                  const gchar * const *phrases)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree gchar *folded = g_utf8_casefold (text ? text : "", -1);

  for (guint i = 0; phrases && phrases[i]; i++)
    {
      const gchar *hit = folded;
      gsize len = strlen (phrases[i]);

      while ((hit = strstr (hit, phrases[i])) != NULL)
        {
          gboolean start_ok = hit == folded
                              || !is_word_char (g_utf8_get_char (g_utf8_prev_char (hit)));
          gboolean end_ok = hit[len] == '\0' || !is_word_char (g_utf8_get_char (hit + len));

          if (start_ok && end_ok)
            {
              g_ptr_array_add (found, (gpointer) phrases[i]);
              break;
            }
          hit += len;
        }
    }
  return found;
}
