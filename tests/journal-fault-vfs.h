/* journal-fault-vfs.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A test-only SQLite VFS over the default one that makes the Nth write,
 * sync or open fail, so that a test can drive every journal write point
 * into an I/O error or a full disk. journal_fault_vfs_install() registers
 * it as the process's default VFS (every sqlite3_open_v2() with a NULL VFS
 * name goes through it); call it before the first journal is opened. The
 * counters and the armed fault are shared by all threads (the journal
 * writes on its worker thread). */
typedef enum
{
  JOURNAL_FAULT_WRITE, /* xWrite on any file: the database, its WAL, a temp file */
  JOURNAL_FAULT_SYNC,  /* xSync */
  JOURNAL_FAULT_OPEN,  /* xOpen */
} JournalFaultKind;

#define JOURNAL_FAULT_N_KINDS 3

void journal_fault_vfs_install (void);

/* The @n-th call of @kind from now on (1 is the next one) fails with
 * @code (SQLITE_IOERR, SQLITE_FULL, an extended code such as
 * SQLITE_IOERR_WRITE, …), once. Arming again replaces the armed fault and
 * restarts its count; the counters of calls seen are not reset. */
void journal_fault_vfs_arm (JournalFaultKind kind, guint n, int code);

/* The same, but the @n-th call and every later one of @kind fail until
 * journal_fault_vfs_disarm(): a disk that stays full. */
void journal_fault_vfs_arm_sticky (JournalFaultKind kind, guint n, int code);

void journal_fault_vfs_disarm (void);

/* Calls of @kind seen since the last reset, failed ones included. */
guint journal_fault_vfs_count (JournalFaultKind kind);
void  journal_fault_vfs_reset_counts (void);

/* How many calls the armed (or last armed) fault has failed. */
guint journal_fault_vfs_fired (void);

G_END_DECLS
