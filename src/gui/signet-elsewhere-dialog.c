/* signet-elsewhere-dialog.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "signet-elsewhere-dialog.h"

/* Deleting or cancelling a document another desk (or the web app) sent
 * on the same account asks first, and says so: that desk may still be
 * waiting for it (docs/shared-account.md). */

typedef struct
{
  GtkWidget               *widget;
  GPtrArray               *documents;
  SignetDeletionKind       kind;
  SignetElsewhereConfirmed confirmed;
} Confirmation;

static void
confirmation_free (Confirmation *confirmation)
{
  g_object_unref (confirmation->widget);
  g_ptr_array_unref (confirmation->documents);
  g_free (confirmation);
}

static void
response_cb (AdwMessageDialog *dialog, const char *response, Confirmation *confirmation)
{
  if (g_strcmp0 (response, "delete") == 0)
    confirmation->confirmed (confirmation->widget, confirmation->documents, confirmation->kind);
  confirmation_free (confirmation);
}

/**
 * signet_elsewhere_confirm:
 * @widget: the widget that asks, in a window
 * @documents: (element-type SignetDocument): what is to be deleted
 * @kind: a deletion of the documents or of their requests
 * @confirmed: called with the same arguments once the person agrees
 *
 * Returns: %TRUE when a question is on screen (@confirmed is called if the
 *   person agrees); %FALSE when none of @documents was sent elsewhere and
 *   there is nothing to ask
 */
gboolean
signet_elsewhere_confirm (GtkWidget               *widget,
                          GPtrArray               *documents,
                          SignetDeletionKind       kind,
                          SignetElsewhereConfirmed confirmed)
{
  GtkWidget       *dialog;
  GtkRoot         *root = gtk_widget_get_root (widget);
  SignetDocument  *first = NULL;
  guint            n = 0;
  g_autofree char *body = NULL;
  Confirmation    *confirmation;

  for (guint i = 0; i < documents->len; i++)
    if (signet_document_get_sent_elsewhere (documents->pdata[i]))
      {
        first = first != NULL ? first : documents->pdata[i];
        n++;
      }
  if (n == 0)
    return FALSE;

  if (n == 1)
    body = g_strdup_printf (
      kind == SIGNET_DELETION_DOCUMENT
        /* Translators: %s is a file name */
        ? _ ("“%s” was sent from another desk or the OKdokument web app on this account. It is "
             "deleted from the server for everyone, and whoever sent it can no longer download "
             "the signed copy.")
        /* Translators: %s is a file name */
        : _ ("“%s” was sent from another desk or the OKdokument web app on this account. Signet "
             "does not know its signing request, so cancelling deletes the document from the "
             "server for everyone."),
      signet_document_get_filename (first));
  else
    body = g_strdup_printf (
      ngettext ("%u of these documents was sent from another desk or the OKdokument web app on "
                "this account. They are deleted from the server for everyone.",
                "%u of these documents were sent from another desk or the OKdokument web app on "
                "this account. They are deleted from the server for everyone.",
                n),
      n);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   kind == SIGNET_DELETION_DOCUMENT
                                     ? _ ("Delete a Document Sent Elsewhere?")
                                     : _ ("Cancel a Request Sent Elsewhere?"),
                                   body);
  adw_message_dialog_add_responses (
    ADW_MESSAGE_DIALOG (dialog), "keep", _ ("_Keep"), "delete",
    kind == SIGNET_DELETION_DOCUMENT ? _ ("_Delete From Server") : _ ("_Cancel Request"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  confirmation = g_new0 (Confirmation, 1);
  confirmation->widget = g_object_ref (widget);
  confirmation->documents = g_ptr_array_ref (documents);
  confirmation->kind = kind;
  confirmation->confirmed = confirmed;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
