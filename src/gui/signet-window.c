/* signet-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include "signet-onboarding.h"
#include "signet-window.h"

struct _SignetWindow
{
  AdwApplicationWindow parent_instance;

  SignetAccount *account;
  GtkWidget     *documents; /* the content while the onboarding is shown */
  GtkWidget     *onboarding;

  AdwStatusPage *empty_page;
  GtkInfoBar    *keyring_notice;
};

G_DEFINE_FINAL_TYPE (SignetWindow, signet_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_documents (SignetWindow *self)
{
  if (self->onboarding == NULL)
    return;

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->documents);
  g_clear_object (&self->documents);
  self->onboarding = NULL;
}

/* The onboarding takes the window's place until an account works. */
static void
show_onboarding (SignetWindow *self, gboolean can_cancel)
{
  if (self->onboarding != NULL)
    return;

  self->documents
    = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  self->onboarding = signet_onboarding_new (self->account, can_cancel);
  g_signal_connect_object (self->onboarding, "finished", G_CALLBACK (show_documents), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->onboarding, "cancelled", G_CALLBACK (show_documents), self,
                           G_CONNECT_SWAPPED);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->onboarding);
}

static void
account_changed_cb (SignetWindow *self)
{
  if (signet_account_get_environment (self->account) == SIGNET_ENVIRONMENT_NONE)
    show_onboarding (self, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_notice),
                          !signet_account_get_keyring_usable (self->account));
}

static void
change_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);

  show_onboarding (self, signet_account_get_environment (self->account) != SIGNET_ENVIRONMENT_NONE);
}

static void
signet_window_dispose (GObject *object)
{
  SignetWindow *self = SIGNET_WINDOW (object);

  g_clear_object (&self->documents);
  g_clear_object (&self->account);
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
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, keyring_notice);

  gtk_widget_class_install_action (widget_class, "win.change-account", NULL,
                                   change_account_activated);
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

  self->account = g_object_ref (signet_application_get_account (application));
  g_signal_connect_object (self->account, "notify::environment", G_CALLBACK (account_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::keyring-usable", G_CALLBACK (account_changed_cb),
                           self, G_CONNECT_SWAPPED);
  account_changed_cb (self);

  return self;
}
