/* fuzz-pdf-inspector.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: inspecting a file someone dropped on the window. The
 * inspector reads files, so each input is written to one file first.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "fuzz-common.h"
#include "signet-error.h"
#include "signet-pdf-inspector.h"

static char *path;

static void
remove_file (void)
{
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SignetInspection) inspection = NULL;

  fuzz_init ();
  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("signet-fuzz-XXXXXX", NULL);

      g_assert_nonnull (dir);
      path = g_build_filename (dir, "input.pdf", NULL);
      atexit (remove_file);
    }

  g_file_set_contents (path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  inspection = signet_pdf_inspect_file (file, NULL, &error);
  g_assert ((inspection == NULL) != (error == NULL));
  if (inspection != NULL)
    {
      g_autofree char *summary = signet_inspection_dup_summary (inspection);
      g_autofree char *note = signet_inspection_dup_note (inspection);

      /* Word and Excel files are converted later: no pages yet. */
      if (signet_inspection_get_kind (inspection) == SIGNET_DOCUMENT_KIND_PDF)
        g_assert_cmpint (signet_inspection_get_n_pages (inspection), >, 0);
    }
  else
    g_assert_true (error->domain == SIGNET_ERROR);

  return 0;
}
