/* signet-round-editor.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "signet-request-spec.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_ROUND_EDITOR (signet_round_editor_get_type ())

G_DECLARE_FINAL_TYPE (SignetRoundEditor,
                      signet_round_editor,
                      SIGNET,
                      ROUND_EDITOR,
                      AdwPreferencesGroup)

GtkWidget       *signet_round_editor_new (SignetRoundSpec *round);
SignetRoundSpec *signet_round_editor_get_round (SignetRoundEditor *self);
void signet_round_editor_set_position (SignetRoundEditor *self, guint index, guint n_rounds);
void signet_round_editor_set_places (SignetRoundEditor *self, const char *const *places);
void signet_round_editor_show_problems (SignetRoundEditor *self, GPtrArray *problems);

G_END_DECLS
