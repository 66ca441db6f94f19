/* signet-request-spec.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-field-value.h"
#include "signet-inspection.h"
#include "signet-round-spec.h"
#include "signet-types.h"

G_BEGIN_DECLS

/* The request description the editor edits: the objects and their
 * properties. Every getter/setter pair is also a GObject property of the
 * same name in kebab case ("signing-mode", "sender-email", "expiry-hours",
 * "no-mouse-signing", "qr-handover", "stamp-before-signing",
 * "ignore-required", ...), so the GUI can bind them and get notify.
 * "field-values" and "rounds" are read-only GListModels (GListStore
 * underneath). Validation is in signet-request-validation.h, the E1 bodies
 * in signet-request-rounds.h, presets in signet-presets.h; docs/requests.md
 * says which file holds what. */

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
/* More rounds than tags of one kind (§15) make no sense. */
#define SIGNET_REQUEST_MAX_ROUNDS 10

#define SIGNET_TYPE_REQUEST_SPEC (signet_request_spec_get_type ())

G_DECLARE_FINAL_TYPE (SignetRequestSpec, signet_request_spec, SIGNET, REQUEST_SPEC, GObject)

const char *const *signet_request_spec_get_languages (void);
char              *signet_request_spec_dup_session_language (void);

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

G_END_DECLS
