/* The bank of targets: the shipped file as it is (size, spread, wording), searching it, and a
 * teacher's own entries through the store on a real SQLite file. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sp-bank.h"
#include "sp-demo.h"
#include "sp-store-bank.h"
#include "sp-store-schema.h"
#include "sp-text.h"

static GBytes *
read_data_file (const gchar *name)
{
  g_autofree gchar *path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  gchar *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GPtrArray *
shipped_bank (void)
{
  g_autoptr(GBytes) bytes = read_data_file ("target-bank.ini");
  g_autoptr(GError) error = NULL;
  GPtrArray *bank = sp_bank_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

static const SpBankEntry *
find_key (GPtrArray   *bank,
          const gchar *key)
{
  for (guint i = 0; i < bank->len; i++)
    {
      const SpBankEntry *e = g_ptr_array_index (bank, i);
      if (g_strcmp0 (e->key, key) == 0)
        return e;
    }
  return NULL;
}

static void
test_shipped_size_and_spread (void)
{
  g_autoptr(GPtrArray) bank = shipped_bank ();
  guint per_area[SP_N_AREAS] = { 0 };
  g_autoptr(GHashTable) needs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (bank->len, >=, 60);
  for (guint i = 0; i < bank->len; i++)
    {
      const SpBankEntry *e = g_ptr_array_index (bank, i);

      g_assert_true (g_hash_table_add (keys, e->key));  /* keys are unique */
      g_assert_false (e->user_written);
      g_assert_cmpint (e->area, >, SP_AREA_NONE);
      g_assert_cmpint (e->area, <, SP_N_AREAS);
      per_area[e->area]++;
      if (*e->need != '\0')
        {
          /* A need given is a census code of the entry's own area. */
          g_assert_nonnull (sp_need_type_lookup (e->need));
          g_assert_cmpint (sp_need_area (e->need), ==, e->area);
          g_hash_table_add (needs, e->need);
        }
    }
  g_assert_cmpuint (per_area[SP_AREA_NONE], ==, 0);
  for (SpArea a = SP_AREA_COMMUNICATION; a < SP_N_AREAS; a++)
    g_assert_cmpuint (per_area[a], >=, 14);
  /* Spread over need types, not one per area. */
  g_assert_cmpuint (g_hash_table_size (needs), >=, 9);
  g_assert_nonnull (find_key (bank, "communication-01"));
}

static gboolean
has_number (const gchar *text)
{
  static const gchar *counts[] = { "once", "two", "three", "four", "five", "six", "every", NULL };
  g_auto(GStrv) words = g_strsplit_set (text, " ,.()", -1);

  if (strpbrk (text, "0123456789") != NULL)
    return TRUE;
  for (guint i = 0; words[i]; i++)
    if (g_strv_contains (counts, words[i]))
      return TRUE;
  return FALSE;
}

static void
test_shipped_entries_complete (void)
{
  g_autoptr(GPtrArray) bank = shipped_bank ();

  for (guint i = 0; i < bank->len; i++)
    {
      const SpBankEntry *e = g_ptr_array_index (bank, i);
      guint n = g_strv_length (e->strategies);

      if (g_test_verbose ())
        g_test_message ("%s", e->key);
      g_assert_cmpuint (strlen (e->target), >=, 20);
      g_assert_cmpuint (strlen (e->baseline), >=, 10);
      g_assert_cmpuint (strlen (e->success), >=, 10);
      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 4);
      for (guint s = 0; s < n; s++)
        g_assert_cmpuint (strlen (e->strategies[s]), >=, 20);
      /* Measurable: the success criteria carry a number or a count. */
      g_assert_true (has_number (e->success));
      /* UK spelling of the words this kind of text tends to slip on. */
      g_assert_null (strstr (e->target, "behavior"));
      g_assert_null (strstr (e->success, "color"));
    }
}

/* No shipped line uses a phrase the plan editor would mark as vague. */
static void
test_shipped_wording (void)
{
  g_autoptr(GPtrArray) bank = shipped_bank ();
  g_autoptr(GBytes) list = read_data_file ("vague-phrases.txt");
  g_autofree gchar *text = g_strndup (g_bytes_get_data (list, NULL), g_bytes_get_size (list));
  g_auto(GStrv) phrases = sp_wording_phrases_parse (text);
  guint checked = 0;

  g_assert_cmpuint (g_strv_length (phrases), >=, 20);
  for (guint i = 0; i < bank->len; i++)
    {
      const SpBankEntry *e = g_ptr_array_index (bank, i);
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();

      g_ptr_array_add (lines, e->target);
      g_ptr_array_add (lines, e->baseline);
      g_ptr_array_add (lines, e->success);
      for (guint s = 0; e->strategies[s]; s++)
        g_ptr_array_add (lines, e->strategies[s]);

      for (guint l = 0; l < lines->len; l++)
        {
          const gchar *line = g_ptr_array_index (lines, l);
          g_autoptr(GPtrArray) found = sp_wording_check (line, (const gchar * const *) phrases);

          if (found->len > 0)
            g_error ("%s uses “%s”: %s", e->key, (const gchar *) found->pdata[0], line);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 60 * 5);

  /* The check itself is live: a vague line is caught. */
  {
    g_autoptr(GPtrArray) found = sp_wording_check ("Will have regular access to a laptop",
                                                   (const gchar * const *) phrases);
    g_assert_cmpuint (found->len, ==, 2);
  }
}

static guint
count_matches (GPtrArray   *bank,
               const gchar *query,
               SpArea       area)
{
  guint n = 0;

  for (guint i = 0; i < bank->len; i++)
    if (sp_bank_entry_matches (g_ptr_array_index (bank, i), query, area))
      n++;
  return n;
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) bank = shipped_bank ();
  const SpBankEntry *words = find_key (bank, "cognition-01");
  guint all = bank->len, comm, cog;

  g_assert_nonnull (words);

  /* An empty query keeps everything in the area. */
  g_assert_cmpuint (count_matches (bank, "", SP_AREA_NONE), ==, all);
  g_assert_cmpuint (count_matches (bank, "   ", SP_AREA_NONE), ==, all);
  comm = count_matches (bank, NULL, SP_AREA_COMMUNICATION);
  cog = count_matches (bank, "", SP_AREA_COGNITION);
  g_assert_cmpuint (comm, >=, 14);
  g_assert_cmpuint (cog, >=, 14);
  g_assert_cmpuint (comm + cog, <, all);

  /* By words of the target, in any case, each word needed. */
  g_assert_true (sp_bank_entry_matches (words, "high-frequency", SP_AREA_NONE));
  g_assert_true (sp_bank_entry_matches (words, "HIGH frequency WORDS", SP_AREA_NONE));
  g_assert_true (sp_bank_entry_matches (words, "precision", SP_AREA_NONE));   /* strategy */
  g_assert_true (sp_bank_entry_matches (words, "read", SP_AREA_COGNITION));
  g_assert_false (sp_bank_entry_matches (words, "read", SP_AREA_SEMH));
  g_assert_false (sp_bank_entry_matches (words, "frequency hearing", SP_AREA_NONE));
  g_assert_false (sp_bank_entry_matches (words, "zebra", SP_AREA_NONE));
  /* By need code, need name and area name. */
  g_assert_true (sp_bank_entry_matches (words, "spld", SP_AREA_NONE));
  g_assert_true (sp_bank_entry_matches (words, "specific learning", SP_AREA_NONE));
  g_assert_true (sp_bank_entry_matches (words, "cognition", SP_AREA_NONE));
  g_assert_false (sp_bank_entry_matches (words, "autism", SP_AREA_NONE));
  /* Accents are folded both ways. */
  g_assert_true (sp_bank_entry_matches (words, "précision", SP_AREA_NONE));

  /* Across the bank: "autism" finds only autism entries, all in communication. */
  {
    guint n = count_matches (bank, "autism", SP_AREA_NONE);

    g_assert_cmpuint (n, >=, 5);
    g_assert_cmpuint (n, ==, count_matches (bank, "autism", SP_AREA_COMMUNICATION));
    g_assert_cmpuint (count_matches (bank, "autism", SP_AREA_SEMH), ==, 0);
  }
  g_assert_cmpuint (count_matches (bank, "hearing aid", SP_AREA_NONE), >=, 1);
  g_assert_cmpuint (count_matches (bank, "hearing aid", SP_AREA_NONE), <, 5);
  g_assert_cmpuint (count_matches (bank, "no-such-word-anywhere", SP_AREA_NONE), ==, 0);
}

static void
test_parse_refuses (void)
{
  static const gchar *bad[] = {
    "[a]\nArea=communication\nTarget=\n",                       /* no target */
    "[a]\nArea=moon\nTarget=Read 10 words\n",                   /* unknown area */
    "[a]\nArea=none\nTarget=Read 10 words\n",                   /* no area */
    "this is not a key file\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) bank = sp_bank_parse (bytes, &error);

      g_assert_null (bank);
      g_assert_nonnull (error);
    }

  /* Strategies are trimmed, empty ones dropped; missing keys are "". */
  {
    static const gchar good[] = "[x-1]\nArea=semh\nTarget= Say hello \nStrategies= one ;;two;\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (good, strlen (good));
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) bank = sp_bank_parse (bytes, &error);
    const SpBankEntry *e;

    g_assert_no_error (error);
    g_assert_cmpuint (bank->len, ==, 1);
    e = g_ptr_array_index (bank, 0);
    g_assert_cmpstr (e->key, ==, "x-1");
    g_assert_cmpint (e->area, ==, SP_AREA_SEMH);
    g_assert_cmpstr (e->target, ==, "Say hello");
    g_assert_cmpstr (e->need, ==, "");
    g_assert_cmpstr (e->baseline, ==, "");
    g_assert_cmpuint (g_strv_length (e->strategies), ==, 2);
    g_assert_cmpstr (e->strategies[0], ==, "one");
    g_assert_cmpstr (e->strategies[1], ==, "two");
  }
}

static void
test_strategies_join (void)
{
  const gchar *in[] = { "Teaching assistant: 10 minutes daily", " ", "Line\nbreak; kept", NULL };
  g_autofree gchar *joined = sp_bank_join_strategies (in);
  g_auto(GStrv) out = sp_bank_split_strategies (joined);

  g_assert_cmpuint (g_strv_length (out), ==, 2);
  g_assert_cmpstr (out[0], ==, "Teaching assistant: 10 minutes daily");
  g_assert_cmpstr (out[1], ==, "Line break; kept");
  {
    g_auto(GStrv) none = sp_bank_split_strategies ("");
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
}

/* ---- the teacher's own entries, on a real database file ------------------------------- */

typedef struct
{
  gchar *dir;
  gchar *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("sp-bank-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "school.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
raw_int (const gchar *path,
         const gchar *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const gchar *path,
          const gchar *sql)
{
  sqlite3 *db = NULL;
  gchar *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static SpBankEntry *
make_entry (SpArea       area,
            const gchar *target)
{
  SpBankEntry *e = sp_bank_entry_new ();
  const gchar *strategies[] = { "Teaching assistant: 10 minutes, three times a week",
                                "Class teacher checks on Fridays", NULL };

  e->area = area;
  g_free (e->target);
  e->target = g_strdup (target);
  g_free (e->baseline);
  e->baseline = g_strdup ("How many of 20 they do now");
  g_free (e->success);
  e->success = g_strdup ("  16 of 20 on two checks  ");
  g_free (e->need);
  e->need = g_strdup ("MLD");
  g_strfreev (e->strategies);
  e->strategies = g_strdupv ((gchar **) strategies);
  return e;
}

static void
test_own_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpBankEntry) first = make_entry (SP_AREA_COGNITION, "Order numbers to 50 — “ça va” ✓");
  g_autoptr(SpBankEntry) second = make_entry (SP_AREA_SEMH, "Line up with the class at the bell");
  g_autoptr(SpBankEntry) empty = make_entry (SP_AREA_SEMH, "   ");
  g_autoptr(GPtrArray) list = NULL;
  const SpBankEntry *e;
  gint64 id1, id2;

  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);

  list = sp_store_list_bank_entries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  id1 = sp_store_add_bank_entry (store, first, &error);
  g_assert_no_error (error);
  id2 = sp_store_add_bank_entry (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, 0);
  g_assert_cmpint (id2, >, id1);

  /* The same target twice is refused; an empty one too; nothing is written. */
  g_assert_cmpint (sp_store_add_bank_entry (store, first, &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_add_bank_entry (store, empty, &error), ==, 0);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM bank_entries"), ==, 2);

  /* A pasted 100,000 characters is refused with a sentence; control characters are dropped;
   * right-to-left text and emoji are kept as typed. */
  {
    g_autoptr(SpBankEntry) huge = make_entry (SP_AREA_SEMH, "x");
    g_autoptr(SpBankEntry) odd = make_entry (SP_AREA_SEMH, "يقرأ 10 كلمات 📚\x01\x1b[31m");
    g_autoptr(GPtrArray) back = NULL;
    gint64 id;

    g_free (huge->target);
    huge->target = g_strnfill (100000, 'a');
    g_assert_cmpint (sp_store_add_bank_entry (store, huge, &error), ==, 0);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "100000"));
    g_clear_error (&error);

    id = sp_store_add_bank_entry (store, odd, &error);
    g_assert_no_error (error);
    back = sp_store_list_bank_entries (store, &error);
    g_assert_cmpint (((SpBankEntry *) g_ptr_array_index (back, 0))->id, ==, id);
    g_assert_cmpstr (((SpBankEntry *) g_ptr_array_index (back, 0))->target, ==,
                     "يقرأ 10 كلمات 📚[31m");
    g_assert_true (sp_store_delete_bank_entry (store, id, &error));
  }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM bank_entries"), ==, 2);

  /* Read back, newest first, from a second connection to the same file. */
  {
    g_autoptr(SpStore) again = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    list = sp_store_list_bank_entries (again, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (list->len, ==, 2);
  e = g_ptr_array_index (list, 1);
  g_assert_cmpint (e->id, ==, id1);
  g_assert_true (e->user_written);
  g_assert_cmpint (e->area, ==, SP_AREA_COGNITION);
  g_assert_cmpstr (e->target, ==, first->target);
  g_assert_cmpstr (e->need, ==, "MLD");
  g_assert_cmpstr (e->baseline, ==, "How many of 20 they do now");
  g_assert_cmpstr (e->success, ==, "16 of 20 on two checks");
  g_assert_cmpuint (g_strv_length (e->strategies), ==, 2);
  g_assert_cmpstr (e->strategies[1], ==, "Class teacher checks on Fridays");
  {
    g_autofree gchar *key = g_strdup_printf ("own-%" G_GINT64_FORMAT, id1);
    g_assert_cmpstr (e->key, ==, key);
  }
  /* A saved entry is searched like a shipped one, accents folded. */
  g_assert_true (sp_bank_entry_matches (e, "CA VA numbers", SP_AREA_COGNITION));
  g_assert_false (sp_bank_entry_matches (e, "numbers", SP_AREA_SEMH));
  g_assert_cmpint (((SpBankEntry *) g_ptr_array_index (list, 0))->id, ==, id2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Delete one; deleting it again says it is gone. */
  g_assert_true (sp_store_delete_bank_entry (store, id1, &error));
  g_assert_no_error (error);
  g_assert_false (sp_store_delete_bank_entry (store, id1, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  list = sp_store_list_bank_entries (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SpBankEntry *) g_ptr_array_index (list, 0))->id, ==, id2);
}

/* A school's file from before the bank (version 2, with the demo school in it) opens, gains
 * the table, and keeps every pupil. */
static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (23, 11, 2026);
  g_autoptr(SpBankEntry) entry = make_entry (SP_AREA_SENSORY, "Carry a tray across the hall");
  gint64 pupils;

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (sp_demo_fill (store, 12, today, &error));
    g_assert_no_error (error);
  }
  /* Take the file back to what version 2 wrote. */
  raw_exec (f->path, "DROP TABLE bank_entries; PRAGMA user_version = 2;");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name = 'bank_entries'"), ==, 0);
  pupils = raw_int (f->path, "SELECT count(*) FROM pupils");
  g_assert_cmpint (pupils, ==, 12);

  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
    g_assert_cmpint (sp_store_add_bank_entry (store, entry, &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (sp_store_check (store, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils"), ==, pupils);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM bank_entries"), ==, 1);
}

/* And a version 1 file, built from the first migration alone, goes through 2 and 3. */
static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *setup = g_strdup_printf ("%s PRAGMA application_id = %d;"
                                             " PRAGMA user_version = 1;",
                                             sp_store_migrations[0], SP_STORE_APPLICATION_ID);

  raw_exec (f->path, setup);
  raw_exec (f->path, "INSERT INTO pupils (forename, surname, year_group)"
                     " VALUES ('Amara', 'Okafor', '3')");
  {
    g_autoptr(SpStore) store = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) list = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
    list = sp_store_list_bank_entries (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pupils WHERE surname = 'Okafor'"),
                   ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name = 'targets_reviewed_insert'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank/shipped/size-and-spread", test_shipped_size_and_spread);
  g_test_add_func ("/bank/shipped/complete", test_shipped_entries_complete);
  g_test_add_func ("/bank/shipped/wording", test_shipped_wording);
  g_test_add_func ("/bank/search", test_search);
  g_test_add_func ("/bank/parse-refuses", test_parse_refuses);
  g_test_add_func ("/bank/strategies-join", test_strategies_join);
  g_test_add ("/bank/own/round-trip", Fixture, NULL, fixture_set_up, test_own_round_trip,
              fixture_tear_down);
  g_test_add ("/bank/own/migrate-from-v2", Fixture, NULL, fixture_set_up, test_migrate_from_v2,
              fixture_tear_down);
  g_test_add ("/bank/own/migrate-from-v1", Fixture, NULL, fixture_set_up, test_migrate_from_v1,
              fixture_tear_down);

  return g_test_run ();
}
