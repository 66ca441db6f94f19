/* signet-document-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-document.h"

G_BEGIN_DECLS

/* One row of the journal's requests table, as plain data that can cross
 * to the journal's thread. Times are Unix milliseconds. */
typedef struct
{
  gint64 id;
  char  *signature_request_id;
  char  *document_id;
  char  *environment;
  char  *filename;
  char  *original_path;
  char  *checksum;
  char  *kept_path; /* the journal's copy of the file, until it is uploaded */
  char  *plan;      /* JSON array: one E1 body per round */
  guint  round;
  guint  n_rounds;
  char  *signing_url;
  gint64 expiration;
  char  *state;
  char  *status;
  char  *archive_path;
  char  *last_error;
  gint64 created;
  gint64 modified;
  char  *origin;    /* NULL: sent from this desk; "elsewhere": imported from the account */
  gint64 last_seen; /* when a list of the server last had it (Unix ms), 0 for never */
  /* The one-time codes the sender chose, by round (signet-journal-codes.c):
   * never written to the journal's file. */
  char *chosen_codes;
  /* The folded search text (signet_library_search_key_new()), when the
   * journal's thread made it: never written. */
  char *search_key;
} SignetDocumentRecord;

void signet_document_record_free (SignetDocumentRecord *record);
void signet_document_wipe_codes (char **codes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetDocumentRecord, signet_document_record_free)

SignetDocument       *signet_document_new_from_record (SignetDocumentRecord *record);
SignetDocumentRecord *signet_document_to_record (SignetDocument *self);

const char *signet_document_get_plan (SignetDocument *self);
const char *signet_document_get_chosen_codes (SignetDocument *self);
const char *signet_document_get_search_key (SignetDocument *self);
void        signet_document_take_search_key (SignetDocument *self, char *key);
const char *signet_document_get_kept_path (SignetDocument *self);
void        signet_document_update_from_record (SignetDocument *self, SignetDocumentRecord *record);

void signet_document_set_journal_id (SignetDocument *self, gint64 id);
void signet_document_set_signature_request_id (SignetDocument *self, const char *id);
void signet_document_set_document_id (SignetDocument *self, const char *document_id);
void signet_document_set_signing_url (SignetDocument *self, const char *url);
void signet_document_set_expiration (SignetDocument *self, gint64 expiration);
void signet_document_set_state (SignetDocument *self, SignetDocumentState state);
void signet_document_set_status (SignetDocument *self, SignetDocumentStatus status);
void signet_document_set_round (SignetDocument *self, guint round);
void signet_document_set_archive_path (SignetDocument *self, const char *path);
void signet_document_set_last_error (SignetDocument *self, const char *message);
void signet_document_set_modified (SignetDocument *self, gint64 modified);
void signet_document_set_signature_status (SignetDocument *self, int status);
void signet_document_set_last_seen (SignetDocument *self, gint64 last_seen);

G_END_DECLS
