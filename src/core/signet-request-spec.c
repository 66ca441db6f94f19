/* signet-request-spec.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-spec"

#include "config.h"

#include <string.h>

#include "signet-request-spec.h"
#include "signet-enums.h"
#include "signet-property-util.h"
#include "signet-request-spec-private.h"

/* The template languages of the service (§16); the first is its default. */
static const char *const languages[] = { "sk", "cs", "en", "ro", "uk", "pl", "pt", "hu", NULL };

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

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

#define TEXT(member) SIGNET_FIELD_FULL (SignetRequestSpec, member, SIGNET_FIELD_EMPTY_IS_NULL)

/* Every property but n-rounds is a field. */
static const SignetField spec_fields[N_PROPS] = {
  [PROP_SIGNING_MODE] = SIGNET_FIELD (SignetRequestSpec, signing_mode),
  [PROP_SENDER_EMAIL] = TEXT (sender_email),
  [PROP_SENDER_NAME] = TEXT (sender_name),
  [PROP_MESSAGE] = TEXT (message),
  [PROP_LANGUAGE] = TEXT (language),
  [PROP_FINAL_RECIPIENTS] = TEXT (final_recipients),
  [PROP_EMAIL_REMINDERS] = SIGNET_FIELD (SignetRequestSpec, email_reminders),
  [PROP_EXPIRY_HOURS] = SIGNET_FIELD (SignetRequestSpec, expiry_hours),
  [PROP_NO_MOUSE_SIGNING] = SIGNET_FIELD (SignetRequestSpec, no_mouse_signing),
  [PROP_QR_HANDOVER] = SIGNET_FIELD (SignetRequestSpec, qr_handover),
  [PROP_STAMP_BEFORE_SIGNING] = SIGNET_FIELD (SignetRequestSpec, stamp_before_signing),
  [PROP_FIELDS_BEFORE_SIGNING] = SIGNET_FIELD (SignetRequestSpec, fields_before_signing),
  [PROP_IGNORE_REQUIRED] = SIGNET_FIELD (SignetRequestSpec, ignore_required),
  [PROP_RESULT_URL] = TEXT (result_url),
  [PROP_AUTO_SUBMIT] = SIGNET_FIELD (SignetRequestSpec, auto_submit),
  [PROP_ONE_BUTTON] = SIGNET_FIELD (SignetRequestSpec, one_button),
  [PROP_OPEN_SIGNATURE] = SIGNET_FIELD (SignetRequestSpec, open_signature),
  [PROP_READ_REQUIRED] = SIGNET_FIELD (SignetRequestSpec, read_required),
  [PROP_SIGNER_DATE_FORMAT] = TEXT (signer_date_format),
  [PROP_AUTO_ENVELOPE_SUBMIT] = SIGNET_FIELD (SignetRequestSpec, auto_envelope_submit),
  [PROP_EXPIRY_NOTIFICATION] = SIGNET_FIELD (SignetRequestSpec, expiry_notification),
  [PROP_SIGNATURE_NUMBER] = SIGNET_FIELD (SignetRequestSpec, signature_number),
  [PROP_FIELD_VALUES] = SIGNET_FIELD (SignetRequestSpec, field_values),
  [PROP_ROUNDS] = SIGNET_FIELD (SignetRequestSpec, rounds),
};

static void
signet_request_spec_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_N_ROUNDS)
    g_value_set_uint (value, signet_request_spec_get_n_rounds (SIGNET_REQUEST_SPEC (object)));
  else
    signet_property_get_field (object, prop_id, value, pspec);
}

static void
signet_request_spec_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  /* No language is the service's default one. */
  if (prop_id == PROP_LANGUAGE)
    signet_request_spec_set_language (SIGNET_REQUEST_SPEC (object), g_value_get_string (value));
  else
    signet_property_set_field (object, prop_id, value, pspec);
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

  signet_property_install (object_class, N_PROPS, properties, spec_fields);
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
    signet_round_spec_assign (signet_request_spec_add_round (copy),
                              signet_request_spec_get_round (self, i));

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
/**
 * signet_request_spec_dup_session_language:
 *
 * Returns: (transfer full) (nullable): the session's language when the
 *   service writes e-mails in it ("C" is English), else %NULL: the
 *   e-mails' language while nobody chose one
 */
char *
signet_request_spec_dup_session_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = NULL;

      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        return g_strdup ("en");
      code = g_strndup (names[i], strcspn (names[i], "_.@"));
      if (g_strv_contains (languages, code))
        return g_steal_pointer (&code);
    }
  return NULL;
}

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
  /* Nobody chose a language: the e-mails speak the session's. */
  {
    g_autoptr (GVariant) chosen = g_settings_get_user_value (settings, "default-language");
    g_autofree char *session = chosen == NULL ? signet_request_spec_dup_session_language () : NULL;

    if (session != NULL)
      {
        g_free (language);
        language = g_steal_pointer (&session);
      }
  }

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

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetRequestSpec, SIGNET_IS_REQUEST_SPEC, Ret,                            \
                        signet_request_spec_get_##member, member, fallback)
#define SETTER(set, Arg, member, PROP)                                                             \
  SIGNET_DEFINE_SETTER (SignetRequestSpec, SIGNET_IS_REQUEST_SPEC, Arg,                            \
                        signet_request_spec_set_##member, set, member, properties[PROP])
#define SPEC_STRING(prop, PROP)                                                                    \
  GETTER (const char *, prop, NULL)                                                                \
  SETTER (signet_spec_set_string, const char *, prop, PROP_##PROP)
#define SPEC_BOOLEAN(prop, PROP)                                                                   \
  GETTER (gboolean, prop, FALSE)                                                                   \
  SETTER (signet_property_set_boolean, gboolean, prop, PROP_##PROP)

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

GETTER (guint, signature_number, 0)

SETTER (signet_property_set_uint, guint, signature_number, PROP_SIGNATURE_NUMBER)

/**
 * signet_request_spec_get_language:
 * @self: a #SignetRequestSpec
 *
 * Returns: the language of the e-mails and text messages, one of
 *   signet_request_spec_get_languages() (validation says so otherwise)
 */
GETTER (const char *, language, NULL)

void
signet_request_spec_set_language (SignetRequestSpec *self, const char *language)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));

  if (language == NULL || *language == '\0')
    language = languages[0];
  signet_spec_set_string (G_OBJECT (self), &self->language, language, properties[PROP_LANGUAGE]);
}

GETTER (SignetSigningMode, signing_mode, SIGNET_SIGNING_MODE_ANYWHERE)

void
signet_request_spec_set_signing_mode (SignetRequestSpec *self, SignetSigningMode mode)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (mode <= SIGNET_SIGNING_MODE_TAGS);
  signet_property_set_uint (G_OBJECT (self), &self->signing_mode, mode,
                            properties[PROP_SIGNING_MODE]);
}

GETTER (guint, expiry_hours, 0)

SETTER (signet_property_set_uint, guint, expiry_hours, PROP_EXPIRY_HOURS)

GETTER (SignetFieldsBeforeSigning, fields_before_signing, SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT)

void
signet_request_spec_set_fields_before_signing (SignetRequestSpec        *self,
                                               SignetFieldsBeforeSigning fields)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  g_return_if_fail (fields <= SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
  signet_property_set_uint (G_OBJECT (self), &self->fields_before_signing, fields,
                            properties[PROP_FIELDS_BEFORE_SIGNING]);
}

GETTER (SignetFieldTypeFlags, ignore_required, SIGNET_FIELD_TYPE_FLAGS_NONE)

void
signet_request_spec_set_ignore_required (SignetRequestSpec *self, SignetFieldTypeFlags types)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (self));
  signet_property_set_uint (G_OBJECT (self), &self->ignore_required, types & 0x1f,
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
