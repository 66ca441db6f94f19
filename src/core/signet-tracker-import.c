/* signet-tracker-import.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-tracker"

#include "config.h"

#include "signet-document-info.h"
#include "signet-document-private.h"
#include "signet-journal-private.h"
#include "signet-tracker-private.h"

/* The account's documents this journal does not know (sent from another
 * desk, the web app or another integration) come in from the lists a
 * full round asks for anyway: no request is added for them, whatever
 * their number. Each batch is one transaction on the journal's thread and
 * goes into the model a chunk at a time (signet-journal-import.c). The
 * time the lists last had each known document is noted too.
 * docs/shared-account.md has the rules. */

/* Documents per transaction: a kill loses at most the batch being written,
 * which the next round imports again. */
#define IMPORT_BATCH 500

/* The status a document imported in @state starts in. */
static SignetDocumentStatus
status_for_state (SignetDocumentState state)
{
  switch (state)
    {
      case SIGNET_DOCUMENT_STATE_SIGNED:
        return SIGNET_DOCUMENT_STATUS_SIGNED;
      case SIGNET_DOCUMENT_STATE_CANCELED:
        return SIGNET_DOCUMENT_STATUS_CANCELED;
      case SIGNET_DOCUMENT_STATE_ERRORSENDINFO:
        return SIGNET_DOCUMENT_STATUS_FAILED;
      default:
        return SIGNET_DOCUMENT_STATUS_OPEN;
    }
}

static gint64
date_ms (GDateTime *date, gint64 fallback)
{
  return date != NULL
           ? g_date_time_to_unix (date) * 1000 + g_date_time_get_microsecond (date) / 1000
           : fallback;
}

static SignetDocumentRecord *
record_for_info (const char *environment, gint64 seen, SignetDocumentInfo *info)
{
  SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);
  const char           *id = signet_document_info_get_id (info);
  const char           *filename = signet_document_info_get_filename (info);
  SignetDocumentState   state = signet_document_info_get_state (info);
  gint64                now = signet_journal_now_ms ();

  /* The service does not say which signature request a listed document
   * belongs to; the journal's column must be unique, so this names the
   * document instead (and makes a second import of it impossible). */
  record->signature_request_id = g_strconcat ("elsewhere:", environment, ":", id, NULL);
  record->document_id = g_strdup (id);
  record->environment = g_strdup (environment);
  record->filename = g_strdup (filename != NULL && filename[0] != '\0' ? filename : id);
  record->n_rounds = 1;
  record->state = g_strdup (signet_document_state_to_string (state));
  record->status = g_strdup (signet_document_status_to_string (status_for_state (state)));
  record->created = date_ms (signet_document_info_get_created (info), now);
  record->modified = now;
  record->origin = g_strdup ("elsewhere");
  record->last_seen = seen;
  return record;
}

static void
imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetTracker) self = user_data;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;

  self->n_importing--;
  documents = signet_journal_import_finish (SIGNET_JOURNAL (source), result, &error);
  /* Disposed meanwhile: nothing is archived any more. */
  if (self->journal == NULL)
    return;
  if (documents == NULL)
    {
      /* Imported again at the next round. */
      g_debug ("Importing documents failed: %s", error->message);
      return;
    }
  g_debug ("Imported %u documents sent elsewhere", documents->len);
  self->n_imported += documents->len;
  for (guint i = 0; i < documents->len; i++)
    signet_tracker_archive (self, documents->pdata[i]);
  if (self->n_importing == 0)
    g_signal_emit_by_name (self, "imported", self->n_imported);
}

static int
compare_created (gconstpointer a, gconstpointer b)
{
  const SignetDocumentRecord *ra = *(SignetDocumentRecord *const *) a;
  const SignetDocumentRecord *rb = *(SignetDocumentRecord *const *) b;

  if (ra->created != rb->created)
    return ra->created < rb->created ? -1 : 1;
  return g_strcmp0 (ra->document_id, rb->document_id);
}

static void
seen_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* Only a time: the next round writes it again. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not note when documents were seen: %s", error->message);
}

/* What the lists had that the journal does not know, worked out on a
 * worker thread (thousands of documents at the first import). */
typedef struct
{
  char       *environment;
  gint64      seen;
  GHashTable *infos; /* document id → SignetDocumentInfo */
  GHashTable *known; /* document ids */
} Diff;

static void
diff_free (Diff *diff)
{
  g_free (diff->environment);
  g_hash_table_unref (diff->infos);
  g_hash_table_unref (diff->known);
  g_free (diff);
}

static void
diff_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Diff      *diff = task_data;
  GPtrArray *records
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  GHashTableIter iter;
  gpointer       id, info;

  g_hash_table_iter_init (&iter, diff->infos);
  while (g_hash_table_iter_next (&iter, &id, &info))
    if (!g_hash_table_contains (diff->known, id))
      g_ptr_array_add (records, record_for_info (diff->environment, diff->seen, info));
  /* Oldest first, as the journal keeps what was sent here. */
  g_ptr_array_sort (records, compare_created);
  /* Thousands of objects: freed here rather than on the main thread. */
  g_hash_table_remove_all (diff->infos);
  g_hash_table_remove_all (diff->known);
  g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

static void
diff_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetTracker *self = SIGNET_TRACKER (source);
  g_autoptr (GPtrArray) all = g_task_propagate_pointer (G_TASK (result), NULL);

  self->n_importing--;
  if (all == NULL || all->len == 0 || self->journal == NULL)
    return;

  self->n_imported = 0;
  for (guint start = 0; start < all->len; start += IMPORT_BATCH)
    {
      guint      end = MIN (start + IMPORT_BATCH, all->len);
      GPtrArray *records
        = g_ptr_array_new_full (end - start, (GDestroyNotify) signet_document_record_free);

      for (guint i = start; i < end; i++)
        g_ptr_array_add (records, g_steal_pointer (&all->pdata[i]));
      self->n_importing++;
      signet_journal_import_async (self->journal, records, imported_cb, g_object_ref (self));
    }
}

/* Called once a full round has judged every document: writes when the
 * lists last had each known document, and imports the others. */
void
signet_tracker_import (SignetTracker *self)
{
  g_autoptr (GTask) task = NULL;
  Diff *diff;

  if (self->seen->len > 0)
    {
      signet_journal_save_seen_async (self->journal, self->seen, seen_saved_cb, NULL);
      g_ptr_array_set_size (self->seen, 0);
    }

  /* A request of this desk on its way may be on the server before the
   * journal has its document id: nothing is imported until it has. */
  if (self->sending || self->n_importing > 0 || g_hash_table_size (self->infos) == 0)
    {
      g_hash_table_remove_all (self->infos);
      g_hash_table_remove_all (self->known);
      return;
    }

  diff = g_new0 (Diff, 1);
  diff->environment = g_strdup (self->environment);
  diff->seen = self->round_started;
  diff->infos = g_steal_pointer (&self->infos);
  diff->known = g_steal_pointer (&self->known);
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->n_importing++;
  task = g_task_new (self, NULL, diff_done_cb, NULL);
  g_task_set_source_tag (task, signet_tracker_import);
  g_task_set_task_data (task, diff, (GDestroyNotify) diff_free);
  g_task_run_in_thread (task, diff_thread);
}
