/* signet-window-actions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-check-dialog.h"
#include "signet-window-private.h"
#include "signet-widget-util.h"

/* The window's actions: navigation (`win.*`), which any widget inside
 * reaches with gtk_widget_activate_action() and the application with the
 * same call on the window, and the queue's (`intake.*`). Pages never call
 * the window: they activate these, or emit a signal the window handles. */

/* What the file chooser offers: what okdokument-api.md §9.1 accepts. */
static const char *const supported_types[] = {
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
static const char *const supported_patterns[] = {
  "*.pdf", "*.PDF", "*.doc", "*.DOC", "*.docx", "*.DOCX", "*.xls", "*.XLS", "*.xlsx", "*.XLSX",
};

/* {{{ Navigation */

static void
change_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);

  _signet_window_show_onboarding (self, signet_account_get_environment (self->account)
                                          != SIGNET_ENVIRONMENT_NONE);
}

static void
show_library_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _signet_window_show_main (SIGNET_WINDOW (widget), FALSE);
}

static void
show_queue_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _signet_window_show_main (SIGNET_WINDOW (widget), TRUE);
}

/* win.show-document(x): the library with the page of the document of
 * that journal id. */
static void
show_document_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);

  _signet_window_show_main (self, FALSE);
  signet_library_view_show_document (self->library_view, g_variant_get_int64 (parameter));
}

/* win.send-again(x): the queue, with that journal id's document in it
 * and the editor filled in from its request (signet-window-resend.c). */
static void
send_again_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _signet_window_send_again (SIGNET_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* win.show-handover(ax): the hand-over page of the documents of those
 * journal ids, in that order; ids the journal does not hold are skipped. */
static void
show_handover_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);
  g_autoptr (GListStore) batch = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  GListModel   *documents;
  gsize         n_ids = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n_ids, sizeof (gint64));

  if (self->sync == NULL)
    return;
  documents = signet_journal_get_documents (signet_sync_get_journal (self->sync));
  for (gsize i = 0; i < n_ids; i++)
    for (guint position = 0; position < g_list_model_get_n_items (documents); position++)
      {
        g_autoptr (SignetDocument) document = g_list_model_get_item (documents, position);

        if (signet_document_get_journal_id (document) == ids[i])
          {
            g_list_store_append (batch, document);
            break;
          }
      }
  if (g_list_model_get_n_items (G_LIST_MODEL (batch)) > 0)
    _signet_window_show_handover (self, G_LIST_MODEL (batch));
}

static void
next_pane_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _signet_window_move_to_pane (SIGNET_WINDOW (widget), TRUE);
}

static void
previous_pane_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _signet_window_move_to_pane (SIGNET_WINDOW (widget), FALSE);
}

/* }}} */
/* {{{ The queue: open, paste, remove */

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, SignetWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      signet_window_open_files (self, (GFile **) files->pdata, files->len);
    }

  /* Destroyed, not only dropped: a hidden dialog window left behind is a
   * toplevel without an object path for GTK 4.8's AT-SPI root, which an
   * assistive tool walking the windows then crashes on (see
   * show_help_overlay_activated()). */
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  gtk_file_filter_set_name (filter, _ ("PDF, Word and Excel Documents"));
  for (guint i = 0; i < G_N_ELEMENTS (supported_types); i++)
    gtk_file_filter_add_mime_type (filter, supported_types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (supported_patterns); i++)
    gtk_file_filter_add_pattern (filter, supported_patterns[i]);

  self->chooser
    = gtk_file_chooser_native_new (C_ ("dialog title", "Open Documents"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
paste_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  const GValue *value;
  g_autoptr (GSList) files = NULL;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (value != NULL)
    files = gdk_file_list_get_files (g_value_get_boxed (value));

  if (files == NULL)
    {
      _signet_window_toast (
        self, _ ("There are no files to paste. Copy documents in Files, then paste them here."));
      return;
    }

  _signet_window_open_file_list (self, files);
}

static void
paste_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);

  gdk_clipboard_read_value_async (gtk_widget_get_clipboard (widget), GDK_TYPE_FILE_LIST,
                                  G_PRIORITY_DEFAULT, self->cancellable, paste_cb,
                                  g_object_ref (self));
}

static void
remove_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);

  if (self->shown_item != NULL)
    _signet_window_remove_item (self, self->shown_item);
}

/* }}} */
/* {{{ The queue of the last run */

static void
remove_restored_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);
  g_autoptr (GPtrArray) restored = g_steal_pointer (&self->restored);

  for (guint i = 0; restored != NULL && i < restored->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (restored, i);

      /* Unless it was sent or removed meanwhile. */
      if (signet_intake_queue_find (self->queue, signet_intake_item_get_file (item)) == item)
        _signet_window_remove_item (self, item);
    }
}

static void
restored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWindow) self = user_data;
  g_autoptr (GHashTable) before = g_object_steal_data (G_OBJECT (self), "queue-before-restore");
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast        *toast;
  int              n;
  guint            n_items;

  n = signet_intake_queue_restore_finish (self->queue, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The queue starts afresh and is kept from now on; the person hears why
   * the files of last time did not come back. */
  if (n < 0)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  signet_intake_queue_set_state_file (self->queue, self->state_file);
  if (n <= 0)
    return;

  g_clear_pointer (&self->restored, g_ptr_array_unref);
  self->restored = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (SignetIntakeItem) item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (!g_hash_table_contains (before, item))
        g_ptr_array_add (self->restored, g_steal_pointer (&item));
    }

  title = g_strdup_printf (ngettext ("%d document from last time is back in the queue",
                                     "%d documents from last time are back in the queue", n),
                           n);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("_Remove"));
  adw_toast_set_action_name (toast, "win.remove-restored");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * signet_window_restore_queue:
 * @self: a #SignetWindow
 * @state_file: where the queue is kept, such as
 *   `$XDG_STATE_HOME/signet/queue.json`
 *
 * Brings back the files an earlier run left in the queue, with their
 * settings, says so with a way to remove them, and from then on keeps the
 * queue in @state_file. Only one window of a run keeps the queue.
 */
void
signet_window_restore_queue (SignetWindow *self, GFile *state_file)
{
  GHashTable *before = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  guint       n_items;

  g_return_if_fail (SIGNET_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (state_file));

  g_set_object (&self->state_file, state_file);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  for (guint i = 0; i < n_items; i++)
    g_hash_table_add (before, g_list_model_get_item (G_LIST_MODEL (self->queue), i));
  g_object_set_data_full (G_OBJECT (self), "queue-before-restore", before,
                          (GDestroyNotify) g_hash_table_unref);
  signet_intake_queue_restore_async (self->queue, state_file, self->cancellable, restored_cb,
                                     g_object_ref (self));
}

/* }}} */

/* The shortcuts window is built when asked for and destroyed when closed.
 * GtkApplication would keep it as a hidden help overlay for the whole run,
 * and GTK 4.8's AT-SPI root answers GetChildAtIndex past the visible windows
 * with the last toplevel, hidden or not: a hidden window has no object path,
 * and Signet died with a critical in g_variant_new_object_path() while an
 * assistive tool walked its windows. No hidden toplevel is ever kept. */
/* GTK 4.8's shortcuts window has a search button that shows only an icon
 * and has no name, so a screen reader read it as "GtkImage". It gets the
 * words GTK itself uses for that search, in GTK's own translation. */
static void
name_search_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        {
          const char *name = g_dgettext ("gtk40", "Search Shortcuts");

          gtk_widget_set_tooltip_text (child, name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
        }
      else
        name_search_button (child);
    }
}

static void
show_help_overlay_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GtkBuilder) builder
    = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_hide_on_close (shortcuts, FALSE);
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  name_search_button (gtk_window_get_titlebar (shortcuts));
  gtk_window_present (shortcuts);
}

/* docs/evidence.md: whether a file is the archive's signed copy. */
static void
check_document_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetWindow *self = SIGNET_WINDOW (widget);
  g_autoptr (GListStore) none = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  GListModel *documents = self->sync != NULL
                            ? signet_journal_get_documents (signet_sync_get_journal (self->sync))
                            : G_LIST_MODEL (none);

  gtk_window_present (GTK_WINDOW (signet_check_dialog_new (GTK_WINDOW (self), documents)));
}

void
_signet_window_class_actions_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "win.change-account", NULL, change_account_activated },
    { "win.show-library", NULL, show_library_activated },
    { "win.show-queue", NULL, show_queue_activated },
    { "win.show-document", "x", show_document_activated },
    { "win.show-handover", "ax", show_handover_activated },
    { "win.send-again", "x", send_again_activated },
    { "win.show-help-overlay", NULL, show_help_overlay_activated },
    { "win.next-pane", NULL, next_pane_activated },
    { "win.previous-pane", NULL, previous_pane_activated },
    { "intake.open", NULL, open_activated },
    { "intake.paste", NULL, paste_activated },
    { "intake.remove-selected", NULL, remove_selected_activated },
    { "win.remove-restored", NULL, remove_restored_activated },
    { "win.check-document", NULL, check_document_activated },
  };
  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
  _signet_window_class_office_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "intake.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "intake.paste",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.previous-pane", NULL);
}
