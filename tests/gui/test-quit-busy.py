#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quit (Ctrl+Q) while Signet is busy, on a seeded library: requests are
open, a deletion waits for its Undo, and the outbox's retry of a new
request is on its way (the sandbox answered the first try with 503 and
holds the second). Signet quits promptly (its exit is awaited, within a
deadline) and loses nothing: after a restart on the same home every
request is there, the deletion was sent once, and the new request was
created exactly once (the sandbox's ledger: requests paid, documents
listed, deletions counted).

"Keep Tracking When Closed" is off, so that Ctrl+Q asks ("Quit while 1
document is still being sent?") and Quit ends the process with the retry
still held. With it on (the default; case "background"), Ctrl+Q closes
every window at once, the process stays while the held retry is on its
way, and it exits by itself once the request is sent, created once."""

import os
import shutil
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import Gio, GLib  # noqa: E402
from signet_atspi import Sandbox, Signet, TestFailure, check  # noqa: E402
from signet_library import DEMO_KEY, call, deleted, install_opener, run_cases  # noqa: E402

DATA = os.environ["SIGNET_TEST_DATA"]
NEW = "Quit contract.pdf"
# The retry is held longer than the deadline, so the exit cannot have
# waited for it (the client itself gives up after 30 s).
HOLD_MS = 120000
QUIT_DEADLINE = 20  # seconds from Ctrl+Q (or Quit) to the process's exit
# Held long enough for the windows to close first, and under the client's
# own 30 s timeout, so that the retry goes through.
BACKGROUND_HOLD_MS = 15000


def start_busy(home, wrapper, *files, background=False):
    """Signet on the seeded home (as signet_library.start()), with files to send."""
    install_opener(home)
    settings = {"io/github/signetapp/Signet": {
        "environment": "'sandbox'", "window-width": "1200", "window-height": "760",
        "archive-folder": repr(os.path.join(home, "archive")),
        "run-in-background": "true" if background else "false",
        # Undo stays offered until Quit: the default 5 s ran out before the
        # quit dialog was found on a busy machine.
        "undo-seconds": "120"}}
    env = {"SIGNET_SANDBOX_BIN": wrapper,
           "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-application,signet-deletions,signet-outbox,"
                               "signet-library-view",
           "XDG_DATA_HOME": os.path.join(home, "data")}
    return Signet("--sandbox", *files, env=env, settings=settings)


def journal(home, query, args=()):
    connection = sqlite3.connect(f"file:{os.path.join(home, 'data', 'signet', 'journal.db')}?mode=ro",
                                 uri=True, timeout=5)
    try:
        return connection.execute(query, args).fetchall()
    finally:
        connection.close()


def ledger(url):
    """(requests paid, deletions) as the sandbox counts them."""
    status, counter = call(url + "/JSON/counter")
    check(status == 200, f"the counter answered {status}")
    used = [int(v) for k, v in counter["actual"].items() if k.endswith(".usedSignatureRequests")]
    check(len(used) == 1, f"the counter has no usedSignatureRequests: {counter}")
    return used[0], deleted(url)


def creates(url):
    """How many POSTs of a signature request the sandbox has seen (faulted ones too)."""
    status, calls = call(url + "/sandbox/calls", key=None)
    check(status == 200, f"/sandbox/calls answered {status}")
    return calls["routes"].get("POST /JSON/signatureRequest", 0)


def show_document(journal_id):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    names = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames",
                          None, GLib.VariantType("(as)"), Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
    [name] = [n for n in names if n.startswith("io.github.signetapp.Signet")]
    bus.call_sync(name, "/" + name.replace(".", "/"), "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", ("show-document", [GLib.Variant("x", journal_id)], {})), None,
                  Gio.DBusCallFlags.NONE, 10000, None)


def quit_seeded(signet, home):
    """The seeded instance only seeds: each case starts its own, with a file
    to send. Returns the wrapper that starts the sandbox and that file."""
    signet.find("list item", "All Documents, 7")
    signet.key("Control", "q")
    check(signet.wait_exit() == 0, "the seeded Signet did not quit")
    new = os.path.join(home, NEW)
    shutil.copyfile(os.path.join(DATA, "simple.pdf"), new)
    return os.path.join(home, "sandbox.sh"), new


def send_held(busy, home, hold_ms):
    """Sends the new file with its first create refused (503) and the retry
    held for hold_ms; returns once the retry is on its way: (the sandbox's
    address, its creates before Send)."""
    url = busy.sandbox_url()
    for fault in ({"status": 503}, {"delay": hold_ms}):
        status, _ = call(url + "/sandbox/faults", "POST",
                         {"path": "/JSON/signatureRequest", "method": "POST", "count": 1, **fault},
                         key=None)
        check(status == 200, f"the sandbox refused the fault {fault}: {status}")
    calls_before = creates(url)
    send = busy.find("push button", "Send", predicate=lambda n: n.get_action_iface() is not None)
    busy.click(send)
    busy.wait_until(lambda: creates(url) >= calls_before + 2, "the outbox never tried again",
                    timeout=60)
    check(new_status(home) != [("open",)], "the held create went through")
    return url, calls_before


def new_status(home):
    return journal(home, "SELECT status FROM requests WHERE filename = ?", (NEW,))


def test_quit_busy(signet, home, documents):
    wrapper, new = quit_seeded(signet, home)
    n_journalled = len(journal(home, "SELECT id FROM requests"))
    n_sandbox = len(journal(home, "SELECT id FROM requests WHERE environment = 'sandbox'"))

    busy = start_busy(home, wrapper, new)
    try:
        url = busy.sandbox_url()
        paid_before, deleted_before = ledger(url)
        url, calls_before = send_held(busy, home, HOLD_MS)

        # A deletion waiting for its Undo, on the page a notification's "Show
        # in Signet" opens (app.show-document). The client gives up on the
        # held create after its 30 s timeout: the rest must come before.
        held = time.monotonic()
        [(insurance,)] = journal(home, "SELECT id FROM requests WHERE filename = 'Insurance policy.pdf'")
        show_document(insurance)
        # The page is there when the call returns (the action shows it and
        # puts the focus on it before it answers). Delete (again while the
        # page slides in: a second Delete of a pending deletion is ignored),
        # then quit: the log says when the toast with its Undo is there. No
        # walk of the accessible tree on the way: one takes seconds on a busy
        # machine, and the held create's time runs (which document was
        # deleted is checked after the restart).
        def waiting():
            if "Waiting for Undo: 1 deletions" in busy.output():
                return True
            busy.key("Delete")
            return "Waiting for Undo: 1 deletions" in busy.output()
        open_requests = journal(home, "SELECT signature_request_id FROM requests WHERE status = 'open'")
        check(len(open_requests) >= 2, f"too few open requests: {open_requests}")
        busy.wait_until(waiting, "Delete did not offer its Undo", timeout=10)
        busy.key("Control", "q")
        elapsed = time.monotonic() - held
        check(creates(url) == calls_before + 2 and elapsed < 25,
              f"the held retry was no longer on its way at Ctrl+Q ({creates(url) - calls_before} creates, "
              f"Ctrl+Q {elapsed:.1f} s after the retry)")
        # A window of its own: looked for among the windows, not in the whole tree.
        dialog = busy.wait_until(lambda: next(
            (w for w in busy.windows() if w is not None
             and w.get_name() == "Quit while 1 document is still being sent?"), None),
            "Ctrl+Q did not ask", timeout=10)
        busy.click(busy.find("push button", root=dialog,
                             predicate=lambda n: (n.get_name() or "").endswith("Quit")))
        asked = time.monotonic()
        rc = busy.wait_exit(timeout=QUIT_DEADLINE)
        print(f"quit: exited {time.monotonic() - asked:.1f} s after Quit, the retry still held")
        check(rc == 0, f"signet {busy.ended()}")
        check("Sending 1 deletions before quitting" in busy.output(),
              "the deletion was not waiting for its Undo when Signet quit")
    except TestFailure:
        try:
            busy.screenshot("quit-busy-failed")
        except Exception:
            pass
        print(f"--- signet output (busy) ---\n{busy.output()}")
        raise
    finally:
        busy_output = busy.output()
        busy.close()

    # The sandbox kept its data: the deletion reached it once.
    sandbox = Sandbox(DEMO_KEY, controls=False, data_dir=os.path.join(home, "sandbox"))
    try:
        paid_quit, deleted_quit = ledger(sandbox.url)
    finally:
        sandbox.close()
    check(deleted_quit == deleted_before + 1,
          f"{deleted_quit - deleted_before} deletions reached the sandbox; Signet said:\n{busy_output}")

    again = start_busy(home, wrapper)
    try:
        url = again.sandbox_url()
        again.find("list item", f"All Documents, {n_journalled + 1}", timeout=30)
        again.wait_until(lambda: journal(home, "SELECT status FROM requests WHERE filename = ?", (NEW,))
                         == [("open",)], "the new request was not sent after the restart", timeout=60)
        rows = journal(home, "SELECT filename, status FROM requests WHERE environment = 'sandbox'")
        check(len(rows) == n_sandbox + 1, f"the journal has {len(rows)} requests, not {n_sandbox + 1}")
        check(all(status != "pending" for _, status in rows), f"something was left unsent: {rows}")
        [(srid,)] = journal(home, "SELECT signature_request_id FROM requests WHERE filename = ?", (NEW,))
        status, request = call(f"{url}/sandbox/requests/{srid}", key=None)
        check(status == 200, f"the sandbox has no request {srid} ({status})")
        status, flat = call(url + "/JSON/list/flat?state=*")
        check(status == 200, f"the list answered {status}")
        check([d["filename"] for d in flat].count(NEW) == 1,
              f"the sandbox lists {NEW} {[d['filename'] for d in flat].count(NEW)} times")
        paid_after, deleted_after = ledger(url)
        check(paid_after == paid_before + 1, f"{paid_after - paid_before} requests paid for one file")
        check(deleted_after == deleted_before + 1, f"{deleted_after - deleted_before} deletions in all")
        events = journal(home, "SELECT e.kind FROM events e JOIN requests r ON e.request = r.id "
                         "WHERE r.filename = 'Insurance policy.pdf' AND e.kind = 'deleted'")
        check(len(events) == 1, f"the deletion's history has {events}")
    except TestFailure:
        print(f"--- signet output (restart) ---\n{again.output()}")
        raise
    finally:
        again.close()


def test_quit_background(signet, home, documents):
    wrapper, new = quit_seeded(signet, home)
    busy = start_busy(home, wrapper, new, background=True)
    try:
        url = busy.sandbox_url()
        paid_before, _ = ledger(url)
        url, _ = send_held(busy, home, BACKGROUND_HOLD_MS)
        busy.find("frame", "Signet")
        busy.key("Control", "q")
        # Every window goes at once; the process stays, the retry still held.
        busy.wait_until(lambda: not [w for w in busy.windows() if w is not None],
                        "Ctrl+Q left a window open although Signet keeps sending in the background")
        check(busy.process.poll() is None, "Signet exited with a request still being sent")
        check(new_status(home) != [("open",)],
              "the held retry was through before the windows closed: the case proves nothing")
        rc = busy.wait_exit(timeout=BACKGROUND_HOLD_MS // 1000 + QUIT_DEADLINE)
        check(rc == 0, f"signet {busy.ended()}")
        check(new_status(home) == [("open",)], f"Signet quit before the request was sent: {new_status(home)}")
    except TestFailure:
        print(f"--- signet output (background) ---\n{busy.output()}")
        raise
    finally:
        busy.close()

    # Created once, paid once (the sandbox kept its data).
    sandbox = Sandbox(DEMO_KEY, controls=False, data_dir=os.path.join(home, "sandbox"))
    try:
        paid_after, _ = ledger(sandbox.url)
        status, flat = call(sandbox.url + "/JSON/list/flat?state=*")
        check(status == 200, f"the list answered {status}")
    finally:
        sandbox.close()
    check(paid_after == paid_before + 1, f"{paid_after - paid_before} requests paid for one file")
    check([d["filename"] for d in flat].count(NEW) == 1,
          f"the sandbox lists {NEW} {[d['filename'] for d in flat].count(NEW)} times")


run_cases([("quit", {}, [test_quit_busy]), ("background", {}, [test_quit_background])])
