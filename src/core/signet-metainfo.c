/* signet-metainfo.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-metainfo"

#include "config.h"

#include "signet-metainfo.h"

#include <string.h>

/* The About window shows the newest release's notes straight from the
 * metainfo file, so that they are written (and translated) once. The merged
 * metainfo holds every translation as a sibling with xml:lang right after
 * the untranslated element; we keep the best one for the user's languages. */

typedef struct _Node Node;
struct _Node
{
  char      *name; /* NULL for a text node */
  char      *lang;
  char      *text;
  GPtrArray *children;
};

static void
node_free (Node *node)
{
  g_free (node->name);
  g_free (node->lang);
  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (const char *name, const char *lang, const char *text)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->lang = g_strdup (lang);
  node->text = g_strdup (text);
  if (name != NULL)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

typedef struct
{
  int      depth;
  gboolean in_releases;
  gboolean release_done; /* the newest release has been read */
  gboolean in_release;
  int      release_depth;
  char    *version;
  Node    *description;
  GQueue   stack; /* of Node *, inside the description */
} ParseState;

static const char *const allowed_markup[] = { "p", "ul", "ol", "li", "em", "code", NULL };

static void
start_element_cb (GMarkupParseContext *context,
                  const char          *element_name,
                  const char         **attribute_names,
                  const char         **attribute_values,
                  gpointer             user_data,
                  GError             **error)
{
  ParseState *state = user_data;
  const char *lang = NULL;
  Node       *parent;
  Node       *node;

  state->depth++;

  if (g_str_equal (element_name, "releases"))
    {
      state->in_releases = TRUE;
      return;
    }

  if (state->in_releases && !state->release_done && !state->in_release
      && g_str_equal (element_name, "release"))
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "version"))
          {
            /* GMarkup lets an attribute repeat; the last one counts. */
            g_free (state->version);
            state->version = g_strdup (attribute_values[i]);
          }
      state->in_release = TRUE;
      state->release_depth = state->depth;
      return;
    }

  if (!state->in_release)
    return;

  if (state->description == NULL)
    {
      if (g_str_equal (element_name, "description") && state->depth == state->release_depth + 1)
        {
          state->description = node_new (element_name, NULL, NULL);
          g_queue_push_head (&state->stack, state->description);
        }
      return;
    }

  if (g_queue_is_empty (&state->stack))
    return;

  if (!g_strv_contains (allowed_markup, element_name))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "Element <%s> is not allowed in a release description", element_name);
      return;
    }

  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_equal (attribute_names[i], "xml:lang"))
      lang = attribute_values[i];

  parent = g_queue_peek_head (&state->stack);
  node = node_new (element_name, lang, NULL);
  g_ptr_array_add (parent->children, node);
  g_queue_push_head (&state->stack, node);
}

static void
end_element_cb (GMarkupParseContext *context,
                const char          *element_name,
                gpointer             user_data,
                GError             **error)
{
  ParseState *state = user_data;

  if (!g_queue_is_empty (&state->stack))
    g_queue_pop_head (&state->stack);

  if (state->in_release && state->depth == state->release_depth)
    {
      state->in_release = FALSE;
      state->release_done = TRUE;
    }
  else if (g_str_equal (element_name, "releases"))
    state->in_releases = FALSE;

  state->depth--;
}

static void
text_cb (GMarkupParseContext *context,
         const char          *text,
         gsize                text_len,
         gpointer             user_data,
         GError             **error)
{
  ParseState *state = user_data;
  Node       *parent;

  if (g_queue_is_empty (&state->stack))
    return;

  parent = g_queue_peek_head (&state->stack);
  if (parent == state->description)
    return; /* whitespace between blocks */

  g_ptr_array_add (parent->children, node_new (NULL, NULL, NULL));
  ((Node *) g_ptr_array_index (parent->children, parent->children->len - 1))->text
    = g_strndup (text, text_len);
}

static guint
language_rank (const char *lang, const char *const *languages)
{
  const char *wanted = lang != NULL ? lang : "C";
  guint       i;

  for (i = 0; languages != NULL && languages[i] != NULL; i++)
    if (g_str_equal (languages[i], wanted))
      return i;

  /* The untranslated text is the fallback of last resort. */
  return lang == NULL ? G_MAXUINT - 1 : G_MAXUINT;
}

/* Whitespace is dropped at the edges of block elements and kept between
 * words and inline elements. */
static gboolean
at_block_boundary (GString *out)
{
  static const char *const boundaries[]
    = { " ", "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "</ol>", NULL };

  if (out->len == 0)
    return TRUE;

  for (guint i = 0; boundaries[i] != NULL; i++)
    if (g_str_has_suffix (out->str, boundaries[i]))
      return TRUE;

  return FALSE;
}

static void
append_collapsed_text (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (!at_block_boundary (out))
            g_string_append_c (out, ' ');
        }
      else
        {
          g_autofree char *escaped = NULL;
          const char      *next = g_utf8_next_char (p);

          escaped = g_markup_escape_text (p, next - p);
          g_string_append (out, escaped);
          p = next - 1;
        }
    }
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void serialize_children (GString *out, Node *node, const char *const *languages);

static void
serialize_node (GString *out, Node *node, const char *const *languages)
{
  if (node->name == NULL)
    {
      append_collapsed_text (out, node->text);
      return;
    }

  g_string_append_printf (out, "<%s>", node->name);
  serialize_children (out, node, languages);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_printf (out, "</%s>", node->name);
}

static void
serialize_children (GString *out, Node *node, const char *const *languages)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *best = g_ptr_array_index (node->children, i);
      guint best_rank;

      if (best->name == NULL)
        {
          serialize_node (out, best, languages);
          continue;
        }

      /* Translations follow their original as siblings of the same name. */
      best_rank = language_rank (best->lang, languages);
      while (i + 1 < node->children->len)
        {
          Node *next = g_ptr_array_index (node->children, i + 1);
          guint rank;

          if (next->name == NULL && is_blank (next->text))
            {
              i++;
              continue;
            }
          if (next->name == NULL || next->lang == NULL || !g_str_equal (next->name, best->name))
            break;

          rank = language_rank (next->lang, languages);
          if (rank < best_rank)
            {
              best = next;
              best_rank = rank;
            }
          i++;
        }

      serialize_node (out, best, languages);
    }
}

/**
 * signet_metainfo_parse_latest_release:
 * @xml: the text of an AppStream metainfo file
 * @length: the length of @xml, or -1 if it is nul-terminated
 * @languages: (nullable): the user's languages, best first, as from
 *   g_get_language_names(); %NULL for the untranslated text
 * @error: return location for a #GMarkupError
 *
 * Reads the first (newest) `<release>` of @xml, choosing among the
 * translated variants of its description the one best for @languages.
 *
 * Returns: (transfer full): the release, or %NULL with @error set if @xml
 *   cannot be parsed or lists no release
 */
SignetRelease *
signet_metainfo_parse_latest_release (const char        *xml,
                                      gssize             length,
                                      const char *const *languages,
                                      GError           **error)
{
  static const GMarkupParser parser = {
    start_element_cb, end_element_cb, text_cb, NULL, NULL,
  };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (SignetRelease) release = NULL;
  ParseState state = { 0 };
  gboolean   ok;

  g_return_val_if_fail (xml != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_queue_init (&state.stack);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  ok = g_markup_parse_context_parse (context, xml, length, error)
       && g_markup_parse_context_end_parse (context, error);

  g_queue_clear (&state.stack);

  if (ok && state.version == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "The metainfo lists no release with a version");
      ok = FALSE;
    }

  if (ok)
    {
      release = g_new0 (SignetRelease, 1);
      release->version = g_steal_pointer (&state.version);
      if (state.description != NULL && state.description->children->len > 0)
        {
          GString *notes = g_string_new (NULL);

          serialize_children (notes, state.description, languages);
          release->notes = g_string_free (notes, FALSE);
        }
    }

  g_free (state.version);
  g_clear_pointer (&state.description, node_free);

  return g_steal_pointer (&release);
}

/**
 * signet_release_free:
 * @release: (transfer full): a #SignetRelease
 *
 * Frees @release.
 */
void
signet_release_free (SignetRelease *release)
{
  if (release == NULL)
    return;

  g_free (release->version);
  g_free (release->notes);
  g_free (release);
}
