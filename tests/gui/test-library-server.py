#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library against the sandbox, changing things there: the detail page's
history follows a signature made through /sandbox/ controls; a deletion
undone sends nothing, one not undone sends exactly one DELETE, quitting
sends a pending one; the offline notice shows when the sandbox is gone.
(The list, search and screenshots are in test-library-browse.py.)"""

import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Sandbox, check  # noqa: E402
from signet_library import DEMO_KEY, call, deleted, find_undo, open_document, run_cases, showing  # noqa: E402


def test_timeline(signet, home, documents):
    url = signet.sandbox_url()
    signet.find("list item", "All Documents, 7")
    open_document(signet, "Kúpna zmluva.pdf", "zmluva")
    signet.find("label", "Signature request created")
    signet.find("label", "Signing Link")
    link = signet.find("label", predicate=lambda n: (n.get_name() or "").startswith("http")).get_name()
    frame = signet.find("frame", "Signet")
    check(signet.decode_qr(frame, "detail-waiting") == link, "the detail page's QR code is not its signing link")
    _, srid = documents["Kúpna zmluva.pdf"]
    status, _ = call(f"{url}/sandbox/sign/{srid}", "POST", {"name": "Jana"}, key=None)
    check(status == 200, f"signing in the sandbox answered {status}")
    signet.key("Control", "r")
    signet.find("label", "Signed copy saved on this computer")
    signet.find("list item", "Signed, 2")
    signet.screenshot("detail-signed")


def delete_loan_contract(signet):
    """Presses Delete on a document; returns the sandbox's address, its
    count of deletions and the app's count of DELETEs sent before."""
    url = signet.sandbox_url()
    signet.find("list item", "All Documents, 7")
    before = deleted(url)
    sent = signet.output().count("Deleting the document")
    open_document(signet, "Loan contract.pdf")
    signet.key("Delete")
    return url, before, sent


def test_delete(signet, home, documents):
    url, before, sent = delete_loan_contract(signet)
    signet.click(find_undo(signet))
    signet.wait_until(lambda: "Undone: 1 deletions" in signet.output(), "Undo did not take the deletion back")
    check(deleted(url) == before, "an undone deletion reached the server")
    check(signet.output().count("Deleting the document") == sent, "an undone deletion was sent")
    check(not showing(signet, "Deleted from the server"), "the history says deleted")

    # A deletion not undone is sent when its toast goes: by then the undone
    # one would have gone too, so the counts below also check that it never
    # was sent.
    open_document(signet, "Insurance policy.pdf")
    signet.key("Delete")
    find_undo(signet)
    signet.find("label", "Deleted from the server")
    check(deleted(url) == before + 1, f"expected one DELETE, the sandbox counted {deleted(url) - before}")
    check(signet.output().count("Deleting the document") == sent + 1, "not exactly one DELETE was sent")


def test_quit(signet, home, documents):
    url, before, sent = delete_loan_contract(signet)
    find_undo(signet)
    signet.key("Control", "q")
    rc = signet.wait_exit()
    check(rc == 0, f"signet {signet.ended()}")
    check("Sending 1 deletions before quitting" in signet.output(), "quitting did not send the deletion")
    check(signet.output().count("Deleting the document") == sent + 1, "the pending deletion was not sent once")
    # The sandbox kept its data: its counter says one more deletion.
    again = Sandbox(DEMO_KEY, controls=False, data_dir=os.path.join(home, "sandbox"))
    try:
        check(deleted(again.url) == before + 1, "the sandbox did not count the deletion sent on quit")
    finally:
        again.close()


def test_offline(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    signet.sandbox_url()
    notice = "OKdokument cannot be reached. Requests wait here and are sent when it can be; states shown may be out of date."
    check(not showing(signet, notice), "the offline notice shows while the sandbox runs")
    # The sandbox goes away.
    children = subprocess.run(["pgrep", "-P", str(signet.process.pid), "-f", "signet-sandbox|sandbox.sh"],
                              capture_output=True, text=True).stdout.split()
    check(children, "no sandbox child found")
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    # Refresh until a round starts after the kill (one under way is not
    # interrupted by another, and Ctrl+R is ignored while it runs): ask
    # again at most once a second until the notice shows.
    last_refresh = [0.0]

    def offline():
        if showing(signet, notice):
            return True
        if time.monotonic() - last_refresh[0] >= 1.0:
            signet.key("Control", "r")
            last_refresh[0] = time.monotonic()
        return False

    signet.wait_until(offline, "no offline notice with the sandbox stopped", timeout=60)
    signet.screenshot("library-offline")


# Each case is one start of Signet; its steps run one after the other.
run_cases([
    ("changes", {}, [test_timeline, test_delete, test_quit]),
    ("offline", {}, [test_offline]),
])
