/* signet-sandbox-process.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox-process"

#include "config.h"

#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "signet-sandbox-process.h"
#include "signet-error.h"

/**
 * SignetSandboxProcess:
 *
 * The built-in OKdokument simulator, `signet-sandbox`, run as a child
 * process on a free loopback port, so that a slow render in it never stalls
 * the app. It stops with this object, and by itself when the app dies,
 * because its standard input closes.
 *
 * The child writes its address to a pipe of its own (`--ready-fd`) once it
 * listens; the start waits on that pipe without blocking the main loop,
 * for one deadline, and says why when no address comes: the child's exit
 * status and the last lines it wrote to stderr, or the deadline.
 */

/* The child's descriptor for the ready line. */
#define READY_FD 3
/* How many of the child's last stderr lines a start error quotes. */
#define TAIL_LINES 4

/* The child's stderr, passed on to ours line by line; the last lines are
 * kept for an error message. Shared by the object and the pending read. */
typedef struct
{
  GDataInputStream *lines;
  GCancellable     *cancellable;
  GQueue            tail;   /* char * */
  gboolean          closed; /* the child closed its stderr */
  GTask            *closed_waiter;
} ErrorLog;

struct _SignetSandboxProcess
{
  GObject parent_instance;

  char        *program;
  char        *api_key;
  char        *data_dir;   /* NULL: the child keeps its data in memory */
  gboolean     reset_next; /* the next start forgets the data (--reset) */
  char        *base_url;
  guint        ready_timeout;
  GSubprocess *process;
  ErrorLog    *errors;
};

G_DEFINE_FINAL_TYPE (SignetSandboxProcess, signet_sandbox_process, G_TYPE_OBJECT)

static void
error_log_clear (gpointer data)
{
  ErrorLog *log = data;

  g_clear_object (&log->lines);
  g_clear_object (&log->cancellable);
  g_queue_clear_full (&log->tail, g_free);
  g_assert (log->closed_waiter == NULL);
}

static void
error_log_release (ErrorLog *log)
{
  g_rc_box_release_full (log, error_log_clear);
}

/* Calls back whoever waits for the end of the child's stderr. */
static void
error_log_wake (ErrorLog *log)
{
  GTask *waiter = g_steal_pointer (&log->closed_waiter);

  if (waiter != NULL)
    {
      g_task_return_boolean (waiter, TRUE);
      g_object_unref (waiter);
    }
}

static void
error_log_closed (ErrorLog *log)
{
  log->closed = TRUE;
  error_log_wake (log);
}

static void
error_line_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ErrorLog        *log = user_data;
  g_autofree char *line = NULL;

  line
    = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  if (line == NULL || g_cancellable_is_cancelled (log->cancellable))
    {
      error_log_closed (log);
      error_log_release (log);
      return;
    }

  g_printerr ("%s\n", line);
  g_queue_push_tail (&log->tail, g_steal_pointer (&line));
  if (g_queue_get_length (&log->tail) > TAIL_LINES)
    g_free (g_queue_pop_head (&log->tail));
  g_data_input_stream_read_line_async (log->lines, G_PRIORITY_DEFAULT, log->cancellable,
                                       error_line_cb, log);
}

static ErrorLog *
error_log_new (GInputStream *stream)
{
  ErrorLog *log = g_rc_box_new0 (ErrorLog);

  log->lines = g_data_input_stream_new (stream);
  log->cancellable = g_cancellable_new ();
  g_queue_init (&log->tail);
  g_data_input_stream_read_line_async (log->lines, G_PRIORITY_DEFAULT, log->cancellable,
                                       error_line_cb, g_rc_box_acquire (log));
  return log;
}

static char *
error_log_get_tail (ErrorLog *log)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (GList *l = log->tail.head; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", (const char *) l->data);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
signet_sandbox_process_dispose (GObject *object)
{
  SignetSandboxProcess *self = SIGNET_SANDBOX_PROCESS (object);

  signet_sandbox_process_stop (self);

  G_OBJECT_CLASS (signet_sandbox_process_parent_class)->dispose (object);
}

static void
signet_sandbox_process_finalize (GObject *object)
{
  SignetSandboxProcess *self = SIGNET_SANDBOX_PROCESS (object);

  g_free (self->program);
  g_free (self->api_key);
  g_free (self->data_dir);
  g_free (self->base_url);

  G_OBJECT_CLASS (signet_sandbox_process_parent_class)->finalize (object);
}

static void
signet_sandbox_process_class_init (SignetSandboxProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_sandbox_process_dispose;
  object_class->finalize = signet_sandbox_process_finalize;
}

static void
signet_sandbox_process_init (SignetSandboxProcess *self)
{
  self->ready_timeout = SIGNET_SANDBOX_PROCESS_READY_TIMEOUT;
}

/**
 * signet_sandbox_process_new:
 * @program: the path of `signet-sandbox`
 * @api_key: the key the sandbox is to accept
 *
 * Returns: (transfer full): a sandbox that is not started yet
 */
SignetSandboxProcess *
signet_sandbox_process_new (const char *program, const char *api_key)
{
  SignetSandboxProcess *self;

  g_return_val_if_fail (program != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  self = g_object_new (SIGNET_TYPE_SANDBOX_PROCESS, NULL);
  self->program = g_strdup (program);
  self->api_key = g_strdup (api_key);

  return self;
}

/**
 * signet_sandbox_process_set_ready_timeout:
 * @self: a #SignetSandboxProcess
 * @seconds: how long a start waits for the child's address
 *
 * The default is %SIGNET_SANDBOX_PROCESS_READY_TIMEOUT; the tests shorten it.
 */
void
signet_sandbox_process_set_ready_timeout (SignetSandboxProcess *self, guint seconds)
{
  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));
  g_return_if_fail (seconds > 0);

  self->ready_timeout = seconds;
}

/**
 * signet_sandbox_process_set_data_dir:
 * @self: a #SignetSandboxProcess
 * @path: (nullable): the folder the child keeps its data in, or %NULL for
 *   memory only
 *
 * Takes effect at the next start. With a folder, the child also listens on
 * the port of its last run when that is free (docs/sandbox.md).
 */
void
signet_sandbox_process_set_data_dir (SignetSandboxProcess *self, const char *path)
{
  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));

  g_free (self->data_dir);
  self->data_dir = g_strdup (path);
}

/* One start: the read of the ready line, the deadline and the caller's
 * cancellable, which all end in the same task. */
typedef struct
{
  GDataInputStream *ready;
  ErrorLog         *errors;
  GCancellable     *cancellable; /* ours: the deadline and the caller's both cancel it */
  GCancellable     *caller_cancellable;
  gulong            cancelled_id;
  guint             timeout_id;
  gboolean          timed_out;
} Start;

static void
start_free (gpointer data)
{
  Start *start = data;

  if (start->cancelled_id != 0)
    g_cancellable_disconnect (start->caller_cancellable, start->cancelled_id);
  g_clear_handle_id (&start->timeout_id, g_source_remove);
  g_clear_object (&start->ready);
  g_clear_pointer (&start->errors, error_log_release);
  g_clear_object (&start->cancellable);
  g_clear_object (&start->caller_cancellable);
  g_free (start);
}

static void
set_start_error (GTask *task, const char *reason)
{
  g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                           _ ("The built-in simulator could not be started: %s"), reason);
}

/* Whether the caller gave up; then the start ends with that. */
static gboolean
return_if_cancelled (GTask *task)
{
  Start *start = g_task_get_task_data (task);

  if (start->timed_out || !g_cancellable_is_cancelled (start->caller_cancellable))
    return FALSE;
  signet_sandbox_process_stop (g_task_get_source_object (task));
  g_task_return_error_if_cancelled (task);
  return TRUE;
}

/* Fails the start with what the child said and how it ended. */
static void
fail_start (GTask *task)
{
  SignetSandboxProcess *self = g_task_get_source_object (task);
  Start                *start = g_task_get_task_data (task);
  g_autofree char      *tail = self->errors ? error_log_get_tail (self->errors) : g_strdup ("");
  g_autofree char      *how = NULL;
  g_autofree char      *reason = NULL;

  if (start->timed_out)
    how = g_strdup_printf (_ ("it did not report its address within %u seconds"),
                           self->ready_timeout);
  else if (self->process == NULL)
    how = g_strdup (_ ("it stopped without an address"));
  else if (g_subprocess_get_if_exited (self->process))
    how = g_strdup_printf (_ ("it exited with status %d"),
                           g_subprocess_get_exit_status (self->process));
  else
    how = g_strdup_printf (_ ("it was stopped by signal %d"),
                           g_subprocess_get_term_sig (self->process));

  reason = *tail != '\0' ? g_strdup_printf ("%s:\n%s", how, tail) : g_steal_pointer (&how);
  g_message ("The sandbox did not start: %s", reason);
  signet_sandbox_process_stop (self);
  set_start_error (task, reason);
}

static void
exited_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  if (!return_if_cancelled (task))
    fail_start (task);
}

/* The child closed its stderr, so it has ended (or is about to). */
static void
errors_closed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSandboxProcess *self = g_task_get_source_object (task);
  Start                *start = g_task_get_task_data (task);

  if (return_if_cancelled (task))
    return;
  if (start->timed_out || self->process == NULL)
    {
      fail_start (task);
      return;
    }
  g_subprocess_wait_async (self->process, start->cancellable, exited_cb, g_steal_pointer (&task));
}

static void
ready_line_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSandboxProcess *self = g_task_get_source_object (task);
  Start                *start = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  if (return_if_cancelled (task))
    return;
  if (start->timed_out)
    {
      fail_start (task);
      return;
    }
  if (error != NULL)
    {
      signet_sandbox_process_stop (self);
      set_start_error (task, error->message);
      return;
    }
  if (line == NULL)
    {
      /* The pipe closed without an address: find out how the child ended
       * once all it wrote to stderr is read. */
      GTask *waiter
        = g_task_new (self, start->cancellable, errors_closed_cb, g_steal_pointer (&task));

      if (start->errors->closed)
        g_task_return_boolean (waiter, TRUE);
      else
        start->errors->closed_waiter = g_object_ref (waiter);
      g_object_unref (waiter);
      return;
    }
  if (!g_str_has_prefix (line, "http://127.0.0.1:"))
    {
      signet_sandbox_process_stop (self);
      set_start_error (task, line);
      return;
    }

  g_clear_handle_id (&start->timeout_id, g_source_remove);
  self->base_url = g_steal_pointer (&line);
  g_debug ("The sandbox listens on %s", self->base_url);
  g_task_return_boolean (task, TRUE);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Start *start = user_data;

  start->timeout_id = 0;
  start->timed_out = TRUE;
  g_cancellable_cancel (start->cancellable);
  error_log_wake (start->errors);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/**
 * signet_sandbox_process_start_async:
 * @self: a #SignetSandboxProcess
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sandbox listens, or failed to start
 * @user_data: data for @callback
 *
 * Starts `signet-sandbox` on a free port of 127.0.0.1 with the test
 * controls on, and reads its address from the pipe it reports on once it
 * listens.
 */
void
signet_sandbox_process_start_async (SignetSandboxProcess *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) ready = NULL;
  g_autofree char *ready_fd = g_strdup_printf ("%d", READY_FD);
  g_autoptr (GPtrArray) argv = NULL;
  Start *start;
  int    fds[2];

  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));
  g_return_if_fail (self->process == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sandbox_process_start_async);

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    {
      set_start_error (task, error->message);
      return;
    }

  /* stdin is a pipe only so that the sandbox stops when we are gone. */
  launcher
    = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                 | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_fd (launcher, fds[1], READY_FD);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, self->program);
  g_ptr_array_add (argv, "--port");
  g_ptr_array_add (argv, "0");
  if (self->data_dir != NULL)
    {
      g_ptr_array_add (argv, "--data-dir");
      g_ptr_array_add (argv, self->data_dir);
      if (self->reset_next)
        g_ptr_array_add (argv, "--reset");
    }
  self->reset_next = FALSE;
  g_ptr_array_add (argv, "--api-key");
  g_ptr_array_add (argv, self->api_key);
  g_ptr_array_add (argv, "--enable-controls");
  g_ptr_array_add (argv, "--stop-on-eof");
  g_ptr_array_add (argv, "--ready-fd");
  g_ptr_array_add (argv, ready_fd);
  g_ptr_array_add (argv, NULL);
  self->process
    = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  /* Our copy of the write end closes with the launcher, so that the read
   * end sees the end of the pipe once the child is gone. */
  g_clear_object (&launcher);
  if (self->process == NULL)
    {
      close (fds[0]);
      set_start_error (task, error->message);
      return;
    }
  self->errors = error_log_new (g_subprocess_get_stderr_pipe (self->process));

  start = g_new0 (Start, 1);
  g_task_set_task_data (task, start, start_free);
  ready = g_unix_input_stream_new (fds[0], TRUE);
  start->ready = g_data_input_stream_new (ready);
  start->errors = g_rc_box_acquire (self->errors);
  start->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      start->caller_cancellable = g_object_ref (cancellable);
      start->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   start->cancellable, NULL);
    }
  start->timeout_id = g_timeout_add (self->ready_timeout * 1000, deadline_cb, start);
  g_data_input_stream_read_line_async (start->ready, G_PRIORITY_DEFAULT, start->cancellable,
                                       ready_line_cb, g_steal_pointer (&task));
}

/**
 * signet_sandbox_process_start_finish:
 * @self: a #SignetSandboxProcess
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the sandbox listens at signet_sandbox_process_get_base_url()
 */
gboolean
signet_sandbox_process_start_finish (SignetSandboxProcess *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * signet_sandbox_process_get_base_url:
 * @self: a #SignetSandboxProcess
 *
 * Returns: (nullable): the sandbox's address, such as `http://127.0.0.1:41234`,
 *   or %NULL until it has started
 */
const char *
signet_sandbox_process_get_base_url (SignetSandboxProcess *self)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX_PROCESS (self), NULL);

  return self->base_url;
}

/**
 * signet_sandbox_process_get_api_key:
 * @self: a #SignetSandboxProcess
 *
 * Returns: the key the sandbox accepts
 */
const char *
signet_sandbox_process_get_api_key (SignetSandboxProcess *self)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX_PROCESS (self), NULL);

  return self->api_key;
}

/**
 * signet_sandbox_process_stop:
 * @self: a #SignetSandboxProcess
 *
 * Stops the sandbox; it forgets its documents, as it keeps them in memory.
 */
void
signet_sandbox_process_stop (SignetSandboxProcess *self)
{
  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));

  if (self->process == NULL)
    return;

  g_subprocess_force_exit (self->process);
  g_clear_object (&self->process);
  if (self->errors != NULL)
    {
      g_cancellable_cancel (self->errors->cancellable);
      g_clear_pointer (&self->errors, error_log_release);
    }
  g_clear_pointer (&self->base_url, g_free);
}

static void
restart_started_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (signet_sandbox_process_start_finish (SIGNET_SANDBOX_PROCESS (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
stopped_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSandboxProcess *self = g_task_get_source_object (task);

  /* Gone or not, it was killed: its port is free once it is reaped. */
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  signet_sandbox_process_start_async (self, g_task_get_cancellable (task), restart_started_cb,
                                      g_object_ref (task));
}

/**
 * signet_sandbox_process_restart_async:
 * @self: a #SignetSandboxProcess
 * @reset: whether the child forgets what it kept in its data folder
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sandbox listens again, or failed to start
 * @user_data: data for @callback
 *
 * Stops the child, waits until it is gone, and starts it again; with a
 * data folder it comes back on the same port, and with @reset without
 * documents ("Reset Sandbox…" in the preferences).
 */
void
signet_sandbox_process_restart_async (SignetSandboxProcess *self,
                                      gboolean              reset,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSubprocess) old = NULL;

  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sandbox_process_restart_async);
  self->reset_next = reset;
  if (self->process == NULL)
    {
      signet_sandbox_process_start_async (self, cancellable, restart_started_cb,
                                          g_steal_pointer (&task));
      return;
    }
  old = g_object_ref (self->process);
  signet_sandbox_process_stop (self);
  g_subprocess_wait_async (old, NULL, stopped_cb, g_steal_pointer (&task));
}

/**
 * signet_sandbox_process_restart_finish:
 * @self: a #SignetSandboxProcess
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the sandbox listens again
 */
gboolean
signet_sandbox_process_restart_finish (SignetSandboxProcess *self,
                                       GAsyncResult         *result,
                                       GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
