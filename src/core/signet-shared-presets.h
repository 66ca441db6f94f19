/* signet-shared-presets.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-request-spec.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_SHARED_PRESETS (signet_shared_presets_get_type ())
G_DECLARE_FINAL_TYPE (SignetSharedPresets, signet_shared_presets, SIGNET, SHARED_PRESETS, GObject)

SignetSharedPresets *signet_shared_presets_new (GFile *folder, guint interval_ms);
GFile               *signet_shared_presets_get_folder (SignetSharedPresets *self);
const char          *signet_shared_presets_get_problem (SignetSharedPresets *self);
char               **signet_shared_presets_list (SignetSharedPresets *self);
gboolean             signet_shared_presets_apply (SignetSharedPresets *self,
                                                  const char          *name,
                                                  SignetRequestSpec   *spec,
                                                  GError             **error);
void                 signet_shared_presets_check_now (SignetSharedPresets *self);

G_END_DECLS
