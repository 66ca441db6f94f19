/* signet-request-validation.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-request-spec.h"

G_BEGIN_DECLS

/* What stops a request description from being sent. */

/**
 * SignetSpecProblem:
 * @property: the name of the property that is wrong, e.g. "sender-email"
 * @round: the index of the round it belongs to, or -1 for the whole request
 * @message: a translated sentence saying what is wrong and what to do
 *
 * One reason why a #SignetRequestSpec cannot be sent.
 */
typedef struct
{
  char *property;
  int   round;
  char *message;
} SignetSpecProblem;

#define SIGNET_TYPE_SPEC_PROBLEM (signet_spec_problem_get_type ())

GType              signet_spec_problem_get_type (void) G_GNUC_CONST;
SignetSpecProblem *signet_spec_problem_copy (const SignetSpecProblem *problem);
void               signet_spec_problem_free (SignetSpecProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSpecProblem, signet_spec_problem_free)

GPtrArray *signet_request_spec_validate (SignetRequestSpec *self, SignetInspection *inspection);

G_END_DECLS
