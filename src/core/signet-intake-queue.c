/* signet-intake-queue.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-intake-queue"

#include "config.h"

#include "signet-intake-queue.h"
#include "signet-pdf-inspector.h"

struct _SignetIntakeQueue
{
  GObject parent_instance;

  GPtrArray *items;
  /* The checks still running, by item, to cancel one when it is removed. */
  GHashTable         *checks;
  SignetPdfInspector *inspector;
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
