/* signet-sandbox-main.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "signet-sandbox.h"

/* Without --api-key the sandbox takes this one, so that a person can try it
 * by hand (docs/sandbox.md). */
#define DEMO_API_KEY "sandbox-demo-key"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Writes the ready line to @fd and closes it: whoever started us waits on
 * it instead of polling the port (docs/testing.md). */
static gboolean
report_ready (int fd, const char *base_url, GError **error)
{
  g_autofree char *line = g_strdup_printf ("%s\n", base_url);
  gsize            done = 0;
  gsize            length = strlen (line);

  while (done < length)
    {
      gssize written = write (fd, line + done, length - done);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "--ready-fd %d: %s",
                       fd, g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      done += written;
    }
  return g_close (fd, error);
}

static gboolean
stdin_closed_cb (gint fd, GIOCondition condition, gpointer user_data)
{
  char buffer[256];

  /* The parent went away (or closed our stdin): stop. */
  if ((condition & (G_IO_HUP | G_IO_ERR)) != 0 || read (fd, buffer, sizeof buffer) <= 0)
    {
      g_main_loop_quit (user_data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (SignetSandbox) sandbox = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) api_keys = NULL;
  g_auto (GStrv) read_only_keys = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *style = NULL;
  gboolean         enable_controls = FALSE;
  gboolean         stop_on_eof = FALSE;
  gboolean         reset = FALSE;
  int              port = 0;
  int              ready_fd = -1;
  int              quota = 100;
  int              processing_delay = 1000;
  int              unsigned_retention = 30;
  GOptionEntry     entries[]
    = { { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 picks a free one)", "N" },
        { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
          "Keep the documents in DIR across restarts", "DIR" },
        { "reset", 0, 0, G_OPTION_ARG_NONE, &reset,
          "Forget the documents kept in --data-dir (the port stays)", NULL },
        { "api-key", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &api_keys,
          "Accept KEY (repeatable; default " DEMO_API_KEY ")", "KEY" },
        { "read-only-api-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &read_only_keys,
          "Accept KEY for reading only (others get 403)", "KEY" },
        { "style", 's', 0, G_OPTION_ARG_STRING, &style,
          "Response style: wiki (default) or connector", "STYLE" },
        { "enable-controls", 0, 0, G_OPTION_ARG_NONE, &enable_controls,
          "Serve the test controls under /sandbox/", NULL },
        { "quota", 0, 0, G_OPTION_ARG_INT, &quota, "Signature requests available (default 100)",
          "N" },
        { "processing-delay", 0, 0, G_OPTION_ARG_INT, &processing_delay,
          "Milliseconds a tags/tostamp document takes (default 1000)", "MS" },
        { "unsigned-retention", 0, 0, G_OPTION_ARG_INT, &unsigned_retention,
          "Days an unsigned document is kept (default 30)", "DAYS" },
        { "stop-on-eof", 0, 0, G_OPTION_ARG_NONE, &stop_on_eof, "Stop when standard input closes",
          NULL },
        { "ready-fd", 0, 0, G_OPTION_ARG_INT, &ready_fd,
          "Once listening, write the base URL to file descriptor FD and close it", "FD" },
        { NULL } };

  setlocale (LC_ALL, "");
  g_set_prgname ("signet-sandbox");
  /* Stdout carries the base URL only; every log goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("- a simulator of the OKdokument service");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("signet-sandbox: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > G_MAXUINT16 || quota < 0 || processing_delay < 0 || unsigned_retention < 1
      || ready_fd == STDIN_FILENO || ready_fd == STDOUT_FILENO || ready_fd == STDERR_FILENO
      || ready_fd < -1)
    {
      g_printerr ("signet-sandbox: a number is out of range\n");
      return 2;
    }

  sandbox = signet_sandbox_new ();
  if (style == NULL || g_str_equal (style, "wiki"))
    signet_sandbox_set_style (sandbox, SIGNET_SANDBOX_STYLE_WIKI);
  else if (g_str_equal (style, "connector"))
    signet_sandbox_set_style (sandbox, SIGNET_SANDBOX_STYLE_CONNECTOR);
  else
    {
      g_printerr ("signet-sandbox: --style is wiki or connector\n");
      return 2;
    }

  for (guint i = 0; api_keys != NULL && api_keys[i] != NULL; i++)
    signet_sandbox_add_api_key (sandbox, api_keys[i], FALSE);
  for (guint i = 0; read_only_keys != NULL && read_only_keys[i] != NULL; i++)
    signet_sandbox_add_api_key (sandbox, read_only_keys[i], TRUE);
  if (api_keys == NULL && read_only_keys == NULL)
    signet_sandbox_add_api_key (sandbox, DEMO_API_KEY, FALSE);

  signet_sandbox_set_controls_enabled (sandbox, enable_controls);
  signet_sandbox_set_quota (sandbox, quota);
  signet_sandbox_set_processing_delay (sandbox, processing_delay);
  signet_sandbox_set_unsigned_retention (sandbox, unsigned_retention);

  /* Before the address goes out: a SIGTERM right after it is a clean stop. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (data_dir != NULL && !signet_sandbox_set_data_dir (sandbox, data_dir, &error))
    {
      g_printerr ("signet-sandbox: %s\n", error->message);
      return 1;
    }
  if (reset && data_dir == NULL)
    {
      g_printerr ("signet-sandbox: --reset needs --data-dir\n");
      return 2;
    }
  if (reset)
    signet_sandbox_reset (sandbox);

  if (!signet_sandbox_listen (sandbox, port, &error))
    {
      g_printerr ("signet-sandbox: %s\n", error->message);
      return 1;
    }

  /* The first line of stdout is the contract with whoever started us; the
   * same line on --ready-fd says so on a descriptor of its own. Both come
   * only once the socket listens: connections made from now on queue. */
  printf ("%s\n", signet_sandbox_get_base_url (sandbox));
  fflush (stdout);
  if (ready_fd != -1 && !report_ready (ready_fd, signet_sandbox_get_base_url (sandbox), &error))
    {
      g_printerr ("signet-sandbox: %s\n", error->message);
      return 1;
    }

  if (stop_on_eof)
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
