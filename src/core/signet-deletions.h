/* signet-deletions.h
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

/**
 * SignetDeletionKind:
 * @SIGNET_DELETION_DOCUMENT: delete the stored document and its requests
 *   from the server (E8)
 * @SIGNET_DELETION_REQUEST: cancel the current round's signature request
 *   (E12); the stored document stays on the server
 *
 * What a deletion asks the server to do.
 */
typedef enum
{
  SIGNET_DELETION_DOCUMENT,
  SIGNET_DELETION_REQUEST,
} SignetDeletionKind;

#define SIGNET_TYPE_DELETIONS (signet_deletions_get_type ())

G_DECLARE_FINAL_TYPE (SignetDeletions, signet_deletions, SIGNET, DELETIONS, GObject)

SignetDeletions *signet_deletions_new (SignetJournal *journal);
void             signet_deletions_set_client (SignetDeletions *self, SignetClient *client);
guint
signet_deletions_add (SignetDeletions *self, SignetDocument *document, SignetDeletionKind kind);
gboolean signet_deletions_undo (SignetDeletions *self, guint id);
void     signet_deletions_commit (SignetDeletions *self, guint id);
void     signet_deletions_commit_all (SignetDeletions *self);
guint    signet_deletions_get_n_pending (SignetDeletions *self);
guint    signet_deletions_get_n_sending (SignetDeletions *self);
gboolean signet_deletions_is_pending (SignetDeletions *self, SignetDocument *document);

void signet_deletions_flush_async (SignetDeletions    *self,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean
signet_deletions_flush_finish (SignetDeletions *self, GAsyncResult *result, GError **error);

G_END_DECLS
