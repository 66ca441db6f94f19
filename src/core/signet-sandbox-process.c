/* signet-sandbox-process.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox-process"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-sandbox-process.h"
#include "signet-error.h"

/**
 * SignetSandboxProcess:
 *
 * The built-in OKdokument simulator, `signet-sandbox`, run as a child
 * process on a free loopback port, so that a slow render in it never stalls
 * the app. It stops with this object, and by itself when the app dies,
 * because its standard input closes.
 */

struct _SignetSandboxProcess
{
  GObject parent_instance;

  char        *program;
  char        *api_key;
  char        *base_url;
  GSubprocess *process;
};

G_DEFINE_FINAL_TYPE (SignetSandboxProcess, signet_sandbox_process, G_TYPE_OBJECT)

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

static void
set_start_error (GTask *task, const char *reason)
{
  g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                           _ ("The built-in simulator could not be started: %s"), reason);
}

static void
line_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSandboxProcess *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      signet_sandbox_process_stop (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (line == NULL || !g_str_has_prefix (line, "http://127.0.0.1:"))
    {
      signet_sandbox_process_stop (self);
      set_start_error (task, error ? error->message : _ ("it stopped without an address"));
      return;
    }

  self->base_url = g_steal_pointer (&line);
  g_debug ("The sandbox listens on %s", self->base_url);
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_sandbox_process_start_async:
 * @self: a #SignetSandboxProcess
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sandbox listens, or failed to start
 * @user_data: data for @callback
 *
 * Starts `signet-sandbox` on a free port of 127.0.0.1 with the test
 * controls on, and reads its address from its first line of output.
 */
void
signet_sandbox_process_start_async (SignetSandboxProcess *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SIGNET_IS_SANDBOX_PROCESS (self));
  g_return_if_fail (self->process == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sandbox_process_start_async);

  /* stdin is a pipe only so that the sandbox stops when we are gone. */
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, self->program, "--port", "0", "--api-key",
                                    self->api_key, "--enable-controls", "--stop-on-eof", NULL);
  if (self->process == NULL)
    {
      set_start_error (task, error->message);
      return;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, cancellable, line_read_cb,
                                       g_steal_pointer (&task));
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
  g_clear_pointer (&self->base_url, g_free);
}
