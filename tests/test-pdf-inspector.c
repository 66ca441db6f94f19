/* test-pdf-inspector.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "bench-util.h"
#include "signet-error.h"
#include "signet-pdf-inspector.h"

static SignetInspection *
inspect (const char *name, GError **error)
{
  g_autoptr (GFile) file
    = g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));

  return signet_pdf_inspect_file (file, NULL, error);
}

static SignetInspection *
inspect_ok (const char *name)
{
  g_autoptr (GError) error = NULL;
  SignetInspection *inspection = inspect (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (inspection);
  return inspection;
}

static void
assert_refused (const char *name, SignetError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetInspection) inspection = inspect (name, &error);

  g_assert_null (inspection);
  g_assert_error (error, SIGNET_ERROR, (int) code);
  /* Every refusal says what to do, in a full sentence. */
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_true (g_str_has_suffix (error->message, "."));
}

static const SignetSignatureSpot *
spot_named (SignetInspection *inspection, const char *name)
{
  GPtrArray *spots = signet_inspection_get_spots (inspection);

  for (guint i = 0; i < spots->len; i++)
    {
      const SignetSignatureSpot *spot = g_ptr_array_index (spots, i);

      if (g_strcmp0 (spot->name, name) == 0)
        return spot;
    }

  g_assert_not_reached ();
}

static void
test_simple (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("simple.pdf");
  g_autofree char *summary = signet_inspection_dup_summary (inspection);
  g_autofree char *note = signet_inspection_dup_note (inspection);
  double           width, height;
  guint            major, minor;

  g_assert_cmpint (signet_inspection_get_kind (inspection), ==, SIGNET_DOCUMENT_KIND_PDF);
  g_assert_cmpint (signet_inspection_get_n_pages (inspection), ==, 1);
  g_assert_cmpstrv (signet_inspection_get_form_fields (inspection),
                    ((const char *const[]){ NULL }));
  signet_inspection_get_page_size (inspection, 0, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 842, 0.01);
  signet_inspection_get_pdf_version (inspection, &major, &minor);
  g_assert_cmpuint (major, ==, 1);
  g_assert_cmpuint (minor, ==, 7);
  g_assert_false (signet_inspection_get_old_version (inspection));
  g_assert_cmpuint (signet_inspection_get_spots (inspection)->len, ==, 0);
  g_assert_cmpint (signet_inspection_get_signing_mode (inspection), ==,
                   SIGNET_SIGNING_MODE_ANYWHERE);
  g_assert_cmpstr (summary, ==, "1 page · sign anywhere");
  g_assert_null (note);
}

static void
test_multipage (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("multipage.pdf");
  g_autofree char *summary = signet_inspection_dup_summary (inspection);

  g_assert_cmpint (signet_inspection_get_n_pages (inspection), ==, 200);
  g_assert_cmpstr (summary, ==, "200 pages · sign anywhere");
}

static void
test_long (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("long.pdf");
  const SignetSignatureSpot *tag;

  /* The one tag is on the last of 600 pages. */
  g_assert_cmpint (signet_inspection_get_n_pages (inspection), ==, 600);
  g_assert_cmpuint (signet_inspection_get_spots (inspection)->len, ==, 1);
  tag = spot_named (inspection, "_SC1_");
  g_assert_cmpint (tag->page, ==, 599);
}

static void
test_fields (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("fields.pdf");
  g_autofree char           *summary = signet_inspection_dup_summary (inspection);
  const SignetSignatureSpot *customer, *witness;

  /* The text field is no place to sign. */
  g_assert_cmpuint (signet_inspection_get_spots (inspection)->len, ==, 2);
  g_assert_cmpuint (signet_inspection_count_spots (inspection, SIGNET_SPOT_KIND_FIELD), ==, 2);
  g_assert_cmpint (signet_inspection_get_signing_mode (inspection), ==, SIGNET_SIGNING_MODE_FIELDS);
  g_assert_cmpstr (summary, ==, "2 pages · 2 signature fields");
  /* ...but a form field a request can pre-fill. */
  g_assert_cmpstrv (signet_inspection_get_form_fields (inspection),
                    ((const char *const[]){ "TO_text", NULL }));

  /* Rect [72 100 272 160] on an 842 pt high page, from the top. */
  customer = spot_named (inspection, "SC_signature");
  g_assert_cmpint (customer->kind, ==, SIGNET_SPOT_KIND_FIELD);
  g_assert_cmpint (customer->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (customer->x, 72, 0.01);
  g_assert_cmpfloat_with_epsilon (customer->y, 842 - 160, 0.01);
  g_assert_cmpfloat_with_epsilon (customer->width, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (customer->height, 60, 0.01);
  g_assert_true (customer->required);

  witness = spot_named (inspection, "SO_witness");
  g_assert_cmpfloat_with_epsilon (witness->x, 323, 0.01);
  g_assert_false (witness->required);
}

static void
test_tags (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("tags.pdf");
  const char *names[] = { "_SC1_", "_SO2_", "_S3_" };
  /* The baselines of the three lines, from the bottom. */
  const double baselines[] = { 720, 698, 676 };

  g_assert_cmpuint (signet_inspection_get_spots (inspection)->len, ==, 3);
  g_assert_cmpint (signet_inspection_get_signing_mode (inspection), ==, SIGNET_SIGNING_MODE_TAGS);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const SignetSignatureSpot *tag = spot_named (inspection, names[i]);
      double                     top_of_line = 842 - baselines[i] - 11;

      g_assert_cmpint (tag->kind, ==, SIGNET_SPOT_KIND_TAG);
      g_assert_cmpint (tag->page, ==, 0);
      /* After the words before it on its line, and on that line. */
      g_assert_cmpfloat (tag->x, >, 100);
      g_assert_cmpfloat (tag->x, <, 300);
      g_assert_cmpfloat (tag->width, >, 10);
      g_assert_cmpfloat (tag->y, >, top_of_line - 4);
      g_assert_cmpfloat (tag->y + tag->height, <, 842 - baselines[i] + 4);
    }

  g_assert_true (spot_named (inspection, "_SC1_")->required);
  g_assert_false (spot_named (inspection, "_SO2_")->required);
  g_assert_true (spot_named (inspection, "_S3_")->required);
}

static void
test_old_version (void)
{
  g_autoptr (SignetInspection) inspection = inspect_ok ("old-version.pdf");
  g_autofree char *note = signet_inspection_dup_note (inspection);
  guint            major, minor;

  signet_inspection_get_pdf_version (inspection, &major, &minor);
  g_assert_cmpuint (minor, ==, 4);
  g_assert_true (signet_inspection_get_old_version (inspection));
  g_assert_nonnull (strstr (note, "PDF 1.4"));
}

static void
test_office (void)
{
  g_autoptr (SignetInspection) word = inspect_ok ("contract.docx");
  g_autoptr (SignetInspection) excel = inspect_ok ("prices.xlsx");
  g_autofree char *note = signet_inspection_dup_note (word);

  g_assert_cmpint (signet_inspection_get_kind (word), ==, SIGNET_DOCUMENT_KIND_WORD);
  g_assert_cmpint (signet_inspection_get_n_pages (word), ==, 0);
  g_assert_nonnull (strstr (note, "preview"));
  g_assert_cmpint (signet_inspection_get_kind (excel), ==, SIGNET_DOCUMENT_KIND_EXCEL);
  g_assert_false (signet_inspection_get_old_version (word));
}

static void
test_refused (void)
{
  assert_refused ("encrypted.pdf", SIGNET_ERROR_FILE_ENCRYPTED);
  assert_refused ("password.pdf", SIGNET_ERROR_FILE_ENCRYPTED);
  assert_refused ("truncated.pdf", SIGNET_ERROR_FILE_UNREADABLE);
  assert_refused ("empty.pdf", SIGNET_ERROR_FILE_UNREADABLE);
  assert_refused ("not-a-pdf.pdf", SIGNET_ERROR_UNSUPPORTED_TYPE);
  assert_refused ("photos.docx", SIGNET_ERROR_UNSUPPORTED_TYPE);
  assert_refused ("large.pdf", SIGNET_ERROR_FILE_TOO_LARGE);
  assert_refused ("does-not-exist.pdf", SIGNET_ERROR_FILE_UNREADABLE);
  assert_refused (".", SIGNET_ERROR_UNSUPPORTED_TYPE);
}

/* A one-page PDF whose page is width × height points, written by hand so
 * that its numbers can be what no PDF writer would make. */
static char *
write_page_of_size (const char *width, const char *height)
{
  gsize offsets[4];
  g_autoptr (GString) pdf = bench_pdf_new_page ("1.7", width, height, offsets);
  g_autoptr (GError) error = NULL;
  char *path;
  int   fd;

  bench_pdf_append_xref (pdf, offsets, 3, pdf->len, NULL);

  fd = g_file_open_tmp ("signet-page-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, pdf->str, pdf->len), ==, (gssize) pdf->len);
  close (fd);
  return path;
}

static void
test_impossible_page_size (void)
{
  const char *sizes[][2] = { { "200000", "2" }, { "20000", "20000" }, { "0.5", "300" } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = write_page_of_size (sizes[i][0], sizes[i][1]);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetInspection) inspection = NULL;

      inspection = signet_pdf_inspect_file (file, NULL, &error);
      if (inspection != NULL)
        g_test_message ("%s × %s was accepted", sizes[i][0], sizes[i][1]);
      g_assert_null (inspection);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
      g_unlink (path);
    }

  /* The largest page PDF allows is fine. */
  {
    g_autofree char *path = write_page_of_size ("14400", "14400");
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GError) error = NULL;
    g_autoptr (SignetInspection) inspection = signet_pdf_inspect_file (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (inspection);
    g_unlink (path);
  }
}

static void
test_size_checked_before_reading (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetInspection) inspection = NULL;
  int fd;

  /* A sparse 64 GB file: reading it would take minutes or all memory. */
  fd = g_file_open_tmp ("signet-huge-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) 64 << 30), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  /* Were the file read, the test's timeout would end it long before. */
  inspection = signet_pdf_inspect_file (file, NULL, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE);
  g_assert_null (inspection);
  g_assert_nonnull (strstr (error->message, "GB"));

  g_unlink (path);
}

static void
test_every_truncation (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  /* Whatever is left of a document, the answer is a result or a
   * SIGNET_ERROR, never a crash. */
  g_file_get_contents (g_test_get_filename (G_TEST_BUILT, "data", "fields.pdf", NULL), &contents,
                       &length, &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("signet-cut-XXXXXX", &error);
  g_assert_no_error (error);

  for (gsize cut = 0; cut <= length; cut += 5)
    {
      g_autofree char *path = g_build_filename (dir, "cut.pdf", NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (SignetInspection) inspection = NULL;
      g_autoptr (GError) inspect_error = NULL;

      g_file_set_contents (path, contents, cut, &error);
      g_assert_no_error (error);
      inspection = signet_pdf_inspect_file (file, NULL, &inspect_error);
      if (inspection == NULL)
        g_assert_true (inspect_error->domain == SIGNET_ERROR);
      g_unlink (path);
    }
  /* Only the whole file is whole. */
  {
    g_autofree char *path = g_build_filename (dir, "cut.pdf", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (SignetInspection) inspection = NULL;

    g_file_set_contents (path, contents, length - 10, &error);
    inspection = signet_pdf_inspect_file (file, NULL, &error);
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
    g_unlink (path);
  }
  g_rmdir (dir);
}

typedef struct
{
  guint pending;
  guint ready;
  guint failed;
  guint cancelled;
} Counts;

static void
inspected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Counts *counts = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetInspection) inspection = NULL;

  inspection = signet_pdf_inspector_inspect_finish (SIGNET_PDF_INSPECTOR (source), result, &error);
  if (inspection != NULL)
    counts->ready++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    counts->cancelled++;
  else
    {
      g_assert_true (error->domain == SIGNET_ERROR);
      counts->failed++;
    }
  counts->pending--;
}

static void
test_async (void)
{
  static const char *names[] = {
    "simple.pdf",      "multipage.pdf", "long.pdf",      "fields.pdf",    "tags.pdf",
    "old-version.pdf", "encrypted.pdf", "password.pdf",  "truncated.pdf", "empty.pdf",
    "not-a-pdf.pdf",   "large.pdf",     "contract.docx", "prices.xlsx",   "photos.docx",
  };
  g_autoptr (SignetPdfInspector) inspector = signet_pdf_inspector_new ();
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GFile) simple
    = g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", "simple.pdf", NULL));
  Counts counts = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GFile) file
        = g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", names[i], NULL));

      counts.pending++;
      signet_pdf_inspector_inspect_async (inspector, file, NULL, inspected_cb, &counts);
    }
  g_cancellable_cancel (cancelled);
  counts.pending++;
  signet_pdf_inspector_inspect_async (inspector, simple, cancelled, inspected_cb, &counts);

  while (counts.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (counts.ready, ==, 8);
  g_assert_cmpuint (counts.failed, ==, 7);
  g_assert_cmpuint (counts.cancelled, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-inspector/simple", test_simple);
  g_test_add_func ("/pdf-inspector/multipage", test_multipage);
  g_test_add_func ("/pdf-inspector/long", test_long);
  g_test_add_func ("/pdf-inspector/fields", test_fields);
  g_test_add_func ("/pdf-inspector/tags", test_tags);
  g_test_add_func ("/pdf-inspector/old-version", test_old_version);
  g_test_add_func ("/pdf-inspector/office", test_office);
  g_test_add_func ("/pdf-inspector/refused", test_refused);
  g_test_add_func ("/pdf-inspector/impossible-page-size", test_impossible_page_size);
  g_test_add_func ("/pdf-inspector/size-checked-before-reading", test_size_checked_before_reading);
  g_test_add_func ("/pdf-inspector/every-truncation", test_every_truncation);
  g_test_add_func ("/pdf-inspector/async", test_async);

  return g_test_run ();
}
