/* signet-journal-removed.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include <sqlite3.h>

#include "signet-journal-private.h"
#include "signet-journal-removed.h"

/* "Remove from This List": a finished document hidden from this desk's
 * library, and brought back by Undo. Nothing changes on the server or in
 * the archive folder, and the entry stays in the journal (so that it is
 * not imported or sent again as new): whether it is removed is the last
 * of its `removed` and `restored` events, so the history says when, and
 * no column is needed. The flag lives on the document object, set when
 * the journal is loaded and when it is changed. */

/* Asked of every document at each keystroke of a search: a quark made
 * once, not a string looked up each time. */
static GQuark
removed_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("signet-journal-removed");
  return quark;
}

static void
set_flag (SignetDocument *document, gboolean removed)
{
  g_object_set_qdata (G_OBJECT (document), removed_quark (), GINT_TO_POINTER (removed));
}

/**
 * signet_journal_get_removed:
 * @document: a #SignetDocument
 *
 * Returns: whether @document was removed from this desk's list
 */
gboolean
signet_journal_get_removed (SignetDocument *document)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), FALSE);

  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (document), removed_quark ()));
}

/**
 * signet_journal_can_remove:
 * @document: a #SignetDocument
 *
 * Returns: whether @document may be removed from the list: only once
 *   nothing more happens to it (archived, cancelled, expired, failed,
 *   gone), never while it waits for a signature or its copy
 */
gboolean
signet_journal_can_remove (SignetDocument *document)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), FALSE);

  return signet_document_status_is_final (signet_document_get_status (document))
         && signet_document_get_journal_id (document) > 0;
}

/* On the journal's thread, at load: one query over the two event kinds,
 * whatever the size of the journal. A failure only shows every entry. */
void
signet_journal_db_mark_removed (sqlite3 *db, GPtrArray *documents)
{
  static const char sql[] = "SELECT request, kind FROM events "
                            "WHERE kind IN ('removed', 'restored') ORDER BY time, id";
  /* journal id → whether its last word is `removed` */
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not read which entries were removed: %s", sqlite3_errmsg (db));
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64      id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_replace (last, g_memdup2 (&id, sizeof id),
                            GINT_TO_POINTER (g_strcmp0 (kind, "removed") == 0));
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not read which entries were removed: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (g_hash_table_size (last) == 0)
    return;

  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = signet_document_get_journal_id (documents->pdata[i]);

      if (GPOINTER_TO_INT (g_hash_table_lookup (last, &id)))
        set_flag (documents->pdata[i], TRUE);
    }
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetDocument *document = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      /* Not written: the list shows what the journal says. */
      set_flag (document, !signet_journal_get_removed (document));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_journal_set_removed_async:
 * @self: a #SignetJournal
 * @document: a finished document of this journal (see signet_journal_can_remove())
 * @removed: %TRUE to remove it from the list, %FALSE to bring it back
 * @callback: (nullable): called when written
 * @user_data: data for @callback
 *
 * Removes @document from this desk's list, or brings it back, at once
 * (signet_journal_get_removed() says so before the write), and writes it
 * with an event in its history; the journal's `document-changed` follows.
 * A write that fails puts the flag back. The server, the archive copy and
 * the entry itself are left alone.
 */
void
signet_journal_set_removed_async (SignetJournal      *self,
                                  SignetDocument     *document,
                                  gboolean            removed,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));
  g_return_if_fail (!removed || signet_journal_can_remove (document));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, signet_journal_set_removed_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  set_flag (document, removed);
  signet_journal_save_async (self, document, removed ? "removed" : "restored", NULL, NULL, saved_cb,
                             g_steal_pointer (&task));
}

gboolean
signet_journal_set_removed_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
