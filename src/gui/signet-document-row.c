/* signet-document-row.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-document-row"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-document-row.h"

/**
 * SignetDocumentRow:
 *
 * One document of the library's list: a spinner while Signet works on it,
 * its name, the signer and the date, the round, and a badge with its state.
 * Rows are recycled by the list view, so it follows whichever document it
 * is given.
 */
struct _SignetDocumentRow
{
  GtkWidget parent_instance;

  SignetDocument *document;
  gulong          notify_id;
  char           *environment; /* the current one; others' requests wait */

  GtkWidget *status_stack;
  GtkWidget *spinner;
  GtkWidget *name_label;
  GtkWidget *detail_label;
  GtkWidget *round_label;
  GtkWidget *badge;
};

G_DEFINE_FINAL_TYPE (SignetDocumentRow, signet_document_row, GTK_TYPE_WIDGET)

static const char *const badge_classes[SIGNET_LIBRARY_N_GROUPS] = {
  "waiting", "preparing", "signed", "cancelled", "failed", "expired", NULL,
};

/**
 * signet_library_group_get_title:
 * @group: a #SignetLibraryGroup
 *
 * Returns: the group's name in the sidebar, translated
 */
const char *
signet_library_group_get_title (SignetLibraryGroup group)
{
  switch (group)
    {
      case SIGNET_LIBRARY_GROUP_WAITING:
        return _ ("Waiting for Signature");
      case SIGNET_LIBRARY_GROUP_PREPARING:
        return _ ("Preparing");
      case SIGNET_LIBRARY_GROUP_SIGNED:
        return _ ("Signed");
      case SIGNET_LIBRARY_GROUP_CANCELLED:
        return _ ("Cancelled");
      case SIGNET_LIBRARY_GROUP_FAILED:
        return _ ("Failed");
      case SIGNET_LIBRARY_GROUP_EXPIRED:
        return _ ("Expired");
      case SIGNET_LIBRARY_GROUP_ALL:
      default:
        return _ ("All Documents");
    }
}

/**
 * signet_document_get_badge:
 * @document: a #SignetDocument
 *
 * Returns: one or two words for the document's state, translated
 */
const char *
signet_document_get_badge (SignetDocument *document)
{
  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_PENDING:
        return C_ ("document state", "Sending");
      case SIGNET_DOCUMENT_STATUS_UPLOADED:
        return C_ ("document state", "Preparing");
      case SIGNET_DOCUMENT_STATUS_OPEN:
        if (signet_library_group_for_document (document) == SIGNET_LIBRARY_GROUP_PREPARING)
          return C_ ("document state", "Preparing");
        return C_ ("document state", "Waiting");
      case SIGNET_DOCUMENT_STATUS_SIGNED:
        return C_ ("document state", "Signed");
      case SIGNET_DOCUMENT_STATUS_ARCHIVED:
        return C_ ("document state", "Signed");
      case SIGNET_DOCUMENT_STATUS_CANCELED:
        return C_ ("document state", "Cancelled");
      case SIGNET_DOCUMENT_STATUS_EXPIRED:
        return C_ ("document state", "Expired");
      case SIGNET_DOCUMENT_STATUS_VANISHED:
        return C_ ("document state", "Gone");
      case SIGNET_DOCUMENT_STATUS_FAILED:
      default:
        return C_ ("document state", "Failed");
    }
}

/**
 * signet_format_time:
 * @unix_ms: a time in Unix milliseconds
 *
 * Returns: (transfer full): the local time of today as "14:05", of another
 *   day as its date and time
 */
char *
signet_format_time (gint64 unix_ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr (GDateTime) time = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (time == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (time) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see the GDateTime format codes */
    return g_date_time_format (time, _ ("%H:%M"));
  /* Translators: a date and time, see the GDateTime format codes */
  return g_date_time_format (time, _ ("%-d %b %Y, %H:%M"));
}

static void
update (SignetDocumentRow *self)
{
  SignetDocument    *document = self->document;
  SignetLibraryGroup group;
  g_autofree char   *date = NULL;
  g_autofree char   *detail = NULL;
  g_autofree char   *round = NULL;
  const char        *signer;
  gboolean           busy;

  if (document == NULL)
    return;

  group = signet_library_group_for_document (document);
  busy = signet_library_is_busy (document)
         && g_strcmp0 (signet_document_get_environment (document), self->environment) == 0;
  gtk_stack_set_visible_child (
    GTK_STACK (self->status_stack),
    busy ? self->spinner : gtk_stack_get_child_by_name (GTK_STACK (self->status_stack), "icon"));
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);

  gtk_label_set_label (GTK_LABEL (self->name_label), signet_document_get_filename (document));

  date = signet_format_time (signet_document_get_created (document));
  signer = signet_document_get_signer_name (document);
  if (signer == NULL)
    signer = signet_document_get_signer_email (document);
  /* Translators: the signer's name, then when the request was made */
  detail = signer != NULL ? g_strdup_printf (_ ("%s · %s"), signer, date) : g_strdup (date);
  gtk_label_set_label (GTK_LABEL (self->detail_label), detail);

  if (signet_document_get_n_rounds (document) > 1)
    /* Translators: the signing round, e.g. "2 of 3" */
    round = g_strdup_printf (_ ("%u of %u"), signet_document_get_round (document) + 1,
                             signet_document_get_n_rounds (document));
  gtk_label_set_label (GTK_LABEL (self->round_label), round != NULL ? round : "");
  gtk_widget_set_visible (self->round_label, round != NULL);

  /* Another environment's requests are not sent until it is chosen again. */
  gtk_label_set_label (GTK_LABEL (self->badge), signet_library_is_busy (document) && !busy
                                                  ? C_ ("document state", "Waiting to Send")
                                                  : signet_document_get_badge (document));
  for (guint i = 0; i < G_N_ELEMENTS (badge_classes); i++)
    if (badge_classes[i] != NULL)
      {
        if (i == group)
          gtk_widget_add_css_class (self->badge, badge_classes[i]);
        else
          gtk_widget_remove_css_class (self->badge, badge_classes[i]);
      }
}

static void
document_notify_cb (SignetDocumentRow *self)
{
  update (self);
}

void
signet_document_row_set_document (SignetDocumentRow *self, SignetDocument *document)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_ROW (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->notify_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->notify_id = g_signal_connect_object (
        document, "notify", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      update (self);
    }
  else
    gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
}

/**
 * signet_document_row_set_environment:
 * @self: a #SignetDocumentRow
 * @environment: (nullable): the id of the current environment
 *
 * Sets the environment whose requests Signet works on now; only those
 * get a spinner.
 */
void
signet_document_row_set_environment (SignetDocumentRow *self, const char *environment)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_ROW (self));

  if (g_strcmp0 (self->environment, environment) == 0)
    return;
  g_free (self->environment);
  self->environment = g_strdup (environment);
  update (self);
}

SignetDocument *
signet_document_row_get_document (SignetDocumentRow *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

static void
signet_document_row_dispose (GObject *object)
{
  SignetDocumentRow *self = SIGNET_DOCUMENT_ROW (object);
  GtkWidget         *child;

  signet_document_row_set_document (self, NULL);
  g_clear_pointer (&self->environment, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (signet_document_row_parent_class)->dispose (object);
}

static void
signet_document_row_class_init (SignetDocumentRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_document_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "signet-document-row");
}

static void
signet_document_row_init (SignetDocumentRow *self)
{
  GtkWidget *texts;
  GtkWidget *icon;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              12);

  self->status_stack = gtk_stack_new ();
  gtk_widget_set_valign (self->status_stack, GTK_ALIGN_CENTER);
  icon = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  gtk_stack_add_named (GTK_STACK (self->status_stack), icon, "icon");
  self->spinner = gtk_spinner_new ();
  gtk_stack_add_named (GTK_STACK (self->status_stack), self->spinner, "busy");
  gtk_widget_set_parent (self->status_stack, GTK_WIDGET (self));

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->name_label, "heading");
  gtk_box_append (GTK_BOX (texts), self->name_label);
  self->detail_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->detail_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->detail_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->detail_label, "dim-label");
  gtk_widget_add_css_class (self->detail_label, "caption");
  gtk_box_append (GTK_BOX (texts), self->detail_label);
  gtk_widget_set_parent (texts, GTK_WIDGET (self));

  self->round_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->round_label, "dim-label");
  gtk_widget_add_css_class (self->round_label, "caption");
  gtk_widget_set_valign (self->round_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->round_label, FALSE);
  gtk_widget_set_parent (self->round_label, GTK_WIDGET (self));

  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "state-badge");
  gtk_widget_add_css_class (self->badge, "caption");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->badge, GTK_WIDGET (self));
}

GtkWidget *
signet_document_row_new (void)
{
  return g_object_new (SIGNET_TYPE_DOCUMENT_ROW, NULL);
}
