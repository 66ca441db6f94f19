/* signet-journal-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-journal.h"

G_BEGIN_DECLS

/* The request of round @round of @document's plan, for its stored
 * document (later rounds, or after the upload) or for its original file. */
SignetSignatureRequest *
signet_journal_get_round_request (SignetDocument *document, guint round, GError **error);

/* Changes made on the main thread are written with a save; these set the
 * modification time and say in the journal's own words what went wrong. */
void signet_journal_touch (SignetDocument *document);

G_END_DECLS
