/* signet-worker.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-worker"
/* syscall () */
#define _GNU_SOURCE

#include "config.h"

#include "signet-worker-private.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* As nice as a background job, so that the main thread wins the CPU. */
#define WORKER_NICE 10

static GPrivate lowered;

/**
 * signet_worker_lower_priority:
 *
 * Lowers the scheduling priority of the calling worker thread, once. On a
 * machine with few cores, checks and renders must not take the CPU from
 * the thread that draws the window. Linux sets the nice value per thread;
 * elsewhere this does nothing.
 */
void
signet_worker_lower_priority (void)
{
  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("Cannot lower the priority of a worker: %s", g_strerror (errno));
#endif
}
