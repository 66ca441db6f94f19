#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when two mnemonics shown together could clash (issue 26,
docs/keyboard.md), in English and in every language of po/LINGUAS.

A mnemonic is the underlined letter of a label with use-underline: Alt and
that letter move the focus to its field. Two labels on one page with the
same letter make Alt+letter cycle between them instead, so each page's
letters must differ, and each translation picks its own. Checked for each
label with use-underline in the .ui files of a page:
- the English label and each translation have exactly one underscore,
  before a letter (a translation without one loses the mnemonic);
- no two labels of one page share a letter, in English or in a language.

A page is the .ui files shown at the same time (PAGES); every other .ui
file is a page of its own. A label repeated on purpose (each signer of a
request has its own "Name", one editor per signer) is counted once: GTK
cycles between the copies, which is what a person wants there.
"""

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# The .ui files whose widgets are on screen together.
PAGES = {
    "the queue and the request editor": [
        "src/gui/signet-window.ui", "src/gui/signet-intake-row.ui", "src/gui/signet-pdf-view.ui",
        "src/gui/signet-request-editor.ui", "src/gui/signet-round-editor.ui",
    ],
    "the sent documents": [
        "src/gui/signet-window.ui", "src/gui/signet-library-view.ui",
        "src/gui/signet-document-page.ui", "src/gui/signet-document-row.ui",
    ],
}
MNEMONIC = re.compile(r"_(.)")


def mnemonic_labels(path):
    """(context, text) of every translatable label of path with use-underline."""
    labels = []
    for obj in ET.parse(path).iter("object"):
        props = {p.get("name"): p for p in obj.findall("property")}
        underline = props.get("use-underline")
        if underline is None or underline.text.strip().lower() not in ("true", "1", "yes"):
            continue
        for name in ("title", "label"):
            prop = props.get(name)
            if prop is not None and prop.get("translatable") == "yes":
                labels.append((prop.get("context"), prop.text))
    template = ET.parse(path).getroot().find("template")
    if template is not None:
        props = {p.get("name"): p for p in template.findall("property")}
        if "use-underline" in props and "title" in props:
            labels.append((props["title"].get("context"), props["title"].text))
    return labels


def unquote(lines):
    return "".join(re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                          line[1:-1]) for line in lines)


def read_po(path):
    """{(context, msgid): msgstr} of the catalogue path (singular messages)."""
    catalogue = {}
    entry, key = {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if "msgid" in entry and "msgstr" in entry:
                catalogue[(unquote(entry.get("msgctxt", [])) or None, unquote(entry["msgid"]))] = \
                    unquote(entry["msgstr"])
            if not line:
                entry, key = {}, None
            continue
        match = re.match(r'^(msgctxt|msgid|msgstr)\s+(".*")$', line)
        if match:
            key = match.group(1)
            entry[key] = [match.group(2)]
        elif line.startswith('"') and key:
            entry[key].append(line)
        else:
            key = None  # msgid_plural, msgstr[n]: not used by .ui labels
    return catalogue


def letter(text):
    """The mnemonic letter of text (lower case), or a reason it has none."""
    found = MNEMONIC.findall(text.replace("__", ""))
    if len(found) != 1:
        return None, f"{len(found)} underscores"
    if not found[0].isalnum():
        return None, f"an underscore before {found[0]!r}"
    return found[0].lower(), None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    languages = []
    for line in (root / "po" / "LINGUAS").read_text(encoding="utf-8").splitlines():
        languages += line.split("#")[0].split()
    catalogues = {lang: read_po(root / "po" / f"{lang}.po") for lang in languages}

    pages = dict(PAGES)
    grouped = {f for files in PAGES.values() for f in files}
    for ui in sorted((root / "src").rglob("*.ui")):
        shown = str(ui.relative_to(root))
        if shown not in grouped:
            pages[shown] = [shown]

    failures = []
    counted = 0
    for page, files in pages.items():
        labels = []
        for shown in files:
            for label in mnemonic_labels(root / shown):
                if label not in labels:
                    labels.append(label)
        if not labels:
            continue
        for lang in ["C"] + languages:
            seen = {}
            for context, text in labels:
                shown_text = text
                if lang != "C":
                    shown_text = catalogues[lang].get((context, text), "")
                    if not shown_text:
                        failures.append(f"{lang}: {text!r} ({page}) is not translated")
                        continue
                key, problem = letter(shown_text)
                if problem:
                    failures.append(f"{lang}: {shown_text!r} ({page}) has {problem}")
                    continue
                if key in seen:
                    failures.append(f"{lang}: on {page}, {seen[key]!r} and {shown_text!r} "
                                    f"both use Alt+{key.upper()}")
                seen[key] = shown_text
                counted += 1
    for failure in failures:
        print(failure)
    print(f"{counted} mnemonics checked in C and {', '.join(languages)}; {len(failures)} problems")
    return 1 if failures else 0


sys.exit(main())
