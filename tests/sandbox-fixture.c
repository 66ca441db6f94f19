/* sandbox-fixture.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-fixture.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <poppler.h>

/* Every wait of the tests ends after this many seconds with a failure,
 * times SIGNET_TEST_TIMEOUT_MULTIPLIER (docs/testing.md). */
#define TIMEOUT_SECONDS 10

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static void
portal_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *type;

  type
    = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (type, ==, "application/json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  g_ptr_array_add (fx->callbacks, json_node_ref (json_parser_get_root (parser)));
  soup_server_message_set_status (msg, fx->callback_status, NULL);
}

void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;

  fx->sandbox = signet_sandbox_new ();
  signet_sandbox_add_api_key (fx->sandbox, TEST_KEY, FALSE);
  signet_sandbox_add_api_key (fx->sandbox, TEST_READ_ONLY_KEY, TRUE);
  signet_sandbox_set_controls_enabled (fx->sandbox, TRUE);
  signet_sandbox_set_processing_delay (fx->sandbox, 50);
  signet_sandbox_listen (fx->sandbox, 0, &error);
  g_assert_no_error (error);
  fx->base = signet_sandbox_get_base_url (fx->sandbox);

  fx->session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout",
                                               fixture_timeout (TIMEOUT_SECONDS), NULL);

  fx->callback_status = SOUP_STATUS_OK;
  fx->callbacks = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  fx->portal = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->portal, NULL, portal_cb, fx, NULL);
  soup_server_listen_local (fx->portal, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx->portal);
  fx->portal_url
    = g_strdup_printf ("http://127.0.0.1:%d/sendinfo?arg=123456", g_uri_get_port (uris->data));
}

void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  /* End the client's exchanges while the server still answers, and let
   * both sides finish what is in flight before either goes away: freeing
   * a side mid-exchange left libsoup reading into a freed buffer (seen as
   * a rare SIGFPE under load). */
  soup_session_abort (fx->session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fx->session);
  g_clear_object (&fx->sandbox);
  soup_server_disconnect (fx->portal);
  g_clear_object (&fx->portal);
  g_clear_pointer (&fx->portal_url, g_free);
  g_clear_pointer (&fx->callbacks, g_ptr_array_unref);

  /* Let the worker threads' results and closed sockets settle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* @seconds times SIGNET_TEST_TIMEOUT_MULTIPLIER (1 when unset), for a test
 * that runs slower than usual: under valgrind, or on a loaded machine. */
guint
fixture_timeout (guint seconds)
{
  const char *value = g_getenv ("SIGNET_TEST_TIMEOUT_MULTIPLIER");
  guint64     multiplier = value ? g_ascii_strtoull (value, NULL, 10) : 1;

  return seconds * CLAMP (multiplier, 1, 100);
}

/* Runs the main context until *flag is set; fails the test after @seconds
 * (scaled by fixture_timeout()). */
void
fixture_wait (gboolean *flag, guint seconds)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add_seconds (fixture_timeout (seconds), timed_out_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

typedef struct
{
  gboolean done;
  GBytes  *body;
  GError  *error;
} Pending;

static void
sent_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;

  pending->body
    = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &pending->error);
  pending->done = TRUE;
}

/* One HTTP request over loopback; redirects are not followed. */
Response *
fixture_send (Fixture    *fx,
              const char *method,
              const char *path,
              const char *key,
              const char *content_type,
              GBytes     *body,
              const char *cookie)
{
  g_autofree char *url
    = g_str_has_prefix (path, "http") ? g_strdup (path) : g_strconcat (fx->base, path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  Response *response = g_new0 (Response, 1);
  Pending   pending = { 0 };

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (key != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", key);
  if (cookie != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "Cookie", cookie);
  if (fx->accept_language != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "Accept-Language",
                                 fx->accept_language);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  soup_session_send_and_read_async (fx->session, message, G_PRIORITY_DEFAULT, NULL, sent_cb,
                                    &pending);
  fixture_wait (&pending.done, TIMEOUT_SECONDS);

  response->status = soup_message_get_status (message);
  response->body = pending.body;
  response->error = pending.error;
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  return response;
}

char *
response_text (Response *response)
{
  g_assert_no_error (response->error);
  return g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));
}

/* Posts the signer page's form: name/value pairs, NULL-terminated. */
Response *
fixture_post_form (Fixture *fx, const char *cookie, ...)
{
  g_autoptr (GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GBytes) body = NULL;
  const char *name;
  char       *encoded;
  va_list     args;

  va_start (args, cookie);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (form, (gpointer) name, va_arg (args, char *));
  va_end (args);

  encoded = soup_form_encode_hash (form);
  body = g_bytes_new_take (encoded, strlen (encoded));
  return fixture_send (fx, "POST", "/viewDocument", NULL, "application/x-www-form-urlencoded", body,
                       cookie);
}

JsonNode *
response_json (Response *response)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_no_error (response->error);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/json");
  json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                              g_bytes_get_size (response->body), &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* A JSON request with the test key; checks the status, returns the body. */
JsonNode *
fixture_json (Fixture    *fx,
              const char *method,
              const char *path,
              const char *body,
              guint       expected_status)
{
  g_autoptr (GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr (Response) response = NULL;

  response = fixture_send (fx, method, path, TEST_KEY, "application/json", bytes, NULL);
  g_assert_no_error (response->error);
  if (response->status != expected_status)
    g_test_message ("%s %s answered %u: %.*s", method, path, response->status,
                    (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, expected_status);
  return response_json (response);
}

const char *
json_member (JsonNode *node, const char *name)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

char *
base64_of (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *create_in_state (Fixture    *fx,
                              const char *extra_members,
                              GBytes     *pdf,
                              const char *state,
                              char      **document_id);

/* E1 with an inline PDF (a one-page one when @pdf is NULL) and
 * @extra_members ("\"rules\": {…}," or ""); returns the request id. */
char *
fixture_create (Fixture *fx, const char *extra_members, GBytes *pdf, char **document_id)
{
  return create_in_state (fx, extra_members, pdf, "tosign", document_id);
}

/* The same with "state": "tags", so that the tags become signature fields;
 * does not wait for tosign. */
char *
fixture_create_tags (Fixture *fx, const char *extra_members, GBytes *pdf, char **document_id)
{
  return create_in_state (fx, extra_members, pdf, "tags", document_id);
}

static char *
create_in_state (Fixture    *fx,
                 const char *extra_members,
                 GBytes     *pdf,
                 const char *state,
                 char      **document_id)
{
  g_autoptr (GBytes) default_pdf = pdf ? NULL : make_pdf_page ("A contract to sign");
  g_autofree char *content = base64_of (pdf ? pdf : default_pdf);
  g_autofree char *body
    = g_strdup_printf ("{%s \"filedata\": {\"content\": \"%s\", \"filename\": \"contract.pdf\", "
                       "\"state\": \"%s\"}}",
                       extra_members ? extra_members : "", content, state);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", "/JSON/signatureRequest", body, 200);

  g_assert_cmpstr (json_member (reply, "message"), ==, "msg.signature.request.id.created");
  if (document_id != NULL)
    *document_id = g_strdup (json_member (reply, "documentId"));
  return g_strdup (json_member (reply, "result"));
}

char *
fixture_state (Fixture *fx, const char *document_id)
{
  g_autofree char *path = g_strdup_printf ("/JSON/document/metadata/%s", document_id);
  g_autoptr (JsonNode) reply = fixture_json (fx, "GET", path, NULL, 200);

  return g_strdup (json_member (reply, "state"));
}

static gboolean
tick_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Polls the document's state as a client would, every 20 ms. */
void
fixture_wait_state (Fixture *fx, const char *document_id, const char *state)
{
  gint64 deadline = g_get_monotonic_time () + fixture_timeout (TIMEOUT_SECONDS) * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *current = fixture_state (fx, document_id);
      gboolean         tick = FALSE;

      if (g_str_equal (current, state))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_timeout_add (20, tick_cb, &tick);
      fixture_wait (&tick, TIMEOUT_SECONDS);
    }
}

GBytes *
fixture_download (Fixture *fx, const char *document_id)
{
  g_autofree char *path = g_strdup_printf ("/JSON/document/%s", document_id);
  g_autoptr (Response) response = fixture_send (fx, "GET", path, TEST_KEY, NULL, NULL, NULL);

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/pdf");
  return g_bytes_ref (response->body);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An A4 PDF with one page per string; each line of a string ("\n") is
 * written 30 pt below the one before, from 100 pt down. */
GBytes *
make_pdf (const char *const *pages)
{
  GByteArray      *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_auto (GStrv) lines = g_strsplit (pages[i], "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          cairo_move_to (cr, 72, 100 + 30 * l);
          cairo_show_text (cr, lines[l]);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (out);
}

/* A one-page PDF with a signature acrofield @name at x 300–500, y 100–150
 * (from the bottom), written by hand: cairo writes no form fields. */
GBytes *
make_pdf_page (const char *text)
{
  const char *const pages[] = { text, NULL };

  return make_pdf (pages);
}

char *
pdf_page_base64 (const char *text)
{
  g_autoptr (GBytes) pdf = make_pdf_page (text);

  return base64_of (pdf);
}

GBytes *
make_pdf_with_signature_field (const char *name)
{
  static const char stream[] = "BT /F1 14 Tf 72 760 Td (Please sign in the field) Tj ET";
  g_autofree char  *objects[6] = { NULL };
  GString          *pdf = g_string_new ("%PDF-1.7\n");
  gsize             offsets[6];

  objects[0] = g_strdup ("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>");
  objects[1] = g_strdup ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  objects[2] = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] "
                         "/Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>");
  objects[3] = g_strdup_printf ("<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) "
                                "/Rect [300 100 500 150] /F 4 /P 3 0 R >>",
                                name);
  objects[4]
    = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (stream), stream);
  objects[5] = g_strdup ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
      g_free (objects[i]);
      objects[i] = NULL;
    }
  {
    gsize xref = pdf->len;

    g_string_append_printf (pdf, "xref\n0 %zu\n0000000000 65535 f \n", G_N_ELEMENTS (objects) + 1);
    for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
      g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf (pdf, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                            G_N_ELEMENTS (objects) + 1, xref);
  }

  return g_string_free_to_bytes (pdf);
}

static PopplerDocument *
open_pdf (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  return document;
}

int
pdf_n_pages (GBytes *pdf)
{
  g_autoptr (PopplerDocument) document = open_pdf (pdf);

  return poppler_document_get_n_pages (document);
}

char *
pdf_text (GBytes *pdf, int page_index)
{
  g_autoptr (PopplerDocument) document = open_pdf (pdf);
  g_autoptr (PopplerPage) page = poppler_document_get_page (document, page_index);

  g_assert_nonnull (page);
  return poppler_page_get_text (page);
}

/* How often @text stands in the whole PDF, as text. */
guint
pdf_count (GBytes *pdf, const char *text)
{
  g_autoptr (PopplerDocument) document = open_pdf (pdf);
  guint count = 0;

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      GList *matches = poppler_page_find_text (page, text);

      count += g_list_length (matches);
      g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
    }

  return count;
}

/* Finds @text as text (so: vector content, not pixels); @top is measured
 * from the top of the page. */
gboolean
pdf_find (GBytes *pdf, const char *text, int *page_out, double *x, double *top)
{
  g_autoptr (PopplerDocument) document = open_pdf (pdf);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      GList *matches = poppler_page_find_text (page, text);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      if (matches != NULL)
        {
          PopplerRectangle *r = matches->data;

          if (page_out)
            *page_out = i;
          if (x)
            *x = r->x1;
          if (top)
            *top = height - r->y2;
          g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
          return TRUE;
        }
    }

  return FALSE;
}
