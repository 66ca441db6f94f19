# SPDX-License-Identifier: GPL-3.0-or-later
"""What check-translations.py (the program's messages) and check-help.py
(the help) share: how complete one language's catalogue is against a
freshly extracted template."""

import pathlib
import subprocess


def count(args) -> int:
    """The messages msgattrib prints with args, without the header."""
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if line.startswith("msgid ")) - (1 if out else 0)


def check_catalogue(src, pot, tmp, shown, update_target):
    """Merges the catalogue src (shown as `shown` in messages) with the
    template pot in the folder tmp, prints how much is translated, and
    returns the failures: missing, not well formed, untranslated or fuzzy
    messages (listed, with the meson target that updates src)."""
    if not src.is_file():
        return [f"{shown} is missing"]
    failures = []
    total = count(["msgattrib", "--no-obsolete", str(pot)])
    merged = pathlib.Path(tmp) / src.name
    subprocess.run(["msgmerge", "--quiet", "--output-file", str(merged), str(src), str(pot)], check=True)
    check = subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(merged)],
                           capture_output=True, text=True)
    if check.returncode != 0:
        failures.append(f"{shown}: msgfmt --check failed:\n{check.stderr}")
    untranslated = count(["msgattrib", "--untranslated", "--no-obsolete", str(merged)])
    fuzzy = count(["msgattrib", "--only-fuzzy", "--no-obsolete", str(merged)])
    lang = src.stem
    print(f"{lang}: {total - untranslated - fuzzy}/{total} translated, "
          f"{untranslated} untranslated, {fuzzy} fuzzy")
    if untranslated or fuzzy:
        listing = "".join(
            subprocess.run(["msgattrib", flag, "--no-obsolete", "--no-wrap", "--no-location", str(merged)],
                           capture_output=True, text=True).stdout
            for flag in ("--untranslated", "--only-fuzzy"))
        failures.append(f"{shown}: {untranslated} untranslated and {fuzzy} fuzzy messages; "
                        f"run `meson compile -C _build {update_target}` and translate them:\n{listing}")
    return failures
