/* signet-property-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-property-util"

#include "config.h"

#include "signet-property-util.h"

static gboolean
changed (GObject *object, GParamSpec *pspec)
{
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
signet_property_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return changed (object, pspec);
}

gboolean
signet_property_set_boolean (GObject *object, gboolean *field, gboolean value, GParamSpec *pspec)
{
  value = !!value;
  if (*field == value)
    return FALSE;
  *field = value;
  return changed (object, pspec);
}

gboolean
signet_property_set_int (GObject *object, int *field, int value, GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return changed (object, pspec);
}

gboolean
signet_property_set_uint (GObject *object, guint *field, guint value, GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return changed (object, pspec);
}

gboolean
signet_property_set_int64 (GObject *object, gint64 *field, gint64 value, GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return changed (object, pspec);
}

gboolean
signet_property_set_object (GObject *object, gpointer field, gpointer value, GParamSpec *pspec)
{
  if (!g_set_object ((GObject **) field, value))
    return FALSE;
  return changed (object, pspec);
}

gboolean
signet_property_set_date_time (GObject    *object,
                               GDateTime **field,
                               GDateTime  *value,
                               GParamSpec *pspec)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return changed (object, pspec);
}

void
signet_spec_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  signet_property_set_string (object, field, value, pspec);
}

static GQuark
field_quark (void)
{
  return g_quark_from_static_string ("signet-property-field");
}

/**
 * signet_property_install: (skip)
 * @klass: the class
 * @n_pspecs: the length of @pspecs and @fields
 * @pspecs: the properties, by id; the first is unused, as for
 *   g_object_class_install_properties()
 * @fields: (array length=n_pspecs): where each property lives in the
 *   instance struct; must outlive the class (a static table)
 *
 * Installs the properties and remembers which field each one is.
 */
void
signet_property_install (GObjectClass      *klass,
                         guint              n_pspecs,
                         GParamSpec       **pspecs,
                         const SignetField *fields)
{
  g_object_class_install_properties (klass, n_pspecs, pspecs);
  for (guint i = 1; i < n_pspecs; i++)
    if (fields[i].offset != 0)
      g_param_spec_set_qdata (pspecs[i], field_quark (), (gpointer) &fields[i]);
}

static gpointer
field_of (GObject *object, GParamSpec *pspec, const SignetField **field)
{
  *field = g_param_spec_get_qdata (pspec, field_quark ());
  return *field != NULL ? G_STRUCT_MEMBER_P (object, (*field)->offset) : NULL;
}

/* A get_property that reads the field of a property installed with
 * signet_property_install(). */
void
signet_property_get_field (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  const SignetField *field;
  gpointer           p = field_of (object, pspec, &field);

  if (p == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec)))
    {
      case G_TYPE_STRING:
        g_value_set_string (value, *(char **) p);
        break;
      case G_TYPE_BOOLEAN:
        g_value_set_boolean (value, *(gboolean *) p);
        break;
      case G_TYPE_INT:
        g_value_set_int (value, *(int *) p);
        break;
      case G_TYPE_UINT:
        g_value_set_uint (value, *(guint *) p);
        break;
      case G_TYPE_INT64:
        g_value_set_int64 (value, *(gint64 *) p);
        break;
      case G_TYPE_ENUM:
        g_value_set_enum (value, *(int *) p);
        break;
      case G_TYPE_FLAGS:
        g_value_set_flags (value, *(guint *) p);
        break;
      case G_TYPE_BOXED:
        g_value_set_boxed (value, *(gpointer *) p);
        break;
      case G_TYPE_OBJECT:
      case G_TYPE_INTERFACE:
        g_value_set_object (value, *(gpointer *) p);
        break;
      default:
        g_critical ("Property “%s” is a field of a type not handled here", pspec->name);
    }
}

/* A set_property that compares, stores and notifies the field of a
 * property installed with signet_property_install(). */
void
signet_property_set_field (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  const SignetField *field;
  gpointer           p = field_of (object, pspec, &field);
  GType              type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (p == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (G_TYPE_FUNDAMENTAL (type))
    {
      case G_TYPE_STRING:
        if (field->flags & SIGNET_FIELD_EMPTY_IS_NULL)
          signet_spec_set_string (object, p, g_value_get_string (value), pspec);
        else
          signet_property_set_string (object, p, g_value_get_string (value), pspec);
        break;
      case G_TYPE_BOOLEAN:
        signet_property_set_boolean (object, p, g_value_get_boolean (value), pspec);
        break;
      case G_TYPE_INT:
        signet_property_set_int (object, p, g_value_get_int (value), pspec);
        break;
      case G_TYPE_UINT:
        signet_property_set_uint (object, p, g_value_get_uint (value), pspec);
        break;
      case G_TYPE_INT64:
        signet_property_set_int64 (object, p, g_value_get_int64 (value), pspec);
        break;
      case G_TYPE_ENUM:
        signet_property_set_int (object, p, g_value_get_enum (value), pspec);
        break;
      case G_TYPE_FLAGS:
        signet_property_set_uint (object, p, g_value_get_flags (value), pspec);
        break;
      case G_TYPE_OBJECT:
      case G_TYPE_INTERFACE:
        signet_property_set_object (object, p, g_value_get_object (value), pspec);
        break;
      default:
        if (type == G_TYPE_DATE_TIME)
          signet_property_set_date_time (object, p, g_value_get_boxed (value), pspec);
        else
          g_critical ("Property “%s” is a field of a type not handled here", pspec->name);
    }
}
