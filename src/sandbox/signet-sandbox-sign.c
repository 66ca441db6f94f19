/* signet-sandbox-sign.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-sign.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "signet-error.h"
#include "signet-sandbox-sign-private.h"

/* The sandbox signs like a signing service: an incremental update that adds a
 * signature field whose value is a detached PKCS#7 (CMS) signature over the
 * whole file but the signature itself (ISO 32000-1 §12.8). The certificate is
 * a self-signed demo one, made once per sandbox; with a data folder it is kept
 * there, so that the signatures of a kept sandbox stay comparable. */

#define KEY_FILE         "demo-signer-key.pem"
#define CERT_FILE        "demo-signer-cert.pem"
#define DEMO_DN          "CN=" SIGNET_SANDBOX_DEMO_SIGNER ",O=Signet sandbox demo certificate"
#define OID_SIGNING_TIME "1.2.840.113549.1.9.5"

struct _SignetSandboxCert
{
  gatomicrefcount       ref_count;
  char                 *data_dir;
  GMutex                lock; /* guards the rest, made on the first signature */
  gnutls_x509_crt_t     crt;
  gnutls_x509_privkey_t key;
};

/**
 * signet_sandbox_cert_new:
 * @data_dir: (nullable): the sandbox's data folder, or %NULL to keep the
 *   certificate in memory
 *
 * The demo certificate is loaded or made on the first signature, on the
 * signing thread, since making a key takes a moment.
 *
 * Returns: (transfer full): a new #SignetSandboxCert
 */
SignetSandboxCert *
signet_sandbox_cert_new (const char *data_dir)
{
  SignetSandboxCert *cert = g_new0 (SignetSandboxCert, 1);

  g_atomic_ref_count_init (&cert->ref_count);
  cert->data_dir = g_strdup (data_dir);
  g_mutex_init (&cert->lock);

  return cert;
}

SignetSandboxCert *
signet_sandbox_cert_ref (SignetSandboxCert *cert)
{
  g_return_val_if_fail (cert != NULL, NULL);

  g_atomic_ref_count_inc (&cert->ref_count);
  return cert;
}

void
signet_sandbox_cert_unref (SignetSandboxCert *cert)
{
  if (cert == NULL || !g_atomic_ref_count_dec (&cert->ref_count))
    return;

  g_clear_pointer (&cert->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&cert->key, gnutls_x509_privkey_deinit);
  g_mutex_clear (&cert->lock);
  g_free (cert->data_dir);
  g_free (cert);
}

/**
 * signet_sandbox_cert_get_data_dir:
 * @cert: a #SignetSandboxCert
 *
 * Returns: (nullable): the folder the certificate is kept in
 */
const char *
signet_sandbox_cert_get_data_dir (SignetSandboxCert *cert)
{
  return cert->data_dir;
}

static gboolean
gnutls_failed (int code, const char *what, GError **error)
{
  if (code >= 0)
    return FALSE;

  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Could not %s: %s", what,
               gnutls_strerror (code));
  return TRUE;
}

static void
drop_credentials (SignetSandboxCert *cert)
{
  g_clear_pointer (&cert->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&cert->key, gnutls_x509_privkey_deinit);
}

static gboolean
load_credentials (SignetSandboxCert *cert)
{
  g_autofree char *key_path = g_build_filename (cert->data_dir, KEY_FILE, NULL);
  g_autofree char *cert_path = g_build_filename (cert->data_dir, CERT_FILE, NULL);
  g_autofree char *key_pem = NULL;
  g_autofree char *cert_pem = NULL;
  gsize            key_len, cert_len;
  gnutls_datum_t   datum;

  if (!g_file_get_contents (key_path, &key_pem, &key_len, NULL)
      || !g_file_get_contents (cert_path, &cert_pem, &cert_len, NULL))
    return FALSE;

  gnutls_x509_privkey_init (&cert->key);
  gnutls_x509_crt_init (&cert->crt);
  datum.data = (unsigned char *) key_pem;
  datum.size = key_len;
  if (gnutls_x509_privkey_import (cert->key, &datum, GNUTLS_X509_FMT_PEM) >= 0)
    {
      datum.data = (unsigned char *) cert_pem;
      datum.size = cert_len;
      if (gnutls_x509_crt_import (cert->crt, &datum, GNUTLS_X509_FMT_PEM) >= 0)
        return TRUE;
    }

  g_debug ("The demo certificate in %s is unreadable; making a new one", cert->data_dir);
  drop_credentials (cert);
  return FALSE;
}

static gboolean
save_pem (const char *folder, const char *name, gnutls_datum_t *pem, int mode, GError **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_set_contents_full (path, (const char *) pem->data, pem->size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, mode, error);
}

static gboolean
save_credentials (SignetSandboxCert *cert, GError **error)
{
  gnutls_datum_t key_pem = { NULL, 0 };
  gnutls_datum_t cert_pem = { NULL, 0 };
  gboolean       ok;

  if (g_mkdir_with_parents (cert->data_dir, 0700) != 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Could not make the folder %s: %s",
                   cert->data_dir, g_strerror (errno));
      return FALSE;
    }
  if (gnutls_failed (gnutls_x509_privkey_export2 (cert->key, GNUTLS_X509_FMT_PEM, &key_pem),
                     "write the demo key", error))
    return FALSE;
  if (gnutls_failed (gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_PEM, &cert_pem),
                     "write the demo certificate", error))
    {
      gnutls_free (key_pem.data);
      return FALSE;
    }

  ok = save_pem (cert->data_dir, KEY_FILE, &key_pem, 0600, error)
       && save_pem (cert->data_dir, CERT_FILE, &cert_pem, 0644, error);
  gnutls_free (key_pem.data);
  gnutls_free (cert_pem.data);
  return ok;
}

static gboolean
make_credentials (SignetSandboxCert *cert, GError **error)
{
  guint8      serial[16];
  const char *bad_dn = NULL;
  time_t      now = time (NULL);

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] &= 0x7f; /* a positive INTEGER */

  gnutls_x509_privkey_init (&cert->key);
  gnutls_x509_crt_init (&cert->crt);
  if (gnutls_failed (gnutls_x509_privkey_generate (cert->key, GNUTLS_PK_RSA, 2048, 0),
                     "make the demo key", error)
      || gnutls_failed (gnutls_x509_crt_set_version (cert->crt, 3), "make the certificate", error)
      || gnutls_failed (gnutls_x509_crt_set_serial (cert->crt, serial, sizeof serial),
                        "set the serial number", error)
      || gnutls_failed (gnutls_x509_crt_set_dn (cert->crt, DEMO_DN, &bad_dn), "set the name", error)
      || gnutls_failed (gnutls_x509_crt_set_issuer_dn (cert->crt, DEMO_DN, &bad_dn),
                        "set the issuer", error)
      || gnutls_failed (gnutls_x509_crt_set_activation_time (cert->crt, now - 24 * 3600),
                        "set the validity", error)
      || gnutls_failed (
        gnutls_x509_crt_set_expiration_time (cert->crt, now + (time_t) 20 * 365 * 24 * 3600),
        "set the validity", error)
      || gnutls_failed (gnutls_x509_crt_set_key (cert->crt, cert->key), "set the key", error)
      || gnutls_failed (gnutls_x509_crt_set_key_usage (cert->crt, GNUTLS_KEY_DIGITAL_SIGNATURE
                                                                    | GNUTLS_KEY_NON_REPUDIATION),
                        "set the key usage", error)
      || gnutls_failed (
        gnutls_x509_crt_sign2 (cert->crt, cert->crt, cert->key, GNUTLS_DIG_SHA256, 0),
        "sign the demo certificate", error))
    {
      drop_credentials (cert);
      return FALSE;
    }

  return TRUE;
}

/* Called with the lock held. */
static gboolean
ensure_credentials (SignetSandboxCert *cert, GError **error)
{
  if (cert->crt != NULL)
    return TRUE;
  if (cert->data_dir != NULL && load_credentials (cert))
    return TRUE;
  if (!make_credentials (cert, error))
    return FALSE;
  if (cert->data_dir != NULL && !save_credentials (cert, error))
    {
      drop_credentials (cert);
      return FALSE;
    }

  g_debug ("Made the sandbox's demo certificate%s%s", cert->data_dir ? " in " : "",
           cert->data_dir ? cert->data_dir : "");
  return TRUE;
}

/* The signingTime attribute as DER: a UTCTime (RFC 5652 §11.3). */
static GBytes *
der_utc_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = g_date_time_format (time, "%y%m%d%H%M%SZ");
  GByteArray      *der = g_byte_array_new ();
  guint8           head[2] = { 0x17, (guint8) strlen (text) };

  g_byte_array_append (der, head, 2);
  g_byte_array_append (der, (const guint8 *) text, strlen (text));
  return g_byte_array_free_to_bytes (der);
}

/* A detached PKCS#7 signature of @data with SHA-256, the certificate in it. */
GBytes *
signet_sandbox_cert_sign_data (SignetSandboxCert *cert,
                               const guint8      *data,
                               gsize              length,
                               gint64             signing_time,
                               GError           **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&cert->lock);
  g_autoptr (GBytes) time_der = der_utc_time (signing_time);
  gnutls_privkey_t     privkey = NULL;
  gnutls_pkcs7_t       pkcs7 = NULL;
  gnutls_pkcs7_attrs_t attrs = NULL;
  gnutls_datum_t       content = { (unsigned char *) data, length };
  gnutls_datum_t       time_datum;
  gnutls_datum_t       der = { NULL, 0 };
  GBytes              *result = NULL;
  gsize                time_len;

  if (!ensure_credentials (cert, error))
    return NULL;

  time_datum.data = (unsigned char *) g_bytes_get_data (time_der, &time_len);
  time_datum.size = time_len;

  gnutls_privkey_init (&privkey);
  gnutls_pkcs7_init (&pkcs7);
  if (!gnutls_failed (gnutls_privkey_import_x509 (privkey, cert->key, 0), "use the demo key", error)
      && !gnutls_failed (gnutls_pkcs7_add_attr (&attrs, OID_SIGNING_TIME, &time_datum, 0),
                         "add the signing time", error)
      && !gnutls_failed (gnutls_pkcs7_sign (pkcs7, cert->crt, privkey, &content, attrs, NULL,
                                            GNUTLS_DIG_SHA256, GNUTLS_PKCS7_INCLUDE_CERT),
                         "sign the document", error)
      && !gnutls_failed (gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &der),
                         "write the signature", error))
    {
      result = g_bytes_new (der.data, der.size);
      gnutls_free (der.data);
    }

  gnutls_pkcs7_attrs_deinit (attrs);
  gnutls_pkcs7_deinit (pkcs7);
  gnutls_privkey_deinit (privkey);
  return result;
}
