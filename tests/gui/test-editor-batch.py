#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The request editor with several files: a batch of three sends three
requests and sums up what went; too few requests left refuses the batch and
sends nothing; a refused file is named in the summary and Try Again sends it;
a file that cannot go is named beside Send and stays in the list.
The helpers are test-editor.py's."""

import importlib
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
editor = importlib.import_module("test-editor")
arrived, check = editor.arrived, editor.check
journalled, queue_rows, sandbox_url = editor.journalled, editor.queue_rows, editor.sandbox_url
send_button, sensitive, wait_sent = editor.send_button, editor.sensitive, editor.wait_sent
name_of = editor.name_of


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as answer:
        return answer.status


def quota(signet):
    """Too few requests left: nothing is sent, and the reason says what to do."""
    url = sandbox_url(signet)
    post(f"{url}/sandbox/quota", {"available": 1})
    send = send_button(signet, "Send 2 Requests")
    signet.wait_until(lambda: sensitive(send), f"Send 2 Requests stayed off: {send.get_description()!r}",
                      timeout=30)
    signet.click(send)
    signet.find("label", "Not Enough Signature Requests", timeout=20)
    signet.find("label", predicate=lambda n: (n.get_name() or "").startswith("Only 1 signature request is left"))
    signet.screenshot("editor-quota")
    check(journalled(signet) == [], f"something was sent: {journalled(signet)}")
    check(len(queue_rows(signet)) == 2, f"the files left the list: {queue_rows(signet)}")
    # Told once, Send now offers what is possible and the footer names what goes.
    signet.key("Escape")  # the dialog's close response
    send_one = send_button(signet, "Send 1 Request")
    signet.find("label", predicate=lambda n: "goes; the others stay in the list" in (n.get_name() or ""))
    signet.wait_until(lambda: sensitive(send_one), "Send 1 Request stayed off")
    signet.screenshot("editor-quota-one")


def retry(signet):
    """One of two is refused: the summary says why, and Try Again sends it."""
    url = sandbox_url(signet)
    send = send_button(signet, "Send 2 Requests")
    signet.wait_until(lambda: sensitive(send), f"Send 2 Requests stayed off: {send.get_description()!r}",
                      timeout=30)
    post(f"{url}/sandbox/faults", {"path": "/JSON/signatureRequest", "status": 400, "count": 1})
    signet.click(send)
    signet.find("label", "1 of 2 Requests Sent", timeout=40)
    signet.screenshot("editor-retry")
    # The sandbox refused with its key "err.injected": the summary says what
    # to do, and no label shows the key (docs/vocabulary.md).
    shown = [name_of(label) for window in signet.windows() if window is not None
             for label in signet.find_all("label", root=window)]
    check(any("OKdokument administrator" in text for text in shown),
          f"the summary does not say whom to ask: {shown}")
    check(not any("err." in text for text in shown), f"a label shows a server code: {shown}")
    signet.wait_until(lambda: queue_rows(signet) == ["simple.pdf"],
                      f"the list should keep only the refused file: {queue_rows(signet)}")
    # The dialog's buttons are there twice (AdwMessageDialog's wide and
    # narrow layouts); the shown ones are named once.
    signet.click(signet.find("push button", "Try Again",
                             predicate=lambda n: n.get_action_iface() is not None))
    wait_sent(signet)
    names = sorted(name for _, name in journalled(signet))
    check(names == ["simple.pdf", "simple.pdf", "tags.pdf"], f"the journal has {names}")


def batch(signet):
    """Three files, one button, three requests and a summary."""
    url = sandbox_url(signet)
    send = send_button(signet, "Send 3 Requests")
    signet.wait_until(lambda: sensitive(send), f"Send 3 Requests stayed off: {send.get_description()!r}",
                      timeout=30)
    started = time.monotonic()
    signet.click(send)
    # All went well: a toast, no dialog.
    signet.find_toast("3 requests sent", timeout=40)
    print(f"batch of 3: summary after {time.monotonic() - started:.2f} s")
    signet.screenshot("editor-summary")
    requests = journalled(signet)
    check(sorted(name for _, name in requests) == ["fields.pdf", "simple.pdf", "tags.pdf"],
          f"the journal has {requests}")
    for srid, _ in requests:
        arrived(signet, url, srid)
    check(queue_rows(signet) == [], f"sent files stayed in the list: {queue_rows(signet)}")


def left_out(signet):
    """A file that cannot go among two that can: Send counts the two, the
    note beside it names the one that stays, and it stays."""
    url = sandbox_url(signet)
    send = send_button(signet, "Send 2 Requests")
    signet.find("label", "“not-a-pdf.pdf” cannot be sent and stays in the list")
    signet.wait_until(lambda: sensitive(send), f"Send 2 Requests stayed off: {send.get_description()!r}",
                      timeout=30)
    signet.screenshot("editor-left-out")
    signet.click(send)
    signet.find_toast("2 requests sent", timeout=40)
    requests = journalled(signet)
    check(sorted(name for _, name in requests) == ["simple.pdf", "tags.pdf"], f"the journal has {requests}")
    for srid, _ in requests:
        arrived(signet, url, srid)
    check([name for name in queue_rows(signet)] == ["not-a-pdf.pdf"],
          f"the list after sending: {queue_rows(signet)}")


if __name__ == "__main__":
    editor.run_cases([
        ("batch", ["simple.pdf", "fields.pdf", "tags.pdf"], batch),
        ("left-out", ["simple.pdf", "not-a-pdf.pdf", "tags.pdf"], left_out),
        ("quota", ["simple.pdf", "tags.pdf"], quota),
        ("retry", ["simple.pdf", "tags.pdf"], retry),
    ])
