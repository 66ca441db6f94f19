/* signet-office-file.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-office-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "signet-error.h"
#include "signet-office-file.h"
#include "signet-presets.h"

/**
 * SECTION:signet-office-file
 * @short_description: presets and settings an office shares
 *
 * One desk exports its presets ("Export Presets…") or its settings
 * with them ("Export Office Settings…") into a JSON file; another desk
 * reads it with signet_office_file_parse(), sees what it holds and
 * which presets it already has, and applies it. docs/office.md shows
 * the format.
 *
 * No API key is ever written: the settings hold none (it lives in the
 * keyring), and the settings exported are a fixed list. A file that
 * holds something that looks like a key anyway (a member called
 * `apiKey`, `token`, `password`…, at any depth) is read without it, and
 * says so in a warning; the key is kept nowhere.
 */

#define FORMAT_PRESETS  "signet-presets"
#define FORMAT_SETTINGS "signet-office-settings"
#define FILE_VERSION    1
/* A file larger than this, or with more presets, is not one of ours. */
#define MAX_FILE_LENGTH (1024 * 1024)
#define MAX_PRESETS     500

/* The settings an office shares; never the window's size, never the
 * key (which is not a setting at all). */
static const char *const shared_settings[] = {
  "environment",
  "custom-url",
  "quota-warning-threshold",
  "archive-folder",
  "delete-after-archiving",
  "archive-sent-elsewhere",
  "save-evidence",
  "tracking-interval",
  "run-in-background",
  "default-sender-email",
  "default-sender-name",
  "default-language",
  "default-expiry-hours",
  "default-signing-mode",
  NULL,
};

/* Member names, lower case without '-' and '_', that a secret goes by. */
static const char *const secret_names[] = {
  "apikey", "key", "token", "secret", "password", "authorization", "bearer", NULL,
};

typedef struct
{
  char *name;
  char *json; /* the preset, as signet_request_spec_to_json() writes it */
} Preset;

struct _SignetOfficeFile
{
  SignetOfficeFileKind kind;
  GPtrArray           *presets;  /* Preset */
  JsonObject          *settings; /* nullable */
  GPtrArray           *warnings; /* char *, NULL-terminated */
};

static void
preset_free (Preset *preset)
{
  g_free (preset->name);
  g_free (preset->json);
  g_free (preset);
}

/* {{{ Export */

static void
add_presets (JsonBuilder *builder, GSettings *settings, const char *const *names)
{
  g_auto (GStrv) all = signet_presets_list (settings);

  json_builder_set_member_name (builder, "presets");
  json_builder_begin_array (builder);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr (SignetRequestSpec) spec = signet_request_spec_new ();
      g_autoptr (JsonNode) preset = NULL;
      g_autofree char *json = NULL;

      if (names != NULL && !g_strv_contains (names, all[i]))
        continue;
      if (!signet_presets_apply (settings, all[i], spec, NULL))
        continue;
      json = signet_request_spec_to_json (spec);
      preset = json_from_string (json, NULL);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, all[i]);
      json_builder_set_member_name (builder, "preset");
      json_builder_add_value (builder, g_steal_pointer (&preset));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
export_file (GSettings         *settings,
             const char        *format,
             const char *const *names,
             gboolean           with_settings)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FILE_VERSION);
  if (with_settings)
    {
      const char *home = g_get_home_dir ();

      json_builder_set_member_name (builder, "settings");
      json_builder_begin_object (builder);
      for (guint i = 0; shared_settings[i] != NULL; i++)
        {
          g_autoptr (GVariant) value = g_settings_get_value (settings, shared_settings[i]);
          const char *folder;

          json_builder_set_member_name (builder, shared_settings[i]);
          /* Each desk has its own home: "~/…" is the same folder on all. */
          if (g_str_equal (shared_settings[i], "archive-folder")
              && g_str_has_prefix ((folder = g_variant_get_string (value, NULL)), home)
              && folder[strlen (home)] == G_DIR_SEPARATOR)
            {
              g_autofree char *relative = g_strconcat ("~", folder + strlen (home), NULL);

              json_builder_add_string_value (builder, relative);
            }
          else
            json_builder_add_value (builder, json_gvariant_serialize (value));
        }
      json_builder_end_object (builder);
    }
  add_presets (builder, settings, names);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * signet_presets_export:
 * @settings: the application's settings
 * @names: (nullable) (array zero-terminated=1): the presets to export,
 *   or %NULL for all
 *
 * Returns: (transfer full): the presets as the JSON text of a file
 */
char *
signet_presets_export (GSettings *settings, const char *const *names)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return export_file (settings, FORMAT_PRESETS, names, FALSE);
}

/**
 * signet_office_settings_export:
 * @settings: the application's settings
 *
 * The settings an office shares (environment, server address, archive
 * folder, tracking, the defaults of a new request) and every preset;
 * never the API key.
 *
 * Returns: (transfer full): the JSON text of a file
 */
char *
signet_office_settings_export (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return export_file (settings, FORMAT_SETTINGS, NULL, TRUE);
}

/* }}} */
/* {{{ Reading */

static void
warn (SignetOfficeFile *self, char *sentence)
{
  g_ptr_array_add (self->warnings, sentence);
}

static gboolean
holds_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

static gboolean
is_secret_name (const char *member)
{
  g_autoptr (GString) folded = g_string_new (NULL);

  for (const char *c = member; *c != '\0'; c++)
    if (*c != '-' && *c != '_')
      g_string_append_c (folded, g_ascii_tolower (*c));
  return g_strv_contains (secret_names, folded->str);
}

/* Removes every member that looks like a secret, at any depth; returns
 * whether there was one. */
static gboolean
drop_secrets (JsonNode *node)
{
  gboolean dropped = FALSE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if (is_secret_name (l->data))
            {
              json_object_remove_member (object, l->data);
              dropped = TRUE;
            }
          else
            dropped |= drop_secrets (json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        dropped |= drop_secrets (json_array_get_element (array, i));
    }
  return dropped;
}

static void
read_presets (SignetOfficeFile *self, JsonArray *presets)
{
  guint n = json_array_get_length (presets);

  for (guint i = 0; i < n && i < MAX_PRESETS; i++)
    {
      JsonNode   *node = json_array_get_element (presets, i);
      JsonObject *object = holds_object (node) ? json_node_get_object (node) : NULL;
      const char *name = NULL;
      JsonNode   *preset = NULL;
      g_autoptr (SignetRequestSpec) spec = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *json = NULL;
      g_autofree char *stripped = NULL;
      Preset          *read;

      if (object != NULL)
        {
          name = json_object_get_string_member_with_default (object, "name", NULL);
          preset = json_object_get_member (object, "preset");
        }
      if (name != NULL)
        stripped = g_strstrip (g_strdup (name));
      if (stripped == NULL || *stripped == '\0' || g_utf8_strlen (stripped, -1) > 100
          || preset == NULL)
        {
          /* Translators: %u is the number of a preset in an imported file */
          warn (self, g_strdup_printf (_ ("Preset number %u in the file has no name or no "
                                          "options, and was left out."),
                                       i + 1));
          continue;
        }
      json = json_to_string (preset, FALSE);
      spec = signet_request_spec_new_from_json (json, &error);
      if (spec == NULL)
        {
          g_debug ("Preset “%s” left out: %s", stripped, error->message);
          /* Translators: %s is a preset's name */
          warn (self, g_strdup_printf (_ ("The preset “%s” in the file is damaged or comes from "
                                          "a newer version of Signet, and was left out."),
                                       stripped));
          continue;
        }
      read = g_new0 (Preset, 1);
      read->name = g_steal_pointer (&stripped);
      read->json = signet_request_spec_to_json (spec);
      g_ptr_array_add (self->presets, read);
    }
  if (n > MAX_PRESETS)
    warn (self, g_strdup_printf (ngettext ("Only the first %u preset in the file was read.",
                                           "Only the first %u presets in the file were read.",
                                           MAX_PRESETS),
                                 MAX_PRESETS));
}

/**
 * signet_office_file_parse:
 * @data: the file's contents
 * @length: the length of @data, or -1 when it ends in a nul byte
 * @error: return location for a #GError
 *
 * Reads a file of presets or of an office's settings. A preset that
 * cannot be read, a setting of the wrong kind and anything that looks
 * like a key are left out, each with a warning
 * (signet_office_file_get_warnings()); the rest is read.
 *
 * Returns: (transfer full) (nullable): what the file holds, or %NULL
 *   when it is no such file
 */
SignetOfficeFile *
signet_office_file_parse (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (SignetOfficeFile) self = NULL;
  JsonObject *root;
  const char *format;
  JsonNode   *presets;
  gint64      version;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length > MAX_FILE_LENGTH || !json_parser_load_from_data (parser, data, length, NULL)
      || !holds_object (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("This is not a file of Signet presets or office settings. "
                              "Ask for the file that Signet exported."));
      return NULL;
    }

  self = g_new0 (SignetOfficeFile, 1);
  self->presets = g_ptr_array_new_with_free_func ((GDestroyNotify) preset_free);
  self->warnings = g_ptr_array_new_null_terminated (1, g_free, TRUE);

  /* The parser is immutable: a copy to take the secrets out of. */
  {
    g_autoptr (JsonNode) copy = json_node_copy (json_parser_get_root (parser));

    if (drop_secrets (copy))
      warn (self, g_strdup (_ ("The file held an API key. Signet left it out and saved it "
                               "nowhere: type this desk’s key in Preferences.")));
    root = json_object_ref (json_node_get_object (copy));
  }

  format = json_object_get_string_member_with_default (root, "format", "");
  version = json_object_get_int_member_with_default (root, "version", 0);
  if (g_str_equal (format, FORMAT_PRESETS))
    self->kind = SIGNET_OFFICE_FILE_PRESETS;
  else if (g_str_equal (format, FORMAT_SETTINGS))
    self->kind = SIGNET_OFFICE_FILE_SETTINGS;
  else
    {
      json_object_unref (root);
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("This is not a file of Signet presets or office settings. "
                              "Ask for the file that Signet exported."));
      return NULL;
    }
  if (version > FILE_VERSION || version < 1)
    {
      json_object_unref (root);
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("This file was made by a newer version of Signet. Update Signet "
                              "on this desk, then import it again."));
      return NULL;
    }

  presets = json_object_get_member (root, "presets");
  if (presets != NULL && JSON_NODE_HOLDS_ARRAY (presets))
    read_presets (self, json_node_get_array (presets));
  if (self->kind == SIGNET_OFFICE_FILE_SETTINGS
      && holds_object (json_object_get_member (root, "settings")))
    self->settings = json_object_ref (json_object_get_object_member (root, "settings"));
  json_object_unref (root);
  return g_steal_pointer (&self);
}

/**
 * signet_office_file_free:
 * @self: a #SignetOfficeFile
 */
void
signet_office_file_free (SignetOfficeFile *self)
{
  g_ptr_array_unref (self->presets);
  g_clear_pointer (&self->settings, json_object_unref);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

/**
 * signet_office_file_get_kind:
 * @self: a #SignetOfficeFile
 *
 * Returns: whether it holds presets only or an office's settings
 */
SignetOfficeFileKind
signet_office_file_get_kind (SignetOfficeFile *self)
{
  return self->kind;
}

/**
 * signet_office_file_get_warnings:
 * @self: a #SignetOfficeFile
 *
 * Returns: (transfer none) (array zero-terminated=1): a sentence for
 *   each thing left out while reading (signet_office_file_parse()) and
 *   applying (signet_office_file_apply())
 */
const char *const *
signet_office_file_get_warnings (SignetOfficeFile *self)
{
  return (const char *const *) self->warnings->pdata;
}

/**
 * signet_office_file_take_string:
 * @self: a #SignetOfficeFile
 * @name: the name of a setting of type string or enum, such as
 *   "environment" or "custom-url"
 *
 * Takes a setting out of the file, so that signet_office_file_apply()
 * leaves it alone: the first start offers the environment and server
 * address on its own page instead, where the key is typed.
 *
 * Returns: (transfer full) (nullable): the setting's text, or %NULL when
 *   the file has no such setting or it is not text
 */
char *
signet_office_file_take_string (SignetOfficeFile *self, const char *name)
{
  JsonNode *node;
  char     *value = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (self->settings == NULL || (node = json_object_get_member (self->settings, name)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_strdup (json_node_get_string (node));
  json_object_remove_member (self->settings, name);
  return value;
}

/**
 * signet_office_file_drop_settings:
 * @self: a #SignetOfficeFile
 *
 * Leaves the settings of an office's settings file out, so that
 * signet_office_file_apply() saves only its presets ("Import Presets…").
 */
void
signet_office_file_drop_settings (SignetOfficeFile *self)
{
  g_clear_pointer (&self->settings, json_object_unref);
}

/**
 * signet_office_file_list_presets:
 * @self: a #SignetOfficeFile
 *
 * Returns: (transfer full): the names of the presets in the file, in
 *   its order
 */
char **
signet_office_file_list_presets (SignetOfficeFile *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **names;

  for (guint i = 0; i < self->presets->len; i++)
    g_strv_builder_add (builder, ((Preset *) self->presets->pdata[i])->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * signet_office_file_get_preset:
 * @self: a #SignetOfficeFile
 * @name: a preset's name
 *
 * Returns: (nullable): the preset called @name, as JSON for
 *   signet_request_spec_apply_json(), or %NULL when the file has none
 */
const char *
signet_office_file_get_preset (SignetOfficeFile *self, const char *name)
{
  for (guint i = 0; i < self->presets->len; i++)
    {
      Preset *preset = self->presets->pdata[i];

      if (g_str_equal (preset->name, name))
        return preset->json;
    }
  return NULL;
}

/**
 * signet_office_file_list_conflicts:
 * @self: a #SignetOfficeFile
 * @settings: the application's settings
 *
 * Returns: (transfer full): the presets of the file that this desk has
 *   under the same name: the ones to ask about before replacing
 */
char **
signet_office_file_list_conflicts (SignetOfficeFile *self, GSettings *settings)
{
  g_auto (GStrv) existing = signet_presets_list (settings);
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **names;

  for (guint i = 0; i < self->presets->len; i++)
    {
      Preset *preset = self->presets->pdata[i];

      if (g_strv_contains ((const char *const *) existing, preset->name))
        g_strv_builder_add (builder, preset->name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * signet_office_file_remove_preset:
 * @self: a #SignetOfficeFile
 * @name: the name of a preset in the file
 *
 * Leaves one preset of the file out, such as one this desk keeps its own
 * of (signet_office_file_list_conflicts()).
 */
void
signet_office_file_remove_preset (SignetOfficeFile *self, const char *name)
{
  for (guint i = 0; i < self->presets->len; i++)
    {
      Preset *preset = self->presets->pdata[i];

      if (g_strcmp0 (preset->name, name) == 0)
        {
          g_ptr_array_remove_index (self->presets, i);
          return;
        }
    }
}

/* }}} */
/* {{{ Applying */

static void
apply_setting (SignetOfficeFile *self,
               GSettings        *settings,
               GSettingsSchema  *schema,
               const char       *name)
{
  g_autoptr (GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);
  JsonNode *node = json_object_get_member (self->settings, name);
  g_autoptr (GVariant) value = NULL;
  const char *folder;

  if (node == NULL)
    return;
  value = json_gvariant_deserialize (
    node, g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)), NULL);
  if (value != NULL && g_variant_is_floating (value))
    g_variant_ref_sink (value);
  if (value != NULL && g_str_equal (name, "archive-folder")
      && g_str_has_prefix ((folder = g_variant_get_string (value, NULL)), "~/"))
    {
      g_autofree char *path = g_build_filename (g_get_home_dir (), folder + 2, NULL);

      g_variant_unref (value);
      value = g_variant_ref_sink (g_variant_new_string (path));
    }
  if (value == NULL || !g_settings_schema_key_range_check (key, value)
      || (g_str_equal (name, "environment")
          && g_str_equal (g_variant_get_string (value, NULL), "none")))
    {
      /* Translators: %s is the name of a setting, as in the file */
      warn (self, g_strdup_printf (_ ("The setting “%s” in the file is not valid; this desk "
                                      "keeps its own."),
                                   name));
      return;
    }
  {
    g_autoptr (GVariant) current = g_settings_get_value (settings, name);

    if (!g_variant_equal (current, value))
      g_settings_set_value (settings, name, value);
  }
}

/**
 * signet_office_file_apply:
 * @self: a #SignetOfficeFile
 * @settings: the application's settings
 * @replace: whether a preset of the file replaces this desk's preset of
 *   the same name (signet_office_file_list_conflicts())
 *
 * Saves the file's presets, and for an office's settings the settings,
 * in @settings, in one change.
 *
 * Returns: the number of presets saved
 */
guint
signet_office_file_apply (SignetOfficeFile *self, GSettings *settings, gboolean replace)
{
  g_auto (GStrv) existing = NULL;
  guint saved = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  existing = signet_presets_list (settings);
  g_settings_delay (settings);
  if (self->settings != NULL)
    {
      g_autoptr (GSettingsSchema) schema = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      for (guint i = 0; shared_settings[i] != NULL; i++)
        apply_setting (self, settings, schema, shared_settings[i]);
    }
  for (guint i = 0; i < self->presets->len; i++)
    {
      Preset *preset = self->presets->pdata[i];
      g_autoptr (SignetRequestSpec) spec = NULL;

      if (!replace && g_strv_contains ((const char *const *) existing, preset->name))
        continue;
      spec = signet_request_spec_new_from_json (preset->json, NULL);
      if (signet_presets_save (settings, preset->name, spec, NULL))
        saved++;
    }
  g_settings_apply (settings);
  return saved;
}

/* }}} */
