/* signet-document-info.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-document-info.h"
#include "signet-enums.h"
#include "signet-json-private.h"
#include "signet-property-util.h"

#include <string.h>

/**
 * SignetDocumentInfo:
 *
 * What the service knows about one stored document: an item of the
 * document list (E9) or the answer of document info (E10).
 */
struct _SignetDocumentInfo
{
  GObject parent_instance;

  char               *id;
  char               *filename;
  SignetDocumentState state;
  char               *state_name;
  char               *url;
  char               *group;
  GDateTime          *created;
  GDateTime          *modified;
};

G_DEFINE_FINAL_TYPE (SignetDocumentInfo, signet_document_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_FILENAME,
  PROP_STATE,
  PROP_STATE_NAME,
  PROP_URL,
  PROP_GROUP,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * signet_document_state_to_string:
 * @state: a #SignetDocumentState
 *
 * Returns: the API's name of @state, or %NULL for
 *   %SIGNET_DOCUMENT_STATE_UNKNOWN
 */
const char *
signet_document_state_to_string (SignetDocumentState state)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (SIGNET_TYPE_DOCUMENT_STATE);
  GEnumValue *value;

  if (state == SIGNET_DOCUMENT_STATE_UNKNOWN)
    return NULL;
  value = g_enum_get_value (klass, state);
  return value != NULL ? value->value_nick : NULL;
}

/**
 * signet_document_state_from_string:
 * @name: (nullable): a state as the API spells it
 *
 * Returns: the state, or %SIGNET_DOCUMENT_STATE_UNKNOWN for a name we
 *   have not seen
 */
SignetDocumentState
signet_document_state_from_string (const char *name)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *value;

  if (name == NULL || g_str_equal (name, "unknown"))
    return SIGNET_DOCUMENT_STATE_UNKNOWN;
  /* The connector's v1.0 name for `tags` (§7). */
  if (g_str_equal (name, "preprocessing_tags"))
    return SIGNET_DOCUMENT_STATE_TAGS;

  klass = g_type_class_ref (SIGNET_TYPE_DOCUMENT_STATE);
  value = g_enum_get_value_by_nick (klass, name);
  return value != NULL ? value->value : SIGNET_DOCUMENT_STATE_UNKNOWN;
}

static void
signet_document_info_finalize (GObject *object)
{
  SignetDocumentInfo *self = SIGNET_DOCUMENT_INFO (object);

  g_free (self->id);
  g_free (self->filename);
  g_free (self->state_name);
  g_free (self->url);
  g_free (self->group);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (signet_document_info_parent_class)->finalize (object);
}

static const SignetField info_fields[N_PROPS] = {
  [PROP_ID] = SIGNET_FIELD (SignetDocumentInfo, id),
  [PROP_FILENAME] = SIGNET_FIELD (SignetDocumentInfo, filename),
  [PROP_STATE] = SIGNET_FIELD (SignetDocumentInfo, state),
  [PROP_STATE_NAME] = SIGNET_FIELD (SignetDocumentInfo, state_name),
  [PROP_URL] = SIGNET_FIELD (SignetDocumentInfo, url),
  [PROP_GROUP] = SIGNET_FIELD (SignetDocumentInfo, group),
  [PROP_CREATED] = SIGNET_FIELD (SignetDocumentInfo, created),
  [PROP_MODIFIED] = SIGNET_FIELD (SignetDocumentInfo, modified),
};

static void
signet_document_info_class_init (SignetDocumentInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = signet_document_info_finalize;
  object_class->get_property = signet_property_get_field;

  /**
   * SignetDocumentInfo:id:
   *
   * The document id the service gave the document.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * SignetDocumentInfo:filename:
   *
   * The document's name, or %NULL when the service has none.
   */
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL, flags);
  /**
   * SignetDocumentInfo:state:
   *
   * The document's state; %SIGNET_DOCUMENT_STATE_UNKNOWN for a state name
   * this version does not know (see #SignetDocumentInfo:state-name).
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, SIGNET_TYPE_DOCUMENT_STATE,
                                              SIGNET_DOCUMENT_STATE_UNKNOWN, flags);
  /**
   * SignetDocumentInfo:state-name:
   *
   * The state exactly as the service spelled it.
   */
  properties[PROP_STATE_NAME] = g_param_spec_string ("state-name", NULL, NULL, NULL, flags);
  /**
   * SignetDocumentInfo:url:
   *
   * The download link the service lists for the document, if any.
   */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  /**
   * SignetDocumentInfo:group:
   *
   * The undocumented `group` member of list items, if any.
   */
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, flags);
  /**
   * SignetDocumentInfo:created:
   *
   * When the document was stored (from `date`, else `number`), or %NULL.
   */
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * SignetDocumentInfo:modified:
   *
   * When the document last changed (from `modification`), or %NULL.
   */
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);

  signet_property_install (object_class, N_PROPS, properties, info_fields);
}

static void
signet_document_info_init (SignetDocumentInfo *self)
{
}

/* The service writes `modification` as local time without a zone. The
 * reference's E10 example pairs "2022-06-21 14:30:44" with the epoch
 * 1655814644472 (12:30:44 UTC), so the zone is the service's own,
 * Europe/Bratislava (UTC+2 in summer). */
static GTimeZone *
service_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Europe/Bratislava");

      g_once_init_leave (&zone, tz != NULL ? tz : g_time_zone_new_utc ());
    }
  return zone;
}

/**
 * signet_parse_date: (skip)
 *
 * Reads every documented spelling of a time: epoch milliseconds as a number
 * or a string of digits, "YYYY-MM-DD HH:mm:ss" in the service's zone, and
 * ISO 8601 for good measure. Returns %FALSE when @node is none of these.
 */
gboolean
signet_parse_date (JsonNode *node, GDateTime **date)
{
  gint64 ms;

  *date = NULL;
  if (signet_parse_count (node, &ms))
    {
      *date = g_date_time_new_from_unix_utc (ms / 1000);
      if (*date != NULL)
        {
          GDateTime *precise = g_date_time_add (*date, (ms % 1000) * G_TIME_SPAN_MILLISECOND);

          g_date_time_unref (*date);
          *date = precise;
        }
      return *date != NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *iso = g_strdup (json_node_get_string (node));

      /* "2022-06-01 14:11:40" is ISO 8601 with a space for the T. */
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      *date = g_date_time_new_from_iso8601 (iso, service_time_zone ());
      return *date != NULL;
    }

  return FALSE;
}

static gboolean
get_date (JsonObject *object, const char *member, GDateTime **date, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *date = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!signet_parse_date (node, date))
    {
      signet_set_unexpected_response (error, "member “%s” is not a date", member);
      return FALSE;
    }
  return TRUE;
}

/**
 * signet_document_info_new_from_json: (skip)
 *
 * Builds the info from one list item or document info answer; every
 * member is type-checked and only `id` is required.
 */
SignetDocumentInfo *
signet_document_info_new_from_json (JsonObject *object, GError **error)
{
  g_autoptr (SignetDocumentInfo) self = g_object_new (SIGNET_TYPE_DOCUMENT_INFO, NULL);
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) number = NULL;
  const char *id, *filename, *state, *url, *group;

  if (!signet_json_get_string (object, "id", TRUE, &id, error)
      || !signet_json_get_string (object, "filename", FALSE, &filename, error)
      || !signet_json_get_string (object, "state", FALSE, &state, error)
      || !signet_json_get_string (object, "url", FALSE, &url, error)
      || !signet_json_get_string (object, "group", FALSE, &group, error)
      || !get_date (object, "date", &date, error) || !get_date (object, "number", &number, error)
      || !get_date (object, "modification", &self->modified, error))
    return NULL;

  if (*id == '\0')
    {
      signet_set_unexpected_response (error, "empty document id");
      return NULL;
    }

  self->id = g_strdup (id);
  self->filename = g_strdup (filename);
  self->state_name = g_strdup (state);
  self->state = signet_document_state_from_string (state);
  if (state != NULL && self->state == SIGNET_DOCUMENT_STATE_UNKNOWN)
    g_debug ("Document %s is in an unknown state “%s”", id, state);
  self->url = g_strdup (url);
  self->group = g_strdup (group);
  self->created = date != NULL ? g_steal_pointer (&date) : g_steal_pointer (&number);

  return g_steal_pointer (&self);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetDocumentInfo, SIGNET_IS_DOCUMENT_INFO, Ret,                          \
                        signet_document_info_get_##member, member, fallback)

/**
 * signet_document_info_get_id:
 * @self: a #SignetDocumentInfo
 *
 * Returns: the document id
 */
GETTER (const char *, id, NULL)

/**
 * signet_document_info_get_filename:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): the document's name
 */
GETTER (const char *, filename, NULL)

/**
 * signet_document_info_get_state:
 * @self: a #SignetDocumentInfo
 *
 * Returns: the document's state
 */
GETTER (SignetDocumentState, state, SIGNET_DOCUMENT_STATE_UNKNOWN)

/**
 * signet_document_info_get_state_name:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): the state as the service spelled it
 */
GETTER (const char *, state_name, NULL)

/**
 * signet_document_info_get_url:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): the download link the service lists
 */
GETTER (const char *, url, NULL)

/**
 * signet_document_info_get_group:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): the `group` member
 */
GETTER (const char *, group, NULL)

/**
 * signet_document_info_get_created:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): when the document was stored
 */
GETTER (GDateTime *, created, NULL)

/**
 * signet_document_info_get_modified:
 * @self: a #SignetDocumentInfo
 *
 * Returns: (nullable): when the document last changed
 */
GETTER (GDateTime *, modified, NULL)
