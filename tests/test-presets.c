/* test-presets.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presets: the round trip through JSON, hostile JSON, the store in
 * GSettings.
 */

#include "config.h"

#include "request-util.h"
#include "signet-error.h"
#include "signet-presets.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/presets/round-trip", test_preset_round_trip);
  g_test_add_func ("/presets/hostile", test_preset_hostile);
  g_test_add_func ("/presets/store", test_preset_store);

  return g_test_run ();
}
