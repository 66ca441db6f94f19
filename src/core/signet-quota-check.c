/* signet-quota-check.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-quota-check"

#include "config.h"

#include "signet-quota-check.h"

/**
 * signet_quota_check_from_counter:
 * @counter: the counter service's answer
 * @threshold: the `quota-warning-threshold` setting
 * @requested: how many requests are about to be sent
 * @check: (out caller-allocates): what they mean together
 */
void
signet_quota_check_from_counter (SignetCounter    *counter,
                                 guint             threshold,
                                 guint             requested,
                                 SignetQuotaCheck *check)
{
  g_return_if_fail (SIGNET_IS_COUNTER (counter));
  g_return_if_fail (check != NULL);

  check->available = MAX (signet_counter_get_available (counter), 0);
  check->requested = requested;
  check->threshold = threshold;
  check->fits = check->available >= (gint64) requested;
  check->low = check->available - (gint64) requested < (gint64) threshold;
}

typedef struct
{
  GSettings *settings;
  guint      requested;
} QuotaData;

static void
quota_data_free (QuotaData *data)
{
  g_object_unref (data->settings);
  g_free (data);
}

static void
quota_refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  QuotaData *data = g_task_get_task_data (task);
  g_autoptr (SignetCounter) counter = NULL;
  SignetQuotaCheck *check;
  GError           *error = NULL;

  counter = signet_account_refresh_finish (SIGNET_ACCOUNT (source), result, &error);
  if (counter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  check = g_new0 (SignetQuotaCheck, 1);
  signet_quota_check_from_counter (counter,
                                   g_settings_get_uint (data->settings, "quota-warning-threshold"),
                                   data->requested, check);
  g_task_return_pointer (task, check, g_free);
}

/**
 * signet_quota_check_async:
 * @account: the account
 * @settings: the application's settings (for `quota-warning-threshold`)
 * @requested: how many requests are about to be sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks the counter service (E13) how many signature requests remain,
 * before sending @requested of them.
 */
void
signet_quota_check_async (SignetAccount      *account,
                          GSettings          *settings,
                          guint               requested,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask     *task;
  QuotaData *data;

  g_return_if_fail (SIGNET_IS_ACCOUNT (account));
  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_quota_check_async);
  data = g_new0 (QuotaData, 1);
  data->settings = g_object_ref (settings);
  data->requested = requested;
  g_task_set_task_data (task, data, (GDestroyNotify) quota_data_free);
  signet_account_refresh_async (account, cancellable, quota_refreshed_cb, task);
}

/**
 * signet_quota_check_finish:
 * @account: the account
 * @result: the #GAsyncResult
 * @check: (out caller-allocates): the answer
 * @error: return location for a #SIGNET_ERROR
 *
 * Returns: whether the counter could be read
 */
gboolean
signet_quota_check_finish (SignetAccount    *account,
                           GAsyncResult     *result,
                           SignetQuotaCheck *check,
                           GError          **error)
{
  g_autofree SignetQuotaCheck *answer = NULL;

  g_return_val_if_fail (g_task_is_valid (result, account), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;
  *check = *answer;
  return TRUE;
}

/**
 * signet_quota_check_dup_message:
 * @check: a #SignetQuotaCheck
 *
 * Returns: (transfer full) (nullable): a sentence for the user when the
 *   requests do not fit or leave few, else %NULL
 */
char *
signet_quota_check_dup_message (const SignetQuotaCheck *check)
{
  int left;

  g_return_val_if_fail (check != NULL, NULL);

  if (!check->fits)
    {
      left = (int) MIN (check->available, G_MAXINT);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Only %d signature request is left, too few for what you are sending. Buy "
                     "more on okdokument.com.",
                     "Only %d signature requests are left, too few for what you are sending. Buy "
                     "more on okdokument.com.",
                     left),
        left);
    }
  if (check->low)
    {
      left = (int) MIN (check->available - (gint64) check->requested, G_MAXINT);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "After sending, %d signature request will be left. Buy more on "
                     "okdokument.com soon.",
                     "After sending, %d signature requests will be left. Buy more on "
                     "okdokument.com soon.",
                     left),
        left);
    }
  return NULL;
}
