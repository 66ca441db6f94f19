#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signet killed with SIGKILL during "Send 5 Requests" and started again:
the library shows all 5 documents sent, a toast says the batch was
interrupted and resumed, and the sandbox has each file created exactly
once (docs/reliability.md).

Signet's built-in sandbox is a child that dies with it (--stop-on-eof), so
it runs through a wrapper on a data folder in the test's home: the next
start's sandbox has the first one's documents, ledger and quota."""

import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check, deadline_after  # noqa: E402
from signet_library import call, walk_last_first  # noqa: E402

DATA = os.environ["SIGNET_TEST_DATA"]
SANDBOX_BIN = os.environ["SIGNET_SANDBOX_BIN"]
N_FILES = 5
FILES = [f"contract-{i}.pdf" for i in range(1, N_FILES + 1)]
SLOW_CREATE_MS = 1500
SETTINGS = {"io/github/signetapp/Signet": {
    "environment": "'sandbox'",
    "default-sender-email": "'office@example.com'",
    "default-sender-name": "'Front Desk'",
    "window-width": "1200",
    "window-height": "760",
}}


def paid(url):
    """How many signature requests the sandbox has created (paid for)."""
    status, counter = call(url + "/JSON/counter")
    check(status == 200, f"the counter answered {status}")
    # Each name starts with the account ("sandbox.usedSignatureRequests").
    used = [int(v) for k, v in counter["actual"].items() if k.endswith(".usedSignatureRequests")]
    check(len(used) == 1, f"the counter has no usedSignatureRequests: {counter}")
    return used[0]


def journal(home, query):
    path = os.path.join(home, "data", "signet", "journal.db")
    if not os.path.exists(path):
        return []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute(query).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        connection.close()


def children(pid):
    """The processes pid started (its built-in sandbox)."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(child) for child in listing.read().split()]
    except OSError:
        pass
    return found


def gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1].startswith("Z")  # a zombie has ended
    except OSError:
        return True


def find_label(signet, prefix, timeout=30):
    """A label whose text starts with prefix, last child first: a toast is
    its overlay's last child and lives only a few seconds."""
    def label():
        for node in walk_last_first(signet.app):
            try:
                if node.get_role_name() == "label" and (node.get_name() or "").startswith(prefix):
                    return node
            except GLib.Error:
                continue
        check(signet.process.poll() is None, f"signet {signet.ended()}")
        return None

    return signet.wait_until(label, f"no label starting {prefix!r} appeared", timeout)


def group_count(signet, title):
    """The count the library's sidebar shows beside a group, or None."""
    for node in signet.find_all("list item"):
        try:
            name = node.get_name() or ""
        except GLib.Error:
            continue
        if name.startswith(title + ", "):
            return int(name.rsplit(", ", 1)[1])
    return None


def queued(home):
    """The files the window keeps in its queue (its state file)."""
    path = os.path.join(home, "state", "signet", "queue.json")
    try:
        with open(path) as state:
            return state.read()
    except OSError:
        return ""


def first_run(home, files, env):
    """Sends the batch slowly and kills Signet after 1 to 4 creates; returns
    how many the journal had as sent then."""
    signet = Signet(*files, env=env, settings=SETTINGS, home=home)
    try:
        url = signet.sandbox_url()
        # Only the creates are slow: each waits before it is done.
        status, _ = call(url + "/sandbox/faults", "POST",
                         {"path": "/JSON/signatureRequest", "method": "POST", "delay": SLOW_CREATE_MS,
                          "count": 100}, key=None)
        check(status == 200, f"the sandbox refused the latency: {status}")
        send = signet.find("push button", f"Send {N_FILES} Requests",
                           predicate=lambda n: n.get_action_iface() is not None)
        signet.wait_until(lambda: send.get_state_set().contains(Atspi.StateType.SENSITIVE),
                          f"Send {N_FILES} Requests stayed off: {send.get_description()!r}")
        sandbox = children(signet.process.pid)
        check(len(sandbox) == 1, f"Signet has {len(sandbox)} children, not its one sandbox")
        started = time.monotonic()
        signet.click(send)
        created = signet.wait_until(lambda: 0 < paid(url) < N_FILES and paid(url),
                                    f"the sandbox never had between 1 and {N_FILES - 1} requests", timeout=60)
        signet.process.kill()
        signet.wait_exit()
        print(f"killed {time.monotonic() - started:.2f} s after Send, {created} created")
        deadline = deadline_after(30)
        while not gone(sandbox[0]):
            check(time.monotonic() < deadline, "the sandbox did not stop with Signet")
            time.sleep(0.05)
    except TestFailure:
        print(f"--- signet output (first run) ---\n{signet.output()}")
        raise
    finally:
        signet.close()
    rows = journal(home, "SELECT filename, status FROM requests")
    print(f"the journal after the kill: {sorted(rows)}")
    check(sorted(name for name, _ in rows) == FILES, f"the batch was not journalled whole: {rows}")
    # Journalled files are the outbox's: the queue kept across a restart no
    # longer holds them, or Send there would pay for them a second time.
    back = [name for name in FILES if name in queued(home)]
    check(not back, f"journalled files are still kept in the queue: {back}")
    return sum(1 for _, status in rows if status == "open")


def second_run(home, env, n_sent):
    signet = Signet(env=env, home=home)
    try:
        started = time.monotonic()
        if n_sent == 0:
            toast = f"Signet was interrupted while sending {N_FILES} documents: they are being sent now"
        else:
            n_unsent = N_FILES - n_sent
            toast = (f"Signet was interrupted while sending {N_FILES} documents: {n_sent} had been sent, "
                     f"the other {n_unsent} {'is' if n_unsent == 1 else 'are'} being sent now")
        label = find_label(signet, "Signet was interrupted")
        text = label.get_name()
        signet.screenshot("batch-kill-resumed")
        check(text == toast, f"the toast says {text!r}, not {toast!r}")
        url = signet.sandbox_url()
        counts = {}

        def all_sent():
            for title in ("All Documents", "Waiting for Signature"):
                counts[title] = group_count(signet, title)
            return all(count == N_FILES for count in counts.values())
        try:
            signet.wait_until(all_sent, f"the library never showed {N_FILES} documents sent", timeout=60)
        except TestFailure as failure:
            raise TestFailure(f"{failure}; the sidebar counts at the end: {counts}") from None
        print(f"restart: all {N_FILES} sent {time.monotonic() - started:.2f} s after the start")
        sent_list = signet.find("list", "Sent Documents")
        for name in FILES:
            signet.find("label", name, root=sent_list)

        # The sandbox, over HTTP: each file's journalled request is there with
        # that file, and nothing else was paid for.
        rows = journal(home, "SELECT filename, signature_request_id, status FROM requests")
        check(sorted(name for name, _, _ in rows) == FILES, f"the journal has {rows}")
        check(len({srid for _, srid, _ in rows}) == N_FILES, f"two files share a request: {rows}")
        check(all(status == "open" for _, _, status in rows), f"not all are open: {rows}")
        for name, srid, _ in rows:
            status, request = call(f"{url}/sandbox/requests/{srid}", key=None)
            check(status == 200, f"the sandbox has no request {srid} for {name} ({status})")
            status, metadata = call(f"{url}/JSON/document/metadata/{request['documentId']}")
            check(status == 200, f"the sandbox has no document for {name} ({status})")
            check(metadata.get("filename") == name, f"{srid} was made for {metadata}, not {name}")
        check(paid(url) == N_FILES, f"the sandbox created {paid(url)} requests for {N_FILES} files")
        status, listed = call(url + "/JSON/list/flat?state=*")
        check(status == 200, f"the list answered {status}")
        check({d["filename"] for d in listed} == set(FILES), f"the sandbox has {listed}")
        # None came back to the queue: sending them again would pay twice.
        back = [name for name in FILES if name in queued(home)]
        check(not back, f"sent files came back to the queue: {back}")
    except TestFailure:
        try:
            signet.screenshot("batch-kill-failed")
        except Exception:
            pass
        print(f"--- signet output (second run) ---\n{signet.output()}")
        raise
    finally:
        signet.close()


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="signet-batch-kill-") as home:
        sandbox_dir = os.path.join(home, "sandbox")
        os.makedirs(sandbox_dir)
        wrapper = os.path.join(home, "sandbox.sh")
        with open(wrapper, "w") as script:
            script.write(f"#!/bin/sh\nexec '{SANDBOX_BIN}' --data-dir '{sandbox_dir}' \"$@\"\n")
        os.chmod(wrapper, 0o755)
        files_dir = os.path.join(home, "files")
        os.makedirs(files_dir)
        files = []
        for name in FILES:
            files.append(os.path.join(files_dir, name))
            shutil.copyfile(os.path.join(DATA, "simple.pdf"), files[-1])
        env = {"SIGNET_SANDBOX_BIN": wrapper, "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-outbox"}
        try:
            n_sent = first_run(home, files, env)
            second_run(home, env, n_sent)
        except TestFailure as failure:
            print(f"FAIL: {failure}")
            sys.exit(1)
    print(f"PASS ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
