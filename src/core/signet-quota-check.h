/* signet-quota-check.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-account.h"

G_BEGIN_DECLS

/**
 * SignetQuotaCheck:
 * @available: signature requests the account has left
 * @requested: how many are about to be sent
 * @threshold: the `quota-warning-threshold` setting
 * @fits: whether @requested requests fit into @available
 * @low: whether fewer than @threshold remain after sending
 *
 * What the counter says before sending.
 */
typedef struct
{
  gint64   available;
  guint    requested;
  guint    threshold;
  gboolean fits;
  gboolean low;
} SignetQuotaCheck;

void     signet_quota_check_from_counter (SignetCounter    *counter,
                                          guint             threshold,
                                          guint             requested,
                                          SignetQuotaCheck *check);
void     signet_quota_check_async (SignetAccount      *account,
                                   GSettings          *settings,
                                   guint               requested,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean signet_quota_check_finish (SignetAccount    *account,
                                    GAsyncResult     *result,
                                    SignetQuotaCheck *check,
                                    GError          **error);
char    *signet_quota_check_dup_message (const SignetQuotaCheck *check);

G_END_DECLS
