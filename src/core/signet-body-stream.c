/* signet-body-stream.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-body-stream-private.h"

#include <string.h>

/* A GConverter that wraps its input between a prefix and a suffix,
 * optionally base64-encoding it; a GConverterInputStream drives it. */

#define SIGNET_TYPE_BODY_CONVERTER (signet_body_converter_get_type ())
G_DECLARE_FINAL_TYPE (SignetBodyConverter, signet_body_converter, SIGNET, BODY_CONVERTER, GObject)

typedef enum
{
  PHASE_PREFIX,
  PHASE_CONTENT,
  PHASE_SUFFIX,
  PHASE_DONE,
} Phase;

struct _SignetBodyConverter
{
  GObject parent_instance;

  GBytes  *prefix;
  GBytes  *suffix;
  gboolean base64;

  Phase phase;
  gsize offset; /* in the prefix or suffix */
  int   state;  /* of g_base64_encode_step () */
  int   save;
};

static void signet_body_converter_iface_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SignetBodyConverter,
                               signet_body_converter,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER,
                                                      signet_body_converter_iface_init))

static gsize
copy_part (SignetBodyConverter *self, GBytes *part, char *out, gsize out_size)
{
  gsize       length;
  const char *data = g_bytes_get_data (part, &length);
  gsize       n = MIN (length - self->offset, out_size);

  memcpy (out, data + self->offset, n);
  self->offset += n;
  if (self->offset == length)
    {
      self->offset = 0;
      self->phase++;
    }
  return n;
}

static GConverterResult
signet_body_converter_convert (GConverter     *converter,
                               const void     *inbuf,
                               gsize           inbuf_size,
                               void           *outbuf,
                               gsize           outbuf_size,
                               GConverterFlags flags,
                               gsize          *bytes_read,
                               gsize          *bytes_written,
                               GError        **error)
{
  SignetBodyConverter *self = SIGNET_BODY_CONVERTER (converter);
  char                *out = outbuf;
  gsize                written = 0;

  *bytes_read = 0;

  if (self->phase == PHASE_PREFIX)
    written += copy_part (self, self->prefix, out, outbuf_size);

  if (self->phase == PHASE_CONTENT && written < outbuf_size)
    {
      gsize space = outbuf_size - written;

      if (self->base64)
        {
          /* An encode step of n bytes writes at most (n + 2) / 3 * 4 bytes,
           * the closing step at most 4: keep room for the worst case. */
          gsize n = space >= 8 ? (space / 4 - 1) * 3 : 0;

          n = MIN (n, inbuf_size);
          if (n > 0)
            {
              written
                += g_base64_encode_step (inbuf, n, FALSE, out + written, &self->state, &self->save);
              *bytes_read = n;
            }
          if (n == inbuf_size && (flags & G_CONVERTER_INPUT_AT_END) && outbuf_size - written >= 4)
            {
              written += g_base64_encode_close (FALSE, out + written, &self->state, &self->save);
              self->phase = PHASE_SUFFIX;
            }
        }
      else
        {
          gsize n = MIN (space, inbuf_size);

          memcpy (out + written, inbuf, n);
          written += n;
          *bytes_read = n;
          if (n == inbuf_size && (flags & G_CONVERTER_INPUT_AT_END))
            self->phase = PHASE_SUFFIX;
        }
    }

  if (self->phase == PHASE_SUFFIX && written < outbuf_size)
    written += copy_part (self, self->suffix, out + written, outbuf_size - written);

  *bytes_written = written;
  if (self->phase == PHASE_DONE)
    return G_CONVERTER_FINISHED;
  if (written == 0 && *bytes_read == 0)
    {
      if (inbuf_size == 0 && !(flags & G_CONVERTER_INPUT_AT_END))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "Need more input");
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Need more room");
      return G_CONVERTER_ERROR;
    }
  return G_CONVERTER_CONVERTED;
}

static void
signet_body_converter_reset (GConverter *converter)
{
  SignetBodyConverter *self = SIGNET_BODY_CONVERTER (converter);

  self->phase = PHASE_PREFIX;
  self->offset = 0;
  self->state = self->save = 0;
}

static void
signet_body_converter_iface_init (GConverterIface *iface)
{
  iface->convert = signet_body_converter_convert;
  iface->reset = signet_body_converter_reset;
}

static void
signet_body_converter_finalize (GObject *object)
{
  SignetBodyConverter *self = SIGNET_BODY_CONVERTER (object);

  g_bytes_unref (self->prefix);
  g_bytes_unref (self->suffix);

  G_OBJECT_CLASS (signet_body_converter_parent_class)->finalize (object);
}

static void
signet_body_converter_class_init (SignetBodyConverterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_body_converter_finalize;
}

static void
signet_body_converter_init (SignetBodyConverter *self)
{
}

GInputStream *
signet_body_stream_new (GInputStream *content, GBytes *prefix, gboolean base64, GBytes *suffix)
{
  g_autoptr (SignetBodyConverter) converter = g_object_new (SIGNET_TYPE_BODY_CONVERTER, NULL);

  converter->prefix = g_bytes_ref (prefix);
  converter->suffix = g_bytes_ref (suffix);
  converter->base64 = base64;
  return g_converter_input_stream_new (content, G_CONVERTER (converter));
}

goffset
signet_body_stream_length (goffset content_length, GBytes *prefix, gboolean base64, GBytes *suffix)
{
  goffset body = base64 ? (content_length + 2) / 3 * 4 : content_length;

  return g_bytes_get_size (prefix) + body + g_bytes_get_size (suffix);
}
