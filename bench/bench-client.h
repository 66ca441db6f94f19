/* bench-client.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks of SignetClient against the sandbox share.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bench-util.h"
#include "signet-client.h"

G_BEGIN_DECLS

#define BENCH_KEY "bench_0123456789abcdef"

SignetClient      *
bench_client_new (const char *sandbox_program, GSubprocess **sandbox, char **base_url);
void bench_client_create (SignetClient     *client,
                          GFile            *file,
                          SignetCreateFlags flags,
                          double           *milliseconds,
                          gint64           *idle_kib,
                          gint64           *peak_kib,
                          double           *stall_ms);

JsonNode *bench_sandbox_call (SoupSession *session,
                              const char  *base_url,
                              const char  *method,
                              const char  *path,
                              const char  *body);
gint64    bench_sandbox_calls (SoupSession *session,
                               const char  *base_url,
                               const char  *method,
                               GString     *routes);

G_END_DECLS
