/* signet-sandbox-finish.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-private.h"

#include "signet-error.h"

/* Finishing a round: Submit or Cancel */

typedef struct
{
  SignetSandbox      *self;
  char               *request_id;
  gboolean            sign;
  char               *name;
  char               *date;
  gint64              signing_time; /* seconds, sandbox clock */
  SignetSandboxCert  *cert;
  GBytes             *content;
  GPtrArray          *places;
  SandboxFinishedFunc callback;
  gpointer            user_data;
} Finish;

static void
finish_free (Finish *finish)
{
  g_free (finish->request_id);
  g_free (finish->name);
  g_free (finish->date);
  g_clear_pointer (&finish->cert, signet_sandbox_cert_unref);
  g_clear_pointer (&finish->content, g_bytes_unref);
  g_clear_pointer (&finish->places, g_ptr_array_unref);
  g_object_unref (finish->self);
  g_free (finish);
}

static void
finish_complete (Finish *finish, const GError *error)
{
  SandboxRequest *request = signet_sandbox_lookup_request (finish->self, finish->request_id);
  g_autoptr (GError) gone = NULL;

  if (error == NULL && request == NULL)
    error = gone = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND,
                                        "The signature request was deleted meanwhile.");
  finish->callback (finish->self, request, error, finish->user_data);
  finish_free (finish);
}

static char *
callback_payload (SignetSandbox *self, SandboxRequest *request, SandboxDocument *document)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  gboolean signed_ = g_str_equal (request->outcome, "signed");

  json_builder_begin_object (builder);
  if (request->connector_callback)
    {
      /* The connector's notification schema (§6 E14). */
      g_autofree char *url = g_strdup_printf ("%s/JSON/document/%s", self->base_url, document->id);

      sandbox_add_string (builder, "code", signed_ ? "SUCCESS" : "CANCELED");
      sandbox_add_string (builder, "message", request->outcome);
      sandbox_add_string (builder, "result", document->id);
      sandbox_add_int (builder, "statusCode", 200);
      sandbox_add_string (builder, "url", url);
      json_builder_set_member_name (builder, "success");
      json_builder_add_boolean_value (builder, signed_);
    }
  else
    {
      sandbox_add_string (builder, "state", request->outcome);
      sandbox_add_string (builder, "id", document->id);
      sandbox_add_string (builder, "signatureRequestId", request->id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
send_final_mail (SignetSandbox *self, SandboxRequest *request, SandboxDocument *document)
{
  const char *final = sandbox_request_rule (request, "emailFinal");
  g_auto (GStrv) addresses = NULL;
  g_autofree char *subject = NULL;

  if (final == NULL)
    final = sandbox_request_rule (request, "emailTo");
  if (final == NULL)
    return;

  /* Separated by `;` (wiki) or `|` (connector), §19.13. */
  addresses = g_strsplit_set (final, ";|", -1);
  subject = g_strdup_printf ("Signed document: %s", document->filename);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_strstrip (addresses[i]);
      if (addresses[i][0] != '\0')
        signet_sandbox_post_outbox (self, "email", addresses[i], subject,
                                    "The signed document is attached.", NULL, request->id);
    }
}

static void
callback_sent_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Finish      *finish = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  SandboxRequest  *request;
  SandboxDocument *document;

  reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  request = signet_sandbox_lookup_request (finish->self, finish->request_id);
  document = request ? g_hash_table_lookup (finish->self->documents, request->document_id) : NULL;

  /* The Portal must answer 200 (§6 E5); anything else is errorsendinfo. */
  if (document != NULL && (reply == NULL || soup_message_get_status (message) != SOUP_STATUS_OK))
    {
      g_debug ("The sendInfo callback failed: %s",
               error ? error->message : soup_status_get_phrase (soup_message_get_status (message)));
      g_free (document->state);
      document->state = g_strdup ("errorsendinfo");
      document->modified = signet_sandbox_now (finish->self);
      signet_sandbox_changed (finish->self);
    }

  finish_complete (finish, NULL);
}

/* The round is decided: change the states, then call sendInfoURL. */
static void
finish_round (Finish *finish)
{
  SignetSandbox   *self = finish->self;
  SandboxRequest  *request = signet_sandbox_lookup_request (self, finish->request_id);
  SandboxDocument *document
    = request ? g_hash_table_lookup (self->documents, request->document_id) : NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) payload = NULL;
  char *text;

  if (document == NULL)
    {
      finish_complete (finish, NULL);
      return;
    }

  g_free (request->outcome);
  request->outcome = g_strdup (finish->sign ? "signed" : "canceled");
  g_free (document->state);
  document->state = g_strdup (request->outcome);
  document->modified = signet_sandbox_now (self);
  if (finish->sign)
    {
      g_bytes_unref (document->content);
      document->content = g_bytes_ref (finish->content);
      document->content_saved = FALSE;
      document->signed_at = document->modified;
      for (guint i = 0; i < finish->places->len; i++)
        {
          SignetSandboxField *place = g_ptr_array_index (finish->places, i);

          if (place->page >= 0)
            g_ptr_array_add (document->signed_fields, g_strdup (place->name));
        }
      send_final_mail (self, request, document);
    }
  signet_sandbox_changed (self);

  if (request->send_info_url == NULL)
    {
      finish_complete (finish, NULL);
      return;
    }

  message = soup_message_new (SOUP_METHOD_POST, request->send_info_url);
  if (message == NULL)
    {
      g_free (document->state);
      document->state = g_strdup ("errorsendinfo");
      signet_sandbox_changed (self);
      finish_complete (finish, NULL);
      return;
    }
  text = callback_payload (self, request, document);
  payload = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (message, "application/json", payload);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, self->cancellable,
                                    callback_sent_cb, finish);
}

static void
sign_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Finish *finish = task_data;
  GError *error = NULL;
  GBytes *signed_pdf;

  signed_pdf = signet_sandbox_pdf_sign (finish->content, finish->places, finish->name, finish->date,
                                        finish->cert, finish->signing_time, &error);
  signet_sandbox_task_return_bytes (task, signed_pdf, error);
}

static void
sign_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Finish *finish = user_data;
  g_autoptr (GError) error = NULL;
  GBytes *signed_pdf;

  signed_pdf = g_task_propagate_pointer (G_TASK (result), &error);
  if (signed_pdf == NULL)
    {
      SandboxRequest *request = signet_sandbox_lookup_request (finish->self, finish->request_id);

      /* The round stays open for another try. */
      if (request != NULL && g_strcmp0 (request->outcome, "signing") == 0)
        g_clear_pointer (&request->outcome, g_free);
      finish_complete (finish, error);
      return;
    }

  g_bytes_unref (finish->content);
  finish->content = signed_pdf;
  finish_round (finish);
}

/* The sandbox's demo certificate, made once and kept with the sandbox (in
 * its data folder when it has one), so that no other file needs a hook. */
static SignetSandboxCert *
sandbox_cert (SignetSandbox *self)
{
  GQuark             quark = g_quark_from_static_string ("signet-sandbox-cert");
  SignetSandboxCert *cert;

  cert = g_object_get_qdata (G_OBJECT (self), quark);
  if (cert == NULL || g_strcmp0 (signet_sandbox_cert_get_data_dir (cert), self->data_dir) != 0)
    {
      cert = signet_sandbox_cert_new (self->data_dir);
      g_object_set_qdata_full (G_OBJECT (self), quark, cert,
                               (GDestroyNotify) signet_sandbox_cert_unref);
    }

  return cert;
}

/* The signature fields this round signs: the allowed ones not yet signed,
 * or the bottom of the last page when signing anywhere (§9.2). */
static GPtrArray *
places_to_sign (SandboxDocument *document, SandboxRequest *request)
{
  GPtrArray *places = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);

  for (guint i = 0; i < document->fields->len; i++)
    {
      SignetSandboxField *field = g_ptr_array_index (document->fields, i);

      if (g_ptr_array_find_with_equal_func (document->signed_fields, field->name, g_str_equal,
                                            NULL))
        continue;
      if (request->allowed_signature_fields != NULL
          && !g_ptr_array_find_with_equal_func (request->allowed_signature_fields, field->name,
                                                g_str_equal, NULL))
        continue;
      g_ptr_array_add (places, signet_sandbox_field_copy (field));
    }

  if (places->len == 0 && sandbox_request_rule_bool (request, "signAnywhereEnabled", TRUE))
    g_ptr_array_add (places, signet_sandbox_field_new ("anywhere", -1, 0, 0, 0, 0));

  return places;
}

/**
 * signet_sandbox_finish_request: (skip)
 * @sign: %TRUE for Submit, %FALSE for Cancel
 * @signer_name: the name to draw (ignored when cancelling)
 *
 * Does what the service does when the signer presses Submit or Cancel:
 * makes the signed PDF (off the main thread), changes the document's state,
 * calls `sendInfoURL` and then @callback. The caller checks OTP codes.
 */
void
signet_sandbox_finish_request (SignetSandbox      *self,
                               SandboxRequest     *request,
                               gboolean            sign,
                               const char         *signer_name,
                               SandboxFinishedFunc callback,
                               gpointer            user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GDateTime) now = NULL;
  SandboxDocument *document = g_hash_table_lookup (self->documents, request->document_id);
  Finish          *finish;

  finish = g_new0 (Finish, 1);
  /* Alive until the callback to the Portal has finished too. */
  finish->self = g_object_ref (self);
  finish->request_id = g_strdup (request->id);
  finish->sign = sign;
  finish->name = g_strdup (signer_name);
  finish->callback = callback;
  finish->user_data = user_data;

  if (request->outcome != NULL)
    error = g_error_new (SIGNET_ERROR, SIGNET_ERROR_CONFLICT,
                         "The signature request is already %s.", request->outcome);
  else if (signet_sandbox_request_expired (self, request))
    error = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND,
                                 "The signature request has expired.");
  else if (document == NULL)
    error = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND, "The document was deleted.");
  else if (!g_str_equal (document->state, "tosign"))
    error = g_error_new (SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                         "The document is in state %s, not tosign.", document->state);
  else if (sign && (signer_name == NULL || signer_name[0] == '\0'))
    error
      = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT, "The signer has no name.");

  if (error != NULL)
    {
      finish_complete (finish, error);
      return;
    }

  if (!sign)
    {
      finish_round (finish);
      return;
    }

  finish->places = places_to_sign (document, request);
  if (finish->places->len == 0)
    {
      error = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                                   "There is no signature field to sign in this round.");
      finish_complete (finish, error);
      return;
    }

  now = g_date_time_new_from_unix_utc (signet_sandbox_now (self) / 1000);
  finish->date = g_date_time_format (now, "Signed %Y-%m-%d %H:%M UTC");
  finish->signing_time = g_date_time_to_unix (now);
  finish->cert = signet_sandbox_cert_ref (sandbox_cert (self));
  finish->content = g_bytes_ref (document->content);

  /* Lock the round while the PDF is being made. */
  g_free (request->outcome);
  request->outcome = g_strdup ("signing");

  task = g_task_new (self, self->cancellable, sign_done_cb, finish);
  g_task_set_source_tag (task, signet_sandbox_finish_request);
  g_task_set_task_data (task, finish, NULL);
  g_task_run_in_thread (task, sign_thread);
}

/**
 * signet_sandbox_result_location: (skip)
 *
 * The E6 redirect: `resulturl` (or the thank-you page) with `name`,
 * `docid`, `lang`, `result` and `ts`.
 */
char *
signet_sandbox_result_location (SignetSandbox  *self,
                                SandboxRequest *request,
                                const char     *outcome,
                                const char     *lang)
{
  SandboxDocument *document = g_hash_table_lookup (self->documents, request->document_id);
  g_autofree char *base = request->result_url != NULL
                            ? g_strdup (request->result_url)
                            : g_strdup_printf ("%s/thankYouPage.html", self->base_url);
  g_autofree char *name = document != NULL ? sandbox_document_name (document) : NULL;
  g_autofree char *query = NULL;
  g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT, signet_sandbox_now (self));
  const char      *result = "close";

  if (g_strcmp0 (outcome, "signed") == 0)
    result = "success";
  else if (g_strcmp0 (outcome, "mobile") == 0)
    result = "mobile";

  query = soup_form_encode ("name", name ? name : "", "docid", request->document_id, "lang", lang,
                            "result", result, "ts", ts, NULL);

  return g_strdup_printf ("%s%c%s", base, strchr (base, '?') ? '&' : '?', query);
}
