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

/* Like g_clear_signal_handler(), for an instance that may have been
 * disposed (which drops its handlers) while we still hold it. */
void signet_clear_signal_handler (gulong *id, gpointer instance);

G_END_DECLS
