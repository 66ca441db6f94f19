/* signet-qr-view.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_QR_VIEW (signet_qr_view_get_type ())

G_DECLARE_FINAL_TYPE (SignetQrView, signet_qr_view, SIGNET, QR_VIEW, GtkWidget)

GtkWidget  *signet_qr_view_new (void);
const char *signet_qr_view_get_text (SignetQrView *self);
void        signet_qr_view_set_text (SignetQrView *self, const char *text);

G_END_DECLS
