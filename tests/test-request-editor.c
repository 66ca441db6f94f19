/* test-request-editor.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request editor's own logic, without a service: each queue entry's
 * request from its inspection and the defaults, what keeps Send off and
 * why, several signers, copying options and presets.
 */

#include "config.h"

#include "signet-field-value-row.h"
#include "signet-request-editor.h"
#include "signet-presets.h"
#include "signet-round-editor.h"

typedef struct
{
  GSettings         *settings;
  SignetIntakeQueue *queue;
  GtkWidget         *window;
  GtkWidget         *editor;
} EditorFixture;

static GFile *
data_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_BUILT, "data", name, NULL));
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static SignetIntakeItem *
add_ready (EditorFixture *ef, const char *name)
{
  g_autoptr (GFile) file = data_file (name);
  SignetIntakeItem *item = signet_intake_queue_add (ef->queue, file);

  while (signet_intake_item_get_state (item) == SIGNET_INTAKE_STATE_CHECKING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (signet_intake_item_get_state (item), ==, SIGNET_INTAKE_STATE_READY);
  iterate ();
  return item;
}

static gpointer
child (EditorFixture *ef, const char *name)
{
  return gtk_widget_get_template_child (ef->editor, SIGNET_TYPE_REQUEST_EDITOR, name);
}

/* The row below root that fills in value, if any. */
static GtkWidget *
find_value_row (GtkWidget *root, SignetFieldValue *value)
{
  if (SIGNET_IS_FIELD_VALUE_ROW (root)
      && signet_field_value_row_get_value (SIGNET_FIELD_VALUE_ROW (root)) == value)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_value_row (c, value);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fixture_set_up (EditorFixture *ef, gconstpointer data)
{
  ef->settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_set_string (ef->settings, "default-sender-email", "office@example.com");
  g_settings_set_string (ef->settings, "default-sender-name", "Front Desk");
  g_settings_set_string (ef->settings, "default-language", "cs");
  g_settings_set_uint (ef->settings, "default-expiry-hours", 72);
  ef->queue = signet_intake_queue_new ();
  ef->editor = signet_request_editor_new ();
  ef->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (ef->window), ef->editor);
  signet_request_editor_set_context (SIGNET_REQUEST_EDITOR (ef->editor), ef->settings, NULL, NULL);
  signet_request_editor_set_queue (SIGNET_REQUEST_EDITOR (ef->editor), ef->queue);
  gtk_window_present (GTK_WINDOW (ef->window));
}

static void
fixture_tear_down (EditorFixture *ef, gconstpointer data)
{
  g_auto (GStrv) keys = g_settings_schema_list_keys (g_settings_schema_source_lookup (
    g_settings_schema_source_get_default (), BASE_APPLICATION_ID, TRUE));

  gtk_window_destroy (GTK_WINDOW (ef->window));
  iterate ();
  g_clear_object (&ef->queue);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (ef->settings, keys[i]);
  g_clear_object (&ef->settings);
}

/* A file's request starts from what was found in it and the defaults; a
 * wrong address keeps Send off with the reason, and the row is marked. */
static void
test_defaults_and_problems (EditorFixture *ef, gconstpointer data)
{
  SignetRequestEditor *editor = SIGNET_REQUEST_EDITOR (ef->editor);
  g_autoptr (SignetIntakeItem) item = g_object_ref (add_ready (ef, "fields.pdf"));
  SignetRequestSpec *spec;
  SignetRoundSpec   *round;
  GtkWidget         *send_button = child (ef, "send_button");
  GtkWidget         *rounds_box = child (ef, "rounds_box");
  GtkWidget         *email_row;
  const char        *blocker;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (ef, "form_stack")), ==, "none");
  signet_request_editor_set_item (editor, item);
  iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (ef, "form_stack")), ==, "form");

  spec = signet_request_editor_get_spec (editor);
  g_assert_true (spec == signet_request_editor_spec_for_item (editor, item));
  g_assert_cmpint (signet_request_spec_get_signing_mode (spec), ==, SIGNET_SIGNING_MODE_FIELDS);
  g_assert_cmpstr (signet_request_spec_get_sender_email (spec), ==, "office@example.com");
  g_assert_cmpstr (signet_request_spec_get_sender_name (spec), ==, "Front Desk");
  g_assert_cmpstr (signet_request_spec_get_language (spec), ==, "cs");
  g_assert_cmpuint (signet_request_spec_get_expiry_hours (spec), ==, 72);
  g_assert_cmpuint (adw_combo_row_get_selected (child (ef, "mode_row")), ==,
                    SIGNET_SIGNING_MODE_FIELDS);
  g_assert_cmpstr (gtk_editable_get_text (child (ef, "sender_email_row")), ==,
                   "office@example.com");

  /* Without a connection Send stays off, and says why. */
  blocker = signet_request_editor_get_blocker (editor);
  g_assert_nonnull (blocker);
  g_assert_cmpstr (blocker, ==, "Signet is not connected to OKdokument yet");
  g_assert_false (gtk_widget_is_sensitive (send_button));

  /* A wrong address: the reason is the problem's, the row is marked. */
  round = signet_request_spec_get_round (spec, 0);
  signet_round_spec_set_signer_email (round, "jana@");
  iterate ();
  blocker = signet_request_editor_get_blocker (editor);
  g_assert_nonnull (blocker);
  g_assert_nonnull (strstr (blocker, "e-mail"));
  g_assert_cmpstr (gtk_label_get_text (child (ef, "problem_label")), ==, blocker);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (send_button), ==, blocker);
  email_row = (GtkWidget *) gtk_widget_get_template_child (gtk_widget_get_first_child (rounds_box),
                                                           SIGNET_TYPE_ROUND_EDITOR, "email_row");
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (email_row), ==, blocker);

  /* Typed right, the mark goes and the row's own tooltip comes back. */
  gtk_editable_set_text (GTK_EDITABLE (email_row), "jana@example.com");
  iterate ();
  g_assert_cmpstr (signet_round_spec_get_signer_email (round), ==, "jana@example.com");
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  g_assert_cmpstr (signet_request_editor_get_blocker (editor), ==,
                   "Signet is not connected to OKdokument yet");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (email_row), "signing link"));
}

/* Several signers: each gets the next field in reading order; back to one
 * signer keeps the first. */
static void
test_several_signers (EditorFixture *ef, gconstpointer data)
{
  SignetRequestEditor *editor = SIGNET_REQUEST_EDITOR (ef->editor);
  SignetIntakeItem    *item = add_ready (ef, "fields.pdf");
  AdwComboRow         *signers_row = child (ef, "signers_row");
  GtkWidget           *rounds_box = child (ef, "rounds_box");
  SignetRequestSpec   *spec;
  const char *const   *fields;
  guint                n_editors = 0;

  signet_request_editor_set_item (editor, item);
  iterate ();
  spec = signet_request_editor_get_spec (editor);

  adw_combo_row_set_selected (signers_row, 1);
  iterate ();
  g_assert_cmpuint (signet_request_spec_get_n_rounds (spec), ==, 2);
  fields = signet_round_spec_get_fields (signet_request_spec_get_round (spec, 0));
  g_assert_cmpstr (fields[0], ==, "SC_signature");
  g_assert_null (fields[1]);
  fields = signet_round_spec_get_fields (signet_request_spec_get_round (spec, 1));
  g_assert_cmpstr (fields[0], ==, "SO_witness");
  g_assert_null (fields[1]);
  for (GtkWidget *c = gtk_widget_get_first_child (rounds_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n_editors++;
  g_assert_cmpuint (n_editors, ==, 2);
  g_assert_true (gtk_widget_get_visible (child (ef, "add_round_button")));

  adw_combo_row_set_selected (signers_row, 0);
  iterate ();
  g_assert_cmpuint (signet_request_spec_get_n_rounds (spec), ==, 1);
  g_assert_false (gtk_widget_get_visible (child (ef, "add_round_button")));
}

/* With several ready files, one button sends them all; the options of one
 * can be copied to the others; presets keep options. */
static void
test_batch_copy_and_presets (EditorFixture *ef, gconstpointer data)
{
  SignetRequestEditor *editor = SIGNET_REQUEST_EDITOR (ef->editor);
  SignetIntakeItem    *first = add_ready (ef, "simple.pdf");
  SignetIntakeItem    *second = add_ready (ef, "tags.pdf");
  SignetRequestSpec   *spec;
  SignetRequestSpec   *other;
  g_autoptr (GError) error = NULL;

  signet_request_editor_set_item (editor, first);
  iterate ();
  g_assert_cmpstr (gtk_button_get_label (child (ef, "send_button")), ==, "Send 2 Requests");

  spec = signet_request_editor_get_spec (editor);
  other = signet_request_editor_spec_for_item (editor, second);
  g_assert_cmpint (signet_request_spec_get_signing_mode (other), ==, SIGNET_SIGNING_MODE_TAGS);
  signet_request_spec_set_message (spec, "Please sign today");
  signet_request_spec_set_no_mouse_signing (spec, TRUE);
  g_assert_true (gtk_widget_activate_action (ef->editor, "editor.apply-to-all", NULL));
  iterate ();
  g_assert_cmpstr (signet_request_spec_get_message (other), ==, "Please sign today");
  g_assert_true (signet_request_spec_get_no_mouse_signing (other));
  /* What belongs to one file stays with it. */
  g_assert_cmpint (signet_request_spec_get_signing_mode (other), ==, SIGNET_SIGNING_MODE_TAGS);

  /* A preset saved from one request applies to another. */
  g_assert_true (signet_presets_save (ef->settings, "Branch office", spec, &error));
  g_assert_no_error (error);
  signet_request_editor_set_item (editor, second);
  iterate ();
  g_assert_true (signet_request_editor_get_spec (editor) == other);
  signet_request_spec_set_message (other, NULL);
  signet_request_spec_set_no_mouse_signing (other, FALSE);
  g_assert_true (
    gtk_widget_activate_action (ef->editor, "editor.apply-preset", "s", "Branch office"));
  iterate ();
  g_assert_cmpstr (signet_request_spec_get_message (other), ==, "Please sign today");
  g_assert_true (gtk_switch_get_active (child (ef, "no_mouse_switch")));
  g_assert_true (
    gtk_widget_activate_action (ef->editor, "editor.delete-preset", "s", "Branch office"));
  {
    g_auto (GStrv) names = signet_presets_list (ef->settings);

    g_assert_true (names == NULL || names[0] == NULL);
  }
}

static gpointer
row_child (GtkWidget *row, const char *name)
{
  return gtk_widget_get_template_child (row, SIGNET_TYPE_FIELD_VALUE_ROW, name);
}

/* A form field added by name gets a row (a template) bound to its value
 * and read-only flag, whose button removes it again. */
static void
test_field_values (EditorFixture *ef, gconstpointer data)
{
  SignetRequestEditor *editor = SIGNET_REQUEST_EDITOR (ef->editor);
  SignetIntakeItem    *item = add_ready (ef, "fields.pdf");
  AdwExpanderRow      *field_values_row = child (ef, "field_values_row");
  GtkWidget           *add_field_row = child (ef, "add_field_row");
  GListModel          *values;
  g_autoptr (SignetFieldValue) value = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget       *row;
  guint            n;

  signet_request_editor_set_item (editor, item);
  iterate ();
  values = signet_request_spec_get_field_values (signet_request_editor_get_spec (editor));
  n = g_list_model_get_n_items (values);

  gtk_editable_set_text (GTK_EDITABLE (add_field_row), "  Contract number ");
  g_signal_emit_by_name (add_field_row, "apply");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_field_row)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (values), ==, n + 1);
  value = g_list_model_get_item (values, n);
  g_assert_cmpstr (signet_field_value_get_name (value), ==, "Contract number");
  subtitle = g_strdup_printf ("%u field%s filled in", n + 1, n + 1 == 1 ? "" : "s");
  g_assert_cmpstr (adw_expander_row_get_subtitle (field_values_row), ==, subtitle);

  row = find_value_row (GTK_WIDGET (field_values_row), value);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Contract number");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (row, "remove_button")), ==,
                   "Remove “Contract number”");

  /* Both ways: typed into the row, and set on the value. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2026/14");
  g_assert_cmpstr (signet_field_value_get_value (value), ==, "2026/14");
  gtk_toggle_button_set_active (row_child (row, "lock_button"), TRUE);
  g_assert_true (signet_field_value_get_read_only (value));
  signet_field_value_set_value (value, "2026/15");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2026/15");

  g_signal_emit_by_name (row_child (row, "remove_button"), "clicked");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (values), ==, n);
  g_assert_null (find_value_row (GTK_WIDGET (field_values_row), value));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func)                                                                            \
  g_test_add (path, EditorFixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/request-editor/defaults-and-problems", test_defaults_and_problems);
  ADD ("/request-editor/several-signers", test_several_signers);
  ADD ("/request-editor/batch-copy-and-presets", test_batch_copy_and_presets);
  ADD ("/request-editor/field-values", test_field_values);
#undef ADD

  return g_test_run ();
}
