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
#include "signet-journal-private.h"

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
 * A sent deletion is journalled twice: before the server is asked, the
 * intent (a `deleting` event, and an open request becomes cancelled);
 * after the server's answer, the result (a `deleted` event, detail
 * `document` or `request`). The document keeps its place in the library
 * and its archive copy. A deletion the server refused is undone in the
 * journal (an `error` event) and reported; one whose intent could not be
 * written is not sent at all. When Signet stops between the two writes,
 * or the second one fails, the next start finds the intent without its
 * result and sends the deletion again (a 404 then means it was done).
 * A document that never reached the server is only cancelled here.
 *
 * Every failure the person must hear about is emitted as
 * #SignetDeletions::failed, in a sentence.
 */
struct _SignetDeletions
{
  GObject parent_instance;

  SignetJournal *journal;
  SignetClient  *client;
  GHashTable    *pending; /* id → Deletion */
  guint          next_id;
  guint          n_sending;
  GPtrArray     *flushes;    /* GTask waiting for n_sending to reach 0 */
  GPtrArray     *unfinished; /* Deletion found in the journal, not sent yet */
  guint          n_redoing;  /* unfinished deletions on their way */
  gboolean       scanned;
  gboolean       recovering;
  gulong         loaded_id;
};

G_DEFINE_FINAL_TYPE (SignetDeletions, signet_deletions, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_PENDING,
  PROP_N_SENDING,
  PROP_RECOVERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DONE,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SignetDeletions     *self; /* a reference only while it is sent */
  SignetDocument      *document;
  SignetDeletionKind   kind;
  gboolean             sending;
  gboolean             unfinished; /* its intent was found in the journal */
  SignetDocumentStatus old_status;
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

static const char *
kind_detail (SignetDeletionKind kind)
{
  return kind == SIGNET_DELETION_DOCUMENT ? "document" : "request";
}

/* A document and its deletions, for a journal call nobody waits for. */
typedef struct
{
  SignetDeletions *self;
  SignetDocument  *document;
} Held;

static Held *
held_new (SignetDeletions *self, SignetDocument *document)
{
  Held *held = g_new (Held, 1);

  held->self = g_object_ref (self);
  held->document = g_object_ref (document);
  return held;
}

static void
held_free (Held *held)
{
  g_object_unref (held->self);
  g_object_unref (held->document);
  g_free (held);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Held, held_free)

static GError *
account_not_ready_error (void)
{
  return g_error_new_literal (
    SIGNET_ERROR, SIGNET_ERROR_ACCOUNT_NOT_READY,
    _ ("The account is not ready. Check the account in Preferences, then try again."));
}

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
update_recovering (SignetDeletions *self)
{
  gboolean recovering = !self->scanned || self->unfinished->len > 0 || self->n_redoing > 0;

  if (recovering == self->recovering)
    return;
  self->recovering = recovering;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERING]);
}

/* Tells, in a sentence naming the file, what went wrong; @error keeps
 * its domain and code. */
static void
emit_failed (SignetDeletions *self,
             SignetDocument  *document,
             const GError    *error,
             gboolean         deleted_on_server)
{
  g_autoptr (GError) sentence = NULL;
  const char *name = signet_document_get_filename (document);

  if (deleted_on_server)
    /* Translators: %s is a file name, then a sentence saying what went
     * wrong; the next start finishes the deletion */
    sentence = g_error_new (error->domain, error->code, _ ("“%s” was deleted from the server. %s"),
                            name, error->message);
  else
    /* Translators: %s is a file name, then why */
    sentence = g_error_new (error->domain, error->code, _ ("“%s” was not deleted: %s"), name,
                            error->message);
  g_debug ("%s", sentence->message);
  g_signal_emit (self, signals[FAILED], 0, document, sentence);
}

/* The server has answered (or was never asked) and the journal is
 * written as far as it could be. */
static void
deletion_finished (Deletion *deletion, const GError *error)
{
  SignetDeletions *self = deletion->self;

  g_signal_emit (self, signals[DONE], 0, deletion->document, error);
  if (deletion->unfinished)
    self->n_redoing--;
  self->n_sending--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
  update_recovering (self);
  finish_flushes (self);
  deletion_free (deletion);
}

/* Not deleted: the document is as it was before, in memory too. */
static void
not_deleted (Deletion *deletion, const GError *error)
{
  signet_document_set_status (deletion->document, deletion->old_status);
  emit_failed (deletion->self, deletion->document, error, FALSE);
  deletion_finished (deletion, error);
}

static void
cancel_locally (Deletion *deletion)
{
  SignetDocument *document = deletion->document;

  deletion->old_status = signet_document_get_status (document);
  if (!signet_document_status_is_final (deletion->old_status))
    signet_document_set_status (document, SIGNET_DOCUMENT_STATUS_CANCELED);
}

static void
result_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deletion *deletion = user_data;
  g_autoptr (GError) error = NULL;

  /* The intent stays the last word of the journal: the next start sends
   * the deletion again and writes this. */
  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    emit_failed (deletion->self, deletion->document, error, TRUE);
  deletion_finished (deletion, NULL);
}

static void
undone_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Held) held = user_data;
  g_autoptr (GError) error = NULL;

  /* The intent stays: the next start sends the deletion again. */
  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    emit_failed (held->self, held->document, error, FALSE);
}

/* Not sent after all: the journal must not send it again by itself, and
 * the person is told and may try again. */
static void
undo_intent (Deletion *deletion, const GError *error)
{
  signet_document_set_status (deletion->document, deletion->old_status);
  signet_journal_save_async (deletion->self->journal, deletion->document, "error", error->message,
                             NULL, undone_cb, held_new (deletion->self, deletion->document));
  not_deleted (deletion, error);
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deletion       *deletion = user_data;
  SignetDocument *document = deletion->document;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (deletion->kind == SIGNET_DELETION_DOCUMENT)
    ok = signet_client_delete_document_finish (SIGNET_CLIENT (source), result, &error);
  else
    ok = signet_client_delete_signature_request_finish (SIGNET_CLIENT (source), result, &error);

  /* Gone already is what was asked for. */
  if (!ok && g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND))
    {
      ok = TRUE;
      g_clear_error (&error);
    }

  if (ok)
    {
      signet_document_set_last_error (document, NULL);
      signet_journal_save_async (deletion->self->journal, document, "deleted",
                                 kind_detail (deletion->kind), NULL, result_saved_cb, deletion);
      return;
    }

  if (deletion->unfinished)
    {
      /* Asked for before Signet stopped: tried again with the next
       * client, or at the next start. */
      SignetDeletions *self = deletion->self;

      emit_failed (self, document, error, FALSE);
      g_signal_emit (self, signals[DONE], 0, document, error);
      deletion->sending = FALSE;
      g_ptr_array_add (self->unfinished, deletion);
      self->n_redoing--;
      self->n_sending--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
      update_recovering (self);
      finish_flushes (self);
      g_object_unref (self);
      return;
    }
  undo_intent (deletion, error);
}

static void
send_to_server (Deletion *deletion)
{
  SignetDeletions *self = deletion->self;
  SignetDocument  *document = deletion->document;

  g_debug ("Deleting the %s of %s", kind_detail (deletion->kind),
           signet_document_get_document_id (document));
  if (deletion->kind == SIGNET_DELETION_DOCUMENT)
    signet_client_delete_document_async (self->client, signet_document_get_document_id (document),
                                         NULL, deleted_cb, deletion);
  else
    signet_client_delete_signature_request_async (
      self->client, signet_document_get_signature_request_id (document), NULL, deleted_cb,
      deletion);
}

static void
intent_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deletion *deletion = user_data;
  g_autoptr (GError) error = NULL;

  /* Nothing is sent that the journal does not know of. */
  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      not_deleted (deletion, error);
      return;
    }
  if (deletion->self->client == NULL)
    {
      /* The account went away meanwhile: as if the server had said no. */
      g_autoptr (GError) not_ready = account_not_ready_error ();

      undo_intent (deletion, not_ready);
      return;
    }
  send_to_server (deletion);
}

static void
local_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deletion *deletion = user_data;
  g_autoptr (GError) error = NULL;

  /* Unwritten, the request would be sent at the next start. */
  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    {
      not_deleted (deletion, error);
      return;
    }
  deletion_finished (deletion, NULL);
}

static void
start_sending (SignetDeletions *self, Deletion *deletion)
{
  deletion->self = g_object_ref (self);
  deletion->sending = TRUE;
  self->n_sending++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
}

static void
send_deletion (SignetDeletions *self, Deletion *deletion)
{
  SignetDocument *document = deletion->document;

  start_sending (self, deletion);

  /* Never uploaded: there is nothing on the server, and the outbox leaves
   * a cancelled request alone. */
  if (signet_document_get_document_id (document) == NULL)
    {
      cancel_locally (deletion);
      signet_document_set_last_error (document, NULL);
      signet_journal_save_async (self->journal, document, "deleted", kind_detail (deletion->kind),
                                 NULL, local_saved_cb, deletion);
      return;
    }

  if (self->client == NULL)
    {
      g_autoptr (GError) error = account_not_ready_error ();

      deletion->old_status = signet_document_get_status (document);
      not_deleted (deletion, error);
      return;
    }

  cancel_locally (deletion);
  signet_journal_save_async (self->journal, document, "deleting", kind_detail (deletion->kind),
                             NULL, intent_saved_cb, deletion);
}

/* {{{ Finishing what the last run left */

static void
send_unfinished (SignetDeletions *self)
{
  g_autoptr (GPtrArray) deletions = NULL;

  if (self->client == NULL || self->unfinished->len == 0)
    return;

  /* Each is sent: its answer frees it. */
  deletions = g_steal_pointer (&self->unfinished);
  g_ptr_array_set_free_func (deletions, NULL);
  self->unfinished = g_ptr_array_new_with_free_func ((GDestroyNotify) deletion_free);
  for (guint i = 0; i < deletions->len; i++)
    {
      Deletion *deletion = g_ptr_array_index (deletions, i);

      self->n_redoing++;
      start_sending (self, deletion);
      send_to_server (deletion);
    }
}

static void
scanned_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetDeletions) self = user_data;
  g_autoptr (GHashTable) intents = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *documents = NULL;
  guint       n = 0;

  intents = signet_journal_list_deletion_intents_finish (SIGNET_JOURNAL (source), result, &error);
  if (intents == NULL)
    /* Read again at the next start; nothing was changed. */
    g_debug ("Could not read the unfinished deletions: %s", error->message);
  else if (g_hash_table_size (intents) > 0)
    {
      /* None when the journal was closed in the meantime. */
      documents = signet_journal_get_documents (self->journal);
      n = documents != NULL ? g_list_model_get_n_items (documents) : 0;
    }

  /* Only a document whose intent was written can have one left: it is
   * final (cancelled by the intent, or final before) and on the server. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      gint64      journal_id = signet_document_get_journal_id (document);
      const char *detail;
      Deletion   *deletion;

      if (!g_hash_table_lookup_extended (intents, &journal_id, NULL, (gpointer *) &detail)
          || signet_document_get_document_id (document) == NULL
          || !signet_document_status_is_final (signet_document_get_status (document)))
        continue;
      g_debug ("Deleting %s again: asked for before Signet stopped",
               signet_document_get_signature_request_id (document));
      deletion = g_new0 (Deletion, 1);
      deletion->self = self;
      deletion->document = g_object_ref (document);
      deletion->kind
        = g_strcmp0 (detail, "request") == 0 ? SIGNET_DELETION_REQUEST : SIGNET_DELETION_DOCUMENT;
      deletion->unfinished = TRUE;
      deletion->old_status = signet_document_get_status (document);
      g_ptr_array_add (self->unfinished, deletion);
    }

  self->scanned = TRUE;
  send_unfinished (self);
  update_recovering (self);
}

/* Finds the deletions the last run asked for and did not finish, in one
 * read of the journal. */
static void
scan_journal (SignetDeletions *self)
{
  signet_clear_signal_handler (&self->loaded_id, self->journal);
  signet_journal_list_deletion_intents_async (self->journal, NULL, scanned_cb, g_object_ref (self));
}

/* }}} */

static void
signet_deletions_dispose (GObject *object)
{
  SignetDeletions *self = SIGNET_DELETIONS (object);

  g_hash_table_remove_all (self->pending);
  g_ptr_array_set_size (self->unfinished, 0);
  if (self->journal != NULL)
    signet_clear_signal_handler (&self->loaded_id, self->journal);
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
  g_ptr_array_unref (self->unfinished);

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
      case PROP_RECOVERING:
        g_value_set_boolean (value, self->recovering);
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
  /**
   * SignetDeletions:recovering:
   *
   * Whether deletions asked for before Signet last stopped are still
   * being looked for in the journal, or wait to be sent again (for a
   * client, or for the server's answer).
   */
  properties[PROP_RECOVERING]
    = g_param_spec_boolean ("recovering", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetDeletions::done:
   * @self: the #SignetDeletions
   * @document: the #SignetDocument
   * @error: (nullable): why it was not deleted
   *
   * A deletion was answered and journalled as far as the journal could
   * (a failed write is also #SignetDeletions::failed).
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, SIGNET_TYPE_DOCUMENT, G_TYPE_ERROR);
  /**
   * SignetDeletions::failed:
   * @self: the #SignetDeletions
   * @document: the #SignetDocument
   * @error: what went wrong, in a sentence that names the file (its code
   *   is the cause's, e.g. %SIGNET_ERROR_ACCOUNT_NOT_READY)
   *
   * A deletion was not done, or was done on the server but could not be
   * written in the journal (the next start finishes it). Emitted with or
   * without a window to show it in.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, SIGNET_TYPE_DOCUMENT, G_TYPE_ERROR);
}

static void
signet_deletions_init (SignetDeletions *self)
{
  self->pending
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) deletion_free);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->unfinished = g_ptr_array_new_with_free_func ((GDestroyNotify) deletion_free);
  self->next_id = 1;
  self->recovering = TRUE;
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
  /* Deletions the last run asked for but did not finish are sent again. */
  if (signet_journal_get_loaded (journal))
    scan_journal (self);
  else
    self->loaded_id
      = g_signal_connect_swapped (journal, "notify::loaded", G_CALLBACK (scan_journal), self);
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
  if (self->scanned)
    send_unfinished (self);
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

  /* The service does not say which request a listed document belongs to:
   * one sent elsewhere is stopped by deleting the document (the window
   * asks first and says so). */
  if (kind == SIGNET_DELETION_REQUEST && signet_document_get_sent_elsewhere (document))
    kind = SIGNET_DELETION_DOCUMENT;

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
 * Sends every pending deletion and waits for the answers and their
 * journal writes: what quitting does. Failures are reported through
 * #SignetDeletions::failed (and #SignetDeletions::done).
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
