/* test-request-validation.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What validation refuses, and what the sandbox (over loopback) refuses as
 * the service would when a client sends it anyway.
 */

#include "config.h"

#include "journal-util.h"
#include "request-util.h"
#include "signet-error.h"
#include "signet-request-rounds.h"
#include "signet-request-validation.h"

/* {{{ Helpers */

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
  g_autofree char *content = pdf_page_base64 ("A contract");

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/request-spec/validate", test_validate);
  g_test_add ("/request-validation/sandbox-refuses", JournalFixture, NULL, journal_fixture_set_up,
              test_sandbox_refuses, journal_fixture_tear_down);

  return g_test_run ();
}
