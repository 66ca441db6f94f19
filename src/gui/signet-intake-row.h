/* signet-intake-row.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-intake-item.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_INTAKE_ROW (signet_intake_row_get_type ())

G_DECLARE_FINAL_TYPE (SignetIntakeRow, signet_intake_row, SIGNET, INTAKE_ROW, AdwActionRow)

GtkWidget        *signet_intake_row_new (SignetIntakeItem *item);
SignetIntakeItem *signet_intake_row_get_item (SignetIntakeRow *self);

G_END_DECLS
