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
 * when @base64 is set) and @suffix, produced while libsoup reads it: a
 * worker thread reads and encodes the content in blocks of 384 KiB, one
 * block ahead, so the file is never held whole and the main loop only
 * copies. */
GInputStream *
signet_body_stream_new (GInputStream *content, GBytes *prefix, gboolean base64, GBytes *suffix);

goffset
signet_body_stream_length (goffset content_length, GBytes *prefix, gboolean base64, GBytes *suffix);

G_END_DECLS
