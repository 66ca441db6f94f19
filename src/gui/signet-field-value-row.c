/* signet-field-value-row.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-field-value-row"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-field-value-row.h"
#include "signet-form-util.h"
#include "signet-widget-util.h"

/* One form field filled in before signing: its value, whether the signer
 * may change it, and a button to remove it. */
struct _SignetFieldValueRow
{
  AdwEntryRow parent_instance;

  SignetFieldValue *value;

  GtkToggleButton *lock_button;
  GtkButton       *remove_button;
};

G_DEFINE_FINAL_TYPE (SignetFieldValueRow, signet_field_value_row, ADW_TYPE_ENTRY_ROW)

static guint remove_signal;

static void
remove_clicked_cb (SignetFieldValueRow *self)
{
  g_signal_emit (self, remove_signal, 0);
}

static void
signet_field_value_row_constructed (GObject *object)
{
  SignetFieldValueRow *self = SIGNET_FIELD_VALUE_ROW (object);
  const char          *name = signet_field_value_get_name (self->value);
  g_autofree char     *remove = NULL;

  G_OBJECT_CLASS (signet_field_value_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  signet_form_bind_text (self->value, "value", self);
  g_object_bind_property (self->value, "read-only", self->lock_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Translators: a button's tooltip and accessible name; %s is the name of a form field */
  remove = g_strdup_printf (_ ("Remove “%s”"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
signet_field_value_row_dispose (GObject *object)
{
  SignetFieldValueRow *self = SIGNET_FIELD_VALUE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_FIELD_VALUE_ROW);
  g_clear_object (&self->value);

  G_OBJECT_CLASS (signet_field_value_row_parent_class)->dispose (object);
}

static void
signet_field_value_row_class_init (SignetFieldValueRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_field_value_row_constructed;
  object_class->dispose = signet_field_value_row_dispose;

  /**
   * SignetFieldValueRow:value:
   *
   * The form field and the value it is filled in with.
   */
  signet_widget_class_install_model (object_class, "value", SIGNET_TYPE_FIELD_VALUE,
                                     G_STRUCT_OFFSET (SignetFieldValueRow, value));

  /**
   * SignetFieldValueRow::remove:
   *
   * The person asked to remove this field's value.
   */
  remove_signal = signet_widget_class_new_remove_signal (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-field-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetFieldValueRow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SignetFieldValueRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
signet_field_value_row_init (SignetFieldValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * signet_field_value_row_new:
 * @value: the form field to fill in
 *
 * Returns: (transfer floating): a row bound to @value
 */
GtkWidget *
signet_field_value_row_new (SignetFieldValue *value)
{
  g_return_val_if_fail (SIGNET_IS_FIELD_VALUE (value), NULL);

  return g_object_new (SIGNET_TYPE_FIELD_VALUE_ROW, "value", value, NULL);
}

/**
 * signet_field_value_row_get_value:
 * @self: a #SignetFieldValueRow
 *
 * Returns: (transfer none): the form field it fills in
 */
SignetFieldValue *
signet_field_value_row_get_value (SignetFieldValueRow *self)
{
  g_return_val_if_fail (SIGNET_IS_FIELD_VALUE_ROW (self), NULL);

  return self->value;
}
