/* signet-elsewhere-dialog.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-deletions.h"

G_BEGIN_DECLS

typedef void (*SignetElsewhereConfirmed) (GtkWidget         *widget,
                                          GPtrArray         *documents,
                                          SignetDeletionKind kind);

gboolean signet_elsewhere_confirm (GtkWidget               *widget,
                                   GPtrArray               *documents,
                                   SignetDeletionKind       kind,
                                   SignetElsewhereConfirmed confirmed);

G_END_DECLS
