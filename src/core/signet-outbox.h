/* signet-outbox.h
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

#define SIGNET_TYPE_OUTBOX (signet_outbox_get_type ())

G_DECLARE_FINAL_TYPE (SignetOutbox, signet_outbox, SIGNET, OUTBOX, GObject)

SignetOutbox *signet_outbox_new (SignetJournal   *journal,
                                 SignetClient    *client,
                                 const char      *environment,
                                 GNetworkMonitor *monitor);
void          signet_outbox_start (SignetOutbox *self);
void          signet_outbox_stop (SignetOutbox *self);
gboolean      signet_outbox_hold (SignetOutbox *self, SignetDocument *document);
void          signet_outbox_release (SignetOutbox *self, SignetDocument *document);
gboolean      signet_outbox_get_online (SignetOutbox *self);
guint         signet_outbox_get_n_waiting (SignetOutbox *self);

G_END_DECLS
