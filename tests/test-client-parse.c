/* test-client-parse.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's pieces that need no server: reading every documented shape
 * of the answers, mapping errors, building request bodies and streaming
 * base64.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "signet-body-stream-private.h"
#include "signet-client-private.h"
#include "signet-client.h"
#include "signet-enums.h"
#include "signet-error.h"
#include "signet-json-private.h"
#include "signet-signature-request-private.h"

static JsonNode *
parse_text (const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  JsonNode *root = signet_json_parse (bytes, &error);

  g_assert_no_error (error);
  return root;
}

static JsonNode *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return parse_text (contents);
}

typedef gpointer (*ParseObject) (JsonObject *object, GError **error);

/* Each body must be refused as an unexpected answer, never accepted. */
static void
assert_all_unexpected (const char *const *bodies, gsize n_bodies, ParseObject parse)
{
  for (gsize i = 0; i < n_bodies; i++)
    {
      g_autoptr (JsonNode) root = parse_text (bodies[i]);
      g_autoptr (GError) error = NULL;
      gpointer result;

      result = parse (json_node_get_object (root), &error);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE);
      g_assert_null (result);
    }
}

static void
assert_date (GDateTime *date, const char *expected_utc)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (date);
  utc = g_date_time_to_utc (date);
  text = g_date_time_format_iso8601 (utc);
  g_assert_cmpstr (text, ==, expected_utc);
}

static void
test_document_info_metadata (void)
{
  g_autoptr (JsonNode) root = parse_fixture ("document-metadata.json");
  g_autoptr (SignetDocumentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = signet_document_info_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_id (info), ==,
                   "y7Ki_u1mrUwijfb-o_S1JiphSsoXya8iypH380F");
  g_assert_cmpstr (signet_document_info_get_filename (info), ==,
                   "cec00479-5669-491d-ae52-47d3b690efd7.pdf");
  g_assert_cmpint (signet_document_info_get_state (info), ==, SIGNET_DOCUMENT_STATE_TOSIGN);
  g_assert_null (signet_document_info_get_url (info));
  /* `date` wins over `number`; milliseconds are kept. */
  assert_date (signet_document_info_get_created (info), "2022-06-21T12:30:44.472000Z");
  /* The reference's own example: local time in Bratislava (CEST). */
  assert_date (signet_document_info_get_modified (info), "2022-06-21T12:30:44Z");
}

static void
test_document_info_list_variants (void)
{
  g_autoptr (JsonNode) root = parse_fixture ("list-flat.json");
  JsonArray *array = json_node_get_array (root);
  g_autoptr (SignetDocumentInfo) first = NULL;
  g_autoptr (SignetDocumentInfo) second = NULL;
  g_autoptr (SignetDocumentInfo) third = NULL;
  g_autoptr (GError) error = NULL;

  first = signet_document_info_new_from_json (json_array_get_object_element (array, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_document_info_get_group (first), ==, "api_user");
  g_assert_cmpstr (
    signet_document_info_get_url (first), ==,
    "https://apidev.okdokument.com/rest/document/y7Ki_u1mrUwijfb-o_S1JiphSsoXya8iypH380F");
  assert_date (signet_document_info_get_modified (first), "2022-06-01T12:11:40Z");

  /* The connector's old name of `tags`; `number` as the only date. */
  second = signet_document_info_new_from_json (json_array_get_object_element (array, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_document_info_get_state (second), ==, SIGNET_DOCUMENT_STATE_TAGS);
  assert_date (signet_document_info_get_created (second), "2022-06-21T12:30:44.463000Z");
  g_assert_null (signet_document_info_get_modified (second));

  /* An unknown state is kept by name; ISO 8601 and digit strings parse. */
  third = signet_document_info_new_from_json (json_array_get_object_element (array, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_document_info_get_state (third), ==, SIGNET_DOCUMENT_STATE_UNKNOWN);
  g_assert_cmpstr (signet_document_info_get_state_name (third), ==, "archived-by-magic");
  assert_date (signet_document_info_get_created (third), "2022-06-21T12:30:44.472000Z");
  assert_date (signet_document_info_get_modified (third), "2022-06-21T12:30:44Z");
  g_assert_null (signet_document_info_get_filename (third));
}

static void
test_document_info_wrong_types (void)
{
  const char *const bodies[] = {
    "{}",
    "{\"id\": 42}",
    "{\"id\": \"\"}",
    "{\"id\": \"a\", \"state\": 3}",
    "{\"id\": \"a\", \"filename\": [\"x\"]}",
    "{\"id\": \"a\", \"date\": \"yesterday\"}",
    "{\"id\": \"a\", \"date\": -5}",
    "{\"id\": \"a\", \"modification\": true}",
    "{\"id\": \"a\", \"url\": {}}",
    /* json-glib reads "\246" as an octal byte: text that is not UTF-8. */
    "{\"id\": \"a\", \"filename\": \"Zmluva\\246.pdf\"}",
  };

  assert_all_unexpected (bodies, G_N_ELEMENTS (bodies),
                         (ParseObject) signet_document_info_new_from_json);

  {
    /* null is the same as missing. */
    g_autoptr (JsonNode) root = parse_text ("{\"id\": \"a\", \"filename\": null, \"state\": null}");
    g_autoptr (SignetDocumentInfo) info = NULL;
    g_autoptr (GError) error = NULL;

    info = signet_document_info_new_from_json (json_node_get_object (root), &error);
    g_assert_no_error (error);
    g_assert_null (signet_document_info_get_filename (info));
    g_assert_cmpint (signet_document_info_get_state (info), ==, SIGNET_DOCUMENT_STATE_UNKNOWN);
  }
}

static void
test_document_state_names (void)
{
  const struct
  {
    const char         *name;
    SignetDocumentState state;
  } states[] = {
    { "tags", SIGNET_DOCUMENT_STATE_TAGS },
    { "tostamp", SIGNET_DOCUMENT_STATE_TOSTAMP },
    { "tosign", SIGNET_DOCUMENT_STATE_TOSIGN },
    { "signed", SIGNET_DOCUMENT_STATE_SIGNED },
    { "canceled", SIGNET_DOCUMENT_STATE_CANCELED },
    { "errorsendinfo", SIGNET_DOCUMENT_STATE_ERRORSENDINFO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_assert_cmpint (signet_document_state_from_string (states[i].name), ==, states[i].state);
      g_assert_cmpstr (signet_document_state_to_string (states[i].state), ==, states[i].name);
    }
  g_assert_cmpint (signet_document_state_from_string ("tosgin"), ==, SIGNET_DOCUMENT_STATE_UNKNOWN);
  g_assert_cmpint (signet_document_state_from_string (NULL), ==, SIGNET_DOCUMENT_STATE_UNKNOWN);
  g_assert_null (signet_document_state_to_string (SIGNET_DOCUMENT_STATE_UNKNOWN));
}

static void
test_counter (void)
{
  g_autoptr (JsonNode) root = parse_fixture ("counter.json");
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;
  const SignetCounterMonth *history;
  guint                     n_months;

  counter = signet_counter_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_counter_get_account (counter), ==, "abc");
  g_assert_cmpint (signet_counter_get_available (counter), ==, 35);
  g_assert_cmpint (signet_counter_get_used (counter), ==, 45);
  g_assert_cmpint (signet_counter_get_stored (counter), ==, 45);
  g_assert_cmpint (signet_counter_get_downloaded (counter), ==, 39);
  g_assert_cmpint (signet_counter_get_deleted (counter), ==, 40);

  history = signet_counter_get_history (counter, &n_months);
  g_assert_cmpuint (n_months, ==, 2);
  g_assert_cmpint (history[0].year, ==, 2021);
  g_assert_cmpint (history[0].month, ==, 12);
  g_assert_cmpint (history[0].signature_requests, ==, 3);
  g_assert_cmpint (history[0].files, ==, -1);
  g_assert_cmpint (history[1].year, ==, 2022);
  g_assert_cmpint (history[1].month, ==, 5);
  g_assert_cmpint (history[1].signature_requests, ==, 22);
  g_assert_cmpint (history[1].files, ==, 22);
  g_assert_cmpint (history[1].downloaded, ==, 20);
  g_assert_cmpint (history[1].deleted, ==, 15);
}

static void
test_counter_wrong_types (void)
{
  const char *const bodies[] = {
    "{}",
    "{\"actual\": []}",
    "{\"actual\": {\"abc.availableSignatureRequests\": \"many\"}}",
    "{\"actual\": {\"abc.usedSignatureRequests\": true}}",
    "{\"actual\": {}, \"files\": {\"2022.5.abc\": \"x\"}}",
    "{\"actual\": {}, \"downloaded\": \"20\"}",
  };

  assert_all_unexpected (bodies, G_N_ELEMENTS (bodies), (ParseObject) signet_counter_new_from_json);
}

static void
test_malformed_json (void)
{
  const char *const bodies[] = { "", "{\"message\": ", "<html>", "\xff\xfe{}" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (bodies[i], strlen (bodies[i]));
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GError) error = NULL;

      root = signet_json_parse (bytes, &error);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE);
      g_assert_null (root);
    }
}

static void assert_no_code (const char *message, guint status, const char *body);

static void
test_http_errors (void)
{
  const struct
  {
    guint       status;
    const char *body;
    int         code;
    const char *in_message;
  } cases[] = {
    { 401, NULL, SIGNET_ERROR_NOT_AUTHORIZED, NULL },
    { 403, "{\"message\": \"err.forbidden\", \"value\": \"\"}", SIGNET_ERROR_FORBIDDEN, NULL },
    { 403, "{\"message\": \"err.signature.request.limit.exceeded\", \"value\": \"0\"}",
      SIGNET_ERROR_QUOTA_EXHAUSTED, NULL },
    { 402, NULL, SIGNET_ERROR_QUOTA_EXHAUSTED, NULL },
    { 404, "{\"message\": \"err.not.found\", \"value\": \"doc\"}", SIGNET_ERROR_NOT_FOUND, NULL },
    { 400, "{\"message\": \"err.signature.request.not.exist\", \"value\": \"32f8\"}",
      SIGNET_ERROR_NOT_FOUND, NULL },
    { 409,
      "{\"code\": \"CONFLICT\", \"message\": \"err.signature.request.id.exists\", "
      "\"result\": \"1d58\", \"statusCode\": 409, \"success\": false}",
      SIGNET_ERROR_CONFLICT, NULL },
    { 413, NULL, SIGNET_ERROR_FILE_TOO_LARGE, NULL },
    { 400, "{\"message\": \"err.document.too.large\", \"value\": \"12000000\"}",
      SIGNET_ERROR_FILE_TOO_LARGE, NULL },
    { 400, "{\"message\": \"err.document.encrypted\", \"value\": \"\"}",
      SIGNET_ERROR_FILE_ENCRYPTED, NULL },
    { 400, "{\"message\": \"err.invalid.document\", \"value\": \"\"}", SIGNET_ERROR_FILE_UNREADABLE,
      NULL },
    /* The offending field, from either style, by the editor's name for it. */
    { 400, "{\"message\": \"err.invalid.parameter\", \"value\": \"expirationTime\"}",
      SIGNET_ERROR_INVALID_INPUT, "“Link Expires After”" },
    { 400,
      "{\"code\": \"BAD_REQUEST\", \"message\": \"err.invalid.url\", \"result\": \"resulturl\", "
      "\"statusCode\": 400, \"success\": false}",
      SIGNET_ERROR_INVALID_INPUT, "“Page Shown After Signing”" },
    { 400, "{\"message\": \"err.invalid.rules\", \"value\": \"signOtpPhone\"}",
      SIGNET_ERROR_INVALID_INPUT, "“Phone Number for the Code”" },
    /* An e-mail address never goes into the message (it would be logged). */
    { 400, "{\"message\": \"err.invalid.rules\", \"value\": \"jana@example.com\"}",
      SIGNET_ERROR_INVALID_INPUT, "e-mail addresses" },
    { 400, "{\"message\": \"err.invalid.rules\", \"value\": \"\"}", SIGNET_ERROR_INVALID_INPUT,
      "e-mail addresses" },
    { 400, "not json", SIGNET_ERROR_INVALID_INPUT, "OKdokument administrator" },
    /* No status number: it means nothing at the desk. */
    { 500, "<html>oops</html>", SIGNET_ERROR_SERVER_ERROR, "Try again later" },
    { 503, NULL, SIGNET_ERROR_SERVER_ERROR, "Try again later" },
    { 429, NULL, SIGNET_ERROR_SERVER_ERROR, NULL },
    { 405, "{\"message\": \"err.method.not.allowed\"}", SIGNET_ERROR_UNEXPECTED_RESPONSE, NULL },
    { 302, NULL, SIGNET_ERROR_UNEXPECTED_RESPONSE, "the API key was not sent there" },
    { 307, NULL, SIGNET_ERROR_UNEXPECTED_RESPONSE, "the API key was not sent there" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) body = NULL;
      g_autoptr (GError) error = NULL;

      if (cases[i].body != NULL)
        {
          g_autoptr (GBytes) bytes = g_bytes_new (cases[i].body, strlen (cases[i].body));

          body = signet_json_parse (bytes, NULL);
        }
      signet_client_set_http_error (cases[i].status, body, &error);
      g_test_message ("HTTP %u: %s", cases[i].status, error->message);
      g_assert_error (error, SIGNET_ERROR, cases[i].code);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].in_message));
      assert_no_code (error->message, cases[i].status, cases[i].body);
    }
}

/* A message shows no key, no status and no value of the answer. */
static void
assert_no_code (const char *message, guint status, const char *body)
{
  g_autofree char *number = g_strdup_printf ("%u", status);

  g_assert_null (strstr (message, "err."));
  g_assert_null (strstr (message, "_"));
  g_assert_null (strstr (message, number));
  if (body != NULL)
    {
      g_assert_null (strstr (message, "@"));
      g_assert_null (strstr (message, "{"));
    }
}

/* The error keys of the reference (okdokument-api.md §4, E7, E10–E12:
 * only these two are documented) and every key of the sandbox's table in
 * docs/sandbox.md, with its status: each becomes a sentence of its own
 * (not the "unknown" one) that says what happened and what to do, and
 * none shows its key. A key nobody documented gets the "unknown"
 * sentence, which says what to try and whom to ask. */
static void
test_every_documented_code (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "sandbox.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) unknown = NULL;
  g_autoptr (GRegex) row
    = g_regex_new ("^\\| ([1-5])(\\d\\d|xx) \\|(.*)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GRegex) key = g_regex_new ("`(err\\.[a-z.]+)`", 0, 0, NULL);
  g_autoptr (GMatchInfo) rows = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) statuses = g_array_new (FALSE, FALSE, sizeof (guint));
  guint status;

  /* The reference's own. */
  g_ptr_array_add (keys, g_strdup ("err.signature.request.not.exist"));
  status = 400;
  g_array_append_val (statuses, status);
  g_ptr_array_add (keys, g_strdup ("err.not.found"));
  status = 404;
  g_array_append_val (statuses, status);

  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_nonnull (text);
  g_regex_match (row, text, 0, &rows);
  for (; g_match_info_matches (rows); g_match_info_next (rows, NULL))
    {
      g_autofree char *hundreds = g_match_info_fetch (rows, 1);
      g_autofree char *rest = g_match_info_fetch (rows, 2);
      g_autofree char *cells = g_match_info_fetch (rows, 3);
      g_autoptr (GMatchInfo) keys_in_row = NULL;

      status = (guint) g_ascii_strtoull (hundreds, NULL, 10) * 100
               + (g_str_equal (rest, "xx") ? 0 : (guint) g_ascii_strtoull (rest, NULL, 10));
      g_regex_match (key, cells, 0, &keys_in_row);
      for (; g_match_info_matches (keys_in_row); g_match_info_next (keys_in_row, NULL))
        {
          g_ptr_array_add (keys, g_match_info_fetch (keys_in_row, 1));
          g_array_append_val (statuses, status);
        }
    }
  /* The table of docs/sandbox.md was found and read. */
  g_assert_cmpuint (keys->len, >, 20);

  signet_client_set_unknown_refusal (&unknown);
  for (guint i = 0; i < keys->len; i++)
    {
      const char      *name = g_ptr_array_index (keys, i);
      g_autofree char *body
        = g_strdup_printf ("{\"message\": \"%s\", \"value\": \"x@example.com\"}", name);
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr (JsonNode) root = signet_json_parse (bytes, NULL);
      g_autoptr (GError) error = NULL;

      status = g_array_index (statuses, guint, i);
      signet_client_set_http_error (status, root, &error);
      g_test_message ("%u %s: %s", status, name, error->message);
      g_assert_true (error->domain == SIGNET_ERROR);
      g_assert_cmpstr (error->message, !=, unknown->message);
      assert_no_code (error->message, status, body);
      /* What happened, then what to do: two sentences at least. */
      g_assert_nonnull (strstr (error->message, ". "));
      g_assert_true (g_str_has_suffix (error->message, "."));
    }

  /* A key nobody documented. */
  {
    const char *body = "{\"message\": \"err.injected\", \"value\": \"\"}";
    g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
    g_autoptr (JsonNode) root = signet_json_parse (bytes, NULL);
    g_autoptr (GError) error = NULL;

    signet_client_set_http_error (400, root, &error);
    g_assert_cmpstr (error->message, ==, unknown->message);
    g_assert_nonnull (strstr (error->message, "administrator"));
    assert_no_code (error->message, 400, body);
  }
}

/* The core's messages reach the person in their language (the domain is
 * bound by the program; here, to the build's catalogues). */
static void
test_errors_translated (gconstpointer data)
{
  const char *const *expected = data;

  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autoptr (GError) error = NULL;

      g_setenv ("LANGUAGE", expected[0], TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      signet_client_set_http_error (401, NULL, &error);
      g_print ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout (expected[1]);
}

static void
test_transport_errors (void)
{
  const struct
  {
    GQuark   domain;
    int      code;
    int      expected;
    gboolean retry;
  } cases[] = {
    { 0, G_IO_ERROR_TIMED_OUT, SIGNET_ERROR_TIMED_OUT, TRUE },
    { 0, G_IO_ERROR_CONNECTION_REFUSED, SIGNET_ERROR_NETWORK_UNREACHABLE, TRUE },
    { 0, G_IO_ERROR_PARTIAL_INPUT, SIGNET_ERROR_NETWORK_UNREACHABLE, TRUE },
    { 0, G_IO_ERROR_BROKEN_PIPE, SIGNET_ERROR_NETWORK_UNREACHABLE, TRUE },
    { 1, G_RESOLVER_ERROR_NOT_FOUND, SIGNET_ERROR_NETWORK_UNREACHABLE, TRUE },
    { 2, G_TLS_ERROR_BAD_CERTIFICATE, SIGNET_ERROR_TLS_FAILURE, FALSE },
    { 3, SOUP_SESSION_ERROR_PARSING, SIGNET_ERROR_UNEXPECTED_RESPONSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domains[] = { G_IO_ERROR, G_RESOLVER_ERROR, G_TLS_ERROR, SOUP_SESSION_ERROR };
      g_autoptr (GError) source
        = g_error_new_literal (domains[cases[i].domain], cases[i].code, "x");
      g_autoptr (GError) error = NULL;

      signet_client_set_transport_error (source, &error);
      g_assert_error (error, SIGNET_ERROR, cases[i].expected);
      g_assert_cmpint (signet_client_is_retryable (error), ==, cases[i].retry);
    }

  {
    g_autoptr (GError) source = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr (GError) error = NULL;

    signet_client_set_transport_error (source, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (signet_client_is_retryable (error));
  }
}

static void
test_connector_success_false (void)
{
  g_autoptr (JsonNode) ok
    = parse_text ("{\"code\": \"SUCCESS\", \"success\": true, \"statusCode\": 200}");
  g_autoptr (JsonNode) failed = parse_text ("{\"code\": \"ERROR\", \"message\": \"err.not.found\", "
                                            "\"success\": false, \"statusCode\": 404}");
  g_autoptr (JsonNode) bad = parse_text ("{\"success\": \"yes\"}");
  g_autoptr (JsonNode) wiki = parse_text ("{\"message\": \"msg.deleted\", \"result\": \"x\"}");
  g_autoptr (GError) error = NULL;

  g_assert_true (signet_client_check_success (ok, &error));
  g_assert_no_error (error);
  g_assert_true (signet_client_check_success (wiki, &error));
  g_assert_no_error (error);
  g_assert_false (signet_client_check_success (failed, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (signet_client_check_success (bad, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE);
}

static void
test_urls (void)
{
  const char *const allowed[] = {
    "https://api.okdokument.com",
    "https://apidev.okdokument.com/",
    "http://127.0.0.1:8080",
    "http://localhost:1234/",
    "http://[::1]:99",
    "HTTP://LOCALHOST",
  };
  const char *const insecure[]
    = { "http://api.okdokument.com", "http://192.168.1.2:8080", "http://127.0.0.1.evil.com" };
  const char *const invalid[]
    = { "api.okdokument.com", "ftp://api.okdokument.com", "", "https://" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (signet_client_url_is_allowed (allowed[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetClient) client = signet_client_new (insecure[i], "key", &error);

      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INSECURE_URL);
      g_assert_null (client);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (signet_client_url_is_allowed (invalid[i], &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
    }
}

static void
test_signing_url (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetClient) client
    = signet_client_new ("https://apidev.okdokument.com/", "key", &error);
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (signet_client_get_base_url (client), ==, "https://apidev.okdokument.com");
  url = signet_client_build_signing_url (client, "1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8");
  g_assert_cmpstr (
    url, ==, "https://apidev.okdokument.com/openDocument/1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8");
}

static void
test_redact (void)
{
  const char      *key = "9668716b6_1f40fc92da2416";
  g_autofree char *header = signet_client_redact ("x-api-key: 9668716b6_1f40fc92da2416", key);
  g_autofree char *other = signet_client_redact ("X-API-Key: something-else", key);
  g_autofree char *inline_key
    = signet_client_redact ("GET /JSON/x?k=9668716b6_1f40fc92da2416 HTTP/1.1", key);
  g_autofree char *plain = signet_client_redact ("Host: 127.0.0.1", key);

  g_assert_cmpstr (header, ==, "x-api-key: [REDACTED]");
  g_assert_cmpstr (other, ==, "X-API-Key: [REDACTED]");
  g_assert_cmpstr (inline_key, ==, "GET /JSON/x?k=[REDACTED] HTTP/1.1");
  g_assert_cmpstr (plain, ==, "Host: 127.0.0.1");
}

static char *
to_string (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_request_json (void)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) other = signet_signature_request_new ();
  g_autoptr (GDateTime) expiration = g_date_time_new_from_unix_utc (1702288000);
  g_autoptr (JsonNode) by_id = NULL;
  g_autoptr (JsonNode) inline_body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *inline_text = NULL;

  /* A fresh UUID each time, so that no two requests share one. */
  g_assert_true (
    g_uuid_string_is_valid (signet_signature_request_get_signature_request_id (request)));
  g_assert_cmpstr (signet_signature_request_get_signature_request_id (request), !=,
                   signet_signature_request_get_signature_request_id (other));

  signet_signature_request_set_signature_request_id (request,
                                                     "1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8");
  signet_signature_request_set_expiration (request, expiration);
  signet_signature_request_set_send_info_url (request, "http://api.okdokument/info");
  signet_signature_request_set_result_url (request, "https://okdokument.com/");
  signet_signature_request_set_rule_boolean (request, "signAnywhereEnabled", FALSE);
  signet_signature_request_set_rule_string (request, "emailTo", "a@example.com");
  signet_signature_request_set_rule_int (request, "guiSignatureNumber", 1);
  signet_signature_request_set_rule_string (request, "emailTo", NULL);
  signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_SIGNATURE, "_SO1_");
  signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_TEXT, "TO_text");
  signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_TEXT, "TC_text");
  signet_signature_request_add_field_value (request, "TC_text", "New value", FALSE);
  signet_signature_request_add_field_value (request, "TO_text", "Locked", TRUE);
  signet_signature_request_add_ignore_required (request, SIGNET_FIELD_TYPE_SIGNATURE);
  signet_signature_request_set_fields_before_signing (request,
                                                      SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY);
  signet_signature_request_set_change_state (request, SIGNET_DOCUMENT_STATE_TOSIGN);
  signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TAGS);

  by_id
    = signet_signature_request_to_json (request, "y7Ki_u1mrUwijfb-o_S1JiphSsoXya8iypH380F", NULL);
  text = to_string (by_id);
  g_assert_cmpstr (
    text, ==,
    "{\"signatureRequestId\":\"1d58a59e-e8f7-4d07-bb99-d3fa39cb58a8\","
    "\"id\":\"y7Ki_u1mrUwijfb-o_S1JiphSsoXya8iypH380F\","
    "\"changeState\":\"tosign\","
    "\"resulturl\":\"https://okdokument.com/\","
    "\"sendInfoURL\":\"http://api.okdokument/info\","
    "\"expirationTime\":\"1702288000000\","
    "\"rules\":{\"signAnywhereEnabled\":false,\"guiSignatureNumber\":1},"
    "\"allowedFields\":{\"TEXT\":[\"TO_text\",\"TC_text\"],\"SIGNATURE\":[\"_SO1_\"]},"
    "\"fieldConfig\":[{\"name\":\"TC_text\",\"value\":\"New value\"},"
    "{\"name\":\"TO_text\",\"value\":\"Locked\",\"readOnly\":true}],"
    "\"ignoreRequired\":[\"SIGNATURE\"],"
    "\"fieldsBeforeSigning\":\"readOnly\"}");

  /* The description stays usable after it was serialised once. */
  signet_signature_request_set_rule_boolean (request, "mouseSignature", FALSE);
  signet_signature_request_set_filename (request, "contract.docx");
  inline_body = signet_signature_request_to_json (request, NULL, "@@");
  inline_text = to_string (inline_body);
  g_assert_nonnull (strstr (inline_text, "\"filedata\":{\"content\":\"@@\",\"state\":\"tags\"}"));
  g_assert_nonnull (strstr (inline_text, "\"filename\":\"contract.docx\""));
  g_assert_nonnull (strstr (inline_text, "\"mouseSignature\":false"));
  g_assert_null (strstr (inline_text, "\"id\""));
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_request_properties (void)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (GFile) file = g_file_new_for_path ("/tmp/contract.pdf");
  g_autoptr (GFile) got = NULL;
  guint notified = 0;

  g_signal_connect (request, "notify::file", G_CALLBACK (count_notify_cb), &notified);

  g_object_set (request, "file", file, NULL);
  g_object_set (request, "file", file, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (request, "file", &got, NULL);
  g_assert_true (got == file);
}

static void
spliced_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The body, read as libsoup reads it (asynchronously, in 8 KiB splices,
 * closing it at the end), or synchronously. */
static char *
read_all (GInputStream *stream, gboolean async)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  if (async)
    {
      g_autoptr (GAsyncResult) result = NULL;

      g_output_stream_splice_async (
        out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
        G_PRIORITY_DEFAULT, NULL, spliced_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_output_stream_splice_finish (out, result, &error);
      g_assert_true (g_input_stream_is_closed (stream));
    }
  else
    g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  {
    gsize size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
    char *data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));

    data = g_realloc (data, size + 1);
    data[size] = '\0';
    return data;
  }
}

static void
test_body_stream (void)
{
  /* Sizes around the multiples of three, of libsoup's 8 KiB reads and of
   * the stream's blocks of 384 KiB (393,216 bytes). */
  const gsize sizes[]
    = { 0, 1, 2, 3, 4, 5, 1000, 8191, 8192, 8193, 65536, 300001, 393215, 393216, 393217, 786434 };
  g_autoptr (GBytes) prefix = g_bytes_new_static ("{\"file\":{\"content\":\"", 20);
  g_autoptr (GBytes) suffix = g_bytes_new_static ("\"}}", 3);

  for (guint i = 0; i < G_N_ELEMENTS (sizes) * 2; i++)
    {
      gsize              size = sizes[i / 2];
      gboolean           async = i % 2;
      g_autofree guchar *data = g_malloc (size + 1);
      g_autoptr (GInputStream) content = NULL;
      g_autoptr (GInputStream) body = NULL;
      g_autoptr (GInputStream) raw = NULL;
      g_autofree char *expected_b64 = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autofree char *got_raw = NULL;

      for (gsize j = 0; j < size; j++)
        data[j] = (guchar) g_random_int ();

      content = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
      body = signet_body_stream_new (content, prefix, TRUE, suffix);
      got = read_all (body, async);
      expected_b64 = g_base64_encode (data, size);
      expected = g_strconcat ("{\"file\":{\"content\":\"", expected_b64, "\"}}", NULL);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpint (signet_body_stream_length (size, prefix, TRUE, suffix), ==,
                       strlen (expected));

      /* Without base64, for multipart. */
      memset (data, 'x', size);
      data[size] = '\0';
      g_clear_object (&content);
      content = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
      raw = signet_body_stream_new (content, prefix, FALSE, suffix);
      got_raw = read_all (raw, async);
      g_assert_cmpint (strlen (got_raw), ==,
                       signet_body_stream_length (size, prefix, FALSE, suffix));
      g_assert_true (g_str_has_prefix (got_raw, "{\"file\":{\"content\":\""));
      g_assert_true (g_str_has_suffix (got_raw, "x\"}}") || size == 0);
    }
}

/* Closed before the end, while the next block is being read, as libsoup
 * does when the connection drops: the close waits for that read, and the
 * content is closed too. */
static void
test_body_stream_close_early (void)
{
  gsize size = 1000000;
  g_autoptr (GBytes) prefix = g_bytes_new_static ("[", 1);
  g_autoptr (GBytes) suffix = g_bytes_new_static ("]", 1);
  g_autoptr (GInputStream) content
    = g_memory_input_stream_new_from_data (g_malloc0 (size), size, g_free);
  g_autoptr (GInputStream) body = signet_body_stream_new (content, prefix, TRUE, suffix);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char buffer[8192];

  g_input_stream_read_async (body, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL, spliced_cb,
                             &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_input_stream_read_finish (body, result, &error), ==, sizeof buffer);
  g_assert_no_error (error);
  g_assert_cmpint (buffer[0], ==, '[');
  g_clear_object (&result);

  g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, spliced_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_input_stream_close_finish (body, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_input_stream_is_closed (content));
}

int
main (int argc, char *argv[])
{
  static const char *const slovak[]
    = { "sk", "*Služba OKdokument neprijala kľúč API. Skontrolujte kľúč v Predvoľbách.*" };
  static const char *const czech[]
    = { "cs", "*Služba OKdokument nepřijala klíč API. Zkontrolujte klíč v Předvolbách.*" };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-parse/document-info/metadata", test_document_info_metadata);
  g_test_add_func ("/client-parse/document-info/list-variants", test_document_info_list_variants);
  g_test_add_func ("/client-parse/document-info/wrong-types", test_document_info_wrong_types);
  g_test_add_func ("/client-parse/document-state/names", test_document_state_names);
  g_test_add_func ("/client-parse/counter/reference", test_counter);
  g_test_add_func ("/client-parse/counter/wrong-types", test_counter_wrong_types);
  g_test_add_func ("/client-parse/malformed-json", test_malformed_json);
  g_test_add_func ("/client-parse/errors/http", test_http_errors);
  g_test_add_func ("/client-parse/errors/transport", test_transport_errors);
  g_test_add_func ("/client-parse/errors/every-documented-code", test_every_documented_code);
  g_test_add_data_func ("/client-parse/errors/translated/sk", slovak, test_errors_translated);
  g_test_add_data_func ("/client-parse/errors/translated/cs", czech, test_errors_translated);
  g_test_add_func ("/client-parse/errors/connector-success-false", test_connector_success_false);
  g_test_add_func ("/client-parse/urls", test_urls);
  g_test_add_func ("/client-parse/signing-url", test_signing_url);
  g_test_add_func ("/client-parse/redact", test_redact);
  g_test_add_func ("/client-parse/request/json", test_request_json);
  g_test_add_func ("/client-parse/request/properties", test_request_properties);
  g_test_add_func ("/client-parse/body-stream", test_body_stream);
  g_test_add_func ("/client-parse/body-stream/close-early", test_body_stream_close_early);

  return g_test_run ();
}
