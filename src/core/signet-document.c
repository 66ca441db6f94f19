/* signet-document.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-document"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "signet-document-private.h"
#include "signet-enums.h"
#include "signet-json-private.h"
#include "signet-property-util.h"

#include <string.h>

/**
 * SignetDocument:
 *
 * One journalled request: a document sent out for signature from this
 * computer, in one or more rounds. Its properties follow the journal, so
 * list rows and pages bind to them; only core changes them.
 */
struct _SignetDocument
{
  GObject parent_instance;

  gint64               journal_id;
  char                *signature_request_id;
  char                *document_id;
  char                *environment;
  char                *filename;
  char                *original_path;
  char                *checksum;
  char                *kept_path;
  char                *plan;
  char                *chosen_codes; /* never written: signet-journal-codes.c */
  guint                round;
  guint                n_rounds;
  char                *signing_url;
  gint64               expiration;
  SignetDocumentState  state;
  SignetDocumentStatus status;
  char                *archive_path;
  char                *last_error;
  gint64               created;
  gint64               modified;
  int                  signature_status; /* SignetSignatureStatus, -1 before a check */
  gboolean             sent_elsewhere;
  gint64               last_seen;

  char *search_key; /* signet_library_get_search_key(): made once, often on the journal's thread */

  /* Read from the plan when first asked for. */
  gboolean signer_read;
  char    *signer_name;
  char    *signer_email;
};

G_DEFINE_FINAL_TYPE (SignetDocument, signet_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JOURNAL_ID,
  PROP_SIGNATURE_REQUEST_ID,
  PROP_DOCUMENT_ID,
  PROP_ENVIRONMENT,
  PROP_FILENAME,
  PROP_ORIGINAL_PATH,
  PROP_CHECKSUM,
  PROP_SIGNING_URL,
  PROP_EXPIRATION,
  PROP_STATE,
  PROP_STATUS,
  PROP_ROUND,
  PROP_N_ROUNDS,
  PROP_ARCHIVE_PATH,
  PROP_LAST_ERROR,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_SIGNATURE_STATUS,
  PROP_SENT_ELSEWHERE,
  PROP_LAST_SEEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * signet_document_status_to_string:
 * @status: a #SignetDocumentStatus
 *
 * Returns: the name the journal stores for @status
 */
const char *
signet_document_status_to_string (SignetDocumentStatus status)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (SIGNET_TYPE_DOCUMENT_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  return value != NULL ? value->value_nick : NULL;
}

/**
 * signet_document_status_from_string:
 * @name: (nullable): a name from signet_document_status_to_string()
 *
 * Returns: the status, %SIGNET_DOCUMENT_STATUS_PENDING for an unknown name
 */
SignetDocumentStatus
signet_document_status_from_string (const char *name)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (SIGNET_TYPE_DOCUMENT_STATUS);
  GEnumValue *value = name != NULL ? g_enum_get_value_by_nick (klass, name) : NULL;

  return value != NULL ? (SignetDocumentStatus) value->value : SIGNET_DOCUMENT_STATUS_PENDING;
}

/**
 * signet_document_status_is_final:
 * @status: a #SignetDocumentStatus
 *
 * Returns: whether nothing more happens to a document in @status
 */
gboolean
signet_document_status_is_final (SignetDocumentStatus status)
{
  return status >= SIGNET_DOCUMENT_STATUS_ARCHIVED;
}

static void
signet_document_finalize (GObject *object)
{
  SignetDocument *self = SIGNET_DOCUMENT (object);

  g_free (self->signature_request_id);
  g_free (self->document_id);
  g_free (self->environment);
  g_free (self->filename);
  g_free (self->original_path);
  g_free (self->checksum);
  g_free (self->kept_path);
  g_free (self->plan);
  signet_document_wipe_codes (&self->chosen_codes);
  g_free (self->search_key);
  g_free (self->signing_url);
  g_free (self->archive_path);
  g_free (self->last_error);
  g_free (self->signer_name);
  g_free (self->signer_email);

  G_OBJECT_CLASS (signet_document_parent_class)->finalize (object);
}

static const SignetField document_fields[N_PROPS] = {
  [PROP_JOURNAL_ID] = SIGNET_FIELD (SignetDocument, journal_id),
  [PROP_SIGNATURE_REQUEST_ID] = SIGNET_FIELD (SignetDocument, signature_request_id),
  [PROP_DOCUMENT_ID] = SIGNET_FIELD (SignetDocument, document_id),
  [PROP_ENVIRONMENT] = SIGNET_FIELD (SignetDocument, environment),
  [PROP_FILENAME] = SIGNET_FIELD (SignetDocument, filename),
  [PROP_ORIGINAL_PATH] = SIGNET_FIELD (SignetDocument, original_path),
  [PROP_CHECKSUM] = SIGNET_FIELD (SignetDocument, checksum),
  [PROP_SIGNING_URL] = SIGNET_FIELD (SignetDocument, signing_url),
  [PROP_EXPIRATION] = SIGNET_FIELD (SignetDocument, expiration),
  [PROP_STATE] = SIGNET_FIELD (SignetDocument, state),
  [PROP_STATUS] = SIGNET_FIELD (SignetDocument, status),
  [PROP_ROUND] = SIGNET_FIELD (SignetDocument, round),
  [PROP_N_ROUNDS] = SIGNET_FIELD (SignetDocument, n_rounds),
  [PROP_ARCHIVE_PATH] = SIGNET_FIELD (SignetDocument, archive_path),
  [PROP_LAST_ERROR] = SIGNET_FIELD (SignetDocument, last_error),
  [PROP_CREATED] = SIGNET_FIELD (SignetDocument, created),
  [PROP_MODIFIED] = SIGNET_FIELD (SignetDocument, modified),
  [PROP_SIGNATURE_STATUS] = SIGNET_FIELD (SignetDocument, signature_status),
  [PROP_SENT_ELSEWHERE] = SIGNET_FIELD (SignetDocument, sent_elsewhere),
  [PROP_LAST_SEEN] = SIGNET_FIELD (SignetDocument, last_seen),
};

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
signet_document_class_init (SignetDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_document_finalize;
  object_class->get_property = signet_property_get_field;

  /**
   * SignetDocument:journal-id:
   *
   * The row of the journal; 0 until it is written.
   */
  properties[PROP_JOURNAL_ID] = int64_property ("journal-id");
  /**
   * SignetDocument:signature-request-id:
   *
   * The id Signet chose for the current round's signature request.
   */
  properties[PROP_SIGNATURE_REQUEST_ID] = string_property ("signature-request-id");
  /**
   * SignetDocument:document-id:
   *
   * The server's id of the stored document, once uploaded.
   */
  properties[PROP_DOCUMENT_ID] = string_property ("document-id");
  /**
   * SignetDocument:environment:
   *
   * The id of the #SignetEnvironment the request went to.
   */
  properties[PROP_ENVIRONMENT] = string_property ("environment");
  /**
   * SignetDocument:filename:
   *
   * The document's file name, as the service and the signer see it.
   */
  properties[PROP_FILENAME] = string_property ("filename");
  /**
   * SignetDocument:original-path:
   *
   * Where the file was when it was sent.
   */
  properties[PROP_ORIGINAL_PATH] = string_property ("original-path");
  /**
   * SignetDocument:checksum:
   *
   * The SHA-256 of the file as it was sent, in hex.
   */
  properties[PROP_CHECKSUM] = string_property ("checksum");
  /**
   * SignetDocument:signing-url:
   *
   * The link for the signer of the current round, once the request exists.
   */
  properties[PROP_SIGNING_URL] = string_property ("signing-url");
  /**
   * SignetDocument:expiration:
   *
   * When the current round's request expires (Unix ms), 0 for the default.
   */
  properties[PROP_EXPIRATION] = int64_property ("expiration");
  /**
   * SignetDocument:state:
   *
   * The document's state on the server, as last seen.
   */
  properties[PROP_STATE] = g_param_spec_enum (
    "state", NULL, NULL, SIGNET_TYPE_DOCUMENT_STATE, SIGNET_DOCUMENT_STATE_UNKNOWN,
    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:status:
   *
   * Where the request is in its life.
   */
  properties[PROP_STATUS] = g_param_spec_enum (
    "status", NULL, NULL, SIGNET_TYPE_DOCUMENT_STATUS, SIGNET_DOCUMENT_STATUS_PENDING,
    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:round:
   *
   * The current signing round, counted from 0.
   */
  properties[PROP_ROUND]
    = g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:n-rounds:
   *
   * How many rounds the request has.
   */
  properties[PROP_N_ROUNDS]
    = g_param_spec_uint ("n-rounds", NULL, NULL, 1, G_MAXUINT, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:archive-path:
   *
   * Where the signed PDF was saved, once it is.
   */
  properties[PROP_ARCHIVE_PATH] = string_property ("archive-path");
  /**
   * SignetDocument:last-error:
   *
   * The translated message of the last failure while working on the
   * request, %NULL after a success.
   */
  properties[PROP_LAST_ERROR] = string_property ("last-error");
  /**
   * SignetDocument:created:
   *
   * When the request was journalled (Unix ms).
   */
  properties[PROP_CREATED] = int64_property ("created");
  /**
   * SignetDocument:modified:
   *
   * When the journal last changed the request (Unix ms).
   */
  properties[PROP_MODIFIED] = int64_property ("modified");
  /**
   * SignetDocument:signature-status:
   *
   * The newest check of the archived signed copy (a
   * #SignetSignatureStatus), -1 while there is none (docs/evidence.md).
   */
  properties[PROP_SIGNATURE_STATUS]
    = g_param_spec_int ("signature-status", NULL, NULL, -1, G_MAXINT, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:sent-elsewhere:
   *
   * Whether the document was sent from another desk, the web app or
   * another integration on the same account, and imported from the
   * account's lists rather than sent from here (docs/shared-account.md).
   */
  properties[PROP_SENT_ELSEWHERE]
    = g_param_spec_boolean ("sent-elsewhere", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetDocument:last-seen:
   *
   * When a list of the server last had the document (Unix ms), 0 for never.
   */
  properties[PROP_LAST_SEEN] = int64_property ("last-seen");

  signet_property_install (object_class, N_PROPS, properties, document_fields);
}

static void
signet_document_init (SignetDocument *self)
{
  self->n_rounds = 1;
  self->signature_status = -1;
}

void
signet_document_record_free (SignetDocumentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->signature_request_id);
  g_free (record->document_id);
  g_free (record->environment);
  g_free (record->filename);
  g_free (record->original_path);
  g_free (record->checksum);
  g_free (record->kept_path);
  g_free (record->plan);
  g_free (record->signing_url);
  g_free (record->state);
  g_free (record->status);
  g_free (record->archive_path);
  g_free (record->last_error);
  g_free (record->origin);
  signet_document_wipe_codes (&record->chosen_codes);
  g_free (record->search_key);
  g_free (record);
}

/* Overwrites and frees *@codes: one-time codes (signet-journal-codes.c)
 * leave nothing behind in freed memory. */
void
signet_document_wipe_codes (char **codes)
{
  if (*codes == NULL)
    return;
  secret_password_wipe (*codes);
  g_clear_pointer (codes, g_free);
}

/* Takes the strings of @record; the record itself stays the caller's. */
SignetDocument *
signet_document_new_from_record (SignetDocumentRecord *record)
{
  SignetDocument *self = g_object_new (SIGNET_TYPE_DOCUMENT, NULL);

  self->journal_id = record->id;
  self->signature_request_id = g_steal_pointer (&record->signature_request_id);
  self->document_id = g_steal_pointer (&record->document_id);
  self->environment = g_steal_pointer (&record->environment);
  self->filename = g_steal_pointer (&record->filename);
  self->original_path = g_steal_pointer (&record->original_path);
  self->checksum = g_steal_pointer (&record->checksum);
  self->kept_path = g_steal_pointer (&record->kept_path);
  self->plan = g_steal_pointer (&record->plan);
  self->round = record->round;
  self->n_rounds = MAX (record->n_rounds, 1);
  self->signing_url = g_steal_pointer (&record->signing_url);
  self->expiration = record->expiration;
  self->state = signet_document_state_from_string (record->state);
  self->status = signet_document_status_from_string (record->status);
  self->archive_path = g_steal_pointer (&record->archive_path);
  self->last_error = g_steal_pointer (&record->last_error);
  self->created = record->created;
  self->modified = record->modified;
  self->sent_elsewhere = g_strcmp0 (record->origin, "elsewhere") == 0;
  self->last_seen = record->last_seen;
  self->chosen_codes = g_steal_pointer (&record->chosen_codes);
  self->search_key = g_steal_pointer (&record->search_key);

  return self;
}

SignetDocumentRecord *
signet_document_to_record (SignetDocument *self)
{
  SignetDocumentRecord *record = g_new0 (SignetDocumentRecord, 1);

  record->id = self->journal_id;
  record->signature_request_id = g_strdup (self->signature_request_id);
  record->document_id = g_strdup (self->document_id);
  record->environment = g_strdup (self->environment);
  record->filename = g_strdup (self->filename);
  record->original_path = g_strdup (self->original_path);
  record->checksum = g_strdup (self->checksum);
  record->kept_path = g_strdup (self->kept_path);
  record->plan = g_strdup (self->plan);
  record->chosen_codes = g_strdup (self->chosen_codes);
  record->round = self->round;
  record->n_rounds = self->n_rounds;
  record->signing_url = g_strdup (self->signing_url);
  record->expiration = self->expiration;
  record->state = self->state != SIGNET_DOCUMENT_STATE_UNKNOWN
                    ? g_strdup (signet_document_state_to_string (self->state))
                    : NULL;
  record->status = g_strdup (signet_document_status_to_string (self->status));
  record->archive_path = g_strdup (self->archive_path);
  record->last_error = g_strdup (self->last_error);
  record->created = self->created;
  record->modified = self->modified;
  record->origin = self->sent_elsewhere ? g_strdup ("elsewhere") : NULL;
  record->last_seen = self->last_seen;

  return record;
}

#define DEFINE_GETTER(type, name, field)                                                           \
  SIGNET_DEFINE_GETTER (SignetDocument, SIGNET_IS_DOCUMENT, type, signet_document_get_##name,      \
                        field, 0)

/**
 * signet_document_get_journal_id:
 * @self: a #SignetDocument
 *
 * Returns: the journal's row, 0 before it is written
 */
DEFINE_GETTER (gint64, journal_id, journal_id)
/**
 * signet_document_get_signature_request_id:
 * @self: a #SignetDocument
 *
 * Returns: the current round's signature request id
 */
DEFINE_GETTER (const char *, signature_request_id, signature_request_id)
/**
 * signet_document_get_document_id:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the server's document id, once uploaded
 */
DEFINE_GETTER (const char *, document_id, document_id)
/**
 * signet_document_get_environment:
 * @self: a #SignetDocument
 *
 * Returns: the id of the environment the request went to
 */
DEFINE_GETTER (const char *, environment, environment)
/**
 * signet_document_get_filename:
 * @self: a #SignetDocument
 *
 * Returns: the document's file name
 */
DEFINE_GETTER (const char *, filename, filename)
/**
 * signet_document_get_original_path:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): where the file was when it was sent
 */
DEFINE_GETTER (const char *, original_path, original_path)
/**
 * signet_document_get_checksum:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the SHA-256 of the file as sent
 */
DEFINE_GETTER (const char *, checksum, checksum)
/**
 * signet_document_get_signing_url:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the current round's signing link
 */
DEFINE_GETTER (const char *, signing_url, signing_url)
/**
 * signet_document_get_expiration:
 * @self: a #SignetDocument
 *
 * Returns: when the current round expires (Unix ms), 0 for the default
 */
DEFINE_GETTER (gint64, expiration, expiration)
/**
 * signet_document_get_state:
 * @self: a #SignetDocument
 *
 * Returns: the server's state of the document, as last seen
 */
DEFINE_GETTER (SignetDocumentState, state, state)
/**
 * signet_document_get_status:
 * @self: a #SignetDocument
 *
 * Returns: where the request is in its life
 */
DEFINE_GETTER (SignetDocumentStatus, status, status)
/**
 * signet_document_get_round:
 * @self: a #SignetDocument
 *
 * Returns: the current round, from 0
 */
DEFINE_GETTER (guint, round, round)
/**
 * signet_document_get_n_rounds:
 * @self: a #SignetDocument
 *
 * Returns: the number of rounds
 */
DEFINE_GETTER (guint, n_rounds, n_rounds)
/**
 * signet_document_get_archive_path:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the archived signed PDF
 */
DEFINE_GETTER (const char *, archive_path, archive_path)
/**
 * signet_document_get_last_error:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the last failure's message
 */
DEFINE_GETTER (const char *, last_error, last_error)
/**
 * signet_document_get_created:
 * @self: a #SignetDocument
 *
 * Returns: when the request was journalled (Unix ms)
 */
DEFINE_GETTER (gint64, created, created)
/**
 * signet_document_get_modified:
 * @self: a #SignetDocument
 *
 * Returns: when the journal last changed the request (Unix ms)
 */
DEFINE_GETTER (gint64, modified, modified)

/**
 * signet_document_get_signature_status:
 * @self: a #SignetDocument
 *
 * Returns: the newest check of the archived copy, a #SignetSignatureStatus,
 *   or -1 when it was never checked
 */
DEFINE_GETTER (int, signature_status, signature_status)
/**
 * signet_document_get_sent_elsewhere:
 * @self: a #SignetDocument
 *
 * Returns: whether it was sent from elsewhere on the account and imported
 */
DEFINE_GETTER (gboolean, sent_elsewhere, sent_elsewhere)
/**
 * signet_document_get_last_seen:
 * @self: a #SignetDocument
 *
 * Returns: when a list of the server last had it (Unix ms), 0 for never
 */
DEFINE_GETTER (gint64, last_seen, last_seen)
DEFINE_GETTER (const char *, plan, plan)
DEFINE_GETTER (const char *, chosen_codes, chosen_codes)
DEFINE_GETTER (const char *, search_key, search_key)

/* Takes @key; a document's key is set once. */
void
signet_document_take_search_key (SignetDocument *self, char *key)
{
  g_return_if_fail (SIGNET_IS_DOCUMENT (self));
  g_return_if_fail (self->search_key == NULL);

  self->search_key = key;
}

/* Rules as the string form of §10: "name-value_name-value". */
static char *
find_string_rule (const char *rules, const char *rule)
{
  g_auto (GStrv) pairs = g_strsplit (rules, "_", -1);
  gsize length = strlen (rule);

  for (guint i = 0; pairs[i] != NULL; i++)
    if (strncmp (pairs[i], rule, length) == 0 && pairs[i][length] == '-')
      return g_strdup (pairs[i] + length + 1);

  return NULL;
}

/**
 * signet_document_dup_rule:
 * @self: a #SignetDocument
 * @round: a round of its plan, counted from 0
 * @rule: a rule's name (okdokument-api.md §10), e.g. "emailTo"
 *
 * Reads a rule of one round's request from the journalled plan, for pages
 * that say what the service was asked to do (whom it e-mails).
 *
 * Returns: (transfer full) (nullable): the rule's value as text, or %NULL
 *   when the round does not set it
 */
char *
signet_document_dup_rule (SignetDocument *self, guint round, const char *rule)
{
  g_autoptr (JsonNode) plan = NULL;
  JsonArray  *rounds;
  JsonObject *body;
  JsonNode   *rules;
  JsonNode   *value;

  g_return_val_if_fail (SIGNET_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  if (self->plan == NULL || (plan = json_from_string (self->plan, NULL)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (plan))
    return NULL;
  rounds = json_node_get_array (plan);
  if (round >= json_array_get_length (rounds))
    return NULL;
  body = json_array_get_object_element (rounds, round);
  if (body == NULL || (rules = json_object_get_member (body, "rules")) == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (rules) && json_node_get_value_type (rules) == G_TYPE_STRING)
    return find_string_rule (json_node_get_string (rules), rule);
  if (!JSON_NODE_HOLDS_OBJECT (rules))
    return NULL;

  value = json_object_get_member (json_node_get_object (rules), rule);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  switch (json_node_get_value_type (value))
    {
      case G_TYPE_STRING:
        return json_node_dup_string (value);
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (value) ? "true" : "false");
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      default:
        return NULL;
    }
}

const char *
signet_document_get_kept_path (SignetDocument *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (self), NULL);

  return self->kept_path;
}

/* Sets what the journal's core keeps changing (the rest of a record does
 * not change after it is journalled), notifying each property that
 * changed. */
void
signet_document_update_from_record (SignetDocument *self, SignetDocumentRecord *record)
{
  signet_document_set_signature_request_id (self, record->signature_request_id);
  signet_document_set_document_id (self, record->document_id);
  signet_document_set_round (self, record->round);
  signet_document_set_signing_url (self, record->signing_url);
  signet_document_set_expiration (self, record->expiration);
  signet_document_set_state (self, signet_document_state_from_string (record->state));
  signet_document_set_archive_path (self, record->archive_path);
  signet_document_set_last_error (self, record->last_error);
  signet_document_set_modified (self, record->modified);
  signet_document_set_last_seen (self, record->last_seen);
  /* The status last: who waits for it sees the rest already set. */
  signet_document_set_status (self, signet_document_status_from_string (record->status));
}

/* What the journal changes; each setter notifies only on a real change. */
#define SETTER(kind, Arg, member, PROP)                                                            \
  SIGNET_DEFINE_SETTER (SignetDocument, SIGNET_IS_DOCUMENT, Arg, signet_document_set_##member,     \
                        signet_property_set_##kind, member, properties[PROP])

SETTER (int64, gint64, journal_id, PROP_JOURNAL_ID)
SETTER (string, const char *, signature_request_id, PROP_SIGNATURE_REQUEST_ID)
SETTER (string, const char *, document_id, PROP_DOCUMENT_ID)
SETTER (string, const char *, signing_url, PROP_SIGNING_URL)
SETTER (int64, gint64, expiration, PROP_EXPIRATION)
SETTER (uint, SignetDocumentState, state, PROP_STATE)
SETTER (uint, SignetDocumentStatus, status, PROP_STATUS)
SETTER (uint, guint, round, PROP_ROUND)
SETTER (string, const char *, archive_path, PROP_ARCHIVE_PATH)
SETTER (string, const char *, last_error, PROP_LAST_ERROR)
SETTER (int64, gint64, modified, PROP_MODIFIED)
SETTER (int, int, signature_status, PROP_SIGNATURE_STATUS)
SETTER (int64, gint64, last_seen, PROP_LAST_SEEN)

/* The first round's rules name the signer: `guiSignerName` and `emailTo`
 * (okdokument-api.md §10). The plan keeps rules as an object. */
static void
read_signer (SignetDocument *self)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode   *root, *first, *rules;
  JsonObject *object;
  const char *name = NULL, *email = NULL;

  if (self->signer_read)
    return;
  self->signer_read = TRUE;
  if (self->plan == NULL)
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, self->plan, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser))
      || json_array_get_length (json_node_get_array (root)) == 0
      || !JSON_NODE_HOLDS_OBJECT (first = json_array_get_element (json_node_get_array (root), 0)))
    return;

  rules = json_object_get_member (json_node_get_object (first), "rules");
  if (rules == NULL || !JSON_NODE_HOLDS_OBJECT (rules))
    return;

  object = json_node_get_object (rules);
  if (signet_json_get_string (object, "guiSignerName", FALSE, &name, NULL))
    self->signer_name = g_strdup (name);
  if (signet_json_get_string (object, "emailTo", FALSE, &email, NULL))
    self->signer_email = g_strdup (email);
}

/**
 * signet_document_get_signer_name:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the signer's name the request was sent with (the
 *   first round's `guiSignerName`), if any
 */
const char *
signet_document_get_signer_name (SignetDocument *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (self), NULL);

  read_signer (self);
  return self->signer_name;
}

/**
 * signet_document_get_signer_email:
 * @self: a #SignetDocument
 *
 * Returns: (nullable): the address the invitation went to (the first
 *   round's `emailTo`), if any
 */
const char *
signet_document_get_signer_email (SignetDocument *self)
{
  g_return_val_if_fail (SIGNET_IS_DOCUMENT (self), NULL);

  read_signer (self);
  return self->signer_email;
}
