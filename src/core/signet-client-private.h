/* signet-client-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "signet-client.h"

G_BEGIN_DECLS

/* The error mapping (signet-client.c), separate so that tests can feed it
 * every shape. */
void signet_client_set_http_error (guint status, JsonNode *body, GError **error);
void signet_client_set_transport_error (const GError *source, GError **error);
gboolean
     signet_client_set_refusal (guint status, const char *key, const char *member, GError **error);
void signet_client_set_unknown_refusal (GError **error);
gboolean signet_client_is_retryable (const GError *error);
gboolean signet_client_check_success (JsonNode *root, GError **error);
gboolean signet_client_url_is_allowed (const char *url, GError **error);
char    *signet_client_redact (const char *line, const char *key);

/* What the request path needs of the object (signet-client.c). */
SoupSession *signet_client_get_session (SignetClient *self);
void         signet_client_authorize (SignetClient *self, SoupMessage *message);
guint        signet_client_get_max_attempts (SignetClient *self);
guint        signet_client_get_retry_delay (SignetClient *self);

/* {{{ The one request path (signet-client-call.c) */

#define SIGNET_CLIENT_MAX_RETRY_DELAY_MS 30000

typedef struct _SignetClientCall SignetClientCall;

/* Turns a 2xx JSON answer into the call's result. @root is %NULL when a
 * retried create heard 409: the lost answer is rebuilt from what was
 * sent. */
typedef gpointer (*SignetClientParseFunc) (SignetClientCall *call, JsonNode *root, GError **error);

/* Makes the body around a file once its size and name are known. */
typedef void (*SignetClientBodyFunc) (SignetClientCall *call, GFileInfo *info);

typedef enum
{
  SIGNET_CLIENT_CALL_NONE = 0,
  /* Creates a signature request: only the client (never libsoup) may
   * repeat it, and a 409 heard by a retry means an earlier attempt
   * created it. */
  SIGNET_CLIENT_CALL_CREATES = 1 << 0,
  /* Deletes: "not found" heard by a retry means an earlier attempt
   * deleted it. */
  SIGNET_CLIENT_CALL_DELETES = 1 << 1,
} SignetClientCallFlags;

/* All that sets one endpoint apart; the rest is the request path's. */
typedef struct
{
  const char           *method;
  const char           *path; /* an escaped id or a query may follow */
  SignetClientCallFlags flags;
  /* %NULL: the answer says nothing but "done" (an empty body is fine),
   * or the call downloads into a file. */
  SignetClientParseFunc parse;
  GDestroyNotify        result_free;
} SignetClientEndpoint;

struct _SignetClientCall
{
  SignetClient               *client;
  const SignetClientEndpoint *endpoint;
  char                       *path;

  /* The body: none, bytes, or a file between a prefix and a suffix. */
  char                *content_type;
  GBytes              *body;
  GFile               *file;
  goffset              file_size;
  GBytes              *prefix;
  GBytes              *suffix;
  gboolean             base64;
  SignetClientBodyFunc build_body;
  gpointer             data; /* the endpoint's, for build_body */
  GDestroyNotify       data_free;

  /* What a create's answer is checked against and completed with. */
  char *signature_request_id;
  char *document_id;

  /* A download: the answer is streamed into a file. */
  GFile         *destination;
  GFile         *temp;
  GOutputStream *output;
  GError        *pending_error; /* to report once the temp file is gone */

  /* The current attempt. */
  guint         attempt;
  SoupMessage  *message;
  GInputStream *response;
  goffset       expected_length; /* -1 when the answer did not say */
  goffset       received;
  GByteArray   *buffer;
  GSource      *wait_source;
  GSource      *cancel_source;
};

SignetClientCall *signet_client_call_new (SignetClient               *client,
                                          const SignetClientEndpoint *endpoint,
                                          const char                 *path_tail);
void              signet_client_call_set_json_body (SignetClientCall *call, JsonNode *root);
void              signet_client_call_set_file_body (SignetClientCall    *call,
                                                    GFile               *file,
                                                    SignetClientBodyFunc build_body);

GTask   *signet_client_call_task_new (SignetClientCall   *call,
                                      GCancellable       *cancellable,
                                      gpointer            source_tag,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
void     signet_client_call_run (GTask *task);
void     signet_client_call_start (SignetClientCall   *call,
                                   GCancellable       *cancellable,
                                   gpointer            source_tag,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gpointer signet_client_call_finish (SignetClient *self,
                                    GAsyncResult *result,
                                    gpointer      source_tag,
                                    GError      **error);

/* For the download: reading on, the end of an attempt and its verdicts. */
void signet_client_call_read (GTask *task);
void signet_client_call_return (GTask *task, gpointer result);
void signet_client_call_finish_attempt (GTask *task, GError *error);
gboolean
signet_client_call_check_complete (SignetClientCall *call, goffset received, GError **error);

/* }}} */

/* The answer's body streamed into a file (signet-client-download.c). A
 * signed PDF grows a little over the 10 MB it started as. */
#define SIGNET_CLIENT_MAX_DOWNLOAD ((goffset) 64 * 1024 * 1024)

void signet_client_download_start (GTask *task);
void signet_client_download_write (GTask *task, GBytes *bytes);
void signet_client_download_end (GTask *task);
void signet_client_download_discard (GTask *task, GError *error);

/* The parsers of the answers (signet-client-parse.c). */
gpointer signet_client_parse_created (SignetClientCall *call, JsonNode *root, GError **error);
gpointer signet_client_parse_uploaded (SignetClientCall *call, JsonNode *root, GError **error);
gpointer signet_client_parse_stored (SignetClientCall *call, JsonNode *root, GError **error);
gpointer signet_client_parse_document_info (SignetClientCall *call, JsonNode *root, GError **error);
gpointer signet_client_parse_document_list (SignetClientCall *call, JsonNode *root, GError **error);
gpointer signet_client_parse_counter (SignetClientCall *call, JsonNode *root, GError **error);

G_END_DECLS
