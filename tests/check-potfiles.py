#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in lists a file that does not exist."""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()

C_MARKERS = re.compile(r'\b(?:N?C?_|g_dngettext|ngettext|g_dpgettext2)\s*\(\s*(?:"|[A-Za-z_]+\s*,\s*")')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true)"')
DATA_SUFFIXES = (".desktop.in", ".desktop.in.in", ".metainfo.xml.in", ".metainfo.xml.in.in", ".gschema.xml")
SKIP_DIRS = {".git", "_build", "tests", "subprojects", ".flatpak-builder"}


def needs_translation(path: pathlib.Path) -> bool:
    name = path.name
    if name.endswith(DATA_SUFFIXES):
        return True
    if name.endswith((".c", ".h")):
        return bool(C_MARKERS.search(path.read_text(encoding="utf-8")))
    if name.endswith(".ui"):
        return bool(UI_MARKER.search(path.read_text(encoding="utf-8")))
    return False


def main() -> int:
    listed = set()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

    found = set()
    for top in ("src", "data"):
        for path in (root / top).rglob("*"):
            if any(part in SKIP_DIRS or part.startswith("_build") for part in path.relative_to(root).parts):
                continue
            if path.is_file() and needs_translation(path):
                found.add(path.relative_to(root).as_posix())

    missing = sorted(found - listed)
    absent = sorted(p for p in listed if not (root / p).is_file())

    for path in missing:
        print(f"po/POTFILES.in: missing {path}, which has translatable strings")
    for path in absent:
        print(f"po/POTFILES.in: lists {path}, which does not exist")
    print(f"{len(found)} files with translatable strings, {len(listed)} listed")
    return 1 if missing or absent else 0


if __name__ == "__main__":
    sys.exit(main())
