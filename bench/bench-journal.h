/* bench-journal.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Journals for the benchmarks that load, show or follow many requests.
 */

#pragma once

#include "signet-journal.h"

G_BEGIN_DECLS

SignetJournal *bench_journal_open (const char *path);
void           bench_journal_seed (const char *path, const char *pdf, const char *signer_name);
void  bench_journal_fill (const char *path, int entries, const char *columns, const char *after);
char *bench_journal_home_new (int documents);

G_END_DECLS
