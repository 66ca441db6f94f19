/* signet-window-office.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-office-file.h"
#include "signet-presets.h"
#include "signet-window-private.h"
#include "signet-widget-util.h"

/* The primary menu's files an office shares (docs/office.md): "Import
 * Presets…", "Export Presets…" and "Export Office Settings…". Files are
 * chosen with GtkFileChooserNative (the portal inside Flatpak) and read
 * and written asynchronously; the core in signet-office-file.c decides
 * what goes in and what is left out, and never writes a key. */

/* The window's chooser of these files, while one is open. */
#define CHOOSER_KEY "signet-office-chooser"

static void
destroy_chooser (gpointer chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileChooser *
new_chooser (SignetWindow *self, const char *title, GtkFileChooserAction action, const char *accept)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Signet Presets and Settings"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Kept until it answers; a hidden dialog is destroyed, never kept (see
   * signet-window-actions.c). */
  g_object_set_data_full (G_OBJECT (self), CHOOSER_KEY, chooser, destroy_chooser);
  return GTK_FILE_CHOOSER (chooser);
}

static gboolean
chooser_open (SignetWindow *self)
{
  return g_object_get_data (G_OBJECT (self), CHOOSER_KEY) != NULL;
}

/* The chosen file, and the chooser gone. */
static GFile *
chosen_file (SignetWindow *self, GtkNativeDialog *chooser, int response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (self), CHOOSER_KEY, NULL);
  return file;
}

/* {{{ Export */

typedef struct
{
  SignetWindow *self;
  char         *done; /* the toast when written */
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_free (export->done);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Export) export = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      _signet_window_toast (export->self, export->done);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  basename = g_file_get_basename (G_FILE (source));
  name = g_markup_escape_text (basename, -1);
  reason = g_markup_escape_text (error->message, -1);
  /* Translators: a toast; %s is a file, then why it could not be written */
  title = g_strdup_printf (_ ("“%s” could not be saved: %s"), name, reason);
  _signet_window_toast (export->self, title);
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, SignetWindow *self)
{
  g_autoptr (GFile) file = NULL;
  gboolean         settings = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "settings"));
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  Export *export;
  gsize n_presets;
  gsize length;

  g_object_ref (chooser);
  file = chosen_file (self, chooser, response);
  g_object_unref (chooser);
  if (file == NULL || self->settings == NULL)
    return;

  contents = settings ? signet_office_settings_export (self->settings)
                      : signet_presets_export (self->settings, NULL);
  basename = g_file_get_basename (file);
  escaped = g_markup_escape_text (basename, -1);
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  if (settings)
    /* Translators: a toast; %s is a file */
    export->done
      = g_strdup_printf (_ ("Office settings saved in “%s”, without the API key"), escaped);
  else
    {
      g_autoptr (GVariant) presets = g_settings_get_value (self->settings, "presets");

      n_presets = g_variant_n_children (presets);
      /* Translators: a toast; %u is a number, %s a file */
      export->done = g_strdup_printf (
        ngettext ("%u preset saved in “%s”", "%u presets saved in “%s”", n_presets),
        (guint) n_presets, escaped);
    }
  length = strlen (contents);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, written_cb, export);
}

static void
export_activated (SignetWindow *self, gboolean settings)
{
  GtkFileChooser *chooser;

  if (chooser_open (self) || self->settings == NULL)
    return;

  if (settings)
    {
      chooser = new_chooser (self, _ ("Export Office Settings"), GTK_FILE_CHOOSER_ACTION_SAVE,
                             _ ("_Export"));
      /* Translators: the name suggested for the file of "Export Office Settings…" */
      gtk_file_chooser_set_current_name (chooser, _ ("Office Settings.json"));
    }
  else
    {
      chooser
        = new_chooser (self, _ ("Export Presets"), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"));
      /* Translators: the name suggested for the file of "Export Presets…" */
      gtk_file_chooser_set_current_name (chooser, _ ("Presets.json"));
    }
  g_object_set_data (G_OBJECT (chooser), "settings", GINT_TO_POINTER (settings));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_presets_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);
  g_auto (GStrv) names = NULL;

  if (self->settings == NULL)
    return;
  names = signet_presets_list (self->settings);
  if (names[0] == NULL)
    {
      _signet_window_toast (self, _ ("There are no presets to export yet. Save one with "
                                     "“Save as Preset…” in the editor’s Presets menu."));
      return;
    }
  export_activated (self, FALSE);
}

static void
export_settings_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export_activated (SIGNET_WINDOW (widget), TRUE);
}

/* }}} */
/* {{{ Import */

/* One import: the file read, then a question for each preset this desk
 * already has, then the presets saved. */
typedef struct
{
  SignetWindow     *self;
  SignetOfficeFile *file;
  char            **conflicts;
  guint             next; /* the conflict asked about */
  guint             kept;
} Import;

static void
import_free (Import *import)
{
  g_object_unref (import->self);
  g_clear_pointer (&import->file, signet_office_file_free);
  g_strfreev (import->conflicts);
  g_free (import);
}

static void
import_finish (Import *import)
{
  SignetWindow      *self = import->self;
  guint              saved = signet_office_file_apply (import->file, self->settings, TRUE);
  const char *const *warnings = signet_office_file_get_warnings (import->file);
  guint              n_warnings = g_strv_length ((char **) warnings);
  g_autofree char   *imported = NULL;
  g_autofree char   *kept = NULL;
  g_autofree char   *left_out = NULL;
  g_autofree char   *title = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  AdwToast *toast;

  imported = g_strdup_printf (ngettext ("%u preset imported", "%u presets imported", saved), saved);
  if (import->kept > 0)
    kept = g_strdup_printf (ngettext ("%u kept as it was", "%u kept as they were", import->kept),
                            import->kept);
  if (n_warnings > 0)
    left_out = g_strdup_printf (ngettext ("%u thing left out", "%u things left out", n_warnings),
                                n_warnings);
  parts = g_ptr_array_new ();
  g_ptr_array_add (parts, imported);
  if (kept != NULL)
    g_ptr_array_add (parts, kept);
  if (left_out != NULL)
    g_ptr_array_add (parts, left_out);
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of the toast after an import are joined by this */
  title = g_strjoinv (_ ("; "), (char **) parts->pdata);
  toast = adw_toast_new (title);
  if (n_warnings > 0)
    {
      g_autofree char *details = g_strjoinv ("\n\n", (char **) warnings);

      /* What was left out, a key above all, is one click away. */
      adw_toast_set_button_label (toast, _ ("_Details"));
      adw_toast_set_action_name (toast, "win.show-import-details");
      adw_toast_set_action_target_value (toast, g_variant_new_string (details));
      adw_toast_set_timeout (toast, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  import_free (import);
}

static void ask_next (Import *import);

static void
replace_response_cb (AdwMessageDialog *dialog, const char *response, Import *import)
{
  if (!g_str_equal (response, "replace"))
    {
      signet_office_file_remove_preset (import->file, import->conflicts[import->next]);
      import->kept++;
    }
  import->next++;
  ask_next (import);
}

/* Asks about each preset this desk already has, one after another. */
static void
ask_next (Import *import)
{
  const char      *name = import->conflicts[import->next];
  g_autofree char *escaped = NULL;
  GtkWidget       *dialog;

  if (name == NULL)
    {
      import_finish (import);
      return;
    }
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is the name of a preset */
  dialog = adw_message_dialog_new (GTK_WINDOW (import->self), _ ("Replace Preset?"), NULL);
  adw_message_dialog_format_body_markup (
    ADW_MESSAGE_DIALOG (dialog),
    _ ("This desk already has a preset called “%s”. Replace it with the one in the file?"),
    escaped);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep", _ ("_Keep Mine"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "replace", _ ("_Replace"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), import);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char  *contents = NULL;
  gsize             length = 0;
  Import           *import;
  SignetOfficeFile *file = NULL;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    file = signet_office_file_parse (contents, length, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (file == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* The toast reads markup. */
      _signet_window_toast (self, escaped);
      return;
    }

  /* "Import Presets…" takes the presets of an office's settings file too,
   * never its settings: those are for a new desk's first start. */
  signet_office_file_drop_settings (file);
  import = g_new0 (Import, 1);
  import->self = g_steal_pointer (&self);
  import->file = file;
  import->conflicts = signet_office_file_list_conflicts (file, import->self->settings);
  ask_next (import);
}

static void
import_response_cb (GtkNativeDialog *chooser, int response, SignetWindow *self)
{
  g_autoptr (GFile) file = NULL;

  g_object_ref (chooser);
  file = chosen_file (self, chooser, response);
  g_object_unref (chooser);
  if (file != NULL && self->settings != NULL)
    g_file_load_contents_async (file, self->cancellable, import_read_cb, g_object_ref (self));
}

static void
import_presets_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow   *self = SIGNET_WINDOW (widget);
  GtkFileChooser *chooser;

  if (chooser_open (self) || self->settings == NULL)
    return;
  chooser = new_chooser (self, _ ("Import Presets"), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.show-import-details(s): what an import left out, and why. */
static void
show_import_details_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (widget), _ ("Left Out of the Import"),
                                              g_variant_get_string (parameter, NULL));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

void
_signet_window_class_office_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "win.import-presets", NULL, import_presets_activated },
    { "win.export-presets", NULL, export_presets_activated },
    { "win.export-office-settings", NULL, export_settings_activated },
    { "win.show-import-details", "s", show_import_details_activated },
  };

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
