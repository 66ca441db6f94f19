/* signet-sandbox-sign.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The self-signed demo certificate the sandbox signs with. */
#define SIGNET_SANDBOX_DEMO_SIGNER "Signet Sandbox Demo Signer"

typedef struct _SignetSandboxCert SignetSandboxCert;

SignetSandboxCert *signet_sandbox_cert_new (const char *data_dir);
SignetSandboxCert *signet_sandbox_cert_ref (SignetSandboxCert *cert);
void               signet_sandbox_cert_unref (SignetSandboxCert *cert);
const char        *signet_sandbox_cert_get_data_dir (SignetSandboxCert *cert);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSandboxCert, signet_sandbox_cert_unref)

GBytes *signet_sandbox_cert_sign_pdf (SignetSandboxCert *cert,
                                      GBytes            *pdf,
                                      const char        *field_name,
                                      int                page,
                                      const double      *rect,
                                      const char        *signer_name,
                                      gint64             signing_time,
                                      GError           **error);

G_END_DECLS
