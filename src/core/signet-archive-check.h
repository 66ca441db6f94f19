/* signet-archive-check.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-document.h"
#include "signet-signature-check.h"

G_BEGIN_DECLS

/**
 * SignetArchiveMatch:
 * @SIGNET_ARCHIVE_MATCH_NONE: no archived copy has its name or its bytes
 * @SIGNET_ARCHIVE_MATCH_IDENTICAL: byte for byte an archived signed copy
 * @SIGNET_ARCHIVE_MATCH_DIFFERENT: named as an archived signed copy, but its
 *   bytes differ
 *
 * How a file someone brings compares with the archive.
 */
typedef enum
{
  SIGNET_ARCHIVE_MATCH_NONE,
  SIGNET_ARCHIVE_MATCH_IDENTICAL,
  SIGNET_ARCHIVE_MATCH_DIFFERENT,
} SignetArchiveMatch;

#define SIGNET_TYPE_ARCHIVE_CHECK (signet_archive_check_get_type ())

G_DECLARE_FINAL_TYPE (SignetArchiveCheck, signet_archive_check, SIGNET, ARCHIVE_CHECK, GObject)

SignetArchiveMatch    signet_archive_check_get_match (SignetArchiveCheck *self);
SignetDocument       *signet_archive_check_get_document (SignetArchiveCheck *self);
SignetSignatureCheck *signet_archive_check_get_signature (SignetArchiveCheck *self);
const char           *signet_archive_check_get_sha256 (SignetArchiveCheck *self);

void                signet_archive_check_async (GFile              *file,
                                                GListModel         *documents,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
SignetArchiveCheck *signet_archive_check_finish (GAsyncResult *result, GError **error);

G_END_DECLS
