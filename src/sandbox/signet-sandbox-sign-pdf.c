/* signet-sandbox-sign-pdf.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-sandbox"

#include "config.h"

#include "signet-sandbox-sign.h"

#include <string.h>

#include "signet-error.h"
#include "signet-sandbox-sign-private.h"

/* The incremental update that carries a signature. It reads just enough of
 * the PDF to find the catalog and the page: the cross-reference tables, the
 * trailer and a few dictionaries. The sandbox signs what cairo wrote, which
 * has classic cross-reference tables; cross-reference streams are refused. */

/* Room for the DER signature: a 2048-bit RSA signature, the demo certificate
 * and the signed attributes take about 1.5 kB. */
#define SIGNATURE_CAPACITY 8192
#define BYTE_RANGE_WIDTH   40
#define NOT_FOUND          G_MAXSIZE

typedef struct
{
  const char *data;
  gsize       len;
  GHashTable *offsets; /* object number → byte offset, the newest version */
  gsize       startxref;
  guint       size;
  guint       root;
  char       *info; /* the trailer's values to carry over, or NULL */
  char       *id;
} Pdf;

static void
pdf_clear (Pdf *pdf)
{
  g_clear_pointer (&pdf->offsets, g_hash_table_unref);
  g_clear_pointer (&pdf->info, g_free);
  g_clear_pointer (&pdf->id, g_free);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (char c)
{
  return strchr ("()<>[]{}/%", c) != NULL;
}

static gsize
skip_space (const Pdf *pdf, gsize i)
{
  while (i < pdf->len)
    {
      if (pdf->data[i] == '%')
        while (i < pdf->len && pdf->data[i] != '\n' && pdf->data[i] != '\r')
          i++;
      else if (is_space (pdf->data[i]))
        i++;
      else
        break;
    }
  return i;
}

static gboolean
at (const Pdf *pdf, gsize i, const char *text)
{
  gsize n = strlen (text);

  return i <= pdf->len && pdf->len - i >= n && memcmp (pdf->data + i, text, n) == 0;
}

/* The end of the object that starts at @i, or NOT_FOUND. */
static gsize
skip_object (const Pdf *pdf, gsize i)
{
  const char *d = pdf->data;

  if (i >= pdf->len)
    return NOT_FOUND;

  if (at (pdf, i, "<<") || d[i] == '[')
    {
      gboolean dict = d[i] == '<';

      i += dict ? 2 : 1;
      for (;;)
        {
          i = skip_space (pdf, i);
          if (i >= pdf->len)
            return NOT_FOUND;
          if (dict && at (pdf, i, ">>"))
            return i + 2;
          if (!dict && d[i] == ']')
            return i + 1;
          i = skip_object (pdf, i);
          if (i == NOT_FOUND)
            return NOT_FOUND;
        }
    }
  if (d[i] == '<')
    {
      const char *end = memchr (d + i, '>', pdf->len - i);

      return end ? (gsize) (end - d) + 1 : NOT_FOUND;
    }
  if (d[i] == '(')
    {
      int depth = 0;

      for (; i < pdf->len; i++)
        {
          if (d[i] == '\\')
            i++;
          else if (d[i] == '(')
            depth++;
          else if (d[i] == ')' && --depth == 0)
            return i + 1;
        }
      return NOT_FOUND;
    }
  if (d[i] == ')' || d[i] == '>' || d[i] == ']' || d[i] == '{' || d[i] == '}')
    return NOT_FOUND;

  /* A name, number or keyword. */
  for (i++; i < pdf->len && !is_space (d[i]) && !is_delimiter (d[i]); i++)
    ;
  return i;
}

static gboolean
parse_uint (const Pdf *pdf, gsize start, gsize end, guint64 *value)
{
  g_autofree char *text = NULL;

  if (end == NOT_FOUND || end <= start || end - start > 20)
    return FALSE;
  text = g_strndup (pdf->data + start, end - start);
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

/* After a value at [@start, @end): if it is `N G R`, the end of the reference. */
static gsize
extend_reference (const Pdf *pdf, gsize start, gsize end)
{
  guint64 number;
  gsize   gen_start, gen_end, r;

  if (!parse_uint (pdf, start, end, &number))
    return end;
  gen_start = skip_space (pdf, end);
  gen_end = skip_object (pdf, gen_start);
  if (!parse_uint (pdf, gen_start, gen_end, &number))
    return end;
  r = skip_space (pdf, gen_end);
  if (r < pdf->len && pdf->data[r] == 'R'
      && (r + 1 == pdf->len || is_space (pdf->data[r + 1]) || is_delimiter (pdf->data[r + 1])))
    return r + 1;
  return end;
}

/* Finds @key in the dictionary at @dict; its value spans [*start, *end). */
static gboolean
dict_lookup (const Pdf *pdf, gsize dict, const char *key, gsize *start, gsize *end)
{
  gsize i;

  if (!at (pdf, dict, "<<"))
    return FALSE;

  for (i = dict + 2;;)
    {
      gsize key_end, value, value_end;

      i = skip_space (pdf, i);
      if (i >= pdf->len || at (pdf, i, ">>") || pdf->data[i] != '/')
        return FALSE;
      key_end = skip_object (pdf, i);
      value = skip_space (pdf, key_end);
      value_end = skip_object (pdf, value);
      if (key_end == NOT_FOUND || value_end == NOT_FOUND)
        return FALSE;
      value_end = extend_reference (pdf, value, value_end);

      if (key_end - i == strlen (key) && memcmp (pdf->data + i, key, key_end - i) == 0)
        {
          *start = value;
          *end = value_end;
          return TRUE;
        }
      i = value_end;
    }
}

static gboolean
dict_get_ref (const Pdf *pdf, gsize dict, const char *key, guint *number)
{
  guint64 value;
  gsize   start, end;

  if (!dict_lookup (pdf, dict, key, &start, &end))
    return FALSE;
  if (!parse_uint (pdf, start, skip_object (pdf, start), &value) || value > G_MAXUINT)
    return FALSE;
  *number = value;
  return TRUE;
}

static gboolean
dict_has_name (const Pdf *pdf, gsize dict, const char *key, const char *name)
{
  gsize start, end;

  return dict_lookup (pdf, dict, key, &start, &end) && end - start == strlen (name)
         && memcmp (pdf->data + start, name, end - start) == 0;
}

/* Reads one cross-reference section at @offset into @pdf->offsets (older
 * entries do not replace newer ones); returns its trailer dictionary. */
static gsize
read_xref_section (Pdf *pdf, gsize offset)
{
  gsize i;

  if (!at (pdf, offset, "xref"))
    return NOT_FOUND;

  for (i = offset + 4;;)
    {
      guint64 first, count;
      gsize   end;

      i = skip_space (pdf, i);
      if (at (pdf, i, "trailer"))
        {
          i = skip_space (pdf, i + 7);
          return at (pdf, i, "<<") ? i : NOT_FOUND;
        }
      end = skip_object (pdf, i);
      if (!parse_uint (pdf, i, end, &first))
        return NOT_FOUND;
      i = skip_space (pdf, end);
      end = skip_object (pdf, i);
      if (!parse_uint (pdf, i, end, &count) || count > pdf->len / 18)
        return NOT_FOUND;
      i = end;

      for (guint64 k = 0; k < count; k++)
        {
          guint64 entry_offset;
          gsize   offset_start = skip_space (pdf, i);
          gsize   offset_end = skip_object (pdf, offset_start);
          gsize   gen_end = skip_object (pdf, skip_space (pdf, offset_end));
          gsize   type = skip_space (pdf, gen_end);

          if (type >= pdf->len || !parse_uint (pdf, offset_start, offset_end, &entry_offset))
            return NOT_FOUND;
          if (pdf->data[type] == 'n'
              && !g_hash_table_contains (pdf->offsets, GUINT_TO_POINTER (first + k)))
            g_hash_table_insert (pdf->offsets, GUINT_TO_POINTER (first + k),
                                 GSIZE_TO_POINTER (entry_offset));
          i = type + 1;
        }
    }
}

static char *
copy_value (const Pdf *pdf, gsize dict, const char *key)
{
  gsize start, end;

  if (!dict_lookup (pdf, dict, key, &start, &end))
    return NULL;
  return g_strndup (pdf->data + start, end - start);
}

static gboolean
unreadable (GError **error)
{
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                       "The PDF's cross-reference table cannot be read for signing");
  return FALSE;
}

static gboolean
read_trailer (Pdf *pdf, GError **error)
{
  gsize   tail = pdf->len > 1024 ? pdf->len - 1024 : 0;
  guint64 startxref = 0, size;
  gsize   trailer, start, end;
  guint   prev;

  for (gsize i = pdf->len - MIN (pdf->len, 9); i > tail && startxref == 0; i--)
    if (at (pdf, i, "startxref"))
      {
        start = skip_space (pdf, i + 9);
        parse_uint (pdf, start, skip_object (pdf, start), &startxref);
      }
  if (startxref == 0 || startxref >= pdf->len)
    return unreadable (error);

  pdf->startxref = startxref;
  pdf->offsets = g_hash_table_new (NULL, NULL);
  trailer = read_xref_section (pdf, pdf->startxref);
  if (trailer == NOT_FOUND || !dict_get_ref (pdf, trailer, "/Root", &pdf->root)
      || !dict_lookup (pdf, trailer, "/Size", &start, &end) || !parse_uint (pdf, start, end, &size)
      || size > G_MAXUINT - 4)
    return unreadable (error);
  pdf->size = size;
  pdf->info = copy_value (pdf, trailer, "/Info");
  pdf->id = copy_value (pdf, trailer, "/ID");

  /* Older sections fill in what the newest does not list. */
  for (guint n = 0; n < 1000 && dict_get_ref (pdf, trailer, "/Prev", &prev); n++)
    {
      trailer = read_xref_section (pdf, prev);
      if (trailer == NOT_FOUND)
        return unreadable (error);
    }
  return TRUE;
}

/* The dictionary of object @number, or NOT_FOUND. */
static gsize
object_dict (const Pdf *pdf, guint number)
{
  gpointer value;
  guint64  found;
  gsize    i, end;

  if (!g_hash_table_lookup_extended (pdf->offsets, GUINT_TO_POINTER (number), NULL, &value))
    return NOT_FOUND;
  i = GPOINTER_TO_SIZE (value);
  end = skip_object (pdf, i);
  if (!parse_uint (pdf, i, end, &found) || found != number)
    return NOT_FOUND;
  i = skip_space (pdf, skip_object (pdf, skip_space (pdf, end)));
  if (!at (pdf, i, "obj"))
    return NOT_FOUND;
  i = skip_space (pdf, i + 3);
  return at (pdf, i, "<<") && skip_object (pdf, i) != NOT_FOUND ? i : NOT_FOUND;
}

/* The object number of page *@index under the page tree node @node, or 0. */
static guint
find_page (const Pdf *pdf, guint node, int *index, int depth)
{
  gsize dict = object_dict (pdf, node);
  gsize start, end;

  if (dict == NOT_FOUND || depth > 32)
    return 0;
  if (!dict_has_name (pdf, dict, "/Type", "/Pages"))
    return (*index)-- == 0 ? node : 0;
  if (!dict_lookup (pdf, dict, "/Kids", &start, &end) || pdf->data[start] != '[')
    return 0;

  for (gsize i = start + 1;;)
    {
      gsize   item = skip_space (pdf, i);
      gsize   item_end, ref_end;
      guint64 kid;
      guint   found;

      if (item + 1 >= end)
        return 0;
      item_end = skip_object (pdf, item);
      ref_end = extend_reference (pdf, item, item_end);
      if (ref_end == item_end || !parse_uint (pdf, item, item_end, &kid) || kid > G_MAXUINT)
        return 0;
      found = find_page (pdf, kid, index, depth + 1);
      if (found != 0)
        return found;
      i = ref_end;
    }
}

typedef struct
{
  guint number;
  gsize offset;
} XrefEntry;

static void
begin_object (GString *out, GArray *entries, guint number)
{
  XrefEntry entry = { number, out->len };

  g_array_append_val (entries, entry);
  g_string_append_printf (out, "%u 0 obj\n", number);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const XrefEntry *x = a, *y = b;

  return x->number < y->number ? -1 : x->number > y->number;
}

typedef enum
{
  EDIT_ADD_TO_ARRAY, /* the value is an inline array: add an item (or make it) */
  EDIT_ADD_TO_DICT,  /* the value is an inline dictionary: add a key and value */
  EDIT_REPLACE,      /* a new value */
} EditKind;

typedef struct
{
  const char *key;
  EditKind    kind;
  const char *value;
  gboolean    done;
} Edit;

/* Copies the dictionary at @dict with @edits made. Returns %FALSE when a
 * value to add to is not inline (an indirect array or dictionary). */
static gboolean
append_dict_edited (GString *out, const Pdf *pdf, gsize dict, Edit *edits, guint n_edits)
{
  gsize i = dict + 2;

  g_string_append (out, "<<");
  for (;;)
    {
      gsize key = skip_space (pdf, i);
      gsize key_end, value, value_end;
      Edit *edit = NULL;

      if (key >= pdf->len || at (pdf, key, ">>"))
        break;
      key_end = skip_object (pdf, key);
      value = skip_space (pdf, key_end);
      value_end = extend_reference (pdf, value, skip_object (pdf, value));
      if (key_end == NOT_FOUND || value_end == NOT_FOUND)
        return FALSE;

      for (guint e = 0; e < n_edits; e++)
        if (key_end - key == strlen (edits[e].key)
            && memcmp (pdf->data + key, edits[e].key, key_end - key) == 0)
          edit = &edits[e];

      g_string_append_len (out, pdf->data + i, value - i);
      if (edit == NULL)
        g_string_append_len (out, pdf->data + value, value_end - value);
      else if (edit->kind == EDIT_REPLACE)
        g_string_append (out, edit->value);
      else if (edit->kind == EDIT_ADD_TO_ARRAY && pdf->data[value] == '[')
        {
          g_string_append_len (out, pdf->data + value, value_end - 1 - value);
          g_string_append_printf (out, " %s]", edit->value);
        }
      else if (edit->kind == EDIT_ADD_TO_DICT && at (pdf, value, "<<"))
        {
          g_string_append_len (out, pdf->data + value, value_end - 2 - value);
          g_string_append_printf (out, " %s >>", edit->value);
        }
      else
        return FALSE;
      if (edit != NULL)
        edit->done = TRUE;
      i = value_end;
    }

  for (guint e = 0; e < n_edits; e++)
    if (!edits[e].done)
      g_string_append_printf (out,
                              edits[e].kind == EDIT_ADD_TO_ARRAY  ? " %s [%s]"
                              : edits[e].kind == EDIT_ADD_TO_DICT ? " %s << %s >>"
                                                                  : " %s %s",
                              edits[e].key, edits[e].value);
  g_string_append (out, " >>");
  return TRUE;
}

/* The catalog, with the field in its form (made when missing). */
static gboolean
append_catalog (GString *out, const Pdf *pdf, gsize catalog, const char *field)
{
  gsize catalog_end = skip_object (pdf, catalog);
  gsize start, end;

  if (!dict_lookup (pdf, catalog, "/AcroForm", &start, &end))
    {
      g_autofree char *form = g_strdup_printf ("<< /Fields [%s] /SigFlags 3 >>", field);

      g_string_append_len (out, pdf->data + catalog, catalog_end - 2 - catalog);
      g_string_append_printf (out, " /AcroForm %s >>", form);
      return TRUE;
    }
  if (!at (pdf, start, "<<"))
    return FALSE;

  g_string_append_len (out, pdf->data + catalog, start - catalog);
  if (!append_dict_edited (out, pdf, start, &(Edit){ "/Fields", EDIT_ADD_TO_ARRAY, field, FALSE },
                           1))
    return FALSE;
  g_string_append_len (out, pdf->data + end, catalog_end - end);
  return TRUE;
}

/* A PDF text string in UTF-16BE, which holds any name. */
static void
append_text_string (GString *out, const char *text)
{
  glong                 n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

  g_string_append (out, "<FEFF");
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, message);
  return FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pdf, pdf_clear)

static void
append_stream (GString *out, GArray *entries, guint number, const char *data)
{
  begin_object (out, entries, number);
  g_string_append_printf (out, "<< /Length %" G_GSIZE_FORMAT " >>\nstream\n%s\nendstream\nendobj\n",
                          strlen (data), data);
}

/* A PDF literal string of @text in WinAnsiEncoding, what the standard
 * Helvetica reads; characters it lacks become `?`. */
static void
append_win_ansi (GString *out, const char *text)
{
  g_autofree char *ansi
    = g_convert_with_fallback (text, -1, "CP1252", "UTF-8", "?", NULL, NULL, NULL);

  g_string_append_c (out, '(');
  for (const char *c = ansi ? ansi : "?"; *c != '\0'; c++)
    {
      if (*c == '(' || *c == ')' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, ')');
}

/* The visible marks, as the redraw draws them: a box, the name, the date.
 * The page's own content runs inside q … Q, so that it cannot move them. */
static char *
marks_content (const SignetSandboxSignature *signature, const char *font)
{
  GString *content = g_string_new ("Q\n");

  for (guint i = 0; i < signature->n_marks; i++)
    {
      const double *r = signature->marks + 4 * i;
      double        w = r[2] - r[0], h = r[3] - r[1];
      double        pad = MIN (4.0, h / 8);
      double        name_size = h * 0.42, date_size = h * 0.2;
      /* Helvetica's letters are about half an em wide. */
      double name_width = 0.55 * name_size * g_utf8_strlen (signature->signer_name, -1);
      double date_width = 0.5 * date_size * g_utf8_strlen (signature->mark_date, -1);

      if (name_width > w - 4 * pad && name_width > 0)
        name_size *= (w - 4 * pad) / name_width;
      if (date_width > w - 4 * pad && date_width > 0)
        date_size *= (w - 4 * pad) / date_width;

      g_string_append_printf (content,
                              "q 0.93 0.96 1 rg 0.11 0.31 0.64 RG 1 w %.2f %.2f %.2f %.2f re B\n"
                              "BT 0.11 0.31 0.64 rg /%s %.2f Tf 1 0 0 1 %.2f %.2f Tm ",
                              r[0], r[1], w, h, font, name_size, r[0] + 2 * pad, r[3] - h * 0.58);
      append_win_ansi (content, signature->signer_name);
      g_string_append_printf (content,
                              " Tj ET\nBT 0.2 0.2 0.2 rg /%s %.2f Tf 1 0 0 1 %.2f %.2f Tm ", font,
                              date_size, r[0] + 2 * pad, r[1] + pad * 1.5);
      append_win_ansi (content, signature->mark_date);
      g_string_append (content, " Tj ET Q\n");
    }

  return g_string_free (content, FALSE);
}

/* The page with the field in its annotations and, with marks, its content
 * wrapped and followed by the marks; its resources get the marks' font. */
static gboolean
append_page (GString                      *out,
             GArray                       *entries,
             const Pdf                    *pdf,
             guint                         page,
             gsize                         page_dict,
             const SignetSandboxSignature *signature,
             GError                      **error)
{
  g_autofree char *field_ref = g_strdup_printf ("%u 0 R", pdf->size);
  g_autofree char *contents = NULL;
  g_autofree char *font_entry = NULL;
  g_autofree char *font_name = g_strdup_printf ("SigF%u", pdf->size + 2);
  g_autofree char *marks = NULL;
  Edit             edits[2] = { { "/Annots", EDIT_ADD_TO_ARRAY, field_ref, FALSE },
                                { "/Contents", EDIT_REPLACE, NULL, FALSE } };
  gsize            start, end, resources;
  guint            resources_number;

  if (signature->n_marks == 0)
    {
      begin_object (out, entries, page);
      if (!append_dict_edited (out, pdf, page_dict, edits, 1))
        return refuse (error, "The page's annotations cannot be extended for signing");
      g_string_append (out, "\nendobj\n");
      return TRUE;
    }

  /* Only resources of their own, as cairo writes them, are extended. */
  if (!dict_lookup (pdf, page_dict, "/Contents", &start, &end)
      || !dict_get_ref (pdf, page_dict, "/Resources", &resources_number)
      || (resources = object_dict (pdf, resources_number)) == NOT_FOUND)
    return refuse (error, "The page's content cannot be extended for signing");
  if (pdf->data[start] == '[')
    contents = g_strdup_printf ("[%u 0 R %.*s %u 0 R]", pdf->size + 4, (int) (end - start - 2),
                                pdf->data + start + 1, pdf->size + 3);
  else
    contents = g_strdup_printf ("[%u 0 R %.*s %u 0 R]", pdf->size + 4, (int) (end - start),
                                pdf->data + start, pdf->size + 3);
  edits[1].value = contents;

  begin_object (out, entries, page);
  if (!append_dict_edited (out, pdf, page_dict, edits, 2))
    return refuse (error, "The page's annotations cannot be extended for signing");
  g_string_append (out, "\nendobj\n");

  font_entry = g_strdup_printf ("/%s %u 0 R", font_name, pdf->size + 2);
  begin_object (out, entries, resources_number);
  if (!append_dict_edited (out, pdf, resources,
                           &(Edit){ "/Font", EDIT_ADD_TO_DICT, font_entry, FALSE }, 1))
    return refuse (error, "The page's fonts cannot be extended for signing");
  g_string_append (out, "\nendobj\n");

  begin_object (out, entries, pdf->size + 2);
  g_string_append (out, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                        " /Encoding /WinAnsiEncoding >>\nendobj\n");
  marks = marks_content (signature, font_name);
  append_stream (out, entries, pdf->size + 3, marks);
  append_stream (out, entries, pdf->size + 4, "q");
  return TRUE;
}

/* Writes the catalog, the page, the field and the signature dictionary with
 * room for the signature; returns where the room is. */
static gboolean
append_objects (GString                      *out,
                GArray                       *entries,
                const Pdf                    *pdf,
                const SignetSandboxSignature *signature,
                gsize                        *byte_range_at,
                gsize                        *contents_at,
                GError                      **error)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (signature->signing_time);
  g_autofree char *date = g_date_time_format (time, "D:%Y%m%d%H%M%S+00'00'");
  g_autofree char *field_ref = g_strdup_printf ("%u 0 R", pdf->size);
  gsize            catalog = object_dict (pdf, pdf->root);
  const double    *rect = signature->rect;
  guint            pages, page;
  gsize            page_dict;
  int              index = signature->page;

  if (catalog == NOT_FOUND || !dict_get_ref (pdf, catalog, "/Pages", &pages))
    return refuse (error, "The PDF's catalog cannot be read for signing");
  page = find_page (pdf, pages, &index, 0);
  page_dict = page != 0 ? object_dict (pdf, page) : NOT_FOUND;
  if (page_dict == NOT_FOUND)
    return refuse (error, "The page to sign cannot be found in the PDF");

  begin_object (out, entries, pdf->root);
  if (!append_catalog (out, pdf, catalog, field_ref))
    return refuse (error, "The PDF's form cannot be extended for signing");
  g_string_append (out, "\nendobj\n");

  if (!append_page (out, entries, pdf, page, page_dict, signature, error))
    return FALSE;

  /* The field and its widget in one dictionary. */
  begin_object (out, entries, pdf->size);
  g_string_append (out, "<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T ");
  append_text_string (out, signature->field_name);
  g_string_append_printf (out, " /V %u 0 R /P %u 0 R /Rect [%.2f %.2f %.2f %.2f] >>\nendobj\n",
                          pdf->size + 1, page, rect[0], rect[1], rect[2], rect[3]);

  begin_object (out, entries, pdf->size + 1);
  g_string_append (out, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached"
                        " /Name ");
  append_text_string (out, signature->signer_name);
  g_string_append_printf (out, " /M (%s) /Reason ", date);
  append_text_string (out, "Signed in the OKdokument sandbox with its demo certificate");
  g_string_append (out, " /ByteRange [");
  *byte_range_at = out->len;
  for (guint i = 0; i < BYTE_RANGE_WIDTH; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "] /Contents <");
  *contents_at = out->len - 1;
  for (guint i = 0; i < 2 * SIGNATURE_CAPACITY; i++)
    g_string_append_c (out, '0');
  g_string_append (out, "> >>\nendobj\n");
  return TRUE;
}

static void
append_xref (GString *out, GArray *entries, const Pdf *pdf, guint size)
{
  gsize xref_at = out->len;

  g_array_sort (entries, compare_entries);
  g_string_append (out, "xref\n");
  for (guint i = 0; i < entries->len; i++)
    {
      XrefEntry *entry = &g_array_index (entries, XrefEntry, i);

      g_string_append_printf (out, "%u 1\n%010" G_GSIZE_FORMAT " 00000 n\r\n", entry->number,
                              entry->offset);
    }
  g_string_append_printf (out, "trailer\n<< /Size %u /Root %u 0 R", size, pdf->root);
  if (pdf->info != NULL)
    g_string_append_printf (out, " /Info %s", pdf->info);
  if (pdf->id != NULL)
    g_string_append_printf (out, " /ID %s", pdf->id);
  g_string_append_printf (
    out, " /Prev %" G_GSIZE_FORMAT " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", pdf->startxref,
    xref_at);
}

/**
 * signet_sandbox_pdf_has_signature:
 * @pdf: a PDF
 *
 * Returns: whether @pdf holds a signature of the kind the sandbox makes
 */
gboolean
signet_sandbox_pdf_has_signature (GBytes *pdf)
{
  gsize       size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *needle = "/adbe.pkcs7.detached";
  gsize       n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (data[i] == '/' && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/**
 * signet_sandbox_cert_sign_pdf:
 * @cert: the demo certificate
 * @pdf: a PDF with classic cross-reference tables
 * @signature: what to sign, and where
 * @error: return location for an error
 *
 * Appends an incremental update to @pdf: a signature field whose value holds
 * a detached PKCS#7 signature over everything but itself, made with @cert,
 * and the visible marks of @signature when it has any. Earlier signatures
 * stay valid. Safe to call from any thread.
 *
 * Returns: (transfer full): the signed PDF, or %NULL on error
 */
GBytes *
signet_sandbox_cert_sign_pdf (SignetSandboxCert            *cert,
                              GBytes                       *pdf_bytes,
                              const SignetSandboxSignature *signature,
                              GError                      **error)
{
  g_auto (Pdf) pdf = { 0 };
  g_autoptr (GString) out = NULL;
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  g_autoptr (GBytes) pkcs7 = NULL;
  g_autoptr (GByteArray) content = NULL;
  g_autofree char *range = NULL;
  gsize            byte_range_at, contents_at, contents_end, length;
  const guint8    *der;

  g_return_val_if_fail (cert != NULL, NULL);
  g_return_val_if_fail (pdf_bytes != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  pdf.data = g_bytes_get_data (pdf_bytes, &pdf.len);
  if (!read_trailer (&pdf, error))
    return NULL;

  out = g_string_sized_new (pdf.len + 4 * SIGNATURE_CAPACITY);
  g_string_append_len (out, pdf.data, pdf.len);
  if (pdf.len > 0 && pdf.data[pdf.len - 1] != '\n')
    g_string_append_c (out, '\n');
  if (!append_objects (out, entries, &pdf, signature, &byte_range_at, &contents_at, error))
    return NULL;
  append_xref (out, entries, &pdf, pdf.size + (signature->n_marks > 0 ? 5 : 2));

  /* Everything but the hex string of /Contents is signed. */
  contents_end = contents_at + 2 * SIGNATURE_CAPACITY + 2;
  range = g_strdup_printf ("0 %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT,
                           contents_at, contents_end, out->len - contents_end);
  g_assert (strlen (range) <= BYTE_RANGE_WIDTH);
  memcpy (out->str + byte_range_at, range, strlen (range));

  content = g_byte_array_sized_new (out->len - (contents_end - contents_at));
  g_byte_array_append (content, (const guint8 *) out->str, contents_at);
  g_byte_array_append (content, (const guint8 *) out->str + contents_end, out->len - contents_end);
  pkcs7 = signet_sandbox_cert_sign_data (cert, content->data, content->len, signature->signing_time,
                                         error);
  if (pkcs7 == NULL)
    return NULL;

  der = g_bytes_get_data (pkcs7, &length);
  if (length > SIGNATURE_CAPACITY)
    {
      refuse (error, "The signature is larger than the room made for it");
      return NULL;
    }
  for (gsize i = 0; i < length; i++)
    {
      static const char hex[] = "0123456789ABCDEF";

      out->str[contents_at + 1 + 2 * i] = hex[der[i] >> 4];
      out->str[contents_at + 1 + 2 * i + 1] = hex[der[i] & 0xf];
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}
