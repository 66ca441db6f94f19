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

/**
 * SignetSandboxSignature:
 * @field_name: the name of the new signature field
 * @page: the page its widget stands on, from 0
 * @rect: the widget's rectangle in PDF user space: x1, y1, x2, y2
 * @signer_name: the person who signs, for `/Name` and the marks
 * @signing_time: seconds since the epoch
 * @marks: (nullable): rectangles on @page (4 numbers each) where the update
 *   itself draws the visible mark, when no redraw made it
 * @n_marks: the number of rectangles in @marks
 * @mark_date: the line under the name in each mark
 *
 * One signature to append.
 */
typedef struct
{
  const char   *field_name;
  int           page;
  double        rect[4];
  const char   *signer_name;
  gint64        signing_time;
  const double *marks;
  guint         n_marks;
  const char   *mark_date;
} SignetSandboxSignature;

GBytes  *signet_sandbox_cert_sign_pdf (SignetSandboxCert            *cert,
                                       GBytes                       *pdf,
                                       const SignetSandboxSignature *signature,
                                       GError                      **error);
gboolean signet_sandbox_pdf_has_signature (GBytes *pdf);

G_END_DECLS
