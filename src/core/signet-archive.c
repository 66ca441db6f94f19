/* signet-archive.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-archive"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "signet-archive.h"
#include "signet-error.h"

/* The archive folder: signed PDFs downloaded under the original file's
 * name plus the date, written atomically and never over another file.
 *
 * The download goes to a hidden temporary name in the folder (the client
 * itself streams it into a .part file and renames it there). Then, on a
 * worker thread, the file is synced and hard-linked to the first free
 * name: link() fails rather than replace, so even a file that appears at
 * that moment is never overwritten. Where the file system has no hard
 * links, a rename that refuses to overwrite is used instead. */

/**
 * signet_archive_get_default_folder:
 *
 * Returns: (transfer full): `~/Documents/Signed` (the user's documents
 *   folder, translated by the system, plus `Signed`)
 */
char *
signet_archive_get_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  /* Translators: the folder for signed documents, inside the documents folder */
  const char *signed_folder = C_ ("archive folder", "Signed");

  if (documents == NULL)
    return g_build_filename (g_get_home_dir (), "Documents", signed_folder, NULL);
  return g_build_filename (documents, signed_folder, NULL);
}

/**
 * signet_archive_build_name:
 * @filename: the original file's name
 * @date: the day to put in the name
 * @n: 1 for the first choice, 2… when that is taken
 *
 * Returns: (transfer full): "contract 2026-11-28.pdf", then
 *   "contract 2026-11-28 (2).pdf"…
 */
char *
signet_archive_build_name (const char *filename, GDateTime *date, guint n)
{
  g_autofree char *base = g_path_get_basename (filename != NULL ? filename : "document.pdf");
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  char            *dot = strrchr (base, '.');

  /* The signed document is always a PDF, whatever was sent. */
  if (dot != NULL && dot != base)
    *dot = '\0';
  if (base[0] == '.' || base[0] == '\0')
    {
      g_free (base);
      base = g_strdup ("document");
    }
  if (n <= 1)
    return g_strdup_printf ("%s %s.pdf", base, day);
  return g_strdup_printf ("%s %s (%u).pdf", base, day, n);
}

typedef struct
{
  SignetClient *client;
  char         *document_id;
  char         *folder;
  char         *filename;
  GDateTime    *date;
  char         *temp;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->client);
  g_free (data->document_id);
  g_free (data->folder);
  g_free (data->filename);
  g_clear_pointer (&data->date, g_date_time_unref);
  g_free (data->temp);
  g_free (data);
}

static void
set_folder_error (const char *folder, int saved_errno, GError **error)
{
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               _ ("The signed document could not be saved in “%s” (%s). Check that you may write "
                  "to the folder and that the disk has space; Signet tries again later."),
               folder, g_strerror (saved_errno));
}

static void
prepare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;

  if (g_mkdir_with_parents (data->folder, 0755) != 0)
    {
      GError *error = NULL;

      set_folder_error (data->folder, errno, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void publish (SaveData *data, GTask *task);

static void
publish_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;

  publish (data, task);
  /* Whatever failed, the download is not left behind hidden. */
  if (data->temp != NULL)
    g_unlink (data->temp);
}

static void
publish (SaveData *data, GTask *task)
{
  GError *error = NULL;
  int     fd;

  /* Synced before it gets its name: a crash never leaves an empty PDF
   * under the final name. */
  fd = g_open (data->temp, O_RDONLY, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_folder_error (data->folder, saved, &error);
      g_task_return_error (task, error);
      return;
    }
  close (fd);

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = signet_archive_build_name (data->filename, data->date, n);
      g_autofree char *path = g_build_filename (data->folder, name, NULL);

      if (link (data->temp, path) == 0)
        {
          g_unlink (data->temp);
          g_clear_pointer (&data->temp, g_free);
          g_task_return_pointer (task, g_steal_pointer (&path), g_free);
          return;
        }
      if (errno == EEXIST)
        continue;
      if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EXDEV)
        {
          /* No hard links here (FAT, some network shares). */
          g_autoptr (GFile) from = g_file_new_for_path (data->temp);
          g_autoptr (GFile) to = g_file_new_for_path (path);
          g_autoptr (GError) move_error = NULL;

          if (g_file_move (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &move_error))
            {
              g_clear_pointer (&data->temp, g_free);
              g_task_return_pointer (task, g_steal_pointer (&path), g_free);
              return;
            }
          if (g_error_matches (move_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            continue;
          g_set_error (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                       _ ("The signed document could not be saved in “%s” (%s). Check that you "
                          "may write to the folder and that the disk has space; Signet tries "
                          "again later."),
                       data->folder, move_error->message);
          g_task_return_error (task, error);
          return;
        }
      set_folder_error (data->folder, errno, &error);
      g_task_return_error (task, error);
      return;
    }
  set_folder_error (data->folder, EEXIST, &error);
  g_task_return_error (task, error);
}

static void
published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char   *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
downloaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GTask) publish = NULL;
  GError *error = NULL;

  if (!signet_client_download_document_finish (SIGNET_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  publish = g_task_new (NULL, NULL, published_cb, g_object_ref (task));
  g_task_set_task_data (publish, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (publish, publish_thread);
}

static void
prepared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr (GFile) destination = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  GError          *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  uuid = g_uuid_string_random ();
  name = g_strdup_printf (".signet-%s.pdf.part", uuid);
  data->temp = g_build_filename (data->folder, name, NULL);
  destination = g_file_new_for_path (data->temp);
  signet_client_download_document_async (data->client, data->document_id, destination,
                                         g_task_get_cancellable (task), downloaded_cb,
                                         g_object_ref (task));
}

/**
 * signet_archive_save_async:
 * @client: the client of the document's environment
 * @document_id: the signed document
 * @folder: the archive folder; created if needed
 * @filename: the original file's name
 * @date: the day for the name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads the signed PDF into @folder under a free name, atomically.
 */
void
signet_archive_save_async (SignetClient       *client,
                           const char         *document_id,
                           const char         *folder,
                           const char         *filename,
                           GDateTime          *date,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) prepare = NULL;
  SaveData *data;

  g_return_if_fail (SIGNET_IS_CLIENT (client));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (folder != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_archive_save_async);
  data = g_new0 (SaveData, 1);
  data->client = g_object_ref (client);
  data->document_id = g_strdup (document_id);
  data->folder = g_strdup (folder);
  data->filename = g_strdup (filename);
  data->date = g_date_time_ref (date);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  prepare = g_task_new (NULL, cancellable, prepared_cb, g_object_ref (task));
  g_task_set_task_data (prepare, data, NULL);
  g_task_run_in_thread (prepare, prepare_thread);
}

/**
 * signet_archive_save_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the path of the archived PDF, or %NULL
 */
char *
signet_archive_save_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_archive_save_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
