/* signet-window.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-account.h"
#include "signet-deletions.h"
#include "signet-intake-queue.h"
#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_WINDOW (signet_window_get_type ())

G_DECLARE_FINAL_TYPE (SignetWindow, signet_window, SIGNET, WINDOW, AdwApplicationWindow)

SignetWindow      *signet_window_new (GtkApplication  *application,
                                      GSettings       *settings,
                                      SignetAccount   *account,
                                      SignetSync      *sync,
                                      SignetDeletions *deletions);
void               signet_window_open_files (SignetWindow *self, GFile **files, guint n_files);
gboolean           signet_window_is_opening (SignetWindow *self);
SignetIntakeQueue *signet_window_get_queue (SignetWindow *self);
void               signet_window_restore_queue (SignetWindow *self, GFile *state_file);
void               signet_window_show_journal_error (SignetWindow *self, const char *message);
void               signet_window_show_resumed (SignetWindow *self, guint n_sent, guint n_unsent);

G_END_DECLS
