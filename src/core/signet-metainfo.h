/* signet-metainfo.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SignetRelease SignetRelease;

/**
 * SignetRelease:
 * @version: the release's version string
 * @notes: (nullable): the release description as AppStream markup
 *   (`<p>`, `<ul>`, `<ol>`, `<li>`, `<em>`, `<code>`), or %NULL if it has none
 *
 * The newest release listed in an AppStream metainfo file.
 */
struct _SignetRelease
{
  char *version;
  char *notes;
};

void signet_release_free (SignetRelease *release);

SignetRelease *signet_metainfo_parse_latest_release (const char        *xml,
                                                     gssize             length,
                                                     const char *const *languages,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetRelease, signet_release_free)

G_END_DECLS
