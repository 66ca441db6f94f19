/* signet-archive.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-archive"
/* renameat2() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "signet-archive-private.h"
#include "signet-archive.h"
#include "signet-error.h"
#include "signet-task-util.h"

/* The archive folder: signed PDFs downloaded under the original file's
 * name plus the date, written atomically and never over another file.
 *
 * The download goes to a hidden temporary name in the folder (the client
 * itself streams it into a .part file and renames it there). Then, on a
 * worker thread, the file is synced and hard-linked to the first free
 * name: link() fails rather than replace, so even a file that appears at
 * that moment is never overwritten. Where the file system has no hard
 * links (FAT, some network shares), renameat2() with RENAME_NOREPLACE
 * does the same in one step; where it has neither, the file is copied
 * into a name created with O_CREAT | O_EXCL, then synced. Never a check
 * followed by a rename, which would replace a file that appears in
 * between. */

static SignetArchiveMethod   forced_method = SIGNET_ARCHIVE_METHOD_LINK;
static SignetArchiveNameHook name_hook;
static gpointer              name_hook_data;

/* Tests only, see signet-archive-private.h. */
void
signet_archive_force_method (SignetArchiveMethod method)
{
  forced_method = method;
}

void
signet_archive_set_name_hook (SignetArchiveNameHook hook, gpointer user_data)
{
  name_hook = hook;
  name_hook_data = user_data;
}

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

/* Copies @from into the new file @fd and syncs it: 0 or an errno. */
static int
copy_into (const char *from, int fd)
{
  g_autofree char *buffer = g_malloc (65536);
  int              in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  ssize_t          n;

  if (in < 0)
    return errno;
  while ((n = read (in, buffer, 65536)) > 0 || (n < 0 && errno == EINTR))
    for (ssize_t done = 0; n > 0 && done < n;)
      {
        ssize_t written = write (fd, buffer + done, n - done);

        if (written < 0 && errno != EINTR)
          {
            int saved = errno;

            close (in);
            return saved;
          }
        done += MAX (written, 0);
      }
  if (n < 0)
    {
      int saved = errno;

      close (in);
      return saved;
    }
  close (in);
  return fsync (fd) == 0 ? 0 : errno;
}

/* Gives the synced file @temp the name @path with @method, never over a
 * file that is there: 0 (@temp may still exist), EEXIST (the name is
 * taken), or another errno. */
static int
take_name (const char *temp, const char *path, SignetArchiveMethod method)
{
  int fd, saved;

  if (name_hook != NULL)
    name_hook (path, name_hook_data);
  switch (method)
    {
      case SIGNET_ARCHIVE_METHOD_LINK:
        return link (temp, path) == 0 ? 0 : errno;
      case SIGNET_ARCHIVE_METHOD_RENAME:
        return renameat2 (AT_FDCWD, temp, AT_FDCWD, path, RENAME_NOREPLACE) == 0 ? 0 : errno;
      case SIGNET_ARCHIVE_METHOD_COPY:
        fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
          return errno;
        saved = copy_into (temp, fd);
        if (close (fd) != 0 && saved == 0)
          saved = errno;
        /* Never a half-written PDF under its final name: the name is ours,
         * made above. */
        if (saved != 0)
          g_unlink (path);
        return saved;
      default:
        g_assert_not_reached ();
    }
}

/* Whether @err of @method means the file system cannot do it. */
static gboolean
unsupported (SignetArchiveMethod method, int err)
{
  if (method == SIGNET_ARCHIVE_METHOD_LINK)
    return err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == EXDEV || err == ENOSYS;
  if (method == SIGNET_ARCHIVE_METHOD_RENAME)
    return err == EINVAL || err == ENOSYS || err == ENOTSUP || err == EOPNOTSUPP;
  return FALSE;
}

/**
 * signet_archive_publish: (skip)
 * @temp: the synced download, in @folder
 * @folder: the archive folder
 * @filename: the original file's name
 * @date: the day for the name
 * @error: return location for an error
 *
 * Gives @temp the first free archive name, never over another file, and
 * removes @temp. Blocks: call it on a worker thread.
 *
 * Returns: (transfer full): the archived PDF's path, or %NULL
 */
char *
signet_archive_publish (const char *temp,
                        const char *folder,
                        const char *filename,
                        GDateTime  *date,
                        GError    **error)
{
  SignetArchiveMethod method = forced_method;
  int                 fd, err;

  /* Synced before it gets its name: a crash never leaves an empty PDF
   * under the final name. */
  fd = g_open (temp, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_folder_error (folder, saved, error);
      return NULL;
    }
  close (fd);

  for (guint n = 1; n < 10000;)
    {
      g_autofree char *name = signet_archive_build_name (filename, date, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      err = take_name (temp, path, method);
      if (err == 0)
        {
          g_debug ("Archived as %s (method %d)", path, method);
          g_unlink (temp);
          return g_steal_pointer (&path);
        }
      if (err == EEXIST)
        n++;
      else if (unsupported (method, err))
        method++; /* the same name, the next way */
      else
        {
          set_folder_error (folder, err, error);
          return NULL;
        }
    }
  set_folder_error (folder, EEXIST, error);
  return NULL;
}

static void
publish_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError   *error = NULL;
  char     *path
    = signet_archive_publish (data->temp, data->folder, data->filename, data->date, &error);

  /* Whatever failed, the download is not left behind hidden. */
  g_unlink (data->temp);
  signet_task_return_pointer_or_error (task, path, g_free, &error);
}

static void
published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char   *path = g_task_propagate_pointer (G_TASK (result), &error);

  signet_task_return_pointer_or_error (task, path, g_free, &error);
}

/* After a failed download, the download itself and the client's own
 * partial file, ".<temp>.<random>.part", when a download it gave up
 * (cancelled while a file was being made or renamed) left them behind:
 * no hidden PDF stays in the archive folder. */
static void
sweep_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char      *temp = task_data;
  g_autofree char *folder = g_path_get_dirname (temp);
  g_autofree char *base = g_path_get_basename (temp);
  g_autofree char *prefix = g_strconcat (".", base, ".", NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_unlink (temp);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".part"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_debug ("Removing the partial download %s", path);
        g_unlink (path);
      }
  g_task_return_boolean (task, TRUE);
}

static void
sweep (const char *temp)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (temp), g_free);
  g_task_run_in_thread (task, sweep_thread);
}

static void
downloaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GTask) publish = NULL;
  GError *error = NULL;

  if (!signet_client_download_document_finish (SIGNET_CLIENT (source), result, &error))
    {
      sweep (((SaveData *) g_task_get_task_data (task))->temp);
      /* The download could not be written (the network's errors have
       * their own codes): said of the folder, not of the hidden file. */
      if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_FAILED))
        {
          SaveData *data = g_task_get_task_data (task);

          g_clear_error (&error);
          g_set_error (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                       _ ("The signed document could not be written into “%s”. Check that you "
                          "may write to the folder and that the disk has space; Signet tries "
                          "again later."),
                       data->folder);
        }
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
  /* A PDF published as the caller gave up is still reported, so that
   * its journal learns of it rather than download it again. */
  g_task_set_check_cancellable (task, FALSE);
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
