/* bench-client.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "bench-client.h"

/* Starts the sandbox (@sandbox_program, its own process) and a client on
 * it, warmed up: the session, its connection and GIO's thread pool exist. */
SignetClient *
bench_client_new (const char *sandbox_program, GSubprocess **sandbox, char **base_url)
{
  g_autoptr (SignetClient) client = NULL;
  g_autoptr (SignetCounter) counter = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) pending = NULL;
  g_autoptr (GError) error = NULL;

  *sandbox = bench_spawn_sandbox (sandbox_program, BENCH_KEY, base_url, &error);
  g_assert_no_error (error);
  client = signet_client_new (*base_url, BENCH_KEY, &error);
  g_assert_no_error (error);

  signet_client_get_counter_async (client, NULL, bench_store_result, &pending);
  result = bench_wait_result (&pending);
  counter = signet_client_get_counter_finish (client, result, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

/* One create of a request for @file: its time, the resident set before it
 * and its peak, and the longest main-loop stall while it ran. */
void
bench_client_create (SignetClient     *client,
                     GFile            *file,
                     SignetCreateFlags flags,
                     double           *milliseconds,
                     gint64           *idle_kib,
                     gint64           *peak_kib,
                     double           *stall_ms)
{
  g_autoptr (SignetSignatureRequest) request = signet_signature_request_new ();
  g_autoptr (SignetCreatedRequest) created = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) pending = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  guint  meter;

  signet_signature_request_set_file (request, file);
  *idle_kib = bench_memory_reset_peak ();
  start = g_get_monotonic_time ();
  meter = bench_stall_meter_start ();
  signet_client_create_signature_request_async (client, request, flags, NULL, bench_store_result,
                                                &pending);
  result = bench_wait_result (&pending);
  *stall_ms = bench_stall_meter_stop (meter) / 1000.0;
  created = signet_client_create_signature_request_finish (client, result, &error);
  *milliseconds = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  *peak_kib = bench_memory_peak ();
}

/* One request to the sandbox's controls (or any path of it) with @body as
 * JSON, or none; the answer's JSON, or a fatal error unless it is 200. */
JsonNode *
bench_sandbox_call (SoupSession *session,
                    const char  *base_url,
                    const char  *method,
                    const char  *path,
                    const char  *body)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", BENCH_KEY);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK
      || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                      g_bytes_get_size (reply), &error))
    g_error ("%s %s: %s", method, path,
             error != NULL ? error->message : soup_message_get_reason_phrase (msg));
  return json_parser_steal_root (parser);
}

/* The sandbox's request count (GET), or the count before clearing it
 * (DELETE); @routes gets the count by route. */
gint64
bench_sandbox_calls (SoupSession *session,
                     const char  *base_url,
                     const char  *method,
                     GString     *routes)
{
  g_autoptr (JsonNode) reply
    = bench_sandbox_call (session, base_url, method, "/sandbox/calls", NULL);
  JsonObject *root = json_node_get_object (reply);

  if (routes != NULL)
    {
      JsonObject *by_route = json_object_get_object_member (root, "routes");
      GList      *names = json_object_get_members (by_route);

      names = g_list_sort (names, (GCompareFunc) g_strcmp0);
      for (GList *l = names; l != NULL; l = l->next)
        g_string_append_printf (routes, "%s%s %" G_GINT64_FORMAT, routes->len > 0 ? ", " : "",
                                (const char *) l->data,
                                json_object_get_int_member (by_route, l->data));
      g_list_free (names);
    }
  return json_object_get_int_member (root, "total");
}
