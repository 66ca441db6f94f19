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

#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-outbox.h"

static SignetOutbox *
new_outbox (JournalFixture *jf)
{
  SignetOutbox *outbox = signet_outbox_new (jf->journal, jf->client, "sandbox", jf->monitor);

  g_object_set (outbox, "retry-delay", 40, "max-retry-delay", 200, NULL);
  signet_outbox_start (outbox);
  return outbox;
}

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
  g_autoptr (SignetOutbox) outbox = new_outbox (jf);
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
  outbox = new_outbox (jf);
  g_assert_false (signet_outbox_get_online (outbox));
  document = send_file (jf, "offline.pdf");
  run_for (300);
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
  g_autoptr (SignetOutbox) outbox = new_outbox (jf);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;

  g_autoptr (JsonNode) reply
    = fixture_json (&jf->sandbox, "POST", "/sandbox/faults",
                    "{\"path\": \"/JSON/\", \"status\": 503, \"count\": 8}", 200);
  document = send_file (jf, "down.pdf");
  while (signet_document_get_last_error (document) == NULL)
    g_main_context_iteration (NULL, TRUE);
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
  outbox = new_outbox (jf);
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

  g_clear_object (&jf->client);
  jf->client = g_object_new (SIGNET_TYPE_CLIENT, "base-url", jf->sandbox.base, "api-key", TEST_KEY,
                             "timeout", 1, "max-attempts", 1, NULL);
  outbox = new_outbox (jf);
  reply = fixture_json (&jf->sandbox, "POST", "/sandbox/faults",
                        "{\"path\": \"/JSON/signatureRequest\", \"delay\": 2500}", 200);
  document = send_file (jf, "slow.pdf");
  while (signet_document_get_last_error (document) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_UPLOADED);

  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  /* Whichever of the two sends the server took first, the other one is
   * refused by its id once the held one is processed. */
  run_for (2700);
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
  g_autoptr (SignetOutbox) outbox = new_outbox (jf);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GUri) uri = g_uri_parse (jf->sandbox.base, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GError) error = NULL;
  int port = g_uri_get_port (uri);

  g_clear_object (&jf->sandbox.sandbox);
  document = send_file (jf, "restart.pdf");
  while (signet_document_get_last_error (document) == NULL)
    g_main_context_iteration (NULL, TRUE);
  run_for (200);
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
  outbox = new_outbox (jf);
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

/* A file that changed after it was journalled, or a file the service
 * refuses, ends as failed without paying; the error is kept. */
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

  g_assert_true (g_file_set_contents (junk, "%PDF-1.7 but nothing else", -1, NULL));
  set_online (jf->monitor, FALSE);
  outbox = new_outbox (jf);
  signet_signature_request_set_file (request, file);
  signet_signature_request_set_file (junk_request, junk_file);
  changed = journal_add (jf->journal, &request, 1);
  refused = journal_add (jf->journal, &junk_request, 1);
  g_assert_true (g_file_set_contents (path, "%PDF-1.7 edited", -1, NULL));
  set_online (jf->monitor, TRUE);

  wait_status (changed, SIGNET_DOCUMENT_STATUS_FAILED, 10);
  g_assert_nonnull (strstr (signet_document_get_last_error (changed), "changed"));
  wait_status (refused, SIGNET_DOCUMENT_STATUS_FAILED, 10);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

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
#undef ADD

  return g_test_run ();
}
