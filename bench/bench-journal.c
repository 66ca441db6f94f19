/* bench-journal.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "bench-journal.h"
#include "bench-util.h"
#include "signet-outbox.h"

/* Opens the journal at @path, or fails the benchmark. */
SignetJournal *
bench_journal_open (const char *path)
{
  SignetJournal *journal = signet_journal_new (path);
  g_autoptr (GAsyncResult) opened = NULL;

  signet_journal_open_async (journal, NULL, bench_store_result, &opened);
  opened = bench_wait_result (&opened);
  if (!signet_journal_open_finish (journal, opened, NULL))
    g_error ("Cannot open the journal %s", path);
  return journal;
}

/* Makes the journal at @path through the journal itself, so that its schema
 * is the real one, with one request for @pdf. */
void
bench_journal_seed (const char *path, const char *pdf, const char *signer_name)
{
  g_autoptr (SignetJournal) journal = bench_journal_open (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (GAsyncResult) added = NULL;

  signet_signature_request_set_file (request, file);
  if (signer_name != NULL)
    signet_signature_request_set_rule_string (request, "guiSignerName", signer_name);
  signet_journal_add_async (journal, "production", &request, 1, NULL, bench_store_result, &added);
  added = bench_wait_result (&added);
  g_object_unref (signet_journal_add_finish (journal, added, NULL));
  g_object_run_dispose (G_OBJECT (journal));
}

/* Copies the seeded request until the journal holds @entries, in one
 * transaction of SQLite. @columns is the SQL of each copy's state, status,
 * archive_path and created, where i numbers the copy (2 to @entries);
 * @after, if not %NULL, more SQL for the same transaction. */
void
bench_journal_fill (const char *path, int entries, const char *columns, const char *after)
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
    "'.pdf', original_path, checksum, description, plan, 0, 1,"
    " 'https://api.okdokument.com/openDocument/' || i, expiration, %s, modified"
    " FROM requests, n WHERE requests.id = 1;"
    "%s"
    "COMMIT;",
    entries, columns, after != NULL ? after : "");

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

/* A new home (to remove with bench_remove_tree()) whose journal holds
 * @documents finished requests of production: the first signed and
 * archived, the others signed, cancelled or expired in turn. */
char *
bench_journal_home_new (int documents)
{
  g_autoptr (GError) error = NULL;
  char            *home = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (home, "signet", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autofree char *pdf = g_build_filename (home, "contract.pdf", NULL);

  g_assert_no_error (error);
  if (documents == 0)
    return home;
  g_mkdir_with_parents (folder, 0700);
  bench_write_pdf (pdf, 4096);
  bench_journal_seed (path, pdf, "Jana Nováková");
  bench_journal_fill (path, documents,
                      "CASE i % 3 WHEN 0 THEN 'signed' WHEN 1 THEN 'canceled' ELSE 'expired' END,"
                      " CASE i % 3 WHEN 0 THEN 'archived' WHEN 1 THEN 'canceled' ELSE 'expired'"
                      " END, NULL, created - i * 60000",
                      "UPDATE requests SET state = 'signed', status = 'archived' WHERE id = 1;");
  return home;
}

/* How many documents of @journal are in @status. */
guint
bench_journal_count_status (SignetJournal *journal, SignetDocumentStatus status)
{
  GListModel *documents = signet_journal_get_documents (journal);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      n += signet_document_get_status (document) == status;
    }
  return n;
}

/* A fresh journal in @folder with @n requests for @pdf, sent by the outbox
 * (upload, then create, as the app does) until every one is open on the
 * server of @client. */
SignetJournal *
bench_journal_open_documents (const char      *folder,
                              SignetClient    *client,
                              const char      *environment,
                              GNetworkMonitor *monitor,
                              GFile           *pdf,
                              guint            n)
{
  g_autofree char *name = g_strdup_printf ("journal-%u.db", n);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  SignetJournal   *journal = bench_journal_open (path);
  g_autoptr (SignetOutbox) outbox = NULL;
  gint64 deadline;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
      g_autoptr (GAsyncResult) added = NULL;
      g_autofree char *filename = g_strdup_printf ("Contract %u.pdf", i + 1);

      signet_signature_request_set_file (request, pdf);
      signet_signature_request_set_filename (request, filename);
      signet_journal_add_async (journal, environment, &request, 1, NULL, bench_store_result,
                                &added);
      added = bench_wait_result (&added);
      g_object_unref (signet_journal_add_finish (journal, added, NULL));
    }

  outbox = signet_outbox_new (journal, client, environment, monitor);
  signet_outbox_start (outbox);
  deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  while (bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_OPEN) < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Only %u of %u requests opened",
                 bench_journal_count_status (journal, SIGNET_DOCUMENT_STATUS_OPEN), n);
      bench_run_for (20);
    }
  signet_outbox_stop (outbox);
  return journal;
}

/* A network monitor that takes the network as always there: GIO's
 * GNetworkMonitorBase itself (not a subclass), whatever routes this
 * machine has; its type is private, and registered once GIO's monitors
 * are. */
GNetworkMonitor *
bench_network_monitor_new (void)
{
  g_autoptr (GError) error = NULL;
  GNetworkMonitor *monitor;

  g_network_monitor_get_default ();
  monitor = g_initable_new (g_type_from_name ("GNetworkMonitorBase"), NULL, &error, NULL);
  g_assert_no_error (error);
  g_assert (g_network_monitor_get_network_available (monitor));
  return monitor;
}
