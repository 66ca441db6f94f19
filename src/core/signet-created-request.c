/* signet-created-request.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-created-request.h"
#include "signet-json-private.h"
#include "signet-property-util.h"

/**
 * SignetCreatedRequest:
 *
 * The outcome of creating a signature request: what to hand to the signer
 * and what to keep for the next steps.
 */
struct _SignetCreatedRequest
{
  GObject parent_instance;

  char    *signature_request_id;
  char    *signing_url;
  char    *document_id;
  gboolean recovered;
};

G_DEFINE_FINAL_TYPE (SignetCreatedRequest, signet_created_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SIGNATURE_REQUEST_ID,
  PROP_SIGNING_URL,
  PROP_DOCUMENT_ID,
  PROP_RECOVERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
signet_created_request_finalize (GObject *object)
{
  SignetCreatedRequest *self = SIGNET_CREATED_REQUEST (object);

  g_free (self->signature_request_id);
  g_free (self->signing_url);
  g_free (self->document_id);

  G_OBJECT_CLASS (signet_created_request_parent_class)->finalize (object);
}

static const SignetField created_fields[N_PROPS] = {
  [PROP_SIGNATURE_REQUEST_ID] = SIGNET_FIELD (SignetCreatedRequest, signature_request_id),
  [PROP_SIGNING_URL] = SIGNET_FIELD (SignetCreatedRequest, signing_url),
  [PROP_DOCUMENT_ID] = SIGNET_FIELD (SignetCreatedRequest, document_id),
  [PROP_RECOVERED] = SIGNET_FIELD (SignetCreatedRequest, recovered),
};

static void
signet_created_request_class_init (SignetCreatedRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = signet_created_request_finalize;
  object_class->get_property = signet_property_get_field;

  /**
   * SignetCreatedRequest:signature-request-id:
   *
   * The signature request's id (the one Signet chose).
   */
  properties[PROP_SIGNATURE_REQUEST_ID]
    = g_param_spec_string ("signature-request-id", NULL, NULL, NULL, flags);
  /**
   * SignetCreatedRequest:signing-url:
   *
   * The link the signer opens.
   */
  properties[PROP_SIGNING_URL] = g_param_spec_string ("signing-url", NULL, NULL, NULL, flags);
  /**
   * SignetCreatedRequest:document-id:
   *
   * The stored document's id, or %NULL when the service did not say (an
   * inline upload answered in the connector style).
   */
  properties[PROP_DOCUMENT_ID] = g_param_spec_string ("document-id", NULL, NULL, NULL, flags);
  /**
   * SignetCreatedRequest:recovered:
   *
   * %TRUE when the answer to the create call was lost and a retry found the
   * request already created.
   */
  properties[PROP_RECOVERED] = g_param_spec_boolean ("recovered", NULL, NULL, FALSE, flags);

  signet_property_install (object_class, N_PROPS, properties, created_fields);
}

static void
signet_created_request_init (SignetCreatedRequest *self)
{
}

SignetCreatedRequest *
signet_created_request_new (const char *signature_request_id,
                            const char *signing_url,
                            const char *document_id,
                            gboolean    recovered)
{
  SignetCreatedRequest *self = g_object_new (SIGNET_TYPE_CREATED_REQUEST, NULL);

  self->signature_request_id = g_strdup (signature_request_id);
  self->signing_url = g_strdup (signing_url);
  self->document_id = g_strdup (document_id);
  self->recovered = recovered;
  return self;
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetCreatedRequest, SIGNET_IS_CREATED_REQUEST, Ret,                      \
                        signet_created_request_get_##member, member, fallback)

/**
 * signet_created_request_get_signature_request_id:
 * @self: a #SignetCreatedRequest
 *
 * Returns: the signature request id
 */
GETTER (const char *, signature_request_id, NULL)

/**
 * signet_created_request_get_signing_url:
 * @self: a #SignetCreatedRequest
 *
 * Returns: the link for the signer
 */
GETTER (const char *, signing_url, NULL)

/**
 * signet_created_request_get_document_id:
 * @self: a #SignetCreatedRequest
 *
 * Returns: (nullable): the stored document's id
 */
GETTER (const char *, document_id, NULL)

/**
 * signet_created_request_get_recovered:
 * @self: a #SignetCreatedRequest
 *
 * Returns: whether a retry found the request already created
 */
GETTER (gboolean, recovered, FALSE)
