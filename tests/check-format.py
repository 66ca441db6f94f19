#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a C file under src/, tests/ or bench/ does not follow .clang-format.
Fix with: clang-format -i FILE…"""

import pathlib
import subprocess
import sys

clang_format, root = sys.argv[1], pathlib.Path(sys.argv[2])
files = sorted(str(p) for top in ("src", "tests", "bench") if (root / top).is_dir()
               for p in (root / top).rglob("*.[ch]"))
result = subprocess.run([clang_format, "--dry-run", "--Werror", *files], capture_output=True, text=True)
print(result.stderr[:20000])
print(f"{len(files)} C files checked")
sys.exit(result.returncode)
