/* signet-library.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-document.h"
#include "signet-state-name.h"

G_BEGIN_DECLS

SignetLibraryGroup signet_library_group_for_document (SignetDocument *document);
gboolean signet_library_group_contains (SignetLibraryGroup group, SignetDocument *document);
gboolean signet_library_is_busy (SignetDocument *document);
guint    signet_library_groups_of (SignetDocument *document);
void signet_library_add_to_counts (guint counts[SIGNET_LIBRARY_N_GROUPS], guint groups, int sign);
void signet_library_count (GListModel *documents, guint counts[SIGNET_LIBRARY_N_GROUPS]);

char       *signet_library_fold (const char *text);
const char *signet_library_get_search_key (SignetDocument *document);
char       *signet_library_search_key_new (const char *filename,
                                           const char *signer_name,
                                           const char *signer_email);
gboolean    signet_library_matches (SignetDocument *document, const char *folded_query);

GPtrArray *signet_library_rebuild_rounds (SignetDocument *document, GError **error);

G_END_DECLS
