/* signet-evidence-export.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "signet-journal.h"

G_BEGIN_DECLS

/**
 * SignetEventDescriber:
 * @event: a line of the history
 * @previous: (nullable): the line before it
 *
 * Says what happened in a sentence for a person (the GUI's
 * signet_describe_event()).
 *
 * Returns: (transfer full): the sentence
 */
typedef char *(*SignetEventDescriber) (const SignetJournalEvent *event,
                                       const SignetJournalEvent *previous);

char *signet_describe_event (const SignetJournalEvent *event, const SignetJournalEvent *previous);
char *signet_evidence_format_time (const char *iso8601);
char *signet_evidence_path_beside (const char *path, const char *extension);
char *signet_evidence_describe_signature (JsonObject *signed_copy);
char *signet_evidence_describe_certificate (JsonObject *signed_copy);

JsonNode *signet_evidence_export_record (JsonNode *record);
gboolean  signet_evidence_write_pdf (JsonNode            *exported,
                                     SignetEventDescriber describe,
                                     const char          *path,
                                     GError             **error);

void     signet_evidence_export_async (JsonNode            *record,
                                       SignetEventDescriber describe,
                                       GFile               *pdf,
                                       GFile               *json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean signet_evidence_export_finish (GAsyncResult *result, GError **error);

G_END_DECLS
