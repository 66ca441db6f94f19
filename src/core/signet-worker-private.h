/* signet-worker-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * SignetWorkerQueue:
 * @SIGNET_WORKER_INSPECT: checks files, a few at a time, first come first served
 * @SIGNET_WORKER_RENDER: renders pages, one at a time, the newest request first
 *
 * The worker threads of the process, shared by all inspectors and renderers.
 */
typedef enum
{
  SIGNET_WORKER_INSPECT,
  SIGNET_WORKER_RENDER,
} SignetWorkerQueue;

void signet_worker_run (SignetWorkerQueue queue, GTask *task, GTaskThreadFunc func);

G_END_DECLS
