/* test-qr-code.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QR codes are read back by a real decoder (zbarimg), the way a phone's
 * camera would read them off the screen.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "signet-error.h"
#include "signet-qr-code.h"

static char *
decode (SignetQrCode *code, int size)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-qr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "code.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              status = 0;
  const char      *argv[] = { g_getenv ("ZBARIMG"), "--raw", "-q", path, NULL };

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cr = cairo_create (surface);
  signet_qr_code_render (code, cr, size);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strdup (g_strchomp (out));
}

static void
test_signing_link (void)
{
  const char *link = "https://api.okdokument.com/openDocument/1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8";
  g_autoptr (SignetQrCode) code = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *read = NULL;

  code = signet_qr_code_new (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_qr_code_get_text (code), ==, link);

  /* Versions grow by 4 modules from 21; the finder pattern sits in the
   * corner: a dark ring, a light ring, a dark centre. */
  g_assert_cmpuint (signet_qr_code_get_width (code) % 4, ==, 1);
  g_assert_cmpuint (signet_qr_code_get_width (code), >=, 21);
  g_assert_true (signet_qr_code_get_module (code, 0, 0));
  g_assert_false (signet_qr_code_get_module (code, 1, 1));
  g_assert_true (signet_qr_code_get_module (code, 3, 3));

  /* At the size of the hand-over page, and at a small one. */
  read = decode (code, 600);
  g_assert_cmpstr (read, ==, link);
  g_free (read);
  read = decode (code, 4 * (signet_qr_code_get_width (code) + 2 * SIGNET_QR_CODE_QUIET_ZONE));
  g_assert_cmpstr (read, ==, link);
}

static void
test_long_link (void)
{
  g_autoptr (GString) link = g_string_new ("http://127.0.0.1:39733/openDocument/");
  g_autoptr (SignetQrCode) code = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *read = NULL;

  while (link->len < 700)
    g_string_append (link, "x7-Yz_09");

  code = signet_qr_code_new (link->str, &error);
  g_assert_no_error (error);
  read = decode (code, 800);
  g_assert_cmpstr (read, ==, link->str);
}

static void
test_too_long (void)
{
  g_autofree char *text = g_strnfill (4000, 'a');
  g_autoptr (GError) error = NULL;
  SignetQrCode *code;

  code = signet_qr_code_new (text, &error);
  g_assert_null (code);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr-code/signing-link", test_signing_link);
  g_test_add_func ("/qr-code/long-link", test_long_link);
  g_test_add_func ("/qr-code/too-long", test_too_long);

  return g_test_run ();
}
