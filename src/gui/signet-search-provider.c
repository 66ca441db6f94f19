/* signet-search-provider.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-search-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-journal-removed.h"
#include "signet-library-util.h"
#include "signet-library.h"
#include "signet-search-provider.h"

/**
 * SignetSearchProvider:
 *
 * Finds sent documents from GNOME Shell's search
 * (`org.gnome.Shell.SearchProvider2`, and the `.ini` in data/ that tells
 * the Shell where to ask): by file name, signer's name or e-mail address,
 * with the same matching as the library's search (every word, case and
 * accents folded). A result shows the file name and the state; activating
 * it opens the document's detail page (`app.show-document`).
 *
 * Results are journal ids as text. The journal's model is in memory, so
 * a search costs no disk or network; the Shell's calls are answered at
 * once.
 */

/* The Shell shows a handful; more would only cost the D-Bus message. */
#define MAX_RESULTS 20

struct _SignetSearchProvider
{
  GObject parent_instance;

  GApplication    *application; /* not owned: it owns this */
  SignetJournal   *journal;
  GDBusConnection *connection;
  guint            registration_id;
};

G_DEFINE_FINAL_TYPE (SignetSearchProvider, signet_search_provider, G_TYPE_OBJECT)

static const char introspection_xml[]
  = "<node>"
    "  <interface name='org.gnome.Shell.SearchProvider2'>"
    "    <method name='GetInitialResultSet'>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='as' name='results' direction='out'/>"
    "    </method>"
    "    <method name='GetSubsearchResultSet'>"
    "      <arg type='as' name='previous_results' direction='in'/>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='as' name='results' direction='out'/>"
    "    </method>"
    "    <method name='GetResultMetas'>"
    "      <arg type='as' name='identifiers' direction='in'/>"
    "      <arg type='aa{sv}' name='metas' direction='out'/>"
    "    </method>"
    "    <method name='ActivateResult'>"
    "      <arg type='s' name='identifier' direction='in'/>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='u' name='timestamp' direction='in'/>"
    "    </method>"
    "    <method name='LaunchSearch'>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='u' name='timestamp' direction='in'/>"
    "    </method>"
    "  </interface>"
    "</node>";

static SignetDocument *
find_document (SignetSearchProvider *self, const char *identifier)
{
  GListModel *documents;
  gint64      id;
  char       *end;
  guint       n;

  if (self->journal == NULL)
    return NULL;
  id = g_ascii_strtoll (identifier, &end, 10);
  if (*identifier == '\0' || *end != '\0')
    return NULL;
  documents = signet_journal_get_documents (self->journal);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      if (signet_document_get_journal_id (document) == id)
        return g_steal_pointer (&document);
    }
  return NULL;
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  gint64 ma = signet_document_get_modified (*(SignetDocument **) a);
  gint64 mb = signet_document_get_modified (*(SignetDocument **) b);

  return ma < mb ? 1 : ma > mb ? -1 : 0;
}

/**
 * signet_search_provider_search:
 * @self: a #SignetSearchProvider
 * @terms: (array zero-terminated=1): the words typed in the Shell
 *
 * Returns: (transfer container) (element-type SignetDocument): the
 *   documents that match every word, the newest first, at most 20
 */
GPtrArray *
signet_search_provider_search (SignetSearchProvider *self, const char *const *terms)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *joined = g_strjoinv (" ", (char **) terms);
  g_autofree char *query = signet_library_fold (joined);
  GListModel      *documents;
  guint            n;

  g_return_val_if_fail (SIGNET_IS_SEARCH_PROVIDER (self), NULL);

  if (self->journal == NULL || g_strstrip (query)[0] == '\0')
    return g_steal_pointer (&found);
  documents = signet_journal_get_documents (self->journal);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);

      /* What was removed from the list is not found from the shell either. */
      if (!signet_journal_get_removed (document) && signet_library_matches (document, query))
        g_ptr_array_add (found, g_steal_pointer (&document));
    }
  g_ptr_array_sort (found, newest_first);
  if (found->len > MAX_RESULTS)
    g_ptr_array_set_size (found, MAX_RESULTS);
  return g_steal_pointer (&found);
}

static GVariant *
result_set (SignetSearchProvider *self, const char *const *terms)
{
  g_autoptr (GPtrArray) found = signet_search_provider_search (self, terms);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("(as)"));
  g_variant_builder_open (&builder, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *id
        = g_strdup_printf ("%" G_GINT64_FORMAT, signet_document_get_journal_id (found->pdata[i]));

      g_variant_builder_add (&builder, "s", id);
    }
  g_variant_builder_close (&builder);
  return g_variant_builder_end (&builder);
}

static GVariant *
result_metas (SignetSearchProvider *self, const char *const *identifiers)
{
  g_autoptr (GIcon) icon = g_themed_icon_new ("application-pdf");
  g_autofree char *icon_text = g_icon_to_string (icon);
  GVariantBuilder  builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("(aa{sv})"));
  g_variant_builder_open (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      g_autoptr (SignetDocument) document = find_document (self, identifiers[i]);
      const char      *signer;
      g_autofree char *description = NULL;

      if (document == NULL)
        continue;
      signer = signet_document_get_signer_name (document);
      if (signer == NULL || *signer == '\0')
        signer = signet_document_get_signer_email (document);
      description
        = signer != NULL && *signer != '\0'
            /* Translators: a document's state, then who signs it */
            ? g_strdup_printf (_ ("%s · %s"), signet_document_get_badge (document), signer)
            : g_strdup (signet_document_get_badge (document));
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (identifiers[i]));
      g_variant_builder_add (&builder, "{sv}", "name",
                             g_variant_new_string (signet_document_get_filename (document)));
      g_variant_builder_add (&builder, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&builder, "{sv}", "gicon", g_variant_new_string (icon_text));
      g_variant_builder_close (&builder);
    }
  g_variant_builder_close (&builder);
  return g_variant_builder_end (&builder);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  SignetSearchProvider   *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **identifiers = NULL;
  const char             *identifier;
  GVariant               *reply = NULL;

  /* A Signet started only to answer the Shell stays for a while after. */
  g_application_hold (self->application);
  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      reply = result_set (self, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* Searched again: the journal is in memory, and cheaper than the
       * bookkeeping of the previous results would be. */
      g_variant_get (parameters, "(^a&s^a&s)", &identifiers, &terms);
      reply = result_set (self, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_variant_get (parameters, "(^a&s)", &identifiers);
      reply = result_metas (self, identifiers);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_autoptr (SignetDocument) document = NULL;

      g_variant_get (parameters, "(&s^a&su)", &identifier, &terms, NULL);
      document = find_document (self, identifier);
      if (document != NULL)
        g_action_group_activate_action (
          G_ACTION_GROUP (self->application), "show-document",
          g_variant_new_int64 (signet_document_get_journal_id (document)));
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    g_application_activate (self->application);
  g_dbus_method_invocation_return_value (invocation, reply);
  g_application_release (self->application);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

/**
 * signet_search_provider_register:
 * @self: a #SignetSearchProvider
 * @connection: the application's connection
 * @object_path: where the Shell looks for it (the `.ini`'s ObjectPath)
 * @error: return location for a #GError
 *
 * Returns: whether it is on the bus
 */
gboolean
signet_search_provider_register (SignetSearchProvider *self,
                                 GDBusConnection      *connection,
                                 const char           *object_path,
                                 GError              **error)
{
  g_autoptr (GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (SIGNET_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (info == NULL)
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (
    connection, object_path, info->interfaces[0], &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

/**
 * signet_search_provider_unregister:
 * @self: a #SignetSearchProvider
 */
void
signet_search_provider_unregister (SignetSearchProvider *self)
{
  g_return_if_fail (SIGNET_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

/**
 * signet_search_provider_set_journal:
 * @self: a #SignetSearchProvider
 * @journal: (nullable): the journal to search
 */
void
signet_search_provider_set_journal (SignetSearchProvider *self, SignetJournal *journal)
{
  g_return_if_fail (SIGNET_IS_SEARCH_PROVIDER (self));

  g_set_object (&self->journal, journal);
}

static void
signet_search_provider_dispose (GObject *object)
{
  SignetSearchProvider *self = SIGNET_SEARCH_PROVIDER (object);

  signet_search_provider_unregister (self);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (signet_search_provider_parent_class)->dispose (object);
}

static void
signet_search_provider_class_init (SignetSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = signet_search_provider_dispose;
}

static void
signet_search_provider_init (SignetSearchProvider *self)
{
}

/**
 * signet_search_provider_new:
 * @application: the application whose documents are searched
 *
 * Returns: (transfer full): a new #SignetSearchProvider
 */
SignetSearchProvider *
signet_search_provider_new (GApplication *application)
{
  SignetSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_new (SIGNET_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
