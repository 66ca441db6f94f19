/* signet-round-editor.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-round-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-round-editor.h"
#include "signet-form-util.h"
#include "signet-request-validation.h"
#include "signet-widget-util.h"

/* One signer's part of a request: who signs, how they get the link and a
 * one-time code, and where they sign. */
struct _SignetRoundEditor
{
  AdwPreferencesGroup parent_instance;

  SignetRoundSpec *round;
  GStrv            places;
  gboolean         updating_place;

  GtkWidget      *remove_button;
  AdwEntryRow    *name_row;
  AdwActionRow   *ask_name_row;
  GtkSwitch      *ask_name_switch;
  AdwEntryRow    *email_row;
  AdwComboRow    *field_row;
  AdwExpanderRow *otp_row;
  AdwComboRow    *open_otp_row;
  AdwComboRow    *sign_otp_row;
  AdwEntryRow    *otp_email_row;
  AdwEntryRow    *phone_row;
};

G_DEFINE_FINAL_TYPE (SignetRoundEditor, signet_round_editor, ADW_TYPE_PREFERENCES_GROUP)

static guint remove_signal;

static void
remove_clicked_cb (SignetRoundEditor *self)
{
  g_signal_emit (self, remove_signal, 0);
}

static void
otp_changed_cb (SignetRoundEditor *self)
{
  SignetOtpChannel open = signet_round_spec_get_open_otp (self->round);
  SignetOtpChannel sign = signet_round_spec_get_sign_otp (self->round);

  gtk_widget_set_visible (GTK_WIDGET (self->otp_email_row),
                          open == SIGNET_OTP_CHANNEL_EMAIL || sign == SIGNET_OTP_CHANNEL_EMAIL);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row),
                          open == SIGNET_OTP_CHANNEL_SMS || sign == SIGNET_OTP_CHANNEL_SMS);
  /* A code that is asked for is not hidden behind a closed row. */
  if (open != SIGNET_OTP_CHANNEL_NONE || sign != SIGNET_OTP_CHANNEL_NONE)
    adw_expander_row_set_expanded (self->otp_row, TRUE);
}

/* The place row shows the round's one field; the first item stands for
 * all of them (or none chosen). */
static void
show_place (SignetRoundEditor *self)
{
  const char *const *fields = signet_round_spec_get_fields (self->round);
  guint              selected = 0;

  if (self->places == NULL)
    return;

  /* Two or more (all of them, from a new spec) show as the first item. */
  if (fields != NULL && fields[0] != NULL && fields[1] == NULL)
    for (guint i = 0; self->places[i] != NULL; i++)
      if (g_str_equal (self->places[i], fields[0]))
        selected = i + 1;

  self->updating_place = TRUE;
  adw_combo_row_set_selected (self->field_row, selected);
  self->updating_place = FALSE;
}

static void
field_selected_cb (SignetRoundEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->field_row);

  if (self->updating_place || self->places == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected == 0)
    {
      signet_round_spec_set_fields (self->round, (const char *const *) self->places);
    }
  else
    {
      const char *fields[] = { self->places[selected - 1], NULL };

      signet_round_spec_set_fields (self->round, fields);
    }
}

static void
signet_round_editor_constructed (GObject *object)
{
  SignetRoundEditor *self = SIGNET_ROUND_EDITOR (object);
  SignetRoundSpec   *round = self->round;

  G_OBJECT_CLASS (signet_round_editor_parent_class)->constructed (object);

  /* Made by signet_round_editor_new(), which always passes one. */
  g_assert (SIGNET_IS_ROUND_SPEC (round));
  signet_form_bind_text (round, "signer-name", self->name_row);
  g_object_bind_property (round, "ask-signer-name", self->ask_name_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  signet_form_bind_text (round, "signer-email", self->email_row);
  signet_form_bind_enum (round, "open-otp", self->open_otp_row);
  signet_form_bind_enum (round, "sign-otp", self->sign_otp_row);
  signet_form_bind_text (round, "otp-email", self->otp_email_row);
  signet_form_bind_text (round, "phone", self->phone_row);

  g_signal_connect_object (round, "notify::open-otp", G_CALLBACK (otp_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::sign-otp", G_CALLBACK (otp_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::fields", G_CALLBACK (show_place), self,
                           G_CONNECT_SWAPPED);
  otp_changed_cb (self);
}

static void
signet_round_editor_dispose (GObject *object)
{
  SignetRoundEditor *self = SIGNET_ROUND_EDITOR (object);

  if (self->round != NULL)
    g_signal_handlers_disconnect_by_data (self->round, self);
  /* The rows going away must not change the round. */
  self->updating_place = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_ROUND_EDITOR);
  g_clear_object (&self->round);

  G_OBJECT_CLASS (signet_round_editor_parent_class)->dispose (object);
}

static void
signet_round_editor_finalize (GObject *object)
{
  SignetRoundEditor *self = SIGNET_ROUND_EDITOR (object);

  g_strfreev (self->places);

  G_OBJECT_CLASS (signet_round_editor_parent_class)->finalize (object);
}

static void
signet_round_editor_class_init (SignetRoundEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_round_editor_constructed;
  object_class->dispose = signet_round_editor_dispose;
  object_class->finalize = signet_round_editor_finalize;

  /**
   * SignetRoundEditor:round:
   *
   * The round (one signer's part of the request) the group edits.
   */
  signet_widget_class_install_model (object_class, "round", SIGNET_TYPE_ROUND_SPEC,
                                     G_STRUCT_OFFSET (SignetRoundEditor, round));

  /**
   * SignetRoundEditor::remove:
   *
   * The person asked to remove this signer.
   */
  remove_signal = signet_widget_class_new_remove_signal (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-round-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, ask_name_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, ask_name_switch);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, field_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, otp_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, open_otp_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, sign_otp_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, otp_email_row);
  gtk_widget_class_bind_template_child (widget_class, SignetRoundEditor, phone_row);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_selected_cb);
}

static void
signet_round_editor_init (SignetRoundEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * signet_round_editor_new:
 * @round: the round to edit
 *
 * Returns: (transfer floating): a group of rows bound to @round
 */
GtkWidget *
signet_round_editor_new (SignetRoundSpec *round)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_SPEC (round), NULL);

  return g_object_new (SIGNET_TYPE_ROUND_EDITOR, "round", round, NULL);
}

/**
 * signet_round_editor_get_round:
 * @self: a #SignetRoundEditor
 *
 * Returns: (transfer none): the round it edits
 */
SignetRoundSpec *
signet_round_editor_get_round (SignetRoundEditor *self)
{
  g_return_val_if_fail (SIGNET_IS_ROUND_EDITOR (self), NULL);

  return self->round;
}

/**
 * signet_round_editor_set_position:
 * @self: a #SignetRoundEditor
 * @index: which round it is, from 0
 * @n_rounds: how many rounds the request has
 *
 * Names the group after the signer's turn; with several signers each one
 * can be removed.
 */
void
signet_round_editor_set_position (SignetRoundEditor *self, guint index, guint n_rounds)
{
  g_autofree char *title = NULL;
  g_autofree char *remove = NULL;

  g_return_if_fail (SIGNET_IS_ROUND_EDITOR (self));

  if (n_rounds > 1)
    {
      /* Translators: the heading of one signer's settings when several sign in turn */
      title = g_strdup_printf (_ ("Signer %u of %u"), index + 1, n_rounds);
      /* Translators: a button's accessible name; %u is the signer's turn */
      remove = g_strdup_printf (_ ("Remove Signer %u"), index + 1);
      gtk_widget_set_tooltip_text (self->remove_button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   title != NULL ? title : _ ("Signer"));
  gtk_widget_set_visible (self->remove_button, n_rounds > 2);
}

/* A place to sign as a person reads it: never the field's technical name
 * ("SC_signature", "_SO1_"), but its number, and the word the naming
 * convention's suffix gives (okdokument-api.md §9.3: "SO_witness"). */
static char *
place_name (const char *place, guint index)
{
  g_autofree char *word = NULL;

  if ((g_str_has_prefix (place, "SC_") || g_str_has_prefix (place, "SO_")) && place[3] != '\0'
      && g_ascii_strcasecmp (place + 3, "signature") != 0)
    word = g_strdelimit (g_strdup (place + 3), "_", ' ');
  if (word != NULL)
    /* Translators: a signature field of the document, its number and its role, e.g. "witness" */
    return g_strdup_printf (_ ("Signature Field %u (%s)"), index + 1, word);
  /* Translators: a signature field (or a text tag) of the document, by its number */
  return g_strdup_printf (_ ("Signature Field %u"), index + 1);
}

/**
 * signet_round_editor_set_places:
 * @self: a #SignetRoundEditor
 * @places: (nullable) (array zero-terminated=1): the names of the
 *   signature fields or text tags found, or %NULL to sign anywhere
 *
 * Offers the places to sign found in the document; the first choice
 * leaves every place to the signer.
 */
void
signet_round_editor_set_places (SignetRoundEditor *self, const char *const *places)
{
  g_autoptr (GtkStringList) model = NULL;

  g_return_if_fail (SIGNET_IS_ROUND_EDITOR (self));

  g_clear_pointer (&self->places, g_strfreev);
  if (places == NULL || places[0] == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->field_row), FALSE);
      return;
    }

  self->places = g_strdupv ((char **) places);
  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, C_ ("place to sign", "All of Them"));
  for (guint i = 0; places[i] != NULL; i++)
    {
      g_autofree char *name = place_name (places[i], i);

      gtk_string_list_append (model, name);
    }

  self->updating_place = TRUE;
  adw_combo_row_set_model (self->field_row, G_LIST_MODEL (model));
  self->updating_place = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->field_row), TRUE);
  show_place (self);
}

/* The row of each property of a round that can be wrong. */
static const struct
{
  const char *property;
  gsize       offset;
} round_rows[] = {
  { "signer-name", G_STRUCT_OFFSET (SignetRoundEditor, name_row) },
  { "ask-signer-name", G_STRUCT_OFFSET (SignetRoundEditor, ask_name_row) },
  { "signer-email", G_STRUCT_OFFSET (SignetRoundEditor, email_row) },
  { "fields", G_STRUCT_OFFSET (SignetRoundEditor, field_row) },
  { "open-otp", G_STRUCT_OFFSET (SignetRoundEditor, open_otp_row) },
  { "sign-otp", G_STRUCT_OFFSET (SignetRoundEditor, sign_otp_row) },
  { "otp-email", G_STRUCT_OFFSET (SignetRoundEditor, otp_email_row) },
  { "phone", G_STRUCT_OFFSET (SignetRoundEditor, phone_row) },
};

/**
 * signet_round_editor_show_problems:
 * @self: a #SignetRoundEditor
 * @problems: (element-type SignetSpecProblem): what is wrong with this round
 *
 * Marks the rows whose input is wrong, and clears the others.
 */
void
signet_round_editor_show_problems (SignetRoundEditor *self, GPtrArray *problems)
{
  g_return_if_fail (SIGNET_IS_ROUND_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (round_rows); i++)
    {
      const char *property = round_rows[i].property;
      const char *message = NULL;

      for (guint j = 0; problems != NULL && j < problems->len && message == NULL; j++)
        {
          SignetSpecProblem *problem = g_ptr_array_index (problems, j);

          if (g_strcmp0 (problem->property, property) == 0)
            message = problem->message;
        }
      signet_form_mark_row (G_STRUCT_MEMBER (GtkWidget *, self, round_rows[i].offset), message);
      /* A wrong code address is not hidden behind a closed row. */
      if (message != NULL
          && (g_str_equal (property, "otp-email") || g_str_equal (property, "phone")
              || g_str_has_suffix (property, "-otp")))
        adw_expander_row_set_expanded (self->otp_row, TRUE);
    }
}
