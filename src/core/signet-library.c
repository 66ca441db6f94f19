/* signet-library.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-library"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "signet-journal-private.h"
#include "signet-journal-removed.h"
#include "signet-library.h"
#include "signet-state-name.h"

/**
 * signet_library_group_for_document:
 * @document: a #SignetDocument
 *
 * Returns: the one group of the sidebar, other than "All", that shows
 *   @document
 */
SignetLibraryGroup
signet_library_group_for_document (SignetDocument *document)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), SIGNET_LIBRARY_GROUP_ALL);

  return signet_state_for_status (signet_document_get_status (document),
                                  signet_document_get_state (document));
}

/**
 * signet_library_group_contains:
 * @group: a #SignetLibraryGroup
 * @document: a #SignetDocument
 *
 * Returns: whether @group lists @document
 */
gboolean
signet_library_group_contains (SignetLibraryGroup group, SignetDocument *document)
{
  if (group == SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE)
    return signet_document_get_sent_elsewhere (document);
  return group == SIGNET_LIBRARY_GROUP_ALL || signet_library_group_for_document (document) == group;
}

/**
 * signet_library_is_busy:
 * @document: a #SignetDocument
 *
 * Returns: whether Signet works on @document without being asked (sending
 *   it, starting a round, or fetching the signed copy): the list shows a
 *   spinner while the document's environment is the current one
 */
gboolean
signet_library_is_busy (SignetDocument *document)
{
  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_PENDING:
      case SIGNET_DOCUMENT_STATUS_UPLOADED:
        return TRUE;
      case SIGNET_DOCUMENT_STATUS_SIGNED:
        /* One sent elsewhere stays signed when it is not archived here. */
        return !signet_document_get_sent_elsewhere (document);
      default:
        return FALSE;
    }
}

/**
 * signet_library_groups_of:
 * @document: a #SignetDocument
 *
 * Returns: the groups of the sidebar that count @document, as a mask of
 *   `1 << group` for each #SignetLibraryGroup: "All", its state's group,
 *   and "Sent Elsewhere" for one sent elsewhere; none for a document
 *   removed from the list (signet-journal-removed.c)
 */
guint
signet_library_groups_of (SignetDocument *document)
{
  guint groups;

  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), 0);

  if (signet_journal_get_removed (document))
    return 0;
  groups = 1u << SIGNET_LIBRARY_GROUP_ALL | 1u << signet_library_group_for_document (document);
  if (signet_document_get_sent_elsewhere (document))
    groups |= 1u << SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE;
  return groups;
}

/**
 * signet_library_add_to_counts:
 * @counts: (array fixed-size=9): the number of documents in each
 *   #SignetLibraryGroup
 * @groups: a mask from signet_library_groups_of()
 * @sign: 1 to count a document in @groups, -1 to take it out again
 */
void
signet_library_add_to_counts (guint counts[SIGNET_LIBRARY_N_GROUPS], guint groups, int sign)
{
  for (guint i = 0; i < SIGNET_LIBRARY_N_GROUPS; i++)
    if (groups & (1u << i))
      counts[i] += sign;
}

/**
 * signet_library_count:
 * @documents: a #GListModel of #SignetDocument
 * @counts: (out caller-allocates) (array fixed-size=9): the number of
 *   documents in each #SignetLibraryGroup
 *
 * Counts the documents of each group.
 */
void
signet_library_count (GListModel *documents, guint counts[SIGNET_LIBRARY_N_GROUPS])
{
  memset (counts, 0, sizeof (guint) * SIGNET_LIBRARY_N_GROUPS);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      signet_library_add_to_counts (counts, signet_library_groups_of (document), 1);
    }
}

/**
 * signet_library_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for searching: case folded, and without accents, so that
 * "novakova" finds "Nováková" (people type names without diacritics).
 *
 * Returns: (transfer full): the folded text
 */
char *
signet_library_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString         *out;
  const char      *p;

  if (text == NULL)
    return g_strdup ("");

  /* Most names are plain ASCII: lower case is all the folding they need. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, -1);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * signet_library_search_key_new:
 * @filename: (nullable): a document's file name
 * @signer_name: (nullable): its signer's name
 * @signer_email: (nullable): its signer's e-mail address
 *
 * Safe on any thread: the journal makes the keys of the documents it
 * loads on its own thread, so that the first keystroke of a search does
 * not fold thousands of them on the main thread.
 *
 * Returns: (transfer full): what a search looks in, folded
 */
char *
signet_library_search_key_new (const char *filename,
                               const char *signer_name,
                               const char *signer_email)
{
  g_autofree char *text
    = g_strjoin ("\n", filename ?: "", signer_name ?: "", signer_email ?: "", NULL);

  return signet_library_fold (text);
}

/**
 * signet_library_get_search_key:
 * @document: a #SignetDocument
 *
 * Returns: the folded file name, signer name and e-mail address of
 *   @document, made once and kept with it
 */
const char *
signet_library_get_search_key (SignetDocument *document)
{
  if (G_UNLIKELY (signet_document_get_search_key (document) == NULL))
    signet_document_take_search_key (
      document, signet_library_search_key_new (signet_document_get_filename (document),
                                               signet_document_get_signer_name (document),
                                               signet_document_get_signer_email (document)));
  return signet_document_get_search_key (document);
}

/**
 * signet_library_matches:
 * @document: a #SignetDocument
 * @folded_query: (nullable): what was typed, through signet_library_fold()
 *
 * Returns: whether every word of @folded_query is in the file name, the
 *   signer's name or the e-mail address of @document
 */
gboolean
signet_library_matches (SignetDocument *document, const char *folded_query)
{
  const char *key;
  const char *word;

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;

  key = signet_library_get_search_key (document);
  word = folded_query;
  while (*word != '\0')
    {
      const char *end;
      char        buffer[256];
      gsize       length;

      while (g_ascii_isspace (*word))
        word++;
      if (*word == '\0')
        break;
      end = word;
      while (*end != '\0' && !g_ascii_isspace (*end))
        end++;
      length = MIN ((gsize) (end - word), sizeof buffer - 1);
      memcpy (buffer, word, length);
      buffer[length] = '\0';
      if (strstr (key, buffer) == NULL)
        return FALSE;
      word = end;
    }
  return TRUE;
}

/**
 * signet_library_rebuild_rounds:
 * @document: a #SignetDocument
 * @error: return location for an error
 *
 * Rebuilds the rounds of @document as a new request, for "Send Again":
 * the same plan (signer, rules, fields, rounds), new signature request
 * ids, the original file uploaded anew (the stored document may be gone),
 * and no expiry date (the old one has passed; the service's default
 * applies).
 *
 * Returns: (transfer full) (element-type SignetSignatureRequest): the
 *   rounds, for signet_sync_send_async(), or %NULL
 */
GPtrArray *
signet_library_rebuild_rounds (SignetDocument *document, GError **error)
{
  g_autoptr (GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  const char *path;

  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);

  path = signet_document_get_original_path (document);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("“%s” is no longer where it was sent from, so it cannot be sent again. "
                      "Drop the document on the window to send it anew."),
                   signet_document_get_filename (document));
      return NULL;
    }

  for (guint i = 0; i < signet_document_get_n_rounds (document); i++)
    {
      SignetSignatureRequest *request = signet_journal_get_round_request (document, i, error);
      g_autofree char        *id = g_uuid_string_random ();

      if (request == NULL)
        return NULL;
      g_ptr_array_add (rounds, request);
      signet_signature_request_set_signature_request_id (request, id);
      signet_signature_request_set_document_id (request, NULL);
      signet_signature_request_set_expiration (request, NULL);
      if (i == 0)
        {
          g_autoptr (GFile) file = g_file_new_for_path (path);

          signet_signature_request_set_file (request, file);
        }
      else
        signet_signature_request_set_file (request, NULL);
    }
  return g_steal_pointer (&rounds);
}
