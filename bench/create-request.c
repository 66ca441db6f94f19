/* create-request.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating a signature request for a 10 MB PDF against the sandbox (its
 * own process): SignetClient against the same requests made by base64 and
 * curl, in one run, interleaved, repeated.
 *
 *   bench/create-request SIGNET-SANDBOX [--runs N]
 *
 * Rows: the inline create (E1 with filedata) and the default upload-first
 * create (E2, then E1 with the document id), each against base64 + curl
 * making the body and sending it; the inline create against curl alone
 * with the body made beforehand; the client's peak memory above idle
 * against the file's size (target 2.5x); and the longest main-loop stall
 * during the upload against one frame, 16 ms (issue 20).
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-client.h"

#define MEGABYTES 10

/* One create by the client: its time, its peak above idle, its longest
 * main-loop stall. */
static void
run_signet (SignetClient     *client,
            GFile            *file,
            SignetCreateFlags flags,
            double           *milliseconds,
            gint64           *peak_kib,
            double           *stall_ms)
{
  gint64 idle, peak;

  bench_client_create (client, file, flags, milliseconds, &idle, &peak, stall_ms);
  *peak_kib = peak - idle;
}

/* The reference: a shell makes the JSON body with base64 (unless the body
 * is ready) and curl sends it; upload-first sends E2, reads the document id
 * and sends E1 for it. */
static const char inline_script[]
  = "set -e\n"
    "if [ \"$MODE\" != ready ]; then\n"
    "  { printf '{\"filedata\": {\"filename\": \"big.pdf\", \"state\": \"tosign\", \"content\": "
    "\"';"
    "    base64 -w0 \"$FILE\"; printf '\"}}'; } > \"$BODY\"\n"
    "fi\n"
    "curl -sf -o /dev/null -H \"x-api-key: $KEY\" -H 'Content-Type: application/json' "
    "  --data-binary @\"$BODY\" \"$URL/JSON/signatureRequest\"\n";
static const char upload_first_script[]
  = "set -e\n"
    "{ printf '{\"filename\": \"big.pdf\", \"state\": \"tosign\", \"file\": {\"content\": \"';"
    "  base64 -w0 \"$FILE\"; printf '\"}}'; } > \"$BODY\"\n"
    "id=$(curl -sf -H \"x-api-key: $KEY\" -H 'Content-Type: application/json' "
    "  --data-binary @\"$BODY\" \"$URL/JSON/document\" "
    "  | sed -n 's/.*\"documentId\": *\"\\([^\"]*\\)\".*/\\1/p')\n"
    "[ -n \"$id\" ]\n"
    "curl -sf -o /dev/null -H \"x-api-key: $KEY\" -H 'Content-Type: application/json' "
    "  --data-binary \"{\\\"id\\\": \\\"$id\\\", \\\"changeState\\\": \\\"tosign\\\"}\" "
    "  \"$URL/JSON/signatureRequest\"\n";

static void
run_reference (const char *script, const char *mode, double *milliseconds, gint64 *peak_kib)
{
  const char *const argv[] = { "/bin/sh", "-c", script, "reference", NULL };
  g_autoptr (GError) error = NULL;

  g_setenv ("MODE", mode, TRUE);
  bench_run_command (argv, NULL, milliseconds, peak_kib, &error);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int runs = 5;
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char   *dir = NULL;
  g_autofree char   *path = NULL;
  g_autofree char   *body = NULL;
  g_autofree char   *base_url = NULL;
  g_autofree double *times = NULL;
  gsize              size = (gsize) MEGABYTES * 1000 * 1000;
  gint64             peak_signet = 0, peak_reference = 0;
  double             worst_stall = 0;
  BenchResult        results[5] = { 0 };
  enum
  {
    INLINE,
    INLINE_REF,
    READY_REF,
    FIRST,
    FIRST_REF,
    N_SERIES
  };

  if (!bench_parse_runs (&argc, &argv, &runs, "SIGNET-SANDBOX", 1))
    return bench_usage (argv[0], "SIGNET-SANDBOX [--runs N]");

  dir = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.pdf", NULL);
  body = g_build_filename (dir, "body.json", NULL);
  bench_write_pdf (path, size);
  file = g_file_new_for_path (path);

  /* Warmed up: the session and its connection, GIO's thread pool; the
   * page cache has the file. */
  client = bench_client_new (argv[1], &sandbox, &base_url);
  g_setenv ("FILE", path, TRUE);
  g_setenv ("BODY", body, TRUE);
  g_setenv ("KEY", BENCH_KEY, TRUE);
  g_setenv ("URL", base_url, TRUE);

  times = g_new0 (double, N_SERIES *runs);
  for (int run = -1; run < runs; run++)
    {
      double t[N_SERIES], stall;
      gint64 peak;

      run_signet (client, file, SIGNET_CREATE_FLAGS_INLINE, &t[INLINE], &peak, &stall);
      peak_signet = MAX (peak_signet, peak);
      worst_stall = MAX (worst_stall, stall);
      run_reference (inline_script, "make", &t[INLINE_REF], &peak);
      peak_reference = MAX (peak_reference, peak);
      run_reference (inline_script, "ready", &t[READY_REF], &peak);
      run_signet (client, file, SIGNET_CREATE_FLAGS_NONE, &t[FIRST], &peak, &stall);
      peak_signet = MAX (peak_signet, peak);
      worst_stall = MAX (worst_stall, stall);
      run_reference (upload_first_script, "make", &t[FIRST_REF], &peak);
      peak_reference = MAX (peak_reference, peak);

      if (run >= 0)
        for (int s = 0; s < N_SERIES; s++)
          times[s * runs + run] = t[s];
    }

  results[0] = bench_compare ("create 10 MB inline (E1)", &times[INLINE * runs],
                              &times[INLINE_REF * runs], runs, 1.2, peak_signet, peak_reference);
  results[1] = (BenchResult){ "create 10 MB inline, body ready",
                              "ms",
                              results[0].signet,
                              bench_median (&times[READY_REF * runs], runs),
                              0,
                              peak_signet,
                              -1,
                              runs };
  results[2] = bench_compare ("create 10 MB upload first (E2+E1)", &times[FIRST * runs],
                              &times[FIRST_REF * runs], runs, 1.2, peak_signet, peak_reference);
  /* Memory: the peak above idle against the file's size. */
  results[3] = (BenchResult){ "create 10 MB: peak above idle/file",
                              "MB",
                              peak_signet / 1024.0,
                              size / (1024.0 * 1024.0),
                              2.5,
                              peak_signet,
                              -1,
                              runs };
  /* Responsiveness: the worst stall of any run against one frame (issue 20). */
  results[4]
    = bench_limit ("main-loop stall, 10 MB upload", "ms", worst_stall, BENCH_FRAME_MS, runs);
  bench_print (results, G_N_ELEMENTS (results));

  bench_stop_sandbox (sandbox);
  g_unlink (path);
  g_unlink (body);
  g_rmdir (dir);
  return 0;
}
