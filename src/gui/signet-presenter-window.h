/* signet-presenter-window.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_PRESENTER_WINDOW (signet_presenter_window_get_type ())

G_DECLARE_FINAL_TYPE (SignetPresenterWindow,
                      signet_presenter_window,
                      SIGNET,
                      PRESENTER_WINDOW,
                      AdwWindow)

GtkWidget *signet_presenter_window_new (GtkWindow *parent, GListModel *documents, guint position);
guint      signet_presenter_window_get_position (SignetPresenterWindow *self);
void       signet_presenter_window_set_position (SignetPresenterWindow *self, guint position);
void       signet_presenter_window_set_sync (SignetPresenterWindow *self, SignetSync *sync);

G_END_DECLS
