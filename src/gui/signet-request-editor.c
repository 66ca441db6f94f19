/* signet-request-editor.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-editor.h"
#include "signet-error.h"
#include "signet-form-util.h"
#include "signet-presets.h"
#include "signet-request-sender.h"
#include "signet-request-validation.h"
#include "signet-round-editor.h"

/* The request editor beside the preview: every option of the selected
 * queue entry's request, and the Send button for every entry that is
 * ready. Each entry has its own SignetRequestSpec (made from its
 * inspection and the defaults the first time it is needed, and kept on
 * the entry), so that what was found in each file decides its mode and
 * fields; "Use These Settings for Every Document" copies the options that
 * are not tied to one file to the others. */

#define SPEC_KEY "signet-request-spec"

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
  gboolean           disposed;
  gboolean           counter_asked;

  SignetRequestSender *sender;
  GCancellable        *send_cancellable;
  GCancellable        *cancellable; /* the counter's refreshes */

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

G_DEFINE_FINAL_TYPE (SignetRequestEditor, signet_request_editor, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BLOCKER,
  PROP_SENDING,
  N_PROPS
};

enum
{
  ENTRY_SENT,
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void queue_validate (SignetRequestEditor *self);
static void show_rounds (SignetRequestEditor *self);

/* {{{ Helpers */

static void
toast (SignetRequestEditor *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

static gboolean
item_is_ready (SignetIntakeItem *item)
{
  return signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_READY;
}

static int
reading_order (gconstpointer a, gconstpointer b)
{
  const SignetSignatureSpot *one = *(SignetSignatureSpot *const *) a;
  const SignetSignatureSpot *other = *(SignetSignatureSpot *const *) b;

  if (one->page != other->page)
    return one->page < other->page ? -1 : 1;
  /* Places on one line (within half a field's height) go left to right. */
  if (ABS (one->y - other->y) > MIN (one->height, other->height) / 2)
    return one->y < other->y ? -1 : 1;
  return one->x < other->x ? -1 : one->x > other->x ? 1 : 0;
}

/* The names of the places to sign that the mode uses, in reading order
 * (the order signers take them in unless told), or NULL. */
static GStrv
places_for (SignetRequestSpec *spec, SignetInspection *inspection)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) spots = NULL;
  SignetSigningMode mode = signet_request_spec_get_signing_mode (spec);
  SignetSpotKind    kind;
  GPtrArray        *found;
  gboolean          any = FALSE;

  if (inspection == NULL || mode == SIGNET_SIGNING_MODE_ANYWHERE)
    return NULL;

  kind = mode == SIGNET_SIGNING_MODE_FIELDS ? SIGNET_SPOT_KIND_FIELD : SIGNET_SPOT_KIND_TAG;
  found = signet_inspection_get_spots (inspection);
  spots = g_ptr_array_new ();
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (spots, g_ptr_array_index (found, i));
  g_ptr_array_sort (spots, reading_order);
  for (guint i = 0; i < spots->len; i++)
    {
      SignetSignatureSpot *spot = g_ptr_array_index (spots, i);
      gboolean             seen = FALSE;

      if (spot->kind != kind)
        continue;
      /* A tag may stand on several pages; one name is one place. */
      for (guint j = 0; j < i && !seen; j++)
        {
          SignetSignatureSpot *other = g_ptr_array_index (spots, j);

          seen = other->kind == kind && g_strcmp0 (other->name, spot->name) == 0;
        }
      if (!seen)
        {
          g_strv_builder_add (builder, spot->name);
          any = TRUE;
        }
    }

  return any ? g_strv_builder_end (builder) : NULL;
}

/* }}} */
/* {{{ Specs of the entries */

/**
 * signet_request_editor_spec_for_item:
 * @self: a #SignetRequestEditor
 * @item: a ready entry of the queue
 *
 * Returns: (transfer none): the entry's request description, made from
 *   its inspection and the defaults the first time
 */
SignetRequestSpec *
signet_request_editor_spec_for_item (SignetRequestEditor *self, SignetIntakeItem *item)
{
  SignetRequestSpec *spec;

  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);
  g_return_val_if_fail (SIGNET_IS_INTAKE_ITEM (item), NULL);
  g_return_val_if_fail (item_is_ready (item), NULL);

  spec = g_object_get_data (G_OBJECT (item), SPEC_KEY);
  if (spec != NULL)
    return spec;

  spec = signet_request_spec_new_from_inspection (signet_intake_item_get_inspection (item));
  if (self->settings != NULL)
    signet_request_spec_apply_defaults (spec, self->settings);
  g_object_set_data_full (G_OBJECT (item), SPEC_KEY, spec, g_object_unref);
  return spec;
}

/* }}} */
/* {{{ Showing a spec */

static void
unbind (SignetRequestEditor *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  for (guint i = 0; i < self->rounds->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rounds, i), self);
  g_ptr_array_set_size (self->rounds, 0);

  if (self->spec != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->spec, self);
      g_signal_handlers_disconnect_by_data (signet_request_spec_get_rounds (self->spec), self);
      g_signal_handlers_disconnect_by_data (signet_request_spec_get_field_values (self->spec),
                                            self);
    }
}

static void
bind (SignetRequestEditor *self, const char *property, gpointer target, const char *target_property)
{
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property (
                                     self->spec, property, target, target_property,
                                     G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE)));
}

static gboolean
flags_to_active (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_boolean (to, g_value_get_flags (from) != 0);
  return TRUE;
}

static gboolean
active_to_flags (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_flags (to, g_value_get_boolean (from)
                           ? SIGNET_FIELD_TYPE_FLAGS_TEXT | SIGNET_FIELD_TYPE_FLAGS_CHECKBOX
                               | SIGNET_FIELD_TYPE_FLAGS_SIGNATURE | SIGNET_FIELD_TYPE_FLAGS_RADIO
                               | SIGNET_FIELD_TYPE_FLAGS_COMBOBOX
                           : SIGNET_FIELD_TYPE_FLAGS_NONE);
  return TRUE;
}

static void
show_language (SignetRequestEditor *self)
{
  const char *const *languages = signet_request_spec_get_languages ();
  const char        *language = signet_request_spec_get_language (self->spec);
  guint              selected = 0;

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], language) == 0)
      selected = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->language_row, selected);
  self->updating = FALSE;
}

static void
language_selected_cb (SignetRequestEditor *self)
{
  const char *const *languages = signet_request_spec_get_languages ();
  guint              selected = adw_combo_row_get_selected (self->language_row);

  if (self->updating || self->spec == NULL || selected == GTK_INVALID_LIST_POSITION
      || selected >= g_strv_length ((char **) languages))
    return;

  signet_request_spec_set_language (self->spec, languages[selected]);
}

static void
remove_field_clicked_cb (GtkButton *button, SignetRequestEditor *self)
{
  SignetFieldValue *value = g_object_get_data (G_OBJECT (button), "field-value");
  GListModel       *values = signet_request_spec_get_field_values (self->spec);

  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    {
      g_autoptr (SignetFieldValue) other = g_list_model_get_item (values, i);

      if (other == value)
        {
          g_list_store_remove (G_LIST_STORE (values), i);
          return;
        }
    }
}

static void
show_field_values (SignetRequestEditor *self)
{
  GListModel *values = signet_request_spec_get_field_values (self->spec);
  guint       n = g_list_model_get_n_items (values);

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_expander_row_remove (self->field_values_row, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetFieldValue) value = g_list_model_get_item (values, i);
      GtkWidget       *row = adw_entry_row_new ();
      GtkWidget       *lock = gtk_toggle_button_new ();
      GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *remove_label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     signet_field_value_get_name (value));
      signet_form_bind_text (value, "value", row);

      gtk_button_set_icon_name (GTK_BUTTON (lock), "changes-prevent-symbolic");
      gtk_widget_set_valign (lock, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (lock, "flat");
      gtk_widget_set_tooltip_text (lock, _ ("Read-Only for the Signer"));
      g_object_bind_property (value, "read-only", lock, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), lock);

      /* Translators: a button's tooltip; %s is the name of a form field */
      remove_label = g_strdup_printf (_ ("Remove “%s”"), signet_field_value_get_name (value));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      g_object_set_data_full (G_OBJECT (remove), "field-value", g_object_ref (value),
                              g_object_unref);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_field_clicked_cb), self, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

      adw_expander_row_add_row (self->field_values_row, row);
      g_ptr_array_add (self->field_rows, row);
    }

  if (n > 0)
    {
      g_autofree char *subtitle
        = g_strdup_printf (ngettext ("%u field filled in", "%u fields filled in", n), n);
      adw_expander_row_set_subtitle (self->field_values_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->field_values_row, _ ("None"));
    }
}

static void
add_field_apply_cb (SignetRequestEditor *self)
{
  g_autofree char *name
    = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_field_row))));

  if (self->spec == NULL || name[0] == '\0')
    return;

  signet_request_spec_add_field_value (self->spec, name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_field_row), "");
}

static void
round_remove_cb (SignetRoundEditor *editor, SignetRequestEditor *self)
{
  GListModel      *rounds = signet_request_spec_get_rounds (self->spec);
  SignetRoundSpec *round = signet_round_editor_get_round (editor);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr (SignetRoundSpec) other = g_list_model_get_item (rounds, i);

      if (other == round)
        {
          signet_request_spec_remove_round (self->spec, i);
          return;
        }
    }
}

/* Whether two lists name the same places, in any order. */
static gboolean
same_places (const char *const *places, const char *const *fields)
{
  if (g_strv_length ((char **) places) != g_strv_length ((char **) fields))
    return FALSE;
  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_strv_contains (places, fields[i]))
      return FALSE;
  return TRUE;
}

/* Each signer of several gets the next place found, unless chosen. */
static void
give_places_in (SignetRequestSpec *spec, SignetInspection *inspection)
{
  g_auto (GStrv) places = places_for (spec, inspection);
  guint n_rounds = signet_request_spec_get_n_rounds (spec);

  if (places == NULL || n_rounds < 2)
    return;

  for (guint i = 0; i < n_rounds && places[i] != NULL; i++)
    {
      SignetRoundSpec   *round = signet_request_spec_get_round (spec, i);
      const char *const *fields = signet_round_spec_get_fields (round);
      const char        *place[] = { places[i], NULL };

      /* None chosen, or all of them (what a new spec starts with). */
      if (fields == NULL || fields[0] == NULL || same_places ((const char *const *) places, fields))
        signet_round_spec_set_fields (round, place);
    }
}

static void
give_places (SignetRequestEditor *self)
{
  give_places_in (self->spec, signet_intake_item_get_inspection (self->item));
}

static void
show_rounds (SignetRequestEditor *self)
{
  g_auto (GStrv) places = NULL;
  GtkWidget *child;
  guint      n_rounds;

  for (guint i = 0; i < self->rounds->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rounds, i), self);
  g_ptr_array_set_size (self->rounds, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rounds_box))) != NULL)
    gtk_box_remove (self->rounds_box, child);

  if (self->spec == NULL)
    return;

  places = places_for (self->spec, signet_intake_item_get_inspection (self->item));
  n_rounds = signet_request_spec_get_n_rounds (self->spec);
  for (guint i = 0; i < n_rounds; i++)
    {
      SignetRoundSpec *round = signet_request_spec_get_round (self->spec, i);

      GtkWidget *editor = signet_round_editor_new (round);

      signet_round_editor_set_position (SIGNET_ROUND_EDITOR (editor), i, n_rounds);
      signet_round_editor_set_places (SIGNET_ROUND_EDITOR (editor), (const char *const *) places);
      g_signal_connect_object (editor, "remove", G_CALLBACK (round_remove_cb), self, 0);
      g_signal_connect_object (round, "notify", G_CALLBACK (queue_validate), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->rounds, g_object_ref (round));
      gtk_box_append (self->rounds_box, editor);
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->signers_row, n_rounds > 1 ? 1 : 0);
  self->updating = FALSE;
  gtk_widget_set_visible (self->add_round_button, n_rounds > 1);
  queue_validate (self);
}

static void
rounds_changed_cb (SignetRequestEditor *self)
{
  give_places (self);
  show_rounds (self);
}

static void
mode_changed_cb (SignetRequestEditor *self)
{
  give_places (self);
  show_rounds (self);
}

static void
signers_selected_cb (SignetRequestEditor *self)
{
  guint n_rounds;

  if (self->updating || self->spec == NULL)
    return;

  n_rounds = signet_request_spec_get_n_rounds (self->spec);
  if (adw_combo_row_get_selected (self->signers_row) == 1)
    {
      if (n_rounds < 2)
        signet_request_spec_add_round (self->spec);
    }
  else
    {
      while (n_rounds-- > 1)
        signet_request_spec_remove_round (self->spec, n_rounds);
    }
}

static void
add_round_clicked_cb (SignetRequestEditor *self)
{
  if (self->spec != NULL)
    signet_request_spec_add_round (self->spec);
}

static void
keep (SignetRequestEditor *self, GBinding *binding)
{
  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
show_spec (SignetRequestEditor *self)
{
  GListModel *rounds;
  GListModel *values;

  keep (self, signet_form_bind_enum (self->spec, "signing-mode", self->mode_row));
  keep (self, signet_form_bind_text (self->spec, "sender-email", self->sender_email_row));
  keep (self, signet_form_bind_text (self->spec, "sender-name", self->sender_name_row));
  keep (self, signet_form_bind_text (self->spec, "message", self->message_row));
  keep (self, signet_form_bind_text (self->spec, "final-recipients", self->final_row));
  bind (self, "email-reminders", self->reminders_switch, "active");
  bind (self, "expiry-hours", self->expiry_adjustment, "value");
  bind (self, "qr-handover", self->qr_switch, "active");
  bind (self, "no-mouse-signing", self->no_mouse_switch, "active");
  bind (self, "stamp-before-signing", self->stamp_switch, "active");
  keep (self, signet_form_bind_enum (self->spec, "fields-before-signing", self->fields_before_row));
  keep (self,
        g_object_bind_property_full (self->spec, "ignore-required", self->ignore_required_switch,
                                     "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                     flags_to_active, active_to_flags, NULL, NULL));
  bind (self, "auto-submit", self->auto_submit_switch, "active");
  bind (self, "one-button", self->one_button_switch, "active");
  bind (self, "open-signature", self->open_signature_switch, "active");
  bind (self, "read-required", self->read_required_switch, "active");
  keep (self, signet_form_bind_text (self->spec, "signer-date-format", self->date_format_row));
  keep (self, signet_form_bind_text (self->spec, "result-url", self->result_url_row));

  show_language (self);
  g_signal_connect_object (self->spec, "notify::language", G_CALLBACK (show_language), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spec, "notify::signing-mode", G_CALLBACK (mode_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spec, "notify", G_CALLBACK (queue_validate), self,
                           G_CONNECT_SWAPPED);

  rounds = signet_request_spec_get_rounds (self->spec);
  g_signal_connect_object (rounds, "items-changed", G_CALLBACK (rounds_changed_cb), self,
                           G_CONNECT_SWAPPED);
  show_rounds (self);

  values = signet_request_spec_get_field_values (self->spec);
  g_signal_connect_object (values, "items-changed", G_CALLBACK (show_field_values), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (values, "items-changed", G_CALLBACK (queue_validate), self,
                           G_CONNECT_SWAPPED);
  show_field_values (self);
}

/* }}} */
/* {{{ Validation and the Send button */

static void
set_blocker (SignetRequestEditor *self, const char *blocker)
{
  if (g_strcmp0 (self->blocker, blocker) == 0)
    return;

  g_free (self->blocker);
  self->blocker = g_strdup (blocker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKER]);
}

static GtkWidget *
request_row_of (SignetRequestEditor *self, const char *property)
{
  static const struct
  {
    const char *property;
    gsize       offset;
  } rows[] = {
    { "signing-mode", G_STRUCT_OFFSET (SignetRequestEditor, mode_row) },
    { "sender-email", G_STRUCT_OFFSET (SignetRequestEditor, sender_email_row) },
    { "sender-name", G_STRUCT_OFFSET (SignetRequestEditor, sender_name_row) },
    { "message", G_STRUCT_OFFSET (SignetRequestEditor, message_row) },
    { "language", G_STRUCT_OFFSET (SignetRequestEditor, language_row) },
    { "final-recipients", G_STRUCT_OFFSET (SignetRequestEditor, final_row) },
    { "expiry-hours", G_STRUCT_OFFSET (SignetRequestEditor, expiry_row) },
    { "fields-before-signing", G_STRUCT_OFFSET (SignetRequestEditor, fields_before_row) },
    { "signer-date-format", G_STRUCT_OFFSET (SignetRequestEditor, date_format_row) },
    { "result-url", G_STRUCT_OFFSET (SignetRequestEditor, result_url_row) },
    { "field-values", G_STRUCT_OFFSET (SignetRequestEditor, field_values_row) },
    { "rounds", G_STRUCT_OFFSET (SignetRequestEditor, signers_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (property == NULL || g_str_equal (rows[i].property, property))
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
  return NULL;
}

/* Marks the rows of the shown spec; problems of rows hidden in a closed
 * expander open it. */
static void
mark_problems (SignetRequestEditor *self, GPtrArray *problems)
{
  static const char *const request_properties[] = {
    "signing-mode",       "sender-email",     "sender-name",  "message",
    "language",           "final-recipients", "expiry-hours", "fields-before-signing",
    "signer-date-format", "result-url",       "field-values", "rounds",
  };
  GtkWidget *child;
  guint      index = 0;

  for (guint i = 0; i < G_N_ELEMENTS (request_properties); i++)
    {
      const char *message = NULL;
      GtkWidget  *row = request_row_of (self, request_properties[i]);

      for (guint j = 0; problems != NULL && j < problems->len && message == NULL; j++)
        {
          SignetSpecProblem *problem = g_ptr_array_index (problems, j);

          if (problem->round < 0 && g_strcmp0 (problem->property, request_properties[i]) == 0)
            message = problem->message;
        }
      signet_form_mark_row (row, message);
      if (message == NULL)
        continue;
      if (row == GTK_WIDGET (self->message_row) || row == GTK_WIDGET (self->language_row)
          || row == GTK_WIDGET (self->final_row))
        adw_expander_row_set_expanded (self->email_more_row, TRUE);
      else if (row == GTK_WIDGET (self->fields_before_row)
               || row == GTK_WIDGET (self->date_format_row)
               || row == GTK_WIDGET (self->result_url_row))
        adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->rounds_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      g_autoptr (GPtrArray) mine = g_ptr_array_new ();

      for (guint j = 0; problems != NULL && j < problems->len; j++)
        {
          SignetSpecProblem *problem = g_ptr_array_index (problems, j);

          if (problem->round == (int) index)
            g_ptr_array_add (mine, problem);
        }
      signet_round_editor_show_problems (SIGNET_ROUND_EDITOR (child), mine);
    }
}

/* The ready entries of the queue, in its order. */
static GPtrArray *
ready_items (SignetRequestEditor *self, guint *n_checking)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint      n = self->queue != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->queue)) : 0;

  if (n_checking != NULL)
    *n_checking = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetIntakeItem) item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (item_is_ready (item))
        g_ptr_array_add (items, g_steal_pointer (&item));
      else if (n_checking != NULL
               && signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_CHECKING)
        (*n_checking)++;
    }
  return items;
}

static void
update_quota (SignetRequestEditor *self)
{
  SignetCounter *counter
    = self->account != NULL ? signet_account_get_counter (self->account) : NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *available = NULL;
  g_autofree char *text = NULL;
  SignetQuotaCheck check;
  gulong           plural;

  if (counter == NULL || self->settings == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->quota_label), FALSE);
      return;
    }

  items = ready_items (self, NULL);
  signet_quota_check_from_counter (counter,
                                   g_settings_get_uint (self->settings, "quota-warning-threshold"),
                                   MAX (items->len, 1), &check);
  available = g_strdup_printf ("%" G_GINT64_FORMAT, check.available);
  plural = (gulong) CLAMP (check.available, 0, G_MAXINT);
  if (!check.fits)
    /* Translators: %s is a number */
    text = g_strdup_printf (
      ngettext ("Only %s signature request is left", "Only %s signature requests are left", plural),
      available);
  else
    /* Translators: %s is a number */
    text = g_strdup_printf (
      ngettext ("%s signature request left", "%s signature requests left", plural), available);
  gtk_label_set_text (self->quota_label, text);
  if (check.low || !check.fits)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->quota_label), check.fits ? "warning" : "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label),
                                   check.fits ? "error" : "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->quota_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quota_label), TRUE);
}

static gboolean
validate_cb (gpointer user_data)
{
  SignetRequestEditor *self = user_data;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *label = NULL;
  guint            n_checking;

  self->validate_id = 0;
  items = ready_items (self, &n_checking);

  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem  *item = g_ptr_array_index (items, i);
      SignetRequestSpec *spec = signet_request_editor_spec_for_item (self, item);
      g_autoptr (GPtrArray) problems
        = signet_request_spec_validate (spec, signet_intake_item_get_inspection (item));

      if (item == self->item)
        mark_problems (self, problems);
      if (problems == NULL || problems->len == 0 || blocker != NULL)
        continue;

      if (item == self->item || items->len == 1)
        {
          SignetSpecProblem *first = g_ptr_array_index (problems, 0);

          blocker = g_strdup (first->message);
        }
      else
        {
          SignetSpecProblem *first = g_ptr_array_index (problems, 0);

          /* Translators: why a batch cannot be sent: a document's name, then what is wrong with it
           */
          blocker
            = g_strdup_printf (_ ("“%s”: %s"), signet_intake_item_get_name (item), first->message);
        }
    }

  /* The shown entry's own problem comes first. */
  if (self->item != NULL && item_is_ready (self->item))
    {
      g_autoptr (GPtrArray) problems
        = signet_request_spec_validate (signet_request_editor_spec_for_item (self, self->item),
                                        signet_intake_item_get_inspection (self->item));

      if (problems != NULL && problems->len > 0)
        {
          g_free (blocker);
          blocker = g_strdup (((SignetSpecProblem *) g_ptr_array_index (problems, 0))->message);
        }
    }

  if (blocker == NULL && n_checking > 0)
    blocker = g_strdup (_ ("Wait until every document is checked"));
  if (blocker == NULL && self->sync == NULL)
    blocker = g_strdup (_ ("Signet is not connected to OKdokument yet"));
  if (blocker == NULL && items->len == 0)
    blocker = g_strdup (_ ("There is no document to send"));

  set_blocker (self, blocker);
  gtk_label_set_text (self->problem_label, blocker != NULL ? blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), blocker != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send",
                                 blocker == NULL && self->sender == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button), blocker);

  if (items->len > 1)
    label
      = g_strdup_printf (ngettext ("Send %u Request", "Send %u Requests", items->len), items->len);
  gtk_button_set_label (self->send_button, label != NULL ? label : _ ("Send"));
  update_quota (self);

  return G_SOURCE_REMOVE;
}

static void
queue_validate (SignetRequestEditor *self)
{
  if (self->validate_id == 0)
    self->validate_id = g_idle_add (validate_cb, self);
}

/**
 * signet_request_editor_get_blocker:
 * @self: a #SignetRequestEditor
 *
 * Returns: (nullable): why Send cannot be pressed now, or %NULL
 */
const char *
signet_request_editor_get_blocker (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);

  return self->blocker;
}

/* }}} */
/* {{{ Sending */

static void
set_sending (SignetRequestEditor *self, SignetRequestSender *sender)
{
  if (sender != NULL)
    self->sender = g_object_ref (sender);
  else
    g_clear_object (&self->sender);

  gtk_stack_set_visible_child_name (self->send_stack, sender != NULL ? "sending" : "send");
  gtk_widget_set_sensitive (self->form_box, sender == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_button), sender == NULL && self->spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", sender != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
  queue_validate (self);
}

static void
progress_cb (SignetRequestEditor *self)
{
  guint            done = signet_request_sender_get_n_done (self->sender);
  guint            total = signet_request_sender_get_n_entries (self->sender);
  g_autofree char *text = NULL;

  /* Translators: progress of sending; the first %u is how many were sent, the second of how many */
  text = g_strdup_printf (_ ("%u of %u"), MIN (done + 1, total), total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static void
summary_response_cb (AdwMessageDialog *dialog, const char *response, SignetRequestEditor *self)
{
  if (g_strcmp0 (response, "retry") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.send", NULL);
}

static void
show_summary (SignetRequestEditor *self, SignetRequestSender *sender)
{
  guint n = signet_request_sender_get_n_entries (sender);
  guint n_sent = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_SENT);
  guint n_waiting = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_WAITING);
  guint n_failed = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_FAILED);
  guint n_not_sent = signet_request_sender_count (sender, SIGNET_SEND_OUTCOME_NOT_SENT);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char  *heading = NULL;
  AdwMessageDialog *dialog;

  /* One document that went needs no dialog: its hand-over page follows. */
  if (n == 1 && n_sent == 1)
    {
      toast (self, _ ("Request sent"));
      return;
    }

  if (n_sent == n)
    heading = g_strdup_printf (ngettext ("%u Request Sent", "%u Requests Sent", n), n);
  else if (n_sent + n_waiting == 0 && n == 1)
    heading = g_strdup (_ ("The Request Was Not Sent"));
  else
    /* Translators: the heading of the summary after sending several documents */
    heading = g_strdup_printf (ngettext ("%u of %u Request Sent", "%u of %u Requests Sent", n),
                               n_sent, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = escape (signet_request_sender_get_name (sender, i));
      const char      *message = signet_request_sender_get_message (sender, i);
      g_autofree char *reason = escape (message != NULL ? message : "");
      const char      *what;

      switch (signet_request_sender_get_outcome (sender, i))
        {
          case SIGNET_SEND_OUTCOME_SENT:
            what = C_ ("send outcome", "Sent");
            break;
          case SIGNET_SEND_OUTCOME_WAITING:
            what = C_ ("send outcome", "Waiting to be sent");
            break;
          case SIGNET_SEND_OUTCOME_FAILED:
            what = C_ ("send outcome", "Failed");
            break;
          case SIGNET_SEND_OUTCOME_NOT_SENT:
          default:
            what = C_ ("send outcome", "Not sent, still in the list");
            break;
        }
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body, "<b>%s</b>: %s", name, what);
      if (reason[0] != '\0')
        g_string_append_printf (body, ". %s", reason);
    }

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL));
  adw_message_dialog_set_body_use_markup (dialog, TRUE);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  if (n_failed + n_not_sent > 0)
    {
      /* The entries that did not go stay in the list; trying again sends them. */
      adw_message_dialog_add_response (dialog, "retry", _ ("_Try Again"));
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }
  else
    {
      adw_message_dialog_set_default_response (dialog, "close");
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (summary_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refused (SignetRequestEditor *self, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetRequestEditor) self = user_data;
  SignetRequestSender    *sender = SIGNET_REQUEST_SENDER (source);
  const SignetQuotaCheck *quota;
  g_autoptr (GListModel) documents = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->send_cancellable);
  g_signal_handlers_disconnect_by_data (sender, self);
  /* The window closed while sending: what was journalled goes on in the
   * background, and nobody is left to tell. */
  if (self->disposed)
    return;
  set_sending (self, NULL);

  if (!signet_request_sender_run_finish (sender, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      refused (self,
               g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_QUOTA_EXHAUSTED)
                 ? _ ("Not Enough Signature Requests")
                 : _ ("Nothing Was Sent"),
               error->message);
      return;
    }

  /* What went leaves the list; what failed stays, to be tried again. */
  for (guint i = 0; i < signet_request_sender_get_n_entries (sender); i++)
    {
      SignetSendOutcome outcome = signet_request_sender_get_outcome (sender, i);

      if (outcome == SIGNET_SEND_OUTCOME_SENT || outcome == SIGNET_SEND_OUTCOME_WAITING)
        g_signal_emit (self, signals[ENTRY_SENT], 0, signet_request_sender_get_entry (sender, i));
    }

  quota = signet_request_sender_get_quota (sender);
  if (quota != NULL && quota->low)
    {
      g_autofree char *message = signet_quota_check_dup_message (quota);

      if (message != NULL)
        toast (self, message);
    }

  show_summary (self, sender);

  documents = signet_request_sender_dup_documents (sender);
  if (g_list_model_get_n_items (documents) > 0)
    g_signal_emit (self, signals[SENT], 0, documents);

  /* The counter changed by what was sent. */
  if (self->account != NULL)
    signet_account_refresh_async (self->account, self->cancellable, NULL, NULL);
}

static void
send_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  g_autoptr (SignetRequestSender) sender = NULL;
  g_autoptr (GPtrArray) items = NULL;

  if (self->sender != NULL || self->sync == NULL || self->blocker != NULL)
    return;

  items = ready_items (self, NULL);
  if (items->len == 0)
    return;

  sender = signet_request_sender_new (self->sync, self->account, self->settings);
  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (items, i);

      signet_request_sender_add (sender, item, signet_intake_item_get_file (item),
                                 signet_intake_item_get_name (item),
                                 signet_request_editor_spec_for_item (self, item));
    }

  g_signal_connect_object (sender, "notify::n-done", G_CALLBACK (progress_cb), self,
                           G_CONNECT_SWAPPED);
  set_sending (self, sender);
  progress_cb (self);
  self->send_cancellable = g_cancellable_new ();
  signet_request_sender_run_async (sender, self->send_cancellable, run_cb, g_object_ref (self));
}

static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);

  g_cancellable_cancel (self->send_cancellable);
}

/**
 * signet_request_editor_get_sending:
 * @self: a #SignetRequestEditor
 *
 * Returns: whether requests are being sent
 */
gboolean
signet_request_editor_get_sending (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), FALSE);

  return self->sender != NULL;
}

/* }}} */
/* {{{ Presets */

static void
apply_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  const char          *name = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;

  if (self->spec == NULL || self->settings == NULL)
    return;

  if (!signet_presets_apply (self->settings, name, self->spec, &error))
    {
      toast (self, error->message);
      return;
    }
}

static void
delete_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  const char          *name = g_variant_get_string (parameter, NULL);
  g_autofree char     *escaped = escape (name);
  g_autofree char     *title = NULL;

  if (self->settings == NULL || !signet_presets_delete (self->settings, name))
    return;

  /* Translators: a toast; %s is the name of a preset */
  title = g_strdup_printf (_ ("Preset “%s” deleted"), escaped);
  toast (self, title);
}

static void
save_response_cb (AdwMessageDialog *dialog, const char *response, SignetRequestEditor *self)
{
  GtkEditable     *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0' || self->spec == NULL)
    return;

  if (!signet_presets_save (self->settings, name, self->spec, &error))
    {
      toast (self, error->message);
      return;
    }
  escaped = escape (name);
  /* Translators: a toast; %s is the name of a preset */
  title = g_strdup_printf (_ ("Preset “%s” saved"), escaped);
  toast (self, title);
}

static void
preset_name_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
save_preset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  AdwMessageDialog    *dialog;
  GtkWidget           *entry;

  if (self->spec == NULL || self->settings == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _ ("Save as Preset"),
                            _ ("A preset keeps these options, except the places to sign, for "
                               "other documents.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Preset Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Preset Name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_add_response (dialog, "save", _ ("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (preset_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_to_all_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (widget);
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *json = NULL;
  g_autofree char *title = NULL;
  guint            n = 0;

  if (self->spec == NULL)
    return;

  json = signet_request_spec_to_json (self->spec);
  items = ready_items (self, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      SignetIntakeItem *item = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;

      SignetRequestSpec *spec;
      SignetSigningMode  mode;

      if (item == self->item)
        continue;
      /* Where to sign follows what was found in each file. */
      spec = signet_request_editor_spec_for_item (self, item);
      mode = signet_request_spec_get_signing_mode (spec);
      if (!signet_request_spec_apply_json (spec, json, &error))
        {
          g_warning ("Could not copy the options: %s", error->message);
          continue;
        }
      signet_request_spec_set_signing_mode (spec, mode);
      give_places_in (spec, signet_intake_item_get_inspection (item));
      n++;
    }

  title = g_strdup_printf (
    ngettext ("Options copied to %u other document", "Options copied to %u other documents", n), n);
  toast (self, title);
  queue_validate (self);
}

static GMenuModel *
build_preset_menu (SignetRequestEditor *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) presets = g_menu_new ();
  g_autoptr (GMenu) actions = g_menu_new ();
  g_autoptr (GMenu) deletions = g_menu_new ();
  g_auto (GStrv) names = self->settings != NULL ? signet_presets_list (self->settings) : NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) apply = g_menu_item_new (names[i], NULL);
      g_autoptr (GMenuItem) delete = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (apply, "editor.apply-preset", "s", names[i]);
      g_menu_append_item (presets, apply);
      g_menu_item_set_action_and_target (delete, "editor.delete-preset", "s", names[i]);
      g_menu_append_item (deletions, delete);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (presets));
  g_menu_append (actions, _ ("_Save as Preset…"), "editor.save-preset");
  if (names != NULL && names[0] != NULL)
    g_menu_append_submenu (actions, _ ("_Delete Preset"), G_MENU_MODEL (deletions));
  g_menu_append (actions, _ ("_Use These Options for Every Document"), "editor.apply-to-all");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  return G_MENU_MODEL (menu);
}

static void
create_preset_popup (GtkMenuButton *button, gpointer user_data)
{
  SignetRequestEditor *self = user_data;
  g_autoptr (GMenuModel) menu = build_preset_menu (self);

  gtk_menu_button_set_menu_model (button, menu);
}

/* }}} */
/* {{{ The queue and the shown entry */

static void
show_item (SignetRequestEditor *self)
{
  SignetRequestSpec *spec = NULL;

  if (self->item != NULL && item_is_ready (self->item))
    spec = signet_request_editor_spec_for_item (self, self->item);

  if (spec != self->spec)
    {
      unbind (self);
      g_set_object (&self->spec, spec);
      if (spec != NULL)
        show_spec (self);
      else
        show_rounds (self);
    }

  /* The remaining count stands beside Send: asked for when the first
   * document can be sent, if nobody asked yet. Not for the built-in
   * sandbox, which would be started for every window just for a number
   * (its count shows after the first Send). */
  if (spec != NULL && !self->counter_asked && self->account != NULL
      && signet_account_get_counter (self->account) == NULL
      && signet_account_get_environment (self->account) != SIGNET_ENVIRONMENT_NONE
      && signet_account_get_environment (self->account) != SIGNET_ENVIRONMENT_SANDBOX)
    {
      self->counter_asked = TRUE;
      signet_account_refresh_async (self->account, self->cancellable, NULL, NULL);
    }

  /* The editor stays (and Send with it, for the other entries): a
   * column that came and went would change the preview's width. */
  gtk_stack_set_visible_child_name (self->form_stack, spec != NULL ? "form" : "none");
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_button), spec != NULL && self->sender == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-preset", spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply-preset", spec != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply-to-all", spec != NULL);
  queue_validate (self);
}

static void
item_state_cb (SignetRequestEditor *self, GParamSpec *pspec, SignetIntakeItem *item)
{
  if (item == self->item)
    show_item (self);
  queue_validate (self);
}

static void
queue_items_changed_cb (SignetRequestEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  /* Follow each entry's check, to count what is ready. */
  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->items, i), self);
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    {
      SignetIntakeItem *item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      g_signal_connect_object (item, "notify::state", G_CALLBACK (item_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->items, item);
    }
  queue_validate (self);
}

/**
 * signet_request_editor_set_queue:
 * @self: a #SignetRequestEditor
 * @queue: the window's queue, whose ready entries Send sends
 */
void
signet_request_editor_set_queue (SignetRequestEditor *self, SignetIntakeQueue *queue)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (SIGNET_IS_INTAKE_QUEUE (queue));
  g_return_if_fail (self->queue == NULL);

  self->queue = g_object_ref (queue);
  g_signal_connect_object (queue, "items-changed", G_CALLBACK (queue_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  queue_items_changed_cb (self);
}

/**
 * signet_request_editor_set_item:
 * @self: a #SignetRequestEditor
 * @item: (nullable): the selected entry of the queue
 *
 * Shows the entry's request, or that there is nothing to set up while the
 * entry is not ready to be sent.
 */
void
signet_request_editor_set_item (SignetRequestEditor *self, SignetIntakeItem *item)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (item == NULL || SIGNET_IS_INTAKE_ITEM (item));

  if (self->item == item)
    return;

  g_set_object (&self->item, item);
  show_item (self);
}

/**
 * signet_request_editor_get_spec:
 * @self: a #SignetRequestEditor
 *
 * Returns: (transfer none) (nullable): the request shown
 */
SignetRequestSpec *
signet_request_editor_get_spec (SignetRequestEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_REQUEST_EDITOR (self), NULL);

  return self->spec;
}

/**
 * signet_request_editor_set_context:
 * @self: a #SignetRequestEditor
 * @settings: the defaults, presets and quota threshold
 * @account: (nullable): whose quota is shown and checked
 * @sync: (nullable): where requests are sent; without one, Send stays off
 */
void
signet_request_editor_set_context (SignetRequestEditor *self,
                                   GSettings           *settings,
                                   SignetAccount       *account,
                                   SignetSync          *sync)
{
  g_return_if_fail (SIGNET_IS_REQUEST_EDITOR (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  g_set_object (&self->account, account);
  g_set_object (&self->sync, sync);

  g_signal_connect_object (settings, "changed::quota-warning-threshold",
                           G_CALLBACK (queue_validate), self, G_CONNECT_SWAPPED);
  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::counter", G_CALLBACK (queue_validate), self,
                               G_CONNECT_SWAPPED);
    }
  queue_validate (self);
}

/* }}} */
/* {{{ GObject */

static void
signet_request_editor_dispose (GObject *object)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->send_cancellable);
  /* A refresh still on its way must not outlive the window. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_data (self->sender, self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  unbind (self);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->items, i), self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->spec);
  g_clear_object (&self->item);
  g_clear_object (&self->queue);
  g_clear_object (&self->sender);
  g_clear_object (&self->send_cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_REQUEST_EDITOR);

  G_OBJECT_CLASS (signet_request_editor_parent_class)->dispose (object);
}

static void
signet_request_editor_finalize (GObject *object)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (object);

  g_ptr_array_unref (self->bindings);
  g_ptr_array_unref (self->rounds);
  g_ptr_array_unref (self->field_rows);
  g_free (self->blocker);

  G_OBJECT_CLASS (signet_request_editor_parent_class)->finalize (object);
}

static void
signet_request_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SignetRequestEditor *self = SIGNET_REQUEST_EDITOR (object);

  switch (prop_id)
    {
      case PROP_BLOCKER:
        g_value_set_string (value, self->blocker);
        break;

      case PROP_SENDING:
        g_value_set_boolean (value, self->sender != NULL);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
signet_request_editor_class_init (SignetRequestEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_request_editor_dispose;
  object_class->finalize = signet_request_editor_finalize;
  object_class->get_property = signet_request_editor_get_property;

  /**
   * SignetRequestEditor:blocker:
   *
   * Why Send cannot be pressed now, or %NULL.
   */
  properties[PROP_BLOCKER]
    = g_param_spec_string ("blocker", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SignetRequestEditor:sending:
   *
   * Whether requests are being sent.
   */
  properties[PROP_SENDING]
    = g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SignetRequestEditor::entry-sent:
   * @self: the editor
   * @item: (type SignetIntakeItem): the queue entry
   *
   * The entry's request was sent, or waits in the outbox: it can leave
   * the queue.
   */
  signals[ENTRY_SENT] = g_signal_new ("entry-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, SIGNET_TYPE_INTAKE_ITEM);
  /**
   * SignetRequestEditor::sent:
   * @self: the editor
   * @documents: (type GListModel): the #SignetDocument of each request
   *   that went or waits in the outbox
   *
   * Sending ended with at least one request on its way.
   */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-request-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, form_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, signers_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, preset_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, rounds_box);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, add_round_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, sender_email_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, email_more_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, message_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, final_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, expiry_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, qr_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, no_mouse_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, stamp_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, fields_before_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, ignore_required_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, auto_submit_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, one_button_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, open_signature_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, read_required_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, result_url_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, field_values_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, add_field_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, quota_label);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, send_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, send_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRequestEditor, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, signers_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_round_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_field_apply_cb);

  gtk_widget_class_install_action (widget_class, "editor.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "editor.apply-preset", "s",
                                   apply_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete-preset", "s",
                                   delete_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.save-preset", NULL, save_preset_activated);
  gtk_widget_class_install_action (widget_class, "editor.apply-to-all", NULL,
                                   apply_to_all_activated);
  /* Ctrl+Return sends from anywhere in the editor. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.send", NULL);
}

static void
signet_request_editor_init (SignetRequestEditor *self)
{
  g_autoptr (GtkStringList) languages = gtk_string_list_new (NULL);
  const char *const *codes = signet_request_spec_get_languages ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->rounds = g_ptr_array_new_with_free_func (g_object_unref);
  self->field_rows = g_ptr_array_new ();
  self->items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The languages the service writes its e-mails in (§16), in their own names. */
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (languages, signet_form_language_name (codes[i]));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));

  gtk_menu_button_set_create_popup_func (self->preset_button, create_preset_popup, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send", FALSE);
  gtk_stack_set_visible_child_name (self->form_stack, "none");
}

/**
 * signet_request_editor_new:
 *
 * Returns: (transfer floating): a new request editor without a queue
 */
GtkWidget *
signet_request_editor_new (void)
{
  return g_object_new (SIGNET_TYPE_REQUEST_EDITOR, NULL);
}

/* }}} */
