#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The primary menu opens the About window, with version and release notes."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run, text_of  # noqa: E402

VERSION = "0.1.0"


def test(signet):
    frame = signet.find("frame", "Signet")
    signet.click(signet.find_button("Main Menu", root=frame))
    signet.click(signet.find("menu item", "About Signet"))

    about = signet.find("frame", "About")
    signet.find("label", "Signet", root=about)
    signet.find("label", "The Signet authors", root=about)
    signet.find("label", VERSION, root=about)
    signet.screenshot("about")

    # What's New shows the newest release of the metainfo, in the About
    # window's text view (GTK 4.8 gives its list row no click action).
    signet.find("list item", "What’s New", root=about)
    notes = signet.find("text", root=about,
                        predicate=lambda n: text_of(n).startswith(f"Version {VERSION}\n"))
    text = text_of(notes)
    check("The first release of Signet lays its foundation." in text, f"unexpected release notes: {text!r}")
    check("In English, Slovak and Czech" in text, f"the release notes lost their list: {text!r}")


run(test)
