/* archive-stall.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive of signed documents as the tracker makes it: the longest
 * main-loop stall while N signed PDFs are downloaded, written to the
 * archive folder, journalled and their signatures checked for the evidence
 * record, and how long that takes.
 *
 *   bench/archive-stall SIGNET-SANDBOX [--documents 50] [--runs R]
 *
 * Method: the sandbox runs as its own process with its controls. In each
 * run a fresh journal is filled through the outbox until N requests for a
 * one-page PDF are open on it (bench_journal_open_documents()), then each is
 * signed through the sandbox's controls (POST /sandbox/sign/{id}, what the
 * signer's Submit does: the sandbox signs the PDF with its own
 * certificate). Then a SignetTracker starts with an archive folder (its
 * defaults otherwise: nothing deleted from the server); its first round
 * sees N signed documents and archives them. The clock runs from
 * signet_tracker_start() until the journal has written the N-th
 * `evidence` event (the signature check of the archived copy, after the
 * `downloaded` and `archived` ones), with bench's 5 ms stall meter running
 * meanwhile. Target (issue 20): no stall over 16 ms.
 */

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-client.h"
#include "bench-journal.h"
#include "bench-util.h"
#include "signet-tracker.h"

#define ENVIRONMENT "sandbox"

static void
document_changed_cb (SignetJournal  *journal,
                     SignetDocument *document,
                     const char     *event,
                     guint          *n_checked)
{
  if (g_strcmp0 (event, "evidence") == 0)
    (*n_checked)++;
}

/* One run: @n documents signed, archived and checked; the time it took in
 * ms, and the longest stall into *stall_ms. */
static double
archive_run (const char      *folder,
             SignetClient    *client,
             SoupSession     *session,
             const char      *base_url,
             GNetworkMonitor *monitor,
             GFile           *pdf,
             guint            n,
             double          *stall_ms)
{
  g_autofree char *archive = g_build_filename (folder, "archive", NULL);
  g_autoptr (SignetJournal) journal
    = bench_journal_open_documents (folder, client, ENVIRONMENT, monitor, pdf, n);
  GListModel *documents = signet_journal_get_documents (journal);
  g_autoptr (SignetTracker) tracker = NULL;
  guint  n_checked = 0;
  gint64 start, deadline;
  double elapsed;
  guint  meter;

  g_mkdir_with_parents (archive, 0700);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *path
        = g_strdup_printf ("/sandbox/sign/%s", signet_document_get_signature_request_id (document));

      json_node_unref (
        bench_sandbox_call (session, base_url, "POST", path, "{\"name\": \"Jana Nováková\"}"));
    }

  g_signal_connect (journal, "document-changed", G_CALLBACK (document_changed_cb), &n_checked);
  tracker = signet_tracker_new (journal, client, ENVIRONMENT, monitor);
  g_object_set (tracker, "archive-folder", archive, NULL);

  meter = bench_stall_meter_start ();
  start = g_get_monotonic_time ();
  deadline = start + 300 * G_USEC_PER_SEC;
  signet_tracker_start (tracker);
  while (n_checked < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Only %u of %u archived and checked (%u archived)", n_checked, n,
                 bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_ARCHIVED));
      g_main_context_iteration (NULL, TRUE);
    }
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  /* The meter's last gap ends only with a tick after the last check. */
  bench_run_for (20);
  *stall_ms = bench_stall_meter_stop (meter) / 1000.0;
  signet_tracker_stop (tracker);

  if (bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_ARCHIVED) != n)
    g_error ("%u of %u documents archived",
             bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_ARCHIVED), n);
  /* What was archived is the signed copy, so the check had a signature
   * to verify. */
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *contents = NULL;
      gsize            length;

      if (!g_file_get_contents (signet_document_get_archive_path (document), &contents, &length,
                                NULL)
          || memmem (contents, length, "/ByteRange", 10) == NULL)
        g_error ("%s is not a signed PDF", signet_document_get_archive_path (document));
    }
  g_object_run_dispose (G_OBJECT (journal));
  return elapsed;
}

int
main (int argc, char *argv[])
{
  int                n = 50;
  int                runs = 3;
  const GOptionEntry entries[] = {
    { "documents", 0, 0, G_OPTION_ARG_INT, &n, "Signed documents to archive (50)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs, each with a fresh journal (3)", "R" },
    { NULL },
  };
  const char *const extra[] = { "--enable-controls", "--quota", "100000", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GNetworkMonitor) monitor = NULL;
  g_autoptr (GFile) pdf = NULL;
  g_autofree char   *folder = NULL;
  g_autofree double *times = NULL;
  g_autofree char   *name = NULL;
  double             worst_stall = 0;
  BenchResult        result;

  if (!bench_parse_options (&argc, &argv, entries, "SIGNET-SANDBOX", 1) || n < 1 || runs < 1)
    return bench_usage (argv[0], "SIGNET-SANDBOX [--documents N] [--runs R]");
  times = g_new0 (double, runs);
  pdf = bench_temp_pdf ("signet-archive-XXXXXX", 20000, &folder);
  monitor = bench_network_monitor_new ();

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *run_folder = g_strdup_printf ("%s/run-%d", folder, run);
      g_autoptr (GSubprocess) sandbox = NULL;
      g_autoptr (SignetClient) client = NULL;
      g_autofree char *base_url = NULL;
      double           stall;

      /* A sandbox of its own per run: the tracker would import the
       * documents of the runs before as sent elsewhere. */
      sandbox = bench_spawn_sandbox_full (argv[1], BENCH_KEY, extra, &base_url, &error);
      if (sandbox == NULL)
        g_error ("Cannot start the sandbox: %s", error->message);
      client = signet_client_new (base_url, BENCH_KEY, &error);
      g_assert_no_error (error);
      g_mkdir_with_parents (run_folder, 0700);

      times[run]
        = archive_run (run_folder, client, session, base_url, monitor, pdf, (guint) n, &stall);
      worst_stall = MAX (worst_stall, stall);
      printf ("archive of %d signed PDFs, run %d: all downloaded, written and checked in %.0f ms, "
              "longest main-loop stall %.1f ms\n",
              n, run + 1, times[run], stall);
      g_clear_object (&client);
      bench_stop_sandbox (sandbox);
    }

  printf ("archive of %d signed PDFs: median %.0f ms; target: no main-loop stall over %.0f ms\n", n,
          bench_median (times, runs), BENCH_FRAME_MS);
  name = g_strdup_printf ("main-loop stall, %d archives", n);
  result = bench_limit (name, "ms", worst_stall, BENCH_FRAME_MS, runs);
  bench_print (&result, 1);
  bench_remove_tree (folder);
  return 0;
}
