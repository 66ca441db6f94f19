/* signet-check-dialog.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_CHECK_DIALOG (signet_check_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SignetCheckDialog, signet_check_dialog, SIGNET, CHECK_DIALOG, AdwWindow)

GtkWidget *signet_check_dialog_new (GtkWindow *parent, GListModel *documents);
void       signet_check_dialog_check_file (SignetCheckDialog *self, GFile *file);
gboolean   signet_check_dialog_take_drop (GtkWindow *parent, GListModel *documents, GSList *files);

G_END_DECLS
