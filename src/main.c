/* main.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "signet-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (SignetApplication) app = NULL;
  const char *localedir;

  /* Tests run Signet from the build tree, where the catalogs are not installed. */
  localedir = g_getenv ("SIGNET_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("signet");
  g_set_application_name (_ ("Signet"));

  app = signet_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
