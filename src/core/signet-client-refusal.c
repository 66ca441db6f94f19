/* signet-client-refusal.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-client-private.h"
#include "signet-error.h"

/* What OKdokument's refusals mean to the person at the desk. Every error
 * key of the API reference (okdokument-api.md §4, E7, E10–E12) and of the
 * sandbox (docs/sandbox.md) becomes a sentence that names the document or
 * the setting at fault and says what to do; the key itself goes to the
 * debug log only (docs/vocabulary.md, "Tone"). tests/test-client-parse.c
 * holds every key to that. */

/* The request's members and rules, by the names the editor gives them. */
static const struct
{
  const char *member;
  const char *setting;
} settings[] = {
  { "expirationTime", N_ ("Link Expires After") },
  { "resulturl", N_ ("Page Shown After Signing") },
  { "emailTo", N_ ("the signer’s E-mail Address") },
  { "emailFrom", N_ ("Your E-mail Address") },
  { "nameFrom", N_ ("Your Name") },
  { "emailFinal", N_ ("Send the Signed Copy To") },
  { "lang", N_ ("Language of the E-mails") },
  { "language", N_ ("Language of the E-mails") },
  { "guiSignerName", N_ ("the signer’s Name (at most 40 characters)") },
  { "openOtpEmail", N_ ("E-mail Address for the Code") },
  { "signOtpEmail", N_ ("E-mail Address for the Code") },
  { "openOtpPhone", N_ ("Phone Number for the Code") },
  { "signOtpPhone", N_ ("Phone Number for the Code") },
  { "allowedFields", N_ ("Place to Sign") },
  { "signAnywhereEnabled", N_ ("Where to Sign") },
  { "fieldConfig", N_ ("Pre-filled Form Fields") },
  { "ignoreRequired", N_ ("Required Fields May Stay Empty") },
  { "fieldsBeforeSigning", N_ ("Form Fields When Signed") },
  { "mouseSignature", N_ ("No Signing With a Mouse") },
  { "guiSignerDate", N_ ("Date Format Beside the Signature") },
};

static const char *
find_setting (const char *member)
{
  if (member == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (member, settings[i].member))
      return _ (settings[i].setting);
  return NULL;
}

/**
 * signet_client_set_unknown_refusal: (skip)
 *
 * A refusal whose key says nothing Signet knows: what to try, and whom to
 * ask.
 */
void
signet_client_set_unknown_refusal (GError **error)
{
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                       _ ("OKdokument refused the request without saying which setting is wrong. "
                          "Check the request’s settings and send it again; if it is refused again, "
                          "contact your OKdokument administrator."));
}

/* A fault of the request Signet built, not of anything the person set. */
static void
set_malformed (GError **error)
{
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                       _ ("OKdokument could not read the request Signet sent. Send it again; if "
                          "it is refused again, Signet may need an update: contact whoever "
                          "installed Signet for you."));
}

/**
 * signet_client_set_refusal: (skip)
 * @status: the HTTP status
 * @key: (nullable): the answer's `message` key, such as `err.not.found`
 * @member: (nullable): the member or rule it names (`value`, `result`)
 * @error: the error to set
 *
 * Turns a refusal into a sentence without the key.
 *
 * Returns: whether @key, @member or @status was understood; when not,
 *   @error is left alone
 */
/* The keys that say everything by themselves. */
static const struct
{
  const char *key;
  int         code;
  const char *message;
} known[] = {
  { "err.not.found", SIGNET_ERROR_NOT_FOUND,
    N_ ("OKdokument no longer has this document: it was deleted on the server, or removed after "
        "its storage time. Send the document again to get a new signing link.") },
  { "err.signature.request.not.exist", SIGNET_ERROR_NOT_FOUND,
    N_ ("OKdokument no longer has this signature request: it was cancelled or deleted on the "
        "server. Send the document again to get a new signing link.") },
  { "err.invalid.expiration.time", SIGNET_ERROR_INVALID_INPUT,
    N_ ("OKdokument refused “Link Expires After”: a link can stay open for at most 10 days. "
        "Choose a shorter time and send again.") },
  { "err.invalid.state", SIGNET_ERROR_INVALID_INPUT,
    N_ ("OKdokument cannot do this while the document is in its present state. Refresh the list "
        "of documents, then try again.") },
};

gboolean
signet_client_set_refusal (guint status, const char *key, const char *member, GError **error)
{
  const char *setting = find_setting (member);

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (key, known[i].key))
      {
        g_set_error_literal (error, SIGNET_ERROR, known[i].code, _ (known[i].message));
        return TRUE;
      }
  if (g_strcmp0 (key, "err.invalid.url") == 0 && g_strcmp0 (member, "resulturl") != 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                           _ ("OKdokument refused the address it should report the result to. "
                              "Send the document again; if it is refused again, contact whoever "
                              "installed Signet for you."));
      return TRUE;
    }
  if (g_strcmp0 (key, "err.invalid.allowed.fields") == 0)
    setting = find_setting ("allowedFields");
  if (g_strcmp0 (key, "err.invalid.rules") == 0 || g_strcmp0 (key, "err.invalid.parameter") == 0
      || g_strcmp0 (key, "err.invalid.url") == 0
      || g_strcmp0 (key, "err.invalid.allowed.fields") == 0
      || ((status == 400 || status == 422) && setting != NULL))
    {
      if (setting != NULL)
        g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
                     /* Translators: %s is a setting of the request, as the editor names it */
                     _ ("OKdokument refused the setting “%s”. Correct it and send again."),
                     setting);
      else
        g_set_error_literal (
          error, SIGNET_ERROR, SIGNET_ERROR_INVALID_INPUT,
          _ ("OKdokument refused one of the request’s settings. Check the e-mail addresses, the "
             "phone numbers and the signer’s name, then send again."));
      return TRUE;
    }
  if (g_strcmp0 (key, "err.invalid.json") == 0 || g_strcmp0 (key, "err.invalid.multipart") == 0
      || g_strcmp0 (key, "err.missing.document") == 0 || g_strcmp0 (key, "err.missing.content") == 0
      || g_strcmp0 (key, "err.invalid.signature.request.id") == 0)
    {
      set_malformed (error);
      return TRUE;
    }
  if (g_strcmp0 (key, "err.method.not.allowed") == 0 || status == 405)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE,
                           _ ("The server at the address in Preferences does not offer what Signet "
                              "asked for. Check the server address in Preferences; if it is "
                              "right, contact your OKdokument administrator."));
      return TRUE;
    }
  if (status >= 300 && status < 400)
    {
      /* SOUP_MESSAGE_NO_REDIRECT: a redirect would carry the key along. */
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_UNEXPECTED_RESPONSE,
                           _ ("The server sent Signet to another address. Signet did not go "
                              "there, so the API key was not sent there. Check the server address "
                              "in Preferences."));
      return TRUE;
    }
  return FALSE;
}
