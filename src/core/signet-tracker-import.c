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
record_for_info (SignetTracker *self, SignetDocumentInfo *info)
{
  SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);
  const char           *id = signet_document_info_get_id (info);
  const char           *filename = signet_document_info_get_filename (info);
  SignetDocumentState   state = signet_document_info_get_state (info);
  gint64                now = signet_journal_now_ms ();

  /* The service does not say which signature request a listed document
   * belongs to; the journal's column must be unique, so this names the
   * document instead (and makes a second import of it impossible). */
  record->signature_request_id = g_strconcat ("elsewhere:", self->environment, ":", id, NULL);
  record->document_id = g_strdup (id);
  record->environment = g_strdup (self->environment);
  record->filename = g_strdup (filename != NULL && filename[0] != '\0' ? filename : id);
  record->n_rounds = 1;
  record->state = g_strdup (signet_document_state_to_string (state));
  record->status = g_strdup (signet_document_status_to_string (status_for_state (state)));
  record->created = date_ms (signet_document_info_get_created (info), now);
  record->modified = now;
  record->origin = g_strdup ("elsewhere");
  record->last_seen = self->round_started;
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

/* Called once a full round has every list, before the documents are
 * judged: notes when the lists had each known document, and imports the
 * others. */
void
signet_tracker_import (SignetTracker *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);
  g_autoptr (GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) all = NULL;
  gboolean       sending = FALSE;
  GHashTableIter iter;
  gpointer       id, info;

  for (guint i = 0; i < n; i++)
    {
      SignetDocument *document = g_list_model_get_item (documents, i);
      const char     *document_id = signet_document_get_document_id (document);

      if (!signet_tracker_is_mine (self, document))
        {
          g_object_unref (document);
          continue;
        }
      if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_PENDING)
        sending = TRUE;
      if (document_id == NULL)
        {
          g_object_unref (document);
          continue;
        }
      g_hash_table_add (known, (gpointer) document_id);
      if (g_hash_table_contains (self->infos, document_id))
        {
          signet_document_set_last_seen (document, self->round_started);
          g_ptr_array_add (seen, document);
        }
      else
        g_object_unref (document);
    }
  if (seen->len > 0)
    signet_journal_save_seen_async (self->journal, seen, seen_saved_cb, NULL);

  /* A request of this desk on its way may be on the server before the
   * journal has its document id: nothing is imported until it has. */
  if (sending || self->n_importing > 0)
    return;

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  g_hash_table_iter_init (&iter, self->infos);
  while (g_hash_table_iter_next (&iter, &id, &info))
    if (!g_hash_table_contains (known, id))
      g_ptr_array_add (all, record_for_info (self, info));
  if (all->len == 0)
    return;

  /* Oldest first, as the journal keeps what was sent here. */
  g_ptr_array_sort (all, compare_created);
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
