/* signet-task-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-task-util"

#include "config.h"

#include "signet-task-util.h"

void
signet_task_return_pointer_or_error (GTask         *task,
                                     gpointer       result,
                                     GDestroyNotify free_func,
                                     GError       **error)
{
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (error));
  else
    g_task_return_pointer (task, result, free_func);
}

void
signet_task_return_boolean_or_error (GTask *task, gboolean success, GError **error)
{
  if (success)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (error));
}
