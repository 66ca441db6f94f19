/* signet-sandbox-sign-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-sandbox-sign.h"

G_BEGIN_DECLS

GBytes *signet_sandbox_cert_sign_data (SignetSandboxCert *cert,
                                       const guint8      *data,
                                       gsize              length,
                                       gint64             signing_time,
                                       GError           **error);

G_END_DECLS
