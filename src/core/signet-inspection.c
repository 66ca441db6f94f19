/* signet-inspection.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-inspection.h"
#include "signet-enums.h"
#include "signet-property-util.h"

/* The vendor recommends PDF 1.7 or newer (okdokument-api.md §9.1). */
#define RECOMMENDED_MAJOR 1
#define RECOMMENDED_MINOR 7

typedef struct
{
  double width;
  double height;
} PageSize;

struct _SignetInspection
{
  GObject parent_instance;

  GFile             *file;
  SignetDocumentKind kind;
  goffset            size;
  GArray            *pages;
  guint              major;
  guint              minor;
  GPtrArray         *spots;
  GPtrArray         *form_fields; /* NULL-terminated names */
};

G_DEFINE_FINAL_TYPE (SignetInspection, signet_inspection, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (SignetSignatureSpot,
                     signet_signature_spot,
                     signet_signature_spot_copy,
                     signet_signature_spot_free)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_KIND,
  PROP_SIZE,
  PROP_N_PAGES,
  PROP_SIGNING_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * signet_signature_spot_new:
 * @kind: a field or a tag
 * @name: the field's name or the tag
 * @page: the page, from 0
 * @x: left edge in points
 * @y: top edge in points, from the page's top
 * @width: width in points
 * @height: height in points
 *
 * Creates a place to sign. Whether it is required follows from its name:
 * optional fields start with `SO`, optional tags with `_SO`.
 *
 * Returns: (transfer full): a new #SignetSignatureSpot
 */
SignetSignatureSpot *
signet_signature_spot_new (SignetSpotKind kind,
                           const char    *name,
                           int            page,
                           double         x,
                           double         y,
                           double         width,
                           double         height)
{
  SignetSignatureSpot *spot;

  g_return_val_if_fail (name != NULL, NULL);

  spot = g_new0 (SignetSignatureSpot, 1);
  spot->kind = kind;
  spot->name = g_strdup (name);
  spot->page = page;
  spot->x = x;
  spot->y = y;
  spot->width = width;
  spot->height = height;
  spot->required = !g_str_has_prefix (name, kind == SIGNET_SPOT_KIND_TAG ? "_SO" : "SO");

  return spot;
}

/**
 * signet_signature_spot_copy:
 * @spot: a #SignetSignatureSpot
 *
 * Returns: (transfer full): a copy of @spot
 */
SignetSignatureSpot *
signet_signature_spot_copy (const SignetSignatureSpot *spot)
{
  SignetSignatureSpot *copy;

  g_return_val_if_fail (spot != NULL, NULL);

  copy = g_memdup2 (spot, sizeof *spot);
  copy->name = g_strdup (spot->name);

  return copy;
}

/**
 * signet_signature_spot_free:
 * @spot: (nullable): a #SignetSignatureSpot
 *
 * Frees @spot.
 */
void
signet_signature_spot_free (SignetSignatureSpot *spot)
{
  if (spot == NULL)
    return;

  g_free (spot->name);
  g_free (spot);
}

static void
signet_inspection_finalize (GObject *object)
{
  SignetInspection *self = SIGNET_INSPECTION (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->spots, g_ptr_array_unref);
  g_clear_pointer (&self->form_fields, g_ptr_array_unref);

  G_OBJECT_CLASS (signet_inspection_parent_class)->finalize (object);
}

/* n-pages and signing-mode are worked out when asked for. */
static const SignetField inspection_fields[N_PROPS] = {
  [PROP_FILE] = SIGNET_FIELD (SignetInspection, file),
  [PROP_KIND] = SIGNET_FIELD (SignetInspection, kind),
  [PROP_SIZE] = SIGNET_FIELD (SignetInspection, size),
};

static void
signet_inspection_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SignetInspection *self = SIGNET_INSPECTION (object);

  if (prop_id == PROP_N_PAGES)
    g_value_set_int (value, signet_inspection_get_n_pages (self));
  else if (prop_id == PROP_SIGNING_MODE)
    g_value_set_enum (value, signet_inspection_get_signing_mode (self));
  else
    signet_property_get_field (object, prop_id, value, pspec);
}

static void
signet_inspection_class_init (SignetInspectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = signet_inspection_finalize;
  object_class->get_property = signet_inspection_get_property;
  object_class->set_property = signet_property_set_field;

  properties[PROP_FILE]
    = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND]
    = g_param_spec_enum ("kind", NULL, NULL, SIGNET_TYPE_DOCUMENT_KIND, SIGNET_DOCUMENT_KIND_PDF,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE]
    = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] = g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNING_MODE]
    = g_param_spec_enum ("signing-mode", NULL, NULL, SIGNET_TYPE_SIGNING_MODE,
                         SIGNET_SIGNING_MODE_ANYWHERE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  signet_property_install (object_class, N_PROPS, properties, inspection_fields);
}

static void
signet_inspection_init (SignetInspection *self)
{
  self->pages = g_array_new (FALSE, FALSE, sizeof (PageSize));
  self->spots = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_signature_spot_free);
  self->form_fields = g_ptr_array_new_null_terminated (4, g_free, TRUE);
}

/**
 * signet_inspection_new:
 * @file: the file that was inspected
 * @kind: what the file is
 * @size: its size in bytes
 *
 * Creates the result of an inspection. The inspector fills in pages,
 * version and spots before anyone else sees it; afterwards it does not
 * change, so it may be passed between threads.
 *
 * Returns: (transfer full): a new #SignetInspection
 */
SignetInspection *
signet_inspection_new (GFile *file, SignetDocumentKind kind, goffset size)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (SIGNET_TYPE_INSPECTION, "file", file, "kind", kind, "size", (gint64) size,
                       NULL);
}

#define GETTER(Ret, member, fallback)                                                              \
  SIGNET_DEFINE_GETTER (SignetInspection, SIGNET_IS_INSPECTION, Ret,                               \
                        signet_inspection_get_##member, member, fallback)

/**
 * signet_inspection_get_file:
 * @self: a #SignetInspection
 *
 * Returns: (transfer none): the inspected file
 */
GETTER (GFile *, file, NULL)

/**
 * signet_inspection_get_kind:
 * @self: a #SignetInspection
 *
 * Returns: what the file is, judged by its content
 */
GETTER (SignetDocumentKind, kind, SIGNET_DOCUMENT_KIND_PDF)

/**
 * signet_inspection_get_size:
 * @self: a #SignetInspection
 *
 * Returns: the file's size in bytes
 */
GETTER (goffset, size, 0)

/**
 * signet_inspection_get_n_pages:
 * @self: a #SignetInspection
 *
 * Returns: the number of pages, 0 for documents that are converted by the service
 */
int
signet_inspection_get_n_pages (SignetInspection *self)
{
  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), 0);

  return (int) self->pages->len;
}

/**
 * signet_inspection_add_page:
 * @self: a #SignetInspection
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Appends a page; for the inspector only.
 */
void
signet_inspection_add_page (SignetInspection *self, double width, double height)
{
  PageSize size = { width, height };

  g_return_if_fail (SIGNET_IS_INSPECTION (self));

  g_array_append_val (self->pages, size);
}

/**
 * signet_inspection_get_page_size:
 * @self: a #SignetInspection
 * @page: the page, from 0
 * @width: (out): its width in points
 * @height: (out): its height in points
 *
 * Gets the size of a page, so that a view can lay pages out before they
 * are rendered.
 */
void
signet_inspection_get_page_size (SignetInspection *self, int page, double *width, double *height)
{
  const PageSize *size;

  g_return_if_fail (SIGNET_IS_INSPECTION (self));
  g_return_if_fail (page >= 0 && (guint) page < self->pages->len);

  size = &g_array_index (self->pages, PageSize, page);
  *width = size->width;
  *height = size->height;
}

/**
 * signet_inspection_get_pdf_version:
 * @self: a #SignetInspection
 * @major: (out): the major version, 0 for documents that are not PDF
 * @minor: (out): the minor version
 *
 * Gets the PDF version of the document.
 */
void
signet_inspection_get_pdf_version (SignetInspection *self, guint *major, guint *minor)
{
  g_return_if_fail (SIGNET_IS_INSPECTION (self));

  *major = self->major;
  *minor = self->minor;
}

/**
 * signet_inspection_set_pdf_version:
 * @self: a #SignetInspection
 * @major: the major version
 * @minor: the minor version
 *
 * Sets the PDF version; for the inspector only.
 */
void
signet_inspection_set_pdf_version (SignetInspection *self, guint major, guint minor)
{
  g_return_if_fail (SIGNET_IS_INSPECTION (self));

  self->major = major;
  self->minor = minor;
}

/**
 * signet_inspection_get_old_version:
 * @self: a #SignetInspection
 *
 * Returns: %TRUE for a PDF older than the version the vendor recommends
 */
gboolean
signet_inspection_get_old_version (SignetInspection *self)
{
  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), FALSE);

  return self->kind == SIGNET_DOCUMENT_KIND_PDF
         && (self->major < RECOMMENDED_MAJOR
             || (self->major == RECOMMENDED_MAJOR && self->minor < RECOMMENDED_MINOR));
}

/**
 * signet_inspection_get_spots:
 * @self: a #SignetInspection
 *
 * Returns: (transfer none) (element-type SignetSignatureSpot): the places to
 *   sign that were found, in page order
 */
GETTER (GPtrArray *, spots, NULL)

/**
 * signet_inspection_add_spot:
 * @self: a #SignetInspection
 * @spot: (transfer full): a place to sign
 *
 * Adds a place to sign; for the inspector only.
 */
void
signet_inspection_add_spot (SignetInspection *self, SignetSignatureSpot *spot)
{
  g_return_if_fail (SIGNET_IS_INSPECTION (self));
  g_return_if_fail (spot != NULL);

  g_ptr_array_add (self->spots, spot);
}

/**
 * signet_inspection_get_form_fields:
 * @self: a #SignetInspection
 *
 * The technical names of the form fields (acrofields) other than signature
 * fields, in document order: what a request can pre-fill (`fieldConfig`).
 *
 * Returns: (transfer none) (array zero-terminated=1): the names
 */
const char *const *
signet_inspection_get_form_fields (SignetInspection *self)
{
  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), NULL);

  static const char *const none[] = { NULL };

  return self->form_fields->pdata != NULL ? (const char *const *) self->form_fields->pdata : none;
}

/**
 * signet_inspection_add_form_field:
 * @self: a #SignetInspection
 * @name: a form field's technical name
 *
 * Records a form field that is not a signature field; a name already
 * recorded (the widgets of one radio group) is recorded once.
 */
void
signet_inspection_add_form_field (SignetInspection *self, const char *name)
{
  g_return_if_fail (SIGNET_IS_INSPECTION (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->form_fields->len; i++)
    if (g_str_equal (g_ptr_array_index (self->form_fields, i), name))
      return;
  g_ptr_array_add (self->form_fields, g_strdup (name));
}

/**
 * signet_inspection_count_spots:
 * @self: a #SignetInspection
 * @kind: fields or tags
 *
 * Returns: how many places of @kind were found
 */
guint
signet_inspection_count_spots (SignetInspection *self, SignetSpotKind kind)
{
  guint n = 0;

  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), 0);

  for (guint i = 0; i < self->spots->len; i++)
    {
      const SignetSignatureSpot *spot = g_ptr_array_index (self->spots, i);

      if (spot->kind == kind)
        n++;
    }

  return n;
}

/**
 * signet_inspection_get_signing_mode:
 * @self: a #SignetInspection
 *
 * Suggests how the document is signed: in its signature fields when it has
 * some (the service uses them as they are), else at its text tags, else
 * anywhere.
 *
 * Returns: the suggested #SignetSigningMode
 */
SignetSigningMode
signet_inspection_get_signing_mode (SignetInspection *self)
{
  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), SIGNET_SIGNING_MODE_ANYWHERE);

  if (signet_inspection_count_spots (self, SIGNET_SPOT_KIND_FIELD) > 0)
    return SIGNET_SIGNING_MODE_FIELDS;
  if (signet_inspection_count_spots (self, SIGNET_SPOT_KIND_TAG) > 0)
    return SIGNET_SIGNING_MODE_TAGS;

  return SIGNET_SIGNING_MODE_ANYWHERE;
}

/**
 * signet_inspection_dup_summary:
 * @self: a #SignetInspection
 *
 * Describes the document in one short line for a list, such as
 * “3 pages · 2 signature fields”.
 *
 * Returns: (transfer full): the summary
 */
char *
signet_inspection_dup_summary (SignetInspection *self)
{
  g_autofree char *size = NULL;
  guint            fields, tags;
  int              pages;

  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), NULL);

  size = g_format_size (self->size);

  if (self->kind == SIGNET_DOCUMENT_KIND_WORD)
    /* Translators: %s is a file size such as “1.2 MB” */
    return g_strdup_printf (_ ("Word document · %s"), size);
  if (self->kind == SIGNET_DOCUMENT_KIND_EXCEL)
    /* Translators: %s is a file size such as “1.2 MB” */
    return g_strdup_printf (_ ("Excel workbook · %s"), size);

  pages = signet_inspection_get_n_pages (self);
  fields = signet_inspection_count_spots (self, SIGNET_SPOT_KIND_FIELD);
  tags = signet_inspection_count_spots (self, SIGNET_SPOT_KIND_TAG);

  {
    g_autofree char *page_text = g_strdup_printf (ngettext ("%d page", "%d pages", pages), pages);

    if (fields > 0)
      return g_strdup_printf (
        ngettext ("%s · %u signature field", "%s · %u signature fields", fields), page_text,
        fields);
    if (tags > 0)
      return g_strdup_printf (ngettext ("%s · %u text tag", "%s · %u text tags", tags), page_text,
                              tags);

    /* Translators: %s is a number of pages such as “3 pages” */
    return g_strdup_printf (_ ("%s · sign anywhere"), page_text);
  }
}

/**
 * signet_inspection_dup_note:
 * @self: a #SignetInspection
 *
 * Says what the person should know about a document that can be sent:
 * that the service converts it, or that its PDF version is old.
 *
 * Returns: (transfer full) (nullable): the note, or %NULL when there is nothing to say
 */
char *
signet_inspection_dup_note (SignetInspection *self)
{
  g_return_val_if_fail (SIGNET_IS_INSPECTION (self), NULL);

  if (self->kind != SIGNET_DOCUMENT_KIND_PDF)
    return g_strdup (_ (
      "OKdokument converts this document to PDF when it is sent, so Signet cannot show a preview. "
      "Check the converted document before it is signed."));

  if (signet_inspection_get_old_version (self))
    /* Translators: %u.%u is a PDF version such as “1.4” */
    return g_strdup_printf (
      _ ("This document uses PDF %u.%u. OKdokument recommends PDF 1.7 or newer; "
         "if signing fails, save it again as a newer PDF."),
      self->major, self->minor);

  return NULL;
}
