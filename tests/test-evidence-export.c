/* test-evidence-export.c: the certificate of completion of a request that
 * went all the way (sent, signed in the sandbox, archived, checked by the
 * tracker), exported in English, Slovak and Czech: the PDF read back with
 * poppler holds the hashes and times, and the JSON is valid against
 * docs/evidence-schema.json (checked by tests/evidence-schema.c).
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <poppler.h>

#include "evidence-schema.h"
#include "journal-util.h"
#include "signet-evidence-export.h"
#include "signet-journal-evidence.h"
#include "signet-library-util.h"
#include "signet-outbox.h"
#include "signet-poppler-private.h"
#include "signet-tracker.h"

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
} ExportFixture;

typedef struct
{
  const char *language;
  const char *title;   /* of the certificate, in that language */
  const char *history; /* a heading */
} Language;

static const Language languages[] = {
  { "en", "Certificate of Completion", "History" },
  { "sk", "Potvrdenie o dokončení", "História" },
  { "cs", "Potvrzení o dokončení", "Historie" },
};

static void
export_set_up (ExportFixture *ef, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "Signed", NULL);

  journal_fixture_set_up (&ef->jf, data);
  ef->outbox = journal_fixture_start_outbox (&ef->jf);
  ef->tracker = signet_tracker_new (ef->jf.journal, ef->jf.client, "sandbox", ef->jf.monitor);
  g_object_set (ef->tracker, "interval", 50, "archive-folder", folder, NULL);
  signet_tracker_start (ef->tracker);
}

static void
export_tear_down (ExportFixture *ef, gconstpointer data)
{
  signet_tracker_stop (ef->tracker);
  signet_outbox_stop (ef->outbox);
  g_clear_object (&ef->tracker);
  g_clear_object (&ef->outbox);
  journal_fixture_tear_down (&ef->jf, data);
}

/* A request signed in the sandbox, archived and checked by the tracker. */
static JsonNode *
signed_record (ExportFixture *ef, SignetDocument **out)
{
  g_autofree char *path = write_pdf ("Kúpna zmluva.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetDocument) document = NULL;
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  signet_signature_request_set_file (request, file);
  document = journal_add (ef->jf.journal, &request, 1);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  sandbox_control (&ef->jf.sandbox, "sign", document);
  wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 15);
  while (signet_document_get_signature_status (document) < 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  /* The library's flag comes from the same check. */
  g_assert_cmpint (signet_document_get_signature_status (document), ==, SIGNET_SIGNATURE_VALID);
  *out = g_steal_pointer (&document);
  return journal_evidence (ef->jf.journal, *out);
}

static gboolean
validate (JsonNode *value, char **why)
{
  g_autofree char *path
    = g_test_build_filename (G_TEST_DIST, "..", "docs", "evidence-schema.json", NULL);

  return evidence_schema_validate (value, path, why);
}

static char *
certificate_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  g_assert_cmpint (poppler_document_get_n_pages (document), <=, 2);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static const char *
member (JsonObject *object, const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static void
assert_holds (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("The certificate does not say \"%s\":\n%s", part, text);
}

static void
test_export (ExportFixture *ef, gconstpointer data)
{
  const Language *language = data;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (JsonNode) record = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf_path = g_build_filename (g_get_tmp_dir (), "certificate.pdf", NULL);
  g_autofree char *json_path = g_build_filename (g_get_tmp_dir (), "certificate.json", NULL);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (GFile) json = g_file_new_for_path (json_path);
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *first = NULL;
  JsonObject      *exported;
  JsonObject      *copy;
  JsonArray       *events;
  guint            n_server_times = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

    g_setenv ("LANGUAGE", language->language, TRUE);
    g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
    bindtextdomain (GETTEXT_PACKAGE, localedir);
    bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    textdomain (GETTEXT_PACKAGE);
  }

  record = signed_record (ef, &document);
  signet_evidence_export_async (record, signet_describe_event, pdf, json, NULL, result_cb, &result);
  signet_evidence_export_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  /* The worker wrote a copy: the caller's record, which a window may be
   * showing meanwhile, was never changed from another thread. */
  g_assert_false (json_object_has_member (json_node_get_object (record), "exported"));

  /* The JSON: the record, with when and where it was exported, valid. */
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  if (!validate (json_parser_get_root (parser), &why))
    g_error ("The exported record is not valid against the schema: %s", why);
  exported = json_node_get_object (json_parser_get_root (parser));
  copy = json_object_get_object_member (exported, "signedCopy");
  g_assert_cmpstr (member (copy, "signature"), ==, "valid");
  g_assert_cmpstr (member (json_object_get_object_member (exported, "exportedBy"), "host"), ==,
                   g_get_host_name ());

  /* The PDF says the same, in the language asked for. */
  text = certificate_text (pdf_path);
  g_test_message ("%s", text);
  assert_holds (text, language->title);
  assert_holds (text, language->history);
  assert_holds (text, member (exported, "sentSha256"));
  assert_holds (text, member (copy, "sha256"));
  assert_holds (text, member (exported, "signatureRequestId"));
  assert_holds (text, "Kúpna zmluva.pdf");
  checked = signet_evidence_format_time (member (copy, "checked"));
  assert_holds (text, checked);
  events = json_object_get_array_member (exported, "events");
  first = signet_evidence_format_time (member (json_array_get_object_element (events, 0), "time"));
  assert_holds (text, first);
  /* The server's time of the state changes it gave. */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject      *event = json_array_get_object_element (events, i);
      g_autofree char *server = signet_evidence_format_time (member (event, "serverTime"));

      if (g_strcmp0 (member (event, "kind"), "state") != 0)
        continue;
      g_assert_nonnull (server);
      assert_holds (text, server);
      n_server_times++;
    }
  g_assert_cmpuint (n_server_times, >, 0);
}

static void
count_cb (SignetTracker *tracker, SignetDocument *document, gpointer user_data)
{
  guint *n_recorded = user_data;

  (*n_recorded)++;
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

/* With SignetTracker:save-evidence (the setting "Save Evidence Beside
 * Each Archived Copy"), the tracker writes NAME.evidence.pdf and
 * NAME.evidence.json beside the archived copy once it is checked. */
static void
test_beside_archive (ExportFixture *ef, gconstpointer data)
{
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (JsonNode) record = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;
  const char      *archived;
  JsonObject      *saved;
  guint            n_recorded = 0;
  gulong           handler;

  g_object_set (ef->tracker, "save-evidence", TRUE, NULL);
  /* Connected before the signing: the signal says the files are written,
   * which their mere existence would not have said before. */
  handler = g_signal_connect (ef->tracker, "evidence-recorded", G_CALLBACK (count_cb), &n_recorded);
  record = signed_record (ef, &document);
  archived = signet_document_get_archive_path (document);
  g_assert_true (g_str_has_suffix (archived, ".pdf"));
  stem = g_strndup (archived, strlen (archived) - 4);
  pdf_path = g_strconcat (stem, ".evidence.pdf", NULL);
  json_path = g_strconcat (stem, ".evidence.json", NULL);
  wait_until (is_positive, &n_recorded, fixture_timeout (15), "the evidence to be saved");
  g_signal_handler_disconnect (ef->tracker, handler);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (json_path, G_FILE_TEST_EXISTS));

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  if (!validate (json_parser_get_root (parser), &why))
    g_error ("The saved record is not valid against the schema: %s", why);
  saved = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (member (saved, "signatureRequestId"), ==,
                   signet_document_get_signature_request_id (document));
  g_assert_cmpstr (member (json_object_get_object_member (saved, "signedCopy"), "signature"), ==,
                   "valid");
  g_assert_cmpstr (member (json_object_get_object_member (saved, "signedCopy"), "path"), ==,
                   archived);

  text = certificate_text (pdf_path);
  assert_holds (text, "Certificate of Completion");
  assert_holds (text, member (saved, "sentSha256"));
  assert_holds (text, member (json_object_get_object_member (saved, "signedCopy"), "sha256"));
  /* The history in words, not the journal's kinds. */
  assert_holds (text, "Saved on this computer");
}

/* The validator can say no: a check without its hash, an unknown verdict. */
static void
test_schema_refuses (void)
{
  g_autoptr (JsonNode) good = json_from_string (
    "{\"version\": 1, \"signatureRequestId\": \"a\", \"documentId\": \"b\", \"environment\": "
    "\"sandbox\", \"filename\": \"x.pdf\", \"sentSha256\": null, \"status\": \"archived\", "
    "\"options\": null, \"events\": [], \"signedCopy\": null, \"checks\": [], \"exported\": "
    "\"2026-12-07T17:00:00+01:00\", \"exportedBy\": {\"user\": \"jana\", \"host\": \"desk-1\"}}",
    NULL);
  g_autoptr (JsonNode) no_hash = json_from_string (
    "{\"version\": 1, \"signatureRequestId\": \"a\", \"documentId\": \"b\", \"environment\": "
    "\"sandbox\", \"filename\": \"x.pdf\", \"sentSha256\": null, \"status\": \"archived\", "
    "\"options\": null, \"events\": [], \"signedCopy\": {\"path\": \"/x.pdf\", \"checked\": "
    "\"2026-12-07T17:00:00+01:00\", \"signature\": \"valid\", \"signatures\": 1, "
    "\"coversWholeFile\": true, \"signer\": null, \"signingTime\": null, \"certificate\": "
    "\"trusted\"}, \"checks\": [], \"exported\": \"2026-12-07T17:00:00+01:00\", \"exportedBy\": "
    "{\"user\": \"jana\", \"host\": \"desk-1\"}}",
    NULL);
  g_autoptr (JsonNode) odd_verdict = json_node_copy (good);
  g_autoptr (JsonNode) check = json_from_string (
    "{\"path\": \"/x.pdf\", \"sha256\": "
    "\"0000000000000000000000000000000000000000000000000000000000000000\", \"checked\": null, "
    "\"signature\": \"probably\", \"signatures\": 1, \"coversWholeFile\": true, \"signer\": "
    "null, \"signingTime\": null, \"certificate\": \"trusted\"}",
    NULL);
  g_autofree char *why = NULL;

  g_assert_true (validate (good, NULL));
  g_assert_false (validate (no_hash, &why));
  g_assert_nonnull (strstr (why, "signedCopy"));
  g_clear_pointer (&why, g_free);
  json_object_set_member (json_node_get_object (odd_verdict), "signedCopy",
                          g_steal_pointer (&check));
  g_assert_false (validate (odd_verdict, &why));
  g_assert_nonnull (strstr (why, "signedCopy"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/evidence-export/%s", languages[i].language);

      g_test_add (path, ExportFixture, &languages[i], export_set_up, test_export, export_tear_down);
    }
  g_test_add ("/evidence-export/beside-archive", ExportFixture, NULL, export_set_up,
              test_beside_archive, export_tear_down);
  g_test_add_func ("/evidence-export/schema-refuses", test_schema_refuses);

  return g_test_run ();
}
