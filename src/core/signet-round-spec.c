/* signet-round-spec.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-round-spec"

#include "config.h"

#include "signet-round-spec.h"
#include "signet-enums.h"
#include "signet-property-util.h"
#include "signet-round-spec-private.h"

G_DEFINE_FINAL_TYPE (SignetRoundSpec, signet_round_spec, G_TYPE_OBJECT)

enum
{
  RS_PROP_0,
  RS_PROP_SIGNER_NAME,
  RS_PROP_ASK_SIGNER_NAME,
  RS_PROP_SIGNER_EMAIL,
  RS_PROP_OPEN_OTP,
  RS_PROP_SIGN_OTP,
  RS_PROP_OTP_EMAIL,
  RS_PROP_PHONE,
  RS_PROP_FIELDS,
  RS_PROP_OPEN_CODE,
  RS_PROP_SIGN_CODE,
  RS_N_PROPS
};

static GParamSpec *rs_properties[RS_N_PROPS];

static void
signet_round_spec_finalize (GObject *object)
{
  SignetRoundSpec *self = SIGNET_ROUND_SPEC (object);

  g_free (self->signer_name);
  g_free (self->signer_email);
  g_free (self->otp_email);
  g_free (self->phone);
  g_strfreev (self->fields);
  g_free (self->open_code);
  g_free (self->sign_code);

  G_OBJECT_CLASS (signet_round_spec_parent_class)->finalize (object);
}

#define TEXT(member) SIGNET_FIELD_FULL (SignetRoundSpec, member, SIGNET_FIELD_EMPTY_IS_NULL)

static const SignetField rs_fields[RS_N_PROPS] = {
  [RS_PROP_SIGNER_NAME] = TEXT (signer_name),
  [RS_PROP_ASK_SIGNER_NAME] = SIGNET_FIELD (SignetRoundSpec, ask_signer_name),
  [RS_PROP_SIGNER_EMAIL] = TEXT (signer_email),
  [RS_PROP_OPEN_OTP] = SIGNET_FIELD (SignetRoundSpec, open_otp),
  [RS_PROP_SIGN_OTP] = SIGNET_FIELD (SignetRoundSpec, sign_otp),
  [RS_PROP_OTP_EMAIL] = TEXT (otp_email),
  [RS_PROP_PHONE] = TEXT (phone),
  [RS_PROP_FIELDS] = SIGNET_FIELD (SignetRoundSpec, fields),
  [RS_PROP_OPEN_CODE] = TEXT (open_code),
  [RS_PROP_SIGN_CODE] = TEXT (sign_code),
};

static void
signet_round_spec_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  /* The fields are never %NULL. */
  if (prop_id == RS_PROP_FIELDS)
    signet_round_spec_set_fields (SIGNET_ROUND_SPEC (object), g_value_get_boxed (value));
  else
    signet_property_set_field (object, prop_id, value, pspec);
}

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
signet_round_spec_class_init (SignetRoundSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_round_spec_finalize;
  object_class->get_property = signet_property_get_field;
  object_class->set_property = signet_round_spec_set_property;

  rs_properties[RS_PROP_SIGNER_NAME] = g_param_spec_string ("signer-name", NULL, NULL, NULL, RW);
  rs_properties[RS_PROP_ASK_SIGNER_NAME]
    = g_param_spec_boolean ("ask-signer-name", NULL, NULL, FALSE, RW);
  rs_properties[RS_PROP_SIGNER_EMAIL] = g_param_spec_string ("signer-email", NULL, NULL, NULL, RW);
  rs_properties[RS_PROP_OPEN_OTP] = g_param_spec_enum (
    "open-otp", NULL, NULL, SIGNET_TYPE_OTP_CHANNEL, SIGNET_OTP_CHANNEL_NONE, RW);
  rs_properties[RS_PROP_SIGN_OTP] = g_param_spec_enum (
    "sign-otp", NULL, NULL, SIGNET_TYPE_OTP_CHANNEL, SIGNET_OTP_CHANNEL_NONE, RW);
  rs_properties[RS_PROP_OTP_EMAIL] = g_param_spec_string ("otp-email", NULL, NULL, NULL, RW);
  rs_properties[RS_PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, RW);
  rs_properties[RS_PROP_FIELDS] = g_param_spec_boxed ("fields", NULL, NULL, G_TYPE_STRV, RW);
  /* A code the sender chooses (`openOtpCode`, `signOtpCode`) and tells
   * the signer, instead of a random one: NULL for a random code. */
  rs_properties[RS_PROP_OPEN_CODE] = g_param_spec_string ("open-code", NULL, NULL, NULL, RW);
  rs_properties[RS_PROP_SIGN_CODE] = g_param_spec_string ("sign-code", NULL, NULL, NULL, RW);

  signet_property_install (object_class, RS_N_PROPS, rs_properties, rs_fields);
}

static void
signet_round_spec_init (SignetRoundSpec *self)
{
  self->fields = g_new0 (char *, 1);
}

SignetRoundSpec *
signet_round_spec_new (void)
{
  return g_object_new (SIGNET_TYPE_ROUND_SPEC, NULL);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetRoundSpec, SIGNET_IS_ROUND_SPEC, Ret,                                \
                        signet_round_spec_get_##member, member, fallback)
#define SETTER(set, Arg, member, PROP)                                                             \
  SIGNET_DEFINE_SETTER (SignetRoundSpec, SIGNET_IS_ROUND_SPEC, Arg,                                \
                        signet_round_spec_set_##member, set, member, rs_properties[PROP])
#define ROUND_STRING(prop, PROP)                                                                   \
  GETTER (const char *, prop, NULL)                                                                \
  SETTER (signet_spec_set_string, const char *, prop, RS_PROP_##PROP)

ROUND_STRING (signer_name, SIGNER_NAME)
ROUND_STRING (signer_email, SIGNER_EMAIL)
ROUND_STRING (otp_email, OTP_EMAIL)
ROUND_STRING (phone, PHONE)
ROUND_STRING (open_code, OPEN_CODE)
ROUND_STRING (sign_code, SIGN_CODE)

GETTER (gboolean, ask_signer_name, FALSE)

SETTER (signet_property_set_boolean, gboolean, ask_signer_name, RS_PROP_ASK_SIGNER_NAME)

GETTER (SignetOtpChannel, open_otp, SIGNET_OTP_CHANNEL_NONE)

void
signet_round_spec_set_open_otp (SignetRoundSpec *self, SignetOtpChannel channel)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));
  g_return_if_fail (channel <= SIGNET_OTP_CHANNEL_SMS);
  signet_property_set_uint (G_OBJECT (self), &self->open_otp, channel,
                            rs_properties[RS_PROP_OPEN_OTP]);
}

GETTER (SignetOtpChannel, sign_otp, SIGNET_OTP_CHANNEL_NONE)

void
signet_round_spec_set_sign_otp (SignetRoundSpec *self, SignetOtpChannel channel)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));
  g_return_if_fail (channel <= SIGNET_OTP_CHANNEL_SMS);
  signet_property_set_uint (G_OBJECT (self), &self->sign_otp, channel,
                            rs_properties[RS_PROP_SIGN_OTP]);
}

/**
 * signet_round_spec_get_fields:
 * @self: a #SignetRoundSpec
 *
 * The signature fields (in fields mode) or tags (in tags mode) this
 * round's signer signs.
 *
 * Returns: (transfer none): the names, never %NULL
 */
const char *const *
signet_round_spec_get_fields (SignetRoundSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (self), NULL);
  return (const char *const *) self->fields;
}

void
signet_round_spec_set_fields (SignetRoundSpec *self, const char *const *fields)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));

  static const char *const none[] = { NULL };

  if (fields == NULL)
    fields = none;
  if (g_strv_equal ((const char *const *) self->fields, fields))
    return;
  g_strfreev (self->fields);
  self->fields = g_strdupv ((char **) fields);
  g_object_notify_by_pspec (G_OBJECT (self), rs_properties[RS_PROP_FIELDS]);
}

/* Copies every property of @from into @to, notifying what changes. */
void
signet_round_spec_assign (SignetRoundSpec *to, SignetRoundSpec *from)
{
  signet_round_spec_set_signer_name (to, from->signer_name);
  signet_round_spec_set_ask_signer_name (to, from->ask_signer_name);
  signet_round_spec_set_signer_email (to, from->signer_email);
  signet_round_spec_set_open_otp (to, from->open_otp);
  signet_round_spec_set_sign_otp (to, from->sign_otp);
  signet_round_spec_set_otp_email (to, from->otp_email);
  signet_round_spec_set_phone (to, from->phone);
  signet_round_spec_set_fields (to, (const char *const *) from->fields);
  signet_round_spec_set_open_code (to, from->open_code);
  signet_round_spec_set_sign_code (to, from->sign_code);
}
