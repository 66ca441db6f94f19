#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signet follows the system's style: light by default, dark when the
desktop prefers dark (org.gnome.desktop.interface color-scheme)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run_each  # noqa: E402

# A point inside the window's content, away from the text and the icon.
SAMPLE = (120, 600)


def test(signet, scheme):
    signet.find("label", "No Documents Yet")
    shot = signet.screenshot(f"style-{scheme}")
    r, g, b = signet.pixel(shot, *SAMPLE)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    dark = scheme == "prefer-dark"
    check((luminance < 0.3) if dark else (luminance > 0.8),
          f"color-scheme {scheme}: the window background has luminance {luminance:.2f}")
    print(f"{scheme}: luminance {luminance:.2f}")


run_each([(scheme, {"settings": {"org/gnome/desktop/interface": {"color-scheme": f"'{scheme}'"}}})
          for scheme in ("default", "prefer-dark")], test)
