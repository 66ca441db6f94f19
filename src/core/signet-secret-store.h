/* signet-secret-store.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_SECRET_STORE (signet_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (SignetSecretStore, signet_secret_store, SIGNET, SECRET_STORE, GObject)

SignetSecretStore *signet_secret_store_new (const char *schema_name);
gboolean           signet_secret_store_get_keyring_usable (SignetSecretStore *self);

void signet_secret_store_lookup_async (SignetSecretStore  *self,
                                       const char         *environment,
                                       const char         *server,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
void signet_secret_store_keep_for_session (SignetSecretStore *self,
                                           const char        *environment,
                                           const char        *server,
                                           const char        *key);
char *
signet_secret_store_lookup_finish (SignetSecretStore *self, GAsyncResult *result, GError **error);

void signet_secret_store_store_async (SignetSecretStore  *self,
                                      const char         *environment,
                                      const char         *server,
                                      const char         *key,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
signet_secret_store_store_finish (SignetSecretStore *self, GAsyncResult *result, GError **error);

void signet_secret_store_clear_async (SignetSecretStore  *self,
                                      const char         *environment,
                                      const char         *server,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
signet_secret_store_clear_finish (SignetSecretStore *self, GAsyncResult *result, GError **error);

G_END_DECLS
