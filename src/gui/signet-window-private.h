/* signet-window-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-handover-page.h"
#include "signet-library-view.h"
#include "signet-pdf-view.h"
#include "signet-request-editor.h"
#include "signet-window.h"

G_BEGIN_DECLS

/* Shared by signet-window.c and signet-window-actions.c. */
struct _SignetWindow
{
  AdwApplicationWindow parent_instance;

  GSettings       *settings;
  SignetAccount   *account;
  SignetSync      *sync;
  SignetDeletions *deletions;
  GtkWidget       *documents; /* the content while the onboarding is shown */
  GtkWidget       *onboarding;

  GtkInfoBar *keyring_notice;
  GtkInfoBar *journal_notice;
  GtkLabel   *journal_label;

  SignetIntakeQueue    *queue;
  GQueue                pending;
  guint                 pending_id;
  gboolean              select_next;
  gboolean              selecting_quietly;
  SignetIntakeItem     *shown_item;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GFile                *state_file; /* where the queue is kept, if here */
  GPtrArray            *restored;   /* the entries the last run left */

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *header_bar;
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *open_button;
  GtkStack            *main_stack;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_open_button;
  AdwLeaflet          *leaflet;
  GtkListBox          *queue_list;
  GtkWidget           *content_box;
  GtkWidget           *editor_toggle;
  guint                reveal_id;
  GtkStack            *content_stack;
  SignetRequestEditor *request_editor;
  GtkSpinner          *checking_spinner;
  SignetPdfView       *pdf_view;
  AdwStatusPage       *failed_page;
  AdwStatusPage       *converted_page;
  GtkWidget           *drop_highlight;

  SignetHandoverPage *handover_page;

  /* The library (docs/library.md): shown unless files wait to be sent
   * and the person is looking at them. */
  SignetLibraryView *library_view;
  GtkWidget         *library_button;
  GtkWidget         *queue_button;
  GListModel        *documents_model;
  gboolean           showing_queue;
  /* Until the journal is loaded (after the first frame) or failed, the
   * main page is blank rather than a wrong "No Documents Yet". */
  gboolean journal_ready;

  /* Whether the last press was a key's: focus moved for the person then
   * shows its ring (docs/keyboard.md). */
  gboolean keyboard_used;
};

void _signet_window_class_actions_init (GtkWidgetClass *widget_class);
void _signet_window_class_office_init (GtkWidgetClass *widget_class);
void _signet_window_open_file_list (SignetWindow *self, GSList *files);
void _signet_window_toast (SignetWindow *self, const char *title);
void _signet_window_show_main (SignetWindow *self, gboolean queue);
void _signet_window_ensure_editor (SignetWindow *self);

/* signet-window-resend.c */
void _signet_window_send_again (SignetWindow *self, gint64 journal_id);
void _signet_window_show_handover (SignetWindow *self, GListModel *documents);
void _signet_window_show_onboarding (SignetWindow *self, gboolean can_cancel);
void _signet_window_remove_item (SignetWindow *self, SignetIntakeItem *item);
void _signet_window_focus_init (SignetWindow *self);
void _signet_window_focus (SignetWindow *self, GtkWidget *widget);
void _signet_window_focus_main_page (SignetWindow *self);
void _signet_window_move_to_pane (SignetWindow *self, gboolean forward);

G_END_DECLS
