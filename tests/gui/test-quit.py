#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ctrl+Q quits Signet, and Ctrl+W closes its window (and so quits it too)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run  # noqa: E402


def quit_with(key):
    def test(signet):
        signet.find("label", "No Documents Yet")
        signet.key("Control", key)
        rc = signet.wait_exit()
        check(rc == 0, f"Ctrl+{key.upper()}: signet {signet.ended()}")
    return test


run(quit_with("q"))
run(quit_with("w"))
