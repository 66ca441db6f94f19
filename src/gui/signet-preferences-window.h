/* signet-preferences-window.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-account.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_PREFERENCES_WINDOW (signet_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SignetPreferencesWindow,
                      signet_preferences_window,
                      SIGNET,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWindow *
signet_preferences_window_new (GtkWindow *parent, SignetAccount *account, GSettings *settings);

G_END_DECLS
