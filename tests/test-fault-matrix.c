/* test-fault-matrix.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call of SignetClient against every fault the service can show:
 * the right SIGNET_ERROR code, retries only where the client promises them
 * (docs/client.md, "Retries"), counted as the requests the server saw, and
 * never a signature request paid twice. The sandbox injects the faults
 * (/sandbox/faults); answers with members of the wrong types come from a
 * small server of the test's own, since the sandbox cannot send them.
 *
 * One test per fault; the cells of a column run at the same time, each
 * against its own sandbox, so that the timeouts are waited for only once.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sandbox-fixture.h"
#include "signet-client.h"
#include "signet-error.h"
#include "signet-sandbox-private.h"

/* Attempts the client makes at most (its "max-attempts"). */
#define ATTEMPTS 3
/* A column that has not finished after this many seconds fails. */
#define WAIT_SECONDS 20
/* The timeout column: the client gives up after 1 s (the least it takes),
 * the sandbox answers after DELAY_MS. libsoup's timeout counts whole
 * seconds, so it fires between 1 and 2 s: the answer must come later than
 * that, or a busy machine sees some calls succeed. */
#define DELAY_MS 3000

typedef struct _Cell Cell;

typedef struct
{
  const char *name;
  const char *json;       /* what /sandbox/faults does at the path */
  gboolean    own_server; /* wrong JSON types: not the sandbox */
  gboolean    retried;
  SignetError code;
} Fault;

typedef struct
{
  const char *name;
  const char *path;          /* where the fault goes: the path of the faulted request */
  gboolean    setup;         /* needs a stored document and signature request */
  gboolean    first_uploads; /* an upload (E2) succeeds before the faulted request */
  void (*start) (Cell *cell);
  gboolean (*finish) (Cell *cell, GError **error);
} Call;

struct _Cell
{
  const Call  *call;
  const Fault *fault;

  Fixture       fx;
  SoupServer   *own; /* wrong types */
  char         *base;
  SignetClient *client;
  char         *dir;
  GFile        *file;
  char         *document_id;
  char         *signature_request_id;
  guint         used_before;

  guint         seen;  /* requests to call->path */
  guint         total; /* requests to the API */
  GAsyncResult *result;
  GError       *error;
  gboolean      done;
};

static guint n_cells, n_passed;

/* {{{ The calls */

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Cell *cell = user_data;

  cell->result = g_object_ref (result);
}

static SignetSignatureRequest *
new_request (Cell *cell)
{
  SignetSignatureRequest *request = signet_signature_request_new ();

  signet_signature_request_set_file (request, cell->file);
  return request;
}

static void
start_create (Cell *cell)
{
  g_autoptr (SignetSignatureRequest) request = new_request (cell);

  signet_client_create_signature_request_async (cell->client, request, SIGNET_CREATE_FLAGS_NONE,
                                                NULL, result_cb, cell);
}

static void
start_create_inline (Cell *cell)
{
  g_autoptr (SignetSignatureRequest) request = new_request (cell);

  signet_client_create_signature_request_async (cell->client, request, SIGNET_CREATE_FLAGS_INLINE,
                                                NULL, result_cb, cell);
}

static gboolean
finish_create (Cell *cell, GError **error)
{
  g_autoptr (SignetCreatedRequest) created
    = signet_client_create_signature_request_finish (cell->client, cell->result, error);

  return created != NULL;
}

static void
start_upload (Cell *cell)
{
  signet_client_upload_document_async (cell->client, cell->file, NULL, SIGNET_DOCUMENT_STATE_TOSIGN,
                                       NULL, result_cb, cell);
}

static gboolean
finish_upload (Cell *cell, GError **error)
{
  g_autofree char *id = signet_client_upload_document_finish (cell->client, cell->result, error);

  return id != NULL;
}

static void
start_multipart (Cell *cell)
{
  g_autoptr (SignetSignatureRequest) request = new_request (cell);

  signet_client_upload_multipart_async (cell->client, request, FALSE, NULL, result_cb, cell);
}

static gboolean
finish_multipart (Cell *cell, GError **error)
{
  g_autoptr (SignetCreatedRequest) created
    = signet_client_upload_multipart_finish (cell->client, cell->result, error);

  return created != NULL;
}

static void
start_download (Cell *cell)
{
  g_autofree char *path = g_build_filename (cell->dir, "signed.pdf", NULL);
  g_autoptr (GFile) destination = g_file_new_for_path (path);

  signet_client_download_document_async (cell->client, cell->document_id, destination, NULL,
                                         result_cb, cell);
}

static gboolean
finish_download (Cell *cell, GError **error)
{
  return signet_client_download_document_finish (cell->client, cell->result, error);
}

static void
start_delete_document (Cell *cell)
{
  signet_client_delete_document_async (cell->client, cell->document_id, NULL, result_cb, cell);
}

static gboolean
finish_delete_document (Cell *cell, GError **error)
{
  return signet_client_delete_document_finish (cell->client, cell->result, error);
}

static void
start_list (Cell *cell)
{
  signet_client_list_documents_async (cell->client, SIGNET_DOCUMENT_STATE_UNKNOWN, NULL, result_cb,
                                      cell);
}

static gboolean
finish_list (Cell *cell, GError **error)
{
  g_autoptr (GListModel) list
    = signet_client_list_documents_finish (cell->client, cell->result, error);

  return list != NULL;
}

static void
start_info (Cell *cell)
{
  signet_client_get_document_info_async (cell->client, cell->document_id, NULL, result_cb, cell);
}

static gboolean
finish_info (Cell *cell, GError **error)
{
  g_autoptr (SignetDocumentInfo) info
    = signet_client_get_document_info_finish (cell->client, cell->result, error);

  return info != NULL;
}

static void
start_update (Cell *cell)
{
  signet_client_update_signature_request_async (cell->client, cell->signature_request_id,
                                                cell->fx.portal_url, "https://example.com/done",
                                                NULL, result_cb, cell);
}

static gboolean
finish_update (Cell *cell, GError **error)
{
  return signet_client_update_signature_request_finish (cell->client, cell->result, error);
}

static void
start_delete_request (Cell *cell)
{
  signet_client_delete_signature_request_async (cell->client, cell->signature_request_id, NULL,
                                                result_cb, cell);
}

static gboolean
finish_delete_request (Cell *cell, GError **error)
{
  return signet_client_delete_signature_request_finish (cell->client, cell->result, error);
}

static void
start_counter (Cell *cell)
{
  signet_client_get_counter_async (cell->client, NULL, result_cb, cell);
}

static gboolean
finish_counter (Cell *cell, GError **error)
{
  g_autoptr (SignetCounter) counter
    = signet_client_get_counter_finish (cell->client, cell->result, error);

  return counter != NULL;
}

static void
start_register (Cell *cell)
{
  signet_client_register_callback_async (cell->client, cell->signature_request_id,
                                         cell->fx.portal_url, NULL, result_cb, cell);
}

static gboolean
finish_register (Cell *cell, GError **error)
{
  return signet_client_register_callback_finish (cell->client, cell->result, error);
}

static const Call calls[] = {
  { "create (E2 upload)", "/JSON/document", FALSE, FALSE, start_create, finish_create },
  { "create (E1 create)", "/JSON/signatureRequest", FALSE, TRUE, start_create, finish_create },
  { "create inline (E1)", "/JSON/signatureRequest", FALSE, FALSE, start_create_inline,
    finish_create },
  { "upload (E2)", "/JSON/document", FALSE, FALSE, start_upload, finish_upload },
  { "multipart (E3)", "/JSON/upload", FALSE, FALSE, start_multipart, finish_multipart },
  { "download (E7)", "/JSON/document/", TRUE, FALSE, start_download, finish_download },
  { "delete document (E8)", "/JSON/document/", TRUE, FALSE, start_delete_document,
    finish_delete_document },
  { "list (E9)", "/JSON/list/flat", FALSE, FALSE, start_list, finish_list },
  { "document info (E10)", "/JSON/document/metadata/", TRUE, FALSE, start_info, finish_info },
  { "update request (E11)", "/JSON/signatureRequest", TRUE, FALSE, start_update, finish_update },
  { "delete request (E12)", "/JSON/signatureRequest/", TRUE, FALSE, start_delete_request,
    finish_delete_request },
  { "counter (E13)", "/JSON/counter", FALSE, FALSE, start_counter, finish_counter },
  { "register callback (E14)", "/JSON/signatureRequest/", TRUE, FALSE, start_register,
    finish_register },
};

/* }}} */
/* {{{ The faults */

static const Fault faults[] = {
  { "timeout", "\"delay\": " G_STRINGIFY (DELAY_MS), FALSE, TRUE, SIGNET_ERROR_TIMED_OUT },
  { "500", "\"status\": 500", FALSE, TRUE, SIGNET_ERROR_SERVER_ERROR },
  { "502", "\"status\": 502", FALSE, TRUE, SIGNET_ERROR_SERVER_ERROR },
  { "503", "\"status\": 503", FALSE, TRUE, SIGNET_ERROR_SERVER_ERROR },
  { "dropped", "\"drop\": true", FALSE, TRUE, SIGNET_ERROR_NETWORK_UNREACHABLE },
  { "truncated", "\"body\": \"truncated\"", FALSE, TRUE, SIGNET_ERROR_NETWORK_UNREACHABLE },
  { "malformed", "\"body\": \"malformed\"", FALSE, FALSE, SIGNET_ERROR_UNEXPECTED_RESPONSE },
  { "wrong-types", NULL, TRUE, FALSE, SIGNET_ERROR_UNEXPECTED_RESPONSE },
  { "401", "\"status\": 401", FALSE, FALSE, SIGNET_ERROR_NOT_AUTHORIZED },
  { "403", "\"status\": 403", FALSE, FALSE, SIGNET_ERROR_FORBIDDEN },
  { "404", "\"status\": 404", FALSE, FALSE, SIGNET_ERROR_NOT_FOUND },
  { "409", "\"status\": 409", FALSE, FALSE, SIGNET_ERROR_CONFLICT },
};

/* }}} */
/* {{{ Counting what the servers saw */

static gboolean
is_api (const char *path)
{
  return g_str_has_prefix (path, "/JSON/") || g_str_has_prefix (path, "/rest/");
}

static void
count (Cell *cell, const char *path)
{
  if (g_str_has_prefix (path, cell->call->path))
    cell->seen++;
  if (is_api (path))
    cell->total++;
}

/* Connected after the sandbox's own handlers, so it sees a request whose
 * connection the sandbox drops too. */
static void
got_headers_cb (SoupServerMessage *msg, Cell *cell)
{
  count (cell, g_uri_get_path (soup_server_message_get_uri (msg)));
}

static void
request_started_cb (SoupServer *server, SoupServerMessage *msg, Cell *cell)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), cell);
}

/* Answers the faulted path with members of the wrong types; an upload that
 * comes first gets a real answer. */
static void
own_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char wrong[]
    = "{\"message\": 7, \"result\": [true], \"documentId\": {\"id\": 1}, \"url\": 5, "
      "\"success\": \"yes\", \"statusCode\": \"200\", \"id\": 42, \"state\": 3, \"actual\": [], "
      "\"filename\": false, \"date\": \"tomorrow\"}";
  static const char uploaded[]
    = "{\"message\": \"msg.document.uploaded\", \"result\": \"doc-1\", \"documentId\": \"doc-1\"}";
  Cell       *cell = user_data;
  const char *body = wrong;

  count (cell, path);
  if (!g_str_has_prefix (path, cell->call->path))
    body = uploaded;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

/* }}} */
/* {{{ A column */

static void
cell_set_up (Cell *cell, const Call *call, const Fault *fault)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("A contract to sign");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  cell->call = call;
  cell->fault = fault;
  fixture_set_up (&cell->fx, NULL);
  cell->dir = g_dir_make_tmp ("signet-fault-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (cell->dir, "contract.pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  cell->file = g_file_new_for_path (path);

  if (call->setup)
    cell->signature_request_id = fixture_create (&cell->fx, NULL, NULL, &cell->document_id);

  if (fault->own_server)
    {
      g_autoslist (GUri) uris = NULL;

      cell->own = soup_server_new (NULL, NULL);
      soup_server_add_handler (cell->own, NULL, own_server_cb, cell, NULL);
      soup_server_listen_local (cell->own, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (cell->own);
      cell->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      if (cell->document_id == NULL)
        {
          cell->document_id = g_strdup ("doc-1");
          cell->signature_request_id = g_strdup ("f0d4b5d6-9e8e-4a39-9f3d-3c4a2b1d0e6f");
        }
    }
  else
    {
      g_autofree char *json
        = g_strdup_printf ("{\"path\": \"%s\", \"count\": 10, %s}", call->path, fault->json);
      g_autoptr (JsonNode) reply = fixture_json (&cell->fx, "POST", "/sandbox/faults", json, 200);

      cell->base = g_strdup (cell->fx.base);
      g_signal_connect (cell->fx.sandbox->server, "request-started",
                        G_CALLBACK (request_started_cb), cell);
    }

  cell->used_before = cell->fx.sandbox->used;
  cell->client = g_object_new (SIGNET_TYPE_CLIENT, "base-url", cell->base, "api-key", TEST_KEY,
                               "timeout", g_str_equal (fault->name, "timeout") ? 1 : 5,
                               "max-attempts", ATTEMPTS, "retry-delay", 1, NULL);
}

static void
cell_tear_down (Cell *cell)
{
  g_autofree char *signed_path = NULL;

  g_clear_object (&cell->client);
  g_clear_error (&cell->error);
  if (cell->own != NULL)
    soup_server_disconnect (cell->own);
  g_clear_object (&cell->own);
  if (!cell->fault->own_server)
    g_signal_handlers_disconnect_by_func (cell->fx.sandbox->server, request_started_cb, cell);
  g_assert_cmpint (g_file_delete (cell->file, NULL, NULL), ==, TRUE);
  g_clear_object (&cell->file);
  /* A download leaves signed.pdf, or nothing when it failed. */
  signed_path = g_build_filename (cell->dir, "signed.pdf", NULL);
  g_remove (signed_path);
  g_assert_cmpint (g_rmdir (cell->dir), ==, 0);
  g_free (cell->dir);
  g_free (cell->base);
  g_free (cell->document_id);
  g_free (cell->signature_request_id);
  fixture_tear_down (&cell->fx, NULL);
}

/* What went wrong with a cell, or NULL. */
static char *
cell_check (Cell *cell)
{
  const Fault *fault = cell->fault;
  guint        expected_seen = fault->retried ? ATTEMPTS : 1;
  guint        expected_total = expected_seen + (cell->call->first_uploads ? 1 : 0);
  guint        used = cell->fx.sandbox->used;

  if (cell->error == NULL)
    return g_strdup ("succeeded");
  if (!g_error_matches (cell->error, SIGNET_ERROR, fault->code))
    return g_strdup_printf ("%s %d (%s), not %d", g_quark_to_string (cell->error->domain),
                            cell->error->code, cell->error->message, fault->code);
  if (cell->seen != expected_seen)
    return g_strdup_printf ("%u requests to %s, not %u", cell->seen, cell->call->path,
                            expected_seen);
  if (cell->total != expected_total)
    return g_strdup_printf ("%u requests in all, not %u", cell->total, expected_total);
  /* Every attempt of a create uses the same signatureRequestId: at most
   * one request is paid for, however many attempts reached the service. */
  if (used > cell->used_before + 1
      || (used > cell->used_before && cell->call->finish != finish_create
          && cell->call->finish != finish_multipart))
    return g_strdup_printf ("%u signature requests paid, was %u", used, cell->used_before);

  return NULL;
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (gboolean (*done) (Cell *cells), Cell *cells, guint seconds_or_ms, gboolean ms)
{
  gboolean timed_out = FALSE;
  guint    id = ms ? g_timeout_add (seconds_or_ms, deadline_cb, &timed_out)
                   : g_timeout_add_seconds (seconds_or_ms, deadline_cb, &timed_out);

  while ((done == NULL || !done (cells)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (done != NULL)
    g_assert_false (timed_out);
  if (!timed_out)
    g_source_remove (id);
}

static gboolean
all_done (Cell *cells)
{
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    if (cells[i].result == NULL)
      return FALSE;
  return TRUE;
}

static void
test_column (gconstpointer data)
{
  const Fault *fault = data;
  Cell         cells[G_N_ELEMENTS (calls)] = { 0 };
  g_autoptr (GString) failures = g_string_new (NULL);
  guint passed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    cell_set_up (&cells[i], &calls[i], fault);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    calls[i].start (&cells[i]);
  wait_for (all_done, cells, WAIT_SECONDS, FALSE);

  /* A request the client gave up on still reaches the sandbox later. */
  if (g_str_equal (fault->name, "timeout"))
    wait_for (NULL, cells, DELAY_MS, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      Cell            *cell = &cells[i];
      g_autofree char *problem = NULL;
      gboolean         ok;

      ok = cell->call->finish (cell, &cell->error);
      g_clear_object (&cell->result);
      g_assert_true (ok == (cell->error == NULL));
      problem = cell_check (cell);
      if (problem == NULL)
        passed++;
      else
        g_string_append_printf (failures, "\n  %s x %s: %s", cell->call->name, fault->name,
                                problem);
      cell_tear_down (cell);
    }

  n_cells += G_N_ELEMENTS (calls);
  n_passed += passed;
  g_test_message ("%s: %u of %u calls pass%s", fault->name, passed, (guint) G_N_ELEMENTS (calls),
                  failures->str);
  if (failures->len > 0)
    g_test_fail_printf ("%s", failures->str);
}

/* }}} */

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strconcat ("/fault-matrix/", faults[i].name, NULL);

      g_test_add_data_func (path, &faults[i], test_column);
    }

  status = g_test_run ();
  g_print ("# fault matrix: %u calls x %u faults = %u cells, %u ran, %u passed\n",
           (guint) G_N_ELEMENTS (calls), (guint) G_N_ELEMENTS (faults),
           (guint) (G_N_ELEMENTS (calls) * G_N_ELEMENTS (faults)), n_cells, n_passed);
  return status;
}
