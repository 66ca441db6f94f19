/* signet-cli-context.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "signet-cli.h"
#include "signet-error.h"
#include "signet-secret-store.h"

/* The account, the key and the journal, as the window sets them up
 * (src/gui/signet-application.c), and the few waits a command line needs. */

/* How long signet-cli waits for the sync to have a client. */
#define START_TIMEOUT_S 60

void
signet_cli_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the main context until @result is set by signet_cli_result_cb(). */
GAsyncResult *
signet_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

int
signet_cli_exit_for_error (const GError *error)
{
  if (error->domain != SIGNET_ERROR)
    return SIGNET_CLI_EXIT_FAILED;
  switch (error->code)
    {
      case SIGNET_ERROR_NOT_AUTHORIZED:
      case SIGNET_ERROR_FORBIDDEN:
      case SIGNET_ERROR_KEYRING_UNAVAILABLE:
      case SIGNET_ERROR_ACCOUNT_NOT_READY:
      case SIGNET_ERROR_INSECURE_URL:
        return SIGNET_CLI_EXIT_ACCOUNT;
      case SIGNET_ERROR_NETWORK_UNREACHABLE:
      case SIGNET_ERROR_TIMED_OUT:
      case SIGNET_ERROR_SERVER_ERROR:
      case SIGNET_ERROR_TLS_FAILURE:
        return SIGNET_CLI_EXIT_WAITING;
      case SIGNET_ERROR_NOT_FOUND:
        return SIGNET_CLI_EXIT_NOT_FOUND;
      case SIGNET_ERROR_FILE_UNREADABLE:
      case SIGNET_ERROR_FILE_ENCRYPTED:
      case SIGNET_ERROR_FILE_TOO_LARGE:
      case SIGNET_ERROR_UNSUPPORTED_TYPE:
      case SIGNET_ERROR_INVALID_INPUT:
        return SIGNET_CLI_EXIT_REFUSED;
      default:
        return SIGNET_CLI_EXIT_FAILED;
    }
}

/* Prints @error's message and returns its exit status. */
int
signet_cli_fail (const GError *error)
{
  g_printerr ("signet-cli: %s\n", error->message);
  return signet_cli_exit_for_error (error);
}

/* The first line of @path ("-": standard input), trimmed; never logged. */
static char *
read_key (const char *path, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  char *newline;

  if (g_strcmp0 (path, "-") == 0)
    {
      char   buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && text->len < 65536)
        g_string_append_len (text, buffer, (gssize) n);
      memset (buffer, 0, sizeof buffer);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize            length = 0;

      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      g_string_append_len (text, contents, (gssize) length);
      memset (contents, 0, length);
    }

  newline = strchr (text->str, '\n');
  if (newline != NULL)
    g_string_truncate (text, (gsize) (newline - text->str));
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED,
                   _ ("The API key file “%s” is empty."), path);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * signet_cli_setup:
 * @cli: the command's context, with its options set
 *
 * Makes the settings and the account as the window does; with --sandbox
 * starts the built-in sandbox, with --api-key-file keeps that key for
 * this run only (never in the keyring).
 *
 * Returns: 0, or an exit status after printing why
 */
int
signet_cli_setup (SignetCli *cli)
{
  g_autoptr (SignetSecretStore) secrets = signet_secret_store_new (APPLICATION_ID);
  const char *program;

  cli->settings = g_settings_new (BASE_APPLICATION_ID);
  cli->account = signet_account_new (cli->settings, secrets);
  /* As the window: tests run from the build tree. */
  program = g_getenv ("SIGNET_SANDBOX_BIN");
  if (program == NULL || program[0] == '\0')
    program = BINDIR "/signet-sandbox";
  signet_account_set_sandbox_program (cli->account, program);

  if (cli->sandbox)
    signet_account_use_sandbox (cli->account);
  else if (cli->api_key_file != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char  *server = signet_account_dup_server (cli->account);
      char             *key;
      SignetEnvironment environment = signet_account_get_environment (cli->account);

      if (server == NULL || environment == SIGNET_ENVIRONMENT_NONE)
        {
          g_printerr ("signet-cli: %s\n",
                      _ ("Signet is not connected to OKdokument yet. Set up the account in Signet "
                         "first, or use --sandbox."));
          return SIGNET_CLI_EXIT_ACCOUNT;
        }
      key = read_key (cli->api_key_file, &error);
      if (key == NULL)
        {
          g_printerr ("signet-cli: %s\n", error->message);
          return SIGNET_CLI_EXIT_ACCOUNT;
        }
      signet_secret_store_keep_for_session (secrets, signet_environment_get_id (environment),
                                            server, key);
      memset (key, 0, strlen (key));
      g_free (key);
    }
  return SIGNET_CLI_EXIT_OK;
}

void
signet_cli_clear (SignetCli *cli)
{
  if (cli->sync != NULL)
    g_object_run_dispose (G_OBJECT (cli->sync));
  g_clear_object (&cli->sync);
  g_clear_object (&cli->journal);
  if (cli->account != NULL)
    signet_account_stop_sandbox (cli->account);
  g_clear_object (&cli->account);
  g_clear_object (&cli->settings);
  g_clear_pointer (&cli->api_key_file, g_free);
}

/**
 * signet_cli_get_client:
 * @cli: the context
 * @status: (out): the exit status when there is no client
 *
 * Returns: (transfer full) (nullable): the client of the current
 *   environment, its key read from the keyring (or the file) once
 */
SignetClient *
signet_cli_get_client (SignetCli *cli, int *status)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetClient *client;

  signet_account_get_client_async (cli->account, NULL, signet_cli_result_cb, &result);
  client = signet_account_get_client_finish (cli->account, signet_cli_wait (&result), &error);
  if (client == NULL)
    *status = signet_cli_fail (error);
  return client;
}

/**
 * signet_cli_start_sync:
 * @cli: the context, after a client was got
 *
 * Opens the journal as an owner (docs/cli.md) and starts its outbox and
 * tracker, as the window does.
 *
 * Returns: 0, or an exit status after printing why
 */
int
signet_cli_start_sync (SignetCli *cli)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline;

  cli->journal = signet_journal_new (NULL);
  cli->sync = signet_sync_new (cli->account, cli->settings, cli->journal, NULL);
  signet_sync_start_async (cli->sync, NULL, signet_cli_result_cb, &result);
  if (!signet_sync_start_finish (cli->sync, signet_cli_wait (&result), &error))
    return signet_cli_fail (error);

  /* The client is known already, so the outbox comes at once. */
  deadline = g_get_monotonic_time () + START_TIMEOUT_S * G_USEC_PER_SEC;
  while (signet_sync_get_outbox (cli->sync) == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (signet_sync_get_outbox (cli->sync) == NULL)
    {
      g_printerr ("signet-cli: %s\n", _ ("Signet could not start sending. Try again."));
      return SIGNET_CLI_EXIT_FAILED;
    }
  return SIGNET_CLI_EXIT_OK;
}

/**
 * signet_cli_open_reader:
 * @cli: the context
 *
 * Opens the journal to read every request, also those a running window
 * follows, claiming none.
 *
 * Returns: 0, or an exit status after printing why
 */
int
signet_cli_open_reader (SignetCli *cli)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  cli->journal = signet_journal_new_reader (NULL);
  signet_journal_open_async (cli->journal, NULL, signet_cli_result_cb, &result);
  if (!signet_journal_open_finish (cli->journal, signet_cli_wait (&result), &error))
    return signet_cli_fail (error);
  return SIGNET_CLI_EXIT_OK;
}

/* The start of a command that names one document: the one argument
 * (@usage says what to name when there is none, or more) and the journal
 * opened to read. */
int
signet_cli_open_for_one (SignetCli *cli, int argc, const char *usage)
{
  int status;

  if (argc != 2)
    {
      g_printerr ("signet-cli: %s\n", usage);
      return SIGNET_CLI_EXIT_USAGE;
    }
  status = signet_cli_setup (cli);
  if (status == SIGNET_CLI_EXIT_OK)
    status = signet_cli_open_reader (cli);
  return status;
}

/* Says that the journal has no document @id; the exit status for it. */
int
signet_cli_not_found (const char *id)
{
  g_printerr (_ ("signet-cli: no document with the ID “%s”\n"), id);
  return SIGNET_CLI_EXIT_NOT_FOUND;
}

/* @id is the journal's number of a request or its signature request id. */
SignetDocument *
signet_cli_find (SignetJournal *journal, const char *id)
{
  GListModel *documents = signet_journal_get_documents (journal);
  char       *end = NULL;
  gint64      number = g_ascii_strtoll (id, &end, 10);
  guint       n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if ((end != NULL && *end == '\0' && end != id
           && signet_document_get_journal_id (document) == number)
          || g_strcmp0 (signet_document_get_signature_request_id (document), id) == 0)
        return g_steal_pointer (&document);
    }
  return NULL;
}
