/* signet-journal-evidence.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "signet-journal.h"
#include "signet-signature-check.h"

G_BEGIN_DECLS

/**
 * SIGNET_EVIDENCE_VERSION:
 *
 * The version of the evidence record's JSON shape (docs/evidence.md).
 */
#define SIGNET_EVIDENCE_VERSION 1

char       *signet_evidence_state_detail (const char *state, GDateTime *server_time);
char       *signet_evidence_parse_state_detail (const char *detail, char **server_time);
JsonNode   *signet_evidence_scrub_options (const char *plan);
JsonNode   *signet_evidence_build (SignetDocument *document, GPtrArray *events);
int         signet_evidence_status_from_string (const char *name);
JsonObject *signet_evidence_check_to_json (SignetSignatureCheck *check);

void        signet_evidence_check_copy_async (const char         *path,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
JsonObject *signet_evidence_check_copy_finish (GAsyncResult *result, GError **error);
void        signet_evidence_add_check (JsonNode *record, JsonObject *check);

void signet_journal_load_signature_statuses (SignetJournal *self);

void signet_journal_record_evidence_async (SignetJournal      *self,
                                           SignetDocument     *document,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
SignetSignatureCheck *
signet_journal_record_evidence_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_get_evidence_async (SignetJournal      *self,
                                        SignetDocument     *document,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
JsonNode *
signet_journal_get_evidence_finish (SignetJournal *self, GAsyncResult *result, GError **error);

G_END_DECLS
