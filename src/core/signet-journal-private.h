/* signet-journal-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <sqlite3.h>

#include "signet-document-private.h"
#include "signet-journal.h"

G_BEGIN_DECLS

/* The request of round @round of @document's plan, for its stored
 * document (later rounds, or after the upload) or for the copy of the file
 * the journal keeps (or, for a request journalled before there were
 * copies, the original file). */
SignetSignatureRequest *
signet_journal_get_round_request (SignetDocument *document, guint round, GError **error);

/* Changes made on the main thread are written with a save; these set the
 * modification time and say in the journal's own words what went wrong. */
void signet_journal_touch (SignetDocument *document);

/* Writes @record (a changed copy of @document's) and @event in one
 * transaction, and only once that is written sets @document to it: a
 * write that fails leaves the document as the journal has it. */
void signet_journal_save_record_async (SignetJournal        *self,
                                       SignetDocument       *document,
                                       SignetDocumentRecord *record,
                                       const char           *event,
                                       const char           *detail,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);

/* Removes the journal's copy of @document's file, once the service has
 * the document or the request ended. */
void signet_journal_drop_kept_file (SignetDocument *document);

/* Documents sent elsewhere on the account (signet-journal-import.c):
 * written in one transaction per call, those the journal already has (by
 * document id) left out, then put into the model a chunk per main-loop
 * iteration; no document-changed is emitted for them. */
void       signet_journal_import_async (SignetJournal      *self,
                                        GPtrArray          *records,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *signet_journal_import_finish (SignetJournal *self, GAsyncResult *result, GError **error);
/* Writes the last-seen time of @documents in one transaction; finish with
 * g_task_propagate_boolean(). */
void signet_journal_save_seen_async (SignetJournal      *self,
                                     GPtrArray          *documents,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);

/* Like g_clear_signal_handler(), for an instance that may have been
 * disposed (which drops its handlers) while we still hold it. */
void signet_clear_signal_handler (gulong *id, gpointer instance);

/* {{{ Shared by the journal's own files (signet-journal*.c) only */

struct _SignetJournal
{
  GObject parent_instance;

  char        *path;
  char        *kept_folder; /* the copies of files not uploaded yet */
  sqlite3     *db;          /* only touched on the worker thread */
  GThreadPool *pool;        /* one thread: keeps the writes in order */
  GListStore  *documents;
  gboolean     loaded;
  gboolean     reader;   /* signet_journal_new_reader(): claims and tidies nothing */
  char        *owner;    /* this journal's owner token (docs/cli.md) */
  int          owner_fd; /* holds the lock that says the owner is alive */
  guint        adopt_id; /* the timer that takes over requests of gone owners */
  gboolean     adopting;
  GHashTable  *codes_forgotten; /* worker: row ids whose chosen codes were removed */
};

typedef enum
{
  JOB_OPEN,
  JOB_ADD,
  JOB_SAVE,
  JOB_EVENTS,
  JOB_DELETION_INTENTS,
  JOB_WITHDRAW,
  JOB_ADOPT,
  JOB_ORIGINS, /* signet-journal-origin.c */
  JOB_FILED,
  JOB_IMPORT,
  JOB_SEEN,
} JobKind;

typedef struct
{
  JobKind               kind;
  SignetDocumentRecord *record; /* JOB_SAVE, JOB_EVENTS */
  GPtrArray *records; /* JOB_ADD, JOB_WITHDRAW, JOB_IMPORT, JOB_SEEN: SignetDocumentRecord */
  GPtrArray *files;   /* JOB_ADD: the GFile of each record, or NULL */
  char      *event;
  char      *detail;
  gint64     time;
  gboolean   forget; /* JOB_WITHDRAW: whatever the status */
} Job;

/* The longest a signature request may live (§15): 10 days. */
#define SIGNET_JOURNAL_MAX_LIFETIME_MS ((gint64) 10 * 24 * 60 * 60 * 1000)

static inline gint64
signet_journal_now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* signet-journal.c */
GTask *signet_journal_job_task (SignetJournal      *self,
                                Job                *job,
                                gpointer            source_tag,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
void   signet_journal_push (SignetJournal *self, GTask *task);
void signet_journal_emit_changed (SignetJournal *self, SignetDocument *document, const char *event);
guint signet_journal_position_for_id (SignetJournal *self, gint64 id);

/* signet-journal-codes.c: the one-time codes a sender chose, kept out of
 * the journal's file; _store, _attach and _forget on the worker thread */
/* The keyring's schema of the codes: `journal` (path) and `request` (row id). */
const SecretSchema *signet_journal_codes_schema (void);
void                signet_journal_codes_split (JsonObject *body, guint round, JsonObject **codes);
gboolean            signet_journal_codes_merge (SignetDocument         *document,
                                                guint                   round,
                                                JsonObject             *body,
                                                SignetSignatureRequest *request,
                                                GError                **error);
void                signet_journal_codes_store (SignetJournal *self, SignetDocumentRecord *record);
void                signet_journal_codes_attach (SignetJournal *self, GPtrArray *records);
void                signet_journal_codes_forget (SignetJournal *self, SignetDocumentRecord *record);

/* signet-journal-db.c: on the worker thread */
void       signet_journal_db_error (sqlite3 *db, const char *what, GError **error);
gboolean   signet_journal_db_exec (sqlite3 *db, const char *sql, GError **error);
gboolean   signet_journal_db_commit (sqlite3 *db, GError **error);
gboolean   signet_journal_db_open (SignetJournal *self, GError **error);
GPtrArray *signet_journal_db_load (sqlite3 *db, GError **error);
GPtrArray *signet_journal_db_load_owned (SignetJournal *self, GError **error);
GPtrArray *signet_journal_db_adopt (SignetJournal *self, GError **error);
void       signet_journal_db_close (SignetJournal *self);
gboolean   signet_journal_db_insert_event (sqlite3    *db,
                                           gint64      request,
                                           gint64      time,
                                           const char *kind,
                                           const char *detail);
void       signet_journal_db_bind_record (sqlite3_stmt *stmt, SignetDocumentRecord *record);
gboolean   signet_journal_db_save (SignetJournal *self, Job *job, GError **error);
GPtrArray *signet_journal_db_events (SignetJournal *self, Job *job, GError **error);

/* The `deleting` events without a result: journal id → detail. */
GHashTable *signet_journal_db_deletion_intents (SignetJournal *self, GError **error);

/* signet-journal-batch.c: on the worker thread */
gboolean signet_journal_run_add (SignetJournal *self, Job *job, GError **error);
gboolean signet_journal_run_withdraw (SignetJournal *self, Job *job, GError **error);
void     signet_journal_tidy_kept (SignetJournal *self, GPtrArray *records);

/* signet-journal-origin.c: on the worker thread */
GPtrArray *signet_journal_db_origins (SignetJournal *self, Job *job, GError **error);
gboolean   signet_journal_db_filed (SignetJournal *self, Job *job, GError **error);
/* signet-journal-import.c: on the worker thread */
GPtrArray *signet_journal_run_import (SignetJournal *self, Job *job, GError **error);
gboolean   signet_journal_run_seen (SignetJournal *self, Job *job, GError **error);

/* }}} */

/* signet-journal-removed.c */
void signet_journal_db_mark_removed (sqlite3 *db, GPtrArray *documents);

G_END_DECLS
