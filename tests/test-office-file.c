/* test-office-file.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presets and office settings that one desk exports and another imports:
 * the round trip between two desks (two HOMEs, two processes, settings
 * kept on disk), presets that already exist, keys that must never be
 * written or kept, and hostile files.
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "signet-error.h"
#include "signet-office-file.h"
#include "signet-presets.h"

#define KEY "sekret-API-key-0123456789"

static GSettings *
new_desk (void)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (BASE_APPLICATION_ID, backend);
}

static void
assert_setting (GSettings *settings, const char *key, const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
save_preset (GSettings *settings, const char *name, const char *sender)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
  g_autoptr (GError) error = NULL;

  signet_request_spec_set_sender_email (spec, sender);
  g_assert_true (signet_presets_save (settings, name, spec, &error));
  g_assert_no_error (error);
}

static char *
preset_sender (GSettings *settings, const char *name)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();

  g_assert_true (signet_presets_apply (settings, name, spec, NULL));
  return g_strdup (signet_request_spec_get_sender_email (spec));
}

/* Every value of @settings, as text: where a key would show if kept. */
static char *
dump (GSettings *settings)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  GString *text = g_string_new (NULL);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      g_string_append_printf (text, "%s=%s\n", keys[i], printed);
    }
  return g_string_free (text, FALSE);
}

static SignetOfficeFile *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  SignetOfficeFile *file = signet_office_file_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

/* {{{ Two desks in two processes */

/* The child's side: "export FILE" on desk A, "import FILE" on desk B,
 * each with its own HOME and its settings in a key file there. */
static int
run_desk (const char *command, const char *path)
{
  g_autoptr (GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr (GError) error = NULL;

  if (g_str_equal (command, "export"))
    {
      g_autofree char *archive = g_build_filename (g_get_home_dir (), "Office", "Signed", NULL);
      g_autofree char *text = NULL;

      g_settings_set_string (settings, "environment", "custom");
      g_settings_set_string (settings, "custom-url", "https://okdokument.example.sk");
      g_settings_set_string (settings, "archive-folder", archive);
      g_settings_set_boolean (settings, "delete-after-archiving", TRUE);
      g_settings_set_uint (settings, "tracking-interval", 120);
      g_settings_set_string (settings, "default-sender-email", "recepcia@example.sk");
      g_settings_set_int (settings, "window-width", 777);
      save_preset (settings, "Kúpna zmluva", "predaj@example.sk");
      save_preset (settings, "Nájom", "najom@example.sk");
      text = signet_office_settings_export (settings);
      g_file_set_contents (path, text, -1, &error);
    }
  else
    {
      g_autofree char *text = NULL;
      g_autoptr (SignetOfficeFile) file = NULL;

      if (g_file_get_contents (path, &text, NULL, &error))
        file = signet_office_file_parse (text, -1, &error);
      if (file != NULL)
        g_assert_cmpuint (signet_office_file_apply (file, settings, FALSE), ==, 2);
    }
  g_settings_sync ();
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  return error == NULL ? 0 : 1;
}

static void
desk_run (const char *self, const char *home, const char *command, const char *path)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_build_filename (home, ".config", NULL);

  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, "--desk", command, path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_no_error (error);
}

static void
test_two_desks (gconstpointer self)
{
  g_autofree char *root = g_dir_make_tmp ("signet-office-XXXXXX", NULL);
  g_autofree char *desk_a = g_build_filename (root, "alena", NULL);
  g_autofree char *desk_b = g_build_filename (root, "boris", NULL);
  g_autofree char *path = g_build_filename (root, "office.json", NULL);
  g_autofree char *keyfile_b
    = g_build_filename (desk_b, ".config", "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *archive_b = g_build_filename (desk_b, "Office", "Signed", NULL);

  g_mkdir (desk_a, 0700);
  g_mkdir (desk_b, 0700);
  desk_run (self, desk_a, "export", path);
  g_assert_true (g_file_get_contents (path, &exported, NULL, NULL));
  /* The archive is written as "~/…": each desk's own home. */
  g_assert_nonnull (strstr (exported, "\"~/Office/Signed\""));
  g_assert_null (strstr (exported, desk_a));
  g_assert_null (strstr (exported, "window-width"));

  desk_run (self, desk_b, "import", path);
  g_assert_true (g_file_get_contents (keyfile_b, &kept, NULL, NULL));
  g_test_message ("desk B keeps:\n%s", kept);
  g_assert_nonnull (strstr (kept, "environment='custom'"));
  g_assert_nonnull (strstr (kept, "custom-url='https://okdokument.example.sk'"));
  g_assert_nonnull (strstr (kept, archive_b));
  g_assert_nonnull (strstr (kept, "delete-after-archiving=true"));
  g_assert_nonnull (strstr (kept, "tracking-interval=120"));
  g_assert_nonnull (strstr (kept, "predaj@example.sk"));
  g_assert_nonnull (strstr (kept, "najom@example.sk"));
  g_assert_null (strstr (kept, "777"));

  g_remove (keyfile_b);
  g_remove (path);
}

/* }}} */
/* {{{ In one process */

static void
test_presets_round_trip (void)
{
  g_autoptr (GSettings) a = new_desk ();
  g_autoptr (GSettings) b = new_desk ();
  g_autoptr (SignetOfficeFile) file = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) names = NULL;
  g_auto (GStrv) conflicts = NULL;
  g_autofree char *sender = NULL;

  save_preset (a, "Kúpna zmluva", "predaj@example.sk");
  save_preset (a, "Nájom", "najom@example.sk");
  save_preset (a, "Interné", "intern@example.sk");
  text = signet_presets_export (a, (const char *const[]){ "Kúpna zmluva", "Nájom", NULL });
  g_assert_null (strstr (text, "Interné"));

  file = parse (text);
  g_assert_cmpint (signet_office_file_get_kind (file), ==, SIGNET_OFFICE_FILE_PRESETS);
  g_assert_cmpstrv (signet_office_file_get_warnings (file), ((const char *const[]){ NULL }));
  names = signet_office_file_list_presets (file);
  g_assert_cmpstrv (names, ((const char *const[]){ "Kúpna zmluva", "Nájom", NULL }));

  /* Desk B has its own "Nájom": asked about, kept unless replaced. */
  save_preset (b, "Nájom", "boris@example.sk");
  conflicts = signet_office_file_list_conflicts (file, b);
  g_assert_cmpstrv (conflicts, ((const char *const[]){ "Nájom", NULL }));
  g_assert_cmpuint (signet_office_file_apply (file, b, FALSE), ==, 1);
  sender = preset_sender (b, "Nájom");
  g_assert_cmpstr (sender, ==, "boris@example.sk");
  g_clear_pointer (&sender, g_free);
  sender = preset_sender (b, "Kúpna zmluva");
  g_assert_cmpstr (sender, ==, "predaj@example.sk");
  g_clear_pointer (&sender, g_free);

  g_assert_cmpuint (signet_office_file_apply (file, b, TRUE), ==, 2);
  sender = preset_sender (b, "Nájom");
  g_assert_cmpstr (sender, ==, "najom@example.sk");
  /* A presets file leaves the settings alone. */
  assert_setting (b, "environment", "none");
}

/* What the window does with a file before applying it: the first start
 * takes the environment and server address out (chosen where the key is
 * typed), "Import Presets…" drops the settings, a preset kept on the desk
 * is left out. */
static void
test_window_choices (void)
{
  g_autoptr (GSettings) a = new_desk ();
  g_autoptr (GSettings) b = new_desk ();
  g_autoptr (GSettings) c = new_desk ();
  g_autoptr (SignetOfficeFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *environment = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sender = NULL;

  g_settings_set_string (a, "environment", "custom");
  g_settings_set_string (a, "custom-url", "https://okdokument.example.sk");
  g_settings_set_uint (a, "tracking-interval", 300);
  save_preset (a, "Kúpna zmluva", "predaj@example.sk");
  save_preset (a, "Nájom", "najom@example.sk");
  text = signet_office_settings_export (a);

  /* A new desk: everything but the environment and the server address. */
  file = parse (text);
  environment = signet_office_file_take_string (file, "environment");
  url = signet_office_file_take_string (file, "custom-url");
  g_assert_cmpstr (environment, ==, "custom");
  g_assert_cmpstr (url, ==, "https://okdokument.example.sk");
  g_assert_null (signet_office_file_take_string (file, "environment"));
  g_assert_null (signet_office_file_take_string (file, "tracking-interval"));
  g_assert_cmpuint (signet_office_file_apply (file, b, TRUE), ==, 2);
  assert_setting (b, "environment", "none");
  assert_setting (b, "custom-url", "");
  /* Taken, not being text, it is not applied either. */
  g_assert_cmpuint (g_settings_get_uint (b, "tracking-interval"), ==, 60);
  g_clear_pointer (&file, signet_office_file_free);

  /* Import Presets… of an office's settings file: its presets only, and
   * the desk's own "Nájom" kept. */
  save_preset (c, "Nájom", "cyril@example.sk");
  file = parse (text);
  signet_office_file_drop_settings (file);
  signet_office_file_remove_preset (file, "Nájom");
  signet_office_file_remove_preset (file, "Not in the file");
  g_assert_cmpuint (signet_office_file_apply (file, c, TRUE), ==, 1);
  assert_setting (c, "environment", "none");
  g_assert_cmpuint (g_settings_get_uint (c, "tracking-interval"), ==, 60);
  sender = preset_sender (c, "Nájom");
  g_assert_cmpstr (sender, ==, "cyril@example.sk");
  g_clear_pointer (&sender, g_free);
  sender = preset_sender (c, "Kúpna zmluva");
  g_assert_cmpstr (sender, ==, "predaj@example.sk");
}

/* A key in an imported file, wherever it is, is left out with a
 * warning, and kept nowhere; the rest is imported. */
static void
test_key_ignored (void)
{
  static const char text[]
    = "{\"format\": \"signet-office-settings\", \"version\": 1, \"apiKey\": \"" KEY "\","
      " \"settings\": {\"environment\": \"production\", \"api-key\": \"" KEY "\","
      "               \"default-sender-name\": \"Recepcia\"},"
      " \"presets\": [{\"name\": \"Zmluva\", \"token\": \"" KEY "\","
      "               \"preset\": {\"version\": 1, \"rounds\": [{\"Password\": \"" KEY "\"}],"
      "                            \"senderEmail\": \"a@example.sk\", \"API_KEY\": \"" KEY "\"}}]}";
  g_autoptr (GSettings) b = new_desk ();
  g_autoptr (SignetOfficeFile) file = parse (text);
  const char *const *warnings = signet_office_file_get_warnings (file);
  g_autofree char   *kept = NULL;
  g_autofree char   *exported = NULL;

  g_assert_cmpuint (g_strv_length ((GStrv) warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "API key"));
  g_assert_null (strstr (warnings[0], KEY));
  g_assert_cmpuint (signet_office_file_apply (file, b, FALSE), ==, 1);
  assert_setting (b, "environment", "production");
  assert_setting (b, "default-sender-name", "Recepcia");

  kept = dump (b);
  g_assert_null (strstr (kept, KEY));
  g_assert_nonnull (strstr (kept, "a@example.sk"));
  /* …and an export of that desk holds none either. */
  exported = signet_office_settings_export (b);
  g_assert_null (strstr (exported, KEY));
}

/* Only the settings an office shares are written, each of them. */
static void
test_export_members (void)
{
  g_autoptr (GSettings) a = new_desk ();
  g_autofree char *text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) members = NULL;
  JsonObject *root, *settings;
  g_autoptr (GString) names = g_string_new (NULL);

  text = signet_office_settings_export (a);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "signet-office-settings");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  settings = json_object_get_object_member (root, "settings");
  members = json_object_get_members (settings);
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s ", (const char *) l->data);
  g_assert_cmpstr (names->str, ==,
                   "archive-folder archive-sent-elsewhere custom-url default-expiry-hours "
                   "default-language default-sender-email default-sender-name "
                   "default-signing-mode delete-after-archiving environment "
                   "quota-warning-threshold run-in-background save-evidence tracking-interval ");
}

static void
test_hostile (void)
{
  static const char *const not_ours[] = {
    "",
    "null",
    "[]",
    "{}",
    "{\"format\": \"signet-presets\"}",
    "{\"format\": \"something-else\", \"version\": 1}",
    "{\"format\": \"signet-presets\", \"version\": \"1\"}",
    "{\"format\": \"signet-presets\", \"version\": 2, \"presets\": []}",
    "{\"format\": \"signet-presets\", \"version\": 1",
  };
  static const char partly[]
    = "{\"format\": \"signet-office-settings\", \"version\": 1,"
      " \"settings\": {\"environment\": \"mars\", \"tracking-interval\": -5,"
      "               \"custom-url\": 42, \"unknown-setting\": true,"
      "               \"default-sender-email\": \"ok@example.sk\"},"
      " \"presets\": [1, {\"name\": \"\"}, {\"name\": \"No options\"},"
      "               {\"name\": \"Bad\", \"preset\": {\"version\": 1, \"rounds\": []}},"
      "               {\"name\": \"Good\", \"preset\": {\"version\": 1, \"rounds\": [{}]}}]}";
  g_autoptr (GSettings) b = new_desk ();
  g_autoptr (SignetOfficeFile) file = NULL;
  g_autofree char *huge = NULL;
  g_auto (GStrv) names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", not_ours[i]);
      g_assert_null (signet_office_file_parse (not_ours[i], -1, &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
    }
  {
    g_autoptr (GError) error = NULL;

    huge = g_strnfill (2 * 1024 * 1024, ' ');
    g_assert_null (signet_office_file_parse (huge, -1, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT);
  }

  /* What can be read is; each thing left out is said once. */
  file = parse (partly);
  names = signet_office_file_list_presets (file);
  g_assert_cmpstrv (names, ((const char *const[]){ "Good", NULL }));
  g_assert_cmpuint (g_strv_length ((GStrv) signet_office_file_get_warnings (file)), ==, 4);
  g_assert_cmpuint (signet_office_file_apply (file, b, FALSE), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) signet_office_file_get_warnings (file)), ==, 7);
  assert_setting (b, "environment", "none");
  g_assert_cmpuint (g_settings_get_uint (b, "tracking-interval"), !=, (guint) -5);
  assert_setting (b, "default-sender-email", "ok@example.sk");
  for (const char *const *w = signet_office_file_get_warnings (file); *w != NULL; w++)
    g_test_message ("warning: %s", *w);
}

/* }}} */

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--desk"))
    return run_desk (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/office-file/two-desks", argv[0], test_two_desks);
  g_test_add_func ("/office-file/presets-round-trip", test_presets_round_trip);
  g_test_add_func ("/office-file/window-choices", test_window_choices);
  g_test_add_func ("/office-file/key-ignored", test_key_ignored);
  g_test_add_func ("/office-file/export-members", test_export_members);
  g_test_add_func ("/office-file/hostile", test_hostile);

  return g_test_run ();
}
