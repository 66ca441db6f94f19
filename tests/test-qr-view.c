/* test-qr-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QR code as GTK draws it on screen, read back by a real decoder
 * (zbarimg), in light and dark style and at several sizes.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "signet-qr-view.h"

#define LINK "http://127.0.0.1:39733/openDocument/32f8628d-6658-443d-a2a0-f59d9d3752d2"

static char *
read_on_screen (GtkWidget *window, GtkWidget *view)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-qr-view-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "view.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  GtkSnapshot   *snapshot;
  GskRenderNode *node;
  int            width, height, status = 0;
  const char    *argv[] = { g_getenv ("ZBARIMG"), "--raw", "-q", path, NULL };
  gint64         deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (view) || gtk_widget_get_width (view) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return g_spawn_check_wait_status (status, NULL) ? g_strdup (g_strchomp (out)) : NULL;
}

static void
check_decodes (AdwColorScheme scheme, int size)
{
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *view = signet_qr_view_new ();
  g_autofree char *read = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  signet_qr_view_set_text (SIGNET_QR_VIEW (view), LINK);
  gtk_window_set_default_size (GTK_WINDOW (window), size, size);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  read = read_on_screen (window, view);
  g_assert_cmpstr (read, ==, LINK);

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_light (void)
{
  check_decodes (ADW_COLOR_SCHEME_FORCE_LIGHT, 420);
}

static void
test_dark (void)
{
  check_decodes (ADW_COLOR_SCHEME_FORCE_DARK, 420);
}

static void
test_small (void)
{
  check_decodes (ADW_COLOR_SCHEME_DEFAULT, 160);
}

static void
test_text (void)
{
  GtkWidget *view = g_object_ref_sink (signet_qr_view_new ());
  int        minimum, natural;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);

  signet_qr_view_set_text (SIGNET_QR_VIEW (view), LINK);
  g_assert_cmpstr (signet_qr_view_get_text (SIGNET_QR_VIEW (view)), ==, LINK);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  /* At least 3 pixels a module, quiet zone included. */
  g_assert_cmpint (minimum, >=, 3 * (25 + 8));
  g_assert_cmpint (natural, >=, minimum);

  signet_qr_view_set_text (SIGNET_QR_VIEW (view), NULL);
  g_assert_null (signet_qr_view_get_text (SIGNET_QR_VIEW (view)));
  g_object_unref (view);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/qr-view/text", test_text);
  g_test_add_func ("/qr-view/light", test_light);
  g_test_add_func ("/qr-view/dark", test_dark);
  g_test_add_func ("/qr-view/small", test_small);

  return g_test_run ();
}
