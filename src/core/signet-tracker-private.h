/* signet-tracker-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-document.h"
#include "signet-tracker.h"

G_BEGIN_DECLS

/* What the tracker's files share: signet-tracker.c (the object),
 * signet-tracker-rounds.c (rounds and what they write) and
 * signet-tracker-archive.c (a signed document into the archive). */

typedef struct _SignetTrackerRecord SignetTrackerRecord;

struct _SignetTracker
{
  GObject parent_instance;

  SignetJournal   *journal;
  SignetClient    *client;
  char            *environment;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;

  gboolean started;
  gboolean online;
  gboolean polling;
  guint    timer_id;
  guint    failures;
  GError  *problem;         /* of the last round, NULL after a good one */
  gint64   last_full_round; /* monotonic µs */
  gint64   round_started;   /* real ms: changes after it are not judged */
  gboolean round_full;      /* this round asks the lists, not only the page's document */

  guint           interval;
  guint           fast_interval;
  char           *archive_folder;
  gboolean        delete_after_archiving;
  gboolean        archive_elsewhere; /* archive what was signed, wherever it was sent */
  gboolean        save_evidence;     /* docs/evidence.md, beside each archived copy */
  SignetDocument *on_screen;

  GHashTable *states;      /* document id → SignetDocumentState, this round */
  GHashTable *infos;       /* document id → SignetDocumentInfo, this full round's lists */
  GHashTable *known;       /* document ids of this environment's documents, this full round */
  GPtrArray  *seen;        /* SignetDocument the lists had, this full round */
  gboolean    sending;     /* a request of this desk was pending during the round */
  guint       judge_index; /* the next document check_missing() looks at */
  guint       judge_id;    /* the idle that goes on judging */
  guint       n_importing; /* import batches on their way */
  guint       n_imported;  /* documents the current import added so far */
  GQueue      to_query;    /* SignetDocumentState still to list this round */
  GHashTable *archiving;   /* SignetDocument being archived */
  GQueue      unsaved;     /* Record the journal could not write, for the next round */
  gulong      changed_id;
  gulong      network_id;
};

/* signet-tracker.c */
gboolean signet_tracker_is_mine (SignetTracker *self, SignetDocument *document);
void     signet_tracker_set_problem (SignetTracker *self, GError *error);
void     signet_tracker_emit_finished (SignetTracker *self, SignetDocument *document);

/* signet-tracker-rounds.c */
void signet_tracker_save (SignetTracker  *self,
                          SignetDocument *document,
                          const char     *event,
                          const char     *detail);
void signet_tracker_record (SignetTracker  *self,
                            SignetDocument *document,
                            const char     *event,
                            const char     *detail);
void signet_tracker_record_free (SignetTrackerRecord *record);
void signet_tracker_poll_round (SignetTracker *self);
void signet_tracker_removed (SignetTracker *self, SignetDocument *document);
void signet_tracker_schedule (SignetTracker *self);

/* signet-tracker-import.c */
void signet_tracker_import (SignetTracker *self);

/* signet-tracker-archive.c */
void signet_tracker_archive (SignetTracker *self, SignetDocument *document);
void signet_tracker_record_evidence (SignetTracker *self, SignetDocument *document);
void signet_tracker_emit_evidence_recorded (SignetTracker *self, SignetDocument *document);

G_END_DECLS
