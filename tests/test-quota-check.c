/* test-quota-check.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quota check against the sandbox's counter (E13) over loopback.
 */

#include "config.h"

#include "journal-util.h"
#include "signet-quota-check.h"

static void
check_quota (SyncFixture *sf, guint requested, SignetQuotaCheck *check)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_quota_check_async (sf->account, sf->settings, requested, NULL, result_cb, &result);
  g_assert_true (signet_quota_check_finish (sf->account, wait_for (&result), check, &error));
  g_assert_no_error (error);
}

static void
test_quota (SyncFixture *sf, gconstpointer data)
{
  g_autoptr (JsonNode) reply
    = fixture_json (&sf->jf.sandbox, "POST", "/sandbox/quota", "{\"available\": 12}", 200);
  SignetQuotaCheck check;
  g_autofree char *low = NULL;
  g_autofree char *short_of = NULL;

  check_quota (sf, 1, &check);
  g_assert_cmpint (check.available, ==, 12);
  g_assert_cmpuint (check.requested, ==, 1);
  g_assert_cmpuint (check.threshold, ==, 10);
  g_assert_true (check.fits);
  g_assert_false (check.low);
  g_assert_null (signet_quota_check_dup_message (&check));

  check_quota (sf, 3, &check);
  g_assert_true (check.fits);
  g_assert_true (check.low);
  low = signet_quota_check_dup_message (&check);
  g_assert_nonnull (strstr (low, "9"));

  check_quota (sf, 13, &check);
  g_assert_false (check.fits);
  short_of = signet_quota_check_dup_message (&check);
  g_assert_nonnull (strstr (short_of, "12"));

  g_settings_set_uint (sf->settings, "quota-warning-threshold", 0);
  check_quota (sf, 12, &check);
  g_assert_true (check.fits);
  g_assert_false (check.low);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/quota-check/counter", SyncFixture, NULL, sync_fixture_set_up, test_quota,
              sync_fixture_tear_down);

  return g_test_run ();
}
