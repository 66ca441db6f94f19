/* signet-request-editor-rounds.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-request-editor-private.h"
#include "signet-round-editor.h"

/* The signers: one round editor each, and the places they sign. */

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
void
_signet_request_editor_give_places (SignetRequestSpec *spec, SignetInspection *inspection)
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

void
_signet_request_editor_show_rounds (SignetRequestEditor *self)
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
      g_signal_connect_object (round, "notify", G_CALLBACK (_signet_request_editor_queue_validate),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->rounds, g_object_ref (round));
      gtk_box_append (self->rounds_box, editor);
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->signers_row, n_rounds > 1 ? 1 : 0);
  self->updating = FALSE;
  gtk_widget_set_visible (self->add_round_button, n_rounds > 1);
  _signet_request_editor_queue_validate (self);
}

/* Another mode or another signer: each signer gets their place again. */
static void
rounds_changed_cb (SignetRequestEditor *self)
{
  _signet_request_editor_give_places (self->spec, signet_intake_item_get_inspection (self->item));
  _signet_request_editor_show_rounds (self);
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

/* Follows the shown spec's mode and signers. */
void
_signet_request_editor_follow_rounds (SignetRequestEditor *self)
{
  g_signal_connect_object (self->spec, "notify::signing-mode", G_CALLBACK (rounds_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (signet_request_spec_get_rounds (self->spec), "items-changed",
                           G_CALLBACK (rounds_changed_cb), self, G_CONNECT_SWAPPED);
  _signet_request_editor_show_rounds (self);
}

void
_signet_request_editor_class_rounds_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, signers_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_round_clicked_cb);
}
