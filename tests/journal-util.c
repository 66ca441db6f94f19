/* journal-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "journal-util.h"

#include "bench-util.h"
#include "signet-journal-evidence.h"

#include <glib/gstdio.h>

void
run_for (guint milliseconds)
{
  bench_run_for (milliseconds);
}

SignetJournal *
open_journal (const char *path)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetJournal *journal = signet_journal_new (path);

  signet_journal_open_async (journal, NULL, result_cb, &result);
  signet_journal_open_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (signet_journal_get_loaded (journal));
  return journal;
}

/* Journals a request of the sandbox environment, as the app's send does;
 * a started outbox then sends it. */
SignetDocument *
journal_add (SignetJournal *journal, SignetSignatureRequest *const *rounds, guint n_rounds)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SignetDocument *document;

  signet_journal_add_async (journal, "sandbox", rounds, n_rounds, NULL, result_cb, &result);
  document = signet_journal_add_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

void
close_journal (SignetJournal *journal)
{
  g_object_run_dispose (G_OBJECT (journal));
  g_object_unref (journal);
}

SignetDocument *
reopen_journal (const char *path, SignetJournal **journal, gint64 id)
{
  GListModel *documents;

  close_journal (*journal);
  *journal = open_journal (path);
  documents = signet_journal_get_documents (*journal);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (signet_document_get_journal_id (document) == id)
        return g_steal_pointer (&document);
    }
  g_assert_not_reached ();
}

SignetClient *
new_client (const char *base_url)
{
  g_autoptr (GError) error = NULL;
  SignetClient *client = signet_client_new (base_url, TEST_KEY, &error);

  g_assert_no_error (error);
  /* One quick retry inside the client; the outbox's own backoff is what
   * the tests look at. */
  g_object_set (client, "max-attempts", 2, "retry-delay", 10, NULL);
  return client;
}

char *
write_pdf (const char *name, const char *const *pages)
{
  static const char *const default_pages[] = { "Contract _SO1_ _SO2_", NULL };
  g_autoptr (GBytes) pdf = make_pdf (pages != NULL ? pages : default_pages);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "in", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The network as the tests want it: a GNetworkMonitor whose network the
 * test takes away and gives back, as NetworkManager would. */
#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum
{
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static void test_network_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_network_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor,
                               test_network_monitor,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_network_monitor_initable_init)
                                 G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                        test_network_monitor_iface_init))

static void
test_network_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
      case PROP_NETWORK_AVAILABLE:
        g_value_set_boolean (value, self->available);
        break;
      case PROP_NETWORK_METERED:
        g_value_set_boolean (value, FALSE);
        break;
      case PROP_CONNECTIVITY:
        g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                                 : G_NETWORK_CONNECTIVITY_LOCAL);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor    *monitor,
                                GSocketConnectable *connectable,
                                GCancellable       *cancellable,
                                GError            **error)
{
  return TEST_NETWORK_MONITOR (monitor)->available;
}

static gboolean
test_network_monitor_initable_init_ (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_initable_init_;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
  self->available = TRUE;
}

GNetworkMonitor *
test_network_monitor_new (void)
{
  return g_object_new (TEST_TYPE_NETWORK_MONITOR, NULL);
}

void
set_online (GNetworkMonitor *monitor, gboolean online)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (monitor);

  if (self->available == online)
    return;
  self->available = online;
  g_object_notify (G_OBJECT (self), "network-available");
  g_object_notify (G_OBJECT (self), "connectivity");
  g_signal_emit_by_name (self, "network-changed", online);
}

/* A number of the sandbox's counter (E13), e.g. "usedSignatureRequests". */
gint64
sandbox_count (Fixture *fx, const char *metric)
{
  g_autoptr (JsonNode) reply = fixture_json (fx, "GET", "/JSON/counter", NULL, 200);
  g_autofree char *name = g_strconcat ("sandbox.", metric, NULL);
  JsonObject      *actual = json_object_get_object_member (json_node_get_object (reply), "actual");

  return g_ascii_strtoll (json_object_get_string_member (actual, name), NULL, 10);
}

void
wait_status (SignetDocument *document, SignetDocumentStatus status, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (signet_document_get_status (document) != status)
    {
      if (g_get_monotonic_time () > deadline)
        g_error (
          "Document %s is %s (%s), not %s", signet_document_get_signature_request_id (document),
          signet_document_status_to_string (signet_document_get_status (document)),
          signet_document_get_last_error (document), signet_document_status_to_string (status));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
wait_until (WaitFunc done, gpointer data, guint seconds, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %u s for %s", seconds, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_last_error (gpointer data)
{
  return signet_document_get_last_error (data) != NULL;
}

void
wait_last_error (SignetDocument *document, guint seconds)
{
  g_autofree char *what = g_strdup_printf ("an error of document %s",
                                           signet_document_get_signature_request_id (document));

  wait_until (has_last_error, document, seconds, what);
}

/* How many requests of @route ("POST /JSON/signatureRequest") the sandbox
 * has seen (GET /sandbox/calls). */
gint64
sandbox_calls (Fixture *fx, const char *route)
{
  g_autoptr (JsonNode) reply = fixture_json (fx, "GET", "/sandbox/calls", NULL, 200);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (reply), "routes");

  return json_object_get_int_member_with_default (routes, route, 0);
}

GPtrArray *
file_batch (const char *const *paths, guint n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      GPtrArray              *rounds = g_ptr_array_new_with_free_func (g_object_unref);
      SignetSignatureRequest *request = signet_signature_request_new ();

      signet_signature_request_set_file (request, file);
      g_ptr_array_add (rounds, request);
      g_ptr_array_add (batch, rounds);
    }
  return batch;
}

GSubprocess *
spawn_self (const char *data_home, const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher
    = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *child;

  g_strv_builder_add (builder, self);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  child = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  return child;
}

GPtrArray *
journal_events (SignetJournal *journal, SignetDocument *document)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *events;

  signet_journal_list_events_async (journal, document, NULL, result_cb, &result);
  events = signet_journal_list_events_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  return events;
}

/* The evidence record of @document (signet_journal_get_evidence_async()). */
JsonNode *
journal_evidence (SignetJournal *journal, SignetDocument *document)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  signet_journal_get_evidence_async (journal, document, NULL, result_cb, &result);
  node = signet_journal_get_evidence_finish (journal, wait_for (&result), &error);
  g_assert_no_error (error);
  return node;
}

gboolean
has_event (GPtrArray *events, const char *kind)
{
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (((SignetJournalEvent *) events->pdata[i])->kind, kind))
      return TRUE;
  return FALSE;
}

SignetOutbox *
quick_outbox_new (SignetJournal   *journal,
                  SignetClient    *client,
                  GNetworkMonitor *monitor,
                  guint            retry_delay)
{
  SignetOutbox *outbox = signet_outbox_new (journal, client, "sandbox", monitor);

  g_object_set (outbox, "retry-delay", retry_delay, "max-retry-delay", 5 * retry_delay, NULL);
  return outbox;
}

SignetOutbox *
journal_fixture_start_outbox (JournalFixture *jf)
{
  SignetOutbox *outbox = quick_outbox_new (jf->journal, jf->client, jf->monitor, 40);

  signet_outbox_start (outbox);
  return outbox;
}

char *
journal_fixture_set_up_closed (JournalFixture *jf, gconstpointer data)
{
  char *path;

  journal_fixture_set_up (jf, data);
  path = g_strdup (signet_journal_get_path (jf->journal));
  close_journal (g_steal_pointer (&jf->journal));
  return path;
}

void
journal_fixture_tear_down_closed (JournalFixture *jf, const char *path, gconstpointer data)
{
  jf->journal = open_journal (path);
  journal_fixture_tear_down (jf, data);
}

void
run_forever (void)
{
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

/* Every write asked for so far is done: the journal's one thread answers
 * in order. */
void
journal_barrier (JournalFixture *jf, SignetDocument *document)
{
  g_autoptr (GPtrArray) events = journal_events (jf->journal, document);
}

SignetDocument *
send_open (JournalFixture *jf, const char *name)
{
  g_autofree char *path = write_pdf (name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  SignetDocument *document;

  signet_signature_request_set_file (request, file);
  document = journal_add (jf->journal, &request, 1);
  wait_status (document, SIGNET_DOCUMENT_STATUS_OPEN, 10);
  journal_barrier (jf, document);
  return document;
}

GPtrArray *
rounds_new (SignetSignatureRequest *first, guint n_rounds, GDateTime *expiration)
{
  GPtrArray *rounds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_rounds; i++)
    {
      SignetSignatureRequest *request;
      g_autofree char        *field = g_strdup_printf ("_SO%u_", i + 1);

      if (i == 0)
        {
          request = first;
          if (n_rounds > 1)
            signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TAGS);
        }
      else
        {
          request = signet_signature_request_new ();
          signet_signature_request_set_change_state (request, SIGNET_DOCUMENT_STATE_TOSIGN);
        }
      if (n_rounds > 1)
        signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_SIGNATURE, field);
      if (expiration != NULL)
        signet_signature_request_set_expiration (request, expiration);
      g_ptr_array_add (rounds, request);
    }
  return rounds;
}

void
sandbox_control (Fixture *fx, const char *what, SignetDocument *document)
{
  g_autofree char *path
    = g_strdup_printf ("/sandbox/%s/%s", what, signet_document_get_signature_request_id (document));
  g_autoptr (JsonNode) reply = fixture_json (fx, "POST", path, "{\"name\": \"Eva\"}", 200);
}

gboolean
sandbox_has (Fixture *fx, const char *document_id)
{
  g_autofree char *path = g_strdup_printf ("/JSON/document/metadata/%s", document_id);
  g_autoptr (Response) response = fixture_send (fx, "GET", path, TEST_KEY, NULL, NULL, NULL);

  g_assert_no_error (response->error);
  g_assert_true (response->status == 200 || response->status == 404);
  return response->status == 200;
}

void
journal_fixture_set_up (JournalFixture *jf, gconstpointer data)
{
  fixture_set_up (&jf->sandbox, data);
  jf->journal = open_journal (NULL);
  jf->client = new_client (jf->sandbox.base);
  jf->monitor = test_network_monitor_new ();
}

void
journal_fixture_tear_down (JournalFixture *jf, gconstpointer data)
{
  g_clear_object (&jf->client);
  g_clear_object (&jf->monitor);
  close_journal (g_steal_pointer (&jf->journal));
  fixture_tear_down (&jf->sandbox, data);
}

void
sync_fixture_set_up (SyncFixture *sf, gconstpointer data)
{
  g_autoptr (GAsyncResult) started = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "Signed", NULL);

  journal_fixture_set_up (&sf->jf, data);
  sf->settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_set_string (sf->settings, "archive-folder", folder);
  g_settings_set_enum (sf->settings, "environment", SIGNET_ENVIRONMENT_SANDBOX);
  sf->secrets = signet_secret_store_new ("io.github.signetapp.Signet.TestSync");
  sf->account = signet_account_new (sf->settings, sf->secrets);
  signet_account_set_sandbox (sf->account, sf->jf.sandbox.base, TEST_KEY);
  sf->sync = signet_sync_new (sf->account, sf->settings, sf->jf.journal, sf->jf.monitor);
  signet_sync_start_async (sf->sync, NULL, result_cb, &started);
  g_assert_true (signet_sync_start_finish (sf->sync, wait_for (&started), &error));
  g_assert_no_error (error);
  while (signet_sync_get_outbox (sf->sync) == NULL || signet_sync_get_tracker (sf->sync) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
sync_fixture_tear_down (SyncFixture *sf, gconstpointer data)
{
  g_object_run_dispose (G_OBJECT (sf->sync));
  g_clear_object (&sf->sync);
  g_clear_object (&sf->account);
  g_clear_object (&sf->secrets);
  g_settings_reset (sf->settings, "environment");
  g_settings_reset (sf->settings, "archive-folder");
  g_settings_reset (sf->settings, "quota-warning-threshold");
  g_clear_object (&sf->settings);
  journal_fixture_tear_down (&sf->jf, data);
}
