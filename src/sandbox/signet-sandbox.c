/* signet-sandbox.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox.h"
#include "signet-sandbox-private.h"

/**
 * SignetSandbox:
 *
 * A simulator of the OKdokument service (see docs/sandbox.md): a
 * #SoupServer on loopback that answers the API of the reference, serves the
 * signer's pages and keeps its documents in memory or in a folder.
 */

enum
{
  PROP_0,
  PROP_STYLE,
  PROP_CONTROLS_ENABLED,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (SignetSandboxStyle,
                    signet_sandbox_style,
                    G_DEFINE_ENUM_VALUE (SIGNET_SANDBOX_STYLE_WIKI, "wiki"),
                    G_DEFINE_ENUM_VALUE (SIGNET_SANDBOX_STYLE_CONNECTOR, "connector"))

G_DEFINE_FINAL_TYPE (SignetSandbox, signet_sandbox, G_TYPE_OBJECT)

/* Documents, requests and the clock */

void
sandbox_document_free (SandboxDocument *document)
{
  if (document == NULL)
    return;

  g_clear_handle_id (&document->processing_id, g_source_remove);
  g_free (document->id);
  g_free (document->filename);
  g_free (document->state);
  g_clear_pointer (&document->content, g_bytes_unref);
  g_clear_pointer (&document->fields, g_ptr_array_unref);
  g_clear_pointer (&document->signed_fields, g_ptr_array_unref);
  g_free (document);
}

void
sandbox_request_free (SandboxRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->id);
  g_free (request->document_id);
  g_free (request->send_info_url);
  g_free (request->result_url);
  g_clear_pointer (&request->rules, g_hash_table_unref);
  g_clear_pointer (&request->allowed_signature_fields, g_ptr_array_unref);
  g_clear_pointer (&request->request, json_node_unref);
  g_free (request->outcome);
  g_free (request->open_code);
  g_free (request->sign_code);
  g_free (request->session_token);
  g_free (request);
}

/* The file name without its suffix: `name` of E6, and the name in e-mails. */
char *
sandbox_document_name (SandboxDocument *document)
{
  const char *dot = strrchr (document->filename, '.');

  return dot != NULL ? g_strndup (document->filename, dot - document->filename)
                     : g_strdup (document->filename);
}

const char *
sandbox_request_rule (SandboxRequest *request, const char *name)
{
  const char *value = g_hash_table_lookup (request->rules, name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

gboolean
sandbox_request_rule_bool (SandboxRequest *request, const char *name, gboolean fallback)
{
  const char *value = g_hash_table_lookup (request->rules, name);

  if (value == NULL)
    return fallback;
  if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0"))
    return FALSE;
  return TRUE;
}

void
sandbox_fault_free (SandboxFault *fault)
{
  g_free (fault->prefix);
  g_free (fault->method);
  g_free (fault->body);
  g_free (fault);
}

/**
 * signet_sandbox_now: (skip)
 *
 * The sandbox's clock in milliseconds since the epoch; `/sandbox/clock`
 * moves it forward so that tests need not wait for expiry and retention.
 */
gint64
signet_sandbox_now (SignetSandbox *self)
{
  return g_get_real_time () / 1000 + self->clock_offset;
}

/* A member @name of the object @builder is in. */
void
sandbox_add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The same, null for a NULL @value. */
void
sandbox_add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Ends a worker thread's task with @bytes (taken), or with @error (taken)
 * when @bytes is NULL. */
void
signet_sandbox_task_return_bytes (GTask *task, GBytes *bytes, GError *error)
{
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* The service's own examples give `modification` in Bratislava's local
 * time ("2022-06-21 14:30:44" for 1655814644472). */
char *
signet_sandbox_format_date (gint64 ms)
{
  static GTimeZone *zone = NULL;
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) local = NULL;

  /* Read once: a list of 10,000 documents formats 10,000 dates. */
  if (g_once_init_enter (&zone))
    {
      GTimeZone *found = g_time_zone_new_identifier ("Europe/Bratislava");

      g_once_init_leave (&zone, found != NULL ? found : g_time_zone_new_utc ());
    }
  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

void
signet_sandbox_changed (SignetSandbox *self)
{
  g_autoptr (GError) error = NULL;

  if (self->data_dir == NULL)
    return;

  if (!signet_sandbox_store_save (self, &error))
    g_warning ("Could not save the sandbox's data: %s", error->message);
}

/* Counts one event of @metric in this month for the counter service. */
void
signet_sandbox_count (SignetSandbox *self, const char *metric)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (signet_sandbox_now (self) / 1000);
  g_autofree char *key = g_strdup_printf ("%s\n%d.%d", metric, g_date_time_get_year (now),
                                          g_date_time_get_month (now));
  guint            count = GPOINTER_TO_UINT (g_hash_table_lookup (self->monthly, key));

  g_hash_table_replace (self->monthly, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
}

static char *
random_document_id (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  char              id[40];

  /* Like the reference's example: 39 characters of the URL-safe alphabet. */
  for (guint i = 0; i < 39; i++)
    id[i] = alphabet[g_random_int_range (0, 64)];
  id[39] = '\0';

  return g_strdup (id);
}

SandboxDocument *
signet_sandbox_add_document (SignetSandbox *self,
                             GBytes        *content,
                             const char    *filename,
                             const char    *state,
                             GPtrArray     *fields)
{
  SandboxDocument *document = g_new0 (SandboxDocument, 1);

  document->id = random_document_id ();
  if (filename != NULL && filename[0] != '\0')
    document->filename = g_strdup (filename);
  else
    {
      /* The list's example names an unnamed upload "<uuid>.pdf". */
      g_autofree char *uuid = g_uuid_string_random ();

      document->filename = g_strdup_printf ("%s.pdf", uuid);
    }
  document->state = g_strdup (state);
  document->content = g_bytes_ref (content);
  document->uploaded = document->modified = signet_sandbox_now (self);
  document->fields
    = fields != NULL ? g_ptr_array_ref (fields)
                     : g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);
  document->signed_fields = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (self->documents, document->id, document);
  signet_sandbox_count (self, "files");

  if (g_str_equal (state, "tags") || g_str_equal (state, "tostamp"))
    signet_sandbox_schedule_processing (self, document);

  return document;
}

void
signet_sandbox_remove_document (SignetSandbox *self, const char *id)
{
  GHashTableIter  iter;
  SandboxRequest *request;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    if (g_strcmp0 (request->document_id, id) == 0)
      g_hash_table_iter_remove (&iter);

  g_hash_table_remove (self->documents, id);
}

SandboxRequest *
signet_sandbox_lookup_request (SignetSandbox *self, const char *id)
{
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->requests, id);
}

/* Whether @request's time is up, by the sandbox's clock. */
gboolean
signet_sandbox_request_expired (SignetSandbox *self, SandboxRequest *request)
{
  return signet_sandbox_now (self) >= request->expires;
}

/* The newest request of a document: the round its signer is in. */
SandboxRequest *
signet_sandbox_current_request (SignetSandbox *self, const char *document_id)
{
  GHashTableIter  iter;
  SandboxRequest *request, *newest = NULL;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    if (g_strcmp0 (request->document_id, document_id) == 0
        && (newest == NULL || request->created >= newest->created))
      newest = request;

  return newest;
}

/* Retention (§15): signed documents go 10 days after signing, the others a
 * configurable number of days after upload. */
void
signet_sandbox_expire (SignetSandbox *self)
{
  g_autoptr (GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  gint64           now = signet_sandbox_now (self);
  gint64           unsigned_ms = self->unsigned_retention_days * SANDBOX_DAY_MS;
  GHashTableIter   iter;
  SandboxDocument *document;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    {
      if (g_str_equal (document->state, "signed"))
        {
          if (now - document->signed_at >= SANDBOX_SIGNED_RETENTION_MS)
            g_ptr_array_add (doomed, g_strdup (document->id));
        }
      else if (now - document->uploaded >= unsigned_ms)
        g_ptr_array_add (doomed, g_strdup (document->id));
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      g_debug ("Retention removes a document");
      signet_sandbox_remove_document (self, g_ptr_array_index (doomed, i));
    }

  if (doomed->len > 0)
    signet_sandbox_changed (self);
}

void
signet_sandbox_post_outbox (SignetSandbox *self,
                            const char    *kind,
                            const char    *to,
                            const char    *subject,
                            const char    *text,
                            const char    *code,
                            const char    *request_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sandbox_add_string (builder, "type", kind);
  sandbox_add_string (builder, "from", "okdokument@okdokument.sk");
  sandbox_add_string (builder, "to", to);
  sandbox_add_string (builder, "subject", subject);
  sandbox_add_string (builder, "text", text);
  if (code != NULL)
    sandbox_add_string (builder, "code", code);
  sandbox_add_string (builder, "signatureRequestId", request_id);
  sandbox_add_int (builder, "time", signet_sandbox_now (self));
  json_builder_end_object (builder);

  g_ptr_array_add (self->outbox, json_builder_get_root (builder));
}

/* tags and tostamp processing (§7) */

typedef struct
{
  char      *id;
  char      *state;
  GBytes    *content;
  char      *stamp_text;
  GBytes    *result_content;
  GPtrArray *result_fields;
} ProcessData;

static void
process_data_free (ProcessData *data)
{
  g_free (data->id);
  g_free (data->state);
  g_clear_pointer (&data->content, g_bytes_unref);
  g_free (data->stamp_text);
  g_clear_pointer (&data->result_content, g_bytes_unref);
  g_clear_pointer (&data->result_fields, g_ptr_array_unref);
  g_free (data);
}

static void
process_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ProcessData *data = task_data;
  GError      *error = NULL;

  if (g_str_equal (data->state, "tags"))
    data->result_fields = signet_sandbox_pdf_find_tags (data->content, &error);
  else
    data->result_content = signet_sandbox_pdf_stamp (data->content, data->stamp_text, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
process_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  SignetSandbox *self = SIGNET_SANDBOX (object);
  ProcessData   *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  SandboxDocument *document;

  document = g_hash_table_lookup (self->documents, data->id);
  if (document == NULL || !document->processing)
    return;
  document->processing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The upload was checked to be a readable PDF, so this is unexpected. */
      g_warning ("Could not process a document: %s", error->message);
      return;
    }

  if (data->result_fields != NULL)
    for (guint i = 0; i < data->result_fields->len; i++)
      g_ptr_array_add (document->fields,
                       signet_sandbox_field_copy (g_ptr_array_index (data->result_fields, i)));
  if (data->result_content != NULL)
    {
      g_bytes_unref (document->content);
      document->content = g_bytes_ref (data->result_content);
      document->content_saved = FALSE;
    }

  g_free (document->state);
  document->state = g_strdup ("tosign");
  document->modified = signet_sandbox_now (self);
  signet_sandbox_changed (self);
}

typedef struct
{
  SignetSandbox *self;
  char          *id;
} ProcessTimer;

static void
process_timer_free (ProcessTimer *timer)
{
  g_free (timer->id);
  g_free (timer);
}

static gboolean
process_timer_cb (gpointer user_data)
{
  ProcessTimer  *timer = user_data;
  SignetSandbox *self = timer->self;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GDateTime) now = NULL;
  SandboxDocument *document;
  ProcessData     *data;

  document = g_hash_table_lookup (self->documents, timer->id);
  g_assert (document != NULL);
  document->processing_id = 0;
  document->processing = TRUE;

  now = g_date_time_new_from_unix_utc (signet_sandbox_now (self) / 1000);
  data = g_new0 (ProcessData, 1);
  data->id = g_strdup (document->id);
  data->state = g_strdup (document->state);
  data->content = g_bytes_ref (document->content);
  data->stamp_text = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");

  task = g_task_new (self, self->cancellable, process_done_cb, NULL);
  g_task_set_source_tag (task, process_timer_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) process_data_free);
  g_task_run_in_thread (task, process_thread);

  return G_SOURCE_REMOVE;
}

/* Moves a `tags` or `tostamp` document to `tosign` after the processing
 * delay, as the service does in the background. */
void
signet_sandbox_schedule_processing (SignetSandbox *self, SandboxDocument *document)
{
  ProcessTimer *timer = g_new0 (ProcessTimer, 1);

  timer->self = self;
  timer->id = g_strdup (document->id);
  g_clear_handle_id (&document->processing_id, g_source_remove);
  document->processing_id
    = g_timeout_add_full (G_PRIORITY_DEFAULT, self->processing_delay, process_timer_cb, timer,
                          (GDestroyNotify) process_timer_free);
}

/* GObject */

static void
signet_sandbox_dispose (GObject *object)
{
  SignetSandbox *self = SIGNET_SANDBOX (object);

  g_cancellable_cancel (self->cancellable);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);

  G_OBJECT_CLASS (signet_sandbox_parent_class)->dispose (object);
}

static void
signet_sandbox_finalize (GObject *object)
{
  SignetSandbox *self = SIGNET_SANDBOX (object);

  g_free (self->base_url);
  g_free (self->data_dir);
  g_hash_table_unref (self->api_keys);
  g_hash_table_unref (self->used_request_ids);
  g_hash_table_unref (self->monthly);
  g_hash_table_unref (self->seen);
  g_ptr_array_unref (self->outbox);
  g_ptr_array_unref (self->faults);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (signet_sandbox_parent_class)->finalize (object);
}

static void
signet_sandbox_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetSandbox *self = SIGNET_SANDBOX (object);

  switch (prop_id)
    {
      case PROP_STYLE:
        g_value_set_enum (value, self->style);
        break;
      case PROP_CONTROLS_ENABLED:
        g_value_set_boolean (value, self->controls_enabled);
        break;
      case PROP_BASE_URL:
        g_value_set_string (value, self->base_url);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_sandbox_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SignetSandbox *self = SIGNET_SANDBOX (object);

  switch (prop_id)
    {
      case PROP_STYLE:
        signet_sandbox_set_style (self, g_value_get_enum (value));
        break;
      case PROP_CONTROLS_ENABLED:
        signet_sandbox_set_controls_enabled (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_sandbox_class_init (SignetSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_sandbox_dispose;
  object_class->finalize = signet_sandbox_finalize;
  object_class->get_property = signet_sandbox_get_property;
  object_class->set_property = signet_sandbox_set_property;

  /**
   * SignetSandbox:style:
   *
   * The shape of the JSON answers.
   */
  properties[PROP_STYLE]
    = g_param_spec_enum ("style", NULL, NULL, SIGNET_TYPE_SANDBOX_STYLE, SIGNET_SANDBOX_STYLE_WIKI,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SignetSandbox:controls-enabled:
   *
   * Whether the test controls under `/sandbox/` answer.
   */
  properties[PROP_CONTROLS_ENABLED]
    = g_param_spec_boolean ("controls-enabled", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SignetSandbox:base-url:
   *
   * The URL the sandbox listens on, without a trailing slash, or %NULL
   * before signet_sandbox_listen().
   */
  properties[PROP_BASE_URL]
    = g_param_spec_string ("base-url", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
signet_sandbox_init (SignetSandbox *self)
{
  self->api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->documents
    = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sandbox_document_free);
  self->requests
    = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sandbox_request_free);
  self->used_request_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->monthly = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_fault_free);
  self->cancellable = g_cancellable_new ();
  self->processing_delay = 1000;
  self->initial_quota = self->available = 100;
  self->unsigned_retention_days = 30;
  self->server = soup_server_new ("server-header", "OKdokument-sandbox ", NULL);
  signet_sandbox_add_handlers (self);
  /* The callbacks go to the Portal on this computer: no proxy; no idle
   * timer either (why: signet-client.c). */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 10,
                                                 "idle-timeout", 0, NULL);
}

/**
 * signet_sandbox_new:
 *
 * Creates a sandbox that keeps its documents in memory. Give it keys with
 * signet_sandbox_add_api_key() and start it with signet_sandbox_listen().
 *
 * Returns: (transfer full): a new #SignetSandbox
 */
SignetSandbox *
signet_sandbox_new (void)
{
  return g_object_new (SIGNET_TYPE_SANDBOX, NULL);
}

/**
 * signet_sandbox_add_api_key:
 * @self: a #SignetSandbox
 * @key: an API key to accept in `x-api-key`
 * @read_only: whether the key may only read (other methods get 403)
 *
 * Accepts @key. All keys share one account: the same documents and counter.
 */
void
signet_sandbox_add_api_key (SignetSandbox *self, const char *key, gboolean read_only)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));
  g_return_if_fail (key != NULL && key[0] != '\0');

  g_hash_table_replace (self->api_keys, g_strdup (key), GINT_TO_POINTER (read_only ? 2 : 1));
}

/**
 * signet_sandbox_set_style:
 * @self: a #SignetSandbox
 * @style: the shape of the JSON answers
 *
 * Switches between the wiki's and the connector's response bodies.
 */
void
signet_sandbox_set_style (SignetSandbox *self, SignetSandboxStyle style)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));

  if (self->style == style)
    return;

  self->style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

/**
 * signet_sandbox_get_style:
 * @self: a #SignetSandbox
 *
 * Returns: the shape of the JSON answers
 */
SignetSandboxStyle
signet_sandbox_get_style (SignetSandbox *self)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX (self), SIGNET_SANDBOX_STYLE_WIKI);

  return self->style;
}

/**
 * signet_sandbox_set_controls_enabled:
 * @self: a #SignetSandbox
 * @enabled: whether `/sandbox/` answers
 *
 * Turns the test controls on or off; they are off by default.
 */
void
signet_sandbox_set_controls_enabled (SignetSandbox *self, gboolean enabled)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));

  enabled = !!enabled;
  if (self->controls_enabled == enabled)
    return;

  self->controls_enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLS_ENABLED]);
}

/**
 * signet_sandbox_set_processing_delay:
 * @self: a #SignetSandbox
 * @milliseconds: how long `tags` and `tostamp` documents take
 *
 * Sets how long after upload a `tags` or `tostamp` document is processed
 * and moves to `tosign`. The default is one second.
 */
void
signet_sandbox_set_processing_delay (SignetSandbox *self, guint milliseconds)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));

  self->processing_delay = milliseconds;
}

/**
 * signet_sandbox_set_quota:
 * @self: a #SignetSandbox
 * @available: signature requests left to use
 *
 * Sets how many signature requests can still be created (100 by default);
 * signet_sandbox_reset() comes back to this number.
 */
void
signet_sandbox_set_quota (SignetSandbox *self, guint available)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));

  self->initial_quota = self->available = available;
  signet_sandbox_changed (self);
}

/**
 * signet_sandbox_set_unsigned_retention:
 * @self: a #SignetSandbox
 * @days: days after upload that an unsigned document is kept
 *
 * The reference says both 30 and 60 days (§19.1); the default is 30.
 */
void
signet_sandbox_set_unsigned_retention (SignetSandbox *self, guint days)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));
  g_return_if_fail (days > 0);

  self->unsigned_retention_days = days;
}

/**
 * signet_sandbox_set_data_dir:
 * @self: a #SignetSandbox
 * @path: a folder to keep the documents in
 * @error: return location for an error
 *
 * Loads what an earlier sandbox left in @path, and from now on saves every
 * change there, so that documents survive a restart.
 *
 * Returns: %TRUE if @path could be used
 */
gboolean
signet_sandbox_set_data_dir (SignetSandbox *self, const char *path, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_autoptr (GError) load_error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *moved_to = NULL;

  g_free (self->data_dir);
  self->data_dir = g_strdup (path);
  self->last_port = 0;

  if (signet_sandbox_store_load (self, &load_error))
    return TRUE;

  /* Nothing to read: the folder itself cannot be used. */
  state = g_build_filename (path, "sandbox.json", NULL);
  if (!g_file_test (state, G_FILE_TEST_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }

  /* A damaged store never stops a start, and is not lost either. */
  if (!signet_sandbox_store_move_aside (self, &moved_to, error))
    return FALSE;
  g_warning ("The sandbox's data in %s could not be read (%s). It was moved to %s, and the "
             "sandbox starts empty.",
             path, load_error->message, moved_to);
  self->last_port = 0;
  signet_sandbox_reset (self);
  return TRUE;
}

/**
 * signet_sandbox_listen:
 * @self: a #SignetSandbox
 * @port: the port on 127.0.0.1, or 0 to pick a free one
 * @error: return location for an error
 *
 * Starts serving on the loopback interface only, from the thread-default
 * main context. With a data folder and @port 0, the port of the last run is
 * taken again when it is free, so that the links given out then still
 * work; when it is not, another is picked and a message says so.
 *
 * Returns: %TRUE if the sandbox listens
 */
gboolean
signet_sandbox_listen (SignetSandbox *self, guint port, GError **error)
{
  g_autoslist (GUri) uris = NULL;
  gboolean listening = FALSE;

  g_return_val_if_fail (SIGNET_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  /* The links a client keeps hold the port: take the last one again. */
  if (port == 0 && self->last_port != 0)
    {
      g_autoptr (GError) taken = NULL;

      listening = soup_server_listen_local (self->server, self->last_port,
                                            SOUP_SERVER_LISTEN_IPV4_ONLY, &taken);
      if (!listening)
        g_message ("Port %u, where the sandbox listened before, cannot be used (%s); it takes "
                   "another, and signing links made before lead nowhere",
                   self->last_port, taken->message);
    }

  if (!listening)
    if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
      return FALSE;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  if (self->port != self->last_port)
    {
      self->last_port = self->port;
      signet_sandbox_changed (self);
    }

  return TRUE;
}

/**
 * signet_sandbox_get_base_url:
 * @self: a #SignetSandbox
 *
 * Returns: (nullable): the URL to give a client, such as
 *   `http://127.0.0.1:41234`, or %NULL before signet_sandbox_listen()
 */
const char *
signet_sandbox_get_base_url (SignetSandbox *self)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX (self), NULL);

  return self->base_url;
}

/**
 * signet_sandbox_get_uris:
 * @self: a #SignetSandbox
 *
 * Returns: (transfer full) (element-type GUri): every address the sandbox
 *   listens on; free with g_slist_free_full() and g_uri_unref()
 */
GSList *
signet_sandbox_get_uris (SignetSandbox *self)
{
  g_return_val_if_fail (SIGNET_IS_SANDBOX (self), NULL);

  return soup_server_get_uris (self->server);
}

/**
 * signet_sandbox_reset:
 * @self: a #SignetSandbox
 *
 * Forgets every document, request, e-mail and fault, sets the counter back
 * to the quota it started with and the clock to the real time.
 */
void
signet_sandbox_reset (SignetSandbox *self)
{
  g_return_if_fail (SIGNET_IS_SANDBOX (self));

  g_hash_table_remove_all (self->requests);
  g_hash_table_remove_all (self->documents);
  g_hash_table_remove_all (self->used_request_ids);
  g_hash_table_remove_all (self->monthly);
  g_hash_table_remove_all (self->seen);
  g_ptr_array_set_size (self->outbox, 0);
  g_ptr_array_set_size (self->faults, 0);
  self->available = self->initial_quota;
  self->used = self->downloaded = self->deleted = 0;
  self->clock_offset = 0;
  signet_sandbox_changed (self);
}
