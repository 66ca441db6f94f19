/* signet-pdf-inspector.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-pdf-inspector"
/* memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <string.h>

#include "signet-pdf-inspector.h"
#include "signet-error.h"
#include "signet-poppler-private.h"
#include "signet-worker-private.h"

#define MAX_PAGE_SIDE 14400.0

/* Where a PDF's header may start: readers accept some junk before it. */
#define HEADER_WINDOW 1024
/* Where "%%EOF" must be: a file without it near its end was cut short. */
#define TRAILER_WINDOW 1024

/* The text tags of okdokument-api.md §9.2, five of each kind. */
static const char *const tag_prefixes[] = { "_SC", "_SO", "_S" };

struct _SignetPdfInspector
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SignetPdfInspector, signet_pdf_inspector, G_TYPE_OBJECT)

static const guint8 *
find_bytes (const guint8 *haystack, gsize haystack_len, const void *needle, gsize needle_len)
{
  if (needle_len == 0 || haystack_len < needle_len)
    return NULL;

  return memmem (haystack, haystack_len, needle, needle_len);
}

static gboolean
contains (GBytes *bytes, const void *needle, gsize needle_len)
{
  gsize         len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return find_bytes (data, len, needle, needle_len) != NULL;
}

/* Office files are recognised by their container and the part that only a
 * word processor or a spreadsheet writes. */
static gboolean
sniff_office (GBytes *bytes, SignetDocumentKind *kind)
{
  static const guint8 ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  /* Stream names in the compound file's directory are UTF-16LE. */
  static const char word_stream[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
  static const char excel_stream[] = "W\0o\0r\0k\0b\0o\0o\0k\0";
  static const char excel5_stream[] = "B\0o\0o\0k\0";
  gsize             len;
  const guint8     *data = g_bytes_get_data (bytes, &len);

  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      if (contains (bytes, "word/document", strlen ("word/document")))
        *kind = SIGNET_DOCUMENT_KIND_WORD;
      else if (contains (bytes, "xl/workbook", strlen ("xl/workbook")))
        *kind = SIGNET_DOCUMENT_KIND_EXCEL;
      else
        return FALSE;
      return TRUE;
    }

  if (len >= sizeof ole_magic && memcmp (data, ole_magic, sizeof ole_magic) == 0)
    {
      if (contains (bytes, word_stream, sizeof word_stream - 1))
        *kind = SIGNET_DOCUMENT_KIND_WORD;
      else if (contains (bytes, excel_stream, sizeof excel_stream - 1)
               || contains (bytes, excel5_stream, sizeof excel5_stream - 1))
        *kind = SIGNET_DOCUMENT_KIND_EXCEL;
      else
        return FALSE;
      return TRUE;
    }

  return FALSE;
}

static gboolean
is_pdf (GBytes *bytes)
{
  gsize         len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return find_bytes (data, MIN (len, HEADER_WINDOW), "%PDF-", 5) != NULL;
}

static gboolean
has_end_marker (GBytes *bytes)
{
  gsize         len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize         window = MIN (len, TRAILER_WINDOW);

  return find_bytes (data + len - window, window, "%%EOF", 5) != NULL;
}

/* poppler-glib says nothing about a document that is encrypted without an
 * open password, so look for the trailer's /Encrypt entry ourselves. */
static gboolean
has_encrypt_entry (GBytes *bytes)
{
  gsize         len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const guint8 *end = data + len;
  const guint8 *p = data;

  while ((p = find_bytes (p, end - p, "/Encrypt", 8)) != NULL)
    {
      const guint8 *after = p + 8;

      while (after < end && g_ascii_isspace (*after))
        after++;
      /* An indirect reference ("12 0 R") or a direct dictionary, not a
       * longer name such as /EncryptMetadata. */
      if (after < end && (g_ascii_isdigit (*after) || *after == '<'))
        return TRUE;
      p += 8;
    }

  return FALSE;
}

static GBytes *
read_bounded (GFile *file, goffset size, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize              limit = (gsize) SIGNET_MAX_DOCUMENT_SIZE + 1;
  gsize              wanted = MIN ((gsize) size + 1, limit);
  gsize              read = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* One byte more than expected tells us when the file grew meanwhile. */
  buffer = g_malloc (wanted);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, wanted, &read, cancellable, error))
    return NULL;

  if (read > (gsize) SIGNET_MAX_DOCUMENT_SIZE)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE, "");
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), read);
}

static void
find_fields (PopplerPage *page, int index, double page_height, SignetInspection *inspection)
{
  GList *mapping = poppler_page_get_form_field_mapping (page);

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerFormFieldMapping *map = l->data;
      g_autofree char         *name = NULL;
      PopplerRectangle        *area = &map->area;

      PopplerFormFieldType type = poppler_form_field_get_field_type (map->field);

      name = poppler_form_field_get_name (map->field);
      if (type != POPPLER_FORM_FIELD_SIGNATURE)
        {
          /* What a request can pre-fill: no push buttons, no nameless widgets. */
          if (name != NULL && *name != '\0' && type != POPPLER_FORM_FIELD_UNKNOWN
              && (type != POPPLER_FORM_FIELD_BUTTON
                  || poppler_form_field_button_get_button_type (map->field)
                       != POPPLER_FORM_BUTTON_PUSH))
            signet_inspection_add_form_field (inspection, name);
          continue;
        }

      /* Field areas count from the page's bottom. */
      signet_inspection_add_spot (
        inspection,
        signet_signature_spot_new (SIGNET_SPOT_KIND_FIELD, name != NULL ? name : "", index,
                                   MIN (area->x1, area->x2), page_height - MAX (area->y1, area->y2),
                                   ABS (area->x2 - area->x1), ABS (area->y2 - area->y1)));
    }

  poppler_page_free_form_field_mapping (mapping);
}

static void
find_tags (PopplerPage *page, int index, double page_height, SignetInspection *inspection)
{
  g_autofree char *text = poppler_page_get_text (page);

  /* Most pages have no tag at all: look at the text once before searching
   * for each of the fifteen tags. */
  if (text == NULL || strstr (text, "_S") == NULL)
    return;

  for (guint p = 0; p < G_N_ELEMENTS (tag_prefixes); p++)
    for (int n = 1; n <= 5; n++)
      {
        g_autofree char *tag = g_strdup_printf ("%s%d_", tag_prefixes[p], n);
        GList           *matches;

        if (strstr (text, tag) == NULL)
          continue;

        matches = poppler_page_find_text_with_options (page, tag, POPPLER_FIND_CASE_SENSITIVE);
        for (GList *l = matches; l != NULL; l = l->next)
          {
            PopplerRectangle *rect = l->data;

            /* Matches count from the page's bottom, like field areas. */
            signet_inspection_add_spot (
              inspection,
              signet_signature_spot_new (SIGNET_SPOT_KIND_TAG, tag, index, MIN (rect->x1, rect->x2),
                                         page_height - MAX (rect->y1, rect->y2),
                                         ABS (rect->x2 - rect->x1), ABS (rect->y2 - rect->y1)));
          }
        g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
      }
}

static gboolean
inspect_pdf (SignetInspection *inspection, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (GError) local_error = NULL;
  guint major = 0, minor = 0;
  int   n_pages;

  if (!has_end_marker (bytes))
    {
      g_set_error_literal (
        error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
        _ ("The document is damaged or incomplete. Ask the sender for a new copy."));
      return FALSE;
    }

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      signet_poppler_set_open_error (local_error, error);
      return FALSE;
    }

  /* The service cannot add signatures to an encrypted document, even when
   * anyone may open it. */
  if (has_encrypt_entry (bytes))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_ENCRYPTED,
                           _ ("The document is protected against changes, so it cannot be signed. "
                              "Save a copy without the protection and open that instead."));
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("The document has no pages. Ask the sender for a new copy."));
      return FALSE;
    }

  poppler_document_get_pdf_version (document, &major, &minor);
  signet_inspection_set_pdf_version (inspection, major, minor);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      double width = 0, height = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (page == NULL)
        {
          g_set_error_literal (
            error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
            _ ("The document is damaged or incomplete. Ask the sender for a new copy."));
          return FALSE;
        }

      poppler_page_get_size (page, &width, &height);
      /* PDF pages are at most 14,400 points a side (ISO 32000, annex C);
       * anything else is a damaged or hostile file nobody can sign. */
      if (!isfinite (width) || !isfinite (height) || width < 1 || height < 1
          || width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                       _ ("Page %d of the document has an impossible size. Ask the sender for "
                          "a new copy."),
                       i + 1);
          return FALSE;
        }
      signet_inspection_add_page (inspection, width, height);
      find_fields (page, i, height, inspection);
      find_tags (page, i, height, inspection);
    }

  return TRUE;
}

/**
 * signet_poppler_set_open_error: (skip)
 * @poppler_error: what poppler said when it could not open a document
 * @error: return location for a #SIGNET_ERROR
 *
 * Says why, in a sentence: protected by a password, or damaged.
 */
void
signet_poppler_set_open_error (const GError *poppler_error, GError **error)
{
  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_ENCRYPTED,
                         _ ("The document is protected by a password. "
                            "Save a copy without the password and open that instead."));
  else
    g_set_error_literal (
      error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
      _ ("The document is damaged or incomplete. Ask the sender for a new copy."));
}

/**
 * signet_pdf_inspect_file:
 * @file: the file to check
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #SIGNET_ERROR
 *
 * Checks a file the way the service would before it is sent: its type by
 * content, its size (before reading it), whether poppler can read it,
 * encryption, pages, version, signature fields and text tags. This blocks:
 * call it on a worker thread, as signet_pdf_inspector_inspect_async() does.
 *
 * Returns: (transfer full): the inspection, or %NULL with @error set
 */
SignetInspection *
signet_pdf_inspect_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (SignetInspection) inspection = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  SignetDocumentKind kind = SIGNET_DOCUMENT_KIND_PDF;
  goffset            size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED_TYPE,
                           _ ("This is a folder or a special file, not a document. Open the "
                              "documents inside it instead."));
      return NULL;
    }

  if (info != NULL)
    {
      size = g_file_info_get_size (info);
      if (size > SIGNET_MAX_DOCUMENT_SIZE)
        local_error = g_error_new_literal (SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE, "");
      else
        bytes = read_bounded (file, size, cancellable, &local_error);
    }

  if (bytes == NULL)
    {
      g_autofree char *actual = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_error_matches (local_error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE))
        {
          actual = g_format_size (g_file_info_get_size (info));
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FILE_TOO_LARGE,
                       /* Translators: %s is the file's size such as “12.3 MB” */
                       _ ("The document is larger than 10 MB (%s), the most OKdokument accepts. "
                          "Save a smaller copy and open that instead."),
                       actual);
          return NULL;
        }

      g_debug ("Cannot read a file: %s", local_error->message);
      g_set_error_literal (
        error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
        _ ("The file could not be read. Check that it still exists and that you may open it."));
      return NULL;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FILE_UNREADABLE,
                           _ ("The file is empty. Ask the sender for a new copy."));
      return NULL;
    }

  if (!is_pdf (bytes) && !sniff_office (bytes, &kind))
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED_TYPE,
                           _ ("This is not a PDF, Word or Excel document, whatever its name says. "
                              "Save it as a PDF and open that instead."));
      return NULL;
    }

  inspection = signet_inspection_new (file, kind, g_bytes_get_size (bytes));

  if (kind == SIGNET_DOCUMENT_KIND_PDF && !inspect_pdf (inspection, bytes, cancellable, error))
    return NULL;

  return g_steal_pointer (&inspection);
}

/* Runs on a worker of SIGNET_WORKER_INSPECT, a few at a time: each opens its
 * own document, and twenty dropped files do not start twenty of them. */
static void
inspect_in_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr (SignetInspection) inspection = NULL;
  GError *error = NULL;

  inspection = signet_pdf_inspect_file (task_data, cancellable, &error);
  if (inspection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&inspection), g_object_unref);
}

static void
signet_pdf_inspector_class_init (SignetPdfInspectorClass *klass)
{
}

static void
signet_pdf_inspector_init (SignetPdfInspector *self)
{
}

/**
 * signet_pdf_inspector_new:
 *
 * Creates an inspector. It checks files on its own worker threads, a few at
 * a time and in the order they were given.
 *
 * Returns: (transfer full): a new #SignetPdfInspector
 */
SignetPdfInspector *
signet_pdf_inspector_new (void)
{
  return g_object_new (SIGNET_TYPE_PDF_INSPECTOR, NULL);
}

/**
 * signet_pdf_inspector_inspect_async:
 * @self: a #SignetPdfInspector
 * @file: the file to check
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result on the thread-default main context
 * @user_data: data for @callback
 *
 * Checks @file on a worker thread, as signet_pdf_inspect_file() describes.
 */
void
signet_pdf_inspector_inspect_async (SignetPdfInspector *self,
                                    GFile              *file,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_PDF_INSPECTOR (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_pdf_inspector_inspect_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  signet_worker_run (SIGNET_WORKER_INSPECT, g_steal_pointer (&task), inspect_in_worker);
}

/**
 * signet_pdf_inspector_inspect_finish:
 * @self: a #SignetPdfInspector
 * @result: the #GAsyncResult
 * @error: return location for a #SIGNET_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the inspection, or %NULL with @error set
 */
SignetInspection *
signet_pdf_inspector_inspect_finish (SignetPdfInspector *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_PDF_INSPECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == signet_pdf_inspector_inspect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
