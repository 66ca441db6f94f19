/* test-sandbox-process.c: SignetSandboxProcess, the app's handle on the
 * signet-sandbox child process of `signet --sandbox`.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

static void
test_start_and_stop (void)
{
  g_autoptr (SignetSandboxProcess) sandbox
    = signet_sandbox_process_new (g_getenv ("SIGNET_SANDBOX_BIN"), "process-test-key");
  g_autoptr (GError) error = NULL;
  g_autoptr (Response) counter = NULL;
  g_autoptr (Response) controls = NULL;
  g_autoptr (Response) after = NULL;
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
  fx.session = NULL;
  /* The child dies a moment after the signal: try new connections until
   * one is refused. */
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
  g_assert_error (after->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  g_object_unref (fx.session);
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
  g_test_add_func ("/sandbox/process/missing-program", test_missing_program);
  g_test_add_func ("/sandbox/process/no-address", test_no_address);
  g_test_add_func ("/sandbox/process/cancelled", test_cancelled);
  g_test_add_func ("/sandbox/process/exit-status", test_exit_status);
  g_test_add_func ("/sandbox/process/deadline", test_deadline);

  return g_test_run ();
}
