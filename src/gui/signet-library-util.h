/* signet-library-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "signet-document.h"
#include "signet-evidence-export.h"
#include "signet-journal.h"
#include "signet-library.h"

G_BEGIN_DECLS

const char *signet_library_group_get_title (SignetLibraryGroup group);
const char *signet_document_get_badge (SignetDocument *document);
char       *signet_format_time (gint64 unix_ms);
char       *signet_format_date_time (gint64 unix_ms);
char       *signet_format_folder (const char *folder);
void        signet_document_append_origin (char **text, SignetDocument *document);
char       *signet_document_dup_local_path (SignetDocument *document);

G_END_DECLS
