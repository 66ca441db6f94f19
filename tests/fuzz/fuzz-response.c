/* fuzz-response.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the client's reading of the service's answers. The
 * input is an answer body; its first byte picks the HTTP status the error
 * mapping sees. Every path must end in a value or a GError, never in a
 * critical (they are fatal here) or a crash.
 */

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "signet-client-private.h"
#include "signet-counter.h"
#include "signet-document-info.h"
#include "signet-error.h"
#include "signet-json-private.h"

static const guint statuses[] = { 200, 400, 401, 402, 403, 404, 409, 410, 413, 422, 429, 500, 503 };

static void
read_document (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  SignetDocumentInfo *info;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  info = signet_document_info_new_from_json (json_node_get_object (node), &error);
  g_assert ((info == NULL) != (error == NULL));
  g_clear_object (&info);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) http_error = NULL;
  g_autoptr (GError) success_error = NULL;
  guint status;

  fuzz_init ();
  if (size == 0)
    return 0;

  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  bytes = g_bytes_new (data + 1, size - 1);
  root = signet_json_parse (bytes, &error);
  g_assert ((root == NULL) != (error == NULL));
  if (root == NULL)
    {
      g_assert_true (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE));
      return 0;
    }

  signet_client_set_http_error (status, root, &http_error);
  g_assert_nonnull (http_error);
  g_assert_true (http_error->domain == SIGNET_ERROR);
  if (!signet_client_check_success (root, &success_error))
    g_assert_nonnull (success_error);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_document (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr (GError) counter_error = NULL;
      SignetCounter *counter;
      JsonNode      *result = json_object_get_member (object, "result");

      read_document (root);
      counter = signet_counter_new_from_json (object, &counter_error);
      g_assert ((counter == NULL) != (counter_error == NULL));
      g_clear_object (&counter);
      if (result != NULL && JSON_NODE_HOLDS_ARRAY (result))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (result)); i++)
          read_document (json_array_get_element (json_node_get_array (result), i));
    }

  return 0;
}
