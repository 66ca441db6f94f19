/* signet-sandbox-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "signet-sandbox.h"
#include "signet-types.h"
#include "signet-sandbox-pdf.h"

G_BEGIN_DECLS

/* The service's "10 MB", as the client reads it (signet-types.h). */
#define SANDBOX_MAX_DOCUMENT_SIZE   SIGNET_MAX_DOCUMENT_SIZE
#define SANDBOX_DAY_MS              ((gint64) 24 * 60 * 60 * 1000)
#define SANDBOX_DEFAULT_LIFETIME_MS SANDBOX_DAY_MS
#define SANDBOX_MAX_LIFETIME_MS     (10 * SANDBOX_DAY_MS)
#define SANDBOX_SIGNED_RETENTION_MS (10 * SANDBOX_DAY_MS)
#define SANDBOX_ACCOUNT             "sandbox"

typedef struct
{
  char      *id;
  char      *filename; /* as uploaded, or NULL */
  char      *state;
  GBytes    *content;  /* the current PDF */
  gint64     uploaded; /* ms since the epoch, sandbox clock */
  gint64     modified;
  gint64     signed_at;     /* 0 until signed */
  GPtrArray *fields;        /* SignetSandboxField: signature fields */
  GPtrArray *signed_fields; /* char*: names already signed */
  guint      processing_id; /* a tags/tostamp job is scheduled */
  gboolean   processing;    /* a tags/tostamp job is running */
  gboolean   content_saved; /* the data dir holds this content */
} SandboxDocument;

typedef struct
{
  char       *id;
  char       *document_id;
  char       *send_info_url;
  gboolean    connector_callback; /* registered through E14 */
  char       *result_url;
  GHashTable *rules;                    /* rule name → value, both strings */
  GPtrArray  *allowed_signature_fields; /* char*, or NULL for all */
  JsonNode   *request;                  /* the create request without its document */
  gint64      created;
  gint64      expires;
  char       *outcome; /* NULL while open, "signed" or "canceled" */
  char       *open_code;
  char       *sign_code;
  char       *session_token; /* cookie of a browser that passed the open OTP */
  guint       failed_attempts;
} SandboxRequest;

typedef struct
{
  char    *prefix;
  char    *method; /* NULL for any */
  guint    remaining;
  guint    delay_ms;
  guint    status;
  char    *body; /* NULL, "malformed" or "truncated" */
  gboolean drop;
} SandboxFault;

void sandbox_fault_free (SandboxFault *fault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxFault, sandbox_fault_free)

struct _SignetSandbox
{
  GObject parent_instance;

  SoupServer        *server;
  SoupSession       *session; /* for the sendInfo callbacks */
  char              *base_url;
  GHashTable        *api_keys; /* key → GINT_TO_POINTER (read_only + 1) */
  SignetSandboxStyle style;
  gboolean           controls_enabled;
  guint              processing_delay;
  guint              initial_quota;
  guint              unsigned_retention_days;
  char              *data_dir;
  guint              port;      /* listened on, 0 before signet_sandbox_listen() */
  guint              last_port; /* the data folder's, from the run before */
  gint64             clock_offset;

  GHashTable *documents; /* id → SandboxDocument */
  GHashTable *requests;  /* id → SandboxRequest */
  GHashTable *used_request_ids;
  GPtrArray  *outbox;  /* JsonNode objects */
  GPtrArray  *faults;  /* SandboxFault */
  GHashTable *monthly; /* "<metric>\n<year>.<month>" → count */
  GHashTable *seen;    /* "<method> <route>" → requests, for /sandbox/calls */

  guint available;
  guint used;
  guint downloaded;
  guint deleted;

  GCancellable *cancellable;
};

/* signet-sandbox.c */
gint64 signet_sandbox_now (SignetSandbox *self);
char  *signet_sandbox_format_date (gint64 ms);
void   sandbox_add_int (JsonBuilder *builder, const char *name, gint64 value);
void   sandbox_add_string (JsonBuilder *builder, const char *name, const char *value);
void   signet_sandbox_task_return_bytes (GTask *task, GBytes *bytes, GError *error);
void   signet_sandbox_changed (SignetSandbox *self);
void   signet_sandbox_count (SignetSandbox *self, const char *metric);
void   signet_sandbox_reply_json (SoupServerMessage *msg, guint status, JsonNode *node);
void   signet_sandbox_reply_builder (SoupServerMessage *msg, guint status, JsonBuilder *builder);
void   signet_sandbox_reply_success (SignetSandbox     *self,
                                     SoupServerMessage *msg,
                                     const char        *message,
                                     const char        *result,
                                     const char        *url,
                                     const char        *document_id);
void   signet_sandbox_reply_error (SignetSandbox     *self,
                                   SoupServerMessage *msg,
                                   guint              status,
                                   const char        *message,
                                   const char        *value);
void   signet_sandbox_reply_html (SoupServerMessage *msg, guint status, const char *html);
void   signet_sandbox_redirect (SoupServerMessage *msg, guint status, const char *location);
SandboxDocument *signet_sandbox_add_document (SignetSandbox *self,
                                              GBytes        *content,
                                              const char    *filename,
                                              const char    *state,
                                              GPtrArray     *fields);
void             signet_sandbox_remove_document (SignetSandbox *self, const char *id);
SandboxRequest  *signet_sandbox_lookup_request (SignetSandbox *self, const char *id);
SandboxRequest  *signet_sandbox_current_request (SignetSandbox *self, const char *document_id);
gboolean         signet_sandbox_request_expired (SignetSandbox *self, SandboxRequest *request);
void        signet_sandbox_schedule_processing (SignetSandbox *self, SandboxDocument *document);
void        signet_sandbox_expire (SignetSandbox *self);
void        signet_sandbox_post_outbox (SignetSandbox *self,
                                        const char    *kind,
                                        const char    *to,
                                        const char    *subject,
                                        const char    *text,
                                        const char    *code,
                                        const char    *request_id);
void        sandbox_document_free (SandboxDocument *document);
char       *sandbox_document_name (SandboxDocument *document);
void        sandbox_request_free (SandboxRequest *request);
const char *sandbox_request_rule (SandboxRequest *request, const char *name);
gboolean sandbox_request_rule_bool (SandboxRequest *request, const char *name, gboolean fallback);

/* signet-sandbox-api.c: the OKdokument API under /JSON/ */
/* signet-sandbox-server.c: authorization, faults and dispatch */
void signet_sandbox_add_handlers (SignetSandbox *self);

/* signet-sandbox-create.c: request bodies, and E1/E3 */
JsonNode *signet_sandbox_parse_body (SignetSandbox *self, SoupServerMessage *msg);
gboolean  signet_sandbox_get_optional_string (SignetSandbox     *self,
                                              SoupServerMessage *msg,
                                              JsonObject        *object,
                                              const char        *name,
                                              const char       **value);
GBytes *signet_sandbox_decode_content (SignetSandbox *self, SoupServerMessage *msg, JsonNode *node);
JsonNode *sandbox_content_member (JsonObject *object);
GBytes   *signet_sandbox_accept_document (SignetSandbox     *self,
                                          SoupServerMessage *msg,
                                          GBytes            *upload,
                                          const char        *filename,
                                          GPtrArray        **fields);
const char *
signet_sandbox_accept_state (SignetSandbox *self, SoupServerMessage *msg, const char *state);
gboolean signet_sandbox_check_url (SignetSandbox     *self,
                                   SoupServerMessage *msg,
                                   const char        *name,
                                   const char        *url);
void     signet_sandbox_create_request (SignetSandbox     *self,
                                        SoupServerMessage *msg,
                                        JsonObject        *meta,
                                        GBytes            *upload,
                                        const char        *filename,
                                        const char        *upload_state);
void
signet_sandbox_handle_create_request (SignetSandbox *self, SoupServerMessage *msg, const char *id);

void  signet_sandbox_handle_api (SignetSandbox *self, SoupServerMessage *msg, const char *path);
char *signet_sandbox_route_name (const char *method, const char *path);
void  signet_sandbox_handle_rest (SignetSandbox *self, SoupServerMessage *msg, const char *path);

/* signet-sandbox-signer.c: the signer's browser pages */
void signet_sandbox_handle_signer (SignetSandbox *self, SoupServerMessage *msg, const char *path);
typedef void (*SandboxFinishedFunc) (SignetSandbox  *self,
                                     SandboxRequest *request,
                                     const GError   *error,
                                     gpointer        user_data);
void  signet_sandbox_finish_request (SignetSandbox      *self,
                                     SandboxRequest     *request,
                                     gboolean            sign,
                                     const char         *signer_name,
                                     SandboxFinishedFunc callback,
                                     gpointer            user_data);
char *signet_sandbox_result_location (SignetSandbox  *self,
                                      SandboxRequest *request,
                                      const char     *result,
                                      const char     *lang);

/* signet-sandbox-controls.c: /sandbox/ */
void signet_sandbox_handle_controls (SignetSandbox *self, SoupServerMessage *msg, const char *path);

/* signet-sandbox-store.c: --data-dir */
gboolean signet_sandbox_store_load (SignetSandbox *self, GError **error);
gboolean signet_sandbox_store_move_aside (SignetSandbox *self, char **moved_to, GError **error);
gboolean signet_sandbox_store_save (SignetSandbox *self, GError **error);

G_END_DECLS
