/* signet-request-validation.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-validation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-request-validation.h"
#include "signet-request-spec-private.h"

G_DEFINE_BOXED_TYPE (SignetSpecProblem,
                     signet_spec_problem,
                     signet_spec_problem_copy,
                     signet_spec_problem_free)

SignetSpecProblem *
signet_spec_problem_copy (const SignetSpecProblem *problem)
{
  SignetSpecProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (SignetSpecProblem, 1);
  copy->property = g_strdup (problem->property);
  copy->round = problem->round;
  copy->message = g_strdup (problem->message);
  return copy;
}

void
signet_spec_problem_free (SignetSpecProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->property);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray *problems, const char *property, int round, const char *message)
{
  SignetSpecProblem *problem = g_new0 (SignetSpecProblem, 1);

  problem->property = g_strdup (property);
  problem->round = round;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/* name@domain.tld, as plain as the service's templates need: no spaces,
 * no display names, one @, a dot in the domain, at most 254 bytes. */
static gboolean
is_email (const char *text)
{
  const char *at, *dot;

  if (text == NULL || strlen (text) > 254 || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[],;:\\\"|", *p) != NULL)
      return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && at[1] != '.';
}

/* The phone number as sent: spaces dropped. */
char *
signet_request_normalize_phone (const char *text)
{
  GString *phone = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (phone, *p);
  return g_string_free (phone, FALSE);
}

/* E.164: a plus, then 8 to 15 digits, the first not 0 (`+421905123456`). */
static gboolean
is_phone (const char *text)
{
  g_autofree char *phone = signet_request_normalize_phone (text);
  gsize            n = strlen (phone);

  if (n < 9 || n > 16 || phone[0] != '+' || phone[1] == '0')
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isdigit (phone[i]))
      return FALSE;
  return TRUE;
}

/* A one-time code chosen by the sender: the sources show only "1234". */
static gboolean
is_code (const char *text)
{
  gsize n = strlen (text);

  if (n < 4 || n > 8)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The final-copy recipients as typed: separated by commas, semicolons or
 * spaces. */
GStrv
signet_request_split_recipients (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",; \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
is_url (const char *text)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && (g_str_equal (g_uri_get_scheme (uri), "https")
             || g_str_equal (g_uri_get_scheme (uri), "http"));
}

static gboolean
has_spot (SignetInspection *inspection, SignetSpotKind kind, const char *name)
{
  GPtrArray *spots = signet_inspection_get_spots (inspection);

  for (guint i = 0; i < spots->len; i++)
    {
      const SignetSignatureSpot *spot = g_ptr_array_index (spots, i);

      if (spot->kind == kind && g_str_equal (spot->name, name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_email_goes_out (SignetRequestSpec *self)
{
  g_auto (GStrv) recipients = signet_request_split_recipients (self->final_recipients);

  if (recipients[0] != NULL || self->email_reminders)
    return TRUE;
  for (guint i = 0; i < signet_request_spec_get_n_rounds (self); i++)
    if (signet_request_spec_get_round (self, i)->signer_email != NULL)
      return TRUE;
  return FALSE;
}

static void
validate_round (SignetRequestSpec *self,
                guint              index,
                SignetInspection  *inspection,
                GHashTable        *taken,
                GPtrArray         *problems)
{
  SignetRoundSpec *round = signet_request_spec_get_round (self, index);
  gboolean         wants_email, wants_sms;

  if (round->signer_name != NULL
      && g_utf8_strlen (round->signer_name, -1) > SIGNET_REQUEST_MAX_SIGNER_NAME)
    add_problem (problems, "signer-name", index,
                 _ ("Shorten the signer’s name to 40 characters or fewer."));
  if (round->signer_email != NULL && !is_email (round->signer_email))
    add_problem (problems, "signer-email", index,
                 _ ("Enter the signer’s e-mail address as name@example.com."));
  if (round->otp_email != NULL && !is_email (round->otp_email))
    add_problem (problems, "otp-email", index,
                 _ ("Enter the e-mail address for the one-time code as name@example.com."));

  wants_email
    = round->open_otp == SIGNET_OTP_CHANNEL_EMAIL || round->sign_otp == SIGNET_OTP_CHANNEL_EMAIL;
  wants_sms
    = round->open_otp == SIGNET_OTP_CHANNEL_SMS || round->sign_otp == SIGNET_OTP_CHANNEL_SMS;
  if (wants_email && round->otp_email == NULL && round->signer_email == NULL)
    add_problem (problems, "otp-email", index,
                 _ ("Enter the e-mail address the one-time code is sent to, or send it by SMS."));
  if (wants_sms && round->phone == NULL)
    add_problem (problems, "phone", index,
                 _ ("Enter the phone number the one-time code is sent to by SMS."));
  if (round->phone != NULL && !is_phone (round->phone))
    add_problem (problems, "phone", index,
                 _ ("Enter the phone number in international format: a plus sign, the country "
                    "code and the number, for example +421 905 123 456."));
  if (round->open_code != NULL && !is_code (round->open_code))
    add_problem (problems, "open-code", index,
                 _ ("Enter the code to open as 4 to 8 digits, or leave it empty for a random "
                    "code."));
  if (round->sign_code != NULL && !is_code (round->sign_code))
    add_problem (problems, "sign-code", index,
                 _ ("Enter the code to sign as 4 to 8 digits, or leave it empty for a random "
                    "code."));
  if (round->sign_otp != SIGNET_OTP_CHANNEL_NONE
      && self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    add_problem (problems, "sign-otp", index,
                 _ ("A one-time code to sign needs a signature field: sign in the document’s "
                    "fields or at its tags, or ask for the code to open the document instead."));

  if (self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    return;

  if (round->fields[0] == NULL)
    {
      add_problem (problems, "fields", index,
                   self->signing_mode == SIGNET_SIGNING_MODE_FIELDS
                     ? _ ("Choose the signature field this signer signs.")
                     : _ ("Choose the tag this signer signs."));
      return;
    }
  for (guint i = 0; round->fields[i] != NULL; i++)
    {
      const char    *name = round->fields[i];
      SignetSpotKind kind = self->signing_mode == SIGNET_SIGNING_MODE_TAGS ? SIGNET_SPOT_KIND_TAG
                                                                           : SIGNET_SPOT_KIND_FIELD;

      if (inspection != NULL && !has_spot (inspection, kind, name))
        {
          g_autofree char *message
            = kind == SIGNET_SPOT_KIND_TAG
                ? g_strdup_printf (_ ("The document has no tag “%s”: choose one of its tags."),
                                   name)
                : g_strdup_printf (
                  _ ("The document has no signature field “%s”: choose one of its fields."), name);

          add_problem (problems, "fields", index, message);
        }
      else if (!g_hash_table_add (taken, (gpointer) name))
        {
          g_autofree char *message = g_strdup_printf (
            _ ("“%s” is already signed in an earlier round: give each signer their own field."),
            name);

          add_problem (problems, "fields", index, message);
        }
    }
}

/**
 * signet_request_spec_validate:
 * @self: a #SignetRequestSpec
 * @inspection: (nullable): the document's inspection, to check the fields
 *   and tags against (a batch has none)
 *
 * Checks everything the service would refuse, or would do otherwise than
 * the user thinks.
 *
 * Returns: (transfer full) (element-type SignetSpecProblem): the problems,
 *   in the order of the editor; empty when the request can be sent
 */
GPtrArray *
signet_request_spec_validate (SignetRequestSpec *self, SignetInspection *inspection)
{
  g_autoptr (GPtrArray) problems
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_spec_problem_free);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) recipients = NULL;
  guint n_rounds;

  g_return_val_if_fail (SIGNET_IS_REQUEST_SPEC (self), NULL);
  g_return_val_if_fail (inspection == NULL || SIGNET_IS_INSPECTION (inspection), NULL);

  if (inspection != NULL && self->signing_mode == SIGNET_SIGNING_MODE_FIELDS
      && signet_inspection_count_spots (inspection, SIGNET_SPOT_KIND_FIELD) == 0)
    add_problem (problems, "signing-mode", -1,
                 _ ("The document has no signature fields: let the signer sign anywhere, or use "
                    "its tags."));
  if (inspection != NULL && self->signing_mode == SIGNET_SIGNING_MODE_TAGS
      && signet_inspection_count_spots (inspection, SIGNET_SPOT_KIND_TAG) == 0)
    add_problem (problems, "signing-mode", -1,
                 _ ("The document has no signature tags such as _SC1_: let the signer sign "
                    "anywhere, or use its fields."));
  if (self->stamp_before_signing && self->signing_mode == SIGNET_SIGNING_MODE_TAGS)
    add_problem (problems, "stamp-before-signing", -1,
                 _ ("A stamp cannot be added to a document signed at its tags: turn off the "
                    "stamp, or sign in fields or anywhere."));

  if (self->sender_email != NULL && !is_email (self->sender_email))
    add_problem (problems, "sender-email", -1,
                 _ ("Enter your e-mail address as name@example.com."));
  else if (self->sender_email == NULL && any_email_goes_out (self))
    add_problem (problems, "sender-email", -1,
                 _ ("Enter your e-mail address: the service sends e-mails in your name, and "
                    "replies come to it."));
  if (!g_strv_contains (signet_request_spec_get_languages (), self->language))
    add_problem (problems, "language", -1, _ ("Choose a language of the e-mails from the list."));
  recipients = signet_request_split_recipients (self->final_recipients);
  for (guint i = 0; recipients[i] != NULL; i++)
    if (!is_email (recipients[i]))
      {
        g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not an e-mail address: separate the addresses of the signed copy with "
             "commas."),
          recipients[i]);

        add_problem (problems, "final-recipients", -1, message);
      }
  if (self->expiry_hours < 1 || self->expiry_hours > SIGNET_REQUEST_MAX_EXPIRY_HOURS)
    add_problem (problems, "expiry-hours", -1,
                 _ ("Choose an expiry between 1 hour and 10 days (240 hours)."));
  if (self->result_url != NULL && !is_url (self->result_url))
    add_problem (problems, "result-url", -1,
                 _ ("Enter the page after signing as a web address starting with https://."));

  n_rounds = signet_request_spec_get_n_rounds (self);
  if (n_rounds == 0)
    add_problem (problems, "rounds", -1, _ ("Add a signer."));
  else if (n_rounds > SIGNET_REQUEST_MAX_ROUNDS)
    add_problem (problems, "rounds", -1, _ ("Send to at most 10 signers one after another."));
  else if (n_rounds > 1 && self->signing_mode == SIGNET_SIGNING_MODE_ANYWHERE)
    add_problem (problems, "rounds", -1,
                 _ ("Several signers one after another each need their own signature field: "
                    "sign in the document’s fields or at its tags."));

  for (guint i = 0; i < n_rounds && i < SIGNET_REQUEST_MAX_ROUNDS; i++)
    validate_round (self, i, inspection, taken, problems);

  return g_steal_pointer (&problems);
}
