/* signet-form-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GBinding   *signet_form_bind_text (gpointer source, const char *property, gpointer editable);
GBinding   *signet_form_bind_enum (gpointer source, const char *property, AdwComboRow *row);
void        signet_form_mark_row (GtkWidget *row, const char *message);
const char *signet_form_language_name (const char *code);

G_END_DECLS
