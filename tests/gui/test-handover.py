#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hand-over page and presenter mode against the built-in sandbox.

Two files are opened and sent as one batch through the request editor, as a
person does: the signer's address typed, Send 2 Requests clicked, the summary
closed. The requests go through the real journal, outbox and tracker to the
sandbox that Signet started, and the window shows the hand-over page. The
QR code on screen is read back with zbarimg and compared with the link the
sandbox e-mailed to the signer, which opens the document the sandbox's list
holds under that name. Signing through the sandbox's /sandbox/ controls
changes the page to "Signed"; presenter mode (F11) shows the code without the
link, moves on to the next document when one is signed, and Escape leaves.
"""

import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check, text_of, walk  # noqa: E402

DEMO_KEY = "signet-sandbox-demo-key"
DATA = os.environ["SIGNET_TEST_DATA"]
SIGNER = "jana.novakova@example.com"
KEY_F11 = 0xFFC8
KEY_ESCAPE = 0xFF1B


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


def http(method, url, body=None, key=None):
    """(status, headers, parsed JSON or None) of one call to the sandbox."""
    headers = {"Content-Type": "application/json"}
    if key:
        headers["x-api-key"] = key
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with OPENER.open(request, timeout=10) as answer:
            raw = answer.read()
            return answer.status, answer.headers, json.loads(raw) if raw.strip().startswith(b"{") or raw.strip().startswith(b"[") else None
    except urllib.error.HTTPError as error:
        return error.code, error.headers, None


def labels(signet, root):
    found = []
    for node in walk(root):
        try:
            if node is not None and node.get_role_name() == "label":
                found.append(text_of(node))
        except GLib.Error:
            continue  # a label that went away while we looked (a toast)
    return found


def wait_label(signet, root, text, timeout=30.0):
    signet.wait_until(lambda: text in labels(signet, root),
                      f"no label {text!r} appeared; labels: {labels(signet, root)}", timeout)


def shallow_labels(root, depth=6):
    """The labels near the top of root's tree, where toasts are: a walk of the whole
    window takes longer than a toast stays on a loaded machine."""
    found, level = [], [root]
    for _ in range(depth):
        below = []
        for node in level:
            try:
                if node.get_role_name() == "label":
                    found.append(text_of(node))
                below.extend(node.get_child_at_index(i) for i in range(node.get_child_count()))
            except GLib.Error:
                continue  # gone while we looked
        level = [n for n in below if n is not None]
    return found


def wait_toast(signet, root, text, timeout=30):
    signet.wait_until(lambda: text in shallow_labels(root), f"no toast {text!r} appeared", timeout=timeout)


def invitation(url, filename):
    """(signing link, request id) of the invitation the sandbox e-mailed for filename."""
    status, _, outbox = http("GET", url + "/sandbox/outbox")
    check(status == 200, f"the outbox answered {status}")
    # The e-mail names the document without its extension.
    title = os.path.splitext(filename)[0]
    mails = [m for m in outbox if m["type"] == "email" and m["to"] == SIGNER and title in m["subject"]]
    check(len(mails) == 1, f"expected one invitation for {filename}, the outbox holds {outbox}")
    link = mails[0]["text"].strip().splitlines()[-1]
    return link, mails[0]["signatureRequestId"]


def check_link_opens(url, link, filename):
    """The link opens (E4) the document the sandbox's list holds under filename."""
    status, _, listed = http("GET", url + "/JSON/list/flat?state=*", key=DEMO_KEY)
    check(status == 200, f"the list answered {status}")
    ours = [d for d in listed if d.get("filename") == filename]
    check(len(ours) == 1, f"expected {filename} once in the list, got {listed}")
    check(ours[0]["state"] == "tosign", f"{filename} is {ours[0]['state']}")
    status, headers, _ = http("GET", link)
    check(status == 302, f"the signing link answered {status}")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(headers["Location"]).query)
    check(query["id"] == [ours[0]["id"]], f"the link opens {query}, not {ours[0]['id']}")


def sensitive(node):
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def send_batch(signet, frame):
    """The two files opened at start, sent to SIGNER with the editor's Send."""
    send = signet.find("push button", "Send 2 Requests", timeout=30,
                       predicate=lambda n: n.get_action_iface() is not None)
    signet.wait_until(lambda: sensitive(send), f"Send 2 Requests stayed off: {send.get_description()!r}",
                      timeout=30)
    # Each file has its own signer: the first one is shown, then the second is chosen in the list.
    entry = signet.find("text", "E-mail Address", root=frame)
    check(Atspi.EditableText.set_text_contents(entry, SIGNER), "could not type the signer's address")
    documents = signet.find("list", "Documents", root=frame)
    second = signet.find("list item", "Insurance Terms.pdf", root=documents)
    signet.click_at(second)
    signet.wait_until(lambda: text_of(signet.find("text", "E-mail Address", root=frame)) != SIGNER,
                      "the editor did not show the second file")
    entry = signet.find("text", "E-mail Address", root=frame)
    check(Atspi.EditableText.set_text_contents(entry, SIGNER), "could not type the second signer's address")
    signet.wait_until(lambda: sensitive(send), f"Send stayed off with {SIGNER}: {send.get_description()!r}")
    signet.click(send)

    # A batch that went well is summed up in a toast, so nothing covers the
    # QR code on the hand-over page (docs/vocabulary.md); a dialog is only
    # for a batch where something failed.
    wait_toast(signet, frame, "2 requests sent", timeout=40)
    others = []
    for window in signet.windows():
        try:
            if window is not None and window.get_name() != "Signet":
                others.append(window.get_name())
        except GLib.Error:  # a window that went while being read
            continue
    check(others == [], f"a window covers the hand-over page although both requests were sent: {others}")


def handover_page(signet, frame):
    """The nearest ancestor of the page's Done button that holds a Copy Link button."""
    node = signet.find_button("Done", root=frame).get_parent()
    while node is not None:
        if any(n.get_role_name() == "push button" and n.get_name() == "Copy Link" for n in walk(node)):
            return node
        node = node.get_parent()
    raise TestFailure("the hand-over page has no Copy Link")


def test(signet, folder, scheme):
    frame = signet.find("frame", "Signet")
    signet.wait_until(lambda: "The sandbox listens on" in signet.output(), "the sandbox never started",
                      timeout=20)
    url = re.search(r"The sandbox listens on (http://127\.0\.0\.1:\d+)", signet.output()).group(1)

    send_batch(signet, frame)

    # The page: the first document of two, waiting, with what was e-mailed.
    wait_label(signet, frame, "Loan Agreement.pdf")
    wait_label(signet, frame, "Waiting for signature…")
    wait_label(signet, frame, "1 of 2")
    page_labels = labels(signet, frame)
    check(any(SIGNER in text for text in page_labels), f"nothing says the link went to {SIGNER}: {page_labels}")
    check(any("one-time code" in text for text in page_labels), f"no advice for a one-time code: {page_labels}")

    first_link, first_id = invitation(url, "Loan Agreement.pdf")
    second_link, second_id = invitation(url, "Insurance Terms.pdf")
    check(signet.decode_qr(frame, f"handover-page-{scheme}") == first_link, "the QR code on the page is not the signing link")
    check_link_opens(url, first_link, "Loan Agreement.pdf")

    # The library's detail page has a Copy Link too: take the hand-over page's, the one that
    # shares a parent with the page's Done.
    copy = signet.find("push button", "Copy Link", root=handover_page(signet, frame))
    signet.click(copy)
    wait_toast(signet, frame, "Link copied")

    # Presenter mode: the code, the name and the state; no link, no copy.
    Atspi.generate_keyboard_event(KEY_F11, None, Atspi.KeySynthType.SYM)
    presenter = signet.find("frame", "Presenter Mode", timeout=10)
    wait_label(signet, presenter, "Scan the QR code with your phone to sign")
    wait_label(signet, presenter, "Loan Agreement.pdf")
    wait_label(signet, presenter, "Document 1 of 2")
    shown = " ".join(labels(signet, presenter))
    check("openDocument" not in shown and "http" not in shown, f"the presenter shows the link: {shown}")
    check(not [n for n in walk(presenter) if n.get_role_name() == "push button" and n.get_name() == "Copy Link"],
          "the presenter offers Copy Link")
    check(signet.decode_qr(presenter, f"presenter-{scheme}") == first_link, "the presenter's QR code is not the signing link")

    # Signed: the presenter says so, then moves on to the next waiting document.
    status, _, _ = http("POST", f"{url}/sandbox/sign/{first_id}", {"name": "Jana Nováková", "mobile": True})
    check(status == 200, f"signing answered {status}")
    wait_label(signet, presenter, "Signed")
    wait_label(signet, presenter, "Insurance Terms.pdf")
    wait_label(signet, presenter, "Waiting for signature…")
    check(signet.decode_qr(presenter, f"presenter-next-{scheme}") == second_link, "the presenter did not move on to the next link")

    Atspi.generate_keyboard_event(KEY_ESCAPE, None, Atspi.KeySynthType.SYM)
    signet.wait_until(lambda: all(w.get_name() != "Presenter Mode" for w in signet.windows() if w is not None),
                      "Escape did not leave presenter mode")

    # The page followed the presenter; the first document is signed.
    wait_label(signet, frame, "2 of 2")
    check(signet.decode_qr(frame, f"handover-page-next-{scheme}") == second_link, "the page does not show the second link")
    status, _, _ = http("POST", f"{url}/sandbox/sign/{second_id}", {"name": "Jana Nováková"})
    check(status == 200, f"signing answered {status}")
    signed_at = time.monotonic()
    wait_label(signet, frame, "Signed")
    # Reported, not asserted: the tracker asks every 3 s about the document on screen.
    print(f"{scheme}: the page said Signed {time.monotonic() - signed_at:.1f} s after signing")
    signet.click(signet.find_button("Previous Document", root=frame))
    wait_label(signet, frame, "Loan Agreement.pdf")
    wait_label(signet, frame, "Signed")
    signet.screenshot(f"handover-signed-{scheme}")

    signet.click(signet.find_button("Done", root=frame))
    signet.find("label", "No Documents Yet", root=frame)


failed = False
for scheme in ("default", "prefer-dark"):
    folder = tempfile.mkdtemp(prefix="signet-handover-")
    files = [os.path.join(folder, name) for name in ("Loan Agreement.pdf", "Insurance Terms.pdf")]
    for path in files:
        shutil.copy(os.path.join(DATA, "fields.pdf"), path)
    signet = Signet(*files, env={"SIGNET_SANDBOX_BIN": os.environ["SIGNET_SANDBOX_BIN"],
                                 "G_MESSAGES_DEBUG": "signet-sandbox-process"},
                    settings={"org/gnome/desktop/interface": {"color-scheme": f"'{scheme}'"},
                              "io/github/signetapp/Signet": {"environment": "'sandbox'",
                                                             "default-sender-email": "'office@example.com'"}})
    try:
        test(signet, folder, scheme)
        print(f"PASS {scheme}")
    except (TestFailure, GLib.Error) as failure:
        print(f"FAIL {scheme}: {failure}\n--- signet output ---\n{signet.output()}")
        failed = True
    finally:
        signet.close()
        shutil.rmtree(folder, ignore_errors=True)
sys.exit(1 if failed else 0)
