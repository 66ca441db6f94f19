/* evidence-validate.c: evidence-validate SCHEMA FILE exits 0 when FILE is
 * valid against SCHEMA (docs/evidence-schema.json), else prints where it
 * breaks it and exits 1. For the GUI tests, whose Python has no
 * jsonschema: the same validator as test-evidence-export.
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "evidence-schema.h"

int
main (int argc, char *argv[])
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *why = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s SCHEMA FILE\n", argv[0]);
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[2], &error))
    {
      fprintf (stderr, "%s: %s\n", argv[2], error->message);
      return 1;
    }
  if (!evidence_schema_validate (json_parser_get_root (parser), argv[1], &why))
    {
      fprintf (stderr, "%s: %s\n", argv[2], why);
      return 1;
    }
  return 0;
}
