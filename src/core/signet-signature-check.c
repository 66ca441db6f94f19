/* signet-signature-check.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-signature-check"

#include "config.h"

#include "signet-signature-check.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "signet-enums.h"
#include "signet-error.h"
#include "signet-poppler-private.h"
#include "signet-property-util.h"
#include "signet-task-util.h"
#include "signet-worker-private.h"

/**
 * SignetSignatureCheck:
 *
 * What poppler-glib's signature API says about the signatures of a PDF,
 * plus two checks of our own on the raw file: that the newest signature's
 * byte range ends where the file ends (poppler 22.12 reports a signature
 * valid even when an incremental update was appended after it), and that
 * each range leaves out nothing but the signature's hex string.
 */
struct _SignetSignatureCheck
{
  GObject parent_instance;

  int        status; /* SignetSignatureStatus */
  char      *signer_name;
  GDateTime *signing_time;
  int        certificate_status; /* SignetCertificateStatus */
  guint      n_signatures;
  gboolean   covers_whole_file;
};

G_DEFINE_FINAL_TYPE (SignetSignatureCheck, signet_signature_check, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerSignatureInfo, poppler_signature_info_free)

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_SIGNER_NAME,
  PROP_SIGNING_TIME,
  PROP_CERTIFICATE_STATUS,
  PROP_N_SIGNATURES,
  PROP_COVERS_WHOLE_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SignetField check_fields[N_PROPS] = {
  [PROP_STATUS] = SIGNET_FIELD (SignetSignatureCheck, status),
  [PROP_SIGNER_NAME] = SIGNET_FIELD (SignetSignatureCheck, signer_name),
  [PROP_SIGNING_TIME] = SIGNET_FIELD (SignetSignatureCheck, signing_time),
  [PROP_CERTIFICATE_STATUS] = SIGNET_FIELD (SignetSignatureCheck, certificate_status),
  [PROP_N_SIGNATURES] = SIGNET_FIELD (SignetSignatureCheck, n_signatures),
  [PROP_COVERS_WHOLE_FILE] = SIGNET_FIELD (SignetSignatureCheck, covers_whole_file),
};

static void
signet_signature_check_finalize (GObject *object)
{
  SignetSignatureCheck *self = SIGNET_SIGNATURE_CHECK (object);

  g_free (self->signer_name);
  g_clear_pointer (&self->signing_time, g_date_time_unref);

  G_OBJECT_CLASS (signet_signature_check_parent_class)->finalize (object);
}

static void
signet_signature_check_class_init (SignetSignatureCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = signet_signature_check_finalize;
  object_class->get_property = signet_property_get_field;

  /**
   * SignetSignatureCheck:status:
   *
   * The verdict over all signatures of the file.
   */
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, SIGNET_TYPE_SIGNATURE_STATUS,
                                               SIGNET_SIGNATURE_NOT_SIGNED, flags);
  /**
   * SignetSignatureCheck:signer-name:
   *
   * The name in the newest signature's certificate, or %NULL.
   */
  properties[PROP_SIGNER_NAME] = g_param_spec_string ("signer-name", NULL, NULL, NULL, flags);
  /**
   * SignetSignatureCheck:signing-time:
   *
   * When the newest signature says it was made, or %NULL.
   */
  properties[PROP_SIGNING_TIME]
    = g_param_spec_boxed ("signing-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * SignetSignatureCheck:certificate-status:
   *
   * What is known of the newest signature's certificate.
   */
  properties[PROP_CERTIFICATE_STATUS]
    = g_param_spec_enum ("certificate-status", NULL, NULL, SIGNET_TYPE_CERTIFICATE_STATUS,
                         SIGNET_CERTIFICATE_NOT_CHECKED, flags);
  /**
   * SignetSignatureCheck:n-signatures:
   *
   * How many signature fields hold a signature.
   */
  properties[PROP_N_SIGNATURES]
    = g_param_spec_uint ("n-signatures", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * SignetSignatureCheck:covers-whole-file:
   *
   * Whether the newest signature covers every byte of the file but itself.
   */
  properties[PROP_COVERS_WHOLE_FILE]
    = g_param_spec_boolean ("covers-whole-file", NULL, NULL, FALSE, flags);

  signet_property_install (object_class, N_PROPS, properties, check_fields);
}

static void
signet_signature_check_init (SignetSignatureCheck *self)
{
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetSignatureCheck, SIGNET_IS_SIGNATURE_CHECK, Ret,                      \
                        signet_signature_check_get_##member, member, fallback)

/**
 * signet_signature_check_get_status:
 * @self: a #SignetSignatureCheck
 *
 * Returns: the verdict over all signatures
 */
GETTER (SignetSignatureStatus, status, SIGNET_SIGNATURE_NOT_SIGNED)

/**
 * signet_signature_check_get_signer_name:
 * @self: a #SignetSignatureCheck
 *
 * Returns: (nullable): the name in the newest signature's certificate
 */
GETTER (const char *, signer_name, NULL)

/**
 * signet_signature_check_get_signing_time:
 * @self: a #SignetSignatureCheck
 *
 * Returns: (nullable) (transfer none): when the newest signature was made
 */
GETTER (GDateTime *, signing_time, NULL)

/**
 * signet_signature_check_get_certificate_status:
 * @self: a #SignetSignatureCheck
 *
 * Returns: what is known of the newest signature's certificate
 */
GETTER (SignetCertificateStatus, certificate_status, SIGNET_CERTIFICATE_NOT_CHECKED)

/**
 * signet_signature_check_get_n_signatures:
 * @self: a #SignetSignatureCheck
 *
 * Returns: the number of signatures in the file
 */
GETTER (guint, n_signatures, 0)

/**
 * signet_signature_check_get_covers_whole_file:
 * @self: a #SignetSignatureCheck
 *
 * Returns: whether the newest signature covers the whole file
 */
GETTER (gboolean, covers_whole_file, FALSE)

/**
 * signet_signature_status_to_string:
 * @status: a #SignetSignatureStatus
 *
 * Returns: a stable name for @status, for records and logs
 */
const char *
signet_signature_status_to_string (SignetSignatureStatus status)
{
  switch (status)
    {
      case SIGNET_SIGNATURE_NOT_SIGNED:
        return "not-signed";
      case SIGNET_SIGNATURE_VALID:
        return "valid";
      case SIGNET_SIGNATURE_CHANGED:
        return "changed";
      case SIGNET_SIGNATURE_INVALID:
        return "invalid";
      case SIGNET_SIGNATURE_NOT_CHECKED:
      default:
        return "not-checked";
    }
}

/**
 * signet_certificate_status_to_string:
 * @status: a #SignetCertificateStatus
 *
 * Returns: a stable name for @status, for records and logs
 */
const char *
signet_certificate_status_to_string (SignetCertificateStatus status)
{
  switch (status)
    {
      case SIGNET_CERTIFICATE_TRUSTED:
        return "trusted";
      case SIGNET_CERTIFICATE_UNKNOWN_ISSUER:
        return "unknown-issuer";
      case SIGNET_CERTIFICATE_UNTRUSTED_ISSUER:
        return "untrusted-issuer";
      case SIGNET_CERTIFICATE_REVOKED:
        return "revoked";
      case SIGNET_CERTIFICATE_EXPIRED:
        return "expired";
      case SIGNET_CERTIFICATE_NOT_CHECKED:
      default:
        return "not-checked";
    }
}

/* Worse verdicts rank higher; a file is as good as its worst signature. */
static int
rank (SignetSignatureStatus status)
{
  switch (status)
    {
      case SIGNET_SIGNATURE_INVALID:
        return 4;
      case SIGNET_SIGNATURE_CHANGED:
        return 3;
      case SIGNET_SIGNATURE_NOT_CHECKED:
        return 2;
      case SIGNET_SIGNATURE_VALID:
        return 1;
      case SIGNET_SIGNATURE_NOT_SIGNED:
      default:
        return 0;
    }
}

static SignetSignatureStatus
from_poppler_status (PopplerSignatureStatus status)
{
  switch (status)
    {
      case POPPLER_SIGNATURE_VALID:
        return SIGNET_SIGNATURE_VALID;
      case POPPLER_SIGNATURE_DIGEST_MISMATCH:
        return SIGNET_SIGNATURE_CHANGED;
      case POPPLER_SIGNATURE_NOT_VERIFIED:
        return SIGNET_SIGNATURE_NOT_CHECKED;
      case POPPLER_SIGNATURE_INVALID:
      case POPPLER_SIGNATURE_DECODING_ERROR:
      case POPPLER_SIGNATURE_GENERIC_ERROR:
      case POPPLER_SIGNATURE_NOT_FOUND:
      default:
        return SIGNET_SIGNATURE_INVALID;
    }
}

static SignetCertificateStatus
from_poppler_certificate (PopplerCertificateStatus status)
{
  switch (status)
    {
      case POPPLER_CERTIFICATE_TRUSTED:
        return SIGNET_CERTIFICATE_TRUSTED;
      case POPPLER_CERTIFICATE_UNKNOWN_ISSUER:
        return SIGNET_CERTIFICATE_UNKNOWN_ISSUER;
      case POPPLER_CERTIFICATE_UNTRUSTED_ISSUER:
        return SIGNET_CERTIFICATE_UNTRUSTED_ISSUER;
      case POPPLER_CERTIFICATE_REVOKED:
        return SIGNET_CERTIFICATE_REVOKED;
      case POPPLER_CERTIFICATE_EXPIRED:
        return SIGNET_CERTIFICATE_EXPIRED;
      case POPPLER_CERTIFICATE_GENERIC_ERROR:
      case POPPLER_CERTIFICATE_NOT_VERIFIED:
      default:
        return SIGNET_CERTIFICATE_NOT_CHECKED;
    }
}

/* poppler 22.12 gives a signing time of 0 (1970) when there is none. */
static GDateTime *
signing_time (const PopplerSignatureInfo *info)
{
  GDateTime *time = poppler_signature_info_get_local_signing_time (info);

  return time != NULL && g_date_time_to_unix (time) > 0 ? time : NULL;
}

static gboolean
is_empty_field (const PopplerSignatureInfo *info)
{
  PopplerSignatureStatus status = poppler_signature_info_get_signature_status (info);
  const char            *signer = poppler_signature_info_get_signer_name (info);

  return (status == POPPLER_SIGNATURE_NOT_VERIFIED || status == POPPLER_SIGNATURE_NOT_FOUND)
         && (signer == NULL || signer[0] == '\0') && signing_time (info) == NULL;
}

static gboolean
read_uint (const char *data, gsize len, gsize *i, guint64 *value)
{
  guint64 v = 0;
  gsize   start;

  while (*i < len && g_ascii_isspace (data[*i]))
    (*i)++;
  start = *i;
  while (*i < len && g_ascii_isdigit (data[*i]) && *i - start < 19)
    v = v * 10 + (data[(*i)++] - '0');
  *value = v;
  return *i > start;
}

typedef struct
{
  gboolean found;     /* a /ByteRange was seen in the file's plain text */
  gboolean whole;     /* one of them ends where the file ends */
  gboolean well_made; /* each leaves out exactly a hex string */
} RangeCheck;

/* Looks at every `/ByteRange [a b c d]` in the raw file. Signature
 * dictionaries are almost always plain text; one inside a compressed object
 * stream is not seen, and then poppler's word stands alone. */
static RangeCheck
check_byte_ranges (GBytes *pdf)
{
  gsize       len;
  const char *data = g_bytes_get_data (pdf, &len);
  gsize       end_of_data = len;
  RangeCheck  check = { FALSE, FALSE, TRUE };

  /* Line ends after the last %%EOF are not an update. */
  while (end_of_data > 0 && g_ascii_isspace (data[end_of_data - 1]))
    end_of_data--;

  for (gsize i = 0; i + 10 < len; i++)
    {
      guint64  r[4];
      gsize    j;
      gboolean parsed = TRUE;

      if (data[i] != '/' || memcmp (data + i, "/ByteRange", 10) != 0)
        continue;
      j = i + 10;
      while (j < len && g_ascii_isspace (data[j]))
        j++;
      if (j >= len || data[j] != '[')
        continue;
      j++;
      for (guint k = 0; k < 4 && parsed; k++)
        parsed = read_uint (data, len, &j, &r[k]);
      if (!parsed)
        continue;

      check.found = TRUE;
      if (r[0] != 0 || r[1] >= r[2] || r[2] > len || r[3] > len - r[2] || data[r[1]] != '<'
          || data[r[2] - 1] != '>')
        {
          check.well_made = FALSE;
          continue;
        }
      for (guint64 h = r[1] + 1; h < r[2] - 1; h++)
        if (!g_ascii_isxdigit (data[h]))
          check.well_made = FALSE;
      if (r[2] + r[3] >= end_of_data)
        check.whole = TRUE;
    }

  return check;
}

/* poppler validates with NSS, which it sets up on the first validation
 * (a static flag, no lock) and shuts down from an atexit() handler. So:
 * one validation at a time in the whole process, the trust store chosen
 * once before the first, and no validation left running when the process
 * exits, else NSS is shut down under it (test-signature-check
 * "exit-while-checking" crashed in CERT_NewTempCertificate()). */
static GMutex   validation_lock;
static gboolean exit_guard_registered;

static void
hold_validation_at_exit (void)
{
  /* Waits for a running validation and never lets another start; runs
   * before poppler's own handler, which was registered earlier. */
  g_mutex_lock (&validation_lock);
}

static void
choose_trust_store (void)
{
#if POPPLER_CHECK_VERSION(23, 7, 0)
  /* Inside Flatpak none of poppler's default places can be read; a
   * database an administrator put in Signet's data folder is used. */
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "signet", "nssdb", NULL);
  g_autofree char *db = g_build_filename (dir, "cert9.db", NULL);

  if (g_file_test (db, G_FILE_TEST_IS_REGULAR))
    poppler_set_nss_dir (dir);
#else
  /* poppler 22.12 has no way to choose: it takes Firefox's profile,
   * /etc/pki/nssdb or ~/.pki/nssdb, once, at the first validation. */
#endif
}

static void
validation_begin (void)
{
  static gsize chosen;

  if (g_once_init_enter (&chosen))
    {
      choose_trust_store ();
      g_once_init_leave (&chosen, 1);
    }
  g_mutex_lock (&validation_lock);
}

static void
validation_end (void)
{
  /* After the first validation, when poppler has registered its handler:
   * atexit() runs the handlers newest first. */
  if (!exit_guard_registered)
    {
      exit_guard_registered = TRUE;
      atexit (hold_validation_at_exit);
    }
  g_mutex_unlock (&validation_lock);
}

/* Whether a form field is held by nobody but the toggle reference of
 * signet_poppler_validate(); set from whichever thread lets go last. On
 * the heap: when the wait gave up, the thread that lets go last is told
 * after the caller returned, and then it lets go of the field itself. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean alone;
  gboolean given_up;
} Holder;

static void
holder_free (Holder *holder)
{
  g_mutex_clear (&holder->lock);
  g_cond_clear (&holder->cond);
  g_free (holder);
}

static void
toggled_cb (gpointer data, GObject *object, gboolean is_last_ref)
{
  Holder  *holder = data;
  gboolean let_go;

  g_mutex_lock (&holder->lock);
  holder->alone = is_last_ref;
  let_go = holder->given_up && is_last_ref;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->lock);
  if (let_go)
    {
      g_object_remove_toggle_ref (object, toggled_cb, holder);
      holder_free (holder);
    }
}

/**
 * signet_poppler_validate:
 * @field: (transfer full): a signature field, held by the caller alone
 * @flags: how to validate
 * @error: return location for an error
 *
 * poppler_form_field_signature_validate_sync() runs in a #GTask thread of
 * poppler-glib's, which lets go of the task, and with it of @field and
 * maybe the document's last reference, only after the call returned: the
 * document's finalize then tore poppler's global state down on that
 * thread, and crashed when the process was exiting meanwhile (seen in
 * sandbox-sign, SIGSEGV in ~GlobalParams). So @field is held until that
 * thread has let go, and freed here, on the caller's thread, inside the
 * validation lock. After 5 s the wait gives up, and that thread frees
 * @field when it lets go (never seen: it took microseconds). Blocks: call
 * it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the signature's details
 */
PopplerSignatureInfo *
signet_poppler_validate (PopplerFormField               *field,
                         PopplerSignatureValidationFlags flags,
                         GError                        **error)
{
  Holder               *holder = g_new0 (Holder, 1);
  PopplerSignatureInfo *info;
  gint64                deadline;
  gboolean              alone;

  g_mutex_init (&holder->lock);
  g_cond_init (&holder->cond);
  validation_begin ();
  /* The caller's reference becomes the toggle reference: told when the
   * task's comes and goes. */
  g_object_add_toggle_ref (G_OBJECT (field), toggled_cb, holder);
  g_object_unref (field);
  info = poppler_form_field_signature_validate_sync (field, flags, NULL, error);
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  g_mutex_lock (&holder->lock);
  while (!holder->alone)
    if (!g_cond_wait_until (&holder->cond, &holder->lock, deadline))
      break;
  alone = holder->alone;
  /* Given up: the other thread is told, and lets go when it is done.
   * (Taking the toggle reference away here could race with its telling,
   * which then used the holder after it was freed.) */
  holder->given_up = !alone;
  g_mutex_unlock (&holder->lock);
  if (alone)
    {
      g_object_remove_toggle_ref (G_OBJECT (field), toggled_cb, holder);
      holder_free (holder);
    }
  else
    g_debug ("The signature field was still held after 5 s; its last holder frees it");
  validation_end ();
  return info;
}

/**
 * signet_signature_check_bytes:
 * @pdf: the PDF's bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Checks every signature of @pdf, and its newest signature's certificate,
 * without going online. Blocks: call it from a worker thread, or use
 * signet_signature_check_file_async().
 *
 * Returns: (transfer full): the result, or %NULL when @pdf cannot be read
 */
SignetSignatureCheck *
signet_signature_check_bytes (GBytes *pdf, GCancellable *cancellable, GError **error)
{
  g_autoptr (SignetSignatureCheck) self = NULL;
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (PopplerSignatureInfo) newest = NULL;
  g_autoptr (GError) local_error = NULL;
  SignetSignatureStatus status = SIGNET_SIGNATURE_NOT_SIGNED;
  GList                *fields;
  RangeCheck            ranges;

  g_return_val_if_fail (pdf != NULL, NULL);

  document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (document == NULL)
    {
      signet_poppler_set_open_error (local_error, error);
      return NULL;
    }

  self = g_object_new (SIGNET_TYPE_SIGNATURE_CHECK, NULL);
  fields = poppler_document_get_signature_fields (document);
  while (fields != NULL)
    {
      g_autoptr (PopplerSignatureInfo) info = NULL;
      PopplerFormField     *field = fields->data;
      SignetSignatureStatus one;

      fields = g_list_delete_link (fields, fields);
      /* Not poppler's own cancelling: 22.12 then returns at once and leaks
       * the result its thread makes later (seen under ASan). A validation
       * takes milliseconds; cancelling is looked at between them. */
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        g_object_unref (field);
      else
        info = signet_poppler_validate (
          field,
          POPPLER_SIGNATURE_VALIDATION_FLAG_VALIDATE_CERTIFICATE
            | POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK,
          &local_error);
      if (info == NULL)
        {
          g_list_free_full (fields, g_object_unref);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                         "The signature could not be checked: %s", local_error->message);
          return NULL;
        }

      /* An empty signature field (a place still to sign) has no signer and
       * no time; poppler calls it not verified, as it does any signature
       * when it has no cryptography backend. */
      if (is_empty_field (info))
        continue;

      one = from_poppler_status (poppler_signature_info_get_signature_status (info));
      if (rank (one) > rank (status))
        status = one;
      self->n_signatures++;
      /* The fields are in the form's order: the newest is added last. */
      g_clear_pointer (&newest, poppler_signature_info_free);
      newest = g_steal_pointer (&info);
    }

  if (newest != NULL)
    {
      GDateTime *time = signing_time (newest);

      self->signer_name = g_strdup (poppler_signature_info_get_signer_name (newest));
      self->signing_time = time ? g_date_time_ref (time) : NULL;
      self->certificate_status
        = from_poppler_certificate (poppler_signature_info_get_certificate_status (newest));

      ranges = check_byte_ranges (pdf);
      self->covers_whole_file = ranges.whole;
      if (ranges.found && !ranges.well_made)
        status = SIGNET_SIGNATURE_INVALID;
      else if (ranges.found && !ranges.whole && rank (status) < rank (SIGNET_SIGNATURE_CHANGED))
        status = SIGNET_SIGNATURE_CHANGED;
      else if (!ranges.found)
        g_debug ("No plain /ByteRange in the file; only poppler's verdict counts");
    }
  self->status = status;

  return g_steal_pointer (&self);
}

/**
 * signet_signature_check_file:
 * @file: the PDF to check
 * @sha256: (out) (optional): the SHA-256 of the bytes checked, in hex
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads @file and checks it as signet_signature_check_bytes() does.
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full): the result, or %NULL when @file cannot be read
 */
SignetSignatureCheck *
signet_signature_check_file (GFile *file, char **sha256, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) contents = NULL;
  SignetSignatureCheck *check;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (contents == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_debug ("Cannot read the file to check: %s", local_error->message);
          g_set_error_literal (
            error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
            _ ("The file could not be read. Check that it still exists and that you may open it."));
        }
      return NULL;
    }

  check = signet_signature_check_bytes (contents, cancellable, error);
  if (check != NULL && sha256 != NULL)
    *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  return check;
}

static void
check_in_worker (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  signet_task_return_pointer_or_error (
    task, signet_signature_check_file (task_data, NULL, cancellable, &error), g_object_unref,
    &error);
}

/**
 * signet_signature_check_file_async:
 * @file: the PDF to check
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result on the thread-default main context
 * @user_data: data for @callback
 *
 * Reads @file and checks its signatures on a worker thread, as
 * signet_signature_check_bytes() describes.
 */
void
signet_signature_check_file_async (GFile              *file,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_signature_check_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  signet_worker_run (SIGNET_WORKER_INSPECT, g_steal_pointer (&task), check_in_worker);
}

/**
 * signet_signature_check_file_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the result of the check, or %NULL with @error
 *   set when the file cannot be read or the check was cancelled
 */
SignetSignatureCheck *
signet_signature_check_file_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, signet_signature_check_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
