/* signet-signature-request.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-enums.h"
#include "signet-property-util.h"
#include "signet-signature-request.h"
#include "signet-signature-request-private.h"

/**
 * SignetSignatureRequest:
 *
 * Everything a new signature request (E1) says, typed. The client turns it
 * into the service's JSON; nobody else builds that JSON. A new description
 * carries a fresh random #SignetSignatureRequest:signature-request-id, so
 * that a retry after a lost answer is recognised and never pays twice.
 */
struct _SignetSignatureRequest
{
  GObject parent_instance;

  char                     *signature_request_id;
  GFile                    *file;
  char                     *document_id;
  char                     *filename;
  SignetDocumentState       preprocessing;
  SignetDocumentState       change_state;
  char                     *result_url;
  char                     *send_info_url;
  GDateTime                *expiration;
  SignetFieldsBeforeSigning fields_before_signing;

  JsonObject *rules;
  GPtrArray  *allowed_fields[SIGNET_FIELD_TYPE_COMBOBOX + 1];
  JsonArray  *field_config;
  guint       ignore_required; /* bit per SignetFieldType */
};

G_DEFINE_FINAL_TYPE (SignetSignatureRequest, signet_signature_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SIGNATURE_REQUEST_ID,
  PROP_FILE,
  PROP_DOCUMENT_ID,
  PROP_FILENAME,
  PROP_PREPROCESSING,
  PROP_CHANGE_STATE,
  PROP_RESULT_URL,
  PROP_SEND_INFO_URL,
  PROP_EXPIRATION,
  PROP_FIELDS_BEFORE_SIGNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The service's name of each #SignetFieldType, in its order. */
const char *const signet_field_type_names[]
  = { "TEXT", "CHECKBOX", "SIGNATURE", "RADIO", "COMBOBOX", NULL };

int
signet_field_type_from_name (const char *name)
{
  for (guint i = 0; signet_field_type_names[i] != NULL; i++)
    if (g_strcmp0 (signet_field_type_names[i], name) == 0)
      return i;
  return -1;
}

static void
signet_signature_request_finalize (GObject *object)
{
  SignetSignatureRequest *self = SIGNET_SIGNATURE_REQUEST (object);

  g_free (self->signature_request_id);
  g_clear_object (&self->file);
  g_free (self->document_id);
  g_free (self->filename);
  g_free (self->result_url);
  g_free (self->send_info_url);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  g_clear_pointer (&self->rules, json_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->allowed_fields); i++)
    g_clear_pointer (&self->allowed_fields[i], g_ptr_array_unref);
  g_clear_pointer (&self->field_config, json_array_unref);

  G_OBJECT_CLASS (signet_signature_request_parent_class)->finalize (object);
}

static const SignetField request_fields[N_PROPS] = {
  [PROP_SIGNATURE_REQUEST_ID] = SIGNET_FIELD (SignetSignatureRequest, signature_request_id),
  [PROP_FILE] = SIGNET_FIELD (SignetSignatureRequest, file),
  [PROP_DOCUMENT_ID] = SIGNET_FIELD (SignetSignatureRequest, document_id),
  [PROP_FILENAME] = SIGNET_FIELD (SignetSignatureRequest, filename),
  [PROP_PREPROCESSING] = SIGNET_FIELD (SignetSignatureRequest, preprocessing),
  [PROP_CHANGE_STATE] = SIGNET_FIELD (SignetSignatureRequest, change_state),
  [PROP_RESULT_URL] = SIGNET_FIELD (SignetSignatureRequest, result_url),
  [PROP_SEND_INFO_URL] = SIGNET_FIELD (SignetSignatureRequest, send_info_url),
  [PROP_EXPIRATION] = SIGNET_FIELD (SignetSignatureRequest, expiration),
  [PROP_FIELDS_BEFORE_SIGNING] = SIGNET_FIELD (SignetSignatureRequest, fields_before_signing),
};

static void
signet_signature_request_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  SignetSignatureRequest *self = SIGNET_SIGNATURE_REQUEST (object);

  /* The two with a narrower range than their type's. */
  if (prop_id == PROP_SIGNATURE_REQUEST_ID)
    signet_signature_request_set_signature_request_id (self, g_value_get_string (value));
  else if (prop_id == PROP_PREPROCESSING)
    signet_signature_request_set_preprocessing (self, g_value_get_enum (value));
  else
    signet_property_set_field (object, prop_id, value, pspec);
}

static void
signet_signature_request_class_init (SignetSignatureRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = signet_signature_request_finalize;
  object_class->get_property = signet_property_get_field;
  object_class->set_property = signet_signature_request_set_property;

  /**
   * SignetSignatureRequest:signature-request-id:
   *
   * The id Signet chooses for the request (`signatureRequestId`); a random
   * UUID unless set.
   */
  properties[PROP_SIGNATURE_REQUEST_ID]
    = g_param_spec_string ("signature-request-id", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureRequest:file:
   *
   * A new document to upload, or %NULL with
   * #SignetSignatureRequest:document-id.
   */
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  /**
   * SignetSignatureRequest:document-id:
   *
   * A document already stored (`id`: a later round, or after an upload).
   */
  properties[PROP_DOCUMENT_ID] = g_param_spec_string ("document-id", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureRequest:filename:
   *
   * The document's name for the service (`filename`); the file's name
   * when unset.
   */
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureRequest:preprocessing:
   *
   * The state a new document starts in: %SIGNET_DOCUMENT_STATE_TOSIGN,
   * %SIGNET_DOCUMENT_STATE_TAGS or %SIGNET_DOCUMENT_STATE_TOSTAMP;
   * %SIGNET_DOCUMENT_STATE_UNKNOWN leaves it to the service (`tosign`).
   */
  properties[PROP_PREPROCESSING] = g_param_spec_enum (
    "preprocessing", NULL, NULL, SIGNET_TYPE_DOCUMENT_STATE, SIGNET_DOCUMENT_STATE_UNKNOWN, flags);
  /**
   * SignetSignatureRequest:change-state:
   *
   * The state a stored document is put into first (`changeState`, usually
   * `tosign` for a later round), or %SIGNET_DOCUMENT_STATE_UNKNOWN.
   */
  properties[PROP_CHANGE_STATE] = g_param_spec_enum (
    "change-state", NULL, NULL, SIGNET_TYPE_DOCUMENT_STATE, SIGNET_DOCUMENT_STATE_UNKNOWN, flags);
  /**
   * SignetSignatureRequest:result-url:
   *
   * Where the signer's browser goes afterwards (`resulturl`).
   */
  properties[PROP_RESULT_URL] = g_param_spec_string ("result-url", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureRequest:send-info-url:
   *
   * The callback the service posts to (`sendInfoURL`).
   */
  properties[PROP_SEND_INFO_URL] = g_param_spec_string ("send-info-url", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureRequest:expiration:
   *
   * When the request expires (`expirationTime`); the service's default
   * (24 hours) when %NULL.
   */
  properties[PROP_EXPIRATION]
    = g_param_spec_boxed ("expiration", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * SignetSignatureRequest:fields-before-signing:
   *
   * What happens to form fields before signing (`fieldsBeforeSigning`).
   */
  properties[PROP_FIELDS_BEFORE_SIGNING]
    = g_param_spec_enum ("fields-before-signing", NULL, NULL, SIGNET_TYPE_FIELDS_BEFORE_SIGNING,
                         SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT, flags);

  signet_property_install (object_class, N_PROPS, properties, request_fields);
}

static void
signet_signature_request_init (SignetSignatureRequest *self)
{
  self->signature_request_id = g_uuid_string_random ();
  self->rules = json_object_new ();
  self->field_config = json_array_new ();
}

/**
 * signet_signature_request_new:
 *
 * Returns: (transfer full): a new description with a fresh random
 *   signature request id
 */
SignetSignatureRequest *
signet_signature_request_new (void)
{
  return g_object_new (SIGNET_TYPE_SIGNATURE_REQUEST, NULL);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetSignatureRequest, SIGNET_IS_SIGNATURE_REQUEST, Ret,                  \
                        signet_signature_request_get_##member, member, fallback)

/**
 * signet_signature_request_get_signature_request_id:
 * @self: a #SignetSignatureRequest
 *
 * Returns: the signature request id
 */
GETTER (const char *, signature_request_id, NULL)

/**
 * signet_signature_request_set_signature_request_id:
 * @self: a #SignetSignatureRequest
 * @id: the id; each round needs a new one
 *
 * Sets the id, e.g. the one a journal recorded before a crash.
 */
void
signet_signature_request_set_signature_request_id (SignetSignatureRequest *self, const char *id)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (id != NULL && *id != '\0');
  signet_property_set_string (G_OBJECT (self), &self->signature_request_id, id,
                              properties[PROP_SIGNATURE_REQUEST_ID]);
}

/**
 * signet_signature_request_get_file:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable) (transfer none): the document to upload
 */
GETTER (GFile *, file, NULL)

/**
 * signet_signature_request_set_file:
 * @self: a #SignetSignatureRequest
 * @file: (nullable): the document to upload
 *
 * Sets a new document to sign.
 */
void
signet_signature_request_set_file (SignetSignatureRequest *self, GFile *file)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  signet_property_set_object (G_OBJECT (self), &self->file, file, properties[PROP_FILE]);
}

/**
 * signet_signature_request_get_document_id:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable): the stored document's id
 */
GETTER (const char *, document_id, NULL)

#define SETTER(kind, Arg, member, PROP)                                                            \
  SIGNET_DEFINE_SETTER (SignetSignatureRequest, SIGNET_IS_SIGNATURE_REQUEST, Arg,                  \
                        signet_signature_request_set_##member, signet_property_set_##kind, member, \
                        properties[PROP])

/**
 * signet_signature_request_set_document_id:
 * @self: a #SignetSignatureRequest
 * @document_id: (nullable): a stored document's id
 *
 * Makes the request sign a document the service already has.
 */
SETTER (string, const char *, document_id, PROP_DOCUMENT_ID)

/**
 * signet_signature_request_get_filename:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable): the document's name for the service
 */
GETTER (const char *, filename, NULL)

/**
 * signet_signature_request_set_filename:
 * @self: a #SignetSignatureRequest
 * @filename: (nullable): the name shown in e-mails; must end in .doc,
 *   .docx, .xls or .xlsx for the service to convert the file
 *
 * Sets the document's name.
 */
SETTER (string, const char *, filename, PROP_FILENAME)

/**
 * signet_signature_request_get_preprocessing:
 * @self: a #SignetSignatureRequest
 *
 * Returns: the state a new document starts in
 */
GETTER (SignetDocumentState, preprocessing, SIGNET_DOCUMENT_STATE_UNKNOWN)

/**
 * signet_signature_request_set_preprocessing:
 * @self: a #SignetSignatureRequest
 * @state: %SIGNET_DOCUMENT_STATE_TOSIGN, %SIGNET_DOCUMENT_STATE_TAGS,
 *   %SIGNET_DOCUMENT_STATE_TOSTAMP or %SIGNET_DOCUMENT_STATE_UNKNOWN
 *
 * Sets how the service prepares a new document.
 */
void
signet_signature_request_set_preprocessing (SignetSignatureRequest *self, SignetDocumentState state)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (state == SIGNET_DOCUMENT_STATE_UNKNOWN || state == SIGNET_DOCUMENT_STATE_TOSIGN
                    || state == SIGNET_DOCUMENT_STATE_TAGS
                    || state == SIGNET_DOCUMENT_STATE_TOSTAMP);
  signet_property_set_int (G_OBJECT (self), (int *) &self->preprocessing, state,
                           properties[PROP_PREPROCESSING]);
}

/**
 * signet_signature_request_get_change_state:
 * @self: a #SignetSignatureRequest
 *
 * Returns: the state a stored document is put into first
 */
GETTER (SignetDocumentState, change_state, SIGNET_DOCUMENT_STATE_UNKNOWN)

/**
 * signet_signature_request_set_change_state:
 * @self: a #SignetSignatureRequest
 * @state: the state, or %SIGNET_DOCUMENT_STATE_UNKNOWN to send none
 *
 * Sets `changeState`, e.g. %SIGNET_DOCUMENT_STATE_TOSIGN for a later round.
 */
SETTER (uint, SignetDocumentState, change_state, PROP_CHANGE_STATE)

/**
 * signet_signature_request_get_result_url:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable): the result URL
 */
GETTER (const char *, result_url, NULL)

/**
 * signet_signature_request_set_result_url:
 * @self: a #SignetSignatureRequest
 * @url: (nullable): where the signer's browser goes afterwards
 *
 * Sets `resulturl`.
 */
SETTER (string, const char *, result_url, PROP_RESULT_URL)

/**
 * signet_signature_request_get_send_info_url:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable): the callback URL
 */
GETTER (const char *, send_info_url, NULL)

/**
 * signet_signature_request_set_send_info_url:
 * @self: a #SignetSignatureRequest
 * @url: (nullable): the callback the service posts to
 *
 * Sets `sendInfoURL`.
 */
SETTER (string, const char *, send_info_url, PROP_SEND_INFO_URL)

/**
 * signet_signature_request_get_expiration:
 * @self: a #SignetSignatureRequest
 *
 * Returns: (nullable): when the request expires
 */
GETTER (GDateTime *, expiration, NULL)

/**
 * signet_signature_request_set_expiration:
 * @self: a #SignetSignatureRequest
 * @expiration: (nullable): when the request expires, at most 10 days ahead
 *
 * Sets `expirationTime`.
 */
SETTER (date_time, GDateTime *, expiration, PROP_EXPIRATION)

/**
 * signet_signature_request_get_fields_before_signing:
 * @self: a #SignetSignatureRequest
 *
 * Returns: what happens to form fields before signing
 */
GETTER (SignetFieldsBeforeSigning, fields_before_signing, SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT)

/**
 * signet_signature_request_set_fields_before_signing:
 * @self: a #SignetSignatureRequest
 * @fields: what happens to form fields before signing
 *
 * Sets `fieldsBeforeSigning`.
 */
SETTER (uint, SignetFieldsBeforeSigning, fields_before_signing, PROP_FIELDS_BEFORE_SIGNING)

/**
 * signet_signature_request_set_rule_string:
 * @self: a #SignetSignatureRequest
 * @rule: a rule's name (§10), e.g. "emailTo"
 * @value: (nullable): its value, or %NULL to remove the rule
 *
 * Sets one rule of the signing process.
 */
void
signet_signature_request_set_rule_string (SignetSignatureRequest *self,
                                          const char             *rule,
                                          const char             *value)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (rule != NULL);
  if (value == NULL)
    json_object_remove_member (self->rules, rule);
  else
    json_object_set_string_member (self->rules, rule, value);
}

/**
 * signet_signature_request_set_rule_boolean:
 * @self: a #SignetSignatureRequest
 * @rule: a rule's name, e.g. "signAnywhereEnabled"
 * @value: its value
 *
 * Sets one yes/no rule of the signing process.
 */
void
signet_signature_request_set_rule_boolean (SignetSignatureRequest *self,
                                           const char             *rule,
                                           gboolean                value)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (rule != NULL);
  json_object_set_boolean_member (self->rules, rule, value);
}

/**
 * signet_signature_request_set_rule_int:
 * @self: a #SignetSignatureRequest
 * @rule: a rule's name, e.g. "guiSignatureNumber"
 * @value: its value
 *
 * Sets one numeric rule of the signing process.
 */
void
signet_signature_request_set_rule_int (SignetSignatureRequest *self, const char *rule, gint64 value)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (rule != NULL);
  json_object_set_int_member (self->rules, rule, value);
}

/**
 * signet_signature_request_add_allowed_field:
 * @self: a #SignetSignatureRequest
 * @type: the field's type
 * @name: the field's technical name, or a text tag such as "_SO1_"
 *
 * Limits this round to the fields added (`allowedFields`); with none added,
 * every field may be used.
 */
void
signet_signature_request_add_allowed_field (SignetSignatureRequest *self,
                                            SignetFieldType         type,
                                            const char             *name)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (type <= SIGNET_FIELD_TYPE_COMBOBOX);
  g_return_if_fail (name != NULL);

  if (self->allowed_fields[type] == NULL)
    self->allowed_fields[type] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->allowed_fields[type], g_strdup (name));
}

/**
 * signet_signature_request_add_field_value:
 * @self: a #SignetSignatureRequest
 * @name: a form field's technical name
 * @value: the value to fill in ("1" checks a check box)
 * @read_only: whether the signer may change it
 *
 * Pre-fills a form field (`fieldConfig`).
 */
void
signet_signature_request_add_field_value (SignetSignatureRequest *self,
                                          const char             *name,
                                          const char             *value,
                                          gboolean                read_only)
{
  JsonObject *field;

  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (name != NULL && value != NULL);

  field = json_object_new ();
  json_object_set_string_member (field, "name", name);
  json_object_set_string_member (field, "value", value);
  if (read_only)
    json_object_set_boolean_member (field, "readOnly", TRUE);
  json_array_add_object_element (self->field_config, field);
}

/**
 * signet_signature_request_add_ignore_required:
 * @self: a #SignetSignatureRequest
 * @type: a field type
 *
 * Lets the signer leave required fields of @type empty (`ignoreRequired`).
 */
void
signet_signature_request_add_ignore_required (SignetSignatureRequest *self, SignetFieldType type)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self));
  g_return_if_fail (type <= SIGNET_FIELD_TYPE_COMBOBOX);
  self->ignore_required |= 1u << type;
}

/* Decisions where the reference allows two spellings (§19): rules and
 * allowedFields go as objects with arrays (the newer wiki's form), the
 * expiration as a string of epoch milliseconds, as in every example. */
JsonNode *
signet_signature_request_to_json (SignetSignatureRequest *self,
                                  const char             *document_id,
                                  const char             *content)
{
  /* Not immutable: the rules and field values are shared, not copied. */
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gboolean any_allowed = FALSE;

  g_return_val_if_fail (SIGNET_IS_SIGNATURE_REQUEST (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "signatureRequestId");
  json_builder_add_string_value (builder, self->signature_request_id);

  if (document_id != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, document_id);
    }
  if (self->change_state != SIGNET_DOCUMENT_STATE_UNKNOWN)
    {
      json_builder_set_member_name (builder, "changeState");
      json_builder_add_string_value (builder, signet_document_state_to_string (self->change_state));
    }
  if (content != NULL)
    {
      json_builder_set_member_name (builder, "filedata");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, content);
      if (self->preprocessing != SIGNET_DOCUMENT_STATE_UNKNOWN)
        {
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder,
                                         signet_document_state_to_string (self->preprocessing));
        }
      json_builder_end_object (builder);
    }
  if (self->filename != NULL)
    {
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, self->filename);
    }
  if (self->result_url != NULL)
    {
      json_builder_set_member_name (builder, "resulturl");
      json_builder_add_string_value (builder, self->result_url);
    }
  if (self->send_info_url != NULL)
    {
      json_builder_set_member_name (builder, "sendInfoURL");
      json_builder_add_string_value (builder, self->send_info_url);
    }
  if (self->expiration != NULL)
    {
      g_autofree char *ms = g_strdup_printf (
        "%" G_GINT64_FORMAT, g_date_time_to_unix (self->expiration) * 1000
                               + g_date_time_get_microsecond (self->expiration) / 1000);

      json_builder_set_member_name (builder, "expirationTime");
      json_builder_add_string_value (builder, ms);
    }
  if (json_object_get_size (self->rules) > 0)
    {
      json_builder_set_member_name (builder, "rules");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->rules));
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->allowed_fields); i++)
    {
      if (self->allowed_fields[i] == NULL)
        continue;
      if (!any_allowed)
        {
          json_builder_set_member_name (builder, "allowedFields");
          json_builder_begin_object (builder);
          any_allowed = TRUE;
        }
      json_builder_set_member_name (builder, signet_field_type_names[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; j < self->allowed_fields[i]->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->allowed_fields[i], j));
      json_builder_end_array (builder);
    }
  if (any_allowed)
    json_builder_end_object (builder);

  if (json_array_get_length (self->field_config) > 0)
    {
      json_builder_set_member_name (builder, "fieldConfig");
      json_builder_add_value (builder,
                              json_node_init_array (json_node_alloc (), self->field_config));
    }
  if (self->ignore_required != 0)
    {
      json_builder_set_member_name (builder, "ignoreRequired");
      json_builder_begin_array (builder);
      for (guint i = 0; signet_field_type_names[i] != NULL; i++)
        if (self->ignore_required & (1u << i))
          json_builder_add_string_value (builder, signet_field_type_names[i]);
      json_builder_end_array (builder);
    }
  if (self->fields_before_signing != SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT)
    {
      static const char *const names[] = { NULL, "flatten", "readOnly", "keep" };

      json_builder_set_member_name (builder, "fieldsBeforeSigning");
      json_builder_add_string_value (builder, names[self->fields_before_signing]);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
