/* signet-watched-folder-group.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-watched-folder-group"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-watched-folder-group.h"
#include "signet-library-util.h"
#include "signet-presets.h"
#include "signet-watched-folder.h"

/* Preferences › Watched Folder: the folder (or Off) and the preset its
 * PDFs are sent with, kept in the settings `watched-folder` and
 * `watched-folder-preset`; the application does the watching
 * (docs/watched-folder.md). */

struct _SignetWatchedFolderGroup
{
  AdwPreferencesGroup parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GtkStringList        *presets; /* "None", then the presets by name */
  gboolean              updating;
  GtkApplication       *application; /* its watched-folder property: the watcher */
  SignetWatchedFolder  *watcher;

  AdwActionRow *folder_row;
  AdwActionRow *problem_row;
  AdwComboRow  *preset_row;
};

G_DEFINE_FINAL_TYPE (SignetWatchedFolderGroup,
                     signet_watched_folder_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
update_folder (SignetWatchedFolderGroup *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "watched-folder");
  gboolean         on = path[0] != '\0';

  if (on)
    {
      /* As the archive folder: ~/Scans. */
      g_autofree char *shown = signet_format_folder (path);

      adw_action_row_set_subtitle (self->folder_row, shown);
    }
  else
    adw_action_row_set_subtitle (self->folder_row,
                                 _ ("Off: choose a folder to send every PDF put into it"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watched-folder.stop", on);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_row), on);
}

/* {{{ The watcher's problem, from the application that runs it */

static void
update_problem (SignetWatchedFolderGroup *self)
{
  const char *problem
    = self->watcher != NULL ? signet_watched_folder_get_problem (self->watcher) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problem_row),
                                 problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_row), problem != NULL);
}

static void
watcher_changed_cb (SignetWatchedFolderGroup *self)
{
  g_autoptr (SignetWatchedFolder) watcher = NULL;

  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  /* By the property's name: the application's header would make an
   * include circle through the Preferences window. */
  if (self->application != NULL
      && g_object_class_find_property (G_OBJECT_GET_CLASS (self->application), "watched-folder"))
    g_object_get (self->application, "watched-folder", &watcher, NULL);
  if (watcher != NULL)
    {
      self->watcher = g_steal_pointer (&watcher);
      g_signal_connect_object (self->watcher, "notify::problem", G_CALLBACK (update_problem), self,
                               G_CONNECT_SWAPPED);
    }
  update_problem (self);
}

static void
set_application (SignetWatchedFolderGroup *self, GtkApplication *application)
{
  if (self->application == application)
    return;
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_set_object (&self->application, application);
  if (application != NULL)
    g_signal_connect_object (application, "notify::watched-folder", G_CALLBACK (watcher_changed_cb),
                             self, G_CONNECT_SWAPPED);
  watcher_changed_cb (self);
}

static void
mapped_cb (SignetWatchedFolderGroup *self)
{
  GtkRoot        *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = NULL;

  /* The Preferences window is transient for a window of the application. */
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
       window != NULL && application == NULL; window = gtk_window_get_transient_for (window))
    application = gtk_window_get_application (window);
  set_application (self, application);
}

/* }}} */

/* The combo lists "None" and the saved presets; a preset that was deleted
 * since it was chosen shows as None, and the watcher uses the defaults. */
static void
update_presets (SignetWatchedFolderGroup *self)
{
  g_auto (GStrv) names = signet_presets_list (self->settings);
  g_autofree char *chosen = g_settings_get_string (self->settings, "watched-folder-preset");
  guint            selected = 0;
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->presets));

  self->updating = TRUE;
  gtk_string_list_splice (self->presets, 0, n, NULL);
  gtk_string_list_append (self->presets, C_ ("preset", "None"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gtk_string_list_append (self->presets, names[i]);
      if (g_str_equal (names[i], chosen))
        selected = i + 1;
    }
  adw_combo_row_set_selected (self->preset_row, selected);
  self->updating = FALSE;
}

static void
preset_selected_cb (SignetWatchedFolderGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->preset_row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_settings_set_string (self->settings, "watched-folder-preset",
                         selected == 0 ? "" : gtk_string_list_get_string (self->presets, selected));
}

static void
chooser_response_cb (SignetWatchedFolderGroup *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Inside Flatpak a /run/user/…/doc/ path, granted for good by the portal. */
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    g_settings_set_string (self->settings, "watched-folder", g_file_peek_path (folder));
  g_clear_object (&self->chooser);
}

static void
choose_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWatchedFolderGroup *self = SIGNET_WATCHED_FOLDER_GROUP (widget);
  GtkRoot                  *root = gtk_widget_get_root (widget);
  g_autofree char          *current = g_settings_get_string (self->settings, "watched-folder");

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
    _ ("Choose the Watched Folder"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (current[0] != '\0')
    {
      g_autoptr (GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
stop_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWatchedFolderGroup *self = SIGNET_WATCHED_FOLDER_GROUP (widget);

  g_settings_set_string (self->settings, "watched-folder", "");
}

/**
 * signet_watched_folder_group_set_settings:
 * @self: a #SignetWatchedFolderGroup
 * @settings: the application's settings
 *
 * Shows and edits the watched folder of @settings; call once.
 */
void
signet_watched_folder_group_set_settings (SignetWatchedFolderGroup *self, GSettings *settings)
{
  g_return_if_fail (SIGNET_IS_WATCHED_FOLDER_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::watched-folder", G_CALLBACK (update_folder), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::watched-folder-preset", G_CALLBACK (update_presets),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::presets", G_CALLBACK (update_presets), self,
                           G_CONNECT_SWAPPED);
  update_folder (self);
  update_presets (self);
}

static void
signet_watched_folder_group_dispose (GObject *object)
{
  SignetWatchedFolderGroup *self = SIGNET_WATCHED_FOLDER_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIGNET_TYPE_WATCHED_FOLDER_GROUP);

  G_OBJECT_CLASS (signet_watched_folder_group_parent_class)->dispose (object);
}

static void
signet_watched_folder_group_finalize (GObject *object)
{
  SignetWatchedFolderGroup *self = SIGNET_WATCHED_FOLDER_GROUP (object);

  g_clear_object (&self->presets);

  G_OBJECT_CLASS (signet_watched_folder_group_parent_class)->finalize (object);
}

static void
signet_watched_folder_group_class_init (SignetWatchedFolderGroupClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_watched_folder_group_dispose;
  object_class->finalize = signet_watched_folder_group_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/signetapp/Signet/signet-watched-folder-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetWatchedFolderGroup, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SignetWatchedFolderGroup, preset_row);
  gtk_widget_class_bind_template_child (widget_class, SignetWatchedFolderGroup, problem_row);
  gtk_widget_class_install_action (widget_class, "watched-folder.choose", NULL, choose_activated);
  gtk_widget_class_install_action (widget_class, "watched-folder.stop", NULL, stop_activated);
}

static void
signet_watched_folder_group_init (SignetWatchedFolderGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->presets = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (self->presets));
  g_signal_connect_object (self->preset_row, "notify::selected", G_CALLBACK (preset_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watched-folder.stop", FALSE);
  /* Shown, its window is transient for one of the application's. */
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}
