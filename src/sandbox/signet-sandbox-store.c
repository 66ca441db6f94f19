/* signet-sandbox-store.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include <glib/gstdio.h>

#include "signet-sandbox-private.h"

/* --data-dir: `sandbox.json` holds the state (and the port, reused at the
 * next start), `documents/<id>.pdf` the files. Every change rewrites the
 * JSON atomically (a temporary file renamed over it); a PDF is written the
 * same way when its content changed, always before the JSON that names
 * it. */

#define STATE_FILE    "sandbox.json"
#define STORE_VERSION 1

static void
add_strings (JsonBuilder *builder, const char *name, GPtrArray *strings)
{
  json_builder_set_member_name (builder, name);
  if (strings == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
build_document (JsonBuilder *builder, SandboxDocument *document)
{
  json_builder_begin_object (builder);
  sandbox_add_string (builder, "id", document->id);
  sandbox_add_string (builder, "filename", document->filename);
  sandbox_add_string (builder, "state", document->state);
  sandbox_add_int (builder, "uploaded", document->uploaded);
  sandbox_add_int (builder, "modified", document->modified);
  sandbox_add_int (builder, "signedAt", document->signed_at);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->fields->len; i++)
    {
      SignetSandboxField *field = g_ptr_array_index (document->fields, i);

      json_builder_begin_object (builder);
      sandbox_add_string (builder, "name", field->name);
      sandbox_add_int (builder, "page", field->page);
      json_builder_set_member_name (builder, "rect");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, field->x);
      json_builder_add_double_value (builder, field->y);
      json_builder_add_double_value (builder, field->width);
      json_builder_add_double_value (builder, field->height);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_strings (builder, "signedFields", document->signed_fields);
  json_builder_end_object (builder);
}

static void
build_request (JsonBuilder *builder, SandboxRequest *request)
{
  GHashTableIter iter;
  const char    *name, *value;

  json_builder_begin_object (builder);
  sandbox_add_string (builder, "id", request->id);
  sandbox_add_string (builder, "documentId", request->document_id);
  sandbox_add_string (builder, "sendInfoURL", request->send_info_url);
  json_builder_set_member_name (builder, "connectorCallback");
  json_builder_add_boolean_value (builder, request->connector_callback);
  sandbox_add_string (builder, "resulturl", request->result_url);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, request->rules);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
    sandbox_add_string (builder, name, value);
  json_builder_end_object (builder);
  add_strings (builder, "allowedSignatureFields", request->allowed_signature_fields);
  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, json_node_copy (request->request));
  sandbox_add_int (builder, "created", request->created);
  sandbox_add_int (builder, "expires", request->expires);
  /* A round that was being signed when the sandbox stopped is open again. */
  sandbox_add_string (builder, "outcome",
                      g_strcmp0 (request->outcome, "signing") == 0 ? NULL : request->outcome);
  sandbox_add_string (builder, "openCode", request->open_code);
  sandbox_add_string (builder, "signCode", request->sign_code);
  sandbox_add_string (builder, "sessionToken", request->session_token);
  sandbox_add_int (builder, "failedAttempts", request->failed_attempts);
  json_builder_end_object (builder);
}

static char *
document_path (SignetSandbox *self, const char *id)
{
  g_autofree char *name = g_strconcat (id, ".pdf", NULL);

  return g_build_filename (self->data_dir, "documents", name, NULL);
}

/* Removes the files of documents that are gone. */
static void
prune_documents (SignetSandbox *self)
{
  g_autofree char *folder = g_build_filename (self->data_dir, "documents", NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;

      if (!g_str_has_suffix (name, ".pdf"))
        continue;
      id = g_strndup (name, strlen (name) - 4);
      if (!g_hash_table_contains (self->documents, id))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_unlink (path);
        }
    }
}

/**
 * signet_sandbox_store_save: (skip)
 *
 * Writes the sandbox's state into its data folder.
 */
gboolean
signet_sandbox_store_save (SignetSandbox *self, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *folder = g_build_filename (self->data_dir, "documents", NULL);
  g_autofree char *state_path = g_build_filename (self->data_dir, STATE_FILE, NULL);
  g_autofree char *text = NULL;
  GHashTableIter   iter;
  SandboxDocument *document;
  SandboxRequest  *request;
  const char      *key;
  gpointer         count;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  json_builder_begin_object (builder);
  sandbox_add_int (builder, "version", STORE_VERSION);
  sandbox_add_int (builder, "available", self->available);
  sandbox_add_int (builder, "used", self->used);
  sandbox_add_int (builder, "downloaded", self->downloaded);
  sandbox_add_int (builder, "deleted", self->deleted);
  sandbox_add_int (builder, "clockOffset", self->clock_offset);
  sandbox_add_int (builder, "port", self->port != 0 ? self->port : self->last_port);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    {
      if (!document->content_saved)
        {
          g_autofree char *path = document_path (self, document->id);

          if (!g_file_set_contents_full (path, g_bytes_get_data (document->content, NULL),
                                         g_bytes_get_size (document->content),
                                         G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
            return FALSE;
          document->content_saved = TRUE;
        }
      build_document (builder, document);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "requests");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    build_request (builder, request);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "usedRequestIds");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->used_request_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    json_builder_add_string_value (builder, key);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "monthly");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->monthly);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, &count))
    sandbox_add_int (builder, key, GPOINTER_TO_UINT (count));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "outbox");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->outbox->len; i++)
    json_builder_add_value (builder, json_node_copy (g_ptr_array_index (self->outbox, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  if (!g_file_set_contents_full (state_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  prune_documents (self);
  return TRUE;
}

static GPtrArray *
read_strings (JsonObject *object, const char *name)
{
  JsonNode  *node = json_object_get_member (object, name);
  GPtrArray *strings;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  strings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (strings, g_strdup (json_array_get_string_element (array, i)));
  return strings;
}

static char *
dup_member (JsonObject *object, const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

static gboolean
load_document (SignetSandbox *self, JsonObject *object, GError **error)
{
  g_autoptr (GPtrArray) signed_fields = read_strings (object, "signedFields");
  g_autofree char *path = NULL;
  SandboxDocument *document;
  JsonArray       *fields;
  char            *data;
  gsize            length;

  document = g_new0 (SandboxDocument, 1);
  document->id = dup_member (object, "id");
  document->filename = dup_member (object, "filename");
  document->state = dup_member (object, "state");
  document->uploaded = json_object_get_int_member_with_default (object, "uploaded", 0);
  document->modified = json_object_get_int_member_with_default (object, "modified", 0);
  document->signed_at = json_object_get_int_member_with_default (object, "signedAt", 0);
  document->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);
  document->signed_fields
    = signed_fields ? g_steal_pointer (&signed_fields) : g_ptr_array_new_with_free_func (g_free);
  document->content_saved = TRUE;

  if (document->id == NULL || document->filename == NULL || document->state == NULL)
    {
      sandbox_document_free (document);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "A document has no id, name or state");
      return FALSE;
    }

  path = document_path (self, document->id);
  if (!g_file_get_contents (path, &data, &length, error))
    {
      sandbox_document_free (document);
      return FALSE;
    }
  document->content = g_bytes_new_take (data, length);

  fields = json_object_has_member (object, "fields")
             ? json_object_get_array_member (object, "fields")
             : NULL;
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      JsonArray  *rect = json_object_get_array_member (field, "rect");

      g_ptr_array_add (
        document->fields,
        signet_sandbox_field_new (
          json_object_get_string_member (field, "name"), json_object_get_int_member (field, "page"),
          json_array_get_double_element (rect, 0), json_array_get_double_element (rect, 1),
          json_array_get_double_element (rect, 2), json_array_get_double_element (rect, 3)));
    }

  g_hash_table_insert (self->documents, document->id, document);
  if (g_str_equal (document->state, "tags") || g_str_equal (document->state, "tostamp"))
    signet_sandbox_schedule_processing (self, document);
  return TRUE;
}

static void
load_request (SignetSandbox *self, JsonObject *object)
{
  SandboxRequest *request = g_new0 (SandboxRequest, 1);
  JsonObjectIter  iter;
  const char     *name;
  JsonNode       *value;
  JsonNode       *node;

  request->id = dup_member (object, "id");
  request->document_id = dup_member (object, "documentId");
  request->send_info_url = dup_member (object, "sendInfoURL");
  request->connector_callback
    = json_object_get_boolean_member_with_default (object, "connectorCallback", FALSE);
  request->result_url = dup_member (object, "resulturl");
  request->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  node = json_object_get_member (object, "rules");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        if (JSON_NODE_HOLDS_VALUE (value))
          g_hash_table_insert (request->rules, g_strdup (name),
                               g_strdup (json_node_get_string (value)));
    }
  request->allowed_signature_fields = read_strings (object, "allowedSignatureFields");
  node = json_object_get_member (object, "request");
  request->request = node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
  request->created = json_object_get_int_member_with_default (object, "created", 0);
  request->expires = json_object_get_int_member_with_default (object, "expires", 0);
  request->outcome = dup_member (object, "outcome");
  request->open_code = dup_member (object, "openCode");
  request->sign_code = dup_member (object, "signCode");
  request->session_token = dup_member (object, "sessionToken");
  request->failed_attempts = json_object_get_int_member_with_default (object, "failedAttempts", 0);

  if (request->id == NULL || request->document_id == NULL)
    {
      sandbox_request_free (request);
      return;
    }
  g_hash_table_insert (self->requests, request->id, request);
}

/**
 * signet_sandbox_store_load: (skip)
 *
 * Reads what an earlier sandbox saved in the data folder; a folder without
 * a state file is a fresh start.
 */
gboolean
signet_sandbox_store_load (SignetSandbox *self, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *state_path = g_build_filename (self->data_dir, STATE_FILE, NULL);
  JsonObject      *root;
  JsonArray       *array;
  JsonNode        *node;

  g_hash_table_remove_all (self->requests);
  g_hash_table_remove_all (self->documents);

  if (!g_file_test (state_path, G_FILE_TEST_EXISTS))
    return signet_sandbox_store_save (self, error);

  if (!json_parser_load_from_mapped_file (parser, state_path, error))
    return FALSE;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)
      || json_object_get_int_member_with_default (json_node_get_object (node), "version", 0)
           != STORE_VERSION)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a sandbox state file",
                   state_path);
      return FALSE;
    }
  root = json_node_get_object (node);

  self->available = json_object_get_int_member_with_default (root, "available", self->available);
  self->used = json_object_get_int_member_with_default (root, "used", 0);
  self->downloaded = json_object_get_int_member_with_default (root, "downloaded", 0);
  self->deleted = json_object_get_int_member_with_default (root, "deleted", 0);
  self->clock_offset = json_object_get_int_member_with_default (root, "clockOffset", 0);
  self->last_port
    = CLAMP (json_object_get_int_member_with_default (root, "port", 0), 0, G_MAXUINT16);

  array = json_object_get_array_member (root, "documents");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!load_document (self, json_array_get_object_element (array, i), error))
      return FALSE;

  array = json_object_get_array_member (root, "requests");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    load_request (self, json_array_get_object_element (array, i));

  array = json_object_get_array_member (root, "usedRequestIds");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_hash_table_add (self->used_request_ids, g_strdup (json_array_get_string_element (array, i)));

  node = json_object_get_member (root, "monthly");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        g_hash_table_replace (self->monthly, g_strdup (name),
                              GUINT_TO_POINTER (json_node_get_int (value)));
    }

  array = json_object_get_array_member (root, "outbox");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (self->outbox, json_node_copy (json_array_get_element (array, i)));

  return TRUE;
}

/**
 * signet_sandbox_store_move_aside: (skip)
 * @moved_to: (out): the folder the files went to
 *
 * Moves a state file that could not be read, and the documents beside it,
 * into a new `damaged-YYYYMMDD-HHMMSS` folder of the data folder, so that
 * the sandbox can start empty without losing them.
 */
gboolean
signet_sandbox_store_move_aside (SignetSandbox *self, char **moved_to, GError **error)
{
  const char *const names[] = { STATE_FILE, "documents" };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "damaged-%Y%m%d-%H%M%S");
  g_autofree char *folder = g_build_filename (self->data_dir, stamp, NULL);

  /* Two failed starts in one second get a folder each. */
  for (guint i = 2; g_file_test (folder, G_FILE_TEST_EXISTS); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", stamp, i);

      g_free (folder);
      folder = g_build_filename (self->data_dir, name, NULL);
    }

  if (g_mkdir (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (self->data_dir, names[i], NULL);
      g_autofree char *to = g_build_filename (folder, names[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Could not move %s to %s: %s", from, to, g_strerror (saved_errno));
          return FALSE;
        }
    }

  *moved_to = g_steal_pointer (&folder);
  return TRUE;
}
