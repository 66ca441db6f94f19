/* signet-request-rounds.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-rounds"

#include "config.h"

#include "signet-request-rounds.h"
#include "signet-error.h"
#include "signet-request-spec-private.h"
#include "signet-request-validation.h"

/* The rules of round @index (§10.2), as objects (the newer wiki's form). */
static void
set_rules (SignetRequestSpec *self, guint index, SignetSignatureRequest *request)
{
  SignetRoundSpec *round = signet_request_spec_get_round (self, index);
  guint            n_rounds = signet_request_spec_get_n_rounds (self);
  g_auto (GStrv) recipients = signet_request_split_recipients (self->final_recipients);
  const char      *otp_email = round->otp_email != NULL ? round->otp_email : round->signer_email;
  g_autofree char *phone = signet_request_normalize_phone (round->phone);

  signet_signature_request_set_rule_boolean (request, "signAnywhereEnabled",
                                             self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE);
  if (round->signer_name != NULL)
    signet_signature_request_set_rule_string (request, "guiSignerName", round->signer_name);
  if (round->ask_signer_name)
    signet_signature_request_set_rule_boolean (request, "guiRequestSignerName", TRUE);
  if (round->signer_email != NULL)
    signet_signature_request_set_rule_string (request, "emailTo", round->signer_email);
  if (self->sender_email != NULL)
    signet_signature_request_set_rule_string (request, "emailFrom", self->sender_email);
  if (self->sender_name != NULL)
    signet_signature_request_set_rule_string (request, "nameFrom", self->sender_name);
  if (self->message != NULL)
    signet_signature_request_set_rule_string (request, "emailMessage", self->message);
  signet_signature_request_set_rule_string (request, "lang", self->language);

  /* The signed copy goes, on the last round, to the recipients named and
   * to every signer (§11: "all signers' addresses into emailFinal"); an
   * emailFinal replaces the default (emailTo), so the last signer is named
   * too. Without recipients and earlier signers the default stands. */
  if (index + 1 == n_rounds)
    {
      g_autoptr (GPtrArray) to = g_ptr_array_new_null_terminated (4, NULL, TRUE);
      gboolean earlier = FALSE;

      for (guint i = 0; recipients[i] != NULL; i++)
        if (!g_strv_contains ((const char *const *) to->pdata, recipients[i]))
          g_ptr_array_add (to, recipients[i]);
      for (guint i = 0; i + 1 < n_rounds; i++)
        earlier |= signet_request_spec_get_round (self, i)->signer_email != NULL;
      if (to->len > 0 || earlier)
        for (guint i = 0; i < n_rounds; i++)
          {
            const char *email = signet_request_spec_get_round (self, i)->signer_email;

            if (email != NULL && !g_strv_contains ((const char *const *) to->pdata, email))
              g_ptr_array_add (to, (gpointer) email);
          }
      if (to->len > 0)
        {
          g_autofree char *joined = g_strjoinv (";", (char **) to->pdata);

          signet_signature_request_set_rule_string (request, "emailFinal", joined);
        }
    }
  if (self->email_reminders)
    signet_signature_request_set_rule_boolean (request, "emailNotification", TRUE);

  if (self->no_mouse_signing)
    signet_signature_request_set_rule_boolean (request, "mouseSignature", FALSE);
  if (!self->qr_handover)
    signet_signature_request_set_rule_boolean (request, "guiRemoteQRCodeEnabled", FALSE);
  if (self->auto_submit)
    signet_signature_request_set_rule_boolean (request, "guiAutoSubmit", TRUE);
  if (self->one_button)
    signet_signature_request_set_rule_boolean (request, "guiOneButton", TRUE);
  if (self->open_signature)
    signet_signature_request_set_rule_boolean (request, "guiOpenSignature", TRUE);
  if (self->read_required)
    signet_signature_request_set_rule_boolean (request, "guiReadRequired", TRUE);
  if (self->signer_date_format != NULL)
    signet_signature_request_set_rule_string (request, "guiSignerDate", self->signer_date_format);
  if (self->auto_envelope_submit)
    signet_signature_request_set_rule_boolean (request, "guiAutoEnvelopeSubmit", TRUE);
  if (self->expiry_notification)
    signet_signature_request_set_rule_boolean (request, "notificationExpiration", TRUE);
  if (self->signature_number > 0)
    signet_signature_request_set_rule_int (request, "guiSignatureNumber", self->signature_number);
  if (round->open_code != NULL && round->open_otp != SIGNET_OTP_CHANNEL_NONE)
    signet_signature_request_set_rule_string (request, "openOtpCode", round->open_code);
  if (round->sign_code != NULL && round->sign_otp != SIGNET_OTP_CHANNEL_NONE)
    signet_signature_request_set_rule_string (request, "signOtpCode", round->sign_code);

  if (round->open_otp == SIGNET_OTP_CHANNEL_EMAIL)
    signet_signature_request_set_rule_string (request, "openOtpEmail", otp_email);
  else if (round->open_otp == SIGNET_OTP_CHANNEL_SMS)
    signet_signature_request_set_rule_string (request, "openOtpPhone", phone);
  if (round->sign_otp == SIGNET_OTP_CHANNEL_EMAIL)
    signet_signature_request_set_rule_string (request, "signOtpEmail", otp_email);
  else if (round->sign_otp == SIGNET_OTP_CHANNEL_SMS)
    signet_signature_request_set_rule_string (request, "signOtpPhone", phone);
}

/**
 * signet_request_spec_build_rounds:
 * @self: a valid #SignetRequestSpec (see signet_request_spec_validate())
 * @file: the document
 * @filename: (nullable): its name as the service shows it in e-mails
 * @error: return location for a #GError
 *
 * Turns the description into one #SignetSignatureRequest per round, what
 * signet_sync_send_async() takes. The first round uploads @file (with
 * `state: tags` or `tostamp` as the mode says, the field values and what
 * happens to the form fields); every later round names the stored
 * document with `changeState: tosign` and its own signer and fields. Every
 * round carries the same expiry; the tracker counts it again from the
 * start of each later round.
 *
 * Returns: (transfer full) (element-type SignetSignatureRequest): the
 *   rounds, or %NULL with @error set (%SIGNET_ERROR_INVALID_INPUT) when
 *   the description has problems
 */
GPtrArray *
signet_request_spec_build_rounds (SignetRequestSpec *self,
                                  GFile             *file,
                                  const char        *filename,
                                  GError           **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) expiration = NULL;
  guint n_rounds;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = signet_request_spec_validate (self, NULL);
  if (problems->len > 0)
    {
      const SignetSpecProblem *problem = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT, problem->message);
      return NULL;
    }

  now = g_date_time_new_now_utc ();
  expiration = g_date_time_add_hours (now, self->expiry_hours);
  n_rounds = signet_request_spec_get_n_rounds (self);
  rounds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_rounds; i++)
    {
      SignetRoundSpec *round = signet_request_spec_get_round (self, i);
      g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();

      signet_signature_request_set_file (request, file);
      if (filename != NULL && *filename != '\0')
        signet_signature_request_set_filename (request, filename);
      signet_signature_request_set_expiration (request, expiration);
      if (self->result_url != NULL)
        signet_signature_request_set_result_url (request, self->result_url);

      if (i == 0)
        {
          if (self->signing_mode == SIGNET_SIGNING_MODE_TAGS)
            signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TAGS);
          else if (self->stamp_before_signing)
            signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TOSTAMP);
          signet_signature_request_set_fields_before_signing (request, self->fields_before_signing);
          /* No field changes after the first signature (§9.5). */
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->field_values)); j++)
            {
              g_autoptr (SignetFieldValue) value
                = g_list_model_get_item (G_LIST_MODEL (self->field_values), j);

              if (*value->value != '\0' || value->read_only)
                signet_signature_request_add_field_value (request, value->name, value->value,
                                                          value->read_only);
            }
        }
      else
        signet_signature_request_set_change_state (request, SIGNET_DOCUMENT_STATE_TOSIGN);

      for (guint t = SIGNET_FIELD_TYPE_TEXT; t <= SIGNET_FIELD_TYPE_COMBOBOX; t++)
        if (self->ignore_required & (1u << t))
          signet_signature_request_add_ignore_required (request, t);

      if (self->signing_mode != SIGNET_SIGNING_MODE_ANYWHERE)
        for (guint j = 0; round->fields[j] != NULL; j++)
          signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_SIGNATURE,
                                                      round->fields[j]);

      set_rules (self, i, request);
      g_ptr_array_add (rounds, g_steal_pointer (&request));
    }

  return g_steal_pointer (&rounds);
}
