/* signet-journal-origin.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <sqlite3.h>

#include "signet-journal-origin.h"
#include "signet-journal-private.h"

/* The journal's side of the watched folder (docs/watched-folder.md). A
 * file in the folder was sent once the journal has a request with its
 * path and checksum and no `filed` event: then the watched folder waits
 * for that request instead of sending the file again, whichever running
 * Signet owns it. */

#define ORIGIN_SQL                                                                                 \
  "SELECT r.id, r.status, r.signing_url, r.last_error, "                                           \
  "COALESCE ((SELECT MIN (e.time) FROM events e WHERE e.request = r.id "                           \
  "           AND e.kind IN ('created', 'recovered')), r.created) "                                \
  "FROM requests r WHERE r.original_path = ?1 AND r.checksum = ?2 "                                \
  "AND NOT EXISTS (SELECT 1 FROM events f WHERE f.request = r.id AND f.kind = 'filed') "           \
  "ORDER BY r.id DESC LIMIT 1"

/* On the journal's thread: for each record of @job (its original_path
 * and checksum), a record with the id (0: none), status, signing URL,
 * last error and the time the request was created of the newest match. */
GPtrArray *
signet_journal_db_origins (SignetJournal *self, Job *job, GError **error)
{
  g_autoptr (GPtrArray) found
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, ORIGIN_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      signet_journal_db_error (self->db, "find a file’s request", error);
      return NULL;
    }
  for (guint i = 0; i < job->records->len; i++)
    {
      SignetDocumentRecord *origin = job->records->pdata[i];
      SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);
      int                   rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, origin->original_path, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, origin->checksum, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const unsigned char *status = sqlite3_column_text (stmt, 1);
          const unsigned char *url = sqlite3_column_text (stmt, 2);
          const unsigned char *last_error = sqlite3_column_text (stmt, 3);

          record->id = sqlite3_column_int64 (stmt, 0);
          record->status = g_strdup ((const char *) status);
          record->signing_url = g_strdup ((const char *) url);
          record->last_error = g_strdup ((const char *) last_error);
          record->created = sqlite3_column_int64 (stmt, 4);
        }
      else if (rc != SQLITE_DONE)
        {
          g_ptr_array_add (found, record);
          sqlite3_finalize (stmt);
          signet_journal_db_error (self->db, "find a file’s request", error);
          return NULL;
        }
      g_ptr_array_add (found, record);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&found);
}

/* On the journal's thread: the `filed` event of job->record->id. An event
 * only, so it may be written for a request another Signet owns. */
gboolean
signet_journal_db_filed (SignetJournal *self, Job *job, GError **error)
{
  if (!signet_journal_db_insert_event (self->db, job->record->id, job->time, "filed", job->detail))
    {
      signet_journal_db_error (self->db, "note that a file was filed", error);
      return FALSE;
    }
  return TRUE;
}

/**
 * signet_journal_find_origins_async:
 * @self: a #SignetJournal
 * @origins: (element-type SignetDocumentRecord): records with only
 *   original_path and checksum set
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds, among every request of the journal (whoever owns it), the one
 * made from each file that was not filed away yet.
 */
void
signet_journal_find_origins_async (SignetJournal      *self,
                                   GPtrArray          *origins,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  Job *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (origins != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_ORIGINS;
  job->records = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  for (guint i = 0; i < origins->len; i++)
    {
      SignetDocumentRecord *origin = origins->pdata[i];
      SignetDocumentRecord *copy = g_new0 (SignetDocumentRecord, 1);

      copy->original_path = g_strdup (origin->original_path);
      copy->checksum = g_strdup (origin->checksum);
      g_ptr_array_add (job->records, copy);
    }
  signet_journal_push (self, signet_journal_job_task (self, job, signet_journal_find_origins_async,
                                                      callback, user_data));
}

/**
 * signet_journal_find_origins_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocumentRecord): one
 *   record for each origin, in their order: id 0 when the journal has no
 *   request from that file, else its id, status, signing URL, last error
 *   and the time the service created it (created)
 */
GPtrArray *
signet_journal_find_origins_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_journal_mark_filed_async:
 * @self: a #SignetJournal
 * @journal_id: the request's journal id
 * @detail: where the file went (`sent` or `failed`)
 * @callback: called when written
 * @user_data: data for @callback
 *
 * Writes the `filed` event: the file the request was made from has left
 * the watched folder, so the same file dropped again is a new request.
 */
void
signet_journal_mark_filed_async (SignetJournal      *self,
                                 gint64              journal_id,
                                 const char         *detail,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Job *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_FILED;
  job->record = g_new0 (SignetDocumentRecord, 1);
  job->record->id = journal_id;
  job->detail = g_strdup (detail);
  job->time = signet_journal_now_ms ();
  signet_journal_push (self, signet_journal_job_task (self, job, signet_journal_mark_filed_async,
                                                      callback, user_data));
}

gboolean
signet_journal_mark_filed_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
