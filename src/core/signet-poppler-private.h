/* signet-poppler-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <poppler.h>

/* poppler-glib 22.12 declares no cleanup functions for its objects. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* signet-pdf-inspector.c: why poppler could not open a document, as a
 * #SIGNET_ERROR sentence (encrypted, or damaged). */
void signet_poppler_set_open_error (const GError *poppler_error, GError **error);

/* signet-signature-check.c: a signature field validated, and let go of on
 * the caller's thread (see there). */
PopplerSignatureInfo *signet_poppler_validate (PopplerFormField               *field,
                                               PopplerSignatureValidationFlags flags,
                                               GError                        **error);
