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
  gtk_widget_class_install_action (widget_class, "editor.send", NULL,
                                   _signet_request_editor_send_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   _signet_request_editor_cancel_activated);
  gtk_widget_class_install_action (widget_class, "editor.apply-preset", "s",
                                   _signet_request_editor_apply_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete-preset", "s",
                                   _signet_request_editor_delete_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.save-preset", NULL,
                                   _signet_request_editor_save_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.apply-to-all", NULL,
                                   _signet_request_editor_apply_to_all_activated);
  /* Ctrl+Return sends from anywhere in the editor. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.send", NULL);
}
