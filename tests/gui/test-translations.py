#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signet speaks Slovak and Czech when the session does."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import run_each  # noqa: E402

EXPECTED = {
    "sk": ("Zatiaľ žiadne dokumenty", "Hlavná ponuka"),
    "cs": ("Zatím žádné dokumenty", "Hlavní nabídka"),
}


def test(signet, language):
    title, menu = EXPECTED[language]
    signet.find("label", title)
    signet.find_button(menu)
    signet.screenshot(f"empty-state-{language}")


run_each([(language, {"env": {"LANGUAGE": language}}) for language in EXPECTED], test)
