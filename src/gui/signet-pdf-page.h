/* signet-pdf-page.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-inspection.h"
#include "signet-pdf-renderer.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_PDF_PAGE (signet_pdf_page_get_type ())

G_DECLARE_FINAL_TYPE (SignetPdfPage, signet_pdf_page, SIGNET, PDF_PAGE, GtkWidget)

GtkWidget *signet_pdf_page_new (void);
void       signet_pdf_page_set_document (SignetPdfPage     *self,
                                         SignetInspection  *inspection,
                                         SignetPdfRenderer *renderer);
void       signet_pdf_page_set_page (SignetPdfPage *self, int page);
int        signet_pdf_page_get_page (SignetPdfPage *self);
void       signet_pdf_page_set_zoom (SignetPdfPage *self, double zoom);
double     signet_pdf_page_get_zoom (SignetPdfPage *self);
gboolean   signet_pdf_page_is_rendered (SignetPdfPage *self);
guint      signet_pdf_page_get_n_outlines (SignetPdfPage *self);

GdkTexture *signet_pdf_page_get_texture (SignetPdfPage *self);

G_END_DECLS
