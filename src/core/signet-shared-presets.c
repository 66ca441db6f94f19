/* signet-shared-presets.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-shared-presets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "signet-error.h"
#include "signet-office-file.h"
#include "signet-presets.h"
#include "signet-shared-presets.h"

/**
 * SignetSharedPresets:
 *
 * The office's presets: every `*.json` presets or office settings file
 * (docs/office.md) in a folder all desks read, often a network folder.
 * The desk only reads them.
 *
 * The folder is looked at every few seconds rather than watched: file
 * monitors see nothing of another desk's change on a network share, nor
 * through the document portal of a Flatpak. A look that finds the same
 * files with the same size and time reads nothing; when one changed,
 * all are read again and #SignetSharedPresets::changed is emitted. All
 * of it is asynchronous: a slow share never holds up the window.
 *
 * When the folder cannot be read, the presets of the last look stay, and
 * #SignetSharedPresets:problem says what to do.
 */

/* Files looked at in the folder, and presets kept, at most. */
#define MAX_FILES 100
static const char attributes[] = G_FILE_ATTRIBUTE_STANDARD_NAME
  "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
  "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC;

struct _SignetSharedPresets
{
  GObject parent_instance;

  GFile        *folder;
  guint         interval_ms;
  guint         timeout_id;
  GCancellable *cancellable;
  gboolean      looking;
  char         *seen;    /* name, size and time of every file at the last read */
  GHashTable   *presets; /* name → JSON */
  char         *problem;
};

G_DEFINE_FINAL_TYPE (SignetSharedPresets, signet_shared_presets, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* One look at the folder. */
typedef struct
{
  SignetSharedPresets *self;
  GFileEnumerator     *enumerator;
  GPtrArray           *names; /* of the *.json files, sorted */
  GString             *seen;
  GHashTable          *presets;
  guint                next; /* the file being read */
} Look;

static void
look_free (Look *look)
{
  g_object_unref (look->self);
  g_clear_object (&look->enumerator);
  g_ptr_array_unref (look->names);
  g_string_free (look->seen, TRUE);
  g_hash_table_unref (look->presets);
  g_free (look);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Look, look_free)

static void
set_problem (SignetSharedPresets *self, const char *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
look_failed (Look *look, GError *error)
{
  SignetSharedPresets *self = look->self;
  g_autofree char     *name = NULL;
  g_autofree char     *problem = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Could not read the shared presets: %s", error->message);
  name = g_file_get_parse_name (self->folder);
  /* Translators: %s is a folder */
  problem = g_strdup_printf (_ ("The office’s presets folder “%s” cannot be read. Check that the "
                                "network folder is connected; until then, the presets read last "
                                "time stay."),
                             name);
  set_problem (self, problem);
  self->looking = FALSE;
}

static void read_next (Look *look);

static void
file_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Look) look = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetOfficeFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      look_failed (look, error);
      return;
    }
  /* A file removed since the listing is simply not there. */
  if (contents != NULL)
    file = signet_office_file_parse (contents, length, &error);
  if (contents != NULL && file == NULL)
    g_debug ("%s is left out: %s", (const char *) look->names->pdata[look->next], error->message);
  else
    {
      g_auto (GStrv) names = signet_office_file_list_presets (file);

      /* The first file (by name) that has a preset gives it. */
      for (guint i = 0; names[i] != NULL; i++)
        if (!g_hash_table_contains (look->presets, names[i]))
          g_hash_table_insert (look->presets, g_strdup (names[i]),
                               g_strdup (signet_office_file_get_preset (file, names[i])));
    }
  look->next++;
  read_next (g_steal_pointer (&look));
}

static void
read_next (Look *look)
{
  SignetSharedPresets *self = look->self;
  g_autoptr (GFile) file = NULL;

  if (look->next < look->names->len)
    {
      file = g_file_get_child (self->folder, look->names->pdata[look->next]);
      g_file_load_contents_async (file, self->cancellable, file_read_cb, look);
      return;
    }

  g_hash_table_unref (self->presets);
  self->presets = g_hash_table_ref (look->presets);
  g_free (self->seen);
  self->seen = g_strdup (look->seen->str);
  self->looking = FALSE;
  set_problem (self, NULL);
  g_debug ("Read %u shared presets", g_hash_table_size (self->presets));
  g_signal_emit (self, signals[CHANGED], 0);
  look_free (look);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void files_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* Asks for the next files of the folder; takes @look. */
static void
list_more (Look *look)
{
  g_file_enumerator_next_files_async (look->enumerator, 50, G_PRIORITY_DEFAULT,
                                      look->self->cancellable, files_listed_cb, look);
}

static void
files_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Look) look = user_data;
  g_autoptr (GError) error = NULL;
  GList *infos;

  infos = g_file_enumerator_next_files_finish (G_FILE_ENUMERATOR (source), result, &error);
  if (error != NULL)
    {
      look_failed (look, error);
      return;
    }
  for (GList *l = infos; l != NULL; l = l->next)
    {
      GFileInfo  *info = l->data;
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && g_str_has_suffix (name, ".json") && look->names->len < MAX_FILES)
        g_ptr_array_add (
          look->names,
          g_strdup_printf (
            "%s\t%" G_GOFFSET_FORMAT "\t%" G_GUINT64_FORMAT ".%06u", name,
            g_file_info_get_size (info),
            g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
            g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC)));
    }
  if (infos != NULL)
    {
      g_list_free_full (infos, g_object_unref);
      list_more (g_steal_pointer (&look));
      return;
    }

  /* All listed: the same files as last time need no reading. */
  g_ptr_array_sort (look->names, compare_names);
  for (guint i = 0; i < look->names->len; i++)
    {
      char *name = look->names->pdata[i];

      g_string_append_printf (look->seen, "%s\n", name);
      *strchr (name, '\t') = '\0';
    }
  g_file_enumerator_close_async (look->enumerator, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (g_strcmp0 (look->seen->str, look->self->seen) == 0)
    {
      look->self->looking = FALSE;
      set_problem (look->self, NULL);
      return;
    }
  read_next (g_steal_pointer (&look));
}

static void
enumerated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Look) look = user_data;
  g_autoptr (GError) error = NULL;

  look->enumerator = g_file_enumerate_children_finish (G_FILE (source), result, &error);
  if (look->enumerator == NULL)
    {
      look_failed (look, error);
      return;
    }
  list_more (g_steal_pointer (&look));
}

/**
 * signet_shared_presets_check_now:
 * @self: a #SignetSharedPresets
 *
 * Looks at the folder now, unless a look is under way.
 */
void
signet_shared_presets_check_now (SignetSharedPresets *self)
{
  Look *look;

  g_return_if_fail (SIGNET_IS_SHARED_PRESETS (self));

  if (self->looking)
    return;
  self->looking = TRUE;
  look = g_new0 (Look, 1);
  look->self = g_object_ref (self);
  look->names = g_ptr_array_new_with_free_func (g_free);
  look->seen = g_string_new (NULL);
  look->presets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_file_enumerate_children_async (self->folder, attributes, G_FILE_QUERY_INFO_NONE,
                                   G_PRIORITY_DEFAULT, self->cancellable, enumerated_cb, look);
}

static gboolean
look_cb (gpointer user_data)
{
  signet_shared_presets_check_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
signet_shared_presets_dispose (GObject *object)
{
  SignetSharedPresets *self = SIGNET_SHARED_PRESETS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (signet_shared_presets_parent_class)->dispose (object);
}

static void
signet_shared_presets_finalize (GObject *object)
{
  SignetSharedPresets *self = SIGNET_SHARED_PRESETS (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_free (self->seen);
  g_hash_table_unref (self->presets);
  g_free (self->problem);

  G_OBJECT_CLASS (signet_shared_presets_parent_class)->finalize (object);
}

static void
signet_shared_presets_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SignetSharedPresets *self = SIGNET_SHARED_PRESETS (object);

  switch (prop_id)
    {
      case PROP_PROBLEM:
        g_value_set_string (value, self->problem);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_shared_presets_class_init (SignetSharedPresetsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_shared_presets_dispose;
  object_class->finalize = signet_shared_presets_finalize;
  object_class->get_property = signet_shared_presets_get_property;

  /**
   * SignetSharedPresets:problem:
   *
   * Why the folder could not be read at the last look, in a sentence
   * that says what to do; %NULL when it could.
   */
  properties[PROP_PROBLEM]
    = g_param_spec_string ("problem", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetSharedPresets::changed:
   *
   * The presets were read again: a file of the folder changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
signet_shared_presets_init (SignetSharedPresets *self)
{
  self->cancellable = g_cancellable_new ();
  self->presets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * signet_shared_presets_new:
 * @folder: the office's presets folder
 * @interval_ms: the time between two looks at it
 *
 * Looks at @folder at once, then every @interval_ms.
 *
 * Returns: (transfer full): a new #SignetSharedPresets
 */
SignetSharedPresets *
signet_shared_presets_new (GFile *folder, guint interval_ms)
{
  SignetSharedPresets *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (interval_ms > 0, NULL);

  self = g_object_new (SIGNET_TYPE_SHARED_PRESETS, NULL);
  self->folder = g_object_ref (folder);
  self->interval_ms = interval_ms;
  self->timeout_id = g_timeout_add (interval_ms, look_cb, self);
  signet_shared_presets_check_now (self);
  return self;
}

/**
 * signet_shared_presets_get_folder:
 * @self: a #SignetSharedPresets
 *
 * Returns: (transfer none): the folder
 */
GFile *
signet_shared_presets_get_folder (SignetSharedPresets *self)
{
  g_return_val_if_fail (SIGNET_IS_SHARED_PRESETS (self), NULL);

  return self->folder;
}

/**
 * signet_shared_presets_get_problem:
 * @self: a #SignetSharedPresets
 *
 * Returns: (nullable): #SignetSharedPresets:problem
 */
const char *
signet_shared_presets_get_problem (SignetSharedPresets *self)
{
  g_return_val_if_fail (SIGNET_IS_SHARED_PRESETS (self), NULL);

  return self->problem;
}

/**
 * signet_shared_presets_list:
 * @self: a #SignetSharedPresets
 *
 * Returns: (transfer full): the names of the office's presets, sorted
 */
char **
signet_shared_presets_list (SignetSharedPresets *self)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  GHashTableIter iter;
  gpointer       name;

  g_return_val_if_fail (SIGNET_IS_SHARED_PRESETS (self), NULL);

  g_hash_table_iter_init (&iter, self->presets);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * signet_shared_presets_apply:
 * @self: a #SignetSharedPresets
 * @name: the name of an office's preset
 * @spec: the request to apply it to
 * @error: return location for a #GError
 *
 * As signet_presets_apply(), with a preset of the office.
 *
 * Returns: whether it was applied
 */
gboolean
signet_shared_presets_apply (SignetSharedPresets *self,
                             const char          *name,
                             SignetRequestSpec   *spec,
                             GError             **error)
{
  const char *json;

  g_return_val_if_fail (SIGNET_IS_SHARED_PRESETS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  json = g_hash_table_lookup (self->presets, name);
  if (json == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND,
                   _ ("The office has no preset “%s” any more."), name);
      return FALSE;
    }
  return signet_request_spec_apply_json (spec, json, error);
}
