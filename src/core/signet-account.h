/* signet-account.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-client.h"
#include "signet-counter.h"
#include "signet-environment.h"
#include "signet-secret-store.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_ACCOUNT (signet_account_get_type ())

G_DECLARE_FINAL_TYPE (SignetAccount, signet_account, SIGNET, ACCOUNT, GObject)

SignetAccount    *signet_account_new (GSettings *settings, SignetSecretStore *secrets);
SignetEnvironment signet_account_get_environment (SignetAccount *self);
char             *signet_account_dup_server (SignetAccount *self);
SignetCounter    *signet_account_get_counter (SignetAccount *self);
gboolean          signet_account_get_keyring_usable (SignetAccount *self);
void signet_account_set_sandbox (SignetAccount *self, const char *url, const char *key);
void signet_account_set_sandbox_program (SignetAccount *self, const char *program);
void signet_account_set_sandbox_data_dir (SignetAccount *self, const char *path);
void signet_account_use_sandbox (SignetAccount *self);
void signet_account_select_sandbox (SignetAccount *self);
void signet_account_reset_sandbox_async (SignetAccount      *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean
signet_account_reset_sandbox_finish (SignetAccount *self, GAsyncResult *result, GError **error);
void signet_account_stop_sandbox (SignetAccount *self);

void signet_account_connect_async (SignetAccount      *self,
                                   SignetEnvironment   environment,
                                   const char         *custom_url,
                                   const char         *key,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
SignetCounter *
signet_account_connect_finish (SignetAccount *self, GAsyncResult *result, GError **error);

void signet_account_get_client_async (SignetAccount      *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
SignetClient *
signet_account_get_client_finish (SignetAccount *self, GAsyncResult *result, GError **error);

void signet_account_refresh_async (SignetAccount      *self,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
SignetCounter *
signet_account_refresh_finish (SignetAccount *self, GAsyncResult *result, GError **error);

void signet_account_remove_key_async (SignetAccount      *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
signet_account_remove_key_finish (SignetAccount *self, GAsyncResult *result, GError **error);

G_END_DECLS
