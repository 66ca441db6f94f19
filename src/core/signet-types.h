/* signet-types.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SignetDocumentState:
 * @SIGNET_DOCUMENT_STATE_UNKNOWN: a state this version of Signet does not know
 * @SIGNET_DOCUMENT_STATE_TAGS: the service turns text tags into signature fields
 * @SIGNET_DOCUMENT_STATE_TOSTAMP: the service inserts a digital stamp
 * @SIGNET_DOCUMENT_STATE_TOSIGN: ready to be signed
 * @SIGNET_DOCUMENT_STATE_SIGNED: signed in the last signature request
 * @SIGNET_DOCUMENT_STATE_CANCELED: the signer pressed Cancel
 * @SIGNET_DOCUMENT_STATE_ERRORSENDINFO: the service could not deliver its callback
 *
 * The states of a stored document (§7 of the API reference). The nicks are
 * the API's spelling.
 */
typedef enum
{
  SIGNET_DOCUMENT_STATE_UNKNOWN,
  SIGNET_DOCUMENT_STATE_TAGS,
  SIGNET_DOCUMENT_STATE_TOSTAMP,
  SIGNET_DOCUMENT_STATE_TOSIGN,
  SIGNET_DOCUMENT_STATE_SIGNED,
  SIGNET_DOCUMENT_STATE_CANCELED,
  SIGNET_DOCUMENT_STATE_ERRORSENDINFO,
} SignetDocumentState;

/**
 * SignetFieldType:
 * @SIGNET_FIELD_TYPE_TEXT: a text field
 * @SIGNET_FIELD_TYPE_CHECKBOX: a check box
 * @SIGNET_FIELD_TYPE_SIGNATURE: a signature field
 * @SIGNET_FIELD_TYPE_RADIO: a radio button group
 * @SIGNET_FIELD_TYPE_COMBOBOX: a combo box
 *
 * The kinds of PDF form fields a signature request can allow or require.
 */
typedef enum
{
  SIGNET_FIELD_TYPE_TEXT,
  SIGNET_FIELD_TYPE_CHECKBOX,
  SIGNET_FIELD_TYPE_SIGNATURE,
  SIGNET_FIELD_TYPE_RADIO,
  SIGNET_FIELD_TYPE_COMBOBOX,
} SignetFieldType;

/**
 * SignetFieldsBeforeSigning:
 * @SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT: leave it to the service (it flattens)
 * @SIGNET_FIELDS_BEFORE_SIGNING_FLATTEN: form fields become plain content
 * @SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY: form fields are locked
 * @SIGNET_FIELDS_BEFORE_SIGNING_KEEP: form fields are left as they are
 *
 * What happens to the PDF's form fields before signing.
 */
typedef enum
{
  SIGNET_FIELDS_BEFORE_SIGNING_DEFAULT,
  SIGNET_FIELDS_BEFORE_SIGNING_FLATTEN,
  SIGNET_FIELDS_BEFORE_SIGNING_READ_ONLY,
  SIGNET_FIELDS_BEFORE_SIGNING_KEEP,
} SignetFieldsBeforeSigning;

/**
 * SIGNET_MAX_DOCUMENT_SIZE:
 *
 * The largest document Signet sends, in bytes: the service's "10 MB" (§15)
 * read as 10,000,000 bytes, the lower of its two readings, so that a file
 * that passes here is never refused there (docs/intake.md).
 */
#define SIGNET_MAX_DOCUMENT_SIZE ((goffset) 10 * 1000 * 1000)

const char         *signet_document_state_to_string (SignetDocumentState state);
SignetDocumentState signet_document_state_from_string (const char *name);

G_END_DECLS
