#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The evidence of a signed document (docs/evidence.md) in the window: the
detail page's signature line in plain words with the certificate a click
away; "Check a Signed Document…" with the archived copy (identical, valid)
and a copy changed after signing (caught); the archived copy itself changed,
then Check Again: the page says so and the library flags the row."""

import glob
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import signet_atspi  # noqa: E402
from gi.repository import GLib  # noqa: E402
from signet_atspi import TestFailure, check  # noqa: E402
from signet_library import open_document, run_cases, type_text  # noqa: E402

signet_atspi.KEYSYMS.setdefault("l", 0x6C)

SIGNED = "Insurance policy.pdf"
DEMO_SIGNER = "Signet Sandbox Demo Signer"
CHANGED = "Changed after signing: this is not the file that was signed"


def label_where(signet, predicate, what):
    return signet.find("label", predicate=lambda n: predicate(n.get_name() or ""),
                       timeout=60) or check(False, what)


def archived_copy(home):
    (path,) = glob.glob(os.path.join(home, "archive", "*.pdf"))
    return path


def test_signature_line(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    open_document(signet, SIGNED, "Insurance")
    label_where(signet, lambda name: name.startswith(f"Signed by {DEMO_SIGNER} on ")
                and name.endswith("; not changed since"), "no signature line")
    signet.find("label", "Issued by an authority this computer does not know")
    signet.screenshot("detail-evidence")
    # The certificate a click away.
    signet.click(signet.find_button("Signature Details"))
    signet.find("label", DEMO_SIGNER)
    signet.screenshot("detail-evidence-details")
    signet.key("Escape")


def chooser(signet):
    for window in signet.windows():
        try:
            if window is not None and window.get_name() == "Choose a Signed Document":
                return window
        except GLib.Error:  # a window going away
            continue
    return None


def check_file(signet, path):
    signet.click(signet.find_button("Choose File…"))
    window = signet.wait_until(lambda: chooser(signet), "the file chooser did not open")
    signet.key("Control", "l")
    type_text(path)
    signet.key("Return")
    try:
        signet.wait_until(lambda: chooser(signet) is None, "", timeout=5)
    except TestFailure:
        # The location's completion may take the first Return (seen when
        # the chooser opened on Recent): the accept button then, named once
        # ("Check", signet_name_mnemonic_buttons_once()).
        signet.click(signet.find("push button", "Check", root=window))
        signet.wait_until(lambda: chooser(signet) is None, "the file chooser did not close")


def dialog_gone(signet):
    for window in signet.windows():
        try:
            if window is not None and window.get_name() == "Check a Signed Document":
                return False
        except GLib.Error:
            continue
    return True


def test_check_dialog(signet, home, documents):
    frame = signet.find("frame", "Signet")
    archived = archived_copy(home)
    good = os.path.join(home, "good", os.path.basename(archived))
    tampered = os.path.join(home, "tampered", os.path.basename(archived))
    for path in (good, tampered):
        os.makedirs(os.path.dirname(path))
        shutil.copyfile(archived, path)
    # An update appended after signing, as a forger would add one.
    with open(tampered, "ab") as out:
        out.write(b"\n% changed after signing\n")

    signet.click(signet.find_button("Main Menu", root=frame))
    signet.click(signet.find("menu item", "Check a Signed Document…"))
    dialog = signet.find("frame", "Check a Signed Document")

    check_file(signet, good)
    signet.find("label", "This Is the Signed Copy", root=dialog)
    signet.find("label", f"Identical to the archived signed copy of “{SIGNED}”", root=dialog)
    label_where(signet, lambda name: name.startswith(f"Signed by {DEMO_SIGNER} on "), "no valid signature")
    signet.screenshot("check-good")

    check_file(signet, tampered)
    signet.find("label", "This Is Not the Signed Copy", root=dialog)
    signet.find("label", f"Not the archived signed copy of “{SIGNED}”: its bytes differ", root=dialog)
    signet.find("label", CHANGED, root=dialog)
    signet.screenshot("check-tampered")
    signet.key("Escape")
    signet.wait_until(lambda: dialog_gone(signet), "the dialog did not close")


def test_archive_changed(signet, home, documents):
    # The archived copy itself is changed; Check Again says so, and the
    # library flags the row.
    with open(archived_copy(home), "ab") as out:
        out.write(b"\n% changed after signing\n")
    signet.click(signet.find_button("Signature Details"))
    signet.click(signet.find_button("Check Again"))
    signet.find("label", CHANGED)
    signet.find("list item", predicate=lambda n: (n.get_name() or "").startswith(SIGNED)
                and (n.get_name() or "").endswith("the signed copy failed its check"))
    signet.screenshot("detail-evidence-changed")


run_cases([
    ("evidence", {}, [test_signature_line, test_check_dialog, test_archive_changed]),
])
