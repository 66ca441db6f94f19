/* test-library-resend.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What issue 16 added to the library's core: the request description read
 * back from a journalled plan for "Send Again" (every option, both rounds,
 * never a chosen one-time code), and "Remove from This List" remembered by
 * the journal across a reopen, with its Undo. */

#include "config.h"

#include <string.h>

#include "async-util.h"
#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-journal-removed.h"
#include "signet-library.h"
#include "signet-presets.h"
#include "signet-request-rounds.h"
#include "signet-request-spec-plan.h"

static SignetRequestSpec *
rich_spec (void)
{
  SignetRequestSpec *spec = signet_request_spec_new ();
  SignetRoundSpec   *first = signet_request_spec_get_round (spec, 0);
  SignetRoundSpec   *second = signet_request_spec_add_round (spec);
  SignetFieldValue  *value;
  const char *const  first_fields[] = { "_SO1_", NULL };
  const char *const  second_fields[] = { "_SO2_", NULL };

  signet_request_spec_set_signing_mode (spec, SIGNET_SIGNING_MODE_TAGS);
  signet_round_spec_set_signer_name (first, "Jana Nováková");
  signet_round_spec_set_signer_email (first, "jana@example.sk");
  signet_round_spec_set_open_otp (first, SIGNET_OTP_CHANNEL_EMAIL);
  signet_round_spec_set_otp_email (first, "codes@example.sk");
  signet_round_spec_set_sign_otp (first, SIGNET_OTP_CHANNEL_SMS);
  signet_round_spec_set_phone (first, "+421900123456");
  signet_round_spec_set_open_code (first, "482913"); /* chosen: never read back */
  signet_round_spec_set_fields (first, first_fields);
  signet_round_spec_set_signer_name (second, "Petr Dvořák");
  signet_round_spec_set_ask_signer_name (second, TRUE);
  signet_round_spec_set_signer_email (second, "petr@example.cz");
  signet_round_spec_set_fields (second, second_fields);

  signet_request_spec_set_sender_email (spec, "office@example.sk");
  signet_request_spec_set_sender_name (spec, "Front Desk");
  signet_request_spec_set_message (spec, "Please sign today");
  signet_request_spec_set_language (spec, "cs");
  signet_request_spec_set_final_recipients (spec, "boss@example.sk");
  signet_request_spec_set_email_reminders (spec, TRUE);
  signet_request_spec_set_expiry_hours (spec, 72);
  signet_request_spec_set_no_mouse_signing (spec, TRUE);
  signet_request_spec_set_qr_handover (spec, FALSE);
  signet_request_spec_set_fields_before_signing (spec, SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY);
  signet_request_spec_set_ignore_required (spec, SIGNET_FIELD_TYPE_FLAGS_TEXT
                                                   | SIGNET_FIELD_TYPE_FLAGS_CHECKBOX);
  signet_request_spec_set_result_url (spec, "https://example.sk/done");
  signet_request_spec_set_auto_submit (spec, TRUE);
  signet_request_spec_set_one_button (spec, TRUE);
  signet_request_spec_set_open_signature (spec, TRUE);
  signet_request_spec_set_read_required (spec, TRUE);
  signet_request_spec_set_signer_date_format (spec, "dd.MM.yyyy");
  signet_request_spec_set_auto_envelope_submit (spec, TRUE);
  signet_request_spec_set_expiry_notification (spec, TRUE);
  signet_request_spec_set_signature_number (spec, 2);
  value = signet_request_spec_add_field_value (spec, "Name");
  signet_field_value_set_value (value, "Jana Nováková");
  signet_field_value_set_read_only (value, TRUE);
  return spec;
}

static SignetDocument *
journalled (SignetJournal *journal, SignetRequestSpec *spec, const char *name)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rounds = signet_request_spec_build_rounds (spec, file, name, &error);

  g_assert_no_error (error);
  return journal_add (journal, (SignetSignatureRequest **) rounds->pdata, rounds->len);
}

static void
assert_same_fields (SignetRequestSpec *a, SignetRequestSpec *b)
{
  GListModel *x = signet_request_spec_get_field_values (a);
  GListModel *y = signet_request_spec_get_field_values (b);

  g_assert_cmpuint (g_list_model_get_n_items (x), ==, g_list_model_get_n_items (y));
  for (guint i = 0; i < g_list_model_get_n_items (x); i++)
    {
      g_autoptr (SignetFieldValue) v = g_list_model_get_item (x, i);
      g_autoptr (SignetFieldValue) w = g_list_model_get_item (y, i);

      g_assert_cmpstr (signet_field_value_get_name (v), ==, signet_field_value_get_name (w));
      g_assert_cmpstr (signet_field_value_get_value (v), ==, signet_field_value_get_value (w));
      g_assert_cmpint (signet_field_value_get_read_only (v), ==,
                       signet_field_value_get_read_only (w));
    }
  for (guint r = 0; r < signet_request_spec_get_n_rounds (a); r++)
    {
      const char *const *f = signet_round_spec_get_fields (signet_request_spec_get_round (a, r));
      const char *const *g = signet_round_spec_get_fields (signet_request_spec_get_round (b, r));

      g_assert_true (g_strv_equal (f, g));
    }
}

/* Everything the editor can set comes back, but the chosen code. */
static void
test_plan_round_trip (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  g_autoptr (SignetJournal) journal = open_journal (path);
  g_autoptr (SignetRequestSpec) spec = rich_spec ();
  g_autoptr (SignetDocument) document = journalled (journal, spec, "Contract.pdf");
  g_autoptr (SignetRequestSpec) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  again = signet_request_spec_new_from_plan (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  /* The preset form holds every option and every round's signer. */
  want = signet_request_spec_to_json (spec);
  got = signet_request_spec_to_json (again);
  g_assert_cmpstr (got, ==, want);
  assert_same_fields (spec, again);
  g_assert_null (signet_round_spec_get_open_code (signet_request_spec_get_round (again, 0)));
  g_assert_null (signet_round_spec_get_sign_code (signet_request_spec_get_round (again, 0)));

  /* And what it sends again asks the same, without the code. */
  {
    g_autoptr (SignetDocument) second = journalled (journal, again, "Contract.pdf");
    g_autoptr (SignetRequestSpec) third = signet_request_spec_new_from_plan (second, &error);
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    g_assert_null (strstr (signet_document_get_plan (second), "482913"));
    json = signet_request_spec_to_json (third);
    g_assert_cmpstr (json, ==, want);
  }
  close_journal (g_steal_pointer (&journal));
}

/* The other modes, and a plan of one round without options. */
static void
test_plan_modes (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  g_autoptr (SignetJournal) journal = open_journal (path);
  const SignetSigningMode modes[] = { SIGNET_SIGNING_MODE_ANYWHERE, SIGNET_SIGNING_MODE_FIELDS };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
      g_autoptr (SignetDocument) document = NULL;
      g_autoptr (SignetRequestSpec) again = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char  *want = NULL;
      g_autofree char  *got = NULL;
      const char *const fields[] = { "Signature1", NULL };

      signet_request_spec_set_signing_mode (spec, modes[i]);
      signet_request_spec_set_stamp_before_signing (spec, i == 1);
      if (modes[i] == SIGNET_SIGNING_MODE_FIELDS)
        signet_round_spec_set_fields (signet_request_spec_get_round (spec, 0), fields);
      signet_round_spec_set_signer_name (signet_request_spec_get_round (spec, 0), "Eva");
      document = journalled (journal, spec, "Plain.pdf");
      again = signet_request_spec_new_from_plan (document, &error);
      g_assert_no_error (error);
      want = signet_request_spec_to_json (spec);
      got = signet_request_spec_to_json (again);
      g_assert_cmpstr (got, ==, want);
      assert_same_fields (spec, again);
    }
  close_journal (g_steal_pointer (&journal));
}

static void
set_status (SignetJournal *journal, SignetDocument *document, SignetDocumentStatus status)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_document_set_status (document, status);
  signet_journal_save_async (journal, document, "state", NULL, NULL, result_cb, &result);
  g_assert_true (signet_journal_save_finish (journal, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
set_removed (SignetJournal *journal, SignetDocument *document, gboolean removed)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_journal_set_removed_async (journal, document, removed, result_cb, &result);
  /* At once, before the write. */
  g_assert_cmpint (signet_journal_get_removed (document), ==, removed);
  g_assert_true (signet_journal_set_removed_finish (journal, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_removed (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  SignetJournal   *journal = open_journal (path);
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (SignetDocument) open = journalled (journal, spec, "Open.pdf");
  g_autoptr (SignetDocument) done = journalled (journal, spec, "Done.pdf");
  gint64 id = signet_document_get_journal_id (done);
  guint  counts[SIGNET_LIBRARY_N_GROUPS];

  /* Only a finished request can go. */
  g_assert_false (signet_journal_can_remove (open));
  set_status (journal, done, SIGNET_DOCUMENT_STATUS_CANCELED);
  g_assert_true (signet_journal_can_remove (done));

  set_removed (journal, done, TRUE);
  signet_library_count (signet_journal_get_documents (journal), counts);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_ALL], ==, 1);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_CANCELLED], ==, 0);

  /* Remembered: after a reopen it is still out of the list, and in the journal. */
  g_clear_object (&done);
  done = reopen_journal (path, &journal, id);
  g_assert_true (signet_journal_get_removed (done));
  g_assert_cmpuint (g_list_model_get_n_items (signet_journal_get_documents (journal)), ==, 2);
  signet_library_count (signet_journal_get_documents (journal), counts);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_ALL], ==, 1);

  /* Undo, also remembered. */
  set_removed (journal, done, FALSE);
  g_clear_object (&done);
  done = reopen_journal (path, &journal, id);
  g_assert_false (signet_journal_get_removed (done));
  signet_library_count (signet_journal_get_documents (journal), counts);
  g_assert_cmpuint (counts[SIGNET_LIBRARY_GROUP_CANCELLED], ==, 1);
  {
    g_autoptr (GPtrArray) events = journal_events (journal, done);

    g_assert_true (has_event (events, "removed"));
    g_assert_true (has_event (events, "restored"));
  }
  close_journal (journal);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library-resend/plan-round-trip", test_plan_round_trip);
  g_test_add_func ("/library-resend/plan-modes", test_plan_modes);
  g_test_add_func ("/library-resend/removed", test_removed);
  return g_test_run ();
}
