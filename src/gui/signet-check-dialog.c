/* signet-check-dialog.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-check-dialog"

#include "config.h"

#include "signet-check-dialog.h"

#include <glib/gi18n.h>

#include "signet-archive-check.h"
#include "signet-evidence-export.h"
#include "signet-journal-evidence.h"

/* "Check a Signed Document…" (docs/evidence.md): a file chosen or dropped
 * here is compared with the archive's signed copies and its signatures are
 * checked, so that a copy changed on its way back is caught. */
struct _SignetCheckDialog
{
  AdwWindow parent_instance;

  GListModel           *documents;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  AdwStatusPage *status_page;
  GtkWidget     *result_group;
  AdwActionRow  *archive_row;
  GtkImage      *archive_icon;
  AdwActionRow  *signature_row;
  GtkImage      *signature_icon;
};

G_DEFINE_FINAL_TYPE (SignetCheckDialog, signet_check_dialog, ADW_TYPE_WINDOW)

static void
set_icon (GtkImage *image, const char *icon, const char *style)
{
  static const char *styles[] = { "success", "error", "dim-label" };

  gtk_image_set_from_icon_name (image, icon);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (image), style);
}

static void
show_archive (SignetCheckDialog *self, SignetArchiveCheck *check)
{
  SignetDocument  *document = signet_archive_check_get_document (check);
  const char      *name = document != NULL ? signet_document_get_filename (document) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  switch (signet_archive_check_get_match (check))
    {
      case SIGNET_ARCHIVE_MATCH_IDENTICAL:
        /* Translators: %s is the name of the document that was sent */
        title = g_strdup_printf (_ ("Identical to the archived signed copy of “%s”"), name);
        set_icon (self->archive_icon, "emblem-ok-symbolic", "success");
        break;
      case SIGNET_ARCHIVE_MATCH_DIFFERENT:
        /* Translators: %s is the name of the document that was sent */
        title
          = g_strdup_printf (_ ("Not the archived signed copy of “%s”: its bytes differ"), name);
        set_icon (self->archive_icon, "dialog-warning-symbolic", "error");
        break;
      case SIGNET_ARCHIVE_MATCH_NONE:
      default:
        title = g_strdup (_ ("Not in the archive: no signed copy here has the same bytes"));
        set_icon (self->archive_icon, "dialog-question-symbolic", "dim-label");
        break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->archive_row), title);
  /* Translators: %s is a SHA-256 checksum in hex */
  subtitle = g_strdup_printf (_ ("SHA-256: %s"), signet_archive_check_get_sha256 (check));
  adw_action_row_set_subtitle (self->archive_row, subtitle);
}

static void
show_signature (SignetCheckDialog *self, SignetSignatureCheck *check)
{
  g_autoptr (JsonObject) copy = signet_evidence_check_to_json (check);
  g_autofree char *line = signet_evidence_describe_signature (copy);
  g_autofree char *certificate = signet_evidence_describe_certificate (copy);

  switch (signet_signature_check_get_status (check))
    {
      case SIGNET_SIGNATURE_VALID:
        set_icon (self->signature_icon, "emblem-ok-symbolic", "success");
        break;
      case SIGNET_SIGNATURE_CHANGED:
      case SIGNET_SIGNATURE_INVALID:
        set_icon (self->signature_icon, "dialog-warning-symbolic", "error");
        break;
      default:
        set_icon (self->signature_icon, "dialog-question-symbolic", "dim-label");
        break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signature_row), line);
  adw_action_row_set_subtitle (
    self->signature_row, signet_signature_check_get_n_signatures (check) > 0 ? certificate : NULL);
}

static void
checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetCheckDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetArchiveCheck) check = signet_archive_check_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_page), TRUE);
  if (check == NULL)
    {
      adw_status_page_set_title (self->status_page, _ ("Not a PDF Signet Can Read"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_widget_set_visible (self->result_group, FALSE);
      return;
    }
  adw_status_page_set_title (
    self->status_page,
    signet_archive_check_get_match (check) == SIGNET_ARCHIVE_MATCH_IDENTICAL
        && signet_signature_check_get_status (signet_archive_check_get_signature (check))
             == SIGNET_SIGNATURE_VALID
      ? _ ("This Is the Signed Copy")
      : _ ("This Is Not the Signed Copy"));
  show_archive (self, check);
  show_signature (self, signet_archive_check_get_signature (check));
  gtk_widget_set_visible (self->result_group, TRUE);
}

/**
 * signet_check_dialog_check_file:
 * @self: a #SignetCheckDialog
 * @file: the PDF to check
 *
 * Checks @file and shows what was found.
 */
void
signet_check_dialog_check_file (SignetCheckDialog *self, GFile *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SIGNET_IS_CHECK_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  name = g_file_get_basename (file);
  adw_status_page_set_title (self->status_page, _ ("Checking…"));
  adw_status_page_set_description (self->status_page, name);
  gtk_widget_set_visible (self->result_group, FALSE);
  signet_archive_check_async (file, self->documents, self->cancellable, checked_cb,
                              g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, SignetCheckDialog *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    signet_check_dialog_check_file (self, file);
}

static void
choose_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetCheckDialog *self = SIGNET_CHECK_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _ ("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  self->chooser = gtk_file_chooser_native_new (C_ ("dialog title", "Choose a Signed Document"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _ ("_Check"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, SignetCheckDialog *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  signet_check_dialog_check_file (self, g_value_get_object (value));
  return TRUE;
}

static void
signet_check_dialog_dispose (GObject *object)
{
  SignetCheckDialog *self = SIGNET_CHECK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->documents);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIGNET_TYPE_CHECK_DIALOG);

  G_OBJECT_CLASS (signet_check_dialog_parent_class)->dispose (object);
}

static void
signet_check_dialog_class_init (SignetCheckDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_check_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, result_group);
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, archive_row);
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, archive_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, signature_row);
  gtk_widget_class_bind_template_child (widget_class, SignetCheckDialog, signature_icon);
  gtk_widget_class_install_action (widget_class, "check.choose", NULL, choose_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
signet_check_dialog_init (SignetCheckDialog *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * signet_check_dialog_new:
 * @parent: the window it belongs to
 * @documents: (element-type SignetDocument): the journal's documents
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWidget *
signet_check_dialog_new (GtkWindow *parent, GListModel *documents)
{
  SignetCheckDialog *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (documents), NULL);

  self = g_object_new (SIGNET_TYPE_CHECK_DIALOG, "transient-for", parent, NULL);
  self->documents = g_object_ref (documents);
  return GTK_WIDGET (self);
}

/**
 * signet_check_dialog_take_drop:
 * @parent: the window the files were dropped on
 * @documents: (nullable) (element-type SignetDocument): the journal's documents
 * @files: (element-type GFile): the dropped files
 *
 * A signed copy dragged out of the archive onto the window is not a new
 * document to send: it is checked (docs/evidence.md).
 *
 * Returns: whether @files was one archived copy, now being checked
 */
gboolean
signet_check_dialog_take_drop (GtkWindow *parent, GListModel *documents, GSList *files)
{
  g_autofree char *path = NULL;
  guint            n;

  if (documents == NULL || files == NULL || files->next != NULL)
    return FALSE;
  path = g_file_get_path (files->data);
  if (path == NULL)
    return FALSE;
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (signet_document_get_archive_path (document), path) == 0)
        {
          GtkWidget *dialog = signet_check_dialog_new (parent, documents);

          gtk_window_present (GTK_WINDOW (dialog));
          signet_check_dialog_check_file (SIGNET_CHECK_DIALOG (dialog), files->data);
          return TRUE;
        }
    }
  return FALSE;
}
