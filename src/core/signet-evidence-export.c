/* signet-evidence-export.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-evidence"

#include "config.h"

#include "signet-evidence-export.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "signet-error.h"
#include "signet-journal-evidence.h"
#include "signet-state-name.h"
#include "signet-worker-private.h"

/* The certificate of completion (docs/evidence.md): the evidence record as
 * a JSON file (docs/evidence-schema.json) and as a one- or two-page PDF
 * with the same facts, in the person's language. */

/**
 * signet_evidence_format_time:
 * @iso8601: (nullable): a time from the evidence record
 *
 * Returns: (transfer full) (nullable): the time in the desk's time zone,
 *   as a person writes it ("5 December 2026 at 14:02")
 */
char *
signet_evidence_format_time (const char *iso8601)
{
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (time == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (time);
  /* Translators: a date and time as in "5 December 2026 at 14:02"; see
   * g_date_time_format() (%B is the month in the form that follows a day) */
  return g_date_time_format (local, _ ("%-d %B %Y at %H:%M"));
}

static const char *
member (JsonObject *object, const char *name)
{
  return object != NULL ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

/**
 * signet_evidence_describe_signature:
 * @signed_copy: (nullable): the record's `signedCopy`, or one of its `checks`
 *
 * Returns: (transfer full): what the check found, in plain words
 */
char *
signet_evidence_describe_signature (JsonObject *signed_copy)
{
  const char      *signature = member (signed_copy, "signature");
  const char      *signer = member (signed_copy, "signer");
  g_autofree char *time = signet_evidence_format_time (member (signed_copy, "signingTime"));

  if (signed_copy == NULL)
    return g_strdup (_ ("The signed copy has not been checked yet"));
  if (g_strcmp0 (signature, "valid") == 0)
    {
      if (signer != NULL && time != NULL)
        /* Translators: the first %s is the signer's name, the second the date
         * and time, as in "5 December 2026 at 14:02" */
        return g_strdup_printf (_ ("Signed by %s on %s; not changed since"), signer, time);
      if (signer != NULL)
        /* Translators: %s is the signer's name */
        return g_strdup_printf (_ ("Signed by %s; not changed since"), signer);
      return g_strdup (_ ("Signed; not changed since"));
    }
  if (g_strcmp0 (signature, "changed") == 0)
    return g_strdup (_ ("Changed after signing: this is not the file that was signed"));
  if (g_strcmp0 (signature, "invalid") == 0)
    return g_strdup (_ ("The signature is not valid: the file is damaged or was altered"));
  if (g_strcmp0 (signature, "not-signed") == 0)
    return g_strdup (_ ("Not signed: the file holds no digital signature"));
  return g_strdup (_ ("The signature could not be checked on this computer"));
}

/**
 * signet_evidence_describe_certificate:
 * @signed_copy: (nullable): the record's `signedCopy`
 *
 * Returns: (transfer full): what the check says of the signer's
 *   certificate, in plain words
 */
char *
signet_evidence_describe_certificate (JsonObject *signed_copy)
{
  const char *certificate = member (signed_copy, "certificate");

  if (g_strcmp0 (certificate, "trusted") == 0)
    return g_strdup (_ ("Issued by an authority this computer trusts"));
  if (g_strcmp0 (certificate, "unknown-issuer") == 0)
    return g_strdup (_ ("Issued by an authority this computer does not know"));
  if (g_strcmp0 (certificate, "untrusted-issuer") == 0)
    return g_strdup (_ ("Issued by an authority this computer does not trust"));
  if (g_strcmp0 (certificate, "revoked") == 0)
    return g_strdup (_ ("Revoked by its issuer"));
  if (g_strcmp0 (certificate, "expired") == 0)
    return g_strdup (_ ("Expired when it was used"));
  return g_strdup (_ ("Not checked"));
}

/**
 * signet_describe_event:
 * @event: a line of a request's history
 * @previous: (nullable): the line before it
 *
 * Says what happened, for the document page's timeline and the
 * certificate's history. An `error` right after a `deleting` is a
 * deletion the server refused (SignetDeletions writes it when it takes the
 * intent back), which is not tried again.
 *
 * Returns: (transfer full): a sentence for a person
 */
char *
signet_describe_event (const SignetJournalEvent *event, const SignetJournalEvent *previous)
{
  /* The events that say the same whatever their detail. */
  static const struct
  {
    const char *kind;
    const char *text;
  } plain[] = {
    { "journalled", N_ ("Saved on this computer") },
    { "uploaded", N_ ("Document uploaded to OKdokument") },
    { "created", N_ ("Signature request created") },
    { "recovered", N_ ("Signature request found on the server after a lost answer") },
    { "expired", NULL },
    { "vanished", N_ ("Deleted from the OKdokument server") },
    { "downloaded", N_ ("Signed copy saved on this computer") },
    { "archived", N_ ("Archived") },
    { "evidence", N_ ("Signed copy checked") },
    { "removed", N_ ("Removed from this list") },
    { "restored", N_ ("Back in this list") },
    { "imported", N_ ("Found on the account, sent elsewhere") },
    { "removed-elsewhere", NULL },
  };
  const char *kind;
  const char *detail;

  g_return_val_if_fail (event != NULL, NULL);

  kind = event->kind;
  detail = event->detail;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_str_equal (kind, plain[i].kind))
      return g_strdup (plain[i].text != NULL ? _ (plain[i].text)
                       : g_str_equal (kind, "removed-elsewhere")
                         ? signet_state_get_name (SIGNET_LIBRARY_GROUP_REMOVED)
                         : signet_state_get_name (SIGNET_LIBRARY_GROUP_EXPIRED));
  if (g_str_equal (kind, "round"))
    /* Translators: %s is the number of the signing round */
    return g_strdup_printf (_ ("Signing round %s started"), detail != NULL ? detail : "");
  if (g_str_equal (kind, "deleting"))
    return g_strdup (g_strcmp0 (detail, "request") == 0
                       ? _ ("Asked to cancel the request on the server")
                       : _ ("Asked to delete from the server"));
  if (g_str_equal (kind, "deleted"))
    return g_strdup (g_strcmp0 (detail, "request") == 0 ? _ ("Request cancelled on the server")
                                                        : _ ("Deleted from the server"));
  if (g_str_equal (kind, "failed"))
    /* Translators: %s says why */
    return g_strdup_printf (_ ("Failed: %s"), detail != NULL ? detail : "");
  if (g_str_equal (kind, "error") && previous != NULL && g_str_equal (previous->kind, "deleting"))
    return g_strdup_printf (g_strcmp0 (previous->detail, "request") == 0
                              /* Translators: %s says why */
                              ? _ ("Request not cancelled on the server: %s")
                              /* Translators: %s says why */
                              : _ ("Not deleted from the server: %s"),
                            detail != NULL ? detail : "");
  if (g_str_equal (kind, "error"))
    /* Translators: %s says what went wrong; Signet tries again */
    return g_strdup_printf (_ ("Problem, tried again later: %s"), detail != NULL ? detail : "");
  if (g_str_equal (kind, "state"))
    {
      g_autofree char *state = signet_evidence_parse_state_detail (detail, NULL);

      switch (signet_document_state_from_string (state))
        {
          case SIGNET_DOCUMENT_STATE_TAGS:
          case SIGNET_DOCUMENT_STATE_TOSTAMP:
            return g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_PREPARING));
          case SIGNET_DOCUMENT_STATE_TOSIGN:
            return g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_WAITING));
          case SIGNET_DOCUMENT_STATE_SIGNED:
            return g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_SIGNED));
          case SIGNET_DOCUMENT_STATE_CANCELED:
            return g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_CANCELLED));
          case SIGNET_DOCUMENT_STATE_ERRORSENDINFO:
            return g_strdup (signet_state_get_name (SIGNET_LIBRARY_GROUP_FAILED));
          default:
            break;
        }
    }
  return g_strdup (kind);
}

/**
 * signet_evidence_path_beside:
 * @path: a file's path, usually a PDF's
 * @extension: what takes the place of `.pdf` (".evidence.json")
 *
 * Returns: (transfer full): the path of the file named like @path with
 *   @extension: the evidence saved beside an archived copy
 */
char *
signet_evidence_path_beside (const char *path, const char *extension)
{
  g_return_val_if_fail (path != NULL && extension != NULL, NULL);

  if (g_str_has_suffix (path, ".pdf"))
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);

      return g_strconcat (stem, extension, NULL);
    }
  return g_strconcat (path, extension, NULL);
}

/* A copy that shares nothing with @node. json_node_copy() copies the node
 * alone: its object or array stays the one @node holds, with a reference
 * count that is not atomic, so a member set on the copy is set on @node
 * too. */
static JsonNode *
copy_tree (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject    *copy = json_object_new ();
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      /* In order: the exported JSON lists the members as the record does. */
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (copy, name, copy_tree (member));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, copy_tree (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }
  /* A value or null holds nothing shared. */
  return json_node_copy (node);
}

/**
 * signet_evidence_export_record:
 * @record: the evidence record (signet_journal_get_evidence_async())
 *
 * Returns: (transfer full): a copy of @record as exported: with when, and
 *   on which desk, it was exported; @record itself is left as it was
 */
JsonNode *
signet_evidence_export_record (JsonNode *record)
{
  JsonNode   *exported;
  JsonObject *object;
  JsonObject *desk = json_object_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (record != NULL && JSON_NODE_HOLDS_OBJECT (record), NULL);

  exported = copy_tree (record);
  object = json_node_get_object (exported);
  json_object_set_string_member (object, "exported", now_text);
  json_object_set_string_member (desk, "user", g_get_user_name ());
  json_object_set_string_member (desk, "host", g_get_host_name ());
  json_object_set_object_member (object, "exportedBy", desk);
  return exported;
}

/* {{{ The PDF */

#define PAGE_WIDTH  595.28 /* A4 in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define LABEL_WIDTH 150.0
#define BAND_HEIGHT 96.0

typedef struct
{
  cairo_t *cr;
  double   y;
  guint    page;
} Pen;

static void
set_color (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
layout_new (Pen *pen, const char *text, const char *font, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);

  /* Points are the PDF's units: no screen's 96 dpi. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The page number, and on the last page who made the certificate. */
static void
footer (Pen *pen, const char *made)
{
  /* Translators: %u is the page number */
  g_autofree char *text = g_strdup_printf (_ ("Page %u"), pen->page);
  g_autoptr (PangoLayout) layout
    = layout_new (pen, text, "Cantarell, DejaVu Sans 8", PAGE_WIDTH - 2 * MARGIN);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  set_color (pen->cr, 0x77767b);
  cairo_move_to (pen->cr, MARGIN, PAGE_HEIGHT - MARGIN / 2 - 10);
  pango_cairo_show_layout (pen->cr, layout);
  if (made != NULL)
    {
      g_autoptr (PangoLayout) maker
        = layout_new (pen, made, "Cantarell, DejaVu Sans 8", PAGE_WIDTH - 2 * MARGIN - 60);

      cairo_move_to (pen->cr, MARGIN, PAGE_HEIGHT - MARGIN / 2 - 10);
      pango_cairo_show_layout (pen->cr, maker);
    }
}

/* Room for @height more points, on a new page if need be. */
static void
make_room (Pen *pen, double height)
{
  if (pen->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  footer (pen, NULL);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
}

static void
paragraph (Pen *pen, const char *text, const char *font, guint32 color, double after)
{
  g_autoptr (PangoLayout) layout = layout_new (pen, text, font, PAGE_WIDTH - 2 * MARGIN);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  make_room (pen, pango_units_to_double (height));
  set_color (pen->cr, color);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += pango_units_to_double (height) + after;
}

static void
heading (Pen *pen, const char *text)
{
  make_room (pen, 60);
  pen->y += 10;
  paragraph (pen, text, "Cantarell, DejaVu Sans Bold 13", 0x1c71d8, 4);
  set_color (pen->cr, 0xdeddda);
  cairo_rectangle (pen->cr, MARGIN, pen->y, PAGE_WIDTH - 2 * MARGIN, 0.8);
  cairo_fill (pen->cr);
  pen->y += 6;
}

/* A label and its value; @mono for hashes and identifiers. */
static void
field (Pen *pen, const char *label, const char *value, gboolean mono)
{
  g_autoptr (PangoLayout) name = NULL;
  g_autoptr (PangoLayout) text = NULL;
  int    name_height, text_height;
  double height;

  if (value == NULL)
    value = "—";
  name = layout_new (pen, label, "Cantarell, DejaVu Sans 10", LABEL_WIDTH - 8);
  text = layout_new (pen, value, mono ? "DejaVu Sans Mono 8.5" : "Cantarell, DejaVu Sans 10",
                     PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH);
  pango_layout_get_size (name, NULL, &name_height);
  pango_layout_get_size (text, NULL, &text_height);
  height = pango_units_to_double (MAX (name_height, text_height));
  make_room (pen, height);
  set_color (pen->cr, 0x5e5c64);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  pango_cairo_show_layout (pen->cr, name);
  set_color (pen->cr, 0x241f31);
  cairo_move_to (pen->cr, MARGIN + LABEL_WIDTH, pen->y + (mono ? 1 : 0));
  pango_cairo_show_layout (pen->cr, text);
  pen->y += height + 4;
}

static void
band (Pen *pen, JsonObject *record)
{
  g_autoptr (PangoLayout) title = NULL;
  g_autoptr (PangoLayout) subtitle = NULL;

  set_color (pen->cr, 0x3584e4);
  cairo_rectangle (pen->cr, 0, 0, PAGE_WIDTH, BAND_HEIGHT);
  cairo_fill (pen->cr);
  title = layout_new (pen, _ ("Certificate of Completion"), "Cantarell, DejaVu Sans Bold 22",
                      PAGE_WIDTH - 2 * MARGIN);
  subtitle = layout_new (pen, member (record, "filename"), "Cantarell, DejaVu Sans 12",
                         PAGE_WIDTH - 2 * MARGIN);
  pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_MIDDLE);
  cairo_set_source_rgb (pen->cr, 1, 1, 1);
  cairo_move_to (pen->cr, MARGIN, 28);
  pango_cairo_show_layout (pen->cr, title);
  cairo_move_to (pen->cr, MARGIN, 60);
  pango_cairo_show_layout (pen->cr, subtitle);
  pen->y = BAND_HEIGHT + 18;
}

static const char *
yes_no (JsonObject *object, const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  return json_object_get_boolean_member (object, name) ? _ ("Yes") : _ ("No");
}

static void
signed_copy_fields (Pen *pen, JsonObject *copy)
{
  g_autofree char *sentence = signet_evidence_describe_signature (copy);
  g_autofree char *certificate = signet_evidence_describe_certificate (copy);
  g_autofree char *signing_time = signet_evidence_format_time (member (copy, "signingTime"));
  g_autofree char *checked = signet_evidence_format_time (member (copy, "checked"));
  g_autofree char *count = NULL;

  paragraph (pen, sentence, "Cantarell, DejaVu Sans Bold 11", 0x241f31, 6);
  if (copy == NULL)
    return;
  count = g_strdup_printf ("%" G_GINT64_FORMAT,
                           json_object_get_int_member_with_default (copy, "signatures", 0));
  field (pen, _ ("Signer"), member (copy, "signer"), FALSE);
  field (pen, _ ("Signing time"), signing_time, FALSE);
  field (pen, _ ("Certificate"), certificate, FALSE);
  field (pen, _ ("Signatures"), count, FALSE);
  field (pen, _ ("Signature covers the whole file"), yes_no (copy, "coversWholeFile"), FALSE);
  field (pen, _ ("SHA-256 of the signed copy"), member (copy, "sha256"), TRUE);
  field (pen, _ ("Checked"), checked, FALSE);
  field (pen, _ ("File"), member (copy, "path"), FALSE);
}

static void
history (Pen *pen, JsonArray *events, SignetEventDescriber describe)
{
  SignetJournalEvent previous = { 0 };

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject        *object = json_array_get_object_element (events, i);
      SignetJournalEvent event = { 0 };
      g_autofree char   *time = signet_evidence_format_time (member (object, "time"));
      g_autofree char   *server = signet_evidence_format_time (member (object, "serverTime"));
      g_autofree char   *text = NULL;
      g_autofree char   *line = NULL;

      event.time = json_object_get_int_member_with_default (object, "timeMs", 0);
      event.kind = (char *) member (object, "kind");
      event.detail = (char *) member (object, "detail");
      if (event.kind == NULL)
        continue;
      text = describe != NULL ? describe (&event, previous.kind != NULL ? &previous : NULL)
                              : g_strdup (event.kind);
      if (server != NULL)
        /* Translators: an event of the history; %s is the server's time of it */
        line = g_strdup_printf (_ ("%s (server: %s)"), text, server);
      field (pen, time, line != NULL ? line : text, FALSE);
      previous = event;
    }
}

static void
checks (Pen *pen, JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject      *check = json_array_get_object_element (array, i);
      g_autofree char *time = signet_evidence_format_time (member (check, "checked"));
      g_autofree char *sentence = signet_evidence_describe_signature (check);

      field (pen, time, sentence, FALSE);
      field (pen, "", member (check, "sha256"), TRUE);
    }
}

/**
 * signet_evidence_write_pdf:
 * @exported: the record from signet_evidence_export_record()
 * @describe: (nullable) (scope call): says what each event of the history
 *   means; %NULL writes the events' kinds
 * @path: where to write the PDF
 * @error: return location for an error
 *
 * Draws the certificate of completion. Blocks: call it on a worker thread.
 *
 * Returns: %TRUE once written
 */
gboolean
signet_evidence_write_pdf (JsonNode            *exported,
                           SignetEventDescriber describe,
                           const char          *path,
                           GError             **error)
{
  JsonObject      *record;
  JsonObject      *copy;
  JsonObject      *desk;
  cairo_surface_t *surface;
  cairo_status_t   status;
  Pen              pen = { 0 };
  g_autofree char *exported_at = NULL;
  g_autofree char *made = NULL;

  g_return_val_if_fail (exported != NULL && JSON_NODE_HOLDS_OBJECT (exported), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  record = json_node_get_object (exported);
  copy = json_object_get_member (record, "signedCopy") != NULL
             && !json_object_get_null_member (record, "signedCopy")
           ? json_object_get_object_member (record, "signedCopy")
           : NULL;
  desk = json_object_has_member (record, "exportedBy")
           ? json_object_get_object_member (record, "exportedBy")
           : NULL;

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _ ("Certificate of Completion"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Signet");
  pen.cr = cairo_create (surface);
  pen.page = 1;

  band (&pen, record);
  heading (&pen, _ ("Signed Copy"));
  signed_copy_fields (&pen, copy);

  heading (&pen, _ ("Document"));
  field (&pen, _ ("File name"), member (record, "filename"), FALSE);
  field (&pen, _ ("SHA-256 of the file as sent"), member (record, "sentSha256"), TRUE);
  field (&pen, _ ("Signature request"), member (record, "signatureRequestId"), TRUE);
  field (&pen, _ ("Document on the server"), member (record, "documentId"), TRUE);
  field (&pen, _ ("Server"), member (record, "environment"), FALSE);
  if (member (record, "sentBy") != NULL)
    field (&pen, _ ("Sent from"), member (record, "sentBy"), FALSE);

  heading (&pen, _ ("History"));
  history (&pen, json_object_get_array_member (record, "events"), describe);

  if (json_object_has_member (record, "checks")
      && json_array_get_length (json_object_get_array_member (record, "checks")) > 0)
    {
      heading (&pen, _ ("Checks of the Signed Copy"));
      checks (&pen, json_object_get_array_member (record, "checks"));
    }

  heading (&pen, _ ("What This Record Proves"));
  paragraph (&pen,
             _ ("That the bytes the signature covers are the bytes that were signed, and that "
                "nothing was added since; the SHA-256 of the signed copy at each check; which "
                "file this computer sent and when it saw each step."),
             "Cantarell, DejaVu Sans 10", 0x241f31, 6);
  paragraph (&pen,
             _ ("It does not prove who signed (the certificate is the signing service's), when, "
                "beyond the signing software's own claim, that the certificate was not revoked "
                "(the check is made offline), or that this computer's records were not changed."),
             "Cantarell, DejaVu Sans 10", 0x241f31, 10);

  exported_at = signet_evidence_format_time (member (record, "exported"));
  /* Translators: the first %s is a date and time, then a user name and a
   * computer's name */
  made = g_strdup_printf (_ ("Made by Signet on %s, by %s on %s"), exported_at,
                          desk != NULL ? member (desk, "user") : "—",
                          desk != NULL ? member (desk, "host") : "—");
  footer (&pen, made);

  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The certificate could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* }}} */

typedef struct
{
  JsonNode            *exported;
  SignetEventDescriber describe;
  GFile               *pdf;
  GFile               *json;
} Export;

static void
export_free (Export *export)
{
  json_node_unref (export->exported);
  g_clear_object (&export->pdf);
  g_clear_object (&export->json);
  g_free (export);
}

/* Both files appear whole or not at all: each is written beside its
 * place, under a name of its own (two exports to the same place must not
 * write into one file), and moved there. Whoever waits for them (the
 * tracker's save-evidence, a person's file manager) may read a file as
 * soon as it exists. */
static gboolean
write_export (Export *export, GCancellable *cancellable, GError **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *pdf_path = g_file_get_path (export->pdf);
  g_autofree char *json_path = g_file_get_path (export->json);
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *partial_name = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (GFile) partial_file = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;

  if (pdf_path == NULL || json_path == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                           _ ("The certificate can only be saved in a local folder."));
      return FALSE;
    }
  folder = g_path_get_dirname (pdf_path);
  basename = g_path_get_basename (pdf_path);
  partial_name = g_strdup_printf (".%s.%.8s.part", basename, random);
  partial = g_build_filename (folder, partial_name, NULL);
  partial_file = g_file_new_for_path (partial);
  if (!signet_evidence_write_pdf (export->exported, export->describe, partial, error))
    {
      g_file_delete (partial_file, NULL, NULL);
      return FALSE;
    }
  if (!g_file_move (partial_file, export->pdf, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL,
                    &local_error))
    {
      g_file_delete (partial_file, NULL, NULL);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The certificate could not be written: %s"), local_error->message);
      return FALSE;
    }

  json_generator_set_root (generator, export->exported);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, &length);
  /* Not g_file_replace_contents (): a file that is not there yet it
   * creates in its place, empty, and only then fills. */
  if (!g_file_set_contents_full (json_path, json, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   _ ("The record could not be written: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
export_in_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_export (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * signet_evidence_export_async:
 * @record: the evidence record (signet_journal_get_evidence_async())
 * @describe: (nullable): says what each event of the history means
 * @pdf: where to write the certificate of completion
 * @json: where to write the record, valid against docs/evidence-schema.json
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when both are written
 * @user_data: data for @callback
 *
 * Writes the evidence record as a PDF and as JSON, on a worker thread.
 */
void
signet_evidence_export_async (JsonNode            *record,
                              SignetEventDescriber describe,
                              GFile               *pdf,
                              GFile               *json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Export *export;

  g_return_if_fail (record != NULL && JSON_NODE_HOLDS_OBJECT (record));
  g_return_if_fail (G_IS_FILE (pdf));
  g_return_if_fail (G_IS_FILE (json));

  export = g_new0 (Export, 1);
  /* Copied here, on the caller's thread: the worker reads a tree of its
   * own while the caller keeps (and may show or change) @record. */
  export->exported = signet_evidence_export_record (record);
  export->describe = describe;
  export->pdf = g_object_ref (pdf);
  export->json = g_object_ref (json);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_evidence_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  signet_worker_run (SIGNET_WORKER_INSPECT, task, export_in_worker);
}

/**
 * signet_evidence_export_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE once both files are written
 */
gboolean
signet_evidence_export_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
