/* signet-cli-watch.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "signet-cli.h"
#include "signet-error.h"
#include "signet-presets.h"
#include "signet-watched-folder.h"

/* `signet-cli watch DIR`: the window's watched folder without the window
 * (docs/watched-folder.md). Runs until interrupted, or with --once until
 * the folder holds no PDF any more. */

typedef struct
{
  gboolean once;
  gboolean stop;
  gboolean failed;
} Watch;

static gboolean
stop_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->stop = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
filed_cb (SignetWatchedFolder *folder,
          const char          *name,
          gboolean             sent,
          const char          *note,
          Watch               *watch)
{
  if (sent)
    {
      g_print ("%s", note);
      fflush (stdout);
    }
  else
    {
      g_printerr ("%s", note);
      watch->failed = TRUE;
    }
}

static void
waiting_cb (SignetWatchedFolder *folder, GParamSpec *pspec, Watch *watch)
{
  if (watch->once && signet_watched_folder_get_n_waiting (folder) == 0)
    watch->stop = TRUE;
}

static void
problem_cb (SignetWatchedFolder *folder, GParamSpec *pspec, Watch *watch)
{
  const char *problem = signet_watched_folder_get_problem (folder);

  if (problem != NULL)
    g_printerr ("signet-cli: %s\n", problem);
}

static gboolean
preset_exists (GSettings *settings, const char *name)
{
  g_auto (GStrv) names = signet_presets_list (settings);

  return names != NULL && g_strv_contains ((const char *const *) names, name);
}

int
signet_cli_watch (SignetCli *cli, int argc, char **argv)
{
  g_autoptr (SignetWatchedFolder) folder = NULL;
  g_autoptr (GFile) directory = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *preset = NULL;
  gboolean           once = FALSE;
  int                interval = 2000;
  int                status;
  Watch              watch = { 0 };
  guint              sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_ ("Send every file with the saved preset NAME"), N_ ("NAME") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_ ("Stop once every PDF in the folder is sent or failed"), NULL },
    { "interval", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &interval,
      "Milliseconds a file must stay unchanged", "MS" },
    { NULL },
  };

  if (!signet_cli_parse (cli, N_ ("DIR"),
                         N_ ("Sends every PDF that appears in DIR for signing, then moves it into "
                             "DIR/Sent/ or\nDIR/Failed/ beside a text file that says why. Runs "
                             "until interrupted;\nwith --once, until no PDF is left. Exits with 6 "
                             "when a file went to DIR/Failed/,\nand with 7 when another running "
                             "Signet watches DIR."),
                         entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    {
      g_printerr ("signet-cli: %s\n", _ ("Name the one folder to watch."));
      return SIGNET_CLI_EXIT_USAGE;
    }
  directory = g_file_new_for_commandline_arg (argv[1]);
  if (g_file_query_file_type (directory, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_printerr (_ ("signet-cli: “%s” is not a folder.\n"), argv[1]);
      return SIGNET_CLI_EXIT_REFUSED;
    }
  status = signet_cli_setup (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;
  if (preset != NULL && !preset_exists (cli->settings, preset))
    {
      g_printerr (_ ("signet-cli: there is no preset “%s”.\n"), preset);
      return SIGNET_CLI_EXIT_REFUSED;
    }
  status = signet_cli_start_sending (cli);
  if (status != SIGNET_CLI_EXIT_OK)
    return status;

  folder = signet_watched_folder_new (cli->sync, cli->settings, directory, preset);
  signet_watched_folder_set_interval (folder, (guint) CLAMP (interval, 50, 60000));
  watch.once = once;
  g_signal_connect (folder, "filed", G_CALLBACK (filed_cb), &watch);
  g_signal_connect (folder, "notify::n-waiting", G_CALLBACK (waiting_cb), &watch);
  g_signal_connect (folder, "notify::problem", G_CALLBACK (problem_cb), &watch);
  if (!signet_watched_folder_start (folder, &error))
    {
      g_printerr ("signet-cli: %s\n", error->message);
      return g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT) ? SIGNET_CLI_EXIT_BUSY
                                                                          : SIGNET_CLI_EXIT_FAILED;
    }

  sigint_id = g_unix_signal_add (SIGINT, stop_cb, &watch);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_cb, &watch);
  while (!watch.stop)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  signet_watched_folder_stop (folder);
  g_signal_handlers_disconnect_by_data (folder, &watch);
  return watch.failed ? SIGNET_CLI_EXIT_FAILED : SIGNET_CLI_EXIT_OK;
}
