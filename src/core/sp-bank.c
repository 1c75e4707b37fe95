/* sp-bank.c: the bank of targets and strategies, by area of need.
 *
 * The shipped bank is a key file, one group per entry:
 *
 *   [communication-01]
 *   Area=communication
 *   Need=SLCN
 *   Target=Follow a spoken instruction with two key words ...
 *   Baseline=How many of 10 two-key-word instructions they follow now
 *   Success=Follows 8 of 10 ... on two checks a week apart
 *   Strategies=Teaching assistant ...;Class teacher ...
 *   Years=R-2
 *
 * Area and Target are required; the rest may be left out. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sp-bank.h"

SpBankEntry *
sp_bank_entry_new (void)
{
  SpBankEntry *entry = g_new0 (SpBankEntry, 1);

  entry->key = g_strdup ("");
  entry->need = g_strdup ("");
  entry->target = g_strdup ("");
  entry->baseline = g_strdup ("");
  entry->success = g_strdup ("");
  entry->strategies = g_new0 (gchar *, 1);
  entry->years = g_strdup ("");
  return entry;
}

SpBankEntry *
sp_bank_entry_copy (const SpBankEntry *entry)
{
  SpBankEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (SpBankEntry, 1);
  copy->key = g_strdup (entry->key ? entry->key : "");
  copy->id = entry->id;
  copy->area = entry->area;
  copy->need = g_strdup (entry->need ? entry->need : "");
  copy->target = g_strdup (entry->target ? entry->target : "");
  copy->baseline = g_strdup (entry->baseline ? entry->baseline : "");
  copy->success = g_strdup (entry->success ? entry->success : "");
  copy->strategies = entry->strategies ? g_strdupv (entry->strategies) : g_new0 (gchar *, 1);
  copy->years = g_strdup (entry->years ? entry->years : "");
  copy->user_written = entry->user_written;
  return copy;
}

void
sp_bank_entry_free (SpBankEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->need);
  g_free (entry->target);
  g_free (entry->baseline);
  g_free (entry->success);
  g_strfreev (entry->strategies);
  g_free (entry->years);
  g_free (entry);
}

static gchar *
get_text (GKeyFile    *file,
          const gchar *group,
          const gchar *key)
{
  g_autofree gchar *value = g_key_file_get_string (file, group, key, NULL);

  return g_strstrip (g_strdup (value ? value : ""));
}

/* Strategies are one line each: trimmed, empty ones dropped. */
static GStrv
tidy_strategies (gchar **list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; list && list[i]; i++)
    {
      g_autofree gchar *one = g_strdup (list[i]);

      g_strdelimit (one, "\r\n", ' ');
      g_strstrip (one);
      if (*one != '\0')
        g_strv_builder_add (builder, one);
    }
  return g_strv_builder_end (builder);
}

/* Reads the bank's key file. Returns an array of SpBankEntry in the file's order (it frees
 * them), or NULL with @error when the file is not a bank: a broken line, an entry without a
 * target, or an area the program does not know. */
GPtrArray *
sp_bank_parse (GBytes  *ini,
               GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ini != NULL, NULL);

  if (!g_key_file_load_from_bytes (file, ini, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The bank of targets could not be read: %s"), local_error->message);
      return NULL;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_bank_entry_free);
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      g_autoptr(SpBankEntry) entry = sp_bank_entry_new ();
      g_autofree gchar *area = get_text (file, groups[i], "Area");
      g_auto(GStrv) strategies = NULL;

      entry->area = sp_area_from_key (area);
      if (entry->area == SP_AREA_NONE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The bank’s entry “%s” has no area of need the program knows (“%s”)."),
                       groups[i], area);
          return NULL;
        }

      g_free (entry->key);
      entry->key = g_strdup (groups[i]);
      g_free (entry->target);
      entry->target = get_text (file, groups[i], "Target");
      if (*entry->target == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The bank’s entry “%s” has no target."), groups[i]);
          return NULL;
        }

      g_free (entry->need);
      entry->need = get_text (file, groups[i], "Need");
      g_free (entry->baseline);
      entry->baseline = get_text (file, groups[i], "Baseline");
      g_free (entry->success);
      entry->success = get_text (file, groups[i], "Success");
      g_free (entry->years);
      entry->years = get_text (file, groups[i], "Years");

      strategies = g_key_file_get_string_list (file, groups[i], "Strategies", NULL, NULL);
      g_strfreev (entry->strategies);
      entry->strategies = tidy_strategies (strategies);

      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  return g_steal_pointer (&entries);
}

/* @text made comparable for searching: accents removed (NFKD without combining marks) and
 * case folded, so "naive" finds "naïve" and "SEMH" finds "semh". */
gchar *
sp_bank_fold (const gchar *text)
{
  g_autofree gchar *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKD);
  GString *bare;

  if (decomposed == NULL)   /* not valid UTF-8 */
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const gchar *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  {
    g_autofree gchar *unaccented = g_string_free (bare, FALSE);
    return g_utf8_casefold (unaccented, -1);
  }
}

/* TRUE when @entry is in @area (SP_AREA_NONE for every area) and every word of @query is found
 * in its target, strategies, success criteria, need (code or name) or area name, ignoring case
 * and accents. Words match the start or middle of a word too: "read" finds "reading". An
 * empty query matches every entry of the area. */
gboolean
sp_bank_entry_matches (const SpBankEntry *entry,
                       const gchar       *query,
                       SpArea             area)
{
  g_autoptr(GString) hay = NULL;
  g_autofree gchar *folded_hay = NULL;
  g_autofree gchar *folded_query = NULL;
  g_auto(GStrv) words = NULL;
  const gchar *need_name;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (area != SP_AREA_NONE && entry->area != area)
    return FALSE;

  folded_query = sp_bank_fold (query);
  words = g_strsplit_set (folded_query, " \t\n\r,;", -1);
  if (words[0] == NULL)
    return TRUE;

  hay = g_string_new (entry->target);
  for (guint i = 0; entry->strategies && entry->strategies[i]; i++)
    g_string_append_printf (hay, "\n%s", entry->strategies[i]);
  g_string_append_printf (hay, "\n%s\n%s", entry->success ? entry->success : "",
                          entry->need ? entry->need : "");
  if ((need_name = sp_need_name (entry->need)) != NULL)
    g_string_append_printf (hay, "\n%s", need_name);
  if (entry->area < SP_N_AREAS)
    g_string_append_printf (hay, "\n%s\n%s", sp_area_name (entry->area),
                            sp_area_key (entry->area));
  folded_hay = sp_bank_fold (hay->str);

  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0' && strstr (folded_hay, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* How a teacher's strategies are kept in one column: one a line. */
gchar *
sp_bank_join_strategies (const gchar * const *strategies)
{
  g_auto(GStrv) tidy = tidy_strategies ((gchar **) strategies);

  return g_strjoinv ("\n", tidy);
}

GStrv
sp_bank_split_strategies (const gchar *joined)
{
  g_auto(GStrv) lines = g_strsplit (joined ? joined : "", "\n", -1);

  return tidy_strategies (lines);
}
