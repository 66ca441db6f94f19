/* signet-document-page.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-document.h"
#include "signet-journal.h"
#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_DOCUMENT_PAGE (signet_document_page_get_type ())

G_DECLARE_FINAL_TYPE (SignetDocumentPage, signet_document_page, SIGNET, DOCUMENT_PAGE, AdwBin)

GtkWidget      *signet_document_page_new (void);
void            signet_document_page_set_document (SignetDocumentPage *self,
                                                   SignetJournal      *journal,
                                                   SignetDocument     *document);
void            signet_document_page_set_sync (SignetDocumentPage *self, SignetSync *sync);
SignetDocument *signet_document_page_get_document (SignetDocumentPage *self);
gboolean        signet_document_page_get_deleted (SignetDocumentPage *self);
void            signet_document_page_focus_open (SignetDocumentPage *self);

G_END_DECLS
