#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detail page's actions added by issue 16, on a seeded library:
Presenter Mode for a waiting document (its QR code is the signing link);
Remove from This List for a finished one (Undo brings it back, a removal
stays after a restart, the server and the archive copy are left alone, and
open requests do not offer it); Send Again opens the request editor filled
from the journalled request, and says so when the file is gone."""

import json
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Atspi, check, list_item_names, text_of, walk  # noqa: E402
from signet_library import (deleted, find_undo, listed, open_document, search, showing, start,  # noqa: E402
                            type_text)


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


def plans(home, name):
    """(signature request id, plan) of every journalled request for a file, oldest first."""
    path = os.path.join(home, "data", "signet", "journal.db")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute("SELECT signature_request_id, plan FROM requests WHERE filename = ? ORDER BY id",
                                  (name,)).fetchall()
    finally:
        connection.close()
    return [(srid, json.loads(plan)) for srid, plan in rows]


def what_is_asked(plan):
    """What a plan asks of the signers, round by round: everything but the
    ids, the file's bytes and the expiry (counted from each sending)."""
    asked = []
    for body in plan:
        asked.append({key: value for key, value in body.items()
                      if key not in ("signatureRequestId", "id", "filedata", "expirationTime")}
                     | {"state": (body.get("filedata") or {}).get("state")})
    return asked


def queue_rows(signet):
    return list_item_names(signet.find("list", "Documents"))


def send_button(signet):
    return signet.find("push button", "Send", predicate=lambda n: n.get_action_iface() is not None)


def sensitive(node):
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def test_send_again(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    open_document(signet, "Loan contract.pdf", "loan")
    [(old_srid, old_plan)] = plans(home, "Loan contract.pdf")
    signet.click(signet.find_button("Send Again…"))
    signet.wait_until(lambda: queue_rows(signet) == ["Loan contract.pdf"],
                      "Send Again did not put the file in the queue")
    frame = signet.find("frame", "Signet")
    name = signet.find("text", "Name", root=frame)
    signet.wait_until(lambda: text_of(name) == "Martin Kováč", f"the signer's name is {text_of(name)!r}")
    send = send_button(signet)
    signet.wait_until(lambda: sensitive(send), f"Send stayed off: {send.get_description()!r}", timeout=20)
    signet.screenshot("send-again-editor")
    # Nothing was sent before Send.
    check(len(plans(home, "Loan contract.pdf")) == 1, "Send Again sent before Send was pressed")
    signet.click(send)
    signet.wait_until(lambda: len(plans(home, "Loan contract.pdf")) == 2, "no new request was journalled",
                      timeout=30)
    (_, _), (new_srid, new_plan) = plans(home, "Loan contract.pdf")
    check(new_srid != old_srid, "the new request has the old id")
    # The seed wrote a bare plan; the editor writes out two of the service's
    # defaults (sign anywhere, the language) and the file's name.
    old_asked = what_is_asked(old_plan)
    for body in old_asked:
        body["rules"] = {"signAnywhereEnabled": True, **body["rules"]}
    new_asked = what_is_asked(new_plan)
    for body in new_asked:
        body.pop("filename", None)
        body["rules"].pop("lang", None)
    check(new_asked == old_asked, f"the new request asks for something else:\n{new_asked}\n{old_asked}")


def test_send_again_moved(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    original = os.path.join(home, "data", "in", "Withdrawn order.pdf")
    check(os.path.exists(original), f"the seed's file is not at {original}")
    elsewhere = os.path.join(home, "moved", "Withdrawn order (signed copy).pdf")
    os.makedirs(os.path.dirname(elsewhere))
    shutil.move(original, elsewhere)

    open_document(signet, "Withdrawn order.pdf", "withdrawn")
    signet.click(signet.find_button("Send Again…"))
    dialog = signet.find("dialog", timeout=10)
    signet.find("label", "The Document Has Moved", root=dialog)
    body = signet.find("label", root=dialog, predicate=lambda n: "is no longer in" in (n.get_name() or ""))
    check(os.path.dirname(original) in body.get_name(), f"the dialog does not say where it was: {body.get_name()!r}")
    signet.screenshot("send-again-moved")
    # libadwaita 1.2 names a response "C_hoose Another File… Choose Another File…".
    signet.click(signet.find("push button", root=dialog,
                             predicate=lambda n: (n.get_name() or "").endswith("Choose Another File…")))
    chooser = signet.find("filler", "Choose the Document to Send Again", timeout=10)  # GTK 4.8's role for it
    # Typing a path opens the chooser's location entry.
    type_text(elsewhere)
    signet.wait_until(lambda: any(elsewhere == text_of(n) for n in walk(chooser) if n.get_role_name() == "text"),
                      "the path did not reach the chooser's location entry")
    signet.key("Return")
    signet.wait_until(lambda: queue_rows(signet) == ["Withdrawn order (signed copy).pdf"],
                      "the file chosen is not in the queue")
    send = send_button(signet)
    signet.wait_until(lambda: sensitive(send), f"Send stayed off: {send.get_description()!r}", timeout=20)


if __name__ == "__main__":
    from signet_library import run_cases  # noqa: E402

    run_cases([
        ("present", {}, [test_present]),
        ("remove", {}, [test_remove]),
        ("send-again", {}, [test_send_again]),
        ("send-again-moved", {}, [test_send_again_moved]),
    ])
