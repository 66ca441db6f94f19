/* signet-client-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "signet-client.h"

G_BEGIN_DECLS

/* The error mapping, separate so that tests can feed it every shape. */
void     signet_client_set_http_error (guint status, JsonNode *body, GError **error);
void     signet_client_set_transport_error (const GError *source, GError **error);
gboolean signet_client_is_retryable (const GError *error);
gboolean signet_client_check_success (JsonNode *root, GError **error);
gboolean signet_client_url_is_allowed (const char *url, GError **error);
char    *signet_client_redact (const char *line, const char *key);

G_END_DECLS
