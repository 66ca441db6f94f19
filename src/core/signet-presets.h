/* signet-presets.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-request-spec.h"

G_BEGIN_DECLS

/* Presets: everything but the parts that belong to one file. */
char              *signet_request_spec_to_json (SignetRequestSpec *self);
SignetRequestSpec *signet_request_spec_new_from_json (const char *json, GError **error);
gboolean signet_request_spec_apply_json (SignetRequestSpec *self, const char *json, GError **error);

char   **signet_presets_list (GSettings *settings);
gboolean signet_presets_save (GSettings         *settings,
                              const char        *name,
                              SignetRequestSpec *spec,
                              GError           **error);
gboolean signet_presets_delete (GSettings *settings, const char *name);
gboolean signet_presets_apply (GSettings         *settings,
                               const char        *name,
                               SignetRequestSpec *spec,
                               GError           **error);

G_END_DECLS
