/* signet-journal-db.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

/* O_CLOEXEC and flock() under -std=c11. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-library.h"

/* The schema, its migrations, and the SQL of each job; all of it runs on
 * the journal's worker thread. */

void
signet_journal_db_error (sqlite3 *db, const char *what, GError **error)
{
  g_debug ("SQLite failed to %s: %s", what, db != NULL ? sqlite3_errmsg (db) : "no database");
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               _ ("Signet could not write its journal of sent documents (%s). "
                  "Check that the disk is not full, then start Signet again."),
               db != NULL ? sqlite3_errmsg (db) : what);
}

gboolean
signet_journal_db_exec (sqlite3 *db, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      signet_journal_db_error (db, sql, error);
      return FALSE;
    }
  return TRUE;
}

/* A COMMIT that fails (a full disk, an I/O error) may leave the
 * transaction open; it is rolled back, so that the next write can begin. */
gboolean
signet_journal_db_commit (sqlite3 *db, GError **error)
{
  if (signet_journal_db_exec (db, "COMMIT", error))
    return TRUE;
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
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
  /* 2 → 3: the journal's own copy of a file not uploaded yet. */
  "ALTER TABLE requests ADD COLUMN kept_path TEXT;",
  /* 3 → 4: which running Signet sends and follows a request (docs/cli.md). */
  "ALTER TABLE requests ADD COLUMN owner TEXT;",
  /* 4 → 5: documents imported from the account's lists, sent from another
   * desk or the web app (docs/shared-account.md), and when the server's
   * lists last had each document. */
  "ALTER TABLE requests ADD COLUMN origin TEXT;"
  "ALTER TABLE requests ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX requests_by_document ON requests (document_id);",
  /* 5 → 6: one-time codes the sender chose are no longer written here
   * (signet-journal-codes.c); those of requests that ended are removed
   * (and overwritten: the connection has secure_delete on). Open requests
   * keep theirs in the plan, where the journal still reads them. */
  "UPDATE requests SET plan = json_remove (plan, '$[0].rules.openOtpCode', "
  "'$[0].rules.signOtpCode', '$[1].rules.openOtpCode', '$[1].rules.signOtpCode', "
  "'$[2].rules.openOtpCode', '$[2].rules.signOtpCode', '$[3].rules.openOtpCode', "
  "'$[3].rules.signOtpCode', '$[4].rules.openOtpCode', '$[4].rules.signOtpCode', "
  "'$[5].rules.openOtpCode', '$[5].rules.signOtpCode', '$[6].rules.openOtpCode', "
  "'$[6].rules.signOtpCode', '$[7].rules.openOtpCode', '$[7].rules.signOtpCode', "
  "'$[8].rules.openOtpCode', '$[8].rules.signOtpCode', '$[9].rules.openOtpCode', "
  "'$[9].rules.signOtpCode'), "
  "description = json_remove (description, '$.rules.openOtpCode', '$.rules.signOtpCode') "
  "WHERE (plan LIKE '%OtpCode%' OR description LIKE '%OtpCode%') "
  "AND status NOT IN ('pending', 'uploaded', 'open', 'signed');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SIGNET_JOURNAL_SCHEMA_VERSION);

static gboolean
migrate (sqlite3 *db, GError **error)
{
  int version;

  if (!signet_journal_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  version = get_user_version (db);
  if (version < 0 || version > SIGNET_JOURNAL_SCHEMA_VERSION)
    {
      signet_journal_db_exec (db, "ROLLBACK", NULL);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The journal of sent documents was written by a newer version of Signet. "
                      "Update Signet to open it."));
      return FALSE;
    }

  for (int i = version; i < SIGNET_JOURNAL_SCHEMA_VERSION; i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      g_debug ("Migrating the journal from version %d to %d", i, i + 1);
      if (!signet_journal_db_exec (db, migrations[i], error)
          || !signet_journal_db_exec (db, set_version, error))
        {
          signet_journal_db_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return signet_journal_db_commit (db, error);
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
  "created, modified, kept_path, origin, last_seen, " /* The signer, for the search key; a damaged \
                                                         plan gives none. */                       \
  "CASE WHEN json_valid (plan) THEN json_extract (plan, '$[0].rules.guiSignerName') END, "         \
  "CASE WHEN json_valid (plan) THEN json_extract (plan, '$[0].rules.emailTo') END"

/* Prepares @sql, binds @id to its one parameter unless it is 0, and reads
 * every row with @read_row into an array that frees them with @free_func;
 * %NULL with an error saying what failed (@what) otherwise. */
static GPtrArray *
read_rows (sqlite3    *db,
           const char *sql,
           gint64      id,
           gpointer (*read_row) (sqlite3_stmt *stmt),
           GDestroyNotify free_func,
           const char    *what,
           GError       **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      signet_journal_db_error (db, what, error);
      return NULL;
    }
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      signet_journal_db_error (db, what, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gpointer
read_record (sqlite3_stmt *stmt)
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
  record->kept_path = column_text (stmt, 18);
  record->origin = column_text (stmt, 19);
  record->last_seen = sqlite3_column_int64 (stmt, 20);
  /* Made here, on the journal's thread, for every document it loads. */
  record->search_key = signet_library_search_key_new (
    record->filename,
    sqlite3_column_type (stmt, 21) == SQLITE_TEXT ? (const char *) sqlite3_column_text (stmt, 21)
                                                  : NULL,
    sqlite3_column_type (stmt, 22) == SQLITE_TEXT ? (const char *) sqlite3_column_text (stmt, 22)
                                                  : NULL);
  return record;
}

GPtrArray *
signet_journal_db_load (sqlite3 *db, GError **error)
{
  return read_rows (db, "SELECT " REQUEST_COLUMNS " FROM requests ORDER BY id", 0, read_record,
                    (GDestroyNotify) signet_document_record_free, "read the requests", error);
}

/* {{{ Owners: one running Signet sends and follows each request
 *
 * Several Signets (a window and signet-cli) may open one journal at once.
 * Each journal that may send registers an owner: a file in
 * `<journal>.owners/` named by a random token, on which it holds an
 * exclusive flock() for as long as it is open. The kernel drops the lock
 * when the process ends however it ends, so a lock that can be taken
 * means that owner is gone. Every request a journal inserts carries its
 * token (a TEMP trigger of its connection), and at open, in one
 * transaction, a journal claims the open requests whose owner is gone and
 * loads only its own open requests, and every finished one. So no two
 * outboxes or trackers ever hold the same open request. The registry's
 * `.lock` orders a new owner's arrival (shared) against a check of who is
 * alive and the tidying of kept copies that depends on it (exclusive).
 * docs/cli.md has the argument. */

#define LIVE_STATUSES "('pending', 'uploaded', 'open', 'signed')"

static char *
owners_folder (SignetJournal *self)
{
  return g_strconcat (self->path, ".owners", NULL);
}

static void
registry_error (const char *folder, int saved, GError **error)
{
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               _ ("Signet could not use the folder “%s” beside its journal (%s). "
                  "Check the folder’s permissions, then start Signet again."),
               folder, g_strerror (saved));
}

/* The registry's lock, taken with @operation (LOCK_SH or LOCK_EX), or -1. */
static int
lock_registry (SignetJournal *self, int operation, GError **error)
{
  g_autofree char *folder = owners_folder (self);
  g_autofree char *path = g_build_filename (folder, ".lock", NULL);
  int              fd;

  if (g_mkdir_with_parents (folder, 0700) != 0
      || (fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      registry_error (folder, errno, error);
      return -1;
    }
  while (flock (fd, operation) != 0)
    if (errno != EINTR)
      {
        registry_error (folder, errno, error);
        close (fd);
        return -1;
      }
  return fd;
}

/* Makes this journal an owner. The token file is locked before it gets
 * its name, so nobody ever sees it unlocked while we live. */
static gboolean
register_owner (SignetJournal *self, GError **error)
{
  g_autofree char *folder = owners_folder (self);
  g_autofree char *token = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (".", token, ".new", NULL);
  g_autofree char *temporary = g_build_filename (folder, name, NULL);
  g_autofree char *path = g_build_filename (folder, token, NULL);
  int              registry = lock_registry (self, LOCK_SH, error);
  int              fd;

  if (registry < 0)
    return FALSE;
  fd = open (temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0 || rename (temporary, path) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (temporary);
      close (registry);
      registry_error (folder, saved, error);
      return FALSE;
    }
  close (registry);
  self->owner = g_steal_pointer (&token);
  self->owner_fd = fd;
  return TRUE;
}

/* Whether the owner @token is a running journal. A gone owner's file is
 * removed; call with the registry locked exclusively. */
static gboolean
owner_alive (const char *folder, const char *token)
{
  g_autofree char *path = NULL;
  int              fd;
  gboolean         alive;

  if (!g_uuid_string_is_valid (token))
    return FALSE;
  path = g_build_filename (folder, token, NULL);
  fd = open (path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  alive = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  if (!alive)
    g_unlink (path);
  close (fd);
  return alive;
}

/* Whether any owner but this journal is alive; removes the gone ones. */
static gboolean
others_alive (SignetJournal *self)
{
  g_autofree char *folder = owners_folder (self);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gboolean    others = FALSE;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_strcmp0 (name, self->owner) != 0 && owner_alive (folder, name))
      others = TRUE;
  return others;
}

static gpointer
read_text (sqlite3_stmt *stmt)
{
  return column_text (stmt, 0);
}

/* Takes over, in one transaction, the open requests of owners that are
 * gone and of none (written before there were owners); call with the
 * registry locked exclusively. Returns the ids taken over (an empty array
 * when there were none: then nothing was written), or %NULL. */
static GArray *
claim_orphans (SignetJournal *self, GError **error)
{
  g_autofree char *folder = owners_folder (self);
  g_autoptr (GPtrArray) owners = NULL;
  g_autoptr (GString) condition = g_string_new ("owner IS NULL");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  char         *sql;
  int           rc;

  /* Read first: with nothing to take over, nothing is written. */
  owners = read_rows (
    self->db,
    "SELECT DISTINCT owner FROM requests WHERE owner IS NOT NULL AND status IN " LIVE_STATUSES, 0,
    read_text, g_free, "read the owners", error);
  if (owners == NULL)
    return NULL;
  for (guint i = 0; i < owners->len; i++)
    {
      const char *owner = owners->pdata[i];

      if (g_strcmp0 (owner, self->owner) != 0 && !owner_alive (folder, owner))
        {
          char *gone = sqlite3_mprintf ("%Q", owner);

          g_string_append_printf (condition, " OR owner = %s", gone);
          sqlite3_free (gone);
        }
    }

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return NULL;
  sql = sqlite3_mprintf ("SELECT id FROM requests WHERE status IN " LIVE_STATUSES " AND (%s)",
                         condition->str);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  else
    rc = SQLITE_ERROR;
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  if (rc != SQLITE_DONE)
    {
      signet_journal_db_error (self->db, "read the requests to take over", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return NULL;
    }
  if (ids->len == 0)
    {
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return g_steal_pointer (&ids);
    }

  g_debug ("Taking over %u open requests of a Signet that is gone", ids->len);
  sql
    = sqlite3_mprintf ("UPDATE requests SET owner = %Q WHERE status IN " LIVE_STATUSES " AND (%s)",
                       self->owner, condition->str);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      signet_journal_db_error (self->db, "take over requests", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return NULL;
    }
  if (!signet_journal_db_commit (self->db, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * signet_journal_db_load_owned:
 * @self: an open journal
 * @error: return location for a #SIGNET_ERROR
 *
 * Loads what this journal may act on: its own open requests (after taking
 * over those of owners that are gone) and every finished one; a reader
 * loads everything. Kept copies no pending request names are removed only
 * while no other owner is alive, since another may be adding a batch.
 *
 * Returns: (transfer full): the #SignetDocumentRecord of each request
 */
GPtrArray *
signet_journal_db_load_owned (SignetJournal *self, GError **error)
{
  g_autoptr (GArray) claimed = NULL;
  char      *sql;
  GPtrArray *records;
  int        registry;
  gboolean   others;

  if (self->reader)
    return signet_journal_db_load (self->db, error);

  registry = lock_registry (self, LOCK_EX, error);
  if (registry < 0)
    return NULL;
  others = others_alive (self);
  claimed = claim_orphans (self, error);
  if (claimed == NULL)
    {
      close (registry);
      return NULL;
    }
  sql = sqlite3_mprintf ("SELECT " REQUEST_COLUMNS " FROM requests WHERE owner = %Q OR status "
                         "NOT IN " LIVE_STATUSES " ORDER BY id",
                         self->owner);
  records = read_rows (self->db, sql, 0, read_record, (GDestroyNotify) signet_document_record_free,
                       "read the requests", error);
  sqlite3_free (sql);
  if (records != NULL && !others)
    signet_journal_tidy_kept (self, records);
  if (records != NULL)
    signet_journal_codes_attach (self, records);
  close (registry);
  return records;
}

/**
 * signet_journal_db_adopt:
 * @self: an open journal that is not a reader
 * @error: return location for a #SIGNET_ERROR
 *
 * Takes over the open requests of owners that have gone since the journal
 * was opened (a signet-cli that ended), for a journal that runs for long.
 *
 * Returns: (transfer full): the #SignetDocumentRecord of each request
 *   taken over, possibly none
 */
GPtrArray *
signet_journal_db_adopt (SignetJournal *self, GError **error)
{
  g_autoptr (GArray) claimed = NULL;
  g_autoptr (GPtrArray) records = NULL;
  int registry = lock_registry (self, LOCK_EX, error);

  if (registry < 0)
    return NULL;
  claimed = claim_orphans (self, error);
  close (registry);
  if (claimed == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  for (guint i = 0; i < claimed->len; i++)
    {
      g_autoptr (GPtrArray) rows
        = read_rows (self->db, "SELECT " REQUEST_COLUMNS " FROM requests WHERE id = ?",
                     g_array_index (claimed, gint64, i), read_record,
                     (GDestroyNotify) signet_document_record_free, "read a request", error);

      if (rows == NULL)
        return NULL;
      if (rows->len == 1)
        g_ptr_array_add (records, g_ptr_array_steal_index (rows, 0));
    }
  signet_journal_codes_attach (self, records);
  return g_steal_pointer (&records);
}

/* Every request this journal inserts is its own. */
static gboolean
mark_own_inserts (SignetJournal *self, GError **error)
{
  g_autofree char *sql = NULL;
  char            *quoted = sqlite3_mprintf ("%Q", self->owner);

  sql = g_strdup_printf ("CREATE TEMP TRIGGER signet_owner AFTER INSERT ON main.requests "
                         "WHEN NEW.owner IS NULL BEGIN "
                         "UPDATE requests SET owner = %s WHERE id = NEW.id; END",
                         quoted);
  sqlite3_free (quoted);
  return signet_journal_db_exec (self->db, sql, error);
}

/**
 * signet_journal_db_close:
 * @self: a #SignetJournal
 *
 * Closes the database, then gives up being an owner: its open requests
 * are then free for the next Signet that opens the journal.
 */
void
signet_journal_db_close (SignetJournal *self)
{
  g_clear_pointer (&self->db, sqlite3_close);
  if (self->owner_fd >= 0)
    {
      g_autofree char *folder = owners_folder (self);
      g_autofree char *path = g_build_filename (folder, self->owner, NULL);

      /* Unlinked while still locked: a checker that opened it meanwhile
       * finds it gone or takes the lock, both meaning "gone". */
      g_unlink (path);
      close (self->owner_fd);
      self->owner_fd = -1;
    }
  g_clear_pointer (&self->owner, g_free);
}

/* }}} */

gboolean
signet_journal_db_open (SignetJournal *self, GError **error)
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
      signet_journal_db_error (self->db, "open the journal", error);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  /* FULL: a request the journal says was written survives a power cut too. */
  /* The busy timeout first: another reader (a second Signet, a backup
   * tool) may hold the file while WAL is switched on. */
  if (!signet_journal_db_exec (self->db, "PRAGMA busy_timeout = 5000", error)
      || !signet_journal_db_exec (self->db, "PRAGMA journal_mode = WAL", error)
      || !signet_journal_db_exec (self->db, "PRAGMA synchronous = FULL", error)
      || !signet_journal_db_exec (self->db, "PRAGMA foreign_keys = ON", error)
      /* What is deleted or changed leaves no old text in free pages. */
      || !signet_journal_db_exec (self->db, "PRAGMA secure_delete = ON", error)
      || !migrate (self->db, error)
      || (!self->reader && (!register_owner (self, error) || !mark_own_inserts (self, error))))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  return TRUE;
}

gboolean
signet_journal_db_insert_event (sqlite3    *db,
                                gint64      request,
                                gint64      time,
                                const char *kind,
                                const char *detail)
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
void
signet_journal_db_bind_record (sqlite3_stmt *stmt, SignetDocumentRecord *record)
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
  sqlite3_bind_text (stmt, 18, record->kept_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 19, record->origin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 20, record->last_seen);
}

gboolean
signet_journal_db_save (SignetJournal *self, Job *job, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean      ok;

  if (!signet_journal_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = sqlite3_prepare_v2 (self->db,
                           "UPDATE requests SET signature_request_id = ?, document_id = ?, "
                           "environment = ?, filename = ?, original_path = ?, checksum = ?, "
                           "plan = ?, round = ?, n_rounds = ?, signing_url = ?, expiration = ?, "
                           "state = ?, status = ?, archive_path = ?, last_error = ?, created = ?, "
                           "modified = ?, kept_path = ?, origin = ?, last_seen = ? WHERE id = ?",
                           -1, &stmt, NULL)
       == SQLITE_OK;
  if (ok)
    {
      signet_journal_db_bind_record (stmt, job->record);
      sqlite3_bind_int64 (stmt, 21, job->record->id);
      ok = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (self->db) == 1;
    }
  sqlite3_finalize (stmt);
  if (ok && job->event != NULL)
    ok = signet_journal_db_insert_event (self->db, job->record->id, job->time, job->event,
                                         job->detail);
  if (!ok)
    {
      signet_journal_db_error (self->db, "save a request", error);
      signet_journal_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!signet_journal_db_commit (self->db, error))
    return FALSE;
  signet_journal_codes_forget (self, job->record);
  return TRUE;
}

static gpointer
read_event (sqlite3_stmt *stmt)
{
  SignetJournalEvent *event = g_new0 (SignetJournalEvent, 1);

  event->time = sqlite3_column_int64 (stmt, 0);
  event->kind = column_text (stmt, 1);
  event->detail = column_text (stmt, 2);
  return event;
}

GPtrArray *
signet_journal_db_events (SignetJournal *self, Job *job, GError **error)
{
  return read_rows (self->db,
                    "SELECT time, kind, detail FROM events WHERE request = ? ORDER BY time, id",
                    job->record->id, read_event, (GDestroyNotify) signet_journal_event_free,
                    "read the history", error);
}

/* The requests whose last word on a deletion is its intent: a
 * `deleting` with no later `deleting`, `deleted` or `error` (in the
 * order of signet_journal_db_events()). One query for the whole journal,
 * whatever its size; only requests that were ever deleted are looked at. */
GHashTable *
signet_journal_db_deletion_intents (SignetJournal *self, GError **error)
{
  static const char sql[]
    = "SELECT e.request, e.detail FROM events e WHERE e.kind = 'deleting' AND NOT EXISTS ("
      "  SELECT 1 FROM events later WHERE later.request = e.request"
      "    AND later.kind IN ('deleting', 'deleted', 'error')"
      "    AND (later.time > e.time OR (later.time = e.time AND later.id > e.id)))";
  g_autoptr (GHashTable) intents
    = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      signet_journal_db_error (self->db, "read the deletions", error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (intents,
                         g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         column_text (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      signet_journal_db_error (self->db, "read the deletions", error);
      return NULL;
    }
  return g_steal_pointer (&intents);
}
