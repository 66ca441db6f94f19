/* signet-sandbox-server.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

/* Replies */

void
signet_sandbox_reply_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize            length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

/* Answers with the object @builder has built. */
void
signet_sandbox_reply_builder (SoupServerMessage *msg, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  signet_sandbox_reply_json (msg, status, root);
}

static const char *
connector_code (guint status)
{
  switch (status)
    {
      case SOUP_STATUS_OK:
        return "SUCCESS";
      case SOUP_STATUS_BAD_REQUEST:
        return "BAD_REQUEST";
      case SOUP_STATUS_UNAUTHORIZED:
        return "UNAUTHORIZED";
      case SOUP_STATUS_FORBIDDEN:
        return "FORBIDDEN";
      case SOUP_STATUS_NOT_FOUND:
        return "NOT_FOUND";
      case SOUP_STATUS_METHOD_NOT_ALLOWED:
        return "METHOD_NOT_ALLOWED";
      case SOUP_STATUS_CONFLICT:
        return "CONFLICT";
      default:
        return status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR";
    }
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_connector_members (JsonBuilder *builder, guint status)
{
  sandbox_add_string (builder, "code", connector_code (status));
  sandbox_add_int (builder, "statusCode", status);
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, SOUP_STATUS_IS_SUCCESSFUL (status));
}

/* Wiki: {message, result, url?, documentId?}; the connector style adds
 * {code, statusCode, success} (§20). */
void
signet_sandbox_reply_success (SignetSandbox     *self,
                              SoupServerMessage *msg,
                              const char        *message,
                              const char        *result,
                              const char        *url,
                              const char        *document_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_member (builder, "message", message);
  add_string_member (builder, "result", result);
  add_string_member (builder, "url", url);
  add_string_member (builder, "documentId", document_id);
  if (self->style == SIGNET_SANDBOX_STYLE_CONNECTOR)
    add_connector_members (builder, SOUP_STATUS_OK);
  json_builder_end_object (builder);

  signet_sandbox_reply_builder (msg, SOUP_STATUS_OK, builder);
}

/* Wiki: {message, value}; connector: {code, message, result, statusCode,
 * success} with the offending value in `result` (§4, §19.7). */
void
signet_sandbox_reply_error (SignetSandbox     *self,
                            SoupServerMessage *msg,
                            guint              status,
                            const char        *message,
                            const char        *value)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_member (builder, "message", message);
  if (self->style == SIGNET_SANDBOX_STYLE_CONNECTOR)
    {
      add_string_member (builder, "result", value != NULL ? value : "");
      add_connector_members (builder, status);
    }
  else
    add_string_member (builder, "value", value != NULL ? value : "");
  json_builder_end_object (builder);

  signet_sandbox_reply_builder (msg, status, builder);
}

void
signet_sandbox_reply_html (SoupServerMessage *msg, guint status, const char *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, html,
                                    strlen (html));
}

void
signet_sandbox_redirect (SoupServerMessage *msg, guint status, const char *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

/* Fault injection (/sandbox/faults) */

static SandboxFault *
take_fault (SignetSandbox *self, const char *method, const char *path, gboolean drop)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      SandboxFault *fault = g_ptr_array_index (self->faults, i);
      SandboxFault *copy;

      if (!g_str_has_prefix (path, fault->prefix) || fault->drop != drop
          || (fault->method != NULL && g_strcmp0 (method, fault->method) != 0))
        continue;

      copy = g_new0 (SandboxFault, 1);
      *copy = *fault;
      copy->prefix = g_strdup (fault->prefix);
      copy->method = g_strdup (fault->method);
      copy->body = g_strdup (fault->body);
      if (--fault->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);

      return copy;
    }

  return NULL;
}

/* Sends the head of the answer and half its body, then hangs up: the client
 * sees a body shorter than its Content-Length. */
static void
send_truncated (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GString) head = g_string_new (NULL);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char         *type = soup_message_headers_get_content_type (headers, NULL);
  guint               status = soup_server_message_get_status (msg);
  GOutputStream      *out;
  gsize               length;

  body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  length = g_bytes_get_size (body);
  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  if (type != NULL)
    g_string_append_printf (head, "Content-Type: %s\r\n", type);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          length + 1);

  stream = soup_server_message_steal_connection (msg);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (body, NULL), length / 2, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
authorize (SignetSandbox *self, SoupServerMessage *msg)
{
  const char *key;
  gpointer    value;

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "x-api-key");
  if (key == NULL || !g_hash_table_lookup_extended (self->api_keys, key, NULL, &value))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, "err.unauthorized", "");
      return FALSE;
    }

  if (GPOINTER_TO_INT (value) == 2 && soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_FORBIDDEN, "err.forbidden", "");
      return FALSE;
    }

  return TRUE;
}

static void
dispatch (SignetSandbox *self, SoupServerMessage *msg, SandboxFault *fault)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (fault != NULL && fault->status != 0 && fault->body == NULL)
    {
      signet_sandbox_reply_error (
        self, msg, fault->status,
        fault->status >= 500 ? "err.internal.server.error" : "err.injected", "");
      return;
    }

  if (g_str_has_prefix (path, "/JSON/"))
    {
      if (authorize (self, msg))
        signet_sandbox_handle_api (self, msg, path);
    }
  else if (g_str_has_prefix (path, "/rest/document/"))
    {
      if (authorize (self, msg))
        signet_sandbox_handle_rest (self, msg, path);
    }
  else
    signet_sandbox_handle_signer (self, msg, path);

  if (fault == NULL || fault->body == NULL)
    return;

  if (fault->status != 0)
    soup_server_message_set_status (msg, fault->status, NULL);

  if (g_str_equal (fault->body, "truncated"))
    send_truncated (msg);
  else
    {
      static const char garbage[] = "{\"message\": \"msg.signature.request.id.created\", <html>";

      /* set_response appends to a body already there (a download's PDF). */
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, garbage,
                                        strlen (garbage));
    }
}

typedef struct
{
  SignetSandbox     *self;
  SoupServerMessage *msg;
  SandboxFault      *fault;
} DelayedRequest;

static gboolean
delayed_cb (gpointer user_data)
{
  DelayedRequest *delayed = user_data;

  dispatch (delayed->self, delayed->msg, delayed->fault);
  soup_server_message_unpause (delayed->msg);

  g_object_unref (delayed->msg);
  sandbox_fault_free (delayed->fault);
  g_object_unref (delayed->self);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

/* The sandbox's own controls (/sandbox/…), which no fault touches. */
static gboolean
is_control_path (const char *path)
{
  return g_str_has_prefix (path, "/sandbox/") || g_str_equal (path, "/sandbox");
}

/* A dropped connection happens as soon as the request's head is read,
 * while its body may still be on the way. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SignetSandbox *self = user_data;
  g_autoptr (SandboxFault) fault = NULL;

  if (is_control_path (path))
    return;

  /* Counted here, once the head has arrived, so that a dropped request
   * counts too (/sandbox/calls). */
  {
    char *route = signet_sandbox_route_name (soup_server_message_get_method (msg), path);

    g_hash_table_insert (
      self->seen, route,
      GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->seen, route)) + 1));
  }

  fault = take_fault (self, soup_server_message_get_method (msg), path, TRUE);
  if (fault != NULL)
    drop_connection (msg);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SignetSandbox *self = user_data;
  g_autoptr (SandboxFault) fault = NULL;

  signet_sandbox_expire (self);

  if (is_control_path (path))
    {
      signet_sandbox_handle_controls (self, msg, path);
      return;
    }

  fault = take_fault (self, soup_server_message_get_method (msg), path, FALSE);
  if (fault != NULL && fault->delay_ms > 0)
    {
      DelayedRequest *delayed = g_new0 (DelayedRequest, 1);

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      delayed->fault = g_steal_pointer (&fault);
      soup_server_message_pause (msg);
      g_timeout_add (delayed->fault->delay_ms, delayed_cb, delayed);
      return;
    }

  dispatch (self, msg, fault);
}

/* Lets the server answer through the handlers above. */
void
signet_sandbox_add_handlers (SignetSandbox *self)
{
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
}
