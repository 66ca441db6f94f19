/* test-sandbox-signer.c: the signer's browser side of the sandbox, over
 * loopback HTTP, as a browser without JavaScript would use it.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-fixture.h"

#define ADD(path, func)                                                                            \
  g_test_add ("/sandbox/signer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static char *
path_of (Fixture *fx, const char *url)
{
  g_assert_true (g_str_has_prefix (url, fx->base));
  return g_strdup (url + strlen (fx->base));
}

/* GET /openDocument/{id}: the 302 to the viewer, as the browser follows it. */
static char *
open_document (Fixture *fx, const char *request_id)
{
  g_autofree char *path = g_strdup_printf ("/openDocument/%s", request_id);
  g_autoptr (Response) opened = fixture_send (fx, "GET", path, NULL, NULL, NULL, NULL);
  const char *location = soup_message_headers_get_one (opened->headers, "Location");

  g_assert_cmpuint (opened->status, ==, 302);
  g_assert_nonnull (location);
  return path_of (fx, location);
}

static char *
view (Fixture *fx, const char *view_path, const char *cookie)
{
  g_autoptr (Response) page = fixture_send (fx, "GET", view_path, NULL, NULL, NULL, cookie);

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  return response_text (page);
}

static GHashTable *
location_query (Response *response, char **base)
{
  const char *location = soup_message_headers_get_one (response->headers, "Location");
  const char *question;

  g_assert_cmpuint (response->status, ==, 303);
  g_assert_nonnull (location);
  question = strrchr (location, '?');
  g_assert_nonnull (question);
  if (base != NULL)
    *base = g_strndup (location, question - location);
  return soup_form_decode (question + 1);
}

static JsonNode *
outbox_last (Fixture *fx)
{
  g_autoptr (JsonNode) outbox = fixture_json (fx, "GET", "/sandbox/outbox", NULL, 200);
  JsonArray *mails = json_node_get_array (outbox);

  g_assert_cmpuint (json_array_get_length (mails), >, 0);
  return json_node_copy (json_array_get_element (mails, json_array_get_length (mails) - 1));
}

static void
test_flow (Fixture *fx, gconstpointer data)
{
  static const char *const pages[] = { "Purchase contract\nPrice: 100 EUR", "Second page", NULL };
  g_autoptr (GBytes) pdf = make_pdf (pages);
  g_autofree char *members = g_strdup_printf ("\"resulturl\": \"https://portal.example/done?x=1\", "
                                              "\"sendInfoURL\": \"%s\",",
                                              fx->portal_url);
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, members, pdf, &doc);
  g_autofree char *view_path = open_document (fx, id);
  g_autofree char *html = view (fx, view_path, NULL);
  g_autofree char *image = g_strdup_printf ("/viewDocument/page?id=%s&sr=%s&n=1", doc, id);
  g_autofree char *no_image = g_strdup_printf ("/viewDocument/page?id=%s&sr=%s&n=5", doc, id);
  g_autoptr (Response) png = fixture_send (fx, "GET", image, NULL, NULL, NULL, NULL);
  g_autoptr (Response) no_png = fixture_send (fx, "GET", no_image, NULL, NULL, NULL, NULL);
  g_autoptr (Response) nameless = NULL;
  g_autoptr (Response) sign = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (GBytes) signed_pdf = NULL;
  g_autofree char *nameless_html = NULL;
  g_autofree char *state = NULL;
  g_autofree char *base = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_view = g_strdup_printf ("/viewDocument?id=%s&sr=%s", doc, id);
  JsonNode        *callback;

  g_assert_cmpstr (view_path, ==, expected_view);

  /* Plain HTML for a phone: a viewport, the pages, a form, no script. */
  g_assert_nonnull (strstr (html, "<meta name=\"viewport\" content=\"width=device-width"));
  g_assert_nonnull (strstr (html, "alt=\"Page 1 of 2\""));
  g_assert_nonnull (strstr (html, "alt=\"Page 2 of 2\""));
  g_assert_nonnull (strstr (html, "<form method=\"post\" action=\"/viewDocument\">"));
  g_assert_nonnull (strstr (html, "name=\"name\""));
  g_assert_nonnull (strstr (html, "value=\"sign\""));
  g_assert_nonnull (strstr (html, "value=\"cancel\""));
  g_assert_null (strstr (html, "<script"));

  g_assert_cmpuint (png->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (png->headers, NULL), ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (png->body, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (no_png->status, ==, 404);

  /* No name, no signature. */
  nameless
    = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "  ", "action", "sign", NULL);
  nameless_html = response_text (nameless);
  g_assert_cmpuint (nameless->status, ==, 200);
  g_assert_nonnull (strstr (nameless_html, "Type your name to sign."));

  fx->accept_language = "sk-SK,sk;q=0.9,en;q=0.8";
  sign = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "Jana Nováková", "action",
                            "sign", NULL);
  query = location_query (sign, &base);
  g_assert_cmpstr (base, ==, "https://portal.example/done");
  g_assert_cmpstr (g_hash_table_lookup (query, "x"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (query, "name"), ==, "contract");
  g_assert_cmpstr (g_hash_table_lookup (query, "docid"), ==, doc);
  g_assert_cmpstr (g_hash_table_lookup (query, "lang"), ==, "sk");
  g_assert_cmpstr (g_hash_table_lookup (query, "result"), ==, "success");
  g_assert_true (g_regex_match_simple ("^\\d{13}$", g_hash_table_lookup (query, "ts"), 0, 0));

  /* The callback came before the redirect. */
  g_assert_cmpuint (fx->callbacks->len, ==, 1);
  callback = g_ptr_array_index (fx->callbacks, 0);
  g_assert_cmpstr (json_member (callback, "state"), ==, "signed");
  g_assert_cmpstr (json_member (callback, "id"), ==, doc);
  g_assert_cmpstr (json_member (callback, "signatureRequestId"), ==, id);

  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "signed");

  /* The signed PDF: the original text still as text, and the signature. */
  signed_pdf = fixture_download (fx, doc);
  g_assert_cmpint (pdf_n_pages (signed_pdf), ==, 2);
  g_assert_true (pdf_find (signed_pdf, "Purchase contract", NULL, NULL, NULL));
  g_assert_true (pdf_find (signed_pdf, "Second page", NULL, NULL, NULL));
  g_assert_true (pdf_find (signed_pdf, "Jana Nováková", NULL, NULL, NULL));
  g_assert_true (pdf_find (signed_pdf, "Signed ", NULL, NULL, NULL));

  /* Opening it again says it is done. */
  after = view (fx, view_path, NULL);
  g_assert_nonnull (strstr (after, "has been signed"));
  g_assert_null (strstr (after, "value=\"sign\""));
}

static void
test_sign_anywhere_position (Fixture *fx, gconstpointer data)
{
  static const char *const pages[] = { "One", "Two", NULL };
  g_autoptr (GBytes) pdf = make_pdf (pages);
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", pdf, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", id);
  g_autoptr (JsonNode) signed_
    = fixture_json (fx, "POST", path, "{\"name\": \"Peter Novak\"}", 200);
  g_autoptr (GBytes) result = fixture_download (fx, doc);
  double x, top;
  int    page;

  /* Without fields: at the bottom of the last page. */
  g_assert_true (pdf_find (result, "Peter Novak", &page, &x, &top));
  g_assert_cmpint (page, ==, 1);
  g_assert_cmpfloat (top, >, 842 - 100);
  g_assert_cmpfloat (x, <, 100);
}

static void
test_cancel_and_thank_you (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *members = g_strdup_printf ("\"sendInfoURL\": \"%s\",", fx->portal_url);
  g_autofree char *id = fixture_create (fx, members, NULL, &doc);
  g_autoptr (Response) cancel
    = fixture_post_form (fx, NULL, "id", doc, "sr", id, "action", "cancel", NULL);
  g_autofree char *base = NULL;
  g_autoptr (GHashTable) query = location_query (cancel, &base);
  g_autofree char *thanks = g_strdup_printf ("%s/thankYouPage.html", fx->base);
  g_autofree char *state = fixture_state (fx, doc);
  const char      *location = soup_message_headers_get_one (cancel->headers, "Location");
  g_autoptr (Response) page = fixture_send (fx, "GET", location, NULL, NULL, NULL, NULL);
  g_autofree char *html = response_text (page);

  g_assert_cmpstr (base, ==, thanks);
  g_assert_cmpstr (g_hash_table_lookup (query, "result"), ==, "close");
  g_assert_cmpstr (g_hash_table_lookup (query, "lang"), ==, "en");
  g_assert_cmpstr (state, ==, "canceled");
  g_assert_cmpuint (fx->callbacks->len, ==, 1);
  g_assert_cmpstr (json_member (g_ptr_array_index (fx->callbacks, 0), "state"), ==, "canceled");
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (html, "Signing cancelled"));
}

static char *
session_cookie (Response *response)
{
  const char *header = soup_message_headers_get_one (response->headers, "Set-Cookie");
  const char *end;

  g_assert_nonnull (header);
  g_assert_true (g_str_has_prefix (header, "okd_session="));
  end = strchr (header, ';');
  return end ? g_strndup (header, end - header) : g_strdup (header);
}

static void
test_open_otp (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (
    fx, "\"rules\": {\"openOtpEmail\": \"jana.novakova@example.com\"},", NULL, &doc);
  g_autofree char *view_path = open_document (fx, id);
  g_autofree char *html = view (fx, view_path, NULL);
  g_autofree char *image = g_strdup_printf ("/viewDocument/page?id=%s&sr=%s&n=0", doc, id);
  g_autoptr (Response) hidden = fixture_send (fx, "GET", image, NULL, NULL, NULL, NULL);
  g_autoptr (Response) early = NULL;
  g_autoptr (Response) sent = NULL;
  g_autoptr (Response) wrong = NULL;
  g_autoptr (Response) right = NULL;
  g_autoptr (Response) shown = NULL;
  g_autoptr (Response) sign = NULL;
  g_autoptr (JsonNode) mail = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *early_html = NULL;
  g_autofree char *wrong_html = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *state = NULL;
  g_autofree char *bad_code = NULL;

  /* Protected: the code form instead of the pages. */
  g_assert_nonnull (strstr (html, "value=\"send-open-code\""));
  g_assert_nonnull (strstr (html, "j***@example.com"));
  g_assert_null (strstr (html, "jana.novakova@"));
  g_assert_null (strstr (html, "<img"));
  g_assert_cmpuint (hidden->status, ==, 403);

  /* Signing without opening does not work. */
  early = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "Jana", "action", "sign", NULL);
  early_html = response_text (early);
  g_assert_nonnull (strstr (early_html, "Open the document with a verification code first."));

  sent = fixture_post_form (fx, NULL, "id", doc, "sr", id, "action", "send-open-code", NULL);
  g_assert_cmpuint (sent->status, ==, 200);
  mail = outbox_last (fx);
  g_assert_cmpstr (json_member (mail, "type"), ==, "email");
  g_assert_cmpstr (json_member (mail, "to"), ==, "jana.novakova@example.com");
  g_assert_true (g_regex_match_simple ("^\\d{6}$", json_member (mail, "code"), 0, 0));
  g_assert_nonnull (strstr (json_member (mail, "text"), json_member (mail, "code")));

  bad_code = g_strdup_printf ("%06d", (atoi (json_member (mail, "code")) + 1) % 1000000);
  wrong = fixture_post_form (fx, NULL, "id", doc, "sr", id, "code", bad_code, "action",
                             "verify-open", NULL);
  wrong_html = response_text (wrong);
  g_assert_nonnull (strstr (wrong_html, "The verification code is not right."));
  g_assert_null (soup_message_headers_get_one (wrong->headers, "Set-Cookie"));

  right = fixture_post_form (fx, NULL, "id", doc, "sr", id, "code", json_member (mail, "code"),
                             "action", "verify-open", NULL);
  g_assert_cmpuint (right->status, ==, 303);
  cookie = session_cookie (right);

  opened = view (fx, view_path, cookie);
  g_assert_nonnull (strstr (opened, "<img"));
  g_assert_nonnull (strstr (opened, "value=\"sign\""));
  shown = fixture_send (fx, "GET", image, NULL, NULL, NULL, cookie);
  g_assert_cmpuint (shown->status, ==, 200);

  sign
    = fixture_post_form (fx, cookie, "id", doc, "sr", id, "name", "Jana", "action", "sign", NULL);
  query = location_query (sign, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "result"), ==, "success");
  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "signed");
}

static void
test_sign_otp (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id
    = fixture_create (fx,
                      "\"rules\": \"signOtpPhone-+421905123456_guiSignerName-Jana "
                      "Novakova_guiRequestSignerName-false\",",
                      NULL, &doc);
  g_autofree char *view_path = open_document (fx, id);
  g_autofree char *html = view (fx, view_path, NULL);
  g_autoptr (Response) no_code = NULL;
  g_autoptr (Response) sent = NULL;
  g_autoptr (Response) wrong = NULL;
  g_autoptr (Response) sign = NULL;
  g_autoptr (JsonNode) sms = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *no_code_html = NULL;
  g_autofree char *wrong_html = NULL;
  g_autofree char *state = NULL;
  g_autoptr (GBytes) signed_pdf = NULL;

  /* The pages are open; signing asks for a code. The name is given. */
  g_assert_nonnull (strstr (html, "<img"));
  g_assert_nonnull (strstr (html, "value=\"send-sign-code\""));
  g_assert_nonnull (
    strstr (html, "value=\"Jana Novakova\" maxlength=\"40\" autocomplete=\"name\" readonly"));

  no_code = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "Jana Novakova", "action",
                               "sign", NULL);
  no_code_html = response_text (no_code);
  g_assert_nonnull (strstr (no_code_html, "Ask for a verification code first."));

  sent = fixture_post_form (fx, NULL, "id", doc, "sr", id, "action", "send-sign-code", NULL);
  g_assert_cmpuint (sent->status, ==, 200);
  sms = outbox_last (fx);
  g_assert_cmpstr (json_member (sms, "type"), ==, "sms");
  g_assert_cmpstr (json_member (sms, "to"), ==, "+421905123456");

  wrong = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "Jana Novakova", "code", "x",
                             "action", "sign", NULL);
  wrong_html = response_text (wrong);
  g_assert_nonnull (strstr (wrong_html, "The verification code is not right."));
  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "tosign");
  g_clear_pointer (&state, g_free);

  sign = fixture_post_form (fx, NULL, "id", doc, "sr", id, "name", "Jana Novakova", "code",
                            json_member (sms, "code"), "action", "sign", NULL);
  query = location_query (sign, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "result"), ==, "success");
  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "signed");
  signed_pdf = fixture_download (fx, doc);
  g_assert_true (pdf_find (signed_pdf, "Jana Novakova", NULL, NULL, NULL));
}

static void
test_preset_code_and_attempts (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx,
                                        "\"rules\": {\"openOtpPhone\": \"+421905123456\", "
                                        "\"openOtpCode\": \"1234\"},",
                                        NULL, &doc);
  g_autoptr (Response) sent
    = fixture_post_form (fx, NULL, "id", doc, "sr", id, "action", "send-open-code", NULL);
  g_autoptr (JsonNode) sms = outbox_last (fx);
  g_autoptr (Response) locked = NULL;
  g_autofree char *locked_html = NULL;

  g_assert_cmpstr (json_member (sms, "type"), ==, "sms");
  g_assert_cmpstr (json_member (sms, "code"), ==, "1234");

  /* Five wrong codes use the code up; then even the right one is refused. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr (Response) wrong = fixture_post_form (fx, NULL, "id", doc, "sr", id, "code", "0000",
                                                      "action", "verify-open", NULL);

      g_assert_cmpuint (wrong->status, ==, 200);
    }
  locked = fixture_post_form (fx, NULL, "id", doc, "sr", id, "code", "1234", "action",
                              "verify-open", NULL);
  locked_html = response_text (locked);
  g_assert_cmpuint (locked->status, ==, 200);
  g_assert_nonnull (strstr (locked_html, "Too many wrong codes."));
}

static void
test_escapes_html (Fixture *fx, gconstpointer data)
{
  g_autofree char *content = pdf_page_base64 ("Escaping");
  g_autofree char *body
    = g_strdup_printf ("{\"rules\": {\"guiSignerName\": \"\\\"><b>x</b>\"}, "
                       "\"filedata\": {\"filename\": \"<script>alert(1)</script>.pdf\", "
                       "\"content\": \"%s\"}}",
                       content);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", "/JSON/signatureRequest", body, 200);
  g_autofree char *view_path = open_document (fx, json_member (reply, "result"));
  g_autofree char *html = view (fx, view_path, NULL);

  /* The file name and the signer's name are the uploader's text: escaped. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;.pdf"));
  g_assert_nonnull (strstr (html, "value=\"&quot;&gt;&lt;b&gt;x&lt;/b&gt;\""));
}

static void
test_being_prepared (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Prepared _SO1_");
  g_autofree char *doc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *view_path = NULL;
  g_autofree char *early = NULL;
  g_autofree char *ready = NULL;

  signet_sandbox_set_processing_delay (fx->sandbox, 1000);
  id = fixture_create_tags (fx, "", pdf, &doc);
  view_path = open_document (fx, id);
  early = view (fx, view_path, NULL);
  g_assert_nonnull (strstr (early, "being prepared"));
  g_assert_null (strstr (early, "value=\"sign\""));

  fixture_wait_state (fx, doc, "tosign");
  ready = view (fx, view_path, NULL);
  g_assert_nonnull (strstr (ready, "value=\"sign\""));
}

static void
test_invalid_links (Fixture *fx, gconstpointer data)
{
  g_autoptr (Response) unknown
    = fixture_send (fx, "GET", "/openDocument/nope", NULL, NULL, NULL, NULL);
  g_autoptr (Response) view_unknown
    = fixture_send (fx, "GET", "/viewDocument?id=x&sr=nope", NULL, NULL, NULL, NULL);
  g_autoptr (Response) nothing = fixture_send (fx, "GET", "/no/such/page", NULL, NULL, NULL, NULL);

  g_assert_cmpuint (unknown->status, ==, 400);
  g_assert_cmpuint (view_unknown->status, ==, 404);
  g_assert_cmpuint (nothing->status, ==, 404);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("flow", test_flow);
  ADD ("sign-anywhere-position", test_sign_anywhere_position);
  ADD ("cancel-and-thank-you", test_cancel_and_thank_you);
  ADD ("open-otp", test_open_otp);
  ADD ("sign-otp", test_sign_otp);
  ADD ("preset-code-and-attempts", test_preset_code_and_attempts);
  ADD ("invalid-links", test_invalid_links);
  ADD ("escapes-html", test_escapes_html);
  ADD ("being-prepared", test_being_prepared);

  return g_test_run ();
}
