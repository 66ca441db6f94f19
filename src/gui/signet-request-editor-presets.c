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
#include "signet-widget-util.h"

/* The Presets menu in the editor's header: apply, save and delete the
 * presets core keeps in the "presets" setting, and copy the options to
 * every document. The menu is built each time it opens. */

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

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0' || self->spec == NULL)
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
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
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

static GMenuModel *
build_preset_menu (SignetRequestEditor *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) presets = g_menu_new ();
  g_autoptr (GMenu) actions = g_menu_new ();
  g_autoptr (GMenu) deletions = g_menu_new ();
  g_auto (GStrv) names = self->settings != NULL ? signet_presets_list (self->settings) : NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) apply = g_menu_item_new (names[i], NULL);
      g_autoptr (GMenuItem) delete = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (apply, "editor.apply-preset", "s", names[i]);
      g_menu_append_item (presets, apply);
      g_menu_item_set_action_and_target (delete, "editor.delete-preset", "s", names[i]);
      g_menu_append_item (deletions, delete);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (presets));
  g_menu_append (actions, _ ("_Save as Preset…"), "editor.save-preset");
  if (names != NULL && names[0] != NULL)
    g_menu_append_submenu (actions, _ ("_Delete Preset"), G_MENU_MODEL (deletions));
  g_menu_append (actions, _ ("_Use These Options for Every Document"), "editor.apply-to-all");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  return G_MENU_MODEL (menu);
}

static void
create_preset_popup (GtkMenuButton *button, gpointer user_data)
{
  SignetRequestEditor *self = user_data;
  g_autoptr (GMenuModel) menu = build_preset_menu (self);

  gtk_menu_button_set_menu_model (button, menu);
}

void
_signet_request_editor_presets_init (SignetRequestEditor *self)
{
  gtk_menu_button_set_create_popup_func (self->preset_button, create_preset_popup, self, NULL);
}

void
_signet_request_editor_class_presets_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "editor.apply-preset", "s", apply_preset_activated },
    { "editor.delete-preset", "s", delete_preset_activated },
    { "editor.save-preset", NULL, save_preset_activated },
    { "editor.apply-to-all", NULL, apply_to_all_activated },
  };

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
