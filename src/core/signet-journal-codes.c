/* signet-journal-codes.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One-time codes the sender chose (`openOtpCode`, `signOtpCode`) open the
 * document or sign it for whoever has the link, so they are never written
 * to the journal's file (docs/journal.md, "Chosen one-time codes"). A
 * round's body in the plan keeps `"chosenCodes": true` in their place; the
 * codes themselves live in the document (in memory) and, for as long as a
 * round that needs them is still to be created, in the keyring, under the
 * journal's path and the request's row id. Every keyring call here runs
 * on the journal's own thread, and only for requests that have such codes. */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-json-private.h"

#define MARKER "chosenCodes"

static const char *const code_rules[] = { "openOtpCode", "signOtpCode" };

const SecretSchema *
signet_journal_codes_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".ChosenCodes",
    SECRET_SCHEMA_NONE,
    {
      { "journal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "request", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/**
 * signet_journal_codes_split:
 * @body: the E1 body of round @round, as the plan keeps it
 * @round: the round, counted from 0
 * @codes: (inout) (nullable): where the codes of every round are gathered,
 *   made when the first is found
 *
 * Moves the chosen codes of @body's rules into @codes (`{"0": {"openOtpCode":
 * …}}`) and marks @body as having had them.
 */
void
signet_journal_codes_split (JsonObject *body, guint round, JsonObject **codes)
{
  JsonObject *rules = signet_json_object_member (body, "rules");
  JsonObject *taken = NULL;
  char        key[16];

  if (rules == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (code_rules); i++)
    {
      JsonNode *node = json_object_get_member (rules, code_rules[i]);

      if (node == NULL)
        continue;
      if (taken == NULL)
        taken = json_object_new ();
      json_object_set_member (taken, code_rules[i], json_node_copy (node));
      json_object_remove_member (rules, code_rules[i]);
    }
  if (taken == NULL)
    return;
  if (*codes == NULL)
    *codes = json_object_new ();
  g_snprintf (key, sizeof key, "%u", round);
  json_object_set_object_member (*codes, key, taken);
  json_object_set_boolean_member (body, MARKER, TRUE);
}

/**
 * signet_journal_codes_merge:
 * @document: a journalled document
 * @round: the round whose request is being rebuilt
 * @body: that round's body in the plan
 * @request: the request being rebuilt from @body
 * @error: return location for a #SIGNET_ERROR
 *
 * Gives @request the codes the sender chose for @round.
 *
 * Returns: %FALSE with @error if the round had codes that are gone (kept
 *   neither in memory nor in the keyring): sending it without them would
 *   give the signer codes nobody told them.
 */
gboolean
signet_journal_codes_merge (SignetDocument         *document,
                            guint                   round,
                            JsonObject             *body,
                            SignetSignatureRequest *request,
                            GError                **error)
{
  g_autoptr (JsonNode) codes = NULL;
  JsonObject *taken = NULL;
  char        key[16];

  if (!json_object_get_boolean_member_with_default (body, MARKER, FALSE))
    return TRUE;

  g_snprintf (key, sizeof key, "%u", round);
  if (signet_document_get_chosen_codes (document) != NULL
      && (codes = json_from_string (signet_document_get_chosen_codes (document), NULL)) != NULL
      && JSON_NODE_HOLDS_OBJECT (codes))
    taken = signet_json_object_member (json_node_get_object (codes), key);
  if (taken == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE,
                   _ ("The one-time code chosen for “%s” is no longer in the keyring, so the "
                      "request was not sent. Send the document again and choose the code anew."),
                   signet_document_get_filename (document));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (code_rules); i++)
    {
      const char *code = json_object_get_string_member_with_default (taken, code_rules[i], NULL);

      if (code != NULL)
        signet_signature_request_set_rule_string (request, code_rules[i], code);
    }
  return TRUE;
}

/* The highest round of @record's plan that has chosen codes, or -1. */
static int
last_round_with_codes (const char *plan)
{
  g_autoptr (JsonNode) root = NULL;
  JsonArray *rounds;
  int        last = -1;

  if (plan == NULL || strstr (plan, MARKER) == NULL
      || (root = json_from_string (plan, NULL)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return -1;
  rounds = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonNode *body = json_array_get_element (rounds, i);

      if (JSON_NODE_HOLDS_OBJECT (body)
          && json_object_get_boolean_member_with_default (json_node_get_object (body), MARKER,
                                                          FALSE))
        last = i;
    }
  return last;
}

/* Whether a round of @record with chosen codes, the last of which is
 * round @last (-1 for none), is still to be created. */
static gboolean
still_needed (SignetDocumentRecord *record, int last)
{
  if (last < 0 || record->status == NULL)
    return FALSE;
  if (g_str_equal (record->status, "pending") || g_str_equal (record->status, "uploaded"))
    return (int) record->round <= last;
  if (g_str_equal (record->status, "open") || g_str_equal (record->status, "signed"))
    return (int) record->round < last;
  return FALSE;
}

static GHashTable *
attributes_of (SignetJournal *self, gint64 id)
{
  g_autofree char *request = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return secret_attributes_build (signet_journal_codes_schema (), "journal", self->path, "request",
                                  request, NULL);
}

/**
 * signet_journal_codes_store:
 * @self: the journal, on its thread
 * @record: a request just inserted, with its codes
 *
 * Keeps @record's codes in the keyring for a later start. If the keyring
 * cannot keep them, they last as long as this process (the document holds
 * them); a start after that says so when the round is sent.
 */
void
signet_journal_codes_store (SignetJournal *self, SignetDocumentRecord *record)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;

  if (record->chosen_codes == NULL)
    return;
  attributes = attributes_of (self, record->id);
  /* TRANSLATORS: the keyring's label of the one-time codes a sender chose
   * for a request; %s is the file's name. */
  label = g_strdup_printf (_ ("One-time codes for “%s” (Signet)"), record->filename);
  if (!secret_password_storev_sync (signet_journal_codes_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, label, record->chosen_codes, NULL,
                                    &error))
    g_message ("The one-time codes chosen for request %" G_GINT64_FORMAT
               " could not be kept in the keyring (%s); they last until Signet quits",
               record->id, error->message);
}

/**
 * signet_journal_codes_attach:
 * @self: the journal, on its thread
 * @records: requests just read from the journal
 *
 * Reads from the keyring the codes of each request in @records that still
 * has a round with chosen codes to create.
 */
void
signet_journal_codes_attach (SignetJournal *self, GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      SignetDocumentRecord *record = records->pdata[i];
      g_autoptr (GHashTable) attributes = NULL;
      g_autoptr (GError) error = NULL;
      char *codes;

      if (!still_needed (record, last_round_with_codes (record->plan)))
        continue;
      attributes = attributes_of (self, record->id);
      codes
        = secret_password_lookupv_sync (signet_journal_codes_schema (), attributes, NULL, &error);
      if (codes == NULL)
        {
          g_debug ("No chosen codes in the keyring for request %" G_GINT64_FORMAT "%s%s",
                   record->id, error != NULL ? ": " : "", error != NULL ? error->message : "");
          continue;
        }
      signet_document_wipe_codes (&record->chosen_codes);
      record->chosen_codes = g_strdup (codes);
      secret_password_free (codes);
    }
}

/**
 * signet_journal_codes_forget:
 * @self: the journal, on its thread
 * @record: a request just saved
 *
 * Removes @record's codes from the keyring once no round that needs them
 * is left to create (the request ended, or its last such round exists).
 * Asks the keyring once per request and process.
 */
void
signet_journal_codes_forget (SignetJournal *self, SignetDocumentRecord *record)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  int last;

  if (self->codes_forgotten != NULL && g_hash_table_contains (self->codes_forgotten, &record->id))
    return;
  last = last_round_with_codes (record->plan);
  if (last < 0 || still_needed (record, last))
    return;
  if (self->codes_forgotten == NULL)
    self->codes_forgotten = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (self->codes_forgotten, g_memdup2 (&record->id, sizeof record->id));
  attributes = attributes_of (self, record->id);
  if (!secret_password_clearv_sync (signet_journal_codes_schema (), attributes, NULL, &error)
      && error != NULL)
    g_debug ("Could not remove the chosen codes of request %" G_GINT64_FORMAT ": %s", record->id,
             error->message);
}
