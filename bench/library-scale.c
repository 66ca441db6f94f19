/* library-scale.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library with many documents: the time from creating the library view
 * over a loaded journal to its first frame on screen, and the time each
 * keystroke of a search takes to filter the list and draw it again.
 *
 *   bench/library-scale [--entries N] [--runs R]   (1,000, 10,000 and 100,000 by default)
 *
 * Against issue 20's targets (< 300 ms, < 16 ms), for each size:
 * - "open + first frame": from opening the journal (signet_journal_open_async,
 *   which loads its model) to the library's first frame with the window
 *   filled; the journal is opened afresh in every run;
 * - "keystroke work": per keystroke, the main loop's own work: the
 *   filtering (signet_library_view_set_search) plus the frame that draws the
 *   result (the frame clock's before-paint to after-paint), without the wait
 *   for the frame clock's next tick, which at 60 Hz alone is up to 16.7 ms;
 * - "keystroke stall": the longest main-loop stall (bench's 5 ms meter) while
 *   the query is typed;
 * - "load stall": the longest stall while the journal loads into a library
 *   already on screen, as at start-up;
 * - "document change stall": the same while one document is signed and
 *   saved, as in a tracker round.
 *
 * Reference, in the same run and window size: a plain GtkListView of
 * GtkLabels over a GtkStringList of the same file names, filtered by a
 * GtkStringFilter: what any GTK list of that length costs. Needs a display
 * (./build-aux/dev bench runs it in the headless session). See
 * docs/performance.md and docs/library.md for the numbers.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-journal.h"
#include "bench-util.h"
#include "signet-document-private.h"
#include "signet-journal.h"
#include "signet-library-view.h"

static const char *const query = "contract 12";

typedef struct
{
  gint64 begun; /* before-paint, µs */
  gint64 ended; /* after-paint, µs */
} Frame;

static void
begun_cb (GdkFrameClock *clock, Frame *frame)
{
  if (frame->begun == 0)
    frame->begun = g_get_monotonic_time ();
}

static void
painted_cb (GdkFrameClock *clock, Frame *frame)
{
  frame->ended = g_get_monotonic_time ();
}

/* Runs the main loop until @window has drawn a frame; returns the time the
 * frame's own work took (before-paint to after-paint), in ms. */
static double
wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  Frame          frame = { 0, 0 };
  gulong         begun, painted;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  begun = g_signal_connect (clock, "before-paint", G_CALLBACK (begun_cb), &frame);
  painted = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &frame);
  gtk_widget_queue_draw (window);
  while (frame.ended == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, begun);
  g_signal_handler_disconnect (clock, painted);
  return (frame.ended - (frame.begun != 0 ? frame.begun : frame.ended)) / 1000.0;
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

static void
setup_label (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

typedef struct
{
  double first_frame;  /* ms */
  double keystroke;    /* ms, median over the query's keystrokes */
  double filter_only;  /* ms, the same without waiting for the frame */
  double work;         /* ms, median of the filtering plus the frame's own work */
  double stall;        /* ms, the longest main-loop stall while typing */
  guint  stall_at;     /* the keystroke (1 for the first) it came with */
  double settle_stall; /* ms, the longest in the 500 ms after the first frame */
  double change_stall; /* ms, the longest while one document changes state */
} Measure;

/* Median time per keystroke until the list is drawn again into m->keystroke;
 * the filtering alone, the main loop's work and the longest stall into the
 * rest. */
static void
time_keystrokes (GtkWidget *window,
                 void (*search) (gpointer, const char *),
                 gpointer target,
                 Measure *m)
{
  double times[32], filtering[32], work[32];
  guint  n = 0;
  guint  meter = bench_stall_meter_start ();

  /* What the window does after its first frame, before anything is typed. */
  bench_run_for (500);
  m->settle_stall = bench_stall_meter_stop (meter) / 1000.0;
  m->stall = 0;
  for (gsize i = 1; i <= strlen (query) && n < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *prefix = g_strndup (query, i);
      gint64           start = g_get_monotonic_time ();
      double           frame, stall;

      meter = bench_stall_meter_start ();
      search (target, prefix);
      filtering[n] = (g_get_monotonic_time () - start) / 1000.0;
      frame = wait_frame (window);
      times[n] = (g_get_monotonic_time () - start) / 1000.0;
      work[n] = filtering[n] + frame;
      /* The meter's last gap ends only with a tick after the frame. */
      bench_run_for (20);
      stall = bench_stall_meter_stop (meter) / 1000.0;
      if (stall > m->stall)
        {
          m->stall = stall;
          m->stall_at = n + 1;
        }
      n++;
    }
  search (target, "");
  m->filter_only = bench_median (filtering, n);
  m->work = bench_median (work, n);
  m->keystroke = bench_median (times, n);
}

static void
library_search (gpointer view, const char *text)
{
  signet_library_view_set_search (view, text);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *saved = user_data;

  g_assert (signet_journal_save_finish (SIGNET_JOURNAL (source), result, NULL));
  *saved = TRUE;
}

/* Saves @document with @status, as a tracker round does, and waits for the
 * frame after the journal announced it. */
static void
save_status (GtkWidget           *window,
             SignetJournal       *journal,
             SignetDocument      *document,
             SignetDocumentStatus status)
{
  gboolean saved = FALSE;

  signet_document_set_status (document, status);
  signet_journal_save_async (journal, document, "state", NULL, NULL, saved_cb, &saved);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
  wait_frame (window);
}

/* One document changes from waiting to signed and is saved, as a tracker
 * round does; the library follows (its counts, the row, the groups). The
 * longest main-loop stall from the save to the frame after it, in ms. The
 * document is the newest one waiting (the journal's list is oldest first),
 * as requests are mostly signed soon after they were sent. */
static double
time_document_change (GtkWidget *window, SignetJournal *journal)
{
  GListModel *documents = signet_journal_get_documents (journal);

  for (guint i = g_list_model_get_n_items (documents); i-- > 0;)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      guint  meter;
      gint64 stall;

      if (signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_OPEN)
        continue;
      meter = bench_stall_meter_start ();
      save_status (window, journal, document, SIGNET_DOCUMENT_STATUS_SIGNED);
      bench_run_for (20);
      stall = bench_stall_meter_stop (meter);
      save_status (window, journal, document, SIGNET_DOCUMENT_STATUS_OPEN);
      return stall / 1000.0;
    }
  g_assert_not_reached ();
}

static Measure
measure_library (SignetJournal *journal)
{
  Measure    m;
  gint64     start = g_get_monotonic_time ();
  GtkWidget *view = signet_library_view_new ();
  GtkWidget *window = new_window (view);

  signet_library_view_set_journal (SIGNET_LIBRARY_VIEW (view), journal);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  m.first_frame = (g_get_monotonic_time () - start) / 1000.0;
  time_keystrokes (window, library_search, view, &m);
  m.change_stall = time_document_change (window, journal);
  g_assert (signet_library_view_get_n_shown (SIGNET_LIBRARY_VIEW (view))
            == g_list_model_get_n_items (signet_journal_get_documents (journal)));
  gtk_window_destroy (GTK_WINDOW (window));
  return m;
}

/* The journal opened under a library already on screen, as at start-up
 * (the window draws first, the journal loads after): the longest main-loop
 * stall from the open to the frame after the last document is in, in ms. */
static double
measure_load (const char *path)
{
  g_autoptr (SignetJournal) journal = signet_journal_new (path);
  g_autoptr (GAsyncResult) opened = NULL;
  GtkWidget *view = signet_library_view_new ();
  GtkWidget *window = new_window (view);
  guint      meter;
  gint64     stall;

  signet_library_view_set_journal (SIGNET_LIBRARY_VIEW (view), journal);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  meter = bench_stall_meter_start ();
  signet_journal_open_async (journal, NULL, bench_store_result, &opened);
  opened = bench_wait_result (&opened);
  g_assert (signet_journal_open_finish (journal, opened, NULL));
  wait_frame (window);
  bench_run_for (20);
  stall = bench_stall_meter_stop (meter);
  g_assert (signet_library_view_get_n_shown (SIGNET_LIBRARY_VIEW (view))
            == g_list_model_get_n_items (signet_journal_get_documents (journal)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_run_dispose (G_OBJECT (journal));
  return stall / 1000.0;
}

static void
reference_search (gpointer filter, const char *text)
{
  gtk_string_filter_set_search (filter, text);
}

static Measure
measure_reference (GtkStringList *names)
{
  Measure          m;
  gint64           start = g_get_monotonic_time ();
  GtkStringFilter *filter
    = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  GtkFilterListModel *filtered
    = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (names)), GTK_FILTER (filter));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget          *list, *scrolled, *window;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  list = gtk_list_view_new (
    GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))), factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  window = new_window (scrolled);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  m.first_frame = (g_get_monotonic_time () - start) / 1000.0;
  time_keystrokes (window, reference_search, filter, &m);
  gtk_window_destroy (GTK_WINDOW (window));
  return m;
}

/* A row's name, kept until the rows are printed. */
static const char *
keep (GPtrArray *names, const char *what, const char *size)
{
  g_ptr_array_add (names, g_strdup_printf ("%s, %s", what, size));
  return g_ptr_array_index (names, names->len - 1);
}

int
main (int argc, char *argv[])
{
  int entries = 0;
  int runs = 5;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  GOptionEntry options[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries,
      "Requests in the journal (default: 1000, 10000 and 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many times to measure", "R" },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int         sizes[3] = { 1000, 10000, 100000 };
  guint       n_sizes = 3;
  BenchResult results[3 * 7];
  guint       n_results = 0;
  g_autoptr (GPtrArray) names_kept = g_ptr_array_new_with_free_func (g_free);

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || entries < 0 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "entries and runs must be 1 or more");
      return 2;
    }
  if (entries > 0)
    {
      sizes[0] = entries;
      n_sizes = 1;
    }
  adw_init ();

  for (guint s = 0; s < n_sizes; s++)
    {
      g_autofree char *folder = g_dir_make_tmp ("signet-library-bench-XXXXXX", &error);
      g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
      g_autofree char *pdf = g_build_filename (folder, "contract.pdf", NULL);
      g_autoptr (SignetJournal) journal = NULL;
      g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
      double           frames[2][64], keys[2][64], open_frame[64], work[64];
      double           stall = 0, change_stall = 0, load_stall = 0;
      int              n = MIN (runs, 64);
      g_autofree char *size = NULL;

      g_assert_no_error (error);
      bench_write_pdf (pdf, 4096);
      bench_journal_seed (path, pdf, "Jana Nováková");
      bench_journal_fill (path, sizes[s],
                          "CASE i % 4 WHEN 0 THEN 'tosign' WHEN 1 THEN 'signed' WHEN 2 THEN "
                          "'canceled' ELSE 'tosign' END,"
                          " CASE i % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'archived' WHEN 2 THEN "
                          "'canceled' ELSE 'expired'"
                          " END, NULL, created - i * 60000",
                          NULL);
      journal = bench_journal_open (path);
      g_assert (g_list_model_get_n_items (signet_journal_get_documents (journal))
                == (guint) sizes[s]);
      for (guint i = 0; i < g_list_model_get_n_items (signet_journal_get_documents (journal)); i++)
        {
          g_autoptr (SignetDocument) document
            = g_list_model_get_item (signet_journal_get_documents (journal), i);
          gtk_string_list_append (names, signet_document_get_filename (document));
        }
      g_object_run_dispose (G_OBJECT (journal));
      g_clear_object (&journal);

      for (int run = 0; run < n; run++)
        {
          gint64  start = g_get_monotonic_time ();
          double  opened;
          Measure library, reference;

          load_stall = MAX (load_stall, measure_load (path));
          start = g_get_monotonic_time ();
          journal = bench_journal_open (path);
          opened = (g_get_monotonic_time () - start) / 1000.0;
          library = measure_library (journal);
          g_object_run_dispose (G_OBJECT (journal));
          g_clear_object (&journal);
          reference = measure_reference (names);

          frames[0][run] = library.first_frame;
          keys[0][run] = library.keystroke;
          frames[1][run] = reference.first_frame;
          keys[1][run] = reference.keystroke;
          open_frame[run] = opened + library.first_frame;
          work[run] = library.work;
          stall = MAX (stall, library.stall);
          change_stall = MAX (change_stall, library.change_stall);
          printf ("%d entries, run %d: journal opened in %.1f ms, first frame %.1f ms (reference "
                  "%.1f ms), then a stall of %.1f ms (reference %.1f ms) in the next 500 ms; "
                  "keystroke %.2f ms (reference %.2f ms), of which filtering %.2f ms (reference "
                  "%.2f ms); work per keystroke %.2f ms (reference %.2f ms), longest stall while "
                  "typing %.1f ms at keystroke %u (reference %.1f ms); one document signed: a "
                  "stall of %.1f ms\n",
                  sizes[s], run + 1, opened, library.first_frame, reference.first_frame,
                  library.settle_stall, reference.settle_stall, library.keystroke,
                  reference.keystroke, library.filter_only, reference.filter_only, library.work,
                  reference.work, library.stall, library.stall_at, reference.stall,
                  library.change_stall);
        }

      size = sizes[s] % 1000 == 0 ? g_strdup_printf ("%dk", sizes[s] / 1000)
                                  : g_strdup_printf ("%d", sizes[s]);
      results[n_results++] = bench_compare (keep (names_kept, "library first frame", size),
                                            frames[0], frames[1], n, 0, -1, -1);
      results[n_results++] = bench_compare (keep (names_kept, "library keystroke filter", size),
                                            keys[0], keys[1], n, 0, -1, -1);
      /* Issue 20's targets, absolute: the reference column holds the target. */
      results[n_results++] = bench_limit (keep (names_kept, "library open + first frame", size),
                                          "ms", bench_median (open_frame, n), 300, n);
      results[n_results++] = bench_limit (keep (names_kept, "library keystroke work", size), "ms",
                                          bench_median (work, n), BENCH_FRAME_MS, n);
      results[n_results++] = bench_limit (keep (names_kept, "library keystroke stall", size), "ms",
                                          stall, BENCH_FRAME_MS, n);
      results[n_results++] = bench_limit (keep (names_kept, "library load stall", size), "ms",
                                          load_stall, BENCH_FRAME_MS, n);
      results[n_results++] = bench_limit (keep (names_kept, "library document change stall", size),
                                          "ms", change_stall, BENCH_FRAME_MS, n);

      bench_remove_tree (folder);
    }

  bench_print (results, n_results);
  return 0;
}
