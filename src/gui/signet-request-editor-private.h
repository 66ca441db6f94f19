/* signet-request-editor-private.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-request-editor.h"
#include "signet-request-sender.h"
#include "signet-request-validation.h"

G_BEGIN_DECLS

/* Shared by the files of SignetRequestEditor: the class, template and
 * bindings (signet-request-editor.c), its actions (-actions.c), the
 * signers and their places (-rounds.c), Send and the summary (-send.c)
 * and the preset menu (-presets.c). */
typedef struct _SignetEditorPresets SignetEditorPresets;

struct _SignetRequestEditor
{
  AdwBin parent_instance;

  GSettings         *settings;
  SignetAccount     *account;
  SignetSync        *sync;
  SignetIntakeQueue *queue;
  SignetIntakeItem  *item;
  SignetRequestSpec *spec;
  GPtrArray         *bindings;   /* GBinding, to the shown spec */
  GPtrArray         *rounds;     /* SignetRoundSpec whose notify we follow */
  GPtrArray         *field_rows; /* rows of the shown field values */
  GPtrArray         *items;      /* SignetIntakeItem whose state we follow */
  guint              validate_id;
  char              *blocker;
  gboolean           updating;
  gboolean           counter_asked;

  SignetEditorPresets *presets; /* the Presets menu (-presets.c) */

  SignetRequestSender *sender;
  GCancellable        *send_cancellable; /* the Cancel button's */
  GCancellable        *cancellable;      /* cancelled in dispose */

  GtkStack       *form_stack;
  GtkWidget      *form_box;
  AdwComboRow    *mode_row;
  AdwComboRow    *signers_row;
  GtkMenuButton  *preset_button;
  GtkBox         *rounds_box;
  GtkWidget      *add_round_button;
  AdwEntryRow    *sender_email_row;
  AdwEntryRow    *sender_name_row;
  AdwExpanderRow *email_more_row;
  AdwEntryRow    *message_row;
  AdwComboRow    *language_row;
  AdwEntryRow    *final_row;
  GtkSwitch      *reminders_switch;
  AdwActionRow   *expiry_row;
  GtkAdjustment  *expiry_adjustment;
  GtkSwitch      *qr_switch;
  AdwExpanderRow *advanced_row;
  GtkSwitch      *no_mouse_switch;
  GtkSwitch      *stamp_switch;
  AdwComboRow    *fields_before_row;
  GtkSwitch      *ignore_required_switch;
  GtkSwitch      *auto_submit_switch;
  GtkSwitch      *one_button_switch;
  GtkSwitch      *open_signature_switch;
  GtkSwitch      *read_required_switch;
  AdwEntryRow    *date_format_row;
  AdwEntryRow    *result_url_row;
  AdwExpanderRow *field_values_row;
  AdwEntryRow    *add_field_row;
  GtkLabel       *problem_label;
  GtkLabel       *quota_label;
  GtkStack       *send_stack;
  GtkButton      *send_button;
  GtkProgressBar *progress_bar;
};

static inline gboolean
_signet_request_editor_item_is_ready (SignetIntakeItem *item)
{
  return signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_READY;
}

/* signet-request-editor.c */
void _signet_request_editor_toast (SignetRequestEditor *self, const char *title);
void _signet_request_editor_set_blocker (SignetRequestEditor *self, const char *blocker);
void _signet_request_editor_set_sender (SignetRequestEditor *self, SignetRequestSender *sender);
void _signet_request_editor_entry_sent (SignetRequestEditor *self, SignetIntakeItem *item);
void _signet_request_editor_sent (SignetRequestEditor *self, GListModel *documents);
void _signet_request_editor_store_settings (SignetIntakeItem *item);

/* signet-request-editor-actions.c */
void _signet_request_editor_class_actions_init (GtkWidgetClass *widget_class);

/* signet-request-editor-rounds.c */
void _signet_request_editor_class_rounds_init (GtkWidgetClass *widget_class);
void _signet_request_editor_follow_rounds (SignetRequestEditor *self);
void _signet_request_editor_show_rounds (SignetRequestEditor *self);
void _signet_request_editor_give_places (SignetRequestSpec *spec, SignetInspection *inspection);

/* signet-request-editor-send.c */
void       _signet_request_editor_class_send_init (GtkWidgetClass *widget_class);
void       _signet_request_editor_queue_validate (SignetRequestEditor *self);
GPtrArray *_signet_request_editor_ready_items (SignetRequestEditor *self, guint *n_checking);

/* signet-request-editor-prefill.c */
SignetRequestSpec *_signet_request_editor_take_prefill (SignetRequestEditor *self,
                                                        SignetIntakeItem    *item);

/* signet-request-editor-presets.c */
void _signet_request_editor_class_presets_init (GtkWidgetClass *widget_class);
void _signet_request_editor_presets_init (SignetRequestEditor *self);
void _signet_request_editor_presets_follow (SignetRequestEditor *self);
void _signet_request_editor_presets_dispose (SignetRequestEditor *self);

G_END_DECLS
