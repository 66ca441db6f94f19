/* signet-secret-store.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "signet-error.h"
#include "signet-secret-store.h"

/**
 * SignetSecretStore:
 *
 * Keeps API keys in the system keyring, one per environment and server.
 *
 * Only libsecret's password functions are used, so the same code works with
 * a Secret Service on D-Bus and, inside Flatpak, with the Secret portal.
 * When the keyring cannot be used (none, locked, or the user dismissed the
 * unlock prompt) a stored key is kept in memory for this session instead and
 * #SignetSecretStore:keyring-usable turns %FALSE, so the window can say so.
 * The keyring is touched only when a key is first looked up, stored or
 * cleared, never when the store is made.
 */
struct _SignetSecretStore
{
  GObject parent_instance;

  char        *schema_name;
  SecretSchema schema;
  GHashTable  *session_keys; /* "environment\nserver" → key, wiped when freed */
  gboolean     keyring_usable;
};

G_DEFINE_FINAL_TYPE (SignetSecretStore, signet_secret_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SCHEMA_NAME,
  PROP_KEYRING_USABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one call is about, worked out once. */
typedef struct
{
  char       *id;         /* "environment\nserver", the key of session_keys */
  GHashTable *attributes; /* the keyring's */
  char       *key;
} Request;

static void
request_free (Request *request)
{
  g_free (request->id);
  g_hash_table_unref (request->attributes);
  secret_password_free (request->key);
  g_free (request);
}

/* The task of one call about @environment and @server, whose Request is
 * also returned in @request. */
static GTask *
request_task_new (SignetSecretStore  *self,
                  gpointer            source_tag,
                  const char         *environment,
                  const char         *server,
                  const char         *key,
                  GCancellable       *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer            user_data,
                  Request           **request)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  *request = g_new0 (Request, 1);
  (*request)->id = g_strconcat (environment, "\n", server, NULL);
  (*request)->attributes
    = secret_attributes_build (&self->schema, "environment", environment, "server", server, NULL);
  (*request)->key = g_strdup (key);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, *request, (GDestroyNotify) request_free);
  return task;
}

/* Whether @result is the task that @source_tag's function made on @self. */
static gboolean
is_task_of (SignetSecretStore *self, GAsyncResult *result, gpointer source_tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static void
set_keyring_usable (SignetSecretStore *self, gboolean usable)
{
  if (self->keyring_usable == usable)
    return;

  self->keyring_usable = usable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_USABLE]);
}

/* Every failure of the keyring but cancellation means the same to the user:
 * the keyring cannot be used now. The original error says why, for the log;
 * it never holds the secret. */
static void
return_keyring_failure (GTask *task, const GError *error, const char *message)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  g_debug ("Keyring unusable: %s (%s, %d)", error->message, g_quark_to_string (error->domain),
           error->code);
  set_keyring_usable (g_task_get_source_object (task), FALSE);
  g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE, "%s", message);
}

#define LOOKUP_FAILED                                                                              \
  _ ("The keyring is locked or cannot be opened. Unlock it, or enter the API key again to use it " \
     "for this session.")

static void
retrieve_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSecretStore *self = g_task_get_source_object (task);
  g_autoptr (SecretValue) value = NULL;
  g_autoptr (GError) error = NULL;
  char *secure;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (value == NULL)
    {
      return_keyring_failure (task, error, LOOKUP_FAILED);
      return;
    }

  set_keyring_usable (self, TRUE);
  /* Callers hold the key in ordinary memory (it goes into a header); the
   * secure copy libsecret made is wiped here. */
  secure = secret_value_unref_to_password (g_steal_pointer (&value), NULL);
  g_task_return_pointer (task, g_strdup (secure), g_free);
  secret_password_free (secure);
}

static void
search_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSecretStore *self = g_task_get_source_object (task);
  GList             *items;
  g_autoptr (GError) error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_keyring_failure (task, error, LOOKUP_FAILED);
      return;
    }

  if (items == NULL)
    {
      /* The keyring answered, and holds no key for this server. */
      set_keyring_usable (self, TRUE);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  secret_retrievable_retrieve_secret (items->data, g_task_get_cancellable (task), retrieve_cb,
                                      g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

/**
 * signet_secret_store_lookup_async:
 * @self: a #SignetSecretStore
 * @environment: the environment's name, e.g. "production"
 * @server: the environment's base URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key has been looked up
 * @user_data: data for @callback
 *
 * Looks up the key for @environment and @server: first among the keys kept
 * for this session, then in the keyring, which may ask the user to unlock it.
 */
void
signet_secret_store_lookup_async (SignetSecretStore  *self,
                                  const char         *environment,
                                  const char         *server,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Request    *request;
  const char *kept;

  g_return_if_fail (SIGNET_IS_SECRET_STORE (self));
  g_return_if_fail (environment != NULL);
  g_return_if_fail (server != NULL);

  task = request_task_new (self, signet_secret_store_lookup_async, environment, server, NULL,
                           cancellable, callback, user_data, &request);
  kept = g_hash_table_lookup (self->session_keys, request->id);
  if (kept != NULL)
    {
      g_task_return_pointer (task, g_strdup (kept), g_free);
      return;
    }

  secret_password_searchv (&self->schema, request->attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           cancellable, search_cb, g_steal_pointer (&task));
}

/**
 * signet_secret_store_keep_for_session:
 * @self: a #SignetSecretStore
 * @environment: the environment's name, e.g. "production"
 * @server: the environment's base URL
 * @key: the API key
 *
 * Keeps @key for @environment and @server in memory for as long as @self
 * lives, without touching the keyring: lookups answer it first.
 * `signet-cli --api-key-file` gives its key this way.
 */
void
signet_secret_store_keep_for_session (SignetSecretStore *self,
                                      const char        *environment,
                                      const char        *server,
                                      const char        *key)
{
  g_return_if_fail (SIGNET_IS_SECRET_STORE (self));
  g_return_if_fail (environment != NULL && server != NULL && key != NULL);

  /* Freed with secret_password_free(), which wipes it. */
  g_hash_table_replace (self->session_keys, g_strconcat (environment, "\n", server, NULL),
                        g_strdup (key));
}

/**
 * signet_secret_store_lookup_finish:
 * @self: a #SignetSecretStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key; %NULL without an error when none is stored, or
 *   %NULL with %SIGNET_ERROR_KEYRING_UNAVAILABLE when the keyring is locked or
 *   cannot be used
 */
char *
signet_secret_store_lookup_finish (SignetSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (is_task_of (self, result, signet_secret_store_lookup_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSecretStore *self = g_task_get_source_object (task);
  Request           *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    {
      g_hash_table_remove (self->session_keys, request->id);
      set_keyring_usable (self, TRUE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Keeping the key for this session only: %s", error->message);
  g_hash_table_replace (self->session_keys, g_strdup (request->id), g_strdup (request->key));
  set_keyring_usable (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

/**
 * signet_secret_store_store_async:
 * @self: a #SignetSecretStore
 * @environment: the environment's name
 * @server: the environment's base URL
 * @key: the API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is kept
 * @user_data: data for @callback
 *
 * Stores @key in the keyring, replacing the one stored before for
 * @environment and @server. When the keyring cannot be used the key is kept
 * in memory for this session and #SignetSecretStore:keyring-usable turns
 * %FALSE.
 */
void
signet_secret_store_store_async (SignetSecretStore  *self,
                                 const char         *environment,
                                 const char         *server,
                                 const char         *key,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *label = NULL;
  Request         *request;

  g_return_if_fail (SIGNET_IS_SECRET_STORE (self));
  g_return_if_fail (environment != NULL);
  g_return_if_fail (server != NULL);
  g_return_if_fail (key != NULL && key[0] != '\0');

  task = request_task_new (self, signet_secret_store_store_async, environment, server, key,
                           cancellable, callback, user_data, &request);
  /* Translators: the name of the API key in the keyring (Passwords and Keys); %s is an address */
  label = g_strdup_printf (_ ("OKdokument API key for %s"), server);
  secret_password_storev (&self->schema, request->attributes, SECRET_COLLECTION_DEFAULT, label, key,
                          cancellable, store_cb, g_steal_pointer (&task));
}

/**
 * signet_secret_store_store_finish:
 * @self: a #SignetSecretStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the key is kept, in the keyring or for this session;
 *   %FALSE only when cancelled
 */
gboolean
signet_secret_store_store_finish (SignetSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (is_task_of (self, result, signet_secret_store_store_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetSecretStore *self = g_task_get_source_object (task);
  gboolean had_session_key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "session-key"));
  g_autoptr (GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error == NULL)
    {
      set_keyring_usable (self, TRUE);
      g_task_return_boolean (task, TRUE);
    }
  else if (had_session_key && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The key lived in memory only, and is gone. */
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      return_keyring_failure (task, error,
                              _ ("The key could not be removed because the keyring is locked or "
                                 "cannot be opened. Unlock it and try again."));
    }
}

/**
 * signet_secret_store_clear_async:
 * @self: a #SignetSecretStore
 * @environment: the environment's name
 * @server: the environment's base URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is gone
 * @user_data: data for @callback
 *
 * Forgets the key of @environment and @server, in memory and in the keyring.
 */
void
signet_secret_store_clear_async (SignetSecretStore  *self,
                                 const char         *environment,
                                 const char         *server,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Request *request;
  gboolean had_session_key;

  g_return_if_fail (SIGNET_IS_SECRET_STORE (self));
  g_return_if_fail (environment != NULL);
  g_return_if_fail (server != NULL);

  task = request_task_new (self, signet_secret_store_clear_async, environment, server, NULL,
                           cancellable, callback, user_data, &request);
  had_session_key = g_hash_table_remove (self->session_keys, request->id);
  g_object_set_data (G_OBJECT (task), "session-key", GINT_TO_POINTER (had_session_key));

  secret_password_clearv (&self->schema, request->attributes, cancellable, clear_cb,
                          g_steal_pointer (&task));
}

/**
 * signet_secret_store_clear_finish:
 * @self: a #SignetSecretStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when no key is kept any more (also when there was none)
 */
gboolean
signet_secret_store_clear_finish (SignetSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (is_task_of (self, result, signet_secret_store_clear_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
signet_secret_store_finalize (GObject *object)
{
  SignetSecretStore *self = SIGNET_SECRET_STORE (object);

  g_clear_pointer (&self->session_keys, g_hash_table_unref);
  g_free (self->schema_name);

  G_OBJECT_CLASS (signet_secret_store_parent_class)->finalize (object);
}

static void
signet_secret_store_constructed (GObject *object)
{
  SignetSecretStore *self = SIGNET_SECRET_STORE (object);

  G_OBJECT_CLASS (signet_secret_store_parent_class)->constructed (object);

  self->schema.name = self->schema_name;
  self->schema.flags = SECRET_SCHEMA_NONE;
  self->schema.attributes[0]
    = (SecretSchemaAttribute){ "environment", SECRET_SCHEMA_ATTRIBUTE_STRING };
  self->schema.attributes[1] = (SecretSchemaAttribute){ "server", SECRET_SCHEMA_ATTRIBUTE_STRING };
}

static void
signet_secret_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetSecretStore *self = SIGNET_SECRET_STORE (object);

  switch (prop_id)
    {
      case PROP_SCHEMA_NAME:
        g_value_set_string (value, self->schema_name);
        break;
      case PROP_KEYRING_USABLE:
        g_value_set_boolean (value, self->keyring_usable);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_secret_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SignetSecretStore *self = SIGNET_SECRET_STORE (object);

  switch (prop_id)
    {
      case PROP_SCHEMA_NAME:
        self->schema_name = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_secret_store_class_init (SignetSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = signet_secret_store_constructed;
  object_class->finalize = signet_secret_store_finalize;
  object_class->get_property = signet_secret_store_get_property;
  object_class->set_property = signet_secret_store_set_property;

  /**
   * SignetSecretStore:schema-name:
   *
   * The name of the libsecret schema, the application id.
   */
  properties[PROP_SCHEMA_NAME]
    = g_param_spec_string ("schema-name", NULL, NULL, APPLICATION_ID,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SignetSecretStore:keyring-usable:
   *
   * %FALSE after the keyring failed to look up or store a key: keys stored
   * since are kept for this session only.
   */
  properties[PROP_KEYRING_USABLE]
    = g_param_spec_boolean ("keyring-usable", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_secret_store_init (SignetSecretStore *self)
{
  self->keyring_usable = TRUE;
  self->session_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) secret_password_free);
}

/**
 * signet_secret_store_new:
 * @schema_name: (nullable): the libsecret schema's name; %NULL for the
 *   application id
 *
 * Returns: (transfer full): a new #SignetSecretStore
 */
SignetSecretStore *
signet_secret_store_new (const char *schema_name)
{
  return g_object_new (SIGNET_TYPE_SECRET_STORE, "schema-name",
                       schema_name != NULL ? schema_name : APPLICATION_ID, NULL);
}

/**
 * signet_secret_store_get_keyring_usable:
 * @self: a #SignetSecretStore
 *
 * Returns: %FALSE when the keyring could not be used the last time it was
 *   tried, so that keys are kept for this session only
 */
gboolean
signet_secret_store_get_keyring_usable (SignetSecretStore *self)
{
  g_return_val_if_fail (SIGNET_IS_SECRET_STORE (self), FALSE);

  return self->keyring_usable;
}
