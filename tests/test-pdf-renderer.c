/* test-pdf-renderer.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signet-error.h"
#include "signet-pdf-renderer.h"

typedef struct
{
  SignetPageImage *image;
  GError          *error;
  gboolean         done;
} Result;

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->image = signet_pdf_renderer_render_finish (SIGNET_PDF_RENDERER (source), result, &r->error);
  r->done = TRUE;
}

static SignetPageImage *
render (SignetPdfRenderer *renderer, int page, double scale, GError **error)
{
  Result r = { 0 };

  signet_pdf_renderer_render_async (renderer, page, scale, NULL, rendered_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.image;
}

static gboolean
is_cached (SignetPdfRenderer *renderer, int page, double scale)
{
  g_autoptr (SignetPageImage) image = signet_pdf_renderer_lookup (renderer, page, scale);

  return image != NULL;
}

static SignetPdfRenderer *
renderer_for (const char *name, gsize cache_size)
{
  g_autoptr (GFile) file
    = g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));

  return signet_pdf_renderer_new (file, cache_size);
}

static void
test_render (void)
{
  g_autoptr (SignetPdfRenderer) renderer = renderer_for ("simple.pdf", 64 << 20);
  g_autoptr (SignetPageImage) image = NULL;
  g_autoptr (SignetPageImage) again = NULL;
  g_autoptr (GError) error = NULL;
  const guint32 *pixels;
  gboolean       has_ink = FALSE;

  image = render (renderer, 0, 2.0, &error);
  g_assert_no_error (error);
  /* A4 at two pixels per point (a HiDPI screen at 100 %). */
  g_assert_cmpint (signet_page_image_get_width (image), ==, 1190);
  g_assert_cmpint (signet_page_image_get_height (image), ==, 1684);
  g_assert_cmpuint (g_bytes_get_size (signet_page_image_get_bytes (image)), ==,
                    signet_page_image_get_stride (image) * 1684);

  /* White paper with something drawn on it. */
  pixels = g_bytes_get_data (signet_page_image_get_bytes (image), NULL);
  g_assert_cmphex (pixels[0], ==, 0xFFFFFFFF);
  for (gsize i = 0; i < g_bytes_get_size (signet_page_image_get_bytes (image)) / 4; i++)
    has_ink |= pixels[i] != 0xFFFFFFFF;
  g_assert_true (has_ink);

  /* The second time comes from the cache, on this thread. */
  again = signet_pdf_renderer_lookup (renderer, 0, 2.0);
  g_assert_true (again == image);
  g_assert_false (is_cached (renderer, 0, 1.0));
}

static void
test_bounded_cache (void)
{
  /* Room for about ten pages of 60 × 85 pixels. */
  gsize page_bytes = 60 * 4 * 85;
  g_autoptr (SignetPdfRenderer) renderer
    = renderer_for ("multipage.pdf", page_bytes * 10 + page_bytes / 2);

  for (int page = 0; page < 200; page++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetPageImage) image = render (renderer, page, 0.1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (signet_page_image_get_page (image), ==, page);
      g_assert_cmpuint (signet_pdf_renderer_get_cache_bytes (renderer), <=,
                        page_bytes * 10 + page_bytes / 2);
    }

  g_assert_cmpuint (signet_pdf_renderer_get_n_cached (renderer), ==, 10);
  g_assert_false (is_cached (renderer, 0, 0.1));
  g_assert_false (is_cached (renderer, 189, 0.1));
  g_assert_true (is_cached (renderer, 199, 0.1));
  g_assert_true (is_cached (renderer, 190, 0.1));
}

static void
test_cancelled (void)
{
  g_autoptr (SignetPdfRenderer) renderer = renderer_for ("multipage.pdf", 64 << 20);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result results[20] = { 0 };

  /* The person flips through twenty pages; only the last one is wanted. */
  for (int i = 0; i < 20; i++)
    signet_pdf_renderer_render_async (renderer, i, 1.0, i < 19 ? cancellable : NULL, rendered_cb,
                                      &results[i]);
  g_cancellable_cancel (cancellable);

  for (int i = 0; i < 20; i++)
    while (!results[i].done)
      g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (results[19].error);
  g_assert_nonnull (results[19].image);
  for (int i = 0; i < 19; i++)
    {
      g_assert_error (results[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&results[i].error);
    }
  g_clear_pointer (&results[19].image, signet_page_image_unref);
}

static void
test_unreadable (void)
{
  g_autoptr (SignetPdfRenderer) renderer = renderer_for ("not-a-pdf.pdf", 64 << 20);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetPageImage) image = render (renderer, 0, 1.0, &error);

  g_assert_null (image);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE);
}

static void
test_huge_zoom (void)
{
  g_autoptr (SignetPdfRenderer) renderer = renderer_for ("simple.pdf", 1 << 20);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetPageImage) image = render (renderer, 0, 40.0, &error);

  /* Never more than 4096 × 4096 pixels, and too large to keep. */
  g_assert_no_error (error);
  g_assert_cmpint ((gint64) signet_page_image_get_width (image)
                     * signet_page_image_get_height (image),
                   <=, 4097 * 4097);
  g_assert_cmpuint (signet_pdf_renderer_get_n_cached (renderer), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-renderer/render", test_render);
  g_test_add_func ("/pdf-renderer/bounded-cache", test_bounded_cache);
  g_test_add_func ("/pdf-renderer/cancelled", test_cancelled);
  g_test_add_func ("/pdf-renderer/unreadable", test_unreadable);
  g_test_add_func ("/pdf-renderer/huge-zoom", test_huge_zoom);

  return g_test_run ();
}
