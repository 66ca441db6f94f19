/* signet-watched-folder-group.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_WATCHED_FOLDER_GROUP (signet_watched_folder_group_get_type ())

G_DECLARE_FINAL_TYPE (SignetWatchedFolderGroup,
                      signet_watched_folder_group,
                      SIGNET,
                      WATCHED_FOLDER_GROUP,
                      AdwPreferencesGroup)

void signet_watched_folder_group_set_settings (SignetWatchedFolderGroup *self, GSettings *settings);

G_END_DECLS
