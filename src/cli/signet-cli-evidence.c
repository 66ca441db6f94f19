/* signet-cli-evidence.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-archive-check.h"
#include "signet-cli.h"
#include "signet-evidence-export.h"
#include "signet-journal-evidence.h"

/* `signet-cli evidence ID-OR-FILE`: the certificate of completion and the
 * evidence record (docs/evidence.md), as "Export Evidence…" writes them,
 * of a journalled request or of the archived signed copy a file is. */

/* The document whose archived signed copy @path is, byte for byte. */
static SignetDocument *
find_by_copy (SignetCli *cli, const char *path, int *status)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetArchiveCheck) check = NULL;

  signet_archive_check_async (file, signet_journal_get_documents (cli->journal), NULL,
                              signet_cli_result_cb, &result);
  check = signet_archive_check_finish (signet_cli_wait (&result), &error);
  if (check == NULL)
    {
      *status = signet_cli_fail (error);
      return NULL;
    }
  switch (signet_archive_check_get_match (check))
    {
      case SIGNET_ARCHIVE_MATCH_IDENTICAL:
        return g_object_ref (signet_archive_check_get_document (check));
      case SIGNET_ARCHIVE_MATCH_DIFFERENT:
        g_printerr (_ ("signet-cli: “%s” is not the archived signed copy of “%s”: its bytes "
                       "differ\n"),
                    path, signet_document_get_filename (signet_archive_check_get_document (check)));
        *status = SIGNET_CLI_EXIT_REFUSED;
        return NULL;
      case SIGNET_ARCHIVE_MATCH_NONE:
      default:
        g_printerr (_ ("signet-cli: “%s” is no archived signed copy\n"), path);
        *status = SIGNET_CLI_EXIT_NOT_FOUND;
        return NULL;
    }
}

/* A copy archived before it was ever checked (by a signet-cli that ended,
 * or before Signet kept evidence) is checked now; the journal, which this
 * reader does not write, keeps none of it. */
static gboolean
check_now (JsonNode *record, SignetDocument *document, GError **error)
{
  JsonObject *object = json_node_get_object (record);
  const char *path = signet_document_get_archive_path (document);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonObject) check = NULL;

  if (path == NULL || !json_object_get_null_member (object, "signedCopy"))
    return TRUE;
  signet_evidence_check_copy_async (path, NULL, signet_cli_result_cb, &result);
  check = signet_evidence_check_copy_finish (signet_cli_wait (&result), error);
  if (check == NULL)
    return FALSE;
  signet_evidence_add_check (record, g_steal_pointer (&check));
  return TRUE;
}

int
signet_cli_evidence (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) record = NULL;
  g_autoptr (GFile) pdf = NULL;
  g_autoptr (GFile) json = NULL;
  g_autofree char   *output = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *pdf_name = NULL;
  g_autofree char   *json_name = NULL;
  const char        *copy;
  int                status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write into DIR (default: this folder)"), N_ ("DIR") },
    { NULL },
  };

  if (!signet_cli_parse (cli, N_ ("ID-OR-FILE"),
                         N_ ("Writes the certificate of completion (NAME.evidence.pdf) and the "
                             "evidence record\n(NAME.evidence.json) of a document, named by its "
                             "ID or by its archived signed copy."),
                         entries, &argc, &argv, &status))
    return status;
  status = signet_cli_open_for_one (
    cli, argc, _ ("Name one document by its ID (see “signet-cli list”) or its signed copy."));
  if (status != SIGNET_CLI_EXIT_OK)
    return status;

  document = signet_cli_find (cli->journal, argv[1]);
  if (document == NULL && g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      document = find_by_copy (cli, argv[1], &status);
      if (document == NULL)
        return status;
    }
  if (document == NULL)
    return signet_cli_not_found (argv[1]);

  signet_journal_get_evidence_async (cli->journal, document, NULL, signet_cli_result_cb, &result);
  record = signet_journal_get_evidence_finish (cli->journal, signet_cli_wait (&result), &error);
  if (record == NULL || !check_now (record, document, &error))
    return signet_cli_fail (error);

  /* Named like the archived copy, as Preferences' "Save Evidence Beside
   * Each Archived Copy" names them; else like the file sent. */
  copy = signet_document_get_archive_path (document);
  name = g_path_get_basename (copy != NULL ? copy : signet_document_get_filename (document));
  pdf_name = signet_evidence_path_beside (name, ".evidence.pdf");
  json_name = signet_evidence_path_beside (name, ".evidence.json");
  pdf = g_file_new_build_filename (output != NULL ? output : ".", pdf_name, NULL);
  json = g_file_new_build_filename (output != NULL ? output : ".", json_name, NULL);
  g_clear_object (&result);
  signet_evidence_export_async (record, signet_describe_event, pdf, json, NULL,
                                signet_cli_result_cb, &result);
  if (!signet_evidence_export_finish (signet_cli_wait (&result), &error))
    return signet_cli_fail (error);
  g_print ("%s\n%s\n", g_file_peek_path (pdf), g_file_peek_path (json));
  return SIGNET_CLI_EXIT_OK;
}
