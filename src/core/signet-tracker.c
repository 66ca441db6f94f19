/* signet-tracker.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-tracker"

#include "config.h"

#include "signet-archive.h"
#include "signet-document-private.h"
#include "signet-journal-private.h"
#include "signet-property-util.h"
#include "signet-tracker-private.h"

/**
 * SignetTracker:
 *
 * Follows the open requests of one environment until they end, since the
 * service cannot call a desktop back. A round asks for one `list/flat` per
 * state (E9), in the order documents move through the states, so that a
 * document that moves during the round is still seen; a document in no
 * list is asked about once (E10) before it counts as vanished. The same
 * lists bring in the account's documents this journal does not know, sent
 * from another desk or the web app (signet-tracker-import.c). Every
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

G_DEFINE_FINAL_TYPE (SignetTracker, signet_tracker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INTERVAL,
  PROP_FAST_INTERVAL,
  PROP_ARCHIVE_FOLDER,
  PROP_DELETE_AFTER_ARCHIVING,
  PROP_ARCHIVE_ELSEWHERE,
  PROP_SAVE_EVIDENCE,
  PROP_ONLINE,
  PROP_N_OPEN,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  IMPORTED,
  EVIDENCE_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
signet_tracker_is_mine (SignetTracker *self, SignetDocument *document)
{
  return g_strcmp0 (signet_document_get_environment (document), self->environment) == 0;
}

void
signet_tracker_set_problem (SignetTracker *self, GError *error)
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

void
signet_tracker_emit_finished (SignetTracker *self, SignetDocument *document)
{
  g_signal_emit (self, signals[FINISHED], 0, document);
}

void
signet_tracker_emit_evidence_recorded (SignetTracker *self, SignetDocument *document)
{
  g_signal_emit (self, signals[EVIDENCE_RECORDED], 0, document);
}

static void
document_changed_cb (SignetJournal  *journal,
                     SignetDocument *document,
                     const char     *event,
                     gpointer        user_data)
{
  SignetTracker *self = user_data;

  if (signet_tracker_is_mine (self, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  /* A request just created is asked about soon, as a QR code for it is
   * probably on screen now. */
  if (g_strcmp0 (event, "created") == 0 || g_strcmp0 (event, "recovered") == 0)
    if (signet_tracker_is_mine (self, document) && !self->polling && self->timer_id == 0)
      signet_tracker_schedule (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  SignetTracker *self = user_data;
  gboolean       online = g_network_monitor_get_network_available (monitor);

  if (!signet_property_set_boolean (G_OBJECT (self), &self->online, online,
                                    properties[PROP_ONLINE]))
    return;
  if (online)
    {
      self->failures = 0;
      signet_tracker_poll_round (self);
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
  g_clear_handle_id (&self->judge_id, g_source_remove);
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
  g_hash_table_unref (self->infos);
  g_hash_table_unref (self->known);
  g_ptr_array_unref (self->seen);
  g_hash_table_unref (self->archiving);
  g_queue_clear_full (&self->unsaved, (GDestroyNotify) signet_tracker_record_free);

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
      case PROP_ARCHIVE_ELSEWHERE:
        g_value_set_boolean (value, self->archive_elsewhere);
        break;
      case PROP_SAVE_EVIDENCE:
        g_value_set_boolean (value, self->save_evidence);
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
        if (signet_property_set_uint (object, &self->interval, g_value_get_uint (value), pspec)
            && self->timer_id != 0)
          signet_tracker_schedule (self);
        break;
      case PROP_FAST_INTERVAL:
        if (signet_property_set_uint (object, &self->fast_interval, g_value_get_uint (value), pspec)
            && self->timer_id != 0)
          signet_tracker_schedule (self);
        break;
      case PROP_ARCHIVE_FOLDER:
        {
          const char      *folder = g_value_get_string (value);
          g_autofree char *fallback = NULL;

          if (folder == NULL || folder[0] == '\0')
            folder = fallback = signet_archive_get_default_folder ();
          signet_property_set_string (object, &self->archive_folder, folder, pspec);
        }
        break;
      case PROP_DELETE_AFTER_ARCHIVING:
        signet_property_set_boolean (object, &self->delete_after_archiving,
                                     g_value_get_boolean (value), pspec);
        break;
      case PROP_ARCHIVE_ELSEWHERE:
        signet_property_set_boolean (object, &self->archive_elsewhere, g_value_get_boolean (value),
                                     pspec);
        break;
      case PROP_SAVE_EVIDENCE:
        signet_property_set_boolean (object, &self->save_evidence, g_value_get_boolean (value),
                                     pspec);
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
   * SignetTracker:archive-elsewhere:
   *
   * Whether documents sent elsewhere on the account (another desk, the web
   * app) are archived too once signed; they are never deleted from the
   * server by this desk.
   */
  properties[PROP_ARCHIVE_ELSEWHERE]
    = g_param_spec_boolean ("archive-elsewhere", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetTracker:save-evidence:
   *
   * Whether the certificate of completion and the evidence record
   * (NAME.evidence.pdf and NAME.evidence.json) are saved beside each
   * archived copy once its signature is checked (docs/evidence.md).
   */
  properties[PROP_SAVE_EVIDENCE]
    = g_param_spec_boolean ("save-evidence", NULL, NULL, FALSE,
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
  /**
   * SignetTracker::imported:
   * @self: the tracker
   * @n_documents: how many documents the import added
   *
   * Emitted when the documents sent elsewhere that a round found are all
   * journalled and in the journal's model.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * SignetTracker::evidence-recorded:
   * @self: the tracker
   * @document: the document
   *
   * Emitted when the check of an archived copy is in the journal and, with
   * #SignetTracker:save-evidence, its files are beside the copy; also when
   * that failed, so that whoever waits for it (`signet-cli send --wait`)
   * never waits forever.
   */
  signals[EVIDENCE_RECORDED]
    = g_signal_new ("evidence-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, SIGNET_TYPE_DOCUMENT);
}

static void
signet_tracker_init (SignetTracker *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = 60000;
  self->fast_interval = 3000;
  self->archive_folder = signet_archive_get_default_folder ();
  self->archive_elsewhere = TRUE;
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_ptr_array_new_with_free_func (g_object_unref);
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
  signet_tracker_poll_round (self);
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
    signet_tracker_poll_round (self);
}

/**
 * signet_tracker_is_polling:
 * @self: a #SignetTracker
 *
 * Returns: whether a round is under way (the documents it imports may
 *   still be on their way into the journal: see #SignetTracker::imported)
 */
gboolean
signet_tracker_is_polling (SignetTracker *self)
{
  g_return_val_if_fail (SIGNET_IS_TRACKER (self), FALSE);

  return self->polling;
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
    signet_tracker_schedule (self);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetTracker, SIGNET_IS_TRACKER, Ret, signet_tracker_get_##member,        \
                        member, fallback)

/**
 * signet_tracker_get_on_screen:
 * @self: a #SignetTracker
 *
 * Returns: (transfer none) (nullable): the document a hand-over page shows
 */
GETTER (SignetDocument *, on_screen, NULL)

/**
 * signet_tracker_get_problem:
 * @self: a #SignetTracker
 *
 * Returns: (nullable): why the last round failed, %NULL after a good one
 */
GETTER (const GError *, problem, NULL)

/**
 * signet_tracker_get_environment:
 * @self: a #SignetTracker
 *
 * Returns: the id of the environment whose requests it follows
 */
GETTER (const char *, environment, NULL)

/**
 * signet_tracker_get_client:
 * @self: a #SignetTracker
 *
 * Returns: (transfer none): the client it asks with
 */
GETTER (SignetClient *, client, NULL)

/**
 * signet_tracker_get_online:
 * @self: a #SignetTracker
 *
 * Returns: whether the network is there
 */
GETTER (gboolean, online, FALSE)

/**
 * signet_tracker_get_n_open:
 * @self: a #SignetTracker
 *
 * Returns: how many requests of the environment sent from this desk are
 *   not finished
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

      if (signet_tracker_is_mine (self, document) && !signet_document_get_sent_elsewhere (document)
          && !signet_document_status_is_final (signet_document_get_status (document)))
        open++;
    }
  return open;
}
