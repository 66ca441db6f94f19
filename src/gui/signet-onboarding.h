/* signet-onboarding.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-account.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_ONBOARDING (signet_onboarding_get_type ())

G_DECLARE_FINAL_TYPE (SignetOnboarding, signet_onboarding, SIGNET, ONBOARDING, AdwBin)

GtkWidget *signet_onboarding_new (SignetAccount *account, gboolean can_cancel);
void       signet_onboarding_set_settings (SignetOnboarding *self, GSettings *settings);

G_END_DECLS
