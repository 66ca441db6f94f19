/* test-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "app-util.h"
#include "signet-library-view.h"
#include "signet-onboarding.h"
#include "signet-preferences-window.h"
#include "signet-sync.h"
#include "signet-window.h"

/* Under AddressSanitizer (the `c` suite's second run): GLib's quark table
 * drops its first 16 KiB block on purpose once more than 2,048 strings are
 * interned, which a whole window does. Debian's GLib has no frame pointers,
 * so the fast unwinder stops at g_malloc and that block cannot be told from
 * a leak of ours; the full stack ends in the library's constructor, which
 * build-aux/lsan.supp passes over (_dl_init). Ten frames keep this test fast. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=10";
}

static SignetApplication *app;

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The test took too long: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Nothing the first frame does not need runs before it (issue 20): the
 * journal opens once the first window has drawn, and until it is loaded
 * the main page is blank rather than "No Documents Yet". First of the
 * tests: the application's journal is opened by the first window. */
static void
after_paint_cb (GdkFrameClock *clock, guint *frames)
{
  (*frames)++;
}

static void
loaded_cb (SignetJournal *journal, GParamSpec *pspec, guint *frames_when_loaded)
{
  guint *frames = g_object_get_data (G_OBJECT (journal), "test-frames");

  *frames_when_loaded = *frames;
}

static void
test_journal_after_first_frame (void)
{
  SignetWindow *window = signet_application_new_window (app);
  g_autoptr (SignetSync) sync = NULL;
  SignetJournal *journal;
  GtkStack      *stack = GTK_STACK (
         gtk_widget_get_template_child (GTK_WIDGET (window), SIGNET_TYPE_WINDOW, "main_stack"));
  guint frames = 0;
  guint frames_when_loaded = 0;
  guint guard = g_timeout_add_seconds (20, timeout_cb, (gpointer) "the journal to load");

  g_object_get (window, "sync", &sync, NULL);
  journal = signet_sync_get_journal (sync);
  g_assert_false (signet_journal_get_loaded (journal));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");

  g_object_set_data (G_OBJECT (journal), "test-frames", &frames);
  g_signal_connect (journal, "notify::loaded", G_CALLBACK (loaded_cb), &frames_when_loaded);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                    "after-paint", G_CALLBACK (after_paint_cb), &frames);
  gtk_window_present (GTK_WINDOW (window));
  while (!signet_journal_get_loaded (journal))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  g_assert_cmpuint (frames_when_loaded, >=, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_signal_handlers_disconnect_by_func (journal, loaded_cb, &frames_when_loaded);
  g_object_set_data (G_OBJECT (journal), "test-frames", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_restored (void)
{
  GSettings    *settings = signet_application_get_settings (app);
  SignetWindow *window;
  int           width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = signet_application_new_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* A resize is stored for the next window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);

  gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_window_is_maximized (GTK_WINDOW (window)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "window-maximized");
}

static void
test_empty_state (void)
{
  SignetWindow  *window = signet_application_new_window (app);
  AdwStatusPage *page;

  page = ADW_STATUS_PAGE (
    gtk_widget_get_template_child (GTK_WIDGET (window), SIGNET_TYPE_WINDOW, "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Documents Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, APPLICATION_ID);
  g_assert_nonnull (adw_status_page_get_description (page));

  /* The app icon is found: the resource ships it under the application id. */
  g_assert_true (gtk_icon_theme_has_icon (
    gtk_icon_theme_get_for_display (gdk_display_get_default ()), APPLICATION_ID));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_actions_and_shortcuts (void)
{
  SignetWindow *window = signet_application_new_window (app);
  g_autoptr (GtkBuilder) builder = NULL;
  g_auto (GStrv) quit = NULL;
  g_auto (GStrv) close = NULL;
  g_auto (GStrv) help = NULL;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char *const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char *const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char *const *) help, "<Control>question"));

  /* Navigation is the window's, reached by action from any widget inside;
   * ids the journal does not hold change nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-document", "x",
                                             (gint64) G_MAXINT64));
  g_assert_true (gtk_widget_activate_action_variant (
    GTK_WIDGET (window), "win.show-handover",
    g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, NULL, 0, sizeof (gint64))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.no-such-page", NULL));

  /* The shortcuts window is built when asked for, never kept hidden (a
   * hidden toplevel crashes GTK 4.8's AT-SPI root: signet-window-actions.c). */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/shortcuts-window.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  /* Ctrl+? presenting it is tests/gui/test-shortcuts.py's. */

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every template builds on the floor's libraries: a property that only a
 * newer libadwaita has is a critical here. */
static void
test_templates_build (void)
{
  SignetWindow *window = signet_application_new_window (app);
  GtkWindow    *preferences;
  GtkWidget    *onboarding;

  preferences
    = signet_preferences_window_new (GTK_WINDOW (window), signet_application_get_account (app),
                                     signet_application_get_settings (app));
  g_assert_nonnull (preferences);

  /* The later issues' settings are bound to their rows. */
  {
    GSettings     *settings = signet_application_get_settings (app);
    GtkSwitch     *delete_switch = GTK_SWITCH (gtk_widget_get_template_child (
          GTK_WIDGET (preferences), SIGNET_TYPE_PREFERENCES_WINDOW, "delete_switch"));
    GtkAdjustment *interval = GTK_ADJUSTMENT (gtk_widget_get_template_child (
      GTK_WIDGET (preferences), SIGNET_TYPE_PREFERENCES_WINDOW, "interval_adjustment"));

    gtk_switch_set_active (delete_switch, TRUE);
    g_assert_true (g_settings_get_boolean (settings, "delete-after-archiving"));
    gtk_adjustment_set_value (interval, 120);
    g_assert_cmpuint (g_settings_get_uint (settings, "tracking-interval"), ==, 120);
    g_settings_reset (settings, "delete-after-archiving");
    g_settings_reset (settings, "tracking-interval");
  }
  gtk_window_destroy (preferences);

  onboarding
    = g_object_ref_sink (signet_onboarding_new (signet_application_get_account (app), TRUE));
  g_assert_nonnull (onboarding);
  g_object_unref (onboarding);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closed while it checks the connection, the window is let go once its
 * work is cancelled, and nothing touches it after it is gone: a toast or a
 * spinner on a disposed window is a critical, and criticals are fatal
 * here. (Remove API Key takes the same cancellable; it needs a key in a
 * keyring, which this test has not.) */
static void
test_preferences_closed_mid_operation (void)
{
  GSettings     *settings = signet_application_get_settings (app);
  SignetAccount *account = signet_application_get_account (app);
  SignetWindow  *window;
  GtkWindow     *preferences;
  GtkWidget     *spinner;
  guint          guard;

  g_settings_set_enum (settings, "environment", SIGNET_ENVIRONMENT_SANDBOX);
  guard = g_timeout_add_seconds (20, timeout_cb, "the account never took the sandbox");
  while (signet_account_get_environment (account) != SIGNET_ENVIRONMENT_SANDBOX)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  window = signet_application_new_window (app);

  /* Check Connection, then close. */
  preferences = signet_preferences_window_new (GTK_WINDOW (window), account, settings);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  gtk_window_present (preferences);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.check", NULL));
  spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                       SIGNET_TYPE_PREFERENCES_WINDOW, "spinner"));
  g_assert_true (gtk_widget_get_visible (spinner));
  gtk_window_destroy (preferences);
  guard = g_timeout_add_seconds (20, timeout_cb, "the check never let the window go");
  while (preferences != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "environment");
}

static guint
handlers_for (SignetJournal *journal, gpointer data)
{
  GListModel *documents = signet_journal_get_documents (journal);
  guint       n = 0;
  gulong      id;

  /* Counted by blocking each one found, then unblocked again. */
  while ((id = g_signal_handler_find (documents, G_SIGNAL_MATCH_DATA | G_SIGNAL_MATCH_UNBLOCKED, 0,
                                      0, NULL, NULL, data))
         != 0)
    {
      g_signal_handler_block (documents, id);
      n++;
    }
  g_signal_handlers_unblock_matched (documents, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, data);
  return n;
}

/* A library view follows the journal's list of documents, which lives as
 * long as the app: swapped or closed, the view lets go of it, so that the
 * next change to the list does not call into a view that is gone. */
static void
test_library_view_lets_go (void)
{
  g_autofree char *folder = g_dir_make_tmp ("signet-window-XXXXXX", NULL);
  g_autofree char *path1 = g_build_filename (folder, "one.db", NULL);
  g_autofree char *path2 = g_build_filename (folder, "two.db", NULL);
  g_autoptr (SignetJournal) one = signet_journal_new (path1);
  g_autoptr (SignetJournal) two = signet_journal_new (path2);
  GtkWidget *view = g_object_ref_sink (signet_library_view_new ());

  signet_library_view_set_journal (SIGNET_LIBRARY_VIEW (view), one);
  g_assert_cmpuint (handlers_for (one, view), ==, 1);
  signet_library_view_set_journal (SIGNET_LIBRARY_VIEW (view), one);
  g_assert_cmpuint (handlers_for (one, view), ==, 1);
  signet_library_view_set_journal (SIGNET_LIBRARY_VIEW (view), two);
  g_assert_cmpuint (handlers_for (one, view), ==, 0);
  g_assert_cmpuint (handlers_for (two, view), ==, 1);

  g_object_run_dispose (G_OBJECT (view));
  g_assert_cmpuint (handlers_for (two, view), ==, 0);
  g_object_unref (view);

  g_clear_object (&one);
  g_clear_object (&two);
  g_remove (path1);
  g_remove (path2);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_follows_system_style (void)
{
  /* Dark style comes from the system's preference; Signet never forces one. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int argc, char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  app = test_application_new (G_APPLICATION_DEFAULT_FLAGS);

  g_test_add_func ("/window/journal-after-first-frame", test_journal_after_first_frame);
  g_test_add_func ("/window/size-restored", test_window_size_restored);
  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/actions-and-shortcuts", test_actions_and_shortcuts);
  g_test_add_func ("/window/follows-system-style", test_follows_system_style);
  g_test_add_func ("/window/templates-build", test_templates_build);
  g_test_add_func ("/window/library-view-lets-go", test_library_view_lets_go);
  g_test_add_func ("/window/preferences-closed-mid-operation",
                   test_preferences_closed_mid_operation);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
