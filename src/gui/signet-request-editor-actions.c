/* signet-request-editor-actions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include "signet-request-editor-private.h"

/* The editor's widget actions ("editor.*"): the Send and Cancel buttons
 * (-send.c), Ctrl+Return, and the items of the Presets menu (-presets.c). */

void
_signet_request_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  _signet_request_editor_class_send_init (widget_class);
  _signet_request_editor_class_presets_init (widget_class);
  /* Ctrl+Return sends from anywhere in the editor. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.send", NULL);
}
