/* signet-error.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIGNET_ERROR (signet_error_quark ())

/**
 * SignetError:
 * @SIGNET_ERROR_FAILED: something else went wrong
 * @SIGNET_ERROR_NOT_AUTHORIZED: the service did not accept the API key (401)
 * @SIGNET_ERROR_FORBIDDEN: the API key may not do this (403)
 * @SIGNET_ERROR_NOT_FOUND: the document or request does not exist (any more)
 * @SIGNET_ERROR_CONFLICT: the signature request id was used before (409)
 * @SIGNET_ERROR_QUOTA_EXHAUSTED: no signature requests are left to use
 * @SIGNET_ERROR_FILE_TOO_LARGE: the document is larger than the service takes
 * @SIGNET_ERROR_INVALID_INPUT: the request has a field the service refuses
 * @SIGNET_ERROR_SERVER_ERROR: the service failed (5xx)
 * @SIGNET_ERROR_UNEXPECTED_RESPONSE: the answer could not be understood
 * @SIGNET_ERROR_NETWORK_UNREACHABLE: the service cannot be reached
 * @SIGNET_ERROR_TIMED_OUT: the service did not answer in time
 * @SIGNET_ERROR_TLS_FAILURE: the service's identity could not be verified
 * @SIGNET_ERROR_INSECURE_URL: an unencrypted address that is not this computer
 * @SIGNET_ERROR_FILE_UNREADABLE: the file is damaged or not a document we know
 * @SIGNET_ERROR_FILE_ENCRYPTED: the document is protected by a password
 * @SIGNET_ERROR_UNSUPPORTED_TYPE: the service cannot sign this kind of file
 * @SIGNET_ERROR_KEYRING_UNAVAILABLE: the system keyring cannot be used
 * @SIGNET_ERROR_ACCOUNT_NOT_READY: no account is set up for the current
 *   environment yet (or its key is still being read), so nothing was sent
 *
 * The errors of Signet's core. Each module converts foreign errors into
 * these at its boundary; their messages are translated and say what to do.
 * %G_IO_ERROR_CANCELLED is never converted.
 */
typedef enum
{
  SIGNET_ERROR_FAILED,
  SIGNET_ERROR_NOT_AUTHORIZED,
  SIGNET_ERROR_FORBIDDEN,
  SIGNET_ERROR_NOT_FOUND,
  SIGNET_ERROR_CONFLICT,
  SIGNET_ERROR_QUOTA_EXHAUSTED,
  SIGNET_ERROR_FILE_TOO_LARGE,
  SIGNET_ERROR_INVALID_INPUT,
  SIGNET_ERROR_SERVER_ERROR,
  SIGNET_ERROR_UNEXPECTED_RESPONSE,
  SIGNET_ERROR_NETWORK_UNREACHABLE,
  SIGNET_ERROR_TIMED_OUT,
  SIGNET_ERROR_TLS_FAILURE,
  SIGNET_ERROR_INSECURE_URL,
  SIGNET_ERROR_FILE_UNREADABLE,
  SIGNET_ERROR_FILE_ENCRYPTED,
  SIGNET_ERROR_UNSUPPORTED_TYPE,
  SIGNET_ERROR_KEYRING_UNAVAILABLE,
  SIGNET_ERROR_ACCOUNT_NOT_READY,
} SignetError;

GQuark signet_error_quark (void);

G_END_DECLS
