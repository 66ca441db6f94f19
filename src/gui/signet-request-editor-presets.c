/* signet-request-editor-presets.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-editor-private.h"
#include "signet-presets.h"
#include "signet-shared-presets.h"
#include "signet-widget-util.h"

/* The Presets menu in the editor's header: apply, save and delete the
 * presets core keeps in the "presets" setting, apply the office's presets
 * (SignetSharedPresets, read-only here), and copy the options to every
 * document. The menu follows every change of either (docs/office.md). */

/* The desk's presets, the office's, and what the menu offers with them:
 * one model, refilled whenever either changes, so that an open menu
 * follows a change too. */
struct _SignetEditorPresets
{
  GMenu               *menu;
  GMenu               *desk;
  GMenu               *office;
  GMenu               *actions;
  GMenu               *deletions;
  SignetSharedPresets *shared; /* nullable: no office folder */
};

static gboolean is_office_preset (SignetRequestEditor *self, const char *name);

static void
apply_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  const char          *name = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;

  if (self->spec == NULL || self->settings == NULL)
    return;

  if (!signet_presets_apply (self->settings, name, self->spec, &error))
    _signet_request_editor_toast (self, error->message);
}

static void
apply_office_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  const char          *name = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;

  if (self->spec == NULL || self->presets == NULL || self->presets->shared == NULL)
    return;

  if (!signet_shared_presets_apply (self->presets->shared, name, self->spec, &error))
    _signet_request_editor_toast (self, error->message);
}

static void
delete_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  const char          *name = g_variant_get_string (parameter, NULL);
  g_autofree char     *escaped = g_markup_escape_text (name, -1);
  g_autofree char     *title = NULL;

  if (self->settings == NULL || !signet_presets_delete (self->settings, name))
    return;

  /* Translators: a toast; %s is the name of a preset */
  title = g_strdup_printf (_ ("Preset “%s” deleted"), escaped);
  _signet_request_editor_toast (self, title);
}

static void
save_response_cb (AdwMessageDialog *dialog, const char *response, SignetRequestEditor *self)
{
  GtkEditable     *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0' || self->spec == NULL
      || is_office_preset (self, name))
    return;

  if (!signet_presets_save (self->settings, name, self->spec, &error))
    {
      _signet_request_editor_toast (self, error->message);
      return;
    }
  escaped = g_markup_escape_text (name, -1);
  /* Translators: a toast; %s is the name of a preset */
  title = g_strdup_printf (_ ("Preset “%s” saved"), escaped);
  _signet_request_editor_toast (self, title);
}

static void
preset_name_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  SignetRequestEditor *self = g_object_get_data (G_OBJECT (dialog), "editor");
  g_autofree char     *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean             office = self != NULL && is_office_preset (self, name);

  /* The office's presets are read-only on the desk. */
  adw_message_dialog_set_body (
    dialog, office ? _ ("The office has a preset of this name, which cannot be changed here. "
                        "Choose another name.")
                   : _ ("A preset keeps these options, except the places to sign, for "
                        "other documents."));
  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0' && !office);
}

static void
save_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  AdwMessageDialog    *dialog;
  GtkWidget           *entry;

  if (self->spec == NULL || self->settings == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _ ("Save as Preset"),
    _ ("A preset keeps these options, except the places to sign, for "
       "other documents.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Preset Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Preset Name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_add_response (dialog, "save", _ ("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "editor", g_object_ref (self), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (preset_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copies the options a preset holds to the other ready entries; each
 * keeps its own signing mode and, with several signers, its own places. */
static void
apply_to_all_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *json = NULL;
  g_autofree char *title = NULL;
  guint            n = 0;

  if (self->spec == NULL)
    return;

  json = signet_request_spec_to_json (self->spec);
  items = _signet_request_editor_ready_items (self, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;

      SignetRequestSpec *spec;
      SignetSigningMode  mode;

      if (item == self->item)
        continue;
      /* Where to sign follows what was found in each file. */
      spec = signet_request_editor_spec_for_item (self, item);
      mode = signet_request_spec_get_signing_mode (spec);
      if (!signet_request_spec_apply_json (spec, json, &error))
        {
          g_warning ("Could not copy the options: %s", error->message);
          continue;
        }
      signet_request_spec_set_signing_mode (spec, mode);
      _signet_request_editor_give_places (spec, signet_intake_item_get_inspection (item));
      n++;
    }

  title = g_strdup_printf (
    ngettext ("Options copied to %u other document", "Options copied to %u other documents", n), n);
  _signet_request_editor_toast (self, title);
  _signet_request_editor_queue_validate (self);
}

/* {{{ The menu, kept up to date */

/* How often the office's presets folder is looked at (docs/office.md);
 * opening the menu looks at once. */
#define SHARED_PRESETS_INTERVAL_MS 5000

static gboolean
is_office_preset (SignetRequestEditor *self, const char *name)
{
  g_auto (GStrv) names = NULL;

  if (self->presets == NULL || self->presets->shared == NULL)
    return FALSE;
  names = signet_shared_presets_list (self->presets->shared);
  return g_strv_contains ((const char *const *) names, name);
}

static void
update_menu (SignetRequestEditor *self)
{
  SignetEditorPresets *presets = self->presets;
  g_auto (GStrv) names = self->settings != NULL ? signet_presets_list (self->settings) : NULL;
  g_auto (GStrv) office
    = presets->shared != NULL ? signet_shared_presets_list (presets->shared) : NULL;
  gboolean has_office;

  g_menu_remove_all (presets->desk);
  g_menu_remove_all (presets->deletions);
  g_menu_remove_all (presets->office);
  g_menu_remove_all (presets->actions);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) apply = g_menu_item_new (names[i], NULL);
      g_autoptr (GMenuItem) delete = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (apply, "editor.apply-preset", "s", names[i]);
      g_menu_append_item (presets->desk, apply);
      g_menu_item_set_action_and_target (delete, "editor.delete-preset", "s", names[i]);
      g_menu_append_item (presets->deletions, delete);
    }
  /* The office's own, under their heading: applied like the desk's, never
   * changed or deleted here. */
  for (guint i = 0; office != NULL && office[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) apply = g_menu_item_new (office[i], NULL);

      g_menu_item_set_action_and_target (apply, "editor.apply-office-preset", "s", office[i]);
      g_menu_append_item (presets->office, apply);
    }

  /* The office's heading only over presets of the office. */
  has_office = office != NULL && office[0] != NULL;
  if (g_menu_model_get_n_items (G_MENU_MODEL (presets->menu)) == 0
      || has_office != (g_menu_model_get_n_items (G_MENU_MODEL (presets->menu)) == 3))
    {
      g_menu_remove_all (presets->menu);
      g_menu_append_section (presets->menu, NULL, G_MENU_MODEL (presets->desk));
      if (has_office)
        /* Translators: the heading of the office's presets in the editor's
         * Presets menu (from the office's presets folder, read-only) */
        g_menu_append_section (presets->menu, _ ("From the Office"),
                               G_MENU_MODEL (presets->office));
      g_menu_append_section (presets->menu, NULL, G_MENU_MODEL (presets->actions));
    }

  g_menu_append (presets->actions, _ ("_Save as Preset…"), "editor.save-preset");
  if (names != NULL && names[0] != NULL)
    g_menu_append_submenu (presets->actions, _ ("_Delete Preset"),
                           G_MENU_MODEL (presets->deletions));
  g_menu_append (presets->actions, _ ("_Use These Options for Every Document"),
                 "editor.apply-to-all");
}

static void
shared_problem_cb (SignetRequestEditor *self)
{
  const char      *problem = signet_shared_presets_get_problem (self->presets->shared);
  g_autofree char *escaped = NULL;

  /* Said once each time the folder cannot be read; the toast reads markup. */
  if (problem == NULL)
    return;
  escaped = g_markup_escape_text (problem, -1);
  _signet_request_editor_toast (self, escaped);
}

/* Follows the office's presets folder of the settings, or none. */
static void
follow_folder (SignetRequestEditor *self)
{
  SignetEditorPresets *presets = self->presets;
  g_autofree char     *path = g_settings_get_string (self->settings, "shared-presets-folder");
  g_autoptr (GFile) folder = NULL;

  if (presets->shared != NULL)
    {
      GFile *current = signet_shared_presets_get_folder (presets->shared);

      if (path[0] != '\0' && g_str_equal (g_file_peek_path (current), path))
        return;
      g_signal_handlers_disconnect_by_data (presets->shared, self);
      g_clear_object (&presets->shared);
    }
  if (path[0] != '\0')
    {
      folder = g_file_new_for_path (path);
      presets->shared = signet_shared_presets_new (folder, SHARED_PRESETS_INTERVAL_MS);
      g_signal_connect_object (presets->shared, "changed", G_CALLBACK (update_menu), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (presets->shared, "notify::problem", G_CALLBACK (shared_problem_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update_menu (self);
}

/* Opening the menu looks at the office's folder at once: a preset added
 * there a moment ago shows up while the menu is open. */
static void
create_preset_popup (GtkMenuButton *button, gpointer user_data)
{
  SignetRequestEditor *self = user_data;

  if (self->presets->shared != NULL)
    signet_shared_presets_check_now (self->presets->shared);
}

/**
 * _signet_request_editor_presets_follow:
 * @self: a #SignetRequestEditor whose settings were just set
 *
 * Follows the desk's presets and the office's presets folder in the
 * settings.
 */
void
_signet_request_editor_presets_follow (SignetRequestEditor *self)
{
  g_signal_connect_object (self->settings, "changed::presets", G_CALLBACK (update_menu), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::shared-presets-folder",
                           G_CALLBACK (follow_folder), self, G_CONNECT_SWAPPED);
  follow_folder (self);
}

void
_signet_request_editor_presets_dispose (SignetRequestEditor *self)
{
  SignetEditorPresets *presets = g_steal_pointer (&self->presets);

  if (presets == NULL)
    return;
  if (presets->shared != NULL)
    g_signal_handlers_disconnect_by_data (presets->shared, self);
  g_clear_object (&presets->shared);
  g_clear_object (&presets->menu);
  g_clear_object (&presets->desk);
  g_clear_object (&presets->office);
  g_clear_object (&presets->actions);
  g_clear_object (&presets->deletions);
  g_free (presets);
}

void
_signet_request_editor_presets_init (SignetRequestEditor *self)
{
  SignetEditorPresets *presets = g_new0 (SignetEditorPresets, 1);
  self->presets = presets;
  presets->menu = g_menu_new ();
  presets->desk = g_menu_new ();
  presets->office = g_menu_new ();
  presets->actions = g_menu_new ();
  presets->deletions = g_menu_new ();
  update_menu (self);
  gtk_menu_button_set_menu_model (self->preset_button, G_MENU_MODEL (presets->menu));
  gtk_menu_button_set_create_popup_func (self->preset_button, create_preset_popup, self, NULL);
}

/* }}} */

void
_signet_request_editor_class_presets_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "editor.apply-preset", "s", apply_preset_activated },
    { "editor.apply-office-preset", "s", apply_office_preset_activated },
    { "editor.delete-preset", "s", delete_preset_activated },
    { "editor.save-preset", NULL, save_preset_activated },
    { "editor.apply-to-all", NULL, apply_to_all_activated },
  };

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
