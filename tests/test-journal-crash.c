/* test-journal-crash.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety. A child process (this program with --child) runs the
 * create flow, or the archive flow, against a sandbox in this process; it
 * is killed with SIGKILL at every step, started again, and must finish.
 * Afterwards the journal and the sandbox agree: exactly one request, paid
 * once, open under the journalled id; and a signed document is always on
 * the server or in the archive, never in neither.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "journal-util.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

/* {{{ The child */

/* Ends the child once the journal has written the status it waits for. */
static void
child_changed_cb (SignetJournal  *journal,
                  SignetDocument *document,
                  const char     *event,
                  gpointer        user_data)
{
  SignetDocumentStatus want = GPOINTER_TO_INT (user_data);

  if (signet_document_get_status (document) == want)
    exit (0);
  if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_FAILED)
    {
      g_printerr ("failed: %s\n", signet_document_get_last_error (document));
      exit (3);
    }
}

/* --child create|archive BASE_URL FILE ARCHIVE_FOLDER */
static int
child_main (int argc, char **argv)
{
  gboolean             archive = g_str_equal (argv[2], "archive");
  SignetDocumentStatus want
    = archive ? SIGNET_DOCUMENT_STATUS_ARCHIVED : SIGNET_DOCUMENT_STATUS_OPEN;
  g_autoptr (SignetJournal) journal = open_journal (NULL);
  g_autoptr (SignetClient) client = new_client (argv[3]);
  g_autoptr (GNetworkMonitor) monitor = test_network_monitor_new ();
  g_autoptr (SignetOutbox) outbox = quick_outbox_new (journal, client, monitor, 20);
  g_autoptr (SignetTracker) tracker = NULL;
  GListModel *documents = signet_journal_get_documents (journal);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (signet_document_get_status (document) == want)
        return 0;
    }
  g_signal_connect (journal, "document-changed", G_CALLBACK (child_changed_cb),
                    GINT_TO_POINTER (want));

  if (archive)
    {
      tracker = signet_tracker_new (journal, client, "sandbox", monitor);
      g_object_set (tracker, "interval", 20, "archive-folder", argv[5], "delete-after-archiving",
                    TRUE, NULL);
      signet_tracker_start (tracker);
    }
  signet_outbox_start (outbox);

  if (g_list_model_get_n_items (documents) == 0)
    {
      g_autoptr (GFile) file = g_file_new_for_path (argv[4]);
      g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();

      signet_signature_request_set_file (request, file);
      signet_journal_add_async (journal, "sandbox", &request, 1, NULL, NULL, NULL);
    }

  run_forever ();
}

/* }}} */
/* {{{ The parent */

typedef struct
{
  JournalFixture jf;
  char          *file;
  char          *archive;
  char          *db;
} CrashFixture;

static void
crash_set_up (CrashFixture *cf, gconstpointer data)
{
  /* The child opens the journal itself. */
  cf->db = journal_fixture_set_up_closed (&cf->jf, data);
  cf->file = write_pdf ("crash.pdf", NULL);
  cf->archive = g_build_filename (g_get_user_data_dir (), "Archive", NULL);
}

static void
crash_tear_down (CrashFixture *cf, gconstpointer data)
{
  journal_fixture_tear_down_closed (&cf->jf, cf->db, data);
  g_free (cf->file);
  g_free (cf->archive);
  g_free (cf->db);
}

static GSubprocess *
spawn_child (CrashFixture *cf, const char *mode, const char *data_home)
{
  const char *const args[] = { "--child", mode, cf->jf.sandbox.base, cf->file, cf->archive, NULL };

  return spawn_self (data_home, args);
}

static void
wait_child (GSubprocess *child)
{
  g_autoptr (GAsyncResult) result = NULL;

  g_subprocess_wait_async (child, NULL, result_cb, &result);
  g_assert_true (g_subprocess_wait_finish (child, wait_for (&result), NULL));
}

/* The status the child's journal has now, "" before the row exists. */
static char *
journal_status (const char *db_path)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *status = g_strdup ("");

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS)
      || sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return status;
    }
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db, "SELECT status, archive_path FROM requests", -1, &stmt, NULL)
        == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_free (status);
      /* "signed+copy": the archive copy is journalled, the server's not
       * yet deleted. */
      status = g_strconcat ((const char *) sqlite3_column_text (stmt, 0),
                            sqlite3_column_type (stmt, 1) != SQLITE_NULL ? "+copy" : "", NULL);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return status;
}

/* The order the journal goes through; takes @status. */
static int
rank (char *status)
{
  static const char *const order[]
    = { "", "pending", "uploaded", "open", "signed", "signed+copy", "archived+copy", NULL };
  int i = 0;

  while (order[i] != NULL && !g_str_equal (order[i], status))
    i++;
  g_free (status);
  return i;
}

/* Runs the child until its journal says @status (or it ends), keeping the
 * sandbox serving meanwhile, then waits @extra_ms and kills it. */
static void
run_and_kill (CrashFixture *cf, const char *mode, const char *status, guint delay_ms)
{
  g_autofree char *data_home = g_strdup (g_get_user_data_dir ());
  g_autoptr (GSubprocess) child = spawn_child (cf, mode, data_home);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (status != NULL)
    while (rank (journal_status (cf->db)) < rank (g_strdup (status)))
      {
        /* A step may pass between two looks: a later one counts. */
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        run_for (1);
      }
  run_for (MAX (delay_ms, 1));
  g_subprocess_send_signal (child, SIGKILL);
  wait_child (child);
}

static void
run_to_end (CrashFixture *cf, const char *mode)
{
  g_autofree char *data_home = g_strdup (g_get_user_data_dir ());
  g_autoptr (GSubprocess) child = spawn_child (cf, mode, data_home);

  wait_child (child);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

static SignetDocument *
the_document (CrashFixture *cf)
{
  g_autoptr (SignetJournal) journal = open_journal (cf->db);
  GListModel     *documents = signet_journal_get_documents (journal);
  SignetDocument *document;

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  document = g_list_model_get_item (documents, 0);
  g_object_run_dispose (G_OBJECT (journal));
  return document;
}

/* One request, paid once, open on the server under the journalled ids. */
static void
assert_agree (CrashFixture *cf)
{
  g_autoptr (SignetDocument) document = the_document (cf);
  g_autofree char *state = NULL;
  g_autofree char *open
    = g_strdup_printf ("/openDocument/%s", signet_document_get_signature_request_id (document));
  g_autoptr (Response) response = NULL;

  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_cmpint (sandbox_count (&cf->jf.sandbox, "usedSignatureRequests"), ==, 1);
  state = fixture_state (&cf->jf.sandbox, signet_document_get_document_id (document));
  g_assert_cmpstr (state, ==, "tosign");
  response = fixture_send (&cf->jf.sandbox, "GET", open, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 302);
}

static void
remove_folder (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_rmdir (folder);
}

static void
reset (CrashFixture *cf)
{
  g_autofree char *wal = g_strconcat (cf->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (cf->db, "-shm", NULL);
  g_autoptr (JsonNode) reply = fixture_json (&cf->jf.sandbox, "POST", "/sandbox/reset", NULL, 200);

  g_remove (cf->db);
  g_remove (wal);
  g_remove (shm);
}

/* Killed while the upload is on its way (the server stores it), while
 * the create is on its way (the server creates it, the answer is lost),
 * and right after the request is open: each time the next start finishes
 * with one request, and a lost create answer is recovered, not repaid. */
static void
test_create_steps (CrashFixture *cf, gconstpointer data)
{
  static const struct
  {
    const char *path;
    const char *status;
  } steps[] = {
    { "/JSON/document", "pending" },
    { "/JSON/signatureRequest", "uploaded" },
    { NULL, "open" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (SignetDocument) document = NULL;
      g_autoptr (GPtrArray) events = NULL;
      g_autoptr (SignetJournal) journal = NULL;
      g_autofree char *status = NULL;

      reset (cf);
      if (steps[i].path != NULL)
        {
          g_autofree char *fault
            = g_strdup_printf ("{\"path\": \"%s\", \"delay\": 600}", steps[i].path);
          g_autoptr (JsonNode) reply
            = fixture_json (&cf->jf.sandbox, "POST", "/sandbox/faults", fault, 200);
        }
      /* Killed while the server holds the request; it goes on without
       * anyone to answer. */
      run_and_kill (cf, "create", steps[i].status, 200);
      status = journal_status (cf->db);
      g_assert_cmpstr (status, ==, steps[i].status);
      run_for (700);

      run_to_end (cf, "create");
      assert_agree (cf);
      journal = open_journal (cf->db);
      document = g_list_model_get_item (signet_journal_get_documents (journal), 0);
      events = journal_events (journal, document);
      if (i == 1)
        g_assert_true (has_event (events, "recovered"));
      close_journal (g_steal_pointer (&journal));
    }
}

/* Kill points: right after the journal reaches a status (polled every
 * millisecond), and a few milliseconds later, inside the network step
 * that follows. "" is before the journal has the request. */
typedef struct
{
  const char *status;
  guint       delay_ms;
} KillPoint;

/* Killed at every step of the create flow, from before the journal has
 * the request to after it is open. */
static void
test_create_sweep (CrashFixture *cf, gconstpointer data)
{
  static const KillPoint points[] = {
    { NULL, 1 },       { NULL, 15 },      { "pending", 0 },   { "pending", 3 }, { "pending", 10 },
    { "uploaded", 0 }, { "uploaded", 3 }, { "uploaded", 10 }, { "open", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *status = NULL;

      reset (cf);
      run_and_kill (cf, "create", points[i].status, points[i].delay_ms);
      status = journal_status (cf->db);
      g_test_message ("killed %u ms after “%s”: journal “%s”", points[i].delay_ms,
                      points[i].status ? points[i].status : "start", status);
      run_to_end (cf, "create");
      assert_agree (cf);
    }
}

/* The archive flow with deletion from the server, killed at every step:
 * after every kill the signed document is on the server or complete in
 * the archive; after the restart it is archived, in the folder, and gone
 * from the server. */
static void
test_archive_sweep (CrashFixture *cf, gconstpointer data)
{
  static const KillPoint points[] = {
    { "open", 1 },        { "open", 10 },       { "signed", 0 },
    { "signed", 2 },      { "signed", 5 },      { "signed", 10 },
    { "signed+copy", 0 }, { "signed+copy", 2 }, { "archived+copy", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr (SignetDocument) document = NULL;
      g_autofree char *sign_path = NULL;
      g_autofree char *status = NULL;
      g_autoptr (JsonNode) reply = NULL;
      g_autoptr (GDir) dir = NULL;
      const char *name;
      guint       copies = 0;
      gboolean    on_server;
      gboolean    archived = FALSE;

      reset (cf);
      remove_folder (cf->archive);
      run_to_end (cf, "create");
      document = the_document (cf);
      sign_path
        = g_strdup_printf ("/sandbox/sign/%s", signet_document_get_signature_request_id (document));
      reply = fixture_json (&cf->jf.sandbox, "POST", sign_path, "{\"name\": \"Eva\"}", 200);

      run_and_kill (cf, "archive", points[i].status, points[i].delay_ms);
      status = journal_status (cf->db);
      g_test_message ("killed %u ms after “%s”: journal “%s”", points[i].delay_ms, points[i].status,
                      status);

      on_server = sandbox_has (&cf->jf.sandbox, signet_document_get_document_id (document));
      dir = g_dir_open (cf->archive, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (cf->archive, name, NULL);
          g_autofree char *contents = NULL;

          if (name[0] != '.' && g_file_get_contents (path, &contents, NULL, NULL)
              && g_str_has_prefix (contents, "%PDF-"))
            archived = TRUE;
        }
      g_assert_true (on_server || archived);

      run_to_end (cf, "archive");
      g_clear_object (&document);
      document = the_document (cf);
      g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_ARCHIVED);
      g_clear_pointer (&dir, g_dir_close);
      dir = g_dir_open (cf->archive, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          copies++;
      g_test_message ("copies in the archive: %u", copies);
      g_assert_cmpuint (copies, >=, 1);
      g_assert_true (g_file_test (signet_document_get_archive_path (document), G_FILE_TEST_EXISTS));
      g_assert_false (sandbox_has (&cf->jf.sandbox, signet_document_get_document_id (document)));
    }
}

/* }}} */

int
main (int argc, char *argv[])
{
  if (argc >= 6 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, CrashFixture, NULL, crash_set_up, func, crash_tear_down)
  ADD ("/journal-crash/create-steps", test_create_steps);
  ADD ("/journal-crash/create-sweep", test_create_sweep);
  ADD ("/journal-crash/archive-sweep", test_archive_sweep);
#undef ADD

  return g_test_run ();
}
