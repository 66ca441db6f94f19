/* signet-office-group.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_OFFICE_GROUP (signet_office_group_get_type ())
G_DECLARE_FINAL_TYPE (SignetOfficeGroup,
                      signet_office_group,
                      SIGNET,
                      OFFICE_GROUP,
                      AdwPreferencesGroup)

void signet_office_group_set_settings (SignetOfficeGroup *self, GSettings *settings);

G_END_DECLS
