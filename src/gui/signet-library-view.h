/* signet-library-view.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-deletions.h"
#include "signet-journal.h"
#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_LIBRARY_VIEW (signet_library_view_get_type ())

G_DECLARE_FINAL_TYPE (SignetLibraryView, signet_library_view, SIGNET, LIBRARY_VIEW, AdwBin)

GtkWidget  *signet_library_view_new (void);
void        signet_library_view_set_journal (SignetLibraryView *self, SignetJournal *journal);
void        signet_library_view_set_sync (SignetLibraryView *self, SignetSync *sync);
void        signet_library_view_set_deletions (SignetLibraryView *self, SignetDeletions *deletions);
void        signet_library_view_set_search (SignetLibraryView *self, const char *text);
guint       signet_library_view_get_n_shown (SignetLibraryView *self);
void        signet_library_view_show_document (SignetLibraryView *self, gint64 journal_id);
gboolean    signet_library_view_focus_list (SignetLibraryView *self);
void        signet_library_view_add_panes (SignetLibraryView *self, GPtrArray *panes);
void        signet_library_view_go_back (SignetLibraryView *self);
gboolean    signet_library_view_get_can_go_back (SignetLibraryView *self);
const char *signet_library_view_get_pane_title (SignetLibraryView *self);

G_END_DECLS
