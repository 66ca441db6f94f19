/* signet-client-call.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "signet-body-stream-private.h"
#include "signet-client-private.h"
#include "signet-error.h"
#include "signet-json-private.h"

#include <string.h>

/* The one request path of #SignetClient: every endpoint builds a
 * #SignetClientCall and hands it here. This file checks and streams the
 * body, builds the message, sends it, reads and parses the answer, maps
 * failures to %SIGNET_ERROR and retries what may be retried. */

/* The service's JSON answers are small; a document list of tens of
 * thousands of entries still fits. Anything larger is not an answer we
 * want. */
#define MAX_JSON_RESPONSE ((gsize) 16 * 1024 * 1024)
#define PARSE_IN_THREAD   ((gsize) 64 * 1024)
#define READ_CHUNK        65536

static void call_attempt (GTask *task);
static void answer_read_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* {{{ The call */

static void
stop_waiting (SignetClientCall *call)
{
  if (call->wait_source != NULL)
    g_source_destroy (call->wait_source);
  g_clear_pointer (&call->wait_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
}

/* The caller may keep the result for long: the connection goes back to
 * the session now. */
static void
drop_attempt (SignetClientCall *call)
{
  g_clear_object (&call->message);
  g_clear_object (&call->response);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
}

static void
call_free (SignetClientCall *call)
{
  g_clear_object (&call->client);
  g_free (call->path);
  g_free (call->content_type);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_object (&call->file);
  g_clear_pointer (&call->prefix, g_bytes_unref);
  g_clear_pointer (&call->suffix, g_bytes_unref);
  if (call->data != NULL && call->data_free != NULL)
    call->data_free (call->data);
  g_free (call->signature_request_id);
  g_free (call->document_id);
  g_clear_object (&call->destination);
  g_clear_object (&call->temp);
  g_clear_object (&call->output);
  g_clear_error (&call->pending_error);
  drop_attempt (call);
  stop_waiting (call);
  g_free (call);
}

/**
 * signet_client_call_new: (skip)
 * @client: the client
 * @endpoint: what is called
 * @path_tail: (nullable): appended to the endpoint's path as it is: an
 *   escaped id or a query
 *
 * Every call may be repeated: GET, DELETE and PATCH are idempotent, an
 * upload costs nothing, a create carries its own id (docs/client.md).
 */
SignetClientCall *
signet_client_call_new (SignetClient               *client,
                        const SignetClientEndpoint *endpoint,
                        const char                 *path_tail)
{
  SignetClientCall *call = g_new0 (SignetClientCall, 1);

  call->client = g_object_ref (client);
  call->endpoint = endpoint;
  call->path = g_strconcat (endpoint->path, path_tail, NULL);
  return call;
}

void
signet_client_call_set_json_body (SignetClientCall *call, JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  call->content_type = g_strdup ("application/json");
  call->body = g_bytes_new_take (data, length);
}

/**
 * signet_client_call_set_file_body: (skip)
 * @call: the call
 * @file: the document, streamed between the call's prefix and suffix
 * @build_body: sets content type, prefix, suffix and base64 once the
 *   file's size and name are known, from the call's `data`
 *
 * The file is checked (readable, not empty, at most 10 MB) before
 * anything is sent, and read anew for every attempt.
 */
void
signet_client_call_set_file_body (SignetClientCall    *call,
                                  GFile               *file,
                                  SignetClientBodyFunc build_body)
{
  call->file = g_object_ref (file);
  call->build_body = build_body;
}

/* }}} */
/* {{{ The end of an attempt: a result, an error, or a retry */

static void
call_return_error (GTask *task, GError *error)
{
  SignetClientCall *call = g_task_get_task_data (task);

  drop_attempt (call);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s %s failed: %s", call->endpoint->method, call->path, error->message);
  g_task_return_error (task, error);
}

/**
 * signet_client_call_return: (skip)
 *
 * Ends the call with @result, freed with the endpoint's `result_free`.
 */
void
signet_client_call_return (GTask *task, gpointer result)
{
  SignetClientCall *call = g_task_get_task_data (task);

  drop_attempt (call);
  g_task_return_pointer (task, result, call->endpoint->result_free);
}

static gboolean
retry_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  stop_waiting (g_task_get_task_data (task));
  call_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_wait_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  stop_waiting (g_task_get_task_data (task));
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  call_return_error (task, error);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with jitter: about retry-delay × 2^(attempt − 1),
 * drawn from its upper half so that many clients do not retry in step. */
static guint
retry_delay_ms (SignetClient *self, guint attempt)
{
  guint64 delay = signet_client_get_retry_delay (self);

  for (guint i = 1; i < attempt && delay < SIGNET_CLIENT_MAX_RETRY_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, SIGNET_CLIENT_MAX_RETRY_DELAY_MS);
  return (guint) g_random_double_range (delay / 2.0, delay + 1.0);
}

/**
 * signet_client_call_finish_attempt: (skip)
 *
 * Ends one attempt: deletes a partial download, then returns @error, or
 * waits and tries again when the error says that may help. Takes @error.
 */
void
signet_client_call_finish_attempt (GTask *task, GError *error)
{
  SignetClientCall *call = g_task_get_task_data (task);
  GCancellable     *cancellable = g_task_get_cancellable (task);
  guint             delay;

  drop_attempt (call);
  /* Never a half file under the final name. */
  if (call->temp != NULL)
    {
      signet_client_download_discard (task, error);
      return;
    }

  if (call->attempt >= signet_client_get_max_attempts (call->client)
      || !signet_client_is_retryable (error))
    {
      call_return_error (task, error);
      return;
    }

  delay = retry_delay_ms (call->client, call->attempt);
  g_debug ("%s %s: attempt %u failed (%s), retrying in %u ms", call->endpoint->method, call->path,
           call->attempt, error->message, delay);
  g_error_free (error);

  /* On the caller's main context, and over at once when cancelled. */
  call->wait_source = g_timeout_source_new (delay);
  g_source_set_callback (call->wait_source, retry_wait_done_cb, g_object_ref (task),
                         g_object_unref);
  g_source_attach (call->wait_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (retry_wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

static void
call_fail_transport (GTask *task, const GError *source)
{
  GError *error = NULL;

  signet_client_set_transport_error (source, &error);
  signet_client_call_finish_attempt (task, error);
}

/**
 * signet_client_call_check_complete: (skip)
 *
 * A connection that closes early can look like the end of the body
 * (libsoup 3.2); the announced length tells them apart.
 */
gboolean
signet_client_call_check_complete (SignetClientCall *call, goffset received, GError **error)
{
  g_autoptr (GError) partial = NULL;

  if (call->expected_length < 0 || received == call->expected_length)
    return TRUE;
  partial = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                         "Received %" G_GOFFSET_FORMAT " of %" G_GOFFSET_FORMAT " bytes", received,
                         call->expected_length);
  signet_client_set_transport_error (partial, error);
  return FALSE;
}

/* }}} */
/* {{{ The JSON answer */

static gpointer
call_parse (SignetClientCall *call, JsonNode *root, GError **error)
{
  if (call->endpoint->parse == NULL)
    return GINT_TO_POINTER (TRUE);
  return call->endpoint->parse (call, root, error);
}

/* A long answer is parsed, checked and turned into its objects on a worker
 * thread: the call waits meanwhile, so nothing else touches it. */
typedef struct
{
  GBytes           *bytes;
  SignetClientCall *call;
  GDestroyNotify    result_free; /* the call may be gone when this is */
  JsonNode         *root;
  gpointer          result;
  GError           *error;
  gboolean          unsuccessful; /* the answer said it failed: may be retried */
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_bytes_unref (parsed->bytes);
  g_clear_pointer (&parsed->root, json_node_unref);
  if (parsed->result != NULL && parsed->result_free != NULL)
    parsed->result_free (parsed->result);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

/* Parses, checks `success` and builds the result; %FALSE when the answer
 * itself failed, which may be retried. */
static gboolean
parse_answer (SignetClientCall *call,
              GBytes           *bytes,
              JsonNode        **root,
              gpointer         *result,
              GError          **error)
{
  *root = signet_json_parse (bytes, error);
  if (*root == NULL || !signet_client_check_success (*root, error))
    return FALSE;
  *result = call_parse (call, *root, error);
  return TRUE;
}

static void
parse_in_thread (GTask *parse, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Parsed *parsed = task_data;

  parsed->unsuccessful
    = !parse_answer (parsed->call, parsed->bytes, &parsed->root, &parsed->result, &parsed->error);
  /* Freed here too: the tree of a list of 10,000 documents takes longer
   * to free than a frame lasts. */
  g_clear_pointer (&parsed->root, json_node_unref);
  g_task_return_boolean (parse, TRUE);
}

static void
call_complete_answer (GTask *task, gboolean unsuccessful, gpointer result, GError *error)
{
  if (unsuccessful)
    signet_client_call_finish_attempt (task, error);
  else if (result == NULL)
    call_return_error (task, error);
  else
    signet_client_call_return (task, result);
}

static void
json_parsed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Parsed *parsed = g_task_get_task_data (G_TASK (result));

  call_complete_answer (task, parsed->unsuccessful, g_steal_pointer (&parsed->result),
                        g_steal_pointer (&parsed->error));
}

/* An error status: mapped to %SIGNET_ERROR, unless a retry hears that an
 * earlier attempt already did what was asked. */
static void
call_complete_failed (GTask *task, guint status, GBytes *bytes)
{
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError  *error = NULL;
  gpointer result;

  /* Error bodies are best effort: many servers answer 5xx in HTML. */
  if (g_bytes_get_size (bytes) > 0)
    root = signet_json_parse (bytes, NULL);

  if (status == 409 && (call->endpoint->flags & SIGNET_CLIENT_CALL_CREATES) && call->attempt > 1)
    {
      g_debug ("Signature request %s was created by an earlier attempt",
               call->signature_request_id);
      result = call_parse (call, NULL, &error);
      g_assert (result != NULL);
      signet_client_call_return (task, result);
      return;
    }
  signet_client_set_http_error (status, root, &error);
  if ((call->endpoint->flags & SIGNET_CLIENT_CALL_DELETES) && call->attempt > 1
      && g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    {
      g_debug ("%s was done by an earlier attempt", call->path);
      g_clear_error (&error);
      signet_client_call_return (task, GINT_TO_POINTER (TRUE));
      return;
    }
  signet_client_call_finish_attempt (task, error);
}

static void
call_complete_json (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);
  guint             status = soup_message_get_status (call->message);
  const char       *content_type;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  GError  *error = NULL;
  gpointer result = NULL;
  gboolean answered;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));
  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (call->message), NULL);
  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes, attempt %u)", call->endpoint->method, call->path,
           status, g_bytes_get_size (bytes), call->attempt);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      call_complete_failed (task, status, bytes);
      return;
    }

  /* The connector documents E14 (and E8's 405) without a body: for calls
   * whose answer says nothing but "done", no body is fine. */
  if (g_bytes_get_size (bytes) == 0 && call->endpoint->parse == NULL)
    {
      signet_client_call_return (task, GINT_TO_POINTER (TRUE));
      return;
    }

  /* The reference says JSON; an HTML page or a PDF here means something
   * between us and the service answered instead. */
  if (content_type != NULL && !g_str_equal (content_type, "application/json")
      && !g_str_equal (content_type, "text/json") && !g_str_has_suffix (content_type, "+json"))
    {
      signet_set_unexpected_response (&error, "content type “%s”", content_type);
      signet_client_call_finish_attempt (task, error);
      return;
    }

  /* A long document list takes a while to parse: not on the main loop. */
  if (g_bytes_get_size (bytes) > PARSE_IN_THREAD)
    {
      g_autoptr (GTask) parse = g_task_new (NULL, NULL, json_parsed_cb, g_object_ref (task));
      Parsed *parsed = g_new0 (Parsed, 1);

      parsed->bytes = g_bytes_ref (bytes);
      parsed->call = call;
      parsed->result_free = call->endpoint->result_free;
      g_task_set_source_tag (parse, call_complete_json);
      g_task_set_task_data (parse, parsed, (GDestroyNotify) parsed_free);
      g_task_run_in_thread (parse, parse_in_thread);
      return;
    }

  answered = parse_answer (call, bytes, &root, &result, &error);
  call_complete_answer (task, !answered, result, error);
}

/**
 * signet_client_call_read: (skip)
 *
 * Reads the next chunk of the answer: into the buffer for JSON, into the
 * file for a download.
 */
void
signet_client_call_read (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->response, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), answer_read_cb,
                                   g_object_ref (task));
}

static void
answer_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &local_error);
  if (bytes == NULL)
    call_fail_transport (task, local_error);
  else if (call->output != NULL && g_bytes_get_size (bytes) == 0)
    signet_client_download_end (task);
  else if (call->output != NULL)
    signet_client_download_write (task, bytes);
  else if (g_bytes_get_size (bytes) == 0)
    {
      if (signet_client_call_check_complete (call, call->buffer->len, &error))
        call_complete_json (task);
      else
        signet_client_call_finish_attempt (task, error);
    }
  else if (call->buffer->len + g_bytes_get_size (bytes) > MAX_JSON_RESPONSE)
    {
      signet_set_unexpected_response (&error, "answer larger than %" G_GSIZE_FORMAT " bytes",
                                      MAX_JSON_RESPONSE);
      signet_client_call_finish_attempt (task, error);
    }
  else
    {
      g_byte_array_append (call->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      signet_client_call_read (task);
    }
}

/* }}} */
/* {{{ Sending */

static void
call_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  SoupMessageHeaders *headers;
  GError             *error = NULL;
  goffset             length;

  call->response = soup_session_send_finish (SOUP_SESSION (source), result, &local_error);
  if (call->response == NULL)
    {
      call_fail_transport (task, local_error);
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  length = soup_message_headers_get_content_length (headers);
  call->expected_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    call->expected_length = length;
  if (length
      > (call->destination != NULL ? SIGNET_CLIENT_MAX_DOWNLOAD : (goffset) MAX_JSON_RESPONSE))
    {
      signet_set_unexpected_response (&error, "announced length %" G_GOFFSET_FORMAT, length);
      signet_client_call_finish_attempt (task, error);
      return;
    }

  call->received = 0;
  if (call->destination != NULL
      && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (call->message)))
    {
      signet_client_download_start (task);
      return;
    }

  call->buffer = g_byte_array_new ();
  signet_client_call_read (task);
}

static void
call_send (GTask *task, GInputStream *body)
{
  SignetClientCall *call = g_task_get_task_data (task);
  SignetClient     *self = call->client;
  g_autofree char  *url = g_strconcat (signet_client_get_base_url (self), call->path, NULL);

  call->message = soup_message_new (call->endpoint->method, url);
  if (call->message == NULL)
    {
      call_return_error (
        task,
        g_error_new (
          SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
          _ ("“%s” is not a server address. Enter an address such as https://api.okdokument.com."),
          signet_client_get_base_url (self)));
      return;
    }

  /* A redirect would carry the key to wherever it points. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup resends a request by itself when a reused connection turns
   * out closed; a create must only ever be repeated by us, who know that
   * a 409 then means "done". (libsoup already gives POSTs a fresh
   * connection; this says so.) */
  if (call->endpoint->flags & SIGNET_CLIENT_CALL_CREATES)
    soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);
  signet_client_authorize (self, call->message);
  soup_message_headers_replace (soup_message_get_request_headers (call->message), "Accept",
                                call->destination != NULL ? "application/pdf, application/json"
                                                          : "application/json");

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, call->content_type, call->body);
  else if (body != NULL)
    {
      /* A stream cannot be rewound if libsoup had to resend on a reused
       * connection the server had closed: use a fresh one. */
      soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);
      soup_message_set_request_body (
        call->message, call->content_type, body,
        signet_body_stream_length (call->file_size, call->prefix, call->base64, call->suffix));
    }

  soup_session_send_async (signet_client_get_session (self), call->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), call_sent_cb, g_object_ref (task));
}

/* }}} */
/* {{{ The file in the body */

/* Cancellation passes through; anything else is about the person's file.
 * Takes @source. */
static GError *
new_file_error (GFile *file, GError *source)
{
  g_autofree char *name = NULL;

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return source;
  g_error_free (source);
  name = g_file_get_parse_name (file);
  return g_error_new (SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                      _ ("“%s” could not be read. "
                         "Check that the file still exists and that you may open it."),
                      name);
}

static void
call_file_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GFileInputStream) input = NULL;
  g_autoptr (GInputStream) body = NULL;
  GError *error = NULL;

  input = g_file_read_finish (G_FILE (source), result, &error);
  if (input == NULL)
    {
      call_return_error (task, new_file_error (call->file, error));
      return;
    }

  body = signet_body_stream_new (G_INPUT_STREAM (input), call->prefix, call->base64, call->suffix);
  call_send (task, body);
}

/* The size is checked before anything is read or sent. */
static gboolean
check_file_info (GFileInfo *info, GError **error)
{
  goffset size = g_file_info_get_size (info);

  if (size > SIGNET_MAX_DOCUMENT_SIZE)
    {
      g_autofree char *size_text = g_format_size (size);
      g_autofree char *limit = g_format_size (SIGNET_MAX_DOCUMENT_SIZE);

      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE,
                   _ ("“%s” is too large (%s). OKdokument accepts documents up to %s; "
                      "make the file smaller and try again."),
                   g_file_info_get_display_name (info), size_text, limit);
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                   _ ("“%s” is empty. Choose the document again."),
                   g_file_info_get_display_name (info));
      return FALSE;
    }
  return TRUE;
}

static void
call_file_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GFileInfo) info = NULL;
  GError *error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      call_return_error (task, new_file_error (call->file, error));
      return;
    }
  if (!check_file_info (info, &error))
    {
      call_return_error (task, error);
      return;
    }
  call->file_size = g_file_info_get_size (info);
  call->build_body (call, info);
  call_attempt (task);
}

/* }}} */
/* {{{ Starting and finishing */

static void
call_attempt (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;

  /* signet_client_new() refuses such an address; g_object_new() cannot. */
  if (call->attempt == 0
      && !signet_client_url_is_allowed (signet_client_get_base_url (call->client), &error))
    {
      call_return_error (task, error);
      return;
    }

  call->attempt++;
  if (call->file != NULL)
    g_file_read_async (call->file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                       call_file_opened_cb, g_object_ref (task));
  else
    call_send (task, NULL);
}

/**
 * signet_client_call_task_new: (skip)
 *
 * The task that carries @call (and owns it) to the caller, for an
 * endpoint that has work to do before signet_client_call_run().
 */
GTask *
signet_client_call_task_new (SignetClientCall   *call,
                             GCancellable       *cancellable,
                             gpointer            source_tag,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task = g_task_new (call->client, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  return task;
}

/**
 * signet_client_call_run: (skip)
 *
 * Checks the file of the body, if any, then makes the first attempt.
 */
void
signet_client_call_run (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);

  if (call->build_body != NULL)
    g_file_query_info_async (
      call->file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
      G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
      call_file_checked_cb, g_object_ref (task));
  else
    call_attempt (task);
}

void
signet_client_call_start (SignetClientCall   *call,
                          GCancellable       *cancellable,
                          gpointer            source_tag,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task
    = signet_client_call_task_new (call, cancellable, source_tag, callback, user_data);

  signet_client_call_run (task);
}

/**
 * signet_client_call_finish: (skip)
 *
 * Returns: the call's result; `GINT_TO_POINTER (TRUE)` for calls that
 *   only succeed. %NULL on error.
 */
gpointer
signet_client_call_finish (SignetClient *self,
                           GAsyncResult *result,
                           gpointer      source_tag,
                           GError      **error)
{
  g_return_val_if_fail (SIGNET_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
