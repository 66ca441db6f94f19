/* signet-sandbox-api.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

#include "signet-error.h"

/* The OKdokument JSON API, E1–E14 of the reference (E1 and E3 in
 * signet-sandbox-create.c). Every handler checks the whole request before
 * it changes anything. */

static void
reply_uploaded (SignetSandbox *self, SoupServerMessage *msg, SandboxDocument *document)
{
  /* The wiki's example is cut off after "msg.docum". */
  signet_sandbox_reply_success (self, msg, "msg.document.uploaded", document->id, NULL,
                                document->id);
}

/* E2, and E3 with "signatureRequestId": "off": stores a document only. */
static void
store_upload (SignetSandbox     *self,
              SoupServerMessage *msg,
              GBytes            *upload,
              const char        *filename,
              const char        *state)
{
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GBytes) pdf = NULL;

  state = signet_sandbox_accept_state (self, msg, state);
  if (state == NULL)
    return;
  pdf = signet_sandbox_accept_document (self, msg, upload, filename, &fields);
  if (pdf == NULL)
    return;

  reply_uploaded (self, msg, signet_sandbox_add_document (self, pdf, filename, state, fields));
  signet_sandbox_changed (self);
}

/* E2 — POST /JSON/document: {"file": {"content"}} (wiki) or a flat
 * base64 `file` (connector). */
static void
handle_upload_json (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (JsonNode) root = signet_sandbox_parse_body (self, msg);
  g_autoptr (GBytes) upload = NULL;
  const char *filename, *state;
  JsonObject *object;
  JsonNode   *file;

  if (root == NULL)
    return;
  object = json_node_get_object (root);

  if (!signet_sandbox_get_optional_string (self, msg, object, "filename", &filename)
      || !signet_sandbox_get_optional_string (self, msg, object, "state", &state))
    return;

  file = json_object_get_member (object, "file");
  if (file != NULL && JSON_NODE_HOLDS_OBJECT (file))
    {
      JsonObject *inner = json_node_get_object (file);

      if (filename == NULL
          && !signet_sandbox_get_optional_string (self, msg, inner, "filename", &filename))
        return;
      file = sandbox_content_member (inner);
    }
  upload = signet_sandbox_decode_content (self, msg, file);
  if (upload == NULL)
    return;

  store_upload (self, msg, upload, filename, state);
}

static char *
disposition_name (SoupMessageHeaders *headers, char **filename)
{
  g_autoptr (GHashTable) params = NULL;
  char *name;

  if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
    return NULL;

  name = g_strdup (g_hash_table_lookup (params, "name"));
  if (filename != NULL)
    *filename = g_strdup (g_hash_table_lookup (params, "filename"));
  return name;
}

/* E3 — POST /JSON/upload: multipart with `dataText` or `data` (metadata
 * JSON) and `file`; `"signatureRequestId": "off"` only stores the file. */
static void
handle_upload_multipart (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (SoupMultipart) multipart = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) upload = NULL;
  g_autoptr (JsonNode) meta = NULL;
  g_autofree char *part_filename = NULL;
  const char      *filename, *state, *request_id;
  JsonObject      *object;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  if (multipart == NULL)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.multipart", "");
      return;
    }

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes             *part;
      g_autofree char    *name = NULL;
      g_autofree char    *part_name = NULL;

      soup_multipart_get_part (multipart, i, &headers, &part);
      name = disposition_name (headers, &part_name);
      if (g_strcmp0 (name, "dataText") == 0 || g_strcmp0 (name, "data") == 0)
        {
          g_autoptr (JsonParser) parser = json_parser_new ();

          if (!json_parser_load_from_data (parser, g_bytes_get_data (part, NULL),
                                           g_bytes_get_size (part), NULL)
              || json_parser_get_root (parser) == NULL
              || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            {
              signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.json",
                                          name);
              return;
            }
          g_clear_pointer (&meta, json_node_unref);
          meta = json_node_ref (json_parser_get_root (parser));
        }
      else if (g_strcmp0 (name, "file") == 0)
        {
          if (g_bytes_get_size (part) > SANDBOX_MAX_DOCUMENT_SIZE)
            {
              g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (part));

              signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST,
                                          "err.document.too.large", size);
              return;
            }
          g_clear_pointer (&upload, g_bytes_unref);
          upload = g_bytes_ref (part);
          g_free (part_filename);
          part_filename = g_steal_pointer (&part_name);
        }
    }

  if (upload == NULL)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.missing.content",
                                  "file");
      return;
    }
  if (meta == NULL)
    {
      meta = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (meta, json_object_new ());
    }
  object = json_node_get_object (meta);

  if (!signet_sandbox_get_optional_string (self, msg, object, "filename", &filename)
      || !signet_sandbox_get_optional_string (self, msg, object, "state", &state)
      || !signet_sandbox_get_optional_string (self, msg, object, "signatureRequestId", &request_id))
    return;
  /* The example part is named "PDF/TestLenso.pdf": keep the base name. */
  if (filename == NULL && part_filename != NULL)
    {
      char *base = g_path_get_basename (part_filename);

      g_free (part_filename);
      part_filename = base;
      filename = part_filename;
    }

  if (g_strcmp0 (request_id, "off") == 0)
    {
      store_upload (self, msg, upload, filename, state);
      return;
    }

  signet_sandbox_create_request (self, msg, object, upload, filename, state);
}

static JsonNode *
document_to_json (SignetSandbox *self, SandboxDocument *document, gboolean in_list)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *modification = signet_sandbox_format_date (document->modified);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, document->uploaded);

  json_builder_begin_object (builder);
  sandbox_add_string (builder, "filename", document->filename);
  sandbox_add_string (builder, "state", document->state);
  sandbox_add_string (builder, "modification", modification);
  sandbox_add_string (builder, "id", document->id);
  if (in_list)
    {
      g_autofree char *url = g_strdup_printf ("%s/rest/document/%s", self->base_url, document->id);

      sandbox_add_string (builder, "url", url);
    }
  sandbox_add_int (builder, "date", document->modified);
  sandbox_add_string (builder, "number", number);
  if (in_list)
    sandbox_add_string (builder, "group", "api_user");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gint
compare_uploaded (gconstpointer a, gconstpointer b)
{
  const SandboxDocument *da = *(SandboxDocument **) a;
  const SandboxDocument *db = *(SandboxDocument **) b;

  if (da->uploaded != db->uploaded)
    return da->uploaded < db->uploaded ? -1 : 1;
  return g_strcmp0 (da->id, db->id);
}

/* E9 — GET /JSON/list/flat?state=<state or *>; without `state` it lists
 * every state, as `*` does. */
static void
handle_list (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray       *array = json_array_new ();
  const char      *query_text, *state = NULL;
  GHashTableIter   iter;
  SandboxDocument *document;

  query_text = g_uri_get_query (soup_server_message_get_uri (msg));
  if (query_text != NULL)
    {
      query = soup_form_decode (query_text);
      state = g_hash_table_lookup (query, "state");
    }
  if (state != NULL && (state[0] == '\0' || g_str_equal (state, "*")))
    state = NULL;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    if (state == NULL || g_str_equal (document->state, state))
      g_ptr_array_add (sorted, document);
  g_ptr_array_sort (sorted, compare_uploaded);

  for (guint i = 0; i < sorted->len; i++)
    json_array_add_element (array, document_to_json (self, g_ptr_array_index (sorted, i), TRUE));
  json_node_take_array (root, array);
  signet_sandbox_reply_json (msg, SOUP_STATUS_OK, root);
}

static SandboxDocument *
find_document (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  SandboxDocument *document = g_hash_table_lookup (self->documents, id);

  if (document == NULL)
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, "err.not.found", id);
  return document;
}

/* E7 — GET /JSON/document/{id}: the current PDF, signed or not. */
static void
handle_download (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  SandboxDocument *document = find_document (self, msg, id);
  g_autofree char *disposition = NULL;

  if (document == NULL)
    return;

  disposition = g_strdup_printf ("attachment; filename=\"%s\"", document->filename);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", disposition);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), document->content);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/pdf", NULL);
  self->downloaded++;
  signet_sandbox_count (self, "downloaded");
  signet_sandbox_changed (self);
}

/* E8 — DELETE /JSON/document/{id}: the document and its requests. */
static void
handle_delete_document (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autofree char *result = g_strdup (id);

  if (find_document (self, msg, id) == NULL)
    return;

  signet_sandbox_remove_document (self, id);
  self->deleted++;
  signet_sandbox_count (self, "deleted.f");
  signet_sandbox_changed (self);
  signet_sandbox_reply_success (self, msg, "msg.deleted", result, NULL, NULL);
}

/* E10 — GET /JSON/document/metadata/{id} */
static void
handle_metadata (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  SandboxDocument *document = find_document (self, msg, id);
  g_autoptr (JsonNode) root = NULL;

  if (document == NULL)
    return;

  root = document_to_json (self, document, FALSE);
  signet_sandbox_reply_json (msg, SOUP_STATUS_OK, root);
}

static SandboxRequest *
find_request (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  SandboxRequest *request = signet_sandbox_lookup_request (self, id);

  if (request == NULL)
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST,
                                "err.signature.request.not.exist", id != NULL ? id : "");
  return request;
}

/* E11 — PATCH /JSON/signatureRequest */
static void
handle_update_request (SignetSandbox *self, SoupServerMessage *msg, const char *unused)
{
  g_autoptr (JsonNode) root = signet_sandbox_parse_body (self, msg);
  g_autofree char *url = NULL;
  const char      *id, *send_info, *result_url;
  SandboxRequest  *request;
  JsonObject      *object;

  if (root == NULL)
    return;
  object = json_node_get_object (root);

  if (!signet_sandbox_get_optional_string (self, msg, object, "signatureRequestId", &id)
      || !signet_sandbox_get_optional_string (self, msg, object, "sendInfoURL", &send_info)
      || !signet_sandbox_get_optional_string (self, msg, object, "resulturl", &result_url))
    return;
  /* The table of 3.3 spells it sendInfoUrl (§19.15). */
  if (send_info == NULL
      && !signet_sandbox_get_optional_string (self, msg, object, "sendInfoUrl", &send_info))
    return;

  request = find_request (self, msg, id);
  if (request == NULL)
    return;
  if (!signet_sandbox_check_url (self, msg, "sendInfoURL", send_info)
      || !signet_sandbox_check_url (self, msg, "resulturl", result_url))
    return;

  if (send_info != NULL)
    {
      g_free (request->send_info_url);
      request->send_info_url = g_strdup (send_info);
      request->connector_callback = FALSE;
    }
  if (result_url != NULL)
    {
      g_free (request->result_url);
      request->result_url = g_strdup (result_url);
    }
  signet_sandbox_changed (self);

  /* Sic: no /openDocument/ in this one (§19.9); the sandbox serves it too. */
  url = g_strdup_printf ("%s/%s", self->base_url, request->id);
  signet_sandbox_reply_success (self, msg, "msg.updated", request->id, url, NULL);
}

/* E12 — DELETE /JSON/signatureRequest/{id}: the document stays, the
 * purchased request is not given back. */
static void
handle_delete_request (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autofree char *result = g_strdup (id);

  if (find_request (self, msg, id) == NULL)
    return;

  g_hash_table_remove (self->requests, id);
  signet_sandbox_changed (self);
  signet_sandbox_reply_success (self, msg, "msg.deleted", result, NULL, NULL);
}

/* E14 — POST /JSON/signatureRequest/{id}: the connector's webhook, which is
 * called with the connector's payload. */
static void
handle_register_callback (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (JsonNode) root = signet_sandbox_parse_body (self, msg);
  const char     *send_info;
  SandboxRequest *request;

  if (root == NULL)
    return;
  if (!signet_sandbox_get_optional_string (self, msg, json_node_get_object (root), "sendInfoURL",
                                           &send_info))
    return;
  request = find_request (self, msg, id);
  if (request == NULL)
    return;
  if (send_info == NULL)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.url",
                                  "sendInfoURL");
      return;
    }
  if (!signet_sandbox_check_url (self, msg, "sendInfoURL", send_info))
    return;

  g_free (request->send_info_url);
  request->send_info_url = g_strdup (send_info);
  request->connector_callback = TRUE;
  signet_sandbox_changed (self);
  signet_sandbox_reply_success (self, msg, "msg.updated", request->id, NULL, NULL);
}

static void
add_counter (JsonBuilder *builder, const char *name, guint value)
{
  g_autofree char *key = g_strdup_printf (SANDBOX_ACCOUNT ".%s", name);
  g_autofree char *text = g_strdup_printf ("%u", value);

  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, text);
}

/* E13 — GET /JSON/counter: every value a string, as in the example. */
static void
handle_counter (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  static const char *const metrics[] = { "downloaded", "files", "deleted.f", "signatureRequests" };
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actual");
  json_builder_begin_object (builder);
  add_counter (builder, "storedFiles", g_hash_table_size (self->documents));
  add_counter (builder, "deleted.f", self->deleted);
  add_counter (builder, "usedSignatureRequests", self->used);
  add_counter (builder, "downloaded", self->downloaded);
  add_counter (builder, "availableSignatureRequests", self->available);
  json_builder_end_object (builder);

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      GHashTableIter   iter;
      const char      *key;
      gpointer         count;
      g_autofree char *prefix = g_strdup_printf ("%s\n", metrics[m]);

      json_builder_set_member_name (builder, metrics[m]);
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&iter, self->monthly);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, &count))
        if (g_str_has_prefix (key, prefix))
          {
            g_autofree char *name = g_strdup_printf ("%s." SANDBOX_ACCOUNT, key + strlen (prefix));
            g_autofree char *text = g_strdup_printf ("%u", GPOINTER_TO_UINT (count));

            json_builder_set_member_name (builder, name);
            json_builder_add_string_value (builder, text);
          }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  signet_sandbox_reply_builder (msg, SOUP_STATUS_OK, builder);
}

/* A path segment after @prefix with no further slash, or NULL. */
static const char *
tail (const char *path, const char *prefix)
{
  const char *rest;

  if (!g_str_has_prefix (path, prefix))
    return NULL;
  rest = path + strlen (prefix);
  if (rest[0] == '\0' || strchr (rest, '/') != NULL)
    return NULL;
  return rest;
}

typedef void (*Handler) (SignetSandbox *self, SoupServerMessage *msg, const char *id);

typedef struct
{
  const char *method;
  const char *path; /* ends in '/' when an id follows */
  Handler     handler;
} Route;

/* Longer prefixes first: /JSON/document/metadata/ before /JSON/document/. */
static const Route routes[] = {
  { "POST", "/JSON/signatureRequest", signet_sandbox_handle_create_request },
  { "PATCH", "/JSON/signatureRequest", handle_update_request },
  { "POST", "/JSON/signatureRequest/", handle_register_callback },
  { "DELETE", "/JSON/signatureRequest/", handle_delete_request },
  { "POST", "/JSON/document", handle_upload_json },
  { "GET", "/JSON/document/metadata/", handle_metadata },
  { "GET", "/JSON/document/", handle_download },
  { "DELETE", "/JSON/document/", handle_delete_document },
  { "POST", "/JSON/upload", handle_upload_multipart },
  { "GET", "/JSON/list/flat", handle_list },
  { "GET", "/JSON/counter", handle_counter },
};

/* Matches @path against a route's path; *id gets the segment after it. */
static gboolean
route_matches (const Route *route, const char *path, const char **id)
{
  *id = NULL;
  if (!g_str_has_suffix (route->path, "/"))
    return g_str_equal (path, route->path);

  /* metadata/{id} must not fall through to document/{id}. */
  if (g_str_equal (route->path, "/JSON/document/")
      && g_str_has_prefix (path, "/JSON/document/metadata/"))
    return FALSE;
  *id = tail (path, route->path);
  return *id != NULL;
}

/**
 * signet_sandbox_route_name: (skip)
 *
 * Names the route a request goes to, such as `GET /JSON/list/flat` or
 * `DELETE /JSON/document/{id}`, without its id: what /sandbox/calls
 * counts by.
 */
char *
signet_sandbox_route_name (const char *method, const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const char *id;

      if (route_matches (&routes[i], path, &id) && g_str_equal (method, routes[i].method))
        return g_strconcat (method, " ", routes[i].path, id != NULL ? "{id}" : "", NULL);
    }
  return g_strconcat (method, " ", path, NULL);
}

/**
 * signet_sandbox_handle_api: (skip)
 *
 * Routes an authorized request under `/JSON/`: 405 for a known path with
 * another method, 404 for an unknown path.
 */
void
signet_sandbox_handle_api (SignetSandbox *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean    known_path = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const char *id;

      if (!route_matches (&routes[i], path, &id))
        continue;
      known_path = TRUE;
      if (g_str_equal (method, routes[i].method))
        {
          routes[i].handler (self, msg, id);
          return;
        }
    }

  if (known_path)
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "err.method.not.allowed",
                                method);
  else
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, "err.not.found", path);
}

/**
 * signet_sandbox_handle_rest: (skip)
 *
 * `GET /rest/document/{id}`, the `url` of list items (§19.10): the same
 * download as E7.
 */
void
signet_sandbox_handle_rest (SignetSandbox *self, SoupServerMessage *msg, const char *path)
{
  const char *id = tail (path, "/rest/document/");

  if (id == NULL)
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, "err.not.found", path);
  else if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "err.method.not.allowed",
                                soup_server_message_get_method (msg));
  else
    handle_download (self, msg, id);
}
