/* polling-cost.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What following open documents in the background costs the service: the
 * requests per minute the sandbox sees while SignetTracker follows 10, 100
 * and 500 open documents, against what a naive poller would send (one
 * document info, E10, per document per interval).
 *
 *   bench/polling-cost SIGNET-SANDBOX [--interval MS] [--rounds R]
 *                                     [--documents 10,100,500]
 *
 * Method: the sandbox runs as its own process (signet-sandbox with its
 * controls), a fresh one for each count, since the tracker imports the
 * documents of the account it does not know. For each count a fresh
 * journal is filled through the outbox,
 * which creates every request on the sandbox as the app does (upload,
 * then create), until all of them are open. Then the tracker starts with
 * nothing on screen, and its interval shortened from 60 s to --interval
 * (1 s by default: time runs 60 times faster). Its first round comes at
 * once; half an interval later the sandbox's count (DELETE
 * /sandbox/calls, which answers the count and clears it) holds that
 * round's requests: at the default interval of 60 s, one round a minute,
 * they are the requests per minute. Then R more intervals and a half
 * pass, and the count of those rounds is read the same way, as a check
 * that every round asks the same (a round takes longer with more
 * documents, so the window may hold a round fewer), with a 5 ms timer
 * measuring the longest main-loop stall meanwhile.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-client.h"
#include "bench-journal.h"
#include "bench-util.h"
#include "signet-client.h"
#include "signet-journal.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

#define ENVIRONMENT "sandbox"
#define DEFAULT_MS  60000

int
main (int argc, char *argv[])
{
  int              interval = 1000;
  int              rounds = 10;
  g_autofree char *counts_text = NULL;
  GOptionEntry     entries[]
    = { { "interval", 0, 0, G_OPTION_ARG_INT, &interval,
          "The tracker's interval in ms instead of 60000 (default 1000)", "MS" },
        { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Intervals to count (default 10)", "R" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &rounds, "The same as --rounds (for bench/run.sh)", "R" },
        { "documents", 0, 0, G_OPTION_ARG_STRING, &counts_text,
          "Open documents to follow, comma-separated (default 10,100,500)", "N,…" },
        { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("SIGNET-SANDBOX");
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (GNetworkMonitor) monitor = NULL;
  g_autoptr (GFile) pdf = NULL;
  g_auto (GStrv) counts = NULL;
  g_autofree char        *folder = NULL;
  g_autofree BenchResult *results = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *const extra[] = { "--enable-controls", "--quota", "100000", NULL };
  guint             n_results = 0;
  double            first = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || interval < 10
      || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "Usage: polling-cost SIGNET-SANDBOX [--interval MS] "
                                          "[--rounds R] [--documents N,…]");
      return 2;
    }
  counts = g_strsplit (counts_text != NULL ? counts_text : "10,100,500", ",", -1);
  results = g_new0 (BenchResult, g_strv_length (counts) + 1);

  pdf = bench_temp_pdf ("signet-polling-XXXXXX", 20000, &folder);

  session = soup_session_new ();
  monitor = bench_network_monitor_new ();

  printf ("polling cost: the tracker's interval %d ms instead of %d ms (time %.0f times faster), "
          "%d intervals counted per row\n",
          interval, DEFAULT_MS, (double) DEFAULT_MS / interval, rounds);

  for (guint c = 0; counts[c] != NULL; c++)
    {
      guint n = (guint) g_ascii_strtoull (counts[c], NULL, 10);
      g_autoptr (SignetJournal) journal = NULL;
      g_autoptr (SignetTracker) tracker = NULL;
      g_autoptr (GString) routes = g_string_new (NULL);
      g_autoptr (GSubprocess) sandbox = NULL;
      g_autoptr (SignetClient) client = NULL;
      g_autofree char *base_url = NULL;
      guint            still_open;
      gint64           first_round, count;
      double           stall_ms;
      guint            meter;

      if (n == 0)
        g_error ("Not a number of documents: %s", counts[c]);
      /* A sandbox of its own for each count: the tracker imports what an
       * account holds that its journal does not know (documents sent
       * elsewhere, docs/shared-account.md), so one sandbox for all
       * counts would have the 100-document journal take in the 10 of
       * the row before and follow 110. */
      sandbox = bench_spawn_sandbox_full (argv[1], BENCH_KEY, extra, &base_url, &error);
      if (sandbox == NULL)
        g_error ("Cannot start the sandbox: %s", error->message);
      client = signet_client_new (base_url, BENCH_KEY, &error);
      g_assert_no_error (error);
      journal = bench_journal_open_documents (folder, client, ENVIRONMENT, monitor, pdf, n);
      tracker = signet_tracker_new (journal, client, ENVIRONMENT, monitor);
      g_object_set (tracker, "interval", interval, NULL);
      bench_sandbox_calls (session, base_url, "DELETE", NULL);
      signet_tracker_start (tracker);
      /* The first round comes at once. */
      bench_run_for (interval / 2);
      first_round = bench_sandbox_calls (session, base_url, "DELETE", NULL);
      meter = bench_stall_meter_start ();
      bench_run_for (rounds * interval + interval / 2);
      count = bench_sandbox_calls (session, base_url, "DELETE", routes);
      stall_ms = bench_stall_meter_stop (meter) / 1000.0;
      signet_tracker_stop (tracker);
      still_open = bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_OPEN);
      if (still_open != n || g_list_model_get_n_items (signet_journal_get_documents (journal)) != n)
        g_error ("%u documents followed: %u open of %u in the journal after polling", n, still_open,
                 g_list_model_get_n_items (signet_journal_get_documents (journal)));

      if (first_round <= 0 || count % first_round != 0)
        g_error ("%u documents: %" G_GINT64_FORMAT " requests in later rounds, not a multiple of "
                 "the first round's %" G_GINT64_FORMAT,
                 n, count, first_round);
      printf ("%u open documents: %" G_GINT64_FORMAT
              " requests in the first round; %" G_GINT64_FORMAT " in the %" G_GINT64_FORMAT
              " rounds of the next %d intervals (%s); longest "
              "main-loop stall %.1f ms\n",
              n, first_round, count, count / first_round, rounds, routes->str, stall_ms);
      if (c == 0)
        first = first_round;

      g_ptr_array_add (names, g_strdup_printf ("polling %u docs, requests/min", n));
      results[n_results++] = (BenchResult){
        .name = g_ptr_array_index (names, names->len - 1),
        .unit = "rq",
        .signet = first_round,
        .reference = n, /* a naive poller: one E10 per document per interval */
        .target = 0,
        .signet_peak_kib = -1,
        .reference_peak_kib = -1,
        .runs = (guint) (count / first_round + 1),
      };
      if (counts[c + 1] == NULL && c > 0)
        {
          /* The target: as many for the last count as for the first. */
          g_ptr_array_add (names, g_strdup_printf ("polling %u docs / %s docs", n, counts[0]));
          results[n_results++] = (BenchResult){
            .name = g_ptr_array_index (names, names->len - 1),
            .unit = "rq",
            .signet = first_round,
            .reference = first,
            .target = 1.0,
            .signet_peak_kib = -1,
            .reference_peak_kib = -1,
            .runs = (guint) (count / first_round + 1),
          };
        }
      g_object_run_dispose (G_OBJECT (journal));
      g_clear_object (&tracker);
      g_clear_object (&client);
      bench_stop_sandbox (sandbox);
    }

  printf ("reference: a naive poller asks about each document once per interval (one E10 each)\n");
  bench_print (results, n_results);
  bench_remove_tree (folder);
  return 0;
}
