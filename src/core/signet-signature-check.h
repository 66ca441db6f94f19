/* signet-signature-check.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SignetSignatureStatus:
 * @SIGNET_SIGNATURE_NOT_SIGNED: the PDF holds no signature
 * @SIGNET_SIGNATURE_VALID: every signature is intact and the newest covers
 *   the whole file
 * @SIGNET_SIGNATURE_CHANGED: the file was changed after it was signed: a
 *   signed byte differs, or something was appended after the newest signature
 * @SIGNET_SIGNATURE_INVALID: a signature is damaged or does not belong to
 *   the file
 * @SIGNET_SIGNATURE_NOT_CHECKED: the signatures could not be checked (poppler
 *   has no cryptography backend)
 *
 * What the signature check found, worst case over all signatures.
 */
typedef enum
{
  SIGNET_SIGNATURE_NOT_SIGNED,
  SIGNET_SIGNATURE_VALID,
  SIGNET_SIGNATURE_CHANGED,
  SIGNET_SIGNATURE_INVALID,
  SIGNET_SIGNATURE_NOT_CHECKED,
} SignetSignatureStatus;

/**
 * SignetCertificateStatus:
 * @SIGNET_CERTIFICATE_NOT_CHECKED: no signature, or the certificate could
 *   not be checked
 * @SIGNET_CERTIFICATE_TRUSTED: it chains to a certificate this computer trusts
 * @SIGNET_CERTIFICATE_UNKNOWN_ISSUER: its issuer is not known here (a
 *   self-signed or demo certificate, or a root missing from the trust store)
 * @SIGNET_CERTIFICATE_UNTRUSTED_ISSUER: its issuer is marked as not trusted
 * @SIGNET_CERTIFICATE_REVOKED: its issuer revoked it
 * @SIGNET_CERTIFICATE_EXPIRED: it was not valid at the signing time
 *
 * What the check found about the newest signature's certificate. Revocation
 * is only seen when the trust store knows it: the check never goes online.
 */
typedef enum
{
  SIGNET_CERTIFICATE_NOT_CHECKED,
  SIGNET_CERTIFICATE_TRUSTED,
  SIGNET_CERTIFICATE_UNKNOWN_ISSUER,
  SIGNET_CERTIFICATE_UNTRUSTED_ISSUER,
  SIGNET_CERTIFICATE_REVOKED,
  SIGNET_CERTIFICATE_EXPIRED,
} SignetCertificateStatus;

#define SIGNET_TYPE_SIGNATURE_CHECK (signet_signature_check_get_type ())

G_DECLARE_FINAL_TYPE (SignetSignatureCheck,
                      signet_signature_check,
                      SIGNET,
                      SIGNATURE_CHECK,
                      GObject)

SignetSignatureStatus   signet_signature_check_get_status (SignetSignatureCheck *self);
const char             *signet_signature_check_get_signer_name (SignetSignatureCheck *self);
GDateTime              *signet_signature_check_get_signing_time (SignetSignatureCheck *self);
SignetCertificateStatus signet_signature_check_get_certificate_status (SignetSignatureCheck *self);
guint                   signet_signature_check_get_n_signatures (SignetSignatureCheck *self);
gboolean                signet_signature_check_get_covers_whole_file (SignetSignatureCheck *self);
const char             *signet_signature_status_to_string (SignetSignatureStatus status);
const char             *signet_certificate_status_to_string (SignetCertificateStatus status);

SignetSignatureCheck *
signet_signature_check_bytes (GBytes *pdf, GCancellable *cancellable, GError **error);
SignetSignatureCheck *
signet_signature_check_file (GFile *file, char **sha256, GCancellable *cancellable, GError **error);
void                  signet_signature_check_file_async (GFile              *file,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
SignetSignatureCheck *signet_signature_check_file_finish (GAsyncResult *result, GError **error);

G_END_DECLS
