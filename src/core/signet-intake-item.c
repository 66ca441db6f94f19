/* signet-intake-item.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-intake-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-intake-item.h"
#include "signet-enums.h"
#include "signet-property-util.h"

struct _SignetIntakeItem
{
  GObject parent_instance;

  GFile            *file;
  char             *name;
  SignetIntakeState state;
  SignetInspection *inspection;
  GError           *error;
  char             *summary;
  char             *note;
  char             *settings; /* the editor's, opaque here */
  gboolean          journalled;
};

G_DEFINE_FINAL_TYPE (SignetIntakeItem, signet_intake_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_STATE,
  PROP_INSPECTION,
  PROP_SUMMARY,
  PROP_NOTE,
  PROP_SETTINGS,
  PROP_JOURNALLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
signet_intake_item_finalize (GObject *object)
{
  SignetIntakeItem *self = SIGNET_INTAKE_ITEM (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->inspection);
  g_clear_error (&self->error);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->settings, g_free);

  G_OBJECT_CLASS (signet_intake_item_parent_class)->finalize (object);
}

/* The summary is worked out when asked for. */
static const SignetField item_fields[N_PROPS] = {
  [PROP_FILE] = SIGNET_FIELD (SignetIntakeItem, file),
  [PROP_NAME] = SIGNET_FIELD (SignetIntakeItem, name),
  [PROP_STATE] = SIGNET_FIELD (SignetIntakeItem, state),
  [PROP_INSPECTION] = SIGNET_FIELD (SignetIntakeItem, inspection),
  [PROP_NOTE] = SIGNET_FIELD (SignetIntakeItem, note),
  [PROP_SETTINGS] = SIGNET_FIELD (SignetIntakeItem, settings),
  [PROP_JOURNALLED] = SIGNET_FIELD (SignetIntakeItem, journalled),
};

static void
signet_intake_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_SUMMARY)
    g_value_set_string (value, signet_intake_item_get_summary (SIGNET_INTAKE_ITEM (object)));
  else
    signet_property_get_field (object, prop_id, value, pspec);
}

static void
signet_intake_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SignetIntakeItem *self = SIGNET_INTAKE_ITEM (object);

  switch (prop_id)
    {
      case PROP_FILE:
        {
          g_autofree char *basename = NULL;

          self->file = g_value_dup_object (value);
          basename = g_file_get_basename (self->file);
          self->name = basename != NULL ? g_filename_display_name (basename)
                                        : g_file_get_parse_name (self->file);
        }
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_intake_item_class_init (SignetIntakeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_intake_item_finalize;
  object_class->get_property = signet_intake_item_get_property;
  object_class->set_property = signet_intake_item_set_property;

  properties[PROP_FILE]
    = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME]
    = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum (
    "state", NULL, NULL, SIGNET_TYPE_INTAKE_STATE, SIGNET_INTAKE_STATE_CHECKING,
    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSPECTION]
    = g_param_spec_object ("inspection", NULL, NULL, SIGNET_TYPE_INSPECTION,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY]
    = g_param_spec_string ("summary", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string (
    "note", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SignetIntakeItem:settings:
   *
   * How the person set up this file's request (the editor's serialised
   * form, opaque to the queue), kept with the queue across a restart.
   */
  properties[PROP_SETTINGS]
    = g_param_spec_string ("settings", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SignetIntakeItem:journalled:
   *
   * Whether the file's request is in the journal (Send was pressed and
   * its batch written down): the outbox sends it from there, so the queue
   * no longer keeps it across a restart, where sending it again would
   * pay twice.
   */
  properties[PROP_JOURNALLED]
    = g_param_spec_boolean ("journalled", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  signet_property_install (object_class, N_PROPS, properties, item_fields);
}

static void
signet_intake_item_init (SignetIntakeItem *self)
{
}

/**
 * signet_intake_item_new:
 * @file: the file that was dropped or opened
 *
 * Creates an entry of the intake queue. It starts out checking.
 *
 * Returns: (transfer full): a new #SignetIntakeItem
 */
SignetIntakeItem *
signet_intake_item_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (SIGNET_TYPE_INTAKE_ITEM, "file", file, NULL);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetIntakeItem, SIGNET_IS_INTAKE_ITEM, Ret,                              \
                        signet_intake_item_get_##member, member, fallback)

/**
 * signet_intake_item_get_file:
 * @self: a #SignetIntakeItem
 *
 * Returns: (transfer none): the file
 */
GETTER (GFile *, file, NULL)

/**
 * signet_intake_item_get_name:
 * @self: a #SignetIntakeItem
 *
 * Returns: the file's name, for display
 */
GETTER (const char *, name, NULL)

/**
 * signet_intake_item_get_state:
 * @self: a #SignetIntakeItem
 *
 * Returns: whether the file is being checked, can be sent, or cannot
 */
GETTER (SignetIntakeState, state, SIGNET_INTAKE_STATE_CHECKING)

/**
 * signet_intake_item_get_inspection:
 * @self: a #SignetIntakeItem
 *
 * Returns: (transfer none) (nullable): what the check found, once it is ready
 */
GETTER (SignetInspection *, inspection, NULL)

/**
 * signet_intake_item_get_error:
 * @self: a #SignetIntakeItem
 *
 * Returns: (transfer none) (nullable): why the file cannot be sent, once it failed
 */
GETTER (const GError *, error, NULL)

/**
 * signet_intake_item_get_summary:
 * @self: a #SignetIntakeItem
 *
 * Returns: one line for a list: that the file is being checked, what it
 *   holds, or why it cannot be sent
 */
const char *
signet_intake_item_get_summary (SignetIntakeItem *self)
{
  g_return_val_if_fail (SIGNET_IS_INTAKE_ITEM (self), NULL);

  if (self->state == SIGNET_INTAKE_STATE_CHECKING)
    return _ ("Checking…");

  return self->summary;
}

/**
 * signet_intake_item_get_note:
 * @self: a #SignetIntakeItem
 *
 * Returns: (nullable): what to know about a file that can be sent, such as
 *   an old PDF version
 */
GETTER (const char *, note, NULL)

/**
 * signet_intake_item_set_result:
 * @self: a #SignetIntakeItem
 * @inspection: (nullable): what the check found
 * @error: (nullable): why the check failed
 *
 * Ends the check with either an inspection or an error.
 */
void
signet_intake_item_set_result (SignetIntakeItem *self,
                               SignetInspection *inspection,
                               const GError     *error)
{
  g_return_if_fail (SIGNET_IS_INTAKE_ITEM (self));
  g_return_if_fail ((inspection == NULL) != (error == NULL));

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_error (&self->error);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_set_object (&self->inspection, inspection);

  if (inspection != NULL)
    {
      self->state = SIGNET_INTAKE_STATE_READY;
      self->summary = signet_inspection_dup_summary (inspection);
      self->note = signet_inspection_dup_note (inspection);
    }
  else
    {
      self->state = SIGNET_INTAKE_STATE_FAILED;
      self->error = g_error_copy (error);
      self->summary = g_strdup (error->message);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSPECTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * signet_intake_item_get_settings:
 * @self: a #SignetIntakeItem
 *
 * Returns: (nullable): the settings the editor stored, or %NULL
 */
GETTER (const char *, settings, NULL)

/**
 * signet_intake_item_set_settings:
 * @self: a #SignetIntakeItem
 * @settings: (nullable): how the person set up this file's request, in a
 *   form the editor can read back
 *
 * Stores @settings with the item; a queue with a state file saves them.
 */
void
signet_intake_item_set_settings (SignetIntakeItem *self, const char *settings)
{
  g_return_if_fail (SIGNET_IS_INTAKE_ITEM (self));

  signet_property_set_string (G_OBJECT (self), &self->settings, settings,
                              properties[PROP_SETTINGS]);
}

/**
 * signet_intake_item_get_journalled:
 * @self: a #SignetIntakeItem
 *
 * Returns: whether the file's request is in the journal
 */
GETTER (gboolean, journalled, FALSE)

/**
 * signet_intake_item_set_journalled:
 * @self: a #SignetIntakeItem
 * @journalled: whether the file's request is in the journal
 *
 * Marks the item as sent from the journal (or back in the queue only, after
 * a Cancel withdrew it); a queue with a state file stops or starts keeping it.
 */
void
signet_intake_item_set_journalled (SignetIntakeItem *self, gboolean journalled)
{
  g_return_if_fail (SIGNET_IS_INTAKE_ITEM (self));

  signet_property_set_boolean (G_OBJECT (self), &self->journalled, journalled,
                               properties[PROP_JOURNALLED]);
}
