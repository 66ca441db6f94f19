/* test-desks.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One OKdokument account, several desks (docs/shared-account.md). Desk A
 * is this process; desk B, and the desk killed during its first import,
 * are this program again (--desk) in a data folder of their own, so each
 * has its own journal, against the one sandbox that runs in this process.
 * The other desks' journals are read with SQLite, as they are on disk.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "journal-util.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

#define DESK_INTERVAL_MS 300

/* {{{ The other desk */

/* --desk BASE_URL ARCHIVE_FOLDER: a tracker that archives, with deletion
 * after archiving on, polling every DESK_INTERVAL_MS, until killed. */
static int
desk_main (int argc, char **argv)
{
  g_autoptr (SignetJournal) journal = open_journal (NULL);
  g_autoptr (SignetClient) client = new_client (argv[2]);
  g_autoptr (GNetworkMonitor) monitor = test_network_monitor_new ();
  g_autoptr (SignetTracker) tracker = signet_tracker_new (journal, client, "sandbox", monitor);

  g_object_set (tracker, "interval", DESK_INTERVAL_MS, "archive-folder", argv[3],
                "delete-after-archiving", TRUE, NULL);
  signet_tracker_start (tracker);
  run_forever ();
}

/* }}} */
/* {{{ Reading another desk's journal */

static char *
desk_journal (const char *data_home)
{
  return g_build_filename (data_home, "signet", "journal.db", NULL);
}

/* The first column of the first row of @sql, or -1 (no journal yet). */
static gint64
query_int (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        value = -1;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return -1;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 2000);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *value = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

typedef struct
{
  const char *path;
  char       *sql;
} DeskQuery;

static gboolean
desk_has_row (gpointer data)
{
  DeskQuery *query = data;

  return query_int (query->path, query->sql) > 0;
}

/* Waits, serving the sandbox meanwhile, until @sql counts a row in the
 * journal at @path. */
static void
wait_desk (const char *path, const char *what, guint seconds, const char *format, ...)
{
  DeskQuery query = { path, NULL };
  va_list   args;

  va_start (args, format);
  query.sql = sqlite3_vmprintf (format, args);
  va_end (args);
  wait_until (desk_has_row, &query, seconds, what);
  sqlite3_free (query.sql);
}

/* The sandbox's calls since the last look, by route (and cleared). */
static JsonObject *
take_calls (Fixture *fx)
{
  g_autoptr (JsonNode) reply = fixture_json (fx, "DELETE", "/sandbox/calls", NULL, 200);

  return json_object_ref (json_object_get_object_member (json_node_get_object (reply), "routes"));
}

static gint64
route_calls (JsonObject *routes, const char *route)
{
  return json_object_get_int_member_with_default (routes, route, 0);
}

/* }}} */
/* {{{ Desk A */

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
  char          *folder;
  guint          imported;
} DesksFixture;

static void
imported_cb (SignetTracker *tracker, guint n, gpointer user_data)
{
  ((DesksFixture *) user_data)->imported++;
}

static gboolean
round_over (gpointer data)
{
  return !signet_tracker_is_polling (data);
}

static gboolean
imported (gpointer data)
{
  return ((DesksFixture *) data)->imported > 0;
}

static void
desks_set_up (DesksFixture *df, gconstpointer data)
{
  journal_fixture_set_up (&df->jf, data);
  df->folder = g_build_filename (g_get_user_data_dir (), "Archive A", NULL);
  df->outbox = journal_fixture_start_outbox (&df->jf);
  /* Desk A asks only when the test says so (poll_now), so the order of
   * the two desks is the test's. */
  df->tracker = signet_tracker_new (df->jf.journal, df->jf.client, "sandbox", df->jf.monitor);
  g_object_set (df->tracker, "interval", 600000, "archive-folder", df->folder,
                "delete-after-archiving", TRUE, NULL);
  g_signal_connect (df->tracker, "imported", G_CALLBACK (imported_cb), df);
  signet_tracker_start (df->tracker);
  wait_until (round_over, df->tracker, 10, "the first round of desk A");
}

static void
desks_tear_down (DesksFixture *df, gconstpointer data)
{
  signet_tracker_stop (df->tracker);
  signet_outbox_stop (df->outbox);
  g_clear_object (&df->tracker);
  g_clear_object (&df->outbox);
  g_free (df->folder);
  journal_fixture_tear_down (&df->jf, data);
}

/* One full round of desk A, and every write it asked for. */
static void
poll_a (DesksFixture *df)
{
  if (!signet_tracker_is_polling (df->tracker))
    signet_tracker_poll_now (df->tracker);
  wait_until (round_over, df->tracker, 10, "a round of desk A");
}

static SignetDocument *
find_document (SignetJournal *journal, const char *document_id)
{
  GListModel *documents = signet_journal_get_documents (journal);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (signet_document_get_document_id (document), document_id) == 0)
        return document;
    }
  return NULL;
}

static GSubprocess *
start_desk (DesksFixture *df, const char *data_home, const char *archive)
{
  const char *args[] = { "--desk", df->jf.sandbox.base, archive, NULL };

  return spawn_self (data_home, args);
}

static void
stop_desk (GSubprocess *desk)
{
  g_subprocess_send_signal (desk, SIGKILL);
  g_subprocess_wait (desk, NULL, NULL);
}

/* A document sent on desk A appears on desk B within one poll cycle, is
 * signed, is archived on both desks, and is deleted from the server once,
 * by desk A, which sent it; desk B then says "Removed Elsewhere" and keeps
 * its copy. */
static void
test_two_desks (DesksFixture *df, gconstpointer data)
{
  g_autofree char *home_b = g_build_filename (g_get_user_data_dir (), "desk-b", NULL);
  g_autofree char *archive_b = g_build_filename (home_b, "Archive B", NULL);
  g_autofree char *journal_b = desk_journal (home_b);
  g_autoptr (GSubprocess) desk_b = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (JsonObject) calls = NULL;
  g_autofree char *copy_b = NULL;
  const char      *id;
  gint64           sent;

  desk_b = start_desk (df, home_b, archive_b);
  document = send_open (&df->jf, "contract.pdf");
  id = signet_document_get_document_id (document);
  sent = g_get_monotonic_time ();

  /* Desk B: one poll cycle (DESK_INTERVAL_MS) and its writes. */
  wait_desk (journal_b, "desk B imports the document", 10,
             "SELECT COUNT(*) FROM requests WHERE document_id = %Q AND origin = 'elsewhere' "
             "AND status = 'open' AND filename = 'contract.pdf'",
             id);
  g_assert_cmpint ((g_get_monotonic_time () - sent) / 1000, <, 2 * DESK_INTERVAL_MS + 1000);
  g_assert_cmpint (query_int (journal_b, "SELECT COUNT(*) FROM requests"), ==, 1);

  sandbox_control (&df->jf.sandbox, "sign", document);
  wait_desk (journal_b, "desk B archives it", 10,
             "SELECT COUNT(*) FROM requests WHERE document_id = %Q AND status = 'archived' "
             "AND archive_path IS NOT NULL",
             id);
  /* Desk B never deletes what it did not send. */
  g_assert_true (sandbox_has (&df->jf.sandbox, id));

  /* Desk A archives its own, and deletes it from the server. */
  poll_a (df);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_nonnull (signet_document_get_archive_path (document));
  g_assert_true (g_file_test (signet_document_get_archive_path (document), G_FILE_TEST_EXISTS));
  g_assert_false (sandbox_has (&df->jf.sandbox, id));
  g_assert_false (signet_document_get_sent_elsewhere (document));

  /* Desk B: gone from the server, not an error, and its copy stays. */
  wait_desk (journal_b, "desk B sees it removed elsewhere", 10,
             "SELECT COUNT(*) FROM requests WHERE document_id = %Q AND status = 'removed'", id);
  copy_b = query_text (journal_b, "SELECT archive_path FROM requests");
  g_assert_nonnull (copy_b);
  g_assert_true (g_str_has_prefix (copy_b, archive_b));
  g_assert_true (g_file_test (copy_b, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (journal_b, "SELECT COUNT(*) FROM requests WHERE last_error IS NOT "
                                         "NULL"),
                   ==, 0);

  /* A few more cycles of desk B: still one DELETE in all. */
  run_for (3 * DESK_INTERVAL_MS);
  stop_desk (desk_b);
  calls = take_calls (&df->jf.sandbox);
  g_assert_cmpint (route_calls (calls, "DELETE /JSON/document/{id}"), ==, 1);
  g_assert_cmpint (sandbox_count (&df->jf.sandbox, "deleted.f"), ==, 1);
  /* Desk A's own document was never imported as one sent elsewhere. */
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (df->jf.journal)), ==,
                    1);
}

/* A document made straight through the API (as the web app does) comes in
 * as sent elsewhere, with its name and state, without asking for its
 * metadata; a later round costs the same six lists. */
static void
test_web_app (DesksFixture *df, gconstpointer data)
{
  g_autofree char *id = NULL;
  g_autofree char *request = fixture_create (&df->jf.sandbox, NULL, NULL, &id);
  g_autoptr (JsonObject) calls = NULL;
  g_autoptr (JsonObject) later = NULL;
  g_autoptr (GPtrArray) events = NULL;
  SignetDocument *document;

  poll_a (df);
  wait_until (imported, df, 10, "the import");
  document = find_document (df->jf.journal, id);
  g_assert_nonnull (document);
  g_assert_true (signet_document_get_sent_elsewhere (document));
  g_assert_cmpstr (signet_document_get_filename (document), ==, "contract.pdf");
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_cmpint (signet_document_get_state (document), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_cmpint (signet_document_get_last_seen (document), >, 0);
  g_assert_cmpuint (df->imported, ==, 1);
  events = journal_events (df->jf.journal, document);
  g_assert_true (has_event (events, "imported"));

  calls = take_calls (&df->jf.sandbox);
  g_assert_cmpint (route_calls (calls, "GET /JSON/document/metadata/{id}"), ==, 0);
  poll_a (df);
  later = take_calls (&df->jf.sandbox);
  g_assert_cmpint (route_calls (later, "GET /JSON/list/flat"), ==, 6);
  g_assert_cmpint (route_calls (later, "GET /JSON/document/metadata/{id}"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (df->jf.journal)), ==,
                    1);
}

/* Killed with SIGKILL during its first import of 2,000 documents, a desk
 * loses none and duplicates none when it starts again. Under the
 * sanitizers the sandbox takes too long over 2,000 uploads: 600 there
 * (two of the import's transactions), killed once any are written. */
#if defined(__SANITIZE_ADDRESS__)
#define N_IMPORT   600
#define MID_IMPORT FALSE
#else
#define N_IMPORT   2000
#define MID_IMPORT TRUE
#endif

static void
test_import_kill (DesksFixture *df, gconstpointer data)
{
  g_autofree char *home_c = g_build_filename (g_get_user_data_dir (), "desk-c", NULL);
  g_autofree char *archive_c = g_build_filename (home_c, "Archive C", NULL);
  g_autofree char *journal_c = desk_journal (home_c);
  g_autoptr (GSubprocess) desk = NULL;
  gint64 rows = 0;
  gint64 deadline;

  g_autofree char *content = pdf_page_base64 ("A contract");

  /* Uploaded documents (E2), as another desk's first step leaves them. */
  for (guint i = 0; i < N_IMPORT; i++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"filename\": \"doc-%04u.pdf\", \"file\": {\"content\": \"%s\"}}", i, content);
      g_autoptr (JsonNode) reply
        = fixture_json (&df->jf.sandbox, "POST", "/JSON/document", body, 200);
    }

  desk = start_desk (df, home_c, archive_c);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  /* Killed as soon as some, not all, are written. */
  while (rows <= 0 || rows >= N_IMPORT)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      rows = query_int (journal_c, "SELECT COUNT(*) FROM requests");
      if (MID_IMPORT)
        g_assert_cmpint (rows, <, N_IMPORT);
      else if (rows > 0)
        break;
    }
  stop_desk (desk);
  g_test_message ("killed with %" G_GINT64_FORMAT " of %d imported", rows, N_IMPORT);
  g_clear_object (&desk);

  desk = start_desk (df, home_c, archive_c);
  wait_desk (journal_c, "the rest imported after the restart", 30,
             "SELECT COUNT(*) >= %d FROM requests", N_IMPORT);
  run_for (3 * DESK_INTERVAL_MS);
  stop_desk (desk);
  g_assert_cmpint (query_int (journal_c, "SELECT COUNT(*) FROM requests"), ==, N_IMPORT);
  g_assert_cmpint (query_int (journal_c, "SELECT COUNT(DISTINCT document_id) FROM requests"), ==,
                   N_IMPORT);
  g_assert_cmpint (
    query_int (journal_c, "SELECT COUNT(*) FROM requests WHERE origin = 'elsewhere'"), ==,
    N_IMPORT);
  g_assert_cmpint (query_int (journal_c, "SELECT COUNT(*) FROM events WHERE kind = 'imported'"), ==,
                   N_IMPORT);
}

/* }}} */

int
main (int argc, char *argv[])
{
  if (argc >= 4 && g_str_equal (argv[1], "--desk"))
    return desk_main (argc, argv);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, DesksFixture, NULL, desks_set_up, func, desks_tear_down)
  ADD ("/desks/two-desks", test_two_desks);
  ADD ("/desks/web-app", test_web_app);
  ADD ("/desks/import-kill", test_import_kill);
#undef ADD

  return g_test_run ();
}
