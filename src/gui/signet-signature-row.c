/* signet-signature-row.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-signature-row"

#include "config.h"

#include "signet-signature-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "signet-evidence-export.h"
#include "signet-journal-evidence.h"
#include "signet-library-util.h"
#include "signet-signature-check.h"
#include "signet-widget-util.h"

/* The detail page's word on the archived signed copy (docs/evidence.md):
 * its newest check in plain words, the certificate a click away, checking
 * again, and exporting the evidence record. Shown only once a signed copy
 * is archived; a copy never checked (archived before Signet checked) is
 * checked when first shown. */
struct _SignetSignatureRow
{
  AdwBin parent_instance;

  SignetJournal  *journal;
  SignetDocument *document;
  GCancellable   *cancellable;
  JsonNode       *record;
  gboolean        asked_check; /* for this document */

  AdwActionRow         *line_row;
  GtkImage             *status_icon;
  GtkMenuButton        *details_button;
  GtkLabel             *signer_label;
  GtkLabel             *time_label;
  GtkLabel             *certificate_label;
  GtkLabel             *count_label;
  GtkLabel             *whole_label;
  GtkLabel             *sha256_label;
  GtkLabel             *checked_label;
  AdwActionRow         *export_row;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (SignetSignatureRow, signet_signature_row, ADW_TYPE_BIN)

static void load (SignetSignatureRow *self);

static JsonObject *
signed_copy (SignetSignatureRow *self)
{
  JsonObject *record;

  if (self->record == NULL)
    return NULL;
  record = json_node_get_object (self->record);
  if (!json_object_has_member (record, "signedCopy")
      || json_object_get_null_member (record, "signedCopy"))
    return NULL;
  return json_object_get_object_member (record, "signedCopy");
}

static void
set_label (GtkLabel *label, const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "—");
}

static void
show_line (SignetSignatureRow *self, const char *line, const char *icon, const char *style)
{
  static const char *styles[] = { "success", "warning", "error", "dim-label" };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->line_row), line);
  gtk_image_set_from_icon_name (self->status_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style);
}

static void
show_record (SignetSignatureRow *self)
{
  JsonObject *copy = signed_copy (self);
  const char *status
    = copy ? json_object_get_string_member_with_default (copy, "signature", NULL) : NULL;
  g_autofree char *line = signet_evidence_describe_signature (copy);
  g_autofree char *certificate = signet_evidence_describe_certificate (copy);
  g_autofree char *time = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *count = NULL;

  if (g_strcmp0 (status, "valid") == 0)
    show_line (self, line, "emblem-ok-symbolic", "success");
  else if (g_strcmp0 (status, "changed") == 0 || g_strcmp0 (status, "invalid") == 0)
    show_line (self, line, "dialog-warning-symbolic", "error");
  else
    show_line (self, line, "dialog-question-symbolic", "dim-label");
  adw_action_row_set_subtitle (self->line_row, copy != NULL ? certificate : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_button), copy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.export-evidence",
                                 self->record != NULL);
  if (copy == NULL)
    return;

  time = signet_evidence_format_time (
    json_object_get_string_member_with_default (copy, "signingTime", NULL));
  checked = signet_evidence_format_time (
    json_object_get_string_member_with_default (copy, "checked", NULL));
  count = g_strdup_printf ("%" G_GINT64_FORMAT,
                           json_object_get_int_member_with_default (copy, "signatures", 0));
  set_label (self->signer_label, json_object_get_string_member_with_default (copy, "signer", NULL));
  set_label (self->time_label, time);
  set_label (self->certificate_label, certificate);
  set_label (self->count_label, count);
  set_label (self->whole_label,
             json_object_get_boolean_member_with_default (copy, "coversWholeFile", FALSE)
               ? _ ("Yes")
               : _ ("No"));
  set_label (self->sha256_label, json_object_get_string_member_with_default (copy, "sha256", NULL));
  set_label (self->checked_label, checked);
}

static void
show_error (SignetSignatureRow *self, const char *message)
{
  show_line (self, message, "dialog-warning-symbolic", "warning");
  adw_action_row_set_subtitle (self->line_row, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_button), FALSE);
}

static void
recorded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetSignatureRow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) check
    = signet_journal_record_evidence_finish (SIGNET_JOURNAL (source), result, &error);

  /* A written check comes back through the journal's document-changed. */
  if (check == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message
        /* Translators: %s says why */
        = g_strdup_printf (_ ("The signed copy could not be checked: %s"), error->message);

      show_error (self, message);
    }
}

static void
check_now (SignetSignatureRow *self)
{
  show_line (self, _ ("Checking the signature…"), "content-loading-symbolic", "dim-label");
  signet_journal_record_evidence_async (self->journal, self->document, self->cancellable,
                                        recorded_cb, g_object_ref (self));
}

static void
evidence_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetSignatureRow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) record
    = signet_journal_get_evidence_finish (SIGNET_JOURNAL (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->record, json_node_unref);
  self->record = g_steal_pointer (&record);
  show_record (self);
  /* Archived before Signet checked copies, or the check was lost. */
  if (signed_copy (self) == NULL && !self->asked_check)
    {
      self->asked_check = TRUE;
      check_now (self);
    }
}

static void
load (SignetSignatureRow *self)
{
  gboolean archived = self->document != NULL && self->journal != NULL
                      && signet_document_get_archive_path (self->document) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), archived);
  if (!archived)
    return;
  signet_journal_get_evidence_async (self->journal, self->document, self->cancellable, evidence_cb,
                                     g_object_ref (self));
}

static void
document_changed_cb (SignetJournal      *journal,
                     SignetDocument     *document,
                     const char         *event,
                     SignetSignatureRow *self)
{
  if (document == self->document)
    load (self);
}

/**
 * signet_signature_row_set_document:
 * @self: a #SignetSignatureRow
 * @journal: (nullable): the journal that holds @document
 * @document: (nullable): the document on the page
 */
void
signet_signature_row_set_document (SignetSignatureRow *self,
                                   SignetJournal      *journal,
                                   SignetDocument     *document)
{
  g_return_if_fail (SIGNET_IS_SIGNATURE_ROW (self));

  if (signet_set_followed (&self->journal, journal, self) && journal != NULL)
    g_signal_connect_object (journal, "document-changed", G_CALLBACK (document_changed_cb), self,
                             0);
  if (self->document == document)
    return;

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_set_object (&self->document, document);
  g_clear_pointer (&self->record, json_node_unref);
  self->asked_check = FALSE;
  adw_action_row_set_subtitle (self->export_row, _ ("A certificate of completion as PDF, and the "
                                                    "same record as JSON"));
  show_line (self, _ ("Checking the signature…"), "content-loading-symbolic", "dim-label");
  load (self);
}

static void
check_again_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetSignatureRow *self = SIGNET_SIGNATURE_ROW (widget);

  gtk_menu_button_popdown (self->details_button);
  if (self->document != NULL && self->journal != NULL)
    check_now (self);
}

/* {{{ Export */

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetSignatureRow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!signet_evidence_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->export_row, error->message);
      return;
    }
  adw_action_row_set_subtitle (self->export_row, g_object_get_data (G_OBJECT (self), "exported"));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, SignetSignatureRow *self)
{
  g_autoptr (GFile) pdf = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = pdf != NULL ? g_file_get_path (pdf) : NULL;
  g_autofree char *stem = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_name = NULL;
  g_autofree char *json_name = NULL;
  g_autoptr (GFile) json = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->record == NULL)
    return;

  stem = g_str_has_suffix (path, ".pdf") ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
  json_path = g_strconcat (stem, ".json", NULL);
  json = g_file_new_for_path (json_path);
  pdf_name = g_file_get_basename (pdf);
  json_name = g_file_get_basename (json);
  g_object_set_data_full (G_OBJECT (self), "exported",
                          /* Translators: two file names */
                          g_strdup_printf (_ ("Saved as %s and %s"), pdf_name, json_name), g_free);
  adw_action_row_set_subtitle (self->export_row, _ ("Saving…"));
  signet_evidence_export_async (self->record, signet_describe_event, pdf, json, self->cancellable,
                                exported_cb, g_object_ref (self));
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetSignatureRow *self = SIGNET_SIGNATURE_ROW (widget);
  GtkRoot            *root = gtk_widget_get_root (widget);
  g_autofree char    *stem = NULL;
  g_autofree char    *name = NULL;
  const char         *filename;

  if (self->chooser != NULL || self->record == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
    C_ ("dialog title", "Export Evidence"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
    GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  filename = signet_document_get_filename (self->document);
  stem = g_str_has_suffix (filename, ".pdf") ? g_strndup (filename, strlen (filename) - 4)
                                             : g_strdup (filename);
  /* Translators: the suggested file name of the certificate; %s is the
   * document's name without .pdf */
  name = g_strdup_printf (_ ("%s – evidence.pdf"), stem);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* }}} */

static void
signet_signature_row_dispose (GObject *object)
{
  SignetSignatureRow *self = SIGNET_SIGNATURE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  signet_set_followed (&self->journal, NULL, self);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->record, json_node_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIGNET_TYPE_SIGNATURE_ROW);

  G_OBJECT_CLASS (signet_signature_row_parent_class)->dispose (object);
}

static void
signet_signature_row_class_init (SignetSignatureRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_signature_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-signature-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, line_row);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, details_button);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, signer_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, certificate_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, whole_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, sha256_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, checked_label);
  gtk_widget_class_bind_template_child (widget_class, SignetSignatureRow, export_row);
  gtk_widget_class_install_action (widget_class, "signature.check-again", NULL,
                                   check_again_activated);
  gtk_widget_class_install_action (widget_class, "signature.export-evidence", NULL,
                                   export_activated);
}

static void
signet_signature_row_init (SignetSignatureRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.export-evidence", FALSE);
}
