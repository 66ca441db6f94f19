/* signet-library-view-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-document-page.h"
#include "signet-document-row.h"
#include "signet-library-view.h"

G_BEGIN_DECLS

/* Shared by signet-library-view.c and signet-library-view-actions.c. */
struct _SignetLibraryView
{
  AdwBin parent_instance;

  SignetJournal   *journal;
  SignetSync      *sync;
  SignetTracker   *tracker;
  SignetDeletions *deletions;

  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *single;
  GtkMultiSelection  *multi;
  gboolean            selecting;

  SignetLibraryGroup    group;
  char                 *query; /* folded */
  char                 *environment;
  gint64                since; /* Unix ms, 0 for any time */
  guint                 refresh_id;
  guint                 counts[SIGNET_LIBRARY_N_GROUPS];
  GHashTable           *counted;   /* SignetDocument → its groups as counted, + 1 (not ref'd) */
  gboolean              recount;   /* counts wait for a pass over every document */
  GArray               *toast_ids; /* deletion ids whose toast is on screen */
  GtkWidget            *group_rows[SIGNET_LIBRARY_N_GROUPS];
  GtkWidget            *count_labels[SIGNET_LIBRARY_N_GROUPS];
  gboolean              disposed;
  gboolean              folded;
  gboolean              can_go_back;
  GCancellable         *cancellable; /* the view's work, cancelled in dispose */
  GtkFileChooserNative *chooser;
  GPtrArray            *chooser_documents;
  GtkWidget            *presenter; /* weak: the shown document's presenter mode */

  GtkInfoBar         *offline_bar;
  GtkInfoBar         *account_bar;
  GtkLabel           *account_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkListBox         *group_list;
  GtkWidget          *list_pane;
  GtkSearchEntry     *search_entry;
  GtkWidget          *select_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkActionBar       *selection_bar;
  GtkLabel           *selection_label;
  GtkWidget          *selection_buttons[3];
  GtkWidget          *detail_pane;
  SignetDocumentPage *document_page;
  GtkDropDown        *date_dropdown;
  GtkDropDown        *environment_dropdown;
  GtkDropDown        *sort_dropdown;
};

void _signet_library_view_class_actions_init (GtkWidgetClass *widget_class);
void _signet_library_view_toast (SignetLibraryView *self, const char *title);
void _signet_library_view_selected_cb (SignetLibraryView *self);
void _signet_library_view_multi_changed_cb (SignetLibraryView *self);
void _signet_library_view_update_selection_buttons (SignetLibraryView *self);
void _signet_library_view_deletion_failed_cb (SignetDeletions   *deletions,
                                              SignetDocument    *document,
                                              GError            *error,
                                              SignetLibraryView *self);

G_END_DECLS
