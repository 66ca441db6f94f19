/* signet-pdf-page.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-pdf-page"

#include "config.h"

#include "signet-pdf-page.h"
#include "signet-widget-util.h"

#include <math.h>

/* Labels on outlines only when the page is large enough to read them. */
#define MIN_ZOOM_FOR_LABELS 0.5

struct _SignetPdfPage
{
  GtkWidget parent_instance;

  SignetInspection  *inspection;
  SignetPdfRenderer *renderer;
  int                page;
  double             zoom;

  /* What is shown, and what it was rendered for. */
  GdkTexture *texture;
  int         texture_page;
  double      texture_scale;

  /* The render under way, cancelled when the page is not wanted any more. */
  GCancellable *cancellable;
  double        pending_scale;
};

G_DEFINE_FINAL_TYPE (SignetPdfPage, signet_pdf_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_RENDERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA field_color = { 0.208, 0.518, 0.894, 1.0 }; /* Adwaita blue 3 */
static const GdkRGBA tag_color = { 0.902, 0.380, 0.0, 1.0 };     /* Adwaita orange 5 */

static double
render_scale (SignetPdfPage *self)
{
  return self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
cancel_render (SignetPdfPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
show_image (SignetPdfPage *self, SignetPageImage *image)
{
  g_clear_object (&self->texture);
  self->texture = gdk_memory_texture_new (
    signet_page_image_get_width (image), signet_page_image_get_height (image), GDK_MEMORY_DEFAULT,
    signet_page_image_get_bytes (image), signet_page_image_get_stride (image));
  self->texture_page = signet_page_image_get_page (image);
  self->texture_scale = signet_page_image_get_scale (image);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
}

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SignetPdfPage) self = user_data;
  g_autoptr (SignetPageImage) image = NULL;
  g_autoptr (GError) error = NULL;

  image = signet_pdf_renderer_render_finish (SIGNET_PDF_RENDERER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (image == NULL)
    {
      g_warning ("Could not render page %d: %s", self->page + 1, error->message);
      return;
    }

  show_image (self, image);
}

static gboolean
is_shown (SignetPdfPage *self)
{
  return self->texture != NULL && self->texture_page == self->page
         && G_APPROX_VALUE (self->texture_scale, render_scale (self), 0.001);
}

/* Asks for the page at the current zoom, unless it is shown or on its way. */
static void
request_render (SignetPdfPage *self)
{
  g_autoptr (SignetPageImage) cached = NULL;
  double scale;

  if (self->renderer == NULL || self->page < 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (is_shown (self))
    return;

  scale = render_scale (self);
  if (self->cancellable != NULL && G_APPROX_VALUE (self->pending_scale, scale, 0.001))
    return;
  cancel_render (self);

  cached = signet_pdf_renderer_lookup (self->renderer, self->page, scale);
  if (cached != NULL)
    {
      show_image (self, cached);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->pending_scale = scale;
  signet_pdf_renderer_render_async (self->renderer, self->page, scale, self->cancellable,
                                    rendered_cb, g_object_ref (self));
}

static void
page_size (SignetPdfPage *self, double *width, double *height)
{
  *width = 595;
  *height = 842;
  if (self->inspection != NULL && self->page >= 0
      && self->page < signet_inspection_get_n_pages (self->inspection))
    signet_inspection_get_page_size (self->inspection, self->page, width, height);
}

static void
signet_pdf_page_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  SignetPdfPage *self = SIGNET_PDF_PAGE (widget);
  double         width, height;

  page_size (self, &width, &height);
  *minimum = *natural
    = (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? width : height) * self->zoom);
}

static void
snapshot_outline (SignetPdfPage             *self,
                  GtkSnapshot               *snapshot,
                  const SignetSignatureSpot *spot,
                  double                     scale)
{
  const GdkRGBA  *color = spot->kind == SIGNET_SPOT_KIND_FIELD ? &field_color : &tag_color;
  GdkRGBA         fill = *color;
  graphene_rect_t rect;
  GskRoundedRect  outline;
  float           widths[4] = { 2, 2, 2, 2 };
  GdkRGBA         colors[4] = { *color, *color, *color, *color };

  /* A little room around text tags, whose boxes hug the glyphs. */
  graphene_rect_init (&rect, spot->x * scale - 3, spot->y * scale - 3, spot->width * scale + 6,
                      spot->height * scale + 6);
  fill.alpha = 0.15;
  gtk_snapshot_append_color (snapshot, &fill, &rect);
  gsk_rounded_rect_init_from_rect (&outline, &rect, 3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);

  /* A field's name is nowhere on the page; a tag is its own label. */
  if (spot->kind == SIGNET_SPOT_KIND_FIELD && self->zoom >= MIN_ZOOM_FOR_LABELS)
    {
      g_autoptr (PangoLayout) layout
        = gtk_widget_create_pango_layout (GTK_WIDGET (self), spot->name);
      PangoAttrList  *attrs = pango_attr_list_new ();
      GdkRGBA         white = { 1, 1, 1, 1 };
      graphene_rect_t badge;
      int             text_width, text_height;

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);

      graphene_rect_init (&badge, rect.origin.x, rect.origin.y - text_height - 2, text_width + 8,
                          text_height + 2);
      gtk_snapshot_append_color (snapshot, color, &badge);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (badge.origin.x + 4, badge.origin.y + 1));
      gtk_snapshot_append_layout (snapshot, layout, &white);
      gtk_snapshot_restore (snapshot);
    }
}

static void
signet_pdf_page_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SignetPdfPage  *self = SIGNET_PDF_PAGE (widget);
  int             width = gtk_widget_get_width (widget);
  int             height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GdkRGBA         paper = { 1, 1, 1, 1 };
  double          page_width, page_height;

  /* Paper first, so that a page still rendering is not a hole; an older
   * image of this page (another zoom) stands in until the new one comes. */
  gtk_snapshot_append_color (snapshot, &paper, &bounds);
  if (self->texture != NULL && self->texture_page == self->page)
    gtk_snapshot_append_texture (snapshot, self->texture, &bounds);

  if (self->inspection == NULL)
    return;

  page_size (self, &page_width, &page_height);
  {
    GPtrArray *spots = signet_inspection_get_spots (self->inspection);
    double     scale = width / page_width;

    for (guint i = 0; i < spots->len; i++)
      {
        const SignetSignatureSpot *spot = g_ptr_array_index (spots, i);

        if (spot->page == self->page)
          snapshot_outline (self, snapshot, spot, scale);
      }
  }
}

static void
signet_pdf_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (signet_pdf_page_parent_class)->map (widget);

  request_render (SIGNET_PDF_PAGE (widget));
}

static void
signet_pdf_page_unmap (GtkWidget *widget)
{
  /* Off screen: the render is not wanted any more. */
  cancel_render (SIGNET_PDF_PAGE (widget));

  GTK_WIDGET_CLASS (signet_pdf_page_parent_class)->unmap (widget);
}

static void
scale_factor_changed_cb (SignetPdfPage *self)
{
  request_render (self);
}

static void
signet_pdf_page_dispose (GObject *object)
{
  SignetPdfPage *self = SIGNET_PDF_PAGE (object);

  cancel_render (self);
  g_clear_object (&self->texture);
  g_clear_object (&self->renderer);
  g_clear_object (&self->inspection);

  G_OBJECT_CLASS (signet_pdf_page_parent_class)->dispose (object);
}

static void
get_rendered (GObject *object, GValue *value)
{
  g_value_set_boolean (value, signet_pdf_page_is_rendered (SIGNET_PDF_PAGE (object)));
}

static void
signet_pdf_page_class_init (SignetPdfPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_pdf_page_dispose;

  widget_class->measure = signet_pdf_page_measure;
  widget_class->snapshot = signet_pdf_page_snapshot;
  widget_class->map = signet_pdf_page_map;
  widget_class->unmap = signet_pdf_page_unmap;

  properties[PROP_PAGE] = signet_param_spec_field (
    g_param_spec_int ("page", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetPdfPage, page), G_CALLBACK (signet_pdf_page_set_page));
  properties[PROP_ZOOM] = signet_param_spec_field (
    g_param_spec_double ("zoom", NULL, NULL, 0.01, 16.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    G_STRUCT_OFFSET (SignetPdfPage, zoom), G_CALLBACK (signet_pdf_page_set_zoom));
  properties[PROP_RENDERED] = signet_param_spec_computed (
    g_param_spec_boolean ("rendered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS),
    get_rendered);
  signet_object_class_install_fields (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "signet-pdf-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
signet_pdf_page_init (SignetPdfPage *self)
{
  self->page = -1;
  self->zoom = 1.0;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
}

/**
 * signet_pdf_page_new:
 *
 * Creates a widget that shows one page of a document at a zoom, rendered
 * off the main thread at the display's scale, with the document's
 * signature fields and text tags outlined.
 *
 * Returns: (transfer full): a new #SignetPdfPage
 */
GtkWidget *
signet_pdf_page_new (void)
{
  return g_object_new (SIGNET_TYPE_PDF_PAGE, NULL);
}

/**
 * signet_pdf_page_set_document:
 * @self: a #SignetPdfPage
 * @inspection: (nullable): what the document holds
 * @renderer: (nullable): renders its pages
 *
 * Sets the document the page belongs to.
 */
void
signet_pdf_page_set_document (SignetPdfPage     *self,
                              SignetInspection  *inspection,
                              SignetPdfRenderer *renderer)
{
  g_return_if_fail (SIGNET_IS_PDF_PAGE (self));

  cancel_render (self);
  g_clear_object (&self->texture);
  g_set_object (&self->inspection, inspection);
  g_set_object (&self->renderer, renderer);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  request_render (self);
}

/**
 * signet_pdf_page_set_page:
 * @self: a #SignetPdfPage
 * @page: the page to show, from 0, or -1 for none
 *
 * Shows another page of the document.
 */
void
signet_pdf_page_set_page (SignetPdfPage *self, int page)
{
  g_return_if_fail (SIGNET_IS_PDF_PAGE (self));

  if (self->page == page)
    return;

  self->page = page;
  cancel_render (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  request_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
}

/**
 * signet_pdf_page_get_page:
 * @self: a #SignetPdfPage
 *
 * Returns: the page shown, from 0, or -1
 */
int
signet_pdf_page_get_page (SignetPdfPage *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_PAGE (self), -1);

  return self->page;
}

/**
 * signet_pdf_page_set_zoom:
 * @self: a #SignetPdfPage
 * @zoom: logical pixels per point
 *
 * Sets the size the page is shown at.
 */
void
signet_pdf_page_set_zoom (SignetPdfPage *self, double zoom)
{
  g_return_if_fail (SIGNET_IS_PDF_PAGE (self));
  g_return_if_fail (zoom > 0);

  if (G_APPROX_VALUE (self->zoom, zoom, 0.0001))
    return;

  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  request_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * signet_pdf_page_get_zoom:
 * @self: a #SignetPdfPage
 *
 * Returns: logical pixels per point
 */
double
signet_pdf_page_get_zoom (SignetPdfPage *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_PAGE (self), 1.0);

  return self->zoom;
}

/**
 * signet_pdf_page_is_rendered:
 * @self: a #SignetPdfPage
 *
 * Returns: whether the page is shown sharp at the current zoom
 */
gboolean
signet_pdf_page_is_rendered (SignetPdfPage *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_PAGE (self), FALSE);

  return is_shown (self);
}

/**
 * signet_pdf_page_get_n_outlines:
 * @self: a #SignetPdfPage
 *
 * Returns: how many signature fields and text tags are outlined on the page
 */
guint
signet_pdf_page_get_n_outlines (SignetPdfPage *self)
{
  GPtrArray *spots;
  guint      n = 0;

  g_return_val_if_fail (SIGNET_IS_PDF_PAGE (self), 0);

  if (self->inspection == NULL)
    return 0;

  spots = signet_inspection_get_spots (self->inspection);
  for (guint i = 0; i < spots->len; i++)
    if (((const SignetSignatureSpot *) g_ptr_array_index (spots, i))->page == self->page)
      n++;

  return n;
}

/**
 * signet_pdf_page_get_texture:
 * @self: a #SignetPdfPage
 *
 * Returns: (transfer none) (nullable): the image of the page shown, in
 *   device pixels, or %NULL before the first one is rendered
 */
GdkTexture *
signet_pdf_page_get_texture (SignetPdfPage *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_PAGE (self), NULL);

  return self->texture;
}
