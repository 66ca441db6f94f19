/* signet-journal-import.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <sqlite3.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-task-util.h"

/* Documents imported from the account's lists (sent from another desk or
 * the web app), written in one transaction per batch, and the time the
 * server's lists last had each document. See docs/shared-account.md. */

/* How many imported documents go into the model per main-loop iteration:
 * small enough that the sorted and filtered models above it stay well
 * under a frame. */
#define SPLICE_CHUNK 200

/* {{{ On the worker thread */

/* Inserts each record unless the journal already has its document (sent
 * here, or imported before, maybe by a run that was killed), in one
 * transaction for the whole batch, and makes the #SignetDocument of each
 * inserted one here too: the main thread only splices them in. */
GPtrArray *
signet_journal_run_import (SignetJournal *self, Job *job, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean      ok;

  GPtrArray *documents;

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return NULL;
  ok = sqlite3_prepare_v2 (
         self->db,
         "INSERT OR IGNORE INTO requests (signature_request_id, document_id, environment, "
         "filename, original_path, checksum, plan, round, n_rounds, signing_url, "
         "expiration, state, status, archive_path, last_error, created, modified, "
         "kept_path, origin, last_seen, description) "
         "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}' "
         "WHERE NOT EXISTS (SELECT 1 FROM requests WHERE document_id = ?2 AND environment = ?3)",
         -1, &stmt, NULL)
       == SQLITE_OK;
  for (guint i = 0; ok && i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      signet_journal_db_bind_record (stmt, record);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (ok && sqlite3_changes (self->db) == 1)
        {
          record->id = sqlite3_last_insert_rowid (self->db);
          ok = signet_journal_db_insert_event (self->db, record->id, record->modified, "imported",
                                               record->state);
        }
      else
        record->id = 0;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    {
      signet_journal_db_error (self->db, "import documents", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return NULL;
    }
  if (!signet_journal_db_commit (self->db, error))
    return NULL;

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];

      if (record->id > 0)
        g_ptr_array_add (documents, signet_document_new_from_record (record));
    }
  return documents;
}

/* Writes the last-seen time of each record (id and last_seen only). */
gboolean
signet_journal_run_seen (SignetJournal *self, Job *job, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean      ok;

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = sqlite3_prepare_v2 (self->db, "UPDATE requests SET last_seen = ? WHERE id = ?", -1, &stmt,
                           NULL)
       == SQLITE_OK;
  for (guint i = 0; ok && i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, record->last_seen);
      sqlite3_bind_int64 (stmt, 2, record->id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    {
      signet_journal_db_error (self->db, "note when documents were seen", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  return signet_journal_db_commit (self->db, error);
}

/* }}} */
/* {{{ On the main thread */

typedef struct
{
  SignetJournal *journal;
  GPtrArray     *documents; /* SignetDocument, made on the worker thread */
  guint          next;
} Splice;

static void
splice_free (Splice *splice)
{
  g_object_unref (splice->journal);
  g_ptr_array_unref (splice->documents);
  g_free (splice);
}

/* Puts the next chunk into the model; the task returns once all are in. */
static gboolean
splice_chunk_cb (gpointer user_data)
{
  GTask         *task = user_data;
  Splice        *splice = g_task_get_task_data (task);
  SignetJournal *self = splice->journal;
  guint          n = MIN (SPLICE_CHUNK, splice->documents->len - splice->next);

  if (self->documents != NULL && n > 0)
    {
      gpointer *chunk = splice->documents->pdata + splice->next;

      /* After the documents up to its ids: a batch journalled between two
       * chunks, or the next import's chunks, were put at the end. */
      g_list_store_splice (
        self->documents,
        signet_journal_position_for_id (self, signet_document_get_journal_id (chunk[n - 1])), 0,
        chunk, n);
    }
  splice->next += n;
  if (splice->next < splice->documents->len)
    return G_SOURCE_CONTINUE;
  g_task_return_pointer (task, g_ptr_array_ref (splice->documents),
                         (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

static void
imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask         *task = user_data;
  SignetJournal *self = SIGNET_JOURNAL (source);
  GError        *error = NULL;
  GPtrArray     *documents = g_task_propagate_pointer (G_TASK (result), &error);
  Splice        *splice;

  if (documents == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  splice = g_new0 (Splice, 1);
  splice->journal = g_object_ref (self);
  splice->documents = documents;
  g_task_set_task_data (task, splice, (GDestroyNotify) splice_free);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, splice_chunk_cb, task, g_object_unref);
}

/**
 * signet_journal_import_async:
 * @self: an open #SignetJournal
 * @records: (transfer full) (element-type SignetDocumentRecord): the
 *   documents to import, with origin "elsewhere"
 * @callback: called when written and in the model
 * @user_data: data for @callback
 *
 * Writes the documents the journal does not know yet (by document id and
 * environment) in one transaction on the journal's thread, then adds them
 * to the model a chunk per main-loop iteration.
 */
void
signet_journal_import_async (SignetJournal      *self,
                             GPtrArray          *records,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *outer;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_import_async);
  job = g_new0 (Job, 1);
  job->kind = JOB_IMPORT;
  job->records = records;
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_import_async, imported_cb, outer));
}

/**
 * signet_journal_import_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   documents added, now in the model
 */
GPtrArray *
signet_journal_import_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_journal_save_seen_async:
 * @self: an open #SignetJournal
 * @documents: (element-type SignetDocument): documents of this journal
 * @callback: (nullable): called when written
 * @user_data: data for @callback
 *
 * Writes the last-seen time of each of @documents, in one transaction.
 */
void
signet_journal_save_seen_async (SignetJournal      *self,
                                GPtrArray          *documents,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  Job *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_SEEN;
  job->records
    = g_ptr_array_new_full (documents->len, (GDestroyNotify) signet_document_record_free);
  for (guint i = 0; i < documents->len; i++)
    {
      SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);

      record->id = signet_document_get_journal_id (documents->pdata[i]);
      record->last_seen = signet_document_get_last_seen (documents->pdata[i]);
      g_ptr_array_add (job->records, record);
    }
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_save_seen_async, callback, user_data));
}

/* }}} */
