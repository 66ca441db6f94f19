/* import-account.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first import of an account's documents sent elsewhere
 * (docs/shared-account.md): how long until all of them are in the
 * journal's model (what the library lists), the longest main-loop stall
 * meanwhile, and the requests of each later poll cycle.
 *
 *   bench/import-account SIGNET-SANDBOX [--documents 10,1000,10000]
 *                                       [--interval MS] [--rounds R]
 *
 * Method: the sandbox runs as its own process. Documents are uploaded to
 * it (E2, as another desk's first step, or the web app, leaves them) until
 * it holds each count in turn. For each count a fresh journal and tracker
 * start; the time runs from signet_tracker_start() until
 * SignetTracker::imported says all are in the model, with a 5 ms timer
 * measuring the longest main-loop stall in between (read 50 ms after, so
 * that the last stall is seen). Then the sandbox's count is cleared
 * (DELETE /sandbox/calls), R cycles are asked for one after another
 * (signet_tracker_poll_now(), then until the round is over, then a pause),
 * and the requests per cycle are the count over R.
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "bench-client.h"
#include "bench-journal.h"
#include "bench-util.h"
#include "signet-client.h"
#include "signet-journal.h"
#include "signet-tracker.h"

#define ENVIRONMENT "sandbox"

/* Uploads documents until the sandbox holds @n. */
static void
upload_until (SoupSession *session, const char *base_url, const char *content, guint *held, guint n)
{
  g_autofree char *url = g_strconcat (base_url, "/JSON/document", NULL);

  for (; *held < n; (*held)++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"filename\": \"Remote %05u.pdf\", \"file\": {\"content\": \"%s\"}}", *held + 1, content);
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
      gsize size = strlen (body);
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), size);
      g_autoptr (GBytes) reply = NULL;
      g_autoptr (GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", BENCH_KEY);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      reply = soup_session_send_and_read (session, msg, NULL, &error);
      if (reply == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
        g_error ("Upload %u: %s", *held + 1, error != NULL ? error->message : "not 200");
    }
}

static void
imported_cb (SignetTracker *tracker, guint n, gpointer user_data)
{
  *(gint64 *) user_data = g_get_monotonic_time ();
}

int
main (int argc, char *argv[])
{
  int              interval = 200;
  int              rounds = 5;
  g_autofree char *counts_text = NULL;
  GOptionEntry     entries[]
    = { { "interval", 0, 0, G_OPTION_ARG_INT, &interval,
          "A pause between two later cycles in ms (default 200)", "MS" },
        { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Later cycles to count (default 5)", "R" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &rounds, "The same as --rounds (for bench/run.sh)", "R" },
        { "documents", 0, 0, G_OPTION_ARG_STRING, &counts_text,
          "Remote documents, comma-separated, ascending (default 10,1000,10000)", "N,…" },
        { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("SIGNET-SANDBOX");
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (GNetworkMonitor) monitor = NULL;
  g_auto (GStrv) counts = NULL;
  g_autofree char        *folder = NULL;
  g_autofree char        *pdf_path = NULL;
  g_autofree char        *pdf = NULL;
  g_autofree char        *content = NULL;
  g_autofree char        *base_url = NULL;
  g_autofree BenchResult *results = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *const extra[] = { "--enable-controls", "--quota", "100000", NULL };
  guint             n_results = 0, held = 0;
  double            first_per_cycle = 0;
  gsize             length;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || interval < 10
      || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "Usage: import-account SIGNET-SANDBOX [--documents N,…] "
                                          "[--interval MS] [--rounds R]");
      return 2;
    }
  counts = g_strsplit (counts_text != NULL ? counts_text : "10,1000,10000", ",", -1);
  results = g_new0 (BenchResult, 2 * g_strv_length (counts) + 1);

  folder = g_dir_make_tmp ("signet-import-XXXXXX", &error);
  g_assert_no_error (error);
  pdf_path = g_build_filename (folder, "remote.pdf", NULL);
  bench_write_pdf (pdf_path, 2000);
  g_file_get_contents (pdf_path, &pdf, &length, &error);
  g_assert_no_error (error);
  content = g_base64_encode ((const guchar *) pdf, length);

  sandbox = bench_spawn_sandbox_full (argv[1], BENCH_KEY, extra, &base_url, &error);
  if (sandbox == NULL)
    g_error ("Cannot start the sandbox: %s", error->message);
  client = signet_client_new (base_url, BENCH_KEY, &error);
  g_assert_no_error (error);
  session = soup_session_new ();
  g_network_monitor_get_default ();
  monitor = g_initable_new (g_type_from_name ("GNetworkMonitorBase"), NULL, &error, NULL);
  g_assert_no_error (error);

  printf ("first import of an account's documents sent elsewhere; %d later cycles counted\n",
          rounds);

  for (guint c = 0; counts[c] != NULL; c++)
    {
      guint            n = (guint) g_ascii_strtoull (counts[c], NULL, 10);
      g_autofree char *name = g_strdup_printf ("journal-%u.db", n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr (SignetJournal) journal = NULL;
      g_autoptr (SignetTracker) tracker = NULL;
      gint64 started, done = 0, calls;
      double import_ms, stall_ms, per_cycle;
      guint  meter;

      if (n == 0 || n < held)
        g_error ("Not an ascending number of documents: %s", counts[c]);
      upload_until (session, base_url, content, &held, n);
      journal = bench_journal_open (path);
      tracker = signet_tracker_new (journal, client, ENVIRONMENT, monitor);
      g_object_set (tracker, "interval", 600000, "archive-elsewhere", FALSE, NULL);
      g_signal_connect (tracker, "imported", G_CALLBACK (imported_cb), &done);

      meter = bench_stall_meter_start ();
      started = g_get_monotonic_time ();
      signet_tracker_start (tracker);
      while (done == 0)
        g_main_context_iteration (NULL, TRUE);
      import_ms = (done - started) / 1000.0;
      bench_run_for (50);
      stall_ms = bench_stall_meter_stop (meter) / 1000.0;
      if (g_list_model_get_n_items (signet_journal_get_documents (journal)) != n)
        g_error ("%u documents on the server, %u imported", n,
                 g_list_model_get_n_items (signet_journal_get_documents (journal)));

      /* Later cycles, each asked for and counted alone: nothing new to
       * import. */
      while (signet_tracker_is_polling (tracker))
        g_main_context_iteration (NULL, TRUE);
      bench_run_for (50);
      bench_sandbox_calls (session, base_url, "DELETE", NULL);
      for (int r = 0; r < rounds; r++)
        {
          signet_tracker_poll_now (tracker);
          while (signet_tracker_is_polling (tracker))
            g_main_context_iteration (NULL, TRUE);
          bench_run_for (interval);
        }
      calls = bench_sandbox_calls (session, base_url, "DELETE", NULL);
      per_cycle = (double) calls / rounds;
      signet_tracker_stop (tracker);

      printf ("%u remote documents: all listed in %.0f ms, longest main-loop stall %.1f ms; "
              "%" G_GINT64_FORMAT " requests in %d later cycles (%.1f per cycle)\n",
              n, import_ms, stall_ms, calls, rounds, per_cycle);
      if (c == 0)
        first_per_cycle = per_cycle;

      g_ptr_array_add (names, g_strdup_printf ("import %u remote docs, ms", n));
      results[n_results++]
        = bench_limit (g_ptr_array_index (names, names->len - 1), "ms", import_ms, 5000, 1);
      g_ptr_array_add (names, g_strdup_printf ("import %u docs, stall ms", n));
      results[n_results++] = bench_limit (g_ptr_array_index (names, names->len - 1), "ms", stall_ms,
                                          BENCH_FRAME_MS, 1);
      if (counts[c + 1] == NULL && c > 0)
        {
          g_ptr_array_add (names, g_strdup_printf ("cycle requests %u / %s docs", n, counts[0]));
          results[n_results++] = (BenchResult){
            .name = g_ptr_array_index (names, names->len - 1),
            .unit = "rq",
            .signet = per_cycle,
            .reference = first_per_cycle,
            .target = 1.0,
            .signet_peak_kib = -1,
            .reference_peak_kib = -1,
            .runs = (guint) rounds,
          };
        }
      g_object_run_dispose (G_OBJECT (journal));
    }

  printf ("targets: all 10,000 listed in under 5 s, no stall over 16 ms, the same requests per "
          "cycle at 10 and 10,000 documents\n");
  bench_print (results, n_results);
  bench_stop_sandbox (sandbox);
  bench_remove_tree (folder);
  return 0;
}
