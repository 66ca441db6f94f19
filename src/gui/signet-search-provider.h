/* signet-search-provider.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-journal.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_SEARCH_PROVIDER (signet_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (SignetSearchProvider,
                      signet_search_provider,
                      SIGNET,
                      SEARCH_PROVIDER,
                      GObject)

SignetSearchProvider *signet_search_provider_new (GApplication *application);
gboolean              signet_search_provider_register (SignetSearchProvider *self,
                                                       GDBusConnection      *connection,
                                                       const char           *object_path,
                                                       GError              **error);
void                  signet_search_provider_unregister (SignetSearchProvider *self);
void       signet_search_provider_set_journal (SignetSearchProvider *self, SignetJournal *journal);
GPtrArray *signet_search_provider_search (SignetSearchProvider *self, const char *const *terms);

G_END_DECLS
