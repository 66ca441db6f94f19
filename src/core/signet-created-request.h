/* signet-created-request.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_CREATED_REQUEST (signet_created_request_get_type ())

G_DECLARE_FINAL_TYPE (SignetCreatedRequest,
                      signet_created_request,
                      SIGNET,
                      CREATED_REQUEST,
                      GObject)

const char *signet_created_request_get_signature_request_id (SignetCreatedRequest *self);
const char *signet_created_request_get_signing_url (SignetCreatedRequest *self);
const char *signet_created_request_get_document_id (SignetCreatedRequest *self);
gboolean    signet_created_request_get_recovered (SignetCreatedRequest *self);

G_END_DECLS
