/* signet-qr-code.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-qr-code"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <qrencode.h>

#include "signet-error.h"
#include "signet-qr-code.h"

/**
 * SignetQrCode:
 *
 * A QR code of a signing link, made by libqrencode, that draws itself
 * black on white at any size with its quiet zone: a phone's camera needs the
 * contrast and the margin whatever the style of the window around it.
 */
struct _SignetQrCode
{
  GObject parent_instance;

  char   *text;
  guint   width;   /* modules per side */
  guint8 *modules; /* width × width, 1 for a dark module */
};

G_DEFINE_FINAL_TYPE (SignetQrCode, signet_qr_code, G_TYPE_OBJECT)

static void
signet_qr_code_finalize (GObject *object)
{
  SignetQrCode *self = SIGNET_QR_CODE (object);

  g_free (self->text);
  g_free (self->modules);

  G_OBJECT_CLASS (signet_qr_code_parent_class)->finalize (object);
}

static void
signet_qr_code_class_init (SignetQrCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_qr_code_finalize;
}

static void
signet_qr_code_init (SignetQrCode *self)
{
}

/**
 * signet_qr_code_new:
 * @text: what the code holds, e.g. a signing link
 * @error: return location for %SIGNET_ERROR_INVALID_INPUT
 *
 * Encodes @text with medium error correction (it survives a scratched
 * screen or glare) in the smallest version that holds it.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL if @text does not
 *   fit in a QR code
 */
SignetQrCode *
signet_qr_code_new (const char *text, GError **error)
{
  g_autoptr (SignetQrCode) self = NULL;
  QRcode *code;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_debug ("libqrencode: %s", g_strerror (errno));
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("The link is too long for a QR code. Copy the link instead."));
      return NULL;
    }

  self = g_object_new (SIGNET_TYPE_QR_CODE, NULL);
  self->text = g_strdup (text);
  self->width = (guint) code->width;
  self->modules = g_new (guint8, self->width * self->width);
  /* libqrencode keeps other information in the higher bits. */
  for (guint i = 0; i < self->width * self->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);

  return g_steal_pointer (&self);
}

/**
 * signet_qr_code_get_text:
 * @self: a #SignetQrCode
 *
 * Returns: what the code holds
 */
const char *
signet_qr_code_get_text (SignetQrCode *self)
{
  g_return_val_if_fail (SIGNET_IS_QR_CODE (self), NULL);

  return self->text;
}

/**
 * signet_qr_code_get_width:
 * @self: a #SignetQrCode
 *
 * Returns: the number of modules on a side, without the quiet zone
 */
guint
signet_qr_code_get_width (SignetQrCode *self)
{
  g_return_val_if_fail (SIGNET_IS_QR_CODE (self), 0);

  return self->width;
}

/**
 * signet_qr_code_get_module:
 * @self: a #SignetQrCode
 * @x: the column, from 0
 * @y: the row, from 0
 *
 * Returns: %TRUE for a dark module
 */
gboolean
signet_qr_code_get_module (SignetQrCode *self, guint x, guint y)
{
  g_return_val_if_fail (SIGNET_IS_QR_CODE (self), FALSE);
  g_return_val_if_fail (x < self->width && y < self->width, FALSE);

  return self->modules[y * self->width + x];
}

/**
 * signet_qr_code_render:
 * @self: a #SignetQrCode
 * @cr: where to draw
 * @size: the side of the square to fill, in @cr's units
 *
 * Draws the code with its quiet zone, white, into the square from (0, 0)
 * to (@size, @size).
 */
void
signet_qr_code_render (SignetQrCode *self, cairo_t *cr, double size)
{
  guint  total;
  double module;

  g_return_if_fail (SIGNET_IS_QR_CODE (self));
  g_return_if_fail (cr != NULL);

  total = self->width + 2 * SIGNET_QR_CODE_QUIET_ZONE;
  module = size / total;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, size, size);
  cairo_fill (cr);

  /* Whole device pixels per module when the scale allows it keep the edges
   * sharp for the camera. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint y = 0; y < self->width; y++)
    for (guint x = 0; x < self->width; x++)
      if (self->modules[y * self->width + x])
        cairo_rectangle (cr, (x + SIGNET_QR_CODE_QUIET_ZONE) * module,
                         (y + SIGNET_QR_CODE_QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
}
