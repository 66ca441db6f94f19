#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the program people run defines a symbol of test code.

`nm --defined-only` lists what the `signet` program itself defines (what it
imports from libc or GLib is undefined there and not listed). A symbol is test
code when one of its words is "test" or starts with it (test_send_cb,
signet_test_hooks_install, SignetTestHook, TESTING): the name is split at
underscores, digits and lower-to-upper case changes, so that words such as
"latest" (signet_metainfo_parse_latest_release) do not count."""

import re
import subprocess
import sys

WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def is_test_symbol(name: str) -> bool:
    return any(word.lower().startswith("test") for word in WORD.findall(name))


def main() -> int:
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} NM PROGRAM", file=sys.stderr)
        return 2
    nm, program = sys.argv[1:]
    listing = subprocess.run([nm, "--defined-only", program], check=True, capture_output=True,
                             text=True).stdout
    names = [line.split()[-1] for line in listing.splitlines() if len(line.split()) >= 3]
    found = sorted({name for name in names if is_test_symbol(name)})
    for name in found:
        print(f"{program} defines {name}: test code is compiled into the program")
    print(f"{len(names)} symbols defined, {len(found)} of test code")
    # The check itself: a name it must catch, and one it must let pass.
    assert is_test_symbol("signet_test_hooks_install") and is_test_symbol("SignetTestHooks")
    assert not is_test_symbol("signet_metainfo_parse_latest_release")
    return 1 if found or not names else 0


if __name__ == "__main__":
    sys.exit(main())
