/* signet-pdf-view.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-inspection.h"
#include "signet-pdf-page.h"

G_BEGIN_DECLS

/**
 * SignetZoomMode:
 * @SIGNET_ZOOM_MODE_FIT_WIDTH: the page is as wide as the view
 * @SIGNET_ZOOM_MODE_FIT_PAGE: the whole page fits into the view
 * @SIGNET_ZOOM_MODE_FREE: the person chose a zoom
 *
 * How the preview sizes its page.
 */
typedef enum
{
  SIGNET_ZOOM_MODE_FIT_WIDTH,
  SIGNET_ZOOM_MODE_FIT_PAGE,
  SIGNET_ZOOM_MODE_FREE,
} SignetZoomMode;

#define SIGNET_TYPE_PDF_VIEW (signet_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (SignetPdfView, signet_pdf_view, SIGNET, PDF_VIEW, GtkWidget)

GtkWidget        *signet_pdf_view_new (void);
void              signet_pdf_view_set_document (SignetPdfView *self, SignetInspection *inspection);
SignetInspection *signet_pdf_view_get_document (SignetPdfView *self);
void              signet_pdf_view_set_page (SignetPdfView *self, int page);
int               signet_pdf_view_get_page (SignetPdfView *self);
SignetZoomMode    signet_pdf_view_get_zoom_mode (SignetPdfView *self);
double            signet_pdf_view_get_zoom (SignetPdfView *self);
SignetPdfPage    *signet_pdf_view_get_page_widget (SignetPdfView *self);

G_END_DECLS
