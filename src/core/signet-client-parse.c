/* signet-client-parse.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-client-private.h"
#include "signet-json-private.h"

/* The 2xx answers of the endpoints, turned into typed objects. Both
 * styles (wiki and connector) are read by the same code; every member is
 * type-checked (signet-json.c), and a wrong shape is
 * %SIGNET_ERROR_UNEXPECTED_RESPONSE. Errors and `success: false` are
 * mapped before a parser is called (signet-client.c). */

static JsonObject *
root_object (JsonNode *root, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      signet_set_unexpected_response (error, "the answer is not an object");
      return NULL;
    }
  return json_node_get_object (root);
}

/* E1 and E3 answer `result` = signature request id, `url`, and (wiki)
 * `documentId`. What is missing is filled from what we sent; a signing URL
 * that is not http(s) is not handed to anyone. A lost answer (root %NULL)
 * is rebuilt the same way. */
gpointer
signet_client_parse_created (SignetClientCall *call, JsonNode *root, GError **error)
{
  JsonObject      *object = NULL;
  const char      *result = NULL, *url = NULL, *document_id = NULL;
  g_autofree char *built_url = NULL;

  if (root != NULL)
    {
      if ((object = root_object (root, error)) == NULL
          || !signet_json_get_string (object, "result", FALSE, &result, error)
          || !signet_json_get_string (object, "url", FALSE, &url, error)
          || !signet_json_get_string (object, "documentId", FALSE, &document_id, error))
        return NULL;
    }

  if (result != NULL && call->signature_request_id != NULL
      && !g_str_equal (result, call->signature_request_id))
    {
      signet_set_unexpected_response (error, "the service created “%s”, not the id we chose",
                                      result);
      return NULL;
    }
  if (result == NULL)
    result = call->signature_request_id;
  if (document_id == NULL)
    document_id = call->document_id;

  if (url != NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL
          || (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
              && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
        {
          signet_set_unexpected_response (error, "signing URL is not a web address");
          return NULL;
        }
    }
  else if (result != NULL)
    url = built_url = signet_client_build_signing_url (call->client, result);

  return signet_created_request_new (result, url, document_id, root == NULL);
}

/* E2: the document id is `documentId` (wiki) or `result` (connector). */
gpointer
signet_client_parse_uploaded (SignetClientCall *call, JsonNode *root, GError **error)
{
  JsonObject *object;
  const char *document_id, *result;

  if ((object = root_object (root, error)) == NULL
      || !signet_json_get_string (object, "documentId", FALSE, &document_id, error)
      || !signet_json_get_string (object, "result", FALSE, &result, error))
    return NULL;
  if (document_id == NULL)
    document_id = result;
  if (document_id == NULL || *document_id == '\0')
    {
      signet_set_unexpected_response (error, "no document id in the upload answer");
      return NULL;
    }
  return g_strdup (document_id);
}

/* E3 with "signatureRequestId": "off" stores the document only. */
gpointer
signet_client_parse_stored (SignetClientCall *call, JsonNode *root, GError **error)
{
  g_autofree char *document_id = signet_client_parse_uploaded (call, root, error);

  return document_id != NULL ? signet_created_request_new (NULL, NULL, document_id, FALSE) : NULL;
}

/* E10 answers the object itself; tolerate it wrapped in `result`. */
gpointer
signet_client_parse_document_info (SignetClientCall *call, JsonNode *root, GError **error)
{
  JsonObject *object, *inner;

  if ((object = root_object (root, error)) == NULL)
    return NULL;
  if (!json_object_has_member (object, "id")
      && signet_json_get_object (object, "result", FALSE, &inner, NULL) && inner != NULL)
    object = inner;
  return signet_document_info_new_from_json (object, error);
}

/* E9 answers an array; tolerate it wrapped in `result`. */
gpointer
signet_client_parse_document_list (SignetClientCall *call, JsonNode *root, GError **error)
{
  g_autoptr (GListStore) store = g_list_store_new (SIGNET_TYPE_DOCUMENT_INFO);
  JsonArray *array;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *result = json_object_get_member (json_node_get_object (root), "result");

      if (result != NULL)
        root = result;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      signet_set_unexpected_response (error, "the document list is not an array");
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (SignetDocumentInfo) info = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          signet_set_unexpected_response (error, "list item %u is not an object", i);
          return NULL;
        }
      info = signet_document_info_new_from_json (json_node_get_object (element), error);
      if (info == NULL)
        return NULL;
      g_list_store_append (store, info);
    }
  return g_steal_pointer (&store);
}

gpointer
signet_client_parse_counter (SignetClientCall *call, JsonNode *root, GError **error)
{
  JsonObject *object = root_object (root, error);

  return object != NULL ? signet_counter_new_from_json (object, error) : NULL;
}
