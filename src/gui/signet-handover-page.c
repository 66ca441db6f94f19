/* signet-handover-page.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-handover-page"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-document.h"
#include "signet-handover-page.h"
#include "signet-handover-view.h"
#include "signet-presenter-window.h"
#include "signet-widget-util.h"

/**
 * SignetHandoverPage:
 *
 * The page after a batch is sent: one #SignetHandoverView at a time, with
 * Previous and Next through the batch, Presenter Mode (F11) and Done, which
 * emits #SignetHandoverPage::done.
 */
struct _SignetHandoverPage
{
  GtkWidget parent_instance;

  GListModel *documents;
  guint       position;
  GtkWidget  *presenter; /* weak */
  SignetSync *sync;

  GtkWidget          *batch_box;
  GtkWidget          *presenter_button;
  GtkLabel           *position_label;
  GtkWidget          *done_button;
  SignetHandoverView *view;
};

G_DEFINE_FINAL_TYPE (SignetHandoverPage, signet_handover_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_POSITION,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_documents (SignetHandoverPage *self)
{
  return self->documents != NULL ? g_list_model_get_n_items (self->documents) : 0;
}

/* Presenter mode is offered while a document of the batch waits for its
 * signer: once all are signed (or over), there is no code to show. */
static void
update_presenter (SignetHandoverPage *self)
{
  guint    n = n_documents (self);
  gboolean waiting = FALSE;

  for (guint i = 0; i < n && !waiting; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (self->documents, i);
      SignetDocumentStatus status = signet_document_get_status (document);

      waiting
        = !signet_document_status_is_final (status) && status != SIGNET_DOCUMENT_STATUS_SIGNED;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.presenter", waiting);
  gtk_widget_set_visible (self->presenter_button, waiting);
}

static void
follow_documents (SignetHandoverPage *self, guint position, guint n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (self->documents, i);

      g_signal_connect_object (document, "notify::status", G_CALLBACK (update_presenter), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
update (SignetHandoverPage *self)
{
  guint n = n_documents (self);
  g_autoptr (SignetDocument) document = NULL;

  if (n > 0)
    document = g_list_model_get_item (self->documents, MIN (self->position, n - 1));
  signet_handover_view_set_document (self->view, document);

  gtk_widget_set_visible (self->batch_box, n > 1);
  if (n > 1)
    {
      /* Translators: which document of a batch is shown, e.g. "2 of 5" */
      g_autofree char *text
        = g_strdup_printf (C_ ("document of a batch", "%u of %u"), self->position + 1, n);

      gtk_label_set_label (self->position_label, text);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.next", self->position + 1 < n);
  update_presenter (self);
}

/**
 * signet_handover_page_set_position:
 * @self: a #SignetHandoverPage
 * @position: the document of the batch to show
 */
void
signet_handover_page_set_position (SignetHandoverPage *self, guint position)
{
  g_return_if_fail (SIGNET_IS_HANDOVER_PAGE (self));

  if (n_documents (self) > 0)
    position = MIN (position, n_documents (self) - 1);
  if (self->position == position)
    return;

  self->position = position;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * signet_handover_page_get_position:
 * @self: a #SignetHandoverPage
 *
 * Returns: the document of the batch shown
 */
guint
signet_handover_page_get_position (SignetHandoverPage *self)
{
  g_return_val_if_fail (SIGNET_IS_HANDOVER_PAGE (self), 0);

  return self->position;
}

/**
 * signet_handover_page_set_sync:
 * @self: a #SignetHandoverPage
 * @sync: (nullable): the journal with its tracker
 */
void
signet_handover_page_set_sync (SignetHandoverPage *self, SignetSync *sync)
{
  g_return_if_fail (SIGNET_IS_HANDOVER_PAGE (self));
  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  if (!g_set_object (&self->sync, sync))
    return;
  if (self->presenter != NULL)
    signet_presenter_window_set_sync (SIGNET_PRESENTER_WINDOW (self->presenter), sync);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

static void
documents_changed_cb (SignetHandoverPage *self, guint position, guint removed, guint added)
{
  follow_documents (self, position, added);
  update (self);
}

/**
 * signet_handover_page_set_documents:
 * @self: a #SignetHandoverPage
 * @documents: (nullable): a #GListModel of #SignetDocuments: a batch just sent
 *
 * Shows the first document of @documents.
 */
void
signet_handover_page_set_documents (SignetHandoverPage *self, GListModel *documents)
{
  g_return_if_fail (SIGNET_IS_HANDOVER_PAGE (self));
  g_return_if_fail (documents == NULL || G_IS_LIST_MODEL (documents));

  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  if (signet_set_followed (&self->documents, documents, self) && documents != NULL)
    {
      g_signal_connect_object (documents, "items-changed", G_CALLBACK (documents_changed_cb), self,
                               G_CONNECT_SWAPPED);
      follow_documents (self, 0, g_list_model_get_n_items (documents));
    }

  self->position = 0;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * signet_handover_page_get_documents:
 * @self: a #SignetHandoverPage
 *
 * Returns: (transfer none) (nullable): the batch shown
 */
GListModel *
signet_handover_page_get_documents (SignetHandoverPage *self)
{
  g_return_val_if_fail (SIGNET_IS_HANDOVER_PAGE (self), NULL);

  return self->documents;
}

/**
 * signet_handover_page_present:
 * @self: a #SignetHandoverPage
 *
 * Shows the batch in presenter mode: full screen, for the signer.
 */
void
signet_handover_page_present (SignetHandoverPage *self)
{
  GtkWidget *presenter;
  GtkRoot   *root;

  g_return_if_fail (SIGNET_IS_HANDOVER_PAGE (self));

  if (n_documents (self) == 0)
    return;
  if (self->presenter != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->presenter));
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  presenter = signet_presenter_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->documents, self->position);
  signet_presenter_window_set_sync (SIGNET_PRESENTER_WINDOW (presenter), self->sync);
  /* The page follows the presenter from document to document, and back. */
  g_object_bind_property (presenter, "position", self, "position", G_BINDING_BIDIRECTIONAL);
  g_set_weak_pointer (&self->presenter, presenter);
  gtk_window_present (GTK_WINDOW (presenter));
}

static void
previous_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetHandoverPage *self = SIGNET_HANDOVER_PAGE (widget);

  if (self->position > 0)
    signet_handover_page_set_position (self, self->position - 1);
}

static void
next_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetHandoverPage *self = SIGNET_HANDOVER_PAGE (widget);

  signet_handover_page_set_position (self, self->position + 1);
}

static void
presenter_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* F11 reaches here from anywhere in the window; only while the page shows. */
  if (gtk_widget_get_mapped (widget))
    signet_handover_page_present (SIGNET_HANDOVER_PAGE (widget));
}

static void
done_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[DONE], 0);
}

static void
signet_handover_page_dispose (GObject *object)
{
  SignetHandoverPage *self = SIGNET_HANDOVER_PAGE (object);

  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_clear_weak_pointer (&self->presenter);
  if (self->documents != NULL)
    g_signal_handlers_disconnect_by_func (self->documents, documents_changed_cb, self);
  g_clear_object (&self->documents);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_HANDOVER_PAGE);
  g_clear_object (&self->sync);
  signet_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (signet_handover_page_parent_class)->dispose (object);
}

static void
signet_handover_page_class_init (SignetHandoverPageClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "handover.previous", NULL, previous_activated },
    { "handover.next", NULL, next_activated },
    { "handover.presenter", NULL, presenter_activated },
    { "handover.done", NULL, done_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_handover_page_dispose;

  /**
   * SignetHandoverPage:position:
   *
   * The document of the batch shown.
   */
  properties[PROP_POSITION] = signet_param_spec_field (
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetHandoverPage, position), G_CALLBACK (signet_handover_page_set_position));
  /**
   * SignetHandoverPage:sync:
   *
   * The journal with its tracker, handed down to the view and the
   * presenter window, which tell it the document on screen.
   */
  properties[PROP_SYNC] = signet_param_spec_settable ("sync", SIGNET_TYPE_SYNC,
                                                      G_STRUCT_OFFSET (SignetHandoverPage, sync),
                                                      G_CALLBACK (signet_handover_page_set_sync));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  /**
   * SignetHandoverPage::done:
   *
   * The person is done handing over: the window goes back to its documents.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);

  g_type_ensure (SIGNET_TYPE_HANDOVER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-handover-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverPage, batch_box);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverPage, presenter_button);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, SignetHandoverPage, view);

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
signet_handover_page_init (SignetHandoverPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (
    GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);

  /* F11 works wherever the focus is in the window, as in presentation apps. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                      gtk_named_action_new ("handover.presenter")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update (self);
}

/**
 * signet_handover_page_new:
 *
 * Returns: (transfer floating): a new #SignetHandoverPage showing nothing
 */
/**
 * signet_handover_page_focus:
 * @self: a #SignetHandoverPage
 *
 * Moves the keyboard focus to Copy Link, what the person needs next once a
 * request is sent; to Done until the link is made, and to Copy Link when
 * it is, unless the focus was moved meanwhile.
 *
 * Returns: whether the focus moved
 */
gboolean
signet_handover_page_focus (SignetHandoverPage *self)
{
  g_return_val_if_fail (SIGNET_IS_HANDOVER_PAGE (self), FALSE);

  return signet_handover_view_focus_link (self->view, self->done_button);
}

GtkWidget *
signet_handover_page_new (void)
{
  return g_object_new (SIGNET_TYPE_HANDOVER_PAGE, NULL);
}
