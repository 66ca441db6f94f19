/* library-seed.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a journal ($XDG_DATA_HOME/signet/journal.db) with requests in every
 * state of the library, sent through the real outbox and tracker to a
 * sandbox that keeps its data in a folder, for the GUI tests: Signet then
 * starts with `--sandbox` and a sandbox on the same folder.
 *
 *   library-seed SANDBOX-DATA-DIR ARCHIVE-DIR
 *
 * Prints one line per request: its group, signature request id and name.
 */

#include "config.h"

#include <stdio.h>

#include "journal-util.h"
#include "request-util.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

#define DEMO_KEY "signet-sandbox-demo-key"

static SignetJournal *journal;
static Fixture        fx;

static SignetDocument *
add (const char *environment,
     const char *name,
     const char *signer,
     const char *email,
     guint       n_rounds,
     GDateTime  *expiration)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) rounds
    = rounds_new (signer_request_new (file, signer, email), n_rounds, expiration);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetDocument *document;

  signet_journal_add_async (journal, environment, (SignetSignatureRequest **) rounds->pdata,
                            n_rounds, NULL, result_cb, &result);
  document = signet_journal_add_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  return document;
}

static void
print (const char *group, SignetDocument *document)
{
  printf ("%s %s %s\n", group, signet_document_get_signature_request_id (document),
          signet_document_get_filename (document));
}

int
main (int argc, char *argv[])
{
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (SignetTracker) tracker = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) soon = NULL;
  g_autoptr (SignetDocument) waiting = NULL;
  g_autoptr (SignetDocument) rounds = NULL;
  g_autoptr (SignetDocument) signed_ = NULL;
  g_autoptr (SignetDocument) cancelled = NULL;
  g_autoptr (SignetDocument) expired = NULL;
  g_autoptr (SignetDocument) vanished = NULL;
  g_autoptr (SignetDocument) other = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: library-seed SANDBOX-DATA-DIR ARCHIVE-DIR\n");
      return 2;
    }

  fixture_set_up (&fx, NULL);
  signet_sandbox_add_api_key (fx.sandbox, DEMO_KEY, FALSE);
  signet_sandbox_set_processing_delay (fx.sandbox, 100);
  if (!signet_sandbox_set_data_dir (fx.sandbox, argv[1], &error))
    g_error ("%s", error->message);

  journal = open_journal (NULL);
  client = signet_client_new (fx.base, DEMO_KEY, &error);
  g_assert_no_error (error);
  outbox = quick_outbox_new (journal, client, NULL, 40);
  tracker = signet_tracker_new (journal, client, "sandbox", NULL);
  g_object_set (tracker, "interval", 100, "fast-interval", 50, "archive-folder", argv[2], NULL);
  signet_outbox_start (outbox);
  signet_tracker_start (tracker);

  /* First, and its expiry counted from now: the outbox sends in order, and
   * on a busy machine a request sent seconds later would be refused as
   * already expired (err.invalid.expiration.time) instead of expiring. */
  now = g_date_time_new_now_utc ();
  soon = g_date_time_add_seconds (now, 8);
  expired = add ("sandbox", "Old offer.pdf", NULL, NULL, 1, soon);
  waiting = add ("sandbox", "Kúpna zmluva.pdf", "Jana Nováková", "jana@example.sk", 1, NULL);
  rounds = add ("sandbox", "Lease agreement.pdf", "Petr Dvořák", NULL, 2, NULL);
  signed_ = add ("sandbox", "Insurance policy.pdf", "Eva Horváthová", NULL, 1, NULL);
  cancelled = add ("sandbox", "Loan contract.pdf", "Martin Kováč", NULL, 1, NULL);
  vanished = add ("sandbox", "Withdrawn order.pdf", NULL, NULL, 1, NULL);
  /* Another environment's request: the sandbox's outbox leaves it alone. */
  other = add ("test", "Draft on the test server.pdf", NULL, NULL, 1, NULL);

  wait_status (waiting, SIGNET_DOCUMENT_STATUS_OPEN, 20);
  wait_status (rounds, SIGNET_DOCUMENT_STATUS_OPEN, 20);
  wait_status (signed_, SIGNET_DOCUMENT_STATUS_OPEN, 20);
  wait_status (cancelled, SIGNET_DOCUMENT_STATUS_OPEN, 20);
  wait_status (vanished, SIGNET_DOCUMENT_STATUS_OPEN, 20);
  while (signet_document_get_state (rounds) != SIGNET_DOCUMENT_STATE_TOSIGN)
    g_main_context_iteration (NULL, TRUE);

  sandbox_control (&fx, "sign", rounds);
  sandbox_control (&fx, "sign", signed_);
  sandbox_control (&fx, "cancel", cancelled);
  {
    g_autofree char *path
      = g_strdup_printf ("/JSON/document/%s", signet_document_get_document_id (vanished));
    g_autoptr (Response) response = fixture_send (&fx, "DELETE", path, DEMO_KEY, NULL, NULL, NULL);

    g_assert_cmpuint (response->status, ==, 200);
  }
  wait_status (signed_, SIGNET_DOCUMENT_STATUS_ARCHIVED, 20);
  wait_status (cancelled, SIGNET_DOCUMENT_STATUS_CANCELED, 20);
  wait_status (vanished, SIGNET_DOCUMENT_STATUS_VANISHED, 20);
  wait_status (expired, SIGNET_DOCUMENT_STATUS_EXPIRED, 60);
  while (signet_document_get_round (rounds) != 1
         || signet_document_get_status (rounds) != SIGNET_DOCUMENT_STATUS_OPEN)
    g_main_context_iteration (NULL, TRUE);

  signet_tracker_stop (tracker);
  signet_outbox_stop (outbox);
  /* Let the last writes reach the journal. */
  run_for (300);

  print ("waiting", waiting);
  print ("waiting", rounds);
  print ("preparing", other);
  print ("signed", signed_);
  print ("cancelled", cancelled);
  print ("expired", expired);
  print ("failed", vanished);

  close_journal (g_steal_pointer (&journal));
  fixture_tear_down (&fx, NULL);
  return 0;
}
