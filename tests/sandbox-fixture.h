/* sandbox-fixture.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "signet-sandbox.h"

G_BEGIN_DECLS

#define TEST_KEY                                                                                   \
  "9668716b6_"                                                                                     \
  "1f40fc92da241684750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252a"
#define TEST_READ_ONLY_KEY "7796b696_readonly"

typedef struct
{
  SignetSandbox *sandbox;
  SoupSession   *session;
  const char    *base;
  /* A Portal: records the sendInfo callbacks and answers with callback_status. */
  SoupServer *portal;
  char       *portal_url;
  guint       callback_status;
  GPtrArray  *callbacks; /* JsonNode */
  const char *accept_language;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;
} Response;

void fixture_set_up (Fixture *fx, gconstpointer data);
void fixture_tear_down (Fixture *fx, gconstpointer data);

void response_free (Response *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

Response   *fixture_send (Fixture    *fx,
                          const char *method,
                          const char *path,
                          const char *key,
                          const char *content_type,
                          GBytes     *body,
                          const char *cookie);
JsonNode   *fixture_json (Fixture    *fx,
                          const char *method,
                          const char *path,
                          const char *body,
                          guint       expected_status);
JsonNode   *response_json (Response *response);
char       *response_text (Response *response);
Response   *fixture_post_form (Fixture *fx, const char *cookie, ...) G_GNUC_NULL_TERMINATED;
const char *json_member (JsonNode *node, const char *name);
char *fixture_create_tags (Fixture *fx, const char *extra_members, GBytes *pdf, char **document_id);
char *fixture_create (Fixture *fx, const char *extra_members, GBytes *pdf, char **document_id);
char *fixture_state (Fixture *fx, const char *document_id);
void  fixture_wait_state (Fixture *fx, const char *document_id, const char *state);
void  fixture_wait (gboolean *flag, guint seconds);
guint fixture_timeout (guint seconds);
GBytes *fixture_download (Fixture *fx, const char *document_id);

GBytes *make_pdf (const char *const *pages);
/* A PDF of one page that reads @text, and the same in base64. */
GBytes  *make_pdf_page (const char *text);
char    *pdf_page_base64 (const char *text);
GBytes  *make_pdf_with_signature_field (const char *name);
char    *pdf_text (GBytes *pdf, int page);
int      pdf_n_pages (GBytes *pdf);
gboolean pdf_find (GBytes *pdf, const char *text, int *page, double *x, double *top);
guint    pdf_count (GBytes *pdf, const char *text);
char    *base64_of (GBytes *bytes);

G_END_DECLS
