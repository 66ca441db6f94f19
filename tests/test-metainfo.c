/* test-metainfo.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signet-metainfo.h"

static char *
read_fixture (const char *name, gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_untranslated (void)
{
  const char *const languages[] = { "C", NULL };
  g_autoptr (SignetRelease) release = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  gsize            length;

  xml = read_fixture ("release-notes.metainfo.xml", &length);
  release = signet_metainfo_parse_latest_release (xml, length, languages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (release);
  g_assert_cmpstr (release->version, ==, "2.0");
  g_assert_cmpstr (release->notes, ==,
                   "<p>Second &amp; better, with <em>emphasis</em> and <code>code</code>.</p>"
                   "<ul><li>One</li><li>Two lines</li></ul>");
}

static void
test_translated (void)
{
  const char *const slovak[] = { "sk_SK.UTF-8", "sk_SK", "sk", "C", NULL };
  const char *const czech[] = { "cs_CZ", "cs", "C", NULL };
  const char *const german[] = { "de_DE", "de", "C", NULL };
  g_autoptr (SignetRelease) sk = NULL;
  g_autoptr (SignetRelease) cs = NULL;
  g_autoptr (SignetRelease) de = NULL;
  g_autofree char *xml = NULL;
  gsize            length;

  xml = read_fixture ("release-notes.metainfo.xml", &length);

  sk = signet_metainfo_parse_latest_release (xml, length, slovak, NULL);
  g_assert_cmpstr (sk->notes, ==, "<p>Druhé a lepšie</p><ul><li>Jeden</li><li>Two lines</li></ul>");

  cs = signet_metainfo_parse_latest_release (xml, length, czech, NULL);
  g_assert_cmpstr (cs->notes, ==, "<p>Druhé a lepší</p><ul><li>One</li><li>Two lines</li></ul>");

  /* No translation: the original text, never another language's. */
  de = signet_metainfo_parse_latest_release (xml, -1, german, NULL);
  g_assert_true (g_str_has_prefix (de->notes, "<p>Second &amp; better"));
}

static void
test_errors (void)
{
  g_autoptr (GError) error = NULL;
  SignetRelease *release;

  release = signet_metainfo_parse_latest_release ("<component><releases>", -1, NULL, &error);
  g_assert_null (release);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE);
  g_clear_error (&error);

  release = signet_metainfo_parse_latest_release ("<component/>", -1, NULL, &error);
  g_assert_null (release);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT);
  g_clear_error (&error);

  release = signet_metainfo_parse_latest_release ("<component><releases><release version=\"1\">"
                                                  "<description><p>Hi <script>x</script></p>"
                                                  "</description></release></releases></component>",
                                                  -1, NULL, &error);
  g_assert_null (release);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT);
  g_clear_error (&error);

  release = signet_metainfo_parse_latest_release ("<component><releases><release version=\"3\"/>"
                                                  "</releases></component>",
                                                  -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (release->version, ==, "3");
  g_assert_null (release->notes);
  signet_release_free (release);
}

/* The metainfo that ships is the one the About window reads: its newest
 * release must be this version, with notes in every language we ship. */
static void
test_shipped_metainfo (void)
{
  const char *const languages[][3] = { { "C", NULL }, { "sk", "C", NULL }, { "cs", "C", NULL } };
  g_autofree char  *path = NULL;
  g_autofree char  *xml = NULL;
  g_autofree char  *english = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  path = g_test_build_filename (G_TEST_BUILT, "..", "data", APPLICATION_ID ".metainfo.xml", NULL);
  g_file_get_contents (path, &xml, &length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr (SignetRelease) release = NULL;

      release = signet_metainfo_parse_latest_release (xml, length, languages[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (release->version, ==, PACKAGE_VERSION);
      g_assert_nonnull (release->notes);
      g_assert_true (g_str_has_prefix (release->notes, "<p>"));

      if (i == 0)
        english = g_strdup (release->notes);
      else
        g_assert_cmpstr (release->notes, !=, english);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metainfo/untranslated", test_untranslated);
  g_test_add_func ("/metainfo/translated", test_translated);
  g_test_add_func ("/metainfo/errors", test_errors);
  g_test_add_func ("/metainfo/shipped", test_shipped_metainfo);

  return g_test_run ();
}
