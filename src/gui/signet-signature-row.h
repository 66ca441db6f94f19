/* signet-signature-row.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-journal.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_SIGNATURE_ROW (signet_signature_row_get_type ())

G_DECLARE_FINAL_TYPE (SignetSignatureRow, signet_signature_row, SIGNET, SIGNATURE_ROW, AdwBin)

void signet_signature_row_set_document (SignetSignatureRow *self,
                                        SignetJournal      *journal,
                                        SignetDocument     *document);

G_END_DECLS
