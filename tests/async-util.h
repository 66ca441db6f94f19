/* async-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waiting for one async call in a test: pass result_cb with a pointer to a
 * NULL GAsyncResult *, then wait_for() it. A test that never gets its
 * answer fails instead of hanging. */
void          result_cb (GObject *object, GAsyncResult *result, gpointer user_data);
GAsyncResult *wait_for (GAsyncResult **result);
GAsyncResult *wait_for_seconds (GAsyncResult **result, guint seconds);

/* Removes a folder of a test's own with everything in it (symbolic links
 * are removed, not followed). */
void remove_tree (const char *path);

G_END_DECLS
