/* bench-journal.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Journals for the benchmarks that load, show or follow many requests.
 */

#pragma once

#include "signet-client.h"
#include "signet-journal.h"

G_BEGIN_DECLS

SignetJournal *bench_journal_open (const char *path);
void           bench_journal_seed (const char *path, const char *pdf, const char *signer_name);
void  bench_journal_fill (const char *path, int entries, const char *columns, const char *after);
char *bench_journal_home_new (int documents);
guint bench_journal_count_status (SignetJournal *journal, SignetDocumentStatus status);
SignetJournal   *bench_journal_open_documents (const char      *folder,
                                               SignetClient    *client,
                                               const char      *environment,
                                               GNetworkMonitor *monitor,
                                               GFile           *pdf,
                                               guint            n);
GNetworkMonitor *bench_network_monitor_new (void);

G_END_DECLS
