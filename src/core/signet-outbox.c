/* signet-outbox.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-outbox.h"
#include "signet-property-util.h"

/**
 * SignetOutbox:
 *
 * Sends the journal's pending requests of one environment: uploads the
 * file, writes the document id, creates the round's signature request
 * with the id chosen when it was journalled, and writes the outcome.
 * Nothing is sent before the step before it is in the journal: the
 * document in memory only takes a step once the journal has it written.
 * Requests are sent one after the other, oldest first. A request
 * that cannot be sent now (offline, the server down or slow) stays pending
 * and is tried again with backoff, at once when the network returns, and
 * at the next start. A create whose answer was lost hears 409 when it is
 * sent again: the request exists and is not paid twice.
 */
struct _SignetOutbox
{
  GObject parent_instance;

  SignetJournal   *journal;
  SignetClient    *client;
  char            *environment;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GHashTable      *work;   /* SignetDocument → Work */
  gpointer         active; /* the Work being sent; one at a time */
  gboolean         started;
  gboolean         online;
  guint            retry_delay;
  guint            max_retry_delay;
  gulong           changed_id;
  gulong           network_id;
};

G_DEFINE_FINAL_TYPE (SignetOutbox, signet_outbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ONLINE,
  PROP_RETRY_DELAY,
  PROP_MAX_RETRY_DELAY,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RESUMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SignetOutbox   *outbox; /* not a reference: the outbox owns the work */
  SignetDocument *document;
  guint           attempts;
  guint           retry_id;
  gboolean        busy;
  gboolean        backoff; /* after the save, wait before the next step */
  gboolean        held;    /* being withdrawn: not to be started */
  gboolean        drop;    /* the save says the kept copy is done with */
} Work;

static void
work_free (Work *work)
{
  g_clear_handle_id (&work->retry_id, g_source_remove);
  g_object_unref (work->document);
  g_free (work);
}

static void process (SignetOutbox *self, SignetDocument *document);
static void kick (SignetOutbox *self);

/* The slot is free again: the next request in the journal's order goes. */
static void
release_slot (SignetOutbox *self, Work *work)
{
  if (self->active != work)
    return;
  self->active = NULL;
  kick (self);
}

static gboolean
is_mine (SignetOutbox *self, SignetDocument *document)
{
  SignetDocumentStatus status = signet_document_get_status (document);

  return (status == SIGNET_DOCUMENT_STATUS_PENDING || status == SIGNET_DOCUMENT_STATUS_UPLOADED)
         && g_strcmp0 (signet_document_get_environment (document), self->environment) == 0;
}

static Work *
get_work (SignetOutbox *self, SignetDocument *document)
{
  Work *work = g_hash_table_lookup (self->work, document);

  if (work == NULL)
    {
      work = g_new0 (Work, 1);
      work->outbox = self;
      work->document = g_object_ref (document);
      g_hash_table_insert (self->work, document, work);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }
  return work;
}

static void
forget (SignetOutbox *self, SignetDocument *document)
{
  Work *work = g_hash_table_lookup (self->work, document);

  if (work == NULL)
    return;
  if (self->active == work)
    self->active = NULL;
  g_hash_table_remove (self->work, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

static gboolean
retry_cb (gpointer user_data)
{
  Work *work = user_data;

  work->retry_id = 0;
  process (work->outbox, work->document);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with jitter from the upper half, capped. */
static void
schedule_retry (SignetOutbox *self, Work *work)
{
  guint64 delay = self->retry_delay;

  for (guint i = 1; i < work->attempts && delay < self->max_retry_delay; i++)
    delay *= 2;
  delay = MIN (delay, self->max_retry_delay);
  delay = delay / 2 + g_random_int_range (0, (gint32) MAX (delay / 2, 1));

  g_clear_handle_id (&work->retry_id, g_source_remove);
  g_debug ("Request %s: attempt %u failed, next in %" G_GUINT64_FORMAT " ms",
           signet_document_get_signature_request_id (work->document), work->attempts, delay);
  work->retry_id = g_timeout_add (delay, retry_cb, work);
}

/* Whether trying the same step later may work: the network, the server,
 * or something the user can fix in the account (key, quota). */
static gboolean
worth_retrying (const GError *error)
{
  return g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_TIMED_OUT)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_SERVER_ERROR)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_TLS_FAILURE)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_FORBIDDEN)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work         *work = user_data;
  SignetOutbox *self = work->outbox;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetDocument) document = g_object_ref (work->document);
  gboolean backoff;

  work->busy = FALSE;
  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      /* Not written, so not done: the document still says what the
       * journal says, and the step is done again after a wait (an upload
       * again, a create with the same id). Nothing after it is sent. */
      work->drop = FALSE;
      g_debug ("Request %s: not written: %s", signet_document_get_signature_request_id (document),
               error->message);
      work->backoff = FALSE;
      work->attempts++;
      schedule_retry (self, work);
      release_slot (self, work);
      g_object_unref (self);
      return;
    }

  backoff = work->backoff;
  work->backoff = FALSE;
  if (work->drop)
    /* The service has the document (or the request ended): the journal's
     * copy of the file is not needed any more. */
    signet_journal_drop_kept_file (document);
  work->drop = FALSE;
  if (!is_mine (self, document))
    {
      forget (self, document); /* frees @work */
      kick (self);
    }
  else if (backoff)
    {
      schedule_retry (self, work);
      release_slot (self, work);
    }
  else
    process (self, document);
  g_object_unref (self);
}

/* Writes @record, the document's next step; the document takes it once
 * it is written. Takes @record. */
static void
save (Work *work, SignetDocumentRecord *record, const char *event, const char *detail)
{
  if (work->outbox->journal == NULL)
    {
      /* Disposed while the step was on its way: the journal still has the
       * step before, and the next start does this one again. */
      work->busy = FALSE;
      signet_document_record_free (record);
      return;
    }
  work->busy = TRUE;
  work->backoff = FALSE;
  work->drop
    = g_strcmp0 (record->status, "uploaded") == 0 || g_strcmp0 (record->status, "failed") == 0;
  g_object_ref (work->outbox);
  signet_journal_save_record_async (work->outbox->journal, work->document, record, event, detail,
                                    saved_cb, work);
}

static void
set_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Takes @error. */
static void
step_failed (Work *work, GError *error)
{
  SignetDocumentRecord *record;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      work->busy = FALSE;
      release_slot (work->outbox, work);
      g_error_free (error);
      return;
    }

  g_debug ("Request %s: %s", signet_document_get_signature_request_id (work->document),
           error->message);
  record = signet_document_to_record (work->document);
  set_string (&record->last_error, error->message);
  if (worth_retrying (error))
    {
      work->attempts++;
      save (work, record, "error", error->message);
      work->backoff = TRUE;
    }
  else
    {
      set_string (&record->status,
                  signet_document_status_to_string (SIGNET_DOCUMENT_STATUS_FAILED));
      save (work, record, "failed", error->message);
    }
  g_error_free (error);
}

static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work           *work = user_data;
  SignetDocument *document = work->document;
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (SignetSignatureRequest) request = NULL;
  g_autofree char      *built_url = NULL;
  GError               *error = NULL;
  const char           *url;
  const char           *event = "created";
  SignetDocumentRecord *record;
  SignetDocumentState   state;

  created = signet_client_create_signature_request_finish (SIGNET_CLIENT (source), result, &error);
  if (created == NULL && g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT))
    {
      /* The id was chosen by us and journalled before it was ever sent:
       * the server knowing it means an earlier send created it. */
      g_clear_error (&error);
      event = "recovered";
      url = built_url = signet_client_build_signing_url (
        SIGNET_CLIENT (source), signet_document_get_signature_request_id (document));
    }
  else if (created == NULL)
    {
      step_failed (work, error);
      g_object_unref (work->outbox);
      return;
    }
  else
    {
      url = signet_created_request_get_signing_url (created);
      if (signet_created_request_get_recovered (created))
        event = "recovered";
    }

  request = signet_journal_get_round_request (document, signet_document_get_round (document), NULL);
  record = signet_document_to_record (document);
  set_string (&record->signing_url, url);
  if (request != NULL && signet_signature_request_get_expiration (request) != NULL)
    record->expiration
      = g_date_time_to_unix (signet_signature_request_get_expiration (request)) * 1000;
  else
    /* The service's default lifetime of a request (§15). */
    record->expiration = g_get_real_time () / 1000 + (gint64) 24 * 60 * 60 * 1000;
  if (signet_document_get_round (document) == 0 && request != NULL
      && signet_signature_request_get_preprocessing (request) != SIGNET_DOCUMENT_STATE_UNKNOWN)
    state = signet_signature_request_get_preprocessing (request);
  else
    state = SIGNET_DOCUMENT_STATE_TOSIGN;
  set_string (&record->state, signet_document_state_to_string (state));
  set_string (&record->last_error, NULL);
  set_string (&record->status, signet_document_status_to_string (SIGNET_DOCUMENT_STATUS_OPEN));
  work->attempts = 0;
  g_debug ("Request %s is open (%s)", signet_document_get_signature_request_id (document), event);
  save (work, record, event, signet_document_get_signature_request_id (document));
  g_object_unref (work->outbox);
}

static void
uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work            *work = user_data;
  GError          *error = NULL;
  g_autofree char *document_id = NULL;

  document_id = signet_client_upload_document_finish (SIGNET_CLIENT (source), result, &error);
  if (document_id == NULL)
    step_failed (work, error);
  else
    {
      SignetDocumentRecord *record = signet_document_to_record (work->document);

      set_string (&record->document_id, document_id);
      set_string (&record->status,
                  signet_document_status_to_string (SIGNET_DOCUMENT_STATUS_UPLOADED));
      set_string (&record->last_error, NULL);
      work->attempts = 0;
      save (work, record, "uploaded", document_id);
    }
  g_object_unref (work->outbox);
}

static void
checksum_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) error = NULL;

  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                               _ ("The file “%s” cannot be read any more (%s), so it was not "
                                  "sent. Send the document again."),
                               path, error->message);
      return;
    }
  g_checksum_update (checksum, (const guchar *) g_mapped_file_get_contents (mapped),
                     g_mapped_file_get_length (mapped));
  g_task_return_pointer (task, g_strdup (g_checksum_get_string (checksum)), g_free);
}

static void
checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work            *work = user_data;
  SignetOutbox    *self = work->outbox;
  SignetDocument  *document = work->document;
  GError          *error = NULL;
  g_autofree char *checksum = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (SignetSignatureRequest) request = NULL;

  if (checksum == NULL || self->client == NULL)
    {
      step_failed (work, error != NULL
                           ? error
                           : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Disposed"));
      g_object_unref (self);
      return;
    }
  if (signet_document_get_checksum (document) != NULL
      && !g_str_equal (checksum, signet_document_get_checksum (document)))
    {
      step_failed (work, g_error_new (SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                                      _ ("The file “%s” changed after it was given to Signet, so "
                                         "it was not sent. Check the file and send it again."),
                                      signet_document_get_filename (document)));
      g_object_unref (self);
      return;
    }

  request = signet_journal_get_round_request (document, 0, &error);
  if (request == NULL)
    {
      step_failed (work, error);
      g_object_unref (self);
      return;
    }
  g_debug ("Uploading %s", signet_document_get_signature_request_id (document));
  signet_client_upload_document_async (self->client, signet_signature_request_get_file (request),
                                       signet_document_get_filename (document),
                                       signet_signature_request_get_preprocessing (request),
                                       self->cancellable, uploaded_cb, work);
}

static void
process (SignetOutbox *self, SignetDocument *document)
{
  Work   *work;
  GError *error = NULL;

  if (!self->started || !is_mine (self, document))
    return;

  work = get_work (self, document);
  if (work->busy || work->retry_id != 0 || work->held)
    return;
  if (!self->online)
    {
      g_debug ("Offline: %s waits", signet_document_get_signature_request_id (document));
      return;
    }
  /* One request at a time, in the journal's order: kick() starts the next
   * one when the slot is free. */
  if (self->active != NULL && self->active != work)
    return;

  self->active = work;
  work->busy = TRUE;
  g_object_ref (self);
  if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_PENDING)
    {
      g_autoptr (GTask) task = g_task_new (self, self->cancellable, checked_cb, work);

      const char *path = signet_document_get_kept_path (document) != NULL
                           ? signet_document_get_kept_path (document)
                           : signet_document_get_original_path (document);

      if (path == NULL)
        {
          step_failed (work, g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                                                  _ ("The journal does not say which file to send. "
                                                     "Send the document again.")));
          g_object_unref (self);
          return;
        }
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, checksum_thread);
    }
  else
    {
      g_autoptr (SignetSignatureRequest) request
        = signet_journal_get_round_request (document, signet_document_get_round (document), &error);

      if (request == NULL)
        {
          step_failed (work, error);
          g_object_unref (self);
          return;
        }
      g_debug ("Creating %s (round %u)", signet_document_get_signature_request_id (document),
               signet_document_get_round (document) + 1);
      signet_client_create_signature_request_async (self->client, request, SIGNET_CREATE_FLAGS_NONE,
                                                    self->cancellable, created_cb, work);
    }
}

static void
kick (SignetOutbox *self)
{
  GListModel *documents;
  guint       n;

  if (!self->started)
    return;
  documents = signet_journal_get_documents (self->journal);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n && self->active == NULL && self->started; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      process (self, document);
    }
}

static void
process_all (SignetOutbox *self, gboolean now)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      Work *work;

      if (!is_mine (self, document))
        continue;
      work = get_work (self, document);
      if (now)
        {
          g_clear_handle_id (&work->retry_id, g_source_remove);
          work->attempts = 0;
        }
    }
  kick (self);
}

static void
document_changed_cb (SignetJournal  *journal,
                     SignetDocument *document,
                     const char     *event,
                     gpointer        user_data)
{
  SignetOutbox *self = user_data;

  /* Our own saves go on from saved_cb (process() sees them busy). */
  if (!is_mine (self, document))
    {
      Work *work = g_hash_table_lookup (self->work, document);

      /* Withdrawn, or ended by someone else. */
      if (work != NULL && !work->busy)
        {
          forget (self, document);
          kick (self);
        }
      return;
    }
  process (self, document);
}

static void
update_online (SignetOutbox *self)
{
  gboolean online = g_network_monitor_get_network_available (self->monitor);

  if (!signet_property_set_boolean (G_OBJECT (self), &self->online, online,
                                    properties[PROP_ONLINE]))
    return;
  g_debug ("The network is %s", online ? "back" : "gone");
  if (online)
    process_all (self, TRUE);
}

static void
network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  update_online (SIGNET_OUTBOX (user_data));
}

static void
stop (SignetOutbox *self)
{
  GHashTableIter iter;
  Work          *work;

  self->started = FALSE;
  self->active = NULL;
  g_cancellable_cancel (self->cancellable);
  signet_clear_signal_handler (&self->changed_id, self->journal);
  signet_clear_signal_handler (&self->network_id, self->monitor);
  if (self->work == NULL)
    return;
  g_hash_table_iter_init (&iter, self->work);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &work))
    g_clear_handle_id (&work->retry_id, g_source_remove);
}

static void
signet_outbox_dispose (GObject *object)
{
  SignetOutbox *self = SIGNET_OUTBOX (object);

  /* A step on its way holds the outbox and its work; it ends cancelled,
   * and the work goes with the outbox. */
  stop (self);
  g_clear_object (&self->journal);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (signet_outbox_parent_class)->dispose (object);
}

static void
signet_outbox_finalize (GObject *object)
{
  SignetOutbox *self = SIGNET_OUTBOX (object);

  g_free (self->environment);
  g_clear_pointer (&self->work, g_hash_table_unref);

  G_OBJECT_CLASS (signet_outbox_parent_class)->finalize (object);
}

static void
signet_outbox_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetOutbox *self = SIGNET_OUTBOX (object);

  switch (prop_id)
    {
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;
      case PROP_RETRY_DELAY:
        g_value_set_uint (value, self->retry_delay);
        break;
      case PROP_MAX_RETRY_DELAY:
        g_value_set_uint (value, self->max_retry_delay);
        break;
      case PROP_N_WAITING:
        g_value_set_uint (value, signet_outbox_get_n_waiting (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_outbox_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetOutbox *self = SIGNET_OUTBOX (object);

  switch (prop_id)
    {
      case PROP_RETRY_DELAY:
        signet_property_set_uint (object, &self->retry_delay, g_value_get_uint (value), pspec);
        break;
      case PROP_MAX_RETRY_DELAY:
        signet_property_set_uint (object, &self->max_retry_delay, g_value_get_uint (value), pspec);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_outbox_class_init (SignetOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_outbox_dispose;
  object_class->finalize = signet_outbox_finalize;
  object_class->get_property = signet_outbox_get_property;
  object_class->set_property = signet_outbox_set_property;

  /**
   * SignetOutbox:online:
   *
   * Whether the network monitor says the network is there.
   */
  properties[PROP_ONLINE]
    = g_param_spec_boolean ("online", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetOutbox:retry-delay:
   *
   * Milliseconds before the first retry of a request that could not be
   * sent; each further one waits about twice as long.
   */
  properties[PROP_RETRY_DELAY]
    = g_param_spec_uint ("retry-delay", NULL, NULL, 1, G_MAXUINT, 5000,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetOutbox:max-retry-delay:
   *
   * The longest wait between two retries, in milliseconds.
   */
  properties[PROP_MAX_RETRY_DELAY]
    = g_param_spec_uint ("max-retry-delay", NULL, NULL, 1, G_MAXUINT, 300000,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetOutbox::resumed:
   * @self: the outbox
   * @n_sent: how many requests of the interrupted batches had been sent
   * @n_unsent: how many requests the outbox sends now
   *
   * Emitted by signet_outbox_start() when an earlier run left requests of
   * this environment unsent (a kill, a crash, a quit while sending).
   * Requests journalled together count as one batch.
   */
  signals[RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * SignetOutbox:n-waiting:
   *
   * How many requests wait to be sent.
   */
  properties[PROP_N_WAITING]
    = g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_outbox_init (SignetOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->work = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) work_free);
  self->retry_delay = 5000;
  self->max_retry_delay = 300000;
}

/**
 * signet_outbox_new:
 * @journal: the journal, open
 * @client: the client of @environment
 * @environment: the id of the environment whose requests this sends
 * @monitor: (nullable): the network monitor, or %NULL for the system's
 *
 * Returns: (transfer full): a new #SignetOutbox; it sends nothing before
 *   signet_outbox_start()
 */
SignetOutbox *
signet_outbox_new (SignetJournal   *journal,
                   SignetClient    *client,
                   const char      *environment,
                   GNetworkMonitor *monitor)
{
  SignetOutbox *self;

  g_return_val_if_fail (SIGNET_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (SIGNET_IS_CLIENT (client), NULL);
  g_return_val_if_fail (environment != NULL, NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (SIGNET_TYPE_OUTBOX, NULL);
  self->journal = g_object_ref (journal);
  self->client = g_object_ref (client);
  self->environment = g_strdup (environment);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  self->online = g_network_monitor_get_network_available (self->monitor);
  return self;
}

static gboolean
is_unsent (SignetOutbox *self, SignetDocument *document)
{
  /* A later round waiting to be created is the tracker's doing, not an
   * interrupted send. */
  return is_mine (self, document) && signet_document_get_round (document) == 0;
}

/* Counts what an earlier run left unsent, and what of the same batches
 * it had sent; the requests of one batch share their creation time. */
static void
announce_resumed (SignetOutbox *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);
  g_autoptr (GHashTable) batches
    = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_sent = 0, n_unsent = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      gint64 created = signet_document_get_created (document);

      if (!is_unsent (self, document))
        continue;
      n_unsent++;
      g_hash_table_add (batches, g_memdup2 (&created, sizeof created));
    }
  if (n_unsent == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      gint64               created = signet_document_get_created (document);
      SignetDocumentStatus status = signet_document_get_status (document);

      if (g_strcmp0 (signet_document_get_environment (document), self->environment) == 0
          && g_hash_table_contains (batches, &created) && !is_unsent (self, document)
          && status != SIGNET_DOCUMENT_STATUS_FAILED && status != SIGNET_DOCUMENT_STATUS_PENDING
          && status != SIGNET_DOCUMENT_STATUS_UPLOADED)
        n_sent++;
    }
  g_debug ("Resuming %u requests (%u of their batches were sent)", n_unsent, n_sent);
  g_signal_emit (self, signals[RESUMED], 0, n_sent, n_unsent);
}

/**
 * signet_outbox_start:
 * @self: a #SignetOutbox
 *
 * Resumes every pending request of the environment in the journal, and
 * from now on sends new ones as they are journalled.
 */
void
signet_outbox_start (SignetOutbox *self)
{
  g_return_if_fail (SIGNET_IS_OUTBOX (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->changed_id
    = g_signal_connect (self->journal, "document-changed", G_CALLBACK (document_changed_cb), self);
  self->network_id
    = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->online = g_network_monitor_get_network_available (self->monitor);
  announce_resumed (self);
  process_all (self, TRUE);
}

/**
 * signet_outbox_hold:
 * @self: a #SignetOutbox
 * @document: a document of the journal
 *
 * Keeps @document from being started, for withdrawing it, unless a step
 * of it is on its way now.
 *
 * Returns: %TRUE if nothing of @document is on its way and nothing will
 *   be until signet_outbox_release()
 */
gboolean
signet_outbox_hold (SignetOutbox *self, SignetDocument *document)
{
  Work *work;

  g_return_val_if_fail (SIGNET_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), FALSE);

  if (!is_mine (self, document))
    return TRUE;
  work = get_work (self, document);
  if (work->busy)
    return FALSE;
  work->held = TRUE;
  g_clear_handle_id (&work->retry_id, g_source_remove);
  return TRUE;
}

/**
 * signet_outbox_release:
 * @self: a #SignetOutbox
 * @document: a document held with signet_outbox_hold()
 *
 * Lets @document be sent again if it is still the outbox's to send.
 */
void
signet_outbox_release (SignetOutbox *self, SignetDocument *document)
{
  Work *work;

  g_return_if_fail (SIGNET_IS_OUTBOX (self));

  work = g_hash_table_lookup (self->work, document);
  if (work == NULL)
    return;
  work->held = FALSE;
  if (!is_mine (self, document))
    forget (self, document);
  kick (self);
}

/**
 * signet_outbox_stop:
 * @self: a #SignetOutbox
 *
 * Stops sending: what is on its way is cancelled, and waits end. The
 * journal keeps the requests for the next start.
 */
void
signet_outbox_stop (SignetOutbox *self)
{
  g_return_if_fail (SIGNET_IS_OUTBOX (self));

  stop (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * signet_outbox_get_online:
 * @self: a #SignetOutbox
 *
 * Returns: whether the network is there
 */
gboolean
signet_outbox_get_online (SignetOutbox *self)
{
  g_return_val_if_fail (SIGNET_IS_OUTBOX (self), FALSE);

  return self->online;
}

/**
 * signet_outbox_get_n_waiting:
 * @self: a #SignetOutbox
 *
 * Returns: how many requests wait to be sent
 */
guint
signet_outbox_get_n_waiting (SignetOutbox *self)
{
  g_return_val_if_fail (SIGNET_IS_OUTBOX (self), 0);

  return g_hash_table_size (self->work);
}
