/* signet-document-info.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-types.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_DOCUMENT_INFO (signet_document_info_get_type ())

G_DECLARE_FINAL_TYPE (SignetDocumentInfo, signet_document_info, SIGNET, DOCUMENT_INFO, GObject)

const char         *signet_document_info_get_id (SignetDocumentInfo *self);
const char         *signet_document_info_get_filename (SignetDocumentInfo *self);
SignetDocumentState signet_document_info_get_state (SignetDocumentInfo *self);
const char         *signet_document_info_get_state_name (SignetDocumentInfo *self);
const char         *signet_document_info_get_url (SignetDocumentInfo *self);
const char         *signet_document_info_get_group (SignetDocumentInfo *self);
GDateTime          *signet_document_info_get_created (SignetDocumentInfo *self);
GDateTime          *signet_document_info_get_modified (SignetDocumentInfo *self);

G_END_DECLS
