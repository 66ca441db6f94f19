/* evidence-schema.c: a JSON Schema validator for the keywords
 * docs/evidence-schema.json uses ($ref to $defs, anyOf, type, enum,
 * pattern, minimum, required, properties, additionalProperties, items),
 * shared by test-evidence-export and the GUI tests (evidence-validate).
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "evidence-schema.h"

static gboolean valid_against (JsonNode *value, JsonObject *schema, JsonObject *root, GString *why);

static gboolean
has_type (JsonNode *value, const char *type)
{
  if (g_str_equal (type, "null"))
    return JSON_NODE_HOLDS_NULL (value);
  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (value);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (value);
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (g_str_equal (type, "string"))
    return json_node_get_value_type (value) == G_TYPE_STRING;
  if (g_str_equal (type, "integer"))
    return json_node_get_value_type (value) == G_TYPE_INT64;
  if (g_str_equal (type, "boolean"))
    return json_node_get_value_type (value) == G_TYPE_BOOLEAN;
  g_return_val_if_reached (FALSE);
}

static gboolean
valid_against (JsonNode *value, JsonObject *schema, JsonObject *root, GString *why)
{
  if (json_object_has_member (schema, "$ref"))
    {
      const char *ref = json_object_get_string_member (schema, "$ref");

      g_return_val_if_fail (g_str_has_prefix (ref, "#/$defs/"), FALSE);
      return valid_against (
        value,
        json_object_get_object_member (json_object_get_object_member (root, "$defs"), ref + 8),
        root, why);
    }
  if (json_object_has_member (schema, "anyOf"))
    {
      JsonArray *choices = json_object_get_array_member (schema, "anyOf");
      gboolean   ok = FALSE;

      for (guint i = 0; i < json_array_get_length (choices) && !ok; i++)
        {
          g_autoptr (GString) ignored = g_string_new (NULL);

          ok = valid_against (value, json_array_get_object_element (choices, i), root, ignored);
        }
      if (!ok)
        {
          g_string_append (why, "matches none of anyOf");
          return FALSE;
        }
    }
  if (json_object_has_member (schema, "type"))
    {
      JsonNode *type = json_object_get_member (schema, "type");
      gboolean  ok = FALSE;

      if (JSON_NODE_HOLDS_ARRAY (type))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (type)); i++)
          ok |= has_type (value, json_array_get_string_element (json_node_get_array (type), i));
      else
        ok = has_type (value, json_node_get_string (type));
      if (!ok)
        {
          g_autofree char *text = json_to_string (type, FALSE);

          g_string_append_printf (why, "not of type %s", text);
          return FALSE;
        }
    }
  if (json_object_has_member (schema, "enum"))
    {
      JsonArray *values = json_object_get_array_member (schema, "enum");
      gboolean   ok = FALSE;

      for (guint i = 0; i < json_array_get_length (values); i++)
        ok |= json_node_equal (value, json_array_get_element (values, i));
      if (!ok)
        {
          g_autofree char *text = json_to_string (value, FALSE);

          g_string_append_printf (why, "%s is not one of the enum", text);
          return FALSE;
        }
    }
  if (json_object_has_member (schema, "pattern") && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_STRING
      && !g_regex_match_simple (json_object_get_string_member (schema, "pattern"),
                                json_node_get_string (value), 0, 0))
    {
      g_string_append_printf (why, "\"%s\" does not match %s", json_node_get_string (value),
                              json_object_get_string_member (schema, "pattern"));
      return FALSE;
    }
  if (json_object_has_member (schema, "minimum") && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_INT64
      && json_node_get_int (value) < json_object_get_int_member (schema, "minimum"))
    {
      g_string_append (why, "below the minimum");
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonObject *properties = json_object_has_member (schema, "properties")
                                 ? json_object_get_object_member (schema, "properties")
                                 : NULL;
      g_autoptr (GList) names = json_object_get_members (object);

      if (json_object_has_member (schema, "required"))
        {
          JsonArray *required = json_object_get_array_member (schema, "required");

          for (guint i = 0; i < json_array_get_length (required); i++)
            if (!json_object_has_member (object, json_array_get_string_element (required, i)))
              {
                g_string_append_printf (why, "no member %s",
                                        json_array_get_string_element (required, i));
                return FALSE;
              }
        }
      for (GList *l = names; l != NULL; l = l->next)
        {
          if (properties != NULL && json_object_has_member (properties, l->data))
            {
              if (!valid_against (json_object_get_member (object, l->data),
                                  json_object_get_object_member (properties, l->data), root, why))
                {
                  g_string_prepend (why, ": ");
                  g_string_prepend (why, l->data);
                  return FALSE;
                }
            }
          else if (json_object_has_member (schema, "additionalProperties")
                   && !json_object_get_boolean_member (schema, "additionalProperties"))
            {
              g_string_append_printf (why, "member %s is not allowed", (char *) l->data);
              return FALSE;
            }
        }
    }
  if (JSON_NODE_HOLDS_ARRAY (value) && json_object_has_member (schema, "items"))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!valid_against (json_array_get_element (array, i),
                            json_object_get_object_member (schema, "items"), root, why))
          {
            g_autofree char *where = g_strdup_printf ("[%u]: ", i);

            g_string_prepend (why, where);
            return FALSE;
          }
    }
  return TRUE;
}

/**
 * evidence_schema_validate:
 * @value: a record
 * @schema_path: docs/evidence-schema.json
 * @why: (out) (optional): where the record breaks the schema
 *
 * Returns: whether @value is valid against the schema
 */
gboolean
evidence_schema_validate (JsonNode *value, const char *schema_path, char **why)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) reason = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  JsonObject *schema;
  gboolean    ok;

  if (!json_parser_load_from_file (parser, schema_path, &error))
    {
      if (why != NULL)
        *why = g_strdup_printf ("the schema could not be read: %s", error->message);
      return FALSE;
    }
  schema = json_node_get_object (json_parser_get_root (parser));
  ok = valid_against (value, schema, schema, reason);
  if (why != NULL)
    *why = g_strdup (reason->str);
  return ok;
}
