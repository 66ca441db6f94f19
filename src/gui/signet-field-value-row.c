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

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

enum
{
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
remove_clicked_cb (SignetFieldValueRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
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
signet_field_value_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SignetFieldValueRow *self = SIGNET_FIELD_VALUE_ROW (object);

  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_object (value, self->value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_field_value_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SignetFieldValueRow *self = SIGNET_FIELD_VALUE_ROW (object);

  switch (prop_id)
    {
      case PROP_VALUE:
        self->value = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_field_value_row_class_init (SignetFieldValueRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_field_value_row_constructed;
  object_class->dispose = signet_field_value_row_dispose;
  object_class->get_property = signet_field_value_row_get_property;
  object_class->set_property = signet_field_value_row_set_property;

  /**
   * SignetFieldValueRow:value:
   *
   * The form field and the value it is filled in with.
   */
  properties[PROP_VALUE]
    = g_param_spec_object ("value", NULL, NULL, SIGNET_TYPE_FIELD_VALUE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetFieldValueRow::remove:
   *
   * The person asked to remove this field's value.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

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
