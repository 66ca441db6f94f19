/* signet-request-editor-actions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include "signet-request-editor-private.h"
#include "signet-widget-util.h"

/* The editor's widget actions ("editor.*"): the Send and Cancel buttons
 * (-send.c), Ctrl+Return, and the items of the Presets menu (-presets.c). */

void
_signet_request_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "editor.send", NULL, _signet_request_editor_send_activated },
    { "editor.cancel", NULL, _signet_request_editor_cancel_activated },
    { "editor.apply-preset", "s", _signet_request_editor_apply_preset_activated },
    { "editor.delete-preset", "s", _signet_request_editor_delete_preset_activated },
    { "editor.save-preset", NULL, _signet_request_editor_save_preset_activated },
    { "editor.apply-to-all", NULL, _signet_request_editor_apply_to_all_activated },
  };
  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
  /* Ctrl+Return sends from anywhere in the editor. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.send", NULL);
}
