/* test-signature-check.c: SignetSignatureCheck on real PDFs the sandbox
 * signed, untouched and tampered with.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "async-util.h"
#include "sandbox-fixture.h"
#include "signet-error.h"
#include "signet-poppler-private.h"
#include "signet-sandbox-sign.h"
#include "signet-signature-check.h"

static gint checks_done;

#define ADD(path, func)                                                                            \
  g_test_add ("/signature-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* A one-page PDF that the sandbox signed as @name, as downloaded (E7). */
static GBytes *
signed_by_sandbox (Fixture *fx, const char *name)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Contract of sale");
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", pdf, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", id);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", path, body, 200);

  return fixture_download (fx, doc);
}

static GFile *
write_temporary (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int              fd = g_file_open_tmp ("signet-check-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Checks @pdf through a file on a worker thread, as the app does. */
static SignetSignatureCheck *
check (GBytes *pdf, GError **error)
{
  g_autoptr (GFile) file = write_temporary (pdf);
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char      *path = g_file_get_path (file);
  SignetSignatureCheck *outcome;

  signet_signature_check_file_async (file, NULL, result_cb, &result);
  outcome = signet_signature_check_file_finish (wait_for (&result), error);
  g_unlink (path);
  return outcome;
}

static gsize
find (GBytes *pdf, const char *text)
{
  gsize       size, n = strlen (text);
  const char *data = g_bytes_get_data (pdf, &size);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, text, n) == 0)
      return i;
  g_assert_not_reached ();
}

/* The poppler-only verdict, to show what our own checks add. */
static PopplerSignatureStatus
poppler_status (GBytes *pdf)
{
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  GList                 *fields = poppler_document_get_signature_fields (document);
  PopplerSignatureInfo  *info;
  PopplerSignatureStatus status;

  g_assert_nonnull (fields);
  info = signet_poppler_validate (fields->data, 0, NULL);
  fields = g_list_delete_link (fields, fields);
  status = poppler_signature_info_get_signature_status (info);
  poppler_signature_info_free (info);
  g_list_free_full (fields, g_object_unref);
  return status;
}

static void
test_valid (Fixture *fx, gconstpointer data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GBytes) pdf = signed_by_sandbox (fx, "Jana Testová");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = check (pdf, &error);
  GDateTime *time;

  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_VALID);
  g_assert_cmpuint (signet_signature_check_get_n_signatures (result), ==, 1);
  g_assert_true (signet_signature_check_get_covers_whole_file (result));
  g_assert_cmpstr (signet_signature_check_get_signer_name (result), ==, SIGNET_SANDBOX_DEMO_SIGNER);
  /* A self-signed demo certificate: nobody vouches for it. */
  g_assert_cmpint (signet_signature_check_get_certificate_status (result), ==,
                   SIGNET_CERTIFICATE_UNKNOWN_ISSUER);
  time = signet_signature_check_get_signing_time (result);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_to_unix (time), >=, before - 60);
  g_assert_cmpint (g_date_time_to_unix (time), <=, g_get_real_time () / G_USEC_PER_SEC + 60);
  g_assert_cmpstr (signet_signature_status_to_string (SIGNET_SIGNATURE_VALID), ==, "valid");
}

/* One signed byte differs: the document's producer in its metadata. */
static void
test_byte_changed (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = signed_by_sandbox (fx, "Changed Person");
  gsize size, at = find (pdf, "/Producer (cairo") + strlen ("/Producer (");
  char *copy = g_memdup2 (g_bytes_get_data (pdf, &size), g_bytes_get_size (pdf));
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = NULL;

  copy[at] = 'C';
  tampered = g_bytes_new_take (copy, size);
  result = check (tampered, &error);

  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_CHANGED);
  g_assert_cmpint (poppler_status (tampered), ==, POPPLER_SIGNATURE_DIGEST_MISMATCH);
  /* The same byte range still reaches the end. */
  g_assert_true (signet_signature_check_get_covers_whole_file (result));
}

/* An incremental update appended after signing: a new title. */
static GBytes *
append_update (GBytes *pdf)
{
  gsize       size, startxref;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autoptr (GString) out = g_string_new_len (data, size);
  g_autofree char *tail = g_strndup (data + size - 64, 64);
  const char      *trailer = NULL;
  guint            object_count = 0, root = 0;
  gsize            object_at, xref_at;

  /* The sandbox's update is the last one: read its trailer. */
  for (gsize i = size - 8; i > 0 && trailer == NULL; i--)
    if (memcmp (data + i, "trailer", 7) == 0)
      trailer = data + i;
  g_assert_nonnull (trailer);
  g_assert_cmpint (sscanf (trailer, "trailer\n<< /Size %u /Root %u 0 R", &object_count, &root), ==,
                   2);
  g_assert_cmpint (sscanf (strstr (tail, "startxref"), "startxref\n%" G_GSIZE_FORMAT, &startxref),
                   ==, 1);

  object_at = out->len;
  g_string_append_printf (out, "%u 0 obj\n<< /Title (Changed after signing) >>\nendobj\n",
                          object_count);
  xref_at = out->len;
  g_string_append_printf (out,
                          "xref\n%u 1\n%010" G_GSIZE_FORMAT " 00000 n\r\n"
                          "trailer\n<< /Size %u /Root %u 0 R /Info %u 0 R /Prev %" G_GSIZE_FORMAT
                          " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          object_count, object_at, object_count + 1, root, object_count, startxref,
                          xref_at);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
test_appended_update (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = signed_by_sandbox (fx, "Appended Person");
  g_autoptr (GBytes) tampered = append_update (pdf);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = check (tampered, &error);
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (tampered, NULL, &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  /* The update is real: poppler reads the new title. */
  title = poppler_document_get_title (document);
  g_assert_cmpstr (title, ==, "Changed after signing");
  /* poppler alone still calls the signature valid; the byte range does not. */
  g_test_message ("poppler's own verdict: %d", poppler_status (tampered));
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_CHANGED);
  g_assert_false (signet_signature_check_get_covers_whole_file (result));
  g_assert_cmpuint (signet_signature_check_get_n_signatures (result), ==, 1);
}

/* A byte range that leaves out more than the signature's hex string: the
 * gap could hide content, whatever the digest says. */
static void
test_wide_gap (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = signed_by_sandbox (fx, "Gap Person");
  gsize size, at = find (pdf, "/ByteRange [0 ") + strlen ("/ByteRange [0 ");
  char *copy = g_memdup2 (g_bytes_get_data (pdf, &size), g_bytes_get_size (pdf));
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = NULL;
  guint64 first;
  char   *end;

  /* One byte less before the gap, written in as many digits. */
  first = g_ascii_strtoull (copy + at, &end, 10);
  g_assert_cmpuint (first, >, 10);
  g_assert_cmpint (g_snprintf (copy + at, end - (copy + at) + 1, "%0*" G_GUINT64_FORMAT,
                               (int) (end - (copy + at)), first - 1),
                   ==, end - (copy + at));
  *end = ' ';
  tampered = g_bytes_new_take (copy, size);
  result = check (tampered, &error);

  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_INVALID);
}

static void
test_not_signed (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Nobody signed this");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = check (pdf, &error);

  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_NOT_SIGNED);
  g_assert_cmpuint (signet_signature_check_get_n_signatures (result), ==, 0);
  g_assert_null (signet_signature_check_get_signer_name (result));
  g_assert_null (signet_signature_check_get_signing_time (result));
  g_assert_cmpint (signet_signature_check_get_certificate_status (result), ==,
                   SIGNET_CERTIFICATE_NOT_CHECKED);
}

/* An empty signature field is not a signature. */
static void
test_empty_field (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_with_signature_field ("Signature1");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = check (pdf, &error);

  g_assert_no_error (error);
  g_test_message ("status %d, %u signatures", signet_signature_check_get_status (result),
                  signet_signature_check_get_n_signatures (result));
  g_assert_cmpint (signet_signature_check_get_status (result), ==, SIGNET_SIGNATURE_NOT_SIGNED);
}

static void
test_unreadable (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) junk = g_bytes_new_static ("not a pdf at all", 16);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) result = check (junk, &error);
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/signet/missing.pdf");
  g_autoptr (GAsyncResult) async_result = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) cancelled_result = NULL;
  g_autoptr (GBytes) pdf = make_pdf_page ("Never checked");
  g_autoptr (GFile) file = write_temporary (pdf);
  g_autofree char      *path = g_file_get_path (file);
  SignetSignatureCheck *none;

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
  g_assert_null (result);
  g_clear_error (&error);

  signet_signature_check_file_async (missing, NULL, result_cb, &async_result);
  none = signet_signature_check_file_finish (wait_for (&async_result), &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
  g_assert_null (none);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  signet_signature_check_file_async (file, cancellable, result_cb, &cancelled_result);
  none = signet_signature_check_file_finish (wait_for (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_unlink (path);
}

static gpointer
check_forever (gpointer data)
{
  GBytes *pdf = data;

  for (;;)
    {
      g_autoptr (SignetSignatureCheck) result = signet_signature_check_bytes (pdf, NULL, NULL);

      g_assert_nonnull (result);
      g_atomic_int_inc (&checks_done);
    }
  return NULL;
}

/* A check still running on a worker when the process exits (the app quits,
 * a test program ends) must not meet NSS being shut down under it: that
 * crashed test-tracker now and then in CERT_NewTempCertificate(). */
static void
test_exit_while_checking (Fixture *fx, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      GBytes *pdf = signed_by_sandbox (fx, "Jana Testová");
      gint    wanted = g_test_rand_int_range (1, 4);

      for (guint i = 0; i < 3; i++)
        g_thread_unref (g_thread_new ("check", check_forever, g_bytes_ref (pdf)));
      while (g_atomic_int_get (&checks_done) < wanted)
        g_usleep (1000);
      g_usleep (g_test_rand_int_range (0, 3000));
      exit (0);
    }
  for (guint i = 0; i < 25; i++)
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("valid", test_valid);
  ADD ("byte-changed", test_byte_changed);
  ADD ("appended-update", test_appended_update);
  ADD ("wide-gap", test_wide_gap);
  ADD ("not-signed", test_not_signed);
  ADD ("empty-field", test_empty_field);
  ADD ("unreadable", test_unreadable);
  ADD ("exit-while-checking", test_exit_while_checking);

  return g_test_run ();
}
