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
 *   bench/library-scale [--entries N] [--runs R]   (1 000 and 10 000 by default)
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
#include "signet-journal.h"
#include "signet-library-view.h"

static const char *const query = "contract 12";

static void
painted_cb (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @window has drawn a frame. */
static void
wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean       painted = FALSE;
  gulong         id;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
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
  double first_frame; /* ms */
  double keystroke;   /* ms, median over the query's keystrokes */
  double filter_only; /* ms, the same without waiting for the frame */
} Measure;

/* Median time per keystroke until the list is drawn again; *filter_only
 * gets the median of the filtering alone, before the frame. */
static double
time_keystrokes (GtkWidget *window,
                 void (*search) (gpointer, const char *),
                 gpointer target,
                 double  *filter_only)
{
  double times[32], filtering[32];
  guint  n = 0;

  for (gsize i = 1; i <= strlen (query) && n < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *prefix = g_strndup (query, i);
      gint64           start = g_get_monotonic_time ();

      search (target, prefix);
      filtering[n] = (g_get_monotonic_time () - start) / 1000.0;
      wait_frame (window);
      times[n++] = (g_get_monotonic_time () - start) / 1000.0;
    }
  search (target, "");
  *filter_only = bench_median (filtering, n);
  return bench_median (times, n);
}

static void
library_search (gpointer view, const char *text)
{
  signet_library_view_set_search (view, text);
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
  m.keystroke = time_keystrokes (window, library_search, view, &m.filter_only);
  g_assert (signet_library_view_get_n_shown (SIGNET_LIBRARY_VIEW (view))
            == g_list_model_get_n_items (signet_journal_get_documents (journal)));
  gtk_window_destroy (GTK_WINDOW (window));
  return m;
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
  m.keystroke = time_keystrokes (window, reference_search, filter, &m.filter_only);
  gtk_window_destroy (GTK_WINDOW (window));
  return m;
}

int
main (int argc, char *argv[])
{
  int entries = 0;
  int runs = 5;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  GOptionEntry options[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries,
      "Requests in the journal (default: 1000 and 10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many times to measure", "R" },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int         sizes[2] = { 1000, 10000 };
  guint       n_sizes = 2;
  BenchResult results[4];
  guint       n_results = 0;

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
      double frames[2][64], keys[2][64];
      int    n = MIN (runs, 64);

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

      for (int run = 0; run < n; run++)
        {
          Measure library = measure_library (journal);
          Measure reference = measure_reference (names);

          frames[0][run] = library.first_frame;
          keys[0][run] = library.keystroke;
          frames[1][run] = reference.first_frame;
          keys[1][run] = reference.keystroke;
          printf ("%d entries, run %d: first frame %.1f ms (reference %.1f ms), keystroke %.2f ms "
                  "(reference %.2f ms), of which filtering %.2f ms (reference %.2f ms)\n",
                  sizes[s], run + 1, library.first_frame, reference.first_frame, library.keystroke,
                  reference.keystroke, library.filter_only, reference.filter_only);
        }

      results[n_results++]
        = bench_compare (sizes[s] >= 10000 ? "library first frame, 10k" : "library first frame, 1k",
                         frames[0], frames[1], n, 0, -1, -1);
      results[n_results++] = bench_compare (sizes[s] >= 10000 ? "library keystroke filter, 10k"
                                                              : "library keystroke filter, 1k",
                                            keys[0], keys[1], n, 0, -1, -1);

      g_object_run_dispose (G_OBJECT (journal));
      bench_remove_tree (folder);
    }

  bench_print (results, n_results);
  return 0;
}
