/* signet-handover-state.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-handover-state"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-handover-state.h"
#include "signet-library-util.h"
#include "signet-state-name.h"

/* Where a request stands, in words, for every widget that shows one: the
 * hand-over view, the presenter window and the library's document page.
 * State from values: nothing here asks anybody for anything. */

/* {{{ What the page says */

/* The archive folder as a person reads it: "~/Documents/Signed". */
static char *
display_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return signet_format_folder (folder);
}

/**
 * signet_handover_describe_state:
 * @status: where the request is in Signet's journal
 * @state: the document's state on the server
 * @round: the current round, counted from 0
 * @n_rounds: how many rounds the request has
 * @last_error: (nullable): why the last attempt failed
 * @archive_path: (nullable): where the signed copy was saved
 * @detail: (out) (transfer full) (optional) (nullable): a sentence under
 *   the state, or %NULL
 * @tone: (out) (optional): how to show it
 *
 * Says in a few words where a request stands, for the hand-over page and
 * the presenter view.
 *
 * Returns: (transfer full): the state, such as "Waiting for signature…"
 */
char *
signet_handover_describe_state (SignetDocumentStatus status,
                                SignetDocumentState  state,
                                guint                round,
                                guint                n_rounds,
                                const char          *last_error,
                                const char          *archive_path,
                                char               **detail,
                                SignetHandoverTone  *tone)
{
  g_autofree char   *title = NULL;
  g_autofree char   *text = NULL;
  SignetHandoverTone how = SIGNET_HANDOVER_TONE_BUSY;

  switch (status)
    {
      case SIGNET_DOCUMENT_STATUS_PENDING:
      case SIGNET_DOCUMENT_STATUS_UPLOADED:
        if (round > 0 && status == SIGNET_DOCUMENT_STATUS_UPLOADED)
          /* Translators: the next signer's request is being made; %u of %u are round numbers */
          title = g_strdup_printf (_ ("Starting round %u of %u…"), round + 1, n_rounds);
        else
          title = g_strdup (_ ("Sending…"));
        if (last_error != NULL)
          /* Translators: %s says why sending failed; Signet tries again by itself */
          text = g_strdup_printf (_ ("Not sent yet: %s"), last_error);
        break;

      case SIGNET_DOCUMENT_STATUS_OPEN:
        if (state == SIGNET_DOCUMENT_STATE_TAGS || state == SIGNET_DOCUMENT_STATE_TOSTAMP)
          title = g_strdup (_ ("Preparing…"));
        else
          {
            title = g_strdup (_ ("Waiting for signature…"));
            how = SIGNET_HANDOVER_TONE_WAITING;
          }
        if (n_rounds > 1)
          /* Translators: a request signed by several people one after another */
          text = g_strdup_printf (_ ("Round %u of %u"), round + 1, n_rounds);
        break;

      case SIGNET_DOCUMENT_STATUS_SIGNED:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_SIGNED));
        how = SIGNET_HANDOVER_TONE_SUCCESS;
        if (last_error != NULL)
          /* Translators: %s says why the signed copy could not be saved */
          text = g_strdup_printf (_ ("Not saved in the archive folder yet: %s"), last_error);
        else
          text = g_strdup (_ ("Saving a copy in the archive folder…"));
        break;

      case SIGNET_DOCUMENT_STATUS_ARCHIVED:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_SIGNED));
        how = SIGNET_HANDOVER_TONE_SUCCESS;
        if (archive_path != NULL)
          {
            g_autofree char *folder = display_folder (archive_path);

            /* Translators: %s is a folder, such as ~/Documents/Signed */
            text = g_strdup_printf (_ ("Archived to %s"), folder);
          }
        break;

      case SIGNET_DOCUMENT_STATUS_CANCELED:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_CANCELLED));
        text = g_strdup (_ ("The signer cancelled the signature request."));
        how = SIGNET_HANDOVER_TONE_ENDED;
        break;

      case SIGNET_DOCUMENT_STATUS_EXPIRED:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_EXPIRED));
        text = g_strdup (_ ("Nobody signed before the signature request expired."));
        how = SIGNET_HANDOVER_TONE_ENDED;
        break;

      case SIGNET_DOCUMENT_STATUS_VANISHED:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_FAILED));
        text = g_strdup (_ ("OKdokument no longer has this document: it was deleted on the server, "
                            "or removed after its storage time. The signing link no longer works. "
                            "Send it again to get a new link."));
        how = SIGNET_HANDOVER_TONE_ENDED;
        break;

      case SIGNET_DOCUMENT_STATUS_FAILED:
      default:
        title = g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_FAILED));
        text = g_strdup (last_error != NULL ? last_error
                                            : _ ("OKdokument refused the signature request."));
        how = SIGNET_HANDOVER_TONE_FAILED;
        break;
    }

  if (detail != NULL)
    *detail = g_steal_pointer (&text);
  if (tone != NULL)
    *tone = how;
  return g_steal_pointer (&title);
}

/**
 * signet_handover_describe_document:
 * @document: a request
 * @detail: (out) (transfer full) (optional) (nullable): a sentence under
 *   the state, or %NULL
 * @tone: (out) (optional): how to show it
 *
 * signet_handover_describe_state() for where @document stands now.
 *
 * Returns: (transfer full): the state, such as "Waiting for signature…"
 */
char *
signet_handover_describe_document (SignetDocument     *document,
                                   char              **detail,
                                   SignetHandoverTone *tone)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (document), NULL);

  return signet_handover_describe_state (
    signet_document_get_status (document), signet_document_get_state (document),
    signet_document_get_round (document), signet_document_get_n_rounds (document),
    signet_document_get_last_error (document), signet_document_get_archive_path (document), detail,
    tone);
}

/* "a@example.com; b@example.com" (or with `|`, §19.13) as a person reads it. */
static char *
list_addresses (const char *addresses)
{
  g_auto (GStrv) parts = g_strsplit_set (addresses, ";|", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (kept, parts[i]);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (", ", (char **) kept->pdata);
}

/**
 * signet_handover_describe_mail:
 * @email_to: (nullable): the `emailTo` rule: the signer's address
 * @email_final: (nullable): the `emailFinal` rule: who gets the signed copy
 * @has_otp: whether a one-time code is asked for to open or to sign
 * @final_copy: (out) (transfer full) (optional) (nullable): who gets the
 *   signed document, or %NULL
 * @advice: (out) (transfer full) (optional) (nullable): a suggestion to
 *   protect the link, or %NULL
 *
 * Says what OKdokument e-mails to whom for a request. A link that was
 * e-mailed without a one-time code works like a password for whoever reads
 * the e-mail, so that case gets advice.
 *
 * Returns: (transfer full): what happens to the signing link
 */
char *
signet_handover_describe_mail (const char *email_to,
                               const char *email_final,
                               gboolean    has_otp,
                               char      **final_copy,
                               char      **advice)
{
  g_autofree char *sent = NULL;
  g_autofree char *final = NULL;
  g_autofree char *tip = NULL;
  const char      *final_to = email_final != NULL ? email_final : email_to;

  if (email_to != NULL)
    {
      g_autofree char *to = list_addresses (email_to);

      /* Translators: %s is an e-mail address */
      sent = g_strdup_printf (_ ("OKdokument e-mails the signing link to %s"), to);
      if (!has_otp)
        tip = g_strdup (_ ("Whoever has the link can sign, as with a password. Next time, add a "
                           "one-time code so that only the signer can open it."));
    }
  else
    sent = g_strdup (_ ("No e-mail is sent: hand over the QR code or the link"));

  if (final_to != NULL)
    {
      g_autofree char *to = list_addresses (final_to);

      /* Translators: %s is one or more e-mail addresses */
      final = g_strdup_printf (_ ("The signed document is e-mailed to %s"), to);
    }

  if (final_copy != NULL)
    *final_copy = g_steal_pointer (&final);
  if (advice != NULL)
    *advice = g_steal_pointer (&tip);
  return g_steal_pointer (&sent);
}

/* }}} */
/* {{{ The document on screen */

typedef struct
{
  GtkWidget      *owner;
  SignetDocument *document;
} Claim;

static void
claim_free (gpointer data)
{
  Claim *claim = data;

  g_object_unref (claim->document);
  g_free (claim);
}

/**
 * signet_handover_set_on_screen:
 * @sync: (nullable): the journal with its tracker, or %NULL when there
 *   is nothing to track (widget tests)
 * @owner: the widget that shows @document
 * @document: (nullable): the document it shows, or %NULL when it shows
 *   none any more (call this before @owner goes)
 *
 * Tells the tracker which document is on screen, so that it is asked about
 * every few seconds and no notification is sent for it while it is looked
 * at. Several widgets may show one at once (the page and the presenter
 * window): the tracker follows the one shown last, and the one before when
 * that one goes.
 */
void
signet_handover_set_on_screen (SignetSync *sync, GtkWidget *owner, SignetDocument *document)
{
  static GQuark   quark;
  SignetTracker  *tracker;
  GPtrArray      *claims;
  SignetDocument *shown = NULL;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (document == NULL || SIGNET_IS_DOCUMENT (document));

  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  /* Widget tests have nothing to track. */
  if (sync == NULL || (tracker = signet_sync_get_tracker (sync)) == NULL)
    return;

  if (quark == 0)
    quark = g_quark_from_static_string ("signet-handover-claims");
  claims = g_object_get_qdata (G_OBJECT (tracker), quark);
  if (claims == NULL)
    {
      claims = g_ptr_array_new_with_free_func (claim_free);
      g_object_set_qdata_full (G_OBJECT (tracker), quark, claims,
                               (GDestroyNotify) g_ptr_array_unref);
    }

  for (guint i = 0; i < claims->len; i++)
    if (((Claim *) g_ptr_array_index (claims, i))->owner == owner)
      {
        g_ptr_array_remove_index (claims, i);
        break;
      }
  if (document != NULL)
    {
      Claim *claim = g_new0 (Claim, 1);

      claim->owner = owner;
      claim->document = g_object_ref (document);
      g_ptr_array_add (claims, claim);
    }

  if (claims->len > 0)
    shown = ((Claim *) g_ptr_array_index (claims, claims->len - 1))->document;
  signet_tracker_set_on_screen (tracker, shown);
}

/**
 * signet_handover_replace_sync:
 * @owner: a widget that shows @document
 * @slot: (inout): where @owner keeps its #SignetSync
 * @sync: (nullable): the new one
 * @document: (nullable): the document @owner shows
 *
 * Gives @owner another #SignetSync: while @owner is on screen, the old
 * tracker lets go of @document and the new one follows it.
 *
 * Returns: whether @slot changed
 */
gboolean
signet_handover_replace_sync (GtkWidget      *owner,
                              SignetSync    **slot,
                              SignetSync     *sync,
                              SignetDocument *document)
{
  g_return_val_if_fail (GTK_IS_WIDGET (owner), FALSE);
  g_return_val_if_fail (sync == NULL || SIGNET_IS_SYNC (sync), FALSE);

  if (*slot == sync)
    return FALSE;

  if (gtk_widget_get_mapped (owner))
    signet_handover_set_on_screen (*slot, owner, NULL);
  g_set_object (slot, sync);
  if (gtk_widget_get_mapped (owner))
    signet_handover_set_on_screen (*slot, owner, document);
  return TRUE;
}

/**
 * signet_handover_show_tone:
 * @tone: how to show a state
 * @spinner: turns while Signet works
 * @icon: the state's icon beside its label, otherwise
 * @large_icon: (nullable): the same icon where the QR code was
 * @label: the state's label, coloured for success and failure
 *
 * Shows a #SignetHandoverTone. The signer may take minutes: waiting for
 * them is shown without animation, which would redraw the window all the
 * while.
 */
void
signet_handover_show_tone (SignetHandoverTone tone,
                           GtkSpinner        *spinner,
                           GtkImage          *icon,
                           GtkImage          *large_icon,
                           GtkWidget         *label)
{
  static const char *const icons[] = {
    [SIGNET_HANDOVER_TONE_BUSY] = NULL,
    [SIGNET_HANDOVER_TONE_WAITING] = "document-edit-symbolic",
    [SIGNET_HANDOVER_TONE_SUCCESS] = "emblem-ok-symbolic",
    [SIGNET_HANDOVER_TONE_ENDED] = "process-stop-symbolic",
    [SIGNET_HANDOVER_TONE_FAILED] = "dialog-error-symbolic",
  };
  const char *style = tone == SIGNET_HANDOVER_TONE_SUCCESS  ? "success"
                      : tone == SIGNET_HANDOVER_TONE_FAILED ? "error"
                                                            : NULL;
  GtkWidget  *styled[] = { label, GTK_WIDGET (icon), GTK_WIDGET (large_icon) };

  /* A spinner spins only on screen: GTK 4.8 keeps animating one that
   * spins on a hidden page, and the window then redraws without end. */
  gtk_widget_set_visible (GTK_WIDGET (spinner), tone == SIGNET_HANDOVER_TONE_BUSY);
  gtk_spinner_set_spinning (spinner, tone == SIGNET_HANDOVER_TONE_BUSY
                                       && gtk_widget_get_mapped (GTK_WIDGET (spinner)));
  gtk_widget_set_visible (GTK_WIDGET (icon), tone != SIGNET_HANDOVER_TONE_BUSY);
  if (icons[tone] != NULL)
    {
      gtk_image_set_from_icon_name (icon, icons[tone]);
      if (large_icon != NULL)
        gtk_image_set_from_icon_name (large_icon, icons[tone]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (styled); i++)
    {
      if (styled[i] == NULL)
        continue;
      gtk_widget_remove_css_class (styled[i], "success");
      gtk_widget_remove_css_class (styled[i], "error");
      if (style != NULL)
        gtk_widget_add_css_class (styled[i], style);
    }
}

/**
 * signet_handover_show_code:
 * @owner: the widget that shows @document
 * @document: a request
 * @qr_stack: a stack with the pages "code", "preparing" and "ended"
 * @preparing_spinner: the spinner of the "preparing" page
 * @qr_view: the QR code of the "code" page
 *
 * Shows the QR code of @document's signing link while the signer can use
 * it, a spinner while the request is on its way, and the ended page once
 * the link can no longer sign.
 */
void
signet_handover_show_code (GtkWidget      *owner,
                           SignetDocument *document,
                           GtkStack       *qr_stack,
                           GtkSpinner     *preparing_spinner,
                           SignetQrView   *qr_view)
{
  SignetDocumentStatus status;
  const char          *url;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (SIGNET_IS_DOCUMENT (document));

  status = signet_document_get_status (document);
  url = signet_document_get_signing_url (document);
  if (signet_document_status_is_final (status) || status == SIGNET_DOCUMENT_STATUS_SIGNED)
    gtk_stack_set_visible_child_name (qr_stack, "ended");
  else if (url != NULL && status == SIGNET_DOCUMENT_STATUS_OPEN)
    gtk_stack_set_visible_child_name (qr_stack, "code");
  else
    gtk_stack_set_visible_child_name (qr_stack, "preparing");
  gtk_spinner_set_spinning (
    preparing_spinner, gtk_widget_get_mapped (owner)
                         && g_str_equal (gtk_stack_get_visible_child_name (qr_stack), "preparing"));
  signet_qr_view_set_text (qr_view, url);
}

/* }}} */
