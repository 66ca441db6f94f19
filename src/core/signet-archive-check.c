/* signet-archive-check.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-archive-check"

#include "config.h"

#include "signet-archive-check.h"

#include "signet-worker-private.h"

/**
 * SignetArchiveCheck:
 *
 * "Check a Signed Document…" (docs/evidence.md): whether a file someone
 * brings is byte for byte a signed copy in the archive, and what its own
 * signatures say, so that a copy changed on its way is caught. The archive
 * is looked up by size, then SHA-256; a file that matches none but is named
 * like an archived copy is compared with that one.
 */
struct _SignetArchiveCheck
{
  GObject parent_instance;

  SignetArchiveMatch    match;
  SignetDocument       *document;
  SignetSignatureCheck *signature;
  char                 *sha256;
};

G_DEFINE_FINAL_TYPE (SignetArchiveCheck, signet_archive_check, G_TYPE_OBJECT)

static void
signet_archive_check_finalize (GObject *object)
{
  SignetArchiveCheck *self = SIGNET_ARCHIVE_CHECK (object);

  g_clear_object (&self->document);
  g_clear_object (&self->signature);
  g_free (self->sha256);

  G_OBJECT_CLASS (signet_archive_check_parent_class)->finalize (object);
}

static void
signet_archive_check_class_init (SignetArchiveCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_archive_check_finalize;
}

static void
signet_archive_check_init (SignetArchiveCheck *self)
{
}

/**
 * signet_archive_check_get_match:
 * @self: a #SignetArchiveCheck
 *
 * Returns: how the file compares with the archive
 */
SignetArchiveMatch
signet_archive_check_get_match (SignetArchiveCheck *self)
{
  g_return_val_if_fail (SIGNET_IS_ARCHIVE_CHECK (self), SIGNET_ARCHIVE_MATCH_NONE);
  return self->match;
}

/**
 * signet_archive_check_get_document:
 * @self: a #SignetArchiveCheck
 *
 * Returns: (transfer none) (nullable): the document whose archived copy the
 *   file is, or is named as
 */
SignetDocument *
signet_archive_check_get_document (SignetArchiveCheck *self)
{
  g_return_val_if_fail (SIGNET_IS_ARCHIVE_CHECK (self), NULL);
  return self->document;
}

/**
 * signet_archive_check_get_signature:
 * @self: a #SignetArchiveCheck
 *
 * Returns: (transfer none): the check of the file's own signatures
 */
SignetSignatureCheck *
signet_archive_check_get_signature (SignetArchiveCheck *self)
{
  g_return_val_if_fail (SIGNET_IS_ARCHIVE_CHECK (self), NULL);
  return self->signature;
}

/**
 * signet_archive_check_get_sha256:
 * @self: a #SignetArchiveCheck
 *
 * Returns: the SHA-256 of the file, in hex
 */
const char *
signet_archive_check_get_sha256 (SignetArchiveCheck *self)
{
  g_return_val_if_fail (SIGNET_IS_ARCHIVE_CHECK (self), NULL);
  return self->sha256;
}

typedef struct
{
  GFile     *file;
  GPtrArray *documents; /* archived SignetDocument, only their paths read */
  GPtrArray *paths;     /* their archived copies, read on the main thread */
} Work;

static void
work_free (Work *work)
{
  g_object_unref (work->file);
  g_ptr_array_unref (work->documents);
  g_ptr_array_unref (work->paths);
  g_free (work);
}

static goffset
size_of_file (GFile *file)
{
  g_autoptr (GFileInfo) info
    = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : -1;
}

static goffset
size_of (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return size_of_file (file);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
check_in_worker (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Work   *work = task_data;
  GError *error = NULL;
  g_autoptr (SignetArchiveCheck) self = g_object_new (SIGNET_TYPE_ARCHIVE_CHECK, NULL);
  g_autofree char *name = g_file_get_basename (work->file);
  gsize            size;
  int              same_name = -1;

  self->signature = signet_signature_check_file (work->file, &self->sha256, cancellable, &error);
  if (self->signature == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  size = size_of_file (work->file);
  for (guint i = 0; i < work->paths->len; i++)
    {
      const char      *path = work->paths->pdata[i];
      g_autofree char *archived_name = g_path_get_basename (path);
      g_autofree char *sha256 = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (same_name < 0 && g_strcmp0 (name, archived_name) == 0)
        same_name = i;
      if ((gsize) size_of (path) != size)
        continue;
      sha256 = sha256_of (path);
      if (g_strcmp0 (sha256, self->sha256) == 0)
        {
          self->match = SIGNET_ARCHIVE_MATCH_IDENTICAL;
          self->document = g_object_ref (work->documents->pdata[i]);
          g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
          return;
        }
    }
  if (same_name >= 0)
    {
      self->match = SIGNET_ARCHIVE_MATCH_DIFFERENT;
      self->document = g_object_ref (work->documents->pdata[same_name]);
    }
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * signet_archive_check_async:
 * @file: a local PDF
 * @documents: (element-type SignetDocument): the journal's documents
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Checks @file's signatures and looks for it among the archived signed
 * copies of @documents, on a worker thread.
 */
void
signet_archive_check_async (GFile              *file,
                            GListModel         *documents,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GTask *task;
  Work  *work;
  guint  n;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (G_IS_LIST_MODEL (documents));

  work = g_new0 (Work, 1);
  work->file = g_object_ref (file);
  work->documents = g_ptr_array_new_with_free_func (g_object_unref);
  work->paths = g_ptr_array_new_with_free_func (g_free);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      const char *path = signet_document_get_archive_path (document);

      if (path == NULL)
        continue;
      g_ptr_array_add (work->paths, g_strdup (path));
      g_ptr_array_add (work->documents, g_steal_pointer (&document));
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_archive_check_async);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  signet_worker_run (SIGNET_WORKER_INSPECT, task, check_in_worker);
}

/**
 * signet_archive_check_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the result, or %NULL when the file could not be
 *   read as a PDF
 */
SignetArchiveCheck *
signet_archive_check_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
