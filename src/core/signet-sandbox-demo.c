/* signet-sandbox-demo.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox-demo"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "signet-sandbox-demo.h"
#include "signet-error.h"
#include "signet-journal.h"
#include "signet-signature-request.h"

/* `signet --sandbox --demo`: documents in every state of the library for a
 * first look (docs/sandbox.md). They are sent as any request is, through
 * the journal and the outbox; what a signer would do is then done through
 * the sandbox's test controls, and the tracker brings the states home. */

/* The built-in sandbox's key (signet-account.c); it is no secret. */
#define DEMO_KEY "signet-sandbox-demo-key"
/* "Old offer" expires this many seconds after it is sent. */
#define EXPIRES_AFTER 20

typedef enum
{
  ACT_NONE,   /* waits for its signer */
  ACT_SIGN,   /* signed (or, with two rounds, the first round signed) */
  ACT_CANCEL, /* the signer pressed Cancel */
  ACT_DELETE, /* deleted on the server behind Signet's back: Gone */
} Act;

static const struct
{
  const char *filename;
  const char *title;
  const char *signer;
  guint       n_rounds;
  Act         act;
  gboolean    expires;
} demo_documents[] = {
  { "Kúpna zmluva.pdf", "Kúpna zmluva", "Jana Nováková", 1, ACT_NONE, FALSE },
  { "Lease agreement.pdf", "Lease agreement", "Petr Dvořák", 2, ACT_SIGN, FALSE },
  { "Insurance policy.pdf", "Insurance policy", "Eva Horváthová", 1, ACT_SIGN, FALSE },
  { "Loan contract.pdf", "Loan contract", "Martin Kováč", 1, ACT_CANCEL, FALSE },
  { "Old offer.pdf", "Old offer", NULL, 1, ACT_NONE, TRUE },
  { "Withdrawn order.pdf", "Withdrawn order", NULL, 1, ACT_DELETE, FALSE },
};

typedef struct
{
  SoupSession *session;
  guint        pending; /* documents whose act is not done yet */
} Fill;

static void
fill_free (Fill *fill)
{
  g_clear_object (&fill->session);
  g_free (fill);
}

/* A one-page A4 PDF with a title and the signature tags of @n_rounds. */
static gboolean
write_pdf (const char *path, const char *title, guint n_rounds, GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);
  cairo_status_t   status;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 22);
  cairo_move_to (cr, 72, 110);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  cairo_move_to (cr, 72, 150);
  cairo_show_text (cr, "A sample document of the Signet sandbox. Nothing here is signed for real.");
  for (guint i = 0; i < n_rounds; i++)
    {
      g_autofree char *tag = g_strdup_printf ("_SO%u_", i + 1);

      cairo_move_to (cr, 72 + 250 * i, 700);
      cairo_show_text (cr, tag);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
rounds_new (guint i, GFile *file)
{
  GPtrArray *rounds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint round = 0; round < demo_documents[i].n_rounds; round++)
    {
      SignetSignatureRequest *request = signet_signature_request_new ();
      g_autofree char        *field = g_strdup_printf ("_SO%u_", round + 1);

      if (round == 0)
        {
          signet_signature_request_set_file (request, file);
          if (demo_documents[i].signer != NULL)
            signet_signature_request_set_rule_string (request, "guiSignerName",
                                                      demo_documents[i].signer);
          if (demo_documents[i].n_rounds > 1)
            signet_signature_request_set_preprocessing (request, SIGNET_DOCUMENT_STATE_TAGS);
        }
      else
        signet_signature_request_set_change_state (request, SIGNET_DOCUMENT_STATE_TOSIGN);
      if (demo_documents[i].n_rounds > 1)
        signet_signature_request_add_allowed_field (request, SIGNET_FIELD_TYPE_SIGNATURE, field);
      if (demo_documents[i].expires)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, EXPIRES_AFTER);

          signet_signature_request_set_expiration (request, soon);
        }
      g_ptr_array_add (rounds, request);
    }
  return rounds;
}

static void
act_done (GTask *task)
{
  Fill *fill = g_task_get_task_data (task);

  if (--fill->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
acted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (error == NULL && !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    g_set_error (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "HTTP %u",
                 soup_message_get_status (msg));
  if (error != NULL)
    g_warning ("A demo document did not change as planned: %s", error->message);
  act_done (task);
}

/* The sandbox's address, from the signing link it gave the document. */
static char *
base_of (SignetDocument *document)
{
  const char *url = signet_document_get_signing_url (document);
  g_autoptr (GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL)
    return NULL;
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

static void
act (GTask *task, SignetDocument *document, Act what)
{
  Fill            *fill = g_task_get_task_data (task);
  g_autofree char *base = base_of (document);
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  const char *srid = signet_document_get_signature_request_id (document);

  if (base == NULL)
    {
      g_warning ("A demo document has no signing link");
      act_done (task);
      return;
    }
  if (what == ACT_DELETE)
    {
      url
        = g_strdup_printf ("%s/JSON/document/%s", base, signet_document_get_document_id (document));
      msg = soup_message_new ("DELETE", url);
      soup_message_headers_append (soup_message_get_request_headers (msg), "x-api-key", DEMO_KEY);
    }
  else
    {
      url = g_strdup_printf ("%s/sandbox/%s/%s", base, what == ACT_SIGN ? "sign" : "cancel", srid);
      msg = soup_message_new ("POST", url);
    }
  g_debug ("Demo: %s %s", soup_message_get_method (msg), url);
  soup_session_send_and_read_async (fill->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), acted_cb, g_object_ref (task));
}

/* Acts once the request is open and ready to be signed. */
static void
document_changed_cb (SignetDocument *document, GParamSpec *pspec, GTask *task)
{
  Act what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (document), "signet-demo-act"));

  if (what == ACT_NONE || signet_document_get_status (document) != SIGNET_DOCUMENT_STATUS_OPEN
      || signet_document_get_state (document) != SIGNET_DOCUMENT_STATE_TOSIGN
      || signet_document_get_signing_url (document) == NULL)
    return;
  g_object_set_data (G_OBJECT (document), "signet-demo-act", GINT_TO_POINTER (ACT_NONE));
  g_signal_handlers_disconnect_by_func (document, document_changed_cb, task);
  act (task, document, what);
  g_object_unref (task);
}

typedef struct
{
  GTask *task;
  Act    act;
} Send;

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree Send *send = user_data;
  g_autoptr (GTask) task = send->task;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = signet_sync_send_finish (SIGNET_SYNC (source), result, &error);
  if (document == NULL)
    {
      g_warning ("A demo document was not sent: %s", error->message);
      act_done (task);
      return;
    }
  if (send->act == ACT_NONE)
    {
      act_done (task);
      return;
    }
  /* The handler holds the task until it acts. */
  g_object_set_data (G_OBJECT (document), "signet-demo-act", GINT_TO_POINTER (send->act));
  g_signal_connect (document, "notify", G_CALLBACK (document_changed_cb), g_object_ref (task));
  document_changed_cb (document, NULL, task);
}

static gboolean
has_documents (SignetSync *sync, const char *environment)
{
  GListModel *model = signet_journal_get_documents (signet_sync_get_journal (sync));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (model, i);

      if (g_strcmp0 (signet_document_get_environment (document), environment) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * signet_sandbox_demo_fill_async:
 * @sync: the sync of the built-in sandbox, started
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every demo document is sent and acted on
 * @user_data: data for @callback
 *
 * Sends the demo documents to the sandbox and makes them signed,
 * cancelled, gone, expiring or waiting, as a first look at the library.
 * Refuses when the journal already holds documents of the sandbox.
 */
void
signet_sandbox_demo_fill_async (SignetSync         *sync,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *folder = NULL;
  Fill            *fill;

  g_return_if_fail (SIGNET_IS_SYNC (sync));

  task = g_task_new (sync, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_sandbox_demo_fill_async);
  if (has_documents (sync, "sandbox"))
    {
      g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_FAILED, "%s",
                               _ ("The sandbox has documents already, so no demo documents were "
                                  "added. Reset the sandbox in the preferences first."));
      return;
    }

  folder = g_build_filename (g_get_user_cache_dir (), "signet", "demo", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                               folder, g_strerror (saved_errno));
      return;
    }

  fill = g_new0 (Fill, 1);
  /* No idle timer (why: signet-client.c). */
  fill->session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 30,
                                                 "idle-timeout", 0, NULL);
  fill->pending = G_N_ELEMENTS (demo_documents);
  g_task_set_task_data (task, fill, (GDestroyNotify) fill_free);

  for (guint i = 0; i < G_N_ELEMENTS (demo_documents); i++)
    {
      g_autofree char *path = g_build_filename (folder, demo_documents[i].filename, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GPtrArray) rounds = NULL;
      g_autoptr (GError) error = NULL;
      Send *send;

      if (!write_pdf (path, demo_documents[i].title, demo_documents[i].n_rounds, &error))
        {
          g_warning ("A demo document could not be written: %s", error->message);
          act_done (task);
          continue;
        }
      rounds = rounds_new (i, file);
      send = g_new0 (Send, 1);
      send->task = g_object_ref (task);
      send->act = demo_documents[i].act;
      signet_sync_send_async (sync, (SignetSignatureRequest *const *) rounds->pdata, rounds->len,
                              cancellable, sent_cb, send);
    }
}

/**
 * signet_sandbox_demo_fill_finish:
 * @sync: a #SignetSync
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE if the demo documents were sent and acted on
 */
gboolean
signet_sandbox_demo_fill_finish (SignetSync *sync, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, sync), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
