/* signet-window-focus.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include "signet-window-private.h"

/* Where the keyboard focus goes when the window changes pages, and F6
 * between the panes (docs/keyboard.md). */

/**
 * _signet_window_focus:
 * @self: a #SignetWindow
 * @widget: the control the person needs next
 *
 * Moves the keyboard focus to @widget after a page change. The ring shows
 * when the change came from a key, as GTK shows it after Tab.
 */
void
_signet_window_focus (SignetWindow *self, GtkWidget *widget)
{
  if (widget == NULL || !gtk_widget_grab_focus (widget))
    return;
  if (self->keyboard_used)
    gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
}

/* Remembers whether a key or a pointer was pressed last. */
static gboolean
input_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, SignetWindow *self)
{
  switch (gdk_event_get_event_type (event))
    {
      case GDK_KEY_PRESS:
        self->keyboard_used = TRUE;
        break;

      case GDK_BUTTON_PRESS:
      case GDK_TOUCH_BEGIN:
        self->keyboard_used = FALSE;
        break;

      default:
        break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Where the focus goes on the main page shown: the Open button of the
 * empty state, the list of sent documents, or the queue. */
void
_signet_window_focus_main_page (SignetWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "empty") == 0)
    _signet_window_focus (self, self->empty_open_button);
  else if (g_strcmp0 (page, "library") == 0)
    {
      if (signet_library_view_focus_list (self->library_view) && self->keyboard_used)
        gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
    }
  else if (g_strcmp0 (page, "queue") == 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue_list);

      if (row == NULL)
        row = gtk_list_box_get_row_at_index (self->queue_list, 0);
      _signet_window_focus (self, row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->queue_list));
    }
}

/* The panes F6 moves between, in order, as far as they are on screen. */
static GPtrArray *
shown_panes (SignetWindow *self)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  GPtrArray  *panes = g_ptr_array_new ();
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (self->onboarding != NULL)
    return panes;

  if (g_strcmp0 (page, "queue") == 0)
    {
      g_ptr_array_add (all, self->queue_list);
      g_ptr_array_add (all, self->content_stack);
      if (self->request_editor != NULL)
        g_ptr_array_add (all, self->request_editor);
    }
  else if (g_strcmp0 (page, "library") == 0)
    signet_library_view_add_panes (self->library_view, all);
  else
    g_ptr_array_add (all, gtk_stack_get_visible_child (self->main_stack));

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (panes, g_ptr_array_index (all, i));
  return panes;
}

/**
 * _signet_window_move_to_pane:
 * @self: a #SignetWindow
 * @forward: whether to go to the next pane, else to the previous one
 *
 * Moves the focus into the next (or previous) pane on screen, wrapping
 * around, as F6 does in GNOME applications: the queue, the preview and the
 * editor; the states, the list and the detail of the sent documents.
 */
void
_signet_window_move_to_pane (SignetWindow *self, gboolean forward)
{
  g_autoptr (GPtrArray) panes = shown_panes (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int        current = -1;
  int        n = (int) panes->len;

  for (int i = 0; i < n && focus != NULL; i++)
    {
      GtkWidget *pane = g_ptr_array_index (panes, i);

      if (focus == pane || gtk_widget_is_ancestor (focus, pane))
        current = i;
    }

  /* A pane with nothing to focus (a status page) is passed over. */
  for (int step = 1; step <= n; step++)
    {
      int        next;
      GtkWidget *pane;

      if (current < 0)
        next = forward ? step - 1 : n - step;
      else
        next = ((forward ? current + step : current - step) % n + n) % n;
      pane = g_ptr_array_index (panes, next);
      if (next != current && gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        {
          gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
          return;
        }
    }
}

/**
 * _signet_window_focus_init:
 * @self: a #SignetWindow
 *
 * Follows whether a key or a pointer was pressed last, for
 * _signet_window_focus().
 */
void
_signet_window_focus_init (SignetWindow *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);
}
