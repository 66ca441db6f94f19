/* signet-cli.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "signet-cli.h"

/* `signet-cli COMMAND [OPTION…]`: one GOptionContext per command, as the
 * gio and flatpak tools do, over the same core as the window. */

typedef struct
{
  const char *name;
  int (*run) (SignetCli *cli, int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "send", signet_cli_send, N_ ("Send files for signing and print their signing links") },
  { "list", signet_cli_list, N_ ("List the documents sent from this computer") },
  { "show", signet_cli_show, N_ ("Show one document and its history") },
  { "download", signet_cli_download, N_ ("Download a signed document") },
  { "cancel", signet_cli_cancel, N_ ("Cancel a signature request") },
  { "delete", signet_cli_delete, N_ ("Delete a document from the server") },
  { "evidence", signet_cli_evidence,
    N_ ("Write a document’s certificate of completion and evidence record") },
  { "quota", signet_cli_quota, N_ ("Show how many signature requests are left") },
  { "watch", signet_cli_watch, N_ ("Send every PDF that appears in a folder") },
};

static const char *
exit_status_text (void)
{
  return _ ("Exit status:\n"
            "  0  done\n"
            "  1  a file or an option failed the checks; nothing was sent\n"
            "  2  the command line is wrong\n"
            "  3  no API key, a wrong key, or no account set up\n"
            "  4  journalled but not sent yet (offline, or the server failed); Signet or\n"
            "     signet-cli sends it when it next runs\n"
            "  5  no such document\n"
            "  6  the service refused, or the request ended without a signature\n"
            "  7  another running Signet is sending or following this document\n"
            "\n"
            "The API key is read from the keyring of the environment set up in Signet,\n"
            "or with --api-key-file from a file (“-” for standard input); never from\n"
            "the command line or the environment. Inside Flatpak, run\n"
            "“flatpak run --command=signet-cli io.github.signetapp.Signet”.\n"
            "See docs/cli.md for the JSON shapes.");
}

/**
 * signet_cli_parse:
 * @cli: the context whose common options are filled in
 * @parameter: the command's parameters, for --help
 * @summary: what the command does, for --help
 * @entries: the command's own options
 * @argc: (inout): the arguments, the command's name first
 * @argv: (inout): the arguments
 * @status: (out): the exit status when parsing failed or --help was shown
 *
 * Returns: %TRUE when the command should go on
 */
gboolean
signet_cli_parse (SignetCli          *cli,
                  const char         *parameter,
                  const char         *summary,
                  const GOptionEntry *entries,
                  int                *argc,
                  char             ***argv,
                  int                *status)
{
  g_autofree char *title = g_strdup_printf ("%s %s", (*argv)[0], _ (parameter));
  g_autoptr (GOptionContext) context = g_option_context_new (title);
  g_autoptr (GError) error = NULL;
  const GOptionEntry common[] = {
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &cli->sandbox,
      N_ ("Use the built-in simulator of OKdokument, started for this run"), NULL },
    { "api-key-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->api_key_file,
      N_ ("Read the API key from FILE (“-”: standard input) instead of the keyring"), N_ ("FILE") },
    { NULL },
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ (summary));
  g_option_context_set_description (context, exit_status_text ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("signet-cli: %s\n", error->message);
      *status = SIGNET_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *stream)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  signet-cli %s\n\n%s\n", _ ("Usage:"),
                          _ ("COMMAND [OPTION…]"),
                          _ ("Sends documents for signing with OKdokument, and follows them, "
                             "from scripts\nand the terminal, with the journal, the account and "
                             "the settings of Signet."));
  g_string_append_printf (text, "\n%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  g_string_append_printf (text, "\n%s\n\n%s\n",
                          _ ("Run “signet-cli COMMAND --help” for a command’s options."),
                          exit_status_text ());
  fputs (text->str, stream);
}

int
main (int argc, char *argv[])
{
  SignetCli   cli = { 0 };
  const char *localedir = g_getenv ("SIGNET_LOCALEDIR");
  int         status;

  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Standard output is for links, paths and JSON only. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_prgname ("signet-cli");
  g_set_application_name (_ ("Signet"));

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? SIGNET_CLI_EXIT_USAGE : SIGNET_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        status = commands[i].run (&cli, argc - 1, argv + 1);
        signet_cli_clear (&cli);
        return status;
      }

  g_printerr (_ ("signet-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return SIGNET_CLI_EXIT_USAGE;
}
