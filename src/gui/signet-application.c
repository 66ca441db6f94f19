/* signet-application.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "signet-application.h"
#include "signet-metainfo.h"
#include "signet-preferences-window.h"
#include "signet-presets.h"
#include "signet-sandbox-demo.h"
#include "signet-search-provider.h"
#include "signet-state-name.h"
#include "signet-sync.h"
#include "signet-watched-folder.h"
#include "signet-widget-util.h"
#include "signet-window.h"

struct _SignetApplication
{
  AdwApplication parent_instance;

  GSettings            *settings;
  SignetAccount        *account;
  gboolean              use_sandbox; /* --sandbox */
  gboolean              demo;        /* --demo: demo documents in a fresh sandbox */
  SignetSync           *sync;
  SignetDeletions      *deletions; /* waiting for their Undo, sent on quit */
  gboolean              quitting;
  gboolean              held_for_deletions;
  gboolean              held_for_sending; /* quit during a batch, in the background */
  gboolean              held;             /* tracking with no window open */
  gboolean              told_background;
  gboolean              resumed; /* to be told by the next window */
  guint                 resumed_sent;
  guint                 resumed_unsent;
  char                 *journal_error;   /* the journal could not be opened */
  GtkWindow            *queue_window;    /* the window that keeps the queue */
  SignetSearchProvider *search_provider; /* on the bus from dbus_register */
  SignetWatchedFolder  *watched_folder;  /* docs/watched-folder.md */
  guint                 watch_retry_id;
  gboolean              held_for_watching;
  gboolean              started;
  gboolean              start_requested; /* the journal is being opened */
  guint                 start_id;
};

G_DEFINE_FINAL_TYPE (SignetApplication, signet_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_WATCHED_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How long a window's first frame is waited for before the journal opens
 * anyway. */
#define START_LATEST_MS 2000

static gboolean start_cb (gpointer user_data);

/* The window in front, or a new one; presented. */
static GtkWindow *
present_window (SignetApplication *self)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (signet_application_new_window (self));
  /* The first window brings back the queue of the last run and keeps it. */
  if (self->queue_window == NULL)
    {
      g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "signet", NULL);
      g_autofree char *path = g_build_filename (folder, "queue.json", NULL);
      g_autoptr (GFile) state_file = g_file_new_for_path (path);

      self->queue_window = window;
      if (g_mkdir_with_parents (folder, 0700) != 0)
        g_warning ("Could not create %s: %s", folder, g_strerror (errno));
      signet_window_restore_queue (SIGNET_WINDOW (window), state_file);
    }

  gtk_window_present (window);
  return window;
}

static void
signet_application_activate (GApplication *app)
{
  present_window (SIGNET_APPLICATION (app));
}

/* "Open With Signet", `signet FILE…`, also when Signet runs already: the
 * files go to the window in front. */
static void
signet_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  GtkWindow *window = present_window (SIGNET_APPLICATION (app));

  signet_window_open_files (SIGNET_WINDOW (window), files, (guint) n_files);
}

static int
signet_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  SignetApplication *self = SIGNET_APPLICATION (app);

  self->demo = g_variant_dict_contains (options, "demo");
  self->use_sandbox = self->demo || g_variant_dict_contains (options, "sandbox");

  return G_APPLICATION_CLASS (signet_application_parent_class)->handle_local_options (app, options);
}

/* {{{ The journal, notifications and the background */

static void
notify_finished (SignetApplication *self, SignetDocument *document)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id
    = g_strdup_printf ("document-%" G_GINT64_FORMAT, signet_document_get_journal_id (document));
  g_autofree char *body = NULL;
  const char      *name = signet_document_get_filename (document);
  SignetTracker   *tracker = signet_sync_get_tracker (self->sync);
  GtkWindow       *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char      *title;

  /* The user is looking at it: the page shows the change already. */
  if (tracker != NULL && signet_tracker_get_on_screen (tracker) == document && window != NULL
      && gtk_window_is_active (window))
    return;

  /* The title is the state's name (docs/vocabulary.md), the body says
   * which document and what to do. */
  title = signet_document_get_state_name (document);
  switch (signet_document_get_status (document))
    {
      case SIGNET_DOCUMENT_STATUS_ARCHIVED:
        body = g_strdup_printf (_ ("“%s” is signed and saved in the archive folder."), name);
        break;
      case SIGNET_DOCUMENT_STATUS_CANCELED:
        body = g_strdup_printf (
          _ ("The signer cancelled the signature request for “%s”. Send it again if it is "
             "still needed."),
          name);
        break;
      case SIGNET_DOCUMENT_STATUS_EXPIRED:
        body = g_strdup_printf (
          _ ("Nobody signed “%s” before the request expired. Send it again if it is still "
             "needed."),
          name);
        break;
      case SIGNET_DOCUMENT_STATUS_VANISHED:
        body = g_strdup_printf (_ ("OKdokument no longer has “%s”, so its signing link no longer "
                                   "works. Send it again from its page in Signet."),
                                name);
        break;
      default:
        body = g_strdup_printf (_ ("“%s” could not be sent for signature. %s"), name,
                                signet_document_get_last_error (document) != NULL
                                  ? signet_document_get_last_error (document)
                                  : "");
        break;
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (signet_document_get_archive_path (document) != NULL)
    g_notification_add_button_with_target (notification, _ ("Open"), "app.open-archived", "s",
                                           signet_document_get_archive_path (document));
  g_notification_add_button_with_target (notification, _ ("Show in Signet"), "app.show-document",
                                         "x", signet_document_get_journal_id (document));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
sync_finished_cb (SignetSync *sync, SignetDocument *document, gpointer user_data)
{
  notify_finished (SIGNET_APPLICATION (user_data), document);
}

static guint
n_open (SignetApplication *self)
{
  SignetTracker *tracker = self->sync != NULL ? signet_sync_get_tracker (self->sync) : NULL;

  return tracker != NULL ? signet_tracker_get_n_open (tracker) : 0;
}

static void
n_open_changed_cb (SignetApplication *self)
{
  if (self->held && n_open (self) == 0)
    {
      self->held = FALSE;
      g_signal_handlers_disconnect_by_func (signet_sync_get_tracker (self->sync), n_open_changed_cb,
                                            self);
      g_application_release (G_APPLICATION (self));
    }
}

/* The last window closed while requests are open: keep tracking them. */
static void
window_removed_cb (GtkApplication *app, GtkWindow *window, gpointer user_data)
{
  SignetApplication *self = SIGNET_APPLICATION (app);
  SignetTracker     *tracker;

  /* The next window keeps the queue, as this one left it. */
  if (window == self->queue_window)
    self->queue_window = NULL;
  if (gtk_application_get_windows (app) != NULL || self->held || n_open (self) == 0
      || !g_settings_get_boolean (self->settings, "run-in-background"))
    return;

  self->held = TRUE;
  g_application_hold (G_APPLICATION (self));
  tracker = signet_sync_get_tracker (self->sync);
  g_signal_connect_object (tracker, "notify::n-open", G_CALLBACK (n_open_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (!self->told_background)
    {
      g_autoptr (GNotification) notification = g_notification_new (_ ("Signet Keeps Tracking"));

      self->told_background = TRUE;
      g_notification_set_body (
        notification, _ ("Signet follows the open signature requests in the background and saves "
                         "signed documents in the archive folder. Quit Signet to stop it."));
      g_application_send_notification (G_APPLICATION (self), "background", notification);
    }
}

/* {{{ The watched folder (docs/watched-folder.md) */

static void update_watching (SignetApplication *self);

static gboolean watch_retry_cb (gpointer user_data);

static void
try_watching (SignetApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (signet_watched_folder_start (self->watched_folder, &error))
    return;
  /* Another Signet watches it (a signet-cli watch): take over once it
   * ends. The watcher's problem says so meanwhile. */
  g_message ("%s", error->message);
  self->watch_retry_id = g_timeout_add_seconds (10, watch_retry_cb, self);
}

static gboolean
watch_retry_cb (gpointer user_data)
{
  SignetApplication *self = user_data;

  self->watch_retry_id = 0;
  if (self->watched_folder != NULL)
    try_watching (self);
  return G_SOURCE_REMOVE;
}

static void
watched_filed_cb (SignetApplication *self, const char *name, gboolean sent, const char *note)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id = NULL;

  g_debug ("Watched folder: “%s” %s", name, sent ? "sent" : "not sent");
  if (sent)
    return;
  /* The note beside the file says the same; this tells the person now. */
  notification = g_notification_new (_ ("A Document Was Not Sent"));
  g_notification_set_body (notification, note);
  id = g_strdup_printf ("watched-%s", name);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
watched_problem_cb (SignetApplication *self)
{
  const char *problem = signet_watched_folder_get_problem (self->watched_folder);

  if (problem != NULL)
    g_message ("Watched folder: %s", problem);
}

/* The preset to send with: a deleted one means the defaults. */
static char *
dup_watched_preset (SignetApplication *self)
{
  g_autofree char *preset = g_settings_get_string (self->settings, "watched-folder-preset");
  g_auto (GStrv) presets = signet_presets_list (self->settings);

  if (preset[0] == '\0' || presets == NULL
      || !g_strv_contains ((const char *const *) presets, preset))
    return NULL;
  return g_steal_pointer (&preset);
}

/* The last window closed while a folder is watched: say once that the
 * watching goes on (unless the tracking notice said Signet stays). */
static void
watching_window_removed_cb (GtkApplication *app, GtkWindow *window, gpointer user_data)
{
  SignetApplication *self = SIGNET_APPLICATION (app);
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;

  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL || !self->held_for_watching
      || self->watched_folder == NULL || self->told_background)
    return;
  self->told_background = TRUE;
  shown = g_file_get_basename (signet_watched_folder_get_folder (self->watched_folder));
  body = g_strdup_printf (_ ("PDFs put into “%s” are still sent for signing. Quit Signet to stop "
                             "it."),
                          shown);
  notification = g_notification_new (_ ("Signet Keeps Watching the Folder"));
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "background", notification);
}

/* Whether the running watcher watches @path with @preset. */
static gboolean
watching (SignetApplication *self, const char *path, const char *preset)
{
  g_autofree char *current = NULL;

  if (self->watched_folder == NULL)
    return FALSE;
  current = g_file_get_path (signet_watched_folder_get_folder (self->watched_folder));
  return g_strcmp0 (current, path) == 0
         && g_strcmp0 (signet_watched_folder_get_preset (self->watched_folder), preset) == 0;
}

static void
stop_watching (SignetApplication *self)
{
  g_clear_handle_id (&self->watch_retry_id, g_source_remove);
  if (self->watched_folder == NULL)
    return;
  signet_watched_folder_stop (self->watched_folder);
  g_signal_handlers_disconnect_by_data (self->watched_folder, self);
  g_clear_object (&self->watched_folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED_FOLDER]);
}

static void
start_watching (SignetApplication *self, const char *path, const char *preset)
{
  g_autoptr (GFile) folder = g_file_new_for_path (path);

  self->watched_folder = signet_watched_folder_new (self->sync, self->settings, folder, preset);
  g_signal_connect_object (self->watched_folder, "filed", G_CALLBACK (watched_filed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watched_folder, "notify::problem", G_CALLBACK (watched_problem_cb),
                           self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED_FOLDER]);
  try_watching (self);
}

/* Starts, restarts or stops the watcher after the settings, and holds the
 * application while a folder is watched with background tracking on, so
 * that closing the last window does not stop it. */
static void
update_watching (SignetApplication *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "watched-folder");
  g_autofree char *preset = dup_watched_preset (self);
  gboolean         wanted = path[0] != '\0' && !self->quitting;
  /* Without its journal nothing is watched: nothing to stay for. */
  gboolean hold = wanted && self->journal_error == NULL
                  && g_settings_get_boolean (self->settings, "run-in-background");

  if (!wanted || !watching (self, path, preset))
    {
      stop_watching (self);
      if (wanted && self->started)
        start_watching (self, path, preset);
    }
  if (hold != self->held_for_watching)
    {
      self->held_for_watching = hold;
      if (hold)
        g_application_hold (G_APPLICATION (self));
      else
        g_application_release (G_APPLICATION (self));
    }
}

/* }}} */

/* An earlier run left requests unsent: the window says so, or the first
 * window when there is none yet. */
static void
sync_resumed_cb (SignetApplication *self, guint n_sent, guint n_unsent)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SIGNET_IS_WINDOW (window))
    {
      signet_window_show_resumed (SIGNET_WINDOW (window), n_sent, n_unsent);
      return;
    }
  self->resumed = TRUE;
  self->resumed_sent = n_sent;
  self->resumed_unsent = n_unsent;
}

/* Without its journal Signet can neither send nor follow: every window
 * says so, the ones open now and those opened later. */
static void
demo_filled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (signet_sandbox_demo_fill_finish (SIGNET_SYNC (source), result, &error))
    g_debug ("The demo documents are in place");
  else
    g_message ("%s", error->message);
}

static void
sync_started_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (signet_sync_start_finish (SIGNET_SYNC (source), result, &error))
    {
      self->started = TRUE;
      update_watching (self);
      if (self->demo)
        signet_sandbox_demo_fill_async (self->sync, NULL, demo_filled_cb, g_object_ref (self));
      return;
    }
  g_warning ("%s", error->message);
  g_free (self->journal_error);
  self->journal_error = g_strdup (error->message);
  update_watching (self);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SIGNET_IS_WINDOW (l->data))
      signet_window_show_journal_error (l->data, error->message);
}

static void
open_archived_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
show_document_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *window = present_window (SIGNET_APPLICATION (user_data));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-document", "x",
                              g_variant_get_int64 (parameter));
}

/* }}} */

/* A deletion on its way keeps Signet running after its last window closed,
 * until the server has answered. */
static void
n_sending_changed_cb (SignetApplication *self)
{
  gboolean sending = signet_deletions_get_n_sending (self->deletions) > 0;

  if (sending == self->held_for_deletions)
    return;
  self->held_for_deletions = sending;
  if (sending)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* A failed deletion is told in the window's toast; with no window left
 * (after Quit), in a notification. */
static void
deletion_failed_cb (SignetApplication *self, SignetDocument *document, GError *error)
{
  g_autofree char *id
    = g_strdup_printf ("deletion-%" G_GINT64_FORMAT, signet_document_get_journal_id (document));
  g_autoptr (GNotification) notification = g_notification_new (_ ("Deletion Failed"));

  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return;
  g_notification_set_body (notification, error->message);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Deletions go with the current environment's client. */
static void
tracker_changed_cb (SignetApplication *self)
{
  SignetTracker *tracker = signet_sync_get_tracker (self->sync);

  signet_deletions_set_client (self->deletions,
                               tracker != NULL ? signet_tracker_get_client (tracker) : NULL);
}

/* {{{ Starting after the first frame */

/* The journal (reading 10,000 requests and filling the library's sort and
 * filter models took longer than building the window), the sandbox, the
 * tracker and its network monitor are not needed for the first frame:
 * they start once the first window has drawn it, or at once when Signet
 * starts without a window (the search provider, the watched folder). */
static void
start_sync (SignetApplication *self)
{
  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->start_requested)
    return;
  self->start_requested = TRUE;
  if (self->use_sandbox)
    signet_account_use_sandbox (self->account);
  signet_sync_start_async (self->sync, NULL, sync_started_cb, g_object_ref (self));
}

static gboolean
start_cb (gpointer user_data)
{
  SignetApplication *self = user_data;

  self->start_id = 0;
  start_sync (self);
  return G_SOURCE_REMOVE;
}

/* The first frame is drawn: the rest starts at the next turn of the loop,
 * once GTK has sent the frame to the display. */
static void
first_frame_cb (GdkFrameClock *clock, SignetApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (self->start_requested)
    return;
  g_clear_handle_id (&self->start_id, g_source_remove);
  self->start_id = g_idle_add (start_cb, self);
}

/* A new window: the rest starts after its first frame; should none come (a
 * window never shown), not much later. */
static void
window_realized_cb (GtkWidget *window, SignetApplication *self)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_handlers_disconnect_by_func (window, window_realized_cb, self);
  if (!self->start_requested)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

static void
wait_for_first_frame (SignetApplication *self, GtkWindow *window)
{
  if (self->start_requested)
    return;
  g_signal_connect_object (window, "realize", G_CALLBACK (window_realized_cb), self, 0);
  g_clear_handle_id (&self->start_id, g_source_remove);
  self->start_id = g_timeout_add (START_LATEST_MS, start_cb, self);
}

/* }}} */

static void
signet_application_startup (GApplication *app)
{
  SignetApplication *self = SIGNET_APPLICATION (app);
  g_autoptr (SignetJournal) journal = NULL;

  G_APPLICATION_CLASS (signet_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  signet_name_mnemonic_buttons_once ();

  /* The sandbox is the environment now (the window shows no onboarding);
   * it starts after the first frame. */
  if (self->use_sandbox)
    signet_account_select_sandbox (self->account);

  /* Every request sent from here is journalled, sent, followed and
   * archived, with or without a window. */
  journal = signet_journal_new (NULL);
  self->sync = signet_sync_new (self->account, self->settings, journal, NULL);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished_cb), self, 0);
  g_signal_connect_object (self->sync, "resumed", G_CALLBACK (sync_resumed_cb), self,
                           G_CONNECT_SWAPPED);
  self->deletions = signet_deletions_new (journal);
  if (self->search_provider != NULL)
    signet_search_provider_set_journal (self->search_provider, journal);
  g_signal_connect_object (self->deletions, "notify::n-sending", G_CALLBACK (n_sending_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deletions, "failed", G_CALLBACK (deletion_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::tracker", G_CALLBACK (tracker_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "window-removed", G_CALLBACK (window_removed_cb), NULL);
  for (guint i = 0; i < 4; i++)
    {
      const char *keys[]
        = { "watched-folder", "watched-folder-preset", "presets", "run-in-background" };
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (update_watching), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_after (self, "window-removed", G_CALLBACK (watching_window_removed_cb), NULL);
  update_watching (self);
  /* A window made now (activate, open) moves this to its first frame. */
  self->start_id = g_idle_add (start_cb, self);
}

static void
signet_application_shutdown (GApplication *app)
{
  SignetApplication *self = SIGNET_APPLICATION (app);

  stop_watching (self);
  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->sync != NULL)
    g_object_run_dispose (G_OBJECT (self->sync));
  signet_account_stop_sandbox (self->account);

  G_APPLICATION_CLASS (signet_application_parent_class)->shutdown (app);
}

static void
flushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetApplication) self = user_data;

  signet_deletions_flush_finish (SIGNET_DELETIONS (source), result, NULL);
  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
}

/* Deletions still waiting for their Undo are sent first: quitting is not
 * undoing. The windows close at once; the answers are awaited. */
static void
quit_now (SignetApplication *self)
{
  GList *windows;

  if (self->deletions == NULL
      || (signet_deletions_get_n_pending (self->deletions) == 0
          && signet_deletions_get_n_sending (self->deletions) == 0))
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  if (self->quitting)
    return;
  self->quitting = TRUE;
  g_debug ("Sending %u deletions before quitting",
           signet_deletions_get_n_pending (self->deletions));
  g_application_hold (G_APPLICATION (self));
  signet_deletions_flush_async (self->deletions, NULL, flushed_cb, g_object_ref (self));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
}

static guint
n_waiting (SignetApplication *self)
{
  SignetOutbox *outbox = self->sync != NULL ? signet_sync_get_outbox (self->sync) : NULL;

  return outbox != NULL ? signet_outbox_get_n_waiting (outbox) : 0;
}

/* Quit during a batch in the background: the last request sent, it quits. */
static void
n_waiting_changed_cb (SignetApplication *self)
{
  if (!self->held_for_sending || n_waiting (self) > 0)
    return;
  self->held_for_sending = FALSE;
  g_signal_handlers_disconnect_by_func (signet_sync_get_outbox (self->sync), n_waiting_changed_cb,
                                        self);
  g_application_release (G_APPLICATION (self));
  quit_now (self);
}

static void
send_in_background (SignetApplication *self, guint n)
{
  g_autoptr (GNotification) notification = g_notification_new (_ ("Signet Keeps Sending"));
  g_autofree char *body = NULL;
  GList           *windows;

  self->held_for_sending = TRUE;
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (signet_sync_get_outbox (self->sync), "notify::n-waiting",
                           G_CALLBACK (n_waiting_changed_cb), self, G_CONNECT_SWAPPED);
  body = g_strdup_printf (ngettext ("%u document is still being sent. Signet sends it in the "
                                    "background and quits when it is sent.",
                                    "%u documents are still being sent. Signet sends them in the "
                                    "background and quits when they are sent.",
                                    n),
                          n);
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "background-sending", notification);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
}

static gboolean
quit_idle_cb (gpointer user_data)
{
  quit_now (SIGNET_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
quit_response_cb (AdwMessageDialog *dialog, const char *response, SignetApplication *self)
{
  /* Once the dialog has closed: quit_now() destroys every window, and the
   * dialog being destroyed during its own response crashed (SIGSEGV in
   * gtk_window_set_transient_for(), seen by gui-quit-busy). */
  if (g_strcmp0 (response, "quit") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, quit_idle_cb, g_object_ref (self), g_object_unref);
}

/* A quit during a batch does not stop it silently: with background work
 * on, the batch goes on without a window; else the person is asked.
 * Either way nothing is lost: the requests are in the journal. */
static void
quit_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SignetApplication *self = user_data;
  GtkWindow         *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  guint              n = n_waiting (self);
  g_autofree char   *heading = NULL;
  AdwMessageDialog  *dialog;

  if (n == 0 || self->quitting || self->held_for_sending)
    {
      quit_now (self);
      return;
    }
  if (g_settings_get_boolean (self->settings, "run-in-background"))
    {
      send_in_background (self, n);
      return;
    }

  heading = g_strdup_printf (ngettext ("Quit while %u document is still being sent?",
                                       "Quit while %u documents are still being sent?", n),
                             n);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (window, heading,
                            ngettext ("It will be sent the next time Signet starts.",
                                      "They will be sent the next time Signet starts.", n)));
  adw_message_dialog_add_responses (dialog, "keep", _ ("_Keep Sending"), "quit", _ ("_Quit"), NULL);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (quit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication    *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Signet authors", NULL };
  g_autoptr (SignetRelease) release = NULL;
  g_autoptr (GBytes) metainfo = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *about;

  about = g_object_new (
    ADW_TYPE_ABOUT_WINDOW, "transient-for", gtk_application_get_active_window (app), "modal", TRUE,
    "application-name", _ ("Signet"), "application-icon", APPLICATION_ID, "developer-name",
    _ ("The Signet authors"), "version", PACKAGE_VERSION, "website",
    "https://github.com/signetapp/signet", "issue-url",
    "https://github.com/signetapp/signet/issues", "copyright", "© 2026 The Signet authors",
    "license-type", GTK_LICENSE_GPL_3_0, "developers", developers,
    /* Translators: Replace "translator-credits" with your names, one name per line */
    "translator-credits", _ ("translator-credits"), NULL);

  /* The release notes are written once, in the metainfo, and translated there. */
  metainfo = g_resources_lookup_data (RESOURCE_BASE_PATH "/metainfo.xml",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (metainfo != NULL)
    release = signet_metainfo_parse_latest_release (g_bytes_get_data (metainfo, NULL),
                                                    g_bytes_get_size (metainfo),
                                                    g_get_language_names (), &error);
  if (release != NULL)
    {
      adw_about_window_set_release_notes_version (ADW_ABOUT_WINDOW (about), release->version);
      if (release->notes != NULL)
        adw_about_window_set_release_notes (ADW_ABOUT_WINDOW (about), release->notes);
    }
  else
    g_warning ("Could not read the release notes: %s", error->message);

  signet_name_label_buttons (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtkWindow *window = source != NULL ? GTK_WINDOW (source) : NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (window, result, &error))
    return;
  g_debug ("Could not show the help: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    window, _ ("Could Not Open the Help"),
    _ ("No app to read help is installed. Install the Help app (Yelp) and try again.")));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The help is installed under the base id, so the development build shows it too. */
static void
help_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, "help:" BASE_APPLICATION_ID, GDK_CURRENT_TIME, NULL, help_shown_cb,
                     NULL);
}

static void
preferences_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SignetApplication *self = SIGNET_APPLICATION (user_data);
  GtkWindow         *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* With the sync, for "Reset Sandbox…". */
  gtk_window_present (g_object_new (SIGNET_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                    "account", self->account, "settings", self->settings, "sync",
                                    self->sync, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
  { "help", help_activated_cb },
  { "open-archived", open_archived_cb, "s" },
  { "show-document", show_document_cb, "x" },
};

static void
signet_application_dispose (GObject *object)
{
  SignetApplication *self = SIGNET_APPLICATION (object);

  g_clear_object (&self->deletions);
  g_clear_object (&self->sync);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->journal_error, g_free);

  G_OBJECT_CLASS (signet_application_parent_class)->dispose (object);
}

/* GNOME Shell's search asks the application itself, on its own bus name:
 * the `.ini` in data/ names this object path. */
static gboolean
signet_application_dbus_register (GApplication    *app,
                                  GDBusConnection *connection,
                                  const char      *object_path,
                                  GError         **error)
{
  SignetApplication *self = SIGNET_APPLICATION (app);
  g_autofree char   *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (signet_application_parent_class)
         ->dbus_register (app, connection, object_path, error))
    return FALSE;
  self->search_provider = signet_search_provider_new (app);
  return signet_search_provider_register (self->search_provider, connection, path, error);
}

static void
signet_application_dbus_unregister (GApplication    *app,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  SignetApplication *self = SIGNET_APPLICATION (app);

  if (self->search_provider != NULL)
    signet_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (signet_application_parent_class)
    ->dbus_unregister (app, connection, object_path);
}

static void
signet_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetApplication *self = SIGNET_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_WATCHED_FOLDER:
        g_value_set_object (value, self->watched_folder);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_application_class_init (SignetApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = signet_application_dispose;
  object_class->get_property = signet_application_get_property;

  /**
   * SignetApplication:watched-folder:
   *
   * The #SignetWatchedFolder the settings ask for, or %NULL: Preferences
   * shows its problem (docs/watched-folder.md).
   */
  properties[PROP_WATCHED_FOLDER]
    = g_param_spec_object ("watched-folder", NULL, NULL, SIGNET_TYPE_WATCHED_FOLDER,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = signet_application_activate;
  app_class->open = signet_application_open;
  app_class->startup = signet_application_startup;
  app_class->shutdown = signet_application_shutdown;
  app_class->handle_local_options = signet_application_handle_local_options;
  app_class->dbus_register = signet_application_dbus_register;
  app_class->dbus_unregister = signet_application_dbus_unregister;
}

static void
signet_application_init (SignetApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  static const char *help_accels[] = { "F1", NULL };
  g_autoptr (SignetSecretStore) secrets = NULL;
  g_autofree char *sandbox_data = NULL;
  const char      *sandbox_program;

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  /* Nothing here touches the keyring: the key is read when first needed. */
  secrets = signet_secret_store_new (APPLICATION_ID);
  self->account = signet_account_new (self->settings, secrets);
  /* Tests run Signet from the build tree, where the sandbox is not installed. */
  sandbox_program = g_getenv ("SIGNET_SANDBOX_BIN");
  if (sandbox_program == NULL || sandbox_program[0] == '\0')
    sandbox_program = BINDIR "/signet-sandbox";
  signet_account_set_sandbox_program (self->account, sandbox_program);
  /* The sandbox remembers its documents and port, so that the links in
   * the journal still open after a restart (docs/sandbox.md). */
  sandbox_data = g_build_filename (g_get_user_data_dir (), "signet", "sandbox", NULL);
  signet_account_set_sandbox_data_dir (self->account, sandbox_data);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  g_application_add_main_option (G_APPLICATION (self), "sandbox", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _ ("Try Signet with the built-in simulator of OKdokument"), NULL);
  g_application_add_main_option (
    G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
    _ ("With --sandbox: fill a fresh sandbox with sample documents in every state"), NULL);
}

/**
 * signet_application_new:
 *
 * Creates the Signet application.
 *
 * Returns: (transfer full): a new #SignetApplication
 */
SignetApplication *
signet_application_new (void)
{
  return g_object_new (SIGNET_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", RESOURCE_BASE_PATH, NULL);
}

/**
 * signet_application_new_window:
 * @self: a #SignetApplication
 *
 * Creates a main window, handing it the application's settings, account,
 * journal and deletions.
 *
 * Returns: (transfer none): a new #SignetWindow, not shown yet
 */
SignetWindow *
signet_application_new_window (SignetApplication *self)
{
  SignetWindow *window;

  g_return_val_if_fail (SIGNET_IS_APPLICATION (self), NULL);

  window = signet_window_new (GTK_APPLICATION (self), self->settings, self->account, self->sync,
                              self->deletions);
  wait_for_first_frame (self, GTK_WINDOW (window));
  if (self->journal_error != NULL)
    signet_window_show_journal_error (window, self->journal_error);
  if (self->resumed)
    {
      self->resumed = FALSE;
      signet_window_show_resumed (window, self->resumed_sent, self->resumed_unsent);
    }
  return window;
}

/**
 * signet_application_get_settings:
 * @self: a #SignetApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
signet_application_get_settings (SignetApplication *self)
{
  g_return_val_if_fail (SIGNET_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * signet_application_get_account:
 * @self: a #SignetApplication
 *
 * Returns: (transfer none): the OKdokument account
 */
SignetAccount *
signet_application_get_account (SignetApplication *self)
{
  g_return_val_if_fail (SIGNET_IS_APPLICATION (self), NULL);

  return self->account;
}
