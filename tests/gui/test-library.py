#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library against the sandbox: requests in every state show in the right
group with the right counts; search narrows the list; the detail page's
history follows a signature made through /sandbox/ controls; a deletion
undone sends nothing, one not undone sends exactly one DELETE, quitting
sends a pending one; the offline notice shows when the sandbox is gone; and
a keyboard-only path goes from the list to Open. Screenshots of the library
light and dark, wide and narrow, and of each detail state."""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check  # noqa: E402

DEMO_KEY = "signet-sandbox-demo-key"
SEED = os.environ["SIGNET_LIBRARY_SEED"]
SANDBOX_BIN = os.environ["SIGNET_SANDBOX_BIN"]
COUNTS = {"Waiting for Signature": 2, "Preparing": 1, "Signed": 1, "Cancelled": 1, "Failed": 1,
          "Expired": 1, "All Documents": 7}


def seed(home):
    """Fills the journal of a new Signet home and a sandbox data folder."""
    os.makedirs(os.path.join(home, "data"), exist_ok=True)
    sandbox_dir = os.path.join(home, "sandbox")
    archive = os.path.join(home, "archive")
    os.makedirs(sandbox_dir, exist_ok=True)
    os.makedirs(archive, exist_ok=True)
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), no_proxy="127.0.0.1", LC_ALL="C.UTF-8")
    out = subprocess.run([SEED, sandbox_dir, archive], env=env, cwd=home, check=True,
                         capture_output=True, text=True, timeout=60).stdout
    documents = {}
    for line in out.splitlines():
        group, srid, name = line.split(" ", 2)
        documents[name] = (group, srid)
    # Signet's own sandbox keeps its data in the same folder.
    wrapper = os.path.join(home, "sandbox.sh")
    with open(wrapper, "w") as script:
        script.write(f"#!/bin/sh\nexec '{SANDBOX_BIN}' --data-dir '{sandbox_dir}' \"$@\"\n")
    os.chmod(wrapper, 0o755)
    return documents, wrapper, sandbox_dir


def install_opener(home):
    """PDFs open with a stand-in that writes down what it was given, so that
    Open is checked and no viewer window covers later screenshots."""
    applications = os.path.join(home, "data", "applications")
    os.makedirs(applications, exist_ok=True)
    opened = os.path.join(home, "opened")
    with open(os.path.join(applications, "signet-test-opener.desktop"), "w") as desktop:
        desktop.write("[Desktop Entry]\nType=Application\nName=Opener\nMimeType=application/pdf;\n"
                      f"Exec=sh -c 'echo \"$1\" >> {opened}' sh %u\n")
    with open(os.path.join(applications, "mimeapps.list"), "w") as mimeapps:
        mimeapps.write("[Default Applications]\napplication/pdf=signet-test-opener.desktop\n")
    return opened


def start(home, wrapper, width=1200, height=760, dark=False):
    install_opener(home)
    settings = {"io/github/signetapp/Signet": {"environment": "'sandbox'", "window-width": str(width),
                                               "window-height": str(height),
                                               "archive-folder": repr(os.path.join(home, "archive"))}}
    env = {"SIGNET_SANDBOX_BIN": wrapper,
           "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-library-view,signet-application,signet-deletions,signet-tracker,signet-client",
           "XDG_DATA_HOME": os.path.join(home, "data")}
    if dark:
        settings["org/gnome/desktop/interface"] = {"color-scheme": "'prefer-dark'"}
    return Signet("--sandbox", env=env, settings=settings)


def sandbox_url(signet):
    signet.wait_until(lambda: "The sandbox listens on" in signet.output(), "the sandbox never started")
    return re.search(r"The sandbox listens on (http://127\.0\.0\.1:\d+)", signet.output()).group(1)


def call(url, method="GET", body=None, key=DEMO_KEY):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if key:
        headers["x-api-key"] = key
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def deleted(url):
    status, counter = call(url + "/JSON/counter")
    check(status == 200, f"the counter answered {status}")
    return int(counter["actual"]["sandbox.deleted.f"])


def type_text(text):
    check(Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING), f"could not type {text!r}")


def search(signet, text):
    signet.key("Control", "f")  # selects what was searched before
    type_text(text)


def showing(signet, name):
    """Whether a row or page shows a label called name."""
    for node in signet.find_all("label"):
        try:
            if node.get_name() == name and signet.is_visible(node):
                return True
        except GLib.Error:
            continue
    return False


def walk_last_first(node):
    """Depth-first, last child first: toasts are the overlay's last child, so
    this reaches them before the whole window."""
    yield node
    try:
        count = node.get_child_count()
    except GLib.Error:
        return
    for i in reversed(range(count)):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            yield from walk_last_first(child)


def find_undo(signet, timeout=4.0):
    """The toast's Undo button, found before the toast goes (GTK 4.8 names
    it "Undo Undo": the button and its label)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk_last_first(signet.app):
            try:
                if node.get_role_name() == "push button" and node.get_name() in ("Undo", "Undo Undo"):
                    return node
            except GLib.Error:
                continue
        time.sleep(0.05)
    raise TestFailure("no Undo button appeared")


def open_document(signet, name, query=None):
    """Finds a document by typing (ASCII) query, then goes to its page with Enter."""
    search(signet, query or name)
    signet.wait_until(lambda: showing(signet, name), f"{name!r} is not in the list")
    time.sleep(0.4)  # the search entry waits before it searches
    signet.key("Return")  # the first result
    signet.key("Return")  # its page, with the focus on Open
    signet.find("heading", name, timeout=15)


def test_groups(signet, home, documents):
    for title, count in COUNTS.items():
        signet.find("list item", f"{title}, {count}", timeout=20)
    signet.screenshot("library-wide")


def test_search(signet, home, documents):
    signet.find("list item", "All Documents, 7", timeout=20)
    check(showing(signet, "Lease agreement.pdf"), "the list does not show every document")
    search(signet, "novakova")
    signet.wait_until(lambda: not showing(signet, "Lease agreement.pdf"), "the search did not narrow the list")
    check(showing(signet, "Kúpna zmluva.pdf"), "the search lost the document it was after")
    search(signet, "example.sk")
    signet.wait_until(lambda: showing(signet, "Kúpna zmluva.pdf") and not showing(signet, "Loan contract.pdf"),
                      "searching by e-mail did not find the document")
    search(signet, "zzz nothing")
    signet.find("label", "No Results Found")
    signet.screenshot("library-no-results")


def test_timeline(signet, home, documents):
    url = sandbox_url(signet)
    signet.find("list item", "All Documents, 7", timeout=20)
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
    signet.find("label", "Signed copy saved on this computer", timeout=20)
    signet.find("list item", "Signed, 2", timeout=10)
    signet.screenshot("detail-signed")


def test_delete(signet, home, documents):
    url = sandbox_url(signet)
    signet.find("list item", "All Documents, 7", timeout=20)
    before = deleted(url)
    open_document(signet, "Loan contract.pdf")
    signet.key("Delete")
    signet.click(find_undo(signet))
    # Long after the toast would have gone: nothing was sent.
    time.sleep(7)
    check(deleted(url) == before, "an undone deletion reached the server")
    check("Deleting the document" not in signet.output(), "an undone deletion was sent")
    check(not showing(signet, "Deleted from the server"), "the history says deleted")

    open_document(signet, "Insurance policy.pdf")
    signet.key("Delete")
    find_undo(signet)
    signet.find("label", "Deleted from the server", timeout=20)
    check(deleted(url) == before + 1, f"expected one DELETE, the sandbox counted {deleted(url) - before}")
    check(signet.output().count("Deleting the document") == 1, "not exactly one DELETE was sent")


def test_quit(signet, home, documents):
    url = sandbox_url(signet)
    signet.find("list item", "All Documents, 7", timeout=20)
    before = deleted(url)
    open_document(signet, "Loan contract.pdf")
    signet.key("Delete")
    find_undo(signet)
    signet.key("Control", "q")
    rc = signet.wait_exit(20)
    check(rc == 0, f"signet exited with {rc}")
    check("Sending 1 deletions before quitting" in signet.output(), "quitting did not send the deletion")
    # The sandbox kept its data: its counter says one more deletion.
    with open(os.path.join(home, "sandbox", "sandbox.json")) as state:
        text = state.read()
    check(signet.output().count("Deleting the document") == 1, "the pending deletion was not sent once")
    process = subprocess.Popen([SANDBOX_BIN, "--port", "0", "--data-dir", os.path.join(home, "sandbox"),
                                "--api-key", DEMO_KEY, "--stop-on-eof"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        again = process.stdout.readline().strip()
        check(deleted(again) == before + 1, "the sandbox did not count the deletion sent on quit")
    finally:
        process.stdin.close()
        process.wait(5)


def test_offline(signet, home, documents):
    signet.find("list item", "All Documents, 7", timeout=20)
    sandbox_url(signet)
    notice = "OKdokument cannot be reached. Requests wait here and are sent when it can be; states shown may be out of date."
    check(not showing(signet, notice), "the offline notice shows while the sandbox runs")
    # The sandbox goes away.
    children = subprocess.run(["pgrep", "-P", str(signet.process.pid), "-f", "signet-sandbox|sandbox.sh"],
                              capture_output=True, text=True).stdout.split()
    check(children, "no sandbox child found")
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    # Refresh until a round starts after the kill (one under way is not
    # interrupted by another).
    deadline = time.time() + 60
    while not showing(signet, notice):
        check(time.time() < deadline, "no offline notice with the sandbox stopped")
        signet.key("Control", "r")
        time.sleep(2)
    signet.screenshot("library-offline")


def test_keyboard(signet, home, documents):
    signet.find("list item", "All Documents, 7", timeout=20)
    open_document(signet, "Insurance policy.pdf")
    signet.key("Return")  # Open, where the focus is
    signet.wait_until(lambda: re.search(r"Opening file://\S*Insurance", signet.output()),
                      "Enter on Open did not open the signed copy")
    opened = install_opener(home)
    signet.wait_until(lambda: os.path.exists(opened) and "Insurance" in open(opened).read(),
                      "the PDF application was not started with the signed copy", timeout=20)


def test_screens(signet, home, documents):
    signet.find("list item", "All Documents, 7", timeout=20)
    for name, shot in [("Draft on the test server.pdf", "detail-preparing"),
                       ("Loan contract.pdf", "detail-cancelled"),
                       ("Withdrawn order.pdf", "detail-failed"),
                       ("Old offer.pdf", "detail-expired"),
                       ("Lease agreement.pdf", "detail-rounds"),
                       ("Insurance policy.pdf", "detail-archived")]:
        open_document(signet, name)
        signet.screenshot(shot)
    # The preview of the signed copy, made when first asked for.
    signet.click(signet.find_button("Preview"))
    signet.find("push button", "Next Page", timeout=15)
    signet.screenshot("detail-preview")


CASES = [
    ("groups", test_groups, {}),
    ("search", test_search, {}),
    ("timeline", test_timeline, {}),
    ("delete", test_delete, {}),
    ("quit", test_quit, {}),
    ("offline", test_offline, {}),
    ("keyboard", test_keyboard, {}),
    ("screens", test_screens, {}),
    ("dark", lambda s, h, d: (test_groups(s, h, d), s.screenshot("library-wide-dark")), {"dark": True}),
    ("narrow", lambda s, h, d: (s.find("list item", "All Documents, 7", timeout=20),
                                s.screenshot("library-narrow")), {"width": 400, "height": 700}),
]

only = sys.argv[1:]
failed = False
for name, test, options in CASES:
    if only and name not in only:
        continue
    with tempfile.TemporaryDirectory(prefix="signet-library-") as home:
        documents, wrapper, _ = seed(home)
        signet = start(home, wrapper, **options)
        try:
            test(signet, home, documents)
            print(f"PASS {name}")
        except TestFailure as failure:
            try:
                signet.screenshot(f"library-failed-{name}")
            except Exception:
                pass
            print(f"FAIL {name}: {failure}\n--- signet output ---\n{signet.output()}")
            failed = True
        finally:
            signet.close()
sys.exit(1 if failed else 0)
