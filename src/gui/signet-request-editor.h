/* signet-request-editor.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-account.h"
#include "signet-intake-queue.h"
#include "signet-request-spec.h"
#include "signet-sync.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_REQUEST_EDITOR (signet_request_editor_get_type ())

G_DECLARE_FINAL_TYPE (SignetRequestEditor, signet_request_editor, SIGNET, REQUEST_EDITOR, AdwBin)

GtkWidget *signet_request_editor_new (void);
void       signet_request_editor_set_context (SignetRequestEditor *self,
                                              GSettings           *settings,
                                              SignetAccount       *account,
                                              SignetSync          *sync);
void       signet_request_editor_set_queue (SignetRequestEditor *self, SignetIntakeQueue *queue);
void       signet_request_editor_set_item (SignetRequestEditor *self, SignetIntakeItem *item);
SignetRequestSpec *signet_request_editor_get_spec (SignetRequestEditor *self);
SignetRequestSpec *signet_request_editor_spec_for_item (SignetRequestEditor *self,
                                                        SignetIntakeItem    *item);
const char        *signet_request_editor_get_blocker (SignetRequestEditor *self);
gboolean           signet_request_editor_get_sending (SignetRequestEditor *self);
void
signet_request_editor_prefill (SignetRequestEditor *self, GFile *file, SignetRequestSpec *spec);

G_END_DECLS
