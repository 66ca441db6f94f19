/* app-util.h
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "signet-application.h"

G_BEGIN_DECLS

/* Signet's application for the widget tests, registered and not unique
 * (@flags besides), once gtk_test_init() has run. */
SignetApplication *test_application_new (GApplicationFlags flags);

G_END_DECLS
