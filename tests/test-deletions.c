/* test-deletions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SignetDeletions when something fails, against the sandbox over
 * loopback: no account, a server that refuses, and the journal failing at
 * each of its write points of a deletion (tests/journal-fault-vfs.c). Each
 * failure is told through SignetDeletions::failed in a sentence, and
 * after the next start (the journal opened again) the server and the
 * journal agree: a document the server deleted is cancelled in the
 * journal with its `deleted` event, and one it still has is as it was.
 */

#include "config.h"

#include <sqlite3.h>

#include "journal-fault-vfs.h"
#include "journal-util.h"
#include "signet-deletions.h"
#include "signet-error.h"
#include "signet-outbox.h"

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
} DeletionsFixture;

/* What one SignetDeletions said. */
typedef struct
{
  guint   done;
  guint   failed;
  GError *last_failure;
} Heard;

static void
start_outbox (DeletionsFixture *df)
{
  df->outbox = journal_fixture_start_outbox (&df->jf);
}

static void
stop_outbox (DeletionsFixture *df)
{
  signet_outbox_stop (df->outbox);
  g_clear_object (&df->outbox);
}

static void
deletions_set_up (DeletionsFixture *df, gconstpointer data)
{
  /* Reset by GTest before each test. */
  g_test_log_set_fatal_handler (journal_fault_vfs_fatal_cb, NULL);
  journal_fixture_set_up (&df->jf, data);
  start_outbox (df);
}

static void
deletions_tear_down (DeletionsFixture *df, gconstpointer data)
{
  journal_fault_vfs_disarm ();
  stop_outbox (df);
  journal_fixture_tear_down (&df->jf, data);
}

/* Signet stops and starts again: the journal is read from its file. */
static void
restart (DeletionsFixture *df)
{
  stop_outbox (df);
  close_journal (g_steal_pointer (&df->jf.journal));
  df->jf.journal = open_journal (NULL);
  start_outbox (df);
}

static void
done_cb (SignetDeletions *deletions, SignetDocument *document, GError *error, Heard *heard)
{
  heard->done++;
}

static void
failed_cb (SignetDeletions *deletions, SignetDocument *document, GError *error, Heard *heard)
{
  g_assert_nonnull (error);
  /* A sentence that names the file. */
  g_assert_nonnull (strstr (error->message, signet_document_get_filename (document)));
  g_test_message ("Failed: %s", error->message);
  heard->failed++;
  g_clear_error (&heard->last_failure);
  heard->last_failure = g_error_copy (error);
}

static SignetDeletions *
new_deletions (DeletionsFixture *df, SignetClient *client, Heard *heard)
{
  SignetDeletions *deletions = signet_deletions_new (df->jf.journal);

  signet_deletions_set_client (deletions, client);
  g_signal_connect (deletions, "done", G_CALLBACK (done_cb), heard);
  g_signal_connect (deletions, "failed", G_CALLBACK (failed_cb), heard);
  return deletions;
}

static void
free_deletions (SignetDeletions *deletions, Heard *heard)
{
  g_signal_handlers_disconnect_by_data (deletions, heard);
  g_object_run_dispose (G_OBJECT (deletions));
  g_object_unref (deletions);
  g_clear_error (&heard->last_failure);
  heard->done = heard->failed = 0;
}

static void
wait_done (Heard *heard, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (heard->done < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%u of %u deletions answered after 15 s", heard->done, n);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* What the last run left in the journal is found and finished. */
static void
wait_recovered (SignetDeletions *deletions)
{
  gint64   deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  gboolean recovering = TRUE;

  while (g_object_get (deletions, "recovering", &recovering, NULL), recovering)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Deletions left by the last run not finished after 15 s");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Whether the journal's last word on a deletion of @document is its
 * intent, not yet its result. */
static gboolean
intent_left (GPtrArray *events)
{
  gboolean left = FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      const char *kind = ((SignetJournalEvent *) events->pdata[i])->kind;

      if (g_str_equal (kind, "deleting"))
        left = TRUE;
      else if (g_str_equal (kind, "deleted") || g_str_equal (kind, "error"))
        left = FALSE;
    }
  return left;
}

/* "Account not ready" is its own error, not a network one, and nothing
 * is sent or changed. */
static void
test_account_not_ready (DeletionsFixture *df, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_open (&df->jf, "No account.pdf");
  Heard            heard = { 0 };
  SignetDeletions *deletions = new_deletions (df, NULL, &heard);

  signet_deletions_commit (deletions,
                           signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT));
  wait_done (&heard, 1);
  g_assert_cmpuint (heard.failed, ==, 1);
  g_assert_error (heard.last_failure, SIGNET_ERROR, SIGNET_ERROR_ACCOUNT_NOT_READY);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_true (sandbox_has (&df->jf.sandbox, signet_document_get_document_id (document)));
  g_assert_cmpint (sandbox_count (&df->jf.sandbox, "deleted.f"), ==, 0);
  free_deletions (deletions, &heard);
}

/* The server refuses: told, the document is open again in memory and in
 * the journal, and the next start does not send it by itself. */
static void
test_server_refused (DeletionsFixture *df, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_open (&df->jf, "Refused.pdf");
  g_autofree char *request_id = g_strdup (signet_document_get_signature_request_id (document));
  g_autofree char *document_id = g_strdup (signet_document_get_document_id (document));
  Heard            heard = { 0 };
  SignetDeletions *deletions = new_deletions (df, df->jf.client, &heard);
  g_autoptr (GPtrArray) events = NULL;
  SignetDocument *again;

  wait_recovered (deletions);
  {
    g_autoptr (JsonNode) reply = fixture_json (
      &df->jf.sandbox, "POST", "/sandbox/faults",
      "{\"path\": \"/JSON/document/\", \"method\": \"DELETE\", \"count\": 10, \"status\": 500}",
      200);
  }
  signet_deletions_commit (deletions,
                           signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT));
  wait_done (&heard, 1);
  g_assert_cmpuint (heard.failed, ==, 1);
  g_assert_error (heard.last_failure, SIGNET_ERROR, SIGNET_ERROR_SERVER_ERROR);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  journal_barrier (&df->jf, document);
  free_deletions (deletions, &heard);
  {
    g_autoptr (Response) response
      = fixture_send (&df->jf.sandbox, "DELETE", "/sandbox/faults", NULL, NULL, NULL, NULL);
  }

  restart (df);
  deletions = new_deletions (df, df->jf.client, &heard);
  wait_recovered (deletions);
  again = signet_journal_find (df->jf.journal, request_id);
  g_assert_nonnull (again);
  g_assert_cmpint (signet_document_get_status (again), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  events = journal_events (df->jf.journal, again);
  g_assert_false (intent_left (events));
  g_assert_true (sandbox_has (&df->jf.sandbox, document_id));
  g_assert_cmpuint (heard.done, ==, 0);
  free_deletions (deletions, &heard);
}

typedef struct
{
  JournalFaultKind kind;
  const char      *name;
  int              code;
  gboolean         sticky; /* a disk that stays full until Signet starts again */
} FaultMode;

static const FaultMode modes[] = {
  { JOURNAL_FAULT_WRITE, "write, disk full", SQLITE_FULL, TRUE },
  { JOURNAL_FAULT_WRITE, "write, I/O error once", SQLITE_IOERR_WRITE, FALSE },
  { JOURNAL_FAULT_SYNC, "sync, I/O error once", SQLITE_IOERR_FSYNC, FALSE },
};

typedef enum
{
  OUTCOME_NOT_REACHED,
  OUTCOME_KEPT,
  OUTCOME_DELETED,
} Outcome;

/* One deletion with the journal failing at call @n of @mode; returns
 * what the server did. */
static Outcome
delete_with_fault (DeletionsFixture *df, const FaultMode *mode, guint n, guint serial)
{
  g_autofree char *name = g_strdup_printf ("Fault %u.pdf", serial);
  g_autoptr (SignetDocument) document = send_open (&df->jf, name);
  g_autofree char *request_id = g_strdup (signet_document_get_signature_request_id (document));
  g_autofree char *document_id = g_strdup (signet_document_get_document_id (document));
  g_autoptr (GPtrArray) events = NULL;
  Heard            heard = { 0 };
  SignetDeletions *deletions = new_deletions (df, df->jf.client, &heard);
  SignetDocument  *again;
  gboolean         deleted;

  wait_recovered (deletions);
  if (mode->sticky)
    journal_fault_vfs_arm_sticky (mode->kind, n, mode->code);
  else
    journal_fault_vfs_arm (mode->kind, n, mode->code);
  signet_deletions_commit (deletions,
                           signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT));
  wait_done (&heard, 1);
  journal_barrier (&df->jf, document);
  journal_fault_vfs_disarm ();

  /* As the journal grows a write may touch one page less: the deletion
   * then had fewer write points, and this one was not reached. */
  if (journal_fault_vfs_fired () == 0)
    {
      g_test_message ("%s at %u: not reached", mode->name, n);
      g_assert_cmpuint (heard.failed, ==, 0);
      g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
      g_assert_false (sandbox_has (&df->jf.sandbox, document_id));
      free_deletions (deletions, &heard);
      return OUTCOME_NOT_REACHED;
    }
  /* Every write point fails something the person must hear about. */
  g_assert_cmpuint (heard.failed, >=, 1);
  deleted = !sandbox_has (&df->jf.sandbox, document_id);
  g_test_message ("%s at %u: %s, told “%s”", mode->name, n,
                  deleted ? "deleted on the server" : "kept", heard.last_failure->message);
  free_deletions (deletions, &heard);

  /* The next start: what the server did, the journal says. */
  restart (df);
  deletions = new_deletions (df, df->jf.client, &heard);
  wait_recovered (deletions);
  again = signet_journal_find (df->jf.journal, request_id);
  g_assert_nonnull (again);
  events = journal_events (df->jf.journal, again);
  g_assert_false (intent_left (events));
  if (sandbox_has (&df->jf.sandbox, document_id))
    {
      g_assert_false (deleted);
      g_assert_cmpint (signet_document_get_status (again), ==, SIGNET_DOCUMENT_STATUS_OPEN);
      g_assert_false (has_event (events, "deleted"));
    }
  else
    {
      g_assert_cmpint (signet_document_get_status (again), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
      g_assert_true (has_event (events, "deleted"));
    }
  free_deletions (deletions, &heard);
  return deleted ? OUTCOME_DELETED : OUTCOME_KEPT;
}

/* The journal fails at each of its write points of a deletion, in turn:
 * first the points are counted on a deletion that works, then each is
 * failed on a deletion of its own. */
static void
test_journal_faults (DeletionsFixture *df, gconstpointer data)
{
  guint points[JOURNAL_FAULT_N_KINDS];
  guint serial = 0, n_cases = 0, n_deleted = 0;

  {
    g_autoptr (SignetDocument) document = send_open (&df->jf, "Counted.pdf");
    Heard            heard = { 0 };
    SignetDeletions *deletions = new_deletions (df, df->jf.client, &heard);

    wait_recovered (deletions);
    journal_fault_vfs_reset_counts ();
    signet_deletions_commit (deletions,
                             signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT));
    wait_done (&heard, 1);
    journal_barrier (&df->jf, document);
    for (guint k = 0; k < JOURNAL_FAULT_N_KINDS; k++)
      points[k] = journal_fault_vfs_count (k);
    g_assert_cmpuint (heard.failed, ==, 0);
    g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
    free_deletions (deletions, &heard);
  }
  g_test_message ("A deletion writes the journal %u times and syncs it %u times",
                  points[JOURNAL_FAULT_WRITE], points[JOURNAL_FAULT_SYNC]);
  g_assert_cmpuint (points[JOURNAL_FAULT_WRITE], >=, 2);
  g_assert_cmpuint (points[JOURNAL_FAULT_SYNC], >=, 2);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint n = 1; n <= points[modes[m].kind]; n++)
      {
        Outcome outcome = delete_with_fault (df, &modes[m], n, ++serial);

        n_deleted += outcome == OUTCOME_DELETED;
        n_cases += outcome != OUTCOME_NOT_REACHED;
      }
  g_test_message ("%u of %u fault points reached and failed, the server deleted the document in %u "
                  "of them",
                  n_cases, serial, n_deleted);
  /* Both sides of the server call were reached. */
  g_assert_cmpuint (n_deleted, >, 0);
  g_assert_cmpuint (n_deleted, <, n_cases);
  /* At most a page less per save (two writes each) was not reached. */
  g_assert_cmpuint (n_cases + 2 * 2 * 2, >=, serial);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  journal_fault_vfs_expect_warnings ();
  journal_fault_vfs_install ();

#define ADD(path, func)                                                                            \
  g_test_add (path, DeletionsFixture, NULL, deletions_set_up, func, deletions_tear_down)
  ADD ("/deletions/account-not-ready", test_account_not_ready);
  ADD ("/deletions/server-refused", test_server_refused);
  ADD ("/deletions/journal-faults", test_journal_faults);
#undef ADD

  return g_test_run ();
}
