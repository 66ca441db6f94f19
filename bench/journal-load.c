/* journal-load.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the journal takes to load N requests (10 000 by default) into
 * the model that the GUI binds to, and how long the main loop ever waits
 * meanwhile.
 *
 *   bench/journal-load [--entries N] [--runs R]
 *
 * Method: a journal is made in a temporary folder through the journal
 * itself (one request, so the schema is the real one), then N - 1 copies
 * of that row, each with its own id and an event, are written with SQLite
 * in one transaction. Each run opens a fresh SignetJournal on the file and
 * measures from signet_journal_open_async() to the model holding N
 * documents, with a 5 ms timer measuring the longest main-loop stall. See
 * docs/journal.md for the numbers.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-journal.h"
#include "bench-util.h"
#include "signet-journal.h"

int
main (int argc, char *argv[])
{
  int entries = 10000;
  int runs = 5;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  GOptionEntry options[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries, "Requests in the journal", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many times to load it", "R" },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("signet-journal-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || entries < 1 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "entries and runs must be 1 or more");
      return 2;
    }
  g_assert_no_error (error);
  path = g_build_filename (folder, "journal.db", NULL);
  pdf = g_build_filename (folder, "contract.pdf", NULL);
  bench_write_pdf (pdf, 4096);

  bench_journal_seed (path, pdf, NULL);
  bench_journal_fill (path, entries,
                      "'signed', 'archived', '/home/user/Documents/Signed/Contract ' || i || "
                      "' 2026-11-28.pdf', created",
                      "INSERT INTO events (request, time, kind, detail)"
                      " SELECT id, created, 'state', 'signed' FROM requests WHERE id > 1;");

  for (int run = 1; run <= runs; run++)
    {
      g_autoptr (SignetJournal) journal = signet_journal_new (path);
      g_autoptr (GAsyncResult) opened = NULL;
      guint  meter = bench_stall_meter_start ();
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed, stall;

      signet_journal_open_async (journal, NULL, bench_store_result, &opened);
      opened = bench_wait_result (&opened);
      g_assert (signet_journal_open_finish (journal, opened, NULL));
      elapsed = g_get_monotonic_time () - start;
      /* The meter sees a stall only at its next tick. */
      bench_run_for (20);
      stall = bench_stall_meter_stop (meter);
      g_assert (g_list_model_get_n_items (signet_journal_get_documents (journal))
                == (guint) entries);
      printf ("run %d: %d requests loaded into the model in %.1f ms; longest main-loop stall "
              "%.1f ms\n",
              run, entries, elapsed / 1000.0, stall / 1000.0);
      g_object_run_dispose (G_OBJECT (journal));
    }

  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_remove (pdf);
  g_rmdir (folder);
  return 0;
}
