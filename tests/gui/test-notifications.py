#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desktop notifications, recorded by a stand-in org.freedesktop.Notifications
on the private bus (notification_server.py): `signet --sandbox --demo` makes
documents signed, cancelled, expired and gone, and each gets its
notification with title, body and buttons; activating "Show in Signet" of
the signed one opens that document (docs/sandbox.md)."""

import json
import os
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import Gio, GLib  # noqa: E402
from signet_atspi import Signet, TestFailure, check, name_of, wait_for  # noqa: E402

ENV = {"SIGNET_SANDBOX_BIN": os.environ["SIGNET_SANDBOX_BIN"],
       "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-application"}
SETTINGS = {"io/github/signetapp/Signet": {"environment": "'sandbox'", "tracking-interval": "10"}}
# The titles are the states' names (docs/vocabulary.md).
EXPECTED = {
    "Signed": "“Insurance policy.pdf” is signed and saved in the archive folder.",
    "Cancelled": "The signer cancelled the signature request for “Loan contract.pdf”. "
                 "Send it again if it is still needed.",
    "Expired": "Nobody signed “Old offer.pdf” before the request expired. "
               "Send it again if it is still needed.",
    "Failed": "OKdokument no longer has “Withdrawn order.pdf”, so its signing link no longer works. "
              "Send it again from its page in Signet.",
}

class Server:
    """The stand-in, in a process of its own: it keeps its own main loop."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__),
                                                                      "notification_server.py")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.records = []
        threading.Thread(target=self._read, daemon=True).start()
        wait_for(lambda: {"ready": True} in self.records or self.process.poll() is not None,
                 "the stand-in notification server did not start")
        check(self.process.poll() is None, "the stand-in notification server exited")

    def _read(self):
        for line in self.process.stdout:
            self.records.append(json.loads(line))

    def notifications(self):
        return [record for record in self.records if "summary" in record]

    def invoke(self, notification_id, key):
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        bus.call_sync("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                      "org.example.NotificationTest", "Invoke", GLib.Variant("(us)", (notification_id, key)),
                      None, Gio.DBusCallFlags.NONE, 10000, None)

    def close(self):
        self.process.stdin.close()
        self.process.wait(10)


def test(signet, server):
    def all_there():
        summaries = {n["summary"] for n in server.notifications()}
        return set(EXPECTED) <= summaries

    signet.wait_until(all_there, "not every notification came", timeout=120)
    by_summary = {n["summary"]: n for n in server.notifications()}
    for summary, body in EXPECTED.items():
        check(by_summary[summary]["body"] == body, f"{summary!r} says {by_summary[summary]['body']!r}")
        check(by_summary[summary]["app"] != "", f"{summary!r} names no application")
    signed = by_summary["Signed"]
    labels = [label for _, label in signed["actions"]]
    check(labels[-2:] == ["Open", "Show in Signet"], f"the signed one offers {signed['actions']}")
    show = [key for key, label in signed["actions"] if label == "Show in Signet"][0]
    check(show.startswith("app.show-document("), f"Show in Signet is {show!r}")
    opened = [key for key, label in signed["actions"] if label == "Open"][0]
    check(opened.startswith("app.open-archived(") and "Insurance policy" in opened and opened.endswith(".pdf')"),
          f"Open is {opened!r}")
    for summary in ("Cancelled", "Expired", "Failed"):
        check([label for _, label in by_summary[summary]["actions"]] == ["Show in Signet"],
              f"{summary!r} offers {by_summary[summary]['actions']}")

    # A person clicks "Show in Signet": the document's page opens (it was not).
    headings = [name_of(node) for node in signet.find_all("heading")]
    check("Insurance policy.pdf" not in headings, f"the document's page shows already: {headings}")
    server.invoke(signed["id"], show)
    signet.find("heading", "Insurance policy.pdf")
    signet.screenshot("notification-show-in-signet")


def main():
    server = Server()
    signet = Signet("--sandbox", "--demo", env=ENV, settings=SETTINGS)
    try:
        test(signet, server)
        print("PASS notifications")
    except TestFailure as failure:
        print(f"FAIL notifications: {failure}\nrecorded: {server.records}\n--- signet output ---\n{signet.output()}")
        sys.exit(1)
    finally:
        signet.close()
        server.close()


main()
