/* signet-sandbox-process.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_SANDBOX_PROCESS (signet_sandbox_process_get_type ())

/* Seconds a start waits for the child's address. */
#define SIGNET_SANDBOX_PROCESS_READY_TIMEOUT 60

G_DECLARE_FINAL_TYPE (SignetSandboxProcess,
                      signet_sandbox_process,
                      SIGNET,
                      SANDBOX_PROCESS,
                      GObject)

SignetSandboxProcess *signet_sandbox_process_new (const char *program, const char *api_key);
void        signet_sandbox_process_set_ready_timeout (SignetSandboxProcess *self, guint seconds);
void        signet_sandbox_process_set_data_dir (SignetSandboxProcess *self, const char *path);
void        signet_sandbox_process_start_async (SignetSandboxProcess *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    signet_sandbox_process_start_finish (SignetSandboxProcess *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void        signet_sandbox_process_restart_async (SignetSandboxProcess *self,
                                                  gboolean              reset,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    signet_sandbox_process_restart_finish (SignetSandboxProcess *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
const char *signet_sandbox_process_get_base_url (SignetSandboxProcess *self);
const char *signet_sandbox_process_get_api_key (SignetSandboxProcess *self);
void        signet_sandbox_process_stop (SignetSandboxProcess *self);

G_END_DECLS
