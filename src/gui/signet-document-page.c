/* signet-document-page.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-document-page"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-document-page.h"
#include "signet-handover-state.h"
#include "signet-journal-removed.h"
#include "signet-library-util.h"
#include "signet-library.h"
#include "signet-pdf-inspector.h"
#include "signet-pdf-view.h"
#include "signet-qr-view.h"
#include "signet-signature-row.h"
#include "signet-widget-util.h"

/**
 * SignetDocumentPage:
 *
 * The library's detail page: a document's state, its signing link while it
 * waits, what can be done with it (each action says what it does to the
 * server and what stays here), its history from the journal, and a preview
 * of the signed copy when there is one, else of the file that was sent.
 * The actions are the library view's (`library.*`).
 */
struct _SignetDocumentPage
{
  AdwBin parent_instance;

  SignetJournal  *journal;
  SignetDocument *document;
  SignetSync     *sync; /* told which document is on screen */
  GCancellable   *cancellable;
  gboolean        deleted;
  gboolean        preview_loaded;

  GtkStack      *page_stack;
  GtkStack      *view_stack;
  GtkWidget     *details_toggle;
  GtkWidget     *preview_toggle;
  GtkLabel      *title_label;
  GtkLabel      *state_label;
  GtkLabel      *error_label;
  GtkWidget     *link_group;
  AdwActionRow  *link_row;
  SignetQrView  *qr_view;
  AdwActionRow  *open_row;
  GtkWidget     *show_row;
  AdwActionRow  *save_row;
  GtkWidget     *next_round_row;
  GtkWidget     *send_again_box;
  GtkWidget     *cancel_row;
  GtkWidget     *delete_row;
  GtkWidget     *remove_row;
  GtkListBox    *timeline_list;
  GtkStack      *preview_stack;
  GtkSpinner    *preview_spinner;
  AdwBin        *preview_bin;
  SignetPdfView *pdf_view; /* made when the preview is first shown */
  AdwStatusPage *missing_page;

  SignetSignatureRow *signature_row;
};

G_DEFINE_FINAL_TYPE (SignetDocumentPage, signet_document_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (SignetDocumentPage *self);

/* An answer for the page about one document; it is dropped when the page
 * shows another by then. */
typedef struct
{
  SignetDocumentPage *self;
  SignetDocument     *document;
} Request;

static Request *
request_new (SignetDocumentPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->document = g_object_ref (self->document);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->document);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Whether an answer came too late: cancelled, or the page shows another
 * document by now. */
static gboolean
request_is_stale (Request *request, const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || request->document != request->self->document;
}

/* GTK 4.8 has no gtk_list_box_remove_all(). */
static void
clear_timeline (SignetDocumentPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);
}

static void
events_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  SignetDocumentPage *self = request->self;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;

  events = signet_journal_list_events_finish (SIGNET_JOURNAL (source), result, &error);
  if (request_is_stale (request, error))
    return;

  clear_timeline (self);
  if (events == NULL)
    {
      /* The history is the journal's: say in its place that it could not
       * be read, and what the journal said. */
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("The history could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->timeline_list, row);
      return;
    }

  self->deleted = FALSE;
  /* Newest first, as people ask "what happened last?". */
  for (guint i = events->len; i > 0; i--)
    {
      SignetJournalEvent *event = g_ptr_array_index (events, i - 1);
      SignetJournalEvent *previous = i > 1 ? g_ptr_array_index (events, i - 2) : NULL;
      g_autofree char    *title = signet_describe_event (event, previous);
      g_autofree char    *time = signet_format_date_time (event->time);
      GtkWidget          *row = adw_action_row_new ();

      if (g_str_equal (event->kind, "deleted"))
        self->deleted = TRUE;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), time);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->timeline_list, row);
    }
  update (self);
}

static void
load_events (SignetDocumentPage *self)
{
  if (self->journal == NULL || self->document == NULL)
    return;
  signet_journal_list_events_async (self->journal, self->document, self->cancellable, events_cb,
                                    request_new (self));
}

/* A request that went nowhere: Send Again is the way on. */
static gboolean
ended (SignetDocumentStatus status)
{
  return status == SIGNET_DOCUMENT_STATUS_CANCELED || status == SIGNET_DOCUMENT_STATUS_EXPIRED
         || status == SIGNET_DOCUMENT_STATUS_FAILED || status == SIGNET_DOCUMENT_STATUS_VANISHED;
}

static void
update (SignetDocumentPage *self)
{
  SignetDocument      *document = self->document;
  SignetDocumentStatus status;
  g_autofree char     *path = NULL;
  g_autofree char     *state = NULL;
  g_autofree char     *detail = NULL;
  const char          *signer;
  const char          *email;
  const char          *url;
  const char          *error;
  gboolean             archived;
  gboolean             waiting;

  if (document == NULL)
    {
      signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), NULL);
      gtk_stack_set_visible_child_name (self->page_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->page_stack, "document");

  status = signet_document_get_status (document);
  path = signet_document_dup_local_path (document);
  archived = path != NULL && g_strcmp0 (path, signet_document_get_archive_path (document)) == 0;

  gtk_label_set_label (self->title_label, signet_document_get_filename (document));
  signer = signet_document_get_signer_name (document);
  email = signet_document_get_signer_email (document);
  if (signer != NULL && email != NULL)
    /* Translators: the state of a document, then who signs it and their address */
    state
      = g_strdup_printf (_ ("%s · %s <%s>"), signet_document_get_badge (document), signer, email);
  else if (signer != NULL || email != NULL)
    state = g_strdup_printf (_ ("%s · %s"), signet_document_get_badge (document),
                             signer != NULL ? signer : email);
  else
    state = g_strdup (signet_document_get_badge (document));
  if (signet_document_get_n_rounds (document) > 1)
    {
      /* Translators: the state line, then the signing round, e.g. "round 2 of 3" */
      g_autofree char *with_round = g_strdup_printf (_ ("%s · round %u of %u"), state,
                                                     signet_document_get_round (document) + 1,
                                                     signet_document_get_n_rounds (document));
      g_free (state);
      state = g_steal_pointer (&with_round);
    }
  signet_document_append_origin (&state, document);
  gtk_label_set_label (self->state_label, state);

  /* What happened, under the state: the server's refusal in red, or for
   * a document that ended another way what that means for the link. */
  error = signet_document_get_last_error (document);
  if (error == NULL && ended (status))
    signet_handover_describe_document (document, &detail, NULL);
  gtk_label_set_label (self->error_label, error != NULL ? error : detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL || detail != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");

  url = signet_document_get_signing_url (document);
  waiting = status == SIGNET_DOCUMENT_STATUS_OPEN && url != NULL;
  gtk_widget_set_visible (self->link_group, waiting);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), url != NULL ? url : "");
  /* While it waits, the signer can scan the code from this page too, and
   * the tracker asks about the document every few seconds. */
  signet_qr_view_set_text (self->qr_view, waiting ? url : NULL);
  signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), waiting ? document : NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->open_row), path != NULL);
  gtk_widget_set_visible (self->show_row, path != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_row), path != NULL);
  adw_action_row_set_subtitle (self->open_row, archived
                                                 ? _ ("Your signed copy")
                                                 : _ ("The file you sent, without signatures"));
  adw_action_row_set_subtitle (self->save_row, archived ? _ ("Another copy of the signed document")
                                                        : _ ("Another copy of the file you sent"));

  gtk_widget_set_visible (self->next_round_row, status == SIGNET_DOCUMENT_STATUS_OPEN
                                                  && signet_document_get_round (document) + 1
                                                       < signet_document_get_n_rounds (document));
  /* The way out of a dead end is the one suggested action. */
  gtk_widget_set_visible (self->send_again_box, ended (status));
  gtk_widget_set_visible (self->cancel_row, !signet_document_status_is_final (status)
                                              && status != SIGNET_DOCUMENT_STATUS_SIGNED);
  /* A document sent elsewhere: Signet does not know its request, so
   * cancelling deletes it (the elsewhere dialog asks first), and no copy
   * of it may be on this computer. */
  adw_action_row_set_subtitle (
    ADW_ACTION_ROW (self->cancel_row),
    signet_document_get_sent_elsewhere (document)
      ? _ ("Sent from another desk, so cancelling deletes the document from the server for "
           "everyone.")
      : _ ("The signing link stops working. The document stays on the server and in this list."));
  adw_action_row_set_subtitle (
    ADW_ACTION_ROW (self->delete_row),
    signet_document_get_sent_elsewhere (document)
      ? _ ("Removes the document from OKdokument for everyone, including the desk that sent it. "
           "This entry stays on this computer.")
      : _ ("Removes the document and its requests from OKdokument. Your signed copy and this "
           "entry stay on this computer."));
  gtk_widget_set_visible (self->delete_row, !self->deleted
                                              && signet_document_get_document_id (document) != NULL
                                              && status != SIGNET_DOCUMENT_STATUS_VANISHED);
  gtk_widget_set_visible (self->remove_row, signet_journal_can_remove (document));
}

static void
inspected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  SignetDocumentPage *self = request->self;
  g_autoptr (SignetInspection) inspection = NULL;
  g_autoptr (GError) error = NULL;

  inspection = signet_pdf_inspector_inspect_finish (SIGNET_PDF_INSPECTOR (source), result, &error);
  if (request_is_stale (request, error))
    return;
  gtk_spinner_set_spinning (self->preview_spinner, FALSE);
  if (inspection == NULL)
    {
      adw_status_page_set_description (self->missing_page, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "missing");
      return;
    }
  if (self->pdf_view == NULL)
    {
      self->pdf_view = SIGNET_PDF_VIEW (signet_pdf_view_new ());
      adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->pdf_view));
    }
  signet_pdf_view_set_document (self->pdf_view, inspection);
  gtk_stack_set_visible_child_name (self->preview_stack, "view");
}

static void
load_preview (SignetDocumentPage *self)
{
  g_autoptr (SignetPdfInspector) inspector = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (self->preview_loaded || self->document == NULL)
    return;
  self->preview_loaded = TRUE;

  path = signet_document_dup_local_path (self->document);
  if (path == NULL)
    {
      adw_status_page_set_description (
        self->missing_page, _ ("Neither the signed copy nor the file that was sent is here"));
      gtk_stack_set_visible_child_name (self->preview_stack, "missing");
      return;
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  gtk_spinner_set_spinning (self->preview_spinner, TRUE);
  inspector = signet_pdf_inspector_new ();
  file = g_file_new_for_path (path);
  signet_pdf_inspector_inspect_async (inspector, file, self->cancellable, inspected_cb,
                                      request_new (self));
}

static void
view_toggled_cb (SignetDocumentPage *self)
{
  gboolean preview = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->preview_toggle));

  gtk_stack_set_visible_child_name (self->view_stack, preview ? "preview" : "details");
  if (preview)
    load_preview (self);
}

static void
document_changed_cb (SignetJournal      *journal,
                     SignetDocument     *document,
                     const char         *event,
                     SignetDocumentPage *self)
{
  if (document != self->document)
    return;
  update (self);
  load_events (self);
  /* A signed copy arrived: the preview shows it from now on. */
  if (self->preview_loaded
      && signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_ARCHIVED)
    {
      self->preview_loaded = FALSE;
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->preview_toggle)))
        load_preview (self);
    }
}

void
signet_document_page_set_document (SignetDocumentPage *self,
                                   SignetJournal      *journal,
                                   SignetDocument     *document)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_PAGE (self));

  if (signet_set_followed (&self->journal, journal, self) && journal != NULL)
    g_signal_connect_object (journal, "document-changed", G_CALLBACK (document_changed_cb), self,
                             0);
  signet_signature_row_set_document (self->signature_row, journal, document);

  if (self->document == document)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->document, document);
  self->deleted = FALSE;
  self->preview_loaded = FALSE;
  if (self->pdf_view != NULL)
    signet_pdf_view_set_document (self->pdf_view, NULL);
  clear_timeline (self);

  update (self);
  load_events (self);
  if (document != NULL && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->preview_toggle)))
    load_preview (self);
}

/**
 * signet_document_page_set_sync:
 * @self: a #SignetDocumentPage
 * @sync: (nullable): the journal with its tracker
 */
void
signet_document_page_set_sync (SignetDocumentPage *self, SignetSync *sync)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_PAGE (self));
  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), NULL);
  g_set_object (&self->sync, sync);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

SignetDocument *
signet_document_page_get_document (SignetDocumentPage *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT_PAGE (self), NULL);

  return self->document;
}

gboolean
signet_document_page_get_deleted (SignetDocumentPage *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT_PAGE (self), FALSE);

  return self->deleted;
}

/**
 * signet_document_page_focus_open:
 * @self: a #SignetDocumentPage
 *
 * Moves the keyboard focus to the first action, Open when there is a file.
 */
void
signet_document_page_focus_open (SignetDocumentPage *self)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_PAGE (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->details_toggle), TRUE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->open_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->open_row));
  else
    gtk_widget_grab_focus (self->details_toggle);
}

static void
signet_document_page_dispose (GObject *object)
{
  SignetDocumentPage *self = SIGNET_DOCUMENT_PAGE (object);

  signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_func (self->journal, document_changed_cb, self);
  g_clear_object (&self->journal);
  g_clear_object (&self->document);
  g_clear_object (&self->sync);
  self->pdf_view = NULL; /* the preview's child, disposed with it */

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_DOCUMENT_PAGE);

  G_OBJECT_CLASS (signet_document_page_parent_class)->dispose (object);
}

static void
signet_document_page_class_init (SignetDocumentPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_document_page_dispose;

  /**
   * SignetDocumentPage:sync:
   *
   * The journal with its tracker, told which document is on screen while
   * it waits for its signer.
   */
  properties[PROP_SYNC] = signet_param_spec_settable ("sync", SIGNET_TYPE_SYNC,
                                                      G_STRUCT_OFFSET (SignetDocumentPage, sync),
                                                      G_CALLBACK (signet_document_page_set_sync));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  g_type_ensure (SIGNET_TYPE_QR_VIEW);
  g_type_ensure (SIGNET_TYPE_SIGNATURE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-document-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, details_toggle);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, preview_toggle);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, link_group);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, link_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, qr_view);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, signature_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, open_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, show_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, save_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, next_round_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, send_again_box);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, delete_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, remove_row);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentPage, missing_page);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
}

static void
signet_document_page_init (SignetDocumentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
signet_document_page_new (void)
{
  return g_object_new (SIGNET_TYPE_DOCUMENT_PAGE, NULL);
}
