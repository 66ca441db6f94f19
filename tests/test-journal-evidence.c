/* test-journal-evidence.c: the evidence record of a request that went all
 * the way (sent, signed in the sandbox, archived), and of its signed copy
 * changed afterwards.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "journal-util.h"
#include "signet-error.h"
#include "signet-journal-evidence.h"
#include "signet-outbox.h"
#include "signet-sandbox-sign.h"
#include "signet-tracker.h"

#define OPEN_CODE "482913"

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
  char          *folder;
} EvidenceFixture;

static void
evidence_set_up (EvidenceFixture *ef, gconstpointer data)
{
  journal_fixture_set_up (&ef->jf, data);
  ef->folder = g_build_filename (g_get_user_data_dir (), "Signed", NULL);
  ef->outbox = journal_fixture_start_outbox (&ef->jf);
  ef->tracker = signet_tracker_new (ef->jf.journal, ef->jf.client, "sandbox", ef->jf.monitor);
  g_object_set (ef->tracker, "interval", 50, "archive-folder", ef->folder, NULL);
  signet_tracker_start (ef->tracker);
}

static void
evidence_tear_down (EvidenceFixture *ef, gconstpointer data)
{
  signet_tracker_stop (ef->tracker);
  signet_outbox_stop (ef->outbox);
  g_clear_object (&ef->tracker);
  g_clear_object (&ef->outbox);
  g_free (ef->folder);
  journal_fixture_tear_down (&ef->jf, data);
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static SignetSignatureCheck *
record (EvidenceFixture *ef, SignetDocument *document, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_journal_record_evidence_async (ef->jf.journal, document, NULL, result_cb, &result);
  return signet_journal_record_evidence_finish (ef->jf.journal, wait_for (&result), error);
}

static const char *
member (JsonNode *node, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (node);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    object = json_object_get_object_member (object, parts[i]);
  return json_object_get_string_member_with_default (object, parts[g_strv_length (parts) - 1],
                                                     NULL);
}

/* Whether the history holds @kind with @detail, at a plausible time. */
/* The tracker checks each copy it archives, on its own. */
static JsonNode *
wait_tracker_check (EvidenceFixture *ef, SignetDocument *document)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr (JsonNode) node = journal_evidence (ef->jf.journal, document);

      if (!json_object_get_null_member (json_node_get_object (node), "signedCopy"))
        return g_steal_pointer (&node);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_not_reached ();
}

static gboolean
record_has (JsonNode *record, const char *kind, const char *detail)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (record), "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "kind"), kind) == 0
          && (detail == NULL
              || g_strcmp0 (json_object_get_string_member_with_default (event, "detail", NULL),
                            detail)
                   == 0))
        {
          gint64 ms = json_object_get_int_member (event, "timeMs");

          g_assert_cmpint (ms, >, g_get_real_time () / 1000 - 600 * 1000);
          g_assert_nonnull (json_object_get_string_member (event, "time"));
          return TRUE;
        }
    }
  return FALSE;
}

/* The server's time of the change to @state, which only `state` events
 * have; every other event's is null. */
static const char *
server_time_of (JsonNode *record, const char *state)
{
  JsonArray  *events = json_object_get_array_member (json_node_get_object (record), "events");
  const char *found = NULL;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *time = json_object_get_string_member_with_default (event, "serverTime", NULL);

      g_assert_true (json_object_has_member (event, "serverTime"));
      if (g_strcmp0 (json_object_get_string_member (event, "kind"), "state") != 0)
        g_assert_null (time);
      else if (g_strcmp0 (json_object_get_string_member (event, "detail"), state) == 0)
        found = time;
    }
  return found;
}

static void
test_record (EvidenceFixture *ef, gconstpointer data)
{
  g_autofree char *path = write_pdf ("Evidence.pdf", NULL);
  g_autofree char *sent_sha256 = sha256_of_file (path);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (SignetSignatureCheck) check = NULL;
  g_autoptr (SignetSignatureCheck) changed = NULL;
  g_autoptr (JsonNode) before = NULL;
  g_autoptr (JsonNode) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *signed_sha256 = NULL;
  g_autofree char *changed_sha256 = NULL;
  g_autofree char *desk = NULL;
  g_autoptr (GDateTime) signed_at = NULL;
  const char *server_time;
  const char *archived;
  JsonObject *rules;
  FILE       *appended;

  signet_signature_request_set_file (request, file);
  signet_signature_request_set_rule_string (request, "openOtpEmail", "jana@example.com");
  signet_signature_request_set_rule_string (request, "openOtpCode", OPEN_CODE);
  document = journal_add (ef->jf.journal, &request, 1);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  sandbox_control (&ef->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 15);
  archived = signet_document_get_archive_path (document);
  g_assert_nonnull (archived);
  signed_sha256 = sha256_of_file (archived);
  before = wait_tracker_check (ef, document);
  g_assert_cmpstr (member (before, "signedCopy.signature"), ==, "valid");
  g_assert_cmpstr (member (before, "signedCopy.sha256"), ==, signed_sha256);
  g_clear_pointer (&before, json_node_unref);

  /* And on demand. */
  check = record (ef, document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (check), ==, SIGNET_SIGNATURE_VALID);

  before = journal_evidence (ef->jf.journal, document);
  text = json_to_string (before, TRUE);
  g_test_message ("%s", text);
  g_assert_cmpstr (member (before, "sentSha256"), ==, sent_sha256);
  /* The desk that sent it. */
  desk = g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ());
  g_assert_cmpstr (member (before, "sentBy"), ==, desk);
  g_assert_cmpstr (member (before, "signedCopy.sha256"), ==, signed_sha256);
  g_assert_cmpstr (member (before, "signedCopy.path"), ==, archived);
  g_assert_cmpstr (member (before, "signedCopy.signature"), ==, "valid");
  g_assert_cmpstr (member (before, "signedCopy.signer"), ==, SIGNET_SANDBOX_DEMO_SIGNER);
  g_assert_cmpstr (member (before, "signedCopy.certificate"), ==, "unknown-issuer");
  g_assert_nonnull (member (before, "signedCopy.signingTime"));
  g_assert_cmpstr (member (before, "status"), ==, "archived");
  g_assert_cmpstr (member (before, "signatureRequestId"), ==,
                   signet_document_get_signature_request_id (document));
  /* The options, without the one-time code. */
  rules = json_object_get_object_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (before), "options"), 0),
    "rules");
  g_assert_cmpstr (json_object_get_string_member (rules, "openOtpEmail"), ==, "jana@example.com");
  g_assert_false (json_object_has_member (rules, "openOtpCode"));
  g_assert_null (strstr (text, OPEN_CODE));
  /* The state changes with their times. */
  g_assert_true (record_has (before, "journalled", NULL));
  g_assert_true (record_has (before, "created", NULL));
  g_assert_true (record_has (before, "state", "signed"));
  /* The server's time of it, from the sandbox's list (its modification). */
  server_time = server_time_of (before, "signed");
  g_assert_nonnull (server_time);
  signed_at = g_date_time_new_from_iso8601 (server_time, NULL);
  g_assert_nonnull (signed_at);
  g_assert_true (record_has (before, "archived", NULL));
  g_assert_false (record_has (before, "evidence", NULL));

  /* The archived copy is changed: an update appended after signing. */
  appended = g_fopen (archived, "ab");
  g_assert_nonnull (appended);
  fputs ("\n% changed after signing\n", appended);
  fclose (appended);
  changed_sha256 = sha256_of_file (archived);

  changed = record (ef, document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (signet_signature_check_get_status (changed), ==, SIGNET_SIGNATURE_CHANGED);
  /* The library flags the copy from now on. */
  g_assert_cmpint (signet_document_get_signature_status (document), ==, SIGNET_SIGNATURE_CHANGED);
  after = journal_evidence (ef->jf.journal, document);
  g_assert_cmpstr (member (after, "signedCopy.signature"), ==, "changed");
  g_assert_cmpstr (member (after, "signedCopy.sha256"), ==, changed_sha256);
  /* The earlier check stays in the record. */
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (json_node_get_object (after), "checks")),
    ==, 3);
}

/* A document not archived has no signed copy to check. */
static void
test_not_archived (EvidenceFixture *ef, gconstpointer data)
{
  g_autoptr (SignetDocument) document = send_open (&ef->jf, "Open.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureCheck) check = record (ef, document, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND);
  g_assert_null (check);
  node = journal_evidence (ef->jf.journal, document);
  g_assert_true (json_object_get_null_member (json_node_get_object (node), "signedCopy"));
}

/* Secrets anywhere in the plan are dropped, the rest kept. */
/* A state change's detail: the state, then the server's time, which
 * events written before it was kept do not have. */
static void
test_state_detail (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 ("2026-12-05T14:02:11+01:00", NULL);
  g_autofree char *detail = signet_evidence_state_detail ("signed", time);
  g_autofree char *old_detail = signet_evidence_state_detail ("tosign", NULL);
  g_autofree char *server_time = NULL;
  g_autofree char *state = NULL;
  g_autoptr (GDateTime) parsed = NULL;

  g_assert_cmpstr (old_detail, ==, "tosign");
  state = signet_evidence_parse_state_detail (detail, &server_time);
  g_assert_cmpstr (state, ==, "signed");
  parsed = g_date_time_new_from_iso8601 (server_time, NULL);
  g_assert_nonnull (parsed);
  g_assert_true (g_date_time_equal (parsed, time));
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&server_time, g_free);
  state = signet_evidence_parse_state_detail ("tosign", &server_time);
  g_assert_cmpstr (state, ==, "tosign");
  g_assert_null (server_time);
  g_clear_pointer (&state, g_free);
  state = signet_evidence_parse_state_detail (NULL, &server_time);
  g_assert_null (state);
  g_assert_null (server_time);
}

static void
test_scrub (void)
{
  g_autoptr (JsonNode) node = signet_evidence_scrub_options (
    "[{\"rules\": {\"signOtpCode\": \"1234\", \"signOtpPhone\": \"+421900000000\"}},"
    " {\"rules\": {\"openOtpCode\": \"5678\"}, \"nested\": [{\"openOtpCode\": \"9\"}]}]");
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) none = signet_evidence_scrub_options (NULL);

  g_assert_null (strstr (text, "OtpCode"));
  g_assert_nonnull (strstr (text, "+421900000000"));
  g_assert_true (JSON_NODE_HOLDS_NULL (none));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/journal-evidence/record", EvidenceFixture, NULL, evidence_set_up, test_record,
              evidence_tear_down);
  g_test_add ("/journal-evidence/not-archived", EvidenceFixture, NULL, evidence_set_up,
              test_not_archived, evidence_tear_down);
  g_test_add_func ("/journal-evidence/scrub", test_scrub);
  g_test_add_func ("/journal-evidence/state-detail", test_state_detail);

  return g_test_run ();
}
