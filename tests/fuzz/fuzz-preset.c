/* fuzz-preset.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the request presets read back from the settings
 * (signet_request_spec_new_from_json()), which anyone who can write the
 * user's dconf can change. A preset that is read must write itself back
 * the same, validate, and build its rounds or say why not.
 */

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "signet-error.h"
#include "signet-presets.h"
#include "signet-request-rounds.h"
#include "signet-request-validation.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (SignetRequestSpec) spec = NULL;
  g_autoptr (SignetRequestSpec) again = NULL;
  g_autoptr (SignetRequestSpec) applied = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  fuzz_init ();

  spec = signet_request_spec_new_from_json (text, &error);
  applied = signet_request_spec_new ();
  if (spec == NULL)
    {
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      /* Nothing is applied either. */
      g_assert_false (signet_request_spec_apply_json (applied, text, &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
      return 0;
    }
  g_assert_no_error (error);

  json = signet_request_spec_to_json (spec);
  again = signet_request_spec_new_from_json (json, &error);
  g_assert_no_error (error);
  json_again = signet_request_spec_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  g_assert_true (signet_request_spec_apply_json (applied, text, &error));
  g_assert_no_error (error);

  problems = signet_request_spec_validate (spec, NULL);
  file = g_file_new_for_path ("/nonexistent/fuzz.pdf");
  rounds = signet_request_spec_build_rounds (spec, file, "fuzz.pdf", &error);
  if (problems->len > 0)
    {
      g_assert_null (rounds);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (rounds->len, ==, signet_request_spec_get_n_rounds (spec));
    }

  return 0;
}
