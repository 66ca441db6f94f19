/* client-memory.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How much memory creating a signature request for a 10 MB PDF costs the
 * client, and how long the main loop ever waits meanwhile. The sandbox
 * runs as its own process, so only the client is measured.
 *
 *   bench/client-memory SIGNET-SANDBOX [--inline] [--megabytes N]
 *
 * Method: the process's peak resident set (VmHWM) is reset through
 * /proc/self/clear_refs once the client is idle and warmed up (one counter
 * call), the request is created, and the new peak minus the idle resident
 * set (VmRSS) is the cost. See docs/client.md for the numbers.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-client.h"

int
main (int argc, char *argv[])
{
  gboolean     inline_file = FALSE;
  int          megabytes = 10;
  GOptionEntry entries[]
    = { { "inline", 0, 0, G_OPTION_ARG_NONE, &inline_file,
          "Send the file inside the create call (E1) instead of uploading it first", NULL },
        { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of the PDF (decimal MB)", "N" },
        { NULL } };
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_url = NULL;
  gsize            size;
  gint64           idle, peak;
  double           milliseconds, stall_ms;

  if (!bench_parse_options (&argc, &argv, entries, "SIGNET-SANDBOX", 1))
    return bench_usage (argv[0], "SIGNET-SANDBOX [--inline] [--megabytes N]");

  size = (gsize) megabytes * 1000 * 1000;
  dir = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.pdf", NULL);
  bench_write_pdf (path, size);
  file = g_file_new_for_path (path);

  client = bench_client_new (argv[1], &sandbox, &base_url);
  bench_client_create (client, file,
                       inline_file ? SIGNET_CREATE_FLAGS_INLINE : SIGNET_CREATE_FLAGS_NONE,
                       &milliseconds, &idle, &peak, &stall_ms);

  printf ("file:            %" G_GSIZE_FORMAT " bytes (%s)\n", size,
          inline_file ? "inline in the create call" : "uploaded first, then created");
  printf ("idle RSS:        %" G_GINT64_FORMAT " KiB\n", idle);
  printf ("peak RSS:        %" G_GINT64_FORMAT " KiB\n", peak);
  printf ("peak above idle: %" G_GINT64_FORMAT " KiB = %.2f x the file\n", peak - idle,
          (peak - idle) * 1024.0 / size);
  printf ("took:            %.0f ms, longest main-loop stall %.1f ms\n", milliseconds, stall_ms);

  bench_stop_sandbox (sandbox);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
