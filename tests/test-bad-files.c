/* test-bad-files.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file in tests/data/bad/, and one a byte over the 10 MB limit made
 * here: the inspector gives the error the file deserves, with a message,
 * and a file it accepts can be previewed (page 1 and a thumbnail) without
 * a crash, a critical or a hang.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "signet-error.h"
#include "signet-pdf-inspector.h"
#include "signet-pdf-renderer.h"

/* A file the inspector accepts has this many pages, or this error. */
typedef struct
{
  const char *name;
  int         code; /* a SignetError, or -1: accepted */
  int         n_pages;
} BadFile;

static const BadFile bad_files[] = {
  /* Readable once poppler rebuilds the cross-reference table. */
  { "broken-xref.pdf", -1, 1 },
  { "huge-page-count.pdf", SIGNET_ERROR_FILE_UNREADABLE, 0 },
  /* Pages are at most 14,400 points a side (ISO 32000, annex C). */
  { "absurd-page-size.pdf", SIGNET_ERROR_FILE_UNREADABLE, 0 },
  { "largest-page-size.pdf", -1, 1 },
  { "deep-nesting.pdf", -1, 1 },
  { "deep-graphics-state.pdf", -1, 1 },
  { "zero-byte.pdf", SIGNET_ERROR_FILE_UNREADABLE, 0 },
  { "page-tree-loop.pdf", SIGNET_ERROR_FILE_UNREADABLE, 0 },
  { "no-pages.pdf", SIGNET_ERROR_FILE_UNREADABLE, 0 },
  { "html-named-pdf.pdf", SIGNET_ERROR_UNSUPPORTED_TYPE, 0 },
};

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The test took too long: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* ./build-aux/dev valgrind runs everything ten times slower. */
static guint
timeout_multiplier (void)
{
  const char *value = g_getenv ("SIGNET_TEST_TIMEOUT_MULTIPLIER");

  return value != NULL ? MAX (1, (guint) g_ascii_strtoull (value, NULL, 10)) : 1;
}

static void
render_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (SignetPageImage) image = NULL;
  g_autoptr (GError) error = NULL;

  image = signet_pdf_renderer_render_finish (SIGNET_PDF_RENDERER (source), result, &error);
  /* A page that cannot be drawn is an error, never a crash. */
  g_assert_true ((image == NULL) != (error == NULL));
  if (error != NULL)
    g_test_message ("not drawn: %s", error->message);
  *done = TRUE;
}

/* Page 1 as the preview and as a thumbnail shows it. */
static void
preview (GFile *file, double width)
{
  static const double preview_scale = 96.0 / 72.0;
  g_autoptr (SignetPdfRenderer) renderer = signet_pdf_renderer_new (file, 96 * 1024 * 1024);
  const double scales[] = { preview_scale, 96.0 / width };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      gboolean done = FALSE;
      guint    guard
        = g_timeout_add_seconds (20 * timeout_multiplier (), timeout_cb, (gpointer) "rendering");

      signet_pdf_renderer_render_async (renderer, 0, scales[i], NULL, render_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (guard);
    }
}

static void
check_file (GFile *file, int code, int n_pages)
{
  g_autoptr (SignetInspection) inspection = NULL;
  g_autoptr (GError) error = NULL;

  inspection = signet_pdf_inspect_file (file, NULL, &error);
  if (code < 0)
    {
      double width = 0, height = 0;

      g_assert_no_error (error);
      g_assert_cmpint (signet_inspection_get_n_pages (inspection), ==, n_pages);
      signet_inspection_get_page_size (inspection, 0, &width, &height);
      g_assert_cmpfloat (width, >, 0);
      preview (file, width);
    }
  else
    {
      g_assert_null (inspection);
      g_assert_error (error, SIGNET_ERROR, code);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile   *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  check_file (file, bad->code, bad->n_pages);
}

/* Made here rather than kept in the tree: SIGNET_MAX_DOCUMENT_SIZE (the
 * service's 10 MB, 10,000,000 bytes) + 1 byte. */
static void
test_one_byte_too_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signet-bad-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = NULL;
  gsize size = (gsize) SIGNET_MAX_DOCUMENT_SIZE + 1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "too-large.pdf", NULL);
  contents = g_malloc0 (size);
  memcpy (contents, "%PDF-1.7\n", 9);
  g_file_set_contents (path, contents, (gssize) size, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  check_file (file, SIGNET_ERROR_FILE_TOO_LARGE, 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every file in tests/data/bad/ has its row above. */
static void
test_all_listed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
        listed = listed || g_str_equal (bad_files[i].name, name);
      if (!listed)
        g_test_fail_printf ("%s has no row in test-bad-files.c", name);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *test = g_strconcat ("/bad-files/", bad_files[i].name, NULL);

      g_test_add_data_func (test, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/bad-files/one-byte-too-large", test_one_byte_too_large);
  g_test_add_func ("/bad-files/all-listed", test_all_listed);

  return g_test_run ();
}
