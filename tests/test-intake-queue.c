/* test-intake-queue.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signet-error.h"
#include "signet-intake-queue.h"

static GFile *
data_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));
}

static void
wait_checked (SignetIntakeQueue *queue)
{
  while (signet_intake_queue_n_checking (queue) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_good_and_bad (void)
{
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  g_autoptr (GFile) good = data_file ("fields.pdf");
  g_autoptr (GFile) bad = data_file ("password.pdf");
  SignetIntakeItem *good_item, *bad_item;

  good_item = signet_intake_queue_add (queue, good);
  bad_item = signet_intake_queue_add (queue, bad);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  g_assert_cmpint (signet_intake_item_get_state (good_item), ==, SIGNET_INTAKE_STATE_CHECKING);
  g_assert_cmpstr (signet_intake_item_get_summary (good_item), ==, "Checking…");
  g_assert_cmpstr (signet_intake_item_get_name (good_item), ==, "fields.pdf");

  wait_checked (queue);

  g_assert_cmpint (signet_intake_item_get_state (good_item), ==, SIGNET_INTAKE_STATE_READY);
  g_assert_nonnull (signet_intake_item_get_inspection (good_item));
  g_assert_cmpstr (signet_intake_item_get_summary (good_item), ==, "2 pages · 2 signature fields");
  g_assert_null (signet_intake_item_get_error (good_item));

  g_assert_cmpint (signet_intake_item_get_state (bad_item), ==, SIGNET_INTAKE_STATE_FAILED);
  g_assert_null (signet_intake_item_get_inspection (bad_item));
  g_assert_error ((GError *) signet_intake_item_get_error (bad_item), SIGNET_ERROR,
                  SIGNET_ERROR_FILE_ENCRYPTED);
  g_assert_cmpstr (signet_intake_item_get_summary (bad_item), ==,
                   signet_intake_item_get_error (bad_item)->message);

  /* A bad file is removed, the good one stays. */
  signet_intake_queue_remove (queue, bad_item);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  {
    g_autoptr (SignetIntakeItem) first = g_list_model_get_item (G_LIST_MODEL (queue), 0);
    g_assert_true (first == good_item);
  }
}

static void
test_duplicate (void)
{
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  g_autoptr (GFile) file = data_file ("simple.pdf");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (GFile) same = g_file_new_for_uri (uri);

  g_assert_nonnull (signet_intake_queue_add (queue, file));
  /* The same file, however it was named, is noticed. */
  g_assert_null (signet_intake_queue_add (queue, same));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  g_assert_nonnull (signet_intake_queue_find (queue, same));
  wait_checked (queue);
}

static void
count_changes_cb (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  guint *changes = user_data;

  *changes += added + removed;
}

/* Waits until only the test holds @item: the check that had it is over,
 * and whatever it would report has been dispatched. */
static void
wait_until_released (SignetIntakeItem *item)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (G_OBJECT (item)->ref_count > 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_remove_while_checking (void)
{
  g_autoptr (SignetIntakeQueue) queue = signet_intake_queue_new ();
  g_autoptr (GFile) file = data_file ("multipage.pdf");
  g_autoptr (SignetIntakeItem) item = NULL;
  guint changes = 0;

  g_signal_connect (queue, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  item = g_object_ref (signet_intake_queue_add (queue, file));
  g_assert_cmpuint (signet_intake_queue_n_checking (queue), ==, 1);
  signet_intake_queue_remove (queue, item);
  g_assert_cmpuint (signet_intake_queue_n_checking (queue), ==, 0);
  g_assert_cmpuint (changes, ==, 2);

  /* The cancelled check ends (and lets go of the item) without reporting
   * back. */
  wait_until_released (item);
  g_assert_cmpint (signet_intake_item_get_state (item), ==, SIGNET_INTAKE_STATE_CHECKING);
}

static void
test_dispose_while_checking (void)
{
  SignetIntakeQueue *queue = signet_intake_queue_new ();
  g_autoptr (GFile) file = data_file ("multipage.pdf");
  g_autoptr (SignetIntakeItem) item = g_object_ref (signet_intake_queue_add (queue, file));

  /* Closing the window while files are checked cancels the checks. */
  g_object_unref (queue);
  wait_until_released (item);
  g_assert_cmpint (signet_intake_item_get_state (item), ==, SIGNET_INTAKE_STATE_CHECKING);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/intake-queue/good-and-bad", test_good_and_bad);
  g_test_add_func ("/intake-queue/duplicate", test_duplicate);
  g_test_add_func ("/intake-queue/remove-while-checking", test_remove_while_checking);
  g_test_add_func ("/intake-queue/dispose-while-checking", test_dispose_while_checking);

  return g_test_run ();
}
