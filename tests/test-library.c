/* test-library.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library's core: requests in every state land in the right group with
 * the right counts, search folds case and accents, and deletions wait for
 * their Undo: an undone one sends nothing, a committed one sends one
 * DELETE, quitting sends every pending one. Against the sandbox over
 * loopback. The document page's timeline says what a deletion did, in the
 * person's language.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "journal-util.h"
#include "request-util.h"
#include "signet-deletions.h"
#include "signet-error.h"
#include "signet-library-util.h"
#include "signet-library.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
} LibraryFixture;

static void
library_set_up (LibraryFixture *lf, gconstpointer data)
{
  g_autofree char *folder = NULL;

  journal_fixture_set_up (&lf->jf, data);
  folder = g_build_filename (g_get_user_data_dir (), "Archive", NULL);
  lf->outbox = journal_fixture_start_outbox (&lf->jf);
  lf->tracker = signet_tracker_new (lf->jf.journal, lf->jf.client, "sandbox", lf->jf.monitor);
  g_object_set (lf->tracker, "interval", 50, "fast-interval", 20, "archive-folder", folder, NULL);
  signet_tracker_start (lf->tracker);
}

static void
library_tear_down (LibraryFixture *lf, gconstpointer data)
{
  signet_tracker_stop (lf->tracker);
  signet_outbox_stop (lf->outbox);
  g_clear_object (&lf->tracker);
  g_clear_object (&lf->outbox);
  journal_fixture_tear_down (&lf->jf, data);
}

/* A request added to the journal while the network is away: not sent. */
static SignetDocument *
add_unsent (LibraryFixture *lf, const char *name)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();

  signet_signature_request_set_file (request, file);
  return journal_add (lf->jf.journal, &request, 1);
}

static SignetDocument *
send_full (LibraryFixture *lf,
           const char     *name,
           const char     *signer,
           const char     *email,
           gboolean        tags,
           GDateTime      *expiration)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signer_request_new (file, signer, email);
  SignetDocument *document;

  if (tags)
    signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TAGS);
  if (expiration != NULL)
    signet_signature_request_set_expiration (request, expiration);
  document = journal_add (lf->jf.journal, &request, 1);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  return document;
}

static SignetDocument *
send (LibraryFixture *lf, const char *name, const char *signer, const char *email, gboolean tags)
{
  return send_full (lf, name, signer, email, tags, NULL);
}

static void
test_groups (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) waiting = NULL;
  g_autoptr (SignetDocument) preparing = NULL;
  g_autoptr (SignetDocument) signed_ = NULL;
  g_autoptr (SignetDocument) cancelled = NULL;
  g_autoptr (SignetDocument) vanished = NULL;
  g_autoptr (SignetDocument) expired = NULL;
  g_autoptr (SignetDocument) pending = NULL;
  GListModel *documents = signet_journal_get_documents (lf->jf.journal);
  guint       counts[SIGNET_LIBRARY_N_GROUPS];

  /* The service takes its time preparing tags. */
  signet_sandbox_set_processing_delay (lf->jf.sandbox.sandbox, 600000);

  waiting = send (lf, "Waiting.pdf", NULL, NULL, FALSE);
  preparing = send (lf, "Preparing.pdf", NULL, NULL, TRUE);
  signed_ = send (lf, "Signed.pdf", NULL, NULL, FALSE);
  cancelled = send (lf, "Cancelled.pdf", NULL, NULL, FALSE);
  vanished = send (lf, "Vanished.pdf", NULL, NULL, FALSE);

  sandbox_control (&lf->jf.sandbox, "sign", signed_);
  sandbox_control (&lf->jf.sandbox, "cancel", cancelled);
  {
    g_autofree char *path
      = g_strdup_printf ("/JSON/document/%s", signet_document_get_document_id (vanished));
    g_autoptr (Response) response
      = fixture_send (&lf->jf.sandbox, "DELETE", path, TEST_KEY, NULL, NULL, NULL);
    g_assert_cmpuint (response->status, ==, 200);
  }
  wait_status (signed_, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  wait_status (cancelled, SIGNET_DOCUMENT_STATUS_CANCELED, 10);
  wait_status (vanished, SIGNET_DOCUMENT_STATUS_VANISHED, 10);

  /* Expiry: a request that lasts two seconds. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, 2);

    expired = send_full (lf, "Expired.pdf", NULL, NULL, FALSE, soon);
    wait_status (expired, SIGNET_DOCUMENT_STATUS_EXPIRED, 10);
  }

  /* Not sent yet: the network is away. */
  set_online (lf->jf.monitor, FALSE);
  pending = add_unsent (lf, "Pending.pdf");

  g_assert_cmpint (signet_library_group_for_document (waiting), ==, SIGNET_LIBRARY_GROUP_WAITING);
  g_assert_cmpint (signet_library_group_for_document (preparing), ==,
                   SIGNET_LIBRARY_GROUP_PREPARING);
  g_assert_cmpint (signet_library_group_for_document (pending), ==, SIGNET_LIBRARY_GROUP_PREPARING);
  g_assert_cmpint (signet_library_group_for_document (signed_), ==, SIGNET_LIBRARY_GROUP_SIGNED);
  g_assert_cmpint (signet_library_group_for_document (cancelled), ==,
                   SIGNET_LIBRARY_GROUP_CANCELLED);
  g_assert_cmpint (signet_library_group_for_document (vanished), ==, SIGNET_LIBRARY_GROUP_FAILED);
  g_assert_true (signet_library_group_contains (SIGNET_LIBRARY_GROUP_ALL, vanished));
  g_assert_false (signet_library_group_contains (SIGNET_LIBRARY_GROUP_SIGNED, vanished));
  g_assert_true (signet_library_is_busy (pending));
  g_assert_false (signet_library_is_busy (waiting));
  g_assert_false (signet_library_is_busy (signed_));

  signet_library_count (documents, counts);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE], ==, 0);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_ALL], ==, 7);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_WAITING], ==, 1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_PREPARING], ==, 2);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_SIGNED], ==, 1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_CANCELLED], ==, 1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_FAILED], ==, 1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_EXPIRED], ==, 1);
  g_assert_cmpint (signet_library_group_for_document (expired), ==, SIGNET_LIBRARY_GROUP_EXPIRED);
  /* Taken out again, as the library does before counting a changed one. */
  signet_library_add_to_counts (counts, signet_library_groups_of (waiting), -1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_ALL], ==, 6);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_WAITING], ==, 0);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_PREPARING], ==, 2);
}

static void
test_search (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) jana
    = send (lf, "Zmluva o úvere.pdf", "Jana Nováková", "jana@example.sk", FALSE);
  g_autoptr (SignetDocument) petr = send (lf, "Lease.pdf", "Petr Dvořák", NULL, FALSE);
  g_autoptr (SignetDocument) nobody = send (lf, "Invoice 2026.pdf", NULL, NULL, FALSE);
  g_autofree char *novakova = signet_library_fold ("NOVAKOVA");
  g_autofree char *uver = signet_library_fold ("zmluva UVER");
  g_autofree char *mail = signet_library_fold ("example.sk");
  g_autofree char *dvorak = signet_library_fold ("dvorak lease");
  g_autofree char *both = signet_library_fold ("dvorak jana");
  g_autofree char *blank = signet_library_fold ("   ");

  g_assert_cmpstr (signet_document_get_signer_name (jana), ==, "Jana Nováková");
  g_assert_cmpstr (signet_document_get_signer_email (jana), ==, "jana@example.sk");
  g_assert_null (signet_document_get_signer_name (nobody));
  g_assert_null (signet_document_get_signer_email (petr));

  g_assert_true (signet_library_matches (jana, novakova));
  g_assert_false (signet_library_matches (petr, novakova));
  g_assert_true (signet_library_matches (jana, uver));
  g_assert_true (signet_library_matches (jana, mail));
  g_assert_false (signet_library_matches (nobody, mail));
  g_assert_true (signet_library_matches (petr, dvorak));
  g_assert_false (signet_library_matches (petr, both));
  g_assert_true (signet_library_matches (nobody, blank));
  g_assert_true (signet_library_matches (nobody, NULL));
}

static void
done_cb (SignetDeletions *deletions, SignetDocument *document, GError *error, gpointer user_data)
{
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static void
wait_done (guint *done, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*done < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_delete_undo (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send (lf, "Undo.pdf", NULL, NULL, FALSE);
  g_autoptr (SignetDeletions) deletions = signet_deletions_new (lf->jf.journal);
  guint id, done = 0;

  signet_deletions_set_client (deletions, lf->jf.client);
  g_signal_connect (deletions, "done", G_CALLBACK (done_cb), &done);

  id = signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT);
  g_assert_cmpuint (signet_deletions_get_n_pending (deletions), ==, 1);
  g_assert_true (signet_deletions_is_pending (deletions, document));
  /* Nothing goes while the Undo is on screen. */
  run_for (300);
  g_assert_true (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (document)));
  g_assert_true (signet_deletions_undo (deletions, id));
  g_assert_false (signet_deletions_undo (deletions, id));
  g_assert_cmpuint (signet_deletions_get_n_pending (deletions), ==, 0);
  /* Committing an undone deletion does nothing. */
  signet_deletions_commit (deletions, id);
  run_for (300);
  g_assert_cmpuint (done, ==, 0);
  g_assert_true (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (document)));
  g_assert_cmpint (sandbox_count (&lf->jf.sandbox, "deleted.f"), ==, 0);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
}

static void
test_delete_commit (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send (lf, "Delete.pdf", NULL, NULL, FALSE);
  g_autoptr (SignetDeletions) deletions = signet_deletions_new (lf->jf.journal);
  g_autoptr (GPtrArray) events = NULL;
  guint id, done = 0;

  signet_deletions_set_client (deletions, lf->jf.client);
  g_signal_connect (deletions, "done", G_CALLBACK (done_cb), &done);

  id = signet_deletions_add (deletions, document, SIGNET_DELETION_DOCUMENT);
  signet_deletions_commit (deletions, id);
  g_assert_cmpuint (signet_deletions_get_n_pending (deletions), ==, 0);
  g_assert_cmpuint (signet_deletions_get_n_sending (deletions), ==, 1);
  wait_done (&done, 1);
  /* Committed twice: still one DELETE. */
  signet_deletions_commit (deletions, id);
  run_for (200);

  g_assert_cmpuint (done, ==, 1);
  g_assert_false (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (document)));
  g_assert_cmpint (sandbox_count (&lf->jf.sandbox, "deleted.f"), ==, 1);
  g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
  events = journal_events (lf->jf.journal, document);
  g_assert_true (has_event (events, "deleted"));
}

static void
flushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (signet_deletions_flush_finish (SIGNET_DELETIONS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_delete_flush (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) first = send (lf, "First.pdf", NULL, NULL, FALSE);
  g_autoptr (SignetDocument) second = send (lf, "Second.pdf", NULL, NULL, FALSE);
  g_autoptr (SignetDocument) kept = send (lf, "Kept.pdf", NULL, NULL, FALSE);
  g_autoptr (SignetDeletions) deletions = signet_deletions_new (lf->jf.journal);
  g_autoptr (SignetDocument) local = NULL;
  gboolean flushed = FALSE;
  guint    done = 0, undone;

  signet_deletions_set_client (deletions, lf->jf.client);
  g_signal_connect (deletions, "done", G_CALLBACK (done_cb), &done);

  /* One request never reached the server. */
  set_online (lf->jf.monitor, FALSE);
  local = add_unsent (lf, "Local.pdf");

  signet_deletions_add (deletions, first, SIGNET_DELETION_DOCUMENT);
  signet_deletions_add (deletions, second, SIGNET_DELETION_REQUEST);
  undone = signet_deletions_add (deletions, kept, SIGNET_DELETION_DOCUMENT);
  signet_deletions_add (deletions, local, SIGNET_DELETION_REQUEST);
  g_assert_cmpuint (signet_deletions_get_n_pending (deletions), ==, 4);
  signet_deletions_undo (deletions, undone);

  /* Quitting sends what is pending and waits for the answers (the
   * deletions go whatever the outbox thinks of the network). */
  signet_deletions_flush_async (deletions, NULL, flushed_cb, &flushed);
  fixture_wait (&flushed, 10);
  g_assert_cmpuint (done, ==, 3);
  g_assert_cmpuint (signet_deletions_get_n_sending (deletions), ==, 0);

  g_assert_false (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (first)));
  /* Cancelling the request keeps the stored document. */
  g_assert_true (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (second)));
  g_assert_true (sandbox_has (&lf->jf.sandbox, signet_document_get_document_id (kept)));
  g_assert_cmpint (sandbox_count (&lf->jf.sandbox, "deleted.f"), ==, 1);
  g_assert_cmpint (signet_document_get_status (second), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
  g_assert_cmpint (signet_document_get_status (local), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
  g_assert_cmpint (signet_document_get_status (kept), ==, SIGNET_DOCUMENT_STATUS_OPEN);
  /* The cancelled request that never left is not sent when the network
   * comes back. */
  set_online (lf->jf.monitor, TRUE);
  run_for (1000);
  g_assert_cmpint (signet_document_get_status (local), ==, SIGNET_DOCUMENT_STATUS_CANCELED);
  g_assert_null (signet_document_get_document_id (local));
  {
    g_autofree char *path
      = g_strdup_printf ("/openDocument/%s", signet_document_get_signature_request_id (second));
    g_autoptr (Response) response
      = fixture_send (&lf->jf.sandbox, "GET", path, NULL, NULL, NULL, NULL);

    g_assert_cmpuint (response->status, ==, 400);
  }
}

static void
test_problem (LibraryFixture *lf, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send (lf, "Problem.pdf", NULL, NULL, FALSE);
  gint64 deadline;

  g_assert_null (signet_tracker_get_problem (lf->tracker));
  {
    g_autoptr (JsonNode) reply = fixture_json (&lf->jf.sandbox, "POST", "/sandbox/faults",
                                               "{\"path\": \"/JSON/\", \"count\": 1000, "
                                               "\"status\": 401}",
                                               200);
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (signet_tracker_get_problem (lf->tracker) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_error (signet_tracker_get_problem (lf->tracker), SIGNET_ERROR,
                  SIGNET_ERROR_NOT_AUTHORIZED);
  {
    g_autoptr (Response) response
      = fixture_send (&lf->jf.sandbox, "DELETE", "/sandbox/faults", NULL, NULL, NULL, NULL);
  }
  signet_tracker_poll_now (lf->tracker);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (signet_tracker_get_problem (lf->tracker) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* A deletion's lines on the timeline: its intent, its result, and a
 * refusal (an `error` right after the intent), which is not tried again.
 * Each in the language asked for, from the build's catalogues. */
typedef struct
{
  const char *language;
  const char *kind;
  const char *detail;
  const char *previous_kind;
  const char *previous_detail;
  const char *expected;
} EventCase;

static const EventCase event_cases[] = {
  { "C", "deleting", "document", NULL, NULL, "Asked to delete from the server" },
  { "C", "deleting", "request", NULL, NULL, "Asked to cancel the request on the server" },
  { "C", "error", "The server failed.", "deleting", "document",
    "Not deleted from the server: The server failed." },
  { "C", "error", "The server failed.", "deleting", "request",
    "Request not cancelled on the server: The server failed." },
  { "C", "error", "Disk full.", "downloaded", "/a.pdf", "Problem, tried again later: Disk full." },
  { "sk", "deleting", "document", NULL, NULL, "Vyžiadané odstránenie zo servera" },
  { "sk", "error", "X", "deleting", "document", "Neodstránené zo servera: X" },
  { "cs", "deleting", "request", NULL, NULL, "Vyžádáno zrušení žádosti na serveru" },
  { "cs", "error", "X", "deleting", "request", "Žádost nebyla zrušena na serveru: X" },
};

static void
test_describe_deletion (gconstpointer data)
{
  const EventCase *c = data;
  g_autofree char *expected = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char   *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      SignetJournalEvent event = { 0, (char *) c->kind, (char *) c->detail };
      SignetJournalEvent previous = { 0, (char *) c->previous_kind, (char *) c->previous_detail };
      g_autofree char   *text = NULL;

      g_setenv ("LANGUAGE", c->language, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* As main.c does: src/gui's _() reads the default domain. */
      textdomain (GETTEXT_PACKAGE);
      text = signet_describe_event (&event, c->previous_kind != NULL ? &previous : NULL);
      g_print ("%s\n", text);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The whole line (no glob characters in the expected lines). */
  g_test_trap_assert_stdout (expected = g_strdup_printf ("%s\n", c->expected));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, LibraryFixture, NULL, library_set_up, func, library_tear_down)
  ADD ("/library/groups", test_groups);
  ADD ("/library/search", test_search);
  ADD ("/library/delete-undo", test_delete_undo);
  ADD ("/library/delete-commit", test_delete_commit);
  ADD ("/library/delete-flush", test_delete_flush);
  ADD ("/library/problem", test_problem);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (event_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/library/describe-deletion/%u", i);

      g_test_add_data_func (path, &event_cases[i], test_describe_deletion);
    }

  return g_test_run ();
}
