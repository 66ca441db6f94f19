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

#include "signet-client.h"
#include "signet-client-private.h"
#include "signet-error.h"
#include "signet-json-private.h"
#include "signet-property-util.h"

#include <string.h>

/**
 * SignetClient:
 *
 * The one object that speaks to OKdokument: it owns the #SoupSession, the
 * base URL and the API key, and has one `_async`/`_finish` pair per
 * endpoint of the reference. Answers become typed objects, failures
 * %SIGNET_ERROR errors whose messages say what to do.
 *
 * This file holds the object, its session, the address rules and the
 * error mapping; every call goes through the one request path of
 * signet-client-call.c, the endpoints (signet-client-endpoints.c) only
 * say what sets each apart.
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
  g_debug ("Server error %u", status);
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_SERVER_ERROR,
                       _ ("OKdokument could not handle the request just now. Try again later; if "
                          "it keeps failing, contact OKdokument support."));
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

  /* The documented keys, a setting named in the answer, a redirect. */
  if (signet_client_set_refusal (status, message, field != NULL ? field : value, error))
    return;

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
        /* No key or member Signet knows: never the key itself in the
         * message (it means nothing to a person, and a value may be an
         * e-mail address). */
        signet_client_set_unknown_refusal (error);
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
  /* No idle timeout: libsoup 3.2 stops a connection's idle timer only
   * when a request starts writing on it, not when the request takes it, so
   * a timer that fires in between closes the connection under the request,
   * which then hangs until the timeout or crashes (seen under
   * MALLOC_PERTURB_). The tracker's rounds come one interval after the last
   * answer, exactly when an idle timer of the same length fires: with both
   * at 60 s, every round raced it. (With requests 1 s apart and a 1 s idle
   * timeout, one hung within 8 to 15 requests in each of 4 runs; with none,
   * 40 of 40 went through.) Idle connections are closed by the server. */
  self->session = soup_session_new_with_options ("user-agent", user_agent, "timeout", self->timeout,
                                                 "idle-timeout", 0, NULL);
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
        signet_property_set_uint (object, &self->max_attempts, g_value_get_uint (value), pspec);
        break;
      case PROP_RETRY_DELAY:
        signet_property_set_uint (object, &self->retry_delay, g_value_get_uint (value), pspec);
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
    "retry-delay", NULL, NULL, 0, SIGNET_CLIENT_MAX_RETRY_DELAY_MS, 1000,
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
/* {{{ What the request path needs */

SoupSession *
signet_client_get_session (SignetClient *self)
{
  return self->session;
}

/* The key goes only into the header, and never out of this file. */
void
signet_client_authorize (SignetClient *self, SoupMessage *message)
{
  soup_message_headers_replace (soup_message_get_request_headers (message), "x-api-key",
                                self->api_key);
}

guint
signet_client_get_max_attempts (SignetClient *self)
{
  return self->max_attempts;
}

guint
signet_client_get_retry_delay (SignetClient *self)
{
  return self->retry_delay;
}

/* }}} */
