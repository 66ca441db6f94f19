/* signet-pdf-renderer.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-pdf-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "signet-pdf-renderer.h"
#include "signet-error.h"
#include "signet-poppler-private.h"
#include "signet-worker-private.h"

/* No page is rendered larger than this many pixels (64 MB of memory);
 * a larger zoom shows a scaled-up image instead. */
#define MAX_PIXELS (4096 * 4096)
#define MAX_SIDE   32767.0

struct _SignetPageImage
{
  gatomicrefcount ref_count;
  int             page;
  double          scale;
  int             width;
  int             height;
  gsize           stride;
  GBytes         *bytes;
};

G_DEFINE_BOXED_TYPE (SignetPageImage,
                     signet_page_image,
                     signet_page_image_ref,
                     signet_page_image_unref)

typedef struct
{
  int    page;
  double scale;
} RenderRequest;

struct _SignetPdfRenderer
{
  GObject parent_instance;

  GFile *file;

  /* One worker thread renders (SIGNET_WORKER_RENDER): poppler documents
   * are not thread-safe, so this document is used by that thread alone,
   * and freed in finalize, when no task holds us any more. */
  PopplerDocument *document;
  GError          *load_error;

  /* The cache is shared between the worker, which fills it, and the main
   * thread, which looks things up. Most recently used first. */
  GMutex cache_lock;
  GQueue cache;
  gsize  cache_bytes;
  gsize  cache_size;
};

G_DEFINE_FINAL_TYPE (SignetPdfRenderer, signet_pdf_renderer, G_TYPE_OBJECT)

/**
 * signet_page_image_ref:
 * @image: a #SignetPageImage
 *
 * Returns: (transfer full): @image
 */
SignetPageImage *
signet_page_image_ref (SignetPageImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);

  g_atomic_ref_count_inc (&image->ref_count);
  return image;
}

/**
 * signet_page_image_unref:
 * @image: (transfer full): a #SignetPageImage
 *
 * Drops a reference to @image.
 */
void
signet_page_image_unref (SignetPageImage *image)
{
  g_return_if_fail (image != NULL);

  if (g_atomic_ref_count_dec (&image->ref_count))
    {
      g_bytes_unref (image->bytes);
      g_free (image);
    }
}

/**
 * signet_page_image_get_page:
 * @image: a #SignetPageImage
 *
 * Returns: the page, from 0
 */
int
signet_page_image_get_page (SignetPageImage *image)
{
  return image->page;
}

/**
 * signet_page_image_get_scale:
 * @image: a #SignetPageImage
 *
 * Returns: the pixels per point the page was asked for (the image may be
 *   smaller when that would have been too large)
 */
double
signet_page_image_get_scale (SignetPageImage *image)
{
  return image->scale;
}

/**
 * signet_page_image_get_width:
 * @image: a #SignetPageImage
 *
 * Returns: the width in pixels
 */
int
signet_page_image_get_width (SignetPageImage *image)
{
  return image->width;
}

/**
 * signet_page_image_get_height:
 * @image: a #SignetPageImage
 *
 * Returns: the height in pixels
 */
int
signet_page_image_get_height (SignetPageImage *image)
{
  return image->height;
}

/**
 * signet_page_image_get_stride:
 * @image: a #SignetPageImage
 *
 * Returns: the bytes from one row to the next
 */
gsize
signet_page_image_get_stride (SignetPageImage *image)
{
  return image->stride;
}

/**
 * signet_page_image_get_bytes:
 * @image: a #SignetPageImage
 *
 * Returns: (transfer none): the pixels
 */
GBytes *
signet_page_image_get_bytes (SignetPageImage *image)
{
  return image->bytes;
}

static gboolean
same_request (SignetPageImage *image, int page, double scale)
{
  return image->page == page && fabs (image->scale - scale) < 0.001;
}

static void
cache_insert (SignetPdfRenderer *self, SignetPageImage *image)
{
  gsize size = g_bytes_get_size (image->bytes);

  /* An image larger than the whole cache is shown, never kept. */
  if (size > self->cache_size)
    return;

  g_mutex_lock (&self->cache_lock);
  g_queue_push_head (&self->cache, signet_page_image_ref (image));
  self->cache_bytes += size;
  while (self->cache_bytes > self->cache_size)
    {
      SignetPageImage *oldest = g_queue_pop_tail (&self->cache);

      self->cache_bytes -= g_bytes_get_size (oldest->bytes);
      signet_page_image_unref (oldest);
    }
  g_mutex_unlock (&self->cache_lock);
}

/**
 * signet_pdf_renderer_lookup:
 * @self: a #SignetPdfRenderer
 * @page: the page, from 0
 * @scale: pixels per point
 *
 * Looks a rendered page up in the cache, without rendering anything.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL when it is not cached
 */
SignetPageImage *
signet_pdf_renderer_lookup (SignetPdfRenderer *self, int page, double scale)
{
  SignetPageImage *found = NULL;

  g_return_val_if_fail (SIGNET_IS_PDF_RENDERER (self), NULL);

  g_mutex_lock (&self->cache_lock);
  for (GList *l = self->cache.head; l != NULL; l = l->next)
    if (same_request (l->data, page, scale))
      {
        found = signet_page_image_ref (l->data);
        /* Used now: keep it longest. */
        g_queue_unlink (&self->cache, l);
        g_queue_push_head_link (&self->cache, l);
        break;
      }
  g_mutex_unlock (&self->cache_lock);

  return found;
}

static SignetPageImage *
render (SignetPdfRenderer *self, const RenderRequest *request, GError **error)
{
  g_autoptr (PopplerPage) page = NULL;
  SignetPageImage *image;
  cairo_surface_t *surface;
  double           width, height, scale = request->scale;
  cairo_t         *cr;

  if (self->document == NULL && self->load_error == NULL)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) bytes = g_file_load_bytes (self->file, NULL, NULL, &local_error);

      if (bytes != NULL)
        self->document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
      if (self->document == NULL)
        {
          g_debug ("Cannot open a document for preview: %s", local_error->message);
          self->load_error = g_error_new_literal (
            SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
            _ ("The document could not be shown. Check that it still exists."));
        }
    }
  if (self->load_error != NULL)
    {
      g_set_error_literal (error, self->load_error->domain, self->load_error->code,
                           self->load_error->message);
      return NULL;
    }

  page = poppler_document_get_page (self->document, request->page);
  if (page == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("The document could not be shown. Check that it still exists."));
      return NULL;
    }

  poppler_page_get_size (page, &width, &height);
  if (!isfinite (width) || !isfinite (height) || width < 1 || height < 1)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("The document could not be shown. Check that it still exists."));
      return NULL;
    }
  /* Neither the area nor either side may outgrow what cairo can hold. */
  if (width * height * scale * scale > MAX_PIXELS)
    scale = sqrt (MAX_PIXELS / (width * height));
  scale = MIN (scale, MAX_SIDE / MAX (width, height));

  image = g_new0 (SignetPageImage, 1);
  g_atomic_ref_count_init (&image->ref_count);
  image->page = request->page;
  image->scale = request->scale;
  image->width = MAX (1, (int) ceil (width * scale));
  image->height = MAX (1, (int) ceil (height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width, image->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_free (image);
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("The document could not be shown. Check that it still exists."));
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  image->stride = cairo_image_surface_get_stride (surface);
  image->bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                             image->stride * image->height,
                                             (GDestroyNotify) cairo_surface_destroy, surface);
  return image;
}

static void
render_in_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SignetPdfRenderer   *self = source_object;
  const RenderRequest *request = task_data;
  g_autoptr (SignetPageImage) image = NULL;
  GError *error = NULL;

  image = signet_pdf_renderer_lookup (self, request->page, request->scale);
  if (image == NULL)
    {
      image = render (self, request, &error);
      if (image == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      cache_insert (self, image);
    }

  g_task_return_pointer (task, g_steal_pointer (&image), (GDestroyNotify) signet_page_image_unref);
}

static void
signet_pdf_renderer_finalize (GObject *object)
{
  SignetPdfRenderer *self = SIGNET_PDF_RENDERER (object);

  g_clear_object (&self->document);
  g_clear_error (&self->load_error);
  g_clear_object (&self->file);
  g_queue_clear_full (&self->cache, (GDestroyNotify) signet_page_image_unref);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (signet_pdf_renderer_parent_class)->finalize (object);
}

static void
signet_pdf_renderer_class_init (SignetPdfRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_pdf_renderer_finalize;
}

static void
signet_pdf_renderer_init (SignetPdfRenderer *self)
{
  g_mutex_init (&self->cache_lock);
  g_queue_init (&self->cache);
}

/**
 * signet_pdf_renderer_new:
 * @file: a PDF document
 * @cache_size: how many bytes of rendered pages to keep
 *
 * Creates a renderer for the pages of @file. It opens the document on its
 * worker thread when the first page is asked for.
 *
 * Returns: (transfer full): a new #SignetPdfRenderer
 */
SignetPdfRenderer *
signet_pdf_renderer_new (GFile *file, gsize cache_size)
{
  SignetPdfRenderer *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (SIGNET_TYPE_PDF_RENDERER, NULL);
  self->file = g_object_ref (file);
  self->cache_size = cache_size;

  return self;
}

/**
 * signet_pdf_renderer_render_async:
 * @self: a #SignetPdfRenderer
 * @page: the page, from 0
 * @scale: pixels per point (the zoom times the display's scale factor)
 * @cancellable: (nullable): cancel it when the page is no longer wanted
 * @callback: called with the image on the thread-default main context
 * @user_data: data for @callback
 *
 * Renders a page on the worker thread, or takes it from the cache. The
 * latest request is served first; a cancelled one is skipped.
 */
void
signet_pdf_renderer_render_async (SignetPdfRenderer  *self,
                                  int                 page,
                                  double              scale,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  RenderRequest *request;

  g_return_if_fail (SIGNET_IS_PDF_RENDERER (self));
  g_return_if_fail (page >= 0);
  g_return_if_fail (scale > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_pdf_renderer_render_async);
  request = g_new0 (RenderRequest, 1);
  request->page = page;
  request->scale = scale;
  g_task_set_task_data (task, request, g_free);

  signet_worker_run (SIGNET_WORKER_RENDER, g_steal_pointer (&task), render_in_worker);
}

/**
 * signet_pdf_renderer_render_finish:
 * @self: a #SignetPdfRenderer
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the page's image, or %NULL with @error set
 */
SignetPageImage *
signet_pdf_renderer_render_finish (SignetPdfRenderer *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_PDF_RENDERER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_pdf_renderer_get_cache_bytes:
 * @self: a #SignetPdfRenderer
 *
 * Returns: how many bytes of pixels the cache holds now
 */
gsize
signet_pdf_renderer_get_cache_bytes (SignetPdfRenderer *self)
{
  gsize bytes;

  g_return_val_if_fail (SIGNET_IS_PDF_RENDERER (self), 0);

  g_mutex_lock (&self->cache_lock);
  bytes = self->cache_bytes;
  g_mutex_unlock (&self->cache_lock);

  return bytes;
}

/**
 * signet_pdf_renderer_get_n_cached:
 * @self: a #SignetPdfRenderer
 *
 * Returns: how many pages the cache holds now
 */
guint
signet_pdf_renderer_get_n_cached (SignetPdfRenderer *self)
{
  guint n;

  g_return_val_if_fail (SIGNET_IS_PDF_RENDERER (self), 0);

  g_mutex_lock (&self->cache_lock);
  n = self->cache.length;
  g_mutex_unlock (&self->cache_lock);

  return n;
}
