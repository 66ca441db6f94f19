/* signet-state-name.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "signet-document.h"

G_BEGIN_DECLS

/**
 * SignetLibraryGroup:
 * @SIGNET_LIBRARY_GROUP_WAITING: the signer can sign now
 * @SIGNET_LIBRARY_GROUP_PREPARING: not sent yet, between rounds, or the
 *   service is still preparing it (`tags`, `tostamp`)
 * @SIGNET_LIBRARY_GROUP_SIGNED: signed (archived or about to be)
 * @SIGNET_LIBRARY_GROUP_CANCELLED: the signer or this computer cancelled it
 * @SIGNET_LIBRARY_GROUP_FAILED: refused, undeliverable, or gone from the server
 * @SIGNET_LIBRARY_GROUP_EXPIRED: nobody signed in time
 * @SIGNET_LIBRARY_GROUP_REMOVED: sent elsewhere, and deleted from the server
 *   there (not an error; a local copy stays)
 * @SIGNET_LIBRARY_GROUP_ALL: every document
 * @SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE: every document sent from another
 *   desk or the web app on the account (a filter, not a state)
 *
 * The states a document is shown in, one word each (docs/vocabulary.md),
 * which are also the groups of the library's sidebar, in their order there;
 * the sidebar ends with "All Documents" and "Sent Elsewhere".
 */
typedef enum
{
  SIGNET_LIBRARY_GROUP_WAITING,
  SIGNET_LIBRARY_GROUP_PREPARING,
  SIGNET_LIBRARY_GROUP_SIGNED,
  SIGNET_LIBRARY_GROUP_CANCELLED,
  SIGNET_LIBRARY_GROUP_FAILED,
  SIGNET_LIBRARY_GROUP_EXPIRED,
  SIGNET_LIBRARY_GROUP_REMOVED,
  SIGNET_LIBRARY_GROUP_ALL,
  SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE,
} SignetLibraryGroup;

#define SIGNET_LIBRARY_N_GROUPS (SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE + 1)

SignetLibraryGroup signet_state_for_status (SignetDocumentStatus status, SignetDocumentState state);
const char        *signet_state_get_name (SignetLibraryGroup group);
const char        *signet_state_get_heading (SignetLibraryGroup group);
const char        *signet_document_get_state_name (SignetDocument *document);
const char        *signet_document_get_origin_name (SignetDocument *document);

G_END_DECLS
