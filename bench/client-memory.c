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

#include "bench-util.h"
#include "signet-client.h"

#define KEY "bench_0123456789abcdef"

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
  g_autoptr (SignetSignatureRequest) request = NULL;
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) pending = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_url = NULL;
  gsize            size;
  gint64           idle, peak, start, stall;
  guint            meter;

  if (!bench_parse_options (&argc, &argv, entries, "SIGNET-SANDBOX", 1))
    return bench_usage (argv[0], "SIGNET-SANDBOX [--inline] [--megabytes N]");

  size = (gsize) megabytes * 1000 * 1000;
  dir = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.pdf", NULL);
  bench_write_pdf (path, size);
  file = g_file_new_for_path (path);

  sandbox = bench_spawn_sandbox (argv[1], KEY, &base_url, &error);
  g_assert_no_error (error);

  client = signet_client_new (base_url, KEY, &error);
  g_assert_no_error (error);

  /* Warm up: the session, its connection and GIO's thread pool exist. */
  signet_client_get_counter_async (client, NULL, bench_store_result, &pending);
  result = bench_wait_result (&pending);
  counter = signet_client_get_counter_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  request = signet_signature_request_new ();
  signet_signature_request_set_file (request, file);

  idle = bench_memory_reset_peak ();

  start = g_get_monotonic_time ();
  meter = bench_stall_meter_start ();
  signet_client_create_signature_request_async (
    client, request, inline_file ? SIGNET_CREATE_FLAGS_INLINE : SIGNET_CREATE_FLAGS_NONE, NULL,
    bench_store_result, &pending);
  result = bench_wait_result (&pending);
  stall = bench_stall_meter_stop (meter);
  created = signet_client_create_signature_request_finish (client, result, &error);
  g_assert_no_error (error);
  peak = bench_memory_peak ();

  printf ("file:            %" G_GSIZE_FORMAT " bytes (%s)\n", size,
          inline_file ? "inline in the create call" : "uploaded first, then created");
  printf ("idle RSS:        %" G_GINT64_FORMAT " KiB\n", idle);
  printf ("peak RSS:        %" G_GINT64_FORMAT " KiB\n", peak);
  printf ("peak above idle: %" G_GINT64_FORMAT " KiB = %.2f x the file\n", peak - idle,
          (peak - idle) * 1024.0 / size);
  printf ("took:            %.0f ms, longest main-loop stall %.1f ms\n",
          (g_get_monotonic_time () - start) / 1000.0, stall / 1000.0);

  bench_stop_sandbox (sandbox);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
