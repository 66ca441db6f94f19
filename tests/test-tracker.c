/* test-tracker.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracker and the archive against the sandbox over loopback: state
 * changes, signing rounds, expiry, vanished documents, the network going
 * away, and the archive folder with a taken name, an unwritable folder and
 * deletion from the server only after the copy exists.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "journal-util.h"
#include "signet-archive.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
  char          *folder;
  guint          finished;
} TrackerFixture;

static void
finished_cb (SignetTracker *tracker, SignetDocument *document, gpointer user_data)
{
  ((TrackerFixture *) user_data)->finished++;
}

static void
tracker_set_up (TrackerFixture *tf, gconstpointer data)
{
  journal_fixture_set_up (&tf->jf, data);
  tf->folder = g_build_filename (g_get_user_data_dir (), "Archive", NULL);
  tf->outbox = journal_fixture_start_outbox (&tf->jf);
  tf->tracker = signet_tracker_new (tf->jf.journal, tf->jf.client, "sandbox", tf->jf.monitor);
  g_object_set (tf->tracker, "interval", 50, "fast-interval", 20, "archive-folder", tf->folder,
                NULL);
  g_signal_connect (tf->tracker, "finished", G_CALLBACK (finished_cb), tf);
  signet_tracker_start (tf->tracker);
}

static void
tracker_tear_down (TrackerFixture *tf, gconstpointer data)
{
  signet_tracker_stop (tf->tracker);
  signet_outbox_stop (tf->outbox);
  g_clear_object (&tf->tracker);
  g_clear_object (&tf->outbox);
  g_free (tf->folder);
  journal_fixture_tear_down (&tf->jf, data);
}

static SignetDocument *
send_rounds (TrackerFixture *tf, const char *name, guint n_rounds, GDateTime *expiration)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SignetSignatureRequest *first = signet_signature_request_new ();
  g_autoptr (GPtrArray) rounds = NULL;
  SignetDocument *document;

  signet_signature_request_set_file (first, file);
  rounds = rounds_new (first, n_rounds, expiration);
  document = journal_add (tf->jf.journal, (SignetSignatureRequest **) rounds->pdata, n_rounds);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  return document;
}

static void
wait_state (SignetDocument *document, SignetDocumentState state)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (signet_document_get_state (document) != state)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *
archived_name (const char *filename, guint n)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return signet_archive_build_name (filename, now, n);
}

static void
assert_archived_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* Signed → downloaded into the archive under the file's name and the
 * date; the server keeps its copy unless asked to delete. */
static void
test_signed (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "contract.pdf", 1, NULL);
  g_autofree char *name = archived_name ("contract.pdf", 1);
  g_autofree char *expected = g_build_filename (tf->folder, name, NULL);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GDir) dir = NULL;

  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_SIGNED);
  g_assert_cmpstr (signet_document_get_archive_path (document), ==, expected);
  assert_archived_pdf (expected);
  g_assert_true (sandbox_has (&tf->jf.sandbox, signet_document_get_document_id (document)));
  g_assert_cmpuint (tf->finished, ==, 1);

  /* Nothing else in the folder: no temporary file left behind. */
  dir = g_dir_open (tf->folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, name);
  g_assert_null (g_dir_read_name (dir));

  events = journal_events (tf->jf.journal, document);
  g_assert_true (has_event (events, "state"));
  g_assert_true (has_event (events, "downloaded"));
  g_assert_true (has_event (events, "archived"));
  g_assert_false (has_event (events, "deleted"));
}

/* A file of the same name is never overwritten. */
static void
test_name_taken (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "taken.pdf", 1, NULL);
  g_autofree char *first = archived_name ("taken.pdf", 1);
  g_autofree char *second = archived_name ("taken.pdf", 2);
  g_autofree char *mine = g_build_filename (tf->folder, first, NULL);
  g_autofree char *expected = g_build_filename (tf->folder, second, NULL);
  g_autofree char *contents = NULL;

  g_mkdir_with_parents (tf->folder, 0700);
  g_assert_true (g_file_set_contents (mine, "my own file", -1, NULL));
  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_cmpstr (signet_document_get_archive_path (document), ==, expected);
  assert_archived_pdf (expected);
  g_assert_true (g_file_get_contents (mine, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my own file");
}

/* Deleted from the server only after the copy exists. */
static void
test_delete_after (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;

  g_object_set (tf->tracker, "delete-after-archiving", TRUE, NULL);
  document = send_rounds (tf, "delete.pdf", 1, NULL);
  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  assert_archived_pdf (signet_document_get_archive_path (document));
  g_assert_false (sandbox_has (&tf->jf.sandbox, signet_document_get_document_id (document)));
  events = journal_events (tf->jf.journal, document);
  g_assert_true (has_event (events, "downloaded"));
  g_assert_true (has_event (events, "deleted"));
}

/* An archive folder that cannot be written: the error is kept, the
 * document stays on the server, and it is archived (then deleted) once
 * the folder can be written. */
static void
test_unwritable_folder (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autofree char *parent = g_path_get_dirname (tf->folder);
  g_autofree char *blocker = g_build_filename (parent, "Blocked", NULL);
  g_autofree char *folder = g_build_filename (blocker, "Signed", NULL);
  gboolean         root = geteuid () == 0;

  /* Root writes into read-only folders, so a file stands where the
   * folder's parent should be as well. */
  g_mkdir_with_parents (parent, 0700);
  if (root)
    g_assert_true (g_file_set_contents (blocker, "in the way", -1, NULL));
  else
    g_assert_cmpint (g_mkdir (blocker, 0500), ==, 0);
  g_object_set (tf->tracker, "delete-after-archiving", TRUE, "archive-folder", folder, NULL);

  document = send_rounds (tf, "blocked.pdf", 1, NULL);
  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_SIGNED, 10);
  while (signet_document_get_last_error (document) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (signet_document_get_last_error (document), blocker));
  run_for (200);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_SIGNED);
  g_assert_null (signet_document_get_archive_path (document));
  g_assert_true (sandbox_has (&tf->jf.sandbox, signet_document_get_document_id (document)));

  if (root)
    g_assert_cmpint (g_unlink (blocker), ==, 0);
  else
    g_assert_cmpint (g_chmod (blocker, 0700), ==, 0);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  assert_archived_pdf (signet_document_get_archive_path (document));
  g_assert_true (g_str_has_prefix (signet_document_get_archive_path (document), folder));
  g_assert_false (sandbox_has (&tf->jf.sandbox, signet_document_get_document_id (document)));
}

static void
test_canceled (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "cancel.pdf", 1, NULL);

  sandbox_control (&tf->jf.sandbox, "cancel", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_CANCELED, 10);
  g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_CANCELED);
  g_assert_null (signet_document_get_archive_path (document));
  g_assert_cmpuint (tf->finished, ==, 1);
}

/* Two rounds: tags are processed, round 1 is signed, the tracker starts
 * round 2 with its own id, round 2 is signed, the result is archived. */
static void
test_rounds (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "rounds.pdf", 2, NULL);
  g_autofree char *first_id = g_strdup (signet_document_get_signature_request_id (document));
  g_autofree char *document_id = g_strdup (signet_document_get_document_id (document));
  g_autoptr (GPtrArray) events = NULL;

  g_assert_cmpuint (signet_document_get_round (document), ==, 0);
  wait_state (document, SIGNET_DOCUMENT_STATE_TOSIGN);
  sandbox_control (&tf->jf.sandbox, "sign", document);
  while (signet_document_get_round (document) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (signet_document_get_signature_request_id (document), !=, first_id);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  wait_state (document, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_cmpstr (signet_document_get_document_id (document), ==, document_id);

  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  assert_archived_pdf (signet_document_get_archive_path (document));
  g_assert_cmpint (sandbox_count (&tf->jf.sandbox, "usedSignatureRequests"), ==, 2);
  events = journal_events (tf->jf.journal, document);
  g_assert_true (has_event (events, "round"));
}

static void
test_expired (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, 2);
  g_autoptr (SignetDocument) document = send_rounds (tf, "expiring.pdf", 1, soon);

  g_assert_cmpint (signet_document_get_expiration (document), ==,
                   g_date_time_to_unix (soon) * 1000);
  wait_status (document, SIGNET_DOCUMENT_STATUS_EXPIRED, 10);
  g_assert_cmpint (g_get_real_time () / 1000, >=, signet_document_get_expiration (document));
  g_assert_cmpuint (tf->finished, ==, 1);
}

/* Deleted on the server by someone else: in no list, and E10 says 404. */
static void
test_vanished (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "vanishing.pdf", 1, NULL);
  g_autofree char *path
    = g_strdup_printf ("/JSON/document/%s", signet_document_get_document_id (document));
  g_autoptr (JsonNode) reply = fixture_json (&tf->jf.sandbox, "DELETE", path, NULL, 200);

  wait_status (document, SIGNET_DOCUMENT_STATUS_VANISHED, 10);
}

/* Offline nothing is asked; back online, the change is found. */
static void
test_offline (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "offline.pdf", 1, NULL);

  set_online (tf->jf.monitor, FALSE);
  g_assert_false (signet_tracker_get_online (tf->tracker));
  sandbox_control (&tf->jf.sandbox, "sign", document);
  run_for (300);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_TOSIGN);

  set_online (tf->jf.monitor, TRUE);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
}

/* The list fails for a while: rounds back off and then find the change. */
static void
test_server_errors (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "errors.pdf", 1, NULL);
  g_autoptr (JsonNode) reply
    = fixture_json (&tf->jf.sandbox, "POST", "/sandbox/faults",
                    "{\"path\": \"/JSON/list/flat\", \"status\": 500, \"count\": 6}", 200);

  sandbox_control (&tf->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 20);
}

/* While a document is on screen it is asked about often (E10), even when
 * full rounds are far apart. */
static void
test_on_screen (TrackerFixture *tf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_rounds (tf, "on-screen.pdf", 1, NULL);
  gint64 start;

  g_object_set (tf->tracker, "interval", 600000, "fast-interval", 20, NULL);
  /* Let the round that the new request started end. */
  run_for (200);
  signet_tracker_set_on_screen (tf->tracker, document);
  sandbox_control (&tf->jf.sandbox, "sign", document);
  start = g_get_monotonic_time ();
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  signet_tracker_set_on_screen (tf->tracker, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, TrackerFixture, NULL, tracker_set_up, func, tracker_tear_down)
  ADD ("/tracker/signed", test_signed);
  ADD ("/tracker/name-taken", test_name_taken);
  ADD ("/tracker/delete-after", test_delete_after);
  ADD ("/tracker/unwritable-folder", test_unwritable_folder);
  ADD ("/tracker/canceled", test_canceled);
  ADD ("/tracker/rounds", test_rounds);
  ADD ("/tracker/expired", test_expired);
  ADD ("/tracker/vanished", test_vanished);
  ADD ("/tracker/offline", test_offline);
  ADD ("/tracker/server-errors", test_server_errors);
  ADD ("/tracker/on-screen", test_on_screen);
#undef ADD

  return g_test_run ();
}
