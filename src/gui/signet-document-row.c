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
#include "signet-library-util.h"
#include "signet-signature-check.h"
#include "signet-widget-util.h"

/**
 * SignetDocumentRow:
 *
 * One document of the library's list: a spinner while Signet works on it,
 * its name, the signer and the date, the round, and a badge with its state.
 * A template whose labels are bound to its #SignetDocumentRow:item, so a
 * row recycled by the list view follows whichever document it is given;
 * #SignetDocumentRow:environment (the current one) decides whether a
 * request that waits to be sent spins.
 */
struct _SignetDocumentRow
{
  GtkWidget parent_instance;

  SignetDocument *item;
  char           *environment; /* the current one; others' requests wait */

  GtkLabel  *name_label;
  GtkLabel  *badge;
  GtkWidget *check_flag;
};

G_DEFINE_FINAL_TYPE (SignetDocumentRow, signet_document_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ITEM,
  PROP_ENVIRONMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const badge_classes_by_group[SIGNET_LIBRARY_N_GROUPS] = {
  "waiting", "preparing", "signed", "cancelled", "failed", "expired", "cancelled", NULL, NULL,
};

/* {{{ What the template's closures show; each gets what it depends on, so
 * that it is evaluated again when that changes. */

static gboolean
busy_here (SignetDocument *item, const char *environment)
{
  return item != NULL && signet_library_is_busy (item)
         && g_strcmp0 (signet_document_get_environment (item), environment) == 0;
}

static gboolean
is_busy_here (gpointer this_, SignetDocument *item, int status, const char *environment)
{
  return busy_here (item, environment);
}

static char *
status_page (gpointer this_, SignetDocument *item, int status, const char *environment)
{
  return g_strdup (busy_here (item, environment) ? "busy" : "icon");
}

static char *
detail_text (gpointer this_, SignetDocument *item)
{
  g_autofree char *date = NULL;
  const char      *signer;

  if (item == NULL)
    return g_strdup ("");
  date = signet_format_time (signet_document_get_created (item));
  signer = signet_document_get_signer_name (item);
  if (signer == NULL)
    signer = signet_document_get_signer_email (item);
  /* Translators: the signer's name, then when the request was made */
  return signer != NULL ? g_strdup_printf (_ ("%s · %s"), signer, date) : g_steal_pointer (&date);
}

static char *
round_text (gpointer this_, guint round, guint n_rounds)
{
  if (n_rounds <= 1)
    return g_strdup ("");
  /* Translators: the signing round, e.g. "2 of 3" */
  return g_strdup_printf (C_ ("signing round", "%u of %u"), round + 1, n_rounds);
}

static gboolean
has_rounds (gpointer this_, guint n_rounds)
{
  return n_rounds > 1;
}

static char *
badge_text (gpointer this_, SignetDocument *item, int status, int state, const char *environment)
{
  if (item == NULL)
    return g_strdup ("");
  /* The state's one name (docs/vocabulary.md). Another environment's
   * requests are "Preparing" without a spinner: they wait until it is
   * chosen again. */
  return g_strdup (signet_document_get_badge (item));
}

/* The archived copy was changed after signing, or its signature is not
 * valid (docs/evidence.md). */
static gboolean
check_failed (gpointer this_, int signature_status)
{
  return signature_status == SIGNET_SIGNATURE_CHANGED
         || signature_status == SIGNET_SIGNATURE_INVALID;
}

static GStrv
badge_classes (gpointer this_, SignetDocument *item, int status, int state)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, "state-badge", "caption", NULL);
  if (item != NULL)
    {
      const char *group = badge_classes_by_group[signet_library_group_for_document (item)];

      if (group != NULL)
        g_strv_builder_add (builder, group);
    }
  return g_strv_builder_end (builder);
}

/* }}} */

/* A screen reader reads a row by its name: the file and its state. The
 * list item around the row is what takes the focus, so the name goes
 * there; the row is only its content. GTK 4.8 has no
 * gtk_list_item_set_accessible_label() (4.12). */
static void
update_accessible_name (SignetDocumentRow *self)
{
  GtkWidget       *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  const char      *name;
  const char      *state;
  g_autofree char *label = NULL;

  /* Also called while the row goes away, its labels first. */
  if (parent == NULL || self->name_label == NULL || self->badge == NULL || self->check_flag == NULL)
    return;
  name = gtk_label_get_label (self->name_label);
  state = gtk_label_get_label (self->badge);
  if (name[0] == '\0')
    return;
  if (state[0] != '\0' && gtk_widget_get_visible (self->check_flag))
    /* Translators: as “%s, %s” above, for a document whose signed copy was changed after
     * signing or has a signature that is not valid */
    label = g_strdup_printf (C_ ("document row", "%s, %s, the signed copy failed its check"), name,
                             state);
  else if (state[0] != '\0')
    /* Translators: the name a screen reader reads for a sent document: its file name, then its
     * state, such as “Contract.pdf, Waiting for signature” */
    label = g_strdup_printf (C_ ("document row", "%s, %s"), name, state);
  else
    label = g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * signet_document_row_set_item:
 * @self: a #SignetDocumentRow
 * @item: (nullable): the document to show
 */
void
signet_document_row_set_item (SignetDocumentRow *self, SignetDocument *item)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT_ROW (self));
  g_return_if_fail (item == NULL || SIGNET_IS_DOCUMENT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * signet_document_row_get_item:
 * @self: a #SignetDocumentRow
 *
 * Returns: (transfer none) (nullable): the document shown
 */
SignetDocument *
signet_document_row_get_item (SignetDocumentRow *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT_ROW (self), NULL);

  return self->item;
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

static void
signet_document_row_dispose (GObject *object)
{
  SignetDocumentRow *self = SIGNET_DOCUMENT_ROW (object);
  GtkWidget         *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_DOCUMENT_ROW);
  /* The template's children that no field holds (the status stack, the
   * names' box, the rounds' label) go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);
  g_clear_pointer (&self->environment, g_free);

  G_OBJECT_CLASS (signet_document_row_parent_class)->dispose (object);
}

static void
signet_document_row_class_init (SignetDocumentRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_document_row_dispose;

  /**
   * SignetDocumentRow:item:
   *
   * The document shown.
   */
  properties[PROP_ITEM] = signet_param_spec_settable ("item", SIGNET_TYPE_DOCUMENT,
                                                      G_STRUCT_OFFSET (SignetDocumentRow, item),
                                                      G_CALLBACK (signet_document_row_set_item));
  /**
   * SignetDocumentRow:environment:
   *
   * The id of the environment Signet sends to now.
   */
  properties[PROP_ENVIRONMENT] = signet_param_spec_field (
    g_param_spec_string ("environment", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetDocumentRow, environment),
    G_CALLBACK (signet_document_row_set_environment));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentRow, badge);
  gtk_widget_class_bind_template_child (widget_class, SignetDocumentRow, check_flag);
  gtk_widget_class_bind_template_callback (widget_class, check_failed);
  gtk_widget_class_bind_template_callback (widget_class, is_busy_here);
  gtk_widget_class_bind_template_callback (widget_class, status_page);
  gtk_widget_class_bind_template_callback (widget_class, detail_text);
  gtk_widget_class_bind_template_callback (widget_class, round_text);
  gtk_widget_class_bind_template_callback (widget_class, has_rounds);
  gtk_widget_class_bind_template_callback (widget_class, badge_text);
  gtk_widget_class_bind_template_callback (widget_class, badge_classes);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "signet-document-row");
}

static void
signet_document_row_init (SignetDocumentRow *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              12);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->name_label, "notify::label", G_CALLBACK (update_accessible_name),
                            self);
  g_signal_connect_swapped (self->badge, "notify::label", G_CALLBACK (update_accessible_name),
                            self);
  g_signal_connect (self, "notify::parent", G_CALLBACK (update_accessible_name), NULL);
  g_signal_connect_swapped (self->check_flag, "notify::visible",
                            G_CALLBACK (update_accessible_name), self);
}

/**
 * signet_document_row_new:
 *
 * Returns: (transfer floating): a new #SignetDocumentRow showing nothing
 */
GtkWidget *
signet_document_row_new (void)
{
  return g_object_new (SIGNET_TYPE_DOCUMENT_ROW, NULL);
}
