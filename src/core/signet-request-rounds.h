/* signet-request-rounds.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-request-spec.h"
#include "signet-signature-request.h"

G_BEGIN_DECLS

/* A request description turned into the E1 bodies of its rounds
 * (#SignetSignatureRequest); docs/requests.md maps every option to its JSON. */

GPtrArray *signet_request_spec_build_rounds (SignetRequestSpec *self,
                                             GFile             *file,
                                             const char        *filename,
                                             GError           **error);

G_END_DECLS
