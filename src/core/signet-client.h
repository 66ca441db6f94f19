/* signet-client.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-counter.h"
#include "signet-created-request.h"
#include "signet-document-info.h"
#include "signet-signature-request.h"
#include "signet-types.h"

G_BEGIN_DECLS

/**
 * SignetCreateFlags:
 * @SIGNET_CREATE_FLAGS_NONE: a new file is uploaded first (E2), then the
 *   request is created for the stored document; a lost answer can always be
 *   recovered with the document id known
 * @SIGNET_CREATE_FLAGS_INLINE: a new file travels inside the create call
 *   (E1 `filedata`); one call, but after a lost answer the document id is
 *   not known
 *
 * How signet_client_create_signature_request_async() sends a new file.
 */
typedef enum /*< flags >*/
{
  SIGNET_CREATE_FLAGS_NONE = 0,
  SIGNET_CREATE_FLAGS_INLINE = 1 << 0,
} SignetCreateFlags;

#define SIGNET_TYPE_CLIENT (signet_client_get_type ())

G_DECLARE_FINAL_TYPE (SignetClient, signet_client, SIGNET, CLIENT, GObject)

SignetClient *signet_client_new (const char *base_url, const char *api_key, GError **error);
const char   *signet_client_get_base_url (SignetClient *self);
char *signet_client_build_signing_url (SignetClient *self, const char *signature_request_id);

void                  signet_client_create_signature_request_async (SignetClient           *self,
                                                                    SignetSignatureRequest *request,
                                                                    SignetCreateFlags       flags,
                                                                    GCancellable           *cancellable,
                                                                    GAsyncReadyCallback     callback,
                                                                    gpointer                user_data);
SignetCreatedRequest *signet_client_create_signature_request_finish (SignetClient *self,
                                                                     GAsyncResult *result,
                                                                     GError      **error);

void signet_client_upload_document_async (SignetClient       *self,
                                          GFile              *file,
                                          const char         *filename,
                                          SignetDocumentState preprocessing,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
char *
signet_client_upload_document_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_upload_multipart_async (SignetClient           *self,
                                           SignetSignatureRequest *request,
                                           gboolean                storage_only,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
SignetCreatedRequest *
signet_client_upload_multipart_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_download_document_async (SignetClient       *self,
                                            const char         *document_id,
                                            GFile              *destination,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean
signet_client_download_document_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_delete_document_async (SignetClient       *self,
                                          const char         *document_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean
signet_client_delete_document_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_list_documents_async (SignetClient       *self,
                                         SignetDocumentState state,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GListModel *
signet_client_list_documents_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_get_document_info_async (SignetClient       *self,
                                            const char         *document_id,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
SignetDocumentInfo *
signet_client_get_document_info_finish (SignetClient *self, GAsyncResult *result, GError **error);

void     signet_client_update_signature_request_async (SignetClient       *self,
                                                       const char         *signature_request_id,
                                                       const char         *send_info_url,
                                                       const char         *result_url,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean signet_client_update_signature_request_finish (SignetClient *self,
                                                        GAsyncResult *result,
                                                        GError      **error);

void     signet_client_delete_signature_request_async (SignetClient       *self,
                                                       const char         *signature_request_id,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean signet_client_delete_signature_request_finish (SignetClient *self,
                                                        GAsyncResult *result,
                                                        GError      **error);

void signet_client_get_counter_async (SignetClient       *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
SignetCounter *
signet_client_get_counter_finish (SignetClient *self, GAsyncResult *result, GError **error);

void signet_client_register_callback_async (SignetClient       *self,
                                            const char         *signature_request_id,
                                            const char         *send_info_url,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean
signet_client_register_callback_finish (SignetClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
