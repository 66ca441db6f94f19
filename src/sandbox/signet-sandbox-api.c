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

/* The OKdokument JSON API, E1–E14 of the reference. Every handler checks the
 * whole request before it changes anything. */

static JsonNode *
parse_body (SignetSandbox *self, SoupServerMessage *msg)
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
static gboolean
get_optional_string (SignetSandbox     *self,
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
static GBytes *
decode_content (SignetSandbox *self, SoupServerMessage *msg, JsonNode *node)
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

static JsonNode *
content_member (JsonObject *object)
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
static GBytes *
accept_document (SignetSandbox     *self,
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
static const char *
accept_state (SignetSandbox *self, SoupServerMessage *msg, const char *state)
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

static gboolean
check_url (SignetSandbox *self, SoupServerMessage *msg, const char *name, const char *url)
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

  if (!get_optional_string (self, msg, meta, "fieldsBeforeSigning", &keep))
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
static void
create_request (SignetSandbox     *self,
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

  if (!get_optional_string (self, msg, meta, "signatureRequestId", &given_id)
      || !get_optional_string (self, msg, meta, "id", &document_id)
      || !get_optional_string (self, msg, meta, "changeState", &change_state)
      || !get_optional_string (self, msg, meta, "sendInfoURL", &send_info)
      || !get_optional_string (self, msg, meta, "resulturl", &result_url))
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
  if (!check_url (self, msg, "sendInfoURL", send_info)
      || !check_url (self, msg, "resulturl", result_url))
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
      state = accept_state (self, msg, upload_state);
      if (state == NULL)
        return;
      pdf = accept_document (self, msg, upload, filename, &fields);
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
static void
handle_create_request (SignetSandbox *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr (JsonNode) root = parse_body (self, msg);
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
      if (!get_optional_string (self, msg, filedata, "filename", &filename)
          || (filename == NULL && !get_optional_string (self, msg, meta, "filename", &filename))
          || !get_optional_string (self, msg, filedata, "state", &state))
        return;
      upload = decode_content (self, msg, content_member (filedata));
      if (upload == NULL)
        return;
    }

  create_request (self, msg, meta, upload, filename, state);
}

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

  state = accept_state (self, msg, state);
  if (state == NULL)
    return;
  pdf = accept_document (self, msg, upload, filename, &fields);
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
  g_autoptr (JsonNode) root = parse_body (self, msg);
  g_autoptr (GBytes) upload = NULL;
  const char *filename, *state;
  JsonObject *object;
  JsonNode   *file;

  if (root == NULL)
    return;
  object = json_node_get_object (root);

  if (!get_optional_string (self, msg, object, "filename", &filename)
      || !get_optional_string (self, msg, object, "state", &state))
    return;

  file = json_object_get_member (object, "file");
  if (file != NULL && JSON_NODE_HOLDS_OBJECT (file))
    {
      JsonObject *inner = json_node_get_object (file);

      if (filename == NULL && !get_optional_string (self, msg, inner, "filename", &filename))
        return;
      file = content_member (inner);
    }
  upload = decode_content (self, msg, file);
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

  if (!get_optional_string (self, msg, object, "filename", &filename)
      || !get_optional_string (self, msg, object, "state", &state)
      || !get_optional_string (self, msg, object, "signatureRequestId", &request_id))
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

  create_request (self, msg, object, upload, filename, state);
}

static JsonNode *
document_to_json (SignetSandbox *self, SandboxDocument *document, gboolean in_list)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *modification = signet_sandbox_format_date (document->modified);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, document->uploaded);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, document->filename);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, document->state);
  json_builder_set_member_name (builder, "modification");
  json_builder_add_string_value (builder, modification);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, document->id);
  if (in_list)
    {
      g_autofree char *url = g_strdup_printf ("%s/rest/document/%s", self->base_url, document->id);

      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  json_builder_set_member_name (builder, "date");
  json_builder_add_int_value (builder, document->modified);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, number);
  if (in_list)
    {
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, "api_user");
    }
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
  g_autoptr (JsonNode) root = parse_body (self, msg);
  g_autofree char *url = NULL;
  const char      *id, *send_info, *result_url;
  SandboxRequest  *request;
  JsonObject      *object;

  if (root == NULL)
    return;
  object = json_node_get_object (root);

  if (!get_optional_string (self, msg, object, "signatureRequestId", &id)
      || !get_optional_string (self, msg, object, "sendInfoURL", &send_info)
      || !get_optional_string (self, msg, object, "resulturl", &result_url))
    return;
  /* The table of 3.3 spells it sendInfoUrl (§19.15). */
  if (send_info == NULL && !get_optional_string (self, msg, object, "sendInfoUrl", &send_info))
    return;

  request = find_request (self, msg, id);
  if (request == NULL)
    return;
  if (!check_url (self, msg, "sendInfoURL", send_info)
      || !check_url (self, msg, "resulturl", result_url))
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
  g_autoptr (JsonNode) root = parse_body (self, msg);
  const char     *send_info;
  SandboxRequest *request;

  if (root == NULL)
    return;
  if (!get_optional_string (self, msg, json_node_get_object (root), "sendInfoURL", &send_info))
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
  if (!check_url (self, msg, "sendInfoURL", send_info))
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
  g_autoptr (JsonNode) root = NULL;

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

  root = json_builder_get_root (builder);
  signet_sandbox_reply_json (msg, SOUP_STATUS_OK, root);
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
  { "POST", "/JSON/signatureRequest", handle_create_request },
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

  *id = tail (path, route->path);
  return *id != NULL;
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
      /* metadata/{id} must not fall through to document/{id}. */
      if (g_str_equal (routes[i].path, "/JSON/document/")
          && g_str_has_prefix (path, "/JSON/document/metadata/"))
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
