/* test-sandbox-program.c: the signet-sandbox program, started as a child
 * process the way `signet --sandbox` and a person start it.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "async-util.h"

#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "sandbox-fixture.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  GSubprocess *process;
  char        *base;
  char        *stderr_path;
} Program;

static void
line_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  char **line = user_data;
  g_autoptr (GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                     &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Starts signet-sandbox with @args and reads the base URL from its first
 * line; its stderr goes to a file. */
static Program *
program_start (const char *const *args, GSubprocessFlags flags, const char *const *env)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  Program *program = g_new0 (Program, 1);
  char    *line = NULL;
  guint    timeout_id;
  gboolean timed_out = FALSE;
  int      fd;

  fd = g_file_open_tmp ("sandbox-stderr-XXXXXX", &program->stderr_path, &error);
  g_assert_no_error (error);
  close (fd);

  g_ptr_array_add (argv, (char *) g_getenv ("SIGNET_SANDBOX_BIN"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  /* A test that fails leaves no sandbox behind: it stops when we are gone. */
  if (!g_strv_contains (args, "--stop-on-eof"))
    g_ptr_array_add (argv, "--stop-on-eof");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, program->stderr_path);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  program->process
    = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (program->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_read_cb, &line);
  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out_cb, &timed_out);
  while (line == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  program->base = line;
  return program;
}

static void
wait_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static void
program_wait (Program *program)
{
  gboolean done = FALSE;

  g_subprocess_wait_async (program->process, NULL, wait_cb, &done);
  fixture_wait (&done, TIMEOUT_SECONDS);
}

/* Stops it as `kill` would and checks it stopped cleanly. */
static void
program_stop (Program *program)
{
  g_subprocess_send_signal (program->process, SIGTERM);
  program_wait (program);
  g_assert_true (g_subprocess_get_if_exited (program->process));
  g_assert_cmpint (g_subprocess_get_exit_status (program->process), ==, 0);
}

static void
program_free (Program *program)
{
  if (!g_subprocess_get_if_exited (program->process)
      && !g_subprocess_get_if_signaled (program->process))
    {
      g_subprocess_force_exit (program->process);
      program_wait (program);
    }
  g_unlink (program->stderr_path);
  g_free (program->stderr_path);
  g_free (program->base);
  g_object_unref (program->process);
  g_free (program);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Program, program_free)

static void
client_init (Fixture *fx, Program *program)
{
  memset (fx, 0, sizeof *fx);
  fx->base = program->base;
  fx->session
    = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", TIMEOUT_SECONDS, NULL);
}

static void
test_options (void)
{
  const char *args[] = { "--port",
                         "0",
                         "--api-key",
                         TEST_KEY,
                         "--read-only-api-key",
                         TEST_READ_ONLY_KEY,
                         "--style",
                         "connector",
                         "--enable-controls",
                         "--quota",
                         "5",
                         NULL };
  g_autoptr (Program) program = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_autoptr (JsonNode) counter = NULL;
  g_autoptr (JsonNode) missing = NULL;
  g_autoptr (Response) outbox = NULL;
  g_autoptr (Response) read_only = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("{}", 2);
  Fixture fx;

  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:\\d+$", program->base, 0, 0));
  client_init (&fx, program);

  counter = fixture_json (&fx, "GET", "/JSON/counter", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (counter), "actual"),
                     "sandbox.availableSignatureRequests"),
                   ==, "5");
  missing = fixture_json (&fx, "GET", "/JSON/document/nope", NULL, 404);
  g_assert_cmpstr (json_member (missing, "code"), ==, "NOT_FOUND");
  outbox = fixture_send (&fx, "GET", "/sandbox/outbox", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (outbox->status, ==, 200);
  read_only = fixture_send (&fx, "POST", "/JSON/document", TEST_READ_ONLY_KEY, "application/json",
                            body, NULL);
  g_assert_cmpuint (read_only->status, ==, 403);

  program_stop (program);
  g_object_unref (fx.session);
}

static void
test_defaults (void)
{
  const char *args[] = { NULL };
  g_autoptr (Program) program = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_autoptr (Response) demo = NULL;
  g_autoptr (Response) controls = NULL;
  Fixture fx;

  client_init (&fx, program);
  /* Without --api-key the demo key of docs/sandbox.md works; no controls. */
  demo = fixture_send (&fx, "GET", "/JSON/counter", "sandbox-demo-key", NULL, NULL, NULL);
  g_assert_cmpuint (demo->status, ==, 200);
  controls = fixture_send (&fx, "GET", "/sandbox/outbox", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (controls->status, ==, 404);

  program_stop (program);
  g_object_unref (fx.session);
}

static void
test_persistence (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-data-XXXXXX", &error);
  const char *args[] = { "--api-key", TEST_KEY, "--data-dir",         dir,  "--enable-controls",
                         "--quota",   "7",      "--processing-delay", "50", NULL };
  g_autoptr (GBytes) pdf = make_pdf_page ("Persistent\n_SO1_");
  g_autoptr (Program) first = NULL;
  g_autoptr (Program) second = NULL;
  g_autoptr (GBytes) signed_before = NULL;
  g_autoptr (GBytes) signed_after = NULL;
  g_autoptr (GBytes) open_before = NULL;
  g_autoptr (GBytes) open_after = NULL;
  g_autoptr (JsonNode) signed_ = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) reused = NULL;
  g_autoptr (JsonNode) counter = NULL;
  g_autoptr (Response) reopened = NULL;
  g_autofree char *signed_doc = NULL;
  g_autofree char *open_doc = NULL;
  g_autofree char *signed_id = NULL;
  g_autofree char *open_id = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *state = NULL;
  g_autofree char *first_base = NULL;
  Fixture          fx;

  g_assert_no_error (error);
  first = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  first_base = g_strdup (first->base);
  client_init (&fx, first);
  signed_id = fixture_create (&fx, "\"signatureRequestId\": \"kept-1\",", pdf, &signed_doc);
  open_id
    = fixture_create_tags (&fx, "\"rules\": {\"signAnywhereEnabled\": false},", pdf, &open_doc);
  fixture_wait_state (&fx, open_doc, "tosign");
  signed_
    = fixture_json (&fx, "POST", "/sandbox/sign/kept-1", "{\"name\": \"Persistent Signer\"}", 200);
  signed_before = fixture_download (&fx, signed_doc);
  open_before = fixture_download (&fx, open_doc);
  program_stop (first);
  g_object_unref (fx.session);

  second = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  /* The port was free again, so the links given out before still lead here. */
  g_assert_cmpstr (second->base, ==, first_base);
  client_init (&fx, second);
  list = fixture_json (&fx, "GET", "/JSON/list/flat?state=*", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  state = fixture_state (&fx, signed_doc);
  g_assert_cmpstr (state, ==, "signed");
  signed_after = fixture_download (&fx, signed_doc);
  open_after = fixture_download (&fx, open_doc);
  g_assert_true (g_bytes_equal (signed_before, signed_after));
  g_assert_true (g_bytes_equal (open_before, open_after));
  g_assert_true (pdf_find (signed_after, "Persistent Signer", NULL, NULL, NULL));

  /* The requests, their ids and the counter survive too. */
  open_path = g_strdup_printf ("/openDocument/%s", open_id);
  reopened = fixture_send (&fx, "GET", open_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reopened->status, ==, 302);
  g_assert_true (
    g_str_has_prefix (soup_message_headers_get_one (reopened->headers, "Location"), second->base));
  reused = fixture_json (&fx, "POST", "/JSON/signatureRequest",
                         "{\"signatureRequestId\": \"kept-1\", \"id\": \"x\"}", 409);
  counter = fixture_json (&fx, "GET", "/JSON/counter", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (counter), "actual"),
                     "sandbox.availableSignatureRequests"),
                   ==, "5");
  /* The signature field found before the restart is still there. */
  {
    g_autoptr (JsonNode) round = NULL;
    g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", open_id);

    round = fixture_json (&fx, "POST", path, "{\"name\": \"After Restart\"}", 200);
    g_assert_cmpstr (json_member (round, "state"), ==, "signed");
  }

  program_stop (second);
  g_object_unref (fx.session);
  remove_tree (dir);
}

static void
test_key_never_logged (void)
{
  const char *args[] = { "--api-key",         TEST_KEY, "--read-only-api-key", TEST_READ_ONLY_KEY,
                         "--enable-controls", NULL };
  const char *env[] = { "G_MESSAGES_DEBUG", "all", NULL };
  g_autoptr (Program) program = program_start (args, G_SUBPROCESS_FLAGS_NONE, env);
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (JsonNode) signed_ = NULL;
  g_autoptr (Response) wrong = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *log = NULL;
  g_autoptr (GError) error = NULL;
  Fixture fx;

  client_init (&fx, program);
  id = fixture_create (&fx, "\"sendInfoURL\": \"http://127.0.0.1:1/x\",", NULL, &doc);
  path = g_strdup_printf ("/sandbox/sign/%s", id);
  signed_ = fixture_json (&fx, "POST", path, "{\"name\": \"Eva\"}", 200);
  pdf = fixture_download (&fx, doc);
  wrong = fixture_send (&fx, "GET", "/JSON/counter", "wrong-key-123", NULL, NULL, NULL);
  g_assert_cmpuint (wrong->status, ==, 401);
  program_stop (program);
  g_object_unref (fx.session);

  g_file_get_contents (program->stderr_path, &log, NULL, &error);
  g_assert_no_error (error);
  /* It did log (the debug messages are on), but never a key. */
  g_assert_nonnull (strstr (log, "Created a signature request"));
  g_assert_nonnull (strstr (log, "sendInfo callback failed"));
  g_assert_null (strstr (log, TEST_KEY));
  g_assert_null (strstr (log, "9668716b6"));
  g_assert_null (strstr (log, TEST_READ_ONLY_KEY));
  g_assert_null (strstr (log, "wrong-key-123"));
}

static void
test_stop_on_eof (void)
{
  const char *args[] = { "--stop-on-eof", NULL };
  g_autoptr (Program) program = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);

  g_output_stream_close (g_subprocess_get_stdin_pipe (program->process), NULL, NULL);
  program_wait (program);
  g_assert_true (g_subprocess_get_if_exited (program->process));
  g_assert_cmpint (g_subprocess_get_exit_status (program->process), ==, 0);
}

typedef struct
{
  char    *line;
  gboolean done;
} NextLine;

static void
next_line_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  NextLine *next = user_data;

  line_read_cb (object, result, &next->line);
  next->done = TRUE;
}

/* The next line of @lines, "" at its end; fails the test after the deadline. */
static char *
read_line_within (GDataInputStream *lines)
{
  NextLine next = { 0 };

  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, next_line_cb, &next);
  fixture_wait (&next.done, TIMEOUT_SECONDS);
  return next.line;
}

/* --ready-fd: the base URL on a pipe of its own, which then closes; the
 * same line as on stdout. */
static void
test_ready_fd (void)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GInputStream) pipe = NULL;
  g_autoptr (GDataInputStream) ready = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *end = NULL;
  g_autofree char *printed = NULL;
  int              fds[2];

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  launcher
    = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SIGNET_SANDBOX_BIN"),
                                         "--port", "0", "--stop-on-eof", "--ready-fd", "3", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher); /* closes our copy of the write end */

  pipe = g_unix_input_stream_new (fds[0], TRUE);
  ready = g_data_input_stream_new (pipe);
  line = read_line_within (ready);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:\\d+$", line, 0, 0));
  end = read_line_within (ready);
  g_assert_cmpstr (end, ==, "");

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  printed = read_line_within (out);
  g_assert_cmpstr (printed, ==, line);

  g_subprocess_force_exit (process);
}

static void
test_bad_options (void)
{
  const char *const cases[][3] = {
    { "--style", "soap", NULL },
    { "--port", "70000", NULL },
    { "--no-such-option", NULL, NULL },
    { "--ready-fd", "1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Program) program = program_start (cases[i], G_SUBPROCESS_FLAGS_NONE, NULL);

      /* Nothing on stdout, exit status 2. */
      g_assert_cmpstr (program->base, ==, "");
      program_wait (program);
      g_assert_cmpint (g_subprocess_get_exit_status (program->process), ==, 2);
    }
}

static void
test_cannot_start (void)
{
  const char *first_args[] = { NULL };
  g_autoptr (Program) first = program_start (first_args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_autofree char *port = g_strdup (strrchr (first->base, ':') + 1);
  const char      *busy_args[] = { "--port", port, NULL };
  g_autoptr (Program) busy = program_start (busy_args, G_SUBPROCESS_FLAGS_NONE, NULL);

  /* The port is taken: exit status 1, nothing on stdout. */
  g_assert_cmpstr (busy->base, ==, "");
  program_wait (busy);
  g_assert_cmpint (g_subprocess_get_exit_status (busy->process), ==, 1);
  program_stop (first);

  /* A data folder that cannot be one: exit status 1. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *file = NULL;
    int              fd = g_file_open_tmp ("sandbox-not-a-dir-XXXXXX", &file, &error);
    const char      *file_args[] = { "--data-dir", file, NULL };
    g_autoptr (Program) unusable = NULL;

    g_assert_no_error (error);
    close (fd);
    unusable = program_start (file_args, G_SUBPROCESS_FLAGS_NONE, NULL);
    g_assert_cmpstr (unusable->base, ==, "");
    program_wait (unusable);
    g_assert_cmpint (g_subprocess_get_exit_status (unusable->process), ==, 1);
    g_unlink (file);
  }
}

/* The one folder named damaged-* in @dir. */
static char *
find_damaged (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  char       *found = NULL;
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "damaged-"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  g_assert_nonnull (found);
  return found;
}

/* A store that cannot be read does not stop the start: it is reported and
 * moved aside, whole, and the sandbox starts empty. */
static void
test_damaged_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-bad-XXXXXX", &error);
  g_autofree char *state = g_build_filename (dir, "sandbox.json", NULL);
  const char      *data_args[] = { "--data-dir", dir, "--api-key", TEST_KEY, NULL };
  g_autoptr (Program) damaged = NULL;
  g_autoptr (Program) half = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *log = NULL;
  Fixture          fx;

  /* Not JSON at all. */
  g_assert_no_error (error);
  g_file_set_contents (state, "{ not json", -1, &error);
  g_assert_no_error (error);
  damaged = program_start (data_args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_assert_true (g_str_has_prefix (damaged->base, "http://127.0.0.1:"));
  client_init (&fx, damaged);
  list = fixture_json (&fx, "GET", "/JSON/list/flat?state=*", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
  program_stop (damaged);
  g_object_unref (fx.session);

  aside = find_damaged (dir);
  kept_path = g_build_filename (aside, "sandbox.json", NULL);
  g_file_get_contents (kept_path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "{ not json");
  g_file_get_contents (damaged->stderr_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log, "could not be read"));
  g_assert_nonnull (strstr (log, aside));
  /* The fresh store it wrote instead is a good one. */
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));
  remove_tree (aside);

  /* Half written: the state names a document whose PDF never arrived. */
  g_file_set_contents (state,
                       "{\"version\": 1, \"documents\": [{\"id\": \"lost\", \"filename\": "
                       "\"lost.pdf\", \"state\": \"tosign\"}]}",
                       -1, &error);
  g_assert_no_error (error);
  half = program_start (data_args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_assert_true (g_str_has_prefix (half->base, "http://127.0.0.1:"));
  program_stop (half);
  g_clear_pointer (&aside, g_free);
  aside = find_damaged (dir);
  g_clear_pointer (&kept_path, g_free);
  kept_path = g_build_filename (aside, "sandbox.json", NULL);
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_IS_REGULAR));
  remove_tree (dir);
}

/* The port of the last run is taken: the sandbox still starts, on another
 * one, says so, and keeps its documents. */
static void
test_port_taken (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-port-XXXXXX", &error);
  const char      *args[] = { "--api-key", TEST_KEY, "--data-dir", dir, NULL };
  g_autoptr (GBytes) pdf = make_pdf_page ("Port\n_SO1_");
  g_autoptr (Program) first = NULL;
  g_autoptr (Program) blocker = NULL;
  g_autoptr (Program) second = NULL;
  g_autoptr (Program) third = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *port = NULL;
  g_autofree char *log = NULL;
  g_autofree char *second_base = NULL;
  Fixture          fx;

  g_assert_no_error (error);
  first = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  client_init (&fx, first);
  id = fixture_create (&fx, "", pdf, &doc);
  port = g_strdup (strrchr (first->base, ':') + 1);
  program_stop (first);
  g_object_unref (fx.session);

  {
    const char *busy_args[] = { "--port", port, NULL };

    blocker = program_start (busy_args, G_SUBPROCESS_FLAGS_NONE, NULL);
    g_assert_cmpstr (blocker->base, ==, first->base);
  }
  second = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_assert_true (g_str_has_prefix (second->base, "http://127.0.0.1:"));
  g_assert_cmpstr (second->base, !=, first->base);
  client_init (&fx, second);
  list = fixture_json (&fx, "GET", "/JSON/list/flat?state=*", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  program_stop (second);
  g_object_unref (fx.session);
  g_file_get_contents (second->stderr_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log, "cannot be used"));
  second_base = g_strdup (second->base);
  program_stop (blocker);

  /* From now on the new port is the one it keeps. */
  third = program_start (args, G_SUBPROCESS_FLAGS_NONE, NULL);
  g_assert_cmpstr (third->base, ==, second_base);
  program_stop (third);
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/program/options", test_options);
  g_test_add_func ("/sandbox/program/defaults", test_defaults);
  g_test_add_func ("/sandbox/program/persistence", test_persistence);
  g_test_add_func ("/sandbox/program/key-never-logged", test_key_never_logged);
  g_test_add_func ("/sandbox/program/stop-on-eof", test_stop_on_eof);
  g_test_add_func ("/sandbox/program/bad-options", test_bad_options);
  g_test_add_func ("/sandbox/program/cannot-start", test_cannot_start);
  g_test_add_func ("/sandbox/program/damaged-store", test_damaged_store);
  g_test_add_func ("/sandbox/program/port-taken", test_port_taken);
  g_test_add_func ("/sandbox/program/ready-fd", test_ready_fd);

  return g_test_run ();
}
