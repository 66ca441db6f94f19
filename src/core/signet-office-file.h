/* signet-office-file.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SignetOfficeFileKind:
 * @SIGNET_OFFICE_FILE_PRESETS: presets only ("Export Presets…")
 * @SIGNET_OFFICE_FILE_SETTINGS: an office's settings and presets
 *   ("Export Office Settings…")
 *
 * What a file of presets or settings holds.
 */
typedef enum
{
  SIGNET_OFFICE_FILE_PRESETS,
  SIGNET_OFFICE_FILE_SETTINGS,
} SignetOfficeFileKind;

typedef struct _SignetOfficeFile SignetOfficeFile;

char *signet_presets_export (GSettings *settings, const char *const *names);
char *signet_office_settings_export (GSettings *settings);

SignetOfficeFile    *signet_office_file_parse (const char *data, gssize length, GError **error);
void                 signet_office_file_free (SignetOfficeFile *self);
SignetOfficeFileKind signet_office_file_get_kind (SignetOfficeFile *self);
const char *const   *signet_office_file_get_warnings (SignetOfficeFile *self);
char               **signet_office_file_list_presets (SignetOfficeFile *self);
const char          *signet_office_file_get_preset (SignetOfficeFile *self, const char *name);
char                *signet_office_file_take_string (SignetOfficeFile *self, const char *name);
void                 signet_office_file_drop_settings (SignetOfficeFile *self);
void                 signet_office_file_remove_preset (SignetOfficeFile *self, const char *name);
char **signet_office_file_list_conflicts (SignetOfficeFile *self, GSettings *settings);
guint  signet_office_file_apply (SignetOfficeFile *self, GSettings *settings, gboolean replace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetOfficeFile, signet_office_file_free)

G_END_DECLS
