/* signet-tracker-archive.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-tracker"

#include "config.h"

#include "signet-archive.h"
#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-evidence-export.h"
#include "signet-journal-evidence.h"
#include "signet-journal-private.h"
#include "signet-tracker-private.h"

/* A signed document is downloaded into the archive folder, the copy is
 * journalled, and only then, when asked to, the server's is deleted. */

typedef struct
{
  SignetTracker  *tracker;
  SignetDocument *document;
} ArchiveWork;

static void
archive_work_free (ArchiveWork *work)
{
  g_hash_table_remove (work->tracker->archiving, work->document);
  g_object_unref (work->tracker);
  g_object_unref (work->document);
  g_free (work);
}

static void
archive_failed (ArchiveWork *work, GError *error)
{
  /* Another desk deleted it first: not an error; a copy made stays. */
  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND)
      && signet_document_get_sent_elsewhere (work->document))
    signet_tracker_removed (work->tracker, work->document);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Archiving %s failed: %s", signet_document_get_document_id (work->document),
               error->message);
      signet_document_set_last_error (work->document, error->message);
      /* Tried again at the next round. */
      signet_tracker_save (work->tracker, work->document, "error", error->message);
    }
  g_error_free (error);
  archive_work_free (work);
}

/* {{{ The evidence, and with SignetTracker:save-evidence its files */

static void
archive_work_unref (ArchiveWork *work)
{
  g_object_unref (work->tracker);
  g_object_unref (work->document);
  g_free (work);
}

/* The evidence work of a document is over, whatever came of it. */
static void
evidence_done (ArchiveWork *work)
{
  signet_tracker_emit_evidence_recorded (work->tracker, work->document);
  archive_work_unref (work);
}

static void
evidence_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* The journal has the record; the files can be exported again. */
  if (!signet_evidence_export_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the evidence beside the archived copy: %s", error->message);
  evidence_done (user_data);
}

static void
evidence_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork   *work = user_data;
  SignetTracker *self = work->tracker;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) record
    = signet_journal_get_evidence_finish (SIGNET_JOURNAL (source), result, &error);
  JsonObject      *copy;
  const char      *path;
  g_autofree char *pdf_path = NULL;
  g_autofree char *json_path = NULL;
  g_autoptr (GFile) pdf = NULL;
  g_autoptr (GFile) json = NULL;

  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the evidence to save it: %s", error->message);
      evidence_done (work);
      return;
    }
  copy = json_object_get_object_member (json_node_get_object (record), "signedCopy");
  path = copy != NULL ? json_object_get_string_member_with_default (copy, "path", NULL) : NULL;
  if (path == NULL)
    {
      evidence_done (work);
      return;
    }
  pdf_path = signet_evidence_path_beside (path, ".evidence.pdf");
  json_path = signet_evidence_path_beside (path, ".evidence.json");
  pdf = g_file_new_for_path (pdf_path);
  json = g_file_new_for_path (json_path);
  signet_evidence_export_async (record, signet_describe_event, pdf, json, self->cancellable,
                                evidence_saved_cb, work);
}

static void
evidence_recorded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork   *work = user_data;
  SignetTracker *self = work->tracker;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) check
    = signet_journal_record_evidence_finish (SIGNET_JOURNAL (source), result, &error);

  /* The record is complete without it; the detail page checks again. */
  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not record the evidence: %s", error->message);
      evidence_done (work);
      return;
    }
  if (self->save_evidence && !g_cancellable_is_cancelled (self->cancellable))
    signet_journal_get_evidence_async (SIGNET_JOURNAL (source), work->document, self->cancellable,
                                       evidence_read_cb, work);
  else
    evidence_done (work);
}

/* Called once the "archived" or "deleted" record is in the journal, not
 * before: the evidence write saves the document as it is, and would put
 * "archived" in the journal while the record of the deletion is still
 * waiting for the next round to be written again. */
void
signet_tracker_record_evidence (SignetTracker *self, SignetDocument *document)
{
  ArchiveWork *work;

  if (self->journal == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  work = g_new0 (ArchiveWork, 1);
  work->tracker = g_object_ref (self);
  work->document = g_object_ref (document);
  signet_journal_record_evidence_async (self->journal, document, self->cancellable,
                                        evidence_recorded_cb, work);
}

/* }}} */

static void
archived_done (ArchiveWork *work, gboolean deleted)
{
  signet_document_set_last_error (work->document, NULL);
  signet_document_set_status (work->document, SIGNET_DOCUMENT_STATUS_ARCHIVED);
  signet_tracker_record (work->tracker, work->document, deleted ? "deleted" : "archived",
                         deleted ? signet_document_get_document_id (work->document)
                                 : signet_document_get_archive_path (work->document));
  archive_work_free (work);
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork *work = user_data;
  GError      *error = NULL;

  if (!signet_client_delete_document_finish (SIGNET_CLIENT (source), result, &error)
      && !g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    {
      archive_failed (work, error);
      return;
    }
  g_clear_error (&error);
  archived_done (work, TRUE);
}

/* The archive copy exists and is journalled: only now may the server's go. */
static void
after_copy (ArchiveWork *work)
{
  /* Only what this desk sent: the desk that sent a document decides. */
  if (work->tracker->delete_after_archiving && !signet_document_get_sent_elsewhere (work->document))
    signet_client_delete_document_async (work->tracker->client,
                                         signet_document_get_document_id (work->document),
                                         work->tracker->cancellable, deleted_cb, work);
  else
    archived_done (work, FALSE);
}

static void
copy_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork *work = user_data;
  GError      *error = NULL;

  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      /* A copy the journal does not know of would be made again after a
       * restart, and the server's deleted before the journal knows of
       * either: it goes, and is downloaded again at the next round while
       * the server has it. */
      g_autoptr (GFile) copy
        = g_file_new_for_path (signet_document_get_archive_path (work->document));

      g_file_delete_async (copy, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      signet_document_set_archive_path (work->document, NULL);
      archive_failed (work, error);
      return;
    }
  after_copy (work);
}

static void
copied_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork     *work = user_data;
  GError          *error = NULL;
  g_autofree char *path = signet_archive_save_finish (result, &error);

  if (path == NULL)
    {
      archive_failed (work, error);
      return;
    }
  g_debug ("Archived %s as %s", signet_document_get_document_id (work->document), path);
  signet_document_set_archive_path (work->document, path);
  signet_journal_save_async (work->tracker->journal, work->document, "downloaded", path, NULL,
                             copy_saved_cb, work);
}

static void
exists_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArchiveWork *work = user_data;
  g_autoptr (GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);

  if (info != NULL)
    after_copy (work);
  else
    {
      /* Journalled as archived but gone: fetch it again while the server
       * still has it. */
      g_autofree char *folder
        = g_path_get_dirname (signet_document_get_archive_path (work->document));
      g_autoptr (GDateTime) date = g_date_time_new_now_local ();

      signet_archive_save_async (work->tracker->client,
                                 signet_document_get_document_id (work->document), folder,
                                 signet_document_get_filename (work->document), date,
                                 work->tracker->cancellable, copied_cb, work);
    }
}

void
signet_tracker_archive (SignetTracker *self, SignetDocument *document)
{
  ArchiveWork *work;

  if (!self->online || g_hash_table_contains (self->archiving, document)
      || signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_SIGNED
      || !signet_tracker_is_mine (self, document)
      || (signet_document_get_sent_elsewhere (document) && !self->archive_elsewhere))
    return;

  work = g_new0 (ArchiveWork, 1);
  work->tracker = g_object_ref (self);
  work->document = g_object_ref (document);
  g_hash_table_add (self->archiving, document);

  if (signet_document_get_archive_path (document) != NULL)
    {
      /* A crash after the copy: check it is there, then go on. */
      g_autoptr (GFile) file = g_file_new_for_path (signet_document_get_archive_path (document));

      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, self->cancellable, exists_cb, work);
    }
  else
    {
      g_autoptr (GDateTime) date = g_date_time_new_now_local ();

      signet_archive_save_async (self->client, signet_document_get_document_id (document),
                                 self->archive_folder, signet_document_get_filename (document),
                                 date, self->cancellable, copied_cb, work);
    }
}
