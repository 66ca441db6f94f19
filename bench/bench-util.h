/* bench-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks and the tests that check their claims share.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void   bench_write_pdf (const char *path, gsize size);
guint  bench_stall_meter_start (void);
gint64 bench_stall_meter_stop (guint id);
GSubprocess        *
bench_spawn_sandbox (const char *program, const char *key, char **base_url, GError **error);
void   bench_stop_sandbox (GSubprocess *sandbox);
gint64 bench_memory_reset_peak (void);
gint64 bench_memory_peak (void);

G_END_DECLS
