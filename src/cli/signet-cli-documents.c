/* signet-cli-documents.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "signet-cli.h"
#include "signet-deletions.h"
#include "signet-error.h"

/* The commands about documents already sent: list, show, download,
 * cancel, delete, and the quota. Reading uses a journal that claims
 * nothing (docs/cli.md), so a running window keeps what it follows. */

static gboolean
is_final (SignetDocument *document)
{
  return signet_document_get_status (document) >= SIGNET_DOCUMENT_STATUS_ARCHIVED;
}

/* Parses the one ID a command takes and opens the journal to read it. */
static SignetDocument *
find_one (SignetCli *cli, int argc, char **argv, int *status)
{
  SignetDocument *document;

  *status = signet_cli_open_for_one (cli, argc,
                                     _ ("Name one document by its ID (see “signet-cli list”)."));
  if (*status != SIGNET_CLI_EXIT_OK)
    return NULL;
  document = signet_cli_find (cli->journal, argv[1]);
  if (document == NULL)
    *status = signet_cli_not_found (argv[1]);
  return document;
}

int
signet_cli_list (SignetCli *cli, int argc, char **argv)
{
  g_autofree char *state = NULL;
  gboolean         json = FALSE;
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel        *documents;
  int                status;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_ ("Only documents with this status: pending, uploaded, open, signed, archived, canceled, "
          "expired, vanished, failed"),
      N_ ("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!signet_cli_parse (cli, "", N_ ("Lists the documents sent from this computer, oldest first."),
                         entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("signet-cli: unexpected argument “%s”\n"), argv[1]);
      return SIGNET_CLI_EXIT_USAGE;
    }
  if (state != NULL
      && g_strcmp0 (signet_document_status_to_string (signet_document_status_from_string (state)),
                    state)
           != 0)
    {
      g_printerr (_ ("signet-cli: unknown state “%s”\n"), state);
      return SIGNET_CLI_EXIT_USAGE;
    }
  status = signet_cli_setup (cli);
  if (status == SIGNET_CLI_EXIT_OK)
    status = signet_cli_open_reader (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;

  documents = signet_journal_get_documents (cli->journal);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      const char *status_name
        = signet_document_status_to_string (signet_document_get_status (document));

      if (state == NULL || g_strcmp0 (state, status_name) == 0)
        g_ptr_array_add (shown, g_steal_pointer (&document));
    }

  if (json)
    {
      g_autofree char *text = signet_cli_documents_to_json (shown);

      g_print ("%s\n", text);
      return SIGNET_CLI_EXIT_OK;
    }
  for (guint i = 0; i < shown->len; i++)
    {
      SignetDocument  *document = shown->pdata[i];
      g_autofree char *created = signet_cli_format_time (signet_document_get_created (document));

      g_print ("%-6" G_GINT64_FORMAT " %-9s %-20s %s\n", signet_document_get_journal_id (document),
               signet_document_status_to_string (signet_document_get_status (document)),
               created != NULL ? created : "", signet_document_get_filename (document));
    }
  return SIGNET_CLI_EXIT_OK;
}

int
signet_cli_show (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           json = FALSE;
  int                status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!signet_cli_parse (cli, N_ ("ID"), N_ ("Shows one document and its history."), entries, &argc,
                         &argv, &status))
    return status;
  document = find_one (cli, argc, argv, &status);
  if (document == NULL)
    return status;

  signet_journal_list_events_async (cli->journal, document, NULL, signet_cli_result_cb, &result);
  events = signet_journal_list_events_finish (cli->journal, signet_cli_wait (&result), &error);
  if (events == NULL)
    return signet_cli_fail (error);
  if (json)
    {
      g_autofree char *text = signet_cli_document_to_json (document, events);

      g_print ("%s\n", text);
    }
  else
    signet_cli_print_document (document, events);
  return SIGNET_CLI_EXIT_OK;
}

int
signet_cli_download (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) destination = NULL;
  g_autofree char   *output = NULL;
  int                status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write to FILE (default: the file’s name with “-signed.pdf”, in this folder)"),
      N_ ("FILE") },
    { NULL },
  };

  if (!signet_cli_parse (cli, N_ ("ID"),
                         N_ ("Downloads the document, signed as far as it is, from the server."),
                         entries, &argc, &argv, &status))
    return status;
  document = find_one (cli, argc, argv, &status);
  if (document == NULL)
    return status;
  if (signet_document_get_document_id (document) == NULL)
    {
      g_printerr (_ ("signet-cli: “%s” has not reached the server yet\n"),
                  signet_document_get_filename (document));
      return SIGNET_CLI_EXIT_WAITING;
    }
  if (output == NULL)
    {
      g_autofree char *stem = g_strdup (signet_document_get_filename (document));
      char            *dot = strrchr (stem, '.');

      if (dot != NULL && dot != stem)
        *dot = '\0';
      output = g_strconcat (stem, "-signed.pdf", NULL);
    }
  client = signet_cli_get_client (cli, &status);
  if (client == NULL)
    return status;

  destination = g_file_new_for_commandline_arg (output);
  signet_client_download_document_async (client, signet_document_get_document_id (document),
                                         destination, NULL, signet_cli_result_cb, &result);
  if (!signet_client_download_document_finish (client, signet_cli_wait (&result), &error))
    return signet_cli_fail (error);
  g_print ("%s\n", g_file_peek_path (destination));
  return SIGNET_CLI_EXIT_OK;
}

static void
deletion_done_cb (SignetDeletions *deletions,
                  SignetDocument  *document,
                  GError          *error,
                  gpointer         user_data)
{
  GError **out = user_data;

  if (*out == NULL)
    *out = error != NULL ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, 0, "");
}

/* A request this signet-cli may act on is deleted as the window deletes it
 * (journalled before and after the server is asked); one that another
 * running Signet follows only on the server, and that Signet's tracker
 * then sees it cancelled or gone. */
static int
delete_one (SignetCli *cli, int argc, char **argv, SignetDeletionKind kind)
{
  g_autoptr (SignetDocument) seen = NULL;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetDeletions) deletions = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  seen = find_one (cli, argc, argv, &status);
  if (seen == NULL)
    return status;
  client = signet_cli_get_client (cli, &status);
  if (client == NULL)
    return status;

  g_clear_object (&cli->journal);
  cli->journal = signet_journal_new (NULL);
  signet_journal_open_async (cli->journal, NULL, signet_cli_result_cb, &result);
  if (!signet_journal_open_finish (cli->journal, signet_cli_wait (&result), &error))
    return signet_cli_fail (error);
  g_clear_object (&result);
  document = signet_cli_find (cli->journal, argv[1]);

  if (document == NULL)
    {
      const char *srid = signet_document_get_signature_request_id (seen);
      const char *id = signet_document_get_document_id (seen);

      if (kind == SIGNET_DELETION_REQUEST
          && signet_document_get_status (seen) == SIGNET_DOCUMENT_STATUS_OPEN)
        {
          signet_client_delete_signature_request_async (client, srid, NULL, signet_cli_result_cb,
                                                        &result);
          if (!signet_client_delete_signature_request_finish (client, signet_cli_wait (&result),
                                                              &error))
            return signet_cli_fail (error);
          return SIGNET_CLI_EXIT_OK;
        }
      if (kind == SIGNET_DELETION_DOCUMENT && id != NULL)
        {
          signet_client_delete_document_async (client, id, NULL, signet_cli_result_cb, &result);
          if (!signet_client_delete_document_finish (client, signet_cli_wait (&result), &error))
            return signet_cli_fail (error);
          return SIGNET_CLI_EXIT_OK;
        }
      g_printerr (_ ("signet-cli: another running Signet is sending “%s”; try again when it is "
                     "sent\n"),
                  signet_document_get_filename (seen));
      return SIGNET_CLI_EXIT_BUSY;
    }

  if (kind == SIGNET_DELETION_REQUEST && is_final (document))
    {
      g_printerr (_ ("signet-cli: the signature request for “%s” has ended already\n"),
                  signet_document_get_filename (document));
      return SIGNET_CLI_EXIT_FAILED;
    }
  deletions = signet_deletions_new (cli->journal);
  signet_deletions_set_client (deletions, client);
  g_signal_connect (deletions, "done", G_CALLBACK (deletion_done_cb), &error);
  g_signal_connect (deletions, "failed", G_CALLBACK (deletion_done_cb), &error);
  signet_deletions_commit (deletions, signet_deletions_add (deletions, document, kind));
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (deletions, &error);
  if (error->domain != G_IO_ERROR)
    return signet_cli_fail (error);
  return SIGNET_CLI_EXIT_OK;
}

int
signet_cli_cancel (SignetCli *cli, int argc, char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  int                status;

  if (!signet_cli_parse (cli, N_ ("ID"),
                         N_ ("Cancels the signature request; the signing link stops working."),
                         entries, &argc, &argv, &status))
    return status;
  return delete_one (cli, argc, argv, SIGNET_DELETION_REQUEST);
}

int
signet_cli_delete (SignetCli *cli, int argc, char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  int                status;

  if (!signet_cli_parse (cli, N_ ("ID"),
                         N_ ("Deletes the document from the server. The journal and the archive "
                             "keep theirs."),
                         entries, &argc, &argv, &status))
    return status;
  return delete_one (cli, argc, argv, SIGNET_DELETION_DOCUMENT);
}

int
signet_cli_quota (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           json = FALSE;
  int                status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };

  if (!signet_cli_parse (cli, "", N_ ("Shows how many signature requests are left."), entries,
                         &argc, &argv, &status))
    return status;
  status = signet_cli_setup (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;
  client = signet_cli_get_client (cli, &status);
  if (client == NULL)
    return status;
  signet_account_refresh_async (cli->account, NULL, signet_cli_result_cb, &result);
  counter = signet_account_refresh_finish (cli->account, signet_cli_wait (&result), &error);
  if (counter == NULL)
    return signet_cli_fail (error);
  if (json)
    g_print ("{ \"available\" : %" G_GINT64_FORMAT ", \"used\" : %" G_GINT64_FORMAT " }\n",
             signet_counter_get_available (counter), signet_counter_get_used (counter));
  else
    {
      g_autofree char *available
        = g_strdup_printf ("%" G_GINT64_FORMAT, signet_counter_get_available (counter));
      g_autofree char *used
        = g_strdup_printf ("%" G_GINT64_FORMAT, signet_counter_get_used (counter));

      g_print (_ ("Signature requests left: %s, used: %s\n"), available, used);
    }
  return SIGNET_CLI_EXIT_OK;
}
