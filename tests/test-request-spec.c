/* test-request-spec.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request description's objects: their defaults, the defaults from the
 * settings, notify only on change, preselection from an inspection.
 */

#include "config.h"

#include "request-util.h"
#include "signet-request-spec.h"

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

  /* The settings' defaults change nothing, but the e-mails' language:
   * nobody chose one, so it is the session's (the tests run in "C"). */
  signet_request_spec_apply_defaults (spec, settings);
  g_assert_cmpstr (signet_request_spec_get_language (spec), ==, "en");
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/request-spec/defaults", test_defaults);
  g_test_add_func ("/request-spec/notify", test_notify);
  g_test_add_func ("/request-spec/from-inspection", test_from_inspection);

  return g_test_run ();
}
