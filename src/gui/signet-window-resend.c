/* signet-window-resend.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-spec-plan.h"
#include "signet-window-private.h"

/* "Send Again" from the library (`win.send-again`): the document's file
 * goes back into the queue with the request editor filled in from the
 * request it was sent with (signet_request_spec_new_from_plan()), so that
 * the person checks it and presses Send. When the file is no longer where
 * it was sent from, the window says so and offers to choose another. */

typedef struct
{
  SignetWindow      *self;
  SignetRequestSpec *spec;
} Resend;

static void
resend_free (Resend *resend)
{
  g_object_unref (resend->self);
  g_object_unref (resend->spec);
  g_free (resend);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resend, resend_free)

static void
open_prefilled (SignetWindow *self, GFile *file, SignetRequestSpec *spec)
{
  /* A file already queued keeps its entry as it is (and is said to be there). */
  if (signet_intake_queue_find (self->queue, file) == NULL)
    {
      _signet_window_ensure_editor (self);
      signet_request_editor_prefill (self->request_editor, file, spec);
    }
  _signet_window_show_main (self, TRUE);
  signet_window_open_files (self, &file, 1);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (Resend) resend = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        open_prefilled (resend->self, file, resend->spec);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
missing_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (Resend) resend = user_data;
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (response, "choose") != 0)
    return;
  chooser = gtk_file_chooser_native_new (C_ ("dialog title", "Choose the Document to Send Again"),
                                         GTK_WINDOW (resend->self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    g_steal_pointer (&resend));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
say_missing (SignetWindow *self, SignetDocument *document, SignetRequestSpec *spec)
{
  const char      *path = signet_document_get_original_path (document);
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;
  g_autofree char *shown_folder = folder != NULL ? g_filename_display_name (folder) : NULL;
  g_autofree char *body = NULL;
  Resend          *resend;
  GtkWidget       *dialog;

  body = shown_folder != NULL
           /* Translators: the first %s is a file name, the second a folder */
           ? g_strdup_printf (_ ("“%s” is no longer in %s, where it was sent from. Choose the "
                                 "document to send again: the signers and settings stay as they "
                                 "were."),
                              signet_document_get_filename (document), shown_folder)
           /* Translators: %s is a file name */
           : g_strdup_printf (_ ("“%s” is no longer where it was sent from. Choose the "
                                 "document to send again: the signers and settings stay as they "
                                 "were."),
                              signet_document_get_filename (document));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("The Document Has Moved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "choose",
                                    _ ("C_hoose Another File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  resend = g_new0 (Resend, 1);
  resend->self = g_object_ref (self);
  resend->spec = g_object_ref (spec);
  g_signal_connect (dialog, "response", G_CALLBACK (missing_response_cb), resend);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _signet_window_send_again:
 * @self: a #SignetWindow
 * @journal_id: the journal id of a document
 *
 * Puts the document's file in the queue with the editor filled in from
 * the request it was sent with, and shows the queue.
 */
void
_signet_window_send_again (SignetWindow *self, gint64 journal_id)
{
  GListModel *documents;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (SignetRequestSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  const char *path;

  if (self->sync == NULL)
    return;
  documents = signet_journal_get_documents (signet_sync_get_journal (self->sync));
  for (guint i = 0; i < g_list_model_get_n_items (documents) && document == NULL; i++)
    {
      g_autoptr (SignetDocument) item = g_list_model_get_item (documents, i);

      if (signet_document_get_journal_id (item) == journal_id)
        document = g_steal_pointer (&item);
    }
  if (document == NULL)
    return;

  spec = signet_request_spec_new_from_plan (document, &error);
  if (spec == NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      _signet_window_toast (self, message);
      return;
    }
  path = signet_document_get_original_path (document);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);

      open_prefilled (self, file, spec);
    }
  else
    say_missing (self, document, spec);
}
