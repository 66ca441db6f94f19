/* signet-environment.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-environment"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-environment.h"

static const struct
{
  const char *id;
  const char *fixed_url;
  const char *display_name;
} environments[] = {
  [SIGNET_ENVIRONMENT_NONE] = { "none", NULL, NULL },
  [SIGNET_ENVIRONMENT_PRODUCTION]
  = { "production", "https://api.okdokument.com", N_ ("Production") },
  [SIGNET_ENVIRONMENT_TEST] = { "test", "https://apidev.okdokument.com", N_ ("Test") },
  [SIGNET_ENVIRONMENT_SANDBOX] = { "sandbox", NULL, N_ ("Sandbox") },
  [SIGNET_ENVIRONMENT_CUSTOM] = { "custom", NULL, N_ ("Custom") },
};

/**
 * signet_environment_get_id:
 * @environment: a #SignetEnvironment
 *
 * Returns: the environment's name in settings and in the keyring, such as
 *   "production"
 */
const char *
signet_environment_get_id (SignetEnvironment environment)
{
  g_return_val_if_fail (environment <= SIGNET_ENVIRONMENT_CUSTOM, NULL);

  return environments[environment].id;
}

/**
 * signet_environment_get_fixed_url:
 * @environment: a #SignetEnvironment
 *
 * Returns: (nullable): the base URL of the production and test services;
 *   %NULL for the others, whose address is known only at run time (sandbox)
 *   or from the settings (custom)
 */
const char *
signet_environment_get_fixed_url (SignetEnvironment environment)
{
  g_return_val_if_fail (environment <= SIGNET_ENVIRONMENT_CUSTOM, NULL);

  return environments[environment].fixed_url;
}

/**
 * signet_environment_get_display_name:
 * @environment: a #SignetEnvironment
 *
 * Returns: (nullable): the translated name to show, %NULL for
 *   %SIGNET_ENVIRONMENT_NONE
 */
const char *
signet_environment_get_display_name (SignetEnvironment environment)
{
  g_return_val_if_fail (environment <= SIGNET_ENVIRONMENT_CUSTOM, NULL);

  return environments[environment].display_name != NULL ? _ (environments[environment].display_name)
                                                        : NULL;
}
