/* signet-journal-origin.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-document-private.h"
#include "signet-journal.h"

G_BEGIN_DECLS

/* What the watched folder asks the journal (docs/watched-folder.md): the
 * request made from a file, found by the file's path and checksum over
 * every owner's rows, and the mark that the file was filed away. */

void signet_journal_find_origins_async (SignetJournal      *self,
                                        GPtrArray          *origins,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *
signet_journal_find_origins_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_mark_filed_async (SignetJournal      *self,
                                      gint64              journal_id,
                                      const char         *detail,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
signet_journal_mark_filed_finish (SignetJournal *self, GAsyncResult *result, GError **error);

G_END_DECLS
