/* test-request-spec.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request description against the sandbox over loopback: every option
 * as the sandbox receives it, what validation and the sandbox refuse, the
 * defaults from the settings, presets (round trip, hostile JSON, the
 * store), the quota check, two rounds through SignetSync without anyone
 * touching anything between them.
 */

#include "config.h"

#include "journal-util.h"
#include "signet-error.h"
#include "signet-pdf-inspector.h"
#include "signet-request-spec.h"
#include "signet-sync.h"

/* {{{ Helpers */

static GFile *
test_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));
}

static SignetInspection *
inspect (const char *name)
{
  g_autoptr (GFile) file = test_file (name);
  g_autoptr (GError) error = NULL;
  SignetInspection *inspection = signet_pdf_inspect_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (inspection);
  return inspection;
}

static gboolean
has_problem (GPtrArray *problems, const char *property, int round)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const SignetSpecProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->property, property) && problem->round == round)
        {
          g_assert_nonnull (problem->message);
          g_assert_cmpuint (strlen (problem->message), >, 10);
          return TRUE;
        }
    }
  return FALSE;
}

static void
assert_valid (SignetRequestSpec *spec, SignetInspection *inspection)
{
  g_autoptr (GPtrArray) problems = signet_request_spec_validate (spec, inspection);

  for (guint i = 0; i < problems->len; i++)
    {
      const SignetSpecProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s (%d): %s", problem->property, problem->round, problem->message);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

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
/* {{{ The description */

static void
test_defaults (void)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  SignetRoundSpec *round;

  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_ANYWHERE);
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (spec), ==, 24);
  g_assert_cmpstr (signet_request_spec_get_language (spec), ==, "sk");
  g_assert_true (signet_request_spec_get_qr_handover (spec));
  g_assert_false (signet_request_spec_get_no_mouse_signing (spec));
  g_assert_false (signet_request_spec_get_stamp_before_signing (spec));
  g_assert_null (signet_request_spec_get_sender_email (spec));
  g_assert_cmpuint (signet_request_spec_get_n_rounds (spec), ==, 1);
  round = signet_request_spec_get_round (spec, 0);
  g_assert_cmpint (signet_round_spec_get_open_otp (round), ==, SIGNET_OTP_CHANNEL_NONE);
  g_assert_cmpstrv (signet_round_spec_get_fields (round), ((const char *const[]){ NULL }));
  g_assert_cmpstrv (
    signet_request_spec_get_languages (),
    ((const char *const[]){ "sk", "cs", "en", "ro", "uk", "pl", "pt", "hu", NULL }));
  assert_valid (spec, NULL);

  /* The settings' defaults change nothing. */
  signet_request_spec_apply_defaults (spec, settings);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_ANYWHERE);
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (spec), ==, 24);
  g_assert_null (signet_request_spec_get_sender_email (spec));

  g_settings_set_string (settings, "default-sender-email", "office@example.sk");
  g_settings_set_string (settings, "default-sender-name", "Kancelária Nováková");
  g_settings_set_string (settings, "default-language", "cs");
  g_settings_set_uint (settings, "default-expiry-hours", 72);
  g_settings_set_enum (settings, "default-signing-mode", 3 /* tags */);
  signet_request_spec_apply_defaults (spec, settings);
  g_assert_cmpstr (signet_request_spec_get_sender_email (spec), ==, "office@example.sk");
  g_assert_cmpstr (signet_request_spec_get_sender_name (spec), ==, "Kancelária Nováková");
  g_assert_cmpstr (signet_request_spec_get_language (spec), ==, "cs");
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (spec), ==, 72);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_TAGS);

  /* "auto" keeps the mode the document suggested. */
  g_settings_reset (settings, "default-signing-mode");
  signet_request_spec_set_signing_mode (spec, SIGNET_SIGNING_MODE_FIELDS);
  signet_request_spec_apply_defaults (spec, settings);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_FIELDS);

  g_settings_reset (settings, "default-sender-email");
  g_settings_reset (settings, "default-sender-name");
  g_settings_reset (settings, "default-language");
  g_settings_reset (settings, "default-expiry-hours");
}

static void
notified_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (pspec->name));
}

static void
test_notify (void)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  SignetRoundSpec *round = signet_request_spec_get_round (spec, 0);

  g_signal_connect (spec, "notify", G_CALLBACK (notified_cb), notified);
  g_signal_connect (round, "notify", G_CALLBACK (notified_cb), notified);
  g_object_set (spec, "sender-email", "a@b.sk", NULL);
  signet_request_spec_set_expiry_hours (spec, 48);
  g_object_set (spec, "sender-email", "a@b.sk", NULL); /* no change, no notify */
  signet_round_spec_set_signer_name (round, "Eva");
  g_object_set (round, "open-otp", SIGNET_OTP_CHANNEL_SMS, NULL);
  signet_request_spec_add_round (spec);
  g_assert_cmpuint (notified->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (notified, 0), ==, "sender-email");
  g_assert_cmpstr (g_ptr_array_index (notified, 1), ==, "expiry-hours");
  g_assert_cmpstr (g_ptr_array_index (notified, 2), ==, "signer-name");
  g_assert_cmpstr (g_ptr_array_index (notified, 3), ==, "open-otp");
  g_assert_cmpstr (g_ptr_array_index (notified, 4), ==, "n-rounds");
  g_signal_handlers_disconnect_by_data (round, notified);
  g_signal_handlers_disconnect_by_data (spec, notified);
}

static void
test_from_inspection (void)
{
  g_autoptr (SignetInspection) fields = inspect ("fields.pdf");
  g_autoptr (SignetInspection) tags = inspect ("tags.pdf");
  g_autoptr (SignetInspection) simple = inspect ("simple.pdf");
  g_autoptr (SignetRequestSpec) spec = NULL;
  g_autoptr (SignetFieldValue) value = NULL;

  spec = signet_request_spec_new_from_inspection (fields);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_FIELDS);
  g_assert_cmpuint (signet_request_spec_get_n_rounds (spec), ==, 1);
  g_assert_cmpstrv (signet_round_spec_get_fields (signet_request_spec_get_round (spec, 0)),
                    ((const char *const[]){ "SC_signature", "SO_witness", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (signet_request_spec_get_field_values (spec)), ==, 1);
  value = g_list_model_get_item (signet_request_spec_get_field_values (spec), 0);
  g_assert_cmpstr (signet_field_value_get_name (value), ==, "TO_text");
  g_assert_cmpstr (signet_field_value_get_value (value), ==, "");
  g_assert_false (signet_field_value_get_read_only (value));
  assert_valid (spec, fields);
  g_clear_object (&spec);

  spec = signet_request_spec_new_from_inspection (tags);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_TAGS);
  g_assert_cmpstrv (signet_round_spec_get_fields (signet_request_spec_get_round (spec, 0)),
                    ((const char *const[]){ "_SC1_", "_SO2_", "_S3_", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (signet_request_spec_get_field_values (spec)), ==, 0);
  assert_valid (spec, tags);
  g_clear_object (&spec);

  spec = signet_request_spec_new_from_inspection (simple);
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_ANYWHERE);
  g_assert_cmpstrv (signet_round_spec_get_fields (signet_request_spec_get_round (spec, 0)),
                    ((const char *const[]){ NULL }));
  assert_valid (spec, simple);
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
  g_autofree char *allowed = NULL;
  g_autofree char *ignored = NULL;
  JsonObject      *config;

  signet_round_spec_set_fields (signet_request_spec_get_round (spec, 0),
                                (const char *const[]){ "SC_signature", NULL });
  value = g_list_model_get_item (signet_request_spec_get_field_values (spec), 0);
  signet_field_value_set_value (value, "Jana Nováková");
  signet_field_value_set_read_only (value, TRUE);
  signet_request_spec_set_fields_before_signing (spec, SIGNET_FIELDS_BEFORE_SIGNING_KEEP);
  signet_request_spec_set_ignore_required (spec, SIGNET_FIELD_TYPE_FLAGS_TEXT
                                                   | SIGNET_FIELD_TYPE_FLAGS_SIGNATURE);
  assert_valid (spec, inspection);

  sent = send_first (jf, spec, "fields.pdf", NULL);
  g_assert_false (rule_boolean (sent, "signAnywhereEnabled", TRUE));
  allowed = allowed_signatures (sent);
  g_assert_cmpstr (allowed, ==, "SC_signature");
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
  g_autofree char *allowed = NULL;
  g_autofree char *state = NULL;

  signet_round_spec_set_fields (signet_request_spec_get_round (spec, 0),
                                (const char *const[]){ "_SC1_", NULL });
  assert_valid (spec, inspection);
  sent = send_first (jf, spec, "tags.pdf", &document_id);
  allowed = allowed_signatures (sent);
  g_assert_cmpstr (allowed, ==, "_SC1_");
  g_assert_false (rule_boolean (sent, "signAnywhereEnabled", TRUE));
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
/* {{{ What is refused */

static void
test_validate (void)
{
  g_autoptr (SignetInspection) fields = inspect ("fields.pdf");
  g_autoptr (SignetInspection) simple = inspect ("simple.pdf");
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (fields);
  SignetRoundSpec *round = signet_request_spec_get_round (spec, 0);
  SignetRoundSpec *second;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GFile) file = test_file ("fields.pdf");
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GError) error = NULL;

  signet_request_spec_set_sender_email (spec, "office@example");
  signet_request_spec_set_final_recipients (spec, "a@example.sk, not-an-address");
  signet_request_spec_set_language (spec, "de");
  signet_request_spec_set_expiry_hours (spec, 241);
  signet_request_spec_set_result_url (spec, "ftp://example.sk/");
  signet_round_spec_set_signer_email (round, "jana@@example.sk");
  signet_round_spec_set_signer_name (round, "Jana Mária Nováková-Horváthová z Horného Kubína");
  signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_SMS);
  signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  signet_round_spec_set_otp_email (round, "x");
  signet_round_spec_set_fields (round, (const char *const[]){ "SC_signature", "Nope", NULL });
  second = signet_request_spec_add_round (spec);
  signet_round_spec_set_phone (second, "0905 123 456");
  signet_round_spec_set_open_code (second, "12a4");
  signet_round_spec_set_sign_code (second, "123");
  signet_round_spec_set_fields (second, (const char *const[]){ "SC_signature", NULL });
  signet_request_spec_add_round (spec);

  problems = signet_request_spec_validate (spec, fields);
  g_assert_true (has_problem (problems, "sender-email", -1));
  g_assert_true (has_problem (problems, "final-recipients", -1));
  g_assert_true (has_problem (problems, "language", -1));
  g_assert_true (has_problem (problems, "expiry-hours", -1));
  g_assert_true (has_problem (problems, "result-url", -1));
  g_assert_true (has_problem (problems, "signer-email", 0));
  g_assert_true (has_problem (problems, "signer-name", 0));
  g_assert_true (has_problem (problems, "phone", 0));     /* SMS without a number */
  g_assert_true (has_problem (problems, "otp-email", 0)); /* not an address */
  g_assert_true (has_problem (problems, "fields", 0));    /* no such field */
  g_assert_true (has_problem (problems, "phone", 1));     /* not international */
  g_assert_true (has_problem (problems, "fields", 1));    /* signed in round 1 already */
  g_assert_true (has_problem (problems, "fields", 2));    /* none */
  g_assert_true (has_problem (problems, "open-code", 1)); /* not digits */
  g_assert_true (has_problem (problems, "sign-code", 1)); /* too short */
  g_assert_cmpuint (problems->len, ==, 15);

  rounds = signet_request_spec_build_rounds (spec, file, "fields.pdf", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  g_assert_null (rounds);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&spec);

  /* The mode against the document, and what the mode allows. */
  spec = signet_request_spec_new_from_inspection (simple);
  round = signet_request_spec_get_round (spec, 0);
  signet_round_spec_set_signer_email (round, "jana@example.sk");
  signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  signet_request_spec_add_round (spec);
  problems = signet_request_spec_validate (spec, simple);
  g_assert_true (has_problem (problems, "sender-email", -1)); /* e-mail without a sender */
  g_assert_true (has_problem (problems, "rounds", -1));       /* rounds need fields */
  g_assert_true (has_problem (problems, "sign-otp", 0));      /* no field to sign */
  g_assert_cmpuint (problems->len, ==, 3);
  g_clear_pointer (&problems, g_ptr_array_unref);

  signet_request_spec_remove_round (spec, 1);
  signet_round_spec_set_sign_otp (round, SIGNET_OTP_CHANNEL_NONE);
  signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_EMAIL);
  signet_round_spec_set_signer_email (round, NULL);
  signet_request_spec_set_signing_mode (spec, SIGNET_SIGNING_MODE_TAGS);
  signet_request_spec_set_stamp_before_signing (spec, TRUE);
  problems = signet_request_spec_validate (spec, simple);
  g_assert_true (has_problem (problems, "signing-mode", -1));         /* no tags */
  g_assert_true (has_problem (problems, "stamp-before-signing", -1)); /* tags and a stamp */
  g_assert_true (has_problem (problems, "otp-email", 0));             /* code by e-mail to nobody */
  g_assert_true (has_problem (problems, "fields", 0));                /* no tag chosen */
  g_assert_cmpuint (problems->len, ==, 4);
  g_clear_pointer (&problems, g_ptr_array_unref);

  signet_request_spec_set_signing_mode (spec, SIGNET_SIGNING_MODE_FIELDS);
  signet_request_spec_set_stamp_before_signing (spec, FALSE);
  signet_round_spec_set_open_otp (round, SIGNET_OTP_CHANNEL_NONE);
  signet_request_spec_set_expiry_hours (spec, 0);
  problems = signet_request_spec_validate (spec, simple);
  g_assert_true (has_problem (problems, "signing-mode", -1)); /* no fields */
  g_assert_true (has_problem (problems, "expiry-hours", -1));
  g_assert_true (has_problem (problems, "fields", 0));
  g_assert_cmpuint (problems->len, ==, 3);
}

/* What the sandbox refuses, as the service would, when a client sends it
 * anyway: 400 err.invalid.rules naming the rule. */
static void
test_sandbox_refuses (JournalFixture *jf, gconstpointer data)
{
  static const struct
  {
    const char *rules;
    const char *value;
  } cases[] = {
    { "\"lang\": \"de\"", "lang" },
    { "\"emailTo\": \"jana@example.sk\"", "emailFrom" },
    { "\"emailTo\": \"jana\", \"emailFrom\": \"office@example.sk\"", "emailTo" },
    { "\"emailFrom\": \"office\"", "emailFrom" },
    { "\"openOtpEmail\": \"nobody\"", "openOtpEmail" },
    { "\"openOtpPhone\": \"0905123456\"", "openOtpPhone" },
    { "\"signOtpPhone\": \"+421 905\"", "signOtpPhone" },
    { "\"emailFinal\": \"a@example.sk;b\"", "emailFinal" },
    { "\"guiSignerName\": \"Jana Mária Nováková-Horváthová z Horného Kubína\"", "guiSignerName" },
  };
  static const char *const pages[] = { "A contract", NULL };
  g_autoptr (GBytes) pdf = make_pdf (pages);
  g_autofree char *content = base64_of (pdf);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"rules\": {%s}, \"filedata\": {\"content\": \"%s\"}}", cases[i].rules, content);
      g_autoptr (JsonNode) reply
        = fixture_json (&jf->sandbox, "POST", "/JSON/signatureRequest", body, 400);

      g_assert_cmpstr (json_member (reply, "message"), ==, "err.invalid.rules");
      g_assert_cmpstr (json_member (reply, "value"), ==, cases[i].value);
    }
  g_assert_cmpint (sandbox_count (&jf->sandbox, "usedSignatureRequests"), ==, 0);
}

/* }}} */
/* {{{ Presets */

static SignetRequestSpec *
full_spec (void)
{
  g_autoptr (SignetInspection) inspection = inspect ("tags.pdf");
  SignetRequestSpec *spec = signet_request_spec_new_from_inspection (inspection);
  SignetRoundSpec   *first = signet_request_spec_get_round (spec, 0);
  SignetRoundSpec   *second = signet_request_spec_add_round (spec);

  g_object_set (
    spec, "sender-email", "office@example.sk", "sender-name", "Kancelária \"Nová\"", "message",
    "Riadok 1\nRiadok 2 – ďakujem", "language", "hu", "final-recipients", "archive@example.sk",
    "email-reminders", TRUE, "expiry-hours", 100, "no-mouse-signing", TRUE, "qr-handover", FALSE,
    "fields-before-signing", SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY, "ignore-required",
    SIGNET_FIELD_TYPE_FLAGS_CHECKBOX | SIGNET_FIELD_TYPE_FLAGS_COMBOBOX, "result-url",
    "https://example.sk/done", "auto-submit", TRUE, "one-button", TRUE, "open-signature", TRUE,
    "read-required", TRUE, "signer-date-format", "dd.MM.yyyy", "auto-envelope-submit", TRUE,
    "expiry-notification", TRUE, "signature-number", 3, NULL);
  g_object_set (first, "open-code", "4321", "signer-name", "Jana", "ask-signer-name", TRUE,
                "signer-email", "jana@example.sk", "open-otp", SIGNET_OTP_CHANNEL_EMAIL, "sign-otp",
                SIGNET_OTP_CHANNEL_SMS, "phone", "+421905123456", "fields",
                (const char *const[]){ "_SC1_", NULL }, NULL);
  g_object_set (second, "signer-email", "peter@example.cz", "otp-email", "codes@example.cz",
                "sign-otp", SIGNET_OTP_CHANNEL_EMAIL, "fields",
                (const char *const[]){ "_SO2_", "_S3_", NULL }, NULL);
  return spec;
}

static void
test_preset_round_trip (void)
{
  g_autoptr (SignetRequestSpec) spec = full_spec ();
  g_autoptr (SignetRequestSpec) read = NULL;
  g_autoptr (SignetRequestSpec) fields = NULL;
  g_autoptr (SignetInspection) inspection = inspect ("fields.pdf");
  g_autoptr (GError) error = NULL;
  g_autofree char *json = signet_request_spec_to_json (spec);
  g_autofree char *again = NULL;
  g_autofree char *fields_json = NULL;

  read = signet_request_spec_new_from_json (json, &error);
  g_assert_no_error (error);
  again = signet_request_spec_to_json (read);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpstr (signet_request_spec_get_message (read), ==, "Riadok 1\nRiadok 2 – ďakujem");
  g_assert_cmpuint (signet_request_spec_get_ignore_required (read), ==,
                    SIGNET_FIELD_TYPE_FLAGS_CHECKBOX | SIGNET_FIELD_TYPE_FLAGS_COMBOBOX);
  g_assert_cmpstrv (signet_round_spec_get_fields (signet_request_spec_get_round (read, 1)),
                    ((const char *const[]){ "_SO2_", "_S3_", NULL }));
  g_assert_cmpint (signet_round_spec_get_sign_otp (signet_request_spec_get_round (read, 0)), ==,
                   SIGNET_OTP_CHANNEL_SMS);
  g_assert_cmpuint (signet_request_spec_get_signature_number (read), ==, 3);
  g_assert_true (signet_request_spec_get_expiry_notification (read));
  g_assert_true (signet_request_spec_get_auto_envelope_submit (read));
  /* A chosen code is for one request only. */
  g_assert_null (strstr (json, "4321"));
  g_assert_null (signet_round_spec_get_open_code (signet_request_spec_get_round (read, 0)));

  /* Fields mode: field names and values belong to the file and stay out;
   * applying the preset keeps the document's. */
  fields = signet_request_spec_new_from_inspection (inspection);
  {
    g_autoptr (SignetFieldValue) value
      = g_list_model_get_item (signet_request_spec_get_field_values (fields), 0);

    signet_field_value_set_value (value, "secret value");
  }
  signet_request_spec_set_sender_email (fields, "office@example.sk");
  fields_json = signet_request_spec_to_json (fields);
  g_assert_null (strstr (fields_json, "SC_signature"));
  g_assert_null (strstr (fields_json, "TO_text"));
  g_assert_null (strstr (fields_json, "secret value"));

  signet_round_spec_set_open_code (signet_request_spec_get_round (fields, 0), "2468");
  g_assert_true (signet_request_spec_apply_json (fields, json, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signet_round_spec_get_open_code (signet_request_spec_get_round (fields, 0)), ==,
                   "2468");
  g_assert_cmpint (signet_request_spec_get_signing_mode (fields), ==, SIGNET_SIGNING_MODE_TAGS);
  g_assert_cmpuint (signet_request_spec_get_n_rounds (fields), ==, 2);
  g_assert_cmpstr (signet_request_spec_get_language (fields), ==, "hu");
  g_assert_cmpuint (g_list_model_get_n_items (signet_request_spec_get_field_values (fields)), ==,
                    1);

  g_clear_object (&spec);
  spec = signet_request_spec_new_from_inspection (inspection);
  g_assert_true (signet_request_spec_apply_json (spec, fields_json, &error));
  g_assert_cmpstrv (signet_round_spec_get_fields (signet_request_spec_get_round (spec, 0)),
                    ((const char *const[]){ "SC_signature", "SO_witness", NULL }));
}

static void
test_preset_hostile (void)
{
  static const char *const bad[] = {
    "",
    "null",
    "[]",
    "\"preset\"",
    "{}",
    "{\"version\": 1}",
    "{\"version\": 2, \"rounds\": [{}]}",
    "{\"version\": \"1\", \"rounds\": [{}]}",
    "{\"version\": 1, \"rounds\": []}",
    "{\"version\": 1, \"rounds\": {}}",
    "{\"version\": 1, \"rounds\": [1]}",
    "{\"version\": 1, \"rounds\": [{}], \"unknown\": true}",
    "{\"version\": 1, \"rounds\": [{\"unknown\": 1}]}",
    "{\"version\": 1, \"rounds\": [{}], \"signingMode\": \"somewhere\"}",
    "{\"version\": 1, \"rounds\": [{}], \"signingMode\": 1}",
    "{\"version\": 1, \"rounds\": [{}], \"expiryHours\": -1}",
    "{\"version\": 1, \"rounds\": [{}], \"expiryHours\": 1.5}",
    "{\"version\": 1, \"rounds\": [{}], \"expiryHours\": 99999999999999999999}",
    "{\"version\": 1, \"rounds\": [{}], \"expiryHours\": \"24\"}",
    "{\"version\": 1, \"rounds\": [{}], \"qrHandover\": \"yes\"}",
    "{\"version\": 1, \"rounds\": [{}], \"senderEmail\": {}}",
    "{\"version\": 1, \"rounds\": [{}], \"ignoreRequired\": [\"PHOTO\"]}",
    "{\"version\": 1, \"rounds\": [{}], \"ignoreRequired\": \"TEXT\"}",
    "{\"version\": 1, \"rounds\": [{\"fields\": [1]}]}",
    "{\"version\": 1, \"rounds\": [{\"fields\": [\"\"]}]}",
    "{\"version\": 1, \"rounds\": [{\"openOtp\": \"pigeon\"}]}",
    "{\"version\": 1, \"rounds\": [{\"askSignerName\": 1}]}",
    "{\"version\": 1, \"rounds\": [{}], \"fieldsBeforeSigning\": \"burn\"}",
    "{\"version\": 1, \"rounds\": [{}], \"signatureNumber\": 101}",
    "{\"version\": 1, \"rounds\": [{\"openCode\": \"1234\"}]}",
    "{\"version\": 1, \"rounds\": [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}]}",
    "{\"version\": 1, \"rounds\": [{}]",
    "{\"version\": 1, \"rounds\": [{}]} trailing",
    "{\"version\": 1, \"rounds\": [{}], \"message\": \"\xff\xfe\"}",
    "{\"version\": 1, \"rounds\": [[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  };
  g_autoptr (GString) deep = g_string_new ("{\"version\": 1, \"rounds\": ");
  g_autoptr (GString) long_string
    = g_string_new ("{\"version\": 1, \"rounds\": [{}], \"message\": \"");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_json (bad[i], &error);
      g_autoptr (SignetRequestSpec) target = signet_request_spec_new ();

      g_test_message ("case %u", i);
      g_assert_null (spec);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      signet_request_spec_set_sender_email (target, "kept@example.sk");
      g_assert_false (signet_request_spec_apply_json (target, bad[i], &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
      g_assert_cmpstr (signet_request_spec_get_sender_email (target), ==, "kept@example.sk");
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (signet_request_spec_new_from_json (deep->str, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  }
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (long_string, 'a');
  g_string_append (long_string, "\"}");
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (signet_request_spec_new_from_json (long_string->str, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  }
  /* The smallest preset there is. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SignetRequestSpec) spec
      = signet_request_spec_new_from_json ("{\"version\": 1, \"rounds\": [{}]}", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (signet_request_spec_get_expiry_hours (spec), ==, 24);
    g_assert_true (signet_request_spec_get_qr_handover (spec));
  }
}

static void
test_preset_store (void)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr (SignetRequestSpec) spec = full_spec ();
  g_autoptr (SignetRequestSpec) target = signet_request_spec_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  names = signet_presets_list (settings);
  g_assert_cmpstrv (names, ((const char *const[]){ NULL }));
  g_clear_pointer (&names, g_strfreev);

  g_assert_true (signet_presets_save (settings, "  Zmluvy  ", spec, &error));
  g_assert_no_error (error);
  g_assert_true (signet_presets_save (settings, "Apartmány", target, &error));
  g_assert_false (signet_presets_save (settings, "   ", spec, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  names = signet_presets_list (settings);
  g_assert_cmpstrv (names, ((const char *const[]){ "Apartmány", "Zmluvy", NULL }));
  g_clear_pointer (&names, g_strfreev);

  g_assert_true (signet_presets_apply (settings, "Zmluvy", target, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signet_request_spec_get_sender_email (target), ==, "office@example.sk");
  g_assert_cmpuint (signet_request_spec_get_n_rounds (target), ==, 2);
  g_assert_false (signet_presets_apply (settings, "Missing", target, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving again replaces; a damaged preset is refused, not applied. */
  signet_request_spec_set_expiry_hours (spec, 12);
  g_assert_true (signet_presets_save (settings, "Zmluvy", spec, &error));
  g_assert_true (signet_presets_apply (settings, "Zmluvy", target, &error));
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (target), ==, 12);
  g_settings_set_value (settings, "presets", g_variant_new_parsed ("{'Broken': '{\"version\"'}"));
  g_assert_false (signet_presets_apply (settings, "Broken", target, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (target), ==, 12);

  g_assert_true (signet_presets_delete (settings, "Broken"));
  g_assert_false (signet_presets_delete (settings, "Broken"));
  names = signet_presets_list (settings);
  g_assert_cmpstrv (names, ((const char *const[]){ NULL }));
}

/* }}} */
/* {{{ Through SignetSync: quota, rounds */

/* The tracker looks every 50 ms, so that a round signed in the sandbox is
 * seen at once. */
static void
sync_set_up (SyncFixture *sf, gconstpointer data)
{
  sync_fixture_set_up (sf, data);
  g_object_set (signet_sync_get_tracker (sf->sync), "interval", 50, NULL);
}

static void
check_quota (SyncFixture *sf, guint requested, SignetQuotaCheck *check)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_quota_check_async (sf->account, sf->settings, requested, NULL, result_cb, &result);
  g_assert_true (signet_quota_check_finish (sf->account, wait_for (&result), check, &error));
  g_assert_no_error (error);
}

static void
test_quota (SyncFixture *sf, gconstpointer data)
{
  g_autoptr (JsonNode) reply
    = fixture_json (&sf->jf.sandbox, "POST", "/sandbox/quota", "{\"available\": 12}", 200);
  SignetQuotaCheck check;
  g_autofree char *low = NULL;
  g_autofree char *short_of = NULL;

  check_quota (sf, 1, &check);
  g_assert_cmpint (check.available, ==, 12);
  g_assert_cmpuint (check.requested, ==, 1);
  g_assert_cmpuint (check.threshold, ==, 10);
  g_assert_true (check.fits);
  g_assert_false (check.low);
  g_assert_null (signet_quota_check_dup_message (&check));

  check_quota (sf, 3, &check);
  g_assert_true (check.fits);
  g_assert_true (check.low);
  low = signet_quota_check_dup_message (&check);
  g_assert_nonnull (strstr (low, "9"));

  check_quota (sf, 13, &check);
  g_assert_false (check.fits);
  short_of = signet_quota_check_dup_message (&check);
  g_assert_nonnull (strstr (short_of, "12"));

  g_settings_set_uint (sf->settings, "quota-warning-threshold", 0);
  check_quota (sf, 12, &check);
  g_assert_true (check.fits);
  g_assert_false (check.low);
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

  g_test_add_func ("/request-spec/defaults", test_defaults);
  g_test_add_func ("/request-spec/notify", test_notify);
  g_test_add_func ("/request-spec/from-inspection", test_from_inspection);
  g_test_add_func ("/request-spec/validate", test_validate);
  g_test_add ("/request-spec/map/plain", JournalFixture, NULL, journal_fixture_set_up,
              test_map_plain, journal_fixture_tear_down);
  g_test_add ("/request-spec/map/fields", JournalFixture, NULL, journal_fixture_set_up,
              test_map_fields, journal_fixture_tear_down);
  g_test_add ("/request-spec/map/tags-and-stamp", JournalFixture, NULL, journal_fixture_set_up,
              test_map_tags_and_stamp, journal_fixture_tear_down);
  g_test_add ("/request-spec/map/email", JournalFixture, NULL, journal_fixture_set_up,
              test_map_email, journal_fixture_tear_down);
  g_test_add ("/request-spec/map/otp", JournalFixture, NULL, journal_fixture_set_up, test_map_otp,
              journal_fixture_tear_down);
  g_test_add ("/request-spec/map/signing-page", JournalFixture, NULL, journal_fixture_set_up,
              test_map_signing_page, journal_fixture_tear_down);
  g_test_add ("/request-spec/sandbox-refuses", JournalFixture, NULL, journal_fixture_set_up,
              test_sandbox_refuses, journal_fixture_tear_down);
  g_test_add_func ("/request-spec/preset/round-trip", test_preset_round_trip);
  g_test_add_func ("/request-spec/preset/hostile", test_preset_hostile);
  g_test_add_func ("/request-spec/preset/store", test_preset_store);
  g_test_add ("/request-spec/quota", SyncFixture, NULL, sync_set_up, test_quota,
              sync_fixture_tear_down);
  g_test_add ("/request-spec/rounds", SyncFixture, NULL, sync_set_up, test_rounds,
              sync_fixture_tear_down);

  return g_test_run ();
}
