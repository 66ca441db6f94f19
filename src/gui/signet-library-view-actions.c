/* signet-library-view-actions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-journal-removed.h"
#include "signet-elsewhere-dialog.h"
#include "signet-library-util.h"
#include "signet-library-view-private.h"
#include "signet-presenter-window.h"
#include "signet-widget-util.h"

/* The library's actions (`library.*`): on the document shown, deletions
 * with their Undo, selection mode, search. The detail page's rows and the
 * header's buttons activate them; the view's own code never calls them. */

/* {{{ Actions on the shown document */

static SignetDocument *
shown (SignetLibraryView *self)
{
  return signet_document_page_get_document (self->document_page);
}

static void
launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not open it: %s", error->message);
      _signet_library_view_toast (self, _ ("No app is set up to open PDF documents"));
    }
}

static void
launch_path (SignetLibraryView *self, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  g_debug ("Opening %s", uri);
  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, launched_cb,
                                           g_object_ref (self));
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autofree char   *path = NULL;

  if (shown (self) == NULL)
    return;
  path = signet_document_dup_local_path (shown (self));
  if (path == NULL)
    {
      _signet_library_view_toast (self, _ ("The file is no longer on this computer"));
      return;
    }
  launch_path (self, path);
}

static void
shown_in_files_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || shown (self) == NULL)
    return;
  /* No file manager answers: open the folder instead. */
  g_debug ("ShowItems failed: %s", error->message);
  path = signet_document_dup_local_path (shown (self));
  if (path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      launch_path (self, folder);
    }
}

static void
show_in_files_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GDBusConnection   *bus = g_application_get_dbus_connection (g_application_get_default ());
  g_autofree char   *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;
  const char      *uris[2] = { NULL, NULL };

  if (shown (self) == NULL || (path = signet_document_dup_local_path (shown (self))) == NULL)
    return;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  uris[0] = uri;
  if (bus == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      launch_path (self, folder);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000,
                          self->cancellable, shown_in_files_cb, g_object_ref (self));
}

static void
copied_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _signet_library_view_toast (self, error->message);
}

static void
copy_into (SignetLibraryView *self, SignetDocument *document, GFile *destination)
{
  g_autofree char *path = signet_document_dup_local_path (document);
  g_autoptr (GFile) source = NULL;

  if (path == NULL)
    return;
  source = g_file_new_for_path (path);
  g_file_copy_async (source, destination, G_FILE_COPY_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                     NULL, NULL, copied_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, SignetLibraryView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        copy_into (self, g_ptr_array_index (self->chooser_documents, 0), chosen);
      else
        for (guint i = 0; i < self->chooser_documents->len; i++)
          {
            SignetDocument  *document = g_ptr_array_index (self->chooser_documents, i);
            g_autofree char *path = signet_document_dup_local_path (document);
            g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;
            g_autoptr (GFile) destination = name != NULL ? g_file_get_child (chosen, name) : NULL;

            if (destination != NULL)
              copy_into (self, document, destination);
          }
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->chooser_documents, g_ptr_array_unref);
}

static void
choose (SignetLibraryView *self, GtkFileChooserAction action, GPtrArray *documents)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->chooser != NULL || documents->len == 0)
    {
      g_ptr_array_unref (documents);
      return;
    }
  self->chooser_documents = documents;
  self->chooser = gtk_file_chooser_native_new (
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? C_ ("dialog title", "Save Document As")
                                           : C_ ("dialog title", "Copy Documents To"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? _ ("_Save") : _ ("_Copy"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *path = signet_document_dup_local_path (g_ptr_array_index (documents, 0));
      g_autofree char *name = g_path_get_basename (path);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GPtrArray         *documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char   *path = NULL;

  if (shown (self) != NULL && (path = signet_document_dup_local_path (shown (self))) != NULL)
    g_ptr_array_add (documents, g_object_ref (shown (self)));
  choose (self, GTK_FILE_CHOOSER_ACTION_SAVE, documents);
}

static void
copy_link_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  const char *url = shown (self) != NULL ? signet_document_get_signing_url (shown (self)) : NULL;

  if (url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
  _signet_library_view_toast (self, _ ("Link copied"));
}

/* Presenter mode for the one document shown, as from the hand-over page:
 * only while it waits for its signer and has a link to show. */
static void
present_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  SignetDocument    *document = shown (self);
  g_autoptr (GListStore) batch = NULL;
  GtkRoot   *root;
  GtkWidget *presenter;

  if (document == NULL || signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_OPEN
      || signet_document_get_signing_url (document) == NULL)
    return;
  /* One presenter at a time: another document's takes its place. */
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_clear_weak_pointer (&self->presenter);

  batch = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  g_list_store_append (batch, document);
  root = gtk_widget_get_root (widget);
  presenter = signet_presenter_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           G_LIST_MODEL (batch), 0);
  signet_presenter_window_set_sync (SIGNET_PRESENTER_WINDOW (presenter), self->sync);
  g_set_weak_pointer (&self->presenter, presenter);
  gtk_window_present (GTK_WINDOW (presenter));
}

static void
sent_again_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  /* Journalling is not cancelled with the window (the person asked for
   * the request to go, as with the editor's Send), but nobody is told
   * once the view is gone. */
  document = signet_sync_send_finish (SIGNET_SYNC (source), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (document == NULL)
    _signet_library_view_toast (self, error->message);
}

static gboolean
can_send_again (SignetDocument *document)
{
  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_CANCELED:
      case SIGNET_DOCUMENT_STATUS_EXPIRED:
      case SIGNET_DOCUMENT_STATUS_FAILED:
      case SIGNET_DOCUMENT_STATUS_VANISHED:
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
send_again (SignetLibraryView *self, SignetDocument *document)
{
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GError) error = NULL;

  if (self->sync == NULL || !can_send_again (document))
    return FALSE;
  rounds = signet_library_rebuild_rounds (document, &error);
  if (rounds == NULL)
    {
      _signet_library_view_toast (self, error->message);
      return FALSE;
    }
  signet_sync_send_async (self->sync, (SignetSignatureRequest **) rounds->pdata, rounds->len, NULL,
                          sent_again_cb, g_object_ref (self));
  return TRUE;
}

/* One document: the request editor, filled in from its request, for the
 * person to check and send (`win.send-again`, signet-window-resend.c).
 * Several in selection mode are sent at once (send_again()). */
static void
send_again_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (shown (self) == NULL || !can_send_again (shown (self)))
    return;
  gtk_widget_activate_action (widget, "win.send-again", "x",
                              signet_document_get_journal_id (shown (self)));
}

static void
next_round_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->tracker == NULL)
    return;
  signet_tracker_poll_now (self->tracker);
  _signet_library_view_toast (self, _ ("Asking OKdokument whether this round is signed"));
}

/* }}} */
/* {{{ Remove from This List, with Undo */

/* The entry goes from the list at once and the journal writes it then:
 * only this desk's list changes, so there is nothing to wait for before
 * doing it, and Undo writes it back (signet-journal-removed.c). */
static void
removal_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!signet_journal_set_removed_finish (SIGNET_JOURNAL (source), result, &error)
      && !self->disposed)
    _signet_library_view_toast (self, error->message);
}

static void
removal_undo_cb (AdwToast *toast, SignetLibraryView *self)
{
  SignetDocument *document = g_object_get_data (G_OBJECT (toast), "signet-document");

  if (self->journal == NULL || !signet_journal_get_removed (document))
    return;
  g_debug ("Undone: a removal from the list");
  signet_journal_set_removed_async (self->journal, document, FALSE, removal_written_cb,
                                    g_object_ref (self));
}

static void
remove_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  SignetDocument    *document = shown (self);
  GtkWidget         *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char   *name = NULL;
  g_autofree char   *title = NULL;
  AdwToast          *toast;

  if (document == NULL || self->journal == NULL || !signet_journal_can_remove (document)
      || signet_journal_get_removed (document)
      || signet_deletions_is_pending (self->deletions, document))
    return;

  signet_journal_set_removed_async (self->journal, document, TRUE, removal_written_cb,
                                    g_object_ref (self));
  if (overlay == NULL)
    return;
  name = g_markup_escape_text (signet_document_get_filename (document), -1);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_ ("“%s” is removed from this list"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "signet-document", g_object_ref (document),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (removal_undo_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* }}} */
/* {{{ Deletions with Undo */

typedef struct
{
  SignetLibraryView *self;
  GArray            *ids;
  gboolean           undone;
} PendingToast;

static void
pending_toast_free (gpointer data)
{
  PendingToast *pending = data;

  g_object_unref (pending->self);
  g_array_unref (pending->ids);
  g_free (pending);
}

static void
forget_toast_ids (SignetLibraryView *self, GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < self->toast_ids->len; j++)
      if (g_array_index (self->toast_ids, guint, j) == g_array_index (ids, guint, i))
        {
          g_array_remove_index_fast (self->toast_ids, j);
          break;
        }
}

static void
undo_cb (AdwToast *toast_, PendingToast *pending)
{
  pending->undone = TRUE;
  for (guint i = 0; i < pending->ids->len; i++)
    signet_deletions_undo (pending->self->deletions, g_array_index (pending->ids, guint, i));
  forget_toast_ids (pending->self, pending->ids);
  g_debug ("Undone: %u deletions", pending->ids->len);
}

/* The toast is gone: what it offered to undo is sent now. */
/* How long Undo is offered (the key `undo-seconds`; 5 s, a toast's own
 * time, by default): some people need longer to read it. */
static guint
undo_seconds (void)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APPLICATION_ID);

  return g_settings_get_uint (settings, "undo-seconds");
}

static void
dismissed_cb (AdwToast *toast_, PendingToast *pending)
{
  if (pending->undone || pending->self->deletions == NULL)
    return;
  for (guint i = 0; i < pending->ids->len; i++)
    signet_deletions_commit (pending->self->deletions, g_array_index (pending->ids, guint, i));
  forget_toast_ids (pending->self, pending->ids);
}

static void
delete_documents_now (GtkWidget *widget, GPtrArray *documents, SignetDeletionKind kind)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GtkWidget         *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  PendingToast      *pending;
  g_autofree char   *title = NULL;
  AdwToast          *undo_toast;

  if (self->deletions == NULL || documents->len == 0)
    return;

  pending = g_new0 (PendingToast, 1);
  pending->self = g_object_ref (self);
  pending->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < documents->len; i++)
    {
      guint id = signet_deletions_add (self->deletions, g_ptr_array_index (documents, i), kind);

      g_array_append_val (pending->ids, id);
      g_array_append_val (self->toast_ids, id);
    }

  if (documents->len == 1)
    {
      g_autofree char *name = g_markup_escape_text (
        signet_document_get_filename (g_ptr_array_index (documents, 0)), -1);

      title = kind == SIGNET_DELETION_DOCUMENT
                /* Translators: %s is a file name */
                ? g_strdup_printf (_ ("“%s” is deleted from the server"), name)
                /* Translators: %s is a file name */
                : g_strdup_printf (_ ("The request for “%s” is cancelled"), name);
    }
  else
    title = g_strdup_printf (ngettext ("%u document is deleted from the server",
                                       "%u documents are deleted from the server", documents->len),
                             documents->len);

  g_debug ("Waiting for Undo: %u deletions", documents->len);
  undo_toast = adw_toast_new (title);
  adw_toast_set_button_label (undo_toast, _ ("Undo"));
  adw_toast_set_priority (undo_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (undo_toast, undo_seconds ());
  g_signal_connect (undo_toast, "button-clicked", G_CALLBACK (undo_cb), pending);
  g_signal_connect_data (undo_toast, "dismissed", G_CALLBACK (dismissed_cb), pending,
                         (GClosureNotify) (void (*) (void)) pending_toast_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), undo_toast);
  else
    {
      /* No overlay to offer Undo in: send at once. */
      dismissed_cb (undo_toast, pending);
      g_object_ref_sink (undo_toast);
      g_object_unref (undo_toast);
    }
}

/* A document sent elsewhere on the account is deleted only once asked. */
static void
delete_documents (SignetLibraryView *self, GPtrArray *documents, SignetDeletionKind kind)
{
  if (!signet_elsewhere_confirm (GTK_WIDGET (self), documents, kind, delete_documents_now))
    delete_documents_now (GTK_WIDGET (self), documents, kind);
}

static void
delete_one (SignetLibraryView *self, SignetDeletionKind kind)
{
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  SignetDocument *document = shown (self);

  if (document == NULL || signet_deletions_is_pending (self->deletions, document))
    return;
  if (kind == SIGNET_DELETION_DOCUMENT && signet_document_get_document_id (document) == NULL)
    return;
  if (kind == SIGNET_DELETION_REQUEST
      && signet_document_status_is_final (signet_document_get_status (document)))
    return;
  g_ptr_array_add (documents, g_object_ref (document));
  delete_documents (self, documents, kind);
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  delete_one (SIGNET_LIBRARY_VIEW (widget), SIGNET_DELETION_DOCUMENT);
}

static void
cancel_request_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  delete_one (SIGNET_LIBRARY_VIEW (widget), SIGNET_DELETION_REQUEST);
}

/* SignetDeletions::failed: already a sentence that names the file, also
 * for a document the server deleted but the journal could not write. */
void
_signet_library_view_deletion_failed_cb (SignetDeletions   *deletions,
                                         SignetDocument    *document,
                                         GError            *error,
                                         SignetLibraryView *self)
{
  _signet_library_view_toast (self, error->message);
}

/* }}} */
/* {{{ Selection mode */

static GPtrArray *
selected_documents (SignetLibraryView *self)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->multi));
  GtkBitsetIter iter;
  guint         position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (documents, g_list_model_get_item (G_LIST_MODEL (self->multi), position));
  return documents;
}

void
_signet_library_view_multi_changed_cb (SignetLibraryView *self)
{
  g_autoptr (GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->multi));
  guint            n = (guint) gtk_bitset_get_size (set);
  g_autofree char *text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);

  gtk_label_set_label (self->selection_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.send-again-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.save-selected", n > 0);
}

static void
set_selecting (SignetLibraryView *self, gboolean selecting)
{
  if (self->selecting == selecting)
    return;
  self->selecting = selecting;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->multi));
  gtk_list_view_set_model (self->list_view, selecting ? GTK_SELECTION_MODEL (self->multi)
                                                      : GTK_SELECTION_MODEL (self->single));
  gtk_action_bar_set_revealed (self->selection_bar, selecting);
  _signet_library_view_update_selection_buttons (self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->select_button), selecting);
  _signet_library_view_multi_changed_cb (self);
  if (!selecting)
    _signet_library_view_selected_cb (self);
}

static void
select_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  set_selecting (self, !self->selecting);
}

static void
select_all_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  set_selecting (self, TRUE);
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->multi));
}

/* From the detail back to the list, in both layouts, with the focus on
 * the row the detail came from; folded, from the list to the states.
 * Folded, the leaflet's notify::visible-child moves the focus along
 * (leaflet_changed_cb()), as for its own Back gestures. */
static void
go_back (SignetLibraryView *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);

  if (adw_leaflet_get_folded (self->leaflet))
    {
      if (visible != self->detail_pane && visible != self->list_pane)
        return;
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
  else if (focus != NULL && gtk_widget_is_ancestor (focus, self->detail_pane))
    signet_library_view_focus_list (self);
  else
    return;

  /* Only keys get here: the ring shows where the focus went. */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

static void
escape_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->selecting)
    set_selecting (self, FALSE);
  else
    go_back (self);
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  go_back (SIGNET_LIBRARY_VIEW (widget));
}

static void
delete_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autoptr (GPtrArray) selected = selected_documents (self);
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < selected->len; i++)
    {
      SignetDocument *document = g_ptr_array_index (selected, i);

      if (signet_document_get_document_id (document) != NULL
          && !signet_deletions_is_pending (self->deletions, document))
        g_ptr_array_add (documents, g_object_ref (document));
    }
  delete_documents (self, documents, SIGNET_DELETION_DOCUMENT);
  set_selecting (self, FALSE);
}

static void
send_again_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autoptr (GPtrArray) selected = selected_documents (self);
  guint n = 0;

  for (guint i = 0; i < selected->len; i++)
    if (send_again (self, g_ptr_array_index (selected, i)))
      n++;
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (
        ngettext ("%u document is sent again", "%u documents are sent again", n), n);
      _signet_library_view_toast (self, title);
    }
  else
    _signet_library_view_toast (
      self, _ ("Only cancelled, expired or failed documents can be sent again"));
  set_selecting (self, FALSE);
}

static void
save_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GPtrArray         *documents = selected_documents (self);

  choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, documents);
  set_selecting (self, FALSE);
}

/* }}} */
/* {{{ Search and the server's state */

static void
search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->selecting)
    set_selecting (self, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* What is typed next replaces the last search. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->tracker != NULL)
    signet_tracker_poll_now (self->tracker);
}

/* }}} */

void
_signet_library_view_class_actions_init (GtkWidgetClass *widget_class)
{
  static const SignetWidgetAction actions[] = {
    { "library.search", NULL, search_activated },
    { "library.refresh", NULL, refresh_activated },
    { "library.select", NULL, select_activated },
    { "library.select-all", NULL, select_all_activated },
    { "library.escape", NULL, escape_activated },
    { "library.back", NULL, back_activated },
    { "library.open", NULL, open_activated },
    { "library.show-in-files", NULL, show_in_files_activated },
    { "library.save-as", NULL, save_as_activated },
    { "library.copy-link", NULL, copy_link_activated },
    { "library.present", NULL, present_activated },
    { "library.remove", NULL, remove_activated },
    { "library.send-again", NULL, send_again_activated },
    { "library.next-round", NULL, next_round_activated },
    { "library.delete", NULL, delete_activated },
    { "library.cancel-request", NULL, cancel_request_activated },
    { "library.delete-selected", NULL, delete_selected_activated },
    { "library.send-again-selected", NULL, send_again_selected_activated },
    { "library.save-selected", NULL, save_selected_activated },
  };
  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "library.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "library.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "library.copy-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "library.present", NULL);
}
