/* test-account.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account against the sandbox over loopback HTTP and a real keyring
 * (run inside tests/keyring-session.sh unlocked).
 */

#include "config.h"

#include "async-util.h"
#include "sandbox-fixture.h"
#include "signet-account.h"
#include "signet-error.h"

typedef struct
{
  Fixture            sandbox;
  GSettings         *settings;
  SignetSecretStore *secrets;
  SignetAccount     *account;
} AccountFixture;

static void
account_set_up (AccountFixture *fx, gconstpointer data)
{
  fixture_set_up (&fx->sandbox, data);
  fx->settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_reset (fx->settings, "environment");
  g_settings_reset (fx->settings, "custom-url");
  fx->secrets = signet_secret_store_new ("io.github.signetapp.Signet.TestAccount");
  fx->account = signet_account_new (fx->settings, fx->secrets);
}

static void
account_tear_down (AccountFixture *fx, gconstpointer data)
{
  g_clear_object (&fx->account);
  g_clear_object (&fx->secrets);
  g_clear_object (&fx->settings);
  fixture_tear_down (&fx->sandbox, data);
}

/* The account's calls may start the sandbox program: a longer wait. */
static GAsyncResult *
wait_long (GAsyncResult **result)
{
  return wait_for_seconds (result, 60);
}

static SignetCounter *
connect (AccountFixture   *fx,
         SignetEnvironment environment,
         const char       *url,
         const char       *key,
         GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  signet_account_connect_async (fx->account, environment, url, key, NULL, result_cb, &result);
  return signet_account_connect_finish (fx->account, wait_long (&result), error);
}

static SignetClient *
get_client (SignetAccount *account)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetClient *client;

  signet_account_get_client_async (account, NULL, result_cb, &result);
  client = signet_account_get_client_finish (account, wait_long (&result), &error);
  g_assert_no_error (error);
  return client;
}

static char *
stored_key (AccountFixture *fx, const char *environment, const char *server)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  signet_secret_store_lookup_async (fx->secrets, environment, server, NULL, result_cb, &result);
  key = signet_secret_store_lookup_finish (fx->secrets, wait_long (&result), &error);
  g_assert_no_error (error);
  return key;
}

static void
assert_nothing_saved (AccountFixture *fx, const char *server)
{
  g_autofree char *key = stored_key (fx, "custom", server);

  g_assert_null (key);
  g_assert_cmpint (g_settings_get_enum (fx->settings, "environment"), ==, SIGNET_ENVIRONMENT_NONE);
  g_assert_cmpint (signet_account_get_environment (fx->account), ==, SIGNET_ENVIRONMENT_NONE);
  g_assert_null (signet_account_get_counter (fx->account));
}

/* Connecting fails with @code; a custom server's key is not kept, and
 * Signet stays not set up. */
static void
assert_connect_fails (AccountFixture   *fx,
                      SignetEnvironment environment,
                      const char       *url,
                      const char       *key,
                      int               code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCounter) counter = connect (fx, environment, url, key, &error);

  g_assert_null (counter);
  g_assert_error (error, SIGNET_ERROR, code);
  if (environment == SIGNET_ENVIRONMENT_CUSTOM)
    assert_nothing_saved (fx, url);
}

static void
test_good_key (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (SignetAccount) later = NULL;
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *custom_url = NULL;

  /* Pasted keys often carry white space. */
  counter = connect (fx, SIGNET_ENVIRONMENT_CUSTOM, fx->sandbox.base, " " TEST_KEY "\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (counter);
  g_assert_cmpint (signet_counter_get_available (counter), >, 0);

  g_assert_cmpint (signet_account_get_environment (fx->account), ==, SIGNET_ENVIRONMENT_CUSTOM);
  g_assert_true (signet_account_get_counter (fx->account) == counter);
  custom_url = g_settings_get_string (fx->settings, "custom-url");
  g_assert_cmpstr (custom_url, ==, fx->sandbox.base);
  key = stored_key (fx, "custom", fx->sandbox.base);
  g_assert_cmpstr (key, ==, TEST_KEY);

  /* The next start reads the key from the keyring when it needs a client. */
  later = signet_account_new (fx->settings, fx->secrets);
  g_assert_null (signet_account_get_counter (later));
  signet_account_refresh_async (later, NULL, result_cb, &result);
  g_clear_object (&counter);
  counter = signet_account_refresh_finish (later, wait_long (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (signet_account_get_counter (later));
  g_clear_object (&result);

  client = get_client (later);
  g_assert_cmpstr (signet_client_get_base_url (client), ==, fx->sandbox.base);

  /* Removing the key forgets it, and the account is not set up any more. */
  signet_account_remove_key_async (later, NULL, result_cb, &result);
  g_assert_true (signet_account_remove_key_finish (later, wait_long (&result), &error));
  g_assert_no_error (error);
  assert_nothing_saved (fx, fx->sandbox.base);
}

static void
test_wrong_key (AccountFixture *fx, gconstpointer data)
{
  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, fx->sandbox.base, "1234_wrong",
                        SIGNET_ERROR_NOT_AUTHORIZED);
}

static void
test_unreachable (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  guint16          port;

  /* A port nobody listens on: bind one, then close it. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, url, TEST_KEY,
                        SIGNET_ERROR_NETWORK_UNREACHABLE);
}

static void
test_server_error (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) reply = NULL;

  /* More failures than the client retries. */
  reply = fixture_json (&fx->sandbox, "POST", "/sandbox/faults",
                        "{\"path\": \"/JSON/counter\", \"status\": 503, \"count\": 20}", 200);

  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, fx->sandbox.base, TEST_KEY,
                        SIGNET_ERROR_SERVER_ERROR);
}

static void
test_bad_addresses (AccountFixture *fx, gconstpointer data)
{
  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, "http://okdokument.example.sk", TEST_KEY,
                        SIGNET_ERROR_INSECURE_URL);
  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, "  ", TEST_KEY, SIGNET_ERROR_INVALID_INPUT);
  assert_connect_fails (fx, SIGNET_ENVIRONMENT_CUSTOM, fx->sandbox.base, "",
                        SIGNET_ERROR_INVALID_INPUT);
}

static void
test_sandbox (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GError) error = NULL;

  /* Before the sandbox runs there is nothing to connect to. */
  assert_connect_fails (fx, SIGNET_ENVIRONMENT_SANDBOX, NULL, NULL,
                        SIGNET_ERROR_NETWORK_UNREACHABLE);

  signet_account_set_sandbox (fx->account, fx->sandbox.base, TEST_KEY);
  counter = connect (fx, SIGNET_ENVIRONMENT_SANDBOX, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counter);
  g_assert_cmpint (signet_account_get_environment (fx->account), ==, SIGNET_ENVIRONMENT_SANDBOX);

  /* Its key never goes into the keyring. */
  {
    g_autofree char *key = stored_key (fx, "sandbox", fx->sandbox.base);
    g_assert_null (key);
  }
}

/* Several callers while the sandbox program starts all get their client
 * from the one start. */
static void
test_sandbox_started_once (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (SignetClient) a = NULL;
  g_autoptr (SignetClient) b = NULL;
  g_autoptr (GError) error = NULL;

  signet_account_set_sandbox_program (fx->account, g_getenv ("SIGNET_SANDBOX_BIN"));
  signet_account_use_sandbox (fx->account);
  signet_account_get_client_async (fx->account, NULL, result_cb, &first);
  signet_account_get_client_async (fx->account, NULL, result_cb, &second);

  a = signet_account_get_client_finish (fx->account, wait_long (&first), &error);
  g_assert_no_error (error);
  b = signet_account_get_client_finish (fx->account, wait_long (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_client_get_base_url (a), ==, signet_client_get_base_url (b));
  g_assert_true (g_str_has_prefix (signet_client_get_base_url (a), "http://127.0.0.1:"));

  signet_account_stop_sandbox (fx->account);
}

/* A key lookup that ends after the account moved on leaves the new
 * account's client alone. */
static void
test_late_answer (AccountFixture *fx, gconstpointer data)
{
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (SignetAccount) other = NULL;
  g_autoptr (SignetClient) late = NULL;
  g_autoptr (SignetClient) current = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  counter = connect (fx, SIGNET_ENVIRONMENT_CUSTOM, fx->sandbox.base, TEST_KEY, &error);
  g_assert_no_error (error);

  /* A second account object reads the key; before its answer, the
   * environment moves to the sandbox. */
  other = signet_account_new (fx->settings, fx->secrets);
  signet_account_get_client_async (other, NULL, result_cb, &result);
  signet_account_set_sandbox (other, "http://127.0.0.1:9", TEST_KEY);
  g_settings_set_enum (fx->settings, "environment", SIGNET_ENVIRONMENT_SANDBOX);
  late = signet_account_get_client_finish (other, wait_long (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signet_client_get_base_url (late), ==, fx->sandbox.base);

  current = get_client (other);
  g_assert_cmpstr (signet_client_get_base_url (current), ==, "http://127.0.0.1:9");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/account/good-key", AccountFixture, NULL, account_set_up, test_good_key,
              account_tear_down);
  g_test_add ("/account/wrong-key", AccountFixture, NULL, account_set_up, test_wrong_key,
              account_tear_down);
  g_test_add ("/account/unreachable", AccountFixture, NULL, account_set_up, test_unreachable,
              account_tear_down);
  g_test_add ("/account/server-error", AccountFixture, NULL, account_set_up, test_server_error,
              account_tear_down);
  g_test_add ("/account/bad-addresses", AccountFixture, NULL, account_set_up, test_bad_addresses,
              account_tear_down);
  g_test_add ("/account/sandbox", AccountFixture, NULL, account_set_up, test_sandbox,
              account_tear_down);
  g_test_add ("/account/sandbox-started-once", AccountFixture, NULL, account_set_up,
              test_sandbox_started_once, account_tear_down);
  g_test_add ("/account/late-answer", AccountFixture, NULL, account_set_up, test_late_answer,
              account_tear_down);

  return g_test_run ();
}
