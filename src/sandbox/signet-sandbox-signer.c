/* signet-sandbox-signer.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

#include "signet-error.h"

/* The signer's side: E4 and the pages behind it, plain HTML and CSS that
 * work without JavaScript. The texts are the vendor's, so they stay English
 * (docs/sandbox.md). */

#define PAGE_WIDTH_PX     1000
#define SESSION_COOKIE    "okd_session"
#define MAX_CODE_ATTEMPTS 5

static const char page_style[]
  = "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "background:#f2f3f5;color:#1d1d1f}"
    "header{background:#1c4fa3;color:#fff;padding:.75rem "
    "1rem;display:flex;gap:.5rem;align-items:center}"
    "header .badge{background:#ffd43b;color:#000;border-radius:999px;padding:0 "
    ".6rem;font-size:.8rem}"
    "main{max-width:52rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.3rem;margin:.25rem 0 .5rem;overflow-wrap:anywhere}"
    ".meta{color:#555;font-size:.9rem;margin:0 0 1rem}"
    ".pages figure{margin:0}"
    ".pages img{display:block;width:100%;height:auto;background:#fff;"
    "box-shadow:0 1px 4px rgba(0,0,0,.25);margin:0 0 1rem}"
    ".pages figcaption{font-size:.8rem;color:#555;text-align:center;margin:-.75rem 0 1rem}"
    "form{background:#fff;border-radius:.75rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.15);"
    "position:sticky;bottom:0}"
    "label{display:block;font-weight:600;margin:.5rem 0 .25rem}"
    "input[type=text]{width:100%;font-size:1.1rem;padding:.65rem;border:1px solid "
    "#888;border-radius:.5rem}"
    ".row{display:flex;gap:.5rem;flex-wrap:wrap;margin-top:.75rem}"
    "button{font-size:1.05rem;padding:.7rem 1.4rem;border-radius:.5rem;border:1px solid #888;"
    "background:#fff;min-height:2.75rem;flex:1 1 8rem}"
    "button.primary{background:#1c4fa3;border-color:#1c4fa3;color:#fff;font-weight:600}"
    ".error{background:#fde8e8;border:1px solid "
    "#c01c28;color:#8b0000;border-radius:.5rem;padding:.6rem .8rem}"
    ".note{background:#e8f0fd;border-radius:.5rem;padding:.6rem .8rem}";

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static char *
page (const char *title, const char *body)
{
  g_autofree char *t = escape (title);

  return g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<title>%s – OKdokument sandbox</title><style>%s</style></head>"
                          "<body><header><strong>OKdokument</strong>"
                          "<span class=\"badge\">sandbox</span></header>"
                          "<main>%s</main></body></html>\n",
                          t, page_style, body);
}

static void
reply_page (SoupServerMessage *msg, guint status, const char *title, const char *body)
{
  g_autofree char *html = page (title, body);

  signet_sandbox_reply_html (msg, status, html);
}

static void
reply_message (SoupServerMessage *msg, guint status, const char *title, const char *text)
{
  g_autofree char *t = escape (title);
  g_autofree char *x = escape (text);
  g_autofree char *body = g_strdup_printf ("<h1>%s</h1><p>%s</p>", t, x);

  reply_page (msg, status, title, body);
}

/* j***@example.com, +421*****456: enough to recognise, not to harvest. */
static char *
mask_address (const char *address)
{
  const char *at = strchr (address, '@');
  gsize       len = strlen (address);

  if (at != NULL)
    return g_strdup_printf ("%c***%s", address[0], at);
  if (len > 7)
    return g_strdup_printf ("%.4s*****%s", address, address + len - 3);
  return g_strdup ("***");
}

/* Where the code for opening (or else for signing) goes, and by what
 * (`*kind`: "email" or "sms"); NULL when that step needs no code. */
static const char *
otp_target (SandboxRequest *request, gboolean for_opening, const char **kind)
{
  const char *to;

  if ((to = sandbox_request_rule (request, for_opening ? "openOtpEmail" : "signOtpEmail")) != NULL)
    *kind = "email";
  else if ((to = sandbox_request_rule (request, for_opening ? "openOtpPhone" : "signOtpPhone"))
           != NULL)
    *kind = "sms";
  return to;
}

static gboolean
has_session (SoupServerMessage *msg, SandboxRequest *request)
{
  g_autoptr (GHashTable) cookies = NULL;
  const char *header, *kind;

  if (otp_target (request, TRUE, &kind) == NULL)
    return TRUE;
  if (request->session_token == NULL)
    return FALSE;

  header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  if (header == NULL)
    return FALSE;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strcmp0 (g_hash_table_lookup (cookies, SESSION_COOKIE), request->session_token) == 0;
}

/* Sends a new one-time code; `openOtpCode`/`signOtpCode` fix its value. */
static void
send_code (SignetSandbox *self, SandboxRequest *request, gboolean for_opening)
{
  const char *kind = NULL;
  const char *to = otp_target (request, for_opening, &kind);
  const char *preset = sandbox_request_rule (request, for_opening ? "openOtpCode" : "signOtpCode");
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;

  g_assert (to != NULL);
  code = preset != NULL ? g_strdup (preset)
                        : g_strdup_printf ("%06d", g_random_int_range (0, 1000000));
  text = g_strdup_printf ("Your OKdokument verification code %s: %s",
                          for_opening ? "to open the document" : "to sign the document", code);
  signet_sandbox_post_outbox (self, kind, to,
                              for_opening ? "Verification code to open the document"
                                          : "Verification code to sign the document",
                              text, code, request->id);

  g_free (for_opening ? request->open_code : request->sign_code);
  if (for_opening)
    request->open_code = g_steal_pointer (&code);
  else
    request->sign_code = g_steal_pointer (&code);
  request->failed_attempts = 0;
  signet_sandbox_changed (self);
}

static gboolean
check_code (SignetSandbox  *self,
            SandboxRequest *request,
            const char     *expected,
            const char     *given,
            const char    **problem)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (given != NULL ? given : ""));

  if (expected == NULL)
    {
      *problem = "Ask for a verification code first.";
      return FALSE;
    }
  if (request->failed_attempts >= MAX_CODE_ATTEMPTS)
    {
      *problem = "Too many wrong codes. Ask for a new verification code.";
      return FALSE;
    }
  if (!g_str_equal (trimmed, expected))
    {
      request->failed_attempts++;
      signet_sandbox_changed (self);
      *problem = "The verification code is not right. Check it and try again.";
      return FALSE;
    }

  request->failed_attempts = 0;
  return TRUE;
}

static char *
hidden_fields (SandboxDocument *document, SandboxRequest *request)
{
  g_autofree char *id = escape (document->id);
  g_autofree char *sr = escape (request->id);

  return g_strdup_printf ("<input type=\"hidden\" name=\"id\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"sr\" value=\"%s\">",
                          id, sr);
}

static void
reply_open_otp_page (SoupServerMessage *msg,
                     SandboxDocument   *document,
                     SandboxRequest    *request,
                     const char        *problem)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *hidden = hidden_fields (document, request);
  g_autofree char *title = escape (document->filename);
  g_autofree char *masked = NULL;
  g_autofree char *masked_html = NULL;
  const char      *kind = NULL;

  masked = mask_address (otp_target (request, TRUE, &kind));
  masked_html = escape (masked);
  g_string_append_printf (body, "<h1>%s</h1>", title);
  if (problem != NULL)
    g_string_append_printf (body, "<p class=\"error\" role=\"alert\">%s</p>", problem);
  g_string_append_printf (
    body,
    "<p class=\"note\">This document is protected. We will send a verification "
    "code %s to %s.</p>"
    "<form method=\"post\" action=\"/viewDocument\">%s",
    g_str_equal (kind, "sms") ? "by SMS" : "by e-mail", masked_html, hidden);
  if (request->open_code != NULL)
    g_string_append (
      body, "<label for=\"code\">Verification code</label>"
            "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
            "autocomplete=\"one-time-code\">"
            "<div class=\"row\"><button class=\"primary\" name=\"action\" value=\"verify-open\">"
            "Open document</button>"
            "<button name=\"action\" value=\"send-open-code\">Send a new code</button></div>");
  else
    g_string_append (body, "<div class=\"row\"><button class=\"primary\" name=\"action\" "
                           "value=\"send-open-code\">Send verification code</button></div>");
  g_string_append (body, "</form>");

  reply_page (msg, SOUP_STATUS_OK, document->filename, body->str);
}

static void
reply_view_page (SignetSandbox     *self,
                 SoupServerMessage *msg,
                 SandboxDocument   *document,
                 SandboxRequest    *request,
                 const char        *problem)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GDateTime) expires = g_date_time_new_from_unix_utc (request->expires / 1000);
  g_autofree char *expires_text = g_date_time_format (expires, "%Y-%m-%d %H:%M UTC");
  g_autofree char *hidden = hidden_fields (document, request);
  g_autofree char *title = escape (document->filename);
  g_autofree char *name = escape (sandbox_request_rule (request, "guiSignerName"));
  g_autofree char *id = escape (document->id);
  g_autofree char *sr = escape (request->id);
  const char      *kind = NULL;
  int              n_pages = 0;

  if (!has_session (msg, request))
    {
      reply_open_otp_page (msg, document, request, problem);
      return;
    }

  if (request->outcome != NULL)
    {
      reply_message (msg, SOUP_STATUS_OK, document->filename,
                     g_str_equal (request->outcome, "signed")
                       ? "This document has been signed. Thank you."
                       : "Signing this document was cancelled.");
      return;
    }

  if (!g_str_equal (document->state, "tosign"))
    {
      g_string_append_printf (body,
                              "<h1>%s</h1><p class=\"note\">The document is being prepared "
                              "for signing. Reload this page in a moment.</p>",
                              title);
      reply_page (msg, SOUP_STATUS_OK, document->filename, body->str);
      return;
    }

  signet_sandbox_pdf_inspect (document->content, &n_pages, NULL, NULL);
  g_string_append_printf (body, "<h1>%s</h1><p class=\"meta\">%d page%s · open until %s</p>", title,
                          n_pages, n_pages == 1 ? "" : "s", expires_text);
  if (problem != NULL)
    g_string_append_printf (body, "<p class=\"error\" role=\"alert\">%s</p>", problem);

  g_string_append (body, "<section class=\"pages\">");
  for (int i = 0; i < n_pages; i++)
    g_string_append_printf (body,
                            "<figure><img src=\"/viewDocument/page?id=%s&amp;sr=%s&amp;n=%d\" "
                            "alt=\"Page %d of %d\" loading=\"lazy\">"
                            "<figcaption>Page %d of %d</figcaption></figure>",
                            id, sr, i, i + 1, n_pages, i + 1, n_pages);
  g_string_append (body, "</section>");

  g_string_append_printf (body,
                          "<form method=\"post\" action=\"/viewDocument\">%s"
                          "<label for=\"name\">Your name</label>"
                          "<input type=\"text\" id=\"name\" name=\"name\" value=\"%s\" "
                          "maxlength=\"40\" autocomplete=\"name\"%s>",
                          hidden, name,
                          name[0] != '\0'
                              && !sandbox_request_rule_bool (request, "guiRequestSignerName", TRUE)
                            ? " readonly"
                            : "");
  if (otp_target (request, FALSE, &kind) != NULL)
    g_string_append (body, "<label for=\"code\">Verification code</label>"
                           "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
                           "autocomplete=\"one-time-code\">"
                           "<div class=\"row\"><button name=\"action\" value=\"send-sign-code\">"
                           "Send verification code</button></div>");
  g_string_append (body, "<div class=\"row\">"
                         "<button class=\"primary\" name=\"action\" value=\"sign\">Sign</button>"
                         "<button name=\"action\" value=\"cancel\">Cancel</button></div></form>");

  reply_page (msg, SOUP_STATUS_OK, document->filename, body->str);
}

/* Looks up the request and its document from `sr` (and `id`), answering
 * with an error page when they are gone. */
static gboolean
lookup_view (SignetSandbox     *self,
             SoupServerMessage *msg,
             GHashTable        *form,
             SandboxRequest   **request,
             SandboxDocument  **document)
{
  const char *id = form ? g_hash_table_lookup (form, "id") : NULL;
  const char *sr = form ? g_hash_table_lookup (form, "sr") : NULL;

  *request = sr != NULL ? signet_sandbox_lookup_request (self, sr)
                        : (id != NULL ? signet_sandbox_current_request (self, id) : NULL);
  *document
    = *request != NULL ? g_hash_table_lookup (self->documents, (*request)->document_id) : NULL;

  if (*request == NULL || *document == NULL || (id != NULL && !g_str_equal (id, (*document)->id)))
    {
      reply_message (msg, SOUP_STATUS_NOT_FOUND, "Document not found",
                     "This document does not exist or was deleted.");
      return FALSE;
    }
  if (signet_sandbox_request_expired (self, *request))
    {
      reply_message (msg, SOUP_STATUS_BAD_REQUEST, "Request expired",
                     "This signature request has expired. Ask the sender for a new one.");
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
query_of (SoupServerMessage *msg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  return query != NULL ? soup_form_decode (query) : NULL;
}

typedef struct
{
  SoupServerMessage *msg;
  char              *lang;
} BrowserFinish;

static void
browser_finished_cb (SignetSandbox  *self,
                     SandboxRequest *request,
                     const GError   *error,
                     gpointer        user_data)
{
  BrowserFinish *finish = user_data;

  if (error != NULL)
    reply_message (finish->msg, SOUP_STATUS_CONFLICT, "Cannot finish", error->message);
  else
    {
      g_autofree char *location
        = signet_sandbox_result_location (self, request, request->outcome, finish->lang);

      signet_sandbox_redirect (finish->msg, SOUP_STATUS_SEE_OTHER, location);
    }

  soup_server_message_unpause (finish->msg);
  g_object_unref (finish->msg);
  g_free (finish->lang);
  g_free (finish);
}

/* The browser's language for `lang` (§6 E6): the first of Accept-Language. */
static char *
browser_language (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Accept-Language");
  gsize       len;

  if (header == NULL)
    return g_strdup ("en");
  len = strcspn (header, ",;- ");
  if (len == 0 || len > 8)
    return g_strdup ("en");
  return g_ascii_strdown (header, len);
}

static void
handle_view_post (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr (GHashTable) form = soup_form_decode (text);
  const char      *action = g_hash_table_lookup (form, "action");
  const char      *problem = NULL;
  SandboxRequest  *request;
  SandboxDocument *document;
  const char      *kind;

  if (!lookup_view (self, msg, form, &request, &document))
    return;

  if (g_strcmp0 (action, "send-open-code") == 0 && otp_target (request, TRUE, &kind) != NULL)
    {
      send_code (self, request, TRUE);
      reply_open_otp_page (msg, document, request, NULL);
      return;
    }

  if (g_strcmp0 (action, "verify-open") == 0 && otp_target (request, TRUE, &kind) != NULL)
    {
      g_autofree char *location = NULL;
      g_autofree char *header = NULL;

      if (!check_code (self, request, request->open_code, g_hash_table_lookup (form, "code"),
                       &problem))
        {
          reply_open_otp_page (msg, document, request, problem);
          return;
        }

      g_free (request->session_token);
      request->session_token = g_uuid_string_random ();
      g_clear_pointer (&request->open_code, g_free);
      signet_sandbox_changed (self);

      /* No Domain: the browser may call us 127.0.0.1 or localhost. */
      header = g_strdup_printf (SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax",
                                request->session_token);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                   header);
      location = g_strdup_printf ("/viewDocument?id=%s&sr=%s", document->id, request->id);
      signet_sandbox_redirect (msg, SOUP_STATUS_SEE_OTHER, location);
      return;
    }

  if (!has_session (msg, request))
    {
      reply_open_otp_page (msg, document, request,
                           "Open the document with a verification code first.");
      return;
    }

  if (g_strcmp0 (action, "send-sign-code") == 0 && otp_target (request, FALSE, &kind) != NULL)
    {
      send_code (self, request, FALSE);
      reply_view_page (self, msg, document, request,
                       "We sent you a verification code. Type it in and press Sign.");
      return;
    }

  if (g_strcmp0 (action, "sign") == 0 || g_strcmp0 (action, "cancel") == 0)
    {
      gboolean         sign = g_str_equal (action, "sign");
      g_autofree char *name = g_strstrip (g_strdup (
        g_hash_table_lookup (form, "name") != NULL ? g_hash_table_lookup (form, "name") : ""));
      BrowserFinish   *finish;

      if (request->outcome != NULL || !g_str_equal (document->state, "tosign"))
        {
          reply_view_page (self, msg, document, request, NULL);
          return;
        }
      if (sign && name[0] == '\0')
        {
          reply_view_page (self, msg, document, request, "Type your name to sign.");
          return;
        }
      if (sign && g_utf8_strlen (name, -1) > 40)
        {
          reply_view_page (self, msg, document, request,
                           "The name can have at most 40 characters.");
          return;
        }
      if (sign && otp_target (request, FALSE, &kind) != NULL
          && !check_code (self, request, request->sign_code, g_hash_table_lookup (form, "code"),
                          &problem))
        {
          reply_view_page (self, msg, document, request, problem);
          return;
        }

      finish = g_new0 (BrowserFinish, 1);
      finish->msg = g_object_ref (msg);
      finish->lang = browser_language (msg);
      soup_server_message_pause (msg);
      signet_sandbox_finish_request (self, request, sign, name, browser_finished_cb, finish);
      return;
    }

  reply_view_page (self, msg, document, request, NULL);
}

typedef struct
{
  SoupServerMessage *msg;
} RenderData;

static void
render_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GBytes *content = g_object_get_data (G_OBJECT (task), "content");
  int     n = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "page"));
  GError *error = NULL;
  GBytes *png;

  png = signet_sandbox_pdf_render_page_png (content, n, PAGE_WIDTH_PX, &error);
  signet_sandbox_task_return_bytes (task, png, error);
}

static void
render_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GError) error = NULL;

  png = g_task_propagate_pointer (G_TASK (result), &error);
  if (png == NULL)
    reply_message (msg, SOUP_STATUS_NOT_FOUND, "Page not found", error->message);
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "image/png", NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                    "private, max-age=60");
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), png);
    }

  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

/* GET /viewDocument/page?id=…&sr=…&n=… — one page as PNG, rendered off the
 * main thread. */
static void
handle_page_image (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (GHashTable) query = query_of (msg);
  g_autoptr (GTask) task = NULL;
  SandboxRequest  *request;
  SandboxDocument *document;
  const char      *n;
  gint64           page_index;

  if (!lookup_view (self, msg, query, &request, &document))
    return;
  if (!has_session (msg, request))
    {
      reply_message (msg, SOUP_STATUS_FORBIDDEN, "Protected",
                     "Open the document with a verification code first.");
      return;
    }
  n = g_hash_table_lookup (query, "n");
  if (n == NULL || !g_ascii_string_to_signed (n, 10, 0, 9999, &page_index, NULL))
    {
      reply_message (msg, SOUP_STATUS_BAD_REQUEST, "Bad page", "No such page.");
      return;
    }

  task = g_task_new (self, self->cancellable, render_done_cb, g_object_ref (msg));
  g_task_set_source_tag (task, handle_page_image);
  g_object_set_data_full (G_OBJECT (task), "content", g_bytes_ref (document->content),
                          (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "page", GINT_TO_POINTER ((int) page_index));
  soup_server_message_pause (msg);
  g_task_run_in_thread (task, render_thread);
}

static void
handle_thank_you (SignetSandbox *self, SoupServerMessage *msg)
{
  g_autoptr (GHashTable) query = query_of (msg);
  const char *result = query ? g_hash_table_lookup (query, "result") : NULL;

  if (g_strcmp0 (result, "close") == 0)
    reply_message (msg, SOUP_STATUS_OK, "Signing cancelled",
                   "You cancelled signing. The sender has been told.");
  else
    reply_message (msg, SOUP_STATUS_OK, "Thank you",
                   "The document has been signed. You can close this page.");
}

/**
 * signet_sandbox_handle_signer: (skip)
 *
 * Serves the browser's side: `/openDocument/{id}` (E4), `/viewDocument`,
 * its page images and form, `/thankYouPage.html` and `/{id}`, the form of
 * the signing URL that E11 answers with (§19.9).
 */
void
signet_sandbox_handle_signer (SignetSandbox *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_has_prefix (path, "/openDocument/") && method == SOUP_METHOD_GET)
    {
      SandboxRequest *request
        = signet_sandbox_lookup_request (self, path + strlen ("/openDocument/"));
      g_autofree char *location = NULL;

      if (request == NULL || signet_sandbox_request_expired (self, request)
          || !g_hash_table_contains (self->documents, request->document_id))
        {
          reply_message (msg, SOUP_STATUS_BAD_REQUEST, "Invalid signature request",
                         "This signature request does not exist or has expired.");
          return;
        }

      location = g_strdup_printf ("%s/viewDocument?id=%s&sr=%s", self->base_url,
                                  request->document_id, request->id);
      signet_sandbox_redirect (msg, SOUP_STATUS_FOUND, location);
    }
  else if (g_str_equal (path, "/viewDocument") && method == SOUP_METHOD_GET)
    {
      g_autoptr (GHashTable) query = query_of (msg);
      SandboxRequest  *request;
      SandboxDocument *document;

      if (lookup_view (self, msg, query, &request, &document))
        reply_view_page (self, msg, document, request, NULL);
    }
  else if (g_str_equal (path, "/viewDocument") && method == SOUP_METHOD_POST)
    handle_view_post (self, msg);
  else if (g_str_equal (path, "/viewDocument/page") && method == SOUP_METHOD_GET)
    handle_page_image (self, msg);
  else if (g_str_equal (path, "/thankYouPage.html") && method == SOUP_METHOD_GET)
    handle_thank_you (self, msg);
  else if (method == SOUP_METHOD_GET && strchr (path + 1, '/') == NULL
           && signet_sandbox_lookup_request (self, path + 1) != NULL)
    {
      g_autofree char *location = g_strdup_printf ("%s/openDocument%s", self->base_url, path);

      signet_sandbox_redirect (msg, SOUP_STATUS_FOUND, location);
    }
  else if (g_str_equal (path, "/") && method == SOUP_METHOD_GET)
    reply_message (msg, SOUP_STATUS_OK, "OKdokument sandbox",
                   "A simulator of the OKdokument API for Signet. See docs/sandbox.md.");
  else
    reply_message (msg, SOUP_STATUS_NOT_FOUND, "Not found", "There is nothing here.");
}
