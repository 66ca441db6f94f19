/* test-pdf-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "signet-pdf-inspector.h"
#include "signet-pdf-view.h"

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The page was never rendered");
  return G_SOURCE_REMOVE;
}

/* On a HiDPI display (scale factor 2) a page is rendered with twice as
 * many pixels as it has logical pixels, so that it is sharp. */
static void
test_hidpi (void)
{
  g_autoptr (GFile) file
    = g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", "fields.pdf", NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetInspection) inspection = signet_pdf_inspect_file (file, NULL, &error);
  GtkWidget     *window = gtk_window_new ();
  GtkWidget     *view = signet_pdf_view_new ();
  SignetPdfPage *page = signet_pdf_view_get_page_widget (SIGNET_PDF_VIEW (view));
  GdkTexture    *texture;
  guint          guard;
  double         zoom;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 500);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  signet_pdf_view_set_document (SIGNET_PDF_VIEW (view), inspection);

  guard = g_timeout_add_seconds (20, timeout_cb, NULL);
  while (!signet_pdf_page_is_rendered (page)
         || signet_pdf_view_get_zoom (SIGNET_PDF_VIEW (view)) > 0.99)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (page)), ==, 2);
  zoom = signet_pdf_view_get_zoom (SIGNET_PDF_VIEW (view));
  texture = signet_pdf_page_get_texture (page);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) ceil (595 * zoom * 2));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), ==, (int) ceil (595 * zoom));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* Before the display is opened: X11 takes the scale factor from here. */
  g_setenv ("GDK_SCALE", "2", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pdf-view/hidpi", test_hidpi);

  return g_test_run ();
}
