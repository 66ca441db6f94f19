#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Files given as `signet FILE…` are queued and checked; a bad one says why and
can be removed; a good one is previewed with its signature fields outlined and
its pages can be turned. A second `signet FILE` goes to the running window."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import (DEFAULT_TIMEOUT, TIMEOUT_MULTIPLIER, Atspi, Signet,  # noqa: E402
                          TestFailure, check, list_item_names, name_of)

DATA = os.path.join(os.environ["SIGNET_TEST_DATA"])
FILES = ["fields.pdf", "tags.pdf", "password.pdf", "large.pdf", "contract.docx", "not-a-pdf.pdf"]


KEY_PAGE_UP = 0xFF55
KEY_PAGE_DOWN = 0xFF56
CONTROL_MASK = 1 << 2


def ctrl_key(keysym):
    """Types Ctrl and a key into the focused window."""
    Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        check(Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM), "could not type a key")
    finally:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def press(signet, name, root):
    button = signet.find("push button", name, root=root)
    check(Atspi.Action.get_n_actions(button) > 0, f"{name!r} cannot be clicked")
    check(Atspi.Action.do_action(button, 0), f"clicking {name!r} failed")


def select(signet, documents, name):
    names = list_item_names(documents)
    check(name in names, f"no row {name!r} in {names}")
    check(Atspi.Selection.select_child(documents, names.index(name)), f"selecting {name!r} failed")


def test(signet):
    frame = signet.find("frame", "Signet")
    documents = signet.find("list", "Documents", root=frame)

    # Every file gets a row, and each check ends with a summary or a reason.
    for name in FILES:
        signet.find("list item", name, root=documents)
    signet.find("label", "2 pages · 2 signature fields", root=documents)
    signet.find("label", "1 page · 3 text tags", root=documents)
    signet.find("label", predicate=lambda n: n.get_name().startswith("The document is protected by a password"),
                root=documents)
    signet.find("label", predicate=lambda n: n.get_name().startswith("The document is larger than 10 MB (10.1\u00a0MB)"),
                root=documents)
    signet.find("label", predicate=lambda n: n.get_name().startswith("This is not a PDF, Word or Excel document"),
                root=documents)
    signet.find("label", predicate=lambda n: n.get_name().startswith("Word document"), root=documents)
    signet.wait_until(lambda: not signet.find_all("label", root=documents, name="Checking…"),
                      "some files were never checked")
    signet.screenshot("intake-queue")

    # Activating a row (what a screen reader does first) must never remove it.
    for i in range(documents.get_child_count()):
        row = documents.get_child_at_index(i)
        actions = [Atspi.Action.get_action_name(row, a) for a in range(Atspi.Action.get_n_actions(row))] \
            if row.get_action_iface() else []
        check(not any("remove" in a for a in actions), f"{row.get_name()!r} offers {actions}")

    # A bad file says why, in words, and can be taken off the list.
    select(signet, documents, "password.pdf")
    signet.find("label", "“password.pdf” Cannot Be Sent", root=frame)
    signet.screenshot("intake-error")
    press(signet, "Remove “password.pdf” From List", documents)
    signet.wait_until(lambda: "password.pdf" not in list_item_names(documents), "password.pdf was not removed")

    # Only what is on screen has these names: the accessibility tree of GTK 4.8
    # does not say reliably which stack page is showing.
    # A good file is previewed with its fields outlined; pages can be turned.
    select(signet, documents, "fields.pdf")
    signet.find("label", "Page 1 of 2", root=frame)
    signet.find("label", "2 signature fields", root=frame)
    press(signet, "Next Page", frame)
    signet.find("label", "Page 2 of 2", root=frame)
    signet.find("image", "Page 2 of 2, 2 places to sign marked", root=frame)
    signet.screenshot("intake-preview")

    # The keyboard turns pages wherever the focus is (here: the list).
    ctrl_key(KEY_PAGE_UP)
    signet.find("label", "Page 1 of 2", root=frame)
    ctrl_key(KEY_PAGE_DOWN)
    signet.find("label", "Page 2 of 2", root=frame)

    select(signet, documents, "tags.pdf")
    signet.find("image", "Page 1 of 1, 3 places to sign marked", root=frame)
    signet.find("label", "3 text tags", root=frame)
    zoom = signet.find("label", predicate=lambda n: n.get_name().endswith("%"), root=frame).get_name()
    press(signet, "Zoom In", frame)
    signet.wait_until(lambda: any(name_of(n).endswith("%") and name_of(n) != zoom
                                  for n in signet.find_all("label", root=frame)),
                      f"zooming in left the zoom at {zoom}")
    signet.screenshot("intake-tags")

    # Signet already runs: `signet FILE` hands the file to it and exits.
    second = subprocess.run([os.environ["SIGNET_BIN"], os.path.join(DATA, "simple.pdf"),
                             os.path.join(DATA, "fields.pdf")],
                            env=dict(os.environ, GSETTINGS_BACKEND="memory"),
                            timeout=DEFAULT_TIMEOUT * TIMEOUT_MULTIPLIER,
                            capture_output=True, text=True)
    check(second.returncode == 0, f"the second signet failed: {second.stderr}")
    signet.find("list item", "simple.pdf", root=documents)
    signet.find_toast("“fields.pdf” is already in the list", root=frame)
    names = list_item_names(documents)
    check(names.count("fields.pdf") == 1, f"fields.pdf was queued twice: {names}")


# Started with files on its command line, which run() of signet_atspi does not do.
signet = Signet(*[os.path.join(DATA, name) for name in FILES])
try:
    test(signet)
    print("PASS")
except TestFailure as failure:
    print(f"FAIL: {failure}\n--- signet output ---\n{signet.output()}")
    sys.exit(1)
finally:
    signet.close()
