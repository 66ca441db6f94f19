/* signet-inspection.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "signet-types.h"

G_BEGIN_DECLS

/**
 * SignetDocumentKind:
 * @SIGNET_DOCUMENT_KIND_PDF: a PDF document
 * @SIGNET_DOCUMENT_KIND_WORD: a Word document (.doc or .docx), converted by the service
 * @SIGNET_DOCUMENT_KIND_EXCEL: an Excel workbook (.xls or .xlsx), converted by the service
 *
 * What a file is, judged by its content.
 */
typedef enum
{
  SIGNET_DOCUMENT_KIND_PDF,
  SIGNET_DOCUMENT_KIND_WORD,
  SIGNET_DOCUMENT_KIND_EXCEL,
} SignetDocumentKind;

/**
 * SignetSigningMode:
 * @SIGNET_SIGNING_MODE_ANYWHERE: the signer may sign wherever they tap
 * @SIGNET_SIGNING_MODE_FIELDS: the signer signs the document's signature fields
 * @SIGNET_SIGNING_MODE_TAGS: the service turns the document's text tags into fields
 *
 * Where the signer signs.
 */
typedef enum
{
  SIGNET_SIGNING_MODE_ANYWHERE,
  SIGNET_SIGNING_MODE_FIELDS,
  SIGNET_SIGNING_MODE_TAGS,
} SignetSigningMode;

/**
 * SignetSpotKind:
 * @SIGNET_SPOT_KIND_FIELD: a signature form field of the PDF
 * @SIGNET_SPOT_KIND_TAG: a text tag such as `_SC1_`
 *
 * What marks a place to sign.
 */
typedef enum
{
  SIGNET_SPOT_KIND_FIELD,
  SIGNET_SPOT_KIND_TAG,
} SignetSpotKind;

/**
 * SignetSignatureSpot:
 * @kind: a field or a text tag
 * @name: the field's name or the tag itself
 * @page: the page, counted from 0
 * @x: left edge in points from the page's left
 * @y: top edge in points from the page's top
 * @width: width in points
 * @height: height in points
 * @required: whether the signer must sign here
 *
 * A place in a document where someone is to sign.
 */
typedef struct
{
  SignetSpotKind kind;
  char          *name;
  int            page;
  double         x;
  double         y;
  double         width;
  double         height;
  gboolean       required;
} SignetSignatureSpot;

#define SIGNET_TYPE_SIGNATURE_SPOT (signet_signature_spot_get_type ())

GType                signet_signature_spot_get_type (void) G_GNUC_CONST;
SignetSignatureSpot *signet_signature_spot_new (SignetSpotKind kind,
                                                const char    *name,
                                                int            page,
                                                double         x,
                                                double         y,
                                                double         width,
                                                double         height);
SignetSignatureSpot *signet_signature_spot_copy (const SignetSignatureSpot *spot);
void                 signet_signature_spot_free (SignetSignatureSpot *spot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSignatureSpot, signet_signature_spot_free)

#define SIGNET_TYPE_INSPECTION (signet_inspection_get_type ())

G_DECLARE_FINAL_TYPE (SignetInspection, signet_inspection, SIGNET, INSPECTION, GObject)

SignetInspection  *signet_inspection_new (GFile *file, SignetDocumentKind kind, goffset size);
GFile             *signet_inspection_get_file (SignetInspection *self);
SignetDocumentKind signet_inspection_get_kind (SignetInspection *self);
goffset            signet_inspection_get_size (SignetInspection *self);
int                signet_inspection_get_n_pages (SignetInspection *self);
void
signet_inspection_get_page_size (SignetInspection *self, int page, double *width, double *height);
void       signet_inspection_add_page (SignetInspection *self, double width, double height);
void       signet_inspection_get_pdf_version (SignetInspection *self, guint *major, guint *minor);
void       signet_inspection_set_pdf_version (SignetInspection *self, guint major, guint minor);
gboolean   signet_inspection_get_old_version (SignetInspection *self);
GPtrArray *signet_inspection_get_spots (SignetInspection *self);
void       signet_inspection_add_spot (SignetInspection *self, SignetSignatureSpot *spot);
guint      signet_inspection_count_spots (SignetInspection *self, SignetSpotKind kind);
const char *const *signet_inspection_get_form_fields (SignetInspection *self);
void               signet_inspection_add_form_field (SignetInspection *self, const char *name);
SignetSigningMode  signet_inspection_get_signing_mode (SignetInspection *self);
char              *signet_inspection_dup_summary (SignetInspection *self);
char              *signet_inspection_dup_note (SignetInspection *self);

G_END_DECLS
