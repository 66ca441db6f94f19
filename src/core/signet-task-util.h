/* signet-task-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* End @task with what a call gave: @result (freed with @free_func) or
 * %TRUE, or else the error the call set in @error, which they take. A
 * pointer to the error, not the error, so that the call can sit in the
 * argument list. */
void signet_task_return_pointer_or_error (GTask         *task,
                                          gpointer       result,
                                          GDestroyNotify free_func,
                                          GError       **error);
void signet_task_return_boolean_or_error (GTask *task, gboolean success, GError **error);

G_END_DECLS
