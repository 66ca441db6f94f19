#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts Signet, waits for its main window and saves a PNG of it alone
(called by ./build-aux/dev screenshot inside the headless session)."""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "gui"))
from signet_atspi import Signet  # noqa: E402

out = sys.argv[1]
signet = Signet()
try:
    signet.find("label", "No Documents Yet")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SIGNET_SCREENSHOT_DIR"] = tmp
        full = signet.screenshot("screen")
        # Xvfb has no window manager: the window sits on a black root window.
        subprocess.run(["convert", str(full), "-trim", "+repage", out], check=True)
finally:
    signet.close()
