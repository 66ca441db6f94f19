/* signet-journal.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-document.h"
#include "signet-signature-request.h"

G_BEGIN_DECLS

/**
 * SIGNET_JOURNAL_SCHEMA_VERSION:
 *
 * The schema version this build writes (`PRAGMA user_version`).
 */
#define SIGNET_JOURNAL_SCHEMA_VERSION 6

/**
 * SignetJournalEvent:
 * @time: when it happened (Unix ms)
 * @kind: what happened: `journalled`, `uploaded`, `created`, `recovered`,
 *   `state`, `round`, `archived`, `deleted`, `expired`, `vanished`,
 *   `failed`, `error`
 * @detail: (nullable): the new state, a path or a message
 *
 * One line of a request's history.
 */
typedef struct
{
  gint64 time;
  char  *kind;
  char  *detail;
} SignetJournalEvent;

#define SIGNET_TYPE_JOURNAL_EVENT (signet_journal_event_get_type ())
GType               signet_journal_event_get_type (void);
SignetJournalEvent *signet_journal_event_copy (const SignetJournalEvent *event);
void                signet_journal_event_free (SignetJournalEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetJournalEvent, signet_journal_event_free)

#define SIGNET_TYPE_JOURNAL (signet_journal_get_type ())

G_DECLARE_FINAL_TYPE (SignetJournal, signet_journal, SIGNET, JOURNAL, GObject)

SignetJournal *signet_journal_new (const char *path);
SignetJournal *signet_journal_new_reader (const char *path);
const char    *signet_journal_get_path (SignetJournal *self);
GListModel    *signet_journal_get_documents (SignetJournal *self);
gboolean       signet_journal_get_loaded (SignetJournal *self);

void     signet_journal_open_async (SignetJournal      *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean signet_journal_open_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_add_async (SignetJournal                 *self,
                               const char                    *environment,
                               SignetSignatureRequest *const *rounds,
                               guint                          n_rounds,
                               GCancellable                  *cancellable,
                               GAsyncReadyCallback            callback,
                               gpointer                       user_data);
SignetDocument *
signet_journal_add_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_add_batch_async (SignetJournal      *self,
                                     const char         *environment,
                                     GPtrArray          *batch,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
GPtrArray *
signet_journal_add_batch_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_withdraw_async (SignetJournal      *self,
                                    GPtrArray          *documents,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
GPtrArray      *
signet_journal_withdraw_finish (SignetJournal *self, GAsyncResult *result, GError **error);
void signet_journal_forget_async (SignetJournal      *self,
                                  GPtrArray          *documents,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);

void     signet_journal_save_async (SignetJournal      *self,
                                    SignetDocument     *document,
                                    const char         *event,
                                    const char         *detail,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean signet_journal_save_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void signet_journal_list_events_async (SignetJournal      *self,
                                       SignetDocument     *document,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GPtrArray *
signet_journal_list_events_finish (SignetJournal *self, GAsyncResult *result, GError **error);

void        signet_journal_list_deletion_intents_async (SignetJournal      *self,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
GHashTable *signet_journal_list_deletion_intents_finish (SignetJournal *self,
                                                         GAsyncResult  *result,
                                                         GError       **error);

SignetDocument *signet_journal_find (SignetJournal *self, const char *signature_request_id);

G_END_DECLS
