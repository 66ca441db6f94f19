/* signet-error.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signet-error.h"

/* clang-format off */
G_DEFINE_QUARK (signet-error-quark, signet_error)
/* clang-format on */
