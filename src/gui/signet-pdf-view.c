/* signet-pdf-view.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-pdf-view"

#include "config.h"

#include <glib/gi18n.h>

#include "signet-pdf-view.h"
#include "signet-pdf-renderer.h"
#include "signet-widget-util.h"

/* Rendered pages kept per open document: a few screens at HiDPI, however
 * many pages the document has. */
#define CACHE_SIZE      (96 * 1024 * 1024)
#define THUMBNAIL_WIDTH 96.0
#define PAGE_MARGIN     18
#define ZOOM_STEP       1.2
#define MIN_ZOOM        0.25
#define MAX_ZOOM        4.0

struct _SignetPdfView
{
  GtkWidget parent_instance;

  SignetInspection   *inspection;
  SignetPdfRenderer  *renderer;
  GtkStringList      *pages;
  GtkSingleSelection *selection;
  SignetZoomMode      zoom_mode;
  double              zoom;
  guint               refit_id;

  GtkLabel          *page_label;
  GtkMenuButton     *zoom_button;
  GtkListView       *thumbnails;
  GtkScrolledWindow *page_window;
  SignetPdfPage     *page;
  GtkWidget         *field_legend;
  GtkLabel          *field_label;
  GtkWidget         *tag_legend;
  GtkLabel          *tag_label;
  GtkLabel          *mode_label;
  GtkLabel          *note_label;
};

G_DEFINE_FINAL_TYPE (SignetPdfView, signet_pdf_view, GTK_TYPE_WIDGET)

static int
n_pages (SignetPdfView *self)
{
  return self->inspection != NULL ? signet_inspection_get_n_pages (self->inspection) : 0;
}

static void
update_actions (SignetPdfView *self)
{
  int      page = signet_pdf_page_get_page (self->page);
  gboolean has_pages = n_pages (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", has_pages && page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 has_pages && page < n_pages (self) - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in",
                                 has_pages && self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out",
                                 has_pages && self->zoom > MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.fit-width", has_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.fit-page", has_pages);
}

static void
update_page_labels (SignetPdfView *self)
{
  int              page = signet_pdf_page_get_page (self->page);
  guint            outlines = signet_pdf_page_get_n_outlines (self->page);
  g_autofree char *position = NULL;
  g_autofree char *description = NULL;

  if (page < 0)
    return;

  /* Translators: “Page 2 of 5” */
  position = g_strdup_printf (_ ("Page %d of %d"), page + 1, n_pages (self));
  gtk_label_set_label (self->page_label, position);

  if (outlines > 0)
    /* Translators: the accessible description of a previewed page; %s is “Page 2 of 5” */
    description = g_strdup_printf (
      ngettext ("%s, %u place to sign marked", "%s, %u places to sign marked", outlines), position,
      outlines);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description != NULL ? description : position, -1);
}

static void
apply_zoom (SignetPdfView *self)
{
  GtkAdjustment   *hadjustment = gtk_scrolled_window_get_hadjustment (self->page_window);
  GtkAdjustment   *vadjustment = gtk_scrolled_window_get_vadjustment (self->page_window);
  double           view_width = gtk_adjustment_get_page_size (hadjustment) - 2 * PAGE_MARGIN;
  double           view_height = gtk_adjustment_get_page_size (vadjustment) - 2 * PAGE_MARGIN;
  g_autofree char *label = NULL;
  double           width, height;

  if (n_pages (self) == 0)
    return;

  signet_inspection_get_page_size (self->inspection, MAX (0, signet_pdf_page_get_page (self->page)),
                                   &width, &height);

  /* Before the first allocation the view has no size: keep the zoom. */
  if (self->zoom_mode != SIGNET_ZOOM_MODE_FREE && view_width > 0 && view_height > 0)
    {
      self->zoom = view_width / width;
      if (self->zoom_mode == SIGNET_ZOOM_MODE_FIT_PAGE)
        self->zoom = MIN (self->zoom, view_height / height);
      self->zoom = CLAMP (self->zoom, MIN_ZOOM, MAX_ZOOM);
    }

  signet_pdf_page_set_zoom (self->page, self->zoom);

  /* Translators: a zoom level such as “125%”; %d is the percentage, %% the percent sign */
  label = g_strdup_printf (_ ("%d%%"), (int) (self->zoom * 100 + 0.5));
  gtk_menu_button_set_label (self->zoom_button, label);
  update_actions (self);
}

static void
set_zoom_mode (SignetPdfView *self, SignetZoomMode mode, double zoom)
{
  self->zoom_mode = mode;
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  apply_zoom (self);
}

static gboolean
refit_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  self->refit_id = 0;
  if (self->zoom_mode != SIGNET_ZOOM_MODE_FREE)
    apply_zoom (self);

  return G_SOURCE_REMOVE;
}

static void
viewport_resized_cb (SignetPdfView *self)
{
  /* The viewport changes size while it is being allocated, when nothing
   * may be resized: fit the page before the next frame instead. */
  if (self->zoom_mode != SIGNET_ZOOM_MODE_FREE && self->refit_id == 0)
    self->refit_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), refit_cb, NULL, NULL);
}

static void
show_page (SignetPdfView *self, int page)
{
  if (page < 0 || page >= n_pages (self))
    return;

  signet_pdf_page_set_page (self->page, page);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->page_window), 0);

  if (gtk_single_selection_get_selected (self->selection) != (guint) page)
    {
      gtk_single_selection_set_selected (self->selection, page);
      gtk_widget_activate_action (GTK_WIDGET (self->thumbnails), "list.scroll-to-item", "u",
                                  (guint) page);
    }

  update_page_labels (self);
  /* Pages may differ in size. */
  apply_zoom (self);
}

static void
thumbnail_selected_cb (SignetPdfView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    show_page (self, (int) selected);
}

static void
thumbnail_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, SignetPdfView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *page = signet_pdf_page_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (page, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (page, "thumbnail");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), page);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
thumbnail_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, SignetPdfView *self)
{
  GtkWidget       *box = gtk_list_item_get_child (list_item);
  SignetPdfPage   *page = SIGNET_PDF_PAGE (gtk_widget_get_first_child (box));
  GtkLabel        *label = GTK_LABEL (gtk_widget_get_last_child (box));
  int              position = (int) gtk_list_item_get_position (list_item);
  g_autofree char *number = g_strdup_printf ("%d", position + 1);
  g_autofree char *accessible = NULL;
  double           width, height;

  signet_inspection_get_page_size (self->inspection, position, &width, &height);
  signet_pdf_page_set_document (page, self->inspection, self->renderer);
  signet_pdf_page_set_zoom (page, THUMBNAIL_WIDTH / width);
  signet_pdf_page_set_page (page, position);
  gtk_label_set_label (label, number);

  /* Translators: the accessible name of a page's thumbnail; %d is its number */
  accessible = g_strdup_printf (_ ("Page %d"), position + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* The list item around the box is what takes the focus; GTK 4.8 has no
   * gtk_list_item_set_accessible_label() (4.12) to name it. */
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
thumbnail_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, SignetPdfView *self)
{
  GtkWidget     *box = gtk_list_item_get_child (list_item);
  SignetPdfPage *page = SIGNET_PDF_PAGE (gtk_widget_get_first_child (box));

  /* Scrolled away or another document: stop rendering it, and let go of
   * the document so that its renderer and cache can go. */
  signet_pdf_page_set_page (page, -1);
  signet_pdf_page_set_document (page, NULL, NULL);
}

static void
update_legend (SignetPdfView *self)
{
  guint fields = signet_inspection_count_spots (self->inspection, SIGNET_SPOT_KIND_FIELD);
  guint tags = signet_inspection_count_spots (self->inspection, SIGNET_SPOT_KIND_TAG);
  g_autofree char *field_text
    = g_strdup_printf (ngettext ("%u signature field", "%u signature fields", fields), fields);
  g_autofree char *tag_text
    = g_strdup_printf (ngettext ("%u text tag", "%u text tags", tags), tags);
  g_autofree char *note = signet_inspection_dup_note (self->inspection);

  gtk_label_set_label (self->field_label, field_text);
  gtk_label_set_label (self->tag_label, tag_text);
  gtk_widget_set_visible (self->field_legend, fields > 0);
  gtk_widget_set_visible (self->tag_legend, tags > 0);

  switch (signet_inspection_get_signing_mode (self->inspection))
    {
      case SIGNET_SIGNING_MODE_FIELDS:
        gtk_label_set_label (self->mode_label,
                             _ ("The signer signs in the existing signature fields."));
        break;

      case SIGNET_SIGNING_MODE_TAGS:
        gtk_label_set_label (self->mode_label,
                             _ ("OKdokument turns the text tags into signature fields."));
        break;

      case SIGNET_SIGNING_MODE_ANYWHERE:
        gtk_label_set_label (
          self->mode_label,
          _ ("No signature fields or text tags were found: the signer can sign anywhere."));
        break;

      default:
        g_assert_not_reached ();
    }

  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

static void
previous_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  show_page (self, signet_pdf_page_get_page (self->page) - 1);
}

static void
next_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  show_page (self, signet_pdf_page_get_page (self->page) + 1);
}

static void
zoom_in_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  set_zoom_mode (self, SIGNET_ZOOM_MODE_FREE, self->zoom * ZOOM_STEP);
}

static void
zoom_out_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  set_zoom_mode (self, SIGNET_ZOOM_MODE_FREE, self->zoom / ZOOM_STEP);
}

static void
fit_width_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  set_zoom_mode (self, SIGNET_ZOOM_MODE_FIT_WIDTH, self->zoom);
}

static void
fit_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (widget);

  set_zoom_mode (self, SIGNET_ZOOM_MODE_FIT_PAGE, self->zoom);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, SignetPdfView *self)
{
  GdkModifierType state
    = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0 || n_pages (self) == 0)
    return FALSE;

  set_zoom_mode (self, SIGNET_ZOOM_MODE_FREE,
                 dy < 0 ? self->zoom * ZOOM_STEP : self->zoom / ZOOM_STEP);
  return TRUE;
}

/* The view's keys, all with Ctrl. */
static const struct
{
  guint       keyval;
  const char *action;
} shortcuts[] = {
  { GDK_KEY_plus, "preview.zoom-in" },         { GDK_KEY_equal, "preview.zoom-in" },
  { GDK_KEY_KP_Add, "preview.zoom-in" },       { GDK_KEY_minus, "preview.zoom-out" },
  { GDK_KEY_KP_Subtract, "preview.zoom-out" }, { GDK_KEY_0, "preview.fit-page" },
  { GDK_KEY_9, "preview.fit-width" },          { GDK_KEY_Page_Up, "preview.previous-page" },
  { GDK_KEY_Page_Down, "preview.next-page" },
};

static void
signet_pdf_view_dispose (GObject *object)
{
  SignetPdfView *self = SIGNET_PDF_VIEW (object);

  if (self->refit_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->refit_id);
  self->refit_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (object), SIGNET_TYPE_PDF_VIEW);
  /* The separators and boxes of the template have no name to be cleared by. */
  signet_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->renderer);
  g_clear_object (&self->inspection);

  G_OBJECT_CLASS (signet_pdf_view_parent_class)->dispose (object);
}

static void
signet_pdf_view_class_init (SignetPdfViewClass *klass)
{
  static const SignetWidgetAction actions[] = {
    { "preview.previous-page", NULL, previous_page_activated },
    { "preview.next-page", NULL, next_page_activated },
    { "preview.zoom-in", NULL, zoom_in_activated },
    { "preview.zoom-out", NULL, zoom_out_activated },
    { "preview.fit-width", NULL, fit_width_activated },
    { "preview.fit-page", NULL, fit_page_activated },
  };
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = signet_pdf_view_dispose;

  g_type_ensure (SIGNET_TYPE_PDF_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/signet-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, page_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, page_window);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, page);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, field_legend);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, field_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, tag_legend);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, tag_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, mode_label);
  gtk_widget_class_bind_template_child (widget_class, SignetPdfView, note_label);

  signet_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));

  gtk_widget_class_set_css_name (widget_class, "signet-pdf-view");
}

static void
signet_pdf_view_init (SignetPdfView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *scroll;
  GtkEventController *shortcut_controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->zoom_mode = SIGNET_ZOOM_MODE_FIT_PAGE;

  self->pages = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->pages));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (thumbnail_selected_cb),
                            self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (thumbnail_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (thumbnail_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (thumbnail_unbind_cb), self);
  gtk_list_view_set_factory (self->thumbnails, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->thumbnails, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->page_window),
                           "notify::page-size", G_CALLBACK (viewport_resized_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->page_window),
                           "notify::page-size", G_CALLBACK (viewport_resized_cb), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+scroll zooms instead of scrolling. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->page_window), scroll);

  /* Window-wide, so that they work wherever the focus is. */
  shortcut_controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcut_controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcut_controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].keyval, GDK_CONTROL_MASK),
                        gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcut_controller);

  update_actions (self);
}

/**
 * signet_pdf_view_new:
 *
 * Creates a preview: one page at a time with its signature fields and text
 * tags outlined, a strip of thumbnails, page navigation, zoom and a legend.
 *
 * Returns: (transfer full): a new #SignetPdfView
 */
GtkWidget *
signet_pdf_view_new (void)
{
  return g_object_new (SIGNET_TYPE_PDF_VIEW, NULL);
}

/**
 * signet_pdf_view_set_document:
 * @self: a #SignetPdfView
 * @inspection: (nullable): an inspected PDF, or %NULL to show nothing
 *
 * Shows the first page of a document. The pages of the previous document
 * stop rendering and its cache is freed.
 */
void
signet_pdf_view_set_document (SignetPdfView *self, SignetInspection *inspection)
{
  g_autoptr (GPtrArray) numbers = NULL;

  g_return_if_fail (SIGNET_IS_PDF_VIEW (self));
  g_return_if_fail (inspection == NULL || SIGNET_IS_INSPECTION (inspection));

  if (self->inspection == inspection)
    return;

  g_set_object (&self->inspection, inspection);
  g_clear_object (&self->renderer);
  if (inspection != NULL && signet_inspection_get_n_pages (inspection) > 0)
    self->renderer = signet_pdf_renderer_new (signet_inspection_get_file (inspection), CACHE_SIZE);

  signet_pdf_page_set_page (self->page, -1);
  signet_pdf_page_set_document (self->page, self->inspection, self->renderer);

  numbers = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n_pages (self); i++)
    g_ptr_array_add (numbers, g_strdup_printf ("%d", i + 1));
  g_ptr_array_add (numbers, NULL);
  gtk_string_list_splice (self->pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pages)),
                          (const char *const *) numbers->pdata);

  if (n_pages (self) == 0)
    {
      update_actions (self);
      return;
    }

  update_legend (self);
  /* The whole page first: where to sign is often at its bottom. */
  self->zoom_mode = SIGNET_ZOOM_MODE_FIT_PAGE;
  show_page (self, 0);
}

/**
 * signet_pdf_view_get_document:
 * @self: a #SignetPdfView
 *
 * Returns: (transfer none) (nullable): the document shown
 */
SignetInspection *
signet_pdf_view_get_document (SignetPdfView *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_VIEW (self), NULL);

  return self->inspection;
}

/**
 * signet_pdf_view_set_page:
 * @self: a #SignetPdfView
 * @page: a page, from 0
 *
 * Shows another page.
 */
void
signet_pdf_view_set_page (SignetPdfView *self, int page)
{
  g_return_if_fail (SIGNET_IS_PDF_VIEW (self));

  show_page (self, page);
}

/**
 * signet_pdf_view_get_page:
 * @self: a #SignetPdfView
 *
 * Returns: the page shown, from 0, or -1
 */
int
signet_pdf_view_get_page (SignetPdfView *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_VIEW (self), -1);

  return signet_pdf_page_get_page (self->page);
}

/**
 * signet_pdf_view_get_zoom_mode:
 * @self: a #SignetPdfView
 *
 * Returns: how the page is sized
 */
SignetZoomMode
signet_pdf_view_get_zoom_mode (SignetPdfView *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_VIEW (self), SIGNET_ZOOM_MODE_FIT_WIDTH);

  return self->zoom_mode;
}

/**
 * signet_pdf_view_get_zoom:
 * @self: a #SignetPdfView
 *
 * Returns: logical pixels per point
 */
double
signet_pdf_view_get_zoom (SignetPdfView *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * signet_pdf_view_get_page_widget:
 * @self: a #SignetPdfView
 *
 * Returns: (transfer none): the widget that shows the current page
 */
SignetPdfPage *
signet_pdf_view_get_page_widget (SignetPdfView *self)
{
  g_return_val_if_fail (SIGNET_IS_PDF_VIEW (self), NULL);

  return self->page;
}
