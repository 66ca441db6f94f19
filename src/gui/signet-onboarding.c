/* signet-onboarding.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-onboarding"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-error.h"
#include "signet-office-file.h"
#include "signet-onboarding.h"
#include "signet-widget-util.h"

/**
 * SignetOnboarding:
 *
 * The first page of a fresh Signet: connect an OKdokument account (the key
 * is checked with the counter service before anything is saved) or try the
 * built-in sandbox. Emits #SignetOnboarding::finished when an account works,
 * and #SignetOnboarding::cancelled when the user goes back to an account that
 * was already set up.
 */
struct _SignetOnboarding
{
  AdwBin parent_instance;

  SignetAccount *account;
  GSettings     *settings; /* for "Import Settings From Your Office…" */
  gboolean       can_cancel;
  GCancellable  *cancellable;
  gpointer       chooser; /* GtkFileChooserNative, while open */

  GtkStack       *stack;
  GtkWidget      *back_button;
  AdwStatusPage  *welcome_page;
  GtkLabel       *welcome_error_label;
  GtkWidget      *import_button;
  GtkLabel       *imported_label;
  GtkCheckButton *production_check;
  GtkCheckButton *test_check;
  GtkCheckButton *custom_check;
  AdwEntryRow    *url_row;
  AdwEntryRow    *key_row;
  GtkLabel       *error_label;
  GtkWidget      *connect_button;
  GtkSpinner     *spinner;
};

G_DEFINE_FINAL_TYPE (SignetOnboarding, signet_onboarding, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_ACCOUNT,
  PROP_CAN_CANCEL,
  N_PROPS
};

enum
{
  FINISHED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static SignetEnvironment
chosen_environment (SignetOnboarding *self)
{
  if (gtk_check_button_get_active (self->test_check))
    return SIGNET_ENVIRONMENT_TEST;
  if (gtk_check_button_get_active (self->custom_check))
    return SIGNET_ENVIRONMENT_CUSTOM;
  return SIGNET_ENVIRONMENT_PRODUCTION;
}

static void
update_actions (SignetOnboarding *self)
{
  gboolean    on_connect = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "connect");
  gboolean    busy = self->cancellable != NULL;
  gboolean    custom = chosen_environment (self) == SIGNET_ENVIRONMENT_CUSTOM;
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  gtk_widget_set_visible (self->back_button, on_connect || self->can_cancel);
  gtk_widget_set_visible (self->import_button, self->settings != NULL && !self->can_cancel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.import", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), custom);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.connect",
                                 !busy && key[0] != '\0' && (!custom || url[0] != '\0'));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.try-sandbox", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.show-connect", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->production_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_error (GtkLabel *label, const GError *error)
{
  gtk_label_set_label (label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static void
stop_checking (SignetOnboarding *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  update_actions (self);
}

static void
connect_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetOnboarding) self = user_data;
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;
  gboolean on_connect;

  counter = signet_account_connect_finish (SIGNET_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_actions (self);

  if (counter != NULL)
    {
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  /* The message says what to do; what the user typed stays as it is. The
   * client's advice for a refused key points to Preferences: here the key
   * is on screen. */
  on_connect = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "connect");
  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED)
      || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_FORBIDDEN))
    {
      g_clear_error (&error);
      error = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED,
                                   _ ("OKdokument did not accept this API key. Check that you "
                                      "copied all of it from the OKdokument web app, and that it "
                                      "belongs to the environment chosen above."));
    }
  show_error (on_connect ? self->error_label : self->welcome_error_label, error);
  if (!on_connect)
    return;
  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_INSECURE_URL)
      || (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT)
          && chosen_environment (self) == SIGNET_ENVIRONMENT_CUSTOM))
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
start_checking (SignetOnboarding *self, SignetEnvironment environment)
{
  stop_checking (self);
  show_error (self->error_label, NULL);
  show_error (self->welcome_error_label, NULL);
  self->cancellable = g_cancellable_new ();
  update_actions (self);

  signet_account_connect_async (self->account, environment,
                                gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                self->cancellable, connect_cb, g_object_ref (self));
}

static void
connect_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (widget);

  start_checking (self, chosen_environment (self));
}

static void
try_sandbox_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_checking (SIGNET_ONBOARDING (widget), SIGNET_ENVIRONMENT_SANDBOX);
}

static void
show_connect_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (widget);

  show_error (self->welcome_error_label, NULL);
  gtk_stack_set_visible_child_name (self->stack, "connect");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (widget);

  stop_checking (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "connect"))
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      update_actions (self);
    }
  else if (self->can_cancel)
    g_signal_emit (self, signals[CANCELLED], 0);
}

/* {{{ Import Settings From Your Office… */

/* A new desk takes the settings and presets an administrator exported
 * ("Export Office Settings…", docs/office.md); the environment and server
 * address are chosen on the next page, where this desk's key is typed:
 * the file never holds a key. */
static void
import_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetOnboarding) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetOfficeFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *environment = NULL;
  g_autofree char *url = NULL;
  g_autofree char *done = NULL;
  g_autofree char *warnings = NULL;
  gsize            length = 0;
  guint            saved;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    file = signet_office_file_parse (contents, length, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->settings == NULL)
    return;
  if (file == NULL)
    {
      show_error (self->welcome_error_label, error);
      return;
    }

  environment = signet_office_file_take_string (file, "environment");
  url = signet_office_file_take_string (file, "custom-url");
  saved = signet_office_file_apply (file, self->settings, TRUE);

  if (g_strcmp0 (environment, "test") == 0)
    gtk_check_button_set_active (self->test_check, TRUE);
  else if (g_strcmp0 (environment, "custom") == 0)
    gtk_check_button_set_active (self->custom_check, TRUE);
  else if (g_strcmp0 (environment, "production") == 0)
    gtk_check_button_set_active (self->production_check, TRUE);
  if (url != NULL && g_strcmp0 (environment, "custom") == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);

  done = g_strdup_printf (
    ngettext ("Your office’s settings are in place, with %u preset. Type this desk’s API key "
              "to finish.",
              "Your office’s settings are in place, with %u presets. Type this desk’s API key "
              "to finish.",
              saved),
    saved);
  warnings = g_strjoinv (" ", (char **) signet_office_file_get_warnings (file));
  if (warnings[0] != '\0')
    {
      char *both = g_strconcat (done, " ", warnings, NULL);

      g_free (done);
      done = both;
    }
  gtk_label_set_label (self->imported_label, done);
  gtk_widget_set_visible (GTK_WIDGET (self->imported_label), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "onboarding.show-connect", NULL);
}

static void
import_response_cb (SignetOnboarding *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  show_error (self->welcome_error_label, NULL);
  g_file_load_contents_async (file, NULL, import_read_cb, g_object_ref (self));
}

static void
import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->settings == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
    _ ("Import Settings From Your Office"), GTK_WINDOW (gtk_widget_get_root (widget)),
    GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Signet Presets and Settings"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * signet_onboarding_set_settings:
 * @self: a #SignetOnboarding
 * @settings: the application's settings
 *
 * Offers "Import Settings From Your Office…" on a first start, which
 * saves a file's settings and presets in @settings.
 */
void
signet_onboarding_set_settings (SignetOnboarding *self, GSettings *settings)
{
  g_return_if_fail (SIGNET_IS_ONBOARDING (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  update_actions (self);
}

/* }}} */

static void
entry_activated_cb (SignetOnboarding *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "onboarding.connect", NULL);
}

static void
input_changed_cb (SignetOnboarding *self)
{
  show_error (self->error_label, NULL);
  update_actions (self);
}

static void
signet_onboarding_constructed (GObject *object)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (object);

  G_OBJECT_CLASS (signet_onboarding_parent_class)->constructed (object);

  update_actions (self);
}

static void
signet_onboarding_dispose (GObject *object)
{
  SignetOnboarding *self = SIGNET_ONBOARDING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_ONBOARDING);

  G_OBJECT_CLASS (signet_onboarding_parent_class)->dispose (object);
}

static void
signet_onboarding_class_init (SignetOnboardingClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "onboarding.connect", NULL, connect_activated },
    { "onboarding.try-sandbox", NULL, try_sandbox_activated },
    { "onboarding.show-connect", NULL, show_connect_activated },
    { "onboarding.back", NULL, back_activated },
    { "onboarding.import", NULL, import_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_onboarding_constructed;
  object_class->dispose = signet_onboarding_dispose;

  properties[PROP_ACCOUNT] = signet_param_spec_given (
    "account", SIGNET_TYPE_ACCOUNT, G_PARAM_READWRITE, G_STRUCT_OFFSET (SignetOnboarding, account));
  properties[PROP_CAN_CANCEL] = signet_param_spec_field (
    g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetOnboarding, can_cancel), NULL);
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  /**
   * SignetOnboarding::finished:
   *
   * An account was checked and saved.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SignetOnboarding::cancelled:
   *
   * The user went back to the account that was set up before.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-onboarding.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, stack);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, back_button);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, welcome_error_label);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, import_button);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, imported_label);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, production_check);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, test_check);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, custom_check);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, url_row);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, key_row);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, error_label);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SignetOnboarding, spinner);

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "onboarding.back", NULL);
}

static void
signet_onboarding_init (SignetOnboarding *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The key row's Show Text button. */
  signet_name_icon_buttons (GTK_WIDGET (self->key_row));
  signet_status_pages_skip_tab (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->welcome_page, APPLICATION_ID);
  g_signal_connect_swapped (self->key_row, "entry-activated", G_CALLBACK (entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->url_row, "entry-activated", G_CALLBACK (entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->key_row, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->production_check, "toggled", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->test_check, "toggled", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->custom_check, "toggled", G_CALLBACK (input_changed_cb), self);
}

/**
 * signet_onboarding_new:
 * @account: the account to set up
 * @can_cancel: whether an account is set up already, to go back to
 *
 * Returns: (transfer floating): a new #SignetOnboarding
 */
GtkWidget *
signet_onboarding_new (SignetAccount *account, gboolean can_cancel)
{
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (account), NULL);

  return g_object_new (SIGNET_TYPE_ONBOARDING, "account", account, "can-cancel", can_cancel, NULL);
}
