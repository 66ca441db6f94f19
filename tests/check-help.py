#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the user's help (help/, docs/testing.md "The help"):

  validate      yelp-check validate over help/C and over the pages meson built
                for each language of help/LINGUAS, against the Mallard schema
                installed on this machine (the test fails if the schema would
                have to come from the network)
  translations  fails when a help string is untranslated or fuzzy in a language
                of help/LINGUAS (sk and cs must be there), measured against a
                template freshly extracted from help/C with itstool
  labels        every <gui> of help/C names a label Signet really shows: a
                string of the sources in po/POTFILES.in, or one listed below

Usage: check-help.py validate|translations|labels SOURCE-ROOT [BUILD-ROOT]"""

import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from po_check import check_catalogue

REQUIRED = {"sk", "cs"}
MALLARD = "{http://projectmallard.org/1.0/}"
SCHEMA_URI = "http://projectmallard.org/1.0/mallard-1.0.rng"
# <gui> words that are not Signet's own strings, and why.
FOREIGN_LABELS = {
    "Integration": "a section of the OKdokument web app's profile",
    "Sign": "the sandbox's signing page (plain HTML, English only)",
    "Round 2 of 3": "the format \"Round %u of %u\" filled in",
}


def linguas(root):
    found = set()
    for line in (root / "help" / "LINGUAS").read_text(encoding="utf-8").splitlines():
        found.update(line.split("#")[0].split())
    return found


def pages(directory):
    return sorted(directory.glob("*.page"))


def validate(root, build):
    failures = []
    # yelp-check builds its schema from mallard-1.0.rng through the XML
    # catalog; a catalog without it would send xmllint to the network.
    resolved = subprocess.run(["xmlcatalog", "--noout", "/etc/xml/catalog", SCHEMA_URI],
                              capture_output=True, text=True)
    # It answers "No entry for SYSTEM …" first, then the URI's entry.
    local = (resolved.stdout.strip().splitlines() or [""])[-1]
    if resolved.returncode != 0 or not local.startswith("file://") \
            or not pathlib.Path(local[len("file://"):]).is_file():
        return [f"the Mallard schema {SCHEMA_URI} does not resolve to a local file through "
                f"/etc/xml/catalog (got {local!r}); install mallard-rng (build-aux/dev deps)"]

    source_pages = [p.name for p in pages(root / "help" / "C")]
    directories = [root / "help" / "C"] + [build / "help" / lang for lang in sorted(linguas(root))]
    for directory in directories:
        found = [p.name for p in pages(directory)]
        if found != source_pages:
            failures.append(f"{directory} has {found}, not the pages of help/C {source_pages}")
            continue
        result = subprocess.run(["yelp-check", "validate", *found], cwd=directory,
                                capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        print(f"{directory}: {len(found)} pages, yelp-check validate exit {result.returncode}")
        if result.returncode != 0 or output:
            failures.append(f"yelp-check validate in {directory}:\n{output}")
    return failures


def translations(root, build):
    failures = []
    langs = linguas(root)
    if not REQUIRED <= langs:
        failures.append(f"help/LINGUAS must list {', '.join(sorted(REQUIRED))}; it lists "
                        f"{', '.join(sorted(langs)) or 'nothing'}")
    sources = [str(p) for p in pages(root / "help" / "C")] + [str(root / "help" / "C" / "legal.xml")]
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "help.pot"
        subprocess.run(["itstool", "-o", str(pot), *sources], check=True)
        for lang in sorted(langs):
            failures += check_catalogue(root / "help" / lang / f"{lang}.po", pot, tmp,
                                        f"help/{lang}/{lang}.po",
                                        f"help-io.github.signetapp.Signet-{lang}-update-po")
    return failures


def ui_strings(root):
    """Every msgid of the sources in po/POTFILES.in, without mnemonics."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "signet.pot"
        subprocess.run(["xgettext", f"--directory={root}", f"--files-from={root / 'po' / 'POTFILES.in'}",
                        "--from-code=UTF-8", "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                        "--keyword=NC_:1c,2", "--no-wrap", f"--output={pot}"], check=True)
        text = pot.read_text(encoding="utf-8")
    ids = re.findall(r'^msgid "(.*)"$', text, re.M)
    return {m.replace('\\"', '"').replace("_", "") for m in ids}


def labels(root, build):
    known = ui_strings(root)
    failures = []
    n = 0
    for page in pages(root / "help" / "C"):
        for gui in ET.parse(page).iter(f"{MALLARD}gui"):
            label = " ".join("".join(gui.itertext()).split())
            n += 1
            if label not in known and label not in FOREIGN_LABELS:
                failures.append(f"help/C/{page.name}: <gui>{label}</gui> is no label of Signet's sources")
    print(f"{n} <gui> labels checked")
    return failures


def main():
    check, root = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    build = pathlib.Path(sys.argv[3]).resolve() if len(sys.argv) > 3 else root / "_build"
    failures = {"validate": validate, "translations": translations, "labels": labels}[check](root, build)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
