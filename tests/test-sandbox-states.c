/* test-sandbox-states.c: the document states of §7, multi-round signing,
 * expiry and retention in the sandbox, over loopback HTTP.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-fixture.h"

#include <math.h>

#define DAY_MS    G_GINT64_CONSTANT (86400000)
#define MINUTE_MS G_GINT64_CONSTANT (60000)

#define ADD(path, func)                                                                            \
  g_test_add ("/sandbox/states/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static JsonNode *
sign (Fixture *fx, const char *request_id, const char *name, guint status)
{
  g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", request_id);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);

  return fixture_json (fx, "POST", path, body, status);
}

static void
advance_clock (Fixture *fx, gint64 ms)
{
  g_autofree char *body = g_strdup_printf ("{\"advance\": %" G_GINT64_FORMAT "}", ms);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", "/sandbox/clock", body, 200);

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "now"), >,
                   g_get_real_time () / 1000 + ms - MINUTE_MS);
}

static guint
open_status (Fixture *fx, const char *request_id)
{
  g_autofree char *path = g_strdup_printf ("/openDocument/%s", request_id);
  g_autoptr (Response) response = fixture_send (fx, "GET", path, NULL, NULL, NULL, NULL);

  return response->status;
}

static void
test_tags (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Buyer: _SO1_\nSeller: _SO2_\nWitness: _SC1_");
  g_autofree char *doc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *state = NULL;
  g_autoptr (JsonNode) early = NULL;
  g_autoptr (JsonNode) signed_ = NULL;
  g_autoptr (GBytes) result = NULL;
  double tag_x, tag_top, x, top;

  signet_sandbox_set_processing_delay (fx->sandbox, 1000);
  id = fixture_create_tags (fx,
                            "\"rules\": {\"signAnywhereEnabled\": false}, "
                            "\"allowedFields\": {\"SIGNATURE\": \"_SO2_\"},",
                            pdf, &doc);

  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "tags");
  /* The signer cannot sign a document that is still being prepared. */
  early = sign (fx, id, "Too Early", 400);

  fixture_wait_state (fx, doc, "tosign");
  signed_ = sign (fx, id, "Seller Person", 200);
  g_assert_cmpstr (json_member (signed_, "state"), ==, "signed");

  /* The signature stands in the field made for _SO2_, not elsewhere. */
  result = fixture_download (fx, doc);
  g_assert_true (pdf_find (result, "_SO2_", NULL, &tag_x, &tag_top));
  g_assert_true (pdf_find (result, "Seller Person", NULL, &x, &top));
  g_assert_cmpfloat (fabs (x - tag_x), <, 20);
  g_assert_cmpfloat (top, >, tag_top - 50);
  g_assert_cmpfloat (top, <, tag_top + 10);
}

/* allowedFields as one string with `;`, and as a bare array (§9.4). */
static void
test_allowed_fields_forms (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("One _SO1_\nTwo _SO2_\nThree _SO3_");
  const char *forms[] = { "{\"SIGNATURE\": \"_SO1_;_SO3_\"}", "[\"_SO2_\"]" };
  const guint expected[] = { 2, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *members = g_strdup_printf ("\"rules\": {\"signAnywhereEnabled\": false}, "
                                                  "\"allowedFields\": %s,",
                                                  forms[i]);
      g_autofree char *doc = NULL;
      g_autofree char *id = fixture_create_tags (fx, members, pdf, &doc);
      g_autoptr (JsonNode) signed_ = NULL;
      g_autoptr (GBytes) result = NULL;

      fixture_wait_state (fx, doc, "tosign");
      signed_ = sign (fx, id, "Allowed Signer", 200);
      result = fixture_download (fx, doc);
      g_assert_cmpuint (pdf_count (result, "Allowed Signer"), ==, expected[i]);
    }
}

static void
test_tags_without_field (Fixture *fx, gconstpointer data)
{
  g_autofree char *content = pdf_page_base64 ("No tags here");
  g_autofree char *body = g_strdup_printf ("{\"rules\": \"signAnywhereEnabled-false\", "
                                           "\"filedata\": {\"content\": \"%s\", \"state\": "
                                           "\"preprocessing_tags\"}}",
                                           content);
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", "/JSON/signatureRequest", body, 200);
  g_autoptr (JsonNode) refused = NULL;

  /* The legacy name of the state is accepted. */
  fixture_wait_state (fx, json_member (reply, "documentId"), "tosign");
  /* Nowhere to sign: no field and signing anywhere is off. */
  refused = sign (fx, json_member (reply, "result"), "Nobody", 400);
  g_assert_nonnull (strstr (json_member (refused, "message"), "no signature field"));
}

static void
test_acrofield (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_with_signature_field ("SC_signature");
  g_autofree char *doc = NULL;
  g_autofree char *other_doc = NULL;
  g_autofree char *id = fixture_create (fx,
                                        "\"rules\": {\"signAnywhereEnabled\": false}, "
                                        "\"allowedFields\": {\"SIGNATURE\": [\"SC_signature\"]},",
                                        pdf, &doc);
  g_autofree char *other = fixture_create (fx,
                                           "\"rules\": {\"signAnywhereEnabled\": false}, "
                                           "\"allowedFields\": {\"SIGNATURE\": \"_SO1_\"},",
                                           pdf, &other_doc);
  g_autoptr (JsonNode) signed_ = sign (fx, id, "Field Signer", 200);
  g_autoptr (JsonNode) refused = sign (fx, other, "Wrong Field", 400);
  g_autoptr (GBytes) result = fixture_download (fx, doc);
  double x, top;

  /* The acrofield already in the PDF takes the signature: 842 - 150 = 692. */
  g_assert_true (pdf_find (result, "Please sign in the field", NULL, NULL, NULL));
  g_assert_true (pdf_find (result, "Field Signer", NULL, &x, &top));
  g_assert_cmpfloat (x, >=, 300);
  g_assert_cmpfloat (x, <, 320);
  g_assert_cmpfloat (top, >=, 692);
  g_assert_cmpfloat (top, <, 742);
}

static void
test_tostamp (Fixture *fx, gconstpointer data)
{
  g_autofree char *content = pdf_page_base64 ("Stamp me");
  g_autofree char *body = g_strdup_printf ("{\"filename\": \"s.pdf\", \"state\": \"tostamp\", "
                                           "\"file\": {\"content\": \"%s\"}}",
                                           content);
  g_autoptr (JsonNode) uploaded = NULL;
  g_autoptr (GBytes) stamped = NULL;
  g_autofree char *state = NULL;

  signet_sandbox_set_processing_delay (fx->sandbox, 1000);
  uploaded = fixture_json (fx, "POST", "/JSON/document", body, 200);
  state = fixture_state (fx, json_member (uploaded, "result"));
  g_assert_cmpstr (state, ==, "tostamp");
  fixture_wait_state (fx, json_member (uploaded, "result"), "tosign");

  stamped = fixture_download (fx, json_member (uploaded, "result"));
  g_assert_true (pdf_find (stamped, "OKdokument sandbox stamp", NULL, NULL, NULL));
  g_assert_true (pdf_find (stamped, "Stamp me", NULL, NULL, NULL));
}

static void
test_cancel (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *members = g_strdup_printf ("\"sendInfoURL\": \"%s\",", fx->portal_url);
  g_autofree char *id = fixture_create (fx, members, NULL, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/cancel/%s", id);
  g_autoptr (JsonNode) canceled = fixture_json (fx, "POST", path, NULL, 200);
  g_autoptr (JsonNode) twice = fixture_json (fx, "POST", path, NULL, 409);
  g_autoptr (JsonNode) sign_after = sign (fx, id, "Late", 409);
  g_autofree char *state = fixture_state (fx, doc);

  g_assert_cmpstr (json_member (canceled, "state"), ==, "canceled");
  g_assert_nonnull (strstr (json_member (canceled, "location"), "result=close"));
  g_assert_cmpstr (state, ==, "canceled");
  g_assert_cmpuint (fx->callbacks->len, ==, 1);
  g_assert_cmpstr (json_member (g_ptr_array_index (fx->callbacks, 0), "state"), ==, "canceled");
}

static void
test_mobile (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id
    = fixture_create (fx, "\"resulturl\": \"https://portal.example/done\",", NULL, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/sign/%s", id);
  g_autoptr (JsonNode) signed_
    = fixture_json (fx, "POST", path, "{\"name\": \"On A Phone\", \"mobile\": true}", 200);

  /* Signed on a phone after the QR hand-over: the PC is told result=mobile. */
  g_assert_cmpstr (json_member (signed_, "state"), ==, "signed");
  g_assert_nonnull (strstr (json_member (signed_, "location"), "&result=mobile&"));
}

static void
test_errorsendinfo (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc1 = NULL;
  g_autofree char *doc2 = NULL;
  g_autofree char *members = g_strdup_printf ("\"sendInfoURL\": \"%s\",", fx->portal_url);
  g_autofree char *id1 = fixture_create (fx, members, NULL, &doc1);
  /* Nothing listens on port 1 of loopback. */
  g_autofree char *id2
    = fixture_create (fx, "\"sendInfoURL\": \"http://127.0.0.1:1/info\",", NULL, &doc2);
  g_autoptr (JsonNode) signed1 = NULL;
  g_autoptr (JsonNode) signed2 = NULL;
  g_autofree char *state1 = NULL;
  g_autofree char *state2 = NULL;

  fx->callback_status = 500;
  signed1 = sign (fx, id1, "Eva", 200);
  signed2 = sign (fx, id2, "Eva", 200);
  state1 = fixture_state (fx, doc1);
  state2 = fixture_state (fx, doc2);

  g_assert_cmpuint (fx->callbacks->len, ==, 1);
  g_assert_cmpstr (json_member (signed1, "state"), ==, "errorsendinfo");
  g_assert_cmpstr (state1, ==, "errorsendinfo");
  g_assert_cmpstr (state2, ==, "errorsendinfo");

  /* changeState is the way back (§7.10). */
  {
    g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"changeState\": \"tosign\"}", doc1);
    g_autoptr (JsonNode) next = fixture_json (fx, "POST", "/JSON/signatureRequest", body, 200);
    g_autofree char *state = fixture_state (fx, doc1);

    g_assert_cmpstr (state, ==, "tosign");
  }
}

static void
test_callback_from_rules (Fixture *fx, gconstpointer data)
{
  g_autofree char *members = g_strdup_printf ("\"rules\": {\"sendInfo\": \"%s\", \"resulturl\": "
                                              "\"https://rules.example/done\"},",
                                              fx->portal_url);
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, members, NULL, &doc);
  g_autoptr (JsonNode) signed_ = sign (fx, id, "Eva", 200);

  /* The rules' sendInfo and resulturl act as the top-level members. */
  g_assert_cmpuint (fx->callbacks->len, ==, 1);
  g_assert_cmpstr (json_member (g_ptr_array_index (fx->callbacks, 0), "id"), ==, doc);
  g_assert_true (
    g_str_has_prefix (json_member (signed_, "location"), "https://rules.example/done?"));
}

static void
test_multi_round (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) pdf = make_pdf_page ("Lease\nTenant: _SO1_\nLandlord: _SO2_");
  g_autofree char *doc = NULL;
  g_autofree char *first = fixture_create_tags (fx,
                                                "\"signatureRequestId\": \"round-1\", "
                                                "\"rules\": {\"signAnywhereEnabled\": false}, "
                                                "\"allowedFields\": {\"SIGNATURE\": \"_SO1_\"},",
                                                pdf, &doc);
  g_autofree char *round2_without
    = g_strdup_printf ("{\"signatureRequestId\": \"round-2\", \"id\": \"%s\", "
                       "\"allowedFields\": {\"SIGNATURE\": \"_SO2_\"}}",
                       doc);
  g_autofree char *round2_reused
    = g_strdup_printf ("{\"signatureRequestId\": \"round-1\", \"id\": \"%s\", "
                       "\"changeState\": \"tosign\"}",
                       doc);
  g_autofree char *round2_bad
    = g_strdup_printf ("{\"id\": \"%s\", \"changeState\": \"signed\"}", doc);
  g_autofree char *round2
    = g_strdup_printf ("{\"signatureRequestId\": \"round-2\", \"id\": \"%s\", "
                       "\"changeState\": \"tosign\", "
                       "\"rules\": {\"signAnywhereEnabled\": false}, "
                       "\"allowedFields\": {\"SIGNATURE\": [\"_SO2_\"]}}",
                       doc);
  g_autoptr (JsonNode) signed1 = NULL;
  g_autoptr (JsonNode) refused = NULL;
  g_autoptr (JsonNode) reused = NULL;
  g_autoptr (JsonNode) bad = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (JsonNode) signed2 = NULL;
  g_autoptr (JsonNode) old_round = NULL;
  g_autoptr (GBytes) middle = NULL;
  g_autoptr (GBytes) final = NULL;
  g_autofree char *state = NULL;
  double           tenant_top, landlord_top, alice_top, bob_top;

  fixture_wait_state (fx, doc, "tosign");
  signed1 = sign (fx, "round-1", "Alice Tenant", 200);
  g_assert_cmpstr (json_member (signed1, "state"), ==, "signed");
  middle = fixture_download (fx, doc);
  g_assert_true (pdf_find (middle, "Alice Tenant", NULL, NULL, NULL));
  g_assert_false (pdf_find (middle, "Bob Landlord", NULL, NULL, NULL));

  /* A signed document needs changeState for the next round, and a new id. */
  refused = fixture_json (fx, "POST", "/JSON/signatureRequest", round2_without, 400);
  g_assert_cmpstr (json_member (refused, "message"), ==, "err.invalid.state");
  reused = fixture_json (fx, "POST", "/JSON/signatureRequest", round2_reused, 409);
  g_assert_cmpstr (json_member (reused, "message"), ==, "err.signature.request.id.exists");
  bad = fixture_json (fx, "POST", "/JSON/signatureRequest", round2_bad, 400);
  g_assert_cmpstr (json_member (bad, "message"), ==, "err.invalid.state");

  second = fixture_json (fx, "POST", "/JSON/signatureRequest", round2, 200);
  g_assert_cmpstr (json_member (second, "documentId"), ==, doc);
  state = fixture_state (fx, doc);
  g_assert_cmpstr (state, ==, "tosign");
  /* The first round is over. */
  old_round = sign (fx, "round-1", "Alice Again", 409);

  signed2 = sign (fx, "round-2", "Bob Landlord", 200);
  g_assert_cmpstr (json_member (signed2, "state"), ==, "signed");

  final = fixture_download (fx, doc);
  g_assert_true (pdf_find (final, "_SO1_", NULL, NULL, &tenant_top));
  g_assert_true (pdf_find (final, "_SO2_", NULL, NULL, &landlord_top));
  g_assert_true (pdf_find (final, "Alice Tenant", NULL, NULL, &alice_top));
  g_assert_true (pdf_find (final, "Bob Landlord", NULL, NULL, &bob_top));
  g_assert_false (pdf_find (final, "Alice Again", NULL, NULL, NULL));
  g_assert_cmpfloat (fabs (alice_top - tenant_top), <, 50);
  g_assert_cmpfloat (fabs (bob_top - landlord_top), <, 50);
  g_assert_cmpfloat (alice_top, <, bob_top);
}

static void
test_canceled_reopens (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", NULL, &doc);
  g_autofree char *path = g_strdup_printf ("/sandbox/cancel/%s", id);
  g_autoptr (JsonNode) canceled = fixture_json (fx, "POST", path, NULL, 200);
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"changeState\": \"tosign\"}", doc);
  g_autoptr (JsonNode) next = fixture_json (fx, "POST", "/JSON/signatureRequest", body, 200);
  g_autofree char *state = fixture_state (fx, doc);
  g_autoptr (JsonNode) signed_ = sign (fx, json_member (next, "result"), "Second Try", 200);

  g_assert_cmpstr (state, ==, "tosign");
  g_assert_cmpstr (json_member (signed_, "state"), ==, "signed");
}

static void
test_expiry_default (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", NULL, &doc);
  g_autoptr (JsonNode) expired = NULL;

  advance_clock (fx, DAY_MS - MINUTE_MS);
  g_assert_cmpuint (open_status (fx, id), ==, 302);
  advance_clock (fx, 2 * MINUTE_MS);
  g_assert_cmpuint (open_status (fx, id), ==, 400);
  expired = sign (fx, id, "Too Late", 404);
  g_assert_nonnull (strstr (json_member (expired, "message"), "expired"));
}

static void
test_expiry_custom (Fixture *fx, gconstpointer data)
{
  gint64           in_10_days = g_get_real_time () / 1000 + 10 * DAY_MS;
  g_autofree char *members
    = g_strdup_printf ("\"expirationTime\": \"%" G_GINT64_FORMAT "\",", in_10_days);
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, members, NULL, &doc);

  advance_clock (fx, 10 * DAY_MS - 10 * MINUTE_MS);
  g_assert_cmpuint (open_status (fx, id), ==, 302);
  advance_clock (fx, 20 * MINUTE_MS);
  g_assert_cmpuint (open_status (fx, id), ==, 400);
}

static void
test_retention (Fixture *fx, gconstpointer data)
{
  g_autofree char *signed_doc = NULL;
  g_autofree char *open_doc = NULL;
  g_autofree char *id1 = fixture_create (fx, "", NULL, &signed_doc);
  g_autofree char *id2 = fixture_create (fx, "", NULL, &open_doc);
  g_autoptr (JsonNode) signed_ = sign (fx, id1, "Eva", 200);
  g_autofree char *signed_path = g_strdup_printf ("/JSON/document/metadata/%s", signed_doc);
  g_autofree char *open_path = g_strdup_printf ("/JSON/document/metadata/%s", open_doc);

  /* A signed document goes 10 days after signing... */
  advance_clock (fx, 10 * DAY_MS - MINUTE_MS);
  json_node_unref (fixture_json (fx, "GET", signed_path, NULL, 200));
  advance_clock (fx, 2 * MINUTE_MS);
  json_node_unref (fixture_json (fx, "GET", signed_path, NULL, 404));

  /* ...an unsigned one 30 days after upload. */
  json_node_unref (fixture_json (fx, "GET", open_path, NULL, 200));
  advance_clock (fx, 20 * DAY_MS);
  json_node_unref (fixture_json (fx, "GET", open_path, NULL, 404));
}

static void
test_retention_configurable (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autofree char *id = fixture_create (fx, "", NULL, &doc);
  g_autofree char *path = g_strdup_printf ("/JSON/document/metadata/%s", doc);

  signet_sandbox_set_unsigned_retention (fx->sandbox, 60);
  advance_clock (fx, 45 * DAY_MS);
  json_node_unref (fixture_json (fx, "GET", path, NULL, 200));
  advance_clock (fx, 15 * DAY_MS);
  json_node_unref (fixture_json (fx, "GET", path, NULL, 404));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("tags", test_tags);
  ADD ("allowed-fields-forms", test_allowed_fields_forms);
  ADD ("tags-without-field", test_tags_without_field);
  ADD ("acrofield", test_acrofield);
  ADD ("tostamp", test_tostamp);
  ADD ("cancel", test_cancel);
  ADD ("mobile", test_mobile);
  ADD ("errorsendinfo", test_errorsendinfo);
  ADD ("callback-from-rules", test_callback_from_rules);
  ADD ("multi-round", test_multi_round);
  ADD ("canceled-reopens", test_canceled_reopens);
  ADD ("expiry/default", test_expiry_default);
  ADD ("expiry/custom", test_expiry_custom);
  ADD ("retention", test_retention);
  ADD ("retention/configurable", test_retention_configurable);

  return g_test_run ();
}
