/* signet-field-value.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A form field to pre-fill in the first round (`fieldConfig`); properties
 * "name", "value", "read-only". */

#define SIGNET_TYPE_FIELD_VALUE (signet_field_value_get_type ())

G_DECLARE_FINAL_TYPE (SignetFieldValue, signet_field_value, SIGNET, FIELD_VALUE, GObject)

SignetFieldValue *signet_field_value_new (const char *name);
const char       *signet_field_value_get_name (SignetFieldValue *self);
const char       *signet_field_value_get_value (SignetFieldValue *self);
void              signet_field_value_set_value (SignetFieldValue *self, const char *value);
gboolean          signet_field_value_get_read_only (SignetFieldValue *self);
void              signet_field_value_set_read_only (SignetFieldValue *self, gboolean read_only);

G_END_DECLS
