/* signet-intake-queue.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-intake-queue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "signet-error.h"
#include "signet-intake-queue.h"
#include "signet-pdf-inspector.h"

struct _SignetIntakeQueue
{
  GObject parent_instance;

  GPtrArray *items;
  /* The checks still running, by item, to cancel one when it is removed. */
  GHashTable         *checks;
  SignetPdfInspector *inspector;

  /* Where the queue is kept across a restart, written after each change. */
  GFile        *state_file;
  GCancellable *saving;
  guint         save_id;
  gboolean      dirty; /* changed while a save was on its way */
};

static void signet_intake_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SignetIntakeQueue,
                               signet_intake_queue,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      signet_intake_queue_list_model_init))

enum
{
  PROP_0,
  PROP_N_CHECKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
signet_intake_queue_get_item_type (GListModel *model)
{
  return SIGNET_TYPE_INTAKE_ITEM;
}

static guint
signet_intake_queue_get_n_items (GListModel *model)
{
  return SIGNET_INTAKE_QUEUE (model)->items->len;
}

static gpointer
signet_intake_queue_get_item (GListModel *model, guint position)
{
  SignetIntakeQueue *self = SIGNET_INTAKE_QUEUE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
signet_intake_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = signet_intake_queue_get_item_type;
  iface->get_n_items = signet_intake_queue_get_n_items;
  iface->get_item = signet_intake_queue_get_item;
}

static void
cancel_check (gpointer key, gpointer value, gpointer user_data)
{
  g_cancellable_cancel (value);
}

static void
signet_intake_queue_dispose (GObject *object)
{
  SignetIntakeQueue *self = SIGNET_INTAKE_QUEUE (object);

  if (self->checks != NULL)
    g_hash_table_foreach (self->checks, cancel_check, NULL);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_object (&self->inspector);
  g_clear_handle_id (&self->save_id, g_source_remove);
  /* A save on its way finishes: it holds its own data. */
  g_clear_object (&self->saving);
  g_clear_object (&self->state_file);

  G_OBJECT_CLASS (signet_intake_queue_parent_class)->dispose (object);
}

static void
signet_intake_queue_finalize (GObject *object)
{
  SignetIntakeQueue *self = SIGNET_INTAKE_QUEUE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (signet_intake_queue_parent_class)->finalize (object);
}

static void
signet_intake_queue_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetIntakeQueue *self = SIGNET_INTAKE_QUEUE (object);

  switch (prop_id)
    {
      case PROP_N_CHECKING:
        g_value_set_uint (value, signet_intake_queue_n_checking (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_intake_queue_class_init (SignetIntakeQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_intake_queue_dispose;
  object_class->finalize = signet_intake_queue_finalize;
  object_class->get_property = signet_intake_queue_get_property;

  properties[PROP_N_CHECKING]
    = g_param_spec_uint ("n-checking", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_intake_queue_init (SignetIntakeQueue *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->inspector = signet_pdf_inspector_new ();
}

/**
 * signet_intake_queue_new:
 *
 * Creates an empty queue of files to check. It is a #GListModel of
 * #SignetIntakeItem in the order the files were added.
 *
 * Returns: (transfer full): a new #SignetIntakeQueue
 */
SignetIntakeQueue *
signet_intake_queue_new (void)
{
  return g_object_new (SIGNET_TYPE_INTAKE_QUEUE, NULL);
}

static void
inspect_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetIntakeItem) item = user_data;
  g_autoptr (SignetInspection) inspection = NULL;
  g_autoptr (GError) error = NULL;
  SignetIntakeQueue *self;

  inspection = signet_pdf_inspector_inspect_finish (SIGNET_PDF_INSPECTOR (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The queue outlives its inspector's tasks only while it has items:
   * a check that was not cancelled belongs to a queue that is alive. */
  self = g_object_get_data (G_OBJECT (item), "signet-intake-queue");
  g_assert (SIGNET_IS_INTAKE_QUEUE (self));
  g_hash_table_remove (self->checks, item);

  signet_intake_item_set_result (item, inspection, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKING]);
}

/**
 * signet_intake_queue_find:
 * @self: a #SignetIntakeQueue
 * @file: a file
 *
 * Returns: (transfer none) (nullable): the item of @file, if it is queued
 */
SignetIntakeItem *
signet_intake_queue_find (SignetIntakeQueue *self, GFile *file)
{
  g_return_val_if_fail (SIGNET_IS_INTAKE_QUEUE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (self->items, i);

      if (g_file_equal (signet_intake_item_get_file (item), file))
        return item;
    }

  return NULL;
}

/**
 * signet_intake_queue_add:
 * @self: a #SignetIntakeQueue
 * @file: a file that was dropped or opened
 *
 * Appends @file and starts checking it on a worker thread. A file that is
 * queued already is not added again.
 *
 * Returns: (transfer none) (nullable): the new item, or %NULL when @file
 *   was queued already
 */
SignetIntakeItem *
signet_intake_queue_add (SignetIntakeQueue *self, GFile *file)
{
  g_autoptr (SignetIntakeItem) item = NULL;
  GCancellable *cancellable;

  g_return_val_if_fail (SIGNET_IS_INTAKE_QUEUE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (signet_intake_queue_find (self, file) != NULL)
    return NULL;

  item = signet_intake_item_new (file);
  /* Not a reference: the queue cancels the check before it goes away. */
  g_object_set_data (G_OBJECT (item), "signet-intake-queue", self);
  cancellable = g_cancellable_new ();
  g_hash_table_insert (self->checks, g_object_ref (item), cancellable);

  g_ptr_array_add (self->items, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKING]);

  signet_pdf_inspector_inspect_async (self->inspector, file, cancellable, inspect_cb,
                                      g_object_ref (item));

  return item;
}

/**
 * signet_intake_queue_remove:
 * @self: a #SignetIntakeQueue
 * @item: an item of @self
 *
 * Removes @item, and stops its check if it is still running.
 */
void
signet_intake_queue_remove (SignetIntakeQueue *self, SignetIntakeItem *item)
{
  guint position;

  g_return_if_fail (SIGNET_IS_INTAKE_QUEUE (self));
  g_return_if_fail (SIGNET_IS_INTAKE_ITEM (item));

  if (!g_ptr_array_find (self->items, item, &position))
    return;

  if (g_hash_table_contains (self->checks, item))
    {
      g_cancellable_cancel (g_hash_table_lookup (self->checks, item));
      g_hash_table_remove (self->checks, item);
    }
  g_object_set_data (G_OBJECT (item), "signet-intake-queue", NULL);

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKING]);
}

/**
 * signet_intake_queue_n_checking:
 * @self: a #SignetIntakeQueue
 *
 * Returns: how many files are still being checked
 */
guint
signet_intake_queue_n_checking (SignetIntakeQueue *self)
{
  g_return_val_if_fail (SIGNET_IS_INTAKE_QUEUE (self), 0);

  return g_hash_table_size (self->checks);
}

/* {{{ Keeping the queue across a restart */

static void schedule_save (SignetIntakeQueue *self);

static GBytes *
serialize (SignetIntakeQueue *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize            length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (self->items, i);
      g_autofree char  *uri = NULL;

      /* The journal has it and the outbox sends it, after a crash too. */
      if (signet_intake_item_get_journalled (item))
        continue;
      uri = g_file_get_uri (signet_intake_item_get_file (item));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uri");
      json_builder_add_string_value (builder, uri);
      if (signet_intake_item_get_settings (item) != NULL)
        {
          json_builder_set_member_name (builder, "settings");
          json_builder_add_string_value (builder, signet_intake_item_get_settings (item));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  return g_bytes_new_take (g_steal_pointer (&text), length);
}

/* On a thread of GIO's: the state file written beside its place, synced
 * and moved there, so that it is the last state or the one before, never
 * half of one. (g_file_replace_contents() does so only for a file that is
 * already there: a new one it creates in its place, empty, then fills.) */
static void
write_state (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (source);
  gsize            length;
  const char      *data = g_bytes_get_data (task_data, &length);
  GError          *error = NULL;

  if (path == NULL)
    g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Not a local file");
  else if (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                     &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetIntakeQueue) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("The queue was not kept: %s", error->message);
  g_clear_object (&self->saving);
  if (self->dirty)
    schedule_save (self);
}

static gboolean
save_cb (gpointer user_data)
{
  SignetIntakeQueue *self = user_data;
  g_autoptr (GTask) task = NULL;

  self->save_id = 0;
  if (self->state_file == NULL)
    return G_SOURCE_REMOVE;
  if (self->saving != NULL)
    {
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->dirty = FALSE;
  self->saving = g_cancellable_new ();
  task = g_task_new (self->state_file, self->saving, saved_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_cb);
  g_task_set_task_data (task, serialize (self), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_state);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (SignetIntakeQueue *self)
{
  if (self->state_file != NULL && self->save_id == 0)
    self->save_id = g_idle_add (save_cb, self);
}

/* What the state file holds of an item: its settings, and whether it is
 * still only here (not yet journalled). */
static void
watch_item (SignetIntakeQueue *self, SignetIntakeItem *item)
{
  g_signal_connect_object (item, "notify::settings", G_CALLBACK (schedule_save), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::journalled", G_CALLBACK (schedule_save), self,
                           G_CONNECT_SWAPPED);
}

static void
items_changed_cb (SignetIntakeQueue *self, guint position, guint removed, guint added)
{
  for (guint i = position; i < position + added; i++)
    watch_item (self, g_ptr_array_index (self->items, i));
  schedule_save (self);
}

/**
 * signet_intake_queue_set_state_file:
 * @self: a #SignetIntakeQueue
 * @file: (nullable): where to keep the queue, such as
 *   `$XDG_STATE_HOME/signet/queue.json`, or %NULL to stop
 *
 * From now on, writes the files of the queue and their settings to @file
 * (atomically) after every change, so that signet_intake_queue_restore_async()
 * brings them back after a quit or a crash.
 */
void
signet_intake_queue_set_state_file (SignetIntakeQueue *self, GFile *file)
{
  g_return_if_fail (SIGNET_IS_INTAKE_QUEUE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->state_file == NULL && file != NULL)
    {
      g_signal_connect (self, "items-changed", G_CALLBACK (items_changed_cb), NULL);
      for (guint i = 0; i < self->items->len; i++)
        watch_item (self, g_ptr_array_index (self->items, i));
    }
  else if (file == NULL)
    g_signal_handlers_disconnect_by_func (self, items_changed_cb, NULL);
  g_set_object (&self->state_file, file);
  schedule_save (self);
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetIntakeQueue *self = g_task_get_source_object (task);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length;
  JsonNode        *root;
  JsonArray       *items;
  guint            n = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      /* Nothing kept: nothing to bring back. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_int (task, 0);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!json_parser_load_from_data (parser, contents, length, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "items")
      || (items = json_object_get_array_member (json_node_get_object (root), "items")) == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED, "%s",
                               _ ("The documents left in the queue last time cannot be brought "
                                  "back: their record is damaged."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      const char *uri, *settings;
      g_autoptr (GFile) file = NULL;
      SignetIntakeItem *item;

      if (object == NULL
          || (uri = json_object_get_string_member_with_default (object, "uri", NULL)) == NULL)
        continue;
      settings = json_object_get_string_member_with_default (object, "settings", NULL);
      file = g_file_new_for_uri (uri);
      /* A file moved away meanwhile comes back too, and its check says so. */
      item = signet_intake_queue_add (self, file);
      if (item == NULL)
        continue;
      signet_intake_item_set_settings (item, settings);
      n++;
    }
  g_task_return_int (task, n);
}

/**
 * signet_intake_queue_restore_async:
 * @self: a #SignetIntakeQueue
 * @file: the state file given to signet_intake_queue_set_state_file()
 *   in an earlier run
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds the files kept in @file, with their settings, after the items of
 * the queue.
 */
void
signet_intake_queue_restore_async (SignetIntakeQueue  *self,
                                   GFile              *file,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (SIGNET_IS_INTAKE_QUEUE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_intake_queue_restore_async);
  g_file_load_contents_async (file, cancellable, loaded_cb, task);
}

/**
 * signet_intake_queue_restore_finish:
 * @self: a #SignetIntakeQueue
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: how many files came back, or -1 on error
 */
int
signet_intake_queue_restore_finish (SignetIntakeQueue *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}

/* }}} */
