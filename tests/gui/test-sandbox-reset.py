#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences → "Reset Sandbox…" on a seeded library: it asks first; then
the sandbox is empty on the same port, its documents have left the list
(the other environment's stays), and the signed copy in the archive stays
(docs/sandbox.md, "The built-in sandbox remembers")."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, n_actions  # noqa: E402
from signet_library import call, run_cases  # noqa: E402


def test_reset(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    url = signet.sandbox_url()
    status, listed = call(f"{url}/JSON/list/flat?state=*")
    check(status == 200 and len(listed) == 5, f"the sandbox listed {status} {listed!r} before the reset")
    archived = sorted(os.listdir(os.path.join(home, "archive")))
    check(archived, "the seed archived nothing")

    signet.key("Control", "comma")
    preferences = signet.find("frame", "Preferences")
    signet.click(signet.find_button("Reset Sandbox…", root=preferences))
    dialog = signet.find("dialog", "Reset the Sandbox?")
    signet.screenshot("preferences-reset-sandbox")
    # AdwMessageDialog's buttons are there twice (wide and narrow layouts);
    # the shown ones are named once (signet_name_mnemonic_buttons_once()).
    signet.click(signet.find("push button", "Reset", root=dialog, predicate=lambda n: n_actions(n)))
    signet.find_toast("The sandbox is empty again", root=preferences)
    signet.key("Escape")

    # The same address, nothing there; no "Gone" ghosts in the list.
    status, listed = call(f"{url}/JSON/list/flat?state=*")
    check(status == 200 and listed == [], f"the sandbox listed {status} {listed!r} after the reset")
    signet.find("list item", "All Documents, 1")
    check(sorted(os.listdir(os.path.join(home, "archive"))) == archived, "the archive changed")


run_cases([
    ("reset", {}, [test_reset]),
])
