/* signet-intake-row.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-intake-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "signet-intake-row.h"
#include "signet-widget-util.h"

struct _SignetIntakeRow
{
  AdwActionRow parent_instance;

  SignetIntakeItem *item;

  GtkStack   *status_stack;
  GtkSpinner *spinner;
  GtkButton  *remove_button;
};

G_DEFINE_FINAL_TYPE (SignetIntakeRow, signet_intake_row, ADW_TYPE_ACTION_ROW)

static guint remove_signal;

static char *
first_sentence (const char *text)
{
  const char *end = text != NULL ? strstr (text, ". ") : NULL;

  if (text == NULL)
    return g_strdup ("");
  return end != NULL ? g_strndup (text, end - text + 1) : g_strdup (text);
}

static void
update (SignetIntakeRow *self)
{
  SignetIntakeState state = signet_intake_item_get_state (self->item);

  if (state == SIGNET_INTAKE_STATE_FAILED)
    {
      /* What happened, in one sentence: the error page beside the list
       * says what to do. */
      g_autofree char *what = first_sentence (signet_intake_item_get_summary (self->item));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), what);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                                 signet_intake_item_get_summary (self->item));
  gtk_spinner_set_spinning (self->spinner, state == SIGNET_INTAKE_STATE_CHECKING);
  switch (state)
    {
      case SIGNET_INTAKE_STATE_CHECKING:
        gtk_stack_set_visible_child_name (self->status_stack, "checking");
        break;

      case SIGNET_INTAKE_STATE_READY:
        gtk_stack_set_visible_child_name (self->status_stack, "ready");
        break;

      case SIGNET_INTAKE_STATE_FAILED:
        gtk_stack_set_visible_child_name (self->status_stack, "failed");
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
item_changed_cb (SignetIntakeRow *self)
{
  update (self);
}

/* A button's signal, not a widget action: GTK 4.8 offers a widget's actions
 * to assistive technologies as the row's own, and activating a row must
 * not remove it. */
static void
remove_clicked_cb (SignetIntakeRow *self)
{
  g_signal_emit (self, remove_signal, 0);
}

static void
signet_intake_row_constructed (GObject *object)
{
  SignetIntakeRow *self = SIGNET_INTAKE_ROW (object);
  const char      *name = signet_intake_item_get_name (self->item);
  g_autofree char *remove_label = NULL;

  G_OBJECT_CLASS (signet_intake_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  /* Translators: the accessible name of the button that takes a file off the list; %s is its name
   */
  remove_label = g_strdup_printf (_ ("Remove “%s” From List"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);

  g_signal_connect_object (self->item, "notify::state", G_CALLBACK (item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

static void
signet_intake_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_INTAKE_ROW);

  G_OBJECT_CLASS (signet_intake_row_parent_class)->dispose (object);
}

static void
signet_intake_row_finalize (GObject *object)
{
  SignetIntakeRow *self = SIGNET_INTAKE_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (signet_intake_row_parent_class)->finalize (object);
}

static void
signet_intake_row_class_init (SignetIntakeRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = signet_intake_row_constructed;
  object_class->dispose = signet_intake_row_dispose;
  object_class->finalize = signet_intake_row_finalize;

  signet_widget_class_install_model (object_class, "item", SIGNET_TYPE_INTAKE_ITEM,
                                     G_STRUCT_OFFSET (SignetIntakeRow, item));

  /**
   * SignetIntakeRow::remove:
   *
   * The person asked to take the file off the list.
   */
  remove_signal = signet_widget_class_new_remove_signal (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-intake-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetIntakeRow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, SignetIntakeRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SignetIntakeRow, remove_button);

  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
signet_intake_row_init (SignetIntakeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * signet_intake_row_new:
 * @item: the queued file to show
 *
 * Creates a row of the intake list: the file's name, whether it is being
 * checked, what it holds or why it cannot be sent, and a remove button.
 *
 * Returns: (transfer full): a new #SignetIntakeRow
 */
GtkWidget *
signet_intake_row_new (SignetIntakeItem *item)
{
  g_return_val_if_fail (SIGNET_IS_INTAKE_ITEM (item), NULL);

  return g_object_new (SIGNET_TYPE_INTAKE_ROW, "item", item, NULL);
}

/**
 * signet_intake_row_get_item:
 * @self: a #SignetIntakeRow
 *
 * Returns: (transfer none): the queued file the row shows
 */
SignetIntakeItem *
signet_intake_row_get_item (SignetIntakeRow *self)
{
  g_return_val_if_fail (SIGNET_IS_INTAKE_ROW (self), NULL);

  return self->item;
}
