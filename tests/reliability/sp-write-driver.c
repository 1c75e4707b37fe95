/* sp-write-driver.c: writes through the store's real save paths and prints each write as soon
 * as the store has acknowledged it, for the reliability tests to kill or starve of disk space.
 *
 *   sp-write-driver DB PLAN_ID TARGET_ID START kill
 *     writes forever: odd numbers as notes (sp_store_add_annotation, one transaction each),
 *     even numbers as the target's text through the off-thread saver the editor uses; prints
 *     "A n" or "T n" (flushed) once each is committed.
 *
 *   sp-write-driver DB PLAN_ID TARGET_ID START full LIMIT
 *     the same with the largest file it may write set to LIMIT bytes (RLIMIT_FSIZE, SIGXFSZ
 *     ignored, so a write past it fails with EFBIG as on a full disk) until a write fails; then
 *     checks the database, lifts the limit ("space returns") and saves again. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "sp-saver.h"
#include "sp-store.h"

typedef struct
{
  gboolean  done;
  gint64    revision;
  GError   *error;
} Pending;

static void
on_saved (GObject      *owner,
          gint64        new_revision,
          gint64        cost_pence,
          const GError *error,
          gpointer      user_data)
{
  Pending *p = user_data;

  p->done = TRUE;
  if (error != NULL)
    p->error = g_error_copy (error);
  else
    p->revision = new_revision;
}

/* Saves the target's text through the saver and waits for its answer. */
static gboolean
save_text (SpSaver      *saver,
           GObject      *owner,
           gint64        target_id,
           gint64       *revision,
           const gchar  *text,
           GError      **error)
{
  Pending p = { FALSE, 0, NULL };

  sp_saver_save_text (saver, SP_FIELD_TARGET_DESCRIPTION, target_id, *revision, text, owner,
                      on_saved, &p);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  if (p.error != NULL)
    {
      g_propagate_error (error, p.error);
      return FALSE;
    }
  *revision = p.revision;
  return TRUE;
}

static void
say (const gchar *format,
     ...)
{
  va_list ap;

  va_start (ap, format);
  vprintf (format, ap);
  va_end (ap);
  fflush (stdout);
}

static gchar *
note_text (gint64 n,
           gsize  padding)
{
  g_autofree gchar *pad = g_strnfill (padding, 'x');
  return g_strdup_printf ("write %" G_GINT64_FORMAT "%s%s", n, padding ? " " : "", pad);
}

/* One write: FALSE with @error when the store refused it. */
static gboolean
write_one (SpStore      *store,
           SpSaver      *saver,
           GObject      *owner,
           gint64        plan_id,
           gint64        target_id,
           gint64       *revision,
           gint64        n,
           gsize         padding,
           GError      **error)
{
  g_autofree gchar *text = note_text (n, padding);

  if (n % 2)
    {
      if (sp_store_add_annotation (store, plan_id, 0, "2026-11-23", 0, text, error) <= 0)
        return FALSE;
      say ("A %" G_GINT64_FORMAT "\n", n);
    }
  else
    {
      if (!save_text (saver, owner, target_id, revision, text, error))
        return FALSE;
      say ("T %" G_GINT64_FORMAT "\n", n);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSaver) saver = NULL;
  g_autoptr(GObject) owner = NULL;
  g_autofree gchar *text = NULL;
  gint64 plan_id, target_id, n, revision = 0;

  if (argc < 6)
    {
      g_printerr ("usage: %s DB PLAN_ID TARGET_ID START kill|full [LIMIT]\n", argv[0]);
      return 2;
    }
  plan_id = g_ascii_strtoll (argv[2], NULL, 10);
  target_id = g_ascii_strtoll (argv[3], NULL, 10);
  n = g_ascii_strtoll (argv[4], NULL, 10);

  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store != NULL)
    saver = sp_saver_new (store, &error);
  if (saver != NULL)
    text = sp_store_get_target_text (store, target_id, &revision, &error);
  if (text == NULL)
    {
      g_printerr ("open: %s\n", error->message);
      return 1;
    }
  owner = g_object_new (G_TYPE_OBJECT, NULL);

  if (g_str_equal (argv[5], "kill"))
    {
      for (;; n++)
        if (!write_one (store, saver, owner, plan_id, target_id, &revision, n, 0, &error))
          {
            g_printerr ("write %" G_GINT64_FORMAT ": %s\n", n, error->message);
            return 1;
          }
    }

  if (g_str_equal (argv[5], "full") && argc > 6)
    {
      struct rlimit limit;
      SpStoreCounts counts;

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = (rlim_t) g_ascii_strtoull (argv[6], NULL, 10);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        {
          perror ("setrlimit");
          return 1;
        }

      /* Notes until the disk is "full", then the typing path too. */
      for (; n < 100000; n += 2)
        if (!write_one (store, saver, owner, plan_id, target_id, &revision, n | 1, 2000, &error))
          break;
      if (error == NULL)
        {
          g_printerr ("the limit never stopped a write\n");
          return 1;
        }
      say ("FULL %d %s\n", error->code, error->message);
      g_clear_error (&error);
      /* A change smaller than the note may still fit: type until the editor's save fails. */
      for (n++; n < 200000; n += 2)
        if (!write_one (store, saver, owner, plan_id, target_id, &revision, n & ~(gint64) 1,
                        2000, &error))
          break;
      if (error == NULL)
        {
          g_printerr ("the limit never stopped the editor's save\n");
          return 1;
        }
      say ("TYPING-FULL %d %s\n", error->code, error->message);
      g_clear_error (&error);

      if (!sp_store_check (store, &counts, &error))
        {
          say ("CHECK %s\n", error->message);
          return 1;
        }
      say ("CHECK ok\n");

      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_FSIZE, &limit);
      if (!write_one (store, saver, owner, plan_id, target_id, &revision, n + 3, 0, &error)
          || !write_one (store, saver, owner, plan_id, target_id, &revision, n + 4, 0, &error))
        {
          say ("AFTER %s\n", error->message);
          return 1;
        }
      say ("AFTER ok\n");
      sp_saver_flush (saver);
      return 0;
    }

  g_printerr ("unknown mode %s\n", argv[5]);
  return 2;
}
