/* signet-state-name.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "signet-document.h"
#include "signet-library.h"

G_BEGIN_DECLS

SignetLibraryGroup signet_state_for_status (SignetDocumentStatus status, SignetDocumentState state);
const char        *signet_state_get_name (SignetLibraryGroup group);
const char        *signet_state_get_heading (SignetLibraryGroup group);
const char        *signet_document_get_state_name (SignetDocument *document);

G_END_DECLS
