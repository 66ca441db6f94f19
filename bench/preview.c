/* preview.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Previewing a 50-page PDF: SignetPdfRenderer (what the preview and its
 * thumbnails use) against pdftoppm on the same pages, in one run,
 * interleaved, repeated. Each run opens the document afresh.
 *
 *   bench/preview [--runs N]
 *
 * Rows: page 1 at screen scale (96 dpi) from a closed document; all 50
 * thumbnails (96 px wide); and the longest main-loop stall while 200
 * thumbnails of a 200-page PDF are made, against one frame, 16 ms (issue 20).
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-util.h"
#include "signet-pdf-renderer.h"

#define SCREEN_DPI      96.0 /* pdftoppm is given the same as text */
#define THUMBNAIL_WIDTH 96.0 /* the same as src/gui/signet-pdf-view.c */
#define A4_WIDTH        595.0
#define A4_HEIGHT       842.0

/* Pages of a contract: text, lines and a table, as an office would send. */
static void
write_contract (const char *path, int n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t         *cr = cairo_create (surface);

  for (int page = 1; page <= n_pages; page++)
    {
      char line[128];

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 18);
      cairo_move_to (cr, 60, 70);
      g_snprintf (line, sizeof line, "Service contract No. 2026/%03d, page %d", page, page);
      cairo_show_text (cr, line);
      cairo_select_font_face (cr, "Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 10);
      for (int i = 0; i < 45; i++)
        {
          cairo_move_to (cr, 60, 110 + i * 14);
          g_snprintf (line, sizeof line,
                      "%d.%d The parties agree that the services described in annex %d are "
                      "delivered as stated.",
                      page, i + 1, i % 7 + 1);
          cairo_show_text (cr, line);
        }
      cairo_set_line_width (cr, 0.5);
      for (int row = 0; row <= 6; row++)
        {
          cairo_move_to (cr, 60, 760 + row * 10);
          cairo_line_to (cr, 535, 760 + row * 10);
        }
      for (int column = 0; column <= 5; column++)
        {
          cairo_move_to (cr, 60 + column * 95, 760);
          cairo_line_to (cr, 60 + column * 95, 820);
        }
      cairo_stroke (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
render_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *left = user_data;
  g_autoptr (SignetPageImage) image = NULL;
  g_autoptr (GError) error = NULL;

  image = signet_pdf_renderer_render_finish (SIGNET_PDF_RENDERER (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  (*left)--;
}

/* Asks for pages first..last at @scale at once, as the thumbnail list does,
 * and waits for all of them. */
static void
render_pages (SignetPdfRenderer *renderer, int first, int last, double scale)
{
  guint left = last - first + 1;

  for (int page = first; page <= last; page++)
    signet_pdf_renderer_render_async (renderer, page, scale, NULL, render_cb, &left);
  while (left > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Page numbers of the renderer start at 0. */
static void
run_signet (GFile *file, int n_pages, double *page_ms, double *thumbnails_ms, gint64 *peak_kib)
{
  g_autoptr (SignetPdfRenderer) renderer = NULL;
  gint64 idle = bench_memory_reset_peak ();
  gint64 start = g_get_monotonic_time ();

  renderer = signet_pdf_renderer_new (file, 96 * 1024 * 1024);
  render_pages (renderer, 0, 0, SCREEN_DPI / 72.0);
  *page_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_clear_object (&renderer);

  start = g_get_monotonic_time ();
  renderer = signet_pdf_renderer_new (file, 96 * 1024 * 1024);
  render_pages (renderer, 0, n_pages - 1, THUMBNAIL_WIDTH / A4_WIDTH);
  *thumbnails_ms = (g_get_monotonic_time () - start) / 1000.0;
  *peak_kib = bench_memory_peak () - idle;
}

static void
run_pdftoppm (const char *path,
              const char *out,
              double     *page_ms,
              double     *thumbnails_ms,
              gint64     *peak_kib)
{
  const char *const page[] = { "pdftoppm", "-f", "1", "-l", "1", "-r", "96", path, out, NULL };
  const char *const thumbnails[]
    = { "pdftoppm", "-scale-to-x", "96", "-scale-to-y", "-1", path, out, NULL };
  g_autoptr (GError) error = NULL;
  gint64 peak;

  bench_run_command (page, NULL, page_ms, peak_kib, &error);
  g_assert_no_error (error);
  bench_run_command (thumbnails, NULL, thumbnails_ms, &peak, &error);
  g_assert_no_error (error);
  *peak_kib = MAX (*peak_kib, peak);
}

int
main (int argc, char *argv[])
{
  int runs = 5;
  g_autoptr (SignetPdfRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) long_file = NULL;
  g_autofree char   *dir = NULL;
  g_autofree char   *path = NULL;
  g_autofree char   *long_path = NULL;
  g_autofree char   *out = NULL;
  g_autofree double *times = NULL;
  gint64             peak_signet = 0, peak_reference = 0;
  BenchResult        results[3];
  double             stall;
  guint              meter;

  if (!bench_parse_runs (&argc, &argv, &runs, NULL, 0))
    return bench_usage (argv[0], "[--runs N]");

  dir = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "contract-50.pdf", NULL);
  long_path = g_build_filename (dir, "contract-200.pdf", NULL);
  out = g_build_filename (dir, "page", NULL);
  write_contract (path, 50);
  write_contract (long_path, 200);
  file = g_file_new_for_path (path);
  long_file = g_file_new_for_path (long_path);

  times = g_new0 (double, 4 * runs);
  for (int run = -1; run < runs; run++)
    {
      double page, thumbnails, ref_page, ref_thumbnails;
      gint64 peak;

      run_signet (file, 50, &page, &thumbnails, &peak);
      peak_signet = MAX (peak_signet, peak);
      run_pdftoppm (path, out, &ref_page, &ref_thumbnails, &peak);
      peak_reference = MAX (peak_reference, peak);
      if (run < 0)
        continue;
      times[run] = page;
      times[runs + run] = ref_page;
      times[2 * runs + run] = thumbnails;
      times[3 * runs + run] = ref_thumbnails;
    }

  /* 200 thumbnails with the main loop watched. */
  renderer = signet_pdf_renderer_new (long_file, 96 * 1024 * 1024);
  meter = bench_stall_meter_start ();
  render_pages (renderer, 0, 199, THUMBNAIL_WIDTH / A4_WIDTH);
  stall = bench_stall_meter_stop (meter) / 1000.0;

  results[0] = bench_compare ("preview: page 1 of 50 at 96 dpi", &times[0], &times[runs], runs, 1.1,
                              peak_signet, peak_reference);
  results[1] = bench_compare ("preview: 50 thumbnails, 96 px", &times[2 * runs], &times[3 * runs],
                              runs, 1.2, peak_signet, peak_reference);
  results[2] = bench_limit ("main-loop stall, 200 thumbnails", "ms", stall, BENCH_FRAME_MS, 1);
  bench_print (results, G_N_ELEMENTS (results));

  bench_remove_tree (dir);
  return 0;
}
