/* test-request-rounds.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request description turned into the E1 bodies of its rounds: every
 * option as the sandbox receives it over loopback, and two rounds through
 * SignetSync without anyone touching anything between them.
 */

#include "config.h"

#include "journal-util.h"
#include "request-util.h"
#include "signet-request-rounds.h"
#include "signet-sync.h"

/* {{{ Helpers */

/* What the sandbox received for a signature request. */
static JsonNode *
received (Fixture *fx, const char *signature_request_id)
{
  g_autofree char *path = g_strdup_printf ("/sandbox/requests/%s", signature_request_id);

  return fixture_json (fx, "GET", path, NULL, 200);
}

static JsonObject *
request_of (JsonNode *node)
{
  return json_object_get_object_member (json_node_get_object (node), "request");
}

static JsonObject *
rules_of (JsonNode *node)
{
  return json_object_get_object_member (request_of (node), "rules");
}

static const char *
rule_string (JsonNode *node, const char *rule)
{
  return json_object_get_string_member_with_default (rules_of (node), rule, NULL);
}

static gboolean
rule_boolean (JsonNode *node, const char *rule, gboolean unset)
{
  return json_object_get_boolean_member_with_default (rules_of (node), rule, unset);
}

static char *
strings_of (JsonArray *array)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            json_array_get_string_element (array, i));
  return g_strdup (text->str);
}

static char *
allowed_signatures (JsonNode *node)
{
  JsonObject *allowed;

  if (!json_object_has_member (request_of (node), "allowedFields"))
    return NULL;
  allowed = json_object_get_object_member (request_of (node), "allowedFields");
  return strings_of (json_object_get_array_member (allowed, "SIGNATURE"));
}

/* Sends the first round of @spec for @name straight through the client;
 * returns what the sandbox received, and the document's id. */
static JsonNode *
send_first (JournalFixture *jf, SignetRequestSpec *spec, const char *name, char **document_id)
{
  g_autoptr (GFile) file = test_file (name);
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GError) error = NULL;

  rounds = signet_request_spec_build_rounds (spec, file, name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds->len, ==, signet_request_spec_get_n_rounds (spec));
  signet_client_create_signature_request_async (jf->client, g_ptr_array_index (rounds, 0),
                                                SIGNET_CREATE_FLAGS_NONE, NULL, result_cb, &result);
  created = signet_client_create_signature_request_finish (jf->client, wait_for (&result), &error);
  g_assert_no_error (error);
  if (document_id != NULL)
    *document_id = g_strdup (signet_created_request_get_document_id (created));
  return received (&jf->sandbox, signet_created_request_get_signature_request_id (created));
}

/* Sends the first round of @spec, in which only @field is signed; checks
 * that the body allows that field alone and not signing anywhere. */
static JsonNode *
send_first_signing (JournalFixture    *jf,
                    SignetRequestSpec *spec,
                    SignetInspection  *inspection,
                    const char        *name,
                    const char        *field,
                    char             **document_id)
{
  JsonNode        *sent;
  g_autofree char *allowed = NULL;

  signet_round_spec_set_fields (signet_request_spec_get_round (spec, 0),
                                (const char *const[]){ field, NULL });
  assert_valid (spec, inspection);
  sent = send_first (jf, spec, name, document_id);
  allowed = allowed_signatures (sent);
  g_assert_cmpstr (allowed, ==, field);
  g_assert_false (rule_boolean (sent, "signAnywhereEnabled", TRUE));
  return sent;
}

/* Hours between creation and expiry, as the sandbox keeps them. */
static double
lifetime_hours (JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);

  return (json_object_get_int_member (object, "expires")
          - json_object_get_int_member (object, "created"))
         / 3600000.0;
}

/* }}} */
/* {{{ Every option, as the sandbox receives it */

/* Defaults, anywhere: nothing but sign-anywhere, the language and 24 h. */
static void
test_map_plain (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autofree char *document_id = NULL;
  g_autofree char *state = NULL;
  g_autoptr (JsonNode) sent = send_first (jf, spec, "simple.pdf", &document_id);
  JsonObject *request = request_of (sent);

  g_assert_true (rule_boolean (sent, "signAnywhereEnabled", FALSE));
  g_assert_cmpstr (rule_string (sent, "lang"), ==, "sk");
  g_assert_cmpuint (json_object_get_size (rules_of (sent)), ==, 2);
  g_assert_null (allowed_signatures (sent));
  g_assert_cmpstr (json_object_get_string_member (request, "filename"), ==, "simple.pdf");
  g_assert_true (json_object_has_member (request, "expirationTime"));
  g_assert_false (json_object_has_member (request, "changeState"));
  g_assert_false (json_object_has_member (request, "fieldConfig"));
  g_assert_false (json_object_has_member (request, "resulturl"));
  g_assert_cmpfloat_with_epsilon (lifetime_hours (sent), 24, 0.1);
  state = fixture_state (&jf->sandbox, document_id);
  g_assert_cmpstr (state, ==, "tosign");
}

/* Fields mode: only that round's field, no sign-anywhere; the form field
 * values, what happens to the form fields, required types ignored. */
static void
test_map_fields (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetInspection) inspection = inspect ("fields.pdf");
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (inspection);
  g_autoptr (SignetFieldValue) value = NULL;
  g_autoptr (JsonNode) sent = NULL;
  g_autofree char *ignored = NULL;
  JsonObject      *config;

  value = g_list_model_get_item (signet_request_spec_get_field_values (spec), 0);
  signet_field_value_set_value (value, "Jana Nováková");
  signet_field_value_set_read_only (value, TRUE);
  signet_request_spec_set_fields_before_signing (spec, SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
  signet_request_spec_set_ignore_required (spec, SIGNET_FIELD_TYPE_FLAGS_TEXT
                                                   | SIGNET_FIELD_TYPE_FLAGS_SIGNATURE);
  sent = send_first_signing (jf, spec, inspection, "fields.pdf", "SC_signature", NULL);
  config = json_array_get_object_element (
    json_object_get_array_member (request_of (sent), "fieldConfig"), 0);
  g_assert_cmpstr (json_object_get_string_member (config, "name"), ==, "TO_text");
  g_assert_cmpstr (json_object_get_string_member (config, "value"), ==, "Jana Nováková");
  g_assert_true (json_object_get_boolean_member (config, "readOnly"));
  g_assert_cmpstr (json_object_get_string_member (request_of (sent), "fieldsBeforeSigning"), ==,
                   "keep");
  ignored = strings_of (json_object_get_array_member (request_of (sent), "ignoreRequired"));
  g_assert_cmpstr (ignored, ==, "TEXT,SIGNATURE");
}

/* Tags mode: the service turns the tags into fields (state tags, then
 * tosign); a stamp goes as state tostamp. */
static void
test_map_tags_and_stamp (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetInspection) inspection = inspect ("tags.pdf");
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (inspection);
  g_autoptr (JsonNode) sent = NULL;
  g_autoptr (JsonNode) stamped = NULL;
  g_autofree char *document_id = NULL;
  g_autofree char *state = NULL;

  sent = send_first_signing (jf, spec, inspection, "tags.pdf", "_SC1_", &document_id);
  fixture_wait_state (&jf->sandbox, document_id, "tosign");

  g_clear_object (&spec);
  g_clear_pointer (&document_id, g_free);
  spec = signet_request_spec_new ();
  signet_request_spec_set_stamp_before_signing (spec, TRUE);
  stamped = send_first (jf, spec, "simple.pdf", &document_id);
  state = fixture_state (&jf->sandbox, document_id);
  /* The stamp is being put in, or already is. */
  g_assert_true (g_str_equal (state, "tostamp") || g_str_equal (state, "tosign"));
  fixture_wait_state (&jf->sandbox, document_id, "tosign");
}

/* The invitation: signer, sender, message, language, reminders, the signed
 * copy; the sandbox's outbox shows the e-mail going out. */
static void
test_map_email (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  SignetRoundSpec *round = signet_request_spec_get_round (spec, 0);
  g_autoptr (JsonNode) sent = NULL;
  g_autoptr (JsonNode) outbox = NULL;

  signet_round_spec_set_signer_email (round, "jana@example.sk");
  signet_round_spec_set_signer_name (round, "Jana Nováková");
  signet_round_spec_set_ask_signer_name (round, TRUE);
  signet_request_spec_set_sender_email (spec, "office@example.sk");
  signet_request_spec_set_sender_name (spec, "Kancelária");
  signet_request_spec_set_message (spec, "Prosím o podpis_zmluvy-dnes.");
  signet_request_spec_set_language (spec, "en");
  signet_request_spec_set_email_reminders (spec, TRUE);
  signet_request_spec_set_final_recipients (spec, "archive@example.sk, boss@example.cz;");
  assert_valid (spec, NULL);

  sent = send_first (jf, spec, "simple.pdf", NULL);
  g_assert_cmpstr (rule_string (sent, "emailTo"), ==, "jana@example.sk");
  g_assert_cmpstr (rule_string (sent, "guiSignerName"), ==, "Jana Nováková");
  g_assert_true (rule_boolean (sent, "guiRequestSignerName", FALSE));
  g_assert_cmpstr (rule_string (sent, "emailFrom"), ==, "office@example.sk");
  g_assert_cmpstr (rule_string (sent, "nameFrom"), ==, "Kancelária");
  g_assert_cmpstr (rule_string (sent, "emailMessage"), ==, "Prosím o podpis_zmluvy-dnes.");
  g_assert_cmpstr (rule_string (sent, "lang"), ==, "en");
  g_assert_true (rule_boolean (sent, "emailNotification", FALSE));
  g_assert_cmpstr (rule_string (sent, "emailFinal"), ==,
                   "archive@example.sk;boss@example.cz;jana@example.sk");

  outbox = fixture_json (&jf->sandbox, "GET", "/sandbox/outbox", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (outbox)), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (outbox), 0), "to"),
                   ==, "jana@example.sk");
}

/* One-time codes: by e-mail (the signer's address or another one) and by
 * SMS (spaces dropped), to open and to sign. */
static void
test_map_otp (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetInspection) inspection = inspect ("fields.pdf");
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (inspection);
  SignetRoundSpec *round = signet_request_spec_get_round (spec, 0);
  g_autoptr (JsonNode) sent = NULL;
  g_autoptr (JsonNode) other = NULL;

  signet_request_spec_set_sender_email (spec, "office@example.sk");
  signet_round_spec_set_signer_email (round, "jana@example.sk");
  signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_SMS);
  signet_round_spec_set_phone (round, "+421 905 123 456");
  signet_round_spec_set_open_code (round, "1234");
  assert_valid (spec, inspection);
  sent = send_first (jf, spec, "fields.pdf", NULL);
  g_assert_cmpstr (rule_string (sent, "openOtpCode"), ==, "1234");
  g_assert_null (rule_string (sent, "signOtpCode"));
  g_assert_cmpstr (rule_string (sent, "openOtpEmail"), ==, "jana@example.sk");
  g_assert_cmpstr (rule_string (sent, "signOtpPhone"), ==, "+421905123456");
  g_assert_null (rule_string (sent, "openOtpPhone"));
  g_assert_null (rule_string (sent, "signOtpEmail"));

  signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_SMS);
  signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  signet_round_spec_set_otp_email (round, "codes@example.sk");
  signet_round_spec_set_open_code (round, NULL);
  signet_round_spec_set_sign_code (round, "56789012");
  assert_valid (spec, inspection);
  other = send_first (jf, spec, "fields.pdf", NULL);
  g_assert_null (rule_string (other, "openOtpCode"));
  g_assert_cmpstr (rule_string (other, "signOtpCode"), ==, "56789012");
  g_assert_cmpstr (rule_string (other, "openOtpPhone"), ==, "+421905123456");
  g_assert_cmpstr (rule_string (other, "signOtpEmail"), ==, "codes@example.sk");
}

/* The signing page: no mouse, no QR hand-over, the page after signing,
 * the GUI switches, the date format; the longest expiry. */
static void
test_map_signing_page (JournalFixture *jf, gconstpointer data)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (JsonNode) sent = NULL;

  signet_request_spec_set_no_mouse_signing (spec, TRUE);
  signet_request_spec_set_qr_handover (spec, FALSE);
  signet_request_spec_set_result_url (spec, "https://example.sk/thanks");
  signet_request_spec_set_auto_submit (spec, TRUE);
  signet_request_spec_set_one_button (spec, TRUE);
  signet_request_spec_set_open_signature (spec, TRUE);
  signet_request_spec_set_read_required (spec, TRUE);
  signet_request_spec_set_signer_date_format (spec, "dd.MM.yyyy HH:mm");
  signet_request_spec_set_expiry_hours (spec, SIGNET_REQUEST_MAX_EXPIRY_HOURS);
  signet_request_spec_set_auto_envelope_submit (spec, TRUE);
  signet_request_spec_set_expiry_notification (spec, TRUE);
  signet_request_spec_set_signature_number (spec, 2);
  assert_valid (spec, NULL);

  sent = send_first (jf, spec, "simple.pdf", NULL);
  g_assert_false (rule_boolean (sent, "mouseSignature", TRUE));
  g_assert_false (rule_boolean (sent, "guiRemoteQRCodeEnabled", TRUE));
  g_assert_true (rule_boolean (sent, "guiAutoSubmit", FALSE));
  g_assert_true (rule_boolean (sent, "guiOneButton", FALSE));
  g_assert_true (rule_boolean (sent, "guiOpenSignature", FALSE));
  g_assert_true (rule_boolean (sent, "guiReadRequired", FALSE));
  g_assert_cmpstr (rule_string (sent, "guiSignerDate"), ==, "dd.MM.yyyy HH:mm");
  g_assert_true (rule_boolean (sent, "guiAutoEnvelopeSubmit", FALSE));
  g_assert_true (rule_boolean (sent, "notificationExpiration", FALSE));
  g_assert_cmpint (json_object_get_int_member (rules_of (sent), "guiSignatureNumber"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (request_of (sent), "resulturl"), ==,
                   "https://example.sk/thanks");
  g_assert_cmpfloat_with_epsilon (lifetime_hours (sent), 240, 0.1);
}

/* }}} */
/* {{{ Through SignetSync */

/* The tracker looks every 50 ms, so that a round signed in the sandbox is
 * seen at once. */
static void
sync_set_up (SyncFixture *sf, gconstpointer data)
{
  sync_fixture_set_up (sf, data);
  g_object_set (signet_sync_get_tracker (sf->sync), "interval", 50, NULL);
}

static SignetDocument *
send_spec (SyncFixture *sf, SignetRequestSpec *spec, const char *name)
{
  g_autoptr (GFile) file = test_file (name);
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GAsyncResult) sent = NULL;
  g_autoptr (GError) error = NULL;
  SignetDocument *document;

  rounds = signet_request_spec_build_rounds (spec, file, name, &error);
  g_assert_no_error (error);
  signet_sync_send_async (sf->sync, (SignetSignatureRequest *const *) rounds->pdata, rounds->len,
                          NULL, result_cb, &sent);
  document = signet_sync_send_finish (sf->sync, wait_for (&sent), &error);
  g_assert_no_error (error);
  return document;
}

static void
sign (SyncFixture *sf, SignetDocument *document)
{
  g_autofree char *path
    = g_strdup_printf ("/sandbox/sign/%s", signet_document_get_signature_request_id (document));
  g_autoptr (JsonNode) reply = fixture_json (&sf->jf.sandbox, "POST", path, "{}", 200);
}

/* Two signers one after another in the fields of fields.pdf: round 1
 * signed through the sandbox's controls, round 2 created by the tracker
 * and the outbox with changeState, its own field, a new id, the same
 * document, the whole expiry again and the signed copy for both. */
static void
test_rounds (SyncFixture *sf, gconstpointer data)
{
  g_autoptr (SignetInspection) inspection = inspect ("fields.pdf");
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (inspection);
  SignetRoundSpec *first = signet_request_spec_get_round (spec, 0);
  SignetRoundSpec *second = signet_request_spec_add_round (spec);
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (JsonNode) round1 = NULL;
  g_autoptr (JsonNode) round2 = NULL;
  g_autoptr (SignetFieldValue) value = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *document_id = NULL;
  g_autofree char *allowed1 = NULL;
  g_autofree char *allowed2 = NULL;

  signet_request_spec_set_sender_email (spec, "office@example.sk");
  signet_request_spec_set_expiry_hours (spec, 48);
  value = g_list_model_get_item (signet_request_spec_get_field_values (spec), 0);
  signet_field_value_set_value (value, "Zmluva 42");
  g_object_set (first, "signer-name", "Jana", "signer-email", "jana@example.sk", "fields",
                (const char *const[]){ "SC_signature", NULL }, NULL);
  g_object_set (second, "signer-name", "Peter", "signer-email", "peter@example.sk", "fields",
                (const char *const[]){ "SO_witness", NULL }, NULL);
  assert_valid (spec, inspection);

  document = send_spec (sf, spec, "fields.pdf");
  g_assert_cmpuint (signet_document_get_n_rounds (document), ==, 2);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  first_id = g_strdup (signet_document_get_signature_request_id (document));
  document_id = g_strdup (signet_document_get_document_id (document));
  round1 = received (&sf->jf.sandbox, first_id);
  allowed1 = allowed_signatures (round1);
  g_assert_cmpstr (allowed1, ==, "SC_signature");
  g_assert_cmpstr (rule_string (round1, "guiSignerName"), ==, "Jana");
  g_assert_true (json_object_has_member (request_of (round1), "fieldConfig"));
  g_assert_false (json_object_has_member (request_of (round1), "changeState"));
  g_assert_null (rule_string (round1, "emailFinal"));

  sign (sf, document);
  while (signet_document_get_round (document) != 1)
    g_main_context_iteration (NULL, TRUE);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  g_assert_cmpstr (signet_document_get_signature_request_id (document), !=, first_id);
  g_assert_cmpstr (signet_document_get_document_id (document), ==, document_id);

  round2 = received (&sf->jf.sandbox, signet_document_get_signature_request_id (document));
  g_assert_cmpstr (json_object_get_string_member (request_of (round2), "changeState"), ==,
                   "tosign");
  g_assert_cmpstr (json_object_get_string_member (request_of (round2), "id"), ==, document_id);
  allowed2 = allowed_signatures (round2);
  g_assert_cmpstr (allowed2, ==, "SO_witness");
  g_assert_cmpstr (rule_string (round2, "guiSignerName"), ==, "Peter");
  g_assert_cmpstr (rule_string (round2, "emailTo"), ==, "peter@example.sk");
  g_assert_cmpstr (rule_string (round2, "emailFinal"), ==, "jana@example.sk;peter@example.sk");
  g_assert_false (json_object_has_member (request_of (round2), "fieldConfig"));
  g_assert_cmpfloat_with_epsilon (lifetime_hours (round2), 48, 0.1);

  sign (sf, document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 10);
  g_assert_cmpint (sandbox_count (&sf->jf.sandbox, "usedSignatureRequests"), ==, 2);
}

/* }}} */

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/request-rounds/map/plain", JournalFixture, NULL, journal_fixture_set_up,
              test_map_plain, journal_fixture_tear_down);
  g_test_add ("/request-rounds/map/fields", JournalFixture, NULL, journal_fixture_set_up,
              test_map_fields, journal_fixture_tear_down);
  g_test_add ("/request-rounds/map/tags-and-stamp", JournalFixture, NULL, journal_fixture_set_up,
              test_map_tags_and_stamp, journal_fixture_tear_down);
  g_test_add ("/request-rounds/map/email", JournalFixture, NULL, journal_fixture_set_up,
              test_map_email, journal_fixture_tear_down);
  g_test_add ("/request-rounds/map/otp", JournalFixture, NULL, journal_fixture_set_up, test_map_otp,
              journal_fixture_tear_down);
  g_test_add ("/request-rounds/map/signing-page", JournalFixture, NULL, journal_fixture_set_up,
              test_map_signing_page, journal_fixture_tear_down);
  g_test_add ("/request-rounds/two-rounds", SyncFixture, NULL, sync_set_up, test_rounds,
              sync_fixture_tear_down);

  return g_test_run ();
}
