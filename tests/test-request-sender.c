/* test-request-sender.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the editor's Send does with the queue: the quota first, then each
 * entry with its own request, against the sandbox.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "journal-util.h"
#include "signet-error.h"
#include "signet-request-sender.h"

typedef struct
{
  SyncFixture          sf;
  SignetRequestSender *sender;
  SignetRequestSpec   *spec; /* the default options */
} SenderFixture;

static void
sender_set_up (SenderFixture *fx, gconstpointer data)
{
  sync_fixture_set_up (&fx->sf, data);
  fx->sender = signet_request_sender_new (fx->sf.sync, fx->sf.account, fx->sf.settings);
  fx->spec = signet_request_spec_new ();
}

static void
sender_tear_down (SenderFixture *fx, gconstpointer data)
{
  g_clear_object (&fx->sender);
  g_clear_object (&fx->spec);
  sync_fixture_tear_down (&fx->sf, data);
}

/* A queue entry: what the window knows it by. */
static GObject *
add_entry (SignetRequestSender *sender, const char *name, SignetRequestSpec *spec)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GObject *entry = g_object_new (G_TYPE_OBJECT, NULL);

  signet_request_sender_add (sender, entry, file, name, spec);
  return entry;
}

static gboolean
run (SignetRequestSender *sender, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_request_sender_run_async (sender, cancellable, result_cb, &result);
  return signet_request_sender_run_finish (sender, wait_for (&result), error);
}

static void
items_added_cb (GListModel *model, guint position, guint removed, guint n_added, guint *added)
{
  *added = MAX (*added, n_added);
}

/* Three entries, each its own request with its own options. */
static void
test_batch (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (GListModel) documents = NULL;
  g_autoptr (GError) error = NULL;
  GObject *entries[3] = { NULL };
  gint64   used = sandbox_count (&fx->sf.jf.sandbox, "usedSignatureRequests");
  guint    progress = 0;
  guint    added = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
      g_autofree char *name = g_strdup_printf ("batch-%u.pdf", i);

      signet_request_spec_set_expiry_hours (spec, 24 * (i + 2));
      entries[i] = add_entry (fx->sender, name, spec);
    }
  g_assert_cmpuint (signet_request_sender_get_n_entries (fx->sender), ==, 3);
  g_signal_connect_swapped (fx->sender, "notify::n-done", G_CALLBACK (g_atomic_int_inc), &progress);
  /* The library shows the whole batch at once, before anything is sent. */
  g_signal_connect (signet_journal_get_documents (fx->sf.jf.journal), "items-changed",
                    G_CALLBACK (items_added_cb), &added);

  g_assert_true (run (fx->sender, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 3);
  g_assert_cmpuint (added, ==, 3);
  g_signal_handlers_disconnect_by_data (signet_journal_get_documents (fx->sf.jf.journal), &added);
  g_assert_cmpuint (signet_request_sender_count (fx->sender, SIGNET_SEND_OUTCOME_SENT), ==, 3);
  g_assert_nonnull (signet_request_sender_get_quota (fx->sender));
  g_assert_true (signet_request_sender_get_quota (fx->sender)->fits);
  g_assert_cmpint (sandbox_count (&fx->sf.jf.sandbox, "usedSignatureRequests"), ==, used + 3);

  documents = signet_request_sender_dup_documents (fx->sender);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *name = g_strdup_printf ("batch-%u.pdf", i);
      gint64           hours;

      g_assert_true (signet_request_sender_get_entry (fx->sender, i) == entries[i]);
      g_assert_true (signet_request_sender_get_document (fx->sender, i) == document);
      g_assert_cmpstr (signet_document_get_filename (document), ==, name);
      g_assert_cmpint (signet_document_get_status (document), ==, SIGNET_DOCUMENT_STATUS_OPEN);
      g_assert_nonnull (signet_document_get_signing_url (document));
      /* Each went with its own expiry. */
      hours = (signet_document_get_expiration (document) - signet_document_get_created (document))
              / (3600 * 1000);
      g_assert_cmpint (hours, >=, 24 * (i + 2) - 1);
      g_assert_cmpint (hours, <=, 24 * (i + 2));
    }

  for (guint i = 0; i < 3; i++)
    g_object_unref (entries[i]);
}

/* Too few requests left: nothing is journalled, and the reason says so. */
static void
test_quota_refused (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) reply
    = fixture_json (&fx->sf.jf.sandbox, "POST", "/sandbox/quota", "{\"available\": 2}", 200);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) a = add_entry (fx->sender, "a.pdf", fx->spec);
  g_autoptr (GObject) b = add_entry (fx->sender, "b.pdf", fx->spec);
  g_autoptr (GObject) c = add_entry (fx->sender, "c.pdf", fx->spec);

  g_assert_false (run (fx->sender, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_cmpuint (signet_request_sender_get_n_done (fx->sender), ==, 0);
  g_assert_cmpuint (signet_request_sender_count (fx->sender, SIGNET_SEND_OUTCOME_NOT_SENT), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (fx->sf.jf.journal)), ==,
                    0);
}

/* A file that went away fails with a reason; the others go. */
static void
test_one_fails (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) a = add_entry (fx->sender, "stays.pdf", fx->spec);
  g_autoptr (GObject) b = add_entry (fx->sender, "gone.pdf", fx->spec);
  g_autoptr (GObject) c = add_entry (fx->sender, "also-stays.pdf", fx->spec);
  g_autofree char *gone = g_build_filename (g_get_user_data_dir (), "in", "gone.pdf", NULL);

  g_assert_cmpint (g_remove (gone), ==, 0);
  g_assert_true (run (fx->sender, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 0), ==, SIGNET_SEND_OUTCOME_SENT);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 1), ==,
                   SIGNET_SEND_OUTCOME_FAILED);
  g_assert_nonnull (signet_request_sender_get_message (fx->sender, 1));
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 2), ==, SIGNET_SEND_OUTCOME_SENT);
}

/* Offline, the requests wait in the outbox and go when the network is back. */
static void
test_offline (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) a = add_entry (fx->sender, "offline.pdf", fx->spec);

  set_online (fx->sf.jf.monitor, FALSE);
  g_assert_true (run (fx->sender, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 0), ==,
                   SIGNET_SEND_OUTCOME_WAITING);
  g_assert_nonnull (signet_request_sender_get_message (fx->sender, 0));

  set_online (fx->sf.jf.monitor, TRUE);
  wait_status (signet_request_sender_get_document (fx->sender, 0), SIGNET_DOCUMENT_STATUS_OPEN, 20);
}

static void
cancel_after_first (SignetRequestSender *sender, GParamSpec *pspec, GCancellable *cancellable)
{
  if (signet_request_sender_get_n_done (sender) == 1)
    g_cancellable_cancel (cancellable);
}

/* Cancel once the first request is created, while the second one's upload
 * is on its way (the sandbox holds uploads): the second goes on in the
 * background, the rest come back not sent and leave no trace in the
 * journal. */
static void
test_cancel (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) reply
    = fixture_json (&fx->sf.jf.sandbox, "POST", "/sandbox/faults",
                    "{\"path\": \"/JSON/document\", \"delay\": 300, \"count\": 100}", 200);
  GObject *entries[4];
  gint64   used = sandbox_count (&fx->sf.jf.sandbox, "usedSignatureRequests");

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *name = g_strdup_printf ("cancel-%u.pdf", i);

      entries[i] = add_entry (fx->sender, name, fx->spec);
    }
  g_signal_connect (fx->sender, "notify::n-done", G_CALLBACK (cancel_after_first), cancellable);
  g_assert_true (run (fx->sender, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 0), ==, SIGNET_SEND_OUTCOME_SENT);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 1), ==,
                   SIGNET_SEND_OUTCOME_WAITING);
  for (guint i = 2; i < G_N_ELEMENTS (entries); i++)
    {
      g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, i), ==,
                       SIGNET_SEND_OUTCOME_NOT_SENT);
      g_assert_null (signet_request_sender_get_document (fx->sender, i));
    }
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (fx->sf.jf.journal)), ==,
                    2);
  wait_status (signet_request_sender_get_document (fx->sender, 1), SIGNET_DOCUMENT_STATUS_OPEN, 10);
  g_assert_cmpint (sandbox_count (&fx->sf.jf.sandbox, "usedSignatureRequests"), ==, used + 2);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_object_unref (entries[i]);
}

static void
delete_file_cb (SignetJournal  *journal,
                SignetDocument *document,
                const char     *event,
                gpointer        user_data)
{
  if (g_strcmp0 (event, "journalled") == 0 && signet_document_get_original_path (document) != NULL)
    g_remove (signet_document_get_original_path (document));
}

/* Each file is deleted as soon as its request is journalled, before
 * anything is sent: every request still goes out, with the file's bytes. */
static void
test_file_deleted (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) a = add_entry (fx->sender, "deleted-a.pdf", fx->spec);
  g_autoptr (GObject) b = add_entry (fx->sender, "deleted-b.pdf", fx->spec);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "in", "deleted-a.pdf", NULL);
  g_autofree char *given = NULL;
  gsize            length;
  gulong           handler;

  g_assert_true (g_file_get_contents (path, &given, &length, NULL));
  handler
    = g_signal_connect (fx->sf.jf.journal, "document-changed", G_CALLBACK (delete_file_cb), NULL);
  g_assert_true (run (fx->sender, NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (fx->sf.jf.journal, handler);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < 2; i++)
    {
      SignetDocument *document = signet_request_sender_get_document (fx->sender, i);
      g_autoptr (GBytes) sent = NULL;

      g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, i), ==,
                       SIGNET_SEND_OUTCOME_SENT);
      sent = fixture_download (&fx->sf.jf.sandbox, signet_document_get_document_id (document));
      g_assert_cmpmem (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), given, length);
    }
}

/* The copies cannot be kept (the files are on another file system, so they
 * are copied, and the disk is "full": a file size limit): Send fails with
 * the journal's message, nothing is journalled or sent, and no copy or
 * part of one is left. */
static void
test_disk_full (SenderFixture *fx, gconstpointer data)
{
  g_autoptr (SignetRequestSender) again
    = signet_request_sender_new (fx->sf.sync, fx->sf.account, fx->sf.settings);
  g_autoptr (GError) error = NULL;
  g_autofree char *source = g_strdup_printf ("/dev/shm/signet-test-full-%d.pdf", (int) getpid ());
  g_autofree char *path = write_pdf ("full.pdf", NULL);
  g_autofree char *kept = g_build_filename (g_get_user_data_dir (), "signet", "journal-kept", NULL);
  g_autoptr (GObject) entry = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (source);
  g_autoptr (GDir) dir = NULL;
  g_autofree char *contents = NULL;
  struct rlimit    saved, small;
  GStatBuf         shm_stat, data_stat;
  gsize            length;

  /* The copy is only written where a hard link cannot be made. */
  if (g_stat ("/dev/shm", &shm_stat) != 0 || g_stat (g_get_user_data_dir (), &data_stat) != 0
      || shm_stat.st_dev == data_stat.st_dev)
    {
      g_test_skip ("No second file system (/dev/shm) to copy from");
      return;
    }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1024);
  g_assert_true (g_file_set_contents (source, contents, length, NULL));
  signet_request_sender_add (fx->sender, entry, file, "full.pdf", fx->spec);
  signet_request_sender_add (again, entry, file, "full.pdf", fx->spec);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 512;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (run (fx->sender, NULL, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (signet_request_sender_get_outcome (fx->sender, 0), ==,
                   SIGNET_SEND_OUTCOME_NOT_SENT);
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (fx->sf.jf.journal)), ==,
                    0);
  dir = g_dir_open (kept, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  g_assert_cmpint (sandbox_calls (&fx->sf.jf.sandbox, "POST /JSON/document"), ==, 0);

  /* With room again, the same entry goes, from a copy. */
  g_assert_true (run (again, NULL, &error));
  g_assert_no_error (error);
  g_unlink (source);
  g_assert_cmpint (signet_request_sender_get_outcome (again, 0), ==, SIGNET_SEND_OUTCOME_SENT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, SenderFixture, NULL, sender_set_up, func, sender_tear_down)
  ADD ("/request-sender/batch", test_batch);
  ADD ("/request-sender/quota-refused", test_quota_refused);
  ADD ("/request-sender/one-fails", test_one_fails);
  ADD ("/request-sender/offline", test_offline);
  ADD ("/request-sender/cancel", test_cancel);
  ADD ("/request-sender/file-deleted", test_file_deleted);
  ADD ("/request-sender/disk-full", test_disk_full);
#undef ADD

  return g_test_run ();
}
