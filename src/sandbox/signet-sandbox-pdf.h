/* signet-sandbox-pdf.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "signet-sandbox-sign.h"

G_BEGIN_DECLS

/**
 * SignetSandboxField:
 * @name: the acrofield's name or the text tag (`_SO1_`)
 * @page: the page, counted from 0
 * @x: left edge in points from the page's left edge
 * @y: top edge in points from the page's top edge
 * @width: width in points
 * @height: height in points
 *
 * A place to sign on a page.
 */
typedef struct
{
  char  *name;
  int    page;
  double x;
  double y;
  double width;
  double height;
} SignetSandboxField;

SignetSandboxField *signet_sandbox_field_new (const char *name,
                                              int         page,
                                              double      x,
                                              double      y,
                                              double      width,
                                              double      height);
SignetSandboxField *signet_sandbox_field_copy (const SignetSandboxField *field);
void                signet_sandbox_field_free (SignetSandboxField *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSandboxField, signet_sandbox_field_free)

gboolean   signet_sandbox_pdf_inspect (GBytes     *pdf,
                                       int        *n_pages,
                                       GPtrArray **signature_fields,
                                       GError    **error);
GPtrArray *signet_sandbox_pdf_find_tags (GBytes *pdf, GError **error);
GBytes    *signet_sandbox_pdf_render_page_png (GBytes *pdf, int page, int width_px, GError **error);
GBytes    *signet_sandbox_pdf_stamp (GBytes *pdf, const char *text, GError **error);
GBytes    *signet_sandbox_pdf_sign (GBytes            *pdf,
                                    GPtrArray         *places,
                                    const char        *name,
                                    const char        *date,
                                    SignetSandboxCert *cert,
                                    gint64             signing_time,
                                    GError           **error);
GBytes    *signet_sandbox_pdf_placeholder (const char *filename, GError **error);

G_END_DECLS
