/* signet-application.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-account.h"
#include "signet-window.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_APPLICATION (signet_application_get_type ())

G_DECLARE_FINAL_TYPE (SignetApplication, signet_application, SIGNET, APPLICATION, AdwApplication)

SignetApplication *signet_application_new (void);
SignetWindow      *signet_application_new_window (SignetApplication *self);
GSettings         *signet_application_get_settings (SignetApplication *self);
SignetAccount     *signet_application_get_account (SignetApplication *self);

G_END_DECLS
