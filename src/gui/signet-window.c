/* signet-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include "signet-window.h"

struct _SignetWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (SignetWindow, signet_window, ADW_TYPE_APPLICATION_WINDOW)

static void
signet_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_WINDOW);

  G_OBJECT_CLASS (signet_window_parent_class)->dispose (object);
}

static void
signet_window_class_init (SignetWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, empty_page);
}

static void
signet_window_init (SignetWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * signet_window_new:
 * @application: the #SignetApplication
 *
 * Creates a main window of @application.
 *
 * Returns: (transfer none): a new #SignetWindow, owned by its application
 */
SignetWindow *
signet_window_new (SignetApplication *application)
{
  SignetWindow *self;
  GSettings    *settings;

  g_return_val_if_fail (SIGNET_IS_APPLICATION (application), NULL);

  self = g_object_new (SIGNET_TYPE_WINDOW, "application", application, NULL);

  /* The size of the last window is the size of the next one. */
  settings = signet_application_get_settings (application);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  return self;
}
