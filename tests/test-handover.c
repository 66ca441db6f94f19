/* test-handover.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the hand-over page says for each state and e-mail plan, the rules it
 * reads from the journalled plan, and the page with its presenter window
 * stepping through a batch together.
 */

#include "config.h"

#include <adwaita.h>

#include "signet-document-private.h"
#include "signet-handover-page.h"
#include "signet-handover-view.h"
#include "signet-presenter-window.h"

#define LINK "http://127.0.0.1:39733/openDocument/32f8628d-6658-443d-a2a0-f59d9d3752d2"

static SignetDocument *
make_document (const char *filename, const char *status, const char *plan)
{
  SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);
  SignetDocument       *document;

  record->id = 1;
  record->signature_request_id = g_uuid_string_random ();
  record->environment = g_strdup ("sandbox");
  record->filename = g_strdup (filename);
  record->plan = g_strdup (plan);
  record->n_rounds = 1;
  record->status = g_strdup (status);
  record->state = g_strdup ("tosign");
  if (g_str_equal (status, "open"))
    record->signing_url = g_strdup (LINK);
  document = signet_document_new_from_record (record);
  signet_document_record_free (record);
  return document;
}

typedef struct
{
  SignetDocumentStatus status;
  SignetDocumentState  state;
  guint                round, n_rounds;
  const char          *last_error;
  const char          *archive_path;
  const char          *title;
  const char          *detail;
  SignetHandoverTone   tone;
} StateCase;

static void
test_state (void)
{
  g_autofree char *archive
    = g_build_filename (g_get_home_dir (), "Documents", "Signed", "Loan 2026-11-28.pdf", NULL);
  const StateCase cases[] = {
    { SIGNET_DOCUMENT_STATUS_PENDING, SIGNET_DOCUMENT_STATE_UNKNOWN, 0, 1, NULL, NULL, "Sending…",
      NULL, SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_PENDING, SIGNET_DOCUMENT_STATE_UNKNOWN, 0, 1, "No network.", NULL,
      "Sending…", "Not sent yet: No network.", SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_UPLOADED, SIGNET_DOCUMENT_STATE_UNKNOWN, 0, 2, NULL, NULL, "Sending…",
      NULL, SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_UPLOADED, SIGNET_DOCUMENT_STATE_SIGNED, 1, 3, NULL, NULL,
      "Starting round 2 of 3…", NULL, SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_OPEN, SIGNET_DOCUMENT_STATE_TAGS, 0, 1, NULL, NULL, "Preparing…", NULL,
      SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_OPEN, SIGNET_DOCUMENT_STATE_TOSTAMP, 0, 1, NULL, NULL, "Preparing…",
      NULL, SIGNET_HANDOVER_TONE_BUSY },
    { SIGNET_DOCUMENT_STATUS_OPEN, SIGNET_DOCUMENT_STATE_TOSIGN, 0, 1, NULL, NULL,
      "Waiting for signature…", NULL, SIGNET_HANDOVER_TONE_WAITING },
    { SIGNET_DOCUMENT_STATUS_OPEN, SIGNET_DOCUMENT_STATE_TOSIGN, 1, 3, NULL, NULL,
      "Waiting for signature…", "Round 2 of 3", SIGNET_HANDOVER_TONE_WAITING },
    { SIGNET_DOCUMENT_STATUS_SIGNED, SIGNET_DOCUMENT_STATE_SIGNED, 0, 1, NULL, NULL, "Signed",
      "Saving a copy in the archive folder…", SIGNET_HANDOVER_TONE_SUCCESS },
    { SIGNET_DOCUMENT_STATUS_SIGNED, SIGNET_DOCUMENT_STATE_SIGNED, 0, 1, "The disk is full.", NULL,
      "Signed", "Not saved in the archive folder yet: The disk is full.",
      SIGNET_HANDOVER_TONE_SUCCESS },
    { SIGNET_DOCUMENT_STATUS_ARCHIVED, SIGNET_DOCUMENT_STATE_SIGNED, 0, 1, NULL, archive, "Signed",
      "Archived to ~/Documents/Signed", SIGNET_HANDOVER_TONE_SUCCESS },
    { SIGNET_DOCUMENT_STATUS_ARCHIVED, SIGNET_DOCUMENT_STATE_SIGNED, 0, 1, NULL,
      "/srv/contracts/Loan.pdf", "Signed", "Archived to /srv/contracts",
      SIGNET_HANDOVER_TONE_SUCCESS },
    { SIGNET_DOCUMENT_STATUS_CANCELED, SIGNET_DOCUMENT_STATE_CANCELED, 0, 1, NULL, NULL,
      "Cancelled", "The signer cancelled the signature request.", SIGNET_HANDOVER_TONE_ENDED },
    { SIGNET_DOCUMENT_STATUS_EXPIRED, SIGNET_DOCUMENT_STATE_TOSIGN, 0, 1, NULL, NULL, "Expired",
      "Nobody signed before the signature request expired.", SIGNET_HANDOVER_TONE_ENDED },
    { SIGNET_DOCUMENT_STATUS_VANISHED, SIGNET_DOCUMENT_STATE_TOSIGN, 0, 1, NULL, NULL, "Failed",
      "OKdokument no longer has this document: it was deleted on the server, or removed after its "
      "storage time. The signing link no longer works. Send it again to get a new link.",
      SIGNET_HANDOVER_TONE_ENDED },
    { SIGNET_DOCUMENT_STATUS_FAILED, SIGNET_DOCUMENT_STATE_UNKNOWN, 0, 1, "The file is too large.",
      NULL, "Failed", "The file is too large.", SIGNET_HANDOVER_TONE_FAILED },
    { SIGNET_DOCUMENT_STATUS_FAILED, SIGNET_DOCUMENT_STATE_ERRORSENDINFO, 0, 1, NULL, NULL,
      "Failed", "OKdokument refused the signature request.", SIGNET_HANDOVER_TONE_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StateCase   *c = &cases[i];
      g_autofree char   *detail = NULL;
      g_autofree char   *title = NULL;
      SignetHandoverTone tone;

      title = signet_handover_describe_state (c->status, c->state, c->round, c->n_rounds,
                                              c->last_error, c->archive_path, &detail, &tone);
      g_test_message ("case %u", i);
      g_assert_cmpstr (title, ==, c->title);
      g_assert_cmpstr (detail, ==, c->detail);
      g_assert_cmpint (tone, ==, c->tone);
    }
}

static void
test_mail (void)
{
  g_autofree char *sent = NULL;
  g_autofree char *final_copy = NULL;
  g_autofree char *advice = NULL;

  /* E-mailed without a one-time code: the link works like a password. */
  sent = signet_handover_describe_mail ("jana@example.com", NULL, FALSE, &final_copy, &advice);
  g_assert_cmpstr (sent, ==, "OKdokument e-mails the signing link to jana@example.com");
  g_assert_cmpstr (final_copy, ==, "The signed document is e-mailed to jana@example.com");
  g_assert_nonnull (strstr (advice, "one-time code"));
  g_clear_pointer (&sent, g_free);
  g_clear_pointer (&final_copy, g_free);
  g_clear_pointer (&advice, g_free);

  /* With a code, no advice; both separators of emailFinal (§19.13). */
  sent = signet_handover_describe_mail ("jana@example.com", "a@example.com; b@example.com|c@x.sk ",
                                        TRUE, &final_copy, &advice);
  g_assert_cmpstr (final_copy, ==,
                   "The signed document is e-mailed to a@example.com, b@example.com, c@x.sk");
  g_assert_null (advice);
  g_clear_pointer (&sent, g_free);
  g_clear_pointer (&final_copy, g_free);

  /* Nothing e-mailed: the QR code is the way. */
  sent = signet_handover_describe_mail (NULL, NULL, FALSE, &final_copy, &advice);
  g_assert_cmpstr (sent, ==, "No e-mail is sent: hand over the QR code or the link");
  g_assert_null (final_copy);
  g_assert_null (advice);
  g_clear_pointer (&sent, g_free);

  /* Only a final copy. */
  sent = signet_handover_describe_mail (NULL, "boss@example.com", FALSE, &final_copy, &advice);
  g_assert_cmpstr (final_copy, ==, "The signed document is e-mailed to boss@example.com");
  g_assert_null (advice);
}

static void
test_rules (void)
{
  g_autoptr (SignetDocument) object_rules = make_document (
    "a.pdf", "open",
    "[{\"rules\": {\"emailTo\": \"jana@example.com\", \"signAnywhereEnabled\": true, "
    "\"expiry\": 3}}, {\"rules\": {\"emailTo\": \"petr@example.com\"}}]");
  g_autoptr (SignetDocument) string_rules = make_document (
    "b.pdf", "open", "[{\"rules\": \"guiSignerName-Jana_emailTo-jana@example.com\"}]");
  g_autoptr (SignetDocument) no_rules = make_document ("c.pdf", "open", "[{}]");
  g_autoptr (SignetDocument) no_plan = make_document ("d.pdf", "open", NULL);
  g_autofree char *value = NULL;

#define CHECK_RULE(document, round, rule, expected)                                                \
  value = signet_document_dup_rule (document, round, rule);                                        \
  g_assert_cmpstr (value, ==, expected);                                                           \
  g_clear_pointer (&value, g_free)

  CHECK_RULE (object_rules, 0, "emailTo", "jana@example.com");
  CHECK_RULE (object_rules, 1, "emailTo", "petr@example.com");
  CHECK_RULE (object_rules, 0, "signAnywhereEnabled", "true");
  CHECK_RULE (object_rules, 0, "expiry", "3");
  CHECK_RULE (object_rules, 0, "emailFinal", NULL);
  CHECK_RULE (object_rules, 2, "emailTo", NULL);
  CHECK_RULE (string_rules, 0, "emailTo", "jana@example.com");
  CHECK_RULE (string_rules, 0, "guiSignerName", "Jana");
  CHECK_RULE (string_rules, 0, "email", NULL);
  CHECK_RULE (no_rules, 0, "emailTo", NULL);
  CHECK_RULE (no_plan, 0, "emailTo", NULL);

#undef CHECK_RULE
}

static void
done_cb (SignetHandoverPage *page, gboolean *done)
{
  *done = TRUE;
}

static void
test_page (void)
{
  g_autoptr (GListStore) documents = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  g_autoptr (SignetDocument) first = make_document ("Loan.pdf", "open", "[{}]");
  g_autoptr (SignetDocument) second = make_document ("Terms.pdf", "pending", "[{}]");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = signet_handover_page_new ();
  GtkWidget *presenter;
  gboolean   done = FALSE;
  int        minimum;

  g_list_store_append (documents, first);
  g_list_store_append (documents, second);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (page, "done", G_CALLBACK (done_cb), &done);

  signet_handover_page_set_documents (SIGNET_HANDOVER_PAGE (page), G_LIST_MODEL (documents));
  /* It fits the window's smallest width, GNOME's phone size (docs/decisions.md). */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpuint (signet_handover_page_get_position (SIGNET_HANDOVER_PAGE (page)), ==, 0);
  g_assert_true (gtk_widget_activate_action (page, "handover.next", NULL));
  g_assert_cmpuint (signet_handover_page_get_position (SIGNET_HANDOVER_PAGE (page)), ==, 1);
  /* The last one has no next. */
  g_assert_true (gtk_widget_activate_action (page, "handover.next", NULL));
  g_assert_cmpuint (signet_handover_page_get_position (SIGNET_HANDOVER_PAGE (page)), ==, 1);
  g_assert_true (gtk_widget_activate_action (page, "handover.previous", NULL));
  g_assert_cmpuint (signet_handover_page_get_position (SIGNET_HANDOVER_PAGE (page)), ==, 0);

  /* The presenter and the page show the same document, whichever moves. */
  presenter = signet_presenter_window_new (GTK_WINDOW (window), G_LIST_MODEL (documents), 0);
  g_object_bind_property (presenter, "position", page, "position", G_BINDING_BIDIRECTIONAL);
  gtk_window_present (GTK_WINDOW (presenter));
  signet_presenter_window_set_position (SIGNET_PRESENTER_WINDOW (presenter), 1);
  g_assert_cmpuint (signet_handover_page_get_position (SIGNET_HANDOVER_PAGE (page)), ==, 1);
  signet_handover_page_set_position (SIGNET_HANDOVER_PAGE (page), 0);
  g_assert_cmpuint (signet_presenter_window_get_position (SIGNET_PRESENTER_WINDOW (presenter)), ==,
                    0);
  gtk_window_destroy (GTK_WINDOW (presenter));

  g_assert_true (gtk_widget_activate_action (page, "handover.done", NULL));
  g_assert_true (done);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/handover/state", test_state);
  g_test_add_func ("/handover/mail", test_mail);
  g_test_add_func ("/handover/rules", test_rules);
  g_test_add_func ("/handover/page", test_page);

  return g_test_run ();
}
