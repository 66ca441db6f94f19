/* signet-field-value-row.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-request-spec.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_FIELD_VALUE_ROW (signet_field_value_row_get_type ())

G_DECLARE_FINAL_TYPE (SignetFieldValueRow,
                      signet_field_value_row,
                      SIGNET,
                      FIELD_VALUE_ROW,
                      AdwEntryRow)

GtkWidget        *signet_field_value_row_new (SignetFieldValue *value);
SignetFieldValue *signet_field_value_row_get_value (SignetFieldValueRow *self);

G_END_DECLS
