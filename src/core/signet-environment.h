/* signet-environment.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SignetEnvironment:
 * @SIGNET_ENVIRONMENT_NONE: not set up yet
 * @SIGNET_ENVIRONMENT_PRODUCTION: the OKdokument service, `https://api.okdokument.com`
 * @SIGNET_ENVIRONMENT_TEST: the vendor's test server, `https://apidev.okdokument.com`
 * @SIGNET_ENVIRONMENT_SANDBOX: the built-in simulator, started on demand
 * @SIGNET_ENVIRONMENT_CUSTOM: a server address the administrator enters
 *
 * The OKdokument service Signet works with. The values are those of the
 * `environment` setting.
 */
typedef enum
{
  SIGNET_ENVIRONMENT_NONE,
  SIGNET_ENVIRONMENT_PRODUCTION,
  SIGNET_ENVIRONMENT_TEST,
  SIGNET_ENVIRONMENT_SANDBOX,
  SIGNET_ENVIRONMENT_CUSTOM,
} SignetEnvironment;

const char *signet_environment_get_id (SignetEnvironment environment);
const char *signet_environment_get_fixed_url (SignetEnvironment environment);
const char *signet_environment_get_display_name (SignetEnvironment environment);

G_END_DECLS
