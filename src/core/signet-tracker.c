/* signet-tracker.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-tracker"

#include "config.h"

#include "signet-archive.h"
#include "signet-document-info.h"
#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-tracker.h"

/**
 * SignetTracker:
 *
 * Follows the open requests of one environment until they end, since the
 * service cannot call a desktop back. A round asks for one `list/flat` per
 * state (E9), in the order documents move through the states, so that a
 * document that moves during the round is still seen; a document in no
 * list is asked about once (E10) before it counts as vanished. Every
 * change is written to the journal. A signed round starts the next round;
 * the last one is downloaded into the archive folder and only then,
 * when asked to, deleted from the server. A request past its expiry that
 * nobody signed is expired.
 *
 * Rounds come every #SignetTracker:interval milliseconds, or every
 * #SignetTracker:fast-interval while a document is on screen (then only
 * that document is asked about between full rounds); failures back off
 * up to ten minutes; nothing is asked while offline.
 */
struct _SignetTracker
{
  GObject parent_instance;

  SignetJournal   *journal;
  SignetClient    *client;
  char            *environment;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;

  gboolean started;
  gboolean online;
  gboolean polling;
  guint    timer_id;
  guint    failures;
  GError  *problem;         /* of the last round, NULL after a good one */
  gint64   last_full_round; /* monotonic µs */
  gint64   round_started;   /* real ms: changes after it are not judged */

  guint           interval;
  guint           fast_interval;
  char           *archive_folder;
  gboolean        delete_after_archiving;
  SignetDocument *on_screen;

  GHashTable *states;    /* document id → SignetDocumentState, this round */
  GQueue      to_query;  /* SignetDocumentState still to list this round */
  GHashTable *archiving; /* SignetDocument being archived */
  GQueue      unsaved;   /* Record the journal could not write, for the next round */
  gulong      changed_id;
  gulong      network_id;
};

G_DEFINE_FINAL_TYPE (SignetTracker, signet_tracker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INTERVAL,
  PROP_FAST_INTERVAL,
  PROP_ARCHIVE_FOLDER,
  PROP_DELETE_AFTER_ARCHIVING,
  PROP_ONLINE,
  PROP_N_OPEN,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_BACKOFF_MS      (10 * 60 * 1000)
#define DEFAULT_EXPIRY_MS   ((gint64) 24 * 60 * 60 * 1000)
#define ROUND_STATES_LENGTH 6

/* The order documents move in (§7): a document that changes during the
 * round shows up in a later list. */
static const SignetDocumentState round_states[ROUND_STATES_LENGTH] = {
  SIGNET_DOCUMENT_STATE_TAGS,   SIGNET_DOCUMENT_STATE_TOSTAMP,  SIGNET_DOCUMENT_STATE_TOSIGN,
  SIGNET_DOCUMENT_STATE_SIGNED, SIGNET_DOCUMENT_STATE_CANCELED, SIGNET_DOCUMENT_STATE_ERRORSENDINFO,
};

static void schedule (SignetTracker *self);
static void archive (SignetTracker *self, SignetDocument *document);

static gboolean
is_mine (SignetTracker *self, SignetDocument *document)
{
  return g_strcmp0 (signet_document_get_environment (document), self->environment) == 0;
}

static gboolean
is_tracked (SignetTracker *self, SignetDocument *document)
{
  return is_mine (self, document)
         && signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_OPEN;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* {{{ Recording what happened */

/* One write of the journal, kept when it failed: the document says why
 * (its last error, which the window shows) and the write is asked again
 * at the next round, with the document as it is by then. A restart
 * redoes the steps the journal does not have. */
typedef struct
{
  SignetTracker  *tracker; /* a reference only while it is written */
  gboolean        queued;
  SignetDocument *document;
  char           *event;
  char           *detail;
  char           *told; /* the last error this set, or NULL */
} Record;

static void
record_free (Record *record)
{
  if (!record->queued)
    g_object_unref (record->tracker);
  g_object_unref (record->document);
  g_free (record->event);
  g_free (record->detail);
  g_free (record->told);
  g_free (record);
}

static void save_record (Record *record);

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Record        *record = user_data;
  SignetTracker *tracker = record->tracker;
  g_autoptr (GError) error = NULL;

  if (signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      record_free (record);
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
save_record (Record *record)
{
  signet_journal_save_async (record->tracker->journal, record->document, record->event,
                             record->detail, NULL, saved_cb, record);
}

static void
save (SignetTracker *self, SignetDocument *document, const char *event, const char *detail)
{
  Record *record = g_new0 (Record, 1);

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
  Record *record;
  GQueue  records = G_QUEUE_INIT;

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

static void
record (SignetTracker *self, SignetDocument *document, const char *event, const char *detail)
{
  save (self, document, event, detail);
  if (signet_document_status_is_final (signet_document_get_status (document)))
    g_signal_emit (self, signals[FINISHED], 0, document);
}

static void
apply_state (SignetTracker *self, SignetDocument *document, SignetDocumentState state)
{
  SignetDocumentState old = signet_document_get_state (document);
  const char         *name = signet_document_state_to_string (state);
  gint64              expiration = signet_document_get_expiration (document);

  if (old != state)
    {
      g_debug ("Document %s: %s → %s", signet_document_get_document_id (document),
               signet_document_state_to_string (old), name);
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
                record (self, document, "failed", error->message);
                return;
              }
            /* The outbox creates the next round's request. */
            signet_document_set_round (document, round);
            signet_document_set_signature_request_id (
              document, signet_signature_request_get_signature_request_id (next));
            signet_document_set_signing_url (document, NULL);
            signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_UPLOADED);
            record (self, document, "round", detail);
          }
        else
          {
            signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_SIGNED);
            record (self, document, "state", name);
            archive (self, document);
          }
        return;
      case SIGNET_DOCUMENT_STATE_CANCELED:
        signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_CANCELED);
        record (self, document, "state", name);
        return;
      case SIGNET_DOCUMENT_STATE_ERRORSENDINFO:
        signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_FAILED);
        record (self, document, "state", name);
        return;
      default:
        break;
    }

  if (expiration > 0 && now_ms () > expiration)
    {
      signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_EXPIRED);
      record (self, document, "expired", NULL);
    }
  else if (old != state)
    record (self, document, "state", name);
}

static void
vanished (SignetTracker *self, SignetDocument *document)
{
  g_debug ("Document %s is gone from the server", signet_document_get_document_id (document));
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_VANISHED);
  record (self, document, "vanished", NULL);
}

/* }}} */
/* {{{ The archive */

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
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Archiving %s failed: %s", signet_document_get_document_id (work->document),
               error->message);
      signet_document_set_last_error (work->document, error->message);
      /* Tried again at the next round. */
      save (work->tracker, work->document, "error", error->message);
    }
  g_error_free (error);
  archive_work_free (work);
}

static void
archived_done (ArchiveWork *work, gboolean deleted)
{
  signet_document_set_last_error (work->document, NULL);
  signet_document_set_status (work->document, SIGNET_DOCUMENT_STATUS_ARCHIVED);
  record (work->tracker, work->document, deleted ? "deleted" : "archived",
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
  if (work->tracker->delete_after_archiving)
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

static void
archive (SignetTracker *self, SignetDocument *document)
{
  ArchiveWork *work;

  if (!self->online || g_hash_table_contains (self->archiving, document)
      || signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_SIGNED
      || !is_mine (self, document))
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

/* }}} */
/* {{{ Rounds */

static void
set_problem (SignetTracker *self, GError *error)
{
  if (self->problem == NULL && error == NULL)
    return;
  if (self->problem != NULL && error != NULL
      && g_error_matches (error, self->problem->domain, self->problem->code))
    return;
  g_clear_error (&self->problem);
  self->problem = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

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
          set_problem (self, error);
        }
      g_error_free (error);
    }
  else
    {
      self->failures = 0;
      set_problem (self, NULL);
    }
  schedule (self);
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

/* Documents in no list: asked about one by one (there are few). */
static void
check_missing (SignetTracker *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      const char *id = signet_document_get_document_id (document);

      if (!is_tracked (self, document)
          || signet_document_get_modified (document) >= self->round_started)
        continue;
      if (g_hash_table_contains (self->states, id))
        {
          int state = GPOINTER_TO_INT (g_hash_table_lookup (self->states, id));

          if (state >= 0)
            apply_state (self, document, state);
          continue;
        }
      ask_info (self, document);
      return;
    }

  self->last_full_round = g_get_monotonic_time ();
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
        apply_state (self, document, signet_document_info_get_state (info));
    }
  else if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      if (is_tracked (self, document))
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

      g_hash_table_insert (self->states, g_strdup (signet_document_info_get_id (info)),
                           GINT_TO_POINTER (signet_document_info_get_state (info)));
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
      check_missing (self);
      return;
    }
  state = g_queue_pop_head (&self->to_query);
  signet_client_list_documents_async (self->client, GPOINTER_TO_INT (state), self->cancellable,
                                      listed_cb, g_object_ref (self));
}

static void
poll_round (SignetTracker *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);
  gboolean    wanted[ROUND_STATES_LENGTH] = { FALSE };
  gboolean    any = FALSE;
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
        archive (self, document);
      if (!is_tracked (self, document))
        continue;
      any = TRUE;
      for (guint j = 0; j < ROUND_STATES_LENGTH; j++)
        if (round_states[j] == signet_document_get_state (document))
          wanted[j] = TRUE;
    }
  if (!any)
    {
      schedule (self);
      return;
    }

  self->polling = TRUE;
  self->round_started = now_ms ();
  g_hash_table_remove_all (self->states);

  if (!full)
    {
      /* Between full rounds only the document on screen is asked about. */
      if (is_tracked (self, self->on_screen))
        {
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

  /* The states open documents are in, then every state they can go to. */
  for (guint j = 0; j < ROUND_STATES_LENGTH; j++)
    if (wanted[j] || round_states[j] >= SIGNET_DOCUMENT_STATE_SIGNED)
      g_queue_push_tail (&self->to_query, GINT_TO_POINTER (round_states[j]));
  list_next (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  SignetTracker *self = user_data;

  self->timer_id = 0;
  poll_round (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (SignetTracker *self)
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

static void
document_changed_cb (SignetJournal  *journal,
                     SignetDocument *document,
                     const char     *event,
                     gpointer        user_data)
{
  SignetTracker *self = user_data;

  if (is_mine (self, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  /* A request just created is asked about soon, as a QR code for it is
   * probably on screen now. */
  if (g_strcmp0 (event, "created") == 0 || g_strcmp0 (event, "recovered") == 0)
    if (is_mine (self, document) && !self->polling && self->timer_id == 0)
      schedule (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  SignetTracker *self = user_data;
  gboolean       online = g_network_monitor_get_network_available (monitor);

  if (online == self->online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  if (online)
    {
      self->failures = 0;
      poll_round (self);
    }
  else
    g_clear_handle_id (&self->timer_id, g_source_remove);
}

static void
stop (SignetTracker *self)
{
  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  signet_clear_signal_handler (&self->changed_id, self->journal);
  signet_clear_signal_handler (&self->network_id, self->monitor);
  g_queue_clear (&self->to_query);
  self->polling = FALSE;
}

static void
signet_tracker_dispose (GObject *object)
{
  SignetTracker *self = SIGNET_TRACKER (object);

  stop (self);
  g_clear_object (&self->on_screen);
  g_clear_object (&self->journal);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->problem);

  G_OBJECT_CLASS (signet_tracker_parent_class)->dispose (object);
}

static void
signet_tracker_finalize (GObject *object)
{
  SignetTracker *self = SIGNET_TRACKER (object);

  g_free (self->environment);
  g_free (self->archive_folder);
  g_hash_table_unref (self->states);
  g_hash_table_unref (self->archiving);
  g_queue_clear_full (&self->unsaved, (GDestroyNotify) record_free);

  G_OBJECT_CLASS (signet_tracker_parent_class)->finalize (object);
}

static void
signet_tracker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetTracker *self = SIGNET_TRACKER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        g_value_set_uint (value, self->interval);
        break;
      case PROP_FAST_INTERVAL:
        g_value_set_uint (value, self->fast_interval);
        break;
      case PROP_ARCHIVE_FOLDER:
        g_value_set_string (value, self->archive_folder);
        break;
      case PROP_DELETE_AFTER_ARCHIVING:
        g_value_set_boolean (value, self->delete_after_archiving);
        break;
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;
      case PROP_N_OPEN:
        g_value_set_uint (value, signet_tracker_get_n_open (self));
        break;
      case PROP_PROBLEM:
        g_value_set_boxed (value, self->problem);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_tracker_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetTracker *self = SIGNET_TRACKER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        if (self->interval != g_value_get_uint (value))
          {
            self->interval = g_value_get_uint (value);
            g_object_notify_by_pspec (object, pspec);
            if (self->timer_id != 0)
              schedule (self);
          }
        break;
      case PROP_FAST_INTERVAL:
        if (self->fast_interval != g_value_get_uint (value))
          {
            self->fast_interval = g_value_get_uint (value);
            g_object_notify_by_pspec (object, pspec);
            if (self->timer_id != 0)
              schedule (self);
          }
        break;
      case PROP_ARCHIVE_FOLDER:
        {
          const char      *folder = g_value_get_string (value);
          g_autofree char *fallback = NULL;

          if (folder == NULL || folder[0] == '\0')
            folder = fallback = signet_archive_get_default_folder ();
          if (g_strcmp0 (self->archive_folder, folder) != 0)
            {
              g_free (self->archive_folder);
              self->archive_folder = g_strdup (folder);
              g_object_notify_by_pspec (object, pspec);
            }
        }
        break;
      case PROP_DELETE_AFTER_ARCHIVING:
        if (self->delete_after_archiving != g_value_get_boolean (value))
          {
            self->delete_after_archiving = g_value_get_boolean (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_tracker_class_init (SignetTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_tracker_dispose;
  object_class->finalize = signet_tracker_finalize;
  object_class->get_property = signet_tracker_get_property;
  object_class->set_property = signet_tracker_set_property;

  /**
   * SignetTracker:interval:
   *
   * Milliseconds between two rounds in the background.
   */
  properties[PROP_INTERVAL]
    = g_param_spec_uint ("interval", NULL, NULL, 10, G_MAXUINT, 60000,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:fast-interval:
   *
   * Milliseconds between two looks while a document is on screen.
   */
  properties[PROP_FAST_INTERVAL]
    = g_param_spec_uint ("fast-interval", NULL, NULL, 10, G_MAXUINT, 3000,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:archive-folder:
   *
   * Where signed PDFs are saved; empty means `~/Documents/Signed`.
   */
  properties[PROP_ARCHIVE_FOLDER]
    = g_param_spec_string ("archive-folder", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:delete-after-archiving:
   *
   * Whether a signed document is deleted from the server once its archive
   * copy exists.
   */
  properties[PROP_DELETE_AFTER_ARCHIVING]
    = g_param_spec_boolean ("delete-after-archiving", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:online:
   *
   * Whether the network is there (nothing is asked while it is not).
   */
  properties[PROP_ONLINE]
    = g_param_spec_boolean ("online", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:n-open:
   *
   * How many requests of the environment are not finished.
   */
  properties[PROP_N_OPEN]
    = g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:problem:
   *
   * Why the last round failed (a #GError of %SIGNET_ERROR: the server
   * cannot be reached, the key is refused, …), %NULL after a good round.
   */
  properties[PROP_PROBLEM]
    = g_param_spec_boxed ("problem", NULL, NULL, G_TYPE_ERROR,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetTracker::finished:
   * @self: the tracker
   * @document: the document
   *
   * Emitted when a request ends (signed, archived, cancelled, expired,
   * vanished or failed), once the change is on its way to the journal.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, SIGNET_TYPE_DOCUMENT);
}

static void
signet_tracker_init (SignetTracker *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = 60000;
  self->fast_interval = 3000;
  self->archive_folder = signet_archive_get_default_folder ();
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->archiving = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->to_query);
}

/**
 * signet_tracker_new:
 * @journal: the journal, open
 * @client: the client of @environment
 * @environment: the id of the environment whose requests this follows
 * @monitor: (nullable): the network monitor, or %NULL for the system's
 *
 * Returns: (transfer full): a new #SignetTracker; it asks nothing before
 *   signet_tracker_start()
 */
SignetTracker *
signet_tracker_new (SignetJournal   *journal,
                    SignetClient    *client,
                    const char      *environment,
                    GNetworkMonitor *monitor)
{
  SignetTracker *self;

  g_return_val_if_fail (SIGNET_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (SIGNET_IS_CLIENT (client), NULL);
  g_return_val_if_fail (environment != NULL, NULL);

  self = g_object_new (SIGNET_TYPE_TRACKER, NULL);
  self->journal = g_object_ref (journal);
  self->client = g_object_ref (client);
  self->environment = g_strdup (environment);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  self->online = g_network_monitor_get_network_available (self->monitor);
  return self;
}

/**
 * signet_tracker_start:
 * @self: a #SignetTracker
 *
 * Starts following: a first round at once, then every interval.
 */
void
signet_tracker_start (SignetTracker *self)
{
  g_return_if_fail (SIGNET_IS_TRACKER (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->changed_id
    = g_signal_connect (self->journal, "document-changed", G_CALLBACK (document_changed_cb), self);
  self->network_id
    = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->online = g_network_monitor_get_network_available (self->monitor);
  poll_round (self);
}

/**
 * signet_tracker_stop:
 * @self: a #SignetTracker
 *
 * Stops following; what is on its way is cancelled.
 */
void
signet_tracker_stop (SignetTracker *self)
{
  g_return_if_fail (SIGNET_IS_TRACKER (self));

  stop (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * signet_tracker_poll_now:
 * @self: a #SignetTracker
 *
 * Starts a round now, unless one is under way or the network is gone.
 */
void
signet_tracker_poll_now (SignetTracker *self)
{
  g_return_if_fail (SIGNET_IS_TRACKER (self));

  if (self->started)
    poll_round (self);
}

/**
 * signet_tracker_set_on_screen:
 * @self: a #SignetTracker
 * @document: (nullable): the document a hand-over page shows, or %NULL
 *
 * While a document is on screen, it is asked about every
 * #SignetTracker:fast-interval milliseconds.
 */
void
signet_tracker_set_on_screen (SignetTracker *self, SignetDocument *document)
{
  g_return_if_fail (SIGNET_IS_TRACKER (self));

  if (!g_set_object (&self->on_screen, document))
    return;
  if (self->started && !self->polling)
    schedule (self);
}

/**
 * signet_tracker_get_on_screen:
 * @self: a #SignetTracker
 *
 * Returns: (transfer none) (nullable): the document a hand-over page shows
 */
SignetDocument *
signet_tracker_get_on_screen (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), NULL);

  return self->on_screen;
}

/**
 * signet_tracker_get_problem:
 * @self: a #SignetTracker
 *
 * Returns: (nullable): why the last round failed, %NULL after a good one
 */
const GError *
signet_tracker_get_problem (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), NULL);

  return self->problem;
}

/**
 * signet_tracker_get_environment:
 * @self: a #SignetTracker
 *
 * Returns: the id of the environment whose requests it follows
 */
const char *
signet_tracker_get_environment (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), NULL);

  return self->environment;
}

/**
 * signet_tracker_get_client:
 * @self: a #SignetTracker
 *
 * Returns: (transfer none): the client it asks with
 */
SignetClient *
signet_tracker_get_client (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), NULL);

  return self->client;
}

/**
 * signet_tracker_get_online:
 * @self: a #SignetTracker
 *
 * Returns: whether the network is there
 */
gboolean
signet_tracker_get_online (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), FALSE);

  return self->online;
}

/**
 * signet_tracker_get_n_open:
 * @self: a #SignetTracker
 *
 * Returns: how many requests of the environment are not finished
 */
guint
signet_tracker_get_n_open (SignetTracker *self)
{
  GListModel *documents;
  guint       n, open = 0;

  g_return_val_if_fail (SIGNET_IS_TRACKER (self), 0);

  documents = signet_journal_get_documents (self->journal);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (is_mine (self, document)
          && !signet_document_status_is_final (signet_document_get_status (document)))
        open++;
    }
  return open;
}
