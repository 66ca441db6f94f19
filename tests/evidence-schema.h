/* evidence-schema.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean evidence_schema_validate (JsonNode *value, const char *schema_path, char **why);

G_END_DECLS
