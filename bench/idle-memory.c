/* idle-memory.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resident memory of an idle Signet with 0, 10,000 and 100,000 documents
 * in its journal, against bench/minimal-window (a libadwaita window and
 * nothing else), on the X display in $DISPLAY.
 *
 *   bench/idle-memory SIGNET SIGNET-SANDBOX MINIMAL-WINDOW [--runs N] [--documents 0,10000,100000]
 *
 * Signet starts on its built-in sandbox (--sandbox) with a journal of
 * finished requests of another environment, so that nothing is tracked
 * and the window only holds them. "Idle" is once the resident set has
 * stayed within 1 % for 2 s after the first frame; it is read from
 * /proc/PID/status (VmRSS). docs/performance.md has the numbers.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-journal.h"
#include "bench-util.h"

#define SAMPLE_MS    100
#define STABLE_MS    2000
#define WAIT_SECONDS 120

static gint64
resident_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents (path, &status, NULL, NULL)
      || (line = strstr (status, "\nVmRSS:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* Starts @argv with @envp and returns its resident set once idle, in KiB. */
static gint64
idle_resident (const char *const *argv, char **envp)
{
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  gint64 stable_since = 0, stable_value = 0, now, rss = -1;
  GPid   pid;
  int    status;

  if (!g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                      &error))
    g_error ("Cannot start %s: %s", argv[0], error->message);

  while ((now = g_get_monotonic_time ()) < deadline)
    {
      rss = resident_kib (pid);
      if (rss < 0)
        g_error ("%s ended before it was idle", argv[0]);
      if (stable_value == 0 || ABS (rss - stable_value) * 100 > stable_value)
        {
          stable_value = rss;
          stable_since = now;
        }
      else if (now - stable_since >= STABLE_MS * 1000)
        break;
      g_usleep (SAMPLE_MS * 1000);
    }
  if (now >= deadline)
    g_error ("%s did not settle within %d s", argv[0], WAIT_SECONDS);

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  return rss;
}

static char **
environment_for (const char *home, const char *sandbox)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "SIGNET_SANDBOX_BIN", sandbox, TRUE);
  return envp;
}

int
main (int argc, char *argv[])
{
  g_autofree char   *documents_option = NULL;
  int                runs = 3;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Starts of each (3)", "N" },
    { "documents", 0, 0, G_OPTION_ARG_STRING, &documents_option, "Journal sizes (0,10000,100000)",
      "N,N,…" },
    { NULL },
  };
  g_auto (GStrv) sizes = NULL;
  g_autofree BenchResult *results = NULL;
  g_autofree double      *empty = NULL;
  guint                   n_results = 0;
  guint                   n_sizes;

  if (!bench_parse_options (&argc, &argv, entries, "SIGNET SIGNET-SANDBOX MINIMAL-WINDOW", 3)
      || runs < 1)
    return bench_usage (argv[0], "SIGNET SIGNET-SANDBOX MINIMAL-WINDOW [--runs N] "
                                 "[--documents 0,10000,100000]");
  sizes = g_strsplit (documents_option != NULL ? documents_option : "0,10000,100000", ",", -1);
  /* The sizes above 0 are measured against Signet with none. */
  if (atoi (sizes[0]) != 0)
    return bench_usage (argv[0], "the first of --documents must be 0");
  results = g_new0 (BenchResult, 2 * g_strv_length (sizes));
  empty = g_new0 (double, runs);

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      int              documents = atoi (sizes[s]);
      g_autofree char *home = bench_journal_home_new (documents);
      g_auto (GStrv) envp = environment_for (home, argv[2]);
      g_autofree double *signet = g_new0 (double, runs);
      g_autofree double *reference = g_new0 (double, runs);
      const char *const  signet_argv[] = { argv[1], "--sandbox", NULL };
      const char *const  reference_argv[] = { argv[3], NULL };
      g_autofree char   *name = g_strdup_printf ("idle memory, %d documents", documents);

      for (int run = 0; run < runs; run++)
        {
          signet[run] = idle_resident (signet_argv, envp) / 1024.0;
          /* With documents, the reference is the same Signet with none. */
          reference[run]
            = documents == 0 ? idle_resident (reference_argv, envp) / 1024.0 : empty[run];
          if (documents == 0)
            empty[run] = signet[run];
        }
      results[n_results++]
        = bench_compare (g_intern_string (name), signet, reference, runs, 0, -1, -1);
      results[n_results - 1].unit = "MB";
      bench_remove_tree (home);
    }
  /* Target (issue 20): at most 25 MB more per 100,000 documents than with
   * none; a row of its own for each size above 0. */
  n_sizes = n_results;
  for (guint i = 1; i < n_sizes; i++)
    {
      double           growth = results[i].signet - results[i].reference;
      int              documents = atoi (sizes[i]);
      g_autofree char *name = g_strdup_printf ("idle growth per 100k, %d docs", documents);

      printf ("%s: %+.1f MB over none, %.1f MB per 100,000 (target ≤ 25.0): %s\n", results[i].name,
              growth, growth * 100000 / documents,
              growth * 100000 / documents <= 25 ? "met" : "NOT met");
      results[n_results++] = bench_limit (g_intern_string (name), "MB", growth * 100000 / documents,
                                          25, results[i].runs);
    }
  bench_print (results, n_results);
  return 0;
}
