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
#include <sqlite3.h>
#include <stdio.h>

#include "bench-util.h"
#include "signet-journal.h"

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
fill (const char *path, int entries)
{
  sqlite3         *db = NULL;
  char            *message = NULL;
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "WITH RECURSIVE n (i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO requests (signature_request_id, document_id, environment, filename,"
    " original_path, checksum, description, plan, round, n_rounds, signing_url, expiration,"
    " state, status, archive_path, created, modified)"
    " SELECT signature_request_id || '-' || i, 'doc-' || i, environment, 'Contract ' || i || "
    "'.pdf',"
    " original_path, checksum, description, plan, 0, 1,"
    " 'https://api.okdokument.com/openDocument/' || i, expiration, 'signed', 'archived',"
    " '/home/user/Documents/Signed/Contract ' || i || ' 2026-11-28.pdf', created, modified"
    " FROM requests, n WHERE requests.id = 1;"
    "INSERT INTO events (request, time, kind, detail) SELECT id, created, 'state', 'signed'"
    " FROM requests WHERE id > 1;"
    "COMMIT;",
    entries);

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

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

  {
    g_autoptr (SignetJournal) journal = signet_journal_new (path);
    g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
    g_autoptr (GFile) file = g_file_new_for_path (pdf);
    g_autoptr (GAsyncResult) opened = NULL;
    g_autoptr (GAsyncResult) added = NULL;

    signet_journal_open_async (journal, NULL, result_cb, &opened);
    g_assert (signet_journal_open_finish (journal, wait (&opened), NULL));
    signet_signature_request_set_file (request, file);
    signet_journal_add_async (journal, "production", &request, 1, NULL, result_cb, &added);
    g_object_unref (signet_journal_add_finish (journal, wait (&added), NULL));
    g_object_run_dispose (G_OBJECT (journal));
  }
  fill (path, entries);

  for (int run = 1; run <= runs; run++)
    {
      g_autoptr (SignetJournal) journal = signet_journal_new (path);
      g_autoptr (GAsyncResult) opened = NULL;
      guint  meter = bench_stall_meter_start ();
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed, stall;

      signet_journal_open_async (journal, NULL, result_cb, &opened);
      g_assert (signet_journal_open_finish (journal, wait (&opened), NULL));
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
