/* signet-widget-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * SignetWidgetAction:
 * @name: the action's name, such as "library.open"
 * @parameter_type: (nullable): its parameter's #GVariant type string
 * @activate: called when it is activated
 *
 * One widget action, as gtk_widget_class_install_action() takes it; a
 * class lists its actions in a table, as with #GActionEntry.
 */
typedef struct
{
  const char                 *name;
  const char                 *parameter_type;
  GtkWidgetActionActivateFunc activate;
} SignetWidgetAction;

void signet_widget_class_install_actions (GtkWidgetClass           *widget_class,
                                          const SignetWidgetAction *actions,
                                          gsize                     n_actions);
/**
 * SignetPropertyGetter:
 * @object: the instance
 * @value: where to put the property's value
 *
 * Computes a property's value that no field holds.
 */
typedef void (*SignetPropertyGetter) (GObject *object, GValue *value);

GParamSpec *signet_param_spec_field (GParamSpec *pspec, gsize offset, GCallback set);
GParamSpec *
signet_param_spec_given (const char *name, GType type, GParamFlags access, gsize offset);
GParamSpec *signet_param_spec_settable (const char *name, GType type, gsize offset, GCallback set);
GParamSpec *signet_param_spec_computed (GParamSpec *pspec, SignetPropertyGetter get);
void        signet_object_class_install_fields (GObjectClass *object_class,
                                                guint         n_pspecs,
                                                GParamSpec  **pspecs);
GParamSpec *signet_widget_class_install_model (GObjectClass *object_class,
                                               const char   *name,
                                               GType         type,
                                               gsize         offset);
guint       signet_widget_class_new_remove_signal (GObjectClass *object_class);
gboolean    signet_set_followed (gpointer slot, gpointer object, gpointer data);
void        signet_widget_unparent_children (GtkWidget *widget);
void        signet_name_icon_buttons (GtkWidget *widget);
void        signet_status_pages_skip_tab (GtkWidget *widget);
void        signet_name_mnemonic_buttons_once (void);
void        signet_name_label_buttons (GtkWidget *widget);

G_END_DECLS
