/* signet-journal-plan.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-json-private.h"
#include "signet-signature-request-private.h"

/* Rebuilding a round's request from the plan. */

static void
add_rules (SignetSignatureRequest *request, JsonObject *rules)
{
  g_autoptr (GList) members = json_object_get_members (rules);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (rules, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      switch (json_node_get_value_type (node))
        {
          case G_TYPE_BOOLEAN:
            signet_signature_request_set_rule_boolean (request, l->data,
                                                       json_node_get_boolean (node));
            break;
          case G_TYPE_INT64:
            signet_signature_request_set_rule_int (request, l->data, json_node_get_int (node));
            break;
          default:
            signet_signature_request_set_rule_string (request, l->data,
                                                      json_node_get_string (node));
        }
    }
}

static void
add_allowed_fields (SignetSignatureRequest *request, JsonObject *allowed)
{
  g_autoptr (GList) members = json_object_get_members (allowed);

  for (GList *l = members; l != NULL; l = l->next)
    {
      int       type = signet_field_type_from_name (l->data);
      JsonNode *node = json_object_get_member (allowed, l->data);

      if (type < 0 || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        signet_signature_request_add_allowed_field (
          request, type, json_array_get_string_element (json_node_get_array (node), i));
    }
}

SignetSignatureRequest *
signet_journal_get_round_request (SignetDocument *document, guint round, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  JsonArray  *plan, *fields, *types;
  JsonObject *body, *object;
  JsonNode   *root;
  const char *value;

  if (!json_parser_load_from_data (parser, signet_document_get_plan (document), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || round >= json_array_get_length (plan = json_node_get_array (root))
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (plan, round)))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The journal’s record of “%s” is damaged, so it cannot be sent. "
                      "Send the document again."),
                   signet_document_get_filename (document));
      return NULL;
    }
  body = json_array_get_object_element (plan, round);

  signet_signature_request_set_signature_request_id (
    request, signet_json_string_member (body, "signatureRequestId"));
  signet_signature_request_set_filename (request, signet_json_string_member (body, "filename"));
  signet_signature_request_set_result_url (request, signet_json_string_member (body, "resulturl"));
  signet_signature_request_set_send_info_url (request,
                                              signet_json_string_member (body, "sendInfoURL"));
  if ((value = signet_json_string_member (body, "changeState")) != NULL)
    signet_signature_request_set_change_state (request, signet_document_state_from_string (value));
  if ((value = signet_json_string_member (body, "expirationTime")) != NULL)
    {
      gint64 expires = g_ascii_strtoll (value, NULL, 10);
      g_autoptr (GDateTime) expiration = NULL;

      /* A later round lives as long as the user chose, counted from when it
       * starts rather than from when the request was journalled (the plan
       * holds the first round's expiry for every round), and never longer
       * than the service allows (§15). */
      if (round > 0 && expires > signet_document_get_created (document))
        expires = signet_journal_now_ms ()
                  + MIN (expires - signet_document_get_created (document),
                         SIGNET_JOURNAL_MAX_LIFETIME_MS);
      expiration = g_date_time_new_from_unix_utc (expires / 1000);
      signet_signature_request_set_expiration (request, expiration);
    }
  if ((value = signet_json_string_member (body, "fieldsBeforeSigning")) != NULL)
    {
      if (g_str_equal (value, "flatten"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_FLATTEN);
      else if (g_str_equal (value, "readOnly"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY);
      else if (g_str_equal (value, "keep"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
    }
  if ((object = signet_json_object_member (body, "filedata")) != NULL
      && (value = signet_json_string_member (object, "state")) != NULL)
    signet_signature_request_set_preprocessing (request, signet_document_state_from_string (value));
  if ((object = signet_json_object_member (body, "rules")) != NULL)
    add_rules (request, object);
  if (!signet_journal_codes_merge (document, round, body, request, error))
    return NULL;
  if ((object = signet_json_object_member (body, "allowedFields")) != NULL)
    add_allowed_fields (request, object);
  if ((fields = signet_json_array_member (body, "fieldConfig")) != NULL)
    {

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          JsonObject *field = json_array_get_object_element (fields, i);

          if (field == NULL || signet_json_string_member (field, "name") == NULL)
            continue;
          signet_signature_request_add_field_value (
            request, signet_json_string_member (field, "name"),
            signet_json_string_member (field, "value"),
            json_object_get_boolean_member_with_default (field, "readOnly", FALSE));
        }
    }
  if ((types = signet_json_array_member (body, "ignoreRequired")) != NULL)
    {

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          int type = signet_field_type_from_name (json_array_get_string_element (types, i));

          if (type >= 0)
            signet_signature_request_add_ignore_required (request, type);
        }
    }

  if (signet_document_get_document_id (document) != NULL)
    signet_signature_request_set_document_id (request, signet_document_get_document_id (document));
  else if (signet_document_get_kept_path (document) != NULL
           || signet_document_get_original_path (document) != NULL)
    {
      /* The copy kept when it was journalled: the person may have moved
       * or deleted the original since. */
      const char *path = signet_document_get_kept_path (document) != NULL
                           ? signet_document_get_kept_path (document)
                           : signet_document_get_original_path (document);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      signet_signature_request_set_file (request, file);
    }

  return g_steal_pointer (&request);
}
