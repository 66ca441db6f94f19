/* signet-json.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-error.h"
#include "signet-json-private.h"

void
signet_set_unexpected_response (GError **error, const char *detail_format, ...)
{
  g_autofree char *detail = NULL;
  va_list          args;

  /* The detail helps a developer, not the person at the desk: it goes to
   * the debug log and the message says what to do. */
  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);
  g_debug ("Unexpected response: %s", detail);

  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE,
                       _ ("OKdokument sent an answer that Signet does not understand. "
                          "Try again later; if this keeps happening, Signet may need an update."));
}

JsonNode *
signet_json_parse (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  gconstpointer data;
  gsize         length;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      signet_set_unexpected_response (error, "empty body");
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      signet_set_unexpected_response (error, "body is not UTF-8");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      signet_set_unexpected_response (error, "malformed JSON: %s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      signet_set_unexpected_response (error, "no JSON value");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Looks @member up: FALSE (and an error) when it is required but missing
 * or null; otherwise TRUE, with *node %NULL when it is absent. */
static gboolean
lookup (JsonObject *object, const char *member, gboolean required, JsonNode **node, GError **error)
{
  *node = json_object_get_member (object, member);
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;
  if (*node == NULL && required)
    {
      signet_set_unexpected_response (error, "member “%s” is missing", member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
wrong_type (const char *member, const char *type, GError **error)
{
  signet_set_unexpected_response (error, "member “%s” is not %s", member, type);
  return FALSE;
}

gboolean
signet_json_get_string (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        const char **value,
                        GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!lookup (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (member, "a string", error);
  /* The body is UTF-8, but json-glib reads an escape such as "\246" as an
   * octal byte, so a string it returns need not be. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return wrong_type (member, "UTF-8 text", error);
  *value = json_node_get_string (node);
  return TRUE;
}

/* Counts and timestamps come as numbers or as strings of digits (§4). */
gboolean
signet_parse_count (JsonNode *node, gint64 *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return *value >= 0;
    }
  if (type == G_TYPE_STRING)
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64, &parsed,
                                       NULL))
        return FALSE;
      *value = (gint64) parsed;
      return TRUE;
    }
  return FALSE;
}

gboolean
signet_json_get_count (JsonObject *object,
                       const char *member,
                       gboolean    required,
                       gint64     *value,
                       GError    **error)
{
  JsonNode *node;

  *value = -1;
  if (!lookup (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!signet_parse_count (node, value))
    {
      *value = -1;
      return wrong_type (member, "a count", error);
    }
  return TRUE;
}

static JsonNode *
lenient_member (JsonObject *object, const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

JsonObject *
signet_json_object_member (JsonObject *object, const char *name)
{
  JsonNode *node = lenient_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
signet_json_array_member (JsonObject *object, const char *name)
{
  JsonNode *node = lenient_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
signet_json_string_member (JsonObject *object, const char *name)
{
  JsonNode *node = lenient_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

gboolean
signet_json_boolean_member (JsonObject *object, const char *name, gboolean otherwise)
{
  JsonNode *node = lenient_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_BOOLEAN
           ? json_node_get_boolean (node)
           : otherwise;
}

gboolean
signet_json_get_object (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        JsonObject **value,
                        GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!lookup (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (member, "an object", error);
  *value = json_node_get_object (node);
  return TRUE;
}
