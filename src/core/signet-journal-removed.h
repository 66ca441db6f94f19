/* signet-journal-removed.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-journal.h"

G_BEGIN_DECLS

gboolean signet_journal_can_remove (SignetDocument *document);
gboolean signet_journal_get_removed (SignetDocument *document);
void     signet_journal_set_removed_async (SignetJournal      *self,
                                           SignetDocument     *document,
                                           gboolean            removed,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean
signet_journal_set_removed_finish (SignetJournal *self, GAsyncResult *result, GError **error);

G_END_DECLS
