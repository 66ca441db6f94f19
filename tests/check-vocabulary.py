#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the sources name a document's state outside docs/vocabulary.md:
a retired name (the page's last section) as a string of the GUI, a state
string with the "document state" or "document group" context that the
states table does not list, or a bare translatable state word that should
come from signet_state_get_name()."""

import pathlib
import re
import sys


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    page = (root / "docs" / "vocabulary.md").read_text(encoding="utf-8")

    # The states table: the English column.
    table = page.split("<!-- states:", 1)[1]
    english = set()
    for line in table.splitlines()[1:]:
        if not line.startswith("|"):
            if english:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] in ("group",) or cells[0].startswith("---"):
            continue
        english.add(cells[1])
    if len(english) != 7:
        print(f"docs/vocabulary.md: expected 7 states, found {sorted(english)}")
        return 1
    allowed = english | {"All Documents", "Sent Elsewhere"}

    retired_part = page.split("## Retired names", 1)[1]
    retired = re.findall(r"“([^”]+)”|\"([^\"]+)\"", retired_part)
    retired = {a or b for a, b in retired}
    if not retired:
        print("docs/vocabulary.md: no retired names found")
        return 1

    failures = []
    sources = [p for p in (root / "src" / "gui").rglob("*") if p.suffix in (".c", ".ui")]
    sources += [p for p in (root / "src" / "core").rglob("*.c")]
    context_re = re.compile(r'N?C_\s*\(\s*"document (?:state|group)"\s*,\s*"([^"]*)"\s*\)')
    bare_re = re.compile(r'(?<![A-Za-z_])N?_\s*\(\s*"([^"]*)"\s*\)')
    ui_re = re.compile(r'translatable="yes"[^>]*>([^<]*)<')
    for path in sorted(sources):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root)
        for m in context_re.finditer(text):
            if m.group(1) not in allowed:
                failures.append(f"{rel}: state name “{m.group(1)}” is not in docs/vocabulary.md")
        strings = [m.group(1) for m in bare_re.finditer(text)]
        # The archive's folder is called "Signed" too, but it is a folder.
        strings += [m.group(2) for m in re.finditer(r'C_\s*\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)', text)
                    if m.group(1) not in ("archive folder", "document state", "document group")]
        strings += [m.group(1) for m in ui_re.finditer(text)]
        for s in strings:
            if s in retired:
                failures.append(f"{rel}: retired state name “{s}”")
            # A state's word alone, translated here instead of taken from
            # signet_state_get_name(): it would drift from the vocabulary.
            if s in english and path.name != "signet-state-name.c":
                failures.append(f"{rel}: “{s}” names a state; use signet_state_get_name()")
    for failure in failures:
        print(failure)
    print(f"{len(sources)} files checked against {len(english)} states and {len(retired)} retired names")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
