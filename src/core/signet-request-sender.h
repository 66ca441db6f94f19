/* signet-request-sender.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-quota-check.h"
#include "signet-request-spec.h"
#include "signet-sync.h"

G_BEGIN_DECLS

/**
 * SignetSendOutcome:
 * @SIGNET_SEND_OUTCOME_NOT_SENT: not sent (yet): cancelled before its turn
 * @SIGNET_SEND_OUTCOME_SENT: the service created the request
 * @SIGNET_SEND_OUTCOME_WAITING: journalled; the outbox sends it when it can
 * @SIGNET_SEND_OUTCOME_FAILED: it cannot be sent as it is
 *
 * What became of one entry of a #SignetRequestSender.
 */
typedef enum
{
  SIGNET_SEND_OUTCOME_NOT_SENT,
  SIGNET_SEND_OUTCOME_SENT,
  SIGNET_SEND_OUTCOME_WAITING,
  SIGNET_SEND_OUTCOME_FAILED,
} SignetSendOutcome;

#define SIGNET_TYPE_REQUEST_SENDER (signet_request_sender_get_type ())

G_DECLARE_FINAL_TYPE (SignetRequestSender, signet_request_sender, SIGNET, REQUEST_SENDER, GObject)

SignetRequestSender          *
signet_request_sender_new (SignetSync *sync, SignetAccount *account, GSettings *settings);
void     signet_request_sender_add (SignetRequestSender *self,
                                    gpointer             entry,
                                    GFile               *file,
                                    const char          *name,
                                    SignetRequestSpec   *spec);
guint    signet_request_sender_get_n_entries (SignetRequestSender *self);
guint    signet_request_sender_get_n_done (SignetRequestSender *self);
gpointer signet_request_sender_get_entry (SignetRequestSender *self, guint index);
const char       *signet_request_sender_get_name (SignetRequestSender *self, guint index);
SignetSendOutcome signet_request_sender_get_outcome (SignetRequestSender *self, guint index);
const char       *signet_request_sender_get_message (SignetRequestSender *self, guint index);
SignetDocument   *signet_request_sender_get_document (SignetRequestSender *self, guint index);
guint       signet_request_sender_count (SignetRequestSender *self, SignetSendOutcome outcome);
GListModel *signet_request_sender_dup_documents (SignetRequestSender *self);
const SignetQuotaCheck *signet_request_sender_get_quota (SignetRequestSender *self);
void signet_request_sender_set_wait_limit (SignetRequestSender *self, guint seconds);

void signet_request_sender_run_async (SignetRequestSender *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean
signet_request_sender_run_finish (SignetRequestSender *self, GAsyncResult *result, GError **error);

G_END_DECLS
