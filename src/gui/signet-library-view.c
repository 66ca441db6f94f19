/* signet-library-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-environment.h"
#include "signet-error.h"
#include "signet-journal-removed.h"
#include "signet-library-util.h"
#include "signet-library-view-private.h"
#include "signet-library.h"
#include "signet-widget-util.h"

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

G_DEFINE_FINAL_TYPE (SignetLibraryView, signet_library_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SYNC,
  PROP_DELETIONS,
  PROP_CURRENT_ENVIRONMENT,
  PROP_CAN_GO_BACK,
  PROP_PANE_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SignetEnvironment environments[] = {
  SIGNET_ENVIRONMENT_PRODUCTION,
  SIGNET_ENVIRONMENT_TEST,
  SIGNET_ENVIRONMENT_SANDBOX,
  SIGNET_ENVIRONMENT_CUSTOM,
};

/* {{{ Toasts */

void
_signet_library_view_toast (SignetLibraryView *self, const char *title)
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

  if (!signet_library_group_contains (self->group, document)
      || signet_journal_get_removed (document))
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
        case SIGNET_LIBRARY_GROUP_REMOVED:
          title = _ ("Nothing Removed Elsewhere");
          description = _ ("Documents sent elsewhere and since deleted from the server show here");
          break;
        case SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE:
          title = _ ("Nothing Sent Elsewhere");
          description
            = _ ("Documents sent from other desks or the web app on this account show here");
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

/* Counts every document again: after a load, or when documents left the
 * list (what they were counted in is not known from the list any more). */
static void
count_all (SignetLibraryView *self)
{
  GListModel *documents = signet_journal_get_documents (self->journal);
  guint       n = g_list_model_get_n_items (documents);

  memset (self->counts, 0, sizeof self->counts);
  g_hash_table_remove_all (self->counted);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      guint groups = signet_library_groups_of (document);

      signet_library_add_to_counts (self->counts, groups, 1);
      g_hash_table_insert (self->counted, document, GUINT_TO_POINTER (groups + 1));
    }
}

/* Counts what the journal's list added at @position, taking out first what
 * a document put back in its place (the journal's way to say it changed)
 * was counted in. Returns FALSE where that is not known: a recount is due. */
static gboolean
count_changed (SignetLibraryView *self, guint position, guint removed, guint added)
{
  GListModel *documents = signet_journal_get_documents (self->journal);

  if (removed != 0 && removed != added)
    return FALSE;
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (SignetDocument) document = g_list_model_get_item (documents, i);
      guint    groups = signet_library_groups_of (document);
      gpointer before;

      before = g_hash_table_lookup (self->counted, document);
      if (removed != 0 && before == NULL)
        return FALSE;
      if (before != NULL)
        signet_library_add_to_counts (self->counts, GPOINTER_TO_UINT (before) - 1, -1);
      signet_library_add_to_counts (self->counts, groups, 1);
      g_hash_table_insert (self->counted, document, GUINT_TO_POINTER (groups + 1));
    }
  return TRUE;
}

static void
update_counts (SignetLibraryView *self)
{
  if (self->journal == NULL)
    return;
  if (self->recount)
    count_all (self);
  self->recount = FALSE;
  for (guint i = 0; i < SIGNET_LIBRARY_N_GROUPS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->counts[i]);
      /* Translators: a group of the sidebar and how many documents it has */
      g_autofree char *name
        = g_strdup_printf (_ ("%s, %u"), signet_library_group_get_title (i), self->counts[i]);

      gtk_label_set_label (GTK_LABEL (self->count_labels[i]), text);
      /* An account only this desk uses has nothing sent elsewhere: the
       * two groups about other desks show once there is something. */
      if (i == SIGNET_LIBRARY_GROUP_REMOVED || i == SIGNET_LIBRARY_GROUP_SENT_ELSEWHERE)
        gtk_widget_set_visible (self->group_rows[i], self->counts[i] > 0 || self->group == i);
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

/* Changes come in bursts (a tracker round, a load): one count per turn.
 * The filter model follows the journal's list by itself: the journal puts a
 * changed document back in its place, so only that one is filtered again. */
static gboolean
refresh_cb (gpointer user_data)
{
  SignetLibraryView *self = user_data;

  self->refresh_id = 0;
  update_counts (self);
  update_empty (self);
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
  signet_library_view_focus_list (self);
}

static void
search_activate_cb (SignetLibraryView *self)
{
  /* Enter in the search goes to the first result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->single, 0);
      signet_library_view_focus_list (self);
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

/* Folded, the selection's buttons show only their icons (their names stay):
 * with their labels they would keep the window from narrowing to 360
 * pixels. Outside selection mode the bar is hidden, but still measured. */
static const struct
{
  const char *label;
  const char *icon_name;
} selection_buttons[] = {
  { N_ ("Delete From Server"), "user-trash-symbolic" },
  { N_ ("Send Again"), "mail-send-symbolic" },
  { N_ ("Copy To…"), "folder-download-symbolic" },
};

void
_signet_library_view_update_selection_buttons (SignetLibraryView *self)
{
  gboolean icons = self->folded || !self->selecting;

  for (guint i = 0; i < G_N_ELEMENTS (selection_buttons); i++)
    {
      GtkButton *button = GTK_BUTTON (self->selection_buttons[i]);

      if (icons)
        gtk_button_set_icon_name (button, selection_buttons[i].icon_name);
      else
        gtk_button_set_label (button, _ (selection_buttons[i].label));
    }
}

static void
leaflet_changed_cb (SignetLibraryView *self)
{
  gboolean   folded = adw_leaflet_get_folded (self->leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);
  gboolean   could_go_back = self->can_go_back;

  self->can_go_back = folded && (visible == self->list_pane || visible == self->detail_pane);
  if (self->can_go_back != could_go_back)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANE_TITLE]);
  if (self->folded != folded)
    {
      self->folded = folded;
      _signet_library_view_update_selection_buttons (self);
      /* Folded, the detail is not beside the list: a click on a row opens
       * it, as Enter does, and as a click does in the queue. */
      gtk_list_view_set_single_click_activate (self->list_view, folded);
    }

  /* Gone back (the window's Back button, the leaflet's own Alt+Left or
   * swipe): the focus was on the page that went, and follows to the one
   * shown. */
  if (folded)
    {
      GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (visible == self->list_pane && focus != NULL
          && gtk_widget_is_ancestor (focus, self->detail_pane))
        signet_library_view_focus_list (self);
      else if (visible == self->sidebar && focus != NULL
               && gtk_widget_is_ancestor (focus, self->list_pane))
        gtk_widget_child_focus (GTK_WIDGET (self->group_list), GTK_DIR_TAB_FORWARD);
    }
}

/**
 * signet_library_view_go_back:
 * @self: a #SignetLibraryView
 *
 * On a narrow window, where the states, the list and the detail take
 * turns, goes back one step (the window's Back button). If the focus was
 * on none of the view's panes (on that button), it goes to the pane shown.
 */
void
signet_library_view_go_back (SignetLibraryView *self)
{
  GtkRoot   *root;
  GtkWidget *focus;

  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (!adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK))
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  if (adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    signet_library_view_focus_list (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->group_list), GTK_DIR_TAB_FORWARD);
}

/**
 * signet_library_view_get_pane_title:
 * @self: a #SignetLibraryView
 *
 * Returns: (nullable): the name of the document whose detail is shown
 *   alone (folded), for the header bar; else %NULL
 */
const char *
signet_library_view_get_pane_title (SignetLibraryView *self)
{
  SignetDocument *document;

  g_return_val_if_fail (SIGNET_IS_LIBRARY_VIEW (self), NULL);

  if (!adw_leaflet_get_folded (self->leaflet)
      || adw_leaflet_get_visible_child (self->leaflet) != self->detail_pane || self->selecting)
    return NULL;
  document = gtk_single_selection_get_selected_item (self->single);
  return document != NULL ? signet_document_get_filename (document) : NULL;
}

/**
 * signet_library_view_get_can_go_back:
 * @self: a #SignetLibraryView
 *
 * Returns: whether the view is folded and shows the list or the detail, so
 *   that signet_library_view_go_back() has somewhere to go
 */
gboolean
signet_library_view_get_can_go_back (SignetLibraryView *self)
{
  g_return_val_if_fail (SIGNET_IS_LIBRARY_VIEW (self), FALSE);

  return self->can_go_back;
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

void
_signet_library_view_selected_cb (SignetLibraryView *self)
{
  SignetDocument *document;

  if (self->selecting || self->disposed)
    return;
  document = gtk_single_selection_get_selected_item (self->single);
  signet_document_page_set_document (self->document_page, self->journal, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANE_TITLE]);
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

/* Below this width of the window the states, the list and the detail take
 * turns (220 + 320 + 360 pixels and two separators). */
#define PANES_BESIDE_WIDTH 902

/* Whether the panes take turns. The leaflet knows once it is laid out;
 * a view just shown in a narrow window is not yet, and the window's size
 * tells. (Unfolded, the visible child stays the states: the leaflet would
 * take Alt+Left for itself otherwise.) */
static gboolean
folded (SignetLibraryView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int      width = 0;
  int      height = 0;

  if (adw_leaflet_get_folded (self->leaflet))
    return TRUE;
  if (!GTK_IS_WINDOW (root) || gtk_window_is_maximized (GTK_WINDOW (root)))
    return FALSE;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  return width > 0 && width < PANES_BESIDE_WIDTH;
}

/**
 * signet_library_view_focus_list:
 * @self: a #SignetLibraryView
 *
 * Moves the keyboard focus to the list of documents, on the row last
 * focused there, showing the list on a narrow window; to the search entry
 * when the list is empty.
 *
 * Returns: whether the focus moved
 */
gboolean
signet_library_view_focus_list (SignetLibraryView *self)
{
  GtkWidget *list;

  g_return_val_if_fail (SIGNET_IS_LIBRARY_VIEW (self), FALSE);

  list = GTK_WIDGET (self->list_view);
  if (folded (self))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") == 0
      && gtk_widget_grab_focus (list))
    {
      GtkRoot *root = gtk_widget_get_root (list);

      /* A list that never had the focus takes it itself: on to a row. */
      if (root != NULL && gtk_root_get_focus (root) == list)
        gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * signet_library_view_add_panes:
 * @self: a #SignetLibraryView
 * @panes: (element-type GtkWidget): where to add them
 *
 * Adds the view's panes in order, for F6: the states, the list, the
 * detail. Some are not on screen on a narrow window.
 */
void
signet_library_view_add_panes (SignetLibraryView *self, GPtrArray *panes)
{
  g_return_if_fail (SIGNET_IS_LIBRARY_VIEW (self));
  g_return_if_fail (panes != NULL);

  g_ptr_array_add (panes, self->sidebar);
  g_ptr_array_add (panes, self->list_pane);
  g_ptr_array_add (panes, self->detail_pane);
}

/* }}} */
/* {{{ The server's state */

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

  if (!signet_set_followed (&self->tracker, tracker, self))
    return;
  if (tracker != NULL)
    {
      g_signal_connect_swapped (tracker, "notify::problem", G_CALLBACK (problem_changed_cb), self);
      g_signal_connect_swapped (tracker, "notify::online", G_CALLBACK (problem_changed_cb), self);
    }
  problem_changed_cb (self);
  /* The rows learn the current environment through their binding. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ENVIRONMENT]);
}

/* }}} */

/* Each row shows its list item's document and knows the environment
 * Signet sends to now; both through bindings. */
static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SignetLibraryView *self = user_data;
  GtkWidget         *row = signet_document_row_new ();

  gtk_list_item_set_child (item, row);
  g_object_bind_property (item, "item", row, "item", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "current-environment", row, "environment", G_BINDING_SYNC_CREATE);
}

static void
signet_library_view_dispose (GObject *object)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_clear_weak_pointer (&self->presenter);
  if (self->tracker != NULL)
    g_signal_handlers_disconnect_by_data (self->tracker, self);
  g_clear_object (&self->tracker);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  if (self->journal != NULL)
    {
      g_signal_handlers_disconnect_by_data (signet_journal_get_documents (self->journal), self);
      g_signal_handlers_disconnect_by_data (self->journal, self);
    }

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
  g_hash_table_unref (self->counted);

  G_OBJECT_CLASS (signet_library_view_parent_class)->finalize (object);
}

static void
get_current_environment (GObject *object, GValue *value)
{
  SignetLibraryView *self = SIGNET_LIBRARY_VIEW (object);

  g_value_set_string (value, self->tracker != NULL ? signet_tracker_get_environment (self->tracker)
                                                   : NULL);
}

static void
get_can_go_back (GObject *object, GValue *value)
{
  g_value_set_boolean (value, SIGNET_LIBRARY_VIEW (object)->can_go_back);
}

static void
get_pane_title (GObject *object, GValue *value)
{
  g_value_set_string (value, signet_library_view_get_pane_title (SIGNET_LIBRARY_VIEW (object)));
}

static void
signet_library_view_class_init (SignetLibraryViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * SignetLibraryView:sync:
   *
   * The journal shown, with the outbox that sends again and the tracker
   * whose state the bars show.
   */
  properties[PROP_SYNC] = signet_param_spec_settable ("sync", SIGNET_TYPE_SYNC,
                                                      G_STRUCT_OFFSET (SignetLibraryView, sync),
                                                      G_CALLBACK (signet_library_view_set_sync));
  /**
   * SignetLibraryView:deletions:
   *
   * Where deletions and cancellations wait for their Undo.
   */
  properties[PROP_DELETIONS] = signet_param_spec_settable (
    "deletions", SIGNET_TYPE_DELETIONS, G_STRUCT_OFFSET (SignetLibraryView, deletions),
    G_CALLBACK (signet_library_view_set_deletions));
  /**
   * SignetLibraryView:current-environment:
   *
   * The id of the environment Signet sends to and follows now, from the
   * tracker; %NULL without one.
   */
  properties[PROP_CURRENT_ENVIRONMENT] = signet_param_spec_computed (
    g_param_spec_string ("current-environment", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    get_current_environment);
  /**
   * SignetLibraryView:can-go-back:
   *
   * Whether the view is folded and shows the list or the detail: the
   * window then shows a Back button for signet_library_view_go_back().
   */
  properties[PROP_CAN_GO_BACK] = signet_param_spec_computed (
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    get_can_go_back);
  /**
   * SignetLibraryView:pane-title:
   *
   * The name of the document whose detail is shown alone (folded), for the
   * window's header bar; %NULL otherwise.
   */
  properties[PROP_PANE_TITLE] = signet_param_spec_computed (
    g_param_spec_string ("pane-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    get_pane_title);
  signet_object_class_install_fields (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, select_button);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, selection_label);
  gtk_widget_class_bind_template_child_full (
    widget_class, "delete_selected_button", FALSE,
    G_STRUCT_OFFSET (SignetLibraryView, selection_buttons[0]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "send_again_selected_button", FALSE,
    G_STRUCT_OFFSET (SignetLibraryView, selection_buttons[1]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "copy_selected_button", FALSE,
    G_STRUCT_OFFSET (SignetLibraryView, selection_buttons[2]));
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, document_page);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SignetLibraryView, sort_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);

  _signet_library_view_class_actions_init (widget_class);
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
  _signet_library_view_update_selection_buttons (self);

  self->toast_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->counted = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
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
  g_signal_connect_swapped (self->single, "notify::selected-item",
                            G_CALLBACK (_signet_library_view_selected_cb), self);
  g_signal_connect_swapped (self->multi, "selection-changed",
                            G_CALLBACK (_signet_library_view_multi_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
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
  _signet_library_view_multi_changed_cb (self);
  _signet_library_view_selected_cb (self);
  update_empty (self);
}

GtkWidget *
signet_library_view_new (void)
{
  return g_object_new (SIGNET_TYPE_LIBRARY_VIEW, NULL);
}

static void
documents_changed_cb (SignetLibraryView *self, guint position, guint removed, guint added)
{
  if (!self->recount && !count_changed (self, position, removed, added))
    self->recount = TRUE;
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

  /* The journal's list of documents is followed too, and outlives a view. */
  if (self->journal != NULL && self->journal != journal)
    g_signal_handlers_disconnect_by_data (signet_journal_get_documents (self->journal), self);
  if (!signet_set_followed (&self->journal, journal, self))
    return;
  gtk_sort_list_model_set_model (self->sort_model,
                                 journal != NULL ? signet_journal_get_documents (journal) : NULL);
  if (journal != NULL)
    g_signal_connect_swapped (signet_journal_get_documents (journal), "items-changed",
                              G_CALLBACK (documents_changed_cb), self);
  self->recount = TRUE;
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
  g_return_if_fail (sync == NULL || SIGNET_IS_SYNC (sync));

  if (!signet_set_followed (&self->sync, sync, self))
    return;
  signet_document_page_set_sync (self->document_page, sync);
  if (sync != NULL)
    {
      g_signal_connect_swapped (sync, "notify::tracker", G_CALLBACK (tracker_changed_cb), self);
      signet_library_view_set_journal (self, signet_sync_get_journal (sync));
    }
  tracker_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
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
  g_return_if_fail (deletions == NULL || SIGNET_IS_DELETIONS (deletions));

  if (!signet_set_followed (&self->deletions, deletions, self))
    return;
  if (deletions != NULL)
    g_signal_connect_object (deletions, "failed",
                             G_CALLBACK (_signet_library_view_deletion_failed_cb), self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETIONS]);
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
