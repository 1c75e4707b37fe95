/* Shared by the libFuzzer harnesses: a GLib critical or warning is a crash, so the fuzzer
 * reports it; a database to match previews against, opened once. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "sp-store.h"

static SpStore *fuzz_store;

static void
fuzz_remove_store (void)
{
  g_autofree gchar *path = NULL;

  if (fuzz_store == NULL)
    return;
  path = g_strdup (sp_store_get_path (fuzz_store));
  g_clear_object (&fuzz_store);
  g_unlink (path);
}

static void
fuzz_setup (gboolean with_store)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (with_store)
    {
      g_autofree gchar *path = g_strdup_printf ("%s/sp-fuzz-%d.db", g_get_tmp_dir (), (int) getpid ());
      g_autoptr(GError) error = NULL;

      g_unlink (path);
      fuzz_store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
      if (fuzz_store == NULL)
        g_error ("fuzz: cannot open %s: %s", path, error->message);
      atexit (fuzz_remove_store);
    }
}
