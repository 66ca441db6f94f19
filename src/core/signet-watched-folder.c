/* signet-watched-folder.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* O_CLOEXEC and flock() under -std=c11. */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "signet-watched-folder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "signet-watched-folder.h"
#include "signet-error.h"
#include "signet-journal-origin.h"
#include "signet-pdf-inspector.h"
#include "signet-presets.h"
#include "signet-request-rounds.h"
#include "signet-request-spec.h"
#include "signet-request-validation.h"

/* Sends every PDF that appears in a folder with a preset, through the
 * journal and the outbox, and files it into Sent/ or Failed/ beside a
 * note saying why. The order of the steps makes a kill at any moment
 * harmless (docs/watched-folder.md):
 *
 *   look (twice, unchanged) → checksum + local checks → ask the journal
 *   for a request from this path and checksum → none: journal it (the
 *   outbox sends it) → once the journal says open (or failed): write the
 *   note, move the file, then the `filed` event.
 *
 * The folder is listed every few seconds rather than relying on file
 * monitors, which are blind inside the document portal; a monitor, where
 * it works, only makes the next look come sooner. */

#define DEFAULT_INTERVAL_MS 2000
#define SOON_MS             300
#define MAX_BATCH           100

typedef enum
{
  STAGE_NEW,       /* stable, not checked yet */
  STAGE_CHECKED,   /* checksum and local checks known */
  STAGE_FOLLOWING, /* journalled: waiting for the journal to say how it went */
} Stage;

typedef struct
{
  char             *name; /* in the folder */
  char             *path;
  char             *checksum;
  SignetInspection *inspection;
  char             *problem; /* why it cannot be sent, as the window says it */
  Stage             stage;
  gint64            journal_id;
  /* Filled in when it is time to file it away. */
  gboolean sent;
  char    *note;
} Item;

typedef struct
{
  guint64 size;
  gint64  mtime;
  gint64  since; /* monotonic µs when this size and time were first seen */
} Look;

struct _SignetWatchedFolder
{
  GObject parent_instance;

  SignetSync   *sync;
  GSettings    *settings;
  GFile        *folder;
  char         *preset;
  guint         interval;
  GCancellable *cancellable;
  GFileMonitor *monitor;
  guint         tick_id;
  guint         soon_id;
  gboolean      busy;      /* a look and what follows it is under way */
  guint         n_marking; /* `filed` marks on their way to the journal */
  int           lock_fd;
  GHashTable   *looks; /* name → Look */
  GHashTable   *items; /* name → Item */
  char         *problem;
};

G_DEFINE_FINAL_TYPE (SignetWatchedFolder, signet_watched_folder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROBLEM,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_free (Item *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item->path);
  g_free (item->checksum);
  g_clear_object (&item->inspection);
  g_free (item->problem);
  g_free (item->note);
  g_free (item);
}

static void look_again (SignetWatchedFolder *self);

static void
set_problem (SignetWatchedFolder *self, const char *problem)
{
  /* g_set_str() is GLib 2.76, above the floor. */
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
done (SignetWatchedFolder *self)
{
  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

static gboolean
is_candidate (GFileInfo *info)
{
  const char      *name = g_file_info_get_name (info);
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && name[0] != '.'
         && !g_file_info_get_is_hidden (info) && g_str_has_suffix (folded, ".pdf");
}

/* {{{ Filing away: the note first, then the file, then the journal's mark */

typedef struct
{
  char *folder;
  char *name;
  char *subfolder;
  char *note;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->folder);
  g_free (job->name);
  g_free (job->subfolder);
  g_free (job->note);
  g_free (job);
}

/* The first "NAME.pdf", "NAME (2).pdf", … free in @folder; the note goes
 * beside it as "NAME.txt". Only this process moves files into it (the
 * folder's lock), so a free name stays free. */
static char *
free_stem (const char *folder, const char *name)
{
  const char      *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);
  const char      *extension = dot != NULL ? dot : "";

  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s (%u)", stem, n);
      g_autofree char *file = g_strconcat (candidate, extension, NULL);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
file_away (FileJob *job, GError **error)
{
  g_autofree char *target_folder = g_build_filename (job->folder, job->subfolder, NULL);
  g_autofree char *source = g_build_filename (job->folder, job->name, NULL);
  const char      *dot = strrchr (job->name, '.');
  g_autofree char *stem = NULL;
  g_autofree char *note_name = NULL;
  g_autofree char *note_path = NULL;
  g_autofree char *target_name = NULL;
  g_autofree char *target = NULL;

  if (g_mkdir_with_parents (target_folder, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("The folder “%s” could not be made: %s"), target_folder, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");
      return FALSE;
    }
  stem = free_stem (target_folder, job->name);
  note_name = g_strconcat (stem, ".txt", NULL);
  note_path = g_build_filename (target_folder, note_name, NULL);
  target_name = g_strconcat (stem, dot != NULL ? dot : "", NULL);
  target = g_build_filename (target_folder, target_name, NULL);

  /* A kill between the two leaves the file in the folder: the next look
   * writes the note again under the same free name. */
  if (!g_file_set_contents (note_path, job->note, -1, error))
    return FALSE;
  if (g_rename (source, target) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
file_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GPtrArray *jobs = task_data;
  GArray    *filed = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), jobs->len);

  for (guint i = 0; i < jobs->len; i++)
    {
      FileJob *job = jobs->pdata[i];
      g_autoptr (GError) error = NULL;
      gboolean moved = file_away (job, &error);

      /* A file the person took away is as good as filed. */
      if (!moved && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        moved = TRUE;
      else if (!moved)
        g_warning ("“%s” could not be filed: %s", job->name, error->message);
      g_array_append_val (filed, moved);
    }
  g_task_return_pointer (task, filed, (GDestroyNotify) g_array_unref);
}

static void
marked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWatchedFolder) self = user_data;
  g_autoptr (GError) error = NULL;

  /* Without the mark, only the same file dropped again under the same
   * name would be taken for this one: logged, not shown. */
  if (!signet_journal_mark_filed_finish (SIGNET_JOURNAL (source), result, &error))
    g_warning ("A filed file could not be noted in the journal: %s", error->message);
  /* The pass ends once the marks are written, so that a signet-cli that
   * stops when the folder is empty does not leave them unwritten. */
  if (--self->n_marking == 0)
    done (self);
}

static void
filed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetWatchedFolder *self = SIGNET_WATCHED_FOLDER (source);
  GPtrArray           *names = g_object_get_data (G_OBJECT (result), "names");
  g_autoptr (GArray) filed = g_task_propagate_pointer (G_TASK (result), NULL);

  for (guint i = 0; filed != NULL && i < names->len; i++)
    {
      const char *name = names->pdata[i];
      Item       *item = g_hash_table_lookup (self->items, name);

      if (item == NULL || !g_array_index (filed, gboolean, i))
        continue;
      if (item->journal_id != 0)
        {
          self->n_marking++;
          signet_journal_mark_filed_async (signet_sync_get_journal (self->sync), item->journal_id,
                                           item->sent ? "sent" : "failed", marked_cb,
                                           g_object_ref (self));
        }
      g_signal_emit (self, signals[FILED], 0, item->name, item->sent, item->note);
      g_hash_table_remove (self->looks, name);
      g_hash_table_remove (self->items, name);
    }
  if (self->n_marking == 0)
    done (self);
}

static void
file_items (SignetWatchedFolder *self, GPtrArray *items)
{
  g_autoptr (GTask) task = NULL;
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) file_job_free);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  if (items->len == 0)
    {
      done (self);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      Item    *item = items->pdata[i];
      FileJob *job = g_new0 (FileJob, 1);

      job->folder = g_file_get_path (self->folder);
      job->name = g_strdup (item->name);
      /* The folders' names are fixed, so that scripts can rely on them. */
      job->subfolder = g_strdup (item->sent ? "Sent" : "Failed");
      job->note = g_strdup (item->note);
      g_ptr_array_add (jobs, job);
      g_ptr_array_add (names, g_strdup (item->name));
    }
  task = g_task_new (self, NULL, filed_cb, NULL);
  g_task_set_source_tag (task, file_items);
  g_task_set_task_data (task, jobs, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (task), "names", names, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, file_thread);
}

static char *
sent_note (Item *item, SignetDocumentRecord *record)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (record->created / 1000);
  g_autofree char *when = g_date_time_format (time, "%c");

  return g_strdup_printf (_ ("“%s” was sent for signing on %s.\n"
                             "Signing link: %s\n"),
                          item->name, when, record->signing_url != NULL ? record->signing_url : "");
}

static char *
failed_note (Item *item, const char *why)
{
  return g_strdup_printf (_ ("“%s” was not sent: %s\n"
                             "Correct the document, then put it into the watched folder again.\n"),
                          item->name, why);
}

/* }}} */

/* {{{ Sending: the batch is journalled in one transaction */

static void
batch_journalled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWatchedFolder) self = user_data;
  g_autoptr (GPtrArray) names = g_object_steal_data (G_OBJECT (self), "sending");
  g_autoptr (GPtrArray) to_file = g_object_steal_data (G_OBJECT (self), "to-file");
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;

  documents = signet_sync_send_batch_finish (SIGNET_SYNC (source), result, &error);
  for (guint i = 0; i < names->len; i++)
    {
      Item *item = g_hash_table_lookup (self->items, names->pdata[i]);

      if (item == NULL)
        continue;
      if (documents == NULL)
        continue; /* not journalled: asked about again at the next look */
      item->stage = STAGE_FOLLOWING;
      item->journal_id = signet_document_get_journal_id (documents->pdata[i]);
    }
  if (documents == NULL)
    set_problem (self, error->message);
  file_items (self, to_file);
}

/* The request the window's editor would start from for this file with
 * the preset; %NULL with @problem set when it cannot be sent. */
static GPtrArray *
build_rounds (SignetWatchedFolder *self, Item *item, char **problem)
{
  g_autoptr (SignetRequestSpec) spec = signet_request_spec_new_from_inspection (item->inspection);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (item->path);
  g_autoptr (GError) error = NULL;
  GPtrArray *rounds;

  signet_request_spec_apply_defaults (spec, self->settings);
  if (self->preset != NULL && self->preset[0] != '\0'
      && !signet_presets_apply (self->settings, self->preset, spec, &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  if (signet_request_spec_get_n_rounds (spec) == 0)
    signet_request_spec_add_round (spec);
  problems = signet_request_spec_validate (spec, item->inspection);
  if (problems->len > 0)
    {
      SignetSpecProblem *first = problems->pdata[0];

      *problem = g_strdup (first->message);
      return NULL;
    }
  rounds = signet_request_spec_build_rounds (spec, file, item->name, &error);
  if (rounds == NULL)
    *problem = g_strdup (error->message);
  return rounds;
}

/* }}} */

/* {{{ What the journal says about each checked file */

static void
origins_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWatchedFolder) self = user_data;
  g_autoptr (GPtrArray) names = g_object_steal_data (G_OBJECT (self), "asking");
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) to_file = g_ptr_array_new ();
  g_autoptr (GPtrArray) batch = NULL;
  g_autoptr (GPtrArray) sending = NULL;
  g_autoptr (GError) error = NULL;

  found = signet_journal_find_origins_finish (SIGNET_JOURNAL (source), result, &error);
  if (found == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (found == NULL)
        set_problem (self, error->message);
      done (self);
      return;
    }

  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  sending = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      Item                 *item = g_hash_table_lookup (self->items, names->pdata[i]);
      SignetDocumentRecord *record = found->pdata[i];
      SignetDocumentStatus  status;

      if (item == NULL)
        continue;
      if (record->id == 0)
        {
          g_autofree char *problem = g_strdup (item->problem);
          GPtrArray       *rounds = NULL;

          if (item->stage == STAGE_FOLLOWING)
            {
              /* Journalled, yet not found: another Signet withdrew it,
               * or the journal was replaced. Check it again. */
              item->stage = STAGE_NEW;
              continue;
            }
          if (problem == NULL)
            rounds = build_rounds (self, item, &problem);
          if (rounds == NULL)
            {
              g_clear_pointer (&item->note, g_free);
              item->note = failed_note (item, problem);
              item->sent = FALSE;
              g_ptr_array_add (to_file, item);
              continue;
            }
          g_ptr_array_add (batch, rounds);
          g_ptr_array_add (sending, g_strdup (item->name));
          continue;
        }

      /* In the journal: never sent again; filed once the journal knows how
       * it went. */
      item->stage = STAGE_FOLLOWING;
      item->journal_id = record->id;
      status = signet_document_status_from_string (record->status);
      if (status == SIGNET_DOCUMENT_STATUS_FAILED)
        {
          g_clear_pointer (&item->note, g_free);
          item->note = failed_note (item, record->last_error != NULL
                                            ? record->last_error
                                            : _ ("The service refused the request."));
          item->sent = FALSE;
          g_ptr_array_add (to_file, item);
        }
      else if (status >= SIGNET_DOCUMENT_STATUS_OPEN)
        {
          g_clear_pointer (&item->note, g_free);
          item->note = sent_note (item, record);
          item->sent = TRUE;
          g_ptr_array_add (to_file, item);
        }
      else if (record->last_error != NULL)
        set_problem (self, record->last_error);
    }

  if (batch->len == 0)
    {
      file_items (self, to_file);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "sending", g_steal_pointer (&sending),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self), "to-file", g_steal_pointer (&to_file),
                          (GDestroyNotify) g_ptr_array_unref);
  signet_sync_send_batch_async (self->sync, batch, NULL, batch_journalled_cb, g_object_ref (self));
}

static void
ask_journal (SignetWatchedFolder *self)
{
  g_autoptr (GPtrArray) origins
    = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_document_record_free);
  GPtrArray     *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  Item          *item;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    {
      SignetDocumentRecord *origin;

      if (item->stage == STAGE_NEW)
        continue;
      origin = g_new0 (SignetDocumentRecord, 1);
      origin->original_path = g_strdup (item->path);
      origin->checksum = g_strdup (item->checksum);
      g_ptr_array_add (origins, origin);
      g_ptr_array_add (names, g_strdup (item->name));
    }
  if (names->len == 0)
    {
      g_ptr_array_unref (names);
      done (self);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "asking", names, (GDestroyNotify) g_ptr_array_unref);
  signet_journal_find_origins_async (signet_sync_get_journal (self->sync), origins, origins_cb,
                                     g_object_ref (self));
}

/* }}} */

/* {{{ Checking: the checksum and the window's local checks, off the main thread */

static char *
checksum_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  g_autoptr (GChecksum) checksum = NULL;

  if (mapped == NULL)
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) g_mapped_file_get_contents (mapped),
                     (gssize) g_mapped_file_get_length (mapped));
  return g_strdup (g_checksum_get_string (checksum));
}

static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GPtrArray *items = task_data;

  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Item *item = items->pdata[i];
      g_autoptr (GFile) file = g_file_new_for_path (item->path);
      g_autoptr (GError) error = NULL;

      item->checksum = checksum_file (item->path, &error);
      if (item->checksum == NULL)
        continue;
      item->inspection = signet_pdf_inspect_file (file, cancellable, &error);
      if (item->inspection == NULL)
        item->problem = g_strdup (error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetWatchedFolder *self = SIGNET_WATCHED_FOLDER (source);
  GPtrArray           *checked = g_task_get_task_data (G_TASK (result));

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      done (self);
      return;
    }
  for (guint i = 0; i < checked->len; i++)
    {
      Item *item = checked->pdata[i];

      /* Unreadable right now (taken away, or no permission): looked at
       * again later. */
      if (item->checksum == NULL)
        continue;
      g_hash_table_replace (self->items, g_strdup (item->name), item);
      checked->pdata[i] = NULL;
      item->stage = STAGE_CHECKED;
    }
  ask_journal (self);
}

static void
check_new (SignetWatchedFolder *self, GPtrArray *ready)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, checked_cb, NULL);
  GPtrArray       *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autofree char *folder = g_file_get_path (self->folder);

  for (guint i = 0; i < ready->len && i < MAX_BATCH; i++)
    {
      Item *item = g_new0 (Item, 1);

      item->name = g_strdup (ready->pdata[i]);
      item->path = g_build_filename (folder, item->name, NULL);
      g_ptr_array_add (items, item);
    }
  g_task_set_source_tag (task, check_new);
  g_task_set_task_data (task, items, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, check_thread);
}

/* }}} */

/* {{{ Looking: a file is taken once its size and time stayed the same
 * for an interval */

static gint64
modified_us (GFileInfo *info)
{
  return (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
           * G_USEC_PER_SEC
         + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

/* The whole listing is in: which PDFs stayed unchanged long enough. */
static void
look_at (SignetWatchedFolder *self, GPtrArray *infos)
{
  g_autoptr (GPtrArray) ready = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64         now = g_get_monotonic_time ();
  GHashTableIter iter;
  const char    *name;

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = infos->pdata[i];
      Look      *look;

      if (!is_candidate (info))
        continue;
      name = g_file_info_get_name (info);
      look = g_hash_table_lookup (self->looks, name);
      if (look == NULL || look->size != (guint64) g_file_info_get_size (info)
          || look->mtime != modified_us (info))
        {
          look = g_new0 (Look, 1);
          look->size = (guint64) g_file_info_get_size (info);
          look->mtime = modified_us (info);
          look->since = now;
          g_hash_table_replace (self->looks, g_strdup (name), look);
        }
      g_hash_table_add (present, g_strdup (name));
      if (now - look->since >= (gint64) self->interval * 1000
          && !g_hash_table_contains (self->items, name))
        g_ptr_array_add (ready, g_strdup (name));
    }

  /* Files taken away by the person are forgotten. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (present, name))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->looks);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (present, name))
      g_hash_table_iter_remove (&iter);

  if (ready->len > 0)
    check_new (self, ready);
  else
    ask_journal (self);
}

static void
next_files_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWatchedFolder) self = user_data;
  GFileEnumerator *enumerator = G_FILE_ENUMERATOR (source);
  g_autoptr (GError) error = NULL;
  GList *infos = g_file_enumerator_next_files_finish (enumerator, result, &error);
  g_autoptr (GPtrArray) listing = NULL;

  if (infos != NULL)
    {
      GPtrArray *so_far = g_object_get_data (source, "listing");

      for (GList *l = infos; l != NULL; l = l->next)
        g_ptr_array_add (so_far, l->data);
      g_list_free (infos);
      g_file_enumerator_next_files_async (enumerator, 256, G_PRIORITY_DEFAULT, self->cancellable,
                                          next_files_cb, g_object_ref (self));
      return;
    }
  listing = g_ptr_array_ref (g_object_get_data (source, "listing"));
  g_file_enumerator_close_async (enumerator, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (error != NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      /* Cancelled (stopped), or the folder went away meanwhile: the next
       * look says so. */
      done (self);
      return;
    }
  look_at (self, listing);
}

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetWatchedFolder) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children_finish (G_FILE (source), result, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *path = g_file_get_path (self->folder);
          /* GIO's message names the path again: say it once. */
          g_autofree char *message
            = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                ? g_strdup_printf (_ ("The watched folder “%s” is not there any more. Make it "
                                      "again, or choose another one in Preferences."),
                                   path)
                : g_strdup_printf (_ ("The watched folder “%s” cannot be read: %s"), path,
                                   error->message);

          set_problem (self, message);
        }
      done (self);
      return;
    }
  set_problem (self, NULL);
  /* Listed off the main thread, a few hundred entries at a time. */
  g_object_set_data_full (G_OBJECT (enumerator), "listing",
                          g_ptr_array_new_with_free_func (g_object_unref),
                          (GDestroyNotify) g_ptr_array_unref);
  g_file_enumerator_next_files_async (enumerator, 256, G_PRIORITY_DEFAULT, self->cancellable,
                                      next_files_cb, g_object_ref (self));
}

static gboolean
tick_cb (gpointer user_data)
{
  SignetWatchedFolder *self = user_data;

  look_again (self);
  return G_SOURCE_CONTINUE;
}

static void
look_again (SignetWatchedFolder *self)
{
  if (self->busy || self->lock_fd < 0)
    return;
  self->busy = TRUE;
  g_file_enumerate_children_async (
    self->folder,
    G_FILE_ATTRIBUTE_STANDARD_NAME
    "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
    "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," G_FILE_ATTRIBUTE_TIME_MODIFIED
    "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, G_PRIORITY_DEFAULT, self->cancellable, listed_cb,
    g_object_ref (self));
}

static gboolean
soon_cb (gpointer user_data)
{
  SignetWatchedFolder *self = user_data;

  self->soon_id = 0;
  look_again (self);
  return G_SOURCE_REMOVE;
}

static void
folder_changed_cb (GFileMonitor     *monitor,
                   GFile            *file,
                   GFile            *other,
                   GFileMonitorEvent event,
                   gpointer          user_data)
{
  SignetWatchedFolder *self = user_data;

  if (self->soon_id == 0)
    self->soon_id = g_timeout_add (SOON_MS, soon_cb, self);
}

/* }}} */

/* One Signet at a time watches a folder: a lock beside the journal, named
 * by the folder's path, that the kernel drops when the process ends. */
static gboolean
take_lock (SignetWatchedFolder *self, GError **error)
{
  const char      *journal = signet_journal_get_path (signet_sync_get_journal (self->sync));
  g_autofree char *folder_path = g_file_get_path (self->folder);
  g_autofree char *locks = g_strconcat (journal, ".watched", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, folder_path, -1);
  g_autofree char *path = g_build_filename (locks, hash, NULL);
  int              fd;

  if (g_mkdir_with_parents (locks, 0700) != 0
      || (fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The watched folder could not be locked: %s"), g_strerror (saved));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_CONFLICT,
                   _ ("Another running Signet is watching the folder “%s”."), folder_path);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

/**
 * signet_watched_folder_start:
 * @self: a #SignetWatchedFolder
 * @error: return location for an error
 *
 * Takes the folder (one running Signet watches a folder at a time) and
 * starts looking at it.
 *
 * Returns: %TRUE when watching; %FALSE with %SIGNET_ERROR_CONFLICT when
 *   another running Signet watches it
 */
gboolean
signet_watched_folder_start (SignetWatchedFolder *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (SIGNET_IS_WATCHED_FOLDER (self), FALSE);

  if (self->lock_fd >= 0)
    return TRUE;
  if (!take_lock (self, &local_error))
    {
      set_problem (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_problem (self, NULL);
  g_cancellable_reset (self->cancellable);
  /* Where inotify works; inside the document portal it stays silent and
   * the regular looks do the work. */
  self->monitor
    = g_file_monitor_directory (self->folder, G_FILE_MONITOR_WATCH_MOVES, self->cancellable, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self, 0);
  self->tick_id = g_timeout_add (self->interval, tick_cb, self);
  look_again (self);
  return TRUE;
}

/**
 * signet_watched_folder_stop:
 * @self: a #SignetWatchedFolder
 *
 * Stops looking and lets the folder go. What was journalled is sent by the
 * outbox anyway, and filed by the next watcher of the folder.
 */
void
signet_watched_folder_stop (SignetWatchedFolder *self)
{
  g_return_if_fail (SIGNET_IS_WATCHED_FOLDER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = -1;
}

static void
signet_watched_folder_dispose (GObject *object)
{
  SignetWatchedFolder *self = SIGNET_WATCHED_FOLDER (object);

  signet_watched_folder_stop (self);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (signet_watched_folder_parent_class)->dispose (object);
}

static void
signet_watched_folder_finalize (GObject *object)
{
  SignetWatchedFolder *self = SIGNET_WATCHED_FOLDER (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_free (self->preset);
  g_free (self->problem);
  g_hash_table_unref (self->looks);
  g_hash_table_unref (self->items);

  G_OBJECT_CLASS (signet_watched_folder_parent_class)->finalize (object);
}

static void
signet_watched_folder_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SignetWatchedFolder *self = SIGNET_WATCHED_FOLDER (object);

  switch (prop_id)
    {
      case PROP_PROBLEM:
        g_value_set_string (value, self->problem);
        break;
      case PROP_N_WAITING:
        g_value_set_uint (value, signet_watched_folder_get_n_waiting (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_watched_folder_class_init (SignetWatchedFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = signet_watched_folder_dispose;
  object_class->finalize = signet_watched_folder_finalize;
  object_class->get_property = signet_watched_folder_get_property;

  /**
   * SignetWatchedFolder:problem:
   *
   * Why the folder is not being worked through, as a sentence (it cannot
   * be read, the journal cannot be written, the service is unreachable),
   * or %NULL.
   */
  properties[PROP_PROBLEM]
    = g_param_spec_string ("problem", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SignetWatchedFolder:n-waiting:
   *
   * How many files of the folder are being checked, sent or filed.
   */
  properties[PROP_N_WAITING]
    = g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetWatchedFolder::filed:
   * @self: the watched folder
   * @name: the file's name
   * @sent: whether it went to Sent/ (else Failed/)
   * @note: what its note says
   *
   * A file was moved out of the folder, its note beside it.
   */
  signals[FILED]
    = g_signal_new ("filed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
signet_watched_folder_init (SignetWatchedFolder *self)
{
  self->interval = DEFAULT_INTERVAL_MS;
  self->lock_fd = -1;
  self->cancellable = g_cancellable_new ();
  self->looks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) item_free);
}

/**
 * signet_watched_folder_new:
 * @sync: the sync whose journal and outbox send the files
 * @settings: the application's settings (presets, defaults)
 * @folder: the folder to watch (a local path, or one of the document portal)
 * @preset: (nullable): the preset every file is sent with
 *
 * Returns: (transfer full): a watched folder; signet_watched_folder_start()
 *   starts it
 */
SignetWatchedFolder *
signet_watched_folder_new (SignetSync *sync, GSettings *settings, GFile *folder, const char *preset)
{
  SignetWatchedFolder *self;

  g_return_val_if_fail (SIGNET_IS_SYNC (sync), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = g_object_new (SIGNET_TYPE_WATCHED_FOLDER, NULL);
  self->sync = g_object_ref (sync);
  self->settings = g_object_ref (settings);
  self->folder = g_object_ref (folder);
  self->preset = g_strdup (preset);
  return self;
}

GFile *
signet_watched_folder_get_folder (SignetWatchedFolder *self)
{
  g_return_val_if_fail (SIGNET_IS_WATCHED_FOLDER (self), NULL);

  return self->folder;
}

const char *
signet_watched_folder_get_preset (SignetWatchedFolder *self)
{
  g_return_val_if_fail (SIGNET_IS_WATCHED_FOLDER (self), NULL);

  return self->preset;
}

const char *
signet_watched_folder_get_problem (SignetWatchedFolder *self)
{
  g_return_val_if_fail (SIGNET_IS_WATCHED_FOLDER (self), NULL);

  return self->problem;
}

/**
 * signet_watched_folder_get_n_waiting:
 * @self: a #SignetWatchedFolder
 *
 * Returns: how many PDFs in the folder were seen and not filed yet
 */
guint
signet_watched_folder_get_n_waiting (SignetWatchedFolder *self)
{
  g_return_val_if_fail (SIGNET_IS_WATCHED_FOLDER (self), 0);

  return g_hash_table_size (self->looks);
}

/**
 * signet_watched_folder_set_interval:
 * @self: a #SignetWatchedFolder
 * @milliseconds: how long a file must stay unchanged, and between looks
 *
 * Set before signet_watched_folder_start(); 2 s by default.
 */
void
signet_watched_folder_set_interval (SignetWatchedFolder *self, guint milliseconds)
{
  g_return_if_fail (SIGNET_IS_WATCHED_FOLDER (self));

  self->interval = MAX (milliseconds, 50);
}
