/* signet-library.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
 * @SIGNET_LIBRARY_GROUP_ALL: every document
 *
 * The groups of the library's sidebar, in their order there.
 */
typedef enum
{
  SIGNET_LIBRARY_GROUP_WAITING,
  SIGNET_LIBRARY_GROUP_PREPARING,
  SIGNET_LIBRARY_GROUP_SIGNED,
  SIGNET_LIBRARY_GROUP_CANCELLED,
  SIGNET_LIBRARY_GROUP_FAILED,
  SIGNET_LIBRARY_GROUP_EXPIRED,
  SIGNET_LIBRARY_GROUP_ALL,
} SignetLibraryGroup;

#define SIGNET_LIBRARY_N_GROUPS (SIGNET_LIBRARY_GROUP_ALL + 1)

SignetLibraryGroup signet_library_group_for_document (SignetDocument *document);
gboolean signet_library_group_contains (SignetLibraryGroup group, SignetDocument *document);
gboolean signet_library_is_busy (SignetDocument *document);
void     signet_library_count (GListModel *documents, guint counts[SIGNET_LIBRARY_N_GROUPS]);

char       *signet_library_fold (const char *text);
const char *signet_library_get_search_key (SignetDocument *document);
gboolean    signet_library_matches (SignetDocument *document, const char *folded_query);

GPtrArray *signet_library_rebuild_rounds (SignetDocument *document, GError **error);

G_END_DECLS
