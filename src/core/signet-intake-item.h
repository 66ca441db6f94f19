/* signet-intake-item.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-inspection.h"

G_BEGIN_DECLS

/**
 * SignetIntakeState:
 * @SIGNET_INTAKE_STATE_CHECKING: the file is being checked
 * @SIGNET_INTAKE_STATE_READY: the file can be sent
 * @SIGNET_INTAKE_STATE_FAILED: the file cannot be sent; the item says why
 *
 * Where a file in the intake queue stands.
 */
typedef enum
{
  SIGNET_INTAKE_STATE_CHECKING,
  SIGNET_INTAKE_STATE_READY,
  SIGNET_INTAKE_STATE_FAILED,
} SignetIntakeState;

#define SIGNET_TYPE_INTAKE_ITEM (signet_intake_item_get_type ())

G_DECLARE_FINAL_TYPE (SignetIntakeItem, signet_intake_item, SIGNET, INTAKE_ITEM, GObject)

SignetIntakeItem *signet_intake_item_new (GFile *file);
GFile            *signet_intake_item_get_file (SignetIntakeItem *self);
const char       *signet_intake_item_get_name (SignetIntakeItem *self);
SignetIntakeState signet_intake_item_get_state (SignetIntakeItem *self);
SignetInspection *signet_intake_item_get_inspection (SignetIntakeItem *self);
const GError     *signet_intake_item_get_error (SignetIntakeItem *self);
const char       *signet_intake_item_get_summary (SignetIntakeItem *self);
const char       *signet_intake_item_get_note (SignetIntakeItem *self);
const char       *signet_intake_item_get_settings (SignetIntakeItem *self);
void              signet_intake_item_set_settings (SignetIntakeItem *self, const char *settings);
gboolean          signet_intake_item_get_journalled (SignetIntakeItem *self);
void              signet_intake_item_set_journalled (SignetIntakeItem *self, gboolean journalled);
void              signet_intake_item_set_result (SignetIntakeItem *self,
                                                 SignetInspection *inspection,
                                                 const GError     *error);

G_END_DECLS
