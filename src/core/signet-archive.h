/* signet-archive.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-client.h"

G_BEGIN_DECLS

char *signet_archive_get_default_folder (void);
char *signet_archive_build_name (const char *filename, GDateTime *date, guint n);

void  signet_archive_save_async (SignetClient       *client,
                                 const char         *document_id,
                                 const char         *folder,
                                 const char         *filename,
                                 GDateTime          *date,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
char *signet_archive_save_finish (GAsyncResult *result, GError **error);

G_END_DECLS
