#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detail page's actions added by issue 16, on a seeded library:
Presenter Mode for a waiting document (its QR code is the signing link);
Remove from This List for a finished one (Undo brings it back, a removal
stays after a restart, the server and the archive copy are left alone, and
open requests do not offer it); Send Again opens the request editor filled
from the journalled request, and says so when the file is gone."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, walk  # noqa: E402
from signet_library import deleted, find_undo, listed, open_document, search, showing, start  # noqa: E402


def row(signet, title):
    """An action row of the detail page by its title."""
    return signet.find("list item", predicate=lambda n: (n.get_name() or "").startswith(title))


def test_present(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    open_document(signet, "Kúpna zmluva.pdf", "zmluva")
    signet.find("label", "Signing Link")
    link = signet.find("label", predicate=lambda n: (n.get_name() or "").startswith("http")).get_name()
    signet.screenshot("detail-present")
    signet.click_at(row(signet, "Presenter Mode"))
    presenter = signet.find("frame", "Presenter Mode", timeout=10)
    signet.find("label", "Kúpna zmluva.pdf", root=presenter)
    signet.find("label", "Scan the QR code with your phone to sign", root=presenter)
    shown = " ".join(n.get_name() or "" for n in walk(presenter) if n.get_role_name() == "label")
    check("http" not in shown, f"the presenter shows the link: {shown}")
    check(signet.decode_qr(presenter, "library-presenter") == link,
          "the presenter's QR code is not the document's signing link")
    signet.key("Escape")
    signet.wait_until(lambda: all(w.get_name() != "Presenter Mode" for w in signet.windows() if w is not None),
                      "Escape did not leave presenter mode")
    # Not offered for a document that waits for nobody.
    open_document(signet, "Withdrawn order.pdf", "withdrawn")
    check(not showing(signet, "Presenter Mode"), "a cancelled document offers Presenter Mode")


def remove(signet, name, query):
    """Removes a document from the list through its page; returns the toast's Undo."""
    open_document(signet, name, query)
    signet.wait_until(lambda: showing(signet, "Remove from This List"), f"{name} does not offer Remove from This List")
    signet.click_at(row(signet, "Remove from This List"))
    undo = find_undo(signet)
    signet.find_toast(f"“{name}” is removed from this list")
    return undo


def archive_files(home):
    return sorted(os.listdir(os.path.join(home, "archive")))


def test_remove(signet, home, documents):
    url = signet.sandbox_url()
    signet.find("list item", "All Documents, 7")
    before = deleted(url)
    archived = archive_files(home)
    check(archived, "the seed archived nothing")

    # Undo brings it back; nothing was sent.
    undo = remove(signet, "Loan contract.pdf", "loan")
    signet.find("list item", "All Documents, 6")
    signet.find("list item", "Cancelled, 0")
    signet.click(undo)
    signet.find("list item", "All Documents, 7")
    signet.find("list item", "Cancelled, 1")
    search(signet, "loan")
    signet.wait_until(lambda: listed(signet) == {"Loan contract.pdf"}, "Undo did not bring the entry back")

    # An archived one goes, and stays gone after a restart; its copy and the server's stay.
    remove(signet, "Insurance policy.pdf", "insurance")
    signet.find("list item", "All Documents, 6")
    signet.find("list item", "Signed, 0")
    check(archive_files(home) == archived, f"the archive folder changed: {archive_files(home)}")
    check(deleted(url) == before, "removing from the list deleted something on the server")

    # Not offered while a request is open.
    open_document(signet, "Kúpna zmluva.pdf", "zmluva")
    signet.find("label", "Signing Link")
    check(not showing(signet, "Remove from This List"), "an open request offers Remove from This List")

    signet.key("Control", "q")
    check(signet.wait_exit() == 0, "signet did not quit cleanly")
    again = start(home, os.path.join(home, "sandbox.sh"))
    try:
        again.find("list item", "All Documents, 6")
        again.find("list item", "Signed, 0")
        again.find("list item", "Cancelled, 1")
        search(again, "insurance")
        again.find("label", "No Results Found")
        check(archive_files(home) == archived, "the archive copy went after the restart")
        # The sandbox still has the document: the server was not asked to delete it.
        check(deleted(again.sandbox_url()) == before, "the restart deleted something on the server")
    finally:
        again.close()


if __name__ == "__main__":
    from signet_library import run_cases  # noqa: E402

    run_cases([
        ("present", {}, [test_present]),
        ("remove", {}, [test_remove]),
    ])
