#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window's watched folder (docs/watched-folder.md): with a folder set
through GSettings, a PDF dropped into it is sent through the window's
journal and outbox to the built-in sandbox, filed into Sent/ with its note,
and shown in the library; Preferences › Watched Folder shows the folder and
Stop Watching turns it off."""

import os
import shutil
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run_each  # noqa: E402

DATA = os.environ["SIGNET_TEST_DATA"]
ENV = {"SIGNET_SANDBOX_BIN": os.environ["SIGNET_SANDBOX_BIN"]}


FOLDER = tempfile.mkdtemp(prefix="signet-watched-")
SETTINGS = {"io/github/signetapp/Signet": {"environment": "'sandbox'",
                                           "watched-folder": f"'{FOLDER}'"}}


def test(signet, case):
    folder = FOLDER
    try:
        signet.find("frame", "Signet")
        # Written elsewhere, then renamed in: it appears whole, as a scanner's does.
        staging = os.path.join(os.path.dirname(folder), os.path.basename(folder) + "-staging.pdf")
        shutil.copy(os.path.join(DATA, "simple.pdf"), staging)
        os.rename(staging, os.path.join(folder, "Watched scan.pdf"))

        note = os.path.join(folder, "Sent", "Watched scan.txt")
        signet.wait_until(lambda: os.path.exists(os.path.join(folder, "Sent", "Watched scan.pdf")),
                          "the dropped file was not filed into Sent/", timeout=60)
        with open(note, encoding="utf-8") as f:
            text = f.read()
        link = text.split("Signing link: ", 1)[1].strip()
        check(link.startswith("http://127.0.0.1:") and "/openDocument/" in link,
              f"the note's link: {text!r}")
        url = link.split("/openDocument/")[0]
        with urllib.request.urlopen(url + "/sandbox/requests/" + link.rsplit("/", 1)[1]) as answer:
            check(answer.status == 200, "the sandbox does not have the request")
        check(sorted(os.listdir(folder)) == ["Sent"], f"left in the folder: {os.listdir(folder)}")
        signet.find("label", "Watched scan.pdf")

        signet.key("Control", "comma")
        preferences = signet.find("frame", "Preferences")
        signet.find("label", "Watched Folder", root=preferences)
        signet.find("label", folder, root=preferences)
        signet.click(signet.find_button("Stop Watching", root=preferences))
        signet.find("label", "Off: choose a folder to send every PDF put into it", root=preferences)
        signet.wait_until(lambda: "watched-folder=''" in signet.keyfile.read_text(),
                          "Stop Watching did not clear the setting")

        # A folder that is not there (the key file is watched): the group
        # says why nothing is sent.
        missing = folder + "-gone"
        signet.keyfile.write_text(signet.keyfile.read_text().replace(
            "watched-folder=''", f"watched-folder='{missing}'"))
        signet.find("label", root=preferences, predicate=lambda n: (n.get_name() or "").startswith(
            f"The watched folder “{missing}” is not there any more."))
        signet.screenshot("preferences-watched-folder-problem")

        # Set again, then no window at all: with background tracking on (the
        # default) Signet stays and goes on watching.
        signet.keyfile.write_text(signet.keyfile.read_text().replace(
            f"watched-folder='{missing}'", f"watched-folder='{folder}'"))
        signet.find("label", folder, root=preferences)
        signet.key("Escape")
        signet.find("frame", "Signet")
        signet.key("Control", "w")
        signet.wait_until(lambda: not signet.windows(), "the main window did not close")
        shutil.copy(os.path.join(DATA, "fields.pdf"), staging)
        os.rename(staging, os.path.join(folder, "After closing.pdf"))
        signet.wait_until(lambda: os.path.exists(os.path.join(folder, "Sent", "After closing.txt"))
                          and os.path.exists(os.path.join(folder, "Sent", "After closing.pdf")),
                          "a file dropped with no window open was not sent", timeout=60)
        check(signet.process.poll() is None, "Signet ended with its last window")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    run_each([("a file dropped into the watched folder",
               {"args": ["--sandbox"], "env": ENV, "settings": SETTINGS})], test)
