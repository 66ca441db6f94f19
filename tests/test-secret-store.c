/* test-secret-store.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/keyring-session.sh, which sets SIGNET_TEST_KEYRING to the
 * kind of keyring this run has: a real gnome-keyring ("unlocked", "locked")
 * or a session bus without any ("none").
 */

#include "config.h"

#include <libsecret/secret.h>

#include "async-util.h"
#include "signet-error.h"
#include "signet-secret-store.h"

#define SCHEMA      "io.github.signetapp.Signet.Test"
#define PRODUCTION  "https://api.okdokument.com"
#define TEST_SERVER "https://apidev.okdokument.com"

static char *
lookup (SignetSecretStore *store, const char *environment, const char *server, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_secret_store_lookup_async (store, environment, server, NULL, result_cb, &result);
  return signet_secret_store_lookup_finish (store, wait_for (&result), error);
}

static gboolean
store_key (SignetSecretStore *store,
           const char        *environment,
           const char        *server,
           const char        *key,
           GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_secret_store_store_async (store, environment, server, key, NULL, result_cb, &result);
  return signet_secret_store_store_finish (store, wait_for (&result), error);
}

static gboolean
clear_key (SignetSecretStore *store, const char *environment, const char *server, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_secret_store_clear_async (store, environment, server, NULL, result_cb, &result);
  return signet_secret_store_clear_finish (store, wait_for (&result), error);
}

static void
assert_key (SignetSecretStore *store,
            const char        *environment,
            const char        *server,
            const char        *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = lookup (store, environment, server, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
}

static void
test_roundtrip (void)
{
  g_autoptr (SignetSecretStore) store = signet_secret_store_new (SCHEMA);
  g_autoptr (GError) error = NULL;

  /* Nothing stored is not an error. */
  assert_key (store, "production", PRODUCTION, NULL);
  g_assert_true (signet_secret_store_get_keyring_usable (store));

  g_assert_true (store_key (store, "production", PRODUCTION, "9668716b6_1f40fc92da", &error));
  g_assert_no_error (error);
  g_assert_true (signet_secret_store_get_keyring_usable (store));
  assert_key (store, "production", PRODUCTION, "9668716b6_1f40fc92da");

  /* A second store replaces the key, and another object finds it: it is
   * in the keyring, not in memory. */
  g_assert_true (store_key (store, "production", PRODUCTION, "7796b696_bd2b1aaf7e", &error));
  {
    g_autoptr (SignetSecretStore) other = signet_secret_store_new (SCHEMA);
    assert_key (other, "production", PRODUCTION, "7796b696_bd2b1aaf7e");
  }

  g_assert_true (clear_key (store, "production", PRODUCTION, &error));
  g_assert_no_error (error);
  assert_key (store, "production", PRODUCTION, NULL);

  /* Clearing what is not there is fine. */
  g_assert_true (clear_key (store, "production", PRODUCTION, &error));
  g_assert_no_error (error);
}

static void
test_environments_apart (void)
{
  g_autoptr (SignetSecretStore) store = signet_secret_store_new (SCHEMA);
  g_autoptr (SignetSecretStore) devel = signet_secret_store_new (SCHEMA ".Devel");
  g_autoptr (GError) error = NULL;

  g_assert_true (store_key (store, "production", PRODUCTION, "production-key", &error));
  g_assert_true (store_key (store, "test", TEST_SERVER, "test-key", &error));
  g_assert_true (
    store_key (store, "custom", "https://okdokument.example.sk", "custom-key", &error));
  g_assert_no_error (error);

  assert_key (store, "production", PRODUCTION, "production-key");
  assert_key (store, "test", TEST_SERVER, "test-key");
  assert_key (store, "custom", "https://okdokument.example.sk", "custom-key");
  assert_key (store, "custom", "https://other.example.sk", NULL);
  /* Another profile's schema does not see them. */
  assert_key (devel, "production", PRODUCTION, NULL);

  g_assert_true (clear_key (store, "test", TEST_SERVER, &error));
  assert_key (store, "test", TEST_SERVER, NULL);
  assert_key (store, "production", PRODUCTION, "production-key");

  g_assert_true (clear_key (store, "production", PRODUCTION, &error));
  g_assert_true (clear_key (store, "custom", "https://okdokument.example.sk", &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autoptr (SignetSecretStore) store = signet_secret_store_new (SCHEMA);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  g_cancellable_cancel (cancellable);
  signet_secret_store_lookup_async (store, "production", PRODUCTION, cancellable, result_cb,
                                    &result);
  key = signet_secret_store_lookup_finish (store, wait_for (&result), &error);
  g_assert_null (key);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelling says nothing about the keyring. */
  g_assert_true (signet_secret_store_get_keyring_usable (store));
}

/* Without a keyring the key lives for this session, and the store says so. */
static void
assert_session_only (SignetSecretStore *store)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (store_key (store, "test", TEST_SERVER, "session-key", &error));
  g_assert_no_error (error);
  g_assert_false (signet_secret_store_get_keyring_usable (store));
  assert_key (store, "test", TEST_SERVER, "session-key");

  g_assert_true (clear_key (store, "test", TEST_SERVER, &error));
  g_assert_no_error (error);
}

static void
notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_unavailable (void)
{
  g_autoptr (SignetSecretStore) store = signet_secret_store_new (SCHEMA);
  g_autoptr (GError) error = NULL;
  guint notified = 0;
  char *key;

  g_signal_connect (store, "notify::keyring-usable", G_CALLBACK (notify_cb), &notified);

  /* "No keyring" is not "no key". */
  key = lookup (store, "test", TEST_SERVER, &error);
  g_assert_null (key);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE);
  g_assert_false (signet_secret_store_get_keyring_usable (store));
  g_assert_cmpuint (notified, ==, 1);
  g_clear_error (&error);

  assert_session_only (store);

  key = lookup (store, "test", TEST_SERVER, &error);
  g_assert_null (key);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE);
}

static void
lock_keyring (void)
{
  g_autoptr (SecretService) service = NULL;
  g_autoptr (SecretCollection) collection = NULL;
  g_autoptr (GError) error = NULL;
  GList *locked = NULL;
  GList *objects;

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, &locked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (locked), ==, 1);
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);
  g_assert_true (secret_collection_get_locked (collection));
}

static void
test_locked (void)
{
  g_autoptr (SignetSecretStore) before = signet_secret_store_new (SCHEMA);
  g_autoptr (SignetSecretStore) store = signet_secret_store_new (SCHEMA);
  g_autoptr (GError) error = NULL;
  char *key;

  g_assert_true (store_key (before, "production", PRODUCTION, "stored-before-locking", &error));
  g_assert_true (signet_secret_store_get_keyring_usable (before));
  lock_keyring ();

  /* The key is there, but locked away (and no prompt can unlock it here):
   * that is not "no key stored". */
  key = lookup (store, "production", PRODUCTION, &error);
  g_assert_null (key);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE);
  g_assert_false (signet_secret_store_get_keyring_usable (store));
  g_clear_error (&error);

  assert_session_only (store);

  /* The locked keyring still answers searches: the session key is gone, and
   * the locked one is still there for when the keyring is unlocked. */
  assert_key (store, "test", TEST_SERVER, NULL);
  key = lookup (store, "production", PRODUCTION, &error);
  g_assert_null (key);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_KEYRING_UNAVAILABLE);
}

int
main (int argc, char *argv[])
{
  const char *mode = g_getenv ("SIGNET_TEST_KEYRING");

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (mode, "unlocked") == 0)
    {
      g_test_add_func ("/secret-store/roundtrip", test_roundtrip);
      g_test_add_func ("/secret-store/environments-apart", test_environments_apart);
      g_test_add_func ("/secret-store/cancelled", test_cancelled);
    }
  else if (g_strcmp0 (mode, "locked") == 0)
    g_test_add_func ("/secret-store/locked", test_locked);
  else if (g_strcmp0 (mode, "none") == 0)
    g_test_add_func ("/secret-store/unavailable", test_unavailable);
  else
    g_error ("Run this test through tests/keyring-session.sh (SIGNET_TEST_KEYRING is %s)",
             mode != NULL ? mode : "unset");

  return g_test_run ();
}
