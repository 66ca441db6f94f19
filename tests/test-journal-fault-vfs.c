/* test-journal-fault-vfs.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fault-injection VFS itself (tests/journal-fault-vfs.c) on a plain
 * SQLite database opened as the journal opens its own (WAL, synchronous
 * FULL): it counts the calls, fails the armed one with the armed code and
 * nothing else, and the database is intact once it is disarmed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "journal-fault-vfs.h"

typedef struct
{
  char    *dir;
  char    *path;
  sqlite3 *db;
} VfsFixture;

static int
exec (sqlite3 *db, const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gint64
count_rows (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64        n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM t", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
vfs_set_up (VfsFixture *vf, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  vf->dir = g_dir_make_tmp ("signet-fault-vfs-XXXXXX", &error);
  g_assert_no_error (error);
  vf->path = g_build_filename (vf->dir, "test.db", NULL);
  g_assert_cmpint (
    sqlite3_open_v2 (vf->path, &vf->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
    SQLITE_OK);
  g_assert_cmpint (exec (vf->db, "PRAGMA journal_mode = WAL"), ==, SQLITE_OK);
  g_assert_cmpint (exec (vf->db, "PRAGMA synchronous = FULL"), ==, SQLITE_OK);
  g_assert_cmpint (exec (vf->db, "CREATE TABLE t (x)"), ==, SQLITE_OK);
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (1)"), ==, SQLITE_OK);
}

static void
vfs_tear_down (VfsFixture *vf, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (vf->dir, 0, NULL);
  const char *name;

  journal_fault_vfs_disarm ();
  g_clear_pointer (&vf->db, sqlite3_close);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (vf->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (vf->dir);
  g_free (vf->path);
  g_free (vf->dir);
}

/* The default VFS is ours, and an insert is seen as writes and syncs. */
static void
test_counts (VfsFixture *vf, gconstpointer data)
{
  guint writes, syncs;

  g_assert_cmpstr (sqlite3_vfs_find (NULL)->zName, ==, "signet-fault");
  journal_fault_vfs_reset_counts ();
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (2)"), ==, SQLITE_OK);
  writes = journal_fault_vfs_count (JOURNAL_FAULT_WRITE);
  syncs = journal_fault_vfs_count (JOURNAL_FAULT_SYNC);
  g_assert_cmpuint (writes, >=, 1);
  g_assert_cmpuint (syncs, >=, 1);
  g_assert_cmpuint (journal_fault_vfs_fired (), ==, 0);
  g_assert_cmpint (count_rows (vf->db), ==, 2);
}

/* Each write point of one insert, failed in turn with each code: the
 * insert fails with that code, and the next one (the fault fires once)
 * works. */
static void
test_write (VfsFixture *vf, gconstpointer data)
{
  static const int codes[] = { SQLITE_IOERR, SQLITE_FULL };
  guint            writes;
  gint64           rows = 1;

  journal_fault_vfs_reset_counts ();
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (2)"), ==, SQLITE_OK);
  rows++;
  writes = journal_fault_vfs_count (JOURNAL_FAULT_WRITE);

  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    for (guint n = 1; n <= writes; n++)
      {
        journal_fault_vfs_arm (JOURNAL_FAULT_WRITE, n, codes[c]);
        g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (3)"), ==, codes[c]);
        g_assert_cmpuint (journal_fault_vfs_fired (), ==, 1);
        g_assert_cmpint (count_rows (vf->db), ==, rows);
        g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (4)"), ==, SQLITE_OK);
        rows++;
        g_assert_cmpint (count_rows (vf->db), ==, rows);
      }
}

static void
test_sync (VfsFixture *vf, gconstpointer data)
{
  journal_fault_vfs_arm (JOURNAL_FAULT_SYNC, 1, SQLITE_IOERR_FSYNC);
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (2)"), ==, SQLITE_IOERR);
  g_assert_cmpint (sqlite3_extended_errcode (vf->db), ==, SQLITE_IOERR_FSYNC);
  g_assert_cmpuint (journal_fault_vfs_fired (), ==, 1);
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (3)"), ==, SQLITE_OK);
}

/* A sticky fault fails every write until it is disarmed; what was
 * committed before is still there, in this connection and the next. */
static void
test_sticky (VfsFixture *vf, gconstpointer data)
{
  journal_fault_vfs_arm_sticky (JOURNAL_FAULT_WRITE, 1, SQLITE_FULL);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (2)"), ==, SQLITE_FULL);
  g_assert_cmpuint (journal_fault_vfs_fired (), >=, 3);
  journal_fault_vfs_disarm ();
  g_assert_cmpint (exec (vf->db, "INSERT INTO t VALUES (2)"), ==, SQLITE_OK);
  g_clear_pointer (&vf->db, sqlite3_close);

  g_assert_cmpint (sqlite3_open_v2 (vf->path, &vf->db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (vf->db), ==, 2);
}

static void
test_open (VfsFixture *vf, gconstpointer data)
{
  g_autofree char *other = g_build_filename (vf->dir, "other.db", NULL);
  sqlite3         *db = NULL;
  int              rc;

  journal_fault_vfs_arm (JOURNAL_FAULT_OPEN, 1, SQLITE_CANTOPEN);
  rc = sqlite3_open_v2 (other, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_CANTOPEN);
  g_assert_cmpuint (journal_fault_vfs_fired (), ==, 1);
  g_clear_pointer (&db, sqlite3_close);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open_v2 (other, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_clear_pointer (&db, sqlite3_close);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  journal_fault_vfs_install ();

  g_test_add ("/journal-fault-vfs/counts", VfsFixture, NULL, vfs_set_up, test_counts,
              vfs_tear_down);
  g_test_add ("/journal-fault-vfs/write", VfsFixture, NULL, vfs_set_up, test_write, vfs_tear_down);
  g_test_add ("/journal-fault-vfs/sync", VfsFixture, NULL, vfs_set_up, test_sync, vfs_tear_down);
  g_test_add ("/journal-fault-vfs/sticky", VfsFixture, NULL, vfs_set_up, test_sticky,
              vfs_tear_down);
  g_test_add ("/journal-fault-vfs/open", VfsFixture, NULL, vfs_set_up, test_open, vfs_tear_down);
  return g_test_run ();
}
