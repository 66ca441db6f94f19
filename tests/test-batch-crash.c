/* test-batch-crash.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety of a batch (issue 23). A child process (this program with
 * --child) journals a batch of 8 files in one transaction, as Send does,
 * and its outbox sends them against a sandbox in this process that answers
 * slowly. The child is killed with SIGKILL at every boundary (before the
 * transaction, right after it, after each upload, after each create,
 * during the last answer) and at seeded random moments, then started
 * again (the outbox resuming). After the restart every file is on the
 * sandbox's ledger exactly once, or, when the kill came before the
 * transaction, back in the queue (the child sends the batch again):
 * never missing, never twice. `--soak N` runs N random kills and prints
 * `N trials, L lost, D duplicated` (./build-aux/dev soak).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-outbox.h"
#include "signet-sandbox-private.h"

#define N_FILES 8
/* Each answer of the sandbox is this late. */
#define SLOW_MS 15

/* {{{ The child */

static void
child_changed_cb (SignetJournal  *journal,
                  SignetDocument *document,
                  const char     *event,
                  gpointer        user_data)
{
  GListModel *documents = signet_journal_get_documents (journal);
  guint       n = g_list_model_get_n_items (documents);
  guint       open = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) item = g_list_model_get_item (documents, i);

      if (signet_document_get_status (item) == SIGNET_DOCUMENT_STATUS_FAILED)
        {
          g_printerr ("failed: %s\n", signet_document_get_last_error (item));
          exit (3);
        }
      if (signet_document_get_status (item) == SIGNET_DOCUMENT_STATUS_OPEN)
        open++;
    }
  if (open == N_FILES)
    exit (0);
}

/* --child BASE_URL FOLDER: sends FOLDER/batch-0.pdf … as one batch, or
 * resumes the batch the journal has. */
static int
child_main (char **argv)
{
  g_autoptr (SignetJournal) journal = open_journal (NULL);
  g_autoptr (SignetClient) client = new_client (argv[2]);
  g_autoptr (GNetworkMonitor) monitor = test_network_monitor_new ();
  g_autoptr (SignetOutbox) outbox = quick_outbox_new (journal, client, monitor, 20);
  GListModel *documents = signet_journal_get_documents (journal);

  g_signal_connect (journal, "document-changed", G_CALLBACK (child_changed_cb), NULL);
  signet_outbox_start (outbox);
  if (g_list_model_get_n_items (documents) == N_FILES)
    child_changed_cb (journal, NULL, NULL, NULL);
  else if (g_list_model_get_n_items (documents) == 0)
    {
      /* The queue: Send was pressed, or pressed again after a kill before
       * the batch was journalled. */
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) batch = NULL;

      for (guint i = 0; i < N_FILES; i++)
        g_ptr_array_add (paths, g_strdup_printf ("%s/batch-%u.pdf", argv[3], i));
      batch = file_batch ((const char *const *) paths->pdata, N_FILES);
      signet_journal_add_batch_async (journal, "sandbox", batch, NULL, NULL, NULL);
    }
  else
    {
      g_printerr ("half a batch in the journal: %u\n", g_list_model_get_n_items (documents));
      return 4;
    }

  run_forever ();
}

/* }}} */
/* {{{ The parent */

typedef struct
{
  JournalFixture jf;
  char          *db;
  char          *kept;
  char          *folder;
  char          *data_home;
} CrashFixture;

static void
crash_set_up (CrashFixture *cf, gconstpointer data)
{
  cf->db = journal_fixture_set_up_closed (&cf->jf, data);
  cf->kept = g_build_filename (g_get_user_data_dir (), "signet", "journal-kept", NULL);
  cf->folder = g_build_filename (g_get_user_data_dir (), "in", NULL);
  cf->data_home = g_strdup (g_get_user_data_dir ());
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%u.pdf", i);

      g_free (write_pdf (name, NULL));
    }
}

static void
crash_tear_down (CrashFixture *cf, gconstpointer data)
{
  journal_fixture_tear_down_closed (&cf->jf, cf->db, data);
  g_free (cf->db);
  g_free (cf->kept);
  g_free (cf->folder);
  g_free (cf->data_home);
}

static GSubprocess *
spawn_child (CrashFixture *cf)
{
  const char *const args[] = { "--child", cf->jf.sandbox.base, cf->folder, NULL };

  return spawn_self (cf->data_home, args);
}

static gboolean
child_gone (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* Reaps the child (killed or ended), serving the sandbox meanwhile; its
 * exit status, or -1 if it was killed. */
static int
reap (GSubprocess *child, guint seconds)
{
  wait_until (child_gone, child, seconds, "the child to end");
  return g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1;
}

/* What the child's journal says now. */
typedef struct
{
  guint rows;
  guint uploaded; /* with a document id */
  guint open;
  guint kept; /* files in the kept folder */
} Progress;

static Progress
progress (CrashFixture *cf)
{
  Progress      p = { 0 };
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GDir) dir = g_dir_open (cf->kept, 0, NULL);

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    p.kept++;
  if (!g_file_test (cf->db, G_FILE_TEST_EXISTS)
      || sqlite3_open_v2 (cf->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return p;
    }
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*), count(document_id), "
                          "count(CASE status WHEN 'open' THEN 1 END) FROM requests",
                          -1, &stmt, NULL)
        == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      p.rows = sqlite3_column_int (stmt, 0);
      p.uploaded = sqlite3_column_int (stmt, 1);
      p.open = sqlite3_column_int (stmt, 2);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return p;
}

/* How many signature requests the sandbox has for each file. */
static void
ledger (CrashFixture *cf, guint counts[N_FILES])
{
  GHashTableIter  iter;
  SandboxRequest *request;

  memset (counts, 0, N_FILES * sizeof (guint));
  g_hash_table_iter_init (&iter, cf->jf.sandbox.sandbox->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    {
      SandboxDocument *document
        = g_hash_table_lookup (cf->jf.sandbox.sandbox->documents, request->document_id);
      guint i;

      if (document != NULL && document->filename != NULL
          && sscanf (document->filename, "batch-%u.pdf", &i) == 1 && i < N_FILES)
        counts[i]++;
    }
}

static void
reset (CrashFixture *cf)
{
  g_autofree char *wal = g_strconcat (cf->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (cf->db, "-shm", NULL);
  g_autoptr (JsonNode) reply = fixture_json (&cf->jf.sandbox, "POST", "/sandbox/reset", NULL, 200);
  g_autoptr (JsonNode) slow = NULL;
  g_autoptr (GDir) dir = g_dir_open (cf->kept, 0, NULL);
  const char      *name;
  g_autofree char *fault
    = g_strdup_printf ("{\"path\": \"/JSON/\", \"delay\": %d, \"count\": 100000}", SLOW_MS);

  g_remove (cf->db);
  g_remove (wal);
  g_remove (shm);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (cf->kept, name, NULL);

      g_remove (path);
    }
  slow = fixture_json (&cf->jf.sandbox, "POST", "/sandbox/faults", fault, 200);
}

/* A kill point: once the journal shows @reached (or at once when NULL),
 * wait @delay_ms more, then SIGKILL. */
typedef gboolean (*Reached) (const Progress *p, guint k);

typedef struct
{
  const char *name;
  Reached     reached;
  guint       k;
  guint       delay_ms;
} KillPoint;

static gboolean
reached_kept (const Progress *p, guint k)
{
  return p->kept > 0 || p->rows > 0;
}

static gboolean
reached_rows (const Progress *p, guint k)
{
  return p->rows >= N_FILES;
}

static gboolean
reached_uploaded (const Progress *p, guint k)
{
  return p->uploaded >= k;
}

static gboolean
reached_open (const Progress *p, guint k)
{
  return p->open >= k;
}

static gboolean
reached_last_create (const Progress *p, guint k)
{
  return p->uploaded >= N_FILES && p->open >= N_FILES - 1;
}

typedef struct
{
  guint lost;
  guint duplicated;
  /* Where the kills fell: nothing journalled, journalled and nothing
   * uploaded, partly sent, all open. */
  guint before, journalled, partly, done;
} Tally;

/* One trial: run the child to the kill point and kill it, check that no
 * file is missing, start it again until it ends, check the ledger. In
 * @tally (the soak) a broken trial is counted; without it, asserted. */
static void
trial (CrashFixture *cf, const KillPoint *point, Tally *tally)
{
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GSubprocess) again = NULL;
  gint64   deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint    counts[N_FILES];
  Progress killed;
  guint    lost = 0, duplicated = 0;
  int      status;

  reset (cf);
  child = spawn_child (cf);
  if (point->reached != NULL)
    {
      Progress p = progress (cf);

      /* A step may pass between two looks: a later one counts. */
      while (!point->reached (&p, point->k) && g_subprocess_get_identifier (child) != NULL)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("%s %u: not reached (journal %u rows, %u uploaded, %u open)", point->name,
                     point->k, p.rows, p.uploaded, p.open);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (200);
          p = progress (cf);
        }
    }
  if (point->delay_ms > 0)
    run_for (point->delay_ms);
  g_subprocess_send_signal (child, SIGKILL);
  reap (child, 20);
  killed = progress (cf);
  if (tally == NULL)
    g_test_message ("%s %u +%u ms: journal %u rows, %u uploaded, %u open, %u kept", point->name,
                    point->k, point->delay_ms, killed.rows, killed.uploaded, killed.open,
                    killed.kept);

  /* Never half a batch: all of it in the journal, or none (then the queue
   * still has it); a journalled request not uploaded has its copy. */
  if (tally == NULL)
    {
      g_assert_true (killed.rows == 0 || killed.rows == N_FILES);
      g_assert_cmpuint (killed.kept, >=, killed.rows - killed.uploaded);
    }

  {
    gint64 t0 = g_get_monotonic_time ();

    again = spawn_child (cf);
    status = reap (again, 30);
    if (tally == NULL)
      g_test_message ("restart took %" G_GINT64_FORMAT " ms",
                      (g_get_monotonic_time () - t0) / 1000);
  }
  ledger (cf, counts);
  for (guint i = 0; i < N_FILES; i++)
    {
      if (counts[i] == 0)
        lost++;
      else if (counts[i] > 1)
        duplicated++;
    }
  if (sandbox_count (&cf->jf.sandbox, "usedSignatureRequests") > N_FILES)
    duplicated += sandbox_count (&cf->jf.sandbox, "usedSignatureRequests") - N_FILES;
  if (tally != NULL)
    {
      if (status != 0)
        g_printerr ("trial %s %u +%u: the restart ended with %d\n", point->name, point->k,
                    point->delay_ms, status);
      tally->lost += lost;
      tally->duplicated += duplicated;
      if (killed.rows == 0)
        tally->before++;
      else if (killed.uploaded == 0)
        tally->journalled++;
      else if (killed.open < N_FILES)
        tally->partly++;
      else
        tally->done++;
      return;
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (duplicated, ==, 0);
  g_assert_cmpint (sandbox_count (&cf->jf.sandbox, "usedSignatureRequests"), ==, N_FILES);
  /* The copies go once the service has the files (the last ones at the
   * next open at the latest). */
  close_journal (open_journal (cf->db));
  g_assert_cmpuint (progress (cf).kept, ==, 0);
}

/* Every boundary of the batch. */
static void
test_boundaries (CrashFixture *cf, gconstpointer data)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (KillPoint));
  KillPoint point;

  point = (KillPoint){ "start", NULL, 0, 1 };
  g_array_append_val (points, point);
  point = (KillPoint){ "before-transaction", reached_kept, 0, 0 };
  g_array_append_val (points, point);
  point = (KillPoint){ "after-transaction", reached_rows, 0, 0 };
  g_array_append_val (points, point);
  for (guint k = 1; k <= N_FILES; k++)
    {
      point = (KillPoint){ "after-upload", reached_uploaded, k, 0 };
      g_array_append_val (points, point);
      point = (KillPoint){ "after-create", reached_open, k, 0 };
      g_array_append_val (points, point);
    }
  point = (KillPoint){ "during-last-answer", reached_last_create, 0, SLOW_MS / 2 };
  g_array_append_val (points, point);

  for (guint i = 0; i < points->len; i++)
    trial (cf, &g_array_index (points, KillPoint, i), NULL);
}

/* From its start, a child takes about this long to send the batch (its
 * start-up, then 16 calls, each with a journal write); random kills fall
 * in it. */
#define BATCH_MS (300 + 2 * N_FILES * (SLOW_MS + 60))

/* Seeded random moments (the seed is printed; -p with --seed repeats). */
static void
test_random (CrashFixture *cf, gconstpointer data)
{
  for (guint i = 0; i < 4; i++)
    {
      KillPoint point = { "random", NULL, i, g_test_rand_int_range (1, BATCH_MS) };

      trial (cf, &point, NULL);
    }
}

/* }}} */
/* {{{ The soak */

static int
soak_main (guint n)
{
  CrashFixture cf = { 0 };
  Tally        tally = { 0 };
  g_autoptr (GRand) rand = g_rand_new ();
  gint64 start = g_get_monotonic_time ();

  crash_set_up (&cf, NULL);
  for (guint i = 0; i < n; i++)
    {
      KillPoint point = { "soak", NULL, i, g_rand_int_range (rand, 1, BATCH_MS) };

      trial (&cf, &point, &tally);
      if ((i + 1) % 25 == 0)
        g_printerr ("%u trials…\n", i + 1);
    }
  crash_tear_down (&cf, NULL);
  g_print ("%u trials, %u lost, %u duplicated (%.0f s)\n", n, tally.lost, tally.duplicated,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_print ("killed: %u before the batch was journalled, %u after it with nothing uploaded, "
           "%u partly sent, %u with all sent\n",
           tally.before, tally.journalled, tally.partly, tally.done);
  return tally.lost + tally.duplicated > 0;
}

/* }}} */

int
main (int argc, char *argv[])
{
  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv);

  if (argc >= 3 && g_str_equal (argv[1], "--soak"))
    {
      g_autofree char *home = g_dir_make_tmp ("signet-soak-XXXXXX", NULL);
      guint            n = (guint) g_ascii_strtoull (argv[2], NULL, 10);

      g_setenv ("XDG_DATA_HOME", home, TRUE);
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      return soak_main (MAX (n, 1));
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, CrashFixture, NULL, crash_set_up, func, crash_tear_down)
  ADD ("/batch-crash/boundaries", test_boundaries);
  ADD ("/batch-crash/random", test_random);
#undef ADD

  return g_test_run ();
}
