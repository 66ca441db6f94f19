/* signet-journal.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-signature-request-private.h"
#include "signet-task-util.h"

/**
 * SignetJournal:
 *
 * Signet's own record of every request sent from this computer, in SQLite
 * (`$XDG_DATA_HOME/signet/journal.db`, WAL, foreign keys, a schema version
 * in `user_version` with migrations). A request is written before it is
 * sent and after every step. All database work runs on one worker thread,
 * in the order it was asked for; the main thread sees a #GListModel of
 * #SignetDocument whose properties follow the journal.
 */
G_DEFINE_FINAL_TYPE (SignetJournal, signet_journal, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (SignetJournalEvent,
                     signet_journal_event,
                     signet_journal_event_copy,
                     signet_journal_event_free)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DOCUMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * signet_journal_event_copy:
 * @event: a #SignetJournalEvent
 *
 * Returns: (transfer full): a copy of @event
 */
SignetJournalEvent *
signet_journal_event_copy (const SignetJournalEvent *event)
{
  SignetJournalEvent *copy = g_new0 (SignetJournalEvent, 1);

  copy->time = event->time;
  copy->kind = g_strdup (event->kind);
  copy->detail = g_strdup (event->detail);
  return copy;
}

/**
 * signet_journal_event_free:
 * @event: a #SignetJournalEvent
 *
 * Frees @event.
 */
void
signet_journal_event_free (SignetJournalEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->detail);
  g_free (event);
}

/* {{{ The worker thread */

static void
job_free (Job *job)
{
  g_clear_pointer (&job->record, signet_document_record_free);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_free (job->event);
  g_free (job->detail);
  g_free (job);
}

static void
worker_cb (gpointer data, gpointer user_data)
{
  g_autoptr (GTask) task = data;
  SignetJournal *self = g_task_get_source_object (task);
  Job           *job = g_task_get_task_data (task);
  GError        *error = NULL;

  if (job->kind != JOB_OPEN && self->db == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                               _ ("The journal of sent documents is not open. "
                                  "Start Signet again."));
      return;
    }

  switch (job->kind)
    {
      case JOB_OPEN:
        {
          GPtrArray *records = NULL;

          if (self->db == NULL && !signet_journal_db_open (self, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          /* Claims the requests no live Signet owns, and tidies the kept
           * copies when no other Signet is running (docs/cli.md). */
          records = signet_journal_db_load_owned (self, &error);
          if (records == NULL)
            g_task_return_error (task, error);
          else
            {
              /* The objects are made here too: nobody else sees them yet,
               * and the main thread only splices them into the model. */
              GPtrArray *documents = g_ptr_array_new_full (records->len, g_object_unref);

              for (guint i = 0; i < records->len; i++)
                g_ptr_array_add (documents, signet_document_new_from_record (records->pdata[i]));
              g_ptr_array_unref (records);
              signet_journal_db_mark_removed (self->db, documents);
              g_task_return_pointer (task, documents, (GDestroyNotify) g_ptr_array_unref);
            }
        }
        break;
      case JOB_ADOPT:
        {
          GPtrArray *records = signet_journal_db_adopt (self, &error);
          GPtrArray *documents;

          if (records == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          documents = g_ptr_array_new_full (records->len, g_object_unref);
          for (guint i = 0; i < records->len; i++)
            g_ptr_array_add (documents, signet_document_new_from_record (records->pdata[i]));
          g_ptr_array_unref (records);
          g_task_return_pointer (task, documents, (GDestroyNotify) g_ptr_array_unref);
        }
        break;
      case JOB_ADD:
        signet_task_return_boolean_or_error (task, signet_journal_run_add (self, job, &error),
                                             &error);
        break;
      case JOB_SAVE:
        signet_task_return_boolean_or_error (task, signet_journal_db_save (self, job, &error),
                                             &error);
        break;
      case JOB_WITHDRAW:
        signet_task_return_boolean_or_error (task, signet_journal_run_withdraw (self, job, &error),
                                             &error);
        break;
      case JOB_IMPORT:
        {
          GPtrArray *documents = signet_journal_run_import (self, job, &error);

          signet_task_return_pointer_or_error (task, documents, (GDestroyNotify) g_ptr_array_unref,
                                               &error);
        }
        break;
      case JOB_SEEN:
        signet_task_return_boolean_or_error (task, signet_journal_run_seen (self, job, &error),
                                             &error);
        break;
      case JOB_EVENTS:
        {
          GPtrArray *events = signet_journal_db_events (self, job, &error);

          signet_task_return_pointer_or_error (task, events, (GDestroyNotify) g_ptr_array_unref,
                                               &error);
        }
        break;
      case JOB_DELETION_INTENTS:
        {
          GHashTable *intents = signet_journal_db_deletion_intents (self, &error);

          signet_task_return_pointer_or_error (task, intents, (GDestroyNotify) g_hash_table_unref,
                                               &error);
        }
        break;
      case JOB_ORIGINS:
        {
          GPtrArray *found = signet_journal_db_origins (self, job, &error);

          signet_task_return_pointer_or_error (task, found, (GDestroyNotify) g_ptr_array_unref,
                                               &error);
        }
        break;
      case JOB_FILED:
        signet_task_return_boolean_or_error (task, signet_journal_db_filed (self, job, &error),
                                             &error);
        break;
      default:
        g_assert_not_reached ();
    }
}

GTask *
signet_journal_job_task (SignetJournal      *self,
                         Job                *job,
                         gpointer            source_tag,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A write that was asked for is done even if the caller stops waiting:
   * the journal must not fall behind what was sent. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

void
signet_journal_push (SignetJournal *self, GTask *task)
{
  /* Closed (disposed) while work that ends in a write was still on its
   * way, such as an evidence record: the write is refused, not lost in
   * silence. */
  if (self->pool == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                               _ ("The journal of sent documents is not open. "
                                  "Start Signet again."));
      g_object_unref (task);
      return;
    }
  g_thread_pool_push (self->pool, task, NULL);
}

/* Where a document with @id goes in the model, which stays oldest first:
 * after every document up to that id. Looked for from the end, where the
 * newest are (what an import or a take-over adds). */
guint
signet_journal_position_for_id (SignetJournal *self, gint64 id)
{
  GListModel *list = G_LIST_MODEL (self->documents);
  guint       position = g_list_model_get_n_items (list);

  for (; position > 0; position--)
    {
      g_autoptr (SignetDocument) before = g_list_model_get_item (list, position - 1);

      if (signet_document_get_journal_id (before) <= id)
        break;
    }
  return position;
}

void
signet_journal_emit_changed (SignetJournal *self, SignetDocument *document, const char *event)
{
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, document, event);
}

/* }}} */
/* {{{ GObject */

static void
signet_journal_dispose (GObject *object)
{
  SignetJournal *self = SIGNET_JOURNAL (object);

  g_clear_handle_id (&self->adopt_id, g_source_remove);
  /* Every job holds a reference, so the queue is empty here. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  signet_journal_db_close (self);
  if (self->documents != NULL)
    g_list_store_remove_all (self->documents);
  g_clear_object (&self->documents);

  G_OBJECT_CLASS (signet_journal_parent_class)->dispose (object);
}

static void
signet_journal_finalize (GObject *object)
{
  SignetJournal *self = SIGNET_JOURNAL (object);

  g_free (self->path);
  g_free (self->kept_folder);
  g_clear_pointer (&self->codes_forgotten, g_hash_table_unref);

  G_OBJECT_CLASS (signet_journal_parent_class)->finalize (object);
}

static void
signet_journal_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetJournal *self = SIGNET_JOURNAL (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_value_set_string (value, self->path);
        break;
      case PROP_LOADED:
        g_value_set_boolean (value, self->loaded);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_journal_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetJournal *self = SIGNET_JOURNAL (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_free (self->path);
        self->path = g_value_dup_string (value);
        if (self->path == NULL)
          self->path = g_build_filename (g_get_user_data_dir (), "signet", "journal.db", NULL);
        {
          g_autofree char *stem = g_strdup (self->path);

          if (g_str_has_suffix (stem, ".db"))
            stem[strlen (stem) - 3] = '\0';
          g_free (self->kept_folder);
          /* journal.db keeps its copies in journal-kept/. */
          self->kept_folder = g_strconcat (stem, "-kept", NULL);
        }
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_journal_class_init (SignetJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_journal_dispose;
  object_class->finalize = signet_journal_finalize;
  object_class->get_property = signet_journal_get_property;
  object_class->set_property = signet_journal_set_property;

  /**
   * SignetJournal:path:
   *
   * The database file; %NULL at construction means
   * `$XDG_DATA_HOME/signet/journal.db`.
   */
  properties[PROP_PATH] = g_param_spec_string (
    "path", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetJournal:loaded:
   *
   * Whether the documents of the journal are in the model.
   */
  properties[PROP_LOADED]
    = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetJournal::document-changed:
   * @self: the journal
   * @document: the document
   * @event: (nullable): what happened, as in #SignetJournalEvent
   *
   * Emitted on the main context once a change of @document is written:
   * after it was added and after each save.
   */
  signals[DOCUMENT_CHANGED]
    = g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, SIGNET_TYPE_DOCUMENT, G_TYPE_STRING);
}

static void
signet_journal_init (SignetJournal *self)
{
  self->documents = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  self->pool = g_thread_pool_new (worker_cb, NULL, 1, FALSE, NULL);
  self->owner_fd = -1;
}

/* }}} */
/* {{{ Public API */

/**
 * signet_journal_new:
 * @path: (nullable): the database file, or %NULL for the user's journal
 *
 * Creates a journal; nothing is read before signet_journal_open_async().
 *
 * Returns: (transfer full): a new #SignetJournal
 */
SignetJournal *
signet_journal_new (const char *path)
{
  return g_object_new (SIGNET_TYPE_JOURNAL, "path", path, NULL);
}

/**
 * signet_journal_new_reader:
 * @path: (nullable): the database file, or %NULL for the user's journal
 *
 * Creates a journal that loads every request, also those another running
 * Signet sends or follows, and claims none: for showing them
 * (`signet-cli list`). Never give it to an outbox or a tracker.
 *
 * Returns: (transfer full): a new #SignetJournal
 */
SignetJournal *
signet_journal_new_reader (const char *path)
{
  SignetJournal *self = signet_journal_new (path);

  self->reader = TRUE;
  return self;
}

/**
 * signet_journal_get_path:
 * @self: a #SignetJournal
 *
 * Returns: the database file
 */
const char *
signet_journal_get_path (SignetJournal *self)
{
  g_return_val_if_fail (SIGNET_IS_JOURNAL (self), NULL);

  return self->path;
}

/**
 * signet_journal_get_documents:
 * @self: a #SignetJournal
 *
 * Returns: (transfer none): a #GListModel of #SignetDocument, oldest first
 */
GListModel *
signet_journal_get_documents (SignetJournal *self)
{
  g_return_val_if_fail (SIGNET_IS_JOURNAL (self), NULL);

  return G_LIST_MODEL (self->documents);
}

/**
 * signet_journal_get_loaded:
 * @self: a #SignetJournal
 *
 * Returns: whether the journal's documents are in the model
 */
gboolean
signet_journal_get_loaded (SignetJournal *self)
{
  g_return_val_if_fail (SIGNET_IS_JOURNAL (self), FALSE);

  return self->loaded;
}

/* How often a journal that sends looks for requests whose Signet has
 * gone (a signet-cli that ended), to send and follow them (docs/cli.md). */
#define ADOPT_INTERVAL_S 5

static void
adopted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetJournal) self = user_data;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;

  self->adopting = FALSE;
  documents = g_task_propagate_pointer (G_TASK (result), &error);
  if (documents == NULL)
    {
      g_debug ("Could not look for requests to take over: %s", error->message);
      return;
    }
  if (self->documents == NULL)
    return;
  for (guint i = 0; i < documents->len; i++)
    {
      SignetDocument *document = documents->pdata[i];
      gint64          id = signet_document_get_journal_id (document);

      g_list_store_insert (self->documents, signet_journal_position_for_id (self, id), document);
      g_debug ("Took over request %" G_GINT64_FORMAT, id);
      signet_journal_emit_changed (self, document, "adopted");
    }
}

static gboolean
adopt_cb (gpointer user_data)
{
  SignetJournal *self = user_data;
  Job           *job;

  if (self->adopting || self->pool == NULL)
    return G_SOURCE_CONTINUE;
  self->adopting = TRUE;
  job = g_new0 (Job, 1);
  job->kind = JOB_ADOPT;
  signet_journal_push (
    self, signet_journal_job_task (self, job, adopt_cb, adopted_cb, g_object_ref (self)));
  return G_SOURCE_CONTINUE;
}

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetJournal *self = SIGNET_JOURNAL (source);
  g_autoptr (GPtrArray) documents = NULL;
  GError *error = NULL;

  documents = g_task_propagate_pointer (G_TASK (result), &error);
  if (documents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!self->loaded && self->documents != NULL)
    {
      g_list_store_splice (self->documents, 0, 0, documents->pdata, documents->len);
      self->loaded = TRUE;
      if (!self->reader)
        self->adopt_id = g_timeout_add_seconds (ADOPT_INTERVAL_S, adopt_cb, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      g_debug ("Loaded %u requests from %s", documents->len, self->path);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_journal_open_async:
 * @self: a #SignetJournal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Opens the database, creating or migrating it, and loads every request
 * into the model. A database of a newer schema is left untouched and is
 * an error.
 */
void
signet_journal_open_async (SignetJournal      *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *outer;
  GTask *inner;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_open_async);

  job = g_new0 (Job, 1);
  job->kind = JOB_OPEN;
  inner = signet_journal_job_task (self, job, signet_journal_open_async, opened_cb, outer);
  signet_journal_push (self, inner);
}

/**
 * signet_journal_open_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once the journal is open and loaded
 */
gboolean
signet_journal_open_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Takes @document out of the list and puts it back where it was: a list
 * model's way to say that an item changed. The models over the list (the
 * library's sort and filter) then look again at this one document, not at
 * every one. Looked for from the end, where the newest are: those still
 * changing. */
static void
put_back (SignetJournal *self, SignetDocument *document)
{
  GListModel *list = G_LIST_MODEL (self->documents);

  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr (SignetDocument) item = g_list_model_get_item (list, i);

      if (item == document)
        {
          g_list_store_splice (self->documents, i, 1, (gpointer *) &document, 1);
          return;
        }
    }
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetJournal  *self = SIGNET_JOURNAL (source);
  Job            *job = g_task_get_task_data (G_TASK (result));
  SignetDocument *document = g_task_get_task_data (task);
  GError         *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Every caller hears it and says what it does about it. */
      g_debug ("Not written (%s): %s", job->event, error->message);
      g_task_return_error (task, error);
      return;
    }
  if (g_task_get_source_tag (task) == signet_journal_save_record_async)
    signet_document_update_from_record (document, job->record);
  /* A journal closed while the write was on its way has no list any more. */
  if (self->documents != NULL)
    put_back (self, document);
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, document, job->event);
  g_task_return_boolean (task, TRUE);
}

void
signet_journal_touch (SignetDocument *document)
{
  signet_document_set_modified (
    document, MAX (signet_journal_now_ms (), signet_document_get_modified (document)));
}

/**
 * signet_journal_save_async:
 * @self: a #SignetJournal
 * @document: a document of this journal, changed by core
 * @event: (nullable): what happened, for the history
 * @detail: (nullable): the event's detail
 * @cancellable: (nullable): a #GCancellable; the write is done anyway
 * @callback: (nullable): called when written
 * @user_data: data for @callback
 *
 * Writes @document as it is now, and @event in its history, in one
 * transaction. Saves are written in the order they are asked for.
 */
void
signet_journal_save_async (SignetJournal      *self,
                           SignetDocument     *document,
                           const char         *event,
                           const char         *detail,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *outer;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));
  g_return_if_fail (signet_document_get_journal_id (document) > 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_save_async);
  g_task_set_task_data (outer, g_object_ref (document), g_object_unref);

  signet_journal_touch (document);
  job = g_new0 (Job, 1);
  job->kind = JOB_SAVE;
  job->record = signet_document_to_record (document);
  job->event = g_strdup (event);
  job->detail = g_strdup (detail);
  job->time = job->record->modified;
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_save_async, saved_cb, outer));
}

void
signet_journal_save_record_async (SignetJournal        *self,
                                  SignetDocument       *document,
                                  SignetDocumentRecord *record,
                                  const char           *event,
                                  const char           *detail,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  GTask *outer;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));
  g_return_if_fail (record->id == signet_document_get_journal_id (document) && record->id > 0);

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_save_record_async);
  g_task_set_task_data (outer, g_object_ref (document), g_object_unref);

  record->modified = MAX (signet_journal_now_ms (), record->modified);
  job = g_new0 (Job, 1);
  job->kind = JOB_SAVE;
  job->record = record;
  job->event = g_strdup (event);
  job->detail = g_strdup (detail);
  job->time = record->modified;
  signet_journal_push (
    self, signet_journal_job_task (self, job, signet_journal_save_async, saved_cb, outer));
}

/**
 * signet_journal_save_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once written
 */
gboolean
signet_journal_save_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
events_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError    *error = NULL;
  GPtrArray *events = g_task_propagate_pointer (G_TASK (result), &error);

  signet_task_return_pointer_or_error (task, events, (GDestroyNotify) g_ptr_array_unref, &error);
}

static void
deletion_intents_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError     *error = NULL;
  GHashTable *intents = g_task_propagate_pointer (G_TASK (result), &error);

  signet_task_return_pointer_or_error (task, intents, (GDestroyNotify) g_hash_table_unref, &error);
}

/* Queues a read of the journal (@kind, about the request @id when it is
 * not 0) whose result @inner_cb hands to @callback. */
static void
push_read (SignetJournal      *self,
           JobKind             kind,
           gint64              id,
           gpointer            source_tag,
           GAsyncReadyCallback inner_cb,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  Job   *job = g_new0 (Job, 1);

  g_task_set_source_tag (outer, source_tag);
  job->kind = kind;
  job->record = g_new0 (SignetDocumentRecord, 1);
  job->record->id = id;
  signet_journal_push (self, signet_journal_job_task (self, job, source_tag, inner_cb, outer));
}

/**
 * signet_journal_list_events_async:
 * @self: a #SignetJournal
 * @document: a document of this journal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the history of @document, oldest first.
 */
void
signet_journal_list_events_async (SignetJournal      *self,
                                  SignetDocument     *document,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));

  push_read (self, JOB_EVENTS, signet_document_get_journal_id (document),
             signet_journal_list_events_async, events_cb, cancellable, callback, user_data);
}

/**
 * signet_journal_list_events_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type SignetJournalEvent): the
 *   history
 */
GPtrArray *
signet_journal_list_events_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_journal_list_deletion_intents_async:
 * @self: a #SignetJournal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds every deletion that was asked for and has no result in the
 * history: the ones Signet stopped in the middle of. One read of the
 * journal, whatever the number of documents.
 */
void
signet_journal_list_deletion_intents_async (SignetJournal      *self,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  push_read (self, JOB_DELETION_INTENTS, 0, signet_journal_list_deletion_intents_async,
             deletion_intents_cb, cancellable, callback, user_data);
}

/**
 * signet_journal_list_deletion_intents_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64 utf8): the detail of the
 *   `deleting` event (what was to be deleted) of each such request, by
 *   its journal id (signet_document_get_journal_id())
 */
GHashTable *
signet_journal_list_deletion_intents_finish (SignetJournal *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_journal_find:
 * @self: a #SignetJournal
 * @signature_request_id: a signature request id of any round
 *
 * Returns: (transfer none) (nullable): the document whose current round
 *   has that id
 */
SignetDocument *
signet_journal_find (SignetJournal *self, const char *signature_request_id)
{
  guint n;

  g_return_val_if_fail (SIGNET_IS_JOURNAL (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document
        = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (g_strcmp0 (signet_document_get_signature_request_id (document), signature_request_id)
          == 0)
        return document;
    }
  return NULL;
}

void
signet_clear_signal_handler (gulong *id, gpointer instance)
{
  if (*id != 0 && instance != NULL && g_signal_handler_is_connected (instance, *id))
    g_signal_handler_disconnect (instance, *id);
  *id = 0;
}

/* }}} */
