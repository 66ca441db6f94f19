/* signet-round-spec.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One round of a request = one signer. Every getter/setter pair is also a
 * GObject property in kebab case: "signer-name", "ask-signer-name",
 * "signer-email", "open-otp", "sign-otp", "otp-email", "phone",
 * "fields", "open-code", "sign-code". */

/**
 * SignetOtpChannel:
 * @SIGNET_OTP_CHANNEL_NONE: no one-time code
 * @SIGNET_OTP_CHANNEL_EMAIL: the code goes to an e-mail address
 * @SIGNET_OTP_CHANNEL_SMS: the code goes to a phone number by SMS
 *
 * How a one-time code reaches the signer (§12 of the API reference).
 */
typedef enum
{
  SIGNET_OTP_CHANNEL_NONE,
  SIGNET_OTP_CHANNEL_EMAIL,
  SIGNET_OTP_CHANNEL_SMS,
} SignetOtpChannel;

#define SIGNET_TYPE_ROUND_SPEC (signet_round_spec_get_type ())

G_DECLARE_FINAL_TYPE (SignetRoundSpec, signet_round_spec, SIGNET, ROUND_SPEC, GObject)

SignetRoundSpec   *signet_round_spec_new (void);
const char        *signet_round_spec_get_signer_name (SignetRoundSpec *self);
void               signet_round_spec_set_signer_name (SignetRoundSpec *self, const char *name);
gboolean           signet_round_spec_get_ask_signer_name (SignetRoundSpec *self);
void               signet_round_spec_set_ask_signer_name (SignetRoundSpec *self, gboolean ask);
const char        *signet_round_spec_get_signer_email (SignetRoundSpec *self);
void               signet_round_spec_set_signer_email (SignetRoundSpec *self, const char *email);
SignetOtpChannel   signet_round_spec_get_open_otp (SignetRoundSpec *self);
void               signet_round_spec_set_open_otp (SignetRoundSpec *self, SignetOtpChannel channel);
SignetOtpChannel   signet_round_spec_get_sign_otp (SignetRoundSpec *self);
void               signet_round_spec_set_sign_otp (SignetRoundSpec *self, SignetOtpChannel channel);
const char        *signet_round_spec_get_otp_email (SignetRoundSpec *self);
void               signet_round_spec_set_otp_email (SignetRoundSpec *self, const char *email);
const char        *signet_round_spec_get_phone (SignetRoundSpec *self);
void               signet_round_spec_set_phone (SignetRoundSpec *self, const char *phone);
const char *const *signet_round_spec_get_fields (SignetRoundSpec *self);
void               signet_round_spec_set_fields (SignetRoundSpec *self, const char *const *fields);
const char        *signet_round_spec_get_open_code (SignetRoundSpec *self);
void               signet_round_spec_set_open_code (SignetRoundSpec *self, const char *code);
const char        *signet_round_spec_get_sign_code (SignetRoundSpec *self);
void               signet_round_spec_set_sign_code (SignetRoundSpec *self, const char *code);

G_END_DECLS
