/* signet-counter.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-client"

#include "config.h"

#include "signet-counter.h"
#include "signet-json-private.h"
#include "signet-property-util.h"

#include <string.h>

/**
 * SignetCounter:
 *
 * The account's usage counters (E13). A count the service did not send is
 * -1.
 */
struct _SignetCounter
{
  GObject parent_instance;

  char   *account;
  gint64  available;
  gint64  used;
  gint64  stored;
  gint64  downloaded;
  gint64  deleted;
  GArray *history; /* of SignetCounterMonth, oldest first */
};

G_DEFINE_FINAL_TYPE (SignetCounter, signet_counter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACCOUNT,
  PROP_AVAILABLE,
  PROP_USED,
  PROP_STORED,
  PROP_DOWNLOADED,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* `actual` holds "<account>.<metric>"; the history objects hold
 * "<year>.<month>.<account>" (§6 E13). */
static const struct
{
  const char *metric;
  gsize       offset;
} actual_metrics[] = {
  { ".availableSignatureRequests", G_STRUCT_OFFSET (SignetCounter, available) },
  { ".usedSignatureRequests", G_STRUCT_OFFSET (SignetCounter, used) },
  { ".storedFiles", G_STRUCT_OFFSET (SignetCounter, stored) },
  { ".downloaded", G_STRUCT_OFFSET (SignetCounter, downloaded) },
  { ".deleted.f", G_STRUCT_OFFSET (SignetCounter, deleted) },
};

static const struct
{
  const char *member;
  gsize       offset;
} history_metrics[] = {
  { "signatureRequests", G_STRUCT_OFFSET (SignetCounterMonth, signature_requests) },
  { "files", G_STRUCT_OFFSET (SignetCounterMonth, files) },
  { "downloaded", G_STRUCT_OFFSET (SignetCounterMonth, downloaded) },
  { "deleted.f", G_STRUCT_OFFSET (SignetCounterMonth, deleted) },
};

static void
signet_counter_finalize (GObject *object)
{
  SignetCounter *self = SIGNET_COUNTER (object);

  g_free (self->account);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (signet_counter_parent_class)->finalize (object);
}

static const SignetField counter_fields[N_PROPS] = {
  [PROP_ACCOUNT] = SIGNET_FIELD (SignetCounter, account),
  [PROP_AVAILABLE] = SIGNET_FIELD (SignetCounter, available),
  [PROP_USED] = SIGNET_FIELD (SignetCounter, used),
  [PROP_STORED] = SIGNET_FIELD (SignetCounter, stored),
  [PROP_DOWNLOADED] = SIGNET_FIELD (SignetCounter, downloaded),
  [PROP_DELETED] = SIGNET_FIELD (SignetCounter, deleted),
};

static GParamSpec *
count_param (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, -1, G_MAXINT64, -1,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
signet_counter_class_init (SignetCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_counter_finalize;
  object_class->get_property = signet_property_get_field;

  /**
   * SignetCounter:account:
   *
   * The account name the service prefixes its counters with, if any.
   */
  properties[PROP_ACCOUNT]
    = g_param_spec_string ("account", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetCounter:available:
   *
   * Signature requests that can still be created.
   */
  properties[PROP_AVAILABLE] = count_param ("available");
  /**
   * SignetCounter:used:
   *
   * Signature requests created so far.
   */
  properties[PROP_USED] = count_param ("used");
  /**
   * SignetCounter:stored:
   *
   * Documents stored so far.
   */
  properties[PROP_STORED] = count_param ("stored");
  /**
   * SignetCounter:downloaded:
   *
   * Documents downloaded so far.
   */
  properties[PROP_DOWNLOADED] = count_param ("downloaded");
  /**
   * SignetCounter:deleted:
   *
   * Documents deleted so far.
   */
  properties[PROP_DELETED] = count_param ("deleted");

  signet_property_install (object_class, N_PROPS, properties, counter_fields);
}

static void
signet_counter_init (SignetCounter *self)
{
  self->available = self->used = self->stored = self->downloaded = self->deleted = -1;
  self->history = g_array_new (FALSE, FALSE, sizeof (SignetCounterMonth));
}

static SignetCounterMonth *
find_month (SignetCounter *self, int year, int month)
{
  SignetCounterMonth new_month = { year, month, -1, -1, -1, -1 };
  guint              i;

  for (i = 0; i < self->history->len; i++)
    {
      SignetCounterMonth *m = &g_array_index (self->history, SignetCounterMonth, i);

      if (m->year == year && m->month == month)
        return m;
      if (m->year > year || (m->year == year && m->month > month))
        break;
    }
  g_array_insert_val (self->history, i, new_month);
  return &g_array_index (self->history, SignetCounterMonth, i);
}

static gboolean
parse_month_key (const char *key, int *year, int *month)
{
  g_auto (GStrv) parts = g_strsplit (key, ".", 3);
  guint64 y, m;

  if (g_strv_length (parts) < 2 || !g_ascii_string_to_unsigned (parts[0], 10, 1970, 9999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL))
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

static gboolean
read_actual (SignetCounter *self, JsonObject *actual, GError **error)
{
  JsonObjectIter iter;
  const char    *key;
  JsonNode      *node;

  json_object_iter_init (&iter, actual);
  while (json_object_iter_next (&iter, &key, &node))
    {
      for (guint i = 0; i < G_N_ELEMENTS (actual_metrics); i++)
        {
          gint64 *field = G_STRUCT_MEMBER_P (self, actual_metrics[i].offset);

          if (!g_str_has_suffix (key, actual_metrics[i].metric))
            continue;
          if (!signet_parse_count (node, field))
            {
              signet_set_unexpected_response (error, "counter “%s” is not a count", key);
              return FALSE;
            }
          if (self->account == NULL)
            self->account = g_strndup (key, strlen (key) - strlen (actual_metrics[i].metric));
          break;
        }
    }
  return TRUE;
}

static gboolean
read_history (SignetCounter *self, JsonObject *history, gsize offset, GError **error)
{
  JsonObjectIter iter;
  const char    *key;
  JsonNode      *node;

  json_object_iter_init (&iter, history);
  while (json_object_iter_next (&iter, &key, &node))
    {
      SignetCounterMonth *month;
      int                 y, m;

      if (!parse_month_key (key, &y, &m))
        {
          g_debug ("Ignoring the counter history key “%s”", key);
          continue;
        }
      month = find_month (self, y, m);
      if (!signet_parse_count (node, G_STRUCT_MEMBER_P (month, offset)))
        {
          signet_set_unexpected_response (error, "history “%s” is not a count", key);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * signet_counter_new_from_json: (skip)
 *
 * Reads the counter answer; unknown members are ignored, known ones are
 * type-checked (numbers and strings of digits both count).
 */
SignetCounter *
signet_counter_new_from_json (JsonObject *object, GError **error)
{
  g_autoptr (SignetCounter) self = g_object_new (SIGNET_TYPE_COUNTER, NULL);
  JsonObject *actual;

  if (!signet_json_get_object (object, "actual", TRUE, &actual, error)
      || !read_actual (self, actual, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (history_metrics); i++)
    {
      JsonObject *history;

      if (!signet_json_get_object (object, history_metrics[i].member, FALSE, &history, error))
        return NULL;
      if (history != NULL && !read_history (self, history, history_metrics[i].offset, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetCounter, SIGNET_IS_COUNTER, Ret, signet_counter_get_##member,        \
                        member, fallback)

/**
 * signet_counter_get_account:
 * @self: a #SignetCounter
 *
 * Returns: (nullable): the account name in the counters' keys
 */
GETTER (const char *, account, NULL)

/**
 * signet_counter_get_available:
 * @self: a #SignetCounter
 *
 * Returns: the signature requests left, or -1 if unknown
 */
GETTER (gint64, available, -1)

/**
 * signet_counter_get_used:
 * @self: a #SignetCounter
 *
 * Returns: the signature requests used, or -1 if unknown
 */
GETTER (gint64, used, -1)

/**
 * signet_counter_get_stored:
 * @self: a #SignetCounter
 *
 * Returns: the documents stored, or -1 if unknown
 */
GETTER (gint64, stored, -1)

/**
 * signet_counter_get_downloaded:
 * @self: a #SignetCounter
 *
 * Returns: the documents downloaded, or -1 if unknown
 */
GETTER (gint64, downloaded, -1)

/**
 * signet_counter_get_deleted:
 * @self: a #SignetCounter
 *
 * Returns: the documents deleted, or -1 if unknown
 */
GETTER (gint64, deleted, -1)

/**
 * signet_counter_get_history:
 * @self: a #SignetCounter
 * @n_months: (out): the number of months
 *
 * Returns: (array length=n_months): the months, oldest first
 */
const SignetCounterMonth *
signet_counter_get_history (SignetCounter *self, guint *n_months)
{
  g_return_val_if_fail (SIGNET_IS_COUNTER (self), NULL);
  g_return_val_if_fail (n_months != NULL, NULL);

  *n_months = self->history->len;
  return (const SignetCounterMonth *) (gpointer) self->history->data;
}
