/* signet-body-stream-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A request body made of @prefix, the bytes of @content (base64-encoded
 * when @base64 is set) and @suffix, produced while libsoup reads it: the
 * file is never held in memory, and GIO runs the reads (and so the
 * encoding) on a worker thread because a file stream cannot be polled. */
GInputStream *
signet_body_stream_new (GInputStream *content, GBytes *prefix, gboolean base64, GBytes *suffix);

goffset
signet_body_stream_length (goffset content_length, GBytes *prefix, gboolean base64, GBytes *suffix);

G_END_DECLS
