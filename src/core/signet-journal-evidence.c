/* signet-journal-evidence.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-journal"

#include "config.h"

#include "signet-journal-evidence.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "signet-document-private.h"
#include "signet-error.h"
#include "signet-journal-private.h"
#include "signet-task-util.h"
#include "signet-worker-private.h"

/* The evidence record of a document (docs/evidence.md): what the journal
 * already holds (the SHA-256 of the file as sent, the options of every
 * round, the history with times), plus, for each check of the archived
 * signed copy, an `evidence` event whose detail holds that copy's SHA-256
 * and the signature check's result. Events are only ever added, so a later
 * check never hides an earlier one; no table of its own is needed. */

#define EVIDENCE_EVENT "evidence"

/* A one-time code the sender chose (openOtpCode, signOtpCode) lets anyone
 * who reads it open or sign the document: never part of the record. */
static gboolean
is_secret (const char *name)
{
  return g_str_has_suffix (name, "OtpCode");
}

static void
scrub (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        scrub (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          if (is_secret (l->data))
            json_object_remove_member (object, l->data);
          else
            scrub (json_object_get_member (object, l->data));
        }
    }
}

/**
 * signet_evidence_scrub_options:
 * @plan: (nullable): a document's plan: a JSON array of E1 bodies
 *
 * Returns: (transfer full): the plan without one-time codes, or a null
 *   node when there is none
 */
JsonNode *
signet_evidence_scrub_options (const char *plan)
{
  JsonNode *node = plan != NULL ? json_from_string (plan, NULL) : NULL;

  if (node == NULL)
    return json_node_new (JSON_NODE_NULL);
  scrub (node);
  return node;
}

/* {{{ The server's time of a state change */

/* A `state` event's detail is the state's name, then, when the server's
 * list gave it, a space and the server's time of the change (its
 * `modification`) in ISO 8601: "signed 2026-12-05T14:02:11+01:00". Older
 * events hold the name alone. The events table keeps its one detail
 * column (docs/evidence.md). */

/**
 * signet_evidence_state_detail:
 * @state: the state's name (signet_document_state_to_string())
 * @server_time: (nullable): when the server says the document last changed
 *
 * Returns: (transfer full): the detail of a `state` event
 */
char *
signet_evidence_state_detail (const char *state, GDateTime *server_time)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  if (server_time == NULL)
    return g_strdup (state);
  time = g_date_time_format_iso8601 (server_time);
  return g_strdup_printf ("%s %s", state, time);
}

/**
 * signet_evidence_parse_state_detail:
 * @detail: (nullable): the detail of a `state` event
 * @server_time: (out) (optional) (nullable): the server's time of the
 *   change in ISO 8601, or %NULL when the event has none
 *
 * Returns: (transfer full) (nullable): the state's name
 */
char *
signet_evidence_parse_state_detail (const char *detail, char **server_time)
{
  const char *space = detail != NULL ? strchr (detail, ' ') : NULL;

  if (server_time != NULL)
    *server_time = space != NULL ? g_strdup (space + 1) : NULL;
  return space != NULL ? g_strndup (detail, space - detail) : g_strdup (detail);
}

/* }}} */

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder, const char *name, gint64 ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *text = local ? g_date_time_format_iso8601 (local) : NULL;

  add_string (builder, name, text);
}

/**
 * signet_evidence_build:
 * @document: a journalled document
 * @events: (element-type SignetJournalEvent): its history, oldest first
 *
 * Puts the evidence record together: the request, the SHA-256 of the file
 * as sent, the options without secrets, every event with its local time
 * (and a state change with the server's time, when the server gave it),
 * and the newest check of the signed copy. Pure: no I/O.
 *
 * Returns: (transfer full): the record as JSON
 */
JsonNode *
signet_evidence_build (SignetDocument *document, GPtrArray *events)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonArray) checks = json_array_new ();
  const char *sent_by = NULL;

  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (events != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SIGNET_EVIDENCE_VERSION);
  add_string (builder, "signatureRequestId", signet_document_get_signature_request_id (document));
  add_string (builder, "documentId", signet_document_get_document_id (document));
  add_string (builder, "environment", signet_document_get_environment (document));
  add_string (builder, "filename", signet_document_get_filename (document));
  add_string (builder, "sentSha256", signet_document_get_checksum (document));
  add_string (builder, "status",
              signet_document_status_to_string (signet_document_get_status (document)));
  json_builder_set_member_name (builder, "options");
  json_builder_add_value (builder,
                          signet_evidence_scrub_options (signet_document_get_plan (document)));

  /* The desk that journalled it (user@host), when the journal knows. */
  for (guint i = 0; i < events->len && sent_by == NULL; i++)
    {
      SignetJournalEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->kind, "journalled") == 0)
        sent_by = event->detail;
    }
  add_string (builder, "sentBy", sent_by);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      SignetJournalEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->kind, EVIDENCE_EVENT) == 0)
        {
          JsonNode *check = event->detail ? json_from_string (event->detail, NULL) : NULL;

          if (check != NULL)
            json_array_add_element (checks, check);
          continue;
        }
      json_builder_begin_object (builder);
      add_time (builder, "time", event->time);
      json_builder_set_member_name (builder, "timeMs");
      json_builder_add_int_value (builder, event->time);
      add_string (builder, "kind", event->kind);
      if (g_strcmp0 (event->kind, "state") == 0)
        {
          g_autofree char *server_time = NULL;
          g_autofree char *state = signet_evidence_parse_state_detail (event->detail, &server_time);

          add_string (builder, "detail", state);
          add_string (builder, "serverTime", server_time);
        }
      else
        {
          add_string (builder, "detail", event->detail);
          add_string (builder, "serverTime", NULL);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The newest check, and every check, oldest first. */
  json_builder_set_member_name (builder, "signedCopy");
  if (json_array_get_length (checks) > 0)
    json_builder_add_value (builder, json_node_copy (json_array_get_element (
                                       checks, json_array_get_length (checks) - 1)));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "checks");
  json_builder_add_value (builder, json_node_init_array (json_node_alloc (), checks));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  char                 *path;
  char                 *sha256;
  SignetSignatureCheck *check;
} Checked;

static void
checked_free (Checked *checked)
{
  g_free (checked->path);
  g_free (checked->sha256);
  g_clear_object (&checked->check);
  g_free (checked);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Checked, checked_free)

static void
check_in_worker (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (Checked) checked = g_new0 (Checked, 1);

  checked->path = g_strdup (path);
  checked->check = signet_signature_check_file (file, &checked->sha256, cancellable, &error);
  if (checked->check == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&checked), (GDestroyNotify) checked_free);
}

/**
 * signet_evidence_check_to_json:
 * @check: a signature check
 *
 * Returns: (transfer full): what @check found, with the names the evidence
 *   record uses (docs/evidence-schema.json, `check`), without the file's
 *   path, hash and the time of the check
 */
JsonObject *
signet_evidence_check_to_json (SignetSignatureCheck *check)
{
  JsonObject      *object = json_object_new ();
  GDateTime       *signing_time = signet_signature_check_get_signing_time (check);
  g_autofree char *signed_at = signing_time ? g_date_time_format_iso8601 (signing_time) : NULL;
  const char      *signer = signet_signature_check_get_signer_name (check);

  g_return_val_if_fail (SIGNET_IS_SIGNATURE_CHECK (check), NULL);

  json_object_set_string_member (
    object, "signature",
    signet_signature_status_to_string (signet_signature_check_get_status (check)));
  json_object_set_int_member (object, "signatures",
                              signet_signature_check_get_n_signatures (check));
  json_object_set_boolean_member (object, "coversWholeFile",
                                  signet_signature_check_get_covers_whole_file (check));
  if (signer != NULL)
    json_object_set_string_member (object, "signer", signer);
  else
    json_object_set_null_member (object, "signer");
  if (signed_at != NULL)
    json_object_set_string_member (object, "signingTime", signed_at);
  else
    json_object_set_null_member (object, "signingTime");
  json_object_set_string_member (
    object, "certificate",
    signet_certificate_status_to_string (signet_signature_check_get_certificate_status (check)));
  return object;
}

/* The record's `check`: what was found, of which file, and when. */
static JsonObject *
checked_to_json (Checked *checked)
{
  JsonObject *object = signet_evidence_check_to_json (checked->check);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (signet_journal_now_ms () / 1000);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *now = g_date_time_format_iso8601 (local);

  json_object_set_string_member (object, "path", checked->path);
  json_object_set_string_member (object, "sha256", checked->sha256);
  json_object_set_string_member (object, "checked", now);
  return object;
}

static char *
evidence_detail (Checked *checked)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, checked_to_json (checked));
  return json_to_string (root, FALSE);
}

/**
 * signet_evidence_check_copy_async:
 * @path: a signed copy
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the check
 * @user_data: data for @callback
 *
 * Checks @path as signet_journal_record_evidence_async() does, on a worker
 * thread, without writing anything: for a reader of the journal (signet-cli)
 * whose record has no check yet.
 */
void
signet_evidence_check_copy_async (const char         *path,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_evidence_check_copy_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  signet_worker_run (SIGNET_WORKER_INSPECT, task, check_in_worker);
}

/**
 * signet_evidence_check_copy_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the check, as the record's `checks` hold it,
 *   or %NULL
 */
JsonObject *
signet_evidence_check_copy_finish (GAsyncResult *result, GError **error)
{
  g_autoptr (Checked) checked = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  checked = g_task_propagate_pointer (G_TASK (result), error);
  return checked != NULL ? checked_to_json (checked) : NULL;
}

/**
 * signet_evidence_add_check:
 * @record: an evidence record
 * @check: (transfer full): a check of its signed copy
 *
 * Adds @check to @record as its newest: `signedCopy` and the last of
 * `checks`.
 */
void
signet_evidence_add_check (JsonNode *record, JsonObject *check)
{
  JsonObject *object;

  g_return_if_fail (record != NULL && JSON_NODE_HOLDS_OBJECT (record));
  g_return_if_fail (check != NULL);

  object = json_node_get_object (record);
  json_object_set_object_member (object, "signedCopy", json_object_ref (check));
  json_array_add_object_element (json_object_get_array_member (object, "checks"), check);
}

static void
evidence_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  Checked *checked = g_object_get_data (G_OBJECT (task), "checked");

  if (!signet_journal_save_finish (SIGNET_JOURNAL (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (checked->check), g_object_unref);
}

static void
evidence_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  Checked         *checked = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *detail = NULL;
  SignetJournal   *journal;
  SignetDocument  *document;

  if (checked == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "checked", checked, (GDestroyNotify) checked_free);
  detail = evidence_detail (checked);
  journal = g_task_get_source_object (task);
  document = g_task_get_task_data (task);
  signet_document_set_signature_status (document,
                                        signet_signature_check_get_status (checked->check));
  signet_journal_save_async (journal, document, EVIDENCE_EVENT, detail, NULL, evidence_saved_cb,
                             g_steal_pointer (&task));
}

/**
 * signet_journal_record_evidence_async:
 * @self: a #SignetJournal
 * @document: an archived document of this journal
 * @cancellable: (nullable): a #GCancellable; cancels the check, not a write
 *   already asked for
 * @callback: called when the check is written
 * @user_data: data for @callback
 *
 * Reads @document's archived signed copy on a worker thread, takes its
 * SHA-256 and checks its signatures, then adds an `evidence` event with the
 * result to @document's history.
 */
void
signet_journal_record_evidence_async (SignetJournal      *self,
                                      SignetDocument     *document,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) check = NULL;
  const char *path;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_journal_record_evidence_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);

  path = signet_document_get_archive_path (document);
  if (path == NULL)
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND, "%s",
                               _ ("The signed copy has not been archived yet."));
      return;
    }

  check = g_task_new (NULL, cancellable, evidence_checked_cb, g_steal_pointer (&task));
  g_task_set_source_tag (check, check_in_worker);
  g_task_set_task_data (check, g_strdup (path), g_free);
  signet_worker_run (SIGNET_WORKER_INSPECT, g_steal_pointer (&check), check_in_worker);
}

/**
 * signet_journal_record_evidence_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the check that was written, or %NULL
 */
SignetSignatureCheck *
signet_journal_record_evidence_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
evidence_events_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = signet_journal_list_events_finish (SIGNET_JOURNAL (source), result, &error);

  if (events == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, signet_evidence_build (g_task_get_task_data (task), events),
                           (GDestroyNotify) json_node_unref);
}

/**
 * signet_journal_get_evidence_async:
 * @self: a #SignetJournal
 * @document: a document of this journal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the record
 * @user_data: data for @callback
 *
 * Reads @document's history and puts its evidence record together, as
 * signet_evidence_build() says.
 */
void
signet_journal_get_evidence_async (SignetJournal      *self,
                                   SignetDocument     *document,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_journal_get_evidence_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  signet_journal_list_events_async (self, document, cancellable, evidence_events_cb, task);
}

/**
 * signet_journal_get_evidence_finish:
 * @self: a #SignetJournal
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the evidence record, or %NULL
 */
JsonNode *
signet_journal_get_evidence_finish (SignetJournal *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_evidence_status_from_string:
 * @name: (nullable): a name from signet_signature_status_to_string()
 *
 * Returns: the #SignetSignatureStatus, or -1 for an unknown name
 */
int
signet_evidence_status_from_string (const char *name)
{
  for (int status = SIGNET_SIGNATURE_NOT_SIGNED; status <= SIGNET_SIGNATURE_NOT_CHECKED; status++)
    if (g_strcmp0 (name, signet_signature_status_to_string (status)) == 0)
      return status;
  return -1;
}

/* Reading the newest check of each archived copy, one document after the
 * other, so that the journal's writes are never held up for long. */
typedef struct
{
  SignetJournal *journal;
  GPtrArray     *documents;
  guint          next;
} StatusLoad;

static void
status_load_free (StatusLoad *load)
{
  g_object_unref (load->journal);
  g_ptr_array_unref (load->documents);
  g_free (load);
}

static void status_load_next (StatusLoad *load);

static void
status_events_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StatusLoad     *load = user_data;
  SignetDocument *document = g_ptr_array_index (load->documents, load->next - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = signet_journal_list_events_finish (SIGNET_JOURNAL (source), result, &error);

  if (events == NULL)
    {
      g_debug ("Could not read the checks: %s", error->message);
      status_load_free (load);
      return;
    }
  for (guint i = events->len; i > 0; i--)
    {
      SignetJournalEvent *event = g_ptr_array_index (events, i - 1);
      g_autoptr (JsonNode) check = NULL;

      if (g_strcmp0 (event->kind, EVIDENCE_EVENT) != 0 || event->detail == NULL)
        continue;
      check = json_from_string (event->detail, NULL);
      if (check != NULL && JSON_NODE_HOLDS_OBJECT (check))
        signet_document_set_signature_status (
          document, signet_evidence_status_from_string (json_object_get_string_member_with_default (
                      json_node_get_object (check), "signature", NULL)));
      break;
    }
  status_load_next (load);
}

static void
status_load_next (StatusLoad *load)
{
  if (load->next >= load->documents->len)
    {
      status_load_free (load);
      return;
    }
  signet_journal_list_events_async (load->journal, load->documents->pdata[load->next++], NULL,
                                    status_events_cb, load);
}

/**
 * signet_journal_load_signature_statuses:
 * @self: a loaded #SignetJournal
 *
 * Sets #SignetDocument:signature-status of every archived document to its
 * newest recorded check, in the background, so that the library can flag
 * a copy that failed it.
 */
void
signet_journal_load_signature_statuses (SignetJournal *self)
{
  GListModel *documents;
  StatusLoad *load;
  guint       n;

  g_return_if_fail (SIGNET_IS_JOURNAL (self));

  documents = signet_journal_get_documents (self);
  n = g_list_model_get_n_items (documents);
  load = g_new0 (StatusLoad, 1);
  load->journal = g_object_ref (self);
  load->documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (signet_document_get_archive_path (document) != NULL
          && signet_document_get_signature_status (document) < 0)
        g_ptr_array_add (load->documents, g_steal_pointer (&document));
    }
  status_load_next (load);
}
