/* signet-cli.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-account.h"
#include "signet-document.h"
#include "signet-journal.h"
#include "signet-sync.h"

G_BEGIN_DECLS

/* The exit statuses, documented in docs/cli.md and in --help. */
typedef enum
{
  SIGNET_CLI_EXIT_OK = 0,
  SIGNET_CLI_EXIT_REFUSED = 1,   /* a file or an option failed the checks; nothing sent */
  SIGNET_CLI_EXIT_USAGE = 2,     /* the command line is wrong */
  SIGNET_CLI_EXIT_ACCOUNT = 3,   /* no key, a wrong key, no account */
  SIGNET_CLI_EXIT_WAITING = 4,   /* journalled, not sent yet (offline, server down) */
  SIGNET_CLI_EXIT_NOT_FOUND = 5, /* no such document */
  SIGNET_CLI_EXIT_FAILED = 6,    /* the service refused, or the request ended unsigned */
  SIGNET_CLI_EXIT_BUSY = 7,      /* another running Signet sends this request */
} SignetCliExit;

/* What every command shares: the settings, the account (with a key from
 * the keyring or from --api-key-file), and the journal. */
typedef struct
{
  GSettings     *settings;
  SignetAccount *account;
  SignetJournal *journal;
  SignetSync    *sync;
  gboolean       sandbox;
  char          *api_key_file;
} SignetCli;

/* signet-cli.c */
gboolean signet_cli_parse (SignetCli          *cli,
                           const char         *parameter,
                           const char         *summary,
                           const GOptionEntry *entries,
                           int                *argc,
                           char             ***argv,
                           int                *status);

/* signet-cli-context.c */
int             signet_cli_setup (SignetCli *cli);
void            signet_cli_clear (SignetCli *cli);
GAsyncResult   *signet_cli_wait (GAsyncResult **result);
void            signet_cli_result_cb (GObject *source, GAsyncResult *result, gpointer user_data);
int             signet_cli_exit_for_error (const GError *error);
int             signet_cli_fail (const GError *error);
SignetClient   *signet_cli_get_client (SignetCli *cli, int *status);
int             signet_cli_start_sync (SignetCli *cli);
int             signet_cli_open_reader (SignetCli *cli);
int             signet_cli_open_for_one (SignetCli *cli, int argc, const char *usage);
int             signet_cli_not_found (const char *id);
SignetDocument *signet_cli_find (SignetJournal *journal, const char *id);

/* signet-cli-send.c */
int signet_cli_send (SignetCli *cli, int argc, char **argv);
int signet_cli_start_sending (SignetCli *cli);

/* signet-cli-watch.c */
int signet_cli_watch (SignetCli *cli, int argc, char **argv);

/* signet-cli-documents.c */
int signet_cli_list (SignetCli *cli, int argc, char **argv);
int signet_cli_show (SignetCli *cli, int argc, char **argv);
int signet_cli_download (SignetCli *cli, int argc, char **argv);
int signet_cli_cancel (SignetCli *cli, int argc, char **argv);
int signet_cli_delete (SignetCli *cli, int argc, char **argv);
int signet_cli_quota (SignetCli *cli, int argc, char **argv);

/* signet-cli-evidence.c */
int signet_cli_evidence (SignetCli *cli, int argc, char **argv);

/* signet-cli-output.c */
char *signet_cli_document_to_json (SignetDocument *document, GPtrArray *events);
char *signet_cli_documents_to_json (GPtrArray *documents);
void  signet_cli_print_document (SignetDocument *document, GPtrArray *events);
char *signet_cli_format_time (gint64 ms);

G_END_DECLS
