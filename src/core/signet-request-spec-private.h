/* signet-request-spec-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-field-value-private.h"
#include "signet-property-util.h"
#include "signet-request-spec.h"
#include "signet-round-spec-private.h"

G_BEGIN_DECLS

/* The structs of the request description, shared by the files that read
 * it whole: the objects (signet-field-value.c, signet-round-spec.c,
 * signet-request-spec.c), validation, building the rounds and presets. */

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

/* In signet-request-validation.c, also used to build the rules. */
GStrv signet_request_split_recipients (const char *text);
char *signet_request_normalize_phone (const char *text);

G_END_DECLS
