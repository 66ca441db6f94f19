/* test-shared-presets.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office's presets folder: read, followed as files change, appear
 * and go, and a folder that cannot be read.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "signet-shared-presets.h"

#define INTERVAL_MS 50
#define DEADLINE_S  30

typedef struct
{
  char  *folder;
  guint  changed;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *root = g_dir_make_tmp ("signet-shared-XXXXXX", NULL);

  f->folder = g_build_filename (root, "Office presets", NULL);
  f->file = g_file_new_for_path (f->folder);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->folder, 0, NULL);
  g_autofree char *root = g_path_get_dirname (f->folder);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->folder, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->folder);
  g_rmdir (root);
  g_free (f->folder);
  g_object_unref (f->file);
}

static void
write_presets (Fixture *f, const char *file, const char *const *presets)
{
  g_autoptr (GString) text
    = g_string_new ("{\"format\": \"signet-presets\", \"version\": 1, \"presets\": [");
  g_autofree char *path = g_build_filename (f->folder, file, NULL);
  g_autofree char *temp = g_strconcat (path, ".part", NULL);
  g_autoptr (GError) error = NULL;

  /* name, sender e-mail, name, … */
  for (guint i = 0; presets[i] != NULL; i += 2)
    g_string_append_printf (text,
                            "%s{\"name\": \"%s\", \"preset\": {\"version\": 1, \"rounds\": [{}], "
                            "\"senderEmail\": \"%s\"}}",
                            i > 0 ? ", " : "", presets[i], presets[i + 1]);
  g_string_append (text, "]}");
  g_mkdir_with_parents (f->folder, 0700);
  /* As another desk saving over the share would: a new file in place. */
  g_file_set_contents (temp, text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (temp, path), ==, 0);
}

static void
changed_cb (SignetSharedPresets *presets, Fixture *f)
{
  f->changed++;
}

static void
wait_changed (Fixture *f, guint changed, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (f->changed < changed)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %d s for the presets to change: %s", DEADLINE_S, what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *
sender_of (SignetSharedPresets *presets, const char *name)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (signet_shared_presets_apply (presets, name, spec, &error));
  g_assert_no_error (error);
  return g_strdup (signet_request_spec_get_sender_email (spec));
}

static void
assert_presets (SignetSharedPresets *presets, const char *const *expected)
{
  g_auto (GStrv) names = signet_shared_presets_list (presets);

  g_assert_cmpstrv (names, expected);
}

static void
test_follow (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetSharedPresets) presets = NULL;
  g_autofree char *junk = g_build_filename (f->folder, "notes.txt", NULL);
  g_autofree char *broken = g_build_filename (f->folder, "broken.json", NULL);
  g_autofree char *first = g_build_filename (f->folder, "a.json", NULL);
  g_autofree char *sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();

  write_presets (f, "a.json", (const char *const[]){ "Zmluva", "a@example.sk", NULL });
  write_presets (f, "b.json",
                 (const char *const[]){ "Zmluva", "b@example.sk", "Nájom", "n@example.sk", NULL });
  g_file_set_contents (junk, "{\"format\": \"signet-presets\"}", -1, NULL);
  g_file_set_contents (broken, "{\"format\": ", -1, NULL);

  presets = signet_shared_presets_new (f->file, INTERVAL_MS);
  g_signal_connect (presets, "changed", G_CALLBACK (changed_cb), f);
  wait_changed (f, 1, "the first look");
  g_assert_null (signet_shared_presets_get_problem (presets));
  /* Only *.json; the first file by name gives a preset both have. */
  assert_presets (presets, (const char *const[]){ "Nájom", "Zmluva", NULL });
  sender = sender_of (presets, "Zmluva");
  g_assert_cmpstr (sender, ==, "a@example.sk");
  g_clear_pointer (&sender, g_free);

  /* Another desk changes a file: the window hears it without a restart. */
  write_presets (
    f, "a.json",
    (const char *const[]){ "Zmluva", "c@example.sk", "Dodatok", "d@example.sk", NULL });
  wait_changed (f, 2, "a.json changed");
  assert_presets (presets, (const char *const[]){ "Dodatok", "Nájom", "Zmluva", NULL });
  sender = sender_of (presets, "Zmluva");
  g_assert_cmpstr (sender, ==, "c@example.sk");
  g_clear_pointer (&sender, g_free);

  /* …and removes it: its presets go, b's "Zmluva" comes back. */
  g_assert_cmpint (g_remove (first), ==, 0);
  wait_changed (f, 3, "a.json removed");
  assert_presets (presets, (const char *const[]){ "Nájom", "Zmluva", NULL });
  sender = sender_of (presets, "Zmluva");
  g_assert_cmpstr (sender, ==, "b@example.sk");
  g_assert_false (signet_shared_presets_apply (presets, "Dodatok", spec, &error));
  g_assert_nonnull (error);
}

static void
problem_cb (SignetSharedPresets *presets, GParamSpec *pspec, guint *notified)
{
  (*notified)++;
}

static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetSharedPresets) presets = signet_shared_presets_new (f->file, INTERVAL_MS);
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint  notified = 0;

  g_signal_connect (presets, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (presets, "notify::problem", G_CALLBACK (problem_cb), &notified);
  while (signet_shared_presets_get_problem (presets) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("%s", signet_shared_presets_get_problem (presets));
  g_assert_nonnull (strstr (signet_shared_presets_get_problem (presets), "Office presets"));
  assert_presets (presets, (const char *const[]){ NULL });

  /* The share is back: the problem goes, the presets come. */
  write_presets (f, "office.json", (const char *const[]){ "Zmluva", "a@example.sk", NULL });
  wait_changed (f, 1, "the folder is back");
  g_assert_null (signet_shared_presets_get_problem (presets));
  assert_presets (presets, (const char *const[]){ "Zmluva", NULL });
  /* Said once when it went, once when it came back. */
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shared-presets/follow", Fixture, NULL, fixture_set_up, test_follow,
              fixture_tear_down);
  g_test_add ("/shared-presets/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);

  return g_test_run ();
}
