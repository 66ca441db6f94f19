/* signet-request-sender.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-sender"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-sender.h"
#include "signet-error.h"
#include "signet-request-rounds.h"

/* Sends the queue entries the person chose, each with its own request
 * description: the quota first, then the whole batch is journalled in one
 * transaction (with a copy of each file) before anything is sent, and
 * each entry is followed until the service has created its request, the
 * outbox had to put it off, or it failed. No GTK: the editor shows what
 * this does, and tests/test-request-sender.c drives it against the
 * sandbox. */

typedef struct
{
  GObject           *entry;
  GFile             *file;
  char              *name;
  SignetRequestSpec *spec;
  SignetSendOutcome  outcome;
  char              *message;
  SignetDocument    *document;
  gboolean           settled; /* has its outcome, or stays not sent */
} Entry;

struct _SignetRequestSender
{
  GObject parent_instance;

  SignetSync      *sync;
  SignetAccount   *account;
  GSettings       *settings;
  GArray          *entries; /* Entry */
  guint            n_done;
  guint            wait_limit; /* seconds */
  SignetQuotaCheck quota;
  gboolean         quota_known;
  gboolean         running;

  GTask   *task;
  gboolean journalled;  /* the batch is in the journal */
  gboolean withdrawing; /* cancelled: taking back what was not sent */
  guint    wait_id;
  guint    check_id;
  gulong   cancelled_id;
};

G_DEFINE_FINAL_TYPE (SignetRequestSender, signet_request_sender, G_TYPE_OBJECT)

enum
{
  JOURNALLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->entry);
  g_clear_object (&entry->file);
  g_clear_pointer (&entry->name, g_free);
  g_clear_object (&entry->spec);
  g_clear_pointer (&entry->message, g_free);
  g_clear_object (&entry->document);
}

static gboolean wait_limit_cb (gpointer user_data);

static void
stop_watching (SignetRequestSender *self)
{
  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->document != NULL)
        g_signal_handlers_disconnect_by_data (entry->document, self);
    }
}

/* The service gets wait_limit seconds for each step of the batch. */
static void
restart_wait (SignetRequestSender *self)
{
  g_clear_handle_id (&self->wait_id, g_source_remove);
  if (self->task != NULL && self->journalled)
    self->wait_id = g_timeout_add_seconds (self->wait_limit, wait_limit_cb, self);
}

static void
return_result (SignetRequestSender *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  stop_watching (self);
  self->running = FALSE;
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_task_return_boolean (task, TRUE);
}

static void
maybe_return (SignetRequestSender *self)
{
  if (self->task == NULL || self->withdrawing)
    return;
  for (guint i = 0; i < self->entries->len; i++)
    if (!g_array_index (self->entries, Entry, i).settled)
      return;
  return_result (self);
}

static void
settle (SignetRequestSender *self, Entry *entry, SignetSendOutcome outcome, const char *message)
{
  if (entry->settled)
    return;
  entry->settled = TRUE;
  entry->outcome = outcome;
  g_free (entry->message);
  entry->message = g_strdup (message);
  if (entry->document != NULL)
    g_signal_handlers_disconnect_by_data (entry->document, self);
  g_debug ("Entry %s: outcome %d", entry->name, outcome);
  if (outcome == SIGNET_SEND_OUTCOME_NOT_SENT)
    return;
  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  restart_wait (self);
}

/* Whether the journalled document has got as far as it will while we wait. */
static void
check_entry (SignetRequestSender *self, Entry *entry)
{
  SignetDocument *document = entry->document;
  SignetOutbox   *outbox = signet_sync_get_outbox (self->sync);
  const char     *error = signet_document_get_last_error (document);

  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_PENDING:
      case SIGNET_DOCUMENT_STATUS_UPLOADED:
        if (error != NULL)
          settle (self, entry, SIGNET_SEND_OUTCOME_WAITING, error);
        else if (outbox == NULL || !signet_outbox_get_online (outbox))
          settle (self, entry, SIGNET_SEND_OUTCOME_WAITING,
                  _ ("Signet is offline. The request is sent as soon as the network is back."));
        return;

      case SIGNET_DOCUMENT_STATUS_FAILED:
        settle (self, entry, SIGNET_SEND_OUTCOME_FAILED,
                error != NULL ? error : _ ("The service refused the request."));
        return;

      default:
        settle (self, entry, SIGNET_SEND_OUTCOME_SENT, NULL);
        return;
    }
}

static void
check_all (SignetRequestSender *self)
{
  for (guint i = 0; i < self->entries->len && self->task != NULL; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (!entry->settled && entry->document != NULL)
        check_entry (self, entry);
    }
  maybe_return (self);
}

/* The outbox sets a document's error, then its status: look once both
 * are in. */
static gboolean
check_idle_cb (gpointer user_data)
{
  SignetRequestSender *self = user_data;

  self->check_id = 0;
  if (!self->withdrawing)
    check_all (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (SignetRequestSender *self)
{
  if (self->check_id == 0)
    self->check_id = g_idle_add (check_idle_cb, self);
}

/* Whatever has not got through by now goes on in the background. */
static void
settle_rest (SignetRequestSender *self, const char *message)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (!entry->settled && entry->document != NULL)
        settle (self, entry, SIGNET_SEND_OUTCOME_WAITING, message);
    }
  maybe_return (self);
}

static gboolean
wait_limit_cb (gpointer user_data)
{
  SignetRequestSender *self = user_data;

  self->wait_id = 0;
  settle_rest (self, _ ("The service has not answered yet. Signet goes on sending the request in "
                        "the background."));
  return G_SOURCE_REMOVE;
}

static void
withdrawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetRequestSender) self = user_data;
  g_autoptr (GPtrArray) withdrawn = NULL;
  g_autoptr (GError) error = NULL;

  withdrawn = signet_sync_withdraw_finish (SIGNET_SYNC (source), result, &error);
  if (withdrawn == NULL)
    g_debug ("Nothing withdrawn: %s", error->message);
  for (guint i = 0; withdrawn != NULL && i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->settled || entry->document == NULL
          || !g_ptr_array_find (withdrawn, entry->document, NULL))
        continue;
      /* Back to the caller, as if never sent: the journal has no trace. */
      settle (self, entry, SIGNET_SEND_OUTCOME_NOT_SENT, NULL);
      g_clear_object (&entry->document);
    }
  self->withdrawing = FALSE;
  if (self->task != NULL)
    settle_rest (self, _ ("Sending goes on in the background."));
}

/* Cancelled once the batch is journalled: what nothing was sent of yet
 * comes back as not sent; what is on its way goes on in the background. */
static void
withdraw (SignetRequestSender *self)
{
  g_autoptr (GPtrArray) documents = g_ptr_array_new ();

  if (self->withdrawing || self->task == NULL)
    return;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (!entry->settled && entry->document != NULL)
        g_ptr_array_add (documents, entry->document);
    }
  self->withdrawing = TRUE;
  signet_sync_withdraw_async (self->sync, documents, withdrawn_cb, g_object_ref (self));
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  SignetRequestSender *self = user_data;

  /* Before the batch is journalled, batch_sent_cb looks. */
  if (self->journalled)
    withdraw (self);
  return G_SOURCE_REMOVE;
}

static void
batch_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetRequestSender) self = user_data;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  guint next = 0;

  documents = signet_sync_send_batch_finish (SIGNET_SYNC (source), result, &error);
  if (self->task == NULL)
    return;
  if (documents == NULL)
    {
      /* Nothing of the batch was journalled (a full disk, say): nothing
       * is sent, and the caller says why. */
      GTask *task = g_steal_pointer (&self->task);

      self->running = FALSE;
      if (self->cancelled_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* From here the requests are in the journal: the outbox sends them even
   * if Signet stops now. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->settled)
        continue;
      g_assert (next < documents->len);
      entry->document = g_object_ref (documents->pdata[next++]);
      g_signal_connect_swapped (entry->document, "notify::status", G_CALLBACK (document_changed_cb),
                                self);
      g_signal_connect_swapped (entry->document, "notify::last-error",
                                G_CALLBACK (document_changed_cb), self);
    }
  self->journalled = TRUE;
  g_signal_emit (self, signals[JOURNALLED], 0);
  restart_wait (self);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      withdraw (self);
      return;
    }
  check_all (self);
}

static void
send_all (SignetRequestSender *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* Cancelled before anything is journalled: nothing is sent. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      return_result (self);
      return;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autoptr (GError) error = NULL;
      GPtrArray *rounds
        = signet_request_spec_build_rounds (entry->spec, entry->file, entry->name, &error);

      if (rounds == NULL)
        settle (self, entry, SIGNET_SEND_OUTCOME_FAILED, error->message);
      else
        g_ptr_array_add (batch, rounds);
    }
  if (batch->len == 0)
    {
      maybe_return (self);
      return;
    }

  /* Not cancellable: once asked for, the batch is journalled, and we want
   * to know its documents. */
  signet_sync_send_batch_async (self->sync, batch, NULL, batch_sent_cb, g_object_ref (self));
}

static void
cancelled_cb (GCancellable *cancellable, SignetRequestSender *self)
{
  /* May run on any thread that cancels; act in the main context. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancelled_idle_cb, g_object_ref (self), g_object_unref);
}

static void
quota_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetRequestSender) self = user_data;
  g_autoptr (GError) error = NULL;

  self->quota_known
    = signet_quota_check_finish (SIGNET_ACCOUNT (source), result, &self->quota, &error);
  if (!self->quota_known)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GTask *task = g_steal_pointer (&self->task);

          self->running = FALSE;
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      /* Offline, or the service is down: the outbox keeps the requests
       * until it can send them, and the service counts then. */
      g_debug ("The quota could not be checked: %s", error->message);
    }
  else if (!self->quota.fits)
    {
      GTask           *task = g_steal_pointer (&self->task);
      g_autofree char *message = signet_quota_check_dup_message (&self->quota);

      self->running = FALSE;
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED, "%s", message);
      g_object_unref (task);
      return;
    }

  if (g_task_get_cancellable (self->task) != NULL)
    self->cancelled_id = g_cancellable_connect (g_task_get_cancellable (self->task),
                                                G_CALLBACK (cancelled_cb), self, NULL);
  send_all (self);
}

static void
signet_request_sender_dispose (GObject *object)
{
  SignetRequestSender *self = SIGNET_REQUEST_SENDER (object);

  stop_watching (self);
  g_clear_object (&self->sync);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (signet_request_sender_parent_class)->dispose (object);
}

static void
signet_request_sender_finalize (GObject *object)
{
  SignetRequestSender *self = SIGNET_REQUEST_SENDER (object);

  g_array_unref (self->entries);

  G_OBJECT_CLASS (signet_request_sender_parent_class)->finalize (object);
}

static void
signet_request_sender_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SignetRequestSender *self = SIGNET_REQUEST_SENDER (object);

  switch (prop_id)
    {
      case PROP_N_DONE:
        g_value_set_uint (value, self->n_done);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_request_sender_class_init (SignetRequestSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_request_sender_dispose;
  object_class->finalize = signet_request_sender_finalize;
  object_class->get_property = signet_request_sender_get_property;

  /**
   * SignetRequestSender:n-done:
   *
   * How many entries have their outcome.
   */
  properties[PROP_N_DONE]
    = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetRequestSender::journalled:
   *
   * The batch is in the journal: from now on the outbox sends it, after a
   * crash too. The entries that have a document
   * (signet_request_sender_get_document()) are the journalled ones.
   */
  signals[JOURNALLED] = g_signal_new ("journalled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
signet_request_sender_init (SignetRequestSender *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->wait_limit = 60;
}

/**
 * signet_request_sender_new:
 * @sync: where requests are journalled and sent
 * @account: whose quota is checked first
 * @settings: the settings with `quota-warning-threshold`
 *
 * Returns: (transfer full): a new sender without entries
 */
SignetRequestSender *
signet_request_sender_new (SignetSync *sync, SignetAccount *account, GSettings *settings)
{
  SignetRequestSender *self;

  g_return_val_if_fail (SIGNET_IS_SYNC (sync), NULL);
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SIGNET_TYPE_REQUEST_SENDER, NULL);
  self->sync = g_object_ref (sync);
  self->account = g_object_ref (account);
  self->settings = g_object_ref (settings);
  return self;
}

/**
 * signet_request_sender_add:
 * @self: a #SignetRequestSender
 * @entry: (type GObject): what the caller knows the entry by, such as a
 *   queue item
 * @file: the document
 * @name: its name for the service and the signer
 * @spec: how it is to be signed; copied now
 *
 * Adds an entry before the sender runs.
 */
void
signet_request_sender_add (SignetRequestSender *self,
                           gpointer             entry,
                           GFile               *file,
                           const char          *name,
                           SignetRequestSpec   *spec)
{
  Entry new_entry = { 0 };

  g_return_if_fail (SIGNET_IS_REQUEST_SENDER (self));
  g_return_if_fail (G_IS_OBJECT (entry));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (name != NULL);
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (spec));
  g_return_if_fail (!self->running && self->n_done == 0);

  new_entry.entry = g_object_ref (entry);
  new_entry.file = g_object_ref (file);
  new_entry.name = g_strdup (name);
  /* Edits made while sending do not change what is sent. */
  new_entry.spec = signet_request_spec_copy (spec);
  g_array_append_val (self->entries, new_entry);
}

/**
 * signet_request_sender_get_n_entries:
 * @self: a #SignetRequestSender
 *
 * Returns: how many entries were added
 */
guint
signet_request_sender_get_n_entries (SignetRequestSender *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), 0);

  return self->entries->len;
}

/**
 * signet_request_sender_get_n_done:
 * @self: a #SignetRequestSender
 *
 * Returns: how many entries have their outcome
 */
guint
signet_request_sender_get_n_done (SignetRequestSender *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), 0);

  return self->n_done;
}

static Entry *
get_entry (SignetRequestSender *self, guint index)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &g_array_index (self->entries, Entry, index);
}

/**
 * signet_request_sender_get_entry:
 * @self: a #SignetRequestSender
 * @index: which entry, in the order they were added
 *
 * Returns: (transfer none) (type GObject): the entry's object
 */
gpointer
signet_request_sender_get_entry (SignetRequestSender *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->entry : NULL;
}

/**
 * signet_request_sender_get_name:
 * @self: a #SignetRequestSender
 * @index: which entry
 *
 * Returns: the entry's document name
 */
const char *
signet_request_sender_get_name (SignetRequestSender *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->name : NULL;
}

/**
 * signet_request_sender_get_outcome:
 * @self: a #SignetRequestSender
 * @index: which entry
 *
 * Returns: what became of the entry
 */
SignetSendOutcome
signet_request_sender_get_outcome (SignetRequestSender *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->outcome : SIGNET_SEND_OUTCOME_NOT_SENT;
}

/**
 * signet_request_sender_get_message:
 * @self: a #SignetRequestSender
 * @index: which entry
 *
 * Returns: (nullable): why the entry failed or waits, in words for people
 */
const char *
signet_request_sender_get_message (SignetRequestSender *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->message : NULL;
}

/**
 * signet_request_sender_get_document:
 * @self: a #SignetRequestSender
 * @index: which entry
 *
 * Returns: (transfer none) (nullable): the journalled document, if it got
 *   that far
 */
SignetDocument *
signet_request_sender_get_document (SignetRequestSender *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->document : NULL;
}

/**
 * signet_request_sender_count:
 * @self: a #SignetRequestSender
 * @outcome: an outcome
 *
 * Returns: how many entries had @outcome
 */
guint
signet_request_sender_count (SignetRequestSender *self, SignetSendOutcome outcome)
{
  guint n = 0;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, Entry, i).outcome == outcome)
      n++;
  return n;
}

/**
 * signet_request_sender_dup_documents:
 * @self: a #SignetRequestSender
 *
 * Returns: (transfer full): the documents that were sent or wait in the
 *   outbox, in the order of their entries
 */
GListModel *
signet_request_sender_dup_documents (SignetRequestSender *self)
{
  GListStore *documents;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), NULL);

  documents = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->document != NULL
          && (entry->outcome == SIGNET_SEND_OUTCOME_SENT
              || entry->outcome == SIGNET_SEND_OUTCOME_WAITING))
        g_list_store_append (documents, entry->document);
    }
  return G_LIST_MODEL (documents);
}

/**
 * signet_request_sender_get_quota:
 * @self: a #SignetRequestSender
 *
 * Returns: (nullable): what the counter said before sending, or %NULL if
 *   it could not be asked
 */
const SignetQuotaCheck *
signet_request_sender_get_quota (SignetRequestSender *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_SENDER (self), NULL);

  return self->quota_known ? &self->quota : NULL;
}

/**
 * signet_request_sender_set_wait_limit:
 * @self: a #SignetRequestSender
 * @seconds: how long to wait for the service to create a request
 *
 * After this long an entry counts as waiting in the outbox (60 s unless
 * told).
 */
void
signet_request_sender_set_wait_limit (SignetRequestSender *self, guint seconds)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SENDER (self));
  g_return_if_fail (seconds > 0);

  self->wait_limit = seconds;
}

/**
 * signet_request_sender_run_async:
 * @self: a #SignetRequestSender
 * @cancellable: (nullable): takes back the entries not sent yet
 * @callback: called when every entry has its outcome, or sending stopped
 * @user_data: data for @callback
 *
 * Checks the quota, then journals every entry in one transaction and
 * follows them while the outbox sends them one after the other. Fails
 * with %SIGNET_ERROR_QUOTA_EXHAUSTED, sending nothing, when too few
 * signature requests remain, and with the journal's error, sending
 * nothing, when the batch cannot be written down (a full disk); if the
 * quota cannot be asked for, sends anyway (the outbox keeps what it
 * cannot send yet). Cancelling after the batch is journalled takes back
 * the entries nothing was sent of (their outcome stays
 * %SIGNET_SEND_OUTCOME_NOT_SENT and the journal has no trace of them);
 * the others go on in the background.
 */
void
signet_request_sender_run_async (SignetRequestSender *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SIGNET_IS_REQUEST_SENDER (self));
  g_return_if_fail (!self->running && self->n_done == 0);

  self->running = TRUE;
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, signet_request_sender_run_async);
  /* The outcome of each entry matters even if cancelled. */
  g_task_set_check_cancellable (self->task, FALSE);
  signet_quota_check_async (self->account, self->settings, self->entries->len, cancellable,
                            quota_cb, g_object_ref (self));
}

/**
 * signet_request_sender_run_finish:
 * @self: a #SignetRequestSender
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the entries were tried (see each one's outcome),
 *   %FALSE when nothing was sent
 */
gboolean
signet_request_sender_run_finish (SignetRequestSender *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
