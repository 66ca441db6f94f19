/* signet-presets.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-presets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "signet-presets.h"
#include "signet-error.h"
#include "signet-request-spec-private.h"
#include "signet-signature-request-private.h"

/* A preset is a JSON object of the options below; everything that belongs
 * to one file (field values, and in fields mode the fields of each round)
 * stays out. docs/requests.md shows the format. */
#define PRESET_VERSION 1
#define MAX_STRING     4096
#define MAX_FIELDS     50
#define MAX_DEPTH      8
/* A preset larger than this is not a preset. */
#define MAX_PRESET_LENGTH (64 * 1024)

static const char *const mode_names[] = { "anywhere", "fields", "tags", NULL };
static const char *const otp_names[] = { "none", "email", "sms", NULL };
static const char *const keep_names[] = { "default", "flatten", "readOnly", "keep", NULL };

static void
add_string (JsonBuilder *builder, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder, const char *member, gboolean value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/**
 * signet_request_spec_to_json:
 * @self: a #SignetRequestSpec
 *
 * Writes the description as a preset: without the field values, and
 * without the fields of each round unless they are tags.
 *
 * Returns: (transfer full): the JSON text
 */
char *
signet_request_spec_to_json (SignetRequestSpec *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PRESET_VERSION);
  add_string (builder, "signingMode", mode_names[self->signing_mode]);
  add_string (builder, "senderEmail", self->sender_email);
  add_string (builder, "senderName", self->sender_name);
  add_string (builder, "message", self->message);
  add_string (builder, "language", self->language);
  add_string (builder, "finalRecipients", self->final_recipients);
  add_boolean (builder, "emailReminders", self->email_reminders);
  json_builder_set_member_name (builder, "expiryHours");
  json_builder_add_int_value (builder, self->expiry_hours);
  add_boolean (builder, "noMouseSigning", self->no_mouse_signing);
  add_boolean (builder, "qrHandover", self->qr_handover);
  add_boolean (builder, "stampBeforeSigning", self->stamp_before_signing);
  add_string (builder, "fieldsBeforeSigning", keep_names[self->fields_before_signing]);
  json_builder_set_member_name (builder, "ignoreRequired");
  json_builder_begin_array (builder);
  for (guint t = 0; signet_field_type_names[t] != NULL; t++)
    if (self->ignore_required & (1u << t))
      json_builder_add_string_value (builder, signet_field_type_names[t]);
  json_builder_end_array (builder);
  add_string (builder, "resultUrl", self->result_url);
  add_boolean (builder, "autoSubmit", self->auto_submit);
  add_boolean (builder, "oneButton", self->one_button);
  add_boolean (builder, "openSignature", self->open_signature);
  add_boolean (builder, "readRequired", self->read_required);
  add_string (builder, "signerDateFormat", self->signer_date_format);
  add_boolean (builder, "autoEnvelopeSubmit", self->auto_envelope_submit);
  add_boolean (builder, "expiryNotification", self->expiry_notification);
  json_builder_set_member_name (builder, "signatureNumber");
  json_builder_add_int_value (builder, self->signature_number);

  json_builder_set_member_name (builder, "rounds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < signet_request_spec_get_n_rounds (self); i++)
    {
      SignetRoundSpec *round = signet_request_spec_get_round (self, i);

      json_builder_begin_object (builder);
      add_string (builder, "signerName", round->signer_name);
      add_boolean (builder, "askSignerName", round->ask_signer_name);
      add_string (builder, "signerEmail", round->signer_email);
      add_string (builder, "openOtp", otp_names[round->open_otp]);
      add_string (builder, "signOtp", otp_names[round->sign_otp]);
      add_string (builder, "otpEmail", round->otp_email);
      add_string (builder, "phone", round->phone);
      if (self->signing_mode == SIGNET_SIGNING_MODE_TAGS)
        {
          json_builder_set_member_name (builder, "fields");
          json_builder_begin_array (builder);
          for (guint j = 0; round->fields[j] != NULL; j++)
            json_builder_add_string_value (builder, round->fields[j]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
preset_error (GError **error, const char *detail)
{
  g_debug ("Refusing a preset: %s", detail);
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                       _ ("The preset is damaged or comes from a newer version of Signet. "
                          "Delete it and save it again."));
  return FALSE;
}

/* Nesting deeper than a preset has is refused before the (recursive)
 * parser sees it. */
static gboolean
nesting_ok (const char *text, gsize length)
{
  gboolean in_string = FALSE;
  int      depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

typedef struct
{
  const char *member;
  gboolean    seen;
} Member;

/* json-glib reads escapes such as "\246" as octal bytes, so a string it
 * returns need not be UTF-8 even when the preset's text is. */
static gboolean
string_ok (const char *text)
{
  return strlen (text) <= MAX_STRING && g_utf8_validate (text, -1, NULL);
}

/* A string member: absent or null → NULL; anything else not a string, too
 * long or not UTF-8, is an error. */
static gboolean
get_string (JsonObject *object, const char *member, const char **value, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return preset_error (error, member);
  *value = json_node_get_string (node);
  if (!string_ok (*value))
    return preset_error (error, member);
  return TRUE;
}

static gboolean
get_boolean (JsonObject *object, const char *member, gboolean *value, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return preset_error (error, member);
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* An integer member from 0 to @max; absent keeps @value. */
static gboolean
get_uint (JsonObject *object, const char *member, gint64 max, guint *value, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0 || json_node_get_int (node) > max)
    return preset_error (error, member);
  *value = (guint) json_node_get_int (node);
  return TRUE;
}

static gboolean
get_name (JsonObject        *object,
          const char        *member,
          const char *const *names,
          guint             *value,
          GError           **error)
{
  const char *text;

  if (!get_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      {
        *value = i;
        return TRUE;
      }
  return preset_error (error, member);
}

static gboolean
only_known (JsonObject *object, const char *const *known, GError **error)
{
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known, name))
      return preset_error (error, name);
  return TRUE;
}

static gboolean
get_strings (JsonObject *object, const char *member, GStrv *value, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return preset_error (error, member);
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_FIELDS)
    return preset_error (error, member);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || *json_node_get_string (element) == '\0' || !string_ok (json_node_get_string (element)))
        return preset_error (error, member);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *value = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_round (JsonNode *node, SignetRoundSpec *round, gboolean *has_fields, GError **error)
{
  static const char *const known[]
    = { "signerName", "askSignerName", "signerEmail", "openOtp", "signOtp",
        "otpEmail",   "phone",         "fields",      NULL };
  const char *name, *email, *otp_email, *phone;
  gboolean    ask = FALSE;
  guint       open_otp = SIGNET_OTP_CHANNEL_NONE, sign_otp = SIGNET_OTP_CHANNEL_NONE;
  g_auto (GStrv) fields = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return preset_error (error, "round");
  object = json_node_get_object (node);
  if (!only_known (object, known, error) || !get_string (object, "signerName", &name, error)
      || !get_boolean (object, "askSignerName", &ask, error)
      || !get_string (object, "signerEmail", &email, error)
      || !get_name (object, "openOtp", otp_names, &open_otp, error)
      || !get_name (object, "signOtp", otp_names, &sign_otp, error)
      || !get_string (object, "otpEmail", &otp_email, error)
      || !get_string (object, "phone", &phone, error)
      || !get_strings (object, "fields", &fields, error))
    return FALSE;

  signet_round_spec_set_signer_name (round, name);
  signet_round_spec_set_ask_signer_name (round, ask);
  signet_round_spec_set_signer_email (round, email);
  signet_round_spec_set_open_otp (round, open_otp);
  signet_round_spec_set_sign_otp (round, sign_otp);
  signet_round_spec_set_otp_email (round, otp_email);
  signet_round_spec_set_phone (round, phone);
  *has_fields = fields != NULL;
  if (fields != NULL)
    signet_round_spec_set_fields (round, (const char *const *) fields);
  return TRUE;
}

/* Reads @json into a fresh description; @into (nullable) gives the field
 * values and the round fields the preset does not carry. */
static SignetRequestSpec *
parse_preset (const char *json, SignetRequestSpec *into, GError **error)
{
  static const char *const known[] = { "version",
                                       "signingMode",
                                       "senderEmail",
                                       "senderName",
                                       "message",
                                       "language",
                                       "finalRecipients",
                                       "emailReminders",
                                       "expiryHours",
                                       "noMouseSigning",
                                       "qrHandover",
                                       "stampBeforeSigning",
                                       "fieldsBeforeSigning",
                                       "ignoreRequired",
                                       "resultUrl",
                                       "autoSubmit",
                                       "oneButton",
                                       "openSignature",
                                       "readRequired",
                                       "signerDateFormat",
                                       "autoEnvelopeSubmit",
                                       "expiryNotification",
                                       "signatureNumber",
                                       "rounds",
                                       NULL };
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (SignetRequestSpec) spec = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) ignore = NULL;
  const char *sender_email, *sender_name, *message, *language, *recipients, *result_url,
    *date_format;
  guint       mode = SIGNET_SIGNING_MODE_ANYWHERE, keep = SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT;
  JsonObject *object;
  JsonNode   *node;
  JsonArray  *rounds;
  gsize       length;

  if (json == NULL)
    return preset_error (error, "NULL"), NULL;
  length = strlen (json);
  if (length == 0 || length > MAX_PRESET_LENGTH || !g_utf8_validate (json, length, NULL)
      || !nesting_ok (json, length))
    return preset_error (error, "size, encoding or nesting"), NULL;
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    return preset_error (error, local_error->message), NULL;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return preset_error (error, "not an object"), NULL;
  object = json_node_get_object (node);
  if (!only_known (object, known, error))
    return NULL;

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) != PRESET_VERSION)
    return preset_error (error, "version"), NULL;

  spec = g_object_new (SIGNET_TYPE_REQUEST_SPEC, NULL);
  if (!get_name (object, "signingMode", mode_names, &mode, error)
      || !get_string (object, "senderEmail", &sender_email, error)
      || !get_string (object, "senderName", &sender_name, error)
      || !get_string (object, "message", &message, error)
      || !get_string (object, "language", &language, error)
      || !get_string (object, "finalRecipients", &recipients, error)
      || !get_boolean (object, "emailReminders", &spec->email_reminders, error)
      || !get_boolean (object, "noMouseSigning", &spec->no_mouse_signing, error)
      || !get_boolean (object, "qrHandover", &spec->qr_handover, error)
      || !get_boolean (object, "stampBeforeSigning", &spec->stamp_before_signing, error)
      || !get_name (object, "fieldsBeforeSigning", keep_names, &keep, error)
      || !get_strings (object, "ignoreRequired", &ignore, error)
      || !get_string (object, "resultUrl", &result_url, error)
      || !get_boolean (object, "autoSubmit", &spec->auto_submit, error)
      || !get_boolean (object, "oneButton", &spec->one_button, error)
      || !get_boolean (object, "openSignature", &spec->open_signature, error)
      || !get_boolean (object, "readRequired", &spec->read_required, error)
      || !get_string (object, "signerDateFormat", &date_format, error)
      || !get_boolean (object, "autoEnvelopeSubmit", &spec->auto_envelope_submit, error)
      || !get_boolean (object, "expiryNotification", &spec->expiry_notification, error))
    return NULL;

  spec->signing_mode = mode;
  spec->fields_before_signing = keep;
  signet_request_spec_set_sender_email (spec, sender_email);
  signet_request_spec_set_sender_name (spec, sender_name);
  signet_request_spec_set_message (spec, message);
  /* An unknown language stays, for validation to point at. */
  signet_request_spec_set_language (spec, language);
  signet_request_spec_set_final_recipients (spec, recipients);
  signet_request_spec_set_result_url (spec, result_url);
  signet_request_spec_set_signer_date_format (spec, date_format);
  for (guint i = 0; ignore != NULL && ignore[i] != NULL; i++)
    {
      guint t;

      for (t = 0; signet_field_type_names[t] != NULL; t++)
        if (g_str_equal (signet_field_type_names[t], ignore[i]))
          break;
      if (signet_field_type_names[t] == NULL)
        return preset_error (error, "ignoreRequired"), NULL;
      spec->ignore_required |= 1u << t;
    }

  if (!get_uint (object, "expiryHours", 100000, &spec->expiry_hours, error)
      || !get_uint (object, "signatureNumber", 100, &spec->signature_number, error))
    return NULL;

  node = json_object_get_member (object, "rounds");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return preset_error (error, "rounds"), NULL;
  rounds = json_node_get_array (node);
  if (json_array_get_length (rounds) == 0
      || json_array_get_length (rounds) > SIGNET_REQUEST_MAX_ROUNDS)
    return preset_error (error, "rounds"), NULL;
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      SignetRoundSpec *round = signet_request_spec_add_round (spec);
      gboolean         has_fields = FALSE;

      if (!read_round (json_array_get_element (rounds, i), round, &has_fields, error))
        return NULL;
      if (!has_fields && into != NULL && i < signet_request_spec_get_n_rounds (into))
        signet_round_spec_set_fields (
          round, signet_round_spec_get_fields (signet_request_spec_get_round (into, i)));
    }

  return g_steal_pointer (&spec);
}

/**
 * signet_request_spec_new_from_json:
 * @json: a preset, as signet_request_spec_to_json() wrote it
 * @error: return location for a #GError
 *
 * Reads a preset. Anything else than what signet_request_spec_to_json()
 * writes (another version, an unknown member, a wrong type, a huge or
 * deeply nested text) is refused with %SIGNET_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL
 */
SignetRequestSpec *
signet_request_spec_new_from_json (const char *json, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_preset (json, NULL, error);
}

/**
 * signet_request_spec_apply_json:
 * @self: a #SignetRequestSpec
 * @json: a preset
 * @error: return location for a #GError
 *
 * Takes every option of the preset, keeping what belongs to this
 * document: the field values, and the fields of each round the preset
 * does not name. Nothing changes when the preset cannot be read.
 *
 * Returns: whether the preset was applied
 */
gboolean
signet_request_spec_apply_json (SignetRequestSpec *self, const char *json, GError **error)
{
  g_autoptr (SignetRequestSpec) preset = NULL;
  guint n_rounds;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  preset = parse_preset (json, self, error);
  if (preset == NULL)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  signet_request_spec_set_signing_mode (self, preset->signing_mode);
  signet_request_spec_set_sender_email (self, preset->sender_email);
  signet_request_spec_set_sender_name (self, preset->sender_name);
  signet_request_spec_set_message (self, preset->message);
  signet_request_spec_set_language (self, preset->language);
  signet_request_spec_set_final_recipients (self, preset->final_recipients);
  signet_request_spec_set_email_reminders (self, preset->email_reminders);
  signet_request_spec_set_expiry_hours (self, preset->expiry_hours);
  signet_request_spec_set_no_mouse_signing (self, preset->no_mouse_signing);
  signet_request_spec_set_qr_handover (self, preset->qr_handover);
  signet_request_spec_set_stamp_before_signing (self, preset->stamp_before_signing);
  signet_request_spec_set_fields_before_signing (self, preset->fields_before_signing);
  signet_request_spec_set_ignore_required (self, preset->ignore_required);
  signet_request_spec_set_result_url (self, preset->result_url);
  signet_request_spec_set_auto_submit (self, preset->auto_submit);
  signet_request_spec_set_one_button (self, preset->one_button);
  signet_request_spec_set_open_signature (self, preset->open_signature);
  signet_request_spec_set_read_required (self, preset->read_required);
  signet_request_spec_set_signer_date_format (self, preset->signer_date_format);
  signet_request_spec_set_auto_envelope_submit (self, preset->auto_envelope_submit);
  signet_request_spec_set_expiry_notification (self, preset->expiry_notification);
  signet_request_spec_set_signature_number (self, preset->signature_number);

  /* The rounds: the existing objects are kept (the editor has bound them),
   * extra ones removed, missing ones added. */
  n_rounds = signet_request_spec_get_n_rounds (preset);
  while (signet_request_spec_get_n_rounds (self) > n_rounds)
    signet_request_spec_remove_round (self, signet_request_spec_get_n_rounds (self) - 1);
  while (signet_request_spec_get_n_rounds (self) < n_rounds)
    signet_request_spec_add_round (self);
  for (guint i = 0; i < n_rounds; i++)
    {
      SignetRoundSpec *round = signet_request_spec_get_round (self, i);
      /* Chosen codes are for one request: not in presets, and kept. */
      g_autofree char *open_code = g_strdup (round->open_code);
      g_autofree char *sign_code = g_strdup (round->sign_code);

      signet_round_spec_assign (round, signet_request_spec_get_round (preset, i));
      signet_round_spec_set_open_code (round, open_code);
      signet_round_spec_set_sign_code (round, sign_code);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/**
 * signet_presets_list:
 * @settings: the application's settings
 *
 * Returns: (transfer full): the names of the saved presets, sorted
 */
char **
signet_presets_list (GSettings *settings)
{
  g_autoptr (GVariant) presets = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  GVariantIter iter;
  const char  *name;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  presets = g_settings_get_value (settings, "presets");
  g_variant_iter_init (&iter, presets);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Writes the presets of @settings with @name set to @json, or removed
 * when @json is %NULL. Returns whether @name was there. */
static gboolean
write_preset (GSettings *settings, const char *name, const char *json)
{
  g_autoptr (GVariant) presets = g_settings_get_value (settings, "presets");
  GVariantBuilder builder;
  GVariantIter    iter;
  const char     *key, *value;
  gboolean        found = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, presets);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      if (g_str_equal (key, name))
        {
          found = TRUE;
          continue;
        }
      g_variant_builder_add (&builder, "{ss}", key, value);
    }
  if (json != NULL)
    g_variant_builder_add (&builder, "{ss}", name, json);
  g_settings_set_value (settings, "presets", g_variant_builder_end (&builder));
  return found;
}

/**
 * signet_presets_save:
 * @settings: the application's settings
 * @name: the preset's name, as the user typed it
 * @spec: the description to save
 * @error: return location for a #GError
 *
 * Saves @spec under @name, replacing a preset of that name.
 *
 * Returns: whether it was saved (an empty name is not)
 */
gboolean
signet_presets_save (GSettings *settings, const char *name, SignetRequestSpec *spec, GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (spec), FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0' || g_utf8_strlen (stripped, -1) > 100
      || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("Give the preset a name of at most 100 characters."));
      return FALSE;
    }
  json = signet_request_spec_to_json (spec);
  write_preset (settings, stripped, json);
  return TRUE;
}

/**
 * signet_presets_delete:
 * @settings: the application's settings
 * @name: a preset's name
 *
 * Returns: whether there was a preset called @name
 */
gboolean
signet_presets_delete (GSettings *settings, const char *name)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return write_preset (settings, name, NULL);
}

/**
 * signet_presets_apply:
 * @settings: the application's settings
 * @name: a preset's name
 * @spec: the description to change
 * @error: return location for a #GError
 *
 * Applies the preset @name to @spec (see signet_request_spec_apply_json()).
 *
 * Returns: whether it was applied
 */
gboolean
signet_presets_apply (GSettings         *settings,
                      const char        *name,
                      SignetRequestSpec *spec,
                      GError           **error)
{
  g_autoptr (GVariant) presets = NULL;
  const char *json = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (spec), FALSE);

  presets = g_settings_get_value (settings, "presets");
  if (!g_variant_lookup (presets, name, "&s", &json))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND, _ ("There is no preset “%s”."),
                   name);
      return FALSE;
    }
  return signet_request_spec_apply_json (spec, json, error);
}
