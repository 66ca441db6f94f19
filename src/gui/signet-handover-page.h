/* signet-handover-page.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_HANDOVER_PAGE (signet_handover_page_get_type ())

G_DECLARE_FINAL_TYPE (SignetHandoverPage, signet_handover_page, SIGNET, HANDOVER_PAGE, GtkWidget)

GtkWidget  *signet_handover_page_new (void);
void        signet_handover_page_set_documents (SignetHandoverPage *self, GListModel *documents);
GListModel *signet_handover_page_get_documents (SignetHandoverPage *self);
guint       signet_handover_page_get_position (SignetHandoverPage *self);
void        signet_handover_page_set_position (SignetHandoverPage *self, guint position);
void        signet_handover_page_present (SignetHandoverPage *self);
void        signet_handover_page_set_sync (SignetHandoverPage *self, SignetSync *sync);
gboolean    signet_handover_page_focus (SignetHandoverPage *self);

G_END_DECLS
