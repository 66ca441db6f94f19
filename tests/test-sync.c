/* test-sync.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal, outbox and tracker put together for the account's
 * environment, with the settings, against the sandbox.
 */

#include "config.h"

#include "journal-util.h"
#include "signet-error.h"
#include "signet-sync.h"

/* The whole way without anyone doing anything: journalled, sent, signed,
 * archived into the folder of the settings; and the workers made anew
 * for another environment. */
static void
test_whole_way (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr (SignetSecretStore) secrets
    = signet_secret_store_new ("io.github.signetapp.Signet.TestSync");
  g_autoptr (SignetAccount) account = NULL;
  g_autoptr (SignetSync) sync = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GAsyncResult) started = NULL;
  g_autoptr (GAsyncResult) sent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "Signed here", NULL);
  g_autofree char *pdf = write_pdf ("whole.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autofree char *sign = NULL;
  g_autoptr (JsonNode) reply = NULL;
  guint finished = 0;

  g_settings_set_string (settings, "archive-folder", folder);
  g_settings_set_enum (settings, "environment", SIGNET_ENVIRONMENT_SANDBOX);
  account = signet_account_new (settings, secrets);
  signet_account_set_sandbox (account, jf->sandbox.base, TEST_KEY);
  sync = signet_sync_new (account, settings, jf->journal, jf->monitor);
  g_signal_connect_swapped (sync, "finished", G_CALLBACK (g_atomic_int_inc), &finished);

  signet_sync_start_async (sync, NULL, result_cb, &started);
  g_assert_true (signet_sync_start_finish (sync, wait_for (&started), &error));
  g_assert_no_error (error);
  while (signet_sync_get_tracker (sync) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (signet_sync_get_outbox (sync));
  g_assert_cmpuint (g_settings_get_uint (settings, "tracking-interval"), ==, 60);
  {
    guint interval;

    g_object_get (signet_sync_get_tracker (sync), "interval", &interval, NULL);
    g_assert_cmpuint (interval, ==, 60000);
  }
  g_object_set (signet_sync_get_tracker (sync), "interval", 50, NULL);

  signet_signature_request_set_file (request, file);
  signet_sync_send_async (sync, &request, 1, NULL, result_cb, &sent);
  document = signet_sync_send_finish (sync, wait_for (&sent), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_get_environment (document), ==, "sandbox");
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);

  sign = g_strdup_printf ("/sandbox/sign/%s", signet_document_get_signature_request_id (document));
  reply = fixture_json (&jf->sandbox, "POST", sign, "{\"name\": \"Eva\"}", 200);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_true (g_str_has_prefix (signet_document_get_archive_path (document), folder));
  g_assert_cmpuint (finished, ==, 1);

  /* Another environment: no client for it (no key), so no workers, and
   * the sandbox's request is left as it is. */
  g_settings_set_enum (settings, "environment", SIGNET_ENVIRONMENT_NONE);
  g_assert_null (signet_sync_get_outbox (sync));
  g_assert_null (signet_sync_get_tracker (sync));
  g_clear_object (&request);
  request = signet_signature_request_new ();
  signet_signature_request_set_file (request, file);
  g_clear_object (&sent);
  signet_sync_send_async (sync, &request, 1, NULL, result_cb, &sent);
  g_assert_null (signet_sync_send_finish (sync, wait_for (&sent), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED);
  g_settings_reset (settings, "environment");
  g_settings_reset (settings, "archive-folder");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sync/whole-way", JournalFixture, NULL, journal_fixture_set_up, test_whole_way,
              journal_fixture_tear_down);

  return g_test_run ();
}
