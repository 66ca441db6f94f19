#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a language in po/LINGUAS has an untranslated or fuzzy message,
measured against a template freshly extracted from the sources (so a new
string that nobody translated yet is caught, not only stale .po files)."""

import pathlib
import subprocess
import sys
import tempfile

from po_check import check_catalogue

REQUIRED = {"sk", "cs"}

# The same keywords as meson's i18n "glib" preset.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments=Translators",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
]


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    po = root / "po"
    linguas = set()
    for line in (po / "LINGUAS").read_text(encoding="utf-8").splitlines():
        linguas.update(w for w in line.split("#")[0].split())

    failures = []
    if not REQUIRED <= linguas:
        failures.append(f"po/LINGUAS must list {', '.join(sorted(REQUIRED))}; it lists {', '.join(sorted(linguas)) or 'nothing'}")

    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "signet.pot"
        subprocess.run(["xgettext", "--package-name=signet", f"--directory={root}",
                        f"--files-from={po / 'POTFILES.in'}", f"--output={pot}", *XGETTEXT_ARGS],
                       check=True)
        for lang in sorted(linguas):
            failures += check_catalogue(po / f"{lang}.po", pot, tmp, f"po/{lang}.po", "signet-update-po")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
