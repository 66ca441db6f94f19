/* test-journal-faults.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fault matrix's "journal consistent", against the sandbox over
 * loopback: every call the outbox and the tracker make on their own
 * (upload, create, the archive's download, the delete after archiving)
 * under every fault the sandbox injects, once. Each cell checks that the
 * journal ends as the server is: the document's status, its last error
 * while the fault lasts and after, the events written, the request created
 * exactly once and paid once, a refused call not sent again, and a call
 * that may work later sent again once the fault is gone, with the
 * requests the server saw counted by route (GET /sandbox/calls).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-outbox.h"
#include "signet-sandbox-private.h"
#include "signet-tracker.h"

typedef enum
{
  CALL_UPLOAD,
  CALL_CREATE,
  CALL_DOWNLOAD,
  CALL_DELETE,
} CallKind;

static const struct
{
  const char *name;
  const char *route; /* as /sandbox/calls names it */
} calls[] = {
  [CALL_UPLOAD] = { "upload", "POST /JSON/document" },
  [CALL_CREATE] = { "create", "POST /JSON/signatureRequest" },
  [CALL_DOWNLOAD] = { "download", "GET /JSON/document/{id}" },
  [CALL_DELETE] = { "delete", "DELETE /JSON/document/{id}" },
};

typedef enum
{
  /* Worth trying later: the network, the server, the key. */
  OUTCOME_RETRIED,
  /* The server refused the request itself. */
  OUTCOME_REFUSED,
  /* 409 to a create or 404 to a delete: by the API's word, done before. */
  OUTCOME_DONE_BEFORE,
} Outcome;

typedef struct
{
  const char *name;
  const char *json; /* members of the /sandbox/faults body */
  guint       status;
} Fault;

/* A delay longer than the client waits (its timeout is 1 s, which libsoup
 * counts in whole seconds, so up to 2 s). */
static const Fault faults[] = {
  { "timeout", "\"delay\": 2500", 0 },
  { "500", "\"status\": 500", 500 },
  { "502", "\"status\": 502", 502 },
  { "503", "\"status\": 503", 503 },
  { "dropped", "\"drop\": true", 0 },
  { "truncated", "\"body\": \"truncated\"", 0 },
  { "malformed", "\"body\": \"malformed\"", 0 },
  { "401", "\"status\": 401", 401 },
  { "403", "\"status\": 403", 403 },
  { "404", "\"status\": 404", 404 },
  { "409", "\"status\": 409", 409 },
};

typedef struct
{
  CallKind     call;
  const Fault *fault;
} Cell;

static guint n_passed;

static Outcome
expected_outcome (const Cell *cell)
{
  guint status = cell->fault->status;

  /* The archive tries every failure again at the next round. */
  if (cell->call == CALL_DOWNLOAD)
    return OUTCOME_RETRIED;
  if (cell->call == CALL_DELETE)
    return status == 404 ? OUTCOME_DONE_BEFORE : OUTCOME_RETRIED;
  if (cell->call == CALL_CREATE && status == 409)
    return OUTCOME_DONE_BEFORE;
  return status == 404 || status == 409 ? OUTCOME_REFUSED : OUTCOME_RETRIED;
}

static gint64
seen (JournalFixture *jf, const char *route)
{
  g_autoptr (JsonNode) reply = fixture_json (&jf->sandbox, "GET", "/sandbox/calls", NULL, 200);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (reply), "routes");

  return json_object_get_int_member_with_default (routes, route, 0);
}

static void
inject (JournalFixture *jf, const Cell *cell, const char *path, const char *method)
{
  g_autofree char *body = g_strdup_printf (
    "{\"path\": \"%s\", \"method\": \"%s\", \"count\": 1, %s}", path, method, cell->fault->json);
  g_autoptr (JsonNode) reply = fixture_json (&jf->sandbox, "POST", "/sandbox/faults", body, 200);
}

/* Whether the server has the signature request of the journal's id, for
 * the document the journal names. */
static gboolean
server_has_request (JournalFixture *jf, SignetDocument *document)
{
  SandboxRequest *request = signet_sandbox_lookup_request (
    jf->sandbox.sandbox, signet_document_get_signature_request_id (document));

  if (request != NULL)
    g_assert_cmpstr (request->document_id, ==, signet_document_get_document_id (document));
  return request != NULL;
}

static gboolean
server_has_document (JournalFixture *jf, const char *document_id)
{
  g_autofree char *path = g_strdup_printf ("/JSON/document/metadata/%s", document_id);
  g_autoptr (Response) response
    = fixture_send (&jf->sandbox, "GET", path, TEST_KEY, NULL, NULL, NULL);

  g_assert_no_error (response->error);
  g_assert_true (response->status == 200 || response->status == 404);
  return response->status == 200;
}

static guint
count_events (GPtrArray *events, const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    n += g_str_equal (((SignetJournalEvent *) events->pdata[i])->kind, kind);
  return n;
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Waits until the document is @status with no error, or fails the cell. */
static void
wait_settled (SignetDocument *document, SignetDocumentStatus status)
{
  wait_status (document, status, 20);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (signet_document_get_last_error (document) != NULL
         && signet_document_get_status (document) == status
         && status != SIGNET_DOCUMENT_STATUS_FAILED)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The cell is the test's data; the sandbox takes its default style. */
static void
set_up (JournalFixture *jf, gconstpointer data)
{
  journal_fixture_set_up (jf, NULL);
}

static void
tear_down (JournalFixture *jf, gconstpointer data)
{
  journal_fixture_tear_down (jf, NULL);
}

static void
test_cell (JournalFixture *jf, gconstpointer data)
{
  const Cell      *cell = data;
  Outcome          outcome = expected_outcome (cell);
  g_autofree char *path = write_pdf ("contract.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "Archive", NULL);
  g_autoptr (SignetOutbox) outbox = NULL;
  g_autoptr (SignetTracker) tracker = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) events = NULL;
  gboolean tracked = cell->call == CALL_DOWNLOAD || cell->call == CALL_DELETE;
  /* libsoup itself sends a GET or DELETE again when a kept-alive
   * connection closes before the answer: then the journal never sees
   * the fault. (Whether it was kept alive is libsoup's business.) */
  gboolean maybe_absorbed = tracked && g_str_equal (cell->fault->name, "dropped");
  gint64   sent;

  /* One attempt per call, so that one injected fault fails one call; the
   * outbox and the archive do the trying again. */
  g_clear_object (&jf->client);
  jf->client = g_object_new (SIGNET_TYPE_CLIENT, "base-url", jf->sandbox.base, "api-key", TEST_KEY,
                             "timeout", 1, "max-attempts", 1, NULL);
  outbox = quick_outbox_new (jf->journal, jf->client, jf->monitor, 40);

  if (cell->call == CALL_UPLOAD)
    inject (jf, cell, "/JSON/document", "POST");
  else if (cell->call == CALL_CREATE)
    inject (jf, cell, "/JSON/signatureRequest", "POST");

  signet_signature_request_set_file (request, file);
  document = journal_add (jf->journal, &request, 1);
  signet_outbox_start (outbox);

  if (tracked)
    {
      g_autofree char *document_path = NULL;
      g_autofree char *sign_path = NULL;
      g_autoptr (JsonNode) signed_reply = NULL;

      wait_settled (document, SIGNET_DOCUMENT_STATUS_OPEN);
      document_path
        = g_strdup_printf ("/JSON/document/%s", signet_document_get_document_id (document));
      inject (jf, cell, document_path, cell->call == CALL_DOWNLOAD ? "GET" : "DELETE");
      sign_path
        = g_strdup_printf ("/sandbox/sign/%s", signet_document_get_signature_request_id (document));
      signed_reply = fixture_json (&jf->sandbox, "POST", sign_path, "{\"name\": \"Eva\"}", 200);
      tracker = signet_tracker_new (jf->journal, jf->client, "sandbox", jf->monitor);
      g_object_set (tracker, "interval", 50, "archive-folder", folder, "delete-after-archiving",
                    cell->call == CALL_DELETE, NULL);
      signet_tracker_start (tracker);
    }

  /* The fault is seen: the error is in the journal while it lasts. */
  if (outcome == OUTCOME_RETRIED && !maybe_absorbed)
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      while (signet_document_get_last_error (document) == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_assert_cmpint (signet_document_get_status (document), ==,
                       cell->call == CALL_UPLOAD   ? SIGNET_DOCUMENT_STATUS_PENDING
                       : cell->call == CALL_CREATE ? SIGNET_DOCUMENT_STATUS_UPLOADED
                                                   : SIGNET_DOCUMENT_STATUS_SIGNED);
    }

  /* Then it ends as the server says. */
  if (tracked)
    wait_settled (document, SIGNET_DOCUMENT_STATUS_ARCHIVED);
  else if (outcome == OUTCOME_REFUSED)
    wait_settled (document, SIGNET_DOCUMENT_STATUS_FAILED);
  else
    wait_settled (document, SIGNET_DOCUMENT_STATUS_OPEN);
  /* A held request lands after the client gave up on it: let it, and
   * let a refused call show that it is not sent again. */
  run_for (cell->fault->status == 0 && g_str_equal (cell->fault->name, "timeout") ? 2700 : 300);
  if (tracker != NULL)
    signet_tracker_stop (tracker);
  signet_outbox_stop (outbox);

  events = journal_events (jf->journal, document);
  sent = seen (jf, calls[cell->call].route);
  if (outcome == OUTCOME_RETRIED)
    {
      /* Sent again once, when the fault was gone; the error is gone too. */
      g_assert_cmpint (sent, ==, 2);
      if (maybe_absorbed)
        g_assert_cmpuint (count_events (events, "error"), <=, 1);
      else
        g_assert_cmpuint (count_events (events, "error"), ==, 1);
      g_assert_null (signet_document_get_last_error (document));
    }
  else
    g_assert_cmpint (sent, ==, 1);

  /* Nothing sent twice: each call before the faulted one went once, and
   * the request was paid at most once. */
  if (cell->call != CALL_UPLOAD)
    g_assert_cmpint (seen (jf, calls[CALL_UPLOAD].route), ==, 1);
  if (cell->call == CALL_DOWNLOAD || cell->call == CALL_DELETE)
    g_assert_cmpint (seen (jf, calls[CALL_CREATE].route), ==, 1);
  if (cell->call == CALL_DELETE)
    g_assert_cmpint (seen (jf, calls[CALL_DOWNLOAD].route), ==, 1);
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==,
                   cell->call <= CALL_CREATE && outcome != OUTCOME_RETRIED ? 0 : 1);

  switch (cell->call)
    {
      case CALL_UPLOAD:
      case CALL_CREATE:
        if (outcome == OUTCOME_REFUSED)
          {
            g_assert_cmpint (signet_document_get_status (document), ==,
                             SIGNET_DOCUMENT_STATUS_FAILED);
            g_assert_nonnull (signet_document_get_last_error (document));
            g_assert_cmpuint (count_events (events, "failed"), ==, 1);
            g_assert_false (server_has_request (jf, document));
            if (cell->call == CALL_UPLOAD)
              g_assert_cmpint (seen (jf, calls[CALL_CREATE].route), ==, 0);
          }
        else
          {
            g_assert_cmpint (signet_document_get_status (document), ==,
                             SIGNET_DOCUMENT_STATUS_OPEN);
            g_assert_cmpuint (count_events (events, "created") + count_events (events, "recovered"),
                              ==, 1);
            /* The document the journal names is the one on the server. */
            g_assert_true (server_has_document (jf, signet_document_get_document_id (document)));
            if (outcome == OUTCOME_DONE_BEFORE)
              /* The server said the id exists; this one lied (the fault),
               * so only the journal's word remains. */
              g_assert_cmpuint (count_events (events, "recovered"), ==, 1);
            else
              g_assert_true (server_has_request (jf, document));
          }
        break;
      case CALL_DOWNLOAD:
      case CALL_DELETE:
        g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_SIGNED);
        g_assert_nonnull (signet_document_get_archive_path (document));
        g_assert_true (
          g_file_test (signet_document_get_archive_path (document), G_FILE_TEST_IS_REGULAR));
        /* One copy, made once, and nothing half-written left behind. */
        g_assert_cmpuint (count_files (folder), ==, 1);
        g_assert_cmpuint (count_events (events, "downloaded"), ==, 1);
        if (cell->call == CALL_DELETE)
          {
            g_assert_cmpuint (count_events (events, "deleted"), ==, 1);
            /* A 404 to the delete means gone already: here the fault
             * said so, and the server's copy stays. */
            g_assert_true (server_has_document (jf, signet_document_get_document_id (document))
                           == (outcome == OUTCOME_DONE_BEFORE));
          }
        else
          {
            g_assert_cmpuint (count_events (events, "archived"), ==, 1);
            g_assert_true (server_has_document (jf, signet_document_get_document_id (document)));
          }
        break;
    }

  n_passed++;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (calls); c++)
    for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
      {
        Cell            *cell = g_new0 (Cell, 1);
        g_autofree char *name
          = g_strdup_printf ("/journal-faults/%s/%s", calls[c].name, faults[f].name);

        cell->call = c;
        cell->fault = &faults[f];
        g_ptr_array_add (cells, cell);
        g_test_add (name, JournalFixture, cell, set_up, test_cell, tear_down);
      }

  status = g_test_run ();
  g_print ("# journal fault matrix: %u calls x %u faults = %u cells, %u passed\n",
           (guint) G_N_ELEMENTS (calls), (guint) G_N_ELEMENTS (faults), cells->len, n_passed);
  return status;
}
