/* signet-round-spec-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-round-spec.h"

G_BEGIN_DECLS

/* The struct, read whole by the request description's files. */

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

void signet_round_spec_assign (SignetRoundSpec *to, SignetRoundSpec *from);

G_END_DECLS
