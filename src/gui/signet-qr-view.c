/* signet-qr-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-qr-view"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-qr-code.h"
#include "signet-qr-view.h"
#include "signet-widget-util.h"

/**
 * SignetQrView:
 *
 * Shows a QR code as large as it is given room for, square, black on a white
 * card with its quiet zone in light and dark style alike, and with every
 * module a whole number of device pixels so the edges stay sharp for a
 * phone's camera.
 */
struct _SignetQrView
{
  GtkWidget parent_instance;

  char         *text;
  SignetQrCode *code;
};

G_DEFINE_FINAL_TYPE (SignetQrView, signet_qr_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The smallest module that a phone reads at arm's length, in logical pixels. */
#define MIN_MODULE   3
#define NATURAL_SIZE 360

static guint
total_modules (SignetQrView *self)
{
  return signet_qr_code_get_width (self->code) + 2 * SIGNET_QR_CODE_QUIET_ZONE;
}

static void
signet_qr_view_measure (GtkWidget     *widget,
                        GtkOrientation orientation,
                        int            for_size,
                        int           *minimum,
                        int           *natural,
                        int           *minimum_baseline,
                        int           *natural_baseline)
{
  SignetQrView *self = SIGNET_QR_VIEW (widget);
  int           smallest = self->code != NULL ? (int) total_modules (self) * MIN_MODULE : 0;

  *minimum = smallest;
  *natural = MAX (smallest, NATURAL_SIZE);
}

static void
signet_qr_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SignetQrView *self = SIGNET_QR_VIEW (widget);
  int           width = gtk_widget_get_width (widget);
  int           height = gtk_widget_get_height (widget);
  int           scale = gtk_widget_get_scale_factor (widget);
  guint         modules, side;
  double        module, size, x0, y0;
  GdkRGBA       white = { 1, 1, 1, 1 };
  GdkRGBA       black = { 0, 0, 0, 1 };

  if (self->code == NULL)
    return;

  /* Whole device pixels per module, centred in the allocation. */
  modules = total_modules (self);
  module = floor ((double) MIN (width, height) * scale / modules) / scale;
  if (module <= 0)
    return;
  size = module * modules;
  x0 = round ((width - size) / 2 * scale) / scale;
  y0 = round ((height - size) / 2 * scale) / scale;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, size, size));

  side = signet_qr_code_get_width (self->code);
  for (guint y = 0; y < side; y++)
    {
      guint x = 0;

      /* One rectangle per run of dark modules in a row. */
      while (x < side)
        {
          guint run;

          if (!signet_qr_code_get_module (self->code, x, y))
            {
              x++;
              continue;
            }
          for (run = 1; x + run < side && signet_qr_code_get_module (self->code, x + run, y); run++)
            ;
          gtk_snapshot_append_color (
            snapshot, &black,
            &GRAPHENE_RECT_INIT (x0 + (x + SIGNET_QR_CODE_QUIET_ZONE) * module,
                                 y0 + (y + SIGNET_QR_CODE_QUIET_ZONE) * module, run * module,
                                 module));
          x += run;
        }
    }
}

/**
 * signet_qr_view_set_text:
 * @self: a #SignetQrView
 * @text: (nullable): what the code holds; %NULL for none
 *
 * Shows @text as a QR code. Text too long for a QR code shows nothing.
 */
void
signet_qr_view_set_text (SignetQrView *self, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SIGNET_IS_QR_VIEW (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->code);
  if (text != NULL)
    {
      self->code = signet_qr_code_new (text, &error);
      if (self->code == NULL)
        g_debug ("No QR code: %s", error->message);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * signet_qr_view_get_text:
 * @self: a #SignetQrView
 *
 * Returns: (nullable): what the code holds
 */
const char *
signet_qr_view_get_text (SignetQrView *self)
{
  g_return_val_if_fail (SIGNET_IS_QR_VIEW (self), NULL);

  return self->text;
}

static void
signet_qr_view_finalize (GObject *object)
{
  SignetQrView *self = SIGNET_QR_VIEW (object);

  g_free (self->text);
  g_clear_object (&self->code);

  G_OBJECT_CLASS (signet_qr_view_parent_class)->finalize (object);
}

static void
signet_qr_view_class_init (SignetQrViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = signet_qr_view_finalize;

  widget_class->measure = signet_qr_view_measure;
  widget_class->snapshot = signet_qr_view_snapshot;

  /**
   * SignetQrView:text:
   *
   * What the QR code holds, such as a signing link.
   */
  properties[PROP_TEXT] = signet_param_spec_field (
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetQrView, text), G_CALLBACK (signet_qr_view_set_text));
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
signet_qr_view_init (SignetQrView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("QR code of the signing link"), -1);
}

/**
 * signet_qr_view_new:
 *
 * Returns: (transfer floating): a new #SignetQrView showing nothing yet
 */
GtkWidget *
signet_qr_view_new (void)
{
  return g_object_new (SIGNET_TYPE_QR_VIEW, NULL);
}
