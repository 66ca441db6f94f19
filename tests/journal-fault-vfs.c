/* journal-fault-vfs.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file opened through this VFS is the real VFS's file behind a small
 * header whose methods count the call and then either fail it or pass it
 * on. All other VFS methods are the real VFS's own.
 */

#include "config.h"

#include "journal-fault-vfs.h"

#include <sqlite3.h>
#include <string.h>

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real; /* right after this struct, szOsFile of the real VFS */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs  fault_vfs;

static GMutex   lock;
static guint    counts[JOURNAL_FAULT_N_KINDS];
static gboolean armed;
static gboolean sticky;
static int      armed_kind;
static guint    armed_n; /* the armed call, counted from arming */
static guint    armed_seen;
static int      armed_code;
static guint    n_fired;

/* Counts one call of @kind; returns the code it must fail with, or
 * SQLITE_OK. */
static int
count_call (JournalFaultKind kind)
{
  int code = SQLITE_OK;

  g_mutex_lock (&lock);
  counts[kind]++;
  if (armed && (int) kind == armed_kind)
    {
      armed_seen++;
      if (armed_seen == armed_n || (sticky && armed_seen > armed_n))
        {
          code = armed_code;
          n_fired++;
          if (!sticky)
            armed = FALSE;
        }
    }
  g_mutex_unlock (&lock);
  return code;
}

static int
fault_close (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xClose (f->real);
}

static int
fault_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xRead (f->real, buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  FaultFile *f = (FaultFile *) file;
  int        code = count_call (JOURNAL_FAULT_WRITE);

  if (code != SQLITE_OK)
    return code;
  return f->real->pMethods->xWrite (f->real, buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xTruncate (f->real, size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  FaultFile *f = (FaultFile *) file;
  int        code = count_call (JOURNAL_FAULT_SYNC);

  if (code != SQLITE_OK)
    return code;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xFileSize (f->real, size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xLock (f->real, level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xUnlock (f->real, level);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *reserved)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xCheckReservedLock (f->real, reserved);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xFileControl (f->real, op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xSectorSize (f->real);
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xDeviceCharacteristics (f->real);
}

static int
fault_shm_map (sqlite3_file *file, int page, int page_size, int extend, void volatile **mapped)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xShmMap (f->real, page, page_size, extend, mapped);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;

  f->real->pMethods->xShmBarrier (f->real);
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xShmUnmap (f->real, delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xFetch (f->real, offset, amount, pointer);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  FaultFile *f = (FaultFile *) file;

  return f->real->pMethods->xUnfetch (f->real, offset, pointer);
}

/* One table per version of the real file's methods, so that SQLite never
 * calls a method the real file lacks. */
static sqlite3_io_methods fault_methods[3];

static void
init_methods (void)
{
  for (int v = 1; v <= 3; v++)
    {
      sqlite3_io_methods *m = &fault_methods[v - 1];

      *m = (sqlite3_io_methods){
        .iVersion = v,
        .xClose = fault_close,
        .xRead = fault_read,
        .xWrite = fault_write,
        .xTruncate = fault_truncate,
        .xSync = fault_sync,
        .xFileSize = fault_file_size,
        .xLock = fault_lock,
        .xUnlock = fault_unlock,
        .xCheckReservedLock = fault_check_reserved_lock,
        .xFileControl = fault_file_control,
        .xSectorSize = fault_sector_size,
        .xDeviceCharacteristics = fault_device_characteristics,
      };
      if (v >= 2)
        {
          m->xShmMap = fault_shm_map;
          m->xShmLock = fault_shm_lock;
          m->xShmBarrier = fault_shm_barrier;
          m->xShmUnmap = fault_shm_unmap;
        }
      if (v >= 3)
        {
          m->xFetch = fault_fetch;
          m->xUnfetch = fault_unfetch;
        }
    }
}

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *f = (FaultFile *) file;
  int        code = count_call (JOURNAL_FAULT_OPEN);
  int        rc;

  f->base.pMethods = NULL;
  if (code != SQLITE_OK)
    return code;

  f->real = (sqlite3_file *) (f + 1);
  f->real->pMethods = NULL;
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  /* A file whose real open failed may still need its xClose (SQLite calls
   * it when pMethods is set). */
  if (f->real->pMethods != NULL)
    f->base.pMethods = &fault_methods[CLAMP (f->real->pMethods->iVersion, 1, 3) - 1];
  return rc;
}

void
journal_fault_vfs_install (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_assert_cmpint (sqlite3_initialize (), ==, SQLITE_OK);
      real_vfs = sqlite3_vfs_find (NULL);
      g_assert_nonnull (real_vfs);
      init_methods ();
      fault_vfs = *real_vfs;
      fault_vfs.zName = "signet-fault";
      fault_vfs.szOsFile = sizeof (FaultFile) + real_vfs->szOsFile;
      fault_vfs.xOpen = fault_open;
      fault_vfs.pNext = NULL;
      g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
      g_once_init_leave (&done, 1);
    }
}

static void
arm (JournalFaultKind kind, guint n, int code, gboolean is_sticky)
{
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpint (code, !=, SQLITE_OK);
  g_mutex_lock (&lock);
  armed = TRUE;
  sticky = is_sticky;
  armed_kind = kind;
  armed_n = n;
  armed_seen = 0;
  armed_code = code;
  n_fired = 0;
  g_mutex_unlock (&lock);
}

void
journal_fault_vfs_arm (JournalFaultKind kind, guint n, int code)
{
  arm (kind, n, code, FALSE);
}

void
journal_fault_vfs_arm_sticky (JournalFaultKind kind, guint n, int code)
{
  arm (kind, n, code, TRUE);
}

void
journal_fault_vfs_disarm (void)
{
  g_mutex_lock (&lock);
  armed = FALSE;
  sticky = FALSE;
  g_mutex_unlock (&lock);
}

guint
journal_fault_vfs_count (JournalFaultKind kind)
{
  guint n;

  g_mutex_lock (&lock);
  n = counts[kind];
  g_mutex_unlock (&lock);
  return n;
}

void
journal_fault_vfs_reset_counts (void)
{
  g_mutex_lock (&lock);
  memset (counts, 0, sizeof counts);
  g_mutex_unlock (&lock);
}

guint
journal_fault_vfs_fired (void)
{
  guint n;

  g_mutex_lock (&lock);
  n = n_fired;
  g_mutex_unlock (&lock);
  return n;
}
