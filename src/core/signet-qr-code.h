/* signet-qr-code.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_QR_CODE (signet_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (SignetQrCode, signet_qr_code, SIGNET, QR_CODE, GObject)

/* The quiet zone the QR code standard asks for, in modules, on every side. */
#define SIGNET_QR_CODE_QUIET_ZONE 4

SignetQrCode *signet_qr_code_new (const char *text, GError **error);
const char   *signet_qr_code_get_text (SignetQrCode *self);
guint         signet_qr_code_get_width (SignetQrCode *self);
gboolean      signet_qr_code_get_module (SignetQrCode *self, guint x, guint y);
void          signet_qr_code_render (SignetQrCode *self, cairo_t *cr, double size);

G_END_DECLS
