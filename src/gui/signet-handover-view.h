/* signet-handover-view.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-document.h"
#include "signet-handover-state.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_HANDOVER_VIEW (signet_handover_view_get_type ())

G_DECLARE_FINAL_TYPE (SignetHandoverView, signet_handover_view, SIGNET, HANDOVER_VIEW, GtkWidget)

GtkWidget      *signet_handover_view_new (void);
SignetDocument *signet_handover_view_get_document (SignetHandoverView *self);
void     signet_handover_view_set_document (SignetHandoverView *self, SignetDocument *document);
void     signet_handover_view_set_sync (SignetHandoverView *self, SignetSync *sync);
gboolean signet_handover_view_focus_link (SignetHandoverView *self, GtkWidget *holder);

G_END_DECLS
