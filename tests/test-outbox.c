/* test-outbox.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox against the sandbox over loopback: sending, the network going
 * and coming back, the server failing, a lost answer, the sandbox stopped
 * and started again, and pending requests resumed at start-up.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "journal-fault-vfs.h"
#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-outbox.h"
#include "signet-sandbox-private.h"

#define UPLOAD "POST /JSON/document"
#define CREATE "POST /JSON/signatureRequest"

static SignetDocument *
send_file (JournalFixture *jf, const char *name)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();

  signet_signature_request_set_file (request, file);
  return journal_add (jf->journal, &request, 1);
}

static void
assert_open_on_server (JournalFixture *jf, SignetDocument *document)
{
  g_autofree char *state = fixture_state (&jf->sandbox, signet_document_get_document_id (document));
  g_autofree char *expected_url = signet_client_build_signing_url (
    jf->client, signet_document_get_signature_request_id (document));

  g_assert_cmpstr (state, ==, "tosign");
  g_assert_cmpstr (signet_document_get_signing_url (document), ==, expected_url);
  g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_null (signet_document_get_last_error (document));
}

/* Journalled first, then uploaded, then created: one paid request. */
static void
test_send (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = journal_fixture_start_outbox (jf);
  g_autoptr (SignetDocument) document = send_file (jf, "contract.pdf");
  g_autoptr (GPtrArray) events = NULL;

  g_assert_cmpint (signet_document_get_journal_id (document), >, 0);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);

  events = journal_events (jf->journal, document);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (((SignetJournalEvent *) events->pdata[0])->kind, ==, "journalled");
  g_assert_cmpstr (((SignetJournalEvent *) events->pdata[1])->kind, ==, "uploaded");
  g_assert_cmpstr (((SignetJournalEvent *) events->pdata[2])->kind, ==, "created");
  g_assert_cmpuint (signet_outbox_get_n_waiting (outbox), ==, 0);
}

/* Offline nothing is sent; the request waits and goes when the network
 * comes back. */
static void
test_offline (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (SignetDocument) document = NULL;

  set_online (jf->monitor, FALSE);
  outbox = journal_fixture_start_outbox (jf);
  g_assert_false (signet_outbox_get_online (outbox));
  /* The outbox heard of it when it was journalled, and sent nothing. */
  document = send_file (jf, "offline.pdf");
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "storedFiles"), ==, 0);
  g_assert_cmpuint (signet_outbox_get_n_waiting (outbox), ==, 1);

  set_online (jf->monitor, TRUE);
  g_assert_true (signet_outbox_get_online (outbox));
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
}

/* The server fails for a while: the request stays pending with the error
 * written, is tried again with backoff, and is created once. */
static void
test_server_down (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = journal_fixture_start_outbox (jf);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;

  g_autoptr (JsonNode) reply
    = fixture_json (&jf->sandbox, "POST", "/sandbox/faults",
                    "{\"path\": \"/JSON/\", \"status\": 503, \"count\": 8}", 200);
  document = send_file (jf, "down.pdf");
  wait_last_error (document, 10);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);

  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
  events = journal_events (jf->journal, document);
  g_assert_true (has_event (events, "error"));
}

/* The create reaches the server but its answer is lost (the client gives
 * up after its own attempts): the outbox sends the same id later, hears
 * 409, and counts the request as created. One request is paid. */
static void
test_lost_answer (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (JsonNode) reply = NULL;

  g_object_set (jf->client, "max-attempts", 1, NULL);
  outbox = journal_fixture_start_outbox (jf);
  reply = fixture_json (&jf->sandbox, "POST", "/sandbox/faults",
                        "{\"path\": \"/JSON/signatureRequest\", \"body\": \"truncated\"}", 200);
  document = send_file (jf, "lost.pdf");
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
  events = journal_events (jf->journal, document);
  g_assert_true (has_event (events, "error"));
  g_assert_true (has_event (events, "recovered"));
}

static void
count_create_answered (guint *answered, SoupServerMessage *msg)
{
  if (g_str_equal (soup_server_message_get_method (msg), "POST")
      && g_str_equal (g_uri_get_path (soup_server_message_get_uri (msg)), "/JSON/signatureRequest"))
    {
      (*answered)++;
      g_test_message ("create %u done at %" G_GINT64_FORMAT " ms", *answered,
                      g_get_monotonic_time () / 1000);
    }
}

static gboolean
two_answered (gpointer data)
{
  return *(guint *) data >= 2;
}

/* The server holds the create longer than the client waits (a timeout),
 * then creates it anyway: the request stays pending with the timeout
 * written, and the next send is recognised by its id, not paid again. */
static void
test_timeout (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (JsonNode) reply = NULL;
  guint answered = 0;

  g_clear_object (&jf->client);
  jf->client = g_object_new (SIGNET_TYPE_CLIENT, "base-url", jf->sandbox.base, "api-key", TEST_KEY,
                             "timeout", 1, "max-attempts", 1, NULL);
  outbox = journal_fixture_start_outbox (jf);
  reply = fixture_json (&jf->sandbox, "POST", "/sandbox/faults",
                        "{\"path\": \"/JSON/signatureRequest\", \"delay\": 2500}", 200);
  g_signal_connect_swapped (jf->sandbox.sandbox->server, "request-finished",
                            G_CALLBACK (count_create_answered), &answered);
  g_signal_connect_swapped (jf->sandbox.sandbox->server, "request-aborted",
                            G_CALLBACK (count_create_answered), &answered);
  document = send_file (jf, "slow.pdf");
  wait_last_error (document, 10);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_UPLOADED);

  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  /* Whichever of the two sends the server took first, the other one is
   * refused by its id once the held one is processed. */
  wait_until (two_answered, &answered, 10, "the server to answer both creates");
  g_signal_handlers_disconnect_by_data (jf->sandbox.sandbox->server, &answered);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
  events = journal_events (jf->journal, document);
  g_assert_true (has_event (events, "error"));
}

/* The sandbox is stopped while a request waits, then started again on
 * the same port: the request goes through once it is back. */
static void
test_sandbox_restart (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = journal_fixture_start_outbox (jf);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GUri) uri = g_uri_parse (jf->sandbox.base, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GError) error = NULL;
  int port = g_uri_get_port (uri);

  g_clear_object (&jf->sandbox.sandbox);
  document = send_file (jf, "restart.pdf");
  wait_last_error (document, 10);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);

  jf->sandbox.sandbox = signet_sandbox_new ();
  signet_sandbox_add_api_key (jf->sandbox.sandbox, TEST_KEY, FALSE);
  signet_sandbox_set_controls_enabled (jf->sandbox.sandbox, TRUE);
  g_assert_true (signet_sandbox_listen (jf->sandbox.sandbox, port, &error));
  g_assert_no_error (error);
  jf->sandbox.base = signet_sandbox_get_base_url (jf->sandbox.sandbox);

  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  assert_open_on_server (jf, document);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
}

/* Requests journalled by an earlier run, one pending and one uploaded,
 * are sent when the outbox starts; requests of another environment are
 * left alone. */
static void
test_resume (JournalFixture *jf, gconstpointer data)
{
  g_autofree char *path = g_strdup (signet_journal_get_path (jf->journal));
  g_autofree char *pdf = write_pdf ("resume.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (SignetSignatureRequest) pending = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) uploaded = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) other = signet_signature_request_new ();
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autofree char *document_id = NULL;
  GListModel      *documents;

  /* The earlier run uploaded one file itself. */
  {
    g_autoptr (GAsyncResult) result = NULL;

    signet_client_upload_document_async (jf->client, file, "resume.pdf",
                                         SIGNET_DOCUMENT_STATE_UNKNOWN, NULL, result_cb, &result);
    document_id = signet_client_upload_document_finish (jf->client, wait_for (&result), NULL);
    g_assert_nonnull (document_id);
  }
  signet_signature_request_set_file (pending, file);
  signet_signature_request_set_document_id (uploaded, document_id);
  signet_signature_request_set_file (other, file);
  signet_journal_add_async (jf->journal, "sandbox", &pending, 1, NULL, result_cb, &r1);
  signet_journal_add_async (jf->journal, "sandbox", &uploaded, 1, NULL, result_cb, &r2);
  signet_journal_add_async (jf->journal, "production", &other, 1, NULL, result_cb, &r3);
  g_object_unref (signet_journal_add_finish (jf->journal, wait_for (&r1), NULL));
  g_object_unref (signet_journal_add_finish (jf->journal, wait_for (&r2), NULL));
  g_object_unref (signet_journal_add_finish (jf->journal, wait_for (&r3), NULL));
  close_journal (g_steal_pointer (&jf->journal));

  jf->journal = open_journal (path);
  documents = signet_journal_get_documents (jf->journal);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  outbox = journal_fixture_start_outbox (jf);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
      assert_open_on_server (jf, document);
      if (i == 1)
        g_assert_cmpstr (signet_document_get_document_id (document), ==, document_id);
    }
  {
    g_autoptr (SignetDocument) document = g_list_model_get_item (documents, 2);

    g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);
  }
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 2);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "storedFiles"), ==, 2);
}

/* A file changed in place after it was journalled (its kept copy is a
 * hard link, so it changes too), or a file the service refuses, ends as
 * failed without paying; the changed one is not even uploaded. */
static void
test_refused (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autofree char *path = write_pdf ("changed.pdf", NULL);
  g_autofree char *junk = write_pdf ("junk.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) junk_file = g_file_new_for_path (junk);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) junk_request = signet_signature_request_new ();
  g_autoptr (SignetDocument) changed = NULL;
  g_autoptr (SignetDocument) refused = NULL;
  FILE *stream;

  g_assert_true (g_file_set_contents (junk, "%PDF-1.7 but nothing else", -1, NULL));
  set_online (jf->monitor, FALSE);
  outbox = journal_fixture_start_outbox (jf);
  signet_signature_request_set_file (request, file);
  signet_signature_request_set_file (junk_request, junk_file);
  changed = journal_add (jf->journal, &request, 1);
  refused = journal_add (jf->journal, &junk_request, 1);
  /* Written over in place, as an editor that saves into the same file. */
  stream = fopen (path, "r+");
  g_assert_nonnull (stream);
  g_assert_cmpint (fputs ("%PDF-1.7 edited", stream), >=, 0);
  g_assert_cmpint (fclose (stream), ==, 0);
  set_online (jf->monitor, TRUE);

  wait_status (changed, SIGNET_DOCUMENT_STATUS_FAILED, 10);
  wait_status (refused, SIGNET_DOCUMENT_STATUS_FAILED, 10);
  g_assert_nonnull (signet_document_get_last_error (changed));
  g_assert_nonnull (signet_document_get_last_error (refused));
  g_assert_cmpint (sandbox_calls (&jf->sandbox, UPLOAD), ==, 1);
  g_assert_cmpint (sandbox_calls (&jf->sandbox, CREATE), ==, 0);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 0);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The file is moved away right after it was journalled, and another file
 * takes its name: the bytes given go out, from the journal's copy, and the
 * copy is removed once the service has them. */
static void
test_file_replaced (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autofree char *path = write_pdf ("moved.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GBytes) sent = NULL;
  g_autofree char *given = NULL;
  g_autofree char *moved = g_strconcat (path, ".moved", NULL);
  g_autofree char *kept = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (path, &given, &length, NULL));
  set_online (jf->monitor, FALSE);
  outbox = journal_fixture_start_outbox (jf);
  signet_signature_request_set_file (request, file);
  document = journal_add (jf->journal, &request, 1);
  kept = g_strdup (signet_document_get_kept_path (document));
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rename (path, moved), ==, 0);
  g_assert_cmpint (g_unlink (moved), ==, 0);
  g_assert_true (g_file_set_contents (path, "%PDF-1.7 another file", -1, NULL));
  set_online (jf->monitor, TRUE);

  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  sent = fixture_download (&jf->sandbox, signet_document_get_document_id (document));
  g_assert_cmpmem (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), given, length);
  wait_until (file_gone, kept, 10, "the kept copy to be removed");
}

/* Journals @n files named @prefix-0.pdf… in one transaction. */
static GPtrArray *
journal_batch (JournalFixture *jf, const char *prefix, guint n)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) batch = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *documents;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.pdf", prefix, i);

      g_ptr_array_add (paths, write_pdf (name, NULL));
    }
  batch = file_batch ((const char *const *) paths->pdata, n);
  signet_journal_add_batch_async (jf->journal, "sandbox", batch, NULL, result_cb, &result);
  documents = signet_journal_add_batch_finish (jf->journal, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, n);
  return documents;
}

/* Requests journalled together go one at a time, oldest first: each is
 * created before the next one is uploaded. */
static void
test_in_order (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  gint64 previous_created = 0;

  set_online (jf->monitor, FALSE);
  outbox = journal_fixture_start_outbox (jf);
  documents = journal_batch (jf, "order", 4);
  g_assert_cmpuint (signet_outbox_get_n_waiting (outbox), ==, 4);
  set_online (jf->monitor, TRUE);

  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr (GPtrArray) events = NULL;
      gint64 uploaded = 0, created = 0;

      wait_status (documents->pdata[i], SIGNET_DOCUMENT_STATUS_OPEN, 10);
      /* One transaction, one time. */
      g_assert_cmpint (signet_document_get_created (documents->pdata[i]), ==,
                       signet_document_get_created (documents->pdata[0]));
      events = journal_events (jf->journal, documents->pdata[i]);
      for (guint j = 0; j < events->len; j++)
        {
          SignetJournalEvent *event = events->pdata[j];

          if (g_str_equal (event->kind, "uploaded"))
            uploaded = event->time;
          else if (g_str_equal (event->kind, "created"))
            created = event->time;
        }
      g_assert_cmpint (uploaded, >=, previous_created);
      g_assert_cmpint (created, >=, uploaded);
      previous_created = created;
    }
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 4);
}

/* Makes the journal refuse to write @status (as a full disk would) from
 * another connection, or allows it again with %NULL. */
static void
refuse_status (JournalFixture *jf, const char *status)
{
  sqlite3         *db = NULL;
  g_autofree char *sql = NULL;

  if (status != NULL)
    sql = g_strdup_printf ("CREATE TRIGGER refuse BEFORE UPDATE ON requests "
                           "WHEN NEW.status = '%s' AND OLD.status != '%s' "
                           "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END;",
                           status, status);
  else
    sql = g_strdup ("DROP TRIGGER refuse;");
  g_assert_cmpint (sqlite3_open (signet_journal_get_path (jf->journal), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
status_seen_cb (SignetDocument *document, GParamSpec *pspec, guint *seen)
{
  *seen |= 1u << signet_document_get_status (document);
}

typedef struct
{
  Fixture    *sandbox;
  const char *route;
  gint64      n;
} Calls;

static gboolean
calls_reached (gpointer data)
{
  Calls *calls = data;

  return sandbox_calls (calls->sandbox, calls->route) >= calls->n;
}

/* The journal cannot write that the upload is done: the document stays
 * pending in memory as in the journal, the upload is done again, and no
 * create (the paid step) is sent until the journal has the upload. Then
 * it cannot write that the request is open: the create is sent again
 * with the same id, which the service knows (409), and nothing is paid
 * twice. */
static void
test_journal_write_fails (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = journal_fixture_start_outbox (jf);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;
  Calls uploads = { &jf->sandbox, UPLOAD, 3 };
  Calls creates = { &jf->sandbox, CREATE, 2 };
  guint seen = 0;

  refuse_status (jf, "uploaded");
  document = send_file (jf, "unwritten.pdf");
  g_signal_connect (document, "notify::status", G_CALLBACK (status_seen_cb), &seen);
  wait_until (calls_reached, &uploads, 10, "three uploads");
  g_assert_cmpint (sandbox_calls (&jf->sandbox, CREATE), ==, 0);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 0);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);
  g_assert_cmpuint (seen & (1u << SIGNET_DOCUMENT_STATUS_UPLOADED), ==, 0);
  /* Its file is still kept: the service's copies were never written down. */
  g_assert_true (g_file_test (signet_document_get_kept_path (document), G_FILE_TEST_EXISTS));

  refuse_status (jf, NULL);
  refuse_status (jf, "open");
  wait_until (calls_reached, &creates, 10, "two creates");
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_UPLOADED);
  g_assert_cmpuint (seen & (1u << SIGNET_DOCUMENT_STATUS_OPEN), ==, 0);
  refuse_status (jf, NULL);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 1);
  events = journal_events (jf->journal, document);
  g_assert_true (has_event (events, "recovered"));
}

/* The status the journal's file has for @document, read by another
 * connection. */
static char *
journal_row_status (JournalFixture *jf, SignetDocument *document)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *status = NULL;

  g_assert_cmpint (
    sqlite3_open_v2 (signet_journal_get_path (jf->journal), &db, SQLITE_OPEN_READONLY, NULL), ==,
    SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (
    sqlite3_prepare_v2 (db, "SELECT status FROM requests WHERE id = ?", -1, &stmt, NULL), ==,
    SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, signet_document_get_journal_id (document));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return status;
}

static gboolean
fired_or_open (gpointer data)
{
  return journal_fault_vfs_fired () > 0
         || signet_document_get_status (data) == SIGNET_DOCUMENT_STATUS_OPEN;
}

static gboolean
fired_twice (gpointer data)
{
  return journal_fault_vfs_fired () >= 2;
}

/* Every journal write and sync the outbox does while sending one request
 * fails in turn, and goes on failing (a full disk, or an I/O error) until
 * the disk is "freed" (tests/journal-fault-vfs.h): while it fails, a
 * request the journal does not have as uploaded sends no create, and
 * nothing is paid twice; once it is freed, the request is open, paid
 * once. */
static void
test_journal_full (JournalFixture *jf, gconstpointer data)
{
  static const struct
  {
    JournalFaultKind kind;
    int              code;
  } faults[] = {
    { JOURNAL_FAULT_WRITE, SQLITE_FULL },
    { JOURNAL_FAULT_SYNC, SQLITE_IOERR },
  };
  guint points = 0;

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    for (guint n = 1;; n++)
      {
        g_autoptr (SignetOutbox) outbox = NULL;
        g_autoptr (SignetDocument) document = NULL;
        g_autofree char *name = g_strdup_printf ("full-%u-%u.pdf", f, n);
        gint64           used = sandbox_count (&jf->sandbox, "usedSignatureRequests");
        gint64           creates = sandbox_calls (&jf->sandbox, CREATE);
        gboolean         fired;

        set_online (jf->monitor, FALSE);
        outbox = journal_fixture_start_outbox (jf);
        document = send_file (jf, name);
        journal_fault_vfs_arm_sticky (faults[f].kind, n, faults[f].code);
        set_online (jf->monitor, TRUE);
        wait_until (fired_or_open, document, 10, "a failed write or the request open");
        fired = journal_fault_vfs_fired () > 0;
        if (fired)
          {
            g_autofree char *written = NULL;

            /* The outbox tries again on the full disk at least once. */
            wait_until (fired_twice, NULL, 10, "a second failed write");
            /* The document says what the journal has, and without the
             * upload in the journal no create went. */
            written = journal_row_status (jf, document);
            g_assert_cmpstr (
              written, ==,
              signet_document_status_to_string (signet_document_get_status (document)));
            if (g_str_equal (written, "pending"))
              g_assert_cmpint (sandbox_calls (&jf->sandbox, CREATE), ==, creates);
            g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), <=, used + 1);
            g_assert_cmpint (signet_document_get_status (document), !=,
                             SIGNET_DOCUMENT_STATUS_OPEN);
            points++;
          }
        journal_fault_vfs_disarm ();
        wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
        g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, used + 1);
        g_object_run_dispose (G_OBJECT (outbox));
        if (!fired)
          break;
      }
  g_test_message ("%u write and sync points failed", points);
  g_assert_cmpuint (points, >=, 4);
}

/* The outbox is stopped, or disposed, while the upload is on its way (the
 * sandbox holds it): nothing more is sent by it, the request stays pending
 * in the journal, and the next outbox sends it, paid once. */
static void
test_stop_during_upload (JournalFixture *jf, gconstpointer data)
{
  for (guint dispose = 0; dispose < 2; dispose++)
    {
      g_autoptr (SignetOutbox) outbox = journal_fixture_start_outbox (jf);
      g_autoptr (SignetOutbox) next = NULL;
      g_autoptr (SignetDocument) document = NULL;
      g_autoptr (JsonNode) reply = fixture_json (
        &jf->sandbox, "POST", "/sandbox/faults",
        "{\"path\": \"/JSON/document\", \"method\": \"POST\", \"delay\": 500}", 200);
      gint64 used = sandbox_count (&jf->sandbox, "usedSignatureRequests");
      gint64 created = sandbox_calls (&jf->sandbox, CREATE);
      Calls  upload = { &jf->sandbox, UPLOAD, sandbox_calls (&jf->sandbox, UPLOAD) + 1 };

      document = send_file (jf, dispose ? "disposed.pdf" : "stopped.pdf");
      wait_until (calls_reached, &upload, 10, "the upload to reach the server");
      if (dispose)
        g_object_run_dispose (G_OBJECT (outbox));
      else
        signet_outbox_stop (outbox);
      g_clear_object (&outbox);
      /* The server may finish the upload it holds, with nobody to answer,
       * or never get all of it (the head counts as the call: on a busy
       * machine the stop can come before the body is in). Not waited for:
       * either way nothing may be created, and the next outbox sends the
       * document once. */
      g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);
      g_assert_cmpint (sandbox_calls (&jf->sandbox, CREATE), ==, created);

      next = journal_fixture_start_outbox (jf);
      wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
      g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, used + 1);
      g_assert_cmpint (sandbox_calls (&jf->sandbox, CREATE), ==, created + 1);
    }
}

static void
resumed_cb (guint *counts, guint n_sent, guint n_unsent)
{
  counts[0]++;
  counts[1] = n_sent;
  counts[2] = n_unsent;
}

/* An earlier run left two requests of a batch of three unsent: the next
 * outbox says so once, then sends them. */
static void
test_resumed_signal (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (GPtrArray) documents = journal_batch (jf, "resumed", 3);
  guint counts[3] = { 0 };

  /* The earlier run sent the first one. */
  outbox = journal_fixture_start_outbox (jf);
  wait_status (documents->pdata[0], SIGNET_DOCUMENT_STATUS_OPEN, 10);
  g_object_run_dispose (G_OBJECT (outbox));
  g_clear_object (&outbox);
  g_assert_cmpint (signet_document_get_status (documents->pdata[2]), ==,
                   SIGNET_DOCUMENT_STATUS_PENDING);

  outbox = signet_outbox_new (jf->journal, jf->client, "sandbox", jf->monitor);
  g_signal_connect_swapped (outbox, "resumed", G_CALLBACK (resumed_cb), counts);
  signet_outbox_start (outbox);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], >=, 1);
  g_assert_cmpuint (counts[1] + counts[2], ==, 3);
  for (guint i = 0; i < documents->len; i++)
    wait_status (documents->pdata[i], SIGNET_DOCUMENT_STATUS_OPEN, 10);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Before any journal is opened; it passes everything through until a
   * test arms it. */
  journal_fault_vfs_install ();

#define ADD(path, func)                                                                            \
  g_test_add (path, JournalFixture, NULL, journal_fixture_set_up, func, journal_fixture_tear_down)
  ADD ("/outbox/send", test_send);
  ADD ("/outbox/offline", test_offline);
  ADD ("/outbox/server-down", test_server_down);
  ADD ("/outbox/lost-answer", test_lost_answer);
  ADD ("/outbox/timeout", test_timeout);
  ADD ("/outbox/sandbox-restart", test_sandbox_restart);
  ADD ("/outbox/resume", test_resume);
  ADD ("/outbox/refused", test_refused);
  ADD ("/outbox/file-replaced", test_file_replaced);
  ADD ("/outbox/in-order", test_in_order);
  ADD ("/outbox/journal-write-fails", test_journal_write_fails);
  ADD ("/outbox/journal-full", test_journal_full);
  ADD ("/outbox/stop-during-upload", test_stop_during_upload);
  ADD ("/outbox/resumed", test_resumed_signal);
#undef ADD

  return g_test_run ();
}
