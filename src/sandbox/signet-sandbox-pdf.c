/* signet-sandbox-pdf.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-pdf.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <poppler.h>
#include <string.h>

#include "signet-error.h"

/* poppler-glib 22.12 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The text tags of §9.2 of the reference, the legacy ones included. */
static const char *const tag_prefixes[] = { "_SO", "_SC", "_S", "_sig" };

#define FIELD_MIN_WIDTH 160.0
#define FIELD_HEIGHT    48.0

/**
 * signet_sandbox_field_new:
 * @name: the field's name
 * @page: the page, from 0
 * @x: left edge in points
 * @y: top edge in points
 * @width: width in points
 * @height: height in points
 *
 * Returns: (transfer full): a new #SignetSandboxField
 */
SignetSandboxField *
signet_sandbox_field_new (const char *name,
                          int         page,
                          double      x,
                          double      y,
                          double      width,
                          double      height)
{
  SignetSandboxField *field = g_new0 (SignetSandboxField, 1);

  field->name = g_strdup (name);
  field->page = page;
  field->x = x;
  field->y = y;
  field->width = width;
  field->height = height;

  return field;
}

/**
 * signet_sandbox_field_copy:
 * @field: a #SignetSandboxField
 *
 * Returns: (transfer full): a copy of @field
 */
SignetSandboxField *
signet_sandbox_field_copy (const SignetSandboxField *field)
{
  return signet_sandbox_field_new (field->name, field->page, field->x, field->y, field->width,
                                   field->height);
}

/**
 * signet_sandbox_field_free:
 * @field: (nullable): a #SignetSandboxField
 *
 * Frees @field.
 */
void
signet_sandbox_field_free (SignetSandboxField *field)
{
  if (field == NULL)
    return;

  g_free (field->name);
  g_free (field);
}

static PopplerDocument *
open_document (GBytes *pdf, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document;

  document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (document != NULL)
    return document;

  if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_ENCRYPTED,
                         "The document is protected by a password");
  else
    g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                 "The document is not a readable PDF: %s", local_error->message);
  return NULL;
}

/**
 * signet_sandbox_pdf_inspect:
 * @pdf: the PDF's bytes
 * @n_pages: (out) (optional): the number of pages
 * @signature_fields: (out) (optional) (transfer full) (element-type SignetSandboxField):
 *   the signature acrofields already in the document
 * @error: return location for an error
 *
 * Checks that @pdf is a PDF that can be read without a password and lists its
 * signature fields. Safe to call from any thread.
 *
 * Returns: %TRUE if @pdf is a readable PDF
 */
gboolean
signet_sandbox_pdf_inspect (GBytes *pdf, int *n_pages, GPtrArray **signature_fields, GError **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  int pages;

  g_return_val_if_fail (pdf != NULL, FALSE);

  document = open_document (pdf, error);
  if (document == NULL)
    return FALSE;

  pages = poppler_document_get_n_pages (document);
  if (pages < 1)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           "The document has no pages");
      return FALSE;
    }

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);
  for (int i = 0; i < pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      GList *mapping;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      mapping = poppler_page_get_form_field_mapping (page);
      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerFormFieldMapping *m = l->data;
          g_autofree char         *name = NULL;

          if (poppler_form_field_get_field_type (m->field) != POPPLER_FORM_FIELD_SIGNATURE)
            continue;

          name = poppler_form_field_get_name (m->field);
          /* poppler's areas have their origin at the bottom left. */
          g_ptr_array_add (fields, signet_sandbox_field_new (
                                     name ? name : "signature", i, m->area.x1, height - m->area.y2,
                                     m->area.x2 - m->area.x1, m->area.y2 - m->area.y1));
        }
      poppler_page_free_form_field_mapping (mapping);
    }

  if (n_pages != NULL)
    *n_pages = pages;
  if (signature_fields != NULL)
    *signature_fields = g_steal_pointer (&fields);

  return TRUE;
}

/**
 * signet_sandbox_pdf_find_tags:
 * @pdf: the PDF's bytes
 * @error: return location for an error
 *
 * Searches @pdf for the text tags `_SO1_`…`_SO5_`, `_SC1_`…`_SC5_`,
 * `_S1_`…`_S5_` (and the legacy `_sig1_`…`_sig5_`) and makes a signature
 * field of each: as wide as the tag but at least 160 pt, 48 pt high, standing
 * on the tag's baseline. Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SignetSandboxField): the fields, or
 *   %NULL on error
 */
GPtrArray *
signet_sandbox_pdf_find_tags (GBytes *pdf, GError **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  int pages;

  document = open_document (pdf, error);
  if (document == NULL)
    return NULL;

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);
  pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);

      for (guint p = 0; p < G_N_ELEMENTS (tag_prefixes); p++)
        for (char n = '1'; n <= '5'; n++)
          {
            g_autofree char *tag = g_strdup_printf ("%s%c_", tag_prefixes[p], n);
            GList           *matches;

            matches = poppler_page_find_text_with_options (
              page, tag, POPPLER_FIND_CASE_SENSITIVE | POPPLER_FIND_WHOLE_WORDS_ONLY);
            for (GList *l = matches; l != NULL; l = l->next)
              {
                PopplerRectangle *r = l->data;
                double            bottom = height - r->y1;
                double            field_width = MAX (r->x2 - r->x1, FIELD_MIN_WIDTH);
                double            x = MIN (r->x1, MAX (width - field_width, 0));
                double            y = MAX (bottom - FIELD_HEIGHT, 0);

                g_ptr_array_add (
                  fields, signet_sandbox_field_new (tag, i, x, y, field_width, FIELD_HEIGHT));
              }
            g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
          }
    }

  return g_steal_pointer (&fields);
}

static cairo_status_t
append_bytes_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * signet_sandbox_pdf_render_page_png:
 * @pdf: the PDF's bytes
 * @page: the page, from 0
 * @width_px: the width of the image in pixels
 * @error: return location for an error
 *
 * Renders one page as a PNG on white. Safe to call from any thread.
 *
 * Returns: (transfer full): the PNG, or %NULL on error
 */
GBytes *
signet_sandbox_pdf_render_page_png (GBytes *pdf, int page_index, int width_px, GError **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (PopplerPage) page = NULL;
  g_autoptr (GByteArray) png = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           width, height, scale;
  cairo_status_t   status;

  g_return_val_if_fail (width_px > 0, NULL);

  document = open_document (pdf, error);
  if (document == NULL)
    return NULL;

  if (page_index < 0 || page_index >= poppler_document_get_n_pages (document))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_NOT_FOUND, "The document has no page %d",
                   page_index + 1);
      return NULL;
    }

  page = poppler_document_get_page (document, page_index);
  poppler_page_get_size (page, &width, &height);
  scale = width_px / width;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px,
                                        MAX (1, (int) (height * scale + 0.5)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Could not write the page as PNG: %s",
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* Finishes a cairo PDF surface written into @out and returns the file. */
static GBytes *
finish_pdf (cairo_surface_t *surface, GByteArray *out, GError **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (out);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Could not write the PDF: %s",
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (out);
}

typedef void (*DecoratePage) (cairo_t *cr,
                              int      page,
                              int      n_pages,
                              double   width,
                              double   height,
                              gpointer user_data);

/* Redraws every page of @pdf onto a cairo PDF surface, as vectors, and lets
 * @decorate draw on top. */
static GBytes *
redraw (GBytes *pdf, DecoratePage decorate, gpointer user_data, GError **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (GByteArray) out = NULL;
  cairo_surface_t *surface;
  int              pages;

  document = open_document (pdf, error);
  if (document == NULL)
    return NULL;

  out = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, out, 595, 842);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "OKdokument sandbox (Signet)");
  pages = poppler_document_get_n_pages (document);

  for (int i = 0; i < pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      double   width, height;
      cairo_t *cr;

      poppler_page_get_size (page, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      cr = cairo_create (surface);
      cairo_save (cr);
      poppler_page_render_for_printing (page, cr);
      cairo_restore (cr);
      decorate (cr, i, pages, width, height, user_data);
      cairo_show_page (cr);
      cairo_destroy (cr);
    }

  return finish_pdf (surface, g_steal_pointer (&out), error);
}

static void
show_text_fitted (cairo_t    *cr,
                  const char *text,
                  double      x,
                  double      baseline,
                  double      max_width,
                  double      size)
{
  cairo_text_extents_t extents;

  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &extents);
  if (extents.x_advance > max_width && extents.x_advance > 0)
    cairo_set_font_size (cr, size * max_width / extents.x_advance);
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
}

typedef struct
{
  GPtrArray  *places;
  const char *name;
  const char *date;
} SignData;

/* A rectangle filled with @fill (RGBA) and outlined with @line (RGB). */
static void
draw_box (cairo_t      *cr,
          double        x,
          double        y,
          double        w,
          double        h,
          const double *fill,
          const double *line,
          double        line_width)
{
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, fill[0], fill[1], fill[2], fill[3]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, line[0], line[1], line[2]);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

static void
draw_signature (cairo_t *cr, const SignetSandboxField *place, const char *name, const char *date)
{
  double pad = MIN (4.0, place->height / 8);
  double x = place->x, y = place->y, w = place->width, h = place->height;

  cairo_save (cr);
  draw_box (cr, x, y, w, h, (const double[]){ 0.93, 0.96, 1.0, 0.85 },
            (const double[]){ 0.11, 0.31, 0.64 }, 1.0);

  cairo_select_font_face (cr, "serif", CAIRO_FONT_SLANT_ITALIC, CAIRO_FONT_WEIGHT_BOLD);
  show_text_fitted (cr, name, x + pad * 2, y + h * 0.58, w - pad * 4, h * 0.42);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  show_text_fitted (cr, date, x + pad * 2, y + h - pad * 1.5, w - pad * 4, h * 0.2);
  cairo_restore (cr);
}

static void
decorate_signed_cb (cairo_t *cr,
                    int      page,
                    int      n_pages,
                    double   width,
                    double   height,
                    gpointer user_data)
{
  SignData *data = user_data;

  for (guint i = 0; i < data->places->len; i++)
    {
      SignetSandboxField *place = g_ptr_array_index (data->places, i);

      if (place->page == page)
        draw_signature (cr, place, data->name, data->date);
    }
}

/**
 * signet_sandbox_pdf_sign:
 * @pdf: the PDF's bytes
 * @places: (element-type SignetSandboxField): where to draw the signature; a
 *   place with a negative page means the bottom of the last page
 * @name: the signer's name
 * @date: the date and time to show under the name
 * @cert: (nullable): the certificate to sign with, or %NULL for a visible
 *   mark only
 * @signing_time: seconds since the epoch, for the signature
 * @error: return location for an error
 *
 * Makes the signed PDF: the original pages as vector content with a visible
 * signature (name and date) in each place, then, with @cert, an incremental
 * update holding a signature field over the first place and a PKCS#7
 * signature of the whole file. When @pdf already holds a signature, the
 * update draws the marks itself, so that the earlier signature stays valid.
 * Safe to call from any thread.
 *
 * Returns: (transfer full): the signed PDF, or %NULL on error
 */
GBytes *
signet_sandbox_pdf_sign (GBytes            *pdf,
                         GPtrArray         *places,
                         const char        *name,
                         const char        *date,
                         SignetSandboxCert *cert,
                         gint64             signing_time,
                         GError           **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (GPtrArray) resolved = NULL;
  g_autoptr (GBytes) marked = NULL;
  g_autoptr (PopplerPage) first_page = NULL;
  g_autoptr (GArray) marks = NULL;
  SignetSandboxSignature signature = { 0 };
  SignetSandboxField    *first;
  SignData               data;
  double                 page_width, page_height;
  gboolean               same_page = TRUE;

  g_return_val_if_fail (places != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  document = open_document (pdf, error);
  if (document == NULL)
    return NULL;

  resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_sandbox_field_free);
  for (guint i = 0; i < places->len; i++)
    {
      SignetSandboxField *place = g_ptr_array_index (places, i);

      if (place->page < 0)
        {
          /* Signing anywhere: the bottom of the last page. */
          int last = poppler_document_get_n_pages (document) - 1;
          g_autoptr (PopplerPage) page = poppler_document_get_page (document, last);
          double width, height;

          poppler_page_get_size (page, &width, &height);
          g_ptr_array_add (resolved, signet_sandbox_field_new (place->name, last, 36,
                                                               MAX (height - 36 - 60, 0),
                                                               MIN (220, width - 72), 60));
        }
      else
        g_ptr_array_add (resolved, signet_sandbox_field_copy (place));
    }

  if (cert == NULL || resolved->len == 0)
    {
      data.places = resolved;
      data.name = name;
      data.date = date;
      return redraw (pdf, decorate_signed_cb, &data, error);
    }

  /* One signature per round; its widget covers the first place signed. */
  first = g_ptr_array_index (resolved, 0);
  first_page = poppler_document_get_page (document, first->page);
  poppler_page_get_size (first_page, &page_width, &page_height);
  marks = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < resolved->len; i++)
    {
      SignetSandboxField *place = g_ptr_array_index (resolved, i);
      double rect[4] = { place->x, page_height - place->y - place->height, place->x + place->width,
                         page_height - place->y };

      same_page = same_page && place->page == first->page;
      g_array_append_vals (marks, rect, 4);
    }

  signature.field_name = first->name;
  signature.page = first->page;
  memcpy (signature.rect, marks->data, sizeof signature.rect);
  signature.signer_name = name;
  signature.signing_time = signing_time;
  signature.mark_date = date;

  /* A later round keeps the earlier rounds' signatures: its marks are part
   * of the update. Where that cannot be done (marks on several pages, a
   * page cairo did not write), the pages are redrawn, which drops them. */
  if (same_page && signet_sandbox_pdf_has_signature (pdf))
    {
      g_autoptr (GError) local_error = NULL;
      GBytes *updated;

      signature.marks = (const double *) marks->data;
      signature.n_marks = resolved->len;
      updated = signet_sandbox_cert_sign_pdf (cert, pdf, &signature, &local_error);
      if (updated != NULL)
        return updated;
      g_debug ("Redrawing the pages to sign: %s", local_error->message);
      signature.marks = NULL;
      signature.n_marks = 0;
    }

  data.places = resolved;
  data.name = name;
  data.date = date;
  marked = redraw (pdf, decorate_signed_cb, &data, error);
  if (marked == NULL)
    return NULL;
  return signet_sandbox_cert_sign_pdf (cert, marked, &signature, error);
}

static void
decorate_stamp_cb (cairo_t *cr,
                   int      page,
                   int      n_pages,
                   double   width,
                   double   height,
                   gpointer user_data)
{
  const char *text = user_data;
  double      w = MIN (200, width - 24), h = 44;
  double      x = width - w - 12, y = 12;

  if (page != 0)
    return;

  cairo_save (cr);
  draw_box (cr, x, y, w, h, (const double[]){ 1.0, 0.95, 0.95, 0.9 },
            (const double[]){ 0.7, 0.1, 0.1 }, 2.0);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  show_text_fitted (cr, "OKdokument sandbox stamp", x + 8, y + 18, w - 16, 12);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  show_text_fitted (cr, text, x + 8, y + 36, w - 16, 10);
  cairo_restore (cr);
}

/**
 * signet_sandbox_pdf_stamp:
 * @pdf: the PDF's bytes
 * @text: the line to write into the stamp (a date)
 * @error: return location for an error
 *
 * Puts a visible stamp in the top right corner of the first page, which is
 * what the sandbox does for a `tostamp` document. Safe to call from any thread.
 *
 * Returns: (transfer full): the stamped PDF, or %NULL on error
 */
GBytes *
signet_sandbox_pdf_stamp (GBytes *pdf, const char *text, GError **error)
{
  return redraw (pdf, decorate_stamp_cb, (gpointer) text, error);
}

/**
 * signet_sandbox_pdf_placeholder:
 * @filename: the name of the office document
 * @error: return location for an error
 *
 * The sandbox converts no office documents; it makes a one-page PDF that says
 * which file it stands for instead.
 *
 * Returns: (transfer full): the PDF, or %NULL on error
 */
GBytes *
signet_sandbox_pdf_placeholder (const char *filename, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree char *line = g_strdup_printf ("Converted from %s", filename);
  cairo_surface_t *surface;
  cairo_t         *cr;

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, out, 595, 842);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  show_text_fitted (cr, line, 72, 100, 451, 16);
  show_text_fitted (cr, "(the OKdokument sandbox does not convert office documents)", 72, 124, 451,
                    11);
  cairo_show_page (cr);
  cairo_destroy (cr);
  return finish_pdf (surface, g_steal_pointer (&out), error);
}
