/* signet-test-hooks.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-test-hooks"

#include "config.h"

#include "signet-test-hooks.h"
#include "signet-window.h"

/* What the GUI tests reach over D-Bus (org.gtk.Actions) when Signet runs
 * with SIGNET_TEST_HOOKS=1, for flows whose own UI does not exist yet.
 * Only the start is a shortcut: the request goes through the real sync,
 * journal, outbox and tracker to the sandbox, and the real window shows
 * the result. Without the variable none of this is there. */

typedef struct
{
  SignetApplication *application;
  GListStore        *documents;
  GPtrArray         *requests; /* SignetSignatureRequest, one per file, sent in order */
  guint              next;
} Send;

static void
send_free (Send *send)
{
  g_object_unref (send->application);
  g_object_unref (send->documents);
  g_ptr_array_unref (send->requests);
  g_free (send);
}

static void send_next (Send *send);

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Send *send = user_data;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = signet_sync_send_finish (SIGNET_SYNC (source), result, &error);
  if (document == NULL)
    g_warning ("test-send: %s", error->message);
  else
    g_list_store_append (send->documents, document);
  send_next (send);
}

static void
send_next (Send *send)
{
  SignetSync *sync = signet_application_get_sync (send->application);
  GtkWindow  *window;

  if (send->next < send->requests->len)
    {
      SignetSignatureRequest *request = g_ptr_array_index (send->requests, send->next++);

      signet_sync_send_async (sync, &request, 1, NULL, sent_cb, send);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (send->application));
  if (SIGNET_IS_WINDOW (window))
    signet_window_show_handover (SIGNET_WINDOW (window), G_LIST_MODEL (send->documents));
  send_free (send);
}

/* test-send((asa{sv})): sends each file as its own request with the given
 * rules (string, boolean or integer values), then shows the hand-over
 * page of the batch, as the request editor does after Send. */
static void
test_send_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SignetApplication *application = SIGNET_APPLICATION (user_data);
  g_autoptr (GVariant) rules = NULL;
  g_autofree const char **paths = NULL;
  Send                   *send;

  g_variant_get (parameter, "(^a&s@a{sv})", &paths, &rules);

  send = g_new0 (Send, 1);
  send->application = g_object_ref (application);
  send->documents = g_list_store_new (SIGNET_TYPE_DOCUMENT);
  send->requests = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      SignetSignatureRequest *request = signet_signature_request_new ();
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      GVariantIter iter;
      const char  *name;
      GVariant    *value;

      signet_signature_request_set_file (request, file);
      g_variant_iter_init (&iter, rules);
      while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
            signet_signature_request_set_rule_boolean (request, name,
                                                       g_variant_get_boolean (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            signet_signature_request_set_rule_int (request, name, g_variant_get_int32 (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            signet_signature_request_set_rule_string (request, name,
                                                      g_variant_get_string (value, NULL));
          g_variant_unref (value);
        }
      g_ptr_array_add (send->requests, request);
    }

  send_next (send);
}

/**
 * signet_test_hooks_install:
 * @application: the #SignetApplication
 *
 * Adds the test-only actions when SIGNET_TEST_HOOKS is set.
 */
void
signet_test_hooks_install (SignetApplication *application)
{
  g_autoptr (GSimpleAction) send = NULL;

  if (g_strcmp0 (g_getenv ("SIGNET_TEST_HOOKS"), "1") != 0)
    return;

  send = g_simple_action_new ("test-send", G_VARIANT_TYPE ("(asa{sv})"));
  g_signal_connect_object (send, "activate", G_CALLBACK (test_send_cb), application, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (send));
}
