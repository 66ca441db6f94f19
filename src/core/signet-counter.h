/* signet-counter.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SignetCounterMonth:
 * @year: the year, e.g. 2022
 * @month: the month, 1 to 12
 * @signature_requests: signature requests created that month, or -1
 * @files: documents stored that month, or -1
 * @downloaded: documents downloaded that month, or -1
 * @deleted: documents deleted that month, or -1
 *
 * One month of the account's history (E13).
 */
typedef struct
{
  int    year;
  int    month;
  gint64 signature_requests;
  gint64 files;
  gint64 downloaded;
  gint64 deleted;
} SignetCounterMonth;

#define SIGNET_TYPE_COUNTER (signet_counter_get_type ())

G_DECLARE_FINAL_TYPE (SignetCounter, signet_counter, SIGNET, COUNTER, GObject)

const char               *signet_counter_get_account (SignetCounter *self);
gint64                    signet_counter_get_available (SignetCounter *self);
gint64                    signet_counter_get_used (SignetCounter *self);
gint64                    signet_counter_get_stored (SignetCounter *self);
gint64                    signet_counter_get_downloaded (SignetCounter *self);
gint64                    signet_counter_get_deleted (SignetCounter *self);
const SignetCounterMonth *signet_counter_get_history (SignetCounter *self, guint *n_months);

G_END_DECLS
