/* test-property-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signet-property-util.h"

#include <gio/gio.h>

/* A data object of the kind the mechanism is for: every property a field
 * but "computed", which the class answers itself. */
#define TEST_TYPE_THING (test_thing_get_type ())
G_DECLARE_FINAL_TYPE (TestThing, test_thing, TEST, THING, GObject)

struct _TestThing
{
  GObject      parent_instance;
  char        *name;
  char        *note;
  gboolean     done;
  GIOErrorEnum code;
  gint64       size;
  GFile       *file;
  GDateTime   *when;
};

G_DEFINE_FINAL_TYPE (TestThing, test_thing, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_NOTE,
  PROP_DONE,
  PROP_CODE,
  PROP_SIZE,
  PROP_FILE,
  PROP_WHEN,
  PROP_COMPUTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SignetField fields[N_PROPS] = {
  [PROP_NAME] = SIGNET_FIELD (TestThing, name),
  [PROP_NOTE] = SIGNET_FIELD_FULL (TestThing, note, SIGNET_FIELD_EMPTY_IS_NULL),
  [PROP_DONE] = SIGNET_FIELD (TestThing, done),
  [PROP_CODE] = SIGNET_FIELD (TestThing, code),
  [PROP_SIZE] = SIGNET_FIELD (TestThing, size),
  [PROP_FILE] = SIGNET_FIELD (TestThing, file),
  [PROP_WHEN] = SIGNET_FIELD (TestThing, when),
};

static void
test_thing_finalize (GObject *object)
{
  TestThing *self = TEST_THING (object);

  g_free (self->name);
  g_free (self->note);
  g_clear_object (&self->file);
  g_clear_pointer (&self->when, g_date_time_unref);
  G_OBJECT_CLASS (test_thing_parent_class)->finalize (object);
}

static void
test_thing_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_COMPUTED)
    g_value_set_int (value, 42);
  else
    signet_property_get_field (object, prop_id, value, pspec);
}

static void
test_thing_class_init (TestThingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = test_thing_finalize;
  object_class->get_property = test_thing_get_property;
  object_class->set_property = signet_property_set_field;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, rw);
  properties[PROP_CODE]
    = g_param_spec_enum ("code", NULL, NULL, G_TYPE_IO_ERROR_ENUM, G_IO_ERROR_FAILED, rw);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);
  properties[PROP_WHEN] = g_param_spec_boxed ("when", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_COMPUTED] = g_param_spec_int ("computed", NULL, NULL, 0, 100, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  signet_property_install (object_class, N_PROPS, properties, fields);
}

static void
test_thing_init (TestThing *self)
{
}

static void
count_cb (GObject *object, GParamSpec *pspec, GHashTable *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (
    counts, (gpointer) name,
    GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count (GHashTable *counts, const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

/* g_object_set() stores every kind of field and notifies only what really
 * changed; g_object_get() reads the fields back. */
static void
test_set_and_get (void)
{
  g_autoptr (TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GFile) file = g_file_new_for_path ("/tmp/a.pdf");
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autoptr (GDateTime) same_when = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autofree char *name = NULL;
  g_autoptr (GFile) file_back = NULL;
  g_autoptr (GDateTime) when_back = NULL;
  gboolean     done;
  GIOErrorEnum code;
  gint64       size;
  int          computed;

  g_signal_connect (thing, "notify", G_CALLBACK (count_cb), counts);

  g_object_set (thing, "name", "a", "done", TRUE, "code", G_IO_ERROR_NOT_FOUND, "size", (gint64) 12,
                "file", file, "when", when, NULL);
  g_object_set (thing, "name", "a", "done", TRUE, "code", G_IO_ERROR_NOT_FOUND, "size", (gint64) 12,
                "file", file, "when", same_when, NULL);
  g_object_get (thing, "name", &name, "done", &done, "code", &code, "size", &size, "file",
                &file_back, "when", &when_back, "computed", &computed, NULL);

  g_assert_cmpstr (name, ==, "a");
  g_assert_true (done == TRUE);
  g_assert_cmpint (code, ==, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (size, ==, 12);
  g_assert_true (file_back == file);
  g_assert_true (g_date_time_equal (when_back, when));
  g_assert_cmpint (computed, ==, 42);
  for (const char *const *p
       = (const char *const[]){ "name", "done", "code", "size", "file", "when", NULL };
       *p != NULL; p++)
    g_assert_cmpuint (count (counts, *p), ==, 1);
}

/* A plain string field keeps "", an EMPTY_IS_NULL one stores it as NULL
 * and so does not change from NULL. */
static void
test_empty_strings (void)
{
  g_autoptr (TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (thing, "notify", G_CALLBACK (count_cb), counts);

  g_object_set (thing, "name", "", "note", "", NULL);
  g_assert_cmpstr (thing->name, ==, "");
  g_assert_null (thing->note);
  g_assert_cmpuint (count (counts, "name"), ==, 1);
  g_assert_cmpuint (count (counts, "note"), ==, 0);

  g_object_set (thing, "note", "x", NULL);
  g_object_set (thing, "note", "", NULL);
  g_assert_null (thing->note);
  g_assert_cmpuint (count (counts, "note"), ==, 2);
}

/* The typed setters that public setters use say whether anything changed. */
static void
test_typed_setters (void)
{
  g_autoptr (TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
  GObject *object = G_OBJECT (thing);

  g_assert_true (signet_property_set_string (object, &thing->name, "b", properties[PROP_NAME]));
  g_assert_false (signet_property_set_string (object, &thing->name, "b", properties[PROP_NAME]));
  g_assert_true (signet_property_set_boolean (object, &thing->done, 3, properties[PROP_DONE]));
  g_assert_false (signet_property_set_boolean (object, &thing->done, 1, properties[PROP_DONE]));
  g_assert_true (signet_property_set_int64 (object, &thing->size, 5, properties[PROP_SIZE]));
  g_assert_false (signet_property_set_int64 (object, &thing->size, 5, properties[PROP_SIZE]));
  g_assert_false (
    signet_property_set_date_time (object, &thing->when, NULL, properties[PROP_WHEN]));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/property-util/set-and-get", test_set_and_get);
  g_test_add_func ("/property-util/empty-strings", test_empty_strings);
  g_test_add_func ("/property-util/typed-setters", test_typed_setters);

  return g_test_run ();
}
