/* signet-request-editor-send.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-editor-private.h"
#include "signet-error.h"
#include "signet-form-util.h"
#include "signet-round-editor.h"
#include "signet-state-name.h"
#include "signet-widget-util.h"

/* {{{ Validation and the Send button */

/* The row of each property of a request that can be wrong. */
static const struct
{
  const char *property;
  gsize       offset;
} request_rows[] = {
  { "signing-mode", G_STRUCT_OFFSET (SignetRequestEditor, mode_row) },
  { "sender-email", G_STRUCT_OFFSET (SignetRequestEditor, sender_email_row) },
  { "sender-name", G_STRUCT_OFFSET (SignetRequestEditor, sender_name_row) },
  { "message", G_STRUCT_OFFSET (SignetRequestEditor, message_row) },
  { "language", G_STRUCT_OFFSET (SignetRequestEditor, language_row) },
  { "final-recipients", G_STRUCT_OFFSET (SignetRequestEditor, final_row) },
  { "expiry-hours", G_STRUCT_OFFSET (SignetRequestEditor, expiry_row) },
  { "fields-before-signing", G_STRUCT_OFFSET (SignetRequestEditor, fields_before_row) },
  { "signer-date-format", G_STRUCT_OFFSET (SignetRequestEditor, date_format_row) },
  { "result-url", G_STRUCT_OFFSET (SignetRequestEditor, result_url_row) },
  { "field-values", G_STRUCT_OFFSET (SignetRequestEditor, field_values_row) },
  { "rounds", G_STRUCT_OFFSET (SignetRequestEditor, signers_row) },
};

/* Marks the rows of the shown spec; problems of rows hidden in a closed
 * expander open it. */
static void
mark_problems (SignetRequestEditor *self, GPtrArray *problems)
{
  GtkWidget *child;
  guint      index = 0;

  for (guint i = 0; i < G_N_ELEMENTS (request_rows); i++)
    {
      const char *message = NULL;
      GtkWidget  *row = G_STRUCT_MEMBER (GtkWidget *, self, request_rows[i].offset);

      for (guint j = 0; problems != NULL && j < problems->len && message == NULL; j++)
        {
          SignetSpecProblem *problem = g_ptr_array_index (problems, j);

          if (problem->round < 0 && g_strcmp0 (problem->property, request_rows[i].property) == 0)
            message = problem->message;
        }
      signet_form_mark_row (row, message);
      if (message == NULL)
        continue;
      if (row == GTK_WIDGET (self->message_row) || row == GTK_WIDGET (self->language_row)
          || row == GTK_WIDGET (self->final_row))
        adw_expander_row_set_expanded (self->email_more_row, TRUE);
      else if (row == GTK_WIDGET (self->fields_before_row)
               || row == GTK_WIDGET (self->date_format_row)
               || row == GTK_WIDGET (self->result_url_row))
        adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->rounds_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      g_autoptr (GPtrArray) mine = g_ptr_array_new ();

      for (guint j = 0; problems != NULL && j < problems->len; j++)
        {
          SignetSpecProblem *problem = g_ptr_array_index (problems, j);

          if (problem->round == (int) index)
            g_ptr_array_add (mine, problem);
        }
      signet_round_editor_show_problems (SIGNET_ROUND_EDITOR (child), mine);
    }
}

/* The ready entries of the queue, in its order. */
GPtrArray *
_signet_request_editor_ready_items (SignetRequestEditor *self, guint *n_checking)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint      n = self->queue != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->queue)) : 0;

  if (n_checking != NULL)
    *n_checking = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetIntakeItem) item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (_signet_request_editor_item_is_ready (item))
        g_ptr_array_add (items, g_steal_pointer (&item));
      else if (n_checking != NULL
               && signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_CHECKING)
        (*n_checking)++;
    }
  return items;
}

/* Keeps the first entries of @items that the remaining signature requests
 * pay for, when the count is known; says how many stay behind. */
static guint
keep_affordable (SignetRequestEditor *self, GPtrArray *items)
{
  SignetCounter *counter
    = self->account != NULL ? signet_account_get_counter (self->account) : NULL;
  SignetQuotaCheck check;
  guint            held;

  if (counter == NULL || self->settings == NULL || items->len == 0)
    return 0;
  signet_quota_check_from_counter (
    counter, g_settings_get_uint (self->settings, "quota-warning-threshold"), items->len, &check);
  if (check.fits || check.available >= items->len)
    return 0;
  held = items->len - (guint) MAX (check.available, 0);
  g_ptr_array_set_size (items, items->len - held);
  return held;
}

static void
update_quota (SignetRequestEditor *self)
{
  SignetCounter *counter
    = self->account != NULL ? signet_account_get_counter (self->account) : NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *available = NULL;
  g_autofree char *text = NULL;
  SignetQuotaCheck check;
  gulong           plural;

  if (counter == NULL || self->settings == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->quota_label), FALSE);
      return;
    }

  items = _signet_request_editor_ready_items (self, NULL);
  signet_quota_check_from_counter (counter,
                                   g_settings_get_uint (self->settings, "quota-warning-threshold"),
                                   MAX (items->len, 1), &check);
  available = g_strdup_printf ("%" G_GINT64_FORMAT, check.available);
  plural = (gulong) CLAMP (check.available, 0, G_MAXINT);
  if (!check.fits && check.available > 0)
    {
      g_autofree char *only = NULL;
      g_autofree char *what = NULL;

      /* Translators: %s is a number */
      only = g_strdup_printf (ngettext ("Only %s signature request is left",
                                        "Only %s signature requests are left", plural),
                              available);
      /* Say before the click what goes: Send counts only those. */
      if (check.available == 1)
        /* Translators: %s is a document's name */
        what = g_strdup_printf (_ ("“%s” goes; the others stay in the list."),
                                signet_intake_item_get_name (g_ptr_array_index (items, 0)));
      else
        what = g_strdup_printf (ngettext ("The first %u goes; the others stay in the list.",
                                          "The first %u go; the others stay in the list.",
                                          (gulong) check.available),
                                (guint) check.available);
      /* Translators: "Only 1 signature request is left", then what goes */
      text = g_strdup_printf (_ ("%s. %s"), only, what);
    }
  else if (!check.fits)
    /* Translators: %s is a number */
    text = g_strdup_printf (
      ngettext ("Only %s signature request is left", "Only %s signature requests are left", plural),
      available);
  else
    /* Translators: %s is a number */
    text = g_strdup_printf (
      ngettext ("%s signature request left", "%s signature requests left", plural), available);
  gtk_label_set_text (self->quota_label, text);
  if (check.low || !check.fits)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->quota_label), check.fits ? "warning" : "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label),
                                   check.fits ? "error" : "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->quota_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quota_label), TRUE);
}

/* Which files in the list cannot go (not a PDF, damaged, locked…), said
 * beside Send so that its count is not a riddle; NULL when all can. */
static char *
describe_left_out (SignetRequestEditor *self)
{
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  guint            n_failed = 0;
  g_autofree char *name = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetIntakeItem) item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (signet_intake_item_get_state (item) != SIGNET_INTAKE_STATE_FAILED)
        continue;
      if (n_failed++ == 0)
        name = g_strdup (signet_intake_item_get_name (item));
    }
  if (n_failed == 0)
    return NULL;
  if (n_failed == 1)
    /* Translators: beside Send; %s is a document's name */
    return g_strdup_printf (_ ("“%s” cannot be sent and stays in the list"), name);
  return g_strdup_printf (ngettext ("%u document cannot be sent and stays in the list",
                                    "%u documents cannot be sent and stay in the list", n_failed),
                          n_failed);
}

static gboolean
validate_cb (gpointer user_data)
{
  SignetRequestEditor *self = user_data;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *label = NULL;
  g_autofree char *left_out = NULL;
  guint            n_checking;
  guint            n_ready;
  guint            held;

  self->validate_id = 0;
  items = _signet_request_editor_ready_items (self, &n_checking);
  n_ready = items->len;
  held = keep_affordable (self, items);

  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem  *item = g_ptr_array_index (items, i);
      SignetRequestSpec *spec = signet_request_editor_spec_for_item (self, item);
      g_autoptr (GPtrArray) problems
        = signet_request_spec_validate (spec, signet_intake_item_get_inspection (item));

      if (item == self->item)
        mark_problems (self, problems);
      if (problems == NULL || problems->len == 0 || blocker != NULL)
        continue;

      if (item == self->item || items->len == 1)
        {
          SignetSpecProblem *first = g_ptr_array_index (problems, 0);

          blocker = g_strdup (first->message);
        }
      else
        {
          SignetSpecProblem *first = g_ptr_array_index (problems, 0);

          /* Translators: why a batch cannot be sent: a document's name, then what is wrong with it
           */
          blocker
            = g_strdup_printf (_ ("“%s”: %s"), signet_intake_item_get_name (item), first->message);
        }
    }

  /* The shown entry's own problem comes first. */
  if (self->item != NULL && _signet_request_editor_item_is_ready (self->item))
    {
      g_autoptr (GPtrArray) problems
        = signet_request_spec_validate (signet_request_editor_spec_for_item (self, self->item),
                                        signet_intake_item_get_inspection (self->item));

      if (problems != NULL && problems->len > 0)
        {
          g_free (blocker);
          blocker = g_strdup (((SignetSpecProblem *) g_ptr_array_index (problems, 0))->message);
        }
    }

  if (blocker == NULL && n_checking > 0)
    blocker = g_strdup (_ ("Wait until every document is checked"));
  if (blocker == NULL && self->sync == NULL)
    blocker = g_strdup (_ ("Signet is not connected to OKdokument yet"));
  if (blocker == NULL && items->len == 0 && held > 0)
    blocker = g_strdup (_ ("No signature requests are left. Buy more from OKdokument, then send."));
  if (blocker == NULL && items->len == 0)
    blocker = g_strdup (_ ("There is no document to send"));

  _signet_request_editor_set_blocker (self, blocker);
  if (blocker == NULL && items->len > 0)
    left_out = describe_left_out (self);
  gtk_label_set_text (self->problem_label,
                      blocker != NULL ? blocker : (left_out != NULL ? left_out : ""));
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), blocker != NULL || left_out != NULL);
  /* A blocker is an error; a file that stays behind is only a note. */
  if (blocker != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send",
                                 blocker == NULL && self->sender == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button), blocker);

  /* The count is what goes: with too few requests left, or with files
   * that cannot go, only those. */
  if ((n_ready > 1 || left_out != NULL) && items->len > 0)
    label
      = g_strdup_printf (ngettext ("Send %u Request", "Send %u Requests", items->len), items->len);
  gtk_button_set_label (self->send_button, label != NULL ? label : _ ("Send"));
  update_quota (self);

  return G_SOURCE_REMOVE;
}

void
_signet_request_editor_queue_validate (SignetRequestEditor *self)
{
  if (self->validate_id == 0)
    self->validate_id = g_idle_add (validate_cb, self);
}

/* }}} */
/* {{{ Sending */

static void
progress_cb (SignetRequestEditor *self)
{
  guint            done = signet_request_sender_get_n_done (self->sender);
  guint            total = signet_request_sender_get_n_entries (self->sender);
  g_autofree char *text = NULL;

  /* Translators: progress of sending; the first %u is how many were sent, the second of how many */
  text = g_strdup_printf (C_ ("document being sent", "%u of %u"), MIN (done + 1, total), total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static void
summary_response_cb (AdwMessageDialog *dialog, const char *response, SignetRequestEditor *self)
{
  if (g_strcmp0 (response, "retry") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.send", NULL);
}

static void
show_summary (SignetRequestEditor *self, SignetRequestSender *sender)
{
  guint n = signet_request_sender_get_n_entries (sender);
  guint n_sent = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_SENT);
  guint n_waiting = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_WAITING);
  guint n_failed = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_FAILED);
  guint n_not_sent = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_NOT_SENT);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char  *heading = NULL;
  AdwMessageDialog *dialog;

  /* All went well: a toast, so nothing covers the QR code the signer is
   * scanning. A dialog only when something failed. One request sent needs
   * neither: the hand-over page says it, and in a short window a toast
   * would lie over the code. */
  if (n_failed + n_not_sent == 0)
    {
      g_autofree char *text = NULL;

      if (n == 1 && n_sent == 1)
        return;
      if (n_waiting == 0)
        text = g_strdup_printf (ngettext ("%u request sent", "%u requests sent", n), n);
      else
        /* Translators: a toast after sending several documents while offline */
        text = g_strdup_printf (ngettext ("%u request is sent when the connection is back",
                                          "%u requests are sent when the connection is back",
                                          n_waiting),
                                n_waiting);
      _signet_request_editor_toast (self, text);
      return;
    }

  if (n_sent + n_waiting == 0 && n == 1)
    heading = g_strdup (_ ("The Request Was Not Sent"));
  else
    /* Translators: the heading of the summary after sending several documents */
    heading = g_strdup_printf (ngettext ("%u of %u Request Sent", "%u of %u Requests Sent", n),
                               n_sent, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_markup_escape_text (signet_request_sender_get_name (sender, i), -1);
      const char      *message = signet_request_sender_get_message (sender, i);
      g_autofree char *reason = g_markup_escape_text (message != NULL ? message : "", -1);
      const char      *what;

      switch (signet_request_sender_get_outcome (sender, i))
        {
          case SIGNET_SEND_OUTCOME_SENT:
            what = C_ ("send outcome", "Sent");
            break;
          case SIGNET_SEND_OUTCOME_WAITING:
            /* The document's state (docs/vocabulary.md): it goes once the
             * connection is back. */
            what = signet_state_get_name (SIGNET_LIBRARY_GROUP_PREPARING);
            break;
          case SIGNET_SEND_OUTCOME_FAILED:
            what = signet_state_get_name (SIGNET_LIBRARY_GROUP_FAILED);
            break;
          case SIGNET_SEND_OUTCOME_NOT_SENT:
          default:
            what = C_ ("send outcome", "Not sent, still in the list");
            break;
        }
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body, "<b>%s</b>: %s", name, what);
      if (reason[0] != '\0')
        g_string_append_printf (body, ". %s", reason);
    }

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL));
  adw_message_dialog_set_body_use_markup (dialog, TRUE);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  if (n_failed + n_not_sent > 0)
    {
      /* The entries that did not go stay in the list; trying again sends them. */
      adw_message_dialog_add_response (dialog, "retry", _ ("_Try Again"));
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }
  else
    {
      adw_message_dialog_set_default_response (dialog, "close");
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (summary_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refused (SignetRequestEditor *self, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetRequestEditor) self = user_data;
  SignetRequestSender    *sender = SIGNET_REQUEST_SENDER (source);
  const SignetQuotaCheck *quota;
  g_autoptr (GListModel) documents = NULL;
  g_autoptr (GError) error = NULL;

  gboolean ran;

  ran = signet_request_sender_run_finish (sender, result, &error);
  /* The editor went away while sending (dispose cancelled it): what was
   * journalled goes on in the background, and nobody is left to tell. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_object (&self->send_cancellable);
  g_signal_handlers_disconnect_by_data (sender, self);
  _signet_request_editor_set_sender (self, NULL);

  if (!ran)
    {
      /* Cancel pressed before anything was journalled. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      refused (self,
               g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED)
                 ? _ ("Not Enough Signature Requests")
                 : _ ("Nothing Was Sent"),
               error->message);
      /* The count was old: with the new one, Send offers what is
       * possible ("Send 1 Request") and names what goes. */
      if (self->account != NULL)
        signet_account_refresh_async (self->account, self->cancellable, NULL, NULL);
      return;
    }

  /* What went leaves the list; what failed or was taken back stays, to be
   * tried again, and is kept across a restart again. */
  for (guint i = 0; i < signet_request_sender_get_n_entries (sender); i++)
    {
      SignetSendOutcome outcome = signet_request_sender_get_outcome (sender, i);
      SignetIntakeItem *item = signet_request_sender_get_entry (sender, i);

      if (outcome == SIGNET_SEND_OUTCOME_SENT || outcome == SIGNET_SEND_OUTCOME_WAITING)
        _signet_request_editor_entry_sent (self, item);
      else
        signet_intake_item_set_journalled (item, FALSE);
    }

  quota = signet_request_sender_get_quota (sender);
  if (quota != NULL && quota->low)
    {
      g_autofree char *message = signet_quota_check_dup_message (quota);

      if (message != NULL)
        _signet_request_editor_toast (self, message);
    }

  show_summary (self, sender);

  documents = signet_request_sender_dup_documents (sender);
  if (g_list_model_get_n_items (documents) > 0)
    _signet_request_editor_sent (self, documents);

  /* The counter changed by what was sent. */
  if (self->account != NULL)
    signet_account_refresh_async (self->account, self->cancellable, NULL, NULL);
}

/* The batch is written down: the queue stops keeping its files across a
 * restart, where they would come back and be paid for twice. */
static void
journalled_cb (SignetRequestEditor *self, SignetRequestSender *sender)
{
  for (guint i = 0; i < signet_request_sender_get_n_entries (sender); i++)
    if (signet_request_sender_get_document (sender, i) != NULL)
      signet_intake_item_set_journalled (signet_request_sender_get_entry (sender, i), TRUE);
}

/* "editor.send": sends every ready entry with its own request. */
static void
send_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  g_autoptr (SignetRequestSender) sender = NULL;
  g_autoptr (GPtrArray) items = NULL;

  if (self->sender != NULL || self->sync == NULL || self->blocker != NULL)
    return;

  items = _signet_request_editor_ready_items (self, NULL);
  keep_affordable (self, items);
  if (items->len == 0)
    return;

  sender = signet_request_sender_new (self->sync, self->account, self->settings);
  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (items, i);

      signet_request_sender_add (sender, item, signet_intake_item_get_file (item),
                                 signet_intake_item_get_name (item),
                                 signet_request_editor_spec_for_item (self, item));
    }

  g_signal_connect_object (sender, "notify::n-done", G_CALLBACK (progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sender, "journalled", G_CALLBACK (journalled_cb), self,
                           G_CONNECT_SWAPPED);
  _signet_request_editor_set_sender (self, sender);
  progress_cb (self);
  self->send_cancellable = g_cancellable_new ();
  signet_request_sender_run_async (sender, self->send_cancellable, run_cb, g_object_ref (self));
}

/* "editor.cancel": stops before the next entry is journalled. */
static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);

  g_cancellable_cancel (self->send_cancellable);
}

/* }}} */

void
_signet_request_editor_class_send_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "editor.send", NULL, send_activated },
    { "editor.cancel", NULL, cancel_activated },
  };

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
