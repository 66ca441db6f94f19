/* test-sandbox-process.c: SignetSandboxProcess, the app's handle on the
 * signet-sandbox child process of `signet --sandbox`.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "async-util.h"

#include <glib/gstdio.h>

#include "sandbox-fixture.h"
#include "signet-error.h"
#include "signet-sandbox-process.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Started;

static void
started_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Started *started = user_data;

  started->ok = signet_sandbox_process_start_finish (SIGNET_SANDBOX_PROCESS (object), result,
                                                     &started->error);
  started->done = TRUE;
}

static gboolean
start (SignetSandboxProcess *sandbox, GCancellable *cancellable, GError **error)
{
  Started started = { 0 };

  signet_sandbox_process_start_async (sandbox, cancellable, started_cb, &started);
  fixture_wait (&started.done, TIMEOUT_SECONDS);
  if (started.error != NULL)
    g_propagate_error (error, started.error);
  return started.ok;
}

/* The child dies a moment after the signal: tries new connections until
 * one is refused. */
static void
wait_gone (const char *base)
{
  g_autoptr (Response) after = NULL;
  Fixture fx = { .base = base };

  for (gint64 deadline
       = g_get_monotonic_time () + fixture_timeout (TIMEOUT_SECONDS) * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline;)
    {
      g_clear_pointer (&after, response_free);
      g_clear_object (&fx.session);
      fx.session
        = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
      after = fixture_send (&fx, "GET", "/JSON/counter", "process-test-key", NULL, NULL, NULL);
      if (g_error_matches (after->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        break;
      g_usleep (20000);
    }
  g_clear_object (&fx.session);
  g_assert_error (after->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
restart (SignetSandboxProcess *sandbox, gboolean reset)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_sandbox_process_restart_async (sandbox, reset, NULL, result_cb, &result);
  signet_sandbox_process_restart_finish (sandbox, wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
test_start_and_stop (void)
{
  g_autoptr (SignetSandboxProcess) sandbox
    = signet_sandbox_process_new (g_getenv ("SIGNET_SANDBOX_BIN"), "process-test-key");
  g_autoptr (GError) error = NULL;
  g_autoptr (Response) counter = NULL;
  g_autoptr (Response) controls = NULL;
  g_autofree char *base = NULL;
  Fixture          fx = { 0 };

  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
  g_assert_true (start (sandbox, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:\\d+$",
                                       signet_sandbox_process_get_base_url (sandbox), 0, 0));
  g_assert_cmpstr (signet_sandbox_process_get_api_key (sandbox), ==, "process-test-key");

  base = g_strdup (signet_sandbox_process_get_base_url (sandbox));
  fx.base = base;
  fx.session
    = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
  counter = fixture_send (&fx, "GET", "/JSON/counter", "process-test-key", NULL, NULL, NULL);
  g_assert_cmpuint (counter->status, ==, 200);
  controls = fixture_send (&fx, "GET", "/sandbox/outbox", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (controls->status, ==, 200);

  /* Stopped, nothing answers there any more. */
  signet_sandbox_process_stop (sandbox);
  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
  g_object_unref (fx.session);
  wait_gone (base);
}

/* With a data folder, a sandbox started again has the documents, their
 * states and the port of the one before: a signing link given out then
 * still opens. */
static void
test_remembers (void)
{
  g_autoptr (SignetSandboxProcess) sandbox
    = signet_sandbox_process_new (g_getenv ("SIGNET_SANDBOX_BIN"), TEST_KEY);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-process-XXXXXX", &error);
  g_autofree char *data = g_build_filename (dir, "signet", "sandbox", NULL);
  g_autoptr (GBytes) pdf = make_pdf_page ("Remembered\n_SO1_");
  g_autoptr (JsonNode) created = NULL;
  g_autoptr (JsonNode) cancelled = NULL;
  g_autoptr (Response) link = NULL;
  g_autoptr (Response) gone = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *base = NULL;
  g_autofree char *state = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  const char      *document_id;
  Fixture          fx = { 0 };

  g_assert_no_error (error);
  signet_sandbox_process_set_data_dir (sandbox, data);
  g_assert_true (start (sandbox, NULL, &error));
  g_assert_no_error (error);
  base = g_strdup (signet_sandbox_process_get_base_url (sandbox));
  fx.base = base;
  fx.session
    = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
  body = g_strdup_printf ("{\"signatureRequestId\": \"kept-link\", \"filedata\": {\"filename\": "
                          "\"kept.pdf\", \"content\": \"%s\"}}",
                          encoded);
  created = fixture_json (&fx, "POST", "/JSON/signatureRequest", body, 200);
  url = g_strdup (json_member (created, "url"));
  document_id = json_member (created, "documentId");
  g_assert_true (g_str_has_prefix (url, base));
  cancelled = fixture_json (&fx, "POST", "/sandbox/cancel/kept-link", NULL, 200);
  path = g_strdup_printf ("/JSON/document/metadata/%s", document_id);
  signet_sandbox_process_stop (sandbox);
  g_clear_object (&fx.session);
  wait_gone (base);

  g_assert_true (start (sandbox, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signet_sandbox_process_get_base_url (sandbox), ==, base);
  fx.session
    = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
  state = fixture_state (&fx, document_id);
  g_assert_cmpstr (state, ==, "canceled");
  /* The link itself, as a browser or the journal has it. */
  link = fixture_send (&fx, "GET", url + strlen (base), NULL, NULL, NULL, NULL);
  g_assert_no_error (link->error);
  g_assert_cmpuint (link->status, ==, 302);

  /* "Reset Sandbox…": the same port, no documents, the link is dead. */
  g_clear_object (&fx.session);
  restart (sandbox, TRUE);
  g_assert_cmpstr (signet_sandbox_process_get_base_url (sandbox), ==, base);
  fx.session
    = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
  list = fixture_json (&fx, "GET", "/JSON/list/flat?state=*", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
  gone = fixture_send (&fx, "GET", url + strlen (base), NULL, NULL, NULL, NULL);
  g_assert_cmpuint (gone->status, ==, 400);

  signet_sandbox_process_stop (sandbox);
  g_object_unref (fx.session);
  wait_gone (base);
  remove_tree (dir);
}

static void
test_missing_program (void)
{
  g_autoptr (SignetSandboxProcess) sandbox
    = signet_sandbox_process_new ("/nonexistent/signet-sandbox", "k");
  g_autoptr (GError) error = NULL;

  g_assert_false (start (sandbox, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not be started"));
}

static void
test_no_address (void)
{
  /* A program that ends without printing an address. */
  g_autoptr (SignetSandboxProcess) sandbox = signet_sandbox_process_new ("/bin/true", "k");
  g_autoptr (GError) error = NULL;

  g_assert_false (start (sandbox, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
}

/* A stand-in for signet-sandbox: a shell script in a test folder. */
static char *
write_program (const char *script)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-process-XXXXXX", &error);
  char            *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "fake-sandbox", NULL);
  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
remove_program (char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
}

static void
test_exit_status (void)
{
  /* What the child says on stderr before it exits is in the error. */
  g_autofree char *program
    = write_program ("#!/bin/sh\necho 'first words' >&2\necho 'the port is taken' >&2\nexit 3\n");
  g_autoptr (SignetSandboxProcess) sandbox = signet_sandbox_process_new (program, "k");
  g_autoptr (GError) error = NULL;

  g_assert_false (start (sandbox, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "exited with status 3"));
  g_assert_nonnull (strstr (error->message, "first words\nthe port is taken"));
  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
  remove_program (g_steal_pointer (&program));
}

static void
test_deadline (void)
{
  /* A child that never says it is ready is stopped at the deadline. */
  g_autofree char *program = write_program ("#!/bin/sh\nexec sleep 600\n");
  g_autoptr (SignetSandboxProcess) sandbox = signet_sandbox_process_new (program, "k");
  g_autoptr (GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  signet_sandbox_process_set_ready_timeout (sandbox, 1);
  g_assert_false (start (sandbox, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "within 1 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC);
  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
  remove_program (g_steal_pointer (&program));
}

static void
test_cancelled (void)
{
  g_autoptr (SignetSandboxProcess) sandbox
    = signet_sandbox_process_new (g_getenv ("SIGNET_SANDBOX_BIN"), "k");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (start (sandbox, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (signet_sandbox_process_get_base_url (sandbox));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/process/start-and-stop", test_start_and_stop);
  g_test_add_func ("/sandbox/process/remembers", test_remembers);
  g_test_add_func ("/sandbox/process/missing-program", test_missing_program);
  g_test_add_func ("/sandbox/process/no-address", test_no_address);
  g_test_add_func ("/sandbox/process/cancelled", test_cancelled);
  g_test_add_func ("/sandbox/process/exit-status", test_exit_status);
  g_test_add_func ("/sandbox/process/deadline", test_deadline);

  return g_test_run ();
}
