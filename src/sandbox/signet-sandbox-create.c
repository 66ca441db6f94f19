/* signet-sandbox-create.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

#include "signet-error.h"

/* E1 and E3 of the OKdokument JSON API: a new signature request, checked
 * whole before anything changes, and the reading of request bodies that
 * every handler of signet-sandbox-api.c shares. */

JsonNode *
signet_sandbox_parse_body (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.json", "");
      return NULL;
    }

  return json_node_ref (root);
}

/* A member that may be absent or null; anything but a string is refused. */
gboolean
signet_sandbox_get_optional_string (SignetSandbox     *self,
                                    SoupServerMessage *msg,
                                    JsonObject        *object,
                                    const char        *name,
                                    const char       **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }

  signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter", name);
  return FALSE;
}

static gboolean
is_base64 (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("+/=\r\n ", *p))
      return FALSE;
  return TRUE;
}

/* Decodes `content` (or `$content`, §19) checking the 10 MB limit on the
 * decoded bytes. */
GBytes *
signet_sandbox_decode_content (SignetSandbox *self, SoupServerMessage *msg, JsonNode *node)
{
  const char *text;
  guchar     *data;
  gsize       length;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.missing.content",
                                  "content");
      return NULL;
    }

  text = json_node_get_string (node);
  if (text[0] == '\0' || !is_base64 (text))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.content",
                                  "content");
      return NULL;
    }

  data = g_base64_decode (text, &length);
  if (length > SANDBOX_MAX_DOCUMENT_SIZE)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

      g_free (data);
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.document.too.large",
                                  size);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

JsonNode *
sandbox_content_member (JsonObject *object)
{
  if (json_object_has_member (object, "content"))
    return json_object_get_member (object, "content");
  return json_object_get_member (object, "$content");
}

static gboolean
is_office_file (const char *filename)
{
  static const char *const suffixes[] = { ".doc", ".docx", ".xls", ".xlsx" };
  g_autofree char         *lower = NULL;

  if (filename == NULL)
    return FALSE;

  lower = g_ascii_strdown (filename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Checks an uploaded document; office files become a placeholder PDF. */
GBytes *
signet_sandbox_accept_document (SignetSandbox     *self,
                                SoupServerMessage *msg,
                                GBytes            *upload,
                                const char        *filename,
                                GPtrArray        **fields)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;

  if (is_office_file (filename))
    pdf = signet_sandbox_pdf_placeholder (filename, &error);
  else
    pdf = g_bytes_ref (upload);

  if (pdf != NULL && signet_sandbox_pdf_inspect (pdf, NULL, fields, &error))
    return g_steal_pointer (&pdf);

  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_FILE_ENCRYPTED))
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.document.encrypted", "");
  else
    signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.document", "");
  return NULL;
}

/* `tags`, `tostamp`, `tosign`, and `preprocessing_tags` of connector 1.0. */
const char *
signet_sandbox_accept_state (SignetSandbox *self, SoupServerMessage *msg, const char *state)
{
  if (state == NULL || g_str_equal (state, "tosign"))
    return "tosign";
  if (g_str_equal (state, "tags") || g_str_equal (state, "preprocessing_tags"))
    return "tags";
  if (g_str_equal (state, "tostamp"))
    return "tostamp";

  signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.state", state);
  return NULL;
}

static void
add_rule (GHashTable *rules, const char *name, const char *value)
{
  /* Connector 1.0 wrote `signAnywhere-false`. */
  if (g_str_equal (name, "signAnywhere"))
    name = "signAnywhereEnabled";
  g_hash_table_replace (rules, g_strdup (name), g_strdup (value));
}

static gboolean
is_rule_start (const char *piece)
{
  const char *dash = strchr (piece, '-');

  if (dash == NULL || dash == piece || !g_ascii_isalpha (piece[0]))
    return FALSE;
  for (const char *p = piece; p < dash; p++)
    if (!g_ascii_isalnum (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

/* `rules` as an object or as "Rule-Value_Rule-Value" (§10.1). Escaping is
 * undocumented: an `_` that is not followed by `Name-` belongs to the
 * value, so e-mail addresses with underscores survive. */
static GHashTable *
parse_rules (SignetSandbox *self, SoupServerMessage *msg, JsonNode *node)
{
  g_autoptr (GHashTable) rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&rules);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto (GStrv) pieces = g_strsplit (json_node_get_string (node), "_", -1);
      g_autoptr (GPtrArray) joined = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; pieces[i] != NULL; i++)
        {
          if (joined->len == 0 || is_rule_start (pieces[i]))
            g_ptr_array_add (joined, g_strdup (pieces[i]));
          else
            {
              char **last = (char **) &joined->pdata[joined->len - 1];
              char  *longer = g_strconcat (*last, "_", pieces[i], NULL);

              g_free (*last);
              *last = longer;
            }
        }

      for (guint i = 0; i < joined->len; i++)
        {
          const char      *rule = g_ptr_array_index (joined, i);
          const char      *dash = strchr (rule, '-');
          g_autofree char *name = NULL;

          if (rule[0] == '\0')
            continue;
          if (dash == NULL)
            {
              signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                          rule);
              return NULL;
            }
          name = g_strndup (rule, dash - rule);
          add_rule (rules, name, dash + 1);
        }
      return g_steal_pointer (&rules);
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *text = NULL;

          if (JSON_NODE_HOLDS_NULL (value))
            text = g_strdup ("");
          else if (!JSON_NODE_HOLDS_VALUE (value))
            {
              signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                          name);
              return NULL;
            }
          else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (value) ? "true" : "false");
          else if (json_node_get_value_type (value) == G_TYPE_INT64)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          else if (json_node_get_value_type (value) == G_TYPE_STRING)
            text = g_strdup (json_node_get_string (value));
          else
            text = g_strdup_printf ("%g", json_node_get_double (value));

          add_rule (rules, name, text);
        }
      return g_steal_pointer (&rules);
    }

  signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules", "");
  return NULL;
}

static gboolean
add_field_names (GPtrArray *names, JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto (GStrv) parts = g_strsplit (json_node_get_string (node), ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_ptr_array_add (names, g_strdup (parts[i]));
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            return FALSE;
          g_ptr_array_add (names, g_strdup (json_node_get_string (element)));
        }
      return TRUE;
    }

  return FALSE;
}

/* Adds the signature field names of `allowedFields` to @names; FALSE when
 * it has the wrong shape. */
static gboolean
collect_signature_fields (GPtrArray *names, JsonNode *node)
{
  g_autoptr (GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  JsonObjectIter iter;
  const char    *type;
  JsonNode      *value;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return add_field_names (names, node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &type, &value))
    if (!add_field_names (g_ascii_strcasecmp (type, "SIGNATURE") == 0 ? names : others, value))
      return FALSE;
  return TRUE;
}

/* `allowedFields` (§9.4): {"SIGNATURE": "_SC1_;_SO2_"}, {"SIGNATURE": [..]},
 * or a bare array of field names (the 2.2 table's "JSON ARRAY"). Only the
 * signature fields matter to the sandbox. */
static gboolean
parse_allowed_fields (SignetSandbox     *self,
                      SoupServerMessage *msg,
                      JsonNode          *node,
                      GPtrArray        **signature_fields)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  *signature_fields = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!collect_signature_fields (names, node))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.allowed.fields",
                                  "");
      return FALSE;
    }

  *signature_fields = g_steal_pointer (&names);
  return TRUE;
}

gboolean
signet_sandbox_check_url (SignetSandbox     *self,
                          SoupServerMessage *msg,
                          const char        *name,
                          const char        *url)
{
  g_autoptr (GUri) uri = NULL;

  if (url == NULL)
    return TRUE;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL
      && (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
          || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
      && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    return TRUE;

  signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.url", name);
  return FALSE;
}

static gboolean
is_valid_request_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 100)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_field_config (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;
      name = json_object_get_member (json_node_get_object (element), "name");
      if (name == NULL || !JSON_NODE_HOLDS_VALUE (name)
          || json_node_get_value_type (name) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* The fields of a create request that have no effect in the sandbox but
 * must have the documented shape (§9.5). */
static gboolean
check_field_options (SignetSandbox *self, SoupServerMessage *msg, JsonObject *meta)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *keep;
  JsonNode   *node;

  node = json_object_get_member (meta, "fieldConfig");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !is_field_config (node))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter",
                                  "fieldConfig");
      return FALSE;
    }

  node = json_object_get_member (meta, "ignoreRequired");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !add_field_names (names, node))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter",
                                  "ignoreRequired");
      return FALSE;
    }

  if (!signet_sandbox_get_optional_string (self, msg, meta, "fieldsBeforeSigning", &keep))
    return FALSE;
  if (keep != NULL && !g_str_equal (keep, "flatten") && !g_str_equal (keep, "readOnly")
      && !g_str_equal (keep, "keep"))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter",
                                  "fieldsBeforeSigning");
      return FALSE;
    }

  return TRUE;
}

/* Values the service cannot use (most plausible choice; the sources only
 * give examples, §10.2, §16): a language outside the documented list, an
 * e-mail rule without an address, a phone rule not in the international
 * form of `+421905123456`. */
static gboolean
looks_like_email (const char *value)
{
  const char *at = strchr (value, '@');

  return at != NULL && at != value && strchr (at + 1, '@') == NULL && strchr (at, '.') != NULL
         && strpbrk (value, " \t\r\n,") == NULL;
}

static gboolean
looks_like_phone (const char *value)
{
  gsize n = strlen (value);

  if (n < 9 || n > 16 || value[0] != '+')
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_rule_values (SignetSandbox *self, SoupServerMessage *msg, GHashTable *rules)
{
  static const char *const languages[] = { "sk", "cs", "en", "ro", "uk", "pl", "pt", "hu", NULL };
  static const char *const emails[]
    = { "emailTo", "emailFrom", "openOtpEmail", "signOtpEmail", NULL };
  static const char *const phones[] = { "openOtpPhone", "signOtpPhone", NULL };
  const char              *value;

  value = g_hash_table_lookup (rules, "lang");
  if (value != NULL && !g_strv_contains (languages, value))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules", "lang");
      return FALSE;
    }
  for (guint i = 0; emails[i] != NULL; i++)
    if ((value = g_hash_table_lookup (rules, emails[i])) != NULL && !looks_like_email (value))
      {
        signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                    emails[i]);
        return FALSE;
      }
  for (guint i = 0; phones[i] != NULL; i++)
    if ((value = g_hash_table_lookup (rules, phones[i])) != NULL && !looks_like_phone (value))
      {
        signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                    phones[i]);
        return FALSE;
      }
  /* emailFinal: addresses separated by ";" or "|" (§19.13). */
  if ((value = g_hash_table_lookup (rules, "emailFinal")) != NULL && *value != '\0')
    {
      g_auto (GStrv) parts = g_strsplit_set (value, ";|", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (!looks_like_email (parts[i]))
          {
            signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                        "emailFinal");
            return FALSE;
          }
    }
  return TRUE;
}

/* `expirationTime`: epoch milliseconds as a string (every example) or a
 * number; at most 10 days ahead (§15). */
static gboolean
parse_expiration (SignetSandbox *self, SoupServerMessage *msg, JsonNode *node, gint64 *expires)
{
  gint64 now = signet_sandbox_now (self);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *expires = now + SANDBOX_DEFAULT_LIFETIME_MS;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           && g_ascii_string_to_signed (json_node_get_string (node), 10, 0, G_MAXINT64, &value,
                                        NULL))
    ;
  else
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.expiration.time",
                                  "");
      return FALSE;
    }

  if (value <= now || value > now + SANDBOX_MAX_LIFETIME_MS)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.expiration.time",
                                  text);
      return FALSE;
    }

  *expires = value;
  return TRUE;
}

static void
send_request_mail (SignetSandbox   *self,
                   SandboxRequest  *request,
                   SandboxDocument *document,
                   const char      *url)
{
  const char      *to = sandbox_request_rule (request, "emailTo");
  const char      *from_name = sandbox_request_rule (request, "nameFrom");
  const char      *extra = sandbox_request_rule (request, "emailMessage");
  g_autofree char *name = sandbox_document_name (document);
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;

  if (to == NULL)
    return;

  subject = g_strdup_printf ("Signature request: %s", name);
  text = g_strdup_printf ("%s asks you to sign %s.\n%s%s%s\n",
                          from_name ? from_name : sandbox_request_rule (request, "emailFrom"), name,
                          extra ? extra : "", extra ? "\n" : "", url);
  signet_sandbox_post_outbox (self, "email", to, subject, text, NULL, request->id);
}

/* E1 and E3: registers a signature request on an uploaded document (@upload)
 * or on a stored one (`id`). */
void
signet_sandbox_create_request (SignetSandbox     *self,
                               SoupServerMessage *msg,
                               JsonObject        *meta,
                               GBytes            *upload,
                               const char        *filename,
                               const char        *upload_state)
{
  g_autoptr (GHashTable) rules = NULL;
  g_autoptr (GPtrArray) allowed = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *url = NULL;
  const char      *given_id, *document_id, *change_state, *send_info, *result_url, *state = NULL;
  const char      *signer_name;
  SandboxDocument *document = NULL;
  SandboxRequest  *request;
  JsonNode        *copy;
  gint64           expires;

  if (!signet_sandbox_get_optional_string (self, msg, meta, "signatureRequestId", &given_id)
      || !signet_sandbox_get_optional_string (self, msg, meta, "id", &document_id)
      || !signet_sandbox_get_optional_string (self, msg, meta, "changeState", &change_state)
      || !signet_sandbox_get_optional_string (self, msg, meta, "sendInfoURL", &send_info)
      || !signet_sandbox_get_optional_string (self, msg, meta, "resulturl", &result_url))
    return;

  if (given_id != NULL && !is_valid_request_id (given_id))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST,
                                  "err.invalid.signature.request.id", given_id);
      return;
    }
  if (given_id != NULL && g_hash_table_contains (self->used_request_ids, given_id))
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_CONFLICT,
                                  "err.signature.request.id.exists", given_id);
      return;
    }

  if (!parse_expiration (self, msg, json_object_get_member (meta, "expirationTime"), &expires))
    return;
  rules = parse_rules (self, msg, json_object_get_member (meta, "rules"));
  if (rules == NULL)
    return;
  if (!parse_allowed_fields (self, msg, json_object_get_member (meta, "allowedFields"), &allowed))
    return;
  if (!check_field_options (self, msg, meta))
    return;

  /* The rules may carry the callback and the result URL too (§10.2). */
  if (send_info == NULL)
    send_info = g_hash_table_lookup (rules, "sendInfo");
  if (result_url == NULL)
    result_url = g_hash_table_lookup (rules, "resulturl");
  if (!signet_sandbox_check_url (self, msg, "sendInfoURL", send_info)
      || !signet_sandbox_check_url (self, msg, "resulturl", result_url))
    return;

  signer_name = g_hash_table_lookup (rules, "guiSignerName");
  if (signer_name != NULL && g_utf8_strlen (signer_name, -1) > 40)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                  "guiSignerName");
      return;
    }
  if (g_hash_table_lookup (rules, "emailTo") != NULL
      && g_hash_table_lookup (rules, "emailFrom") == NULL)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.rules",
                                  "emailFrom");
      return;
    }

  if (!check_rule_values (self, msg, rules))
    return;

  if (upload != NULL && document_id != NULL)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter",
                                  "id");
      return;
    }
  if (upload != NULL)
    {
      state = signet_sandbox_accept_state (self, msg, upload_state);
      if (state == NULL)
        return;
      pdf = signet_sandbox_accept_document (self, msg, upload, filename, &fields);
      if (pdf == NULL)
        return;
    }
  else if (document_id != NULL)
    {
      document = g_hash_table_lookup (self->documents, document_id);
      if (document == NULL)
        {
          signet_sandbox_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, "err.not.found",
                                      document_id);
          return;
        }
      if (change_state != NULL && !g_str_equal (change_state, "tosign"))
        {
          signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.state",
                                      change_state);
          return;
        }
      /* Without changeState a finished round stays finished (§7.7). */
      if (change_state == NULL && !g_str_equal (document->state, "tosign")
          && !g_str_equal (document->state, "tags") && !g_str_equal (document->state, "tostamp"))
        {
          signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.state",
                                      document->state);
          return;
        }
    }
  else
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.missing.document",
                                  "filedata");
      return;
    }

  if (self->available == 0)
    {
      signet_sandbox_reply_error (self, msg, SOUP_STATUS_FORBIDDEN,
                                  "err.signature.request.limit.exceeded", "0");
      return;
    }

  /* Everything is checked: from here on the request is made. */
  if (document == NULL)
    document = signet_sandbox_add_document (self, pdf, filename, state, fields);
  else if (change_state != NULL && !g_str_equal (document->state, "tags")
           && !g_str_equal (document->state, "tostamp"))
    {
      g_free (document->state);
      document->state = g_strdup ("tosign");
      document->modified = signet_sandbox_now (self);
    }

  request_id = given_id != NULL ? g_strdup (given_id) : g_uuid_string_random ();
  request = g_new0 (SandboxRequest, 1);
  request->id = g_strdup (request_id);
  request->document_id = g_strdup (document->id);
  request->send_info_url = g_strdup (send_info);
  request->result_url = g_strdup (result_url);
  request->rules = g_steal_pointer (&rules);
  request->allowed_signature_fields = g_steal_pointer (&allowed);
  request->created = signet_sandbox_now (self);
  request->expires = expires;
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (copy, json_object_new ());
  {
    JsonObjectIter iter;
    const char    *name;
    JsonNode      *value;

    json_object_iter_init (&iter, meta);
    while (json_object_iter_next (&iter, &name, &value))
      if (!g_str_equal (name, "filedata"))
        json_object_set_member (json_node_get_object (copy), name, json_node_copy (value));
  }
  request->request = copy;
  g_hash_table_insert (self->requests, request->id, request);
  g_hash_table_add (self->used_request_ids, g_strdup (request_id));

  self->available--;
  self->used++;
  signet_sandbox_count (self, "signatureRequests");

  url = g_strdup_printf ("%s/openDocument/%s", self->base_url, request_id);
  send_request_mail (self, request, document, url);
  signet_sandbox_changed (self);

  g_debug ("Created a signature request");
  signet_sandbox_reply_success (self, msg, "msg.signature.request.id.created", request_id, url,
                                document->id);
}

/* E1 — POST /JSON/signatureRequest */
void
signet_sandbox_handle_create_request (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (JsonNode) root = signet_sandbox_parse_body (self, msg);
  g_autoptr (GBytes) upload = NULL;
  JsonObject *meta, *filedata = NULL;
  JsonNode   *node;
  const char *filename = NULL, *state = NULL;

  if (root == NULL)
    return;
  meta = json_node_get_object (root);

  node = json_object_get_member (meta, "filedata");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          signet_sandbox_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "err.invalid.parameter",
                                      "filedata");
          return;
        }
      filedata = json_node_get_object (node);
      /* `filename` inside filedata or next to it (§20). */
      if (!signet_sandbox_get_optional_string (self, msg, filedata, "filename", &filename)
          || (filename == NULL
              && !signet_sandbox_get_optional_string (self, msg, meta, "filename", &filename))
          || !signet_sandbox_get_optional_string (self, msg, filedata, "state", &state))
        return;
      upload = signet_sandbox_decode_content (self, msg, sandbox_content_member (filedata));
      if (upload == NULL)
        return;
    }

  signet_sandbox_create_request (self, msg, meta, upload, filename, state);
}
