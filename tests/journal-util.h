/* journal-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "async-util.h"
#include "sandbox-fixture.h"
#include "signet-client.h"
#include "signet-document.h"
#include "signet-journal.h"
#include <json-glib/json-glib.h>
#include "signet-outbox.h"
#include "signet-sync.h"

G_BEGIN_DECLS

/* The journal, outbox, tracker and archive tests: a sandbox in-process,
 * a journal in the test's own XDG_DATA_HOME and a network monitor whose
 * network the test takes away and gives back. */
typedef struct
{
  Fixture          sandbox;
  SignetJournal   *journal;
  SignetClient    *client;
  GNetworkMonitor *monitor;
} JournalFixture;

void journal_fixture_set_up (JournalFixture *jf, gconstpointer data);
void journal_fixture_tear_down (JournalFixture *jf, gconstpointer data);

/* The same, with the account on that sandbox and a started SignetSync
 * (outbox and tracker) over the journal, archiving into
 * $XDG_DATA_HOME/Signed. */
typedef struct
{
  JournalFixture     jf;
  GSettings         *settings;
  SignetSecretStore *secrets;
  SignetAccount     *account;
  SignetSync        *sync;
} SyncFixture;

void sync_fixture_set_up (SyncFixture *sf, gconstpointer data);
void sync_fixture_tear_down (SyncFixture *sf, gconstpointer data);

SignetJournal *open_journal (const char *path);
void           close_journal (SignetJournal *journal);
/* Closes *@journal, opens it again from @path and returns its document
 * with the row @id (which must be there). */
SignetDocument *reopen_journal (const char *path, SignetJournal **journal, gint64 id);
SignetDocument *
journal_add (SignetJournal *journal, SignetSignatureRequest *const *rounds, guint n_rounds);
SignetClient    *new_client (const char *base_url);
char            *write_pdf (const char *name, const char *const *pages);
GNetworkMonitor *test_network_monitor_new (void);
void             set_online (GNetworkMonitor *monitor, gboolean online);
gint64           sandbox_count (Fixture *fx, const char *metric);
void             wait_status (SignetDocument *document, SignetDocumentStatus status, guint seconds);
void             run_for (guint milliseconds);
/* Iterates the main context until @done says so; fails with @what after
 * @seconds. */
typedef gboolean (*WaitFunc) (gpointer data);
void   wait_until (WaitFunc done, gpointer data, guint seconds, const char *what);
void   wait_last_error (SignetDocument *document, guint seconds);
gint64 sandbox_calls (Fixture *fx, const char *route);
/* A batch for signet_journal_add_batch_async(): one round for each file. */
GPtrArray *file_batch (const char *const *paths, guint n);
/* This test program again, with @args, its data in @data_home. */
GSubprocess *spawn_self (const char *data_home, const char *const *args);
GPtrArray   *journal_events (SignetJournal *journal, SignetDocument *document);
JsonNode    *journal_evidence (SignetJournal *journal, SignetDocument *document);
gboolean     has_event (GPtrArray *events, const char *kind);
/* An outbox for the sandbox that retries after @retry_delay ms, then
 * after up to five times that. */
SignetOutbox *quick_outbox_new (SignetJournal   *journal,
                                SignetClient    *client,
                                GNetworkMonitor *monitor,
                                guint            retry_delay);
/* quick_outbox_new() on the fixture's journal, retrying after 40 ms,
 * started. */
SignetOutbox *journal_fixture_start_outbox (JournalFixture *jf);
/* The crash tests' parent: the fixture with its journal closed, for the
 * child to open; returns the journal's path. The tear-down opens it
 * again first. */
char *journal_fixture_set_up_closed (JournalFixture *jf, gconstpointer data);
void  journal_fixture_tear_down_closed (JournalFixture *jf, const char *path, gconstpointer data);
/* A crash test's child: runs until one of its handlers exits. */
G_NORETURN void run_forever (void);
/* Every write asked for so far is done: the journal's one thread answers
 * in order. */
void journal_barrier (JournalFixture *jf, SignetDocument *document);
/* A request for @name added to the journal and sent: open on the server. */
SignetDocument *send_open (JournalFixture *jf, const char *name);
/* @n_rounds rounds starting with @first (taken): the first prepares the
 * tags, each round may sign its own field _SO1_, _SO2_… */
GPtrArray *rounds_new (SignetSignatureRequest *first, guint n_rounds, GDateTime *expiration);
/* POST /sandbox/@what/ID for @document's request, as signer "Eva". */
void sandbox_control (Fixture *fx, const char *what, SignetDocument *document);
/* Whether the sandbox still keeps the document @document_id. */
gboolean sandbox_has (Fixture *fx, const char *document_id);

G_END_DECLS
