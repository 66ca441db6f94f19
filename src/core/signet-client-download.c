/* signet-client-download.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-client-private.h"
#include "signet-error.h"
#include "signet-json-private.h"

#include <string.h>

/* The sink for a 2xx answer to a download (E7): the request path reads
 * the answer and hands each chunk here; it goes into a temporary file
 * beside the destination, which is renamed over it at the end, so the
 * destination never holds half a document. A failed attempt ends in
 * signet_client_call_finish_attempt(), which first has the temporary
 * file deleted (signet_client_download_discard()). */

#define PDF_MAGIC        "%PDF-"
#define PDF_MAGIC_LENGTH 5

/* Cancellation passes through; anything else is about the destination.
 * Takes @source. */
static GError *
new_write_error (SignetClientCall *call, GError *source)
{
  g_autofree char *name = NULL;

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return source;
  g_debug ("Writing the download failed: %s", source->message);
  g_error_free (source);
  name = g_file_get_parse_name (call->destination);
  return g_error_new (
    SIGNET_ERROR, SIGNET_ERROR_FAILED,
    _ ("The signed document could not be saved as “%s”. "
       "Check that the folder exists, that you may write to it and that the disk has space."),
    name);
}

/* {{{ Failing */

static void
temp_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error))
    g_debug ("Could not remove the partial download: %s", error->message);
  g_clear_object (&call->temp);
  signet_client_call_finish_attempt (task, g_steal_pointer (&call->pending_error));
}

static void
discarded_output_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, NULL);
  g_clear_object (&call->output);
  /* Not cancellable: the half file must go even when the caller gave up. */
  g_file_delete_async (call->temp, G_PRIORITY_DEFAULT, NULL, temp_deleted_cb, g_object_ref (task));
}

/**
 * signet_client_download_discard: (skip)
 *
 * Deletes the temporary file, then ends the attempt with @error (which
 * may retry). Takes @error.
 */
void
signet_client_download_discard (GTask *task, GError *error)
{
  SignetClientCall *call = g_task_get_task_data (task);

  call->pending_error = error;
  if (call->output != NULL)
    g_output_stream_close_async (call->output, G_PRIORITY_DEFAULT, NULL, discarded_output_closed_cb,
                                 g_object_ref (task));
  else
    g_file_delete_async (call->temp, G_PRIORITY_DEFAULT, NULL, temp_deleted_cb,
                         g_object_ref (task));
}

/* }}} */
/* {{{ Writing */

static void
moved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      signet_client_call_finish_attempt (task, new_write_error (call, error));
      return;
    }
  g_clear_object (&call->temp);
  g_debug ("%s %s → saved %" G_GOFFSET_FORMAT " bytes", call->endpoint->method, call->path,
           call->received);
  signet_client_call_return (task, GINT_TO_POINTER (TRUE));
}

static void
closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;
  gboolean          closed;

  closed = g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error);
  g_clear_object (&call->output);
  if (!closed)
    {
      signet_client_call_finish_attempt (task, new_write_error (call, error));
      return;
    }
  g_file_move_async (call->temp, call->destination,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task), NULL, NULL, moved_cb, g_object_ref (task));
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      signet_client_call_finish_attempt (task, new_write_error (call, error));
      return;
    }
  signet_client_call_read (task);
}

/**
 * signet_client_download_write: (skip)
 *
 * Writes the next chunk of the answer, then reads on.
 */
void
signet_client_download_write (GTask *task, GBytes *bytes)
{
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;
  gconstpointer     data;
  gsize             length;

  /* Only a PDF is a signed document; anything else is someone's error
   * page. Its first five bytes may come split over several reads. */
  data = g_bytes_get_data (bytes, &length);
  if (call->received < PDF_MAGIC_LENGTH
      && memcmp (data, PDF_MAGIC + call->received,
                 MIN (length, PDF_MAGIC_LENGTH - (gsize) call->received))
           != 0)
    {
      signet_set_unexpected_response (&error, "the download is not a PDF");
      signet_client_call_finish_attempt (task, error);
      return;
    }
  call->received += length;
  if (call->received > SIGNET_CLIENT_MAX_DOWNLOAD)
    {
      signet_set_unexpected_response (&error, "the download is larger than %" G_GOFFSET_FORMAT,
                                      SIGNET_CLIENT_MAX_DOWNLOAD);
      signet_client_call_finish_attempt (task, error);
      return;
    }

  g_output_stream_write_all_async (call->output, data, length, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), written_cb, g_object_ref (task));
  /* write_all keeps a pointer into @bytes: hold them until it is done. */
  g_object_set_data_full (G_OBJECT (task), "chunk", g_bytes_ref (bytes),
                          (GDestroyNotify) g_bytes_unref);
}

/**
 * signet_client_download_end: (skip)
 *
 * The whole answer is in: if it is a PDF of the announced length, it
 * takes the destination's name.
 */
void
signet_client_download_end (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);
  GError           *error = NULL;

  if (call->received == 0)
    signet_set_unexpected_response (&error, "empty document");
  else if (call->received < PDF_MAGIC_LENGTH)
    signet_set_unexpected_response (&error, "the download is not a PDF");
  else if (signet_client_call_check_complete (call, call->received, &error))
    {
      g_output_stream_close_async (call->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   closed_cb, g_object_ref (task));
      return;
    }
  signet_client_call_finish_attempt (task, error);
}

static void
temp_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetClientCall  *call = g_task_get_task_data (task);
  GFileOutputStream *output;
  GError            *error = NULL;

  output = g_file_create_finish (G_FILE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The file may well exist: a cancellation only hides the answer
       * of a creation that ran on. */
      signet_client_download_discard (task, error);
      return;
    }
  if (output == NULL)
    {
      g_clear_object (&call->temp);
      signet_client_call_finish_attempt (task, new_write_error (call, error));
      return;
    }
  call->output = G_OUTPUT_STREAM (output);
  signet_client_call_read (task);
}

/**
 * signet_client_download_start: (skip)
 *
 * Creates the temporary file, then has the answer read into it.
 */
void
signet_client_download_start (GTask *task)
{
  SignetClientCall *call = g_task_get_task_data (task);
  g_autoptr (GFile) parent = g_file_get_parent (call->destination);
  g_autofree char *basename = g_file_get_basename (call->destination);
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *temp_name = NULL;

  /* Next to the destination, so that the final rename is atomic. */
  temp_name = g_strdup_printf (".%s.%.8s.part", basename, random);
  call->temp = g_file_get_child (parent, temp_name);
  g_file_create_async (call->temp, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), temp_created_cb, g_object_ref (task));
}

/* }}} */
