/* signet-sandbox-controls.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

#include "signet-error.h"

/* Test controls under /sandbox/, outside the OKdokument paths and off
 * unless enabled. They answer in plain JSON whatever the style. */

static void
reply_problem (SoupServerMessage *msg, guint status, const char *text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sandbox_add_string (builder, "message", text);
  json_builder_end_object (builder);
  signet_sandbox_reply_builder (msg, status, builder);
}

static JsonObject *
parse_object (SoupServerMessage *msg, JsonNode **root)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  *root = NULL;
  if (g_bytes_get_size (body) == 0)
    {
      *root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (*root, json_object_new ());
      return json_node_get_object (*root);
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "The body is not a JSON object.");
      return NULL;
    }
  *root = json_node_ref (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

static void
finished_cb (SignetSandbox *self, SandboxRequest *request, const GError *error, gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  if (error != NULL)
    {
      guint status = SOUP_STATUS_BAD_REQUEST;

      if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT))
        status = SOUP_STATUS_CONFLICT;
      else if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
        status = SOUP_STATUS_NOT_FOUND;
      reply_problem (msg, status, error->message);
    }
  else
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      gboolean         mobile = g_object_get_data (G_OBJECT (msg), "sandbox-mobile") != NULL;
      g_autofree char *location = signet_sandbox_result_location (
        self, request,
        mobile && g_strcmp0 (request->outcome, "signed") == 0 ? "mobile" : request->outcome, "en");
      SandboxDocument *document = g_hash_table_lookup (self->documents, request->document_id);

      json_builder_begin_object (builder);
      sandbox_add_string (builder, "signatureRequestId", request->id);
      sandbox_add_string (builder, "documentId", request->document_id);
      sandbox_add_string (builder, "state", document ? document->state : "deleted");
      sandbox_add_string (builder, "location", location);
      json_builder_end_object (builder);
      signet_sandbox_reply_builder (msg, SOUP_STATUS_OK, builder);
    }

  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

/* POST /sandbox/sign/{id} {"name": "…"} and POST /sandbox/cancel/{id}:
 * what the signer's Submit and Cancel do, OTP codes aside. */
static void
handle_finish (SignetSandbox *self, SoupServerMessage *msg, const char *id, gboolean sign)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject     *object = parse_object (msg, &root);
  SandboxRequest *request;
  const char     *name = NULL;

  if (object == NULL)
    return;

  request = signet_sandbox_lookup_request (self, id);
  if (request == NULL)
    {
      reply_problem (msg, SOUP_STATUS_NOT_FOUND, "No such signature request.");
      return;
    }

  if (json_object_has_member (object, "name"))
    name = json_object_get_string_member_with_default (object, "name", NULL);
  if (name == NULL)
    name = sandbox_request_rule (request, "guiSignerName");
  if (sign && (name == NULL || name[0] == '\0'))
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "Give the signer's name.");
      return;
    }

  /* "mobile": signed on a phone after the QR hand-over; only the PC's
   * redirect differs (result=mobile, §6 E6). */
  if (json_object_get_boolean_member_with_default (object, "mobile", FALSE))
    g_object_set_data (G_OBJECT (msg), "sandbox-mobile", GINT_TO_POINTER (TRUE));
  soup_server_message_pause (msg);
  signet_sandbox_finish_request (self, request, sign, name, finished_cb, g_object_ref (msg));
}

static void
handle_outbox (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->outbox->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (self->outbox, i)));
  json_node_take_array (root, array);
  signet_sandbox_reply_json (msg, SOUP_STATUS_OK, root);
}

static void
reply_count (SoupServerMessage *msg, const char *name, gint64 value)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
  json_builder_end_object (builder);
  signet_sandbox_reply_builder (msg, SOUP_STATUS_OK, builder);
}

/* POST /sandbox/faults {"path": "/JSON/", "count": 1, "delay": ms,
 * "status": 500, "body": "malformed"|"truncated", "drop": true};
 * DELETE /sandbox/faults forgets them all. */
static void
handle_faults (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject   *object;
  SandboxFault *fault;
  const char   *body, *path, *method;
  gint64        count, delay, status;

  if (soup_server_message_get_method (msg) == SOUP_METHOD_DELETE)
    {
      g_ptr_array_set_size (self->faults, 0);
      reply_count (msg, "faults", 0);
      return;
    }

  object = parse_object (msg, &root);
  if (object == NULL)
    return;

  path = json_object_get_string_member_with_default (object, "path", "/");
  count = json_object_get_int_member_with_default (object, "count", 1);
  delay = json_object_get_int_member_with_default (object, "delay", 0);
  status = json_object_get_int_member_with_default (object, "status", 0);
  body = json_object_get_string_member_with_default (object, "body", NULL);
  method = json_object_get_string_member_with_default (object, "method", NULL);

  if (path[0] != '/' || count < 1 || count > 100000 || delay < 0 || delay > 600000
      || (status != 0 && (status < 100 || status > 599))
      || (body != NULL && !g_str_equal (body, "malformed") && !g_str_equal (body, "truncated")))
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST,
                     "Give path, method, count (1 or more), delay (ms), status (100–599), "
                     "body (\"malformed\" or \"truncated\") or drop.");
      return;
    }

  fault = g_new0 (SandboxFault, 1);
  fault->prefix = g_strdup (path);
  fault->method = g_strdup (method);
  fault->remaining = count;
  fault->delay_ms = delay;
  fault->status = status;
  fault->body = g_strdup (body);
  fault->drop = json_object_get_boolean_member_with_default (object, "drop", FALSE);
  g_ptr_array_add (self->faults, fault);

  reply_count (msg, "faults", self->faults->len);
}

static void
handle_style (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object = parse_object (msg, &root);
  const char *style;

  if (object == NULL)
    return;

  style = json_object_get_string_member_with_default (object, "style", "");
  if (g_str_equal (style, "wiki"))
    signet_sandbox_set_style (self, SIGNET_SANDBOX_STYLE_WIKI);
  else if (g_str_equal (style, "connector"))
    signet_sandbox_set_style (self, SIGNET_SANDBOX_STYLE_CONNECTOR);
  else
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "The style is \"wiki\" or \"connector\".");
      return;
    }

  reply_problem (msg, SOUP_STATUS_OK, style);
}

/* POST /sandbox/clock {"advance": ms}: moves the sandbox's clock forward. */
/* Reads the member @name of the body, @fallback if absent, and answers
 * 400 with @problem unless it lies in 0…@max. */
static gboolean
read_number (SoupServerMessage *msg,
             const char        *name,
             gint64             fallback,
             gint64             max,
             const char        *problem,
             gint64            *value)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object = parse_object (msg, &root);

  if (object == NULL)
    return FALSE;

  *value = json_object_get_int_member_with_default (object, name, fallback);
  if (*value < 0 || *value > max)
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST, problem);
      return FALSE;
    }
  return TRUE;
}

static void
handle_clock (SignetSandbox *self, SoupServerMessage *msg)
{
  gint64 advance;

  if (!read_number (msg, "advance", 0, G_MAXINT64, "The clock only goes forward.", &advance))
    return;

  self->clock_offset += advance;
  signet_sandbox_expire (self);
  signet_sandbox_changed (self);
  reply_count (msg, "now", signet_sandbox_now (self));
}

/* POST /sandbox/quota {"available": n} */
static void
handle_quota (SignetSandbox *self, SoupServerMessage *msg)
{
  gint64 available;

  if (!read_number (msg, "available", -1, G_MAXINT32, "Give \"available\", 0 or more.", &available))
    return;

  self->available = available;
  signet_sandbox_changed (self);
  reply_count (msg, "available", self->available);
}

/* GET /sandbox/calls: the requests outside /sandbox/ seen since the
 * start (or the last reset or DELETE), in all and by route:
 * {"total": n, "routes": {"GET /JSON/list/flat": n, …}}. Faulted and
 * refused requests count too: it is what reached the server. */
static void
handle_calls (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GHashTableIter iter;
  gpointer       key, value;
  guint          total = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "routes");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (value));
      total += GPOINTER_TO_UINT (value);
    }
  json_builder_end_object (builder);
  sandbox_add_int (builder, "total", total);
  json_builder_end_object (builder);
  signet_sandbox_reply_builder (msg, SOUP_STATUS_OK, builder);
  if (soup_server_message_get_method (msg) == SOUP_METHOD_DELETE)
    g_hash_table_remove_all (self->seen);
}

/* GET /sandbox/requests/{srid}: the create request as it arrived (without
 * the document), its document and its expiry, so that tests can see what a
 * client sent. */
static void
handle_request (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  SandboxRequest *request = g_hash_table_lookup (self->requests, id);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  if (request == NULL)
    {
      reply_problem (msg, SOUP_STATUS_NOT_FOUND, "No such signature request.");
      return;
    }

  json_builder_begin_object (builder);
  sandbox_add_string (builder, "signatureRequestId", request->id);
  sandbox_add_string (builder, "documentId", request->document_id);
  sandbox_add_int (builder, "created", request->created);
  sandbox_add_int (builder, "expires", request->expires);
  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, json_node_copy (request->request));
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  signet_sandbox_reply_json (msg, SOUP_STATUS_OK, node);
}

/**
 * signet_sandbox_handle_controls: (skip)
 *
 * Routes `/sandbox/`; answers 404 while the controls are off.
 */
void
signet_sandbox_handle_controls (SignetSandbox *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);

  if (!self->controls_enabled)
    {
      reply_problem (msg, SOUP_STATUS_NOT_FOUND, "The test controls are off (--enable-controls).");
      return;
    }

  if (g_str_has_prefix (path, "/sandbox/sign/") && method == SOUP_METHOD_POST)
    handle_finish (self, msg, path + strlen ("/sandbox/sign/"), TRUE);
  else if (g_str_has_prefix (path, "/sandbox/cancel/") && method == SOUP_METHOD_POST)
    handle_finish (self, msg, path + strlen ("/sandbox/cancel/"), FALSE);
  else if (g_str_has_prefix (path, "/sandbox/requests/") && method == SOUP_METHOD_GET)
    handle_request (self, msg, path + strlen ("/sandbox/requests/"));
  else if (g_str_equal (path, "/sandbox/outbox") && method == SOUP_METHOD_GET)
    handle_outbox (self, msg);
  else if (g_str_equal (path, "/sandbox/faults")
           && (method == SOUP_METHOD_POST || method == SOUP_METHOD_DELETE))
    handle_faults (self, msg);
  else if (g_str_equal (path, "/sandbox/style") && method == SOUP_METHOD_POST)
    handle_style (self, msg);
  else if (g_str_equal (path, "/sandbox/reset") && method == SOUP_METHOD_POST)
    {
      signet_sandbox_reset (self);
      reply_problem (msg, SOUP_STATUS_OK, "reset");
    }
  else if (g_str_equal (path, "/sandbox/clock") && method == SOUP_METHOD_POST)
    handle_clock (self, msg);
  else if (g_str_equal (path, "/sandbox/quota") && method == SOUP_METHOD_POST)
    handle_quota (self, msg);
  else if (g_str_equal (path, "/sandbox/calls")
           && (method == SOUP_METHOD_GET || method == SOUP_METHOD_DELETE))
    handle_calls (self, msg);
  else
    reply_problem (msg, SOUP_STATUS_NOT_FOUND, "No such control.");
}
