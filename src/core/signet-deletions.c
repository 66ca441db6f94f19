/* signet-deletions.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-deletions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-deletions.h"
#include "signet-document-private.h"
#include "signet-error.h"

/**
 * SignetDeletions:
 *
 * Deletions that wait for their Undo to go away before they are sent.
 *
 * signet_deletions_add() only remembers a deletion; nothing reaches the
 * server until signet_deletions_commit() (the toast is gone) or
 * signet_deletions_flush_async() (Signet quits). signet_deletions_undo()
 * forgets it, and nothing was sent. Several can wait at once.
 *
 * A sent deletion is journalled: the document keeps its place in the
 * library and its archive copy, gets a `deleted` event (detail `document`
 * or `request`), and an open request becomes cancelled. A document that
 * never reached the server is only cancelled here.
 */
struct _SignetDeletions
{
  GObject parent_instance;

  SignetJournal *journal;
  SignetClient  *client;
  GHashTable    *pending; /* id → Deletion */
  guint          next_id;
  guint          n_sending;
  GPtrArray     *flushes; /* GTask waiting for n_sending to reach 0 */
};

G_DEFINE_FINAL_TYPE (SignetDeletions, signet_deletions, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_PENDING,
  PROP_N_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SignetDeletions   *self; /* a reference only while it is sent */
  SignetDocument    *document;
  SignetDeletionKind kind;
  gboolean           sending;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  if (deletion->sending)
    g_clear_object (&deletion->self);
  g_clear_object (&deletion->document);
  g_free (deletion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deletion, deletion_free)

static void
finish_flushes (SignetDeletions *self)
{
  g_autoptr (GPtrArray) flushes = NULL;

  if (self->n_sending > 0 || g_hash_table_size (self->pending) > 0 || self->flushes->len == 0)
    return;

  flushes = g_steal_pointer (&self->flushes);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < flushes->len; i++)
    g_task_return_boolean (g_ptr_array_index (flushes, i), TRUE);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    g_warning ("%s", error->message);
}

/* The deletion is done (or failed): tell, journal and count down. */
static void
deletion_done (Deletion *deletion, GError *error)
{
  SignetDeletions *self = deletion->self;
  SignetDocument  *document = deletion->document;

  if (error == NULL)
    {
      const char *detail = deletion->kind == SIGNET_DELETION_DOCUMENT ? "document" : "request";

      if (!signet_document_status_is_final (signet_document_get_status (document)))
        signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_CANCELED);
      signet_document_set_last_error (document, NULL);
      signet_journal_save_async (self->journal, document, "deleted", detail, NULL, saved_cb, NULL);
    }

  g_signal_emit (self, signals[DONE], 0, document, error);
  self->n_sending--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
  finish_flushes (self);
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Deletion) deletion = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (deletion->kind == SIGNET_DELETION_DOCUMENT)
    ok = signet_client_delete_document_finish (SIGNET_CLIENT (source), result, &error);
  else
    ok = signet_client_delete_signature_request_finish (SIGNET_CLIENT (source), result, &error);

  /* Gone already is what was asked for. */
  if (!ok && g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    g_clear_error (&error);

  deletion_done (deletion, error);
}

static void
send_deletion (SignetDeletions *self, Deletion *deletion)
{
  SignetDocument *document = deletion->document;
  const char     *document_id = signet_document_get_document_id (document);

  deletion->self = g_object_ref (self);
  deletion->sending = TRUE;
  self->n_sending++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);

  /* Never uploaded: there is nothing on the server, and the outbox leaves
   * a cancelled request alone. */
  if (document_id == NULL)
    {
      deletion_done (deletion, NULL);
      deletion_free (deletion);
      return;
    }

  if (self->client == NULL)
    {
      g_autoptr (GError) error
        = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NETWORK_UNREACHABLE,
                               _ ("The account is not ready, so nothing was deleted"));

      deletion_done (deletion, error);
      deletion_free (deletion);
      return;
    }

  g_debug ("Deleting the %s of %s",
           deletion->kind == SIGNET_DELETION_DOCUMENT ? "document" : "request", document_id);
  if (deletion->kind == SIGNET_DELETION_DOCUMENT)
    signet_client_delete_document_async (self->client, document_id, NULL, deleted_cb, deletion);
  else
    signet_client_delete_signature_request_async (
      self->client, signet_document_get_signature_request_id (document), NULL, deleted_cb,
      deletion);
}

static void
signet_deletions_dispose (GObject *object)
{
  SignetDeletions *self = SIGNET_DELETIONS (object);

  g_hash_table_remove_all (self->pending);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (signet_deletions_parent_class)->dispose (object);
}

static void
signet_deletions_finalize (GObject *object)
{
  SignetDeletions *self = SIGNET_DELETIONS (object);

  g_clear_object (&self->journal);
  g_hash_table_unref (self->pending);
  g_ptr_array_unref (self->flushes);

  G_OBJECT_CLASS (signet_deletions_parent_class)->finalize (object);
}

static void
signet_deletions_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetDeletions *self = SIGNET_DELETIONS (object);

  switch (prop_id)
    {
      case PROP_N_PENDING:
        g_value_set_uint (value, signet_deletions_get_n_pending (self));
        break;
      case PROP_N_SENDING:
        g_value_set_uint (value, self->n_sending);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_deletions_class_init (SignetDeletionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_deletions_dispose;
  object_class->finalize = signet_deletions_finalize;
  object_class->get_property = signet_deletions_get_property;

  /**
   * SignetDeletions:n-pending:
   *
   * Deletions that can still be undone.
   */
  properties[PROP_N_PENDING]
    = g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDeletions:n-sending:
   *
   * Deletions on their way to the server.
   */
  properties[PROP_N_SENDING]
    = g_param_spec_uint ("n-sending", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetDeletions::done:
   * @self: the #SignetDeletions
   * @document: the #SignetDocument
   * @error: (nullable): why the server did not delete it
   *
   * A deletion was sent and answered.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, SIGNET_TYPE_DOCUMENT, G_TYPE_ERROR);
}

static void
signet_deletions_init (SignetDeletions *self)
{
  self->pending
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) deletion_free);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_id = 1;
}

/**
 * signet_deletions_new:
 * @journal: the #SignetJournal the documents are in
 *
 * Returns: (transfer full): a new #SignetDeletions with nothing pending
 */
SignetDeletions *
signet_deletions_new (SignetJournal *journal)
{
  SignetDeletions *self;

  g_return_val_if_fail (SIGNET_IS_JOURNAL (journal), NULL);

  self = g_object_new (SIGNET_TYPE_DELETIONS, NULL);
  self->journal = g_object_ref (journal);
  return self;
}

/**
 * signet_deletions_set_client:
 * @self: a #SignetDeletions
 * @client: (nullable): the client of the current environment
 *
 * Sets the client deletions are sent with.
 */
void
signet_deletions_set_client (SignetDeletions *self, SignetClient *client)
{
  g_return_if_fail (SIGNET_IS_DELETIONS (self));

  g_set_object (&self->client, client);
}

/**
 * signet_deletions_add:
 * @self: a #SignetDeletions
 * @document: the #SignetDocument to delete
 * @kind: what to delete
 *
 * Remembers a deletion without sending anything.
 *
 * Returns: its id, for signet_deletions_undo() and signet_deletions_commit()
 */
guint
signet_deletions_add (SignetDeletions *self, SignetDocument *document, SignetDeletionKind kind)
{
  Deletion *deletion;
  guint     id;

  g_return_val_if_fail (SIGNET_IS_DELETIONS (self), 0);
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), 0);

  deletion = g_new0 (Deletion, 1);
  deletion->self = self;
  deletion->document = g_object_ref (document);
  deletion->kind = kind;
  id = self->next_id++;
  g_hash_table_insert (self->pending, GUINT_TO_POINTER (id), deletion);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  return id;
}

/**
 * signet_deletions_undo:
 * @self: a #SignetDeletions
 * @id: an id from signet_deletions_add()
 *
 * Forgets a pending deletion; nothing was sent.
 *
 * Returns: whether it was still pending (not sent yet)
 */
gboolean
signet_deletions_undo (SignetDeletions *self, guint id)
{
  g_return_val_if_fail (SIGNET_IS_DELETIONS (self), FALSE);

  if (!g_hash_table_remove (self->pending, GUINT_TO_POINTER (id)))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  finish_flushes (self);
  return TRUE;
}

/**
 * signet_deletions_commit:
 * @self: a #SignetDeletions
 * @id: an id from signet_deletions_add()
 *
 * Sends a pending deletion now; an undone or sent one is left alone.
 */
void
signet_deletions_commit (SignetDeletions *self, guint id)
{
  Deletion *deletion;

  g_return_if_fail (SIGNET_IS_DELETIONS (self));

  if (!g_hash_table_steal_extended (self->pending, GUINT_TO_POINTER (id), NULL,
                                    (gpointer *) &deletion))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  send_deletion (self, deletion);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (a), y = GPOINTER_TO_UINT (b);

  return x < y ? -1 : x > y;
}

/**
 * signet_deletions_commit_all:
 * @self: a #SignetDeletions
 *
 * Sends every pending deletion now.
 */
void
signet_deletions_commit_all (SignetDeletions *self)
{
  g_autoptr (GList) ids = NULL;

  g_return_if_fail (SIGNET_IS_DELETIONS (self));

  ids = g_hash_table_get_keys (self->pending);
  ids = g_list_sort (ids, compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    signet_deletions_commit (self, GPOINTER_TO_UINT (l->data));
}

/**
 * signet_deletions_get_n_pending:
 * @self: a #SignetDeletions
 *
 * Returns: how many deletions can still be undone
 */
guint
signet_deletions_get_n_pending (SignetDeletions *self)
{
  g_return_val_if_fail (SIGNET_IS_DELETIONS (self), 0);

  return g_hash_table_size (self->pending);
}

/**
 * signet_deletions_get_n_sending:
 * @self: a #SignetDeletions
 *
 * Returns: how many deletions wait for the server's answer
 */
guint
signet_deletions_get_n_sending (SignetDeletions *self)
{
  g_return_val_if_fail (SIGNET_IS_DELETIONS (self), 0);

  return self->n_sending;
}

/**
 * signet_deletions_is_pending:
 * @self: a #SignetDeletions
 * @document: a #SignetDocument
 *
 * Returns: whether a deletion of @document waits for its Undo to go
 */
gboolean
signet_deletions_is_pending (SignetDeletions *self, SignetDocument *document)
{
  GHashTableIter iter;
  Deletion      *deletion;

  g_return_val_if_fail (SIGNET_IS_DELETIONS (self), FALSE);

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &deletion))
    if (deletion->document == document)
      return TRUE;
  return FALSE;
}

/**
 * signet_deletions_flush_async:
 * @self: a #SignetDeletions
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every deletion has been answered
 * @user_data: data for @callback
 *
 * Sends every pending deletion and waits for the answers: what quitting
 * does. Failures are reported through #SignetDeletions::done.
 */
void
signet_deletions_flush_async (SignetDeletions    *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_DELETIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_deletions_flush_async);
  g_ptr_array_add (self->flushes, g_object_ref (task));
  signet_deletions_commit_all (self);
  finish_flushes (self);
}

/**
 * signet_deletions_flush_finish:
 * @self: a #SignetDeletions
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once nothing is pending or on its way
 */
gboolean
signet_deletions_flush_finish (SignetDeletions *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
