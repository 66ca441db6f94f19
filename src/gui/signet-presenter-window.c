/* signet-presenter-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-presenter-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-document.h"
#include "signet-handover-state.h"
#include "signet-presenter-window.h"
#include "signet-qr-view.h"
#include "signet-widget-util.h"

/**
 * SignetPresenterWindow:
 *
 * The full-screen view for a screen turned towards the signer: the QR code,
 * the document's name and its state, big, and nothing else. A signing link
 * works like a password, so it shows no link text and offers no copy. When
 * the document is signed it moves on to the next waiting document of the
 * batch. Escape leaves.
 */
struct _SignetPresenterWindow
{
  AdwWindow parent_instance;

  GListModel     *documents;
  guint           position;
  SignetDocument *document;
  guint           next_id;
  SignetSync     *sync;

  GtkWidget    *layout_box;
  GtkStack     *qr_stack;
  GtkSpinner   *preparing_spinner;
  SignetQrView *qr_view;
  GtkImage     *ended_icon;
  GtkLabel     *instruction_label;
  GtkLabel     *name_label;
  GtkSpinner   *state_spinner;
  GtkImage     *state_icon;
  GtkLabel     *state_label;
  GtkLabel     *progress_label;
};

G_DEFINE_FINAL_TYPE (SignetPresenterWindow, signet_presenter_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_POSITION,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How long "Signed" stays before the next document comes, so that the
 * signer sees it went through. */
#define NEXT_DELAY_SECONDS 4

static gboolean
is_waiting (SignetDocument *document)
{
  SignetDocumentStatus status = signet_document_get_status (document);

  return status == SIGNET_DOCUMENT_STATUS_PENDING || status == SIGNET_DOCUMENT_STATUS_UPLOADED
         || status == SIGNET_DOCUMENT_STATUS_OPEN;
}

static gboolean
is_signed (SignetDocument *document)
{
  SignetDocumentStatus status = signet_document_get_status (document);

  return status == SIGNET_DOCUMENT_STATUS_SIGNED || status == SIGNET_DOCUMENT_STATUS_ARCHIVED;
}

static gboolean
next_cb (gpointer user_data)
{
  SignetPresenterWindow *self = user_data;
  guint                  n = g_list_model_get_n_items (self->documents);

  self->next_id = 0;
  for (guint i = 1; i < n; i++)
    {
      guint position = (self->position + i) % n;
      g_autoptr (SignetDocument) document = g_list_model_get_item (self->documents, position);

      if (is_waiting (document))
        {
          signet_presenter_window_set_position (self, position);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
update (SignetPresenterWindow *self)
{
  SignetDocument      *document = self->document;
  SignetDocumentStatus status = signet_document_get_status (document);
  g_autofree char     *title = NULL;
  SignetHandoverTone   tone;
  const char          *url = signet_document_get_signing_url (document);
  guint                n = g_list_model_get_n_items (self->documents);

  title = signet_handover_describe_document (document, NULL, &tone);

  gtk_label_set_label (self->name_label, signet_document_get_filename (document));
  gtk_label_set_label (self->state_label, title);
  signet_handover_show_tone (tone, self->state_spinner, self->state_icon, self->ended_icon,
                             GTK_WIDGET (self->state_label));
  signet_handover_show_code (GTK_WIDGET (self), document, self->qr_stack, self->preparing_spinner,
                             self->qr_view);
  gtk_widget_set_visible (GTK_WIDGET (self->instruction_label),
                          status == SIGNET_DOCUMENT_STATUS_OPEN && url != NULL);

  if (n > 1)
    {
      /* Translators: which document of a batch is shown, e.g. "Document 2 of 5" */
      g_autofree char *progress = g_strdup_printf (_ ("Document %u of %u"), self->position + 1, n);

      gtk_label_set_label (self->progress_label, progress);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), n > 1);

  if (is_signed (document) && self->next_id == 0)
    self->next_id = g_timeout_add_seconds (NEXT_DELAY_SECONDS, next_cb, self);
}

static void
show_position (SignetPresenterWindow *self)
{
  g_autoptr (SignetDocument) document = NULL;

  if (self->position >= g_list_model_get_n_items (self->documents))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  document = g_list_model_get_item (self->documents, self->position);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, update, self);
  g_set_object (&self->document, document);
  g_signal_connect_object (document, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_clear_handle_id (&self->next_id, g_source_remove);
  update (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), document);
}

/**
 * signet_presenter_window_set_position:
 * @self: a #SignetPresenterWindow
 * @position: the document of the batch to show
 */
void
signet_presenter_window_set_position (SignetPresenterWindow *self, guint position)
{
  g_return_if_fail (SIGNET_IS_PRESENTER_WINDOW (self));

  /* There is nothing to move through before signet_presenter_window_new()
   * hands over the batch. */
  if (self->documents == NULL || (self->position == position && self->document != NULL))
    return;

  self->position = position;
  show_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * signet_presenter_window_get_position:
 * @self: a #SignetPresenterWindow
 *
 * Returns: the document of the batch shown
 */
guint
signet_presenter_window_get_position (SignetPresenterWindow *self)
{
  g_return_val_if_fail (SIGNET_IS_PRESENTER_WINDOW (self), 0);

  return self->position;
}

/**
 * signet_presenter_window_set_sync:
 * @self: a #SignetPresenterWindow
 * @sync: (nullable): the journal with its tracker
 *
 * Sets the #SignetSync whose tracker follows the document on screen.
 */
void
signet_presenter_window_set_sync (SignetPresenterWindow *self, SignetSync *sync)
{
  g_return_if_fail (SIGNET_IS_PRESENTER_WINDOW (self));
  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  if (signet_handover_replace_sync (GTK_WIDGET (self), &self->sync, sync, self->document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

/* The room around the code, as the template's margins. */
#define SCREEN_MARGIN 32

/* The code as large as the screen's short side allows, less a margin; the
 * words beside it on a landscape screen (they keep at least two fifths of
 * the width), under it on a portrait one. */
static void
fit_to_screen (SignetPresenterWindow *self, int width, int height)
{
  gboolean landscape = width >= height;
  int      side;

  if (landscape)
    side = MIN (height - 2 * SCREEN_MARGIN, width * 3 / 5);
  else
    side = MIN (width - 2 * SCREEN_MARGIN, height * 3 / 5);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->layout_box), landscape
                                                                       ? GTK_ORIENTATION_HORIZONTAL
                                                                       : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->qr_stack), MAX (side, 264), MAX (side, 264));
}

/* A second monitor is the customer's, when there is one. */
static void
fullscreen_beside (SignetPresenterWindow *self, GtkWindow *parent)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  GdkMonitor *ours = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  g_autoptr (GdkMonitor) chosen = NULL;
  GdkRectangle geometry;

  for (guint i = 0; i < g_list_model_get_n_items (monitors) && chosen == NULL; i++)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != ours)
        chosen = g_steal_pointer (&monitor);
    }
  if (chosen == NULL && ours != NULL)
    chosen = g_object_ref (ours);

  if (chosen == NULL)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      return;
    }

  /* The monitor's size also where no window manager makes it full screen. */
  gdk_monitor_get_geometry (chosen, &geometry);
  fit_to_screen (self, geometry.width, geometry.height);
  gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), chosen);
}

static void
signet_presenter_window_map (GtkWidget *widget)
{
  SignetPresenterWindow *self = SIGNET_PRESENTER_WINDOW (widget);

  GTK_WIDGET_CLASS (signet_presenter_window_parent_class)->map (widget);
  if (self->document != NULL)
    {
      signet_handover_set_on_screen (self->sync, widget, self->document);
      update (self);
    }
}

static void
signet_presenter_window_unmap (GtkWidget *widget)
{
  signet_handover_set_on_screen (SIGNET_PRESENTER_WINDOW (widget)->sync, widget, NULL);
  GTK_WIDGET_CLASS (signet_presenter_window_parent_class)->unmap (widget);
}

static void
signet_presenter_window_dispose (GObject *object)
{
  SignetPresenterWindow *self = SIGNET_PRESENTER_WINDOW (object);

  g_clear_handle_id (&self->next_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, update, self);
  g_clear_object (&self->document);
  g_clear_object (&self->documents);
  signet_handover_set_on_screen (self->sync, GTK_WIDGET (self), NULL);
  g_clear_object (&self->sync);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_PRESENTER_WINDOW);

  G_OBJECT_CLASS (signet_presenter_window_parent_class)->dispose (object);
}

static void
signet_presenter_window_class_init (SignetPresenterWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_presenter_window_dispose;

  widget_class->map = signet_presenter_window_map;
  widget_class->unmap = signet_presenter_window_unmap;

  /**
   * SignetPresenterWindow:position:
   *
   * The document of the batch shown.
   */
  properties[PROP_POSITION] = signet_param_spec_field (
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetPresenterWindow, position),
    G_CALLBACK (signet_presenter_window_set_position));
  /**
   * SignetPresenterWindow:sync:
   *
   * The journal with its tracker, told which document is on screen.
   */
  properties[PROP_SYNC] = signet_param_spec_settable (
    "sync", SIGNET_TYPE_SYNC, G_STRUCT_OFFSET (SignetPresenterWindow, sync),
    G_CALLBACK (signet_presenter_window_set_sync));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  g_type_ensure (SIGNET_TYPE_QR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-presenter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, layout_box);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, qr_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, preparing_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, qr_view);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, ended_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, instruction_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPresenterWindow, progress_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "window.close", NULL);
}

static void
signet_presenter_window_init (SignetPresenterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * signet_presenter_window_new:
 * @parent: (nullable): the window it was started from
 * @documents: a #GListModel of the #SignetDocuments of a batch
 * @position: the one to show first
 *
 * Makes the presenter view for @documents, full screen on another monitor
 * than @parent's when there is one.
 *
 * Returns: (transfer none): a new #SignetPresenterWindow, not shown yet
 */
GtkWidget *
signet_presenter_window_new (GtkWindow *parent, GListModel *documents, guint position)
{
  SignetPresenterWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (documents), NULL);

  self = g_object_new (SIGNET_TYPE_PRESENTER_WINDOW, NULL);
  /* Not one of the application's windows: files opened go to the main
   * window, never here. */
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->documents = g_object_ref (documents);
  self->position = position;
  show_position (self);
  fullscreen_beside (self, parent);

  return GTK_WIDGET (self);
}
