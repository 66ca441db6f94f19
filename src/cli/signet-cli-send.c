/* signet-cli-send.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "signet-cli.h"
#include "signet-error.h"
#include "signet-pdf-inspector.h"
#include "signet-presets.h"
#include "signet-request-sender.h"
#include "signet-request-spec.h"
#include "signet-request-validation.h"
#include "signet-round-spec.h"

/* `signet-cli send`: the window's intake checks and Send, without the
 * window. Every file is checked before anything is journalled: one bad
 * file and nothing is sent. */

typedef struct
{
  GFile             *file;
  char              *name;
  SignetInspection  *inspection;
  SignetRequestSpec *spec;
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->file);
  g_free (item->name);
  g_clear_object (&item->inspection);
  g_clear_object (&item->spec);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

/* The description the editor would start from, with the preset and the
 * signer given; %NULL after printing why it cannot be sent. */
static SignetRequestSpec *
describe (SignetCli *cli, Item *item, const char *preset, const char *signer, const char *email)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (item->inspection);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  SignetRoundSpec *round;

  signet_request_spec_apply_defaults (spec, cli->settings);
  if (preset != NULL && !signet_presets_apply (cli->settings, preset, spec, &error))
    {
      g_printerr ("signet-cli: %s\n", error->message);
      return NULL;
    }
  if (signet_request_spec_get_n_rounds (spec) == 0)
    signet_request_spec_add_round (spec);
  round = signet_request_spec_get_round (spec, 0);
  if (signer != NULL)
    signet_round_spec_set_signer_name (round, signer);
  if (email != NULL)
    signet_round_spec_set_signer_email (round, email);

  problems = signet_request_spec_validate (spec, item->inspection);
  if (problems->len > 0)
    {
      SignetSpecProblem *first = problems->pdata[0];

      /* As the editor says it (src/gui/signet-request-editor-send.c). */
      g_autofree char *message = g_strdup_printf (_ ("“%s”: %s"), item->name, first->message);

      g_printerr ("signet-cli: %s\n", message);
      return NULL;
    }
  return g_steal_pointer (&spec);
}

/* The service is asked for the quota once before anything is journalled,
 * so that a wrong key is told at once and nothing waits on it. */
static int
check_account (SignetCli *cli)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetCounter) counter = NULL;
  int status = SIGNET_CLI_EXIT_OK;

  client = signet_cli_get_client (cli, &status);
  if (client == NULL)
    return status;
  signet_account_refresh_async (cli->account, NULL, signet_cli_result_cb, &result);
  counter = signet_account_refresh_finish (cli->account, signet_cli_wait (&result), &error);
  if (counter == NULL && signet_cli_exit_for_error (error) == SIGNET_CLI_EXIT_ACCOUNT)
    return signet_cli_fail (error);
  /* Offline or a server that fails: journalled, sent later. */
  return SIGNET_CLI_EXIT_OK;
}

/* The account checked, then the journal opened as an owner with its
 * outbox and tracker: what every command that sends needs. */
int
signet_cli_start_sending (SignetCli *cli)
{
  int status = check_account (cli);

  if (status != SIGNET_CLI_EXIT_OK)
    return status;
  return signet_cli_start_sync (cli);
}

static gboolean
is_final (SignetDocument *document)
{
  return signet_document_get_status (document) >= SIGNET_DOCUMENT_STATUS_ARCHIVED;
}

static void
evidence_recorded_cb (SignetTracker *tracker, SignetDocument *document, GHashTable *recorded)
{
  g_hash_table_add (recorded, g_object_ref (document));
}

/* --wait: until every sent request has ended, and the check of each
 * archived copy is in the journal (with its files beside the copy when
 * the evidence is to be saved there, docs/evidence.md); prints each
 * archived path. @recorded holds the documents whose check is recorded. */
static int
wait_until_signed (SignetCli *cli, GPtrArray *documents, GHashTable *recorded)
{
  int status = SIGNET_CLI_EXIT_OK;

  for (guint i = 0; i < documents->len; i++)
    {
      SignetDocument *document = documents->pdata[i];
      SignetTracker  *tracker = signet_sync_get_tracker (cli->sync);

      /* Asked about every few seconds, as while its QR code is on screen. */
      if (tracker != NULL)
        signet_tracker_set_on_screen (tracker, document);
      while (!is_final (document))
        g_main_context_iteration (NULL, TRUE);
      if (tracker != NULL)
        signet_tracker_set_on_screen (tracker, NULL);

      if (signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_ARCHIVED)
        {
          while (tracker != NULL && !g_hash_table_contains (recorded, document))
            g_main_context_iteration (NULL, TRUE);
          g_print ("%s\n", signet_document_get_archive_path (document));
          fflush (stdout);
        }
      else
        {
          g_printerr (_ ("signet-cli: “%s” was not signed: %s\n"),
                      signet_document_get_filename (document),
                      signet_document_status_to_string (signet_document_get_status (document)));
          status = SIGNET_CLI_EXIT_FAILED;
        }
    }
  return status;
}

static int
run_sender (SignetCli *cli, GPtrArray *items, gboolean wait)
{
  g_autoptr (SignetRequestSender) sender
    = signet_request_sender_new (cli->sync, cli->account, cli->settings);
  g_autoptr (GPtrArray) sent = g_ptr_array_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) recorded
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  SignetTracker *tracker = signet_sync_get_tracker (cli->sync);
  int            status = SIGNET_CLI_EXIT_OK;

  /* From the start: a copy may be archived and checked before --wait
   * begins to wait for it. */
  if (wait && tracker != NULL)
    g_signal_connect (tracker, "evidence-recorded", G_CALLBACK (evidence_recorded_cb), recorded);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      signet_request_sender_add (sender, item->file, item->file, item->name, item->spec);
    }
  signet_request_sender_run_async (sender, NULL, signet_cli_result_cb, &result);
  if (!signet_request_sender_run_finish (sender, signet_cli_wait (&result), &error))
    {
      if (wait && tracker != NULL)
        g_signal_handlers_disconnect_by_func (tracker, evidence_recorded_cb, recorded);
      return signet_cli_fail (error);
    }

  for (guint i = 0; i < signet_request_sender_get_n_entries (sender); i++)
    {
      SignetDocument *document = signet_request_sender_get_document (sender, i);
      const char     *name = signet_request_sender_get_name (sender, i);
      const char     *message = signet_request_sender_get_message (sender, i);

      switch (signet_request_sender_get_outcome (sender, i))
        {
          case SIGNET_SEND_OUTCOME_SENT:
            g_print ("%s\n", signet_document_get_signing_url (document));
            /* A script may act on each link at once. */
            fflush (stdout);
            g_ptr_array_add (sent, document);
            break;
          case SIGNET_SEND_OUTCOME_WAITING:
            g_printerr (_ ("signet-cli: “%s” is not sent yet: %s\n"), name,
                        message != NULL ? message : "");
            if (wait)
              g_ptr_array_add (sent, document);
            else
              status = MAX (status, SIGNET_CLI_EXIT_WAITING);
            break;
          case SIGNET_SEND_OUTCOME_FAILED:
          case SIGNET_SEND_OUTCOME_NOT_SENT:
          default:
            g_printerr ("signet-cli: %s: %s\n", name, message != NULL ? message : "");
            status = MAX (status, SIGNET_CLI_EXIT_FAILED);
            break;
        }
    }

  if (wait && sent->len > 0)
    {
      int waited = wait_until_signed (cli, sent, recorded);

      status = MAX (status, waited);
    }
  if (wait && tracker != NULL)
    g_signal_handlers_disconnect_by_func (tracker, evidence_recorded_cb, recorded);
  return status;
}

int
signet_cli_send (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autofree char   *preset = NULL;
  g_autofree char   *signer = NULL;
  g_autofree char   *email = NULL;
  gboolean           wait = FALSE;
  gboolean           refused = FALSE;
  int                status;
  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_ ("Use the saved preset NAME for every file"),
      N_ ("NAME") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &signer, N_ ("The signer’s name"), N_ ("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_ ("Send the signing invitation to ADDRESS"),
      N_ ("ADDRESS") },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Wait until each document is signed and print where it was archived"), NULL },
    { NULL },
  };

  if (!signet_cli_parse (cli, N_ ("FILE…"),
                         N_ ("Sends each FILE for signing and prints its signing link."), entries,
                         &argc, &argv, &status))
    return status;
  if (argc < 2)
    {
      g_printerr ("signet-cli: %s\n", _ ("Name at least one file to send."));
      return SIGNET_CLI_EXIT_USAGE;
    }
  status = signet_cli_setup (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (Item) item = g_new0 (Item, 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (GFileInfo) info = NULL;

      item->file = g_file_new_for_commandline_arg (argv[i]);
      info = g_file_query_info (item->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      item->name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                                : g_file_get_basename (item->file);
      item->inspection = signet_pdf_inspect_file (item->file, NULL, &error);
      if (item->inspection == NULL)
        {
          /* The message the window shows for the file in its queue. */
          g_printerr ("signet-cli: %s: %s\n", item->name, error->message);
          refused = TRUE;
          continue;
        }
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  if (refused)
    return SIGNET_CLI_EXIT_REFUSED;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      item->spec = describe (cli, item, preset, signer, email);
      if (item->spec == NULL)
        refused = TRUE;
    }
  if (refused)
    return SIGNET_CLI_EXIT_REFUSED;

  status = signet_cli_start_sending (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;
  return run_sender (cli, items, wait);
}
