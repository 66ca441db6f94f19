/* signet-document-row.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-document.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_DOCUMENT_ROW (signet_document_row_get_type ())

G_DECLARE_FINAL_TYPE (SignetDocumentRow, signet_document_row, SIGNET, DOCUMENT_ROW, GtkWidget)

GtkWidget      *signet_document_row_new (void);
void            signet_document_row_set_item (SignetDocumentRow *self, SignetDocument *item);
SignetDocument *signet_document_row_get_item (SignetDocumentRow *self);
void signet_document_row_set_environment (SignetDocumentRow *self, const char *environment);

G_END_DECLS
