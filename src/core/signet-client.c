/* signet-client.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "signet-body-stream-private.h"
#include "signet-client.h"
#include "signet-client-private.h"
#include "signet-error.h"
#include "signet-json-private.h"
#include "signet-signature-request-private.h"

#include <string.h>

/**
 * SignetClient:
 *
 * The one object that speaks to OKdokument: it owns the #SoupSession, the
 * base URL and the API key, and has one `_async`/`_finish` pair per
 * endpoint of the reference. Answers become typed objects, failures
 * %SIGNET_ERROR errors whose messages say what to do.
 */
struct _SignetClient
{
  GObject parent_instance;

  char *base_url; /* without a trailing slash */
  char *api_key;
  guint timeout;
  guint max_attempts;
  guint retry_delay;

  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (SignetClient, signet_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The service's JSON answers are small; a document list of tens of
 * thousands of entries still fits. A signed PDF grows a little over the
 * 10 MB it started as. Anything larger is not an answer we want. */
#define MAX_JSON_RESPONSE  ((gsize) 16 * 1024 * 1024)
#define MAX_DOWNLOAD       ((goffset) 64 * 1024 * 1024)
#define PARSE_IN_THREAD    ((gsize) 64 * 1024)
#define READ_CHUNK         65536
#define MAX_RETRY_DELAY_MS 30000

#define PDF_MAGIC        "%PDF-"
#define PDF_MAGIC_LENGTH 5

#define REDACTED "[REDACTED]"

/* {{{ Errors */

static gboolean
message_mentions (const char *message, const char *const *words)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FALSE;
  lower = g_ascii_strdown (message, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (
    error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND,
    _ ("The document or signature request does not exist on the server any more. "
       "Refresh the list of documents."));
}

static void
set_server_error (guint status, GError **error)
{
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_SERVER_ERROR,
               _ ("OKdokument could not handle the request (error %u). Try again later."), status);
}

/**
 * signet_client_set_http_error: (skip)
 *
 * Turns a failed answer into a %SIGNET_ERROR. The body (either style, or
 * none) refines the status: the service uses 400 for a missing signature
 * request, and neither source documents how quota or size are refused, so
 * the message key is searched for the words a person would use.
 */
void
signet_client_set_http_error (guint status, JsonNode *body, GError **error)
{
  static const char *const missing_words[] = { "not.exist", "not.found", "notfound", NULL };
  static const char *const quota_words[]
    = { "quota", "limit.exceeded", "limit.reached", "exhausted", "no.signature.requests", NULL };
  static const char *const size_words[] = { "too.large", "too.big", "size.exceeded", NULL };
  static const char *const encrypted_words[] = { "encrypted", "password", NULL };
  static const char *const unreadable_words[]
    = { "invalid.document", "invalid.content", "invalid.pdf", "unsupported", NULL };
  const char *message = NULL;
  const char *code = NULL;
  const char *value = NULL;
  const char *field = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      JsonObject *object = json_node_get_object (body);

      /* Wrong types here only cost detail, never the error itself. The
       * wiki puts the offending value in `value`, the connector in
       * `result`. */
      signet_json_get_string (object, "message", FALSE, &message, NULL);
      signet_json_get_string (object, "code", FALSE, &code, NULL);
      signet_json_get_string (object, "value", FALSE, &value, NULL);
      signet_json_get_string (object, "field", FALSE, &field, NULL);
      if (value == NULL)
        signet_json_get_string (object, "result", FALSE, &value, NULL);
    }
  if (value != NULL && *value == '\0')
    value = NULL;
  if (field != NULL && *field == '\0')
    field = NULL;
  g_debug ("HTTP %u, message “%s”, code “%s”", status, message != NULL ? message : "",
           code != NULL ? code : "");

  if (status == 402 || message_mentions (message, quota_words)
      || message_mentions (code, quota_words))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED,
                           _ ("All signature requests of your package are used up. "
                              "Buy more signature requests from OKdokument, then try again."));
      return;
    }
  if (status == 413 || message_mentions (message, size_words)
      || message_mentions (code, size_words))
    {
      g_autofree char *limit = g_format_size (SIGNET_MAX_DOCUMENT_SIZE);

      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE,
                   _ ("The document is too large for OKdokument, which accepts up to %s. "
                      "Make the file smaller and try again."),
                   limit);
      return;
    }
  if (status == 400 && message_mentions (message, encrypted_words))
    {
      g_set_error_literal (
        error, SIGNET_ERROR, SIGNET_ERROR_FILE_ENCRYPTED,
        _ ("OKdokument cannot open the document because it is protected by a password. "
           "Save a copy without the password and send that."));
      return;
    }
  if (status == 400 && message_mentions (message, unreadable_words))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("OKdokument could not read the document. "
                              "Check that it opens in a PDF viewer, or save it as PDF again."));
      return;
    }

  switch (status)
    {
      case 401:
        g_set_error_literal (
          error, SIGNET_ERROR, SIGNET_ERROR_NOT_AUTHORIZED,
          _ ("OKdokument did not accept the API key. Check the key in Preferences."));
        return;
      case 403:
        g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FORBIDDEN,
                             _ ("The API key is not allowed to do this. "
                                "Ask your OKdokument administrator for the permission."));
        return;
      case 404:
      case 410:
        set_not_found (error);
        return;
      case 409:
        g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT,
                             _ ("This signature request was already created. "
                                "Create a new request to send the document again."));
        return;
      case 400:
      case 422:
        if (message_mentions (message, missing_words) || message_mentions (code, missing_words))
          {
            set_not_found (error);
            return;
          }
        if (field == NULL)
          field = value != NULL ? value : message;
        /* The offending value may be someone's e-mail address: it must
         * not reach a log line through the message. */
        if (field != NULL && strchr (field, '@') != NULL)
          field = message;
        if (field != NULL)
          g_set_error (
            error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
            _ ("OKdokument refused the request because of “%s”. Correct it and try again."), field);
        else
          g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                               _ ("OKdokument refused the request as invalid. "
                                  "Check the request’s settings and try again."));
        return;
      default:
        break;
    }

  if (status == 429 || status >= 500)
    set_server_error (status, error);
  else
    signet_set_unexpected_response (error, "HTTP status %u", status);
}

/**
 * signet_client_set_transport_error: (skip)
 *
 * Turns a GIO, TLS, resolver or libsoup failure into a %SIGNET_ERROR;
 * cancellation passes through unchanged.
 */
void
signet_client_set_transport_error (const GError *source, GError **error)
{
  g_debug ("Transport error: %s (%s %d)", source->message, g_quark_to_string (source->domain),
           source->code);

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (source));
  else if (source->domain == G_TLS_ERROR)
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_TLS_FAILURE,
                         _ ("The server’s identity could not be verified, so nothing was sent. "
                            "Check the server address and the computer’s date and time."));
  else if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_TIMED_OUT,
                         _ ("OKdokument did not answer in time. "
                            "Check the internet connection and try again."));
  else if (source->domain == SOUP_SESSION_ERROR)
    signet_set_unexpected_response (error, "libsoup: %s", source->message);
  else if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
           || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
           || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE,
                         _ ("The connection to OKdokument broke off. "
                            "Check the internet connection and try again."));
  else
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE,
                         _ ("Signet cannot connect to OKdokument. "
                            "Check the internet connection and try again."));
}

/**
 * signet_client_is_retryable: (skip)
 *
 * Whether repeating the same request may succeed: lost connections,
 * timeouts and failures of the service, not answers about the request.
 */
gboolean
signet_client_is_retryable (const GError *error)
{
  return g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_TIMED_OUT)
         || g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_SERVER_ERROR);
}

/**
 * signet_client_check_success: (skip)
 *
 * A 2xx answer in the connector style can still say `"success": false`
 * with the real status in `statusCode`.
 */
gboolean
signet_client_check_success (JsonNode *root, GError **error)
{
  JsonObject *object;
  JsonNode   *success;
  gint64      status;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  object = json_node_get_object (root);
  success = json_object_get_member (object, "success");
  if (success == NULL || JSON_NODE_HOLDS_NULL (success))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (success) || json_node_get_value_type (success) != G_TYPE_BOOLEAN)
    {
      signet_set_unexpected_response (error, "member “success” is not a boolean");
      return FALSE;
    }
  if (json_node_get_boolean (success))
    return TRUE;

  if (!signet_json_get_count (object, "statusCode", FALSE, &status, error))
    return FALSE;
  signet_client_set_http_error (status >= 400 && status < 600 ? (guint) status : 500, root, error);
  return FALSE;
}

/* }}} */
/* {{{ URLs and the key */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * signet_client_url_is_allowed: (skip)
 *
 * `https://` anywhere, `http://` only to this computer: the key must never
 * travel unencrypted.
 */
gboolean
signet_client_url_is_allowed (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (
        error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
        _ ("“%s” is not a server address. Enter an address such as https://api.okdokument.com."),
        url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (
        error, SIGNET_ERROR, SIGNET_ERROR_INSECURE_URL,
        _ ("The server address “%s” is not encrypted, so the API key could be read on the way. "
           "Use an address that starts with https://."),
        url);
      return FALSE;
    }
  return TRUE;
}

/**
 * signet_client_redact: (skip)
 *
 * Returns: @line with every occurrence of @key and the value of any
 *   `x-api-key` header replaced
 */
char *
signet_client_redact (const char *line, const char *key)
{
  g_autoptr (GString) redacted = g_string_new (line);

  if (g_ascii_strncasecmp (redacted->str, "x-api-key:", strlen ("x-api-key:")) == 0)
    {
      g_string_truncate (redacted, strlen ("x-api-key:"));
      g_string_append (redacted, " " REDACTED);
    }
  if (key != NULL && *key != '\0')
    g_string_replace (redacted, key, REDACTED, 0);
  return g_string_free (g_steal_pointer (&redacted), FALSE);
}

static void
logger_print_cb (SoupLogger        *logger,
                 SoupLoggerLogLevel level,
                 char               direction,
                 const char        *data,
                 gpointer           user_data)
{
  SignetClient    *self = user_data;
  g_autofree char *line = signet_client_redact (data, self->api_key);

  g_debug ("%c %s", direction, line);
}

/**
 * signet_client_build_signing_url:
 * @self: a #SignetClient
 * @signature_request_id: a signature request id
 *
 * The open-document link (E4) for a request, for when the service's answer
 * did not carry one. This is the only place that builds it.
 *
 * Returns: (transfer full): the link for the signer
 */
char *
signet_client_build_signing_url (SignetClient *self, const char *signature_request_id)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (SIGNET_IS_CLIENT (self), NULL);
  g_return_val_if_fail (signature_request_id != NULL, NULL);

  escaped = g_uri_escape_string (signature_request_id, NULL, FALSE);
  return g_strconcat (self->base_url, "/openDocument/", escaped, NULL);
}

/* }}} */
/* {{{ GObject */

static void
signet_client_constructed (GObject *object)
{
  SignetClient *self = SIGNET_CLIENT (object);
  g_autoptr (GUri) uri = NULL;
  g_autofree char *user_agent = NULL;
  gboolean         loopback;

  G_OBJECT_CLASS (signet_client_parent_class)->constructed (object);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  loopback = uri != NULL && host_is_loopback (g_uri_get_host (uri));

  /* The trailing space makes libsoup add its own product token. */
  user_agent = g_strdup_printf ("Signet/%s ", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("user-agent", user_agent, "timeout", self->timeout,
                                                 "idle-timeout", 60, NULL);
  /* A proxy never has a reason to see this computer's own server, and a
   * proxy from the environment breaks it (HEADLESS.md). */
  if (loopback)
    soup_session_set_proxy_resolver (self->session, NULL);

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      g_autoptr (SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, logger_print_cb, self, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
}

static void
signet_client_dispose (GObject *object)
{
  SignetClient *self = SIGNET_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (signet_client_parent_class)->dispose (object);
}

static void
signet_client_finalize (GObject *object)
{
  SignetClient *self = SIGNET_CLIENT (object);

  g_free (self->base_url);
  g_free (self->api_key);

  G_OBJECT_CLASS (signet_client_parent_class)->finalize (object);
}

static void
signet_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetClient *self = SIGNET_CLIENT (object);

  switch (prop_id)
    {
      case PROP_BASE_URL:
        g_value_set_string (value, self->base_url);
        break;
      case PROP_TIMEOUT:
        g_value_set_uint (value, self->timeout);
        break;
      case PROP_MAX_ATTEMPTS:
        g_value_set_uint (value, self->max_attempts);
        break;
      case PROP_RETRY_DELAY:
        g_value_set_uint (value, self->retry_delay);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_client_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetClient *self = SIGNET_CLIENT (object);

  switch (prop_id)
    {
      case PROP_BASE_URL:
        {
          const char *url = g_value_get_string (value);
          gsize       length = url != NULL ? strlen (url) : 0;

          while (length > 0 && url[length - 1] == '/')
            length--;
          self->base_url = g_strndup (url != NULL ? url : "", length);
        }
        break;
      case PROP_API_KEY:
        self->api_key = g_value_dup_string (value);
        break;
      case PROP_TIMEOUT:
        self->timeout = g_value_get_uint (value);
        break;
      case PROP_MAX_ATTEMPTS:
        if (self->max_attempts != g_value_get_uint (value))
          {
            self->max_attempts = g_value_get_uint (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_RETRY_DELAY:
        if (self->retry_delay != g_value_get_uint (value))
          {
            self->retry_delay = g_value_get_uint (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_client_class_init (SignetClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = signet_client_constructed;
  object_class->dispose = signet_client_dispose;
  object_class->finalize = signet_client_finalize;
  object_class->get_property = signet_client_get_property;
  object_class->set_property = signet_client_set_property;

  /**
   * SignetClient:base-url:
   *
   * The service, e.g. `https://api.okdokument.com`.
   */
  properties[PROP_BASE_URL] = g_param_spec_string (
    "base-url", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetClient:api-key:
   *
   * The API key. Write-only, so that nothing can print it by accident.
   */
  properties[PROP_API_KEY] = g_param_spec_string (
    "api-key", NULL, NULL, NULL,
    G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetClient:timeout:
   *
   * Seconds without progress after which a request fails.
   */
  properties[PROP_TIMEOUT] = g_param_spec_uint (
    "timeout", NULL, NULL, 1, 600, 30,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetClient:max-attempts:
   *
   * How often a request that may be repeated is tried in all.
   */
  properties[PROP_MAX_ATTEMPTS] = g_param_spec_uint (
    "max-attempts", NULL, NULL, 1, 10, 4,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetClient:retry-delay:
   *
   * Milliseconds before the first retry; each further one waits about
   * twice as long (with jitter), at most 30 seconds.
   */
  properties[PROP_RETRY_DELAY] = g_param_spec_uint (
    "retry-delay", NULL, NULL, 0, MAX_RETRY_DELAY_MS, 1000,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_client_init (SignetClient *self)
{
}

/**
 * signet_client_new:
 * @base_url: the service, e.g. `https://api.okdokument.com`
 * @api_key: the API key
 * @error: return location for a %SIGNET_ERROR_INSECURE_URL or
 *   %SIGNET_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): a client, or %NULL when the address
 *   is not one the key may be sent to
 */
SignetClient *
signet_client_new (const char *base_url, const char *api_key, GError **error)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  if (!signet_client_url_is_allowed (base_url, error))
    return NULL;
  return g_object_new (SIGNET_TYPE_CLIENT, "base-url", base_url, "api-key", api_key, NULL);
}

/**
 * signet_client_get_base_url:
 * @self: a #SignetClient
 *
 * Returns: the service's address, without a trailing slash
 */
const char *
signet_client_get_base_url (SignetClient *self)
{
  g_return_val_if_fail (SIGNET_IS_CLIENT (self), NULL);
  return self->base_url;
}

/* }}} */
/* {{{ Calls: one request with its retries */

typedef gpointer (*ParseFunc) (SignetClient *self, gpointer call, JsonNode *root, GError **error);

typedef struct
{
  SignetClient *client;
  char         *method;
  char         *path;
  gboolean      retry; /* repeating it is safe */

  /* The body: none, bytes, or a file between a prefix and a suffix. */
  char    *content_type;
  GBytes  *body;
  GFile   *file;
  goffset  file_size;
  GBytes  *prefix;
  GBytes  *suffix;
  gboolean base64;

  /* The answer: parsed JSON, or a document streamed into a file. */
  ParseFunc      parse;
  GDestroyNotify result_free;
  GFile         *destination;
  GFile         *temp;
  GOutputStream *output;
  goffset        received;
  goffset        expected_length; /* -1 when the answer did not say */

  /* Create calls: a 409 after a lost answer means "done". */
  gboolean conflict_is_success;
  /* Deletes: "not found" after a lost answer means "deleted". */
  gboolean gone_is_success;
  char    *signature_request_id;
  char    *document_id;

  guint         attempt;
  SoupMessage  *message;
  GInputStream *response;
  GByteArray   *buffer;
  GError       *pending_error; /* to report once the temp file is gone */
  GSource      *wait_source;
  GSource      *cancel_source;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->client);
  g_free (call->method);
  g_free (call->path);
  g_free (call->content_type);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_object (&call->file);
  g_clear_pointer (&call->prefix, g_bytes_unref);
  g_clear_pointer (&call->suffix, g_bytes_unref);
  g_clear_object (&call->destination);
  g_clear_object (&call->temp);
  g_clear_object (&call->output);
  g_free (call->signature_request_id);
  g_free (call->document_id);
  g_clear_object (&call->message);
  g_clear_object (&call->response);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_error (&call->pending_error);
  if (call->wait_source != NULL)
    g_source_destroy (call->wait_source);
  g_clear_pointer (&call->wait_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
  g_free (call);
}

static Call *
call_new (SignetClient *self, const char *method, const char *path, gboolean retry)
{
  Call *call = g_new0 (Call, 1);

  call->client = g_object_ref (self);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->retry = retry;
  return call;
}

static void
call_set_json_body (Call *call, JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  call->content_type = g_strdup ("application/json");
  call->body = g_bytes_new_take (data, length);
}

static void     call_attempt (GTask *task);
static gpointer parse_ok (SignetClient *self, gpointer call, JsonNode *root, GError **error);
static void     call_finish_attempt (GTask *task, GError *error);

static void
call_return_error (GTask *task, GError *error)
{
  Call *call = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s %s failed: %s", call->method, call->path, error->message);
  g_task_return_error (task, error);
}

static gboolean
retry_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Call  *call = g_task_get_task_data (task);

  g_clear_pointer (&call->wait_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
  call_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_wait_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  GTask  *task = user_data;
  Call   *call = g_task_get_task_data (task);
  GError *error = NULL;

  g_source_destroy (call->wait_source);
  g_clear_pointer (&call->wait_source, g_source_unref);
  g_clear_pointer (&call->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  call_return_error (task, error);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with jitter: about retry-delay × 2^(attempt − 1),
 * drawn from its upper half so that many clients do not retry in step. */
static guint
retry_delay_ms (SignetClient *self, guint attempt)
{
  guint64 delay = self->retry_delay;

  for (guint i = 1; i < attempt && delay < MAX_RETRY_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_RETRY_DELAY_MS);
  return (guint) g_random_double_range (delay / 2.0, delay + 1.0);
}

/* Ends one attempt: returns the error, or waits and tries again. Takes
 * @error. */
static void
call_finish_attempt (GTask *task, GError *error)
{
  Call         *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GSource) wait = NULL;
  guint delay;

  g_clear_object (&call->message);
  g_clear_object (&call->response);
  g_clear_pointer (&call->buffer, g_byte_array_unref);

  if (!call->retry || call->attempt >= call->client->max_attempts
      || !signet_client_is_retryable (error))
    {
      call_return_error (task, error);
      return;
    }

  delay = retry_delay_ms (call->client, call->attempt);
  g_debug ("%s %s: attempt %u failed (%s), retrying in %u ms", call->method, call->path,
           call->attempt, error->message, delay);
  g_error_free (error);

  call->wait_source = g_timeout_source_new (delay);
  g_source_set_callback (call->wait_source, retry_wait_done_cb, g_object_ref (task),
                         g_object_unref);
  g_source_attach (call->wait_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (retry_wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

static void
call_complete_parsed (GTask *task, JsonNode *root, GError *error)
{
  Call    *call = g_task_get_task_data (task);
  gpointer result;

  if (root == NULL || !signet_client_check_success (root, &error))
    {
      call_finish_attempt (task, error);
      return;
    }

  result = call->parse (call->client, call, root, &error);
  g_clear_object (&call->message);
  if (result == NULL)
    call_return_error (task, error);
  else
    g_task_return_pointer (task, result, call->result_free);
}

/* A long answer is parsed, checked and turned into its objects on a worker
 * thread: the call waits meanwhile, so nothing else touches it. */
typedef struct
{
  GBytes        *bytes;
  Call          *call;
  GDestroyNotify result_free;
  JsonNode      *root;
  gpointer       result;
  GError        *error;
  gboolean       unsuccessful; /* the answer said it failed: may be retried */
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_bytes_unref (parsed->bytes);
  g_clear_pointer (&parsed->root, json_node_unref);
  if (parsed->result != NULL && parsed->result_free != NULL)
    parsed->result_free (parsed->result);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static void
parse_in_thread (GTask *parse, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Parsed *parsed = task_data;

  parsed->root = signet_json_parse (parsed->bytes, &parsed->error);
  if (parsed->root == NULL)
    parsed->unsuccessful = TRUE;
  else if (!signet_client_check_success (parsed->root, &parsed->error))
    parsed->unsuccessful = TRUE;
  else
    parsed->result
      = parsed->call->parse (parsed->call->client, parsed->call, parsed->root, &parsed->error);
  g_task_return_boolean (parse, TRUE);
}

static void
json_parsed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call   *call = g_task_get_task_data (task);
  Parsed *parsed = g_task_get_task_data (G_TASK (result));

  if (parsed->unsuccessful)
    {
      call_finish_attempt (task, g_steal_pointer (&parsed->error));
      return;
    }

  g_clear_object (&call->message);
  if (parsed->result == NULL)
    call_return_error (task, g_steal_pointer (&parsed->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&parsed->result), call->result_free);
}

static void
call_complete_json (GTask *task)
{
  Call       *call = g_task_get_task_data (task);
  guint       status = soup_message_get_status (call->message);
  const char *content_type;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  GError  *error = NULL;
  gpointer result;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));
  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (call->message), NULL);
  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes, attempt %u)", call->method, call->path, status,
           g_bytes_get_size (bytes), call->attempt);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* Error bodies are best effort: many servers answer 5xx in HTML. */
      if (g_bytes_get_size (bytes) > 0)
        root = signet_json_parse (bytes, NULL);

      if (status == 409 && call->conflict_is_success && call->attempt > 1)
        {
          g_debug ("Signature request %s was created by an earlier attempt",
                   call->signature_request_id);
          result = call->parse (call->client, call, NULL, &error);
          g_assert (result != NULL);
          g_clear_object (&call->message);
          g_task_return_pointer (task, result, call->result_free);
          return;
        }
      signet_client_set_http_error (status, root, &error);
      if (call->gone_is_success && call->attempt > 1
          && g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
        {
          g_debug ("%s was done by an earlier attempt", call->path);
          g_clear_error (&error);
          g_clear_object (&call->message);
          g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
          return;
        }
      call_finish_attempt (task, error);
      return;
    }

  /* The connector documents E14 (and E8's 405) without a body: for calls
   * whose answer says nothing but "done", no body is fine. */
  if (g_bytes_get_size (bytes) == 0 && call->parse == parse_ok)
    {
      g_clear_object (&call->message);
      g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
      return;
    }

  /* The reference says JSON; an HTML page or a PDF here means something
   * between us and the service answered instead. */
  if (content_type != NULL && !g_str_equal (content_type, "application/json")
      && !g_str_equal (content_type, "text/json") && !g_str_has_suffix (content_type, "+json"))
    {
      signet_set_unexpected_response (&error, "content type “%s”", content_type);
      call_finish_attempt (task, error);
      return;
    }

  /* A long document list takes a while to parse: not on the main loop. */
  if (g_bytes_get_size (bytes) > PARSE_IN_THREAD)
    {
      g_autoptr (GTask) parse = g_task_new (NULL, NULL, json_parsed_cb, g_object_ref (task));
      Parsed *parsed = g_new0 (Parsed, 1);

      parsed->bytes = g_bytes_ref (bytes);
      parsed->call = call;
      parsed->result_free = call->result_free;
      g_task_set_source_tag (parse, call_complete_json);
      g_task_set_task_data (parse, parsed, (GDestroyNotify) parsed_free);
      g_task_run_in_thread (parse, parse_in_thread);
      return;
    }

  root = signet_json_parse (bytes, &error);
  call_complete_parsed (task, root, error);
}

/* {{{ Downloads */

static void download_read_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* A connection that closes early can look like the end of the body; the
 * announced length tells them apart. */
static gboolean
check_complete (Call *call, goffset received, GError **error)
{
  g_autoptr (GError) partial = NULL;

  if (call->expected_length < 0 || received == call->expected_length)
    return TRUE;
  partial = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                         "Received %" G_GOFFSET_FORMAT " of %" G_GOFFSET_FORMAT " bytes", received,
                         call->expected_length);
  signet_client_set_transport_error (partial, error);
  return FALSE;
}

static void
download_temp_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error))
    g_debug ("Could not remove the partial download: %s", error->message);
  g_clear_object (&call->temp);
  call_finish_attempt (task, g_steal_pointer (&call->pending_error));
}

static void
download_output_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, NULL);
  g_clear_object (&call->output);
  /* Not cancellable: the half file must go even when the caller gave up. */
  g_file_delete_async (call->temp, G_PRIORITY_DEFAULT, NULL, download_temp_deleted_cb,
                       g_object_ref (task));
}

/* Never a half file under the final name: drop the temporary file, then
 * report @error (or retry). Takes @error. */
static void
download_fail (GTask *task, GError *error)
{
  Call *call = g_task_get_task_data (task);

  g_clear_object (&call->message);
  g_clear_object (&call->response);
  call->pending_error = error;
  if (call->output != NULL)
    g_output_stream_close_async (call->output, G_PRIORITY_DEFAULT, NULL, download_output_closed_cb,
                                 g_object_ref (task));
  else if (call->temp != NULL)
    g_file_delete_async (call->temp, G_PRIORITY_DEFAULT, NULL, download_temp_deleted_cb,
                         g_object_ref (task));
  else
    call_finish_attempt (task, g_steal_pointer (&call->pending_error));
}

static void
set_write_error (Call *call, GError *source, GError **error)
{
  g_autofree char *name = g_file_get_parse_name (call->destination);

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (source));
      return;
    }
  g_debug ("Writing the download failed: %s", source->message);
  g_set_error (
    error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
    _ ("The signed document could not be saved as “%s”. "
       "Check that the folder exists, that you may write to it and that the disk has space."),
    name);
}

static void
download_moved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &local_error))
    {
      set_write_error (call, local_error, &error);
      download_fail (task, error);
      return;
    }
  g_clear_object (&call->temp);
  g_debug ("%s %s → saved %" G_GOFFSET_FORMAT " bytes", call->method, call->path, call->received);
  g_task_return_boolean (task, TRUE);
}

static void
download_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &local_error))
    {
      g_clear_object (&call->output);
      set_write_error (call, local_error, &error);
      download_fail (task, error);
      return;
    }
  g_clear_object (&call->output);
  g_file_move_async (call->temp, call->destination,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task), NULL, NULL, download_moved_cb,
                     g_object_ref (task));
}

static void
download_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &local_error))
    {
      set_write_error (call, local_error, &error);
      download_fail (task, error);
      return;
    }
  g_input_stream_read_bytes_async (call->response, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), download_read_cb,
                                   g_object_ref (task));
}

static void
download_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError       *error = NULL;
  gconstpointer data;
  gsize         length;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &local_error);
  if (bytes == NULL)
    {
      signet_client_set_transport_error (local_error, &error);
      download_fail (task, error);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      if (call->received == 0)
        {
          signet_set_unexpected_response (&error, "empty document");
          download_fail (task, error);
          return;
        }
      if (call->received < PDF_MAGIC_LENGTH)
        {
          signet_set_unexpected_response (&error, "the download is not a PDF");
          download_fail (task, error);
          return;
        }
      if (!check_complete (call, call->received, &error))
        {
          download_fail (task, error);
          return;
        }
      g_output_stream_close_async (call->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   download_closed_cb, g_object_ref (task));
      return;
    }

  /* Only a PDF is a signed document; anything else is someone's error page.
   * Its first five bytes may come split over several reads. */
  if (call->received < PDF_MAGIC_LENGTH
      && memcmp (data, PDF_MAGIC + call->received,
                 MIN (length, PDF_MAGIC_LENGTH - (gsize) call->received))
           != 0)
    {
      signet_set_unexpected_response (&error, "the download is not a PDF");
      download_fail (task, error);
      return;
    }
  call->received += length;
  if (call->received > MAX_DOWNLOAD)
    {
      signet_set_unexpected_response (&error, "the download is larger than %" G_GOFFSET_FORMAT,
                                      MAX_DOWNLOAD);
      download_fail (task, error);
      return;
    }

  g_output_stream_write_all_async (call->output, data, length, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), download_written_cb,
                                   g_object_ref (task));
  /* write_all keeps a pointer into @bytes: hold them until it is done. */
  g_object_set_data_full (G_OBJECT (task), "chunk", g_steal_pointer (&bytes),
                          (GDestroyNotify) g_bytes_unref);
}

static void
download_temp_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GFileOutputStream) output = NULL;
  g_autoptr (GError) local_error = NULL;
  GError *error = NULL;

  output = g_file_create_finish (G_FILE (source), result, &local_error);
  if (output == NULL)
    {
      g_clear_object (&call->temp);
      set_write_error (call, local_error, &error);
      download_fail (task, error);
      return;
    }
  call->output = G_OUTPUT_STREAM (g_steal_pointer (&output));
  call->received = 0;
  g_input_stream_read_bytes_async (call->response, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), download_read_cb,
                                   g_object_ref (task));
}

static void
download_start (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  g_autoptr (GFile) parent = g_file_get_parent (call->destination);
  g_autofree char *basename = g_file_get_basename (call->destination);
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *temp_name = NULL;

  /* Next to the destination, so that the final rename is atomic. */
  temp_name = g_strdup_printf (".%s.%.8s.part", basename, random);
  call->temp = g_file_get_child (parent, temp_name);
  g_file_create_async (call->temp, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), download_temp_created_cb,
                       g_object_ref (task));
}

/* }}} */

static void
json_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &local_error);
  if (bytes == NULL)
    {
      signet_client_set_transport_error (local_error, &error);
      call_finish_attempt (task, error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      if (check_complete (call, call->buffer->len, &error))
        call_complete_json (task);
      else
        call_finish_attempt (task, error);
      return;
    }
  if (call->buffer->len + g_bytes_get_size (bytes) > MAX_JSON_RESPONSE)
    {
      signet_set_unexpected_response (&error, "answer larger than %" G_GSIZE_FORMAT " bytes",
                                      MAX_JSON_RESPONSE);
      call_finish_attempt (task, error);
      return;
    }
  g_byte_array_append (call->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (call->response, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), json_read_cb,
                                   g_object_ref (task));
}

static void
call_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) local_error = NULL;
  SoupMessageHeaders *headers;
  GError             *error = NULL;
  goffset             length;

  call->response = soup_session_send_finish (SOUP_SESSION (source), result, &local_error);
  if (call->response == NULL)
    {
      signet_client_set_transport_error (local_error, &error);
      call_finish_attempt (task, error);
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  length = soup_message_headers_get_content_length (headers);
  call->expected_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    call->expected_length = length;
  if (length > (call->destination != NULL ? MAX_DOWNLOAD : (goffset) MAX_JSON_RESPONSE))
    {
      signet_set_unexpected_response (&error, "announced length %" G_GOFFSET_FORMAT, length);
      call_finish_attempt (task, error);
      return;
    }

  if (call->destination != NULL
      && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (call->message)))
    {
      download_start (task);
      return;
    }

  call->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (call->response, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), json_read_cb,
                                   g_object_ref (task));
}

static void
call_send (GTask *task, GInputStream *body)
{
  Call               *call = g_task_get_task_data (task);
  SignetClient       *self = call->client;
  g_autofree char    *url = g_strconcat (self->base_url, call->path, NULL);
  SoupMessageHeaders *headers;

  call->message = soup_message_new (call->method, url);
  if (call->message == NULL)
    {
      call_return_error (
        task,
        g_error_new (
          SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
          _ ("“%s” is not a server address. Enter an address such as https://api.okdokument.com."),
          self->base_url));
      return;
    }

  /* A redirect would carry the key to wherever it points. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup resends a request by itself when a reused connection turns
   * out closed; a create must only ever be repeated by us, who know that
   * a 409 then means "done". (libsoup already gives POSTs a fresh
   * connection; this says so.) */
  if (call->conflict_is_success)
    soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "x-api-key", self->api_key);
  soup_message_headers_replace (headers, "Accept",
                                call->destination != NULL ? "application/pdf, application/json"
                                                          : "application/json");

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, call->content_type, call->body);
  else if (body != NULL)
    {
      /* A stream cannot be rewound if libsoup had to resend on a reused
       * connection the server had closed: use a fresh one. */
      soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);
      soup_message_set_request_body (
        call->message, call->content_type, body,
        signet_body_stream_length (call->file_size, call->prefix, call->base64, call->suffix));
    }

  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), call_sent_cb, g_object_ref (task));
}

static void
call_file_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GFileInputStream) input = NULL;
  g_autoptr (GInputStream) body = NULL;
  g_autoptr (GError) local_error = NULL;

  input = g_file_read_finish (G_FILE (source), result, &local_error);
  if (input == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (call->file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        call_return_error (task, g_steal_pointer (&local_error));
      else
        call_return_error (
          task, g_error_new (SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                             _ ("“%s” could not be read. "
                                "Check that the file still exists and that you may open it."),
                             name));
      return;
    }

  body = signet_body_stream_new (G_INPUT_STREAM (input), call->prefix, call->base64, call->suffix);
  call_send (task, body);
}

static void
call_attempt (GTask *task)
{
  Call   *call = g_task_get_task_data (task);
  GError *error = NULL;

  /* signet_client_new() refuses such an address; g_object_new() cannot. */
  if (call->attempt == 0 && !signet_client_url_is_allowed (call->client->base_url, &error))
    {
      call_return_error (task, error);
      return;
    }

  call->attempt++;
  if (call->file != NULL)
    g_file_read_async (call->file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                       call_file_opened_cb, g_object_ref (task));
  else
    call_send (task, NULL);
}

static void
call_start (SignetClient       *self,
            Call               *call,
            GCancellable       *cancellable,
            gpointer            source_tag,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  call_attempt (task);
}

static gpointer
call_propagate (SignetClient *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
call_propagate_boolean (SignetClient *self,
                        GAsyncResult *result,
                        gpointer      source_tag,
                        GError      **error)
{
  g_return_val_if_fail (SIGNET_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* }}} */
/* {{{ Parsers of the answers */

static gpointer
parse_ok (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  return GINT_TO_POINTER (TRUE);
}

static JsonObject *
root_object (JsonNode *root, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      signet_set_unexpected_response (error, "the answer is not an object");
      return NULL;
    }
  return json_node_get_object (root);
}

/* E1 and E3 answer `result` = signature request id, `url`, and (wiki)
 * `documentId`. What is missing is filled from what we sent; a signing URL
 * that is not http(s) is not handed to anyone. A lost answer (root %NULL)
 * is rebuilt the same way. */
static gpointer
parse_created (SignetClient *self, gpointer user_data, JsonNode *root, GError **error)
{
  Call            *call = user_data;
  JsonObject      *object = NULL;
  const char      *result = NULL, *url = NULL, *document_id = NULL;
  g_autofree char *built_url = NULL;

  if (root != NULL)
    {
      if ((object = root_object (root, error)) == NULL
          || !signet_json_get_string (object, "result", FALSE, &result, error)
          || !signet_json_get_string (object, "url", FALSE, &url, error)
          || !signet_json_get_string (object, "documentId", FALSE, &document_id, error))
        return NULL;
    }

  if (result != NULL && call->signature_request_id != NULL
      && !g_str_equal (result, call->signature_request_id))
    {
      signet_set_unexpected_response (error, "the service created “%s”, not the id we chose",
                                      result);
      return NULL;
    }
  if (result == NULL)
    result = call->signature_request_id;
  if (document_id == NULL)
    document_id = call->document_id;

  if (url != NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL
          || (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
              && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
        {
          signet_set_unexpected_response (error, "signing URL is not a web address");
          return NULL;
        }
    }
  else if (result != NULL)
    url = built_url = signet_client_build_signing_url (self, result);

  return signet_created_request_new (result, url, document_id, root == NULL);
}

/* E2: the document id is `documentId` (wiki) or `result` (connector). */
static gpointer
parse_uploaded (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  JsonObject *object;
  const char *document_id, *result;

  if ((object = root_object (root, error)) == NULL
      || !signet_json_get_string (object, "documentId", FALSE, &document_id, error)
      || !signet_json_get_string (object, "result", FALSE, &result, error))
    return NULL;
  if (document_id == NULL)
    document_id = result;
  if (document_id == NULL || *document_id == '\0')
    {
      signet_set_unexpected_response (error, "no document id in the upload answer");
      return NULL;
    }
  return g_strdup (document_id);
}

/* E3 with "signatureRequestId": "off" stores the document only. */
static gpointer
parse_uploaded_as_created (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  g_autofree char *document_id = parse_uploaded (self, call, root, error);

  return document_id != NULL ? signet_created_request_new (NULL, NULL, document_id, FALSE) : NULL;
}

/* E10 answers the object itself; tolerate it wrapped in `result`. */
static gpointer
parse_document_info (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  JsonObject *object, *inner;

  if ((object = root_object (root, error)) == NULL)
    return NULL;
  if (!json_object_has_member (object, "id")
      && signet_json_get_object (object, "result", FALSE, &inner, NULL) && inner != NULL)
    object = inner;
  return signet_document_info_new_from_json (object, error);
}

/* E9 answers an array; tolerate it wrapped in `result`. */
static gpointer
parse_document_list (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  g_autoptr (GListStore) store = g_list_store_new (SIGNET_TYPE_DOCUMENT_INFO);
  JsonArray *array;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *result = json_object_get_member (json_node_get_object (root), "result");

      if (result != NULL)
        root = result;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      signet_set_unexpected_response (error, "the document list is not an array");
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (SignetDocumentInfo) info = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          signet_set_unexpected_response (error, "list item %u is not an object", i);
          return NULL;
        }
      info = signet_document_info_new_from_json (json_node_get_object (element), error);
      if (info == NULL)
        return NULL;
      g_list_store_append (store, info);
    }
  return g_steal_pointer (&store);
}

static gpointer
parse_counter (SignetClient *self, gpointer call, JsonNode *root, GError **error)
{
  JsonObject *object = root_object (root, error);

  return object != NULL ? signet_counter_new_from_json (object, error) : NULL;
}

/* }}} */
/* {{{ Files */

typedef struct
{
  Call    *call;
  gpointer source_tag;
} FileCheck;

/* The size is checked before anything is read or sent. */
static gboolean
check_file_info (GFile *file, GFileInfo *info, GError **error)
{
  goffset size = g_file_info_get_size (info);

  if (size > SIGNET_MAX_DOCUMENT_SIZE)
    {
      g_autofree char *size_text = g_format_size (size);
      g_autofree char *limit = g_format_size (SIGNET_MAX_DOCUMENT_SIZE);

      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE,
                   _ ("“%s” is too large (%s). OKdokument accepts documents up to %s; "
                      "make the file smaller and try again."),
                   g_file_info_get_display_name (info), size_text, limit);
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                   _ ("“%s” is empty. Choose the document again."),
                   g_file_info_get_display_name (info));
      return FALSE;
    }
  return TRUE;
}

static void
file_info_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GFile *file = G_FILE (source);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = g_file_query_info_finish (file, result, &error);
  if (info == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                                 _ ("“%s” could not be read. "
                                    "Check that the file still exists and that you may open it."),
                                 name);
      return;
    }
  if (!check_file_info (file, info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&info), g_object_unref);
}

static void
query_file (SignetClient       *self,
            GFile              *file,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, query_file);
  g_file_query_info_async (
    file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
    G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable, file_info_cb, task);
}

/* Splits the generated JSON around a placeholder so that the file's
 * base64 can be streamed between the two halves. */
static void
split_json (JsonNode *root, const char *placeholder, GBytes **prefix, GBytes **suffix)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  const char      *hole;
  gsize            length;

  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);
  hole = strstr (json, placeholder);
  g_assert (hole != NULL);
  *prefix = g_bytes_new (json, hole - json);
  *suffix
    = g_bytes_new (hole + strlen (placeholder), length - (hole - json) - strlen (placeholder));
}

static char *
new_placeholder (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("signet-content-", uuid, NULL);
}

/* }}} */
/* {{{ E2 Upload document (JSON) */

typedef struct
{
  GFile              *file;
  char               *filename;
  SignetDocumentState preprocessing;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_clear_object (&data->file);
  g_free (data->filename);
  g_free (data);
}

/* Hands the inner task's pointer result to the outer task. */
static void
relay_pointer_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError        *error = NULL;
  GDestroyNotify free_func;
  gpointer       value;

  free_func = g_object_get_data (G_OBJECT (task), "result-free");
  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, free_func);
}

static void
upload_file_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClient *self = SIGNET_CLIENT (source);
  UploadData   *data = g_task_get_task_data (task);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *placeholder = new_placeholder ();
  GError          *error = NULL;
  Call            *call;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* {"filename": …, "state": …, "file": {"content": <base64>}}: the wiki's
   * form; the connector's flat `file` is the other spelling (§19.5). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (
    builder, data->filename != NULL ? data->filename : g_file_info_get_display_name (info));
  if (data->preprocessing != SIGNET_DOCUMENT_STATE_UNKNOWN)
    {
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder,
                                     signet_document_state_to_string (data->preprocessing));
    }
  json_builder_set_member_name (builder, "file");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, placeholder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* Repeating an upload costs nothing (a spare copy at worst). */
  call = call_new (self, "POST", "/JSON/document", TRUE);
  call->file = g_object_ref (data->file);
  call->file_size = g_file_info_get_size (info);
  call->content_type = g_strdup ("application/json");
  call->base64 = TRUE;
  split_json (root, placeholder, &call->prefix, &call->suffix);
  call->parse = parse_uploaded;
  call->result_free = g_free;

  g_object_set_data (G_OBJECT (task), "result-free", g_free);
  call_start (self, call, g_task_get_cancellable (task), call_start, relay_pointer_cb,
              g_object_ref (task));
}

/**
 * signet_client_upload_document_async:
 * @self: a #SignetClient
 * @file: the document, at most 10 MB
 * @filename: (nullable): its name for the service; the file's name if %NULL
 * @preprocessing: %SIGNET_DOCUMENT_STATE_TOSIGN, %SIGNET_DOCUMENT_STATE_TAGS,
 *   %SIGNET_DOCUMENT_STATE_TOSTAMP, or %SIGNET_DOCUMENT_STATE_UNKNOWN for
 *   the service's default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores a document without starting a signature request (E2). The file is
 * encoded and sent as it is read, on a worker thread.
 */
void
signet_client_upload_document_async (SignetClient       *self,
                                     GFile              *file,
                                     const char         *filename,
                                     SignetDocumentState preprocessing,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  UploadData *data;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_client_upload_document_async);
  data = g_new0 (UploadData, 1);
  data->file = g_object_ref (file);
  data->filename = g_strdup (filename);
  data->preprocessing = preprocessing;
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  query_file (self, file, cancellable, upload_file_checked_cb, g_steal_pointer (&task));
}

/**
 * signet_client_upload_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the new document's id, or %NULL on error
 */
char *
signet_client_upload_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_upload_document_async, error);
}

/* }}} */
/* {{{ E1 Create signature request */

typedef struct
{
  SignetSignatureRequest *request;
  SignetCreateFlags       flags;
  char                   *document_id;
  GFileInfo              *info;
  gboolean                storage_only;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->request);
  g_free (data->document_id);
  g_clear_object (&data->info);
  g_free (data);
}

static void
create_send (GTask *task)
{
  SignetClient    *self = g_task_get_source_object (task);
  CreateData      *data = g_task_get_task_data (task);
  g_autofree char *placeholder = NULL;
  g_autoptr (JsonNode) root = NULL;
  Call *call;

  call = call_new (self, "POST", "/JSON/signatureRequest", TRUE);
  call->conflict_is_success = TRUE;
  call->signature_request_id
    = g_strdup (signet_signature_request_get_signature_request_id (data->request));
  call->document_id = g_strdup (data->document_id);
  call->parse = parse_created;
  call->result_free = g_object_unref;

  if (data->info != NULL)
    {
      placeholder = new_placeholder ();
      root = signet_signature_request_to_json (data->request, NULL, placeholder);
      call->file = g_object_ref (signet_signature_request_get_file (data->request));
      call->file_size = g_file_info_get_size (data->info);
      call->content_type = g_strdup ("application/json");
      call->base64 = TRUE;
      split_json (root, placeholder, &call->prefix, &call->suffix);
    }
  else
    {
      root = signet_signature_request_to_json (data->request, data->document_id, NULL);
      call_set_json_body (call, root);
    }

  g_object_set_data (G_OBJECT (task), "result-free", g_object_unref);
  call_start (self, call, g_task_get_cancellable (task), call_start, relay_pointer_cb,
              g_object_ref (task));
}

static void
create_uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  GError     *error = NULL;

  data->document_id = signet_client_upload_document_finish (SIGNET_CLIENT (source), result, &error);
  if (data->document_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("Uploaded document %s for signature request %s", data->document_id,
           signet_signature_request_get_signature_request_id (data->request));
  create_send (task);
}

static void
create_file_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  GError     *error = NULL;

  data->info = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  create_send (task);
}

/**
 * signet_client_create_signature_request_async:
 * @self: a #SignetClient
 * @request: what to create; its file or document id says what to sign
 * @flags: how a new file is sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates a signature request (E1), which uses up one purchased request.
 * A new file is uploaded first (E2) unless @flags say
 * %SIGNET_CREATE_FLAGS_INLINE. The request always carries its own
 * signature request id, and the call is retried after a lost connection or
 * a failure of the service: when a retry hears 409 the first attempt did
 * create it, and that is a success (#SignetCreatedRequest:recovered), so a
 * request is never paid for twice.
 */
void
signet_client_create_signature_request_async (SignetClient           *self,
                                              SignetSignatureRequest *request,
                                              SignetCreateFlags       flags,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  CreateData *data;
  GFile      *file;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_client_create_signature_request_async);
  data = g_new0 (CreateData, 1);
  data->request = g_object_ref (request);
  data->flags = flags;
  data->document_id = g_strdup (signet_signature_request_get_document_id (request));
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  file = signet_signature_request_get_file (request);
  if ((file == NULL) == (data->document_id == NULL))
    {
      g_task_return_new_error (
        task, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
        _ ("A signature request needs either a new file or a stored document. "
           "Choose one document and try again."));
      return;
    }

  if (file == NULL)
    create_send (task);
  else if (flags & SIGNET_CREATE_FLAGS_INLINE)
    query_file (self, file, cancellable, create_file_checked_cb, g_steal_pointer (&task));
  else
    signet_client_upload_document_async (self, file,
                                         signet_signature_request_get_filename (request),
                                         signet_signature_request_get_preprocessing (request),
                                         cancellable, create_uploaded_cb, g_steal_pointer (&task));
}

/**
 * signet_client_create_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the created request, or %NULL on error
 */
SignetCreatedRequest *
signet_client_create_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return call_propagate (self, result, signet_client_create_signature_request_async, error);
}

/* }}} */
/* {{{ E3 Upload (multipart) */

static void
multipart_file_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClient *self = SIGNET_CLIENT (source);
  CreateData   *data = g_task_get_task_data (task);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *random = g_uuid_string_random ();
  gboolean         storage_only = data->storage_only;
  GError          *error = NULL;
  GString         *prefix;
  Call            *call;

  data->info = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  root = signet_signature_request_to_json (data->request, NULL, NULL);
  /* "Signature Request OFF": store and validate only (§6 E3). */
  if (storage_only)
    json_object_set_string_member (json_node_get_object (root), "signatureRequestId", "off");
  json_generator_set_root (generator, root);
  metadata = json_generator_to_data (generator, NULL);

  filename = g_strdup (signet_signature_request_get_filename (data->request) != NULL
                         ? signet_signature_request_get_filename (data->request)
                         : g_file_info_get_display_name (data->info));
  g_strdelimit (filename, "\"\\\r\n", '_');
  boundary = g_strconcat ("signet-", random, NULL);

  prefix = g_string_new (NULL);
  g_string_append_printf (prefix,
                          "--%s\r\n"
                          "Content-Disposition: form-data; name=\"dataText\"\r\n"
                          "Content-Type: application/json\r\n\r\n"
                          "%s\r\n"
                          "--%s\r\n"
                          "Content-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                          "Content-Type: application/pdf\r\n\r\n",
                          boundary, metadata, boundary, filename);

  call = call_new (self, "POST", "/JSON/upload", TRUE);
  call->conflict_is_success = !storage_only;
  if (!storage_only)
    call->signature_request_id
      = g_strdup (signet_signature_request_get_signature_request_id (data->request));
  call->file = g_object_ref (signet_signature_request_get_file (data->request));
  call->file_size = g_file_info_get_size (data->info);
  call->content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  call->prefix = g_string_free_to_bytes (prefix);
  call->suffix
    = g_bytes_new_take (g_strdup_printf ("\r\n--%s--\r\n", boundary), strlen (boundary) + 8);
  call->parse = storage_only ? parse_uploaded_as_created : parse_created;
  call->result_free = g_object_unref;

  g_object_set_data (G_OBJECT (task), "result-free", g_object_unref);
  call_start (self, call, g_task_get_cancellable (task), call_start, relay_pointer_cb,
              g_object_ref (task));
}

/**
 * signet_client_upload_multipart_async:
 * @self: a #SignetClient
 * @request: the request; its #SignetSignatureRequest:file is sent
 * @storage_only: store the document without starting a signature request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends a document as `multipart/form-data` with the request's settings
 * (E3). Unless @storage_only, this creates a signature request like
 * signet_client_create_signature_request_async(), with the same protection
 * against paying twice.
 */
void
signet_client_upload_multipart_async (SignetClient           *self,
                                      SignetSignatureRequest *request,
                                      gboolean                storage_only,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE_REQUEST (request));
  g_return_if_fail (G_IS_FILE (signet_signature_request_get_file (request)));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_client_upload_multipart_async);
  data = g_new0 (CreateData, 1);
  data->request = g_object_ref (request);
  data->storage_only = storage_only;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  query_file (self, signet_signature_request_get_file (request), cancellable,
              multipart_file_checked_cb, g_steal_pointer (&task));
}

/**
 * signet_client_upload_multipart_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the outcome; for a storage-only upload only
 *   the document id is set. %NULL on error.
 */
SignetCreatedRequest *
signet_client_upload_multipart_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_upload_multipart_async, error);
}

/* }}} */
/* {{{ E7 Download, E8 Delete document */

/**
 * signet_client_download_document_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @destination: where to save it; replaced only once the whole document
 *   has arrived
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads the (signed) PDF (E7). It is streamed into a temporary file
 * beside @destination and renamed over it at the end, so @destination
 * never holds half a document.
 */
void
signet_client_download_document_async (SignetClient       *self,
                                       const char         *document_id,
                                       GFile              *destination,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) parent = NULL;
  Call *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  parent = g_file_get_parent (destination);
  g_return_if_fail (parent != NULL);

  escaped = escape_segment (document_id);
  path = g_strconcat ("/JSON/document/", escaped, NULL);
  call = call_new (self, "GET", path, TRUE);
  call->destination = g_object_ref (destination);
  call_start (self, call, cancellable, signet_client_download_document_async, callback, user_data);
}

/**
 * signet_client_download_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once the document is saved
 */
gboolean
signet_client_download_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate_boolean (self, result, signet_client_download_document_async, error);
}

static void
simple_call (SignetClient       *self,
             const char         *method,
             const char         *prefix,
             const char         *id,
             JsonNode           *body,
             GCancellable       *cancellable,
             gpointer            source_tag,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  g_autofree char *escaped = id != NULL ? escape_segment (id) : NULL;
  g_autofree char *path = g_strconcat (prefix, escaped, NULL);
  Call            *call;

  /* These may simply be repeated: they set or remove one thing. */
  call = call_new (self, method, path, TRUE);
  call->gone_is_success = g_str_equal (method, "DELETE");
  if (body != NULL)
    call_set_json_body (call, body);
  call->parse = parse_ok;
  call_start (self, call, cancellable, source_tag, callback, user_data);
}

/**
 * signet_client_delete_document_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a stored document (E8).
 */
void
signet_client_delete_document_async (SignetClient       *self,
                                     const char         *document_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  simple_call (self, "DELETE", "/JSON/document/", document_id, NULL, cancellable,
               signet_client_delete_document_async, callback, user_data);
}

/**
 * signet_client_delete_document_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the document was deleted
 */
gboolean
signet_client_delete_document_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_delete_document_async, error) != NULL;
}

/* }}} */
/* {{{ E9 List, E10 Document info */

/**
 * signet_client_list_documents_async:
 * @self: a #SignetClient
 * @state: the state to list, or %SIGNET_DOCUMENT_STATE_UNKNOWN for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the documents stored for this API key (E9).
 */
void
signet_client_list_documents_async (SignetClient       *self,
                                    SignetDocumentState state,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  const char      *name = signet_document_state_to_string (state);
  g_autofree char *path = NULL;
  Call            *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));

  path = g_strconcat ("/JSON/list/flat?state=", name != NULL ? name : "*", NULL);
  call = call_new (self, "GET", path, TRUE);
  call->parse = parse_document_list;
  call->result_free = g_object_unref;
  call_start (self, call, cancellable, signet_client_list_documents_async, callback, user_data);
}

/**
 * signet_client_list_documents_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #SignetDocumentInfo, or %NULL on
 *   error
 */
GListModel *
signet_client_list_documents_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_list_documents_async, error);
}

/**
 * signet_client_get_document_info_async:
 * @self: a #SignetClient
 * @document_id: the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for one document's name, state and dates (E10).
 */
void
signet_client_get_document_info_async (SignetClient       *self,
                                       const char         *document_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  Call            *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  escaped = escape_segment (document_id);
  path = g_strconcat ("/JSON/document/metadata/", escaped, NULL);
  call = call_new (self, "GET", path, TRUE);
  call->parse = parse_document_info;
  call->result_free = g_object_unref;
  call_start (self, call, cancellable, signet_client_get_document_info_async, callback, user_data);
}

/**
 * signet_client_get_document_info_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the document's info, or %NULL on error
 */
SignetDocumentInfo *
signet_client_get_document_info_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_get_document_info_async, error);
}

/* }}} */
/* {{{ E11 Update, E12 Delete signature request, E14 Register callback */

static JsonNode *
build_object (const char *first_member, ...)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *member = first_member;
  va_list     args;

  va_start (args, first_member);
  json_builder_begin_object (builder);
  while (member != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          json_builder_set_member_name (builder, member);
          json_builder_add_string_value (builder, value);
        }
      member = va_arg (args, const char *);
    }
  json_builder_end_object (builder);
  va_end (args);
  return json_builder_get_root (builder);
}

/**
 * signet_client_update_signature_request_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @send_info_url: (nullable): a new callback URL
 * @result_url: (nullable): a new result URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes where an existing request reports to (E11).
 */
void
signet_client_update_signature_request_async (SignetClient       *self,
                                              const char         *signature_request_id,
                                              const char         *send_info_url,
                                              const char         *result_url,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);

  body = build_object ("signatureRequestId", signature_request_id, "sendInfoURL", send_info_url,
                       "resulturl", result_url, NULL);
  simple_call (self, "PATCH", "/JSON/signatureRequest", NULL, body, cancellable,
               signet_client_update_signature_request_async, callback, user_data);
}

/**
 * signet_client_update_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * The answer's `url` (§19.9: without `/openDocument/`) is not a signing
 * link and is ignored.
 *
 * Returns: %TRUE if the request was updated
 */
gboolean
signet_client_update_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return call_propagate (self, result, signet_client_update_signature_request_async, error) != NULL;
}

/**
 * signet_client_delete_signature_request_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a signature request (E12); its link stops working.
 */
void
signet_client_delete_signature_request_async (SignetClient       *self,
                                              const char         *signature_request_id,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);

  simple_call (self, "DELETE", "/JSON/signatureRequest/", signature_request_id, NULL, cancellable,
               signet_client_delete_signature_request_async, callback, user_data);
}

/**
 * signet_client_delete_signature_request_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the request was deleted
 */
gboolean
signet_client_delete_signature_request_finish (SignetClient *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return call_propagate (self, result, signet_client_delete_signature_request_async, error) != NULL;
}

/**
 * signet_client_register_callback_async:
 * @self: a #SignetClient
 * @signature_request_id: the request
 * @send_info_url: the URL the service posts to when the signer is done
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Registers a completion callback for a request (E14, the connector's
 * webhook).
 */
void
signet_client_register_callback_async (SignetClient       *self,
                                       const char         *signature_request_id,
                                       const char         *send_info_url,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (SIGNET_IS_CLIENT (self));
  g_return_if_fail (signature_request_id != NULL);
  g_return_if_fail (send_info_url != NULL);

  body = build_object ("sendInfoURL", send_info_url, NULL);
  simple_call (self, "POST", "/JSON/signatureRequest/", signature_request_id, body, cancellable,
               signet_client_register_callback_async, callback, user_data);
}

/**
 * signet_client_register_callback_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the callback was registered
 */
gboolean
signet_client_register_callback_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_register_callback_async, error) != NULL;
}

/* }}} */
/* {{{ E13 Counter */

/**
 * signet_client_get_counter_async:
 * @self: a #SignetClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks how many signature requests are left and used (E13). Also the
 * cheapest way to check an API key.
 */
void
signet_client_get_counter_async (SignetClient       *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Call *call;

  g_return_if_fail (SIGNET_IS_CLIENT (self));

  call = call_new (self, "GET", "/JSON/counter", TRUE);
  call->parse = parse_counter;
  call->result_free = g_object_unref;
  call_start (self, call, cancellable, signet_client_get_counter_async, callback, user_data);
}

/**
 * signet_client_get_counter_finish:
 * @self: a #SignetClient
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the counters, or %NULL on error
 */
SignetCounter *
signet_client_get_counter_finish (SignetClient *self, GAsyncResult *result, GError **error)
{
  return call_propagate (self, result, signet_client_get_counter_async, error);
}

/* }}} */
