/* signet-state-name.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-state-name"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-state-name.h"

/* The one place that names a document's state. docs/vocabulary.md lists
 * the words, and tests/test-state-names.c holds this file to that list:
 * the sidebar, the rows' badges, the document page, the history, the
 * notifications and the batch summary all take their word from here. */

/**
 * signet_state_for_status:
 * @status: where Signet is with a document
 * @state: the document's state on the server
 *
 * Returns: the state a person sees, which is also the sidebar group that
 *   lists the document (never %SIGNET_LIBRARY_GROUP_ALL)
 */
SignetLibraryGroup
signet_state_for_status (SignetDocumentStatus status, SignetDocumentState state)
{
  switch (status)
    {
      case SIGNET_DOCUMENT_STATUS_PENDING:
      case SIGNET_DOCUMENT_STATUS_UPLOADED:
        return SIGNET_LIBRARY_GROUP_PREPARING;

      case SIGNET_DOCUMENT_STATUS_OPEN:
        switch (state)
          {
            case SIGNET_DOCUMENT_STATE_TAGS:
            case SIGNET_DOCUMENT_STATE_TOSTAMP:
              return SIGNET_LIBRARY_GROUP_PREPARING;
            default:
              return SIGNET_LIBRARY_GROUP_WAITING;
          }

      case SIGNET_DOCUMENT_STATUS_SIGNED:
      case SIGNET_DOCUMENT_STATUS_ARCHIVED:
        return SIGNET_LIBRARY_GROUP_SIGNED;

      case SIGNET_DOCUMENT_STATUS_CANCELED:
        return SIGNET_LIBRARY_GROUP_CANCELLED;

      case SIGNET_DOCUMENT_STATUS_EXPIRED:
        return SIGNET_LIBRARY_GROUP_EXPIRED;

      case SIGNET_DOCUMENT_STATUS_REMOVED:
        return SIGNET_LIBRARY_GROUP_REMOVED;

      case SIGNET_DOCUMENT_STATUS_VANISHED:
      case SIGNET_DOCUMENT_STATUS_FAILED:
      default:
        return SIGNET_LIBRARY_GROUP_FAILED;
    }
}

/* Indexed by #SignetLibraryGroup. */
static const struct
{
  const char *name;    /* "document state" */
  const char *heading; /* "document group" */
} words[] = {
  [SIGNET_LIBRARY_GROUP_WAITING] = { NC_ ("document state", "Waiting for Signature"),
                                     NC_ ("document group", "Waiting for Signature") },
  [SIGNET_LIBRARY_GROUP_PREPARING]
  = { NC_ ("document state", "Preparing"), NC_ ("document group", "Preparing") },
  [SIGNET_LIBRARY_GROUP_SIGNED]
  = { NC_ ("document state", "Signed"), NC_ ("document group", "Signed") },
  [SIGNET_LIBRARY_GROUP_CANCELLED]
  = { NC_ ("document state", "Cancelled"), NC_ ("document group", "Cancelled") },
  [SIGNET_LIBRARY_GROUP_FAILED]
  = { NC_ ("document state", "Failed"), NC_ ("document group", "Failed") },
  [SIGNET_LIBRARY_GROUP_EXPIRED]
  = { NC_ ("document state", "Expired"), NC_ ("document group", "Expired") },
  [SIGNET_LIBRARY_GROUP_REMOVED]
  = { NC_ ("document state", "Removed Elsewhere"), NC_ ("document group", "Removed Elsewhere") },
  [SIGNET_LIBRARY_GROUP_ALL] = { NULL, NC_ ("document group", "All Documents") },
  [SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE] = { NULL, NC_ ("document group", "Sent Elsewhere") },
};

/**
 * signet_state_get_name:
 * @group: a state (a sidebar group other than "All")
 *
 * Returns: the state's name on one document (a badge, the document page,
 *   a notification's title), translated
 */
const char *
signet_state_get_name (SignetLibraryGroup group)
{
  if (group >= SIGNET_LIBRARY_GROUP_ALL)
    group = SIGNET_LIBRARY_GROUP_FAILED;
  return g_dpgettext2 (GETTEXT_PACKAGE, "document state", words[group].name);
}

/**
 * signet_state_get_heading:
 * @group: a sidebar group
 *
 * The same word as signet_state_get_name() over several documents: Slovak
 * and Czech take the plural there ("Čakajú na podpis").
 *
 * Returns: the group's name in the sidebar, translated
 */
const char *
signet_state_get_heading (SignetLibraryGroup group)
{
  if (group > SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE)
    group = SIGNET_LIBRARY_GROUP_ALL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "document group", words[group].heading);
}

/**
 * signet_document_get_state_name:
 * @document: a #SignetDocument
 *
 * Returns: signet_state_get_name() of where @document stands
 */
const char *
signet_document_get_state_name (SignetDocument *document)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);

  return signet_state_get_name (signet_state_for_status (signet_document_get_status (document),
                                                         signet_document_get_state (document)));
}

/**
 * signet_document_get_origin_name:
 * @document: a #SignetDocument
 *
 * Returns: where @document was sent from, in words: "Sent from this desk"
 *   or "Sent elsewhere" (another desk or the web app on the account)
 */
const char *
signet_document_get_origin_name (SignetDocument *document)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);

  return signet_document_get_sent_elsewhere (document)
           ? C_ ("document origin", "Sent elsewhere")
           : C_ ("document origin", "Sent from this desk");
}
