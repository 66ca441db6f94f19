/* bench-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks and the tests that check their claims share.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean bench_parse_options (int                *argc,
                              char             ***argv,
                              const GOptionEntry *entries,
                              const char         *parameters,
                              int                 n_arguments);
gboolean
    bench_parse_runs (int *argc, char ***argv, int *runs, const char *parameters, int n_arguments);
int bench_usage (const char *program, const char *usage);
GString *
bench_pdf_new_page (const char *version, const char *width, const char *height, gsize *offsets);
void   bench_pdf_append_xref (GString     *pdf,
                              const gsize *offsets,
                              guint        n_objects,
                              gsize        xref,
                              const char  *trailer_extra);
void   bench_write_pdf (const char *path, gsize size);
GFile *bench_temp_pdf (const char *folder_template, gsize size, char **folder);
void   bench_run_for (guint milliseconds);
guint  bench_stall_meter_start (void);
gint64 bench_stall_meter_stop (guint id);
GSubprocess *
bench_spawn_sandbox (const char *program, const char *key, char **base_url, GError **error);
GSubprocess *bench_spawn_sandbox_full (const char        *program,
                                       const char        *key,
                                       const char *const *extra,
                                       char             **base_url,
                                       GError           **error);
void         bench_stop_sandbox (GSubprocess *sandbox);
gint64       bench_memory_reset_peak (void);
gint64       bench_memory_peak (void);

/* One comparison of Signet's code with a reference, for bench_print(). */
typedef struct
{
  const char *name;
  const char *unit;            /* of signet and reference: "ms" */
  double      signet;          /* median */
  double      reference;       /* median */
  double      target;          /* the ratio Signet must stay under, 0 for none */
  gint64      signet_peak_kib; /* peak resident set (above idle where the bench says so), -1 if not
                                  measured */
  gint64 reference_peak_kib;   /* the reference process's peak resident set, -1 if none */
  guint  runs;
} BenchResult;

/* Issue 20: no main-loop stall longer than one frame at 60 Hz. */
#define BENCH_FRAME_MS 16.0

double bench_median (double *values, guint n);
BenchResult
bench_limit (const char *name, const char *unit, double value, double limit, guint runs);
BenchResult   bench_compare (const char *name,
                             double     *signet_times,
                             double     *reference_times,
                             guint       runs,
                             double      target,
                             gint64      signet_peak_kib,
                             gint64      reference_peak_kib);
gboolean      bench_run_command (const char *const *argv,
                                 const char        *stdin_path,
                                 double            *milliseconds,
                                 gint64            *peak_kib,
                                 GError           **error);
void          bench_print (const BenchResult *results, guint n);
void          bench_remove_tree (const char *path);
void          bench_store_result (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *bench_wait_result (GAsyncResult **result);

G_END_DECLS
