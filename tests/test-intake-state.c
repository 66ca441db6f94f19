/* test-intake-state.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intake queue kept across a restart (issue 23): its files and their
 * settings are written to a state file after every change and come back
 * in the next run, in order.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "async-util.h"
#include "signet-intake-queue.h"

static char *
write_file (const char *name)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "in", NULL);
  char            *path = g_build_filename (folder, name, NULL);

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, "%PDF-1.7 not really", -1, NULL));
  return path;
}

/* Iterates the main context until @path holds @needle, or fails. */
static void
wait_contents (const char *path, const char *needle, gboolean present)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL)
          && (strstr (contents, needle) != NULL) == present)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("%s does not %s %s after 10 s: %s", path, present ? "hold" : "leave out", needle,
                 contents);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static int
restore (SignetIntakeQueue *queue, GFile *state, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_intake_queue_restore_async (queue, state, NULL, result_cb, &result);
  return signet_intake_queue_restore_finish (queue, wait_for_seconds (&result, 10), error);
}

/* Lets every check and save of @queue end, then drops it: work still on
 * its way when the program ends would be reported as leaked. */
static void
drain (SignetIntakeQueue **queue)
{
  gint64   deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GObject *weak = G_OBJECT (*queue);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (*queue)); i++)
    {
      g_autoptr (SignetIntakeItem) item = g_list_model_get_item (G_LIST_MODEL (*queue), i);

      while (signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_CHECKING)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("%s was still being checked after 30 s", signet_intake_item_get_name (item));
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_clear_object (queue);
  while (weak != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The queue was still saving after 30 s");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Files dropped and set up, one removed: the next run gets the others
 * back, in order, with their settings. */
static void
test_round_trip (void)
{
  g_autofree char *path
    = g_build_filename (g_get_user_state_dir (), "round-trip", "signet", "queue.json", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GFile) state = g_file_new_for_path (path);
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  g_autoptr (SignetIntakeQueue) next = signet_intake_queue_new ();
  g_autoptr (GError) error = NULL;
  const char       *names[] = { "first.pdf", "second.pdf", "third.pdf" };
  SignetIntakeItem *items[3];
  g_autoptr (SignetIntakeItem) restored = NULL;

  g_mkdir_with_parents (folder, 0700);
  signet_intake_queue_set_state_file (queue, state);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file_path = write_file (names[i]);
      g_autoptr (GFile) file = g_file_new_for_path (file_path);

      items[i] = signet_intake_queue_add (queue, file);
    }
  signet_intake_item_set_settings (items[2], "{\"expiry-hours\": 48}");
  wait_contents (path, "expiry-hours", TRUE);
  wait_contents (path, "first.pdf", TRUE);
  signet_intake_queue_remove (queue, items[0]);
  wait_contents (path, "first.pdf", FALSE);
  drain (&queue);

  g_assert_cmpint (restore (next, state, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (next)), ==, 2);
  restored = g_list_model_get_item (G_LIST_MODEL (next), 0);
  g_assert_cmpstr (signet_intake_item_get_name (restored), ==, "second.pdf");
  g_assert_null (signet_intake_item_get_settings (restored));
  g_clear_object (&restored);
  restored = g_list_model_get_item (G_LIST_MODEL (next), 1);
  g_assert_cmpstr (signet_intake_item_get_name (restored), ==, "third.pdf");
  g_assert_cmpstr (signet_intake_item_get_settings (restored), ==, "{\"expiry-hours\": 48}");
  g_clear_object (&restored);
  drain (&next);
}

/* A file whose request is journalled is the outbox's: the state file
 * leaves it out (the next run would bring it back to be paid twice), and
 * keeps it again when a Cancel took the request back. */
static void
test_journalled_left_out (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "journalled.json", NULL);
  g_autofree char *file_path = write_file ("sent.pdf");
  g_autoptr (GFile) file = g_file_new_for_path (file_path);
  g_autoptr (GFile) state = g_file_new_for_path (path);
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  SignetIntakeItem *item;

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  signet_intake_queue_set_state_file (queue, state);
  item = signet_intake_queue_add (queue, file);
  wait_contents (path, "sent.pdf", TRUE);
  signet_intake_item_set_journalled (item, TRUE);
  wait_contents (path, "sent.pdf", FALSE);
  signet_intake_item_set_journalled (item, FALSE);
  wait_contents (path, "sent.pdf", TRUE);
  drain (&queue);
}

/* Nothing kept, nothing back; a damaged file is an error, not a crash. */
static void
test_nothing_kept (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "nothing-kept.json", NULL);
  g_autoptr (GFile) state = g_file_new_for_path (path);
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (restore (queue, state, &error), ==, 0);
  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  g_assert_true (g_file_set_contents (path, "{\"items\": [", -1, NULL));
  g_assert_cmpint (restore (queue, state, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
}

int
main (int argc, char *argv[])
{
  /* One folder of our own rather than G_TEST_OPTION_ISOLATE_DIRS: GLib
   * keeps the replaced directory strings alive on purpose, and without
   * frame pointers in GLib LeakSanitizer cannot see that they come from
   * g_set_user_dirs (build-aux/lsan.supp), so it reported them. Each test
   * uses files of its own names in it. */
  g_autofree char *root = g_dir_make_tmp ("signet-intake-state-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (root, "state", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  int              status;

  g_assert_nonnull (root);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/intake-state/round-trip", test_round_trip);
  g_test_add_func ("/intake-state/nothing-kept", test_nothing_kept);
  g_test_add_func ("/intake-state/journalled-left-out", test_journalled_left_out);

  status = g_test_run ();
  remove_tree (root);
  return status;
}
