/* signet-office-group.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-library-util.h"
#include "signet-office-group.h"
#include "signet-widget-util.h"

/**
 * SignetOfficeGroup:
 *
 * The "Office" group of Preferences: the office's presets folder, a folder
 * every desk reads (often a network folder) whose presets the request
 * editor offers as the office's, read-only (docs/office.md). Off until a
 * folder is chosen; the "shared-presets-folder" setting holds it.
 */
struct _SignetOfficeGroup
{
  AdwPreferencesGroup parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwActionRow *folder_row;
  GtkWidget    *clear_button;
};

G_DEFINE_FINAL_TYPE (SignetOfficeGroup, signet_office_group, ADW_TYPE_PREFERENCES_GROUP)

static void
update_folder (SignetOfficeGroup *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "shared-presets-folder");
  g_autofree char *shown = folder[0] != '\0' ? signet_format_folder (folder) : NULL;

  adw_action_row_set_subtitle (self->folder_row, shown != NULL ? shown : _ ("Off"));
  gtk_widget_set_visible (self->clear_button, shown != NULL);
}

static void
chooser_response_cb (SignetOfficeGroup *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && g_file_peek_path (folder) != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "shared-presets-folder", g_file_peek_path (folder));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
choose_folder_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOfficeGroup *self = SIGNET_OFFICE_GROUP (widget);
  g_autofree char   *current = NULL;
  g_autoptr (GFile) folder = NULL;

  if (self->chooser != NULL || self->settings == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (
    _ ("Choose the Office’s Presets Folder"), GTK_WINDOW (gtk_widget_get_root (widget)),
    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  current = g_settings_get_string (self->settings, "shared-presets-folder");
  folder = current[0] != '\0' ? g_file_new_for_path (current) : NULL;
  if (folder != NULL && g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
stop_using_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOfficeGroup *self = SIGNET_OFFICE_GROUP (widget);

  if (self->settings != NULL)
    g_settings_reset (self->settings, "shared-presets-folder");
}

/**
 * signet_office_group_set_settings:
 * @self: a #SignetOfficeGroup
 * @settings: the application's settings
 *
 * Shows and changes the office's presets folder of @settings.
 */
void
signet_office_group_set_settings (SignetOfficeGroup *self, GSettings *settings)
{
  g_return_if_fail (SIGNET_IS_OFFICE_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::shared-presets-folder", G_CALLBACK (update_folder),
                           self, G_CONNECT_SWAPPED);
  update_folder (self);
}

static void
signet_office_group_dispose (GObject *object)
{
  SignetOfficeGroup *self = SIGNET_OFFICE_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_OFFICE_GROUP);

  G_OBJECT_CLASS (signet_office_group_parent_class)->dispose (object);
}

static void
signet_office_group_class_init (SignetOfficeGroupClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "office.choose-folder", NULL, choose_folder_activated },
    { "office.stop-using-folder", NULL, stop_using_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_office_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-office-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetOfficeGroup, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SignetOfficeGroup, clear_button);
  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
signet_office_group_init (SignetOfficeGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
