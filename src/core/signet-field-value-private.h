/* signet-field-value-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-field-value.h"

G_BEGIN_DECLS

/* The struct, read whole by the request description's files. */

/**
 * SignetFieldValue:
 *
 * A form field to pre-fill in the first round (`fieldConfig`): its
 * technical name, the value, and whether the signer may change it.
 */
struct _SignetFieldValue
{
  GObject parent_instance;

  char    *name;
  char    *value;
  gboolean read_only;
};

G_END_DECLS
