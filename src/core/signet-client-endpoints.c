/* signet-client-endpoints.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-client.h"
#include "signet-client-private.h"
#include "signet-error.h"
#include "signet-signature-request-private.h"

#include <string.h>

/* The endpoints of the reference: what each sends and how its answer is
 * read. Building the message, sending, retrying, parsing and mapping
 * errors is the request path's (signet-client-call.c). */

enum
{
  E1_CREATE,
  E2_UPLOAD,
  E3_UPLOAD,
  E3_STORE,
  E7_DOWNLOAD,
  E8_DELETE_DOCUMENT,
  E9_LIST,
  E10_DOCUMENT_INFO,
  E11_UPDATE_REQUEST,
  E12_DELETE_REQUEST,
  E13_COUNTER,
  E14_REGISTER_CALLBACK,
  N_ENDPOINTS
};

/* What sets each endpoint apart; a %NULL parser: the answer only says
 * "done", or is a download. */
/* clang-format off */
static const SignetClientEndpoint endpoints[N_ENDPOINTS] = {
  [E1_CREATE]             = { "POST",   "/JSON/signatureRequest",   SIGNET_CLIENT_CALL_CREATES,
                              signet_client_parse_created,         g_object_unref },
  [E2_UPLOAD]             = { "POST",   "/JSON/document",           SIGNET_CLIENT_CALL_NONE,
                              signet_client_parse_uploaded,        g_free },
  [E3_UPLOAD]             = { "POST",   "/JSON/upload",             SIGNET_CLIENT_CALL_CREATES,
                              signet_client_parse_created,         g_object_unref },
  [E3_STORE]              = { "POST",   "/JSON/upload",             SIGNET_CLIENT_CALL_NONE,
                              signet_client_parse_stored,          g_object_unref },
  [E7_DOWNLOAD]           = { "GET",    "/JSON/document/",          SIGNET_CLIENT_CALL_NONE,
                              NULL,                                NULL },
  [E8_DELETE_DOCUMENT]    = { "DELETE", "/JSON/document/",          SIGNET_CLIENT_CALL_DELETES,
                              NULL,                                NULL },
  [E9_LIST]               = { "GET",    "/JSON/list/flat?state=",   SIGNET_CLIENT_CALL_NONE,
                              signet_client_parse_document_list,   g_object_unref },
  [E10_DOCUMENT_INFO]     = { "GET",    "/JSON/document/metadata/", SIGNET_CLIENT_CALL_NONE,
                              signet_client_parse_document_info,   g_object_unref },
  [E11_UPDATE_REQUEST]    = { "PATCH",  "/JSON/signatureRequest",   SIGNET_CLIENT_CALL_NONE,
                              NULL,                                NULL },
  [E12_DELETE_REQUEST]    = { "DELETE", "/JSON/signatureRequest/",  SIGNET_CLIENT_CALL_DELETES,
                              NULL,                                NULL },
  [E13_COUNTER]           = { "GET",    "/JSON/counter",            SIGNET_CLIENT_CALL_NONE,
                              signet_client_parse_counter,         g_object_unref },
  [E14_REGISTER_CALLBACK] = { "POST",   "/JSON/signatureRequest/",  SIGNET_CLIENT_CALL_NONE,
                              NULL,                                NULL },
};
/* clang-format on */

/* {{{ Bodies */

/* A call to @endpoint's path followed by @id (escaped), if any. */
static SignetClientCall *
call_new_for_id (SignetClient *self, guint endpoint, const char *id)
{
  g_autofree char *escaped = id != NULL ? g_uri_escape_string (id, NULL, FALSE) : NULL;

  return signet_client_call_new (self, &endpoints[endpoint], escaped);
}

/* Most calls are no more than the table's row, an id and a small body. */
static void
start_call (SignetClient       *self,
            guint               endpoint,
            const char         *id,
            JsonNode           *body,
            GCancellable       *cancellable,
            gpointer            source_tag,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  SignetClientCall *call = call_new_for_id (self, endpoint, id);

  if (body != NULL)
    signet_client_call_set_json_body (call, body);
  signet_client_call_start (call, cancellable, source_tag, callback, user_data);
}

/* An object of the string members given in pairs; a %NULL value is left
 * out. */
static JsonNode *
build_object (const char *first_member, ...)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *member = first_member;
  va_list     args;

  va_start (args, first_member);
  json_builder_begin_object (builder);
  while (member != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          json_builder_set_member_name (builder, member);
          json_builder_add_string_value (builder, value);
        }
      member = va_arg (args, const char *);
    }
  json_builder_end_object (builder);
  va_end (args);
  return json_builder_get_root (builder);
}

static char *
new_placeholder (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("signet-content-", uuid, NULL);
}

/* The file's base64 goes where @placeholder stands in @root: the generated
 * JSON is split there, and the halves are streamed around the file. */
static void
set_base64_body (SignetClientCall *call, JsonNode *root, const char *placeholder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  const char      *hole;
  gsize            length;

  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);
  hole = strstr (json, placeholder);
  g_assert (hole != NULL);
  call->content_type = g_strdup ("application/json");
  call->base64 = TRUE;
  call->prefix = g_bytes_new (json, hole - json);
  call->suffix
    = g_bytes_new (hole + strlen (placeholder), length - (hole - json) - strlen (placeholder));
}

/* }}} */
/* {{{ E2 Upload document (JSON) */

typedef struct
{
  char               *filename;
  SignetDocumentState preprocessing;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_free (data->filename);
  g_free (data);
}

/* {"filename": …, "state": …, "file": {"content": <base64>}}: the wiki's
 * form; the connector's flat `file` is the other spelling (§19.5). */
static void
upload_body (SignetClientCall *call, GFileInfo *info)
{
  UploadData *data = call->data;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *placeholder = new_placeholder ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (
    builder, data->filename != NULL ? data->filename : g_file_info_get_display_name (info));
  if (data->preprocessing != SIGNET_DOCUMENT_STATE_UNKNOWN)
    {
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder,
                                     signet_document_state_to_string (data->preprocessing));
    }
  json_builder_set_member_name (builder, "file");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, placeholder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  set_base64_body (call, root, placeholder);
}

/**
 * signet_client_upload_document_async:
 * @self: a #SignetClient
 * @file: the document, at most 10 MB
 * @filename: (nullable): its name for the service; the file's name if %NULL
 * @preprocessing: %SIGNET_DOCUMENT_STATE_TOSIGN, %SIGNET_DOCUMENT_STATE_TAGS,
 *   %SIGNET_DOCUMENT_STATE_TOSTAMP, or %SIGNET_DOCUMENT_STATE_UNKNOWN for
 *   the service's default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores a document without starting a signature request (E2). The file is
 * encoded and sent as it is read, on a worker thread. Repeating an upload
 * costs nothing (a spare copy at worst).
 */
void
signet_client_upload_document_async (SignetClient       *self,
                                     GFile              *file,
                                     const char         *filename,
                                     SignetDocumentState preprocessing,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  SignetClientCall *call;
  UploadData       *data;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));

  call = signet_client_call_new (self, &endpoints[E2_UPLOAD], NULL);
  data = g_new0 (UploadData, 1);
  data->filename = g_strdup (filename);
  data->preprocessing = preprocessing;
  call->data = data;
  call->data_free = (GDestroyNotify) upload_data_free;
  signet_client_call_set_file_body (call, file, upload_body);
  signet_client_call_start (call, cancellable, signet_client_upload_document_async, callback,
                            user_data);
}

/**
 * signet_client_upload_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the new document's id, or %NULL on error
 */
char *
signet_client_upload_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_upload_document_async, error);
}

/* }}} */
/* {{{ E1 Create signature request */

/* The new file inside E1 (`filedata`). */
static void
create_inline_body (SignetClientCall *call, GFileInfo *info)
{
  g_autofree char *placeholder = new_placeholder ();
  g_autoptr (JsonNode) root = signet_signature_request_to_json (call->data, NULL, placeholder);

  set_base64_body (call, root, placeholder);
}

static void
create_uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;

  call->document_id = signet_client_upload_document_finish (SIGNET_CLIENT (source), result, &error);
  if (call->document_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("Uploaded document %s for signature request %s", call->document_id,
           call->signature_request_id);
  root = signet_signature_request_to_json (call->data, call->document_id, NULL);
  signet_client_call_set_json_body (call, root);
  signet_client_call_run (task);
}

/**
 * signet_client_create_signature_request_async:
 * @self: a #SignetClient
 * @request: what to create; its file or document id says what to sign
 * @flags: how a new file is sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates a signature request (E1), which uses up one purchased request.
 * A new file is uploaded first (E2) unless @flags say
 * %SIGNET_CREATE_FLAGS_INLINE. The request always carries its own
 * signature request id, and the call is retried after a lost connection or
 * a failure of the service: when a retry hears 409 the first attempt did
 * create it, and that is a success (#SignetCreatedRequest:recovered), so a
 * request is never paid for twice.
 */
void
signet_client_create_signature_request_async (SignetClient           *self,
                                              SignetSignatureRequest *request,
                                              SignetCreateFlags       flags,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  SignetClientCall *call;
  GFile            *file;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (request));

  call = signet_client_call_new (self, &endpoints[E1_CREATE], NULL);
  call->signature_request_id
    = g_strdup (signet_signature_request_get_signature_request_id (request));
  call->document_id = g_strdup (signet_signature_request_get_document_id (request));
  call->data = g_object_ref (request);
  call->data_free = g_object_unref;
  task = signet_client_call_task_new (
    call, cancellable, signet_client_create_signature_request_async, callback, user_data);

  file = signet_signature_request_get_file (request);
  if ((file == NULL) == (call->document_id == NULL))
    {
      g_task_return_new_error (
        task, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
        _ ("A signature request needs either a new file or a stored document. "
           "Choose one document and try again."));
      return;
    }

  if (file == NULL)
    {
      g_autoptr (JsonNode) root
        = signet_signature_request_to_json (request, call->document_id, NULL);

      signet_client_call_set_json_body (call, root);
      signet_client_call_run (task);
    }
  else if (flags & SIGNET_CREATE_FLAGS_INLINE)
    {
      signet_client_call_set_file_body (call, file, create_inline_body);
      signet_client_call_run (task);
    }
  else
    signet_client_upload_document_async (self, file,
                                         signet_signature_request_get_filename (request),
                                         signet_signature_request_get_preprocessing (request),
                                         cancellable, create_uploaded_cb, g_steal_pointer (&task));
}

/**
 * signet_client_create_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the created request, or %NULL on error
 */
SignetCreatedRequest *
signet_client_create_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return signet_client_call_finish (self, result, signet_client_create_signature_request_async,
                                    error);
}

/* }}} */
/* {{{ E3 Upload (multipart) */

/* Parts `dataText` (the request's JSON) and `file`. */
static void
multipart_body (SignetClientCall *call, GFileInfo *info)
{
  SignetSignatureRequest *request = call->data;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *random = g_uuid_string_random ();
  GString         *prefix;

  root = signet_signature_request_to_json (request, NULL, NULL);
  /* "Signature Request OFF": store and validate only (§6 E3). */
  if (call->endpoint == &endpoints[E3_STORE])
    json_object_set_string_member (json_node_get_object (root), "signatureRequestId", "off");
  json_generator_set_root (generator, root);
  metadata = json_generator_to_data (generator, NULL);

  filename = g_strdup (signet_signature_request_get_filename (request) != NULL
                         ? signet_signature_request_get_filename (request)
                         : g_file_info_get_display_name (info));
  g_strdelimit (filename, "\"\\\r\n", '_');
  boundary = g_strconcat ("signet-", random, NULL);

  prefix = g_string_new (NULL);
  g_string_append_printf (prefix,
                          "--%s\r\n"
                          "Content-Disposition: form-data; name=\"dataText\"\r\n"
                          "Content-Type: application/json\r\n\r\n"
                          "%s\r\n"
                          "--%s\r\n"
                          "Content-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                          "Content-Type: application/pdf\r\n\r\n",
                          boundary, metadata, boundary, filename);

  call->content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  call->prefix = g_string_free_to_bytes (prefix);
  call->suffix
    = g_bytes_new_take (g_strdup_printf ("\r\n--%s--\r\n", boundary), strlen (boundary) + 8);
}

/**
 * signet_client_upload_multipart_async:
 * @self: a #SignetClient
 * @request: the request; its #SignetSignatureRequest:file is sent
 * @storage_only: store the document without starting a signature request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends a document as `multipart/form-data` with the request's settings
 * (E3). Unless @storage_only, this creates a signature request like
 * signet_client_create_signature_request_async(), with the same protection
 * against paying twice.
 */
void
signet_client_upload_multipart_async (SignetClient           *self,
                                      SignetSignatureRequest *request,
                                      gboolean                storage_only,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  SignetClientCall *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (request));
  g_return_if_fail (G_IS_FILE (signet_signature_request_get_file (request)));

  call = signet_client_call_new (self, &endpoints[storage_only ? E3_STORE : E3_UPLOAD], NULL);
  if (!storage_only)
    call->signature_request_id
      = g_strdup (signet_signature_request_get_signature_request_id (request));
  call->data = g_object_ref (request);
  call->data_free = g_object_unref;
  signet_client_call_set_file_body (call, signet_signature_request_get_file (request),
                                    multipart_body);
  signet_client_call_start (call, cancellable, signet_client_upload_multipart_async, callback,
                            user_data);
}

/**
 * signet_client_upload_multipart_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the outcome; for a storage-only upload only
 *   the document id is set. %NULL on error.
 */
SignetCreatedRequest *
signet_client_upload_multipart_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_upload_multipart_async, error);
}

/* }}} */
/* {{{ E7 Download, E8 Delete document */

/**
 * signet_client_download_document_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @destination: where to save it; replaced only once the whole document
 *   has arrived
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads the (signed) PDF (E7). It is streamed into a temporary file
 * beside @destination and renamed over it at the end, so @destination
 * never holds half a document.
 */
void
signet_client_download_document_async (SignetClient       *self,
                                       const char         *document_id,
                                       GFile              *destination,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GFile) parent = NULL;
  SignetClientCall *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  parent = g_file_get_parent (destination);
  g_return_if_fail (parent != NULL);

  call = call_new_for_id (self, E7_DOWNLOAD, document_id);
  call->destination = g_object_ref (destination);
  signet_client_call_start (call, cancellable, signet_client_download_document_async, callback,
                            user_data);
}

/**
 * signet_client_download_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once the document is saved
 */
gboolean
signet_client_download_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_download_document_async, error)
         != NULL;
}

/**
 * signet_client_delete_document_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a stored document (E8).
 */
void
signet_client_delete_document_async (SignetClient       *self,
                                     const char         *document_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  start_call (self, E8_DELETE_DOCUMENT, document_id, NULL, cancellable,
              signet_client_delete_document_async, callback, user_data);
}

/**
 * signet_client_delete_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the document was deleted
 */
gboolean
signet_client_delete_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_delete_document_async, error)
         != NULL;
}

/* }}} */
/* {{{ E9 List, E10 Document info */

/**
 * signet_client_list_documents_async:
 * @self: a #SignetClient
 * @state: the state to list, or %SIGNET_DOCUMENT_STATE_UNKNOWN for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the documents stored for this API key (E9).
 */
void
signet_client_list_documents_async (SignetClient       *self,
                                    SignetDocumentState state,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  const char *name = signet_document_state_to_string (state);

  g_return_if_fail (SIGNET_IS_CLIENT (self));

  /* The API's state names need no escaping, and `*` must stay as it is. */
  signet_client_call_start (
    signet_client_call_new (self, &endpoints[E9_LIST], name != NULL ? name : "*"), cancellable,
    signet_client_list_documents_async, callback, user_data);
}

/**
 * signet_client_list_documents_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #SignetDocumentInfo, or %NULL on
 *   error
 */
GListModel *
signet_client_list_documents_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_list_documents_async, error);
}

/**
 * signet_client_get_document_info_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for one document's name, state and dates (E10).
 */
void
signet_client_get_document_info_async (SignetClient       *self,
                                       const char         *document_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  start_call (self, E10_DOCUMENT_INFO, document_id, NULL, cancellable,
              signet_client_get_document_info_async, callback, user_data);
}

/**
 * signet_client_get_document_info_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the document's info, or %NULL on error
 */
SignetDocumentInfo *
signet_client_get_document_info_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_get_document_info_async, error);
}

/* }}} */
/* {{{ E11 Update, E12 Delete signature request, E14 Register callback */

/**
 * signet_client_update_signature_request_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @send_info_url: (nullable): a new callback URL
 * @result_url: (nullable): a new result URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes where an existing request reports to (E11).
 */
void
signet_client_update_signature_request_async (SignetClient       *self,
                                              const char         *signature_request_id,
                                              const char         *send_info_url,
                                              const char         *result_url,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);

  body = build_object ("signatureRequestId", signature_request_id, "sendInfoURL", send_info_url,
                       "resulturl", result_url, NULL);
  start_call (self, E11_UPDATE_REQUEST, NULL, body, cancellable,
              signet_client_update_signature_request_async, callback, user_data);
}

/**
 * signet_client_update_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * The answer's `url` (§19.9: without `/openDocument/`) is not a signing
 * link and is ignored.
 *
 * Returns: %TRUE if the request was updated
 */
gboolean
signet_client_update_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return signet_client_call_finish (self, result, signet_client_update_signature_request_async,
                                    error)
         != NULL;
}

/**
 * signet_client_delete_signature_request_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a signature request (E12); its link stops working.
 */
void
signet_client_delete_signature_request_async (SignetClient       *self,
                                              const char         *signature_request_id,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);

  start_call (self, E12_DELETE_REQUEST, signature_request_id, NULL, cancellable,
              signet_client_delete_signature_request_async, callback, user_data);
}

/**
 * signet_client_delete_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the request was deleted
 */
gboolean
signet_client_delete_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return signet_client_call_finish (self, result, signet_client_delete_signature_request_async,
                                    error)
         != NULL;
}

/**
 * signet_client_register_callback_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @send_info_url: the URL the service posts to when the signer is done
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Registers a completion callback for a request (E14, the connector's
 * webhook).
 */
void
signet_client_register_callback_async (SignetClient       *self,
                                       const char         *signature_request_id,
                                       const char         *send_info_url,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);
  g_return_if_fail (send_info_url != NULL);

  body = build_object ("sendInfoURL", send_info_url, NULL);
  start_call (self, E14_REGISTER_CALLBACK, signature_request_id, body, cancellable,
              signet_client_register_callback_async, callback, user_data);
}

/**
 * signet_client_register_callback_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the callback was registered
 */
gboolean
signet_client_register_callback_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_register_callback_async, error)
         != NULL;
}

/* }}} */
/* {{{ E13 Counter */

/**
 * signet_client_get_counter_async:
 * @self: a #SignetClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks how many signature requests are left and used (E13). Also the
 * cheapest way to check an API key.
 */
void
signet_client_get_counter_async (SignetClient       *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));

  start_call (self, E13_COUNTER, NULL, NULL, cancellable, signet_client_get_counter_async, callback,
              user_data);
}

/**
 * signet_client_get_counter_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the counters, or %NULL on error
 */
SignetCounter *
signet_client_get_counter_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return signet_client_call_finish (self, result, signet_client_get_counter_async, error);
}

/* }}} */
