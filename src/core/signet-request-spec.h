/* signet-request-spec.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-account.h"
#include "signet-document.h"
#include "signet-inspection.h"
#include "signet-signature-request.h"
#include "signet-sync.h"
#include "signet-types.h"

G_BEGIN_DECLS

/* The request description the editor edits, turned into the E1 bodies of
 * every round by signet_request_spec_build_rounds(). Every getter/setter
 * pair is also a GObject property of the same name in kebab case
 * ("signing-mode", "sender-email", "expiry-hours", "no-mouse-signing",
 * "qr-handover", "stamp-before-signing", "ignore-required", ...; on a round
 * "signer-name", "ask-signer-name", "signer-email", "open-otp", "sign-otp",
 * "otp-email", "phone", "fields"; on a field value "name", "value",
 * "read-only"), so the GUI can bind them and get notify. "field-values"
 * and "rounds" are read-only GListModels (GListStore underneath).
 * docs/requests.md maps every option to its JSON. */

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

/**
 * SignetFieldTypeFlags:
 * @SIGNET_FIELD_TYPE_FLAGS_NONE: no type
 * @SIGNET_FIELD_TYPE_FLAGS_TEXT: text fields
 * @SIGNET_FIELD_TYPE_FLAGS_CHECKBOX: check boxes
 * @SIGNET_FIELD_TYPE_FLAGS_SIGNATURE: signature fields
 * @SIGNET_FIELD_TYPE_FLAGS_RADIO: radio button groups
 * @SIGNET_FIELD_TYPE_FLAGS_COMBOBOX: combo boxes
 *
 * A set of #SignetFieldType, bit (1 << type) each; used for `ignoreRequired`.
 */
typedef enum /*< flags >*/
{
  SIGNET_FIELD_TYPE_FLAGS_NONE = 0,
  SIGNET_FIELD_TYPE_FLAGS_TEXT = 1 << 0,
  SIGNET_FIELD_TYPE_FLAGS_CHECKBOX = 1 << 1,
  SIGNET_FIELD_TYPE_FLAGS_SIGNATURE = 1 << 2,
  SIGNET_FIELD_TYPE_FLAGS_RADIO = 1 << 3,
  SIGNET_FIELD_TYPE_FLAGS_COMBOBOX = 1 << 4,
} SignetFieldTypeFlags;

/* The request lifetime the service allows (§15): 24 hours unless told,
 * at most 10 days. */
#define SIGNET_REQUEST_DEFAULT_EXPIRY_HOURS 24
#define SIGNET_REQUEST_MAX_EXPIRY_HOURS     240
/* `guiSignerName` holds at most this many characters (§15). */
#define SIGNET_REQUEST_MAX_SIGNER_NAME 40

/* {{{ SignetFieldValue */

#define SIGNET_TYPE_FIELD_VALUE (signet_field_value_get_type ())

G_DECLARE_FINAL_TYPE (SignetFieldValue, signet_field_value, SIGNET, FIELD_VALUE, GObject)

SignetFieldValue *signet_field_value_new (const char *name);
const char       *signet_field_value_get_name (SignetFieldValue *self);
const char       *signet_field_value_get_value (SignetFieldValue *self);
void              signet_field_value_set_value (SignetFieldValue *self, const char *value);
gboolean          signet_field_value_get_read_only (SignetFieldValue *self);
void              signet_field_value_set_read_only (SignetFieldValue *self, gboolean read_only);

/* }}} */
/* {{{ SignetRoundSpec */

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

/* }}} */
/* {{{ SignetRequestSpec */

#define SIGNET_TYPE_REQUEST_SPEC (signet_request_spec_get_type ())

G_DECLARE_FINAL_TYPE (SignetRequestSpec, signet_request_spec, SIGNET, REQUEST_SPEC, GObject)

const char *const *signet_request_spec_get_languages (void);

SignetRequestSpec *signet_request_spec_new (void);
SignetRequestSpec *signet_request_spec_new_from_inspection (SignetInspection *inspection);
SignetRequestSpec *signet_request_spec_copy (SignetRequestSpec *self);
void signet_request_spec_apply_defaults (SignetRequestSpec *self, GSettings *settings);

SignetSigningMode signet_request_spec_get_signing_mode (SignetRequestSpec *self);
void        signet_request_spec_set_signing_mode (SignetRequestSpec *self, SignetSigningMode mode);
const char *signet_request_spec_get_sender_email (SignetRequestSpec *self);
void        signet_request_spec_set_sender_email (SignetRequestSpec *self, const char *email);
const char *signet_request_spec_get_sender_name (SignetRequestSpec *self);
void        signet_request_spec_set_sender_name (SignetRequestSpec *self, const char *name);
const char *signet_request_spec_get_message (SignetRequestSpec *self);
void        signet_request_spec_set_message (SignetRequestSpec *self, const char *message);
const char *signet_request_spec_get_language (SignetRequestSpec *self);
void        signet_request_spec_set_language (SignetRequestSpec *self, const char *language);
const char *signet_request_spec_get_final_recipients (SignetRequestSpec *self);
void     signet_request_spec_set_final_recipients (SignetRequestSpec *self, const char *recipients);
gboolean signet_request_spec_get_email_reminders (SignetRequestSpec *self);
void     signet_request_spec_set_email_reminders (SignetRequestSpec *self, gboolean reminders);
guint    signet_request_spec_get_expiry_hours (SignetRequestSpec *self);
void     signet_request_spec_set_expiry_hours (SignetRequestSpec *self, guint hours);
gboolean signet_request_spec_get_no_mouse_signing (SignetRequestSpec *self);
void     signet_request_spec_set_no_mouse_signing (SignetRequestSpec *self, gboolean no_mouse);
gboolean signet_request_spec_get_qr_handover (SignetRequestSpec *self);
void     signet_request_spec_set_qr_handover (SignetRequestSpec *self, gboolean allowed);
gboolean signet_request_spec_get_stamp_before_signing (SignetRequestSpec *self);
void     signet_request_spec_set_stamp_before_signing (SignetRequestSpec *self, gboolean stamp);
SignetFieldsBeforeSigning signet_request_spec_get_fields_before_signing (SignetRequestSpec *self);
void                      signet_request_spec_set_fields_before_signing (SignetRequestSpec        *self,
                                                                         SignetFieldsBeforeSigning fields);
SignetFieldTypeFlags      signet_request_spec_get_ignore_required (SignetRequestSpec *self);
void signet_request_spec_set_ignore_required (SignetRequestSpec *self, SignetFieldTypeFlags types);
const char *signet_request_spec_get_result_url (SignetRequestSpec *self);
void        signet_request_spec_set_result_url (SignetRequestSpec *self, const char *url);
gboolean    signet_request_spec_get_auto_submit (SignetRequestSpec *self);
void        signet_request_spec_set_auto_submit (SignetRequestSpec *self, gboolean auto_submit);
gboolean    signet_request_spec_get_one_button (SignetRequestSpec *self);
void        signet_request_spec_set_one_button (SignetRequestSpec *self, gboolean one_button);
gboolean    signet_request_spec_get_open_signature (SignetRequestSpec *self);
void     signet_request_spec_set_open_signature (SignetRequestSpec *self, gboolean open_signature);
gboolean signet_request_spec_get_read_required (SignetRequestSpec *self);
void     signet_request_spec_set_read_required (SignetRequestSpec *self, gboolean read_required);
const char *signet_request_spec_get_signer_date_format (SignetRequestSpec *self);
void     signet_request_spec_set_signer_date_format (SignetRequestSpec *self, const char *format);
gboolean signet_request_spec_get_auto_envelope_submit (SignetRequestSpec *self);
void     signet_request_spec_set_auto_envelope_submit (SignetRequestSpec *self, gboolean submit);
gboolean signet_request_spec_get_expiry_notification (SignetRequestSpec *self);
void     signet_request_spec_set_expiry_notification (SignetRequestSpec *self, gboolean notify);
guint    signet_request_spec_get_signature_number (SignetRequestSpec *self);
void     signet_request_spec_set_signature_number (SignetRequestSpec *self, guint number);

GListModel       *signet_request_spec_get_field_values (SignetRequestSpec *self);
SignetFieldValue *signet_request_spec_add_field_value (SignetRequestSpec *self, const char *name);
GListModel       *signet_request_spec_get_rounds (SignetRequestSpec *self);
guint             signet_request_spec_get_n_rounds (SignetRequestSpec *self);
SignetRoundSpec  *signet_request_spec_get_round (SignetRequestSpec *self, guint index);
SignetRoundSpec  *signet_request_spec_add_round (SignetRequestSpec *self);
void              signet_request_spec_remove_round (SignetRequestSpec *self, guint index);

/**
 * SignetSpecProblem:
 * @property: the name of the property that is wrong, e.g. "sender-email"
 * @round: the index of the round it belongs to, or -1 for the whole request
 * @message: a translated sentence saying what is wrong and what to do
 *
 * One reason why a #SignetRequestSpec cannot be sent.
 */
typedef struct
{
  char *property;
  int   round;
  char *message;
} SignetSpecProblem;

#define SIGNET_TYPE_SPEC_PROBLEM (signet_spec_problem_get_type ())

GType              signet_spec_problem_get_type (void) G_GNUC_CONST;
SignetSpecProblem *signet_spec_problem_copy (const SignetSpecProblem *problem);
void               signet_spec_problem_free (SignetSpecProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSpecProblem, signet_spec_problem_free)

GPtrArray *signet_request_spec_validate (SignetRequestSpec *self, SignetInspection *inspection);
GPtrArray *signet_request_spec_build_rounds (SignetRequestSpec *self,
                                             GFile             *file,
                                             const char        *filename,
                                             GError           **error);

/* Presets: everything but the parts that belong to one file. */
char              *signet_request_spec_to_json (SignetRequestSpec *self);
SignetRequestSpec *signet_request_spec_new_from_json (const char *json, GError **error);
gboolean signet_request_spec_apply_json (SignetRequestSpec *self, const char *json, GError **error);

char   **signet_presets_list (GSettings *settings);
gboolean signet_presets_save (GSettings         *settings,
                              const char        *name,
                              SignetRequestSpec *spec,
                              GError           **error);
gboolean signet_presets_delete (GSettings *settings, const char *name);
gboolean signet_presets_apply (GSettings         *settings,
                               const char        *name,
                               SignetRequestSpec *spec,
                               GError           **error);

/* }}} */
/* {{{ Quota */

/**
 * SignetQuotaCheck:
 * @available: signature requests the account has left
 * @requested: how many are about to be sent
 * @threshold: the `quota-warning-threshold` setting
 * @fits: whether @requested requests fit into @available
 * @low: whether fewer than @threshold remain after sending
 *
 * What the counter says before sending.
 */
typedef struct
{
  gint64   available;
  guint    requested;
  guint    threshold;
  gboolean fits;
  gboolean low;
} SignetQuotaCheck;

void     signet_quota_check_from_counter (SignetCounter    *counter,
                                          guint             threshold,
                                          guint             requested,
                                          SignetQuotaCheck *check);
void     signet_quota_check_async (SignetAccount      *account,
                                   GSettings          *settings,
                                   guint               requested,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean signet_quota_check_finish (SignetAccount    *account,
                                    GAsyncResult     *result,
                                    SignetQuotaCheck *check,
                                    GError          **error);
char    *signet_quota_check_dup_message (const SignetQuotaCheck *check);

/* }}} */

G_END_DECLS
