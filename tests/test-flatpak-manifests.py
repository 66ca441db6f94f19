#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The two Flatpak manifests as flatpak-builder reads them (--show-manifest, warnings fatal):
the release one builds Signet from its git tag, the development one (app id ….Devel) from the
checkout, and apart from that the two are the same. Neither asks for more of the desk than
Signet needs (docs/releasing.md). The templates for publishing the repository (.flatpakrepo
and .flatpakref) point at the release's app id and branch.

Usage: test-flatpak-manifests.py FLATPAK-BUILDER SOURCE-ROOT"""

import configparser
import copy
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

BASE_ID = "io.github.signetapp.Signet"
GIT_URL = "https://github.com/signetapp/signet.git"
# Permissions Signet must never ask for: the whole home or host, the session or
# system bus, every device, or a way out of the sandbox.
FORBIDDEN = re.compile(r"^--(filesystem=(home|host|host-os|host-etc|~|/)|socket=(x11|session-bus|system-bus)"
                       r"|device=all|talk-name=org\.freedesktop\.Flatpak)")
REQUIRED = ["--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def show_manifest(flatpak_builder, path):
    env = dict(os.environ, G_DEBUG="fatal-warnings")
    result = subprocess.run([flatpak_builder, "--show-manifest", str(path)],
                            capture_output=True, text=True, env=env, timeout=60)
    if not check(result.returncode == 0 and not result.stderr.strip(),
                 f"flatpak-builder --show-manifest {path.name} failed ({result.returncode}): {result.stderr}"):
        return None
    return json.loads(result.stdout)


def signet_module(manifest, name):
    module = manifest["modules"][-1]
    check(module.get("name") == "signet", f"{name}: the last module is {module.get('name')!r}, not signet")
    check(module.get("buildsystem") == "meson", f"{name}: signet is not built with meson")
    check("-Dtests=false" in module.get("config-opts", []), f"{name}: signet's tests are built")
    return module


def check_common(manifest, name, app_id):
    check(manifest.get("id") == app_id, f"{name}: id is {manifest.get('id')!r}, not {app_id}")
    check(manifest.get("command") == "signet", f"{name}: command is {manifest.get('command')!r}")
    check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
          f"{name}: not on the GNOME runtime")
    check(re.fullmatch(r"\d+", str(manifest.get("runtime-version", ""))),
          f"{name}: runtime-version {manifest.get('runtime-version')!r} is not a GNOME version")
    args = manifest.get("finish-args", [])
    for arg in args:
        check(not FORBIDDEN.match(arg), f"{name}: asks for {arg}")
        if arg.startswith("--filesystem="):
            check(arg.startswith("--filesystem=xdg-documents/"),
                  f"{name}: {arg} is more than a folder of its own under Documents")
    for arg in REQUIRED:
        check(arg in args, f"{name}: {arg} is missing from finish-args")
    # Signature checks need poppler's crypto backend (docs/evidence.md).
    for module in manifest.get("modules", []):
        if isinstance(module, dict) and module.get("name") == "poppler":
            for flag in ("-DENABLE_NSS3=OFF", "-DENABLE_GPGME=OFF"):
                check(flag not in module.get("config-opts", []),
                      f"{name}: poppler is built with {flag}: every signature would be not checked")


def main():
    flatpak_builder, root = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    if not shutil.which(flatpak_builder):
        print(f"flatpak-builder ({flatpak_builder}) is not installed: run ./build-aux/dev deps, "
              "which installs it.")
        return 1
    release_path = root / "flatpak" / f"{BASE_ID}.json"
    devel_path = root / "flatpak" / f"{BASE_ID}.Devel.json"
    release = show_manifest(flatpak_builder, release_path)
    devel = show_manifest(flatpak_builder, devel_path)
    if release is None or devel is None:
        print("\n".join(failures))
        return 1

    check_common(release, release_path.name, BASE_ID)
    check_common(devel, devel_path.name, BASE_ID + ".Devel")
    release_signet = signet_module(release, release_path.name)
    devel_signet = signet_module(devel, devel_path.name)

    # The release: Signet from its tag, with the placeholders that
    # ./build-aux/dev flatpak --release TAG fills in.
    dev_script = (root / "build-aux" / "dev").read_text(encoding="utf-8")
    sources = release_signet.get("sources", [])
    if check(len(sources) == 1 and sources[0].get("type") == "git",
             f"release: signet's sources are {sources}, not one git source"):
        source = sources[0]
        check(source.get("url") == GIT_URL, f"release: signet comes from {source.get('url')}")
        for key, placeholder in (("tag", "@TAG@"), ("commit", "@COMMIT@")):
            check(source.get(key) == placeholder, f"release: {key} is {source.get(key)!r}, not {placeholder}")
            check(placeholder in dev_script, f"build-aux/dev does not fill in {placeholder}")
    check("-Ddevelopment=true" not in release_signet.get("config-opts", []),
          "release: built with the development profile")

    # The nightly: the checkout, minus what is built in it.
    sources = devel_signet.get("sources", [])
    if check(len(sources) == 1 and sources[0].get("type") == "dir",
             f"Devel: signet's sources are {sources}, not one dir source"):
        source = sources[0]
        check((devel_path.parent / source.get("path", "")).resolve() == root,
              f"Devel: the dir source {source.get('path')!r} is not the checkout")
        skip = set(source.get("skip", []))
        built_here = set(re.findall(r'"\$ROOT/(_build[\w-]*)"', dev_script))
        check(built_here, "no build directory found in build-aux/dev")
        for path in sorted(built_here | {".git", ".flatpak-builder"}):
            check(path in skip, f"Devel: the dir source copies {path} into the build")
    check(devel_signet.get("config-opts") == release_signet.get("config-opts", []) + ["-Ddevelopment=true"],
          f"Devel: config-opts {devel_signet.get('config-opts')} are not the release's "
          "plus -Ddevelopment=true")
    check("option('development'" in (root / "meson_options.txt").read_text(encoding="utf-8"),
          "meson_options.txt has no development option")

    # Everything else is the same.
    a, b = copy.deepcopy(release), copy.deepcopy(devel)
    for manifest in (a, b):
        del manifest["id"]
        manifest.pop("desktop-file-name-suffix", None)
        for key in ("sources", "config-opts"):
            manifest["modules"][-1].pop(key, None)
    differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    check(not differing, "the manifests differ in more than the id, the desktop name's suffix and "
          f"signet's sources and options: in {', '.join(differing)}")

    # The publishing templates: placeholders for what only the publisher knows.
    for name, group in (("signet.flatpakrepo", "Flatpak Repo"), (f"{BASE_ID}.flatpakref", "Flatpak Ref")):
        keyfile = configparser.ConfigParser(interpolation=None)
        keyfile.optionxform = str
        keyfile.read(root / "flatpak" / name, encoding="utf-8")
        if check(keyfile.has_section(group), f"{name}: no [{group}] group"):
            entries = keyfile[group]
            check(entries.get("Url") == "@REPO_URL@", f"{name}: Url is not the @REPO_URL@ placeholder")
            check(entries.get("GPGKey") == "@GPG_KEY_BASE64@", f"{name}: GPGKey is not the placeholder")
            check(entries.get("Title") == "Signet", f"{name}: Title is {entries.get('Title')!r}")
            if group == "Flatpak Ref":
                check(entries.get("Name") == BASE_ID, f"{name}: Name is {entries.get('Name')!r}")
                check(entries.get("Branch") == "stable" and "branch=stable" in dev_script,
                      f"{name}: Branch {entries.get('Branch')!r} is not the release's (stable)")
                check(entries.get("RuntimeRepo") == "https://dl.flathub.org/repo/flathub.flatpakrepo",
                      f"{name}: the runtime does not come from Flathub")

    print("\n".join(failures) if failures else "both manifests and the templates as expected")
    return 1 if failures else 0


sys.exit(main())
