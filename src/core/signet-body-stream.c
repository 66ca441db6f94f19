/* signet-body-stream.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-body-stream-private.h"
#include "signet-task-util.h"

#include <string.h>

/* The body is made in blocks: a worker thread reads BLOCK_SIZE bytes of the
 * content (a file stream, which cannot be polled) and encodes them, the
 * main loop hands the block out in the small reads libsoup makes, and the
 * next block is read while the current one is sent. So a 10 MB file costs
 * about 30 trips to the thread pool instead of one per 8 KiB read, and at
 * most two encoded blocks and one raw one are held at a time.
 * (docs/performance.md has the measurements.) */

/* A multiple of 3, so that each block but the last encodes whole. */
#define BLOCK_SIZE (3 * 128 * 1024)

#define SIGNET_TYPE_BODY_STREAM (signet_body_stream_get_type ())
G_DECLARE_FINAL_TYPE (SignetBodyStream, signet_body_stream, SIGNET, BODY_STREAM, GInputStream)

struct _SignetBodyStream
{
  GInputStream parent_instance;

  GInputStream *content;
  GBytes       *prefix;
  GBytes       *suffix;
  gboolean      base64;

  /* Touched by the one fill that runs at a time, and by the main loop
   * only when no fill runs. */
  int      state; /* of g_base64_encode_step () */
  int      save;
  gboolean prefix_done;
  gboolean suffix_done;

  /* The main loop's side. */
  GBytes  *block; /* being handed out */
  gsize    offset;
  GBytes  *next; /* filled, not yet handed out */
  gboolean filling;
  GError  *error; /* of a fill */
  GTask   *waiting_read;
  void    *waiting_buffer;
  gsize    waiting_count;
  GTask   *waiting_close;
};

G_DEFINE_FINAL_TYPE (SignetBodyStream, signet_body_stream, G_TYPE_INPUT_STREAM)

/* Reads and encodes the next block; returns it (empty once everything was
 * made), or NULL with @error set. Runs on the worker thread, or from a
 * synchronous read. */
static GBytes *
fill_block (SignetBodyStream *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  gsize              raw_length = 0;

  if (!self->prefix_done)
    {
      g_byte_array_append (out, g_bytes_get_data (self->prefix, NULL),
                           g_bytes_get_size (self->prefix));
      self->prefix_done = TRUE;
    }

  if (!self->suffix_done)
    {
      raw = g_malloc (BLOCK_SIZE);
      if (!g_input_stream_read_all (self->content, raw, BLOCK_SIZE, &raw_length, cancellable,
                                    error))
        return NULL;

      if (self->base64)
        {
          gsize start = out->len;

          /* At most (n + 2) / 3 * 4 for a step, 4 for the close. */
          g_byte_array_set_size (out, start + (raw_length + 2) / 3 * 4 + 4);
          start += g_base64_encode_step (raw, raw_length, FALSE, (char *) out->data + start,
                                         &self->state, &self->save);
          if (raw_length < BLOCK_SIZE)
            start += g_base64_encode_close (FALSE, (char *) out->data + start, &self->state,
                                            &self->save);
          g_byte_array_set_size (out, start);
        }
      else
        g_byte_array_append (out, raw, raw_length);

      if (raw_length < BLOCK_SIZE)
        {
          g_byte_array_append (out, g_bytes_get_data (self->suffix, NULL),
                               g_bytes_get_size (self->suffix));
          self->suffix_done = TRUE;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
fill_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *block = fill_block (source, cancellable, &error);

  signet_task_return_pointer_or_error (task, block, (GDestroyNotify) g_bytes_unref, &error);
}

static void fill_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_fill (SignetBodyStream *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, fill_done_cb, NULL);

  self->filling = TRUE;
  g_task_run_in_thread (task, fill_thread);
}

/* Starts reading the block after the one handed out, unless it is read
 * already, or there is none. */
static void
prefetch (SignetBodyStream *self)
{
  if (!self->filling && self->next == NULL && self->error == NULL && !self->suffix_done)
    start_fill (self);
}

/* Copies what it can of the made body into @buffer. Returns the count,
 * 0 at the end, -1 with @error set, or -2 when the next block is not made
 * yet (then a fill runs, or is to be started). With @read_ahead, starts
 * making the block after the one it begins to hand out. */
static gssize
take (SignetBodyStream *self, void *buffer, gsize count, gboolean read_ahead, GError **error)
{
  while (self->block == NULL || self->offset == g_bytes_get_size (self->block))
    {
      g_clear_pointer (&self->block, g_bytes_unref);
      self->offset = 0;
      if (self->next != NULL)
        {
          self->block = g_steal_pointer (&self->next);
          if (read_ahead)
            prefetch (self);
          continue;
        }
      if (self->error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->error));
          return -1;
        }
      if (!self->filling && self->suffix_done)
        return 0;
      return -2;
    }

  {
    gsize         length;
    const guint8 *data = g_bytes_get_data (self->block, &length);
    gsize         n = MIN (count, length - self->offset);

    memcpy (buffer, data + self->offset, n);
    self->offset += n;
    return n;
  }
}

static void
answer_read (SignetBodyStream *self, GTask *task, void *buffer, gsize count)
{
  GError *error = NULL;
  gssize  n = take (self, buffer, count, TRUE, &error);

  if (n == -2)
    {
      if (!self->filling)
        start_fill (self);
      self->waiting_read = g_object_ref (task);
      self->waiting_buffer = buffer;
      self->waiting_count = count;
    }
  else if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void close_content (SignetBodyStream *self, GTask *task);

static void
fill_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetBodyStream *self = SIGNET_BODY_STREAM (source);
  GError           *error = NULL;
  GBytes           *block = g_task_propagate_pointer (G_TASK (result), &error);

  self->filling = FALSE;
  if (block == NULL)
    self->error = error;
  else if (g_bytes_get_size (block) == 0)
    g_bytes_unref (block);
  else
    self->next = block;

  if (self->waiting_read != NULL)
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->waiting_read);

      answer_read (self, task, self->waiting_buffer, self->waiting_count);
    }
  if (self->waiting_close != NULL && !self->filling)
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->waiting_close);

      close_content (self, task);
    }
}

static void
signet_body_stream_read_async (GInputStream       *stream,
                               void               *buffer,
                               gsize               count,
                               int                 io_priority,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, signet_body_stream_read_async);
  g_task_set_priority (task, io_priority);
  answer_read (SIGNET_BODY_STREAM (stream), task, buffer, count);
}

static gssize
signet_body_stream_read_finish (GInputStream *stream, GAsyncResult *result, GError **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gssize
signet_body_stream_read_fn (GInputStream *stream,
                            void         *buffer,
                            gsize         count,
                            GCancellable *cancellable,
                            GError      **error)
{
  SignetBodyStream *self = SIGNET_BODY_STREAM (stream);
  gssize            n;

  /* GInputStream allows one read at a time, and a fill started by an
   * asynchronous read ends before that read does. */
  g_return_val_if_fail (!self->filling, -1);

  while ((n = take (self, buffer, count, FALSE, error)) == -2)
    {
      self->next = fill_block (self, cancellable, error);
      if (self->next == NULL)
        return -1;
      if (g_bytes_get_size (self->next) == 0)
        g_clear_pointer (&self->next, g_bytes_unref);
    }
  return n;
}

static void
close_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  signet_task_return_boolean_or_error (
    task, g_input_stream_close_finish (G_INPUT_STREAM (source), result, &error), &error);
}

static void
close_content (SignetBodyStream *self, GTask *task)
{
  g_input_stream_close_async (self->content, g_task_get_priority (task),
                              g_task_get_cancellable (task), close_cb, g_object_ref (task));
}

static void
signet_body_stream_close_async (GInputStream       *stream,
                                int                 io_priority,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  SignetBodyStream *self = SIGNET_BODY_STREAM (stream);
  g_autoptr (GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, signet_body_stream_close_async);
  g_task_set_priority (task, io_priority);
  /* A fill still reads the content: close it once the fill is done. */
  if (self->filling)
    self->waiting_close = g_steal_pointer (&task);
  else
    close_content (self, task);
}

static gboolean
signet_body_stream_close_finish (GInputStream *stream, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
signet_body_stream_close_fn (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  /* Only reached when the stream is dropped unclosed (no fill can run
   * then: a fill holds a reference) or closed synchronously. */
  return g_input_stream_close (SIGNET_BODY_STREAM (stream)->content, cancellable, error);
}

static void
signet_body_stream_finalize (GObject *object)
{
  SignetBodyStream *self = SIGNET_BODY_STREAM (object);

  g_clear_object (&self->content);
  g_bytes_unref (self->prefix);
  g_bytes_unref (self->suffix);
  g_clear_pointer (&self->block, g_bytes_unref);
  g_clear_pointer (&self->next, g_bytes_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (signet_body_stream_parent_class)->finalize (object);
}

static void
signet_body_stream_class_init (SignetBodyStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = signet_body_stream_finalize;
  stream_class->read_fn = signet_body_stream_read_fn;
  stream_class->read_async = signet_body_stream_read_async;
  stream_class->read_finish = signet_body_stream_read_finish;
  stream_class->close_fn = signet_body_stream_close_fn;
  stream_class->close_async = signet_body_stream_close_async;
  stream_class->close_finish = signet_body_stream_close_finish;
}

static void
signet_body_stream_init (SignetBodyStream *self)
{
}

GInputStream *
signet_body_stream_new (GInputStream *content, GBytes *prefix, gboolean base64, GBytes *suffix)
{
  SignetBodyStream *self = g_object_new (SIGNET_TYPE_BODY_STREAM, NULL);

  self->content = g_object_ref (content);
  self->prefix = g_bytes_ref (prefix);
  self->suffix = g_bytes_ref (suffix);
  self->base64 = base64;
  return G_INPUT_STREAM (self);
}

goffset
signet_body_stream_length (goffset content_length, GBytes *prefix, gboolean base64, GBytes *suffix)
{
  goffset body = base64 ? (content_length + 2) / 3 * 4 : content_length;

  return g_bytes_get_size (prefix) + body + g_bytes_get_size (suffix);
}
