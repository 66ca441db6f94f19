/* signet-cli-output.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "signet-cli.h"
#include "signet-enums.h"

/* What list and show print: a table or text for people, and JSON whose
 * shapes docs/cli.md documents; members are only ever added. */

/* @ms (Unix milliseconds) as ISO 8601 in UTC, or %NULL for 0. */
char *
signet_cli_format_time (gint64 ms)
{
  g_autoptr (GDateTime) time = NULL;

  if (ms <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (ms / 1000);
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static const char *
state_nick (SignetDocument *document)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (SIGNET_TYPE_DOCUMENT_STATE);
  GEnumValue *value = g_enum_get_value (klass, (int) signet_document_get_state (document));

  /* The class stays alive: the type is static. */
  return value != NULL ? value->value_nick : "unknown";
}

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
  g_autofree char *text = signet_cli_format_time (ms);

  add_string (builder, name, text);
}

static void
add_document (JsonBuilder *builder, SignetDocument *document, GPtrArray *events)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, signet_document_get_journal_id (document));
  add_string (builder, "signatureRequestId", signet_document_get_signature_request_id (document));
  add_string (builder, "documentId", signet_document_get_document_id (document));
  add_string (builder, "filename", signet_document_get_filename (document));
  add_string (builder, "status",
              signet_document_status_to_string (signet_document_get_status (document)));
  add_string (builder, "state", state_nick (document));
  json_builder_set_member_name (builder, "round");
  json_builder_add_int_value (builder, signet_document_get_round (document) + 1);
  json_builder_set_member_name (builder, "rounds");
  json_builder_add_int_value (builder, signet_document_get_n_rounds (document));
  add_string (builder, "signerName", signet_document_get_signer_name (document));
  add_string (builder, "signingUrl", signet_document_get_signing_url (document));
  add_string (builder, "archivePath", signet_document_get_archive_path (document));
  add_string (builder, "lastError", signet_document_get_last_error (document));
  add_string (builder, "environment", signet_document_get_environment (document));
  add_time (builder, "created", signet_document_get_created (document));
  add_time (builder, "modified", signet_document_get_modified (document));
  add_time (builder, "expires", signet_document_get_expiration (document));
  if (events != NULL)
    {
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          SignetJournalEvent *event = events->pdata[i];

          json_builder_begin_object (builder);
          add_time (builder, "time", event->time);
          add_string (builder, "kind", event->kind);
          add_string (builder, "detail", event->detail);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static char *
to_text (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
signet_cli_document_to_json (SignetDocument *document, GPtrArray *events)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  add_document (builder, document, events);
  return to_text (builder);
}

char *
signet_cli_documents_to_json (GPtrArray *documents)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    add_document (builder, documents->pdata[i], NULL);
  json_builder_end_array (builder);
  return to_text (builder);
}

static void
print_field (const char *label, const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_print ("%-20s %s\n", label, value);
}

void
signet_cli_print_document (SignetDocument *document, GPtrArray *events)
{
  g_autofree char *id
    = g_strdup_printf ("%" G_GINT64_FORMAT, signet_document_get_journal_id (document));
  g_autofree char *round
    = g_strdup_printf (C_ ("signing round", "%u of %u"), signet_document_get_round (document) + 1,
                       signet_document_get_n_rounds (document));
  g_autofree char *created = signet_cli_format_time (signet_document_get_created (document));
  g_autofree char *expires = signet_cli_format_time (signet_document_get_expiration (document));

  print_field (_ ("ID:"), id);
  print_field (_ ("File:"), signet_document_get_filename (document));
  print_field (_ ("Status:"),
               signet_document_status_to_string (signet_document_get_status (document)));
  print_field (_ ("Round:"), round);
  print_field (_ ("Signer:"), signet_document_get_signer_name (document));
  print_field (_ ("Signing link:"), signet_document_get_signing_url (document));
  print_field (_ ("Archived as:"), signet_document_get_archive_path (document));
  print_field (_ ("Last error:"), signet_document_get_last_error (document));
  print_field (_ ("Request ID:"), signet_document_get_signature_request_id (document));
  print_field (_ ("Sent:"), created);
  print_field (_ ("Expires:"), expires);
  if (events == NULL || events->len == 0)
    return;
  g_print ("%s\n", _ ("History:"));
  for (guint i = 0; i < events->len; i++)
    {
      SignetJournalEvent *event = events->pdata[i];
      g_autofree char    *time = signet_cli_format_time (event->time);

      g_print ("  %s  %s%s%s\n", time != NULL ? time : "", event->kind,
               event->detail != NULL ? "  " : "", event->detail != NULL ? event->detail : "");
    }
}
