/* signet-property-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-property-util"

#include "config.h"

#include "signet-property-util.h"

void
signet_spec_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

void
signet_spec_set_boolean (GObject *object, gboolean *field, gboolean value, GParamSpec *pspec)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
signet_spec_set_uint (GObject *object, guint *field, guint value, GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}
