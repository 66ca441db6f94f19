/* signet-sync.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-account.h"
#include "signet-journal.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_SYNC (signet_sync_get_type ())

G_DECLARE_FINAL_TYPE (SignetSync, signet_sync, SIGNET, SYNC, GObject)

SignetSync    *signet_sync_new (SignetAccount   *account,
                                GSettings       *settings,
                                SignetJournal   *journal,
                                GNetworkMonitor *monitor);
void           signet_sync_start_async (SignetSync         *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean       signet_sync_start_finish (SignetSync *self, GAsyncResult *result, GError **error);
SignetJournal *signet_sync_get_journal (SignetSync *self);
SignetOutbox  *signet_sync_get_outbox (SignetSync *self);
SignetTracker *signet_sync_get_tracker (SignetSync *self);

void            signet_sync_send_async (SignetSync                    *self,
                                        SignetSignatureRequest *const *rounds,
                                        guint                          n_rounds,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data);
SignetDocument *signet_sync_send_finish (SignetSync *self, GAsyncResult *result, GError **error);

void       signet_sync_send_batch_async (SignetSync         *self,
                                         GPtrArray          *batch,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GPtrArray *signet_sync_send_batch_finish (SignetSync *self, GAsyncResult *result, GError **error);
void       signet_sync_withdraw_async (SignetSync         *self,
                                       GPtrArray          *documents,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GPtrArray *signet_sync_withdraw_finish (SignetSync *self, GAsyncResult *result, GError **error);
void       signet_sync_forget_environment_async (SignetSync         *self,
                                                 const char         *environment,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);

G_END_DECLS
