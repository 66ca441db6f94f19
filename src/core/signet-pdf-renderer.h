/* signet-pdf-renderer.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SignetPageImage:
 *
 * The pixels of one rendered page: 32-bit premultiplied ARGB in native
 * byte order (cairo's %CAIRO_FORMAT_ARGB32). Immutable and reference
 * counted, so it may be shared between threads.
 */
typedef struct _SignetPageImage SignetPageImage;

#define SIGNET_TYPE_PAGE_IMAGE (signet_page_image_get_type ())

GType            signet_page_image_get_type (void) G_GNUC_CONST;
SignetPageImage *signet_page_image_ref (SignetPageImage *image);
void             signet_page_image_unref (SignetPageImage *image);
int              signet_page_image_get_page (SignetPageImage *image);
double           signet_page_image_get_scale (SignetPageImage *image);
int              signet_page_image_get_width (SignetPageImage *image);
int              signet_page_image_get_height (SignetPageImage *image);
gsize            signet_page_image_get_stride (SignetPageImage *image);
GBytes          *signet_page_image_get_bytes (SignetPageImage *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetPageImage, signet_page_image_unref)

#define SIGNET_TYPE_PDF_RENDERER (signet_pdf_renderer_get_type ())

G_DECLARE_FINAL_TYPE (SignetPdfRenderer, signet_pdf_renderer, SIGNET, PDF_RENDERER, GObject)

SignetPdfRenderer *signet_pdf_renderer_new (GFile *file, gsize cache_size);
SignetPageImage   *signet_pdf_renderer_lookup (SignetPdfRenderer *self, int page, double scale);
void               signet_pdf_renderer_render_async (SignetPdfRenderer  *self,
                                                     int                 page,
                                                     double              scale,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
SignetPageImage *
signet_pdf_renderer_render_finish (SignetPdfRenderer *self, GAsyncResult *result, GError **error);
gsize signet_pdf_renderer_get_cache_bytes (SignetPdfRenderer *self);
guint signet_pdf_renderer_get_n_cached (SignetPdfRenderer *self);

G_END_DECLS
