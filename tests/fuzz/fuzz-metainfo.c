/* fuzz-metainfo.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the AppStream metainfo parser that gives the About
 * window its release notes.
 */

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "signet-metainfo.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const languages[][4] = {
    { "C", NULL, NULL, NULL },
    { "sk_SK", "sk", "C", NULL },
  };
  g_autoptr (SignetRelease) release = NULL;
  g_autoptr (GError) error = NULL;

  fuzz_init ();
  if (size == 0)
    return 0;

  release = signet_metainfo_parse_latest_release ((const char *) data + 1, (gssize) size - 1,
                                                  languages[data[0] & 1], &error);
  /* Either a release, an error, or neither (no release listed); never both. */
  g_assert_true (release == NULL || error == NULL);
  if (release != NULL)
    g_assert_nonnull (release->version);

  return 0;
}
