/* signet-handover-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-handover-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "signet-handover-view.h"
#include "signet-qr-view.h"
#include "signet-widget-util.h"

/**
 * SignetHandoverView:
 *
 * One request as it is handed over: the QR code of its signing link, the
 * link with Copy and Open in Browser, what the service e-mails to whom, and
 * its live state. The hand-over page shows one per document of a batch;
 * the document's detail page can show one for a waiting document.
 *
 * While it is on screen, the tracker of its #SignetHandoverView:sync asks
 * about its document every few seconds (signet_handover_set_on_screen()).
 */
struct _SignetHandoverView
{
  GtkWidget parent_instance;

  SignetDocument *document;
  SignetSync     *sync;
  GCancellable   *cancellable; /* cancelled in dispose */

  GtkWidget    *qr_column;
  GtkWidget    *info_column;
  GtkStack     *qr_stack;
  GtkSpinner   *preparing_spinner;
  SignetQrView *qr_view;
  GtkImage     *ended_icon;
  GtkLabel     *name_label;
  GtkSpinner   *state_spinner;
  GtkImage     *state_icon;
  GtkLabel     *state_label;
  GtkLabel     *detail_label;
  GtkWidget    *open_button;
  GtkWidget    *link_group;
  GtkWidget    *copy_button;
  guint         scroll_id;
  GtkWidget    *focus_holder; /* weak; Copy Link takes the focus from it */
  AdwActionRow *link_row;
  GtkWidget    *mail_group;
  AdwActionRow *mail_row;
  AdwActionRow *final_row;
  AdwActionRow *advice_row;
};

G_DEFINE_FINAL_TYPE (SignetHandoverView, signet_handover_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Side by side from this width on, the QR code above the rest below it. */
#define WIDE_WIDTH 720
#define SPACING    36

static void
update_state (SignetHandoverView *self)
{
  SignetDocument      *document = self->document;
  SignetDocumentStatus status;
  g_autofree char     *title = NULL;
  g_autofree char     *detail = NULL;
  SignetHandoverTone   tone;
  const char          *url;
  gboolean             final;

  if (document == NULL)
    return;

  status = signet_document_get_status (document);
  final = signet_document_status_is_final (status) || status == SIGNET_DOCUMENT_STATUS_SIGNED;
  title = signet_handover_describe_document (document, &detail, &tone);

  gtk_label_set_label (self->state_label, title);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);

  signet_handover_show_tone (tone, self->state_spinner, self->state_icon, self->ended_icon,
                             GTK_WIDGET (self->state_label));

  /* A link that can no longer sign is not offered. */
  signet_handover_show_code (GTK_WIDGET (self), document, self->qr_stack, self->preparing_spinner,
                             self->qr_view);
  url = signet_document_get_signing_url (document);
  adw_action_row_set_subtitle (self->link_row, url != NULL ? url : "");
  gtk_widget_set_visible (self->link_group, url != NULL && !final);
  if (self->focus_holder != NULL && gtk_widget_get_visible (self->link_group))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (root != NULL && gtk_root_get_focus (root) == self->focus_holder)
        gtk_widget_grab_focus (self->copy_button);
      g_clear_weak_pointer (&self->focus_holder);
    }

  gtk_widget_set_visible (self->open_button,
                          status == SIGNET_DOCUMENT_STATUS_ARCHIVED
                            && signet_document_get_archive_path (document) != NULL);
}

static void
update_mail (SignetHandoverView *self)
{
  static const char *const otp_rules[]
    = { "openOtpEmail", "openOtpPhone", "signOtpEmail", "signOtpPhone" };
  SignetDocument  *document = self->document;
  guint            round = signet_document_get_round (document);
  g_autofree char *email_to = signet_document_dup_rule (document, round, "emailTo");
  g_autofree char *email_final = signet_document_dup_rule (document, round, "emailFinal");
  g_autofree char *sent = NULL;
  g_autofree char *final_copy = NULL;
  g_autofree char *advice = NULL;
  gboolean         has_otp = FALSE;
  gboolean         over = signet_document_get_status (document) >= SIGNET_DOCUMENT_STATUS_SIGNED;

  for (guint i = 0; i < G_N_ELEMENTS (otp_rules); i++)
    {
      g_autofree char *otp = signet_document_dup_rule (document, round, otp_rules[i]);

      has_otp |= otp != NULL;
    }

  sent = signet_handover_describe_mail (email_to, email_final, has_otp, &final_copy, &advice);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mail_row), sent);
  /* Once the request is over there is no link to hand over or e-mail. */
  gtk_widget_set_visible (GTK_WIDGET (self->mail_row), !over);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->final_row),
                                 final_copy != NULL ? final_copy : "");
  gtk_widget_set_visible (GTK_WIDGET (self->final_row), final_copy != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->advice_row),
                                 advice != NULL ? advice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->advice_row), advice != NULL && !over);
  gtk_widget_set_visible (self->mail_group, !over || final_copy != NULL);
}

static void
document_changed_cb (SignetHandoverView *self)
{
  update_state (self);
  update_mail (self);
}

/**
 * signet_handover_view_set_document:
 * @self: a #SignetHandoverView
 * @document: (nullable): the request to hand over
 *
 * Shows @document and follows its changes.
 */
void
signet_handover_view_set_document (SignetHandoverView *self, SignetDocument *document)
{
  g_return_if_fail (SIGNET_IS_HANDOVER_VIEW (self));
  g_return_if_fail (document == NULL || SIGNET_IS_DOCUMENT (document));

  if (!signet_set_followed (&self->document, document, self))
    return;

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify", G_CALLBACK (document_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_label_set_label (self->name_label, signet_document_get_filename (document));
      document_changed_cb (self);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), document);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * signet_handover_view_get_document:
 * @self: a #SignetHandoverView
 *
 * Returns: (transfer none) (nullable): the request shown
 */
SignetDocument *
signet_handover_view_get_document (SignetHandoverView *self)
{
  g_return_val_if_fail (SIGNET_IS_HANDOVER_VIEW (self), NULL);

  return self->document;
}

/**
 * signet_handover_view_set_sync:
 * @self: a #SignetHandoverView
 * @sync: (nullable): the journal with its tracker
 *
 * Sets the #SignetSync whose tracker follows the document on screen.
 */
void
signet_handover_view_set_sync (SignetHandoverView *self, SignetSync *sync)
{
  g_return_if_fail (SIGNET_IS_HANDOVER_VIEW (self));
  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  if (signet_handover_replace_sync (GTK_WIDGET (self), &self->sync, sync, self->document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

/**
 * signet_handover_view_focus_link:
 * @self: a #SignetHandoverView
 * @holder: (nullable): where the focus waits until the link is made
 *
 * Moves the keyboard focus to Copy Link. Until the request has its link,
 * the focus goes to @holder, and moves on to Copy Link when the link comes
 * if it is still there.
 *
 * Returns: whether the focus moved
 */
gboolean
signet_handover_view_focus_link (SignetHandoverView *self, GtkWidget *holder)
{
  g_return_val_if_fail (SIGNET_IS_HANDOVER_VIEW (self), FALSE);
  g_return_val_if_fail (holder == NULL || GTK_IS_WIDGET (holder), FALSE);

  g_clear_weak_pointer (&self->focus_holder);
  if (gtk_widget_get_visible (self->link_group) && gtk_widget_grab_focus (self->copy_button))
    return TRUE;
  if (holder == NULL)
    return FALSE;
  g_set_weak_pointer (&self->focus_holder, holder);
  return gtk_widget_grab_focus (holder);
}

/* GTK 4.8's scrolled windows do not follow the focus: on a short window
 * Copy Link, focused after Send, is below the code. Once the page is laid
 * out, the page scrolls to show it, when the focus ring shows (a key was
 * used). */
static gboolean
scroll_to_copy_cb (gpointer user_data)
{
  SignetHandoverView *self = user_data;
  GtkWidget      *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget      *viewport;
  GtkWidget      *content;
  GtkAdjustment  *adjustment;
  graphene_rect_t bounds;
  double          value;
  double          page;

  self->scroll_id = 0;
  /* For a pointer the QR code stays in view: the customer scans it. */
  if (scrolled == NULL || !gtk_widget_has_focus (self->copy_button)
      || !GTK_IS_WINDOW (gtk_widget_get_root (self->copy_button))
      || !gtk_window_get_focus_visible (GTK_WINDOW (gtk_widget_get_root (self->copy_button))))
    return G_SOURCE_REMOVE;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  if (content == NULL || !gtk_widget_compute_bounds (self->copy_button, content, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height + 12 - page);
  else if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y - 12);
  return G_SOURCE_REMOVE;
}

static void
copy_focus_cb (SignetHandoverView *self)
{
  if (gtk_widget_has_focus (self->copy_button) && self->scroll_id == 0)
    self->scroll_id = g_idle_add (scroll_to_copy_cb, self);
}

static void
toast (SignetHandoverView *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
copy_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);
  const char         *url;

  if (self->document == NULL || (url = signet_document_get_signing_url (self->document)) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
  toast (self, _ ("Link copied"));
}

static void
launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetHandoverView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not open the signing link: %s", error->message);
      toast (self, _ ("Could not open a web browser"));
    }
}

static void
open_in_browser_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);
  g_autoptr (GAppLaunchContext) context = NULL;
  const char *url;

  if (self->document == NULL || (url = signet_document_get_signing_url (self->document)) == NULL)
    return;

  /* GtkUriLauncher is GTK 4.10; this is what it does. */
  context
    = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (url, context, self->cancellable, launched_cb,
                                           g_object_ref (self));
}

static void
open_archived_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);
  const char         *path;

  if (self->document == NULL || (path = signet_document_get_archive_path (self->document)) == NULL)
    return;

  gtk_widget_activate_action (widget, "app.open-archived", "s", path);
}

/* {{{ Layout: side by side when there is room, else the code on top */

static gboolean
is_wide (int width)
{
  return width < 0 || width >= WIDE_WIDTH;
}

static void
signet_handover_view_measure (GtkWidget     *widget,
                              GtkOrientation orientation,
                              int            for_size,
                              int           *minimum,
                              int           *natural,
                              int           *minimum_baseline,
                              int           *natural_baseline)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);
  int                 qr_min, qr_nat, info_min, info_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->qr_column, orientation, -1, &qr_min, &qr_nat, NULL, NULL);
      gtk_widget_measure (self->info_column, orientation, -1, &info_min, &info_nat, NULL, NULL);
      *minimum = MAX (qr_min, info_min);
      *natural = MAX (WIDE_WIDTH, qr_nat + SPACING + info_nat);
      return;
    }

  if (is_wide (for_size))
    {
      int info_width = for_size < 0 ? -1 : (for_size - SPACING) / 2;

      gtk_widget_measure (self->qr_column, orientation, info_width, &qr_min, &qr_nat, NULL, NULL);
      gtk_widget_measure (self->info_column, orientation, info_width, &info_min, &info_nat, NULL,
                          NULL);
      *minimum = MAX (qr_min, info_min);
      *natural = MAX (qr_nat, info_nat);
    }
  else
    {
      gtk_widget_measure (self->qr_column, orientation, for_size, &qr_min, &qr_nat, NULL, NULL);
      gtk_widget_measure (self->info_column, orientation, for_size, &info_min, &info_nat, NULL,
                          NULL);
      *minimum = qr_min + SPACING + info_min;
      *natural = qr_nat + SPACING + info_nat;
    }
}

static void
signet_handover_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);
  int                 qr_min, qr_nat;

  if (is_wide (width))
    {
      int half = (width - SPACING) / 2;

      gtk_widget_size_allocate (self->qr_column, &(GtkAllocation){ 0, 0, half, height }, -1);
      gtk_widget_size_allocate (
        self->info_column, &(GtkAllocation){ half + SPACING, 0, width - half - SPACING, height },
        -1);
      return;
    }

  gtk_widget_measure (self->qr_column, GTK_ORIENTATION_VERTICAL, width, &qr_min, &qr_nat, NULL,
                      NULL);
  qr_nat = MIN (qr_nat, height);
  gtk_widget_size_allocate (self->qr_column, &(GtkAllocation){ 0, 0, width, qr_nat }, -1);
  gtk_widget_size_allocate (
    self->info_column,
    &(GtkAllocation){ 0, qr_nat + SPACING, width, MAX (0, height - qr_nat - SPACING) }, -1);
}

static GtkSizeRequestMode
signet_handover_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* }}} */

static void
signet_handover_view_map (GtkWidget *widget)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);

  GTK_WIDGET_CLASS (signet_handover_view_parent_class)->map (widget);
  if (self->document != NULL)
    {
      signet_handover_set_on_screen (self->sync, widget, self->document);
      update_state (self);
    }
}

static void
signet_handover_view_unmap (GtkWidget *widget)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (widget);

  gtk_spinner_set_spinning (self->preparing_spinner, FALSE);
  gtk_spinner_set_spinning (self->state_spinner, FALSE);
  signet_handover_set_on_screen (self->sync, widget, NULL);
  GTK_WIDGET_CLASS (signet_handover_view_parent_class)->unmap (widget);
}

static void
signet_handover_view_dispose (GObject *object)
{
  SignetHandoverView *self = SIGNET_HANDOVER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->focus_holder);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  signet_handover_view_set_document (self, NULL);
  signet_handover_view_set_sync (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_HANDOVER_VIEW);
  signet_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (signet_handover_view_parent_class)->dispose (object);
}

static void
signet_handover_view_class_init (SignetHandoverViewClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "handover.copy-link", NULL, copy_activated },
    { "handover.open-in-browser", NULL, open_in_browser_activated },
    { "handover.open-archived", NULL, open_archived_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_handover_view_dispose;

  widget_class->measure = signet_handover_view_measure;
  widget_class->size_allocate = signet_handover_view_size_allocate;
  widget_class->get_request_mode = signet_handover_view_get_request_mode;
  widget_class->map = signet_handover_view_map;
  widget_class->unmap = signet_handover_view_unmap;

  /**
   * SignetHandoverView:document:
   *
   * The request handed over.
   */
  properties[PROP_DOCUMENT] = signet_param_spec_settable (
    "document", SIGNET_TYPE_DOCUMENT, G_STRUCT_OFFSET (SignetHandoverView, document),
    G_CALLBACK (signet_handover_view_set_document));
  /**
   * SignetHandoverView:sync:
   *
   * The journal with its tracker, told which document is on screen; %NULL
   * where nothing is tracked.
   */
  properties[PROP_SYNC] = signet_param_spec_settable ("sync", SIGNET_TYPE_SYNC,
                                                      G_STRUCT_OFFSET (SignetHandoverView, sync),
                                                      G_CALLBACK (signet_handover_view_set_sync));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  g_type_ensure (SIGNET_TYPE_QR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-handover-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, qr_column);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, info_column);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, qr_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, preparing_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, qr_view);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, ended_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, name_label);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, state_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, state_label);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, open_button);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, link_group);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, link_row);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, mail_group);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, mail_row);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, final_row);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverView, advice_row);

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));

  gtk_widget_class_set_css_name (widget_class, "signet-handover-view");
}

static void
signet_handover_view_init (SignetHandoverView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->copy_button, "notify::has-focus", G_CALLBACK (copy_focus_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * signet_handover_view_new:
 *
 * Returns: (transfer floating): a new #SignetHandoverView showing no request
 */
GtkWidget *
signet_handover_view_new (void)
{
  return g_object_new (SIGNET_TYPE_HANDOVER_VIEW, NULL);
}
