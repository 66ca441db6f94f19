/* signet-widget-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What many of Signet's widget classes do alike: install their actions
 * from a table, read and write their properties through one get/set_property
 * (each property names its field and setter), keep the one object they were
 * made for, offer a "remove" signal, and drop the children of their template.
 */

#define G_LOG_DOMAIN "signet-widget-util"

#include "config.h"

#include "signet-widget-util.h"

#include <adwaita.h>

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

/* {{{ Properties kept in a field */

/* How a property reads and writes its instance. */
typedef struct
{
  gsize                offset; /* the field that holds it, or 0 with @get */
  GCallback            set;    /* the class's setter, or NULL to store in the field */
  SignetPropertyGetter get;    /* computes it where no field holds it */
} Field;

static GQuark
field_quark (void)
{
  return g_quark_from_static_string ("signet-property-field");
}

static void
field_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  const Field *field = g_param_spec_get_qdata (pspec, field_quark ());
  gpointer     member;

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (field->get != NULL)
    {
      field->get (object, value);
      return;
    }

  member = G_STRUCT_MEMBER_P (object, field->offset);
  switch (G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec)))
    {
      case G_TYPE_OBJECT:
        g_value_set_object (value, *(GObject **) member);
        break;
      case G_TYPE_STRING:
        g_value_set_string (value, *(char **) member);
        break;
      case G_TYPE_BOOLEAN:
        g_value_set_boolean (value, *(gboolean *) member);
        break;
      case G_TYPE_INT:
        g_value_set_int (value, *(int *) member);
        break;
      case G_TYPE_UINT:
        g_value_set_uint (value, *(guint *) member);
        break;
      case G_TYPE_DOUBLE:
        g_value_set_double (value, *(double *) member);
        break;
      default:
        g_assert_not_reached ();
    }
}

/* Without a setter the value goes into the field as it is, as for a
 * construct-only property; a setter gets it as its C type, and notifies. */
static void
field_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  const Field *field = g_param_spec_get_qdata (pspec, field_quark ());
  gpointer     member;

  if (field == NULL || (field->set == NULL && field->offset == 0))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  member = G_STRUCT_MEMBER_P (object, field->offset);
  switch (G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec)))
    {
      case G_TYPE_OBJECT:
        if (field->set != NULL)
          ((void (*) (GObject *, gpointer)) field->set) (object, g_value_get_object (value));
        else
          g_set_object ((GObject **) member, g_value_get_object (value));
        break;
      case G_TYPE_STRING:
        if (field->set != NULL)
          ((void (*) (GObject *, const char *)) field->set) (object, g_value_get_string (value));
        else
          {
            g_free (*(char **) member);
            *(char **) member = g_value_dup_string (value);
          }
        break;
      case G_TYPE_BOOLEAN:
        if (field->set != NULL)
          ((void (*) (GObject *, gboolean)) field->set) (object, g_value_get_boolean (value));
        else
          *(gboolean *) member = g_value_get_boolean (value);
        break;
      case G_TYPE_INT:
        if (field->set != NULL)
          ((void (*) (GObject *, int)) field->set) (object, g_value_get_int (value));
        else
          *(int *) member = g_value_get_int (value);
        break;
      case G_TYPE_UINT:
        if (field->set != NULL)
          ((void (*) (GObject *, guint)) field->set) (object, g_value_get_uint (value));
        else
          *(guint *) member = g_value_get_uint (value);
        break;
      case G_TYPE_DOUBLE:
        if (field->set != NULL)
          ((void (*) (GObject *, double)) field->set) (object, g_value_get_double (value));
        else
          *(double *) member = g_value_get_double (value);
        break;
      default:
        g_assert_not_reached ();
    }
}

static GParamSpec *
attach_field (GParamSpec *pspec, gsize offset, GCallback set, SignetPropertyGetter get)
{
  Field *field = g_new0 (Field, 1);

  field->offset = offset;
  field->set = set;
  field->get = get;
  /* Class data: it lives as long as the class, as the pspec does. */
  g_param_spec_set_qdata_full (pspec, field_quark (), field, g_free);
  return pspec;
}

/**
 * signet_param_spec_field:
 * @pspec: (transfer full): a new property of a type an instance field
 *   holds: object, string, boolean, int, uint or double
 * @offset: where the instance keeps it: `G_STRUCT_OFFSET (Type, field)`
 * @set: (nullable): the class's public setter, such as
 *   `void signet_thing_set_sync (SignetThing *self, SignetSync *sync)`,
 *   which notifies; %NULL to store the value in the field as it comes,
 *   for a construct-only property (the class frees it in dispose or
 *   finalize)
 *
 * Says how signet_object_class_install_fields() reads and writes @pspec:
 * the one get_property and set_property of such classes.
 *
 * Returns: (transfer full): @pspec
 */
GParamSpec *
signet_param_spec_field (GParamSpec *pspec, gsize offset, GCallback set)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);
  g_return_val_if_fail (offset >= sizeof (GObject), NULL);

  return attach_field (pspec, offset, set, NULL);
}

/**
 * signet_param_spec_given:
 * @name: (not nullable): the property's name, a static string
 * @type: the object's #GType
 * @access: %G_PARAM_READWRITE, or %G_PARAM_WRITABLE where nobody reads it
 * @offset: where the instance keeps it: `G_STRUCT_OFFSET (Type, field)`
 *
 * A property for an object handed over at construction, such as the
 * account a window shows: construct-only, kept in the field at @offset
 * with a reference the class drops in its dispose or finalize.
 *
 * Returns: (transfer full): a new property for
 *   signet_object_class_install_fields()
 */
GParamSpec *
signet_param_spec_given (const char *name, GType type, GParamFlags access, gsize offset)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);

  return signet_param_spec_field (
    g_param_spec_object (name, NULL, NULL, type,
                         access | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS),
    offset, NULL);
}

/**
 * signet_param_spec_settable:
 * @name: (not nullable): the property's name, a static string
 * @type: the object's #GType
 * @offset: where the instance keeps it: `G_STRUCT_OFFSET (Type, field)`
 * @set: the class's public setter, which notifies on a real change
 *
 * A property for an object the class's setter can replace at any time,
 * such as the #SignetSync a page follows.
 *
 * Returns: (transfer full): a new property for
 *   signet_object_class_install_fields()
 */
GParamSpec *
signet_param_spec_settable (const char *name, GType type, gsize offset, GCallback set)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  return signet_param_spec_field (
    g_param_spec_object (name, NULL, NULL, type,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    offset, set);
}

/**
 * signet_param_spec_computed:
 * @pspec: (transfer full): a new read-only property
 * @get: computes its value
 *
 * Like signet_param_spec_field(), for a value no field holds.
 *
 * Returns: (transfer full): @pspec
 */
GParamSpec *
signet_param_spec_computed (GParamSpec *pspec, SignetPropertyGetter get)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);
  g_return_val_if_fail (get != NULL, NULL);
  g_return_val_if_fail (!(pspec->flags & G_PARAM_WRITABLE), NULL);

  return attach_field (pspec, 0, NULL, get);
}

/**
 * signet_object_class_install_fields:
 * @object_class: a #GObjectClass
 * @n_pspecs: the length of @pspecs, with its unused 0th entry
 * @pspecs: (array length=n_pspecs): the class's properties, each from
 *   signet_param_spec_field() or signet_param_spec_computed()
 *
 * Installs @pspecs as g_object_class_install_properties() does, with a
 * get_property and set_property that read and write the fields they name.
 */
void
signet_object_class_install_fields (GObjectClass *object_class, guint n_pspecs, GParamSpec **pspecs)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));

  for (guint i = 1; i < n_pspecs; i++)
    g_return_if_fail (g_param_spec_get_qdata (pspecs[i], field_quark ()) != NULL);

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;
  g_object_class_install_properties (object_class, n_pspecs, pspecs);
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
  GParamSpec *pspecs[2] = { NULL };

  g_return_val_if_fail (G_IS_OBJECT_CLASS (object_class), NULL);

  pspecs[1] = signet_param_spec_given (name, type, G_PARAM_READWRITE, offset);
  signet_object_class_install_fields (object_class, G_N_ELEMENTS (pspecs), pspecs);

  return pspecs[1];
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
 * signet_set_followed:
 * @slot: (inout): where an object is kept whose signals call back with @data
 * @object: (nullable): the object to keep instead
 * @data: the user data its handlers were connected with, usually the widget
 *
 * g_set_object() for an object whose signals a widget follows: first the
 * handlers that were connected with @data to the old object let go.
 *
 * Returns: whether @slot changed; the caller connects to the new object
 */
gboolean
signet_set_followed (gpointer slot, gpointer object, gpointer data)
{
  GObject **field = slot;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (object == NULL || G_IS_OBJECT (object), FALSE);

  if (*field == object)
    return FALSE;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, data);
  return g_set_object (field, object);
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

static void
name_by_tooltip (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

/**
 * signet_name_icon_buttons:
 * @widget: a widget
 *
 * Gives every button below @widget that shows only an icon, such as the
 * one a library widget adds to reveal a password, its tooltip as its
 * accessible name, and keeps it when the tooltip changes. GTK 4.8 names
 * such a button by its child, "GtkImage", for a screen reader.
 */
void
signet_name_icon_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
        {
          name_by_tooltip (child);
          g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (name_by_tooltip), NULL);
        }
      else
        signet_name_icon_buttons (child);
    }
}

/**
 * signet_name_label_buttons:
 * @widget: a widget
 *
 * Names every button below @widget whose child is a label set with
 * gtk_button_set_child() (not gtk_button_set_label()) by that label, such as
 * the version button of libadwaita 1.2's About window. GTK 4.8 names such a
 * button by its class, "GtkButton", for a screen reader.
 */
void
signet_name_label_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;

      if (GTK_IS_LABEL (label) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        label, NULL, -1);
      else
        signet_name_label_buttons (child);
    }
}

/* A button with a mnemonic keeps only the name its label child gives it
 * (labelled-by, the text without the underscore). A button without a
 * label text (an icon) keeps the name it was given. */
static void
read_label_child_only (GtkWidget *button)
{
  if (gtk_button_get_use_underline (GTK_BUTTON (button))
      && gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
button_realized_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "signet-read-once") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "signet-read-once", GINT_TO_POINTER (TRUE));
      read_label_child_only (widget);
      g_signal_connect (widget, "notify::label", G_CALLBACK (read_label_child_only), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (read_label_child_only), NULL);
    }
  return TRUE;
}

/**
 * signet_name_mnemonic_buttons_once:
 *
 * Makes every button with a mnemonic ("_Try Again") read its name once,
 * from now on in the whole program. GTK 4.8 names such a button twice:
 * gtk_button_set_label() sets the accessible label to the text with its
 * underscore, and the label child made for the mnemonic labels the button
 * too (gtk_label_set_mnemonic_widget() adds a labelled-by relation); a
 * name is both joined ("_Try Again Try Again"). Buttons made by libraries
 * (#AdwMessageDialog's responses) are reached too: each button drops the
 * accessible label when it is realized and whenever its label changes.
 */
void
signet_name_mnemonic_buttons_once (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      guint realize;

      /* The signal exists once the class does; it is kept for the run. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      realize = g_signal_lookup ("realize", GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (realize, 0, button_realized_cb, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * signet_status_pages_skip_tab:
 * @widget: a widget
 *
 * Takes the scrolled window inside every #AdwStatusPage below @widget out
 * of the Tab order. GTK makes a scrolled window a Tab stop of its own when
 * nothing inside it takes the focus, so a status page without a button
 * ("Checking…") was a stop without a name that showed no focus; one with a
 * button still passes the focus on to it.
 */
void
signet_status_pages_skip_tab (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_STATUS_PAGE (widget) && GTK_IS_SCROLLED_WINDOW (child))
        gtk_widget_set_focusable (child, FALSE);
      signet_status_pages_skip_tab (child);
    }
}
