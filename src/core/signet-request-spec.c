/* signet-request-spec.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "signet-enums.h"
#include "signet-error.h"
#include "signet-request-spec.h"

/* The template languages of the service (§16); the first is its default. */
static const char *const languages[] = { "sk", "cs", "en", "ro", "uk", "pl", "pt", "hu", NULL };

/* A preset larger than this is not a preset. */
#define MAX_PRESET_LENGTH (64 * 1024)
/* More rounds than tags of one kind (§15) make no sense. */
#define MAX_ROUNDS 10

static void
set_string (GObject *object, char **field, const char *value, GParamSpec *pspec)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
set_boolean (GObject *object, gboolean *field, gboolean value, GParamSpec *pspec)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_uint (GObject *object, guint *field, guint value, GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

/* {{{ SignetFieldValue */

/**
 * SignetFieldValue:
 *
 * A form field to pre-fill in the first round (`fieldConfig`): its
 * technical name, the value, and whether the signer may change it.
 */
struct _SignetFieldValue
{
  GObject parent_instance;

  char    *name;
  char    *value;
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (SignetFieldValue, signet_field_value, G_TYPE_OBJECT)

enum
{
  FV_PROP_0,
  FV_PROP_NAME,
  FV_PROP_VALUE,
  FV_PROP_READ_ONLY,
  FV_N_PROPS
};

static GParamSpec *fv_properties[FV_N_PROPS];

static void
signet_field_value_finalize (GObject *object)
{
  SignetFieldValue *self = SIGNET_FIELD_VALUE (object);

  g_free (self->name);
  g_free (self->value);

  G_OBJECT_CLASS (signet_field_value_parent_class)->finalize (object);
}

static void
signet_field_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetFieldValue *self = SIGNET_FIELD_VALUE (object);

  switch (prop_id)
    {
      case FV_PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case FV_PROP_VALUE:
        g_value_set_string (value, self->value);
        break;
      case FV_PROP_READ_ONLY:
        g_value_set_boolean (value, self->read_only);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_field_value_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SignetFieldValue *self = SIGNET_FIELD_VALUE (object);

  switch (prop_id)
    {
      case FV_PROP_NAME:
        self->name = g_value_dup_string (value);
        break;
      case FV_PROP_VALUE:
        signet_field_value_set_value (self, g_value_get_string (value));
        break;
      case FV_PROP_READ_ONLY:
        signet_field_value_set_read_only (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_field_value_class_init (SignetFieldValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_field_value_finalize;
  object_class->get_property = signet_field_value_get_property;
  object_class->set_property = signet_field_value_set_property;

  fv_properties[FV_PROP_NAME] = g_param_spec_string (
    "name", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Empty: the field keeps what the document has. */
  fv_properties[FV_PROP_VALUE] = g_param_spec_string (
    "value", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  fv_properties[FV_PROP_READ_ONLY]
    = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, FV_N_PROPS, fv_properties);
}

static void
signet_field_value_init (SignetFieldValue *self)
{
  self->value = g_strdup ("");
}

SignetFieldValue *
signet_field_value_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (SIGNET_TYPE_FIELD_VALUE, "name", name, NULL);
}

const char *
signet_field_value_get_name (SignetFieldValue *self)
{
  g_return_val_if_fail (SIGNET_IS_FIELD_VALUE (self), NULL);
  return self->name;
}

const char *
signet_field_value_get_value (SignetFieldValue *self)
{
  g_return_val_if_fail (SIGNET_IS_FIELD_VALUE (self), NULL);
  return self->value;
}

void
signet_field_value_set_value (SignetFieldValue *self, const char *value)
{
  g_return_if_fail (SIGNET_IS_FIELD_VALUE (self));

  if (value == NULL)
    value = "";
  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), fv_properties[FV_PROP_VALUE]);
}

gboolean
signet_field_value_get_read_only (SignetFieldValue *self)
{
  g_return_val_if_fail (SIGNET_IS_FIELD_VALUE (self), FALSE);
  return self->read_only;
}

void
signet_field_value_set_read_only (SignetFieldValue *self, gboolean read_only)
{
  g_return_if_fail (SIGNET_IS_FIELD_VALUE (self));
  set_boolean (G_OBJECT (self), &self->read_only, read_only, fv_properties[FV_PROP_READ_ONLY]);
}

/* }}} */
/* {{{ SignetRoundSpec */

/**
 * SignetRoundSpec:
 *
 * One round: one signer, how the invitation and the one-time codes reach
 * them, and the signature fields or tags they sign.
 */
struct _SignetRoundSpec
{
  GObject parent_instance;

  char            *signer_name;
  gboolean         ask_signer_name;
  char            *signer_email;
  SignetOtpChannel open_otp;
  SignetOtpChannel sign_otp;
  char            *otp_email;
  char            *phone;
  GStrv            fields;
  char            *open_code;
  char            *sign_code;
};

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

static void
signet_round_spec_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetRoundSpec *self = SIGNET_ROUND_SPEC (object);

  switch (prop_id)
    {
      case RS_PROP_SIGNER_NAME:
        g_value_set_string (value, self->signer_name);
        break;
      case RS_PROP_ASK_SIGNER_NAME:
        g_value_set_boolean (value, self->ask_signer_name);
        break;
      case RS_PROP_SIGNER_EMAIL:
        g_value_set_string (value, self->signer_email);
        break;
      case RS_PROP_OPEN_OTP:
        g_value_set_enum (value, self->open_otp);
        break;
      case RS_PROP_SIGN_OTP:
        g_value_set_enum (value, self->sign_otp);
        break;
      case RS_PROP_OTP_EMAIL:
        g_value_set_string (value, self->otp_email);
        break;
      case RS_PROP_PHONE:
        g_value_set_string (value, self->phone);
        break;
      case RS_PROP_FIELDS:
        g_value_set_boxed (value, self->fields);
        break;
      case RS_PROP_OPEN_CODE:
        g_value_set_string (value, self->open_code);
        break;
      case RS_PROP_SIGN_CODE:
        g_value_set_string (value, self->sign_code);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_round_spec_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SignetRoundSpec *self = SIGNET_ROUND_SPEC (object);

  switch (prop_id)
    {
      case RS_PROP_SIGNER_NAME:
        signet_round_spec_set_signer_name (self, g_value_get_string (value));
        break;
      case RS_PROP_ASK_SIGNER_NAME:
        signet_round_spec_set_ask_signer_name (self, g_value_get_boolean (value));
        break;
      case RS_PROP_SIGNER_EMAIL:
        signet_round_spec_set_signer_email (self, g_value_get_string (value));
        break;
      case RS_PROP_OPEN_OTP:
        signet_round_spec_set_open_otp (self, g_value_get_enum (value));
        break;
      case RS_PROP_SIGN_OTP:
        signet_round_spec_set_sign_otp (self, g_value_get_enum (value));
        break;
      case RS_PROP_OTP_EMAIL:
        signet_round_spec_set_otp_email (self, g_value_get_string (value));
        break;
      case RS_PROP_PHONE:
        signet_round_spec_set_phone (self, g_value_get_string (value));
        break;
      case RS_PROP_FIELDS:
        signet_round_spec_set_fields (self, g_value_get_boxed (value));
        break;
      case RS_PROP_OPEN_CODE:
        signet_round_spec_set_open_code (self, g_value_get_string (value));
        break;
      case RS_PROP_SIGN_CODE:
        signet_round_spec_set_sign_code (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
signet_round_spec_class_init (SignetRoundSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_round_spec_finalize;
  object_class->get_property = signet_round_spec_get_property;
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

  g_object_class_install_properties (object_class, RS_N_PROPS, rs_properties);
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

#define ROUND_STRING(prop, PROP)                                                                   \
  const char *signet_round_spec_get_##prop (SignetRoundSpec *self)                                 \
  {                                                                                                \
    g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (self), NULL);                                      \
    return self->prop;                                                                             \
  }                                                                                                \
  void signet_round_spec_set_##prop (SignetRoundSpec *self, const char *value)                     \
  {                                                                                                \
    g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));                                                \
    set_string (G_OBJECT (self), &self->prop, value, rs_properties[RS_PROP_##PROP]);               \
  }

ROUND_STRING (signer_name, SIGNER_NAME)
ROUND_STRING (signer_email, SIGNER_EMAIL)
ROUND_STRING (otp_email, OTP_EMAIL)
ROUND_STRING (phone, PHONE)
ROUND_STRING (open_code, OPEN_CODE)
ROUND_STRING (sign_code, SIGN_CODE)

gboolean
signet_round_spec_get_ask_signer_name (SignetRoundSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (self), FALSE);
  return self->ask_signer_name;
}

void
signet_round_spec_set_ask_signer_name (SignetRoundSpec *self, gboolean ask)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));
  set_boolean (G_OBJECT (self), &self->ask_signer_name, ask,
               rs_properties[RS_PROP_ASK_SIGNER_NAME]);
}

SignetOtpChannel
signet_round_spec_get_open_otp (SignetRoundSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (self), SIGNET_OTP_CHANNEL_NONE);
  return self->open_otp;
}

void
signet_round_spec_set_open_otp (SignetRoundSpec *self, SignetOtpChannel channel)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));
  g_return_if_fail (channel <= SIGNET_OTP_CHANNEL_SMS);
  set_uint (G_OBJECT (self), &self->open_otp, channel, rs_properties[RS_PROP_OPEN_OTP]);
}

SignetOtpChannel
signet_round_spec_get_sign_otp (SignetRoundSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (self), SIGNET_OTP_CHANNEL_NONE);
  return self->sign_otp;
}

void
signet_round_spec_set_sign_otp (SignetRoundSpec *self, SignetOtpChannel channel)
{
  g_return_if_fail (SIGNET_IS_ROUND_SPEC (self));
  g_return_if_fail (channel <= SIGNET_OTP_CHANNEL_SMS);
  set_uint (G_OBJECT (self), &self->sign_otp, channel, rs_properties[RS_PROP_SIGN_OTP]);
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

/* }}} */
/* {{{ SignetRequestSpec */

/**
 * SignetRequestSpec:
 *
 * What the sender wants from a signature request, in the user's terms:
 * what the request editor edits, what a preset stores, and what
 * signet_request_spec_build_rounds() turns into one E1 body per round.
 */
struct _SignetRequestSpec
{
  GObject parent_instance;

  SignetSigningMode         signing_mode;
  char                     *sender_email;
  char                     *sender_name;
  char                     *message;
  char                     *language;
  char                     *final_recipients;
  gboolean                  email_reminders;
  guint                     expiry_hours;
  gboolean                  no_mouse_signing;
  gboolean                  qr_handover;
  gboolean                  stamp_before_signing;
  SignetFieldsBeforeSigning fields_before_signing;
  SignetFieldTypeFlags      ignore_required;
  char                     *result_url;
  gboolean                  auto_submit;
  gboolean                  one_button;
  gboolean                  open_signature;
  gboolean                  read_required;
  char                     *signer_date_format;
  gboolean                  auto_envelope_submit;
  gboolean                  expiry_notification;
  guint                     signature_number;

  GListStore *field_values;
  GListStore *rounds;
};

G_DEFINE_FINAL_TYPE (SignetRequestSpec, signet_request_spec, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SIGNING_MODE,
  PROP_SENDER_EMAIL,
  PROP_SENDER_NAME,
  PROP_MESSAGE,
  PROP_LANGUAGE,
  PROP_FINAL_RECIPIENTS,
  PROP_EMAIL_REMINDERS,
  PROP_EXPIRY_HOURS,
  PROP_NO_MOUSE_SIGNING,
  PROP_QR_HANDOVER,
  PROP_STAMP_BEFORE_SIGNING,
  PROP_FIELDS_BEFORE_SIGNING,
  PROP_IGNORE_REQUIRED,
  PROP_RESULT_URL,
  PROP_AUTO_SUBMIT,
  PROP_ONE_BUTTON,
  PROP_OPEN_SIGNATURE,
  PROP_READ_REQUIRED,
  PROP_SIGNER_DATE_FORMAT,
  PROP_AUTO_ENVELOPE_SUBMIT,
  PROP_EXPIRY_NOTIFICATION,
  PROP_SIGNATURE_NUMBER,
  PROP_FIELD_VALUES,
  PROP_ROUNDS,
  PROP_N_ROUNDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
signet_request_spec_finalize (GObject *object)
{
  SignetRequestSpec *self = SIGNET_REQUEST_SPEC (object);

  g_free (self->sender_email);
  g_free (self->sender_name);
  g_free (self->message);
  g_free (self->language);
  g_free (self->final_recipients);
  g_free (self->result_url);
  g_free (self->signer_date_format);
  g_clear_object (&self->field_values);
  g_clear_object (&self->rounds);

  G_OBJECT_CLASS (signet_request_spec_parent_class)->finalize (object);
}

static void
signet_request_spec_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetRequestSpec *self = SIGNET_REQUEST_SPEC (object);

  switch (prop_id)
    {
      case PROP_SIGNING_MODE:
        g_value_set_enum (value, self->signing_mode);
        break;
      case PROP_SENDER_EMAIL:
        g_value_set_string (value, self->sender_email);
        break;
      case PROP_SENDER_NAME:
        g_value_set_string (value, self->sender_name);
        break;
      case PROP_MESSAGE:
        g_value_set_string (value, self->message);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_FINAL_RECIPIENTS:
        g_value_set_string (value, self->final_recipients);
        break;
      case PROP_EMAIL_REMINDERS:
        g_value_set_boolean (value, self->email_reminders);
        break;
      case PROP_EXPIRY_HOURS:
        g_value_set_uint (value, self->expiry_hours);
        break;
      case PROP_NO_MOUSE_SIGNING:
        g_value_set_boolean (value, self->no_mouse_signing);
        break;
      case PROP_QR_HANDOVER:
        g_value_set_boolean (value, self->qr_handover);
        break;
      case PROP_STAMP_BEFORE_SIGNING:
        g_value_set_boolean (value, self->stamp_before_signing);
        break;
      case PROP_FIELDS_BEFORE_SIGNING:
        g_value_set_enum (value, self->fields_before_signing);
        break;
      case PROP_IGNORE_REQUIRED:
        g_value_set_flags (value, self->ignore_required);
        break;
      case PROP_RESULT_URL:
        g_value_set_string (value, self->result_url);
        break;
      case PROP_AUTO_SUBMIT:
        g_value_set_boolean (value, self->auto_submit);
        break;
      case PROP_ONE_BUTTON:
        g_value_set_boolean (value, self->one_button);
        break;
      case PROP_OPEN_SIGNATURE:
        g_value_set_boolean (value, self->open_signature);
        break;
      case PROP_READ_REQUIRED:
        g_value_set_boolean (value, self->read_required);
        break;
      case PROP_SIGNER_DATE_FORMAT:
        g_value_set_string (value, self->signer_date_format);
        break;
      case PROP_AUTO_ENVELOPE_SUBMIT:
        g_value_set_boolean (value, self->auto_envelope_submit);
        break;
      case PROP_EXPIRY_NOTIFICATION:
        g_value_set_boolean (value, self->expiry_notification);
        break;
      case PROP_SIGNATURE_NUMBER:
        g_value_set_uint (value, self->signature_number);
        break;
      case PROP_FIELD_VALUES:
        g_value_set_object (value, self->field_values);
        break;
      case PROP_ROUNDS:
        g_value_set_object (value, self->rounds);
        break;
      case PROP_N_ROUNDS:
        g_value_set_uint (value, signet_request_spec_get_n_rounds (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_request_spec_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SignetRequestSpec *self = SIGNET_REQUEST_SPEC (object);

  switch (prop_id)
    {
      case PROP_SIGNING_MODE:
        signet_request_spec_set_signing_mode (self, g_value_get_enum (value));
        break;
      case PROP_SENDER_EMAIL:
        signet_request_spec_set_sender_email (self, g_value_get_string (value));
        break;
      case PROP_SENDER_NAME:
        signet_request_spec_set_sender_name (self, g_value_get_string (value));
        break;
      case PROP_MESSAGE:
        signet_request_spec_set_message (self, g_value_get_string (value));
        break;
      case PROP_LANGUAGE:
        signet_request_spec_set_language (self, g_value_get_string (value));
        break;
      case PROP_FINAL_RECIPIENTS:
        signet_request_spec_set_final_recipients (self, g_value_get_string (value));
        break;
      case PROP_EMAIL_REMINDERS:
        signet_request_spec_set_email_reminders (self, g_value_get_boolean (value));
        break;
      case PROP_EXPIRY_HOURS:
        signet_request_spec_set_expiry_hours (self, g_value_get_uint (value));
        break;
      case PROP_NO_MOUSE_SIGNING:
        signet_request_spec_set_no_mouse_signing (self, g_value_get_boolean (value));
        break;
      case PROP_QR_HANDOVER:
        signet_request_spec_set_qr_handover (self, g_value_get_boolean (value));
        break;
      case PROP_STAMP_BEFORE_SIGNING:
        signet_request_spec_set_stamp_before_signing (self, g_value_get_boolean (value));
        break;
      case PROP_FIELDS_BEFORE_SIGNING:
        signet_request_spec_set_fields_before_signing (self, g_value_get_enum (value));
        break;
      case PROP_IGNORE_REQUIRED:
        signet_request_spec_set_ignore_required (self, g_value_get_flags (value));
        break;
      case PROP_RESULT_URL:
        signet_request_spec_set_result_url (self, g_value_get_string (value));
        break;
      case PROP_AUTO_SUBMIT:
        signet_request_spec_set_auto_submit (self, g_value_get_boolean (value));
        break;
      case PROP_ONE_BUTTON:
        signet_request_spec_set_one_button (self, g_value_get_boolean (value));
        break;
      case PROP_OPEN_SIGNATURE:
        signet_request_spec_set_open_signature (self, g_value_get_boolean (value));
        break;
      case PROP_READ_REQUIRED:
        signet_request_spec_set_read_required (self, g_value_get_boolean (value));
        break;
      case PROP_SIGNER_DATE_FORMAT:
        signet_request_spec_set_signer_date_format (self, g_value_get_string (value));
        break;
      case PROP_AUTO_ENVELOPE_SUBMIT:
        signet_request_spec_set_auto_envelope_submit (self, g_value_get_boolean (value));
        break;
      case PROP_EXPIRY_NOTIFICATION:
        signet_request_spec_set_expiry_notification (self, g_value_get_boolean (value));
        break;
      case PROP_SIGNATURE_NUMBER:
        signet_request_spec_set_signature_number (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_request_spec_class_init (SignetRequestSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_request_spec_finalize;
  object_class->get_property = signet_request_spec_get_property;
  object_class->set_property = signet_request_spec_set_property;

  properties[PROP_SIGNING_MODE] = g_param_spec_enum (
    "signing-mode", NULL, NULL, SIGNET_TYPE_SIGNING_MODE, SIGNET_SIGNING_MODE_ANYWHERE, RW);
  properties[PROP_SENDER_EMAIL] = g_param_spec_string ("sender-email", NULL, NULL, NULL, RW);
  properties[PROP_SENDER_NAME] = g_param_spec_string ("sender-name", NULL, NULL, NULL, RW);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, RW);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "sk", RW);
  properties[PROP_FINAL_RECIPIENTS]
    = g_param_spec_string ("final-recipients", NULL, NULL, NULL, RW);
  properties[PROP_EMAIL_REMINDERS]
    = g_param_spec_boolean ("email-reminders", NULL, NULL, FALSE, RW);
  /* Not clamped here: validation says what is wrong instead. */
  properties[PROP_EXPIRY_HOURS] = g_param_spec_uint ("expiry-hours", NULL, NULL, 0, G_MAXUINT,
                                                     SIGNET_REQUEST_DEFAULT_EXPIRY_HOURS, RW);
  properties[PROP_NO_MOUSE_SIGNING]
    = g_param_spec_boolean ("no-mouse-signing", NULL, NULL, FALSE, RW);
  properties[PROP_QR_HANDOVER] = g_param_spec_boolean ("qr-handover", NULL, NULL, TRUE, RW);
  properties[PROP_STAMP_BEFORE_SIGNING]
    = g_param_spec_boolean ("stamp-before-signing", NULL, NULL, FALSE, RW);
  properties[PROP_FIELDS_BEFORE_SIGNING]
    = g_param_spec_enum ("fields-before-signing", NULL, NULL, SIGNET_TYPE_FIELDS_BEFORE_SIGNING,
                         SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT, RW);
  properties[PROP_IGNORE_REQUIRED] = g_param_spec_flags (
    "ignore-required", NULL, NULL, SIGNET_TYPE_FIELD_TYPE_FLAGS, SIGNET_FIELD_TYPE_FLAGS_NONE, RW);
  properties[PROP_RESULT_URL] = g_param_spec_string ("result-url", NULL, NULL, NULL, RW);
  properties[PROP_AUTO_SUBMIT] = g_param_spec_boolean ("auto-submit", NULL, NULL, FALSE, RW);
  properties[PROP_ONE_BUTTON] = g_param_spec_boolean ("one-button", NULL, NULL, FALSE, RW);
  properties[PROP_OPEN_SIGNATURE] = g_param_spec_boolean ("open-signature", NULL, NULL, FALSE, RW);
  properties[PROP_READ_REQUIRED] = g_param_spec_boolean ("read-required", NULL, NULL, FALSE, RW);
  /* The rules no source explains (§19): sent as the catalogue shows them. */
  properties[PROP_AUTO_ENVELOPE_SUBMIT]
    = g_param_spec_boolean ("auto-envelope-submit", NULL, NULL, FALSE, RW);
  properties[PROP_EXPIRY_NOTIFICATION]
    = g_param_spec_boolean ("expiry-notification", NULL, NULL, FALSE, RW);
  /* 0: not sent. */
  properties[PROP_SIGNATURE_NUMBER]
    = g_param_spec_uint ("signature-number", NULL, NULL, 0, G_MAXUINT, 0, RW);
  properties[PROP_SIGNER_DATE_FORMAT]
    = g_param_spec_string ("signer-date-format", NULL, NULL, NULL, RW);
  properties[PROP_FIELD_VALUES] = g_param_spec_object (
    "field-values", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUNDS] = g_param_spec_object ("rounds", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ROUNDS] = g_param_spec_uint ("n-rounds", NULL, NULL, 0, G_MAXUINT, 1,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_changed_cb (SignetRequestSpec *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROUNDS]);
}

static void
signet_request_spec_init (SignetRequestSpec *self)
{
  self->language = g_strdup ("sk");
  self->expiry_hours = SIGNET_REQUEST_DEFAULT_EXPIRY_HOURS;
  self->qr_handover = TRUE;
  self->field_values = g_list_store_new (SIGNET_TYPE_FIELD_VALUE);
  self->rounds = g_list_store_new (SIGNET_TYPE_ROUND_SPEC);
  g_signal_connect_object (self->rounds, "items-changed", G_CALLBACK (rounds_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * signet_request_spec_get_languages:
 *
 * The languages of the service's e-mails and text messages (§16), as the
 * API spells them; the first one is the service's default.
 *
 * Returns: (transfer none): a %NULL-terminated list
 */
const char *const *
signet_request_spec_get_languages (void)
{
  return languages;
}

/**
 * signet_request_spec_new:
 *
 * Creates a description with the service's defaults and one round.
 *
 * Returns: (transfer full): a new #SignetRequestSpec
 */
SignetRequestSpec *
signet_request_spec_new (void)
{
  SignetRequestSpec *self = g_object_new (SIGNET_TYPE_REQUEST_SPEC, NULL);

  signet_request_spec_add_round (self);
  return self;
}

static int
compare_spots (gconstpointer a, gconstpointer b)
{
  const SignetSignatureSpot *x = *(const SignetSignatureSpot *const *) a;
  const SignetSignatureSpot *y = *(const SignetSignatureSpot *const *) b;

  if (x->page != y->page)
    return x->page < y->page ? -1 : 1;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return 0;
}

/**
 * signet_request_spec_new_from_inspection:
 * @inspection: what the intake found in the document
 *
 * Creates a description for one document: the signing mode the inspection
 * suggests, one round that signs every field or tag found, and the form
 * fields found listed for pre-filling (all empty, so none is sent).
 *
 * Returns: (transfer full): a new #SignetRequestSpec
 */
SignetRequestSpec *
signet_request_spec_new_from_inspection (SignetInspection *inspection)
{
  SignetRequestSpec *self;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) fields = NULL;
  const char *const *form_fields;
  g_autoptr (GPtrArray) spots = NULL;
  SignetSpotKind kind;

  g_return_val_if_fail (SIGNET_IS_INSPECTION (inspection), NULL);

  self = signet_request_spec_new ();
  self->signing_mode = signet_inspection_get_signing_mode (inspection);

  kind = self->signing_mode == SIGNET_SIGNING_MODE_TAGS ? SIGNET_SPOT_KIND_TAG
                                                        : SIGNET_SPOT_KIND_FIELD;
  spots = g_ptr_array_copy (signet_inspection_get_spots (inspection), NULL, NULL);
  /* The copy would free the inspection's spots. */
  g_ptr_array_set_free_func (spots, NULL);
  /* In reading order: page, then from the top, then from the left. */
  g_ptr_array_sort (spots, compare_spots);
  if (self->signing_mode != SIGNET_SIGNING_MODE_ANYWHERE)
    for (guint i = 0; i < spots->len; i++)
      {
        const SignetSignatureSpot *spot = g_ptr_array_index (spots, i);

        if (spot->kind == kind && *spot->name != '\0')
          g_strv_builder_add (builder, spot->name);
      }
  fields = g_strv_builder_end (builder);
  /* A tag may stand on several pages: each name once. */
  {
    g_autoptr (GStrvBuilder) unique = g_strv_builder_new ();
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    g_auto (GStrv) list = NULL;

    for (guint i = 0; fields[i] != NULL; i++)
      if (g_hash_table_add (seen, fields[i]))
        g_strv_builder_add (unique, fields[i]);
    list = g_strv_builder_end (unique);
    signet_round_spec_set_fields (signet_request_spec_get_round (self, 0),
                                  (const char *const *) list);
  }

  form_fields = signet_inspection_get_form_fields (inspection);
  for (guint i = 0; form_fields[i] != NULL; i++)
    signet_request_spec_add_field_value (self, form_fields[i]);

  return self;
}

static void
copy_round (SignetRoundSpec *to, SignetRoundSpec *from)
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

/**
 * signet_request_spec_copy:
 * @self: a #SignetRequestSpec
 *
 * Copies everything, rounds and field values included, so that later edits
 * of @self do not change what is being sent.
 *
 * Returns: (transfer full): a new #SignetRequestSpec
 */
SignetRequestSpec *
signet_request_spec_copy (SignetRequestSpec *self)
{
  SignetRequestSpec *copy;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);

  copy = g_object_new (SIGNET_TYPE_REQUEST_SPEC, NULL);
  copy->signing_mode = self->signing_mode;
  copy->sender_email = g_strdup (self->sender_email);
  copy->sender_name = g_strdup (self->sender_name);
  copy->message = g_strdup (self->message);
  g_free (copy->language);
  copy->language = g_strdup (self->language);
  copy->final_recipients = g_strdup (self->final_recipients);
  copy->email_reminders = self->email_reminders;
  copy->expiry_hours = self->expiry_hours;
  copy->no_mouse_signing = self->no_mouse_signing;
  copy->qr_handover = self->qr_handover;
  copy->stamp_before_signing = self->stamp_before_signing;
  copy->fields_before_signing = self->fields_before_signing;
  copy->ignore_required = self->ignore_required;
  copy->result_url = g_strdup (self->result_url);
  copy->auto_submit = self->auto_submit;
  copy->one_button = self->one_button;
  copy->open_signature = self->open_signature;
  copy->read_required = self->read_required;
  copy->signer_date_format = g_strdup (self->signer_date_format);
  copy->auto_envelope_submit = self->auto_envelope_submit;
  copy->expiry_notification = self->expiry_notification;
  copy->signature_number = self->signature_number;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->field_values)); i++)
    {
      g_autoptr (SignetFieldValue) from
        = g_list_model_get_item (G_LIST_MODEL (self->field_values), i);
      SignetFieldValue *to = signet_request_spec_add_field_value (copy, from->name);

      signet_field_value_set_value (to, from->value);
      signet_field_value_set_read_only (to, from->read_only);
    }
  for (guint i = 0; i < signet_request_spec_get_n_rounds (self); i++)
    copy_round (signet_request_spec_add_round (copy), signet_request_spec_get_round (self, i));

  return copy;
}

/**
 * signet_request_spec_apply_defaults:
 * @self: a #SignetRequestSpec
 * @settings: the application's settings
 *
 * Takes the sender, the language, the expiry and the signing mode from
 * the preferences. A default mode of "auto" keeps what the inspection
 * suggested.
 */
void
signet_request_spec_apply_defaults (SignetRequestSpec *self, GSettings *settings)
{
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *language = NULL;
  int              mode;

  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  email = g_settings_get_string (settings, "default-sender-email");
  name = g_settings_get_string (settings, "default-sender-name");
  language = g_settings_get_string (settings, "default-language");

  g_object_freeze_notify (G_OBJECT (self));
  if (*email != '\0')
    signet_request_spec_set_sender_email (self, email);
  if (*name != '\0')
    signet_request_spec_set_sender_name (self, name);
  if (g_strv_contains (languages, language))
    signet_request_spec_set_language (self, language);
  signet_request_spec_set_expiry_hours (self,
                                        g_settings_get_uint (settings, "default-expiry-hours"));
  /* 0 = auto; otherwise the SignetSigningMode + 1. */
  mode = g_settings_get_enum (settings, "default-signing-mode");
  if (mode > 0)
    signet_request_spec_set_signing_mode (self, mode - 1);
  g_object_thaw_notify (G_OBJECT (self));
}

#define SPEC_STRING(prop, PROP)                                                                    \
  const char *signet_request_spec_get_##prop (SignetRequestSpec *self)                             \
  {                                                                                                \
    g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);                                    \
    return self->prop;                                                                             \
  }                                                                                                \
  void signet_request_spec_set_##prop (SignetRequestSpec *self, const char *value)                 \
  {                                                                                                \
    g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));                                              \
    set_string (G_OBJECT (self), &self->prop, value, properties[PROP_##PROP]);                     \
  }

#define SPEC_BOOLEAN(prop, PROP)                                                                   \
  gboolean signet_request_spec_get_##prop (SignetRequestSpec *self)                                \
  {                                                                                                \
    g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), FALSE);                                   \
    return self->prop;                                                                             \
  }                                                                                                \
  void signet_request_spec_set_##prop (SignetRequestSpec *self, gboolean value)                    \
  {                                                                                                \
    g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));                                              \
    set_boolean (G_OBJECT (self), &self->prop, value, properties[PROP_##PROP]);                    \
  }

SPEC_STRING (sender_email, SENDER_EMAIL)
SPEC_STRING (sender_name, SENDER_NAME)
SPEC_STRING (message, MESSAGE)
SPEC_STRING (final_recipients, FINAL_RECIPIENTS)
SPEC_STRING (result_url, RESULT_URL)
SPEC_STRING (signer_date_format, SIGNER_DATE_FORMAT)
SPEC_BOOLEAN (email_reminders, EMAIL_REMINDERS)
SPEC_BOOLEAN (no_mouse_signing, NO_MOUSE_SIGNING)
SPEC_BOOLEAN (qr_handover, QR_HANDOVER)
SPEC_BOOLEAN (stamp_before_signing, STAMP_BEFORE_SIGNING)
SPEC_BOOLEAN (auto_submit, AUTO_SUBMIT)
SPEC_BOOLEAN (one_button, ONE_BUTTON)
SPEC_BOOLEAN (open_signature, OPEN_SIGNATURE)
SPEC_BOOLEAN (read_required, READ_REQUIRED)
SPEC_BOOLEAN (auto_envelope_submit, AUTO_ENVELOPE_SUBMIT)
SPEC_BOOLEAN (expiry_notification, EXPIRY_NOTIFICATION)

guint
signet_request_spec_get_signature_number (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), 0);
  return self->signature_number;
}

void
signet_request_spec_set_signature_number (SignetRequestSpec *self, guint number)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  set_uint (G_OBJECT (self), &self->signature_number, number, properties[PROP_SIGNATURE_NUMBER]);
}

/**
 * signet_request_spec_get_language:
 * @self: a #SignetRequestSpec
 *
 * Returns: the language of the e-mails and text messages, one of
 *   signet_request_spec_get_languages() (validation says so otherwise)
 */
const char *
signet_request_spec_get_language (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  return self->language;
}

void
signet_request_spec_set_language (SignetRequestSpec *self, const char *language)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));

  if (language == NULL || *language == '\0')
    language = languages[0];
  set_string (G_OBJECT (self), &self->language, language, properties[PROP_LANGUAGE]);
}

SignetSigningMode
signet_request_spec_get_signing_mode (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), SIGNET_SIGNING_MODE_ANYWHERE);
  return self->signing_mode;
}

void
signet_request_spec_set_signing_mode (SignetRequestSpec *self, SignetSigningMode mode)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (mode <= SIGNET_SIGNING_MODE_TAGS);
  set_uint (G_OBJECT (self), &self->signing_mode, mode, properties[PROP_SIGNING_MODE]);
}

guint
signet_request_spec_get_expiry_hours (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), 0);
  return self->expiry_hours;
}

void
signet_request_spec_set_expiry_hours (SignetRequestSpec *self, guint hours)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  set_uint (G_OBJECT (self), &self->expiry_hours, hours, properties[PROP_EXPIRY_HOURS]);
}

SignetFieldsBeforeSigning
signet_request_spec_get_fields_before_signing (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT);
  return self->fields_before_signing;
}

void
signet_request_spec_set_fields_before_signing (SignetRequestSpec        *self,
                                               SignetFieldsBeforeSigning fields)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (fields <= SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
  set_uint (G_OBJECT (self), &self->fields_before_signing, fields,
            properties[PROP_FIELDS_BEFORE_SIGNING]);
}

SignetFieldTypeFlags
signet_request_spec_get_ignore_required (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), SIGNET_FIELD_TYPE_FLAGS_NONE);
  return self->ignore_required;
}

void
signet_request_spec_set_ignore_required (SignetRequestSpec *self, SignetFieldTypeFlags types)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  set_uint (G_OBJECT (self), &self->ignore_required, types & 0x1f,
            properties[PROP_IGNORE_REQUIRED]);
}

/**
 * signet_request_spec_get_field_values:
 * @self: a #SignetRequestSpec
 *
 * Returns: (transfer none): a #GListModel of #SignetFieldValue
 */
GListModel *
signet_request_spec_get_field_values (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  return G_LIST_MODEL (self->field_values);
}

/**
 * signet_request_spec_add_field_value:
 * @self: a #SignetRequestSpec
 * @name: a form field's technical name
 *
 * Returns: (transfer none): the new, empty #SignetFieldValue
 */
SignetFieldValue *
signet_request_spec_add_field_value (SignetRequestSpec *self, const char *name)
{
  g_autoptr (SignetFieldValue) value = NULL;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  value = signet_field_value_new (name);
  g_list_store_append (self->field_values, value);
  return value;
}

/**
 * signet_request_spec_get_rounds:
 * @self: a #SignetRequestSpec
 *
 * Returns: (transfer none): a #GListModel of #SignetRoundSpec, in order
 */
GListModel *
signet_request_spec_get_rounds (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

guint
signet_request_spec_get_n_rounds (SignetRequestSpec *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
}

/**
 * signet_request_spec_get_round:
 * @self: a #SignetRequestSpec
 * @index: a round, from 0
 *
 * Returns: (transfer none) (nullable): the round, or %NULL past the last
 */
SignetRoundSpec *
signet_request_spec_get_round (SignetRequestSpec *self, guint index)
{
  g_autoptr (SignetRoundSpec) round = NULL;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);

  round = g_list_model_get_item (G_LIST_MODEL (self->rounds), index);
  /* The store keeps it alive. */
  return round;
}

/**
 * signet_request_spec_add_round:
 * @self: a #SignetRequestSpec
 *
 * Returns: (transfer none): a new round at the end
 */
SignetRoundSpec *
signet_request_spec_add_round (SignetRequestSpec *self)
{
  g_autoptr (SignetRoundSpec) round = NULL;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);

  round = signet_round_spec_new ();
  g_list_store_append (self->rounds, round);
  return round;
}

void
signet_request_spec_remove_round (SignetRequestSpec *self, guint index)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (index < signet_request_spec_get_n_rounds (self));

  g_list_store_remove (self->rounds, index);
}

/* }}} */
/* {{{ Validation */

G_DEFINE_BOXED_TYPE (SignetSpecProblem,
                     signet_spec_problem,
                     signet_spec_problem_copy,
                     signet_spec_problem_free)

SignetSpecProblem *
signet_spec_problem_copy (const SignetSpecProblem *problem)
{
  SignetSpecProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (SignetSpecProblem, 1);
  copy->property = g_strdup (problem->property);
  copy->round = problem->round;
  copy->message = g_strdup (problem->message);
  return copy;
}

void
signet_spec_problem_free (SignetSpecProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->property);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray *problems, const char *property, int round, const char *message)
{
  SignetSpecProblem *problem = g_new0 (SignetSpecProblem, 1);

  problem->property = g_strdup (property);
  problem->round = round;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/* name@domain.tld, as plain as the service's templates need: no spaces,
 * no display names, one @, a dot in the domain, at most 254 bytes. */
static gboolean
is_email (const char *text)
{
  const char *at, *dot;

  if (text == NULL || strlen (text) > 254 || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[],;:\\\"|", *p) != NULL)
      return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && at[1] != '.';
}

/* The phone number as sent: spaces dropped. */
static char *
normalize_phone (const char *text)
{
  GString *phone = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (phone, *p);
  return g_string_free (phone, FALSE);
}

/* E.164: a plus, then 8 to 15 digits, the first not 0 (`+421905123456`). */
static gboolean
is_phone (const char *text)
{
  g_autofree char *phone = normalize_phone (text);
  gsize            n = strlen (phone);

  if (n < 9 || n > 16 || phone[0] != '+' || phone[1] == '0')
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isdigit (phone[i]))
      return FALSE;
  return TRUE;
}

/* A one-time code chosen by the sender: the sources show only "1234". */
static gboolean
is_code (const char *text)
{
  gsize n = strlen (text);

  if (n < 4 || n > 8)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The final-copy recipients as typed: separated by commas, semicolons or
 * spaces. */
static GStrv
split_recipients (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",; \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
is_url (const char *text)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && (g_str_equal (g_uri_get_scheme (uri), "https")
             || g_str_equal (g_uri_get_scheme (uri), "http"));
}

static gboolean
has_spot (SignetInspection *inspection, SignetSpotKind kind, const char *name)
{
  GPtrArray *spots = signet_inspection_get_spots (inspection);

  for (guint i = 0; i < spots->len; i++)
    {
      const SignetSignatureSpot *spot = g_ptr_array_index (spots, i);

      if (spot->kind == kind && g_str_equal (spot->name, name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_email_goes_out (SignetRequestSpec *self)
{
  g_auto (GStrv) recipients = split_recipients (self->final_recipients);

  if (recipients[0] != NULL || self->email_reminders)
    return TRUE;
  for (guint i = 0; i < signet_request_spec_get_n_rounds (self); i++)
    if (signet_request_spec_get_round (self, i)->signer_email != NULL)
      return TRUE;
  return FALSE;
}

static void
validate_round (SignetRequestSpec *self,
                guint              index,
                SignetInspection  *inspection,
                GHashTable        *taken,
                GPtrArray         *problems)
{
  SignetRoundSpec *round = signet_request_spec_get_round (self, index);
  gboolean         wants_email, wants_sms;

  if (round->signer_name != NULL
      && g_utf8_strlen (round->signer_name, -1) > SIGNET_REQUEST_MAX_SIGNER_NAME)
    add_problem (problems, "signer-name", index,
                 _ ("Shorten the signer’s name to 40 characters or fewer."));
  if (round->signer_email != NULL && !is_email (round->signer_email))
    add_problem (problems, "signer-email", index,
                 _ ("Enter the signer’s e-mail address as name@example.com."));
  if (round->otp_email != NULL && !is_email (round->otp_email))
    add_problem (problems, "otp-email", index,
                 _ ("Enter the e-mail address for the one-time code as name@example.com."));

  wants_email
    = round->open_otp == SIGNET_OTP_CHANNEL_EMAIL || round->sign_otp == SIGNET_OTP_CHANNEL_EMAIL;
  wants_sms
    = round->open_otp == SIGNET_OTP_CHANNEL_SMS || round->sign_otp == SIGNET_OTP_CHANNEL_SMS;
  if (wants_email && round->otp_email == NULL && round->signer_email == NULL)
    add_problem (problems, "otp-email", index,
                 _ ("Enter the e-mail address the one-time code is sent to, or send it by SMS."));
  if (wants_sms && round->phone == NULL)
    add_problem (problems, "phone", index,
                 _ ("Enter the phone number the one-time code is sent to by SMS."));
  if (round->phone != NULL && !is_phone (round->phone))
    add_problem (problems, "phone", index,
                 _ ("Enter the phone number in international format: a plus sign, the country "
                    "code and the number, for example +421 905 123 456."));
  if (round->open_code != NULL && !is_code (round->open_code))
    add_problem (problems, "open-code", index,
                 _ ("Enter the code to open as 4 to 8 digits, or leave it empty for a random "
                    "code."));
  if (round->sign_code != NULL && !is_code (round->sign_code))
    add_problem (problems, "sign-code", index,
                 _ ("Enter the code to sign as 4 to 8 digits, or leave it empty for a random "
                    "code."));
  if (round->sign_otp != SIGNET_OTP_CHANNEL_NONE
      && self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    add_problem (problems, "sign-otp", index,
                 _ ("A one-time code to sign needs a signature field: sign in the document’s "
                    "fields or at its tags, or ask for the code to open the document instead."));

  if (self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    return;

  if (round->fields[0] == NULL)
    {
      add_problem (problems, "fields", index,
                   self->signing_mode == SIGNET_SIGNING_MODE_FIELDS
                     ? _ ("Choose the signature field this signer signs.")
                     : _ ("Choose the tag this signer signs."));
      return;
    }
  for (guint i = 0; round->fields[i] != NULL; i++)
    {
      const char    *name = round->fields[i];
      SignetSpotKind kind = self->signing_mode == SIGNET_SIGNING_MODE_TAGS ? SIGNET_SPOT_KIND_TAG
                                                                           : SIGNET_SPOT_KIND_FIELD;

      if (inspection != NULL && !has_spot (inspection, kind, name))
        {
          g_autofree char *message
            = kind == SIGNET_SPOT_KIND_TAG
                ? g_strdup_printf (_ ("The document has no tag “%s”: choose one of its tags."),
                                   name)
                : g_strdup_printf (
                  _ ("The document has no signature field “%s”: choose one of its fields."), name);

          add_problem (problems, "fields", index, message);
        }
      else if (!g_hash_table_add (taken, (gpointer) name))
        {
          g_autofree char *message = g_strdup_printf (
            _ ("“%s” is already signed in an earlier round: give each signer their own field."),
            name);

          add_problem (problems, "fields", index, message);
        }
    }
}

/**
 * signet_request_spec_validate:
 * @self: a #SignetRequestSpec
 * @inspection: (nullable): the document's inspection, to check the fields
 *   and tags against (a batch has none)
 *
 * Checks everything the service would refuse, or would do otherwise than
 * the user thinks.
 *
 * Returns: (transfer full) (element-type SignetSpecProblem): the problems,
 *   in the order of the editor; empty when the request can be sent
 */
GPtrArray *
signet_request_spec_validate (SignetRequestSpec *self, SignetInspection *inspection)
{
  g_autoptr (GPtrArray) problems
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_spec_problem_free);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) recipients = NULL;
  guint n_rounds;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  g_return_val_if_fail (inspection == NULL || SIGNET_IS_INSPECTION (inspection), NULL);

  if (inspection != NULL && self->signing_mode == SIGNET_SIGNING_MODE_FIELDS
      && signet_inspection_count_spots (inspection, SIGNET_SPOT_KIND_FIELD) == 0)
    add_problem (problems, "signing-mode", -1,
                 _ ("The document has no signature fields: let the signer sign anywhere, or use "
                    "its tags."));
  if (inspection != NULL && self->signing_mode == SIGNET_SIGNING_MODE_TAGS
      && signet_inspection_count_spots (inspection, SIGNET_SPOT_KIND_TAG) == 0)
    add_problem (problems, "signing-mode", -1,
                 _ ("The document has no signature tags such as _SC1_: let the signer sign "
                    "anywhere, or use its fields."));
  if (self->stamp_before_signing && self->signing_mode == SIGNET_SIGNING_MODE_TAGS)
    add_problem (problems, "stamp-before-signing", -1,
                 _ ("A stamp cannot be added to a document signed at its tags: turn off the "
                    "stamp, or sign in fields or anywhere."));

  if (self->sender_email != NULL && !is_email (self->sender_email))
    add_problem (problems, "sender-email", -1,
                 _ ("Enter your e-mail address as name@example.com."));
  else if (self->sender_email == NULL && any_email_goes_out (self))
    add_problem (problems, "sender-email", -1,
                 _ ("Enter your e-mail address: the service sends e-mails in your name, and "
                    "replies come to it."));
  if (!g_strv_contains (languages, self->language))
    add_problem (problems, "language", -1, _ ("Choose a language of the e-mails from the list."));
  recipients = split_recipients (self->final_recipients);
  for (guint i = 0; recipients[i] != NULL; i++)
    if (!is_email (recipients[i]))
      {
        g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not an e-mail address: separate the addresses of the signed copy with "
             "commas."),
          recipients[i]);

        add_problem (problems, "final-recipients", -1, message);
      }
  if (self->expiry_hours < 1 || self->expiry_hours > SIGNET_REQUEST_MAX_EXPIRY_HOURS)
    add_problem (problems, "expiry-hours", -1,
                 _ ("Choose an expiry between 1 hour and 10 days (240 hours)."));
  if (self->result_url != NULL && !is_url (self->result_url))
    add_problem (problems, "result-url", -1,
                 _ ("Enter the page after signing as a web address starting with https://."));

  n_rounds = signet_request_spec_get_n_rounds (self);
  if (n_rounds == 0)
    add_problem (problems, "rounds", -1, _ ("Add a signer."));
  else if (n_rounds > MAX_ROUNDS)
    add_problem (problems, "rounds", -1, _ ("Send to at most 10 signers one after another."));
  else if (n_rounds > 1 && self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    add_problem (problems, "rounds", -1,
                 _ ("Several signers one after another each need their own signature field: "
                    "sign in the document’s fields or at its tags."));

  for (guint i = 0; i < n_rounds && i < MAX_ROUNDS; i++)
    validate_round (self, i, inspection, taken, problems);

  return g_steal_pointer (&problems);
}

/* }}} */
/* {{{ Building the rounds */

/* The rules of round @index (§10.2), as objects (the newer wiki's form). */
static void
set_rules (SignetRequestSpec *self, guint index, SignetSignatureRequest *request)
{
  SignetRoundSpec *round = signet_request_spec_get_round (self, index);
  guint            n_rounds = signet_request_spec_get_n_rounds (self);
  g_auto (GStrv) recipients = split_recipients (self->final_recipients);
  const char      *otp_email = round->otp_email != NULL ? round->otp_email : round->signer_email;
  g_autofree char *phone = normalize_phone (round->phone);

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

/* }}} */
/* {{{ Presets */

/* A preset is a JSON object of the options below; everything that belongs
 * to one file (field values, and in fields mode the fields of each round)
 * stays out. docs/requests.md shows the format. */
#define PRESET_VERSION 1
#define MAX_STRING     4096
#define MAX_FIELDS     50
#define MAX_DEPTH      8

static const char *const mode_names[] = { "anywhere", "fields", "tags", NULL };
static const char *const otp_names[] = { "none", "email", "sms", NULL };
static const char *const keep_names[] = { "default", "flatten", "readOnly", "keep", NULL };
static const char *const type_names[]
  = { "TEXT", "CHECKBOX", "SIGNATURE", "RADIO", "COMBOBOX", NULL };

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
  for (guint t = 0; type_names[t] != NULL; t++)
    if (self->ignore_required & (1u << t))
      json_builder_add_string_value (builder, type_names[t]);
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

      for (t = 0; type_names[t] != NULL; t++)
        if (g_str_equal (type_names[t], ignore[i]))
          break;
      if (type_names[t] == NULL)
        return preset_error (error, "ignoreRequired"), NULL;
      spec->ignore_required |= 1u << t;
    }

  node = json_object_get_member (object, "expiryHours");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || json_node_get_int (node) > 100000)
        return preset_error (error, "expiryHours"), NULL;
      spec->expiry_hours = (guint) json_node_get_int (node);
    }

  node = json_object_get_member (object, "signatureNumber");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || json_node_get_int (node) > 100)
        return preset_error (error, "signatureNumber"), NULL;
      spec->signature_number = (guint) json_node_get_int (node);
    }

  node = json_object_get_member (object, "rounds");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return preset_error (error, "rounds"), NULL;
  rounds = json_node_get_array (node);
  if (json_array_get_length (rounds) == 0 || json_array_get_length (rounds) > MAX_ROUNDS)
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

      copy_round (round, signet_request_spec_get_round (preset, i));
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

/* }}} */
/* {{{ Quota */

/**
 * signet_quota_check_from_counter:
 * @counter: the counter service's answer
 * @threshold: the `quota-warning-threshold` setting
 * @requested: how many requests are about to be sent
 * @check: (out caller-allocates): what they mean together
 */
void
signet_quota_check_from_counter (SignetCounter    *counter,
                                 guint             threshold,
                                 guint             requested,
                                 SignetQuotaCheck *check)
{
  g_return_if_fail (SIGNET_IS_COUNTER (counter));
  g_return_if_fail (check != NULL);

  check->available = MAX (signet_counter_get_available (counter), 0);
  check->requested = requested;
  check->threshold = threshold;
  check->fits = check->available >= (gint64) requested;
  check->low = check->available - (gint64) requested < (gint64) threshold;
}

typedef struct
{
  GSettings *settings;
  guint      requested;
} QuotaData;

static void
quota_data_free (QuotaData *data)
{
  g_object_unref (data->settings);
  g_free (data);
}

static void
quota_refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  QuotaData *data = g_task_get_task_data (task);
  g_autoptr (SignetCounter) counter = NULL;
  SignetQuotaCheck *check;
  GError           *error = NULL;

  counter = signet_account_refresh_finish (SIGNET_ACCOUNT (source), result, &error);
  if (counter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  check = g_new0 (SignetQuotaCheck, 1);
  signet_quota_check_from_counter (counter,
                                   g_settings_get_uint (data->settings, "quota-warning-threshold"),
                                   data->requested, check);
  g_task_return_pointer (task, check, g_free);
}

/**
 * signet_quota_check_async:
 * @account: the account
 * @settings: the application's settings (for `quota-warning-threshold`)
 * @requested: how many requests are about to be sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks the counter service (E13) how many signature requests remain,
 * before sending @requested of them.
 */
void
signet_quota_check_async (SignetAccount      *account,
                          GSettings          *settings,
                          guint               requested,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask     *task;
  QuotaData *data;

  g_return_if_fail (SIGNET_IS_ACCOUNT (account));
  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_quota_check_async);
  data = g_new0 (QuotaData, 1);
  data->settings = g_object_ref (settings);
  data->requested = requested;
  g_task_set_task_data (task, data, (GDestroyNotify) quota_data_free);
  signet_account_refresh_async (account, cancellable, quota_refreshed_cb, task);
}

/**
 * signet_quota_check_finish:
 * @account: the account
 * @result: the #GAsyncResult
 * @check: (out caller-allocates): the answer
 * @error: return location for a #SIGNET_ERROR
 *
 * Returns: whether the counter could be read
 */
gboolean
signet_quota_check_finish (SignetAccount    *account,
                           GAsyncResult     *result,
                           SignetQuotaCheck *check,
                           GError          **error)
{
  g_autofree SignetQuotaCheck *answer = NULL;

  g_return_val_if_fail (g_task_is_valid (result, account), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;
  *check = *answer;
  return TRUE;
}

/**
 * signet_quota_check_dup_message:
 * @check: a #SignetQuotaCheck
 *
 * Returns: (transfer full) (nullable): a sentence for the user when the
 *   requests do not fit or leave few, else %NULL
 */
char *
signet_quota_check_dup_message (const SignetQuotaCheck *check)
{
  int left;

  g_return_val_if_fail (check != NULL, NULL);

  if (!check->fits)
    {
      left = (int) MIN (check->available, G_MAXINT);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Only %d signature request is left, too few for what you are sending. Buy "
                     "more on okdokument.com.",
                     "Only %d signature requests are left, too few for what you are sending. Buy "
                     "more on okdokument.com.",
                     left),
        left);
    }
  if (check->low)
    {
      left = (int) MIN (check->available - (gint64) check->requested, G_MAXINT);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "After sending, %d signature request will be left. Buy more on "
                     "okdokument.com soon.",
                     "After sending, %d signature requests will be left. Buy more on "
                     "okdokument.com soon.",
                     left),
        left);
    }
  return NULL;
}

/* }}} */
