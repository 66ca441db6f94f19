/* signet-watched-folder.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_WATCHED_FOLDER (signet_watched_folder_get_type ())

G_DECLARE_FINAL_TYPE (SignetWatchedFolder, signet_watched_folder, SIGNET, WATCHED_FOLDER, GObject)

SignetWatchedFolder *signet_watched_folder_new (SignetSync *sync,
                                                GSettings  *settings,
                                                GFile      *folder,
                                                const char *preset);
GFile               *signet_watched_folder_get_folder (SignetWatchedFolder *self);
const char          *signet_watched_folder_get_preset (SignetWatchedFolder *self);
const char          *signet_watched_folder_get_problem (SignetWatchedFolder *self);
guint                signet_watched_folder_get_n_waiting (SignetWatchedFolder *self);
void     signet_watched_folder_set_interval (SignetWatchedFolder *self, guint milliseconds);
gboolean signet_watched_folder_start (SignetWatchedFolder *self, GError **error);
void     signet_watched_folder_stop (SignetWatchedFolder *self);

G_END_DECLS
