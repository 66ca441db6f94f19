/* signet-form-util.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers shared by the request and round editors: bindings of core
 * properties to rows, and marking a row whose input is wrong.
 */

#define G_LOG_DOMAIN "signet-form-util"

#include "config.h"

#include "signet-form-util.h"

static gboolean
text_to_editable (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static gboolean
editable_to_text (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  const char *text = g_value_get_string (from);

  /* An emptied row means "not set", as it was before anything was typed. */
  g_value_set_string (to, text != NULL && text[0] != '\0' ? text : NULL);
  return TRUE;
}

/**
 * signet_form_bind_text:
 * @source: an object with a string property
 * @property: its name
 * @editable: a #GtkEditable, such as an #AdwEntryRow
 *
 * Binds both ways; %NULL on the source side is an empty row.
 *
 * Returns: (transfer none): the binding
 */
GBinding *
signet_form_bind_text (gpointer source, const char *property, gpointer editable)
{
  g_return_val_if_fail (G_IS_OBJECT (source), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  return g_object_bind_property_full (source, property, editable, "text",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      text_to_editable, editable_to_text, NULL, NULL);
}

static gboolean
enum_to_selected (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_enum (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, (int) selected);
  return TRUE;
}

/**
 * signet_form_bind_enum:
 * @source: an object with an enum property whose values count from 0
 * @property: its name
 * @row: a combo row listing the values in their order
 *
 * Binds both ways.
 *
 * Returns: (transfer none): the binding
 */
GBinding *
signet_form_bind_enum (gpointer source, const char *property, AdwComboRow *row)
{
  g_return_val_if_fail (G_IS_OBJECT (source), NULL);
  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  return g_object_bind_property_full (source, property, row, "selected",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      enum_to_selected, selected_to_enum, NULL, NULL);
}

/**
 * signet_form_mark_row:
 * @row: a row of a form
 * @message: (nullable): why its input is wrong, or %NULL when it is right
 *
 * Marks the row in the error colour and tells why in its tooltip and to
 * assistive technologies; the editor also shows the reason beside its
 * Send button.
 */
void
signet_form_mark_row (GtkWidget *row, const char *message)
{
  const char *tooltip;

  g_return_if_fail (GTK_IS_WIDGET (row));

  /* The row's own tooltip comes back once the input is right. */
  if (g_object_get_data (G_OBJECT (row), "signet-form-tooltip") == NULL)
    {
      tooltip = gtk_widget_get_tooltip_text (row);
      g_object_set_data_full (G_OBJECT (row), "signet-form-tooltip",
                              g_strdup (tooltip != NULL ? tooltip : ""), g_free);
    }

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      tooltip = g_object_get_data (G_OBJECT (row), "signet-form-tooltip");
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, tooltip[0] != '\0' ? tooltip : NULL);
      if (tooltip[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        tooltip, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/**
 * signet_form_language_name:
 * @code: a language code of the service's e-mails
 *
 * Returns: the language's name in itself, as language pickers show it,
 *   or @code for one we do not know
 */
const char *
signet_form_language_name (const char *code)
{
  static const struct
  {
    const char *code;
    const char *name;
  } names[] = {
    { "sk", "Slovenčina" }, { "cs", "Čeština" }, { "en", "English" },   { "ro", "Română" },
    { "uk", "Українська" }, { "pl", "Polski" },  { "pt", "Português" }, { "hu", "Magyar" },
  };

  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].code, code))
      return names[i].name;
  return code;
}
