/* signet-pdf-inspector.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-inspection.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_PDF_INSPECTOR (signet_pdf_inspector_get_type ())

G_DECLARE_FINAL_TYPE (SignetPdfInspector, signet_pdf_inspector, SIGNET, PDF_INSPECTOR, GObject)

SignetPdfInspector *signet_pdf_inspector_new (void);
void                signet_pdf_inspector_inspect_async (SignetPdfInspector *self,
                                                        GFile              *file,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
SignetInspection   *signet_pdf_inspector_inspect_finish (SignetPdfInspector *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
SignetInspection *signet_pdf_inspect_file (GFile *file, GCancellable *cancellable, GError **error);

G_END_DECLS
