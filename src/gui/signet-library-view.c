/* signet-library-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-document-page.h"
#include "signet-document-row.h"
#include "signet-environment.h"
#include "signet-error.h"
#include "signet-library-view.h"
#include "signet-library.h"

/**
 * SignetLibraryView:
 *
 * The library: every journalled request, grouped by state in a sidebar
 * with counts, a searchable list, and the detail page of the chosen one.
 * Three panes in an #AdwLeaflet that fold into one on a narrow window.
 *
 * The list is a #GtkListView over the journal's model through a sort and
 * a filter model, so only the rows on screen exist. Deletions and
 * cancellations go through #SignetDeletions: the toast's Undo forgets
 * them, and they are sent when the toast is gone.
 */
struct _SignetLibraryView
{
  AdwBin parent_instance;

  SignetJournal   *journal;
  SignetSync      *sync;
  SignetTracker   *tracker;
  SignetDeletions *deletions;

  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *single;
  GtkMultiSelection  *multi;
  gboolean            selecting;

  SignetLibraryGroup    group;
  char                 *query; /* folded */
  char                 *environment;
  gint64                since; /* Unix ms, 0 for any time */
  guint                 refresh_id;
  GArray               *toast_ids; /* deletion ids whose toast is on screen */
  GHashTable           *rows;      /* SignetDocumentRow made by the factory */
  GtkWidget            *group_rows[SIGNET_LIBRARY_N_GROUPS];
  GtkWidget            *count_labels[SIGNET_LIBRARY_N_GROUPS];
  gboolean              disposed;
  GtkFileChooserNative *chooser;
  GPtrArray            *chooser_documents;

  GtkInfoBar         *offline_bar;
  GtkInfoBar         *account_bar;
  GtkLabel           *account_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkListBox         *group_list;
  GtkWidget          *list_pane;
  GtkWidget          *list_back_button;
  GtkSearchEntry     *search_entry;
  GtkWidget          *select_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkActionBar       *selection_bar;
  GtkLabel           *selection_label;
  GtkWidget          *detail_pane;
  GtkWidget          *detail_back_button;
  SignetDocumentPage *document_page;
  GtkDropDown        *date_dropdown;
  GtkDropDown        *environment_dropdown;
  GtkDropDown        *sort_dropdown;
};

G_DEFINE_FINAL_TYPE (SignetLibraryView, signet_library_view, ADW_TYPE_BIN)

static const SignetEnvironment environments[] = {
  SIGNET_ENVIRONMENT_PRODUCTION,
  SIGNET_ENVIRONMENT_TEST,
  SIGNET_ENVIRONMENT_SANDBOX,
  SIGNET_ENVIRONMENT_CUSTOM,
};

/* {{{ Toasts */

static void
toast (SignetLibraryView *self, const char *title)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (title, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

/* }}} */
/* {{{ Filtering, sorting and counting */

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  SignetLibraryView *self = user_data;
  SignetDocument    *document = item;

  if (!signet_library_group_contains (self->group, document))
    return FALSE;
  if (self->since > 0 && signet_document_get_created (document) < self->since)
    return FALSE;
  if (self->environment != NULL
      && g_strcmp0 (signet_document_get_environment (document), self->environment) != 0)
    return FALSE;
  return signet_library_matches (document, self->query);
}

static int
sort_func (gconstpointer a, gconstpointer b, gpointer user_data)
{
  SignetLibraryView *self = user_data;
  SignetDocument    *x = (SignetDocument *) a, *y = (SignetDocument *) b;
  gint64             cx = signet_document_get_created (x), cy = signet_document_get_created (y);
  int                by_date = cx < cy ? -1 : cx > cy;

  switch (gtk_drop_down_get_selected (self->sort_dropdown))
    {
      case 1:
        return by_date;
      case 2:
        {
          int by_name
            = g_utf8_collate (signet_document_get_filename (x), signet_document_get_filename (y));
          return by_name != 0 ? by_name : -by_date;
        }
      default:
        return -by_date;
    }
}

static void
update_empty (SignetLibraryView *self)
{
  gboolean    empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;
  const char *title, *description, *icon = "x-office-document-symbolic";

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
  if (!empty)
    return;

  if ((self->query != NULL && self->query[0] != '\0') || self->since > 0
      || self->environment != NULL)
    {
      icon = "edit-find-symbolic";
      title = _ ("No Results Found");
      description = _ ("Try a different search, or clear the filters");
    }
  else
    switch (self->group)
      {
        case SIGNET_LIBRARY_GROUP_WAITING:
          title = _ ("Nothing Waiting");
          description = _ ("Requests waiting for a signature show here");
          break;
        case SIGNET_LIBRARY_GROUP_PREPARING:
          title = _ ("Nothing Being Prepared");
          description = _ ("Requests still being sent or prepared by OKdokument show here");
          break;
        case SIGNET_LIBRARY_GROUP_SIGNED:
          title = _ ("Nothing Signed Yet");
          description = _ ("Signed documents show here, with their copy in your archive folder");
          icon = "emblem-ok-symbolic";
          break;
        case SIGNET_LIBRARY_GROUP_CANCELLED:
          title = _ ("Nothing Cancelled");
          description = _ ("Requests the signer or you cancelled show here");
          break;
        case SIGNET_LIBRARY_GROUP_FAILED:
          title = _ ("Nothing Failed");
          description = _ ("Requests OKdokument refused or no longer has show here");
          break;
        case SIGNET_LIBRARY_GROUP_EXPIRED:
          title = _ ("Nothing Expired");
          description = _ ("Requests nobody signed in time show here");
          break;
        case SIGNET_LIBRARY_GROUP_ALL:
        default:
          title = _ ("No Documents Yet");
          description = _ ("Documents you send for signature show here");
          break;
      }
  adw_status_page_set_icon_name (self->empty_page, icon);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

static void
update_counts (SignetLibraryView *self)
{
  guint counts[SIGNET_LIBRARY_N_GROUPS];

  if (self->journal == NULL)
    return;
  signet_library_count (signet_journal_get_documents (self->journal), counts);
  for (guint i = 0; i < SIGNET_LIBRARY_N_GROUPS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[i]);
      /* Translators: a group of the sidebar and how many documents it has */
      g_autofree char *name
        = g_strdup_printf (_ ("%s, %u"), signet_library_group_get_title (i), counts[i]);

      gtk_label_set_label (GTK_LABEL (self->count_labels[i]), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->group_rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
refilter (SignetLibraryView *self)
{
  /* The sidebar selects its first row while it is built, and its last
   * while it goes. */
  if (self->filter == NULL || self->disposed)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

/* Changes come in bursts (a tracker round, a load): one refresh per turn. */
static gboolean
refresh_cb (gpointer user_data)
{
  SignetLibraryView *self = user_data;

  self->refresh_id = 0;
  update_counts (self);
  refilter (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (SignetLibraryView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static void
search_changed_cb (SignetLibraryView *self)
{
  if (self->disposed)
    return;
  g_free (self->query);
  self->query = signet_library_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
stop_search_cb (SignetLibraryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_activate_cb (SignetLibraryView *self)
{
  /* Enter in the search goes to the first result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->single, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
filter_changed_cb (SignetLibraryView *self)
{
  guint      date = gtk_drop_down_get_selected (self->date_dropdown);
  guint      environment = gtk_drop_down_get_selected (self->environment_dropdown);
  GDateTime *now = g_date_time_new_now_local ();
  GDateTime *start = NULL;

  switch (date)
    {
      case 1:
        start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now), 0, 0, 0);
        break;
      case 2:
        start = g_date_time_add_days (now, -7);
        break;
      case 3:
        start = g_date_time_add_days (now, -30);
        break;
      case 4:
        start = g_date_time_add_months (now, -12);
        break;
      default:
        break;
    }
  self->since = start != NULL ? g_date_time_to_unix (start) * 1000 : 0;
  g_clear_pointer (&start, g_date_time_unref);
  g_date_time_unref (now);

  g_clear_pointer (&self->environment, g_free);
  if (environment > 0 && environment <= G_N_ELEMENTS (environments))
    self->environment = g_strdup (signet_environment_get_id (environments[environment - 1]));

  refilter (self);
}

static void
sort_changed_cb (SignetLibraryView *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* }}} */
/* {{{ Navigation */

static void
leaflet_changed_cb (SignetLibraryView *self)
{
  gboolean   folded = adw_leaflet_get_folded (self->leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);

  gtk_widget_set_visible (self->list_back_button, folded && visible == self->list_pane);
  gtk_widget_set_visible (self->detail_back_button, folded && visible == self->detail_pane);
}

static void
back_clicked_cb (SignetLibraryView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
group_selected_cb (SignetLibraryView *self, GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  self->group = (SignetLibraryGroup) gtk_list_box_row_get_index (row);
  refilter (self);
}

static void
group_activated_cb (SignetLibraryView *self, GtkListBoxRow *row)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
selected_cb (SignetLibraryView *self)
{
  SignetDocument *document;

  if (self->selecting || self->disposed)
    return;
  document = gtk_single_selection_get_selected_item (self->single);
  signet_document_page_set_document (self->document_page, self->journal, document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete", document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.cancel-request", document != NULL);
}

static void
list_activate_cb (SignetLibraryView *self, guint position)
{
  if (self->selecting)
    return;
  gtk_single_selection_set_selected (self->single, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  signet_document_page_focus_open (self->document_page);
}

/**
 * signet_library_view_show_document:
 * @self: a #SignetLibraryView
 * @journal_id: the journal id of a document
 *
 * Shows a document's page, in the "All" group, with no search or filter.
 */
void
signet_library_view_show_document (SignetLibraryView *self, gint64 journal_id)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  gtk_drop_down_set_selected (self->environment_dropdown, 0);
  gtk_list_box_select_row (self->group_list,
                           GTK_LIST_BOX_ROW (self->group_rows[SIGNET_LIBRARY_GROUP_ALL]));
  refilter (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)); i++)
    {
      g_autoptr (SignetDocument) document
        = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (signet_document_get_journal_id (document) == journal_id)
        {
          list_activate_cb (self, i);
          return;
        }
    }
}

/* }}} */
/* {{{ Actions on the shown document */

static SignetDocument *
shown (SignetLibraryView *self)
{
  return signet_document_page_get_document (self->document_page);
}

static void
launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_debug ("Could not open it: %s", error->message);
      toast (self, _ ("No app is set up to open PDF documents"));
    }
}

static void
launch_path (SignetLibraryView *self, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  g_debug ("Opening %s", uri);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launched_cb, g_object_ref (self));
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autofree char   *path = NULL;

  if (shown (self) == NULL)
    return;
  path = signet_document_dup_local_path (shown (self));
  if (path == NULL)
    {
      toast (self, _ ("The file is no longer on this computer"));
      return;
    }
  launch_path (self, path);
}

static void
shown_in_files_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || shown (self) == NULL)
    return;
  /* No file manager answers: open the folder instead. */
  g_debug ("ShowItems failed: %s", error->message);
  path = signet_document_dup_local_path (shown (self));
  if (path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      launch_path (self, folder);
    }
}

static void
show_in_files_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GDBusConnection   *bus = g_application_get_dbus_connection (g_application_get_default ());
  g_autofree char   *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;
  const char      *uris[2] = { NULL, NULL };

  if (shown (self) == NULL || (path = signet_document_dup_local_path (shown (self))) == NULL)
    return;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  uris[0] = uri;
  if (bus == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      launch_path (self, folder);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000,
                          NULL, shown_in_files_cb, g_object_ref (self));
}

static void
copied_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error))
    toast (self, error->message);
}

static void
copy_into (SignetLibraryView *self, SignetDocument *document, GFile *destination)
{
  g_autofree char *path = signet_document_dup_local_path (document);
  g_autoptr (GFile) source = NULL;

  if (path == NULL)
    return;
  source = g_file_new_for_path (path);
  g_file_copy_async (source, destination, G_FILE_COPY_NONE, G_PRIORITY_DEFAULT, NULL, NULL, NULL,
                     copied_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, SignetLibraryView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        copy_into (self, g_ptr_array_index (self->chooser_documents, 0), chosen);
      else
        for (guint i = 0; i < self->chooser_documents->len; i++)
          {
            SignetDocument  *document = g_ptr_array_index (self->chooser_documents, i);
            g_autofree char *path = signet_document_dup_local_path (document);
            g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;
            g_autoptr (GFile) destination = name != NULL ? g_file_get_child (chosen, name) : NULL;

            if (destination != NULL)
              copy_into (self, document, destination);
          }
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->chooser_documents, g_ptr_array_unref);
}

static void
choose (SignetLibraryView *self, GtkFileChooserAction action, GPtrArray *documents)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->chooser != NULL || documents->len == 0)
    {
      g_ptr_array_unref (documents);
      return;
    }
  self->chooser_documents = documents;
  self->chooser = gtk_file_chooser_native_new (
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? C_ ("dialog title", "Save Document As")
                                           : C_ ("dialog title", "Copy Documents To"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? _ ("_Save") : _ ("_Copy"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *path = signet_document_dup_local_path (g_ptr_array_index (documents, 0));
      g_autofree char *name = g_path_get_basename (path);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GPtrArray         *documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char   *path = NULL;

  if (shown (self) != NULL && (path = signet_document_dup_local_path (shown (self))) != NULL)
    g_ptr_array_add (documents, g_object_ref (shown (self)));
  choose (self, GTK_FILE_CHOOSER_ACTION_SAVE, documents);
}

static void
copy_link_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  const char *url = shown (self) != NULL ? signet_document_get_signing_url (shown (self)) : NULL;

  if (url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
  toast (self, _ ("Link copied"));
}

static void
sent_again_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetLibraryView) self = user_data;
  g_autoptr (SignetDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = signet_sync_send_finish (SIGNET_SYNC (source), result, &error);
  if (document == NULL)
    toast (self, error->message);
}

static gboolean
can_send_again (SignetDocument *document)
{
  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_CANCELED:
      case SIGNET_DOCUMENT_STATUS_EXPIRED:
      case SIGNET_DOCUMENT_STATUS_FAILED:
      case SIGNET_DOCUMENT_STATUS_VANISHED:
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
send_again (SignetLibraryView *self, SignetDocument *document)
{
  g_autoptr (GPtrArray) rounds = NULL;
  g_autoptr (GError) error = NULL;

  if (self->sync == NULL || !can_send_again (document))
    return FALSE;
  rounds = signet_library_rebuild_rounds (document, &error);
  if (rounds == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }
  signet_sync_send_async (self->sync, (SignetSignatureRequest **) rounds->pdata, rounds->len, NULL,
                          sent_again_cb, g_object_ref (self));
  return TRUE;
}

static void
send_again_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (shown (self) != NULL && send_again (self, shown (self)))
    {
      /* Translators: %s is a file name */
      g_autofree char *title
        = g_strdup_printf (_ ("“%s” is sent again"), signet_document_get_filename (shown (self)));

      toast (self, title);
    }
}

static void
next_round_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->tracker == NULL)
    return;
  signet_tracker_poll_now (self->tracker);
  toast (self, _ ("Asking OKdokument whether this round is signed"));
}

/* }}} */
/* {{{ Deletions with Undo */

typedef struct
{
  SignetLibraryView *self;
  GArray            *ids;
  gboolean           undone;
} PendingToast;

static void
pending_toast_free (gpointer data)
{
  PendingToast *pending = data;

  g_object_unref (pending->self);
  g_array_unref (pending->ids);
  g_free (pending);
}

static void
forget_toast_ids (SignetLibraryView *self, GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < self->toast_ids->len; j++)
      if (g_array_index (self->toast_ids, guint, j) == g_array_index (ids, guint, i))
        {
          g_array_remove_index_fast (self->toast_ids, j);
          break;
        }
}

static void
undo_cb (AdwToast *toast_, PendingToast *pending)
{
  pending->undone = TRUE;
  for (guint i = 0; i < pending->ids->len; i++)
    signet_deletions_undo (pending->self->deletions, g_array_index (pending->ids, guint, i));
  forget_toast_ids (pending->self, pending->ids);
  g_debug ("Undone: %u deletions", pending->ids->len);
}

/* The toast is gone: what it offered to undo is sent now. */
static void
dismissed_cb (AdwToast *toast_, PendingToast *pending)
{
  if (pending->undone || pending->self->deletions == NULL)
    return;
  for (guint i = 0; i < pending->ids->len; i++)
    signet_deletions_commit (pending->self->deletions, g_array_index (pending->ids, guint, i));
  forget_toast_ids (pending->self, pending->ids);
}

static void
delete_documents (SignetLibraryView *self, GPtrArray *documents, SignetDeletionKind kind)
{
  GtkWidget       *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  PendingToast    *pending;
  g_autofree char *title = NULL;
  AdwToast        *undo_toast;

  if (self->deletions == NULL || documents->len == 0)
    return;

  pending = g_new0 (PendingToast, 1);
  pending->self = g_object_ref (self);
  pending->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < documents->len; i++)
    {
      guint id = signet_deletions_add (self->deletions, g_ptr_array_index (documents, i), kind);

      g_array_append_val (pending->ids, id);
      g_array_append_val (self->toast_ids, id);
    }

  if (documents->len == 1)
    {
      g_autofree char *name = g_markup_escape_text (
        signet_document_get_filename (g_ptr_array_index (documents, 0)), -1);

      title = kind == SIGNET_DELETION_DOCUMENT
                /* Translators: %s is a file name */
                ? g_strdup_printf (_ ("“%s” is deleted from the server"), name)
                /* Translators: %s is a file name */
                : g_strdup_printf (_ ("The request for “%s” is cancelled"), name);
    }
  else
    title = g_strdup_printf (ngettext ("%u document is deleted from the server",
                                       "%u documents are deleted from the server", documents->len),
                             documents->len);

  undo_toast = adw_toast_new (title);
  adw_toast_set_button_label (undo_toast, _ ("Undo"));
  adw_toast_set_priority (undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (undo_toast, "button-clicked", G_CALLBACK (undo_cb), pending);
  g_signal_connect_data (undo_toast, "dismissed", G_CALLBACK (dismissed_cb), pending,
                         (GClosureNotify) (void (*) (void)) pending_toast_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), undo_toast);
  else
    {
      /* No overlay to offer Undo in: send at once. */
      dismissed_cb (undo_toast, pending);
      g_object_ref_sink (undo_toast);
      g_object_unref (undo_toast);
    }
}

static void
delete_one (SignetLibraryView *self, SignetDeletionKind kind)
{
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  SignetDocument *document = shown (self);

  if (document == NULL || signet_deletions_is_pending (self->deletions, document))
    return;
  if (kind == SIGNET_DELETION_DOCUMENT && signet_document_get_document_id (document) == NULL)
    return;
  if (kind == SIGNET_DELETION_REQUEST
      && signet_document_status_is_final (signet_document_get_status (document)))
    return;
  g_ptr_array_add (documents, g_object_ref (document));
  delete_documents (self, documents, kind);
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  delete_one (SIGNET_LIBRARY_VIEW (widget), SIGNET_DELETION_DOCUMENT);
}

static void
cancel_request_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  delete_one (SIGNET_LIBRARY_VIEW (widget), SIGNET_DELETION_REQUEST);
}

static void
deletion_done_cb (SignetDeletions   *deletions,
                  SignetDocument    *document,
                  GError            *error,
                  SignetLibraryView *self)
{
  if (error != NULL)
    {
      /* Translators: %s is a file name, then why */
      g_autofree char *title = g_strdup_printf (
        _ ("“%s” was not deleted: %s"), signet_document_get_filename (document), error->message);

      toast (self, title);
    }
}

/* }}} */
/* {{{ Selection mode */

static GPtrArray *
selected_documents (SignetLibraryView *self)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->multi));
  GtkBitsetIter iter;
  guint         position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (documents, g_list_model_get_item (G_LIST_MODEL (self->multi), position));
  return documents;
}

static void
multi_changed_cb (SignetLibraryView *self)
{
  g_autoptr (GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->multi));
  guint            n = (guint) gtk_bitset_get_size (set);
  g_autofree char *text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);

  gtk_label_set_label (self->selection_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.send-again-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.save-selected", n > 0);
}

static void
set_selecting (SignetLibraryView *self, gboolean selecting)
{
  if (self->selecting == selecting)
    return;
  self->selecting = selecting;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->multi));
  gtk_list_view_set_model (self->list_view, selecting ? GTK_SELECTION_MODEL (self->multi)
                                                      : GTK_SELECTION_MODEL (self->single));
  gtk_action_bar_set_revealed (self->selection_bar, selecting);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->select_button), selecting);
  multi_changed_cb (self);
  if (!selecting)
    selected_cb (self);
}

static void
select_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  set_selecting (self, !self->selecting);
}

static void
select_all_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  set_selecting (self, TRUE);
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->multi));
}

static void
escape_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->selecting)
    set_selecting (self, FALSE);
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
delete_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autoptr (GPtrArray) selected = selected_documents (self);
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < selected->len; i++)
    {
      SignetDocument *document = g_ptr_array_index (selected, i);

      if (signet_document_get_document_id (document) != NULL
          && !signet_deletions_is_pending (self->deletions, document))
        g_ptr_array_add (documents, g_object_ref (document));
    }
  delete_documents (self, documents, SIGNET_DELETION_DOCUMENT);
  set_selecting (self, FALSE);
}

static void
send_again_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  g_autoptr (GPtrArray) selected = selected_documents (self);
  guint n = 0;

  for (guint i = 0; i < selected->len; i++)
    if (send_again (self, g_ptr_array_index (selected, i)))
      n++;
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (
        ngettext ("%u document is sent again", "%u documents are sent again", n), n);
      toast (self, title);
    }
  else
    toast (self, _ ("Only cancelled, expired or failed documents can be sent again"));
  set_selecting (self, FALSE);
}

static void
save_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);
  GPtrArray         *documents = selected_documents (self);

  choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, documents);
  set_selecting (self, FALSE);
}

/* }}} */
/* {{{ Search and the server's state */

static void
search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->selecting)
    set_selecting (self, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* What is typed next replaces the last search. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (widget);

  if (self->tracker != NULL)
    signet_tracker_poll_now (self->tracker);
}

static void
problem_changed_cb (SignetLibraryView *self)
{
  const GError *problem = self->tracker != NULL ? signet_tracker_get_problem (self->tracker) : NULL;
  gboolean      offline = self->tracker != NULL && !signet_tracker_get_online (self->tracker);
  gboolean      account = FALSE;

  if (problem != NULL && problem->domain == SIGNET_ERROR)
    switch (problem->code)
      {
        case SIGNET_ERROR_NOT_AUTHORIZED:
        case SIGNET_ERROR_FORBIDDEN:
        case SIGNET_ERROR_QUOTA_EXHAUSTED:
          account = TRUE;
          break;
        case SIGNET_ERROR_NETWORK_UNREACHABLE:
        case SIGNET_ERROR_TIMED_OUT:
        case SIGNET_ERROR_SERVER_ERROR:
        case SIGNET_ERROR_TLS_FAILURE:
          offline = TRUE;
          break;
        default:
          break;
      }
  gtk_widget_set_visible (GTK_WIDGET (self->offline_bar), offline);
  gtk_widget_set_visible (GTK_WIDGET (self->account_bar), account);
  if (account)
    gtk_label_set_label (self->account_label, problem->message);
}

static void
tracker_changed_cb (SignetLibraryView *self)
{
  SignetTracker *tracker = self->sync != NULL ? signet_sync_get_tracker (self->sync) : NULL;

  if (tracker == self->tracker)
    return;
  if (self->tracker != NULL)
    g_signal_handlers_disconnect_by_data (self->tracker, self);
  g_set_object (&self->tracker, tracker);
  if (tracker != NULL)
    {
      g_signal_connect_swapped (tracker, "notify::problem", G_CALLBACK (problem_changed_cb), self);
      g_signal_connect_swapped (tracker, "notify::online", G_CALLBACK (problem_changed_cb), self);
    }
  problem_changed_cb (self);
  /* The rows on screen learn the current environment. */
  {
    GHashTableIter iter;
    gpointer       row;

    g_hash_table_iter_init (&iter, self->rows);
    while (g_hash_table_iter_next (&iter, &row, NULL))
      signet_document_row_set_environment (
        row, tracker != NULL ? signet_tracker_get_environment (tracker) : NULL);
  }
}

/* }}} */

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SignetLibraryView *self = user_data;
  GtkWidget         *row = signet_document_row_new ();

  g_hash_table_add (self->rows, row);
  gtk_list_item_set_child (item, row);
}

static void
teardown_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SignetLibraryView *self = user_data;

  g_hash_table_remove (self->rows, gtk_list_item_get_child (item));
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SignetLibraryView *self = user_data;
  SignetDocumentRow *row = SIGNET_DOCUMENT_ROW (gtk_list_item_get_child (item));

  signet_document_row_set_environment (
    row, self->tracker != NULL ? signet_tracker_get_environment (self->tracker) : NULL);
  signet_document_row_set_document (row, gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  signet_document_row_set_document (SIGNET_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
signet_library_view_dispose (GObject *object)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (object);

  self->disposed = TRUE;
  /* Toasts that go with the window are not an Undo any more. */
  if (self->deletions != NULL)
    {
      for (guint i = 0; i < self->toast_ids->len; i++)
        signet_deletions_commit (self->deletions, g_array_index (self->toast_ids, guint, i));
      g_array_set_size (self->toast_ids, 0);
      g_signal_handlers_disconnect_by_data (self->deletions, self);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->chooser_documents, g_ptr_array_unref);
  if (self->tracker != NULL)
    g_signal_handlers_disconnect_by_data (self->tracker, self);
  g_clear_object (&self->tracker);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_LIBRARY_VIEW);

  g_clear_object (&self->single);
  g_clear_object (&self->multi);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->journal);
  g_clear_object (&self->deletions);

  G_OBJECT_CLASS (signet_library_view_parent_class)->dispose (object);
}

static void
signet_library_view_finalize (GObject *object)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (object);

  g_free (self->query);
  g_free (self->environment);
  g_array_unref (self->toast_ids);
  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (signet_library_view_parent_class)->finalize (object);
}

static void
signet_library_view_class_init (SignetLibraryViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_library_view_dispose;
  object_class->finalize = signet_library_view_finalize;

  g_type_ensure (SIGNET_TYPE_DOCUMENT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, account_bar);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, account_label);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, group_list);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_back_button);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, select_button);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, detail_back_button);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, document_page);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, sort_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);

  gtk_widget_class_install_action (widget_class, "library.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "library.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "library.select", NULL, select_activated);
  gtk_widget_class_install_action (widget_class, "library.select-all", NULL, select_all_activated);
  gtk_widget_class_install_action (widget_class, "library.escape", NULL, escape_activated);
  gtk_widget_class_install_action (widget_class, "library.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "library.show-in-files", NULL,
                                   show_in_files_activated);
  gtk_widget_class_install_action (widget_class, "library.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "library.copy-link", NULL, copy_link_activated);
  gtk_widget_class_install_action (widget_class, "library.send-again", NULL, send_again_activated);
  gtk_widget_class_install_action (widget_class, "library.next-round", NULL, next_round_activated);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "library.cancel-request", NULL,
                                   cancel_request_activated);
  gtk_widget_class_install_action (widget_class, "library.delete-selected", NULL,
                                   delete_selected_activated);
  gtk_widget_class_install_action (widget_class, "library.send-again-selected", NULL,
                                   send_again_selected_activated);
  gtk_widget_class_install_action (widget_class, "library.save-selected", NULL,
                                   save_selected_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "library.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "library.copy-link", NULL);
}

static GtkWidget *
group_row_new (SignetLibraryView *self, SignetLibraryGroup group)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (signet_library_group_get_title (group));
  GtkWidget *count = gtk_label_new ("0");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "library-count");
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  self->count_labels[group] = count;
  self->group_rows[group] = row;
  return row;
}

static void
signet_library_view_init (SignetLibraryView *self)
{
  g_autoptr (GtkStringList) environment_names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->toast_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rows = g_hash_table_new (NULL, NULL);
  self->group = SIGNET_LIBRARY_GROUP_ALL;

  for (guint i = 0; i < SIGNET_LIBRARY_N_GROUPS; i++)
    gtk_list_box_append (self->group_list, group_row_new (self, i));

  gtk_string_list_append (environment_names, _ ("All Environments"));
  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    gtk_string_list_append (environment_names,
                            signet_environment_get_display_name (environments[i]));
  gtk_drop_down_set_model (self->environment_dropdown, G_LIST_MODEL (environment_names));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (self->sorter));
  self->filter_model
    = gtk_filter_list_model_new (G_LIST_MODEL (self->sort_model), GTK_FILTER (self->filter));
  self->single = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_single_selection_set_autoselect (self->single, FALSE);
  gtk_single_selection_set_can_unselect (self->single, TRUE);
  self->multi = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  g_signal_connect_swapped (self->single, "notify::selected-item", G_CALLBACK (selected_cb), self);
  g_signal_connect_swapped (self->multi, "selection-changed", G_CALLBACK (multi_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->single));

  /* Ctrl+F and refreshing work from anywhere in the window; typing in
   * the list searches. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_named_action_new ("library.search")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (
      gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_r, GDK_CONTROL_MASK),
                                   gtk_keyval_trigger_new (GDK_KEY_F5, 0)),
      gtk_named_action_new ("library.refresh")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  gtk_list_box_select_row (self->group_list,
                           GTK_LIST_BOX_ROW (self->group_rows[SIGNET_LIBRARY_GROUP_ALL]));
  multi_changed_cb (self);
  selected_cb (self);
  update_empty (self);
}

GtkWidget *
signet_library_view_new (void)
{
  return g_object_new (SIGNET_TYPE_LIBRARY_VIEW, NULL);
}

static void
document_changed_cb (SignetLibraryView *self)
{
  schedule_refresh (self);
}

/**
 * signet_library_view_set_journal:
 * @self: a #SignetLibraryView
 * @journal: (nullable): the journal whose documents to show
 */
void
signet_library_view_set_journal (SignetLibraryView *self, SignetJournal *journal)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  if (self->journal == journal)
    return;
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_set_object (&self->journal, journal);
  gtk_sort_list_model_set_model (self->sort_model,
                                 journal != NULL ? signet_journal_get_documents (journal) : NULL);
  if (journal != NULL)
    {
      g_signal_connect_swapped (journal, "document-changed", G_CALLBACK (document_changed_cb),
                                self);
      g_signal_connect_swapped (signet_journal_get_documents (journal), "items-changed",
                                G_CALLBACK (document_changed_cb), self);
    }
  update_counts (self);
  update_empty (self);
}

/**
 * signet_library_view_set_sync:
 * @self: a #SignetLibraryView
 * @sync: (nullable): the app's #SignetSync, for sending again and the
 *   tracker's state
 */
void
signet_library_view_set_sync (SignetLibraryView *self, SignetSync *sync)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    {
      g_signal_connect_swapped (sync, "notify::tracker", G_CALLBACK (tracker_changed_cb), self);
      signet_library_view_set_journal (self, signet_sync_get_journal (sync));
    }
  tracker_changed_cb (self);
}

/**
 * signet_library_view_set_deletions:
 * @self: a #SignetLibraryView
 * @deletions: (nullable): the app's #SignetDeletions
 */
void
signet_library_view_set_deletions (SignetLibraryView *self, SignetDeletions *deletions)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  if (self->deletions != NULL)
    g_signal_handlers_disconnect_by_data (self->deletions, self);
  g_set_object (&self->deletions, deletions);
  if (deletions != NULL)
    g_signal_connect (deletions, "done", G_CALLBACK (deletion_done_cb), self);
}

/**
 * signet_library_view_set_search:
 * @self: a #SignetLibraryView
 * @text: what to search for
 *
 * Searches as if @text were typed; the filter runs before this returns.
 */
void
signet_library_view_set_search (SignetLibraryView *self, const char *text)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* GtkSearchEntry waits before it says the search changed. */
  search_changed_cb (self);
}

/**
 * signet_library_view_get_n_shown:
 * @self: a #SignetLibraryView
 *
 * Returns: how many documents the list shows
 */
guint
signet_library_view_get_n_shown (SignetLibraryView *self)
{
  g_return_val_if_fail (SIGNET_IS_LIBRARY_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}
