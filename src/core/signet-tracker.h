/* signet-tracker.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-client.h"
#include "signet-journal.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_TRACKER (signet_tracker_get_type ())

G_DECLARE_FINAL_TYPE (SignetTracker, signet_tracker, SIGNET, TRACKER, GObject)

SignetTracker  *signet_tracker_new (SignetJournal   *journal,
                                    SignetClient    *client,
                                    const char      *environment,
                                    GNetworkMonitor *monitor);
void            signet_tracker_start (SignetTracker *self);
void            signet_tracker_stop (SignetTracker *self);
void            signet_tracker_poll_now (SignetTracker *self);
gboolean        signet_tracker_is_polling (SignetTracker *self);
void            signet_tracker_set_on_screen (SignetTracker *self, SignetDocument *document);
SignetDocument *signet_tracker_get_on_screen (SignetTracker *self);
gboolean        signet_tracker_get_online (SignetTracker *self);
guint           signet_tracker_get_n_open (SignetTracker *self);
const GError   *signet_tracker_get_problem (SignetTracker *self);
SignetClient   *signet_tracker_get_client (SignetTracker *self);
const char     *signet_tracker_get_environment (SignetTracker *self);

G_END_DECLS
