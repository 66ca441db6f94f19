/* signet-request-editor.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-editor-private.h"
#include "signet-field-value-row.h"
#include "signet-form-util.h"
#include "signet-presets.h"
#include "signet-widget-util.h"

/* The request editor beside the preview: every option of the selected
 * queue entry's request, and the Send button for every entry that is
 * ready. Each entry has its own SignetRequestSpec (made from its
 * inspection and the defaults the first time it is needed, and kept on
 * the entry), so that what was found in each file decides its mode and
 * fields; "Use These Options for Every Document" copies the options that
 * are not tied to one file to the others. */

#define SPEC_KEY "signet-request-spec"

G_DEFINE_FINAL_TYPE (SignetRequestEditor, signet_request_editor, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BLOCKER,
  PROP_SENDING,
  N_PROPS
};

enum
{
  ENTRY_SENT,
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* {{{ Helpers */

void
_signet_request_editor_toast (SignetRequestEditor *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* }}} */
/* {{{ Specs of the entries */

/**
 * signet_request_editor_spec_for_item:
 * @self: a #SignetRequestEditor
 * @item: a ready entry of the queue
 *
 * Returns: (transfer none): the entry's request description, made from
 *   its inspection and the defaults the first time
 */
SignetRequestSpec *
signet_request_editor_spec_for_item (SignetRequestEditor *self, SignetIntakeItem *item)
{
  SignetRequestSpec *spec;

  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);
  g_return_val_if_fail (SIGNET_IS_INTAKE_ITEM (item), NULL);
  g_return_val_if_fail (_signet_request_editor_item_is_ready (item), NULL);

  spec = g_object_get_data (G_OBJECT (item), SPEC_KEY);
  if (spec != NULL)
    return spec;

  /* "Send Again" gave the description (signet-request-editor-prefill.c). */
  spec = _signet_request_editor_take_prefill (self, item);
  if (spec != NULL)
    g_debug ("%s starts from the request it was sent with", signet_intake_item_get_name (item));
  else
    {
      g_autoptr (GError) error = NULL;

      spec = signet_request_spec_new_from_inspection (signet_intake_item_get_inspection (item));
      if (self->settings != NULL)
        signet_request_spec_apply_defaults (spec, self->settings);
      /* Settings kept from an earlier run (the queue's state file). */
      if (signet_intake_item_get_settings (item) != NULL
          && !signet_request_spec_apply_json (spec, signet_intake_item_get_settings (item), &error))
        g_warning ("Could not bring back the options of %s: %s", signet_intake_item_get_name (item),
                   error->message);
    }
  g_object_set_data_full (G_OBJECT (item), SPEC_KEY, spec, g_object_unref);
  g_signal_connect_object (spec, "notify", G_CALLBACK (_signet_request_editor_store_settings), item,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (signet_request_spec_get_rounds (spec), "items-changed",
                           G_CALLBACK (_signet_request_editor_store_settings), item,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (signet_request_spec_get_field_values (spec), "items-changed",
                           G_CALLBACK (_signet_request_editor_store_settings), item,
                           G_CONNECT_SWAPPED);
  /* A given description is kept with the queue at once. */
  _signet_request_editor_store_settings (item);
  return spec;
}

/**
 * _signet_request_editor_store_settings:
 * @item: a queue entry
 *
 * Stores the entry's request description on it, so that the queue's state
 * file brings it back after a quit or a crash. Called when the description
 * changes, and for the entry shown when another is shown.
 */
void
_signet_request_editor_store_settings (SignetIntakeItem *item)
{
  SignetRequestSpec *spec = g_object_get_data (G_OBJECT (item), SPEC_KEY);
  g_autofree char   *json = NULL;

  if (spec == NULL)
    return;
  json = signet_request_spec_to_json (spec);
  if (g_strcmp0 (json, signet_intake_item_get_settings (item)) != 0)
    signet_intake_item_set_settings (item, json);
}

/* }}} */
/* {{{ Showing a spec */

static void
unbind (SignetRequestEditor *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  for (guint i = 0; i < self->rounds->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rounds, i), self);
  g_ptr_array_set_size (self->rounds, 0);

  if (self->spec != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->spec, self);
      g_signal_handlers_disconnect_by_data (signet_request_spec_get_rounds (self->spec), self);
      g_signal_handlers_disconnect_by_data (signet_request_spec_get_field_values (self->spec),
                                            self);
    }
}

static void
bind (SignetRequestEditor *self, const char *property, gpointer target, const char *target_property)
{
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property (
                                     self->spec, property, target, target_property,
                                     G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE)));
}

/* People think of a link's life in days; the service counts hours. A
 * part of a day counts as a whole one. */
static gboolean
hours_to_days (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_double (to, (g_value_get_uint (from) + 23) / 24);
  return TRUE;
}

static gboolean
days_to_hours (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_uint (to, (guint) g_value_get_double (from) * 24);
  return TRUE;
}

static gboolean
flags_to_active (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_boolean (to, g_value_get_flags (from) != 0);
  return TRUE;
}

static gboolean
active_to_flags (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_flags (to, g_value_get_boolean (from)
                           ? SIGNET_FIELD_TYPE_FLAGS_TEXT | SIGNET_FIELD_TYPE_FLAGS_CHECKBOX
                               | SIGNET_FIELD_TYPE_FLAGS_SIGNATURE | SIGNET_FIELD_TYPE_FLAGS_RADIO
                               | SIGNET_FIELD_TYPE_FLAGS_COMBOBOX
                           : SIGNET_FIELD_TYPE_FLAGS_NONE);
  return TRUE;
}

static void
show_language (SignetRequestEditor *self)
{
  const char *const *languages = signet_request_spec_get_languages ();
  const char        *language = signet_request_spec_get_language (self->spec);
  guint              selected = 0;

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], language) == 0)
      selected = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->language_row, selected);
  self->updating = FALSE;
}

static void
language_selected_cb (SignetRequestEditor *self)
{
  const char *const *languages = signet_request_spec_get_languages ();
  guint              selected = adw_combo_row_get_selected (self->language_row);

  if (self->updating || self->spec == NULL || selected == GTK_INVALID_LIST_POSITION
      || selected >= g_strv_length ((char **) languages))
    return;

  signet_request_spec_set_language (self->spec, languages[selected]);
}

static void
remove_field_cb (SignetFieldValueRow *row, SignetRequestEditor *self)
{
  GListModel *values = signet_request_spec_get_field_values (self->spec);
  guint       position;

  if (g_list_store_find (G_LIST_STORE (values), signet_field_value_row_get_value (row), &position))
    g_list_store_remove (G_LIST_STORE (values), position);
}

static void
show_field_values (SignetRequestEditor *self)
{
  GListModel *values = signet_request_spec_get_field_values (self->spec);
  guint       n = g_list_model_get_n_items (values);

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_expander_row_remove (self->field_values_row, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetFieldValue) value = g_list_model_get_item (values, i);
      GtkWidget *row = signet_field_value_row_new (value);

      g_signal_connect_object (row, "remove", G_CALLBACK (remove_field_cb), self, 0);
      adw_expander_row_add_row (self->field_values_row, row);
      g_ptr_array_add (self->field_rows, row);
    }

  if (n > 0)
    {
      g_autofree char *subtitle
        = g_strdup_printf (ngettext ("%u field filled in", "%u fields filled in", n), n);
      adw_expander_row_set_subtitle (self->field_values_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->field_values_row, _ ("None"));
    }
}

static void
add_field_apply_cb (SignetRequestEditor *self)
{
  g_autofree char *name
    = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_field_row))));

  if (self->spec == NULL || name[0] == '\0')
    return;

  signet_request_spec_add_field_value (self->spec, name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_field_row), "");
}

static void
keep (SignetRequestEditor *self, GBinding *binding)
{
  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
show_spec (SignetRequestEditor *self)
{
  GListModel *values;

  keep (self, signet_form_bind_enum (self->spec, "signing-mode", self->mode_row));
  keep (self, signet_form_bind_text (self->spec, "sender-email", self->sender_email_row));
  keep (self, signet_form_bind_text (self->spec, "sender-name", self->sender_name_row));
  keep (self, signet_form_bind_text (self->spec, "message", self->message_row));
  keep (self, signet_form_bind_text (self->spec, "final-recipients", self->final_row));
  bind (self, "email-reminders", self->reminders_switch, "active");
  keep (self, g_object_bind_property_full (self->spec, "expiry-hours", self->expiry_adjustment,
                                           "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                           hours_to_days, days_to_hours, NULL, NULL));
  bind (self, "qr-handover", self->qr_switch, "active");
  bind (self, "no-mouse-signing", self->no_mouse_switch, "active");
  bind (self, "stamp-before-signing", self->stamp_switch, "active");
  keep (self, signet_form_bind_enum (self->spec, "fields-before-signing", self->fields_before_row));
  keep (self,
        g_object_bind_property_full (self->spec, "ignore-required", self->ignore_required_switch,
                                     "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                     flags_to_active, active_to_flags, NULL, NULL));
  bind (self, "auto-submit", self->auto_submit_switch, "active");
  bind (self, "one-button", self->one_button_switch, "active");
  bind (self, "open-signature", self->open_signature_switch, "active");
  bind (self, "read-required", self->read_required_switch, "active");
  keep (self, signet_form_bind_text (self->spec, "signer-date-format", self->date_format_row));
  keep (self, signet_form_bind_text (self->spec, "result-url", self->result_url_row));

  show_language (self);
  g_signal_connect_object (self->spec, "notify::language", G_CALLBACK (show_language), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spec, "notify", G_CALLBACK (_signet_request_editor_queue_validate),
                           self, G_CONNECT_SWAPPED);

  _signet_request_editor_follow_rounds (self);

  values = signet_request_spec_get_field_values (self->spec);
  g_signal_connect_object (values, "items-changed", G_CALLBACK (show_field_values), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (values, "items-changed",
                           G_CALLBACK (_signet_request_editor_queue_validate), self,
                           G_CONNECT_SWAPPED);
  show_field_values (self);
}

/* }}} */
/* {{{ State the other files change */

void
_signet_request_editor_set_blocker (SignetRequestEditor *self, const char *blocker)
{
  if (g_strcmp0 (self->blocker, blocker) == 0)
    return;

  g_free (self->blocker);
  self->blocker = g_strdup (blocker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKER]);
}

/**
 * signet_request_editor_get_blocker:
 * @self: a #SignetRequestEditor
 *
 * Returns: (nullable): why Send cannot be pressed now, or %NULL
 */
const char *
signet_request_editor_get_blocker (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);

  return self->blocker;
}

/* The sender of the requests being sent, or NULL when none are. */
void
_signet_request_editor_set_sender (SignetRequestEditor *self, SignetRequestSender *sender)
{
  if (!g_set_object (&self->sender, sender))
    return;

  gtk_stack_set_visible_child_name (self->send_stack, sender != NULL ? "sending" : "send");
  gtk_widget_set_sensitive (self->form_box, sender == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_button), sender == NULL && self->spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", sender != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
  _signet_request_editor_queue_validate (self);
}

/**
 * signet_request_editor_get_sending:
 * @self: a #SignetRequestEditor
 *
 * Returns: whether requests are being sent
 */
gboolean
signet_request_editor_get_sending (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), FALSE);

  return self->sender != NULL;
}

void
_signet_request_editor_entry_sent (SignetRequestEditor *self, SignetIntakeItem *item)
{
  g_signal_emit (self, signals[ENTRY_SENT], 0, item);
}

void
_signet_request_editor_sent (SignetRequestEditor *self, GListModel *documents)
{
  g_signal_emit (self, signals[SENT], 0, documents);
}

/* }}} */
/* {{{ The queue and the shown entry */

static void
show_item (SignetRequestEditor *self)
{
  SignetRequestSpec *spec = NULL;

  if (self->item != NULL && _signet_request_editor_item_is_ready (self->item))
    spec = signet_request_editor_spec_for_item (self, self->item);

  if (spec != self->spec)
    {
      unbind (self);
      g_set_object (&self->spec, spec);
      if (spec != NULL)
        show_spec (self);
      else
        _signet_request_editor_show_rounds (self);
    }

  /* The remaining count stands beside Send: asked for when the first
   * document can be sent, if nobody asked yet. Not for the built-in
   * sandbox, which would be started for every window just for a number
   * (its count shows after the first Send). */
  if (spec != NULL && !self->counter_asked && self->account != NULL
      && signet_account_get_counter (self->account) == NULL
      && signet_account_get_environment (self->account) != SIGNET_ENVIRONMENT_NONE
      && signet_account_get_environment (self->account) != SIGNET_ENVIRONMENT_SANDBOX)
    {
      self->counter_asked = TRUE;
      signet_account_refresh_async (self->account, self->cancellable, NULL, NULL);
    }

  /* The editor stays (and Send with it, for the other entries): a
   * column that came and went would change the preview's width. */
  /* A file that cannot be sent has its one error page beside this: no
   * second status page here. */
  if (spec == NULL && self->item != NULL
      && signet_intake_item_get_state (self->item) == SIGNET_INTAKE_STATE_FAILED)
    gtk_stack_set_visible_child_name (self->form_stack, "blank");
  else
    gtk_stack_set_visible_child_name (self->form_stack, spec != NULL ? "form" : "none");
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_button), spec != NULL && self->sender == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-preset", spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply-preset", spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply-to-all", spec != NULL);
  _signet_request_editor_queue_validate (self);
}

static void
item_state_cb (SignetRequestEditor *self, GParamSpec *pspec, SignetIntakeItem *item)
{
  if (item == self->item)
    show_item (self);
  _signet_request_editor_queue_validate (self);
}

static void
queue_items_changed_cb (SignetRequestEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  /* Follow each entry's check, to count what is ready. */
  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->items, i), self);
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    {
      SignetIntakeItem *item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      g_signal_connect_object (item, "notify::state", G_CALLBACK (item_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->items, item);
    }
  _signet_request_editor_queue_validate (self);
}

/**
 * signet_request_editor_set_queue:
 * @self: a #SignetRequestEditor
 * @queue: the window's queue, whose ready entries Send sends
 */
void
signet_request_editor_set_queue (SignetRequestEditor *self, SignetIntakeQueue *queue)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (SIGNET_IS_INTAKE_QUEUE (queue));
  g_return_if_fail (self->queue == NULL);

  self->queue = g_object_ref (queue);
  g_signal_connect_object (queue, "items-changed", G_CALLBACK (queue_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  queue_items_changed_cb (self);
}

/**
 * signet_request_editor_set_item:
 * @self: a #SignetRequestEditor
 * @item: (nullable): the selected entry of the queue
 *
 * Shows the entry's request, or that there is nothing to set up while the
 * entry is not ready to be sent.
 */
void
signet_request_editor_set_item (SignetRequestEditor *self, SignetIntakeItem *item)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (item == NULL || SIGNET_IS_INTAKE_ITEM (item));

  if (self->item == item)
    return;

  /* A signer's name or address changed inside a round is kept here. */
  if (self->item != NULL)
    _signet_request_editor_store_settings (self->item);
  g_set_object (&self->item, item);
  show_item (self);
}

/**
 * signet_request_editor_get_spec:
 * @self: a #SignetRequestEditor
 *
 * Returns: (transfer none) (nullable): the request shown
 */
SignetRequestSpec *
signet_request_editor_get_spec (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);

  return self->spec;
}

/**
 * signet_request_editor_set_context:
 * @self: a #SignetRequestEditor
 * @settings: the defaults, presets and quota threshold
 * @account: (nullable): whose quota is shown and checked
 * @sync: (nullable): where requests are sent; without one, Send stays off
 */
void
signet_request_editor_set_context (SignetRequestEditor *self,
                                   GSettings           *settings,
                                   SignetAccount       *account,
                                   SignetSync          *sync)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  g_set_object (&self->account, account);
  g_set_object (&self->sync, sync);

  g_signal_connect_object (settings, "changed::quota-warning-threshold",
                           G_CALLBACK (_signet_request_editor_queue_validate), self,
                           G_CONNECT_SWAPPED);
  _signet_request_editor_presets_follow (self);
  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::counter",
                               G_CALLBACK (_signet_request_editor_queue_validate), self,
                               G_CONNECT_SWAPPED);
    }
  _signet_request_editor_queue_validate (self);
}

/* }}} */
/* {{{ GObject */

static void
signet_request_editor_dispose (GObject *object)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (object);

  /* Work still on its way must not outlive the window; its callbacks
   * see the cancellable (kept until finalize) and leave the widgets be. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->send_cancellable);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_data (self->sender, self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  _signet_request_editor_presets_dispose (self);
  unbind (self);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->items, i), self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->spec);
  g_clear_object (&self->item);
  g_clear_object (&self->queue);
  g_clear_object (&self->sender);
  g_clear_object (&self->send_cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_REQUEST_EDITOR);

  G_OBJECT_CLASS (signet_request_editor_parent_class)->dispose (object);
}

static void
signet_request_editor_finalize (GObject *object)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (object);

  g_ptr_array_unref (self->bindings);
  g_ptr_array_unref (self->rounds);
  g_ptr_array_unref (self->field_rows);
  g_free (self->blocker);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (signet_request_editor_parent_class)->finalize (object);
}

static void
get_sending (GObject *object, GValue *value)
{
  g_value_set_boolean (value, SIGNET_REQUEST_EDITOR (object)->sender != NULL);
}

static void
signet_request_editor_class_init (SignetRequestEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_request_editor_dispose;
  object_class->finalize = signet_request_editor_finalize;

  /**
   * SignetRequestEditor:blocker:
   *
   * Why Send cannot be pressed now, or %NULL.
   */
  properties[PROP_BLOCKER] = signet_param_spec_field (
    g_param_spec_string ("blocker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY),
    G_STRUCT_OFFSET (SignetRequestEditor, blocker), NULL);
  /**
   * SignetRequestEditor:sending:
   *
   * Whether requests are being sent.
   */
  properties[PROP_SENDING] = signet_param_spec_computed (
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY),
    get_sending);
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  /**
   * SignetRequestEditor::entry-sent:
   * @self: the editor
   * @item: (type SignetIntakeItem): the queue entry
   *
   * The entry's request was sent, or waits in the outbox: it can leave
   * the queue.
   */
  signals[ENTRY_SENT] = g_signal_new ("entry-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, SIGNET_TYPE_INTAKE_ITEM);
  /**
   * SignetRequestEditor::sent:
   * @self: the editor
   * @documents: (type GListModel): the #SignetDocument of each request
   *   that went or waits in the outbox
   *
   * Sending ended with at least one request on its way.
   */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-request-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, form_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, signers_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, preset_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, rounds_box);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, add_round_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, sender_email_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, email_more_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, message_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, final_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, expiry_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, qr_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, no_mouse_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, stamp_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, fields_before_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, ignore_required_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, auto_submit_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, one_button_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, open_signature_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, read_required_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, result_url_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, field_values_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, add_field_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, quota_label);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, send_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, send_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_field_apply_cb);

  _signet_request_editor_class_rounds_init (widget_class);
  _signet_request_editor_class_actions_init (widget_class);
}

static void
signet_request_editor_init (SignetRequestEditor *self)
{
  g_autoptr (GtkStringList) languages = gtk_string_list_new (NULL);
  const char *const *codes = signet_request_spec_get_languages ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->rounds = g_ptr_array_new_with_free_func (g_object_unref);
  self->field_rows = g_ptr_array_new ();
  self->items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The languages the service writes its e-mails in (§16), in their own names. */
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (languages, signet_form_language_name (codes[i]));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));

  _signet_request_editor_presets_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send", FALSE);
  gtk_stack_set_visible_child_name (self->form_stack, "none");
}

/**
 * signet_request_editor_new:
 *
 * Returns: (transfer floating): a new request editor without a queue
 */
GtkWidget *
signet_request_editor_new (void)
{
  return g_object_new (SIGNET_TYPE_REQUEST_EDITOR, NULL);
}

/* }}} */
