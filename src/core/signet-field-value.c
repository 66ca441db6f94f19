/* signet-field-value.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-field-value"

#include "config.h"

#include "signet-field-value.h"
#include "signet-field-value-private.h"
#include "signet-property-util.h"

G_DEFINE_FINAL_TYPE (SignetFieldValue, signet_field_value, G_TYPE_OBJECT)

enum
{
  FV_PROP_0,
  FV_PROP_NAME,
  FV_PROP_VALUE,
  FV_PROP_READ_ONLY,
  FV_N_PROPS
};

static GParamSpec *fv_properties[FV_N_PROPS];

static void
signet_field_value_finalize (GObject *object)
{
  SignetFieldValue *self = SIGNET_FIELD_VALUE (object);

  g_free (self->name);
  g_free (self->value);

  G_OBJECT_CLASS (signet_field_value_parent_class)->finalize (object);
}

static const SignetField fv_fields[FV_N_PROPS] = {
  [FV_PROP_NAME] = SIGNET_FIELD (SignetFieldValue, name),
  [FV_PROP_VALUE] = SIGNET_FIELD (SignetFieldValue, value),
  [FV_PROP_READ_ONLY] = SIGNET_FIELD (SignetFieldValue, read_only),
};

static void
signet_field_value_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  /* A value of %NULL is stored as "". */
  if (prop_id == FV_PROP_VALUE)
    signet_field_value_set_value (SIGNET_FIELD_VALUE (object), g_value_get_string (value));
  else
    signet_property_set_field (object, prop_id, value, pspec);
}

static void
signet_field_value_class_init (SignetFieldValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_field_value_finalize;
  object_class->get_property = signet_property_get_field;
  object_class->set_property = signet_field_value_set_property;

  fv_properties[FV_PROP_NAME] = g_param_spec_string (
    "name", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Empty: the field keeps what the document has. */
  fv_properties[FV_PROP_VALUE] = g_param_spec_string (
    "value", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  fv_properties[FV_PROP_READ_ONLY]
    = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  signet_property_install (object_class, FV_N_PROPS, fv_properties, fv_fields);
}

static void
signet_field_value_init (SignetFieldValue *self)
{
  self->value = g_strdup ("");
}

SignetFieldValue *
signet_field_value_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (SIGNET_TYPE_FIELD_VALUE, "name", name, NULL);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetFieldValue, SIGNET_IS_FIELD_VALUE, Ret,                              \
                        signet_field_value_get_##member, member, fallback)

GETTER (const char *, name, NULL)

GETTER (const char *, value, NULL)

void
signet_field_value_set_value (SignetFieldValue *self, const char *value)
{
  g_return_if_fail (SIGNET_IS_FIELD_VALUE (self));

  if (value == NULL)
    value = "";
  signet_property_set_string (G_OBJECT (self), &self->value, value, fv_properties[FV_PROP_VALUE]);
}

GETTER (gboolean, read_only, FALSE)

void
signet_field_value_set_read_only (SignetFieldValue *self, gboolean read_only)
{
  g_return_if_fail (SIGNET_IS_FIELD_VALUE (self));
  signet_property_set_boolean (G_OBJECT (self), &self->read_only, read_only,
                               fv_properties[FV_PROP_READ_ONLY]);
}
