#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The primary menu opens the About window, with version and release notes."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run  # noqa: E402

VERSION = "0.1.0"


def test(signet):
    frame = signet.find("frame", "Signet")
    signet.click(signet.find_button("Main Menu", root=frame))
    item = signet.find("menu item", "About Signet")
    signet.click(item)

    about = signet.find("dialog", predicate=lambda n: n.get_name() != "Signet" or True,
                        root=None)
    signet.find("label", VERSION, root=about)
    signet.find("label", "Signet", root=about)
    # What's New comes from the metainfo's newest release.
    signet.click(signet.find("push button", predicate=lambda n: "New" in (n.get_name() or ""), root=about))
    signet.find("label", root=about,
                predicate=lambda n: "lays its foundation" in (n.get_name() or ""))
    signet.screenshot("about")


run(test)
