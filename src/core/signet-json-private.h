/* signet-json-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Type-checked access to the service's JSON. Every getter treats a missing
 * member and a JSON null alike; a member of the wrong type is an
 * unexpected response, never a critical. */

void signet_set_unexpected_response (GError **error, const char *detail_format, ...)
  G_GNUC_PRINTF (2, 3);

JsonNode *signet_json_parse (GBytes *bytes, GError **error);

gboolean signet_json_get_string (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 const char **value,
                                 GError     **error);

gboolean signet_json_get_count (JsonObject *object,
                                const char *member,
                                gboolean    required,
                                gint64     *value,
                                GError    **error);

gboolean signet_json_get_object (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 JsonObject **value,
                                 GError     **error);

/* Lenient readers of JSON that Signet wrote itself (a journalled plan, a
 * preset): %NULL (or @otherwise) for a missing member, a member of
 * another type, or a %NULL @object; never a critical. */
JsonObject *signet_json_object_member (JsonObject *object, const char *name);
JsonArray  *signet_json_array_member (JsonObject *object, const char *name);
const char *signet_json_string_member (JsonObject *object, const char *name);
gboolean    signet_json_boolean_member (JsonObject *object, const char *name, gboolean otherwise);

gboolean signet_parse_count (JsonNode *node, gint64 *value);

gboolean signet_parse_date (JsonNode *node, GDateTime **date);

/* The typed results, built from the service's answers. */
typedef struct _SignetDocumentInfo   SignetDocumentInfo;
typedef struct _SignetCounter        SignetCounter;
typedef struct _SignetCreatedRequest SignetCreatedRequest;

SignetDocumentInfo   *signet_document_info_new_from_json (JsonObject *object, GError **error);
SignetCounter        *signet_counter_new_from_json (JsonObject *object, GError **error);
SignetCreatedRequest *signet_created_request_new (const char *signature_request_id,
                                                  const char *signing_url,
                                                  const char *document_id,
                                                  gboolean    recovered);

G_END_DECLS
