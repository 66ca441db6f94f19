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
struct _SignetJournal
{
  GObject parent_instance;

  char        *path;
  sqlite3     *db;   /* only touched on the worker thread */
  GThreadPool *pool; /* one thread: keeps the writes in order */
  GListStore  *documents;
  gboolean     loaded;
};

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

typedef enum
{
  JOB_OPEN,
  JOB_ADD,
  JOB_SAVE,
  JOB_EVENTS,
} JobKind;

typedef struct
{
  JobKind               kind;
  SignetDocumentRecord *record;
  GFile                *file; /* JOB_ADD: checksummed on the worker */
  char                 *event;
  char                 *detail;
  gint64                time;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->record, signet_document_record_free);
  g_clear_object (&job->file);
  g_free (job->event);
  g_free (job->detail);
  g_free (job);
}

static void
set_db_error (sqlite3 *db, const char *what, GError **error)
{
  g_debug ("SQLite failed to %s: %s", what, db != NULL ? sqlite3_errmsg (db) : "no database");
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               _ ("Signet could not write its journal of sent documents (%s). "
                  "Check that the disk is not full, then start Signet again."),
               db != NULL ? sqlite3_errmsg (db) : what);
}

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (db, sql, error);
      return FALSE;
    }
  return TRUE;
}

static int
get_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int           version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Each migration takes the schema from version i to i + 1. Never change
 * one that has shipped: add another. */
static const char *const migrations[] = {
  /* 0 → 1: requests and their history. */
  "CREATE TABLE requests ("
  "  id INTEGER PRIMARY KEY,"
  "  signature_request_id TEXT NOT NULL UNIQUE,"
  "  document_id TEXT,"
  "  environment TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  original_path TEXT,"
  "  checksum TEXT,"
  "  description TEXT NOT NULL,"
  "  signing_url TEXT,"
  "  expiration INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT,"
  "  status TEXT NOT NULL,"
  "  archive_path TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  request INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,"
  "  time INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  detail TEXT);",
  /* 1 → 2: multi-round plans, the last error, and indexes for the
   * history and the open requests. A version 1 request is one round. */
  "ALTER TABLE requests ADD COLUMN plan TEXT;"
  "ALTER TABLE requests ADD COLUMN round INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE requests ADD COLUMN n_rounds INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE requests ADD COLUMN last_error TEXT;"
  "UPDATE requests SET plan = json_array (json (description));"
  "CREATE INDEX events_by_request ON events (request, time);"
  "CREATE INDEX requests_by_status ON requests (status);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SIGNET_JOURNAL_SCHEMA_VERSION);

static gboolean
migrate (sqlite3 *db, GError **error)
{
  int version;

  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  version = get_user_version (db);
  if (version < 0 || version > SIGNET_JOURNAL_SCHEMA_VERSION)
    {
      exec (db, "ROLLBACK", NULL);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The journal of sent documents was written by a newer version of Signet. "
                      "Update Signet to open it."));
      return FALSE;
    }

  for (int i = version; i < SIGNET_JOURNAL_SCHEMA_VERSION; i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      g_debug ("Migrating the journal from version %d to %d", i, i + 1);
      if (!exec (db, migrations[i], error) || !exec (db, set_version, error))
        {
          exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return exec (db, "COMMIT", error);
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

#define REQUEST_COLUMNS                                                                            \
  "id, signature_request_id, document_id, environment, filename, original_path, checksum, "        \
  "plan, round, n_rounds, signing_url, expiration, state, status, archive_path, last_error, "      \
  "created, modified"

static GPtrArray *
load_records (sqlite3 *db, GError **error)
{
  g_autoptr (GPtrArray) records
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (db, "SELECT " REQUEST_COLUMNS " FROM requests ORDER BY id", -1, &stmt,
                          NULL)
      != SQLITE_OK)
    {
      set_db_error (db, "read the requests", error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->signature_request_id = column_text (stmt, 1);
      record->document_id = column_text (stmt, 2);
      record->environment = column_text (stmt, 3);
      record->filename = column_text (stmt, 4);
      record->original_path = column_text (stmt, 5);
      record->checksum = column_text (stmt, 6);
      record->plan = column_text (stmt, 7);
      record->round = sqlite3_column_int (stmt, 8);
      record->n_rounds = sqlite3_column_int (stmt, 9);
      record->signing_url = column_text (stmt, 10);
      record->expiration = sqlite3_column_int64 (stmt, 11);
      record->state = column_text (stmt, 12);
      record->status = column_text (stmt, 13);
      record->archive_path = column_text (stmt, 14);
      record->last_error = column_text (stmt, 15);
      record->created = sqlite3_column_int64 (stmt, 16);
      record->modified = sqlite3_column_int64 (stmt, 17);
      g_ptr_array_add (records, record);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (db, "read the requests", error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

static gboolean
open_db (SignetJournal *self, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  int              rc;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("Signet could not create the folder “%s” for its journal (%s). "
                      "Check the folder’s permissions, then start Signet again."),
                   folder, g_strerror (saved));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->db, "open the journal", error);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  /* FULL: a request the journal says was written survives a power cut too. */
  /* The busy timeout first: another reader (a second Signet, a backup
   * tool) may hold the file while WAL is switched on. */
  if (!exec (self->db, "PRAGMA busy_timeout = 5000", error)
      || !exec (self->db, "PRAGMA journal_mode = WAL", error)
      || !exec (self->db, "PRAGMA synchronous = FULL", error)
      || !exec (self->db, "PRAGMA foreign_keys = ON", error) || !migrate (self->db, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_event (sqlite3 *db, gint64 request, gint64 time, const char *kind, const char *detail)
{
  sqlite3_stmt *stmt = NULL;
  gboolean      ok;

  ok = sqlite3_prepare_v2 (db,
                           "INSERT INTO events (request, time, kind, detail) VALUES (?, ?, ?, ?)",
                           -1, &stmt, NULL)
       == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, request);
      sqlite3_bind_int64 (stmt, 2, time);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Binds the columns of @record from parameter 1 on, in REQUEST_COLUMNS
 * order without the id. */
static void
bind_record (sqlite3_stmt *stmt, SignetDocumentRecord *record)
{
  sqlite3_bind_text (stmt, 1, record->signature_request_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->document_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->environment, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->filename, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record->original_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record->plan, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, record->round);
  sqlite3_bind_int (stmt, 9, record->n_rounds);
  sqlite3_bind_text (stmt, 10, record->signing_url, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, record->expiration);
  sqlite3_bind_text (stmt, 12, record->state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, record->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, record->archive_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, record->last_error, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, record->created);
  sqlite3_bind_int64 (stmt, 17, record->modified);
}

static char *
checksum_file (GFile *file)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guchar buffer[65536];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, NULL)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
run_add (SignetJournal *self, Job *job, GError **error)
{
  SignetDocumentRecord *record = job->record;
  sqlite3_stmt         *stmt = NULL;
  gboolean              ok;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *description = NULL;

  if (job->file != NULL)
    record->checksum = checksum_file (job->file);

  /* The first round's body, for a reader of version 1. */
  if (json_parser_load_from_data (parser, record->plan, -1, NULL))
    description = json_to_string (
      json_array_get_element (json_node_get_array (json_parser_get_root (parser)), 0), FALSE);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = sqlite3_prepare_v2 (
         self->db,
         "INSERT INTO requests (signature_request_id, document_id, environment, "
         "filename, original_path, checksum, plan, round, n_rounds, signing_url, "
         "expiration, state, status, archive_path, last_error, created, modified, "
         "description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         -1, &stmt, NULL)
       == SQLITE_OK;
  if (ok)
    {
      bind_record (stmt, record);
      sqlite3_bind_text (stmt, 18, description, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (ok)
    {
      record->id = sqlite3_last_insert_rowid (self->db);
      ok = insert_event (self->db, record->id, record->created, "journalled", NULL);
    }
  if (!ok)
    {
      set_db_error (self->db, "add a request", error);
      exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (self->db, "COMMIT", error);
}

static gboolean
run_save (SignetJournal *self, Job *job, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean      ok;

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = sqlite3_prepare_v2 (self->db,
                           "UPDATE requests SET signature_request_id = ?, document_id = ?, "
                           "environment = ?, filename = ?, original_path = ?, checksum = ?, "
                           "plan = ?, round = ?, n_rounds = ?, signing_url = ?, expiration = ?, "
                           "state = ?, status = ?, archive_path = ?, last_error = ?, created = ?, "
                           "modified = ? WHERE id = ?",
                           -1, &stmt, NULL)
       == SQLITE_OK;
  if (ok)
    {
      bind_record (stmt, job->record);
      sqlite3_bind_int64 (stmt, 18, job->record->id);
      ok = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (self->db) == 1;
    }
  sqlite3_finalize (stmt);
  if (ok && job->event != NULL)
    ok = insert_event (self->db, job->record->id, job->time, job->event, job->detail);
  if (!ok)
    {
      set_db_error (self->db, "save a request", error);
      exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (self->db, "COMMIT", error);
}

static GPtrArray *
run_events (SignetJournal *self, Job *job, GError **error)
{
  g_autoptr (GPtrArray) events
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_journal_event_free);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (
        self->db, "SELECT time, kind, detail FROM events WHERE request = ? ORDER BY time, id", -1,
        &stmt, NULL)
      != SQLITE_OK)
    {
      set_db_error (self->db, "read the history", error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, job->record->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignetJournalEvent *event = g_new0 (SignetJournalEvent, 1);

      event->time = sqlite3_column_int64 (stmt, 0);
      event->kind = column_text (stmt, 1);
      event->detail = column_text (stmt, 2);
      g_ptr_array_add (events, event);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, "read the history", error);
      return NULL;
    }
  return g_steal_pointer (&events);
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

          if (self->db == NULL && !open_db (self, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          records = load_records (self->db, &error);
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
              g_task_return_pointer (task, documents, (GDestroyNotify) g_ptr_array_unref);
            }
        }
        break;
      case JOB_ADD:
        if (run_add (self, job, &error))
          g_task_return_boolean (task, TRUE);
        else
          g_task_return_error (task, error);
        break;
      case JOB_SAVE:
        if (run_save (self, job, &error))
          g_task_return_boolean (task, TRUE);
        else
          g_task_return_error (task, error);
        break;
      case JOB_EVENTS:
        {
          GPtrArray *events = run_events (self, job, &error);

          if (events == NULL)
            g_task_return_error (task, error);
          else
            g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
        }
        break;
      default:
        g_assert_not_reached ();
    }
}

static GTask *
job_task (SignetJournal      *self,
          Job                *job,
          gpointer            source_tag,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A write that was asked for is done even if the caller stops waiting:
   * the journal must not fall behind what was sent. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

static void
push (SignetJournal *self, GTask *task)
{
  g_thread_pool_push (self->pool, task, NULL);
}

/* }}} */
/* {{{ GObject */

static void
signet_journal_dispose (GObject *object)
{
  SignetJournal *self = SIGNET_JOURNAL (object);

  /* Every job holds a reference, so the queue is empty here. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_pointer (&self->db, sqlite3_close);
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
  inner = job_task (self, job, signet_journal_open_async, NULL, opened_cb, outer);
  push (self, inner);
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

/* json-glib 1.6 warns about a missing member; a plan may lack any. */
static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The longest a signature request may live (§15): 10 days. */
#define MAX_LIFETIME_MS ((gint64) 10 * 24 * 60 * 60 * 1000)

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

typedef struct
{
  SignetDocumentRecord *record;
} AddData;

static void
added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetJournal *self = SIGNET_JOURNAL (source);
  Job           *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SignetDocument) document = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  document = signet_document_new_from_record (job->record);
  if (self->documents != NULL)
    g_list_store_append (self->documents, document);
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, document, "journalled");
  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
}

/**
 * signet_journal_add_async:
 * @self: a #SignetJournal
 * @environment: the id of the environment the request goes to
 * @rounds: (array length=n_rounds): the request of each round; the first
 *   names the file, the others are sent for the stored document
 * @n_rounds: how many rounds, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes a new pending request, before anything is sent. The signature
 * request ids of all rounds are the ones in @rounds, so that a retry after
 * a crash sends the same ones again.
 */
void
signet_journal_add_async (SignetJournal                 *self,
                          const char                    *environment,
                          SignetSignatureRequest *const *rounds,
                          guint                          n_rounds,
                          GCancellable                  *cancellable,
                          GAsyncReadyCallback            callback,
                          gpointer                       user_data)
{
  g_autoptr (JsonArray) plan = NULL;
  g_autoptr (JsonNode) plan_node = NULL;
  SignetDocumentRecord *record;
  GDateTime            *expiration;
  GFile                *file;
  GTask                *outer;
  Job                  *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (environment != NULL);
  g_return_if_fail (rounds != NULL && n_rounds > 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_add_async);

  file = signet_signature_request_get_file (rounds[0]);
  if ((file == NULL) == (signet_signature_request_get_document_id (rounds[0]) == NULL))
    {
      g_task_return_new_error (
        outer, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT, "%s",
        _ ("A signature request needs either a new file or a stored document. "
           "Choose one document and try again."));
      g_object_unref (outer);
      return;
    }
  plan = json_array_new ();
  for (guint i = 0; i < n_rounds; i++)
    {
      /* An empty content keeps `filedata.state`; the file itself is not
       * part of the plan. */
      g_autoptr (JsonNode) body
        = signet_signature_request_to_json (rounds[i], NULL, i == 0 ? "" : NULL);
      JsonObject *filedata = member_object (json_node_get_object (body), "filedata");

      if (filedata != NULL)
        json_object_remove_member (filedata, "content");
      json_array_add_element (plan, g_steal_pointer (&body));
    }
  plan_node = json_node_init_array (json_node_alloc (), plan);

  record = g_new0 (SignetDocumentRecord, 1);
  record->signature_request_id
    = g_strdup (signet_signature_request_get_signature_request_id (rounds[0]));
  record->document_id = g_strdup (signet_signature_request_get_document_id (rounds[0]));
  record->environment = g_strdup (environment);
  record->filename = g_strdup (signet_signature_request_get_filename (rounds[0]));
  if (file != NULL)
    {
      record->original_path = g_file_get_path (file);
      if (record->filename == NULL)
        record->filename = g_file_get_basename (file);
    }
  if (record->filename == NULL)
    record->filename = g_strdup (record->document_id);
  record->plan = json_to_string (plan_node, FALSE);
  record->n_rounds = n_rounds;
  expiration = signet_signature_request_get_expiration (rounds[0]);
  if (expiration != NULL)
    record->expiration = g_date_time_to_unix (expiration) * 1000;
  record->status = g_strdup (signet_document_status_to_string (record->document_id != NULL
                                                                 ? SIGNET_DOCUMENT_STATUS_UPLOADED
                                                                 : SIGNET_DOCUMENT_STATUS_PENDING));
  record->created = record->modified = now_ms ();

  job = g_new0 (Job, 1);
  job->kind = JOB_ADD;
  job->record = record;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  push (self, job_task (self, job, signet_journal_add_async, NULL, added_cb, outer));
}

/**
 * signet_journal_add_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the journalled document, also in the model
 */
SignetDocument *
signet_journal_add_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
      g_warning ("%s", error->message);
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, document, job->event);
  g_task_return_boolean (task, TRUE);
}

void
signet_journal_touch (SignetDocument *document)
{
  signet_document_set_modified (document, MAX (now_ms (), signet_document_get_modified (document)));
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
  push (self, job_task (self, job, signet_journal_save_async, NULL, saved_cb, outer));
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

  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
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
  GTask *outer;
  Job   *job;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, signet_journal_list_events_async);
  job = g_new0 (Job, 1);
  job->kind = JOB_EVENTS;
  job->record = g_new0 (SignetDocumentRecord, 1);
  job->record->id = signet_document_get_journal_id (document);
  push (self, job_task (self, job, signet_journal_list_events_async, NULL, events_cb, outer));
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
/* {{{ Rebuilding a round's request from the plan */

static const char *const field_types[] = { "TEXT", "CHECKBOX", "SIGNATURE", "RADIO", "COMBOBOX" };

static int
field_type_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_strcmp0 (field_types[i], name) == 0)
      return i;
  return -1;
}

static void
add_rules (SignetSignatureRequest *request, JsonObject *rules)
{
  g_autoptr (GList) members = json_object_get_members (rules);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (rules, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      switch (json_node_get_value_type (node))
        {
          case G_TYPE_BOOLEAN:
            signet_signature_request_set_rule_boolean (request, l->data,
                                                       json_node_get_boolean (node));
            break;
          case G_TYPE_INT64:
            signet_signature_request_set_rule_int (request, l->data, json_node_get_int (node));
            break;
          default:
            signet_signature_request_set_rule_string (request, l->data,
                                                      json_node_get_string (node));
        }
    }
}

static void
add_allowed_fields (SignetSignatureRequest *request, JsonObject *allowed)
{
  g_autoptr (GList) members = json_object_get_members (allowed);

  for (GList *l = members; l != NULL; l = l->next)
    {
      int       type = field_type_from_string (l->data);
      JsonNode *node = json_object_get_member (allowed, l->data);

      if (type < 0 || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        signet_signature_request_add_allowed_field (
          request, type, json_array_get_string_element (json_node_get_array (node), i));
    }
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

SignetSignatureRequest *
signet_journal_get_round_request (SignetDocument *document, guint round, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  JsonArray  *plan, *fields, *types;
  JsonObject *body, *object;
  JsonNode   *root;
  const char *value;

  if (!json_parser_load_from_data (parser, signet_document_get_plan (document), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || round >= json_array_get_length (plan = json_node_get_array (root))
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (plan, round)))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The journal’s record of “%s” is damaged, so it cannot be sent. "
                      "Send the document again."),
                   signet_document_get_filename (document));
      return NULL;
    }
  body = json_array_get_object_element (plan, round);

  signet_signature_request_set_signature_request_id (request,
                                                     member_string (body, "signatureRequestId"));
  signet_signature_request_set_filename (request, member_string (body, "filename"));
  signet_signature_request_set_result_url (request, member_string (body, "resulturl"));
  signet_signature_request_set_send_info_url (request, member_string (body, "sendInfoURL"));
  if ((value = member_string (body, "changeState")) != NULL)
    signet_signature_request_set_change_state (request, signet_document_state_from_string (value));
  if ((value = member_string (body, "expirationTime")) != NULL)
    {
      gint64 expires = g_ascii_strtoll (value, NULL, 10);
      g_autoptr (GDateTime) expiration = NULL;

      /* A later round lives as long as the user chose, counted from when it
       * starts rather than from when the request was journalled (the plan
       * holds the first round's expiry for every round), and never longer
       * than the service allows (§15). */
      if (round > 0 && expires > signet_document_get_created (document))
        expires
          = now_ms () + MIN (expires - signet_document_get_created (document), MAX_LIFETIME_MS);
      expiration = g_date_time_new_from_unix_utc (expires / 1000);
      signet_signature_request_set_expiration (request, expiration);
    }
  if ((value = member_string (body, "fieldsBeforeSigning")) != NULL)
    {
      if (g_str_equal (value, "flatten"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_FLATTEN);
      else if (g_str_equal (value, "readOnly"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY);
      else if (g_str_equal (value, "keep"))
        signet_signature_request_set_fields_before_signing (request,
                                                            SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
    }
  if ((object = member_object (body, "filedata")) != NULL
      && (value = member_string (object, "state")) != NULL)
    signet_signature_request_set_preprocessing (request, signet_document_state_from_string (value));
  if ((object = member_object (body, "rules")) != NULL)
    add_rules (request, object);
  if ((object = member_object (body, "allowedFields")) != NULL)
    add_allowed_fields (request, object);
  if ((fields = member_array (body, "fieldConfig")) != NULL)
    {

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          JsonObject *field = json_array_get_object_element (fields, i);

          if (field == NULL || member_string (field, "name") == NULL)
            continue;
          signet_signature_request_add_field_value (
            request, member_string (field, "name"), member_string (field, "value"),
            json_object_get_boolean_member_with_default (field, "readOnly", FALSE));
        }
    }
  if ((types = member_array (body, "ignoreRequired")) != NULL)
    {

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          int type = field_type_from_string (json_array_get_string_element (types, i));

          if (type >= 0)
            signet_signature_request_add_ignore_required (request, type);
        }
    }

  if (signet_document_get_document_id (document) != NULL)
    signet_signature_request_set_document_id (request, signet_document_get_document_id (document));
  else if (signet_document_get_original_path (document) != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (signet_document_get_original_path (document));

      signet_signature_request_set_file (request, file);
    }

  return g_steal_pointer (&request);
}

/* }}} */
