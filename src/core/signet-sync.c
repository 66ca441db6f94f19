/* signet-sync.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-error.h"
#include "signet-journal-evidence.h"
#include "signet-journal-private.h"
#include "signet-property-util.h"
#include "signet-sync.h"
#include "signet-task-util.h"

/**
 * SignetSync:
 *
 * Puts the journal, the outbox and the tracker together for the account's
 * current environment: opens the journal, gets the environment's client,
 * and keeps an outbox and a tracker running for it, made anew when the
 * environment changes. The tracker's interval, archive folder and
 * deletion after archiving follow the settings `tracking-interval`,
 * `archive-folder`, `delete-after-archiving`, `archive-sent-elsewhere` and
 * `save-evidence`.
 */
struct _SignetSync
{
  GObject parent_instance;

  SignetAccount   *account;
  GSettings       *settings;
  SignetJournal   *journal;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable; /* of the current environment's client */
  SignetOutbox    *outbox;
  SignetTracker   *tracker;
  gboolean         started;
  gulong           environment_id;
};

G_DEFINE_FINAL_TYPE (SignetSync, signet_sync, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_OUTBOX,
  PROP_TRACKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  RESUMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
environment_id (SignetSync *self)
{
  return signet_environment_get_id (signet_account_get_environment (self->account));
}

static gboolean
seconds_to_ms (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 1000);
  return TRUE;
}

static GVariant *
ms_to_seconds (const GValue *value, const GVariantType *type, gpointer user_data)
{
  return g_variant_new_uint32 (g_value_get_uint (value) / 1000);
}

static void
tracker_finished_cb (SignetTracker *tracker, SignetDocument *document, gpointer user_data)
{
  g_signal_emit (user_data, signals[FINISHED], 0, document);
}

static void
outbox_resumed_cb (SignetOutbox *outbox, guint n_sent, guint n_unsent, gpointer user_data)
{
  g_signal_emit (user_data, signals[RESUMED], 0, n_sent, n_unsent);
}

static void
drop_workers (SignetSync *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      signet_outbox_stop (self->outbox);
      g_clear_object (&self->outbox);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
    }
  if (self->tracker != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tracker, self);
      signet_tracker_stop (self->tracker);
      g_clear_object (&self->tracker);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACKER]);
    }
}

static void
client_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetSync) self = user_data;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = signet_account_get_client_finish (SIGNET_ACCOUNT (source), result, &error);
  if (client == NULL)
    {
      /* Not connected yet, or the keyring is locked: the journal keeps the
       * requests until the account is ready. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No client for %s yet: %s", environment_id (self), error->message);
      return;
    }
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->outbox = signet_outbox_new (self->journal, client, environment_id (self), self->monitor);
  self->tracker = signet_tracker_new (self->journal, client, environment_id (self), self->monitor);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "archive-folder", self->tracker, "archive-folder",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "delete-after-archiving", self->tracker,
                       "delete-after-archiving", G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "archive-sent-elsewhere", self->tracker, "archive-elsewhere",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "save-evidence", self->tracker, "save-evidence",
                       G_SETTINGS_BIND_GET);
      g_settings_bind_with_mapping (self->settings, "tracking-interval", self->tracker, "interval",
                                    G_SETTINGS_BIND_GET, seconds_to_ms, ms_to_seconds, NULL, NULL);
    }
  g_signal_connect (self->tracker, "finished", G_CALLBACK (tracker_finished_cb), self);
  g_signal_connect (self->outbox, "resumed", G_CALLBACK (outbox_resumed_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACKER]);
  signet_outbox_start (self->outbox);
  signet_tracker_start (self->tracker);
  g_debug ("Sending and tracking requests of %s", environment_id (self));
}

static void
environment_changed_cb (SignetSync *self)
{
  drop_workers (self);
  if (!self->started || signet_account_get_environment (self->account) == SIGNET_ENVIRONMENT_NONE)
    return;
  self->cancellable = g_cancellable_new ();
  signet_account_get_client_async (self->account, self->cancellable, client_cb,
                                   g_object_ref (self));
}

static void
signet_sync_dispose (GObject *object)
{
  SignetSync *self = SIGNET_SYNC (object);

  drop_workers (self);
  signet_clear_signal_handler (&self->environment_id, self->account);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (signet_sync_parent_class)->dispose (object);
}

static void
signet_sync_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetSync *self = SIGNET_SYNC (object);

  switch (prop_id)
    {
      case PROP_OUTBOX:
        g_value_set_object (value, self->outbox);
        break;
      case PROP_TRACKER:
        g_value_set_object (value, self->tracker);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_sync_class_init (SignetSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_sync_dispose;
  object_class->get_property = signet_sync_get_property;

  /**
   * SignetSync:outbox:
   *
   * The outbox of the current environment, once its client is ready.
   */
  properties[PROP_OUTBOX]
    = g_param_spec_object ("outbox", NULL, NULL, SIGNET_TYPE_OUTBOX,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetSync:tracker:
   *
   * The tracker of the current environment, once its client is ready.
   */
  properties[PROP_TRACKER]
    = g_param_spec_object ("tracker", NULL, NULL, SIGNET_TYPE_TRACKER,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetSync::finished:
   * @self: the sync
   * @document: the document
   *
   * Relays #SignetTracker::finished of the current tracker.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, SIGNET_TYPE_DOCUMENT);
  /**
   * SignetSync::resumed:
   * @self: the sync
   * @n_sent: how many requests of the interrupted batches had been sent
   * @n_unsent: how many are being sent now
   *
   * Relays #SignetOutbox::resumed: an earlier run was interrupted while
   * sending, and the outbox goes on where it stopped. Emitted once the
   * account's client is ready, after signet_sync_start_async() finished.
   */
  signals[RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
signet_sync_init (SignetSync *self)
{
}

/**
 * signet_sync_new:
 * @account: the account
 * @settings: (nullable): the application's settings
 * @journal: the journal, not yet opened
 * @monitor: (nullable): the network monitor, or %NULL for the system's
 *
 * Returns: (transfer full): a new #SignetSync
 */
SignetSync *
signet_sync_new (SignetAccount   *account,
                 GSettings       *settings,
                 SignetJournal   *journal,
                 GNetworkMonitor *monitor)
{
  SignetSync *self;

  g_return_val_if_fail (SIGNET_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (SIGNET_IS_JOURNAL (journal), NULL);

  self = g_object_new (SIGNET_TYPE_SYNC, NULL);
  self->account = g_object_ref (account);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->journal = g_object_ref (journal);
  self->monitor = monitor != NULL ? g_object_ref (monitor) : NULL;
  return self;
}

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSync *self = g_task_get_source_object (task);
  GError     *error = NULL;

  if (!signet_journal_open_finish (SIGNET_JOURNAL (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  self->started = TRUE;
  signet_journal_load_signature_statuses (self->journal);
  self->environment_id = g_signal_connect_swapped (self->account, "notify::environment",
                                                   G_CALLBACK (environment_changed_cb), self);
  environment_changed_cb (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_sync_start_async:
 * @self: a #SignetSync
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the journal is loaded
 * @user_data: data for @callback
 *
 * Opens the journal, then resumes sending and tracking for the account's
 * environment (as soon as its client is ready).
 */
void
signet_sync_start_async (SignetSync         *self,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (SIGNET_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sync_start_async);
  signet_journal_open_async (self->journal, cancellable, opened_cb, task);
}

/**
 * signet_sync_start_finish:
 * @self: a #SignetSync
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once the journal is loaded
 */
gboolean
signet_sync_start_finish (SignetSync *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetSync, SIGNET_IS_SYNC, Ret, signet_sync_get_##member, member, fallback)

/**
 * signet_sync_get_journal:
 * @self: a #SignetSync
 *
 * Returns: (transfer none): the journal
 */
GETTER (SignetJournal *, journal, NULL)

/**
 * signet_sync_get_outbox:
 * @self: a #SignetSync
 *
 * Returns: (transfer none) (nullable): the current outbox
 */
GETTER (SignetOutbox *, outbox, NULL)

/**
 * signet_sync_get_tracker:
 * @self: a #SignetSync
 *
 * Returns: (transfer none) (nullable): the current tracker
 */
GETTER (SignetTracker *, tracker, NULL)

static void
added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError         *error = NULL;
  SignetDocument *document = signet_journal_add_finish (SIGNET_JOURNAL (source), result, &error);

  signet_task_return_pointer_or_error (task, document, g_object_unref, &error);
}

/**
 * signet_sync_send_async:
 * @self: a #SignetSync
 * @rounds: (array length=n_rounds): the request of each round
 * @n_rounds: how many rounds, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the request is journalled
 * @user_data: data for @callback
 *
 * Journals a request for the current environment; the outbox sends it
 * as soon as it can, even if the account is not ready yet.
 */
void
signet_sync_send_async (SignetSync                    *self,
                        SignetSignatureRequest *const *rounds,
                        guint                          n_rounds,
                        GCancellable                  *cancellable,
                        GAsyncReadyCallback            callback,
                        gpointer                       user_data)
{
  GTask *task;

  g_return_if_fail (SIGNET_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sync_send_async);
  if (signet_account_get_environment (self->account) == SIGNET_ENVIRONMENT_NONE)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED, "%s",
                               _ ("Signet is not connected to OKdokument yet."));
      g_object_unref (task);
      return;
    }
  signet_journal_add_async (self->journal, environment_id (self), rounds, n_rounds, cancellable,
                            added_cb, task);
}

/**
 * signet_sync_send_finish:
 * @self: a #SignetSync
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the journalled document
 */
SignetDocument *
signet_sync_send_finish (SignetSync *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
batch_added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError    *error = NULL;
  GPtrArray *documents = signet_journal_add_batch_finish (SIGNET_JOURNAL (source), result, &error);

  signet_task_return_pointer_or_error (task, documents, (GDestroyNotify) g_ptr_array_unref, &error);
}

/**
 * signet_sync_send_batch_async:
 * @self: a #SignetSync
 * @batch: (element-type GPtrArray): for each request, a #GPtrArray of
 *   the #SignetSignatureRequest of each round
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the whole batch is journalled
 * @user_data: data for @callback
 *
 * Journals every request of @batch for the current environment in one
 * transaction, with a copy of each file (see
 * signet_journal_add_batch_async()); the outbox then sends them one after
 * the other, and after a crash goes on where it stopped.
 */
void
signet_sync_send_batch_async (SignetSync         *self,
                              GPtrArray          *batch,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (SIGNET_IS_SYNC (self));
  g_return_if_fail (batch != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sync_send_batch_async);
  /* Once asked for, the batch is written: the caller must learn of it. */
  g_task_set_check_cancellable (task, FALSE);
  if (signet_account_get_environment (self->account) == SIGNET_ENVIRONMENT_NONE)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED, "%s",
                               _ ("Signet is not connected to OKdokument yet."));
      g_object_unref (task);
      return;
    }
  signet_journal_add_batch_async (self->journal, environment_id (self), batch, NULL, batch_added_cb,
                                  task);
}

/**
 * signet_sync_send_batch_finish:
 * @self: a #SignetSync
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   journalled documents, in the order of the batch
 */
GPtrArray *
signet_sync_send_batch_finish (SignetSync *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
withdrawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSync *self = g_task_get_source_object (task);
  GPtrArray  *held = g_task_get_task_data (task);
  GError     *error = NULL;
  GPtrArray  *withdrawn = signet_journal_withdraw_finish (SIGNET_JOURNAL (source), result, &error);

  if (self->outbox != NULL)
    for (guint i = 0; i < held->len; i++)
      signet_outbox_release (self->outbox, held->pdata[i]);
  signet_task_return_pointer_or_error (task, withdrawn, (GDestroyNotify) g_ptr_array_unref, &error);
}

/**
 * signet_sync_withdraw_async:
 * @self: a #SignetSync
 * @documents: (element-type SignetDocument): journalled documents
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Takes back those of @documents that nothing was sent of yet (pending,
 * and not on their way now): they leave the journal, as if they had never
 * been sent. The others go on.
 */
void
signet_sync_withdraw_async (SignetSync         *self,
                            GPtrArray          *documents,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  GTask *task;

  g_return_if_fail (SIGNET_IS_SYNC (self));
  g_return_if_fail (documents != NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      SignetDocument *document = documents->pdata[i];

      if (signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_PENDING)
        continue;
      if (self->outbox == NULL || signet_outbox_hold (self->outbox, document))
        g_ptr_array_add (held, g_object_ref (document));
    }
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, signet_sync_withdraw_async);
  g_task_set_task_data (task, g_ptr_array_ref (held), (GDestroyNotify) g_ptr_array_unref);
  signet_journal_withdraw_async (self->journal, held, withdrawn_cb, task);
}

/**
 * signet_sync_withdraw_finish:
 * @self: a #SignetSync
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   documents withdrawn
 */
GPtrArray *
signet_sync_withdraw_finish (SignetSync *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_sync_forget_environment_async:
 * @self: a #SignetSync
 * @environment: an environment's id, such as `sandbox`
 * @callback: called when done; finish with signet_sync_withdraw_finish()
 * @user_data: data for @callback
 *
 * Takes every document of @environment out of the journal, whatever its
 * status, with its history: for the built-in sandbox after its reset, so
 * that nothing it no longer knows turns "Gone" in the library.
 */
void
signet_sync_forget_environment_async (SignetSync         *self,
                                      const char         *environment,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;
  GTask      *task;

  g_return_if_fail (SIGNET_IS_SYNC (self));
  g_return_if_fail (environment != NULL);

  model = signet_journal_get_documents (self->journal);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (model, i);

      if (g_strcmp0 (signet_document_get_environment (document), environment) != 0)
        continue;
      /* One on its way is forgotten all the same; its answer finds nothing. */
      if (self->outbox != NULL && signet_outbox_hold (self->outbox, document))
        g_ptr_array_add (held, g_object_ref (document));
      g_ptr_array_add (documents, g_steal_pointer (&document));
    }
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, signet_sync_withdraw_async);
  g_task_set_task_data (task, g_ptr_array_ref (held), (GDestroyNotify) g_ptr_array_unref);
  signet_journal_forget_async (self->journal, documents, withdrawn_cb, task);
}
