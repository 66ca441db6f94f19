#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fresh Signet shows its main window with the empty state."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import run  # noqa: E402


def test(signet):
    frame = signet.find("frame", "Signet")
    signet.wait_visible(signet.find("label", "No Documents Yet", root=frame))
    signet.wait_visible(signet.find("label", "Drop documents here to send them out for signature", root=frame))
    signet.wait_visible(signet.find_button("Main Menu", root=frame))
    signet.screenshot("empty-state")


run(test)
