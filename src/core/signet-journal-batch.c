/* signet-journal-batch.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

/* O_CLOEXEC, O_DIRECTORY and link() under -std=c11. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <unistd.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-json-private.h"
#include "signet-signature-request-private.h"

/* Adding requests, a whole batch in one transaction, with a copy of each
 * file kept in the journal's own folder until the service has it; and
 * withdrawing requests not sent yet. See docs/reliability.md. */

/* {{{ The kept copies, on the worker thread */

static char *
checksum_path (const char *path)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  if (mapped == NULL)
    return NULL;
  g_checksum_update (checksum, (const guchar *) g_mapped_file_get_contents (mapped),
                     g_mapped_file_get_length (mapped));
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
sync_path (const char *path, int flags)
{
  int      fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static void
set_keep_error (GError **error, const char *source, int saved_errno)
{
  g_autofree char *name = g_path_get_basename (source);

  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               _ ("Signet could not keep a copy of “%s” to send (%s), so nothing was sent. "
                  "Free some disk space, then send again."),
               name, g_strerror (saved_errno));
}

/* Writes all of @fd_in to @fd_out. */
static gboolean
copy_fd (int fd_in, int fd_out, int *saved_errno)
{
  char    buffer[65536];
  ssize_t n;

  while ((n = read (fd_in, buffer, sizeof buffer)) != 0)
    {
      ssize_t done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return *saved_errno = errno, FALSE;
      while (done < n)
        {
          ssize_t w = write (fd_out, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            return *saved_errno = errno, FALSE;
          done += w;
        }
    }
  return TRUE;
}

/* Keeps the bytes of @source under a new name in the kept folder: a hard
 * link where the file system allows it, else a copy written to a temporary
 * name, synced, and renamed. Returns the kept path; %NULL without @error
 * when @source cannot be read (nothing is kept, and the outbox says so);
 * %NULL with @error when the copy could not be written (none is left). */
static char *
keep_file (SignetJournal *self, const char *source, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (uuid, ".pdf", NULL);
  g_autofree char *tmp_name = g_strconcat (".", uuid, ".tmp", NULL);
  g_autofree char *path = g_build_filename (self->kept_folder, name, NULL);
  g_autofree char *tmp = g_build_filename (self->kept_folder, tmp_name, NULL);
  int              fd_in, fd_out, saved = 0;
  gboolean         ok;

  if (link (source, path) == 0)
    {
      /* The same bytes under a second name: syncing it makes sure the
       * name and the data are on the disk before the journal names it. */
      sync_path (path, O_RDONLY);
      return g_steal_pointer (&path);
    }
  if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == EACCES)
    return NULL;

  /* Another file system, or one without hard links (FAT, some shares). */
  fd_in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (fd_in < 0)
    return NULL;
  fd_out = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_out < 0)
    {
      saved = errno;
      close (fd_in);
      set_keep_error (error, source, saved);
      return NULL;
    }
  ok = copy_fd (fd_in, fd_out, &saved) && (fsync (fd_out) == 0 || (saved = errno, FALSE));
  close (fd_in);
  if (close (fd_out) != 0 && ok)
    ok = (saved = errno, FALSE);
  if (ok && g_rename (tmp, path) != 0)
    ok = (saved = errno, FALSE);
  if (!ok)
    {
      g_unlink (tmp);
      set_keep_error (error, source, saved);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
unlink_kept (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      SignetDocumentRecord *record = records->pdata[i];

      if (record->kept_path != NULL)
        g_unlink (record->kept_path);
    }
}

/* Removes the copies no pending request needs: those of requests uploaded
 * or ended while Signet was not looking, and those a crash left between
 * keeping a batch's files and committing it. */
void
signet_journal_tidy_kept (SignetJournal *self, GPtrArray *records)
{
  g_autoptr (GHashTable) needed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GDir) dir = g_dir_open (self->kept_folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  for (guint i = 0; i < records->len; i++)
    {
      SignetDocumentRecord *record = records->pdata[i];

      if (record->kept_path != NULL && g_strcmp0 (record->status, "pending") == 0)
        g_hash_table_add (needed, record->kept_path);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->kept_folder, name, NULL);

      if (!g_hash_table_contains (needed, path))
        {
          g_debug ("Dropping the kept copy %s", name);
          g_unlink (path);
        }
    }
}

/* }}} */
/* {{{ The jobs, on the worker thread */

static gboolean
insert_record (SignetJournal *self, SignetDocumentRecord *record)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *description = NULL;
  g_autofree char *desk = NULL;
  sqlite3_stmt    *stmt = NULL;
  gboolean         ok;

  /* The first round's body, for a reader of version 1. */
  if (json_parser_load_from_data (parser, record->plan, -1, NULL))
    description = json_to_string (
      json_array_get_element (json_node_get_array (json_parser_get_root (parser)), 0), FALSE);

  ok
    = sqlite3_prepare_v2 (self->db,
                          "INSERT INTO requests (signature_request_id, document_id, environment, "
                          "filename, original_path, checksum, plan, round, n_rounds, signing_url, "
                          "expiration, state, status, archive_path, last_error, created, modified, "
                          "kept_path, origin, last_seen, description) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL)
      == SQLITE_OK;
  if (ok)
    {
      signet_journal_db_bind_record (stmt, record);
      sqlite3_bind_text (stmt, 21, description, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;
  record->id = sqlite3_last_insert_rowid (self->db);
  /* Which desk sent it, for the evidence record (docs/evidence.md). */
  desk = g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ());
  return signet_journal_db_insert_event (self->db, record->id, record->created, "journalled", desk);
}

/* Keeps every file, then writes every request in one transaction: after a
 * crash the journal has all of the batch or none of it, and every request
 * it has has its file. */
gboolean
signet_journal_run_add (SignetJournal *self, Job *job, GError **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];
      GFile                *file = job->files->pdata[i];
      g_autofree char      *source = file != NULL ? g_file_get_path (file) : NULL;

      if (source == NULL)
        continue;
      if (g_mkdir_with_parents (self->kept_folder, 0700) != 0)
        {
          set_keep_error (error, source, errno);
          unlink_kept (job->records);
          return FALSE;
        }
      record->kept_path = keep_file (self, source, error);
      if (record->kept_path == NULL && error != NULL && *error != NULL)
        {
          unlink_kept (job->records);
          return FALSE;
        }
      /* The bytes that will be sent: the copy's, or the file's for a
       * source that cannot be read (the outbox then says so). */
      record->checksum = checksum_path (record->kept_path != NULL ? record->kept_path : source);
    }
  if (job->records->len > 0)
    sync_path (self->kept_folder, O_RDONLY | O_DIRECTORY);

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    {
      unlink_kept (job->records);
      return FALSE;
    }
  for (guint i = 0; ok && i < job->records->len; i++)
    ok = insert_record (self, job->records->pdata[i]);
  if (!ok)
    {
      signet_journal_db_error (self->db, "add a request", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      unlink_kept (job->records);
      return FALSE;
    }
  if (!signet_journal_db_commit (self->db, error))
    {
      unlink_kept (job->records);
      return FALSE;
    }
  for (guint i = 0; i < job->records->len; i++)
    signet_journal_codes_store (self, job->records->pdata[i]);
  return TRUE;
}

/* Deletes the requests of @job that are still pending, in one
 * transaction; marks those it deleted with the status "withdrawn". */
gboolean
signet_journal_run_withdraw (SignetJournal *self, Job *job, GError **error)
{
  gboolean ok = TRUE;

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; ok && i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];
      sqlite3_stmt         *stmt = NULL;

      ok = sqlite3_prepare_v2 (self->db,
                               "DELETE FROM requests WHERE id = ? AND (status = 'pending' OR ?)",
                               -1, &stmt, NULL)
           == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, record->id);
          sqlite3_bind_int (stmt, 2, job->forget);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      if (ok && sqlite3_changes (self->db) == 1)
        {
          g_free (record->status);
          record->status = g_strdup ("withdrawn");
        }
      sqlite3_finalize (stmt);
    }
  if (!ok)
    {
      signet_journal_db_error (self->db, "withdraw a request", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!signet_journal_db_commit (self->db, error))
    return FALSE;
  for (guint i = 0; i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];

      if (g_strcmp0 (record->status, "withdrawn") != 0)
        continue;
      if (record->kept_path != NULL)
        g_unlink (record->kept_path);
      signet_journal_codes_forget (self, record);
    }
  return TRUE;
}

/* }}} */
/* {{{ The main thread */

static void
unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
job_set_batch (Job *job)
{
  job->records = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  job->files = g_ptr_array_new_with_free_func (unref0);
}

/* The record of a new pending request, or %NULL with @error. */
static SignetDocumentRecord *
new_record (const char                    *environment,
            SignetSignatureRequest *const *rounds,
            guint                          n_rounds,
            gint64                         created,
            GError                       **error)
{
  g_autoptr (JsonArray) plan = NULL;
  g_autoptr (JsonNode) plan_node = NULL;
  g_autoptr (JsonObject) codes = NULL;
  SignetDocumentRecord *record;
  GDateTime            *expiration;
  GFile                *file;

  file = signet_signature_request_get_file (rounds[0]);
  if ((file == NULL) == (signet_signature_request_get_document_id (rounds[0]) == NULL))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("A signature request needs either a new file or a stored document. "
                              "Choose one document and try again."));
      return NULL;
    }
  plan = json_array_new ();
  for (guint i = 0; i < n_rounds; i++)
    {
      /* An empty content keeps `filedata.state`; the file itself is not
       * part of the plan. */
      g_autoptr (JsonNode) body
        = signet_signature_request_to_json (rounds[i], NULL, i == 0 ? "" : NULL);
      JsonObject *filedata = signet_json_object_member (json_node_get_object (body), "filedata");

      if (filedata != NULL)
        json_object_remove_member (filedata, "content");
      signet_journal_codes_split (json_node_get_object (body), i, &codes);
      json_array_add_element (plan, g_steal_pointer (&body));
    }
  plan_node = json_node_init_array (json_node_alloc (), plan);

  record = g_new0 (SignetDocumentRecord, 1);
  record->signature_request_id
    = g_strdup (signet_signature_request_get_signature_request_id (rounds[0]));
  record->document_id = g_strdup (signet_signature_request_get_document_id (rounds[0]));
  record->environment = g_strdup (environment);
  record->filename = g_strdup (signet_signature_request_get_filename (rounds[0]));
  if (file != NULL)
    {
      record->original_path = g_file_get_path (file);
      if (record->filename == NULL)
        record->filename = g_file_get_basename (file);
    }
  if (record->filename == NULL)
    record->filename = g_strdup (record->document_id);
  record->plan = json_to_string (plan_node, FALSE);
  if (codes != NULL)
    {
      g_autoptr (JsonNode) codes_node = json_node_init_object (json_node_alloc (), codes);

      record->chosen_codes = json_to_string (codes_node, FALSE);
    }
  record->n_rounds = n_rounds;
  expiration = signet_signature_request_get_expiration (rounds[0]);
  if (expiration != NULL)
    record->expiration = g_date_time_to_unix (expiration) * 1000;
  record->status = g_strdup (signet_document_status_to_string (record->document_id != NULL
                                                                 ? SIGNET_DOCUMENT_STATUS_UPLOADED
                                                                 : SIGNET_DOCUMENT_STATUS_PENDING));
  /* One time for the whole batch: it tells the batch's requests apart
   * when the outbox resumes one. */
  record->created = record->modified = created;
  return record;
}

static void
added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetJournal *self = SIGNET_JOURNAL (source);
  Job           *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GPtrArray) documents = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  documents = g_ptr_array_new_full (job->records->len, g_object_unref);
  for (guint i = 0; i < job->records->len; i++)
    g_ptr_array_add (documents, signet_document_new_from_record (job->records->pdata[i]));
  if (self->documents != NULL)
    g_list_store_splice (self->documents, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                         0, documents->pdata, documents->len);
  for (guint i = 0; i < documents->len; i++)
    signet_journal_emit_changed (self, documents->pdata[i], "journalled");
  g_task_return_pointer (task, g_steal_pointer (&documents), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * signet_journal_add_batch_async:
 * @self: a #SignetJournal
 * @environment: the id of the environment the requests go to
 * @batch: (element-type GPtrArray): for each request, a #GPtrArray of the
 *   #SignetSignatureRequest of each round, as signet_journal_add_async()
 *   takes them
 * @cancellable: (nullable): a #GCancellable; once asked for, the batch is
 *   written anyway
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes every request of @batch as pending, in one transaction, before
 * anything is sent, with a copy of each file kept in the journal's folder
 * until the service has it: all of the batch is journalled, or none. Fails
 * (writing nothing) when a copy cannot be kept, for example on a full disk.
 */
void
signet_journal_add_batch_async (SignetJournal      *self,
                                const char         *environment,
                                GPtrArray          *batch,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  gint64 created = signet_journal_now_ms ();
  GTask *outer;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (environment != NULL);
  g_return_if_fail (batch != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_add_batch_async);

  job = g_new0 (Job, 1);
  job->kind = JOB_ADD;
  job_set_batch (job);
  for (guint i = 0; i < batch->len; i++)
    {
      GPtrArray            *rounds = batch->pdata[i];
      GError               *error = NULL;
      SignetDocumentRecord *record;

      g_return_if_fail (rounds != NULL && rounds->len > 0);
      record = new_record (environment, (SignetSignatureRequest *const *) rounds->pdata,
                           rounds->len, created, &error);
      if (record == NULL)
        {
          g_task_return_error (outer, error);
          g_object_unref (outer);
          g_clear_pointer (&job->records, g_ptr_array_unref);
          g_clear_pointer (&job->files, g_ptr_array_unref);
          g_free (job);
          return;
        }
      g_ptr_array_add (job->records, record);
      g_ptr_array_add (job->files,
                       signet_signature_request_get_file (rounds->pdata[0]) != NULL
                         ? g_object_ref (signet_signature_request_get_file (rounds->pdata[0]))
                         : NULL);
    }
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_add_batch_async, added_cb, outer));
}

/**
 * signet_journal_add_batch_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   journalled documents, in the order of the batch, also in the model
 */
GPtrArray *
signet_journal_add_batch_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
added_one_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) documents
    = signet_journal_add_batch_finish (SIGNET_JOURNAL (source), result, &error);

  if (documents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (documents->pdata[0]), g_object_unref);
}

/**
 * signet_journal_add_async:
 * @self: a #SignetJournal
 * @environment: the id of the environment the request goes to
 * @rounds: (array length=n_rounds): the request of each round; the first
 *   names the file, the others are sent for the stored document
 * @n_rounds: how many rounds, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes a new pending request, before anything is sent: a batch of one
 * (see signet_journal_add_batch_async()). The signature request ids of all
 * rounds are the ones in @rounds, so that a retry after a crash sends the
 * same ones again.
 */
void
signet_journal_add_async (SignetJournal                 *self,
                          const char                    *environment,
                          SignetSignatureRequest *const *rounds,
                          guint                          n_rounds,
                          GCancellable                  *cancellable,
                          GAsyncReadyCallback            callback,
                          gpointer                       user_data)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *round_array = g_ptr_array_new ();
  GTask     *outer;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (rounds != NULL && n_rounds > 0);

  for (guint i = 0; i < n_rounds; i++)
    g_ptr_array_add (round_array, rounds[i]);
  g_ptr_array_add (batch, round_array);
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_add_async);
  signet_journal_add_batch_async (self, environment, batch, NULL, added_one_cb, outer);
}

/**
 * signet_journal_add_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the journalled document, also in the model
 */
SignetDocument *
signet_journal_add_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
withdrawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetJournal *self = SIGNET_JOURNAL (source);
  Job           *job = g_task_get_task_data (G_TASK (result));
  GPtrArray     *documents = g_task_get_task_data (task);
  g_autoptr (GPtrArray) withdrawn = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->records->len; i++)
    {
      SignetDocumentRecord *record = job->records->pdata[i];
      SignetDocument       *document = documents->pdata[i];
      guint                 position;

      if (g_strcmp0 (record->status, "withdrawn") != 0)
        continue;
      g_ptr_array_add (withdrawn, g_object_ref (document));
      /* Not sent and not in the journal any more: nobody may send it. */
      signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_CANCELED);
      if (self->documents != NULL && g_list_store_find (self->documents, document, &position))
        g_list_store_remove (self->documents, position);
      signet_journal_emit_changed (self, document, "withdrawn");
    }
  g_task_return_pointer (task, g_steal_pointer (&withdrawn), (GDestroyNotify) g_ptr_array_unref);
}

/* With @forget, whatever the documents' status. */
static void
withdraw (SignetJournal      *self,
          GPtrArray          *documents,
          gboolean            forget,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  GTask *outer;
  Job   *job;

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_withdraw_async);
  g_task_set_task_data (outer, g_ptr_array_ref (documents), (GDestroyNotify) g_ptr_array_unref);
  job = g_new0 (Job, 1);
  job->kind = JOB_WITHDRAW;
  job->forget = forget;
  job_set_batch (job);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (job->records, signet_document_to_record (documents->pdata[i]));
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_withdraw_async, withdrawn_cb, outer));
}

/**
 * signet_journal_withdraw_async:
 * @self: a #SignetJournal
 * @documents: (element-type SignetDocument): documents of this journal
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Takes back the requests of @documents that are still pending in the
 * journal (nothing of them was sent, or at most their upload is on its
 * way): in one transaction they leave the journal and the model, and their
 * kept copies are removed. Whoever sends must not be sending them; see
 * signet_sync_withdraw_async().
 */
void
signet_journal_withdraw_async (SignetJournal      *self,
                               GPtrArray          *documents,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (documents != NULL);

  withdraw (self, documents, FALSE, callback, user_data);
}

/**
 * signet_journal_forget_async:
 * @self: a #SignetJournal
 * @documents: (element-type SignetDocument): documents of this journal
 * @callback: called when done; finish with signet_journal_withdraw_finish()
 * @user_data: data for @callback
 *
 * As signet_journal_withdraw_async(), but whatever their status: the
 * documents and their history leave the journal (the reset of the built-in
 * sandbox, whose server side is gone). Files in the archive stay.
 */
void
signet_journal_forget_async (SignetJournal      *self,
                             GPtrArray          *documents,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (documents != NULL);

  withdraw (self, documents, TRUE, callback, user_data);
}

/**
 * signet_journal_withdraw_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   documents withdrawn
 */
GPtrArray *
signet_journal_withdraw_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dropped_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* A copy left behind is removed at the next start. */
  if (!g_file_delete_finish (G_FILE (source), result, &error))
    g_debug ("The kept copy stays until the next start: %s", error->message);
}

void
signet_journal_drop_kept_file (SignetDocument *document)
{
  g_autoptr (GFile) file = NULL;

  if (signet_document_get_kept_path (document) == NULL)
    return;
  file = g_file_new_for_path (signet_document_get_kept_path (document));
  g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, dropped_cb, NULL);
}

/* }}} */
