/* signet-archive-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the archive gives a download its final name, first to last: each
 * is tried when the file system refuses the one before. */
typedef enum
{
  SIGNET_ARCHIVE_METHOD_LINK,   /* link(): fails with EEXIST, never replaces */
  SIGNET_ARCHIVE_METHOD_RENAME, /* renameat2() with RENAME_NOREPLACE (no hard links) */
  SIGNET_ARCHIVE_METHOD_COPY,   /* a copy into O_CREAT | O_EXCL, synced (neither) */
} SignetArchiveMethod;

char *signet_archive_publish (const char *temp,
                              const char *folder,
                              const char *filename,
                              GDateTime  *date,
                              GError    **error);

/* For tests: start with @method, as on a file system that refuses the
 * ones before it. */
void signet_archive_force_method (SignetArchiveMethod method);

/* For tests: @hook is called with each name just before the archive
 * tries to take it, e.g. to make a file appear there at that moment. */
typedef void (*SignetArchiveNameHook) (const char *path, gpointer user_data);
void signet_archive_set_name_hook (SignetArchiveNameHook hook, gpointer user_data);

G_END_DECLS
