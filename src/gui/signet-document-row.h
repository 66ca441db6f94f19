/* signet-document-row.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-document.h"
#include "signet-library.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_DOCUMENT_ROW (signet_document_row_get_type ())

G_DECLARE_FINAL_TYPE (SignetDocumentRow, signet_document_row, SIGNET, DOCUMENT_ROW, GtkWidget)

GtkWidget *signet_document_row_new (void);
void       signet_document_row_set_document (SignetDocumentRow *self, SignetDocument *document);
SignetDocument *signet_document_row_get_document (SignetDocumentRow *self);
void signet_document_row_set_environment (SignetDocumentRow *self, const char *environment);

const char *signet_library_group_get_title (SignetLibraryGroup group);
const char *signet_document_get_badge (SignetDocument *document);
char       *signet_format_time (gint64 unix_ms);

G_END_DECLS
