/* signet-library-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-library-util"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "signet-library-util.h"
#include "signet-state-name.h"

/* The library's words for groups, states and times, and where a
 * document's file is, for the list's rows, the sidebar and the document
 * page alike. State from values: no widget here. */

/**
 * signet_library_group_get_title:
 * @group: a #SignetLibraryGroup
 *
 * Returns: the group's name in the sidebar, translated
 *   (signet_state_get_heading())
 */
const char *
signet_library_group_get_title (SignetLibraryGroup group)
{
  return signet_state_get_heading (group);
}

/**
 * signet_document_get_badge:
 * @document: a #SignetDocument
 *
 * Returns: the name of the document's state (docs/vocabulary.md),
 *   translated
 */
const char *
signet_document_get_badge (SignetDocument *document)
{
  return signet_document_get_state_name (document);
}

/**
 * signet_format_time:
 * @unix_ms: a time in Unix milliseconds
 *
 * Returns: (transfer full): the local time of today as "14:05", of another
 *   day as its date and time
 */
char *
signet_format_time (gint64 unix_ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr (GDateTime) time = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (time == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (time) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see the GDateTime format codes */
    return g_date_time_format (time, _ ("%H:%M"));
  /* Translators: a date and time, see the GDateTime format codes */
  return g_date_time_format (time, _ ("%-d %b %Y, %H:%M"));
}

/**
 * signet_format_date_time:
 * @unix_ms: a time in Unix milliseconds
 *
 * Returns: (transfer full): the local date and time, also for today: the
 *   history reads as a record, and "14:05" alone is ambiguous there
 */
char *
signet_format_date_time (gint64 unix_ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr (GDateTime) time = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (time == NULL)
    return g_strdup ("");
  /* Translators: a date and time, see the GDateTime format codes */
  return g_date_time_format (time, _ ("%-d %b %Y, %H:%M"));
}

/**
 * signet_document_append_origin:
 * @text: (inout): a line about @document, such as its state, or %NULL
 * @document: a #SignetDocument
 *
 * Adds a line that says where @document was sent from ("Sent from this
 * desk", "Sent elsewhere") and when the server last listed it
 * (docs/shared-account.md).
 */
void
signet_document_append_origin (char **text, SignetDocument *document)
{
  const char      *origin = signet_document_get_origin_name (document);
  g_autofree char *seen = NULL;
  g_autofree char *line = NULL;
  char            *joined;

  if (signet_document_get_last_seen (document) > 0)
    {
      g_autofree char *when = signet_format_date_time (signet_document_get_last_seen (document));

      /* Translators: where a document was sent from ("Sent elsewhere"),
       * then when the OKdokument server last listed it */
      seen = g_strdup_printf (_ ("%s · last seen on the server %s"), origin, when);
    }
  line = seen != NULL ? g_steal_pointer (&seen) : g_strdup (origin);
  joined = *text != NULL && **text != '\0' ? g_strconcat (*text, "\n", line, NULL)
                                           : g_steal_pointer (&line);
  g_free (*text);
  *text = joined;
}

/**
 * signet_format_folder:
 * @folder: a folder's path
 *
 * Returns: (transfer full): @folder as the file manager shows it: inside
 *   the home folder as "~/Documents/Signed"
 */
char *
signet_format_folder (const char *folder)
{
  const char *home = g_get_home_dir ();
  gsize       length = strlen (home);

  g_return_val_if_fail (folder != NULL, NULL);

  if (g_str_has_prefix (folder, home) && (folder[length] == '/' || folder[length] == '\0'))
    return g_strconcat ("~", folder + length, NULL);
  return g_filename_display_name (folder);
}

/**
 * signet_document_dup_local_path:
 * @document: a #SignetDocument
 *
 * Returns: (transfer full) (nullable): the signed copy in the archive when
 *   it is there, else the file that was sent when it is still there
 */
char *
signet_document_dup_local_path (SignetDocument *document)
{
  const char *archived = signet_document_get_archive_path (document);
  const char *original = signet_document_get_original_path (document);

  if (archived != NULL && g_file_test (archived, G_FILE_TEST_IS_REGULAR))
    return g_strdup (archived);
  if (original != NULL && g_file_test (original, G_FILE_TEST_IS_REGULAR))
    return g_strdup (original);
  return NULL;
}
