/* signet-request-spec-plan.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-spec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-json-private.h"
#include "signet-request-spec-plan.h"
#include "signet-signature-request-private.h"

/* The way back from signet_request_spec_build_rounds(): the request
 * description read from a journalled plan (one E1 body per round), so
 * that "Send Again" opens the editor filled in. One-time codes the sender
 * chose are left out: a new request gets new ones. */

static void
read_round (SignetRoundSpec *round, JsonObject *rules, JsonObject *allowed)
{
  JsonArray *signature = signet_json_array_member (allowed, "SIGNATURE");
  g_autoptr (GStrvBuilder) fields = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  signet_round_spec_set_signer_name (round, signet_json_string_member (rules, "guiSignerName"));
  signet_round_spec_set_ask_signer_name (
    round, signet_json_boolean_member (rules, "guiRequestSignerName", FALSE));
  signet_round_spec_set_signer_email (round, signet_json_string_member (rules, "emailTo"));

  /* The channels and where the codes go; never the codes themselves. */
  if (signet_json_string_member (rules, "openOtpEmail") != NULL)
    signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  else if (signet_json_string_member (rules, "openOtpPhone") != NULL)
    signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_SMS);
  if (signet_json_string_member (rules, "signOtpEmail") != NULL)
    signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  else if (signet_json_string_member (rules, "signOtpPhone") != NULL)
    signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_SMS);
  {
    const char *otp_email = signet_json_string_member (rules, "openOtpEmail") != NULL
                              ? signet_json_string_member (rules, "openOtpEmail")
                              : signet_json_string_member (rules, "signOtpEmail");
    const char *phone = signet_json_string_member (rules, "openOtpPhone") != NULL
                          ? signet_json_string_member (rules, "openOtpPhone")
                          : signet_json_string_member (rules, "signOtpPhone");

    /* The signer's own address is the default, kept unset. */
    if (otp_email != NULL
        && g_strcmp0 (otp_email, signet_json_string_member (rules, "emailTo")) != 0)
      signet_round_spec_set_otp_email (round, otp_email);
    signet_round_spec_set_phone (round, phone);
  }

  for (guint i = 0; signature != NULL && i < json_array_get_length (signature); i++)
    {
      JsonNode *node = json_array_get_element (signature, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (fields, json_node_get_string (node));
    }
  list = g_strv_builder_end (fields);
  signet_round_spec_set_fields (round, (const char *const *) list);
}

/* emailFinal of the last round names the recipients chosen and every
 * signer (signet-request-rounds.c): the recipients are those that are not
 * a signer. */
static void
read_final_recipients (SignetRequestSpec *self, JsonObject *rules)
{
  const char *final = signet_json_string_member (rules, "emailFinal");
  g_auto (GStrv) addresses = final != NULL ? g_strsplit (final, ";", -1) : NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  g_autofree char *joined = NULL;

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      gboolean signer = FALSE;

      for (guint r = 0; r < signet_request_spec_get_n_rounds (self); r++)
        signer |= g_strcmp0 (
                    signet_round_spec_get_signer_email (signet_request_spec_get_round (self, r)),
                    addresses[i])
                  == 0;
      if (!signer && *addresses[i] != '\0')
        g_ptr_array_add (recipients, addresses[i]);
    }
  if (recipients->len > 0)
    joined = g_strjoinv ("; ", (char **) recipients->pdata);
  signet_request_spec_set_final_recipients (self, joined);
}

static void
read_first_round (SignetRequestSpec *self, JsonObject *body, gint64 created)
{
  JsonObject          *filedata = signet_json_object_member (body, "filedata");
  const char          *state = signet_json_string_member (filedata, "state");
  const char          *value;
  JsonArray           *fields = signet_json_array_member (body, "fieldConfig");
  JsonArray           *types = signet_json_array_member (body, "ignoreRequired");
  SignetFieldTypeFlags ignore = SIGNET_FIELD_TYPE_FLAGS_NONE;

  signet_request_spec_set_stamp_before_signing (self, g_strcmp0 (state, "tostamp") == 0);
  value = signet_json_string_member (body, "fieldsBeforeSigning");
  signet_request_spec_set_fields_before_signing (
    self, g_strcmp0 (value, "flatten") == 0    ? SIGNET_FIELDS_BEFORE_SIGNING_FLATTEN
          : g_strcmp0 (value, "readOnly") == 0 ? SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY
          : g_strcmp0 (value, "keep") == 0     ? SIGNET_FIELDS_BEFORE_SIGNING_KEEP
                                               : SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT);
  signet_request_spec_set_result_url (self, signet_json_string_member (body, "resulturl"));

  /* The lifetime chosen, in hours, as it was counted from journalling. */
  if ((value = signet_json_string_member (body, "expirationTime")) != NULL && created > 0)
    {
      gint64 hours = (g_ascii_strtoll (value, NULL, 10) - created + 1800000) / 3600000;

      signet_request_spec_set_expiry_hours (
        self, (guint) CLAMP (hours, 1, SIGNET_REQUEST_MAX_EXPIRY_HOURS));
    }

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode         *node = json_array_get_element (fields, i);
      JsonObject       *field = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      SignetFieldValue *to;

      if (signet_json_string_member (field, "name") == NULL)
        continue;
      to = signet_request_spec_add_field_value (self, signet_json_string_member (field, "name"));
      signet_field_value_set_value (to, signet_json_string_member (field, "value"));
      signet_field_value_set_read_only (to, signet_json_boolean_member (field, "readOnly", FALSE));
    }

  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      int type = signet_field_type_from_name (json_array_get_string_element (types, i));

      if (type >= 0)
        ignore |= 1u << type;
    }
  signet_request_spec_set_ignore_required (self, ignore);
}

/* The options every round carries alike, read from the first's rules. */
static void
read_rules (SignetRequestSpec *self, JsonObject *rules, const char *state)
{
  JsonNode *number = rules != NULL ? json_object_get_member (rules, "guiSignatureNumber") : NULL;

  signet_request_spec_set_signing_mode (
    self, signet_json_boolean_member (rules, "signAnywhereEnabled", TRUE)
            ? SIGNET_SIGNING_MODE_ANYWHERE
          : g_strcmp0 (state, "tags") == 0 ? SIGNET_SIGNING_MODE_TAGS
                                           : SIGNET_SIGNING_MODE_FIELDS);
  signet_request_spec_set_sender_email (self, signet_json_string_member (rules, "emailFrom"));
  signet_request_spec_set_sender_name (self, signet_json_string_member (rules, "nameFrom"));
  signet_request_spec_set_message (self, signet_json_string_member (rules, "emailMessage"));
  if (signet_json_string_member (rules, "lang") != NULL)
    signet_request_spec_set_language (self, signet_json_string_member (rules, "lang"));
  signet_request_spec_set_email_reminders (
    self, signet_json_boolean_member (rules, "emailNotification", FALSE));
  signet_request_spec_set_no_mouse_signing (
    self, !signet_json_boolean_member (rules, "mouseSignature", TRUE));
  signet_request_spec_set_qr_handover (
    self, signet_json_boolean_member (rules, "guiRemoteQRCodeEnabled", TRUE));
  signet_request_spec_set_auto_submit (self,
                                       signet_json_boolean_member (rules, "guiAutoSubmit", FALSE));
  signet_request_spec_set_one_button (self,
                                      signet_json_boolean_member (rules, "guiOneButton", FALSE));
  signet_request_spec_set_open_signature (
    self, signet_json_boolean_member (rules, "guiOpenSignature", FALSE));
  signet_request_spec_set_read_required (
    self, signet_json_boolean_member (rules, "guiReadRequired", FALSE));
  signet_request_spec_set_signer_date_format (self,
                                              signet_json_string_member (rules, "guiSignerDate"));
  signet_request_spec_set_auto_envelope_submit (
    self, signet_json_boolean_member (rules, "guiAutoEnvelopeSubmit", FALSE));
  signet_request_spec_set_expiry_notification (
    self, signet_json_boolean_member (rules, "notificationExpiration", FALSE));
  signet_request_spec_set_signature_number (
    self, number != NULL && JSON_NODE_HOLDS_VALUE (number)
              && json_node_get_value_type (number) == G_TYPE_INT64
            ? (guint) CLAMP (json_node_get_int (number), 0, G_MAXUINT)
            : 0);
}

/**
 * signet_request_spec_new_from_plan:
 * @document: a journalled #SignetDocument
 * @error: return location for a #GError
 *
 * Reads the request description @document was sent with from its
 * journalled plan: the signing mode, every round's signer, fields and
 * one-time code channels, the e-mail, the options, the expiry and the
 * form field values. The one-time codes the sender chose are not read.
 *
 * Returns: (transfer full): a new #SignetRequestSpec, or %NULL with
 *   @error set when the journal's record is damaged
 */
SignetRequestSpec *
signet_request_spec_new_from_plan (SignetDocument *document, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (SignetRequestSpec) self = NULL;
  JsonNode   *root;
  JsonArray  *plan;
  JsonObject *first, *rules;
  guint       n;

  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);

  if (signet_document_get_plan (document) == NULL
      || !json_parser_load_from_data (parser, signet_document_get_plan (document), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || (n = json_array_get_length (plan = json_node_get_array (root))) == 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The journal’s record of “%s” is damaged, so its settings cannot be used "
                      "again. Drop the document on the window to send it anew."),
                   signet_document_get_filename (document));
      return NULL;
    }

  self = signet_request_spec_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode        *node = json_array_get_element (plan, i);
      JsonObject      *body = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      SignetRoundSpec *round
        = i == 0 ? signet_request_spec_get_round (self, 0) : signet_request_spec_add_round (self);

      read_round (round, signet_json_object_member (body, "rules"),
                  signet_json_object_member (body, "allowedFields"));
    }

  {
    JsonNode *node = json_array_get_element (plan, 0);

    first = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  }
  rules = signet_json_object_member (first, "rules");
  read_rules (self, rules,
              signet_json_string_member (signet_json_object_member (first, "filedata"), "state"));
  read_first_round (self, first, signet_document_get_created (document));
  {
    JsonNode *node = json_array_get_element (plan, n - 1);

    read_final_recipients (self, JSON_NODE_HOLDS_OBJECT (node) ? signet_json_object_member (
                                   json_node_get_object (node), "rules")
                                                               : NULL);
  }
  return g_steal_pointer (&self);
}
