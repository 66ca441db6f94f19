/* request-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-inspection.h"
#include "signet-request-spec.h"

G_BEGIN_DECLS

/* The request description's tests: documents from tests/data. */
GFile            *test_file (const char *name);
SignetInspection *inspect (const char *name);
/* Fails, listing the problems, unless @spec can be sent. */
void assert_valid (SignetRequestSpec *spec, SignetInspection *inspection);

G_END_DECLS
