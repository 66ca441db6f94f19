/* bench-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-util.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

/* A valid one-page PDF padded with an incompressible stream to @size
 * bytes, written in small pieces so that the bench itself stays small. */
void
bench_write_pdf (const char *path, gsize size)
{
  g_autoptr (GString) head = g_string_new ("%PDF-1.7\n");
  g_autoptr (GString) tail = g_string_new (NULL);
  gsize  offsets[5];
  gsize  padding, stream_offset;
  guchar chunk[65536];
  FILE  *out = fopen (path, "wb");

  offsets[1] = head->len;
  g_string_append (head, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = head->len;
  g_string_append (head, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = head->len;
  g_string_append (head,
                   "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n");
  offsets[4] = head->len;
  padding = size - head->len - 400;
  g_string_append_printf (head, "4 0 obj << /Length %" G_GSIZE_FORMAT " >> stream\n", padding);
  stream_offset = head->len;

  g_string_append_printf (tail, "\nendstream endobj\nxref\n0 5\n0000000000 65535 f \n");
  for (guint i = 1; i < 5; i++)
    g_string_append_printf (tail, "%010" G_GSIZE_MODIFIER "u 00000 n \n", offsets[i]);
  g_string_append_printf (
    tail, "trailer << /Size 5 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
    stream_offset + padding + strlen ("\nendstream endobj\n"));

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

/* Starts the sandbox program on a free loopback port; it stops when its
 * standard input closes. */
GSubprocess *
bench_spawn_sandbox (const char *program, const char *key, char **base_url, GError **error)
{
  g_autoptr (GSubprocess) sandbox = NULL;
  g_autoptr (GDataInputStream) lines = NULL;

  sandbox = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                              program, "--port", "0", "--api-key", key, "--stop-on-eof", NULL);
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
