/* signet-handover-state.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "signet-document.h"
#include "signet-qr-view.h"
#include "signet-sync.h"

G_BEGIN_DECLS

/**
 * SignetHandoverTone:
 * @SIGNET_HANDOVER_TONE_BUSY: Signet or the service is at work (sending, preparing)
 * @SIGNET_HANDOVER_TONE_WAITING: the signer has to act
 * @SIGNET_HANDOVER_TONE_SUCCESS: signed
 * @SIGNET_HANDOVER_TONE_ENDED: over without a signature (cancelled, expired, gone)
 * @SIGNET_HANDOVER_TONE_FAILED: the request failed
 *
 * How a state is shown: with a spinner while Signet works, else an icon.
 */
typedef enum
{
  SIGNET_HANDOVER_TONE_BUSY,
  SIGNET_HANDOVER_TONE_WAITING,
  SIGNET_HANDOVER_TONE_SUCCESS,
  SIGNET_HANDOVER_TONE_ENDED,
  SIGNET_HANDOVER_TONE_FAILED,
} SignetHandoverTone;

char *signet_handover_describe_state (SignetDocumentStatus status,
                                      SignetDocumentState  state,
                                      guint                round,
                                      guint                n_rounds,
                                      const char          *last_error,
                                      const char          *archive_path,
                                      char               **detail,
                                      SignetHandoverTone  *tone);
char *signet_handover_describe_document (SignetDocument     *document,
                                         char              **detail,
                                         SignetHandoverTone *tone);
char *signet_handover_describe_mail (const char *email_to,
                                     const char *email_final,
                                     gboolean    has_otp,
                                     char      **final_copy,
                                     char      **advice);
void  signet_handover_set_on_screen (SignetSync *sync, GtkWidget *owner, SignetDocument *document);
gboolean signet_handover_replace_sync (GtkWidget      *owner,
                                       SignetSync    **slot,
                                       SignetSync     *sync,
                                       SignetDocument *document);
void     signet_handover_show_tone (SignetHandoverTone tone,
                                    GtkSpinner        *spinner,
                                    GtkImage          *icon,
                                    GtkImage          *large_icon,
                                    GtkWidget         *label);

void signet_handover_show_code (GtkWidget      *owner,
                                SignetDocument *document,
                                GtkStack       *qr_stack,
                                GtkSpinner     *preparing_spinner,
                                SignetQrView   *qr_view);

G_END_DECLS
