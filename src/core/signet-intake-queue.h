/* signet-intake-queue.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-intake-item.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_INTAKE_QUEUE (signet_intake_queue_get_type ())

G_DECLARE_FINAL_TYPE (SignetIntakeQueue, signet_intake_queue, SIGNET, INTAKE_QUEUE, GObject)

SignetIntakeQueue *signet_intake_queue_new (void);
SignetIntakeItem  *signet_intake_queue_add (SignetIntakeQueue *self, GFile *file);
void               signet_intake_queue_remove (SignetIntakeQueue *self, SignetIntakeItem *item);
SignetIntakeItem  *signet_intake_queue_find (SignetIntakeQueue *self, GFile *file);
guint              signet_intake_queue_n_checking (SignetIntakeQueue *self);
void               signet_intake_queue_set_state_file (SignetIntakeQueue *self, GFile *file);
void               signet_intake_queue_restore_async (SignetIntakeQueue  *self,
                                                      GFile              *file,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
int
signet_intake_queue_restore_finish (SignetIntakeQueue *self, GAsyncResult *result, GError **error);

G_END_DECLS
