/* signet-widget-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What many of Signet's widget classes do alike: install their actions
 * from a table, keep the one object they were made for, offer a "remove"
 * signal, and drop the children of their template.
 */

#define G_LOG_DOMAIN "signet-widget-util"

#include "config.h"

#include "signet-widget-util.h"

/**
 * signet_widget_class_install_actions:
 * @widget_class: a #GtkWidgetClass
 * @actions: (array length=n_actions): the actions
 * @n_actions: how many
 *
 * Installs each of @actions on @widget_class, in their order.
 */
void
signet_widget_class_install_actions (GtkWidgetClass           *widget_class,
                                     const SignetWidgetAction *actions,
                                     gsize                     n_actions)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  g_return_if_fail (actions != NULL || n_actions == 0);

  for (gsize i = 0; i < n_actions; i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                     actions[i].activate);
}

/* {{{ The object a widget was made for */

static GQuark
model_offset_quark (void)
{
  return g_quark_from_static_string ("signet-widget-model-offset");
}

/* Where the instance keeps the object; 0 (the parent instance) for a
 * property that is not the model. */
static gsize
model_offset (GParamSpec *pspec)
{
  return GPOINTER_TO_SIZE (g_param_spec_get_qdata (pspec, model_offset_quark ()));
}

static void
model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  gsize offset = model_offset (pspec);

  if (offset == 0)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_object (value, G_STRUCT_MEMBER (GObject *, object, offset));
}

static void
model_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  gsize offset = model_offset (pspec);

  if (offset == 0)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  /* Construct-only: set once, before anything else was there. */
  G_STRUCT_MEMBER (GObject *, object, offset) = g_value_dup_object (value);
}

/**
 * signet_widget_class_install_model:
 * @object_class: the class of a widget made for one object, such as a row
 *   for an item
 * @name: (not nullable): the property's name, a static string
 * @type: the object's #GType
 * @offset: where the instance keeps it: `G_STRUCT_OFFSET (Type, field)`
 *
 * Installs the construct-only property @name, the class's only one, that
 * keeps a reference to its object in the field at @offset; the class
 * drops that reference in its dispose or finalize.
 *
 * Returns: (transfer none): the property
 */
GParamSpec *
signet_widget_class_install_model (GObjectClass *object_class,
                                   const char   *name,
                                   GType         type,
                                   gsize         offset)
{
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT_CLASS (object_class), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (offset >= sizeof (GObject), NULL);

  pspec = g_param_spec_object (name, NULL, NULL, type,
                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_param_spec_set_qdata (pspec, model_offset_quark (), GSIZE_TO_POINTER (offset));
  object_class->get_property = model_get_property;
  object_class->set_property = model_set_property;
  g_object_class_install_property (object_class, 1, pspec);

  return pspec;
}

/* }}} */

/**
 * signet_widget_class_new_remove_signal:
 * @object_class: the class of a row or group that can be removed
 *
 * Adds the signal "remove", without arguments: the person asked to remove
 * the widget's object. Its remove button emits it; the parent removes.
 *
 * Returns: the signal's id
 */
guint
signet_widget_class_new_remove_signal (GObjectClass *object_class)
{
  g_return_val_if_fail (G_IS_OBJECT_CLASS (object_class), 0);

  return g_signal_new ("remove", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                       NULL, G_TYPE_NONE, 0);
}

/**
 * signet_widget_unparent_children:
 * @widget: a widget that is going away
 *
 * Unparents all children of @widget, also those of its template that have
 * no name for gtk_widget_dispose_template() to clear them by.
 */
void
signet_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
