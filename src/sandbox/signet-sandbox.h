/* signet-sandbox.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SignetSandboxStyle:
 * @SIGNET_SANDBOX_STYLE_WIKI: bodies as the vendor's wiki shows them
 *   (`message`, `result`, `url`, `documentId`; errors `message`, `value`)
 * @SIGNET_SANDBOX_STYLE_CONNECTOR: bodies as the Microsoft connector
 *   describes them (adds `code`, `statusCode`, `success`; errors carry the
 *   offending value in `result`)
 *
 * The two documented shapes of the service's JSON answers (§19.7).
 */
typedef enum
{
  SIGNET_SANDBOX_STYLE_WIKI,
  SIGNET_SANDBOX_STYLE_CONNECTOR,
} SignetSandboxStyle;

#define SIGNET_TYPE_SANDBOX_STYLE (signet_sandbox_style_get_type ())
GType signet_sandbox_style_get_type (void);

#define SIGNET_TYPE_SANDBOX (signet_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (SignetSandbox, signet_sandbox, SIGNET, SANDBOX, GObject)

SignetSandbox *signet_sandbox_new (void);
void signet_sandbox_add_api_key (SignetSandbox *self, const char *key, gboolean read_only);
void signet_sandbox_set_style (SignetSandbox *self, SignetSandboxStyle style);
SignetSandboxStyle signet_sandbox_get_style (SignetSandbox *self);
void               signet_sandbox_set_controls_enabled (SignetSandbox *self, gboolean enabled);
void               signet_sandbox_set_processing_delay (SignetSandbox *self, guint milliseconds);
void               signet_sandbox_set_quota (SignetSandbox *self, guint available);
void               signet_sandbox_set_unsigned_retention (SignetSandbox *self, guint days);
gboolean    signet_sandbox_set_data_dir (SignetSandbox *self, const char *path, GError **error);
gboolean    signet_sandbox_listen (SignetSandbox *self, guint port, GError **error);
const char *signet_sandbox_get_base_url (SignetSandbox *self);
GSList     *signet_sandbox_get_uris (SignetSandbox *self);
void        signet_sandbox_reset (SignetSandbox *self);

G_END_DECLS
