/* signet-request-editor-prefill.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include "signet-request-editor-private.h"

/* A request description given for a file before it is in the queue
 * ("Send Again" from the library): the entry of that file starts from it
 * instead of from its inspection and the defaults. Kept on the editor by
 * file until the entry's description is first made. */

#define PREFILLS_KEY "signet-request-editor-prefills"

/**
 * signet_request_editor_prefill:
 * @self: a #SignetRequestEditor
 * @file: a file about to be added to the queue
 * @spec: the request description its entry starts from (copied)
 *
 * Makes the queue entry of @file start from @spec once it is checked: its
 * signers, rounds, options and form field values; the form fields the
 * file has and @spec does not name are listed empty. An entry of @file
 * whose description was made already keeps it.
 */
void
signet_request_editor_prefill (SignetRequestEditor *self, GFile *file, SignetRequestSpec *spec)
{
  GHashTable *prefills;

  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (SIGNET_IS_REQUEST_SPEC (spec));

  prefills = g_object_get_data (G_OBJECT (self), PREFILLS_KEY);
  if (prefills == NULL)
    {
      prefills = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref,
                                        g_object_unref);
      g_object_set_data_full (G_OBJECT (self), PREFILLS_KEY, prefills,
                              (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_replace (prefills, g_object_ref (file), signet_request_spec_copy (spec));
}

/* The description given for @item's file, with the form fields its
 * inspection found added; %NULL when none was given. */
SignetRequestSpec *
_signet_request_editor_take_prefill (SignetRequestEditor *self, SignetIntakeItem *item)
{
  GHashTable *prefills = g_object_get_data (G_OBJECT (self), PREFILLS_KEY);
  g_autoptr (GFile) key = NULL;
  SignetRequestSpec *spec = NULL;
  GListModel        *values;
  const char *const *form_fields;

  if (prefills == NULL
      || !g_hash_table_steal_extended (prefills, signet_intake_item_get_file (item),
                                       (gpointer *) &key, (gpointer *) &spec))
    return NULL;

  values = signet_request_spec_get_field_values (spec);
  form_fields = signet_inspection_get_form_fields (signet_intake_item_get_inspection (item));
  for (guint i = 0; form_fields != NULL && form_fields[i] != NULL; i++)
    {
      gboolean named = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (values) && !named; j++)
        {
          g_autoptr (SignetFieldValue) value = g_list_model_get_item (values, j);

          named = g_strcmp0 (signet_field_value_get_name (value), form_fields[i]) == 0;
        }
      if (!named)
        signet_request_spec_add_field_value (spec, form_fields[i]);
    }
  return spec;
}
