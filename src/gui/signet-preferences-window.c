/* signet-preferences-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-preferences-window.h"
#include "signet-archive.h"
#include "signet-form-util.h"
#include "signet-library-util.h"
#include "signet-office-group.h"
#include "signet-request-spec.h"
#include "signet-sync.h"
#include "signet-watched-folder-group.h"
#include "signet-widget-util.h"

struct _SignetPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  SignetAccount *account;
  SignetSync    *sync; /* for "Reset Sandbox…"; NULL hides it */
  GSettings     *settings;
  GCancellable  *cancellable; /* the window's work, cancelled in dispose */
  gboolean       checking;    /* a check of the connection runs */

  AdwActionRow  *environment_row;
  AdwActionRow  *key_row;
  AdwActionRow  *counter_row;
  AdwActionRow  *reset_sandbox_row;
  GtkSpinner    *spinner;
  GtkAdjustment *threshold_adjustment;
  AdwActionRow  *archive_row;
  GtkWidget     *office_group;
  GtkSwitch     *delete_switch;
  GtkSwitch     *elsewhere_switch;
  GtkSwitch     *evidence_switch;
  GtkAdjustment *interval_adjustment;
  GtkSwitch     *background_switch;
  AdwEntryRow   *default_email_row;
  AdwEntryRow   *default_name_row;
  AdwComboRow   *default_language_row;
  GtkAdjustment *default_expiry_adjustment;
  AdwComboRow   *default_mode_row;

  GtkFileChooserNative *chooser;

  /* Its own group, the last of the first page (docs/watched-folder.md). */
  GtkWidget *watched_folder_group;
};

G_DEFINE_FINAL_TYPE (SignetPreferencesWindow,
                     signet_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_ACCOUNT,
  PROP_SETTINGS,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_rows (SignetPreferencesWindow *self)
{
  SignetEnvironment environment = signet_account_get_environment (self->account);
  SignetCounter    *counter = signet_account_get_counter (self->account);
  g_autofree char  *server = signet_account_dup_server (self->account);
  g_autofree char  *where = NULL;
  g_autofree char  *remaining = NULL;
  const char       *key_state;

  if (environment == SIGNET_ENVIRONMENT_SANDBOX)
    where = g_strdup (_ ("Sandbox, built into Signet: nothing is signed for real"));
  else if (environment != SIGNET_ENVIRONMENT_NONE)
    /* Translators: an environment's name, then its address */
    where = g_strdup_printf (_ ("%s, %s"), signet_environment_get_display_name (environment),
                             server != NULL ? server : "");
  else
    where = g_strdup (_ ("Not connected"));
  adw_action_row_set_subtitle (self->environment_row, where);

  if (environment == SIGNET_ENVIRONMENT_NONE)
    key_state = _ ("No key");
  else if (environment == SIGNET_ENVIRONMENT_SANDBOX)
    key_state = _ ("The sandbox needs no key");
  else if (signet_account_get_keyring_usable (self->account))
    key_state = _ ("Stored in the keyring");
  else
    key_state = _ ("Kept only until Signet quits, because the keyring cannot be used");
  adw_action_row_set_subtitle (self->key_row, key_state);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-key",
                                 environment != SIGNET_ENVIRONMENT_NONE
                                   && environment != SIGNET_ENVIRONMENT_SANDBOX);

  if (counter != NULL)
    {
      gint64           available = signet_counter_get_available (counter);
      g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, available);

      if (available < (gint64) g_settings_get_uint (self->settings, "quota-warning-threshold"))
        /* Translators: %s is a number of signature requests */
        remaining
          = g_strdup_printf (_ ("%s: running low, buy more in the OKdokument web app"), number);
      else
        remaining = g_steal_pointer (&number);
    }
  adw_action_row_set_subtitle (self->counter_row,
                               remaining != NULL ? remaining : _ ("Not checked yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.check",
                                 environment != SIGNET_ENVIRONMENT_NONE && !self->checking);
  /* Only the built-in sandbox can be reset; nothing else ever shows it. */
  gtk_widget_set_visible (GTK_WIDGET (self->reset_sandbox_row),
                          environment == SIGNET_ENVIRONMENT_SANDBOX && self->sync != NULL);
}

/* A toast's title is markup, and error messages can quote the server. */
static void
add_toast (SignetPreferencesWindow *self, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
refresh_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetPreferencesWindow) self = user_data;
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;

  /* Cancelled: the window is closing, and nothing of it is touched. */
  counter = signet_account_refresh_finish (SIGNET_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_rows (self);

  if (error != NULL)
    add_toast (self, error->message);
  else
    add_toast (self, _ ("The connection works"));
}

static void
check_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPreferencesWindow *self = SIGNET_PREFERENCES_WINDOW (widget);

  self->checking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_rows (self);
  signet_account_refresh_async (self->account, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
remove_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  /* Cancelled: the window is closing, and nothing of it is touched. */
  if (!signet_account_remove_key_finish (SIGNET_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }

  /* Without a key the main window asks for an account again. */
  gtk_window_close (GTK_WINDOW (self));
}

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, SignetPreferencesWindow *self)
{
  if (!g_str_equal (response, "remove"))
    return;

  signet_account_remove_key_async (self->account, self->cancellable, remove_cb,
                                   g_object_ref (self));
}

/* Asks before something that cannot be undone; Cancel is the default. */
static void
ask (SignetPreferencesWindow *self,
     const char              *heading,
     const char              *body,
     const char              *response,
     const char              *label,
     GCallback                response_cb)
{
  AdwMessageDialog *dialog
    = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_key_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ask (SIGNET_PREFERENCES_WINDOW (widget), _ ("Remove API Key?"),
       _ ("Signet forgets the key and asks for an account again. Documents "
          "sent already stay on the OKdokument server."),
       "remove", _ ("_Remove"), G_CALLBACK (remove_response_cb));
}

static void
sandbox_reset_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.reset-sandbox", TRUE);
  if (!signet_account_reset_sandbox_finish (SIGNET_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }
  g_debug ("The sandbox was reset");
  add_toast (self, _ ("The sandbox is empty again"));
}

static void
sandbox_forgotten_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetPreferencesWindow) self = user_data;
  g_autoptr (GPtrArray) forgotten = NULL;
  g_autoptr (GError) error = NULL;

  /* The journal first: a document the sandbox no longer knows would turn
   * "Gone" for a moment otherwise. */
  forgotten = signet_sync_withdraw_finish (SIGNET_SYNC (object), result, &error);
  if (forgotten == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.reset-sandbox", TRUE);
      add_toast (self, error->message);
      return;
    }
  g_debug ("Forgot %u documents of the sandbox", forgotten->len);
  signet_account_reset_sandbox_async (self->account, self->cancellable, sandbox_reset_cb,
                                      g_object_ref (self));
}

static void
reset_sandbox_response_cb (AdwMessageDialog        *dialog,
                           const char              *response,
                           SignetPreferencesWindow *self)
{
  if (!g_str_equal (response, "reset"))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.reset-sandbox", FALSE);
  signet_sync_forget_environment_async (self->sync, "sandbox", sandbox_forgotten_cb,
                                        g_object_ref (self));
}

static void
reset_sandbox_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ask (SIGNET_PREFERENCES_WINDOW (widget), _ ("Reset the Sandbox?"),
       _ ("Every document sent to the sandbox is deleted, with its signing link and its history, "
          "and leaves Signet's list. Signed copies in the archive folder stay."),
       "reset", _ ("_Reset"), G_CALLBACK (reset_sandbox_response_cb));
}

static void
change_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  gtk_window_close (GTK_WINDOW (widget));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.change-account", NULL);
}

static void
update_archive (SignetPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "archive-folder");
  g_autofree char *shown = NULL;

  if (folder[0] == '\0')
    {
      g_free (folder);
      folder = signet_archive_get_default_folder ();
    }
  /* As everywhere else: ~/Documents/Signed. */
  shown = signet_format_folder (folder);
  adw_action_row_set_subtitle (self->archive_row, shown);
}

/* The settings count a link's life in hours, people in days. */
static gboolean
hours_to_days (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_double (value, (g_variant_get_uint32 (variant) + 23) / 24);
  return TRUE;
}

static GVariant *
days_to_hours (const GValue *value, const GVariantType *type, gpointer user_data)
{
  return g_variant_new_uint32 ((guint32) g_value_get_double (value) * 24);
}

static void
chooser_response_cb (SignetPreferencesWindow *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    g_settings_set_string (self->settings, "archive-folder", g_file_peek_path (folder));
  g_clear_object (&self->chooser);
}

static void
choose_archive_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPreferencesWindow *self = SIGNET_PREFERENCES_WINDOW (widget);
  g_autofree char         *current = g_settings_get_string (self->settings, "archive-folder");
  g_autoptr (GFile) folder = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_ ("Choose the Archive Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Choose"),
                                               _ ("_Cancel"));
  if (current[0] == '\0')
    {
      g_free (current);
      current = signet_archive_get_default_folder ();
    }
  folder = g_file_new_for_path (current);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The combo rows list the schema's choices in the schema's order. */
static const char *const signing_modes[] = { "auto", "anywhere", "fields", "tags", NULL };

static gboolean
choice_to_selected (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *choices = user_data;
  const char        *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_choice (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *choices = user_data;
  guint              selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[selected]);
}

/* Until someone picks a language, the e-mails speak the session's
 * (signet_request_spec_apply_defaults()): show that one. */
static gboolean
language_to_selected (GValue *value, GVariant *variant, gpointer user_data)
{
  SignetPreferencesWindow *self = user_data;
  const char *const       *choices = signet_request_spec_get_languages ();
  g_autoptr (GVariant) chosen = g_settings_get_user_value (self->settings, "default-language");
  g_autofree char *session = chosen == NULL ? signet_request_spec_dup_session_language () : NULL;
  g_autoptr (GVariant) shown
    = session != NULL ? g_variant_ref_sink (g_variant_new_string (session)) : NULL;

  return choice_to_selected (value, shown != NULL ? shown : variant, (gpointer) choices);
}

static GVariant *
selected_to_language (const GValue *value, const GVariantType *type, gpointer user_data)
{
  return selected_to_choice (value, type, (gpointer) signet_request_spec_get_languages ());
}

static void
bind_request_defaults (SignetPreferencesWindow *self)
{
  const char *const *languages = signet_request_spec_get_languages ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    gtk_string_list_append (names, signet_form_language_name (languages[i]));
  adw_combo_row_set_model (self->default_language_row, G_LIST_MODEL (names));

  g_settings_bind (self->settings, "default-sender-email", self->default_email_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-sender-name", self->default_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-expiry-hours",
                                self->default_expiry_adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                hours_to_days, days_to_hours, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "default-language", self->default_language_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, language_to_selected,
                                selected_to_language, self, NULL);
  g_settings_bind_with_mapping (self->settings, "default-signing-mode", self->default_mode_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_to_selected,
                                selected_to_choice, (gpointer) signing_modes, NULL);
}

static void
signet_preferences_window_constructed (GObject *object)
{
  SignetPreferencesWindow *self = SIGNET_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (signet_preferences_window_parent_class)->constructed (object);
  signet_watched_folder_group_set_settings (
    SIGNET_WATCHED_FOLDER_GROUP (self->watched_folder_group), self->settings);

  g_settings_bind (self->settings, "quota-warning-threshold", self->threshold_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "delete-after-archiving", self->delete_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "archive-sent-elsewhere", self->elsewhere_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "save-evidence", self->evidence_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tracking-interval", self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::archive-folder", G_CALLBACK (update_archive),
                           self, G_CONNECT_SWAPPED);
  update_archive (self);
  bind_request_defaults (self);
  signet_office_group_set_settings (SIGNET_OFFICE_GROUP (self->office_group), self->settings);
  g_signal_connect_object (self->account, "notify", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::quota-warning-threshold",
                           G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  update_rows (self);
}

static void
signet_preferences_window_dispose (GObject *object)
{
  SignetPreferencesWindow *self = SIGNET_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->account);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (signet_preferences_window_parent_class)->dispose (object);
}

static void
signet_preferences_window_class_init (SignetPreferencesWindowClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "preferences.choose-archive", NULL, choose_archive_activated },
    { "preferences.check", NULL, check_activated },
    { "preferences.remove-key", NULL, remove_key_activated },
    { "preferences.change-account", NULL, change_account_activated },
    { "preferences.reset-sandbox", NULL, reset_sandbox_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_preferences_window_constructed;
  object_class->dispose = signet_preferences_window_dispose;

  properties[PROP_ACCOUNT]
    = signet_param_spec_given ("account", SIGNET_TYPE_ACCOUNT, G_PARAM_WRITABLE,
                               G_STRUCT_OFFSET (SignetPreferencesWindow, account));
  properties[PROP_SETTINGS]
    = signet_param_spec_given ("settings", G_TYPE_SETTINGS, G_PARAM_WRITABLE,
                               G_STRUCT_OFFSET (SignetPreferencesWindow, settings));
  properties[PROP_SYNC] = signet_param_spec_given ("sync", SIGNET_TYPE_SYNC, G_PARAM_WRITABLE,
                                                   G_STRUCT_OFFSET (SignetPreferencesWindow, sync));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, environment_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, counter_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, reset_sandbox_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow,
                                        threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, archive_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, delete_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, elsewhere_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, evidence_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, default_email_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, default_name_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow,
                                        default_language_row);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow,
                                        default_expiry_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, default_mode_row);
  g_type_ensure (SIGNET_TYPE_WATCHED_FOLDER_GROUP);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow,
                                        watched_folder_group);
  gtk_widget_class_bind_template_child (widget_class, SignetPreferencesWindow, office_group);
  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
signet_preferences_window_init (SignetPreferencesWindow *self)
{
  g_type_ensure (SIGNET_TYPE_OFFICE_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * signet_preferences_window_new:
 * @parent: the main window
 * @account: the account
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new preferences window, transient for @parent
 */
GtkWindow *
signet_preferences_window_new (GtkWindow *parent, SignetAccount *account, GSettings *settings)
{
  return g_object_new (SIGNET_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "account", account,
                       "settings", settings, NULL);
}
