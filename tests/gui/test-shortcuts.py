#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ctrl+? opens the shortcuts window, and it lists every shortcut Signet has."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import run  # noqa: E402


def test(signet):
    signet.find("label", "No Documents Yet")
    signet.key("Control", "question")
    shortcuts = signet.find("frame", "Keyboard Shortcuts")
    for title in ("Show Shortcuts", "Close Window", "Quit", "Search", "Check States Now",
                  "Delete From Server", "Copy Signing Link"):
        signet.find("label", title, root=shortcuts)
    signet.screenshot("shortcuts")


run(test)
