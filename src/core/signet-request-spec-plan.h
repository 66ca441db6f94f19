/* signet-request-spec-plan.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-document.h"
#include "signet-request-spec.h"

G_BEGIN_DECLS

SignetRequestSpec *signet_request_spec_new_from_plan (SignetDocument *document, GError **error);

G_END_DECLS
