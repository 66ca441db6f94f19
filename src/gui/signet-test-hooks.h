/* signet-test-hooks.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-application.h"

G_BEGIN_DECLS

void signet_test_hooks_install (SignetApplication *application);

G_END_DECLS
