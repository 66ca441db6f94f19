/* signet-signature-request-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "signet-signature-request.h"

G_BEGIN_DECLS

/* The E1 body. @document_id names a stored document; @content, when not
 * %NULL, goes into `filedata.content` (the client passes a placeholder and
 * streams the real base64 in its place). */
/* The service's names of the field types, in #SignetFieldType's order,
 * %NULL-terminated; and the type called @name, or -1. */
extern const char *const signet_field_type_names[];
int                      signet_field_type_from_name (const char *name);

JsonNode *signet_signature_request_to_json (SignetSignatureRequest *self,
                                            const char             *document_id,
                                            const char             *content);

G_END_DECLS
