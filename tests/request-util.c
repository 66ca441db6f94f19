/* request-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers of the request description's tests.
 */

#include "config.h"

#include "request-util.h"
#include "signet-pdf-inspector.h"
#include "signet-request-validation.h"

GFile *
test_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));
}

SignetSignatureRequest *
signer_request_new (GFile *file, const char *signer, const char *email)
{
  SignetSignatureRequest *request = signet_signature_request_new ();

  signet_signature_request_set_file (request, file);
  if (signer != NULL)
    signet_signature_request_set_rule_string (request, "guiSignerName", signer);
  if (email != NULL)
    {
      signet_signature_request_set_rule_string (request, "emailTo", email);
      signet_signature_request_set_rule_string (request, "emailFrom", "office@example.sk");
    }
  return request;
}

SignetInspection *
inspect (const char *name)
{
  g_autoptr (GFile) file = test_file (name);
  g_autoptr (GError) error = NULL;
  SignetInspection *inspection = signet_pdf_inspect_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (inspection);
  return inspection;
}

void
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
