#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""signet --sandbox starts the built-in simulator as a child process on a
loopback port, keeps it while it runs, and stops it when it quits, or when
it is killed (the child's standard input closes)."""

import json
import os
import signal
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, run_each, wait_for  # noqa: E402

DEMO_KEY = "signet-sandbox-demo-key"


def children(pid, name):
    """Live processes called name whose parent is pid."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/comm") as comm:
                command = comm.read().strip()
        except OSError:
            continue
        state, parent = fields[0], int(fields[1])
        if parent == pid and command == name and state != "Z":
            found.append(int(entry))
    return found


def alive(pid):
    """True while pid runs; a zombie (nobody reaps it here) counts as gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test(signet, case):
    signet.find("label", "No Documents Yet")
    wait_for(lambda: children(signet.process.pid, "signet-sandbox"), "no signet-sandbox child started")
    (child,) = children(signet.process.pid, "signet-sandbox")

    # It listens on loopback and takes the demo key.
    url = signet.sandbox_url()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url + "/JSON/counter", headers={"x-api-key": DEMO_KEY})
    with opener.open(request, timeout=10) as answer:
        check(answer.status == 200, f"the sandbox answered {answer.status}")
        counter = json.load(answer)
    check("sandbox.availableSignatureRequests" in counter["actual"], f"odd counter {counter}")

    if case == "quit":
        signet.key("Control", "q")
        rc = signet.wait_exit()
        check(rc == 0, f"signet {signet.ended()}")
    else:
        signet.process.send_signal(signal.SIGKILL)
        signet.wait_exit()
    wait_for(lambda: not alive(child), f"signet-sandbox ({child}) still runs after {case}")


OPTIONS = {"args": ["--sandbox"], "env": {"SIGNET_SANDBOX_BIN": os.environ["SIGNET_SANDBOX_BIN"],
                                           "G_MESSAGES_DEBUG": "signet-sandbox-process"}}
run_each([("quit", OPTIONS), ("killed", OPTIONS)], test)
