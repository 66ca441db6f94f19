/* signet-window.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-check-dialog.h"
#include "signet-intake-row.h"
#include "signet-onboarding.h"
#include "signet-window-private.h"
#include "signet-widget-util.h"

G_DEFINE_FINAL_TYPE (SignetWindow, signet_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT,
  PROP_SYNC,
  PROP_DELETIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_header (SignetWindow *self);

static void
show_documents (SignetWindow *self)
{
  if (self->onboarding == NULL)
    return;

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->documents);
  g_clear_object (&self->documents);
  self->onboarding = NULL;
  _signet_window_focus_main_page (self);
}

/* The onboarding takes the window's place until an account works. */
void
_signet_window_show_onboarding (SignetWindow *self, gboolean can_cancel)
{
  if (self->onboarding != NULL)
    return;

  self->documents
    = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  self->onboarding = signet_onboarding_new (self->account, can_cancel);
  signet_onboarding_set_settings (SIGNET_ONBOARDING (self->onboarding), self->settings);
  g_signal_connect_object (self->onboarding, "finished", G_CALLBACK (show_documents), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->onboarding, "cancelled", G_CALLBACK (show_documents), self,
                           G_CONNECT_SWAPPED);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->onboarding);
}

static void
account_changed_cb (SignetWindow *self)
{
  if (signet_account_get_environment (self->account) == SIGNET_ENVIRONMENT_NONE)
    _signet_window_show_onboarding (self, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_notice),
                          !signet_account_get_keyring_usable (self->account));
}

void
_signet_window_toast (SignetWindow *self, const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Shows the selected file: its preview, why it cannot be sent, or that it
 * is still being checked. */
static void
show_item (SignetWindow *self)
{
  SignetIntakeItem *item = self->shown_item;
  SignetInspection *inspection;
  g_autofree char  *title = NULL;
  g_autofree char  *description = NULL;
  gboolean          checking;

  if (self->request_editor != NULL)
    signet_request_editor_set_item (self->request_editor, item);
  checking = item != NULL && signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_CHECKING;
  gtk_spinner_set_spinning (self->checking_spinner, checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.remove-selected", item != NULL);

  if (item == NULL)
    {
      signet_pdf_view_set_document (self->pdf_view, NULL);
      return;
    }

  inspection = signet_intake_item_get_inspection (item);
  switch (signet_intake_item_get_state (item))
    {
      case SIGNET_INTAKE_STATE_CHECKING:
        gtk_stack_set_visible_child_name (self->content_stack, "checking");
        break;

      case SIGNET_INTAKE_STATE_FAILED:
        /* Translators: the title over the reason why a file cannot be sent; %s is its name */
        title = g_strdup_printf (_ ("“%s” Cannot Be Sent"), signet_intake_item_get_name (item));
        adw_status_page_set_title (self->failed_page, title);
        /* The description is markup; the message is text. */
        description = g_markup_escape_text (signet_intake_item_get_summary (item), -1);
        adw_status_page_set_description (self->failed_page, description);
        gtk_stack_set_visible_child_name (self->content_stack, "failed");
        break;

      case SIGNET_INTAKE_STATE_READY:
        if (signet_inspection_get_kind (inspection) == SIGNET_DOCUMENT_KIND_PDF)
          {
            signet_pdf_view_set_document (self->pdf_view, inspection);
            gtk_stack_set_visible_child_name (self->content_stack, "preview");
          }
        else
          {
            adw_status_page_set_title (self->converted_page, signet_intake_item_get_name (item));
            description = g_markup_escape_text (signet_intake_item_get_note (item), -1);
            adw_status_page_set_description (self->converted_page, description);
            gtk_stack_set_visible_child_name (self->content_stack, "converted");
          }
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
shown_item_changed_cb (SignetWindow *self)
{
  show_item (self);
}

static void
set_shown_item (SignetWindow *self, SignetIntakeItem *item)
{
  if (self->shown_item == item)
    return;

  if (self->shown_item != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_item, shown_item_changed_cb, self);
  g_set_object (&self->shown_item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify::state", G_CALLBACK (shown_item_changed_cb), self,
                             G_CONNECT_SWAPPED);
  show_item (self);
  update_header (self);
}

static void
row_selected_cb (SignetWindow *self, GtkListBoxRow *row)
{
  set_shown_item (self, row != NULL ? signet_intake_row_get_item (SIGNET_INTAKE_ROW (row)) : NULL);

  /* On a narrow window the list and the file take turns: a file chosen
   * (also by a screen reader, which selects without activating) is shown. */
  if (row != NULL && !self->selecting_quietly && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
row_activated_cb (SignetWindow *self, GtkListBoxRow *row)
{
  /* On a narrow window the list and the preview take turns. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Below this width the queue and the file take turns (the queue's 300
 * pixels and the file's 300 do not fit side by side). */
#define QUEUE_BESIDE_WIDTH 601

/* Whether only one of the queue and the file shows. The leaflet knows
 * once it is laid out; before that (a window opening narrow, the leaflet
 * mapped but not yet folded) the window's size tells, or the header bar
 * would widen the window for a moment, and a window does not narrow again
 * by itself. */
static gboolean
queue_folded (SignetWindow *self)
{
  int width = 0;
  int height = 0;

  if (adw_leaflet_get_folded (self->leaflet))
    return TRUE;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  return !gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && width < QUEUE_BESIDE_WIDTH;
}

/* Folded, the editor stays out over the preview: Send is one click away.
 * The toggle is the file's, and not shown while only the list is. */
static void
update_editor_toggle (SignetWindow *self)
{
  gtk_widget_set_visible (
    self->editor_toggle,
    adw_flap_get_folded (ADW_FLAP (self->content_box)) && self->request_editor != NULL
      && gtk_widget_get_visible (GTK_WIDGET (self->request_editor))
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "queue") == 0
      && !(queue_folded (self)
           && adw_leaflet_get_visible_child (self->leaflet) != self->content_box));
}

/* The header bar belongs to the pane shown. Wide, the queue's and the
 * library's panes share it; narrow, where they take turns, a pane after
 * the first has a Back button in place of the first pane's buttons (Open,
 * Documents, To Send). The hand-over page has a header bar of its own. */
static void
update_header (SignetWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean    queue = g_strcmp0 (page, "queue") == 0;
  gboolean    library = g_strcmp0 (page, "library") == 0;
  gboolean    has_library
    = self->documents_model != NULL && g_list_model_get_n_items (self->documents_model) > 0;
  guint       n_queued = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  const char *title = NULL;
  gboolean    back;

  back = (queue && adw_leaflet_get_folded (self->leaflet)
          && adw_leaflet_get_visible_child (self->leaflet) == self->content_box)
         || (library && signet_library_view_get_can_go_back (self->library_view));
  gtk_widget_set_visible (self->header_bar, g_strcmp0 (page, "handover") != 0);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_set_visible (self->open_button, !back);
  gtk_widget_set_visible (self->library_button, !back && queue && has_library);
  gtk_widget_set_visible (self->queue_button, !back && library && n_queued > 0);
  update_editor_toggle (self);

  if (back && queue && self->shown_item != NULL)
    title = signet_intake_item_get_name (self->shown_item);
  else if (back && library)
    title = signet_library_view_get_pane_title (self->library_view);
  adw_window_title_set_title (self->window_title,
                              title != NULL ? title : gtk_window_get_title (GTK_WINDOW (self)));
}

static void
back_clicked_cb (SignetWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "library") == 0)
    {
      signet_library_view_go_back (self->library_view);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* The focus was on this button, which went with the pane. */
  if (gtk_root_get_focus (GTK_ROOT (self)) == NULL
      || !gtk_widget_get_mapped (gtk_root_get_focus (GTK_ROOT (self))))
    _signet_window_focus_main_page (self);
}

static void
leaflet_changed_cb (SignetWindow *self)
{
  update_header (self);
}

void
_signet_window_remove_item (SignetWindow *self, SignetIntakeItem *item)
{
  g_autoptr (SignetIntakeItem) removed = g_object_ref (item);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->queue_list);
  gboolean       was_selected = FALSE;
  int            index = 0;
  guint          n;

  if (selected != NULL)
    {
      was_selected = signet_intake_row_get_item (SIGNET_INTAKE_ROW (selected)) == item;
      index = gtk_list_box_row_get_index (selected);
    }

  signet_intake_queue_remove (self->queue, removed);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  if (n == 0)
    {
      set_shown_item (self, NULL);
      return;
    }

  /* The next file in the list takes the removed one's place, without
   * leaving the list on a narrow window. */
  if (was_selected || gtk_list_box_get_selected_row (self->queue_list) == NULL)
    {
      self->selecting_quietly = TRUE;
      gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (
                                                   self->queue_list, MIN (index, (int) n - 1)));
      self->selecting_quietly = FALSE;
    }
}

static gboolean
reveal_editor_cb (gpointer user_data)
{
  SignetWindow *self = user_data;

  self->reveal_id = 0;
  adw_flap_set_reveal_flap (ADW_FLAP (self->content_box), TRUE);
  update_editor_toggle (self);
  return G_SOURCE_REMOVE;
}

/* Below this width the editor lies over the preview rather than beside
 * it (the queue, the preview and the editor need about 1020 pixels). It
 * is decided from the window's size before anything is laid out: left to
 * the flap, it would fold after the first frame, and the preview would be
 * fitted twice. */
#define SIDE_BY_SIDE_WIDTH 1100

static void
update_fold (SignetWindow *self)
{
  int      width = 0;
  int      height = 0;
  gboolean narrow;

  /* GTK 4.8 writes both sizes whether asked for or not. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = !gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && width < SIDE_BY_SIDE_WIDTH;
  adw_flap_set_fold_policy (ADW_FLAP (self->content_box),
                            narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_AUTO);
  update_editor_toggle (self);
}

/* The flap folds (and hides the editor) while the window is laid out:
 * show it again once that is done, not in the middle of it. */
static void
content_folded_cb (SignetWindow *self)
{
  if (self->reveal_id == 0)
    self->reveal_id = g_idle_add (reveal_editor_cb, self);
}

/* A sent entry leaves the queue. */
static void
entry_sent_cb (SignetWindow *self, SignetIntakeItem *item)
{
  _signet_window_remove_item (self, item);
}

static void
row_remove_cb (SignetIntakeRow *row, SignetWindow *self)
{
  _signet_window_remove_item (self, signet_intake_row_get_item (row));
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  SignetWindow *self = user_data;
  GtkWidget    *row = signet_intake_row_new (item);

  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
  return row;
}

/* The queue while files wait and the person looks at them, else the
 * library once something was sent, else the empty state. */
static void
update_main_page (SignetWindow *self)
{
  guint    n_queued = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  gboolean library
    = self->documents_model != NULL && g_list_model_get_n_items (self->documents_model) > 0;
  gboolean    queue = n_queued > 0 && (self->showing_queue || !library);
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean    was_loading = g_strcmp0 (page, "loading") == 0;
  GtkWidget  *focus;

  /* The hand-over page stays until the person is done with it. */
  if (g_strcmp0 (page, "handover") == 0)
    return;

  gtk_stack_set_visible_child_name (
    self->main_stack,
    queue ? "queue" : (library ? "library" : (self->journal_ready ? "empty" : "loading")));
  /* The list came after the first frame: the focus goes to it, unless
   * the person has put it somewhere already. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (was_loading && gtk_widget_get_mapped (GTK_WIDGET (self->main_stack))
      && (focus == NULL || !gtk_widget_get_mapped (focus)))
    _signet_window_focus_main_page (self);
  update_editor_toggle (self);
  update_header (self);
  if (n_queued > 0)
    {
      /* Translators: a button that shows the files waiting to be sent */
      g_autofree char *label = g_strdup_printf (_ ("To Send (%u)"), n_queued);

      gtk_button_set_label (GTK_BUTTON (self->queue_button), label);
    }
}

/* Going anywhere else ends the hand-over: the tracker stops polling its
 * documents fast. */
static void
leave_handover (SignetWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "handover") != 0)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_header (self);
  signet_handover_page_set_documents (self->handover_page, NULL);
}

/* The queue or the library (queue: the files waiting to be sent), leaving
 * the hand-over page. */
void
_signet_window_show_main (SignetWindow *self, gboolean queue)
{
  self->showing_queue = queue;
  leave_handover (self);
  update_main_page (self);
}

static void editor_sent_cb (SignetWindow *self, GListModel *documents);

/**
 * _signet_window_ensure_editor:
 * @self: a #SignetWindow
 *
 * Makes the request editor, the queue's flap, unless it is there: it is
 * not needed before a file is queued, and building it was a fifth of the
 * window's template at start-up (issue 20).
 */
void
_signet_window_ensure_editor (SignetWindow *self)
{
  if (self->request_editor != NULL)
    return;

  self->request_editor = g_object_new (SIGNET_TYPE_REQUEST_EDITOR, NULL);
  signet_request_editor_set_context (self->request_editor, self->settings, self->account,
                                     self->sync);
  signet_request_editor_set_queue (self->request_editor, self->queue);
  g_signal_connect_object (self->request_editor, "entry-sent", G_CALLBACK (entry_sent_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request_editor, "sent", G_CALLBACK (editor_sent_cb), self,
                           G_CONNECT_SWAPPED);
  adw_flap_set_flap (ADW_FLAP (self->content_box), GTK_WIDGET (self->request_editor));
  signet_status_pages_skip_tab (GTK_WIDGET (self->request_editor));
  signet_request_editor_set_item (self->request_editor, self->shown_item);
}

static void
queue_changed_cb (SignetWindow *self, guint position, guint removed, guint added)
{
  /* Before the page shows: the editor is the queue page's flap. */
  if (added > 0)
    _signet_window_ensure_editor (self);
  /* New files are shown at once, even over the hand-over page. */
  if (added > 0)
    {
      self->showing_queue = TRUE;
      leave_handover (self);
    }
  update_main_page (self);

  /* The focus was on a page that went (the empty state's Open, or the
   * file chooser's): it goes on with the files. */
  if (added > 0)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_get_mapped (focus))
        _signet_window_focus_main_page (self);
    }
}

static gboolean
is_pending (SignetWindow *self, GFile *file)
{
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    if (g_file_equal (l->data, file))
      return TRUE;

  return FALSE;
}

static void
select_item (SignetWindow *self, SignetIntakeItem *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint position = 0; position < n; position++)
    {
      g_autoptr (SignetIntakeItem) other
        = g_list_model_get_item (G_LIST_MODEL (self->queue), position);

      if (other == item)
        {
          gtk_list_box_select_row (
            self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, (int) position));
          return;
        }
    }
}

/* Rows are built one per turn of the main loop: twenty dropped files would
 * otherwise build twenty rows in one go, and the window would stutter. */
static gboolean
add_pending_cb (gpointer user_data)
{
  SignetWindow *self = user_data;
  g_autoptr (GFile) file = g_queue_pop_head (&self->pending);
  SignetIntakeItem *item = signet_intake_queue_add (self->queue, file);

  if (item != NULL && self->select_next)
    {
      self->select_next = FALSE;
      select_item (self, item);
    }

  if (g_queue_is_empty (&self->pending))
    {
      self->pending_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * signet_window_open_files:
 * @self: a #SignetWindow
 * @files: (array length=n_files): files that were dropped, opened or pasted
 * @n_files: how many
 *
 * Adds files to the queue, where each is checked; they are added over the
 * next turns of the main loop. Files that are queued already are not added
 * again, and the person is told. The first new file is shown.
 */
void
signet_window_open_files (SignetWindow *self, GFile **files, guint n_files)
{
  g_autofree char *duplicate = NULL;
  guint            n_duplicates = 0;
  gboolean         added = FALSE;

  g_return_if_fail (SIGNET_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      if (signet_intake_queue_find (self->queue, files[i]) != NULL || is_pending (self, files[i]))
        {
          n_duplicates++;
          g_free (duplicate);
          duplicate = g_file_get_basename (files[i]);
          continue;
        }

      g_queue_push_tail (&self->pending, g_object_ref (files[i]));
      added = TRUE;
    }

  if (added)
    {
      self->select_next = TRUE;
      if (self->pending_id == 0)
        self->pending_id = g_idle_add (add_pending_cb, self);
    }

  if (n_duplicates == 1)
    {
      g_autofree char *display_name = g_filename_display_name (duplicate);
      /* A toast's title is markup; a file may be called "Smith & Sons.pdf". */
      g_autofree char *name = g_markup_escape_text (display_name, -1);
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_ ("“%s” is already in the list"), name);
      _signet_window_toast (self, title);
    }
  else if (n_duplicates > 1)
    {
      g_autofree char *title
        = g_strdup_printf (ngettext ("%u file is already in the list",
                                     "%u files are already in the list", n_duplicates),
                           n_duplicates);
      _signet_window_toast (self, title);
    }
}

/**
 * signet_window_is_opening:
 * @self: a #SignetWindow
 *
 * Returns: whether files given to signet_window_open_files() are still
 *   waiting to be added to the queue
 */
gboolean
signet_window_is_opening (SignetWindow *self)
{
  g_return_val_if_fail (SIGNET_IS_WINDOW (self), FALSE);

  return !g_queue_is_empty (&self->pending);
}

void
_signet_window_open_file_list (SignetWindow *self, GSList *files)
{
  g_autoptr (GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);

  signet_window_open_files (self, (GFile **) array->pdata, array->len);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, SignetWindow *self)
{
  GdkFileList *list;
  g_autoptr (GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;
  if (signet_check_dialog_take_drop (
        GTK_WINDOW (self),
        self->sync ? signet_journal_get_documents (signet_sync_get_journal (self->sync)) : NULL,
        files))
    return TRUE;

  _signet_window_open_file_list (self, files);
  return TRUE;
}

static void
current_drop_cb (GtkDropTarget *target, GParamSpec *pspec, SignetWindow *self)
{
  /* The whole window shows that it takes the files. */
  gtk_widget_set_visible (self->drop_highlight, gtk_drop_target_get_current_drop (target) != NULL);
}

static void
handover_done_cb (SignetWindow *self)
{
  /* Back to what still waits to be sent, else to the library. */
  _signet_window_show_main (self, g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0);
  _signet_window_focus_main_page (self);
}

/**
 * signet_window_show_resumed:
 * @self: a #SignetWindow
 * @n_sent: how many requests of the interrupted batches had been sent
 * @n_unsent: how many are being sent now
 *
 * Says in a toast that an earlier run was interrupted while sending, and
 * that what it left is being sent now (#SignetSync::resumed).
 */
void
signet_window_show_resumed (SignetWindow *self, guint n_sent, guint n_unsent)
{
  guint            n = n_sent + n_unsent;
  g_autofree char *title = NULL;

  g_return_if_fail (SIGNET_IS_WINDOW (self));

  if (n_sent == 0)
    title = g_strdup_printf (
      ngettext ("Signet was interrupted while sending %u document: it is being sent now",
                "Signet was interrupted while sending %u documents: they are being sent now", n),
      n);
  else
    title = g_strdup_printf (
      /* Translators: the first %u is all documents of the batch, the second
       * how many of them had been sent, the third how many are sent now */
      ngettext ("Signet was interrupted while sending %u documents: %u had been sent, the other "
                "%u is being sent now",
                "Signet was interrupted while sending %u documents: %u had been sent, the other "
                "%u are being sent now",
                n_unsent),
      n, n_sent, n_unsent);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/**
 * signet_window_show_journal_error:
 * @self: a #SignetWindow
 * @message: why the journal could not be opened
 *
 * Shows, above everything, that requests can be neither sent nor followed
 * because the journal could not be opened, and what to do.
 */
void
signet_window_show_journal_error (SignetWindow *self, const char *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SIGNET_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Translators: %s is the reason, such as "Disk full" */
  text = g_strdup_printf (_ ("Signet cannot keep its records, so nothing can be sent or followed. "
                             "Free some disk space or check the permissions of its folder, then "
                             "start Signet again.\n%s"),
                          message);
  gtk_label_set_text (self->journal_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->journal_notice), TRUE);
  self->journal_ready = TRUE;
  update_main_page (self);
}

/* The batch the request editor just sent ("sent" signal). */
static void
editor_sent_cb (SignetWindow *self, GListModel *documents)
{
  _signet_window_show_handover (self, documents);
}

/**
 * _signet_window_show_handover:
 * @self: a #SignetWindow
 * @documents: a #GListModel of the #SignetDocuments of a batch just sent
 *
 * Shows the hand-over page for @documents: the QR code of each signing link,
 * what was e-mailed, and the live state of each request.
 */
void
_signet_window_show_handover (SignetWindow *self, GListModel *documents)
{
  g_assert (G_IS_LIST_MODEL (documents));

  if (self->handover_page == NULL)
    {
      self->handover_page = SIGNET_HANDOVER_PAGE (signet_handover_page_new ());
      signet_handover_page_set_sync (self->handover_page, self->sync);
      g_signal_connect_object (self->handover_page, "done", G_CALLBACK (handover_done_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->handover_page), "handover");
      signet_status_pages_skip_tab (GTK_WIDGET (self->handover_page));
    }
  signet_handover_page_set_documents (self->handover_page, documents);
  gtk_stack_set_visible_child_name (self->main_stack, "handover");
  update_header (self);
  /* Copy Link (or Done until the link is made) rather than whatever the
   * Send button left the focus on. */
  if (signet_handover_page_focus (self->handover_page) && self->keyboard_used)
    gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
}

static void
journal_loaded_cb (SignetWindow *self)
{
  self->journal_ready = TRUE;
  update_main_page (self);
}

static void
signet_window_constructed (GObject *object)
{
  SignetWindow *self = SIGNET_WINDOW (object);

  G_OBJECT_CLASS (signet_window_parent_class)->constructed (object);

  /* The size of the last window is the size of the next one. */
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }

  signet_library_view_set_deletions (self->library_view, self->deletions);
  signet_library_view_set_sync (self->library_view, self->sync);
  g_signal_connect_object (self->library_view, "notify::can-go-back", G_CALLBACK (update_header),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "notify::pane-title", G_CALLBACK (update_header),
                           self, G_CONNECT_SWAPPED);
  /* Each page gets the core objects it shows (the editor when it is made). */

  if (self->account != NULL)
    {
      g_signal_connect_object (self->account, "notify::environment",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->account, "notify::keyring-usable",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
      account_changed_cb (self);
    }

  if (self->sync != NULL)
    {
      SignetJournal *journal = signet_sync_get_journal (self->sync);

      self->documents_model = g_object_ref (signet_journal_get_documents (journal));
      g_signal_connect_object (self->documents_model, "items-changed",
                               G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);
      /* The application opens the journal after the first frame. */
      self->journal_ready = signet_journal_get_loaded (journal);
      if (!self->journal_ready)
        g_signal_connect_object (journal, "notify::loaded", G_CALLBACK (journal_loaded_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  else
    self->journal_ready = TRUE;
  update_main_page (self);
}

static void
signet_window_dispose (GObject *object)
{
  SignetWindow *self = SIGNET_WINDOW (object);

  g_clear_object (&self->documents);
  if (self->documents_model != NULL)
    g_signal_handlers_disconnect_by_data (self->documents_model, self);
  g_clear_object (&self->documents_model);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_queue_clear_full (&self->pending, g_object_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  set_shown_item (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_WINDOW);
  /* The pages made in code went with the template's widgets. */
  self->request_editor = NULL;
  self->handover_page = NULL;

  /* Closing the window stops the checks that still run. */
  g_clear_pointer (&self->restored, g_ptr_array_unref);
  g_clear_object (&self->queue);
  g_clear_object (&self->state_file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->account);
  g_clear_object (&self->sync);
  g_clear_object (&self->deletions);

  G_OBJECT_CLASS (signet_window_parent_class)->dispose (object);
}

static void
signet_window_class_init (SignetWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_window_constructed;
  object_class->dispose = signet_window_dispose;

  /**
   * SignetWindow:settings:
   *
   * The application's settings: the window's size, the editor's defaults.
   */
  properties[PROP_SETTINGS] = signet_param_spec_given (
    "settings", G_TYPE_SETTINGS, G_PARAM_READWRITE, G_STRUCT_OFFSET (SignetWindow, settings));
  /**
   * SignetWindow:account:
   *
   * The OKdokument account; without a working one the onboarding shows.
   */
  properties[PROP_ACCOUNT] = signet_param_spec_given (
    "account", SIGNET_TYPE_ACCOUNT, G_PARAM_READWRITE, G_STRUCT_OFFSET (SignetWindow, account));
  /**
   * SignetWindow:sync:
   *
   * The journal with its outbox and tracker, handed to every page.
   */
  properties[PROP_SYNC] = signet_param_spec_given ("sync", SIGNET_TYPE_SYNC, G_PARAM_READWRITE,
                                                   G_STRUCT_OFFSET (SignetWindow, sync));
  /**
   * SignetWindow:deletions:
   *
   * The deletions waiting for their Undo, handed to the library.
   */
  properties[PROP_DELETIONS]
    = signet_param_spec_given ("deletions", SIGNET_TYPE_DELETIONS, G_PARAM_READWRITE,
                               G_STRUCT_OFFSET (SignetWindow, deletions));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  g_type_ensure (SIGNET_TYPE_PDF_VIEW);
  g_type_ensure (SIGNET_TYPE_HANDOVER_PAGE);
  g_type_ensure (SIGNET_TYPE_REQUEST_EDITOR);
  g_type_ensure (SIGNET_TYPE_LIBRARY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, empty_open_button);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, keyring_notice);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, journal_notice);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, journal_label);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, queue_list);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, editor_toggle);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, pdf_view);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, converted_page);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, SignetWindow, queue_button);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, content_folded_cb);

  _signet_window_class_actions_init (widget_class);
}

static void
signet_window_init (SignetWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The library and its detail are in the template; the editor and the
   * hand-over page are passed over when they are made. */
  signet_status_pages_skip_tab (GTK_WIDGET (self));
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_fold), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (update_fold), NULL);

  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->cancellable = g_cancellable_new ();
  self->queue = signet_intake_queue_new ();
  gtk_list_box_bind_model (self->queue_list, G_LIST_MODEL (self->queue), create_row, self, NULL);
  g_signal_connect_object (self->queue, "items-changed", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.remove-selected", FALSE);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (drop_target, "notify::current-drop", G_CALLBACK (current_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  _signet_window_focus_init (self);
}

/**
 * signet_window_new:
 * @application: the application the window belongs to
 * @settings: the application's settings
 * @account: the OKdokument account
 * @sync: the journal with its outbox and tracker
 * @deletions: the deletions waiting for their Undo
 *
 * Creates a main window. The window hands each of its pages the objects
 * it shows; no page asks the application for them.
 *
 * Returns: (transfer none): a new #SignetWindow, owned by its application
 */
SignetWindow *
signet_window_new (GtkApplication  *application,
                   GSettings       *settings,
                   SignetAccount   *account,
                   SignetSync      *sync,
                   SignetDeletions *deletions)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SIGNET_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (sync == NULL || SIGNET_IS_SYNC (sync), NULL);
  g_return_val_if_fail (deletions == NULL || SIGNET_IS_DELETIONS (deletions), NULL);

  return g_object_new (SIGNET_TYPE_WINDOW, "application", application, "settings", settings,
                       "account", account, "sync", sync, "deletions", deletions, NULL);
}

/**
 * signet_window_get_queue:
 * @self: a #SignetWindow
 *
 * Returns: (transfer none): the files dropped on or opened in this window
 */
SignetIntakeQueue *
signet_window_get_queue (SignetWindow *self)
{
  g_return_val_if_fail (SIGNET_IS_WINDOW (self), NULL);

  return self->queue;
}
