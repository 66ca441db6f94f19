#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The screenshots of the real job, for the metainfo and the README (called
by ./build-aux/dev screenshot inside the headless session):

  library.png       the sent documents in several states (signet --demo),
                    a signed one open beside the list
  editor.png        a document opened: the request editor beside its preview
  handover.png      after Send: the hand-over page with its QR code
  library-dark.png  the sent documents in the dark style

Each is of Signet's window alone, trimmed of the empty display around it.
All of it runs on the built-in sandbox: nothing leaves the computer."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "gui"))
from signet_atspi import Atspi, Signet, TestFailure  # noqa: E402

SIZE = {"window-width": "1180", "window-height": "720"}


def settings(dark=False):
    found = {"io/github/signetapp/Signet": {"environment": "'sandbox'", **SIZE,
                                            "default-sender-email": "'recepcia@example.sk'"}}
    if dark:
        found["org/gnome/desktop/interface"] = {"color-scheme": "'prefer-dark'"}
    return found


def save(signet, out, name):
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SIGNET_SCREENSHOT_DIR"] = tmp
        full = signet.screenshot(name)
        # Xvfb has no window manager: the window sits on a black root window.
        subprocess.run(["convert", str(full), "-trim", "+repage", os.path.join(out, f"{name}.png")],
                       check=True)
    print(f"saved {name}.png")


def row(signet, file_name):
    return signet.find("list item", predicate=lambda node: (node.get_name() or "").startswith(file_name + ","))


def library(signet, out, name):
    signet.click_at(row(signet, "Insurance policy.pdf"))
    signet.find("heading", "Insurance policy.pdf")
    save(signet, out, name)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    home = tempfile.mkdtemp(prefix="signet-screenshots-")
    try:
        # A first start fills the sandbox with documents in every state.
        signet = Signet("--sandbox", "--demo", home=home, settings=settings())
        try:
            # The demo signs, cancels and deletes through the sandbox, and
            # the tracker brings each change in: every state has its one.
            for group in ("Signed, 1", "Cancelled, 1", "Failed, 1", "Expired, 1"):
                signet.find("list item", group, timeout=120)
            library(signet, out, "library")
        finally:
            signet.close()

        # A contract opened as a person would, then sent.
        contract = os.path.join(home, "Zmluva o dielo.pdf")
        shutil.copy(os.path.join(home, "cache", "signet", "demo", "Kúpna zmluva.pdf"), contract)
        signet = Signet("--sandbox", contract, home=home, settings=settings())
        try:
            send = signet.find("push button", predicate=lambda node: re.fullmatch(
                r"Send( \d+ Requests?)?", node.get_name() or "") is not None)
            signet.find("label", "Zmluva o dielo.pdf")
            save(signet, out, "editor")
            signet.click(send)
            copy = signet.find_button("Copy Link")
            # The link, and so the QR code, is there once Copy Link works.
            signet.wait_until(lambda: copy.get_state_set().contains(Atspi.StateType.SENSITIVE),
                              "the hand-over page never got its link")
            # Its "Request sent" toast goes by itself; the picture is of the page.
            signet.wait_until(lambda: not [label for label in signet.find_all("label")
                                           if label.get_name() == "Request sent" and signet.is_visible(label)],
                              "the toast stayed", timeout=60)
            save(signet, out, "handover")
        finally:
            signet.close()

        signet = Signet("--sandbox", home=home, settings=settings(dark=True))
        try:
            library(signet, out, "library-dark")
        finally:
            signet.close()
    except TestFailure as failure:
        print(f"screenshot failed: {failure}", file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(home, ignore_errors=True)


main()
