/* bench-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* wait4 */
#define _DEFAULT_SOURCE

#include "config.h"

#include "bench-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Parses the options of @entries; FALSE when they cannot be parsed or
 * when not exactly @n_arguments arguments (@parameters) follow them. */
gboolean
bench_parse_options (int                *argc,
                     char             ***argv,
                     const GOptionEntry *entries,
                     const char         *parameters,
                     int                 n_arguments)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, NULL) && *argc == n_arguments + 1;
}

/* The same for a benchmark whose one option is `--runs N` (N ≥ 1). */
gboolean
bench_parse_runs (int *argc, char ***argv, int *runs, const char *parameters, int n_arguments)
{
  const GOptionEntry entries[]
    = { { "runs", 0, 0, G_OPTION_ARG_INT, runs, "Repetitions", "N" }, { NULL } };

  return bench_parse_options (argc, argv, entries, parameters, n_arguments) && *runs >= 1;
}

/* Says how to call @program; returns the exit status for a wrong call. */
int
bench_usage (const char *program, const char *usage)
{
  g_printerr ("usage: %s %s\n", program, usage);
  return 2;
}

/* Starts a PDF written by hand, of @version ("1.7"): its catalog, page
 * tree and one page of @width × @height points, objects 1 to 3, whose
 * offsets go to @offsets[1…3]. */
GString *
bench_pdf_new_page (const char *version, const char *width, const char *height, gsize *offsets)
{
  GString *pdf = g_string_new (NULL);

  g_string_append_printf (pdf, "%%PDF-%s\n", version);
  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append_printf (
    pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] >> endobj\n", width, height);
  return pdf;
}

/* Ends a PDF written by hand, whose objects 1 to @n_objects start at
 * @offsets[1…]: the cross-reference table, which starts at @xref, and the
 * trailer, with @trailer_extra (if any) added to its dictionary. */
void
bench_pdf_append_xref (GString     *pdf,
                       const gsize *offsets,
                       guint        n_objects,
                       gsize        xref,
                       const char  *trailer_extra)
{
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 1; i <= n_objects; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (
    pdf, "trailer << /Size %u /Root 1 0 R%s%s >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
    n_objects + 1, trailer_extra != NULL ? " " : "", trailer_extra != NULL ? trailer_extra : "",
    xref);
}

/* A valid one-page PDF padded with an incompressible stream to @size
 * bytes, written in small pieces so that the bench itself stays small. */
void
bench_write_pdf (const char *path, gsize size)
{
  gsize offsets[5];
  g_autoptr (GString) head = bench_pdf_new_page ("1.7", "595", "842", offsets);
  g_autoptr (GString) tail = g_string_new (NULL);
  gsize  padding, stream_offset;
  guchar chunk[65536];
  FILE  *out = fopen (path, "wb");

  offsets[4] = head->len;
  padding = size - head->len - 400;
  g_string_append_printf (head, "4 0 obj << /Length %" G_GSIZE_FORMAT " >> stream\n", padding);
  stream_offset = head->len;

  g_string_append (tail, "\nendstream endobj\n");
  bench_pdf_append_xref (tail, offsets, 4, stream_offset + padding + tail->len, NULL);

  fwrite (head->str, 1, head->len, out);
  for (gsize written = 0; written < padding;)
    {
      gsize n = MIN (sizeof chunk, padding - written);

      for (gsize i = 0; i < n; i++)
        chunk[i] = (guchar) g_random_int ();
      fwrite (chunk, 1, n, out);
      written += n;
    }
  fwrite (tail->str, 1, tail->len, out);
  fclose (out);
}

/* A fresh temporary folder from @folder_template into *folder, holding
 * contract.pdf made by bench_write_pdf() with @size bytes. */
GFile *
bench_temp_pdf (const char *folder_template, gsize size, char **folder)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  *folder = g_dir_make_tmp (folder_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*folder, "contract.pdf", NULL);
  bench_write_pdf (path, size);
  return g_file_new_for_path (path);
}

static gint64 last_tick;
static gint64 longest_stall;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  longest_stall = MAX (longest_stall, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* A 5 ms timer on the main loop: the longest gap between two ticks is the
 * longest time the loop was kept from running. */
guint
bench_stall_meter_start (void)
{
  longest_stall = 0;
  last_tick = g_get_monotonic_time ();
  return g_timeout_add (5, tick_cb, NULL);
}

gint64
bench_stall_meter_stop (guint id)
{
  g_source_remove (id);
  return longest_stall;
}

static gboolean
done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @milliseconds. */
void
bench_run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Starts the sandbox program on a free loopback port; it stops when its
 * standard input closes. */
GSubprocess *
bench_spawn_sandbox (const char *program, const char *key, char **base_url, GError **error)
{
  return bench_spawn_sandbox_full (program, key, NULL, base_url, error);
}

/* The same with more options (@extra, %NULL-terminated) after the key. */
GSubprocess *
bench_spawn_sandbox_full (const char        *program,
                          const char        *key,
                          const char *const *extra,
                          char             **base_url,
                          GError           **error)
{
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) program);
  g_ptr_array_add (argv, "--port");
  g_ptr_array_add (argv, "0");
  g_ptr_array_add (argv, "--api-key");
  g_ptr_array_add (argv, (gpointer) key);
  g_ptr_array_add (argv, "--stop-on-eof");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  sandbox
    = g_subprocess_newv ((const char *const *) argv->pdata,
                         G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (sandbox == NULL)
    return NULL;
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  *base_url = g_data_input_stream_read_line (lines, NULL, NULL, error);
  if (*base_url == NULL)
    return NULL;
  return g_steal_pointer (&sandbox);
}

void
bench_stop_sandbox (GSubprocess *sandbox)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (sandbox), NULL, NULL);
  g_subprocess_wait (sandbox, NULL, NULL);
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  line = status != NULL ? strstr (status, field) : NULL;
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

/* Writing 5 to clear_refs resets VmHWM to the current VmRSS (Linux 4.0).
 * Returns the resident set now, in KiB. */
gint64
bench_memory_reset_peak (void)
{
  FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (clear_refs);
  fputs ("5", clear_refs);
  g_assert_cmpint (fclose (clear_refs), ==, 0);
  return status_kib ("VmRSS:");
}

/* The peak resident set since the last reset, in KiB. */
gint64
bench_memory_peak (void)
{
  return status_kib ("VmHWM:");
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
double
bench_median (double *values, guint n)
{
  g_assert (n > 0);
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* A row of bench_print(): the medians of @runs times of Signet's code and
 * of the reference. */
BenchResult
bench_compare (const char *name,
               double     *signet_times,
               double     *reference_times,
               guint       runs,
               double      target,
               gint64      signet_peak_kib,
               gint64      reference_peak_kib)
{
  return (BenchResult){ name,
                        "ms",
                        bench_median (signet_times, runs),
                        bench_median (reference_times, runs),
                        target,
                        signet_peak_kib,
                        reference_peak_kib,
                        runs };
}

/* Runs a reference program to its end: its wall time, and the peak
 * resident set of it and the children it waited for (wait4's rusage). */
gboolean
bench_run_command (const char *const *argv,
                   const char        *stdin_path,
                   double            *milliseconds,
                   gint64            *peak_kib,
                   GError           **error)
{
  struct rusage usage;
  gint64        start = g_get_monotonic_time ();
  int           status;
  pid_t         pid;

  /* The child would write out what stdio holds for us once more. */
  fflush (NULL);
  pid = fork ();
  if (pid == 0)
    {
      if (stdin_path != NULL && freopen (stdin_path, "r", stdin) == NULL)
        _exit (126);
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (126);
      execvp (argv[0], (char *const *) argv);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) != pid)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s could not be run", argv[0]);
      return FALSE;
    }
  *milliseconds = (g_get_monotonic_time () - start) / 1000.0;
  *peak_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed (status %d)", argv[0], status);
      return FALSE;
    }
  return TRUE;
}

/* A row against a fixed limit rather than a reference program: the
 * reference column holds the limit, and the row is met when @value is at
 * most @limit (issue 20's absolute targets). */
BenchResult
bench_limit (const char *name, const char *unit, double value, double limit, guint runs)
{
  return (BenchResult){
    .name = name,
    .unit = unit,
    .signet = value,
    .reference = limit,
    .target = 1.0,
    .signet_peak_kib = -1,
    .reference_peak_kib = -1,
    .runs = runs,
  };
}

/* A table for people, then one line per result for machines:
 *   BENCH {"name": …, "signet_ms": …, "reference_ms": …, "ratio": …, …} */
void
bench_print (const BenchResult *results, guint n)
{
  printf ("%-34s %10s %10s %7s %7s %5s %12s %12s %4s\n", "benchmark", "signet", "reference",
          "ratio", "target", "met", "signet peak", "ref. peak", "runs");
  for (guint i = 0; i < n; i++)
    {
      const BenchResult *r = &results[i];
      double             ratio = r->signet / r->reference;
      g_autofree char   *signet_peak = r->signet_peak_kib >= 0
                                         ? g_strdup_printf ("%.1f MB", r->signet_peak_kib / 1024.0)
                                         : g_strdup ("-");
      g_autofree char   *reference_peak
        = r->reference_peak_kib >= 0 ? g_strdup_printf ("%.1f MB", r->reference_peak_kib / 1024.0)
                                     : g_strdup ("-");

      printf ("%-34s %7.1f %s %7.1f %s %6.2fx %6.2fx %5s %12s %12s %4u\n", r->name, r->signet,
              r->unit, r->reference, r->unit, ratio, r->target,
              r->target <= 0       ? "-"
              : ratio <= r->target ? "yes"
                                   : "NO",
              signet_peak, reference_peak, r->runs);
    }
  for (guint i = 0; i < n; i++)
    {
      const BenchResult *r = &results[i];

      printf ("BENCH {\"name\": \"%s\", \"unit\": \"%s\", \"signet\": %.2f, \"reference\": %.2f, "
              "\"ratio\": %.3f, \"target\": %.2f, \"signet_peak_kib\": %" G_GINT64_FORMAT
              ", \"reference_peak_kib\": %" G_GINT64_FORMAT ", \"runs\": %u}\n",
              r->name, r->unit, r->signet, r->reference, r->signet / r->reference, r->target,
              r->signet_peak_kib, r->reference_peak_kib, r->runs);
    }
  fflush (stdout);
}

/* Removes @path and everything below it; what cannot be removed stays. */
void
bench_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * at
 * @user_data, for bench_wait_result(). */
void
bench_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until bench_store_result() has filled @result. */
GAsyncResult *
bench_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (result);
}
