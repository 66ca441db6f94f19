/* signet-account.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-account"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-account.h"
#include "signet-error.h"
#include "signet-sandbox-process.h"

/* The built-in sandbox accepts this key; it is no secret. */
#define SANDBOX_DEMO_KEY "signet-sandbox-demo-key"

/**
 * SignetAccount:
 *
 * The OKdokument account Signet works with: the environment (a setting),
 * its API key (in the keyring, through #SignetSecretStore) and the client
 * made from both.
 *
 * A key is checked with the counter service before anything is saved, and
 * read from the keyring only when a client is first needed.
 */
struct _SignetAccount
{
  GObject parent_instance;

  GSettings            *settings;
  SignetSecretStore    *secrets;
  SignetEnvironment     environment;
  char                 *sandbox_url;
  char                 *sandbox_key;
  char                 *sandbox_program;
  char                 *sandbox_data_dir; /* NULL: in memory */
  SignetSandboxProcess *sandbox_process;
  gboolean              sandbox_for_session; /* --sandbox: the sandbox, whatever the setting */
  GPtrArray            *sandbox_waiters;     /* of GTask, while the sandbox starts */
  guint                 generation;          /* bumped whenever the client changes */
  SignetClient         *client;              /* for the current environment, once made */
  SignetCounter        *counter;             /* the last answer of the counter service */
};

G_DEFINE_FINAL_TYPE (SignetAccount, signet_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_SECRETS,
  PROP_ENVIRONMENT,
  PROP_COUNTER,
  PROP_KEYRING_USABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_counter (SignetAccount *self, SignetCounter *counter)
{
  if (g_set_object (&self->counter, counter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTER]);
}

static void
environment_changed_cb (SignetAccount *self)
{
  SignetEnvironment environment = self->sandbox_for_session
                                    ? SIGNET_ENVIRONMENT_SANDBOX
                                    : g_settings_get_enum (self->settings, "environment");

  if (environment == self->environment)
    return;

  self->environment = environment;
  self->generation++;
  g_clear_object (&self->client);
  set_counter (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

static char *
server_for (SignetAccount *self, SignetEnvironment environment, const char *custom_url)
{
  switch (environment)
    {
      case SIGNET_ENVIRONMENT_PRODUCTION:
      case SIGNET_ENVIRONMENT_TEST:
        return g_strdup (signet_environment_get_fixed_url (environment));
      case SIGNET_ENVIRONMENT_SANDBOX:
        return g_strdup (self->sandbox_url);
      case SIGNET_ENVIRONMENT_CUSTOM:
        return g_strdup (custom_url);
      case SIGNET_ENVIRONMENT_NONE:
      default:
        return NULL;
    }
}

/**
 * signet_account_dup_server:
 * @self: a #SignetAccount
 *
 * Returns: (transfer full) (nullable): the base URL of the current
 *   environment; %NULL when none is set up, or the sandbox is not running
 */
char *
signet_account_dup_server (SignetAccount *self)
{
  g_autofree char *custom_url = NULL;

  g_return_val_if_fail (SIGNET_IS_ACCOUNT (self), NULL);

  custom_url = g_settings_get_string (self->settings, "custom-url");
  return server_for (self, self->environment, custom_url);
}

static GError *
not_running_error (void)
{
  return g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE,
                              _ ("The sandbox is not running. Quit Signet and start it again."));
}

/* {{{ The built-in sandbox, started when first needed */

static void
sandbox_started_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetAccount) self = user_data;
  SignetSandboxProcess *process = SIGNET_SANDBOX_PROCESS (object);
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->sandbox_waiters);
  g_autoptr (GError) error = NULL;

  if (!signet_sandbox_process_start_finish (process, result, &error))
    {
      /* The next caller tries again with a new process. */
      if (self->sandbox_process == process)
        g_clear_object (&self->sandbox_process);
    }
  else if (self->sandbox_process == process)
    signet_account_set_sandbox (self, signet_sandbox_process_get_base_url (process),
                                signet_sandbox_process_get_api_key (process));

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* The task of one of the public calls, which remembers which account it
 * started for. */
static GTask *
call_task_new (SignetAccount      *self,
               gpointer            source_tag,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_object_set_data (G_OBJECT (task), "signet-generation", GUINT_TO_POINTER (self->generation));
  return task;
}

static guint
task_generation (GTask *task)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "signet-generation"));
}

/* The public calls' _finish, for those that return an object. */
static gpointer
propagate_pointer (SignetAccount *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Calls back when the sandbox runs (at once if it does, or if it is not ours
 * to start: then the caller finds no address and says so). Callers that come
 * while it starts wait for the same start. */
static void
ensure_sandbox (SignetAccount      *self,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean starting = self->sandbox_waiters != NULL;

  if (self->sandbox_url != NULL || self->sandbox_program == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!starting)
    self->sandbox_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->sandbox_waiters, g_steal_pointer (&task));
  if (starting)
    return;

  if (self->sandbox_process == NULL)
    self->sandbox_process = signet_sandbox_process_new (self->sandbox_program, SANDBOX_DEMO_KEY);
  signet_sandbox_process_set_data_dir (self->sandbox_process, self->sandbox_data_dir);
  /* No caller's cancellable: one caller giving up must not stop the start
   * the others wait for. */
  signet_sandbox_process_start_async (self->sandbox_process, NULL, sandbox_started_cb,
                                      g_object_ref (self));
}

/**
 * signet_account_set_sandbox_program:
 * @self: a #SignetAccount
 * @program: the path of `signet-sandbox`
 *
 * Lets the account start the built-in sandbox when it is first needed.
 */
void
signet_account_set_sandbox_program (SignetAccount *self, const char *program)
{
  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  g_free (self->sandbox_program);
  self->sandbox_program = g_strdup (program);
}

/**
 * signet_account_set_sandbox_data_dir:
 * @self: a #SignetAccount
 * @path: (nullable): the folder the built-in sandbox keeps its documents
 *   in, or %NULL to keep them in memory
 *
 * Takes effect when the sandbox next starts.
 */
void
signet_account_set_sandbox_data_dir (SignetAccount *self, const char *path)
{
  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  g_free (self->sandbox_data_dir);
  self->sandbox_data_dir = g_strdup (path);
}

static void
sandbox_restarted_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetAccount        *self = g_task_get_source_object (task);
  SignetSandboxProcess *process = SIGNET_SANDBOX_PROCESS (object);
  GError               *error = NULL;

  if (!signet_sandbox_process_restart_finish (process, result, &error))
    {
      if (self->sandbox_process == process)
        g_clear_object (&self->sandbox_process);
      g_clear_pointer (&self->sandbox_url, g_free);
      g_task_return_error (task, error);
      return;
    }
  if (self->sandbox_process == process)
    signet_account_set_sandbox (self, signet_sandbox_process_get_base_url (process),
                                signet_sandbox_process_get_api_key (process));
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_account_reset_sandbox_async:
 * @self: a #SignetAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sandbox runs again, empty
 * @user_data: data for @callback
 *
 * Restarts the built-in sandbox without the documents it kept, on the same
 * port. The journal's documents of the sandbox are the caller's to forget
 * (signet_sync_forget_environment_async()).
 */
void
signet_account_reset_sandbox_async (SignetAccount      *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_account_reset_sandbox_async);
  if (self->sandbox_program == NULL || self->sandbox_data_dir == NULL)
    {
      /* Not a person's mistake: the application always sets both. */
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                               "No built-in sandbox with a data folder to reset");
      return;
    }
  if (self->sandbox_waiters != NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED, "%s",
                               _ ("The sandbox cannot be reset while it starts. Try again in a "
                                  "moment."));
      return;
    }
  if (self->sandbox_process == NULL)
    self->sandbox_process = signet_sandbox_process_new (self->sandbox_program, SANDBOX_DEMO_KEY);
  signet_sandbox_process_set_data_dir (self->sandbox_process, self->sandbox_data_dir);
  signet_sandbox_process_restart_async (self->sandbox_process, TRUE, cancellable,
                                        sandbox_restarted_cb, g_steal_pointer (&task));
}

/**
 * signet_account_reset_sandbox_finish:
 * @self: a #SignetAccount
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the sandbox runs again, empty
 */
gboolean
signet_account_reset_sandbox_finish (SignetAccount *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
use_sandbox_started_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* Not the only handling: every caller that needs the client (the outbox,
   * the tracker, the editor's quota) starts the sandbox again and shows the
   * person its own error, with the child's exit status and last words. */
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The sandbox did not start: %s", error->message);
}

/**
 * signet_account_use_sandbox:
 * @self: a #SignetAccount
 *
 * Makes the built-in sandbox the environment of this run (`signet
 * --sandbox`), without changing the saved setting, and starts it.
 */
void
signet_account_use_sandbox (SignetAccount *self)
{
  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  signet_account_select_sandbox (self);
  ensure_sandbox (self, NULL, use_sandbox_started_cb, NULL);
}

/**
 * signet_account_select_sandbox:
 * @self: a #SignetAccount
 *
 * Makes the built-in sandbox the environment of this run, as
 * signet_account_use_sandbox() does, but leaves it to the first caller
 * that needs the client to start it (the window's first frame comes
 * before it).
 */
void
signet_account_select_sandbox (SignetAccount *self)
{
  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  self->sandbox_for_session = TRUE;
  environment_changed_cb (self);
}

/**
 * signet_account_stop_sandbox:
 * @self: a #SignetAccount
 *
 * Stops the built-in sandbox if this account started it.
 */
void
signet_account_stop_sandbox (SignetAccount *self)
{
  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  if (self->sandbox_process != NULL)
    signet_sandbox_process_stop (self->sandbox_process);
  g_clear_object (&self->sandbox_process);
}

/* }}} */
/* {{{ Connecting */

typedef struct
{
  SignetEnvironment environment;
  char             *server;
  char             *key;
  SignetClient     *client;
  SignetCounter    *counter;
} Connect;

static void
connect_free (Connect *connect)
{
  g_free (connect->server);
  g_free (connect->key);
  g_clear_object (&connect->client);
  g_clear_object (&connect->counter);
  g_free (connect);
}

static void
connected (GTask *task)
{
  SignetAccount *self = g_task_get_source_object (task);
  Connect       *connect = g_task_get_task_data (task);

  if (connect->environment == SIGNET_ENVIRONMENT_CUSTOM)
    g_settings_set_string (self->settings, "custom-url", connect->server);
  self->sandbox_for_session = FALSE;
  self->generation++;
  g_settings_set_enum (self->settings, "environment", connect->environment);
  environment_changed_cb (self);

  g_set_object (&self->client, connect->client);
  set_counter (self, connect->counter);
  g_task_return_pointer (task, g_object_ref (connect->counter), g_object_unref);
}

static void
connect_store_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!signet_secret_store_store_finish (SIGNET_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  connected (task);
}

static void
connect_counter_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetAccount *self = g_task_get_source_object (task);
  Connect       *connect = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  connect->counter = signet_client_get_counter_finish (SIGNET_CLIENT (object), result, &error);
  if (connect->counter == NULL)
    {
      /* Nothing is saved: the key did not work. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (connect->environment == SIGNET_ENVIRONMENT_SANDBOX)
    {
      connected (task);
      return;
    }

  signet_secret_store_store_async (self->secrets, signet_environment_get_id (connect->environment),
                                   connect->server, connect->key, g_task_get_cancellable (task),
                                   connect_store_cb, g_object_ref (task));
}

/* Takes the task: checks the key with the counter service. */
static void
connect_check (GTask *task)
{
  SignetAccount *self = g_task_get_source_object (task);
  Connect       *connect = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  char *server;

  server = server_for (self, connect->environment, connect->server);
  g_free (connect->server);
  connect->server = server;
  if (connect->environment == SIGNET_ENVIRONMENT_SANDBOX)
    {
      g_free (connect->key);
      connect->key = g_strdup (self->sandbox_key);
    }

  if (connect->server == NULL || connect->server[0] == '\0')
    {
      if (connect->environment == SIGNET_ENVIRONMENT_SANDBOX)
        g_task_return_error (task, not_running_error ());
      else
        g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT, "%s",
                                 _ ("Enter the address of the OKdokument server."));
      g_object_unref (task);
      return;
    }
  if (connect->key == NULL || connect->key[0] == '\0')
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT, "%s",
                               _ ("Enter the API key from the OKdokument web app."));
      g_object_unref (task);
      return;
    }

  connect->client = signet_client_new (connect->server, connect->key, &error);
  if (connect->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Someone is waiting for the answer: one quick retry, then say what
   * happened and let them press Connect again. */
  g_object_set (connect->client, "max-attempts", 2, NULL);
  signet_client_get_counter_async (connect->client, g_task_get_cancellable (task),
                                   connect_counter_cb, task);
}

static void
connect_sandbox_ready_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  connect_check (g_steal_pointer (&task));
}

/**
 * signet_account_connect_async:
 * @self: a #SignetAccount
 * @environment: the environment to work with
 * @custom_url: (nullable): the server address, for %SIGNET_ENVIRONMENT_CUSTOM
 * @key: (nullable): the API key; ignored for the sandbox, which has its own
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key has been checked, and saved if it works
 * @user_data: data for @callback
 *
 * Checks @key with the counter service and, only if the service accepts it,
 * stores it in the keyring and makes @environment the current one.
 */
void
signet_account_connect_async (SignetAccount      *self,
                              SignetEnvironment   environment,
                              const char         *custom_url,
                              const char         *key,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *url = g_strstrip (g_strdup (custom_url != NULL ? custom_url : ""));
  Connect         *connect;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));
  g_return_if_fail (environment != SIGNET_ENVIRONMENT_NONE);

  task = call_task_new (self, signet_account_connect_async, cancellable, callback, user_data);
  connect = g_new0 (Connect, 1);
  connect->environment = environment;
  connect->server = g_steal_pointer (&url);
  connect->key = g_strstrip (g_strdup (key != NULL ? key : ""));
  g_task_set_task_data (task, connect, (GDestroyNotify) connect_free);

  if (environment == SIGNET_ENVIRONMENT_SANDBOX)
    ensure_sandbox (self, cancellable, connect_sandbox_ready_cb, g_steal_pointer (&task));
  else
    connect_check (g_steal_pointer (&task));
}

/**
 * signet_account_connect_finish:
 * @self: a #SignetAccount
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR, e.g.
 *   %SIGNET_ERROR_NOT_AUTHORIZED for a key the service refused
 *
 * Returns: (transfer full): the counter service's answer for the new key
 */
SignetCounter *
signet_account_connect_finish (SignetAccount *self, GAsyncResult *result, GError **error)
{
  return propagate_pointer (self, result, error);
}

/* }}} */
/* {{{ The client */

static void
return_client (GTask *task, const char *server, const char *key)
{
  SignetAccount *self = g_task_get_source_object (task);
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = signet_client_new (server, key, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An answer that comes after the account changed is not kept. */
  if (task_generation (task) == self->generation)
    g_set_object (&self->client, client);
  g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}
static void
lookup_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  const char *server = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;

  key = signet_secret_store_lookup_finish (SIGNET_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (key == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED, "%s",
                               _ ("No API key is stored for this OKdokument server. Enter it in "
                                  "Preferences."));
      return;
    }

  return_client (task, server, key);
}

/* Takes the task: reads the current environment's key from the keyring. */
static void
client_lookup_key (GTask *task)
{
  SignetAccount *self = g_task_get_source_object (task);
  char          *server = signet_account_dup_server (self);

  if (server == NULL)
    {
      g_task_return_error (task, not_running_error ());
      g_object_unref (task);
      g_free (server);
      return;
    }

  g_task_set_task_data (task, server, g_free);
  signet_secret_store_lookup_async (self->secrets, signet_environment_get_id (self->environment),
                                    server, g_task_get_cancellable (task), lookup_cb, task);
}

static void
client_sandbox_ready_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetAccount *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (self->sandbox_url == NULL)
    g_task_return_error (task, not_running_error ());
  else
    return_client (task, self->sandbox_url, self->sandbox_key);
}

/**
 * signet_account_get_client_async:
 * @self: a #SignetAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the client
 * @user_data: data for @callback
 *
 * Gets the client of the current environment, reading its key from the
 * keyring the first time (which may ask the user to unlock it).
 */
void
signet_account_get_client_async (SignetAccount      *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  task = call_task_new (self, signet_account_get_client_async, cancellable, callback, user_data);

  if (self->client != NULL)
    g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
  else if (self->environment == SIGNET_ENVIRONMENT_NONE)
    g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED, "%s",
                             _ ("Signet is not connected to OKdokument yet."));
  else if (self->environment == SIGNET_ENVIRONMENT_SANDBOX)
    ensure_sandbox (self, cancellable, client_sandbox_ready_cb, g_steal_pointer (&task));
  else
    client_lookup_key (g_steal_pointer (&task));
}

/**
 * signet_account_get_client_finish:
 * @self: a #SignetAccount
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR
 *
 * Returns: (transfer full): the client of the current environment
 */
SignetClient *
signet_account_get_client_finish (SignetAccount *self, GAsyncResult *result, GError **error)
{
  return propagate_pointer (self, result, error);
}

/* }}} */
/* {{{ Refreshing the counter */

static void
refresh_counter_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetAccount *self = g_task_get_source_object (task);
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;

  counter = signet_client_get_counter_finish (SIGNET_CLIENT (object), result, &error);
  if (counter == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (task_generation (task) == self->generation)
    set_counter (self, counter);
  g_task_return_pointer (task, g_steal_pointer (&counter), g_object_unref);
}

static void
refresh_client_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = signet_account_get_client_finish (SIGNET_ACCOUNT (object), result, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  signet_client_get_counter_async (client, g_task_get_cancellable (task), refresh_counter_cb,
                                   g_object_ref (task));
}

/**
 * signet_account_refresh_async:
 * @self: a #SignetAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the counter
 * @user_data: data for @callback
 *
 * Asks the counter service how many signature requests remain, which also
 * tests the connection and the key.
 */
void
signet_account_refresh_async (SignetAccount      *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  task = call_task_new (self, signet_account_refresh_async, cancellable, callback, user_data);
  signet_account_get_client_async (self, cancellable, refresh_client_cb, g_steal_pointer (&task));
}

/**
 * signet_account_refresh_finish:
 * @self: a #SignetAccount
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR
 *
 * Returns: (transfer full): the counter service's answer
 */
SignetCounter *
signet_account_refresh_finish (SignetAccount *self, GAsyncResult *result, GError **error)
{
  return propagate_pointer (self, result, error);
}

/* }}} */
/* {{{ Removing the key */

static void
disconnect (SignetAccount *self)
{
  g_clear_object (&self->client);
  g_settings_set_enum (self->settings, "environment", SIGNET_ENVIRONMENT_NONE);
  environment_changed_cb (self);
}

static void
clear_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!signet_secret_store_clear_finish (SIGNET_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  disconnect (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_account_remove_key_async:
 * @self: a #SignetAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is gone
 * @user_data: data for @callback
 *
 * Removes the current environment's key from the keyring (and memory) and
 * leaves Signet not set up, so that it asks for an account again.
 */
void
signet_account_remove_key_async (SignetAccount      *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *server = NULL;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  task = call_task_new (self, signet_account_remove_key_async, cancellable, callback, user_data);

  server = signet_account_dup_server (self);
  if (self->environment == SIGNET_ENVIRONMENT_NONE
      || self->environment == SIGNET_ENVIRONMENT_SANDBOX || server == NULL)
    {
      disconnect (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  signet_secret_store_clear_async (self->secrets, signet_environment_get_id (self->environment),
                                   server, cancellable, clear_cb, g_steal_pointer (&task));
}

/**
 * signet_account_remove_key_finish:
 * @self: a #SignetAccount
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR
 *
 * Returns: %TRUE when the key is gone
 */
gboolean
signet_account_remove_key_finish (SignetAccount *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
/* {{{ GObject */

/**
 * signet_account_get_environment:
 * @self: a #SignetAccount
 *
 * Returns: the current environment; %SIGNET_ENVIRONMENT_NONE before the
 *   account is set up
 */
SignetEnvironment
signet_account_get_environment (SignetAccount *self)
{
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (self), SIGNET_ENVIRONMENT_NONE);

  return self->environment;
}

/**
 * signet_account_get_counter:
 * @self: a #SignetAccount
 *
 * Returns: (transfer none) (nullable): the counter service's last answer
 */
SignetCounter *
signet_account_get_counter (SignetAccount *self)
{
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (self), NULL);

  return self->counter;
}

/**
 * signet_account_get_keyring_usable:
 * @self: a #SignetAccount
 *
 * Returns: %FALSE when the key is kept for this session only
 */
gboolean
signet_account_get_keyring_usable (SignetAccount *self)
{
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (self), FALSE);

  return signet_secret_store_get_keyring_usable (self->secrets);
}

/**
 * signet_account_set_sandbox:
 * @self: a #SignetAccount
 * @url: (nullable): the running sandbox's base URL
 * @key: (nullable): the sandbox's demo key
 *
 * Tells the account where the built-in sandbox runs.
 */
void
signet_account_set_sandbox (SignetAccount *self, const char *url, const char *key)
{
  gboolean moved;

  g_return_if_fail (SIGNET_IS_ACCOUNT (self));

  /* A client for a sandbox that ran elsewhere is no use any more. */
  moved = self->sandbox_url != NULL && g_strcmp0 (self->sandbox_url, url) != 0;
  g_free (self->sandbox_url);
  self->sandbox_url = g_strdup (url);
  g_free (self->sandbox_key);
  self->sandbox_key = g_strdup (key);
  if (moved && self->environment == SIGNET_ENVIRONMENT_SANDBOX)
    {
      self->generation++;
      g_clear_object (&self->client);
    }
}

static void
keyring_usable_cb (SignetAccount *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_USABLE]);
}

static void
signet_account_constructed (GObject *object)
{
  SignetAccount *self = SIGNET_ACCOUNT (object);

  G_OBJECT_CLASS (signet_account_parent_class)->constructed (object);

  self->environment = g_settings_get_enum (self->settings, "environment");
  g_signal_connect_object (self->settings, "changed::environment",
                           G_CALLBACK (environment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "notify::keyring-usable", G_CALLBACK (keyring_usable_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
signet_account_dispose (GObject *object)
{
  SignetAccount *self = SIGNET_ACCOUNT (object);

  signet_account_stop_sandbox (self);
  g_clear_pointer (&self->sandbox_waiters, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->counter);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (signet_account_parent_class)->dispose (object);
}

static void
signet_account_finalize (GObject *object)
{
  SignetAccount *self = SIGNET_ACCOUNT (object);

  g_free (self->sandbox_url);
  g_free (self->sandbox_key);
  g_free (self->sandbox_program);
  g_free (self->sandbox_data_dir);

  G_OBJECT_CLASS (signet_account_parent_class)->finalize (object);
}

static void
signet_account_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetAccount *self = SIGNET_ACCOUNT (object);

  switch (prop_id)
    {
      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;
      case PROP_SECRETS:
        g_value_set_object (value, self->secrets);
        break;
      case PROP_ENVIRONMENT:
        g_value_set_int (value, self->environment);
        break;
      case PROP_COUNTER:
        g_value_set_object (value, self->counter);
        break;
      case PROP_KEYRING_USABLE:
        g_value_set_boolean (value, signet_account_get_keyring_usable (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_account_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetAccount *self = SIGNET_ACCOUNT (object);

  switch (prop_id)
    {
      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;
      case PROP_SECRETS:
        self->secrets = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_account_class_init (SignetAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = signet_account_constructed;
  object_class->dispose = signet_account_dispose;
  object_class->finalize = signet_account_finalize;
  object_class->get_property = signet_account_get_property;
  object_class->set_property = signet_account_set_property;

  properties[PROP_SETTINGS]
    = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRETS]
    = g_param_spec_object ("secrets", NULL, NULL, SIGNET_TYPE_SECRET_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SignetAccount:environment:
   *
   * The current #SignetEnvironment, as an int.
   */
  properties[PROP_ENVIRONMENT] = g_param_spec_int (
    "environment", NULL, NULL, SIGNET_ENVIRONMENT_NONE, SIGNET_ENVIRONMENT_CUSTOM,
    SIGNET_ENVIRONMENT_NONE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTER]
    = g_param_spec_object ("counter", NULL, NULL, SIGNET_TYPE_COUNTER,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING_USABLE]
    = g_param_spec_boolean ("keyring-usable", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_account_init (SignetAccount *self)
{
}

/**
 * signet_account_new:
 * @settings: the application's settings
 * @secrets: where keys are kept
 *
 * Returns: (transfer full): a new #SignetAccount
 */
SignetAccount *
signet_account_new (GSettings *settings, SignetSecretStore *secrets)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SIGNET_IS_SECRET_STORE (secrets), NULL);

  return g_object_new (SIGNET_TYPE_ACCOUNT, "settings", settings, "secrets", secrets, NULL);
}

/* }}} */
