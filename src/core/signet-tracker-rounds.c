/* signet-tracker-rounds.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-tracker"

#include "config.h"

#include "signet-document-info.h"
#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-evidence.h"
#include "signet-journal-private.h"
#include "signet-tracker-private.h"

#define MAX_BACKOFF_MS      (10 * 60 * 1000)
#define ROUND_STATES_LENGTH 6

/* The order documents move in (§7): a document that changes during the
 * round shows up in a later list. */
static const SignetDocumentState round_states[ROUND_STATES_LENGTH] = {
  SIGNET_DOCUMENT_STATE_TAGS,   SIGNET_DOCUMENT_STATE_TOSTAMP,  SIGNET_DOCUMENT_STATE_TOSIGN,
  SIGNET_DOCUMENT_STATE_SIGNED, SIGNET_DOCUMENT_STATE_CANCELED, SIGNET_DOCUMENT_STATE_ERRORSENDINFO,
};

static gboolean
is_tracked (SignetTracker *self, SignetDocument *document)
{
  return signet_tracker_is_mine (self, document)
         && signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_OPEN;
}

/* A document sent elsewhere that a full round looks for after it ended
 * here, so that this desk hears when the desk that sent it deletes it. */
static gboolean
is_watched (SignetTracker *self, SignetDocument *document)
{
  SignetDocumentStatus status = signet_document_get_status (document);

  return signet_tracker_is_mine (self, document) && signet_document_get_sent_elsewhere (document)
         && status != SIGNET_DOCUMENT_STATUS_OPEN && status != SIGNET_DOCUMENT_STATUS_REMOVED
         && status != SIGNET_DOCUMENT_STATUS_VANISHED;
}

/* {{{ Recording what happened */

/* One write of the journal, kept when it failed: the document says why
 * (its last error, which the window shows) and the write is asked again
 * at the next round, with the document as it is by then. A restart
 * redoes the steps the journal does not have. */
struct _SignetTrackerRecord
{
  SignetTracker  *tracker; /* a reference only while it is written */
  gboolean        queued;
  SignetDocument *document;
  char           *event;
  char           *detail;
  char           *told; /* the last error this set, or NULL */
};

void
signet_tracker_record_free (SignetTrackerRecord *record)
{
  if (!record->queued)
    g_object_unref (record->tracker);
  g_object_unref (record->document);
  g_free (record->event);
  g_free (record->detail);
  g_free (record->told);
  g_free (record);
}

static void save_record (SignetTrackerRecord *record);

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetTrackerRecord *record = user_data;
  SignetTracker       *tracker = record->tracker;
  g_autoptr (GError) error = NULL;

  if (signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      /* The archive is recorded: now its signature check (docs/evidence.md). */
      if (g_strcmp0 (record->event, "archived") == 0 || g_strcmp0 (record->event, "deleted") == 0)
        signet_tracker_record_evidence (tracker, record->document);
      signet_tracker_record_free (record);
      return;
    }
  g_debug ("Writing %s of %s failed, kept for the next round: %s", record->event,
           signet_document_get_signature_request_id (record->document), error->message);
  signet_document_set_last_error (record->document, error->message);
  g_free (record->told);
  record->told = g_strdup (error->message);
  record->queued = TRUE;
  g_queue_push_tail (&tracker->unsaved, record);
  g_object_unref (tracker);
}

static void
save_record (SignetTrackerRecord *record)
{
  signet_journal_save_async (record->tracker->journal, record->document, record->event,
                             record->detail, NULL, saved_cb, record);
}

void
signet_tracker_save (SignetTracker  *self,
                     SignetDocument *document,
                     const char     *event,
                     const char     *detail)
{
  SignetTrackerRecord *record = g_new0 (SignetTrackerRecord, 1);

  record->tracker = g_object_ref (self);
  record->document = g_object_ref (document);
  record->event = g_strdup (event);
  record->detail = g_strdup (detail);
  save_record (record);
}

/* The writes that failed, again: the journal (or the disk) may be back. */
static void
save_unsaved (SignetTracker *self)
{
  SignetTrackerRecord *record;
  GQueue               records = G_QUEUE_INIT;

  if (self->journal == NULL)
    return;
  records = self->unsaved;
  g_queue_init (&self->unsaved);
  while ((record = g_queue_pop_head (&records)) != NULL)
    {
      if (g_strcmp0 (signet_document_get_last_error (record->document), record->told) == 0)
        signet_document_set_last_error (record->document, NULL);
      record->queued = FALSE;
      g_object_ref (record->tracker);
      save_record (record);
    }
}

void
signet_tracker_record (SignetTracker  *self,
                       SignetDocument *document,
                       const char     *event,
                       const char     *detail)
{
  signet_tracker_save (self, document, event, detail);
  if (signet_document_status_is_final (signet_document_get_status (document)))
    signet_tracker_emit_finished (self, document);
}

/* @info: what the server said of @document (its list's line, or E10's
 * answer), whose `modification` goes into a state change's detail as the
 * server's time of it (docs/evidence.md); %NULL when there is none. */
static void
apply_state (SignetTracker      *self,
             SignetDocument     *document,
             SignetDocumentState state,
             SignetDocumentInfo *info)
{
  SignetDocumentState old = signet_document_get_state (document);
  g_autofree char    *state_detail
    = signet_evidence_state_detail (signet_document_state_to_string (state),
                                    info != NULL ? signet_document_info_get_modified (info) : NULL);
  gint64 expiration = signet_document_get_expiration (document);

  if (old != state)
    {
      g_debug ("Document %s: %s → %s", signet_document_get_document_id (document),
               signet_document_state_to_string (old), signet_document_state_to_string (state));
      signet_document_set_state (document, state);
    }
  signet_document_set_last_error (document, NULL);

  switch (state)
    {
      case SIGNET_DOCUMENT_STATE_SIGNED:
        if (signet_document_get_round (document) + 1 < signet_document_get_n_rounds (document))
          {
            g_autoptr (SignetSignatureRequest) next = NULL;
            g_autoptr (GError) error = NULL;
            guint            round = signet_document_get_round (document) + 1;
            g_autofree char *detail = g_strdup_printf ("%u", round + 1);

            next = signet_journal_get_round_request (document, round, &error);
            if (next == NULL)
              {
                signet_document_set_last_error (document, error->message);
                signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_FAILED);
                signet_tracker_record (self, document, "failed", error->message);
                return;
              }
            /* The outbox creates the next round's request. */
            signet_document_set_round (document, round);
            signet_document_set_signature_request_id (
              document, signet_signature_request_get_signature_request_id (next));
            signet_document_set_signing_url (document, NULL);
            signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_UPLOADED);
            signet_tracker_record (self, document, "round", detail);
          }
        else
          {
            signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_SIGNED);
            signet_tracker_record (self, document, "state", state_detail);
            signet_tracker_archive (self, document);
          }
        return;
      case SIGNET_DOCUMENT_STATE_CANCELED:
        signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_CANCELED);
        signet_tracker_record (self, document, "state", state_detail);
        return;
      case SIGNET_DOCUMENT_STATE_ERRORSENDINFO:
        signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_FAILED);
        signet_tracker_record (self, document, "state", state_detail);
        return;
      default:
        break;
    }

  if (expiration > 0 && signet_journal_now_ms () > expiration)
    {
      signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_EXPIRED);
      signet_tracker_record (self, document, "expired", NULL);
    }
  else if (old != state)
    signet_tracker_record (self, document, "state", state_detail);
}

/* A document sent elsewhere that the server no longer has: the desk that
 * sent it deleted it (after archiving it there), or the web app did. Not
 * an error, and quiet: the local copy, if any, stays. */
void
signet_tracker_removed (SignetTracker *self, SignetDocument *document)
{
  g_debug ("Document %s was removed elsewhere", signet_document_get_document_id (document));
  signet_document_set_last_error (document, NULL);
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_REMOVED);
  signet_tracker_save (self, document, "removed-elsewhere", NULL);
}

static void
vanished (SignetTracker *self, SignetDocument *document)
{
  g_debug ("Document %s is gone from the server", signet_document_get_document_id (document));
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_VANISHED);
  signet_tracker_record (self, document, "vanished", NULL);
}

/* }}} */
/* {{{ Rounds */

static void
round_done (SignetTracker *self, GError *error)
{
  self->polling = FALSE;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->failures++;
          g_debug ("Round failed (%u in a row): %s", self->failures, error->message);
          signet_tracker_set_problem (self, error);
        }
      g_error_free (error);
    }
  else
    {
      self->failures = 0;
      signet_tracker_set_problem (self, NULL);
    }
  signet_tracker_schedule (self);
}

static void info_cb (GObject *source, GAsyncResult *result, gpointer user_data);

typedef struct
{
  SignetTracker  *tracker;
  SignetDocument *document;
} InfoData;

static void
ask_info (SignetTracker *self, SignetDocument *document)
{
  InfoData *data = g_new0 (InfoData, 1);

  data->tracker = g_object_ref (self);
  data->document = g_object_ref (document);
  /* Asked once; its answer is applied, and the round goes on. */
  g_hash_table_insert (self->states, g_strdup (signet_document_get_document_id (document)),
                       GINT_TO_POINTER (-1));
  signet_client_get_document_info_async (self->client, signet_document_get_document_id (document),
                                         self->cancellable, info_cb, data);
}

/* Documents judged per main-loop iteration, so that a round over many
 * documents never holds the window for long. */
#define JUDGE_CHUNK 500

static void check_missing (SignetTracker *self);

static gboolean
judge_more_cb (gpointer user_data)
{
  SignetTracker *self = user_data;

  self->judge_id = 0;
  if (self->polling)
    check_missing (self);
  return G_SOURCE_REMOVE;
}

/* In a full round, notes what the lists had of @document, for the import
 * and the last-seen times (signet-tracker-import.c). */
static void
note_listed (SignetTracker *self, SignetDocument *document)
{
  const char *id = signet_document_get_document_id (document);

  if (!self->round_full || !signet_tracker_is_mine (self, document))
    return;
  if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_PENDING)
    self->sending = TRUE;
  if (id == NULL)
    return;
  g_hash_table_add (self->known, g_strdup (id));
  if (g_hash_table_contains (self->infos, id))
    {
      signet_document_set_last_seen (document, self->round_started);
      g_ptr_array_add (self->seen, g_object_ref (document));
    }
}

/* Goes through the documents, JUDGE_CHUNK per main-loop iteration, from
 * where it stopped: applies the lists' states, and asks about a document
 * in no list (E10) once, then goes on with the next. */
static void
check_missing (SignetTracker *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);
  guint       end = MIN (n, self->judge_index + JUDGE_CHUNK);

  while (self->judge_index < end)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, self->judge_index++);
      const char *id = signet_document_get_document_id (document);
      gboolean    watched = self->round_full && is_watched (self, document);

      note_listed (self, document);
      if ((!is_tracked (self, document) && !watched)
          || signet_document_get_modified (document) >= self->round_started)
        continue;
      if (g_hash_table_contains (self->states, id))
        {
          int state = GPOINTER_TO_INT (g_hash_table_lookup (self->states, id));

          if (state >= 0 && !watched)
            apply_state (self, document, state, g_hash_table_lookup (self->infos, id));
          continue;
        }
      ask_info (self, document);
      return;
    }
  if (self->judge_index < n)
    {
      self->judge_id = g_idle_add (judge_more_cb, self);
      return;
    }

  /* A round for the document on screen alone does not put off the next
   * full one, or the others would not be followed while it is shown. */
  if (self->round_full)
    {
      self->last_full_round = g_get_monotonic_time ();
      signet_tracker_import (self);
    }
  round_done (self, NULL);
}

static void
info_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  InfoData *data = user_data;
  g_autoptr (SignetTracker) self = data->tracker;
  g_autoptr (SignetDocument) document = data->document;
  g_autoptr (SignetDocumentInfo) info = NULL;
  GError *error = NULL;

  g_free (data);
  info = signet_client_get_document_info_finish (SIGNET_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  if (info != NULL)
    {
      if (is_tracked (self, document))
        apply_state (self, document, signet_document_info_get_state (info), info);
    }
  else if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      if ((is_tracked (self, document) || is_watched (self, document))
          && signet_document_get_sent_elsewhere (document))
        signet_tracker_removed (self, document);
      else if (is_tracked (self, document))
        vanished (self, document);
    }
  else
    {
      round_done (self, error);
      return;
    }

  if (self->polling)
    check_missing (self);
}

static void list_next (SignetTracker *self);

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetTracker *self = user_data;
  g_autoptr (GListModel) list = NULL;
  GError *error = NULL;
  guint   n;

  list = signet_client_list_documents_finish (SIGNET_CLIENT (source), result, &error);
  if (list == NULL)
    {
      round_done (self, error);
      g_object_unref (self);
      return;
    }

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocumentInfo) info = g_list_model_get_item (list, i);
      /* The key of infos is the info's own id (replaced with it when a
       * later list has the document too): it lives as long as the entry. */
      const char *id = signet_document_info_get_id (info);

      g_hash_table_insert (self->states, g_strdup (id),
                           GINT_TO_POINTER (signet_document_info_get_state (info)));
      g_hash_table_replace (self->infos, (gpointer) id, g_steal_pointer (&info));
    }
  list_next (self);
  g_object_unref (self);
}

static void
list_next (SignetTracker *self)
{
  gpointer state;

  if (g_queue_is_empty (&self->to_query))
    {
      self->judge_index = 0;
      self->sending = FALSE;
      check_missing (self);
      return;
    }
  state = g_queue_pop_head (&self->to_query);
  signet_client_list_documents_async (self->client, GPOINTER_TO_INT (state), self->cancellable,
                                      listed_cb, g_object_ref (self));
}

void
signet_tracker_poll_round (SignetTracker *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);
  gboolean    full;

  if (self->polling || !self->online)
    return;
  save_unsaved (self);

  full = self->on_screen == NULL || self->last_full_round == 0
         || g_get_monotonic_time () - self->last_full_round >= (gint64) self->interval * 1000;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_SIGNED)
        signet_tracker_archive (self, document);
    }

  self->polling = TRUE;
  self->round_started = signet_journal_now_ms ();
  self->round_full = TRUE;
  self->judge_index = 0;
  g_hash_table_remove_all (self->states);

  if (!full)
    {
      /* Between full rounds only the document on screen is asked about. */
      if (is_tracked (self, self->on_screen))
        {
          self->round_full = FALSE;
          ask_info (self, self->on_screen);
          /* info_cb goes on with check_missing, which keeps the others
           * as they are by these marks. */
          for (guint i = 0; i < n; i++)
            {
              g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

              if (is_tracked (self, document) && document != self->on_screen)
                g_hash_table_insert (self->states,
                                     g_strdup (signet_document_get_document_id (document)),
                                     GINT_TO_POINTER (signet_document_get_state (document)));
            }
          return;
        }
      full = TRUE;
    }

  /* Every state, in the order documents move through them: the lists
   * also bring in the account's documents sent elsewhere, so a round
   * costs the same six calls however many documents there are. */
  g_hash_table_remove_all (self->infos);
  g_hash_table_remove_all (self->known);
  g_ptr_array_set_size (self->seen, 0);
  for (guint j = 0; j < ROUND_STATES_LENGTH; j++)
    g_queue_push_tail (&self->to_query, GINT_TO_POINTER (round_states[j]));
  list_next (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  SignetTracker *self = user_data;

  self->timer_id = 0;
  signet_tracker_poll_round (self);
  return G_SOURCE_REMOVE;
}

void
signet_tracker_schedule (SignetTracker *self)
{
  guint64 delay = self->on_screen != NULL ? self->fast_interval : self->interval;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || !self->online)
    return;
  for (guint i = 0; i < self->failures && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX (MAX_BACKOFF_MS, self->interval));
  self->timer_id = g_timeout_add (delay, timer_cb, self);
}

/* }}} */
