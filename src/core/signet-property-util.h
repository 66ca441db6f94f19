/* signet-property-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Setters of one field of an object's struct: each stores @value and
 * notifies @pspec only on a real change, and says whether there was one.
 * An enum field goes through the int setter, a flags field through the
 * uint one. */
gboolean
signet_property_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec);
gboolean
signet_property_set_boolean (GObject *object, gboolean *field, gboolean value, GParamSpec *pspec);
gboolean signet_property_set_int (GObject *object, int *field, int value, GParamSpec *pspec);
gboolean signet_property_set_uint (GObject *object, guint *field, guint value, GParamSpec *pspec);
gboolean
signet_property_set_int64 (GObject *object, gint64 *field, gint64 value, GParamSpec *pspec);
gboolean
signet_property_set_object (GObject *object, gpointer field, gpointer value, GParamSpec *pspec);
gboolean signet_property_set_date_time (GObject    *object,
                                        GDateTime **field,
                                        GDateTime  *value,
                                        GParamSpec *pspec);

/* The request description's flavour: an empty string is stored as %NULL. */
void signet_spec_set_string (GObject *object, char **field, const char *value, GParamSpec *pspec);

/* A property that is only a field of the instance struct. A class lists
 * its fields by property id, installs them with signet_property_install()
 * and uses signet_property_get_field() and signet_property_set_field() as
 * its get_property and set_property (or calls them for the properties it
 * has no case of its own for). The value type of the property says how the
 * field is read and written: a string is a `char *`, an enum an int, flags
 * a guint, a boxed, object or interface type a pointer. Setting compares,
 * stores a copy or a reference, and notifies only on a real change; of the
 * boxed types it sets only #GDateTime. */
typedef enum
{
  SIGNET_FIELD_NONE = 0,
  SIGNET_FIELD_EMPTY_IS_NULL = 1 << 0, /* a string: "" is stored as %NULL */
} SignetFieldFlags;

typedef struct
{
  gsize            offset; /* 0: the property is not a field */
  SignetFieldFlags flags;
} SignetField;

#define SIGNET_FIELD(Type, member)                                                                 \
  {                                                                                                \
    G_STRUCT_OFFSET (Type, member), SIGNET_FIELD_NONE                                              \
  }
#define SIGNET_FIELD_FULL(Type, member, flags)                                                     \
  {                                                                                                \
    G_STRUCT_OFFSET (Type, member), (flags)                                                        \
  }

void signet_property_install (GObjectClass      *klass,
                              guint              n_pspecs,
                              GParamSpec       **pspecs,
                              const SignetField *fields);
void signet_property_get_field (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec);
void
signet_property_set_field (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec);

/* Defines `Ret func (Type *self)`, the getter of the field @member: it
 * returns @fallback, with a critical, for anything that IS_TYPE() says is
 * not a Type. The gtk-doc comment goes above the use, as above the
 * function it defines. */
#define SIGNET_DEFINE_GETTER(Type, IS_TYPE, Ret, func, member, fallback)                           \
  Ret func (Type *self)                                                                            \
  {                                                                                                \
    g_return_val_if_fail (IS_TYPE (self), fallback);                                               \
    return self->member;                                                                           \
  }

/* Defines `void func (Type *self, Arg value)`, the setter of the field
 * @member: it checks @self with IS_TYPE() and stores @value with @set, one
 * of the setters above, notifying @pspec only on a real change. */
#define SIGNET_DEFINE_SETTER(Type, IS_TYPE, Arg, func, set, member, pspec)                         \
  void func (Type *self, Arg value)                                                                \
  {                                                                                                \
    g_return_if_fail (IS_TYPE (self));                                                             \
    set (G_OBJECT (self), &self->member, value, pspec);                                            \
  }

G_END_DECLS
