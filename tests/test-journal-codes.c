/* test-journal-codes.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One-time codes the sender chose never reach the journal's file
 * (signet-journal-codes.c): they are in the request that is sent, in the
 * keyring while a round that needs them is to be created, and gone from
 * the keyring once none is. Run by tests/keyring-session.sh with a real
 * gnome-keyring ("unlocked") and with no Secret Service at all ("none"),
 * where they last only as long as the process and a later start says so
 * instead of sending the round without them. */

#include "config.h"

#include <libsecret/secret.h>
#include <sqlite3.h>
#include <string.h>

#include "async-util.h"
#include "journal-util.h"
#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-signature-request-private.h"

#define OPEN_CODE "482913"
#define SIGN_CODE "775533"

static gboolean
keyring (void)
{
  return g_strcmp0 (g_getenv ("SIGNET_TEST_KEYRING"), "unlocked") == 0;
}

/* What the keyring holds for @document of the journal at @path, or NULL. */
static char *
kept_codes (const char *path, SignetDocument *document)
{
  g_autofree char *id
    = g_strdup_printf ("%" G_GINT64_FORMAT, signet_document_get_journal_id (document));
  g_autoptr (GError) error = NULL;
  char *codes = secret_password_lookup_sync (signet_journal_codes_schema (), NULL, &error,
                                             "journal", path, "request", id, NULL);

  if (keyring ())
    g_assert_no_error (error);
  return codes;
}

/* Whether @text is anywhere in the journal's files (the database and its
 * write-ahead log). */
static gboolean
in_files (const char *path, const char *text)
{
  const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize            length = 0;

      if (!g_file_get_contents (name, &contents, &length, NULL))
        continue;
      for (gsize at = 0; at + strlen (text) <= length; at++)
        if (memcmp (contents + at, text, strlen (text)) == 0)
          return TRUE;
    }
  return FALSE;
}

/* The rule @name of round @round's request, or NULL; fails the test if the
 * request cannot be made. */
static char *
round_rule (SignetDocument *document, guint round, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetSignatureRequest) request
    = signet_journal_get_round_request (document, round, &error);
  g_autoptr (JsonNode) body = NULL;
  JsonObject *rules;

  g_assert_no_error (error);
  body = signet_signature_request_to_json (request, NULL, NULL);
  rules = json_object_get_object_member (json_node_get_object (body), "rules");
  return g_strdup (json_object_get_string_member_with_default (rules, name, NULL));
}

static SignetDocument *
two_rounds (SignetJournal *journal)
{
  g_autofree char *pdf = write_pdf ("Codes.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (SignetSignatureRequest) first = signet_signature_request_new ();
  g_autoptr (SignetSignatureRequest) second = signet_signature_request_new ();
  SignetSignatureRequest *rounds[2] = { first, second };

  g_autofree char *first_id = g_uuid_string_random ();
  g_autofree char *second_id = g_uuid_string_random ();

  signet_signature_request_set_signature_request_id (first, first_id);
  signet_signature_request_set_signature_request_id (second, second_id);
  signet_signature_request_set_file (first, file);
  signet_signature_request_set_rule_string (first, "openOtpEmail", "jana@example.sk");
  signet_signature_request_set_rule_string (first, "openOtpCode", OPEN_CODE);
  signet_signature_request_set_rule_string (second, "signOtpPhone", "+421900123456");
  signet_signature_request_set_rule_string (second, "signOtpCode", SIGN_CODE);
  return journal_add (journal, rounds, 2);
}

static void
save (SignetJournal *journal, SignetDocument *document, guint round, SignetDocumentStatus status)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  signet_document_set_round (document, round);
  signet_document_set_status (document, status);
  signet_journal_save_async (journal, document, "state", NULL, NULL, result_cb, &result);
  g_assert_true (signet_journal_save_finish (journal, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_kept_out (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  SignetJournal   *journal = open_journal (path);
  g_autoptr (SignetDocument) document = two_rounds (journal);
  g_autoptr (SignetDocument) again = NULL;
  g_autofree char *open_code = NULL;
  g_autofree char *sign_code = NULL;
  g_autofree char *email = NULL;
  g_autofree char *kept = NULL;
  gint64           id = signet_document_get_journal_id (document);

  /* Sent as chosen, written nowhere. */
  open_code = round_rule (document, 0, "openOtpCode");
  sign_code = round_rule (document, 1, "signOtpCode");
  email = round_rule (document, 0, "openOtpEmail");
  g_assert_cmpstr (open_code, ==, OPEN_CODE);
  g_assert_cmpstr (sign_code, ==, SIGN_CODE);
  g_assert_cmpstr (email, ==, "jana@example.sk");
  g_assert_false (in_files (path, OPEN_CODE));
  g_assert_false (in_files (path, SIGN_CODE));
  g_assert_null (strstr (signet_document_get_plan (document), "OtpCode\""));
  g_assert_true (in_files (path, "jana@example.sk"));

  kept = kept_codes (path, document);
  if (keyring ())
    {
      g_assert_nonnull (strstr (kept, OPEN_CODE));
      g_assert_nonnull (strstr (kept, SIGN_CODE));
    }
  else
    g_assert_null (kept);

  /* A later start. */
  again = reopen_journal (path, &journal, id);
  if (keyring ())
    {
      g_autofree char *open_again = round_rule (again, 0, "openOtpCode");
      g_autofree char *sign_again = round_rule (again, 1, "signOtpCode");

      g_assert_cmpstr (open_again, ==, OPEN_CODE);
      g_assert_cmpstr (sign_again, ==, SIGN_CODE);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetSignatureRequest) request
        = signet_journal_get_round_request (again, 0, &error);

      /* Not sent with a code nobody told the signer. */
      g_assert_null (request);
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "Codes.pdf"));
    }
  close_journal (journal);
}

static void
test_forgotten (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  SignetJournal   *journal = open_journal (path);
  g_autoptr (SignetDocument) document = two_rounds (journal);
  g_autoptr (SignetDocument) again = NULL;
  gint64 id = signet_document_get_journal_id (document);
  char  *kept;

  /* The first round is open: the second's code is still needed. */
  save (journal, document, 0, SIGNET_DOCUMENT_STATUS_OPEN);
  kept = kept_codes (path, document);
  g_assert_nonnull (kept);
  secret_password_free (kept);

  /* The second round is waiting to be created: still needed. */
  save (journal, document, 1, SIGNET_DOCUMENT_STATUS_UPLOADED);
  kept = kept_codes (path, document);
  g_assert_nonnull (kept);
  secret_password_free (kept);

  /* Created: gone from the keyring, and a later start has none. */
  save (journal, document, 1, SIGNET_DOCUMENT_STATUS_OPEN);
  g_assert_null (kept_codes (path, document));
  again = reopen_journal (path, &journal, id);
  g_assert_null (signet_document_get_chosen_codes (again));
  g_assert_false (in_files (path, OPEN_CODE));
  g_assert_false (in_files (path, SIGN_CODE));
  close_journal (journal);
}

/* A journal of version 5 kept the codes in the plan: once opened, the
 * codes of requests that ended are gone from the file; an open request
 * keeps its codes and is still sent with them. */
static void
test_migration (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "journal.db", NULL);
  SignetJournal   *journal = open_journal (path);
  g_autoptr (SignetDocument) ended = two_rounds (journal);
  g_autoptr (SignetDocument) open = two_rounds (journal);
  g_autoptr (SignetDocument) again = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  gint64           ended_id = signet_document_get_journal_id (ended);
  gint64           open_id = signet_document_get_journal_id (open);
  sqlite3         *db = NULL;
  const char      *plan
    = "[{\"signatureRequestId\": \"one\", \"rules\": {\"openOtpEmail\": \"jana@example.sk\", "
      "\"openOtpCode\": \"" OPEN_CODE "\"}}, {\"signatureRequestId\": \"two\", \"rules\": "
      "{\"signOtpCode\": \"" SIGN_CODE "\"}}]";

  close_journal (journal);
  sql = sqlite3_mprintf ("UPDATE requests SET plan = %Q, description = json_extract (%Q, '$[0]'), "
                         "status = CASE id WHEN %lld THEN 'archived' ELSE 'pending' END; "
                         "PRAGMA user_version = 5;",
                         plan, plan, (long long) ended_id);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  sqlite3_free (g_steal_pointer (&sql));

  journal = open_journal (path);
  close_journal (journal);
  journal = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT id, plan, description FROM requests", -1, &stmt, NULL), ==,
      SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *row_plan = (const char *) sqlite3_column_text (stmt, 1);
        const char *description = (const char *) sqlite3_column_text (stmt, 2);

        if (sqlite3_column_int64 (stmt, 0) == ended_id)
          {
            g_assert_null (strstr (row_plan, "OtpCode"));
            g_assert_null (strstr (description, "OtpCode"));
            g_assert_nonnull (strstr (row_plan, "jana@example.sk"));
          }
        else
          g_assert_nonnull (strstr (row_plan, OPEN_CODE));
      }
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  journal = open_journal (path);
  again = reopen_journal (path, &journal, open_id);
  code = round_rule (again, 1, "signOtpCode");
  g_assert_cmpstr (code, ==, SIGN_CODE);
  close_journal (journal);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal-codes/kept-out", test_kept_out);
  /* Only where a keyring can keep them. */
  if (keyring ())
    g_test_add_func ("/journal-codes/forgotten", test_forgotten);
  g_test_add_func ("/journal-codes/migration", test_migration);
  return g_test_run ();
}
