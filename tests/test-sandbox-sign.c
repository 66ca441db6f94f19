/* test-sandbox-sign.c: the sandbox's signed PDF carries a real PKCS#7
 * signature, which poppler-glib and pdfsig (poppler-utils) both accept.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "sandbox-fixture.h"
#include "signet-poppler-private.h"
#include "signet-sandbox-sign.h"
#include "signet-signature-check.h"

#define ADD(path, func)                                                                            \
  g_test_add ("/sandbox/sign/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerSignatureInfo, poppler_signature_info_free)

/* Creates a request for @text with one field, signs it as @name, downloads it. */
static GBytes *
sign_document (Fixture *fx, const char *text, const char *name)
{
  g_autoptr (GBytes) pdf = make_pdf_page (text);
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", pdf, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", id);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", path, body, 200);

  g_assert_cmpstr (json_member (reply, "state"), ==, "signed");
  return fixture_download (fx, doc);
}

static PopplerSignatureInfo *
validate (GBytes *pdf, PopplerSignatureValidationFlags flags, guint *n_signatures)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  GList                *fields, *last;
  PopplerSignatureInfo *info;

  g_assert_no_error (error);
  fields = poppler_document_get_signature_fields (document);
  g_assert_nonnull (fields);
  *n_signatures = g_list_length (fields);
  /* The newest signature is the last field. */
  last = g_list_last (fields);
  fields = g_list_remove_link (fields, last);
  g_list_free_full (fields, g_object_unref);
  info = signet_poppler_validate (last->data, flags, &error);
  g_list_free (last);
  g_assert_no_error (error);
  return info;
}

static char *
save_temporary (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int   fd = g_file_open_tmp ("signet-signed-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return path;
}

/* pdfsig's report on @pdf. build-aux/dev installs poppler-utils, so a missing
 * pdfsig is a broken machine, not a reason to skip. */
static char *
pdfsig (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdfsig");
  g_autofree char *path = save_temporary (pdf);
  g_autofree char *err = NULL;
  char            *out = NULL;
  int              status;

  if (program == NULL)
    g_error ("pdfsig is missing: install poppler-utils (./build-aux/dev deps)");

  g_spawn_sync (NULL, (char *[]){ program, path, NULL }, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                &err, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_test_message ("pdfsig: %s%s", out, err);
  return out;
}

static void
test_valid (Fixture *fx, gconstpointer data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GBytes) signed_pdf = sign_document (fx, "Lease of flat 4B", "Jana Testová");
  g_autoptr (PopplerSignatureInfo) info = NULL;
  g_autoptr (PopplerSignatureInfo) with_cert = NULL;
  g_autofree char *report = NULL;
  g_autofree char *text = NULL;
  GDateTime       *time;
  guint            n;

  /* The visible mark is still there. */
  text = pdf_text (signed_pdf, 0);
  g_assert_nonnull (strstr (text, "Jana Testová"));
  g_assert_nonnull (strstr (text, "Lease of flat 4B"));

  info = validate (signed_pdf, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (poppler_signature_info_get_signature_status (info), ==, POPPLER_SIGNATURE_VALID);
  g_assert_cmpstr (poppler_signature_info_get_signer_name (info), ==, SIGNET_SANDBOX_DEMO_SIGNER);
  time = poppler_signature_info_get_local_signing_time (info);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_to_unix (time), >=, before - 60);
  g_assert_cmpint (g_date_time_to_unix (time), <=, g_get_real_time () / G_USEC_PER_SEC + 60);

  /* A demo certificate: the signature holds, its issuer is nobody's root. */
  with_cert = validate (signed_pdf,
                        POPPLER_SIGNATURE_VALIDATION_FLAG_VALIDATE_CERTIFICATE
                          | POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK,
                        &n);
  g_assert_cmpint (poppler_signature_info_get_signature_status (with_cert), ==,
                   POPPLER_SIGNATURE_VALID);
  g_assert_cmpint (poppler_signature_info_get_certificate_status (with_cert), !=,
                   POPPLER_CERTIFICATE_TRUSTED);

  report = pdfsig (signed_pdf);
  g_assert_nonnull (strstr (report, "Signature #1"));
  g_assert_nonnull (strstr (report, "Signer Certificate Common Name: " SIGNET_SANDBOX_DEMO_SIGNER));
  g_assert_nonnull (strstr (report, "Signature Validation: Signature is Valid."));
  g_assert_nonnull (strstr (report, "Total document signed"));
  g_assert_null (strstr (report, "Signature #2"));
}

/* The certificate inside the signature, as DER. */
static GBytes *
signature_certificate (GBytes *pdf)
{
  gsize       size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *contents = NULL;
  const char *end;
  g_autoptr (GByteArray) der = g_byte_array_new ();
  gnutls_pkcs7_t pkcs7;
  gnutls_datum_t datum, crt;
  GBytes        *result;

  /* The newest signature is the last one; the file has NUL bytes. */
  for (gsize i = size - MIN (size, 11); i > 0 && contents == NULL; i--)
    if (memcmp (data + i, "/Contents <", 11) == 0)
      contents = data + i + 11;
  g_assert_nonnull (contents);
  end = memchr (contents, '>', size - (contents - data));
  g_assert_nonnull (end);
  for (const char *p = contents; p + 1 < end; p += 2)
    {
      guint8 byte = g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]);

      g_byte_array_append (der, &byte, 1);
    }

  /* The zeros after the DER are the room left over: keep the SEQUENCE. */
  g_assert_cmpuint (der->len, >, 4);
  g_assert_cmpuint (der->data[0], ==, 0x30);
  datum.size = 2 + (der->data[1] & 0x7f);
  if (der->data[1] & 0x80)
    {
      guint length = 0;

      for (guint i = 0; i < (der->data[1] & 0x7fu); i++)
        length = length << 8 | der->data[2 + i];
      datum.size += length;
    }
  g_assert_cmpuint (datum.size, <=, der->len);
  datum.data = der->data;
  gnutls_pkcs7_init (&pkcs7);
  g_assert_cmpint (gnutls_pkcs7_import (pkcs7, &datum, GNUTLS_X509_FMT_DER), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_get_crt_raw2 (pkcs7, 0, &crt), >=, 0);
  result = g_bytes_new (crt.data, crt.size);
  gnutls_free (crt.data);
  gnutls_pkcs7_deinit (pkcs7);
  return result;
}

/* With a data folder the certificate is made once and kept there. */
static void
test_kept_certificate (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signet-sandbox-sign-XXXXXX", &error);
  g_autofree char *key_path = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GBytes) first_cert = NULL;
  g_autoptr (GBytes) second_cert = NULL;
  g_autoptr (GBytes) restarted_cert = NULL;
  g_autoptr (GBytes) restarted = NULL;
  GStatBuf key_stat;

  g_assert_no_error (error);
  signet_sandbox_set_data_dir (fx->sandbox, dir, &error);
  g_assert_no_error (error);

  first = sign_document (fx, "First", "First Signer");
  second = sign_document (fx, "Second", "Second Signer");
  first_cert = signature_certificate (first);
  second_cert = signature_certificate (second);
  g_assert_true (g_bytes_equal (first_cert, second_cert));

  key_path = g_build_filename (dir, "demo-signer-key.pem", NULL);
  g_assert_cmpint (g_stat (key_path, &key_stat), ==, 0);
  g_assert_cmpint (key_stat.st_mode & 0777, ==, 0600);

  /* A new sandbox on the same folder signs with the same certificate. */
  fixture_tear_down (fx, NULL);
  fixture_set_up (fx, NULL);
  signet_sandbox_set_data_dir (fx->sandbox, dir, &error);
  g_assert_no_error (error);
  restarted = sign_document (fx, "Third", "Third Signer");
  restarted_cert = signature_certificate (restarted);
  g_assert_true (g_bytes_equal (first_cert, restarted_cert));
}

/* Without a data folder the certificate lives as long as the sandbox. */
static void
test_memory_certificate (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) first = sign_document (fx, "One", "One Signer");
  g_autoptr (GBytes) second = sign_document (fx, "Two", "Two Signer");
  g_autoptr (GBytes) first_cert = signature_certificate (first);
  g_autoptr (GBytes) second_cert = signature_certificate (second);

  g_assert_true (g_bytes_equal (first_cert, second_cert));
}

/* Each round adds its own signature; the last one covers the whole file. */
static void
test_second_round (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Lease\nTenant: _SO1_\nLandlord: _SO2_");
  g_autofree char *doc = NULL;
  g_autofree char *first = fixture_create_tags (fx,
                                                "\"signatureRequestId\": \"sign-round-1\", "
                                                "\"rules\": {\"signAnywhereEnabled\": false}, "
                                                "\"allowedFields\": {\"SIGNATURE\": \"_SO1_\"},",
                                                pdf, &doc);
  g_autofree char *round2
    = g_strdup_printf ("{\"signatureRequestId\": \"sign-round-2\", \"id\": \"%s\", "
                       "\"changeState\": \"tosign\", "
                       "\"rules\": {\"signAnywhereEnabled\": false}, "
                       "\"allowedFields\": {\"SIGNATURE\": [\"_SO2_\"]}}",
                       doc);
  g_autoptr (JsonNode) signed1 = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (JsonNode) signed2 = NULL;
  g_autoptr (GBytes) final = NULL;
  g_autoptr (PopplerSignatureInfo) info = NULL;
  g_autofree char *report = NULL;
  g_autoptr (SignetSignatureCheck) check = NULL;
  g_autoptr (GError) error = NULL;
  const char *first_report, *second_report;
  guint       n;

  fixture_wait_state (fx, doc, "tosign");
  signed1 = fixture_json (fx, "POST", "/sandbox/sign/sign-round-1", "{\"name\": \"Alice\"}", 200);
  second = fixture_json (fx, "POST", "/JSON/signatureRequest", round2, 200);
  signed2 = fixture_json (fx, "POST", "/sandbox/sign/sign-round-2", "{\"name\": \"Bob\"}", 200);
  final = fixture_download (fx, doc);

  /* Both rounds' signatures are in the file and hold. */
  info = validate (final, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (poppler_signature_info_get_signature_status (info), ==, POPPLER_SIGNATURE_VALID);
  report = pdfsig (final);
  first_report = strstr (report, "Signature #1");
  second_report = strstr (report, "Signature #2");
  g_assert_nonnull (first_report);
  g_assert_nonnull (second_report);
  g_assert_nonnull (
    g_strstr_len (first_report, second_report - first_report, "Not total document signed"));
  g_assert_nonnull (g_strstr_len (first_report, second_report - first_report,
                                  "Signature Validation: Signature is Valid."));
  g_assert_nonnull (strstr (second_report, "Total document signed"));
  g_assert_null (strstr (second_report, "Not total document signed"));
  g_assert_nonnull (strstr (second_report, "Signature Validation: Signature is Valid."));
  /* Signet's own check: both hold, the newest covers the whole file. */
  check = signet_signature_check_bytes (final, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (check), ==, SIGNET_SIGNATURE_VALID);
  g_assert_cmpuint (signet_signature_check_get_n_signatures (check), ==, 2);
  g_assert_true (signet_signature_check_get_covers_whole_file (check));
  /* Each round's mark is text on the page. */
  g_assert_true (pdf_find (final, "Alice", NULL, NULL, NULL));
  g_assert_true (pdf_find (final, "Bob", NULL, NULL, NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("valid", test_valid);
  ADD ("memory-certificate", test_memory_certificate);
  ADD ("kept-certificate", test_kept_certificate);
  ADD ("second-round", test_second_round);

  return g_test_run ();
}
