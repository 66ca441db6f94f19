/* test-state-names.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "signet-state-name.h"

/* Every state Signet can show is named with the words of
 * docs/vocabulary.md, in English, Slovak and Czech, read from the table
 * there and from the build's catalogues. */

typedef struct
{
  char *name[3];    /* en, sk, cs */
  char *heading[3]; /* en, sk, cs */
} Words;

static const char *const group_keys[] = {
  [SIGNET_LIBRARY_GROUP_WAITING] = "waiting", [SIGNET_LIBRARY_GROUP_PREPARING] = "preparing",
  [SIGNET_LIBRARY_GROUP_SIGNED] = "signed",   [SIGNET_LIBRARY_GROUP_CANCELLED] = "cancelled",
  [SIGNET_LIBRARY_GROUP_FAILED] = "failed",   [SIGNET_LIBRARY_GROUP_EXPIRED] = "expired",
  [SIGNET_LIBRARY_GROUP_REMOVED] = "removed",
};

static const char *const languages[] = { "C", "sk", "cs" };

/* The states table: `| group | English | Slovak | Czech | Slovak heading
 * | Czech heading | what it covers |`. */
static void
read_vocabulary (Words words[SIGNET_LIBRARY_GROUP_ALL])
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "vocabulary.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean in_table = FALSE;
  guint    found = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cells = NULL;
      guint group;

      if (g_str_has_prefix (lines[i], "<!-- states:"))
        {
          in_table = TRUE;
          continue;
        }
      if (!in_table)
        continue;
      if (!g_str_has_prefix (lines[i], "|"))
        {
          if (found > 0)
            break;
          continue;
        }
      cells = g_strsplit (lines[i], "|", -1);
      /* "", group, en, sk, cs, sk heading, cs heading, covers, "" */
      g_assert_cmpuint (g_strv_length (cells), ==, 9);
      for (guint j = 0; cells[j] != NULL; j++)
        g_strstrip (cells[j]);
      for (group = 0; group < SIGNET_LIBRARY_GROUP_ALL; group++)
        if (g_str_equal (cells[1], group_keys[group]))
          break;
      if (group == SIGNET_LIBRARY_GROUP_ALL)
        {
          /* The header and the separator line. */
          g_assert_true (g_str_equal (cells[1], "group") || g_str_has_prefix (cells[1], "---"));
          continue;
        }
      g_assert_null (words[group].name[0]);
      words[group].name[0] = g_strdup (cells[2]);
      words[group].name[1] = g_strdup (cells[3]);
      words[group].name[2] = g_strdup (cells[4]);
      words[group].heading[0] = g_strdup (cells[2]);
      words[group].heading[1] = g_strdup (cells[5]);
      words[group].heading[2] = g_strdup (cells[6]);
      found++;
    }
  /* One row for every state, and no more. */
  g_assert_cmpuint (found, ==, SIGNET_LIBRARY_GROUP_ALL);
}

static void
words_clear (Words words[SIGNET_LIBRARY_GROUP_ALL])
{
  for (guint g = 0; g < SIGNET_LIBRARY_GROUP_ALL; g++)
    for (guint l = 0; l < 3; l++)
      {
        g_free (words[g].name[l]);
        g_free (words[g].heading[l]);
      }
}

static void
use_language (const char *language)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  g_setenv ("LANGUAGE", language, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/* Each state's name and heading, as the table says, in each language. */
static void
test_names (gconstpointer data)
{
  guint language = GPOINTER_TO_UINT (data);

  if (g_test_subprocess ())
    {
      Words words[SIGNET_LIBRARY_GROUP_ALL] = { 0 };

      read_vocabulary (words);
      use_language (languages[language]);
      for (guint g = 0; g < SIGNET_LIBRARY_GROUP_ALL; g++)
        {
          g_test_message ("%s: %s", languages[language], group_keys[g]);
          g_assert_cmpstr (signet_state_get_name (g), ==, words[g].name[language]);
          g_assert_cmpstr (signet_state_get_heading (g), ==, words[g].heading[language]);
        }
      words_clear (words);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Whatever Signet knows about a document, it shows one of the states of
 * the table, and every state is reachable. */
static void
test_every_status (void)
{
  Words    words[SIGNET_LIBRARY_GROUP_ALL] = { 0 };
  gboolean reached[SIGNET_LIBRARY_GROUP_ALL] = { FALSE };

  read_vocabulary (words);
  for (int status = SIGNET_DOCUMENT_STATUS_PENDING; status <= SIGNET_DOCUMENT_STATUS_REMOVED;
       status++)
    for (int state = SIGNET_DOCUMENT_STATE_UNKNOWN; state <= SIGNET_DOCUMENT_STATE_ERRORSENDINFO;
         state++)
      {
        SignetLibraryGroup group = signet_state_for_status (status, state);

        g_assert_cmpint (group, >=, 0);
        g_assert_cmpint (group, <, SIGNET_LIBRARY_GROUP_ALL);
        g_assert_cmpstr (signet_state_get_name (group), ==, words[group].name[0]);
        reached[group] = TRUE;
      }
  for (guint g = 0; g < SIGNET_LIBRARY_GROUP_ALL; g++)
    g_assert_true (reached[g]);
  words_clear (words);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/state-names/en", GUINT_TO_POINTER (0), test_names);
  g_test_add_data_func ("/state-names/sk", GUINT_TO_POINTER (1), test_names);
  g_test_add_data_func ("/state-names/cs", GUINT_TO_POINTER (2), test_names);
  g_test_add_func ("/state-names/every-status", test_every_status);

  return g_test_run ();
}
