/* test-journal.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal on a real SQLite file in a temporary folder: creation,
 * reloading, the model's notifications, and migrations from older schemas.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-enums.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-signature-request-private.h"

static char *
temp_db (void)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test its own XDG_DATA_HOME. */
  return g_build_filename (g_get_user_data_dir (), "signet", "journal.db", NULL);
}

static SignetDocument *
add (SignetJournal *journal, SignetSignatureRequest **rounds, guint n_rounds)
{
  return journal_add (journal, rounds, n_rounds);
}

static void
save (SignetJournal *journal, SignetDocument *document, const char *event, const char *detail)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_journal_save_async (journal, document, event, detail, NULL, result_cb, &result);
  g_assert_true (signet_journal_save_finish (journal, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
write_file (const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static SignetSignatureRequest *
request_for_file (const char *path)
{
  SignetSignatureRequest *request = signet_signature_request_new ();
  g_autoptr (GFile) file = g_file_new_for_path (path);

  signet_signature_request_set_file (request, file);
  return request;
}

static gint64
query_int (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3         *db = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  char            *message = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

/* A new journal in $XDG_DATA_HOME/signet: WAL, the current schema with
 * its foreign key, nothing in it. */
static void
test_create (void)
{
  g_autofree char *path = temp_db ();
  SignetJournal   *journal = open_journal (NULL);
  g_autofree char *mode = NULL;

  g_assert_cmpstr (signet_journal_get_path (journal), ==, path);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  close_journal (journal);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, SIGNET_JOURNAL_SCHEMA_VERSION);
  mode = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_foreign_key_list ('events') "
                                    "WHERE \"table\" = 'requests' AND on_delete = 'CASCADE'"),
                   ==, 1);
}

typedef struct
{
  guint status_notifies;
  guint changed;
} Counts;

static void
status_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  ((Counts *) user_data)->status_notifies++;
}

static void
document_changed_cb (SignetJournal  *journal,
                     SignetDocument *document,
                     const char     *event,
                     gpointer        user_data)
{
  ((Counts *) user_data)->changed++;
}

/* Written before sending, saved after each step, read back after a
 * restart with every property and the history. */
static void
test_add_save_reload (void)
{
  g_autofree char *pdf = write_file ("contract.pdf", "%PDF-1.7 not really");
  g_autofree char *path = temp_db ();
  g_autoptr (SignetSignatureRequest) first = request_for_file (pdf);
  g_autoptr (SignetSignatureRequest) second = signet_signature_request_new ();
  g_autoptr (GDateTime) expiration = g_date_time_new_from_unix_utc (1893456000);
  SignetSignatureRequest *rounds[2] = { first, second };
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  SignetJournal   *journal = open_journal (path);
  SignetDocument  *loaded;
  Counts           counts = { 0 };
  g_autofree char *srid = NULL;

  signet_signature_request_set_expiration (first, expiration);
  signet_signature_request_add_allowed_field (first, SIGNET_FIELD_TYPE_SIGNATURE, "_SO1_");
  signet_signature_request_add_allowed_field (second, SIGNET_FIELD_TYPE_SIGNATURE, "_SO2_");
  signet_signature_request_set_change_state (second, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_signal_connect (journal, "document-changed", G_CALLBACK (document_changed_cb), &counts);

  document = add (journal, rounds, 2);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpint (signet_document_get_journal_id (document), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 1);
  g_assert_cmpstr (signet_document_get_signature_request_id (document), ==,
                   signet_signature_request_get_signature_request_id (first));
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_PENDING);
  g_assert_cmpstr (signet_document_get_filename (document), ==, "contract.pdf");
  g_assert_cmpstr (signet_document_get_original_path (document), ==, pdf);
  g_assert_cmpuint (signet_document_get_n_rounds (document), ==, 2);
  g_assert_cmpint (signet_document_get_expiration (document), ==, (gint64) 1893456000 * 1000);
  g_checksum_update (checksum, (const guchar *) "%PDF-1.7 not really", -1);
  g_assert_cmpstr (signet_document_get_checksum (document), ==, g_checksum_get_string (checksum));
  g_assert_true (signet_journal_find (journal, signet_document_get_signature_request_id (document))
                 == document);

  g_signal_connect (document, "notify::status", G_CALLBACK (status_notify_cb), &counts);
  signet_document_set_document_id (document, "doc-1");
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_UPLOADED);
  save (journal, document, "uploaded", "doc-1");
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_OPEN);
  signet_document_set_state (document, SIGNET_DOCUMENT_STATE_TOSIGN);
  signet_document_set_signing_url (document, "http://127.0.0.1:1/openDocument/x");
  save (journal, document, "created", NULL);
  signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_OPEN);
  save (journal, document, NULL, NULL);
  g_assert_cmpuint (counts.status_notifies, ==, 2);
  g_assert_cmpuint (counts.changed, ==, 4);
  srid = g_strdup (signet_document_get_signature_request_id (document));
  g_clear_object (&document);
  close_journal (journal);

  journal = open_journal (path);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 1);
  loaded = g_list_model_get_item (signet_journal_get_documents (journal), 0);
  g_object_unref (loaded);
  g_assert_cmpstr (signet_document_get_signature_request_id (loaded), ==, srid);
  g_assert_cmpstr (signet_document_get_document_id (loaded), ==, "doc-1");
  g_assert_cmpint (signet_document_get_status (loaded), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_cmpint (signet_document_get_state (loaded), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_cmpstr (signet_document_get_signing_url (loaded), ==,
                   "http://127.0.0.1:1/openDocument/x");
  g_assert_cmpuint (signet_document_get_n_rounds (loaded), ==, 2);
  g_assert_cmpuint (signet_document_get_round (loaded), ==, 0);
  g_assert_cmpint (signet_document_get_created (loaded), <=, signet_document_get_modified (loaded));

  history = journal_events (journal, loaded);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((SignetJournalEvent *) history->pdata[0])->kind, ==, "journalled");
  g_assert_cmpstr (((SignetJournalEvent *) history->pdata[1])->kind, ==, "uploaded");
  g_assert_cmpstr (((SignetJournalEvent *) history->pdata[1])->detail, ==, "doc-1");
  g_assert_cmpstr (((SignetJournalEvent *) history->pdata[2])->kind, ==, "created");
  close_journal (journal);
}

/* The plan keeps every member of every round, so a resumed send after a
 * restart is the same request byte for byte. */
static void
test_round_requests (void)
{
  g_autofree char *pdf = write_file ("plan.pdf", "%PDF-1.7");
  g_autoptr (SignetSignatureRequest) first = request_for_file (pdf);
  g_autoptr (SignetSignatureRequest) second = signet_signature_request_new ();
  g_autoptr (GDateTime) expiration = g_date_time_new_from_unix_utc (1893456000);
  SignetSignatureRequest *rounds[2] = { first, second };
  g_autoptr (SignetDocument) document = NULL;
  SignetJournal *journal = open_journal (NULL);

  signet_signature_request_set_filename (first, "Zmluva.pdf");
  signet_signature_request_set_preprocessing (first, SIGNET_DOCUMENT_STATE_TAGS);
  signet_signature_request_set_expiration (first, expiration);
  signet_signature_request_set_result_url (first, "https://example.com/done");
  signet_signature_request_set_rule_string (first, "guiSignerName", "Ján Novák");
  signet_signature_request_set_rule_boolean (first, "signAnywhereEnabled", FALSE);
  signet_signature_request_set_rule_int (first, "guiSignatureNumber", 2);
  signet_signature_request_add_allowed_field (first, SIGNET_FIELD_TYPE_SIGNATURE, "_SO1_");
  signet_signature_request_add_allowed_field (first, SIGNET_FIELD_TYPE_TEXT, "TO_text");
  signet_signature_request_add_field_value (first, "TO_text", "Hodnota", TRUE);
  signet_signature_request_add_ignore_required (first, SIGNET_FIELD_TYPE_CHECKBOX);
  signet_signature_request_set_fields_before_signing (first, SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
  signet_signature_request_add_allowed_field (second, SIGNET_FIELD_TYPE_SIGNATURE, "_SO2_");
  signet_signature_request_set_change_state (second, SIGNET_DOCUMENT_STATE_TOSIGN);
  document = add (journal, rounds, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetSignatureRequest) rebuilt = NULL;
      g_autoptr (JsonNode) want = NULL;
      g_autoptr (JsonNode) got = NULL;

      if (i == 1)
        signet_document_set_document_id (document, "stored-doc");
      rebuilt = signet_journal_get_round_request (document, i, &error);
      g_assert_no_error (error);
      want = signet_signature_request_to_json (rounds[i], i == 1 ? "stored-doc" : NULL,
                                               i == 0 ? "x" : NULL);
      got = signet_signature_request_to_json (
        rebuilt, signet_signature_request_get_document_id (rebuilt), i == 0 ? "x" : NULL);
      g_assert_true (json_node_equal (want, got));
      if (i == 0)
        {
          g_autofree char *path = g_file_get_path (signet_signature_request_get_file (rebuilt));
          g_autofree char *sent = NULL;
          g_autofree char *given = NULL;

          /* The journal's own copy of the file, with the same bytes. */
          g_assert_cmpstr (path, ==, signet_document_get_kept_path (document));
          g_assert_cmpstr (signet_document_get_original_path (document), ==, pdf);
          g_assert_true (g_file_get_contents (path, &sent, NULL, NULL));
          g_assert_true (g_file_get_contents (pdf, &given, NULL, NULL));
          g_assert_cmpstr (sent, ==, given);
        }
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_null (signet_journal_get_round_request (document, 2, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  }
  close_journal (journal);
}

/* The schema of version 1, exactly as it shipped. */
static const char version_1[]
  = "CREATE TABLE requests (id INTEGER PRIMARY KEY, signature_request_id TEXT NOT NULL UNIQUE,"
    " document_id TEXT, environment TEXT NOT NULL, filename TEXT NOT NULL, original_path TEXT,"
    " checksum TEXT, description TEXT NOT NULL, signing_url TEXT,"
    " expiration INTEGER NOT NULL DEFAULT 0, state TEXT, status TEXT NOT NULL, archive_path TEXT,"
    " created INTEGER NOT NULL, modified INTEGER NOT NULL);"
    "CREATE TABLE events (id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,"
    " time INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT);"
    "INSERT INTO requests VALUES (7, 'sr-old-1', 'doc-old', 'production', 'old.pdf',"
    " '/home/u/old.pdf', 'abc', '{\"signatureRequestId\":\"sr-old-1\",\"filename\":\"old.pdf\","
    "\"rules\":{\"guiSignerName\":\"Eva\"}}', 'https://x/openDocument/sr-old-1', 0, 'signed',"
    " 'signed', NULL, 1000, 2000);"
    "INSERT INTO requests VALUES (8, 'sr-old-2', NULL, 'test', 'pending.pdf', '/home/u/p.pdf',"
    " NULL, '{\"signatureRequestId\":\"sr-old-2\"}', NULL, 0, NULL, 'pending', NULL, 3000, 3000);"
    "INSERT INTO events (request, time, kind, detail) VALUES (7, 1000, 'journalled', NULL),"
    " (7, 1500, 'created', NULL), (7, 2000, 'state', 'signed'), (8, 3000, 'journalled', NULL);"
    "PRAGMA user_version = 1;";

/* A journal of version 1 is migrated in place: its requests load as one
 * round each, their history is kept, and the file is at the current
 * version afterwards. */
static void
test_migrate_from_1 (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr (SignetDocument) old = NULL;
  g_autoptr (SignetDocument) pending = NULL;
  g_autoptr (SignetSignatureRequest) request = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  SignetJournal *journal;
  GListModel    *documents;

  exec_sql (path, version_1);
  journal = open_journal (path);
  documents = signet_journal_get_documents (journal);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
  old = g_list_model_get_item (documents, 0);
  pending = g_list_model_get_item (documents, 1);

  g_assert_cmpint (signet_document_get_journal_id (old), ==, 7);
  g_assert_cmpstr (signet_document_get_signature_request_id (old), ==, "sr-old-1");
  g_assert_cmpstr (signet_document_get_environment (old), ==, "production");
  g_assert_cmpint (signet_document_get_status (old), ==, SIGNET_DOCUMENT_STATUS_SIGNED);
  g_assert_cmpint (signet_document_get_state (old), ==, SIGNET_DOCUMENT_STATE_SIGNED);
  g_assert_cmpuint (signet_document_get_round (old), ==, 0);
  g_assert_cmpuint (signet_document_get_n_rounds (old), ==, 1);
  g_assert_null (signet_document_get_last_error (old));
  g_assert_cmpint (signet_document_get_status (pending), ==, SIGNET_DOCUMENT_STATUS_PENDING);

  /* The old description became the one round of the plan. */
  request = signet_journal_get_round_request (old, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_signature_request_get_signature_request_id (request), ==, "sr-old-1");
  g_assert_cmpstr (signet_signature_request_get_document_id (request), ==, "doc-old");

  history = journal_events (journal, old);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((SignetJournalEvent *) history->pdata[2])->detail, ==, "signed");

  /* The migrated journal takes new writes. */
  signet_document_set_last_error (pending, "offline");
  save (journal, pending, "error", "offline");
  close_journal (journal);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, SIGNET_JOURNAL_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM events"), ==, 5);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = "
                                    "'events_by_request'"),
                   ==, 1);
}

/* A journal from a newer Signet is refused and left as it is. */
static void
test_newer_schema (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetJournal *journal;

  exec_sql (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  journal = signet_journal_new (path);
  signet_journal_open_async (journal, NULL, result_cb, &result);
  g_assert_false (signet_journal_open_finish (journal, wait_for (&result), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_false (signet_journal_get_loaded (journal));
  close_journal (journal);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'requests'"),
                   ==, 0);
}

/* A journal that is not a database is reported, not overwritten. */
static void
test_damaged (void)
{
  g_autofree char *path = temp_db ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetJournal *journal;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path,
                                      "this is not a database, and it is long enough to "
                                      "fill the sixteen bytes of SQLite's header",
                                      -1, NULL));
  journal = signet_journal_new (path);
  signet_journal_open_async (journal, NULL, result_cb, &result);
  g_assert_false (signet_journal_open_finish (journal, wait_for (&result), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  close_journal (journal);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "this is not a database"));
}

/* The main loop keeps running while the journal works: a timer fires
 * during a burst of writes. */
static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_main_loop_free (void)
{
  g_autofree char *pdf = write_file ("burst.pdf", "%PDF-1.7");
  SignetJournal   *journal = open_journal (NULL);
  g_autoptr (GAsyncResult) last = NULL;
  guint ticks = 0;
  guint id = g_timeout_add (1, tick_cb, &ticks);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (SignetSignatureRequest) request = request_for_file (pdf);

      signet_journal_add_async (journal, "sandbox", &request, 1, NULL, i == 199 ? result_cb : NULL,
                                i == 199 ? &last : NULL);
    }
  g_object_unref (signet_journal_add_finish (journal, wait_for (&last), NULL));
  g_source_remove (id);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 200);
  g_assert_cmpuint (ticks, >, 0);
  close_journal (journal);
}

/* A request with no document, or with two, is refused before anything
 * is written. */
static void
test_no_document (void)
{
  g_autofree char *pdf = write_file ("either.pdf", "%PDF-1.7");
  g_autoptr (SignetSignatureRequest) empty = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) both = request_for_file (pdf);
  SignetSignatureRequest *requests[2] = { empty, both };
  SignetJournal          *journal = open_journal (NULL);

  signet_signature_request_set_document_id (both, "stored");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      signet_journal_add_async (journal, "sandbox", &requests[i], 1, NULL, result_cb, &result);
      g_assert_null (signet_journal_add_finish (journal, wait_for (&result), &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 0);
  close_journal (journal);
}

static GHashTable *
deletion_intents (SignetJournal *journal)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *intents;

  signet_journal_list_deletion_intents_async (journal, NULL, result_cb, &result);
  intents = signet_journal_list_deletion_intents_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  return intents;
}

/* The deletions asked for and not finished, in one read: the last word
 * on a deletion decides, whatever else happened after it. */
static void
test_deletion_intents (void)
{
  static const struct
  {
    const char *events[4]; /* kind:detail */
    const char *left;      /* the detail of the intent left, or NULL */
  } cases[] = {
    { { "state:signed", NULL }, NULL },
    { { "deleting:document", NULL }, "document" },
    { { "deleting:request", "state:canceled", NULL }, "request" },
    { { "deleting:document", "deleted:document", NULL }, NULL },
    { { "deleting:document", "error:refused", NULL }, NULL },
    { { "deleting:document", "deleted:document", "deleting:request", NULL }, "request" },
  };
  g_autofree char *pdf = write_file ("contract.pdf", "%PDF-1.7 not really");
  g_autofree char *path = temp_db ();
  SignetJournal   *journal = open_journal (path);
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) intents = NULL;
  guint n_left = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SignetSignatureRequest) request = request_for_file (pdf);
      SignetSignatureRequest *rounds[1] = { request };
      SignetDocument         *document = add (journal, rounds, 1);

      g_ptr_array_add (documents, document);
      for (guint e = 0; cases[i].events[e] != NULL; e++)
        {
          g_auto (GStrv) event = g_strsplit (cases[i].events[e], ":", 2);

          save (journal, document, event[0], event[1]);
        }
    }

  intents = deletion_intents (journal);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64      id = signet_document_get_journal_id (documents->pdata[i]);
      const char *detail = NULL;
      gboolean    found = g_hash_table_lookup_extended (intents, &id, NULL, (gpointer *) &detail);

      g_test_message ("case %u: %s", i, found ? detail : "nothing left");
      g_assert_true (found == (cases[i].left != NULL));
      g_assert_cmpstr (detail, ==, cases[i].left);
      n_left += found;
    }
  g_assert_cmpuint (g_hash_table_size (intents), ==, n_left);
  close_journal (journal);
}

static void
forgotten_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GPtrArray **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = signet_journal_withdraw_finish (SIGNET_JOURNAL (source), result, &error);
  g_assert_no_error (error);
}

/* Withdrawing takes only what was not sent; forgetting (the sandbox's
 * reset) takes every document given, history and all, for good. */
static void
test_forget (void)
{
  g_autofree char *pdf = write_file ("forget.pdf", "%PDF-1.7 not really");
  g_autofree char *path = temp_db ();
  g_autoptr (SignetSignatureRequest) first = request_for_file (pdf);
  g_autoptr (SignetSignatureRequest) second = request_for_file (pdf);
  g_autoptr (SignetDocument) pending = NULL;
  g_autoptr (SignetDocument) open = NULL;
  g_autoptr (GPtrArray) both = g_ptr_array_new ();
  g_autoptr (GPtrArray) withdrawn = NULL;
  g_autoptr (GPtrArray) forgotten = NULL;
  SignetJournal *journal = open_journal (path);
  GListModel    *documents = signet_journal_get_documents (journal);

  pending = add (journal, (SignetSignatureRequest *[]){ first }, 1);
  open = add (journal, (SignetSignatureRequest *[]){ second }, 1);
  signet_document_set_status (open, SIGNET_DOCUMENT_STATUS_OPEN);
  save (journal, open, "created", NULL);
  g_ptr_array_add (both, pending);
  g_ptr_array_add (both, open);

  signet_journal_withdraw_async (journal, both, forgotten_cb, &withdrawn);
  while (withdrawn == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (withdrawn->len, ==, 1);
  g_assert_true (withdrawn->pdata[0] == pending);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);

  g_ptr_array_remove (both, pending);
  signet_journal_forget_async (journal, both, forgotten_cb, &forgotten);
  while (forgotten == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (forgotten->len, ==, 1);
  g_assert_true (forgotten->pdata[0] == open);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 0);
  close_journal (journal);

  journal = open_journal (path);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 0);
  close_journal (journal);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal/create", test_create);
  g_test_add_func ("/journal/add-save-reload", test_add_save_reload);
  g_test_add_func ("/journal/round-requests", test_round_requests);
  g_test_add_func ("/journal/migrate-from-1", test_migrate_from_1);
  g_test_add_func ("/journal/newer-schema", test_newer_schema);
  g_test_add_func ("/journal/damaged", test_damaged);
  g_test_add_func ("/journal/main-loop-free", test_main_loop_free);
  g_test_add_func ("/journal/no-document", test_no_document);
  g_test_add_func ("/journal/deletion-intents", test_deletion_intents);
  g_test_add_func ("/journal/forget", test_forget);

  return g_test_run ();
}
