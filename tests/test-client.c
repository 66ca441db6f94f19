/* test-client.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SignetClient over real loopback HTTP against the sandbox, in both
 * response styles, with the sandbox's fault injection; and against small
 * servers of our own for the shapes the sandbox cannot produce (a wrong
 * content type, a self-signed certificate, a connection cut mid-upload).
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"
#include "sandbox-fixture.h"
#include "signet-client-private.h"
#include "signet-client.h"
#include "signet-error.h"

/* Every wait ends after this many seconds with a failure. */
#define WAIT_SECONDS 10

typedef struct
{
  Fixture       fx;
  SignetClient *client;
  GAsyncResult *result;
  char         *dir;
} ClientFixture;

static SignetClient *
new_client (ClientFixture *f, const char *base_url, const char *key)
{
  return g_object_new (SIGNET_TYPE_CLIENT, "base-url", base_url != NULL ? base_url : f->fx.base,
                       "api-key", key, "timeout", 5, "retry-delay", 10, NULL);
}

static void
client_set_up (ClientFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f->fx, data);
  signet_sandbox_set_style (f->fx.sandbox, GPOINTER_TO_INT (data));
  f->client = new_client (f, NULL, TEST_KEY);
  f->dir = g_dir_make_tmp ("signet-test-client-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
client_tear_down (ClientFixture *f, gconstpointer data)
{
  g_assert_null (f->result);
  g_clear_object (&f->client);
  remove_dir (f->dir);
  g_free (f->dir);
  fixture_tear_down (&f->fx, data);
}

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ClientFixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the call in flight is done; a hang fails. */
static GAsyncResult *
wait_result (ClientFixture *f)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add_seconds (WAIT_SECONDS, deadline_cb, &timed_out);

  while (f->result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  return g_steal_pointer (&f->result);
}

static GFile *
write_pdf (ClientFixture *f, const char *name)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("A contract to sign");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* A PDF that asks for a password: an /Encrypt dictionary whose empty user
 * password does not match, which is all a reader needs to refuse it. */
static GFile *
write_encrypted_pdf (ClientFixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "locked.pdf", NULL);
  gsize            offsets[5];
  g_autoptr (GString) pdf = bench_pdf_new_page ("1.4", "595", "842", offsets);
  g_autoptr (GError) error = NULL;

  offsets[4] = pdf->len;
  g_string_append (
    pdf, "4 0 obj << /Filter /Standard /V 1 /R 2 /P -44 "
         "/O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> "
         "/U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> >> endobj\n");
  bench_pdf_append_xref (
    pdf, offsets, 4, pdf->len,
    "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]");
  g_file_set_contents (path, pdf->str, pdf->len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_text (ClientFixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, "Dear customer, this is not a PDF.\n", -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
add_fault (ClientFixture *f, const char *json)
{
  g_autoptr (JsonNode) reply = fixture_json (&f->fx, "POST", "/sandbox/faults", json, 200);
}

static SignetCounter *
try_counter (ClientFixture *f, SignetClient *client, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_client_get_counter_async (client, NULL, result_cb, f);
  result = wait_result (f);
  return signet_client_get_counter_finish (client, result, error);
}

/* Asks for the counter through @client, which must fail with @code and
 * no counter: returns the error. */
static GError *
counter_error (ClientFixture *f, SignetClient *client, int code)
{
  g_autoptr (SignetCounter) counter = NULL;
  GError *error = NULL;

  counter = try_counter (f, client, &error);
  g_assert_error (error, SIGNET_ERROR, code);
  g_assert_null (counter);
  return error;
}

static SignetCounter *
get_counter (ClientFixture *f)
{
  g_autoptr (GError) error = NULL;
  SignetCounter *counter;

  counter = try_counter (f, f->client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counter);
  return counter;
}

static gint64
used_requests (ClientFixture *f)
{
  g_autoptr (SignetCounter) counter = get_counter (f);

  return signet_counter_get_used (counter);
}

static SignetCreatedRequest *
create (ClientFixture *f, SignetSignatureRequest *request, SignetCreateFlags flags, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_client_create_signature_request_async (f->client, request, flags, NULL, result_cb, f);
  result = wait_result (f);
  return signet_client_create_signature_request_finish (f->client, result, error);
}

static SignetCreatedRequest *
create_new (ClientFixture *f, SignetCreateFlags flags)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "contract.pdf");
  g_autoptr (GError) error = NULL;
  SignetCreatedRequest *created;

  signet_signature_request_set_file (request, file);
  created = create (f, request, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_cmpstr (signet_created_request_get_signature_request_id (created), ==,
                   signet_signature_request_get_signature_request_id (request));
  return created;
}

static SignetDocumentInfo *
get_info (ClientFixture *f, const char *document_id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_client_get_document_info_async (f->client, document_id, NULL, result_cb, f);
  result = wait_result (f);
  return signet_client_get_document_info_finish (f->client, result, error);
}

static void
assert_signing_url (ClientFixture *f, SignetCreatedRequest *created)
{
  g_autofree char *expected = signet_client_build_signing_url (
    f->client, signet_created_request_get_signature_request_id (created));

  g_assert_cmpstr (signet_created_request_get_signing_url (created), ==, expected);
}

static void
sign (ClientFixture *f, SignetCreatedRequest *created)
{
  g_autofree char *path = g_strconcat (
    "/sandbox/sign/", signet_created_request_get_signature_request_id (created), NULL);
  g_autoptr (JsonNode) reply
    = fixture_json (&f->fx, "POST", path, "{\"name\": \"Jana Nováková\"}", 200);

  fixture_wait_state (&f->fx, signet_created_request_get_document_id (created), "signed");
}

/* Waits until the Portal has received @n sendInfo callbacks. */
static void
wait_callbacks (ClientFixture *f, guint n)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add_seconds (WAIT_SECONDS, deadline_cb, &timed_out);

  while (f->fx.callbacks->len < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* {{{ Every endpoint */

static void
test_create_upload_first (ClientFixture *f, gconstpointer data)
{
  gint64 used = used_requests (f);
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  assert_signing_url (f, created);
  g_assert_false (signet_created_request_get_recovered (created));
  g_assert_nonnull (signet_created_request_get_document_id (created));
  g_assert_cmpint (used_requests (f), ==, used + 1);

  info = get_info (f, signet_created_request_get_document_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_filename (info), ==, "contract.pdf");
  g_assert_cmpint (signet_document_info_get_state (info), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
}

static void
test_create_inline (ClientFixture *f, gconstpointer data)
{
  gint64 used = used_requests (f);
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_INLINE);

  assert_signing_url (f, created);
  if (GPOINTER_TO_INT (data) == SIGNET_SANDBOX_STYLE_WIKI)
    g_assert_nonnull (signet_created_request_get_document_id (created));
  g_assert_cmpint (used_requests (f), ==, used + 1);
}

static void
test_create_full_description (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "tagged.pdf");
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expiration = g_date_time_add_days (now, 2);
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *callback;

  signet_signature_request_set_file (request, file);
  signet_signature_request_set_filename (request, "Zmluva č. 7.pdf");
  signet_signature_request_set_expiration (request, expiration);
  signet_signature_request_set_result_url (request, "https://example.com/done");
  signet_signature_request_set_send_info_url (request, f->fx.portal_url);
  signet_signature_request_set_rule_boolean (request, "signAnywhereEnabled", TRUE);
  signet_signature_request_set_rule_string (request, "lang", "sk");
  signet_signature_request_set_rule_string (request, "guiSignerName", "Jana Nováková");
  signet_signature_request_set_fields_before_signing (request, SIGNET_FIELDS_BEFORE_SIGNING_KEEP);

  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_signing_url (f, created);

  /* The service got it all: the name, and the callback on signing. */
  info = get_info (f, signet_created_request_get_document_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_filename (info), ==, "Zmluva č. 7.pdf");
  sign (f, created);
  wait_callbacks (f, 1);
  g_assert_cmpuint (f->fx.callbacks->len, ==, 1);
  callback = g_ptr_array_index (f->fx.callbacks, 0);
  g_assert_cmpstr (json_member (callback, "signatureRequestId"), ==,
                   signet_created_request_get_signature_request_id (created));
}

/* A caller may keep its results as long as it likes: a call lets go of
 * its connection when it returns, so the next call still gets one. */
static void
test_results_kept (ClientFixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = write_pdf (f, "kept.pdf");
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetCounter) counter = NULL;

  /* More than libsoup's two connections to one host. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *document_id = NULL;
      GAsyncResult    *result;

      signet_client_upload_document_async (f->client, file, NULL, SIGNET_DOCUMENT_STATE_TOSIGN,
                                           NULL, result_cb, f);
      result = wait_result (f);
      g_ptr_array_add (results, result);
      document_id = signet_client_upload_document_finish (f->client, result, &error);
      g_assert_no_error (error);
      g_assert_nonnull (document_id);
    }
  counter = get_counter (f);
  g_assert_cmpint (signet_counter_get_stored (counter), >=, 3);
}

static void
test_create_existing_document (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "stored.pdf");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *document_id = NULL;

  signet_client_upload_document_async (f->client, file, NULL, SIGNET_DOCUMENT_STATE_TOSIGN, NULL,
                                       result_cb, f);
  result = wait_result (f);
  document_id = signet_client_upload_document_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document_id);

  signet_signature_request_set_document_id (request, document_id);
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_created_request_get_document_id (created), ==, document_id);
  assert_signing_url (f, created);
}

static void
test_upload_multipart (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) stored = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "multipart.pdf");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) stored_result = NULL;
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (SignetCreatedRequest) only_stored = NULL;
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  gint64 used = used_requests (f);

  signet_signature_request_set_file (request, file);
  signet_signature_request_set_rule_boolean (request, "signAnywhereEnabled", TRUE);
  signet_client_upload_multipart_async (f->client, request, FALSE, NULL, result_cb, f);
  result = wait_result (f);
  created = signet_client_upload_multipart_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_created_request_get_signature_request_id (created), ==,
                   signet_signature_request_get_signature_request_id (request));
  assert_signing_url (f, created);
  g_assert_cmpint (used_requests (f), ==, used + 1);

  /* "Signature Request OFF": stored, nothing paid. */
  signet_signature_request_set_file (stored, file);
  signet_client_upload_multipart_async (f->client, stored, TRUE, NULL, result_cb, f);
  stored_result = wait_result (f);
  only_stored = signet_client_upload_multipart_finish (f->client, stored_result, &error);
  g_assert_no_error (error);
  g_assert_null (signet_created_request_get_signature_request_id (only_stored));
  g_assert_nonnull (signet_created_request_get_document_id (only_stored));
  g_assert_cmpint (used_requests (f), ==, used + 1);

  info = get_info (f, signet_created_request_get_document_id (only_stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_filename (info), ==, "multipart.pdf");
}

static void
assert_dir_holds (ClientFixture *f, const char *const *names)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (found, g_strdup (name));
  g_assert_cmpuint (found->len, ==, g_strv_length ((GStrv) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (found, names[i], g_str_equal, NULL));
}

/* Text tags become fields, each round allows its own field, and a later
 * round puts the signed document back to "tosign". */
static void
test_multi_round (ClientFixture *f, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Customer: _SO1_\nDealer: _SO2_");
  g_autofree char *path = g_build_filename (f->dir, "tagged.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) first = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) second = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) round1 = NULL;
  g_autoptr (SignetCreatedRequest) round2 = NULL;
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  signet_signature_request_set_file (first, file);
  signet_signature_request_set_preprocessing (first, SIGNET_DOCUMENT_STATE_TAGS);
  signet_signature_request_set_rule_boolean (first, "signAnywhereEnabled", FALSE);
  signet_signature_request_add_allowed_field (first, SIGNET_FIELD_TYPE_SIGNATURE, "_SO1_");
  round1 = create (f, first, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture_wait_state (&f->fx, signet_created_request_get_document_id (round1), "tosign");
  sign (f, round1);

  signet_signature_request_set_document_id (second,
                                            signet_created_request_get_document_id (round1));
  signet_signature_request_set_change_state (second, SIGNET_DOCUMENT_STATE_TOSIGN);
  signet_signature_request_set_rule_boolean (second, "signAnywhereEnabled", FALSE);
  signet_signature_request_add_allowed_field (second, SIGNET_FIELD_TYPE_SIGNATURE, "_SO2_");
  round2 = create (f, second, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_created_request_get_document_id (round2), ==,
                   signet_created_request_get_document_id (round1));
  g_assert_cmpstr (signet_created_request_get_signature_request_id (round2), !=,
                   signet_created_request_get_signature_request_id (round1));

  info = get_info (f, signet_created_request_get_document_id (round2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_document_info_get_state (info), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
}

static gboolean
download (ClientFixture *f, const char *document_id, const char *path, GError **error)
{
  g_autoptr (GFile) destination = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;

  signet_client_download_document_async (f->client, document_id, destination, NULL, result_cb, f);
  result = wait_result (f);
  return signet_client_download_document_finish (f->client, result, error);
}

static void
test_download (ClientFixture *f, gconstpointer data)
{
  static const char *const after[] = { "contract.pdf", "signed.pdf", NULL };
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autofree char *path = g_build_filename (f->dir, "signed.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  sign (f, created);

  /* An older file of that name is replaced. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_assert_true (download (f, signet_created_request_get_document_id (created), path, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  assert_dir_holds (f, after);
}

static void
test_download_atomic (ClientFixture *f, gconstpointer data)
{
  static const char *const after[] = { "contract.pdf", "signed.pdf", NULL };
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autofree char *path = g_build_filename (f->dir, "signed.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  sign (f, created);
  g_file_set_contents (path, "the archived copy", -1, &error);
  g_assert_no_error (error);

  /* The connection breaks half-way through the document, every time. */
  add_fault (f, "{\"path\": \"/JSON/document/\", \"count\": 10, \"body\": \"truncated\"}");
  g_assert_false (download (f, signet_created_request_get_document_id (created), path, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE);

  /* Never half a file under the final name, no temporary file left. */
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "the archived copy");
  assert_dir_holds (f, after);
}

static void
test_download_not_found (ClientFixture *f, gconstpointer data)
{
  static const char *const after[] = { NULL };
  g_autofree char         *path = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (download (f, "no-such-document", path, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  assert_dir_holds (f, after);
}

static GListModel *
list (ClientFixture *f, SignetDocumentState state)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *documents;

  signet_client_list_documents_async (f->client, state, NULL, result_cb, f);
  result = wait_result (f);
  documents = signet_client_list_documents_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (documents) == SIGNET_TYPE_DOCUMENT_INFO);
  return documents;
}

static void
test_list_and_info (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) first = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (SignetCreatedRequest) second = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) signed_only = NULL;
  g_autoptr (GListModel) to_sign = NULL;
  g_autoptr (SignetDocumentInfo) item = NULL;
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  sign (f, second);

  all = list (f, SIGNET_DOCUMENT_STATE_UNKNOWN);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  signed_only = list (f, SIGNET_DOCUMENT_STATE_SIGNED);
  g_assert_cmpuint (g_list_model_get_n_items (signed_only), ==, 1);
  item = g_list_model_get_item (signed_only, 0);
  g_assert_cmpstr (signet_document_info_get_id (item), ==,
                   signet_created_request_get_document_id (second));
  g_assert_cmpint (signet_document_info_get_state (item), ==, SIGNET_DOCUMENT_STATE_SIGNED);
  g_assert_nonnull (signet_document_info_get_created (item));
  to_sign = list (f, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_cmpuint (g_list_model_get_n_items (to_sign), ==, 1);

  info = get_info (f, signet_created_request_get_document_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_id (info), ==,
                   signet_created_request_get_document_id (first));
  g_assert_cmpint (signet_document_info_get_state (info), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_nonnull (signet_document_info_get_modified (info));
}

static gboolean
finish_boolean (ClientFixture *f,
                gboolean (*finish) (SignetClient *, GAsyncResult *, GError **),
                GError **error)
{
  g_autoptr (GAsyncResult) result = wait_result (f);

  return finish (f->client, result, error);
}

static void
test_update_and_delete_request (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  const char *id = signet_created_request_get_signature_request_id (created);
  g_autoptr (GError) error = NULL;

  signet_client_update_signature_request_async (f->client, id, f->fx.portal_url,
                                                "https://example.com/", NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_update_signature_request_finish, &error));
  g_assert_no_error (error);

  signet_client_register_callback_async (f->client, id, f->fx.portal_url, NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_register_callback_finish, &error));
  g_assert_no_error (error);

  signet_client_delete_signature_request_async (f->client, id, NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_delete_signature_request_finish, &error));
  g_assert_no_error (error);

  /* Gone: deleting, updating or registering again is "not found". */
  signet_client_delete_signature_request_async (f->client, id, NULL, result_cb, f);
  g_assert_false (finish_boolean (f, signet_client_delete_signature_request_finish, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  signet_client_update_signature_request_async (f->client, id, NULL, "https://example.com/", NULL,
                                                result_cb, f);
  g_assert_false (finish_boolean (f, signet_client_update_signature_request_finish, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
}

static void
test_delete_document (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  const char *id = signet_created_request_get_document_id (created);
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  signet_client_delete_document_async (f->client, id, NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_delete_document_finish, &error));
  g_assert_no_error (error);

  info = get_info (f, id, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_assert_null (info);
  g_clear_error (&error);

  signet_client_delete_document_async (f->client, id, NULL, result_cb, f);
  g_assert_false (finish_boolean (f, signet_client_delete_document_finish, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
}

static void
test_counter (ClientFixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) reply
    = fixture_json (&f->fx, "POST", "/sandbox/quota", "{\"available\": 5}", 200);
  g_autoptr (SignetCounter) before = get_counter (f);
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (SignetCounter) after = get_counter (f);
  const SignetCounterMonth *history;
  guint                     n_months;

  g_assert_cmpint (signet_counter_get_available (before), ==, 5);
  g_assert_cmpint (signet_counter_get_available (after), ==, 4);
  g_assert_cmpint (signet_counter_get_used (after), ==, signet_counter_get_used (before) + 1);
  g_assert_cmpint (signet_counter_get_stored (after), >=, 1);
  g_assert_cmpint (signet_counter_get_deleted (after), >=, 0);
  g_assert_cmpint (signet_counter_get_downloaded (after), >=, 0);

  history = signet_counter_get_history (after, &n_months);
  g_assert_cmpuint (n_months, >=, 1);
  g_assert_cmpint (history[n_months - 1].signature_requests, >=, 1);
}

/* }}} */
/* {{{ Every error */

static void
test_error_not_authorized (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetClient) wrong = new_client (f, NULL, "0000_wrong");
  g_autoptr (GError) error = NULL;

  error = counter_error (f, wrong, SIGNET_ERROR_NOT_AUTHORIZED);
  g_assert_null (strstr (error->message, "0000_wrong"));
}

static void
test_error_forbidden (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetClient) reader = new_client (f, NULL, TEST_READ_ONLY_KEY);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_client_delete_document_async (reader, "some-document", NULL, result_cb, f);
  result = wait_result (f);
  g_assert_false (signet_client_delete_document_finish (reader, result, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FORBIDDEN);
}

static void
test_error_not_found (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = get_info (f, "y7Ki_u1mrUwijfb-o_S1JiphSsoXya8iypH380F", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_assert_null (info);
}

static void
test_error_conflict (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (SignetSignatureRequest) again = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) second = NULL;
  g_autoptr (GError) error = NULL;
  gint64 used = used_requests (f);

  /* Reusing an id on a first attempt is a real conflict, not a recovery. */
  signet_signature_request_set_signature_request_id (
    again, signet_created_request_get_signature_request_id (created));
  signet_signature_request_set_document_id (again,
                                            signet_created_request_get_document_id (created));
  second = create (f, again, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT);
  g_assert_null (second);
  g_assert_cmpint (used_requests (f), ==, used);
}

static void
test_error_quota (ClientFixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) reply
    = fixture_json (&f->fx, "POST", "/sandbox/quota", "{\"available\": 0}", 200);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "contract.pdf");
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GError) error = NULL;

  signet_signature_request_set_file (request, file);
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED);
  g_assert_null (created);
}

static void
test_error_file_too_large (ClientFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GError) error = NULL;
  gint64 stored = 0;
  int    fd;

  {
    g_autoptr (SignetCounter) counter = get_counter (f);

    stored = signet_counter_get_stored (counter);
  }

  /* A sparse file one byte over the limit: checked before it is read. */
  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, SIGNET_MAX_DOCUMENT_SIZE + 1), ==, 0);
  g_close (fd, NULL);

  signet_signature_request_set_file (request, file);
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“huge.pdf”"));
  g_assert_null (created);

  {
    g_autoptr (SignetCounter) counter = get_counter (f);

    g_assert_cmpint (signet_counter_get_stored (counter), ==, stored);
  }
}

static void
test_error_file_unreadable (ClientFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "gone.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GError) error = NULL;

  signet_signature_request_set_file (request, file);
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "gone.pdf"));
}

/* The service looks into the document; its verdicts reach the person. */
static void
test_error_document_refused (ClientFixture *f, gconstpointer data)
{
  struct
  {
    GFile *file;
    int    code;
  } cases[] = {
    { write_text (f, "letter.pdf"), SIGNET_ERROR_FILE_UNREADABLE },
    { write_encrypted_pdf (f), SIGNET_ERROR_FILE_ENCRYPTED },
  };
  gint64 used = used_requests (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
      g_autoptr (SignetCreatedRequest) created = NULL;
      g_autoptr (GError) error = NULL;

      signet_signature_request_set_file (request, cases[i].file);
      created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
      g_assert_error (error, SIGNET_ERROR, cases[i].code);
      g_assert_null (created);
      g_object_unref (cases[i].file);
    }
  g_assert_cmpint (used_requests (f), ==, used);
}

static void
test_error_invalid_input (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autoptr (GError) error = NULL;

  signet_client_update_signature_request_async (
    f->client, signet_created_request_get_signature_request_id (created), "not a url", NULL, NULL,
    result_cb, f);
  g_assert_false (finish_boolean (f, signet_client_update_signature_request_finish, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  /* The member in words, never its API name. */
  g_assert_nonnull (strstr (error->message, "the address it should report the result to"));
  g_assert_null (strstr (error->message, "sendInfoURL"));
}

static void
test_error_server (ClientFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* More failures than attempts: the last one is reported. */
  add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 10, \"status\": 500}");
  error = counter_error (f, f->client, SIGNET_ERROR_SERVER_ERROR);
  /* What to do, without the status (docs/vocabulary.md). */
  g_assert_nonnull (strstr (error->message, "Try again later"));
  g_assert_null (strstr (error->message, "500"));
}

/* Whatever the server answers, the message a label shows has no key of
 * the answer ("err.…") and no status; a redirect says that the key stayed
 * here. End to end, over loopback, with the sandbox's injected faults. */
static void
test_error_no_code_reaches_a_label (ClientFixture *f, gconstpointer data)
{
  const struct
  {
    guint       status;
    int         code;
    const char *in_message;
  } cases[] = {
    { 400, SIGNET_ERROR_INVALID_INPUT, "OKdokument administrator" },
    { 403, SIGNET_ERROR_FORBIDDEN, "administrator" },
    { 404, SIGNET_ERROR_NOT_FOUND, "Refresh" },
    { 409, SIGNET_ERROR_CONFLICT, "new request" },
    { 302, SIGNET_ERROR_UNEXPECTED_RESPONSE, "the API key was not sent there" },
    { 307, SIGNET_ERROR_UNEXPECTED_RESPONSE, "the API key was not sent there" },
    { 503, SIGNET_ERROR_SERVER_ERROR, "Try again later" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fault = g_strdup_printf (
        "{\"path\": \"/JSON/counter\", \"count\": 10, \"status\": %u}", cases[i].status);
      g_autofree char *number = g_strdup_printf ("%u", cases[i].status);
      g_autoptr (GError) error = NULL;

      add_fault (f, fault);
      error = counter_error (f, f->client, cases[i].code);
      g_test_message ("%u: %s", cases[i].status, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      g_assert_null (strstr (error->message, "err."));
      g_assert_null (strstr (error->message, number));
      json_node_unref (fixture_json (&f->fx, "DELETE", "/sandbox/faults", NULL, 200));
    }
}

static void
test_error_malformed (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCounter) next = NULL;
  g_autoptr (GError) error = NULL;

  /* Not retried: the same answer would come again. */
  add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"body\": \"malformed\"}");
  error = counter_error (f, f->client, SIGNET_ERROR_UNEXPECTED_RESPONSE);

  next = get_counter (f);
}

/* }}} */
/* {{{ Faults, retries, cancellation */

static void
test_fault_timeout (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetClient) impatient = NULL;
  g_autoptr (GError) error = NULL;

  impatient = g_object_new (SIGNET_TYPE_CLIENT, "base-url", f->fx.base, "api-key", TEST_KEY,
                            "timeout", 1, "max-attempts", 1, NULL);
  add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"delay\": 2500}");
  error = counter_error (f, impatient, SIGNET_ERROR_TIMED_OUT);
}

static void
test_fault_500_then_success (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start, elapsed;

  /* Two failures, then the answer: the waits are about 100 and 200 ms,
   * each drawn from its upper half, so at least 50 + 100 ms. */
  g_object_set (f->client, "retry-delay", 100, NULL);
  add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 2, \"status\": 500}");
  start = g_get_monotonic_time ();
  counter = try_counter (f, f->client, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpint (signet_counter_get_available (counter), >=, 0);
  g_test_message ("two retries took %" G_GINT64_FORMAT " µs", elapsed);
  /* The backoff's lower bound follows from the code; an upper one would
   * only measure the machine. */
  g_assert_cmpint (elapsed, >=, 150 * 1000);
}

/* A 3 MB upload (larger than the socket buffers) whose connection the
 * sandbox drops while the body is still on its way. */
static SignetSignatureRequest *
big_request (ClientFixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "big.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SignetSignatureRequest *request = signet_signature_request_new ();

  bench_write_pdf (path, 3 * 1000 * 1000);
  signet_signature_request_set_file (request, file);
  return request;
}

static void
test_fault_dropped_upload_retried (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetSignatureRequest) request = big_request (f);
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GListModel) documents = NULL;
  g_autoptr (GError) error = NULL;
  gint64 used = used_requests (f);

  /* The first upload is cut off; the retry goes through, once. */
  add_fault (f, "{\"path\": \"/JSON/document\", \"count\": 1, \"drop\": true}");
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (used_requests (f), ==, used + 1);
  documents = list (f, SIGNET_DOCUMENT_STATE_UNKNOWN);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
}

static void
test_fault_dropped_mid_upload (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetSignatureRequest) request = big_request (f);
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (SignetCounter) before = get_counter (f);
  g_autoptr (SignetCounter) after = NULL;
  g_autoptr (GError) error = NULL;

  /* Every attempt is cut off: a network error, nothing stored or paid. */
  g_object_set (f->client, "max-attempts", 2, NULL);
  add_fault (f, "{\"path\": \"/JSON/document\", \"count\": 2, \"drop\": true}");
  created = create (f, request, SIGNET_CREATE_FLAGS_NONE, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE);
  g_assert_null (created);

  after = get_counter (f);
  g_assert_cmpint (signet_counter_get_stored (after), ==, signet_counter_get_stored (before));
  g_assert_cmpint (signet_counter_get_used (after), ==, signet_counter_get_used (before));
}

static void
test_fault_truncated_retried (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCounter) counter = NULL;

  add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"body\": \"truncated\"}");
  counter = get_counter (f);
  g_assert_cmpint (signet_counter_get_available (counter), >=, 0);
}

/* The answer to the create call is lost after the service created the
 * request; the retry must not create (and pay for) a second one. */
static void
test_lost_create_response (ClientFixture *f, gconstpointer data)
{
  const char *faults[] = {
    "{\"path\": \"/JSON/signatureRequest\", \"count\": 1, \"body\": \"truncated\"}",
    "{\"path\": \"/JSON/signatureRequest\", \"count\": 1, \"status\": 502, \"body\": "
    "\"malformed\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      gint64 used = used_requests (f);
      g_autoptr (SignetCreatedRequest) created = NULL;
      g_autoptr (SignetDocumentInfo) info = NULL;
      g_autoptr (GError) error = NULL;

      add_fault (f, faults[i]);
      created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
      g_assert_true (signet_created_request_get_recovered (created));
      g_assert_nonnull (signet_created_request_get_document_id (created));
      assert_signing_url (f, created);
      g_assert_cmpint (used_requests (f), ==, used + 1);

      info = get_info (f, signet_created_request_get_document_id (created), &error);
      g_assert_no_error (error);
    }
}

/* A delete that happened but whose answer was lost finds nothing on the
 * retry; that is success, not "not found". */
static void
test_lost_delete_response (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetCreatedRequest) created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
  g_autofree char *document_fault = NULL;
  g_autofree char *request_fault = NULL;
  g_autoptr (GError) error = NULL;

  request_fault = g_strdup_printf ("{\"path\": \"/JSON/signatureRequest/%s\", \"count\": 1, "
                                   "\"body\": \"truncated\"}",
                                   signet_created_request_get_signature_request_id (created));
  add_fault (f, request_fault);
  signet_client_delete_signature_request_async (
    f->client, signet_created_request_get_signature_request_id (created), NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_delete_signature_request_finish, &error));
  g_assert_no_error (error);

  document_fault = g_strdup_printf ("{\"path\": \"/JSON/document/%s\", \"count\": 1, "
                                    "\"body\": \"truncated\"}",
                                    signet_created_request_get_document_id (created));
  add_fault (f, document_fault);
  signet_client_delete_document_async (f->client, signet_created_request_get_document_id (created),
                                       NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_delete_document_finish, &error));
  g_assert_no_error (error);
}

static void
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Starts a counter call that @fault holds up for longer than
 * wait_result() waits, cancels it after @ms, and so expects the
 * cancellation back before the fault ends. */
static void
cancel_counter_after (ClientFixture *f, const char *fault, guint ms)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  add_fault (f, fault);
  signet_client_get_counter_async (f->client, cancellable, result_cb, f);
  g_timeout_add_once (ms, cancel_cb, cancellable);
  result = wait_result (f);
  counter = signet_client_get_counter_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_in_flight (ClientFixture *f, gconstpointer data)
{
  cancel_counter_after (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"delay\": 20000}", 100);
}

static void
test_cancel_while_waiting_to_retry (ClientFixture *f, gconstpointer data)
{
  g_object_set (f->client, "retry-delay", 20000, NULL);
  cancel_counter_after (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"status\": 503}", 300);
}

static void
test_cancel_upload (ClientFixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = write_pdf (f, "contract.pdf");
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 used = used_requests (f);

  g_cancellable_cancel (cancellable);
  signet_signature_request_set_file (request, file);
  signet_client_create_signature_request_async (f->client, request, SIGNET_CREATE_FLAGS_NONE,
                                                cancellable, result_cb, f);
  result = wait_result (f);
  created = signet_client_create_signature_request_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (used_requests (f), ==, used);
}

/* }}} */
/* {{{ Shapes the sandbox cannot make: our own loopback servers */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       requests;
  char       *user_agent;
  char       *key;
} OwnServer;

static void
own_server_free (OwnServer *own)
{
  soup_server_disconnect (own->server);
  g_clear_object (&own->server);
  g_free (own->url);
  g_free (own->user_agent);
  g_free (own->key);
  g_free (own);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwnServer, own_server_free)

/* A server of our own that answers every request with @handler (if
 * any); f->client talks to it from now on. */
static OwnServer *
own_server_new (ClientFixture *f, GTlsCertificate *certificate, SoupServerCallback handler)
{
  OwnServer *own = g_new0 (OwnServer, 1);
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;

  own->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen_local (
    own->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
    &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (own->server);
  own->url = g_strdup_printf ("%s://127.0.0.1:%d", certificate ? "https" : "http",
                              g_uri_get_port (uris->data));
  if (handler != NULL)
    soup_server_add_handler (own->server, NULL, handler, own, NULL);
  g_clear_object (&f->client);
  f->client = new_client (f, own->url, TEST_KEY);
  return own;
}

/* A 200 answer of @content_type whose size is not announced, only found
 * out while reading. */
static void
answer_chunked (OwnServer *own, SoupServerMessage *msg, const char *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  own->requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
}

static void
html_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  OwnServer          *own = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  static const char   page[] = "<html><body>Welcome to the hotel Wi-Fi</body></html>";

  own->requests++;
  g_free (own->user_agent);
  own->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (own->key);
  own->key = g_strdup (soup_message_headers_get_one (headers, "x-api-key"));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
test_wrong_content_type (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, html_handler);
  g_autoptr (GError) error = NULL;
  g_autofree char *agent = g_strdup_printf ("Signet/%s libsoup/", PACKAGE_VERSION);

  error = counter_error (f, f->client, SIGNET_ERROR_UNEXPECTED_RESPONSE);
  g_assert_cmpuint (own->requests, ==, 1);

  /* What every request carries. */
  g_assert_true (g_str_has_prefix (own->user_agent, agent));
  g_assert_cmpstr (own->key, ==, TEST_KEY);
}

static void
test_tls_failure (ClientFixture *f, gconstpointer data)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "tls-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "tls-key.pem", NULL);
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (OwnServer) own = NULL;
  g_autoptr (GError) error = NULL;

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  own = own_server_new (f, certificate, html_handler);
  error = counter_error (f, f->client, SIGNET_ERROR_TLS_FAILURE);
  /* Nothing, not even the key, reached the server. */
  g_assert_cmpuint (own->requests, ==, 0);
}

static void
test_network_unreachable (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, NULL);
  g_autoptr (GError) error = NULL;

  /* A port nobody listens on any more. */
  g_clear_pointer (&own, own_server_free);
  error = counter_error (f, f->client, SIGNET_ERROR_NETWORK_UNREACHABLE);
}

static void
huge_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize            size = 17 * 1024 * 1024;

  answer_chunked (user_data, msg, "application/json");
  soup_message_body_append_take (body, memset (g_malloc (size), ' ', size), size);
  soup_message_body_complete (body);
}

static void
empty_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OwnServer *own = user_data;

  own->requests++;
  soup_server_message_set_status (msg, 200, NULL);
}

/* The connector documents E14 with no body at all. */
static void
test_empty_answers (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, empty_handler);
  g_autoptr (GError) error = NULL;

  signet_client_register_callback_async (f->client, "1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8",
                                         "https://example.com/info", NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_register_callback_finish, &error));
  g_assert_no_error (error);
  signet_client_delete_document_async (f->client, "doc", NULL, result_cb, f);
  g_assert_true (finish_boolean (f, signet_client_delete_document_finish, &error));
  g_assert_no_error (error);

  /* An answer that must carry data still needs it. */
  error = counter_error (f, f->client, SIGNET_ERROR_UNEXPECTED_RESPONSE);
  g_assert_cmpuint (own->requests, ==, 3);
}

static void
list_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  OwnServer *own = user_data;
  GString   *list = g_string_new ("[");

  own->requests++;
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (list,
                            "%s{\"filename\": \"contract-%u.pdf\", \"state\": \"signed\", "
                            "\"modification\": \"2022-06-01 14:11:40\", \"id\": \"doc-%u\", "
                            "\"date\": 1655085500971, \"number\": \"1655085500880\"}",
                            i > 0 ? ", " : "", i, i);
  g_string_append (list, "]");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, list->str,
                                    list->len);
  g_string_free (list, FALSE);
}

/* A long list (about 300 KB) is parsed on a worker thread. */
static void
test_big_list (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, list_handler);
  g_autoptr (GListModel) documents = NULL;
  g_autoptr (SignetDocumentInfo) last = NULL;
  documents = list (f, SIGNET_DOCUMENT_STATE_SIGNED);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2000);
  last = g_list_model_get_item (documents, 1999);
  g_assert_cmpstr (signet_document_info_get_id (last), ==, "doc-1999");
  g_assert_cmpint (signet_document_info_get_state (last), ==, SIGNET_DOCUMENT_STATE_SIGNED);
}

/* Sends the head and the first bytes of a PDF, then nothing more. */
static void
stalling_pdf_handler (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  answer_chunked (user_data, msg, "application/pdf");
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "%PDF-1.7\n% half a document\n", 27);
}

/* Cancelled while the document is arriving: no half file, no temporary
 * file, the old file untouched. */
static gboolean
finish_pdf_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  SoupMessageBody   *body = soup_server_message_get_response_body (msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, "DF-1.7\n%%EOF\n", 13);
  soup_message_body_complete (body);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

/* Sends "%P" now and the rest of the PDF a moment later: the client reads
 * the first five bytes in two pieces. */
static void
split_pdf_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  answer_chunked (user_data, msg, "application/pdf");
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "%P",
                            2);
  soup_server_message_pause (msg);
  g_timeout_add (200, finish_pdf_cb, g_object_ref (msg));
}

static void
test_download_split_magic (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, split_pdf_handler);
  g_autofree char *path = g_build_filename (f->dir, "signed.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (download (f, "doc", path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "%PDF-1.7\n%%EOF\n");
}

static gboolean
dir_has_part_file (ClientFixture *f)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      return TRUE;
  return FALSE;
}

/* Starts a download of a document that never ends, cancels it (when
 * the request arrived, or @at_temp_file when its temporary file exists), and checks that it leaves
 * no half file, no temporary file, and the old file untouched. */
static void
cancel_download_at (ClientFixture *f, gboolean at_temp_file)
{
  static const char *const after[] = { "signed.pdf", NULL };
  g_autoptr (OwnServer) own = own_server_new (f, NULL, stalling_pdf_handler);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "signed.pdf", NULL);
  g_autoptr (GFile) destination = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64           deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_file_set_contents (path, "the archived copy", -1, &error);
  g_assert_no_error (error);

  signet_client_download_document_async (f->client, "doc", destination, cancellable, result_cb, f);
  if (at_temp_file)
    {
      /* As soon as the temporary file exists, before the main loop has
       * heard that it was created: the creation's answer then comes
       * back as "cancelled", although the file is there. */
      while (!dir_has_part_file (f) && f->result == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
        }
    }
  else
    {
      /* Once the server has the request, not after a guessed time. */
      while (own->requests == 0 && f->result == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_cancellable_cancel (cancellable);
  result = wait_result (f);
  g_assert_false (signet_client_download_document_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (own->requests, ==, 1);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "the archived copy");
  assert_dir_holds (f, after);
}

static void
test_cancel_download (ClientFixture *f, gconstpointer data)
{
  cancel_download_at (f, FALSE);
}

static void
test_cancel_download_while_creating (ClientFixture *f, gconstpointer data)
{
  cancel_download_at (f, TRUE);
}

static void
test_response_too_large (ClientFixture *f, gconstpointer data)
{
  g_autoptr (OwnServer) own = own_server_new (f, NULL, huge_handler);
  g_autoptr (GError) error = NULL;

  error = counter_error (f, f->client, SIGNET_ERROR_UNEXPECTED_RESPONSE);
  g_assert_cmpuint (own->requests, ==, 1);
}

static void
test_insecure_url (ClientFixture *f, gconstpointer data)
{
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;

  /* Past signet_client_new()'s check: every call refuses to send. */
  client = new_client (f, "http://okdokument.invalid", TEST_KEY);
  error = counter_error (f, client, SIGNET_ERROR_INSECURE_URL);
}

/* }}} */
/* {{{ A 10 MB document, with the sandbox in its own process */

/* Encoding and sending 13 MB of base64 happens off the main loop: a
 * 5 ms timer keeps firing throughout. (In-process, the sandbox's own
 * decoding would stall the loop, so it runs as the real program.) */
static void
test_big_file_main_loop (ClientFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *base_url = NULL;
  const gint64     size = 10 * 1000 * 1000;
  gint64           stall, idle, peak;
  guint            meter;

  bench_write_pdf (path, size);
  sandbox = bench_spawn_sandbox (SIGNET_SANDBOX_PROGRAM, TEST_KEY, &base_url, &error);
  g_assert_no_error (error);

  client = new_client (f, base_url, TEST_KEY);
  signet_signature_request_set_file (request, file);

  idle = bench_memory_reset_peak ();
  meter = bench_stall_meter_start ();
  signet_client_create_signature_request_async (client, request, SIGNET_CREATE_FLAGS_INLINE, NULL,
                                                result_cb, f);
  result = wait_result (f);
  stall = bench_stall_meter_stop (meter);
  peak = bench_memory_peak ();
  created = signet_client_create_signature_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signet_created_request_get_document_id (created));

  g_test_message ("longest main loop stall: %" G_GINT64_FORMAT
                  " µs, peak memory above idle: %" G_GINT64_FORMAT " KiB",
                  stall, peak - idle);
  /* The stall is a speed, measured by bench/, never asserted here. */
  /* The bound, 2.5 × the file. AddressSanitizer keeps every freed
   * chunk in quarantine, so its resident set says nothing about that. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpint ((peak - idle) * 1024, <, 5 * size / 2);
#endif
  bench_stop_sandbox (sandbox);
}

/* HEADLESS.md's trap: a proxy in the environment must not swallow the
 * requests to the sandbox on this computer. */
static void
test_loopback_ignores_proxy (ClientFixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (SignetCounter) counter = NULL;

      g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
      g_setenv ("HTTP_PROXY", "http://127.0.0.1:9", TRUE);
      g_unsetenv ("no_proxy");
      g_unsetenv ("NO_PROXY");
      g_clear_object (&f->client);
      f->client = new_client (f, NULL, TEST_KEY);
      g_object_set (f->client, "max-attempts", 1, NULL);
      counter = get_counter (f);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* No idle timer on the client's connections: libsoup 3.2 let one close a
 * connection a request had just taken, and the tracker's rounds came when
 * it fired (signet-client.c says how it was found). */
static void
test_no_idle_timer (ClientFixture *f, gconstpointer data)
{
  guint idle_timeout = G_MAXUINT;

  g_object_get (signet_client_get_session (f->client), "idle-timeout", &idle_timeout, NULL);
  g_assert_cmpuint (idle_timeout, ==, 0);
}

/* }}} */
/* {{{ The key is never logged */

static void
test_key_not_logged (ClientFixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (SignetCreatedRequest) created = NULL;
      g_autoptr (SignetCounter) counter = NULL;
      g_autoptr (SignetClient) wrong = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      /* As G_MESSAGES_DEBUG=all in the environment would: GLib reads it
       * at every message, the client when it is made. (Set here, so that
       * the parent's TAP output stays clean.) */
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

      /* Success, failure with a wrong key, and a retry, all traced. */
      g_clear_object (&f->client);
      f->client = new_client (f, NULL, TEST_KEY);
      add_fault (f, "{\"path\": \"/JSON/counter\", \"count\": 1, \"status\": 500}");
      created = create_new (f, SIGNET_CREATE_FLAGS_NONE);
      counter = get_counter (f);

      wrong = new_client (f, NULL, TEST_READ_ONLY_KEY "_x");
      signet_client_get_counter_async (wrong, NULL, result_cb, f);
      result = wait_result (f);
      g_assert_null (signet_client_get_counter_finish (wrong, result, &error));
      g_printerr ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The trace is there (so this test can fail), the key is not. */
  g_test_trap_assert_stdout ("*x-api-key: [REDACTED]*");
  g_test_trap_assert_stdout ("*POST /JSON/signatureRequest*");
  g_test_trap_assert_stdout_unmatched ("*" TEST_KEY "*");
  g_test_trap_assert_stderr_unmatched ("*" TEST_KEY "*");
  g_test_trap_assert_stdout_unmatched ("*" TEST_READ_ONLY_KEY "_x*");
  g_test_trap_assert_stderr_unmatched ("*" TEST_READ_ONLY_KEY "_x*");
}

/* }}} */

static void
add_test (const char *name, gpointer style, void (*func) (ClientFixture *, gconstpointer))
{
  g_test_add (name, ClientFixture, style, client_set_up, func, client_tear_down);
}

int
main (int argc, char *argv[])
{
  static const struct
  {
    const char *name;
    void (*func) (ClientFixture *, gconstpointer);
  } per_style[] = {
    { "create/upload-first", test_create_upload_first },
    { "create/inline", test_create_inline },
    { "create/full-description", test_create_full_description },
    { "create/existing-document", test_create_existing_document },
    { "upload/multipart", test_upload_multipart },
    { "create/multi-round", test_multi_round },
    { "download", test_download },
    { "download/atomic", test_download_atomic },
    { "download/not-found", test_download_not_found },
    { "list-and-info", test_list_and_info },
    { "update-and-delete-request", test_update_and_delete_request },
    { "delete-document", test_delete_document },
    { "counter", test_counter },
    { "error/not-authorized", test_error_not_authorized },
    { "error/forbidden", test_error_forbidden },
    { "error/not-found", test_error_not_found },
    { "error/conflict", test_error_conflict },
    { "error/quota", test_error_quota },
    { "error/invalid-input", test_error_invalid_input },
    { "error/document-refused", test_error_document_refused },
    { "error/server", test_error_server },
    { "error/no-code-reaches-a-label", test_error_no_code_reaches_a_label },
    { "error/malformed", test_error_malformed },
    { "fault/lost-create-response", test_lost_create_response },
    { "fault/lost-delete-response", test_lost_delete_response },
  };
  gpointer wiki = GINT_TO_POINTER (SIGNET_SANDBOX_STYLE_WIKI);
  gpointer connector = GINT_TO_POINTER (SIGNET_SANDBOX_STYLE_CONNECTOR);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (per_style); i++)
    {
      g_autofree char *wiki_name = g_strconcat ("/client/wiki/", per_style[i].name, NULL);
      g_autofree char *connector_name = g_strconcat ("/client/connector/", per_style[i].name, NULL);

      add_test (wiki_name, wiki, per_style[i].func);
      add_test (connector_name, connector, per_style[i].func);
    }

  add_test ("/client/error/file-too-large", wiki, test_error_file_too_large);
  add_test ("/client/error/file-unreadable", wiki, test_error_file_unreadable);
  add_test ("/client/error/network-unreachable", wiki, test_network_unreachable);
  add_test ("/client/error/tls-failure", wiki, test_tls_failure);
  add_test ("/client/error/wrong-content-type", wiki, test_wrong_content_type);
  add_test ("/client/error/response-too-large", wiki, test_response_too_large);
  add_test ("/client/error/insecure-url", wiki, test_insecure_url);
  add_test ("/client/empty-answers", wiki, test_empty_answers);
  add_test ("/client/big-list", wiki, test_big_list);
  add_test ("/client/results-kept", wiki, test_results_kept);
  add_test ("/client/cancel/download", wiki, test_cancel_download);
  add_test ("/client/cancel/download-while-creating", wiki, test_cancel_download_while_creating);
  add_test ("/client/download-split-magic", wiki, test_download_split_magic);
  add_test ("/client/loopback-ignores-proxy", wiki, test_loopback_ignores_proxy);
  add_test ("/client/no-idle-timer", wiki, test_no_idle_timer);
  add_test ("/client/fault/timeout", wiki, test_fault_timeout);
  add_test ("/client/fault/500-then-success", wiki, test_fault_500_then_success);
  add_test ("/client/fault/dropped-upload-retried", wiki, test_fault_dropped_upload_retried);
  add_test ("/client/fault/dropped-mid-upload", wiki, test_fault_dropped_mid_upload);
  add_test ("/client/fault/truncated-retried", wiki, test_fault_truncated_retried);
  add_test ("/client/cancel/in-flight", wiki, test_cancel_in_flight);
  add_test ("/client/cancel/waiting-to-retry", wiki, test_cancel_while_waiting_to_retry);
  add_test ("/client/cancel/before-upload", wiki, test_cancel_upload);
  add_test ("/client/key-not-logged", wiki, test_key_not_logged);
  add_test ("/client/big-file-main-loop", wiki, test_big_file_main_loop);

  return g_test_run ();
}
