/* request-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-inspection.h"
#include "signet-request-spec.h"
#include "signet-signature-request.h"

G_BEGIN_DECLS

/* The request description's tests: documents from tests/data. */
GFile            *test_file (const char *name);
SignetInspection *inspect (const char *name);
/* A first round for @file; @signer and @email (both may be %NULL) name
 * the signer and where the link goes. */
SignetSignatureRequest *signer_request_new (GFile *file, const char *signer, const char *email);
/* Fails, listing the problems, unless @spec can be sent. */
void assert_valid (SignetRequestSpec *spec, SignetInspection *inspection);

G_END_DECLS
