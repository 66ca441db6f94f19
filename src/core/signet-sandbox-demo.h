/* signet-sandbox-demo.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-sync.h"

G_BEGIN_DECLS

void     signet_sandbox_demo_fill_async (SignetSync         *sync,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean signet_sandbox_demo_fill_finish (SignetSync *sync, GAsyncResult *result, GError **error);

G_END_DECLS
