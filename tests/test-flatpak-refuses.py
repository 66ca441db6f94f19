#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""./build-aux/dev flatpak where flatpak-builder or the GNOME SDK and Platform are missing (as on
the project's machines): it exits with 2, names in one paragraph what is missing and the commands
that get it, and does nothing else: no file appears, nothing goes to the network. The script runs
from a copy of build-aux/dev and flatpak/ in a folder of its own, with the real flatpak
installations; what it should find missing is worked out here independently. Where nothing is
missing, `--check` must say so with 0 instead.

Usage: test-flatpak-refuses.py SOURCE-ROOT"""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

APP_ID = "io.github.signetapp.Signet.Devel"
FLATHUB = "https://dl.flathub.org/repo/flathub.flatpakrepo"
DEADLINE = 120  # seconds; checking the installations takes well under one


def installed(ref):
    if not shutil.which("flatpak"):
        return False
    return any(subprocess.run(["flatpak", "info", where, ref], capture_output=True).returncode == 0
               for where in ("--user", "--system"))


class ProxyTrap:
    """A listening socket that every HTTP client is told to use as its proxy; it counts the
    connections that reach it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    failures = []

    with tempfile.TemporaryDirectory(prefix="signet-flatpak-") as tmp:
        copy = pathlib.Path(tmp) / "signet"
        shutil.copytree(root / "build-aux", copy / "build-aux")
        shutil.copytree(root / "flatpak", copy / "flatpak")
        before = sorted(p.relative_to(copy) for p in copy.rglob("*"))

        version = json.loads((copy / "flatpak" / f"{APP_ID}.json").read_text(encoding="utf-8"))["runtime-version"]
        missing_refs = [ref for ref in (f"org.gnome.Sdk//{version}", f"org.gnome.Platform//{version}")
                        if not installed(ref)]
        missing_builder = shutil.which("flatpak-builder") is None

        trap = ProxyTrap()
        env = dict(os.environ)
        for name in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy"):
            env[name] = env[name.upper()] = trap.url
        env.pop("no_proxy", None)
        env.pop("NO_PROXY", None)

        nothing_missing = not missing_refs and not missing_builder
        command = [str(copy / "build-aux" / "dev"), "flatpak"] + (["--check"] if nothing_missing else [])
        print("missing here:", ", ".join(missing_refs + (["flatpak-builder"] if missing_builder else [])) or "nothing",
              "->", " ".join(command[1:]))
        try:
            result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp,
                                    stdin=subprocess.DEVNULL, timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            print(f"./build-aux/dev flatpak did not finish within {DEADLINE} s: it is doing work "
                  "(or waiting for the network) instead of refusing")
            return 1
        print(result.stderr)

        if nothing_missing:
            if result.returncode != 0:
                failures.append(f"--check exited with {result.returncode} with everything installed")
        else:
            if result.returncode != 2:
                failures.append(f"exited with {result.returncode}, not 2")
            lines = result.stderr.splitlines()
            commands = [line.strip() for line in lines if line.startswith("    ")]
            paragraph = " ".join(line for line in lines if not line.startswith("    "))
            if not lines or not lines[0].startswith("Cannot build the Flatpak"):
                failures.append("the message does not begin with what cannot be done")
            if any(not line.strip() for line in lines) or len(paragraph) < 80 or not result.stderr:
                failures.append("the message is not one paragraph followed by commands")
            for ref in missing_refs:
                if ref not in paragraph:
                    failures.append(f"the paragraph does not name {ref}")
            if missing_refs:
                for expected in (f"flatpak remote-add --user --if-not-exists flathub {FLATHUB}",
                                 "flatpak install --user flathub " + " ".join(missing_refs)):
                    if expected not in commands:
                        failures.append(f"no command `{expected}`")
            if missing_builder:
                if "flatpak-builder" not in paragraph:
                    failures.append("the paragraph does not name flatpak-builder")
                if "sudo apt-get install --no-install-recommends flatpak-builder" not in commands:
                    failures.append("no command that installs flatpak-builder")
            for ref in (f"org.gnome.Sdk//{version}", f"org.gnome.Platform//{version}"):
                if ref not in missing_refs and ref in paragraph:
                    failures.append(f"the paragraph calls {ref} missing, but it is installed")
        if result.stdout:
            failures.append(f"printed on stdout: {result.stdout!r}")

        after = sorted(p.relative_to(copy) for p in copy.rglob("*"))
        if after != before:
            failures.append("files appeared: " + ", ".join(str(p) for p in after if p not in before))
        if trap.connections:
            failures.append(f"{trap.connections} connection(s) went out through the proxy")
        trap.sock.close()

    print("\n".join(failures) if failures else "refused as expected, nothing built or downloaded")
    return 1 if failures else 0


sys.exit(main())
