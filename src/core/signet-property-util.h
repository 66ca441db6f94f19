/* signet-property-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Setters of a field that notify @pspec only on a real change; an empty
 * string is stored as %NULL. */
void signet_spec_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec);
void signet_spec_set_boolean (GObject *object, gboolean *field, gboolean value, GParamSpec *pspec);
void signet_spec_set_uint (GObject *object, guint *field, guint value, GParamSpec *pspec);

G_END_DECLS
