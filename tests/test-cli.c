/* Runs the real support-plans binary's command-line verbs, with no display. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef struct
{
  gchar *out;
  gchar *err;
  gint   status;
} Run;

static gchar *tmpdir;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs the binary with @args, in an environment with no display at all. */
static void
run (Run          *r,
     const gchar  *const *extra_env,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const gchar *binary = g_getenv ("SUPPORT_PLANS_BINARY");
  const gchar *arg;
  va_list ap;
  gint wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (ap, extra_env);
  while ((arg = va_arg (ap, const gchar *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "SUPPORT_PLANS_DATABASE");
  env = g_environ_setenv (env, "XDG_DATA_HOME", tmpdir, TRUE);
  for (guint i = 0; extra_env && extra_env[i]; i += 2)
    env = g_environ_setenv (env, extra_env[i], extra_env[i + 1], TRUE);

  run_clear (r);
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static guint
count_lines (const gchar *text)
{
  guint n = 0;

  for (const gchar *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_version (void)
{
  Run r = { 0 };

  run (&r, NULL, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "support-plans " PACKAGE_VERSION "\n");
  run_clear (&r);
}

static void
test_demo_and_check (void)
{
  g_autofree gchar *db = g_build_filename (tmpdir, "demo.db", NULL);
  Run r = { 0 };
  GStatBuf st;

  run (&r, NULL, "--database", db, "demo", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "36 pupils"));
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  run (&r, NULL, "--database", db, "check", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "healthy"));
  g_assert_nonnull (strstr (r.out, "pupils: 36\n"));
  g_assert_nonnull (strstr (r.out, "plans: "));
  g_assert_nonnull (strstr (r.out, "targets: "));
  g_assert_nonnull (strstr (r.out, "reviews: "));

  /* A second demo into the same database is refused; the school is unchanged. */
  run (&r, NULL, "--database", db, "demo", "--pupils", "3", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already has 36 pupils"));
  run (&r, NULL, "--database", db, "check", NULL);
  g_assert_nonnull (strstr (r.out, "pupils: 36\n"));
  run_clear (&r);
}

static void
test_environment_variable (void)
{
  g_autofree gchar *db = g_build_filename (tmpdir, "env.db", NULL);
  const gchar *env[] = { "SUPPORT_PLANS_DATABASE", db, NULL };
  Run r = { 0 };

  run (&r, env, "demo", "--pupils", "5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  run (&r, env, "check", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "pupils: 5\n"));
  run_clear (&r);
}

static void
test_default_location (void)
{
  g_autofree gchar *folder = g_build_filename (tmpdir, "support-plans", NULL);
  g_autofree gchar *db = g_build_filename (folder, "support-plans.db", NULL);
  Run r = { 0 };
  GStatBuf st;

  run (&r, NULL, "demo", "--pupils", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  run_clear (&r);
}

static void
test_bad_input (void)
{
  g_autofree gchar *missing_folder = g_build_filename (tmpdir, "nowhere", "x.db", NULL);
  g_autofree gchar *absent = g_build_filename (tmpdir, "absent.db", NULL);
  g_autofree gchar *text = g_build_filename (tmpdir, "letter.txt", NULL);
  g_autofree gchar *contents = NULL;
  Run r = { 0 };

  run (&r, NULL, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“frobnicate” is not a command"));
  g_assert_cmpuint (count_lines (r.err), ==, 1);

  run (&r, NULL, "--colour", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "not an option"));

  run (&r, NULL, "--database", missing_folder, "demo", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "does not exist"));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_false (g_file_test (missing_folder, G_FILE_TEST_EXISTS));

  /* check never creates a database. */
  run (&r, NULL, "--database", absent, "check", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no database"));
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (text, "Not a database\n", -1, NULL));
  run (&r, NULL, "--database", text, "check", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a Support Plans database"));
  g_assert_true (g_file_get_contents (text, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Not a database\n");

  run (&r, NULL, "--database", absent, "demo", "--pupils", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));

  run (&r, NULL, "--database", absent, "demo", "--today", "2026-02-30", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "real date"));

  run (&r, NULL, "--database", absent, "check", "extra", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, NULL, "--database", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

static void
test_help (void)
{
  Run r = { 0 };

  run (&r, NULL, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "demo"));
  g_assert_nonnull (strstr (r.out, "check"));
  g_assert_nonnull (strstr (r.out, "--database"));
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  gint status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sp-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/demo-and-check", test_demo_and_check);
  g_test_add_func ("/cli/environment-variable", test_environment_variable);
  g_test_add_func ("/cli/default-location", test_default_location);
  g_test_add_func ("/cli/bad-input", test_bad_input);

  status = g_test_run ();

  {
    g_autofree gchar *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  g_free (tmpdir);
  return status;
}
