/* signet-signature-request.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-types.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_SIGNATURE_REQUEST (signet_signature_request_get_type ())

G_DECLARE_FINAL_TYPE (SignetSignatureRequest,
                      signet_signature_request,
                      SIGNET,
                      SIGNATURE_REQUEST,
                      GObject)

SignetSignatureRequest *signet_signature_request_new (void);

const char *signet_signature_request_get_signature_request_id (SignetSignatureRequest *self);
void        signet_signature_request_set_signature_request_id (SignetSignatureRequest *self,
                                                               const char             *id);
GFile      *signet_signature_request_get_file (SignetSignatureRequest *self);
void        signet_signature_request_set_file (SignetSignatureRequest *self, GFile *file);
const char *signet_signature_request_get_document_id (SignetSignatureRequest *self);
void        signet_signature_request_set_document_id (SignetSignatureRequest *self,
                                                      const char             *document_id);
const char *signet_signature_request_get_filename (SignetSignatureRequest *self);
void signet_signature_request_set_filename (SignetSignatureRequest *self, const char *filename);
SignetDocumentState signet_signature_request_get_preprocessing (SignetSignatureRequest *self);
void                signet_signature_request_set_preprocessing (SignetSignatureRequest *self,
                                                                SignetDocumentState     state);
SignetDocumentState signet_signature_request_get_change_state (SignetSignatureRequest *self);
void                signet_signature_request_set_change_state (SignetSignatureRequest *self,
                                                               SignetDocumentState     state);
const char         *signet_signature_request_get_result_url (SignetSignatureRequest *self);
void        signet_signature_request_set_result_url (SignetSignatureRequest *self, const char *url);
const char *signet_signature_request_get_send_info_url (SignetSignatureRequest *self);
void signet_signature_request_set_send_info_url (SignetSignatureRequest *self, const char *url);
GDateTime *signet_signature_request_get_expiration (SignetSignatureRequest *self);
void signet_signature_request_set_expiration (SignetSignatureRequest *self, GDateTime *expiration);
SignetFieldsBeforeSigning
     signet_signature_request_get_fields_before_signing (SignetSignatureRequest *self);
void signet_signature_request_set_fields_before_signing (SignetSignatureRequest   *self,
                                                         SignetFieldsBeforeSigning fields);

void signet_signature_request_set_rule_string (SignetSignatureRequest *self,
                                               const char             *rule,
                                               const char             *value);
void signet_signature_request_set_rule_boolean (SignetSignatureRequest *self,
                                                const char             *rule,
                                                gboolean                value);
void signet_signature_request_set_rule_int (SignetSignatureRequest *self,
                                            const char             *rule,
                                            gint64                  value);
void signet_signature_request_add_allowed_field (SignetSignatureRequest *self,
                                                 SignetFieldType         type,
                                                 const char             *name);
void signet_signature_request_add_field_value (SignetSignatureRequest *self,
                                               const char             *name,
                                               const char             *value,
                                               gboolean                read_only);
void signet_signature_request_add_ignore_required (SignetSignatureRequest *self,
                                                   SignetFieldType         type);

G_END_DECLS
