/* signet-document.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "signet-types.h"

G_BEGIN_DECLS

/**
 * SignetDocumentStatus:
 * @SIGNET_DOCUMENT_STATUS_PENDING: journalled, the file not yet uploaded
 * @SIGNET_DOCUMENT_STATUS_UPLOADED: the file is stored on the server, the
 *   signature request of the current round is not known to exist yet
 * @SIGNET_DOCUMENT_STATUS_OPEN: the signature request exists; it is tracked
 * @SIGNET_DOCUMENT_STATUS_SIGNED: the last round is signed, the archive copy
 *   is not made yet
 * @SIGNET_DOCUMENT_STATUS_ARCHIVED: signed and kept in the archive folder
 * @SIGNET_DOCUMENT_STATUS_CANCELED: the signer cancelled
 * @SIGNET_DOCUMENT_STATUS_EXPIRED: nobody signed before the request expired
 * @SIGNET_DOCUMENT_STATUS_VANISHED: the server no longer has the document
 * @SIGNET_DOCUMENT_STATUS_FAILED: the server refused the request, or the
 *   service could not deliver its callback; not retried
 * @SIGNET_DOCUMENT_STATUS_REMOVED: a document sent elsewhere that the
 *   server no longer has (another desk deleted it); not an error
 *
 * Where a journalled request is in its life. The first four are open:
 * Signet works on them without being asked; the others are final.
 */
typedef enum
{
  SIGNET_DOCUMENT_STATUS_PENDING,
  SIGNET_DOCUMENT_STATUS_UPLOADED,
  SIGNET_DOCUMENT_STATUS_OPEN,
  SIGNET_DOCUMENT_STATUS_SIGNED,
  SIGNET_DOCUMENT_STATUS_ARCHIVED,
  SIGNET_DOCUMENT_STATUS_CANCELED,
  SIGNET_DOCUMENT_STATUS_EXPIRED,
  SIGNET_DOCUMENT_STATUS_VANISHED,
  SIGNET_DOCUMENT_STATUS_FAILED,
  SIGNET_DOCUMENT_STATUS_REMOVED,
} SignetDocumentStatus;

const char          *signet_document_status_to_string (SignetDocumentStatus status);
SignetDocumentStatus signet_document_status_from_string (const char *name);
gboolean             signet_document_status_is_final (SignetDocumentStatus status);

#define SIGNET_TYPE_DOCUMENT (signet_document_get_type ())

G_DECLARE_FINAL_TYPE (SignetDocument, signet_document, SIGNET, DOCUMENT, GObject)

gint64               signet_document_get_journal_id (SignetDocument *self);
const char          *signet_document_get_signature_request_id (SignetDocument *self);
const char          *signet_document_get_document_id (SignetDocument *self);
const char          *signet_document_get_environment (SignetDocument *self);
const char          *signet_document_get_filename (SignetDocument *self);
const char          *signet_document_get_original_path (SignetDocument *self);
const char          *signet_document_get_checksum (SignetDocument *self);
const char          *signet_document_get_signing_url (SignetDocument *self);
gint64               signet_document_get_expiration (SignetDocument *self);
SignetDocumentState  signet_document_get_state (SignetDocument *self);
SignetDocumentStatus signet_document_get_status (SignetDocument *self);
guint                signet_document_get_round (SignetDocument *self);
guint                signet_document_get_n_rounds (SignetDocument *self);
const char          *signet_document_get_archive_path (SignetDocument *self);
int                  signet_document_get_signature_status (SignetDocument *self);
const char          *signet_document_get_last_error (SignetDocument *self);
gint64               signet_document_get_created (SignetDocument *self);
gint64               signet_document_get_modified (SignetDocument *self);
gboolean             signet_document_get_sent_elsewhere (SignetDocument *self);
gint64               signet_document_get_last_seen (SignetDocument *self);
char                *signet_document_dup_rule (SignetDocument *self, guint round, const char *rule);
const char          *signet_document_get_signer_name (SignetDocument *self);
const char          *signet_document_get_signer_email (SignetDocument *self);

G_END_DECLS
