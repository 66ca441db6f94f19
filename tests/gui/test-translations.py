#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signet speaks Slovak and Czech when the session does."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Signet, TestFailure  # noqa: E402

EXPECTED = {
    "sk": ("Zatiaľ žiadne dokumenty", "Hlavná ponuka"),
    "cs": ("Zatím žádné dokumenty", "Hlavní nabídka"),
}

failed = False
for language, (title, menu) in EXPECTED.items():
    signet = Signet(env={"LANGUAGE": language})
    try:
        signet.find("label", title)
        signet.find_button(menu)
        signet.screenshot(f"empty-state-{language}")
        print(f"PASS {language}")
    except TestFailure as failure:
        print(f"FAIL {language}: {failure}\n{signet.output()}")
        failed = True
    finally:
        signet.close()

sys.exit(1 if failed else 0)
